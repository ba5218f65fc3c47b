/* dist.c - starting a distributed node, the tick that keeps connections
 * honest, and the BIFs about nodes (node names, Node.list, connecting,
 * cookies, node monitors). */
#define _GNU_SOURCE /* accept4 */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "dist_internal.h"

int64_t dist_now_ms(void) { return vm_now_ms(); }

static dist *dist_of(vm_process *p)
{
    const vm_dist_ops *ops = vm_dist(vm_process_runtime(p));
    return ops ? ops->ctx : NULL;
}

/* ---- listening ---- */

static int listen_on(int min, int max, int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    for (int p = min; p <= max; p++) {
        struct sockaddr_in a = {0};
        a.sin_family = AF_INET;
        a.sin_port = htons((uint16_t)p);
        a.sin_addr.s_addr = htonl(INADDR_ANY);
        if (bind(fd, (struct sockaddr *)&a, sizeof a) == 0 && listen(fd, 128) == 0) {
            socklen_t len = sizeof a;
            getsockname(fd, (struct sockaddr *)&a, &len);
            *port = ntohs(a.sin_port);
            return fd;
        }
        if (min == 0) break;
    }
    close(fd);
    return -1;
}

/* How long the node stops accepting when it has no descriptor left. */
#define ACCEPT_BACKOFF_MS 100

static void on_accept(vm_runtime *rt, int fd, void *ctx);

static void accept_again(vm_runtime *rt, void *ctx)
{
    /* the distribution may have stopped meanwhile (ctx is then freed:
     * compared, never followed) */
    const vm_dist_ops *ops = vm_dist(rt);
    if (!ops || ops->ctx != ctx) return;
    dist *d = ctx;
    if (d->started) vm_watch_fd(rt, d->listen_fd, on_accept, d);
}

static void on_accept(vm_runtime *rt, int fd, void *ctx)
{
    dist *d = ctx;
    for (;;) {
        int c = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (c < 0 && (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)) {
            /* out of descriptors: the peer waits in the backlog while the
             * listening socket, still readable, is left alone for a while
             * (else the event loop would spin on it) */
            vm_unwatch_fd(rt, fd);
            vm_call_later(rt, ACCEPT_BACKOFF_MS, accept_again, d);
            return;
        }
        if (c < 0) return;
        int one = 1;
        setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        dist_accept(d, c);
    }
}

/* ---- ticks and timeouts ---- */

/* Handshakes that take too long are dropped by a housekeeping timer; the
 * ticker is net_kernel's: every ticktime/intensity it looks at each
 * connection as dist_util's send_tick does.  Nothing read for `intensity`
 * ticks in a row: the peer is not responding and the connection goes, with
 * OTP's log line.  Nothing written since the last tick and nothing waiting
 * (or, on a hidden connection, nothing read): a tick goes out.  A silent
 * peer is thus dropped between (intensity-1)/intensity of the tick time and
 * the tick time, as on the BEAM. */

#define HOUSEKEEPING_MS 1000
#define TICK_INTENSITY 4

static const uint8_t tick_frame[4] = {0, 0, 0, 0};

static bool conn_is_hidden(dist *d, dist_conn *c) { return !(c->peer_flags & DFLAG_PUBLISHED) || d->hidden; }

static void on_housekeeping(vm_runtime *rt, void *ctx)
{
    /* after dist_stop the state is gone: the pointer is compared, never
     * followed */
    const vm_dist_ops *ops = vm_dist(rt);
    if (!ops || ops->ctx != ctx) return;
    dist *d = ctx;
    int64_t now = dist_now_ms();
    for (dist_conn *c = d->conns; c; c = c->next)
        if (c->state != CONN_DEAD && c->state != CONN_UP && now - c->started > d->setuptime_ms) {
            dist_tls_setup_timed_out(c);
            dist_conn_close(c, "handshake timeout");
        }
    vm_call_later(rt, HOUSEKEEPING_MS, on_housekeeping, d);
}

static void log_not_responding(dist *d, term node)
{
    char *name = term_inspect(node, NULL, NULL);
    char text[700];
    snprintf(text, sizeof text, "** Node %s not responding **\n** Removing (timedout) connection **", name);
    free(name);
    dist_log_error(d, text);
}

static void conn_tick(dist *d, dist_conn *c)
{
    bool read = c->nrecv != c->tick_read;
    c->tick_read = c->nrecv;
    if (read) {
        c->idle_ticks = 0;
    } else if (++c->idle_ticks >= d->tick_intensity) {
        log_not_responding(d, c->node);
        dist_conn_close(c, "net_tick_timeout");
        return;
    }
    bool idle_out = c->nsent == c->tick_written && !dist_conn_out_queued(c);
    if (idle_out || (!read && conn_is_hidden(d, c))) dist_conn_send_raw(c, tick_frame, 4);
    c->tick_written = c->nsent;
}

/* One per ticker timer started; a timer of an older generation stops at
 * its next firing.  The dist keeps them all, so that dist_stop frees the
 * ones still pending. */
typedef struct dist_ticker {
    dist *d;
    uint64_t gen;
    struct dist_ticker *next;
} ticker;

static void ticker_free(ticker *t)
{
    for (ticker **pp = &t->d->tickers; *pp; pp = &(*pp)->next)
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    free(t);
}

static void on_ticker(vm_runtime *rt, void *ctx)
{
    if (!vm_dist(rt)) return; /* dist_stop freed the tickers */
    ticker *t = ctx;
    dist *d = t->d;
    if (t->gen != d->ticker_gen || !d->started) {
        ticker_free(t);
        return;
    }
    for (dist_conn *c = d->conns; c; c = c->next)
        if (c->state == CONN_UP) conn_tick(d, c);
    vm_call_later(rt, d->tick_interval_ms, on_ticker, t);
}

/* (Re)starts the ticker with a new interval, counted from now, as
 * net_kernel's ticker does when told {new_ticktime, Interval}. */
static void start_ticker(dist *d, int64_t interval_ms)
{
    ticker *t = malloc(sizeof *t);
    if (!t) abort();
    t->d = d;
    t->gen = ++d->ticker_gen;
    t->next = d->tickers;
    d->tickers = t;
    d->tick_interval_ms = interval_ms;
    vm_call_later(d->rt, interval_ms, on_ticker, t);
}

/* An aux tick (net_kernel's transition period): a tick on every connection
 * that has nothing waiting to be written. */
static void aux_tick(dist *d)
{
    for (dist_conn *c = d->conns; c; c = c->next)
        if (c->state == CONN_UP && (!dist_conn_out_queued(c) || conn_is_hidden(d, c)))
            dist_conn_send_raw(c, tick_frame, 4);
}

/* ---- start ---- */

static void short_host(char *out, size_t n)
{
    char host[256];
    if (gethostname(host, sizeof host) != 0) snprintf(host, sizeof host, "localhost");
    host[strcspn(host, ".")] = '\0';
    snprintf(out, n, "%s", host);
}

static bool start(vm_runtime *rt, dist *d, const dist_config *cfg, char *err, size_t errlen);

bool dist_start(vm_runtime *rt, const dist_config *cfg, char *err, size_t errlen)
{
    const vm_dist_ops *existing = vm_dist(rt);
    dist *d = existing ? existing->ctx : NULL;
    if (!d) {
        d = ciex_xcalloc(1, sizeof *d, "dist");
        d->rt = rt;
        d->node_monitors = TERM_NIL;
        d->node_watchers = TERM_NIL;
        d->spawn_requests = TERM_NIL;
    }
    if (start(rt, d, cfg, err, errlen)) return true;
    if (!existing) free(d); /* nothing else is held before the node has started */
    return false;
}

static bool start(vm_runtime *rt, dist *d, const dist_config *cfg, char *err, size_t errlen)
{
    d->hidden = cfg->hidden;
    d->longnames = cfg->longnames;
    d->epmd_port = cfg->epmd_port > 0 ? cfg->epmd_port : dist_epmd_port();
    d->ticktime_ms = (cfg->ticktime_s > 0 ? cfg->ticktime_s : 60) * 1000;
    /* the BEAM's net_setuptime: 7 s unless set */
    d->setuptime_ms = (cfg->setuptime_s > 0 ? cfg->setuptime_s : 7) * 1000;
    d->tick_intensity = TICK_INTENSITY;
    /* net_kernel rounds a tick time up to a multiple of the intensity */
    d->ticktime_ms = (d->ticktime_ms + TICK_INTENSITY - 1) / TICK_INTENSITY * TICK_INTENSITY;
    /* the BEAM's dist_buf_busy_limit (+zdbbl): 1024 KiB unless set */
    d->busy_limit = (size_t)(cfg->dist_buf_busy_limit_kb > 0 ? cfg->dist_buf_busy_limit_kb : 1024) * 1024;
    if (cfg->cookie) {
        if (!dist_check_cookie(cfg->cookie, err, errlen)) return false;
        snprintf(d->cookie, sizeof d->cookie, "%s", cfg->cookie);
    } else if (!dist_read_cookie(d->cookie, sizeof d->cookie, err, errlen)) return false;
    const char *at = strchr(cfg->name, '@');
    if (at) {
        snprintf(d->alive, sizeof d->alive, "%.*s", (int)(at - cfg->name), cfg->name);
        snprintf(d->host, sizeof d->host, "%s", at + 1);
    } else {
        snprintf(d->alive, sizeof d->alive, "%s", cfg->name);
        if (cfg->longnames) {
            char host[256];
            if (gethostname(host, sizeof host) != 0) snprintf(host, sizeof host, "localhost");
            snprintf(d->host, sizeof d->host, "%s", host);
        } else {
            short_host(d->host, sizeof d->host);
        }
    }
    if (!d->alive[0]) {
        snprintf(err, errlen, "invalid node name '%s'", cfg->name);
        return false;
    }
    /* a peer that vanishes must not kill us with SIGPIPE on the next write */
    signal(SIGPIPE, SIG_IGN);
    /* -proto_dist inet_tls: a certificate or key that cannot be read stops
     * the node here, before it is known to anyone */
    if (!dist_tls_start(d, cfg, err, errlen)) return false;
    d->listen_fd = listen_on(cfg->listen_min, cfg->listen_max ? cfg->listen_max : cfg->listen_min, &d->listen_port);
    if (d->listen_fd < 0) {
        snprintf(err, errlen, "cannot listen for distribution connections: %s", strerror(errno));
        dist_tls_stop(d);
        return false;
    }
    d->epmd_fd = epmd_register(d->epmd_port, d->alive, d->listen_port, d->hidden, &d->creation);
    if (d->epmd_fd == -1) {
        /* nothing answers: start our own EPMD, as erl does.  When the port
         * is taken, another node starting at this moment may be starting
         * its EPMD there: keep trying to register for a second either way */
        epmd_spawn_daemon(d->epmd_port, cfg->epmd_program);
        for (int i = 0; i < 50 && d->epmd_fd == -1; i++) {
            d->epmd_fd = epmd_register(d->epmd_port, d->alive, d->listen_port, d->hidden, &d->creation);
            if (d->epmd_fd == -1) usleep(20000);
        }
    }
    if (d->epmd_fd < 0) {
        close(d->listen_fd);
        dist_tls_stop(d);
        if (d->epmd_fd == -2)
            snprintf(err, errlen, "the name %s@%s seems to be in use by another Erlang node", d->alive, d->host);
        else
            snprintf(err, errlen, "cannot register with EPMD on port %d", d->epmd_port);
        return false;
    }
    if (cfg->trace_file && !d->trace_file && !dist_trace_open(d, cfg->trace_file, err, errlen)) {
        close(d->listen_fd);
        close(d->epmd_fd);
        return false;
    }
    char full[600];
    snprintf(full, sizeof full, "%s@%s", d->alive, d->host);
    d->node = term_atom(full);
    vm_set_node(rt, d->node, d->creation);
    d->started = true;
    dist_install_ops(d);
    vm_watch_fd(rt, d->listen_fd, on_accept, d);
    vm_call_later(rt, HOUSEKEEPING_MS, on_housekeeping, d);
    start_ticker(d, d->ticktime_ms / d->tick_intensity);
    return true;
}

/* A socket closed with bytes from the peer still unread is reset (RST),
 * which may cost the peer what it had not read yet of the last frames we
 * wrote: a node that stops reads what came first and ends its side with
 * a FIN. */
static void close_gently(int fd)
{
    char sink[4096];
    for (int i = 0; i < 64 && recv(fd, sink, sizeof sink, MSG_DONTWAIT) > 0; i++) {}
    shutdown(fd, SHUT_WR);
    close(fd);
}

void dist_stop(vm_runtime *rt)
{
    const vm_dist_ops *ops = vm_dist(rt);
    dist *d = ops ? ops->ctx : NULL;
    if (!d || !d->started) return;
    for (dist_conn *c = d->conns; c; c = c->next) {
        if (c->fd >= 0) {
            vm_unwatch_fd(rt, c->fd);
            dist_tls_conn_free(c);
            close_gently(c->fd);
            c->fd = -1;
        }
        c->state = CONN_DEAD;
    }
    vm_unwatch_fd(rt, d->listen_fd);
    close(d->listen_fd);
    close(d->epmd_fd);
    d->started = false;
    d->to_flush = NULL;
    vm_clear_dist(rt);
    while (d->conns) {
        dist_conn *c = d->conns;
        d->conns = c->next;
        dist_conn_free(c);
    }
    while (d->tickers) {
        ticker *t = d->tickers;
        d->tickers = t->next;
        free(t);
    }
    dist_tls_stop(d);
    free(d->gone);
    d->gone = NULL;
    d->ngone = 0;
    free(d->node_cookies);
    dist_trace_close(d);
    dist_cut_close_sockets(d, TERM_NONE);
    free(d->cut_sockets);
    free(d->cut);
    term_release(d->node_monitors);
    term_release(d->node_watchers);
    term_release(d->spawn_requests);
    free(d);
}

/* ---- BIFs ---- */

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

/* nodes connected and up, as the BEAM lists them: in the order their
 * connections came up (the index is given at that moment), oldest first */
static term node_list(dist *d, bool visible, bool hidden)
{
    dist_conn *items[4096];
    uint32_t n = 0;
    for (dist_conn *c = d ? d->conns : NULL; c && n < 4096; c = c->next) {
        if (c->state != CONN_UP) continue;
        bool is_hidden = !(c->peer_flags & DFLAG_PUBLISHED) || d->hidden;
        if ((is_hidden && hidden) || (!is_hidden && visible)) items[n++] = c;
    }
    for (uint32_t i = 1; i < n; i++)
        for (uint32_t j = i; j > 0 && items[j - 1]->index < items[j]->index; j--) {
            dist_conn *t = items[j];
            items[j] = items[j - 1];
            items[j - 1] = t;
        }
    term l = TERM_NIL;
    for (uint32_t i = 0; i < n; i++) l = term_cons_new(items[i]->node, l);
    return l;
}

BIF(bif_nodes0)
{
    (void)a;
    *r = node_list(dist_of(p), true, false);
    return VM_OK;
}

/* Whether a node once connected is connected now. */
static bool is_up(dist *d, term node)
{
    for (dist_conn *c = d->conns; c; c = c->next)
        if (c->node == node && c->state == CONN_UP) return true;
    return false;
}

/* erlang:nodes(Kinds), Kinds one of visible, hidden, connected, this and
 * known or a list of them.  The BEAM lists this node after the others,
 * and the known nodes as its node table holds them: nonode@nohost (the
 * name of every node at boot), the nodes once connected (the BEAM keeps
 * them while pids name them, and some time after; here for good), then
 * the connected ones and this node. */
BIF(bif_nodes1)
{
    dist *d = dist_of(p);
    term kinds = term_is_atom(a[0]) ? term_cons_new(a[0], TERM_NIL) : term_retain(a[0]);
    bool visible = false, hidden = false, this = false, known = false;
    bool ok = term_list_length(kinds) >= 0;
    for (term l = kinds; ok && term_is_cons(l); l = term_tail(l)) {
        term k = term_head(l);
        if (k == term_atom("visible")) visible = true;
        else if (k == term_atom("hidden")) hidden = true;
        else if (k == term_atom("connected")) visible = hidden = true;
        else if (k == term_atom("known")) visible = hidden = this = known = true;
        else if (k == term_atom("this")) this = true;
        else ok = false;
    }
    term_release(kinds);
    if (!ok) return vm_badarg(p);
    term self = vm_node_name(vm_process_runtime(p));
    term connected = node_list(d, visible, hidden);
    term tail = this ? term_cons_new(self, TERM_NIL) : TERM_NIL;
    /* connected ++ tail, then the known nodes in front */
    term items[4096];
    uint32_t n = 0;
    for (term l = connected; term_is_cons(l) && n < 4096; l = term_tail(l)) items[n++] = term_head(l);
    while (n) tail = term_cons_new(items[--n], tail);
    term_release(connected);
    for (size_t i = d && known ? d->ngone : 0; i-- > 0;)
        if (!is_up(d, d->gone[i].node) && d->gone[i].node != self) tail = term_cons_new(d->gone[i].node, tail);
    if (known && self != TERM_ATOM_NONODE) tail = term_cons_new(TERM_ATOM_NONODE, tail);
    *r = tail;
    return VM_OK;
}

BIF(bif_is_alive)
{
    (void)a;
    dist *d = dist_of(p);
    *r = term_bool(d && d->started);
    return VM_OK;
}

/* :ciex_dist.connect(node): true/false at once, or {:wait, ref} and a
 * {ref, true | false} message when the handshake ends. */
BIF(bif_connect)
{
    dist *d = dist_of(p);
    if (!term_is_atom(a[0])) return vm_badarg(p);
    if (!d || !d->started) {
        *r = term_atom("ignored");
        return VM_OK;
    }
    if (a[0] == d->node) {
        *r = TERM_TRUE;
        return VM_OK;
    }
    dist_conn *c = dist_connect(d, a[0]);
    if (!c) {
        *r = TERM_FALSE;
        return VM_OK;
    }
    if (c->state == CONN_UP) {
        *r = TERM_TRUE;
        return VM_OK;
    }
    term ref = vm_new_ref(d->rt);
    c->waiters = term_cons_new(term_tuple2(term_retain(vm_process_pid(p)), term_retain(ref)), c->waiters);
    *r = term_tuple2(term_atom("wait"), ref);
    return VM_OK;
}

BIF(bif_disconnect)
{
    dist *d = dist_of(p);
    if (!term_is_atom(a[0])) return vm_badarg(p);
    dist_conn *c = d ? dist_find_conn(d, a[0]) : NULL;
    if (!c) {
        *r = d && d->started ? TERM_FALSE : term_atom("ignored");
        return VM_OK;
    }
    dist_conn_close(c, "disconnect");
    *r = TERM_TRUE;
    return VM_OK;
}

BIF(bif_get_cookie)
{
    (void)a;
    dist *d = dist_of(p);
    *r = d && d->started ? term_atom(d->cookie) : TERM_ATOM_NONODE;
    return VM_OK;
}

BIF(bif_set_cookie1)
{
    dist *d = dist_of(p);
    if (!term_is_atom(a[0])) return vm_badarg(p);
    if (d) snprintf(d->cookie, sizeof d->cookie, "%s", term_atom_name(a[0]));
    *r = TERM_TRUE;
    return VM_OK;
}

/* erlang:set_cookie(Node, Cookie): the cookie of handshakes with Node
 * (ours, when Node is this node), as auth.erl keeps them. */
BIF(bif_set_cookie2)
{
    dist *d = dist_of(p);
    if (!term_is_atom(a[0]) || !term_is_atom(a[1])) return vm_badarg(p);
    if (d && a[0] == d->node) snprintf(d->cookie, sizeof d->cookie, "%s", term_atom_name(a[1]));
    else if (d) dist_set_node_cookie(d, a[0], term_atom_name(a[1]));
    *r = TERM_TRUE;
    return VM_OK;
}

BIF(bif_get_cookie1)
{
    dist *d = dist_of(p);
    if (!term_is_atom(a[0])) return vm_badarg(p);
    *r = d && d->started ? term_atom(dist_cookie_for(d, a[0])) : TERM_ATOM_NONODE;
    return VM_OK;
}

/* Adds (true) a node monitor subscription of the calling process with
 * these options, or removes (false) every one it has with exactly them.
 * Subscriptions of processes that have ended go at the same time. */
static term monitor_nodes(vm_process *p, term flag, term opts)
{
    dist *d = dist_of(p);
    term pid = vm_process_pid(p);
    if (!d) return TERM_ATOM_OK;
    term kept = TERM_NIL;
    for (term l = d->node_monitors; term_is_cons(l); l = term_tail(l)) {
        term sub = term_head(l);
        if (!vm_find_process(d->rt, term_tuple_get(sub, 0))) continue;
        if (flag == TERM_TRUE || !term_exact_equal(term_tuple_get(sub, 0), pid) ||
            !term_exact_equal(term_tuple_get(sub, 1), opts))
            kept = term_cons_new(term_retain(sub), kept);
    }
    if (flag == TERM_TRUE) kept = term_cons_new(term_tuple2(term_retain(pid), term_retain(opts)), kept);
    /* kept is newest first: subscribers are told oldest first */
    term ordered = TERM_NIL;
    for (term l = kept; term_is_cons(l); l = term_tail(l)) ordered = term_cons_new(term_retain(term_head(l)), ordered);
    term_release(kept);
    term_release(d->node_monitors);
    d->node_monitors = ordered;
    return TERM_ATOM_OK;
}

/* :ciex_dist.monitor_nodes(flag): every node, visible or hidden, as
 * {nodeup, node} / {nodedown, node} (the :global server's subscription) */
BIF(bif_monitor_nodes)
{
    if (a[0] != TERM_TRUE && a[0] != TERM_FALSE) return vm_badarg(p);
    *r = monitor_nodes(p, a[0], term_atom("ciex_all"));
    return VM_OK;
}

/* :ciex_dist.monitor_nodes(flag, opts): net_kernel:monitor_nodes/1,2,
 * opts [] (plain) or the option map :net_kernel checked */
BIF(bif_monitor_nodes2)
{
    if ((a[0] != TERM_TRUE && a[0] != TERM_FALSE) || (a[1] != TERM_NIL && !term_is_map(a[1]))) return vm_badarg(p);
    *r = monitor_nodes(p, a[0], a[1]);
    return VM_OK;
}

BIF(bif_monitor_node)
{
    dist *d = dist_of(p);
    if (!term_is_atom(a[0])) return vm_badarg(p);
    if (!d || !d->started) {
        *r = TERM_TRUE;
        return VM_OK;
    }
    term pid = vm_process_pid(p);
    if (a[1] == TERM_TRUE) {
        if (!dist_connect(d, a[0])) {
            vm_send(d->rt, pid, term_tuple2(term_atom("nodedown"), a[0]));
        } else {
            d->node_watchers = term_cons_new(term_tuple2(term_retain(pid), a[0]), d->node_watchers);
        }
    } else {
        term kept = TERM_NIL;
        bool dropped = false;
        for (term l = d->node_watchers; term_is_cons(l); l = term_tail(l)) {
            term w = term_head(l);
            if (!dropped && term_exact_equal(term_tuple_get(w, 0), pid) && term_tuple_get(w, 1) == a[0]) dropped = true;
            else kept = term_cons_new(term_retain(w), kept);
        }
        term_release(d->node_watchers);
        d->node_watchers = kept;
    }
    *r = TERM_TRUE;
    return VM_OK;
}

/* :ciex_dist.ticker(): {tick time in ms as configured, intensity}, or
 * :ignored on a node that is not distributed (net_kernel's state) */
BIF(bif_ticker)
{
    (void)a;
    dist *d = dist_of(p);
    *r = d && d->started ? term_tuple2(term_small(d->ticktime_ms), term_small(d->tick_intensity)) : term_atom("ignored");
    return VM_OK;
}

/* :ciex_dist.longnames(): whether the node has a long name (--name) */
BIF(bif_longnames)
{
    (void)a;
    dist *d = dist_of(p);
    *r = d && d->started ? term_bool(d->longnames) : term_atom("ignored");
    return VM_OK;
}

/* :ciex_dist.set_ticker(interval_ms): the ticker ticks every interval_ms
 * from now on */
BIF(bif_set_ticker)
{
    dist *d = dist_of(p);
    if (!term_is_small(a[0]) || term_small_value(a[0]) < 1) return vm_badarg(p);
    if (d && d->started) start_ticker(d, (int64_t)term_small_value(a[0]));
    *r = TERM_ATOM_OK;
    return VM_OK;
}

/* :ciex_dist.set_ticker(interval_ms, intensity): also how many silent
 * intervals drop a connection; the replay's probe ticks often and waits
 * long, so that it keeps up with a lesson's short net_ticktime without
 * dropping nodes that tick slowly (docs/replay.md) */
BIF(bif_set_ticker2)
{
    dist *d = dist_of(p);
    if (!term_is_small(a[0]) || term_small_value(a[0]) < 1 || !term_is_small(a[1]) || term_small_value(a[1]) < 1)
        return vm_badarg(p);
    if (d && d->started) {
        d->tick_intensity = (int)term_small_value(a[1]);
        start_ticker(d, (int64_t)term_small_value(a[0]));
    }
    *r = TERM_ATOM_OK;
    return VM_OK;
}

BIF(bif_aux_tick)
{
    (void)a;
    dist *d = dist_of(p);
    if (d && d->started) aux_tick(d);
    *r = TERM_ATOM_OK;
    return VM_OK;
}

/* :ciex_dist.epmd_names(): the names the local EPMD knows */
BIF(bif_epmd_names)
{
    (void)a;
    dist *d = dist_of(p);
    char *text = epmd_names("127.0.0.1", d ? d->epmd_port : dist_epmd_port());
    if (!text) {
        *r = term_tuple2(term_atom("error"), term_atom("address"));
        return VM_OK;
    }
    term l = TERM_NIL;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char name[256];
        int port;
        if (sscanf(line, "name %255s at port %d", name, &port) == 2)
            l = term_cons_new(term_tuple2(term_charlist_from_utf8(name, strlen(name)), term_small(port)), l);
    }
    free(text);
    *r = term_tuple2(TERM_ATOM_OK, l);
    return VM_OK;
}

static const vm_bif_def dist_bifs[] = {
    {"erlang", "nodes", 0, bif_nodes0}, {"erlang", "nodes", 1, bif_nodes1},
    {"erlang", "is_alive", 0, bif_is_alive}, {"erlang", "disconnect_node", 1, bif_disconnect},
    {"erlang", "get_cookie", 0, bif_get_cookie}, {"erlang", "get_cookie", 1, bif_get_cookie1},
    {"erlang", "set_cookie", 1, bif_set_cookie1},
    {"erlang", "set_cookie", 2, bif_set_cookie2}, {"erlang", "monitor_node", 2, bif_monitor_node},
    {"ciex_dist", "monitor_nodes", 1, bif_monitor_nodes}, {"ciex_dist", "monitor_nodes", 2, bif_monitor_nodes2},
    {"ciex_dist", "connect", 1, bif_connect},
    {"ciex_dist", "epmd_names", 0, bif_epmd_names}, {"ciex_dist", "ticker", 0, bif_ticker},
    {"ciex_dist", "set_ticker", 1, bif_set_ticker}, {"ciex_dist", "aux_tick", 0, bif_aux_tick},
    {"ciex_dist", "set_ticker", 2, bif_set_ticker2},
    {"ciex_dist", "longnames", 0, bif_longnames},
    {NULL, NULL, 0, NULL},
};

void dist_global_register_bifs(vm_runtime *rt); /* dist_global_bifs.c */
void dist_quiescence_register_bifs(vm_runtime *rt); /* quiescence.c */
void dist_register_bifs(vm_runtime *rt)
{
    vm_register_bifs(rt, dist_bifs);
    dist_global_register_bifs(rt);
    dist_quiescence_register_bifs(rt);
    dist_fun_layout_register_bifs(rt);
    dist_trace_register_bifs(rt);
    dist_cut_register_bifs(rt);
}
