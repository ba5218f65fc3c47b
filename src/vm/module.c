/* module.c - loading compiled modules and building stack traces. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm_internal.h"

static void template_destroy(void *data)
{
    vm_module_template *t = data;
    free(t->functions);
    term_release(t->struct_fields);
    term_release(t->attributes);
    term_release(t->file);
    term_release(t->last);
    free(t->warnings);
    free(t);
}

static const term_resource_type template_type = {"module_template", template_destroy};

term vm_module_template_new(vm_module_template *t) { return term_resource_new(&template_type, t); }

const vm_module_template *vm_module_template_of(term t)
{
    if (!term_has_type(t, TERM_T_RESOURCE) || ((const term_resource *)t)->type != &template_type) return NULL;
    return term_resource_data(t);
}

/* On a terminal (stdout and stderr both), Elixir prints each "warning: "
 * in yellow. */
static void default_warning(void *ctx, const char *text)
{
    (void)ctx;
    if (!isatty(1) || !isatty(2)) {
        fputs(text, stderr);
        return;
    }
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
        if (strncmp(p, "warning: ", 9) == 0) {
            fputs("\033[33mwarning: \033[0m", stderr);
            fwrite(p + 9, 1, n - 9, stderr);
        } else {
            fwrite(p, 1, n, stderr);
        }
        p += n;
    }
}

void vm_set_warning(vm_runtime *rt, vm_warning_fn fn, void *ctx)
{
    rt->warning = fn;
    rt->warning_ctx = ctx;
}

void vm_set_reloading(vm_runtime *rt, bool reloading) { rt->reloading = reloading; }

void vm_warn(vm_runtime *rt, const char *text)
{
    if (rt->warning) rt->warning(rt->warning_ctx, text);
    else default_warning(NULL, text);
}

/* Elixir prints a module name without its "Elixir." prefix. */
static const char *module_display(term name)
{
    const char *s = term_atom_name(name);
    return strncmp(s, "Elixir.", 7) == 0 ? s + 7 : s;
}

static void put_be32(uint8_t *at, size_t v)
{
    at[0] = (uint8_t)(v >> 24);
    at[1] = (uint8_t)(v >> 16);
    at[2] = (uint8_t)(v >> 8);
    at[3] = (uint8_t)v;
}

/* The binary of {:module, Name, binary, last}.  ciex runs no BEAM code, so
 * this is the container a .beam file starts with (IFF "FOR1" ... "BEAM")
 * holding only its atom table ("AtU8"), with the atoms the Elixir compiler
 * puts first, then the module's function names: it looks like what iex
 * prints (<<70, 79, 82, 49, ...>>) without pretending to hold code. */
static term module_binary(const vm_module_template *t)
{
    static const char *const fixed[] = {"__info__", "attributes", "compile", "deprecated", "exports_md5",
                                        "functions", "macros", "md5", "module", "struct"};
    static const char *const tail[] = {"erlang", "get_module_info", "module_info"};
    size_t nfixed = sizeof fixed / sizeof *fixed, ntail = sizeof tail / sizeof *tail;
    term atoms[1 + 10 + 3 + 256];
    size_t n = 0;
    atoms[n++] = t->name;
    for (size_t i = 0; i < nfixed; i++) atoms[n++] = term_atom(fixed[i]);
    for (uint32_t i = 0; i < t->nfunctions && n < 1 + nfixed + 256; i++) {
        bool seen = false;
        for (size_t j = 0; j < n && !seen; j++) seen = atoms[j] == t->functions[i].name;
        if (!seen) atoms[n++] = t->functions[i].name;
    }
    for (size_t i = 0; i < ntail; i++) atoms[n++] = term_atom(tail[i]);
    size_t data = 4; /* the atom count */
    for (size_t i = 0; i < n; i++) data += 1 + (term_atom_len(atoms[i]) > 255 ? 255 : term_atom_len(atoms[i]));
    size_t padded = (data + 3) & ~(size_t)3;
    size_t total = 12 + 8 + padded;
    uint8_t *b = ciex_xcalloc(total, 1, "module");
    memcpy(b, "FOR1", 4);
    put_be32(b + 4, total - 8);
    memcpy(b + 8, "BEAMAtU8", 8);
    put_be32(b + 16, data);
    put_be32(b + 20, n);
    size_t at = 24;
    for (size_t i = 0; i < n; i++) {
        size_t len = term_atom_len(atoms[i]) > 255 ? 255 : term_atom_len(atoms[i]);
        b[at++] = (uint8_t)len;
        memcpy(b + at, term_atom_name(atoms[i]), len);
        at += len;
    }
    term bin = term_binary_new(b, total);
    free(b);
    return bin;
}

static vm_module *module_of_template(const vm_module_template *t)
{
    vm_module *m = vm_module_new(t->name, t->nfunctions);
    memcpy(m->functions, t->functions, t->nfunctions * sizeof *m->functions);
    m->struct_fields = term_retain(t->struct_fields);
    m->attributes = term_retain(t->attributes);
    m->source_file = term_retain(t->file);
    return m;
}

void vm_load_template(vm_runtime *rt, term template_res)
{
    vm_load_module(rt, module_of_template(term_resource_data(template_res)));
}

vm_status vm_define_module(vm_process *p, term template_res, term *result);
vm_status vm_define_module(vm_process *p, term template_res, term *result)
{
    const vm_module_template *t = term_resource_data(template_res);
    vm_module *m = module_of_template(t);
    const vm_module *old = vm_get_module(p->rt, t->name);
    /* the same code loaded by the compiler for its macros is no redefinition */
    bool existed = old != NULL && !(t->nfunctions > 0 && old->nfunctions == t->nfunctions &&
                                    old->functions[0].code == t->functions[0].code);
    if (existed && !p->rt->reloading) {
        char text[512];
        snprintf(text, sizeof text, "warning: redefining module %s (current version defined in memory)\n  %.*s:%u\n\n",
                 module_display(t->name), term_is_binary(t->file) ? (int)term_binary_size(t->file) : 0,
                 term_is_binary(t->file) ? (const char *)term_binary_data(t->file) : "", t->line);
        vm_warn(p->rt, text);
    }
    if (t->warnings) vm_warn(p->rt, t->warnings);
    vm_load_module(p->rt, m);
    term t4 = term_tuple_new(4);
    term_tuple_init(t4, 0, term_atom("module"));
    term_tuple_init(t4, 1, t->name);
    term_tuple_init(t4, 2, module_binary(t));
    term_tuple_init(t4, 3, term_retain(t->last));
    *result = t4;
    return VM_OK;
}

#define STACK_DEPTH 8 /* as the BEAM's default backtrace_depth */

static term location(const vm_code *code, uint32_t pc)
{
    term items = TERM_NIL;
    if (code->lines && pc < code->nops && code->lines[pc]) {
        items = term_cons_new(term_tuple2(term_atom("line"), term_small(code->lines[pc])), items);
    }
    if (term_is_binary(code->file)) {
        term file = term_charlist_from_utf8((const char *)term_binary_data(code->file), term_binary_size(code->file));
        if (file != TERM_NONE) items = term_cons_new(term_tuple2(term_atom("file"), file), items);
    }
    return items;
}

term vm_stacktrace(vm_process *p, term top_entry);
term vm_stacktrace(vm_process *p, term top_entry)
{
    term entries[STACK_DEPTH + 1];
    uint32_t n = 0;
    if (top_entry != TERM_NONE) entries[n++] = top_entry;
    for (uint32_t i = p->nframes; i-- > 0 && n < STACK_DEPTH;) {
        const vm_frame *f = &p->frames[i];
        term t = term_tuple_new(4);
        term_tuple_init(t, 0, f->code->module);
        term_tuple_init(t, 1, f->code->name);
        term_tuple_init(t, 2, term_small(f->code->arity));
        /* a caller's pc is its return address: its call is the word before */
        uint32_t pc = (uint32_t)(f->ip - f->code->ops);
        if (i + 1 < p->nframes && pc > 0) pc--;
        term_tuple_init(t, 3, location(f->code, pc));
        entries[n++] = t;
    }
    return term_list_from_array(entries, n);
}
