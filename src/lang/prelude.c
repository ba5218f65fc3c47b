/* prelude.c - loads the standard library written in the language.
 *
 * The prelude's .ex files are embedded in the binary at build time
 * (cmake/embed.cmake) and compiled at start-up, in file-name order; each
 * file's top level runs in a boot process, which defines its modules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/lang.h"
#include "ciex/vm.h"

struct prelude_file {
    const char *name;
    const char *text;
    size_t len;
};
extern const struct prelude_file lang_prelude_files[];

typedef struct boot_watch {
    term pid;
    term reason; /* owned once it exited */
} boot_watch;

static void on_boot_exit(void *ctx, term pid, term reason)
{
    boot_watch *w = ctx;
    if (w->pid != TERM_NONE && term_exact_equal(pid, w->pid)) w->reason = term_retain(reason);
}

static bool boot_done(void *ctx) { return ((boot_watch *)ctx)->reason != TERM_NONE; }

/* Runs compiled top-level code to completion in a fresh process, with an
 * empty binding.  Returns the exit reason (owned). */
term lang_run_code(vm_runtime *rt, const vm_code *code)
{
    boot_watch w = {TERM_NONE, TERM_NONE};
    vm_set_exit_observer(rt, on_boot_exit, &w);
    term args[1] = {term_map_new(0)};
    vm_process *p = vm_spawn_code(rt, code, args, 1);
    w.pid = term_retain(vm_process_pid(p));
    vm_run(rt, boot_done, &w);
    vm_set_exit_observer(rt, NULL, NULL);
    term_release(w.pid);
    return w.reason == TERM_NONE ? term_atom("noproc") : w.reason;
}

bool lang_load_prelude(vm_runtime *rt, char *err, size_t errlen)
{
    for (const struct prelude_file *f = lang_prelude_files; f->name; f++) {
        term ast;
        lang_error perr;
        if (!lang_parse(f->text, f->len, 1, &ast, &perr)) {
            snprintf(err, errlen, "prelude %s:%d:%d: %s", f->name, perr.line, perr.column, perr.message);
            return false;
        }
        lang_compile_error cerr;
        char file[300];
        snprintf(file, sizeof file, "lib/%s", f->name);
        lang_compile_opts opts = {file, TERM_NIL, false};
        vm_code *code = lang_compile(rt, ast, &opts, &cerr);
        term_release(ast);
        if (!code) {
            snprintf(err, errlen, "prelude %s:%d: %s", cerr.file, cerr.line, cerr.message);
            return false;
        }
        term reason = lang_run_code(rt, code);
        bool ok = reason == term_atom("normal");
        term_release(reason);
        if (!ok) {
            snprintf(err, errlen, "prelude %s: loading failed", f->name);
            return false;
        }
    }
    return true;
}
