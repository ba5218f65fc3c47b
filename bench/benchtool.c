/* benchtool.c - the measuring half of the benchmark suite (bench/run.sh).
 *
 *   benchtool run [-p PROMPT] [-t SECONDS] -- COMMAND ARGS...
 *       Runs COMMAND with its output through a pipe and copies that output
 *       to stdout.  A line "@rss LABEL" from the command is answered by the
 *       line "rss_LABEL kb=VmRSS hwm_kb=VmHWM" read from its
 *       /proc/PID/status at that moment (the command keeps the state still
 *       for a moment after asking).  With -p, the command's stdin is a pipe
 *       that is closed as soon as PROMPT appears in its output (a shell
 *       then sees end of input and exits); without, stdin is /dev/null.
 *       At the end: "runner wall_ms=W ready_ms=R maxrss_kb=M status=S",
 *       wall time from fork to exit, from fork to PROMPT, and the peak
 *       resident size.  After -t SECONDS (default 600) the command's
 *       process group is killed and benchtool exits 124.
 *
 *   benchtool tcp ROUNDS [BYTES]
 *       A raw TCP ping-pong on loopback between two processes (TCP_NODELAY,
 *       BYTES each way, default 100): "tcp_rtt us=MICROSECONDS rounds=N"
 *       per round trip, after 1,000 untimed ones.
 *
 * Plain POSIX and Linux /proc: no dependency beyond the C library. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void die(const char *what)
{
    fprintf(stderr, "benchtool: %s: %s\n", what, strerror(errno));
    exit(2);
}

/* the "Key:   N kB" value of /proc/PID/status, -1 when unreadable */
static long status_kb(pid_t pid, const char *key)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    long v = -1;
    size_t n = strlen(key);
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, key, n) && line[n] == ':') {
            v = strtol(line + n + 1, NULL, 10);
            break;
        }
    fclose(f);
    return v;
}

/* copies one complete output line to stdout, answering "@rss LABEL" */
static void on_line(pid_t pid, const char *line, size_t len)
{
    if (len > 5 && !strncmp(line, "@rss ", 5)) {
        printf("rss_%.*s kb=%ld hwm_kb=%ld\n", (int)(len - 5), line + 5, status_kb(pid, "VmRSS"),
               status_kb(pid, "VmHWM"));
    } else {
        fwrite(line, 1, len, stdout);
        fputc('\n', stdout);
    }
    fflush(stdout);
}

static volatile pid_t child;

/* benchtool killed: so is the command, with everything it started */
static void on_signal(int sig)
{
    if (child > 0) kill(-child, SIGKILL);
    _exit(128 + sig);
}

static int run(int argc, char **argv)
{
    const char *prompt = NULL;
    double timeout_s = 600;
    int i = 0;
    for (; i < argc && strcmp(argv[i], "--"); i++) {
        if (!strcmp(argv[i], "-p") && i + 1 < argc) prompt = argv[++i];
        else if (!strcmp(argv[i], "-t") && i + 1 < argc) timeout_s = atof(argv[++i]);
        else {
            fprintf(stderr, "benchtool run: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (i + 1 >= argc) {
        fprintf(stderr, "usage: benchtool run [-p PROMPT] [-t SECONDS] -- COMMAND ARGS...\n");
        return 2;
    }
    char **cmd = argv + i + 1;
    int out[2], in[2] = {-1, -1};
    if (pipe(out) || (prompt && pipe(in))) die("pipe");
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
        setpgid(0, 0);
        int nul = open("/dev/null", O_RDONLY);
        dup2(prompt ? in[0] : nul, 0);
        dup2(out[1], 1);
        close(out[0]);
        close(out[1]);
        if (prompt) {
            close(in[0]);
            close(in[1]);
        }
        execvp(cmd[0], cmd);
        fprintf(stderr, "benchtool: %s: %s\n", cmd[0], strerror(errno));
        _exit(127);
    }
    setpgid(pid, pid);
    child = pid;
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    signal(SIGHUP, on_signal);
    close(out[1]);
    if (prompt) close(in[0]);
    signal(SIGPIPE, SIG_IGN);

    char buf[65536];
    size_t have = 0, plen = prompt ? strlen(prompt) : 0;
    double ready = -1;
    bool timed_out = false;
    for (;;) {
        double left = timeout_s * 1e3 - (now_ms() - t0);
        if (left <= 0) {
            timed_out = true;
            kill(-pid, SIGKILL);
            break;
        }
        struct pollfd pfd = {.fd = out[0], .events = POLLIN};
        int k = poll(&pfd, 1, left > 1000 ? 1000 : (int)left + 1);
        if (k < 0 && errno != EINTR) die("poll");
        if (k <= 0) continue;
        ssize_t n = read(out[0], buf + have, sizeof buf - have - 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        size_t from = have > plen ? have - plen : 0;
        have += (size_t)n;
        buf[have] = 0;
        if (prompt && ready < 0 && memmem(buf + from, have - from, prompt, plen)) {
            ready = now_ms() - t0;
            close(in[1]);
        }
        size_t start = 0;
        for (size_t j = 0; j < have; j++)
            if (buf[j] == '\n') {
                on_line(pid, buf + start, j - start);
                start = j + 1;
            }
        if (start == 0 && have == sizeof buf - 1) start = have; /* an overlong line: drop it */
        memmove(buf, buf + start, have - start);
        have -= start;
    }
    if (have) on_line(pid, buf, have);
    int status = 0;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0)
        if (errno != EINTR) die("wait4");
    double wall = now_ms() - t0;
    if (prompt && ready < 0) close(in[1]);
    int code = timed_out ? 124 : WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    printf("runner wall_ms=%.3f ready_ms=%.3f maxrss_kb=%ld status=%d\n", wall, ready, ru.ru_maxrss, code);
    if (timed_out) fprintf(stderr, "benchtool: %s timed out after %g s\n", cmd[0], timeout_s);
    return code;
}

static void full_io(int fd, char *p, size_t n, bool writing)
{
    while (n) {
        ssize_t k = writing ? write(fd, p, n) : read(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            if (k == 0) errno = EPIPE;
            die(writing ? "write" : "read");
        }
        p += k;
        n -= (size_t)k;
    }
}

static int tcp(int argc, char **argv)
{
    if (argc < 1) {
        fprintf(stderr, "usage: benchtool tcp ROUNDS [BYTES]\n");
        return 2;
    }
    long rounds = atol(argv[0]), bytes = argc > 1 ? atol(argv[1]) : 100;
    if (rounds < 1 || bytes < 1 || bytes > 65536) {
        fprintf(stderr, "benchtool tcp: bad ROUNDS or BYTES\n");
        return 2;
    }
    int ls = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t alen = sizeof a;
    if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof a) || listen(ls, 1) ||
        getsockname(ls, (struct sockaddr *)&a, &alen))
        die("listen");
    char *msg = calloc(1, (size_t)bytes);
    long total = rounds + 1000;
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) { /* the echoing side */
        int s = socket(AF_INET, SOCK_STREAM, 0);
        if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof a)) die("connect");
        setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        for (long r = 0; r < total; r++) {
            full_io(s, msg, (size_t)bytes, false);
            full_io(s, msg, (size_t)bytes, true);
        }
        _exit(0);
    }
    int s = accept(ls, NULL, NULL);
    if (s < 0) die("accept");
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    double t0 = 0;
    for (long r = 0; r < total; r++) {
        if (r == 1000) t0 = now_ms();
        full_io(s, msg, (size_t)bytes, true);
        full_io(s, msg, (size_t)bytes, false);
    }
    double us = (now_ms() - t0) * 1e3 / (double)rounds;
    waitpid(pid, NULL, 0);
    printf("tcp_rtt us=%.2f rounds=%ld bytes=%ld\n", us, rounds, bytes);
    free(msg);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "run")) return run(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "tcp")) return tcp(argc - 2, argv + 2);
    fprintf(stderr, "usage: benchtool run [-p PROMPT] [-t SECONDS] -- COMMAND ARGS...\n"
                    "       benchtool tcp ROUNDS [BYTES]\n");
    return 2;
}
