/* quiescence.c - what of the distribution is still in flight on this node.
 *
 *   :ciex_dist.in_flight()   {handshakes, queued, unread}
 *
 * handshakes: connections still in their handshake, and connections
 * waiting on the listening socket to be accepted; queued: bytes and
 * frames not yet written to a peer (the output buffer, frames held during
 * a handshake or until a fun layout is learnt); unread: bytes a peer sent
 * that this node has not decoded yet (the socket's receive queue and a
 * partial frame).  Connections to hidden nodes are not counted: they are
 * in no Node.list and no :global view, and the replay's probe that asks
 * is one of them.  All three are 0 when nothing this node is part of is
 * on its way: with an empty run queue (:erlang.statistics(:run_queue))
 * and no :global connection in progress, the node is quiescent.  A replay
 * asks every node before each input (docs/replay.md). */
#include <poll.h>
#include <sys/ioctl.h>

#include "dist_internal.h"

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

static dist *dist_of(vm_process *p)
{
    const vm_dist_ops *ops = vm_dist(vm_process_runtime(p));
    return ops ? ops->ctx : NULL;
}

static bool accept_waiting(int fd)
{
    struct pollfd pfd = {fd, POLLIN, 0};
    return fd >= 0 && poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN);
}

BIF(bif_in_flight)
{
    (void)a;
    dist *d = dist_of(p);
    intptr_t handshakes = 0, queued = 0, unread = 0;
    if (d && d->started) {
        handshakes += accept_waiting(d->listen_fd);
        for (dist_conn *c = d->conns; c; c = c->next) {
            /* hidden peers (the replay's probe, whose own call is being
             * answered) are no part of the cluster being settled */
            if (c->state == CONN_DEAD || (c->state == CONN_UP && !(c->peer_flags & DFLAG_PUBLISHED))) continue;
            if (c->state != CONN_UP) handshakes++;
            queued += (intptr_t)dist_conn_out_queued(c) + (intptr_t)c->pending.len + (c->held != TERM_NIL);
            int waiting = 0;
            if (c->fd >= 0 && ioctl(c->fd, FIONREAD, &waiting) == 0) unread += waiting;
            unread += (intptr_t)c->in_len;
        }
    }
    *r = term_tuple3(term_small(handshakes), term_small(queued), term_small(unread));
    return VM_OK;
}

static const vm_bif_def quiescence_bifs[] = {
    {"ciex_dist", "in_flight", 0, bif_in_flight},
    {NULL, NULL, 0, NULL},
};

void dist_quiescence_register_bifs(vm_runtime *rt);
void dist_quiescence_register_bifs(vm_runtime *rt) { vm_register_bifs(rt, quiescence_bifs); }
