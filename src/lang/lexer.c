/* lexer.c - source text to tokens, as elixir_tokenizer.erl does it.
 *
 * The parser's decisions depend on the tokenizer's: whether "f -1" is a
 * call or a subtraction, whether a newline before "|>" continues the
 * expression, whether "do" belongs to the identifier before it.  So this
 * file follows Elixir 1.14's elixir_tokenizer.erl and
 * elixir_interpolation.erl clause by clause, in their order, and the
 * comments name the Erlang function a piece mirrors.  Columns count code
 * points, as the Erlang tokenizer (which works on charlists) does.
 *
 * Like the Erlang tokenizer, the whole input is tokenized before the
 * parser runs, so a tokenizer error anywhere wins over a syntax error
 * earlier in the text, exactly as Code.string_to_quoted/1 reports it.
 * The tokenizer also checks that brackets and do/fn/end pair up; that is
 * where the "missing terminator" errors (and the shell's "incomplete
 * input") come from.
 *
 * An interpolation "#{...}" is tokenized by a recursive run over a fresh
 * stream that stops at the first "}" without an opener; the string token
 * keeps that stream and the parser parses it when it builds the string.
 * Recursion depth is capped, so hostile input cannot exhaust the C stack.
 *
 * Memory: token streams are malloc'ed and registered in the lexer; every
 * other byte (names, unescaped strings, parts) lives in an arena freed in
 * one go by lex_free.
 */
#include "lexer.h"
#include "lexer_unicode.h"

#include "ciex/buf.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- memory ---- */

struct lex_chunk {
    lex_chunk *next;
    size_t used, cap;
    _Alignas(8) char data[];
};

static void *lex_alloc(lexer *lx, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (!lx->arena || lx->arena->cap - lx->arena->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        lex_chunk *c = ciex_xmalloc(sizeof *c + cap, "compiler");
        c->next = lx->arena;
        c->used = 0;
        c->cap = cap;
        lx->arena = c;
    }
    void *r = lx->arena->data + lx->arena->used;
    lx->arena->used += n;
    return r;
}

static lex_extra *extra(lexer *lx, lex_token *t)
{
    if (!t->x) {
        t->x = lex_alloc(lx, sizeof *t->x);
        memset(t->x, 0, sizeof *t->x);
        t->x->indentation = -1;
    }
    return t->x;
}

static char *lex_strdup(lexer *lx, const void *s, size_t n)
{
    char *r = lex_alloc(lx, n + 1);
    if (n) memcpy(r, s, n);
    r[n] = '\0';
    return r;
}

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return p;
    size_t c = *cap ? *cap : 16;
    while (c < need) c *= 2;
    p = ciex_xrealloc(p, c * elem, "compiler");
    *cap = c;
    return p;
}


/* The parts of a string while it is being extracted. */
typedef struct lex_parts {
    lex_part *items;
    size_t n, cap;
} lex_parts;

static lex_part *parts_push(lex_parts *ps)
{
    ps->items = grow(ps->items, &ps->cap, ps->n + 1, sizeof *ps->items);
    lex_part *p = &ps->items[ps->n++];
    memset(p, 0, sizeof *p);
    return p;
}

static lex_stream *stream_new(lexer *lx)
{
    lex_stream *s = ciex_xcalloc(1, sizeof *s, "compiler");
    lx->streams = grow(lx->streams, &lx->capstreams, lx->nstreams + 1, sizeof *lx->streams);
    lx->streams[lx->nstreams++] = s;
    return s;
}

static lex_token *push(lex_stream *s, lex_kind kind, int line, int column)
{
    s->tok = grow(s->tok, &s->cap, s->n + 2, sizeof *s->tok); /* +1 for the EOF */
    lex_token *t = &s->tok[s->n++];
    memset(t, 0, sizeof *t);
    t->kind = (uint8_t)kind;
    t->line = line;
    t->column = column;
    t->atom = TERM_NONE;
    return t;
}

static lex_token *top(lex_stream *s) { return s->n ? &s->tok[s->n - 1] : NULL; }

/* Places the LEX_EOF sentinel at tok[n], located at the last token. */
static void seal(lex_stream *s)
{
    lex_token *eof = push(s, LEX_EOF, 0, 0);
    s->n--;
    if (s->n) {
        eof->line = s->tok[s->n - 1].line;
        eof->column = s->tok[s->n - 1].column;
    }
}

/* add_token_with_eol: a binary operator swallows the newline before it,
 * which is why "a\n|> b" is one expression. */
static lex_token *push_with_eol(lex_stream *s, lex_kind kind, int line, int column)
{
    lex_token *t = top(s);
    if (kind != LEX_UNARY_OP && t && t->kind == LEX_EOL) s->n--;
    return push(s, kind, line, column);
}

void lex_free(lexer *lx)
{
    for (size_t i = 0; i < lx->nstreams; i++) {
        free(lx->streams[i]->tok);
        free(lx->streams[i]);
    }
    free(lx->streams);
    free(lx->opens);
    free(lx->hints);
    free(lx->comments);
    while (lx->arena) {
        lex_chunk *next = lx->arena->next;
        free(lx->arena);
        lx->arena = next;
    }
    memset(lx, 0, sizeof *lx);
}

/* ---- errors ---- */

/* A cut message must stay valid UTF-8: drop a trailing partial sequence. */
static size_t utf8_trim(const char *s, size_t n)
{
    size_t start = n;
    while (start > 0 && n - start < 4 && ((unsigned char)s[start - 1] & 0xC0) == 0x80) start--;
    if (start == 0) return n;
    unsigned char lead = (unsigned char)s[start - 1];
    size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return n - (start - 1) < want ? start - 1 : n;
}

void lex_set_error(lang_error *err, int line, int column, const char *prefix, const char *token,
                   const char *suffix)
{
    bool missing = token[0] == '\0';
    err->kind = missing ? "TokenMissingError" : "SyntaxError";
    err->line = line;
    err->column = column;
    err->incomplete = missing;
    /* prefix ++ token ++ suffix, cut at the buffer's end */
    const char *pieces[3] = {prefix, token, suffix ? suffix : ""};
    size_t n = 0;
    for (int i = 0; i < 3; i++)
        for (const char *q = pieces[i]; *q && n + 1 < sizeof err->message; q++) err->message[n++] = *q;
    if (n + 1 == sizeof err->message) n = utf8_trim(err->message, n);
    err->message[n] = '\0';
}

typedef enum { LX_OK, LX_ERR, LX_CLOSE } lx_status;

static lx_status fail(lexer *lx, int line, int column, const char *prefix, const char *token,
                      const char *suffix)
{
    lex_set_error(lx->err, line, column, prefix, token, suffix);
    lx->string_error = false;
    return LX_ERR;
}

/* elixir_interpolation's {string, Line, Column, Message, []}: the caller
 * appends " (for string starting at line N)" or the like. */
static lx_status fail_string(lexer *lx, int line, int column, const char *message)
{
    fail(lx, line, column, message, "", NULL);
    lx->string_error = true;
    return LX_ERR;
}

static void finish_string_error(lexer *lx, const char *what, int line)
{
    if (!lx->string_error) return;
    size_t n = strlen(lx->err->message);
    snprintf(lx->err->message + n, sizeof lx->err->message - n, " (for %s starting at line %d)", what,
             line);
    lx->string_error = false;
}

/* ---- characters ---- */

static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_hex(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
static bool is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(int c) { return c >= 'a' && c <= 'z'; }
static bool is_letter(int c) { return is_upper(c) || is_lower(c); }
static bool is_ident_continue(int c) { return is_letter(c) || is_digit(c) || c == '_'; }
static bool is_space(int c) { return c == ' ' || c == '\t'; }
/* The characters Erlang's guards accept after "foo:" for a keyword. */
static bool is_kw_space(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static size_t remaining(const lexer *lx) { return (size_t)(lx->end - lx->p); }

/* The byte at offset i, or -1 past the end. */
static int at(const lexer *lx, size_t i) { return i < remaining(lx) ? lx->p[i] : -1; }

static bool starts_n(const lexer *lx, const char *lit, size_t n)
{
    if (remaining(lx) < n) return false;
    for (size_t i = 0; i < n; i++)
        if (lx->p[i] != (uint8_t)lit[i]) return false;
    return true;
}

static bool starts_at(const lexer *lx, size_t off, const char *lit, size_t n)
{
    if (remaining(lx) < off + n) return false;
    for (size_t i = 0; i < n; i++)
        if (lx->p[off + i] != (uint8_t)lit[i]) return false;
    return true;
}

/* starts(lx, "literal"): does the input at the cursor begin so? */
#define starts(lx, lit) starts_n(lx, lit, sizeof(lit) - 1)

/* The code point at p (the input is valid UTF-8); *n receives its size. */
static int32_t cp_at(const uint8_t *p, const uint8_t *end, size_t *n)
{
    if (*p < 0x80) {
        *n = 1;
        return *p;
    }
    size_t pos = 0;
    int32_t cp = term_utf8_decode(p, (size_t)(end - p), &pos);
    *n = pos ? pos : 1;
    return cp < 0 ? *p : cp;
}

/* Skips spaces and tabs from offset i; returns the new offset. */
static size_t skip_spaces(const lexer *lx, size_t i)
{
    while (is_space(at(lx, i))) i++;
    return i;
}

static void advance(lexer *lx, size_t bytes, int columns)
{
    lx->p += bytes;
    lx->column += columns;
}

/* handle_char: the names Elixir gives invisible characters. */
static const char *char_name(int32_t c, const char **escape)
{
    static const struct { int32_t c; const char *esc, *name; } names[] = {
        {0, "\\0", "null byte"},   {7, "\\a", "alert"},       {8, "\\b", "backspace"},
        {127, "\\d", "delete"},    {27, "\\e", "escape"},     {12, "\\f", "form feed"},
        {10, "\\n", "newline"},    {13, "\\r", "carriage return"}, {32, "\\s", "space"},
        {9, "\\t", "tab"},         {11, "\\v", "vertical tab"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].c == c) {
            if (escape) *escape = names[i].esc;
            return names[i].name;
        }
    return NULL;
}

/* io_lib:format("~4.16.0B"): four hex digits, or "****" when the number
 * does not fit the field, as for code points above U+FFFF */
static const char *hex4(int32_t c, char buf[8])
{
    if (c > 0xFFFF) return "****";
    snprintf(buf, 8, "%04X", (unsigned)c & 0xFFFF);
    return buf;
}

static lx_status unexpected_token(lexer *lx)
{
    size_t n;
    int32_t c = cp_at(lx->p, lx->end, &n);
    char msg[128], hex[8];
    const char *name = char_name(c, NULL);
    if (name)
        snprintf(msg, sizeof msg, "%s (column %d, code point U+%s)", name, lx->column, hex4(c, hex));
    else
        snprintf(msg, sizeof msg, "\"%.*s\" (column %d, code point U+%s)", (int)n, (const char *)lx->p,
                 lx->column, hex4(c, hex));
    return fail(lx, lx->line, lx->column, "unexpected token: ", msg, NULL);
}

static bool is_bidi(int32_t c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

/* ---- atoms ---- */

/* unsafe_to_atom: Elixir refuses more than 255 bytes (binaries) or
 * characters (charlists) before asking the VM. */
/* term_atom_new through the lexer's cache.  A name of up to 7 bytes is
 * its own key (its length in the low byte); a longer one is keyed by a
 * hash whose low byte is 0xFF and checked against the atom's name. */
static term_status intern(lexer *lx, const char *s, size_t len, term *out)
{
    if (len == 0) return term_atom_new(s, len, out);
    uint64_t key = len;
    if (len <= 7) {
        for (size_t i = 0; i < len; i++) key |= (uint64_t)(uint8_t)s[i] << (8 * (i + 1));
    } else {
        key = 0xcbf29ce484222325u; /* FNV-1a */
        for (size_t i = 0; i < len; i++) key = (key ^ (uint8_t)s[i]) * 0x100000001b3u;
        key |= 0xFF;
    }
    uint64_t h = key * 0x9e3779b97f4a7c15u;
    struct lex_atom_slot *slot = &lx->atoms[h >> (64 - 9)];
    if (slot->key == key &&
        (len <= 7 || (term_atom_len(slot->atom) == len && memcmp(term_atom_name(slot->atom), s, len) == 0))) {
        *out = slot->atom;
        return TERM_OK;
    }
    term_status st = term_atom_new(s, len, out);
    if (st == TERM_OK) {
        slot->key = key;
        slot->atom = *out;
    }
    return st;
}

static size_t utf8_chars(const char *s, size_t n);

/* Binaries (quoted atoms) are limited to 255 bytes, names to 255
 * characters, as unsafe_to_atom does. */
static lx_status make_atom(lexer *lx, const char *s, size_t len, int line, int column, term *out)
{
    if (len > 255 * 4 || (len > 255 && utf8_chars(s, len) > 255) || intern(lx, s, len, out) != TERM_OK) {
        char *name = lex_strdup(lx, s, len);
        return fail(lx, line, column, "atom length must be less than system limit: ", name, NULL);
    }
    return LX_OK;
}

/* A name known to be valid. */
#define atom_of(name) atom_known(lx, name, sizeof(name) - 1)
static term atom_known(lexer *lx, const char *s, size_t len)
{
    term a;
    if (intern(lx, s, len, &a) != TERM_OK) abort();
    return a;
}

/* ---- terminators: check_terminator and friends ---- */

static const char *open_text(int kind)
{
    switch (kind) {
    case LEX_LPAREN: return "(";
    case LEX_LBRACKET: return "[";
    case LEX_LCURLY: return "{";
    case LEX_LBIT: return "<<";
    case LEX_FN: return "fn";
    case LEX_DO: return "do";
    default: return "end";
    }
}

static const char *close_text(int kind)
{
    switch (kind) {
    case LEX_LPAREN: case LEX_RPAREN: return ")";
    case LEX_LBRACKET: case LEX_RBRACKET: return "]";
    case LEX_LCURLY: case LEX_RCURLY: return "}";
    case LEX_LBIT: case LEX_RBIT: return ">>";
    default: return "end";
    }
}

static struct lex_open *hint_find(lexer *lx, int kind)
{
    for (size_t i = lx->nhints; i-- > 0;)
        if (lx->hints[i].kind == kind) return &lx->hints[i];
    return NULL;
}

static void hint_add(lexer *lx, int kind, int line, int indentation)
{
    lx->hints = grow(lx->hints, &lx->caphints, lx->nhints + 1, sizeof *lx->hints);
    lx->hints[lx->nhints++] = (struct lex_open){(uint8_t)kind, line, indentation};
}

/* missing_terminator_hint */
static void missing_hint(lexer *lx, int start, char *buf, size_t size)
{
    struct lex_open *h = hint_find(lx, start);
    buf[0] = '\0';
    if (h)
        snprintf(buf, size, "\n\n    HINT: it looks like the \"%s\" on line %d does not have a matching \"%s\"\n",
                 open_text(start), h->line, close_text(start));
}

static void open_push(lexer *lx, int kind, int line)
{
    lx->opens = grow(lx->opens, &lx->capopens, lx->nopens + 1, sizeof *lx->opens);
    lx->opens[lx->nopens++] = (struct lex_open){(uint8_t)kind, line, lx->indentation};
}

/* check_terminator for a token of `kind` at line/column.  In an
 * interpolation, a "}" without an opener ends the interpolation. */
static lx_status check_terminator(lexer *lx, int kind, int line, int column, bool interp)
{
    bool empty = lx->nopens == lx->base;
    struct lex_open *topo = empty ? NULL : &lx->opens[lx->nopens - 1];
    switch (kind) {
    case LEX_LPAREN: case LEX_LBRACKET: case LEX_LCURLY: case LEX_LBIT:
        open_push(lx, kind, line);
        return LX_OK;
    case LEX_FN: case LEX_DO:
        if (topo && topo->kind == kind && lx->indentation <= topo->indentation)
            hint_add(lx, topo->kind, topo->line, topo->indentation);
        open_push(lx, kind, line);
        return LX_OK;
    default:
        break;
    }
    if (kind == LEX_END && topo && topo->kind == LEX_DO) {
        if (lx->indentation > topo->indentation) hint_add(lx, LEX_END, line, lx->indentation);
        lx->nopens--;
        return LX_OK;
    }
    if (topo) {
        const char *want = close_text(topo->kind);
        if (strcmp(want, close_text(kind)) == 0) {
            lx->nopens--;
            return LX_OK;
        }
        char suffix[256], hint[160];
        missing_hint(lx, topo->kind, hint, sizeof hint);
        snprintf(suffix, sizeof suffix, ". The \"%s\" at line %d is missing terminator \"%s\"%s",
                 open_text(topo->kind), topo->line, want, hint);
        return fail(lx, line, column, kind == LEX_END ? "unexpected reserved word: " : "unexpected token: ",
                    close_text(kind), suffix);
    }
    if (kind == LEX_END) {
        char suffix[160] = "";
        struct lex_open *h = hint_find(lx, LEX_END);
        if (h)
            snprintf(suffix, sizeof suffix,
                     "\n\n    HINT: it looks like the \"end\" on line %d does not have a matching \"do\" "
                     "defined before it\n",
                     h->line);
        return fail(lx, line, column, "unexpected reserved word: ", "end", suffix);
    }
    if (kind == LEX_RCURLY && interp) return LX_CLOSE;
    return fail(lx, line, column, "unexpected token: ", close_text(kind), NULL);
}

/* handle_terminator: a bracket-like token of `len` bytes at the cursor. */
static lx_status terminator(lexer *lx, lex_stream *s, int kind, size_t len, bool interp)
{
    int line = lx->line, column = lx->column;
    lex_token *prev = top(s);
    if (kind == LEX_LPAREN && prev && prev->kind == LEX_ALIAS) {
        char msg[512];
        snprintf(msg, sizeof msg,
                 "unexpected ( after alias %s. Function names and identifiers in Elixir start with "
                 "lowercase characters or underscore. For example:\n\n    hello_world()\n"
                 "    _starting_with_underscore()\n    numb3rs_are_allowed()\n"
                 "    may_finish_with_question_mark?()\n    may_finish_with_exclamation_mark!()\n\n"
                 "Unexpected token: ",
                 term_atom_name(prev->atom));
        return fail(lx, line, column + 1, msg, "(", NULL);
    }
    lx_status st = check_terminator(lx, kind, line, column, interp);
    if (st != LX_OK) return st;
    push(s, kind, line, column);
    advance(lx, len, (int)len);
    return LX_OK;
}

/* ---- numbers ---- */

/* tokenize_hex / tokenize_octal / tokenize_bin: "0x" and a digit seen. */
static lx_status number_based(lexer *lx, lex_stream *s, int base)
{
    int line = lx->line, column = lx->column;
    const uint8_t *start = lx->p;
    size_t i = 2;
    ciex_buf digits = {0};
    for (;;) {
        int c = at(lx, i);
        bool ok = base == 16 ? is_hex(c) : base == 8 ? (c >= '0' && c <= '7') : (c == '0' || c == '1');
        if (ok) {
            ciex_buf_putc(&digits, (uint8_t)c);
            i++;
            continue;
        }
        int d = at(lx, i + 1);
        bool next = base == 16 ? is_hex(d) : base == 8 ? (d >= '0' && d <= '7') : (d == '0' || d == '1');
        if (c == '_' && next) {
            i++;
            continue;
        }
        break;
    }
    lex_token *t = push(s, LEX_INT, line, column);
    t->text = lex_strdup(lx, digits.data, digits.len);
    t->len = (uint32_t)digits.len;
    extra(lx, t)->orig = lex_strdup(lx, start, i);
    t->x->orig_len = (uint32_t)i;
    t->base = (uint8_t)base;
    free(digits.data);
    advance(lx, i, (int)i);
    return LX_OK;
}

/* tokenize_number, then the "invalid character after number" check. */
static lx_status number(lexer *lx, lex_stream *s)
{
    int line = lx->line, column = lx->column;
    size_t i = 1;
    bool is_float = false;
    for (;;) {
        int c = at(lx, i), d = at(lx, i + 1);
        if (!is_float && c == '.' && is_digit(d)) {
            is_float = true;
            i += 2;
        } else if (c == '_' && is_digit(d)) {
            i += 2;
        } else if (is_float && (c == 'e' || c == 'E') && (d == '+' || d == '-') && is_digit(at(lx, i + 2))) {
            i += 3;
        } else if (is_float && (c == 'e' || c == 'E') && is_digit(d)) {
            i += 2;
        } else if (is_digit(c)) {
            i++;
        } else {
            break;
        }
    }
    const char *orig = lex_strdup(lx, lx->p, i);
    char *digits = lex_alloc(lx, i + 1);
    size_t n = 0;
    for (size_t k = 0; k < i; k++)
        if (orig[k] != '_') digits[n++] = orig[k];
    digits[n] = '\0';
    if (is_float) { /* list_to_float: one exponent at most, no overflow */
        char *endp;
        double v = strtod(digits, &endp);
        if (!isfinite(v) || *endp) return fail(lx, line, column, "invalid float number ", orig, NULL);
    }
    int c = at(lx, i);
    if (is_letter(c) || c == '_') {
        char msg[512], tok[2] = {(char)c, 0};
        snprintf(msg, sizeof msg,
                 "invalid character \"%c\" after number %s. If you intended to write a number, make sure "
                 "to separate the number from the character (using comma, space, etc). If you meant to "
                 "write a function name or a variable, note that identifiers in Elixir cannot start with "
                 "numbers. Unexpected token: ",
                 c, orig);
        return fail(lx, line, column, msg, tok, NULL);
    }
    lex_token *t = push(s, is_float ? LEX_FLT : LEX_INT, line, column);
    t->text = digits;
    t->len = (uint32_t)n;
    extra(lx, t)->orig = orig;
    t->x->orig_len = (uint32_t)i;
    t->base = 10;
    advance(lx, i, (int)i);
    return LX_OK;
}

/* ---- strings: elixir_interpolation:extract ---- */

static lx_status run(lexer *lx, lex_stream *s, bool interp);

static void flush_literal(lexer *lx, ciex_buf *buf, lex_parts *out)
{
    if (!buf->len) return;
    lex_part *p = parts_push(out);
    p->bytes = lex_strdup(lx, buf->data, buf->len);
    p->len = buf->len;
    buf->len = 0;
}

/* "#{" at the cursor: tokenize up to the matching "}". */
static lx_status interpolation(lexer *lx, ciex_buf *buf, lex_parts *out)
{
    flush_literal(lx, buf, out);
    int line = lx->line, column = lx->column;
    if (lx->depth >= lx->max_depth)
        return fail(lx, line, column, "interpolations nested too deeply: ", "#{", NULL);
    advance(lx, 2, 2);
    /* the nested run starts with no open terminators, and nothing it
     * learns about indentation or hints survives it */
    size_t base = lx->base, nopens = lx->nopens, nhints = lx->nhints;
    int indentation = lx->indentation;
    lx->base = lx->nopens;
    lx->depth++;
    lex_stream *st = stream_new(lx);
    lx_status r = run(lx, st, true);
    lx->depth--;
    lx->base = base;
    lx->nopens = nopens;
    lx->nhints = nhints;
    lx->indentation = indentation;
    if (r == LX_ERR) return LX_ERR;
    if (r == LX_OK) return fail_string(lx, line, column, "missing interpolation terminator: \"}\"");
    seal(st);
    lex_part *p = parts_push(out);
    p->interp = st;
    p->line = line;
    p->column = column;
    p->end_line = lx->line;
    p->end_column = lx->column;
    advance(lx, 1, 1); /* the "}" */
    return LX_OK;
}

/* extract_nl: a newline was just taken.  In a heredoc, a line holding only
 * the closing delimiter ends the string (its indentation is not content). */
static bool extract_newline(lexer *lx, ciex_buf *buf, bool heredoc, int last)
{
    lx->line++;
    lx->column = 1;
    if (!heredoc) return false;
    size_t i = skip_spaces(lx, 0);
    if (at(lx, i) == last && at(lx, i + 1) == last && at(lx, i + 2) == last) {
        advance(lx, i + 3, (int)i + 3);
        return true;
    }
    ciex_buf_put(buf, lx->p, i);
    advance(lx, i, (int)i);
    return false;
}

/* Extracts string contents up to `last` (three of them for a heredoc),
 * leaving the cursor after the delimiter.  Literal parts keep their
 * escapes; see unescape below. */
static lx_status extract(lexer *lx, bool interpol, int last, bool heredoc, lex_parts *out)
{
    ciex_buf buf = {0};
    lx_status st = LX_OK;
    for (;;) {
        if (remaining(lx) == 0) {
            char msg[64];
            if (heredoc)
                snprintf(msg, sizeof msg, "missing terminator: %c%c%c", last, last, last);
            else
                snprintf(msg, sizeof msg, "missing terminator: %c", last);
            st = fail_string(lx, lx->line, lx->column, msg);
            break;
        }
        int c = at(lx, 0), d = at(lx, 1);
        if (!heredoc && c == last) {
            advance(lx, 1, 1);
            break;
        }
        if (c == '\\' && d == '\r' && at(lx, 2) == '\n') {
            ciex_buf_put(&buf, "\\\r\n", 3);
            lx->p += 3;
            if (extract_newline(lx, &buf, heredoc, last)) break;
            continue;
        }
        if ((c == '\\' && d == '\n') || c == '\n') {
            size_t n = c == '\n' ? 1 : 2;
            ciex_buf_put(&buf, lx->p, n);
            lx->p += n;
            if (extract_newline(lx, &buf, heredoc, last)) break;
            continue;
        }
        if (!heredoc && c == '\\' && d == last) {
            ciex_buf_putc(&buf, (uint8_t)last);
            advance(lx, 2, 2);
            continue;
        }
        if (heredoc && c == '\\' && d == last && at(lx, 2) == last && at(lx, 3) == last) {
            ciex_buf_put(&buf, lx->p + 1, 3);
            advance(lx, 4, 4);
            continue;
        }
        if (interpol && c == '\\' && d == '#' && at(lx, 2) == '{') {
            ciex_buf_put(&buf, "\\#{", 3);
            advance(lx, 3, 1); /* sic: elixir_interpolation counts one column */
            continue;
        }
        if (interpol && c == '#' && d == '{') {
            if ((st = interpolation(lx, &buf, out)) != LX_OK) break;
            continue;
        }
        if (c == '\\') {
            ciex_buf_putc(&buf, '\\');
            advance(lx, 1, 1);
            if (remaining(lx) == 0) continue;
        }
        size_t n;
        int32_t cp = cp_at(lx->p, lx->end, &n);
        if (is_bidi(cp)) {
            char tok[16], suffix[128];
            snprintf(tok, sizeof tok, "\\u%04X", (unsigned)cp);
            snprintf(suffix, sizeof suffix,
                     ". If you want to use such character, use it in its escaped %s form instead", tok);
            st = fail(lx, lx->line, lx->column, "invalid bidirectional formatting character in string: ",
                      tok, suffix);
            break;
        }
        ciex_buf_put(&buf, lx->p, n);
        advance(lx, n, 1);
    }
    if (st == LX_OK) {
        flush_literal(lx, &buf, out);
        if (out->n == 0) { /* finish_extraction: "" is one empty part */
            lex_part *p = parts_push(out);
            p->bytes = "";
        }
    }
    free(buf.data);
    return st;
}

/* extract_heredoc_indent + extract_heredoc_head: strips `indent` spaces
 * after each newline of the literal parts, then the first newline. */
static void heredoc_dedent(lexer *lx, lex_parts *ps, int indent)
{
    for (size_t k = 0; k < ps->n; k++) {
        lex_part *p = &ps->items[k];
        if (p->interp) continue;
        char *o = lex_alloc(lx, p->len + 1);
        size_t n = 0;
        for (size_t i = 0; i < p->len;) {
            char c = p->bytes[i++];
            o[n++] = c;
            if (c != '\n') continue;
            for (int sp = indent; sp > 0 && i < p->len && (p->bytes[i] == ' ' || p->bytes[i] == '\t'); sp--) i++;
        }
        o[n] = '\0';
        p->bytes = o;
        p->len = n;
    }
    if (ps->n && !ps->items[0].interp && ps->items[0].len && ps->items[0].bytes[0] == '\n') {
        ps->items[0].bytes++;
        ps->items[0].len--;
    }
}

/* extract_heredoc_with_interpolation: the cursor is after the opening
 * delimiter; line/column are where the heredoc (or sigil) starts. */
static lx_status heredoc(lexer *lx, bool interpol, int h, int line, int column, lex_parts *out, int *indent)
{
    size_t i = skip_spaces(lx, 0);
    if (at(lx, i) == '\r' && at(lx, i + 1) == '\n') i++;
    if (at(lx, i) != '\n') {
        char tok[4] = {(char)h, (char)h, (char)h, 0};
        return fail(lx, line, column,
                    "heredoc allows only zero or more whitespace characters followed by a new line after ",
                    tok, NULL);
    }
    /* extract starts at the header's newline, which moves to the next line */
    lx->p += i;
    lx->line = line;
    if (extract(lx, interpol, h, true, out) != LX_OK) {
        finish_string_error(lx, "heredoc", line);
        return LX_ERR;
    }
    *indent = lx->column - 4;
    heredoc_dedent(lx, out, *indent);
    return LX_OK;
}

/* ---- unescaping: elixir_interpolation:unescape_chars ---- */

static int hexval(int c) { return is_digit(c) ? c - '0' : (c | 32) - 'a' + 10; }

/* \x{...} and \u{...}: up to six hex digits in braces.  Returns the digits
 * consumed after the brace, 0 when the form does not match. */
static size_t braced_hex(const char *s, size_t n, int32_t *cp)
{
    if (n < 3 || s[0] != '{') return 0;
    size_t k = 1;
    int32_t v = 0;
    while (k < n && k <= 6 && is_hex((unsigned char)s[k])) v = v * 16 + hexval((unsigned char)s[k++]);
    if (k == 1 || k >= n || s[k] != '}') return 0;
    *cp = v;
    return k + 1;
}

static bool append_codepoint(ciex_buf *o, int32_t cp, const char *digits, size_t ndigits, char *err, size_t errsize)
{
    uint8_t u[4];
    size_t n = term_utf8_encode(cp, u);
    if (!n) {
        snprintf(err, errsize, "invalid or reserved Unicode code point \\u{%.*s}", (int)ndigits, digits);
        return false;
    }
    ciex_buf_put(o, u, n);
    return true;
}

static int unescape_map(int c)
{
    switch (c) {
    case '0': return 0;
    case 'a': return 7;
    case 'b': return 8;
    case 'd': return 127;
    case 'e': return 27;
    case 'f': return 12;
    case 'n': return '\n';
    case 'r': return '\r';
    case 's': return ' ';
    case 't': return '\t';
    case 'v': return 11;
    default: return c;
    }
}

/* Unescapes one literal; on error fills msg/tok and returns false. */
static bool unescape_one(const char *s, size_t n, ciex_buf *o, char *msg, size_t msgsize, const char **tok)
{
    for (size_t i = 0; i < n;) {
        if (s[i] != '\\' || i + 1 >= n) {
            ciex_buf_putc(o, (uint8_t)s[i++]);
            continue;
        }
        char e = s[i + 1];
        const char *rest = s + i + 2;
        size_t rn = n - i - 2;
        int32_t cp;
        size_t used;
        if (e == 'x') {
            if (rn >= 2 && is_hex((unsigned char)rest[0]) && is_hex((unsigned char)rest[1])) {
                ciex_buf_putc(o, (uint8_t)(hexval((unsigned char)rest[0]) * 16 + hexval((unsigned char)rest[1])));
                i += 4;
            } else if (rn >= 1 && is_hex((unsigned char)rest[0])) {
                if (!append_codepoint(o, hexval((unsigned char)rest[0]), rest, 1, msg, msgsize)) goto unicode_error;
                i += 3;
            } else if ((used = braced_hex(rest, rn, &cp))) {
                if (!append_codepoint(o, cp, rest + 1, used - 2, msg, msgsize)) goto unicode_error;
                i += 2 + used;
            } else {
                snprintf(msg, msgsize, "invalid hex escape character, expected \\xHH where H is a hexadecimal digit");
                *tok = "\\x";
                return false;
            }
        } else if (e == 'u') {
            if (rn >= 4 && is_hex((unsigned char)rest[0]) && is_hex((unsigned char)rest[1]) &&
                is_hex((unsigned char)rest[2]) && is_hex((unsigned char)rest[3])) {
                cp = 0;
                for (int k = 0; k < 4; k++) cp = cp * 16 + hexval((unsigned char)rest[k]);
                if (!append_codepoint(o, cp, rest, 4, msg, msgsize)) goto unicode_error;
                i += 6;
            } else if ((used = braced_hex(rest, rn, &cp))) {
                if (!append_codepoint(o, cp, rest + 1, used - 2, msg, msgsize)) goto unicode_error;
                i += 2 + used;
            } else {
                snprintf(msg, msgsize,
                         "invalid Unicode escape character, expected \\uHHHH or \\u{H*} where H is a "
                         "hexadecimal digit");
                *tok = "\\u";
                return false;
            }
        } else if (e == '\n') {
            i += 2;
        } else if (e == '\r' && rn >= 1 && rest[0] == '\n') {
            i += 3;
        } else {
            ciex_buf_putc(o, (uint8_t)unescape_map((unsigned char)e));
            i += 2;
        }
    }
    return true;
unicode_error:
    *tok = "\\u";
    return false;
}

/* unescape_tokens: errors point at the string's own line and column. */
static lx_status unescape_parts(lexer *lx, lex_parts *ps, int line, int column)
{
    for (size_t k = 0; k < ps->n; k++) {
        lex_part *p = &ps->items[k];
        if (p->interp || !memchr(p->bytes, '\\', p->len)) continue;
        ciex_buf o = {0};
        char msg[160];
        const char *tok = "";
        bool ok = unescape_one(p->bytes, p->len, &o, msg, sizeof msg, &tok);
        if (ok) {
            p->bytes = lex_strdup(lx, o.data ? (const char *)o.data : "", o.len);
            p->len = o.len;
        }
        free(o.data);
        if (!ok) {
            strncat(msg, ". Syntax error after: ", sizeof msg - strlen(msg) - 1);
            return fail(lx, line, column, msg, tok, NULL);
        }
    }
    return LX_OK;
}

static void parts_store(lexer *lx, lex_token *t, lex_parts *ps)
{
    t->parts = lex_alloc(lx, ps->n * sizeof *ps->items);
    memcpy(t->parts, ps->items, ps->n * sizeof *ps->items);
    t->nparts = (uint32_t)ps->n;
    free(ps->items);
    ps->items = NULL;
    ps->n = ps->cap = 0;
}

static bool single_literal(const lex_parts *ps) { return ps->n == 1 && !ps->items[0].interp; }

/* handle_strings: a "..." or '...' string, or a quoted keyword "foo": */
static lx_status string(lexer *lx, lex_stream *s, int q)
{
    int line = lx->line, column = lx->column;
    lex_parts ps = {0};
    advance(lx, 1, 1);
    if (extract(lx, true, q, false, &ps) != LX_OK) {
        finish_string_error(lx, "string", line);
        free(ps.items);
        return LX_ERR;
    }
    bool kw = at(lx, 0) == ':' && is_kw_space(at(lx, 1));
    if (unescape_parts(lx, &ps, line, column + 1) != LX_OK) {
        free(ps.items);
        return LX_ERR;
    }
    lex_token *t;
    if (kw && single_literal(&ps)) {
        term a;
        if (ps.items[0].len > 255 ? fail(lx, line, column, "atom length must be less than system limit: ",
                                         lex_strdup(lx, ps.items[0].bytes, ps.items[0].len), NULL)
                                  : make_atom(lx, ps.items[0].bytes, ps.items[0].len, line, column, &a) != LX_OK) {
            free(ps.items);
            return LX_ERR;
        }
        t = push(s, LEX_KW_IDENTIFIER, line, column);
        t->atom = a;
        free(ps.items);
    } else {
        t = push(s, kw ? LEX_KW_IDENTIFIER_UNSAFE : q == '"' ? LEX_BIN_STRING : LEX_LIST_STRING, line, column);
        parts_store(lx, t, &ps);
    }
    if (kw) advance(lx, 1, 1);
    return LX_OK;
}

/* handle_heredocs */
static lx_status heredoc_string(lexer *lx, lex_stream *s, int h)
{
    int line = lx->line, column = lx->column, indent;
    lex_parts ps = {0};
    advance(lx, 3, 3);
    if (heredoc(lx, true, h, line, column, &ps, &indent) != LX_OK ||
        unescape_parts(lx, &ps, line, column) != LX_OK) {
        free(ps.items);
        return LX_ERR;
    }
    lex_token *t = push(s, h == '"' ? LEX_BIN_HEREDOC : LEX_LIST_HEREDOC, line, column);
    extra(lx, t)->indentation = indent;
    parts_store(lx, t, &ps);
    return LX_OK;
}

/* :"quoted atom" */
static lx_status quoted_atom(lexer *lx, lex_stream *s, int q)
{
    int line = lx->line, column = lx->column;
    lex_parts ps = {0};
    advance(lx, 2, 2);
    if (extract(lx, true, q, false, &ps) != LX_OK) {
        finish_string_error(lx, "atom", line);
        free(ps.items);
        return LX_ERR;
    }
    if (unescape_parts(lx, &ps, line, column) != LX_OK) {
        free(ps.items);
        return LX_ERR;
    }
    if (single_literal(&ps)) {
        term a;
        lx_status st = ps.items[0].len > 255
                           ? fail(lx, line, column, "atom length must be less than system limit: ",
                                  lex_strdup(lx, ps.items[0].bytes, ps.items[0].len), NULL)
                           : make_atom(lx, ps.items[0].bytes, ps.items[0].len, line, column, &a);
        free(ps.items);
        if (st != LX_OK) return st;
        push(s, LEX_ATOM_QUOTED, line, column)->atom = a;
        return LX_OK;
    }
    parts_store(lx, push(s, LEX_ATOM_UNSAFE, line, column), &ps);
    return LX_OK;
}

static int sigil_terminator(int h)
{
    switch (h) {
    case '(': return ')';
    case '[': return ']';
    case '{': return '}';
    case '<': return '>';
    default: return h;
    }
}

/* collect_modifiers */
static void sigil_modifiers(lexer *lx, lex_token *t)
{
    size_t i = 0;
    while (is_letter(at(lx, i)) || is_digit(at(lx, i))) i++;
    t->x->modifiers = lex_strdup(lx, lx->p, i);
    t->x->nmodifiers = (uint32_t)i;
    advance(lx, i, (int)i);
}

static lx_status sigil(lexer *lx, lex_stream *s)
{
    int line = lx->line, column = lx->column;
    int letter = at(lx, 1), h = at(lx, 2);
    bool interpol = is_lower(letter);
    lex_parts ps = {0};
    lex_extra *x = lex_alloc(lx, sizeof *x);
    memset(x, 0, sizeof *x);
    x->indentation = -1;
    if ((h == '"' || h == '\'') && at(lx, 3) == h && at(lx, 4) == h) {
        advance(lx, 5, 5);
        int indent;
        if (heredoc(lx, interpol, h, line, column, &ps, &indent) != LX_OK) {
            free(ps.items);
            return LX_ERR;
        }
        x->indentation = indent;
        char d[4] = {(char)h, (char)h, (char)h, 0};
        x->delimiter = lex_strdup(lx, d, 3);
    } else if (h == '/' || h == '<' || h == '"' || h == '\'' || h == '[' || h == '(' || h == '{' || h == '|') {
        advance(lx, 3, 3);
        if (extract(lx, interpol, sigil_terminator(h), false, &ps) != LX_OK) {
            char what[16];
            snprintf(what, sizeof what, "sigil ~%c%c", letter, h);
            finish_string_error(lx, what, line);
            free(ps.items);
            return LX_ERR;
        }
        char d[2] = {(char)h, 0};
        x->delimiter = lex_strdup(lx, d, 1);
    } else {
        size_t n;
        int32_t cp = cp_at(lx->p + 2, lx->end, &n);
        char msg[256], hex[8];
        snprintf(msg, sizeof msg,
                 "\"%.*s\" (column %d, code point U+%s). The available delimiters are: "
                 "//, ||, \"\", '', (), [], {}, <>",
                 (int)n, (const char *)lx->p + 2, column + 2, hex4(cp, hex));
        return fail(lx, line, column, "invalid sigil delimiter: ", msg, NULL);
    }
    lex_token *t = push(s, LEX_SIGIL, line, column);
    t->x = x;
    t->ch = letter;
    parts_store(lx, t, &ps);
    sigil_modifiers(lx, t);
    return LX_OK;
}

/* ---- identifiers ---- */

typedef struct ident {
    size_t len;     /* bytes */
    size_t chars;   /* code points */
    bool alias;     /* starts with an ASCII upper-case letter */
    bool upper;     /* starts with a non-ASCII upper-case letter: only an atom */
    bool ascii;     /* no character beyond ASCII */
    bool at;        /* contains '@' */
    bool punct;     /* ends with ! or ? */
} ident;

/* String.Tokenizer.tokenize/1: a letter or "_" (see lexer_unicode.h for
 * the non-ASCII ones), then letters, digits, "_", "@" and marks, and an
 * optional final "!" or "?". */
static bool scan_ident(const uint8_t *p, const uint8_t *end, ident *id)
{
    memset(id, 0, sizeof *id);
    id->ascii = true;
    if (p >= end) return false;
    size_t n;
    int32_t c = cp_at(p, end, &n);
    if (is_upper(c)) id->alias = true;
    else if (c >= 128 && LEX_UNICODE_IS(upper, c)) id->upper = true;
    else if (!(is_lower(c) || c == '_' || (c >= 128 && LEX_UNICODE_IS(start, c)))) return false;
    if (c >= 128) id->ascii = false;
    size_t i = n, chars = 1;
    while (p + i < end) {
        int b = p[i];
        if (b < 128) { /* the common case, without decoding */
            if (is_ident_continue(b) || b == '@') {
                if (b == '@') id->at = true;
                i++, chars++;
                continue;
            }
            if (b == '!' || b == '?') {
                id->punct = true;
                i++, chars++;
            }
            break;
        }
        c = cp_at(p + i, end, &n);
        if (!(LEX_UNICODE_IS(start, c) || LEX_UNICODE_IS(upper, c) || LEX_UNICODE_IS(continue, c))) break;
        id->ascii = false;
        i += n, chars++;
    }
    id->len = i;
    id->chars = chars;
    return true;
}

/* check_call_identifier: what follows decides the identifier's kind. */
static lex_kind call_kind(int next)
{
    return next == '(' ? LEX_PAREN_IDENTIFIER : next == '[' ? LEX_BRACKET_IDENTIFIER : LEX_IDENTIFIER;
}

static lex_token *push_name(lexer *lx, lex_stream *s, lex_kind kind, int line, int column, term atom,
                            const uint8_t *text, size_t len)
{
    (void)lx;
    lex_token *t = push(s, kind, line, column);
    t->atom = atom;
    t->text = (const char *)text; /* the source or the arena: both outlive the tokens */
    t->len = (uint32_t)len;
    return t;
}

static lx_status do_keyword(lexer *lx, lex_stream *s, bool interp)
{
    int line = lx->line, column = lx->column;
    lex_token *prev = top(s);
    if (prev && prev->kind == LEX_IDENTIFIER) {
        prev->kind = LEX_DO_IDENTIFIER;
    } else if (prev && prev->kind == LEX_FN) {
        return fail(lx, line, column, "unexpected reserved word: ", "do",
                    ". Anonymous functions are written as:\n\n    fn pattern -> expression end");
    } else if (prev && (prev->kind == LEX_COMMA || prev->kind == LEX_SEMI)) {
        return fail(lx, line, column, "unexpected reserved word: ", "do",
                    ". In case you wanted to write a \"do\" expression, you must either use do-blocks or "
                    "separate the keyword argument with comma. For example, you should either write:\n\n"
                    "    if some_condition? do\n      :this\n    else\n      :that\n    end\n\n"
                    "or the equivalent construct:\n\n    if(some_condition?, do: :this, else: :that)\n\n"
                    "where \"some_condition?\" is the first argument and the second argument is a keyword "
                    "list.\n\nYou may see this error if you forget a trailing comma before the \"do\" in a "
                    "\"do\" block");
    }
    lx_status st = check_terminator(lx, LEX_DO, line, column, interp);
    if (st != LX_OK) return st;
    push_with_eol(s, LEX_DO, line, column);
    advance(lx, 2, 2);
    return LX_OK;
}

static const struct {
    const char *name;
    lex_kind kind;
} keywords[] = { /* all of two to six letters */
    {"fn", LEX_FN},          {"do", LEX_DO},           {"end", LEX_END},      {"true", LEX_TRUE},
    {"false", LEX_FALSE},    {"nil", LEX_NIL},         {"not", LEX_UNARY_OP}, {"and", LEX_AND_OP},
    {"or", LEX_OR_OP},       {"when", LEX_WHEN_OP},    {"in", LEX_IN_OP},     {"after", LEX_BLOCK_IDENTIFIER},
    {"else", LEX_BLOCK_IDENTIFIER}, {"catch", LEX_BLOCK_IDENTIFIER}, {"rescue", LEX_BLOCK_IDENTIFIER},
};

/* The index in keywords[] of the name p[0..len), or -1: identifiers are
 * the commonest token, so this looks at the length and first letter
 * before comparing anything. */
static int keyword_index(const uint8_t *p, size_t len)
{
    if (len < 2 || len > 6 || !is_lower(p[0])) return -1;
    for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++)
        if (keywords[k].name[0] == p[0] && keywords[k].name[1] == p[1] && strlen(keywords[k].name) == len &&
            memcmp(keywords[k].name, p, len) == 0)
            return (int)k;
    return -1;
}

/* tokenize_keyword */
static lx_status keyword(lexer *lx, lex_stream *s, lex_kind kind, const char *name, size_t len, bool interp)
{
    int line = lx->line, column = lx->column;
    term a = atom_known(lx, name, len);
    switch (kind) {
    case LEX_DO:
        return do_keyword(lx, s, interp);
    case LEX_FN: case LEX_END: {
        lx_status st = check_terminator(lx, kind, line, column, interp);
        if (st != LX_OK) return st;
        push(s, kind, line, column);
        break;
    }
    case LEX_TRUE: case LEX_FALSE: case LEX_NIL:
        push(s, kind, line, column);
        break;
    case LEX_BLOCK_IDENTIFIER:
        push(s, kind, line, column)->atom = a;
        break;
    default: {
        lex_token *prev = top(s);
        if (at(lx, skip_spaces(lx, len)) == '/') {
            push_name(lx, s, LEX_IDENTIFIER, line, column, a, lx->p, len);
        } else if (kind == LEX_IN_OP && prev && prev->kind == LEX_UNARY_OP && prev->atom == atom_of("not")) {
            int nl = prev->line, nc = prev->column;
            s->n--;
            push_with_eol(s, LEX_IN_OP, nl, nc)->atom = atom_of("not in");
        } else {
            push_with_eol(s, kind, line, column)->atom = a;
        }
        break;
    }
    }
    advance(lx, len, (int)len);
    return LX_OK;
}

/* The last clause of tokenize/5: identifiers, aliases, keywords. */
static lx_status identifier(lexer *lx, lex_stream *s, bool interp)
{
    ident id;
    if (!scan_ident(lx->p, lx->end, &id)) return unexpected_token(lx);
    int line = lx->line, column = lx->column;
    lex_token *prev = top(s);
    int next = at(lx, id.len);
    bool maybe_keyword = !(prev && prev->kind == LEX_DOT) && (next != ':' || at(lx, id.len + 1) == ':');
    int k = maybe_keyword ? keyword_index(lx->p, id.len) : -1;
    if (k >= 0) return keyword(lx, s, keywords[k].kind, keywords[k].name, id.len, interp);
    term a;
    if (make_atom(lx, (const char *)lx->p, id.len, line, column, &a) != LX_OK) return LX_ERR;
    const char *name = term_atom_name(a);
    if (next == ':' && is_kw_space(at(lx, id.len + 1))) {
        push_name(lx, s, LEX_KW_IDENTIFIER, line, column, a, lx->p, id.len);
        advance(lx, id.len + 1, (int)id.chars + 1);
        return LX_OK;
    }
    if (next == ':' && at(lx, id.len + 1) != ':' && at(lx, id.len + 1) != -1) {
        char kw[300];
        snprintf(kw, sizeof kw, "%s:", name);
        return fail(lx, line, column, "keyword argument must be followed by space after: ", kw, NULL);
    }
    if (id.at) {
        char msg[128];
        snprintf(msg, sizeof msg, "invalid character \"@\" (code point U+0040) in %s: ",
                 id.alias ? "alias" : "identifier");
        return fail(lx, line, column, msg, name, NULL);
    }
    if (name[0] == '_' && (strcmp(name, "__aliases__") == 0 || strcmp(name, "__block__") == 0))
        return fail(lx, line, column, "reserved token: ", name, NULL);
    if (id.alias) {
        if (id.punct || !id.ascii) { /* tokenize_alias: the first character below 'A' or beyond ASCII */
            int32_t bad = 0;
            size_t n;
            for (size_t i = 0; i < id.len && !bad; i += n) {
                int32_t c = cp_at((const uint8_t *)name + i, (const uint8_t *)name + id.len, &n);
                if (c < 'A' || c > 127) bad = c;
            }
            char msg[200], hex[8];
            uint8_t u[4];
            size_t ulen = term_utf8_encode(bad, u);
            snprintf(msg, sizeof msg,
                     "invalid character \"%.*s\" (code point U+%s) in alias (only ASCII characters, without "
                     "punctuation, are allowed): ",
                     (int)ulen, (const char *)u, hex4(bad, hex));
            return fail(lx, line, column, msg, name, NULL);
        }
        push_name(lx, s, LEX_ALIAS, line, column, a, lx->p, id.len);
    } else if (id.upper) { /* "Été" is only valid as an atom */
        return unexpected_token(lx);
    } else {
        push_name(lx, s, call_kind(next), line, column, a, lx->p, id.len);
    }
    advance(lx, id.len, (int)id.chars);
    return LX_OK;
}

/* ":name" */
static lx_status atom_token(lexer *lx, lex_stream *s)
{
    ident id;
    int line = lx->line, column = lx->column;
    if (!scan_ident(lx->p + 1, lx->end, &id)) return unexpected_token(lx);
    term a;
    if (make_atom(lx, (const char *)lx->p + 1, id.len, line, column, &a) != LX_OK) return LX_ERR;
    push_name(lx, s, LEX_ATOM, line, column, a, lx->p + 1, id.len);
    advance(lx, id.len + 1, (int)id.chars + 1);
    return LX_OK;
}

/* ---- operators ---- */

/* handle_op and handle_unary_op: "op:" is a keyword, "op /" (as in &+/2)
 * is an identifier; otherwise the spaces after the operator are eaten. */
static lx_status op(lexer *lx, lex_stream *s, lex_kind kind, size_t len)
{
    int line = lx->line, column = lx->column;
    term a;
    a = atom_known(lx, (const char *)lx->p, len);
    if (at(lx, len) == ':' && is_kw_space(at(lx, len + 1))) {
        push_name(lx, s, LEX_KW_IDENTIFIER, line, column, a, lx->p, len);
        advance(lx, len + 1, (int)len + 1);
        return LX_OK;
    }
    size_t rest = skip_spaces(lx, len);
    bool unary = kind == LEX_UNARY_OP || kind == LEX_AT_OP || kind == LEX_DUAL_OP;
    if (at(lx, rest) == '/')
        push_name(lx, s, LEX_IDENTIFIER, line, column, a, lx->p, len);
    else if (unary)
        push(s, kind, line, column)->atom = a;
    else
        push_with_eol(s, kind, line, column)->atom = a;
    advance(lx, rest, (int)rest);
    return LX_OK;
}

/* Operators by their spelling; longest first within each length.  The
 * kind LEX_EOF marks entries the dot and atom tables accept but that
 * tokenize differently on their own. */
static const struct opdef {
    const char *s;
    lex_kind kind;
} ops3[] = {
    {"~~~", LEX_UNARY_OP}, {"===", LEX_COMP_OP},  {"!==", LEX_COMP_OP},  {"&&&", LEX_AND_OP},
    {"|||", LEX_OR_OP},    {"^^^", LEX_XOR_OP},   {"+++", LEX_CONCAT_OP}, {"---", LEX_CONCAT_OP},
    {"<<<", LEX_ARROW_OP}, {">>>", LEX_ARROW_OP}, {"~>>", LEX_ARROW_OP}, {"<<~", LEX_ARROW_OP},
    {"<~>", LEX_ARROW_OP}, {"<|>", LEX_ARROW_OP},
};

/* the two-character operators of tokenize/5, in clause order after "//" */
static const struct opdef ops2[] = {
    {"**", LEX_POWER_OP}, {"..", LEX_RANGE_OP}, {"++", LEX_CONCAT_OP}, {"--", LEX_CONCAT_OP},
    {"<>", LEX_CONCAT_OP}, {"|>", LEX_ARROW_OP}, {"~>", LEX_ARROW_OP}, {"<~", LEX_ARROW_OP},
    {"==", LEX_COMP_OP},  {"=~", LEX_COMP_OP},  {"!=", LEX_COMP_OP},   {"<=", LEX_REL_OP},
    {">=", LEX_REL_OP},   {"&&", LEX_AND_OP},   {"||", LEX_OR_OP},     {"<-", LEX_IN_MATCH_OP},
    {"\\\\", LEX_IN_MATCH_OP}, {"::", LEX_TYPE_OP}, {"->", LEX_STAB_OP},
};

/* the operators that may follow ":" (atoms) or "." (remote calls) */
static const char *const atom_ops2[] = {"==", "=~", "!=", "<=", ">=", "&&", "||", "|>", "~>", "<~",
                                        "<-", "\\\\", "++", "--", "<>", "**", "->", ".."};

static size_t match_op_table(const lexer *lx, size_t off, bool dot)
{
    int c = at(lx, off);
    for (size_t i = 0; i < sizeof ops3 / sizeof ops3[0]; i++)
        if (ops3[i].s[0] == c && starts_at(lx, off, ops3[i].s, 3)) return 3;
    for (size_t i = 0; i < sizeof atom_ops2 / sizeof atom_ops2[0]; i++)
        if (atom_ops2[i][0] == c && starts_at(lx, off, atom_ops2[i], 2)) return 2;
    if (dot && starts_at(lx, off, "::", 2)) return 2;
    if (c > 0 && strchr(dot ? "@!^&+-*/<>=|" : "@!^&+-*/<>=|.", c)) return 1; /* not NUL: strchr finds it */
    return 0;
}

/* ---- dots: tokenize_dot and handle_dot ---- */

static lx_status dot(lexer *lx, lex_stream *s)
{
    int dline = lx->line, dcol = lx->column;
    advance(lx, 1, 1);
    for (;;) { /* comments and newlines may follow a dot */
        size_t i = skip_spaces(lx, 0);
        if (at(lx, i) == '#') {
            advance(lx, i, (int)i);
            while (remaining(lx) && at(lx, 0) != '\n' && !(at(lx, 0) == '\r' && at(lx, 1) == '\n')) {
                size_t n;
                int32_t cp = cp_at(lx->p, lx->end, &n);
                if (is_bidi(cp)) {
                    char tok[16];
                    snprintf(tok, sizeof tok, "\\u%04X", (unsigned)cp);
                    return fail(lx, lx->line, 1, "invalid bidirectional formatting character in comment: ", tok, NULL);
                }
                lx->p += n;
            }
            lx->column = 1;
        } else if (at(lx, i) == '\n' || (at(lx, i) == '\r' && at(lx, i + 1) == '\n')) {
            lx->p += i + (at(lx, i) == '\r' ? 2 : 1);
            lx->line++;
            lx->column = 1;
        } else {
            advance(lx, i, (int)i);
            break;
        }
    }
    int line = lx->line, column = lx->column;
    size_t n = match_op_table(lx, 0, true);
    if (n) {
        term a;
        a = atom_known(lx, (const char *)lx->p, n);
        push_with_eol(s, LEX_DOT, dline, dcol);
        push_name(lx, s, call_kind(at(lx, n)), line, column, a, lx->p, n);
        advance(lx, n, (int)n);
        return LX_OK;
    }
    if (at(lx, 0) == '(') {
        push_with_eol(s, LEX_DOT_CALL_OP, dline, dcol)->atom = atom_of(".");
        return LX_OK;
    }
    int q = at(lx, 0);
    if (q == '"' || q == '\'') {
        lex_parts ps = {0};
        advance(lx, 1, 1);
        if (extract(lx, true, q, false, &ps) != LX_OK) {
            finish_string_error(lx, "function name", line);
            free(ps.items);
            return LX_ERR;
        }
        if (!single_literal(&ps)) {
            free(ps.items);
            char tok[2] = {(char)q, 0};
            return fail(lx, line, column,
                        "interpolation is not allowed when calling function/macro. Found interpolation in a "
                        "call starting with: ",
                        tok, NULL);
        }
        term a;
        lx_status st = make_atom(lx, ps.items[0].bytes, ps.items[0].len, line, column, &a);
        const char *name = ps.items[0].bytes;
        size_t len = ps.items[0].len;
        free(ps.items);
        if (st != LX_OK) return st;
        push_with_eol(s, LEX_DOT, dline, dcol);
        push_name(lx, s, call_kind(at(lx, 0)), line, column, a, (const uint8_t *)name, len);
        return LX_OK;
    }
    push_with_eol(s, LEX_DOT, dline, dcol);
    return LX_OK;
}

/* ---- the main loop: tokenize/5 ---- */

static void eol(lex_stream *s, int line, int column)
{
    lex_token *t = top(s);
    if (t && (t->kind == LEX_COMMA || t->kind == LEX_SEMI || t->kind == LEX_EOL))
        t->count++;
    else
        push(s, LEX_EOL, line, column)->count = 1;
}

/* tokenize_eol: the next line's indentation is remembered for hints. */
static void newline(lexer *lx, size_t bytes)
{
    lx->p += bytes;
    size_t i = skip_spaces(lx, 0);
    lx->p += i;
    lx->indentation = (int)i;
    lx->line++;
    lx->column = (int)i + 1;
}

/* A comment runs to the newline (a "\r\n" one included); only the
 * bidirectional formatting characters, all encoded from 0xE2, are
 * refused in it. */
/* Elixir's preserve_comments: the comment, then reset_eol, so that the
 * next comment counts only the newlines after this one. */
static void keep_comment(lexer *lx, lex_stream *s, const uint8_t *end)
{
    lex_token *t = top(s);
    bool folds = t && (t->kind == LEX_COMMA || t->kind == LEX_SEMI || t->kind == LEX_EOL);
    int next = 0;
    for (const uint8_t *q = end; q < lx->end;) {
        if (*q == ' ' || *q == '\t') q++;
        else if (*q == '\n') { next++; q++; }
        else if (*q == '\r' && q + 1 < lx->end && q[1] == '\n') { next++; q += 2; }
        else break;
    }
    lx->comments = grow(lx->comments, &lx->capcomments, lx->ncomments + 1, sizeof *lx->comments);
    lx->comments[lx->ncomments++] = (lex_comment){
        .line = lx->line, .column = lx->column,
        .previous_eol_count = folds ? t->count : t ? 0 : 1, .next_eol_count = next,
        .text = lx->p, .len = (size_t)(end - lx->p),
    };
    if (folds) t->count = 0;
}

static lx_status comment(lexer *lx, lex_stream *s)
{
    const uint8_t *nl = memchr(lx->p, '\n', remaining(lx));
    const uint8_t *end = nl ? nl : lx->end;
    if (nl && nl > lx->p && nl[-1] == '\r') end--;
    for (const uint8_t *q = lx->p; (q = memchr(q, 0xE2, (size_t)(end - q))) != NULL;) {
        size_t n;
        int32_t cp = cp_at(q, end, &n);
        if (is_bidi(cp)) {
            char tok[16];
            snprintf(tok, sizeof tok, "\\u%04X", (unsigned)cp);
            return fail(lx, lx->line, lx->column, "invalid bidirectional formatting character in comment: ",
                        tok, NULL);
        }
        q += n;
    }
    if (lx->keep_comments) keep_comment(lx, s, end);
    lx->p = end;
    return LX_OK;
}

/* "keyword-like" punctuation: ".: ", "%{}: ", "&: " ... */
static bool punct_keyword(lexer *lx, lex_stream *s)
{
    static const char *const names[] = {".", "...", "<<>>", "%{}", "%", "&", "{}", "..//"};
    if (at(lx, 1) != ':' && at(lx, 2) != ':' && at(lx, 3) != ':' && at(lx, 4) != ':') return false;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n = strlen(names[i]);
        if (remaining(lx) > n + 1 && names[i][0] == lx->p[0] && starts_n(lx, names[i], n) && lx->p[n] == ':' &&
            is_kw_space(lx->p[n + 1])) {
            push_name(lx, s, LEX_KW_IDENTIFIER, lx->line, lx->column, atom_known(lx, names[i], n), lx->p, n);
            advance(lx, n + 1, (int)n + 1);
            return true;
        }
    }
    return false;
}

/* ":..." ":<<>>" ":%{}" ":%" ":{}" ":..//" and the operator atoms */
static bool punct_atom(lexer *lx, lex_stream *s)
{
    static const char *const names[] = {"...", "<<>>", "%{}", "%", "{}", "..//"};
    int line = lx->line, column = lx->column;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n = strlen(names[i]);
        if (names[i][0] == at(lx, 1) && starts_at(lx, 1, names[i], n)) {
            push(s, LEX_ATOM, line, column)->atom = atom_known(lx, names[i], n);
            advance(lx, n + 1, (int)n + 1);
            return true;
        }
    }
    size_t n = 0;
    for (size_t i = 0; i < sizeof ops3 / sizeof ops3[0] && !n; i++)
        if (ops3[i].s[0] == at(lx, 1) && starts_at(lx, 1, ops3[i].s, 3)) n = 3;
    if (!n && starts(lx, ":::")) { /* :::, warned about, is :"::" */
        push(s, LEX_ATOM, line, column)->atom = atom_of("::");
        advance(lx, 3, 3);
        return true;
    }
    if (!n) n = match_op_table(lx, 1, false);
    if (!n) return false;
    term a;
    a = atom_known(lx, (const char *)lx->p + 1, n);
    push(s, LEX_ATOM, line, column)->atom = a;
    advance(lx, n + 1, (int)n + 1);
    return true;
}

/* handle_space_sensitive_tokens: "f -1" makes f an op_identifier. */
static bool space_sensitive(lexer *lx, lex_stream *s)
{
    lex_token *prev = top(s);
    int sign = at(lx, 0), next = at(lx, 1);
    if (!prev || prev->kind != LEX_IDENTIFIER || (sign != '+' && sign != '-') || next == -1) return false;
    if (is_kw_space(next) || (next && strchr("([<{%+-/>:", next))) return false;
    prev->kind = LEX_OP_IDENTIFIER;
    push(s, LEX_DUAL_OP, lx->line, lx->column)->atom = sign == '+' ? atom_of("+") : atom_of("-");
    advance(lx, 1, 1);
    return true;
}

static lx_status step(lexer *lx, lex_stream *s, bool interp);

/* The input ended with a bracket, fn or do still open.  Kept out of the
 * recursive path (run calls itself through interpolations). */
static __attribute__((noinline, cold)) lx_status missing_terminator(lexer *lx)
{
    struct lex_open *o = &lx->opens[lx->nopens - 1];
    char msg[256], hint[160];
    missing_hint(lx, o->kind, hint, sizeof hint);
    snprintf(msg, sizeof msg, "missing terminator: %s (for \"%s\" starting at line %d)%s", close_text(o->kind),
             open_text(o->kind), o->line, hint);
    return fail(lx, lx->line, lx->column, msg, "", NULL);
}

static lx_status run(lexer *lx, lex_stream *s, bool interp)
{
    for (;;) {
        if (remaining(lx) == 0) {
            seal(s);
            return lx->nopens > lx->base ? missing_terminator(lx) : LX_OK;
        }
        lx_status st = step(lx, s, interp);
        if (st != LX_OK) return st;
    }
}

/* One clause of tokenize/5.  The tests follow the Erlang clause order
 * wherever two clauses can match the same text. */
static lx_status step(lexer *lx, lex_stream *s, bool interp)
{
    int c = at(lx, 0);
    /* fast paths: no earlier clause starts with a letter, a space or a
     * newline, so these skip the operator tables; spaces then go on to
     * the token after them without another call */
    while (is_space(c)) {
        size_t i = skip_spaces(lx, 0);
        advance(lx, i, (int)i);
        if (space_sensitive(lx, s) || remaining(lx) == 0) return LX_OK;
        c = at(lx, 0);
    }
    if (is_letter(c) || c == '_') return identifier(lx, s, interp);
    int d = at(lx, 1), e = at(lx, 2);
    int line = lx->line, column = lx->column;
    if (c == '\n') {
        eol(s, line, column);
        newline(lx, 1);
        return LX_OK;
    }
    switch (c) { /* nor do these start any earlier clause */
    case ',':
        push(s, LEX_COMMA, line, column);
        advance(lx, 1, 1);
        return LX_OK;
    case '(': return terminator(lx, s, LEX_LPAREN, 1, interp);
    case '[': return terminator(lx, s, LEX_LBRACKET, 1, interp);
    case ')': return terminator(lx, s, LEX_RPAREN, 1, interp);
    case '}': return terminator(lx, s, LEX_RCURLY, 1, interp);
    case ']': return terminator(lx, s, LEX_RBRACKET, 1, interp);
    case '{': /* only "{}:" starts an earlier clause */
        if (d != '}') return terminator(lx, s, LEX_LCURLY, 1, interp);
        break;
    case '.': /* only "..", "...", "..//" and ".:" do */
        if (d != '.' && d != ':') return dot(lx, s);
        break;
    case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
        return number(lx, s); /* only "0x" "0b" "0o" start earlier ones */
    default: break;
    }

    if (c == '<' && column == 1 && starts(lx, "<<<<<<<")) {
        size_t n = 0;
        while (n < remaining(lx) && lx->p[n] != '\n' && lx->p[n] != '\r') n++;
        return fail(lx, line, 1, "found an unexpected version control marker, please resolve the conflicts: ",
                    lex_strdup(lx, lx->p, n), NULL);
    }
    if (c == '0' && d == 'x' && is_hex(e)) return number_based(lx, s, 16);
    if (c == '0' && d == 'b' && (e == '0' || e == '1')) return number_based(lx, s, 2);
    if (c == '0' && d == 'o' && e >= '0' && e <= '7') return number_based(lx, s, 8);
    if (c == '#') return comment(lx, s);
    if (c == '~' && is_letter(d) && e != -1) return sigil(lx, s);
    if (c == '?' && d == '\\' && e != -1) {
        size_t n;
        int32_t h = cp_at(lx->p + 2, lx->end, &n);
        lex_token *t = push(s, LEX_CHAR, line, column);
        t->ch = h < 128 ? unescape_map(h) : h;
        advance(lx, 2 + n, 3);
        return LX_OK;
    }
    if (c == '?' && d != -1) {
        size_t n;
        lex_token *t = push(s, LEX_CHAR, line, column);
        t->ch = cp_at(lx->p + 1, lx->end, &n);
        advance(lx, 1 + n, 2);
        return LX_OK;
    }
    if ((c == '"' || c == '\'') && d == c && e == c) return heredoc_string(lx, s, c);
    if (c == '"' || c == '\'') return string(lx, s, c);
    if (c == '\0' || c >= 0x80) return identifier(lx, s, interp); /* no operator starts so */
    if (c == ':' && (is_letter(d) || d == '_')) return atom_token(lx, s);
    if (strchr(".<%&{", c) && punct_keyword(lx, s)) return LX_OK;
    if (c == ':' && punct_atom(lx, s)) return LX_OK;
    if (starts(lx, "...")) {
        push_name(lx, s, call_kind(at(lx, 3)), line, column, atom_of("..."), lx->p, 3);
        advance(lx, 3, 3);
        return LX_OK;
    }
    if (starts(lx, "=>")) {
        push_with_eol(s, LEX_ASSOC_OP, line, column)->atom = atom_of("=>");
        advance(lx, 2, 2);
        return LX_OK;
    }
    if (starts(lx, "..//")) {
        size_t i = skip_spaces(lx, 4);
        if (at(lx, i) != '/') return unexpected_token(lx);
        push_name(lx, s, LEX_IDENTIFIER, line, column, atom_of("..//"), lx->p, 4);
        advance(lx, i, (int)i);
        return LX_OK;
    }
    /* the tables are scanned only when the next characters can continue
     * an operator (most operators are followed by a space) */
    bool opchar = strchr("~=!&|^+-<>*/\\:.", c) != NULL && d > 0 && strchr("~=!&|^+-<>*/\\:.", d) != NULL;
    for (size_t i = 0; opchar && e > 0 && strchr("~=&|^+-<>", e) && i < sizeof ops3 / sizeof ops3[0]; i++)
        if (ops3[i].s[0] == c && starts_n(lx, ops3[i].s, 3)) return op(lx, s, ops3[i].kind, 3);
    if (c == ',') {
        push(s, LEX_COMMA, line, column);
        advance(lx, 1, 1);
        return LX_OK;
    }
    if (starts(lx, "<<")) return terminator(lx, s, LEX_LBIT, 2, interp);
    if (starts(lx, ">>")) return terminator(lx, s, LEX_RBIT, 2, interp);
    switch (c) {
    case '(': return terminator(lx, s, LEX_LPAREN, 1, interp);
    case '{': return terminator(lx, s, LEX_LCURLY, 1, interp);
    case '[': return terminator(lx, s, LEX_LBRACKET, 1, interp);
    case ')': return terminator(lx, s, LEX_RPAREN, 1, interp);
    case '}': return terminator(lx, s, LEX_RCURLY, 1, interp);
    case ']': return terminator(lx, s, LEX_RBRACKET, 1, interp);
    default: break;
    }
    if (starts(lx, "//")) {
        push_with_eol(s, LEX_TERNARY_OP, line, column)->atom = atom_of("//");
        advance(lx, 2, 2);
        return LX_OK;
    }
    for (size_t i = 0; opchar && i < sizeof ops2 / sizeof ops2[0]; i++)
        if (ops2[i].s[0] == c && starts_n(lx, ops2[i].s, 2)) return op(lx, s, ops2[i].kind, 2);
    if (c == '&') { /* "&/" alone is the capture of the function "&" */
        size_t i = skip_spaces(lx, 1);
        bool ident = at(lx, i) == '/' && at(lx, skip_spaces(lx, i + 1)) != '/';
        push(s, ident ? LEX_IDENTIFIER : LEX_CAPTURE_OP, line, column)->atom = atom_of("&");
        advance(lx, 1, 1);
        return LX_OK;
    }
    switch (c) {
    case '@': return op(lx, s, LEX_AT_OP, 1);
    case '!': case '^': return op(lx, s, LEX_UNARY_OP, 1);
    case '<': case '>': return op(lx, s, LEX_REL_OP, 1);
    case '+': case '-': return op(lx, s, LEX_DUAL_OP, 1);
    case '*': case '/': return op(lx, s, LEX_MULT_OP, 1);
    case '=': return op(lx, s, LEX_MATCH_OP, 1);
    case '|': return op(lx, s, LEX_PIPE_OP, 1);
    default: break;
    }
    if (c == ':' && (d == '"' || d == '\'')) return quoted_atom(lx, s, d);
    if (c == ':') return atom_token(lx, s);
    if (is_digit(c)) return number(lx, s);
    if (is_space(c)) {
        size_t i = skip_spaces(lx, 0);
        advance(lx, i, (int)i);
        space_sensitive(lx, s);
        return LX_OK;
    }
    if (c == ';') {
        lex_token *t = top(s);
        if (!t || t->kind != LEX_SEMI) {
            push(s, LEX_SEMI, line, column);
            advance(lx, 1, 1);
            return LX_OK;
        }
        return unexpected_token(lx);
    }
    if (c == '\\') {
        if (remaining(lx) == 1 || (remaining(lx) == 2 && d == '\n') ||
            (remaining(lx) == 3 && d == '\r' && e == '\n'))
            return fail(lx, line, column, "invalid escape \\ at end of file", "", NULL);
        if (d == '\n' || (d == '\r' && e == '\n')) {
            newline(lx, d == '\n' ? 2 : 3);
            return LX_OK;
        }
        return unexpected_token(lx);
    }
    if (c == '\n' || (c == '\r' && d == '\n')) {
        eol(s, line, column);
        newline(lx, c == '\n' ? 1 : 2);
        return LX_OK;
    }
    if (c == '%') {
        if (d == '(' || d == '[') {
            char tok[3] = {'%', (char)d, 0};
            return fail(lx, line, column, "expected %{ to define a map, got: ", tok, NULL);
        }
        push(s, d == '{' ? LEX_MAP : LEX_PERCENT, line, column);
        advance(lx, 1, 1);
        return LX_OK;
    }
    if (c == '.') return dot(lx, s);
    return identifier(lx, s, interp);
}

/* Elixir reads source as UTF-8 (anything else fails before it reaches the
 * tokenizer); report the first bad byte as a syntax error.  Runs of ASCII
 * are skipped eight bytes at a time; the line and column are counted
 * only for the error. */
static bool check_utf8(lexer *lx)
{
    const uint8_t *p = lx->src, *end = lx->end;
    for (;;) {
        while (end - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            if (w & 0x8080808080808080u) break;
            p += 8;
        }
        while (p < end && *p < 0x80) p++;
        if (p == end) return true;
        size_t pos = 0;
        if (term_utf8_decode(p, (size_t)(end - p), &pos) < 0 || pos == 0) break;
        p += pos;
    }
    int line = lx->line, column = 1;
    for (const uint8_t *q = lx->src; q < p; q++) {
        if (*q == '\n') {
            line++;
            column = 1;
        } else if ((*q & 0xC0) != 0x80) {
            column++;
        }
    }
    char tok[8];
    snprintf(tok, sizeof tok, "\\x%02X", *p);
    fail(lx, line, column, "invalid UTF-8 in source: ", tok, NULL);
    return false;
}

static lex_stream *tokenize(lexer *lx, const char *src, size_t len, int first_line, int max_depth,
                            lang_error *err, bool keep_comments)
{
    memset(lx, 0, sizeof *lx);
    lx->keep_comments = keep_comments;
    lx->src = lx->p = (const uint8_t *)src;
    lx->end = lx->src + len;
    lx->line = first_line;
    lx->column = 1;
    lx->err = err;
    lx->max_depth = max_depth;
    if (!check_utf8(lx)) return NULL;
    lex_stream *s = stream_new(lx);
    /* typical code has a token per four or five bytes: reserve that much
     * rather than grow (and copy) a large array step by step */
    s->tok = grow(s->tok, &s->cap, len / 5 + 16, sizeof *s->tok);
    return run(lx, s, false) == LX_OK ? s : NULL;
}

lex_stream *lex_tokenize(lexer *lx, const char *src, size_t len, int first_line, int max_depth,
                         lang_error *err)
{
    return tokenize(lx, src, len, first_line, max_depth, err, false);
}

lex_stream *lex_tokenize_comments(lexer *lx, const char *src, size_t len, int first_line, int max_depth,
                                  lang_error *err)
{
    return tokenize(lx, src, len, first_line, max_depth, err, true);
}

/* ---- token text for "syntax error before: " (Erlang's ~tp) ---- */

typedef struct tbuf {
    char *p;
    size_t size, len;
} tbuf;

static void tput(tbuf *b, const char *fmt, ...)
{
    if (b->len + 1 >= b->size) return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->p + b->len, b->size - b->len, fmt, ap);
    va_end(ap);
    if (n > 0) b->len = b->len + (size_t)n < b->size ? b->len + (size_t)n : b->size - 1;
}

static bool erl_reserved(const char *s)
{
    static const char *const words[] = {"after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl",
                                        "bsr", "bxor", "case", "catch", "cond", "div", "end", "fun",
                                        "if", "let", "not", "of", "or", "orelse", "receive", "rem",
                                        "try", "when", "xor"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(s, words[i]) == 0) return true;
    return false;
}

/* io_lib:write_string's escapes: \n and friends by name, other control
 * characters in octal, the quote and the backslash escaped. */
static void put_string_char(tbuf *b, int32_t c, char quote)
{
    static const char named[] = "btnvfr";
    if (c == quote || c == '\\') tput(b, "\\%c", (char)c);
    else if (c >= 8 && c <= 13) tput(b, "\\%c", named[c - 8]);
    else if (c == 27) tput(b, "\\e");
    else if (c == 127) tput(b, "\\d");
    else if (c < 32 || (c >= 128 && c < 160)) tput(b, "\\%03o", (unsigned)c);
    else {
        uint8_t u[4];
        size_t n = term_utf8_encode(c, u);
        tput(b, "%.*s", (int)n, (const char *)u);
    }
}

/* io_lib:write_atom: unquoted when it starts with a lower-case Latin-1
 * letter and goes on with Latin-1 letters, digits, "_" and "@" */
static void put_atom(tbuf *b, term a)
{
    const char *s = term_atom_name(a);
    size_t len = term_atom_len(a), n;
    int32_t c = len ? cp_at((const uint8_t *)s, (const uint8_t *)s + len, &n) : 0;
    bool bare = (is_lower(c) || (c >= 0xDF && c <= 0xFF && c != 0xF7)) && !erl_reserved(s);
    for (size_t i = 0; bare && i < len; i += n) {
        c = cp_at((const uint8_t *)s + i, (const uint8_t *)s + len, &n);
        if (!(is_ident_continue(c) || c == '@' || (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7))) bare = false;
    }
    if (bare) {
        tput(b, "%s", s);
        return;
    }
    tput(b, "'");
    for (size_t i = 0; i < len; i += n) put_string_char(b, cp_at((const uint8_t *)s + i, (const uint8_t *)s + len, &n), '\'');
    tput(b, "'");
}

/* io_lib's printable_latin1_list: what ~tp shows as text (Erlang's
 * default printable range is Latin-1, so other characters print as bytes) */
static bool printable_cp(int32_t c)
{
    return (c >= 32 && c < 127) || (c >= 160 && c <= 255) || (c >= 8 && c <= 13) || c == 27;
}

static void put_escaped(tbuf *b, int32_t c) { put_string_char(b, c, '"'); }

/* A binary as ~tp prints it: <<"abc">>, <<"é"/utf8>>, <<"ÿ">> (a Latin-1
 * byte) or <<1,2,3>>.  io_lib_pretty's printable_bin: valid UTF-8 is shown
 * as text only if every character is printable, other binaries as Latin-1
 * text if every byte is.  Returns true for the <<1,2,3>> form, which
 * io_lib_pretty lays out differently. */
static bool put_binary(tbuf *b, const char *s, size_t len)
{
    const uint8_t *u = (const uint8_t *)s;
    if (len == 0) {
        tput(b, "<<>>");
        return false;
    }
    bool utf8 = term_utf8_valid(u, len), ascii = true, text = true;
    if (utf8) {
        for (size_t i = 0; text && i < len;) {
            int32_t c = term_utf8_decode(u, len, &i);
            if (c >= 128) ascii = false;
            if (!printable_cp(c)) text = false;
        }
    } else {
        for (size_t i = 0; text && i < len; i++) text = printable_cp(u[i]);
    }
    if (text && utf8) {
        tput(b, "<<\"");
        for (size_t i = 0; i < len;) put_escaped(b, term_utf8_decode(u, len, &i));
        tput(b, ascii ? "\">>" : "\"/utf8>>");
    } else if (text) {
        tput(b, "<<\"");
        for (size_t i = 0; i < len; i++) put_escaped(b, u[i]);
        tput(b, "\">>");
    } else {
        tput(b, "<<");
        for (size_t i = 0; i < len; i++) tput(b, i ? ",%u" : "%u", u[i]);
        tput(b, ">>");
    }
    return !text;
}

/* io_lib:write_char: $a, $\n, $\000 */
static void put_char(tbuf *b, int32_t c)
{
    static const struct { int32_t c; const char *s; } named[] = {
        {'\n', "n"}, {' ', "s"}, {'\\', "\\"}, {127, "d"}, {27, "e"}, {8, "b"},
        {11, "v"}, {12, "f"}, {13, "r"}, {9, "t"},
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (named[i].c == c) {
            tput(b, "$\\%s", named[i].s);
            return;
        }
    if (c < 32 || (c >= 128 && c < 160)) {
        tput(b, "$\\%03o", (unsigned)c);
        return;
    }
    uint8_t u[4];
    size_t n = term_utf8_encode(c, u);
    tput(b, "$%.*s", (int)n, (const char *)u);
}

/* Erlang's ~tp breaks terms longer than a line (io_lib_pretty), so the
 * token is first built as a tree of leaves, lists and tuples, then
 * written flat or broken the way io_lib_pretty breaks it.  A binary shown
 * as bytes is a node of its own: io_lib_pretty does not count it as
 * "atomic" and wraps its bytes. */
typedef struct pnode {
    uint8_t kind; /* PN_LEAF, PN_BIN, PN_LIST, PN_TUPLE */
    bool atom;    /* a leaf holding an atom: a tuple starting so is "tagged" */
    char *text;   /* leaf, bin */
    size_t chars; /* characters of the flat form */
    struct pnode **kids;
    size_t n, cap;
} pnode;

enum { PN_LEAF, PN_BIN, PN_LIST, PN_TUPLE };
#define PP_LINE 80

static pnode *pn_add(pnode *parent, int kind)
{
    pnode *n = ciex_xcalloc(1, sizeof *n, "compiler");
    n->kind = (uint8_t)kind;
    if (parent) {
        parent->kids = grow(parent->kids, &parent->cap, parent->n + 1, sizeof *parent->kids);
        parent->kids[parent->n++] = n;
    }
    return n;
}

static size_t utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
    return c;
}

/* A leaf (or bin) holding what `b` (a scratch buffer) received. */
static void pn_take_kind(pnode *parent, tbuf *b, int kind, bool atom)
{
    pnode *n = pn_add(parent, kind);
    n->text = ciex_xmalloc(b->len + 1, "compiler");
    memcpy(n->text, b->p, b->len);
    n->text[b->len] = '\0';
    n->chars = utf8_chars(n->text, b->len);
    n->atom = atom;
    b->len = 0;
}

static void pn_take(pnode *parent, tbuf *b, bool atom) { pn_take_kind(parent, b, PN_LEAF, atom); }

static void pn_binary(pnode *parent, tbuf *b, const char *s, size_t len)
{
    bool bytes = put_binary(b, s, len);
    pn_take_kind(parent, b, bytes ? PN_BIN : PN_LEAF, false);
}

static void pn_free(pnode *n)
{
    for (size_t i = 0; i < n->n; i++) pn_free(n->kids[i]);
    free(n->kids);
    free(n->text);
    free(n);
}

static bool pn_compound(const pnode *n) { return n->kind == PN_LIST || n->kind == PN_TUPLE; }

static size_t pn_flat_size(pnode *n)
{
    if (!pn_compound(n)) return n->chars;
    size_t c = 2 + (n->n ? n->n - 1 : 0);
    for (size_t i = 0; i < n->n; i++) c += pn_flat_size(n->kids[i]);
    n->chars = c;
    return c;
}

static void pn_flat(tbuf *b, const pnode *n)
{
    if (!pn_compound(n)) {
        tput(b, "%s", n->text);
        return;
    }
    tput(b, n->kind == PN_LIST ? "[" : "{");
    for (size_t i = 0; i < n->n; i++) {
        if (i) tput(b, ",");
        pn_flat(b, n->kids[i]);
    }
    tput(b, n->kind == PN_LIST ? "]" : "}");
}

/* The layout state io_lib_pretty threads through: the output; M, the
 * flat size of the whole term (its line_max_chars default); and TInd, the
 * indentation for the elements of tagged tuples, chosen up front by
 * cind() below.  `w` in the functions below is io_lib_pretty's W, the
 * width already used on the current line. */
typedef struct pp_out {
    tbuf *b;
    int m, tind;
} pp_out;

static void pp(pp_out *o, const pnode *n, int col, int ind, int ld, int w);

static int last_depth(size_t i, size_t n, int ld) { return i + 1 < n ? 0 : ld + 1; }

static bool pp_fits(const pp_out *o, int len, int col, int ld, int w)
{
    return len < PP_LINE - col - ld && len + w + ld <= o->m;
}

/* Whether element i, elen characters with its comma, stays on the line. */
static bool pp_tail_fits(const pp_out *o, const pnode *n, size_t i, int col, int ld, int w)
{
    const pnode *e = n->kids[i];
    int ld1 = last_depth(i, n->n, ld), elen = 1 + (int)e->chars;
    if (e->kind != PN_LEAF) return false;
    return ld1 == 0 ? elen + 1 < PP_LINE - col && w + elen + 1 <= o->m : pp_fits(o, elen, col, ld1, w);
}

/* io_lib_pretty:pp_element: anything but a leaf forces the next element
 * onto a new line; the returned width says so. */
static int pp_element(pp_out *o, const pnode *e, int col, int ind, int ld, int w)
{
    if (e->kind == PN_LEAF && pp_fits(o, (int)e->chars, col, ld, w)) {
        pn_flat(o->b, e);
        return (int)e->chars;
    }
    pp(o, e, col, ind, ld, w);
    return PP_LINE;
}

/* pp_tail: elements from `from`, continuing a line at col; broken lines
 * start at col0 */
static void pp_tail(pp_out *o, const pnode *n, size_t from, int col0, int col, int ind, int ld, int w)
{
    for (size_t i = from; i < n->n; i++) {
        const pnode *e = n->kids[i];
        if (pp_tail_fits(o, n, i, col, ld, w)) {
            tput(o->b, ",");
            pn_flat(o->b, e);
            col += 1 + (int)e->chars;
            w += 1 + (int)e->chars;
        } else {
            tput(o->b, ",\n%*s", ind, "");
            int we = pp_element(o, e, col0, ind, last_depth(i, n->n, ld), 0);
            col = col0 + we;
            w = we;
        }
    }
}

/* pp_list: elements from `first`, the first at col0 */
static void pp_list(pp_out *o, const pnode *n, size_t first, int col0, int ind, int ld, int w)
{
    if (first >= n->n) return;
    int we = pp_element(o, n->kids[first], col0, ind, last_depth(first, n->n, ld), w);
    pp_tail(o, n, first + 1, col0, col0 + we, ind, ld, w + we);
}

/* io_lib_pretty:pp_binary: "<<1,2,...>>" broken after a comma when the
 * next byte would pass the line */
static void pp_binary(pp_out *o, const pnode *n, int col, int ind, int ld, int w)
{
    int room = PP_LINE - col < o->m - 4 - w ? PP_LINE - col : o->m - 4 - w;
    int n0 = room - ld > 8 ? room - ld : 8, left = n0;
    const char *s = n->text + 2, *end = n->text + strlen(n->text) - 2;
    tput(o->b, "<<");
    while (s < end) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        int len = (int)((comma ? comma + 1 : end) - s);
        if (comma ? left - len < 0 : len > left) {
            tput(o->b, "\n%*s", ind, "");
            left = n0;
        }
        tput(o->b, "%.*s", len, s);
        left -= len;
        s += len;
    }
    tput(o->b, ">>");
}

static bool pn_tagged(const pnode *n) { return n->kind == PN_TUPLE && n->n > 1 && n->kids[0]->atom; }

static void pp(pp_out *o, const pnode *n, int col, int ind, int ld, int w)
{
    if (n->kind == PN_LEAF || pp_fits(o, (int)n->chars, col, ld, w)) {
        pn_flat(o->b, n);
        return;
    }
    if (n->kind == PN_BIN) {
        pp_binary(o, n, col + 2, ind + 2, ld, w);
        return;
    }
    if (pn_tagged(n)) { /* pp_tag_tuple: {tag, then the rest indented */
        int tlen = (int)n->kids[0]->chars, tag = tlen + 2;
        tput(o->b, "{%s", n->kids[0]->text);
        if (o->tind > 0 && tag > o->tind) {
            pp_tail(o, n, 1, col + o->tind, col + tag, ind + o->tind, ld, w + 1 + tlen);
        } else {
            tput(o->b, ",");
            pp_list(o, n, 1, col + tag, ind + tag, ld, w + tag);
        }
        tput(o->b, "}");
        return;
    }
    tput(o->b, n->kind == PN_LIST ? "[" : "{");
    pp_list(o, n, 0, col + 1, ind + 1, ld, w + 1);
    tput(o->b, n->kind == PN_LIST ? "]" : "}");
}

/* io_lib_pretty:cind: a dry run of pp() that fails when a tagged tuple
 * would be laid out too far right with this TInd. */
static bool cind(const pp_out *o, const pnode *n, int col, int ld, int w);

static bool cind_element(const pp_out *o, const pnode *e, int col, int ld, int w, int *we)
{
    if (e->kind == PN_LEAF && pp_fits(o, (int)e->chars, col, ld, w)) {
        *we = (int)e->chars;
        return true;
    }
    *we = PP_LINE;
    return cind(o, e, col, ld, w);
}

static bool cind_tail(const pp_out *o, const pnode *n, size_t from, int col0, int col, int ld, int w)
{
    for (size_t i = from; i < n->n; i++) {
        int we;
        if (pp_tail_fits(o, n, i, col, ld, w)) {
            col += 1 + (int)n->kids[i]->chars;
            w += 1 + (int)n->kids[i]->chars;
        } else {
            if (!cind_element(o, n->kids[i], col0, last_depth(i, n->n, ld), 0, &we)) return false;
            col = col0 + we;
            w = we;
        }
    }
    return true;
}

static bool cind_list(const pp_out *o, const pnode *n, size_t first, int col0, int ld, int w)
{
    int we;
    if (first >= n->n) return true;
    if (!cind_element(o, n->kids[first], col0, last_depth(first, n->n, ld), w, &we)) return false;
    return cind_tail(o, n, first + 1, col0, col0 + we, ld, w + we);
}

static bool cind(const pp_out *o, const pnode *n, int col, int ld, int w)
{
    if (!pn_compound(n) || pp_fits(o, (int)n->chars, col, ld, w)) return true;
    if (!pn_tagged(n)) return cind_list(o, n, 0, col + 1, ld, w + 1);
    int tlen = (int)n->kids[0]->chars, tag = tlen + 2;
    if (o->tind > 0 && tag > o->tind) {
        int col1 = col + o->tind;
        if (o->m + col1 > PP_LINE && col1 > PP_LINE / 2) return false;
        return cind_tail(o, n, 1, col1, col + tag, ld, w + 1 + tlen);
    }
    if (o->m + col + tag >= PP_LINE && col + tag >= PP_LINE / 2) return false;
    return cind_list(o, n, 1, col + tag, ld, w + 1 + tlen + 1);
}

static void pn_token(pnode *parent, tbuf *scratch, const lex_token *t, bool whole);

/* The parts list of a string token: [<<"a">>, {{1,2,nil},{1,5,nil},[...]}] */
static void pn_parts(pnode *parent, tbuf *scratch, const lex_token *t)
{
    pnode *list = pn_add(parent, PN_LIST);
    for (uint32_t i = 0; i < t->nparts; i++) {
        const lex_part *p = &t->parts[i];
        if (!p->interp) {
            pn_binary(list, scratch, p->bytes, p->len);
            continue;
        }
        pnode *tuple = pn_add(list, PN_TUPLE);
        for (int k = 0; k < 2; k++) {
            pnode *loc = pn_add(tuple, PN_TUPLE);
            tput(scratch, "%d", k ? p->end_line : p->line);
            pn_take(loc, scratch, false);
            tput(scratch, "%d", k ? p->end_column : p->column);
            pn_take(loc, scratch, false);
            tput(scratch, "nil");
            pn_take(loc, scratch, true);
        }
        pnode *toks = pn_add(tuple, PN_LIST);
        for (size_t k = 0; k < p->interp->n; k++) pn_token(toks, scratch, &p->interp->tok[k], true);
    }
}

static const char *kind_name(int kind)
{
    static const char *const names[LEX_KIND_COUNT] = {
        [LEX_IDENTIFIER] = "identifier", [LEX_PAREN_IDENTIFIER] = "paren_identifier",
        [LEX_BRACKET_IDENTIFIER] = "bracket_identifier", [LEX_DO_IDENTIFIER] = "do_identifier",
        [LEX_OP_IDENTIFIER] = "op_identifier", [LEX_BLOCK_IDENTIFIER] = "block_identifier",
        [LEX_KW_IDENTIFIER] = "kw_identifier", [LEX_KW_IDENTIFIER_UNSAFE] = "kw_identifier_unsafe",
        [LEX_ALIAS] = "alias", [LEX_INT] = "int", [LEX_FLT] = "flt", [LEX_CHAR] = "char",
        [LEX_ATOM] = "atom", [LEX_ATOM_QUOTED] = "atom_quoted", [LEX_ATOM_UNSAFE] = "atom_unsafe",
        [LEX_BIN_STRING] = "bin_string", [LEX_LIST_STRING] = "list_string",
        [LEX_BIN_HEREDOC] = "bin_heredoc", [LEX_LIST_HEREDOC] = "list_heredoc", [LEX_SIGIL] = "sigil",
        [LEX_TRUE] = "true", [LEX_FALSE] = "false", [LEX_NIL] = "nil", [LEX_FN] = "fn",
        [LEX_DO] = "do", [LEX_END] = "'end'", [LEX_EOL] = "eol", [LEX_SEMI] = "';'",
        [LEX_COMMA] = "','", [LEX_DOT] = "'.'", [LEX_DOT_CALL_OP] = "dot_call_op",
        [LEX_LPAREN] = "'('", [LEX_RPAREN] = "')'", [LEX_LBRACKET] = "'['", [LEX_RBRACKET] = "']'",
        [LEX_LCURLY] = "'{'", [LEX_RCURLY] = "'}'", [LEX_LBIT] = "'<<'", [LEX_RBIT] = "'>>'",
        [LEX_MAP] = "'%{}'", [LEX_PERCENT] = "'%'", [LEX_AT_OP] = "at_op", [LEX_UNARY_OP] = "unary_op",
        [LEX_CAPTURE_OP] = "capture_op", [LEX_DUAL_OP] = "dual_op", [LEX_TERNARY_OP] = "ternary_op",
        [LEX_RANGE_OP] = "range_op", [LEX_MULT_OP] = "mult_op", [LEX_POWER_OP] = "power_op",
        [LEX_CONCAT_OP] = "concat_op", [LEX_XOR_OP] = "xor_op", [LEX_IN_OP] = "in_op",
        [LEX_ARROW_OP] = "arrow_op", [LEX_REL_OP] = "rel_op", [LEX_COMP_OP] = "comp_op",
        [LEX_AND_OP] = "and_op", [LEX_OR_OP] = "or_op", [LEX_MATCH_OP] = "match_op",
        [LEX_IN_MATCH_OP] = "in_match_op", [LEX_TYPE_OP] = "type_op", [LEX_PIPE_OP] = "pipe_op",
        [LEX_WHEN_OP] = "when_op", [LEX_ASSOC_OP] = "assoc_op", [LEX_STAB_OP] = "stab_op",
    };
    return kind < LEX_KIND_COUNT && names[kind] ? names[kind] : "";
}

static void put_charlist(tbuf *b, const char *s, size_t n)
{
    tput(b, "\"");
    for (size_t i = 0; i < n; i++) put_escaped(b, (unsigned char)s[i]);
    tput(b, "\"");
}

/* The value part of a token, or (whole) the token tuple itself as it
 * appears inside an interpolation's token list. */
static void pn_token(pnode *parent, tbuf *scratch, const lex_token *t, bool whole)
{
    bool has_value = t->atom != TERM_NONE || t->kind == LEX_INT || t->kind == LEX_FLT ||
                     t->kind == LEX_CHAR || t->nparts || t->kind == LEX_SIGIL;
    bool bare = t->kind == LEX_BIN_HEREDOC || t->kind == LEX_LIST_HEREDOC || t->kind == LEX_SIGIL;
    pnode *into = parent;
    if (whole || bare) {
        into = pn_add(parent, PN_TUPLE);
        tput(scratch, "%s", kind_name(t->kind));
        pn_take(into, scratch, true);
        pnode *loc = pn_add(into, PN_TUPLE);
        tput(scratch, "%d", t->line);
        pn_take(loc, scratch, false);
        tput(scratch, "%d", t->column);
        pn_take(loc, scratch, false);
        bool atom = false;
        if (t->text && t->atom != TERM_NONE) put_charlist(scratch, t->text, t->len);
        else if (t->kind == LEX_EOL || t->kind == LEX_COMMA || t->kind == LEX_SEMI) tput(scratch, "%d", t->count);
        else if (t->kind == LEX_INT || t->kind == LEX_FLT) tput(scratch, "%s", t->text);
        else {
            tput(scratch, "nil");
            atom = true;
        }
        pn_take(loc, scratch, atom);
        if (!has_value && !bare) return;
    }
    switch (t->kind) {
    case LEX_INT: case LEX_FLT:
        put_charlist(scratch, t->x->orig, t->x->orig_len);
        break;
    case LEX_CHAR:
        if (whole) tput(scratch, "%d", t->ch);
        else put_char(scratch, t->ch);
        break;
    case LEX_BIN_HEREDOC: case LEX_LIST_HEREDOC:
        tput(scratch, "%d", t->x->indentation);
        pn_take(into, scratch, false);
        pn_parts(into, scratch, t);
        return;
    case LEX_SIGIL:
        tput(scratch, "%d", t->ch);
        pn_take(into, scratch, false);
        pn_parts(into, scratch, t);
        if (t->x->nmodifiers) put_charlist(scratch, t->x->modifiers, t->x->nmodifiers);
        else tput(scratch, "[]");
        pn_take(into, scratch, false);
        if (t->x->indentation >= 0) tput(scratch, "%d", t->x->indentation);
        else tput(scratch, "nil");
        pn_take(into, scratch, t->x->indentation < 0);
        put_binary(scratch, t->x->delimiter, strlen(t->x->delimiter));
        break;
    case LEX_BIN_STRING: case LEX_LIST_STRING: case LEX_ATOM_UNSAFE: case LEX_KW_IDENTIFIER_UNSAFE:
        pn_parts(into, scratch, t);
        return;
    default:
        if (t->atom != TERM_NONE) {
            put_atom(scratch, t->atom);
            pn_take(into, scratch, true);
            return;
        }
        tput(scratch, "%s", kind_name(t->kind));
        break;
    }
    pn_take(into, scratch, false);
}

void lex_token_text(const lex_token *t, char *buf, size_t size)
{
    tbuf b = {buf, size, 0};
    buf[0] = '\0';
    if (t->kind == LEX_EOF) return;
    if (t->kind == LEX_DOT_CALL_OP) {
        tput(&b, "'.'");
        return;
    }
    char scratch_space[4096];
    tbuf scratch = {scratch_space, sizeof scratch_space, 0};
    pnode *root = pn_add(NULL, PN_LIST); /* a holder for the one term */
    pn_token(root, &scratch, t, false);
    pnode *term_node = root->kids[0];
    pp_out o = {&b, (int)pn_flat_size(term_node), -1};
    if ((int)term_node->chars < PP_LINE - 1) {
        pn_flat(&b, term_node);
    } else {
        /* io_lib_pretty tries TInd -1, then 4, else settles for 1 */
        if (!cind(&o, term_node, 1, 0, 0)) {
            o.tind = 4;
            if (!cind(&o, term_node, 1, 0, 0)) o.tind = 1;
        }
        pp(&o, term_node, 1, 0, 0, 0);
    }
    pn_free(root);
}
