/* sigil_calendar.c - ~D ~T ~N ~U: Elixir's sigil macros parse their text
 * when the code is compiled (Calendar.ISO's parse_date, parse_time,
 * parse_naive_datetime, parse_utc_datetime, extended format) and stand for
 * the struct they build, so the sigils work in patterns too and a bad one
 * stops the compilation with the macro's ArgumentError:
 *
 *   cannot parse "2023-02-30" as Date for Calendar.ISO, reason: :invalid_date
 *
 * The grammar follows Calendar.ISO: [+-]YYYY-MM-DD, [T]hh:mm:ss, a fraction
 * after "." or "," (precision = its digits, at most 6), and an offset:
 * "Z", ±hh:mm, ±hhmm or ±hh (not -00:00); ~N and ~T accept and drop it,
 * ~U requires it to be zero. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

typedef struct parsed {
    long year, month, day, hour, minute, second, us, precision;
    bool has_offset;
    long offset; /* seconds */
} parsed;

typedef struct cursor {
    const char *p, *end;
} cursor;

static bool digits(cursor *c, int n, long *out)
{
    if (c->end - c->p < n) return false;
    long v = 0;
    for (int i = 0; i < n; i++) {
        if (c->p[i] < '0' || c->p[i] > '9') return false;
        v = v * 10 + (c->p[i] - '0');
    }
    c->p += n;
    *out = v;
    return true;
}

static bool lit(cursor *c, char ch)
{
    if (c->p < c->end && *c->p == ch) {
        c->p++;
        return true;
    }
    return false;
}

static bool leap(long y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

static bool valid_date(const parsed *d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d->year < -9999 || d->year > 9999 || d->month < 1 || d->month > 12 || d->day < 1) return false;
    return d->day <= days[d->month - 1] + (d->month == 2 && leap(d->year));
}

static bool valid_time(const parsed *t) { return t->hour <= 23 && t->minute <= 59 && t->second <= 59; }

static bool date_part(cursor *c, parsed *d)
{
    long sign = 1;
    if (lit(c, '-')) sign = -1;
    else lit(c, '+');
    if (!digits(c, 4, &d->year) || !lit(c, '-') || !digits(c, 2, &d->month) || !lit(c, '-') ||
        !digits(c, 2, &d->day))
        return false;
    d->year *= sign;
    return true;
}

/* hh:mm:ss, the fraction and the offset up to the end of the text */
static bool time_part(cursor *c, parsed *t)
{
    if (!digits(c, 2, &t->hour) || !lit(c, ':') || !digits(c, 2, &t->minute) || !lit(c, ':') ||
        !digits(c, 2, &t->second))
        return false;
    t->us = t->precision = 0;
    if (lit(c, '.') || lit(c, ',')) {
        long n = 0, v = 0;
        while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
            if (n < 6) v = v * 10 + (*c->p - '0');
            n++;
            c->p++;
        }
        if (n == 0) return false;
        t->precision = n < 6 ? n : 6;
        for (long i = t->precision; i < 6; i++) v *= 10;
        t->us = v;
    }
    t->has_offset = false;
    t->offset = 0;
    if (c->p == c->end) return true;
    if (lit(c, 'Z')) {
        t->has_offset = true;
        return c->p == c->end;
    }
    if (c->end - c->p == 6 && memcmp(c->p, "-00:00", 6) == 0) return false;
    long sign = lit(c, '-') ? -1 : lit(c, '+') ? 1 : 0, h, m = 0;
    if (!sign || !digits(c, 2, &h)) return false;
    if (c->p < c->end) {
        lit(c, ':');
        if (!digits(c, 2, &m)) return false;
    }
    if (c->p != c->end || h >= 24 || m >= 60) return false;
    t->has_offset = true;
    t->offset = sign * (h * 60 + m) * 60;
    return true;
}

/* NULL when the text parses, else the reason Calendar.ISO gives */
static const char *parse(char kind, const char *s, size_t len, parsed *r)
{
    cursor c = {s, s + len};
    memset(r, 0, sizeof *r);
    switch (kind) {
    case 'D':
        if (!date_part(&c, r) || c.p != c.end) return "invalid_format";
        return valid_date(r) ? NULL : "invalid_date";
    case 'T':
        lit(&c, 'T');
        if (!time_part(&c, r)) return "invalid_format";
        return valid_time(r) ? NULL : "invalid_time";
    default:
        if (!date_part(&c, r) || !(lit(&c, ' ') || lit(&c, 'T')) || !time_part(&c, r)) return "invalid_format";
        if (!valid_date(r)) return "invalid_date";
        if (!valid_time(r)) return "invalid_time";
        if (kind == 'U' && !r->has_offset) return "missing_offset";
        if (kind == 'U' && r->offset != 0) return "non_utc_offset";
        return NULL;
    }
}

static term put_int(term map, const char *key, long v) { return term_map_put(map, term_atom(key), term_small(v)); }

static term build(char kind, const parsed *r)
{
    static const char *const modules[] = {"Elixir.Date", "Elixir.Time", "Elixir.NaiveDateTime", "Elixir.DateTime"};
    const char *module = modules[kind == 'D' ? 0 : kind == 'T' ? 1 : kind == 'N' ? 2 : 3];
    term m = term_map_new(12);
    m = term_map_put(m, term_atom("__struct__"), term_atom(module));
    m = term_map_put(m, term_atom("calendar"), term_atom("Elixir.Calendar.ISO"));
    if (kind != 'T') {
        m = put_int(m, "year", r->year);
        m = put_int(m, "month", r->month);
        m = put_int(m, "day", r->day);
    }
    if (kind != 'D') {
        m = put_int(m, "hour", r->hour);
        m = put_int(m, "minute", r->minute);
        m = put_int(m, "second", r->second);
        term us = term_tuple_new(2);
        term_tuple_init(us, 0, term_small(r->us));
        term_tuple_init(us, 1, term_small(r->precision));
        m = term_map_put(m, term_atom("microsecond"), us);
    }
    if (kind == 'U') {
        m = term_map_put(m, term_atom("time_zone"), term_binary_from_cstr("Etc/UTC"));
        m = term_map_put(m, term_atom("zone_abbr"), term_binary_from_cstr("UTC"));
        m = put_int(m, "utc_offset", 0);
        m = put_int(m, "std_offset", 0);
    }
    return m;
}

term lang_calendar_sigil(term e, char kind, char *message, size_t size)
{
    static const char *const contexts[] = {"Date", "Time", "NaiveDateTime", "UTC DateTime"};
    const char *context = contexts[kind == 'D' ? 0 : kind == 'T' ? 1 : kind == 'N' ? 2 : 3];
    term str = term_head(ast_args(e));
    term parts = ast_is_call(str, "<<>>", -1) ? ast_args(str) : TERM_NIL;
    if (!term_is_cons(parts) || term_tail(parts) != TERM_NIL || !term_is_binary(term_head(parts))) {
        snprintf(message, size, "the sigil ~%c takes a literal string", kind);
        return TERM_NONE;
    }
    term text = term_head(parts);
    const char *s = (const char *)term_binary_data(text);
    size_t len = term_binary_size(text);
    /* "TEXT Some.Calendar": a calendar other than Calendar.ISO */
    size_t last = len;
    while (last > 0 && s[last - 1] != ' ') last--;
    if (last > 0 && last < len && s[last] >= 'A' && s[last] <= 'Z') {
        snprintf(message, size, "the sigil ~%c supports Calendar.ISO only", kind);
        return TERM_NONE;
    }
    parsed r;
    const char *reason = parse(kind, s, len, &r);
    if (reason) {
        char *shown = term_inspect(text, NULL, NULL);
        snprintf(message, size, "cannot parse %s as %s for Calendar.ISO, reason: :%s", shown, context, reason);
        free(shown);
        return term_atom("error");
    }
    return build(kind, &r);
}

term cc_calendar_sigil(fn_state *fs, term e, char kind)
{
    char message[512];
    term v = lang_calendar_sigil(e, kind, message, sizeof message);
    if (v == TERM_NONE) cc_error(fs, "CompileError", "%s", message);
    if (v == term_atom("error")) cc_raise(fs, "ArgumentError", message);
    return v;
}
