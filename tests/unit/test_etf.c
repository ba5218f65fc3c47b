/* test_etf.c - the external term format against vectors from real OTP 25.
 *
 * tests/etf/vectors.txt and invalid.txt are written by
 * tests/etf/gen_vectors.exs from :erlang.term_to_binary/binary_to_term;
 * see their header comments for the columns and flags. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/etf.h"
#include "support.h"

static void setup(void) { term_init(); }
TestSuite(etf, .init = setup);

typedef struct vector {
    char *name, *hex, *inspect, *flags, *canon;
} vector;

/* Splits the tab-separated lines of a vectors file (comments skipped). */
static size_t load_vectors(const char *file, vector **out, int columns)
{
    char *text = test_read_file(test_data_path(file), NULL);
    cr_assert_not_null(text, "missing %s", file);
    size_t n = 0, cap = 256;
    vector *v = calloc(cap, sizeof *v);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || line[0] == '\0') continue;
        if (n == cap) v = realloc(v, (cap *= 2) * sizeof *v);
        char *cols[5] = {0};
        int c = 0;
        cols[c++] = line;
        for (char *p = line; *p && c < columns; p++)
            if (*p == '\t') {
                *p = '\0';
                cols[c++] = p + 1;
            }
        cr_assert_eq(c, columns, "%s: bad line for %s", file, cols[0]);
        v[n++] = (vector){cols[0], cols[1], cols[2], cols[3], cols[4]};
    }
    *out = v;
    return n; /* `text` stays alive for the test's duration */
}

static bool has_flag(const vector *v, const char *flag)
{
    const char *p = strstr(v->flags, flag);
    return p && (p == v->flags || p[-1] == ',') && (p[strlen(flag)] == '\0' || p[strlen(flag)] == ',');
}

static char *hex_of(const uint8_t *b, size_t n)
{
    char *s = malloc(2 * n + 1);
    for (size_t i = 0; i < n; i++) sprintf(s + 2 * i, "%02x", b[i]);
    s[2 * n] = '\0';
    return s;
}

static char *encode_hex(term t, bool utf8_atoms)
{
    etf_buf buf;
    etf_buf_init(&buf);
    etf_encode_opts opts = {.alias = NULL, .utf8_atoms = utf8_atoms};
    cr_assert_eq(etf_encode(t, &buf, &opts), ETF_OK);
    char *hex = hex_of(buf.data, buf.len);
    etf_buf_free(&buf);
    return hex;
}

Test(etf, every_vector_decodes_and_reencodes_as_otp)
{
    vector *v;
    size_t n = load_vectors("etf/vectors.txt", &v, 5);
    cr_assert_gt(n, 200);
    size_t checked = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len, used;
        uint8_t *bin = test_unhex(v[i].hex, strlen(v[i].hex), &len);
        cr_assert_not_null(bin, "%s: bad hex", v[i].name);
        term t;
        bool trailing = has_flag(&v[i], "trailing_bytes");
        etf_status st = etf_decode(bin, len, &t, trailing ? &used : NULL);
        cr_assert_eq(st, ETF_OK, "%s: decode failed: %s", v[i].name, etf_status_message(st));
        if (!has_flag(&v[i], "hamt_order")) {
            char *hex = encode_hex(t, true);
            cr_assert_str_eq(hex, v[i].canon, "%s: re-encoding differs", v[i].name);
            free(hex);
            checked++;
        }
        if (strncmp(v[i].name, "otp25_default_", 14) == 0) {
            /* term_to_binary/1's own default: Latin-1 atoms as ATOM_EXT */
            char *hex = encode_hex(t, false);
            cr_assert_str_eq(hex, v[i].hex, "%s: term_to_binary default differs", v[i].name);
            free(hex);
        }
        term_release(t);
        free(bin);
    }
    cr_assert_gt(checked, 200);
}

Test(etf, every_invalid_input_is_rejected)
{
    vector *v;
    size_t n = load_vectors("etf/invalid.txt", &v, 2);
    cr_assert_gt(n, 150);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        uint8_t *bin = test_unhex(v[i].hex, strlen(v[i].hex), &len);
        cr_assert_not_null(bin, "%s: bad hex", v[i].name);
        term t = TERM_NONE;
        etf_status st = etf_decode(bin, len, &t, NULL);
        cr_assert_neq(st, ETF_OK, "%s: accepted invalid input", v[i].name);
        free(bin);
    }
}

/* Lying lengths must fail before allocating what they claim. */
Test(etf, huge_claims_fail_fast)
{
    const uint8_t tuple[] = {131, 105, 0xff, 0xff, 0xff, 0xff, 97, 1};
    const uint8_t list[] = {131, 108, 0x3b, 0x9a, 0xca, 0x00, 97, 1, 106};
    const uint8_t binary[] = {131, 109, 0xff, 0xff, 0xff, 0xff, 1, 2, 3};
    const uint8_t map[] = {131, 116, 0x7f, 0xff, 0xff, 0xff, 97, 1, 97, 2};
    const uint8_t big[] = {131, 111, 0xff, 0xff, 0xff, 0xff, 0, 1};
    term t;
    cr_assert_eq(etf_decode(tuple, sizeof tuple, &t, NULL), ETF_ERR_LENGTH);
    cr_assert_eq(etf_decode(list, sizeof list, &t, NULL), ETF_ERR_LENGTH);
    cr_assert_eq(etf_decode(binary, sizeof binary, &t, NULL), ETF_ERR_TRUNCATED);
    cr_assert_eq(etf_decode(map, sizeof map, &t, NULL), ETF_ERR_LENGTH);
    cr_assert_eq(etf_decode(big, sizeof big, &t, NULL), ETF_ERR_LENGTH);
}

/* Nested small tuples each promising 255 elements: only as many elements
 * as there are bytes left may be promised at once, in all frames together. */
Test(etf, nested_promises_are_bounded_by_the_input)
{
    size_t n = 100000;
    uint8_t *bin = malloc(1 + 2 * n);
    bin[0] = 131;
    for (size_t i = 0; i < n; i++) {
        bin[1 + 2 * i] = 104;
        bin[2 + 2 * i] = 255;
    }
    term t;
    cr_assert_eq(etf_decode(bin, 1 + 2 * n, &t, NULL), ETF_ERR_LENGTH);
    free(bin);
}

/* OTP decodes a million nested 1-tuples; so does ciex, without recursion,
 * and it encodes them back. */
Test(etf, deep_nesting_decodes_and_encodes)
{
    size_t depth = 1000000;
    size_t len = 1 + 2 * depth + 1;
    uint8_t *bin = malloc(len);
    bin[0] = 131;
    for (size_t i = 0; i < depth; i++) {
        bin[1 + 2 * i] = 104;
        bin[2 + 2 * i] = 1;
    }
    bin[len - 1] = 106;
    term t;
    cr_assert_eq(etf_decode(bin, len, &t, NULL), ETF_OK);
    etf_buf out;
    etf_buf_init(&out);
    cr_assert_eq(etf_encode(t, &out, NULL), ETF_OK);
    cr_assert_eq(out.len, len);
    cr_assert(memcmp(out.data, bin, len) == 0);
    etf_buf_free(&out);
    term_release(t);
    free(bin);
}

Test(etf, distribution_frames_hold_terms_back_to_back)
{
    const uint8_t two[] = {131, 97, 1, 131, 97, 2};
    term t;
    size_t used;
    cr_assert_eq(etf_decode(two, sizeof two, &t, &used), ETF_OK);
    cr_assert_eq(t, term_small(1));
    cr_assert_eq(used, 3);
    cr_assert_eq(etf_decode(two + used, sizeof two - used, &t, &used), ETF_OK);
    cr_assert_eq(t, term_small(2));
    cr_assert_eq(etf_decode(two, sizeof two, &t, NULL), ETF_ERR_TRAILING);
}

Test(etf, node_alias_renames_local_pids)
{
    term before = term_atom("nonode@nohost"), now = term_atom("foo@pathfinder");
    term pid = term_pid_new(before, 117, 0, 0);
    etf_node_alias alias = {.from = before, .to = now, .from_creation = 0, .to_creation = 7};
    etf_encode_opts opts = {.alias = &alias, .utf8_atoms = true};
    etf_buf buf;
    etf_buf_init(&buf);
    cr_assert_eq(etf_encode(pid, &buf, &opts), ETF_OK);
    term back;
    cr_assert_eq(etf_decode(buf.data, buf.len, &back, NULL), ETF_OK);
    cr_assert_eq(term_pid_ptr(back)->node, now);
    cr_assert_eq(term_pid_ptr(back)->creation, 7);
    cr_assert_eq(term_pid_ptr(back)->id, 117);
    term_release(back);
    term_release(pid);
    etf_buf_free(&buf);
}

Test(etf, resources_have_no_external_form)
{
    static const term_resource_type kind = {"test", NULL};
    term r = term_resource_new(&kind, NULL);
    term t = term_tuple2(term_atom("ok"), r);
    etf_buf buf;
    etf_buf_init(&buf);
    cr_assert_eq(etf_encode(t, &buf, NULL), ETF_ERR_UNENCODABLE);
    cr_assert_eq(buf.len, 0, "nothing is left in the buffer on failure");
    etf_buf_free(&buf);
    term_release(t);
}
