/* erl_forms.h - Elixir's quoted form to Erlang's abstract format and back,
 * for funs made by evaluation (src/lang/to_erl.c, src/lang/from_erl.c).
 *
 * A fn typed in iex is an erl_eval fun on the BEAM: its environment holds
 * the fun's clauses in Erlang abstract format (what elixir_erl_pass makes
 * of the expanded Elixir code) and the bindings it uses.  ciex compiles
 * shell funs from Elixir's AST as any other code; these translators make
 * the clauses a BEAM peer expects when such a fun leaves the node, and
 * turn the clauses of an erl_eval fun that arrives back into an `fn` the
 * compiler reads. */
#ifndef CIEX_ERL_FORMS_H
#define CIEX_ERL_FORMS_H

#include <stdbool.h>
#include <stddef.h>

#include "ciex/term.h"

struct vm_runtime;

/* The abstract-format clauses of an `fn` AST whose free variables are
 * `captures` (Elixir names, in the order the fun holds their values).
 * *erl_names gets the Erlang variable names the clauses use for them, in
 * the same order.  Returns the list of {clause, ...} (owned) or TERM_NONE
 * with a reason in err (a construct that has no translation yet). */
term erl_from_fn(struct vm_runtime *rt, term fn_ast, term captures, term *erl_names, char *err, size_t errlen);

/* An `fn` AST for erl_eval clauses (a list of {clause, Anno, Patterns,
 * Guards, Body}) whose outer bindings are `bound_names` (Erlang names).
 * The fn reads them from the variable `env_var` (the erl_eval env tuple,
 * whose second element is the binding map).  name: the Name of a named
 * fun (`fun Name(...) -> ... end`, an env of 7 elements), else TERM_NONE.  Returns TERM_NONE with a reason in err for a form it does
 * not know, or a malformed one. */
term erl_to_fn(term clauses, term bound_names, term name, term env_var, char *err, size_t errlen);

/* Expressions for erl_eval:exprs/2: a __block__ AST; `bound` is the list
 * of Erlang variable names bound beforehand.  *names gets {erl_name,
 * elixir_name} pairs of every variable the block binds or reads. */
term erl_to_block(term exprs, term bound, term *names, char *err, size_t errlen);

/* The Elixir variable name that stands for an Erlang variable. */
term erl_var_name(term erl_name);

/* ---- erl_eval.c ---- */
struct vm_code;
/* The compiled code of an erl_eval fun from another node, or NULL. */
const struct vm_code *lang_load_erl_eval_fun(struct vm_runtime *rt, term fun);
/* :ciex.erl_eval_compile/2 and the runtime's vm_eval_funs. */
void lang_register_erl_eval(struct vm_runtime *rt);

#endif
