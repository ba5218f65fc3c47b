/* replay.c - `ciex --replay FILE`: a transcript's session, run again.
 *
 * Every `$ iex` / `$ ciex` line starts a node as a child process whose
 * stdin and stdout are pipes: a shell reading a pipe prints its prompts,
 * does not echo, and prints results, whether it is ciex or real iex.  Each
 * input is written to its node once that node shows its prompt and every
 * node has been quiet for the settle time; what a node prints from one of
 * its inputs until its next (or the end) is that input's actual output,
 * asynchronous lines included, and the prompt that follows an input gives
 * the counter the next one is checked against.
 *
 * The nodes register with an EPMD of the replay's own, on a port of its
 * own (ERL_EPMD_PORT when set), started first and stopped last, so a
 * replay never sees or disturbs other nodes of the machine. */
#define _GNU_SOURCE /* pipe2, asprintf */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "normalise.h"
#include "page.h"
#include "replay.h"
#include "source.h"
#include "transcript.h"

/* How long a node may take to show its first prompt, and an input to be
 * answered with a prompt, before the replay gives up on it. */
#define START_TIMEOUT_MS 60000
#define INPUT_TIMEOUT_MS 30000
/* A node still evaluating (no prompt yet) is waited for this many settle
 * times; after that it is taken to be blocked (a receive waiting for
 * another node's step) and the next step goes ahead. */
#define BUSY_SETTLES 10
#define BUSY_MIN_MS 1000
#define STOP_TIMEOUT_MS 3000
/* How long the cluster may stay busy before an input (the probe finds a
 * node with runnable processes, a handshake, a :global connection or
 * distribution traffic in progress); then the input goes ahead and the
 * wait is reported as a problem. */
#define SETTLE_TIMEOUT_MS 10000
/* Consecutive probe rounds that must find every node quiescent: a second
 * round sees what a message in flight during the first one started. */
#define QUIET_ROUNDS 2

static void *xrealloc(void *p, size_t n)
{
    p = ciex_xrealloc(p, n ? n : 1, "shell");
    return p;
}

static long long wall_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static volatile sig_atomic_t interrupted;
static void on_signal(int sig) { interrupted = sig; }

/* ---- state ---- */

typedef struct node {
    char *name;      /* short name; "" for a node without one */
    char *label;     /* as its prompts show it: "foo@host", or "" */
    bool beam;       /* real iex */
    pid_t pid;
    int in, out;     /* its stdin; its stdout and stderr */
    bool alive;      /* its output is still open */
    int status;      /* wait status once it ended */
    char *output;    /* printed since its current input was sent */
    size_t len, cap;
    int counter;     /* the N of the last prompt seen, 0: none since the input */
    long current;    /* index of the step whose output is being collected, -1 */
    norm_bindings bindings;
    char *cookie;    /* its --cookie, or NULL */
    bool pty;        /* --record: it runs in a terminal, which echoes */
    char *echo;      /* what it will echo of the input being typed, not yet seen */
    bool stopped;    /* `$ kill -STOP`: not asked, not waited for, until `$ kill -CONT` */
    char *trace;     /* --html: its --trace-dist file (ciex nodes), or NULL */
} node;

typedef struct step_result {
    bool sent;
    int counter;     /* the node's prompt when the input was sent */
    char *actual;    /* what the node printed for it */
    size_t len;
    long long t_us;  /* when it was sent (the wall clock, as the nodes' traces) */
    bool failed;     /* its output or counter did not hold */
} step_result;

typedef struct failure {
    int lineno;
    char *text;
} failure;

typedef struct replay {
    const replay_options *o;
    transcript t;
    char *dir;               /* the transcript's directory: the nodes' cwd */
    char host[256];          /* this machine's short host name */
    char **node_names;       /* the transcript's "name@host" of each node */
    size_t nnode_names;
    node *nodes;
    size_t nnodes;
    step_result *results;
    failure *failures;
    size_t nfailures;
    size_t checked;
    long long last_activity; /* the last output of any node, or input sent */
    pid_t epmd;              /* the EPMD started for the replay, or 0 */
    bool aborted;
    /* the probe: a hidden ciex node of the replay's own that asks the
     * named nodes whether they are quiescent (see "settling" below) */
    node probe;
    bool has_probe;
    size_t probed;           /* nodes the probe knows the cookie of */
    int settle_line;         /* the transcript line being settled for */
    char *trace_dir;         /* --html: where the nodes write their traces */
    long long end_us;        /* when the nodes began to be stopped (the wall clock) */
} replay;

static void add_failure(replay *r, int lineno, char *text)
{
    r->failures = xrealloc(r->failures, (r->nfailures + 1) * sizeof *r->failures);
    r->failures[r->nfailures++] = (failure){lineno, text};
}

/* A failure message (printf-style), at a transcript line. */
static void failf(replay *r, int lineno, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void failf(replay *r, int lineno, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = NULL;
    if (vasprintf(&text, fmt, ap) < 0) ciex_out_of_memory("text", 0, false);
    va_end(ap);
    add_failure(r, lineno, text);
}

/* ---- EPMD ---- */

static bool epmd_answers(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
    close(fd);
    return ok;
}

/* A port no one listens on now, from the kernel's ephemeral range. */
static int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = {.sin_family = AF_INET};
    socklen_t alen = sizeof a;
    int port = 0;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 && getsockname(fd, (struct sockaddr *)&a, &alen) == 0)
        port = ntohs(a.sin_port);
    if (fd >= 0) close(fd);
    return port;
}

/* Starts `ciex --epmd-foreground` on ERL_EPMD_PORT (chosen here unless
 * set) and waits until it answers. */
static bool start_epmd(replay *r)
{
    const char *env = getenv("ERL_EPMD_PORT");
    int port = env ? atoi(env) : free_port();
    if (port <= 0 || port > 65535) {
        fprintf(stderr, "ciex --replay: no port for EPMD\n");
        return false;
    }
    char portstr[16];
    snprintf(portstr, sizeof portstr, "%d", port);
    setenv("ERL_EPMD_PORT", portstr, 1);
    pid_t pid = fork();
    if (pid < 0) return false;
    if (pid == 0) {
        setpgid(0, 0);
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) dup2(null, 0), dup2(null, 1), dup2(null, 2);
        execl("/proc/self/exe", "ciex", "--epmd-foreground", (char *)NULL);
        _exit(127);
    }
    r->epmd = pid;
    for (long long deadline = now_ms() + 5000; now_ms() < deadline;) {
        if (epmd_answers(port)) return true;
        int status;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            r->epmd = 0; /* the port is taken: an EPMD already answers there, or something else */
            if (epmd_answers(port)) return true;
            fprintf(stderr, "ciex --replay: no EPMD could listen on port %d (ERL_EPMD_PORT): it is in use\n", port);
            return false;
        }
        poll(NULL, 0, 5);
    }
    fprintf(stderr, "ciex --replay: the EPMD on port %d does not answer\n", port);
    return false;
}

/* ---- nodes ---- */

static node *find_node(replay *r, const char *transcript_node)
{
    char name[256];
    transcript_node_short(transcript_node, name, sizeof name);
    for (size_t i = r->nnodes; i-- > 0;)
        if (strcmp(r->nodes[i].name, name) == 0) return &r->nodes[i];
    return NULL;
}

/* The command line of the node of a START step. */
/* The command line of a node (free it, and *long_name, after use): a long
 * name's host becomes this machine's (--name foo@127.0.0.1). */
static char **node_argv(replay *r, const transcript_step *s, bool beam, char **long_name, char **trace)
{
    char **argv = xrealloc(NULL, (s->nargs + 8) * sizeof *argv);
    size_t n = 0;
    *long_name = NULL;
    argv[n++] = beam ? "iex" : "/proc/self/exe";
    for (size_t i = 0; i < s->nargs; i++) {
        argv[n++] = s->args[i];
        if (strcmp(s->args[i], "--name") == 0 && i + 1 < s->nargs && !*long_name) {
            *long_name = xrealloc(NULL, strlen(s->node) + strlen(r->host) + 2);
            sprintf(*long_name, "%s@%s", s->node, r->host);
            argv[n++] = *long_name;
            i++;
        }
    }
    if (!beam && r->o->html && *s->node) {
        if (asprintf(trace, "%s/%s.jsonl", r->trace_dir, s->node) < 0) ciex_out_of_memory("text", 0, false);
        argv[n++] = "--trace-dist";
        argv[n++] = *trace;
    }
    if (r->o->record) {
        /* in a terminal: no colours, so that outputs are plain text */
        argv[n++] = "--erl";
        argv[n++] = "-elixir ansi_enabled false";
    }
    if (s->mix && beam) {
        /* the project's files, compiled in memory: no _build next to the transcript */
        argv[n++] = "-r";
        argv[n++] = "lib/**/*.ex";
    } else if (s->mix) {
        argv[n++] = "-S";
        argv[n++] = "mix";
    }
    argv[n] = NULL;
    return argv;
}

/* --record: the node's terminal, a pseudo-terminal whose master is
 * both its input and its output; false when none can be had. */
static bool open_pty(int *master, int *slave)
{
    *master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (*master < 0) return false;
    char *name = grantpt(*master) == 0 && unlockpt(*master) == 0 ? ptsname(*master) : NULL;
    *slave = name ? open(name, O_RDWR | O_NOCTTY) : -1;
    if (*slave < 0) {
        close(*master);
        return false;
    }
    struct winsize ws = {.ws_row = 50, .ws_col = 80};
    ioctl(*slave, TIOCSWINSZ, &ws);
    return true;
}

static bool spawn_node(replay *r, node *n, char **argv)
{
    int in[2], out[2];
    if (n->pty) {
        int master, slave;
        if (!open_pty(&master, &slave)) return false;
        in[0] = out[1] = slave;
        in[1] = master;
        out[0] = dup(master);
        fcntl(out[0], F_SETFD, FD_CLOEXEC);
    } else {
        if (pipe2(in, O_CLOEXEC) < 0) return false;
        if (pipe2(out, O_CLOEXEC) < 0) {
            close(in[0]), close(in[1]);
            return false;
        }
    }
    pid_t pid = fork();
    if (pid < 0) return false;
    if (pid == 0) {
        if (n->pty) {
            setsid();
            ioctl(in[0], TIOCSCTTY, 0);
            setenv("TERM", "dumb", 1); /* a plain line editor: no cursor motion in what it prints */
        } else {
            setpgid(0, 0);
        }
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(out[1], 2);
        if (in[0] > 2) close(in[0]);
        if (chdir(r->dir) != 0) _exit(126);
        signal(SIGPIPE, SIG_DFL);
        execvp(argv[0], argv);
        fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(in[0]);
    if (!n->pty) close(out[1]);
    n->pid = pid;
    n->in = in[1];
    n->out = out[0];
    n->alive = true;
    return true;
}

static void node_ended(node *n)
{
    close(n->out);
    n->alive = false;
    if (n->in >= 0) close(n->in);
    n->in = -1;
    waitpid(n->pid, &n->status, 0);
}

/* The counter of the last primary prompt of the node in its output. */
static int last_prompt(const node *n)
{
    int counter = 0;
    size_t ll = strlen(n->label);
    for (const char *p = n->output; p && (p = strstr(p, "iex(")); p++) {
        if (p != n->output && p[-1] != '\n' && p[-1] != ' ') continue;
        const char *q = p + 4;
        if (ll) {
            if (strncmp(q, n->label, ll) != 0 || q[ll] != ')') continue;
            q += ll + 1;
        }
        const char *digits = q;
        while (*q >= '0' && *q <= '9') q++;
        if (q == digits) continue;
        if (ll ? *q != '>' : (q[0] != ')' || q[1] != '>')) continue;
        counter = atoi(digits);
    }
    return counter;
}

/* What a node in a terminal printed, as it would print on a pipe: line
 * ends without their carriage returns, and the echo of what was typed
 * left out.  Returns the new length of the bytes at text. */
static size_t from_terminal(node *n, char *text, size_t len)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '\r') continue;
        if (n->echo && *n->echo) {
            if (c == *n->echo) {
                memmove(n->echo, n->echo + 1, strlen(n->echo));
                continue;
            }
            n->echo[0] = '\0'; /* not the echo after all */
        }
        text[k++] = c;
    }
    return k;
}

/* Reads what nodes (and the probe) print, for at most timeout ms; false
 * when interrupted.  What the probe prints is not the lesson's activity. */
static bool pump(replay *r, int timeout)
{
    struct pollfd *fds = xrealloc(NULL, (r->nnodes + 1) * sizeof *fds);
    node **which = xrealloc(NULL, (r->nnodes + 1) * sizeof *which);
    nfds_t nfds = 0;
    for (size_t i = 0; i <= r->nnodes; i++) {
        node *n = i < r->nnodes ? &r->nodes[i] : r->has_probe ? &r->probe : NULL;
        if (n && n->alive) {
            fds[nfds] = (struct pollfd){n->out, POLLIN, 0};
            which[nfds++] = n;
        }
    }
    int rc = poll(fds, nfds, timeout);
    for (nfds_t k = 0; rc > 0 && k < nfds; k++) {
        if (!fds[k].revents) continue;
        node *n = which[k];
        if (n->cap - n->len < 65537) {
            n->output = xrealloc(n->output, n->cap = n->cap * 2 + 65537);
            n->output[n->len] = '\0';
        }
        ssize_t got = read(n->out, n->output + n->len, 65536);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            node_ended(n); /* a terminal whose node ended says EIO */
        } else {
            if (n->pty) got = (ssize_t)from_terminal(n, n->output + n->len, (size_t)got);
            n->len += (size_t)got;
            n->output[n->len] = '\0';
            int c = last_prompt(n);
            if (c) n->counter = c;
        }
        if (n != &r->probe) r->last_activity = now_ms();
    }
    free(fds);
    free(which);
    return !interrupted;
}

/* ---- settling: the probe ----
 *
 * Quiet output is not a quiet cluster: :global's connection protocol, the
 * transitive connections it makes and a spawned process's messages go on
 * for hundreds of milliseconds after a prompt, printing nothing.  So
 * before an input, once output is quiet, the replay asks every named node
 * through the probe, a hidden ciex node of its own (a hidden node is in
 * no Node.list and no :global view, and typing into it moves no lesson
 * node's prompt counter):
 *
 *   :erlang.statistics(:total_active_tasks)  1: only the probe's call runs
 *   :global.info()                  no {:pending, node}, no resolver: no
 *                                   :global connection protocol going on
 *   :ciex_dist.in_flight() (ciex)   {0, 0, 0}: no handshake, no queued
 *                                   or unread distribution bytes
 *   :net_kernel.nodes_info() (BEAM) every visible connection up; their
 *                                   packets in and out counted
 *
 * Two rounds in a row must find every node quiescent with the same packet
 * count; the wait is bounded by SETTLE_TIMEOUT_MS, and reported as a
 * problem when that runs out (docs/replay.md). */

/* The probe's function: for the nodes [{node, ciex?}], {:busy, [{node,
 * what it answered}]} or {:quiet, N}, N the number of distribution
 * packets the BEAM nodes have sent and received on visible connections
 * (two quiet rounds must see the same N: nothing travelled between them).
 * A node gone is quiescent. */
static const char probe_function[] =
    "q = fn nodes -> r = Enum.map(nodes, fn {n, ciex} -> try do "
    "rq = :erpc.call(n, :erlang, :statistics, [:total_active_tasks], 2000) - 1; "
    "g = :erpc.call(n, :global, :info, [], 2000); "
    "{known, res} = if is_map(g), do: {g.known, g.resolvers}, else: {elem(g, 2), elem(g, 4)}; "
    "pend = for {:pending, p} <- Map.keys(known), do: p; "
    "res = for {p, _, _} <- res, do: p; "
    "{fl, conns, count} = if ciex do {:erpc.call(n, :ciex_dist, :in_flight, [], 2000), [], 0} else "
    "{:ok, info} = :erpc.call(n, :net_kernel, :nodes_info, [], 2000); "
    "vis = for {p, i} <- info, i[:type] != :hidden, do: {p, i}; "
    "{{0, 0, 0}, (for {p, i} <- vis, i[:state] != :up, do: p), Enum.sum(for {_, i} <- vis, do: i[:in] + i[:out])} "
    "end; "
    "busy = rq != 0 or pend != [] or res != [] or fl != {0, 0, 0} or conns != []; "
    "{n, busy, [active_tasks: rq, global_pending: pend, global_resolvers: res, in_flight: fl, connecting: conns], count} "
    "catch :error, {:erpc, :noconnection} -> {n, false, [], 0}; kind, e -> {n, true, {kind, e}, 0} end end); "
    "busy = for {n, true, why, _} <- r, do: {n, why}; "
    "if busy == [], do: {:quiet, Enum.sum(for {_, _, _, c} <- r, do: c)}, else: {:busy, busy} end; :ok\n";

static void finish_input(replay *r, node *n);

/* Types one input into the probe and waits for its next prompt; its
 * output (prompts left in), or NULL when it does not answer in time. */
static const char *probe_ask(replay *r, const char *input, int timeout_ms)
{
    node *p = &r->probe;
    if (!p->alive) return NULL;
    p->len = 0;
    if (p->output) p->output[0] = '\0';
    p->counter = 0;
    size_t len = strlen(input), done = 0;
    while (done < len) {
        ssize_t w = write(p->in, input + done, len - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return NULL;
        done += (size_t)w;
    }
    for (long long deadline = now_ms() + timeout_ms; p->alive && p->counter == 0;) {
        long long left = deadline - now_ms();
        if (left <= 0 || !pump(r, (int)left)) return NULL;
    }
    return p->alive ? (p->output ? p->output : "") : NULL;
}

static bool spawn_node(replay *r, node *n, char **argv);

/* Starts the probe when the transcript has named nodes. */
static void start_probe(replay *r)
{
    bool named = false;
    for (size_t k = 0; k < r->t.nsteps; k++)
        if (r->t.steps[k].kind == TRANSCRIPT_START && *r->t.steps[k].node) named = true;
    if (!named || r->o->record) return; /* a recording types at human pace instead */
    node *p = &r->probe;
    memset(p, 0, sizeof *p);
    p->current = -1;
    p->in = p->out = -1;
    char name[300];
    snprintf(name, sizeof name, "ciex_replay_probe_%ld%s%s", (long)getpid(), r->t.long_names ? "@" : "",
             r->t.long_names ? r->host : "");
    p->label = xrealloc(NULL, strlen(name) + strlen(r->host) + 2);
    if (r->t.long_names) sprintf(p->label, "%s", name);
    else sprintf(p->label, "%s@%s", name, r->host);
    p->name = "";
    char *argv[] = {"/proc/self/exe", r->t.long_names ? "--name" : "--sname", name, "--hidden", "--dot-iex", "", NULL};
    if (!spawn_node(r, p, argv)) return;
    r->has_probe = true;
    for (long long deadline = now_ms() + START_TIMEOUT_MS; p->alive && p->counter == 0 && now_ms() < deadline;)
        if (!pump(r, 100)) return;
    const char *out = p->counter ? probe_ask(r, probe_function, START_TIMEOUT_MS) : NULL;
    /* a tick every 250 ms, a connection dropped after ten minutes of
     * silence: nodes with a short net_ticktime (a lesson that cuts a link)
     * hear from the probe in time, and slow tickers are not dropped */
    if (out && strstr(out, ":ok")) out = probe_ask(r, ":ciex_dist.set_ticker(250, 2400)\n", START_TIMEOUT_MS);
    if (!out || !strstr(out, ":ok")) {
        failf(r, 1, "the replay's probe (a hidden ciex node) did not start; the cluster is not checked for "
                    "quiescence; it printed:\n%s", p->output ? p->output : "");
        r->has_probe = false;
    }
}

/* Tells the probe the cookies of the nodes started since it last asked. */
static void probe_learn_cookies(replay *r)
{
    for (; r->probed < r->nnodes; r->probed++) {
        node *n = &r->nodes[r->probed];
        if (!*n->name || !n->cookie) continue;
        char *input = NULL;
        if (asprintf(&input, ":erlang.set_cookie(:\"%s\", :\"%s\")\n", n->label, n->cookie) < 0) abort();
        probe_ask(r, input, INPUT_TIMEOUT_MS);
        free(input);
    }
}

/* One round: 1 every named node is quiescent, 0 some are not (*why says
 * what they answered: free it), -1 the probe does not answer.  *count is
 * the answer's packet count, or "" when none. */
static int probe_round(replay *r, char **why, char *count, size_t count_len)
{
    probe_learn_cookies(r);
    char *input = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&input, &size);
    fputs("q.([", f);
    size_t nodes = 0;
    for (size_t i = 0; i < r->nnodes; i++) {
        node *n = &r->nodes[i];
        if (!*n->name || !n->alive || n->stopped) continue;
        fprintf(f, "%s{:\"%s\", %s}", nodes++ ? ", " : "", n->label, n->beam ? "false" : "true");
    }
    fputs("])\n", f);
    fclose(f);
    const char *out = nodes ? probe_ask(r, input, INPUT_TIMEOUT_MS) : "{:quiet, 0}\n";
    free(input);
    if (!out) return -1;
    /* the answer: what precedes the prompt */
    const char *prompt = strstr(out, "iex(");
    size_t len = prompt ? (size_t)(prompt - out) : strlen(out);
    while (len && (out[len - 1] == '\n' || out[len - 1] == ' ')) len--;
    if (len > 10 && strncmp(out, "{:quiet, ", 9) == 0 && out[len - 1] == '}') {
        snprintf(count, count_len, "%.*s", (int)(len - 10), out + 9);
        return 1;
    }
    free(*why);
    *why = strndup(out, len);
    count[0] = '\0';
    return 0;
}

/* Waits, probing, until the cluster is quiescent; false when a node
 * printed something meanwhile (the output must be quiet again first). */
static bool cluster_settled(replay *r, long long settle_begin)
{
    if (!r->has_probe) return true;
    char *why = NULL, count[64] = "", last_count[64] = "";
    for (int rounds = 0; rounds < QUIET_ROUNDS;) {
        long long before = r->last_activity;
        int q = probe_round(r, &why, count, sizeof count);
        if (q < 0) {
            failf(r, r->settle_line, "the replay's probe stopped answering; the cluster is not checked for "
                                     "quiescence from here on");
            r->has_probe = false;
            break;
        }
        if (r->last_activity != before) {
            free(why);
            return false;
        }
        /* quiet twice with nothing sent or received in between */
        rounds = !q ? 0 : rounds > 0 && strcmp(count, last_count) == 0 ? rounds + 1 : 1;
        snprintf(last_count, sizeof last_count, "%s", count);
        if (!q && now_ms() - settle_begin > SETTLE_TIMEOUT_MS) {
            failf(r, r->settle_line, "the cluster was still busy %d s after the previous input (the input "
                                     "was sent anyway):\n  %s", SETTLE_TIMEOUT_MS / 1000, why);
            break;
        }
        if (!q && !pump(r, 5)) break;
    }
    free(why);
    return true;
}

/* Waits until the node shows its prompt (or ends), every node has been
 * quiet for the settle time and the cluster is quiescent; false when the
 * node does not show its prompt in time. */
static bool wait_ready(replay *r, node *target, int timeout_ms)
{
    int settle = r->o->settle_ms;
    int busy = settle * BUSY_SETTLES > BUSY_MIN_MS ? settle * BUSY_SETTLES : BUSY_MIN_MS;
    long long begin = now_ms(), deadline = begin + timeout_ms;
    for (;;) {
        long long now = now_ms(), quiet = now - r->last_activity;
        bool target_ready = !target || !target->alive || target->counter > 0;
        bool all_ready = true;
        for (size_t i = 0; i < r->nnodes; i++)
            if (r->nodes[i].alive && !r->nodes[i].stopped && r->nodes[i].counter == 0) all_ready = false;
        if (target_ready && quiet >= settle && (all_ready || quiet >= busy) && cluster_settled(r, begin))
            return true;
        now = now_ms();
        quiet = now - r->last_activity;
        if (now >= deadline) return false;
        long long wait = settle - quiet > 0 ? settle - quiet : settle;
        if (!pump(r, (int)(wait < deadline - now ? wait : deadline - now))) return false;
    }
}

/* The output collected for a node's current input, handed to its result. */
static void finish_input(replay *r, node *n)
{
    if (n->current >= 0) {
        step_result *res = &r->results[n->current];
        res->actual = n->output ? n->output : ciex_xstrdup("", "shell");
        res->len = n->len;
        n->output = NULL;
        n->len = n->cap = 0;
    }
    n->len = 0;
    if (n->output) n->output[0] = '\0';
    n->current = -1;
}

static bool start_node(replay *r, const transcript_step *s)
{
    r->nodes = xrealloc(r->nodes, (r->nnodes + 1) * sizeof *r->nodes);
    node *n = &r->nodes[r->nnodes];
    memset(n, 0, sizeof *n);
    n->name = s->node;
    n->beam = (!s->ciex && r->o->iex) || r->o->record;
    n->pty = r->o->record;
    for (int i = 0; i < r->o->niex_nodes; i++)
        if (strcmp(r->o->iex_nodes[i], s->node) == 0) n->beam = true;
    n->current = -1;
    n->in = n->out = -1;
    for (size_t i = 0; i + 1 < s->nargs; i++)
        if (strcmp(s->args[i], "--cookie") == 0) n->cookie = s->args[i + 1];
    if (*s->node) {
        n->label = xrealloc(NULL, strlen(s->node) + strlen(r->host) + 2);
        sprintf(n->label, "%s@%s", s->node, r->host);
    } else {
        n->label = ciex_xstrdup("", "shell");
    }
    char *long_name;
    char **argv = node_argv(r, s, n->beam, &long_name, &n->trace);
    bool ok = spawn_node(r, n, argv);
    free(argv);
    free(long_name);
    if (!ok) {
        failf(r, s->lineno, "cannot start the node: %s", strerror(errno));
        free(n->label);
        return false;
    }
    r->nnodes++;
    r->last_activity = now_ms();
    if (!wait_ready(r, n, START_TIMEOUT_MS) || !n->alive || n->counter == 0) {
        failf(r, s->lineno, "the node %s (%s) did not start; it printed:\n%s", *n->name ? n->name : "(unnamed)",
              n->beam ? "iex" : "ciex", n->output ? n->output : "");
        return false;
    }
    finish_input(r, n); /* the banner is nobody's output */
    return true;
}

static void write_all(int fd, const char *text, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, text + done, len - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) break;
        done += (size_t)w;
    }
}

/* --record: an input typed into a terminal a line at a time, each line
 * after the prompt that asks for it (a continuation line after
 * "...(N)> "), its echo left out of the output. */
static void type_input(replay *r, node *n, const char *input)
{
    for (const char *line = input, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        if (!nl) nl = line + strlen(line);
        if (line != input) {
            /* the continuation prompt, printed after the previous line */
            for (long long deadline = now_ms() + INPUT_TIMEOUT_MS; n->alive && now_ms() < deadline;) {
                if (n->len >= 2 && strcmp(n->output + n->len - 2, "> ") == 0) break;
                if (!pump(r, 50)) return;
            }
        }
        free(n->echo);
        n->echo = strndup(line, (size_t)(nl - line) + 1);
        n->echo[nl - line] = '\n';
        write_all(n->in, line, (size_t)(nl - line));
        write_all(n->in, "\r", 1);
        if (!*nl) break;
    }
}

static void send_input(replay *r, size_t index)
{
    const transcript_step *s = &r->t.steps[index];
    node *n = find_node(r, s->node);
    r->settle_line = s->lineno;
    if (!wait_ready(r, n, INPUT_TIMEOUT_MS)) {
        if (!interrupted)
            failf(r, s->lineno, "%s did not answer its input %d within %d s; the replay stops here", s->node,
                  n->counter ? n->counter : s->counter - 1, INPUT_TIMEOUT_MS / 1000);
        r->aborted = true;
        return;
    }
    finish_input(r, n);
    step_result *res = &r->results[index];
    if (!n->alive) {
        failf(r, s->lineno, "%s is not running any more (it ended with status %d)", s->node,
              WIFEXITED(n->status) ? WEXITSTATUS(n->status) : 128 + WTERMSIG(n->status));
        return;
    }
    res->sent = true;
    res->counter = n->counter;
    res->t_us = wall_us();
    char *input = norm_hosts_to_local(s->input, r->t.hosts, r->t.nhosts, r->host);
    if (n->pty) type_input(r, n, input);
    else write_all(n->in, input, strlen(input));
    free(input);
    n->counter = 0;
    n->current = (long)index;
    r->last_activity = now_ms();
}

/* ---- failures on cue ----
 *
 * `$ kill -9 NODE`, `$ kill -STOP NODE`, `$ kill -CONT NODE` signal the
 * node's process group (real iex's beam.smp too); `$ cut A B` and `$ heal
 * A B` ask, through the probe, each ciex node of the two to drop the
 * other's traffic or to carry it again (:ciex_dist.cut/1, src/dist/cut.c):
 * a BEAM node cannot be told, so between two BEAM nodes a link cannot be
 * cut.  Each runs when the cluster has settled, as an input would. */

/* Asks the ciex node n, through the probe, to cut (or heal) its link to
 * other; false when it does not answer :ok. */
static bool probe_cut(replay *r, node *n, node *other, bool cut)
{
    if (!r->has_probe) return false;
    probe_learn_cookies(r);
    char *input = NULL;
    if (asprintf(&input, ":erpc.call(:\"%s\", :ciex_dist, :%s, [:\"%s\"], 5000)\n", n->label, cut ? "cut" : "heal",
                 other->label) < 0)
        ciex_out_of_memory("text", 0, false);
    const char *out = probe_ask(r, input, INPUT_TIMEOUT_MS);
    free(input);
    return out && strncmp(out, ":ok", 3) == 0;
}

static void run_fault(replay *r, size_t index)
{
    const transcript_step *s = &r->t.steps[index];
    node *a = find_node(r, s->node), *b = s->node2 ? find_node(r, s->node2) : NULL;
    r->settle_line = s->lineno;
    wait_ready(r, NULL, INPUT_TIMEOUT_MS);
    r->results[index].sent = true;
    r->results[index].t_us = wall_us();
    if (!a || !a->alive || (s->node2 && (!b || !b->alive))) {
        failf(r, s->lineno, "`$ %s`: the node is not running", s->command);
        return;
    }
    switch (s->fault) {
    case FAULT_KILL:
        kill(-a->pid, SIGKILL);
        a->stopped = false;
        /* gone once its output closes: no more of its lines are waited for */
        for (long long deadline = now_ms() + STOP_TIMEOUT_MS; a->alive && now_ms() < deadline;)
            if (!pump(r, 50)) return;
        break;
    case FAULT_STOP:
        kill(-a->pid, SIGSTOP);
        a->stopped = true;
        break;
    case FAULT_CONTINUE:
        kill(-a->pid, SIGCONT);
        a->stopped = false;
        break;
    case FAULT_CUT:
    case FAULT_HEAL: {
        bool cut = s->fault == FAULT_CUT;
        if (a->beam && b->beam) {
            failf(r, s->lineno, "`$ %s`: both nodes are real iex; only a ciex node can drop a peer's traffic",
                  s->command);
            break;
        }
        bool ok = (a->beam || probe_cut(r, a, b, cut)) && (b->beam || probe_cut(r, b, a, cut));
        if (!ok) failf(r, s->lineno, "`$ %s`: the nodes could not be told (no probe, or no answer)", s->command);
        break;
    }
    }
    r->last_activity = now_ms();
}

/* Closes every node's input (a shell ends at the end of its input),
 * then ends what is left, and the EPMD. */
static void stop_all(replay *r)
{
    r->end_us = wall_us();
    if (r->has_probe && r->probe.in >= 0) close(r->probe.in), r->probe.in = -1;
    for (size_t i = 0; i < r->nnodes; i++)
        if (r->nodes[i].in >= 0) close(r->nodes[i].in), r->nodes[i].in = -1;
    long long deadline = now_ms() + STOP_TIMEOUT_MS;
    for (;;) {
        bool any = false;
        for (size_t i = 0; i < r->nnodes; i++) any |= r->nodes[i].alive;
        if (!any || now_ms() >= deadline || !pump(r, 50)) break;
    }
    for (size_t i = 0; i < r->nnodes; i++) {
        node *n = &r->nodes[i];
        kill(-n->pid, SIGKILL); /* its group: iex's beam.smp and helpers too */
        if (n->alive) node_ended(n);
    }
    if (r->probe.pid > 0) {
        kill(-r->probe.pid, SIGKILL);
        if (r->probe.alive) node_ended(&r->probe);
        r->probe.pid = 0;
    }
    if (r->epmd > 0) {
        kill(-r->epmd, SIGKILL);
        waitpid(r->epmd, NULL, 0);
        r->epmd = 0;
    }
}

/* ---- checking ---- */

static void describe_node(replay *r, const char *transcript_node, char *out, size_t len)
{
    node *n = find_node(r, transcript_node);
    snprintf(out, len, "%s (%s)", *transcript_node ? transcript_node : "unnamed node", n && n->beam ? "iex" : "ciex");
}

/* A unified-diff-like report of expected against actual lines: the
 * expected ones as the transcript has them, the actual ones with this
 * machine's host written as the transcript's. */
static char *diff_report(replay *r, const transcript_step *s, const char *who, const norm_line *exp, size_t ne,
                         const norm_line *act, size_t na, size_t first)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    int at = first < ne ? exp[first].lineno : ne ? exp[ne - 1].lineno + 1 : s->out_begin + 1;
    fprintf(f, "%s:%d: the output of %s differs\n", r->o->file, at, who);
    const char *input = s->input;
    for (const char *nl; (nl = strchr(input, '\n')); input = nl + 1)
        fprintf(f, "  %s(%s)%d> %.*s\n", input == s->input ? "iex" : "...", s->node, s->counter,
                (int)(nl - input), input);
    size_t context = first > 3 ? first - 3 : 0;
    fprintf(f, "  --- expected\n  +++ actual\n  @@ -%d,%zu +%zu,%zu @@\n", context < ne ? exp[context].lineno : at,
            ne - context, context + 1, na - context);
    for (size_t i = context; i < first; i++) fprintf(f, "   %s\n", r->t.lines[exp[i].lineno - 1]);
    for (size_t i = first; i < ne; i++) fprintf(f, "  -%s\n", r->t.lines[exp[i].lineno - 1]);
    for (size_t i = first; i < na; i++) {
        char *line = norm_local_to_hosts(act[i].text, r->host, r->node_names, r->nnode_names, r->t.hosts, r->t.nhosts);
        fprintf(f, "  +%s\n", line);
        free(line);
    }
    fclose(f);
    return text;
}

static void check_input(replay *r, size_t index)
{
    const transcript_step *s = &r->t.steps[index];
    step_result *res = &r->results[index];
    if (!res->sent) return;
    size_t failures_before = r->nfailures;
    char who[300];
    describe_node(r, s->node, who, sizeof who);
    if (res->counter != s->counter)
        failf(r, s->lineno, "%s: the node's prompt is iex(%s)%d>, not %d", who, s->node, res->counter, s->counter);
    if (s->nexpected == 0) {
        res->failed = r->nfailures != failures_before;
        return;
    }
    r->checked++;
    char **texts = xrealloc(NULL, s->nexpected * sizeof *texts);
    int *linenos = xrealloc(NULL, s->nexpected * sizeof *linenos);
    for (size_t i = 0; i < s->nexpected; i++) {
        texts[i] = norm_hosts_to_local(s->expected[i].text, r->t.hosts, r->t.nhosts, r->host);
        linenos[i] = s->expected[i].lineno;
    }
    norm_line *exp, *act;
    size_t ne = norm_expected_lines(texts, linenos, s->nexpected, &exp);
    size_t na = norm_output_lines(res->actual ? res->actual : "", res->len, &act);
    size_t first;
    node *n = find_node(r, s->node);
    if (!norm_match(&n->bindings, exp, ne, act, na, &first) && !norm_match_reordered(&n->bindings, exp, ne, act, na) &&
        !norm_match_rewrapped(&n->bindings, exp, ne, act, na)) {
        char *text = diff_report(r, s, who, exp, ne, act, na, first);
        add_failure(r, first < ne ? exp[first].lineno : s->lineno, text);
    }
    norm_lines_free(exp, ne);
    norm_lines_free(act, na);
    for (size_t i = 0; i < s->nexpected; i++) free(texts[i]);
    free(texts);
    free(linenos);
    res->failed = r->nfailures != failures_before;
}

static int by_line(const void *a, const void *b)
{
    const failure *x = a, *y = b;
    return (x->lineno > y->lineno) - (x->lineno < y->lineno);
}

/* ---- --update ---- */

/* A prompt line with its counter replaced. */
static void write_prompt_line(FILE *f, const char *line, int counter)
{
    const char *close = strchr(line, ')');
    const char *digits = close + 1, *after;
    if (*digits == '>') { /* iex(N)> */
        digits = line + 4;
        after = close;
    } else {
        after = digits;
        while (*after >= '0' && *after <= '9') after++;
    }
    fprintf(f, "%.*s%d%s\n", (int)(digits - line), line, counter, after);
}

/* The actual output of an input as transcript lines: prompts left out,
 * no blank lines around, this machine's host written as the transcript's. */
static void write_actual(replay *r, FILE *f, const step_result *res)
{
    if (!res->actual) return;
    char *text = ciex_xstrdup(res->actual, "shell");
    char **lines = NULL;
    size_t n = 0;
    for (char *p = text, *line; (line = strsep(&p, "\n"));) {
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r') line[l - 1] = '\0';
        lines = xrealloc(lines, (n + 1) * sizeof *lines);
        lines[n++] = (char *)norm_skip_prompts(line);
    }
    size_t begin = 0, end = n;
    while (begin < end && !*lines[begin]) begin++;
    while (end > begin && !*lines[end - 1]) end--;
    for (size_t i = begin; i < end; i++) {
        char *out = norm_local_to_hosts(lines[i], r->host, r->node_names, r->nnode_names, r->t.hosts, r->t.nhosts);
        fprintf(f, "%s\n", out);
        free(out);
    }
    free(lines);
    free(text);
}

static bool write_update(replay *r)
{
    char *path = NULL;
    if (asprintf(&path, "%s.replay-XXXXXX", r->o->file) < 0) ciex_out_of_memory("text", 0, false);
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        fprintf(stderr, "ciex --replay: cannot write %s: %s\n", path, strerror(errno));
        free(path);
        return false;
    }
    long *step_at_line = xrealloc(NULL, (r->t.nlines + 1) * sizeof *step_at_line);
    for (size_t i = 0; i <= r->t.nlines; i++) step_at_line[i] = -1;
    for (size_t k = 0; k < r->t.nsteps; k++)
        if (r->t.steps[k].kind == TRANSCRIPT_INPUT) step_at_line[r->t.steps[k].first_line] = (long)k;
    for (size_t i = 0; i < r->t.nlines; i++) {
        long k = step_at_line[i];
        if (k < 0) {
            bool last = i + 1 == r->t.nlines && !r->t.final_newline;
            fprintf(f, last ? "%s" : "%s\n", r->t.lines[i]);
            continue;
        }
        const transcript_step *s = &r->t.steps[k];
        const step_result *res = &r->results[k];
        for (int l = s->first_line; l <= s->last_line; l++) {
            if (res->sent && res->counter > 0) write_prompt_line(f, r->t.lines[l], res->counter);
            else fprintf(f, "%s\n", r->t.lines[l]);
        }
        if (res->sent) {
            write_actual(r, f, res);
        } else {
            for (int l = s->last_line + 1; l < s->out_end; l++) fprintf(f, "%s\n", r->t.lines[l]);
        }
        i = (size_t)(s->out_end > s->last_line + 1 ? s->out_end : s->last_line + 1) - 1;
    }
    free(step_at_line);
    bool ok = fclose(f) == 0 && rename(path, r->o->file) == 0;
    if (!ok) {
        fprintf(stderr, "ciex --replay: cannot write %s: %s\n", r->o->file, strerror(errno));
        unlink(path);
    }
    free(path);
    return ok;
}

/* ---- the run ---- */

static bool is_markdown(const char *file)
{
    const char *dot = strrchr(file, '.');
    return dot && (strcmp(dot, ".md") == 0 || strcmp(dot, ".markdown") == 0);
}

static void local_host(char *out, size_t n)
{
    if (gethostname(out, n) != 0) snprintf(out, n, "localhost");
    out[n - 1] = '\0';
    char *dot = strchr(out, '.');
    if (dot) *dot = '\0';
}

/* The transcript's node names (as prompts show them), for --update. */
static void collect_node_names(replay *r)
{
    for (size_t k = 0; k < r->t.nsteps; k++) {
        const char *node = r->t.steps[k].node;
        if (r->t.steps[k].kind != TRANSCRIPT_INPUT || !strchr(node, '@')) continue;
        bool seen = false;
        for (size_t i = 0; i < r->nnode_names && !seen; i++) seen = strcmp(r->node_names[i], node) == 0;
        if (seen) continue;
        r->node_names = xrealloc(r->node_names, (r->nnode_names + 1) * sizeof *r->node_names);
        r->node_names[r->nnode_names++] = (char *)node;
    }
}

static char *directory_of(const char *file)
{
    const char *slash = strrchr(file, '/');
    if (!slash) return ciex_xstrdup(".", "shell");
    if (slash == file) return ciex_xstrdup("/", "shell");
    return ciex_xstrndup(file, (size_t)(slash - file), "shell");
}

static void run_steps(replay *r)
{
    for (size_t k = 0; k < r->t.nsteps && !r->aborted && !interrupted; k++) {
        const transcript_step *s = &r->t.steps[k];
        if (s->kind == TRANSCRIPT_START) {
            if (!start_node(r, s)) r->aborted = true;
        } else if (s->kind == TRANSCRIPT_FAULT) {
            run_fault(r, k);
        } else {
            send_input(r, k);
        }
    }
    r->settle_line = (int)r->t.nlines;
    if (!r->aborted && !interrupted) wait_ready(r, NULL, INPUT_TIMEOUT_MS);
    for (size_t i = 0; i < r->nnodes; i++) finish_input(r, &r->nodes[i]);
}

static void free_replay(replay *r)
{
    for (size_t i = 0; i < r->nnodes; i++) {
        free(r->nodes[i].label);
        free(r->nodes[i].output);
        free(r->nodes[i].echo);
        if (r->nodes[i].trace && !getenv("CIEX_KEEP_TRACES")) unlink(r->nodes[i].trace);
        free(r->nodes[i].trace);
        norm_bindings_free(&r->nodes[i].bindings);
    }
    free(r->nodes);
    free(r->probe.label);
    free(r->probe.output);
    for (size_t k = 0; k < r->t.nsteps && r->results; k++) free(r->results[k].actual);
    free(r->results);
    for (size_t i = 0; i < r->nfailures; i++) free(r->failures[i].text);
    free(r->failures);
    free(r->node_names);
    free(r->dir);
    if (r->trace_dir) rmdir(r->trace_dir);
    free(r->trace_dir);
    transcript_free(&r->t);
}

static int report(replay *r, FILE *out)
{
    for (size_t k = 0; k < r->t.nsteps; k++)
        if (r->t.steps[k].kind == TRANSCRIPT_INPUT) check_input(r, k);
    if (r->nfailures) qsort(r->failures, r->nfailures, sizeof *r->failures, by_line);
    for (size_t i = 0; i < r->nfailures; i++) {
        const char *text = r->failures[i].text;
        /* diff reports carry their own file:line */
        if (strncmp(text, r->o->file, strlen(r->o->file)) == 0) fprintf(out, "%s\n", text);
        else fprintf(out, "%s:%d: %s\n", r->o->file, r->failures[i].lineno, text);
    }
    if (r->nfailures == 0 && !r->aborted) {
        fprintf(out, "%s: %zu outputs checked, all hold\n", r->o->file, r->checked);
        return 0;
    }
    fprintf(out, "%s: %zu problem%s (%zu outputs checked)\n", r->o->file, r->nfailures, r->nfailures == 1 ? "" : "s",
            r->checked);
    return 1;
}

/* Parses the transcript and runs it once into r (free_replay it after);
 * -1 when it ran, else the exit status (2: malformed, 1: no EPMD, 130:
 * interrupted). */
static int replay_once(const replay_options *o, replay *r)
{
    memset(r, 0, sizeof *r);
    r->o = o;
    size_t len;
    char *text = shell_read_file(o->file, &len);
    if (!text) {
        fprintf(stderr, "ciex --replay: cannot read %s: %s\n", o->file, strerror(errno));
        return 2;
    }
    char err[512];
    int errline = 0;
    bool parsed = transcript_parse(text, len, is_markdown(o->file), &r->t, err, sizeof err, &errline);
    free(text);
    if (!parsed) {
        fprintf(stderr, "%s:%d: %s\n", o->file, errline, err);
        return 2;
    }
    r->dir = directory_of(o->file);
    /* every host of the transcript is this machine: its short name, or for
     * long names (--name) an address every node can reach it by */
    if (r->t.long_names) snprintf(r->host, sizeof r->host, "127.0.0.1");
    else local_host(r->host, sizeof r->host);
    collect_node_names(r);
    if (o->html) {
        char tmpl[] = "/tmp/ciex-replay-trace-XXXXXX";
        if (!mkdtemp(tmpl)) {
            fprintf(stderr, "ciex --replay: cannot make a directory for the nodes' traces: %s\n", strerror(errno));
            return 1;
        }
        r->trace_dir = ciex_xstrdup(tmpl, "shell");
    }
    r->results = xrealloc(NULL, (r->t.nsteps + 1) * sizeof *r->results);
    memset(r->results, 0, (r->t.nsteps + 1) * sizeof *r->results);
    int status = -1;
    if (!start_epmd(r)) {
        status = 1;
    } else {
        start_probe(r);
        run_steps(r);
        stop_all(r);
        if (interrupted) {
            fprintf(stderr, "ciex --replay: interrupted\n");
            status = 130;
        }
    }
    if (r->epmd > 0) kill(-r->epmd, SIGKILL), waitpid(r->epmd, NULL, 0), r->epmd = 0;
    return status;
}

/* --runs N: does input k print the same in run `run` as in the first,
 * up to what the comparison forgives?  bindings: one per node of the
 * first run, for this run. */
static bool same_as_first(replay *first, replay *other, size_t k, norm_bindings *bindings)
{
    const step_result *a = &first->results[k], *b = &other->results[k];
    if (!a->sent || !b->sent) return a->sent == b->sent;
    norm_line *la, *lb;
    size_t na = norm_output_lines(a->actual ? a->actual : "", a->len, &la);
    size_t nb = norm_output_lines(b->actual ? b->actual : "", b->len, &lb);
    node *n = find_node(first, first->t.steps[k].node);
    norm_bindings *nb_bind = &bindings[n ? n - first->nodes : 0];
    size_t unused;
    bool same = norm_match(nb_bind, la, na, lb, nb, &unused) || norm_match_reordered(nb_bind, la, na, lb, nb) ||
                norm_match_rewrapped(nb_bind, la, na, lb, nb);
    norm_lines_free(la, na);
    norm_lines_free(lb, nb);
    return same;
}

static void print_output(const char *text)
{
    norm_line *lines;
    size_t n = norm_output_lines(text ? text : "", text ? strlen(text) : 0, &lines);
    if (n == 0) printf("    (nothing)\n");
    for (size_t i = 0; i < n; i++) printf("    %s\n", lines[i].text);
    norm_lines_free(lines, n);
}

/* --runs N: the transcript replayed N times; each run's problems, then
 * the inputs whose output was not the same in every run: the lesson
 * depends there on timing that no settling fixes. */
static bool write_page(replay *r);

static int replay_runs(const replay_options *o)
{
    int runs = o->runs;
    replay *rs = xrealloc(NULL, (size_t)runs * sizeof *rs);
    int held = 0, done = 0, status = 0;
    for (; done < runs && !interrupted; done++) {
        int early = replay_once(o, &rs[done]);
        if (early >= 0) {
            free_replay(&rs[done]);
            status = early;
            break;
        }
        char *text = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&text, &size);
        int st = report(&rs[done], f);
        fclose(f);
        held += st == 0;
        if (st) printf("run %d of %d:\n%s", done + 1, runs, text);
        free(text);
    }
    size_t timing = 0;
    if (done == runs) {
        replay *first = &rs[0];
        for (size_t k = 0; k < first->t.nsteps; k++) {
            if (first->t.steps[k].kind != TRANSCRIPT_INPUT) continue;
            int differ = 0, example = -1;
            for (int i = 1; i < runs; i++) {
                norm_bindings *bindings = xrealloc(NULL, (first->nnodes + 1) * sizeof *bindings);
                memset(bindings, 0, (first->nnodes + 1) * sizeof *bindings);
                /* the bindings of the inputs before this one, so placeholders stay one to one */
                bool same = true;
                for (size_t j = 0; j <= k; j++)
                    if (first->t.steps[j].kind == TRANSCRIPT_INPUT) {
                        bool s_ = same_as_first(first, &rs[i], j, bindings);
                        if (j == k) same = s_;
                    }
                for (size_t b = 0; b <= first->nnodes; b++) norm_bindings_free(&bindings[b]);
                free(bindings);
                if (!same) {
                    differ++;
                    if (example < 0) example = i;
                }
            }
            if (!differ) continue;
            timing++;
            const transcript_step *s = &first->t.steps[k];
            char who[300];
            describe_node(first, s->node, who, sizeof who);
            printf("%s:%d: the output of %s is not the same from run to run: %d of %d runs printed something "
                   "else than the first\n  iex(%s)%d> %.*s\n  run 1 printed:\n",
                   o->file, s->lineno, who, differ, runs, s->node, s->counter, (int)strcspn(s->input, "\n"), s->input);
            print_output(first->results[k].actual);
            printf("  run %d printed:\n", example + 1);
            print_output(rs[example].results[k].actual);
        }
        printf("%s: %d runs, %d held; %zu input%s whose output varies from run to run\n", o->file, runs, held, timing,
               timing == 1 ? "" : "s");
        if (o->html && !write_page(first)) timing++; /* the first run's page */
        status = held == runs && timing == 0 ? 0 : 1;
    } else if (!status) {
        status = 130;
    }
    for (int i = 0; i < done; i++) free_replay(&rs[i]);
    free(rs);
    return status;
}

/* --html: the lesson's page, drawn from the run in r (after report). */
static bool write_page(replay *r)
{
    page_node *nodes = xrealloc(NULL, (r->nnodes + 1) * sizeof *nodes);
    char **shown = xrealloc(NULL, (r->nnodes + 1) * sizeof *shown);
    for (size_t i = 0; i < r->nnodes; i++) {
        node *n = &r->nodes[i];
        shown[i] = norm_local_to_hosts(n->label, r->host, r->node_names, r->nnode_names, r->t.hosts, r->t.nhosts);
        nodes[i] = (page_node){n->label, shown[i], n->beam, n->trace};
    }
    page_step *steps = xrealloc(NULL, (r->t.nsteps + 1) * sizeof *steps);
    for (size_t k = 0; k < r->t.nsteps; k++) {
        const step_result *res = &r->results[k];
        char *text = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&text, &size);
        if (r->t.steps[k].kind == TRANSCRIPT_INPUT) write_actual(r, f, res);
        fclose(f);
        steps[k] = (page_step){res->sent, res->failed, res->t_us, text};
    }
    page_lesson l = {
        .file = r->o->file, .markdown = is_markdown(r->o->file), .t = &r->t, .steps = steps, .nodes = nodes,
        .nnodes = r->nnodes, .end_us = r->end_us, .probe = r->has_probe || r->probe.label ? r->probe.label : NULL,
        .global_detail = r->o->html_global, .local_host = r->host, .node_names = r->node_names,
        .nnode_names = r->nnode_names,
    };
    bool ok = page_write(&l, r->o->html);
    for (size_t k = 0; k < r->t.nsteps; k++) free(steps[k].output);
    for (size_t i = 0; i < r->nnodes; i++) free(shown[i]);
    free(steps);
    free(shown);
    free(nodes);
    return ok;
}

int replay_run(const replay_options *o)
{
    struct sigaction sa = {.sa_handler = on_signal}, ign = {.sa_handler = SIG_IGN};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGPIPE, &ign, NULL);
    if (o->runs > 1 && !o->update) return replay_runs(o);
    replay r;
    int status = replay_once(o, &r);
    if (status < 0) {
        if (o->update) {
            status = write_update(&r) && !r.aborted ? 0 : 1;
            if (r.aborted) report(&r, stdout);
            else printf("%s: updated\n", o->file);
        } else {
            status = report(&r, stdout);
        }
        if (o->html && !write_page(&r) && status == 0) status = 1;
    }
    free_replay(&r);
    return status;
}
