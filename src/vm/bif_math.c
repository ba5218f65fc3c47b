/* bif_math.c - numbers: the :math module, float formatting and rounding,
 * number parsing for Integer/Float, and the :erlang odds and ends the
 * standard library needs (phash2, unique_integer, system_info).
 *
 * Float.round/ceil/floor with a precision work on the exact decimal
 * expansion of the double, as Elixir does, so Float.round(2.675, 2) is
 * 2.67 (the double is 2.67499999...) and Float.round(0.125, 2) is 0.13 (an
 * exact tie, rounded half up).  glibc's printf prints that expansion
 * exactly; the rounded decimal is read back with strtod, which gives the
 * nearest double. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm_internal.h"

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

static vm_status badarith(vm_process *p) { return vm_raise_error(p, term_atom("badarith")); }

static bool to_double(term t, double *d)
{
    if (term_is_float(t)) {
        *d = term_float_value(t);
        return true;
    }
    return term_is_integer(t) && term_int_to_double(t, d);
}

static vm_status float_out(vm_process *p, double v, term *r)
{
    if (!isfinite(v)) return badarith(p);
    *r = term_float_new(v);
    return VM_OK;
}

/* ---- :math ---- */

#define MATH1(name, expr)                                  \
    BIF(bif_math_##name)                                   \
    {                                                      \
        double x;                                          \
        if (!to_double(a[0], &x)) return badarith(p);      \
        errno = 0;                                         \
        double v = (expr);                                 \
        if (errno == EDOM || isnan(v)) return badarith(p); \
        return float_out(p, v, r);                         \
    }

MATH1(sqrt, x < 0 ? NAN : sqrt(x))
MATH1(exp, exp(x))
MATH1(log, x <= 0 ? NAN : log(x))
MATH1(log2, x <= 0 ? NAN : log2(x))
MATH1(log10, x <= 0 ? NAN : log10(x))
MATH1(sin, sin(x))
MATH1(cos, cos(x))
MATH1(tan, tan(x))
MATH1(asin, asin(x))
MATH1(acos, acos(x))
MATH1(atan, atan(x))
MATH1(sinh, sinh(x))
MATH1(cosh, cosh(x))
MATH1(tanh, tanh(x))
MATH1(asinh, asinh(x))
MATH1(acosh, acosh(x))
MATH1(atanh, atanh(x))
MATH1(erf, erf(x))
MATH1(erfc, erfc(x))
MATH1(ceil, ceil(x))
MATH1(floor, floor(x))

BIF(bif_math_pow)
{
    double x, y;
    if (!to_double(a[0], &x) || !to_double(a[1], &y)) return badarith(p);
    double v = pow(x, y);
    if (isnan(v)) return badarith(p);
    return float_out(p, v, r);
}

BIF(bif_math_atan2)
{
    double x, y;
    if (!to_double(a[0], &x) || !to_double(a[1], &y)) return badarith(p);
    return float_out(p, atan2(x, y), r);
}

BIF(bif_math_fmod)
{
    double x, y;
    if (!to_double(a[0], &x) || !to_double(a[1], &y) || y == 0.0) return badarith(p);
    return float_out(p, fmod(x, y), r);
}

BIF(bif_math_pi)
{
    (void)a;
    return float_out(p, 3.14159265358979323846, r);
}

BIF(bif_math_tau)
{
    (void)a;
    return float_out(p, 6.28318530717958647692, r);
}

/* ---- float_to_binary/2 ---- */

/* The text of float_to_binary(f, opts): [:short], [{:decimals, n}] with
 * an optional :compact, [{:scientific, n}]; nothing is scientific 20. */
static bool float_text(double v, term opts, char *out, size_t outlen)
{
    int decimals = -1, scientific = 20;
    bool compact = false, shortest = false;
    if (term_list_length(opts) < 0) return false;
    for (term l = opts; term_is_cons(l); l = term_tail(l)) {
        term o = term_head(l);
        if (o == term_atom("compact")) compact = true;
        else if (o == term_atom("short")) shortest = true;
        else if (term_is_tuple(o) && term_tuple_arity(o) == 2 && term_is_small(term_tuple_get(o, 1))) {
            intptr_t n = term_small_value(term_tuple_get(o, 1));
            if (term_tuple_get(o, 0) == term_atom("decimals") && n >= 0 && n <= 253) decimals = (int)n, scientific = -1;
            else if (term_tuple_get(o, 0) == term_atom("scientific") && n >= 0 && n <= 249) scientific = (int)n, decimals = -1;
            else return false;
        } else {
            return false;
        }
    }
    if (shortest) {
        char buf[32];
        term_float_format(v, buf);
        snprintf(out, outlen, "%s", buf);
    } else if (decimals >= 0) {
        snprintf(out, outlen, "%.*f", decimals, v);
        if (compact && strchr(out, '.')) {
            size_t n = strlen(out);
            while (n > 0 && out[n - 1] == '0' && out[n - 2] != '.') out[--n] = '\0';
        }
    } else {
        snprintf(out, outlen, "%.*e", scientific, v);
    }
    return true;
}

static vm_status float_to_text(vm_process *p, term f, term opts, bool list, term *r)
{
    char buf[700]; /* 309 integer digits, the point and 253 decimals fit */
    if (!term_is_float(f) || !float_text(term_float_value(f), opts, buf, sizeof buf)) return vm_badarg(p);
    *r = list ? term_charlist_from_utf8(buf, strlen(buf)) : term_binary_from_cstr(buf);
    return VM_OK;
}

BIF(bif_float_to_binary1) { return float_to_text(p, a[0], TERM_NIL, false, r); }
BIF(bif_float_to_binary2) { return float_to_text(p, a[0], a[1], false, r); }
BIF(bif_float_to_list1) { return float_to_text(p, a[0], TERM_NIL, true, r); }
BIF(bif_float_to_list2) { return float_to_text(p, a[0], a[1], true, r); }

/* ---- Float.round/ceil/floor with a precision ---- */

typedef enum round_mode { ROUND_HALF_UP, ROUND_CEIL, ROUND_FLOOR } round_mode;

/* Rounds the exact decimal digits of v to `precision` fractional digits. */
static double round_decimal(double v, int precision, round_mode mode)
{
    char buf[1200]; /* the longest exact expansion has 1074 fraction digits */
    bool neg = signbit(v);
    snprintf(buf, sizeof buf, "%.1100f", fabs(v));
    char *dot = strchr(buf, '.');
    char *cut = dot + 1 + precision;
    bool up;
    if (mode == ROUND_HALF_UP) {
        up = *cut >= '5';
    } else {
        bool rest = false;
        for (char *q = cut; *q; q++) rest |= *q != '0';
        up = rest && (mode == ROUND_CEIL ? !neg : neg);
    }
    *cut = '\0';
    if (up) { /* add one unit in the last kept place */
        char *q = cut - 1;
        for (;; q--) {
            if (q < buf) {
                memmove(buf + 1, buf, strlen(buf) + 1);
                buf[0] = '1';
                break;
            }
            if (*q == '.') continue;
            if (*q == '9') {
                *q = '0';
                continue;
            }
            (*q)++;
            break;
        }
    }
    double out = strtod(buf, NULL);
    /* Elixir rebuilds the float from its digits: a zero has no sign */
    return neg && out != 0.0 ? -out : out;
}

/* :ciex.float_round(float, precision, :half_up | :ceil | :floor) */
BIF(bif_float_round)
{
    if (!term_is_float(a[0]) || !term_is_small(a[1]) || term_small_value(a[1]) < 0 || term_small_value(a[1]) > 15)
        return vm_badarg(p);
    round_mode mode;
    if (a[2] == term_atom("half_up")) mode = ROUND_HALF_UP;
    else if (a[2] == term_atom("ceil")) mode = ROUND_CEIL;
    else if (a[2] == term_atom("floor")) mode = ROUND_FLOOR;
    else return vm_badarg(p);
    double v = term_float_value(a[0]);
    /* beyond 2^52 a double has no fraction digits left to round */
    if (fabs(v) >= 4503599627370496.0) {
        *r = term_retain(a[0]);
        return VM_OK;
    }
    *r = term_float_new(round_decimal(v, (int)term_small_value(a[1]), mode));
    return VM_OK;
}

/* ---- parsing ---- */

static bool is_digit_in(uint8_t c, int base, int *val)
{
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 99;
    *val = v;
    return v < base;
}

/* :ciex.int_parse(binary, base): {integer, rest} or :error, as
 * Integer.parse/2 */
BIF(bif_int_parse)
{
    if (!term_is_binary(a[0]) || !term_is_small(a[1]) || term_small_value(a[1]) < 2 || term_small_value(a[1]) > 36)
        return vm_badarg(p);
    const uint8_t *s = term_binary_data(a[0]);
    size_t len = term_binary_size(a[0]), i = 0;
    int base = (int)term_small_value(a[1]), v;
    if (i < len && (s[i] == '+' || s[i] == '-')) i++;
    size_t digits = i;
    while (i < len && is_digit_in(s[i], base, &v)) i++;
    if (i == digits) {
        *r = term_atom("error");
        return VM_OK;
    }
    size_t start = s[0] == '+' ? 1 : 0;
    term n;
    if (term_int_parse((const char *)s + start, i - start, base, &n) != TERM_OK) return vm_badarg(p);
    *r = term_tuple2(n, term_binary_sub(a[0], i, len - i));
    return VM_OK;
}

/* :ciex.float_parse(binary): {float, rest} or :error, as Float.parse/1:
 * digits, then optionally "." and digits, then optionally an exponent;
 * a dot or exponent not followed by digits is left in the rest. */
BIF(bif_float_parse)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    const uint8_t *s = term_binary_data(a[0]);
    size_t len = term_binary_size(a[0]), i = 0;
    if (i < len && (s[i] == '+' || s[i] == '-')) i++;
    size_t int_start = i;
    while (i < len && s[i] >= '0' && s[i] <= '9') i++;
    if (i == int_start) {
        *r = term_atom("error");
        return VM_OK;
    }
    if (i + 1 < len && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
        i += 1;
        while (i < len && s[i] >= '0' && s[i] <= '9') i++;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t e = i + 1;
        if (e < len && (s[e] == '+' || s[e] == '-')) e++;
        if (e < len && s[e] >= '0' && s[e] <= '9') {
            while (e < len && s[e] >= '0' && s[e] <= '9') e++;
            i = e;
        }
    }
    char *buf = ciex_xmalloc(i + 1, "bignum");
    memcpy(buf, s, i);
    buf[i] = '\0';
    double v = strtod(buf, NULL);
    free(buf);
    if (!isfinite(v)) {
        *r = term_atom("error");
        return VM_OK;
    }
    *r = term_tuple2(term_float_new(v), term_binary_sub(a[0], i, len - i));
    return VM_OK;
}

/* ---- :erlang odds and ends ---- */

/* The BEAM's own hashes (src/term/phash.c): phash2/1 keeps 27 bits,
 * phash2/2 is in 0..Range-1 and phash/2 in 1..Range, Range at most 2^32. */
static bool hash_range(term t, uint64_t *range)
{
    int64_t v;
    if (!term_is_integer(t) || !term_int_to_i64(t, &v) || v < 1 || v > ((int64_t)1 << 32)) return false;
    *range = (uint64_t)v;
    return true;
}

BIF(bif_phash2_2)
{
    uint64_t range;
    if (!hash_range(a[1], &range)) return vm_badarg(p);
    *r = term_int_from_u64(term_phash2(a[0]) % range);
    return VM_OK;
}

BIF(bif_phash2_1)
{
    (void)p;
    *r = term_int_from_u64(term_phash2(a[0]) & ((1u << 27) - 1));
    return VM_OK;
}

BIF(bif_phash_2)
{
    uint64_t range;
    if (!hash_range(a[1], &range)) return vm_badarg(p);
    *r = term_int_from_u64(term_phash(a[0]) % range + 1);
    return VM_OK;
}

/* Unique among the runtime's references and integers: one counter. */
BIF(bif_unique_integer1)
{
    if (term_list_length(a[0]) < 0) return vm_badarg(p);
    for (term l = a[0]; term_is_cons(l); l = term_tail(l))
        if (term_head(l) != term_atom("positive") && term_head(l) != term_atom("monotonic")) return vm_badarg(p);
    *r = term_int_from_u64(++p->rt->ref_counter);
    return VM_OK;
}

BIF(bif_unique_integer0)
{
    (void)a;
    term none = TERM_NIL;
    return bif_unique_integer1(p, &none, r);
}

BIF(bif_system_info)
{
    const char *k = term_is_atom(a[0]) ? term_atom_name(a[0]) : "";
    if (!strcmp(k, "otp_release")) *r = term_charlist_from_utf8("25", 2);
    else if (!strcmp(k, "version")) *r = term_charlist_from_utf8("13.1", 4);
    else if (!strcmp(k, "wordsize")) *r = term_small(8);
    else if (!strcmp(k, "machine")) *r = term_charlist_from_utf8("BEAM", 4);
    else if (!strcmp(k, "schedulers")) *r = term_small(vm_schedulers(p->rt));
    else if (!strcmp(k, "schedulers_online")) *r = term_small(vm_schedulers_online(p->rt));
    else if (!strcmp(k, "scheduler_id")) *r = term_small(vm_scheduler_id()); /* the thread running p, from 1 */
    else if (!strcmp(k, "logical_processors") || !strcmp(k, "logical_processors_online"))
        *r = term_small(vm_online_cores());
    else if (!strcmp(k, "process_count")) *r = term_small(p->rt->nprocs);
    else if (!strcmp(k, "process_limit")) *r = term_small(262144);
    else if (!strcmp(k, "atom_limit")) *r = term_small(1048576);
    else if (!strcmp(k, "atom_count")) *r = term_small((intptr_t)term_atom_count());
    else if (!strcmp(k, "endian")) {
        const uint16_t probe = 1;
        *r = term_atom(*(const uint8_t *)&probe ? "little" : "big");
    }
    else return vm_badarg(p);
    return VM_OK;
}

static const vm_bif_def math_bifs[] = {
    {"math", "sqrt", 1, bif_math_sqrt}, {"math", "exp", 1, bif_math_exp}, {"math", "log", 1, bif_math_log},
    {"math", "log2", 1, bif_math_log2}, {"math", "log10", 1, bif_math_log10}, {"math", "sin", 1, bif_math_sin},
    {"math", "cos", 1, bif_math_cos}, {"math", "tan", 1, bif_math_tan}, {"math", "asin", 1, bif_math_asin},
    {"math", "acos", 1, bif_math_acos}, {"math", "atan", 1, bif_math_atan}, {"math", "sinh", 1, bif_math_sinh},
    {"math", "cosh", 1, bif_math_cosh}, {"math", "tanh", 1, bif_math_tanh}, {"math", "asinh", 1, bif_math_asinh},
    {"math", "acosh", 1, bif_math_acosh}, {"math", "atanh", 1, bif_math_atanh}, {"math", "erf", 1, bif_math_erf},
    {"math", "erfc", 1, bif_math_erfc}, {"math", "ceil", 1, bif_math_ceil}, {"math", "floor", 1, bif_math_floor},
    {"math", "pow", 2, bif_math_pow}, {"math", "atan2", 2, bif_math_atan2}, {"math", "fmod", 2, bif_math_fmod},
    {"math", "pi", 0, bif_math_pi}, {"math", "tau", 0, bif_math_tau},
    {"erlang", "float_to_binary", 1, bif_float_to_binary1}, {"erlang", "float_to_binary", 2, bif_float_to_binary2},
    {"erlang", "float_to_list", 1, bif_float_to_list1}, {"erlang", "float_to_list", 2, bif_float_to_list2},
    {"ciex", "float_round", 3, bif_float_round}, {"ciex", "int_parse", 2, bif_int_parse},
    {"ciex", "float_parse", 1, bif_float_parse},
    {"erlang", "phash2", 1, bif_phash2_1}, {"erlang", "phash2", 2, bif_phash2_2},
    {"erlang", "phash", 2, bif_phash_2},
    {"erlang", "unique_integer", 0, bif_unique_integer0}, {"erlang", "unique_integer", 1, bif_unique_integer1},
    {"erlang", "system_info", 1, bif_system_info},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_math_init(vm_runtime *rt);
void vm_bifs_math_init(vm_runtime *rt) { vm_register_bifs(rt, math_bifs); }
