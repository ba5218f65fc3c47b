/* epmd_daemon.c - the EPMD name server (`ciex --epmd`).
 *
 * It behaves as OTP's epmd (erts/epmd/src/epmd_srv.c), which is what real
 * nodes and epmd's own clients expect of it:
 *
 * - A request is a 2-byte length and the request; one longer than epmd's
 *   buffer, or with a length under 1, closes the connection unanswered.
 *   Every connection but a registration is closed once answered, and one
 *   that stays silent for the packet timeout (60 s, epmd's
 *   -packet_timeout) is closed: idle clients cannot use up the daemon.
 * - ALIVE2_REQ (a registration) is taken from this host only (a 127.x.x.x
 *   peer, or one whose address is the one it reached), and the connection
 *   then lives as long as the node: when it closes or sends anything, the
 *   name is gone.  A name with a NUL byte is not answered; one that is not
 *   UTF-8, longer than 255 characters or taken is refused (result 1).
 * - PORT_PLEASE2_REQ of a name (an ending NUL is dropped, one inside is
 *   not answered), NAMES_REQ (newest registration first), KILL_REQ from
 *   this host (only while no node is registered).
 *
 * Connections live in the runtime's event loop (poller.c: epoll, or poll
 * as the fallback), in a table indexed by descriptor, so that a daemon
 * with hundreds of idle clients waits and answers as fast as with none.
 * Sockets are non-blocking: an answer that does not fit in the socket's
 * buffer (NAMES of many nodes to a client that reads slowly) waits for
 * POLLOUT instead of stalling the daemon. */
#define _GNU_SOURCE /* accept4 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ciex/dist.h"
#include "ciex/vm.h"
#include "dist_internal.h"

#define ALIVE2_REQ 120
#define ALIVE2_X_RESP 118
#define ALIVE2_RESP 121
#define PORT_PLEASE2_REQ 122
#define PORT2_RESP 119
#define NAMES_REQ 110
#define KILL_REQ 107

/* epmd's limits: a name of up to 255 characters, in at most 4 bytes
 * each; a request of less than three times that. */
#define NAME_BYTES_MAX (255 * 4)
#define REQUEST_MAX (3 * NAME_BYTES_MAX)
#define PACKET_TIMEOUT_DEFAULT_S 60
/* how long to wait before accepting again when out of descriptors */
#define ACCEPT_BACKOFF_MS 100

typedef struct epmd_conn {
    int fd;
    bool local;      /* from this host: may register and kill */
    bool registered; /* a node's ALIVE2 connection, kept while it lives */
    int64_t active;  /* when it last did anything */
    uint8_t *in;     /* the request being read (REQUEST_MAX + 2) */
    size_t got;
    uint8_t *out; /* the answer being written; closed once written */
    size_t out_len, out_done;
    /* the registration */
    char *name;
    uint16_t port, high, low;
    uint8_t type, protocol;
    uint8_t *extra;
    uint16_t extra_len;
} epmd_conn;

typedef struct epmd_daemon {
    vm_runtime *rt;
    int lfd, port;
    int64_t packet_timeout_ms;
    epmd_conn **conns; /* indexed by descriptor */
    uint32_t conns_cap;
    epmd_conn **nodes; /* the registrations, oldest first */
    uint32_t nnodes, nodes_cap;
    uint32_t creation;
    bool stop;
} epmd_daemon;

static void put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v & 0xFFFF); }
static unsigned get16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }

static void *xrealloc(void *p, size_t n)
{
    p = ciex_xrealloc(p, n, "epmd");
    return p;
}

static void *grow(void *p, uint32_t *cap, uint32_t need, size_t size)
{
    if (need <= *cap) return p;
    uint32_t n = *cap ? *cap : 64;
    while (n < need) n *= 2;
    p = xrealloc(p, (size_t)n * size);
    memset((char *)p + (size_t)*cap * size, 0, (size_t)(n - *cap) * size);
    *cap = n;
    return p;
}

/* Characters of a UTF-8 name as epmd counts them, or -1 when it is not
 * UTF-8 (overlong forms, surrogates and code points past U+10FFFF are
 * not). */
static int utf8_chars(const uint8_t *s, size_t n)
{
    int chars = 0;
    for (size_t i = 0; i < n; chars++) {
        uint8_t c = s[i];
        size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (len == 0 || i + len > n) return -1;
        uint32_t cp = len == 1 ? c : (uint32_t)(c & (0x7F >> len));
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return -1;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
        i += len;
    }
    return chars;
}

/* A 127.x.x.x peer, or one that has the address it connected to (the
 * host's own address), as epmd decides. */
static bool peer_is_local(int fd)
{
    struct sockaddr_in peer, self;
    socklen_t np = sizeof peer, ns = sizeof self;
    if (getpeername(fd, (struct sockaddr *)&peer, &np) != 0 || peer.sin_family != AF_INET) return false;
    if ((ntohl(peer.sin_addr.s_addr) >> 24) == 127) return true;
    return getsockname(fd, (struct sockaddr *)&self, &ns) == 0 && self.sin_addr.s_addr == peer.sin_addr.s_addr;
}

static void unregister(epmd_daemon *d, epmd_conn *c)
{
    for (uint32_t i = 0; i < d->nnodes; i++)
        if (d->nodes[i] == c) {
            memmove(d->nodes + i, d->nodes + i + 1, (d->nnodes - i - 1) * sizeof *d->nodes);
            d->nnodes--;
            break;
        }
    c->registered = false;
}

static void conn_close(epmd_daemon *d, epmd_conn *c)
{
    if (c->registered) unregister(d, c);
    vm_unwatch_fd(d->rt, c->fd);
    close(c->fd);
    d->conns[c->fd] = NULL;
    free(c->in);
    free(c->out);
    free(c->name);
    free(c->extra);
    free(c);
}

static void on_conn(vm_runtime *rt, int fd, short revents, void *ctx);

/* Writes what is left of the answer; the connection closes once all of
 * it is out (or on an error). */
static void conn_flush(epmd_daemon *d, epmd_conn *c)
{
    while (c->out_done < c->out_len) {
        ssize_t k = write(c->fd, c->out + c->out_done, c->out_len - c->out_done);
        if (k > 0) {
            c->out_done += (size_t)k;
            c->active = dist_now_ms();
        } else if (k < 0 && errno == EINTR) {
            continue;
        } else if (k < 0 && errno == EAGAIN) {
            vm_watch_fd_events(d->rt, c->fd, POLLOUT, on_conn, d);
            return;
        } else {
            break;
        }
    }
    conn_close(d, c);
}

/* Sends an answer and closes afterwards (data is copied). */
static void answer(epmd_daemon *d, epmd_conn *c, const void *data, size_t n)
{
    c->out = xrealloc(NULL, n ? n : 1);
    memcpy(c->out, data, n);
    c->out_len = n;
    c->out_done = 0;
    conn_flush(d, c);
}

static epmd_conn *find_node(epmd_daemon *d, const char *name)
{
    for (uint32_t i = 0; i < d->nnodes; i++)
        if (strcmp(d->nodes[i]->name, name) == 0) return d->nodes[i];
    return NULL;
}

/* ALIVE2_REQ: 120, port(2), type, protocol, high(2), low(2), nlen(2),
 * name, elen(2), extra.  A node whose highest version is above 5 gets
 * ALIVE2_X_RESP with a 4-byte creation, an older one ALIVE2_RESP with a
 * 2-byte creation in 1..3; a refusal has result 1 and creation 99 in the
 * same layout, which is what makes erl say that the name "seems to be in
 * use by another Erlang node". */
static void alive2(epmd_daemon *d, epmd_conn *c, const uint8_t *req, size_t n)
{
    if (!c->local || n <= 13) goto unanswered;
    size_t nlen = get16(req + 9);
    if (nlen + 13 > n) goto unanswered;
    size_t elen = get16(req + 11 + nlen);
    if (elen + nlen + 13 > n) goto unanswered;
    if (memchr(req + 11, 0, nlen)) goto unanswered; /* epmd: "node name contains ascii 0" */
    unsigned high = get16(req + 5);
    int chars = nlen > NAME_BYTES_MAX ? -1 : utf8_chars(req + 11, nlen);
    char *name = xrealloc(NULL, nlen + 1);
    memcpy(name, req + 11, nlen);
    name[nlen] = '\0';
    bool ok = chars >= 1 && chars <= 255 && elen <= NAME_BYTES_MAX && !find_node(d, name);
    uint32_t cr = ok ? ++d->creation : 99;
    uint8_t resp[6] = {ALIVE2_X_RESP, !ok, 0, 0, 0, 0};
    size_t rlen = 6;
    if (high > 5) {
        put32(resp + 2, cr);
    } else {
        resp[0] = ALIVE2_RESP;
        put16(resp + 2, ok ? cr % 3 + 1 : cr);
        rlen = 4;
    }
    if (!ok) {
        free(name);
        answer(d, c, resp, rlen);
        return;
    }
    /* two to six bytes always fit in a new socket's buffer */
    if (!dist_write_all(c->fd, resp, rlen, dist_now_ms() + 1000)) {
        free(name);
        goto unanswered;
    }
    c->name = name;
    c->port = (uint16_t)get16(req + 1);
    c->type = req[3];
    c->protocol = req[4];
    c->high = (uint16_t)high;
    c->low = (uint16_t)get16(req + 7);
    c->extra_len = (uint16_t)elen;
    c->extra = xrealloc(NULL, elen ? elen : 1);
    memcpy(c->extra, req + 13 + nlen, elen);
    c->registered = true;
    d->nodes = grow(d->nodes, &d->nodes_cap, d->nnodes + 1, sizeof *d->nodes);
    d->nodes[d->nnodes++] = c;
    free(c->in); /* a registration reads nothing more */
    c->in = NULL;
    return;
unanswered:
    conn_close(d, c);
}

static void port_please2(epmd_daemon *d, epmd_conn *c, const uint8_t *req, size_t n)
{
    if (n >= 2 && req[n - 1] == 0) n--; /* an ending NUL is not part of the name */
    if (n <= 1 || memchr(req + 1, 0, n - 1)) {
        conn_close(d, c);
        return;
    }
    char name[NAME_BYTES_MAX + 1];
    int chars = n - 1 > NAME_BYTES_MAX ? -1 : utf8_chars(req + 1, n - 1);
    if (chars < 1 || chars > 255) {
        conn_close(d, c);
        return;
    }
    memcpy(name, req + 1, n - 1);
    name[n - 1] = '\0';
    epmd_conn *node = find_node(d, name);
    if (!node) {
        answer(d, c, (uint8_t[]){PORT2_RESP, 1}, 2);
        return;
    }
    size_t nl = strlen(node->name);
    uint8_t *resp = xrealloc(NULL, 14 + nl + node->extra_len);
    size_t k = 0;
    resp[k++] = PORT2_RESP;
    resp[k++] = 0;
    put16(resp + k, node->port), k += 2;
    resp[k++] = node->type;
    resp[k++] = node->protocol;
    put16(resp + k, node->high), k += 2;
    put16(resp + k, node->low), k += 2;
    put16(resp + k, (unsigned)nl), k += 2;
    memcpy(resp + k, node->name, nl), k += nl;
    put16(resp + k, node->extra_len), k += 2;
    memcpy(resp + k, node->extra, node->extra_len), k += node->extra_len;
    c->out = resp;
    c->out_len = k;
    c->out_done = 0;
    conn_flush(d, c);
}

/* NAMES_REQ: the EPMD's port, then "name N at port P\n" for each node,
 * newest first as epmd lists them, in one answer. */
static void names(epmd_daemon *d, epmd_conn *c)
{
    size_t cap = 4 + 32, k = 4;
    for (uint32_t i = 0; i < d->nnodes; i++) cap += strlen(d->nodes[i]->name) + 32;
    char *out = xrealloc(NULL, cap);
    put32((uint8_t *)out, (uint32_t)d->port);
    for (uint32_t i = d->nnodes; i-- > 0;)
        k += (size_t)snprintf(out + k, cap - k, "name %s at port %u\n", d->nodes[i]->name, d->nodes[i]->port);
    c->out = (uint8_t *)out;
    c->out_len = k;
    c->out_done = 0;
    conn_flush(d, c);
}

static void serve_request(epmd_daemon *d, epmd_conn *c)
{
    const uint8_t *req = c->in + 2;
    size_t n = c->got - 2;
    switch (req[0]) {
    case ALIVE2_REQ: alive2(d, c, req, n); return;
    case PORT_PLEASE2_REQ: port_please2(d, c, req, n); return;
    case NAMES_REQ: names(d, c); return;
    case KILL_REQ:
        if (!c->local) break;
        d->stop = d->nnodes == 0; /* epmd -kill's rule */
        answer(d, c, d->stop ? "OK" : "NO", 2);
        return;
    default: break;
    }
    conn_close(d, c);
}

static void conn_read(epmd_daemon *d, epmd_conn *c)
{
    if (c->registered) {
        /* the node is gone, or broke the protocol: either way, unregister */
        conn_close(d, c);
        return;
    }
    size_t want = c->got >= 2 ? 2 + get16(c->in) : 2;
    ssize_t k = read(c->fd, c->in + c->got, want - c->got);
    if (k < 0 && (errno == EAGAIN || errno == EINTR)) return;
    if (k <= 0) {
        conn_close(d, c);
        return;
    }
    c->got += (size_t)k;
    c->active = dist_now_ms();
    if (c->got == 2) {
        want = 2 + get16(c->in);
        if (want < 3 || want >= REQUEST_MAX) {
            conn_close(d, c);
            return;
        }
    }
    if (c->got == want) serve_request(d, c);
}

static void on_conn(vm_runtime *rt, int fd, short revents, void *ctx)
{
    (void)rt;
    epmd_daemon *d = ctx;
    epmd_conn *c = d->conns[fd];
    if (!c) return;
    if (c->out) {
        if (revents & (POLLOUT | POLLERR | POLLHUP)) conn_flush(d, c);
        return;
    }
    conn_read(d, c);
}

static void on_accept(vm_runtime *rt, int lfd, void *ctx);

static void accept_again(vm_runtime *rt, void *ctx)
{
    epmd_daemon *d = ctx;
    vm_watch_fd(rt, d->lfd, on_accept, d);
}

static void on_accept(vm_runtime *rt, int lfd, void *ctx)
{
    epmd_daemon *d = ctx;
    for (int i = 0; i < 64; i++) {
        int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                /* out of descriptors: the pending client stays in the
                 * backlog; try again later instead of spinning on it */
                vm_unwatch_fd(rt, lfd);
                vm_call_later(rt, ACCEPT_BACKOFF_MS, accept_again, d);
            }
            return;
        }
        d->conns = grow(d->conns, &d->conns_cap, (uint32_t)fd + 1, sizeof *d->conns);
        epmd_conn *c = xrealloc(NULL, sizeof *c);
        *c = (epmd_conn){0};
        c->fd = fd;
        c->local = peer_is_local(fd);
        c->active = dist_now_ms();
        c->in = xrealloc(NULL, REQUEST_MAX + 2);
        d->conns[fd] = c;
        vm_watch_fd_events(rt, fd, POLLIN, on_conn, d);
    }
}

/* Closes the connections that did nothing for the packet timeout (not
 * the registrations, which are idle by nature); runs every second. */
static void sweep_idle(vm_runtime *rt, void *ctx)
{
    epmd_daemon *d = ctx;
    int64_t now = dist_now_ms();
    for (uint32_t fd = 0; fd < d->conns_cap; fd++) {
        epmd_conn *c = d->conns[fd];
        if (c && !c->registered && now - c->active >= d->packet_timeout_ms) conn_close(d, c);
    }
    vm_call_later(rt, 1000, sweep_idle, d);
}

static bool stopped(void *ctx) { return ((epmd_daemon *)ctx)->stop; }

/* As many descriptors as the hard limit allows: each client is one. */
static void raise_fd_limit(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

static int epmd_serve(int lfd, int port, int packet_timeout_s)
{
    signal(SIGPIPE, SIG_IGN);
    raise_fd_limit();
    fcntl(lfd, F_SETFL, fcntl(lfd, F_GETFL) | O_NONBLOCK);
    epmd_daemon d = {0};
    d.rt = vm_runtime_new();
    d.lfd = lfd;
    d.port = port;
    d.packet_timeout_ms = (int64_t)(packet_timeout_s > 0 ? packet_timeout_s : PACKET_TIMEOUT_DEFAULT_S) * 1000;
    d.creation = (uint32_t)time(NULL);
    vm_watch_fd(d.rt, lfd, on_accept, &d);
    vm_call_later(d.rt, 1000, sweep_idle, &d);
    bool ok = vm_run(d.rt, stopped, &d);
    for (uint32_t fd = 0; fd < d.conns_cap; fd++)
        if (d.conns[fd]) conn_close(&d, d.conns[fd]);
    vm_unwatch_fd(d.rt, lfd);
    close(lfd);
    free(d.conns);
    free(d.nodes);
    vm_runtime_free(d.rt);
    return ok ? 0 : 1;
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
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, SOMAXCONN) < 0) {
        close(fd);
        return -1;
    }
    return fd;
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

static void detach_stdio(void)
{
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        if (null > 2) close(null);
    }
}

int dist_epmd_main(int port, bool foreground, int packet_timeout_s)
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
        detach_stdio();
    }
    return epmd_serve(lfd, port, packet_timeout_s);
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
        detach_stdio();
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
        _exit(epmd_serve(lfd, port, 0)); /* no program, or it would not start */
    }
    close(lfd);
    int status;
    waitpid(pid, &status, 0);
    return true;
}
