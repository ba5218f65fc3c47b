/* vm.h - the ciex virtual machine: bytecode, processes and the scheduler.
 *
 * All state lives in one vm_runtime: the process table, the run queue,
 * timers, the module table and the BIF table.  One thread runs the
 * scheduler; nothing here is a hidden global, so more scheduler threads
 * can be added later.
 *
 * A process is a heap object: its frames and registers live in arrays it
 * owns, never on the C stack, so a process can block in `receive` at any
 * depth, recursion depth is bounded only by memory, and a million idle
 * processes fit in a few hundred megabytes.
 *
 * Bytecode is a register machine.  A function's code has `nregs`
 * registers; arguments arrive in registers 0..arity-1 (a fun's free
 * variables follow them).  An operand that names a value is either a
 * register number or, with VM_LIT set, an index into the code's literal
 * table. */
#ifndef CIEX_VM_H
#define CIEX_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ciex/term.h"

typedef struct vm_runtime vm_runtime;
typedef struct vm_process vm_process;
typedef struct vm_code vm_code;
typedef struct vm_module vm_module;

/* ---- bytecode ---- */

#define VM_LIT 0x80000000u /* operand flag: a literal, not a register */

/* Operands: d = destination register, s = source (register or literal),
 * L = jump target (absolute instruction index), n = count, c = call site
 * index, f = lambda index, b = BIF index.  "s..." means n sources. */
typedef enum vm_op {
    OP_MOVE,          /* d s */
    OP_JUMP,          /* L */
    OP_RET,           /* s */
    OP_CALL,          /* d c n s...        call site c with n arguments */
    OP_TAIL_CALL,     /* c n s... */
    OP_CALL_FUN,      /* d s n s...        call the fun in s */
    OP_TAIL_CALL_FUN, /* s n s... */
    OP_APPLY,         /* d s_mod s_fun s_args   apply/3 with an argument list */
    OP_BIF,           /* d b L n s...      L = 0: an error raises; else jumps to L (guards) */
    OP_TEST_TRUE,     /* s L               jump to L unless s is the atom true */
    OP_TEST_EQ_EXACT, /* s s L             jump to L unless =:= */
    OP_TEST_NE_EXACT, /* s s L             jump to L if =:= */
    OP_TEST_IS,       /* r k L             jump to L unless register r is literal k, an immediate (no VM_LIT flag) */
    OP_TEST_TRUTHY,   /* s L               jump to L if s is false or nil */
    OP_TEST_LT, OP_TEST_LE, OP_TEST_GT, OP_TEST_GE, OP_TEST_EQ, OP_TEST_NE, /* s s L  jump to L unless s op s */
    OP_TEST_TYPE,     /* s t L             t: enum vm_type_test */
    OP_TEST_TUPLE,    /* s n L             a tuple of arity n */
    OP_TEST_CONS,     /* s L               a non-empty list */
    OP_TEST_MAP_KEY,  /* d s_map s_key L   d = map[key], or jump to L */
    OP_TEST_BIN_PREFIX, /* d s s_prefix L  s starts with prefix: d = the rest */
    OP_GET_ELEM,      /* d s n             d = element n (0-based) of a tuple */
    OP_GET_HEAD,      /* d s */
    OP_GET_TAIL,      /* d s */
    OP_MAKE_TUPLE,    /* d n s... */
    OP_MAKE_LIST,     /* d n s... s_tail */
    OP_MAKE_MAP,      /* d n (s_key s_value)... */
    OP_MAP_UPDATE,    /* d s_map n (s_key s_value)...   keys must exist (%{m | k: v}) */
    OP_MAKE_FUN,      /* d f n s...        closure over n free values */
    OP_RECV_PEEK,     /* d L               d = current message; L when none left */
    OP_RECV_NEXT,     /* L                 skip the current message, continue at L */
    OP_RECV_REMOVE,   /*                   take the current message out of the mailbox */
    OP_RECV_WAIT,     /* s_timeout L_timeout L_loop */
    OP_TRY,           /* L d_class d_reason d_stack   push a handler at L */
    OP_TRY_END,       /*                   pop the innermost handler */
    OP_RAISE,         /* s_class s_reason */
    OP_RERAISE,       /* s_class s_reason s_stack */
    OP_DEFINE_MODULE, /* d s               load the module held (as a resource) in literal s */
    OP_ADD, OP_SUB, OP_MUL, /* d s s       integer fast paths of :erlang.+ - * */
    OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE, OP_EQ_EXACT, OP_NE_EXACT, /* d s s -> boolean */
    OP_SELF,          /* d */
    /* superinstructions: the compiler's last pass (compile_fuse.c) puts
     * them in place of the first of two instructions that it fuses, with
     * the same operands (but for the _IMM ones' immediate); the second
     * stays where it is (it may be a jump target) and is run only when
     * control reaches it otherwise */
    OP_TEST_IS_RET,   /* r k L             OP_TEST_IS, then the OP_RET after it */
    OP_TEST_IS_RET2,  /* r k L             OP_TEST_IS_RET whose L, right after its OP_RET, is an OP_TEST_IS_RET of r
                         whose L is right after its own OP_RET: both */
    OP_ADD_RET, OP_SUB_RET, /* d s s       OP_ADD/OP_SUB, then the OP_RET of d after it */
    OP_ADD_CALL, OP_SUB_CALL, /* d s s     OP_ADD/OP_SUB, then the OP_CALL after it */
    /* OP_ADD/OP_SUB of register r and a literal small integer k, held in
     * the instruction as i = 2k (k tagged, less the tag; |k| < 2^30) */
    OP_ADD_IMM, OP_SUB_IMM,   /* d r i */
    /* the same, then an OP_CALL d c 1 d (f(n - 1)): the result goes
     * straight into the callee's argument, and d gets the call's result */
    OP_ADD_IMM_ARG, OP_SUB_IMM_ARG, /* d r i */
    /* OP_TEST_IS, OP_TEST_IS_RET, OP_TEST_IS_RET2 of a small integer k
     * (|k| < 2^30), held in the instruction as its tagged word t; an
     * OP_TEST_IS_RET2_IMM's L is an _IMM one too */
    OP_TEST_IS_IMM, OP_TEST_IS_RET_IMM, OP_TEST_IS_RET2_IMM, /* r t L */
    OP_ADD_RET_RR, OP_SUB_RET_RR, /* d r r   OP_ADD_RET/OP_SUB_RET of two registers */
    OP_COUNT
} vm_op;

typedef enum vm_type_test {
    VM_IS_ATOM, VM_IS_BOOLEAN, VM_IS_INTEGER, VM_IS_FLOAT, VM_IS_NUMBER, VM_IS_BINARY,
    VM_IS_BITSTRING, VM_IS_LIST, VM_IS_NIL, VM_IS_TUPLE, VM_IS_MAP, VM_IS_PID, VM_IS_PORT,
    VM_IS_REF, VM_IS_FUN,
} vm_type_test;

/* A call target.  Local calls are bound when their module is loaded;
 * remote calls are looked up on first use and cached until any module is
 * (re)loaded, so a redefined module takes effect at the next call. */
typedef struct vm_call_site {
    term module, function; /* atoms */
    uint32_t arity;
    bool local;            /* a call inside the same module version */
    const vm_code *target; /* bound code, or the cache of a remote call */
    uint64_t epoch;        /* module-table epoch the cache belongs to */
    int32_t bif;           /* cached BIF index, or -1 */
} vm_call_site;

/* Compiled code of one function clause set, or of a lambda.  Code is
 * immortal until its runtime is freed: frames and funs point at it without
 * counting references, and a module replaced by a newer version keeps
 * running in processes that are inside it (as on the BEAM). */
struct vm_code {
    term module, name; /* atoms */
    uint32_t arity;    /* parameters */
    uint32_t nfree;    /* lambdas: free variables in registers arity.. */
    uint32_t nregs;
    uint32_t *ops;
    uint32_t nops;
    bool ops_in_image; /* ops and lines lie in a code image's bytes (read only): not freed */
    term *literals;
    uint32_t nliterals;
    vm_call_site *calls;
    uint32_t ncalls;
    /* per call site: its bound local target, NULL for the others (the
     * interpreter's calls read this first: one load and one test) */
    const struct vm_code **local_targets;
    vm_code **lambdas;
    uint32_t nlambdas;
    uint32_t *lines;   /* line of each instruction, parallel to ops (may be NULL) */
    term file;         /* binary, or TERM_NIL */
    uint32_t fun_index;   /* lambdas: index within the module, for fun identity */
    uint8_t fun_uniq[16];
    term source;       /* lambdas made in a shell: their AST, for remote nodes; else TERM_NONE */
    term resource;     /* this code as a resource term (for funs), made on first use */
    term display;      /* lambdas: what inspect prints after "in ", e.g. "KV.f/1" (binary) */
    term capture_names; /* lambdas with a source: the names of their free variables, in order */
    /* lambdas with a source, once one has left the node as an erl_eval
     * fun: its clauses in Erlang abstract format and the Erlang names of
     * its free variables (TERM_NONE before, TERM_NIL when it has none) */
    term erl_clauses, erl_names;
    struct vm_code *next_owned; /* runtime's list of all code */
};

/* ---- modules ---- */

typedef struct vm_function {
    term name;
    uint32_t arity;
    bool exported;
    vm_code *code;
} vm_function;

struct vm_module {
    term name;
    vm_function *functions;
    uint32_t nfunctions;
    term attributes;    /* keyword list of persisted attributes */
    term struct_fields; /* list of {field, default} in definition order, or TERM_NONE */
    term struct_keys;   /* the field names alone, made on first use by inspect */
    term source_file;   /* binary or TERM_NIL */
    bool builtin;       /* loaded with the prelude: part of the ciex application */
    struct vm_module *older; /* the version this one replaced */
};

vm_module *vm_module_new(term name, uint32_t nfunctions);

/* What the compiler makes of a defmodule: loaded (as a fresh vm_module)
 * each time OP_DEFINE_MODULE runs.  Held by a literal as a resource. */
typedef struct vm_module_template {
    term name;
    vm_function *functions; /* code pointers are shared by every load */
    uint32_t nfunctions;
    term struct_fields;     /* as vm_module, or TERM_NONE */
    term attributes;
    term file;              /* binary: where it was defined */
    uint32_t line;
    term last;              /* the value defmodule returns last: {name, arity} of the last def */
    char *warnings;         /* the compiler's warnings (malloc'd), printed at each definition, or NULL */
} vm_module_template;

/* Wraps a template (taken over) in a resource term. */
term vm_module_template_new(vm_module_template *t);
/* The template a term holds, or NULL when it is not a template resource. */
const vm_module_template *vm_module_template_of(term t);
/* Loads a template while compiling (for the macros of a module of the
 * unit being compiled); its OP_DEFINE_MODULE later loads it again without
 * a redefinition warning. */
void vm_load_template(vm_runtime *rt, term template_res);

/* How a redefinition warning reaches the user (default: stderr). */
typedef void (*vm_warning_fn)(void *ctx, const char *text);
void vm_set_warning(vm_runtime *rt, vm_warning_fn fn, void *ctx);
void vm_warn(vm_runtime *rt, const char *text);
/* While set, a module defined again replaces the old one without the
 * "redefining module" warning (recompile/0, as Mix purges first). */
void vm_set_reloading(vm_runtime *rt, bool reloading);
/* Finds a function of the newest version of a module. */
const vm_function *vm_module_find(const vm_module *m, term name, uint32_t arity);
/* Loads m (taking it over) as the newest version of its name.  Returns
 * true when it replaced an existing module. */
bool vm_load_module(vm_runtime *rt, vm_module *m);
/* While set, loaded modules are marked builtin (the prelude's). */
void vm_set_loading_builtin(vm_runtime *rt, bool on);
vm_module *vm_get_module(vm_runtime *rt, term name);
/* Calls fn for the newest version of every loaded module (completion,
 * exports/1). */
void vm_each_module(vm_runtime *rt, void (*fn)(void *ctx, const vm_module *m), void *ctx);
/* Calls fn for every registered BIF. */
void vm_each_bif(vm_runtime *rt, void (*fn)(void *ctx, term module, term name, uint32_t arity), void *ctx);

/* ---- BIFs ---- */

typedef enum vm_status { VM_OK = 0, VM_RAISE, VM_SUSPEND } vm_status;

/* A BIF gets borrowed arguments and stores an owned result; on an error
 * it calls one of the vm_raise_* functions and returns VM_RAISE.  A BIF
 * that cannot go on yet (a send to a busy distribution connection)
 * returns VM_SUSPEND having stored nothing: the process is suspended and
 * runs the BIF again from the start once something resumes it
 * (vm_resume_suspended). */
typedef vm_status (*vm_bif_fn)(vm_process *p, const term *args, term *result);

typedef struct vm_bif_def {
    const char *module, *name;
    uint32_t arity;
    vm_bif_fn fn;
} vm_bif_def;

/* Adds a NULL-terminated table of BIFs. */
void vm_register_bifs(vm_runtime *rt, const vm_bif_def *defs);
int32_t vm_find_bif(vm_runtime *rt, term module, term name, uint32_t arity);
vm_bif_fn vm_bif_at(vm_runtime *rt, int32_t index);

/* Regular expressions (bif_re.c): source (a binary) compiled with
 * :re.compile/2's options (a list); {:ok, re_pattern} or {:error,
 * {message, offset}}, TERM_NONE for options :re does not know.  The
 * compiler builds ~r literals with it. */
term vm_re_compile(vm_runtime *rt, term source, term options);
/* :re.version(): PCRE2's version, a binary */
term vm_re_version(void);

/* Called with the pid and reason of every process that exits. */
typedef void (*vm_exit_observer)(void *ctx, term pid, term reason);
void vm_set_exit_observer(vm_runtime *rt, vm_exit_observer fn, void *ctx);
/* The observer set now, so that a nested run can chain to it. */
void vm_get_exit_observer(vm_runtime *rt, vm_exit_observer *fn, void **ctx);

/* Record an exception of class :error / :exit / :throw (reason consumed). */
vm_status vm_raise(vm_process *p, term klass, term reason);
vm_status vm_raise_error(vm_process *p, term reason);
vm_status vm_badarg(vm_process *p);
/* badarg whose stack entry carries [error_info: %{cause: cause, module:
 * :erl_stdlib_errors}], as OTP's BIFs raise it: Elixir's ArgumentError
 * reads the cause to say which argument was wrong (cause: an atom). */
vm_status vm_badarg_cause(vm_process *p, term cause);

/* ---- processes ---- */

typedef enum vm_proc_state {
    VM_PROC_RUNNABLE,
    VM_PROC_RUNNING,
    VM_PROC_WAITING,
    VM_PROC_SUSPENDED, /* by a BIF that returned VM_SUSPEND; messages do not wake it */
    VM_PROC_EXITED,
} vm_proc_state;

/* Spawns a process running fun (a fun term, borrowed) with no arguments,
 * or code with args.  Returns the new process. */
vm_process *vm_spawn_fun(vm_runtime *rt, vm_process *parent, term fun, term args_list, bool link);
vm_process *vm_spawn_code(vm_runtime *rt, const vm_code *code, const term *args, uint32_t nargs);
term vm_process_pid(const vm_process *p); /* borrowed */
vm_runtime *vm_process_runtime(vm_process *p);
vm_process *vm_find_process(vm_runtime *rt, term pid);
/* Delivers msg (consumed) to a local pid; unknown pids drop it. */
void vm_send(vm_runtime *rt, term pid, term msg);
/* Ends a process from outside with an exit signal (as exit/2). */
void vm_exit_signal(vm_runtime *rt, term from, term to, term reason);
/* Exit reason of an exited process (borrowed), TERM_NONE while alive. */
term vm_process_exit_reason(const vm_process *p);

/* ---- runtime ---- */

/* Where processes' output goes: the shell replaces it to keep the line
 * being edited intact. */
typedef void (*vm_output_fn)(void *ctx, const char *text, size_t len);

vm_runtime *vm_runtime_new(void);
void vm_runtime_free(vm_runtime *rt);
void vm_set_output(vm_runtime *rt, vm_output_fn fn, void *ctx);
void vm_write_output(vm_runtime *rt, const char *text, size_t len);
/* Where the console's line reads go (IO.gets on the local group leader):
 * the reader shows `prompt` (a binary), reads a line and answers `from`
 * with {:io_reply, ref, line} ({:io_reply, ref, :eof} at the end of the
 * input), now or later.  The default writes the prompt and reads stdin,
 * blocking; the shell replaces it to take the line from its own input.
 * Terms are borrowed. */
typedef void (*vm_input_fn)(void *ctx, term from, term ref, term prompt);
void vm_set_input(vm_runtime *rt, vm_input_fn fn, void *ctx);
void vm_read_input(vm_runtime *rt, term from, term ref, term prompt);
term vm_node_name(vm_runtime *rt);  /* atom: nonode@nohost until distributed */
uint32_t vm_node_creation(vm_runtime *rt);
/* Names this node (before any process is spawned, or processes created
 * earlier keep the old name, as on the BEAM before net_kernel starts). */
void vm_set_node(vm_runtime *rt, term node, uint32_t creation);
/* The command-line arguments the program sees as System.argv(). */
void vm_set_argv(vm_runtime *rt, const char *const *args, size_t n);

/* One pointer for the embedding application (the shell), for its BIFs. */
void vm_set_app_data(vm_runtime *rt, void *data);
void *vm_app_data(vm_runtime *rt);

/* Runs processes until `done(ctx)` is true or nothing can ever run again
 * (no runnable process, no timer, no watched descriptor).  Returns false
 * in the latter case. */
bool vm_run(vm_runtime *rt, bool (*done)(void *ctx), void *ctx);

/* Scheduler threads, as the BEAM's +S TOTAL:ONLINE: ONLINE threads run
 * processes, the caller's (the event loop, which keeps the lock of the
 * runtime whenever it is not in vm_run) and ONLINE - 1 started here.
 * Once, before anything runs; false for numbers out of
 * 1..VM_SCHEDULERS_MAX or ONLINE > TOTAL. */
#define VM_SCHEDULERS_MAX 1024
bool vm_set_schedulers(vm_runtime *rt, uint32_t total, uint32_t online);
/* The same, but the threads start only once processes compete for the
 * CPU (a process uses up its slice while another one waits to run): a
 * program that never does so keeps the single-threaded runtime, without
 * locks or atomic reference counts, and system_info(:schedulers_online)
 * says ONLINE all the same. */
bool vm_set_schedulers_lazy(vm_runtime *rt, uint32_t total, uint32_t online);
/* Stops the scheduler threads (each finishes its slice first) and leaves
 * the runtime single-threaded, so that what tears it down (dist_stop,
 * vm_runtime_free) meets no thread still running a process.  The caller
 * holds the runtime, as the thread that made it does outside vm_run. */
void vm_schedulers_stop(vm_runtime *rt);
/* system_info(:schedulers) and (:schedulers_online) */
uint32_t vm_schedulers(vm_runtime *rt);
uint32_t vm_schedulers_online(vm_runtime *rt);
uint32_t vm_scheduler_id(void); /* the calling scheduler thread's number, from 1 */
/* Code run to completion from inside a BIF (macro expansion: an exit
 * observer set, then vm_run until a process ends) is bracketed by these:
 * with several schedulers, one thread at a time runs such code, so that
 * exit observers are set and restored in nested order. */
void vm_nested_run_begin(vm_runtime *rt);
void vm_nested_run_end(vm_runtime *rt);
/* The cores online: the BEAM's default number of schedulers. */
uint32_t vm_online_cores(void);

/* File-descriptor watchers served by the same event loop.  `events` are
 * poll() events (POLLIN, POLLOUT); the callback gets what happened. */
typedef void (*vm_fd_fn)(vm_runtime *rt, int fd, void *ctx);
typedef void (*vm_fd_events_fn)(vm_runtime *rt, int fd, short revents, void *ctx);
void vm_watch_fd(vm_runtime *rt, int fd, vm_fd_fn on_readable, void *ctx);
void vm_watch_fd_events(vm_runtime *rt, int fd, short events, vm_fd_events_fn fn, void *ctx);
void vm_unwatch_fd(vm_runtime *rt, int fd);

/* Calls fn(rt, ctx) from the event loop after delay_ms. */
typedef void (*vm_later_fn)(vm_runtime *rt, void *ctx);
void vm_call_later(vm_runtime *rt, int64_t delay_ms, vm_later_fn fn, void *ctx);

/* ---- distribution hooks ----
 * The VM knows local processes only.  What concerns a pid of another node
 * goes through these operations, which the distribution layer installs;
 * what arrives from other nodes comes in through the vm_dist_* functions.
 * All terms are borrowed unless said otherwise. */
typedef struct vm_dist_ops {
    void *ctx;
    bool (*is_remote_node)(void *ctx, term node);
    void (*send)(void *ctx, term from, term to, term msg_consumed);
    void (*reg_send)(void *ctx, term from, term name, term node, term msg_consumed);
    void (*link)(void *ctx, term from, term to);
    void (*unlink)(void *ctx, term from, term to);
    /* a link broke (link_exit) or exit/2 was called */
    void (*exit)(void *ctx, term from, term to, term reason, bool link_exit);
    /* from monitors `to` (a remote pid, or {name, node}) under ref */
    void (*monitor)(void *ctx, term from, term to, term ref);
    void (*demonitor)(void *ctx, term from, term to, term ref);
    /* a local process that `to` monitored under ref has exited */
    void (*monitor_exit)(void *ctx, term from, term to, term ref, term reason);
    /* spawn(m, f, args) on node for `from` (SPAWN_REQUEST); ref is the
     * request id; opts as erlang:spawn_request/5 takes them */
    void (*spawn_request)(void *ctx, term node, term ref, term from, term group_leader, term m, term f, term args,
                          term opts);
    /* a message to a process alias (a reference) of another node */
    void (*alias_send)(void *ctx, term from, term alias, term msg_consumed);
    /* Whether the output queued toward node is over the busy limit (the
     * BEAM's dist_buf_busy_limit); if it is and `suspend` is a pid, that
     * process is resumed (vm_resume_suspended) once the output drains
     * below the limit or the connection goes.  A send suspends on it. */
    bool (*busy)(void *ctx, term node, term suspend);
    /* Whether a connection to node exists or is being set up (a send
     * with erlang:send/3's :noconnect is not made otherwise) */
    bool (*connected)(void *ctx, term node);
    /* Writes out what the signals above queued.  They are buffered per
     * connection, so that what one time slice sends leaves in one write
     * (a GenServer.call's monitor and request, a burst of casts); the
     * scheduler calls this after every slice, and halt before it exits. */
    void (*flush)(void *ctx);
} vm_dist_ops;

void vm_set_dist(vm_runtime *rt, const vm_dist_ops *ops);
/* The distribution says whether frames wait for its flush (called under
 * the runtime lock): a slice that ran out does not go on past them
 * without the lock, since flushing comes between slices. */
void vm_dist_flush_wanted(vm_runtime *rt, bool wanted);
/* Resumes a process a BIF suspended (VM_SUSPEND); nothing if it is not. */
void vm_resume_suspended(vm_runtime *rt, term pid);
void vm_clear_dist(vm_runtime *rt);
/* A new reference of this node. */
term vm_new_ref(vm_runtime *rt);
const vm_dist_ops *vm_dist(vm_runtime *rt);
/* Whether a pid belongs to this node (it may have been made before the
 * node got its name). */
bool vm_pid_is_local(vm_runtime *rt, term pid);

/* Signals that arrived from other nodes. */
void vm_send_registered(vm_runtime *rt, term name, term msg_consumed);
void vm_send_alias(vm_runtime *rt, term alias, term msg_consumed);
void vm_dist_link_in(vm_runtime *rt, term from, term to);
void vm_dist_unlink_in(vm_runtime *rt, term from, term to);
void vm_dist_exit_in(vm_runtime *rt, term from, term to, term reason, bool link_exit);
void vm_dist_monitor_in(vm_runtime *rt, term watcher, term target, term ref);
void vm_dist_demonitor_in(vm_runtime *rt, term watcher, term target, term ref);
void vm_dist_monitor_exit_in(vm_runtime *rt, term target, term watcher, term ref, term reason);
/* SPAWN_REQUEST: starts apply(m, f, args) with the given group leader;
 * with `link`, linked to `from`; with `monitor`, monitored by `from` under
 * ref.  Returns the new pid (borrowed) or TERM_NONE when m:f cannot run. */
term vm_dist_spawn_in(vm_runtime *rt, term from, term group_leader, term m, term f, term args, term ref,
                      bool link, bool monitor);
/* A monitor made by a spawn request before the pid was known: `node` is
 * where the process will run. */
void vm_monitor_spawn_request(vm_process *p, term ref, term node);
void vm_dist_link_local(vm_runtime *rt, term local, term remote);
void vm_dist_cancel_monitor(vm_runtime *rt, term watcher, term ref);
/* A connection to node was lost: links and monitors across it fire with
 * reason :noconnection, in two steps because the BEAM delivers the
 * {:nodedown, node} of erlang:monitor_node between them: first the links
 * break, then the monitors fire, oldest first. */
void vm_dist_node_links_down(vm_runtime *rt, term node);
void vm_dist_node_monitors_down(vm_runtime *rt, term node);

/* Monotonic milliseconds, as the timers see them. */
int64_t vm_now_ms(void);
/* The deadline of a timeout of `ms` milliseconds that starts now: never
 * early, so a start in the middle of a millisecond rounds up (a timer is
 * due once vm_now_ms() reaches it).  Zero is due at once. */
int64_t vm_deadline_ms(int64_t ms);
/* The whole milliseconds left until `deadline`, never below zero. */
int64_t vm_ms_left(int64_t deadline);

/* Funs from other nodes carry no code: the loader compiles the source a
 * ciex fun carries (see the distribution's fun hook) into code whose free
 * variables come in the fun's order.  NULL when it cannot. */
typedef const vm_code *(*vm_fun_loader)(vm_runtime *rt, term fun);
void vm_set_fun_loader(vm_runtime *rt, vm_fun_loader loader);

/* Funs made by evaluation (at a prompt, in a script) travel as the BEAM's
 * erl_eval funs do (src/lang/erl_eval.c provides these):
 *   env_of: the erl_eval env {Anno, Bindings, none, none, #{}, Clauses} of
 *           such a fun (owned), or TERM_NONE when it is not one or has no
 *           translation;
 *   local_of: for an erl_eval fun that arrived, the local fun it stands
 *           for when it was made here (owned), else TERM_NONE. */
typedef struct vm_eval_funs {
    term (*env_of)(vm_runtime *rt, term fun);
    term (*local_of)(vm_runtime *rt, term fun);
} vm_eval_funs;
void vm_set_eval_funs(vm_runtime *rt, const vm_eval_funs *ops);
const vm_eval_funs *vm_eval_funs_of(vm_runtime *rt);
/* The runtime's table of funs that left as erl_eval funs: Clauses => code
 * resource (for local_of).  A slot the language updates in place. */
term *vm_eval_fun_table(vm_runtime *rt);
/* How erl_eval funs of each arity (0..VM_ERL_EVAL_MAX_ARITY) are laid out
 * by a node's erl_eval: their index and uniq.  ciex's own layout
 * (vm_erl_eval_own) is what term_to_binary writes and what a peer that
 * cannot tell its own gets; ciex reads an erl_eval fun by its env. */
#define VM_ERL_EVAL_MAX_ARITY 20
typedef struct vm_erl_eval_layout {
    uint32_t index[VM_ERL_EVAL_MAX_ARITY + 1], old_index[VM_ERL_EVAL_MAX_ARITY + 1];
    uint8_t uniq[16];
    uint32_t old_uniq;
} vm_erl_eval_layout;
void vm_erl_eval_own(vm_erl_eval_layout *l);
/* A fun made by evaluation as an erl_eval fun in layout l (owned), or
 * TERM_NONE when it is not one or has no translation. */
term vm_erl_eval_wire(vm_runtime *rt, term fun, const vm_erl_eval_layout *l);
/* Whether a fun is an erl_eval fun (module erl_eval, one free variable
 * holding an env of 6 or 7 elements, the clauses a list). */
bool vm_is_erl_eval_fun(term fun);
/* The pid registered under name (borrowed), or TERM_NONE. */
term vm_whereis(vm_runtime *rt, term name);
/* The code resource term of code, for a fun's code field. */
term vm_code_resource(const vm_code *code);

/* A fun (no free variables) that runs code. */
term vm_code_fun(vm_runtime *rt, const vm_code *code);

/* inspect options that know this runtime's nodes, funs and structs */
void vm_inspect_opts_init(vm_runtime *rt, term_inspect_opts *o);

/* Allocates an empty code object owned by the runtime. */
vm_code *vm_code_new(vm_runtime *rt, term module, term name, uint32_t arity);

/* Code images (code_image.c): n compiled top-level codes, with every
 * module template and lambda they hold, as bytes (malloc'd; NULL when a
 * literal has no external form).  Reading one back makes code owned by
 * rt; it fails (false) on malformed bytes and on an image made for a
 * runtime with other BIFs or opcodes, and then nothing has been loaded.
 * With in_place, data outlives the runtime (the prelude's image, in the
 * executable): the instructions and line numbers stay where they lie,
 * not copied to the heap (start-up touches fewer pages). */
uint8_t *vm_image_write(vm_runtime *rt, vm_code *const *codes, uint32_t n, size_t *len);
bool vm_image_read(vm_runtime *rt, const uint8_t *data, size_t len, bool in_place, vm_code ***codes, uint32_t *n);

#endif
