/* consult.c - reading a file of Erlang terms, as file:consult/1 does.
 *
 * The text is a sequence of terms, each ended by a full stop, with `%`
 * comments: the format of OTP's configuration files (-ssl_dist_optfile,
 * sys.config).  The subset read is what such files hold: integers (with
 * an optional sign and Base#digits), atoms (bare or 'quoted'), "strings"
 * (charlists), <<"binaries">>, lists (with an optional | tail) and tuples.
 * Escapes in quoted atoms and strings are erl_scan's (\n \t \\ \" \' \s
 * \e \d \b \f \r \v, octal \NNN, \xHH, \x{H...}).
 *
 * The input may be hostile (it is fuzzed): every read is bounds-checked,
 * nesting is bounded (CONSULT_MAX_DEPTH), and an error names the line and
 * what was found there, as erl_parse's "syntax error before: X" does.
 * The caller owns the list returned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/term.h"

#define CONSULT_MAX_DEPTH 100

typedef struct reader {
    const char *s;
    size_t len, pos;
    int line;
    int depth;
    char *err;
    size_t errlen;
    bool failed;
} reader;

static void fail(reader *r, const char *what)
{
    if (r->failed) return;
    r->failed = true;
    snprintf(r->err, r->errlen, "line %d: %s", r->line, what);
}

static void fail_before(reader *r)
{
    char what[64];
    if (r->pos >= r->len) {
        snprintf(what, sizeof what, "unexpected end of file");
    } else {
        /* the token found, at most 16 characters of it */
        size_t n = 0;
        while (r->pos + n < r->len && n < 16 && r->s[r->pos + n] > ' ' && (n == 0 || !strchr(",[]{}|.", r->s[r->pos + n])))
            n++;
        snprintf(what, sizeof what, "syntax error before: %.*s", (int)(n ? n : 1), r->s + r->pos);
    }
    fail(r, what);
}

static int peek(const reader *r) { return r->pos < r->len ? (unsigned char)r->s[r->pos] : -1; }

static void skip_space(reader *r)
{
    while (r->pos < r->len) {
        char c = r->s[r->pos];
        if (c == '\n') {
            r->line++;
            r->pos++;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            r->pos++;
        } else if (c == '%') {
            while (r->pos < r->len && r->s[r->pos] != '\n') r->pos++;
        } else {
            break;
        }
    }
}

static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_name_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' || c == '@';
}

static int hex_value(int c)
{
    if (is_digit(c)) return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* One escape sequence after the backslash: its code point, or -1. */
static int32_t escape(reader *r)
{
    if (r->pos >= r->len) return -1;
    int c = (unsigned char)r->s[r->pos++];
    static const char from[] = "ntrsebdfv\\\"'";
    static const char to[] = "\n\t\r \x1b\b\x7f\f\v\\\"'";
    const char *k = strchr(from, c);
    if (k && c) return (unsigned char)to[k - from];
    if (c >= '0' && c <= '7') {
        int32_t v = c - '0';
        for (int i = 0; i < 2 && peek(r) >= '0' && peek(r) <= '7'; i++) v = v * 8 + (r->s[r->pos++] - '0');
        return v;
    }
    if (c == 'x') {
        int32_t v = 0;
        if (peek(r) == '{') {
            r->pos++;
            int n = 0;
            while (hex_value(peek(r)) >= 0 && v <= 0x10FFFF) v = v * 16 + hex_value(r->s[r->pos++]), n++;
            if (n == 0 || peek(r) != '}' || v > 0x10FFFF) return -1;
            r->pos++;
            return v;
        }
        for (int i = 0; i < 2; i++) {
            if (hex_value(peek(r)) < 0) return -1;
            v = v * 16 + hex_value(r->s[r->pos++]);
        }
        return v;
    }
    return c; /* erl_scan: any other character stands for itself */
}

/* The text between quotes, escapes resolved, as UTF-8 in a malloc'd
 * buffer (its length in *n). */
static char *quoted(reader *r, char quote, size_t *n)
{
    r->pos++; /* the opening quote */
    size_t cap = 64, len = 0;
    char *out = ciex_xmalloc(cap, "term");
    for (;;) {
        if (r->pos >= r->len) {
            fail(r, quote == '"' ? "unterminated string" : "unterminated atom");
            free(out);
            return NULL;
        }
        int c = (unsigned char)r->s[r->pos];
        uint8_t bytes[4];
        size_t nb;
        if (c == quote) {
            r->pos++;
            break;
        } else if (c == '\\') {
            r->pos++;
            int32_t cp = escape(r);
            if (cp < 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
                fail(r, "bad escape sequence");
                free(out);
                return NULL;
            }
            nb = term_utf8_encode(cp, bytes);
        } else {
            if (c == '\n') r->line++;
            bytes[0] = (uint8_t)c;
            nb = 1;
            r->pos++;
        }
        if (len + nb > cap) out = ciex_xrealloc(out, cap *= 2, "term");
        memcpy(out + len, bytes, nb);
        len += nb;
    }
    if (!term_utf8_valid((const uint8_t *)out, len)) {
        fail(r, "invalid UTF-8");
        free(out);
        return NULL;
    }
    *n = len;
    return out;
}

static term atom_of(reader *r, const char *s, size_t n)
{
    term a;
    if (term_atom_new(s, n, &a) != TERM_OK) {
        fail(r, "atom too long");
        return TERM_NONE;
    }
    return a;
}

static term read_term(reader *r);

static term read_number(reader *r)
{
    size_t start = r->pos;
    if (peek(r) == '-' || peek(r) == '+') r->pos++;
    if (!is_digit(peek(r))) {
        r->pos = start;
        fail_before(r);
        return TERM_NONE;
    }
    while (is_digit(peek(r)) || peek(r) == '_') r->pos++;
    int base = 10;
    size_t digits = start;
    if (peek(r) == '#') {
        /* Base#Digits, base 2 to 36 */
        long b = strtol(r->s + start + (r->s[start] == '-' || r->s[start] == '+'), NULL, 10);
        if (b < 2 || b > 36 || r->pos - start > 3) {
            fail(r, "bad number base");
            return TERM_NONE;
        }
        base = (int)b;
        r->pos++;
        digits = r->pos;
        while (is_name_char(peek(r))) r->pos++;
    }
    if (peek(r) == '.' && r->pos + 1 < r->len && is_digit((unsigned char)r->s[r->pos + 1])) {
        fail(r, "floats are not supported here");
        return TERM_NONE;
    }
    /* the sign, then the digits without their underscores */
    char buf[256];
    size_t n = 0;
    if (r->s[start] == '-') buf[n++] = '-';
    for (size_t i = digits; i < r->pos && n < sizeof buf - 1; i++)
        if (r->s[i] != '_' && r->s[i] != '+' && r->s[i] != '-') buf[n++] = r->s[i];
    term v;
    if (r->pos - digits > 200 || term_int_parse(buf, n, base, &v) != TERM_OK) {
        fail(r, "bad number");
        return TERM_NONE;
    }
    return v;
}

/* Items up to the closing bracket (lists also take `| Tail`). */
static term read_seq(reader *r, char close, bool is_list, size_t *count)
{
    r->pos++; /* the opening bracket */
    term items[64];
    term *all = items;
    size_t n = 0, cap = 64;
    term tail = TERM_NIL;
    skip_space(r);
    if (peek(r) != close) {
        for (;;) {
            term t = read_term(r);
            if (r->failed) break;
            if (n == cap) {
                term *grown = ciex_xmalloc(cap * 2 * sizeof *grown, "term");
                memcpy(grown, all, n * sizeof *grown);
                if (all != items) free(all);
                all = grown;
                cap *= 2;
            }
            all[n++] = t;
            skip_space(r);
            if (peek(r) == ',') {
                r->pos++;
                continue;
            }
            if (is_list && peek(r) == '|') {
                r->pos++;
                tail = read_term(r);
                skip_space(r);
            }
            break;
        }
    }
    if (!r->failed && peek(r) != close) fail_before(r);
    if (r->failed) {
        for (size_t i = 0; i < n; i++) term_release(all[i]);
        term_release(tail);
        if (all != items) free(all);
        return TERM_NONE;
    }
    r->pos++;
    term result;
    if (is_list) {
        result = tail;
        while (n) result = term_cons_new(all[--n], result);
    } else {
        result = term_tuple_new((uint32_t)n);
        for (size_t i = 0; i < n; i++) term_tuple_init(result, (uint32_t)i, all[i]);
    }
    if (count) *count = n;
    if (all != items) free(all);
    return result;
}

/* <<"text">> or <<>> (the binaries a configuration file holds). */
static term read_binary(reader *r)
{
    r->pos += 2;
    skip_space(r);
    char *text = NULL;
    size_t n = 0;
    if (peek(r) == '"') {
        text = quoted(r, '"', &n);
        if (!text) return TERM_NONE;
        skip_space(r);
    }
    if (r->pos + 1 >= r->len || r->s[r->pos] != '>' || r->s[r->pos + 1] != '>') {
        free(text);
        fail(r, "only <<\"text\">> binaries are supported here");
        return TERM_NONE;
    }
    r->pos += 2;
    term b = term_binary_new(text ? text : "", n);
    free(text);
    return b;
}

static term read_term_at(reader *r)
{
    int c = peek(r);
    if (c == '[') return read_seq(r, ']', true, NULL);
    if (c == '{') return read_seq(r, '}', false, NULL);
    if (c == '<' && r->pos + 1 < r->len && r->s[r->pos + 1] == '<') return read_binary(r);
    if (c == '"' || c == '\'') {
        size_t n;
        char *text = quoted(r, (char)c, &n);
        if (!text) return TERM_NONE;
        term t = c == '"' ? term_charlist_from_utf8(text, n) : atom_of(r, text, n);
        free(text);
        return t;
    }
    if (is_digit(c) || c == '-' || c == '+') return read_number(r);
    if (c >= 'a' && c <= 'z') {
        size_t start = r->pos;
        while (is_name_char(peek(r))) r->pos++; /* 'tlsv1.2' needs its quotes, as in Erlang */
        return atom_of(r, r->s + start, r->pos - start);
    }
    if (c >= 'A' && c <= 'Z') {
        fail(r, "variables are not allowed in a term file");
        return TERM_NONE;
    }
    fail_before(r);
    return TERM_NONE;
}

static term read_term(reader *r)
{
    skip_space(r);
    if (++r->depth > CONSULT_MAX_DEPTH) {
        fail(r, "terms nested too deep");
        r->depth--;
        return TERM_NONE;
    }
    term t = read_term_at(r);
    r->depth--;
    return t;
}

term_status term_consult(const char *text, size_t len, term *out, char *err, size_t errlen)
{
    reader r = {text, len, 0, 1, 0, err, errlen, false};
    term items[256];
    size_t n = 0;
    term list = TERM_NIL;
    for (;;) {
        skip_space(&r);
        if (r.pos >= r.len) break;
        term t = read_term(&r);
        skip_space(&r);
        if (!r.failed && peek(&r) != '.') fail_before(&r);
        if (r.failed) {
            term_release(t); /* a whole term without its full stop */
            break;
        }
        r.pos++;
        if (n == sizeof items / sizeof *items) {
            term_release(t);
            fail(&r, "more than 256 terms");
            break;
        }
        items[n++] = t;
    }
    if (r.failed) {
        for (size_t i = 0; i < n; i++) term_release(items[i]);
        return TERM_ERR_BADARG;
    }
    while (n) list = term_cons_new(items[--n], list);
    *out = list;
    return TERM_OK;
}
