/* scheduler.c - the run queue, timers and the event loop.
 *
 * One loop serves everything: it runs processes from the run queue (each
 * for a slice of reductions), fires due timers, and when nothing is
 * runnable it sleeps on the watched descriptors (stdin, sockets;
 * poller.c) until the next timer is due. */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vm_internal.h"

/* Monotonic microseconds; vm_now_ms is what the timers see. */
static int64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t vm_now_ms(void) { return now_us() / 1000; }

void vm_make_runnable(vm_runtime *rt, vm_process *p)
{
    if (p->in_runq || p->state == VM_PROC_EXITED) return;
    if (p->state == VM_PROC_WAITING) p->state = VM_PROC_RUNNABLE;
    p->in_runq = true;
    p->next_run = NULL;
    if (rt->run_tail) rt->run_tail->next_run = p;
    else rt->run_head = p;
    rt->run_tail = p;
}

static vm_process *runq_pop(vm_runtime *rt)
{
    vm_process *p = rt->run_head;
    if (!p) return NULL;
    rt->run_head = p->next_run;
    if (!rt->run_head) rt->run_tail = NULL;
    p->in_runq = false;
    return p;
}

/* ---- timers: a binary min-heap on deadline ---- */

static void timer_swap(vm_runtime *rt, uint32_t a, uint32_t b)
{
    vm_timer t = rt->timers[a];
    rt->timers[a] = rt->timers[b];
    rt->timers[b] = t;
}

static void timer_push(vm_runtime *rt, vm_timer t)
{
    if (rt->ntimers == rt->timers_cap) {
        rt->timers_cap = rt->timers_cap ? rt->timers_cap * 2 : 64;
        rt->timers = ciex_xrealloc(rt->timers, rt->timers_cap * sizeof *rt->timers, "timer");
    }
    uint32_t i = rt->ntimers++;
    rt->timers[i] = t;
    while (i > 0 && rt->timers[(i - 1) / 2].deadline > rt->timers[i].deadline) {
        timer_swap(rt, i, (i - 1) / 2);
        i = (i - 1) / 2;
    }
}

void vm_timer_add(vm_runtime *rt, int64_t deadline, vm_process *p, term target, term msg, term ref)
{
    timer_push(rt, (vm_timer){deadline, p ? p->id : UINT32_MAX, p ? p->timer_seq : 0, msg, target, ref, NULL, NULL});
}

void vm_call_later(vm_runtime *rt, int64_t delay_ms, vm_later_fn fn, void *ctx)
{
    timer_push(rt, (vm_timer){vm_now_ms() + delay_ms, UINT32_MAX, 0, TERM_NONE, TERM_NONE, TERM_NONE, fn, ctx});
}

static vm_timer timer_pop(vm_runtime *rt)
{
    vm_timer top = rt->timers[0];
    rt->timers[0] = rt->timers[--rt->ntimers];
    uint32_t i = 0;
    for (;;) {
        uint32_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < rt->ntimers && rt->timers[l].deadline < rt->timers[m].deadline) m = l;
        if (r < rt->ntimers && rt->timers[r].deadline < rt->timers[m].deadline) m = r;
        if (m == i) break;
        timer_swap(rt, i, m);
        i = m;
    }
    return top;
}

/* Cancels a send_after timer by its reference; returns the milliseconds
 * that were left, or -1 when no such timer is pending. */
int64_t vm_timer_cancel(vm_runtime *rt, term ref)
{
    for (uint32_t i = 0; i < rt->ntimers; i++) {
        vm_timer *t = &rt->timers[i];
        if (t->ref != TERM_NONE && term_exact_equal(t->ref, ref)) {
            int64_t left = t->deadline - vm_now_ms();
            /* neutralise it in place; it is dropped when it comes due */
            term_release(t->message);
            term_release(t->target);
            term_release(t->ref);
            t->message = TERM_NONE;
            t->target = TERM_NONE;
            t->ref = TERM_NONE;
            t->pid_id = UINT32_MAX;
            return left < 0 ? 0 : left;
        }
    }
    return -1;
}

static void fire_timer(vm_runtime *rt, vm_timer t)
{
    if (t.fn) {
        t.fn(rt, t.fn_ctx);
        return;
    }
    if (t.message != TERM_NONE) { /* send_after */
        vm_send(rt, t.target, t.message);
        term_release(t.target);
        term_release(t.ref);
        return;
    }
    if (t.pid_id == UINT32_MAX) return;
    vm_process *p = rt->procs[t.pid_id & (rt->procs_cap - 1)];
    if (p && p->id != t.pid_id) return;
    /* A receive timeout counts only if the process is still in the receive
     * that set it (same timer_seq).  It may be waiting, or already back in
     * the run queue because an unrelated message arrived in the same
     * millisecond: the timeout must be taken either way, or the receive
     * goes back to sleep with no timer left to wake it. */
    if (p && p->state != VM_PROC_EXITED && p->timer_seq == t.seq && p->timer_deadline >= 0) {
        p->timed_out = true;
        p->timer_deadline = -1;
        vm_make_runnable(rt, p);
    }
}

static void fire_due_timers(vm_runtime *rt, int64_t now)
{
    while (rt->ntimers && rt->timers[0].deadline <= now) fire_timer(rt, timer_pop(rt));
}

/* ---- descriptors (poller.c) ---- */

/* Waits for descriptors or the next timer; returns false when there is
 * nothing at all to wait for. */
#define SPIN_US 50

static bool wait_for_events(vm_runtime *rt, int timeout_ms)
{
    if (vm_watch_count(rt) == 0 && timeout_ms < 0) return false;
    /* Having just run out of work, look again for a short while before
     * sleeping, as the BEAM's schedulers spin: an answer from another node
     * often arrives within tens of microseconds, sooner than a sleeping
     * process wakes up. */
    int rc = 0;
    if (timeout_ms != 0 && rt->has_dist) {
        int64_t until = now_us() + SPIN_US;
        while ((rc = vm_poll(rt, 0)) == 0 && now_us() < until) sched_yield(); /* others on this core first */
    }
    if (rc == 0) rc = vm_poll(rt, timeout_ms);
    return rc >= 0;
}

bool vm_run(vm_runtime *rt, bool (*done)(void *ctx), void *ctx)
{
    for (;;) {
        if (done && done(ctx)) return true;
        fire_due_timers(rt, vm_now_ms());
        vm_process *p = runq_pop(rt);
        if (p) {
            if (p->state == VM_PROC_EXITED) vm_process_reap(p);
            else vm_execute(p);
            if (rt->dist.flush) rt->dist.flush(rt->dist.ctx);
            continue;
        }
        /* what timers and descriptor callbacks sent goes out before we sleep */
        if (rt->dist.flush) rt->dist.flush(rt->dist.ctx);
        /* a C timer callback may have made `done` true: no sleep then */
        if (done && done(ctx)) return true;
        int timeout = -1;
        if (rt->ntimers) {
            int64_t wait = rt->timers[0].deadline - vm_now_ms();
            timeout = wait < 0 ? 0 : wait > 1000000 ? 1000000 : (int)wait;
        }
        if (!wait_for_events(rt, timeout)) return false;
    }
}

void vm_drain_run_queue(vm_runtime *rt)
{
    vm_process *p;
    while ((p = runq_pop(rt)))
        if (p->state == VM_PROC_EXITED) vm_process_reap(p);
}
