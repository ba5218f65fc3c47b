/* encode.c - terms to the external term format.
 *
 * The output is byte for byte what OTP 25's term_to_binary/1 writes: the
 * smallest integer tag that fits, STRING_EXT for short byte lists, Latin-1
 * ATOM_EXT for atoms that fit Latin-1 (UTF-8 tags only when they do not, or
 * always when the distribution asks for UTF-8 atoms), map keys in map-key
 * order.
 *
 * The walk keeps its own stack of pending work instead of recursing, so a
 * list of lists a million deep encodes without touching the C stack. */
#include <openssl/bn.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/etf.h"
#include "etf_internal.h"

/* ---- output buffer ---- */

void etf_buf_init(etf_buf *b) { b->data = NULL; b->len = b->cap = 0; }
void etf_buf_free(etf_buf *b) { ciex_buf_free(b); }

/* ciex_buf_reserve with its common case inline: a big term is mostly
 * tags and short fields of a few bytes each */
static inline uint8_t *reserve(etf_buf *b, size_t n)
{
    if (b->len + n + 1 > b->cap) return ciex_buf_reserve(b, n);
    uint8_t *p = b->data + b->len;
    b->len += n;
    b->data[b->len] = 0;
    return p;
}

void etf_buf_put(etf_buf *b, const void *bytes, size_t n)
{
    if (n) memcpy(reserve(b, n), bytes, n);
}

static void put_u8(etf_buf *b, unsigned v) { *reserve(b, 1) = (uint8_t)v; }
static void put_u16(etf_buf *b, unsigned v)
{
    uint8_t *p = reserve(b, 2);
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}
static void put_u32(etf_buf *b, uint32_t v)
{
    uint8_t *p = reserve(b, 4);
    for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (24 - 8 * i));
}
static void put_u64(etf_buf *b, uint64_t v)
{
    put_u32(b, (uint32_t)(v >> 32));
    put_u32(b, (uint32_t)v);
}
static void patch_u32(etf_buf *b, size_t at, uint32_t v)
{
    for (int i = 0; i < 4; i++) b->data[at + i] = (uint8_t)(v >> (24 - 8 * i));
}

/* ---- scalars ---- */

typedef struct encoder {
    etf_buf *out;
    const etf_encode_opts *opts;
} encoder;

static void put_atom(encoder *e, term a)
{
    const term_atom_entry *at = term_atom_ptr(a);
    bool latin1 = true;
    uint8_t bytes[TERM_ATOM_MAX_CHARS];
    size_t n = 0, pos = 0;
    bool utf8 = e->opts && e->opts->utf8_atoms;
    while (!utf8 && latin1 && pos < at->len) {
        int32_t cp = term_utf8_decode((const uint8_t *)at->name, at->len, &pos);
        if (cp < 0 || cp > 255) latin1 = false;
        else bytes[n++] = (uint8_t)cp;
    }
    if (!utf8 && latin1) {
        put_u8(e->out, ATOM_EXT);
        put_u16(e->out, (unsigned)n);
        etf_buf_put(e->out, bytes, n);
    } else if (at->len < 256) {
        put_u8(e->out, SMALL_ATOM_UTF8_EXT);
        put_u8(e->out, at->len);
        etf_buf_put(e->out, at->name, at->len);
    } else {
        put_u8(e->out, ATOM_UTF8_EXT);
        put_u16(e->out, at->len);
        etf_buf_put(e->out, at->name, at->len);
    }
}

static void put_integer(encoder *e, term t)
{
    int64_t v;
    if (term_int_to_i64(t, &v) && v >= INT32_MIN && v <= INT32_MAX) {
        if (v >= 0 && v <= 255) {
            put_u8(e->out, SMALL_INTEGER_EXT);
            put_u8(e->out, (unsigned)v);
        } else {
            put_u8(e->out, INTEGER_EXT);
            put_u32(e->out, (uint32_t)(int32_t)v);
        }
        return;
    }
    BIGNUM *bn = term_int_to_bn(t);
    int n = BN_num_bytes(bn);
    if (n < 256) {
        put_u8(e->out, SMALL_BIG_EXT);
        put_u8(e->out, (unsigned)n);
    } else {
        put_u8(e->out, LARGE_BIG_EXT);
        put_u32(e->out, (uint32_t)n);
    }
    put_u8(e->out, BN_is_negative(bn) ? 1 : 0);
    if (BN_bn2lebinpad(bn, ciex_buf_reserve(e->out, (size_t)n), n) < 0) abort();
    BN_free(bn);
}

static void put_float(encoder *e, double d)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    put_u8(e->out, NEW_FLOAT_EXT);
    put_u64(e->out, bits);
}

/* Applies the node alias of the options to (node, creation). */
static void node_of(encoder *e, term *node, uint32_t *creation)
{
    const etf_node_alias *al = e->opts ? e->opts->alias : NULL;
    if (al && *node == al->from && *creation == al->from_creation) {
        *node = al->to;
        *creation = al->to_creation;
    }
}

static void put_pid(encoder *e, term t)
{
    const term_pid *p = term_pid_ptr(t);
    term node = p->node;
    uint32_t creation = p->creation;
    node_of(e, &node, &creation);
    put_u8(e->out, NEW_PID_EXT);
    put_atom(e, node);
    put_u32(e->out, p->id);
    put_u32(e->out, p->serial);
    put_u32(e->out, creation);
}

static void put_port(encoder *e, term t)
{
    const term_port *p = term_port_ptr(t);
    term node = p->node;
    uint32_t creation = p->creation;
    node_of(e, &node, &creation);
    bool v4 = p->id >= ((uint64_t)1 << 28); /* OTP's NEW_PORT_EXT holds 28-bit numbers */
    put_u8(e->out, v4 ? V4_PORT_EXT : NEW_PORT_EXT);
    put_atom(e, node);
    if (v4) put_u64(e->out, p->id);
    else put_u32(e->out, (uint32_t)p->id);
    put_u32(e->out, creation);
}

static void put_ref(encoder *e, term t)
{
    const term_ref *r = term_ref_ptr(t);
    term node = r->node;
    uint32_t creation = r->creation;
    node_of(e, &node, &creation);
    put_u8(e->out, NEWER_REFERENCE_EXT);
    put_u16(e->out, r->len);
    put_atom(e, node);
    put_u32(e->out, creation);
    for (uint32_t i = 0; i < r->len; i++) put_u32(e->out, r->ids[i]);
}

static void put_bitstring(encoder *e, term t)
{
    const term_binary *b = (const term_binary *)t;
    if (b->tail_bits == 0) {
        put_u8(e->out, BINARY_EXT);
        put_u32(e->out, (uint32_t)b->size);
    } else {
        put_u8(e->out, BIT_BINARY_EXT);
        put_u32(e->out, (uint32_t)b->size);
        put_u8(e->out, b->tail_bits);
    }
    if (b->tail_bits == 0 && b->size >= ETF_SPLICE_MIN && e->opts && e->opts->splice)
        e->opts->splice(e->opts->splice_ctx, e->out->len, t);
    else
        etf_buf_put(e->out, b->data, b->size);
}

/* A proper list of at most 65535 integers 0..255 goes out as STRING_EXT. */
static bool try_put_string(encoder *e, term list)
{
    size_t n = 0;
    term l = list;
    for (; term_is_cons(l); l = term_tail(l), n++) {
        term h = term_head(l);
        if (!term_is_small(h) || term_small_value(h) < 0 || term_small_value(h) > 255 || n >= 65535)
            return false;
    }
    if (l != TERM_NIL) return false;
    put_u8(e->out, STRING_EXT);
    put_u16(e->out, (unsigned)n);
    uint8_t *p = ciex_buf_reserve(e->out, n);
    for (l = list; term_is_cons(l); l = term_tail(l)) *p++ = (uint8_t)term_small_value(term_head(l));
    return true;
}

/* ---- the walk ---- */

typedef enum work_kind {
    WORK_TERM,       /* encode this term */
    WORK_LIST_REST,  /* encode the remaining elements of a list, then its tail */
    WORK_MAP_REST,   /* encode a map's keys and values from the `at`th on */
    WORK_PATCH_SIZE, /* write the byte count since `at` into the NEW_FUN size */
    WORK_RELEASE,    /* a temporary term (from fun_hook) is done with */
} work_kind;

#define ENCODE_PREFETCH 32 /* map entries ahead */

typedef struct work {
    work_kind kind;
    term t;
    size_t at;
} work;

typedef struct work_stack {
    work *items;
    size_t len, cap;
} work_stack;

static void push(work_stack *s, work_kind kind, term t, size_t at)
{
    if (s->len == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->items = ciex_xrealloc(s->items, s->cap * sizeof *s->items, "etf_encode");
    }
    s->items[s->len++] = (work){kind, t, at};
}

static etf_status put_fun(encoder *e, work_stack *s, term t)
{
    if (term_has_type(t, TERM_T_EXPORT)) {
        const term_export *x = term_export_ptr(t);
        put_u8(e->out, EXPORT_EXT);
        put_atom(e, x->module);
        put_atom(e, x->function);
        put_u8(e->out, SMALL_INTEGER_EXT);
        put_u8(e->out, x->arity);
        return ETF_OK;
    }
    if (e->opts && e->opts->fun_hook) {
        term replacement = e->opts->fun_hook(e->opts->fun_hook_ctx, t);
        if (replacement != TERM_NONE) {
            if (term_has_type(replacement, TERM_T_FUN) && term_fun_ptr(replacement)->code != TERM_NONE) {
                term_release(replacement); /* a hook must not return a runnable fun: no loops */
                return ETF_ERR_UNENCODABLE;
            }
            push(s, WORK_RELEASE, replacement, 0);
            push(s, WORK_TERM, replacement, 0);
            return ETF_OK;
        }
    }
    const term_fun *f = term_fun_ptr(t);
    if (!term_is_pid(f->pid)) return ETF_ERR_UNENCODABLE;
    size_t start = e->out->len;
    put_u8(e->out, NEW_FUN_EXT);
    put_u32(e->out, 0); /* size, patched once the free variables are out */
    put_u8(e->out, f->arity);
    etf_buf_put(e->out, f->uniq, 16);
    put_u32(e->out, f->index);
    put_u32(e->out, f->nfree);
    put_atom(e, f->module);
    put_integer(e, term_small((int32_t)f->old_index));
    put_integer(e, term_small((int32_t)f->old_uniq)); /* INTEGER_EXT is signed */
    put_pid(e, f->pid);
    push(s, WORK_PATCH_SIZE, TERM_NONE, start);
    for (uint32_t i = f->nfree; i-- > 0;) push(s, WORK_TERM, f->free[i], 0);
    return ETF_OK;
}

static etf_status put_term(encoder *e, work_stack *s, term t)
{
    switch (term_type_of(t)) {
    case TERM_T_SMALL: case TERM_T_BIGINT: put_integer(e, t); return ETF_OK;
    case TERM_T_ATOM: put_atom(e, t); return ETF_OK;
    case TERM_T_NIL: put_u8(e->out, NIL_EXT); return ETF_OK;
    case TERM_T_FLOAT: put_float(e, term_float_value(t)); return ETF_OK;
    case TERM_T_BINARY: put_bitstring(e, t); return ETF_OK;
    case TERM_T_PID: put_pid(e, t); return ETF_OK;
    case TERM_T_PORT: put_port(e, t); return ETF_OK;
    case TERM_T_REF: put_ref(e, t); return ETF_OK;
    case TERM_T_FUN: case TERM_T_EXPORT: return put_fun(e, s, t);
    case TERM_T_TUPLE: {
        uint32_t n = term_tuple_arity(t);
        if (n < 256) {
            put_u8(e->out, SMALL_TUPLE_EXT);
            put_u8(e->out, n);
        } else {
            put_u8(e->out, LARGE_TUPLE_EXT);
            put_u32(e->out, n);
        }
        for (uint32_t i = n; i-- > 0;) push(s, WORK_TERM, term_tuple_get(t, i), 0);
        return ETF_OK;
    }
    case TERM_T_MAP: {
        uint32_t n = term_map_size(t);
        put_u8(e->out, MAP_EXT);
        put_u32(e->out, n);
        if (n) push(s, WORK_MAP_REST, t, 0);
        return ETF_OK;
    }
    case TERM_T_CONS: {
        if (try_put_string(e, t)) return ETF_OK;
        uint32_t n = 0;
        term l = t;
        for (; term_is_cons(l); l = term_tail(l)) n++;
        put_u8(e->out, LIST_EXT);
        put_u32(e->out, n);
        push(s, WORK_LIST_REST, t, 0);
        return ETF_OK;
    }
    default: return ETF_ERR_UNENCODABLE;
    }
}

etf_status etf_encode_body(term t, etf_buf *out, const etf_encode_opts *opts)
{
    encoder e = {out, opts};
    work_stack s = {NULL, 0, 0};
    size_t start = out->len;
    etf_status st = ETF_OK;
    push(&s, WORK_TERM, t, 0);
    while (s.len && st == ETF_OK) {
        work w = s.items[--s.len];
        switch (w.kind) {
        case WORK_TERM: st = put_term(&e, &s, w.t); break;
        case WORK_LIST_REST:
            if (term_is_cons(w.t)) {
                push(&s, WORK_LIST_REST, term_tail(w.t), 0);
                push(&s, WORK_TERM, term_head(w.t), 0);
            } else {
                push(&s, WORK_TERM, w.t, 0); /* the tail: [] or an improper end */
            }
            break;
        case WORK_MAP_REST: {
            /* one item for the whole map rather than two per pair: a big
             * map's pairs would make a stack of megabytes */
            const term *kv = ((const term_map *)w.t)->kv;
            size_t end = 2 * (size_t)term_map_size(w.t);
            if (w.at + 1 < end) push(&s, WORK_MAP_REST, w.t, w.at + 1);
            /* the keys and values are scattered boxes: fetch a few ahead */
            if (w.at + ENCODE_PREFETCH < end) term_prefetch(kv[w.at + ENCODE_PREFETCH]);
            push(&s, WORK_TERM, kv[w.at], 0);
            break;
        }
        case WORK_PATCH_SIZE: patch_u32(out, w.at + 1, (uint32_t)(out->len - w.at - 1)); break;
        case WORK_RELEASE: term_release(w.t); break;
        }
    }
    /* on failure, temporaries still pending are released */
    for (size_t i = 0; i < s.len; i++)
        if (s.items[i].kind == WORK_RELEASE) term_release(s.items[i].t);
    free(s.items);
    if (st != ETF_OK) out->len = start;
    return st;
}

etf_status etf_encode(term t, etf_buf *out, const etf_encode_opts *opts)
{
    size_t start = out->len;
    put_u8(out, ETF_VERSION);
    etf_status st = etf_encode_body(t, out, opts);
    if (st != ETF_OK) out->len = start;
    return st;
}
