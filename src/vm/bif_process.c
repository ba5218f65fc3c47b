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

BIF(bif_spawn1) { return spawn_common(p, a[0], TERM_NIL, false, r); }
BIF(bif_spawn_link1) { return spawn_common(p, a[0], TERM_NIL, true, r); }

/* spawn(M, F, A): a process that starts with apply(M, F, A), through the
 * prelude's :ciex_boot.run_mfa/3. */
static vm_status spawn_mfa(vm_process *p, const term *a, bool link, term *r)
{
    if (!term_is_atom(a[0]) || !term_is_atom(a[1]) || term_list_length(a[2]) < 0) return vm_badarg(p);
    vm_module *boot = vm_get_module(p->rt, term_atom("ciex_boot"));
    const vm_function *f = boot ? vm_module_find(boot, term_atom("run_mfa"), 3) : NULL;
    if (!f) return vm_raise_error(p, term_atom("undef"));
    vm_process *child = vm_spawn_code(p->rt, f->code, (term[]){term_retain(a[0]), term_retain(a[1]), term_retain(a[2])}, 3);
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

BIF(bif_send)
{
    term pid = resolve_dest(p->rt, a[0]);
    if (pid == TERM_NONE) {
        /* a pid of another node: dropped until distribution is up */
        if (term_is_tuple(a[0]) && term_tuple_arity(a[0]) == 2) {
            *r = term_retain(a[1]);
            return VM_OK;
        }
        return vm_badarg(p);
    }
    vm_send(p->rt, pid, term_retain(a[1]));
    *r = term_retain(a[1]);
    return VM_OK;
}

BIF(bif_link)
{
    if (!term_is_pid(a[0])) return vm_badarg(p);
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
    vm_unlink(p, a[0]);
    *r = TERM_TRUE;
    return VM_OK;
}

BIF(bif_monitor)
{
    if (a[0] != term_atom("process")) return vm_badarg(p);
    term target = a[1];
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

BIF(bif_demonitor1)
{
    if (!term_is_ref(a[0])) return vm_badarg(p);
    vm_demonitor(p, a[0]);
    *r = TERM_TRUE;
    return VM_OK;
}

BIF(bif_demonitor2)
{
    if (!term_is_ref(a[0]) || term_list_length(a[1]) < 0) return vm_badarg(p);
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

BIF(bif_process_flag)
{
    if (a[0] == term_atom("trap_exit")) {
        if (a[1] != TERM_TRUE && a[1] != TERM_FALSE) return vm_badarg(p);
        *r = term_bool(p->trap_exit);
        p->trap_exit = a[1] == TERM_TRUE;
        return VM_OK;
    }
    return vm_badarg(p);
}

BIF(bif_is_process_alive)
{
    if (!term_is_pid(a[0])) return vm_badarg(p);
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

/* ---- timers ---- */

BIF(bif_send_after)
{
    if (!term_is_small(a[0]) || term_small_value(a[0]) < 0) return vm_badarg(p);
    term target = a[1];
    if (term_is_atom(target)) target = term_map_get(p->rt->registered, target);
    if (!term_is_pid(target)) return vm_badarg(p);
    term ref = vm_make_ref(p->rt);
    vm_timer_add(p->rt, vm_now_ms() + term_small_value(a[0]), NULL, term_retain(target), term_retain(a[2]),
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

BIF(bif_monotonic_time)
{
    (void)p;
    (void)a;
    *r = term_int_from_i64(vm_now_ms() * 1000000);
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

BIF(bif_mailbox_len)
{
    (void)a;
    *r = term_small(p->mbox_len);
    return VM_OK;
}

static const vm_bif_def process_bifs[] = {
    {"erlang", "self", 0, bif_self}, {"erlang", "spawn", 1, bif_spawn1},
    {"erlang", "spawn_link", 1, bif_spawn_link1}, {"erlang", "spawn", 3, bif_spawn3},
    {"erlang", "spawn_link", 3, bif_spawn_link3}, {"erlang", "send", 2, bif_send},
    {"erlang", "!", 2, bif_send}, {"erlang", "link", 1, bif_link}, {"erlang", "unlink", 1, bif_unlink},
    {"erlang", "monitor", 2, bif_monitor}, {"erlang", "demonitor", 1, bif_demonitor1},
    {"erlang", "demonitor", 2, bif_demonitor2}, {"erlang", "exit", 1, bif_exit1},
    {"erlang", "exit", 2, bif_exit2}, {"erlang", "error", 1, bif_error1}, {"erlang", "error", 2, bif_error2},
    {"erlang", "throw", 1, bif_throw1}, {"erlang", "process_flag", 2, bif_process_flag},
    {"erlang", "is_process_alive", 1, bif_is_process_alive}, {"erlang", "register", 2, bif_register},
    {"erlang", "unregister", 1, bif_unregister}, {"erlang", "whereis", 1, bif_whereis},
    {"erlang", "registered", 0, bif_registered}, {"erlang", "make_ref", 0, bif_make_ref},
    {"erlang", "node", 0, bif_node0}, {"erlang", "node", 1, bif_node1},
    {"erlang", "group_leader", 0, bif_group_leader0}, {"erlang", "group_leader", 2, bif_group_leader2},
    {"erlang", "get", 1, bif_get1}, {"erlang", "put", 2, bif_put2}, {"erlang", "erase", 1, bif_erase1},
    {"erlang", "send_after", 3, bif_send_after}, {"erlang", "cancel_timer", 1, bif_cancel_timer},
    {"erlang", "monotonic_time", 0, bif_monotonic_time},
    {"ciex", "console_write", 1, bif_console_write}, {"ciex", "mailbox_len", 0, bif_mailbox_len},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_process_init(vm_runtime *rt);
void vm_bifs_process_init(vm_runtime *rt) { vm_register_bifs(rt, process_bifs); }
