/* vm_internal.h - the runtime's and processes' private structures, shared
 * by the files of src/vm only. */
#ifndef CIEX_VM_INTERNAL_H
#define CIEX_VM_INTERNAL_H

#include <pthread.h>

#include "ciex/vm.h"

/* One activation of a function.  Registers of the frame are
 * p->regs[base .. base + code->nregs). */
typedef struct vm_frame {
    const vm_code *code;
    const uint32_t *ip; /* next instruction, in code->ops */
    uint32_t base;
    uint32_t ret_reg;  /* register of the caller that receives the result */
} vm_frame;

/* An active try: unwinding to it pops frames above `frame` and jumps. */
typedef struct vm_handler {
    uint32_t frame;    /* index of the frame that owns the try */
    uint32_t pc;       /* handler code */
    uint32_t reg_class, reg_reason, reg_stack;
} vm_handler;

typedef struct vm_msg {
    struct vm_msg *next;
    term value;
} vm_msg;

/* One end of a monitor, in its process's list (doubly linked: a DOWN or a
 * demonitor unlinks the other process's end through `peer` in O(1)). */
typedef struct vm_monitor {
    struct vm_monitor *next, **pprev;
    struct vm_monitor *peer; /* the other end of a local monitor, or NULL */
    term ref;     /* the monitor reference */
    term other;   /* the monitored (or monitoring) pid */
    bool watching; /* true: this process monitors `other`; false: `other` monitors us */
} vm_monitor;

/* Invariant: every register outside the live frames is [], so a frame
 * pushed above the top one starts with its registers cleared already, and
 * one that ends clears them as it releases them. */
struct vm_process {
    vm_runtime *rt;
    term pid;
    uint32_t id, serial;
    vm_proc_state state;
    int reductions;
    bool yield;     /* :erlang.yield/0: ends its time slice after the BIF */

    term *regs;
    uint32_t regs_cap;
    vm_frame *frames;
    uint32_t nframes, frames_cap;
    vm_handler *handlers;
    uint32_t nhandlers, handlers_cap;

    /* mailbox: `save` points at the link where a receive resumes scanning */
    vm_msg *mbox_head;
    vm_msg **mbox_tail;
    vm_msg **mbox_save;
    uint32_t mbox_len;

    /* receive timeout */
    int64_t timer_deadline; /* ms, or -1 */
    uint64_t timer_seq;
    bool timed_out;

    term links;      /* list of pids */
    vm_monitor *monitors;
    bool trap_exit;
    /* process_flag/2 settings the scheduler does not act on; kept so that
     * process_flag and process_info report them back */
    uint8_t priority;   /* 0 low, 1 normal, 2 high, 3 max */
    bool sensitive;
    bool off_heap;      /* message_queue_data */
    uint16_t save_calls;
    term dictionary; /* map */
    term group_leader;
    term registered_name; /* atom or TERM_NONE */
    struct ets_table *ets_owned; /* the ETS tables it owns (bif_ets.c) */

    /* the exception being raised */
    term exc_class, exc_reason, exc_stack;
    term exit_reason;  /* once exited */
    term pending_exit; /* an exit signal to act on when next scheduled */
    term bif_error_cause; /* vm_badarg_cause's cause until the BIF's stack entry is made */
    bool in_runq;
    /* With several scheduler threads: `executing` while a thread runs it
     * (then vm_make_runnable only marks it `deferred`, and the thread
     * queues it when the slice ends); lock_state says whether the thread
     * running it holds the runtime lock (interp.c). */
    bool executing, deferred;
    bool yielded; /* :erlang.yield/0: requeued without waking another thread */
    uint8_t lock_state;
    /* the runtime's slice count when its last slice began; and, once it
     * has yielded, that count at the yield: the processes that started a
     * slice after it were ahead of it in the queue (scheduler.c) */
    uint64_t slice_seq, yield_seq;

    struct vm_process *next_run;
};

/* vm_process.lock_state */
enum { VM_LOCK_NONE, VM_LOCK_HELD, VM_LOCK_RELEASED };

typedef struct vm_timer {
    int64_t deadline;
    uint32_t pid_id;
    uint64_t seq;
    term message; /* send_after: the message and target; TERM_NONE for receive timeouts */
    term target;
    term ref;
    vm_later_fn fn; /* vm_call_later: a C callback instead */
    void *fn_ctx;
} vm_timer;

/* A watched descriptor (poller.c), at its number in the table. */
typedef struct vm_watch {
    short events;           /* POLLIN, POLLOUT; 0: not watched */
    uint32_t gen;           /* tells a new watch of the same number from an old one */
    uint32_t pos;           /* with poll(): its place in pfds */
    bool always_ready;      /* a regular file, which epoll refuses */
    vm_fd_fn fn;            /* read-only watchers */
    vm_fd_events_fn efn;    /* watchers of several events */
    void *ctx;
} vm_watch;

typedef struct vm_ready {
    int fd;
    short revents;
    uint32_t gen;
} vm_ready;

typedef struct vm_poller {
    bool started;
    int epfd;               /* epoll's set; -1: poll() on pfds */
    vm_watch *watches;      /* indexed by descriptor */
    uint32_t watches_cap, nwatches, next_gen;
    uint32_t nalways;       /* watches that are always_ready */
    struct pollfd *pfds;    /* poll(): every watched descriptor */
    uint32_t npfds, pfds_cap;
    vm_ready *ready;        /* what the last wait found */
    uint32_t nready, ready_cap;
} vm_poller;

/* Waits up to timeout_ms (-1: no limit) for watched descriptors and runs
 * their callbacks; returns how many were ready, or -1 on an error. */
int vm_poll(vm_runtime *rt, int timeout_ms);
uint32_t vm_watch_count(const vm_runtime *rt);
void vm_poller_free(vm_runtime *rt);

typedef struct vm_bif_entry {
    term module, name;
    uint32_t arity;
    vm_bif_fn fn;
} vm_bif_entry;

struct vm_runtime {
    /* recompile/0 is reloading changed files: a module defined now replaces
     * its old version without the redefining warning (Mix purges first) */
    bool reloading;
    /* processes: an open table indexed by id & (cap - 1).  Ids grow
     * monotonically, as the BEAM's pid numbers do (skipping busy slots),
     * and wrap into the next serial at VM_PID_NUMBER_MAX, so a stale pid
     * never finds a newer process. */
    vm_process **procs;
    uint32_t procs_cap;   /* a power of two */
    uint32_t next_id;
    uint32_t serial;
    uint32_t nprocs;
    vm_process *run_head, *run_tail;
    uint32_t runq_len;      /* written under the lock, atomically: vm_slice_goes_on reads it without */

    /* Scheduler threads (scheduler.c).  With one (the default), nothing
     * below is used and nothing is locked.  With more, `lock` guards the
     * whole runtime: a thread holds it except while it waits for work,
     * while the event loop waits on descriptors, and while a process runs
     * instructions that touch only its own registers and immutable values
     * (interp.c).  The event loop's thread is the one that polls. */
    uint32_t schedulers;       /* threads: the schedulers online */
    uint32_t schedulers_total; /* what system_info(:schedulers) says */
    uint32_t schedulers_lazy;  /* threads to start once processes compete (vm_set_schedulers_lazy) */
    uint32_t competed;         /* slices in a row used up while another process waited */
    bool slice_used_up;        /* the last slice ran out of reductions (interp.c) */
    uint32_t run_depth;        /* vm_run calls on the event loop's thread */
    bool threaded;
    bool stopping;          /* written atomically, as runq_len */
    uint32_t slice_waiters; /* threads in wait_for_earlier (atomic) */
    bool dist_flush_wanted; /* vm_dist_flush_wanted (atomic) */
    pthread_mutex_t lock;
    struct vm_sleeper *idle_sleepers;   /* idle scheduler threads (scheduler.c) */
    struct vm_sleeper *nested_sleepers; /* threads waiting for a nested run to end */
    struct vm_sleeper *slice_sleepers;  /* yielded processes' threads (wait_for_earlier) */
    uint32_t lock_wanted;     /* threads blocked taking the lock (atomic) */
    pthread_t *threads;       /* schedulers - 1 of them */
    uint32_t idle;            /* threads waiting on `work` */
    uint32_t nested_waiting;  /* of which in a vm_run that waits for a process to end */
    pthread_t nested_owner;   /* vm_nested_run_begin: the thread in such a run */
    uint32_t nested_depth;
    uint32_t executing;       /* processes in a slice on some thread */
    uint64_t slice_seq;       /* slices begun */
    uint32_t slices_unpolled; /* event loop: slices run since the descriptors were last looked at */
    int64_t polled_us;        /* ... and when that was (see run_loop) */
    struct vm_process *running[VM_SCHEDULERS_MAX]; /* each thread's process in its slice */
    bool loop_sleeping;       /* the event loop waits on descriptors */
    bool loop_woken;          /* and was told to stop waiting */
    int wake_fd;              /* an eventfd that the event loop watches */

    /* timers: a binary min-heap by deadline */
    vm_timer *timers;
    uint32_t ntimers, timers_cap;
    uint64_t timer_seq;

    vm_poller poller;

    /* modules: an open hash by name; epoch counts loads */
    vm_module **modules;
    uint32_t modules_cap, nmodules;
    uint64_t epoch;
    bool loading_builtin;
    vm_code *all_code; /* every code object, freed with the runtime */

    vm_bif_entry *bifs;
    uint32_t nbifs, bifs_cap;

    term registered; /* map: name atom -> pid */
    term aliases;    /* map: alias reference -> owner pid */
    term node;       /* atom */
    uint32_t creation;
    term argv;       /* System.argv(): the arguments, as binaries */
    term persistent; /* :persistent_term's terms: a map key -> value */
    uint64_t ref_counter;
    uint32_t ref_high[2]; /* the upper words of references, chosen at start */

    vm_output_fn output;
    void *output_ctx;
    vm_input_fn input;
    void *input_ctx;
    void *app_data;
    vm_dist_ops dist;
    vm_fun_loader fun_loader;
    term fun_cache; /* map: {uniq, index} (erl_eval funs: their clauses and binding names) -> code resource of loaded remote funs */
    const vm_eval_funs *eval_funs;
    term eval_fun_table; /* see vm_eval_fun_table */
    bool has_dist;
    vm_warning_fn warning;
    void *warning_ctx;
    vm_exit_observer exit_observer;
    void *exit_observer_ctx;
    struct vm_re_cache *re_cache; /* compiled regular expressions (bif_re.c) */
    struct vm_ets *ets;   /* ETS tables (bif_ets.c), NULL until the first */
};

/* Releases n registers and leaves them []. */
void vm_release_regs(term *r, uint32_t n);
static inline void vm_clear_regs(term *r, uint32_t n)
{
    /* until the first boxed value no count changes, and the loop has no
     * call in it: the interpreter keeps its locals in registers around
     * it (every return clears a frame).  Two registers a turn: a frame
     * has a few, and the loop's own upkeep was half its instructions. */
    for (uint32_t pairs = n / 2; pairs; pairs--, r += 2) {
        if (__builtin_expect(term_is_boxed(r[0]) || term_is_boxed(r[1]), 0)) {
            vm_release_regs(r, 2 * pairs + (n & 1));
            return;
        }
        r[0] = TERM_NIL;
        r[1] = TERM_NIL;
    }
    if (n & 1) {
        if (__builtin_expect(term_is_boxed(*r), 0)) term_release(*r);
        *r = TERM_NIL;
    }
}

/* scheduler.c */
/* Takes the runtime lock.  A thread that has to wait for it says so in
 * lock_wanted: the thread holding it lets it go at its next call then
 * (interp.c), and keeps it while nobody waits, so that a single busy
 * process pays no lock traffic.  vm_lock_contended is the waiting. */
void vm_lock_contended(vm_runtime *rt);
static inline void vm_lock_counted(vm_runtime *rt)
{
    if (pthread_mutex_trylock(&rt->lock) != 0) vm_lock_contended(rt);
}
static inline bool vm_lock_is_wanted(vm_runtime *rt) { return __atomic_load_n(&rt->lock_wanted, __ATOMIC_RELAXED) != 0; }
/* Whether p, whose slice ran out on a thread not holding the lock, goes
 * on with a new slice there instead of queueing again: only on a thread
 * other than the event loop's (that one polls and fires timers between
 * slices), and only while no process waits to run, no thread waits for a
 * slice to end, no exit signal waits for p, no frame for another node
 * waits for the flush that follows a slice, and the threads are not being
 * stopped.  Read without the lock: what comes meanwhile waits one slice. */
bool vm_slice_goes_on(vm_process *p);
/* The runtime lock (see vm_runtime.lock); nothing with one scheduler. */
static inline void vm_lock(vm_runtime *rt)
{
    if (rt->threaded) vm_lock_counted(rt);
}
static inline void vm_unlock(vm_runtime *rt)
{
    if (rt->threaded) pthread_mutex_unlock(&rt->lock);
}
/* Wakes every thread that waits for work (a vm_run on a scheduler thread
 * may wait for a process to end). */
void vm_wake_idle_threads(vm_runtime *rt);
/* Wakes the event loop if it waits on descriptors. */
void vm_wake_loop(vm_runtime *rt);
void vm_drain_run_queue(vm_runtime *rt);
int64_t vm_timer_cancel(vm_runtime *rt, term ref);
void vm_make_runnable(vm_runtime *rt, vm_process *p);
void vm_timer_add(vm_runtime *rt, int64_t deadline, vm_process *p, term target, term msg, term ref);

/* interp.c: runs p for at most its reductions.  Returns when p waits,
 * exits or is preempted. */
void vm_execute(vm_process *p);

/* process.c */
void vm_process_exit(vm_process *p, term reason);
term vm_make_ref(vm_runtime *rt);
void vm_release_frames_above(vm_process *p, uint32_t nframes);
void vm_process_reap(vm_process *p);
/* vm_send, naming the sender (SEND_SENDER over the distribution) */
void vm_send_from(vm_runtime *rt, term from, term pid, term msg);
void vm_ensure_regs(vm_process *p, uint32_t need);
void vm_link(vm_process *a, vm_process *b);
void vm_unlink(vm_process *a, term other);
term vm_monitor_process(vm_process *p, term target);
/* the same under a given reference (a spawn request's id) */
void vm_monitor_process_as(vm_process *p, term target, term ref);
bool vm_demonitor(vm_process *p, term ref);

/* bifs */
void vm_bifs_init(vm_runtime *rt);
/* bif_re.c: frees the compiled regular expressions */
void vm_re_cache_free(vm_runtime *rt);
/* bif_ets.c: the tables a process owns go to their heir or die with it */
void vm_ets_owner_exit(vm_process *p);
void vm_ets_free(vm_runtime *rt);

#endif
