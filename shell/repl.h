/* repl.h - the interactive shell: its state, shared by the files of shell/.
 *
 *   repl.c        the state machine: input, the evaluator, Ctrl+C, exits
 *   terminal.c    readline on a terminal: prompt, history, output above the line
 *   completion.c  Tab completion
 *   helpers.c     the BIFs the evaluator and IEx.Helpers call (:ciex.shell_*)
 */
#ifndef CIEX_REPL_H
#define CIEX_REPL_H

#include <stdbool.h>
#include <stddef.h>

#include "ciex/buf.h"
#include "ciex/vm.h"

typedef struct repl_config {
    const char *node_label; /* "" or the node name shown in prompts (foo@host) */
    const char *dot_iex;    /* NULL: .iex.exs or ~/.iex.exs; "": none */
    bool mix;               /* started with -S mix: recompile/0 reloads lib/ */
    /* --remsh NODE: the shell is NODE's (IEx.Remsh in the prelude starts
     * it there, with this node's console as its group leader); this
     * terminal only serves its reads and writes. */
    const char *remsh;
} repl_config;

/* Runs the shell until end of input or exit.  Returns the exit status. */
int repl_run(vm_runtime *rt, const repl_config *cfg);

/* ---- shared by the shell's files ---- */

typedef enum repl_state {
    REPL_IDLE,       /* a prompt is up, reading input */
    REPL_EVALUATING, /* the evaluator runs an input (or starts up) */
    REPL_BREAK,      /* Ctrl+C at the prompt: the BREAK menu waits for a key */
} repl_state;

/* What the next evaluator announces before its first prompt. */
typedef enum repl_announce {
    ANNOUNCE_NONE,
    ANNOUNCE_RESPAWN,     /* respawn/0: a blank line and the banner */
    ANNOUNCE_EXIT,        /* the evaluator died: its exit, then the banner */
    ANNOUNCE_INTERRUPTED, /* Ctrl+C during an evaluation */
} repl_announce;

typedef struct repl {
    vm_runtime *rt;
    repl_config cfg;
    repl_state state;
    term evaluator;         /* pid, or TERM_NONE */
    unsigned counter;       /* the N of iex(N)>: successful evaluations + 1 */
    char *input;            /* the lines of the current (incomplete) input */
    size_t input_len;
    bool continuation;      /* the prompt is ...(N)> (also after #iex:break) */
    ciex_buf pending;       /* bytes read from a pipe; those before pending_off are handled */
    size_t pending_off;
    size_t pending_scanned; /* no newline in pending[pending_off, pending_scanned) */
    bool tty;               /* stdin and stdout are terminals: readline, colours */
    bool eof;
    bool quit;
    bool respawn_requested; /* respawn/0 ran: replace the evaluator when it is done */
    bool interrupting;      /* Ctrl+C killed the evaluator: announce an interrupt */
    term binding_names;     /* variables bound at the prompt (for completion) */
    /* IEx.configure/1's options (a keyword list; TERM_NIL: iex's
     * defaults), kept here for the life of the shell as iex keeps them in
     * its application's environment */
    term config;
    int wake_pipe[2];       /* Ctrl+C wakes the event loop through this */
    bool stdin_watched;
    int64_t started_ms;
    bool batch;             /* lines of one multi-line entry: no prompts between them */
    term gets_from, gets_ref; /* a console line read (IO.gets) waiting for input, or TERM_NONE */
    int exit_status;        /* what repl_run returns */
    bool evaluator_ready;   /* the current evaluator reported once (:init or an input) */
    unsigned failed_starts; /* evaluators in a row that died before reporting */
} repl;

/* Text for the user, above the line being edited when there is one. */
void repl_print(repl *r, const char *text);
/* The banner line, without its newline. */
const char *repl_banner(void);

/* repl.c: what the terminal and the evaluator report */
void repl_line(repl *r, const char *line);
void repl_end_of_input(repl *r);
void repl_evaluation_done(repl *r, term status, term binding_names);

/* terminal.c */
void terminal_start(repl *r);
void terminal_stop(repl *r);
void terminal_show_prompt(repl *r, const char *prompt);
void terminal_hide_prompt(repl *r);
bool terminal_prompt_shown(void);
void terminal_read_key(repl *r);
void terminal_write(repl *r, const char *text, size_t len);
void terminal_remember(repl *r, const char *entry);
void terminal_resize(repl *r);

/* completion.c: installs Tab completion on readline */
void completion_install(repl *r);
/* completion.c: :ciex.shell_expand/1, Tab completion for a terminal on
 * another node (iex --remsh) */
void completion_register(vm_runtime *rt);

/* setup.c: a runtime with every BIF of the ciex command registered */
vm_runtime *shell_runtime_new(void);

/* helpers.c */
void helpers_register(vm_runtime *rt);
void helpers_note_builtin_modules(vm_runtime *rt);
void helpers_forget_builtin_modules(void);

#endif
