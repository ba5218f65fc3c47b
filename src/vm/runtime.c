/* runtime.c - the runtime: module table, BIF table, code ownership, node
 * identity and console output. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ciex/buf.h"
#include "vm_internal.h"

static void *xcalloc(size_t n, size_t size)
{
    void *p = ciex_xcalloc(n ? n : 1, size, "runtime");
    return p;
}

static void default_output(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(1, text + off, len - off);
        if (n <= 0) break;
        off += (size_t)n;
    }
}

/* References carry three words, printed as #Reference<0.W2.W1.W0>.  The
 * BEAM's upper two are large (#Reference<0.1802825888.154140674.29227>),
 * so its references print as wide as these do, and a term holding one
 * breaks over lines where iex breaks it. */
static void seed_references(vm_runtime *rt)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t x = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ull ^ (uint64_t)ts.tv_sec ^ ((uint64_t)getpid() << 32);
    for (int i = 0; i < 2; i++) {
        x ^= x >> 31, x *= 0xBF58476D1CE4E5B9ull, x ^= x >> 29;
        rt->ref_high[i] = 1000000000u + (uint32_t)(x % 3000000000u);
    }
}

vm_runtime *vm_runtime_new(void)
{
    term_init();
    vm_runtime *rt = xcalloc(1, sizeof *rt);
    rt->procs_cap = 256;
    rt->procs = xcalloc(rt->procs_cap, sizeof *rt->procs);
    rt->modules_cap = 256;
    rt->modules = xcalloc(rt->modules_cap, sizeof *rt->modules);
    rt->registered = term_map_new(0);
    rt->argv = TERM_NIL;
    rt->persistent = term_map_new(0);
    rt->aliases = term_map_new(0);
    rt->fun_cache = term_map_new(0);
    rt->eval_fun_table = term_map_new(0);
    rt->node = TERM_ATOM_NONODE;
    rt->creation = 0;
    rt->output = default_output;
    rt->epoch = 1;
    rt->schedulers = rt->schedulers_total = 1;
    rt->wake_fd = -1;
    rt->next_id = 0;
    seed_references(rt);
    vm_bifs_init(rt);
    return rt;
}

static void code_free(vm_code *c)
{
    for (uint32_t i = 0; i < c->nliterals; i++) term_release(c->literals[i]);
    term_release(c->file);
    term_release(c->source);
    term_release(c->resource);
    term_release(c->display);
    term_release(c->capture_names);
    term_release(c->erl_clauses);
    term_release(c->erl_names);
    free(c->literals);
    if (!c->ops_in_image) {
        free(c->ops);
        free(c->lines);
    }
    free(c->calls);
    free(c->local_targets);
    free(c->lambdas);
    free(c);
}

static void module_free(vm_module *m)
{
    while (m) {
        vm_module *older = m->older;
        free(m->functions);
        term_release(m->attributes);
        term_release(m->struct_fields);
        term_release(m->struct_keys);
        term_release(m->source_file);
        free(m);
        m = older;
    }
}

void vm_runtime_free(vm_runtime *rt)
{
    vm_schedulers_stop(rt);
    rt->exit_observer = NULL;
    for (uint32_t i = 0; i < rt->procs_cap; i++)
        while (rt->procs[i]) vm_process_exit(rt->procs[i], term_atom("kill"));
    vm_drain_run_queue(rt);
    vm_ets_free(rt);
    for (uint32_t i = 0; i < rt->ntimers; i++) {
        term_release(rt->timers[i].message);
        term_release(rt->timers[i].target);
        term_release(rt->timers[i].ref);
    }
    for (uint32_t i = 0; i < rt->modules_cap; i++)
        if (rt->modules[i]) module_free(rt->modules[i]);
    while (rt->all_code) {
        vm_code *next = rt->all_code->next_owned;
        code_free(rt->all_code);
        rt->all_code = next;
    }
    term_release(rt->registered);
    term_release(rt->argv);
    term_release(rt->persistent);
    term_release(rt->aliases);
    term_release(rt->fun_cache);
    term_release(rt->eval_fun_table);
    vm_re_cache_free(rt);
    free(rt->procs);
    free(rt->timers);
    vm_poller_free(rt);
    free(rt->modules);
    free(rt->bifs);
    free(rt);
}

void vm_set_output(vm_runtime *rt, vm_output_fn fn, void *ctx)
{
    rt->output = fn ? fn : default_output;
    rt->output_ctx = ctx;
}

void vm_set_exit_observer(vm_runtime *rt, vm_exit_observer fn, void *ctx)
{
    rt->exit_observer = fn;
    rt->exit_observer_ctx = ctx;
}

void vm_get_exit_observer(vm_runtime *rt, vm_exit_observer *fn, void **ctx)
{
    *fn = rt->exit_observer;
    *ctx = rt->exit_observer_ctx;
}

void vm_write_output(vm_runtime *rt, const char *text, size_t len) { rt->output(rt->output_ctx, text, len); }

void vm_set_input(vm_runtime *rt, vm_input_fn fn, void *ctx)
{
    rt->input = fn;
    rt->input_ctx = ctx;
}

/* Without a shell: the prompt on the output, then a line of stdin, read
 * byte by byte so that nothing after the line is taken from the next
 * reader (scripts run with their input on stdin). */
static void default_input(vm_runtime *rt, term from, term ref, term prompt)
{
    if (term_is_binary(prompt)) vm_write_output(rt, (const char *)term_binary_data(prompt), term_binary_size(prompt));
    ciex_buf line = {0};
    for (;;) {
        uint8_t ch;
        ssize_t k = read(0, &ch, 1);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) break;
        ciex_buf_putc(&line, ch);
        if (ch == '\n') break;
    }
    term reply = line.len == 0 ? term_atom("eof") : term_binary_new(line.data, line.len);
    ciex_buf_free(&line);
    vm_send(rt, from, term_tuple3(term_atom("io_reply"), term_retain(ref), reply));
}

void vm_read_input(vm_runtime *rt, term from, term ref, term prompt)
{
    if (rt->input) rt->input(rt->input_ctx, from, ref, prompt);
    else default_input(rt, from, ref, prompt);
}
term vm_node_name(vm_runtime *rt) { return rt->node; }
void vm_set_app_data(vm_runtime *rt, void *data) { rt->app_data = data; }
void vm_set_fun_loader(vm_runtime *rt, vm_fun_loader loader) { rt->fun_loader = loader; }
void vm_set_eval_funs(vm_runtime *rt, const vm_eval_funs *ops) { rt->eval_funs = ops; }
const vm_eval_funs *vm_eval_funs_of(vm_runtime *rt) { return rt->eval_funs; }
term *vm_eval_fun_table(vm_runtime *rt) { return &rt->eval_fun_table; }
term vm_whereis(vm_runtime *rt, term name) { return term_map_get(rt->registered, name); }

void vm_erl_eval_own(vm_erl_eval_layout *l)
{
    static const uint8_t uniq[16] = {'c', 'i', 'e', 'x', ' ', 'e', 'r', 'l', '_', 'e', 'v', 'a', 'l', 0, 0, 1};
    memcpy(l->uniq, uniq, 16);
    l->old_uniq = 0x63696578;
    for (int i = 0; i <= VM_ERL_EVAL_MAX_ARITY; i++) l->index[i] = l->old_index[i] = (uint32_t)i;
}

term vm_erl_eval_wire(vm_runtime *rt, term fun, const vm_erl_eval_layout *l)
{
    if (!term_has_type(fun, TERM_T_FUN) || !rt->eval_funs) return TERM_NONE;
    const term_fun *f = term_fun_ptr(fun);
    if (f->arity > VM_ERL_EVAL_MAX_ARITY) return TERM_NONE;
    term env = rt->eval_funs->env_of(rt, fun);
    if (env == TERM_NONE) return TERM_NONE;
    term wire = term_fun_new(term_atom("erl_eval"), f->arity, l->index[f->arity], l->uniq, l->old_index[f->arity],
                             l->old_uniq, term_retain(f->pid), TERM_NONE, 1);
    term_fun_init_free(wire, 0, env);
    return wire;
}

bool vm_is_erl_eval_fun(term fun)
{
    if (!term_has_type(fun, TERM_T_FUN)) return false;
    const term_fun *f = term_fun_ptr(fun);
    if (f->module != term_atom("erl_eval") || f->nfree != 1) return false;
    term env = f->free[0];
    if (!term_is_tuple(env) || (term_tuple_arity(env) != 6 && term_tuple_arity(env) != 7)) return false;
    return term_is_list(term_tuple_get(env, 5));
}

term vm_code_resource(const vm_code *code)
{
    static const term_resource_type code_type = {"code", NULL};
    vm_code *c = (vm_code *)code;
    /* made once, by whichever scheduler thread needs it first */
    term r = __atomic_load_n(&c->resource, __ATOMIC_ACQUIRE);
    if (r == TERM_NONE) {
        term made = term_resource_new(&code_type, c);
        if (__atomic_compare_exchange_n(&c->resource, &r, made, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) r = made;
        else term_release(made);
    }
    return term_retain(r);
}
void *vm_app_data(vm_runtime *rt) { return rt->app_data; }

void vm_set_node(vm_runtime *rt, term node, uint32_t creation)
{
    rt->node = node;
    rt->creation = creation;
}
uint32_t vm_node_creation(vm_runtime *rt) { return rt->creation; }

void vm_set_argv(vm_runtime *rt, const char *const *args, size_t n)
{
    term l = TERM_NIL;
    for (size_t i = n; i-- > 0;) l = term_cons_new(term_binary_from_cstr(args[i]), l);
    term_release(rt->argv);
    rt->argv = l;
}

vm_code *vm_code_new(vm_runtime *rt, term module, term name, uint32_t arity)
{
    vm_code *c = xcalloc(1, sizeof *c);
    c->module = module;
    c->name = name;
    c->arity = arity;
    c->file = TERM_NIL;
    c->source = TERM_NONE;
    c->resource = TERM_NONE;
    c->display = TERM_NONE;
    c->capture_names = TERM_NONE;
    c->erl_clauses = TERM_NONE;
    c->erl_names = TERM_NONE;
    c->next_owned = rt->all_code;
    rt->all_code = c;
    return c;
}

/* ---- modules ---- */

vm_module *vm_module_new(term name, uint32_t nfunctions)
{
    vm_module *m = xcalloc(1, sizeof *m);
    m->name = name;
    m->functions = xcalloc(nfunctions, sizeof *m->functions);
    m->nfunctions = nfunctions;
    m->attributes = TERM_NIL;
    m->struct_fields = TERM_NONE;
    m->struct_keys = TERM_NONE;
    m->source_file = TERM_NIL;
    return m;
}

const vm_function *vm_module_find(const vm_module *m, term name, uint32_t arity)
{
    for (uint32_t i = 0; i < m->nfunctions; i++)
        if (m->functions[i].name == name && m->functions[i].arity == arity) return &m->functions[i];
    return NULL;
}

static uint32_t module_slot(vm_runtime *rt, term name)
{
    uint32_t mask = rt->modules_cap - 1;
    uint32_t i = term_atom_ptr(name)->hash & mask;
    while (rt->modules[i] && rt->modules[i]->name != name) i = (i + 1) & mask;
    return i;
}

vm_module *vm_get_module(vm_runtime *rt, term name)
{
    if (!term_is_atom(name)) return NULL;
    return rt->modules[module_slot(rt, name)];
}

static void modules_grow(vm_runtime *rt)
{
    vm_module **old = rt->modules;
    uint32_t oldcap = rt->modules_cap;
    rt->modules_cap *= 2;
    rt->modules = xcalloc(rt->modules_cap, sizeof *rt->modules);
    for (uint32_t i = 0; i < oldcap; i++)
        if (old[i]) rt->modules[module_slot(rt, old[i]->name)] = old[i];
    free(old);
}

/* Binds the local call sites of every function of m to m's own code. */
static void bind_local_calls(vm_module *m, vm_code *c)
{
    for (uint32_t i = 0; i < c->ncalls; i++) {
        vm_call_site *cs = &c->calls[i];
        if (!cs->local) continue;
        const vm_function *f = vm_module_find(m, cs->function, cs->arity);
        c->local_targets[i] = cs->target = f ? f->code : NULL;
    }
    for (uint32_t i = 0; i < c->nlambdas; i++) bind_local_calls(m, c->lambdas[i]);
}

void vm_set_loading_builtin(vm_runtime *rt, bool on) { rt->loading_builtin = on; }

bool vm_load_module(vm_runtime *rt, vm_module *m)
{
    m->builtin = rt->loading_builtin;
    for (uint32_t i = 0; i < m->nfunctions; i++) bind_local_calls(m, m->functions[i].code);
    if ((rt->nmodules + 1) * 2 > rt->modules_cap) modules_grow(rt);
    uint32_t slot = module_slot(rt, m->name);
    vm_module *old = rt->modules[slot];
    m->older = old;
    rt->modules[slot] = m;
    if (!old) rt->nmodules++;
    rt->epoch++;
    return old != NULL;
}

/* ---- BIFs ---- */

void vm_register_bifs(vm_runtime *rt, const vm_bif_def *defs)
{
    for (; defs->module; defs++) {
        if (rt->nbifs == rt->bifs_cap) {
            rt->bifs_cap = rt->bifs_cap ? rt->bifs_cap * 2 : 256;
            rt->bifs = ciex_xrealloc(rt->bifs, rt->bifs_cap * sizeof *rt->bifs, "runtime");
        }
        rt->bifs[rt->nbifs++] = (vm_bif_entry){term_atom(defs->module), term_atom(defs->name), defs->arity, defs->fn};
    }
}

int32_t vm_find_bif(vm_runtime *rt, term module, term name, uint32_t arity)
{
    for (uint32_t i = 0; i < rt->nbifs; i++) {
        const vm_bif_entry *b = &rt->bifs[i];
        if (b->module == module && b->name == name && b->arity == arity) return (int32_t)i;
    }
    return -1;
}

vm_bif_fn vm_bif_at(vm_runtime *rt, int32_t index) { return rt->bifs[index].fn; }

void vm_each_module(vm_runtime *rt, void (*fn)(void *ctx, const vm_module *m), void *ctx)
{
    for (uint32_t i = 0; i < rt->modules_cap; i++)
        if (rt->modules[i]) fn(ctx, rt->modules[i]);
}

void vm_each_bif(vm_runtime *rt, void (*fn)(void *ctx, term module, term name, uint32_t arity), void *ctx)
{
    for (uint32_t i = 0; i < rt->nbifs; i++) fn(ctx, rt->bifs[i].module, rt->bifs[i].name, rt->bifs[i].arity);
}
