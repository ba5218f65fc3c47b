/* options.h - the command line of ciex, as iex and elixir read theirs. */
#ifndef CIEX_SHELL_OPTIONS_H
#define CIEX_SHELL_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "ciex/dist.h"
#include "replay.h"

/* What the command line asks for. */
typedef enum shell_mode {
    SHELL_MODE_SHELL,  /* the interactive shell (after loading files) */
    SHELL_MODE_RUN,    /* --script / -e: run and exit, as `elixir` does */
    SHELL_MODE_EPMD,   /* --epmd, --epmd-foreground: a name server */
    SHELL_MODE_EPMD_NAMES,
    SHELL_MODE_EPMD_KILL,
    SHELL_MODE_REPLAY, /* --replay FILE: replay a transcript */
    SHELL_MODE_EXIT,   /* --help, --version, or a usage error: exit_status */
} shell_mode;

typedef struct shell_options {
    shell_mode mode;
    int exit_status;          /* SHELL_MODE_EXIT */
    bool epmd_foreground;
    int epmd_port;            /* --epmd... -port N; 0: ERL_EPMD_PORT or 4369 */
    int epmd_packet_timeout;  /* --epmd -packet_timeout SECONDS; 0: epmd's 60 */
    dist_config dist;         /* dist.name is NULL unless --sname/--name */
    /* Files loaded before the shell starts or the script runs: the bare
     * FILE arguments and -r FILE, in command-line order. */
    const char **files;
    size_t nfiles;
    const char **evals;       /* -e EXPR, in order */
    size_t nevals;
    const char *script;       /* --script FILE */
    /* System.argv(): what follows --script FILE, the first FILE, or (with
     * -e) the first argument that is not an option; points into argv */
    const char *const *args;
    size_t nargs;
    bool mix;                 /* -S mix: lib/ (recursively, *.ex) of the current directory */
    const char *dot_iex;      /* --dot-iex FILE; NULL: .iex.exs or ~/.iex.exs; "": none */
    /* --remsh NODE (or --erl "-remsh NODE"): the shell is NODE's; a name
     * without a host gets this node's host, as iex appends it */
    const char *remsh;
    char **erl_copies;        /* each --erl's switches, split in place */
    size_t nerl_copies;
    const char **tls_opts;    /* -ssl_dist_opt's keys and values (in erl_copies) */
    size_t ntls_opts;
    int schedulers;           /* --erl "+S N:M": N; 0: the default */
    int schedulers_online;    /* M; 0: the default */
    replay_options replay;    /* --replay FILE, --settle MS, --iex, --update */
    bool replay_settle_given;
} shell_options;

/* Reads argv.  Prints --help / --version / usage errors itself and then
 * sets mode SHELL_MODE_EXIT.  Free with shell_options_free. */
void shell_options_parse(int argc, char **argv, shell_options *o);
void shell_options_free(shell_options *o);

#endif
