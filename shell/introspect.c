/* introspect.c - what the runtime holds, for the shell's completion and
 * helpers: the loaded modules, and the functions each one exports.
 *
 * A module's functions come from two places in ciex: the module compiled
 * from the prelude or the user's code, and the BIFs registered under the
 * module's name (all of :erlang, :lists, :maps... and parts of others), so
 * that `:erlang.<TAB>` lists BIFs and `Node.<TAB>` lists prelude code. */
#include <stdlib.h>
#include <string.h>

#include "introspect.h"

/* A growing array of terms (owned). */
typedef struct term_array {
    term *items;
    size_t n, cap;
} term_array;

static void push(term_array *a, term t)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 64;
        a->items = ciex_xrealloc(a->items, a->cap * sizeof *a->items, "shell");
    }
    a->items[a->n++] = t;
}

static bool contains(const term_array *a, term t)
{
    for (size_t i = 0; i < a->n; i++)
        if (term_exact_equal(a->items[i], t)) return true;
    return false;
}

/* A sorted list made of the array's terms (taken over). */
static term to_sorted_list(term_array *a, int (*compare)(const void *, const void *))
{
    if (a->n) qsort(a->items, a->n, sizeof *a->items, compare);
    term list = term_list_from_array(a->items, a->n);
    free(a->items);
    return list;
}

/* ---- modules ---- */

static int compare_atoms(const void *a, const void *b)
{
    return strcmp(term_atom_name(*(const term *)a), term_atom_name(*(const term *)b));
}

static void add_module(void *ctx, const vm_module *m)
{
    if (!contains(ctx, m->name)) push(ctx, m->name);
}

static void add_bif_module(void *ctx, term module, term name, uint32_t arity)
{
    (void)name;
    (void)arity;
    if (!contains(ctx, module)) push(ctx, module);
}

term shell_loaded_modules(vm_runtime *rt)
{
    term_array names = {0};
    vm_each_module(rt, add_module, &names);
    vm_each_bif(rt, add_bif_module, &names);
    return to_sorted_list(&names, compare_atoms);
}

typedef struct bif_search {
    term module;
    bool found;
} bif_search;

static void find_bif_module(void *ctx, term module, term name, uint32_t arity)
{
    (void)name;
    (void)arity;
    bif_search *s = ctx;
    if (module == s->module) s->found = true;
}

bool shell_module_exists(vm_runtime *rt, term mod)
{
    if (vm_get_module(rt, mod)) return true;
    bif_search s = {mod, false};
    vm_each_bif(rt, find_bif_module, &s);
    return s.found;
}

static void count_module(void *ctx, const vm_module *m)
{
    (void)m;
    (*(size_t *)ctx)++;
}

size_t shell_module_count(vm_runtime *rt)
{
    size_t n = 0;
    vm_each_module(rt, count_module, &n);
    return n;
}

/* ---- exports ---- */

/* By name, then arity, as iex lists them. */
static int compare_exports(const void *a, const void *b)
{
    term x = *(const term *)a, y = *(const term *)b;
    int c = strcmp(term_atom_name(term_tuple_get(x, 0)), term_atom_name(term_tuple_get(y, 0)));
    return c ? c : (int)(term_small_value(term_tuple_get(x, 1)) - term_small_value(term_tuple_get(y, 1)));
}

typedef struct export_search {
    term module;
    term_array found; /* {name, arity} */
} export_search;

static void add_export(export_search *s, term name, uint32_t arity)
{
    term fa = term_tuple2(name, term_small(arity));
    if (contains(&s->found, fa)) term_release(fa);
    else push(&s->found, fa);
}

static void add_bif_export(void *ctx, term module, term name, uint32_t arity)
{
    export_search *s = ctx;
    if (module == s->module) add_export(s, name, arity);
}

term shell_module_exports(vm_runtime *rt, term mod)
{
    export_search s = {mod, {0}};
    vm_module *m = vm_get_module(rt, mod);
    for (uint32_t i = 0; m && i < m->nfunctions; i++)
        if (m->functions[i].exported) add_export(&s, m->functions[i].name, m->functions[i].arity);
    vm_each_bif(rt, add_bif_export, &s);
    return to_sorted_list(&s.found, compare_exports);
}
