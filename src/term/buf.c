/* buf.c - the growable byte buffer (include/ciex/buf.h). */
#include "ciex/buf.h"
#include "ciex/term.h"

#include <stdlib.h>
#include <string.h>

uint8_t *ciex_buf_reserve(ciex_buf *b, size_t n)
{
    if (b->len + n + 1 > b->cap) { /* + 1: the NUL after the data */
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1) cap *= 2;
        uint8_t *d = ciex_xrealloc(b->data, cap, "buffer");
        b->data = d;
        b->cap = cap;
    }
    uint8_t *p = b->data + b->len;
    b->len += n;
    b->data[b->len] = 0;
    return p;
}

void ciex_buf_put(ciex_buf *b, const void *bytes, size_t n)
{
    uint8_t *p = ciex_buf_reserve(b, n);
    if (n) memcpy(p, bytes, n);
}

void ciex_buf_free(ciex_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
