/* interp.c - the bytecode interpreter.
 *
 * vm_execute runs one process for a slice of reductions.  All of the
 * process's state is in its frames and registers, so leaving this
 * function (to wait in a receive, or because the slice is used up) and
 * coming back later needs nothing from the C stack.
 *
 * Registers own their values: writing one releases what it held.  `R`
 * points at the current frame's registers; it is recomputed whenever the
 * register file may have moved (calls grow it).
 *
 * Exceptions unwind to the innermost handler pushed by OP_TRY in any frame
 * of the process; with none left, the process exits. */
#include <stdlib.h>
#include <string.h>

#include "vm_internal.h"

#define SLICE_REDUCTIONS 2000

/* arithmetic and comparison shared with the :erlang BIFs (bif_erlang.c) */
vm_status vm_arith_add(vm_process *p, term a, term b, term *out);
vm_status vm_arith_sub(vm_process *p, term a, term b, term *out);
vm_status vm_arith_mul(vm_process *p, term a, term b, term *out);
term vm_stacktrace(vm_process *p, term top_entry);

vm_status vm_raise(vm_process *p, term klass, term reason)
{
    /* a cause belongs to the raise that set it (vm_badarg_cause) */
    term_release(p->bif_error_cause);
    p->bif_error_cause = TERM_NONE;
    term_release(p->exc_class);
    term_release(p->exc_reason);
    term_release(p->exc_stack);
    p->exc_class = klass;
    p->exc_reason = reason;
    p->exc_stack = TERM_NONE;
    return VM_RAISE;
}

vm_status vm_raise_error(vm_process *p, term reason) { return vm_raise(p, term_atom("error"), reason); }
vm_status vm_badarg(vm_process *p) { return vm_raise_error(p, term_atom("badarg")); }
vm_status vm_badarg_cause(vm_process *p, term cause)
{
    vm_status st = vm_badarg(p);
    p->bif_error_cause = cause;
    return st;
}


/* Resolves a remote call site: module code first, then BIFs.  Returns the
 * code, or NULL with *bif set (>= 0) or -1 when undefined. */
static const vm_code *resolve_remote(vm_runtime *rt, term module, term name, uint32_t arity, int32_t *bif)
{
    *bif = -1;
    /* :erlang.apply/2,3 call code, so they are the prelude's (:ciex_boot) */
    if (module == term_atom("erlang") && name == term_atom("apply") && (arity == 2 || arity == 3))
        module = term_atom("ciex_boot");
    vm_module *m = vm_get_module(rt, module);
    if (m) {
        const vm_function *f = vm_module_find(m, name, arity);
        if (f && f->exported) return f->code;
    }
    *bif = vm_find_bif(rt, module, name, arity);
    return NULL;
}

static const vm_code *resolve_site(vm_runtime *rt, vm_call_site *cs)
{
    if (cs->local) return cs->target;
    if (cs->epoch != rt->epoch) {
        cs->target = resolve_remote(rt, cs->module, cs->function, cs->arity, &cs->bif);
        cs->epoch = rt->epoch;
    }
    return cs->target;
}

/* The target of the interpreter's call at site i of code when it is not
 * a bound local one: under the lock, as remote targets are cached. */
static __attribute__((noinline)) const vm_code *site_target(vm_process *p, const vm_code *code, uint32_t i);

static term undef_entry(term module, term name, const term *args, uint32_t n)
{
    term list = TERM_NIL;
    for (uint32_t i = n; i-- > 0;) list = term_cons_new(term_retain(args[i]), list);
    term t = term_tuple_new(4);
    term_tuple_init(t, 0, module);
    term_tuple_init(t, 1, name);
    term_tuple_init(t, 2, list);
    term_tuple_init(t, 3, TERM_NIL);
    return t;
}

/* Makes room for one more frame and for `need` registers.  Cold: gcc
 * then lays out the calls' path with their locals in registers. */
static __attribute__((noinline, cold)) void grow_stack(vm_process *p, uint32_t need)
{
    if (p->nframes == p->frames_cap) {
        p->frames_cap *= 2;
        p->frames = ciex_xrealloc(p->frames, p->frames_cap * sizeof *p->frames, "process_stack");
    }
    vm_ensure_regs(p, need);
}

/* Pushes a frame for code at register `base` (the end of the top frame)
 * and returns its registers, all [] (the invariant of vm_process): the
 * caller fills in the arguments and free variables (code->nregs covers
 * them: cc_fn_finish).  The register file may move. */
static inline term *frame_open_at(vm_process *p, uint32_t base, const vm_code *code, uint32_t ret_reg)
{
    if (__builtin_expect(p->nframes == p->frames_cap || base + code->nregs > p->regs_cap, 0))
        grow_stack(p, base + code->nregs);
    p->frames[p->nframes++] = (vm_frame){code, code->ops, base, ret_reg};
    return p->regs + base;
}

/* frame_open_at for the calls of the interpreter loop, which knows the
 * top frame f, its code and its registers R: the new frame goes above f,
 * f moves to it, and R follows the register file if that moves.  Returns
 * the new frame's registers. */
static inline term *frame_push(vm_process *p, vm_frame **f, term **R, const vm_code *caller, const vm_code *code,
                               uint32_t ret_reg)
{
    uint32_t nregs = caller->nregs, base = (*f)->base + nregs;
    if (__builtin_expect(p->nframes == p->frames_cap || base + code->nregs > p->regs_cap, 0)) {
        grow_stack(p, base + code->nregs);
        *f = &p->frames[p->nframes - 1];
        *R = p->regs + (*f)->base;
    }
    p->nframes++;
    *++*f = (vm_frame){code, code->ops, base, ret_reg};
    return *R + nregs;
}

/* The same above the top frame. */
static inline term *frame_open(vm_process *p, const vm_code *code, uint32_t ret_reg)
{
    const vm_frame *caller = &p->frames[p->nframes - 1];
    return frame_open_at(p, caller->base + caller->code->nregs, code, ret_reg);
}

/* Pushes a frame for code with n arguments (borrowed, retained here) plus
 * a fun's free variables.  The caller frame's pc must already be saved. */
static void push_frame(vm_process *p, const vm_code *code, const term *args, uint32_t n, const term *free,
                       uint32_t nfree, uint32_t ret_reg)
{
    term *R = frame_open(p, code, ret_reg);
    for (uint32_t i = 0; i < n; i++) R[i] = term_retain(args[i]);
    for (uint32_t i = 0; i < nfree; i++) R[n + i] = term_retain(free[i]);
}

/* Replaces the top frame by a call to code (a tail call).  args are
 * owned by the caller of this function and consumed. */
static void replace_frame(vm_process *p, const vm_code *code, term *args, uint32_t n, const term *free,
                          uint32_t nfree)
{
    vm_frame *f = &p->frames[p->nframes - 1];
    vm_clear_regs(p->regs + f->base, f->code->nregs);
    vm_ensure_regs(p, f->base + code->nregs);
    term *R = p->regs + f->base;
    for (uint32_t i = 0; i < n; i++) R[i] = args[i];
    for (uint32_t i = 0; i < nfree; i++) R[n + i] = term_retain(free[i]);
    f->code = code;
    f->ip = code->ops;
}

static vm_status badarity(vm_process *p, term fun, const term *args, uint32_t n)
{
    term list = TERM_NIL;
    for (uint32_t i = n; i-- > 0;) list = term_cons_new(term_retain(args[i]), list);
    return vm_raise_error(p, term_tuple2(term_atom("badarity"), term_tuple2(term_retain(fun), list)));
}

/* The code and free variables a fun value runs, or an error. */
static vm_status fun_target(vm_process *p, term fun, const term *args, uint32_t n, const vm_code **code,
                            int32_t *bif)
{
    *bif = -1;
    *code = NULL;
    if (term_has_type(fun, TERM_T_EXPORT)) {
        const term_export *e = term_export_ptr(fun);
        if (e->arity != n) return badarity(p, fun, args, n);
        *code = resolve_remote(p->rt, e->module, e->function, n, bif);
        if (!*code && *bif < 0) {
            vm_raise_error(p, term_atom("undef"));
            p->exc_stack = vm_stacktrace(p, undef_entry(e->module, e->function, args, n));
            return VM_RAISE;
        }
        return VM_OK;
    }
    if (!term_has_type(fun, TERM_T_FUN)) return vm_raise_error(p, term_tuple2(term_atom("badfun"), term_retain(fun)));
    term_fun *f = (term_fun *)term_fun_ptr(fun);
    if (f->arity != n) return badarity(p, fun, args, n);
    if (f->code == TERM_NONE && p->rt->fun_loader) {
        /* a fun from another node: compile the source it carries, once per
         * fun identity; the code field is a cache, so filling it in keeps
         * the value the same */
        term key;
        if (vm_is_erl_eval_fun(fun)) {
            /* one index and uniq for every erl_eval fun of an arity: the
             * clauses and the names of the bindings tell them apart */
            term env = f->free[0], bs = term_tuple_get(env, 1), names = TERM_NIL;
            if (term_is_map(bs))
                for (uint32_t i = term_map_size(bs); i-- > 0;) names = term_cons_new(term_retain(term_map_key(bs, i)), names);
            key = term_tuple3(term_retain(term_tuple_get(env, 5)), names,
                              term_tuple_arity(env) == 7 ? term_retain(term_tuple_get(env, 6)) : TERM_NIL);
        } else {
            key = term_tuple2(term_binary_new(f->uniq, 16), term_small(f->index));
        }
        term cached = term_map_get(p->rt->fun_cache, key);
        if (cached != TERM_NONE) {
            __atomic_store_n(&f->code, term_retain(cached), __ATOMIC_RELEASE);
            term_release(key);
        } else {
            const vm_code *loaded = p->rt->fun_loader(p->rt, fun);
            if (loaded) {
                __atomic_store_n(&f->code, vm_code_resource(loaded), __ATOMIC_RELEASE);
                p->rt->fun_cache = term_map_put(p->rt->fun_cache, key, vm_code_resource(loaded));
            } else {
                term_release(key);
            }
        }
    }
    if (f->code == TERM_NONE && !vm_is_erl_eval_fun(fun) && f->module != term_atom("ciex_eval") &&
        !vm_get_module(p->rt, f->module)) {
        /* a fun of a module this node does not have: undef, as the BEAM
         * says when it cannot load the module */
        term list = TERM_NIL;
        for (uint32_t i = n; i-- > 0;) list = term_cons_new(term_retain(args[i]), list);
        vm_raise_error(p, term_atom("undef"));
        p->exc_stack = vm_stacktrace(p, term_tuple3(term_retain(fun), list, TERM_NIL));
        return VM_RAISE;
    }
    if (f->code == TERM_NONE) return vm_raise_error(p, term_tuple2(term_atom("badfun"), term_retain(fun)));
    *code = term_resource_data(f->code);
    return VM_OK;
}

static term make_fun(vm_process *p, const vm_code *lambda, const term *free, uint32_t n)
{
    term fun = term_fun_new(lambda->module, lambda->arity, lambda->fun_index, lambda->fun_uniq, lambda->fun_index,
                            (uint32_t)lambda->fun_uniq[0] << 16 | lambda->fun_uniq[1], term_retain(p->pid),
                            vm_code_resource(lambda), n);
    for (uint32_t i = 0; i < n; i++) term_fun_init_free(fun, i, term_retain(free[i]));
    return fun;
}

static bool type_test(term v, uint32_t t)
{
    switch ((vm_type_test)t) {
    case VM_IS_ATOM: return term_is_atom(v);
    case VM_IS_BOOLEAN: return v == TERM_TRUE || v == TERM_FALSE;
    case VM_IS_INTEGER: return term_is_integer(v);
    case VM_IS_FLOAT: return term_is_float(v);
    case VM_IS_NUMBER: return term_is_number(v);
    case VM_IS_BINARY: return term_is_binary(v);
    case VM_IS_BITSTRING: return term_is_bitstring(v);
    case VM_IS_LIST: return term_is_list(v);
    case VM_IS_NIL: return v == TERM_NIL;
    case VM_IS_TUPLE: return term_is_tuple(v);
    case VM_IS_MAP: return term_is_map(v);
    case VM_IS_PID: return term_is_pid(v);
    case VM_IS_PORT: return term_is_port(v);
    case VM_IS_REF: return term_is_ref(v);
    case VM_IS_FUN: return term_is_fun(v);
    }
    return false;
}

/* Removes the message at the save point and resets the scan. */
static void mailbox_take(vm_process *p)
{
    vm_msg *m = *p->mbox_save;
    *p->mbox_save = m->next;
    if (p->mbox_tail == &m->next) p->mbox_tail = p->mbox_save;
    term_release(m->value);
    free(m);
    p->mbox_len--;
    p->mbox_save = &p->mbox_head;
    p->timer_deadline = -1;
    p->timer_seq++;
    p->timed_out = false;
}

/* An error or throw nothing caught: as the BEAM's error logger does, a
 * report is printed, by the prelude's :ciex_crash.report/4 in a process
 * of its own (if the prelude has it). */
static void report_crash(vm_process *p, term klass, term reason, term stack)
{
    vm_module *m = vm_get_module(p->rt, term_atom("ciex_crash"));
    const vm_function *f = m ? vm_module_find(m, term_atom("report"), 4) : NULL;
    if (!f) return;
    term args[4] = {term_retain(p->pid), term_retain(klass), term_retain(reason), term_retain(stack)};
    vm_spawn_code(p->rt, f->code, args, 4);
}

/* A BIF raised: as on the BEAM, the stack trace starts with the BIF and
 * its arguments ({:erlang, :/, [1, 0], []}), which Elixir's messages read
 * (ArithmeticError's "1 / 0", ArgumentError's per-argument texts). */
static void bif_failed(vm_process *p, int32_t bif, const term *args, uint32_t n)
{
    term cause = p->bif_error_cause;
    p->bif_error_cause = TERM_NONE;
    if (p->exc_stack != TERM_NONE || p->exc_class != term_atom("error")) {
        term_release(cause);
        return;
    }
    const vm_bif_entry *b = &p->rt->bifs[bif];
    /* error/1,2 and friends raise in their caller: no entry of their own */
    if (b->module == term_atom("erlang") && (b->name == term_atom("error") || b->name == term_atom("raise") ||
                                              b->name == term_atom("nif_error") || b->name == term_atom("exit") ||
                                              b->name == term_atom("throw")))
        return;
    term entry = undef_entry(b->module, b->name, args, n);
    if (cause != TERM_NONE || b->module == term_atom("ets")) {
        /* [error_info: %{cause: c, module: :erl_stdlib_errors}], no cause when none */
        term info = term_map_new(2);
        if (cause != TERM_NONE) info = term_map_put(info, term_atom("cause"), cause);
        info = term_map_put(info, term_atom("module"), term_atom("erl_stdlib_errors"));
        term loc = term_cons_new(term_tuple2(term_atom("error_info"), info), TERM_NIL);
        entry = term_tuple_put(entry, 3, loc);
    }
    p->exc_stack = vm_stacktrace(p, entry);
}

/* No clause of the running function matched: as on the BEAM, its stack
 * entry carries the arguments ({M, F, [args], location}), which
 * FunctionClauseError's blame shows. */
static void function_clause_stack(vm_process *p, const term *R, uint32_t arity)
{
    term stack = vm_stacktrace(p, TERM_NONE);
    if (term_is_cons(stack)) {
        term top = term_head(stack);
        term args = TERM_NIL;
        for (uint32_t i = arity; i-- > 0;) args = term_cons_new(term_retain(R[i]), args);
        term entry = term_tuple_new(4);
        term_tuple_init(entry, 0, term_retain(term_tuple_get(top, 0)));
        term_tuple_init(entry, 1, term_retain(term_tuple_get(top, 1)));
        term_tuple_init(entry, 2, args);
        term_tuple_init(entry, 3, term_retain(term_tuple_get(top, 3)));
        term rest = term_retain(term_tail(stack));
        term_release(stack);
        stack = term_cons_new(entry, rest);
    }
    p->exc_stack = stack;
}

/* Unwinds to the innermost handler, or ends the process.  Returns false
 * when the process exited. */
static bool handle_exception(vm_process *p)
{
    if (p->exc_stack == TERM_NONE) p->exc_stack = vm_stacktrace(p, TERM_NONE);
    if (p->nhandlers == 0) {
        term klass = p->exc_class, reason = p->exc_reason, stack = p->exc_stack;
        p->exc_class = p->exc_reason = p->exc_stack = TERM_NONE;
        if (klass != term_atom("exit")) report_crash(p, klass, reason, stack);
        term exit_reason;
        if (klass == term_atom("exit")) {
            exit_reason = reason;
            term_release(stack);
        } else if (klass == term_atom("throw")) {
            exit_reason = term_tuple2(term_tuple2(term_atom("nocatch"), reason), stack);
        } else {
            exit_reason = term_tuple2(reason, stack);
        }
        vm_process_exit(p, exit_reason);
        return false;
    }
    vm_handler h = p->handlers[--p->nhandlers];
    vm_release_frames_above(p, h.frame + 1);
    vm_frame *f = &p->frames[h.frame];
    term *R = p->regs + f->base;
    term_release(R[h.reg_class]);
    R[h.reg_class] = p->exc_class;
    term_release(R[h.reg_reason]);
    R[h.reg_reason] = p->exc_reason;
    term_release(R[h.reg_stack]);
    R[h.reg_stack] = p->exc_stack;
    p->exc_class = p->exc_reason = p->exc_stack = TERM_NONE;
    f->ip = f->code->ops + h.pc;
    return true;
}

static void push_handler(vm_process *p, uint32_t pc, uint32_t rc, uint32_t rr, uint32_t rs)
{
    if (p->nhandlers == p->handlers_cap) {
        p->handlers_cap = p->handlers_cap ? p->handlers_cap * 2 : 4;
        p->handlers = ciex_xrealloc(p->handlers, p->handlers_cap * sizeof *p->handlers, "process_stack");
    }
    p->handlers[p->nhandlers++] = (vm_handler){p->nframes - 1, pc, rc, rr, rs};
}

/* Loads a module template held by a literal: each execution loads a fresh
 * copy of the function table (the code itself is shared). */
vm_status vm_define_module(vm_process *p, term template_res, term *result);

#define MAX_ARGS 256

/* Dispatch jumps from each instruction straight to the next one's code
 * (GNU C's labels as values), so that each instruction's jump has its own
 * prediction; other compilers get the switch. */
#if defined(__GNUC__)
#define VM_THREADED
#endif

/* With several scheduler threads, a slice starts and ends holding the
 * runtime lock.  Instructions that touch only the process's registers
 * and immutable values run without it: a call lets it go (the yield
 * check of calls) when another thread waits for it, and every
 * instruction that reaches shared state
 * (BIFs, the mailbox, remote call sites, exits, raises) takes it back
 * first.  With one scheduler lock_state stays VM_LOCK_NONE: both are a
 * compare. */
static inline void need_lock(vm_process *p)
{
    if (__builtin_expect(p->lock_state == VM_LOCK_RELEASED, 0)) {
        vm_lock_counted(p->rt);
        p->lock_state = VM_LOCK_HELD;
    }
}

static inline void let_lock_go(vm_process *p)
{
    if (__builtin_expect(p->lock_state == VM_LOCK_HELD, 0) && vm_lock_is_wanted(p->rt)) {
        pthread_mutex_unlock(&p->rt->lock);
        p->lock_state = VM_LOCK_RELEASED;
    }
}

static void execute_slice(vm_process *p);

static const vm_code *site_target(vm_process *p, const vm_code *code, uint32_t i)
{
    need_lock(p);
    return resolve_site(p->rt, &code->calls[i]);
}

/* The end of a slice whose reductions ran out (its pc saved): p goes to
 * the back of the run queue, and false is returned.  On a thread that let
 * the lock go for another one, with nothing else to run, p goes on with a
 * new slice instead, without taking the lock back (vm_slice_goes_on): true.
 * Out of line, as it runs once a slice. */
static __attribute__((noinline, cold)) bool slice_used_up(vm_process *p)
{
    if (p->lock_state == VM_LOCK_RELEASED && vm_slice_goes_on(p)) return true;
    need_lock(p);
    p->rt->slice_used_up = true;
    p->state = VM_PROC_RUNNABLE;
    vm_make_runnable(p->rt, p);
    return false;
}

void vm_execute(vm_process *p)
{
    if (!p->rt->threaded) {
        execute_slice(p);
        return;
    }
    p->lock_state = VM_LOCK_HELD;
    execute_slice(p);
    need_lock(p);
    p->lock_state = VM_LOCK_NONE;
}

static void execute_slice(vm_process *p)
{
    if (p->pending_exit != TERM_NONE) {
        term reason = p->pending_exit;
        p->pending_exit = TERM_NONE;
        vm_process_exit(p, reason);
        return;
    }
    vm_runtime *rt = p->rt;
    p->state = VM_PROC_RUNNING;
    int reds = SLICE_REDUCTIONS;
    vm_frame *f;
    const vm_code *code;
    const uint32_t *ip; /* the instruction: ip[0] its opcode, ip[k] its operands (a jump goes to OPS + L) */
    term *R;
    term args[MAX_ARGS];
    term retv; /* the value OP_RET and the superinstructions ending in it return */
    term arg1; /* the argument the _ARG superinstructions pass to their call */
    /* the code's instructions, read at jumps only: no variable of its own to keep in a register */
#define OPS (code->ops)

#define LOAD_FRAME()                        \
    do {                                    \
        f = &p->frames[p->nframes - 1];     \
        code = f->code;                     \
        ip = f->ip;                         \
        R = p->regs + f->base;              \
    } while (0)
/* After a BIF, its result in place and pc past the call: a process that
 * signalled itself (exit(self(), r)) acts on it now, and one that called
 * :erlang.yield/0 goes to the back of the run queue, however the BIF was
 * called (an instruction, a remote call, a fun, apply). */
#define AFTER_BIF()                                \
    do {                                           \
        if (p->pending_exit != TERM_NONE) {        \
            f->ip = ip;                            \
            return;                                \
        }                                          \
        if (p->yield) {                            \
            p->yield = false;                      \
            f->ip = ip;                            \
            p->state = VM_PROC_RUNNABLE;           \
            vm_make_runnable(rt, p);               \
            return;                                \
        }                                          \
    } while (0)
#define SRC(x) (((x) & VM_LIT) ? code->literals[(x) & ~VM_LIT] : R[(x)])
#define SET(d, v)                   \
    do {                            \
        term v_ = (v);              \
        term_release(R[(d)]);       \
        R[(d)] = v_;                \
    } while (0)
#define RAISE() goto raise
/* A BIF that returned VM_SUSPEND runs again, from this instruction, once
 * the process is resumed. */
#define SUSPEND_ON(st)                         \
    do {                                       \
        if ((st) == VM_SUSPEND) {              \
            f->ip = ip;                        \
            p->state = VM_PROC_SUSPENDED;      \
            return;                            \
        }                                      \
    } while (0)
#define YIELD_CHECK_AT(target)                 \
    do {                                       \
        if (--reds <= 0) {                     \
            f->ip = (target);                  \
            if (!slice_used_up(p)) return;     \
            reds = SLICE_REDUCTIONS;           \
        }                                      \
    } while (0)
#define YIELD_CHECK()                          \
    do {                                       \
        if (--reds <= 0) {                     \
            f->ip = ip;                        \
            if (!slice_used_up(p)) return;     \
            reds = SLICE_REDUCTIONS;           \
        }                                      \
        let_lock_go(p);                        \
    } while (0)

#ifdef VM_THREADED
    /* one entry per opcode (debug builds check that none is missing) */
    static const void *const dispatch[OP_COUNT] = {
        [OP_MOVE] = &&L_OP_MOVE, [OP_JUMP] = &&L_OP_JUMP, [OP_RET] = &&L_OP_RET,
        [OP_CALL] = &&L_OP_CALL, [OP_TAIL_CALL] = &&L_OP_TAIL_CALL, [OP_CALL_FUN] = &&L_OP_CALL_FUN,
        [OP_TAIL_CALL_FUN] = &&L_OP_TAIL_CALL_FUN, [OP_APPLY] = &&L_OP_APPLY, [OP_BIF] = &&L_OP_BIF,
        [OP_TEST_TRUE] = &&L_OP_TEST_TRUE, [OP_TEST_EQ_EXACT] = &&L_OP_TEST_EQ_EXACT,
        [OP_TEST_IS] = &&L_OP_TEST_IS, [OP_TEST_TRUTHY] = &&L_OP_TEST_TRUTHY, [OP_TEST_LT] = &&L_OP_TEST_LT,
        [OP_TEST_LE] = &&L_OP_TEST_LE, [OP_TEST_GT] = &&L_OP_TEST_GT, [OP_TEST_GE] = &&L_OP_TEST_GE,
        [OP_TEST_EQ] = &&L_OP_TEST_EQ, [OP_TEST_NE] = &&L_OP_TEST_NE,
        [OP_TEST_NE_EXACT] = &&L_OP_TEST_NE_EXACT, [OP_TEST_TYPE] = &&L_OP_TEST_TYPE,
        [OP_TEST_TUPLE] = &&L_OP_TEST_TUPLE, [OP_TEST_CONS] = &&L_OP_TEST_CONS,
        [OP_TEST_MAP_KEY] = &&L_OP_TEST_MAP_KEY, [OP_TEST_BIN_PREFIX] = &&L_OP_TEST_BIN_PREFIX,
        [OP_GET_ELEM] = &&L_OP_GET_ELEM, [OP_GET_HEAD] = &&L_OP_GET_HEAD, [OP_GET_TAIL] = &&L_OP_GET_TAIL,
        [OP_MAKE_TUPLE] = &&L_OP_MAKE_TUPLE, [OP_MAKE_LIST] = &&L_OP_MAKE_LIST, [OP_MAKE_MAP] = &&L_OP_MAKE_MAP,
        [OP_MAP_UPDATE] = &&L_OP_MAP_UPDATE, [OP_MAKE_FUN] = &&L_OP_MAKE_FUN, [OP_RECV_PEEK] = &&L_OP_RECV_PEEK,
        [OP_RECV_NEXT] = &&L_OP_RECV_NEXT, [OP_RECV_REMOVE] = &&L_OP_RECV_REMOVE,
        [OP_RECV_WAIT] = &&L_OP_RECV_WAIT, [OP_TRY] = &&L_OP_TRY, [OP_TRY_END] = &&L_OP_TRY_END,
        [OP_RAISE] = &&L_OP_RAISE, [OP_RERAISE] = &&L_OP_RERAISE, [OP_DEFINE_MODULE] = &&L_OP_DEFINE_MODULE,
        [OP_ADD] = &&L_OP_ADD, [OP_SUB] = &&L_OP_SUB, [OP_MUL] = &&L_OP_MUL, [OP_LT] = &&L_OP_LT,
        [OP_LE] = &&L_OP_LE, [OP_GT] = &&L_OP_GT, [OP_GE] = &&L_OP_GE, [OP_EQ] = &&L_OP_EQ, [OP_NE] = &&L_OP_NE,
        [OP_EQ_EXACT] = &&L_OP_EQ_EXACT, [OP_NE_EXACT] = &&L_OP_NE_EXACT, [OP_SELF] = &&L_OP_SELF,
        [OP_TEST_IS_RET] = &&L_OP_TEST_IS_RET, [OP_TEST_IS_RET2] = &&L_OP_TEST_IS_RET2, [OP_ADD_RET] = &&L_OP_ADD_RET, [OP_SUB_RET] = &&L_OP_SUB_RET,
        [OP_ADD_CALL] = &&L_OP_ADD_CALL, [OP_SUB_CALL] = &&L_OP_SUB_CALL,
        [OP_ADD_IMM] = &&L_OP_ADD_IMM, [OP_SUB_IMM] = &&L_OP_SUB_IMM,
        [OP_ADD_IMM_ARG] = &&L_OP_ADD_IMM_ARG, [OP_SUB_IMM_ARG] = &&L_OP_SUB_IMM_ARG,
        [OP_TEST_IS_IMM] = &&L_OP_TEST_IS_IMM, [OP_TEST_IS_RET_IMM] = &&L_OP_TEST_IS_RET_IMM,
        [OP_TEST_IS_RET2_IMM] = &&L_OP_TEST_IS_RET2_IMM,
        [OP_ADD_RET_RR] = &&L_OP_ADD_RET_RR, [OP_SUB_RET_RR] = &&L_OP_SUB_RET_RR,
    };
#define CASE(o) case o: L_##o
#define NEXT()                  \
    do {                        \
        goto *dispatch[ip[0]];  \
    } while (0)
#else
#define CASE(o) case o
#define NEXT() continue
#endif

#if defined(VM_THREADED) && !defined(NDEBUG)
    for (uint32_t i = 0; i < OP_COUNT; i++)
        if (!dispatch[i]) abort(); /* an opcode without its entry above */
#endif
    LOAD_FRAME();
    for (;;) {
        switch ((vm_op)ip[0]) {
        CASE(OP_MOVE):
            SET(ip[1], term_retain(SRC(ip[2])));
            ip += 3;
            NEXT();
        CASE(OP_JUMP):
            if (ip[1] <= ip - OPS) YIELD_CHECK_AT(OPS + ip[1]);
            ip = OPS + ip[1];
            NEXT();
        /* a clause test that returns the OP_RET after it when it holds;
         * K reads its k: a literal's index, or the small integer itself
         * in the _IMM forms */
#define LIT_K(w) (code->literals[(w)])
#define IMM_K(w) ((term)(intptr_t)(int32_t)(w))
#define TEST_IS_RET(o, K)                                                   \
        CASE(o):                                                            \
            if (R[ip[1]] != K(ip[2])) {                                     \
                ip = OPS + ip[3];                                           \
                NEXT();                                                     \
            }                                                               \
            ip += 4;                                                        \
            goto ret;
        /* the same when L is such a test of the same register, of the
         * same kind, right after the OP_RET (ip + 6), whose own L is right
         * after its OP_RET (ip + 12): both tests in one dispatch, and no
         * jump target to read (a chain of loads before the next dispatch) */
#define TEST_IS_RET2(o, K)                                                  \
        CASE(o): {                                                          \
            term v = R[ip[1]];                                              \
            if (v != K(ip[2])) {                                            \
                if (v != K(ip[8])) {                                        \
                    ip += 12;                                               \
                    NEXT();                                                 \
                }                                                           \
                ip += 6;                                                    \
            }                                                               \
            ip += 4;                                                        \
            goto ret;                                                       \
        }
        TEST_IS_RET(OP_TEST_IS_RET, LIT_K)
        TEST_IS_RET(OP_TEST_IS_RET_IMM, IMM_K)
        TEST_IS_RET2(OP_TEST_IS_RET2, LIT_K)
        TEST_IS_RET2(OP_TEST_IS_RET2_IMM, IMM_K)
        CASE(OP_TEST_IS_IMM):
            ip = R[ip[1]] == IMM_K(ip[2]) ? ip + 4 : OPS + ip[3];
            NEXT();
#undef TEST_IS_RET
#undef TEST_IS_RET2
#undef LIT_K
#undef IMM_K
        CASE(OP_RET):
        ret: {
            /* the value moves out of its register instead of being
             * retained here and released with the frame */
            uint32_t s = ip[1];
            if (s & VM_LIT) {
                retv = term_retain(code->literals[s & ~VM_LIT]);
            } else {
                retv = R[s];
                R[s] = TERM_NIL;
            }
        }
        ret_value: {
            /* returns retv (owned) from the top frame */
            uint32_t ret_reg = f->ret_reg;
            vm_clear_regs(R, code->nregs);
            if (--p->nframes == 0) {
                need_lock(p);
                term_release(retv);
                vm_process_exit(p, TERM_ATOM_NORMAL);
                return;
            }
            f--; /* LOAD_FRAME without finding the frame again */
            code = f->code;
            ip = f->ip;
            R = p->regs + f->base;
            SET(ret_reg, retv);
            NEXT();
        }
        CASE(OP_CALL):
        call: {
            /* calls of compiled code: the arguments go straight from the
             * caller's registers into the new frame's */
            const vm_code *target = code->local_targets[ip[2]];
            if (__builtin_expect(target == NULL, 0)) target = site_target(p, code, ip[2]);
            if (__builtin_expect(target == NULL, 0)) goto call_generic;
            uint32_t n = ip[3];
            f->ip = ip + 4 + n;
            term *nr = frame_push(p, &f, &R, code, target, ip[1]);
            if (n == 1) nr[0] = term_retain(SRC(ip[4])); /* one argument without the loop's upkeep */
            else for (uint32_t i = 0; i < n; i++) nr[i] = term_retain(SRC(ip[4 + i]));
            code = target;
            ip = code->ops;
            R = nr;
            YIELD_CHECK();
            NEXT();
        }
        call_arg1: {
            /* the OP_CALL d c 1 d at pc, with its argument's value in
             * arg1 (a small integer the instruction before made) */
            const vm_code *target = code->local_targets[ip[2]];
            if (__builtin_expect(target == NULL, 0)) target = site_target(p, code, ip[2]);
            if (__builtin_expect(target == NULL, 0)) {
                SET(ip[1], arg1);
                goto call_generic;
            }
            f->ip = ip + 5;
            term *nr = frame_push(p, &f, &R, code, target, ip[1]);
            nr[0] = arg1;
            code = target;
            ip = code->ops;
            R = nr;
            YIELD_CHECK();
            NEXT();
        }
        CASE(OP_TAIL_CALL): {
            /* a tail call of compiled code: the frame is reused in place */
            const vm_code *target = code->local_targets[ip[1]];
            if (__builtin_expect(target == NULL, 0)) target = site_target(p, code, ip[1]);
            if (__builtin_expect(target == NULL, 0)) goto call_generic;
            uint32_t n = ip[2];
            if (__builtin_expect(f->base + target->nregs > p->regs_cap, 0)) {
                vm_ensure_regs(p, f->base + target->nregs);
                R = p->regs + f->base;
            }
            /* arguments that come from literals or from registers above
             * the parameters (temporaries, mostly) go straight to their
             * place; others (f(b, a) swapping parameters) through args */
            bool direct = true;
            for (uint32_t i = 0; i < n; i++) {
                uint32_t src = ip[3 + i];
                if (!(src & VM_LIT) && src < n) direct = false;
            }
            if (direct) {
                for (uint32_t i = 0; i < n; i++) {
                    term old = R[i];
                    R[i] = term_retain(SRC(ip[3 + i]));
                    term_release(old);
                }
                vm_clear_regs(R + n, code->nregs > n ? code->nregs - n : 0);
            } else {
                for (uint32_t i = 0; i < n; i++) args[i] = term_retain(SRC(ip[3 + i]));
                vm_clear_regs(R, code->nregs);
                for (uint32_t i = 0; i < n; i++) R[i] = args[i];
            }
            f->code = code = target;
            ip = code->ops;
            YIELD_CHECK();
            NEXT();
        }
        call_generic: {
            need_lock(p);
            bool tail = ip[0] == OP_TAIL_CALL; /* else an OP_CALL (from it, or the superinstruction before it) */
            const uint32_t *at = ip + (tail ? 1 : 2);
            vm_call_site *cs = &code->calls[at[0]];
            uint32_t n = at[1];
            const uint32_t *srcs = at + 2;
            const uint32_t *next = at + 2 + n;
            const vm_code *target = resolve_site(rt, cs);
            if (!target) {
                for (uint32_t i = 0; i < n; i++) args[i] = SRC(srcs[i]);
                if (cs->bif < 0) {
                    f->ip = ip;
                    vm_raise_error(p, term_atom("undef"));
                    p->exc_stack = vm_stacktrace(p, undef_entry(cs->module, cs->function, args, n));
                    RAISE();
                }
                term result;
                f->ip = ip;
                vm_status st_ = vm_bif_at(rt, cs->bif)(p, args, &result);
                if (st_ != VM_OK) {
                    SUSPEND_ON(st_);
                    bif_failed(p, cs->bif, args, n);
                    RAISE();
                }
                if (tail) {
                    /* a tail call into a BIF returns its result */
                    uint32_t ret_reg = f->ret_reg;
                    vm_release_frames_above(p, p->nframes - 1);
                    if (p->nframes == 0) {
                        term_release(result);
                        vm_process_exit(p, TERM_ATOM_NORMAL);
                        return;
                    }
                    LOAD_FRAME();
                    SET(ret_reg, result);
                } else {
                    SET(ip[1], result);
                    ip = next;
                }
                AFTER_BIF();
                NEXT();
            }
            if (tail) {
                for (uint32_t i = 0; i < n; i++) args[i] = term_retain(SRC(srcs[i]));
                replace_frame(p, target, args, n, NULL, 0);
            } else {
                for (uint32_t i = 0; i < n; i++) args[i] = SRC(srcs[i]);
                f->ip = next;
                push_frame(p, target, args, n, NULL, 0, ip[1]);
            }
            LOAD_FRAME();
            YIELD_CHECK();
            NEXT();
        }
        CASE(OP_CALL_FUN): {
            /* a fun whose code is here, called with its arity: as OP_CALL,
             * plus its free variables */
            term fun = SRC(ip[2]);
            uint32_t n = ip[3];
            if (__builtin_expect(!term_has_type(fun, TERM_T_FUN), 0)) goto call_fun_generic;
            const term_fun *tf = term_fun_ptr(fun);
            /* a fun from another node gets its code under the lock, by
             * whichever thread calls it first (fun_target) */
            term fcode = __atomic_load_n(&tf->code, __ATOMIC_ACQUIRE);
            if (__builtin_expect(tf->arity != n || fcode == TERM_NONE, 0)) goto call_fun_generic;
            const vm_code *target = term_resource_data(fcode);
            f->ip = ip + 4 + n;
            term *nr = frame_push(p, &f, &R, code, target, ip[1]);
            for (uint32_t i = 0; i < n; i++) nr[i] = term_retain(SRC(ip[4 + i]));
            for (uint32_t i = 0; i < tf->nfree; i++) nr[n + i] = term_retain(tf->free[i]);
            code = target;
            ip = code->ops;
            R = nr;
            YIELD_CHECK();
            NEXT();
        }
        CASE(OP_TAIL_CALL_FUN):
        call_fun_generic: {
            need_lock(p);
            bool tail = ip[0] == OP_TAIL_CALL_FUN;
            const uint32_t *at = ip + (tail ? 1 : 2);
            term fun = SRC(at[0]);
            uint32_t n = at[1];
            const uint32_t *srcs = at + 2;
            const uint32_t *next = at + 2 + n;
            for (uint32_t i = 0; i < n; i++) args[i] = SRC(srcs[i]);
            const vm_code *target;
            int32_t bif;
            f->ip = ip;
            if (fun_target(p, fun, args, n, &target, &bif) != VM_OK) RAISE();
            const term *free = NULL;
            uint32_t nfree = 0;
            if (term_has_type(fun, TERM_T_FUN)) {
                free = term_fun_ptr(fun)->free;
                nfree = term_fun_ptr(fun)->nfree;
            }
            if (!target) {
                term result;
                vm_status st_ = vm_bif_at(rt, bif)(p, args, &result);
                if (st_ != VM_OK) {
                    SUSPEND_ON(st_);
                    bif_failed(p, bif, args, n);
                    RAISE();
                }
                if (tail) {
                    uint32_t ret_reg = f->ret_reg;
                    vm_release_frames_above(p, p->nframes - 1);
                    if (p->nframes == 0) {
                        term_release(result);
                        vm_process_exit(p, TERM_ATOM_NORMAL);
                        return;
                    }
                    LOAD_FRAME();
                    SET(ret_reg, result);
                } else {
                    SET(ip[1], result);
                    ip = next;
                }
                AFTER_BIF();
                NEXT();
            }
            if (tail) {
                /* the fun may live in a register about to be released */
                term keep = term_retain(fun);
                for (uint32_t i = 0; i < n; i++) term_retain(args[i]);
                replace_frame(p, target, args, n, free, nfree);
                term_release(keep);
            } else {
                f->ip = next;
                push_frame(p, target, args, n, free, nfree, ip[1]);
            }
            LOAD_FRAME();
            YIELD_CHECK();
            NEXT();
        }
        CASE(OP_APPLY): {
            need_lock(p);
            term mod = SRC(ip[2]), fn = SRC(ip[3]), list = SRC(ip[4]);
            intptr_t n = term_list_length(list);
            f->ip = ip;
            if (term_is_fun(mod) && fn == TERM_NIL) {
                /* apply(fun, args) */
                if (n < 0 || n > MAX_ARGS) {
                    vm_badarg(p);
                    RAISE();
                }
                uint32_t i = 0;
                for (term l = list; term_is_cons(l); l = term_tail(l)) args[i++] = term_head(l);
                const vm_code *target;
                int32_t bif;
                if (fun_target(p, mod, args, (uint32_t)n, &target, &bif) != VM_OK) RAISE();
                if (!target) {
                    term result;
                    vm_status st_ = vm_bif_at(rt, bif)(p, args, &result);
                    if (st_ != VM_OK) {
                        SUSPEND_ON(st_);
                        bif_failed(p, bif, args, (uint32_t)n);
                        RAISE();
                    }
                    SET(ip[1], result);
                    ip += 5;
                    AFTER_BIF();
                    NEXT();
                }
                const term_fun *tf = term_has_type(mod, TERM_T_FUN) ? term_fun_ptr(mod) : NULL;
                f->ip = ip + 5;
                push_frame(p, target, args, (uint32_t)n, tf ? tf->free : NULL, tf ? tf->nfree : 0, ip[1]);
                LOAD_FRAME();
                YIELD_CHECK();
                NEXT();
            }
            if (!term_is_atom(mod) || !term_is_atom(fn) || n < 0 || n > MAX_ARGS) {
                vm_badarg(p);
                RAISE();
            }
            uint32_t i = 0;
            for (term l = list; term_is_cons(l); l = term_tail(l)) args[i++] = term_head(l);
            int32_t bif;
            const vm_code *target = resolve_remote(rt, mod, fn, (uint32_t)n, &bif);
            if (!target && bif < 0) {
                vm_raise_error(p, term_atom("undef"));
                p->exc_stack = vm_stacktrace(p, undef_entry(mod, fn, args, (uint32_t)n));
                RAISE();
            }
            if (!target) {
                term result;
                vm_status st_ = vm_bif_at(rt, bif)(p, args, &result);
                if (st_ != VM_OK) {
                    SUSPEND_ON(st_);
                    bif_failed(p, bif, args, (uint32_t)n);
                    RAISE();
                }
                SET(ip[1], result);
                ip += 5;
                AFTER_BIF();
                NEXT();
            }
            f->ip = ip + 5;
            push_frame(p, target, args, (uint32_t)n, NULL, 0, ip[1]);
            LOAD_FRAME();
            YIELD_CHECK();
            NEXT();
        }
        CASE(OP_BIF): {
            need_lock(p);
            uint32_t d = ip[1], b = ip[2], fail = ip[3], n = ip[4];
            for (uint32_t i = 0; i < n; i++) args[i] = SRC(ip[5 + i]);
            term result;
            f->ip = ip;
            vm_status st_ = vm_bif_at(rt, (int32_t)b)(p, args, &result);
            if (st_ != VM_OK) {
                SUSPEND_ON(st_);
                if (!fail) {
                    bif_failed(p, (int32_t)b, args, n);
                    RAISE();
                }
                term_release(p->exc_class);
                term_release(p->exc_reason);
                term_release(p->exc_stack);
                p->exc_class = p->exc_reason = p->exc_stack = TERM_NONE;
                ip = OPS + fail;
                NEXT();
            }
            SET(d, result);
            ip += 5 + n;
            AFTER_BIF();
            NEXT();
        }
        CASE(OP_TEST_TRUE):
            ip = SRC(ip[1]) == TERM_TRUE ? ip + 3 : OPS + ip[2];
            NEXT();
        CASE(OP_TEST_IS):
            ip = R[ip[1]] == code->literals[ip[2]] ? ip + 4 : OPS + ip[3];
            NEXT();
        CASE(OP_TEST_TRUTHY): {
            term v = SRC(ip[1]);
            ip = v == TERM_FALSE || v == TERM_ATOM_NIL ? OPS + ip[2] : ip + 3;
            NEXT();
        }
        /* comparisons that branch: jump unless the relation holds */
#define TEST_COMPARE(o, holds)                                              \
        CASE(o): {                                                          \
            term a = SRC(ip[1]), b = SRC(ip[2]);                \
            int c = term_is_small(a & b) ? ((intptr_t)a > (intptr_t)b) - ((intptr_t)a < (intptr_t)b) \
                                         : term_compare(a, b);              \
            ip = (holds) ? ip + 4 : OPS + ip[3];                            \
            NEXT();                                                         \
        }
        TEST_COMPARE(OP_TEST_LT, c < 0)
        TEST_COMPARE(OP_TEST_LE, c <= 0)
        TEST_COMPARE(OP_TEST_GT, c > 0)
        TEST_COMPARE(OP_TEST_GE, c >= 0)
        TEST_COMPARE(OP_TEST_EQ, c == 0)
        TEST_COMPARE(OP_TEST_NE, c != 0)
#undef TEST_COMPARE
        CASE(OP_TEST_EQ_EXACT):
            ip = term_exact_equal(SRC(ip[1]), SRC(ip[2])) ? ip + 4 : OPS + ip[3];
            NEXT();
        CASE(OP_TEST_NE_EXACT):
            ip = !term_exact_equal(SRC(ip[1]), SRC(ip[2])) ? ip + 4 : OPS + ip[3];
            NEXT();
        CASE(OP_TEST_TYPE):
            ip = type_test(SRC(ip[1]), ip[2]) ? ip + 4 : OPS + ip[3];
            NEXT();
        CASE(OP_TEST_TUPLE): {
            term v = SRC(ip[1]);
            ip = term_is_tuple(v) && term_tuple_arity(v) == ip[2] ? ip + 4 : OPS + ip[3];
            NEXT();
        }
        CASE(OP_TEST_CONS):
            ip = term_is_cons(SRC(ip[1])) ? ip + 3 : OPS + ip[2];
            NEXT();
        CASE(OP_TEST_MAP_KEY): {
            term m = SRC(ip[2]);
            term v = term_is_map(m) ? term_map_get(m, SRC(ip[3])) : TERM_NONE;
            if (v == TERM_NONE) {
                ip = OPS + ip[4];
            } else {
                SET(ip[1], term_retain(v));
                ip += 5;
            }
            NEXT();
        }
        CASE(OP_TEST_BIN_PREFIX): {
            term s = SRC(ip[2]), prefix = SRC(ip[3]);
            if (term_is_binary(s) && term_is_binary(prefix) && term_binary_size(prefix) <= term_binary_size(s) &&
                memcmp(term_binary_data(s), term_binary_data(prefix), term_binary_size(prefix)) == 0) {
                size_t k = term_binary_size(prefix);
                SET(ip[1], term_binary_sub(s, k, term_binary_size(s) - k));
                ip += 5;
            } else {
                ip = OPS + ip[4];
            }
            NEXT();
        }
        CASE(OP_GET_ELEM):
            SET(ip[1], term_retain(term_tuple_get(SRC(ip[2]), ip[3])));
            ip += 4;
            NEXT();
        CASE(OP_GET_HEAD):
            SET(ip[1], term_retain(term_head(SRC(ip[2]))));
            ip += 3;
            NEXT();
        CASE(OP_GET_TAIL):
            SET(ip[1], term_retain(term_tail(SRC(ip[2]))));
            ip += 3;
            NEXT();
        CASE(OP_MAKE_TUPLE): {
            uint32_t n = ip[2];
            term t = term_tuple_new(n);
            for (uint32_t i = 0; i < n; i++) term_tuple_init(t, i, term_retain(SRC(ip[3 + i])));
            SET(ip[1], t);
            ip += 3 + n;
            NEXT();
        }
        CASE(OP_MAKE_LIST): {
            uint32_t n = ip[2];
            term l = term_retain(SRC(ip[3 + n]));
            for (uint32_t i = n; i-- > 0;) l = term_cons_new(term_retain(SRC(ip[3 + i])), l);
            SET(ip[1], l);
            ip += 4 + n;
            NEXT();
        }
        CASE(OP_MAKE_MAP): {
            uint32_t n = ip[2];
            term kv[2 * 64];
            term *pairs = n <= 64 ? kv : ciex_xmalloc(2 * (size_t)n * sizeof(term), "process_stack");
            for (uint32_t i = 0; i < 2 * n; i++) pairs[i] = term_retain(SRC(ip[3 + i]));
            term m = term_map_from_pairs(pairs, n, NULL);
            if (pairs != kv) free(pairs);
            SET(ip[1], m);
            ip += 3 + 2 * n;
            NEXT();
        }
        CASE(OP_MAP_UPDATE): {
            term m = SRC(ip[2]);
            uint32_t n = ip[3];
            f->ip = ip;
            if (!term_is_map(m)) {
                vm_raise_error(p, term_tuple2(term_atom("badmap"), term_retain(m)));
                RAISE();
            }
            for (uint32_t i = 0; i < n; i++) {
                term k = SRC(ip[4 + 2 * i]);
                if (term_map_get(m, k) == TERM_NONE) {
                    vm_raise_error(p, term_tuple2(term_atom("badkey"), term_retain(k)));
                    RAISE();
                }
            }
            term out = term_retain(m);
            for (uint32_t i = 0; i < n; i++)
                out = term_map_put(out, term_retain(SRC(ip[4 + 2 * i])), term_retain(SRC(ip[5 + 2 * i])));
            SET(ip[1], out);
            ip += 4 + 2 * n;
            NEXT();
        }
        CASE(OP_MAKE_FUN): {
            uint32_t n = ip[3];
            for (uint32_t i = 0; i < n; i++) args[i] = SRC(ip[4 + i]);
            SET(ip[1], make_fun(p, code->lambdas[ip[2]], args, n));
            ip += 4 + n;
            NEXT();
        }
        CASE(OP_RECV_PEEK):
            need_lock(p);
            if (*p->mbox_save == NULL) {
                ip = OPS + ip[2];
            } else {
                SET(ip[1], term_retain((*p->mbox_save)->value));
                ip += 3;
            }
            NEXT();
        CASE(OP_RECV_NEXT):
            need_lock(p);
            p->mbox_save = &(*p->mbox_save)->next;
            ip = OPS + ip[1];
            YIELD_CHECK_AT(ip);
            NEXT();
        CASE(OP_RECV_REMOVE):
            need_lock(p);
            mailbox_take(p);
            ip += 1;
            NEXT();
        CASE(OP_RECV_WAIT): {
            need_lock(p);
            term timeout = SRC(ip[1]);
            if (p->timed_out) {
                p->timed_out = false;
                p->mbox_save = &p->mbox_head;
                ip = OPS + ip[2];
                NEXT();
            }
            if (*p->mbox_save != NULL) {
                /* a message came while the after's time was computed
                 * (the lock let go by a call): scan it first */
                ip = OPS + ip[3];
                NEXT();
            }
            if (timeout != TERM_ATOM_INFINITY) {
                if (!term_is_small(timeout) || term_small_value(timeout) < 0) {
                    f->ip = ip;
                    vm_raise_error(p, term_tuple2(term_atom("timeout_value"), term_retain(timeout)));
                    RAISE();
                }
                if (term_small_value(timeout) == 0) {
                    p->mbox_save = &p->mbox_head;
                    ip = OPS + ip[2];
                    NEXT();
                }
                if (p->timer_deadline < 0) {
                    p->timer_seq++;
                    p->timer_deadline = vm_deadline_ms(term_small_value(timeout));
                    vm_timer_add(rt, p->timer_deadline, p, TERM_NONE, TERM_NONE, TERM_NONE);
                }
            }
            f->ip = OPS + ip[3];
            p->state = VM_PROC_WAITING;
            return;
        }
        CASE(OP_TRY):
            push_handler(p, ip[1], ip[2], ip[3], ip[4]);
            ip += 5;
            NEXT();
        CASE(OP_TRY_END):
            p->nhandlers--;
            ip += 1;
            NEXT();
        CASE(OP_RAISE): {
            term klass = SRC(ip[1]);
            f->ip = ip;
            if (klass != term_atom("error") && klass != term_atom("exit") && klass != term_atom("throw")) {
                vm_badarg(p);
                RAISE();
            }
            vm_raise(p, klass, term_retain(SRC(ip[2])));
            if (p->exc_reason == term_atom("function_clause")) function_clause_stack(p, R, code->arity);
            RAISE();
        }
        CASE(OP_RERAISE): {
            f->ip = ip;
            vm_raise(p, term_retain(SRC(ip[1])), term_retain(SRC(ip[2])));
            p->exc_stack = term_retain(SRC(ip[3]));
            RAISE();
        }
        CASE(OP_DEFINE_MODULE): {
            need_lock(p);
            term result;
            f->ip = ip;
            if (vm_define_module(p, SRC(ip[2]), &result) != VM_OK) RAISE();
            SET(ip[1], result);
            ip += 3;
            NEXT();
        }
        /* the general case of an arithmetic instruction (bignums, floats,
         * a type error): the BIF's function, which may raise */
#define ARITH_SLOW(slow)                                                    \
    {                                                                       \
        term result;                                                        \
        f->ip = ip;                                                         \
        if (slow(p, a, b, &result) != VM_OK) RAISE();                       \
        SET(ip[1], result);                                           \
        ip += 4;                                                            \
        NEXT(); /* a block, not do-while: NEXT may be `continue` */         \
    }
        /* integer fast paths, one handler per operator.  + and - work on
         * the tagged words (2x+1 and 2y+1: their sum less 1 is 2(x+y)+1),
         * so the machine's overflow flag is exactly "not a small integer". */
#define ARITH(o, fast, slow)                                                \
        CASE(o): {                                                          \
            term a = SRC(ip[2]), b = SRC(ip[3]);                \
            intptr_t r;                                                     \
            if (term_is_small(a & b) && fast) {                             \
                SET(ip[1], (term)r);                                  \
                ip += 4;                                                    \
                NEXT();                                                     \
            }                                                               \
            ARITH_SLOW(slow)                                                \
        }
        /* the same followed by the OP_RET of its result: the fast path
         * returns at once, the others store it and go on to that OP_RET.
         * OPERAND reads an operand: SRC, or REG for the _RR forms (two
         * registers: no operand kind to test). */
#define REG(x) R[(x)]
#define ARITH_RET(o, OPERAND, fast, slow)                                   \
        CASE(o): {                                                          \
            term a = OPERAND(ip[2]), b = OPERAND(ip[3]);                    \
            intptr_t r;                                                     \
            if (term_is_small(a & b) && fast) {                             \
                retv = (term)r;                                             \
                goto ret_value;                                             \
            }                                                               \
            ARITH_SLOW(slow)                                                \
        }
        /* the same followed by an OP_CALL: on to it without a dispatch */
#define ARITH_CALL(o, fast, slow)                                           \
        CASE(o): {                                                          \
            term a = SRC(ip[2]), b = SRC(ip[3]);                \
            intptr_t r;                                                     \
            if (term_is_small(a & b) && fast) {                             \
                SET(ip[1], (term)r);                                  \
                ip += 4;                                                    \
                goto call;                                                  \
            }                                                               \
            ARITH_SLOW(slow)                                                \
        }
        /* a register and an immediate: the immediate is b less its tag */
#define IMM_B ((term)((intptr_t)(int32_t)ip[3] + 1))
#define ARITH_IMM(o, fast, slow)                                            \
        CASE(o): {                                                          \
            term a = R[ip[2]];                                        \
            intptr_t r;                                                     \
            if (term_is_small(a) && fast) {                                 \
                SET(ip[1], (term)r);                                  \
                ip += 4;                                                    \
                NEXT();                                                     \
            }                                                               \
            term b = IMM_B;                                                 \
            ARITH_SLOW(slow)                                                \
        }
        /* the same, its result the argument of the OP_CALL after it */
#define ARITH_IMM_ARG(o, fast, slow)                                        \
        CASE(o): {                                                          \
            term a = R[ip[2]];                                        \
            intptr_t r;                                                     \
            if (term_is_small(a) && fast) {                                 \
                arg1 = (term)r;                                             \
                ip += 4;                                                    \
                goto call_arg1;                                             \
            }                                                               \
            term b = IMM_B;                                                 \
            ARITH_SLOW(slow)                                                \
        }
#define ADD_IMM_FAST !__builtin_add_overflow((intptr_t)a, (intptr_t)(int32_t)ip[3], &r)
#define SUB_IMM_FAST !__builtin_sub_overflow((intptr_t)a, (intptr_t)(int32_t)ip[3], &r)
        ARITH_IMM(OP_ADD_IMM, ADD_IMM_FAST, vm_arith_add)
        ARITH_IMM(OP_SUB_IMM, SUB_IMM_FAST, vm_arith_sub)
        ARITH_IMM_ARG(OP_ADD_IMM_ARG, ADD_IMM_FAST, vm_arith_add)
        ARITH_IMM_ARG(OP_SUB_IMM_ARG, SUB_IMM_FAST, vm_arith_sub)
#undef ADD_IMM_FAST
#undef SUB_IMM_FAST
#undef ARITH_IMM_ARG
#undef ARITH_IMM
#undef IMM_B
#define ADD_FAST !__builtin_add_overflow((intptr_t)a, (intptr_t)b - 1, &r)
#define SUB_FAST !__builtin_sub_overflow((intptr_t)a, (intptr_t)b - 1, &r)
        ARITH(OP_ADD, ADD_FAST, vm_arith_add)
        ARITH(OP_SUB, SUB_FAST, vm_arith_sub)
        ARITH(OP_MUL, (!__builtin_mul_overflow(term_small_value(a), term_small_value(b), &r) &&
                       term_fits_small(r) && (r = (intptr_t)term_small(r), true)), vm_arith_mul)
        ARITH_RET(OP_ADD_RET, SRC, ADD_FAST, vm_arith_add)
        ARITH_RET(OP_SUB_RET, SRC, SUB_FAST, vm_arith_sub)
        ARITH_RET(OP_ADD_RET_RR, REG, ADD_FAST, vm_arith_add)
        ARITH_RET(OP_SUB_RET_RR, REG, SUB_FAST, vm_arith_sub)
        ARITH_CALL(OP_ADD_CALL, ADD_FAST, vm_arith_add)
        ARITH_CALL(OP_SUB_CALL, SUB_FAST, vm_arith_sub)
#undef ADD_FAST
#undef SUB_FAST
#undef ARITH_RET
#undef REG
#undef ARITH_CALL
#undef ARITH
#undef ARITH_SLOW
        /* c: -1, 0 or 1 as a compares to b */
#define COMPARE(o, exact, holds)                                            \
        CASE(o): {                                                          \
            term a = SRC(ip[2]), b = SRC(ip[3]);                \
            int c;                                                          \
            if (term_is_small(a & b)) c = ((intptr_t)a > (intptr_t)b) - ((intptr_t)a < (intptr_t)b); \
            else if (exact) c = term_exact_equal(a, b) ? 0 : 1;             \
            else c = term_compare(a, b);                                    \
            SET(ip[1], term_bool(holds));                             \
            ip += 4;                                                        \
            NEXT();                                                         \
        }
        COMPARE(OP_LT, false, c < 0)
        COMPARE(OP_LE, false, c <= 0)
        COMPARE(OP_GT, false, c > 0)
        COMPARE(OP_GE, false, c >= 0)
        COMPARE(OP_EQ, false, c == 0)
        COMPARE(OP_NE, false, c != 0)
        COMPARE(OP_EQ_EXACT, true, c == 0)
        COMPARE(OP_NE_EXACT, true, c != 0)
#undef COMPARE
        CASE(OP_SELF):
            SET(ip[1], term_retain(p->pid));
            ip += 2;
            NEXT();
        case OP_COUNT:
        default:
            abort(); /* the compiler never emits an unknown opcode */
        }
        continue;
    raise:
        need_lock(p);
        if (!handle_exception(p)) return;
        LOAD_FRAME();
    }
}
