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
#include <sys/resource.h>

#include "ciex/dist.h"
#include "ciex/lang.h"
#include "ciex/term.h"
#include "ciex/vm.h"
#include "options.h"
#include "repl.h"
#include "replay.h"
#include "source.h"

/* How many schedulers run without +S (CMake's CIEX_DEFAULT_SCHEDULERS):
 * 0 means one per core, as the BEAM.  Without +S their threads start once
 * processes compete for the CPU (vm_set_schedulers_lazy). */
#ifndef CIEX_DEFAULT_SCHEDULERS
#define CIEX_DEFAULT_SCHEDULERS 0
#endif

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
    /* the prelude is loaded on one thread; the program runs on all */
    uint32_t cores = vm_online_cores();
    uint32_t total = o->schedulers > 0 ? (uint32_t)o->schedulers : (CIEX_DEFAULT_SCHEDULERS > 0 ? CIEX_DEFAULT_SCHEDULERS : cores);
    uint32_t online = o->schedulers_online > 0 ? (uint32_t)o->schedulers_online : total < cores ? total : cores;
    if (online > total) online = total;
#ifdef CIEX_SCHEDULERS_AT_ONCE
    bool at_once = true;
#else
    bool at_once = o->schedulers > 0 || o->schedulers_online > 0;
#endif
    if (at_once) vm_set_schedulers(rt, total, online);
    else vm_set_schedulers_lazy(rt, total, online);
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
        .remsh = o->remsh,
    };
    return repl_run(rt, &cfg);
}

/* The compiler recurses through expressions as deep as a chain of
 * operators is long (it stops with an error before its stack runs out):
 * let the main thread's stack grow to 64 MB rather than the usual 8, as
 * far as the hard limit allows.  Linux keeps at least 128 MB free below
 * the stack whatever the limit was at exec, and commits pages only as
 * they are used. */
static void roomy_stack(void)
{
    struct rlimit rl;
    rlim_t want = (rlim_t)64 << 20;
    if (getrlimit(RLIMIT_STACK, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= want) return;
    rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
    setrlimit(RLIMIT_STACK, &rl);
}

int main(int argc, char **argv)
{
    roomy_stack();
    term_init();
    shell_options o;
    shell_options_parse(argc, argv, &o);
    int status = o.exit_status;
    int epmd_port = o.epmd_port > 0 ? o.epmd_port : dist_epmd_port();
    if (o.mode == SHELL_MODE_EPMD) status = dist_epmd_main(epmd_port, o.epmd_foreground, o.epmd_packet_timeout);
    if (o.mode == SHELL_MODE_EPMD_NAMES) status = dist_epmd_names_main(epmd_port);
    if (o.mode == SHELL_MODE_EPMD_KILL) status = dist_epmd_kill_main(epmd_port);
    if (o.mode == SHELL_MODE_REPLAY) status = replay_run(&o.replay);
    if (o.mode == SHELL_MODE_SHELL || o.mode == SHELL_MODE_RUN) {
#ifdef __linux__
        o.dist.epmd_program = "/proc/self/exe"; /* our own EPMD runs as `ciex --epmd-foreground -port N` */
#endif
        vm_runtime *rt = start_runtime(&o);
        status = o.mode == SHELL_MODE_SHELL ? start_shell(rt, &o) : run_and_exit(rt, &o);
        /* no scheduler thread may still be flushing a connection */
        vm_schedulers_stop(rt);
        dist_stop(rt);
#ifdef CIEX_FREE_AT_EXIT
        /* the sanitizer build frees everything, so that a leak shows */
        vm_runtime_free(rt);
        helpers_forget_builtin_modules();
#else
        (void)helpers_forget_builtin_modules; /* the process ends: its memory goes with it */
#endif
    }
    shell_options_free(&o);
    return status;
}
