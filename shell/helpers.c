/* helpers.c - the BIFs behind IEx.Evaluator and IEx.Helpers (:ciex.shell_*).
 *
 * The evaluator and the helpers are written in the language (prelude
 * 95_iex.ex); what they need from the shell and the C runtime comes
 * through these: compiling an input the way the shell does (source.c),
 * telling the shell an input is done, whether output goes to a terminal
 * (colours), and the introspection that h/1, i/1, exports/1, r/1 and
 * runtime_info/0 print.  They are registered in every mode, so that a
 * script calling IEx.Helpers gets the answers of a shell without a
 * terminal; the ones that drive the shell do nothing outside of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "ciex/lang.h"
#include "ciex/version.h"
#include "introspect.h"
#include "repl.h"
#include "source.h"

/* Modules as the prelude loaded them (name => source file), to tell the
 * built-in modules from the user's: one per process, like the prelude. */
static term builtin_modules = TERM_NONE;

static repl *shell_of(vm_process *p) { return vm_app_data(vm_process_runtime(p)); }

static term error_tuple(const ciex_buf *text)
{
    return term_tuple2(term_atom("error"), term_binary_new((const char *)text->data, text->len));
}

/* A binary argument as a NUL-terminated string (NULL when it is not one). */
static char *cstring(term t)
{
    if (!term_is_binary(t)) return NULL;
    return ciex_xstrndup((const char *)term_binary_data(t), term_binary_size(t), "shell");
}

/* ---- the evaluator's side of the shell ---- */

/* :ciex.shell_done(status, binding_names): :ok, :error or :init */
static vm_status bif_shell_done(vm_process *p, const term *a, term *result)
{
    repl *r = shell_of(p);
    if (r) repl_evaluation_done(r, a[0], a[1]);
    *result = TERM_ATOM_OK;
    return VM_OK;
}

/* As elixir's launcher enables ANSI: when stdout and stderr are terminals
 * and NO_COLOR is unset or empty. */
static bool shell_colors(repl *r)
{
    const char *no_color = getenv("NO_COLOR");
    return r && r->tty && isatty(2) && !(no_color && *no_color);
}

static vm_status bif_shell_ansi(vm_process *p, const term *a, term *result)
{
    (void)a;
    *result = term_bool(shell_colors(shell_of(p)));
    return VM_OK;
}

static vm_status bif_shell_banner(vm_process *p, const term *a, term *result)
{
    (void)p;
    (void)a;
    *result = term_binary_from_cstr(repl_banner());
    return VM_OK;
}

static vm_status bif_shell_respawn(vm_process *p, const term *a, term *result)
{
    (void)a;
    repl *r = shell_of(p);
    if (r) r->respawn_requested = true;
    *result = TERM_ATOM_OK;
    return VM_OK;
}

/* :ciex.shell_inspect(value): inspect as iex prints results, with the
 * syntax colours on a terminal.  :ciex.shell_inspect(value, rendered):
 * with the texts of the structs that Inspect implementations written in
 * Elixir rendered (%{struct => text}). */
static vm_status shell_inspect(vm_process *p, term value, term rendered, term *result)
{
    vm_runtime *rt = vm_process_runtime(p);
    repl *r = vm_app_data(rt);
    term_inspect_opts o;
    vm_inspect_opts_init(rt, &o);
    o.colors = shell_colors(r);
    if (term_is_map(rendered)) o.rendered = rendered;
    size_t len;
    char *s = term_inspect(value, &o, &len);
    *result = term_binary_new(s, len);
    free(s);
    return VM_OK;
}

static vm_status bif_shell_inspect(vm_process *p, const term *a, term *result)
{
    return shell_inspect(p, a[0], TERM_NONE, result);
}

static vm_status bif_shell_inspect_rendered(vm_process *p, const term *a, term *result)
{
    return shell_inspect(p, a[0], a[1], result);
}

/* :ciex.shell_config() -> the keyword list IEx.configure/1 left ([] when
 * there is no shell); :ciex.shell_config(keyword) replaces it. */
static vm_status bif_shell_config(vm_process *p, const term *a, term *result)
{
    (void)a;
    repl *r = shell_of(p);
    *result = r ? term_retain(r->config) : TERM_NIL;
    return VM_OK;
}

static vm_status bif_shell_config_put(vm_process *p, const term *a, term *result)
{
    if (!term_is_list(a[0])) return vm_badarg(p);
    repl *r = shell_of(p);
    if (r) {
        term_release(r->config);
        r->config = term_retain(a[0]);
    }
    *result = TERM_ATOM_OK;
    return VM_OK;
}

/* :ciex.shell_compile(source, binding_names, line, file) -> {:ok, fun} | {:error, text} */
static vm_status bif_shell_compile(vm_process *p, const term *a, term *result)
{
    if (!term_is_binary(a[0]) || !term_is_list(a[1]) || !term_is_small(a[2]) || !term_is_binary(a[3]))
        return vm_badarg(p);
    vm_runtime *rt = vm_process_runtime(p);
    char *file = cstring(a[3]);
    ciex_buf err = {0};
    vm_code *code = shell_compile(rt, (const char *)term_binary_data(a[0]), term_binary_size(a[0]), file,
                                  (int)term_small_value(a[2]), true, a[1], NULL, &err);
    free(file);
    *result = code ? term_tuple2(TERM_ATOM_OK, vm_code_fun(rt, code)) : error_tuple(&err);
    ciex_buf_free(&err);
    return VM_OK;
}

/* :ciex.shell_incomplete(source) -> true when the input is still open (a
 * do without end, an open bracket or string...): the shell then reads a
 * continuation line, as it does for its own terminal (repl.c). */
static vm_status bif_shell_incomplete(vm_process *p, const term *a, term *result)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    term ast;
    lang_error err;
    bool complete = lang_parse((const char *)term_binary_data(a[0]), term_binary_size(a[0]), 1, &ast, &err);
    if (complete) term_release(ast);
    *result = term_bool(!complete && err.incomplete);
    return VM_OK;
}

/* ---- c/1, r/1, recompile/0 ---- */

/* :ciex.shell_compile_file(path) -> {:ok, fun, modules} | {:error, text} */
static vm_status bif_shell_compile_file(vm_process *p, const term *a, term *result)
{
    char *path = cstring(a[0]);
    if (!path) return vm_badarg(p);
    vm_runtime *rt = vm_process_runtime(p);
    size_t len;
    char *src = shell_read_file(path, &len);
    ciex_buf err = {0};
    term modules = TERM_NIL;
    vm_code *code = NULL;
    if (!src) {
        static const char cannot[] = "** (File.Error) could not read file \"";
        ciex_buf_put(&err, cannot, sizeof cannot - 1);
        ciex_buf_put(&err, path, strlen(path));
        ciex_buf_putc(&err, '"');
    } else {
        code = shell_compile(rt, src, len, path, 1, false, TERM_NIL, &modules, &err);
    }
    *result = code ? term_tuple3(TERM_ATOM_OK, vm_code_fun(rt, code), modules) : error_tuple(&err);
    ciex_buf_free(&err);
    free(src);
    free(path);
    return VM_OK;
}

static vm_status bif_shell_file_exists(vm_process *p, const term *a, term *result)
{
    char *path = cstring(a[0]);
    if (!path) return vm_badarg(p);
    struct stat st;
    *result = term_bool(stat(path, &st) == 0 && S_ISREG(st.st_mode));
    free(path);
    return VM_OK;
}

static bool is_builtin(vm_runtime *rt, term mod)
{
    vm_module *m = vm_get_module(rt, mod);
    if (!m) return shell_module_exists(rt, mod); /* BIFs only: :erlang, :lists... */
    term at_start = builtin_modules == TERM_NONE ? TERM_NONE : term_map_get(builtin_modules, mod);
    return at_start != TERM_NONE && term_exact_equal(at_start, m->source_file);
}

/* :ciex.shell_module_source(mod) -> path | :builtin | nil (no such module) */
static vm_status bif_shell_module_source(vm_process *p, const term *a, term *result)
{
    vm_runtime *rt = vm_process_runtime(p);
    if (!term_is_atom(a[0]) || !shell_module_exists(rt, a[0])) {
        *result = term_atom("nil");
    } else if (is_builtin(rt, a[0])) {
        *result = term_atom("builtin");
    } else {
        vm_module *m = vm_get_module(rt, a[0]);
        *result = m && term_is_binary(m->source_file) ? term_retain(m->source_file) : term_binary_from_cstr("nofile");
    }
    return VM_OK;
}

/* :ciex.shell_mix_files() -> [path] with -S mix, else nil */
static vm_status bif_shell_mix_files(vm_process *p, const term *a, term *result)
{
    (void)a;
    repl *r = shell_of(p);
    size_t n = 0;
    char **files = r && r->cfg.mix ? shell_mix_files(&n) : NULL;
    if (!files) {
        *result = term_atom("nil");
        return VM_OK;
    }
    term list = TERM_NIL;
    for (size_t i = n; i-- > 0;) list = term_cons_new(term_binary_from_cstr(files[i]), list);
    shell_free_paths(files);
    *result = list;
    return VM_OK;
}

/* :ciex.shell_reloading(bool): see vm_set_reloading */
static vm_status bif_shell_reloading(vm_process *p, const term *a, term *result)
{
    if (a[0] != TERM_TRUE && a[0] != TERM_FALSE) return vm_badarg(p);
    vm_set_reloading(vm_process_runtime(p), a[0] == TERM_TRUE);
    *result = TERM_ATOM_OK;
    return VM_OK;
}

/* ---- introspection ---- */

static vm_status bif_shell_module_exists(vm_process *p, const term *a, term *result)
{
    *result = term_bool(term_is_atom(a[0]) && shell_module_exists(vm_process_runtime(p), a[0]));
    return VM_OK;
}

static vm_status bif_shell_exports(vm_process *p, const term *a, term *result)
{
    if (!term_is_atom(a[0])) return vm_badarg(p);
    *result = shell_module_exports(vm_process_runtime(p), a[0]);
    return VM_OK;
}

/* ---- pid/1, ref/1: "0.117.0" and "0.1.2.3", local identifiers ---- */

static int parse_numbers(const char *s, uint32_t *out, int max)
{
    int n = 0;
    while (*s && n < max) {
        char *end;
        unsigned long v = strtoul(s, &end, 10);
        if (end == s || v > UINT32_MAX) return -1;
        out[n++] = (uint32_t)v;
        if (*end == '\0') return n;
        if (*end != '.') return -1;
        s = end + 1;
    }
    return *s ? -1 : n;
}

static vm_status bif_shell_pid(vm_process *p, const term *a, term *result)
{
    char *text = cstring(a[0]);
    uint32_t v[3];
    int n = text ? parse_numbers(text, v, 3) : -1;
    free(text);
    if (n != 3 || v[0] != 0) return vm_badarg(p); /* other nodes' indexes are not ours to invent */
    vm_runtime *rt = vm_process_runtime(p);
    *result = term_pid_new(vm_node_name(rt), v[1], v[2], vm_node_creation(rt));
    return VM_OK;
}

static vm_status bif_shell_ref(vm_process *p, const term *a, term *result)
{
    char *text = cstring(a[0]);
    uint32_t v[4];
    int n = text ? parse_numbers(text, v, 4) : -1;
    free(text);
    if (n != 4 || v[0] != 0) return vm_badarg(p);
    vm_runtime *rt = vm_process_runtime(p);
    uint32_t ids[3] = {v[3], v[2], v[1]}; /* inspect prints the words from the last */
    *result = term_ref_new(vm_node_name(rt), vm_node_creation(rt), ids, 3);
    return VM_OK;
}

/* ---- runtime_info/0 and pwd/0 ---- */

static long resident_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &size, &resident) != 2) resident = 0;
        fclose(f);
    }
    return resident * sysconf(_SC_PAGESIZE);
}

static vm_status bif_shell_runtime_info(vm_process *p, const term *a, term *result)
{
    (void)a;
    vm_runtime *rt = vm_process_runtime(p);
    repl *r = vm_app_data(rt);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    struct utsname u;
    char arch[160] = "unknown";
    if (uname(&u) == 0) snprintf(arch, sizeof arch, "%s-%s", u.machine, u.sysname);
    for (char *c = arch; *c; c++)
        if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
    term kv[12] = {
        term_atom("version"), term_binary_from_cstr(CIEX_VERSION),
        term_atom("arch"), term_binary_from_cstr(arch),
        term_atom("memory"), term_int_from_i64(resident_bytes()),
        term_atom("peak_memory"), term_int_from_i64((int64_t)ru.ru_maxrss * 1024),
        term_atom("uptime_ms"), term_int_from_i64(r ? vm_now_ms() - r->started_ms : 0),
        term_atom("modules"), term_int_from_i64((int64_t)shell_module_count(rt)),
    };
    *result = term_map_from_pairs(kv, 6, NULL);
    return VM_OK;
}

static vm_status bif_shell_cwd(vm_process *p, const term *a, term *result)
{
    (void)p;
    (void)a;
    char buf[4096];
    *result = term_binary_from_cstr(getcwd(buf, sizeof buf) ? buf : ".");
    return VM_OK;
}

static const vm_bif_def shell_bifs[] = {
    {"ciex", "shell_done", 2, bif_shell_done},
    {"ciex", "shell_ansi", 0, bif_shell_ansi},
    {"ciex", "shell_banner", 0, bif_shell_banner},
    {"ciex", "shell_respawn", 0, bif_shell_respawn},
    {"ciex", "shell_inspect", 1, bif_shell_inspect},
    {"ciex", "shell_inspect", 2, bif_shell_inspect_rendered},
    {"ciex", "shell_compile", 4, bif_shell_compile},
    {"ciex", "shell_incomplete", 1, bif_shell_incomplete},
    {"ciex", "shell_config", 0, bif_shell_config},
    {"ciex", "shell_config", 1, bif_shell_config_put},
    {"ciex", "shell_compile_file", 1, bif_shell_compile_file},
    {"ciex", "shell_file_exists", 1, bif_shell_file_exists},
    {"ciex", "shell_module_source", 1, bif_shell_module_source},
    {"ciex", "shell_mix_files", 0, bif_shell_mix_files},
    {"ciex", "shell_reloading", 1, bif_shell_reloading},
    {"ciex", "shell_module_exists", 1, bif_shell_module_exists},
    {"ciex", "shell_exports", 1, bif_shell_exports},
    {"ciex", "shell_pid", 1, bif_shell_pid},
    {"ciex", "shell_ref", 1, bif_shell_ref},
    {"ciex", "shell_runtime_info", 0, bif_shell_runtime_info},
    {"ciex", "shell_cwd", 0, bif_shell_cwd},
    {NULL, NULL, 0, NULL},
};

void helpers_register(vm_runtime *rt) { vm_register_bifs(rt, shell_bifs); }

/* After the prelude is loaded: remember its modules as the built-in ones. */
void helpers_note_builtin_modules(vm_runtime *rt)
{
    term names = shell_loaded_modules(rt);
    term map = term_map_new(0);
    for (term l = names; term_is_cons(l); l = term_tail(l)) {
        vm_module *m = vm_get_module(rt, term_head(l));
        if (m) map = term_map_put(map, term_retain(term_head(l)), term_retain(m->source_file));
    }
    term_release(names);
    term_release(builtin_modules);
    builtin_modules = map;
}

void helpers_forget_builtin_modules(void)
{
    term_release(builtin_modules);
    builtin_modules = TERM_NONE;
}
