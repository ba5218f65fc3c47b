/* inspect_hooks.c - what inspect needs to know from the runtime: node
 * indexes of remote pids, the names funs print with, and struct fields. */
#include <stdio.h>
#include <string.h>

#include "vm_internal.h"

/* The N of #PID<N.id.serial> (and of remote ports and references): the
 * BEAM prints the index of the node name's atom in its atom table, so
 * does ciex; iex's numbers are larger (its atom table holds more atoms)
 * and vary from node to node as they do there. */
static uint32_t node_index(void *ctx, term node, uint32_t creation)
{
    vm_runtime *rt = ctx;
    (void)creation;
    if (node == rt->node || node == TERM_ATOM_NONODE) return 0;
    uint32_t n = term_atom_ptr(node)->index;
    return n ? n : 1;
}

static bool fun_name(void *ctx, term fun, char *buf, size_t n)
{
    (void)ctx;
    const term_fun *f = term_fun_ptr(fun);
    if (vm_is_erl_eval_fun(fun)) {
        /* made by evaluation on another node, as iex prints those */
        snprintf(buf, n, ":erl_eval.expr/6");
        return true;
    }
    if (f->code == TERM_NONE) return false;
    const vm_code *code = term_resource_data(f->code);
    if (!term_is_binary(code->display)) return false;
    snprintf(buf, n, "%.*s", (int)term_binary_size(code->display), (const char *)term_binary_data(code->display));
    return true;
}

static term struct_fields(void *ctx, term module)
{
    vm_runtime *rt = ctx;
    vm_module *m = vm_get_module(rt, module);
    if (!m || m->struct_fields == TERM_NONE) return TERM_NONE;
    if (m->struct_keys == TERM_NONE) {
        term keys[512];
        uint32_t n = 0;
        for (term l = m->struct_fields; term_is_cons(l) && n < 512; l = term_tail(l))
            keys[n++] = term_tuple_get(term_head(l), 0);
        m->struct_keys = term_list_from_array(keys, n);
    }
    return m->struct_keys;
}

void vm_inspect_opts_init(vm_runtime *rt, term_inspect_opts *o)
{
    term_inspect_opts_init(o);
    o->node_index = node_index;
    o->fun_name = fun_name;
    o->struct_fields = struct_fields;
    o->ctx = rt;
}

term vm_code_fun(vm_runtime *rt, const vm_code *code)
{
    static const uint8_t uniq[16];
    (void)rt;
    return term_fun_new(code->module, code->arity, 0, uniq, 0, 0, TERM_NONE, vm_code_resource(code), 0);
}
