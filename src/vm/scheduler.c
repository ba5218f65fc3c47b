/* scheduler.c - the run queue, timers, the event loop and the scheduler
 * threads.
 *
 * The event loop runs processes from the run queue (each for a slice of
 * reductions), fires due timers, and when nothing is runnable it sleeps on
 * the watched descriptors (stdin, sockets; poller.c) until the next timer
 * is due.
 *
 * With N schedulers (`+S N`), N - 1 more threads take processes from the
 * same run queue, so a process runs on whichever thread is free next and
 * load spreads by itself.  They never poll and never fire timers: the
 * event loop's thread stays the one that does, and they wake it (an
 * eventfd it watches) when a timer they set is due first or when work
 * piles up that nobody else takes.  Everything is guarded by the runtime
 * lock, which a thread lets go while it waits and while a process runs
 * instructions on its own registers (interp.c): that is where the threads
 * run in parallel.  A process that yields goes on once the processes that
 * were ahead of it in the queue have had their slice, wherever they ran
 * (wait_for_earlier). */
#include <errno.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/eventfd.h>
#endif

#include "vm_internal.h"

/* Monotonic microseconds; vm_now_ms is what the timers see. */
static int64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t vm_now_ms(void) { return now_us() / 1000; }

int64_t vm_deadline_ms(int64_t ms)
{
    int64_t us = now_us();
    return ms <= 0 ? us / 1000 : (us + 999) / 1000 + ms;
}

int64_t vm_ms_left(int64_t deadline)
{
    int64_t left = deadline * 1000 - now_us();
    return left > 0 ? left / 1000 : 0;
}

/* Set on the scheduler threads other than the event loop's; and each
 * thread's number (0: the event loop's), its slot in rt->running. */
static _Thread_local bool on_worker;
static _Thread_local uint32_t thread_index;

/* The holder lets the lock go at its next call once it is wanted, mostly
 * within a microsecond, so the waiter spins that long before it sleeps:
 * being woken from a futex takes tens of microseconds, and every slice
 * that ends while another thread runs one waits for the lock
 * (bench/fib_parallel.exs on two threads: 2,141 futex calls and 115-119
 * ms a run when the waiter slept at once, 226 and 107-112 ms now). */
#define LOCK_SPINS 256

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

void vm_lock_contended(vm_runtime *rt)
{
    __atomic_add_fetch(&rt->lock_wanted, 1, __ATOMIC_RELAXED);
    for (int spins = LOCK_SPINS; pthread_mutex_trylock(&rt->lock) != 0;) {
        if (--spins == 0) {
            pthread_mutex_lock(&rt->lock);
            break;
        }
        cpu_relax();
    }
    __atomic_sub_fetch(&rt->lock_wanted, 1, __ATOMIC_RELAXED);
}

/* A thread that waits (for work, for a nested run to end, for the
 * slices a yielded process waits on) sleeps on its own semaphore, outside
 * the runtime lock, in a list that whoever wakes it takes it from; it
 * takes the lock back counted (vm_lock_counted), so that the thread
 * holding it lets it go soon.  Lists and flags change under the lock. */
typedef struct vm_sleeper {
    sem_t sem;
    struct vm_sleeper *next;
    bool woken;
} vm_sleeper;

/* Sleeps until woken, or until `until` (CLOCK_REALTIME, as sem_timedwait
 * takes it) when given;
 * true when woken. */
static bool sleep_on(vm_runtime *rt, vm_sleeper **list, const struct timespec *until)
{
    vm_sleeper me = {.next = *list};
    sem_init(&me.sem, 0, 0);
    *list = &me;
    pthread_mutex_unlock(&rt->lock);
    int r;
    do r = until ? sem_timedwait(&me.sem, until) : sem_wait(&me.sem);
    while (r != 0 && errno == EINTR);
    vm_lock_counted(rt);
    if (!me.woken) /* timed out: still listed */
        for (vm_sleeper **q = list; *q; q = &(*q)->next)
            if (*q == &me) {
                *q = me.next;
                break;
            }
    sem_destroy(&me.sem);
    return me.woken;
}

static void wake_one(vm_sleeper **list)
{
    vm_sleeper *s = *list;
    if (!s) return;
    *list = s->next;
    s->woken = true;
    sem_post(&s->sem);
}

static void wake_all(vm_sleeper **list)
{
    while (*list) wake_one(list);
}

void vm_wake_idle_threads(vm_runtime *rt) { wake_all(&rt->idle_sleepers); }

static void runq_link(vm_runtime *rt, vm_process *p, bool wake)
{
    p->next_run = NULL;
    if (rt->run_tail) rt->run_tail->next_run = p;
    else rt->run_head = p;
    rt->run_tail = p;
    __atomic_store_n(&rt->runq_len, rt->runq_len + 1, __ATOMIC_RELEASE);
    /* One runnable process is left to the thread that queued it (a
     * message and its answer stay on one thread); from two on, an idle
     * thread is woken, or the event loop if it sleeps. */
    if (rt->threaded && wake && rt->runq_len >= 2) {
        if (rt->idle_sleepers) wake_one(&rt->idle_sleepers);
        else vm_wake_loop(rt);
    }
}

void vm_make_runnable(vm_runtime *rt, vm_process *p)
{
    if (p->in_runq || p->state == VM_PROC_EXITED) return;
    if (p->state == VM_PROC_WAITING) p->state = VM_PROC_RUNNABLE;
    p->in_runq = true;
    if (p->executing) { /* queued by the thread running it, once its slice ends */
        p->deferred = true;
        return;
    }
    runq_link(rt, p, true);
}

static vm_process *runq_pop(vm_runtime *rt)
{
    vm_process *p = rt->run_head;
    if (!p) return NULL;
    rt->run_head = p->next_run;
    if (!rt->run_head) rt->run_tail = NULL;
    __atomic_store_n(&rt->runq_len, rt->runq_len - 1, __ATOMIC_RELEASE);
    p->in_runq = false;
    return p;
}

/* A process that started its slice after `p` yielded (it was ahead of
 * `p` in the queue) is still in that slice on another thread. */
static bool earlier_running(vm_runtime *rt, const vm_process *p)
{
    for (uint32_t i = 0; i < rt->schedulers; i++) {
        const vm_process *q = rt->running[i];
        if (q && q != p && q->slice_seq > p->yield_seq) return true;
    }
    return false;
}

/* A process that yielded goes on only once the processes that were ahead
 * of it have had their slice: on one scheduler that is what the queue's
 * order gives, and what iex's output order relies on (a process spawned
 * before the yield prints first); with several, another thread may have
 * taken one of them and still be running it.  The wait is bounded, so a
 * process in a long run of its own (a BIF that runs code to completion,
 * waiting perhaps for this one) delays it but never blocks it. */
static void wait_for_earlier(vm_runtime *rt, vm_process *p)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += 20 * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    __atomic_add_fetch(&rt->slice_waiters, 1, __ATOMIC_ACQ_REL);
    while (!rt->stopping && earlier_running(rt, p))
        if (!sleep_on(rt, &rt->slice_sleepers, &until)) break;
    __atomic_sub_fetch(&rt->slice_waiters, 1, __ATOMIC_ACQ_REL);
}

void vm_dist_flush_wanted(vm_runtime *rt, bool wanted) { __atomic_store_n(&rt->dist_flush_wanted, wanted, __ATOMIC_RELEASE); }

bool vm_slice_goes_on(vm_process *p)
{
    vm_runtime *rt = p->rt;
    return on_worker && __atomic_load_n(&rt->runq_len, __ATOMIC_ACQUIRE) == 0 &&
           __atomic_load_n(&rt->slice_waiters, __ATOMIC_ACQUIRE) == 0 && !__atomic_load_n(&rt->stopping, __ATOMIC_ACQUIRE) &&
           !__atomic_load_n(&rt->dist_flush_wanted, __ATOMIC_ACQUIRE) &&
           __atomic_load_n(&p->pending_exit, __ATOMIC_ACQUIRE) == TERM_NONE;
}

static void maybe_start_threads(vm_runtime *rt, vm_process *p);

/* Runs one process taken from the run queue, for one slice. */
static void run_one(vm_runtime *rt, vm_process *p)
{
    if (p->state == VM_PROC_EXITED) {
        vm_process_reap(p);
        return;
    }
    p->yielded = false;
    if (!rt->threaded) {
        /* single-threaded, a process that exits is freed at once: p is
         * not looked at after its slice */
        rt->slice_used_up = false;
        vm_execute(p);
        /* one that used up its reductions is queued again, so alive */
        if (rt->schedulers_lazy && rt->slice_used_up) maybe_start_threads(rt, p);
        return;
    }
    if (p->yield_seq) {
        wait_for_earlier(rt, p);
        p->yield_seq = 0;
    }
    p->executing = true;
    p->slice_seq = ++rt->slice_seq;
    rt->executing++;
    /* a nested run (run_on_worker) puts the outer process back after */
    vm_process *outer = rt->running[thread_index];
    rt->running[thread_index] = p;
    vm_execute(p);
    rt->running[thread_index] = outer;
    if (rt->slice_sleepers) wake_all(&rt->slice_sleepers);
    rt->executing--;
    p->executing = false;
    if (p->state == VM_PROC_EXITED && !p->in_runq) {
        vm_process_reap(p);
        return;
    }
    if (p->deferred) {
        /* a process that yields lets the others ready go first on this
         * thread, as a BEAM scheduler runs its own queue before another
         * one steals from it */
        p->deferred = false;
        if (p->yielded) p->yield_seq = rt->slice_seq;
        runq_link(rt, p, !p->yielded);
    }
}

void vm_wake_loop(vm_runtime *rt)
{
    if (!rt->threaded || !rt->loop_sleeping || rt->loop_woken) return;
    rt->loop_woken = true;
    uint64_t one = 1;
    ssize_t w = write(rt->wake_fd, &one, sizeof one);
    (void)w;
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
    if (i == 0) vm_wake_loop(rt); /* due before what the loop sleeps for */
}

void vm_timer_add(vm_runtime *rt, int64_t deadline, vm_process *p, term target, term msg, term ref)
{
    timer_push(rt, (vm_timer){deadline, p ? p->id : UINT32_MAX, p ? p->timer_seq : 0, msg, target, ref, NULL, NULL});
}

void vm_call_later(vm_runtime *rt, int64_t delay_ms, vm_later_fn fn, void *ctx)
{
    timer_push(rt, (vm_timer){vm_deadline_ms(delay_ms), UINT32_MAX, 0, TERM_NONE, TERM_NONE, TERM_NONE, fn, ctx});
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
            int64_t left = vm_ms_left(t->deadline);
            /* neutralise it in place; it is dropped when it comes due */
            term_release(t->message);
            term_release(t->target);
            term_release(t->ref);
            t->message = TERM_NONE;
            t->target = TERM_NONE;
            t->ref = TERM_NONE;
            t->pid_id = UINT32_MAX;
            return left;
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
        while ((rc = vm_poll(rt, 0)) == 0 && !rt->run_head && now_us() < until) sched_yield(); /* others on this core first */
    }
    if (rc == 0 && !rt->run_head) rc = vm_poll(rt, timeout_ms);
    rt->polled_us = now_us();
    rt->slices_unpolled = 0;
    return rc >= 0;
}

/* Runs the next queued process for a slice, if there is one, then sends
 * what is queued for other nodes (what the slice sent, or what timers and
 * descriptor callbacks did); true when a process ran. */
static bool run_next(vm_runtime *rt)
{
    vm_process *p = runq_pop(rt);
    if (p) run_one(rt, p);
    if (rt->dist.flush) rt->dist.flush(rt->dist.ctx);
    return p != NULL;
}

/* vm_run on a scheduler thread other than the event loop's (a BIF that
 * runs code to completion, as macro expansion does): it runs processes
 * until done, and waits for work when there is none. */
static bool run_on_worker(vm_runtime *rt, bool (*done)(void *ctx), void *ctx)
{
    for (;;) {
        if (done && done(ctx)) return true;
        if (rt->stopping) return false; /* the runtime is being freed */
        if (run_next(rt)) continue;
        if (done && done(ctx)) return true;
        rt->idle++;
        rt->nested_waiting++;
        sleep_on(rt, &rt->idle_sleepers, NULL);
        rt->nested_waiting--;
        rt->idle--;
    }
}

static bool run_loop(vm_runtime *rt, bool (*done)(void *ctx), void *ctx);

bool vm_run(vm_runtime *rt, bool (*done)(void *ctx), void *ctx)
{
    if (on_worker) return run_on_worker(rt, done, ctx);
    rt->run_depth++;
    bool r = run_loop(rt, done, ctx);
    rt->run_depth--;
    return r;
}

/* While processes keep the run queue busy, the descriptors are looked at
 * (without waiting) at least every LOOK_US between slices, as the BEAM's
 * schedulers check IO every so many reductions: otherwise a node with a
 * busy process would never read its sockets or stdin (no connection
 * accepted, no tick answered: its peers would drop it).  The clock is
 * read every LOOK_SLICES slices, so short slices (message passing) do
 * not pay for it. */
#define LOOK_US 1000
#define LOOK_SLICES 64

static void look_between_slices(vm_runtime *rt)
{
    if (++rt->slices_unpolled < LOOK_SLICES) return;
    rt->slices_unpolled = 0;
    int64_t now = now_us();
    if (now - rt->polled_us < LOOK_US) return;
    rt->polled_us = now;
    vm_poll(rt, 0);
}

/* vm_run on the event loop's thread */
static bool run_loop(vm_runtime *rt, bool (*done)(void *ctx), void *ctx)
{
    for (;;) {
        if (done && done(ctx)) return true;
        if (rt->ntimers) fire_due_timers(rt, vm_now_ms()); /* the clock costs: only when a timer waits */
        /* with no process to run, what timers and descriptor callbacks
         * sent goes out before we sleep */
        if (run_next(rt)) {
            look_between_slices(rt);
            continue;
        }
        /* a C timer callback may have made `done` true: no sleep then */
        if (done && done(ctx)) return true;
        int timeout = -1;
        if (rt->ntimers) {
            int64_t wait = rt->timers[0].deadline - vm_now_ms();
            timeout = wait < 0 ? 0 : wait > 1000000 ? 1000000 : (int)wait;
        }
        if (rt->threaded) {
            /* nothing at all to wait for: no descriptor but the wake-up's,
             * no timer, no process anywhere */
            if (vm_watch_count(rt) <= 1 && timeout < 0 && rt->executing == 0 && !rt->run_head) return false;
            rt->loop_sleeping = true;
            rt->loop_woken = false;
            bool ok = wait_for_events(rt, timeout);
            rt->loop_sleeping = false;
            if (!ok) return false;
            continue;
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

/* ---- scheduler threads ---- */

void vm_nested_run_begin(vm_runtime *rt)
{
    if (!rt->threaded) return;
    while (rt->nested_depth && !pthread_equal(rt->nested_owner, pthread_self()))
        sleep_on(rt, &rt->nested_sleepers, NULL);
    rt->nested_owner = pthread_self();
    rt->nested_depth++;
}

void vm_nested_run_end(vm_runtime *rt)
{
    if (!rt->threaded) return;
    if (--rt->nested_depth == 0) wake_all(&rt->nested_sleepers);
}

typedef struct scheduler_arg {
    vm_runtime *rt;
    uint32_t index;
} scheduler_arg;

static void *scheduler_thread(void *arg)
{
    scheduler_arg *a = arg;
    vm_runtime *rt = a->rt;
    on_worker = true;
    thread_index = a->index;
    free(a);
    vm_lock_counted(rt);
    while (!rt->stopping) {
        if (run_next(rt)) continue;
        rt->idle++;
        sleep_on(rt, &rt->idle_sleepers, NULL);
        rt->idle--;
    }
    pthread_mutex_unlock(&rt->lock);
    term_thread_done();
    return NULL;
}

static void on_wake(vm_runtime *rt, int fd, void *ctx)
{
    (void)ctx;
    uint64_t n;
    ssize_t r = read(fd, &n, sizeof n);
    (void)r;
    rt->loop_woken = false;
}

uint32_t vm_schedulers(vm_runtime *rt) { return rt->schedulers_total; }
uint32_t vm_scheduler_id(void) { return thread_index + 1; }
uint32_t vm_schedulers_online(vm_runtime *rt) { return rt->schedulers_lazy ? rt->schedulers_lazy : rt->schedulers; }

uint32_t vm_online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > VM_SCHEDULERS_MAX ? VM_SCHEDULERS_MAX : (uint32_t)n;
}

bool vm_set_schedulers_lazy(vm_runtime *rt, uint32_t total, uint32_t n)
{
    if (n < 1 || total > VM_SCHEDULERS_MAX || n > total || rt->threaded) return false;
    rt->schedulers_total = total;
    rt->schedulers = 1;
    rt->schedulers_lazy = n > 1 ? n : 0;
    return true;
}

/* Between two slices on the event loop's thread, outside any nested run,
 * after `p` used up its reductions and was queued again (at the end):
 * four such slices in a row found another process waiting ahead of it,
 * and the threads start (the runtime turns threaded exactly as at
 * start-up: only this thread runs).  One that found none starts the count
 * again, so a single busy process beside a shell or an IO server that now
 * and then has a message stays on one thread. */
static void maybe_start_threads(vm_runtime *rt, vm_process *p)
{
    if (rt->run_depth != 1) return;
    if (rt->run_head == p) {
        rt->competed = 0;
        return;
    }
    if (++rt->competed < 4) return;
    uint32_t n = rt->schedulers_lazy;
    rt->schedulers_lazy = 0;
    if (!vm_set_schedulers(rt, rt->schedulers_total, n)) rt->schedulers = 1;
}

bool vm_set_schedulers(vm_runtime *rt, uint32_t total, uint32_t n)
{
    if (n < 1 || total > VM_SCHEDULERS_MAX || n > total || rt->threaded) return false;
    rt->schedulers_total = total;
    rt->schedulers = n;
    if (n == 1) return true;
#ifdef __linux__
    rt->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
#else
    rt->wake_fd = -1;
#endif
    if (rt->wake_fd < 0) {
        rt->schedulers = 1;
        return false;
    }
    term_set_threaded();
    pthread_mutex_init(&rt->lock, NULL);
    /* from here on, the calling thread (the event loop's) holds the lock
     * but while it waits */
    pthread_mutex_lock(&rt->lock);
    rt->threaded = true;
    vm_watch_fd(rt, rt->wake_fd, on_wake, NULL);
    rt->threads = ciex_xcalloc(n - 1, sizeof *rt->threads, "scheduler");
    /* signals (Ctrl+C, SIGWINCH, SIGTERM) go to the event loop's thread,
     * whose wait they interrupt: the others block them (all but the
     * ones a fault raises in the thread that faults) */
    sigset_t blocked, before;
    sigfillset(&blocked);
    int faults[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS};
    for (size_t i = 0; i < sizeof faults / sizeof *faults; i++) sigdelset(&blocked, faults[i]);
    pthread_sigmask(SIG_BLOCK, &blocked, &before);
    for (uint32_t i = 0; i + 1 < n; i++) {
        scheduler_arg *a = ciex_xcalloc(1, sizeof *a, "scheduler");
        a->rt = rt;
        a->index = i + 1;
        if (pthread_create(&rt->threads[i], NULL, scheduler_thread, a) != 0) {
            fprintf(stderr, "ciex: cannot start scheduler thread %u\n", i + 2);
            abort();
        }
    }
    pthread_sigmask(SIG_SETMASK, &before, NULL);
    return true;
}

void vm_schedulers_stop(vm_runtime *rt)
{
    if (!rt->threaded) return;
    __atomic_store_n(&rt->stopping, true, __ATOMIC_RELEASE);
    wake_all(&rt->idle_sleepers);
    wake_all(&rt->nested_sleepers);
    wake_all(&rt->slice_sleepers);
    /* a thread may be in a process's slice: it finishes it first */
    pthread_mutex_unlock(&rt->lock);
    for (uint32_t i = 0; i + 1 < rt->schedulers; i++) pthread_join(rt->threads[i], NULL);
    pthread_mutex_lock(&rt->lock);
    free(rt->threads);
    rt->threads = NULL;
    vm_unwatch_fd(rt, rt->wake_fd);
    close(rt->wake_fd);
    rt->threaded = false;
    pthread_mutex_unlock(&rt->lock);
    pthread_mutex_destroy(&rt->lock);
}
