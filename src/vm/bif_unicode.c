/* bif_unicode.c - Unicode normalization (NFC, NFD, NFKC, NFKD) on
 * utf8proc, the library Debian maintains (libutf8proc), for
 * String.normalize/2, String.equivalent?/2 and :unicode's
 * characters_to_nf*_binary/list.
 *
 * :ciex.unicode_normalize(binary, form) normalizes the longest valid
 * UTF-8 prefix of the binary and returns {normalized_prefix, rest}: rest is
 * <<>> for valid input, or starts at the first byte that is not UTF-8, so
 * the callers can answer as OTP does ({:error, good, rest}) or as Elixir
 * does (keep the byte and go on). */
#include <stdlib.h>
#include <utf8proc.h>

#include "vm_internal.h"

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

static bool form_options(term form, utf8proc_option_t *opts)
{
    utf8proc_option_t base = UTF8PROC_STABLE;
    if (form == term_atom("nfc")) *opts = base | UTF8PROC_COMPOSE;
    else if (form == term_atom("nfd")) *opts = base | UTF8PROC_DECOMPOSE;
    else if (form == term_atom("nfkc")) *opts = base | UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
    else if (form == term_atom("nfkd")) *opts = base | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT;
    else return false;
    return true;
}

/* The length of the longest prefix of s that is valid UTF-8 (as utf8proc
 * decodes it: no surrogates, nothing above U+10FFFF). */
static size_t valid_prefix(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0 || cp < 0) break;
        i += (size_t)k;
    }
    return i;
}

BIF(bif_unicode_normalize)
{
    utf8proc_option_t opts;
    if (!term_is_binary(a[0]) || !form_options(a[1], &opts)) return vm_badarg(p);
    const uint8_t *s = term_binary_data(a[0]);
    size_t n = term_binary_size(a[0]);
    size_t good = valid_prefix(s, n);
    term normalized;
    if (good == 0) {
        normalized = term_binary_new("", 0);
    } else {
        utf8proc_uint8_t *out = NULL;
        utf8proc_ssize_t len = utf8proc_map(s, (utf8proc_ssize_t)good, &out, opts);
        if (len < 0) {
            /* only memory can fail on input already checked */
            free(out);
            return vm_raise_error(p, term_atom("system_limit"));
        }
        normalized = term_binary_new(out, (size_t)len);
        free(out);
    }
    term rest = good == n ? term_binary_new("", 0) : term_binary_sub(a[0], good, n - good);
    *r = term_tuple2(normalized, rest);
    return VM_OK;
}

static const vm_bif_def unicode_bifs[] = {
    {"ciex", "unicode_normalize", 2, bif_unicode_normalize},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_unicode_init(vm_runtime *rt);
void vm_bifs_unicode_init(vm_runtime *rt) { vm_register_bifs(rt, unicode_bifs); }
