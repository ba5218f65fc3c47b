/* buf.h - the growable byte buffer that ciex builds bytes and text in
 * (the encoder, the lexer, iodata and case mapping, transcripts).
 *
 * A zeroed ciex_buf is empty.  Once anything was put, data[len] is a NUL
 * byte, so text built in it is also a C string. */
#ifndef CIEX_BUF_H
#define CIEX_BUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct ciex_buf {
    uint8_t *data;
    size_t len, cap;
} ciex_buf;

/* Makes room for n more bytes at the end and counts them in; returns
 * where they go (the caller writes them). */
uint8_t *ciex_buf_reserve(ciex_buf *b, size_t n);
void ciex_buf_put(ciex_buf *b, const void *bytes, size_t n);
static inline void ciex_buf_putc(ciex_buf *b, uint8_t c) { *ciex_buf_reserve(b, 1) = c; }
/* Frees the bytes; the buffer is empty again. */
void ciex_buf_free(ciex_buf *b);

#endif
