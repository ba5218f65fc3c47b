/* compile_match.c - patterns and guards.
 *
 * A pattern compiles to a sequence of tests on the value in a register,
 * each jumping to a failure label when it does not hold, and moves that
 * bind variables.  A variable that appears twice in one pattern must match
 * the same value both times; `^x` matches the current value of x. */
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

void cc_label_add(fn_state *fs, label_list *l, uint32_t at)
{
    if (l->n == l->cap) {
        uint32_t cap = l->cap ? l->cap * 2 : 8;
        l->at = cc_scratch_grow(fs->c, l->at, l->cap * sizeof *l->at, cap * sizeof *l->at);
        l->cap = cap;
    }
    l->at[l->n++] = at;
}

uint32_t cc_jump_placeholder(fn_state *fs)
{
    cc_emit(fs, OP_JUMP);
    return cc_emit(fs, 0);
}

void cc_jump_if_falsy(fn_state *fs, uint32_t v, label_list *l)
{
    cc_emit(fs, OP_TEST_TRUTHY);
    cc_emit(fs, v);
    cc_label_add(fs, l, cc_emit(fs, 0));
}

/* The test instruction of a comparison operator: it jumps unless the
 * comparison holds.  0 for other names. */
static vm_op compare_test(term e)
{
    static const struct { const char *name; vm_op op; } table[] = {
        {"<", OP_TEST_LT}, {"<=", OP_TEST_LE}, {">", OP_TEST_GT}, {">=", OP_TEST_GE}, {"==", OP_TEST_EQ},
        {"!=", OP_TEST_NE}, {"===", OP_TEST_EQ_EXACT}, {"!==", OP_TEST_NE_EXACT},
    };
    if (!term_is_tuple(e) || term_tuple_arity(e) != 3 || !term_is_atom(term_tuple_get(e, 0))) return 0;
    term args = term_tuple_get(e, 2);
    if (!term_is_cons(args) || !term_is_cons(term_tail(args)) || term_tail(term_tail(args)) != TERM_NIL) return 0;
    const char *s = term_atom_name(term_tuple_get(e, 0));
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (strcmp(s, table[i].name) == 0) return table[i].op;
    return 0;
}

static void emit_compare_test(fn_state *fs, vm_op op, uint32_t a, uint32_t b, label_list *l)
{
    cc_emit(fs, op);
    cc_emit(fs, a);
    cc_emit(fs, b);
    cc_label_add(fs, l, cc_emit(fs, 0));
}

void cc_branch_unless(fn_state *fs, term cond, label_list *l)
{
    vm_op op = compare_test(cond);
    const module_ctx *m = fs->c->mod;
    if (op && !(m->is_module && cc_module_defines(m, term_tuple_get(cond, 0), 2))) {
        /* a comparison and its branch in one instruction */
        term args = term_tuple_get(cond, 2);
        uint32_t a = cc_expr(fs, term_head(args), CC_ANY);
        uint32_t b = cc_expr(fs, term_head(term_tail(args)), CC_ANY);
        emit_compare_test(fs, op, a, b, l);
        return;
    }
    cc_jump_if_falsy(fs, cc_expr(fs, cond, CC_ANY), l);
}

void cc_label_patch(fn_state *fs, label_list *l, uint32_t target)
{
    for (uint32_t i = 0; i < l->n; i++) cc_patch(fs, l->at[i], target);
    l->at = NULL;
    l->n = l->cap = 0;
}

/* Emits a test instruction whose last word is a fail label. */
static void emit_fail(fn_state *fs, label_list *fails)
{
    cc_label_add(fs, fails, cc_emit(fs, 0));
}

static bool pattern_var_seen(fn_state *fs, term name)
{
    for (term l = fs->pattern_vars; term_is_cons(l); l = term_tail(l))
        if (term_head(l) == name) return true;
    return false;
}

static void match_var(fn_state *fs, term e, uint32_t src, label_list *fails)
{
    term name = ast_var_name(e);
    const char *s = term_atom_name(name);
    if (strcmp(s, "_") == 0) return; /* _ ignores the value; _name is a variable all the same */
    uint32_t saved_line = fs->line;
    if (cc_line_of(e)) fs->line = cc_line_of(e);
    if (pattern_var_seen(fs, name)) {
        if (s[0] == '_' && s[1] != '_')
            cc_warn(fs, 0, CC_WARN_EXPAND, NULL,
                    "the underscored variable \"%s\" appears more than once in a match. This means the pattern will "
                    "only match if all \"%s\" bind to the same value. If this is the intended behaviour, please "
                    "remove the leading underscore from the variable name, otherwise give the variables different "
                    "names",
                    s, s);
        fs->line = saved_line;
        uint32_t cur;
        cc_lookup(fs, name, &cur);
        cc_emit(fs, OP_TEST_EQ_EXACT);
        cc_emit(fs, src);
        cc_emit(fs, cur);
        emit_fail(fs, fails);
        return;
    }
    fs->pattern_vars = term_cons_new(name, fs->pattern_vars);
    /* a parameter's register is never written (variables are only bound
     * to registers allocated for them), so it can name the variable */
    if (!(src & VM_LIT) && src < fs->code->arity) {
        cc_bind(fs, name, src);
        fs->line = saved_line;
        return;
    }
    uint32_t r = cc_alloc(fs);
    cc_move(fs, r, src);
    cc_bind(fs, name, r);
    fs->line = saved_line;
}

static void match_literal(fn_state *fs, uint32_t lit, uint32_t src, label_list *fails)
{
    if (!(src & VM_LIT) && (lit & VM_LIT) && !term_is_boxed(fs->literals[lit & ~VM_LIT])) {
        /* an integer, atom or []: one word compare */
        cc_emit(fs, OP_TEST_IS);
        cc_emit(fs, src);
        cc_emit(fs, lit & ~VM_LIT);
        emit_fail(fs, fails);
        return;
    }
    cc_emit(fs, OP_TEST_EQ_EXACT);
    cc_emit(fs, src);
    cc_emit(fs, lit);
    emit_fail(fs, fails);
}

static void match_tuple(fn_state *fs, term elems, uint32_t src, label_list *fails)
{
    uint32_t n = (uint32_t)term_list_length(elems);
    cc_emit(fs, OP_TEST_TUPLE);
    cc_emit(fs, src);
    cc_emit(fs, n);
    emit_fail(fs, fails);
    uint32_t i = 0;
    for (term l = elems; term_is_cons(l); l = term_tail(l), i++) {
        term sub = term_head(l);
        if (ast_is_var(sub) && ast_var_name(sub) == term_atom("_")) continue;
        uint32_t r = cc_alloc(fs);
        cc_emit(fs, OP_GET_ELEM);
        cc_emit(fs, r);
        cc_emit(fs, src);
        cc_emit(fs, i);
        cc_match(fs, sub, r, fails);
    }
}

static void match_list(fn_state *fs, term e, uint32_t src, label_list *fails)
{
    uint32_t cur = src;
    for (term l = e; term_is_cons(l); l = term_tail(l)) {
        term h = term_head(l);
        term tail_pat = TERM_NONE;
        if (term_tail(l) == TERM_NIL && ast_is_call(h, "|", 2)) {
            tail_pat = term_head(term_tail(ast_args(h)));
            h = term_head(ast_args(h));
        }
        cc_emit(fs, OP_TEST_CONS);
        cc_emit(fs, cur);
        emit_fail(fs, fails);
        uint32_t hr = cc_alloc(fs), tr = cc_alloc(fs);
        cc_emit(fs, OP_GET_HEAD);
        cc_emit(fs, hr);
        cc_emit(fs, cur);
        cc_emit(fs, OP_GET_TAIL);
        cc_emit(fs, tr);
        cc_emit(fs, cur);
        cc_match(fs, h, hr, fails);
        cur = tr;
        if (tail_pat != TERM_NONE) {
            cc_match(fs, tail_pat, cur, fails);
            return;
        }
    }
    match_literal(fs, cc_literal(fs, TERM_NIL), cur, fails);
}

/* A map key in a pattern must be a literal or a pinned variable. */
static uint32_t map_key_operand(fn_state *fs, term k)
{
    term lit;
    if (cc_literal_value(k, &lit)) return cc_literal(fs, lit);
    if (ast_is_call(k, "^", 1)) {
        uint32_t op;
        term v = term_head(ast_args(k));
        if (ast_is_var(v) && cc_lookup(fs, ast_var_name(v), &op)) return op;
    }
    if (ast_is_call(k, "__aliases__", -1)) return cc_literal(fs, cc_expand_alias(fs, k));
    cc_error(fs, "CompileError", "cannot use variable or expression as map key in pattern; use ^ to pin it");
}

static void match_map_pairs(fn_state *fs, term pairs, uint32_t src, label_list *fails)
{
    cc_emit(fs, OP_TEST_TYPE);
    cc_emit(fs, src);
    cc_emit(fs, VM_IS_MAP);
    emit_fail(fs, fails);
    for (term l = pairs; term_is_cons(l); l = term_tail(l)) {
        term kv = term_head(l);
        if (!term_is_tuple(kv) || term_tuple_arity(kv) != 2) cc_error(fs, "CompileError", "invalid map pattern");
        uint32_t key = map_key_operand(fs, term_tuple_get(kv, 0));
        uint32_t r = cc_alloc(fs);
        cc_emit(fs, OP_TEST_MAP_KEY);
        cc_emit(fs, r);
        cc_emit(fs, src);
        cc_emit(fs, key);
        emit_fail(fs, fails);
        cc_match(fs, term_tuple_get(kv, 1), r, fails);
    }
}

/* %Name{...}: a map whose __struct__ is Name (or any struct for %_{} / %mod{}). */
static void match_struct(fn_state *fs, term e, uint32_t src, label_list *fails)
{
    term args = ast_args(e);
    term name = term_head(args), body = term_head(term_tail(args));
    match_map_pairs(fs, ast_args(body), src, fails);
    uint32_t r = cc_alloc(fs);
    cc_emit(fs, OP_TEST_MAP_KEY);
    cc_emit(fs, r);
    cc_emit(fs, src);
    cc_emit(fs, cc_literal(fs, term_atom("__struct__")));
    emit_fail(fs, fails);
    if (ast_is_call(name, "__aliases__", -1)) {
        match_literal(fs, cc_literal(fs, cc_expand_alias(fs, name)), r, fails);
    } else if (ast_is_var(name) && ast_var_name(name) == term_atom("__MODULE__")) {
        match_literal(fs, cc_literal(fs, fs->c->mod->name), r, fails);
    } else {
        cc_match(fs, name, r, fails);
    }
}

void cc_match(fn_state *fs, term p, uint32_t src, label_list *fails)
{
    term lit;
    uint32_t line = cc_line_of(p);
    if (line) fs->line = line;
    if (cc_literal_value(p, &lit)) {
        match_literal(fs, cc_literal(fs, lit), src, fails);
        return;
    }
    if (term_is_cons(p)) {
        match_list(fs, p, src, fails);
        return;
    }
    if (term_is_tuple(p) && term_tuple_arity(p) == 2) {
        term elems = cc_hold(fs->c, term_cons_new(term_retain(term_tuple_get(p, 0)),
                                                  term_cons_new(term_retain(term_tuple_get(p, 1)), TERM_NIL)));
        match_tuple(fs, elems, src, fails);
        return;
    }
    if (!term_is_tuple(p) || term_tuple_arity(p) != 3) cc_error(fs, "CompileError", "invalid pattern");
    p = cc_kernel_local_var(fs, p);
    if (ast_is_call(p, "var!", 1) || ast_is_call(p, "var!", 2)) p = cc_var_bang(fs, p);
    if (ast_is_var(p)) {
        if (ast_var_name(p) == term_atom("__MODULE__")) {
            /* nil outside a module, as in an expression */
            match_literal(fs, cc_literal(fs, fs->c->mod->is_module ? fs->c->mod->name : TERM_ATOM_NIL), src, fails);
            return;
        }
        match_var(fs, p, src, fails);
        return;
    }
    term head = term_tuple_get(p, 0);
    term args = ast_args(p);
    if (head == term_atom("{}")) {
        match_tuple(fs, args, src, fails);
    } else if (head == term_atom("%{}")) {
        match_map_pairs(fs, args, src, fails);
    } else if (head == term_atom("%")) {
        match_struct(fs, p, src, fails);
    } else if (head == term_atom("__aliases__")) {
        match_literal(fs, cc_literal(fs, cc_expand_alias(fs, p)), src, fails);
    } else if (head == term_atom("..") || head == term_atom("..//")) {
        /* first..last//step matches a Range struct */
        static const char *fields[] = {"first", "last", "step"};
        cc_emit(fs, OP_TEST_TYPE);
        cc_emit(fs, src);
        cc_emit(fs, VM_IS_MAP);
        emit_fail(fs, fails);
        uint32_t r = cc_alloc(fs);
        cc_emit(fs, OP_TEST_MAP_KEY);
        cc_emit(fs, r);
        cc_emit(fs, src);
        cc_emit(fs, cc_literal(fs, term_atom("__struct__")));
        emit_fail(fs, fails);
        match_literal(fs, cc_literal(fs, term_atom("Elixir.Range")), r, fails);
        uint32_t i = 0;
        for (term l = args; term_is_cons(l) && i < 3; l = term_tail(l), i++) {
            uint32_t v = cc_alloc(fs);
            cc_emit(fs, OP_TEST_MAP_KEY);
            cc_emit(fs, v);
            cc_emit(fs, src);
            cc_emit(fs, cc_literal(fs, term_atom(fields[i])));
            emit_fail(fs, fails);
            cc_match(fs, term_head(l), v, fails);
        }
    } else if (head == term_atom("^")) {
        term v = term_head(args);
        uint32_t op;
        if (!ast_is_var(v) || !cc_lookup(fs, ast_var_name(v), &op))
            cc_error(fs, "CompileError", "undefined variable ^%s", ast_is_var(v) ? term_atom_name(ast_var_name(v)) : "?");
        match_literal(fs, op, src, fails);
    } else if (head == term_atom("=")) {
        cc_match(fs, term_head(args), src, fails);
        cc_match(fs, term_head(term_tail(args)), src, fails);
    } else if (head == term_atom("<>")) {
        term prefix = term_head(args), rest = term_head(term_tail(args));
        if (!term_is_binary(prefix)) cc_error(fs, "CompileError", "the left argument of <> must be a binary in a pattern");
        uint32_t r = cc_alloc(fs);
        cc_emit(fs, OP_TEST_BIN_PREFIX);
        cc_emit(fs, r);
        cc_emit(fs, src);
        cc_emit(fs, cc_literal(fs, term_retain(prefix)));
        emit_fail(fs, fails);
        cc_match(fs, rest, r, fails);
    } else if (head == term_atom("<<>>")) {
        /* binary patterns: matched by the :ciex.bs_match BIF, which returns
         * a tuple of the segment values or :nomatch */
        extern void cc_match_binary(fn_state *fs, term p, uint32_t src, label_list *fails);
        cc_match_binary(fs, p, src, fails);
    } else if (term_is_atom(head) && strlen(term_atom_name(head)) == 7 && strncmp(term_atom_name(head), "sigil_", 6) == 0 &&
               strchr("DTNU", term_atom_name(head)[6]) && term_list_length(args) == 2) {
        /* ~D[...] and friends: the struct they stand for */
        match_literal(fs, cc_literal(fs, cc_calendar_sigil(fs, p, term_atom_name(head)[6])), src, fails);
    } else {
        cc_error(fs, "CompileError", "cannot invoke remote function in match or illegal pattern");
    }
}

uint32_t cc_clause_heads(term heads, term *pats, uint32_t max, term *guard)
{
    *guard = TERM_NONE;
    /* `a, b when g ->` arrives as [{:when, _, [a, b, g]}] */
    if (term_is_cons(heads) && term_tail(heads) == TERM_NIL && ast_is_call(term_head(heads), "when", -1)) {
        term args = ast_args(term_head(heads));
        uint32_t n = 0;
        for (term l = args; term_is_cons(l); l = term_tail(l)) {
            if (term_tail(l) == TERM_NIL) *guard = term_head(l);
            else if (n < max) pats[n++] = term_head(l);
        }
        return n;
    }
    uint32_t n = 0;
    for (term l = heads; term_is_cons(l) && n < max; l = term_tail(l)) pats[n++] = term_head(l);
    return n;
}

void cc_split_guard(term head, term *pattern, term *guard)
{
    if (ast_is_call(head, "when", 2)) {
        *pattern = term_head(ast_args(head));
        *guard = term_head(term_tail(ast_args(head)));
    } else {
        *pattern = head;
        *guard = TERM_NONE;
    }
}

/* ---- guards ---- */

/* Guards evaluate as expressions whose BIF errors make the guard fail. */
static uint32_t guard_expr(fn_state *fs, term g, label_list *fails);

/* is_atom(x) and the like: their vm_type_test, or -1. */
static int type_test_of(term g)
{
    static const struct { const char *name; vm_type_test t; } table[] = {
        {"is_atom", VM_IS_ATOM}, {"is_boolean", VM_IS_BOOLEAN}, {"is_integer", VM_IS_INTEGER},
        {"is_float", VM_IS_FLOAT}, {"is_number", VM_IS_NUMBER}, {"is_binary", VM_IS_BINARY},
        {"is_bitstring", VM_IS_BITSTRING}, {"is_list", VM_IS_LIST}, {"is_tuple", VM_IS_TUPLE},
        {"is_map", VM_IS_MAP}, {"is_pid", VM_IS_PID}, {"is_port", VM_IS_PORT}, {"is_reference", VM_IS_REF},
        {"is_function", VM_IS_FUN},
    };
    if (!term_is_tuple(g) || term_tuple_arity(g) != 3 || !term_is_atom(term_tuple_get(g, 0))) return -1;
    term args = term_tuple_get(g, 2);
    if (!term_is_cons(args) || term_tail(args) != TERM_NIL) return -1;
    const char *s = term_atom_name(term_tuple_get(g, 0));
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (strcmp(s, table[i].name) == 0) return (int)table[i].t;
    return -1;
}

static void guard_test(fn_state *fs, term g, label_list *fails)
{
    term expanded = cc_user_macro_expansion(fs, g);
    if (expanded != TERM_NONE) {
        cc_expansion_enter(fs, g);
        guard_test(fs, expanded, fails);
        cc_expansion_leave(fs);
        return;
    }
    if (ast_is_call(g, "and", 2) || ast_is_call(g, "&&", 2)) {
        guard_test(fs, term_head(ast_args(g)), fails);
        guard_test(fs, term_head(term_tail(ast_args(g))), fails);
        return;
    }
    if (ast_is_call(g, "or", 2) || ast_is_call(g, "||", 2)) {
        label_list left_fails = {0};
        guard_test(fs, term_head(ast_args(g)), &left_fails);
        cc_emit(fs, OP_JUMP);
        uint32_t ok = cc_emit(fs, 0);
        cc_label_patch(fs, &left_fails, cc_here(fs));
        guard_test(fs, term_head(term_tail(ast_args(g))), fails);
        cc_patch(fs, ok, cc_here(fs));
        return;
    }
    if (ast_is_call(g, "when", 2)) { /* a when b: either */
        label_list left_fails = {0};
        guard_test(fs, term_head(ast_args(g)), &left_fails);
        cc_emit(fs, OP_JUMP);
        uint32_t ok = cc_emit(fs, 0);
        cc_label_patch(fs, &left_fails, cc_here(fs));
        guard_test(fs, term_head(term_tail(ast_args(g))), fails);
        cc_patch(fs, ok, cc_here(fs));
        return;
    }
    vm_op cmp = compare_test(g);
    if (cmp) { /* comparisons never fail: test and branch at once */
        uint32_t a = guard_expr(fs, term_head(ast_args(g)), fails);
        uint32_t b = guard_expr(fs, term_head(term_tail(ast_args(g))), fails);
        emit_compare_test(fs, cmp, a, b, fails);
        return;
    }
    int type = type_test_of(g);
    if (type >= 0) {
        uint32_t v = guard_expr(fs, term_head(ast_args(g)), fails);
        cc_emit(fs, OP_TEST_TYPE);
        cc_emit(fs, v);
        cc_emit(fs, (uint32_t)type);
        emit_fail(fs, fails);
        return;
    }
    uint32_t v = guard_expr(fs, g, fails);
    cc_emit(fs, OP_TEST_TRUE);
    cc_emit(fs, v);
    emit_fail(fs, fails);
}

static const char *guard_bif(term name, uint32_t arity)
{
    static const struct { const char *name; uint32_t arity; const char *bif; } table[] = {
        {"is_atom", 1, "is_atom"}, {"is_boolean", 1, "is_boolean"}, {"is_integer", 1, "is_integer"},
        {"is_float", 1, "is_float"}, {"is_number", 1, "is_number"}, {"is_binary", 1, "is_binary"},
        {"is_bitstring", 1, "is_bitstring"}, {"is_list", 1, "is_list"}, {"is_tuple", 1, "is_tuple"},
        {"is_map", 1, "is_map"}, {"is_pid", 1, "is_pid"}, {"is_port", 1, "is_port"},
        {"is_reference", 1, "is_reference"}, {"is_function", 1, "is_function"},
        {"is_function", 2, "is_function"},
        {"==", 2, "=="}, {"!=", 2, "/="}, {"===", 2, "=:="}, {"!==", 2, "=/="}, {"<", 2, "<"},
        {">", 2, ">"}, {"<=", 2, "=<"}, {">=", 2, ">="}, {"+", 2, "+"}, {"-", 2, "-"}, {"*", 2, "*"},
        {"/", 2, "/"}, {"-", 1, "-"}, {"+", 1, "+"}, {"div", 2, "div"}, {"rem", 2, "rem"}, {"abs", 1, "abs"},
        {"not", 1, "not"}, {"hd", 1, "hd"}, {"tl", 1, "tl"}, {"length", 1, "length"},
        {"tuple_size", 1, "tuple_size"}, {"map_size", 1, "map_size"}, {"byte_size", 1, "byte_size"},
        {"bit_size", 1, "bit_size"}, {"round", 1, "round"}, {"trunc", 1, "trunc"}, {"node", 1, "node"},
        {"node", 0, "node"}, {"self", 0, "self"}, {"max", 2, "max"}, {"min", 2, "min"},
        {"binary_part", 3, "binary_part"}, {"floor", 1, "floor"}, {"ceil", 1, "ceil"},
        {"is_nil", 1, NULL},
        {NULL, 0, NULL},
    };
    const char *s = term_atom_name(name);
    for (int i = 0; table[i].name; i++)
        if (table[i].arity == arity && strcmp(table[i].name, s) == 0) return table[i].bif ? table[i].bif : "";
    return NULL;
}

/* Bitwise's guard-safe functions and operators: the :erlang BIF. */
static const char *bitwise_bif(term name, uint32_t arity)
{
    static const struct { const char *name; uint32_t arity; const char *bif; } table[] = {
        {"band", 2, "band"}, {"&&&", 2, "band"}, {"bor", 2, "bor"}, {"|||", 2, "bor"},
        {"bxor", 2, "bxor"}, {"^^^", 2, "bxor"}, {"bsl", 2, "bsl"}, {"<<<", 2, "bsl"},
        {"bsr", 2, "bsr"}, {">>>", 2, "bsr"}, {"bnot", 1, "bnot"}, {"~~~", 1, "bnot"},
        {NULL, 0, NULL},
    };
    const char *s = term_atom_name(name);
    for (int i = 0; table[i].name; i++)
        if (table[i].arity == arity && strcmp(table[i].name, s) == 0) return table[i].bif;
    return NULL;
}

/* The module context that imports Bitwise, or NULL. */
static module_ctx *bitwise_importer(fn_state *fs)
{
    for (module_ctx *m = fs->c->mod; m; m = m->parent)
        for (term l = m->imports; term_is_cons(l); l = term_tail(l))
            if (term_head(l) == term_atom("Elixir.Bitwise")) return m;
    return NULL;
}

static uint32_t guard_bif_call(fn_state *fs, const char *bif, uint32_t n, const uint32_t *args, label_list *fails);

/* Kernel.f(...) and Bitwise.f(...) in a guard, and Bitwise's functions
 * and operators where Bitwise is imported: the BIF they stand for.
 * Returns false when g is none of these. */
static bool guard_module_call(fn_state *fs, term g, label_list *fails, uint32_t *out)
{
    if (!term_is_tuple(g) || term_tuple_arity(g) != 3 || !term_is_list(term_tuple_get(g, 2))) return false;
    term head = term_tuple_get(g, 0), args = term_tuple_get(g, 2);
    intptr_t n = term_list_length(args);
    if (n < 0 || n > 3) return false;
    const char *bif = NULL;
    if (term_is_atom(head)) {
        module_ctx *importer = bitwise_importer(fs);
        if (importer && (bif = bitwise_bif(head, (uint32_t)n)) != NULL)
            cc_import_used(importer, term_atom("Elixir.Bitwise")); /* no "unused import" warning */
    } else if (ast_is_call(head, ".", 2) && ast_is_call(term_head(ast_args(head)), "__aliases__", -1)) {
        term mod = cc_expand_alias(fs, term_head(ast_args(head)));
        term fun = term_head(term_tail(ast_args(head)));
        if (!term_is_atom(fun)) return false;
        if (mod == term_atom("Elixir.Bitwise")) bif = bitwise_bif(fun, (uint32_t)n);
        else if (mod == term_atom("Elixir.Kernel")) {
            bif = guard_bif(fun, (uint32_t)n);
            if (bif && !*bif) bif = NULL; /* is_nil: not a BIF */
        }
    }
    if (!bif) return false;
    uint32_t regs[3];
    uint32_t i = 0;
    for (term l = args; term_is_cons(l); l = term_tail(l)) regs[i++] = guard_expr(fs, term_head(l), fails);
    *out = guard_bif_call(fs, bif, (uint32_t)n, regs, fails);
    return true;
}

static uint32_t guard_bif_call(fn_state *fs, const char *bif, uint32_t n, const uint32_t *args, label_list *fails)
{
    uint32_t d = cc_alloc(fs);
    cc_emit(fs, OP_BIF);
    cc_emit(fs, d);
    cc_emit(fs, (uint32_t)cc_bif(fs, "erlang", bif, n));
    emit_fail(fs, fails);
    cc_emit(fs, n);
    for (uint32_t i = 0; i < n; i++) cc_emit(fs, args[i]);
    return d;
}

/* x in [a, b] / x in a..b inside a guard */
static uint32_t guard_in(fn_state *fs, term g, label_list *fails)
{
    term x = term_head(ast_args(g)), coll = term_head(term_tail(ast_args(g)));
    uint32_t v = guard_expr(fs, x, fails);
    uint32_t d = cc_alloc(fs);
    if (ast_is_call(coll, "..", 2)) {
        uint32_t lo = guard_expr(fs, term_head(ast_args(coll)), fails);
        uint32_t hi = guard_expr(fs, term_head(term_tail(ast_args(coll))), fails);
        uint32_t a = guard_bif_call(fs, "is_integer", 1, (uint32_t[]){v}, fails);
        uint32_t b = guard_bif_call(fs, ">=", 2, (uint32_t[]){v, lo}, fails);
        uint32_t c = guard_bif_call(fs, "=<", 2, (uint32_t[]){v, hi}, fails);
        uint32_t ab = guard_bif_call(fs, "and", 2, (uint32_t[]){a, b}, fails);
        return guard_bif_call(fs, "and", 2, (uint32_t[]){ab, c}, fails);
    }
    term lit = TERM_NONE;
    if (ast_is_call(coll, "@", 1)) lit = cc_hold(fs->c, cc_attribute_value(fs, coll));
    else if (cc_literal_value(coll, &lit)) cc_hold(fs->c, lit);
    else lit = TERM_NONE;
    term first = term_is_map(lit) ? term_map_get(lit, term_atom("first")) : TERM_NONE;
    term last = term_is_map(lit) ? term_map_get(lit, term_atom("last")) : TERM_NONE;
    if (term_is_map(lit) && term_map_get(lit, term_atom("__struct__")) == term_atom("Elixir.Range") &&
        term_is_integer(first) && term_is_integer(last)) {
        /* x in @range, the range known when compiling */
        uint32_t a = guard_bif_call(fs, "is_integer", 1, (uint32_t[]){v}, fails);
        uint32_t b = guard_bif_call(fs, ">=", 2, (uint32_t[]){v, cc_literal(fs, term_retain(first))}, fails);
        uint32_t c = guard_bif_call(fs, "=<", 2, (uint32_t[]){v, cc_literal(fs, term_retain(last))}, fails);
        uint32_t ab = guard_bif_call(fs, "and", 2, (uint32_t[]){a, b}, fails);
        return guard_bif_call(fs, "and", 2, (uint32_t[]){ab, c}, fails);
    }
    if (lit == TERM_NONE || !term_is_list(lit))
        cc_error(fs, "ArgumentError", "invalid right argument for operator \"in\", it expects a compile-time proper list or compile-time range on the right side when used in guard expressions");
    uint32_t acc = cc_literal(fs, TERM_FALSE);
    for (term l = lit; term_is_cons(l); l = term_tail(l)) {
        uint32_t eq = guard_bif_call(fs, "=:=", 2, (uint32_t[]){v, cc_literal(fs, term_retain(term_head(l)))}, fails);
        acc = guard_bif_call(fs, "or", 2, (uint32_t[]){acc, eq}, fails);
    }
    (void)d;
    return acc;
}

static uint32_t guard_expr(fn_state *fs, term g, label_list *fails)
{
    term lit;
    term expanded = cc_user_macro_expansion(fs, g);
    if (expanded != TERM_NONE) {
        cc_expansion_enter(fs, g);
        uint32_t v = guard_expr(fs, expanded, fails);
        cc_expansion_leave(fs);
        return v;
    }
    if (cc_literal_value(g, &lit)) return cc_literal(fs, lit);
    if (ast_is_var(g)) {
        uint32_t op;
        if (cc_lookup(fs, ast_var_name(g), &op)) return op;
        if (ast_var_name(g) == term_atom("__MODULE__"))
            return cc_literal(fs, fs->c->mod->is_module ? fs->c->mod->name : TERM_ATOM_NIL);
    }
    if (ast_is_call(g, "__aliases__", -1)) return cc_literal(fs, cc_expand_alias(fs, g));
    if (ast_is_call(g, "@", 1)) return cc_literal(fs, cc_attribute_value(fs, g));
    if (ast_is_call(g, "in", 2)) return guard_in(fs, g, fails);
    if (ast_is_call(g, "and", 2) || ast_is_call(g, "or", 2) || ast_is_call(g, "&&", 2) || ast_is_call(g, "||", 2) ||
        ast_is_call(g, "!", 1)) {
        /* boolean operators as values: evaluate both sides strictly */
        if (ast_is_call(g, "!", 1)) {
            uint32_t v = guard_expr(fs, term_head(ast_args(g)), fails);
            return guard_bif_call(fs, "not", 1, (uint32_t[]){v}, fails);
        }
        uint32_t a = guard_expr(fs, term_head(ast_args(g)), fails);
        uint32_t b = guard_expr(fs, term_head(term_tail(ast_args(g))), fails);
        const char *op = (ast_is_call(g, "and", 2) || ast_is_call(g, "&&", 2)) ? "and" : "or";
        return guard_bif_call(fs, op, 2, (uint32_t[]){a, b}, fails);
    }
    if (ast_is_call(g, "elem", 2)) {
        uint32_t t = guard_expr(fs, term_head(ast_args(g)), fails);
        uint32_t i = guard_expr(fs, term_head(term_tail(ast_args(g))), fails);
        uint32_t i1 = guard_bif_call(fs, "+", 2, (uint32_t[]){i, cc_literal(fs, term_small(1))}, fails);
        return guard_bif_call(fs, "element", 2, (uint32_t[]){i1, t}, fails);
    }
    if (ast_is_call(g, "is_map_key", 2)) { /* Elixir's (map, key); :erlang's (key, map) */
        uint32_t m = guard_expr(fs, term_head(ast_args(g)), fails);
        uint32_t k = guard_expr(fs, term_head(term_tail(ast_args(g))), fails);
        return guard_bif_call(fs, "is_map_key", 2, (uint32_t[]){k, m}, fails);
    }
    if (ast_is_call(g, "is_nil", 1)) {
        uint32_t v = guard_expr(fs, term_head(ast_args(g)), fails);
        return guard_bif_call(fs, "=:=", 2, (uint32_t[]){v, cc_literal(fs, TERM_ATOM_NIL)}, fails);
    }
    if (term_is_tuple(g) && term_tuple_arity(g) == 3 && term_is_atom(term_tuple_get(g, 0)) &&
        term_is_list(term_tuple_get(g, 2))) {
        term name = term_tuple_get(g, 0);
        uint32_t n = (uint32_t)term_list_length(term_tuple_get(g, 2));
        const char *bif = guard_bif(name, n);
        if (bif && *bif) {
            uint32_t args[3];
            uint32_t i = 0;
            for (term l = term_tuple_get(g, 2); term_is_cons(l); l = term_tail(l)) args[i++] = guard_expr(fs, term_head(l), fails);
            return guard_bif_call(fs, bif, n, args, fails);
        }
    }
    if (term_is_tuple(g) && term_tuple_arity(g) == 2) {
        uint32_t items[2] = {guard_expr(fs, term_tuple_get(g, 0), fails), guard_expr(fs, term_tuple_get(g, 1), fails)};
        return cc_tuple_operand(fs, CC_ANY, 2, items);
    }
    if (ast_is_call(g, "{}", -1)) return cc_expr(fs, g, CC_ANY);
    if (term_is_tuple(g) && term_tuple_arity(g) == 3 && ast_is_call(term_tuple_get(g, 0), ".", 2) &&
        term_head(ast_args(term_tuple_get(g, 0))) == term_atom("erlang") && term_is_list(term_tuple_get(g, 2))) {
        /* :erlang.is_integer(x), :erlang.element(2, t): the BIF itself
         * (funs from the BEAM call them so) */
        term name = term_head(term_tail(ast_args(term_tuple_get(g, 0))));
        intptr_t n = term_list_length(term_tuple_get(g, 2));
        if (term_is_atom(name) && n >= 0 && n <= 3 &&
            vm_find_bif(fs->c->rt, term_atom("erlang"), name, (uint32_t)n) >= 0) {
            uint32_t args[3];
            uint32_t i = 0;
            for (term l = term_tuple_get(g, 2); term_is_cons(l); l = term_tail(l)) args[i++] = guard_expr(fs, term_head(l), fails);
            return guard_bif_call(fs, term_atom_name(name), (uint32_t)n, args, fails);
        }
    }
    uint32_t out;
    if (guard_module_call(fs, g, fails, &out)) return out;
    cc_error(fs, "CompileError", "cannot invoke remote function inside guards");
}

void cc_guard(fn_state *fs, term guard, label_list *fails)
{
    if (guard == TERM_NONE) return;
    guard_test(fs, guard, fails);
}
