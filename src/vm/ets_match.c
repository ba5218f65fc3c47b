/* ets_match.c - match specifications, as :ets.select/2 and friends take
 * them: [{head, guards, body}].
 *
 * A specification is compiled once per call into a tree of nodes: heads
 * into patterns (variables :"$N", the wildcard :_, constants compared
 * with =:=, tuples, lists and maps), guards and bodies into expressions
 * (variables, :"$_", :"$$", {{...}} tuples, lists, maps, {:const, t},
 * :andalso/:orelse and calls of the guard BIFs of :erlang, which run as
 * the BIFs themselves in the calling process).  Variables are numbered
 * densely in the order of their numbers, so :"$$" and :ets.match/2 list
 * them in that order.  A guard that raises is false; a body expression
 * that raises gives :EXIT, as on the BEAM.  What OTP refuses (a body
 * variable the head does not bind, an unknown function, an empty body)
 * makes the specification invalid. */
#include <stdlib.h>
#include <string.h>

#include "ets_table.h"

enum {
    P_CONST, P_VAR, P_WILD, P_TUPLE, P_CONS, P_MAP,
    E_CONST, E_VAR, E_OBJ, E_ALLVARS, E_TUPLE, E_CONS, E_MAP, E_CALL, E_ANDALSO, E_ORELSE,
};

#define MS_MAX_DEPTH 1000
#define MS_MAX_ARGS 8

typedef struct ms_node {
    uint8_t kind;
    uint32_t n;     /* P_VAR/E_VAR: dense variable index; else number of kids */
    int32_t bif;
    term val;       /* constants (borrowed from the spec); maps: the map */
    struct ms_node **kids;
} ms_node;

typedef struct ms_clause {
    ms_node *head;
    ms_node **guards, **body;
    uint32_t nguards, nbody;
    uint64_t *vars; /* the head's variable numbers, sorted */
    uint32_t nvars;
} ms_clause;

struct ets_ms {
    vm_runtime *rt;
    ms_clause *clauses;
    uint32_t n;
    term *binds;
    uint32_t nbinds;
    void **owned; /* everything allocated, freed together */
    uint32_t nowned, owned_cap;
    bool bad;
};

static void *ms_alloc(ets_ms *ms, size_t bytes)
{
    if (ms->nowned == ms->owned_cap) {
        ms->owned_cap = ms->owned_cap ? ms->owned_cap * 2 : 32;
        ms->owned = ciex_xrealloc(ms->owned, ms->owned_cap * sizeof *ms->owned, "ets");
    }
    void *p = ciex_xcalloc(1, bytes ? bytes : 1, "ets");
    ms->owned[ms->nowned++] = p;
    return p;
}

static ms_node *node(ets_ms *ms, uint8_t kind, uint32_t nkids)
{
    ms_node *nd = ms_alloc(ms, sizeof *nd);
    nd->kind = kind;
    nd->n = nkids;
    nd->val = TERM_NONE;
    nd->bif = -1;
    nd->kids = nkids ? ms_alloc(ms, nkids * sizeof *nd->kids) : NULL;
    return nd;
}

/* :"$N" -> N; -1 for any other atom. */
static int64_t var_number(term t)
{
    if (!term_is_atom(t)) return -1;
    const char *s = term_atom_name(t);
    size_t len = term_atom_len(t);
    if (len < 2 || len > 10 || s[0] != '$') return -1;
    int64_t v = 0;
    for (size_t i = 1; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static bool is_wild(term t) { return term_is_atom(t) && t == term_atom("_"); }

/* ---- heads ---- */

static void add_var(ets_ms *ms, ms_clause *c, uint64_t v, uint32_t *cap)
{
    for (uint32_t i = 0; i < c->nvars; i++)
        if (c->vars[i] == v) return;
    if (c->nvars == *cap) {
        uint64_t *nv = ms_alloc(ms, (*cap ? *cap * 2 : 8) * sizeof *nv);
        if (c->nvars) memcpy(nv, c->vars, c->nvars * sizeof *nv);
        c->vars = nv;
        *cap = *cap ? *cap * 2 : 8;
    }
    c->vars[c->nvars++] = v;
}

/* Collects the variables of a pattern; false when it has none (ground). */
static bool collect_vars(ets_ms *ms, ms_clause *c, term t, uint32_t *cap, int depth)
{
    if (depth > MS_MAX_DEPTH) {
        ms->bad = true;
        return false;
    }
    int64_t v = var_number(t);
    if (v >= 0) {
        add_var(ms, c, (uint64_t)v, cap);
        return true;
    }
    if (is_wild(t)) return true;
    bool any = false;
    if (term_is_tuple(t)) {
        for (uint32_t i = 0; i < term_tuple_arity(t); i++) any |= collect_vars(ms, c, term_tuple_get(t, i), cap, depth + 1);
    } else if (term_is_cons(t)) {
        any |= collect_vars(ms, c, term_head(t), cap, depth + 1);
        any |= collect_vars(ms, c, term_tail(t), cap, depth + 1);
    } else if (term_is_map(t)) {
        for (uint32_t i = 0; i < term_map_size(t); i++) {
            if (collect_vars(ms, c, term_map_key(t, i), cap, depth + 1)) ms->bad = true; /* keys must be constants */
            any |= collect_vars(ms, c, term_map_value(t, i), cap, depth + 1);
        }
    }
    return any;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int32_t dense_var(const ms_clause *c, uint64_t v)
{
    uint32_t lo = 0, hi = c->nvars;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (c->vars[mid] == v) return (int32_t)mid;
        if (c->vars[mid] < v) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

static bool ground(ets_ms *ms, term t)
{
    ms_clause scratch = {0};
    uint32_t cap = 0;
    return !collect_vars(ms, &scratch, t, &cap, 0);
}

static ms_node *compile_pattern(ets_ms *ms, const ms_clause *c, term t)
{
    int64_t v = var_number(t);
    if (v >= 0) {
        ms_node *nd = node(ms, P_VAR, 0);
        nd->n = (uint32_t)dense_var(c, (uint64_t)v);
        return nd;
    }
    if (is_wild(t)) return node(ms, P_WILD, 0);
    if (ground(ms, t)) {
        ms_node *nd = node(ms, P_CONST, 0);
        nd->val = t;
        return nd;
    }
    ms_node *nd;
    if (term_is_tuple(t)) {
        nd = node(ms, P_TUPLE, term_tuple_arity(t));
        for (uint32_t i = 0; i < nd->n; i++) nd->kids[i] = compile_pattern(ms, c, term_tuple_get(t, i));
    } else if (term_is_cons(t)) {
        nd = node(ms, P_CONS, 2);
        nd->kids[0] = compile_pattern(ms, c, term_head(t));
        nd->kids[1] = compile_pattern(ms, c, term_tail(t));
    } else {
        nd = node(ms, P_MAP, term_map_size(t));
        nd->val = t;
        for (uint32_t i = 0; i < nd->n; i++) nd->kids[i] = compile_pattern(ms, c, term_map_value(t, i));
    }
    return nd;
}

/* ---- guards and bodies ---- */

/* The functions a match specification may call, all :erlang BIFs. */
static bool ms_function(term name, uint32_t arity)
{
    static const struct { const char *name; uint32_t arity; } ok[] = {
        {"is_atom", 1}, {"is_float", 1}, {"is_integer", 1}, {"is_list", 1}, {"is_number", 1}, {"is_pid", 1},
        {"is_port", 1}, {"is_reference", 1}, {"is_tuple", 1}, {"is_map", 1}, {"is_map_key", 2},
        {"is_binary", 1}, {"is_bitstring", 1}, {"is_boolean", 1}, {"is_function", 1}, {"is_function", 2},
        {"abs", 1}, {"element", 2}, {"hd", 1}, {"tl", 1}, {"length", 1}, {"map_get", 2}, {"map_size", 1},
        {"node", 0}, {"node", 1}, {"round", 1}, {"trunc", 1}, {"float", 1}, {"bit_size", 1}, {"byte_size", 1},
        {"tuple_size", 1}, {"binary_part", 3}, {"self", 0}, {"min", 2}, {"max", 2},
        {"+", 1}, {"-", 1}, {"+", 2}, {"-", 2}, {"*", 2}, {"/", 2}, {"div", 2}, {"rem", 2}, {"band", 2},
        {"bor", 2}, {"bxor", 2}, {"bnot", 1}, {"bsl", 2}, {"bsr", 2}, {">", 2}, {">=", 2}, {"<", 2},
        {"=<", 2}, {"=:=", 2}, {"==", 2}, {"=/=", 2}, {"/=", 2}, {"not", 1}, {"and", 2}, {"or", 2},
        {"xor", 2},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (ok[i].arity == arity && strcmp(ok[i].name, term_atom_name(name)) == 0) return true;
    return false;
}

static ms_node *compile_expr(ets_ms *ms, const ms_clause *c, term t, int depth)
{
    if (depth > MS_MAX_DEPTH || ms->bad) {
        ms->bad = true;
        return NULL;
    }
    ms_node *nd;
    if (term_is_atom(t)) {
        int64_t v = var_number(t);
        if (t == term_atom("$_")) return node(ms, E_OBJ, 0);
        if (t == term_atom("$$")) return node(ms, E_ALLVARS, 0);
        if (v >= 0) {
            int32_t d = dense_var(c, (uint64_t)v);
            if (d < 0) ms->bad = true;
            nd = node(ms, E_VAR, 0);
            nd->n = (uint32_t)d;
            return nd;
        }
    } else if (term_is_tuple(t)) {
        uint32_t arity = term_tuple_arity(t);
        term first = arity ? term_tuple_get(t, 0) : TERM_NONE;
        if (arity == 1 && term_is_tuple(first)) {
            nd = node(ms, E_TUPLE, term_tuple_arity(first));
            for (uint32_t i = 0; i < nd->n; i++) nd->kids[i] = compile_expr(ms, c, term_tuple_get(first, i), depth + 1);
            return nd;
        }
        if (arity == 2 && first == term_atom("const")) {
            nd = node(ms, E_CONST, 0);
            nd->val = term_tuple_get(t, 1);
            return nd;
        }
        if (arity == 0 || !term_is_atom(first) || arity - 1 > MS_MAX_ARGS) {
            ms->bad = true;
            return NULL;
        }
        bool andalso = first == term_atom("andalso"), orelse = first == term_atom("orelse");
        if (andalso || orelse) {
            if (arity < 2) ms->bad = true;
            nd = node(ms, andalso ? E_ANDALSO : E_ORELSE, arity - 1);
        } else {
            if (!ms_function(first, arity - 1)) {
                ms->bad = true;
                return NULL;
            }
            nd = node(ms, E_CALL, arity - 1);
            nd->bif = vm_find_bif(ms->rt, term_atom("erlang"), first, arity - 1);
            if (nd->bif < 0) ms->bad = true;
        }
        for (uint32_t i = 0; i < nd->n; i++) nd->kids[i] = compile_expr(ms, c, term_tuple_get(t, i + 1), depth + 1);
        return nd;
    } else if (term_is_cons(t)) {
        nd = node(ms, E_CONS, 2);
        nd->kids[0] = compile_expr(ms, c, term_head(t), depth + 1);
        nd->kids[1] = compile_expr(ms, c, term_tail(t), depth + 1);
        return nd;
    } else if (term_is_map(t)) {
        nd = node(ms, E_MAP, term_map_size(t));
        nd->val = t;
        for (uint32_t i = 0; i < nd->n; i++) nd->kids[i] = compile_expr(ms, c, term_map_value(t, i), depth + 1);
        return nd;
    }
    nd = node(ms, E_CONST, 0);
    nd->val = t;
    return nd;
}

/* A proper list's elements compiled as expressions; false if improper. */
static bool compile_list(ets_ms *ms, const ms_clause *c, term list, ms_node ***out, uint32_t *n)
{
    intptr_t len = term_list_length(list);
    if (len < 0) return false;
    *n = (uint32_t)len;
    *out = ms_alloc(ms, (size_t)len * sizeof **out);
    uint32_t i = 0;
    for (term l = list; term_is_cons(l); l = term_tail(l)) (*out)[i++] = compile_expr(ms, c, term_head(l), 0);
    return true;
}

ets_ms *ets_ms_compile(vm_runtime *rt, term spec)
{
    intptr_t len = term_list_length(spec);
    if (len < 0) return NULL;
    ets_ms *ms = ciex_xcalloc(1, sizeof *ms, "ets");
    ms->rt = rt;
    ms->n = (uint32_t)len;
    ms->clauses = ms_alloc(ms, (size_t)len * sizeof *ms->clauses);
    uint32_t i = 0;
    for (term l = spec; term_is_cons(l) && !ms->bad; l = term_tail(l), i++) {
        term cl = term_head(l);
        ms_clause *c = &ms->clauses[i];
        if (!term_is_tuple(cl) || term_tuple_arity(cl) != 3) {
            ms->bad = true;
            break;
        }
        uint32_t cap = 0;
        collect_vars(ms, c, term_tuple_get(cl, 0), &cap, 0);
        if (c->nvars) qsort(c->vars, c->nvars, sizeof *c->vars, cmp_u64);
        if (c->nvars > ms->nbinds) ms->nbinds = c->nvars;
        if (ms->bad) break;
        c->head = compile_pattern(ms, c, term_tuple_get(cl, 0));
        if (!compile_list(ms, c, term_tuple_get(cl, 1), &c->guards, &c->nguards) ||
            !compile_list(ms, c, term_tuple_get(cl, 2), &c->body, &c->nbody) || c->nbody == 0)
            ms->bad = true;
    }
    if (ms->bad) {
        ets_ms_free(ms);
        return NULL;
    }
    ms->binds = ms_alloc(ms, (ms->nbinds ? ms->nbinds : 1) * sizeof *ms->binds);
    return ms;
}

void ets_ms_free(ets_ms *ms)
{
    if (!ms) return;
    for (uint32_t i = 0; i < ms->nowned; i++) free(ms->owned[i]);
    free(ms->owned);
    free(ms);
}

/* ---- running ---- */

static bool pmatch(const ms_node *nd, term t, term *binds)
{
    switch (nd->kind) {
    case P_WILD: return true;
    case P_CONST: return term_exact_equal(nd->val, t);
    case P_VAR:
        if (binds[nd->n] == TERM_NONE) {
            binds[nd->n] = t;
            return true;
        }
        return term_exact_equal(binds[nd->n], t);
    case P_TUPLE:
        if (!term_is_tuple(t) || term_tuple_arity(t) != nd->n) return false;
        for (uint32_t i = 0; i < nd->n; i++)
            if (!pmatch(nd->kids[i], term_tuple_get(t, i), binds)) return false;
        return true;
    case P_CONS:
        return term_is_cons(t) && pmatch(nd->kids[0], term_head(t), binds) && pmatch(nd->kids[1], term_tail(t), binds);
    case P_MAP:
        if (!term_is_map(t)) return false;
        for (uint32_t i = 0; i < nd->n; i++) {
            term v = term_map_get(t, term_map_key(nd->val, i));
            if (v == TERM_NONE || !pmatch(nd->kids[i], v, binds)) return false;
        }
        return true;
    }
    return false;
}

/* A BIF raised inside a guard or body: the exception is not the caller's. */
static void drop_exception(vm_process *p)
{
    term_release(p->exc_class);
    term_release(p->exc_reason);
    term_release(p->exc_stack);
    p->exc_class = p->exc_reason = p->exc_stack = TERM_NONE;
    term_release(p->bif_error_cause);
    p->bif_error_cause = TERM_NONE;
}

static term eval(const ets_ms *ms, const ms_node *nd, vm_process *p, term obj)
{
    switch (nd->kind) {
    case E_CONST: return term_retain(nd->val);
    case E_VAR: return term_retain(ms->binds[nd->n]);
    case E_OBJ: return term_retain(obj);
    case E_ALLVARS: {
        term l = TERM_NIL;
        for (uint32_t i = ms->nbinds; i-- > 0;)
            if (ms->binds[i] != TERM_NONE) l = term_cons_new(term_retain(ms->binds[i]), l);
        return l;
    }
    case E_TUPLE: {
        term tup = term_tuple_new(nd->n);
        for (uint32_t i = 0; i < nd->n; i++) {
            term v = eval(ms, nd->kids[i], p, obj);
            if (v == TERM_NONE) {
                term_release(tup);
                return TERM_NONE;
            }
            term_tuple_init(tup, i, v);
        }
        return tup;
    }
    case E_CONS: {
        term h = eval(ms, nd->kids[0], p, obj);
        if (h == TERM_NONE) return TERM_NONE;
        term t = eval(ms, nd->kids[1], p, obj);
        if (t == TERM_NONE) {
            term_release(h);
            return TERM_NONE;
        }
        return term_cons_new(h, t);
    }
    case E_MAP: {
        term *kv = ciex_xmalloc((2 * (size_t)nd->n + 1) * sizeof *kv, "ets");
        for (uint32_t i = 0; i < nd->n; i++) {
            term v = eval(ms, nd->kids[i], p, obj);
            if (v == TERM_NONE) {
                for (uint32_t j = 0; j < 2 * i; j++) term_release(kv[j]);
                free(kv);
                return TERM_NONE;
            }
            kv[2 * i] = term_retain(term_map_key(nd->val, i));
            kv[2 * i + 1] = v;
        }
        term m = term_map_from_pairs(kv, nd->n, NULL);
        free(kv);
        return m;
    }
    case E_ANDALSO:
    case E_ORELSE: {
        term stop = nd->kind == E_ANDALSO ? TERM_FALSE : TERM_TRUE;
        for (uint32_t i = 0; i < nd->n; i++) {
            term v = eval(ms, nd->kids[i], p, obj);
            if (v == stop) return v;
            if (v != TERM_TRUE && v != TERM_FALSE) {
                term_release(v);
                return TERM_NONE;
            }
        }
        return nd->kind == E_ANDALSO ? TERM_TRUE : TERM_FALSE;
    }
    case E_CALL: {
        term args[MS_MAX_ARGS];
        for (uint32_t i = 0; i < nd->n; i++) {
            args[i] = eval(ms, nd->kids[i], p, obj);
            if (args[i] == TERM_NONE) {
                for (uint32_t j = 0; j < i; j++) term_release(args[j]);
                return TERM_NONE;
            }
        }
        term r = TERM_NONE;
        vm_status st = vm_bif_at(ms->rt, nd->bif)(p, args, &r);
        for (uint32_t i = 0; i < nd->n; i++) term_release(args[i]);
        if (st != VM_OK) {
            drop_exception(p);
            return TERM_NONE;
        }
        return r;
    }
    }
    return TERM_NONE;
}

term ets_ms_run(ets_ms *ms, vm_process *p, term obj)
{
    for (uint32_t i = 0; i < ms->n; i++) {
        const ms_clause *c = &ms->clauses[i];
        for (uint32_t j = 0; j < ms->nbinds; j++) ms->binds[j] = TERM_NONE;
        if (!pmatch(c->head, obj, ms->binds)) continue;
        bool pass = true;
        for (uint32_t j = 0; j < c->nguards && pass; j++) {
            term g = eval(ms, c->guards[j], p, obj);
            pass = g == TERM_TRUE;
            term_release(g);
        }
        if (!pass) continue;
        term r = TERM_NONE;
        for (uint32_t j = 0; j < c->nbody; j++) {
            term_release(r);
            r = eval(ms, c->body[j], p, obj);
            if (r == TERM_NONE) r = term_atom("EXIT");
        }
        return r;
    }
    return TERM_NONE;
}

term ets_ms_bound_key(const ets_ms *ms, uint32_t keypos)
{
    term key = TERM_NONE;
    for (uint32_t i = 0; i < ms->n; i++) {
        const ms_node *h = ms->clauses[i].head;
        term k;
        if (h->kind == P_TUPLE && h->n >= keypos && h->kids[keypos - 1]->kind == P_CONST)
            k = h->kids[keypos - 1]->val;
        else if (h->kind == P_CONST && term_is_tuple(h->val) && term_tuple_arity(h->val) >= keypos)
            k = term_tuple_get(h->val, keypos - 1);
        else
            return TERM_NONE;
        if (key != TERM_NONE && !term_exact_equal(key, k)) return TERM_NONE;
        key = k;
    }
    return key;
}
