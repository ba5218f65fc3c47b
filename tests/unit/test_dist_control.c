/* test_dist_control.c - control messages a peer node must not send.
 *
 * A connection that is up receives a frame whose control message has a
 * tag OTP does not define: the BEAM logs "Invalid distribution message:"
 * with the term and kills the connection (erts dist.c); so must ciex,
 * instead of ignoring it. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ciex/dist.h"
#include "ciex/vm.h"
#include "dist/dist_internal.h"

typedef struct run_state {
    dist *d;
    bool timed_out;
    char log[4096];
    size_t log_len;
} run_state;

static void capture(void *ctx, const char *text, size_t len)
{
    run_state *s = ctx;
    size_t room = sizeof s->log - 1 - s->log_len;
    if (len > room) len = room;
    memcpy(s->log + s->log_len, text, len);
    s->log_len += len;
    s->log[s->log_len] = '\0';
}

static void time_out(vm_runtime *rt, void *ctx)
{
    (void)rt;
    ((run_state *)ctx)->timed_out = true;
}

static bool settled(void *ctx)
{
    run_state *s = ctx;
    return s->timed_out || !s->d->conns || s->d->conns->state == CONN_DEAD;
}

/* A node with one connection that is up, its peer's end in *peer. */
static dist *node_with_peer(run_state *s, int *peer)
{
    int sv[2];
    cr_assert_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv), 0);
    vm_runtime *rt = vm_runtime_new();
    vm_set_output(rt, capture, s);
    dist *d = calloc(1, sizeof *d);
    d->rt = rt;
    d->node = term_atom("unit@host");
    d->creation = 1;
    snprintf(d->cookie, sizeof d->cookie, "COOKIE");
    d->node_monitors = TERM_NIL;
    d->node_watchers = TERM_NIL;
    d->spawn_requests = TERM_NIL;
    d->started = true;
    d->listen_fd = -1;
    d->epmd_fd = -1;
    d->ticktime_ms = 60000;
    dist_install_ops(d);
    vm_set_node(rt, d->node, d->creation);
    dist_accept(d, sv[0]);
    d->conns->state = CONN_UP;
    d->conns->node = term_atom("peer@host");
    d->conns->peer_flags = ~0ull;
    d->conns->index = 1;
    *peer = sv[1];
    s->d = d;
    return d;
}

Test(dist_control, unknown_control_message_drops_the_connection)
{
    term_init();
    run_state s = {0};
    int peer;
    dist *d = node_with_peer(&s, &peer);
    /* pass-through 112, then {99, :x} in the external term format */
    const uint8_t frame[] = {0, 0, 0, 9, 112, 131, 104, 2, 97, 99, 119, 1, 'x'};
    cr_assert_eq(write(peer, frame, sizeof frame), (ssize_t)sizeof frame);
    vm_call_later(d->rt, 2000, time_out, &s);
    vm_run(d->rt, settled, &s);
    cr_assert(!s.timed_out, "the connection is still up after an unknown control message");
    cr_assert(strstr(s.log, "[error] Invalid distribution message: {99, :x}"), "log: %s", s.log);
    /* the peer's end sees the connection closed */
    uint8_t byte;
    ssize_t k;
    do k = read(peer, &byte, 1);
    while (k > 0);
    cr_assert_eq(k, 0, "the peer's end is still open");
    close(peer);
    vm_runtime *rt = d->rt;
    dist_stop(rt);
    vm_runtime_free(rt);
}
