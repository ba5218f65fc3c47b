/* fun_layout.c - how a fun made by evaluation is laid out for each peer.
 *
 * A fun typed at a prompt leaves the node as the peer's own erl_eval would
 * have made it: module erl_eval, the index and uniq of the fun inside
 * erl_eval:expr/6 for that arity, and one free variable, the env
 * (src/lang/erl_eval.c makes it).  Index and uniq belong to the peer's
 * build of erl_eval, so they are learned from the peer once per
 * connection: the first frame that holds such a fun asks the process
 * registered as :ciex_fun_layouts (src/lang/prelude/69_erl_eval.ex) for
 * it; a learner process of that connection has the peer evaluate funs of
 * every arity and report their fun_info.  Until the answer comes
 * (:ciex_dist.set_fun_layout/2) that frame and every later one to the peer
 * wait in order (the learner's own go ahead), and are sent then; 1024 of
 * them make the connection busy, so senders suspend as they do on a busy
 * distribution port.  A peer that cannot tell (an error, no answer in
 * 60 s) gets ciex's own layout, which any ciex node accepts: ciex reads an
 * erl_eval fun by its env, not by its index.
 *
 * A shell fun with no translation to abstract format travels as before,
 * as a ciex_eval fun that carries its Elixir AST (only ciex nodes can run
 * it). */
#include <string.h>

#include "dist_internal.h"

/* ciex's own: what a peer that cannot tell us gets */
static void default_layout(dist_fun_layout *l)
{
    vm_erl_eval_own(&l->l);
    l->state = LAYOUT_KNOWN;
}

/* A ciex_eval fun: the Elixir AST and the names of the free variables
 * first, then their values. */
static term ciex_eval_fun(const term_fun *f, const vm_code *code)
{
    if (code->source == TERM_NONE || code->capture_names == TERM_NONE) return TERM_NONE;
    term wire = term_fun_new(term_atom("ciex_eval"), f->arity, f->index, f->uniq, f->old_index, f->old_uniq,
                             term_retain(f->pid), TERM_NONE, f->nfree + 1);
    term_fun_init_free(wire, 0, term_tuple3(term_atom("ciex_fun"), term_retain(code->source),
                                            term_retain(code->capture_names)));
    for (uint32_t i = 0; i < f->nfree; i++) term_fun_init_free(wire, i + 1, term_retain(f->free[i]));
    return wire;
}

term dist_fun_for_wire(void *ctx, term fun)
{
    dist_conn *c = ctx;
    const term_fun *f = term_fun_ptr(fun);
    if (f->code == TERM_NONE) return TERM_NONE; /* a fun from elsewhere goes as it came */
    const vm_code *code = term_resource_data(f->code);
    if (code->source == TERM_NONE) return TERM_NONE;
    vm_runtime *rt = c->d->rt;
    vm_erl_eval_layout own;
    vm_erl_eval_own(&own);
    term wire = vm_erl_eval_wire(rt, fun, c->layout.state == LAYOUT_KNOWN ? &c->layout.l : &own);
    if (wire == TERM_NONE) return ciex_eval_fun(f, code);
    if (c->layout.state != LAYOUT_KNOWN) {
        /* not yet known: the frame waits (dist_conn_send_frame) */
        c->needs_layout = true;
        term_release(wire);
        return TERM_NONE;
    }
    return wire;
}

/* An erl_eval fun that arrived: the local fun it came from, if it was
 * made here (so that it is == to itself after a round trip). */
term dist_fun_from_wire(void *ctx, term fun)
{
    dist *d = ctx;
    const vm_eval_funs *ef = vm_eval_funs_of(d->rt);
    return ef ? ef->local_of(d->rt, fun) : TERM_NONE;
}

void dist_layout_request(dist_conn *c)
{
    if (c->layout.state != LAYOUT_UNKNOWN) return;
    vm_runtime *rt = c->d->rt;
    if (vm_whereis(rt, term_atom("ciex_fun_layouts")) == TERM_NONE) {
        default_layout(&c->layout);
        return;
    }
    c->layout.state = LAYOUT_PENDING;
    vm_send_registered(rt, term_atom("ciex_fun_layouts"), term_tuple2(term_atom("learn"), c->node));
}

bool dist_from_layout_learner(dist_conn *c, term control)
{
    if (c->learner == TERM_NONE || !term_is_tuple(control)) return false;
    for (uint32_t i = 1; i < 3 && i < term_tuple_arity(control); i++)
        if (term_equal(term_tuple_get(control, i), c->learner)) return true;
    return false;
}

/* :ciex_dist.layout_learner(node): the calling process asks node for its
 * layout; its frames to node go ahead of those held for it. */
static vm_status bif_layout_learner(vm_process *p, const term *a, term *r)
{
    if (!term_is_atom(a[0])) return vm_badarg(p);
    const vm_dist_ops *ops = vm_dist(vm_process_runtime(p));
    dist *d = ops ? ops->ctx : NULL;
    *r = TERM_ATOM_OK;
    if (!d || !d->started) return VM_OK;
    for (dist_conn *c = d->conns; c; c = c->next)
        if (c->node == a[0] && c->state != CONN_DEAD) {
            term_release(c->learner);
            c->learner = term_retain(vm_process_pid(p));
        }
    return VM_OK;
}

/* Sends what waited for the layout, in order. */
static void release_held(dist_conn *c)
{
    term held = c->held;
    c->held = TERM_NIL;
    c->nheld = 0;
    term in_order = TERM_NIL;
    for (term l = held; term_is_cons(l); l = term_tail(l)) in_order = term_cons_new(term_retain(term_head(l)), in_order);
    term_release(held);
    for (term l = in_order; term_is_cons(l); l = term_tail(l)) {
        term frame = term_head(l); /* {control} or {control, payload} */
        dist_conn_send_frame(c, term_tuple_get(frame, 0),
                             term_tuple_arity(frame) == 2 ? term_tuple_get(frame, 1) : TERM_NONE);
    }
    term_release(in_order);
    dist_conn_resume_if_idle(c);
}

/* :ciex_dist.set_fun_layout(node, [{arity, new_index, new_uniq, index, uniq}] | :default) */
static vm_status bif_set_fun_layout(vm_process *p, const term *a, term *r)
{
    if (!term_is_atom(a[0])) return vm_badarg(p);
    const vm_dist_ops *ops = vm_dist(vm_process_runtime(p));
    dist *d = ops ? ops->ctx : NULL;
    *r = TERM_ATOM_OK;
    if (!d || !d->started) return VM_OK;
    for (dist_conn *c = d->conns; c; c = c->next) {
        if (c->node != a[0] || c->state == CONN_DEAD || c->layout.state == LAYOUT_KNOWN) continue;
        dist_fun_layout l;
        default_layout(&l);
        bool ok = term_is_list(a[1]);
        bool seen[VM_ERL_EVAL_MAX_ARITY + 1] = {false};
        for (term e = a[1]; ok && term_is_cons(e); e = term_tail(e)) {
            term t = term_head(e);
            if (!term_is_tuple(t) || term_tuple_arity(t) != 5) {
                ok = false;
                break;
            }
            term ar = term_tuple_get(t, 0), ni = term_tuple_get(t, 1), nu = term_tuple_get(t, 2);
            term oi = term_tuple_get(t, 3), ou = term_tuple_get(t, 4);
            if (!term_is_small(ar) || term_small_value(ar) < 0 || term_small_value(ar) > VM_ERL_EVAL_MAX_ARITY ||
                !term_is_small(ni) || !term_is_binary(nu) || term_binary_size(nu) != 16 || !term_is_small(oi) ||
                !term_is_integer(ou)) {
                ok = false;
                break;
            }
            intptr_t k = term_small_value(ar);
            int64_t old_uniq;
            if (!term_int_to_i64(ou, &old_uniq)) old_uniq = 0;
            l.l.index[k] = (uint32_t)term_small_value(ni);
            l.l.old_index[k] = (uint32_t)term_small_value(oi);
            memcpy(l.l.uniq, term_binary_data(nu), 16);
            l.l.old_uniq = (uint32_t)old_uniq;
            seen[k] = true;
        }
        for (int k = 0; ok && k <= VM_ERL_EVAL_MAX_ARITY; k++) ok = seen[k];
        if (!ok) default_layout(&l);
        c->layout = l;
        if (c->state == CONN_UP || c->held != TERM_NIL) release_held(c);
    }
    return VM_OK;
}

static const vm_bif_def layout_bifs[] = {
    {"ciex_dist", "set_fun_layout", 2, bif_set_fun_layout},
    {"ciex_dist", "layout_learner", 1, bif_layout_learner},
    {NULL, NULL, 0, NULL},
};

void dist_fun_layout_register_bifs(vm_runtime *rt) { vm_register_bifs(rt, layout_bifs); }
