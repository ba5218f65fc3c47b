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

/* ---- big maps in the BEAM's order ---- */

/* The ETF of a map of n keys in the order of perm: integer keys i - n/2
 * (odd i) and binary keys "keyI" (even i), each with value i; one pair
 * repeats the key of another when dup. */
static uint8_t *big_map_etf(uint32_t n, const uint32_t *perm, bool dup, size_t *len)
{
    etf_buf b;
    etf_buf_init(&b);
    uint8_t head[] = {131, 116, (uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n};
    etf_buf_put(&b, head, sizeof head);
    for (uint32_t j = 0; j < n; j++) {
        uint32_t i = perm[j];
        uint32_t k = dup && j == n - 1 ? perm[0] : i;
        if (k % 2) {
            int32_t v = (int32_t)k - (int32_t)(n / 2);
            uint8_t t[] = {98, (uint8_t)((uint32_t)v >> 24), (uint8_t)((uint32_t)v >> 16), (uint8_t)((uint32_t)v >> 8),
                           (uint8_t)v};
            etf_buf_put(&b, t, sizeof t);
        } else {
            char name[32];
            int l = snprintf(name, sizeof name, "key%u", k);
            uint8_t t[] = {109, 0, 0, 0, (uint8_t)l};
            etf_buf_put(&b, t, sizeof t);
            etf_buf_put(&b, name, (size_t)l);
        }
        uint8_t v[] = {98, (uint8_t)(i >> 24), (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i};
        etf_buf_put(&b, v, sizeof v);
    }
    *len = b.len;
    return b.data;
}

Test(etf, big_map_in_hash_order_decodes_sorted_and_encodes_in_key_order)
{
    static const uint32_t sizes[] = {32, 33, 40000};
    for (size_t s = 0; s < 3; s++) {
        uint32_t n = sizes[s];
        uint32_t *perm = malloc(n * sizeof *perm), *ident = malloc(n * sizeof *ident);
        for (uint32_t i = 0; i < n; i++) perm[i] = ident[i] = i;
        uint64_t x = 88172645463325252u;
        for (uint32_t i = n; i > 1; i--) { /* a fixed shuffle */
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            uint32_t j = (uint32_t)(x % i), t = perm[i - 1];
            perm[i - 1] = perm[j];
            perm[j] = t;
        }
        size_t len;
        uint8_t *bin = big_map_etf(n, perm, false, &len);
        term m;
        cr_assert_eq(etf_decode(bin, len, &m, NULL), ETF_OK, "size %u", n);
        cr_assert_eq(term_map_size(m), n);
        for (uint32_t i = 1; i < n; i++)
            cr_assert_lt(term_compare_exact(term_map_key(m, i - 1), term_map_key(m, i)), 0, "size %u at %u", n, i);
        /* the encoding is the same whatever order the pairs came in */
        term sorted_m;
        size_t sorted_len;
        uint8_t *sorted_bin = big_map_etf(n, ident, false, &sorted_len);
        cr_assert_eq(etf_decode(sorted_bin, sorted_len, &sorted_m, NULL), ETF_OK);
        etf_buf a, b;
        etf_buf_init(&a);
        etf_buf_init(&b);
        cr_assert_eq(etf_encode(m, &a, NULL), ETF_OK);
        cr_assert_eq(etf_encode(sorted_m, &b, NULL), ETF_OK);
        cr_assert(a.len == b.len && memcmp(a.data, b.data, a.len) == 0, "size %u", n);
        /* and it reads back as the same map */
        term back;
        cr_assert_eq(etf_decode(a.data, a.len, &back, NULL), ETF_OK);
        cr_assert(term_exact_equal(back, m));
        term_release(back);
        etf_buf_free(&a);
        etf_buf_free(&b);
        term_release(m);
        term_release(sorted_m);
        free(bin);
        free(sorted_bin);
        /* a frame with a repeated key is refused, integer or binary */
        for (int which = 0; which < 2; which++) {
            uint32_t first = perm[0];
            if ((first % 2) != (uint32_t)which) { /* make perm[0] of the kind wanted */
                for (uint32_t j = 1; j < n - 1; j++)
                    if (perm[j] % 2 == (uint32_t)which) {
                        perm[0] = perm[j];
                        perm[j] = first;
                        break;
                    }
            }
            bin = big_map_etf(n, perm, true, &len);
            cr_assert_eq(etf_decode(bin, len, &m, NULL), ETF_ERR_MAP, "size %u, %s key", n, which ? "integer" : "binary");
            free(bin);
        }
        free(perm);
        free(ident);
    }
}

/* The distribution's big binaries: left out of the bytes by the encoder
 * (splice), and slices of the input on the way in (owner). */
typedef struct spliced {
    size_t at[4];
    term bin[4];
    int n;
} spliced;

static void note_splice(void *ctx, size_t at, term bin)
{
    spliced *s = ctx;
    cr_assert_lt(s->n, 4);
    s->at[s->n] = at;
    s->bin[s->n++] = bin;
}

static term filled_binary(size_t n, uint8_t seed)
{
    uint8_t *d;
    term t = term_binary_alloc(n, &d);
    for (size_t i = 0; i < n; i++) d[i] = (uint8_t)(seed + i * 7);
    return t;
}

Test(etf, big_binaries_are_spliced_where_their_bytes_belong)
{
    /* {big, small, :between, a big slice, a big bitstring} */
    term big = filled_binary(ETF_SPLICE_MIN, 1), small = filled_binary(ETF_SPLICE_MIN - 1, 2);
    term under = filled_binary(3 * ETF_SPLICE_MIN, 3);
    term t = term_tuple_new(5);
    term_tuple_init(t, 0, term_retain(big));
    term_tuple_init(t, 1, small);
    term_tuple_init(t, 2, term_atom("between"));
    term_tuple_init(t, 3, term_binary_sub(under, ETF_SPLICE_MIN, ETF_SPLICE_MIN + 5));
    term_tuple_init(t, 4, term_bitstring_new(term_binary_data(under), ETF_SPLICE_MIN, 3));
    term_release(under);
    etf_buf whole, parts;
    etf_buf_init(&whole);
    etf_buf_init(&parts);
    cr_assert_eq(etf_encode(t, &whole, NULL), ETF_OK);
    spliced s = {0};
    etf_encode_opts opts = {.splice = note_splice, .splice_ctx = &s};
    cr_assert_eq(etf_encode(t, &parts, &opts), ETF_OK);
    /* the whole binaries of 64 KB or more, in order; not the smaller one,
     * nor the bitstring */
    cr_assert_eq(s.n, 2);
    cr_assert_eq(s.bin[0], big);
    cr_assert_eq(s.bin[1], term_tuple_get(t, 3));
    /* the bytes with the binaries put back are term_to_binary's */
    etf_buf joined;
    etf_buf_init(&joined);
    size_t from = 0;
    for (int i = 0; i < s.n; i++) {
        etf_buf_put(&joined, parts.data + from, s.at[i] - from);
        etf_buf_put(&joined, term_binary_data(s.bin[i]), term_binary_size(s.bin[i]));
        from = s.at[i];
    }
    etf_buf_put(&joined, parts.data + from, parts.len - from);
    cr_assert_eq(joined.len, whole.len);
    cr_assert(memcmp(joined.data, whole.data, whole.len) == 0);
    etf_buf_free(&joined);
    etf_buf_free(&parts);
    etf_buf_free(&whole);
    term_release(t);
    term_release(big);
}

Test(etf, big_binaries_in_an_owned_input_are_slices_of_it)
{
    /* {big, small, big2} with big2 under an eighth of the input */
    term big = filled_binary(8 * ETF_SPLICE_MIN, 4), small = filled_binary(ETF_SPLICE_MIN - 1, 5);
    term big2 = filled_binary(ETF_SPLICE_MIN, 6);
    term t = term_tuple_new(3);
    term_tuple_init(t, 0, big);
    term_tuple_init(t, 1, small);
    term_tuple_init(t, 2, big2);
    etf_buf b;
    etf_buf_init(&b);
    cr_assert_eq(etf_encode(t, &b, NULL), ETF_OK);
    term owner = term_binary_new(b.data, b.len);
    etf_buf_free(&b);
    const uint8_t *lo = term_binary_data(owner), *hi = lo + term_binary_size(owner);
    etf_decode_opts opts = {.owner = owner};
    term back;
    cr_assert_eq(etf_decode_with(lo, term_binary_size(owner), &back, NULL, &opts), ETF_OK);
    cr_assert(term_exact_equal(back, t));
    const uint8_t *p0 = term_binary_data(term_tuple_get(back, 0));
    const uint8_t *p1 = term_binary_data(term_tuple_get(back, 1));
    const uint8_t *p2 = term_binary_data(term_tuple_get(back, 2));
    cr_assert(p0 > lo && p0 < hi, "the big binary is a slice of the input");
    cr_assert(p1 < lo || p1 >= hi, "a binary under 64 KB is a copy");
    cr_assert(p2 < lo || p2 >= hi, "a binary under an eighth of the input is a copy");
    /* the slice outlives the input's other holders */
    term first = term_retain(term_tuple_get(back, 0));
    term_release(back);
    term_release(owner);
    cr_assert(term_exact_equal(first, term_tuple_get(t, 0)));
    term_release(first);
    term_release(t);
}
