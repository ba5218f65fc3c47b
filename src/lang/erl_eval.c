/* erl_eval.c - funs made by evaluation, as the BEAM's erl_eval makes them.
 *
 * On the BEAM a fn typed in iex is a fun of erl_eval whose only free
 * variable is an env {Anno, Bindings, Lf, Ef, UsedVars, Clauses}: the
 * bindings it uses (Erlang names => values) and its clauses in Erlang
 * abstract format.  Another node runs it with its own erl_eval.  Here:
 *
 *   - a shell fun that leaves the node gets that env (eval_env_of), its
 *     clauses translated once per lambda (to_erl.c) and remembered, so
 *     that the same fun coming back is the local fun again (eval_local_of):
 *     == and === hold after a round trip;
 *   - an erl_eval fun that arrives is compiled once per clauses (from_erl.c)
 *     into a lambda whose one free variable is the env, and runs as
 *     compiled code (the loader below);
 *   - :erl_eval.exprs/2 evaluates abstract expressions (the prelude's
 *     :erl_eval calls :ciex.erl_eval_compile/2).
 *
 * Which index and uniq the fun carries on the wire is the peer's business:
 * the distribution learns them from each peer (src/dist/fun_layout.c). */
#include <stdio.h>
#include <string.h>

#include "ciex/lang.h"
#include "ciex/vm.h"
#include "erl_forms.h"

/* Translates a shell lambda once; false when it has no translation. */
static bool ensure_clauses(vm_runtime *rt, vm_code *code)
{
    if (code->erl_clauses == TERM_NONE) {
        char err[160];
        term names;
        term cls = erl_from_fn(rt, code->source, code->capture_names, &names, err, sizeof err);
        if (cls == TERM_NONE) {
            code->erl_clauses = TERM_NIL;
            return false;
        }
        code->erl_clauses = cls;
        code->erl_names = names;
        term *table = vm_eval_fun_table(rt);
        *table = term_map_put(*table, term_retain(cls), vm_code_resource(code));
    }
    return code->erl_clauses != TERM_NIL;
}

static uint32_t source_line(term ast)
{
    if (!term_is_tuple(ast) || term_tuple_arity(ast) != 3) return 1;
    for (term l = term_tuple_get(ast, 1); term_is_cons(l); l = term_tail(l)) {
        term kv = term_head(l);
        if (term_is_tuple(kv) && term_tuple_arity(kv) == 2 && term_tuple_get(kv, 0) == term_atom("line") &&
            term_is_small(term_tuple_get(kv, 1)))
            return (uint32_t)term_small_value(term_tuple_get(kv, 1));
    }
    return 1;
}

static term eval_env_of(vm_runtime *rt, term fun)
{
    if (!term_has_type(fun, TERM_T_FUN)) return TERM_NONE;
    const term_fun *f = term_fun_ptr(fun);
    if (f->code == TERM_NONE) return TERM_NONE;
    vm_code *code = term_resource_data(f->code);
    if (code->source == TERM_NONE || code->capture_names == TERM_NONE) return TERM_NONE;
    if (!ensure_clauses(rt, code)) return TERM_NONE;
    term bs = term_map_new(f->nfree);
    uint32_t i = 0;
    for (term l = code->erl_names; term_is_cons(l) && i < f->nfree; l = term_tail(l), i++)
        bs = term_map_put(bs, term_head(l), term_retain(f->free[i]));
    term env = term_tuple_new(6);
    term_tuple_init(env, 0, term_small(source_line(code->source)));
    term_tuple_init(env, 1, bs);
    term_tuple_init(env, 2, term_atom("none"));
    term_tuple_init(env, 3, term_atom("none"));
    term_tuple_init(env, 4, term_map_new(0));
    term_tuple_init(env, 5, term_retain(code->erl_clauses));
    return env;
}

static term eval_local_of(vm_runtime *rt, term fun)
{
    if (!vm_is_erl_eval_fun(fun)) return TERM_NONE;
    const term_fun *f = term_fun_ptr(fun);
    term env = f->free[0];
    if (term_tuple_arity(env) != 6) return TERM_NONE;
    term res = term_map_get(*vm_eval_fun_table(rt), term_tuple_get(env, 5));
    if (res == TERM_NONE) return TERM_NONE;
    const vm_code *code = term_resource_data(res);
    term bs = term_tuple_get(env, 1);
    if (!term_is_map(bs) || code->arity != f->arity) return TERM_NONE;
    uint32_t n = (uint32_t)term_list_length(code->erl_names);
    if (term_map_size(bs) != n) return TERM_NONE;
    term values[64];
    if (n > 64) return TERM_NONE;
    uint32_t i = 0;
    for (term l = code->erl_names; term_is_cons(l); l = term_tail(l), i++) {
        values[i] = term_map_get(bs, term_head(l));
        if (values[i] == TERM_NONE) return TERM_NONE;
    }
    /* the fun as OP_MAKE_FUN made it */
    term local = term_fun_new(code->module, code->arity, code->fun_index, code->fun_uniq, code->fun_index,
                              (uint32_t)code->fun_uniq[0] << 16 | code->fun_uniq[1], term_retain(f->pid),
                              vm_code_resource(code), n);
    for (i = 0; i < n; i++) term_fun_init_free(local, i, term_retain(values[i]));
    return local;
}

static const vm_eval_funs eval_funs = {eval_env_of, eval_local_of};

/* The code of an erl_eval fun from another node: its clauses compiled
 * into a lambda of one free variable, the env. */
const vm_code *lang_load_erl_eval_fun(vm_runtime *rt, term fun)
{
    const term_fun *f = term_fun_ptr(fun);
    term env = f->free[0];
    term name = term_tuple_arity(env) == 7 ? term_tuple_get(env, 6) : TERM_NONE;
    if (name != TERM_NONE && !term_is_atom(name)) return NULL;
    term bs = term_tuple_get(env, 1), names = TERM_NIL;
    if (!term_is_map(bs)) return NULL;
    for (uint32_t i = term_map_size(bs); i-- > 0;) {
        if (!term_is_atom(term_map_key(bs, i))) {
            term_release(names);
            return NULL;
        }
        names = term_cons_new(term_map_key(bs, i), names);
    }
    char err[160];
    term fn = erl_to_fn(term_tuple_get(env, 5), names, name, term_atom("ciex fun meta"), err, sizeof err);
    term_release(names);
    if (fn == TERM_NONE) return NULL;
    lang_compile_error cerr;
    const vm_code *code = lang_compile_remote_fun(rt, fn, TERM_NIL, &cerr);
    term_release(fn);
    if (code && code->arity != f->arity) return NULL;
    return code;
}

/* :ciex.erl_eval_compile(exprs, bound) -> {:ok, fun, names} | {:error, text}
 * for :erl_eval.exprs/2: `bound` are the Erlang names already bound;
 * fun.(binding_map) (Elixir names) returns {value, binding_map}; names
 * pairs each Erlang variable with its Elixir name. */
static vm_status bif_erl_eval_compile(vm_process *p, const term *a, term *r)
{
    if (!term_is_list(a[0]) || !term_is_list(a[1])) return vm_badarg(p);
    char err[160];
    term names;
    term block = erl_to_block(a[0], a[1], &names, err, sizeof err);
    if (block == TERM_NONE) {
        *r = term_tuple2(term_atom("error"), term_binary_from_cstr(err));
        return VM_OK;
    }
    term bound = TERM_NIL;
    for (term l = a[1]; term_is_cons(l); l = term_tail(l)) bound = term_cons_new(erl_var_name(term_head(l)), bound);
    lang_compile_error cerr;
    lang_compile_opts opts = {"nofile", bound, true, 0, false};
    vm_runtime *rt = vm_process_runtime(p);
    vm_code *code = lang_compile(rt, block, &opts, &cerr);
    term_release(block);
    term_release(bound);
    if (!code) {
        term_release(names);
        *r = term_tuple2(term_atom("error"), term_binary_from_cstr(cerr.message));
        return VM_OK;
    }
    *r = term_tuple3(TERM_ATOM_OK, vm_code_fun(rt, code), names);
    return VM_OK;
}

static const vm_bif_def erl_eval_bifs[] = {
    {"ciex", "erl_eval_compile", 2, bif_erl_eval_compile},
    {NULL, NULL, 0, NULL},
};

void lang_register_erl_eval(vm_runtime *rt)
{
    vm_register_bifs(rt, erl_eval_bifs);
    vm_set_eval_funs(rt, &eval_funs);
}
