/* cut.c - a cut link: this node and another drop each other's traffic,
 * so that a lesson can replay a network partition (docs/replay.md,
 * "Failures on cue").
 *
 *   :ciex_dist.cut(node)    from now on nothing goes to node or is read
 *                           from it: frames and ticks sent are lost, what
 *                           arrives is read and thrown away, a new
 *                           connection either way fails
 *   :ciex_dist.heal(node)   traffic flows again
 *
 * A cut connection stays up until the tick timeout finds it silent, even
 * when the peer closes its end (the close is lost with the rest); when it
 * goes down, its socket is kept open until the link is healed, so that
 * the peer does not hear of the close either (a BEAM peer then times out
 * on its own, net_tick_timeout, as after a real partition)
 * (net_ticktime, 60 s unless -kernel net_ticktime says otherwise): both
 * ends then log "** Node ... not responding **" and see the node go down
 * with net_tick_timeout, as after a real partition.  The peer needs to
 * know nothing of it: against a BEAM node, the ciex side's silence makes
 * the BEAM's ticker time out as well.  Unlike TCP over a network that
 * comes back, what was sent during the cut is lost, not delivered late. */
#include <unistd.h>

#include "dist_internal.h"

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

static dist *dist_of(vm_process *p)
{
    const vm_dist_ops *ops = vm_dist(vm_process_runtime(p));
    return ops ? ops->ctx : NULL;
}

bool dist_is_cut(const dist *d, term node)
{
    for (size_t i = 0; i < d->ncut; i++)
        if (d->cut[i] == node) return true;
    return false;
}

void dist_cut_keep_socket(dist *d, term node, int fd)
{
    struct dist_cut_socket *k = ciex_xrealloc(d->cut_sockets, (d->ncut_sockets + 1) * sizeof *k, "dist");
    d->cut_sockets = k;
    k[d->ncut_sockets++] = (struct dist_cut_socket){node, fd};
}

void dist_cut_close_sockets(dist *d, term node)
{
    size_t kept = 0;
    for (size_t i = 0; i < d->ncut_sockets; i++) {
        if (node == TERM_NONE || d->cut_sockets[i].node == node) close(d->cut_sockets[i].fd);
        else d->cut_sockets[kept++] = d->cut_sockets[i];
    }
    d->ncut_sockets = kept;
}

static void mark(dist *d, term node, bool cut)
{
    for (dist_conn *c = d->conns; c; c = c->next)
        if (c->node == node) c->cut = cut;
}

BIF(bif_cut)
{
    dist *d = dist_of(p);
    if (!term_is_atom(a[0])) return vm_badarg(p);
    if (!d || !d->started) {
        *r = term_tuple2(term_atom("error"), term_atom("not_alive"));
        return VM_OK;
    }
    if (!dist_is_cut(d, a[0])) {
        d->cut = ciex_xrealloc(d->cut, (d->ncut + 1) * sizeof *d->cut, "dist");
        d->cut[d->ncut++] = a[0]; /* an atom: nothing to retain */
    }
    mark(d, a[0], true);
    *r = TERM_ATOM_OK;
    return VM_OK;
}

BIF(bif_heal)
{
    dist *d = dist_of(p);
    if (!term_is_atom(a[0])) return vm_badarg(p);
    if (!d || !d->started) {
        *r = term_tuple2(term_atom("error"), term_atom("not_alive"));
        return VM_OK;
    }
    size_t kept = 0;
    for (size_t i = 0; i < d->ncut; i++)
        if (d->cut[i] != a[0]) d->cut[kept++] = d->cut[i];
    d->ncut = kept;
    mark(d, a[0], false);
    dist_cut_close_sockets(d, a[0]);
    *r = TERM_ATOM_OK;
    return VM_OK;
}

static const vm_bif_def cut_bifs[] = {
    {"ciex_dist", "cut", 1, bif_cut},
    {"ciex_dist", "heal", 1, bif_heal},
    {NULL, NULL, 0, NULL},
};

void dist_cut_register_bifs(vm_runtime *rt) { vm_register_bifs(rt, cut_bifs); }
