/* source.c - source text on its way to running code: files given on the
 * command line, `-S mix` projects, c/1 and r/1, and each shell input.
 *
 * Everything goes through shell_compile: parse (lang_parse), then compile
 * (lang_compile) into a function of the binding map.  Errors come back as
 * the text Elixir prints for them, snippet included, so that the shell and
 * `elixir` print the same thing.  Two things happen on the way that the
 * compiler does not know about:
 *
 *   - iex's h/1 is a macro: `h Node.connect` documents Node.connect rather
 *     than calling it.  ciex's h is a function, so the shell rewrites
 *     `h Mod.fun`, `h Mod.fun/2` and `h fun/2` at the top level of an
 *     input into IEx.Helpers.__h__(Mod, :fun, arity).
 *   - import_file("path"), import_file_if_available/1,
 *     import_if_available(Mod, opts) and use_if_available/1,2 are iex
 *     macros too: the file's code, or the import, takes the call's place.
 *   - c/1 answers with the modules a file defines, read off the parsed
 *     file (defmodule names, nested ones prefixed as Elixir does). */
#include <errno.h>
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ciex/lang.h"
#include "source.h"

char *shell_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap + 1);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *bigger = realloc(buf, (cap *= 2) + 1); /* too large a file: not read */
            if (!bigger) free(buf);
            buf = bigger;
        }
    }
    fclose(f);
    if (!buf) return NULL;
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* ---- errors, as Elixir prints them ---- */

static void buf_printf(ciex_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void buf_printf(ciex_buf *b, const char *fmt, ...)
{
    char text[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (n > 0) ciex_buf_put(b, text, (size_t)n < sizeof text ? (size_t)n : sizeof text - 1);
}

/* The source line `line` (1-based from first_line) of src, as it is (any
 * bytes, however long); false when there is no such line or it is blank
 * (Elixir shows no snippet for a blank line). */
static bool source_line(const char *src, size_t len, int first_line, int line, const char **text, size_t *n)
{
    const char *p = src, *end = src + len;
    for (int l = first_line; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return false;
        p = nl + 1;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *text = p;
    *n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    for (size_t i = 0; i < *n; i++)
        if (!strchr(" \t\r", p[i]) || p[i] == '\0') return true;
    return false;
}

/* Exception.format_snippet/2 of Elixir 1.14: the line with a caret. */
static void append_snippet(ciex_buf *msg, const char *line_text, size_t n, int line, int column)
{
    char num[16];
    int digits = snprintf(num, sizeof num, "%d", line);
    int holder = digits > 2 ? digits : 2;
    buf_printf(msg, "\n %*s |\n %s%s | ", holder, "", digits < 2 ? " " : "", num);
    ciex_buf_put(msg, line_text, n);
    buf_printf(msg, "\n %*s | %*s^", holder, "", column - 1, "");
}

static void format_parse_error(const lang_error *e, const char *src, size_t len, const char *file, int first_line,
                               ciex_buf *err)
{
    if (e->column > 0)
        buf_printf(err, "** (%s) %s:%d:%d: %s", e->kind, file, e->line, e->column, e->message);
    else
        buf_printf(err, "** (%s) %s:%d: %s", e->kind, file, e->line, e->message);
    const char *line_text;
    size_t n;
    if (strcmp(e->kind, "SyntaxError") == 0 && e->column > 0 &&
        source_line(src, len, first_line, e->line, &line_text, &n))
        append_snippet(err, line_text, n, e->line, e->column);
}

/* ---- iex's h macro ---- */

/* {name, meta, args} with argc arguments (any number when argc < 0). */
static bool is_call(term ast, const char *name, int argc)
{
    if (!term_is_tuple(ast) || term_tuple_arity(ast) != 3 || term_tuple_get(ast, 0) != term_atom(name)) return false;
    term args = term_tuple_get(ast, 2);
    return term_is_list(args) && (argc < 0 || term_list_length(args) == argc);
}

/* {{:., _, [mod, fun]}, _, []}: Mod.fun without arguments. */
static bool remote_ref(term ast, term *mod, term *fun)
{
    if (!term_is_tuple(ast) || term_tuple_arity(ast) != 3 || term_tuple_get(ast, 2) != TERM_NIL) return false;
    term dot = term_tuple_get(ast, 0);
    if (!is_call(dot, ".", 2)) return false;
    term args = term_tuple_get(dot, 2);
    *mod = term_head(args);
    *fun = term_head(term_tail(args));
    return term_is_atom(*fun);
}

/* IEx.Helpers.fun(args...) as an AST (args consumed). */
static term helpers_call(const char *fun, term meta, term args)
{
    term alias = term_tuple3(term_atom("__aliases__"), TERM_NIL,
                             term_cons_new(term_atom("IEx"), term_cons_new(term_atom("Helpers"), TERM_NIL)));
    term dot = term_tuple3(term_atom("."), TERM_NIL, term_cons_new(alias, term_cons_new(term_atom(fun), TERM_NIL)));
    return term_tuple3(dot, term_retain(meta), args);
}

/* h's argument quoted: the module's AST (or nil for a bare name), the
 * function's name and the arity (or nil), all borrowed; false when it is
 * a value to pass as it is (a module, a string...). */
static bool h_target(term arg, term *mod, term *fun, term *arity)
{
    *arity = term_atom("nil");
    if (is_call(arg, "/", 2)) {
        term args = term_tuple_get(arg, 2);
        *arity = term_head(term_tail(args));
        arg = term_head(args);
        if (!term_is_small(*arity)) return false;
    }
    if (remote_ref(arg, mod, fun)) return true;
    /* a bare name, h(flush) or h(v/0): a helper or a Kernel function */
    if (term_is_tuple(arg) && term_tuple_arity(arg) == 3 && term_is_atom(term_tuple_get(arg, 0)) &&
        !term_is_list(term_tuple_get(arg, 2)) && term_tuple_get(arg, 0) != term_atom("__aliases__")) {
        *mod = term_atom("nil");
        *fun = term_tuple_get(arg, 0);
        return true;
    }
    return false;
}

/* One top-level expression: h(Mod.fun) becomes IEx.Helpers.__h__(Mod, :fun, nil);
 * t, b and open (macros in iex too) alike become __t__, __b__ and __open__
 * (their bare-name form, h(flush), is h's alone). */
static term rewrite_h(term ast)
{
    static const char *const helpers[][2] = {{"h", "__h__"}, {"t", "__t__"}, {"b", "__b__"}, {"open", "__open__"}};
    size_t which = 0;
    while (which < sizeof helpers / sizeof helpers[0] && !is_call(ast, helpers[which][0], 1)) which++;
    if (which == sizeof helpers / sizeof helpers[0]) return ast;
    term mod, fun, arity;
    if (!h_target(term_head(term_tuple_get(ast, 2)), &mod, &fun, &arity)) return ast;
    if (which > 0 && mod == term_atom("nil")) return ast;
    /* fun and arity are atoms and small integers: nothing to retain */
    term args = term_cons_new(term_retain(mod), term_cons_new(fun, term_cons_new(arity, TERM_NIL)));
    term call = helpers_call(helpers[which][1], term_tuple_get(ast, 1), args);
    term_release(ast);
    return call;
}

static term module_name(term alias, term outer);
static term module_name_of(term alias) { return module_name(alias, TERM_NONE); }

/* ---- iex's import_file and import_if_available macros ---- */

/* Path.expand/1: ~ is $HOME, a relative path is under the current
 * directory, "." and ".." are resolved (symbolic links are not). */
static void expand_path(const char *path, char *out, size_t n)
{
    char joined[8192];
    const char *home = getenv("HOME");
    char cwd[2048];
    if (path[0] == '~' && (path[1] == '/' || !path[1])) snprintf(joined, sizeof joined, "%s%s", home ? home : "", path + 1);
    else if (path[0] == '/') snprintf(joined, sizeof joined, "%s", path);
    else snprintf(joined, sizeof joined, "%s/%s", getcwd(cwd, sizeof cwd) ? cwd : ".", path);
    /* segments, with . dropped and .. taking the previous one back */
    size_t used = 0;
    out[0] = '\0';
    for (char *save = NULL, *seg = strtok_r(joined, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
        if (strcmp(seg, ".") == 0) continue;
        if (strcmp(seg, "..") == 0) {
            char *slash = strrchr(out, '/');
            used = slash ? (size_t)(slash - out) : 0;
            out[used] = '\0';
            continue;
        }
        used += (size_t)snprintf(out + used, used < n ? n - used : 0, "/%s", seg);
        if (used >= n) used = n - 1;
    }
    if (!out[0]) snprintf(out, n, "/");
}

/* A call to Mod.fun(args) of Elixir modules named by their segments. */
static term remote_call(const char *mod, const char *fun, term meta, term args)
{
    term alias = term_tuple3(term_atom("__aliases__"), TERM_NIL, term_cons_new(term_atom(mod), TERM_NIL));
    term dot = term_tuple3(term_atom("."), TERM_NIL, term_cons_new(alias, term_cons_new(term_atom(fun), TERM_NIL)));
    return term_tuple3(dot, term_retain(meta), args);
}

/* import_file("path"): the file's code in place of the call, so that its
 * variables are bound at the prompt.  A file that cannot be read or parsed
 * becomes the call that raises Elixir's error for it (File.read!,
 * Code.string_to_quoted!); an optional file that does not exist, nil. */
static term import_file(term call, bool optional)
{
    term path_ast = term_head(term_tuple_get(call, 2));
    if (!term_is_binary(path_ast)) return call; /* IEx.Helpers raises the ArgumentError */
    char path[4096], abs[4096];
    size_t plen = term_binary_size(path_ast) < sizeof path - 1 ? term_binary_size(path_ast) : sizeof path - 1;
    memcpy(path, term_binary_data(path_ast), plen);
    path[plen] = '\0';
    expand_path(path, abs, sizeof abs);
    term meta = term_tuple_get(call, 1);
    size_t len;
    char *src = shell_read_file(abs, &len);
    term out;
    term ast;
    lang_error perr;
    if (!src && optional) {
        out = term_atom("nil");
    } else if (!src) {
        out = remote_call("File", "read!", meta, term_cons_new(term_binary_from_cstr(abs), TERM_NIL));
    } else if (!lang_parse(src, len, 1, &ast, &perr)) {
        term read = remote_call("File", "read!", meta, term_cons_new(term_binary_from_cstr(abs), TERM_NIL));
        term opts = term_cons_new(term_tuple2(term_atom("file"), term_binary_from_cstr(abs)), TERM_NIL);
        out = remote_call("Code", "string_to_quoted!", meta, term_cons_new(read, term_cons_new(opts, TERM_NIL)));
    } else {
        out = ast;
    }
    free(src);
    term_release(call);
    return out;
}

/* An alias AST (or an atom) as the module atom it names; NONE otherwise. */
static term alias_atom(term ast)
{
    if (term_is_atom(ast)) return ast;
    return module_name_of(ast);
}

/* import_if_available(Mod, opts) and use_if_available(Mod, opts): the
 * import (or use) when the module is loaded, else nil. */
static term if_available(vm_runtime *rt, term call, const char *what)
{
    term args = term_tuple_get(call, 2);
    term mod = alias_atom(term_head(args));
    if (mod != TERM_NONE && vm_get_module(rt, mod)) {
        term out = term_tuple3(term_atom(what), term_retain(term_tuple_get(call, 1)), term_retain(args));
        term_release(call);
        return out;
    }
    term_release(call);
    return term_atom("nil");
}

/* One top-level expression of an input: iex's helper macros. */
static term rewrite_one(vm_runtime *rt, term ast)
{
    if (is_call(ast, "import_file", 1)) return import_file(ast, false);
    if (is_call(ast, "import_file_if_available", 1)) return import_file(ast, true);
    if (is_call(ast, "import_if_available", 1) || is_call(ast, "import_if_available", 2))
        return if_available(rt, ast, "import");
    if (is_call(ast, "use_if_available", 1) || is_call(ast, "use_if_available", 2)) return if_available(rt, ast, "use");
    return rewrite_h(ast);
}

/* Each top-level expression of an input (a __block__ when there are several). */
static term rewrite_input(vm_runtime *rt, term ast)
{
    if (!is_call(ast, "__block__", -1)) return rewrite_one(rt, ast);
    term exprs = term_tuple_get(ast, 2);
    intptr_t n = term_list_length(exprs);
    if (n <= 0) return ast;
    term *items = ciex_xmalloc((size_t)n * sizeof *items, "shell");
    intptr_t i = 0;
    for (term l = exprs; term_is_cons(l); l = term_tail(l)) items[i++] = rewrite_one(rt, term_retain(term_head(l)));
    term block = term_tuple3(term_atom("__block__"), term_retain(term_tuple_get(ast, 1)),
                             term_list_from_array(items, (size_t)n));
    free(items);
    term_release(ast);
    return block;
}

/* ---- the modules a file defines ---- */

/* The atom an alias AST names inside `outer` (NONE at the top level). */
static term module_name(term alias, term outer)
{
    if (term_is_atom(alias)) return alias;
    if (!term_is_tuple(alias) || term_tuple_arity(alias) != 3 || term_tuple_get(alias, 0) != term_atom("__aliases__"))
        return TERM_NONE;
    char name[512];
    snprintf(name, sizeof name, "%s", outer != TERM_NONE ? term_atom_name(outer) : "Elixir");
    for (term l = term_tuple_get(alias, 2); term_is_cons(l); l = term_tail(l)) {
        if (!term_is_atom(term_head(l))) return TERM_NONE;
        size_t used = strlen(name);
        snprintf(name + used, sizeof name - used, ".%s", term_atom_name(term_head(l)));
    }
    return term_atom(name);
}

static void collect_modules(term ast, term outer, term *acc)
{
    if (term_is_cons(ast)) {
        for (term l = ast; term_is_cons(l); l = term_tail(l)) collect_modules(term_head(l), outer, acc);
        return;
    }
    if (!term_is_tuple(ast)) return;
    if (is_call(ast, "defmodule", 2)) {
        term args = term_tuple_get(ast, 2);
        term name = module_name(term_head(args), outer);
        if (name == TERM_NONE) return;
        *acc = term_cons_new(name, *acc);
        collect_modules(term_head(term_tail(args)), name, acc);
        return;
    }
    for (uint32_t i = 0; i < term_tuple_arity(ast); i++) collect_modules(term_tuple_get(ast, i), outer, acc);
}

static term reverse(term list)
{
    term out = TERM_NIL;
    for (term l = list; term_is_cons(l); l = term_tail(l)) out = term_cons_new(term_retain(term_head(l)), out);
    term_release(list);
    return out;
}

/* ---- compiling ---- */

static vm_code *compile_parsed(vm_runtime *rt, term ast, const char *file, bool shell, term binding_names,
                               term *modules, ciex_buf *err);

/* As Elixir prints a compile-time error: CompileError with file:line (or
 * the file alone), any other exception (raised by a macro, say) by its
 * message alone. */
static void format_compile_error(const lang_compile_error *e, ciex_buf *b)
{
    if (strcmp(e->kind, "CompileError") != 0) buf_printf(b, "** (%s) %s", e->kind, e->message);
    else if (e->line == 0) buf_printf(b, "** (%s) %s: %s", e->kind, e->file, e->message);
    else buf_printf(b, "** (%s) %s:%d: %s", e->kind, e->file, e->line, e->message);
}

vm_code *shell_compile(vm_runtime *rt, const char *src, size_t len, const char *file, int first_line, bool shell,
                       term binding_names, term *modules, ciex_buf *err)
{
    term ast;
    lang_error perr;
    if (!lang_parse(src, len, first_line, &ast, &perr)) {
        format_parse_error(&perr, src, len, file, first_line, err);
        return NULL;
    }
    if (shell) ast = rewrite_input(rt, ast);
    return compile_parsed(rt, ast, file, shell, binding_names, modules, err);
}

/* Compiles ast (consumed). */
static vm_code *compile_parsed(vm_runtime *rt, term ast, const char *file, bool shell, term binding_names,
                               term *modules, ciex_buf *err)
{
    if (modules) {
        *modules = TERM_NIL;
        collect_modules(ast, TERM_NONE, modules);
        *modules = reverse(*modules);
    }
    lang_compile_error cerr;
    /* a file (a script, c/1) is compiled: it also warns of its unused
     * top-level variables; -e ("nofile") and the prompt are evaluated */
    unsigned warnings = LANG_WARN | (shell ? LANG_WARN_PROMPT : strcmp(file, "nofile") != 0 ? LANG_WARN_FILE : 0);
    lang_compile_opts opts = {file, binding_names, shell, warnings, false};
    vm_code *code = lang_compile(rt, ast, &opts, &cerr);
    term_release(ast);
    if (!code) {
        if (cerr.raised) buf_printf(err, "** (%s) %s", cerr.kind, cerr.message);
        else format_compile_error(&cerr, err);
        /* in a script (not c/1, which collects modules), an error in a
         * module's body has no stack trace: elixir prints an empty one */
        if (!cerr.raised && !shell && !modules && cerr.in_module && cerr.line != 0 &&
            strcmp(cerr.kind, "CompileError") == 0 && !strstr(cerr.message, "\n    expanding macro: "))
            ciex_buf_putc(err, '\n');
        if (modules) term_release(*modules);
    }
    return code;
}

/* ---- running, as `elixir` does ---- */

typedef struct run_watch {
    term pid;
    term reason; /* why it exited, once done */
    bool done;
} run_watch;

static void on_exit_of(void *ctx, term pid, term reason)
{
    run_watch *w = ctx;
    if (term_exact_equal(pid, w->pid)) {
        w->done = true;
        w->reason = term_retain(reason);
    }
}

static bool run_done(void *ctx) { return ((run_watch *)ctx)->done; }

/* Runs until the process w watches exits. */
static void run_watched(vm_runtime *rt, run_watch *w)
{
    vm_set_exit_observer(rt, on_exit_of, w);
    if (!vm_run(rt, run_done, w)) {
        /* every process waits for a message that nothing can send any
         * more (no timer, no descriptor): the BEAM blocks for ever then,
         * and so does ciex, until a signal ends it */
        for (;;) pause();
    }
    vm_set_exit_observer(rt, NULL, NULL);
}

int shell_run_source(vm_runtime *rt, const char *src, size_t len, const char *file)
{
    ciex_buf err = {0};
    vm_code *code = shell_compile(rt, src, len, file, 1, false, TERM_NIL, NULL, &err);
    if (!code) {
        fwrite(err.data, 1, err.len, stderr);
        fputc('\n', stderr);
        ciex_buf_free(&err);
        return 1;
    }
    vm_module *boot = vm_get_module(rt, term_atom("ciex_boot"));
    const vm_function *runner = boot ? vm_module_find(boot, term_atom("run_script"), 1) : NULL;
    if (!runner) {
        fputs("ciex: internal error: the prelude has no :ciex_boot.run_script/1\n", stderr);
        return 70;
    }
    /* run_script prints an uncaught error and halts with status 1 */
    term fun = vm_code_fun(rt, code);
    vm_process *p = vm_spawn_code(rt, runner->code, &fun, 1); /* takes fun over */
    run_watch w = {term_retain(vm_process_pid(p)), TERM_NONE, false};
    run_watched(rt, &w);
    int status = 0;
    if (w.reason != TERM_ATOM_NORMAL) {
        /* killed by an exit signal (a linked process that crashed): the
         * script's error is that signal, "** (EXIT from #PID<...>) ..." */
        const vm_function *report = vm_module_find(boot, term_atom("report_exit"), 2);
        if (!report) {
            fputs("ciex: internal error: the prelude has no :ciex_boot.report_exit/2\n", stderr);
            return 70;
        }
        term args[2] = {w.pid, w.reason}; /* taken over */
        run_watch r = {term_retain(vm_process_pid(vm_spawn_code(rt, report->code, args, 2))), TERM_NONE, false};
        run_watched(rt, &r);
        term_release(r.pid);
        term_release(r.reason);
        status = 1; /* report_exit halts with it */
    } else {
        term_release(w.pid);
        term_release(w.reason);
    }
    return status;
}

int shell_run_file(vm_runtime *rt, const char *path)
{
    size_t len;
    char *src = shell_read_file(path, &len);
    if (!src) {
        /* elixir's words for a file it cannot find */
        fprintf(stderr, "No file named %s\n", path);
        return 1;
    }
    int st = shell_run_source(rt, src, len, path);
    free(src);
    return st;
}

/* ---- -S mix ---- */

static void glob_ex(const char *dir_pattern, glob_t *g, int flags)
{
    glob(dir_pattern, flags, NULL, g);
}

static int compare_paths(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The .ex files under lib/, to any depth: glob has no "**", so one pattern per level. */
char **shell_mix_files(size_t *n)
{
    struct stat st;
    bool has_lib = stat("lib", &st) == 0 && S_ISDIR(st.st_mode);
    if (!has_lib && stat("mix.exs", &st) != 0) return NULL;
    glob_t g = {0};
    char pattern[256] = "lib";
    for (int depth = 0; depth < 16 && has_lib; depth++) {
        char p[300];
        snprintf(p, sizeof p, "%s/*.ex", pattern);
        glob_ex(p, &g, depth ? GLOB_APPEND : 0);
        size_t used = strlen(pattern);
        snprintf(pattern + used, sizeof pattern - used, "/*");
    }
    char **paths = ciex_xcalloc(g.gl_pathc + 1, sizeof *paths, "shell");
    for (size_t i = 0; i < g.gl_pathc; i++) paths[i] = ciex_xstrdup(g.gl_pathv[i], "shell");
    *n = g.gl_pathc;
    globfree(&g);
    qsort(paths, *n, sizeof *paths, compare_paths);
    return paths;
}

void shell_free_paths(char **paths)
{
    if (!paths) return;
    for (char **p = paths; *p; p++) free(*p);
    free(paths);
}

int shell_load_mix_project(vm_runtime *rt, bool announce)
{
    size_t n = 0;
    char **files = shell_mix_files(&n);
    if (!files) {
        /* Mix's words when there is no project */
        fputs("** (Mix) \"mix\" with no arguments must be executed in a directory with a mix.exs file\n", stderr);
        return 1;
    }
    if (announce && n > 0) printf("Compiling %zu file%s (.ex)\n", n, n == 1 ? "" : "s");
    int st = 0;
    for (size_t i = 0; i < n && st == 0; i++) st = shell_run_file(rt, files[i]);
    shell_free_paths(files);
    return st;
}
