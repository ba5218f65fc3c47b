/* binary.c - binaries and bitstrings.
 *
 * A binary either holds its bytes inline, right after the header, or is a
 * slice of another binary (`owner`), sharing its bytes: matching
 * `<<head, rest::binary>>` then costs no copy. */
#include <stdlib.h>
#include <string.h>

#include "ciex/term.h"
#include "term_internal.h"

term term_binary_alloc(size_t size, uint8_t **data)
{
    term_binary *b = term_box_alloc(sizeof *b + size, TERM_T_BINARY);
    b->tail_bits = 0;
    b->size = size;
    b->owner = TERM_NONE;
    b->data = b->inline_data;
    *data = b->inline_data;
    return (term)b;
}

term term_binary_new(const void *bytes, size_t size)
{
    uint8_t *data;
    term t = term_binary_alloc(size, &data);
    if (size) memcpy(data, bytes, size);
    return t;
}

term term_binary_from_cstr(const char *s) { return term_binary_new(s, strlen(s)); }

term term_bitstring_new(const void *bytes, size_t size, unsigned tail_bits)
{
    term t = term_binary_new(bytes, size);
    if (tail_bits && size) {
        term_binary *b = (term_binary *)t;
        b->tail_bits = (uint8_t)tail_bits;
        /* unused low bits are kept zero so equal bitstrings compare equal */
        b->inline_data[size - 1] &= (uint8_t)(0xFF << (8 - tail_bits));
    }
    return t;
}

term term_binary_sub(term parent, size_t offset, size_t size)
{
    const term_binary *p = (const term_binary *)parent;
    term_binary *b = term_box_alloc(sizeof *b, TERM_T_BINARY);
    b->tail_bits = 0;
    b->size = size;
    b->data = p->data + offset;
    /* slices always point at the binary that owns the bytes */
    b->owner = term_retain(p->owner != TERM_NONE ? p->owner : parent);
    return (term)b;
}

size_t term_bitstring_bits(term t)
{
    const term_binary *b = (const term_binary *)t;
    if (b->tail_bits == 0) return b->size * 8;
    return (b->size - 1) * 8 + b->tail_bits;
}
