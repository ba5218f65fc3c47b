/* test_consult.c - term_consult (src/term/consult.c) against file:consult.
 *
 * Each text's expected terms are what `inspect(elem(:file.consult(F), 1),
 * width: :infinity)` printed in real Elixir 1.14 / OTP 25.  Where
 * file:consult refuses a text, term_consult must refuse it too, saying on
 * which line. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/term.h"

static void setup(void) { term_init(); }

TestSuite(consult, .init = setup);

static void expect_terms(const char *text, const char *inspected)
{
    term t;
    char err[200] = "";
    cr_assert_eq(term_consult(text, strlen(text), &t, err, sizeof err), TERM_OK, "%s: %s", text, err);
    term_inspect_opts o;
    term_inspect_opts_init(&o);
    o.pretty = false;
    o.limit = -1;
    char *s = term_inspect(t, &o, NULL);
    cr_assert_str_eq(s, inspected);
    free(s);
    term_release(t);
}

static void expect_error(const char *text, const char *message)
{
    term t;
    char err[200] = "";
    cr_assert_eq(term_consult(text, strlen(text), &t, err, sizeof err), TERM_ERR_BADARG, "%s", text);
    cr_assert_str_eq(err, message);
}

Test(consult, every_kind_of_term)
{
    expect_terms("% a comment\n"
                 "[{server, [{depth, 16#0a}, {ciphers, [\"ECDHE-RSA-AES256-GCM-SHA384\", <<\"TLS_AES_256_GCM_SHA384\">>]}]}, "
                 "{'quoted\\x{41}\\n', -1_000, 2#101}, {list, [a | b]}, {empty, <<>>, \"\", [], {}}].\n"
                 "{client, \"p\\101\\\\\\\"\\t\", 'a b', node@host, x@y}.\n",
                 "[[{:server, [depth: 10, ciphers: ['ECDHE-RSA-AES256-GCM-SHA384', \"TLS_AES_256_GCM_SHA384\"]]}, "
                 "{:\"quotedA\\n\", -1000, 5}, {:list, [:a | :b]}, {:empty, \"\", [], [], {}}], "
                 "{:client, 'pA\\\\\"\\t', :\"a b\", :node@host, :x@y}]");
}

Test(consult, empty_and_quoted_versions)
{
    expect_terms("", "[]");
    expect_terms("a.", "[:a]");
    expect_terms("'tlsv1.2'.", "[:\"tlsv1.2\"]");
}

Test(consult, refusals_name_the_line)
{
    expect_error("[a, b", "line 1: unexpected end of file");
    expect_error("{a b}.", "line 1: syntax error before: b");
    expect_error("X.", "line 1: variables are not allowed in a term file");
    expect_error("\n\n\"abc", "line 3: unterminated string");
    expect_error("[tlsv1.2].", "line 1: syntax error before: .2");
    expect_error("[1.5].", "line 1: floats are not supported here");
}

Test(consult, deep_nesting_is_refused)
{
    char text[1000];
    memset(text, '[', 500);
    text[500] = '\0';
    expect_error(text, "line 1: terms nested too deep");
}
