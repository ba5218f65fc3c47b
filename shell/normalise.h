/* normalise.h - what a replayed output is compared on.
 *
 * A transcript written on other machines and an earlier run still holds
 * when only these differ:
 *   - host names: every host of the transcript is this machine;
 *   - pids, references, ports and the identities of #Function<...>: each
 *     is a placeholder, bound on one node to the first actual value it
 *     meets and held to it afterwards (and a local #PID<0.x.y> stays
 *     local, a remote #PID<N.x.y> remote);
 *   - log timestamps ("03:01:01.624 [error] ...");
 *   - stack-trace lines: indented lines after a "** (" line, except those
 *     that begin with "** (" themselves;
 *   - :global's warnings about overlapping partitions and failed
 *     connections, which nodes print them being a race;
 *   - blank lines, and the prompts in what a node prints. */
#ifndef CIEX_SHELL_NORMALISE_H
#define CIEX_SHELL_NORMALISE_H

#include <stdbool.h>
#include <stddef.h>

/* A copy of s with "@HOST" (after a name, HOST one of hosts) replaced by
 * "@local".  Free it. */
char *norm_hosts_to_local(const char *s, char *const *hosts, size_t nhosts, const char *local);

/* The other way, for writing actual outputs into a transcript: "name@local"
 * becomes name@H where nodes holds "name@H", else @hosts[0] (unchanged when
 * there is no host).  Free it. */
char *norm_local_to_hosts(const char *s, const char *local, char *const *nodes, size_t nnodes, char *const *hosts,
                          size_t nhosts);

/* The text of a line without the prompts a node printed at its start
 * ("iex(foo@host)3> ", "...(3)> "); points into line. */
const char *norm_skip_prompts(const char *line);

/* One compared line. */
typedef struct norm_line {
    char *text;
    int lineno; /* the transcript line, for expected lines; 0 otherwise */
} norm_line;

/* The compared lines of what a node printed (prompts, blank lines,
 * timestamps and stack traces left out). */
size_t norm_output_lines(const char *out, size_t len, norm_line **lines);
/* The compared lines among expected ones (texts given, host-mapped). */
size_t norm_expected_lines(char *const *texts, const int *linenos, size_t n, norm_line **lines);
void norm_lines_free(norm_line *lines, size_t n);

/* The placeholders bound on one node: expected token -> actual token,
 * one to one. */
typedef struct norm_bindings {
    char **expected;
    char **actual;
    size_t n;
} norm_bindings;

/* Do the actual lines match the expected ones?  New placeholder bindings
 * are kept only when they do; otherwise *first_diff is the index of the
 * first expected line that does not match (ne: one is missing). */
bool norm_match(norm_bindings *b, const norm_line *exp, size_t ne, const norm_line *act, size_t na,
                size_t *first_diff);
/* The BEAM's own race: lines other processes print (a remote process's
 * IO through the caller's group leader, a spawned process) and the
 * input's result come in either order.  Do the actual lines match the
 * expected ones with one run of consecutive expected lines moved
 * elsewhere (the lines of the run in their order, the others in theirs)?
 * Only for outputs of the same number of lines, at most NORM_REORDER_MAX. */
#define NORM_REORDER_MAX 40
bool norm_match_reordered(norm_bindings *b, const norm_line *exp, size_t ne, const norm_line *act, size_t na);
/* Pids, references and ports print wider on the BEAM than in ciex
 * (#PID<12487.127.0> against #PID<2.34.0>), so a term one runtime wraps
 * over two lines the other may print on one.  Do the actual lines match
 * the expected ones once every wrapped term is joined into one line, in
 * both, when each joined term names such an identifier (and with one run
 * moved, as norm_match_reordered)? */
bool norm_match_rewrapped(norm_bindings *b, const norm_line *exp, size_t ne, const norm_line *act, size_t na);
void norm_bindings_free(norm_bindings *b);

#endif
