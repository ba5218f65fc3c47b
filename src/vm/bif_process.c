/* bif_process.c - BIFs about processes: spawning, messages, links,
 * monitors, exits, registration, timers, the process dictionary, and the
 * console the group leader writes to. */
#include <stdlib.h>
#include <string.h>

#include "vm_internal.h"

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

BIF(bif_self)
{
    (void)a;
    *r = term_retain(p->pid);
    return VM_OK;
}

static vm_status spawn_common(vm_process *p, term fun, term args, bool link, term *r)
{
    if (!term_has_type(fun, TERM_T_FUN) || term_fun_ptr(fun)->code == TERM_NONE) return vm_badarg(p);
    intptr_t n = term_list_length(args);
    if (n < 0 || (uint32_t)n != term_fun_ptr(fun)->arity) return vm_badarg(p);
    vm_process *child = vm_spawn_fun(p->rt, p, fun, args, link);
    *r = term_retain(child->pid);
    return VM_OK;
}


/* spawn(M, F, A): a process that starts with apply(M, F, A), through the
 * prelude's :ciex_boot.run_mfa/3. */
static vm_status spawn_mfa(vm_process *p, const term *a, bool link, term *r)
{
    if (!term_is_atom(a[0]) || !term_is_atom(a[1]) || term_list_length(a[2]) < 0) return vm_badarg(p);
    vm_module *boot = vm_get_module(p->rt, term_atom("ciex_boot"));
    const vm_function *f = boot ? vm_module_find(boot, term_atom("run_mfa"), 3) : NULL;
    if (!f) return vm_raise_error(p, term_atom("undef"));
    vm_process *child = vm_spawn_code(p->rt, f->code, (term[]){term_retain(a[0]), term_retain(a[1]), term_retain(a[2])}, 3);
    term_release(child->group_leader); /* vm_spawn_code gave it the console */
    child->group_leader = term_retain(p->group_leader);
    if (link) vm_link(p, child);
    *r = term_retain(child->pid);
    return VM_OK;
}

BIF(bif_spawn3) { return spawn_mfa(p, a, false, r); }
BIF(bif_spawn_link3) { return spawn_mfa(p, a, true, r); }

/* The pid a destination names: a pid, a registered atom, or {name, node}. */
static term resolve_dest(vm_runtime *rt, term dest)
{
    if (term_is_pid(dest)) return dest;
    if (term_is_atom(dest)) return term_map_get(rt->registered, dest);
    if (term_is_tuple(dest) && term_tuple_arity(dest) == 2 && term_is_atom(term_tuple_get(dest, 0)) &&
        term_tuple_get(dest, 1) == rt->node)
        return term_map_get(rt->registered, term_tuple_get(dest, 0));
    return TERM_NONE;
}

/* The node a send to dest goes to when it is another node's, else TERM_NONE. */
static term remote_node_of(vm_runtime *rt, term dest)
{
    term node = TERM_NONE;
    if (term_is_ref(dest)) node = term_ref_ptr(dest)->node;
    else if (term_is_pid(dest)) node = term_pid_ptr(dest)->node;
    else if (term_is_tuple(dest) && term_tuple_arity(dest) == 2 && term_is_atom(term_tuple_get(dest, 1)))
        node = term_tuple_get(dest, 1);
    if (node == rt->node || node == TERM_ATOM_NONODE || (term_is_pid(dest) && vm_pid_is_local(rt, dest)))
        return TERM_NONE;
    return node;
}

/* As the BEAM suspends a process that sends over a busy distribution
 * connection (more output queued than dist_buf_busy_limit) until the
 * output drains: the send is made when it runs again. */
static bool busy_toward(vm_process *p, term dest, bool suspend)
{
    const vm_dist_ops *d = vm_dist(p->rt);
    if (!d || !d->busy) return false;
    term node = remote_node_of(p->rt, dest);
    return node != TERM_NONE && d->busy(d->ctx, node, suspend ? p->pid : TERM_NONE);
}

BIF(bif_send)
{
    if (busy_toward(p, a[0], true)) return VM_SUSPEND;
    if (term_is_ref(a[0])) {
        const vm_dist_ops *d = vm_dist(p->rt);
        term node = term_ref_ptr(a[0])->node;
        if (d && node != p->rt->node && node != TERM_ATOM_NONODE) {
            /* an alias of a process on another node */
            d->alias_send(d->ctx, p->pid, a[0], term_retain(a[1]));
            *r = term_retain(a[1]);
            return VM_OK;
        }
        /* an alias delivers to its owner while it is active */
        term owner = term_map_get(p->rt->aliases, a[0]);
        if (owner != TERM_NONE) vm_send(p->rt, owner, term_retain(a[1]));
        *r = term_retain(a[1]);
        return VM_OK;
    }
    term dest = a[0];
    if (term_is_tuple(dest) && term_tuple_arity(dest) == 2 && term_is_atom(term_tuple_get(dest, 0)) &&
        term_is_atom(term_tuple_get(dest, 1)) && term_tuple_get(dest, 1) != p->rt->node) {
        /* {name, node} on another node */
        const vm_dist_ops *d = vm_dist(p->rt);
        if (d) d->reg_send(d->ctx, p->pid, term_tuple_get(dest, 0), term_tuple_get(dest, 1), term_retain(a[1]));
        *r = term_retain(a[1]);
        return VM_OK;
    }
    term pid = resolve_dest(p->rt, dest);
    if (pid == TERM_NONE) {
        if (term_is_tuple(dest) && term_tuple_arity(dest) == 2) { /* {name, node} with no name: dropped */
            *r = term_retain(a[1]);
            return VM_OK;
        }
        return vm_badarg(p);
    }
    vm_send_from(p->rt, p->pid, pid, term_retain(a[1]));
    *r = term_retain(a[1]);
    return VM_OK;
}

/* erlang:send/3: with :noconnect, a send to a node with no connection
 * is not made (none is set up) and answers :noconnect; with :nosuspend,
 * one that would suspend is not made and answers :nosuspend; otherwise as
 * send/2, answering :ok. */
BIF(bif_send3)
{
    bool nosuspend = false, noconnect = false;
    term l = a[2];
    for (; term_is_cons(l); l = term_tail(l)) {
        term o = term_head(l);
        if (o == term_atom("nosuspend")) nosuspend = true;
        else if (o == term_atom("noconnect")) noconnect = true;
        else return vm_badarg(p);
    }
    if (l != TERM_NIL) return vm_badarg(p);
    term node = remote_node_of(p->rt, a[0]);
    const vm_dist_ops *d = vm_dist(p->rt);
    if (noconnect && node != TERM_NONE && (!d || !d->connected || !d->connected(d->ctx, node))) {
        *r = term_atom("noconnect");
        return VM_OK;
    }
    if (nosuspend && busy_toward(p, a[0], false)) {
        *r = term_atom("nosuspend");
        return VM_OK;
    }
    term sent;
    vm_status st = bif_send(p, a, &sent);
    if (st != VM_OK) return st;
    term_release(sent);
    *r = term_atom("ok");
    return VM_OK;
}

BIF(bif_link)
{
    if (!term_is_pid(a[0])) return vm_badarg(p);
    const vm_dist_ops *d = vm_dist(p->rt);
    if (d && !vm_pid_is_local(p->rt, a[0])) {
        bool known = false;
        for (term l = p->links; term_is_cons(l) && !known; l = term_tail(l)) known = term_exact_equal(term_head(l), a[0]);
        if (!known) {
            p->links = term_cons_new(term_retain(a[0]), p->links);
            d->link(d->ctx, p->pid, a[0]);
        }
        *r = TERM_TRUE;
        return VM_OK;
    }
    vm_process *o = vm_find_process(p->rt, a[0]);
    if (!o) {
        if (p->trap_exit) {
            vm_send(p->rt, p->pid, term_tuple3(term_atom("EXIT"), term_retain(a[0]), term_atom("noproc")));
        } else {
            return vm_raise_error(p, term_atom("noproc"));
        }
    } else if (o != p) {
        vm_link(p, o);
    }
    *r = TERM_TRUE;
    return VM_OK;
}

BIF(bif_unlink)
{
    if (!term_is_pid(a[0])) return vm_badarg(p);
    const vm_dist_ops *d = vm_dist(p->rt);
    if (d && !vm_pid_is_local(p->rt, a[0])) d->unlink(d->ctx, p->pid, a[0]);
    vm_unlink(p, a[0]);
    *r = TERM_TRUE;
    return VM_OK;
}

BIF(bif_monitor)
{
    if (a[0] != term_atom("process")) return vm_badarg(p);
    term target = a[1];
    if (term_is_tuple(target) && term_tuple_arity(target) == 2 && term_tuple_get(target, 1) == p->rt->node)
        target = term_tuple_get(target, 0); /* {name, node()} is a local name */
    if (term_is_tuple(target) && term_tuple_arity(target) == 2 && vm_dist(p->rt)) {
        *r = vm_monitor_process(p, target);
        return VM_OK;
    }
    if (term_is_atom(target)) {
        term pid = term_map_get(p->rt->registered, target);
        if (pid == TERM_NONE) {
            term ref = vm_make_ref(p->rt);
            term item = term_tuple2(target, p->rt->node);
            term down = term_tuple_new(5);
            term_tuple_init(down, 0, term_atom("DOWN"));
            term_tuple_init(down, 1, term_retain(ref));
            term_tuple_init(down, 2, term_atom("process"));
            term_tuple_init(down, 3, item);
            term_tuple_init(down, 4, term_atom("noproc"));
            vm_send(p->rt, p->pid, down);
            *r = ref;
            return VM_OK;
        }
        target = pid;
    }
    if (!term_is_pid(target)) return vm_badarg(p);
    *r = vm_monitor_process(p, target);
    return VM_OK;
}

/* Removes a {'DOWN', Ref, ...} message for ref from the mailbox, if any. */
static void flush_down(vm_process *p, term ref)
{
    for (vm_msg **mp = &p->mbox_head; *mp; mp = &(*mp)->next) {
        term v = (*mp)->value;
        if (term_is_tuple(v) && term_tuple_arity(v) == 5 && term_tuple_get(v, 0) == term_atom("DOWN") &&
            term_exact_equal(term_tuple_get(v, 1), ref)) {
            vm_msg *m = *mp;
            *mp = m->next;
            if (p->mbox_tail == &m->next) p->mbox_tail = mp;
            p->mbox_save = &p->mbox_head;
            term_release(m->value);
            free(m);
            p->mbox_len--;
            return;
        }
    }
}

/* demonitor also ends an alias made by monitor/3 */
static void drop_alias(vm_process *p, term ref)
{
    term owner = term_map_get(p->rt->aliases, ref);
    if (owner != TERM_NONE && term_exact_equal(owner, p->pid)) p->rt->aliases = term_map_remove(p->rt->aliases, ref);
}

BIF(bif_demonitor1)
{
    if (!term_is_ref(a[0])) return vm_badarg(p);
    drop_alias(p, a[0]);
    vm_demonitor(p, a[0]);
    *r = TERM_TRUE;
    return VM_OK;
}

BIF(bif_demonitor2)
{
    if (!term_is_ref(a[0]) || term_list_length(a[1]) < 0) return vm_badarg(p);
    drop_alias(p, a[0]);
    bool existed = vm_demonitor(p, a[0]);
    bool info = false;
    for (term l = a[1]; term_is_cons(l); l = term_tail(l)) {
        if (term_head(l) == term_atom("flush")) flush_down(p, a[0]);
        else if (term_head(l) == term_atom("info")) info = true;
    }
    *r = info ? term_bool(existed) : TERM_TRUE;
    return VM_OK;
}

BIF(bif_exit1) { (void)r; return vm_raise(p, term_atom("exit"), term_retain(a[0])); }
BIF(bif_error1) { (void)r; return vm_raise_error(p, term_retain(a[0])); }
BIF(bif_throw1) { (void)r; return vm_raise(p, term_atom("throw"), term_retain(a[0])); }

/* erlang:raise(class, reason, stacktrace): raises with the given stack
 * trace, as a rethrow does.  With another class or a stack that is not a
 * list it returns the atom badarg, as the BEAM's does. */
BIF(bif_raise3)
{
    if ((a[0] != term_atom("error") && a[0] != term_atom("exit") && a[0] != term_atom("throw")) ||
        !term_is_list(a[2])) {
        *r = term_atom("badarg");
        return VM_OK;
    }
    vm_raise(p, term_retain(a[0]), term_retain(a[1]));
    p->exc_stack = term_retain(a[2]);
    return VM_RAISE;
}

BIF(bif_error2)
{
    (void)r;
    /* error/2 carries the arguments in the top stack entry; ciex keeps the reason */
    return vm_raise_error(p, term_retain(a[0]));
}

BIF(bif_exit2)
{
    if (!term_is_pid(a[0])) return vm_badarg(p);
    vm_exit_signal(p->rt, p->pid, a[0], a[1]);
    *r = TERM_TRUE;
    return VM_OK;
}

static const char *const priorities[] = {"low", "normal", "high", "max"};

static int priority_of(term t)
{
    for (int i = 0; i < 4; i++)
        if (t == term_atom(priorities[i])) return i;
    return -1;
}

static bool is_bool(term t) { return t == TERM_TRUE || t == TERM_FALSE; }

/* process_flag(flag, value) on process o: the old value, or TERM_NONE
 * when the flag or the value is not one ciex takes. */
static term set_process_flag(vm_process *o, term flag, term v)
{
    term old;
    if (flag == term_atom("trap_exit") && is_bool(v)) {
        old = term_bool(o->trap_exit);
        o->trap_exit = v == TERM_TRUE;
    } else if (flag == term_atom("priority") && priority_of(v) >= 0) {
        old = term_atom(priorities[o->priority]);
        o->priority = (uint8_t)priority_of(v);
    } else if (flag == term_atom("save_calls") && term_is_small(v) && term_small_value(v) >= 0 &&
               term_small_value(v) <= 10000) {
        old = term_small(o->save_calls);
        o->save_calls = (uint16_t)term_small_value(v);
    } else if (flag == term_atom("sensitive") && is_bool(v)) {
        old = term_bool(o->sensitive);
        o->sensitive = v == TERM_TRUE;
    } else if (flag == term_atom("message_queue_data") && (v == term_atom("on_heap") || v == term_atom("off_heap"))) {
        old = term_atom(o->off_heap ? "off_heap" : "on_heap");
        o->off_heap = v == term_atom("off_heap");
    } else {
        return TERM_NONE;
    }
    return old;
}

BIF(bif_process_flag)
{
    term old = set_process_flag(p, a[0], a[1]);
    if (old == TERM_NONE) return vm_badarg(p);
    *r = old;
    return VM_OK;
}

/* A pid of another node is a badarg, as on the BEAM: neither of these
 * asks the other node. */
BIF(bif_is_process_alive)
{
    if (!term_is_pid(a[0]) || !vm_pid_is_local(p->rt, a[0])) return vm_badarg(p);
    *r = term_bool(vm_find_process(p->rt, a[0]) != NULL);
    return VM_OK;
}

BIF(bif_register)
{
    vm_runtime *rt = p->rt;
    vm_process *o = vm_find_process(rt, a[1]);
    if (!term_is_atom(a[0]) || a[0] == term_atom("undefined") || !o || o->registered_name != TERM_NONE ||
        term_map_get(rt->registered, a[0]) != TERM_NONE)
        return vm_badarg(p);
    rt->registered = term_map_put(rt->registered, a[0], term_retain(o->pid));
    o->registered_name = a[0];
    *r = TERM_TRUE;
    return VM_OK;
}

BIF(bif_unregister)
{
    vm_runtime *rt = p->rt;
    term pid = term_is_atom(a[0]) ? term_map_get(rt->registered, a[0]) : TERM_NONE;
    if (pid == TERM_NONE) return vm_badarg(p);
    vm_process *o = vm_find_process(rt, pid);
    if (o) o->registered_name = TERM_NONE;
    rt->registered = term_map_remove(rt->registered, a[0]);
    *r = TERM_TRUE;
    return VM_OK;
}

BIF(bif_whereis)
{
    if (!term_is_atom(a[0])) return vm_badarg(p);
    term pid = term_map_get(p->rt->registered, a[0]);
    *r = pid == TERM_NONE ? term_atom("undefined") : term_retain(pid);
    return VM_OK;
}

BIF(bif_registered)
{
    (void)a;
    term l = TERM_NIL;
    term m = p->rt->registered;
    for (uint32_t i = term_map_size(m); i-- > 0;) l = term_cons_new(term_map_key(m, i), l);
    *r = l;
    return VM_OK;
}

BIF(bif_make_ref)
{
    (void)a;
    *r = vm_make_ref(p->rt);
    return VM_OK;
}

BIF(bif_node0)
{
    (void)a;
    *r = p->rt->node;
    return VM_OK;
}

BIF(bif_node1)
{
    term t = a[0];
    if (term_is_pid(t)) *r = term_pid_ptr(t)->node;
    else if (term_is_ref(t)) *r = term_ref_ptr(t)->node;
    else if (term_is_port(t)) *r = term_port_ptr(t)->node;
    else return vm_badarg(p);
    /* processes created before the node got its name are still ours */
    if (*r == TERM_ATOM_NONODE) *r = p->rt->node;
    return VM_OK;
}

BIF(bif_group_leader0)
{
    (void)a;
    *r = p->group_leader == TERM_NONE ? term_retain(p->pid) : term_retain(p->group_leader);
    return VM_OK;
}

BIF(bif_group_leader2)
{
    vm_process *o = vm_find_process(p->rt, a[1]);
    if (!term_is_pid(a[0]) || !o) return vm_badarg(p);
    term_release(o->group_leader);
    o->group_leader = term_retain(a[0]);
    *r = TERM_TRUE;
    return VM_OK;
}

/* ---- process dictionary ---- */

static term dict(vm_process *p)
{
    if (p->dictionary == TERM_NONE) p->dictionary = term_map_new(0);
    return p->dictionary;
}

BIF(bif_get1)
{
    term v = term_map_get(dict(p), a[0]);
    *r = v == TERM_NONE ? term_atom("undefined") : term_retain(v);
    return VM_OK;
}

BIF(bif_put2)
{
    term old = term_map_get(dict(p), a[0]);
    *r = old == TERM_NONE ? term_atom("undefined") : term_retain(old);
    p->dictionary = term_map_put(p->dictionary, term_retain(a[0]), term_retain(a[1]));
    return VM_OK;
}

BIF(bif_erase1)
{
    term old = term_map_get(dict(p), a[0]);
    *r = old == TERM_NONE ? term_atom("undefined") : term_retain(old);
    p->dictionary = term_map_remove(p->dictionary, a[0]);
    return VM_OK;
}

BIF(bif_get0)
{
    (void)a;
    term m = dict(p), l = TERM_NIL;
    for (uint32_t i = term_map_size(m); i-- > 0;)
        l = term_cons_new(term_tuple2(term_retain(term_map_key(m, i)), term_retain(term_map_value(m, i))), l);
    *r = l;
    return VM_OK;
}

BIF(bif_get_keys0)
{
    (void)a;
    term m = dict(p), l = TERM_NIL;
    for (uint32_t i = term_map_size(m); i-- > 0;) l = term_cons_new(term_retain(term_map_key(m, i)), l);
    *r = l;
    return VM_OK;
}

BIF(bif_get_keys1)
{
    term m = dict(p), l = TERM_NIL;
    for (uint32_t i = term_map_size(m); i-- > 0;)
        if (term_exact_equal(term_map_value(m, i), a[0])) l = term_cons_new(term_retain(term_map_key(m, i)), l);
    *r = l;
    return VM_OK;
}

BIF(bif_erase0)
{
    vm_status st = bif_get0(p, a, r);
    term_release(p->dictionary);
    p->dictionary = TERM_NONE;
    return st;
}

/* process_flag(pid, save_calls, n): the one flag another process may set */
BIF(bif_process_flag3)
{
    vm_process *o = term_is_pid(a[0]) ? vm_find_process(p->rt, a[0]) : NULL;
    if (!o || a[1] != term_atom("save_calls")) return vm_badarg(p);
    term old = set_process_flag(o, a[1], a[2]);
    if (old == TERM_NONE) return vm_badarg(p);
    *r = old;
    return VM_OK;
}

/* ---- timers ---- */

BIF(bif_send_after)
{
    if (!term_is_small(a[0]) || term_small_value(a[0]) < 0) return vm_badarg(p);
    term target = a[1];
    if (term_is_atom(target)) target = term_map_get(p->rt->registered, target);
    if (!term_is_pid(target)) return vm_badarg(p);
    term ref = vm_make_ref(p->rt);
    vm_timer_add(p->rt, vm_deadline_ms(term_small_value(a[0])), NULL, term_retain(target), term_retain(a[2]),
                 term_retain(ref));
    *r = ref;
    return VM_OK;
}

BIF(bif_cancel_timer)
{
    if (!term_is_ref(a[0])) return vm_badarg(p);
    int64_t left = vm_timer_cancel(p->rt, a[0]);
    *r = left < 0 ? TERM_FALSE : term_int_from_i64(left);
    return VM_OK;
}


/* ---- console ---- */

/* :ciex.console_write(iodata-as-binary): the local group leader's output. */
BIF(bif_console_write)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    vm_write_output(p->rt, (const char *)term_binary_data(a[0]), term_binary_size(a[0]));
    *r = TERM_ATOM_OK;
    return VM_OK;
}

/* :ciex.console_get_line(from, ref, prompt): the local group leader's
 * line reads (IO.gets); the answer goes to `from` as an io_reply. */
BIF(bif_console_get_line)
{
    if (!term_is_pid(a[0]) || !term_is_binary(a[2])) return vm_badarg(p);
    vm_read_input(p->rt, a[0], a[1], a[2]);
    *r = TERM_ATOM_OK;
    return VM_OK;
}

BIF(bif_mailbox_len)
{
    (void)a;
    *r = term_small(p->mbox_len);
    return VM_OK;
}

/* :erlang.statistics(:run_queue): the processes ready to run, and those
 * in a slice on another scheduler thread (work not done yet, which a
 * replay must wait for), the caller not counted; :total_active_tasks:
 * those and the caller, as on the BEAM.  A replay asks it of every node
 * to know when the cluster has settled (docs/replay.md). */
BIF(bif_statistics)
{
    bool active = a[0] == term_atom("total_active_tasks");
    if (a[0] != term_atom("run_queue") && !active) return vm_badarg(p);
    vm_runtime *rt = vm_process_runtime(p);
    intptr_t n = (intptr_t)active + rt->runq_len;
    if (rt->threaded && rt->executing > 1) n += rt->executing - 1;
    *r = term_small(n);
    return VM_OK;
}

/* :erlang.yield(): the processes ready to run go first */
BIF(bif_yield)
{
    (void)a;
    p->yield = true;
    p->yielded = true; /* its thread runs the others first (scheduler.c) */
    *r = TERM_TRUE;
    return VM_OK;
}

static vm_status bif_spawn1x(vm_process *p, const term *a, term *r);
static vm_status bif_spawn_link1x(vm_process *p, const term *a, term *r);

static const vm_bif_def process_bifs[] = {
    {"erlang", "self", 0, bif_self}, {"erlang", "statistics", 1, bif_statistics},
    {"erlang", "yield", 0, bif_yield},
    {"erlang", "spawn", 1, bif_spawn1x},
    {"erlang", "spawn_link", 1, bif_spawn_link1x}, {"erlang", "spawn", 3, bif_spawn3},
    {"erlang", "spawn_link", 3, bif_spawn_link3}, {"erlang", "send", 2, bif_send}, {"erlang", "send", 3, bif_send3},
    {"erlang", "!", 2, bif_send}, {"erlang", "link", 1, bif_link}, {"erlang", "unlink", 1, bif_unlink},
    {"erlang", "monitor", 2, bif_monitor}, {"erlang", "demonitor", 1, bif_demonitor1},
    {"erlang", "demonitor", 2, bif_demonitor2}, {"erlang", "exit", 1, bif_exit1},
    {"erlang", "exit", 2, bif_exit2}, {"erlang", "error", 1, bif_error1}, {"erlang", "error", 2, bif_error2},
    {"erlang", "error", 3, bif_error2},
    {"erlang", "throw", 1, bif_throw1}, {"erlang", "process_flag", 2, bif_process_flag},
    {"erlang", "raise", 3, bif_raise3},
    {"erlang", "is_process_alive", 1, bif_is_process_alive}, {"erlang", "register", 2, bif_register},
    {"erlang", "unregister", 1, bif_unregister}, {"erlang", "whereis", 1, bif_whereis},
    {"erlang", "registered", 0, bif_registered}, {"erlang", "make_ref", 0, bif_make_ref},
    {"erlang", "node", 0, bif_node0}, {"erlang", "node", 1, bif_node1},
    {"erlang", "group_leader", 0, bif_group_leader0}, {"erlang", "group_leader", 2, bif_group_leader2},
    {"erlang", "get", 1, bif_get1}, {"erlang", "put", 2, bif_put2}, {"erlang", "erase", 1, bif_erase1},
    {"erlang", "get", 0, bif_get0}, {"erlang", "get_keys", 0, bif_get_keys0}, {"erlang", "get_keys", 1, bif_get_keys1},
    {"erlang", "erase", 0, bif_erase0}, {"erlang", "process_flag", 3, bif_process_flag3},
    {"erlang", "send_after", 3, bif_send_after}, {"erlang", "cancel_timer", 1, bif_cancel_timer},
    {"ciex", "console_write", 1, bif_console_write}, {"ciex", "mailbox_len", 0, bif_mailbox_len},
    {"ciex", "console_get_line", 3, bif_console_get_line},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_process_init(vm_runtime *rt);
void vm_bifs_process_more_init(vm_runtime *rt);
void vm_bifs_process_init(vm_runtime *rt)
{
    vm_register_bifs(rt, process_bifs);
    vm_bifs_process_more_init(rt);
}

/* ---- more process BIFs: spawn variants, introspection, time, timers,
 * aliases ---- */

#include <time.h>

/* A fun that can start a process: a closure, or &Mod.fun/0. */
static vm_status spawn_any(vm_process *p, term fun, bool link, term *r)
{
    if (term_has_type(fun, TERM_T_EXPORT)) {
        const term_export *e = term_export_ptr(fun);
        if (e->arity != 0) return vm_badarg(p);
        term mfa[3] = {e->module, e->function, TERM_NIL};
        return spawn_mfa(p, mfa, link, r);
    }
    return spawn_common(p, fun, TERM_NIL, link, r);
}

BIF(bif_spawn1x) { return spawn_any(p, a[0], false, r); }
BIF(bif_spawn_link1x) { return spawn_any(p, a[0], true, r); }

static vm_status with_monitor(vm_process *p, vm_status st, term *r)
{
    if (st != VM_OK) return st;
    term pid = *r;
    *r = term_tuple2(pid, vm_monitor_process(p, pid));
    return VM_OK;
}

BIF(bif_spawn_monitor1) { return with_monitor(p, spawn_any(p, a[0], false, r), r); }
BIF(bif_spawn_monitor3) { return with_monitor(p, spawn_mfa(p, a, false, r), r); }

/* spawn_opt(fun, opts) / spawn_opt(m, f, a, opts): :link and :monitor */
static vm_status spawn_opt(vm_process *p, term fun, const term *mfa, term opts, term *r)
{
    bool link = false, monitor = false;
    for (term l = opts; term_is_cons(l); l = term_tail(l)) {
        if (term_head(l) == term_atom("link")) link = true;
        else if (term_head(l) == term_atom("monitor")) monitor = true;
    }
    vm_status st = mfa ? spawn_mfa(p, mfa, link, r) : spawn_any(p, fun, link, r);
    vm_process *child = st == VM_OK ? vm_find_process(p->rt, *r) : NULL;
    /* {priority, P}, {message_queue_data, M}: as process_flag would set them;
     * heap-size options have nothing to tune here */
    for (term l = opts; child && term_is_cons(l); l = term_tail(l))
        if (term_is_tuple(term_head(l)) && term_tuple_arity(term_head(l)) == 2 &&
            term_tuple_get(term_head(l), 0) != term_atom("trap_exit"))
            set_process_flag(child, term_tuple_get(term_head(l), 0), term_tuple_get(term_head(l), 1));
    return monitor ? with_monitor(p, st, r) : st;
}

BIF(bif_spawn_opt2) { return spawn_opt(p, a[0], NULL, a[1], r); }
BIF(bif_spawn_opt4) { return spawn_opt(p, TERM_NONE, a, a[3], r); }

BIF(bif_processes)
{
    (void)a;
    vm_runtime *rt = p->rt;
    term l = TERM_NIL;
    for (uint32_t i = rt->procs_cap; i-- > 0;)
        if (rt->procs[i] && rt->procs[i]->state != VM_PROC_EXITED) l = term_cons_new(term_retain(rt->procs[i]->pid), l);
    *r = l;
    return VM_OK;
}

static const char *state_name(const vm_process *o)
{
    switch (o->state) {
    case VM_PROC_RUNNING: return "running";
    case VM_PROC_RUNNABLE: return "runnable";
    case VM_PROC_WAITING: return "waiting";
    case VM_PROC_SUSPENDED: return "suspended";
    default: return "exiting";
    }
}

/* One item of process_info/2, or TERM_NONE for an unknown item. */
static term info_item(vm_process *o, term item)
{
    const char *k = term_is_atom(item) ? term_atom_name(item) : "";
    term v;
    if (!strcmp(k, "message_queue_len")) v = term_small(o->mbox_len);
    else if (!strcmp(k, "messages")) {
        v = TERM_NIL;
        term items[4096];
        uint32_t n = 0;
        for (vm_msg *m = o->mbox_head; m && n < 4096; m = m->next) items[n++] = term_retain(m->value);
        v = term_list_from_array(items, n);
    } else if (!strcmp(k, "links")) v = term_retain(o->links);
    else if (!strcmp(k, "registered_name")) v = o->registered_name == TERM_NONE ? TERM_NIL : o->registered_name;
    else if (!strcmp(k, "trap_exit")) v = term_bool(o->trap_exit);
    else if (!strcmp(k, "priority")) v = term_atom(priorities[o->priority]);
    else if (!strcmp(k, "message_queue_data")) v = term_atom(o->off_heap ? "off_heap" : "on_heap");
    else if (!strcmp(k, "status")) v = term_atom(state_name(o));
    else if (!strcmp(k, "group_leader")) v = o->group_leader == TERM_NONE ? term_retain(o->pid) : term_retain(o->group_leader);
    else if (!strcmp(k, "dictionary")) v = o->dictionary == TERM_NONE ? TERM_NIL : term_retain(o->dictionary);
    else if (!strcmp(k, "current_stacktrace")) v = TERM_NIL;
    else if (!strcmp(k, "heap_size") || !strcmp(k, "total_heap_size") || !strcmp(k, "reductions"))
        v = term_small(o->regs_cap);
    else if (!strcmp(k, "memory")) v = term_small((intptr_t)(sizeof *o + o->regs_cap * sizeof(term) + o->frames_cap * 16));
    else return TERM_NONE;
    if (!strcmp(k, "dictionary") && term_is_map(v)) {
        term m = v;
        term l = TERM_NIL;
        for (uint32_t i = term_map_size(m); i-- > 0;)
            l = term_cons_new(term_tuple2(term_retain(term_map_key(m, i)), term_retain(term_map_value(m, i))), l);
        term_release(m);
        v = l;
    }
    if (!strcmp(k, "registered_name") && v == TERM_NIL) return term_tuple2(item, TERM_NIL);
    return term_tuple2(item, v);
}

BIF(bif_process_info2)
{
    vm_process *o = term_is_pid(a[0]) ? vm_find_process(p->rt, a[0]) : NULL;
    if (!term_is_pid(a[0]) || !vm_pid_is_local(p->rt, a[0])) return vm_badarg(p);
    if (!o) {
        *r = term_atom("undefined");
        return VM_OK;
    }
    if (term_is_atom(a[1])) {
        term t = info_item(o, a[1]);
        if (t == TERM_NONE) return vm_badarg(p);
        /* process_info(pid, :registered_name) is [] when none */
        if (a[1] == term_atom("registered_name") && term_tuple_get(t, 1) == TERM_NIL) {
            term_release(t);
            t = TERM_NIL;
        }
        *r = t;
        return VM_OK;
    }
    term items[64];
    uint32_t n = 0;
    for (term l = a[1]; term_is_cons(l) && n < 64; l = term_tail(l)) {
        term t = info_item(o, term_head(l));
        if (t == TERM_NONE) {
            while (n) term_release(items[--n]);
            return vm_badarg(p);
        }
        items[n++] = t;
    }
    *r = term_list_from_array(items, n);
    return VM_OK;
}

BIF(bif_process_info1)
{
    static const char *defaults[] = {"registered_name", "status", "message_queue_len", "links", "dictionary",
                                     "trap_exit", "group_leader"};
    vm_process *o = term_is_pid(a[0]) ? vm_find_process(p->rt, a[0]) : NULL;
    if (!term_is_pid(a[0]) || !vm_pid_is_local(p->rt, a[0])) return vm_badarg(p);
    if (!o) {
        *r = term_atom("undefined");
        return VM_OK;
    }
    term items[8];
    uint32_t n = 0;
    for (size_t i = 0; i < sizeof defaults / sizeof *defaults; i++) {
        if (i == 0 && o->registered_name == TERM_NONE) continue;
        items[n++] = info_item(o, term_atom(defaults[i]));
    }
    *r = term_list_from_array(items, n);
    return VM_OK;
}

/* ---- time ---- */

static int64_t unit_per_second(term unit, bool *ok)
{
    *ok = true;
    if (unit == term_atom("second") || unit == term_atom("seconds")) return 1;
    if (unit == term_atom("millisecond") || unit == term_atom("milli_seconds")) return 1000;
    if (unit == term_atom("microsecond") || unit == term_atom("micro_seconds")) return 1000000;
    /* the native unit (and the performance counter's) is the nanosecond,
     * as on a BEAM on Linux */
    if (unit == term_atom("nanosecond") || unit == term_atom("native") || unit == term_atom("nano_seconds") ||
        unit == term_atom("perf_counter"))
        return 1000000000;
    if (term_is_small(unit) && term_small_value(unit) > 0) return term_small_value(unit);
    *ok = false;
    return 1;
}

static vm_status clock_in(vm_process *p, clockid_t clock, term unit, term *r)
{
    bool ok;
    int64_t per = unit_per_second(unit, &ok);
    if (!ok) return vm_badarg(p);
    struct timespec ts;
    clock_gettime(clock, &ts);
    /* seconds * per + nanoseconds scaled, without overflow for ns */
    int64_t v = (int64_t)ts.tv_sec * per + (int64_t)((__int128)ts.tv_nsec * per / 1000000000);
    *r = term_int_from_i64(v);
    return VM_OK;
}

BIF(bif_monotonic_time0) { return clock_in(p, CLOCK_MONOTONIC, term_atom("native"), r); (void)a; }
BIF(bif_system_time0) { return clock_in(p, CLOCK_REALTIME, term_atom("native"), r); (void)a; }
BIF(bif_system_time1) { return clock_in(p, CLOCK_REALTIME, a[0], r); }
BIF(bif_monotonic_time1) { return clock_in(p, CLOCK_MONOTONIC, a[0], r); }

/* erlang:time_offset/0,1: system time minus monotonic time, read together */
static vm_status time_offset_in(vm_process *p, term unit, term *r)
{
    bool ok;
    int64_t per = unit_per_second(unit, &ok);
    if (!ok) return vm_badarg(p);
    struct timespec m, s;
    clock_gettime(CLOCK_MONOTONIC, &m);
    clock_gettime(CLOCK_REALTIME, &s);
    __int128 ns = ((__int128)s.tv_sec - m.tv_sec) * 1000000000 + (s.tv_nsec - m.tv_nsec);
    __int128 x = ns * per;
    int64_t q = (int64_t)(x / 1000000000);
    if (x % 1000000000 != 0 && x < 0) q--;
    *r = term_int_from_i64(q);
    return VM_OK;
}
BIF(bif_time_offset0) { return time_offset_in(p, term_atom("native"), r); (void)a; }
BIF(bif_time_offset1) { return time_offset_in(p, a[0], r); }

/* erlang:timestamp/0 and os:timestamp/0: {MegaSecs, Secs, MicroSecs} */
BIF(bif_timestamp)
{
    (void)p;
    (void)a;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    *r = term_tuple3(term_small(ts.tv_sec / 1000000), term_small(ts.tv_sec % 1000000), term_small(ts.tv_nsec / 1000));
    return VM_OK;
}

BIF(bif_convert_time_unit)
{
    bool ok1, ok2;
    int64_t from = unit_per_second(a[1], &ok1), to = unit_per_second(a[2], &ok2), v;
    if (!ok1 || !ok2 || !term_is_integer(a[0]) || !term_int_to_i64(a[0], &v)) return vm_badarg(p);
    __int128 x = (__int128)v * to;
    /* floor division, as OTP does */
    int64_t q = (int64_t)(x / from);
    if ((x % from != 0) && ((x < 0) != (from < 0))) q--;
    *r = term_int_from_i64(q);
    return VM_OK;
}

static term datetime(const struct tm *tm)
{
    term date = term_tuple3(term_small(tm->tm_year + 1900), term_small(tm->tm_mon + 1), term_small(tm->tm_mday));
    term time = term_tuple3(term_small(tm->tm_hour), term_small(tm->tm_min), term_small(tm->tm_sec));
    return term_tuple2(date, time);
}

BIF(bif_localtime)
{
    (void)p;
    (void)a;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    *r = datetime(&tm);
    return VM_OK;
}

BIF(bif_universaltime)
{
    (void)p;
    (void)a;
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    *r = datetime(&tm);
    return VM_OK;
}

/* ---- timers ---- */

static vm_status start_timer(vm_process *p, term ms, term dest, term msg, bool timeout_tuple, term *r)
{
    if (!term_is_small(ms) || term_small_value(ms) < 0) return vm_badarg(p);
    term target = dest;
    if (term_is_atom(target)) target = term_map_get(p->rt->registered, target);
    if (!term_is_pid(target)) {
        if (term_is_atom(dest)) target = TERM_NONE;
        else return vm_badarg(p);
    }
    term ref = vm_make_ref(p->rt);
    term payload = timeout_tuple ? term_tuple3(term_atom("timeout"), term_retain(ref), term_retain(msg)) : term_retain(msg);
    if (target == TERM_NONE) {
        term_release(payload);
        *r = ref;
        return VM_OK;
    }
    vm_timer_add(p->rt, vm_deadline_ms(term_small_value(ms)), NULL, term_retain(target), payload, term_retain(ref));
    *r = ref;
    return VM_OK;
}

BIF(bif_send_after4) { return start_timer(p, a[0], a[1], a[2], false, r); }
BIF(bif_start_timer3) { return start_timer(p, a[0], a[1], a[2], true, r); }
BIF(bif_start_timer4) { return start_timer(p, a[0], a[1], a[2], true, r); }
BIF(bif_cancel_timer2) { return bif_cancel_timer(p, a, r); }

BIF(bif_read_timer)
{
    if (!term_is_ref(a[0])) return vm_badarg(p);
    for (uint32_t i = 0; i < p->rt->ntimers; i++) {
        const vm_timer *t = &p->rt->timers[i];
        if (t->ref != TERM_NONE && term_exact_equal(t->ref, a[0])) {
            *r = term_int_from_i64(vm_ms_left(t->deadline));
            return VM_OK;
        }
    }
    *r = TERM_FALSE;
    return VM_OK;
}

/* ---- aliases (OTP 24): a reference that delivers to its owner while
 * active, so a late reply to a timed-out call is dropped ---- */

static void alias_add(vm_process *p, term ref)
{
    p->rt->aliases = term_map_put(p->rt->aliases, term_retain(ref), term_retain(p->pid));
}

BIF(bif_alias0)
{
    (void)a;
    term ref = vm_make_ref(p->rt);
    alias_add(p, ref);
    *r = ref;
    return VM_OK;
}

BIF(bif_alias1) { return bif_alias0(p, a, r); }

BIF(bif_unalias)
{
    if (!term_is_ref(a[0])) return vm_badarg(p);
    term owner = term_map_get(p->rt->aliases, a[0]);
    bool mine = owner != TERM_NONE && term_exact_equal(owner, p->pid);
    if (mine) p->rt->aliases = term_map_remove(p->rt->aliases, a[0]);
    *r = term_bool(mine);
    return VM_OK;
}

BIF(bif_monitor3)
{
    vm_status st = bif_monitor(p, a, r);
    if (st != VM_OK) return st;
    for (term l = a[2]; term_is_cons(l); l = term_tail(l)) {
        term o = term_head(l);
        if (term_is_tuple(o) && term_tuple_arity(o) == 2 && term_tuple_get(o, 0) == term_atom("alias")) alias_add(p, *r);
    }
    return VM_OK;
}

/* spawn_request(node, m, f, args, opts): the request id; the outcome comes
 * as a message ({spawn_reply, Ref, ok|error, PidOrReason}) as the options
 * say, and with :monitor a DOWN later carries the exit reason. */
BIF(bif_spawn_request5)
{
    term node = a[0], m = a[1], f = a[2], args = a[3], opts = a[4];
    if (!term_is_atom(node) || !term_is_atom(m) || !term_is_atom(f) || term_list_length(args) < 0 ||
        term_list_length(opts) < 0)
        return vm_badarg(p);
    bool monitor = false;
    for (term l = opts; term_is_cons(l); l = term_tail(l)) {
        term o = term_head(l);
        if (o == term_atom("monitor") || (term_is_tuple(o) && term_tuple_arity(o) == 2 && term_tuple_get(o, 0) == term_atom("monitor")))
            monitor = true;
    }
    term ref = vm_make_ref(p->rt);
    const vm_dist_ops *d = vm_dist(p->rt);
    if (node == p->rt->node || !d) {
        /* on this node: spawn at once and answer as the remote side would */
        term mfa[3] = {m, f, args};
        term pid;
        if (spawn_mfa(p, mfa, false, &pid) != VM_OK) return VM_RAISE;
        /* the monitor carries the request id, and is an ordinary local
         * monitor (demonitor/2 ends both of its ends) */
        if (monitor) vm_monitor_process_as(p, pid, ref);
        term reply = term_tuple_new(4);
        term_tuple_init(reply, 0, term_atom("spawn_reply"));
        term_tuple_init(reply, 1, term_retain(ref));
        term_tuple_init(reply, 2, TERM_ATOM_OK);
        term_tuple_init(reply, 3, pid);
        bool want = true;
        for (term l = opts; term_is_cons(l); l = term_tail(l)) {
            term o = term_head(l);
            if (term_is_tuple(o) && term_tuple_arity(o) == 2 && term_tuple_get(o, 0) == term_atom("reply"))
                want = term_tuple_get(o, 1) == term_atom("yes") || term_tuple_get(o, 1) == term_atom("success_only");
        }
        if (want) vm_send(p->rt, p->pid, reply);
        else term_release(reply);
        *r = ref;
        return VM_OK;
    }
    if (monitor) vm_monitor_spawn_request(p, ref, node);
    term gl = p->group_leader == TERM_NONE ? p->pid : p->group_leader;
    d->spawn_request(d->ctx, node, ref, p->pid, gl, m, f, args, opts);
    *r = ref;
    return VM_OK;
}

BIF(bif_spawn_request4)
{
    term args[5] = {a[0], a[1], a[2], a[3], TERM_NIL};
    return bif_spawn_request5(p, args, r);
}

static const vm_bif_def process_more_bifs[] = {
    {"erlang", "spawn_request", 5, bif_spawn_request5}, {"erlang", "spawn_request", 4, bif_spawn_request4},
    {"erlang", "spawn_monitor", 1, bif_spawn_monitor1}, {"erlang", "spawn_monitor", 3, bif_spawn_monitor3},
    {"erlang", "spawn_opt", 2, bif_spawn_opt2}, {"erlang", "spawn_opt", 4, bif_spawn_opt4},
    {"erlang", "processes", 0, bif_processes}, {"erlang", "process_info", 1, bif_process_info1},
    {"erlang", "process_info", 2, bif_process_info2}, {"erlang", "system_time", 0, bif_system_time0},
    {"erlang", "system_time", 1, bif_system_time1}, {"os", "system_time", 0, bif_system_time0},
    {"os", "system_time", 1, bif_system_time1}, {"erlang", "monotonic_time", 1, bif_monotonic_time1},
    {"erlang", "convert_time_unit", 3, bif_convert_time_unit}, {"erlang", "time_offset", 0, bif_time_offset0},
    {"erlang", "time_offset", 1, bif_time_offset1}, {"erlang", "timestamp", 0, bif_timestamp},
    {"os", "timestamp", 0, bif_timestamp}, {"os", "perf_counter", 0, bif_monotonic_time0},
    {"erlang", "monotonic_time", 0, bif_monotonic_time0},
    {"os", "perf_counter", 1, bif_monotonic_time1}, {"erlang", "localtime", 0, bif_localtime},
    {"erlang", "universaltime", 0, bif_universaltime}, {"calendar", "local_time", 0, bif_localtime},
    {"calendar", "universal_time", 0, bif_universaltime},
    {"erlang", "send_after", 4, bif_send_after4}, {"erlang", "start_timer", 3, bif_start_timer3},
    {"erlang", "start_timer", 4, bif_start_timer4}, {"erlang", "cancel_timer", 2, bif_cancel_timer2},
    {"erlang", "read_timer", 1, bif_read_timer}, {"erlang", "alias", 0, bif_alias0},
    {"erlang", "alias", 1, bif_alias1}, {"erlang", "unalias", 1, bif_unalias}, {"erlang", "monitor", 3, bif_monitor3},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_process_more_init(vm_runtime *rt);
void vm_bifs_process_more_init(vm_runtime *rt) { vm_register_bifs(rt, process_more_bifs); }
