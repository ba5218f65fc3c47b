/* bif_lists_maps.c - the :lists and :maps BIFs the prelude builds on. */
#include <stdlib.h>

#include "vm_internal.h"

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

static vm_status badmap(vm_process *p, term v) { return vm_raise_error(p, term_tuple2(term_atom("badmap"), term_retain(v))); }

BIF(bif_reverse2)
{
    if (term_list_length(a[0]) < 0) return vm_badarg(p);
    term out = term_retain(a[1]);
    for (term l = a[0]; term_is_cons(l); l = term_tail(l)) out = term_cons_new(term_retain(term_head(l)), out);
    *r = out;
    return VM_OK;
}

BIF(bif_reverse1)
{
    term args[2] = {a[0], TERM_NIL};
    return bif_reverse2(p, args, r);
}

BIF(bif_member)
{
    if (term_list_length(a[1]) < 0) return vm_badarg(p);
    for (term l = a[1]; term_is_cons(l); l = term_tail(l))
        if (term_exact_equal(term_head(l), a[0])) {
            *r = TERM_TRUE;
            return VM_OK;
        }
    *r = TERM_FALSE;
    return VM_OK;
}

BIF(bif_keyfind)
{
    if (!term_is_small(a[1]) || term_small_value(a[1]) < 1) return vm_badarg(p);
    uint32_t i = (uint32_t)term_small_value(a[1]) - 1;
    for (term l = a[2]; term_is_cons(l); l = term_tail(l)) {
        term t = term_head(l);
        if (term_is_tuple(t) && term_tuple_arity(t) > i && term_equal(term_tuple_get(t, i), a[0])) {
            *r = term_retain(t);
            return VM_OK;
        }
    }
    *r = TERM_FALSE;
    return VM_OK;
}

/* lists:sort/1 in term order: a stable merge sort on an array */
static void merge_sort(term *v, term *tmp, size_t n)
{
    if (n < 2) return;
    size_t h = n / 2;
    merge_sort(v, tmp, h);
    merge_sort(v + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = term_compare(v[j], v[i]) < 0 ? v[j++] : v[i++];
    while (i < h) tmp[k++] = v[i++];
    while (j < n) tmp[k++] = v[j++];
    for (k = 0; k < n; k++) v[k] = tmp[k];
}

BIF(bif_sort)
{
    intptr_t n = term_list_length(a[0]);
    if (n < 0) return vm_badarg(p);
    term *v = ciex_xmalloc((size_t)(n ? n : 1) * sizeof *v, "list");
    term *tmp = ciex_xmalloc((size_t)(n ? n : 1) * sizeof *tmp, "list");
    size_t i = 0;
    for (term l = a[0]; term_is_cons(l); l = term_tail(l)) v[i++] = term_head(l);
    merge_sort(v, tmp, (size_t)n);
    term out = TERM_NIL;
    while (i-- > 0) out = term_cons_new(term_retain(v[i]), out);
    free(v);
    free(tmp);
    *r = out;
    return VM_OK;
}

vm_status vm_sort_list(vm_process *p, term list, term *out);
vm_status vm_sort_list(vm_process *p, term list, term *out) { return bif_sort(p, &list, out); }

BIF(bif_maps_get2)
{
    if (!term_is_map(a[1])) return badmap(p, a[1]);
    term v = term_map_get(a[1], a[0]);
    if (v == TERM_NONE) return vm_raise_error(p, term_tuple3(term_atom("badkey"), term_retain(a[0]), term_retain(a[1])));
    *r = term_retain(v);
    return VM_OK;
}

BIF(bif_maps_get3)
{
    if (!term_is_map(a[1])) return badmap(p, a[1]);
    term v = term_map_get(a[1], a[0]);
    *r = term_retain(v == TERM_NONE ? a[2] : v);
    return VM_OK;
}

BIF(bif_maps_find)
{
    if (!term_is_map(a[1])) return badmap(p, a[1]);
    term v = term_map_get(a[1], a[0]);
    *r = v == TERM_NONE ? term_atom("error") : term_tuple2(TERM_ATOM_OK, term_retain(v));
    return VM_OK;
}

BIF(bif_maps_put)
{
    if (!term_is_map(a[2])) return badmap(p, a[2]);
    *r = term_map_put(term_retain(a[2]), term_retain(a[0]), term_retain(a[1]));
    return VM_OK;
}

BIF(bif_maps_remove)
{
    if (!term_is_map(a[1])) return badmap(p, a[1]);
    *r = term_map_remove(term_retain(a[1]), a[0]);
    return VM_OK;
}

BIF(bif_maps_from_list)
{
    intptr_t n = term_list_length(a[0]);
    if (n < 0) return vm_badarg(p);
    term *kv = ciex_xmalloc(2 * (size_t)(n ? n : 1) * sizeof *kv, "list");
    size_t i = 0;
    for (term l = a[0]; term_is_cons(l); l = term_tail(l)) {
        term t = term_head(l);
        if (!term_is_tuple(t) || term_tuple_arity(t) != 2) {
            for (size_t k = 0; k < i; k++) term_release(kv[k]);
            free(kv);
            return vm_badarg(p);
        }
        kv[i++] = term_retain(term_tuple_get(t, 0));
        kv[i++] = term_retain(term_tuple_get(t, 1));
    }
    *r = term_map_from_pairs(kv, (uint32_t)n, NULL);
    free(kv);
    return VM_OK;
}

static vm_status map_listing(vm_process *p, term m, int what, term *r)
{
    if (!term_is_map(m)) return badmap(p, m);
    term out = TERM_NIL;
    for (uint32_t i = term_map_size(m); i-- > 0;) {
        term k = term_map_key(m, i), v = term_map_value(m, i);
        term item = what == 0 ? term_retain(k) : what == 1 ? term_retain(v) : term_tuple2(term_retain(k), term_retain(v));
        out = term_cons_new(item, out);
    }
    *r = out;
    return VM_OK;
}

BIF(bif_maps_keys) { return map_listing(p, a[0], 0, r); }
BIF(bif_maps_values) { return map_listing(p, a[0], 1, r); }
BIF(bif_maps_to_list) { return map_listing(p, a[0], 2, r); }

BIF(bif_maps_merge)
{
    if (!term_is_map(a[0])) return badmap(p, a[0]);
    if (!term_is_map(a[1])) return badmap(p, a[1]);
    term out = term_retain(a[0]);
    for (uint32_t i = 0; i < term_map_size(a[1]); i++)
        out = term_map_put(out, term_retain(term_map_key(a[1], i)), term_retain(term_map_value(a[1], i)));
    *r = out;
    return VM_OK;
}

BIF(bif_maps_is_key)
{
    if (!term_is_map(a[1])) return badmap(p, a[1]);
    *r = term_bool(term_map_get(a[1], a[0]) != TERM_NONE);
    return VM_OK;
}

BIF(bif_maps_new)
{
    (void)p;
    (void)a;
    *r = term_map_new(0);
    return VM_OK;
}

static const vm_bif_def lists_maps_bifs[] = {
    {"lists", "reverse", 1, bif_reverse1}, {"lists", "reverse", 2, bif_reverse2},
    {"lists", "member", 2, bif_member}, {"lists", "keyfind", 3, bif_keyfind}, {"lists", "sort", 1, bif_sort},
    {"maps", "get", 2, bif_maps_get2}, {"maps", "get", 3, bif_maps_get3}, {"maps", "find", 2, bif_maps_find},
    {"maps", "put", 3, bif_maps_put}, {"maps", "remove", 2, bif_maps_remove},
    {"maps", "from_list", 1, bif_maps_from_list}, {"maps", "keys", 1, bif_maps_keys},
    {"maps", "values", 1, bif_maps_values}, {"maps", "to_list", 1, bif_maps_to_list},
    {"maps", "merge", 2, bif_maps_merge}, {"maps", "is_key", 2, bif_maps_is_key}, {"maps", "new", 0, bif_maps_new},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_lists_maps_init(vm_runtime *rt);
void vm_bifs_lists_maps_init(vm_runtime *rt) { vm_register_bifs(rt, lists_maps_bifs); }
