/* main.c - the ciex command.
 *
 * Reads the command line (options.c), names the node before any process
 * exists (so that every pid and the prompt carry the name, as on the BEAM
 * once net_kernel runs), loads the prelude, then either runs scripts and
 * expressions the way `elixir FILE` and `elixir -e EXPR` do, or loads the
 * given files (`-S mix`: the project's lib/) and starts the shell, the way
 * `iex FILE` and `iex -S mix` do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/dist.h"
#include "ciex/lang.h"
#include "ciex/term.h"
#include "ciex/vm.h"
#include "options.h"
#include "repl.h"
#include "replay.h"
#include "source.h"

static vm_runtime *start_runtime(const shell_options *o)
{
    const dist_config *dist = &o->dist;
    vm_runtime *rt = shell_runtime_new();
    char err[512];
    vm_set_argv(rt, o->args, o->nargs);
    /* before any process exists, so that every pid carries the node name */
    if (dist->name && !dist_start(rt, dist, err, sizeof err)) {
        fprintf(stderr, "ciex: cannot start distribution: %s\n", err);
        exit(1);
    }
    if (!lang_load_prelude(rt, err, sizeof err)) {
        fprintf(stderr, "ciex: internal error: %s\n", err);
        exit(70);
    }
    helpers_note_builtin_modules(rt);
    return rt;
}

/* Loads the files of the command line and, with -S mix, the project's
 * lib/ (recursively, *.ex); returns the exit status (non-zero: stop here). */
static int load_files(vm_runtime *rt, const shell_options *o)
{
    for (size_t i = 0; i < o->nfiles; i++) {
        int st = shell_run_file(rt, o->files[i]);
        if (st) return st;
    }
    return o->mix ? shell_load_mix_project(rt, true) : 0;
}

/* elixir's order: -r files, then each -e, then the script. */
static int run_and_exit(vm_runtime *rt, const shell_options *o)
{
    int st = load_files(rt, o);
    for (size_t i = 0; i < o->nevals && st == 0; i++) st = shell_run_source(rt, o->evals[i], strlen(o->evals[i]), "nofile");
    if (o->script && st == 0) st = shell_run_file(rt, o->script);
    return st;
}

static int start_shell(vm_runtime *rt, const shell_options *o)
{
    int st = load_files(rt, o);
    if (st) return st;
    repl_config cfg = {
        .node_label = o->dist.name ? term_atom_name(vm_node_name(rt)) : "",
        .dot_iex = o->dot_iex,
        .mix = o->mix,
    };
    return repl_run(rt, &cfg);
}

int main(int argc, char **argv)
{
    term_init();
    shell_options o;
    shell_options_parse(argc, argv, &o);
    int status = o.exit_status;
    if (o.mode == SHELL_MODE_EPMD) status = dist_epmd_main(dist_epmd_port(), o.epmd_foreground);
    if (o.mode == SHELL_MODE_EPMD_NAMES) status = dist_epmd_names_main(dist_epmd_port());
    if (o.mode == SHELL_MODE_REPLAY) status = replay_run(&o.replay);
    if (o.mode == SHELL_MODE_SHELL || o.mode == SHELL_MODE_RUN) {
        vm_runtime *rt = start_runtime(&o);
        status = o.mode == SHELL_MODE_SHELL ? start_shell(rt, &o) : run_and_exit(rt, &o);
        dist_stop(rt);
        vm_runtime_free(rt);
        helpers_forget_builtin_modules();
    }
    shell_options_free(&o);
    return status;
}
