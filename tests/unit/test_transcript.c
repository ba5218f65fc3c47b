/* test_transcript.c - reading transcripts (shell/transcript.c): node
 * lines, inputs with continuation lines, expected output, Markdown code
 * blocks, and malformed transcripts with the line they are reported at. */
#include <criterion/criterion.h>
#include <string.h>

#include "transcript.h"

static transcript parse_ok(const char *text, bool markdown)
{
    transcript t;
    char err[256];
    int line = 0;
    bool ok = transcript_parse(text, strlen(text), markdown, &t, err, sizeof err, &line);
    cr_assert(ok, "line %d: %s", line, err);
    return t;
}

/* The error line of a malformed transcript, its message in err. */
static int parse_error(const char *text, bool markdown, char *err, size_t n)
{
    transcript t;
    int line = 0;
    bool ok = transcript_parse(text, strlen(text), markdown, &t, err, n, &line);
    transcript_free(&t);
    cr_assert_not(ok, "parsed: %s", text);
    return line;
}

Test(transcript, article_session)
{
    transcript t = parse_ok("Some text before.\n"
                            "sven@pathfinder ~ $ iex --sname foo --cookie COOKIE-0123456789\n"
                            "Interactive Elixir (1.19.4) - press Ctrl+C to exit\n"
                            "iex(foo@pathfinder)1> Node.self\n"
                            ":foo@pathfinder\n"
                            "\n"
                            "iex(foo@pathfinder)2> Node.get_cookie\n"
                            ":\"COOKIE-0123456789\"\n",
                            false);
    cr_assert_eq(t.nsteps, 3);
    transcript_step *s = &t.steps[0];
    cr_assert_eq(s->kind, TRANSCRIPT_START);
    cr_assert_eq(s->lineno, 2);
    cr_assert_str_eq(s->node, "foo");
    cr_assert_not(s->ciex);
    cr_assert_eq(s->nargs, 4);
    cr_assert_str_eq(s->args[3], "COOKIE-0123456789");
    s = &t.steps[1];
    cr_assert_eq(s->kind, TRANSCRIPT_INPUT);
    cr_assert_str_eq(s->node, "foo@pathfinder");
    cr_assert_eq(s->counter, 1);
    cr_assert_str_eq(s->input, "Node.self\n");
    cr_assert_eq(s->nexpected, 1);
    cr_assert_str_eq(s->expected[0].text, ":foo@pathfinder");
    cr_assert_eq(s->expected[0].lineno, 5);
    /* the blank line after the output stays when the output is rewritten */
    cr_assert_eq(s->out_begin, 4);
    cr_assert_eq(s->out_end, 5);
    cr_assert_eq(t.steps[2].counter, 2);
    cr_assert_eq(t.nhosts, 1);
    cr_assert_str_eq(t.hosts[0], "pathfinder");
    transcript_free(&t);
}

Test(transcript, continuation_lines_and_other_commands)
{
    transcript t = parse_ok("$ ssh enterprise\n"
                            "Last login: Tue Dec 23 14:46:45 2025\n"
                            "sven@enterprise ~ $ ciex --sname mini -S mix\n"
                            "iex(mini@enterprise)1> 1 +\n"
                            "...(mini@enterprise)1> 2\n"
                            "3\n"
                            "iex(mini@enterprise)2> System.halt()\n",
                            false);
    cr_assert_eq(t.nsteps, 3);
    cr_assert(t.steps[0].ciex);
    cr_assert(t.steps[0].mix);
    cr_assert_eq(t.steps[0].nargs, 2, "-S mix is not passed on as it is");
    cr_assert_str_eq(t.steps[1].input, "1 +\n2\n");
    cr_assert_eq(t.steps[1].first_line, 3);
    cr_assert_eq(t.steps[1].last_line, 4);
    cr_assert_eq(t.steps[1].nexpected, 1);
    cr_assert_eq(t.steps[2].nexpected, 0);
    transcript_free(&t);
}

Test(transcript, unnamed_node)
{
    transcript t = parse_ok("$ iex\niex(1)> 1 + 1\n2\n", false);
    cr_assert_eq(t.nsteps, 2);
    cr_assert_str_eq(t.steps[1].node, "");
    cr_assert_eq(t.steps[1].counter, 1);
    cr_assert_eq(t.nhosts, 0);
    transcript_free(&t);
}

Test(transcript, output_lines_that_look_like_commands)
{
    transcript t = parse_ok("$ iex\niex(1)> \"a $ b\"\n\"a $ b\"\n[:x, \"$ iex\"]\n", false);
    cr_assert_eq(t.nsteps, 2);
    cr_assert_eq(t.steps[1].nexpected, 2);
    transcript_free(&t);
}

Test(transcript, markdown_reads_code_blocks_only)
{
    transcript t = parse_ok("# A lesson\n"
                            "$ iex --sname foo (prose, not read)\n"
                            "```\n"
                            "$ iex --sname foo\n"
                            "iex(foo@host)1> :a\n"
                            ":a\n"
                            "```\n"
                            "The result above is an atom.\n"
                            "~~~elixir\n"
                            "iex(foo@host)2> :b\n"
                            "~~~\n",
                            true);
    cr_assert_eq(t.nsteps, 3);
    cr_assert_eq(t.steps[1].nexpected, 1);
    cr_assert_eq(t.steps[2].nexpected, 0, "the code block's end ends the output");
    transcript_free(&t);
}

Test(transcript, malformed)
{
    char err[256];
    cr_assert_eq(parse_error("iex(foo@h)1> 1\n", false, err, sizeof err), 1);
    cr_assert(strstr(err, "foo@h"), "%s", err);
    cr_assert_eq(parse_error("$ iex --sname foo\n:x\n...(foo@h)1> 2\n", false, err, sizeof err), 3);
    cr_assert_eq(parse_error("$ iex --sname foo\niex(foo@h)1> [\n...(foo@h)2> ]\n", false, err, sizeof err), 3);
    /* long and short names cannot meet; a long name has a host */
    cr_assert_eq(parse_error("$ iex --sname a\n\n$ iex --name foo@h.example\n", false, err, sizeof err), 3);
    cr_assert(strstr(err, "cannot meet"), "%s", err);
    cr_assert_eq(parse_error("\n$ iex --name foo\n", false, err, sizeof err), 2);
    cr_assert_eq(parse_error("$ iex --sname\n", false, err, sizeof err), 1);
    cr_assert_eq(parse_error("$ ciex -S make\n", false, err, sizeof err), 1);
    cr_assert_eq(parse_error("text\n```\n$ iex\n", true, err, sizeof err), 2);
    cr_assert(strstr(err, "not closed"), "%s", err);
}

Test(transcript, long_names)
{
    transcript t;
    char err[256];
    int line = 0;
    const char *text = "$ iex --name foo@pathfinder.example.org --cookie c\n"
                       "iex(foo@pathfinder.example.org)1> Node.self\n"
                       ":\"foo@pathfinder.example.org\"\n";
    cr_assert(transcript_parse(text, strlen(text), false, &t, err, sizeof err, &line), "%s", err);
    cr_assert(t.long_names);
    cr_assert_str_eq(t.steps[0].node, "foo");
    cr_assert_eq(t.nhosts, 1);
    cr_assert_str_eq(t.hosts[0], "pathfinder.example.org");
    transcript_free(&t);
}

Test(transcript, short_names)
{
    char out[32];
    transcript_node_short("foo@pathfinder", out, sizeof out);
    cr_assert_str_eq(out, "foo");
    transcript_node_short("", out, sizeof out);
    cr_assert_str_eq(out, "");
}
