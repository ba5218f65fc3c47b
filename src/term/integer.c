/* integer.c - arbitrary-precision integers.
 *
 * Integers in the 63-bit small range are immediates; anything larger is a
 * term_bigint holding an OpenSSL BIGNUM.  Every operation demotes its result
 * back to a small integer when it fits, so a given value has exactly one
 * representation and equality of small integers stays word equality. */
#include <openssl/bn.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/term.h"
#include "term_internal.h"

/* OpenSSL's BN functions fail when they cannot allocate (the size is
 * theirs to know). */
static _Noreturn void bn_out_of_memory(void) { ciex_out_of_memory("bignum", 0, false); }

static _Thread_local BN_CTX *thread_ctx;

static BN_CTX *bn_ctx(void)
{
    if (!thread_ctx && !(thread_ctx = BN_CTX_new())) bn_out_of_memory();
    return thread_ctx;
}

void term_bn_thread_done(void)
{
    BN_CTX_free(thread_ctx);
    thread_ctx = NULL;
}

static BIGNUM *bn_new(void)
{
    BIGNUM *bn = BN_new();
    if (!bn) bn_out_of_memory();
    return bn;
}

bool term_is_integer(term t) { return term_is_small(t) || term_has_type(t, TERM_T_BIGINT); }

static const BIGNUM *bigint_bn(term t) { return ((term_bigint *)t)->bn; }

static void bn_set_u64(BIGNUM *bn, uint64_t v)
{
    uint8_t be[8];
    for (int i = 0; i < 8; i++) be[i] = (uint8_t)(v >> (56 - 8 * i));
    if (!BN_bin2bn(be, 8, bn)) bn_out_of_memory();
}

static void bn_set_i64(BIGNUM *bn, int64_t v)
{
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    bn_set_u64(bn, mag);
    BN_set_negative(bn, v < 0);
}

/* Fits in int64? then stores it. */
static bool bn_get_i64(const BIGNUM *bn, int64_t *out)
{
    if (BN_num_bits(bn) > 64) return false;
    uint8_t be[8];
    if (BN_bn2binpad(bn, be, 8) < 0) return false;
    uint64_t mag = 0;
    for (int i = 0; i < 8; i++) mag = (mag << 8) | be[i];
    if (BN_is_negative(bn)) {
        if (mag > (uint64_t)1 << 63) return false;
        *out = (int64_t)(0 - mag);
    } else {
        if (mag > (uint64_t)INT64_MAX) return false;
        *out = (int64_t)mag;
    }
    return true;
}

term term_int_from_bn(BIGNUM *bn)
{
    int64_t v;
    if (bn_get_i64(bn, &v) && term_fits_small(v)) {
        BN_free(bn);
        return term_small((intptr_t)v);
    }
    term_bigint *b = term_box_alloc(sizeof *b, TERM_T_BIGINT);
    b->bn = bn;
    return (term)b;
}

term term_int_from_i64(int64_t v)
{
    if (term_fits_small(v)) return term_small((intptr_t)v);
    BIGNUM *bn = bn_new();
    bn_set_i64(bn, v);
    return term_int_from_bn(bn);
}

term term_int_from_u64(uint64_t v)
{
    if (v <= (uint64_t)TERM_SMALL_MAX) return term_small((intptr_t)v);
    BIGNUM *bn = bn_new();
    bn_set_u64(bn, v);
    return term_int_from_bn(bn);
}

term term_int_from_le_bytes(const uint8_t *digits, size_t n, bool negative)
{
    BIGNUM *bn = BN_lebin2bn(digits, (int)n, NULL);
    if (!bn) ciex_out_of_memory("bignum", n, false);
    BN_set_negative(bn, negative);
    return term_int_from_bn(bn);
}

bool term_int_to_i64(term t, int64_t *out)
{
    if (term_is_small(t)) {
        *out = term_small_value(t);
        return true;
    }
    /* BIFs hand it their arguments unchecked: a non-integer is "no" */
    if (!term_is_integer(t)) return false;
    return bn_get_i64(bigint_bn(t), out);
}

BIGNUM *term_int_to_bn(term t)
{
    if (!term_is_small(t)) {
        BIGNUM *bn = BN_dup(bigint_bn(t));
        if (!bn) bn_out_of_memory();
        return bn;
    }
    BIGNUM *bn = bn_new();
    bn_set_i64(bn, term_small_value(t));
    return bn;
}

int term_int_sign(term t)
{
    if (term_is_small(t)) {
        intptr_t v = term_small_value(t);
        return (v > 0) - (v < 0);
    }
    return BN_is_negative(bigint_bn(t)) ? -1 : 1;
}

char *term_int_to_string(term t, int base)
{
    static const char digit_chars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if (base < 2 || base > 36) base = 10;
    BIGNUM *bn = term_int_to_bn(t);
    bool neg = BN_is_negative(bn);
    BN_set_negative(bn, 0);
    /* bits/log2(base) digits at most, plus sign and NUL */
    size_t cap = (size_t)BN_num_bits(bn) + 3;
    char *buf = ciex_xmalloc(cap, "bignum");
    size_t n = 0;
    do {
        BN_ULONG r = BN_div_word(bn, (BN_ULONG)base);
        buf[n++] = digit_chars[r];
    } while (!BN_is_zero(bn));
    if (neg) buf[n++] = '-';
    for (size_t i = 0; i < n / 2; i++) {
        char c = buf[i];
        buf[i] = buf[n - 1 - i];
        buf[n - 1 - i] = c;
    }
    buf[n] = '\0';
    BN_free(bn);
    return buf;
}

static int digit_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

term_status term_int_parse(const char *s, size_t len, int base, term *out)
{
    if (base < 2 || base > 36) return TERM_ERR_BADARG;
    size_t i = 0;
    bool neg = false;
    if (i < len && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
    if (i == len) return TERM_ERR_BADARG;
    int64_t small = 0;
    size_t start = i;
    for (; i < len; i++) {
        int d = digit_value(s[i]);
        if (d >= base) return TERM_ERR_BADARG;
        if (small > (TERM_SMALL_MAX - d) / base) break;
        small = small * base + d;
    }
    if (i == len) {
        *out = term_small((intptr_t)(neg ? -small : small));
        return TERM_OK;
    }
    BIGNUM *bn = bn_new();
    for (i = start; i < len; i++) {
        int d = digit_value(s[i]);
        if (d >= base) {
            BN_free(bn);
            return TERM_ERR_BADARG;
        }
        if (!BN_mul_word(bn, (BN_ULONG)base) || !BN_add_word(bn, (BN_ULONG)d)) bn_out_of_memory();
    }
    BN_set_negative(bn, neg);
    *out = term_int_from_bn(bn);
    return TERM_OK;
}

/* ---- arithmetic ---- */

typedef int (*bn_binop)(BIGNUM *r, const BIGNUM *a, const BIGNUM *b);

static term bn_apply(term a, term b, bn_binop op)
{
    BIGNUM *x = term_int_to_bn(a), *y = term_int_to_bn(b), *r = bn_new();
    if (!op(r, x, y)) bn_out_of_memory();
    BN_free(x);
    BN_free(y);
    return term_int_from_bn(r);
}

static int bn_mul_op(BIGNUM *r, const BIGNUM *a, const BIGNUM *b) { return BN_mul(r, a, b, bn_ctx()); }

term term_int_add(term a, term b)
{
    intptr_t r;
    if (term_is_small(a) && term_is_small(b) &&
        !__builtin_add_overflow(term_small_value(a), term_small_value(b), &r) && term_fits_small(r))
        return term_small(r);
    return bn_apply(a, b, BN_add);
}

term term_int_sub(term a, term b)
{
    intptr_t r;
    if (term_is_small(a) && term_is_small(b) &&
        !__builtin_sub_overflow(term_small_value(a), term_small_value(b), &r) && term_fits_small(r))
        return term_small(r);
    return bn_apply(a, b, BN_sub);
}

term term_int_mul(term a, term b)
{
    intptr_t r;
    if (term_is_small(a) && term_is_small(b) &&
        !__builtin_mul_overflow(term_small_value(a), term_small_value(b), &r) && term_fits_small(r))
        return term_small(r);
    return bn_apply(a, b, bn_mul_op);
}

term term_int_neg(term a) { return term_int_sub(term_small(0), a); }

/* Truncating division: quotient toward zero, remainder with the sign of
 * the dividend, as Erlang's div and rem. */
static term_status int_divmod(term a, term b, term *quot, term *rem)
{
    if (term_int_sign(b) == 0) return TERM_ERR_BADARITH;
    if (term_is_small(a) && term_is_small(b)) {
        intptr_t x = term_small_value(a), y = term_small_value(b);
        /* TERM_SMALL_MIN / -1 overflows the small range, not int64 */
        if (quot) *quot = term_int_from_i64((int64_t)x / y);
        if (rem) *rem = term_small(x % y);
        return TERM_OK;
    }
    BIGNUM *x = term_int_to_bn(a), *y = term_int_to_bn(b), *q = bn_new(), *r = bn_new();
    if (!BN_div(q, r, x, y, bn_ctx())) bn_out_of_memory();
    BN_free(x);
    BN_free(y);
    if (quot) *quot = term_int_from_bn(q); else BN_free(q);
    if (rem) *rem = term_int_from_bn(r); else BN_free(r);
    return TERM_OK;
}

term_status term_int_div(term a, term b, term *out) { return int_divmod(a, b, out, NULL); }
term_status term_int_rem(term a, term b, term *out) { return int_divmod(a, b, NULL, out); }

/* ---- bitwise operations in two's complement ----
 * BIGNUM stores sign and magnitude, so big operands are converted to
 * little-endian two's complement bytes, combined, and converted back. */

static uint8_t *to_twos(term t, size_t len)
{
    uint8_t *buf = ciex_xcalloc(len, 1, "bignum");
    BIGNUM *bn = term_int_to_bn(t);
    bool neg = BN_is_negative(bn);
    BN_set_negative(bn, 0);
    if (BN_bn2lebinpad(bn, buf, (int)len) < 0) abort();
    BN_free(bn);
    if (neg) {
        unsigned carry = 1;
        for (size_t i = 0; i < len; i++) {
            unsigned v = (uint8_t)~buf[i] + carry;
            buf[i] = (uint8_t)v;
            carry = v >> 8;
        }
    }
    return buf;
}

static term from_twos(uint8_t *buf, size_t len)
{
    bool neg = len && (buf[len - 1] & 0x80);
    if (neg) {
        unsigned carry = 1;
        for (size_t i = 0; i < len; i++) {
            unsigned v = (uint8_t)~buf[i] + carry;
            buf[i] = (uint8_t)v;
            carry = v >> 8;
        }
    }
    term r = term_int_from_le_bytes(buf, len, neg);
    free(buf);
    return r;
}

static size_t twos_len(term t)
{
    if (term_is_small(t)) return 9;
    return (size_t)BN_num_bytes(bigint_bn(t)) + 1;
}

typedef enum bitop { BIT_AND, BIT_OR, BIT_XOR } bitop;

static term int_bitop(term a, term b, bitop op)
{
    if (term_is_small(a) && term_is_small(b)) {
        intptr_t x = term_small_value(a), y = term_small_value(b);
        return term_small(op == BIT_AND ? (x & y) : op == BIT_OR ? (x | y) : (x ^ y));
    }
    size_t len = twos_len(a) > twos_len(b) ? twos_len(a) : twos_len(b);
    uint8_t *x = to_twos(a, len), *y = to_twos(b, len);
    for (size_t i = 0; i < len; i++)
        x[i] = op == BIT_AND ? (x[i] & y[i]) : op == BIT_OR ? (x[i] | y[i]) : (x[i] ^ y[i]);
    free(y);
    return from_twos(x, len);
}

term term_int_band(term a, term b) { return int_bitop(a, b, BIT_AND); }
term term_int_bor(term a, term b) { return int_bitop(a, b, BIT_OR); }
term term_int_bxor(term a, term b) { return int_bitop(a, b, BIT_XOR); }
term term_int_bnot(term a) { return term_int_sub(term_small(-1), a); }

/* Shifts beyond this many bits would need gigabytes: system_limit. */
#define MAX_SHIFT ((int64_t)1 << 32)

static term_status int_shift(term a, int64_t left, term *out)
{
    if (left >= MAX_SHIFT && term_int_sign(a) != 0) return TERM_ERR_SYSTEM_LIMIT;
    BIGNUM *bn = term_int_to_bn(a), *r = bn_new();
    if (left >= 0) {
        if (!BN_lshift(r, bn, (int)(left < MAX_SHIFT ? left : 0))) bn_out_of_memory();
    } else {
        /* arithmetic shift right rounds toward minus infinity */
        int n = left <= -MAX_SHIFT ? INT32_MAX : (int)-left;
        if (BN_is_negative(bn)) {
            BN_set_negative(bn, 0);
            if (!BN_sub_word(bn, 1) || !BN_rshift(r, bn, n) || !BN_add_word(r, 1)) bn_out_of_memory();
            BN_set_negative(r, 1);
        } else if (!BN_rshift(r, bn, n)) bn_out_of_memory();
    }
    BN_free(bn);
    *out = term_int_from_bn(r);
    return TERM_OK;
}

static term_status shift_amount(term shift, int64_t *n)
{
    if (!term_is_integer(shift)) return TERM_ERR_BADARITH;
    if (!term_int_to_i64(shift, n)) *n = term_int_sign(shift) > 0 ? MAX_SHIFT : -MAX_SHIFT;
    if (*n > MAX_SHIFT) *n = MAX_SHIFT;
    if (*n < -MAX_SHIFT) *n = -MAX_SHIFT;
    return TERM_OK;
}

term_status term_int_bsl(term a, term shift, term *out)
{
    int64_t n;
    term_status st = shift_amount(shift, &n);
    return st != TERM_OK ? st : int_shift(a, n, out);
}

term_status term_int_bsr(term a, term shift, term *out)
{
    int64_t n;
    term_status st = shift_amount(shift, &n);
    return st != TERM_OK ? st : int_shift(a, -n, out);
}

bool term_int_to_double(term t, double *out)
{
    if (term_is_small(t)) {
        *out = (double)term_small_value(t);
        return true;
    }
    char *dec = BN_bn2dec(bigint_bn(t));
    if (!dec) ciex_out_of_memory("text", (size_t)BN_num_bits(bigint_bn(t)) / 3 + 2, false);
    double d = strtod(dec, NULL);
    OPENSSL_free(dec);
    if (d > 1.7976931348623157e308 || d < -1.7976931348623157e308) return false;
    *out = d;
    return true;
}
