/* epmd.c - the Erlang Port Mapper's clients: requests of a node and of
 * `ciex --epmd-names` / `--epmd-kill`.
 *
 * A distributed node registers its name and listening port with the EPMD
 * of its host (ALIVE2_REQ) and keeps that connection open for its whole
 * life: when it closes, the name is gone.  To reach another node one asks
 * that host's EPMD for the port (PORT_PLEASE2_REQ).  NAMES_REQ lists the
 * registrations.
 *
 * When no EPMD answers, ciex starts its own (epmd_daemon.c), as `erl` does
 * with `epmd -daemon`; real Erlang nodes can register with it.  Requests
 * come as a 2-byte length and the request. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
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
        if (n == cap) out = ciex_xrealloc(out, (cap *= 2) + 1, "epmd");
        if (!wait_fd(fd, POLLIN, deadline)) break;
        ssize_t k = read(fd, out + n, cap - n);
        if (k <= 0) break;
        n += (size_t)k;
    }
    out[n] = '\0';
    close(fd);
    return out;
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
