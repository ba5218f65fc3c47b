/* bif_format.c - Erlang's text formatting: io_lib:format/2 and the
 * Erlang-syntax term writer behind ~w and ~p.
 *
 * Elixir code reaches these through :io_lib.format/2, :io.format/2 and
 * :io_lib.write/1.  The output is a flat list of characters, which is a
 * valid value of io_lib's deep chars() type, so List.flatten/1,
 * IO.iodata_to_binary/1 and IO.chardata_to_string/1 all take it.
 *
 * The writer prints terms as the Erlang shell does: atoms quoted when they
 * need it ('Elixir.Foo'), <<"abc">> and "abc" for printable binaries and
 * lists under ~p (never under ~w), #{k => v} maps, <0.85.0> pids.  ~p here
 * is ~w with strings; it does not break long terms over several lines as
 * io_lib_pretty does.
 *
 * Control sequences are ~F.P.PadModC as io_lib documents them, with field
 * width, precision, padding character, `-` for left adjustment, `*` taking
 * a number from the arguments, and the t (Unicode) modifier. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm_internal.h"

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

/* ---- a buffer of code points ---- */

typedef struct cbuf {
    int32_t *c;
    size_t len, cap;
} cbuf;

static void cb_put(cbuf *b, int32_t ch)
{
    if (b->len == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 128;
        b->c = ciex_xrealloc(b->c, b->cap * sizeof *b->c, "text");
    }
    b->c[b->len++] = ch;
}

static void cb_str(cbuf *b, const char *s)
{
    while (*s) cb_put(b, (uint8_t)*s++);
}

/* UTF-8 text as code points (invalid bytes as themselves). */
static void cb_utf8(cbuf *b, const uint8_t *s, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        size_t at = pos;
        int32_t cp = term_utf8_decode(s, len, &at);
        if (cp < 0) cp = s[pos++];
        else pos = at;
        cb_put(b, cp);
    }
}

static term cb_to_list(const cbuf *b, size_t from)
{
    term out = TERM_NIL;
    for (size_t i = b->len; i-- > from;) out = term_cons_new(term_small(b->c[i]), out);
    return out;
}

/* ---- the term writer ---- */

typedef struct writer {
    vm_runtime *rt;
    bool strings; /* ~p: printable lists and binaries as strings */
    bool unicode; /* ~tp: printable means any Unicode, not only Latin-1 */
} writer;

static bool atom_char(int32_t c, bool first)
{
    if (c >= 'a' && c <= 'z') return true;
    if (c >= 0xDF && c <= 0xFF && c != 0xF7) return true; /* Latin-1 lower case */
    if (first) return false;
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '@' || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}

static bool reserved_word(const char *s)
{
    static const char *words[] = {"after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor",
                                  "case", "catch", "cond", "div", "end", "fun", "if", "let", "not", "of", "or",
                                  "orelse", "receive", "rem", "try", "when", "xor", NULL};
    for (const char **w = words; *w; w++)
        if (!strcmp(*w, s)) return true;
    return false;
}

static void put_escaped(cbuf *b, int32_t c, int32_t quote)
{
    switch (c) {
    case '\n': cb_str(b, "\\n"); return;
    case '\r': cb_str(b, "\\r"); return;
    case '\t': cb_str(b, "\\t"); return;
    case '\v': cb_str(b, "\\v"); return;
    case '\b': cb_str(b, "\\b"); return;
    case '\f': cb_str(b, "\\f"); return;
    case 27: cb_str(b, "\\e"); return;
    case 127: cb_str(b, "\\d"); return;
    case '\\': cb_str(b, "\\\\"); return;
    default:
        if (c == quote) {
            cb_put(b, '\\');
            cb_put(b, c);
        } else if (c < 32) {
            char tmp[8];
            snprintf(tmp, sizeof tmp, "\\%o", (unsigned)c);
            cb_str(b, tmp);
        } else {
            cb_put(b, c);
        }
    }
}

static void write_atom(cbuf *b, term t)
{
    const uint8_t *s = (const uint8_t *)term_atom_name(t);
    size_t len = term_atom_len(t), mark = b->len;
    cb_utf8(b, s, len);
    bool plain = b->len > mark && !reserved_word((const char *)s);
    for (size_t i = mark; i < b->len && plain; i++) plain = atom_char(b->c[i], i == mark);
    if (plain) return;
    size_t n = b->len - mark; /* > 0 unless the atom is '' */
    int32_t *copy = ciex_xmalloc((n ? n : 1) * sizeof *copy, "text");
    if (n) memcpy(copy, b->c + mark, n * sizeof *copy);
    b->len = mark;
    cb_put(b, '\'');
    for (size_t i = 0; i < n; i++) put_escaped(b, copy[i], '\'');
    cb_put(b, '\'');
    free(copy);
}

static bool printable_char(int32_t c, bool unicode)
{
    if ((c >= 32 && c <= 126) || (c >= 8 && c <= 13) || c == 27) return true;
    if (c >= 160 && c <= 255) return true;
    return unicode && c > 255 && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF) && c != 0xFFFE && c != 0xFFFF;
}

static bool printable_list(term t, bool unicode)
{
    if (t == TERM_NIL) return false;
    for (; term_is_cons(t); t = term_tail(t))
        if (!term_is_small(term_head(t)) || !printable_char((int32_t)term_small_value(term_head(t)), unicode))
            return false;
    return t == TERM_NIL;
}

static bool printable_binary(term t, bool unicode)
{
    const uint8_t *s = term_binary_data(t);
    size_t len = term_binary_size(t), pos = 0;
    if (unicode) {
        if (!term_utf8_valid(s, len)) return false;
        while (pos < len)
            if (!printable_char(term_utf8_decode(s, len, &pos), true)) return false;
        return true;
    }
    for (; pos < len; pos++)
        if (!printable_char(s[pos], false)) return false;
    return true;
}

static void write_term(const writer *w, cbuf *b, term t);

static void write_binary(const writer *w, cbuf *b, term t)
{
    const uint8_t *s = term_binary_data(t);
    size_t bits = term_bitstring_bits(t), whole = bits / 8;
    cb_str(b, "<<");
    if (w->strings && bits % 8 == 0 && whole > 0 && printable_binary(t, w->unicode)) {
        cb_put(b, '"');
        if (w->unicode) {
            cbuf tmp = {0};
            cb_utf8(&tmp, s, whole);
            for (size_t i = 0; i < tmp.len; i++) put_escaped(b, tmp.c[i], '"');
            free(tmp.c);
        } else {
            for (size_t i = 0; i < whole; i++) put_escaped(b, s[i], '"');
        }
        cb_str(b, "\">>");
        return;
    }
    char tmp[24];
    for (size_t i = 0; i < whole; i++) {
        snprintf(tmp, sizeof tmp, i ? ",%u" : "%u", s[i]);
        cb_str(b, tmp);
    }
    if (bits % 8) {
        unsigned rest = bits % 8;
        snprintf(tmp, sizeof tmp, whole ? ",%u:%u" : "%u:%u", (unsigned)(s[whole] >> (8 - rest)), rest);
        cb_str(b, tmp);
    }
    cb_str(b, ">>");
}

static void write_list(const writer *w, cbuf *b, term t)
{
    if (w->strings && printable_list(t, w->unicode)) {
        cb_put(b, '"');
        for (; term_is_cons(t); t = term_tail(t)) put_escaped(b, (int32_t)term_small_value(term_head(t)), '"');
        cb_put(b, '"');
        return;
    }
    cb_put(b, '[');
    bool first = true;
    for (; term_is_cons(t); t = term_tail(t)) {
        if (!first) cb_put(b, ',');
        first = false;
        write_term(w, b, term_head(t));
    }
    if (t != TERM_NIL) {
        cb_put(b, '|');
        write_term(w, b, t);
    }
    cb_put(b, ']');
}

static void write_fun(cbuf *b, term t)
{
    char tmp[96];
    if (term_has_type(t, TERM_T_EXPORT)) {
        const term_export *e = term_export_ptr(t);
        cb_str(b, "fun ");
        write_atom(b, e->module);
        cb_put(b, ':');
        write_atom(b, e->function);
        snprintf(tmp, sizeof tmp, "/%u", e->arity);
        cb_str(b, tmp);
        return;
    }
    const term_fun *f = term_fun_ptr(t);
    cb_str(b, "#Fun<");
    cb_utf8(b, (const uint8_t *)term_atom_name(f->module), term_atom_len(f->module));
    snprintf(tmp, sizeof tmp, ".%u.%u>", f->index, f->old_uniq);
    cb_str(b, tmp);
}

static void write_term(const writer *w, cbuf *b, term t)
{
    char tmp[64];
    term_inspect_opts o;
    vm_inspect_opts_init(w->rt, &o);
    switch (term_type_of(t)) {
    case TERM_T_SMALL:
    case TERM_T_BIGINT: {
        char *s = term_int_to_string(t, 10);
        cb_str(b, s);
        free(s);
        break;
    }
    case TERM_T_FLOAT: {
        char f[32];
        term_float_format(term_float_value(t), f);
        cb_str(b, f);
        break;
    }
    case TERM_T_ATOM: write_atom(b, t); break;
    case TERM_T_NIL: cb_str(b, "[]"); break;
    case TERM_T_BINARY: write_binary(w, b, t); break;
    case TERM_T_CONS: write_list(w, b, t); break;
    case TERM_T_TUPLE:
        cb_put(b, '{');
        for (uint32_t i = 0; i < term_tuple_arity(t); i++) {
            if (i) cb_put(b, ',');
            write_term(w, b, term_tuple_get(t, i));
        }
        cb_put(b, '}');
        break;
    case TERM_T_MAP:
        cb_str(b, "#{");
        for (uint32_t i = 0; i < term_map_size(t); i++) {
            if (i) cb_put(b, ',');
            write_term(w, b, term_map_key(t, i));
            cb_str(b, " => ");
            write_term(w, b, term_map_value(t, i));
        }
        cb_put(b, '}');
        break;
    case TERM_T_PID: {
        const term_pid *pp = term_pid_ptr(t);
        snprintf(tmp, sizeof tmp, "<%u.%u.%u>", o.node_index(o.ctx, pp->node, pp->creation), pp->id, pp->serial);
        cb_str(b, tmp);
        break;
    }
    case TERM_T_PORT: {
        const term_port *pp = term_port_ptr(t);
        snprintf(tmp, sizeof tmp, "#Port<%u.%llu>", o.node_index(o.ctx, pp->node, pp->creation),
                 (unsigned long long)pp->id);
        cb_str(b, tmp);
        break;
    }
    case TERM_T_REF: {
        const term_ref *rf = term_ref_ptr(t);
        snprintf(tmp, sizeof tmp, "#Ref<%u", o.node_index(o.ctx, rf->node, rf->creation));
        cb_str(b, tmp);
        for (uint32_t i = rf->len; i-- > 0;) {
            snprintf(tmp, sizeof tmp, ".%u", rf->ids[i]);
            cb_str(b, tmp);
        }
        cb_put(b, '>');
        break;
    }
    case TERM_T_FUN:
    case TERM_T_EXPORT: write_fun(b, t); break;
    default: cb_str(b, "#Resource<>"); break;
    }
}

/* :io_lib.write(term) */
BIF(bif_io_lib_write)
{
    writer w = {p->rt, false, false};
    cbuf b = {0};
    write_term(&w, &b, a[0]);
    *r = cb_to_list(&b, 0);
    free(b.c);
    return VM_OK;
}

/* ---- io_lib:format ---- */

typedef struct directive {
    int32_t width, precision; /* -1: not given */
    int32_t pad;
    bool left, unicode;
    int32_t control;
} directive;

typedef struct fmt_state {
    vm_process *p;
    term args; /* the remaining arguments (borrowed) */
} fmt_state;

static bool next_arg(fmt_state *st, term *out)
{
    if (!term_is_cons(st->args)) return false;
    *out = term_head(st->args);
    st->args = term_tail(st->args);
    return true;
}

/* Pads text[from..) to the field width. */
static void pad_field(cbuf *b, size_t from, const directive *d)
{
    if (d->width < 0) return;
    size_t len = b->len - from, width = (size_t)d->width;
    if (len >= width) return;
    size_t n = width - len;
    for (size_t i = 0; i < n; i++) cb_put(b, d->pad);
    if (!d->left) { /* right-adjusted: the padding goes first */
        int32_t *c = b->c + from;
        int32_t *tmp = ciex_xmalloc(len * sizeof *tmp + 1, "text");
        memcpy(tmp, c, len * sizeof *tmp);
        for (size_t i = 0; i < n; i++) c[i] = d->pad;
        memcpy(c + n, tmp, len * sizeof *tmp);
        free(tmp);
    }
}

/* A term too wide for its field prints as a row of asterisks. */
static void fit_field(cbuf *b, size_t from, const directive *d)
{
    if (d->width >= 0 && b->len - from > (size_t)d->width) {
        b->len = from;
        for (int32_t i = 0; i < d->width; i++) cb_put(b, '*');
        return;
    }
    pad_field(b, from, d);
}

/* Appends chardata as ~s does; false when it is not text. */
static bool put_chardata(cbuf *b, term t, bool unicode, int depth)
{
    if (depth > 100) return false;
    if (term_is_binary(t)) {
        if (unicode) cb_utf8(b, term_binary_data(t), term_binary_size(t));
        else
            for (size_t i = 0; i < term_binary_size(t); i++) cb_put(b, term_binary_data(t)[i]);
        return true;
    }
    if (term_is_atom(t)) {
        cb_utf8(b, (const uint8_t *)term_atom_name(t), term_atom_len(t));
        return true;
    }
    for (; term_is_cons(t); t = term_tail(t)) {
        term h = term_head(t);
        if (term_is_small(h)) {
            intptr_t c = term_small_value(h);
            if (c < 0 || c > 0x10FFFF || (!unicode && c > 255)) return false;
            cb_put(b, (int32_t)c);
        } else if (!put_chardata(b, h, unicode, depth + 1)) {
            return false;
        }
    }
    return t == TERM_NIL || (term_is_binary(t) && put_chardata(b, t, unicode, depth + 1));
}

static bool format_string(cbuf *b, term arg, const directive *d)
{
    size_t from = b->len;
    if (!put_chardata(b, arg, d->unicode, 0)) return false;
    if (d->precision >= 0 && b->len - from > (size_t)d->precision) b->len = from + (size_t)d->precision;
    if (d->width >= 0 && b->len - from > (size_t)d->width) b->len = from + (size_t)d->width;
    pad_field(b, from, d);
    return true;
}

/* "1.5e+00" -> "1.5e+0": Erlang writes the exponent without padding. */
static void trim_exponent(char *s)
{
    char *e = strchr(s, 'e');
    if (!e) return;
    char *digits = e + 2, *q = digits;
    while (*q == '0' && q[1]) q++;
    memmove(digits, q, strlen(q) + 1);
}

static bool format_float(cbuf *b, term arg, const directive *d)
{
    double v;
    if (term_is_float(arg)) v = term_float_value(arg);
    else return false;
    int prec = d->precision >= 0 ? d->precision : 6;
    if (prec > 300) prec = 300;
    char buf[700];
    int c = d->control;
    if (c == 'g') c = (fabs(v) >= 0.1 && fabs(v) < 10000.0) || v == 0.0 ? 'f' : 'e';
    if (d->control == 'g' && c == 'f') {
        int mag = v == 0.0 ? 0 : (int)floor(log10(fabs(v)));
        int decimals = prec - 1 - mag;
        snprintf(buf, sizeof buf, "%.*f", decimals < 0 ? 0 : decimals, v);
    } else if (c == 'f') {
        snprintf(buf, sizeof buf, "%.*f", prec, v);
    } else {
        snprintf(buf, sizeof buf, "%.*e", prec > 1 ? prec - 1 : 0, v);
        trim_exponent(buf);
    }
    size_t from = b->len;
    cb_str(b, buf);
    fit_field(b, from, d);
    return true;
}

static bool format_integer(cbuf *b, fmt_state *st, term arg, const directive *d)
{
    if (!term_is_integer(arg)) return false;
    int base = d->precision >= 0 ? d->precision : 10;
    if (base < 2 || base > 36) return false;
    char *s = term_int_to_string(arg, base);
    if (d->control == 'b' || d->control == 'x') /* lower-case digits; B and X upper */
        for (char *q = s; *q; q++)
            if (*q >= 'A' && *q <= 'Z') *q = (char)(*q - 'A' + 'a');
    size_t from = b->len;
    const char *digits = s;
    if (*digits == '-') {
        cb_put(b, '-');
        digits++;
    }
    if (d->control == 'x' || d->control == 'X') {
        term prefix;
        if (!next_arg(st, &prefix) || !put_chardata(b, prefix, true, 0)) {
            free(s);
            return false;
        }
    } else if (d->control == '#' || d->control == '+') {
        char pre[8];
        snprintf(pre, sizeof pre, "%d#", base);
        cb_str(b, pre);
    }
    cb_str(b, digits);
    free(s);
    fit_field(b, from, d);
    return true;
}

static bool format_one(cbuf *b, fmt_state *st, const directive *d, writer *w)
{
    term arg;
    size_t from = b->len;
    switch (d->control) {
    case '~':
        cb_put(b, '~');
        return true;
    case 'n':
        cb_put(b, '\n');
        return true;
    case 'i':
        return next_arg(st, &arg);
    case 'c': {
        if (!next_arg(st, &arg) || !term_is_small(arg) || term_small_value(arg) < 0) return false;
        int32_t n = d->precision >= 0 ? d->precision : d->width >= 0 ? d->width : 1;
        for (int32_t i = 0; i < n; i++) cb_put(b, (int32_t)term_small_value(arg));
        pad_field(b, from, d);
        return true;
    }
    case 's':
        return next_arg(st, &arg) && format_string(b, arg, d);
    case 'w':
    case 'p':
    case 'W':
    case 'P': {
        if (!next_arg(st, &arg)) return false;
        term depth;
        if ((d->control == 'W' || d->control == 'P') && !next_arg(st, &depth)) return false;
        w->strings = d->control == 'p' || d->control == 'P';
        w->unicode = d->unicode;
        write_term(w, b, arg);
        if (d->control == 'w' || d->control == 'W') fit_field(b, from, d);
        return true;
    }
    case 'f':
    case 'e':
    case 'g':
        return next_arg(st, &arg) && format_float(b, arg, d);
    case 'b':
    case 'B':
    case 'x':
    case 'X':
    case '#':
    case '+':
        return next_arg(st, &arg) && format_integer(b, st, arg, d);
    default:
        return false;
    }
}

/* A number of a directive: digits, or `*` taking one from the arguments. */
static bool directive_number(const int32_t *f, size_t n, size_t *i, fmt_state *st, int32_t *out)
{
    if (*i < n && f[*i] == '*') {
        term v;
        if (!next_arg(st, &v) || !term_is_small(v)) return false;
        *out = (int32_t)term_small_value(v);
        (*i)++;
        return true;
    }
    if (*i >= n || f[*i] < '0' || f[*i] > '9') return true;
    int32_t v = 0;
    while (*i < n && f[*i] >= '0' && f[*i] <= '9' && v < 100000) v = v * 10 + (f[(*i)++] - '0');
    *out = v;
    return true;
}

/* Parses the directive after a `~` at f[*i]. */
static bool parse_directive(const int32_t *f, size_t n, size_t *i, fmt_state *st, directive *d)
{
    *d = (directive){-1, -1, ' ', false, false, 0};
    if (*i < n && f[*i] == '-') {
        d->left = true;
        (*i)++;
    }
    if (!directive_number(f, n, i, st, &d->width)) return false;
    if (d->width < -1) {
        d->left = true;
        d->width = -d->width;
    }
    if (*i < n && f[*i] == '.') {
        (*i)++;
        if (!directive_number(f, n, i, st, &d->precision)) return false;
        if (*i < n && f[*i] == '.') {
            (*i)++;
            if (*i < n && f[*i] == '*') {
                term v;
                if (!next_arg(st, &v) || !term_is_small(v)) return false;
                d->pad = (int32_t)term_small_value(v);
                (*i)++;
            } else if (*i < n) {
                d->pad = f[(*i)++];
            }
        }
    }
    while (*i < n && (f[*i] == 't' || f[*i] == 'l')) d->unicode |= f[(*i)++] == 't';
    if (*i >= n) return false;
    d->control = f[(*i)++];
    return true;
}

static vm_status io_lib_format(vm_process *p, term fmt, term args, term *r)
{
    cbuf f = {0}, out = {0};
    bool ok = put_chardata(&f, fmt, true, 0) && term_list_length(args) >= 0;
    fmt_state st = {p, args};
    writer w = {p->rt, false, false};
    for (size_t i = 0; ok && i < f.len;) {
        if (f.c[i] != '~') {
            cb_put(&out, f.c[i++]);
            continue;
        }
        i++;
        directive d;
        ok = parse_directive(f.c, f.len, &i, &st, &d) && format_one(&out, &st, &d, &w);
    }
    ok = ok && st.args == TERM_NIL;
    free(f.c);
    if (!ok) {
        free(out.c);
        return vm_badarg(p);
    }
    *r = cb_to_list(&out, 0);
    free(out.c);
    return VM_OK;
}

BIF(bif_io_lib_format) { return io_lib_format(p, a[0], a[1], r); }

/* :ciex.format_to_binary(format, args): io_lib:format as a UTF-8 binary,
 * for :io.format. */
BIF(bif_format_to_binary)
{
    term chars;
    if (io_lib_format(p, a[0], a[1], &chars) != VM_OK) return VM_RAISE;
    size_t n = 0;
    for (term l = chars; term_is_cons(l); l = term_tail(l)) {
        uint8_t u[4];
        n += term_utf8_encode((int32_t)term_small_value(term_head(l)), u);
    }
    uint8_t *d;
    term bin = term_binary_alloc(n, &d);
    for (term l = chars; term_is_cons(l); l = term_tail(l)) d += term_utf8_encode((int32_t)term_small_value(term_head(l)), d);
    term_release(chars);
    *r = bin;
    return VM_OK;
}

static const vm_bif_def format_bifs[] = {
    {"io_lib", "format", 2, bif_io_lib_format}, {"io_lib", "fwrite", 2, bif_io_lib_format},
    {"io_lib", "write", 1, bif_io_lib_write}, {"ciex", "format_to_binary", 2, bif_format_to_binary},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_format_init(vm_runtime *rt);
void vm_bifs_format_init(vm_runtime *rt) { vm_register_bifs(rt, format_bifs); }
