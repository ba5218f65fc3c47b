/* test_parser.c - the lexer and parser against Elixir 1.14's own answers.
 *
 * tests/lang/parser_cases.txt is written by tests/lang/gen_parser_cases.exs
 * from Code.string_to_quoted/1; see its header for the format.  Every
 * valid snippet must parse to exactly the term Elixir gives (compared
 * after etf_decode of Elixir's term_to_binary), and every invalid one must
 * fail with Elixir's kind, line, column, message and continuation flag.
 * Hostile inputs (1 MB of "(", random bytes, deep nesting) must fail
 * cleanly without crashing. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ciex/etf.h"
#include "ciex/lang.h"
#include "support.h"

static void setup(void) { term_init(); }
TestSuite(parser, .init = setup);

typedef struct pcase {
    bool ok;
    const char *src;
    size_t len;
    const char *hex; /* ok */
    size_t hexlen;
    char kind[32]; /* error */
    int line, column, incomplete;
    const char *msg;
    size_t msglen;
} pcase;

/* Reads the length-prefixed cases, which point into *text (free both). */
static size_t load_cases(pcase **out, char **text_out)
{
    size_t len;
    char *text = test_read_file(test_data_path("lang/parser_cases.txt"), &len);
    *text_out = text;
    cr_assert_not_null(text, "missing tests/lang/parser_cases.txt");
    size_t n = 0, cap = 1024;
    pcase *v = calloc(cap, sizeof *v);
    char *p = text, *end = text + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        cr_assert_not_null(nl);
        if (*p == '#' || p == nl) {
            p = nl + 1;
            continue;
        }
        if (n == cap) v = realloc(v, (cap *= 2) * sizeof *v);
        pcase *c = &v[n++];
        memset(c, 0, sizeof *c);
        *nl = '\0';
        if (strncmp(p, "ok ", 3) == 0) {
            char *sp;
            c->ok = true;
            c->len = strtoul(p + 3, &sp, 10);
            c->hex = sp + 1;
            c->hexlen = strlen(c->hex);
            c->src = nl + 1;
            p = nl + 1 + c->len + 1;
        } else {
            size_t msglen = 0;
            cr_assert_eq(sscanf(p, "error %zu %31s %d %d %d %zu", &c->len, c->kind, &c->line, &c->column,
                                &c->incomplete, &msglen),
                         6, "bad case header: %s", p);
            c->src = nl + 1;
            c->msg = c->src + c->len + 1;
            c->msglen = msglen;
            p = (char *)c->msg + msglen + 1;
        }
    }
    *out = v;
    return n;
}

static void show_snippet(const pcase *c)
{
    fprintf(stderr, "---- snippet (%zu bytes):\n%.*s\n----\n", c->len, (int)c->len, c->src);
}

static char *inspect(term t)
{
    term_inspect_opts o;
    term_inspect_opts_init(&o);
    o.limit = -1;
    o.printable_limit = -1;
    return term_inspect(t, &o, NULL);
}

Test(parser, every_valid_snippet_parses_as_elixir_does)
{
    pcase *v;
    char *text;
    size_t n = load_cases(&v, &text), checked = 0, failed = 0;
    for (size_t i = 0; i < n; i++) {
        if (!v[i].ok) continue;
        checked++;
        size_t blen;
        uint8_t *bin = test_unhex(v[i].hex, v[i].hexlen, &blen);
        cr_assert_not_null(bin);
        term want;
        cr_assert_eq(etf_decode(bin, blen, &want, NULL), ETF_OK);
        free(bin);
        term got;
        lang_error err;
        if (!lang_parse(v[i].src, v[i].len, 1, &got, &err)) {
            failed++;
            show_snippet(&v[i]);
            fprintf(stderr, "unexpected %s %d:%d: %s\n", err.kind, err.line, err.column, err.message);
        } else {
            if (!term_exact_equal(got, want)) {
                failed++;
                char *g = inspect(got), *w = inspect(want);
                show_snippet(&v[i]);
                fprintf(stderr, "got:      %s\nexpected: %s\n", g, w);
                free(g);
                free(w);
            }
            term_release(got);
        }
        term_release(want);
    }
    free(v);
    free(text);
    cr_log_info("%zu valid snippets, %zu mismatches", checked, failed);
    cr_assert_gt(checked, 300);
    cr_assert_eq(failed, 0, "%zu of %zu valid snippets differ from Elixir", failed, checked);
}

Test(parser, every_invalid_snippet_fails_as_elixir_does)
{
    pcase *v;
    char *text;
    size_t n = load_cases(&v, &text), checked = 0, failed = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].ok) continue;
        checked++;
        term got;
        lang_error err;
        if (lang_parse(v[i].src, v[i].len, 1, &got, &err)) {
            failed++;
            char *g = inspect(got);
            show_snippet(&v[i]);
            fprintf(stderr, "parsed (expected %s): %s\n", v[i].kind, g);
            free(g);
            term_release(got);
            continue;
        }
        bool same = strcmp(err.kind, v[i].kind) == 0 && err.line == v[i].line && err.column == v[i].column &&
                    err.incomplete == (v[i].incomplete != 0) && strlen(err.message) == v[i].msglen &&
                    memcmp(err.message, v[i].msg, v[i].msglen) == 0;
        if (!same) {
            failed++;
            show_snippet(&v[i]);
            fprintf(stderr, "got:      %s %d:%d incomplete=%d %s\nexpected: %s %d:%d incomplete=%d %.*s\n",
                    err.kind, err.line, err.column, err.incomplete, err.message, v[i].kind, v[i].line,
                    v[i].column, v[i].incomplete, (int)v[i].msglen, v[i].msg);
        }
    }
    free(v);
    free(text);
    cr_log_info("%zu invalid snippets, %zu mismatches", checked, failed);
    cr_assert_gt(checked, 80);
    cr_assert_eq(failed, 0, "%zu of %zu invalid snippets differ from Elixir", failed, checked);
}

Test(parser, first_line_sets_the_line_numbers)
{
    term got;
    lang_error err;
    cr_assert(lang_parse("a\nb", 3, 10, &got, &err));
    char *s = inspect(got);
    cr_assert_str_eq(s, "{:__block__, [], [{:a, [line: 10], nil}, {:b, [line: 11], nil}]}");
    free(s);
    term_release(got);
    cr_assert_not(lang_parse("foo(\n", 5, 7, &got, &err));
    cr_assert_eq(err.line, 8);
    cr_assert(err.incomplete);
}

static void expect_clean_error(const char *what, const char *src, size_t len)
{
    term got;
    lang_error err;
    bool ok = lang_parse(src, len, 1, &got, &err);
    if (ok) term_release(got);
    cr_assert_not(ok, "%s parsed", what);
    cr_assert_not_null(err.kind, "%s: no error kind", what);
}

Test(parser, a_megabyte_of_open_parens_is_an_incomplete_input)
{
    size_t n = 1 << 20;
    char *src = malloc(n);
    memset(src, '(', n);
    term got;
    lang_error err;
    cr_assert_not(lang_parse(src, n, 1, &got, &err));
    cr_assert_str_eq(err.kind, "TokenMissingError");
    cr_assert(err.incomplete);
    free(src);
}

Test(parser, deep_nesting_is_a_syntax_error_not_a_crash)
{
    static const char *const shapes[][2] = {{"(", ")"}, {"[", "]"}, {"{", "}"}, {"-", ""},
                                            {"fn -> ", " end"}, {"\"#{", "}\""}, {"a = ", ""},
                                            {"%{a: ", "}"}, {"foo ", ""}, {"@", ""}};
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        size_t depth = 100000, lo = strlen(shapes[s][0]), lc = strlen(shapes[s][1]);
        char *src = malloc(depth * (lo + lc) + 2);
        size_t n = 0;
        for (size_t i = 0; i < depth; i++, n += lo) memcpy(src + n, shapes[s][0], lo);
        src[n++] = '1';
        for (size_t i = 0; i < depth; i++, n += lc) memcpy(src + n, shapes[s][1], lc);
        expect_clean_error(shapes[s][0], src, n);
        free(src);
    }
}

Test(parser, moderate_nesting_parses)
{
    char src[4096];
    size_t n = 0;
    for (int i = 0; i < 500; i++) src[n++] = '(';
    src[n++] = '1';
    for (int i = 0; i < 500; i++) src[n++] = ')';
    term got;
    lang_error err;
    cr_assert(lang_parse(src, n, 1, &got, &err), "%s", err.message);
    cr_assert(term_exact_equal(got, term_small(1)));
}

Test(parser, random_bytes_never_crash)
{
    uint64_t seed = 0x9e3779b97f4a7c15u;
    static const char alphabet[] = "abAB_09 \n\t()[]{}<>%&|^~!?@#:;,.=+-*/\\\"'`$dofnendelse";
    char buf[512];
    for (int round = 0; round < 20000; round++) {
        size_t len = (size_t)(seed % sizeof buf);
        for (size_t i = 0; i < len; i++) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            buf[i] = round % 2 ? (char)(seed & 0xff) : alphabet[seed % (sizeof alphabet - 1)];
        }
        term got;
        lang_error err;
        if (lang_parse(buf, len, 1, &got, &err)) term_release(got);
        else cr_assert_not_null(err.kind);
    }
}

/* The shell parses the whole standard-library prelude at start-up. */
Test(parser, ten_thousand_lines_parse_in_milliseconds)
{
    static const char unit[] =
        "defmodule KV do\n"
        "  use GenServer\n"
        "  @impl true\n"
        "  def handle_call({:get, key}, _from, state) do\n"
        "    {:reply, Map.get(state, key), state}\n"
        "  end\n"
        "  def handle_call({:set, key, value}, _, state) when is_atom(key) do\n"
        "    new = Map.update(state, key, [value], fn old -> [value | old] end)\n"
        "    {:reply, \"set #{key}\", new |> Map.put(:count, 1 + 2 * 3)}\n"
        "  end\n"
        "end\n";
    size_t reps = 10000 / 11 + 1, n = 0;
    char *src = malloc(reps * sizeof unit);
    for (size_t i = 0; i < reps; i++, n += sizeof unit - 1) memcpy(src + n, unit, sizeof unit - 1);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    term got;
    lang_error err;
    cr_assert(lang_parse(src, n, 1, &got, &err), "%s", err.message);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    cr_log_info("%zu lines (%zu bytes) parsed in %.2f ms", reps * 11, n, ms);
    term_release(got);
    free(src);
    /* generous: sanitizer builds are several times slower */
    cr_assert_lt(ms, 1000.0);
}
