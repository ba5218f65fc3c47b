/* hello.c - a C program that embeds the ciex runtime.
 *
 * Runs the code given as its argument (or a greeting) in a fresh runtime,
 * as `ciex -e CODE` would, and exits 0 when the code ran to its end.
 * Build it against an installed ciex:
 *
 *   cc hello.c $(pkg-config --cflags --libs ciex) -o hello
 *   ./hello 'IO.puts(Enum.sum(1..10))'
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/dist.h"
#include "ciex/lang.h"
#include "ciex/vm.h"

int main(int argc, char **argv)
{
    const char *src = argc > 1 ? argv[1] : "IO.puts(\"hello from the ciex runtime\")";

    /* The runtime, its built-in functions, and the standard library. */
    vm_runtime *rt = vm_runtime_new();
    lang_register_bifs(rt);
    dist_register_bifs(rt);
    char err[256];
    if (!lang_load_prelude(rt, err, sizeof err)) {
        fprintf(stderr, "hello: %s\n", err);
        return 1;
    }

    term ast;
    lang_error perr;
    if (!lang_parse(src, strlen(src), 1, &ast, &perr)) {
        fprintf(stderr, "hello: %s: %s\n", perr.kind, lang_error_description(&perr));
        return 1;
    }
    lang_compile_opts opts = {.file = "nofile"};
    lang_compile_error cerr;
    struct vm_code *code = lang_compile(rt, ast, &opts, &cerr);
    term_release(ast);
    if (!code) {
        fprintf(stderr, "hello: %s: %s\n", cerr.kind, cerr.message);
        return 1;
    }

    /* Runs it in a process of its own; its exit reason tells how it ended. */
    term reason = lang_run_code(rt, code);
    int status = reason == term_atom("normal") ? 0 : 1;
    if (status) {
        char *text = term_inspect(reason, NULL, NULL);
        fprintf(stderr, "hello: the code exited: %s\n", text);
        free(text);
    }
    term_release(reason);
    vm_runtime_free(rt);
    return status;
}
