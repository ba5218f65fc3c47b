/* fuzz_etf_decode.c - libFuzzer target: arbitrary bytes into etf_decode.
 *
 * Whatever the input, decoding must return a status without crashing,
 * leaking or reading out of bounds; a term that decodes must encode, and
 * decoding that encoding must give an equal term. */
#include <stdint.h>
#include <stdlib.h>

#include "ciex/etf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    term t;
    size_t used;
    if (etf_decode(data, size, &t, &used) != ETF_OK) return 0;
    etf_buf buf;
    etf_buf_init(&buf);
    if (etf_encode(t, &buf, NULL) != ETF_OK) abort();
    term back;
    if (etf_decode(buf.data, buf.len, &back, NULL) != ETF_OK) abort();
    if (!term_exact_equal(t, back)) abort();
    term_release(back);
    term_release(t);
    etf_buf_free(&buf);
    return 0;
}
