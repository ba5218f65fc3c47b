/* bif_stdlib.c - registers the BIF tables of the standard library's C
 * primitives (bitstrings and :binary, Unicode text, formatting, numbers),
 * so that vm_bifs_init needs one call for all of them; and the little
 * module introspection the library needs (struct!/2 reads @enforce_keys). */
#include "vm_internal.h"

/* :ciex.module_attribute(module, name): the attribute's value, nil when
 * the module or attribute is unknown. */
static vm_status bif_module_attribute(vm_process *p, const term *a, term *r)
{
    vm_module *m = term_is_atom(a[0]) ? vm_get_module(p->rt, a[0]) : NULL;
    term v = m && term_is_map(m->attributes) ? term_map_get(m->attributes, a[1]) : TERM_NONE;
    *r = v == TERM_NONE ? TERM_ATOM_NIL : term_retain(v);
    return VM_OK;
}

/* :ciex.module_exists(module): a loaded module, or one whose functions
 * are all BIFs (:erlang, :lists, ...), as UndefinedFunctionError asks. */
static vm_status bif_module_exists(vm_process *p, const term *a, term *r)
{
    bool found = term_is_atom(a[0]) && vm_get_module(p->rt, a[0]) != NULL;
    for (uint32_t i = 0; !found && i < p->rt->nbifs; i++) found = p->rt->bifs[i].module == a[0];
    *r = term_bool(found);
    return VM_OK;
}

static const vm_bif_def stdlib_bifs[] = {
    {"ciex", "module_attribute", 2, bif_module_attribute}, {"ciex", "module_exists", 1, bif_module_exists},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_binary_init(vm_runtime *rt);
void vm_bifs_text_init(vm_runtime *rt);
void vm_bifs_format_init(vm_runtime *rt);
void vm_bifs_math_init(vm_runtime *rt);

void vm_bifs_stdlib_init(vm_runtime *rt);
void vm_bifs_stdlib_init(vm_runtime *rt)
{
    vm_register_bifs(rt, stdlib_bifs);
    vm_bifs_binary_init(rt);
    vm_bifs_text_init(rt);
    vm_bifs_format_init(rt);
    vm_bifs_math_init(rt);
}
