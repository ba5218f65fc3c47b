/* inspect_calendar.c - Inspect for Date, Time, NaiveDateTime, DateTime
 * and Date.Range, as Elixir 1.14 prints them: ~D[2024-01-02],
 * ~T[10:00:00.123], ~N[2024-01-02 03:04:05], ~U[2024-01-02 03:04:05Z],
 * #DateTime<... +01:00 CET Europe/Berlin> and Date.range(first, last[,
 * step]).  Each function builds the text Calendar.ISO's *_to_string gives
 * and wraps it as that type's Inspect implementation does; a struct whose
 * fields are not what Calendar.ISO expects is not ours to print.
 *
 * Elixir prints these texts without syntax colours (an implementation
 * returning a plain string), so do we. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "inspect_calendar.h"

typedef struct fields {
    int64_t year, month, day, hour, minute, second, us, precision;
} fields;

static bool int_field(term map, const char *key, int64_t *out)
{
    term v = term_map_get(map, term_atom(key));
    if (v == TERM_NONE || !term_is_small(v)) return false;
    *out = term_small_value(v);
    return true;
}

static bool iso_calendar(term map)
{
    return term_map_get(map, term_atom("calendar")) == term_atom("Elixir.Calendar.ISO");
}

static bool date_fields(term map, fields *f)
{
    return iso_calendar(map) && int_field(map, "year", &f->year) && int_field(map, "month", &f->month) &&
           int_field(map, "day", &f->day);
}

static bool time_fields(term map, fields *f)
{
    if (!iso_calendar(map) || !int_field(map, "hour", &f->hour) || !int_field(map, "minute", &f->minute) ||
        !int_field(map, "second", &f->second))
        return false;
    term us = term_map_get(map, term_atom("microsecond"));
    if (us == TERM_NONE || !term_is_tuple(us) || term_tuple_arity(us) != 2) return false;
    term v = term_tuple_get(us, 0), p = term_tuple_get(us, 1);
    if (!term_is_small(v) || !term_is_small(p)) return false;
    f->us = term_small_value(v);
    f->precision = term_small_value(p);
    return f->us >= 0 && f->us <= 999999 && f->precision >= 0 && f->precision <= 6;
}

static void put(ciex_buf *out, const char *s) { ciex_buf_put(out, s, strlen(s)); }

/* Calendar.ISO's zero_pad: at least `width` digits, "-" before negatives */
static void zero_pad(ciex_buf *out, int64_t v, int width)
{
    char buf[32];
    if (v < 0) {
        put(out, "-");
        snprintf(buf, sizeof buf, "%0*" PRIu64, width, (uint64_t)0 - (uint64_t)v);
    } else {
        snprintf(buf, sizeof buf, "%0*" PRId64, width, v);
    }
    put(out, buf);
}

static void date_text(ciex_buf *out, const fields *f)
{
    zero_pad(out, f->year, 4);
    put(out, "-");
    zero_pad(out, f->month, 2);
    put(out, "-");
    zero_pad(out, f->day, 2);
}

static void time_text(ciex_buf *out, const fields *f)
{
    zero_pad(out, f->hour, 2);
    put(out, ":");
    zero_pad(out, f->minute, 2);
    put(out, ":");
    zero_pad(out, f->second, 2);
    if (f->precision > 0) {
        char buf[16];
        snprintf(buf, sizeof buf, "%06" PRId64, f->us);
        put(out, ".");
        ciex_buf_put(out, buf, (size_t)f->precision);
    }
}

static bool inspect_date(term map, ciex_buf *out)
{
    fields f;
    if (!date_fields(map, &f)) return false;
    put(out, "~D[");
    date_text(out, &f);
    put(out, "]");
    return true;
}

static bool inspect_time(term map, ciex_buf *out)
{
    fields f;
    if (!time_fields(map, &f)) return false;
    put(out, "~T[");
    time_text(out, &f);
    put(out, "]");
    return true;
}

static bool inspect_naive_datetime(term map, ciex_buf *out)
{
    fields f;
    if (!date_fields(map, &f) || !time_fields(map, &f)) return false;
    put(out, "~N[");
    date_text(out, &f);
    put(out, " ");
    time_text(out, &f);
    put(out, "]");
    return true;
}

static bool binary_field(term map, const char *key, term *out)
{
    *out = term_map_get(map, term_atom(key));
    return *out != TERM_NONE && term_is_binary(*out);
}

/* ~U[...] for UTC; otherwise #DateTime<...> with the offset, the zone's
 * abbreviation and name (Calendar.ISO.datetime_to_string/11) */
static bool inspect_datetime(term map, ciex_buf *out)
{
    fields f;
    term zone, abbr;
    int64_t utc, std;
    if (!date_fields(map, &f) || !time_fields(map, &f) || !binary_field(map, "time_zone", &zone) ||
        !binary_field(map, "zone_abbr", &abbr) || !int_field(map, "utc_offset", &utc) ||
        !int_field(map, "std_offset", &std))
        return false;
    bool is_utc = term_binary_size(zone) == 7 && memcmp(term_binary_data(zone), "Etc/UTC", 7) == 0;
    put(out, is_utc && utc == 0 && std == 0 ? "~U[" : "#DateTime<");
    date_text(out, &f);
    put(out, " ");
    time_text(out, &f);
    if (is_utc && utc == 0 && std == 0) {
        put(out, "Z");
    } else {
        int64_t total = utc + std, a = total < 0 ? -total : total;
        put(out, total < 0 ? "-" : "+");
        zero_pad(out, a / 3600, 2);
        put(out, ":");
        zero_pad(out, a % 3600 / 60, 2);
    }
    if (!is_utc) {
        put(out, " ");
        ciex_buf_put(out, term_binary_data(abbr), term_binary_size(abbr));
        put(out, " ");
        ciex_buf_put(out, term_binary_data(zone), term_binary_size(zone));
    }
    put(out, is_utc && utc == 0 && std == 0 ? "]" : ">");
    return true;
}

static bool is_date(term t)
{
    return term_is_map(t) && term_map_get(t, term_atom("__struct__")) == term_atom("Elixir.Date");
}

/* Date.range(~D[first], ~D[last]) and ", step)" unless the step is 1 */
static bool inspect_date_range(term map, ciex_buf *out)
{
    term first = term_map_get(map, term_atom("first")), last = term_map_get(map, term_atom("last"));
    int64_t step;
    if (first == TERM_NONE || last == TERM_NONE || !is_date(first) || !is_date(last) ||
        !int_field(map, "step", &step))
        return false;
    size_t mark = out->len;
    put(out, "Date.range(");
    bool ok = inspect_date(first, out);
    put(out, ", ");
    ok = ok && inspect_date(last, out);
    if (ok && step != 1) {
        char buf[32];
        snprintf(buf, sizeof buf, ", %" PRId64, step);
        put(out, buf);
    }
    put(out, ")");
    if (!ok && out->data) {
        out->len = mark;
        out->data[mark] = 0;
    }
    return ok;
}

bool inspect_calendar(term map, term module, ciex_buf *out)
{
    if (!term_is_atom(module)) return false;
    const char *name = term_atom_name(module);
    if (strcmp(name, "Elixir.Date") == 0) return inspect_date(map, out);
    if (strcmp(name, "Elixir.Time") == 0) return inspect_time(map, out);
    if (strcmp(name, "Elixir.NaiveDateTime") == 0) return inspect_naive_datetime(map, out);
    if (strcmp(name, "Elixir.DateTime") == 0) return inspect_datetime(map, out);
    if (strcmp(name, "Elixir.Date.Range") == 0) return inspect_date_range(map, out);
    return false;
}
