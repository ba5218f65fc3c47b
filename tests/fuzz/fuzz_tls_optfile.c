/* fuzz_tls_optfile.c - libFuzzer target: arbitrary bytes as an option
 * file of TLS distribution (-ssl_dist_optfile), read by term_consult and
 * dist_tls_options_parse.
 *
 * Whatever the input, reading must return without crashing, leaking or
 * reading out of bounds; an error always says something; a text that is
 * read must read again the same way (the reader keeps no state). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dist/dist_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512] = "";
    dist_tls_options o;
    dist_tls_options_init(&o);
    o.warn = NULL;
    bool ok = dist_tls_options_parse(&o, (const char *)data, size, err, sizeof err);
    if (!ok && !err[0]) abort();
    dist_tls_options_free(&o);
    term terms;
    char err2[512];
    bool consulted = term_consult((const char *)data, size, &terms, err2, sizeof err2) == TERM_OK;
    if (consulted) {
        if (term_list_length(terms) < 0) abort();
        term again;
        if (term_consult((const char *)data, size, &again, err2, sizeof err2) != TERM_OK) abort();
        if (!term_exact_equal(terms, again)) abort();
        term_release(again);
        term_release(terms);
    }
    return 0;
}
