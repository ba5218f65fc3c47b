/* conn.c - connections to other nodes: the version-6 handshake and the
 * framing of distribution messages.
 *
 * A connection is a non-blocking socket on the VM's event loop, or a TLS
 * session on one (tls.c: the same bytes inside).  During the handshake
 * messages carry a 2-byte length (4 inside TLS, as inet_tls_dist frames
 * them); afterwards a 4-byte length (a zero length is a tick).  Every length a peer sends is checked before
 * anything is allocated: a handshake message is at most 1 KiB, a frame at
 * most 128 MiB, and a connection that sends garbage is closed with a log
 * line, never taking the node down.
 *
 * The initiator (A) sends its name ('N'), reads the status ('s'), the
 * acceptor's challenge ('N'), answers with its own challenge and the digest
 * of the acceptor's ('r'), and checks the acceptor's digest of its own
 * ('a').  The digests prove both sides know the cookie (dist_util.erl). */
#include <arpa/inet.h>
#include <errno.h>
#include <openssl/rand.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "dist_internal.h"

#define HANDSHAKE_MAX 1024
#define FRAME_MAX (128u << 20)
#define HANDSHAKE_TIMEOUT_MS 7000 /* net_setuptime */

static uint64_t my_flags(const dist *d)
{
    uint64_t f = DFLAG_MANDATORY | DFLAG_DIST_MONITOR | DFLAG_DIST_MONITOR_NAME | DFLAG_UNICODE_IO |
                 DFLAG_SMALL_ATOM_TAGS | DFLAG_SEND_SENDER | DFLAG_BIG_SEQTRACE_LABELS | DFLAG_EXIT_PAYLOAD |
                 DFLAG_UNLINK_ID | DFLAG_V4_NC | DFLAG_ALIAS | DFLAG_MANDATORY_25_DIGEST | DFLAG_SPAWN;
    if (!d->hidden) f |= DFLAG_PUBLISHED;
    return f;
}

void dist_log_error(dist *d, const char *text) { dist_log(d, "error", text); }

void dist_log(dist *d, const char *level, const char *text)
{
    /* as Elixir's logger prints an error_logger report: a blank line, the
     * local time with milliseconds, the level; the report's own ~n leaves
     * an empty line after it */
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    localtime_r(&ts.tv_sec, &tm);
    char buf[1200];
    snprintf(buf, sizeof buf, "\n%02d:%02d:%02d.%03ld [%s] %s\n\n", tm.tm_hour, tm.tm_min, tm.tm_sec,
             ts.tv_nsec / 1000000, level, text);
    vm_write_output(d->rt, buf, strlen(buf));
}

static uint32_t random_challenge(void)
{
    uint32_t c;
    if (RAND_bytes((uint8_t *)&c, sizeof c) != 1) c = (uint32_t)dist_now_ms();
    return c;
}

static void be64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (56 - 8 * i));
}
static void be32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (24 - 8 * i));
}
static uint64_t rd64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v = v << 8 | p[i];
    return v;
}
static uint32_t rd32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

/* ---- output ---- */

static void on_events(vm_runtime *rt, int fd, short revents, void *ctx);

static void watch(dist_conn *c)
{
    short ev = POLLIN;
    if ((dist_conn_out_queued(c) && !c->tls_write_wants_read) || c->tls_read_wants_write) ev |= POLLOUT;
    vm_watch_fd_events(c->d->rt, c->fd, ev, on_events, c);
}

/* ---- back-pressure ----
 * As on the BEAM, a connection is busy while more output waits for the
 * peer than dist_buf_busy_limit (+zdbbl): a process that sends over it
 * then suspends (the send BIF returns VM_SUSPEND) until the output drains
 * below the limit, so a peer that stops reading costs the node at most
 * the limit plus one message per sender, never the whole stream.  Only
 * sends suspend: ticks, and the signals of exiting processes, links and
 * monitors, are always queued. */

static size_t queued(const dist_conn *c) { return dist_conn_out_queued(c) + c->pending.len; }

/* Frames that wait for the peer's fun layout count too: a connection
 * holding this many is busy (but not for the process that asks the peer
 * for its layout, which must get through). */
#define HELD_BUSY_FRAMES 1024

static bool is_busy(const dist_conn *c)
{
    return queued(c) >= c->d->busy_limit || c->nheld >= HELD_BUSY_FRAMES;
}

bool dist_conn_busy(dist_conn *c, term suspend)
{
    if (c->state == CONN_DEAD || !is_busy(c)) return false;
    if (queued(c) < c->d->busy_limit && suspend != TERM_NONE && c->learner != TERM_NONE &&
        term_equal(suspend, c->learner))
        return false;
    if (suspend != TERM_NONE) {
        bool known = false;
        for (term l = c->suspended; term_is_cons(l) && !known; l = term_tail(l)) known = term_head(l) == suspend;
        if (!known) c->suspended = term_cons_new(term_retain(suspend), c->suspended);
    }
    return true;
}

/* The senders run again, oldest first; each makes its send then (or
 * suspends again if others filled the queue first). */
static void resume_senders(dist_conn *c)
{
    term l = c->suspended, rev = TERM_NIL;
    c->suspended = TERM_NIL;
    for (term i = l; term_is_cons(i); i = term_tail(i)) rev = term_cons_new(term_retain(term_head(i)), rev);
    term_release(l);
    for (term i = rev; term_is_cons(i); i = term_tail(i)) vm_resume_suspended(c->d->rt, term_head(i));
    term_release(rev);
}

/* The transport: the socket itself, or the TLS session on it (tls.c).
 * Both answer as dist_tls_read/write do. */
static long transport_write(dist_conn *c, const void *buf, size_t n)
{
    if (c->ssl) return dist_tls_write(c, buf, n);
    for (;;) {
        ssize_t k = send(c->fd, buf, n, MSG_NOSIGNAL);
        if (k >= 0) return k;
        if (errno == EAGAIN) return DIST_IO_AGAIN;
        if (errno != EINTR) return DIST_IO_FAILED;
    }
}

/* Writes what iov holds, in order; TLS takes the first part only. */
static long transport_writev(dist_conn *c, struct iovec *iov, int n)
{
    if (c->ssl || n == 1) return transport_write(c, iov[0].iov_base, iov[0].iov_len);
    struct msghdr m = {.msg_iov = iov, .msg_iovlen = (size_t)n};
    for (;;) {
        ssize_t k = sendmsg(c->fd, &m, MSG_NOSIGNAL);
        if (k >= 0) return k;
        if (errno == EAGAIN) return DIST_IO_AGAIN;
        if (errno != EINTR) return DIST_IO_FAILED;
    }
}

static long transport_read(dist_conn *c, void *buf, size_t n)
{
    if (c->ssl) return dist_tls_read(c, buf, n);
    for (;;) {
        ssize_t k = read(c->fd, buf, n);
        if (k >= 0) return k;
        if (errno == EAGAIN) return DIST_IO_AGAIN;
        if (errno != EINTR) return DIST_IO_FAILED;
    }
}

/* Closes the socket (and its TLS session first). */
static void drop_socket(dist_conn *c)
{
    vm_unwatch_fd(c->d->rt, c->fd);
    dist_tls_conn_free(c);
    close(c->fd);
    c->fd = -1;
}

/* A TLS write can read: while the TLS handshake runs, SSL_write reads the
 * peer's records, and with read-ahead whatever came after them (the
 * peer's first handshake message), so the socket shows nothing more
 * while the session holds a message and poll would wait for the setup
 * time.  The event loop then reads once more, as if the socket were
 * readable.  The connection may be gone by then: it is looked up. */
static void tls_read_due(vm_runtime *rt, void *ctx)
{
    const vm_dist_ops *ops = vm_dist(rt);
    dist *d = ops ? ops->ctx : NULL;
    if (!d) return;
    for (dist_conn *c = d->conns; c; c = c->next)
        if (c == ctx) {
            c->tls_read_due = false;
            if (c->state != CONN_DEAD && c->fd >= 0 && dist_tls_pending(c)) on_events(rt, c->fd, 0, c);
            return;
        }
}

/* The output as it goes on the wire: out up to the next splice, the
 * splice's binary, and so on; at most max parts. */
static int out_parts(const dist_conn *c, struct iovec *iov, int max)
{
    int n = 0;
    size_t off = c->out_off, done = c->splice_done;
    for (size_t s = c->splice_head; n < max; s++) {
        size_t end = s < c->nsplices ? c->splices[s].at : c->out_len;
        if (end > off) iov[n++] = (struct iovec){c->out + off, end - off};
        off = end;
        if (s == c->nsplices || n == max) break;
        term bin = c->splices[s].bin;
        iov[n++] = (struct iovec){(uint8_t *)term_binary_data(bin) + done, term_binary_size(bin) - done};
        done = 0;
    }
    return n;
}

/* k more bytes of the output were written. */
static void out_advance(dist_conn *c, size_t k)
{
    while (k) {
        size_t end = c->splice_head < c->nsplices ? c->splices[c->splice_head].at : c->out_len;
        size_t take = end - c->out_off < k ? end - c->out_off : k;
        c->out_off += take;
        k -= take;
        if (!k) break;
        dist_splice *sp = &c->splices[c->splice_head];
        size_t left = term_binary_size(sp->bin) - c->splice_done;
        take = left < k ? left : k;
        c->splice_done += take;
        c->splice_bytes -= take;
        k -= take;
        if (take == left) {
            term_release(sp->bin);
            c->splice_head++;
            c->splice_done = 0;
        }
    }
    if (c->splice_head == c->nsplices) c->splice_head = c->nsplices = 0;
}

static void flush_out(dist_conn *c)
{
    c->unflushed = false;
    if (c->fd < 0) return;
    while (dist_conn_out_queued(c)) {
        struct iovec iov[32];
        long k = transport_writev(c, iov, out_parts(c, iov, 32));
        if (k > 0) {
            out_advance(c, (size_t)k);
        } else if (k == DIST_IO_AGAIN) {
            break;
        } else {
            dist_conn_close(c, "write failed");
            return;
        }
    }
    if (!dist_conn_out_queued(c)) c->out_off = c->out_len = 0;
    watch(c);
    if (c->ssl && !c->tls_read_due && dist_tls_pending(c)) {
        c->tls_read_due = true;
        vm_call_later(c->d->rt, 0, tls_read_due, c);
    }
    if (c->suspended != TERM_NIL && !is_busy(c)) resume_senders(c);
}

void dist_conn_resume_if_idle(dist_conn *c)
{
    if (c->suspended != TERM_NIL && !is_busy(c)) resume_senders(c);
}

static bool out_put(dist_conn *c, const void *data, size_t n)
{
    if (c->state == CONN_DEAD || c->cut) return false; /* a cut link loses what is sent over it */
    if (c->out_off && c->out_len + n > c->out_cap) {
        /* what was written makes room, rather than the buffer growing
         * behind a peer that reads slowly but never catches up */
        memmove(c->out, c->out + c->out_off, c->out_len - c->out_off);
        c->out_len -= c->out_off;
        for (size_t i = c->splice_head; i < c->nsplices; i++) c->splices[i].at -= c->out_off;
        c->out_off = 0;
    }
    if (c->out_len + n > c->out_cap) {
        size_t cap = c->out_cap ? c->out_cap : 4096;
        while (cap < c->out_len + n) cap *= 2;
        c->out = ciex_xrealloc(c->out, cap, "dist_buffer");
        c->out_cap = cap;
    }
    memcpy(c->out + c->out_len, data, n);
    c->out_len += n;
    c->last_send = dist_now_ms();
    c->nsent++;
    return true;
}

/* A handshake message: its length, then tag and body.  The length takes
 * 2 bytes on TCP and 4 inside TLS (inet_tls_dist runs the handshake on a
 * {packet, 4} socket). */
static size_t handshake_header(const dist_conn *c) { return c->ssl ? 4 : 2; }

static void send_handshake(dist_conn *c, const uint8_t *msg, size_t n)
{
    uint8_t len[4];
    size_t h = handshake_header(c);
    for (size_t i = 0; i < h; i++) len[i] = (uint8_t)(n >> (8 * (h - 1 - i)));
    out_put(c, len, h);
    out_put(c, msg, n);
    flush_out(c);
}

/* Bytes that are already a frame (a tick). */
void dist_conn_send_raw(dist_conn *c, const void *data, size_t n)
{
    if (c->state != CONN_UP) return;
    out_put(c, data, n);
    flush_out(c);
}

/* A frame kept until the peer's fun layout is known (fun_layout.c). */
static void hold(dist_conn *c, term control, term payload)
{
    term frame = payload == TERM_NONE ? term_tuple_new(1) : term_tuple2(term_retain(control), term_retain(payload));
    if (payload == TERM_NONE) term_tuple_init(frame, 0, term_retain(control));
    c->held = term_cons_new(frame, c->held);
    c->nheld++;
}

/* The big binaries the encoder left out of a frame (etf_encode_opts'
 * splice), each retained, `at` counted from the frame's start. */
typedef struct splice_list {
    dist_splice *v;
    size_t n, cap, bytes;
} splice_list;

static void collect_splice(void *ctx, size_t at, term bin)
{
    splice_list *l = ctx;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 4;
        l->v = ciex_xrealloc(l->v, l->cap * sizeof *l->v, "dist_buffer");
    }
    l->v[l->n++] = (dist_splice){at, term_retain(bin)};
    l->bytes += term_binary_size(bin);
}

static void splice_list_free(splice_list *l)
{
    for (size_t i = 0; i < l->n; i++) term_release(l->v[i].bin);
    free(l->v);
}

/* Queues an encoded frame, its big binaries to be written from where
 * they lie. */
static void out_put_frame(dist_conn *c, etf_buf *b, splice_list *l)
{
    size_t base;
    if (!dist_conn_out_queued(c) && b->len >= 64 * 1024 && c->state != CONN_DEAD && !c->cut) {
        /* a big frame and nothing waiting: its encoding becomes the
         * output buffer rather than being copied there */
        free(c->out);
        c->out = b->data;
        c->out_cap = b->cap;
        c->out_len = b->len;
        c->out_off = 0;
        c->last_send = dist_now_ms();
        c->nsent++;
        etf_buf_init(b);
        base = 0;
    } else if (out_put(c, b->data, b->len)) {
        base = c->out_len - b->len;
    } else {
        return;
    }
    if (c->nsplices + l->n > c->splices_cap) {
        if (c->splice_head) {
            memmove(c->splices, c->splices + c->splice_head, (c->nsplices - c->splice_head) * sizeof *c->splices);
            c->nsplices -= c->splice_head;
            c->splice_head = 0;
        }
        while (c->nsplices + l->n > c->splices_cap) c->splices_cap = c->splices_cap ? 2 * c->splices_cap : 4;
        c->splices = ciex_xrealloc(c->splices, c->splices_cap * sizeof *c->splices, "dist_buffer");
    }
    for (size_t i = 0; i < l->n; i++) c->splices[c->nsplices++] = (dist_splice){base + l->v[i].at, l->v[i].bin};
    c->splice_bytes += l->bytes;
    l->n = 0; /* the connection holds them now */
}

/* A distribution message: 4-byte length, 'p' (pass through), the control
 * message and the payload, each with its own 131. */
void dist_conn_send_frame(dist_conn *c, term control, term payload)
{
    if (c->state == CONN_DEAD) return;
    /* frames wait behind one that waits for the peer's fun layout, but
     * those of the process that asks the peer for it */
    if (c->held != TERM_NIL && !dist_from_layout_learner(c, control)) {
        hold(c, control, payload);
        return;
    }
    etf_buf b;
    etf_buf_init(&b);
    /* processes made before the node had its name travel under it */
    etf_node_alias alias = {TERM_ATOM_NONODE, c->d->node, 0, c->d->creation};
    splice_list spl = {0};
    etf_encode_opts opts = {.alias = &alias,
                            .utf8_atoms = true,
                            .fun_hook = dist_fun_for_wire,
                            .fun_hook_ctx = c,
                            .splice = collect_splice,
                            .splice_ctx = &spl};
    uint8_t hdr[5] = {0, 0, 0, 0, 112};
    etf_buf_put(&b, hdr, 5);
    c->needs_layout = false;
    if (etf_encode(control, &b, &opts) != ETF_OK ||
        (payload != TERM_NONE && etf_encode(payload, &b, &opts) != ETF_OK)) {
        etf_buf_free(&b);
        splice_list_free(&spl);
        return; /* a resource: nothing to send */
    }
    if (c->needs_layout) {
        /* a fun made by evaluation, for a peer whose layout is not known yet */
        etf_buf_free(&b);
        splice_list_free(&spl);
        hold(c, control, payload);
        dist_layout_request(c);
        return;
    }
    be32(b.data, (uint32_t)(b.len + spl.bytes - 4));
    if (c->d->trace) dist_trace_frame(c, true, control, payload);
    if (c->state == CONN_UP) {
        /* written by dist_flush at the end of the sender's time slice, or
         * now when a burst has filled a good part of the socket buffer */
        out_put_frame(c, &b, &spl);
        if (dist_conn_out_queued(c) >= 64 * 1024) {
            flush_out(c);
        } else if (!c->unflushed) {
            c->unflushed = true;
            if (!c->in_flush_list) {
                c->in_flush_list = true;
                c->next_to_flush = c->d->to_flush;
                c->d->to_flush = c;
                vm_dist_flush_wanted(c->d->rt, true);
            }
        }
    } else {
        /* queued as bytes until the connection is up */
        size_t from = 0;
        for (size_t i = 0; i < spl.n; i++) {
            etf_buf_put(&c->pending, b.data + from, spl.v[i].at - from);
            etf_buf_put(&c->pending, term_binary_data(spl.v[i].bin), term_binary_size(spl.v[i].bin));
            from = spl.v[i].at;
        }
        etf_buf_put(&c->pending, b.data + from, b.len - from);
    }
    splice_list_free(&spl);
    etf_buf_free(&b);
}

/* Writes what the connections that were sent to hold; the others (idle
 * ones, however many) cost nothing. */
void dist_flush(dist *d)
{
    if (!d->to_flush) return;
    while (d->to_flush) {
        dist_conn *c = d->to_flush;
        d->to_flush = c->next_to_flush;
        c->in_flush_list = false;
        if (c->unflushed && c->state != CONN_DEAD) flush_out(c);
    }
    vm_dist_flush_wanted(d->rt, false);
}

/* ---- the table of connections ---- */

dist_conn *dist_find_conn(dist *d, term node)
{
    dist_conn *found = NULL;
    for (dist_conn *c = d->conns; c; c = c->next)
        if (c->node == node && c->state != CONN_DEAD) {
            if (c->state == CONN_UP) return c; /* rather than an attempt to replace it */
            if (!found) found = c;
        }
    return found;
}

static dist_conn *conn_new(dist *d, int fd, bool initiator)
{
    dist_conn *c = ciex_xcalloc(1, sizeof *c, "dist_buffer");
    c->d = d;
    c->fd = fd;
    c->initiator = initiator;
    c->node = TERM_NONE;
    c->waiters = TERM_NIL;
    c->held = TERM_NIL;
    c->learner = TERM_NONE;
    c->suspended = TERM_NIL;
    c->big_in = TERM_NONE;
    etf_buf_init(&c->pending);
    c->started = c->last_recv = c->last_send = dist_now_ms();
    c->next = d->conns;
    d->conns = c;
    return c;
}

static void notify_waiters(dist_conn *c, bool ok)
{
    for (term l = c->waiters; term_is_cons(l); l = term_tail(l)) {
        term w = term_head(l);
        vm_send(c->d->rt, term_tuple_get(w, 0), term_tuple2(term_retain(term_tuple_get(w, 1)), term_bool(ok)));
    }
    term_release(c->waiters);
    c->waiters = TERM_NIL;
}

static void conn_free_later(vm_runtime *rt, void *ctx)
{
    (void)rt;
    dist_conn *c = ctx;
    dist *d = c->d;
    for (dist_conn **p = &d->conns; *p; p = &(*p)->next)
        if (*p == c) {
            *p = c->next;
            break;
        }
    for (dist_conn **p = &d->to_flush; c->in_flush_list && *p; p = &(*p)->next_to_flush)
        if (*p == c) {
            *p = c->next_to_flush;
            break;
        }
    if (c->index && c->node != TERM_NONE) {
        size_t i = 0;
        while (i < d->ngone && d->gone[i].node != c->node) i++;
        if (i < d->ngone) {
            d->gone[i].index = c->index;
        } else {
            struct dist_gone_node *g = ciex_xrealloc(d->gone, (d->ngone + 1) * sizeof *g, "dist_buffer");
            if (g) {
                d->gone = g;
                g[d->ngone++] = (struct dist_gone_node){c->node, c->index};
            }
        }
    }
    dist_conn_free(c);
}

void dist_conn_free(dist_conn *c)
{
    dist_tls_conn_free(c);
    term_release(c->waiters);
    free(c->in);
    free(c->out);
    for (size_t i = c->splice_head; i < c->nsplices; i++) term_release(c->splices[i].bin);
    free(c->splices);
    term_release(c->big_in);
    etf_buf_free(&c->pending);
    term_release(c->held);
    term_release(c->learner);
    term_release(c->suspended);
    free(c);
}

void dist_conn_close(dist_conn *c, const char *why)
{
    if (c->state == CONN_DEAD) return;
    if (getenv("CIEX_DIST_DEBUG"))
        fprintf(stderr, "ciex dist: connection to %s closed: %s\n",
                c->node != TERM_NONE ? term_atom_name(c->node) : "?", why);
    bool was_up = c->state == CONN_UP;
    /* what was sent before the connection is dropped on purpose still
     * goes out, as it would have unbuffered (a :global lost_connection
     * sent just before disconnect_node must reach the peer) */
    if (was_up && c->fd >= 0 && c->unflushed) flush_out(c);
    if (c->state == CONN_DEAD) return; /* the flush found the socket broken */
    c->state = CONN_DEAD;
    if (c->fd >= 0 && c->cut && c->node != TERM_NONE) {
        /* a cut link keeps its socket (and sends no close_notify) */
        int fd = c->fd;
        vm_unwatch_fd(c->d->rt, fd);
        c->fd = -1;
        dist_tls_conn_free(c);
        dist_cut_keep_socket(c->d, c->node, fd);
    } else if (c->fd >= 0) {
        drop_socket(c);
    }
    notify_waiters(c, false);
    resume_senders(c); /* their sends go to a new connection, or nowhere */
    if (was_up) dist_node_down(c->d, c, why);
    /* freed from the event loop, after whatever called us returns */
    vm_call_later(c->d->rt, 0, conn_free_later, c);
}

/* ---- handshake ---- */

/* Moves the handshake on, unless a write on the way already closed the
 * connection: a dead connection stays dead. */
static void advance(dist_conn *c, conn_state next)
{
    if (c->state != CONN_DEAD) c->state = next;
}

static void send_name(dist_conn *c)
{
    dist *d = c->d;
    const char *name = term_atom_name(d->node);
    size_t nlen = strlen(name);
    uint8_t msg[1 + 8 + 4 + 2 + 256];
    msg[0] = 'N';
    be64(msg + 1, my_flags(d));
    be32(msg + 9, d->creation);
    msg[13] = (uint8_t)(nlen >> 8);
    msg[14] = (uint8_t)nlen;
    memcpy(msg + 15, name, nlen);
    send_handshake(c, msg, 15 + nlen);
}

static void send_challenge(dist_conn *c)
{
    dist *d = c->d;
    const char *name = term_atom_name(d->node);
    size_t nlen = strlen(name);
    uint8_t msg[1 + 8 + 4 + 4 + 2 + 256];
    c->my_challenge = random_challenge();
    msg[0] = 'N';
    be64(msg + 1, my_flags(d));
    be32(msg + 9, c->my_challenge);
    be32(msg + 13, d->creation);
    msg[17] = (uint8_t)(nlen >> 8);
    msg[18] = (uint8_t)nlen;
    memcpy(msg + 19, name, nlen);
    send_handshake(c, msg, 19 + nlen);
}

static void send_status(dist_conn *c, const char *status)
{
    uint8_t msg[32];
    size_t n = strlen(status);
    msg[0] = 's';
    memcpy(msg + 1, status, n);
    send_handshake(c, msg, n + 1);
}

static void conn_up(dist_conn *c)
{
    if (c->state == CONN_DEAD) return; /* the last handshake write failed */
    c->state = CONN_UP;
    /* a node seen before keeps its index, as its pids still print with it */
    c->index = 0;
    for (dist_conn *o = c->d->conns; o && !c->index; o = o->next)
        if (o != c && o->node == c->node) c->index = o->index;
    for (size_t i = 0; i < c->d->ngone && !c->index; i++)
        if (c->d->gone[i].node == c->node) c->index = c->d->gone[i].index;
    if (!c->index) c->index = ++c->d->next_index;
    if (c->pending.len) {
        out_put(c, c->pending.data, c->pending.len);
        etf_buf_free(&c->pending);
        etf_buf_init(&c->pending);
    }
    flush_out(c);
    notify_waiters(c, true);
    dist_node_up(c->d, c);
}

static bool name_atom(const uint8_t *p, size_t n, term *out)
{
    if (n == 0 || n > 255 || !memchr(p, '@', n)) return false;
    return term_atom_new((const char *)p, n, out) == TERM_OK;
}

/* The acceptor got the initiator's name: status, then our challenge. */
static void on_name(dist_conn *c, const uint8_t *m, size_t n)
{
    if (n < 15 || m[0] != 'N') {
        dist_conn_close(c, "bad send_name");
        return;
    }
    c->peer_flags = rd64(m + 1);
    c->peer_creation = rd32(m + 9);
    size_t nlen = (size_t)m[13] << 8 | m[14];
    term node;
    if (15 + nlen > n || !name_atom(m + 15, nlen, &node) || (c->peer_flags & DFLAG_MANDATORY) != DFLAG_MANDATORY) {
        send_status(c, "not_allowed");
        dist_conn_close(c, "bad name or flags");
        return;
    }
    if (dist_is_cut(c->d, node)) {
        dist_conn_close(c, "cut"); /* the link is cut: the attempt never arrived */
        return;
    }
    dist_conn *other = dist_find_conn(c->d, node);
    if (other && other != c) {
        if (other->state == CONN_UP) {
            /* already connected: the initiator says whether this attempt
             * is a new incarnation of it (dist_util's "alive") */
            c->node = node;
            send_status(c, "alive");
            advance(c, CONN_AWAIT_ALIVE);
            return;
        } else if (other->state != CONN_AWAIT_PEER &&
                   strcmp(term_atom_name(c->d->node), term_atom_name(node)) > 0) {
            /* simultaneous connect: the node with the greater name keeps its own attempt */
            send_status(c, "nok");
            dist_conn_close(c, "simultaneous");
            return;
        } else {
            /* ours gives way; whoever waited on it waits on this one */
            c->waiters = other->waiters;
            other->waiters = TERM_NIL;
            /* and what was queued on it goes over this one: on the BEAM
             * messages wait on the node, not on one connection attempt */
            if (other->pending.len) {
                etf_buf_put(&c->pending, other->pending.data, other->pending.len);
                other->pending.len = 0;
            }
            dist_conn_close(other, "simultaneous");
            c->node = node;
            send_status(c, "ok_simultaneous");
            send_challenge(c);
            advance(c, CONN_AWAIT_REPLY);
            return;
        }
    }
    c->node = node;
    send_status(c, "ok");
    send_challenge(c);
    advance(c, CONN_AWAIT_REPLY);
}

static dist_conn *other_up_conn(dist_conn *c)
{
    for (dist_conn *o = c->d->conns; o; o = o->next)
        if (o != c && o->node == c->node && o->state == CONN_UP) return o;
    return NULL;
}

/* The initiator's answer to "alive": true, it is a new incarnation and the
 * old connection is stale; false, it keeps the connection it has. */
static void on_alive_reply(dist_conn *c, const uint8_t *m, size_t n)
{
    if (n == 5 && m[0] == 's' && memcmp(m + 1, "true", 4) == 0) {
        dist_conn *old = other_up_conn(c);
        if (old) dist_conn_close(old, "replaced");
        send_challenge(c);
        advance(c, CONN_AWAIT_REPLY);
    } else {
        dist_conn_close(c, "already connected");
    }
}

static void on_reply(dist_conn *c, const uint8_t *m, size_t n)
{
    if (n != 21 || m[0] != 'r') {
        dist_conn_close(c, "bad challenge reply");
        return;
    }
    uint8_t expected[16];
    dist_digest(dist_cookie_for(c->d, c->node), c->my_challenge, expected);
    if (memcmp(expected, m + 5, 16) != 0) {
        char text[600];
        char *node = term_inspect(c->node, NULL, NULL);
        snprintf(text, sizeof text, "** Connection attempt from node %s rejected. Invalid challenge reply. **", node);
        free(node);
        dist_log_error(c->d, text);
        dist_conn_close(c, "bad cookie");
        return;
    }
    uint8_t ack[17];
    ack[0] = 'a';
    dist_digest(dist_cookie_for(c->d, c->node), rd32(m + 1), ack + 1);
    send_handshake(c, ack, 17);
    conn_up(c);
}

static void on_status(dist_conn *c, const uint8_t *m, size_t n)
{
    if (n >= 3 && m[0] == 's' && (n == 3 && memcmp(m + 1, "ok", 2) == 0)) {
        advance(c, CONN_AWAIT_CHALLENGE);
    } else if (n == 16 && m[0] == 's' && memcmp(m + 1, "ok_simultaneous", 15) == 0) {
        advance(c, CONN_AWAIT_CHALLENGE);
    } else if (n == 6 && m[0] == 's' && memcmp(m + 1, "alive", 5) == 0) {
        if (other_up_conn(c)) {
            /* connected already (the peer accepted our other attempt) */
            uint8_t f[6] = {'s', 'f', 'a', 'l', 's', 'e'};
            send_handshake(c, f, 6);
            dist_conn_close(c, "already connected");
            return;
        }
        uint8_t t[5] = {'s', 't', 'r', 'u', 'e'};
        send_handshake(c, t, 5);
        advance(c, CONN_AWAIT_CHALLENGE);
    } else if (n == 4 && m[0] == 's' && memcmp(m + 1, "nok", 3) == 0) {
        /* simultaneous connect, and the peer's attempt wins: keep this one,
         * without its socket, until that attempt arrives and takes over
         * the waiters and queued messages (on_name), or setup times out */
        drop_socket(c);
        advance(c, CONN_AWAIT_PEER);
    } else {
        dist_conn_close(c, "refused");
    }
}

static void on_challenge(dist_conn *c, const uint8_t *m, size_t n)
{
    if (n < 19 || m[0] != 'N') {
        dist_conn_close(c, "bad challenge");
        return;
    }
    c->peer_flags = rd64(m + 1);
    c->peer_challenge = rd32(m + 9);
    c->peer_creation = rd32(m + 13);
    size_t nlen = (size_t)m[17] << 8 | m[18];
    term node;
    if (19 + nlen > n || !name_atom(m + 19, nlen, &node) || node != c->node ||
        (c->peer_flags & DFLAG_MANDATORY) != DFLAG_MANDATORY) {
        dist_conn_close(c, "bad challenge");
        return;
    }
    uint8_t reply[21];
    reply[0] = 'r';
    c->my_challenge = random_challenge();
    be32(reply + 1, c->my_challenge);
    dist_digest(dist_cookie_for(c->d, c->node), c->peer_challenge, reply + 5);
    send_handshake(c, reply, 21);
    advance(c, CONN_AWAIT_ACK);
}

static void on_ack(dist_conn *c, const uint8_t *m, size_t n)
{
    uint8_t expected[16];
    dist_digest(dist_cookie_for(c->d, c->node), c->my_challenge, expected);
    if (n != 17 || m[0] != 'a' || memcmp(expected, m + 1, 16) != 0) {
        dist_conn_close(c, "bad challenge ack");
        return;
    }
    conn_up(c);
}

/* ---- input ---- */

/* Consumes complete messages from the input buffer. */
static void process_input(dist_conn *c)
{
    size_t off = 0;
    while (c->state != CONN_DEAD) {
        size_t avail = c->in_len - off;
        const uint8_t *p = c->in + off;
        if (c->state == CONN_UP) {
            if (avail < 4) break;
            uint32_t len = rd32(p);
            if (len > FRAME_MAX) {
                dist_conn_close(c, "frame too large");
                break;
            }
            if (avail < 4 + (size_t)len) break;
            off += 4 + len;
            if (len > 0) dist_handle_frame(c, p + 4, len, 0); /* zero length: a tick */
        } else {
            size_t h = handshake_header(c);
            if (avail < h) break;
            size_t len = h == 4 ? rd32(p) : (size_t)p[0] << 8 | p[1];
            if (len == 0 || len > HANDSHAKE_MAX) {
                dist_conn_close(c, "bad handshake length");
                break;
            }
            if (avail < h + len) break;
            off += h + len;
            const uint8_t *m = p + h;
            switch (c->state) {
            case CONN_AWAIT_NAME: on_name(c, m, len); break;
            case CONN_AWAIT_REPLY: on_reply(c, m, len); break;
            case CONN_AWAIT_ALIVE: on_alive_reply(c, m, len); break;
            case CONN_AWAIT_STATUS: on_status(c, m, len); break;
            case CONN_AWAIT_CHALLENGE: on_challenge(c, m, len); break;
            case CONN_AWAIT_ACK: on_ack(c, m, len); break;
            default: break;
            }
        }
    }
    if (c->state == CONN_DEAD || off == 0) return;
    memmove(c->in, c->in + off, c->in_len - off);
    c->in_len -= off;
}

/* Room for the next read: at least 64 KB.  The buffer doubles, and a
 * frame whose length has arrived gets no more than it needs, however
 * long a peer says its frame is before it sends it. */
static void in_reserve(dist_conn *c)
{
    size_t need = c->in_len + 65536;
    if (c->in_cap >= need) return;
    size_t cap = c->in_cap ? c->in_cap * 2 : 65536;
    if (cap < need) cap = need;
    if (c->state == CONN_UP && c->in_len >= 4) {
        size_t frame = 4 + (size_t)rd32(c->in);
        if (frame > c->in_len && frame < cap && frame >= need) cap = frame;
    }
    c->in = ciex_xrealloc(c->in, cap, "dist_buffer");
    c->in_cap = cap;
}

/* A frame of at least this many bytes is read into a binary of its own
 * rather than the input buffer, so that its big binaries can be slices
 * of it (etf_decode_opts' owner) instead of copies. */
#define BIG_FRAME (256u * 1024)

/* Where the next read goes, and how much it may take: the rest of a big
 * frame, or the input buffer.  A big frame starts once its length is in
 * the input buffer (which then holds nothing after it: complete frames
 * were taken out) and it is read to its end, never beyond. */
static uint8_t *read_room(dist_conn *c, size_t *room)
{
    if (c->big_in == TERM_NONE && c->state == CONN_UP && c->in_len >= 4) {
        uint32_t len = rd32(c->in);
        if (len >= BIG_FRAME && len <= FRAME_MAX && c->in_len < 4 + (size_t)len) {
            uint8_t *data;
            c->big_in = term_binary_alloc(4 + (size_t)len, &data);
            memcpy(data, c->in, c->in_len);
            c->big_in_len = c->in_len;
            c->in_len = 0;
        }
    }
    if (c->big_in != TERM_NONE && c->big_in_len < term_binary_size(c->big_in)) {
        *room = term_binary_size(c->big_in) - c->big_in_len;
        return (uint8_t *)term_binary_data(c->big_in) + c->big_in_len;
    }
    in_reserve(c);
    *room = c->in_cap - c->in_len;
    return c->in + c->in_len;
}

/* A big frame that has come whole goes in, before what came after it. */
static void take_big_frame(dist_conn *c)
{
    term big = c->big_in;
    if (big == TERM_NONE || c->big_in_len < term_binary_size(big)) return;
    c->big_in = TERM_NONE;
    dist_handle_frame(c, term_binary_data(big) + 4, term_binary_size(big) - 4, big);
    term_release(big);
}

static void on_events(vm_runtime *rt, int fd, short revents, void *ctx)
{
    (void)rt;
    (void)fd;
    dist_conn *c = ctx;
    bool readable = revents & (POLLIN | POLLHUP | POLLERR);
    /* a TLS write that waits for the peer's handshake goes on when the
     * socket is readable, a TLS read that must answer when it is writable */
    if ((revents & POLLOUT) || (readable && c->tls_write_wants_read)) flush_out(c);
    if (c->state == CONN_DEAD) return;
    if (!readable && !((revents & POLLOUT) && c->tls_read_wants_write) && !dist_tls_pending(c)) return;
    bool got = false, closed = false;
    for (;;) {
        size_t room;
        uint8_t *to = read_room(c, &room);
        long k = transport_read(c, to, room);
        if (c->cut && k >= 0) {
            /* read and lost, the peer's close too (its end is not watched
             * any more): the ticker finds nothing came, as in a partition */
            if (k == 0) vm_unwatch_fd(c->d->rt, c->fd);
            return;
        }
        if (k == 0 || k == DIST_IO_FAILED) {
            closed = true; /* after what came before it */
            break;
        }
        if (k == DIST_IO_AGAIN) break;
        if (to == c->in + c->in_len) c->in_len += (size_t)k;
        else c->big_in_len += (size_t)k;
        got = true;
        /* a TLS session reads a record at a time and may hold more
         * decrypted bytes than the socket shows: read until it waits */
        if (!c->ssl) break;
    }
    /* the read may have taken what a waiting TLS write wanted: the rest
     * of the TLS handshake (its last flight, when the read rather than
     * the write got it).  Nothing else would move that write on: the
     * peer, waiting for it, sends nothing that would wake us. */
    if (c->ssl && c->tls_write_wants_read && dist_conn_out_queued(c) && !closed) flush_out(c);
    if (c->state == CONN_DEAD) return;
    if (got) {
        c->last_recv = dist_now_ms();
        c->nrecv++;
        take_big_frame(c);
        if (c->state != CONN_DEAD) process_input(c);
    }
    if (closed) dist_conn_close(c, "closed");
    else if (c->ssl && c->state != CONN_DEAD) watch(c); /* what the session waits for may have changed */
}

/* ---- starting connections ---- */

/* A node with long names reaches only hosts with a dot (or an IPv6
 * address), one with short names only hosts without: OTP's
 * inet_tcp_dist refuses the others with these lines, before asking
 * EPMD.  Only the side that connects checks, as on the BEAM. */
static bool host_kind_allowed(dist *d, const char *host)
{
    bool dotted = strchr(host, '.') != NULL;
    char text[1024];
    if (d->longnames && !dotted) {
        struct in6_addr a6;
        if (inet_pton(AF_INET6, host, &a6) == 1) return true;
        snprintf(text, sizeof text,
                 "** System running to use fully qualified hostnames **\n** Hostname %s is illegal **", host);
    } else if (!d->longnames && dotted) {
        snprintf(text, sizeof text,
                 "** System NOT running to use fully qualified hostnames **\n** Hostname %s is illegal **", host);
    } else {
        return true;
    }
    dist_log_error(d, text);
    return false;
}

dist_conn *dist_connect(dist *d, term node)
{
    dist_conn *c = dist_find_conn(d, node);
    if (c) return c;
    if (dist_is_cut(d, node)) return NULL; /* unreachable while the link is cut */
    const char *name = term_atom_name(node);
    const char *at = strchr(name, '@');
    if (!at || at == name || !at[1]) return NULL;
    char alive[256], host[256];
    snprintf(alive, sizeof alive, "%.*s", (int)(at - name), name);
    snprintf(host, sizeof host, "%s", at + 1);
    if (!host_kind_allowed(d, host)) return NULL;
    int64_t deadline = dist_now_ms() + HANDSHAKE_TIMEOUT_MS;
    int port = epmd_port_please(host, d->epmd_port, alive, deadline);
    if (port <= 0) return NULL;
    int fd = dist_tcp_connect(host, port, deadline);
    if (fd < 0) return NULL;
    c = conn_new(d, fd, true);
    c->node = node;
    c->state = CONN_AWAIT_STATUS;
    if (!dist_tls_conn_open(c, host)) {
        dist_conn_close(c, "TLS set-up failed");
        return NULL;
    }
    send_name(c); /* with TLS, the first write starts its handshake */
    /* a TLS handshake that failed at once (the peer answered, or hung up,
     * before the first write returned) closed the connection: nobody may
     * wait on it, since it will never tell them */
    if (c->state == CONN_DEAD) return NULL;
    return c;
}

void dist_accept(dist *d, int fd)
{
    dist_conn *c = conn_new(d, fd, false);
    c->state = CONN_AWAIT_NAME;
    if (!dist_tls_conn_open(c, NULL)) {
        dist_conn_close(c, "TLS set-up failed");
        return;
    }
    watch(c);
}
