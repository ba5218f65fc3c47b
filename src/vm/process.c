/* process.c - process creation, messages, links, monitors and exit.
 *
 * Exit signals are not acted on inside the sender's call: the target is
 * marked (pending_exit) and scheduled, and exits when it next runs.  So a
 * chain of a hundred thousand linked processes dies one by one through the
 * run queue, never by C recursion. */
#include <stdlib.h>
#include <string.h>

#include "vm_internal.h"

#define INITIAL_REGS 16
#define INITIAL_FRAMES 4

term vm_process_pid(const vm_process *p) { return p->pid; }
vm_runtime *vm_process_runtime(vm_process *p) { return p->rt; }
term vm_process_exit_reason(const vm_process *p) { return p->state == VM_PROC_EXITED ? p->exit_reason : TERM_NONE; }

#define PID_NUMBER_MAX ((1u << 28) - 1) /* the BEAM's internal pid numbers */

/* Doubles the table, placing every process at its id's new slot. */
static void procs_grow(vm_runtime *rt)
{
    uint32_t cap = rt->procs_cap * 2;
    vm_process **t = ciex_xcalloc(cap, sizeof *t, "process");
    for (uint32_t i = 0; i < rt->procs_cap; i++)
        if (rt->procs[i]) t[rt->procs[i]->id & (cap - 1)] = rt->procs[i];
    free(rt->procs);
    rt->procs = t;
    rt->procs_cap = cap;
}

/* The next free id; the process is stored at its slot by the caller. */
static uint32_t alloc_id(vm_runtime *rt)
{
    if ((rt->nprocs + 1) * 2 > rt->procs_cap) procs_grow(rt);
    for (;;) {
        uint32_t id = rt->next_id;
        rt->next_id = id == PID_NUMBER_MAX ? 0 : id + 1;
        if (id == PID_NUMBER_MAX) rt->serial = (rt->serial + 1) & 0x1FFF;
        if (!rt->procs[id & (rt->procs_cap - 1)]) return id;
    }
}

static vm_process *process_new(vm_runtime *rt)
{
    vm_process *p = ciex_xcalloc(1, sizeof *p, "process");
    p->rt = rt;
    p->id = alloc_id(rt);
    p->serial = rt->serial;
    p->pid = term_pid_new(rt->node, p->id, p->serial, rt->creation);
    rt->procs[p->id & (rt->procs_cap - 1)] = p;
    rt->nprocs++;
    p->state = VM_PROC_RUNNABLE;
    p->regs_cap = INITIAL_REGS;
    p->regs = ciex_xmalloc(p->regs_cap * sizeof *p->regs, "process");
    p->frames_cap = INITIAL_FRAMES;
    p->frames = ciex_xmalloc(p->frames_cap * sizeof *p->frames, "process_stack");
    for (uint32_t i = 0; i < p->regs_cap; i++) p->regs[i] = TERM_NIL;
    p->mbox_tail = &p->mbox_head;
    p->mbox_save = &p->mbox_head;
    p->timer_deadline = -1;
    p->priority = 1; /* normal */
    p->links = TERM_NIL;
    p->dictionary = TERM_NONE;
    p->group_leader = TERM_NONE;
    p->registered_name = TERM_NONE;
    p->exc_class = p->exc_reason = p->exc_stack = TERM_NONE;
    p->exit_reason = TERM_NONE;
    p->pending_exit = TERM_NONE;
    p->bif_error_cause = TERM_NONE;
    p->lock_state = rt->threaded ? VM_LOCK_HELD : VM_LOCK_NONE;
    return p;
}

/* Grows the register file so that [0, need) exists. */
void vm_ensure_regs(vm_process *p, uint32_t need)
{
    if (need <= p->regs_cap) return;
    uint32_t cap = p->regs_cap;
    while (cap < need) cap *= 2;
    p->regs = ciex_xrealloc(p->regs, cap * sizeof *p->regs, "process");
    for (uint32_t i = p->regs_cap; i < cap; i++) p->regs[i] = TERM_NIL;
    p->regs_cap = cap;
}

/* vm_clear_regs from the first boxed value on */
void vm_release_regs(term *r, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        term t = r[i];
        r[i] = TERM_NIL;
        term_release(t);
    }
}

/* Pushes the first frame: code with its registers initialised. */
static void push_entry_frame(vm_process *p, const vm_code *code, const term *args, uint32_t nargs)
{
    vm_ensure_regs(p, code->nregs > nargs ? code->nregs : nargs);
    for (uint32_t i = 0; i < code->nregs; i++) p->regs[i] = i < nargs ? args[i] : TERM_NIL;
    p->frames[0] = (vm_frame){code, code->ops, 0, 0};
    p->nframes = 1;
}

vm_process *vm_spawn_code(vm_runtime *rt, const vm_code *code, const term *args, uint32_t nargs)
{
    vm_process *p = process_new(rt);
    push_entry_frame(p, code, args, nargs);
    /* started from C: the console (registered as :user) is its group leader */
    term user = term_map_get(rt->registered, term_atom("user"));
    if (user != TERM_NONE) p->group_leader = term_retain(user);
    vm_make_runnable(rt, p);
    return p;
}

static void links_add(vm_process *p, term pid)
{
    for (term l = p->links; term_is_cons(l); l = term_tail(l))
        if (term_exact_equal(term_head(l), pid)) return;
    p->links = term_cons_new(term_retain(pid), p->links);
}

static void links_remove(vm_process *p, term pid)
{
    term kept = TERM_NIL;
    for (term l = p->links; term_is_cons(l); l = term_tail(l))
        if (!term_exact_equal(term_head(l), pid)) kept = term_cons_new(term_retain(term_head(l)), kept);
    term_release(p->links);
    p->links = kept;
}

void vm_link(vm_process *a, vm_process *b)
{
    links_add(a, b->pid);
    links_add(b, a->pid);
}

void vm_unlink(vm_process *a, term other)
{
    links_remove(a, other);
    vm_process *b = vm_find_process(a->rt, other);
    if (b) links_remove(b, a->pid);
}

vm_process *vm_spawn_fun(vm_runtime *rt, vm_process *parent, term fun, term args_list, bool link)
{
    const term_fun *f = term_fun_ptr(fun);
    const vm_code *code = term_resource_data(f->code);
    uint32_t nargs = 0;
    term args[16];
    for (term l = args_list; term_is_cons(l) && nargs < 16; l = term_tail(l)) args[nargs++] = term_head(l);
    vm_process *p = process_new(rt);
    uint32_t total = nargs + f->nfree;
    vm_ensure_regs(p, code->nregs > total ? code->nregs : total);
    for (uint32_t i = 0; i < code->nregs; i++) p->regs[i] = TERM_NIL;
    for (uint32_t i = 0; i < nargs; i++) p->regs[i] = term_retain(args[i]);
    for (uint32_t i = 0; i < f->nfree; i++) p->regs[nargs + i] = term_retain(f->free[i]);
    p->frames[0] = (vm_frame){code, code->ops, 0, 0};
    p->nframes = 1;
    if (parent) {
        p->group_leader = term_retain(parent->group_leader);
        if (link) vm_link(parent, p);
    }
    vm_make_runnable(rt, p);
    return p;
}

bool vm_pid_is_local(vm_runtime *rt, term pid)
{
    const term_pid *tp = term_pid_ptr(pid);
    return (tp->node == rt->node && tp->creation == rt->creation) ||
           (tp->node == TERM_ATOM_NONODE && tp->creation == 0);
}

/* A pid of another node that the distribution layer can reach. */
static bool is_remote(vm_runtime *rt, term pid)
{
    return rt->has_dist && term_is_pid(pid) && !vm_pid_is_local(rt, pid);
}

/* The other end of a monitor is on another node: a remote pid, or a
 * {name, node} tuple.  Once distribution has stopped (the node is going
 * down) nothing is remote any more: there is no one to tell. */
static bool monitor_is_remote(vm_runtime *rt, term other)
{
    return is_remote(rt, other) || (rt->has_dist && term_is_tuple(other));
}

vm_process *vm_find_process(vm_runtime *rt, term pid)
{
    if (!term_is_pid(pid)) return NULL;
    const term_pid *tp = term_pid_ptr(pid);
    if (!vm_pid_is_local(rt, pid)) return NULL;
    vm_process *p = rt->procs[tp->id & (rt->procs_cap - 1)];
    if (!p || p->id != tp->id || p->serial != tp->serial || p->state == VM_PROC_EXITED) return NULL;
    return p;
}

void vm_send_from(vm_runtime *rt, term from, term pid, term msg)
{
    if (is_remote(rt, pid)) {
        rt->dist.send(rt->dist.ctx, from, pid, msg);
        return;
    }
    vm_send(rt, pid, msg);
}

void vm_send(vm_runtime *rt, term pid, term msg)
{
    if (is_remote(rt, pid)) {
        rt->dist.send(rt->dist.ctx, TERM_NONE, pid, msg);
        return;
    }
    vm_process *p = vm_find_process(rt, pid);
    if (!p) {
        term_release(msg);
        return;
    }
    vm_msg *m = ciex_xmalloc(sizeof *m, "process");
    m->next = NULL;
    m->value = msg;
    *p->mbox_tail = m;
    p->mbox_tail = &m->next;
    p->mbox_len++;
    if (p->state == VM_PROC_WAITING) vm_make_runnable(rt, p);
}

term vm_new_ref(vm_runtime *rt) { return vm_make_ref(rt); }

term vm_make_ref(vm_runtime *rt)
{
    uint64_t n = ++rt->ref_counter;
    uint32_t ids[3] = {(uint32_t)(n & 0x3FFFF), rt->ref_high[0] + (uint32_t)(n >> 18),
                       rt->ref_high[1] + (uint32_t)(n >> 50)};
    return term_ref_new(rt->node, rt->creation, ids, 3);
}

/* ---- monitors ---- */

static vm_monitor *monitor_push(vm_process *p, term ref, term other, bool watching)
{
    vm_monitor *m = ciex_xmalloc(sizeof *m, "process");
    m->ref = term_retain(ref);
    m->other = term_retain(other);
    m->watching = watching;
    m->peer = NULL;
    m->next = p->monitors;
    if (m->next) m->next->pprev = &m->next;
    m->pprev = &p->monitors;
    p->monitors = m;
    return m;
}

/* Unlinks one end of a monitor from its list and frees it. */
static void monitor_free(vm_monitor *m)
{
    *m->pprev = m->next;
    if (m->next) m->next->pprev = m->pprev;
    if (m->peer) m->peer->peer = NULL;
    term_release(m->ref);
    term_release(m->other);
    free(m);
}

/* Removes the monitor with ref from p; returns whether it was there. */
static bool monitor_drop(vm_process *p, term ref)
{
    for (vm_monitor *m = p->monitors; m; m = m->next)
        if (term_exact_equal(m->ref, ref)) {
            monitor_free(m);
            return true;
        }
    return false;
}

static term down_message(term ref, term item, term reason)
{
    term t = term_tuple_new(5);
    term_tuple_init(t, 0, term_atom("DOWN"));
    term_tuple_init(t, 1, ref);
    term_tuple_init(t, 2, term_atom("process"));
    term_tuple_init(t, 3, item);
    term_tuple_init(t, 4, reason);
    return t;
}

term vm_monitor_process(vm_process *p, term target)
{
    term ref = vm_make_ref(p->rt);
    vm_monitor_process_as(p, target, ref);
    return ref;
}

void vm_monitor_process_as(vm_process *p, term target, term ref)
{
    if (is_remote(p->rt, target) || (term_is_tuple(target) && p->rt->has_dist)) {
        /* a remote pid, or {name, node}: the other node answers */
        monitor_push(p, ref, target, true);
        p->rt->dist.monitor(p->rt->dist.ctx, p->pid, target, ref);
        return;
    }
    vm_process *t = vm_find_process(p->rt, target);
    if (!t) {
        vm_send(p->rt, p->pid, down_message(term_retain(ref), term_retain(target), term_atom("noproc")));
        return;
    }
    vm_monitor *mine = monitor_push(p, ref, target, true);
    vm_monitor *theirs = monitor_push(t, ref, p->pid, false);
    mine->peer = theirs;
    theirs->peer = mine;
}

bool vm_demonitor(vm_process *p, term ref)
{
    for (vm_monitor *m = p->monitors; m; m = m->next) {
        if (m->watching && term_exact_equal(m->ref, ref)) {
            if (monitor_is_remote(p->rt, m->other))
                p->rt->dist.demonitor(p->rt->dist.ctx, p->pid, m->other, ref);
            if (m->peer) {
                monitor_free(m->peer);
            } else {
                vm_process *t = vm_find_process(p->rt, m->other);
                if (t) monitor_drop(t, ref);
            }
            monitor_free(m);
            return true;
        }
    }
    return false;
}

/* ---- exit ---- */

static term exit_message(term from, term reason)
{
    return term_tuple3(term_atom("EXIT"), term_retain(from), reason);
}

/* An exit signal from `from` with `reason` (borrowed) arriving at p. */
static void deliver_exit_signal(vm_process *p, term from, term reason, bool via_link)
{
    term kill = term_atom("kill"), normal = TERM_ATOM_NORMAL;
    if (!via_link && reason == kill) {
        /* atomic: the thread running p may look without the lock */
        if (p->pending_exit == TERM_NONE) __atomic_store_n(&p->pending_exit, term_atom("killed"), __ATOMIC_RELEASE);
        vm_make_runnable(p->rt, p);
        return;
    }
    if (p->trap_exit) {
        vm_send(p->rt, p->pid, exit_message(from, term_retain(reason)));
        return;
    }
    if (reason == normal && (via_link || !term_exact_equal(from, p->pid))) return;
    if (p->pending_exit == TERM_NONE) __atomic_store_n(&p->pending_exit, term_retain(reason), __ATOMIC_RELEASE);
    vm_make_runnable(p->rt, p);
}

void vm_exit_signal(vm_runtime *rt, term from, term to, term reason)
{
    if (is_remote(rt, to)) {
        rt->dist.exit(rt->dist.ctx, from, to, reason, false);
        return;
    }
    vm_process *p = vm_find_process(rt, to);
    if (p) deliver_exit_signal(p, from, reason, false);
}

/* Releases frames from the top down to `nframes` frames left.  The
 * registers above the remaining frames are left stale: a frame pushed
 * later initialises its own. */
void vm_release_frames_above(vm_process *p, uint32_t nframes)
{
    while (p->nframes > nframes) {
        vm_frame *f = &p->frames[--p->nframes];
        vm_clear_regs(p->regs + f->base, f->code->nregs);
    }
}

static void free_mailbox(vm_process *p)
{
    vm_msg *m = p->mbox_head;
    while (m) {
        vm_msg *next = m->next;
        term_release(m->value);
        free(m);
        m = next;
    }
    p->mbox_head = NULL;
    p->mbox_tail = &p->mbox_head;
    p->mbox_save = &p->mbox_head;
}

void vm_process_exit(vm_process *p, term reason)
{
    vm_runtime *rt = p->rt;
    if (p->state == VM_PROC_EXITED) {
        term_release(reason);
        return;
    }
    p->state = VM_PROC_EXITED;
    p->exit_reason = reason;
    if (rt->exit_observer) rt->exit_observer(rt->exit_observer_ctx, p->pid, reason);
    if (rt->threaded) { /* a vm_run may wait for this exit on any thread */
        vm_wake_loop(rt);
        if (rt->nested_waiting) vm_wake_idle_threads(rt);
    }
    if (p->ets_owned) vm_ets_owner_exit(p);
    vm_release_frames_above(p, 0);
    p->nhandlers = 0;
    free_mailbox(p);
    term signal_reason = reason == term_atom("kill") ? term_atom("killed") : reason;
    for (term l = p->links; term_is_cons(l); l = term_tail(l)) {
        if (is_remote(rt, term_head(l))) {
            rt->dist.exit(rt->dist.ctx, p->pid, term_head(l), signal_reason, true);
            continue;
        }
        vm_process *o = vm_find_process(rt, term_head(l));
        if (!o) continue;
        links_remove(o, p->pid);
        deliver_exit_signal(o, p->pid, signal_reason, true);
    }
    term_release(p->links);
    p->links = TERM_NIL;
    while (p->monitors) {
        vm_monitor *m = p->monitors;
        bool remote = monitor_is_remote(rt, m->other);
        if (remote && !m->watching) {
            /* a process of another node watched us: tell it */
            rt->dist.monitor_exit(rt->dist.ctx, p->pid, m->other, m->ref, signal_reason);
        } else if (remote) {
            rt->dist.demonitor(rt->dist.ctx, p->pid, m->other, m->ref);
        }
        /* the other end, in a live local process: linked to this one, or
         * (a local spawn request's monitor) found by its reference */
        bool linked = m->peer != NULL;
        vm_process *o = linked || remote ? NULL : vm_find_process(rt, m->other);
        if (linked) monitor_free(m->peer);
        else if (o) monitor_drop(o, m->ref);
        if (!m->watching && (linked || o))
            vm_send(rt, m->other, down_message(term_retain(m->ref), term_retain(p->pid), term_retain(signal_reason)));
        monitor_free(m);
    }
    /* its aliases die with it */
    for (uint32_t i = term_map_size(rt->aliases); i-- > 0;)
        if (term_exact_equal(term_map_value(rt->aliases, i), p->pid)) {
            term ref = term_retain(term_map_key(rt->aliases, i));
            rt->aliases = term_map_remove(rt->aliases, ref);
            term_release(ref);
        }
    if (p->registered_name != TERM_NONE) {
        rt->registered = term_map_remove(rt->registered, p->registered_name);
        p->registered_name = TERM_NONE;
    }
    term_release(p->dictionary);
    p->dictionary = TERM_NONE;
    term_release(p->group_leader);
    p->group_leader = TERM_NONE;
    term_release(p->exc_class);
    term_release(p->exc_reason);
    term_release(p->exc_stack);
    p->exc_class = p->exc_reason = p->exc_stack = TERM_NONE;
    term_release(p->pending_exit);
    p->pending_exit = TERM_NONE;
    term_release(p->bif_error_cause);
    p->bif_error_cause = TERM_NONE;
    rt->procs[p->id & (rt->procs_cap - 1)] = NULL;
    rt->nprocs--;
    free(p->regs);
    free(p->frames);
    free(p->handlers);
    p->regs = NULL;
    p->frames = NULL;
    p->handlers = NULL;
    /* a scheduler thread running it frees it when its slice ends */
    if (!p->in_runq && !p->executing) {
        term_release(p->pid);
        term_release(p->exit_reason);
        free(p);
    }
}

/* Frees an exited process once the run queue lets go of it. */
void vm_process_reap(vm_process *p)
{
    term_release(p->pid);
    term_release(p->exit_reason);
    free(p);
}

/* ---- signals from other nodes ---- */

void vm_set_dist(vm_runtime *rt, const vm_dist_ops *ops)
{
    rt->dist = *ops;
    rt->has_dist = true;
}

void vm_clear_dist(vm_runtime *rt) { rt->has_dist = false; }

const vm_dist_ops *vm_dist(vm_runtime *rt) { return rt->has_dist ? &rt->dist : NULL; }

void vm_resume_suspended(vm_runtime *rt, term pid)
{
    vm_process *p = vm_find_process(rt, pid);
    if (p && p->state == VM_PROC_SUSPENDED) {
        p->state = VM_PROC_RUNNABLE;
        vm_make_runnable(rt, p);
    }
}

void vm_dist_link_in(vm_runtime *rt, term from, term to)
{
    vm_process *p = vm_find_process(rt, to);
    if (!p) {
        /* linking to a process that is gone: the link breaks at once */
        rt->dist.exit(rt->dist.ctx, to, from, term_atom("noproc"), true);
        return;
    }
    links_add(p, from);
}

void vm_dist_unlink_in(vm_runtime *rt, term from, term to)
{
    vm_process *p = vm_find_process(rt, to);
    if (p) links_remove(p, from);
}

void vm_dist_exit_in(vm_runtime *rt, term from, term to, term reason, bool link_exit)
{
    vm_process *p = vm_find_process(rt, to);
    if (!p) return;
    if (link_exit) {
        bool linked = false;
        for (term l = p->links; term_is_cons(l) && !linked; l = term_tail(l)) linked = term_exact_equal(term_head(l), from);
        if (!linked) return; /* an exit for a link already gone */
        links_remove(p, from);
    }
    deliver_exit_signal(p, from, reason, link_exit);
}

void vm_dist_monitor_in(vm_runtime *rt, term watcher, term target, term ref)
{
    vm_process *p = NULL;
    if (term_is_pid(target)) p = vm_find_process(rt, target);
    else if (term_is_atom(target)) {
        term pid = term_map_get(rt->registered, target);
        if (pid != TERM_NONE) p = vm_find_process(rt, pid);
    }
    if (!p) {
        rt->dist.monitor_exit(rt->dist.ctx, target, watcher, ref, term_atom("noproc"));
        return;
    }
    monitor_push(p, ref, watcher, false);
}

void vm_dist_demonitor_in(vm_runtime *rt, term watcher, term target, term ref)
{
    (void)watcher;
    vm_process *p = NULL;
    if (term_is_pid(target)) p = vm_find_process(rt, target);
    else if (term_is_atom(target)) {
        term pid = term_map_get(rt->registered, target);
        if (pid != TERM_NONE) p = vm_find_process(rt, pid);
    }
    if (p) monitor_drop(p, ref);
}

void vm_dist_monitor_exit_in(vm_runtime *rt, term target, term watcher, term ref, term reason)
{
    vm_process *p = vm_find_process(rt, watcher);
    if (!p) return;
    /* the DOWN names what was monitored: the pid, or {name, node} */
    term item = TERM_NONE;
    for (vm_monitor *m = p->monitors; m; m = m->next)
        if (m->watching && term_exact_equal(m->ref, ref)) item = term_retain(m->other);
    /* a monitor from a spawn request learns its pid only now */
    if (term_is_tuple(item) && term_tuple_get(item, 0) == term_atom("$spawn_request")) {
        term_release(item);
        item = term_retain(target);
    }
    if (item == TERM_NONE) return; /* demonitored meanwhile */
    monitor_drop(p, ref);
    (void)target;
    vm_send(rt, p->pid, down_message(term_retain(ref), item, term_retain(reason)));
}

static term node_of_target(term t)
{
    if (term_is_pid(t)) return term_pid_ptr(t)->node;
    if (term_is_tuple(t) && term_tuple_arity(t) == 2) return term_tuple_get(t, 1);
    return TERM_NONE;
}

void vm_dist_node_links_down(vm_runtime *rt, term node)
{
    term noconn = term_atom("noconnection");
    for (uint32_t i = 0; i < rt->procs_cap; i++) {
        vm_process *p = rt->procs[i];
        if (!p || p->state == VM_PROC_EXITED) continue;
        term broken = TERM_NIL;
        for (term l = p->links; term_is_cons(l); l = term_tail(l))
            if (term_is_pid(term_head(l)) && term_pid_ptr(term_head(l))->node == node)
                broken = term_cons_new(term_retain(term_head(l)), broken);
        for (term l = broken; term_is_cons(l); l = term_tail(l)) {
            links_remove(p, term_head(l));
            deliver_exit_signal(p, term_head(l), noconn, true);
        }
        term_release(broken);
    }
}

/* Ours fire, in the order they were made (the list holds the newest
 * first); theirs vanish. */
void vm_dist_node_monitors_down(vm_runtime *rt, term node)
{
    term noconn = term_atom("noconnection");
    for (uint32_t i = 0; i < rt->procs_cap; i++) {
        vm_process *p = rt->procs[i];
        if (!p || p->state == VM_PROC_EXITED) continue;
        term downs = TERM_NIL; /* oldest first, as it is built from the newest */
        for (vm_monitor *m = p->monitors, *next; m; m = next) {
            next = m->next;
            if (node_of_target(m->other) != node) continue;
            if (m->watching) downs = term_cons_new(down_message(term_retain(m->ref), term_retain(m->other), noconn), downs);
            monitor_free(m);
        }
        for (term l = downs; term_is_cons(l); l = term_tail(l)) vm_send(rt, p->pid, term_retain(term_head(l)));
        term_release(downs);
    }
}

void vm_send_registered(vm_runtime *rt, term name, term msg)
{
    term pid = term_map_get(rt->registered, name);
    if (pid == TERM_NONE) {
        term_release(msg);
        return;
    }
    vm_send(rt, pid, msg);
}

void vm_send_alias(vm_runtime *rt, term alias, term msg)
{
    term owner = term_map_get(rt->aliases, alias);
    if (owner == TERM_NONE) {
        term_release(msg);
        return;
    }
    vm_send(rt, owner, msg);
}

term vm_dist_spawn_in(vm_runtime *rt, term from, term group_leader, term m, term f, term args, term ref, bool link,
                      bool monitor)
{
    vm_module *boot = vm_get_module(rt, term_atom("ciex_boot"));
    const vm_function *run = boot ? vm_module_find(boot, term_atom("run_mfa"), 3) : NULL;
    if (!run || !term_is_atom(m) || !term_is_atom(f) || term_list_length(args) < 0) return TERM_NONE;
    term a[3] = {term_retain(m), term_retain(f), term_retain(args)};
    vm_process *p = vm_spawn_code(rt, run->code, a, 3);
    term_release(p->group_leader);
    p->group_leader = term_retain(group_leader);
    if (link) links_add(p, from);
    if (monitor) monitor_push(p, ref, from, false);
    return p->pid;
}

void vm_monitor_spawn_request(vm_process *p, term ref, term node)
{
    term placeholder = term_tuple2(term_atom("$spawn_request"), node);
    monitor_push(p, ref, placeholder, true);
    term_release(placeholder);
}

/* The requester's half of a link that a spawn request set up remotely. */
void vm_dist_link_local(vm_runtime *rt, term local, term remote)
{
    vm_process *p = vm_find_process(rt, local);
    if (p) links_add(p, remote);
}

/* A spawn request failed: its monitor never existed. */
void vm_dist_cancel_monitor(vm_runtime *rt, term watcher, term ref)
{
    vm_process *p = vm_find_process(rt, watcher);
    if (p) monitor_drop(p, ref);
}
