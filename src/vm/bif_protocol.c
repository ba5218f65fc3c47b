/* bif_protocol.c - protocol dispatch: which module implements a protocol
 * for a value.
 *
 * A protocol P is implemented for a type T by the module P.T (defimpl
 * defines it), T being the struct's module for a struct and one of
 * Atom, BitString, Float, Function, Integer, List, Map, PID, Port,
 * Reference, Tuple otherwise, as in Elixir.  Protocols are not
 * consolidated: the implementation is found by looking up the module
 * P.T among the loaded ones, at each call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm_internal.h"

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

/* The struct module of v, or TERM_NONE when v is not a struct. */
static term struct_of(term v)
{
    if (!term_is_map(v)) return TERM_NONE;
    term s = term_map_get(v, term_atom("__struct__"));
    return s != TERM_NONE && term_is_atom(s) ? s : TERM_NONE;
}

/* The name of v's built-in type, as Protocol.UndefinedError prints it. */
static const char *builtin_type(term v)
{
    switch (term_type_of(v)) {
    case TERM_T_ATOM: return "Atom";
    case TERM_T_BINARY: return "BitString";
    case TERM_T_FLOAT: return "Float";
    case TERM_T_FUN:
    case TERM_T_EXPORT: return "Function";
    case TERM_T_SMALL:
    case TERM_T_BIGINT: return "Integer";
    case TERM_T_NIL:
    case TERM_T_CONS: return "List";
    case TERM_T_MAP: return "Map";
    case TERM_T_PID: return "PID";
    case TERM_T_PORT: return "Port";
    case TERM_T_REF:
    case TERM_T_RESOURCE: return "Reference";
    case TERM_T_TUPLE: return "Tuple";
    case TERM_T_NONE: break;
    }
    return NULL;
}

/* The loaded module protocol.suffix (Module.concat/2), or TERM_NONE; no
 * atom is created for a module that cannot exist. */
static term loaded_concat(vm_runtime *rt, term protocol, const char *suffix)
{
    const char *pn = term_atom_name(protocol);
    if (strncmp(suffix, "Elixir.", 7) == 0) suffix += 7;
    char buf[512];
    int n = snprintf(buf, sizeof buf, "%s%s.%s", strncmp(pn, "Elixir.", 7) == 0 ? "" : "Elixir.", pn, suffix);
    if (n < 0 || (size_t)n >= sizeof buf) return TERM_NONE;
    term m = term_atom_existing(buf, (size_t)n);
    if (m == TERM_NONE || !vm_get_module(rt, m)) return TERM_NONE;
    return m;
}

static term vm_protocol_impl(vm_runtime *rt, term protocol, term value, bool fallback_to_any)
{
    if (!term_is_atom(protocol)) return TERM_NONE;
    term s = struct_of(value);
    const char *type = s != TERM_NONE ? term_atom_name(s) : builtin_type(value);
    term m = type ? loaded_concat(rt, protocol, type) : TERM_NONE;
    if (m == TERM_NONE && fallback_to_any) m = loaded_concat(rt, protocol, "Any");
    return m;
}

/* :ciex.protocol_impl(protocol, value, fallback_to_any): P.T, or nil */
BIF(bif_protocol_impl)
{
    term m = vm_protocol_impl(p->rt, a[0], a[1], a[2] == TERM_TRUE);
    *r = m == TERM_NONE ? TERM_ATOM_NIL : m;
    return VM_OK;
}

/* :ciex.protocol_type(value): "Integer", "List", ... or the struct's
 * module name: the T of P.T */
BIF(bif_protocol_type)
{
    (void)p;
    term s = struct_of(a[0]);
    char name[32];
    snprintf(name, sizeof name, "Elixir.%s", builtin_type(a[0]) ? builtin_type(a[0]) : "Any");
    *r = s != TERM_NONE ? s : term_atom(name);
    return VM_OK;
}

/* The structs inside a value that have an Inspect implementation of
 * their own (Inspect.Mod loaded), each once: what inspect must render by
 * calling them.  It walks what inspect would print: at most `limit`
 * elements of each container. */
typedef struct walk {
    vm_runtime *rt;
    int64_t limit;
    term found; /* list */
    uint32_t depth;
} walk;

static void find_structs(walk *w, term t)
{
    if (w->depth > 10000) return;
    w->depth++;
    int64_t left = w->limit < 0 ? INT64_MAX : w->limit;
    if (term_is_cons(t)) {
        for (; term_is_cons(t) && left-- > 0; t = term_tail(t)) find_structs(w, term_head(t));
        if (!term_is_list(t) && left > 0) find_structs(w, t);
    } else if (term_is_tuple(t)) {
        uint32_t n = term_tuple_arity(t);
        for (uint32_t i = 0; i < n && left-- > 0; i++) find_structs(w, term_tuple_get(t, i));
    } else if (term_is_map(t)) {
        term s = struct_of(t);
        if (s != TERM_NONE && loaded_concat(w->rt, term_atom("Elixir.Inspect"), term_atom_name(s)) != TERM_NONE) {
            bool seen = false;
            for (term l = w->found; term_is_cons(l) && !seen; l = term_tail(l)) seen = term_equal(term_head(l), t);
            if (!seen) w->found = term_cons_new(term_retain(t), w->found);
        } else {
            uint32_t n = term_map_size(t);
            for (uint32_t i = 0; i < n && left-- > 0; i++) {
                find_structs(w, term_map_key(t, i));
                find_structs(w, term_map_value(t, i));
            }
        }
    }
    w->depth--;
}

/* :ciex.inspect_impls(value, limit) */
BIF(bif_inspect_impls)
{
    walk w = {p->rt, term_is_small(a[1]) ? term_small_value(a[1]) : -1, TERM_NIL, 0};
    find_structs(&w, a[0]);
    *r = w.found;
    return VM_OK;
}

/* :ciex.protocols_for(module): the protocols (loaded modules exporting
 * __protocol__/1) that have an implementation module P.Module loaded, for
 * IEx's i/1 */
BIF(bif_protocols_for)
{
    if (!term_is_atom(a[0])) return vm_badarg(p);
    vm_runtime *rt = p->rt;
    const char *t = term_atom_name(a[0]);
    if (strncmp(t, "Elixir.", 7) == 0) t += 7;
    size_t tn = strlen(t);
    term out = TERM_NIL;
    term proto_fn = term_atom("__protocol__");
    for (uint32_t i = 0; i < rt->modules_cap; i++) {
        vm_module *m = rt->modules[i];
        if (!m) continue;
        const char *n = term_atom_name(m->name);
        size_t nn = strlen(n);
        if (nn <= tn + 1 || n[nn - tn - 1] != '.' || strcmp(n + nn - tn, t) != 0) continue;
        term proto = term_atom_existing(n, nn - tn - 1);
        vm_module *pm = proto != TERM_NONE ? vm_get_module(rt, proto) : NULL;
        const vm_function *f = pm ? vm_module_find(pm, proto_fn, 1) : NULL;
        if (f && f->exported) out = term_cons_new(proto, out);
    }
    *r = out;
    return VM_OK;
}

/* :ciex.warn(text): a compiler-style warning, where the runtime prints
 * them (the shell keeps the line being typed intact) */
BIF(bif_warn)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    size_t n = term_binary_size(a[0]);
    char *text = malloc(n + 1);
    if (!text) return vm_badarg(p);
    memcpy(text, term_binary_data(a[0]), n);
    text[n] = 0;
    vm_warn(p->rt, text);
    free(text);
    *r = TERM_ATOM_OK;
    return VM_OK;
}

static const vm_bif_def protocol_bifs[] = {
    {"ciex", "warn", 1, bif_warn},
    {"ciex", "protocols_for", 1, bif_protocols_for},
    {"ciex", "protocol_impl", 3, bif_protocol_impl},
    {"ciex", "protocol_type", 1, bif_protocol_type},
    {"ciex", "inspect_impls", 2, bif_inspect_impls},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_protocol_init(vm_runtime *rt);
void vm_bifs_protocol_init(vm_runtime *rt) { vm_register_bifs(rt, protocol_bifs); }
