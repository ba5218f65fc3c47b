/* compile_forms.c - special forms and the Kernel macros compiled directly:
 * =, case, cond, if/unless, &&/||/!, and/or, |>, fn, &, receive, try,
 * raise/reraise, for, with, in, <>, .., string building, structs and
 * module attributes. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

static uint32_t result_reg(fn_state *fs, uint32_t dst) { return dst == CC_ANY ? cc_alloc(fs) : dst; }

static uint32_t into_reg(fn_state *fs, uint32_t dst, uint32_t v)
{
    if (dst == CC_ANY) return v;
    cc_move(fs, dst, v);
    return dst;
}

static uint32_t finish(fn_state *fs, uint32_t v, bool tail)
{
    if (!tail) return v;
    cc_emit(fs, OP_RET);
    cc_emit(fs, v);
    return CC_ANY;
}

static term arg(term e, int i)
{
    term l = ast_args(e);
    while (i-- > 0 && term_is_cons(l)) l = term_tail(l);
    return term_is_cons(l) ? term_head(l) : TERM_NONE;
}

static uint32_t remote(fn_state *fs, const char *mod, const char *fun, uint32_t n, const uint32_t *args, uint32_t dst)
{
    uint32_t d = result_reg(fs, dst);
    cc_call_remote(fs, d, term_atom(mod), term_atom(fun), n, args);
    return d;
}

static uint32_t bif(fn_state *fs, const char *mod, const char *name, uint32_t n, const uint32_t *args, uint32_t dst)
{
    uint32_t d = result_reg(fs, dst);
    cc_emit(fs, OP_BIF);
    cc_emit(fs, d);
    cc_emit(fs, (uint32_t)cc_bif(fs, mod, name, n));
    cc_emit(fs, 0);
    cc_emit(fs, n);
    for (uint32_t i = 0; i < n; i++) cc_emit(fs, args[i]);
    return d;
}


/* ---- clauses ---- */

/* One `pattern(s) [when guard] -> body` clause of case/fn/receive: the
 * subject values are in subjects[0..n). */
typedef struct clause_ctx {
    const uint32_t *subjects;
    uint32_t n;
    uint32_t dst;
    bool tail;
    label_list *ends; /* jumps to after all clauses */
    uint32_t *always; /* case and fn: the line of a clause that always matches (warnings), or NULL */
} clause_ctx;

/* Compiles a clause; returns the failure labels to patch to the next one.
 * `before_body` (if not NULL) is emitted once the clause matched. */
static void compile_clause(fn_state *fs, term clause, const clause_ctx *cx, label_list *fails,
                           void (*before_body)(fn_state *fs))
{
    term cargs = ast_args(clause);
    term heads = term_head(cargs), body = term_head(term_tail(cargs));
    scope sc;
    cc_scope_push(fs, &sc);
    /* the heads arrive as [p1, p2 when g]: the guard wraps the last one */
    term pats[64];
    term guard;
    uint32_t np = cc_clause_heads(heads, pats, 64, &guard);
    if (np != cx->n) cc_error(fs, "CompileError", "wrong number of patterns in clause");
    if (cx->always) cc_warn_clauses(fs, pats, np, guard, cc_line_of(clause), cx->always, NULL);
    term saved = fs->pattern_vars;
    fs->pattern_vars = TERM_NIL;
    for (uint32_t i = 0; i < np; i++) cc_match(fs, pats[i], cx->subjects[i], fails);
    term_release(fs->pattern_vars);
    fs->pattern_vars = saved;
    cc_guard(fs, guard, fails);
    if (before_body) before_body(fs);
    if (cx->tail) {
        cc_expr_pos(fs, body, CC_ANY, true);
        if (ast_is_call(body, "__block__", -1)) { /* handled inside */ }
    } else {
        cc_block(fs, body, cx->dst);
        cc_label_add(fs, cx->ends, cc_jump_placeholder(fs));
    }
    cc_scope_pop(fs);
}

/* Blocks in tail position: every expression but the last is a statement. */
static void tail_block(fn_state *fs, term body)
{
    if (!ast_is_call(body, "__block__", -1)) {
        cc_expr_pos(fs, body, CC_ANY, true);
        return;
    }
    term exprs = ast_args(body);
    if (exprs == TERM_NIL) {
        finish(fs, cc_literal(fs, TERM_ATOM_NIL), true);
        return;
    }
    for (term l = exprs; term_is_cons(l); l = term_tail(l)) {
        if (term_tail(l) == TERM_NIL) cc_expr_pos(fs, term_head(l), CC_ANY, true);
        else cc_expr(fs, term_head(l), CC_ANY);
    }
}

static void compile_clauses(fn_state *fs, term clauses, const clause_ctx *cx, void (*on_nomatch)(fn_state *, const clause_ctx *))
{
    for (term l = clauses; term_is_cons(l); l = term_tail(l)) {
        label_list fails = {0};
        uint32_t floor = fs->next_reg;
        compile_clause(fs, term_head(l), cx, &fails, NULL);
        fs->next_reg = floor;
        cc_label_patch(fs, &fails, cc_here(fs));
    }
    on_nomatch(fs, cx);
}

static void raise_tagged(fn_state *fs, const char *tag, uint32_t v)
{
    uint32_t r = cc_tuple_operand(fs, CC_ANY, 2, (uint32_t[]){cc_literal(fs, term_atom(tag)), v});
    cc_raise_term(fs, "error", r);
}

static void case_nomatch(fn_state *fs, const clause_ctx *cx) { raise_tagged(fs, "case_clause", cx->subjects[0]); }

/* ---- = ---- */

static uint32_t compile_match_op(fn_state *fs, term e, uint32_t dst, bool tail)
{
    term pat = arg(e, 0), rhs = arg(e, 1);
    /* plain rebinding: x = expr */
    uint32_t v;
    if (ast_is_var(pat) && term_atom_name(ast_var_name(pat))[0] != '_') {
        v = cc_alloc(fs);
        cc_expr(fs, rhs, v);
        cc_bind(fs, ast_var_name(pat), v);
        if (dst != CC_ANY) cc_move(fs, dst, v);
        return finish(fs, dst != CC_ANY ? dst : v, tail);
    }
    v = cc_expr(fs, rhs, CC_ANY);
    if (v & VM_LIT || dst != CC_ANY) {
        uint32_t r = result_reg(fs, dst);
        cc_move(fs, r, v);
        v = r;
    }
    label_list fails = {0};
    term saved = fs->pattern_vars;
    fs->pattern_vars = TERM_NIL;
    cc_match(fs, pat, v, &fails);
    term_release(fs->pattern_vars);
    fs->pattern_vars = saved;
    if (fails.n) {
        uint32_t ok = cc_jump_placeholder(fs);
        cc_label_patch(fs, &fails, cc_here(fs));
        raise_tagged(fs, "badmatch", v);
        cc_patch(fs, ok, cc_here(fs));
    }
    return finish(fs, v, tail);
}

/* ---- case / cond / if ---- */

static uint32_t compile_case(fn_state *fs, term e, uint32_t dst, bool tail)
{
    uint32_t subject = cc_expr(fs, arg(e, 0), CC_ANY);
    term clauses = ast_kw_get(arg(e, 1), "do");
    uint32_t d = tail ? CC_ANY : result_reg(fs, dst);
    label_list ends = {0};
    uint32_t always = 0;
    clause_ctx cx = {&subject, 1, d, tail, &ends, &always};
    compile_clauses(fs, clauses, &cx, case_nomatch);
    cc_label_patch(fs, &ends, cc_here(fs));
    return d;
}

/* if/unless: `negate` for unless */
static uint32_t compile_if(fn_state *fs, term e, uint32_t dst, bool tail, bool negate)
{
    term kw = arg(e, 1);
    term then_b = ast_kw_get(kw, "do"), else_b = ast_kw_get(kw, "else");
    if (then_b == TERM_NONE) cc_error(fs, "ArgumentError", "invalid or duplicate keys for if, only \"do\" and an optional \"else\" are permitted");
    if (else_b == TERM_NONE) else_b = TERM_ATOM_NIL;
    if (negate) {
        term t = then_b;
        then_b = else_b;
        else_b = t;
    }
    label_list falsy = {0};
    cc_branch_unless(fs, arg(e, 0), &falsy);
    uint32_t d = tail ? CC_ANY : result_reg(fs, dst);
    scope sc;
    cc_scope_push(fs, &sc);
    if (tail) tail_block(fs, then_b);
    else cc_block(fs, then_b, d);
    cc_scope_pop(fs);
    uint32_t end = tail ? 0 : cc_jump_placeholder(fs);
    cc_label_patch(fs, &falsy, cc_here(fs));
    cc_scope_push(fs, &sc);
    if (tail) tail_block(fs, else_b);
    else cc_block(fs, else_b, d);
    cc_scope_pop(fs);
    if (!tail) cc_patch(fs, end, cc_here(fs));
    return d;
}

static uint32_t compile_cond(fn_state *fs, term e, uint32_t dst, bool tail)
{
    term clauses = ast_kw_get(arg(e, 0), "do");
    uint32_t d = tail ? CC_ANY : result_reg(fs, dst);
    label_list ends = {0};
    for (term l = clauses; term_is_cons(l); l = term_tail(l)) {
        term cl = term_head(l);
        term cond = term_head(arg(cl, 0)), body = arg(cl, 1);
        scope sc;
        cc_scope_push(fs, &sc);
        label_list next = {0};
        cc_branch_unless(fs, cond, &next);
        if (tail) tail_block(fs, body);
        else {
            cc_block(fs, body, d);
            cc_label_add(fs, &ends, cc_jump_placeholder(fs));
        }
        cc_scope_pop(fs);
        cc_label_patch(fs, &next, cc_here(fs));
    }
    cc_raise_term(fs, "error", cc_literal(fs, term_atom("cond_clause")));
    cc_label_patch(fs, &ends, cc_here(fs));
    return d;
}

/* a && b, a || b: short-circuit on truthiness */
static uint32_t compile_short(fn_state *fs, term e, uint32_t dst, bool tail, bool is_and)
{
    uint32_t d = result_reg(fs, dst);
    cc_expr(fs, arg(e, 0), d);
    label_list falsy = {0};
    cc_jump_if_falsy(fs, d, &falsy);
    if (is_and) {
        cc_expr(fs, arg(e, 1), d);
        cc_label_patch(fs, &falsy, cc_here(fs));
    } else {
        uint32_t end = cc_jump_placeholder(fs);
        cc_label_patch(fs, &falsy, cc_here(fs));
        cc_expr(fs, arg(e, 1), d);
        cc_patch(fs, end, cc_here(fs));
    }
    return finish(fs, d, tail);
}

/* strict and/or: the left side must be a boolean */
static uint32_t compile_strict(fn_state *fs, term e, uint32_t dst, bool tail, bool is_and)
{
    uint32_t d = result_reg(fs, dst);
    cc_expr(fs, arg(e, 0), d);
    uint32_t a = cc_literal(fs, term_atom(is_and ? "false" : "true"));
    uint32_t b = cc_literal(fs, term_atom(is_and ? "true" : "false"));
    /* short-circuit value */
    cc_emit(fs, OP_TEST_NE_EXACT);
    cc_emit(fs, d);
    cc_emit(fs, a);
    uint32_t to_end = cc_emit(fs, 0);
    cc_emit(fs, OP_TEST_EQ_EXACT);
    cc_emit(fs, d);
    cc_emit(fs, b);
    uint32_t bad = cc_emit(fs, 0);
    cc_expr(fs, arg(e, 1), d);
    uint32_t end = cc_jump_placeholder(fs);
    cc_patch(fs, bad, cc_here(fs));
    /* {:badbool, :and, value}, as Elixir raises it */
    uint32_t r = cc_tuple_operand(fs, CC_ANY, 3, (uint32_t[]){cc_literal(fs, term_atom("badbool")),
                                                            cc_literal(fs, term_atom(is_and ? "and" : "or")), d});
    cc_raise_term(fs, "error", r);
    cc_patch(fs, end, cc_here(fs));
    cc_patch(fs, to_end, cc_here(fs));
    return finish(fs, d, tail);
}

static uint32_t compile_not_truthy(fn_state *fs, term e, uint32_t dst, bool tail)
{
    uint32_t d = result_reg(fs, dst);
    uint32_t v = cc_expr(fs, arg(e, 0), CC_ANY);
    label_list falsy = {0};
    cc_jump_if_falsy(fs, v, &falsy);
    cc_move(fs, d, cc_literal(fs, TERM_FALSE));
    uint32_t end = cc_jump_placeholder(fs);
    cc_label_patch(fs, &falsy, cc_here(fs));
    cc_move(fs, d, cc_literal(fs, TERM_TRUE));
    cc_patch(fs, end, cc_here(fs));
    return finish(fs, d, tail);
}

/* ---- |> ---- */

/* a |> f(b) is f(a, b): builds the rewritten call */
static term pipe_into(term left, term call)
{
    if (term_is_tuple(call) && term_tuple_arity(call) == 3 && term_is_list(term_tuple_get(call, 2))) {
        term args = term_cons_new(term_retain(left), term_retain(term_tuple_get(call, 2)));
        return term_tuple3(term_retain(term_tuple_get(call, 0)), term_retain(term_tuple_get(call, 1)), args);
    }
    if (term_is_tuple(call) && term_tuple_arity(call) == 3) { /* a |> f (a variable-looking name) */
        term args = term_cons_new(term_retain(left), TERM_NIL);
        return term_tuple3(term_retain(term_tuple_get(call, 0)), term_retain(term_tuple_get(call, 1)), args);
    }
    return TERM_NONE;
}

static uint32_t compile_pipe(fn_state *fs, term e, uint32_t dst, bool tail)
{
    term call = pipe_into(arg(e, 0), arg(e, 1));
    if (call == TERM_NONE) cc_error(fs, "ArgumentError", "cannot pipe into this expression");
    return cc_expr_pos(fs, cc_hold(fs->c, call), dst, tail);
}

/* ---- destructure ---- */

/* destructure([a, b], expr) is [a, b] = Kernel.Utils.destructure(expr, 2):
 * the list on the right is cut or padded with nil to the pattern's length. */
static uint32_t compile_destructure(fn_state *fs, term e, uint32_t dst, bool tail)
{
    term left = arg(e, 0);
    intptr_t n = term_list_length(left);
    if (n < 0) cc_error(fs, "CompileError", "destructure/2 expects a list of patterns as its first argument");
    term dot = term_tuple3(term_atom("."), TERM_NIL,
                           term_cons_new(term_atom("Elixir.Kernel.Utils"), term_cons_new(term_atom("destructure"), TERM_NIL)));
    term call = term_tuple3(dot, TERM_NIL, term_cons_new(term_retain(arg(e, 1)), term_cons_new(term_small(n), TERM_NIL)));
    term match = term_tuple3(term_atom("="), TERM_NIL, term_cons_new(term_retain(left), term_cons_new(call, TERM_NIL)));
    return compile_match_op(fs, cc_hold(fs->c, match), dst, tail);
}

/* ---- fn and & ---- */

/* Compiles fn clauses into a lambda and emits MAKE_FUN. */
static uint32_t compile_fn_clauses_with(fn_state *fs, term clauses, uint32_t arity, uint32_t dst, term source,
                                        term precapture);

static uint32_t compile_fn_clauses(fn_state *fs, term clauses, uint32_t arity, uint32_t dst, term source)
{
    return compile_fn_clauses_with(fs, clauses, arity, dst, source, TERM_NIL);
}

/* precapture: names to capture first, in this order, before the body
 * captures anything else (a fun from another node brings its free
 * variables in the order its sender captured them). */
static uint32_t compile_fn_clauses_with(fn_state *fs, term clauses, uint32_t arity, uint32_t dst, term source,
                                        term precapture)
{
    module_ctx *m = fs->c->mod;
    fn_state *lf = ciex_xcalloc(1, sizeof *lf, "compiler");
    char name[96];
    /* named as the BEAM names it, after the function it is in:
     * "-f/1-fun-0-" (Exception.format_mfa reads it) */
    /* numbered in the order the funs start, as the BEAM numbers them */
    uint32_t index = m->lambda_counter++;
    const fn_state *named = fs;
    while (named->is_lambda && named->parent) named = named->parent;
    if (m->is_module && !named->is_lambda)
        snprintf(name, sizeof name, "-%.40s/%u-fun-%u-", term_atom_name(named->code->name), named->code->arity,
                 index);
    else
        snprintf(name, sizeof name, "-fun-%u-", index);
    cc_fn_init(lf, fs->c, fs, m->is_module ? m->name : term_atom("erl_eval"), term_atom(name), arity);
    lf->is_lambda = true;
    lf->line = fs->line;
    for (term l = precapture; term_is_cons(l); l = term_tail(l)) {
        uint32_t op;
        cc_lookup(lf, term_head(l), &op);
    }
    scope sc;
    cc_scope_push(lf, &sc);
    uint32_t subjects[64];
    for (uint32_t i = 0; i < arity; i++) subjects[i] = i;
    label_list ends = {0};
    uint32_t always = 0;
    clause_ctx cx = {subjects, arity, CC_ANY, true, &ends, &always};
    for (term l = clauses; term_is_cons(l); l = term_tail(l)) {
        label_list fails = {0};
        uint32_t floor = lf->next_reg;
        compile_clause(lf, term_head(l), &cx, &fails, NULL);
        lf->next_reg = floor;
        cc_label_patch(lf, &fails, cc_here(lf));
    }
    /* no clause matched: FunctionClauseError */
    cc_raise_term(lf, "error", cc_literal(lf, term_atom("function_clause")));
    cc_scope_pop(lf);
    /* where the captured values live in this function, before finishing
     * the lambda renumbers its own registers */
    uint32_t ncaptured = lf->ncaptures;
    uint32_t *captured = ciex_xmalloc((ncaptured ? ncaptured : 1) * sizeof *captured, "compiler");
    for (uint32_t i = 0; i < ncaptured; i++) captured[i] = lf->captures[i].parent_operand;
    term names = TERM_NIL;
    for (uint32_t i = ncaptured; i-- > 0;) names = term_cons_new(lf->captures[i].name, names);
    vm_code *code = cc_fn_finish(lf);
    code->capture_names = names;
    code->fun_index = index;
    /* a stable identity for the fun: from its position and source */
    uint64_t h = term_hash(source) ^ ((uint64_t)code->fun_index << 32) ^ term_atom_ptr(code->module)->hash;
    for (int i = 0; i < 16; i++) code->fun_uniq[i] = (uint8_t)(h >> ((i % 8) * 8)) ^ (uint8_t)i;
    /* funs made outside modules (shell input, scripts) carry their source,
     * so that another ciex node can run them */
    if (fs->c->shell || !m->is_module) code->source = term_retain(source);
    /* inspect names the function the fun was defined in */
    const fn_state *outer = fs;
    while (outer->is_lambda && outer->parent) outer = outer->parent;
    char display[300];
    if (fs->c->shell) snprintf(display, sizeof display, ":erl_eval.expr/6");
    else if (!m->is_module) snprintf(display, sizeof display, ":elixir_compiler_1.__FILE__/1");
    else {
        char mod[256];
        snprintf(display, sizeof display, "%s.%s/%u", cc_module_text(m->name, mod, sizeof mod),
                 term_atom_name(outer->code->name), outer->code->arity);
    }
    code->display = term_binary_from_cstr(display);
    /* register the lambda in the parent */
    if (fs->nlambdas == fs->lambdas_cap) {
        fs->lambdas_cap = fs->lambdas_cap ? fs->lambdas_cap * 2 : 4;
        fs->lambdas = ciex_xrealloc(fs->lambdas, fs->lambdas_cap * sizeof *fs->lambdas, "compiler");
    }
    uint32_t idx = fs->nlambdas++;
    fs->lambdas[idx] = code;
    uint32_t d = result_reg(fs, dst);
    cc_emit(fs, OP_MAKE_FUN);
    cc_emit(fs, d);
    cc_emit(fs, idx);
    cc_emit(fs, ncaptured);
    for (uint32_t i = 0; i < ncaptured; i++) cc_emit(fs, captured[i]);
    free(captured);
    free(lf);
    return d;
}

static uint32_t compile_fn(fn_state *fs, term e, uint32_t dst)
{
    term clauses = ast_args(e);
    term first = term_head(clauses);
    term pats[64], guard;
    uint32_t arity = cc_clause_heads(term_head(ast_args(first)), pats, 64, &guard);
    return compile_fn_clauses(fs, clauses, arity, dst, e);
}

/* Highest &N used inside a capture body. */
uint32_t cc_capture_arity(term e)
{
    if (ast_is_call(e, "&", 1) && term_is_small(arg(e, 0))) return (uint32_t)term_small_value(arg(e, 0));
    uint32_t n = 0;
    if (term_is_tuple(e)) {
        for (uint32_t i = 0; i < term_tuple_arity(e); i++) {
            uint32_t k = cc_capture_arity(term_tuple_get(e, i));
            if (k > n) n = k;
        }
    } else if (term_is_cons(e)) {
        for (term l = e; term_is_cons(l); l = term_tail(l)) {
            uint32_t k = cc_capture_arity(term_head(l));
            if (k > n) n = k;
        }
    }
    return n;
}

/* Replaces &N by variables named :"&N" */
static term capture_rewrite(term e)
{
    if (ast_is_call(e, "&", 1) && term_is_small(arg(e, 0))) {
        char name[32];
        snprintf(name, sizeof name, "&%ld", (long)term_small_value(arg(e, 0)));
        return term_tuple3(term_atom(name), TERM_NIL, TERM_ATOM_NIL);
    }
    if (term_is_tuple(e)) {
        uint32_t n = term_tuple_arity(e);
        term t = term_tuple_new(n);
        for (uint32_t i = 0; i < n; i++) term_tuple_init(t, i, capture_rewrite(term_tuple_get(e, i)));
        return t;
    }
    if (term_is_cons(e)) return term_cons_new(capture_rewrite(term_head(e)), capture_rewrite(term_tail(e)));
    return term_retain(e);
}

/* Kernel functions and operators Elixir inlines as :erlang's, so that
 * &is_atom/1 and &Kernel.is_atom/1 are &:erlang.is_atom/1.  NULL when
 * f/arity is not one of them. */
static const char *kernel_capture_bif(term name, uint32_t arity)
{
    static const struct { const char *name; uint32_t arity; const char *bif; } table[] = {
        {"abs", 1, "abs"}, {"apply", 2, "apply"}, {"apply", 3, "apply"}, {"binary_part", 3, "binary_part"},
        {"bit_size", 1, "bit_size"}, {"byte_size", 1, "byte_size"}, {"ceil", 1, "ceil"}, {"div", 2, "div"},
        {"exit", 1, "exit"}, {"floor", 1, "floor"}, {"function_exported?", 3, "function_exported"},
        {"hd", 1, "hd"}, {"is_atom", 1, "is_atom"}, {"is_binary", 1, "is_binary"},
        {"is_bitstring", 1, "is_bitstring"}, {"is_boolean", 1, "is_boolean"}, {"is_float", 1, "is_float"},
        {"is_function", 1, "is_function"}, {"is_function", 2, "is_function"}, {"is_integer", 1, "is_integer"},
        {"is_list", 1, "is_list"}, {"is_map", 1, "is_map"}, {"is_number", 1, "is_number"},
        {"is_pid", 1, "is_pid"}, {"is_port", 1, "is_port"}, {"is_reference", 1, "is_reference"},
        {"is_tuple", 1, "is_tuple"}, {"length", 1, "length"}, {"make_ref", 0, "make_ref"},
        {"map_size", 1, "map_size"}, {"max", 2, "max"}, {"min", 2, "min"}, {"node", 0, "node"},
        {"node", 1, "node"}, {"not", 1, "not"}, {"rem", 2, "rem"}, {"round", 1, "round"}, {"self", 0, "self"},
        {"send", 2, "send"}, {"spawn", 1, "spawn"}, {"spawn", 3, "spawn"}, {"spawn_link", 1, "spawn_link"},
        {"spawn_link", 3, "spawn_link"}, {"spawn_monitor", 1, "spawn_monitor"},
        {"spawn_monitor", 3, "spawn_monitor"}, {"throw", 1, "throw"}, {"tl", 1, "tl"}, {"trunc", 1, "trunc"},
        {"tuple_size", 1, "tuple_size"}, {NULL, 0, NULL},
    };
    /* the operators: &>=/2 is &:erlang.>=/2 */
    static const char *ops[][2] = {{"+", "+"}, {"-", "-"}, {"*", "*"}, {"/", "/"}, {"==", "=="},
                                   {"!=", "/="}, {"===", "=:="}, {"!==", "=/="}, {"<", "<"}, {">", ">"},
                                   {"<=", "=<"}, {">=", ">="}, {"++", "++"}, {"--", "--"}, {NULL, NULL}};
    const char *s = term_atom_name(name);
    for (int i = 0; table[i].name; i++)
        if (table[i].arity == arity && strcmp(table[i].name, s) == 0) return table[i].bif;
    for (int i = 0; ops[i][0]; i++)
        if (strcmp(s, ops[i][0]) == 0 && (arity == 2 || (arity == 1 && (s[0] == '+' || s[0] == '-') && !s[1])))
            return ops[i][1];
    return NULL;
}

/* Kernel's macros in Elixir 1.14 (Kernel.__info__(:macros)) that ciex
 * may define as functions: a capture of one is a fn, as in Elixir. */
static bool kernel_macro(term name, uint32_t arity)
{
    static const struct { const char *name; uint32_t arity; } table[] = {
        {"binding", 0}, {"binding", 1}, {"dbg", 0}, {"dbg", 1}, {"dbg", 2}, {"destructure", 2},
        {"get_and_update_in", 2}, {"is_exception", 1}, {"is_exception", 2}, {"is_nil", 1}, {"is_struct", 1},
        {"is_struct", 2}, {"match?", 2}, {"pop_in", 1}, {"put_in", 2}, {"raise", 1}, {"raise", 2},
        {"reraise", 2}, {"reraise", 3}, {"tap", 2}, {"then", 2}, {"to_char_list", 1}, {"to_charlist", 1},
        {"to_string", 1}, {"update_in", 2}, {"var!", 1}, {"var!", 2}, {"alias!", 1}, {"in", 2},
        {NULL, 0},
    };
    const char *s = term_atom_name(name);
    if (strncmp(s, "sigil_", 6) == 0 && arity == 2) return true;
    for (int i = 0; table[i].name; i++)
        if (table[i].arity == arity && strcmp(table[i].name, s) == 0) return true;
    return false;
}

static uint32_t compile_capture(fn_state *fs, term e, uint32_t dst)
{
    term body = arg(e, 0);
    /* &Mod.fun/arity and &fun/arity */
    if (ast_is_call(body, "/", 2) && term_is_small(arg(body, 1))) {
        term target = arg(body, 0);
        uint32_t arity = (uint32_t)term_small_value(arg(body, 1));
        if (term_is_tuple(target) && term_tuple_arity(target) == 3 && ast_is_call(term_tuple_get(target, 0), ".", 2)) {
            term dargs = ast_args(term_tuple_get(target, 0));
            term left = term_head(dargs), fun = term_head(term_tail(dargs));
            term mod = term_is_atom(left) ? left
                     : ast_is_call(left, "__aliases__", -1) ? cc_expand_alias(fs, left)
                     : TERM_NONE;
            if (mod != TERM_NONE && term_is_atom(fun)) {
                cc_warn_deprecated(fs, mod, fun, arity);
                const char *bif = mod == term_atom("Elixir.Kernel") ? kernel_capture_bif(fun, arity) : NULL;
                if (bif) {
                    mod = term_atom("erlang");
                    fun = term_atom(bif);
                }
                uint32_t lit = cc_literal(fs, term_export_new(mod, fun, arity));
                if (dst == CC_ANY) return lit;
                cc_move(fs, dst, lit);
                return dst;
            }
        }
        if (term_is_tuple(target) && term_tuple_arity(target) == 3 && term_is_atom(term_tuple_get(target, 0))) {
            term name = term_tuple_get(target, 0);
            const char *bif = kernel_capture_bif(name, arity);
            if (bif && !cc_module_defines(fs->c->mod, name, arity))
                return into_reg(fs, dst, cc_literal(fs, term_export_new(term_atom("erlang"), term_atom(bif), arity)));
            /* an imported or Kernel function: &elem/2 is &Kernel.elem/2 (a
             * Kernel macro, such as to_string/1, stays a fn) */
            term target = cc_local_target(fs, name, arity);
            if (target != TERM_NONE && !(target == term_atom("Elixir.Kernel") && kernel_macro(name, arity)))
                return into_reg(fs, dst, cc_literal(fs, term_export_new(target, name, arity)));
            /* &local/2 becomes fn a, b -> local(a, b) end */
            term params = TERM_NIL, cargs = TERM_NIL;
            for (uint32_t i = arity; i-- > 0;) {
                char v[16];
                snprintf(v, sizeof v, "&%u", i + 1);
                term var = term_tuple3(term_atom(v), TERM_NIL, TERM_ATOM_NIL);
                params = term_cons_new(term_retain(var), params);
                cargs = term_cons_new(var, cargs);
            }
            term call = term_tuple3(name, TERM_NIL, cargs);
            term clause = term_tuple3(term_atom("->"), TERM_NIL, term_cons_new(params, term_cons_new(call, TERM_NIL)));
            term clauses = term_cons_new(clause, TERM_NIL);
            /* the source a remote node compiles is the equivalent fn */
            term fn = cc_hold(fs->c, term_tuple3(term_atom("fn"), TERM_NIL, clauses));
            return compile_fn_clauses(fs, clauses, arity, dst, fn);
        }
    }
    uint32_t arity = cc_capture_arity(body);
    term rewritten = capture_rewrite(body);
    term params = TERM_NIL;
    for (uint32_t i = arity; i-- > 0;) {
        char v[16];
        snprintf(v, sizeof v, "&%u", i + 1);
        params = term_cons_new(term_tuple3(term_atom(v), TERM_NIL, TERM_ATOM_NIL), params);
    }
    term clause = term_tuple3(term_atom("->"), TERM_NIL, term_cons_new(params, term_cons_new(rewritten, TERM_NIL)));
    term clauses = term_cons_new(clause, TERM_NIL);
    term fn = cc_hold(fs->c, term_tuple3(term_atom("fn"), TERM_NIL, clauses));
    return compile_fn_clauses(fs, clauses, arity, dst, fn);
}

/* ---- receive ---- */

static void recv_take(fn_state *fs) { cc_emit(fs, OP_RECV_REMOVE); }

static uint32_t compile_receive(fn_state *fs, term e, uint32_t dst, bool tail)
{
    term kw = arg(e, 0);
    term clauses = ast_kw_get(kw, "do"), after = ast_kw_get(kw, "after");
    uint32_t d = tail ? CC_ANY : result_reg(fs, dst);
    uint32_t msg = cc_alloc(fs);
    label_list ends = {0};
    uint32_t loop = cc_here(fs);
    cc_emit(fs, OP_RECV_PEEK);
    cc_emit(fs, msg);
    uint32_t to_wait = cc_emit(fs, 0);
    clause_ctx cx = {&msg, 1, d, tail, &ends, NULL};
    if (clauses == TERM_ATOM_NIL || clauses == TERM_NONE) clauses = TERM_NIL;
    /* `receive do ... end` with a __block__ of no clauses is allowed with after */
    if (ast_is_call(clauses, "__block__", 0)) clauses = TERM_NIL;
    for (term l = clauses; term_is_cons(l); l = term_tail(l)) {
        label_list fails = {0};
        uint32_t floor = fs->next_reg;
        compile_clause(fs, term_head(l), &cx, &fails, recv_take);
        fs->next_reg = floor;
        cc_label_patch(fs, &fails, cc_here(fs));
    }
    cc_emit(fs, OP_RECV_NEXT);
    cc_emit(fs, loop);
    cc_patch(fs, to_wait, cc_here(fs));
    uint32_t timeout = cc_literal(fs, term_atom("infinity"));
    term after_body = TERM_NONE;
    if (after != TERM_NONE && term_is_cons(after)) {
        term cl = term_head(after);
        timeout = cc_expr(fs, term_head(arg(cl, 0)), CC_ANY);
        after_body = arg(cl, 1);
    }
    cc_emit(fs, OP_RECV_WAIT);
    cc_emit(fs, timeout);
    uint32_t to_after = cc_emit(fs, 0);
    cc_emit(fs, loop);
    cc_patch(fs, to_after, cc_here(fs));
    if (after_body != TERM_NONE) {
        scope sc;
        cc_scope_push(fs, &sc);
        if (tail) tail_block(fs, after_body);
        else cc_block(fs, after_body, d);
        cc_scope_pop(fs);
    }
    cc_label_patch(fs, &ends, cc_here(fs));
    return d;
}

/* ---- try ---- */

static void run_after(fn_state *fs, term after)
{
    if (after == TERM_NONE) return;
    scope sc;
    cc_scope_push(fs, &sc);
    cc_block(fs, after, CC_ANY);
    cc_scope_pop(fs);
}

/* rescue clause heads: `e in [A, B]`, `e in A`, `A`, `[A, B]`, `e` */
static void rescue_test(fn_state *fs, term head, uint32_t exc, label_list *fails)
{
    term var = TERM_NONE, kinds = TERM_NONE;
    if (ast_is_call(head, "in", 2)) {
        var = arg(head, 0);
        kinds = arg(head, 1);
    } else if (ast_is_var(head)) {
        var = head;
    } else {
        kinds = head;
    }
    if (kinds != TERM_NONE) {
        term list = term_is_list(kinds) ? term_retain(kinds) : term_cons_new(term_retain(kinds), TERM_NIL);
        uint32_t mod = cc_alloc(fs);
        cc_emit(fs, OP_TEST_MAP_KEY);
        cc_emit(fs, mod);
        cc_emit(fs, exc);
        cc_emit(fs, cc_literal(fs, term_atom("__struct__")));
        cc_label_add(fs, fails, cc_emit(fs, 0));
        label_list ok = {0};
        for (term l = list; term_is_cons(l); l = term_tail(l)) {
            term k = term_head(l);
            term name = ast_is_call(k, "__aliases__", -1) ? cc_expand_alias(fs, k) : term_is_atom(k) ? k : TERM_NONE;
            if (name == TERM_NONE) cc_error(fs, "CompileError", "invalid rescue clause");
            cc_emit(fs, OP_TEST_NE_EXACT);
            cc_emit(fs, mod);
            cc_emit(fs, cc_literal(fs, name));
            cc_label_add(fs, &ok, cc_emit(fs, 0));
        }
        term_release(list);
        cc_label_add(fs, fails, cc_jump_placeholder(fs));
        cc_label_patch(fs, &ok, cc_here(fs));
    }
    if (var != TERM_NONE && term_atom_name(ast_var_name(var))[0] != '_') {
        uint32_t r = cc_alloc(fs);
        cc_move(fs, r, exc);
        uint32_t saved_line = fs->line;
        if (cc_line_of(var)) fs->line = cc_line_of(var); /* where an unused-variable warning points */
        cc_bind(fs, ast_var_name(var), r);
        fs->line = saved_line;
    }
}

static uint32_t compile_try(fn_state *fs, term e, uint32_t dst)
{
    term kw = arg(e, 0);
    term body = ast_kw_get(kw, "do"), rescue = ast_kw_get(kw, "rescue"), catches = ast_kw_get(kw, "catch");
    term else_c = ast_kw_get(kw, "else"), after = ast_kw_get(kw, "after");
    uint32_t d = result_reg(fs, dst);
    uint32_t kclass = cc_alloc(fs), kreason = cc_alloc(fs), kstack = cc_alloc(fs);
    cc_emit(fs, OP_TRY);
    uint32_t handler = cc_emit(fs, 0);
    cc_emit(fs, kclass);
    cc_emit(fs, kreason);
    cc_emit(fs, kstack);
    fs->try_depth++;
    scope sc;
    cc_scope_push(fs, &sc);
    cc_block(fs, body, d);
    cc_scope_pop(fs);
    fs->try_depth--;
    cc_emit(fs, OP_TRY_END);
    label_list ends = {0};
    if (else_c != TERM_NONE) {
        uint32_t v = cc_alloc(fs);
        cc_move(fs, v, d);
        clause_ctx cx = {&v, 1, d, false, &ends, NULL};
        compile_clauses(fs, else_c, &cx, case_nomatch);
    } else {
        cc_label_add(fs, &ends, cc_jump_placeholder(fs));
    }
    /* the handler: __STACKTRACE__ names the stack in its clauses */
    cc_patch(fs, handler, cc_here(fs));
    /* with `after`, the handler clauses run under a try of their own, so
     * that `after` also runs when a rescue or catch clause raises */
    uint32_t h2 = 0, c2 = 0, r2 = 0, s2 = 0;
    label_list handled = {0};
    if (after != TERM_NONE) {
        c2 = cc_alloc(fs), r2 = cc_alloc(fs), s2 = cc_alloc(fs);
        cc_emit(fs, OP_TRY);
        h2 = cc_emit(fs, 0);
        cc_emit(fs, c2);
        cc_emit(fs, r2);
        cc_emit(fs, s2);
        fs->try_depth++;
    }
    label_list *clause_ends = after != TERM_NONE ? &handled : &ends;
    scope hsc;
    cc_scope_push(fs, &hsc);
    cc_bind(fs, term_atom("__STACKTRACE__"), kstack);
    if (rescue != TERM_NONE) {
        /* rescue only sees :error, normalized into an exception struct */
        label_list not_error = {0};
        cc_emit(fs, OP_TEST_EQ_EXACT);
        cc_emit(fs, kclass);
        cc_emit(fs, cc_literal(fs, term_atom("error")));
        cc_label_add(fs, &not_error, cc_emit(fs, 0));
        uint32_t exc = cc_alloc(fs);
        cc_call_remote(fs, exc, term_atom("Elixir.Exception"), term_atom("normalize"), 3,
                       (uint32_t[]){kclass, kreason, kstack});
        for (term l = rescue; term_is_cons(l); l = term_tail(l)) {
            term cl = term_head(l);
            label_list fails = {0};
            cc_scope_push(fs, &sc);
            rescue_test(fs, term_head(arg(cl, 0)), exc, &fails);
            cc_block(fs, arg(cl, 1), d);
            cc_label_add(fs, clause_ends, cc_jump_placeholder(fs));
            cc_scope_pop(fs);
            cc_label_patch(fs, &fails, cc_here(fs));
        }
        cc_label_patch(fs, &not_error, cc_here(fs));
    }
    if (catches != TERM_NONE) {
        for (term l = catches; term_is_cons(l); l = term_tail(l)) {
            term cl = term_head(l);
            term heads = arg(cl, 0);
            label_list fails = {0};
            cc_scope_push(fs, &sc);
            term saved = fs->pattern_vars;
            fs->pattern_vars = TERM_NIL;
            term guard, pats[2];
            uint32_t np = cc_clause_heads(heads, pats, 2, &guard);
            if (np == 2) {
                cc_match(fs, pats[0], kclass, &fails);
                cc_match(fs, pats[1], kreason, &fails);
            } else {
                term last = pats[0];
                cc_emit(fs, OP_TEST_EQ_EXACT);
                cc_emit(fs, kclass);
                cc_emit(fs, cc_literal(fs, term_atom("throw")));
                cc_label_add(fs, &fails, cc_emit(fs, 0));
                cc_match(fs, last, kreason, &fails);
            }
            term_release(fs->pattern_vars);
            fs->pattern_vars = saved;
            cc_guard(fs, guard, &fails);
            cc_block(fs, arg(cl, 1), d);
            cc_label_add(fs, clause_ends, cc_jump_placeholder(fs));
            cc_scope_pop(fs);
            cc_label_patch(fs, &fails, cc_here(fs));
        }
    }
    /* nothing handled it: run `after` and re-raise */
    if (after != TERM_NONE) cc_emit(fs, OP_TRY_END);
    run_after(fs, after);
    cc_emit(fs, OP_RERAISE);
    cc_emit(fs, kclass);
    cc_emit(fs, kreason);
    cc_emit(fs, kstack);
    if (after != TERM_NONE) {
        /* a clause handled it: leave the clauses' try */
        cc_label_patch(fs, &handled, cc_here(fs));
        cc_emit(fs, OP_TRY_END);
        cc_label_add(fs, &ends, cc_jump_placeholder(fs));
        /* a clause raised: `after`, then the new exception goes on */
        fs->try_depth--;
        cc_patch(fs, h2, cc_here(fs));
        run_after(fs, after);
        cc_emit(fs, OP_RERAISE);
        cc_emit(fs, c2);
        cc_emit(fs, r2);
        cc_emit(fs, s2);
    }
    /* the handler scope's registers stay reserved: d is above them */
    hsc.reg_floor = fs->next_reg;
    cc_scope_pop(fs);
    cc_label_patch(fs, &ends, cc_here(fs));
    if (after != TERM_NONE) {
        /* an exception inside rescue/else still runs `after`: wrap them */
        run_after(fs, after);
    }
    return d;
}

/* ---- raise ---- */

static uint32_t compile_raise(fn_state *fs, term e, uint32_t dst, bool tail)
{
    uint32_t n = (uint32_t)term_list_length(ast_args(e));
    uint32_t args[2];
    for (uint32_t i = 0; i < n; i++) args[i] = cc_expr(fs, arg(e, (int)i), CC_ANY);
    uint32_t exc = remote(fs, "Elixir.Kernel", n == 1 ? "__raise_value__" : "__raise_value__", n, args, CC_ANY);
    cc_raise_term(fs, "error", exc);
    (void)dst;
    (void)tail;
    return exc;
}

static uint32_t compile_reraise(fn_state *fs, term e, uint32_t dst)
{
    uint32_t n = (uint32_t)term_list_length(ast_args(e));
    uint32_t args[3];
    for (uint32_t i = 0; i < n; i++) args[i] = cc_expr(fs, arg(e, (int)i), CC_ANY);
    uint32_t exc = n == 3 ? remote(fs, "Elixir.Kernel", "__raise_value__", 2, args, CC_ANY) : args[0];
    cc_emit(fs, OP_RERAISE);
    cc_emit(fs, cc_literal(fs, term_atom("error")));
    cc_emit(fs, exc);
    cc_emit(fs, args[n - 1]);
    (void)dst;
    return exc;
}

/* ---- strings, ranges, structs ---- */

/* "a #{b}" arrives as <<"a ", Kernel.to_string(b)::binary>> */
static uint32_t compile_bitstring(fn_state *fs, term e, uint32_t dst)
{
    term segs = ast_args(e);
    uint32_t n = (uint32_t)term_list_length(segs);
    uint32_t *items = cc_scratch(fs->c, (n ? n : 1) * sizeof *items);
    bool simple = true;
    uint32_t i = 0;
    for (term l = segs; term_is_cons(l); l = term_tail(l)) {
        term s = term_head(l);
        if (term_is_binary(s)) {
            items[i++] = cc_literal(fs, term_retain(s));
        } else if (ast_is_call(s, "::", 2) && ast_is_var(arg(s, 1)) && ast_var_name(arg(s, 1)) == term_atom("binary")) {
            items[i++] = cc_expr(fs, arg(s, 0), CC_ANY);
        } else {
            simple = false;
            break;
        }
    }
    if (!simple) {
        extern uint32_t cc_build_binary(fn_state *fs, term e, uint32_t dst);
        return cc_build_binary(fs, e, dst);
    }
    uint32_t list = cc_alloc(fs);
    cc_emit(fs, OP_MAKE_LIST);
    cc_emit(fs, list);
    cc_emit(fs, n);
    for (uint32_t k = 0; k < n; k++) cc_emit(fs, items[k]);
    cc_emit(fs, cc_literal(fs, TERM_NIL));
    return bif(fs, "ciex", "concat_binaries", 1, (uint32_t[]){list}, dst);
}

static uint32_t compile_range(fn_state *fs, term first, term last, term step, uint32_t dst)
{
    uint32_t a = cc_expr(fs, first, CC_ANY), b = cc_expr(fs, last, CC_ANY);
    uint32_t s = step == TERM_NONE ? CC_ANY : cc_expr(fs, step, CC_ANY);
    if (s == CC_ANY) return remote(fs, "Elixir.Range", "new", 2, (uint32_t[]){a, b}, dst);
    return remote(fs, "Elixir.Range", "new", 3, (uint32_t[]){a, b, s}, dst);
}

static uint32_t compile_struct(fn_state *fs, term e, uint32_t dst)
{
    term name = arg(e, 0), body = arg(e, 1);
    uint32_t mod;
    if (ast_is_call(name, "__aliases__", -1)) mod = cc_literal(fs, cc_expand_alias(fs, name));
    else if (ast_is_var(name) && ast_var_name(name) == term_atom("__MODULE__")) mod = cc_literal(fs, fs->c->mod->name);
    else mod = cc_expr(fs, name, CC_ANY);
    term pairs = ast_args(body);
    if (term_is_cons(pairs) && term_tail(pairs) == TERM_NIL && ast_is_call(term_head(pairs), "|", 2)) {
        /* %S{s | k: v}: s must be an S; then a plain update */
        term upd = ast_args(term_head(pairs));
        uint32_t src = cc_expr(fs, term_head(upd), CC_ANY);
        uint32_t checked = remote(fs, "Elixir.Kernel", "__struct_check__", 2, (uint32_t[]){mod, src}, CC_ANY);
        term map = term_tuple3(term_atom("%{}"), TERM_NIL, TERM_NIL);
        (void)map;
        term_release(map);
        uint32_t d = result_reg(fs, dst);
        uint32_t np = (uint32_t)term_list_length(term_head(term_tail(upd)));
        uint32_t *ops = cc_scratch(fs->c, 2 * (np ? np : 1) * sizeof *ops);
        uint32_t i = 0;
        for (term l = term_head(term_tail(upd)); term_is_cons(l); l = term_tail(l)) {
            ops[i++] = cc_expr(fs, term_tuple_get(term_head(l), 0), CC_ANY);
            ops[i++] = cc_expr(fs, term_tuple_get(term_head(l), 1), CC_ANY);
        }
        cc_emit(fs, OP_MAP_UPDATE);
        cc_emit(fs, d);
        cc_emit(fs, checked);
        cc_emit(fs, np);
        for (uint32_t k = 0; k < i; k++) cc_emit(fs, ops[k]);
        return d;
    }
    uint32_t kv = cc_expr(fs, pairs, CC_ANY);
    return remote(fs, "Elixir.Kernel", "struct!", 2, (uint32_t[]){mod, kv}, dst);
}

term cc_attribute_value(fn_state *fs, term e)
{
    term inner = arg(e, 0);
    if (!term_is_tuple(inner) || term_tuple_arity(inner) != 3 || !term_is_atom(term_tuple_get(inner, 0)))
        cc_error(fs, "ArgumentError", "invalid module attribute");
    term name = term_tuple_get(inner, 0);
    module_ctx *m = fs->c->mod;
    if (!m->is_module) cc_error(fs, "ArgumentError", "cannot invoke @/1 outside module");
    term v = term_is_map(m->attributes) ? term_map_get(m->attributes, name) : TERM_NONE;
    if (v == TERM_NONE) {
        char where[300];
        cc_module_text(m->name, where, sizeof where - 10);
        strcat(where, " (module)");
        cc_warn_where(fs->c, fs->line, where, CC_WARN_EXPAND, NULL,
                      "undefined module attribute @%s, please remove access to @%s or explicitly set it before access",
                      term_atom_name(name), term_atom_name(name));
    }
    return v == TERM_NONE ? TERM_ATOM_NIL : term_retain(v);
}

static uint32_t compile_attribute(fn_state *fs, term e, uint32_t dst)
{
    uint32_t lit = cc_literal(fs, cc_attribute_value(fs, e));
    if (dst == CC_ANY) return lit;
    cc_move(fs, dst, lit);
    return dst;
}

/* ~s ~c ~w sigils: the string part is built like any string, then
 * converted; modifiers of ~w choose atoms (a), charlists (c) or strings. */
/* Macro.unescape_string: the escapes a lowercase sigil processes (the
 * parser leaves them as written). */
static term unescape(term bin)
{
    const uint8_t *in = term_binary_data(bin);
    size_t n = term_binary_size(bin), k = 0;
    uint8_t *out = ciex_xmalloc(n ? n : 1, "compiler");
    for (size_t i = 0; i < n; i++) {
        if (in[i] != '\\' || i + 1 == n) {
            out[k++] = in[i];
            continue;
        }
        uint8_t c = in[++i];
        switch (c) {
        case 'n': out[k++] = '\n'; break;
        case 't': out[k++] = '\t'; break;
        case 'r': out[k++] = '\r'; break;
        case 'e': out[k++] = 27; break;
        case 'a': out[k++] = 7; break;
        case 'b': out[k++] = 8; break;
        case 'f': out[k++] = 12; break;
        case 'v': out[k++] = 11; break;
        case '0': out[k++] = 0; break;
        case 's': out[k++] = ' '; break;
        case 'd': out[k++] = 127; break;
        case 'x': case 'u': {
            /* \xHH, \uHHHH and \u{H...} */
            bool braces = i + 1 < n && in[i + 1] == '{';
            size_t j = i + 1 + braces, max = c == 'x' ? 2 : braces ? 6 : 4;
            uint32_t cp = 0;
            size_t digits = 0;
            while (j < n && digits < max && isxdigit(in[j])) {
                cp = cp * 16 + (uint32_t)(isdigit(in[j]) ? in[j] - '0' : (in[j] | 32) - 'a' + 10);
                j++, digits++;
            }
            if (braces && j < n && in[j] == '}') j++;
            if (digits == 0) {
                out[k++] = c;
                break;
            }
            if (c == 'x') out[k++] = (uint8_t)cp;
            else k += term_utf8_encode((int32_t)cp, out + k);
            i = j - 1;
            break;
        }
        case '\n': break; /* a line continuation */
        default: out[k++] = c; break; /* \\ \" \' \# and the others */
        }
    }
    term t = term_binary_new(out, k);
    free(out);
    return t;
}

/* The sigil's string with its binary parts unescaped. */
term cc_sigil_unescaped(term str)
{
    if (!ast_is_call(str, "<<>>", -1)) return term_retain(str);
    term parts[256];
    uint32_t n = 0;
    for (term l = ast_args(str); term_is_cons(l) && n < 256; l = term_tail(l))
        parts[n++] = term_is_binary(term_head(l)) ? unescape(term_head(l)) : term_retain(term_head(l));
    return term_tuple3(term_atom("<<>>"), term_retain(term_tuple_get(str, 1)), term_list_from_array(parts, n));
}

static uint32_t compile_sigil(fn_state *fs, term e, char kind, uint32_t dst)
{
    if (kind == 'r' || kind == 'R') return cc_regex_sigil(fs, e, kind, dst);
    if (kind && strchr("DTNU", kind)) return into_reg(fs, dst, cc_literal(fs, cc_calendar_sigil(fs, e, kind)));
    bool lower = kind >= 'a' && kind <= 'z';
    term str = lower ? cc_hold(fs->c, cc_sigil_unescaped(arg(e, 0))) : arg(e, 0);
    uint32_t s = cc_expr(fs, str, CC_ANY);
    term mods = arg(e, 1);
    switch (kind) {
    case 's': case 'S':
        return into_reg(fs, dst, s);
    case 'c': case 'C':
        return remote(fs, "Elixir.String", "to_charlist", 1, &s, dst);
    case 'w': case 'W': {
        char m = term_is_cons(mods) && term_is_small(term_head(mods)) ? (char)term_small_value(term_head(mods)) : 's';
        uint32_t as = cc_literal(fs, term_atom(m == 'a' ? "atoms" : m == 'c' ? "charlists" : "strings"));
        return remote(fs, "Elixir.String", "__words__", 2, (uint32_t[]){s, as}, dst);
    }
    default:
        cc_error(fs, "CompileError", "undefined function sigil_%c/2 (there is no such import)", kind);
    }
}

/* ---- for and with ---- */

extern uint32_t cc_for(fn_state *fs, term e, uint32_t dst);
extern uint32_t cc_with(fn_state *fs, term e, uint32_t dst);

/* ---- alias / import / require at any level ---- */

static void add_alias(fn_state *fs, term short_name, term full)
{
    module_ctx *m = fs->c->mod;
    if (m->naliases == m->aliases_cap) {
        m->aliases_cap = m->aliases_cap ? m->aliases_cap * 2 : 8;
        m->aliases = ciex_xrealloc(m->aliases, m->aliases_cap * sizeof *m->aliases, "compiler");
    }
    /* iex keeps the aliases of the prompt: they are never unused */
    uint32_t line = fs->c->warn && (m->is_module || !fs->c->shell) ? fs->line : 0;
    m->aliases[m->naliases++] = (alias_entry){short_name, full, line, false};
    cc_shell_alias(fs, short_name, full);
}

static uint32_t compile_alias(fn_state *fs, term e)
{
    term target = arg(e, 0), opts = arg(e, 1);
    /* alias Base.{A, B}: each name under Base */
    if (term_is_tuple(target) && term_tuple_arity(target) == 3 && ast_is_call(term_tuple_get(target, 0), ".", 2) &&
        term_head(term_tail(ast_args(term_tuple_get(target, 0)))) == term_atom("{}")) {
        term base = term_head(ast_args(term_tuple_get(target, 0)));
        term base_atom = cc_expand_alias(fs, base);
        for (term l = ast_args(target); term_is_cons(l); l = term_tail(l)) {
            term sub = term_head(l);
            if (!ast_is_call(sub, "__aliases__", -1)) cc_error(fs, "CompileError", "invalid alias");
            char buf[1024];
            size_t len = (size_t)snprintf(buf, sizeof buf, "%s", term_atom_name(base_atom));
            term last = TERM_NONE;
            for (term p = ast_args(sub); term_is_cons(p); p = term_tail(p)) {
                len += (size_t)snprintf(buf + len, sizeof buf - len, ".%s", term_atom_name(term_head(p)));
                last = term_head(p);
            }
            add_alias(fs, last, term_atom(buf));
        }
        return cc_literal(fs, TERM_ATOM_OK);
    }
    if (!ast_is_call(target, "__aliases__", -1)) cc_error(fs, "CompileError", "invalid alias");
    term full = cc_expand_alias(fs, target);
    term as = opts != TERM_NONE ? ast_kw_get(opts, "as") : TERM_NONE;
    term short_name;
    if (as != TERM_NONE && ast_is_call(as, "__aliases__", 1)) {
        short_name = term_head(ast_args(as));
    } else {
        term l = ast_args(target);
        while (term_tail(l) != TERM_NIL) l = term_tail(l);
        short_name = term_head(l);
    }
    add_alias(fs, short_name, full);
    return cc_literal(fs, full);
}

static uint32_t compile_import(fn_state *fs, term e)
{
    term target = arg(e, 0);
    term mod = ast_is_call(target, "__aliases__", -1) ? cc_expand_alias(fs, target) : term_is_atom(target) ? target : TERM_NONE;
    if (mod == TERM_NONE) cc_error(fs, "CompileError", "invalid import");
    fs->c->mod->imports = term_cons_new(mod, fs->c->mod->imports);
    cc_shell_import(fs, mod);
    cc_import_note(fs, mod, fs->line);
    return cc_literal(fs, mod);
}

/* ---- elem/put_elem: 0-based in Elixir, 1-based in :erlang ---- */

static uint32_t compile_elem(fn_state *fs, term e, uint32_t dst, bool put)
{
    uint32_t t = cc_expr(fs, arg(e, 0), CC_ANY);
    uint32_t i = cc_expr(fs, arg(e, 1), CC_ANY);
    uint32_t i1 = cc_alloc(fs);
    cc_emit(fs, OP_ADD);
    cc_emit(fs, i1);
    cc_emit(fs, i);
    cc_emit(fs, cc_literal(fs, term_small(1)));
    if (!put) return bif(fs, "erlang", "element", 2, (uint32_t[]){i1, t}, dst);
    uint32_t v = cc_expr(fs, arg(e, 2), CC_ANY);
    return bif(fs, "erlang", "setelement", 3, (uint32_t[]){i1, t, v}, dst);
}

/* apply(m, f, args) and apply(fun, args) */
static uint32_t compile_apply(fn_state *fs, term e, uint32_t dst)
{
    bool three = term_list_length(ast_args(e)) == 3;
    uint32_t a = cc_expr(fs, arg(e, 0), CC_ANY);
    uint32_t b = three ? cc_expr(fs, arg(e, 1), CC_ANY) : cc_literal(fs, TERM_NIL);
    uint32_t list = cc_expr(fs, arg(e, three ? 2 : 1), CC_ANY);
    uint32_t d = result_reg(fs, dst);
    cc_emit(fs, OP_APPLY);
    cc_emit(fs, d);
    cc_emit(fs, a);
    cc_emit(fs, b);
    cc_emit(fs, list);
    return d;
}

/* match?(pattern, expr): whether the value matches */
static uint32_t compile_match_q(fn_state *fs, term e, uint32_t dst)
{
    uint32_t v = cc_expr(fs, arg(e, 1), CC_ANY);
    uint32_t d = result_reg(fs, dst);
    scope sc;
    cc_scope_push(fs, &sc);
    label_list fails = {0};
    term pattern, guard;
    cc_split_guard(arg(e, 0), &pattern, &guard);
    term saved = fs->pattern_vars;
    fs->pattern_vars = TERM_NIL;
    cc_match(fs, pattern, v, &fails);
    term_release(fs->pattern_vars);
    fs->pattern_vars = saved;
    cc_guard(fs, guard, &fails);
    cc_move(fs, d, cc_literal(fs, TERM_TRUE));
    uint32_t end = cc_jump_placeholder(fs);
    cc_label_patch(fs, &fails, cc_here(fs));
    cc_move(fs, d, cc_literal(fs, TERM_FALSE));
    cc_patch(fs, end, cc_here(fs));
    sc.reg_floor = fs->next_reg; /* d may be above the floor */
    cc_scope_pop(fs);
    return d;
}

/* put_in(m.a[:b], v) and friends: the path becomes a root and a list of
 * keys (Access.key!/1 for .field, the key itself for [key]), and the
 * function forms of Kernel do the rest.  Returns TERM_NONE when the first
 * argument is not a path. */
static term access_path(term e, term *keys_out)
{
    term keys = TERM_NIL;
    term cur = e;
    for (;;) {
        if (term_is_tuple(cur) && term_tuple_arity(cur) == 3 && ast_is_call(term_tuple_get(cur, 0), ".", 2)) {
            term dargs = ast_args(term_tuple_get(cur, 0));
            term left = term_head(dargs), right = term_head(term_tail(dargs));
            bool access_alias = ast_is_call(left, "__aliases__", 1) && term_head(ast_args(left)) == term_atom("Access");
            if ((left == term_atom("Elixir.Access") || access_alias) && right == term_atom("get") &&
                term_list_length(ast_args(cur)) == 2) {
                keys = term_cons_new(term_retain(term_head(term_tail(ast_args(cur)))), keys);
                cur = term_head(ast_args(cur));
                continue;
            }
            if (term_is_atom(right) && ast_args(cur) == TERM_NIL && !term_is_atom(left) &&
                !ast_is_call(left, "__aliases__", -1)) {
                term access = term_tuple3(term_atom("__aliases__"), TERM_NIL, term_cons_new(term_atom("Access"), TERM_NIL));
                term dot = term_tuple3(term_atom("."), TERM_NIL, term_cons_new(access, term_cons_new(term_atom("key!"), TERM_NIL)));
                keys = term_cons_new(term_tuple3(dot, TERM_NIL, term_cons_new(right, TERM_NIL)), keys);
                cur = left;
                continue;
            }
        }
        break;
    }
    if (keys == TERM_NIL) return TERM_NONE;
    *keys_out = keys;
    return cur;
}

static bool is_access_get(term e)
{
    if (!term_is_tuple(e) || term_tuple_arity(e) != 3 || !ast_is_call(term_tuple_get(e, 0), ".", 2)) return false;
    term left = term_head(ast_args(term_tuple_get(e, 0)));
    return ast_is_call(left, "__aliases__", 1) && term_head(ast_args(left)) == term_atom("Access");
}

static uint32_t compile_path_macro(fn_state *fs, term e, const char *fun, uint32_t dst, bool *handled)
{
    term keys;
    term path = arg(e, 0);
    /* [key] arrives as Access.get(inner, key) with Access as an alias */
    term root = TERM_NONE;
    if (is_access_get(path) || (term_is_tuple(path) && term_tuple_arity(path) == 3 && ast_is_call(term_tuple_get(path, 0), ".", 2)))
        root = access_path(path, &keys);
    if (root == TERM_NONE) {
        *handled = false;
        return CC_ANY;
    }
    *handled = true;
    uint32_t n = (uint32_t)term_list_length(ast_args(e));
    uint32_t args[3];
    args[0] = cc_expr(fs, root, CC_ANY);
    args[1] = cc_expr(fs, keys, CC_ANY);
    if (n == 2) args[2] = cc_expr(fs, arg(e, 1), CC_ANY);
    term_release(keys);
    return remote(fs, "Elixir.Kernel", fun, n + 1, args, dst);
}

/* x in collection (outside guards) */
static uint32_t compile_in(fn_state *fs, term e, uint32_t dst)
{
    uint32_t x = cc_expr(fs, arg(e, 0), CC_ANY);
    uint32_t c = cc_expr(fs, arg(e, 1), CC_ANY);
    return remote(fs, "Elixir.Enum", "member?", 2, (uint32_t[]){c, x}, dst);
}

bool cc_special(fn_state *fs, term e, uint32_t dst, bool tail, uint32_t *out)
{
    term head = term_tuple_get(e, 0);
    if (!term_is_atom(head) || !term_is_list(term_tuple_get(e, 2))) return false;
    const char *n = term_atom_name(head);
    intptr_t argc = term_list_length(term_tuple_get(e, 2));
    uint32_t v;
#define IS(name, k) (strcmp(n, name) == 0 && argc == (k))
    if (IS("=", 2)) { *out = compile_match_op(fs, e, dst, tail); return true; }
    if (IS("__block__", argc)) {
        if (tail) { tail_block(fs, e); *out = CC_ANY; }
        else { *out = cc_block(fs, e, dst); }
        return true;
    }
    if (IS("case", 2)) { *out = compile_case(fs, e, dst, tail); return true; }
    if (IS("if", 2)) { *out = compile_if(fs, e, dst, tail, false); return true; }
    if (IS("unless", 2)) { *out = compile_if(fs, e, dst, tail, true); return true; }
    if (IS("cond", 1)) { *out = compile_cond(fs, e, dst, tail); return true; }
    if (IS("receive", 1)) { *out = compile_receive(fs, e, dst, tail); return true; }
    if (IS("&&", 2)) { *out = compile_short(fs, e, dst, tail, true); return true; }
    if (IS("||", 2)) { *out = compile_short(fs, e, dst, tail, false); return true; }
    if (IS("and", 2)) { *out = compile_strict(fs, e, dst, tail, true); return true; }
    if (IS("or", 2)) { *out = compile_strict(fs, e, dst, tail, false); return true; }
    if (IS("!", 1)) { *out = compile_not_truthy(fs, e, dst, tail); return true; }
    if (IS("|>", 2)) { *out = compile_pipe(fs, e, dst, tail); return true; }
    if (IS("destructure", 2)) { *out = compile_destructure(fs, e, dst, tail); return true; }
    if (strcmp(n, "fn") == 0) v = compile_fn(fs, e, dst);
    else if (IS("&", 1)) v = compile_capture(fs, e, dst);
    else if (IS("try", 1)) v = compile_try(fs, e, dst);
    else if (IS("raise", 1) || IS("raise", 2)) v = compile_raise(fs, e, dst, tail);
    else if (IS("reraise", 2) || IS("reraise", 3)) v = compile_reraise(fs, e, dst);
    else if (IS("<<>>", argc)) v = compile_bitstring(fs, e, dst);
    else if (IS("..", 2)) v = compile_range(fs, arg(e, 0), arg(e, 1), TERM_NONE, dst);
    else if (IS("..//", 3)) v = compile_range(fs, arg(e, 0), arg(e, 1), arg(e, 2), dst);
    else if (IS("..", 0)) v = compile_range(fs, term_small(0), term_small(-1), term_small(1), dst); /* the full slice 0..-1//1 */
    else if (IS("%", 2)) v = compile_struct(fs, e, dst);
    else if (IS("@", 1)) v = compile_attribute(fs, e, dst);
    else if (IS("for", argc) && argc >= 1) v = cc_for(fs, e, dst);
    else if (IS("with", argc) && argc >= 1) v = cc_with(fs, e, dst);
    else if (IS("defmodule", 2)) v = cc_defmodule(fs, e, dst);
    else if (IS("defprotocol", 2)) v = cc_defprotocol(fs, e, dst);
    else if (IS("defimpl", 2) || IS("defimpl", 3)) v = cc_defimpl(fs, e, dst);
    else if (IS("alias", 1) || IS("alias", 2)) v = compile_alias(fs, e);
    else if (IS("import", 1) || IS("import", 2)) v = compile_import(fs, e);
    else if (IS("require", 1) || IS("require", 2)) v = cc_literal(fs, TERM_ATOM_OK);
    else if (IS("elem", 2)) v = compile_elem(fs, e, dst, false);
    else if (IS("put_elem", 3)) v = compile_elem(fs, e, dst, true);
    else if (IS("in", 2)) v = compile_in(fs, e, dst);
    else if (IS("apply", 3) || IS("apply", 2)) v = compile_apply(fs, e, dst);
    else if (IS("match?", 2)) v = compile_match_q(fs, e, dst);
    else if (IS("put_in", 2) || IS("update_in", 2) || IS("get_and_update_in", 2) || IS("pop_in", 1)) {
        bool handled;
        v = compile_path_macro(fs, e, n, dst, &handled);
        if (!handled) return false;
    }
    else if (IS("is_map_key", 2)) {
        uint32_t m = cc_expr(fs, arg(e, 0), CC_ANY), k = cc_expr(fs, arg(e, 1), CC_ANY);
        v = bif(fs, "erlang", "is_map_key", 2, (uint32_t[]){k, m}, dst);
    }
    else if (strncmp(n, "sigil_", 6) == 0 && n[6] && !n[7] && argc == 2) v = compile_sigil(fs, e, n[6], dst);
    else if (IS("<>", 2)) {
        uint32_t a = cc_expr(fs, arg(e, 0), CC_ANY), b = cc_expr(fs, arg(e, 1), CC_ANY);
        uint32_t list = cc_alloc(fs);
        cc_emit(fs, OP_MAKE_LIST);
        cc_emit(fs, list);
        cc_emit(fs, 2);
        cc_emit(fs, a);
        cc_emit(fs, b);
        cc_emit(fs, cc_literal(fs, TERM_NIL));
        v = bif(fs, "ciex", "concat_binaries", 1, (uint32_t[]){list}, dst);
    } else if (IS("not", 1)) {
        uint32_t a = cc_expr(fs, arg(e, 0), CC_ANY);
        v = bif(fs, "erlang", "not", 1, (uint32_t[]){a}, dst);
    } else if (IS("super", argc)) {
        cc_error(fs, "CompileError", "%s is not supported by ciex", n);
    } else if ((IS("def", 1) || IS("def", 2) || IS("defp", 1) || IS("defp", 2)) && !fs->c->mod->is_module) {
        cc_error(fs, "ArgumentError", "cannot invoke %s/2 outside module", n);
    } else {
        return false;
    }
#undef IS
    if (v != CC_ANY && dst != CC_ANY && v != dst) cc_move(fs, dst, v), v = dst;
    *out = finish(fs, v, tail);
    return true;
}


/* A fun that arrived from another node: its `fn` AST, and the names of its
 * free variables after the first (which is the fun's metadata). */
const vm_code *lang_compile_remote_fun(vm_runtime *rt, term fn_ast, term names, lang_compile_error *err)
{
    compiler c = {0};
    c.rt = rt;
    c.file = term_binary_from_cstr("iex");
    c.err = err;
    c.shell = true;
    c.compiled = TERM_NIL;
    c.held = TERM_NIL;
    c.unit_templates = TERM_NIL;
    module_ctx top = {0};
    top.requires = TERM_NIL;
    top.name = term_atom("erl_eval");
    top.defined = TERM_NIL;
    top.attributes = TERM_NIL;
    top.imports = term_cons_new(term_atom("Elixir.IEx.Helpers"), TERM_NIL);
    c.mod = &top;
    fn_state *outer = ciex_xcalloc(1, sizeof *outer, "compiler");
    scope sc;
    const vm_code *result = NULL;
    term all = term_cons_new(term_atom("ciex fun meta"), term_retain(names));
    if (ast_is_call(fn_ast, "fn", -1) && setjmp(c.fail) == 0) {
        cc_fn_init(outer, &c, NULL, term_atom("erl_eval"), term_atom("expr"), 0);
        cc_scope_push(outer, &sc);
        for (term l = all; term_is_cons(l); l = term_tail(l)) cc_bind(outer, term_head(l), cc_alloc(outer));
        term clauses = ast_args(fn_ast);
        term pats[64], guard;
        uint32_t arity = cc_clause_heads(term_head(ast_args(term_head(clauses))), pats, 64, &guard);
        compile_fn_clauses_with(outer, clauses, arity, CC_ANY, fn_ast, all);
        if (outer->nlambdas) result = outer->lambdas[0];
    }
    term_release(all);
    /* the outer function only held the fun: discard it, finished or not */
    bool started = c.live != NULL;
    cc_compiler_end(&c, true, &top);
    if (!started) free(outer);
    term_release(top.imports);
    term_release(c.file);
    term_release(c.compiled);
    return result;
}
