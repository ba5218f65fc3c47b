/* bif_persistent_term.c - :persistent_term, terms stored for the whole
 * node (URI.default_port/2 keeps its ports there).  One map in the
 * runtime struct; values are immutable and refcounted, so get/1 hands out
 * the stored term without copying, as the BEAM does. */
#include "vm_internal.h"

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

BIF(bif_pt_put)
{
    p->rt->persistent = term_map_put(p->rt->persistent, term_retain(a[0]), term_retain(a[1]));
    *r = TERM_ATOM_OK;
    return VM_OK;
}

BIF(bif_pt_get1)
{
    term v = term_map_get(p->rt->persistent, a[0]);
    if (v == TERM_NONE) return vm_badarg(p);
    *r = term_retain(v);
    return VM_OK;
}

BIF(bif_pt_get2)
{
    term v = term_map_get(p->rt->persistent, a[0]);
    *r = term_retain(v == TERM_NONE ? a[1] : v);
    return VM_OK;
}

BIF(bif_pt_erase)
{
    bool had = term_map_get(p->rt->persistent, a[0]) != TERM_NONE;
    if (had) p->rt->persistent = term_map_remove(p->rt->persistent, a[0]);
    *r = had ? TERM_TRUE : TERM_FALSE;
    return VM_OK;
}

/* get/0: [{key, value}] */
BIF(bif_pt_get0)
{
    (void)a;
    term m = p->rt->persistent, l = TERM_NIL;
    for (uint32_t i = term_map_size(m); i-- > 0;)
        l = term_cons_new(term_tuple2(term_retain(term_map_key(m, i)), term_retain(term_map_value(m, i))), l);
    *r = l;
    return VM_OK;
}

static const vm_bif_def persistent_term_bifs[] = {
    {"persistent_term", "put", 2, bif_pt_put}, {"persistent_term", "get", 1, bif_pt_get1},
    {"persistent_term", "get", 2, bif_pt_get2}, {"persistent_term", "erase", 1, bif_pt_erase},
    {"persistent_term", "get", 0, bif_pt_get0},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_persistent_term_init(vm_runtime *rt);
void vm_bifs_persistent_term_init(vm_runtime *rt) { vm_register_bifs(rt, persistent_term_bifs); }
