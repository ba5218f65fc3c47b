/* options.c - the command line, read the way iex and elixir read theirs.
 *
 * One command plays the parts of three: `ciex` is `iex` (files given on
 * the command line are loaded, then the shell starts), `ciex --script F`
 * and `ciex -e EXPR` are `elixir` (run, then exit), and `ciex --epmd` is
 * `epmd`.  Distribution options are iex's (--sname, --name, --cookie,
 * --hidden); `--erl "SWITCHES"` understands the erl switches that mean the
 * same things (-sname, -name, -setcookie, -hidden, and TLS distribution's
 * -proto_dist inet_tls, -ssl_dist_optfile, -ssl_dist_opt) so that a command line
 * written for iex keeps working.  Options come first: as in elixir, the
 * first argument that is not one ends them, and it and everything after
 * it are the program's: `ciex FILE ARGS` loads FILE and starts the shell
 * with ARGS in System.argv() (iex FILE ARGS), `ciex --script FILE ARGS`
 * runs FILE with ARGS (elixir FILE ARGS), and after -e the arguments are
 * all System.argv() (elixir -e EXPR ARGS).  A usage error prints the
 * usage on stderr and exits 1, as elixir does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/version.h"
#include "ciex/vm.h"
#include "options.h"

static const char usage_text[] =
    "Usage: ciex [options] [FILE [ARGS]]\n"
    "\n"
    "Starts an interactive shell, as iex does, after loading FILE; the ARGS\n"
    "after it (or after the options, with -e) are System.argv().\n"
    "\n"
    "  -e, --eval EXPR         evaluates EXPR and exits, as `elixir -e` does (*)\n"
    "  --script FILE [ARGS]    runs FILE and exits, as `elixir FILE ARGS` does\n"
    "  -r FILE                 loads FILE before the shell starts (*)\n"
    "  -S mix                  compiles and loads lib/**/*.ex of the current directory\n"
    "  --remsh NODE            the shell of NODE (a BEAM or ciex node; this node\n"
    "                          needs --sname or --name); Ctrl+D detaches\n"
    "  --dot-iex FILE          evaluates FILE in the shell instead of .iex.exs or\n"
    "                          ~/.iex.exs; if FILE is empty, no file is loaded\n"
    "  -v, --version           prints the version\n"
    "  -h, --help              prints this message\n"
    "\n"
    "Distribution:\n"
    "\n"
    "  --sname NAME            makes a distributed node NAME@shorthost\n"
    "  --name NAME[@HOST]      makes a distributed node with a long name\n"
    "  --cookie COOKIE         sets the cookie (default: ~/.erlang.cookie)\n"
    "  --hidden                makes a hidden node\n"
    "  --dist-port MIN[:MAX]   listens for other nodes on this port or range\n"
    "  --dist-tls OPTFILE      TLS distribution, set up by OTP's option file (the same\n"
    "                          as --erl \"-proto_dist inet_tls -ssl_dist_optfile OPTFILE\")\n"
    "  --trace-dist FILE       appends every distribution message sent and received to\n"
    "                          FILE, a JSON line each (see also :ciex.trace(:dist))\n"
    "  --erl \"SWITCHES\"        erl switches: -sname, -name, -setcookie, -hidden, -remsh,\n"
    "                          -kernel net_ticktime SECONDS, -kernel net_setuptime SECONDS,\n"
    "                          +zdbbl KB, +S N[:M], -proto_dist inet_tls, -ssl_dist_optfile FILE,\n"
    "                          -ssl_dist_opt server_KEY VALUE client_KEY VALUE ...\n"
    "  --epmd                  runs an EPMD name server in the background\n"
    "  --epmd-foreground       runs an EPMD name server in the foreground\n"
    "  --epmd-names            prints the names registered with EPMD\n"
    "  --epmd-kill             stops the EPMD (when no node is registered)\n"
    "                          (the EPMD options take epmd's -port N after them,\n"
    "                          the daemon also -packet_timeout SECONDS)\n"
    "\n"
    "Transcripts (see ciex(1)):\n"
    "\n"
    "  --replay FILE           replays the iex session written in FILE on fresh nodes\n"
    "                          and checks every output it shows\n"
    "  --settle MS             waits until every node has been quiet for MS ms before\n"
    "                          each input (default 200)\n"
    "  --iex                   `$ iex` lines start real iex from PATH instead of ciex\n"
    "  --iex-node NAME         node NAME starts real iex whatever its line says (repeatable)\n"
    "  --update                writes the actual outputs into FILE\n"
    "  --html OUT.html         also writes the lesson as a page: its prose, every input\n"
    "                          with its output, and the messages each input made the\n"
    "                          nodes exchange, drawn as sequence diagrams\n"
    "  --html-global           draws every message of :global's connection protocol\n"
    "                          rather than one group per connection\n"
    "  --runs N                replays FILE N times and reports the inputs whose output\n"
    "                          was not the same in every run (timing no settling fixes)\n"
    "  --record                records FILE's inputs from real iex at human pace: every\n"
    "                          node real iex in a terminal, an input typed when the\n"
    "                          session has been quiet for the --settle time (default\n"
    "                          1500), the outputs written into FILE\n"
    "\n"
    "** Options marked with (*) can be given more than once.\n"
    "See ciex(1) for the environment (ERL_EPMD_PORT, HOME) and the files used.\n";

static void usage_error(shell_options *o, const char *fmt, const char *arg)
{
    fputs("ciex: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n\n", stderr);
    fputs(usage_text, stderr);
    o->mode = SHELL_MODE_EXIT;
    o->exit_status = 1;
}

static void push(const char ***list, size_t *n, const char *item)
{
    *list = ciex_xrealloc(*list, (*n + 1) * sizeof **list, "shell");
    (*list)[(*n)++] = item;
}

static void set_name(shell_options *o, const char *name, bool longnames)
{
    o->dist.name = name;
    o->dist.longnames = longnames;
}

/* -kernel PARAM VALUE: the application parameters of kernel that ciex
 * has (net_ticktime and net_setuptime, in seconds, as erl takes them). */
static void kernel_param(shell_options *o, const char *param, const char *value)
{
    bool tick = strcmp(param, "net_ticktime") == 0;
    if (tick || strcmp(param, "net_setuptime") == 0) {
        char *end;
        long s = strtol(value, &end, 10);
        if (*value < '0' || *value > '9' || *end || s < 1 || s > 1000000)
            fprintf(stderr, "ciex: --erl: -kernel %s %s: not a positive number of seconds\n", param, value);
        else if (tick)
            o->dist.ticktime_s = (int)s;
        else
            o->dist.setuptime_s = (int)s;
    } else {
        fprintf(stderr, "ciex: --erl: ignoring -kernel %s (ciex has no such kernel parameter)\n", param);
    }
}

/* --erl "-sname foo -setcookie C": the switches that iex users pass to
 * erl for naming a node, `-kernel net_ticktime SECONDS`, `-kernel
 * net_setuptime SECONDS`, `+zdbbl KB` (the distribution buffer busy
 * limit) and `+S N[:M]` (scheduler threads).  Others are reported and ignored: ciex has no other emulator
 * flags. */
/* +S N or +S N:M, as erl takes it: N schedulers, M of them online (by
 * default as many as there are cores, at most N); 0 for either is the
 * default (the cores online).  ciex runs one thread per scheduler
 * online. */
static void parse_schedulers(shell_options *o, const char *value)
{
    char *end;
    long n = strtol(value, &end, 10), m = 0;
    bool ok = end != value && n >= 0 && n <= VM_SCHEDULERS_MAX;
    if (ok && *end == ':') {
        const char *at = end + 1;
        m = strtol(at, &end, 10);
        ok = end != at && m >= 0 && m <= VM_SCHEDULERS_MAX;
    }
    if (!ok || *end) {
        usage_error(o, "--erl: bad amount of schedulers %s", value);
        return;
    }
    if (n > 0 && m > n) {
        char what[80];
        snprintf(what, sizeof what, "%ld (total amount of schedulers %ld)", m, n);
        usage_error(o, "--erl: bad amount of schedulers online %s", what);
        return;
    }
    o->schedulers = (int)n;
    o->schedulers_online = (int)m;
}

static void parse_erl_switches(shell_options *o, const char *switches)
{
    /* every --erl's copy is kept: the options point into them */
    char *copy = ciex_xstrdup(switches, "shell");
    o->erl_copies = ciex_xrealloc(o->erl_copies, (o->nerl_copies + 1) * sizeof *o->erl_copies, "shell");
    o->erl_copies[o->nerl_copies++] = copy;
    char *save = NULL;
    for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        bool takes_value = strcmp(w, "-sname") == 0 || strcmp(w, "-name") == 0 || strcmp(w, "-setcookie") == 0 ||
                           strcmp(w, "+zdbbl") == 0 || strcmp(w, "-remsh") == 0 || strcmp(w, "+S") == 0 ||
                           strcmp(w, "-proto_dist") == 0 || strcmp(w, "-ssl_dist_optfile") == 0;
        char *value = takes_value ? strtok_r(NULL, " \t", &save) : NULL;
        if (strcmp(w, "-kernel") == 0) {
            char *param = strtok_r(NULL, " \t", &save);
            char *pvalue = param ? strtok_r(NULL, " \t", &save) : NULL;
            if (!pvalue) fprintf(stderr, "ciex: --erl: -kernel needs a parameter and a value\n");
            else kernel_param(o, param, pvalue);
        } else if (takes_value && !value) {
            fprintf(stderr, "ciex: --erl: %s needs a value\n", w);
        } else if (strcmp(w, "-sname") == 0 || strcmp(w, "-name") == 0) {
            set_name(o, value, w[1] == 'n');
        } else if (strcmp(w, "-setcookie") == 0) {
            o->dist.cookie = value;
        } else if (strcmp(w, "-remsh") == 0) {
            o->remsh = value; /* erl's -remsh: the same as --remsh */
        } else if (strcmp(w, "+zdbbl") == 0) {
            char *end;
            long kb = strtol(value, &end, 10);
            /* erl's range, 1 to 2097151 KiB; erl does not start with another */
            if (!*value || *end || kb < 1 || kb > 2097151)
                usage_error(o, "--erl: invalid dbbl limit: %s (+zdbbl takes 1 to 2097151 KiB)", value);
            else
                o->dist.dist_buf_busy_limit_kb = (int)kb;
        } else if (strcmp(w, "+S") == 0) {
            parse_schedulers(o, value);
        } else if (strcmp(w, "-hidden") == 0) {
            o->dist.hidden = true;
        } else if (strcmp(w, "-proto_dist") == 0) {
            if (strcmp(value, "inet_tls") == 0) o->dist.tls = true;
            else if (strcmp(value, "inet_tcp") == 0) o->dist.tls = false;
            else usage_error(o, "--erl: -proto_dist %s: ciex has inet_tcp and inet_tls", value);
        } else if (strcmp(w, "-ssl_dist_optfile") == 0) {
            o->dist.tls_optfile = value;
        } else if (strcmp(w, "-ssl_dist_opt") == 0) {
            /* key value pairs, up to the next switch (as init:get_argument
             * collects them) */
            char *rest = save ? save + strspn(save, " \t") : NULL;
            while (rest && *rest && *rest != '-' && *rest != '+') {
                char *kv = strtok_r(NULL, " \t", &save);
                if (!kv) break;
                push(&o->tls_opts, &o->ntls_opts, kv);
                rest = save ? save + strspn(save, " \t") : NULL;
            }
            o->dist.tls_opts = o->tls_opts;
            o->dist.ntls_opts = o->ntls_opts;
        } else if (w[0] == '-' || w[0] == '+') {
            fprintf(stderr, "ciex: --erl: ignoring %s (ciex has no such emulator flag)\n", w);
        } /* else: the value of an ignored flag (+P 100) */
    }
}

static void parse_dist_port(shell_options *o, const char *v)
{
    o->dist.listen_min = atoi(v);
    const char *colon = strchr(v, ':');
    o->dist.listen_max = colon ? atoi(colon + 1) : o->dist.listen_min;
}

static void parse_settle(shell_options *o, const char *v)
{
    char *end;
    long ms = strtol(v, &end, 10);
    if (*v < '0' || *v > '9' || *end || ms > 600000) usage_error(o, "--settle %s: a number of milliseconds (0 to 600000)", v);
    else o->replay.settle_ms = (int)ms;
    o->replay_settle_given = true;
}

/* An option that takes a value: returns it, or reports a usage error. */
static const char *value_of(shell_options *o, int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        usage_error(o, "option %s needs a value", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

#define IS(opt) (strcmp(arg, opt) == 0)

/* Options that end the command at once (--help, --version, EPMD). */
static bool parse_standalone(shell_options *o, const char *arg)
{
    if (IS("--version") || IS("-v")) {
        printf("ciex %s (an Elixir 1.14 subset; Erlang distribution as OTP 25)\n", CIEX_VERSION);
        o->mode = SHELL_MODE_EXIT;
    } else if (IS("--help") || IS("-h")) {
        fputs(usage_text, stdout);
        o->mode = SHELL_MODE_EXIT;
    } else if (IS("--epmd") || IS("--epmd-foreground")) {
        o->mode = SHELL_MODE_EPMD;
        o->epmd_foreground = IS("--epmd-foreground");
    } else if (IS("--epmd-names")) {
        o->mode = SHELL_MODE_EPMD_NAMES;
    } else if (IS("--epmd-kill")) {
        o->mode = SHELL_MODE_EPMD_KILL;
    } else {
        return false;
    }
    return true;
}

/* epmd's own -port N (and, for the daemon, -packet_timeout SECONDS)
 * follow the EPMD modes. */
static void parse_epmd_args(shell_options *o, int argc, char **argv, int from)
{
    for (int i = from; i < argc; i += 2) {
        const char *arg = argv[i];
        bool daemon = o->mode == SHELL_MODE_EPMD;
        if (!(IS("-port") || (daemon && IS("-packet_timeout")))) {
            usage_error(o, "unknown EPMD option '%s'", arg);
            return;
        }
        int v = i + 1 < argc ? atoi(argv[i + 1]) : 0;
        if (v <= 0 || (IS("-port") && v > 65535)) {
            usage_error(o, "%s needs a positive number", arg);
            return;
        }
        if (IS("-port")) o->epmd_port = v;
        else o->epmd_packet_timeout = v;
    }
}

/* One option with its value; false when arg is not an option we know. */
static bool parse_one(shell_options *o, int argc, char **argv, int *i)
{
    const char *arg = argv[*i];
    const char *v = NULL;
    bool with_value = IS("--sname") || IS("--name") || IS("--cookie") || IS("--dist-port") || IS("--erl") || IS("--dist-tls") ||
                      IS("-e") || IS("--eval") || IS("--script") || IS("-r") || IS("-S") || IS("--dot-iex") ||
                      IS("--replay") || IS("--settle") || IS("--iex-node") || IS("--runs") || IS("--remsh") ||
                      IS("--trace-dist") || IS("--html");
    if (with_value && !(v = value_of(o, argc, argv, i))) return true;
    if (IS("--sname") || IS("--name")) set_name(o, v, IS("--name"));
    else if (IS("--cookie")) o->dist.cookie = v;
    else if (IS("--hidden")) o->dist.hidden = true;
    else if (IS("--dist-port")) parse_dist_port(o, v);
    else if (IS("--dist-tls")) {
        o->dist.tls = true;
        o->dist.tls_optfile = v;
    }
    else if (IS("--trace-dist")) o->dist.trace_file = v;
    else if (IS("--html")) o->replay.html = v;
    else if (IS("--html-global")) o->replay.html_global = true;
    else if (IS("--erl")) parse_erl_switches(o, v);
    else if (IS("-e") || IS("--eval")) push(&o->evals, &o->nevals, v);
    else if (IS("--script")) o->script = v;
    else if (IS("-r")) push(&o->files, &o->nfiles, v);
    else if (IS("--dot-iex")) o->dot_iex = v;
    else if (IS("--remsh")) o->remsh = v;
    else if (IS("--replay")) o->replay.file = v;
    else if (IS("--settle")) parse_settle(o, v);
    else if (IS("--iex")) o->replay.iex = true;
    else if (IS("--iex-node")) {
        if (o->replay.niex_nodes == (int)(sizeof o->replay.iex_nodes / sizeof *o->replay.iex_nodes))
            usage_error(o, "--iex-node %s: at most 16 nodes", v);
        o->replay.iex_nodes[o->replay.niex_nodes++] = v;
    }
    else if (IS("--update")) o->replay.update = true;
    else if (IS("--runs")) {
        char *end;
        long runs = strtol(v, &end, 10);
        if (*v < '0' || *v > '9' || *end || runs < 1 || runs > 1000) usage_error(o, "--runs %s: a number of runs (1 to 1000)", v);
        else o->replay.runs = (int)runs;
    }
    else if (IS("--record")) o->replay.record = o->replay.update = true;
    else if (IS("-S")) {
        if (strcmp(v, "mix") != 0) usage_error(o, "-S %s: ciex knows only -S mix", v);
        o->mix = true;
    } else {
        return false;
    }
    return true;
}

/* argv[from..] are the program's arguments. */
static void set_args(shell_options *o, int argc, char **argv, int from)
{
    o->args = (const char *const *)argv + from;
    o->nargs = from < argc ? (size_t)(argc - from) : 0;
}

void shell_options_parse(int argc, char **argv, shell_options *o)
{
    memset(o, 0, sizeof *o);
    o->mode = SHELL_MODE_SHELL;
    o->replay.settle_ms = REPLAY_DEFAULT_SETTLE_MS;
    for (int i = 1; i < argc && o->mode == SHELL_MODE_SHELL; i++) {
        const char *arg = argv[i];
        if (parse_standalone(o, arg)) {
            bool epmd = o->mode == SHELL_MODE_EPMD || o->mode == SHELL_MODE_EPMD_NAMES || o->mode == SHELL_MODE_EPMD_KILL;
            if (epmd) parse_epmd_args(o, argc, argv, i + 1);
            return;
        }
        if (parse_one(o, argc, argv, &i)) {
            if (o->script && o->mode == SHELL_MODE_SHELL) {
                set_args(o, argc, argv, i + 1);
                break;
            }
            continue;
        }
        if (arg[0] == '-' && arg[1]) {
            usage_error(o, "unknown option '%s'", arg);
            return;
        }
        if (o->nevals == 0) push(&o->files, &o->nfiles, arg), i++;
        set_args(o, argc, argv, i);
        break;
    }
    if (o->mode == SHELL_MODE_SHELL && (o->nevals > 0 || o->script)) o->mode = SHELL_MODE_RUN;
    if (!o->dist.tls && (o->dist.tls_optfile || o->ntls_opts))
        fprintf(stderr, "ciex: --erl: ignoring the TLS options: they go with -proto_dist inet_tls\n");
    if (o->remsh && o->mode == SHELL_MODE_RUN) usage_error(o, "%s", "--remsh opens a shell: it does not go with --script or -e");
    if (o->replay.record && !o->replay_settle_given) o->replay.settle_ms = REPLAY_RECORD_PACE_MS;
    bool replay_only = o->replay.iex || o->replay.niex_nodes || o->replay.update || o->replay_settle_given || o->replay.runs ||
                       o->replay.html || o->replay.html_global;
    if (o->mode == SHELL_MODE_SHELL && o->replay.file) o->mode = SHELL_MODE_REPLAY;
    else if (o->mode != SHELL_MODE_EXIT && (o->replay.file || replay_only))
        usage_error(o, "%s", o->replay.file ? "--replay does not go with --script or -e"
                                            : "--settle, --iex, --iex-node, --update, --record, --runs and --html go with --replay FILE");
}

void shell_options_free(shell_options *o)
{
    free(o->files);
    free(o->evals);
    for (size_t i = 0; i < o->nerl_copies; i++) free(o->erl_copies[i]);
    free(o->erl_copies);
    free(o->tls_opts);
    memset(o, 0, sizeof *o);
}
