/* term_internal.h - helpers shared by the files of src/term only. */
#ifndef CIEX_TERM_INTERNAL_H
#define CIEX_TERM_INTERNAL_H

#include "ciex/term.h"

/* A box of `size` bytes with refs = 1 and the given type; aborts when the
 * C heap is exhausted. */
void *term_box_alloc(size_t size, term_type type);

/* integer.c: frees the calling thread's bignum context (term_thread_done) */
void term_bn_thread_done(void);

#endif
