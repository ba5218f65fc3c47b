/* test_phash.c - term_phash2/term_phash against the BEAM's own answers.
 *
 * tests/phash/vectors.txt is written by tests/phash/gen_vectors.exs: each
 * line is a term (as OTP's term_to_binary bytes) with what OTP 25's
 * phash2/1, phash2/2 and phash/2 return for it. */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/etf.h"
#include "support.h"

static void setup(void) { term_init(); }
TestSuite(phash, .init = setup);

enum { COL_NAME, COL_HEX, COL_PHASH2, COL_PHASH2_32, COL_PHASH2_1000, COL_PHASH_32, COL_PHASH_1000, NCOLS };

Test(phash, every_vector_hashes_as_on_the_beam)
{
    char *text = test_read_file(test_data_path("phash/vectors.txt"), NULL);
    cr_assert_not_null(text, "missing phash/vectors.txt");
    size_t checked = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#') continue;
        char *cols[NCOLS];
        int c = 0;
        cols[c++] = line;
        for (char *p = line; *p && c < NCOLS; p++)
            if (*p == '\t') {
                *p = '\0';
                cols[c++] = p + 1;
            }
        cr_assert_eq(c, NCOLS, "bad line for %s", cols[0]);
        size_t len;
        uint8_t *bin = test_unhex(cols[COL_HEX], strlen(cols[COL_HEX]), &len);
        cr_assert_not_null(bin, "%s: bad hex", cols[COL_NAME]);
        term t;
        cr_assert_eq(etf_decode(bin, len, &t, NULL), ETF_OK, "%s: decode failed", cols[COL_NAME]);
        uint32_t h2 = term_phash2(t), h1 = term_phash(t);
        uint64_t want[NCOLS];
        for (int i = COL_PHASH2; i < NCOLS; i++) want[i] = strtoull(cols[i], NULL, 10);
        cr_expect_eq(h2 & ((1u << 27) - 1), want[COL_PHASH2], "%s: phash2/1 %" PRIu32 ", BEAM %" PRIu64,
                     cols[COL_NAME], h2 & ((1u << 27) - 1), want[COL_PHASH2]);
        cr_expect_eq(h2, want[COL_PHASH2_32], "%s: phash2 %" PRIu32 ", BEAM %" PRIu64, cols[COL_NAME], h2,
                     want[COL_PHASH2_32]);
        cr_expect_eq(h2 % 1000, want[COL_PHASH2_1000], "%s: phash2/2 range 1000", cols[COL_NAME]);
        cr_expect_eq((uint64_t)h1 + 1, want[COL_PHASH_32], "%s: phash %" PRIu64 ", BEAM %" PRIu64, cols[COL_NAME],
                     (uint64_t)h1 + 1, want[COL_PHASH_32]);
        cr_expect_eq(h1 % 1000 + 1, want[COL_PHASH_1000], "%s: phash/2 range 1000", cols[COL_NAME]);
        term_release(t);
        free(bin);
        checked++;
    }
    cr_assert_gt(checked, 200);
    free(text);
}

/* A list a million cells long and a tuple nested as deep hash without
 * recursing on the C stack. */
Test(phash, deep_terms_hash_iteratively)
{
    term l = TERM_NIL, tup = TERM_NIL;
    for (int i = 0; i < 1000000; i++) {
        l = term_cons_new(term_small(i % 300), l);
        term x = term_tuple_new(1);
        term_tuple_init(x, 0, tup);
        tup = x;
    }
    (void)term_phash2(l);
    (void)term_phash(l);
    (void)term_phash2(tup);
    (void)term_phash(tup);
    term_release(l);
    term_release(tup);
}
