/* compare.c - Erlang term order, equality and hashing.
 *
 * Order across types: number < atom < reference < fun < port < pid < tuple
 * < map < list < bitstring.  Containers compare by size first (tuples,
 * maps) or lexicographically (lists, bitstrings).  Maps compare by size,
 * then their keys in order, then the values in key order.
 *
 * Nested values are walked with an explicit stack, never C recursion, so
 * a hostile, deeply nested term cannot overflow the C stack. */
#include <math.h>
#include <openssl/bn.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/term.h"

/* Rank of a type in term order. */
static int type_rank(term t)
{
    switch (term_type_of(t)) {
    case TERM_T_SMALL: case TERM_T_BIGINT: case TERM_T_FLOAT: return 0;
    case TERM_T_ATOM: return 1;
    case TERM_T_REF: return 2;
    case TERM_T_FUN: case TERM_T_EXPORT: return 3;
    case TERM_T_PORT: return 4;
    case TERM_T_PID: return 5;
    case TERM_T_TUPLE: return 6;
    case TERM_T_MAP: return 7;
    case TERM_T_NIL: case TERM_T_CONS: return 8;
    case TERM_T_BINARY: return 9;
    default: return 10; /* NONE and resources sort last */
    }
}

static int cmp_u64(uint64_t a, uint64_t b) { return (a > b) - (a < b); }

static int cmp_ints(term a, term b)
{
    if (term_is_small(a) && term_is_small(b)) {
        intptr_t x = term_small_value(a), y = term_small_value(b);
        return (x > y) - (x < y);
    }
    /* a bigint is outside the small range, so its sign decides */
    if (term_is_small(a)) return -term_int_sign(b);
    if (term_is_small(b)) return term_int_sign(a);
    return BN_cmp(((term_bigint *)a)->bn, ((term_bigint *)b)->bn);
}

/* Compares an integer with a finite double exactly. */
static int cmp_int_float(term i, double f)
{
    if (term_is_small(i)) {
        intptr_t v = term_small_value(i);
        if (v > -(1LL << 53) && v < (1LL << 53)) {
            double d = (double)v;
            return (d > f) - (d < f);
        }
    }
    double fl = floor(f);
    /* fl is an integral double: build it exactly as an integer term */
    int e;
    double m = frexp(fl, &e);
    int64_t mant = (int64_t)ldexp(m, 53);
    term whole;
    if (e >= 53) {
        term base = term_int_from_i64(mant);
        term_int_bsl(base, term_small(e - 53), &whole);
        term_release(base);
    } else {
        whole = term_int_from_i64((int64_t)fl);
    }
    int c = cmp_ints(i, whole);
    term_release(whole);
    if (c != 0) return c;
    return f > fl ? -1 : 0;
}

static int cmp_numbers(term a, term b, bool exact)
{
    bool af = term_is_float(a), bf = term_is_float(b);
    if (!af && !bf) return cmp_ints(a, b);
    if (af && bf) {
        double x = term_float_value(a), y = term_float_value(b);
        return (x > y) - (x < y);
    }
    /* map-key order puts every integer before every float */
    if (exact) return af ? 1 : -1;
    return af ? -cmp_int_float(b, term_float_value(a)) : cmp_int_float(a, term_float_value(b));
}

static int cmp_atoms(term a, term b)
{
    const term_atom_entry *x = term_atom_ptr(a), *y = term_atom_ptr(b);
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->name, y->name, n);
    if (c) return c < 0 ? -1 : 1;
    return cmp_u64(x->len, y->len);
}

static int cmp_bitstrings(term a, term b)
{
    size_t abits = term_bitstring_bits(a), bbits = term_bitstring_bits(b);
    size_t common = abits < bbits ? abits : bbits;
    const uint8_t *x = term_binary_data(a), *y = term_binary_data(b);
    int c = memcmp(x, y, common / 8);
    if (c) return c < 0 ? -1 : 1;
    if (common % 8) {
        uint8_t mask = (uint8_t)(0xFF << (8 - common % 8));
        uint8_t xa = x[common / 8] & mask, yb = y[common / 8] & mask;
        if (xa != yb) return xa < yb ? -1 : 1;
    }
    return cmp_u64(abits, bbits);
}

static int cmp_nodes(term na, uint32_t ca, term nb, uint32_t cb)
{
    int c = na == nb ? 0 : cmp_atoms(na, nb);
    return c ? c : cmp_u64(ca, cb);
}

static int cmp_identity(term a, term b)
{
    int c;
    switch (term_type_of(a)) {
    case TERM_T_PID: {
        const term_pid *x = term_pid_ptr(a), *y = term_pid_ptr(b);
        /* OTP orders pids by serial and number before their node (checked
         * against OTP 25); ports and references by node first */
        if ((c = cmp_u64(x->serial, y->serial))) return c;
        if ((c = cmp_u64(x->id, y->id))) return c;
        return cmp_nodes(x->node, x->creation, y->node, y->creation);
    }
    case TERM_T_PORT: {
        const term_port *x = term_port_ptr(a), *y = term_port_ptr(b);
        if ((c = cmp_nodes(x->node, x->creation, y->node, y->creation))) return c;
        return cmp_u64(x->id, y->id);
    }
    case TERM_T_REF: {
        const term_ref *x = term_ref_ptr(a), *y = term_ref_ptr(b);
        if ((c = cmp_nodes(x->node, x->creation, y->node, y->creation))) return c;
        if ((c = cmp_u64(x->len, y->len))) return c;
        for (uint32_t i = x->len; i-- > 0;)
            if ((c = cmp_u64(x->ids[i], y->ids[i]))) return c;
        return 0;
    }
    default: return 0;
    }
}

/* A pending pair of terms still to be compared; `exact` for map keys,
 * which compare exactly even under == (%{1 => x} != %{1.0 => x}). */
typedef struct cmp_pair { term a, b; bool exact; } cmp_pair;

typedef struct cmp_stack {
    cmp_pair *items;
    size_t len, cap;
    bool exact_mode; /* the mode of the pair being expanded */
    cmp_pair local[32];
} cmp_stack;

static void cmp_push_mode(cmp_stack *s, term a, term b, bool exact);

static void cmp_push(cmp_stack *s, term a, term b) { cmp_push_mode(s, a, b, s->exact_mode); }

static void cmp_push_mode(cmp_stack *s, term a, term b, bool exact)
{
    if (s->len == s->cap) {
        size_t cap = s->cap * 2;
        cmp_pair *items = ciex_xmalloc(cap * sizeof *items, "term");
        memcpy(items, s->items, s->len * sizeof *items);
        if (s->items != s->local) free(s->items);
        s->items = items;
        s->cap = cap;
    }
    s->items[s->len++] = (cmp_pair){a, b, exact};
}

/* Compares two funs of the same kind; their free variables are pushed. */
static int cmp_funs(cmp_stack *s, term a, term b)
{
    if (term_has_type(a, TERM_T_EXPORT) != term_has_type(b, TERM_T_EXPORT))
        return term_has_type(a, TERM_T_EXPORT) ? 1 : -1;
    int c;
    if (term_has_type(a, TERM_T_EXPORT)) {
        const term_export *x = term_export_ptr(a), *y = term_export_ptr(b);
        if ((c = cmp_atoms(x->module, y->module))) return c;
        if ((c = cmp_atoms(x->function, y->function))) return c;
        return cmp_u64(x->arity, y->arity);
    }
    const term_fun *x = term_fun_ptr(a), *y = term_fun_ptr(b);
    if ((c = cmp_atoms(x->module, y->module))) return c;
    if ((c = cmp_u64(x->index, y->index))) return c;
    if ((c = memcmp(x->uniq, y->uniq, 16))) return c < 0 ? -1 : 1;
    if ((c = cmp_u64(x->old_uniq, y->old_uniq))) return c;
    if ((c = cmp_u64(x->nfree, y->nfree))) return c;
    for (uint32_t i = x->nfree; i-- > 0;) cmp_push(s, x->free[i], y->free[i]);
    return 0;
}

/* Compares the top-level parts of a and b; pushes children to compare next.
 * Children are pushed last-first so they pop in order. */
static int cmp_step(cmp_stack *s, term a, term b, bool exact)
{
    if (a == b) return 0;
    int ra = type_rank(a), rb = type_rank(b);
    if (ra != rb) return ra < rb ? -1 : 1;
    switch (ra) {
    case 0: return cmp_numbers(a, b, exact);
    case 1: return cmp_atoms(a, b);
    case 3: return cmp_funs(s, a, b);
    case 2: case 4: case 5: return cmp_identity(a, b);
    case 6: {
        uint32_t n = term_tuple_arity(a);
        if (n != term_tuple_arity(b)) return n < term_tuple_arity(b) ? -1 : 1;
        for (uint32_t i = n; i-- > 0;) cmp_push(s, term_tuple_get(a, i), term_tuple_get(b, i));
        return 0;
    }
    case 7: {
        uint32_t n = term_map_size(a);
        if (n != term_map_size(b)) return n < term_map_size(b) ? -1 : 1;
        for (uint32_t i = n; i-- > 0;) cmp_push(s, term_map_value(a, i), term_map_value(b, i));
        for (uint32_t i = n; i-- > 0;) cmp_push_mode(s, term_map_key(a, i), term_map_key(b, i), true);
        return 0;
    }
    case 8:
        if (a == TERM_NIL) return -1;
        if (b == TERM_NIL) return 1;
        cmp_push(s, term_tail(a), term_tail(b));
        cmp_push(s, term_head(a), term_head(b));
        return 0;
    case 9: return cmp_bitstrings(a, b);
    default: return cmp_u64(a, b);
    }
}

static int compare(term a, term b, bool exact)
{
    /* small integers (ETS keys, sorting) need no stack */
    if (term_is_small(a) && term_is_small(b)) {
        intptr_t x = term_small_value(a), y = term_small_value(b);
        return (x > y) - (x < y);
    }
    cmp_stack s; /* not zeroed: only items[0..len) are ever read */
    s.len = 0;
    s.cap = 32;
    s.exact_mode = exact;
    s.items = s.local;
    cmp_push(&s, a, b);
    int c = 0;
    while (s.len && c == 0) {
        cmp_pair p = s.items[--s.len];
        s.exact_mode = p.exact;
        c = cmp_step(&s, p.a, p.b, p.exact);
    }
    if (s.items != s.local) free(s.items);
    return c;
}

int term_compare(term a, term b) { return compare(a, b, false); }
int term_compare_exact(term a, term b) { return compare(a, b, true); }

/* Exact equality of two boxes, without the ordering's stack for the
 * usual keys (tuples of immediates, binaries): boxes of different types
 * are never exactly equal (each value has one representation).  Deep
 * nesting and the other types go to the comparison. */
static bool exact_equal_boxes(term a, term b, int depth)
{
    term_type t = (term_type)term_box_ptr(a)->type;
    if (t != (term_type)term_box_ptr(b)->type) return false;
    if (t == TERM_T_TUPLE && depth < 8) {
        uint32_t n = term_tuple_arity(a);
        if (n != term_tuple_arity(b)) return false;
        for (uint32_t i = 0; i < n; i++) {
            term x = term_tuple_get(a, i), y = term_tuple_get(b, i);
            if (x == y) continue;
            if (!term_is_boxed(x) || !term_is_boxed(y) || !exact_equal_boxes(x, y, depth + 1)) return false;
        }
        return true;
    }
    if (t == TERM_T_BINARY && term_is_binary(a) && term_is_binary(b))
        return term_binary_size(a) == term_binary_size(b) &&
               memcmp(term_binary_data(a), term_binary_data(b), term_binary_size(a)) == 0;
    return compare(a, b, true) == 0;
}

bool term_exact_equal_boxes(term a, term b) { return exact_equal_boxes(a, b, 0); }

/* ---- hashing ---- */

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    return h * 0xFF51AFD7ED558CCDull;
}

static uint64_t hash_bytes(uint64_t h, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001B3ull;
    return h;
}

static uint64_t hash_scalar(term t)
{
    uint64_t h = (uint64_t)term_type_of(t) * 0x9E3779B97F4A7C15ull;
    switch (term_type_of(t)) {
    case TERM_T_SMALL: return mix(h, (uint64_t)term_small_value(t));
    case TERM_T_ATOM: return mix(h, term_atom_ptr(t)->hash);
    case TERM_T_BIGINT: {
        char *s = term_int_to_string(t, 16);
        h = hash_bytes(h, (const uint8_t *)s, strlen(s));
        free(s);
        return h;
    }
    case TERM_T_FLOAT: {
        double d = term_float_value(t);
        uint64_t bits;
        if (d == 0.0) d = 0.0; /* 0.0 and -0.0 are exactly equal */
        memcpy(&bits, &d, sizeof bits);
        return mix(h, bits);
    }
    case TERM_T_BINARY:
        return mix(hash_bytes(h, term_binary_data(t), term_binary_size(t)), term_bitstring_bits(t));
    case TERM_T_PID: {
        const term_pid *p = term_pid_ptr(t);
        return mix(mix(mix(h, term_atom_ptr(p->node)->hash), p->id), p->serial);
    }
    case TERM_T_PORT: return mix(mix(h, term_atom_ptr(term_port_ptr(t)->node)->hash), term_port_ptr(t)->id);
    case TERM_T_REF: {
        const term_ref *r = term_ref_ptr(t);
        h = mix(h, term_atom_ptr(r->node)->hash);
        for (uint32_t i = 0; i < r->len; i++) h = mix(h, r->ids[i]);
        return h;
    }
    case TERM_T_EXPORT: {
        const term_export *e = term_export_ptr(t);
        return mix(mix(mix(h, term_atom_ptr(e->module)->hash), term_atom_ptr(e->function)->hash), e->arity);
    }
    case TERM_T_FUN: {
        const term_fun *f = term_fun_ptr(t);
        return hash_bytes(mix(mix(h, term_atom_ptr(f->module)->hash), f->index), f->uniq, 16);
    }
    case TERM_T_TUPLE: return mix(h, term_tuple_arity(t));
    case TERM_T_MAP: return mix(h, term_map_size(t));
    default: return h;
    }
}

uint64_t term_hash(term t)
{
    cmp_stack s = {.len = 0, .cap = 32, .exact_mode = true};
    s.items = s.local;
    cmp_push(&s, t, TERM_NONE);
    uint64_t h = 0xCBF29CE484222325ull;
    while (s.len) {
        term x = s.items[--s.len].a;
        h = mix(h, hash_scalar(x));
        switch (term_type_of(x)) {
        case TERM_T_TUPLE:
            for (uint32_t i = term_tuple_arity(x); i-- > 0;) cmp_push(&s, term_tuple_get(x, i), TERM_NONE);
            break;
        case TERM_T_MAP:
            for (uint32_t i = 2 * term_map_size(x); i-- > 0;) cmp_push(&s, ((term_map *)x)->kv[i], TERM_NONE);
            break;
        case TERM_T_CONS:
            cmp_push(&s, term_tail(x), TERM_NONE);
            cmp_push(&s, term_head(x), TERM_NONE);
            break;
        case TERM_T_FUN: {
            const term_fun *f = term_fun_ptr(x);
            for (uint32_t i = f->nfree; i-- > 0;) cmp_push(&s, f->free[i], TERM_NONE);
            break;
        }
        default: break;
        }
    }
    if (s.items != s.local) free(s.items);
    return h;
}
