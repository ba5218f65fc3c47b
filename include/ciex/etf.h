/* etf.h - the external term format (version 131), as OTP 25 writes it.
 *
 * etf_encode writes the bytes :erlang.term_to_binary/1 writes for the same
 * value; etf_decode accepts everything binary_to_term/1 accepts, including
 * the older tags and zlib-compressed terms.  Decoding is safe on hostile
 * input: every length is checked against the bytes that remain before
 * anything is allocated, nesting is walked without C recursion, and any
 * malformed input yields an error status, never a crash. */
#ifndef CIEX_ETF_H
#define CIEX_ETF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ciex/buf.h"
#include "ciex/term.h"

#define ETF_VERSION 131

typedef enum etf_status {
    ETF_OK = 0,
    ETF_ERR_TRUNCATED,     /* input ends inside a term */
    ETF_ERR_VERSION,       /* first byte is not 131 */
    ETF_ERR_TAG,           /* unknown or unsupported tag byte */
    ETF_ERR_LENGTH,        /* a length larger than the input can hold */
    ETF_ERR_ATOM,          /* atom text invalid or longer than 255 chars */
    ETF_ERR_FLOAT,         /* NaN, infinity or unparsable float text */
    ETF_ERR_MAP,           /* duplicate keys in a map */
    ETF_ERR_COMPRESSED,    /* zlib data corrupt or size mismatch */
    ETF_ERR_TRAILING,      /* bytes left after the term */
    ETF_ERR_UNENCODABLE,   /* a value with no external form (a resource) */
} etf_status;

const char *etf_status_message(etf_status st);

/* The output buffer: ciex's growable byte buffer. */
typedef ciex_buf etf_buf;

void etf_buf_init(etf_buf *b);
void etf_buf_free(etf_buf *b);
void etf_buf_put(etf_buf *b, const void *bytes, size_t n);

/* Node renaming for pids, ports and references: a value whose node is
 * `from` (with creation `from_creation`) is written as node `to` with
 * creation `to_creation`.  The runtime uses it so that processes created
 * before the node got its name travel under the name it has now. */
typedef struct etf_node_alias {
    term from, to;
    uint32_t from_creation, to_creation;
} etf_node_alias;

typedef struct etf_encode_opts {
    const etf_node_alias *alias; /* NULL: no renaming */
    /* true: every atom as (SMALL_)ATOM_UTF8_EXT, as the distribution sends
     * them; false: Latin-1 ATOM_EXT where possible, as term_to_binary/1. */
    bool utf8_atoms;
    /* Called for each anonymous fun: a term to encode in its place (owned),
     * or TERM_NONE to encode the fun as it is.  The distribution uses it
     * to send funs that carry their source. */
    term (*fun_hook)(void *ctx, term fun);
    void *fun_hook_ctx;
    /* With a splice function, each whole binary of at least
     * ETF_SPLICE_MIN bytes gets its tag and length written but not its
     * bytes: splice(ctx, at, binary) is called instead (binary borrowed),
     * `at` being where in out the bytes belong.  The distribution then
     * writes them from where they lie rather than copying them. */
    void (*splice)(void *ctx, size_t at, term binary);
    void *splice_ctx;
} etf_encode_opts;

#define ETF_SPLICE_MIN 65536

/* Appends 131 and the encoding of t (borrowed) to out.  opts may be NULL. */
etf_status etf_encode(term t, etf_buf *out, const etf_encode_opts *opts);
/* The encoding without the leading 131, for embedding. */
etf_status etf_encode_body(term t, etf_buf *out, const etf_encode_opts *opts);

/* Decodes one term starting with 131 from data[0..len).  With `used` NULL,
 * bytes after the term are an error (as binary_to_term/1); otherwise
 * *used receives the number of bytes consumed and trailing bytes are the
 * caller's business (a distribution frame holds two terms back to back). */
etf_status etf_decode(const uint8_t *data, size_t len, term *out, size_t *used);

typedef struct etf_decode_opts {
    /* Called for each anonymous fun once its free variables are in: a
     * term to stand in its place (owned), or TERM_NONE to keep it.  The
     * distribution uses it to turn an erl_eval fun that was made here back
     * into the local fun. */
    term (*fun_hook)(void *ctx, term fun);
    void *fun_hook_ctx;
    /* 0, or a binary whose bytes hold the input: a binary of at least
     * ETF_SHARE_MIN bytes, and an eighth of the owner's size, is then a
     * slice of it rather than a copy (the owner lives as long as such a
     * slice does, so one that is mostly other data is not kept). */
    term owner;
} etf_decode_opts;

#define ETF_SHARE_MIN 65536
etf_status etf_decode_with(const uint8_t *data, size_t len, term *out, size_t *used, const etf_decode_opts *opts);

#endif
