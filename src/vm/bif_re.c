/* bif_re.c - Erlang's :re on PCRE2: compiling, matching, and the cache of
 * compiled patterns.  The :re module itself (argument conversion, replace,
 * split) is Elixir in src/lang/prelude/17_re.ex, over these primitives:
 *
 *   :ciex.re_compile(source, options)  -> {:ok, mp} | {:error, {msg, offset}}
 *   :ciex.re_run(subject, mp | source, options)
 *   :ciex.re_names(mp)                  -> names, in PCRE's (alphabetical) order
 *   :ciex.re_version()                  -> PCRE2's version string
 *
 * The compiled form is OTP's shape, {:re_pattern, captures, unicode,
 * use_crlf, binary}, but the binary is not PCRE bytecode: it holds a
 * magic prefix, the compile options and the source, so it is a key the
 * runtime compiles (once, then from its cache) wherever it lands.  A
 * pattern made on another ciex node works here; one made on a BEAM node
 * holds PCRE 8 bytecode and is refused (badarg), which is why Elixir's
 * Regex recompiles from the struct's source when :re.version/0 differs,
 * as it does between PCRE2 here and PCRE 8 on the BEAM.
 *
 * Matching is bounded as on the BEAM: PCRE2's match limit and depth limit
 * default to OTP's 10,000,000 ({match_limit, N}, {match_limit_recursion,
 * N} override them); a match that hits one is :nomatch, or {:error,
 * :match_limit | :match_limit_recursion} with report_errors.  Compile
 * errors carry the message PCRE 8 (the BEAM's PCRE) gives for the same
 * mistake, and PCRE2's own text for the few that have no counterpart. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "vm_internal.h"

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

/* the key: magic, options (big-endian), newline, bsr, then the source */
static const uint8_t re_magic[8] = {'c', 'i', 'e', 'x', '-', 'r', 'e', 1};
#define RE_HEADER 14u
#define RE_DEFAULT_LIMIT 10000000u
#define RE_HEAP_LIMIT_KIB (256u * 1024u)

typedef struct re_entry {
    uint8_t *key;
    size_t keylen;
    uint64_t hash;
    pcre2_code *code;
} re_entry;

/* An open hash of compiled patterns by key.  When it fills up (4096
 * patterns) it is emptied: programs that build patterns without end must
 * not grow the node, and the ones they reuse are compiled again. */
struct vm_re_cache {
    re_entry *slots;
    uint32_t cap, count;
    pcre2_match_context *mctx;
    uint8_t tables[1088]; /* character tables, as the BEAM's PCRE has them */
};
#define RE_CACHE_MAX 4096u

typedef struct re_copts {
    uint32_t flags;  /* PCRE2_* compile options */
    uint8_t newline; /* PCRE2_NEWLINE_*, 0: the default (LF) */
    uint8_t bsr;     /* PCRE2_BSR_*, 0: the default */
} re_copts;

enum { CAP_ALL, CAP_ALL_BUT_FIRST, CAP_FIRST, CAP_NONE, CAP_ALL_NAMES, CAP_LIST };
enum { TYPE_INDEX, TYPE_LIST, TYPE_BINARY };

typedef struct re_ropts {
    uint32_t match_flags;
    bool global, report_errors;
    int cap_kind, cap_type;
    term cap_list; /* borrowed */
    int64_t offset;
    uint32_t match_limit, depth_limit;
} re_ropts;

static uint64_t key_hash(const uint8_t *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 1099511628211ull;
    return h;
}

void vm_re_cache_free(vm_runtime *rt)
{
    struct vm_re_cache *c = rt->re_cache;
    if (!c) return;
    for (uint32_t i = 0; i < c->cap; i++)
        if (c->slots[i].code) {
            pcre2_code_free(c->slots[i].code);
            free(c->slots[i].key);
        }
    free(c->slots);
    pcre2_match_context_free(c->mctx);
    free(c);
    rt->re_cache = NULL;
}

/* PCRE2's tables: lower case, flipped case, class bitmaps (space, xdigit,
 * digit, upper, lower, word, graph, print, punct, cntrl; 32 bytes each),
 * then a type byte per character. */
enum { T_LCC = 0, T_FCC = 256, T_CBITS = 512, T_CTYPES = 832 };
enum { CB_SPACE, CB_XDIGIT, CB_DIGIT, CB_UPPER, CB_LOWER, CB_WORD, CB_GRAPH, CB_PRINT, CB_PUNCT, CB_CNTRL };
enum { CT_LETTER = 0x02, CT_LCLETTER = 0x04, CT_WORD = 0x10 };

static void set_class(uint8_t *t, int cls, int c) { t[T_CBITS + cls * 32 + c / 8] |= (uint8_t)(1u << (c % 8)); }

/* The BEAM's PCRE was built with ISO 8859-1 tables: bytes 0xC0-0xFE are
 * letters (but for x and ÷), with their case pairs, as are ª µ º ß ÿ;
 * 0x80-0x9F are controls and the rest of 0xA0-0xBF punctuation.  So
 * ~r/\w+/ on "héllo" (no u) matches "h\xC3" on both.  PCRE2's own
 * tables for the C locale hold ASCII, which is kept. */
static void latin1_tables(uint8_t *t)
{
    const uint8_t *c = pcre2_maketables(NULL);
    if (!c) ciex_out_of_memory("re", 0, false);
    memcpy(t, c, 1088);
    pcre2_maketables_free(NULL, c);
    for (int b = 128; b < 256; b++) {
        for (int cls = 0; cls < 10; cls++) t[T_CBITS + cls * 32 + b / 8] &= (uint8_t)~(1u << (b % 8));
        t[T_LCC + b] = t[T_FCC + b] = (uint8_t)b;
        t[T_CTYPES + b] = 0;
        if (b < 160) {
            set_class(t, CB_CNTRL, b);
            continue;
        }
        set_class(t, CB_GRAPH, b);
        set_class(t, CB_PRINT, b);
        bool upper = b >= 0xC0 && b <= 0xDE && b != 0xD7;
        bool lower = (b >= 0xDF && b != 0xF7) || b == 0xAA || b == 0xB5 || b == 0xBA;
        if (!upper && !lower) {
            set_class(t, CB_PUNCT, b);
            continue;
        }
        set_class(t, upper ? CB_UPPER : CB_LOWER, b);
        set_class(t, CB_WORD, b);
        t[T_CTYPES + b] = CT_LETTER | CT_WORD | (lower ? CT_LCLETTER : 0);
        if (upper) t[T_LCC + b] = t[T_FCC + b] = (uint8_t)(b + 32);
        else if (b >= 0xE0 && b <= 0xFE) t[T_FCC + b] = (uint8_t)(b - 32);
    }
}

static struct vm_re_cache *cache_of(vm_runtime *rt)
{
    if (!rt->re_cache) {
        struct vm_re_cache *c = ciex_xcalloc(1, sizeof *c, "re");
        c->cap = 64;
        c->slots = ciex_xcalloc(c->cap, sizeof *c->slots, "re");
        c->mctx = pcre2_match_context_create(NULL);
        if (!c->mctx) ciex_out_of_memory("re", 0, false);
        latin1_tables(c->tables);
        rt->re_cache = c;
    }
    return rt->re_cache;
}

static re_entry *cache_slot(struct vm_re_cache *c, const uint8_t *key, size_t n, uint64_t h)
{
    uint32_t i = (uint32_t)h & (c->cap - 1);
    while (c->slots[i].code &&
           !(c->slots[i].hash == h && c->slots[i].keylen == n && memcmp(c->slots[i].key, key, n) == 0))
        i = (i + 1) & (c->cap - 1);
    return &c->slots[i];
}

static void cache_grow(vm_runtime *rt)
{
    struct vm_re_cache *c = rt->re_cache;
    if (c->cap >= RE_CACHE_MAX * 2) {
        for (uint32_t i = 0; i < c->cap; i++)
            if (c->slots[i].code) {
                pcre2_code_free(c->slots[i].code);
                free(c->slots[i].key);
            }
        memset(c->slots, 0, c->cap * sizeof *c->slots);
        c->count = 0;
        return;
    }
    re_entry *old = c->slots;
    uint32_t oldcap = c->cap;
    c->cap *= 2;
    c->slots = ciex_xcalloc(c->cap, sizeof *c->slots, "re");
    for (uint32_t i = 0; i < oldcap; i++)
        if (old[i].code) *cache_slot(c, old[i].key, old[i].keylen, old[i].hash) = old[i];
    free(old);
}

/* ---- compiling ---- */

static bool is_key(const uint8_t *s, size_t n) { return n >= RE_HEADER && memcmp(s, re_magic, 8) == 0; }

static void key_options(const uint8_t *k, re_copts *o)
{
    o->flags = (uint32_t)k[8] << 24 | (uint32_t)k[9] << 16 | (uint32_t)k[10] << 8 | k[11];
    o->newline = k[12];
    o->bsr = k[13];
}

static term make_key(const re_copts *o, const uint8_t *src, size_t n)
{
    uint8_t *d;
    term bin = term_binary_alloc(RE_HEADER + n, &d);
    memcpy(d, re_magic, 8);
    d[8] = (uint8_t)(o->flags >> 24), d[9] = (uint8_t)(o->flags >> 16);
    d[10] = (uint8_t)(o->flags >> 8), d[11] = (uint8_t)o->flags;
    d[12] = o->newline, d[13] = o->bsr;
    if (n) memcpy(d + RE_HEADER, src, n);
    return bin;
}

/* PCRE 8's text for a PCRE2 compile error, as the BEAM reports it. */
static const char *pcre1_message(int code)
{
    static const struct {
        int code;
        const char *text;
    } texts[] = {
        {101, "\\ at end of pattern"},
        {102, "\\c at end of pattern"},
        {103, "unrecognized character follows \\"},
        {104, "numbers out of order in {} quantifier"},
        {105, "number too big in {} quantifier"},
        {106, "missing terminating ] for character class"},
        {107, "invalid escape sequence in character class"},
        {108, "range out of order in character class"},
        {109, "nothing to repeat"},
        {111, "unrecognized character after (? or (?-"},
        {112, "POSIX named classes are supported only within a class"},
        {113, "POSIX collating elements are not supported"},
        {114, "missing )"},
        {115, "reference to non-existent subpattern"},
        {118, "missing ) after comment"},
        {120, "regular expression is too large"},
        {122, "unmatched parentheses"},
        {124, "malformed number or name after (?("},
        {125, "lookbehind assertion is not fixed length"},
        {128, "assertion expected after (?( or (?(?C)"},
        {130, "unknown POSIX class name"},
        {134, "character value in \\x{} or \\o{} is too large"},
        {137, "PCRE does not support \\L, \\l, \\N{name}, \\U, or \\u"},
        {138, "number after (?C is > 255"},
        {139, "closing ) for (?C expected"},
        {142, "syntax error in subpattern name (missing terminator)"},
        {143, "two named subpatterns have the same name"},
        {144, "group name must start with a non-digit"},
        {146, "malformed \\P or \\p sequence"},
        {147, "unknown property name after \\P or \\p"},
        {148, "subpattern name is too long (maximum 32 characters)"},
        {158, "(?R or (?[+-]digits must be followed by )"},
        {160, "(*VERB) not recognized or malformed"},
        {162, "unrecognized character after (?<"},
    };
    if (code < 0) return "invalid UTF-8 string";
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        if (texts[i].code == code) return texts[i].text;
    return NULL;
}

/* Where PCRE 8 reports the errors PCRE2 places elsewhere, and the
 * truncated groups it names by what they lack rather than by the missing
 * parenthesis. */
static void pcre1_position(const uint8_t *src, size_t n, int *code, PCRE2_SIZE *off)
{
    if (*code == 143 || *code == 137) { /* after the name; at the escape's letter */
        if (*off > 0) (*off)--;
    } else if (*code == 125) { /* at the lookbehind's closing parenthesis */
        size_t depth = 0, i = *off;
        for (bool cls = false; i < n; i++) {
            if (src[i] == '\\') i++;
            else if (cls) cls = src[i] != ']';
            else if (src[i] == '[') cls = true;
            else if (src[i] == '(') depth++;
            else if (src[i] == ')' && --depth == 0) break;
        }
        if (i < n) *off = i;
    } else if (*code == 114 && *off == n) { /* "(?i", "(?C1" at the end */
        size_t i = n;
        while (i > 0 && (isalnum(src[i - 1]) || src[i - 1] == '-')) i--;
        if (i >= 2 && src[i - 2] == '(' && src[i - 1] == '?') *code = i < n && src[i] == 'C' ? 139 : 111;
    }
}

/* Compiles as PCRE 8 did where PCRE2 refuses what it took: an escaped
 * letter without a meaning (\i, [\y]) is the letter, and a hyphen after a
 * class escape in a class ([\w-.]) is a hyphen.  The second is done by
 * escaping the hyphen in a copy of the source; an error found after that
 * is placed in the source as written. */
static pcre2_code *compile_as_pcre8(pcre2_compile_context *cc, const uint8_t *src, size_t n, uint32_t flags,
                                    int *code, PCRE2_SIZE *off)
{
    uint8_t *copy = NULL;
    size_t len = n, added[16], nadded = 0;
    bool literal_escapes = false;
    pcre2_code *re;
    for (;;) {
        re = pcre2_compile((PCRE2_SPTR)(copy ? copy : src), len, flags, code, off, cc);
        if (re) break;
        if ((*code == 103 || *code == 107) && !literal_escapes) {
            literal_escapes = true;
            pcre2_set_compile_extra_options(cc, PCRE2_EXTRA_BAD_ESCAPE_IS_LITERAL);
            continue;
        }
        const uint8_t *s = copy ? copy : src;
        size_t at = *off < len && s[*off] == '-' ? *off : *off > 0 && s[*off - 1] == '-' ? *off - 1 : len;
        if (*code != 150 || at == len || nadded == sizeof added / sizeof *added) break;
        uint8_t *grown = ciex_xmalloc(len + 1, "re");
        memcpy(grown, s, at);
        grown[at] = '\\';
        memcpy(grown + at + 1, s + at, len - at);
        free(copy);
        copy = grown;
        len++;
        added[nadded++] = at;
    }
    free(copy);
    if (!re)
        while (nadded > 0)
            if (*off > added[--nadded]) (*off)--;
    return re;
}

/* The first thing PCRE2 accepts and PCRE 8 refused: \N{...} (PCRE2's
 * \N{U+hh}; code 137 at the N) and, in UTF mode, a group name with a
 * byte that is not a word character in the tables (PCRE 8 read names
 * byte by byte: "(?<pré>" stops at the second byte of é; code 142). */
static bool pcre8_refusal(const uint8_t *s, size_t n, const uint8_t *ctypes, bool utf, int *code, PCRE2_SIZE *off)
{
    bool cls = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\') {
            if (i + 2 < n && s[i + 1] == 'N' && s[i + 2] == '{') {
                *code = 137, *off = i + 1;
                return true;
            }
            i++;
        } else if (cls) {
            cls = s[i] != ']';
        } else if (s[i] == '[') {
            cls = true;
        } else if (utf && s[i] == '(' && i + 3 < n && s[i + 1] == '?') {
            size_t j = i + 2;
            if (s[j] == 'P' && s[j + 1] == '<') j += 2;
            else if ((s[j] == '<' && s[j + 1] != '=' && s[j + 1] != '!') || s[j] == '\'') j++;
            else continue;
            while (j < n && (ctypes[s[j]] & CT_WORD)) j++;
            if (j < n && s[j] >= 0x80) {
                *code = 142, *off = j;
                return true;
            }
        }
    }
    return false;
}

/* The compiled code of a key, from the cache or compiled now; NULL with
 * *err (a {message, offset} term) when the source does not compile. */
static pcre2_code *code_of_key(vm_runtime *rt, const uint8_t *key, size_t n, term *err)
{
    struct vm_re_cache *c = cache_of(rt);
    uint64_t h = key_hash(key, n);
    re_entry *e = cache_slot(c, key, n, h);
    if (e->code) return e->code;
    re_copts o;
    key_options(key, &o);
    pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
    if (!cc) ciex_out_of_memory("re", 0, false);
    pcre2_set_character_tables(cc, c->tables);
    if (o.newline) pcre2_set_newline(cc, o.newline);
    if (o.bsr) pcre2_set_bsr(cc, o.bsr);
    /* In UTF mode without UCP, PCRE2's start-up optimisation leaves the
     * characters 128-255 out of \w, \d and \s, which its matcher (and
     * PCRE 8's) takes from the tables: without it, é is a \w as on the BEAM. */
    uint32_t flags = o.flags;
    if ((flags & PCRE2_UTF) && !(flags & PCRE2_UCP)) flags |= PCRE2_NO_START_OPTIMIZE;
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = compile_as_pcre8(cc, key + RE_HEADER, n - RE_HEADER, flags, &code, &off);
    if (!re) pcre1_position(key + RE_HEADER, n - RE_HEADER, &code, &off);
    int code8;
    PCRE2_SIZE off8;
    if (pcre8_refusal(key + RE_HEADER, n - RE_HEADER, c->tables + T_CTYPES, flags & PCRE2_UTF, &code8, &off8) &&
        (re || off8 < off)) {
        pcre2_code_free(re);
        re = NULL;
        code = code8, off = off8;
    }
    pcre2_compile_context_free(cc);
    if (!re) {
        const char *text = pcre1_message(code);
        PCRE2_UCHAR buf[256];
        if (!text) {
            pcre2_get_error_message(code, buf, sizeof buf);
            text = (const char *)buf;
        }
        *err = term_tuple2(term_charlist_from_utf8(text, strlen(text)), term_int_from_u64(off));
        return NULL;
    }
    if (c->count * 2 >= c->cap) {
        cache_grow(rt);
        e = cache_slot(c, key, n, h);
    }
    e->key = ciex_xmalloc(n ? n : 1, "re");
    memcpy(e->key, key, n);
    e->keylen = n;
    e->hash = h;
    e->code = re;
    c->count++;
    return re;
}

static bool nonneg_u32(term t, uint32_t *out)
{
    int64_t v;
    if (!term_is_integer(t) || !term_int_to_i64(t, &v) || v < 0) return false;
    *out = v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
    return true;
}

/* A compile option into o; false when opt is none. */
static bool compile_option(term opt, re_copts *o)
{
    static const struct {
        const char *name;
        uint32_t flag;
    } flags[] = {
        {"unicode", PCRE2_UTF}, {"ucp", PCRE2_UCP}, {"caseless", PCRE2_CASELESS},
        {"multiline", PCRE2_MULTILINE}, {"dotall", PCRE2_DOTALL}, {"extended", PCRE2_EXTENDED},
        {"ungreedy", PCRE2_UNGREEDY}, {"firstline", PCRE2_FIRSTLINE}, {"anchored", PCRE2_ANCHORED},
        {"dollar_endonly", PCRE2_DOLLAR_ENDONLY}, {"no_auto_capture", PCRE2_NO_AUTO_CAPTURE},
        {"dupnames", PCRE2_DUPNAMES}, {"never_utf", PCRE2_NEVER_UTF},
        {"no_start_optimize", PCRE2_NO_START_OPTIMIZE},
    };
    if (term_is_atom(opt)) {
        const char *n = term_atom_name(opt);
        for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
            if (strcmp(n, flags[i].name) == 0) {
                o->flags |= flags[i].flag;
                return true;
            }
        if (strcmp(n, "bsr_anycrlf") == 0) o->bsr = PCRE2_BSR_ANYCRLF;
        else if (strcmp(n, "bsr_unicode") == 0) o->bsr = PCRE2_BSR_UNICODE;
        else return false;
        return true;
    }
    return false;
}

/* {newline, NL}, valid when compiling and when running */
static bool newline_option(term opt, re_copts *o)
{
    if (!term_is_tuple(opt) || term_tuple_arity(opt) != 2 || term_tuple_get(opt, 0) != term_atom("newline"))
        return false;
    term v = term_tuple_get(opt, 1);
    if (v == term_atom("cr")) o->newline = PCRE2_NEWLINE_CR;
    else if (v == term_atom("lf")) o->newline = PCRE2_NEWLINE_LF;
    else if (v == term_atom("crlf")) o->newline = PCRE2_NEWLINE_CRLF;
    else if (v == term_atom("anycrlf")) o->newline = PCRE2_NEWLINE_ANYCRLF;
    else if (v == term_atom("any")) o->newline = PCRE2_NEWLINE_ANY;
    else return false;
    return true;
}

static bool capture_option(term opt, re_ropts *o)
{
    uint32_t n = term_is_tuple(opt) ? term_tuple_arity(opt) : 0;
    if ((n != 2 && n != 3) || term_tuple_get(opt, 0) != term_atom("capture")) return false;
    term spec = term_tuple_get(opt, 1);
    if (spec == term_atom("all")) o->cap_kind = CAP_ALL;
    else if (spec == term_atom("all_but_first")) o->cap_kind = CAP_ALL_BUT_FIRST;
    else if (spec == term_atom("first")) o->cap_kind = CAP_FIRST;
    else if (spec == term_atom("none")) o->cap_kind = CAP_NONE;
    else if (spec == term_atom("all_names")) o->cap_kind = CAP_ALL_NAMES;
    else if (term_is_list(spec)) o->cap_kind = CAP_LIST, o->cap_list = spec;
    else return false;
    o->cap_type = TYPE_INDEX;
    if (n == 3) {
        term ty = term_tuple_get(opt, 2);
        if (ty == term_atom("index")) o->cap_type = TYPE_INDEX;
        else if (ty == term_atom("list")) o->cap_type = TYPE_LIST;
        else if (ty == term_atom("binary")) o->cap_type = TYPE_BINARY;
        else return false;
    }
    return true;
}

static bool run_option(term opt, re_ropts *o)
{
    static const struct {
        const char *name;
        uint32_t flag;
    } flags[] = {
        {"notbol", PCRE2_NOTBOL}, {"noteol", PCRE2_NOTEOL}, {"notempty", PCRE2_NOTEMPTY},
        {"notempty_atstart", PCRE2_NOTEMPTY_ATSTART}, {"anchored", PCRE2_ANCHORED},
    };
    if (term_is_atom(opt)) {
        const char *n = term_atom_name(opt);
        for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
            if (strcmp(n, flags[i].name) == 0) {
                o->match_flags |= flags[i].flag;
                return true;
            }
        if (strcmp(n, "global") == 0) o->global = true;
        else if (strcmp(n, "report_errors") == 0) o->report_errors = true;
        else return false;
        return true;
    }
    if (capture_option(opt, o)) return true;
    if (!term_is_tuple(opt) || term_tuple_arity(opt) != 2) return false;
    term k = term_tuple_get(opt, 0), v = term_tuple_get(opt, 1);
    if (k == term_atom("offset")) return term_is_integer(v) && term_int_to_i64(v, &o->offset) && o->offset >= 0;
    if (k == term_atom("match_limit")) return nonneg_u32(v, &o->match_limit);
    if (k == term_atom("match_limit_recursion")) return nonneg_u32(v, &o->depth_limit);
    return false;
}

/* The re_pattern tuple of a key (consumed). */
static term pattern_tuple(pcre2_code *code, term key)
{
    uint32_t ncap = 0, nl = 0, opts = 0;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &ncap);
    pcre2_pattern_info(code, PCRE2_INFO_NEWLINE, &nl);
    pcre2_pattern_info(code, PCRE2_INFO_ALLOPTIONS, &opts);
    bool crlf = nl == PCRE2_NEWLINE_CRLF || nl == PCRE2_NEWLINE_ANY || nl == PCRE2_NEWLINE_ANYCRLF;
    term t = term_tuple_new(5);
    term_tuple_init(t, 0, term_atom("re_pattern"));
    term_tuple_init(t, 1, term_small(ncap));
    term_tuple_init(t, 2, term_small((opts & PCRE2_UTF) != 0));
    term_tuple_init(t, 3, term_small(crlf));
    term_tuple_init(t, 4, key);
    return t;
}

/* The key of a compiled pattern made here (or on another ciex node). */
static term tuple_key(term re)
{
    if (!term_is_tuple(re) || term_tuple_arity(re) != 5 || term_tuple_get(re, 0) != term_atom("re_pattern"))
        return TERM_NONE;
    term k = term_tuple_get(re, 4);
    return term_is_binary(k) && is_key(term_binary_data(k), term_binary_size(k)) ? k : TERM_NONE;
}

term vm_re_compile(vm_runtime *rt, term source, term options)
{
    if (!term_is_binary(source) || !term_is_list(options)) return TERM_NONE;
    re_copts o = {0};
    term l;
    for (l = options; term_is_cons(l); l = term_tail(l))
        if (!compile_option(term_head(l), &o) && !newline_option(term_head(l), &o)) return TERM_NONE;
    if (l != TERM_NIL) return TERM_NONE;
    term key = make_key(&o, term_binary_data(source), term_binary_size(source)), err = TERM_NONE;
    pcre2_code *code = code_of_key(rt, term_binary_data(key), term_binary_size(key), &err);
    if (!code) {
        term_release(key);
        return term_tuple2(TERM_ATOM_ERROR, err);
    }
    return term_tuple2(TERM_ATOM_OK, pattern_tuple(code, key));
}

term vm_re_version(void)
{
    char buf[64];
    pcre2_config(PCRE2_CONFIG_VERSION, buf);
    return term_binary_from_cstr(buf);
}

/* :ciex.re_compile(source, options) */
BIF(bif_re_compile)
{
    term t = vm_re_compile(p->rt, a[0], a[1]);
    if (t == TERM_NONE) return vm_badarg(p);
    *r = t;
    return VM_OK;
}

/* ---- matching ---- */

/* The group number a capture-list element names; -1: no such group. */
static int32_t group_number(pcre2_code *code, term item, uint32_t ncap)
{
    int64_t n;
    if (term_is_integer(item) && term_int_to_i64(item, &n)) return n >= 0 && n <= ncap ? (int32_t)n : -1;
    char name[256];
    size_t len = 0;
    if (term_is_atom(item)) {
        len = term_atom_len(item);
        if (len >= sizeof name) return -1;
        memcpy(name, term_atom_name(item), len);
    } else if (term_is_binary(item)) {
        len = term_binary_size(item);
        if (len >= sizeof name) return -1;
        memcpy(name, term_binary_data(item), len);
    } else if (term_is_list(item)) {
        for (term l = item; term_is_cons(l); l = term_tail(l)) {
            if (!term_is_small(term_head(l)) || len + 4 >= sizeof name) return -1;
            len += term_utf8_encode((int32_t)term_small_value(term_head(l)), (uint8_t *)name + len);
        }
    } else {
        return -1;
    }
    name[len] = 0;
    int rc = pcre2_substring_number_from_name(code, (PCRE2_SPTR)name);
    return rc > 0 ? rc : -1;
}

static term capture_value(term subject, const PCRE2_SIZE *ov, int rc, int32_t g, int type, bool utf)
{
    bool set = g >= 0 && g < rc && ov[2 * g] != PCRE2_UNSET;
    size_t start = set ? ov[2 * g] : 0, len = set ? ov[2 * g + 1] - ov[2 * g] : 0;
    switch (type) {
    case TYPE_BINARY:
        return set ? term_binary_sub(subject, start, len) : term_binary_new("", 0);
    case TYPE_LIST: {
        if (!set) return TERM_NIL;
        const uint8_t *s = term_binary_data(subject) + start;
        if (utf) return term_charlist_from_utf8((const char *)s, len);
        term l = TERM_NIL;
        for (size_t i = len; i > 0; i--) l = term_cons_new(term_small(s[i - 1]), l);
        return l;
    }
    default:
        return set ? term_tuple2(term_int_from_u64(start), term_int_from_u64(len))
                   : term_tuple2(term_small(-1), term_small(0));
    }
}

/* The groups one match reports, as the capture option asks. */
static term match_captures(pcre2_code *code, term subject, const PCRE2_SIZE *ov, int rc, const re_ropts *o,
                           bool utf)
{
    uint32_t ncap = 0;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &ncap);
    term rev = TERM_NIL;
    switch (o->cap_kind) {
    case CAP_ALL: case CAP_ALL_BUT_FIRST:
        for (int g = o->cap_kind == CAP_ALL ? 0 : 1; g < rc; g++)
            rev = term_cons_new(capture_value(subject, ov, rc, g, o->cap_type, utf), rev);
        break;
    case CAP_FIRST:
        rev = term_cons_new(capture_value(subject, ov, rc, 0, o->cap_type, utf), rev);
        break;
    case CAP_ALL_NAMES: {
        uint32_t count = 0, size = 0;
        PCRE2_SPTR table;
        pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
        pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &size);
        pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
        for (uint32_t i = 0; i < count; i++) {
            int32_t g = table[i * size] << 8 | table[i * size + 1];
            rev = term_cons_new(capture_value(subject, ov, rc, g, o->cap_type, utf), rev);
        }
        break;
    }
    case CAP_LIST:
        for (term l = o->cap_list; term_is_cons(l); l = term_tail(l))
            rev = term_cons_new(capture_value(subject, ov, rc, group_number(code, term_head(l), ncap), o->cap_type, utf),
                                rev);
        break;
    default:
        break;
    }
    term out = TERM_NIL;
    while (rev != TERM_NIL) {
        term next = term_retain(term_tail(rev));
        out = term_cons_new(term_retain(term_head(rev)), out);
        term_release(rev);
        rev = next;
    }
    return out;
}

static bool capture_list_valid(term l)
{
    for (; term_is_cons(l); l = term_tail(l)) {
        term x = term_head(l);
        if (!term_is_integer(x) && !term_is_atom(x) && !term_is_binary(x) && !term_is_list(x)) return false;
    }
    return l == TERM_NIL;
}

static term reverse_list(term l)
{
    term out = TERM_NIL;
    for (term x = l; term_is_cons(x); x = term_tail(x)) out = term_cons_new(term_retain(term_head(x)), out);
    term_release(l);
    return out;
}

/* After an empty match at pos that could not be extended: the next
 * position, one character on (CRLF as one when the newline says so). */
static size_t advance(const uint8_t *s, size_t n, size_t pos, bool utf, bool crlf)
{
    if (crlf && pos + 1 < n && s[pos] == '\r' && s[pos + 1] == '\n') return pos + 2;
    pos++;
    if (utf)
        while (pos < n && (s[pos] & 0xC0) == 0x80) pos++;
    return pos;
}

/* Runs code over subject as :re.run/3 does; *r is the result. */
static vm_status run_code(vm_process *p, pcre2_code *code, term subject, const re_ropts *o, term *r)
{
    struct vm_re_cache *c = cache_of(p->rt);
    pcre2_set_match_limit(c->mctx, o->match_limit ? o->match_limit : RE_DEFAULT_LIMIT);
    pcre2_set_depth_limit(c->mctx, o->depth_limit ? o->depth_limit : RE_DEFAULT_LIMIT);
    pcre2_set_heap_limit(c->mctx, RE_HEAP_LIMIT_KIB);
    uint32_t opts = 0, nl = 0;
    pcre2_pattern_info(code, PCRE2_INFO_ALLOPTIONS, &opts);
    pcre2_pattern_info(code, PCRE2_INFO_NEWLINE, &nl);
    bool utf = opts & PCRE2_UTF;
    bool crlf = nl == PCRE2_NEWLINE_CRLF || nl == PCRE2_NEWLINE_ANY || nl == PCRE2_NEWLINE_ANYCRLF;
    const uint8_t *s = term_binary_data(subject);
    size_t n = term_binary_size(subject);
    if ((uint64_t)o->offset > n) return vm_badarg(p);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
    if (!md) ciex_out_of_memory("re", 0, false);
    size_t start = (size_t)o->offset;
    uint32_t extra = 0, checked = 0;
    term matches = TERM_NIL;
    int rc;
    for (;;) {
        rc = pcre2_match(code, s, n, start, o->match_flags | extra | checked, md, c->mctx);
        if (rc == PCRE2_ERROR_NOMATCH && extra && start < n) {
            start = advance(s, n, start, utf, crlf);
            extra = 0;
            continue;
        }
        if (rc < 0) break;
        checked = PCRE2_NO_UTF_CHECK; /* the subject was checked once */
        const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        if (o->cap_kind != CAP_NONE) matches = term_cons_new(match_captures(code, subject, ov, rc, o, utf), matches);
        else matches = term_cons_new(TERM_NIL, matches);
        if (!o->global) break;
        start = ov[1];
        extra = ov[0] == ov[1] ? PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED : 0;
        if (ov[0] == ov[1] && start >= n) break;
    }
    pcre2_match_data_free(md);
    if (rc < 0 && rc != PCRE2_ERROR_NOMATCH) {
        term_release(matches);
        const char *why = rc == PCRE2_ERROR_MATCHLIMIT                                   ? "match_limit"
                          : rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ? "match_limit_recursion"
                                                                                         : NULL;
        if (!why) return vm_badarg(p); /* a subject that is not UTF-8 for a unicode pattern */
        *r = o->report_errors ? term_tuple2(TERM_ATOM_ERROR, term_atom(why)) : term_atom("nomatch");
        return VM_OK;
    }
    if (matches == TERM_NIL) {
        *r = term_atom("nomatch");
    } else if (o->cap_kind == CAP_NONE) {
        term_release(matches);
        *r = term_atom("match");
    } else if (o->global) {
        *r = term_tuple2(term_atom("match"), reverse_list(matches));
    } else {
        *r = term_tuple2(term_atom("match"), term_retain(term_head(matches)));
        term_release(matches);
    }
    return VM_OK;
}

/* :ciex.re_run(subject, re, options): re is a compiled pattern or a
 * source, which the compile options among options then apply to. */
BIF(bif_re_run)
{
    if (!term_is_binary(a[0]) || !term_is_list(a[2])) return vm_badarg(p);
    term key = tuple_key(a[1]);
    bool compiled = key != TERM_NONE;
    if (!compiled && !term_is_binary(a[1])) return vm_badarg(p);
    re_copts co = {0};
    re_ropts ro = {.cap_kind = CAP_ALL, .cap_type = TYPE_INDEX};
    term l;
    for (l = a[2]; term_is_cons(l); l = term_tail(l)) {
        term opt = term_head(l);
        if (run_option(opt, &ro) || newline_option(opt, &co)) continue;
        if (compiled || !compile_option(opt, &co)) return vm_badarg(p);
    }
    if (l != TERM_NIL || (ro.cap_kind == CAP_LIST && !capture_list_valid(ro.cap_list))) return vm_badarg(p);
    term owned = TERM_NONE, err = TERM_NONE;
    if (!compiled) key = owned = make_key(&co, term_binary_data(a[1]), term_binary_size(a[1]));
    pcre2_code *code = code_of_key(p->rt, term_binary_data(key), term_binary_size(key), &err);
    if (owned != TERM_NONE) term_release(owned);
    if (!code) {
        if (!ro.report_errors) {
            term_release(err);
            return vm_badarg(p);
        }
        *r = term_tuple2(TERM_ATOM_ERROR, term_tuple2(term_atom("compile"), err));
        return VM_OK;
    }
    return run_code(p, code, a[0], &ro, r);
}

/* :ciex.re_names(mp): the pattern's group names, as :re.inspect/2 */
BIF(bif_re_names)
{
    term key = tuple_key(a[0]), err = TERM_NONE;
    if (key == TERM_NONE) return vm_badarg(p);
    pcre2_code *code = code_of_key(p->rt, term_binary_data(key), term_binary_size(key), &err);
    if (!code) {
        term_release(err);
        return vm_badarg(p);
    }
    uint32_t count = 0, size = 0;
    PCRE2_SPTR table;
    pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
    pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &size);
    pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
    term out = TERM_NIL;
    for (uint32_t i = count; i > 0; i--) {
        const char *name = (const char *)table + (i - 1) * size + 2;
        term b = term_binary_new(name, strlen(name));
        if (out != TERM_NIL && term_equal(term_head(out), b)) term_release(b); /* duplicate names once */
        else out = term_cons_new(b, out);
    }
    *r = out;
    return VM_OK;
}

/* :ciex.re_version(): "10.42 2022-12-11" */
BIF(bif_re_version)
{
    (void)a, (void)p;
    *r = vm_re_version();
    return VM_OK;
}

static const vm_bif_def re_bifs[] = {
    {"ciex", "re_compile", 2, bif_re_compile}, {"ciex", "re_run", 3, bif_re_run},
    {"ciex", "re_names", 1, bif_re_names}, {"ciex", "re_version", 0, bif_re_version},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_re_init(vm_runtime *rt);
void vm_bifs_re_init(vm_runtime *rt) { vm_register_bifs(rt, re_bifs); }
