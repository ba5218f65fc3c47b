/* prelude.c - loads the standard library written in the language.
 *
 * The prelude's .ex files are embedded in the binary at build time
 * (cmake/embed.cmake).  The build also compiles them once (tools/
 * prelude_image.c) and links the image of that code into ciex, so that
 * start-up only loads it; each file's top level then runs, in file-name
 * order, in a boot process, which defines its modules.  Without a fitting
 * image (the unit tests, the image tool itself) the files are compiled at
 * start-up instead, with the same result. */
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
    vm_nested_run_begin(rt);
    vm_set_exit_observer(rt, on_boot_exit, &w);
    term args[1] = {term_map_new(0)};
    vm_process *p = vm_spawn_code(rt, code, args, 1);
    w.pid = term_retain(vm_process_pid(p));
    vm_run(rt, boot_done, &w);
    vm_set_exit_observer(rt, NULL, NULL);
    vm_nested_run_end(rt);
    term_release(w.pid);
    return w.reason == TERM_NONE ? term_atom("noproc") : w.reason;
}

/* Runs one file's top-level code; false (with a message) when it fails. */
static bool run_file_code(vm_runtime *rt, const char *name, const vm_code *code, char *err, size_t errlen)
{
    term reason = lang_run_code(rt, code);
    bool ok = reason == term_atom("normal");
    term_release(reason);
    if (!ok) snprintf(err, errlen, "prelude %s: loading failed", name);
    return ok;
}

/* Compiles every prelude file and runs it (a file may use the modules of
 * the files before it); each file's code goes to codes[i] when not NULL. */
static bool compile_prelude(vm_runtime *rt, vm_code **codes, char *err, size_t errlen)
{
    for (size_t i = 0; lang_prelude_files[i].name; i++) {
        const struct prelude_file *f = &lang_prelude_files[i];
        term ast;
        lang_error perr;
        if (!lang_parse(f->text, f->len, 1, &ast, &perr)) {
            snprintf(err, errlen, "prelude %s:%d:%d: %s", f->name, perr.line, perr.column, perr.message);
            return false;
        }
        lang_compile_error cerr;
        char file[300];
        snprintf(file, sizeof file, "lib/%s", f->name);
        /* the build (which writes the image) shows the prelude's warnings,
         * as compiling a file would; a start-up that falls back to the
         * source keeps quiet */
        lang_compile_opts opts = {file, TERM_NIL, false, codes ? LANG_WARN | LANG_WARN_FILE : 0, false};
        vm_code *code = lang_compile(rt, ast, &opts, &cerr);
        term_release(ast);
        if (!code) {
            snprintf(err, errlen, "prelude %s:%d: %s", cerr.file, cerr.line, cerr.message);
            return false;
        }
        if (codes) codes[i] = code;
        if (!run_file_code(rt, f->name, code, err, errlen)) return false;
    }
    return true;
}

static size_t prelude_count(void)
{
    size_t n = 0;
    while (lang_prelude_files[n].name) n++;
    return n;
}

/* The image the build made of the compiled prelude (generated/prelude_image.c),
 * linked into the ciex executable; absent from the tools that make it. */
extern const unsigned char lang_prelude_image[] __attribute__((weak));
extern const size_t lang_prelude_image_len __attribute__((weak));

static bool load_prelude(vm_runtime *rt, char *err, size_t errlen);

bool lang_load_prelude(vm_runtime *rt, char *err, size_t errlen)
{
    vm_set_loading_builtin(rt, true);
    bool ok = load_prelude(rt, err, errlen);
    vm_set_loading_builtin(rt, false);
    return ok;
}

static bool load_prelude(vm_runtime *rt, char *err, size_t errlen)
{
    vm_code **codes;
    uint32_t n;
    if (&lang_prelude_image_len && lang_prelude_image_len > 0 &&
        vm_image_read(rt, lang_prelude_image, lang_prelude_image_len, true, &codes, &n) && n == prelude_count()) {
        bool ok = true;
        for (uint32_t i = 0; i < n && ok; i++) ok = run_file_code(rt, lang_prelude_files[i].name, codes[i], err, errlen);
        free(codes);
        return ok;
    }
    /* no image, or one made for other BIFs: compile the source */
    return compile_prelude(rt, NULL, err, errlen);
}

bool lang_write_prelude_image(vm_runtime *rt, const char *path, char *err, size_t errlen)
{
    size_t n = prelude_count();
    vm_code **codes = ciex_xcalloc(n ? n : 1, sizeof *codes, "prelude");
    bool ok = compile_prelude(rt, codes, err, errlen);
    size_t len = 0;
    uint8_t *image = ok ? vm_image_write(rt, codes, (uint32_t)n, &len) : NULL;
    free(codes);
    if (ok && !image) {
        snprintf(err, errlen, "prelude image: a literal has no external form");
        return false;
    }
    if (!ok) return false;
    FILE *out = fopen(path, "w");
    if (!out) {
        snprintf(err, errlen, "cannot write %s", path);
        free(image);
        return false;
    }
    fprintf(out, "/* generated at build time from the compiled prelude: do not edit */\n#include <stddef.h>\n\n");
    /* 4-aligned: the instructions are read where they lie (vm_image_read) */
    fprintf(out, "const unsigned char lang_prelude_image[] __attribute__((aligned(16))) = {");
    for (size_t i = 0; i < len; i++) fprintf(out, "%s%u,", i % 24 ? "" : "\n", image[i]);
    fprintf(out, "\n};\nconst size_t lang_prelude_image_len = %zu;\n", len);
    free(image);
    if (fclose(out) != 0) {
        snprintf(err, errlen, "cannot write %s", path);
        return false;
    }
    return true;
}
