/* float.c - boxed doubles and their shortest round-trip text.
 *
 * The text follows Erlang's float_to_list(F, [short]), which Elixir's
 * inspect uses for floats: the shortest digit string that reads back as
 * the same double, laid out either as a plain decimal or with an exponent,
 * whichever is shorter (the plain form wins a tie), except that integral
 * values from 2^53 up always take the exponent form.  Elixir itself prints
 * integral floats below 1.0e16 as plain decimals; inspect.c adds that. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/term.h"
#include "term_internal.h"

term term_float_new(double v)
{
    term_float *f = term_box_alloc(sizeof *f, TERM_T_FLOAT);
    f->value = v;
    return (term)f;
}

/* Reads the digits and exponent of a "%.*e" string: "d.ddde[+-]xx". */
static void split_sci(const char *s, char *digits, int *exp10)
{
    size_t n = 0;
    const char *p = s;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9') digits[n++] = *p;
    digits[n] = '\0';
    *exp10 = atoi(p + 1);
}

/* Adds `delta` (+1 or -1) to the last digit of a digit string; returns
 * false when that would carry or borrow out of the string. */
static bool bump_last_digit(char *digits, int delta)
{
    for (size_t i = strlen(digits); i-- > 0;) {
        int d = digits[i] - '0' + delta;
        if (d >= 0 && d <= 9) {
            digits[i] = (char)('0' + d);
            return true;
        }
        digits[i] = delta > 0 ? '0' : '9';
    }
    return false;
}

static bool digits_round_trip(const char *digits, int exp10, double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%c.%se%d", digits[0], digits + 1, exp10);
    return strtod(buf, NULL) == v;
}

/* Shortest digits D and exponent E with v == 0.D * 10^place, place = E+1. */
static void shortest_digits(double v, char digits[24], int *place)
{
    for (int prec = 1; prec <= 17; prec++) {
        char buf[40];
        int e;
        snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        split_sci(buf, digits, &e);
        if (digits_round_trip(digits, e, v)) {
            *place = e + 1;
            return;
        }
        /* the correctly rounded candidate can miss where the spacing of
         * doubles changes (powers of two); its neighbours may not */
        for (int delta = -1; delta <= 1; delta += 2) {
            char alt[24];
            strcpy(alt, digits);
            if (bump_last_digit(alt, delta) && alt[0] != '0' && digits_round_trip(alt, e, v)) {
                strcpy(digits, alt);
                *place = e + 1;
                return;
            }
        }
    }
    char buf[40];
    int e;
    snprintf(buf, sizeof buf, "%.16e", v);
    split_sci(buf, digits, &e);
    *place = e + 1;
}

static void strip_trailing_zeros(char *digits)
{
    size_t n = strlen(digits);
    while (n > 1 && digits[n - 1] == '0') digits[--n] = '\0';
}

void term_float_format(double v, char out[32])
{
    char buf[128]; /* the longest result, -1.2345678901234567e-308, is 24 bytes */
    char *o = buf;
    if (signbit(v)) *o++ = '-';
    v = fabs(v);
    if (v == 0.0) {
        strcpy(o, "0.0");
        strcpy(out, buf);
        return;
    }
    char digits[24];
    int place;
    shortest_digits(v, digits, &place);
    strip_trailing_zeros(digits);
    int len = (int)strlen(digits);
    char expbuf[16];
    snprintf(expbuf, sizeof expbuf, "%d", place - 1);
    int exp_cost = (int)strlen(expbuf) + 1 + (len == 1 ? 2 : 1);
    if (place == 0) {
        snprintf(o, sizeof buf - (size_t)(o - buf), "0.%s", digits);
    } else if (place > 0 && place < len) {
        snprintf(o, sizeof buf - (size_t)(o - buf), "%.*s.%s", place, digits, digits + place);
    } else if (place < 0 && 2 - place <= exp_cost) {
        /* 0.000ddd */
        strcpy(o, "0.");
        memset(o + 2, '0', (size_t)-place);
        strcpy(o + 2 - place, digits);
    } else if (place >= len && place - len + 2 <= exp_cost && v < 9007199254740992.0) {
        /* (OTP writes every float from 2^53 up in exponent form) */
        /* ddd000.0 */
        strcpy(o, digits);
        memset(o + len, '0', (size_t)(place - len));
        strcpy(o + place, ".0");
    } else if (len == 1) {
        snprintf(o, sizeof buf - (size_t)(o - buf), "%s.0e%s", digits, expbuf);
    } else {
        snprintf(o, sizeof buf - (size_t)(o - buf), "%c.%se%s", digits[0], digits + 1, expbuf);
    }
    size_t n = strlen(buf);
    if (n > 31) n = 31;
    memcpy(out, buf, n);
    out[n] = '\0';
}
