/* dist_global_bifs.c - the few facts about connections that the global
 * name server (src/lang/prelude/63_global.ex) needs and the node BIFs do
 * not give:
 *
 *   :ciex_dist.node_info(node)      {:visible | :hidden, connection_id}
 *                                   of the connection that is up, or
 *                                   :undefined.  global.erl only serves
 *                                   visible nodes (net_kernel's
 *                                   monitor_nodes with node_type visible)
 *                                   and keeps connection ids apart.
 *   :ciex_dist.send_noconnect(dest, msg)
 *                                   erlang:send(Dest, Msg, [noconnect]):
 *                                   :noconnect rather than connecting to
 *                                   a node there is no connection to
 *                                   (global's gns_volatile_send).
 *   :ciex_dist.creation()           erlang:system_info(creation)
 */
#include "dist_internal.h"

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

static dist *dist_of(vm_process *p)
{
    const vm_dist_ops *ops = vm_dist(vm_process_runtime(p));
    return ops ? ops->ctx : NULL;
}

BIF(bif_node_info)
{
    if (!term_is_atom(a[0])) return vm_badarg(p);
    dist *d = dist_of(p);
    dist_conn *c = d && d->started ? d->conns : NULL;
    while (c && !(c->node == a[0] && c->state == CONN_UP)) c = c->next; /* not an attempt being set up */
    if (!c) {
        *r = term_atom("undefined");
        return VM_OK;
    }
    bool hidden = !(c->peer_flags & DFLAG_PUBLISHED) || d->hidden;
    *r = term_tuple2(term_atom(hidden ? "hidden" : "visible"), term_small(c->index));
    return VM_OK;
}

/* The node a destination lives on: a pid's, or {name, node}'s. */
static term dest_node(term dest)
{
    if (term_is_pid(dest)) return term_pid_ptr(dest)->node;
    if (term_is_tuple(dest) && term_tuple_arity(dest) == 2 && term_is_atom(term_tuple_get(dest, 0)) &&
        term_is_atom(term_tuple_get(dest, 1)))
        return term_tuple_get(dest, 1);
    return TERM_NONE;
}

BIF(bif_send_noconnect)
{
    vm_runtime *rt = vm_process_runtime(p);
    term dest = a[0], node = dest_node(dest);
    if (node == TERM_NONE) return vm_badarg(p);
    dist *d = dist_of(p);
    bool local = term_is_pid(dest) ? vm_pid_is_local(rt, dest) : node == vm_node_name(rt);
    if (local) {
        if (term_is_pid(dest)) vm_send(rt, dest, term_retain(a[1]));
        else vm_send_registered(rt, term_tuple_get(dest, 0), term_retain(a[1]));
        *r = TERM_ATOM_OK;
        return VM_OK;
    }
    if (!d || !d->started || !dist_find_conn(d, node)) {
        *r = term_atom("noconnect");
        return VM_OK;
    }
    const vm_dist_ops *ops = vm_dist(rt);
    if (term_is_pid(dest)) ops->send(ops->ctx, vm_process_pid(p), dest, term_retain(a[1]));
    else ops->reg_send(ops->ctx, vm_process_pid(p), term_tuple_get(dest, 0), node, term_retain(a[1]));
    *r = TERM_ATOM_OK;
    return VM_OK;
}

BIF(bif_creation)
{
    (void)a;
    *r = term_int_from_u64(vm_node_creation(vm_process_runtime(p)));
    return VM_OK;
}

static const vm_bif_def global_bifs[] = {
    {"ciex_dist", "node_info", 1, bif_node_info},
    {"ciex_dist", "send_noconnect", 2, bif_send_noconnect},
    {"ciex_dist", "creation", 0, bif_creation},
    {NULL, NULL, 0, NULL},
};

void dist_global_register_bifs(vm_runtime *rt);
void dist_global_register_bifs(vm_runtime *rt) { vm_register_bifs(rt, global_bifs); }
