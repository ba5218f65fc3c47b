/* bif_binary.c - bitstring construction and matching, the :binary module,
 * and term_to_binary/binary_to_term.
 *
 * The compiler turns `<<x::16-little, rest::binary>>` into calls of
 * :ciex.bs_build/1 and :ciex.bs_match/2 with one segment spec per segment,
 * {type, size, unit, signedness, endianness} (see compile_comprehension.c):
 * size is an integer or :default, unit 0 means the type's default, and a
 * size computed at run time travels beside the spec.  Both BIFs work on a
 * bit cursor, so segments need not be byte aligned; byte-aligned binary
 * segments of a match share the matched binary's bytes instead of copying.
 *
 * The :binary functions search with a leftmost-longest scan over a set of
 * patterns, as binary:match/split/replace define it; the inputs these
 * scripts meet are small, so a plain scan beats building automata. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>

#include "ciex/etf.h"
#include "vm_internal.h"

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

/* ---- a growable bit buffer ---- */

typedef struct bitbuf {
    uint8_t *data;
    size_t bits, cap; /* cap in bytes */
} bitbuf;

static void bb_reserve(bitbuf *w, size_t more_bits)
{
    size_t need = (w->bits + more_bits + 7) / 8;
    if (need <= w->cap) return;
    size_t cap = w->cap ? w->cap : 64;
    while (cap < need) cap *= 2;
    w->data = ciex_xrealloc(w->data, cap, "binary");
    memset(w->data + w->cap, 0, cap - w->cap);
    w->cap = cap;
}

/* Appends nbits of src starting at bit offset `from` (bits are numbered
 * from the most significant bit of the first byte). */
static void bb_put(bitbuf *w, const uint8_t *src, size_t from, size_t nbits)
{
    if (nbits == 0) return;
    bb_reserve(w, nbits);
    if (w->bits % 8 == 0 && from % 8 == 0) {
        memcpy(w->data + w->bits / 8, src + from / 8, nbits / 8);
        w->bits += nbits / 8 * 8;
        from += nbits / 8 * 8;
        nbits %= 8;
    }
    for (size_t i = 0; i < nbits; i++, from++, w->bits++) {
        unsigned bit = (src[from / 8] >> (7 - from % 8)) & 1u;
        if (bit) w->data[w->bits / 8] |= (uint8_t)(0x80u >> (w->bits % 8));
    }
}

/* Copies nbits starting at bit `from` of src into a fresh bitstring. */
static term bits_to_term(const uint8_t *src, size_t from, size_t nbits)
{
    bitbuf w = {0};
    bb_put(&w, src, from, nbits);
    term t = term_bitstring_new(w.data ? w.data : (const uint8_t *)"", (nbits + 7) / 8, (unsigned)(nbits % 8));
    free(w.data);
    return t;
}

/* ---- segment specs ---- */

typedef enum seg_type { SEG_INTEGER, SEG_FLOAT, SEG_BINARY, SEG_BITS, SEG_UTF8, SEG_UTF16, SEG_UTF32 } seg_type;

typedef struct seg_spec {
    seg_type type;
    bool has_size;   /* false: the type's default (or "the rest" in a match) */
    int64_t size;    /* in units */
    uint32_t unit;
    bool is_signed, little;
} seg_spec;

/* A segment larger than this (in bits) is refused rather than allocated. */
#define MAX_SEGMENT_BITS ((uint64_t)1 << 35)

static bool parse_spec(term spec, term dyn, seg_spec *s)
{
    if (!term_is_tuple(spec) || term_tuple_arity(spec) != 5) return false;
    const char *ty = term_is_atom(term_tuple_get(spec, 0)) ? term_atom_name(term_tuple_get(spec, 0)) : "";
    if (!strcmp(ty, "integer")) s->type = SEG_INTEGER;
    else if (!strcmp(ty, "float")) s->type = SEG_FLOAT;
    else if (!strcmp(ty, "binary") || !strcmp(ty, "bytes")) s->type = SEG_BINARY;
    else if (!strcmp(ty, "bits") || !strcmp(ty, "bitstring")) s->type = SEG_BITS;
    else if (!strcmp(ty, "utf8")) s->type = SEG_UTF8;
    else if (!strcmp(ty, "utf16")) s->type = SEG_UTF16;
    else if (!strcmp(ty, "utf32")) s->type = SEG_UTF32;
    else return false;
    term size = term_tuple_get(spec, 1), unit = term_tuple_get(spec, 2);
    if (dyn != TERM_ATOM_NIL && dyn != TERM_NONE) size = dyn;
    s->has_size = size != term_atom("default") && size != term_atom("all");
    if (s->has_size && (!term_is_small(size) || term_small_value(size) < 0)) return false;
    s->size = s->has_size ? term_small_value(size) : 0;
    s->unit = term_is_small(unit) ? (uint32_t)term_small_value(unit) : 0;
    if (s->unit == 0) s->unit = s->type == SEG_BINARY ? 8 : 1;
    if (s->has_size && (uint64_t)s->size > MAX_SEGMENT_BITS / s->unit) return false;
    s->is_signed = term_tuple_get(spec, 3) == term_atom("signed");
    s->little = term_tuple_get(spec, 4) == term_atom("little");
    if (!s->has_size && s->type == SEG_INTEGER) s->size = 8, s->has_size = true;
    if (!s->has_size && s->type == SEG_FLOAT) s->size = 64, s->has_size = true;
    return true;
}

/* ---- building ---- */

/* v mod 2^(8*n) as n big-endian bytes (two's complement for negatives). */
static void int_to_bytes(term v, uint8_t *out, size_t n)
{
    int64_t small;
    if (term_int_to_i64(v, &small)) {
        uint64_t u = (uint64_t)small;
        for (size_t i = 0; i < n; i++) out[n - 1 - i] = i < 8 ? (uint8_t)(u >> (8 * i)) : (small < 0 ? 0xFF : 0);
        return;
    }
    BIGNUM *bn = term_int_to_bn(v);
    bool neg = BN_is_negative(bn);
    size_t mag = (size_t)BN_num_bytes(bn);
    uint8_t *tmp = ciex_xmalloc(mag ? mag : 1, "binary");
    BN_bn2bin(bn, tmp);
    BN_free(bn);
    memset(out, 0, n);
    for (size_t i = 0; i < n && i < mag; i++) out[n - 1 - i] = tmp[mag - 1 - i];
    free(tmp);
    if (neg) { /* two's complement: invert and add one */
        unsigned carry = 1;
        for (size_t i = n; i-- > 0;) {
            unsigned x = (uint8_t)~out[i] + carry;
            out[i] = (uint8_t)x;
            carry = x >> 8;
        }
    }
}

static bool put_integer(bitbuf *w, term v, const seg_spec *s)
{
    if (!term_is_integer(v)) return false;
    size_t nbits = (size_t)s->size * s->unit;
    if (nbits == 0) return true;
    size_t nbytes = (nbits + 7) / 8;
    uint8_t *bytes = ciex_xmalloc(nbytes, "binary");
    int_to_bytes(v, bytes, nbytes);
    if (s->little) {
        /* little endian of whole bytes: reverse them; a partial byte keeps
         * the low bits of the last (most significant) byte, as the BEAM */
        for (size_t i = 0; i < nbytes / 2; i++) {
            uint8_t t = bytes[i];
            bytes[i] = bytes[nbytes - 1 - i];
            bytes[nbytes - 1 - i] = t;
        }
        size_t whole = nbits / 8;
        bb_put(w, bytes, 0, whole * 8);
        if (nbits % 8) bb_put(w, bytes + whole, 8 - nbits % 8, nbits % 8);
    } else {
        bb_put(w, bytes, nbytes * 8 - nbits, nbits);
    }
    free(bytes);
    return true;
}

static uint16_t float_to_half(double d)
{
    float f = (float)d;
    uint32_t x;
    memcpy(&x, &f, 4);
    uint16_t sign = (uint16_t)((x >> 16) & 0x8000);
    int32_t exp = (int32_t)((x >> 23) & 0xFF) - 127 + 15;
    uint32_t mant = x & 0x7FFFFF;
    if (exp <= 0) return sign; /* underflow to zero */
    if (exp >= 31) return (uint16_t)(sign | 0x7C00);
    return (uint16_t)(sign | (uint16_t)(exp << 10) | (uint16_t)(mant >> 13));
}

static bool put_float(bitbuf *w, term v, const seg_spec *s)
{
    double d;
    if (term_is_float(v)) d = term_float_value(v);
    else if (!term_is_integer(v) || !term_int_to_double(v, &d)) return false;
    size_t nbits = (size_t)s->size * s->unit;
    uint8_t be[8];
    if (nbits == 64) {
        uint64_t u;
        memcpy(&u, &d, 8);
        for (int i = 0; i < 8; i++) be[i] = (uint8_t)(u >> (56 - 8 * i));
    } else if (nbits == 32) {
        float f = (float)d;
        if (!isfinite(f)) return false;
        uint32_t u;
        memcpy(&u, &f, 4);
        for (int i = 0; i < 4; i++) be[i] = (uint8_t)(u >> (24 - 8 * i));
    } else if (nbits == 16) {
        uint16_t h = float_to_half(d);
        be[0] = (uint8_t)(h >> 8);
        be[1] = (uint8_t)h;
    } else {
        return false;
    }
    size_t n = nbits / 8;
    if (s->little)
        for (size_t i = 0; i < n / 2; i++) {
            uint8_t t = be[i];
            be[i] = be[n - 1 - i];
            be[n - 1 - i] = t;
        }
    bb_put(w, be, 0, nbits);
    return true;
}

static bool put_bits(bitbuf *w, term v, const seg_spec *s)
{
    if (!term_is_bitstring(v)) return false;
    size_t have = term_bitstring_bits(v);
    size_t nbits = have;
    if (s->has_size) {
        nbits = (size_t)s->size * s->unit;
        if (nbits > have) return false;
    } else if (s->type == SEG_BINARY && have % 8) {
        return false;
    }
    bb_put(w, term_binary_data(v), 0, nbits);
    return true;
}

static bool put_utf(bitbuf *w, term v, seg_type type, bool little)
{
    if (!term_is_small(v)) return false;
    intptr_t cp = term_small_value(v);
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    uint8_t out[4];
    size_t n = 0;
    if (type == SEG_UTF8) {
        n = term_utf8_encode((int32_t)cp, out);
    } else if (type == SEG_UTF32) {
        for (int i = 0; i < 4; i++) out[i] = (uint8_t)(cp >> (24 - 8 * i));
        n = 4;
    } else if (cp < 0x10000) {
        out[0] = (uint8_t)(cp >> 8), out[1] = (uint8_t)cp, n = 2;
    } else {
        intptr_t c = cp - 0x10000, hi = 0xD800 + (c >> 10), lo = 0xDC00 + (c & 0x3FF);
        out[0] = (uint8_t)(hi >> 8), out[1] = (uint8_t)hi, out[2] = (uint8_t)(lo >> 8), out[3] = (uint8_t)lo;
        n = 4;
    }
    if (little && type != SEG_UTF8) {
        size_t unit = type == SEG_UTF32 ? 4 : 2;
        for (size_t k = 0; k < n; k += unit)
            for (size_t i = 0; i < unit / 2; i++) {
                uint8_t t = out[k + i];
                out[k + i] = out[k + unit - 1 - i];
                out[k + unit - 1 - i] = t;
            }
    }
    bb_put(w, out, 0, n * 8);
    return true;
}

/* <<"héllo"::utf16>>: a string literal in a utf segment stands for its
 * code points, each encoded. */
static bool put_utf_string(bitbuf *w, term v, const seg_spec *s)
{
    const uint8_t *d = term_binary_data(v);
    size_t len = term_binary_size(v), pos = 0;
    while (pos < len) {
        int32_t cp = term_utf8_decode(d, len, &pos);
        if (cp < 0 || !put_utf(w, term_small(cp), s->type, s->little)) return false;
    }
    return true;
}

static bool put_segment(bitbuf *w, term v, const seg_spec *s)
{
    switch (s->type) {
    case SEG_INTEGER: return put_integer(w, v, s);
    case SEG_FLOAT: return put_float(w, v, s);
    case SEG_BINARY:
    case SEG_BITS: return put_bits(w, v, s);
    default: return term_is_binary(v) ? put_utf_string(w, v, s) : put_utf(w, v, s->type, s->little);
    }
}

/* :ciex.bs_build([{value, spec, dynamic_size}, ...]) */
BIF(bif_bs_build)
{
    bitbuf w = {0};
    for (term l = a[0]; term_is_cons(l); l = term_tail(l)) {
        term item = term_head(l);
        seg_spec s;
        if (!term_is_tuple(item) || term_tuple_arity(item) != 3 ||
            !parse_spec(term_tuple_get(item, 1), term_tuple_get(item, 2), &s) ||
            !put_segment(&w, term_tuple_get(item, 0), &s)) {
            free(w.data);
            return vm_badarg(p);
        }
    }
    *r = term_bitstring_new(w.data ? w.data : (const uint8_t *)"", (w.bits + 7) / 8, (unsigned)(w.bits % 8));
    free(w.data);
    return VM_OK;
}

/* ---- matching ---- */

static term get_integer(const uint8_t *d, size_t from, size_t nbits, const seg_spec *s)
{
    size_t nbytes = (nbits + 7) / 8;
    uint8_t *be = ciex_xcalloc(nbytes ? nbytes : 1, 1, "binary");
    if (s->little) {
        /* whole bytes come least significant first, a partial byte last */
        size_t whole = nbits / 8;
        for (size_t i = 0; i < whole; i++) {
            bitbuf one = {0};
            bb_put(&one, d, from + 8 * i, 8);
            be[nbytes - 1 - i] = one.data[0];
            free(one.data);
        }
        if (nbits % 8) {
            bitbuf part = {0};
            bb_put(&part, d, from + whole * 8, nbits % 8);
            be[0] = (uint8_t)(part.data[0] >> (8 - nbits % 8));
            free(part.data);
        }
    } else {
        /* right-align the bits in nbytes */
        bitbuf w = {0};
        uint8_t zeros[1] = {0};
        bb_put(&w, zeros, 0, nbytes * 8 - nbits);
        bb_put(&w, d, from, nbits);
        memcpy(be, w.data, nbytes);
        free(w.data);
    }
    bool neg = s->is_signed && nbits > 0 && (be[0] >> ((nbits - 1) % 8) & 1u);
    term out;
    if (nbits <= 62) {
        uint64_t u = 0;
        for (size_t i = 0; i < nbytes; i++) u = u << 8 | be[i];
        int64_t v = (int64_t)u;
        if (neg) v -= (int64_t)1 << nbits;
        out = term_int_from_i64(v);
    } else {
        BIGNUM *bn = BN_bin2bn(be, (int)nbytes, NULL);
        if (!bn) ciex_out_of_memory("bignum", nbytes, false);
        if (neg) {
            BIGNUM *m = BN_new();
            if (!m || !BN_set_bit(m, (int)nbits) || !BN_sub(bn, bn, m)) ciex_out_of_memory("bignum", nbytes, false);
            BN_free(m);
        }
        out = term_int_from_bn(bn);
    }
    free(be);
    return out;
}

static double half_to_double(uint16_t h)
{
    int exp = (h >> 10) & 0x1F;
    double mant = h & 0x3FF;
    double v = exp == 0 ? ldexp(mant, -24) : ldexp(mant + 1024, exp - 25);
    return (h & 0x8000) ? -v : v;
}

static term get_float(const uint8_t *d, size_t from, size_t nbits, bool little)
{
    bitbuf w = {0};
    bb_put(&w, d, from, nbits);
    uint8_t be[8];
    size_t n = nbits / 8;
    for (size_t i = 0; i < n; i++) be[i] = little ? w.data[n - 1 - i] : w.data[i];
    free(w.data);
    double v;
    if (nbits == 64) {
        uint64_t u = 0;
        for (int i = 0; i < 8; i++) u = u << 8 | be[i];
        memcpy(&v, &u, 8);
    } else if (nbits == 32) {
        uint32_t u = 0;
        for (int i = 0; i < 4; i++) u = u << 8 | be[i];
        float f;
        memcpy(&f, &u, 4);
        v = f;
    } else {
        v = half_to_double((uint16_t)(be[0] << 8 | be[1]));
    }
    return isfinite(v) ? term_float_new(v) : TERM_NONE;
}

/* Decodes one code point at bit `from`; returns its size in bits or 0. */
static size_t get_utf(const uint8_t *d, size_t from, size_t avail, const seg_spec *s, int32_t *cp)
{
    uint8_t buf[4];
    size_t can = avail / 8 < 4 ? avail / 8 : 4;
    if (can == 0) return 0;
    bitbuf w = {0};
    bb_put(&w, d, from, can * 8);
    memcpy(buf, w.data, can);
    free(w.data);
    if (s->type == SEG_UTF8) {
        size_t pos = 0;
        int32_t c = term_utf8_decode(buf, can, &pos);
        if (c < 0) return 0;
        *cp = c;
        return pos * 8;
    }
    if (s->type == SEG_UTF32) {
        if (can < 4) return 0;
        uint32_t u = s->little ? (uint32_t)buf[3] << 24 | (uint32_t)buf[2] << 16 | (uint32_t)buf[1] << 8 | buf[0]
                               : (uint32_t)buf[0] << 24 | (uint32_t)buf[1] << 16 | (uint32_t)buf[2] << 8 | buf[3];
        if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) return 0;
        *cp = (int32_t)u;
        return 32;
    }
    if (can < 2) return 0;
    uint32_t u1 = s->little ? (uint32_t)(buf[1] << 8 | buf[0]) : (uint32_t)(buf[0] << 8 | buf[1]);
    if (u1 < 0xD800 || u1 > 0xDFFF) {
        *cp = (int32_t)u1;
        return 16;
    }
    if (u1 > 0xDBFF || can < 4) return 0;
    uint32_t u2 = s->little ? (uint32_t)(buf[3] << 8 | buf[2]) : (uint32_t)(buf[2] << 8 | buf[3]);
    if (u2 < 0xDC00 || u2 > 0xDFFF) return 0;
    *cp = (int32_t)(0x10000 + ((u1 - 0xD800) << 10) + (u2 - 0xDC00));
    return 32;
}

/* One segment at bit offset *pos of src; TERM_NONE when it does not match. */
static term match_segment(term src, size_t *pos, size_t total, const seg_spec *s, bool last)
{
    const uint8_t *d = term_binary_data(src);
    size_t avail = total - *pos, nbits;
    switch (s->type) {
    case SEG_INTEGER:
    case SEG_FLOAT: {
        nbits = (size_t)s->size * s->unit;
        if (nbits > avail) return TERM_NONE;
        if (s->type == SEG_FLOAT && nbits != 16 && nbits != 32 && nbits != 64) return TERM_NONE;
        term v = s->type == SEG_INTEGER ? get_integer(d, *pos, nbits, s) : get_float(d, *pos, nbits, s->little);
        if (v != TERM_NONE) *pos += nbits;
        return v;
    }
    case SEG_BINARY:
    case SEG_BITS:
        if (s->has_size) nbits = (size_t)s->size * s->unit;
        else if (last) nbits = avail;
        else return TERM_NONE;
        if (nbits > avail || (s->type == SEG_BINARY && nbits % 8)) return TERM_NONE;
        term v;
        if (*pos % 8 == 0 && nbits % 8 == 0) v = term_binary_sub(src, *pos / 8, nbits / 8);
        else v = bits_to_term(d, *pos, nbits);
        *pos += nbits;
        return v;
    default: {
        int32_t cp;
        size_t used = get_utf(d, *pos, avail, s, &cp);
        if (!used) return TERM_NONE;
        *pos += used;
        return term_small(cp);
    }
    }
}

/* :ciex.bs_match(src, [{spec, dynamic_size}, ...]): a tuple of the
 * segments' values, or :nomatch. */
BIF(bif_bs_match)
{
    intptr_t n = term_list_length(a[1]);
    if (n < 0) return vm_badarg(p);
    if (!term_is_bitstring(a[0])) {
        *r = term_atom("nomatch");
        return VM_OK;
    }
    size_t total = term_bitstring_bits(a[0]), pos = 0;
    term out = term_tuple_new((uint32_t)n);
    uint32_t i = 0;
    for (term l = a[1]; term_is_cons(l); l = term_tail(l), i++) {
        term item = term_head(l);
        seg_spec s;
        term v = TERM_NONE;
        if (term_is_tuple(item) && term_tuple_arity(item) == 2 &&
            parse_spec(term_tuple_get(item, 0), term_tuple_get(item, 1), &s))
            v = match_segment(a[0], &pos, total, &s, term_tail(l) == TERM_NIL);
        if (v == TERM_NONE) {
            term_release(out);
            *r = term_atom("nomatch");
            return VM_OK;
        }
        term_tuple_init(out, i, v);
    }
    if (pos != total) {
        term_release(out);
        *r = term_atom("nomatch");
        return VM_OK;
    }
    *r = out;
    return VM_OK;
}

/* ---- :binary ---- */

/* A set of non-empty patterns: a binary or a list of binaries, or one
 * compiled by binary:compile_pattern/1 ({bm, binary} or {ac, list}: ciex
 * searches the same way either way, so compiling only checks and tags). */
typedef struct patset {
    const uint8_t *pat[64];
    size_t len[64];
    size_t n;
} patset;

static bool patset_init(term t, patset *ps)
{
    ps->n = 0;
    if (term_is_tuple(t) && term_tuple_arity(t) == 2 &&
        (term_tuple_get(t, 0) == term_atom("bm") || term_tuple_get(t, 0) == term_atom("ac")))
        t = term_tuple_get(t, 1);
    if (term_is_binary(t)) {
        if (term_binary_size(t) == 0) return false;
        ps->pat[0] = term_binary_data(t);
        ps->len[0] = term_binary_size(t);
        ps->n = 1;
        return true;
    }
    if (!term_is_cons(t)) return false;
    for (term l = t; term_is_cons(l); l = term_tail(l)) {
        term b = term_head(l);
        if (!term_is_binary(b) || term_binary_size(b) == 0 || ps->n == 64) return false;
        ps->pat[ps->n] = term_binary_data(b);
        ps->len[ps->n++] = term_binary_size(b);
    }
    return true;
}

/* The leftmost, then longest, match in d[from..to). */
static bool patset_find(const patset *ps, const uint8_t *d, size_t from, size_t to, size_t *at, size_t *len)
{
    for (size_t i = from; i < to; i++) {
        size_t best = 0;
        for (size_t k = 0; k < ps->n; k++)
            if (ps->len[k] <= to - i && ps->len[k] > best && memcmp(d + i, ps->pat[k], ps->len[k]) == 0)
                best = ps->len[k];
        if (best) {
            *at = i;
            *len = best;
            return true;
        }
    }
    return false;
}

typedef struct search_opts {
    bool global, trim, trim_all;
    size_t from, to;
    term insert_replaced; /* TERM_NONE, an integer or a list of integers */
} search_opts;

static bool parse_search_opts(term opts, size_t size, search_opts *o)
{
    *o = (search_opts){false, false, false, 0, size, TERM_NONE};
    if (term_list_length(opts) < 0) return false;
    for (term l = opts; term_is_cons(l); l = term_tail(l)) {
        term x = term_head(l);
        if (x == term_atom("global")) o->global = true;
        else if (x == term_atom("trim")) o->trim = true;
        else if (x == term_atom("trim_all")) o->trim_all = true;
        else if (term_is_tuple(x) && term_tuple_arity(x) == 2 && term_tuple_get(x, 0) == term_atom("scope")) {
            term sc = term_tuple_get(x, 1);
            int64_t s, n;
            if (!term_is_tuple(sc) || term_tuple_arity(sc) != 2 || !term_int_to_i64(term_tuple_get(sc, 0), &s) ||
                !term_int_to_i64(term_tuple_get(sc, 1), &n))
                return false;
            if (n < 0) s += n, n = -n;
            if (s < 0 || (uint64_t)(s + n) > size) return false;
            o->from = (size_t)s;
            o->to = (size_t)(s + n);
        } else if (term_is_tuple(x) && term_tuple_arity(x) == 2 && term_tuple_get(x, 0) == term_atom("insert_replaced")) {
            o->insert_replaced = term_tuple_get(x, 1);
        } else {
            return false;
        }
    }
    return true;
}

BIF(bif_binary_match3)
{
    patset ps;
    search_opts o;
    if (!term_is_binary(a[0]) || !patset_init(a[1], &ps) || !parse_search_opts(a[2], term_binary_size(a[0]), &o))
        return vm_badarg(p);
    size_t at, len;
    if (!patset_find(&ps, term_binary_data(a[0]), o.from, o.to, &at, &len)) *r = term_atom("nomatch");
    else *r = term_tuple2(term_int_from_u64(at), term_int_from_u64(len));
    return VM_OK;
}

BIF(bif_binary_match2)
{
    term args[3] = {a[0], a[1], TERM_NIL};
    return bif_binary_match3(p, args, r);
}

BIF(bif_binary_matches3)
{
    patset ps;
    search_opts o;
    if (!term_is_binary(a[0]) || !patset_init(a[1], &ps) || !parse_search_opts(a[2], term_binary_size(a[0]), &o))
        return vm_badarg(p);
    term acc = TERM_NIL;
    size_t from = o.from, at, len;
    while (patset_find(&ps, term_binary_data(a[0]), from, o.to, &at, &len)) {
        acc = term_cons_new(term_tuple2(term_int_from_u64(at), term_int_from_u64(len)), acc);
        from = at + len;
    }
    term out = TERM_NIL;
    while (acc != TERM_NIL) { /* reverse */
        term next = term_retain(term_tail(acc));
        out = term_cons_new(term_retain(term_head(acc)), out);
        term_release(acc);
        acc = next;
    }
    *r = out;
    return VM_OK;
}

BIF(bif_binary_matches2)
{
    term args[3] = {a[0], a[1], TERM_NIL};
    return bif_binary_matches3(p, args, r);
}

/* Builds a list from an array of parts (consumed). */
static term list_from_parts(term *parts, size_t n)
{
    term out = TERM_NIL;
    while (n) out = term_cons_new(parts[--n], out);
    return out;
}

BIF(bif_binary_split3)
{
    patset ps;
    search_opts o;
    if (!term_is_binary(a[0]) || !patset_init(a[1], &ps) || !parse_search_opts(a[2], term_binary_size(a[0]), &o))
        return vm_badarg(p);
    size_t size = term_binary_size(a[0]), cap = 8, n = 0, start = 0, from = o.from, at, len;
    term *parts = ciex_xmalloc(cap * sizeof *parts, "binary");
    while (patset_find(&ps, term_binary_data(a[0]), from, o.to, &at, &len)) {
        if (n + 2 > cap) {
            cap *= 2;
            parts = ciex_xrealloc(parts, cap * sizeof *parts, "binary");
        }
        parts[n++] = term_binary_sub(a[0], start, at - start);
        start = from = at + len;
        if (!o.global) break;
    }
    if (n + 1 > cap) {
        parts = ciex_xrealloc(parts, ++cap * sizeof *parts, "binary");
    }
    parts[n++] = term_binary_sub(a[0], start, size - start);
    if (o.trim_all) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (term_binary_size(parts[i]) == 0) term_release(parts[i]);
            else parts[k++] = parts[i];
        }
        n = k;
    } else if (o.trim) {
        while (n && term_binary_size(parts[n - 1]) == 0) term_release(parts[--n]);
    }
    *r = list_from_parts(parts, n);
    free(parts);
    return VM_OK;
}

BIF(bif_binary_split2)
{
    term args[3] = {a[0], a[1], TERM_NIL};
    return bif_binary_split3(p, args, r);
}

/* The replacement with the matched part inserted at the given offsets. */
static void put_replacement(bitbuf *w, term repl, const search_opts *o, const uint8_t *m, size_t mlen)
{
    const uint8_t *rd = term_binary_data(repl);
    size_t rn = term_binary_size(repl), done = 0;
    term ins = o->insert_replaced;
    if (ins == TERM_NONE) {
        bb_put(w, rd, 0, rn * 8);
        return;
    }
    term single = term_is_small(ins) ? term_cons_new(ins, TERM_NIL) : term_retain(ins);
    for (term l = single; term_is_cons(l); l = term_tail(l)) {
        size_t at = (size_t)term_small_value(term_head(l));
        if (at > rn) at = rn;
        if (at < done) continue;
        bb_put(w, rd, done * 8, (at - done) * 8);
        bb_put(w, m, 0, mlen * 8);
        done = at;
    }
    bb_put(w, rd, done * 8, (rn - done) * 8);
    term_release(single);
}

static bool valid_insert(term ins, size_t rn)
{
    if (ins == TERM_NONE) return true;
    if (term_is_small(ins)) return term_small_value(ins) >= 0 && (size_t)term_small_value(ins) <= rn;
    if (term_list_length(ins) < 0) return false;
    for (term l = ins; term_is_cons(l); l = term_tail(l))
        if (!valid_insert(term_head(l), rn) || !term_is_small(term_head(l))) return false;
    return true;
}

BIF(bif_binary_replace4)
{
    patset ps;
    search_opts o;
    if (!term_is_binary(a[0]) || !patset_init(a[1], &ps) || !term_is_binary(a[2]) ||
        !parse_search_opts(a[3], term_binary_size(a[0]), &o) || !valid_insert(o.insert_replaced, term_binary_size(a[2])))
        return vm_badarg(p);
    const uint8_t *d = term_binary_data(a[0]);
    size_t size = term_binary_size(a[0]), start = 0, from = o.from, at, len;
    bitbuf w = {0};
    while (patset_find(&ps, d, from, o.to, &at, &len)) {
        bb_put(&w, d, start * 8, (at - start) * 8);
        put_replacement(&w, a[2], &o, d + at, len);
        start = from = at + len;
        if (!o.global) break;
    }
    bb_put(&w, d, start * 8, (size - start) * 8);
    *r = term_binary_new(w.data ? w.data : (const uint8_t *)"", w.bits / 8);
    free(w.data);
    return VM_OK;
}

BIF(bif_binary_replace3)
{
    term args[4] = {a[0], a[1], a[2], TERM_NIL};
    return bif_binary_replace4(p, args, r);
}

static vm_status part(vm_process *p, term bin, term start, term len, term *r)
{
    int64_t s, n;
    if (!term_is_binary(bin) || !term_int_to_i64(start, &s) || !term_int_to_i64(len, &n)) return vm_badarg(p);
    if (n < 0) s += n, n = -n;
    if (s < 0 || (uint64_t)(s + n) > term_binary_size(bin)) return vm_badarg(p);
    *r = term_binary_sub(bin, (size_t)s, (size_t)n);
    return VM_OK;
}

BIF(bif_binary_part3) { return part(p, a[0], a[1], a[2], r); }

BIF(bif_binary_part2)
{
    if (!term_is_tuple(a[1]) || term_tuple_arity(a[1]) != 2) return vm_badarg(p);
    return part(p, a[0], term_tuple_get(a[1], 0), term_tuple_get(a[1], 1), r);
}

BIF(bif_binary_bin_to_list3)
{
    term sub;
    if (part(p, a[0], a[1], a[2], &sub) != VM_OK) return VM_RAISE;
    term l = TERM_NIL;
    const uint8_t *d = term_binary_data(sub);
    for (size_t i = term_binary_size(sub); i-- > 0;) l = term_cons_new(term_small(d[i]), l);
    term_release(sub);
    *r = l;
    return VM_OK;
}

BIF(bif_binary_bin_to_list1)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    term args[3] = {a[0], term_small(0), term_int_from_u64(term_binary_size(a[0]))};
    return bif_binary_bin_to_list3(p, args, r);
}

BIF(bif_binary_copy2)
{
    int64_t n;
    if (!term_is_binary(a[0]) || !term_int_to_i64(a[1], &n) || n < 0) return vm_badarg(p);
    size_t len = term_binary_size(a[0]);
    if (len && (uint64_t)n > MAX_SEGMENT_BITS / 8 / len) return vm_raise_error(p, term_atom("system_limit"));
    uint8_t *d;
    term out = term_binary_alloc(len * (size_t)n, &d);
    for (int64_t i = 0; i < n; i++) memcpy(d + (size_t)i * len, term_binary_data(a[0]), len);
    *r = out;
    return VM_OK;
}

BIF(bif_binary_copy1)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    *r = term_binary_new(term_binary_data(a[0]), term_binary_size(a[0]));
    return VM_OK;
}

BIF(bif_binary_first)
{
    if (!term_is_binary(a[0]) || term_binary_size(a[0]) == 0) return vm_badarg(p);
    *r = term_small(term_binary_data(a[0])[0]);
    return VM_OK;
}

BIF(bif_binary_last)
{
    if (!term_is_binary(a[0]) || term_binary_size(a[0]) == 0) return vm_badarg(p);
    *r = term_small(term_binary_data(a[0])[term_binary_size(a[0]) - 1]);
    return VM_OK;
}

BIF(bif_binary_at)
{
    int64_t i;
    if (!term_is_binary(a[0]) || !term_int_to_i64(a[1], &i) || i < 0 || (uint64_t)i >= term_binary_size(a[0]))
        return vm_badarg(p);
    *r = term_small(term_binary_data(a[0])[i]);
    return VM_OK;
}

BIF(bif_binary_decode_unsigned2)
{
    if (!term_is_binary(a[0]) || (a[1] != term_atom("big") && a[1] != term_atom("little"))) return vm_badarg(p);
    size_t n = term_binary_size(a[0]);
    seg_spec s = {SEG_INTEGER, true, (int64_t)n * 8, 1, false, a[1] == term_atom("little")};
    *r = n ? get_integer(term_binary_data(a[0]), 0, n * 8, &s) : term_small(0);
    return VM_OK;
}

BIF(bif_binary_decode_unsigned1)
{
    term args[2] = {a[0], term_atom("big")};
    return bif_binary_decode_unsigned2(p, args, r);
}

BIF(bif_binary_encode_unsigned2)
{
    if (!term_is_integer(a[0]) || term_int_sign(a[0]) < 0 || (a[1] != term_atom("big") && a[1] != term_atom("little")))
        return vm_badarg(p);
    BIGNUM *bn = term_int_to_bn(a[0]);
    size_t n = (size_t)BN_num_bytes(bn);
    if (n == 0) n = 1;
    uint8_t *d;
    term out = term_binary_alloc(n, &d);
    BN_bn2binpad(bn, d, (int)n);
    BN_free(bn);
    if (a[1] == term_atom("little"))
        for (size_t i = 0; i < n / 2; i++) {
            uint8_t t = d[i];
            d[i] = d[n - 1 - i];
            d[n - 1 - i] = t;
        }
    *r = out;
    return VM_OK;
}

BIF(bif_binary_encode_unsigned1)
{
    term args[2] = {a[0], term_atom("big")};
    return bif_binary_encode_unsigned2(p, args, r);
}

static vm_status common_affix(vm_process *p, term list, bool suffix, term *r)
{
    if (!term_is_cons(list)) return vm_badarg(p);
    term first = term_head(list);
    if (!term_is_binary(first)) return vm_badarg(p);
    size_t best = term_binary_size(first);
    for (term l = term_tail(list); term_is_cons(l); l = term_tail(l)) {
        term b = term_head(l);
        if (!term_is_binary(b)) return vm_badarg(p);
        size_t n = term_binary_size(b), k = 0;
        const uint8_t *x = term_binary_data(first), *y = term_binary_data(b);
        size_t nx = term_binary_size(first);
        while (k < best && k < n && (suffix ? x[nx - 1 - k] == y[n - 1 - k] : x[k] == y[k])) k++;
        best = k;
    }
    *r = term_int_from_u64(best);
    return VM_OK;
}

BIF(bif_binary_lcp) { return common_affix(p, a[0], false, r); }
BIF(bif_binary_lcs) { return common_affix(p, a[0], true, r); }

/* split_binary(bin, pos) */
BIF(bif_split_binary)
{
    int64_t at;
    if (!term_is_binary(a[0]) || !term_int_to_i64(a[1], &at) || at < 0 || (uint64_t)at > term_binary_size(a[0]))
        return vm_badarg(p);
    *r = term_tuple2(term_binary_sub(a[0], 0, (size_t)at),
                     term_binary_sub(a[0], (size_t)at, term_binary_size(a[0]) - (size_t)at));
    return VM_OK;
}

/* ---- the external term format ---- */

/* Funs made by evaluation are written as the BEAM writes them, erl_eval
 * funs (in ciex's own layout), and read back as the local fun. */
static term own_erl_eval(void *ctx, term fun)
{
    vm_erl_eval_layout own;
    vm_erl_eval_own(&own);
    return vm_erl_eval_wire(ctx, fun, &own);
}

static term local_fun(void *ctx, term fun)
{
    vm_runtime *rt = ctx;
    const vm_eval_funs *ef = vm_eval_funs_of(rt);
    return ef ? ef->local_of(rt, fun) : TERM_NONE;
}

BIF(bif_term_to_binary)
{
    etf_buf b;
    etf_buf_init(&b);
    etf_encode_opts opts = {.fun_hook = own_erl_eval, .fun_hook_ctx = vm_process_runtime(p)};
    if (etf_encode(a[0], &b, &opts) != ETF_OK) {
        etf_buf_free(&b);
        return vm_badarg(p);
    }
    *r = term_binary_new(b.data, b.len);
    etf_buf_free(&b);
    return VM_OK;
}

BIF(bif_term_to_binary2)
{
    if (term_list_length(a[1]) < 0) return vm_badarg(p);
    return bif_term_to_binary(p, a, r);
}

BIF(bif_binary_to_term)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    etf_decode_opts opts = {.fun_hook = local_fun, .fun_hook_ctx = vm_process_runtime(p)};
    return etf_decode_with(term_binary_data(a[0]), term_binary_size(a[0]), r, NULL, &opts) == ETF_OK ? VM_OK
                                                                                                   : vm_badarg(p);
}

BIF(bif_binary_to_term2)
{
    if (term_list_length(a[1]) < 0) return vm_badarg(p);
    return bif_binary_to_term(p, a, r);
}

BIF(bif_external_size)
{
    etf_buf b;
    etf_buf_init(&b);
    etf_status st = etf_encode(a[0], &b, NULL);
    size_t n = b.len;
    etf_buf_free(&b);
    if (st != ETF_OK) return vm_badarg(p);
    *r = term_int_from_u64(n);
    return VM_OK;
}

/* binary:compile_pattern/1: {bm, Pattern} for one pattern, {ac, List} for
 * several, where OTP holds a Boyer-Moore or Aho-Corasick automaton in a
 * reference. */
BIF(bif_binary_compile_pattern)
{
    patset ps;
    if (term_is_tuple(a[0]) || !patset_init(a[0], &ps) || ps.n == 0) return vm_badarg(p);
    term one = term_is_cons(a[0]) && ps.n == 1 ? term_head(a[0]) : a[0];
    *r = term_tuple2(term_atom(ps.n == 1 ? "bm" : "ac"), term_retain(one));
    return VM_OK;
}

static const vm_bif_def binary_bifs[] = {
    {"ciex", "bs_build", 1, bif_bs_build}, {"ciex", "bs_match", 2, bif_bs_match},
    {"binary", "match", 2, bif_binary_match2}, {"binary", "match", 3, bif_binary_match3},
    {"binary", "matches", 2, bif_binary_matches2}, {"binary", "matches", 3, bif_binary_matches3},
    {"binary", "split", 2, bif_binary_split2}, {"binary", "split", 3, bif_binary_split3},
    {"binary", "replace", 3, bif_binary_replace3}, {"binary", "replace", 4, bif_binary_replace4},
    {"binary", "part", 2, bif_binary_part2}, {"binary", "part", 3, bif_binary_part3},
    {"binary", "bin_to_list", 1, bif_binary_bin_to_list1}, {"binary", "bin_to_list", 3, bif_binary_bin_to_list3},
    {"binary", "copy", 1, bif_binary_copy1}, {"binary", "copy", 2, bif_binary_copy2},
    {"binary", "first", 1, bif_binary_first}, {"binary", "last", 1, bif_binary_last},
    {"binary", "at", 2, bif_binary_at}, {"binary", "compile_pattern", 1, bif_binary_compile_pattern},
    {"binary", "decode_unsigned", 1, bif_binary_decode_unsigned1},
    {"binary", "decode_unsigned", 2, bif_binary_decode_unsigned2},
    {"binary", "encode_unsigned", 1, bif_binary_encode_unsigned1},
    {"binary", "encode_unsigned", 2, bif_binary_encode_unsigned2},
    {"binary", "longest_common_prefix", 1, bif_binary_lcp}, {"binary", "longest_common_suffix", 1, bif_binary_lcs},
    {"erlang", "split_binary", 2, bif_split_binary},
    {"erlang", "term_to_binary", 1, bif_term_to_binary}, {"erlang", "term_to_binary", 2, bif_term_to_binary2},
    {"erlang", "binary_to_term", 1, bif_binary_to_term}, {"erlang", "binary_to_term", 2, bif_binary_to_term2},
    {"erlang", "external_size", 1, bif_external_size},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_binary_init(vm_runtime *rt);
void vm_bifs_binary_init(vm_runtime *rt) { vm_register_bifs(rt, binary_bifs); }
