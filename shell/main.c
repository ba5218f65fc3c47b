/* main.c - the ciex command: option parsing, and running scripts and
 * expressions the way `elixir FILE` and `elixir -e EXPR` do. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/dist.h"
#include "ciex/lang.h"
#include "ciex/term.h"
#include "ciex/version.h"
#include "ciex/vm.h"
#include "repl.h"

static void print_usage(FILE *out)
{
    fputs("Usage: ciex [options] [FILE.exs]\n"
          "\n"
          "  --sname NAME    start as a distributed node NAME@shorthost\n"
          "  --name NAME     start as a distributed node with a long name\n"
          "  --cookie C      the magic cookie (default: ~/.erlang.cookie)\n"
          "  --hidden        connect as a hidden node\n"
          "  --dist-port P   listen for nodes on port P (or MIN:MAX)\n"
          "  --epmd          run an EPMD name server (detached) and exit\n"
          "  --epmd-names    print the names registered with EPMD\n"
          "  --script FILE   run FILE and exit, as `elixir FILE` does\n"
          "  -e EXPR         evaluate EXPR and exit, as `elixir -e EXPR` does\n"
          "  --version       print the version and exit\n"
          "  --help          print this help and exit\n",
          out);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf) return NULL;
    *len = n;
    return buf;
}

typedef struct run_watch {
    term pid;
    bool done;
} run_watch;

static void on_exit_of(void *ctx, term pid, term reason)
{
    (void)reason;
    run_watch *w = ctx;
    if (term_exact_equal(pid, w->pid)) w->done = true;
}

static bool run_done(void *ctx) { return ((run_watch *)ctx)->done; }

/* Parses, compiles and runs source as a script; returns the exit status. */
static int run_source(vm_runtime *rt, const char *src, size_t len, const char *file)
{
    term ast;
    lang_error perr;
    if (!lang_parse(src, len, 1, &ast, &perr)) {
        fprintf(stderr, "** (%s) %s:%d:%d: %s\n", perr.kind, file, perr.line, perr.column, perr.message);
        return 1;
    }
    lang_compile_error cerr;
    lang_compile_opts opts = {file, TERM_NIL, false};
    vm_code *code = lang_compile(rt, ast, &opts, &cerr);
    term_release(ast);
    if (!code) {
        fprintf(stderr, "** (%s) %s:%d: %s\n", cerr.kind, cerr.file, cerr.line, cerr.message);
        return 1;
    }
    vm_module *boot = vm_get_module(rt, term_atom("ciex_boot"));
    const vm_function *runner = boot ? vm_module_find(boot, term_atom("run_script"), 1) : NULL;
    if (!runner) {
        fputs("ciex: internal error: the prelude has no :ciex_boot.run_script/1\n", stderr);
        return 70;
    }
    term fun = vm_code_fun(rt, code);
    vm_process *p = vm_spawn_code(rt, runner->code, &fun, 1);
    run_watch w = {term_retain(vm_process_pid(p)), false};
    vm_set_exit_observer(rt, on_exit_of, &w);
    vm_run(rt, run_done, &w);
    vm_set_exit_observer(rt, NULL, NULL);
    term_release(w.pid);
    return 0;
}

static vm_runtime *start_runtime(const dist_config *dist)
{
    vm_runtime *rt = vm_runtime_new();
    lang_register_bifs(rt);
    dist_register_bifs(rt);
    char err[512];
    /* before any process exists, so that every pid carries the node name */
    if (dist->name && !dist_start(rt, dist, err, sizeof err)) {
        fprintf(stderr, "ciex: cannot start distribution: %s\n", err);
        exit(1);
    }
    if (!lang_load_prelude(rt, err, sizeof err)) {
        fprintf(stderr, "ciex: internal error: %s\n", err);
        exit(70);
    }
    return rt;
}

int main(int argc, char **argv)
{
    term_init();
    const char *script = NULL, *expr = NULL;
    dist_config dist = {0};
    for (int i = 1; i < argc; i++) {
        if ((strcmp(argv[i], "--sname") == 0 || strcmp(argv[i], "--name") == 0) && i + 1 < argc) {
            dist.longnames = strcmp(argv[i], "--name") == 0;
            dist.name = argv[++i];
            continue;
        }
        if (strcmp(argv[i], "--cookie") == 0 && i + 1 < argc) {
            dist.cookie = argv[++i];
            continue;
        }
        if (strcmp(argv[i], "--hidden") == 0) {
            dist.hidden = true;
            continue;
        }
        if (strcmp(argv[i], "--dist-port") == 0 && i + 1 < argc) {
            const char *v = argv[++i];
            dist.listen_min = atoi(v);
            const char *colon = strchr(v, ':');
            dist.listen_max = colon ? atoi(colon + 1) : dist.listen_min;
            continue;
        }
        if (strcmp(argv[i], "--epmd") == 0) return dist_epmd_main(dist_epmd_port(), false);
        if (strcmp(argv[i], "--epmd-foreground") == 0) return dist_epmd_main(dist_epmd_port(), true);
        if (strcmp(argv[i], "--epmd-names") == 0) return dist_epmd_names_main(dist_epmd_port());
        if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-v") == 0) {
            printf("ciex %s\n", CIEX_VERSION);
            return 0;
        }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            print_usage(stdout);
            return 0;
        }
        if (strcmp(argv[i], "--script") == 0 && i + 1 < argc) {
            script = argv[++i];
            continue;
        }
        if (strcmp(argv[i], "-e") == 0 && i + 1 < argc) {
            expr = argv[++i];
            continue;
        }
        if (argv[i][0] != '-' && !script) {
            script = argv[i];
            continue;
        }
        fprintf(stderr, "ciex: unknown option '%s'\n", argv[i]);
        print_usage(stderr);
        return 1;
    }
    vm_runtime *rt = start_runtime(&dist);
    if (!script && !expr) {
        int st = repl_run(rt, dist.name ? term_atom_name(vm_node_name(rt)) : "");
        dist_stop(rt);
        vm_runtime_free(rt);
        return st;
    }
    int status = 0;
    if (expr) status = run_source(rt, expr, strlen(expr), "nofile");
    if (script && status == 0) {
        size_t len;
        char *src = read_file(script, &len);
        if (!src) {
            fprintf(stderr, "** (File.Error) could not read file \"%s\": %s\n", script,
                    errno == ENOENT ? "no such file or directory" : strerror(errno));
            vm_runtime_free(rt);
            return 1;
        }
        status = run_source(rt, src, len, script);
        free(src);
    }
    dist_stop(rt);
    vm_runtime_free(rt);
    return status;
}
