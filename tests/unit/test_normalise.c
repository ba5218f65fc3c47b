/* test_normalise.c - what replayed outputs are compared on
 * (shell/normalise.c): hosts, placeholders held consistently, local and
 * remote pids, timestamps, stack traces, prompts and blank lines. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "normalise.h"

static char *hosts[] = {"pathfinder", "enterprise"};

Test(normalise, hosts_to_local)
{
    char *s = norm_hosts_to_local("[:foo@pathfinder, :mini@enterprise, \"pathfinder\", :a@pathfinder2]", hosts, 2, "vm");
    cr_assert_str_eq(s, "[:foo@vm, :mini@vm, \"pathfinder\", :a@pathfinder2]");
    free(s);
}

Test(normalise, local_to_hosts)
{
    char *nodes[] = {"foo@pathfinder", "mini@enterprise"};
    char *s = norm_local_to_hosts("[:foo@vm, :mini@vm, :other@vm, :x@vm2]", "vm", nodes, 2, hosts, 2);
    cr_assert_str_eq(s, "[:foo@pathfinder, :mini@enterprise, :other@pathfinder, :x@vm2]");
    free(s);
}

Test(normalise, prompts)
{
    cr_assert_str_eq(norm_skip_prompts("iex(foo@vm)3> :ok"), ":ok");
    cr_assert_str_eq(norm_skip_prompts("...(foo@vm)2> ...(foo@vm)2> 3"), "3");
    cr_assert_str_eq(norm_skip_prompts("iex(4)> "), "");
    cr_assert_str_eq(norm_skip_prompts("iex (4)> x"), "iex (4)> x");
}

/* The compared lines of an output, joined with '|'. */
static char *compared(const char *out)
{
    norm_line *lines;
    size_t n = norm_output_lines(out, strlen(out), &lines);
    char *joined = calloc(1, strlen(out) + n + 1);
    for (size_t i = 0; i < n; i++) {
        if (i) strcat(joined, "|");
        strcat(joined, lines[i].text);
    }
    norm_lines_free(lines, n);
    return joined;
}

Test(normalise, output_lines)
{
    char *s = compared("3\n\niex(foo@vm)4> DOWN #PID<1.2.3> for reason :noconnection\niex(foo@vm)4> ");
    cr_assert_str_eq(s, "3|DOWN #PID<1.2.3> for reason :noconnection");
    free(s);
    s = compared("\n03:01:01.624 [error] GenServer :kv terminating\n** (RuntimeError) boom\n"
                 "    (stdlib 4.2) gen_server.erl:1123: :gen_server.try_dispatch/4\n"
                 "\n"
                 "    lib/kv.ex:3: KV.handle_call/3\n"
                 "Last message: :boom\n"
                 "    not a trace line\n");
    cr_assert_str_eq(s, "[error] GenServer :kv terminating|** (RuntimeError) boom|Last message: :boom|    not a trace line");
    free(s);
    s = compared("** (exit) exited in: GenServer.call(:kv, :boom, 5000)\n"
                 "    ** (EXIT) an exception was raised:\n"
                 "        ** (RuntimeError) boom\n"
                 "            (stdlib 4.2) gen_server.erl:1123\n"
                 "    (elixir 1.14.0) lib/gen_server.ex:1038: GenServer.call/3\n");
    cr_assert_str_eq(s, "** (exit) exited in: GenServer.call(:kv, :boom, 5000)|    ** (EXIT) an exception was raised:|"
                        "        ** (RuntimeError) boom");
    free(s);
}

/* Matches expected lines (separated by '|') against actual ones. */
static bool match(norm_bindings *b, const char *expected, const char *actual, size_t *first)
{
    char *e = strdup(expected), *a = strdup(actual);
    char *etexts[16];
    int linenos[16];
    size_t ne = 0;
    for (char *p = e, *t; (t = strsep(&p, "|"));) etexts[ne] = t, linenos[ne] = (int)ne + 10, ne++;
    for (char *p = a; (p = strchr(p, '|'));) *p = '\n'; /* as a node prints them */
    norm_line *exp, *act;
    size_t nexp = norm_expected_lines(etexts, linenos, ne, &exp);
    size_t nact = norm_output_lines(a, strlen(a), &act);
    size_t diff = 99;
    bool ok = norm_match(b, exp, nexp, act, nact, &diff);
    if (first) *first = diff;
    norm_lines_free(exp, nexp);
    norm_lines_free(act, nact);
    free(e);
    free(a);
    return ok;
}

Test(normalise, placeholders_held_consistently)
{
    norm_bindings b = {0};
    cr_assert(match(&b, "{:ok, #PID<0.117.0>}", "{:ok, #PID<0.31.0>}", NULL));
    cr_assert(match(&b, "#PID<0.117.0>", "#PID<0.31.0>", NULL));
    cr_assert_not(match(&b, "#PID<0.117.0>", "#PID<0.32.0>", NULL), "a placeholder has one value");
    cr_assert_not(match(&b, "#PID<0.118.0>", "#PID<0.31.0>", NULL), "two placeholders, two values");
    cr_assert(match(&b, "[#PID<0.118.0>, #PID<0.117.0>]", "[#PID<0.40.0>, #PID<0.31.0>]", NULL));
    cr_assert(match(&b, "#Reference<0.1.2.3> #Port<0.5>", "#Reference<0.0.0.8> #Port<0.9>", NULL));
    cr_assert(match(&b, "#Reference<0.1.2.3>", "#Reference<0.0.0.8>", NULL));
    norm_bindings_free(&b);
}

Test(normalise, local_and_remote_pids)
{
    norm_bindings b = {0};
    cr_assert(match(&b, "#PID<13530.117.0>", "#PID<1.31.0>", NULL), "remote numbers differ between runtimes");
    cr_assert_not(match(&b, "#PID<0.110.0>", "#PID<2.40.0>", NULL), "a local pid must be local");
    cr_assert_not(match(&b, "#PID<14801.307.0>", "#PID<0.40.0>", NULL), "a remote pid must be remote");
    cr_assert(match(&b, "#PID<0.110.0>", "#PID<0.40.0>", NULL));
    norm_bindings_free(&b);
}

Test(normalise, bindings_of_a_failed_match_are_dropped)
{
    norm_bindings b = {0};
    size_t first;
    cr_assert_not(match(&b, "#PID<0.1.0>|:a", "#PID<0.9.0>|:b", &first));
    cr_assert_eq(first, 1);
    cr_assert_eq(b.n, 0);
    cr_assert(match(&b, "#PID<0.1.0>", "#PID<0.7.0>", NULL));
    norm_bindings_free(&b);
}

Test(normalise, functions)
{
    norm_bindings b = {0};
    cr_assert(match(&b, "#Function<42.3316493/1 in :erl_eval.expr/6>", "#Function<0.3211518/1 in :erl_eval.expr/6>", NULL));
    cr_assert_not(match(&b, "#Function<43.3316493/1 in :erl_eval.expr/6>", "#Function<1.3211518/2 in :erl_eval.expr/6>", NULL),
                  "the arity is compared");
    norm_bindings_free(&b);
}

Test(normalise, timestamps_and_missing_lines)
{
    norm_bindings b = {0};
    size_t first;
    cr_assert(match(&b, "03:01:01.624 [error] boom", "12:00:59.001 [error] boom", NULL));
    cr_assert_not(match(&b, "03:01:01.624 [error] boom", "12:00:59.001 [warning] boom", NULL));
    cr_assert_not(match(&b, ":a|:b", ":a", &first));
    cr_assert_eq(first, 1);
    cr_assert_not(match(&b, ":a", ":a|:b", &first));
    cr_assert_eq(first, 1);
    norm_bindings_free(&b);
}

/* As match(), with norm_match_reordered or norm_match_rewrapped. */
static bool match_with(bool (*fn)(norm_bindings *, const norm_line *, size_t, const norm_line *, size_t),
                       norm_bindings *b, const char *expected, const char *actual)
{
    char *e = strdup(expected), *a = strdup(actual);
    char *etexts[16];
    int linenos[16];
    size_t ne = 0;
    for (char *p = e, *t; (t = strsep(&p, "|"));) etexts[ne] = t, linenos[ne] = (int)ne + 10, ne++;
    for (char *p = a; (p = strchr(p, '|'));) *p = '\n';
    norm_line *exp, *act;
    size_t nexp = norm_expected_lines(etexts, linenos, ne, &exp);
    size_t nact = norm_output_lines(a, strlen(a), &act);
    bool ok = fn(b, exp, nexp, act, nact);
    norm_lines_free(exp, nexp);
    norm_lines_free(act, nact);
    free(e);
    free(a);
    return ok;
}

Test(normalise, other_processes_lines_on_either_side_of_the_result)
{
    norm_bindings b = {0};
    cr_assert(match_with(norm_match_reordered, &b, "hi from beta|#PID<12692.154.0>", "#PID<2083.76.0>|hi from beta"));
    cr_assert(match_with(norm_match_reordered, &b, "one|two|#PID<12692.159.0>", "one|#PID<2083.95.0>|two"));
    /* the lines of one process keep their order */
    cr_assert(!match_with(norm_match_reordered, &b, "one|two|three", "three|one|four"));
    /* a term broken over lines is never split */
    cr_assert(!match_with(norm_match_reordered, &b, "[1000, 2000,|hi| 3000]", "hi|[1000, 2000,| 3000]"));
    cr_assert(match_with(norm_match_reordered, &b, "[1000, 2000,| 3000]|hi", "hi|[1000, 2000,| 3000]"));
    norm_bindings_free(&b);
}

Test(normalise, a_break_moved_by_an_identifier)
{
    norm_bindings b = {0};
    cr_assert(match_with(norm_match_rewrapped, &b,
                         "{:DOWN, #Reference<0.1802825888.154140674.29227>, :process, #PID<11747.114.0>,| :noconnection}|:ok",
                         "{:DOWN, #Reference<0.0.0.25>, :process, #PID<2.47.0>, :noconnection}|:ok"));
    /* without an identifier, a line break is compared */
    cr_assert(!match_with(norm_match_rewrapped, &b, "[1000, 2000,| 3000]", "[1000, 2000, 3000]"));
    norm_bindings_free(&b);
}
