/* fuzz_parser.c - libFuzzer target: arbitrary bytes into lang_parse.
 *
 * Whatever the input (invalid UTF-8, deep nesting, half a heredoc), the
 * parser must return a term or an error without crashing, leaking or
 * hanging.  A term that comes back must be an ordinary value: it encodes
 * to ETF and decodes to an equal term.  An error must name its kind and
 * set the continuation flag exactly for a TokenMissingError. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/etf.h"
#include "ciex/lang.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    term ast;
    lang_error err;
    if (!lang_parse((const char *)data, size, 1, &ast, &err)) {
        if (!err.kind) abort();
        if (err.incomplete != (strcmp(err.kind, "TokenMissingError") == 0)) abort();
        return 0;
    }
    etf_buf buf;
    etf_buf_init(&buf);
    if (etf_encode(ast, &buf, NULL) != ETF_OK) abort();
    term back;
    if (etf_decode(buf.data, buf.len, &back, NULL) != ETF_OK) abort();
    if (!term_exact_equal(ast, back)) abort();
    term_release(back);
    term_release(ast);
    etf_buf_free(&buf);
    return 0;
}
