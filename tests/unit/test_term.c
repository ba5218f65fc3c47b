/* test_term.c - values: atoms, integers, floats, containers, order, hash. */
#include <criterion/criterion.h>
#include <openssl/bn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/term.h"

static void setup(void) { term_init(); }
TestSuite(term, .init = setup);

/* ---- atoms ---- */

Test(term, atoms_are_interned)
{
    term a = term_atom("foo@pathfinder"), b = term_atom("foo@pathfinder");
    cr_assert_eq(a, b);
    cr_assert_str_eq(term_atom_name(a), "foo@pathfinder");
    cr_assert_neq(a, term_atom("bar"));
    cr_assert_eq(term_atom("true"), TERM_TRUE);
    cr_assert_eq(term_type_of(a), TERM_T_ATOM);
}

Test(term, atom_limit_is_255_characters)
{
    char name[300 * 3];
    term t;
    memset(name, 'a', 255);
    cr_assert_eq(term_atom_new(name, 255, &t), TERM_OK);
    memset(name, 'a', 256);
    cr_assert_eq(term_atom_new(name, 256, &t), TERM_ERR_SYSTEM_LIMIT);
    /* characters, not bytes: 255 two-byte characters are fine */
    for (int i = 0; i < 255; i++) memcpy(name + 2 * i, "\xc3\xa9", 2);
    cr_assert_eq(term_atom_new(name, 510, &t), TERM_OK);
    cr_assert_eq(term_atom_ptr(t)->chars, 255);
    cr_assert_str_eq(term_status_message(TERM_ERR_SYSTEM_LIMIT), "a system limit has been reached");
}

Test(term, atom_rejects_invalid_utf8)
{
    term t;
    cr_assert_eq(term_atom_new("\xff", 1, &t), TERM_ERR_BADARG);
    cr_assert_eq(term_atom_new("\xc3", 1, &t), TERM_ERR_BADARG);
    cr_assert_eq(term_atom_new("\xc0\x80", 2, &t), TERM_ERR_BADARG); /* overlong */
    cr_assert_eq(term_atom_new("\xed\xa0\x80", 3, &t), TERM_ERR_BADARG); /* surrogate */
}

Test(term, latin1_atoms_become_utf8)
{
    term t;
    cr_assert_eq(term_atom_new_latin1("h\xe9llo", 5, &t), TERM_OK);
    cr_assert_str_eq(term_atom_name(t), "h\xc3\xa9llo");
    cr_assert_eq(t, term_atom("h\xc3\xa9llo"));
}

/* ---- integers ---- */

static term parse(const char *s)
{
    term t;
    cr_assert_eq(term_int_parse(s, strlen(s), 10, &t), TERM_OK, "parse %s", s);
    return t;
}

static void assert_int_str(term t, const char *expected)
{
    char *s = term_int_to_string(t, 10);
    cr_assert_str_eq(s, expected);
    free(s);
}

Test(term, small_integers_are_immediate)
{
    term t = term_int_from_i64(42);
    cr_assert(term_is_small(t));
    cr_assert_eq(term_small_value(t), 42);
    cr_assert(term_is_small(term_int_from_i64(TERM_SMALL_MAX)));
    cr_assert(term_is_small(term_int_from_i64(TERM_SMALL_MIN)));
}

Test(term, promotion_and_demotion)
{
    term max = term_int_from_i64(TERM_SMALL_MAX);
    term big = term_int_add(max, term_small(1));
    cr_assert(term_has_type(big, TERM_T_BIGINT));
    assert_int_str(big, "4611686018427387904");
    term back = term_int_sub(big, term_small(1));
    cr_assert(term_is_small(back), "demoted after subtraction");
    cr_assert_eq(back, max);
    term_release(big);

    term i64min = term_int_from_i64(INT64_MIN);
    assert_int_str(i64min, "-9223372036854775808");
    int64_t v;
    cr_assert(term_int_to_i64(i64min, &v));
    cr_assert_eq(v, INT64_MIN);
    term_release(i64min);

    term u = term_int_from_u64(UINT64_MAX);
    assert_int_str(u, "18446744073709551615");
    cr_assert_not(term_int_to_i64(u, &v));
    term_release(u);
}

Test(term, bignum_arithmetic)
{
    term a = parse("123456789012345678901234567890");
    term b = parse("-987654321098765432109876543210");
    term s = term_int_add(a, b), p = term_int_mul(a, b), q, r;
    assert_int_str(s, "-864197532086419753208641975320");
    assert_int_str(p, "-121932631137021795226185032733622923332237463801111263526900");
    cr_assert_eq(term_int_div(b, a, &q), TERM_OK);
    cr_assert_eq(term_int_rem(b, a, &r), TERM_OK);
    assert_int_str(q, "-8");       /* truncates toward zero */
    assert_int_str(r, "-9000000000900000000090"); /* sign of dividend */
    term t;
    cr_assert_eq(term_int_div(a, term_small(0), &t), TERM_ERR_BADARITH);
    term fact = term_small(1);
    for (int i = 2; i <= 30; i++) {
        term n = term_int_mul(fact, term_small(i));
        term_release(fact);
        fact = n;
    }
    assert_int_str(fact, "265252859812191058636308480000000");
    char *hex = term_int_to_string(fact, 16);
    cr_assert_str_eq(hex, "D13F6370F96865DF5DD54000000");
    free(hex);
    term_release(a); term_release(b); term_release(s); term_release(p);
    term_release(q); term_release(r); term_release(fact);
}

Test(term, small_overflow_goes_big)
{
    term m = term_int_mul(term_int_from_i64(TERM_SMALL_MAX), term_small(2));
    assert_int_str(m, "9223372036854775806");
    term_release(m);
    term n = term_int_neg(term_int_from_i64(TERM_SMALL_MIN));
    assert_int_str(n, "4611686018427387904");
    term_release(n);
    term q;
    term_int_div(term_int_from_i64(TERM_SMALL_MIN), term_small(-1), &q);
    assert_int_str(q, "4611686018427387904");
    term_release(q);
}

Test(term, bitwise_in_twos_complement)
{
    term big = parse("340282366920938463463374607431768211456"); /* 2^128 */
    term m1 = term_int_sub(big, term_small(1));
    term x = term_int_band(m1, term_small(-256));
    assert_int_str(x, "340282366920938463463374607431768211200");
    term negbig = term_int_neg(big);
    term y = term_int_bor(negbig, term_small(5));
    assert_int_str(y, "-340282366920938463463374607431768211451");
    term_release(negbig);
    term_release(x);
    term_release(y);
    term nb = term_int_neg(big);
    term z = term_int_bxor(nb, term_small(-1));
    assert_int_str(z, "340282366920938463463374607431768211455");
    term_release(z);
    term_release(nb);
    term s;
    cr_assert_eq(term_int_bsl(term_small(1), term_small(100), &s), TERM_OK);
    assert_int_str(s, "1267650600228229401496703205376");
    term_release(s);
    cr_assert_eq(term_int_bsr(term_small(-5), term_small(1), &s), TERM_OK);
    cr_assert_eq(s, term_small(-3));
    cr_assert_eq(term_int_bsl(term_small(1), term_int_from_i64(1LL << 40), &s), TERM_ERR_SYSTEM_LIMIT);
    term_release(m1);
    term_release(big);
}

Test(term, parse_rejects_garbage)
{
    term t;
    cr_assert_eq(term_int_parse("12a", 3, 10, &t), TERM_ERR_BADARG);
    cr_assert_eq(term_int_parse("", 0, 10, &t), TERM_ERR_BADARG);
    cr_assert_eq(term_int_parse("-", 1, 10, &t), TERM_ERR_BADARG);
    cr_assert_eq(term_int_parse("ff", 2, 16, &t), TERM_OK);
    cr_assert_eq(t, term_small(255));
}

/* ---- floats ---- */

static void assert_float_text(double v, const char *expected)
{
    char buf[32];
    term_float_format(v, buf);
    cr_assert_str_eq(buf, expected, "format of %.17g", v);
}

/* Expected texts are what erl's float_to_list(F, [short]) prints. */
Test(term, float_shortest_text)
{
    assert_float_text(1.0e15, "1.0e15");
    assert_float_text(1.0e16, "1.0e16");
    assert_float_text(1.5e17, "1.5e17");
    assert_float_text(1.23e21, "1.23e21");
    assert_float_text(1.2345678901234568e22, "1.2345678901234568e22");
    assert_float_text(0.001, "0.001");
    assert_float_text(0.0001, "0.0001");
    assert_float_text(0.00012345, "1.2345e-4");
    assert_float_text(1.2345e-5, "1.2345e-5");
    assert_float_text(0.1, "0.1");
    assert_float_text(5.0e-324, "5.0e-324");
    assert_float_text(1.7976931348623157e308, "1.7976931348623157e308");
    assert_float_text(12345678.9, "12345678.9");
    assert_float_text(1.0e-10, "1.0e-10");
    assert_float_text(123.0, "123.0");
    assert_float_text(1.0, "1.0");
    assert_float_text(0.0, "0.0");
    assert_float_text(-0.0, "-0.0");
    assert_float_text(100.0, "100.0");
    assert_float_text(1.5e10, "1.5e10");
    assert_float_text(-2.5, "-2.5");
    assert_float_text(0.30000000000000004, "0.30000000000000004");
    assert_float_text(4.7695426054369786e17, "4.7695426054369786e17");
}

/* ---- containers and refcounts ---- */

Test(term, tuples_and_put_in_place)
{
    term t = term_tuple3(term_atom("ok"), term_small(1), term_binary_from_cstr("x"));
    cr_assert_eq(term_tuple_arity(t), 3);
    term shared = term_retain(t);
    term u = term_tuple_put(t, 1, term_small(2)); /* shared: copies */
    cr_assert_neq(u, shared);
    cr_assert_eq(term_tuple_get(shared, 1), term_small(1));
    term_release(shared);
    term v = term_tuple_put(u, 1, term_small(3)); /* unique: in place */
    cr_assert_eq(v, u);
    cr_assert_eq(term_tuple_get(v, 1), term_small(3));
    term_release(v);
}

Test(term, long_list_frees_without_recursion)
{
    term list = TERM_NIL;
    for (int i = 0; i < 1000000; i++) list = term_cons_new(term_small(i), list);
    cr_assert_eq(term_list_length(list), 1000000);
    term nested = TERM_NIL;
    for (int i = 0; i < 1000000; i++) {
        term t = term_tuple_new(1);
        term_tuple_init(t, 0, nested);
        nested = t;
    }
    /* comparing and hashing deep values must not recurse either */
    term copy = TERM_NIL;
    for (int i = 0; i < 1000000; i++) {
        term t = term_tuple_new(1);
        term_tuple_init(t, 0, copy);
        copy = t;
    }
    cr_assert_eq(term_compare(nested, copy), 0);
    cr_assert_eq(term_hash(nested), term_hash(copy));
    term_release(copy);
    term_release(nested);
    term_release(list);
}

Test(term, improper_lists)
{
    term l = term_cons_new(term_small(1), term_small(2));
    cr_assert_eq(term_list_length(l), -1);
    term_release(l);
}

Test(term, maps_sorted_and_updated)
{
    term m = term_map_new(0);
    m = term_map_put(m, term_atom("b"), term_binary_from_cstr("two"));
    m = term_map_put(m, term_atom("a"), term_small(1));
    m = term_map_put(m, term_float_new(1.0), term_atom("float"));
    m = term_map_put(m, term_small(1), term_atom("int"));
    m = term_map_put(m, term_small(2), term_atom("two"));
    cr_assert_eq(term_map_size(m), 5);
    /* integers first, then floats, then atoms: OTP's map-key order */
    cr_assert_eq(term_map_key(m, 0), term_small(1));
    cr_assert_eq(term_map_key(m, 1), term_small(2));
    cr_assert(term_is_float(term_map_key(m, 2)));
    cr_assert_eq(term_map_key(m, 3), term_atom("a"));
    cr_assert_eq(term_map_get(m, term_atom("a")), term_small(1));
    cr_assert_eq(term_map_get(m, term_atom("zz")), TERM_NONE);
    term shared = term_retain(m);
    term m2 = term_map_put(m, term_atom("a"), term_small(10));
    cr_assert_eq(term_map_get(shared, term_atom("a")), term_small(1), "original untouched");
    cr_assert_eq(term_map_get(m2, term_atom("a")), term_small(10));
    m2 = term_map_remove(m2, term_atom("b"));
    cr_assert_eq(term_map_size(m2), 4);
    for (int i = 0; i < 100; i++) m2 = term_map_put(m2, term_small(100 + i), term_small(i));
    cr_assert_eq(term_map_size(m2), 104);
    cr_assert_eq(term_map_get(m2, term_small(150)), term_small(50));
    term_release(shared);
    term_release(m2);
}

/* ---- maps made from unsorted pairs (term_map_from_pairs) ---- */

/* A fixed pseudo-random shuffle of n pairs (xorshift: the same every run). */
static void shuffle_pairs(term *kv, size_t n, uint64_t seed)
{
    for (size_t i = n; i > 1; i--) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        size_t j = seed % i;
        term k = kv[2 * (i - 1)], v = kv[2 * (i - 1) + 1];
        kv[2 * (i - 1)] = kv[2 * j];
        kv[2 * (i - 1) + 1] = kv[2 * j + 1];
        kv[2 * j] = k;
        kv[2 * j + 1] = v;
    }
}

/* The map of the n pairs (consumed) must be the one that putting them one
 * by one makes: the same keys in the same order, the last value of equal
 * keys; *dup as term_map_from_pairs says whether keys repeat. */
static void check_from_pairs(term *kv, uint32_t n, bool *dup)
{
    term expected = term_map_new(0);
    for (uint32_t i = 0; i < n; i++)
        expected = term_map_put(expected, term_retain(kv[2 * i]), term_retain(kv[2 * i + 1]));
    term m = term_map_from_pairs(kv, n, dup);
    cr_assert_eq(term_map_size(m), term_map_size(expected));
    for (uint32_t i = 0; i < term_map_size(m); i++) {
        cr_assert(term_exact_equal(term_map_key(m, i), term_map_key(expected, i)), "key %u", i);
        cr_assert(term_exact_equal(term_map_value(m, i), term_map_value(expected, i)), "value %u", i);
        if (i) cr_assert_lt(term_compare_exact(term_map_key(m, i - 1), term_map_key(m, i)), 0, "order at %u", i);
    }
    term_release(m);
    term_release(expected);
}

static term binary_of(const char *bytes, size_t len) { return term_binary_new(bytes, len); }

Test(term, map_from_pairs_integer_keys)
{
    /* negative and positive, more than one radix digit apart, and the
     * ends of the small range */
    uint32_t n = 100000;
    term *kv = malloc(2 * (size_t)n * sizeof *kv);
    for (uint32_t i = 0; i < n; i++) {
        int64_t k = ((int64_t)i - 50000) * 7919;
        if (i == 0) k = TERM_SMALL_MIN;
        if (i == 1) k = TERM_SMALL_MAX;
        kv[2 * i] = term_small(k);
        kv[2 * i + 1] = term_small(i);
    }
    shuffle_pairs(kv, n, 88172645463325252u);
    bool dup = true;
    check_from_pairs(kv, n, &dup);
    cr_assert_not(dup);
    free(kv);
}

Test(term, map_from_pairs_binary_keys)
{
    /* keys that share their first eight bytes and differ after them or in
     * length only (a zero byte past the end reads as the padding) */
    static const char *const tricky[] = {"", "\0", "a", "a\0", "ab", "abcdefgh", "abcdefgh\0", "abcdefgh\x01",
                                         "abcdefghi", "abcdefghij", "abcdefgh\xff", "abcdefg", "abcdefg\0\0",
                                         "\xff\xff\xff\xff\xff\xff\xff\xff", "\xff\xff\xff\xff\xff\xff\xff\xff\xff"};
    static const size_t lens[] = {0, 1, 1, 2, 2, 8, 9, 9, 9, 10, 9, 7, 9, 8, 9};
    size_t nt = sizeof lens / sizeof lens[0];
    uint32_t n = 20000 + (uint32_t)nt;
    term *kv = malloc(2 * (size_t)n * sizeof *kv);
    for (uint32_t i = 0; i < n; i++) {
        char name[32];
        int len = snprintf(name, sizeof name, "key%u", i);
        kv[2 * i] = i < nt ? binary_of(tricky[i], lens[i]) : binary_of(name, (size_t)len);
        kv[2 * i + 1] = term_small(i);
    }
    shuffle_pairs(kv, n, 2463534242u);
    bool dup = true;
    check_from_pairs(kv, n, &dup);
    cr_assert_not(dup);
    free(kv);
}

Test(term, map_from_pairs_mixed_keys)
{
    /* integers and binaries sort by key word; with a float, an atom or a
     * tuple among them the generic order is used: 1 and 1.0 are two keys,
     * 1 first */
    for (int with_others = 0; with_others < 2; with_others++) {
        uint32_t n = 1000;
        term *kv = malloc(2 * (size_t)n * sizeof *kv);
        for (uint32_t i = 0; i < n; i++) {
            char name[16];
            int len = snprintf(name, sizeof name, "%u", i);
            term k = i % 2 ? term_small((int64_t)i - 500) : binary_of(name, (size_t)len);
            if (with_others && i % 10 == 4) k = term_float_new((double)i - 500);
            if (with_others && i == 6) k = term_atom("zz");
            if (with_others && i == 8) k = term_tuple_new(0);
            kv[2 * i] = k;
            kv[2 * i + 1] = term_small(i);
        }
        if (with_others) { /* 1.0 beside the integer 1 (i = 501) */
            term_release(kv[0]);
            kv[0] = term_float_new(1.0);
        }
        shuffle_pairs(kv, n, 1234567u + (uint64_t)with_others);
        bool dup = true;
        term *copy = malloc(2 * (size_t)n * sizeof *copy);
        for (uint32_t i = 0; i < 2 * n; i++) copy[i] = term_retain(kv[i]);
        check_from_pairs(kv, n, &dup);
        cr_assert_not(dup);
        term m = term_map_from_pairs(copy, n, NULL);
        cr_assert_eq(term_map_size(m), n);
        cr_assert_eq(term_map_key(m, 0), term_small(-499), "integers first");
        if (with_others) {
            term one_f = term_float_new(1.0);
            cr_assert_neq(term_map_get(m, term_small(1)), TERM_NONE);
            cr_assert_neq(term_map_get(m, one_f), TERM_NONE);
            cr_assert_neq(term_map_get(m, term_small(1)), term_map_get(m, one_f));
            term_release(one_f);
        }
        term_release(m);
        free(copy);
        free(kv);
    }
}

Test(term, map_from_pairs_duplicate_keys_last_wins)
{
    /* 32 and 33 keys (the BEAM's flatmap and hashmap sizes), and a big
     * map, each with two pairs of equal keys: integers, and binaries that
     * are different boxes with the same bytes */
    static const uint32_t sizes[] = {32, 33, 5000};
    for (size_t s = 0; s < 3; s++) {
        for (int binaries = 0; binaries < 2; binaries++) {
            uint32_t n = sizes[s] + 2;
            term *kv = malloc(2 * (size_t)n * sizeof *kv);
            for (uint32_t i = 0; i < n; i++) {
                uint32_t k = i < sizes[s] ? i : i - sizes[s] + 7; /* the last two repeat keys 7 and 8 */
                char name[32];
                int len = snprintf(name, sizeof name, "key%u", k);
                kv[2 * i] = binaries ? binary_of(name, (size_t)len) : term_small(k);
                kv[2 * i + 1] = term_small(i);
            }
            shuffle_pairs(kv, n, 99991u + s);
            /* the later of two equal keys in the pairs' order wins */
            term *copy = malloc(2 * (size_t)n * sizeof *copy);
            for (uint32_t i = 0; i < 2 * n; i++) copy[i] = term_retain(kv[i]);
            term m = term_map_from_pairs(copy, n, NULL);
            cr_assert_eq(term_map_size(m), sizes[s]);
            for (uint32_t i = 0; i < n; i++) {
                term v = kv[2 * i + 1], k = kv[2 * i];
                bool later = false;
                for (uint32_t j = i + 1; j < n; j++) later |= term_exact_equal(kv[2 * j], k);
                if (!later) cr_assert(term_exact_equal(term_map_get(m, k), v), "size %u pair %u", sizes[s], i);
            }
            term_release(m);
            free(copy);
            bool dup = false;
            check_from_pairs(kv, n, &dup);
            cr_assert(dup, "size %u: the repeated keys are seen", sizes[s]);
            free(kv);
        }
    }
}

Test(term, binaries_and_slices)
{
    term b = term_binary_from_cstr("hello world");
    term s = term_binary_sub(b, 6, 5);
    term_release(b); /* the slice keeps the bytes alive */
    cr_assert_eq(term_binary_size(s), 5);
    cr_assert(memcmp(term_binary_data(s), "world", 5) == 0);
    term s2 = term_binary_sub(s, 1, 2);
    cr_assert(memcmp(term_binary_data(s2), "or", 2) == 0);
    term_release(s);
    term_release(s2);
    uint8_t byte = 0xFF;
    term bits = term_bitstring_new(&byte, 1, 3);
    cr_assert_eq(term_bitstring_bits(bits), 3);
    cr_assert_not(term_is_binary(bits));
    cr_assert_eq(term_binary_data(bits)[0], 0xE0);
    term_release(bits);
}

/* ---- order and equality ---- */

Test(term, numbers_compare_by_value)
{
    term one_f = term_float_new(1.0);
    cr_assert(term_equal(term_small(1), one_f), "1 == 1.0");
    cr_assert_not(term_exact_equal(term_small(1), one_f), "1 !== 1.0");
    term half = term_float_new(1.5);
    cr_assert_lt(term_compare(term_small(1), half), 0);
    cr_assert_gt(term_compare(term_small(2), half), 0);
    term big = parse("100000000000000000000000");
    term bigf = term_float_new(1.0e23); /* 1e23 is 99999999999999991611392 as a double */
    cr_assert_gt(term_compare(big, bigf), 0);
    term_release(one_f); term_release(half); term_release(big); term_release(bigf);
}

Test(term, order_across_types)
{
    uint32_t ids[3] = {1, 2, 3};
    uint8_t uniq[16] = {0};
    term values[] = {
        term_small(5),
        term_atom("atom"),
        term_ref_new(TERM_ATOM_NONODE, 0, ids, 3),
        term_fun_new(term_atom("m"), 1, 0, uniq, 0, 0, TERM_NONE, TERM_NONE, 0),
        term_port_new(TERM_ATOM_NONODE, 5, 0),
        term_pid_new(TERM_ATOM_NONODE, 117, 0, 0),
        term_tuple_new(0),
        term_map_new(0),
        TERM_NIL,
        term_cons_new(term_small(1), TERM_NIL),
        term_binary_from_cstr(""),
    };
    size_t n = sizeof values / sizeof *values;
    for (size_t i = 0; i + 1 < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            cr_assert_lt(term_compare(values[i], values[j]), 0, "%zu < %zu", i, j);
            cr_assert_gt(term_compare(values[j], values[i]), 0, "%zu > %zu", j, i);
        }
    for (size_t i = 0; i < n; i++) term_release(values[i]);
}

Test(term, containers_compare)
{
    term a = term_tuple2(term_small(1), term_small(2));
    term b = term_tuple2(term_small(1), term_small(3));
    term c = term_tuple_new(3);
    cr_assert_lt(term_compare(a, b), 0);
    cr_assert_lt(term_compare(b, c), 0, "smaller tuples first");
    term l1 = term_cons_new(term_small(1), TERM_NIL);
    term l2 = term_cons_new(term_small(1), term_cons_new(term_small(0), TERM_NIL));
    cr_assert_lt(term_compare(l1, l2), 0);
    cr_assert_lt(term_compare(term_atom("abc"), term_atom("abd")), 0);
    cr_assert_lt(term_compare(term_atom("ab"), term_atom("abc")), 0);
    term s1 = term_binary_from_cstr("ab"), s2 = term_binary_from_cstr("abc");
    cr_assert_lt(term_compare(s1, s2), 0);
    term_release(a); term_release(b); term_release(c); term_release(l1); term_release(l2);
    term_release(s1); term_release(s2);
}

Test(term, hash_follows_exact_equality)
{
    term a = term_tuple2(term_atom("ok"), term_binary_from_cstr("v"));
    term b = term_tuple2(term_atom("ok"), term_binary_from_cstr("v"));
    cr_assert_eq(term_hash(a), term_hash(b));
    term c = term_tuple2(term_atom("ok"), term_binary_from_cstr("w"));
    cr_assert_neq(term_hash(a), term_hash(c));
    term z = term_float_new(0.0), nz = term_float_new(-0.0);
    cr_assert_eq(term_hash(z), term_hash(nz));
    term_release(a); term_release(b); term_release(c); term_release(z); term_release(nz);
}

Test(term, charlists_from_utf8)
{
    term l = term_charlist_from_utf8("h\xc3\xa9", 3);
    cr_assert_eq(term_list_length(l), 2);
    cr_assert_eq(term_head(l), term_small('h'));
    cr_assert_eq(term_head(term_tail(l)), term_small(0xE9));
    term_release(l);
    cr_assert_eq(term_charlist_from_utf8("\xff", 1), TERM_NONE);
}

/* After term_boxes_sort, the boxes a shuffled release gave back are handed
 * out again lowest address first, each once. */
Test(term, sorted_free_boxes_come_back_in_address_order)
{
    if (!term_boxes_recycled()) cr_skip_test("boxes are not recycled under AddressSanitizer");
    enum { N = 20000 };
    static term made[N];
    static uintptr_t addr[N];
    for (int i = 0; i < N; i++) made[i] = term_tuple2(term_small(i), term_small(i));
    /* released in a scrambled order, as a hash table's objects are */
    for (int i = 0; i < N; i++) term_release(made[(i * 7919) % N]);
    term_boxes_sort();
    for (int i = 0; i < N; i++) {
        made[i] = term_tuple2(term_small(i), term_small(i));
        addr[i] = (uintptr_t)term_box_ptr(made[i]);
    }
    for (int i = 1; i < N; i++) cr_assert_gt(addr[i], addr[i - 1], "box %d is not above box %d", i, i - 1);
    for (int i = 0; i < N; i++) term_release(made[i]);
}
