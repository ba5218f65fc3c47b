/* phash.c - the BEAM's portable term hashes: erlang:phash2/1,2 and phash/2.
 *
 * These mirror OTP 25's make_hash2 (phash2) and make_hash (phash) in
 * erts/emulator/beam/utils.c, so that hash-based sharding agrees between
 * ciex and BEAM nodes of one cluster.  Both are defined on the value, not
 * on the BEAM's memory layout: integers hash their magnitude in 32-bit
 * words whatever their size class, maps hash order-independently (the XOR
 * of their pairs' hashes, for flat maps and hash tries alike), atoms hash
 * their name with the atom table's hashpjw, pids, ports and references
 * only their first number word (not node, creation or serial), funs their
 * module, old index/uniq and free variables.  tests/phash/vectors.txt
 * holds the BEAM's answers for every type.
 *
 * Nested values are walked with an explicit stack, never C recursion. */
#include <openssl/bn.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/term.h"

/* ---- the atom table's hash (hashpjw over the name bytes) ---- */

/* A two-byte UTF-8 sequence of a Latin-1 character (lead byte C2 or C3)
 * is folded back into that one byte first, so that atoms hash as they did
 * when the BEAM stored them in Latin-1. */
static uint32_t atom_hvalue(term a)
{
    const uint8_t *p = (const uint8_t *)term_atom_name(a);
    size_t len = term_atom_len(a);
    uint32_t h = 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t v = p[i];
        if (i + 1 < len && (v & 0xFE) == 0xC2 && (p[i + 1] & 0xC0) == 0x80) {
            v = (uint8_t)((v << 6) | (p[i + 1] & 0x3F));
            i++;
        }
        h = (h << 4) + v;
        uint32_t g = h & 0xf0000000u;
        if (g) h ^= (g >> 24) ^ g;
    }
    return h;
}

/* ---- pieces shared by both hashes ---- */

/* The magnitude of an integer as little-endian bytes, zero-padded to a
 * multiple of 8 (at least 8).  Returns the byte count; *neg tells the sign.
 * The buffer is `local` when it fits, else malloc'ed. */
static size_t int_magnitude(term t, uint8_t local[16], uint8_t **out, bool *neg)
{
    if (term_is_small(t)) {
        intptr_t v = term_small_value(t);
        uint64_t m = v < 0 ? -(uint64_t)v : (uint64_t)v;
        *neg = v < 0;
        for (int i = 0; i < 8; i++) local[i] = (uint8_t)(m >> (8 * i));
        *out = local;
        return 8;
    }
    const BIGNUM *bn = ((const term_bigint *)t)->bn;
    size_t n = ((size_t)BN_num_bytes(bn) + 7) / 8 * 8;
    *neg = BN_is_negative(bn);
    *out = n <= 16 ? local : ciex_xmalloc(n, "bignum");
    if (BN_bn2lebinpad(bn, *out, (int)n) < 0) ciex_out_of_memory("bignum", n, false);
    return n;
}

static uint32_t le32(const uint8_t *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static uint64_t float_bits(term t)
{
    double v = term_float_value(t);
    uint64_t bits = 0;
    if (v != 0.0) memcpy(&bits, &v, 8); /* -0.0 hashes as 0.0 */
    return bits;
}

/* Number of whole bytes of a bitstring, and the bits of its partial last
 * byte (0..7), right-aligned in *last. */
static size_t bits_split(term t, unsigned *tail_bits, unsigned *last)
{
    const term_binary *b = (const term_binary *)t;
    *tail_bits = b->tail_bits;
    if (!b->tail_bits) return b->size;
    *last = b->data[b->size - 1] >> (8 - b->tail_bits);
    return b->size - 1;
}

/* The first number word of a pid, port or reference. */
static uint32_t pid_number(term t) { return term_pid_ptr(t)->id; }
static uint32_t ref_number(term t) { return term_ref_ptr(t)->ids[0]; }

/* A growable stack of work items. */
typedef struct work {
    int op;
    term t;
    uint32_t a, b;
} work;

typedef struct work_stack {
    work *items;
    size_t len, cap;
    work local[32];
} work_stack;

static void ws_init(work_stack *s)
{
    s->items = s->local;
    s->len = 0;
    s->cap = 32;
}

static void ws_push(work_stack *s, int op, term t, uint32_t a, uint32_t b)
{
    if (s->len == s->cap) {
        size_t cap = s->cap * 2;
        work *items = s->items == s->local ? ciex_xmalloc(cap * sizeof *items, "hash")
                                           : ciex_xrealloc(s->items, cap * sizeof *items, "hash");
        if (s->items == s->local) memcpy(items, s->local, s->len * sizeof *items);
        s->items = items;
        s->cap = cap;
    }
    s->items[s->len++] = (work){op, t, a, b};
}

static void ws_free(work_stack *s)
{
    if (s->items != s->local) free(s->items);
}

static bool is_byte(term t)
{
    return term_is_small(t) && term_small_value(t) >= 0 && term_small_value(t) <= 255;
}

/* ---- phash2: make_hash2, Bob Jenkins' mix over 32-bit words ---- */

#define MIX(a, b, c)                  \
    do {                              \
        a -= b; a -= c; a ^= (c >> 13); \
        b -= c; b -= a; b ^= (a << 8);  \
        c -= a; c -= b; c ^= (b >> 13); \
        a -= b; a -= c; a ^= (c >> 12); \
        b -= c; b -= a; b ^= (a << 16); \
        c -= a; c -= b; c ^= (b >> 5);  \
        a -= b; a -= c; a ^= (c >> 3);  \
        b -= c; b -= a; b ^= (a << 10); \
        c -= a; c -= b; c ^= (b >> 15); \
    } while (0)

/* The golden ratio, and its multiples by 2..19 modulo 2^32, one per kind
 * of value mixed in. */
#define HCONST 0x9e3779b9u
#define HCONST_2 0x3c6ef372u
#define HCONST_3 0xdaa66d2bu
#define HCONST_4 0x78dde6e4u
#define HCONST_5 0x1715609du
#define HCONST_6 0xb54cda56u
#define HCONST_7 0x5384540fu
#define HCONST_9 0x8ff34781u
#define HCONST_10 0x2e2ac13au
#define HCONST_11 0xcc623af3u
#define HCONST_12 0x6a99b4acu
#define HCONST_13 0x08d12e65u
#define HCONST_14 0xa708a81eu
#define HCONST_15 0x454021d7u
#define HCONST_16 0xe3779b90u
#define HCONST_19 0xbe1e08bbu

/* The BEAM's tag number of [] (NIL_DEF), mixed in when [] is not first. */
#define NIL_TAG 2u
/* The hash of a lone [] */
#define NIL_HASH 3468870702u

static void mix2(uint32_t *hash, uint32_t x, uint32_t y, uint32_t k)
{
    uint32_t a = k + x, b = k + y, c = *hash;
    MIX(a, b, c);
    *hash = c;
}

static uint32_t block_hash(const uint8_t *k, size_t length, uint32_t initval)
{
    uint32_t a = HCONST, b = HCONST, c = initval;
    size_t len = length;
    for (; len >= 12; k += 12, len -= 12) {
        a += le32(k);
        b += le32(k + 4);
        c += le32(k + 8);
        MIX(a, b, c);
    }
    c += (uint32_t)length;
    switch (len) { /* every case falls through */
    case 11: c += (uint32_t)k[10] << 24; /* fall through */
    case 10: c += (uint32_t)k[9] << 16; /* fall through */
    case 9: c += (uint32_t)k[8] << 8; /* fall through */
    case 8: b += (uint32_t)k[7] << 24; /* fall through */
    case 7: b += (uint32_t)k[6] << 16; /* fall through */
    case 6: b += (uint32_t)k[5] << 8; /* fall through */
    case 5: b += k[4]; /* fall through */
    case 4: a += (uint32_t)k[3] << 24; /* fall through */
    case 3: a += (uint32_t)k[2] << 16; /* fall through */
    case 2: a += (uint32_t)k[1] << 8; /* fall through */
    case 1: a += k[0]; /* fall through */
    default: break;
    }
    MIX(a, b, c);
    return c;
}

static void hash2_int(uint32_t *hash, term t)
{
    if (term_is_small(t)) {
        intptr_t v = term_small_value(t);
        if (v >= -(1 << 27) && v < (1 << 27)) { /* within 28 signed bits */
            int32_t y = (int32_t)v;
            if (y < 0) mix2(hash, (uint32_t)-y, 0, HCONST); /* negatives mix twice */
            mix2(hash, (uint32_t)y, 0, HCONST);
            return;
        }
    }
    uint8_t local[16], *mag;
    bool neg;
    size_t n = int_magnitude(t, local, &mag, &neg);
    for (size_t i = 0; i < n; i += 8) mix2(hash, le32(mag + i), le32(mag + i + 4), neg ? HCONST_10 : HCONST_11);
    if (mag != local) free(mag);
}

static void hash2_bits(uint32_t *hash, term t)
{
    unsigned tail_bits, last = 0;
    size_t sz = bits_split(t, &tail_bits, &last);
    uint32_t con = HCONST_13 + *hash;
    if (sz == 0 && tail_bits == 0) {
        *hash = con;
        return;
    }
    *hash = block_hash(term_binary_data(t), sz, con);
    if (tail_bits) mix2(hash, tail_bits, last, HCONST_15);
}

enum { H2_TERM, H2_MAP_PAIR, H2_MAP_TAIL };

/* One cons cell onwards: a run of byte elements is packed four to a word
 * (a charlist's fast path); the first other element and the rest of the
 * list are pushed. */
static void hash2_list(uint32_t *hash, work_stack *s, term l)
{
    uint32_t sh = 0;
    int c = 0;
    while (term_is_cons(l) && is_byte(term_head(l))) {
        sh = (sh << 8) + (uint32_t)term_small_value(term_head(l));
        if (++c == 4) {
            mix2(hash, sh, 0, HCONST_4);
            c = 0;
            sh = 0;
        }
        l = term_tail(l);
    }
    if (c > 0) mix2(hash, sh, 0, HCONST_4);
    if (term_is_cons(l)) {
        ws_push(s, H2_TERM, term_tail(l), 0, 0);
        ws_push(s, H2_TERM, term_head(l), 0, 0);
    } else {
        ws_push(s, H2_TERM, l, 0, 0);
    }
}

static void hash2_term(uint32_t *hash, uint32_t *xor_pairs, work_stack *s, term t)
{
    switch (term_type_of(t)) {
    case TERM_T_SMALL:
    case TERM_T_BIGINT: hash2_int(hash, t); break;
    case TERM_T_ATOM:
        if (*hash == 0) *hash = atom_hvalue(t);
        else mix2(hash, atom_hvalue(t), 0, HCONST_3);
        break;
    case TERM_T_NIL:
        if (*hash == 0) *hash = NIL_HASH;
        else mix2(hash, NIL_TAG, 0, HCONST_2);
        break;
    case TERM_T_FLOAT: {
        uint64_t bits = float_bits(t);
        mix2(hash, (uint32_t)(bits >> 32), (uint32_t)bits, HCONST_12);
        break;
    }
    case TERM_T_BINARY: hash2_bits(hash, t); break;
    case TERM_T_CONS: hash2_list(hash, s, t); break;
    case TERM_T_TUPLE: {
        uint32_t n = term_tuple_arity(t);
        mix2(hash, n, 0, HCONST_9);
        for (uint32_t i = n; i-- > 0;) ws_push(s, H2_TERM, term_tuple_get(t, i), 0, 0);
        break;
    }
    case TERM_T_MAP: {
        uint32_t n = term_map_size(t);
        mix2(hash, n, 0, HCONST_16);
        if (n == 0) break;
        /* each pair hashes from 0; the map mixes in the pairs' XOR, so
         * the order of the pairs does not matter */
        ws_push(s, H2_MAP_TAIL, TERM_NONE, *hash, *xor_pairs);
        for (uint32_t i = n; i-- > 0;) {
            ws_push(s, H2_MAP_PAIR, TERM_NONE, 0, 0);
            ws_push(s, H2_TERM, term_map_value(t, i), 0, 0);
            ws_push(s, H2_TERM, term_map_key(t, i), 0, 0);
        }
        *hash = 0;
        *xor_pairs = 0;
        break;
    }
    case TERM_T_EXPORT: {
        const term_export *e = term_export_ptr(t);
        mix2(hash, e->arity, atom_hvalue(e->module), HCONST);
        mix2(hash, atom_hvalue(e->function), 0, HCONST_14);
        break;
    }
    case TERM_T_FUN: {
        const term_fun *f = term_fun_ptr(t);
        mix2(hash, f->nfree, atom_hvalue(f->module), HCONST);
        mix2(hash, f->old_index, f->old_uniq, HCONST);
        for (uint32_t i = f->nfree; i-- > 0;) ws_push(s, H2_TERM, f->free[i], 0, 0);
        break;
    }
    case TERM_T_PID: mix2(hash, pid_number(t), 0, HCONST_5); break;
    case TERM_T_PORT: {
        uint64_t id = term_port_ptr(t)->id;
        mix2(hash, (uint32_t)id, (uint32_t)(id >> 32), HCONST_6);
        break;
    }
    case TERM_T_REF: mix2(hash, ref_number(t), 0, HCONST_7); break;
    default: break; /* resources are not data: they add nothing */
    }
}

uint32_t term_phash2(term t)
{
    uint32_t hash = 0, xor_pairs = 0;
    work_stack s;
    ws_init(&s);
    ws_push(&s, H2_TERM, t, 0, 0);
    while (s.len) {
        work w = s.items[--s.len];
        switch (w.op) {
        case H2_TERM: hash2_term(&hash, &xor_pairs, &s, w.t); break;
        case H2_MAP_PAIR:
            xor_pairs ^= hash;
            hash = 0;
            break;
        case H2_MAP_TAIL:
            hash = w.a;
            mix2(&hash, xor_pairs, 0, HCONST_19);
            xor_pairs = w.b;
            break;
        }
    }
    ws_free(&s);
    return hash;
}

/* ---- phash: make_hash, H = H*C + X modulo 2^32 over bytes ---- */

/* Primes just above 2^28. */
#define FUNNY_NUMBER1 268440163u
#define FUNNY_NUMBER2 268439161u
#define FUNNY_NUMBER3 268435459u
#define FUNNY_NUMBER4 268436141u
#define FUNNY_NUMBER5 268438633u
#define FUNNY_NUMBER6 268437017u
#define FUNNY_NUMBER8 268437511u
#define FUNNY_NUMBER9 268439627u
#define FUNNY_NUMBER10 268440479u
#define FUNNY_NUMBER11 268440577u
#define FUNNY_NUMBER12 268440581u
#define FUNNY_NUMBER13 268440593u
#define FUNNY_NUMBER14 268440611u

/* The four bytes of x, least significant first. */
static uint32_t step32(uint32_t hash, uint32_t x, uint32_t prime)
{
    for (int i = 0; i < 4; i++) hash = hash * prime + ((x >> (8 * i)) & 0xFF);
    return hash;
}

/* |n| bytewise in as many 32-bit words as it needs (at least one). */
static uint32_t hash1_int(uint32_t hash, term t)
{
    uint8_t local[16], *mag;
    bool neg;
    size_t n = int_magnitude(t, local, &mag, &neg);
    while (n > 4 && le32(mag + n - 4) == 0) n -= 4;
    for (size_t i = 0; i < n; i++) hash = hash * FUNNY_NUMBER2 + mag[i];
    if (mag != local) free(mag);
    return hash * (neg ? FUNNY_NUMBER4 : FUNNY_NUMBER3);
}

static uint32_t hash1_bits(uint32_t hash, term t)
{
    unsigned tail_bits, last = 0;
    size_t sz = bits_split(t, &tail_bits, &last);
    const uint8_t *p = term_binary_data(t);
    for (size_t i = 0; i < sz; i++) hash = hash * FUNNY_NUMBER1 + p[i];
    if (tail_bits) hash = (hash * FUNNY_NUMBER1 + last) * FUNNY_NUMBER12 + tail_bits;
    return hash * FUNNY_NUMBER4 + (uint32_t)sz;
}

enum { H1_TERM, H1_TUPLE_END, H1_CDR, H1_CDR_END };

/* A list from cell `l`: bytes hash inline; the first other element is
 * pushed with the rest of the list after it.  The tail that ends the list
 * ([] or an improper tail) is hashed and then sealed with FUNNY_NUMBER8. */
static uint32_t hash1_list(uint32_t hash, work_stack *s, term l)
{
    while (is_byte(term_head(l))) {
        hash = hash * FUNNY_NUMBER2 + (uint32_t)term_small_value(term_head(l));
        if (!term_is_cons(term_tail(l))) {
            ws_push(s, H1_CDR_END, TERM_NONE, 0, 0);
            ws_push(s, H1_TERM, term_tail(l), 0, 0);
            return hash;
        }
        l = term_tail(l);
    }
    ws_push(s, H1_CDR, term_tail(l), 0, 0);
    ws_push(s, H1_TERM, term_head(l), 0, 0);
    return hash;
}

static uint32_t hash1_term(uint32_t hash, work_stack *s, term t)
{
    switch (term_type_of(t)) {
    case TERM_T_NIL: return hash * FUNNY_NUMBER3 + 1;
    case TERM_T_ATOM: return hash * FUNNY_NUMBER1 + atom_hvalue(t);
    case TERM_T_SMALL:
    case TERM_T_BIGINT: return hash1_int(hash, t);
    case TERM_T_FLOAT: {
        uint64_t bits = float_bits(t);
        return hash * FUNNY_NUMBER6 + ((uint32_t)bits ^ (uint32_t)(bits >> 32));
    }
    case TERM_T_BINARY: return hash1_bits(hash, t);
    case TERM_T_CONS: return hash1_list(hash, s, t);
    case TERM_T_TUPLE: {
        uint32_t n = term_tuple_arity(t);
        ws_push(s, H1_TUPLE_END, TERM_NONE, n, 0);
        for (uint32_t i = n; i-- > 0;) ws_push(s, H1_TERM, term_tuple_get(t, i), 0, 0);
        return hash;
    }
    case TERM_T_MAP: return hash * FUNNY_NUMBER13 + FUNNY_NUMBER14 + term_phash2(t);
    case TERM_T_EXPORT: {
        const term_export *e = term_export_ptr(t);
        hash = hash * FUNNY_NUMBER11 + e->arity;
        hash = hash * FUNNY_NUMBER1 + atom_hvalue(e->module);
        return hash * FUNNY_NUMBER1 + atom_hvalue(e->function);
    }
    case TERM_T_FUN: {
        const term_fun *f = term_fun_ptr(t);
        hash = hash * FUNNY_NUMBER10 + f->nfree;
        hash = hash * FUNNY_NUMBER1 + atom_hvalue(f->module);
        hash = hash * FUNNY_NUMBER2 + f->old_index;
        hash = hash * FUNNY_NUMBER2 + f->old_uniq;
        for (uint32_t i = f->nfree; i-- > 0;) ws_push(s, H1_TERM, f->free[i], 0, 0);
        return hash;
    }
    case TERM_T_PID: return step32(hash, pid_number(t), FUNNY_NUMBER5) * FUNNY_NUMBER6;
    case TERM_T_PORT: {
        /* a 64-bit port number: its high word first, when it is not zero */
        uint64_t id = term_port_ptr(t)->id;
        if (id >> 32) hash = step32(hash, (uint32_t)(id >> 32), FUNNY_NUMBER11);
        return step32(hash, (uint32_t)id, FUNNY_NUMBER9) * FUNNY_NUMBER10;
    }
    case TERM_T_REF: return step32(hash, ref_number(t), FUNNY_NUMBER9) * FUNNY_NUMBER10;
    default: return hash;
    }
}

uint32_t term_phash(term t)
{
    uint32_t hash = 0;
    work_stack s;
    ws_init(&s);
    ws_push(&s, H1_TERM, t, 0, 0);
    while (s.len) {
        work w = s.items[--s.len];
        switch (w.op) {
        case H1_TERM: hash = hash1_term(hash, &s, w.t); break;
        case H1_TUPLE_END: hash = hash * FUNNY_NUMBER9 + w.a; break;
        case H1_CDR:
            if (term_is_cons(w.t)) {
                hash = hash1_list(hash, &s, w.t);
            } else {
                ws_push(&s, H1_CDR_END, TERM_NONE, 0, 0);
                ws_push(&s, H1_TERM, w.t, 0, 0);
            }
            break;
        case H1_CDR_END: hash *= FUNNY_NUMBER8; break;
        }
    }
    ws_free(&s);
    return hash;
}
