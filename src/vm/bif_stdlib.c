/* bif_stdlib.c - registers the BIF tables of the standard library's C
 * primitives (bitstrings and :binary, Unicode text, formatting, numbers),
 * so that vm_bifs_init needs one call for all of them; and the little
 * module introspection the library needs (struct!/2 reads @enforce_keys),
 * the environment variables System.get_env reads, System.argv, the
 * command iex's open/1 runs (an editor), and the file system (bif_file.c). */
#include "vm_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* :ciex.getenv(name): the environment variable as a binary, nil when it
 * is unset (or the name is not a binary without NUL bytes). */
static vm_status bif_getenv(vm_process *p, const term *a, term *r)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    size_t n = term_binary_size(a[0]);
    char name[256];
    const char *v = NULL;
    if (n < sizeof name && !memchr(term_binary_data(a[0]), 0, n)) {
        memcpy(name, term_binary_data(a[0]), n);
        name[n] = 0;
        v = getenv(name);
    }
    *r = v ? term_binary_from_cstr(v) : TERM_ATOM_NIL;
    return VM_OK;
}

/* :ciex.os_cmd(command): runs the command with /bin/sh, as :os.cmd/1 does,
 * and returns what it wrote on standard output (open/1 runs
 * ELIXIR_EDITOR this way; the node waits for it, as the shell does). */
static vm_status bif_os_cmd(vm_process *p, const term *a, term *r)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    size_t n = term_binary_size(a[0]);
    if (memchr(term_binary_data(a[0]), 0, n)) return vm_badarg(p);
    char *command = malloc(n + 1);
    if (!command) return vm_badarg(p);
    memcpy(command, term_binary_data(a[0]), n);
    command[n] = 0;
    FILE *out = popen(command, "r");
    free(command);
    char *text = NULL;
    size_t used = 0, cap = 0;
    if (out) {
        char chunk[4096];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, out)) > 0) {
            if (used + got > cap) {
                cap = (used + got) * 2;
                char *grown = realloc(text, cap);
                if (!grown) break;
                text = grown;
            }
            memcpy(text + used, chunk, got);
            used += got;
        }
        pclose(out);
    }
    *r = term_binary_new(text ? text : "", used);
    free(text);
    return VM_OK;
}

/* :ciex.argv() and :ciex.set_argv(list): System.argv/0,1, the arguments
 * after the script (or -e's), as elixir keeps them. */
static vm_status bif_argv(vm_process *p, const term *a, term *r)
{
    (void)a;
    *r = term_retain(p->rt->argv);
    return VM_OK;
}

static vm_status bif_set_argv(vm_process *p, const term *a, term *r)
{
    /* any term, as elixir stores whatever it is given */
    term_release(p->rt->argv);
    p->rt->argv = term_retain(a[0]);
    *r = TERM_ATOM_OK;
    return VM_OK;
}

static const vm_bif_def stdlib_bifs[] = {
    {"ciex", "module_attribute", 2, bif_module_attribute}, {"ciex", "module_exists", 1, bif_module_exists},
    {"ciex", "getenv", 1, bif_getenv}, {"ciex", "argv", 0, bif_argv}, {"ciex", "set_argv", 1, bif_set_argv},
    {"ciex", "os_cmd", 1, bif_os_cmd},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_binary_init(vm_runtime *rt);
void vm_bifs_text_init(vm_runtime *rt);
void vm_bifs_format_init(vm_runtime *rt);
void vm_bifs_math_init(vm_runtime *rt);
void vm_bifs_file_init(vm_runtime *rt);
void vm_bifs_unicode_init(vm_runtime *rt);
void vm_bifs_persistent_term_init(vm_runtime *rt);
void vm_bifs_re_init(vm_runtime *rt);

void vm_bifs_stdlib_init(vm_runtime *rt);
void vm_bifs_stdlib_init(vm_runtime *rt)
{
    vm_register_bifs(rt, stdlib_bifs);
    vm_bifs_binary_init(rt);
    vm_bifs_text_init(rt);
    vm_bifs_format_init(rt);
    vm_bifs_math_init(rt);
    vm_bifs_file_init(rt);
    vm_bifs_unicode_init(rt);
    vm_bifs_persistent_term_init(rt);
    vm_bifs_re_init(rt);
}
