/* epmd.c - the Erlang Port Mapper: client requests and a daemon.
 *
 * A distributed node registers its name and listening port with the EPMD
 * of its host (ALIVE2_REQ) and keeps that connection open for its whole
 * life: when it closes, the name is gone.  To reach another node one asks
 * that host's EPMD for the port (PORT_PLEASE2_REQ).  NAMES_REQ lists the
 * registrations.
 *
 * When no EPMD answers, ciex starts its own (`ciex --epmd`, detached), as
 * `erl` does with `epmd -daemon`; real Erlang nodes can register with it.
 * Requests come as a 2-byte length and the request; everything read from a
 * client is length-checked. */
#define _GNU_SOURCE /* accept4 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ciex/dist.h"
#include "dist_internal.h"

#define ALIVE2_REQ 120
#define ALIVE2_X_RESP 118
#define ALIVE2_RESP 121
#define PORT_PLEASE2_REQ 122
#define PORT2_RESP 119
#define NAMES_REQ 110
#define KILL_REQ 107

int dist_epmd_port(void)
{
    const char *s = getenv("ERL_EPMD_PORT");
    int port = s ? atoi(s) : 0;
    return port > 0 && port < 65536 ? port : DIST_EPMD_DEFAULT_PORT;
}

/* ---- blocking I/O with a deadline, for the short EPMD exchanges ---- */

static bool wait_fd(int fd, short events, int64_t deadline)
{
    for (;;) {
        int64_t left = deadline - dist_now_ms();
        if (left <= 0) return false;
        struct pollfd p = {fd, events, 0};
        int rc = poll(&p, 1, (int)left);
        if (rc > 0) return true;
        if (rc < 0 && errno != EINTR) return false;
    }
}

bool dist_write_all(int fd, const void *buf, size_t n, int64_t deadline)
{
    const uint8_t *p = buf;
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k > 0) {
            p += k;
            n -= (size_t)k;
        } else if (k < 0 && (errno == EAGAIN || errno == EINTR)) {
            if (!wait_fd(fd, POLLOUT, deadline)) return false;
        } else {
            return false;
        }
    }
    return true;
}

/* Reads exactly n bytes (false on EOF, error or timeout). */
bool dist_read_all(int fd, void *buf, size_t n, int64_t deadline)
{
    uint8_t *p = buf;
    while (n) {
        ssize_t k = read(fd, p, n);
        if (k > 0) {
            p += k;
            n -= (size_t)k;
        } else if (k < 0 && (errno == EAGAIN || errno == EINTR)) {
            if (!wait_fd(fd, POLLIN, deadline)) return false;
        } else {
            return false;
        }
    }
    return true;
}

/* Connects to host:port (non-blocking socket, connected before return). */
int dist_tcp_connect(const char *host, int port, int64_t deadline)
{
    struct addrinfo hints = {0}, *res;
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    char portstr[16];
    snprintf(portstr, sizeof portstr, "%d", port);
    if (getaddrinfo(host, portstr, &hints, &res) != 0) return -1;
    int fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        freeaddrinfo(res);
        return -1;
    }
    int rc = connect(fd, res->ai_addr, res->ai_addrlen);
    freeaddrinfo(res);
    if (rc < 0 && errno != EINPROGRESS) {
        close(fd);
        return -1;
    }
    if (rc < 0) {
        int err = 0;
        socklen_t len = sizeof err;
        if (!wait_fd(fd, POLLOUT, deadline) || getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err) {
            close(fd);
            return -1;
        }
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

/* ---- client ---- */

static void put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v & 0xFFFF); }
static unsigned get16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }

int epmd_register(int epmd_port, const char *alive, int listen_port, bool hidden, uint32_t *creation)
{
    int64_t deadline = dist_now_ms() + 3000;
    int fd = dist_tcp_connect("127.0.0.1", epmd_port, deadline);
    if (fd < 0) return -1;
    size_t nlen = strlen(alive);
    uint8_t req[2 + 13 + 512];
    if (nlen > 255) {
        close(fd);
        return -1;
    }
    uint8_t *p = req + 2;
    *p++ = ALIVE2_REQ;
    put16(p, (unsigned)listen_port), p += 2;
    *p++ = hidden ? 72 : 77; /* hidden / normal node */
    *p++ = 0;                /* TCP/IPv4 */
    put16(p, 6), p += 2;     /* highest version */
    put16(p, 5), p += 2;     /* lowest version */
    put16(p, (unsigned)nlen), p += 2;
    memcpy(p, alive, nlen), p += nlen;
    put16(p, 0), p += 2; /* no extra */
    put16(req, (unsigned)(p - req - 2));
    uint8_t resp[6];
    if (!dist_write_all(fd, req, (size_t)(p - req), deadline) || !dist_read_all(fd, resp, 2, deadline)) {
        close(fd);
        return -1;
    }
    if (resp[0] == ALIVE2_X_RESP && resp[1] == 0 && dist_read_all(fd, resp + 2, 4, deadline)) {
        *creation = (uint32_t)resp[2] << 24 | (uint32_t)resp[3] << 16 | (uint32_t)resp[4] << 8 | resp[5];
        return fd; /* kept open: closing it unregisters */
    }
    if (resp[0] == ALIVE2_RESP && resp[1] == 0 && dist_read_all(fd, resp + 2, 2, deadline)) {
        *creation = get16(resp + 2);
        return fd;
    }
    close(fd);
    return -2; /* the name is taken */
}

int epmd_port_please(const char *host, int epmd_port, const char *alive, int64_t deadline)
{
    int fd = dist_tcp_connect(host, epmd_port, deadline);
    if (fd < 0) return -1;
    size_t nlen = strlen(alive);
    uint8_t req[3 + 256];
    if (nlen > 255) {
        close(fd);
        return -1;
    }
    put16(req, (unsigned)(nlen + 1));
    req[2] = PORT_PLEASE2_REQ;
    memcpy(req + 3, alive, nlen);
    uint8_t resp[4];
    int port = -1;
    if (dist_write_all(fd, req, nlen + 3, deadline) && dist_read_all(fd, resp, 2, deadline) && resp[0] == PORT2_RESP &&
        resp[1] == 0 && dist_read_all(fd, resp + 2, 2, deadline))
        port = (int)get16(resp + 2);
    close(fd);
    return port;
}

/* NAMES_REQ: the EPMD port followed by "name N at port P\n" lines. */
char *epmd_names(const char *host, int epmd_port)
{
    int64_t deadline = dist_now_ms() + 3000;
    int fd = dist_tcp_connect(host, epmd_port, deadline);
    if (fd < 0) return NULL;
    uint8_t req[3] = {0, 1, NAMES_REQ};
    uint8_t hdr[4];
    if (!dist_write_all(fd, req, 3, deadline) || !dist_read_all(fd, hdr, 4, deadline)) {
        close(fd);
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *out = malloc(cap + 1);
    for (;;) {
        if (n == cap) out = realloc(out, (cap *= 2) + 1);
        if (!wait_fd(fd, POLLIN, deadline)) break;
        ssize_t k = read(fd, out + n, cap - n);
        if (k <= 0) break;
        n += (size_t)k;
    }
    out[n] = '\0';
    close(fd);
    return out;
}

/* ---- the daemon ---- */

typedef struct epmd_node {
    int fd; /* the registration connection */
    char name[256];
    int port;
    uint8_t type, protocol;
    uint16_t high, low;
} epmd_node;

typedef struct epmd_client {
    int fd;
    uint8_t buf[600];
    size_t len;
} epmd_client;

#define EPMD_MAX 1024

/* Answers an ALIVE2_REQ as OTP's epmd does: a node whose highest version
 * is above 5 gets ALIVE2_X_RESP with a 4-byte creation, an older one
 * ALIVE2_RESP with a 2-byte creation in 1..3.  A refusal has result 1 and
 * creation 99, in the same layout, which is what makes erl say that the
 * name "seems to be in use by another Erlang node". */
static void alive2_respond(int fd, unsigned highest_version, bool taken, uint32_t *creation_counter,
                           int64_t deadline)
{
    uint32_t cr = 99;
    if (!taken) cr = ++*creation_counter;
    uint8_t resp[6] = {ALIVE2_X_RESP, taken, 0, 0, 0, 0};
    if (highest_version > 5) {
        put32(resp + 2, cr);
        dist_write_all(fd, resp, 6, deadline);
    } else {
        resp[0] = ALIVE2_RESP;
        put16(resp + 2, taken ? cr : cr % 3 + 1);
        dist_write_all(fd, resp, 4, deadline);
    }
}

static bool from_loopback(int fd)
{
    struct sockaddr_in a;
    socklen_t n = sizeof a;
    return getpeername(fd, (struct sockaddr *)&a, &n) == 0 && a.sin_family == AF_INET &&
           (ntohl(a.sin_addr.s_addr) >> 24) == 127;
}

/* Answers a complete request; returns true when the daemon is to stop
 * (KILL_REQ, as epmd: from this host, and only while no node is
 * registered). */
static bool epmd_answer(epmd_client *c, epmd_node *nodes, int *nnodes, uint32_t *creation_counter, int port)
{
    size_t need = c->len >= 2 ? 2 + get16(c->buf) : SIZE_MAX;
    if (c->len < need) return false;
    uint8_t *req = c->buf + 2;
    size_t rlen = need - 2;
    int64_t deadline = dist_now_ms() + 1000;
    if (rlen >= 13 && req[0] == ALIVE2_REQ) {
        /* 120, port(2), type, protocol, high(2), low(2), nlen(2), name, elen(2), extra */
        unsigned nlen = get16(req + 9);
        if (11 + nlen + 2 > rlen || nlen == 0 || nlen > 255) goto bad;
        char name[256];
        memcpy(name, req + 11, nlen);
        name[nlen] = '\0';
        bool taken = *nnodes >= EPMD_MAX;
        for (int i = 0; i < *nnodes; i++)
            if (strcmp(nodes[i].name, name) == 0) taken = true;
        alive2_respond(c->fd, get16(req + 5), taken, creation_counter, deadline);
        if (taken) goto bad;
        epmd_node *n = &nodes[(*nnodes)++];
        n->fd = c->fd;
        snprintf(n->name, sizeof n->name, "%s", name);
        n->port = (int)get16(req + 1);
        n->type = req[3];
        n->protocol = req[4];
        n->high = (uint16_t)get16(req + 5);
        n->low = (uint16_t)get16(req + 7);
        c->fd = -1; /* now owned by the registration */
        c->len = 0;
        return false;
    }
    if (rlen == 1 && req[0] == KILL_REQ && from_loopback(c->fd)) {
        bool stop = *nnodes == 0;
        dist_write_all(c->fd, stop ? "OK" : "NO", 2, deadline);
        close(c->fd);
        c->fd = -1;
        c->len = 0;
        return stop;
    }
    if (rlen >= 1 && req[0] == PORT_PLEASE2_REQ) {
        char name[256];
        size_t nlen = rlen - 1 > 255 ? 255 : rlen - 1;
        memcpy(name, req + 1, nlen);
        name[nlen] = '\0';
        uint8_t resp[16 + 256];
        size_t k = 0;
        resp[k++] = PORT2_RESP;
        epmd_node *found = NULL;
        for (int i = 0; i < *nnodes; i++)
            if (strcmp(nodes[i].name, name) == 0) found = &nodes[i];
        if (!found) {
            resp[k++] = 1;
        } else {
            size_t fl = strlen(found->name);
            resp[k++] = 0;
            put16(resp + k, (unsigned)found->port), k += 2;
            resp[k++] = found->type;
            resp[k++] = found->protocol;
            put16(resp + k, found->high), k += 2;
            put16(resp + k, found->low), k += 2;
            put16(resp + k, (unsigned)fl), k += 2;
            memcpy(resp + k, found->name, fl), k += fl;
            put16(resp + k, 0), k += 2;
        }
        dist_write_all(c->fd, resp, k, deadline);
        goto bad; /* answered: close */
    }
    if (rlen >= 1 && req[0] == NAMES_REQ) {
        uint8_t hdr[4] = {(uint8_t)(port >> 24), (uint8_t)(port >> 16), (uint8_t)(port >> 8), (uint8_t)port};
        dist_write_all(c->fd, hdr, 4, deadline);
        for (int i = 0; i < *nnodes; i++) {
            char line[320];
            int n = snprintf(line, sizeof line, "name %s at port %d\n", nodes[i].name, nodes[i].port);
            dist_write_all(c->fd, line, (size_t)n, deadline);
        }
    }
bad:
    close(c->fd);
    c->fd = -1;
    c->len = 0;
    return false;
}

static int epmd_listen(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 64) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static int epmd_serve(int lfd, int port)
{
    static epmd_node nodes[EPMD_MAX];
    static epmd_client clients[64];
    int nnodes = 0;
    uint32_t creation = (uint32_t)time(NULL);
    for (int i = 0; i < 64; i++) clients[i].fd = -1;
    signal(SIGPIPE, SIG_IGN);
    for (;;) {
        struct pollfd fds[1 + 64 + EPMD_MAX];
        int n = 0;
        fds[n++] = (struct pollfd){lfd, POLLIN, 0};
        for (int i = 0; i < 64; i++)
            if (clients[i].fd >= 0) fds[n++] = (struct pollfd){clients[i].fd, POLLIN, 0};
        for (int i = 0; i < nnodes; i++) fds[n++] = (struct pollfd){nodes[i].fd, POLLIN, 0};
        if (poll(fds, (nfds_t)n, -1) < 0 && errno != EINTR) return 1;
        if (fds[0].revents & POLLIN) {
            int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
            int slot = -1;
            for (int i = 0; i < 64 && c >= 0; i++)
                if (clients[i].fd < 0) slot = i;
            if (slot >= 0) clients[slot] = (epmd_client){c, {0}, 0};
            else if (c >= 0) close(c);
        }
        for (int k = 1; k < n; k++) {
            if (!fds[k].revents) continue;
            int fd = fds[k].fd;
            bool was_client = false;
            for (int i = 0; i < 64; i++) {
                epmd_client *c = &clients[i];
                if (c->fd != fd) continue;
                was_client = true;
                ssize_t r = read(fd, c->buf + c->len, sizeof c->buf - c->len);
                if (r <= 0) {
                    close(fd);
                    c->fd = -1;
                    break;
                }
                c->len += (size_t)r;
                if (epmd_answer(c, nodes, &nnodes, &creation, port)) {
                    close(lfd);
                    return 0;
                }
                if (c->fd >= 0 && c->len == sizeof c->buf) { /* a request longer than any valid one */
                    close(c->fd);
                    c->fd = -1;
                }
                break;
            }
            /* a client that just registered is now a node: nothing to read yet */
            for (int i = 0; i < nnodes && !was_client; i++) {
                if (nodes[i].fd != fd) continue;
                uint8_t junk[64];
                if (read(fd, junk, sizeof junk) <= 0) { /* the node is gone: unregister */
                    close(fd);
                    nodes[i] = nodes[--nnodes];
                }
                break;
            }
        }
    }
}

/* The listening socket a node that started this daemon handed over
 * (CIEX_EPMD_FD), or -1. */
static int inherited_listener(int port)
{
    const char *v = getenv("CIEX_EPMD_FD");
    if (!v) return -1;
    int fd = atoi(v);
    unsetenv("CIEX_EPMD_FD");
    struct sockaddr_in a;
    socklen_t n = sizeof a;
    int listening = 0;
    socklen_t ln = sizeof listening;
    if (fd < 3 || getsockname(fd, (struct sockaddr *)&a, &n) != 0 || a.sin_family != AF_INET ||
        ntohs(a.sin_port) != port || getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &ln) != 0 || !listening)
        return -1;
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    return fd;
}

int dist_epmd_main(int port, bool foreground)
{
    int lfd = inherited_listener(port);
    if (lfd < 0) lfd = epmd_listen(port);
    if (lfd < 0) {
        fprintf(stderr, "ciex --epmd: cannot listen on port %d: %s\n", port, strerror(errno));
        return 1;
    }
    if (!foreground) {
        pid_t pid = fork();
        if (pid < 0) return 1;
        if (pid > 0) return 0;
        setsid();
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, 0);
            dup2(null, 1);
            dup2(null, 2);
            if (null > 2) close(null);
        }
    }
    return epmd_serve(lfd, port);
}

/* Starts a detached EPMD on port, as erl does when none answers.  The
 * port is taken here first, so that a second node starting at the same
 * moment sees it busy; the daemon, exec'd as `PROGRAM --epmd-foreground
 * -port N` (an EPMD in ps, not a copy of the node's command line with its
 * cookie), inherits the listening socket (CIEX_EPMD_FD), so there is no
 * moment when nothing listens and a node's registration is refused. */
bool epmd_spawn_daemon(int port, const char *program)
{
    int lfd = epmd_listen(port);
    if (lfd < 0) return false;
    pid_t pid = fork();
    if (pid < 0) {
        close(lfd);
        return false;
    }
    if (pid == 0) {
        /* the grandchild serves, detached from the node's session */
        if (fork() != 0) _exit(0);
        setsid();
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, 0);
            dup2(null, 1);
            dup2(null, 2);
            if (null > 2) close(null);
        }
        for (int fd = 3; fd < 1024; fd++)
            if (fd != lfd) close(fd);
        if (program) {
            char port_text[16], fd_text[16];
            snprintf(port_text, sizeof port_text, "%d", port);
            snprintf(fd_text, sizeof fd_text, "%d", lfd);
            char *argv[] = {"ciex", "--epmd-foreground", "-port", port_text, NULL};
            fcntl(lfd, F_SETFD, 0); /* handed over across exec */
            setenv("CIEX_EPMD_FD", fd_text, 1);
            execv(program, argv);
            fcntl(lfd, F_SETFD, FD_CLOEXEC);
        }
        _exit(epmd_serve(lfd, port)); /* no program, or it would not start */
    }
    close(lfd);
    int status;
    waitpid(pid, &status, 0);
    return true;
}

int dist_epmd_kill_main(int port)
{
    int fd = dist_tcp_connect("127.0.0.1", port, dist_now_ms() + 2000);
    if (fd < 0) {
        fprintf(stderr, "ciex: no EPMD answers on port %d\n", port);
        return 1;
    }
    const uint8_t req[3] = {0, 1, KILL_REQ};
    char answer[2] = {0, 0};
    bool answered = dist_write_all(fd, req, sizeof req, dist_now_ms() + 2000) &&
                    dist_read_all(fd, answer, 2, dist_now_ms() + 2000);
    close(fd);
    if (!answered) {
        fprintf(stderr, "ciex: the EPMD on port %d did not answer the kill request\n", port);
        return 1;
    }
    bool ok = memcmp(answer, "OK", 2) == 0;
    /* epmd -kill's words */
    puts(ok ? "Killed" : "Killing not allowed - living nodes in database.");
    return ok ? 0 : 1;
}

int dist_epmd_names_main(int port)
{
    char *names = epmd_names("127.0.0.1", port);
    if (!names) {
        fprintf(stderr, "ciex: no EPMD answers on port %d\n", port);
        return 1;
    }
    printf("epmd: up and running on port %d with data:\n%s", port, names);
    free(names);
    return 0;
}
