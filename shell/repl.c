/* repl.c - the interactive shell: prompts, input, and the evaluator.
 *
 * The shell's state machine runs on the VM's one event loop.  Input lines
 * (readline on a terminal, plain reads on a pipe) accumulate until they
 * parse as complete input; then the text goes to the evaluator process
 * (IEx.Evaluator in the prelude), which compiles and runs it with the
 * variables bound so far, prints the result or error, and reports back
 * through :ciex.shell_done/1.  Only then is the next prompt shown, so the
 * counter follows iex: it moves on after a success and stays after an
 * error.
 *
 * On a pipe the shell behaves as iex does with one: prompts are printed,
 * input is not echoed, and the shell exits at the end of input. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "ciex/lang.h"
#include "ciex/vm.h"
#include "ciex/version.h"
#include "repl.h"

typedef enum repl_state { REPL_IDLE, REPL_EVALUATING } repl_state;

typedef struct repl {
    vm_runtime *rt;
    term evaluator;        /* pid */
    unsigned counter;
    char *input;           /* the lines of the current (incomplete) input */
    size_t input_len;
    char *pending;         /* lines read ahead from a pipe while evaluating */
    size_t pending_len;
    repl_state state;
    bool tty;
    bool eof;
    bool quit;
    bool prompt_shown;     /* readline's line is on the screen */
    char node_label[300];  /* "" or "foo@host" */
    char history_file[1024];
    int interrupts;        /* Ctrl+C presses not yet handled */
} repl;

static volatile sig_atomic_t sigint_count;

static void on_sigint(int sig)
{
    (void)sig;
    sigint_count++;
}

static void out(repl *r, const char *text) { vm_write_output(r->rt, text, strlen(text)); }

static void make_prompt(repl *r, bool continuation, char *buf, size_t n)
{
    if (r->node_label[0])
        snprintf(buf, n, "%s(%s)%u> ", continuation ? "..." : "iex", r->node_label, r->counter);
    else
        snprintf(buf, n, "%s(%u)> ", continuation ? "..." : "iex", r->counter);
}

static void input_append(repl *r, const char *line)
{
    size_t n = strlen(line);
    r->input = realloc(r->input, r->input_len + n + 2);
    if (!r->input) abort();
    memcpy(r->input + r->input_len, line, n);
    r->input_len += n;
    r->input[r->input_len++] = '\n';
    r->input[r->input_len] = '\0';
}

static void input_clear(repl *r)
{
    free(r->input);
    r->input = NULL;
    r->input_len = 0;
}

/* ---- prompts ---- */

static void line_handler(char *line);
static repl *active_repl; /* readline's callback has no context argument */

static void show_prompt(repl *r)
{
    char prompt[400];
    make_prompt(r, r->input_len > 0, prompt, sizeof prompt);
    if (r->tty) {
        rl_callback_handler_install(prompt, line_handler);
        r->prompt_shown = true;
    } else {
        out(r, prompt);
    }
}

static void hide_prompt(repl *r)
{
    if (r->tty && r->prompt_shown) {
        rl_callback_handler_remove();
        r->prompt_shown = false;
    }
}

/* ---- the evaluator ---- */

static void start_evaluator(repl *r)
{
    vm_module *m = vm_get_module(r->rt, term_atom("Elixir.IEx.Evaluator"));
    const vm_function *f = m ? vm_module_find(m, term_atom("loop_start"), 0) : NULL;
    if (!f) {
        fputs("ciex: internal error: no IEx.Evaluator.loop_start/0 in the prelude\n", stderr);
        exit(70);
    }
    vm_process *p = vm_spawn_code(r->rt, f->code, NULL, 0);
    term_release(r->evaluator);
    r->evaluator = term_retain(vm_process_pid(p));
}

static void submit(repl *r)
{
    term msg = term_tuple3(term_atom("eval"), term_binary_new(r->input, r->input_len), term_small(r->counter));
    input_clear(r);
    r->state = REPL_EVALUATING;
    vm_send(r->rt, r->evaluator, msg);
}

/* One complete line of input while idle. */
static void handle_line(repl *r, const char *line)
{
    if (strcmp(line, "#iex:break") == 0) {
        input_clear(r);
        show_prompt(r);
        return;
    }
    input_append(r, line);
    term ast;
    lang_error err;
    if (lang_parse(r->input, r->input_len, (int)r->counter, &ast, &err)) {
        term_release(ast);
    } else if (err.incomplete) {
        show_prompt(r); /* a continuation prompt */
        return;
    }
    /* complete, or a syntax error that the evaluator reports */
    submit(r);
}

/* Takes the next buffered pipe line while idle. */
static void drain_pending(repl *r)
{
    while (r->state == REPL_IDLE && r->pending_len > 0) {
        char *nl = memchr(r->pending, '\n', r->pending_len);
        if (!nl && !r->eof) return;
        size_t len = nl ? (size_t)(nl - r->pending) : r->pending_len;
        char *line = strndup(r->pending, len);
        size_t used = nl ? len + 1 : len;
        memmove(r->pending, r->pending + used, r->pending_len - used);
        r->pending_len -= used;
        handle_line(r, line);
        free(line);
    }
    if (r->state == REPL_IDLE && r->eof && r->pending_len == 0) r->quit = true;
}

/* :ciex.shell_done(status): the evaluator finished an input. */
static vm_status bif_shell_done(vm_process *p, const term *a, term *result)
{
    repl *r = vm_app_data(vm_process_runtime(p));
    if (a[0] == TERM_ATOM_OK) r->counter++;
    r->state = REPL_IDLE;
    show_prompt(r);
    *result = TERM_ATOM_OK;
    if (!r->tty) drain_pending(r);
    return VM_OK;
}

/* :ciex.shell_result(value): the text iex prints for a result. */
static vm_status bif_shell_result(vm_process *p, const term *a, term *result)
{
    vm_runtime *rt = vm_process_runtime(p);
    repl *r = vm_app_data(rt);
    term_inspect_opts o;
    vm_inspect_opts_init(rt, &o);
    o.colors = r->tty;
    size_t len;
    char *s = term_inspect(a[0], &o, &len);
    if (r->tty) {
        /* iex prints results in yellow */
        size_t n = len + 16;
        char *c = malloc(n);
        snprintf(c, n, "\x1b[33m%s\x1b[0m", s);
        *result = term_binary_from_cstr(c);
        free(c);
    } else {
        *result = term_binary_new(s, len);
    }
    free(s);
    return VM_OK;
}

static const vm_bif_def shell_bifs[] = {
    {"ciex", "shell_done", 1, bif_shell_done},
    {"ciex", "shell_result", 1, bif_shell_result},
    {NULL, NULL, 0, NULL},
};

/* ---- input ---- */

static void line_handler(char *line)
{
    repl *r = active_repl;
    hide_prompt(r);
    if (!line) { /* Ctrl+D at the prompt */
        r->eof = true;
        r->quit = r->state == REPL_IDLE && r->input_len == 0;
        if (!r->quit) show_prompt(r);
        out(r, "\n");
        return;
    }
    if (*line) add_history(line);
    handle_line(r, line);
    free(line);
}

static void on_stdin(vm_runtime *rt, int fd, void *ctx)
{
    repl *r = ctx;
    (void)rt;
    if (r->tty) {
        if (r->state == REPL_IDLE && r->prompt_shown) rl_callback_read_char();
        return;
    }
    char buf[65536];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) {
        if (n < 0 && errno == EINTR) return;
        r->eof = true;
        vm_unwatch_fd(r->rt, fd);
    } else {
        r->pending = realloc(r->pending, r->pending_len + (size_t)n + 1);
        memcpy(r->pending + r->pending_len, buf, (size_t)n);
        r->pending_len += (size_t)n;
    }
    drain_pending(r);
}

/* Output from processes, written above the line being edited. */
static void repl_output(void *ctx, const char *text, size_t len)
{
    repl *r = ctx;
    bool redraw = r->tty && r->prompt_shown && r->state == REPL_IDLE;
    char *saved = NULL;
    int point = 0;
    if (redraw) {
        saved = rl_copy_text(0, rl_end);
        point = rl_point;
        rl_save_prompt();
        rl_replace_line("", 0);
        rl_redisplay();
        fputs("\r\x1b[K", stdout);
    }
    fwrite(text, 1, len, stdout);
    fflush(stdout);
    if (redraw) {
        rl_restore_prompt();
        rl_replace_line(saved, 0);
        rl_point = point;
        rl_forced_update_display();
        free(saved);
    }
}

/* ---- exits of the evaluator ---- */

static void on_process_exit(void *ctx, term pid, term reason)
{
    repl *r = ctx;
    if (r->evaluator == TERM_NONE || !term_exact_equal(pid, r->evaluator)) return;
    term_inspect_opts o;
    vm_inspect_opts_init(r->rt, &o);
    char *pid_text = term_inspect(pid, &o, NULL);
    /* atoms print as Erlang would: killed, not :killed */
    char *reason_text = term_is_atom(reason) ? strdup(term_atom_name(reason)) : term_inspect(reason, &o, NULL);
    char msg[1024];
    snprintf(msg, sizeof msg, "** (EXIT from %s) shell process exited with reason: %s\n\n", pid_text, reason_text);
    free(pid_text);
    free(reason_text);
    hide_prompt(r);
    out(r, msg);
    /* iex starts a fresh shell: a new banner, and the counter from 1 */
    out(r, "Interactive Elixir (ciex " CIEX_VERSION ") - press Ctrl+C to exit (type h() ENTER for help)\n");
    r->counter = 1;
    r->state = REPL_IDLE;
    term_release(r->evaluator);
    r->evaluator = TERM_NONE;
    start_evaluator(r);
    show_prompt(r);
    if (!r->tty) drain_pending(r);
}

static bool repl_done(void *ctx)
{
    repl *r = ctx;
    if (sigint_count) {
        sigint_count = 0;
        if (r->state == REPL_EVALUATING) {
            /* interrupt the evaluation: the evaluator is replaced */
            vm_exit_signal(r->rt, r->evaluator, r->evaluator, term_atom("kill"));
        } else if (++r->interrupts >= 2) {
            r->quit = true;
        } else {
            hide_prompt(r);
            out(r, "\nBREAK: press Ctrl+C again to exit, or Enter to continue\n");
            show_prompt(r);
        }
    }
    return r->quit;
}

int repl_run(vm_runtime *rt, const char *node_label)
{
    repl *r = calloc(1, sizeof *r);
    r->rt = rt;
    r->counter = 1;
    r->evaluator = TERM_NONE;
    r->tty = isatty(0) && isatty(1);
    snprintf(r->node_label, sizeof r->node_label, "%s", node_label ? node_label : "");
    active_repl = r;
    vm_set_app_data(rt, r);
    vm_register_bifs(rt, shell_bifs);
    vm_set_output(rt, repl_output, r);
    vm_set_exit_observer(rt, on_process_exit, r);
    struct sigaction sa = {0};
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, NULL);
    if (r->tty) {
        const char *home = getenv("HOME");
        snprintf(r->history_file, sizeof r->history_file, "%s/.ciex_history", home ? home : ".");
        using_history();
        read_history(r->history_file);
        rl_catch_signals = 0;
    }
    out(r, "Interactive Elixir (ciex " CIEX_VERSION ") - press Ctrl+C to exit (type h() ENTER for help)\n");
    start_evaluator(r);
    show_prompt(r);
    vm_watch_fd(rt, 0, on_stdin, r);
    vm_run(rt, repl_done, r);
    hide_prompt(r);
    if (r->tty) {
        write_history(r->history_file);
        history_truncate_file(r->history_file, 1000);
    }
    vm_set_exit_observer(rt, NULL, NULL);
    vm_set_output(rt, NULL, NULL);
    term_release(r->evaluator);
    free(r->input);
    free(r->pending);
    free(r);
    return 0;
}
