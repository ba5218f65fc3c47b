/* compile_comprehension.c - for, with, and bitstring segments.
 *
 * `for` compiles to loops over lists (other enumerables are turned into
 * lists by Enum.to_list first), accumulating in reverse; `with` to a chain
 * of matches that jumps to its else clauses on the first mismatch.
 * Bitstrings with typed segments are built and matched by the
 * :ciex.bs_build/1 and :ciex.bs_match/2 BIFs from a list of segment specs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

static term arg(term e, int i)
{
    term l = ast_args(e);
    while (i-- > 0 && term_is_cons(l)) l = term_tail(l);
    return term_is_cons(l) ? term_head(l) : TERM_NONE;
}


/* ---- for ---- */

typedef struct for_ctx {
    term *quals;       /* generators and filters */
    uint32_t nquals;
    term body;         /* do: body (or reduce clauses) */
    bool reduce;
    uint32_t acc;      /* register of the accumulator */
    bool uniq;
} for_ctx;

static void for_level(fn_state *fs, const for_ctx *fc, uint32_t q)
{
    if (q == fc->nquals) {
        if (fc->reduce) {
            /* acc = case acc do clauses end */
            term clauses = fc->body;
            term case_ast = cc_hold(fs->c, term_tuple3(term_atom("case"), TERM_NIL,
                                        term_cons_new(term_tuple3(term_atom("__for_acc__"), TERM_NIL, TERM_ATOM_NIL),
                                                      term_cons_new(term_cons_new(term_tuple2(term_atom("do"), term_retain(clauses)), TERM_NIL), TERM_NIL))));
            cc_bind(fs, term_atom("__for_acc__"), fc->acc);
            uint32_t v = cc_alloc(fs);
            cc_expr(fs, case_ast, v);
            cc_move(fs, fc->acc, v);
        } else {
            uint32_t v = cc_block(fs, fc->body, CC_ANY);
            cc_emit(fs, OP_MAKE_LIST);
            cc_emit(fs, fc->acc);
            cc_emit(fs, 1);
            cc_emit(fs, v);
            cc_emit(fs, fc->acc);
        }
        return;
    }
    term qual = fc->quals[q];
    if (ast_is_call(qual, "<-", 2)) {
        term pat = arg(qual, 0), coll = arg(qual, 1);
        uint32_t src = cc_expr(fs, coll, CC_ANY);
        uint32_t list = cc_alloc(fs);
        cc_call_remote(fs, list, term_atom("Elixir.Enum"), term_atom("to_list"), 1, &src);
        uint32_t loop = cc_here(fs);
        cc_emit(fs, OP_TEST_CONS);
        cc_emit(fs, list);
        uint32_t done = cc_emit(fs, 0);
        uint32_t h = cc_alloc(fs);
        cc_emit(fs, OP_GET_HEAD);
        cc_emit(fs, h);
        cc_emit(fs, list);
        cc_emit(fs, OP_GET_TAIL);
        cc_emit(fs, list);
        cc_emit(fs, list);
        scope sc;
        cc_scope_push(fs, &sc);
        label_list skip = {0};
        term pattern, guard;
        cc_split_guard(pat, &pattern, &guard);
        term saved = fs->pattern_vars;
        fs->pattern_vars = TERM_NIL;
        cc_match(fs, pattern, h, &skip);
        term_release(fs->pattern_vars);
        fs->pattern_vars = saved;
        cc_guard(fs, guard, &skip);
        for_level(fs, fc, q + 1);
        cc_scope_pop(fs);
        cc_label_patch(fs, &skip, cc_here(fs));
        cc_emit(fs, OP_JUMP);
        cc_emit(fs, loop);
        cc_patch(fs, done, cc_here(fs));
        return;
    }
    term last_seg = TERM_NONE;
    if (ast_is_call(qual, "<<>>", -1))
        for (term l = ast_args(qual); term_is_cons(l); l = term_tail(l))
            if (term_tail(l) == TERM_NIL) last_seg = term_head(l);
    if (last_seg != TERM_NONE && ast_is_call(last_seg, "<-", 2)) {
        /* a bitstring generator <<a::8, b <- bin>>: match the segments and
         * rest::bitstring until the rest no longer matches */
        term bin = arg(last_seg, 1);
        term rest_var = cc_hold(fs->c, term_tuple3(term_atom("ciex bits rest"), TERM_NIL, TERM_ATOM_NIL));
        term rest_seg = term_tuple3(term_atom("::"), TERM_NIL,
                                    term_cons_new(term_retain(rest_var),
                                                  term_cons_new(term_tuple3(term_atom("bitstring"), TERM_NIL, TERM_ATOM_NIL), TERM_NIL)));
        term segs[64];
        uint32_t ns = 0;
        for (term l = ast_args(qual); term_is_cons(l) && ns < 62; l = term_tail(l))
            segs[ns++] = term_tail(l) == TERM_NIL ? term_retain(arg(last_seg, 0)) : term_retain(term_head(l));
        segs[ns++] = rest_seg;
        term pattern = cc_hold(fs->c, term_tuple3(term_atom("<<>>"), TERM_NIL, term_list_from_array(segs, ns)));
        uint32_t rest = cc_alloc(fs);
        cc_expr(fs, bin, rest);
        uint32_t loop = cc_here(fs);
        scope sc;
        cc_scope_push(fs, &sc);
        label_list done = {0};
        term saved = fs->pattern_vars;
        fs->pattern_vars = TERM_NIL;
        cc_match(fs, pattern, rest, &done);
        term_release(fs->pattern_vars);
        fs->pattern_vars = saved;
        uint32_t next;
        cc_lookup(fs, term_atom("ciex bits rest"), &next);
        uint32_t keep = cc_alloc(fs);
        cc_move(fs, keep, next);
        for_level(fs, fc, q + 1);
        cc_move(fs, rest, keep);
        cc_scope_pop(fs);
        cc_emit(fs, OP_JUMP);
        cc_emit(fs, loop);
        cc_label_patch(fs, &done, cc_here(fs));
        return;
    }
    /* a filter */
    label_list skip = {0};
    cc_branch_unless(fs, qual, &skip);
    for_level(fs, fc, q + 1);
    cc_label_patch(fs, &skip, cc_here(fs));
}

uint32_t cc_for(fn_state *fs, term e, uint32_t dst)
{
    term args = ast_args(e);
    intptr_t n = term_list_length(args);
    term last = TERM_NONE;
    term quals[64];
    uint32_t nq = 0;
    for (term l = args; term_is_cons(l); l = term_tail(l)) {
        if (term_tail(l) == TERM_NIL) last = term_head(l);
        else if (nq < 64) quals[nq++] = term_head(l);
    }
    (void)n;
    if (!term_is_list(last)) cc_error(fs, "CompileError", "missing :do option in \"for\"");
    /* with a do block the options come in a keyword list of their own
     * before it: for x <- l, reduce: acc do ... end */
    term opts = last;
    if (nq > 0 && term_is_cons(quals[nq - 1]) && term_is_tuple(term_head(quals[nq - 1])) &&
        term_tuple_arity(term_head(quals[nq - 1])) == 2 && term_is_atom(term_tuple_get(term_head(quals[nq - 1]), 0)))
        opts = quals[--nq];
    term body = ast_kw_get(last, "do"), into = ast_kw_get(opts, "into"), reduce = ast_kw_get(opts, "reduce");
    term uniq = ast_kw_get(opts, "uniq");
    if (into == TERM_NONE) into = ast_kw_get(last, "into");
    if (reduce == TERM_NONE) reduce = ast_kw_get(last, "reduce");
    if (uniq == TERM_NONE) uniq = ast_kw_get(last, "uniq");
    if (body == TERM_NONE) cc_error(fs, "CompileError", "missing :do option in \"for\"");
    scope sc;
    cc_scope_push(fs, &sc);
    uint32_t acc = cc_alloc(fs);
    for_ctx fc = {quals, nq, body, reduce != TERM_NONE, acc, uniq == TERM_TRUE};
    if (reduce != TERM_NONE) cc_expr(fs, reduce, acc);
    else cc_move(fs, acc, cc_literal(fs, TERM_NIL));
    for_level(fs, &fc, 0);
    cc_scope_pop(fs);
    uint32_t d = dst == CC_ANY ? cc_alloc(fs) : dst;
    if (reduce != TERM_NONE) {
        cc_move(fs, d, acc);
        return d;
    }
    uint32_t rev = cc_alloc(fs);
    cc_call_remote(fs, rev, term_atom("lists"), term_atom("reverse"), 1, &acc);
    if (fc.uniq) cc_call_remote(fs, rev, term_atom("Elixir.Enum"), term_atom("uniq"), 1, &rev);
    if (into != TERM_NONE) {
        uint32_t target = cc_expr(fs, into, CC_ANY);
        cc_call_remote(fs, d, term_atom("Elixir.Enum"), term_atom("into"), 2, (uint32_t[]){rev, target});
    } else {
        cc_move(fs, d, rev);
    }
    return d;
}

/* ---- with ---- */

uint32_t cc_with(fn_state *fs, term e, uint32_t dst)
{
    term args = ast_args(e);
    term last = TERM_NONE;
    for (term l = args; term_is_cons(l); l = term_tail(l))
        if (term_tail(l) == TERM_NIL) last = term_head(l);
    term body = ast_kw_get(last, "do"), else_c = ast_kw_get(last, "else");
    if (body == TERM_NONE) cc_error(fs, "CompileError", "missing :do option in \"with\"");
    uint32_t d = dst == CC_ANY ? cc_alloc(fs) : dst;
    uint32_t failed = cc_alloc(fs);
    scope sc;
    cc_scope_push(fs, &sc);
    label_list to_else = {0};
    for (term l = args; term_is_cons(l) && term_tail(l) != TERM_NIL; l = term_tail(l)) {
        term clause = term_head(l);
        if (ast_is_call(clause, "<-", 2)) {
            term pattern, guard;
            cc_split_guard(arg(clause, 0), &pattern, &guard);
            cc_expr(fs, arg(clause, 1), failed);
            term saved = fs->pattern_vars;
            fs->pattern_vars = TERM_NIL;
            cc_match(fs, pattern, failed, &to_else);
            term_release(fs->pattern_vars);
            fs->pattern_vars = saved;
            cc_guard(fs, guard, &to_else);
        } else {
            cc_expr(fs, clause, CC_ANY);
        }
    }
    cc_block(fs, body, d);
    cc_scope_pop(fs);
    uint32_t end = cc_jump_placeholder(fs);
    cc_label_patch(fs, &to_else, cc_here(fs));
    if (else_c == TERM_NONE) {
        cc_move(fs, d, failed);
    } else {
        label_list ends = {0};
        for (term l = else_c; term_is_cons(l); l = term_tail(l)) {
            term cl = term_head(l);
            term pattern, guard;
            cc_split_guard(term_head(arg(cl, 0)), &pattern, &guard);
            label_list fails = {0};
            cc_scope_push(fs, &sc);
            term saved = fs->pattern_vars;
            fs->pattern_vars = TERM_NIL;
            cc_match(fs, pattern, failed, &fails);
            term_release(fs->pattern_vars);
            fs->pattern_vars = saved;
            cc_guard(fs, guard, &fails);
            cc_block(fs, arg(cl, 1), d);
            cc_label_add(fs, &ends, cc_jump_placeholder(fs));
            cc_scope_pop(fs);
            cc_label_patch(fs, &fails, cc_here(fs));
        }
        uint32_t r = cc_tuple_operand(fs, CC_ANY, 2, (uint32_t[]){cc_literal(fs, term_atom("with_clause")), failed});
        cc_raise_term(fs, "error", r);
        cc_label_patch(fs, &ends, cc_here(fs));
    }
    cc_patch(fs, end, cc_here(fs));
    return d;
}

/* ---- bitstrings ---- */

/* A segment spec: {type, size, unit, signed, endian} where size is an
 * integer, :default or (in matches) :all. */
static term segment_spec(fn_state *fs, term spec_ast, uint32_t *size_operand, term *value_ast)
{
    term type = term_atom("integer"), size = term_atom("default"), sign = term_atom("unsigned"), endian = term_atom("big");
    uint32_t unit = 0;
    *size_operand = CC_ANY;
    /* walk a-b-c specs */
    term stack[16];
    uint32_t n = 0;
    stack[n++] = spec_ast;
    while (n) {
        term s = stack[--n];
        if (ast_is_call(s, "-", 2)) {
            if (n < 14) {
                stack[n++] = arg(s, 1);
                stack[n++] = arg(s, 0);
            }
            continue;
        }
        if (term_is_small(s)) {
            size = s;
            continue;
        }
        if (ast_is_call(s, "size", 1)) {
            term v = arg(s, 0);
            if (term_is_small(v)) size = v;
            else *size_operand = cc_expr(fs, v, CC_ANY);
            continue;
        }
        if (ast_is_call(s, "unit", 1) && term_is_small(arg(s, 0))) {
            unit = (uint32_t)term_small_value(arg(s, 0));
            continue;
        }
        if (ast_is_var(s) || (term_is_tuple(s) && term_tuple_arity(s) == 3 && term_tuple_get(s, 2) == TERM_NIL)) {
            const char *w = term_atom_name(term_tuple_get(s, 0));
            if (!strcmp(w, "integer") || !strcmp(w, "float") || !strcmp(w, "binary") || !strcmp(w, "bits") ||
                !strcmp(w, "bitstring") || !strcmp(w, "bytes") || !strcmp(w, "utf8") || !strcmp(w, "utf16") ||
                !strcmp(w, "utf32"))
                type = term_tuple_get(s, 0);
            else if (!strcmp(w, "signed") || !strcmp(w, "unsigned")) sign = term_tuple_get(s, 0);
            else if (!strcmp(w, "big") || !strcmp(w, "little") || !strcmp(w, "native")) endian = term_tuple_get(s, 0);
            else cc_error(fs, "CompileError", "unknown bitstring specifier: %s", w);
            continue;
        }
        cc_error(fs, "CompileError", "unknown bitstring specifier");
    }
    (void)value_ast;
    term t = term_tuple_new(5);
    term_tuple_init(t, 0, type);
    term_tuple_init(t, 1, size);
    term_tuple_init(t, 2, term_small(unit));
    term_tuple_init(t, 3, sign);
    term_tuple_init(t, 4, endian);
    return t;
}

/* Builds [{value, spec, dynamic_size}, ...] and calls :ciex.bs_build/1. */
uint32_t cc_build_binary(fn_state *fs, term e, uint32_t dst);
uint32_t cc_build_binary(fn_state *fs, term e, uint32_t dst)
{
    term segs = ast_args(e);
    uint32_t n = (uint32_t)term_list_length(segs);
    uint32_t *items = cc_scratch(fs->c, (n ? n : 1) * sizeof *items);
    uint32_t i = 0;
    for (term l = segs; term_is_cons(l); l = term_tail(l)) {
        term s = term_head(l), value = s, spec_ast = TERM_NONE;
        if (ast_is_call(s, "::", 2)) {
            value = arg(s, 0);
            spec_ast = arg(s, 1);
        }
        uint32_t size_op = CC_ANY;
        term spec;
        if (spec_ast == TERM_NONE) {
            spec = term_tuple_new(5);
            term_tuple_init(spec, 0, term_is_binary(value) ? term_atom("binary") : term_atom("integer"));
            term_tuple_init(spec, 1, term_atom("default"));
            term_tuple_init(spec, 2, term_small(0));
            term_tuple_init(spec, 3, term_atom("unsigned"));
            term_tuple_init(spec, 4, term_atom("big"));
        } else {
            spec = segment_spec(fs, spec_ast, &size_op, NULL);
        }
        uint32_t spec_op = cc_literal(fs, spec); /* owned by the function before anything can fail */
        uint32_t v = cc_expr(fs, value, CC_ANY);
        uint32_t sz = size_op == CC_ANY ? cc_literal(fs, TERM_ATOM_NIL) : size_op;
        items[i++] = cc_tuple_operand(fs, CC_ANY, 3, (uint32_t[]){v, spec_op, sz});
    }
    uint32_t list = cc_alloc(fs);
    cc_emit(fs, OP_MAKE_LIST);
    cc_emit(fs, list);
    cc_emit(fs, n);
    for (uint32_t k = 0; k < n; k++) cc_emit(fs, items[k]);
    cc_emit(fs, cc_literal(fs, TERM_NIL));
    uint32_t d = dst == CC_ANY ? cc_alloc(fs) : dst;
    cc_emit(fs, OP_BIF);
    cc_emit(fs, d);
    cc_emit(fs, (uint32_t)cc_bif(fs, "ciex", "bs_build", 1));
    cc_emit(fs, 0);
    cc_emit(fs, 1);
    cc_emit(fs, list);
    return d;
}

/* <<a::8, rest::binary>> = src: :ciex.bs_match(src, specs) gives a tuple
 * of the segment values, or :nomatch; then each value is matched. */
static void match_binary_chunk(fn_state *fs, term segs, uint32_t src, label_list *fails);

/* Whether a segment's size is an expression (size(n) with a variable). */
static bool dynamic_size(term seg)
{
    if (!ast_is_call(seg, "::", 2)) return false;
    term stack[16];
    uint32_t n = 0;
    stack[n++] = arg(seg, 1);
    while (n) {
        term s = stack[--n];
        if (ast_is_call(s, "-", 2) && n < 14) {
            stack[n++] = arg(s, 0);
            stack[n++] = arg(s, 1);
        } else if (ast_is_call(s, "size", 1) && !term_is_small(arg(s, 0))) {
            return true;
        }
    }
    return false;
}

/* A size may name a variable an earlier segment of the same pattern binds
 * (<<len::8, data::binary-size(len)>>): the pattern is matched in chunks,
 * each ending with the rest of the bitstring, so that the earlier
 * segments are bound before a later size is computed. */
void cc_match_binary(fn_state *fs, term p, uint32_t src, label_list *fails);
void cc_match_binary(fn_state *fs, term p, uint32_t src, label_list *fails)
{
    term chunk[256];
    uint32_t n = 0;
    uint32_t cur = src;
    for (term l = ast_args(p); term_is_cons(l); l = term_tail(l)) {
        term seg = term_head(l);
        if (n > 0 && n < 255 && dynamic_size(seg)) {
            /* match what came before, keeping the rest */
            char name[32];
            snprintf(name, sizeof name, "ciex bin rest %u", cur);
            term rest_var = term_tuple3(term_atom(name), TERM_NIL, TERM_ATOM_NIL);
            chunk[n++] = term_tuple3(term_atom("::"), TERM_NIL,
                                     term_cons_new(term_retain(rest_var),
                                                   term_cons_new(term_tuple3(term_atom("bitstring"), TERM_NIL, TERM_ATOM_NIL), TERM_NIL)));
            term list = TERM_NIL;
            for (uint32_t i = n; i-- > 0;) list = term_cons_new(chunk[i], list);
            match_binary_chunk(fs, cc_hold(fs->c, list), cur, fails);
            cc_lookup(fs, term_atom(name), &cur);
            term_release(rest_var);
            n = 0;
        }
        if (n < 255) chunk[n++] = term_retain(seg);
    }
    term list = TERM_NIL;
    for (uint32_t i = n; i-- > 0;) list = term_cons_new(chunk[i], list);
    match_binary_chunk(fs, cc_hold(fs->c, list), cur, fails);
}

static void match_binary_chunk(fn_state *fs, term segs, uint32_t src, label_list *fails)
{
    uint32_t n = (uint32_t)term_list_length(segs);
    term *values = cc_scratch(fs->c, (n ? n : 1) * sizeof *values);
    uint32_t *specs = cc_scratch(fs->c, (n ? n : 1) * sizeof *specs);
    uint32_t i = 0;
    for (term l = segs; term_is_cons(l); l = term_tail(l)) {
        term s = term_head(l), value = s, spec_ast = TERM_NONE;
        if (ast_is_call(s, "::", 2)) {
            value = arg(s, 0);
            spec_ast = arg(s, 1);
        }
        uint32_t size_op = CC_ANY;
        term spec;
        if (spec_ast == TERM_NONE) {
            spec = term_tuple_new(5);
            bool lit = term_is_binary(value);
            term_tuple_init(spec, 0, lit ? term_atom("binary") : term_atom("integer"));
            term_tuple_init(spec, 1, lit ? term_small((intptr_t)term_binary_size(value) * 8) : term_atom("default"));
            term_tuple_init(spec, 2, term_small(lit ? 1 : 0));
            term_tuple_init(spec, 3, term_atom("unsigned"));
            term_tuple_init(spec, 4, term_atom("big"));
        } else {
            spec = segment_spec(fs, spec_ast, &size_op, NULL);
        }
        uint32_t sz = size_op == CC_ANY ? cc_literal(fs, TERM_ATOM_NIL) : size_op;
        specs[i] = cc_tuple_operand(fs, CC_ANY, 2, (uint32_t[]){cc_literal(fs, spec), sz});
        values[i++] = value;
    }
    uint32_t list = cc_alloc(fs);
    cc_emit(fs, OP_MAKE_LIST);
    cc_emit(fs, list);
    cc_emit(fs, n);
    for (uint32_t k = 0; k < n; k++) cc_emit(fs, specs[k]);
    cc_emit(fs, cc_literal(fs, TERM_NIL));
    uint32_t r = cc_alloc(fs);
    cc_emit(fs, OP_BIF);
    cc_emit(fs, r);
    cc_emit(fs, (uint32_t)cc_bif(fs, "ciex", "bs_match", 2));
    cc_label_add(fs, fails, cc_emit(fs, 0));
    cc_emit(fs, 2);
    cc_emit(fs, src);
    cc_emit(fs, list);
    cc_emit(fs, OP_TEST_TUPLE);
    cc_emit(fs, r);
    cc_emit(fs, n);
    cc_label_add(fs, fails, cc_emit(fs, 0));
    for (uint32_t k = 0; k < n; k++) {
        uint32_t v = cc_alloc(fs);
        cc_emit(fs, OP_GET_ELEM);
        cc_emit(fs, v);
        cc_emit(fs, r);
        cc_emit(fs, k);
        cc_match(fs, values[k], v, fails);
    }
}
