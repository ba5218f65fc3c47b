/* inspect.c - Kernel.inspect/2 of Elixir 1.14, for every ciex value.
 *
 * Elixir inspects a value in two steps: the Inspect protocol turns it into
 * an Inspect.Algebra document, then format/2 lays the document out at the
 * given width.  We do the same: algebra.c is the layout engine, and this
 * file builds the documents the 1.14 protocol implementations build
 * (Inspect.Atom, .BitString, .List, .Tuple, .Map, .Any, .Range, .Integer,
 * .Float, .PID, .Port, .Reference, .Function), with container_doc/6 and its
 * `limit` bookkeeping, the :maybe/:strict/:flex break choices and the
 * syntax colours of iex.  Every rule here was checked against the real
 * Elixir 1.14 (its compiled sources and its output); tests/inspect/cases.txt
 * holds the golden outputs.
 *
 * Deep data.  A container's document depends on its children's, so the
 * natural code is recursive.  With the default limit (50) Elixir's own
 * recursion is bounded, since every level hands its children limit - 1,
 * but with limit :infinity a 100,000-deep list is legal data that the BEAM
 * prints in full.  So the traversal runs on an explicit stack of frames,
 * one per open container, and never recurses in C; algebra.c renders
 * iteratively too.  Deep data costs heap, not C stack, and prints exactly
 * as in Elixir, with one exception: when pretty printing with limit
 * :infinity, a value nested deeper than DEPTH_CAP containers prints its
 * inner part as if the limit had run out ([...], {...}).  Elixir indents
 * every level of a broken layout further, so its output grows with the
 * square of the depth: 20 GB for a 100,000-deep list.  At 1,000 levels
 * ours stays near 2 MB.
 *
 * Known departures from Elixir, each for a value that has no faithful
 * counterpart here:
 *   - maps print their keys in term order; the BEAM prints maps of more
 *     than 32 keys in its internal hash order;
 *   - a Range-tagged map without :first/:last prints as a plain map (Elixir
 *     prints an Inspect.Error with a stack trace);
 *   - identifier rules for non-ASCII atoms follow String.Tokenizer's tables
 *     (below) and its NFC check (on utf8proc, a later Unicode than OTP 25's);
 *   - of the structs with an Inspect implementation of their own, Range,
 *     MapSet, URI (whose nil :authority is left out) and the calendar types
 *     (inspect_calendar.c) are known: others print as %Mod{...} when
 *     struct_fields knows them, as Inspect.Any would;
 *   - opaque runtime resources print as #Resource<type>. */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <utf8proc.h>
#include <string.h>

#include "algebra.h"
#include "inspect_calendar.h"
#include "ciex/buf.h"
#include "ciex/term.h"

#define ALG_PENDING UINT32_MAX /* "the child's document is not ready yet" */
#define DEPTH_CAP 1000         /* open containers, when pretty printing */

/* ---- iex's syntax colours ----
 * IO.ANSI.syntax_colors/0 as IEx.Config uses it, and the reset IEx adds:
 * [:reset | eval_result colour], eval_result being yellow. */
typedef enum color_key {
    C_ATOM, C_BINARY, C_BOOLEAN, C_CHARLIST, C_LIST, C_MAP, C_NIL, C_NUMBER, C_STRING, C_TUPLE,
} color_key;

static const char *const iex_colors[] = {
    [C_ATOM] = "\033[36m",     /* cyan */
    [C_BINARY] = "\033[39m",   /* default_color */
    [C_BOOLEAN] = "\033[35m",  /* magenta */
    [C_CHARLIST] = "\033[33m", /* yellow */
    [C_LIST] = "\033[39m",
    [C_MAP] = "\033[39m",
    [C_NIL] = "\033[35m",
    [C_NUMBER] = "\033[33m",
    [C_STRING] = "\033[32m", /* green */
    [C_TUPLE] = "\033[39m",
};
static const char iex_reset[] = "\033[0m\033[33m";

/* ---- assembling texts (in a ciex_buf) ---- */
static void sb_str(ciex_buf *s, const char *str) { ciex_buf_put(s, str, strlen(str)); }

static void sb_printf(ciex_buf *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(ciex_buf *s, const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    ciex_buf_put(s, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* ==== atoms: Macro.inspect_atom/2 and Code.Identifier's classification ==== */

/* Unicode identifier classes of String.Tokenizer (UAX #31 as Elixir
 * tailors it), generated from Elixir 1.14's own tables: for every code
 * point >= 128, class 1 if it may start an identifier (unicode_start or
 * unicode_upper), 2 if it may only continue one (unicode_continue), 3 for
 * normalize_start (U+00B5, which makes an :nfkc identifier), with the
 * script set (codepoint_to_scriptset) the tokenizer intersects across an
 * identifier.  Ranges are sorted and disjoint; absent code points belong
 * to no identifier. */
typedef struct ident_range {
    uint32_t lo, hi;
    uint8_t cls, ss;
} ident_range;

enum { ID_NONE, ID_START, ID_CONTINUE, ID_NFKC };
#define SS_LATIN UINT64_C(0x1)
#define SS_ALL UINT64_C(0xFFFFFFFFFFF)

static const uint64_t ident_scriptsets[40];
static const ident_range ident_ranges[447];

static const ident_range *ident_lookup(int32_t cp)
{
    size_t lo = 0, hi = sizeof ident_ranges / sizeof ident_ranges[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if ((uint32_t)cp < ident_ranges[mid].lo) hi = mid;
        else if ((uint32_t)cp > ident_ranges[mid].hi) lo = mid + 1;
        else return &ident_ranges[mid];
    }
    return NULL;
}

static bool ascii_letter(int32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool ascii_digit(int32_t c) { return c >= '0' && c <= '9'; }

static uint64_t cp_scriptset(int32_t cp)
{
    if (cp < 128) return ascii_letter(cp) ? SS_LATIN : SS_ALL;
    const ident_range *r = ident_lookup(cp);
    return r ? ident_scriptsets[r->ss] : SS_ALL;
}

/* String.Tokenizer's highly_restrictive?/1: mixed scripts are allowed only
 * as Latin plus one of Japanese, Chinese (Bopomofo) or Korean. */
static bool highly_restrictive(const uint8_t *s, size_t len)
{
    static const uint64_t allowed[] = {0x100001, 0x10001, 0x4000001};
    for (size_t m = 0; m < 3; m++) {
        bool all = true;
        for (size_t pos = 0; pos < len && all;) {
            int32_t cp = term_utf8_decode(s, len, &pos);
            all = cp >= 0 && (cp_scriptset(cp) & allowed[m]) != 0;
        }
        if (all) return true;
    }
    return false;
}

typedef enum atom_class {
    AC_ALIAS,         /* Elixir.Foo.Bar */
    AC_IDENTIFIER,    /* foo, foo?, héllo */
    AC_UNQUOTED_OP,   /* +, ++, when */
    AC_QUOTED_OP,     /* ::, ^^^, ~~~, <|> */
    AC_NOT_CALLABLE,  /* Foo, foo@bar, %, {}, ... */
    AC_OTHER,         /* needs quotes */
} atom_class;

/* Whether UTF-8 text is in Unicode normalization form C (utf8proc). */
static bool is_nfc(const uint8_t *s, size_t len)
{
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t n = utf8proc_map(s, (utf8proc_ssize_t)len, &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    bool same = n >= 0 && (size_t)n == len && memcmp(nfc, s, len) == 0;
    free(nfc);
    return same;
}

/* The result of String.Tokenizer.tokenize/1 as inner_classify reads it:
 * a single token spanning the whole name, or AC_OTHER. */
static atom_class tokenize_class(const uint8_t *s, size_t len)
{
    size_t pos = 0;
    int32_t cp = term_utf8_decode(s, len, &pos);
    bool identifier = true, ascii = true, at = false, nfkc = false;
    uint64_t ss;
    if (cp < 0) return AC_OTHER;
    if (cp >= 'A' && cp <= 'Z') identifier = false, ss = SS_LATIN; /* an alias token */
    else if (cp >= 'a' && cp <= 'z') ss = SS_LATIN;
    else if (cp == '_') ss = SS_ALL;
    else {
        const ident_range *r = cp >= 128 ? ident_lookup(cp) : NULL;
        if (!r || r->cls == ID_CONTINUE) return AC_OTHER;
        nfkc = r->cls == ID_NFKC;
        ss = ident_scriptsets[r->ss];
        ascii = false;
    }
    while (pos < len) {
        cp = term_utf8_decode(s, len, &pos);
        if (cp < 0) return AC_OTHER;
        if (cp == '!' || cp == '?') {
            if (pos < len) return AC_OTHER; /* punctuation ends the token */
            break;
        }
        if (cp == '@') at = true;
        else if (ascii_letter(cp)) ss &= SS_LATIN;
        else if (cp == '_' || ascii_digit(cp)) continue;
        else if (cp < 128) return AC_OTHER;
        else {
            const ident_range *r = ident_lookup(cp);
            if (!r) return AC_OTHER;
            nfkc |= r->cls == ID_NFKC;
            ss &= ident_scriptsets[r->ss];
            ascii = false;
        }
    }
    if (!ascii && ss == 0 && !highly_restrictive(s, len)) return AC_OTHER;
    if (!identifier || at) return AC_NOT_CALLABLE;
    if (nfkc) return AC_OTHER;
    /* the tokenizer refuses an identifier that is not in NFC */
    return ascii || is_nfc(s, len) ? AC_IDENTIFIER : AC_OTHER;
}

/* Atom names are compared with their length: an atom from ETF may hold
 * a NUL byte. */
static bool name_in(const char *name, size_t len, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == len && memcmp(name, *list, len) == 0) return true;
    return false;
}

/* Macro's valid_alias?/1: "Elixir" followed by ".Upper[A-Za-z0-9_]*"*. */
static bool valid_alias(const char *s, size_t len)
{
    const char *end = s + len;
    if (len < 6 || memcmp(s, "Elixir", 6) != 0) return false;
    s += 6;
    while (s < end) {
        if (end - s < 2 || s[0] != '.' || !(s[1] >= 'A' && s[1] <= 'Z')) return false;
        s += 2;
        while (s < end && (ascii_letter(*s) || ascii_digit(*s) || *s == '_')) s++;
    }
    return true;
}

/* Macro's inner_classify/1. */
static atom_class classify_inner(term atom)
{
    static const char *const not_callable[] = {"%", "%{}", "{}", "<<>>", "...", "..", ".", "..//", "->", NULL};
    static const char *const quoted_ops[] = {"::", "^^^", "~~~", "<|>", NULL};
    /* Code.Identifier.unary_op/1 and binary_op/1, less "//" (operator?/2
     * excludes it) and the ones already caught above */
    static const char *const ops[] = {
        "&", "!", "^", "not", "+", "-", "@", "<-", "\\\\", "when", "|", "=", "||", "|||", "or",
        "&&", "&&&", "and", "==", "!=", "=~", "===", "!==", "<", "<=", ">=", ">", "|>", "<<<",
        ">>>", "<~", "~>", "<<~", "~>>", "<~>", "in", "++", "--", "<>", "+++", "---", "*", "/",
        "**", NULL};
    const char *name = term_atom_name(atom);
    size_t len = term_atom_len(atom);
    if (name_in(name, len, not_callable)) return AC_NOT_CALLABLE;
    if (name_in(name, len, quoted_ops)) return AC_QUOTED_OP;
    if (name_in(name, len, ops)) return AC_UNQUOTED_OP;
    if (valid_alias(name, len)) return AC_ALIAS;
    return tokenize_class((const uint8_t *)name, len);
}

/* Code.Identifier.escape/3's escape_char for one code point. */
static void escape_codepoint(ciex_buf *s, int32_t cp)
{
    static const char hex[] = "0123456789ABCDEF";
    const char *named = NULL;
    switch (cp) {
    case 7: named = "\\a"; break;
    case 8: named = "\\b"; break;
    case 9: named = "\\t"; break;
    case 10: named = "\\n"; break;
    case 11: named = "\\v"; break;
    case 12: named = "\\f"; break;
    case 13: named = "\\r"; break;
    case 27: named = "\\e"; break;
    case 92: named = "\\\\"; break;
    case 127: named = "\\d"; break;
    case 0: named = "\\0"; break;
    case 0xFEFF: named = "\\uFEFF"; break;
    }
    if (named) {
        sb_str(s, named);
    } else if ((cp >= 32 && cp <= 126) || (cp >= 160 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
               (cp >= 0x10000 && cp <= 0x10FFFF)) {
        uint8_t u[4];
        ciex_buf_put(s, u, term_utf8_encode(cp, u));
    } else if (cp < 256) {
        char b[4] = {'\\', 'x', hex[cp >> 4], hex[cp & 15]};
        ciex_buf_put(s, b, 4);
    } else {
        sb_printf(s, cp < 0x10000 ? "\\x{%04X}" : "\\x{%06X}", (unsigned)cp);
    }
}

/* Code.Identifier.escape/3 over UTF-8 bytes: `quote` and "#{" are escaped,
 * invalid bytes print as \xHH, and at most `limit` characters are written
 * (negative: all).  Returns true when it stopped short of the end. */
static bool escape_bytes(ciex_buf *s, const uint8_t *p, size_t len, char quote, int64_t limit)
{
    size_t pos = 0;
    for (int64_t count = limit; pos < len; count = count > 0 ? count - 1 : count) {
        if (count == 0) return true;
        if (p[pos] == (uint8_t)quote) {
            char q[2] = {'\\', quote};
            ciex_buf_put(s, q, 2);
            pos++;
        } else if (p[pos] == '#' && pos + 1 < len && p[pos + 1] == '{') {
            sb_str(s, "\\#{");
            pos += 2;
        } else {
            size_t at = pos;
            int32_t cp = term_utf8_decode(p, len, &pos);
            if (cp >= 0) {
                escape_codepoint(s, cp);
            } else {
                sb_printf(s, "\\x%02X", p[at]);
                pos = at + 1;
            }
        }
    }
    return false;
}

typedef enum atom_form { AF_LITERAL, AF_KEY, AF_REMOTE_CALL } atom_form;

/* Macro.inspect_atom/2. */
static void atom_text(ciex_buf *s, term atom, atom_form form)
{
    const char *name = term_atom_name(atom);
    size_t len = term_atom_len(atom);
    atom_class ac = classify_inner(atom);
    bool quoted = ac == AC_OTHER || ac == AC_QUOTED_OP; /* classify_atom's :quoted */
    if (form == AF_REMOTE_CALL) {
        if (ac == AC_IDENTIFIER || ac == AC_UNQUOTED_OP || ac == AC_QUOTED_OP) {
            ciex_buf_put(s, name, len);
        } else {
            sb_str(s, "\"");
            if (ac == AC_OTHER) escape_bytes(s, (const uint8_t *)name, len, '"', -1);
            else ciex_buf_put(s, name, len);
            sb_str(s, "\"");
        }
    } else if (form == AF_KEY) {
        if (ac == AC_ALIAS) {
            sb_str(s, "\"");
            ciex_buf_put(s, name, len);
            sb_str(s, "\":");
        } else if (quoted) {
            sb_str(s, "\"");
            escape_bytes(s, (const uint8_t *)name, len, '"', -1);
            sb_str(s, "\":");
        } else {
            ciex_buf_put(s, name, len);
            sb_str(s, ":");
        }
    } else if (atom == TERM_ATOM_NIL || atom == TERM_TRUE || atom == TERM_FALSE) {
        ciex_buf_put(s, name, len);
    } else if (ac == AC_ALIAS) {
        bool keep = strcmp(name, "Elixir") == 0 || strcmp(name, "Elixir.Elixir") == 0 ||
                    strncmp(name, "Elixir.Elixir.", 14) == 0;
        if (keep) ciex_buf_put(s, name, len);
        else ciex_buf_put(s, name + 7, len - 7);
    } else if (quoted) {
        sb_str(s, ":\"");
        escape_bytes(s, (const uint8_t *)name, len, '"', -1);
        sb_str(s, "\"");
    } else {
        sb_str(s, ":");
        ciex_buf_put(s, name, len);
    }
}

/* ==== the traversal ==== */

typedef enum frame_kind { FR_LIST, FR_TUPLE, FR_MAP, FR_STRUCT, FR_RANGE, FR_MAPSET } frame_kind;
/* container_doc's :break option. */
typedef enum break_mode { BR_MAYBE, BR_STRICT, BR_FLEX } break_mode;
/* Where the document of the child in progress goes. */
typedef enum slot {
    SL_ELEM,        /* an element of the container */
    SL_KW_VALUE,    /* the value of `key: value` (key already in `pending`) */
    SL_ASSOC_KEY,   /* the key of `key => value`; the value is queued */
    SL_ASSOC_VALUE, /* the value of `key => value` */
    SL_TAIL_HEAD,   /* the last element of an improper list; the tail is queued */
    SL_TAIL,        /* the tail of an improper list */
} slot;

/* One open container.  Its element documents sit on the inspector's doc
 * stack from `base` up, until the container is complete. */
typedef struct frame {
    uint8_t kind, brk, slot;
    bool keyword;  /* elements print as `key: value` */
    bool simple;   /* container_each's simple? accumulator */
    bool queued;   /* `queued_child` must be inspected next */
    int64_t limit; /* container_each's counter; negative: infinity */
    int64_t elem_limit;
    term t;       /* the container (borrowed) */
    term cursor;  /* FR_LIST: the rest of the list; FR_STRUCT: the remaining fields */
    term queued_child;
    uint32_t i, n;
    size_t base;
    alg_doc pending;
    alg_doc open, close, sep;
} frame;

typedef struct inspector {
    const term_inspect_opts *o;
    alg_builder *b;
    frame *frames;
    size_t nframes, frames_cap;
    alg_doc *docs;
    size_t ndocs, docs_cap;
    ciex_buf text; /* scratch for assembling one text */
    alg_doc reset, brk_space, flex_space, brk_empty, ellipsis;
    term a_struct, a_exception, a_range, a_first, a_last, a_step, a_mapset, a_map, a_uri, a_authority;
    term a_regex, a_source, a_opts;
    int as_lists; /* open MapSet frames: Inspect.MapSet prints charlists as lists */
} inspector;

static int64_t limit_of(int v) { return v < 0 ? -1 : v; }
static int64_t decrement(int64_t limit) { return limit < 0 ? limit : limit - 1; }

/* Inspect.Algebra.color/3 with iex's palette. */
static alg_doc colored(inspector *in, alg_doc doc, color_key key)
{
    if (!in->o->colors) return doc;
    return alg_concat(in->b, alg_color(in->b, doc, iex_colors[key]), in->reset);
}

static alg_doc colored_text(inspector *in, const char *s, size_t len, color_key key)
{
    return colored(in, alg_text(in->b, s, len), key);
}

static alg_doc colored_cstr(inspector *in, const char *s, color_key key)
{
    return colored_text(in, s, strlen(s), key);
}

/* The scratch text as a document (and the scratch emptied). */
static alg_doc take_text(inspector *in, color_key key, bool color)
{
    alg_doc d = alg_text(in->b, in->text.data ? (const char *)in->text.data : "", in->text.len);
    in->text.len = 0;
    return color ? colored(in, d, key) : d;
}

static void push_doc(inspector *in, alg_doc d)
{
    if (in->ndocs == in->docs_cap) {
        in->docs_cap = in->docs_cap ? in->docs_cap * 2 : 64;
        in->docs = ciex_xrealloc(in->docs, in->docs_cap * sizeof *in->docs, "text");
    }
    in->docs[in->ndocs++] = d;
}

static frame *push_frame(inspector *in, frame_kind kind, term t, int64_t limit)
{
    if (in->nframes == in->frames_cap) {
        in->frames_cap = in->frames_cap ? in->frames_cap * 2 : 16;
        in->frames = ciex_xrealloc(in->frames, in->frames_cap * sizeof *in->frames, "text");
    }
    frame *f = &in->frames[in->nframes++];
    memset(f, 0, sizeof *f);
    f->kind = (uint8_t)kind;
    f->t = t;
    f->limit = limit;
    f->base = in->ndocs;
    return f;
}

/* ---- numbers ---- */

/* Inspect.Integer: digits in the base, with its 0b/0o/0x prefix. */
static alg_doc integer_doc(inspector *in, term t)
{
    int base = in->o->base;
    if (base == 10 && term_is_small(t)) { /* the common case, without a malloc */
        char buf[24];
        int n = snprintf(buf, sizeof buf, "%" PRIdPTR, term_small_value(t));
        return colored_text(in, buf, (size_t)n, C_NUMBER);
    }
    char *digits = term_int_to_string(t, base);
    const char *d = digits;
    if (*d == '-') {
        sb_str(&in->text, "-");
        d++;
    }
    if (base == 2) sb_str(&in->text, "0b");
    else if (base == 8) sb_str(&in->text, "0o");
    else if (base == 16) sb_str(&in->text, "0x");
    sb_str(&in->text, d);
    free(digits);
    return take_text(in, C_NUMBER, true);
}

/* Inspect.Float: integral floats in [1.0, 1.0e16) print their integer
 * digits, everything else as float_to_list(F, [short]). */
static alg_doc float_doc(inspector *in, double v)
{
    char buf[40];
    double a = fabs(v);
    if (a >= 1.0 && a < 1.0e16 && trunc(v) == v) snprintf(buf, sizeof buf, "%.0f.0", v);
    else term_float_format(v, buf); /* float_to_list(F, [short]) */
    return colored_cstr(in, buf, C_NUMBER);
}

/* ---- binaries ---- */

/* String.printable?/2: ASCII graphics and the usual escapes, and any
 * non-control Unicode scalar, checked up to `limit` characters. */
static bool binary_printable(const uint8_t *p, size_t len, int64_t limit)
{
    size_t pos = 0;
    for (int64_t count = limit; pos < len; count = count > 0 ? count - 1 : count) {
        if (count == 0) return true;
        uint8_t c = p[pos];
        if (c < 128) {
            if (!((c >= 32 && c <= 126) || (c >= 7 && c <= 13) || c == 27 || c == 127)) return false;
            pos++;
            continue;
        }
        int32_t cp = term_utf8_decode(p, len, &pos);
        if (cp < 160 || (cp > 0xD7FF && cp < 0xE000) || cp == 0xFFFE || cp == 0xFFFF) return false;
    }
    return true;
}

static alg_doc string_doc(inspector *in, term t)
{
    ciex_buf *s = &in->text;
    sb_str(s, "\"");
    bool cut = escape_bytes(s, term_binary_data(t), term_binary_size(t), '"', limit_of(in->o->printable_limit));
    sb_str(s, cut ? "\" <> ..." : "\"");
    return take_text(in, C_STRING, true);
}

/* Inspect.BitString's each_bit/3: "1, 2, 3", "...", "1::size(3)",
 * flex-glued, inside <<...>> nested by 2. */
static alg_doc bitstring_doc(inspector *in, term t, int64_t limit)
{
    size_t bits = term_bitstring_bits(t);
    if (bits == 0) return colored_cstr(in, "<<>>", C_BINARY);
    const uint8_t *p = term_binary_data(t);
    size_t base = in->ndocs;
    alg_doc last = ALG_NIL;
    for (size_t i = 0, left = bits;; i++, left -= 8, limit = decrement(limit)) {
        if (limit == 0) {
            last = in->ellipsis;
            break;
        }
        if (left < 8) {
            unsigned v = p[i] >> (8 - left);
            alg_doc n = integer_doc(in, term_small(v));
            char size[32];
            snprintf(size, sizeof size, "::size(%zu)", left);
            last = alg_concat(in->b, n, alg_cstr(in->b, size));
            break;
        }
        alg_doc n = integer_doc(in, term_small(p[i]));
        if (left == 8) {
            last = n;
            break;
        }
        push_doc(in, alg_concat(in->b, n, alg_cstr(in->b, ",")));
    }
    /* flex_glue(concat(int, ","), rest), folded from the right */
    alg_doc inner = last;
    while (in->ndocs > base) inner = alg_concat(in->b, in->docs[--in->ndocs], alg_concat(in->b, in->flex_space, inner));
    alg_doc open = colored_cstr(in, "<<", C_BINARY), close = colored_cstr(in, ">>", C_BINARY);
    return alg_group(in->b, alg_concat(in->b, alg_concat(in->b, open, alg_nest(in->b, inner, 2)), close));
}

static alg_doc binary_doc(inspector *in, term t, int64_t limit)
{
    const term_inspect_opts *o = in->o;
    bool as_string = term_is_binary(t) && o->base == 10 && !o->binaries_as_binaries &&
                     (o->binaries_as_strings ||
                      binary_printable(term_binary_data(t), term_binary_size(t), limit_of(o->printable_limit)));
    return as_string ? string_doc(in, t) : bitstring_doc(in, t, limit);
}

/* ---- identifiers and funs ---- */

static uint32_t node_index(inspector *in, term node, uint32_t creation)
{
    return in->o->node_index ? in->o->node_index(in->o->ctx, node, creation) : 0;
}

static alg_doc pid_doc(inspector *in, term t)
{
    const term_pid *p = term_pid_ptr(t);
    sb_printf(&in->text, "#PID<%u.%u.%u>", node_index(in, p->node, p->creation), p->id, p->serial);
    return take_text(in, 0, false);
}

static alg_doc port_doc(inspector *in, term t)
{
    const term_port *p = term_port_ptr(t);
    sb_printf(&in->text, "#Port<%u.%llu>", node_index(in, p->node, p->creation), (unsigned long long)p->id);
    return take_text(in, 0, false);
}

/* erlang:ref_to_list/1 prints the id words last first. */
static alg_doc ref_doc(inspector *in, term t)
{
    const term_ref *r = term_ref_ptr(t);
    sb_printf(&in->text, "#Reference<%u", node_index(in, r->node, r->creation));
    for (uint32_t i = r->len; i-- > 0;) sb_printf(&in->text, ".%u", r->ids[i]);
    sb_str(&in->text, ">");
    return take_text(in, 0, false);
}

static alg_doc export_doc(inspector *in, term t)
{
    const term_export *e = term_export_ptr(t);
    sb_str(&in->text, "&");
    atom_text(&in->text, e->module, AF_LITERAL);
    sb_str(&in->text, ".");
    atom_text(&in->text, e->function, AF_REMOTE_CALL);
    sb_printf(&in->text, "/%u", e->arity);
    return take_text(in, 0, false);
}

/* #Function<new_index.old_uniq/arity in ...>, as fun_info/1 reports them. */
static alg_doc fun_doc(inspector *in, term t)
{
    const term_fun *f = term_fun_ptr(t);
    char name[512];
    sb_printf(&in->text, "#Function<%u.%u/%u in ", f->index, f->old_uniq, f->arity);
    if (in->o->fun_name && in->o->fun_name(in->o->ctx, t, name, sizeof name)) {
        name[sizeof name - 1] = '\0';
        sb_str(&in->text, name);
    } else {
        atom_text(&in->text, f->module, AF_LITERAL);
    }
    sb_str(&in->text, ">");
    return take_text(in, 0, false);
}

static alg_doc resource_doc(inspector *in, term t)
{
    const term_resource *r = (const term_resource *)t;
    sb_str(&in->text, "#Resource<");
    sb_str(&in->text, r->type && r->type->name ? r->type->name : "?");
    sb_str(&in->text, ">");
    return take_text(in, 0, false);
}

static alg_doc atom_doc(inspector *in, term t)
{
    atom_text(&in->text, t, AF_LITERAL);
    color_key key = t == TERM_ATOM_NIL ? C_NIL : (t == TERM_TRUE || t == TERM_FALSE) ? C_BOOLEAN : C_ATOM;
    return take_text(in, key, true);
}

/* ---- lists ---- */

/* List.ascii_printable?/2: proper, and only 7..13, 27 and 32..126, up to
 * `limit` elements (after which anything goes). */
static bool charlist_printable(term list, int64_t limit)
{
    for (int64_t count = limit;; list = term_tail(list), count = decrement(count)) {
        if (count == 0 || list == TERM_NIL) return true;
        if (!term_is_cons(list) || !term_is_small(term_head(list))) return false;
        intptr_t c = term_small_value(term_head(list));
        if (!((c >= 7 && c <= 13) || c == 27 || (c >= 32 && c <= 126))) return false;
    }
}

static alg_doc charlist_doc(inspector *in, term list)
{
    ciex_buf *s = &in->text;
    int64_t count = limit_of(in->o->printable_limit);
    sb_str(s, "'");
    for (; term_is_cons(list); list = term_tail(list), count = decrement(count)) {
        if (count == 0) break;
        intptr_t c = term_is_small(term_head(list)) ? term_small_value(term_head(list)) : -1;
        term next = term_tail(list);
        if (c == '\'') {
            sb_str(s, "\\'");
        } else if (c == '#' && term_is_cons(next) && term_head(next) == term_small('{')) {
            sb_str(s, "\\#{");
            list = next;
        } else {
            escape_codepoint(s, (int32_t)c);
        }
    }
    /* past the limit Elixir converts the rest as chardata: it may be an
     * improper tail ([?a, ?b | "cd"]), and only an empty rest is no rest */
    bool more = list != TERM_NIL && !(term_is_binary(list) && term_binary_size(list) == 0);
    sb_str(s, more ? "' ++ ..." : "'");
    return take_text(in, C_CHARLIST, true);
}

/* List.to_string/1 of chardata (code points, UTF-8 binaries, nested
 * lists, a binary tail) into `out`; false when the list is not chardata
 * (Elixir raises there; here the list prints as a list).  Nesting is
 * bounded so that a hostile term cannot exhaust the C stack. */
static bool chardata_utf8(term list, ciex_buf *out, int depth)
{
    if (depth > 64) return false;
    for (; term_is_cons(list); list = term_tail(list)) {
        term h = term_head(list);
        if (term_is_small(h)) {
            intptr_t c = term_small_value(h);
            if (c < 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
            uint8_t u[4];
            ciex_buf_put(out, u, term_utf8_encode((int32_t)c, u));
        } else if (term_is_binary(h) || term_is_cons(h) || h == TERM_NIL) {
            if (!chardata_utf8(h, out, depth + 1)) return false;
        } else {
            return false;
        }
    }
    if (list == TERM_NIL) return true;
    if (!term_is_binary(list)) return false;
    const uint8_t *p = term_binary_data(list);
    size_t len = term_binary_size(list);
    for (size_t pos = 0; pos < len;)
        if (term_utf8_decode(p, len, &pos) < 0) return false;
    ciex_buf_put(out, p, len);
    return true;
}

/* charlists: :as_charlists: Inspect.List escapes List.to_string(list) as
 * a string quoted with ', cut at printable_limit. */
static alg_doc forced_charlist_doc(inspector *in, const ciex_buf *utf8)
{
    ciex_buf *s = &in->text;
    sb_str(s, "'");
    bool cut = escape_bytes(s, utf8->data ? utf8->data : (const uint8_t *)"", utf8->len, '\'',
                            limit_of(in->o->printable_limit));
    sb_str(s, cut ? "' ++ ..." : "'");
    return take_text(in, C_CHARLIST, true);
}

/* Inspect.List.keyword?/1: [{atom, _} | ...] with no alias keys. */
static bool is_keyword(term list)
{
    for (; term_is_cons(list); list = term_tail(list)) {
        term el = term_head(list);
        if (!term_is_tuple(el) || term_tuple_arity(el) != 2 || !term_is_atom(term_tuple_get(el, 0))) return false;
        if (strncmp(term_atom_name(term_tuple_get(el, 0)), "Elixir.", 7) == 0) return false;
    }
    return list == TERM_NIL;
}

/* Inspect.List.keyword/2's key: `key:`, coloured as an atom. */
static alg_doc keyword_key(inspector *in, term atom)
{
    atom_text(&in->text, atom, AF_KEY);
    return alg_concat(in->b, take_text(in, C_ATOM, true), alg_cstr(in->b, " "));
}

static alg_doc list_start(inspector *in, term t, int64_t limit)
{
    if (!in->o->charlists_as_lists && !in->as_lists && charlist_printable(t, limit_of(in->o->printable_limit)))
        return charlist_doc(in, t);
    if (in->o->charlists_as_charlists && !in->as_lists) {
        ciex_buf utf8 = {0};
        bool ok = chardata_utf8(t, &utf8, 0);
        alg_doc d = ok ? forced_charlist_doc(in, &utf8) : ALG_NIL;
        ciex_buf_free(&utf8);
        if (ok) return d;
    }
    frame *f = push_frame(in, FR_LIST, t, limit);
    f->cursor = t;
    f->keyword = is_keyword(t);
    f->brk = f->keyword ? BR_STRICT : BR_MAYBE;
    f->simple = f->brk == BR_MAYBE; /* container_each starts with simple? = (break == :maybe) */
    f->open = colored_cstr(in, "[", C_LIST);
    f->close = colored_cstr(in, "]", C_LIST);
    f->sep = colored_cstr(in, ",", C_LIST);
    return ALG_PENDING;
}

/* ---- tuples, maps, structs ---- */

static alg_doc tuple_start(inspector *in, term t, int64_t limit)
{
    alg_doc open = colored_cstr(in, "{", C_TUPLE), close = colored_cstr(in, "}", C_TUPLE);
    if (term_tuple_arity(t) == 0) return alg_concat(in->b, open, close);
    frame *f = push_frame(in, FR_TUPLE, t, limit);
    f->n = term_tuple_arity(t);
    f->brk = BR_FLEX;
    f->open = open;
    f->close = close;
    f->sep = colored_cstr(in, ",", C_TUPLE);
    return ALG_PENDING;
}

static bool map_is_keyword(term map)
{
    for (uint32_t i = 0; i < term_map_size(map); i++) {
        term k = term_map_key(map, i);
        if (!term_is_atom(k) || strncmp(term_atom_name(k), "Elixir.", 7) == 0) return false;
    }
    return true;
}

static frame *map_frame(inspector *in, frame_kind kind, term map, int64_t limit, alg_doc open)
{
    frame *f = push_frame(in, kind, map, limit);
    f->brk = BR_STRICT;
    f->open = open;
    f->close = colored_cstr(in, "}", C_MAP);
    f->sep = colored_cstr(in, ",", C_MAP);
    return f;
}

static alg_doc plain_map_start(inspector *in, term map, int64_t limit)
{
    alg_doc open = colored_cstr(in, "%{", C_MAP);
    if (term_map_size(map) == 0) return alg_concat(in->b, open, colored_cstr(in, "}", C_MAP));
    frame *f = map_frame(in, FR_MAP, map, limit, open);
    f->n = term_map_size(map);
    f->keyword = map_is_keyword(map);
    return ALG_PENDING;
}

/* Inspect.Range: first..last, or first..last//step unless the step is 1
 * on an ascending range; a range without :step gets 1 or -1. */
static alg_doc range_start(inspector *in, term map, int64_t limit)
{
    term first = term_map_get(map, in->a_first), last = term_map_get(map, in->a_last);
    term step = term_map_get(map, in->a_step);
    if (first == TERM_NONE || last == TERM_NONE) return plain_map_start(in, map, limit);
    if (step == TERM_NONE) step = term_small(term_compare(first, last) <= 0 ? 1 : -1);
    frame *f = push_frame(in, FR_RANGE, map, limit);
    f->n = step == term_small(1) && term_compare(last, first) >= 0 ? 2 : 3;
    f->queued_child = step; /* immediate: no reference needed */
    return ALG_PENDING;
}

static alg_doc start(inspector *in, term t, int64_t limit);
static alg_doc finish(inspector *in);
static bool next_element(inspector *in, frame *f, bool more);

/* Inspect.MapSet: MapSet.new([...]), the elements (the keys of the :map
 * field) inspected as a list would be, charlists as lists. */
static alg_doc mapset_start(inspector *in, term set, int64_t limit)
{
    term map = term_map_get(set, in->a_map);
    frame *f = push_frame(in, FR_MAPSET, map, limit);
    f->n = term_map_size(map);
    f->keyword = f->n > 0;
    for (uint32_t i = 0; i < f->n && f->keyword; i++) {
        term el = term_map_key(map, i);
        f->keyword = term_is_tuple(el) && term_tuple_arity(el) == 2 && term_is_atom(term_tuple_get(el, 0)) &&
                     strncmp(term_atom_name(term_tuple_get(el, 0)), "Elixir.", 7) != 0;
    }
    f->brk = f->keyword ? BR_STRICT : BR_MAYBE;
    f->simple = f->brk == BR_MAYBE;
    f->open = colored_cstr(in, "[", C_LIST);
    f->close = colored_cstr(in, "]", C_LIST);
    f->sep = colored_cstr(in, ",", C_LIST);
    in->as_lists++;
    return ALG_PENDING;
}

static alg_doc step_mapset(inspector *in, frame *f)
{
    if (!next_element(in, f, f->i < f->n)) return finish(in);
    term el = term_map_key(f->t, f->i++);
    if (f->keyword) {
        f->slot = SL_KW_VALUE;
        f->pending = keyword_key(in, term_tuple_get(el, 0));
        return start(in, term_tuple_get(el, 1), f->elem_limit);
    }
    f->slot = SL_ELEM;
    return start(in, el, f->elem_limit);
}

/* Inspect.Any applies when the map's keys are exactly the struct's
 * (__struct__ and the fields). */
static bool struct_matches(inspector *in, term map, term fields)
{
    uint32_t n = 1;
    for (term l = fields; term_is_cons(l); l = term_tail(l)) {
        if (term_head(l) == in->a_struct) continue;
        if (term_map_get(map, term_head(l)) == TERM_NONE) return false;
        n++;
    }
    return term_is_list(fields) && n == term_map_size(map);
}

/* Inspect.Regex: ~r/source/opts.  The source's \\/ become / (a \\\\ stays
 * as it is), then / and #{ are escaped, the controls Regex names show as
 * \\a \\f \\n \\r \\t \\v and other unprintable characters as \\xHH; iex
 * has no colour for regexes. */
static alg_doc regex_doc(inspector *in, term source, term opts)
{
    ciex_buf *s = &in->text;
    const uint8_t *p = term_binary_data(source);
    size_t len = term_binary_size(source), pos = 0;
    sb_str(s, "~r/");
    while (pos < len) {
        if (p[pos] == '\\' && pos + 1 < len && p[pos + 1] == '\\') {
            sb_str(s, "\\\\");
            pos += 2;
            continue;
        }
        if (p[pos] == '\\' && pos + 1 < len && p[pos + 1] == '/') pos++;
        if (p[pos] == '/') {
            sb_str(s, "\\/");
            pos++;
            continue;
        }
        if (p[pos] == '#' && pos + 1 < len && p[pos + 1] == '{') {
            sb_str(s, "\\#{");
            pos += 2;
            continue;
        }
        size_t at = pos;
        int32_t cp = term_utf8_decode(p, len, &pos);
        const char *named = cp == 7 ? "\\a" : cp == 12 ? "\\f" : cp == 10 ? "\\n" : cp == 13 ? "\\r" : cp == 9 ? "\\t"
                          : cp == 11 ? "\\v" : NULL;
        if (cp < 0) {
            sb_printf(s, "\\x%02X", p[at]);
            pos = at + 1;
        } else if (named) {
            sb_str(s, named);
        } else if (cp == 92) {
            sb_str(s, "\\");
        } else if (cp == 8 || cp == 27 || cp == 127) {
            sb_printf(s, "\\x%02X", (unsigned)cp);
        } else {
            escape_codepoint(s, cp);
        }
    }
    sb_str(s, "/");
    ciex_buf_put(s, term_binary_data(opts), term_binary_size(opts));
    return take_text(in, C_MAP, false);
}

static alg_doc string_doc(inspector *in, term t);

/* Inspect.Regex of a regex compiled with a list of options:
 * Regex.compile!("source", [options]). */
static alg_doc regex_call_doc(inspector *in, term source, term opts)
{
    size_t len;
    char *list = term_inspect(opts, in->o, &len);
    alg_doc d = alg_concat(in->b, alg_cstr(in->b, "Regex.compile!("), string_doc(in, source));
    d = alg_concat(in->b, d, alg_cstr(in->b, ", "));
    d = alg_concat(in->b, d, alg_text(in->b, list, len));
    free(list);
    return alg_concat(in->b, d, alg_cstr(in->b, ")"));
}

static alg_doc map_start(inspector *in, term map, int64_t limit)
{
    term module = term_map_get(map, in->a_struct);
    if (module == TERM_NONE || !term_is_atom(module)) return plain_map_start(in, map, limit);
    if (in->o->rendered != TERM_NONE && !in->o->plain_structs) {
        term text = term_map_get(in->o->rendered, map);
        if (text != TERM_NONE && term_is_binary(text))
            return alg_text(in->b, (const char *)term_binary_data(text), term_binary_size(text));
    }
    if (module == in->a_range && !in->o->plain_structs) return range_start(in, map, limit);
    if (module == in->a_regex && !in->o->plain_structs && term_map_size(map) == 5 &&
        term_is_binary(term_map_get(map, in->a_source)) && term_map_get(map, term_atom("re_pattern")) != TERM_NONE) {
        term source = term_map_get(map, in->a_source), opts = term_map_get(map, in->a_opts);
        if (term_is_binary(opts)) return regex_doc(in, source, opts);
        if (term_is_list(opts)) return regex_call_doc(in, source, opts);
    }
    if (module == in->a_mapset && !in->o->plain_structs && term_map_size(map) == 3 &&
        term_is_map(term_map_get(map, in->a_map)))
        return mapset_start(in, map, limit);
    if (!in->o->plain_structs && inspect_calendar(map, module, &in->text)) return take_text(in, C_MAP, false);
    term fields = in->o->struct_fields && !in->o->plain_structs ? in->o->struct_fields(in->o->ctx, module) : TERM_NONE;
    if (fields == TERM_NONE || !struct_matches(in, map, fields)) return plain_map_start(in, map, limit);
    sb_str(&in->text, "%");
    atom_text(&in->text, module, AF_LITERAL);
    sb_str(&in->text, "{");
    frame *f = map_frame(in, FR_STRUCT, map, limit, take_text(in, C_MAP, true));
    f->cursor = fields;
    f->keyword = true;
    return ALG_PENDING;
}

/* Inspect.Algebra.to_doc/2 for one value: its document, or ALG_PENDING
 * after pushing a frame that will produce it. */
static alg_doc start(inspector *in, term t, int64_t limit)
{
    if (in->nframes >= DEPTH_CAP && in->o->pretty && in->o->width >= 0) limit = 0;
    switch (term_type_of(t)) {
    case TERM_T_SMALL:
    case TERM_T_BIGINT: return integer_doc(in, t);
    case TERM_T_FLOAT: return float_doc(in, term_float_value(t));
    case TERM_T_ATOM: return atom_doc(in, t);
    case TERM_T_NIL: return colored_cstr(in, "[]", C_LIST);
    case TERM_T_BINARY: return binary_doc(in, t, limit);
    case TERM_T_CONS: return list_start(in, t, limit);
    case TERM_T_TUPLE: return tuple_start(in, t, limit);
    case TERM_T_MAP: return map_start(in, t, limit);
    case TERM_T_PID: return pid_doc(in, t);
    case TERM_T_PORT: return port_doc(in, t);
    case TERM_T_REF: return ref_doc(in, t);
    case TERM_T_FUN: return fun_doc(in, t);
    case TERM_T_EXPORT: return export_doc(in, t);
    case TERM_T_RESOURCE: return resource_doc(in, t);
    case TERM_T_NONE: break;
    }
    return alg_cstr(in->b, "#None<>");
}

/* ---- frames: container_each/6, one element per step ---- */

/* Inspect.Algebra's join/4. */
static alg_doc join(inspector *in, alg_doc left, alg_doc right, bool flex, alg_doc sep)
{
    if (left == ALG_NIL) return right;
    if (right == ALG_NIL) return left;
    return alg_concat(in->b, alg_concat(in->b, left, sep), alg_concat(in->b, flex ? in->flex_space : in->brk_space, right));
}

/* The last step of container_doc/6. */
static alg_doc container_doc(inspector *in, frame *f)
{
    alg_builder *b = in->b;
    if (in->ndocs == f->base) return alg_concat(b, f->open, f->close);
    bool flex = (f->brk == BR_MAYBE && f->simple) || f->brk == BR_FLEX;
    alg_doc docs = in->docs[--in->ndocs];
    while (in->ndocs > f->base) docs = join(in, in->docs[--in->ndocs], docs, flex, f->sep);
    if (flex) return alg_group(b, alg_concat(b, alg_concat(b, f->open, alg_nest(b, docs, 1)), f->close));
    alg_doc inner = alg_nest(b, alg_concat(b, f->open, alg_concat(b, in->brk_empty, docs)), 2);
    return alg_group(b, alg_concat(b, inner, alg_concat(b, in->brk_empty, f->close)));
}

static alg_doc range_doc(inspector *in, frame *f)
{
    alg_builder *b = in->b;
    alg_doc *parts = &in->docs[f->base];
    alg_doc d = alg_concat(b, alg_concat(b, parts[0], alg_cstr(b, "..")), parts[1]);
    if (f->n == 3) d = alg_concat(b, alg_concat(b, d, alg_cstr(b, "//")), parts[2]);
    in->ndocs = f->base;
    return d;
}

/* Pops the top frame; returns its document. */
static alg_doc finish(inspector *in)
{
    frame *f = &in->frames[in->nframes - 1];
    alg_doc d = f->kind == FR_RANGE ? range_doc(in, f) : container_doc(in, f);
    if (f->kind == FR_MAPSET) {
        d = alg_concat(in->b, alg_concat(in->b, alg_cstr(in->b, "MapSet.new("), d), alg_cstr(in->b, ")"));
        in->as_lists--;
    }
    in->nframes--;
    return d;
}

/* Stores a finished child document where the top frame wants it. */
static void accept(inspector *in, alg_doc d)
{
    frame *f = &in->frames[in->nframes - 1];
    switch ((slot)f->slot) {
    case SL_ELEM: break;
    case SL_KW_VALUE:
    case SL_ASSOC_VALUE: d = alg_concat(in->b, f->pending, d); break;
    case SL_ASSOC_KEY:
    case SL_TAIL_HEAD:
        f->pending = d;
        f->queued = true;
        return;
    case SL_TAIL:
        f->simple = f->simple && alg_is_simple(in->b, f->pending) && alg_is_simple(in->b, d);
        push_doc(in, join(in, f->pending, d, f->simple, alg_cstr(in->b, " |")));
        return;
    }
    f->simple = f->simple && alg_is_simple(in->b, d);
    push_doc(in, d);
}

/* container_each's bookkeeping before an element: false when the
 * collection is over or the limit is reached ("..." then closes it). */
static bool next_element(inspector *in, frame *f, bool more)
{
    if (!more) return false;
    if (f->limit == 0) {
        push_doc(in, in->ellipsis);
        return false;
    }
    f->limit = f->elem_limit = decrement(f->limit);
    return true;
}

static alg_doc step_list(inspector *in, frame *f)
{
    if (!next_element(in, f, f->cursor != TERM_NIL)) return finish(in);
    term head = term_head(f->cursor), tail = term_tail(f->cursor);
    if (!term_is_list(tail)) {
        f->cursor = TERM_NIL;
        f->slot = SL_TAIL_HEAD;
        f->queued_child = tail;
        return start(in, head, f->elem_limit);
    }
    f->cursor = tail;
    if (f->keyword) {
        f->slot = SL_KW_VALUE;
        f->pending = keyword_key(in, term_tuple_get(head, 0));
        return start(in, term_tuple_get(head, 1), f->elem_limit);
    }
    f->slot = SL_ELEM;
    return start(in, head, f->elem_limit);
}

static alg_doc step_map(inspector *in, frame *f)
{
    if (!next_element(in, f, f->i < f->n)) return finish(in);
    term key = term_map_key(f->t, f->i), value = term_map_value(f->t, f->i);
    f->i++;
    if (f->keyword) {
        f->slot = SL_KW_VALUE;
        f->pending = keyword_key(in, key);
        return start(in, value, f->elem_limit);
    }
    f->slot = SL_ASSOC_KEY;
    f->queued_child = value;
    return start(in, key, f->elem_limit);
}

/* Inspect.Any leaves out __struct__ and __exception__; Inspect.URI leaves
 * out the deprecated :authority when it is nil */
static bool hidden_field(inspector *in, frame *f, term field)
{
    if (field == in->a_struct || field == in->a_exception) return true;
    return field == in->a_authority && term_map_get(f->t, in->a_struct) == in->a_uri &&
           term_map_get(f->t, field) == TERM_ATOM_NIL;
}

static alg_doc step_struct(inspector *in, frame *f)
{
    while (term_is_cons(f->cursor) && hidden_field(in, f, term_head(f->cursor))) f->cursor = term_tail(f->cursor);
    if (!next_element(in, f, term_is_cons(f->cursor))) return finish(in);
    term field = term_head(f->cursor);
    f->cursor = term_tail(f->cursor);
    f->slot = SL_KW_VALUE;
    f->pending = keyword_key(in, field);
    return start(in, term_map_get(f->t, field), f->elem_limit);
}

static alg_doc step_range(inspector *in, frame *f)
{
    if (f->i == f->n) return finish(in);
    uint32_t i = f->i++;
    f->slot = SL_ELEM;
    term part = i == 0 ? term_map_get(f->t, in->a_first) : i == 1 ? term_map_get(f->t, in->a_last) : f->queued_child;
    return start(in, part, f->limit); /* Inspect.Range passes its opts unchanged */
}

/* Advances the top frame by one child: returns that child's document, or
 * ALG_PENDING when the child opened a frame of its own, or the frame's
 * own document when it is complete (and popped). */
static alg_doc step(inspector *in)
{
    frame *f = &in->frames[in->nframes - 1];
    if (f->queued) {
        f->queued = false;
        f->slot = f->slot == SL_ASSOC_KEY ? SL_ASSOC_VALUE : SL_TAIL;
        if (f->slot == SL_ASSOC_VALUE) f->pending = alg_concat(in->b, f->pending, colored_cstr(in, " => ", C_MAP));
        return start(in, f->queued_child, f->elem_limit);
    }
    switch ((frame_kind)f->kind) {
    case FR_LIST: return step_list(in, f);
    case FR_TUPLE:
        if (!next_element(in, f, f->i < f->n)) return finish(in);
        f->slot = SL_ELEM;
        return start(in, term_tuple_get(f->t, f->i++), f->elem_limit);
    case FR_MAP: return step_map(in, f);
    case FR_STRUCT: return step_struct(in, f);
    case FR_RANGE: return step_range(in, f);
    case FR_MAPSET: return step_mapset(in, f);
    }
    return finish(in);
}

static alg_doc to_doc(inspector *in, term t)
{
    alg_doc d = start(in, t, limit_of(in->o->limit));
    while (in->nframes) {
        if (d != ALG_PENDING) accept(in, d);
        d = step(in);
    }
    return d;
}

/* ---- entry points ---- */

void term_inspect_opts_init(term_inspect_opts *o)
{
    memset(o, 0, sizeof *o);
    o->width = 80;
    o->limit = 50;
    o->printable_limit = 4096;
    o->pretty = true;
    o->base = 10;
    o->rendered = TERM_NONE;
}

char *term_inspect(term t, const term_inspect_opts *opts, size_t *len)
{
    term_inspect_opts o;
    if (opts) o = *opts;
    else term_inspect_opts_init(&o);
    if (o.base != 2 && o.base != 8 && o.base != 16) o.base = 10;
    term_init();
    inspector in = {.o = &o, .b = alg_new()};
    in.a_struct = term_atom("__struct__");
    in.a_exception = term_atom("__exception__");
    in.a_uri = term_atom("Elixir.URI");
    in.a_authority = term_atom("authority");
    in.a_range = term_atom("Elixir.Range");
    in.a_mapset = term_atom("Elixir.MapSet");
    in.a_map = term_atom("map");
    in.a_first = term_atom("first");
    in.a_last = term_atom("last");
    in.a_step = term_atom("step");
    in.a_regex = term_atom("Elixir.Regex");
    in.a_source = term_atom("source");
    in.a_opts = term_atom("opts");
    in.reset = alg_color(in.b, ALG_NIL, iex_reset);
    in.brk_space = alg_break(in.b, " ", false);
    in.flex_space = alg_break(in.b, " ", true);
    in.brk_empty = alg_break(in.b, "", false);
    in.ellipsis = alg_cstr(in.b, "...");
    /* Kernel.inspect/2: group(to_doc(term)), at the width when pretty */
    alg_doc doc = alg_group(in.b, to_doc(&in, t));
    char *out = alg_format(in.b, doc, o.pretty ? o.width : ALG_WIDTH_INFINITY, len);
    alg_free(in.b);
    free(in.frames);
    free(in.docs);
    ciex_buf_free(&in.text);
    return out;
}

/* ---- String.Tokenizer's identifier tables (Elixir 1.14, Unicode 14) ----
 * GENERATED: every code point >= 128 was classified by the private
 * functions unicode_start/1, unicode_upper/1, unicode_continue/1,
 * normalize_start/1 and codepoint_to_scriptset/1 of Elixir 1.14's
 * String.Tokenizer (recovered from the debug info of its .beam), and runs
 * of equal class and script set merged into ranges. */
static const uint64_t ident_scriptsets[40] = {
    0x1, 0x2, 0x4, 0x8,
    0x40, 0x80, 0x200, 0x400,
    0x1000, 0x2000, 0x4000, 0x10010,
    0x40000, 0x180000, 0x400000, 0x900000,
    0x980000, 0x1000000, 0x2002000, 0x4020000,
    0x4118000, 0x8000000, 0x10200180, 0x20000000,
    0x40004000, 0x80000000, 0x100400000, 0x200000000,
    0x400000000, 0x800000028, 0x1000000002, 0x2080000020,
    0x4000000000, 0x4000000800, 0x8000000000, 0x10000000000,
    0x20000000000, 0x40000000000, 0x90000000002, 0xFFFFFFFFFFF,
};
static const ident_range ident_ranges[447] = {
    {0xB5, 0xB5, 3, 39}, {0xB7, 0xB7, 2, 39}, {0xC0, 0xD6, 1, 0}, {0xD8, 0xF6, 1, 0},
    {0xF8, 0x131, 1, 0}, {0x134, 0x13E, 1, 0}, {0x141, 0x148, 1, 0}, {0x14A, 0x17E, 1, 0},
    {0x18F, 0x18F, 1, 0}, {0x1A0, 0x1A1, 1, 0}, {0x1AF, 0x1B0, 1, 0}, {0x1CD, 0x1DC, 1, 0},
    {0x1DE, 0x1E3, 1, 0}, {0x1E6, 0x1F0, 1, 0}, {0x1F4, 0x1F5, 1, 0}, {0x1F8, 0x21B, 1, 0},
    {0x21E, 0x21F, 1, 0}, {0x226, 0x233, 1, 0}, {0x259, 0x259, 1, 0}, {0x2BB, 0x2BC, 1, 39},
    {0x2EC, 0x2EC, 1, 39}, {0x300, 0x304, 2, 39}, {0x306, 0x30C, 2, 39}, {0x30F, 0x311, 2, 39},
    {0x313, 0x314, 2, 39}, {0x31B, 0x31B, 2, 39}, {0x323, 0x328, 2, 39}, {0x32D, 0x32E, 2, 39},
    {0x330, 0x331, 2, 39}, {0x335, 0x335, 2, 39}, {0x338, 0x339, 2, 39}, {0x342, 0x342, 2, 8},
    {0x345, 0x345, 2, 8}, {0x37B, 0x37D, 1, 8}, {0x386, 0x386, 1, 8}, {0x388, 0x38A, 1, 8},
    {0x38C, 0x38C, 1, 8}, {0x38E, 0x3A1, 1, 8}, {0x3A3, 0x3BB, 1, 8}, {0x3BC, 0x3BC, 1, 39},
    {0x3BD, 0x3CE, 1, 8}, {0x3FC, 0x3FF, 1, 8}, {0x400, 0x45F, 1, 4}, {0x48A, 0x4FF, 1, 4},
    {0x510, 0x529, 1, 4}, {0x52E, 0x52F, 1, 4}, {0x531, 0x556, 1, 2}, {0x559, 0x559, 1, 2},
    {0x561, 0x586, 1, 2}, {0x5B4, 0x5B4, 2, 12}, {0x5D0, 0x5EA, 1, 12}, {0x5EF, 0x5F2, 1, 12},
    {0x620, 0x63F, 1, 1}, {0x641, 0x64A, 1, 1}, {0x64B, 0x655, 2, 30}, {0x660, 0x669, 2, 38},
    {0x670, 0x670, 2, 30}, {0x671, 0x672, 1, 1}, {0x674, 0x674, 1, 1}, {0x679, 0x68D, 1, 1},
    {0x68F, 0x6A0, 1, 1}, {0x6A2, 0x6D3, 1, 1}, {0x6D5, 0x6D5, 1, 1}, {0x6E5, 0x6E6, 1, 1},
    {0x6EE, 0x6EF, 1, 1}, {0x6F0, 0x6F9, 2, 1}, {0x6FA, 0x6FC, 1, 1}, {0x6FF, 0x6FF, 1, 1},
    {0x750, 0x77F, 1, 1}, {0x780, 0x7A5, 1, 35}, {0x7A6, 0x7B0, 2, 35}, {0x7B1, 0x7B1, 1, 35},
    {0x870, 0x887, 1, 1}, {0x889, 0x88E, 1, 1}, {0x8A0, 0x8AC, 1, 1}, {0x8B2, 0x8B2, 1, 1},
    {0x8B5, 0x8C9, 1, 1}, {0x901, 0x903, 2, 5}, {0x904, 0x939, 1, 5}, {0x93A, 0x93C, 2, 5},
    {0x93D, 0x93D, 1, 5}, {0x93E, 0x94D, 2, 5}, {0x94F, 0x94F, 2, 5}, {0x950, 0x950, 1, 5},
    {0x956, 0x957, 2, 5}, {0x960, 0x961, 1, 5}, {0x962, 0x963, 2, 5}, {0x966, 0x96F, 2, 22},
    {0x971, 0x977, 1, 5}, {0x979, 0x97F, 1, 5}, {0x981, 0x983, 2, 3}, {0x985, 0x98C, 1, 3},
    {0x98F, 0x990, 1, 3}, {0x993, 0x9A8, 1, 3}, {0x9AA, 0x9B0, 1, 3}, {0x9B2, 0x9B2, 1, 3},
    {0x9B6, 0x9B9, 1, 3}, {0x9BC, 0x9BC, 2, 3}, {0x9BD, 0x9BD, 1, 3}, {0x9BE, 0x9C4, 2, 3},
    {0x9C7, 0x9C8, 2, 3}, {0x9CB, 0x9CD, 2, 3}, {0x9CE, 0x9CE, 1, 3}, {0x9D7, 0x9D7, 2, 3},
    {0x9E0, 0x9E1, 1, 3}, {0x9E2, 0x9E3, 2, 3}, {0x9E6, 0x9EF, 2, 29}, {0x9F0, 0x9F1, 1, 3},
    {0x9FE, 0x9FE, 2, 3}, {0xA01, 0xA03, 2, 10}, {0xA05, 0xA0A, 1, 10}, {0xA0F, 0xA10, 1, 10},
    {0xA13, 0xA28, 1, 10}, {0xA2A, 0xA30, 1, 10}, {0xA32, 0xA32, 1, 10}, {0xA35, 0xA35, 1, 10},
    {0xA38, 0xA39, 1, 10}, {0xA3C, 0xA3C, 2, 10}, {0xA3E, 0xA42, 2, 10}, {0xA47, 0xA48, 2, 10},
    {0xA4B, 0xA4D, 2, 10}, {0xA5C, 0xA5C, 1, 10}, {0xA66, 0xA6F, 2, 24}, {0xA70, 0xA71, 2, 10},
    {0xA72, 0xA74, 1, 10}, {0xA81, 0xA83, 2, 9}, {0xA85, 0xA8D, 1, 9}, {0xA8F, 0xA91, 1, 9},
    {0xA93, 0xAA8, 1, 9}, {0xAAA, 0xAB0, 1, 9}, {0xAB2, 0xAB3, 1, 9}, {0xAB5, 0xAB9, 1, 9},
    {0xABC, 0xABC, 2, 9}, {0xABD, 0xABD, 1, 9}, {0xABE, 0xAC5, 2, 9}, {0xAC7, 0xAC9, 2, 9},
    {0xACB, 0xACD, 2, 9}, {0xAD0, 0xAD0, 1, 9}, {0xAE0, 0xAE1, 1, 9}, {0xAE2, 0xAE3, 2, 9},
    {0xAE6, 0xAEF, 2, 18}, {0xAFA, 0xAFF, 2, 9}, {0xB01, 0xB03, 2, 27}, {0xB05, 0xB0C, 1, 27},
    {0xB0F, 0xB10, 1, 27}, {0xB13, 0xB28, 1, 27}, {0xB2A, 0xB30, 1, 27}, {0xB32, 0xB33, 1, 27},
    {0xB35, 0xB39, 1, 27}, {0xB3C, 0xB3C, 2, 27}, {0xB3D, 0xB3D, 1, 27}, {0xB3E, 0xB43, 2, 27},
    {0xB47, 0xB48, 2, 27}, {0xB4B, 0xB4D, 2, 27}, {0xB55, 0xB57, 2, 27}, {0xB5F, 0xB61, 1, 27},
    {0xB66, 0xB6F, 2, 27}, {0xB71, 0xB71, 1, 27}, {0xB82, 0xB82, 2, 32}, {0xB83, 0xB83, 1, 32},
    {0xB85, 0xB8A, 1, 32}, {0xB8E, 0xB90, 1, 32}, {0xB92, 0xB95, 1, 32}, {0xB99, 0xB9A, 1, 32},
    {0xB9C, 0xB9C, 1, 32}, {0xB9E, 0xB9F, 1, 32}, {0xBA3, 0xBA4, 1, 32}, {0xBA8, 0xBAA, 1, 32},
    {0xBAE, 0xBB9, 1, 32}, {0xBBE, 0xBC2, 2, 32}, {0xBC6, 0xBC8, 2, 32}, {0xBCA, 0xBCD, 2, 32},
    {0xBD0, 0xBD0, 1, 32}, {0xBD7, 0xBD7, 2, 32}, {0xBE6, 0xBEF, 2, 33}, {0xC01, 0xC04, 2, 34},
    {0xC05, 0xC0C, 1, 34}, {0xC0E, 0xC10, 1, 34}, {0xC12, 0xC28, 1, 34}, {0xC2A, 0xC33, 1, 34},
    {0xC35, 0xC39, 1, 34}, {0xC3C, 0xC3C, 2, 34}, {0xC3D, 0xC3D, 1, 34}, {0xC3E, 0xC44, 2, 34},
    {0xC46, 0xC48, 2, 34}, {0xC4A, 0xC4D, 2, 34}, {0xC55, 0xC56, 2, 34}, {0xC5D, 0xC5D, 1, 34},
    {0xC60, 0xC61, 1, 34}, {0xC66, 0xC6F, 2, 34}, {0xC80, 0xC80, 1, 14}, {0xC82, 0xC83, 2, 14},
    {0xC85, 0xC8C, 1, 14}, {0xC8E, 0xC90, 1, 14}, {0xC92, 0xCA8, 1, 14}, {0xCAA, 0xCB3, 1, 14},
    {0xCB5, 0xCB9, 1, 14}, {0xCBC, 0xCBC, 2, 14}, {0xCBD, 0xCBD, 1, 14}, {0xCBE, 0xCC4, 2, 14},
    {0xCC6, 0xCC8, 2, 14}, {0xCCA, 0xCCD, 2, 14}, {0xCD5, 0xCD6, 2, 14}, {0xCDD, 0xCDD, 1, 14},
    {0xCE0, 0xCE1, 1, 14}, {0xCE2, 0xCE3, 2, 14}, {0xCE6, 0xCEF, 2, 26}, {0xCF1, 0xCF2, 1, 14},
    {0xD00, 0xD00, 2, 23}, {0xD02, 0xD03, 2, 23}, {0xD05, 0xD0C, 1, 23}, {0xD0E, 0xD10, 1, 23},
    {0xD12, 0xD3A, 1, 23}, {0xD3D, 0xD3D, 1, 23}, {0xD3E, 0xD43, 2, 23}, {0xD46, 0xD48, 2, 23},
    {0xD4A, 0xD4D, 2, 23}, {0xD4E, 0xD4E, 1, 23}, {0xD54, 0xD56, 1, 23}, {0xD57, 0xD57, 2, 23},
    {0xD60, 0xD61, 1, 23}, {0xD66, 0xD6F, 2, 23}, {0xD7A, 0xD7F, 1, 23}, {0xD82, 0xD83, 2, 28},
    {0xD85, 0xD8E, 1, 28}, {0xD91, 0xD96, 1, 28}, {0xD9A, 0xDA5, 1, 28}, {0xDA7, 0xDB1, 1, 28},
    {0xDB3, 0xDBB, 1, 28}, {0xDBD, 0xDBD, 1, 28}, {0xDC0, 0xDC6, 1, 28}, {0xDCA, 0xDCA, 2, 28},
    {0xDCF, 0xDD4, 2, 28}, {0xDD6, 0xDD6, 2, 28}, {0xDD8, 0xDDE, 2, 28}, {0xDF2, 0xDF2, 2, 28},
    {0xE01, 0xE30, 1, 36}, {0xE31, 0xE31, 2, 36}, {0xE32, 0xE32, 1, 36}, {0xE34, 0xE3A, 2, 36},
    {0xE40, 0xE46, 1, 36}, {0xE47, 0xE4E, 2, 36}, {0xE50, 0xE59, 2, 36}, {0xE81, 0xE82, 1, 21},
    {0xE84, 0xE84, 1, 21}, {0xE86, 0xE8A, 1, 21}, {0xE8C, 0xEA3, 1, 21}, {0xEA5, 0xEA5, 1, 21},
    {0xEA7, 0xEB0, 1, 21}, {0xEB1, 0xEB1, 2, 21}, {0xEB2, 0xEB2, 1, 21}, {0xEB4, 0xEBC, 2, 21},
    {0xEBD, 0xEBD, 1, 21}, {0xEC0, 0xEC4, 1, 21}, {0xEC6, 0xEC6, 1, 21}, {0xEC8, 0xECD, 2, 21},
    {0xED0, 0xED9, 2, 21}, {0xEDE, 0xEDF, 1, 21}, {0xF00, 0xF00, 1, 37}, {0xF20, 0xF29, 2, 37},
    {0xF35, 0xF35, 2, 37}, {0xF37, 0xF37, 2, 37}, {0xF3E, 0xF3F, 2, 37}, {0xF40, 0xF42, 1, 37},
    {0xF44, 0xF47, 1, 37}, {0xF49, 0xF4C, 1, 37}, {0xF4E, 0xF51, 1, 37}, {0xF53, 0xF56, 1, 37},
    {0xF58, 0xF5B, 1, 37}, {0xF5D, 0xF68, 1, 37}, {0xF6A, 0xF6C, 1, 37}, {0xF71, 0xF72, 2, 37},
    {0xF74, 0xF74, 2, 37}, {0xF7A, 0xF80, 2, 37}, {0xF82, 0xF84, 2, 37}, {0xF86, 0xF87, 2, 37},
    {0xF88, 0xF8C, 1, 37}, {0xF8D, 0xF92, 2, 37}, {0xF94, 0xF97, 2, 37}, {0xF99, 0xF9C, 2, 37},
    {0xF9E, 0xFA1, 2, 37}, {0xFA3, 0xFA6, 2, 37}, {0xFA8, 0xFAB, 2, 37}, {0xFAD, 0xFB8, 2, 37},
    {0xFBA, 0xFBC, 2, 37}, {0xFC6, 0xFC6, 2, 37}, {0x1000, 0x102A, 1, 25}, {0x102B, 0x103E, 2, 25},
    {0x103F, 0x103F, 1, 25}, {0x1040, 0x1049, 2, 31}, {0x1050, 0x1055, 1, 25}, {0x1056, 0x1059, 2, 25},
    {0x105A, 0x105D, 1, 25}, {0x105E, 0x1060, 2, 25}, {0x1061, 0x1061, 1, 25}, {0x1062, 0x1064, 2, 25},
    {0x1065, 0x1066, 1, 25}, {0x1067, 0x106D, 2, 25}, {0x106E, 0x1070, 1, 25}, {0x1071, 0x1074, 2, 25},
    {0x1075, 0x1081, 1, 25}, {0x1082, 0x108D, 2, 25}, {0x108E, 0x108E, 1, 25}, {0x108F, 0x109D, 2, 25},
    {0x10C7, 0x10C7, 1, 7}, {0x10CD, 0x10CD, 1, 7}, {0x10D0, 0x10F0, 1, 7}, {0x10F7, 0x10FA, 1, 7},
    {0x10FD, 0x10FF, 1, 7}, {0x1200, 0x1248, 1, 6}, {0x124A, 0x124D, 1, 6}, {0x1250, 0x1256, 1, 6},
    {0x1258, 0x1258, 1, 6}, {0x125A, 0x125D, 1, 6}, {0x1260, 0x1288, 1, 6}, {0x128A, 0x128D, 1, 6},
    {0x1290, 0x12B0, 1, 6}, {0x12B2, 0x12B5, 1, 6}, {0x12B8, 0x12BE, 1, 6}, {0x12C0, 0x12C0, 1, 6},
    {0x12C2, 0x12C5, 1, 6}, {0x12C8, 0x12D6, 1, 6}, {0x12D8, 0x1310, 1, 6}, {0x1312, 0x1315, 1, 6},
    {0x1318, 0x135A, 1, 6}, {0x135D, 0x135F, 2, 6}, {0x1380, 0x138F, 1, 6}, {0x1780, 0x17A2, 1, 17},
    {0x17A5, 0x17A7, 1, 17}, {0x17A9, 0x17B3, 1, 17}, {0x17B6, 0x17CD, 2, 17}, {0x17D0, 0x17D0, 2, 17},
    {0x17D2, 0x17D2, 2, 17}, {0x17D7, 0x17D7, 1, 17}, {0x17DC, 0x17DC, 1, 17}, {0x17E0, 0x17E9, 2, 17},
    {0x1C90, 0x1CBA, 1, 7}, {0x1CBD, 0x1CBF, 1, 7}, {0x1E00, 0x1E99, 1, 0}, {0x1E9E, 0x1E9E, 1, 0},
    {0x1EA0, 0x1EF9, 1, 0}, {0x1F00, 0x1F15, 1, 8}, {0x1F18, 0x1F1D, 1, 8}, {0x1F20, 0x1F45, 1, 8},
    {0x1F48, 0x1F4D, 1, 8}, {0x1F50, 0x1F57, 1, 8}, {0x1F59, 0x1F59, 1, 8}, {0x1F5B, 0x1F5B, 1, 8},
    {0x1F5D, 0x1F5D, 1, 8}, {0x1F5F, 0x1F70, 1, 8}, {0x1F72, 0x1F72, 1, 8}, {0x1F74, 0x1F74, 1, 8},
    {0x1F76, 0x1F76, 1, 8}, {0x1F78, 0x1F78, 1, 8}, {0x1F7A, 0x1F7A, 1, 8}, {0x1F7C, 0x1F7C, 1, 8},
    {0x1F80, 0x1FB4, 1, 8}, {0x1FB6, 0x1FBA, 1, 8}, {0x1FBC, 0x1FBC, 1, 8}, {0x1FC2, 0x1FC4, 1, 8},
    {0x1FC6, 0x1FC8, 1, 8}, {0x1FCA, 0x1FCA, 1, 8}, {0x1FCC, 0x1FCC, 1, 8}, {0x1FD0, 0x1FD2, 1, 8},
    {0x1FD6, 0x1FDA, 1, 8}, {0x1FE0, 0x1FE2, 1, 8}, {0x1FE4, 0x1FEA, 1, 8}, {0x1FEC, 0x1FEC, 1, 8},
    {0x1FF2, 0x1FF4, 1, 8}, {0x1FF6, 0x1FF8, 1, 8}, {0x1FFA, 0x1FFA, 1, 8}, {0x1FFC, 0x1FFC, 1, 8},
    {0x2D27, 0x2D27, 1, 7}, {0x2D2D, 0x2D2D, 1, 7}, {0x2D80, 0x2D96, 1, 6}, {0x2DA0, 0x2DA6, 1, 6},
    {0x2DA8, 0x2DAE, 1, 6}, {0x2DB0, 0x2DB6, 1, 6}, {0x2DB8, 0x2DBE, 1, 6}, {0x2DC0, 0x2DC6, 1, 6},
    {0x2DC8, 0x2DCE, 1, 6}, {0x2DD0, 0x2DD6, 1, 6}, {0x2DD8, 0x2DDE, 1, 6}, {0x3005, 0x3007, 1, 20},
    {0x3041, 0x3096, 1, 13}, {0x3099, 0x309A, 2, 16}, {0x309D, 0x309E, 1, 13}, {0x30A1, 0x30FA, 1, 15},
    {0x30FC, 0x30FC, 1, 16}, {0x30FD, 0x30FE, 1, 15}, {0x3105, 0x312D, 1, 11}, {0x312F, 0x312F, 1, 11},
    {0x31A0, 0x31BF, 1, 11}, {0x3400, 0x4DBF, 1, 20}, {0x4E00, 0x9FFF, 1, 20}, {0xA67F, 0xA67F, 1, 4},
    {0xA717, 0xA71F, 1, 39}, {0xA788, 0xA788, 1, 39}, {0xA78D, 0xA78D, 1, 0}, {0xA792, 0xA793, 1, 0},
    {0xA7AA, 0xA7AA, 1, 0}, {0xA7AE, 0xA7AE, 1, 0}, {0xA7B8, 0xA7B9, 1, 0}, {0xA7C0, 0xA7CA, 1, 0},
    {0xA7D0, 0xA7D1, 1, 0}, {0xA7D3, 0xA7D3, 1, 0}, {0xA7D5, 0xA7D9, 1, 0}, {0xA9E7, 0xA9EF, 1, 25},
    {0xA9F0, 0xA9F9, 2, 25}, {0xA9FA, 0xA9FE, 1, 25}, {0xAA60, 0xAA76, 1, 25}, {0xAA7A, 0xAA7A, 1, 25},
    {0xAA7B, 0xAA7D, 2, 25}, {0xAA7E, 0xAA7F, 1, 25}, {0xAB01, 0xAB06, 1, 6}, {0xAB09, 0xAB0E, 1, 6},
    {0xAB11, 0xAB16, 1, 6}, {0xAB20, 0xAB26, 1, 6}, {0xAB28, 0xAB2E, 1, 6}, {0xAB66, 0xAB67, 1, 0},
    {0xAC00, 0xD7A3, 1, 19}, {0xFA0E, 0xFA0F, 1, 20}, {0xFA11, 0xFA11, 1, 20}, {0xFA13, 0xFA14, 1, 20},
    {0xFA1F, 0xFA1F, 1, 20}, {0xFA21, 0xFA21, 1, 20}, {0xFA23, 0xFA24, 1, 20}, {0xFA27, 0xFA29, 1, 20},
    {0x11301, 0x11301, 2, 33}, {0x11303, 0x11303, 2, 33}, {0x1133B, 0x1133C, 2, 33}, {0x16FF0, 0x16FF1, 2, 20},
    {0x1B11F, 0x1B11F, 1, 13}, {0x1B120, 0x1B122, 1, 15}, {0x1B150, 0x1B152, 1, 13}, {0x1B164, 0x1B167, 1, 15},
    {0x1DF00, 0x1DF1E, 1, 0}, {0x1E7E0, 0x1E7E6, 1, 6}, {0x1E7E8, 0x1E7EB, 1, 6}, {0x1E7ED, 0x1E7EE, 1, 6},
    {0x1E7F0, 0x1E7FE, 1, 6}, {0x20000, 0x2A6DF, 1, 20}, {0x2A700, 0x2B738, 1, 20}, {0x2B740, 0x2B81D, 1, 20},
    {0x2B820, 0x2CEA1, 1, 20}, {0x2CEB0, 0x2EBE0, 1, 20}, {0x30000, 0x3134A, 1, 20},
};
