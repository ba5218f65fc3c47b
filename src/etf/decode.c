/* decode.c - the external term format to terms, safe on hostile input.
 *
 * The decoder is a loop over an explicit stack of open containers, never C
 * recursion.  Scalars are delivered to the innermost open container; a
 * container closes when its last element arrives and is delivered in turn.
 *
 * Nothing is allocated beyond what the input justifies.  Every element of a
 * container takes at least one byte, so the number of promised elements of
 * all open containers together (`pending`) can never exceed the bytes left;
 * a header that claims more is rejected before anything is allocated.  A
 * compressed term is inflated in steps, so a lying size costs no more than
 * the data that is really there. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "ciex/etf.h"
#include "etf_internal.h"

const char *etf_status_message(etf_status st)
{
    switch (st) {
    case ETF_OK: return "ok";
    case ETF_ERR_TRUNCATED: return "input ends inside a term";
    case ETF_ERR_VERSION: return "not an external term (version byte is not 131)";
    case ETF_ERR_TAG: return "unknown tag";
    case ETF_ERR_LENGTH: return "length larger than the input";
    case ETF_ERR_ATOM: return "invalid atom";
    case ETF_ERR_FLOAT: return "invalid float";
    case ETF_ERR_MAP: return "invalid map";
    case ETF_ERR_COMPRESSED: return "invalid compressed term";
    case ETF_ERR_TRAILING: return "bytes after the term";
    case ETF_ERR_UNENCODABLE: return "value has no external form";
    }
    return "unknown error";
}

/* ---- reading ---- */

typedef struct reader {
    const uint8_t *p, *end;
} reader;

static size_t left(const reader *r) { return (size_t)(r->end - r->p); }

static bool get_u8(reader *r, uint32_t *v)
{
    if (left(r) < 1) return false;
    *v = *r->p++;
    return true;
}

static bool get_u16(reader *r, uint32_t *v)
{
    if (left(r) < 2) return false;
    *v = (uint32_t)r->p[0] << 8 | r->p[1];
    r->p += 2;
    return true;
}

static bool get_u32(reader *r, uint32_t *v)
{
    if (left(r) < 4) return false;
    *v = (uint32_t)r->p[0] << 24 | (uint32_t)r->p[1] << 16 | (uint32_t)r->p[2] << 8 | r->p[3];
    r->p += 4;
    return true;
}

static bool get_u64(reader *r, uint64_t *v)
{
    uint32_t hi, lo;
    if (!get_u32(r, &hi) || !get_u32(r, &lo)) return false;
    *v = (uint64_t)hi << 32 | lo;
    return true;
}

static bool get_bytes(reader *r, size_t n, const uint8_t **out)
{
    if (left(r) < n) return false;
    *out = r->p;
    r->p += n;
    return true;
}

#define NEED(cond) do { if (!(cond)) return ETF_ERR_TRUNCATED; } while (0)

/* Any of the atom tags; used for the node names and modules embedded in
 * pids, ports, references and funs as well as for plain atoms. */
static etf_status read_atom_body(reader *r, uint32_t tag, term *out)
{
    uint32_t len;
    bool utf8 = tag == ATOM_UTF8_EXT || tag == SMALL_ATOM_UTF8_EXT;
    if (tag == SMALL_ATOM_EXT || tag == SMALL_ATOM_UTF8_EXT) NEED(get_u8(r, &len));
    else if (tag == ATOM_EXT || tag == ATOM_UTF8_EXT) NEED(get_u16(r, &len));
    else return ETF_ERR_TAG;
    const uint8_t *bytes;
    NEED(get_bytes(r, len, &bytes));
    term_status st = utf8 ? term_atom_new((const char *)bytes, len, out)
                          : term_atom_new_latin1((const char *)bytes, len, out);
    return st == TERM_OK ? ETF_OK : ETF_ERR_ATOM;
}

static etf_status read_atom(reader *r, term *out)
{
    uint32_t tag;
    NEED(get_u8(r, &tag));
    return read_atom_body(r, tag, out);
}

/* SMALL_INTEGER_EXT or INTEGER_EXT, as the fields of NEW_FUN_EXT. */
static etf_status read_small_int(reader *r, uint32_t *out)
{
    uint32_t tag;
    NEED(get_u8(r, &tag));
    if (tag == SMALL_INTEGER_EXT) NEED(get_u8(r, out));
    else if (tag == INTEGER_EXT) NEED(get_u32(r, out));
    else return ETF_ERR_TAG;
    return ETF_OK;
}

static etf_status read_pid_body(reader *r, uint32_t tag, term *out)
{
    term node;
    uint32_t id, serial, creation;
    etf_status st = read_atom(r, &node);
    if (st != ETF_OK) return st;
    NEED(get_u32(r, &id) && get_u32(r, &serial));
    if (tag == NEW_PID_EXT) NEED(get_u32(r, &creation));
    else if (tag == PID_EXT) NEED(get_u8(r, &creation));
    else return ETF_ERR_TAG;
    /* PID_EXT: 15-bit id, 13-bit serial, 2-bit creation */
    if (tag == PID_EXT && (id >= (1u << 15) || serial >= (1u << 13) || creation > 3)) return ETF_ERR_LENGTH;
    *out = term_pid_new(node, id, serial, creation);
    return ETF_OK;
}

static etf_status read_pid(reader *r, term *out)
{
    uint32_t tag;
    NEED(get_u8(r, &tag));
    return read_pid_body(r, tag, out);
}

static etf_status read_port_body(reader *r, uint32_t tag, term *out)
{
    term node;
    uint32_t id32, creation;
    uint64_t id;
    etf_status st = read_atom(r, &node);
    if (st != ETF_OK) return st;
    if (tag == V4_PORT_EXT) NEED(get_u64(r, &id));
    else {
        NEED(get_u32(r, &id32));
        id = id32;
    }
    if (tag == PORT_EXT) NEED(get_u8(r, &creation));
    else NEED(get_u32(r, &creation));
    if (tag == PORT_EXT && (id >= (1u << 28) || creation > 3)) return ETF_ERR_LENGTH;
    *out = term_port_new(node, id, creation);
    return ETF_OK;
}

static etf_status read_ref_body(reader *r, uint32_t tag, term *out)
{
    term node;
    uint32_t len = 1, creation, ids[5];
    if (tag != REFERENCE_EXT) {
        NEED(get_u16(r, &len));
        if (len > 5) return ETF_ERR_LENGTH;
    }
    etf_status st = read_atom(r, &node);
    if (st != ETF_OK) return st;
    if (tag == REFERENCE_EXT) {
        NEED(get_u32(r, &ids[0]) && get_u8(r, &creation));
    } else {
        if (tag == NEWER_REFERENCE_EXT) NEED(get_u32(r, &creation));
        else NEED(get_u8(r, &creation));
        for (uint32_t i = 0; i < len; i++) NEED(get_u32(r, &ids[i]));
    }
    /* the old tags carry a 2-bit creation and an 18-bit first word */
    if (tag != NEWER_REFERENCE_EXT && (creation > 3 || (len > 0 && ids[0] >= (1u << 18))))
        return ETF_ERR_LENGTH;
    *out = term_ref_new(node, creation, ids, len);
    return ETF_OK;
}

/* FLOAT_EXT: a float printed with "%.20e" in 31 NUL-padded bytes.  Like
 * OTP, accept only a complete decimal with a point, finite and not
 * underflowing to zero. */
static etf_status read_float_text(reader *r, term *out)
{
    const uint8_t *bytes;
    NEED(get_bytes(r, 31, &bytes));
    char text[32];
    memcpy(text, bytes, 31);
    text[31] = '\0';
    size_t n = strlen(text);
    bool sign = text[0] == '-' || text[0] == '+';
    if (n == 0 || !(text[sign] >= '0' && text[sign] <= '9') || !strchr(text, '.')) return ETF_ERR_FLOAT;
    char *end;
    errno = 0;
    double d = strtod(text, &end);
    if (end != text + n || d != d || d - d != 0 || (d == 0 && errno == ERANGE)) return ETF_ERR_FLOAT;
    *out = term_float_new(d);
    return ETF_OK;
}

static etf_status read_new_float(reader *r, term *out)
{
    uint64_t bits;
    NEED(get_u64(r, &bits));
    double d;
    memcpy(&d, &bits, sizeof d);
    if (d != d || d - d != 0) return ETF_ERR_FLOAT; /* NaN or infinity */
    *out = term_float_new(d == 0.0 ? 0.0 * (bits >> 63 ? -1.0 : 1.0) : d);
    return ETF_OK;
}

static etf_status read_big(reader *r, uint32_t tag, term *out)
{
    uint32_t n, sign;
    if (tag == SMALL_BIG_EXT) NEED(get_u8(r, &n));
    else NEED(get_u32(r, &n));
    NEED(get_u8(r, &sign));
    const uint8_t *digits;
    if (left(r) < n) return ETF_ERR_LENGTH;
    NEED(get_bytes(r, n, &digits));
    *out = term_int_from_le_bytes(digits, n, sign != 0);
    return ETF_OK;
}

/* ---- open containers ---- */

typedef enum frame_kind { FRAME_TUPLE, FRAME_LIST, FRAME_MAP, FRAME_FUN } frame_kind;

typedef struct frame {
    frame_kind kind;
    uint32_t count;  /* elements promised (lists: elements + tail) */
    uint32_t filled; /* elements delivered so far */
    term value;      /* tuple or fun under construction; list: first cell */
    term last;       /* list: last cell so far */
    term *pairs;     /* map: keys and values as they arrive */
} frame;

typedef struct decoder {
    reader r;
    frame *frames;
    size_t depth, cap;
    size_t pending; /* promised elements not yet delivered, all frames */
    const etf_decode_opts *opts;
} decoder;

/* Opens a container of n elements, or fails if the input cannot hold them.
 * The container fills one pending slot itself, and its bytes are its
 * elements: the slot is replaced by the n elements it promises. */
static etf_status open_frame(decoder *d, frame f)
{
    size_t others = d->pending - 1;
    if ((size_t)f.count > left(&d->r) || left(&d->r) - f.count < others) return ETF_ERR_LENGTH;
    if (d->depth == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        frame *fr = ciex_xrealloc(d->frames, d->cap * sizeof *fr, "etf_decode");
        d->frames = fr;
    }
    d->frames[d->depth++] = f;
    d->pending = others + f.count;
    return ETF_OK;
}

static void frame_free(frame *f)
{
    term_release(f->value);
    if (f->pairs) {
        for (uint32_t i = 0; i < f->filled; i++) term_release(f->pairs[i]);
        free(f->pairs);
    }
}

/* Stores v (consumed) into the innermost frame. */
static void frame_put(frame *f, term v)
{
    switch (f->kind) {
    case FRAME_TUPLE: term_tuple_init(f->value, f->filled, v); break;
    case FRAME_FUN: term_fun_init_free(f->value, f->filled, v); break;
    case FRAME_MAP: f->pairs[f->filled] = v; break;
    case FRAME_LIST:
        if (f->filled + 1 == f->count) { /* the tail */
            if (f->value == TERM_NIL) f->value = v; /* LIST_EXT of 0 elements is its tail */
            else ((term_cons *)f->last)->tail = v;
        } else {
            term cell = term_cons_new(v, TERM_NIL);
            if (f->value == TERM_NIL) f->value = cell;
            else ((term_cons *)f->last)->tail = cell; /* not yet published */
            f->last = cell;
        }
        break;
    }
    f->filled++;
}

/* Finishes a full frame into its value. */
static etf_status frame_close(const decoder *d, frame *f, term *out)
{
    if (f->kind == FRAME_FUN && d->opts && d->opts->fun_hook) {
        term other = d->opts->fun_hook(d->opts->fun_hook_ctx, f->value);
        if (other != TERM_NONE) {
            term_release(f->value);
            f->value = other;
        }
    }
    if (f->kind == FRAME_MAP) {
        bool dup;
        term m = term_map_from_pairs(f->pairs, f->count / 2, &dup);
        free(f->pairs);
        f->pairs = NULL;
        if (dup) {
            term_release(m);
            return ETF_ERR_MAP;
        }
        *out = m;
        return ETF_OK;
    }
    *out = f->value;
    return ETF_OK;
}

/* ---- one tag ---- */

/* Reads one tag.  A scalar goes to *out; a container with elements opens a
 * frame and leaves *out as TERM_NONE. */
static etf_status read_fun(decoder *d, term *out)
{
    reader *r = &d->r;
    uint32_t size, arity, index, nfree, old_index, old_uniq;
    const uint8_t *uniq;
    NEED(get_u32(r, &size) && get_u8(r, &arity) && get_bytes(r, 16, &uniq));
    NEED(get_u32(r, &index) && get_u32(r, &nfree));
    (void)size; /* OTP ignores the Size field on decode, and so do we */
    term module, pid;
    etf_status st = read_atom(r, &module);
    if (st == ETF_OK) st = read_small_int(r, &old_index);
    if (st == ETF_OK) st = read_small_int(r, &old_uniq);
    if (st == ETF_OK) st = read_pid(r, &pid);
    if (st != ETF_OK) return st;
    if (nfree > left(r)) {
        term_release(pid);
        return ETF_ERR_LENGTH;
    }
    term fun = term_fun_new(module, arity, index, uniq, old_index, old_uniq, pid, TERM_NONE, nfree);
    if (nfree == 0) {
        *out = fun;
        return ETF_OK;
    }
    frame f = {.kind = FRAME_FUN, .count = nfree, .value = fun};
    st = open_frame(d, f);
    if (st != ETF_OK) term_release(fun);
    return st;
}

static etf_status read_string(reader *r, term *out)
{
    uint32_t n;
    const uint8_t *bytes;
    NEED(get_u16(r, &n));
    if (left(r) < n) return ETF_ERR_TRUNCATED;
    NEED(get_bytes(r, n, &bytes));
    term list = TERM_NIL;
    for (uint32_t i = n; i-- > 0;) list = term_cons_new(term_small(bytes[i]), list);
    *out = list;
    return ETF_OK;
}

static etf_status read_binary(decoder *d, uint32_t tag, term *out)
{
    reader *r = &d->r;
    uint32_t n, bits = 0;
    const uint8_t *bytes;
    NEED(get_u32(r, &n));
    if (tag == BIT_BINARY_EXT) {
        NEED(get_u8(r, &bits));
        /* a non-empty bitstring uses 1..8 bits of its last byte; an empty
         * one, none */
        if (n == 0 ? bits != 0 : (bits < 1 || bits > 8)) return ETF_ERR_LENGTH;
    }
    if (left(r) < n) return ETF_ERR_TRUNCATED;
    NEED(get_bytes(r, n, &bytes));
    term owner = d->opts ? d->opts->owner : 0;
    if (owner && bits == 0 && n >= ETF_SHARE_MIN && (size_t)n >= term_binary_size(owner) / 8)
        *out = term_binary_sub(owner, (size_t)(bytes - term_binary_data(owner)), n);
    else
        *out = term_bitstring_new(bytes, n, bits == 8 ? 0 : bits);
    return ETF_OK;
}

static etf_status read_container(decoder *d, uint32_t tag, term *out)
{
    reader *r = &d->r;
    uint32_t n;
    frame f = {.value = TERM_NONE, .last = TERM_NONE};
    switch (tag) {
    case SMALL_TUPLE_EXT: NEED(get_u8(r, &n)); f.kind = FRAME_TUPLE; f.count = n; break;
    case LARGE_TUPLE_EXT: NEED(get_u32(r, &n)); f.kind = FRAME_TUPLE; f.count = n; break;
    case MAP_EXT:
        NEED(get_u32(r, &n));
        if (n > left(r) / 2) return ETF_ERR_LENGTH;
        f.kind = FRAME_MAP;
        f.count = 2 * n;
        break;
    case LIST_EXT:
        NEED(get_u32(r, &n));
        if (n == UINT32_MAX || n >= left(r)) return ETF_ERR_LENGTH;
        f.kind = FRAME_LIST;
        f.count = n + 1;
        break;
    default: return ETF_ERR_TAG;
    }
    if (f.count == 0) {
        *out = f.kind == FRAME_MAP ? term_map_new(0) : term_tuple_new(0);
        return ETF_OK;
    }
    if ((size_t)f.count > left(r)) return ETF_ERR_LENGTH;
    if (f.kind == FRAME_TUPLE) f.value = term_tuple_new(f.count);
    else if (f.kind == FRAME_MAP) {
        f.pairs = ciex_xmalloc((size_t)f.count * sizeof(term), "etf_decode");
    } else f.value = f.last = TERM_NIL;
    etf_status st = open_frame(d, f);
    if (st != ETF_OK) frame_free(&f);
    *out = TERM_NONE;
    return st;
}

static etf_status read_tag(decoder *d, term *out)
{
    reader *r = &d->r;
    uint32_t tag, v;
    *out = TERM_NONE;
    NEED(get_u8(r, &tag));
    switch (tag) {
    case SMALL_INTEGER_EXT: NEED(get_u8(r, &v)); *out = term_small(v); return ETF_OK;
    case INTEGER_EXT: NEED(get_u32(r, &v)); *out = term_small((int32_t)v); return ETF_OK;
    case SMALL_BIG_EXT: case LARGE_BIG_EXT: return read_big(r, tag, out);
    case NEW_FLOAT_EXT: return read_new_float(r, out);
    case FLOAT_EXT: return read_float_text(r, out);
    case ATOM_EXT: case SMALL_ATOM_EXT: case ATOM_UTF8_EXT: case SMALL_ATOM_UTF8_EXT:
        return read_atom_body(r, tag, out);
    case NIL_EXT: *out = TERM_NIL; return ETF_OK;
    case STRING_EXT: return read_string(r, out);
    case BINARY_EXT: case BIT_BINARY_EXT: return read_binary(d, tag, out);
    case NEW_PID_EXT: case PID_EXT: return read_pid_body(r, tag, out);
    case NEW_PORT_EXT: case PORT_EXT: case V4_PORT_EXT: return read_port_body(r, tag, out);
    case NEWER_REFERENCE_EXT: case NEW_REFERENCE_EXT: case REFERENCE_EXT: return read_ref_body(r, tag, out);
    case NEW_FUN_EXT: return read_fun(d, out);
    case EXPORT_EXT: {
        term mod, fn;
        etf_status st = read_atom(r, &mod);
        if (st == ETF_OK) st = read_atom(r, &fn);
        if (st != ETF_OK) return st;
        st = read_small_int(r, &v);
        if (st != ETF_OK) return st;
        if (v > 255) return ETF_ERR_LENGTH;
        *out = term_export_new(mod, fn, v);
        return ETF_OK;
    }
    default: return read_container(d, tag, out);
    }
}

/* ---- the loop ---- */

static etf_status decode_term(decoder *d, term *out)
{
    etf_status st = ETF_OK;
    term result = TERM_NONE;
    d->pending = 1;
    while (st == ETF_OK && result == TERM_NONE) {
        term v;
        st = read_tag(d, &v);
        if (st != ETF_OK || v == TERM_NONE) continue; /* error, or a frame opened */
        d->pending--;
        /* deliver the value outward until it lands in a frame that is
         * still open; a container that closes is delivered in turn */
        while (st == ETF_OK && v != TERM_NONE) {
            if (d->depth == 0) {
                result = v;
                break;
            }
            frame *f = &d->frames[d->depth - 1];
            frame_put(f, v);
            v = TERM_NONE;
            if (f->filled == f->count) {
                d->depth--;
                st = frame_close(d, f, &v);
            }
        }
    }
    while (d->depth) frame_free(&d->frames[--d->depth]);
    free(d->frames);
    d->frames = NULL;
    if (st == ETF_OK) *out = result;
    return st;
}

/* Inflates a COMPRESSED body into exactly `size` bytes, growing the output
 * only as real data arrives.  *consumed gets the length of the zlib
 * stream, which may be followed by other bytes. */
static etf_status inflate_exact(const uint8_t *in, size_t inlen, uint32_t size, uint8_t **out,
                                size_t *consumed)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit(&z) != Z_OK) return ETF_ERR_COMPRESSED;
    size_t cap = size < 65536 ? size : 65536, got = 0;
    uint8_t *buf = ciex_xmalloc(cap ? cap : 1, "etf_decode");
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)inlen;
    int rc = Z_OK;
    while (rc == Z_OK) {
        if (got == cap) {
            if (cap == size) {
                /* full: only the end of the stream may follow */
                uint8_t probe;
                z.next_out = &probe;
                z.avail_out = 1;
                rc = inflate(&z, Z_NO_FLUSH);
                if (z.avail_out == 0) rc = Z_DATA_ERROR; /* more data than declared */
                break;
            }
            cap = cap * 2 < size ? cap * 2 : size;
            uint8_t *nb = ciex_xrealloc(buf, cap, "etf_decode");
            buf = nb;
        }
        z.next_out = buf + got;
        z.avail_out = (uInt)(cap - got);
        rc = inflate(&z, Z_NO_FLUSH);
        got = cap - z.avail_out;
    }
    bool ok = rc == Z_STREAM_END && got == size;
    *consumed = inlen - z.avail_in;
    inflateEnd(&z);
    if (!ok) {
        free(buf);
        return ETF_ERR_COMPRESSED;
    }
    *out = buf;
    return ETF_OK;
}

/* Decodes the term in data[0..len) and checks what follows it. */
static etf_status decode_all(const uint8_t *data, size_t len, bool allow_trailing, term *out,
                             size_t *consumed, const etf_decode_opts *opts)
{
    decoder d = {.r = {data, data + len}, .opts = opts};
    term t;
    etf_status st = decode_term(&d, &t);
    if (st != ETF_OK) return st;
    *consumed = (size_t)(d.r.p - data);
    if (!allow_trailing && *consumed != len) {
        term_release(t);
        return ETF_ERR_TRAILING;
    }
    *out = t;
    return ETF_OK;
}

etf_status etf_decode(const uint8_t *data, size_t len, term *out, size_t *used)
{
    return etf_decode_with(data, len, out, used, NULL);
}

etf_status etf_decode_with(const uint8_t *data, size_t len, term *out, size_t *used, const etf_decode_opts *opts)
{
    term_init();
    if (len < 1) return ETF_ERR_TRUNCATED;
    if (data[0] != ETF_VERSION) return ETF_ERR_VERSION;
    size_t consumed;
    if (len < 2 || data[1] != COMPRESSED) {
        etf_status st = decode_all(data + 1, len - 1, used != NULL, out, &consumed, opts);
        if (st == ETF_OK && used) *used = 1 + consumed;
        return st;
    }
    reader hdr = {data + 2, data + len};
    uint32_t size;
    if (!get_u32(&hdr, &size)) return ETF_ERR_TRUNCATED;
    uint8_t *plain;
    size_t zlen;
    etf_status st = inflate_exact(hdr.p, left(&hdr), size, &plain, &zlen);
    if (st != ETF_OK) return st;
    if (!used && zlen != left(&hdr)) st = ETF_ERR_TRAILING;
    if (st == ETF_OK) st = decode_all(plain, size, used != NULL, out, &consumed, opts);
    free(plain);
    if (st == ETF_OK && used) *used = 6 + zlen;
    return st;
}
