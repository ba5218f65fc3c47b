/* repl.c - the interactive shell: prompts, input, the evaluator, Ctrl+C.
 *
 * The shell's state machine runs on the VM's one event loop:
 *
 *   IDLE ──complete input──▶ EVALUATING ──:ciex.shell_done──▶ IDLE
 *     │                          │
 *     └─Ctrl+C──▶ BREAK          └─Ctrl+C: the evaluator is killed and
 *                  (a/c/v,          replaced, "** (EXIT) interrupted"
 *                   Ctrl+C exits)
 *
 * Input lines (readline on a terminal, plain reads on a pipe) accumulate
 * until they parse as a complete input; then the text goes to the
 * evaluator process (IEx.Evaluator in the prelude), which compiles and
 * runs it with the variables bound so far, prints the result or the error
 * as iex does, and reports back through :ciex.shell_done/2.  Only then is
 * the next prompt shown, so the counter follows iex: it moves on after a
 * success and stays after an error.
 *
 * The evaluator is one process for the whole session; its pid changes
 * only when it dies (iex prints the exit, the banner, and starts again at
 * 1), on respawn/0, or when Ctrl+C interrupts an evaluation (iex's
 * "** (EXIT) interrupted": the counter stays, the variables are gone).
 *
 * On a pipe the shell behaves as iex does with one: prompts are printed,
 * input is not echoed, results are printed, and the shell exits at the
 * end of input. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ciex/lang.h"
#include "ciex/version.h"
#include "ciex/vm.h"
#include "repl.h"
#include "source.h"

static volatile sig_atomic_t sigint_count;
static volatile sig_atomic_t sigwinch_seen;
static int wake_fd = -1;

static void on_signal(int sig)
{
    int saved = errno;
    if (sig == SIGINT) sigint_count++;
    else sigwinch_seen = 1;
    if (wake_fd >= 0) {
        ssize_t ignored = write(wake_fd, "!", 1);
        (void)ignored;
    }
    errno = saved;
}

const char *repl_banner(void)
{
    return "Interactive Elixir (ciex " CIEX_VERSION ") - press Ctrl+C to exit (type h() ENTER for help)";
}

void repl_print(repl *r, const char *text) { vm_write_output(r->rt, text, strlen(text)); }

/* iex's colour for errors, on a terminal */
static void print_error_line(repl *r, const char *text)
{
    char buf[512];
    snprintf(buf, sizeof buf, r->tty ? "\x1b[31m%s\x1b[0m\n" : "%s\n", text);
    repl_print(r, buf);
}

static void break_menu(repl *r);
static void break_choice(repl *r, const char *line);

/* ---- stdin ---- */

static void on_stdin(vm_runtime *rt, int fd, void *ctx);

/* A terminal is read only while a prompt is up (keys typed during an
 * evaluation wait in the terminal); a pipe is read until its end. */
static void watch_stdin(repl *r)
{
    bool want = !r->eof && (!r->tty || r->state != REPL_EVALUATING || r->gets_from != TERM_NONE);
    if (want == r->stdin_watched) return;
    if (want) vm_watch_fd(r->rt, 0, on_stdin, r);
    else vm_unwatch_fd(r->rt, 0);
    r->stdin_watched = want;
}

/* ---- prompts ---- */

/* The prompt pattern IEx.configure set for `key` (default_prompt,
 * alive_prompt...), or NULL; borrowed from r->config. */
static const char *repl_config_string(repl *r, const char *key, size_t *len)
{
    term k = term_atom(key);
    for (term l = r->config; term_is_cons(l); l = term_tail(l)) {
        term kv = term_head(l);
        if (term_is_tuple(kv) && term_tuple_arity(kv) == 2 && term_tuple_get(kv, 0) == k &&
            term_is_binary(term_tuple_get(kv, 1))) {
            *len = term_binary_size(term_tuple_get(kv, 1));
            return (const char *)term_binary_data(term_tuple_get(kv, 1));
        }
    }
    return NULL;
}

/* iex(N)> , ...(N)> , iex(foo@host)N>: IEx.Config's prompt patterns,
 * %prefix(%counter)> and %prefix(%node)%counter> unless IEx.configure
 * changed them (a continuation prompt defaults to the prompt, with the
 * prefix "..."). */
static void make_prompt(repl *r, char *prompt, size_t n)
{
    const char *prefix = r->continuation ? "..." : "iex";
    bool alive = r->cfg.node_label[0] != '\0';
    size_t plen = 0;
    const char *pattern = NULL;
    if (r->continuation) pattern = repl_config_string(r, alive ? "alive_continuation_prompt" : "continuation_prompt", &plen);
    if (!pattern) pattern = repl_config_string(r, alive ? "alive_prompt" : "default_prompt", &plen);
    if (!pattern) {
        pattern = alive ? "%prefix(%node)%counter>" : "%prefix(%counter)>";
        plen = strlen(pattern);
    }
    size_t used = 0;
    for (size_t i = 0; i < plen && used + 1 < n; i++) {
        const char *with = NULL;
        char counter[16];
        if (strncmp(pattern + i, "%counter", 8) == 0 && plen - i >= 8) {
            snprintf(counter, sizeof counter, "%u", r->counter);
            with = counter;
            i += 7;
        } else if (strncmp(pattern + i, "%prefix", 7) == 0 && plen - i >= 7) {
            with = prefix;
            i += 6;
        } else if (strncmp(pattern + i, "%node", 5) == 0 && plen - i >= 5) {
            with = alive ? r->cfg.node_label : "nonode@nohost";
            i += 4;
        }
        if (with) used += (size_t)snprintf(prompt + used, n - used, "%s", with);
        else prompt[used++] = pattern[i];
        if (used >= n) used = n - 1;
    }
    snprintf(prompt + used, n - used, " ");
}

static void show_prompt(repl *r)
{
    if (r->batch) return; /* lines already on the screen: no prompt between them */
    char prompt[400];
    make_prompt(r, prompt, sizeof prompt);
    if (r->tty) terminal_show_prompt(r, prompt);
    else repl_print(r, prompt);
}

static void input_append(repl *r, const char *line, size_t n)
{
    r->input = ciex_xrealloc(r->input, r->input_len + n + 2, "shell");
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
    r->continuation = false;
}

/* ---- the evaluator ---- */

static term dot_iex_argument(repl *r);

/* Starts IEx.Evaluator.start(dot_iex, announce); the shell waits for its
 * :ciex.shell_done(:init, _) before the first prompt. */
static void start_evaluator(repl *r, term announce)
{
    bool remsh = r->cfg.remsh != NULL;
    const char *module = remsh ? "Elixir.IEx.Remsh" : "Elixir.IEx.Evaluator";
    vm_module *m = vm_get_module(r->rt, term_atom(module));
    const vm_function *f = m ? vm_module_find(m, term_atom(remsh ? "attach" : "start"), remsh ? 1 : 2) : NULL;
    if (!f) {
        fprintf(stderr, "ciex: internal error: no %s in the prelude\n", module + 7);
        exit(70);
    }
    term args[2] = {remsh ? term_atom(r->cfg.remsh) : dot_iex_argument(r), announce};
    if (remsh) term_release(announce);
    vm_process *p = vm_spawn_code(r->rt, f->code, args, remsh ? 1 : 2); /* takes the arguments over */
    term_release(r->evaluator);
    r->evaluator = term_retain(vm_process_pid(p));
    r->evaluator_ready = false;
    r->state = REPL_EVALUATING;
    watch_stdin(r);
}

/* Ends the current evaluator without the shell noticing (respawn). */
static void drop_evaluator(repl *r)
{
    term old = r->evaluator;
    r->evaluator = TERM_NONE;
    if (old != TERM_NONE) {
        vm_exit_signal(r->rt, old, old, term_atom("kill"));
        term_release(old);
    }
}

static void submit(repl *r)
{
    r->input[--r->input_len] = '\0'; /* the history entry has no final newline */
    if (r->tty) terminal_remember(r, r->input);
    r->input[r->input_len++] = '\n';
    term msg = term_tuple3(term_atom("$ciex_eval"), term_binary_new(r->input, r->input_len), term_small(r->counter));
    input_clear(r);
    r->state = REPL_EVALUATING;
    watch_stdin(r);
    vm_send(r->rt, r->evaluator, msg);
}

/* #iex:break abandons the input; on an empty one, iex shows a
 * continuation prompt all the same. */
static void break_input(repl *r)
{
    if (r->input_len == 0) {
        r->continuation = true;
        show_prompt(r);
        return;
    }
    char text[128];
    snprintf(text, sizeof text, "** (TokenMissingError) iex:%u: incomplete expression", r->counter);
    print_error_line(r, text);
    print_error_line(r, "");
    input_clear(r);
    show_prompt(r);
}

/* One line of input while idle. */
static void handle_one_line(repl *r, const char *line, size_t n)
{
    if (n == 10 && memcmp(line, "#iex:break", 10) == 0) {
        break_input(r);
        return;
    }
    input_append(r, line, n);
    term ast;
    lang_error err;
    if (lang_parse(r->input, r->input_len, (int)r->counter, &ast, &err)) {
        term_release(ast);
    } else if (err.incomplete) {
        r->continuation = true;
        show_prompt(r); /* a continuation prompt */
        return;
    }
    submit(r); /* complete, or a syntax error that the evaluator reports */
}

/* ---- bytes read from a pipe (or left over from a paste) ---- */

static size_t pending_size(const repl *r) { return r->pending.len - r->pending_off; }

static void pending_append(repl *r, const char *text, size_t n)
{
    if (r->pending_off > 0 && r->pending_off >= r->pending.len / 2) {
        /* drop what was handled, at most as many bytes as were taken */
        size_t rest = pending_size(r);
        memmove(r->pending.data, r->pending.data + r->pending_off, rest);
        r->pending.len = rest;
        r->pending_scanned -= r->pending_off;
        r->pending_off = 0;
    }
    ciex_buf_put(&r->pending, text, n);
}

/* Takes the next line, without its newline (the last bytes, once the input
 * ended without one), as a malloc'd copy of len bytes with room for two
 * more.  Any byte may be in it, NUL included; a CR before the newline is
 * dropped.  Returns NULL while the line
 * is still incomplete; each byte is looked at once however long the line. */
static char *pending_take_line(repl *r, size_t *len)
{
    if (pending_size(r) == 0) return NULL;
    size_t from = r->pending_scanned > r->pending_off ? r->pending_scanned : r->pending_off;
    const uint8_t *start = r->pending.data + r->pending_off;
    const uint8_t *nl = memchr(r->pending.data + from, '\n', r->pending.len - from);
    if (!nl && !r->eof) {
        r->pending_scanned = r->pending.len;
        return NULL;
    }
    size_t taken = nl ? (size_t)(nl - start) + 1 : pending_size(r);
    *len = nl ? taken - 1 : taken;
    if (nl && *len > 0 && start[*len - 1] == '\r') (*len)--; /* CRLF reads as "\n", as the BEAM's io does */
    char *line = ciex_xmalloc(*len + 2, "shell");
    memcpy(line, start, *len);
    line[*len] = '\0';
    r->pending_off += taken;
    r->pending_scanned = r->pending_off;
    return line;
}

/* ---- IO.gets: console line reads take the next input line ---- */

static void gets_answer(repl *r, term reply)
{
    term from = r->gets_from, ref = r->gets_ref;
    r->gets_from = r->gets_ref = TERM_NONE;
    vm_send(r->rt, from, term_tuple3(term_atom("io_reply"), term_retain(ref), reply));
    term_release(from);
    term_release(ref);
    watch_stdin(r);
}

static void gets_drop(repl *r)
{
    term_release(r->gets_from);
    term_release(r->gets_ref);
    r->gets_from = r->gets_ref = TERM_NONE;
}

static void drain_pending(repl *r);

/* The console's reader (vm_set_input): the prompt as iex shows it, then
 * the next line of input answers. */
static void repl_input(void *ctx, term from, term ref, term prompt)
{
    repl *r = ctx;
    if (r->gets_from != TERM_NONE && r->cfg.remsh) {
        /* the remote shell killed its reader (Ctrl+C, an evaluator's exit)
         * and asks again: the new read replaces the old */
        if (r->tty && terminal_prompt_shown()) terminal_hide_prompt(r);
        gets_drop(r);
    }
    if (r->gets_from != TERM_NONE) {
        /* one read at a time, as a group leader serves them */
        vm_send(r->rt, from, term_tuple3(term_atom("io_reply"), term_retain(ref),
                                         term_tuple2(term_atom("error"), term_atom("busy"))));
        return;
    }
    if (r->eof && pending_size(r) == 0 && r->cfg.remsh) {
        /* never :eof to a remote shell: iex's on_eof: :halt would halt its
         * node; the end of input detaches instead */
        r->quit = true;
        return;
    }
    if (r->eof && pending_size(r) == 0) {
        if (term_is_binary(prompt)) vm_write_output(r->rt, (const char *)term_binary_data(prompt), term_binary_size(prompt));
        vm_send(r->rt, from, term_tuple3(term_atom("io_reply"), term_retain(ref), term_atom("eof")));
        return;
    }
    r->gets_from = term_retain(from);
    r->gets_ref = term_retain(ref);
    char text[1024];
    size_t n = term_is_binary(prompt) ? term_binary_size(prompt) : 0;
    if (n >= sizeof text) n = sizeof text - 1;
    if (n) memcpy(text, term_binary_data(prompt), n);
    text[n] = '\0';
    if (r->tty) terminal_show_prompt(r, text);
    else repl_print(r, text);
    watch_stdin(r);
    if (!r->tty && pending_size(r) > 0) drain_pending(r);
}

/* A line from readline: several lines when a multi-line history entry or
 * a paste comes back whole.  They are on the screen already; lines left
 * once an input is complete wait for its evaluation, as typed-ahead lines
 * (drain_pending). */
void repl_line(repl *r, const char *line)
{
    if (r->state == REPL_BREAK) {
        break_choice(r, line);
        return;
    }
    size_t len = strlen(line);
    const char *p = line, *end = line + len;
    if (r->gets_from != TERM_NONE) {
        /* IO.gets takes the first line; the rest waits as typed ahead */
        const char *nl = memchr(line, '\n', len);
        size_t n = nl ? (size_t)(nl - line) : len;
        char *answer = ciex_xmalloc(n + 1, "shell");
        memcpy(answer, line, n);
        answer[n] = '\0';
        /* a remote shell's lines are its inputs: Up recalls them */
        if (r->cfg.remsh && r->tty && n > 0) terminal_remember(r, answer);
        answer[n] = '\n';
        gets_answer(r, term_binary_new(answer, n + 1));
        free(answer);
        if (nl) {
            pending_append(r, nl + 1, (size_t)(end - nl - 1));
            pending_append(r, "\n", 1);
        }
        return;
    }
    r->batch = memchr(line, '\n', len) != NULL;
    for (;;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        handle_one_line(r, p, n);
        if (!nl) break;
        p = nl + 1;
        if (r->state != REPL_IDLE) {
            pending_append(r, p, (size_t)(end - p));
            pending_append(r, "\n", 1);
            break;
        }
    }
    if (r->batch) {
        r->batch = false;
        if (r->state == REPL_IDLE) show_prompt(r);
    }
}

/* Ctrl+D on an empty line, or the end of a pipe. */
void repl_end_of_input(repl *r)
{
    if (r->cfg.remsh) {
        /* Ctrl+D (or the end of a pipe) leaves the remote shell running:
         * its :eof would halt the remote node (iex's on_eof: :halt) */
        repl_print(r, "\n");
        r->eof = true;
        r->quit = true;
        watch_stdin(r);
        return;
    }
    if (r->gets_from != TERM_NONE && r->tty) {
        /* Ctrl+D answers IO.gets with :eof; the shell goes on */
        repl_print(r, "\n");
        gets_answer(r, term_atom("eof"));
        return;
    }
    if (r->tty) repl_print(r, "\n");
    r->eof = true;
    r->quit = true;
    watch_stdin(r);
}

/* Handles the lines waiting while idle: read from a pipe (after each
 * prompt, not echoed), or left over from a paste on a terminal (shown
 * after their prompt, as if typed now). */
static void drain_pending(repl *r)
{
    while ((r->state != REPL_EVALUATING || r->gets_from != TERM_NONE) && pending_size(r) > 0) {
        size_t len;
        char *line = pending_take_line(r, &len);
        if (!line) return;
        if (r->gets_from != TERM_NONE) {
            /* the line with its newline, as IO.gets returns it */
            line[len] = '\n';
            gets_answer(r, term_binary_new(line, len + 1));
            free(line);
            continue;
        }
        if (r->tty && r->state == REPL_IDLE) {
            char prompt[400];
            make_prompt(r, prompt, sizeof prompt);
            repl_print(r, prompt);
            repl_print(r, line);
            repl_print(r, "\n");
            r->batch = true;
        }
        if (r->state == REPL_BREAK) break_choice(r, line);
        else handle_one_line(r, line, len);
        r->batch = false;
        free(line);
    }
    if (r->gets_from != TERM_NONE && r->eof && pending_size(r) == 0) {
        if (r->cfg.remsh) r->quit = true; /* detach; an :eof would halt the remote node */
        else gets_answer(r, term_atom("eof"));
    }
    if (r->tty && r->state == REPL_IDLE) show_prompt(r);
    if (r->state != REPL_EVALUATING && r->eof && pending_size(r) == 0) r->quit = true;
}

static void on_stdin(vm_runtime *rt, int fd, void *ctx)
{
    repl *r = ctx;
    (void)rt;
    if (r->tty) {
        terminal_read_key(r);
        return;
    }
    char buf[65536];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
    if (n <= 0) {
        r->eof = true;
        watch_stdin(r);
    } else {
        pending_append(r, buf, (size_t)n);
    }
    drain_pending(r);
}

/* ---- :ciex.shell_done/2: the evaluator finished an input ---- */

void repl_evaluation_done(repl *r, term status, term names)
{
    r->evaluator_ready = true;
    r->failed_starts = 0;
    term_release(r->binding_names);
    r->binding_names = term_retain(names);
    if (status == TERM_ATOM_OK) r->counter++;
    if (r->respawn_requested) {
        /* respawn/0: iex's rerun, a new evaluator and the counter from 1 */
        r->respawn_requested = false;
        drop_evaluator(r);
        r->counter = 1;
        start_evaluator(r, term_atom("respawn"));
        return;
    }
    r->state = REPL_IDLE;
    watch_stdin(r);
    if (r->tty && pending_size(r) > 0) {
        drain_pending(r); /* the rest of a paste; it shows the prompt */
        return;
    }
    show_prompt(r);
    if (!r->tty) drain_pending(r);
}

/* ---- the evaluator's exit ---- */

static void on_process_exit(void *ctx, term pid, term reason)
{
    repl *r = ctx;
    if (r->gets_from != TERM_NONE && term_exact_equal(pid, r->gets_from)) gets_drop(r); /* nobody to answer */
    if (r->evaluator == TERM_NONE || !term_exact_equal(pid, r->evaluator)) return;
    if (r->cfg.remsh) {
        /* IEx.Remsh said why it ended (the remote shell terminated, or it
         * could not start); the status tells whether it ever ran */
        if (r->tty && terminal_prompt_shown()) terminal_hide_prompt(r);
        r->exit_status = reason == term_atom("normal") ? 0 : 1;
        r->quit = true;
        return;
    }
    if (r->tty && terminal_prompt_shown()) {
        terminal_hide_prompt(r);
        repl_print(r, "\n"); /* the exit is told below the abandoned line */
    }
    input_clear(r);
    term announce;
    if (r->interrupting) {
        /* Ctrl+C: same counter, a fresh evaluator */
        r->interrupting = false;
        announce = term_atom("interrupted");
    } else {
        /* iex prints the exit and starts a new shell at 1 */
        announce = term_tuple3(term_atom("exit"), term_retain(pid), term_retain(reason));
        r->counter = 1;
    }
    term_release(r->evaluator);
    r->evaluator = TERM_NONE;
    /* an evaluator that dies before it ever reports (a broken .iex.exs
     * is reported and survived; this is ciex's own failure) would be
     * replaced for ever: after three in a row the shell gives up */
    if (!r->evaluator_ready && ++r->failed_starts >= 3) {
        term_release(announce);
        fputs("ciex: the shell's evaluator fails as it starts (the error is above); giving up\n", stderr);
        r->exit_status = 1;
        r->quit = true;
        return;
    }
    start_evaluator(r, announce);
}

/* ---- Ctrl+C ---- */

static void break_menu(repl *r)
{
    if (r->tty) terminal_hide_prompt(r);
    /* the BEAM's BREAK menu, with what ciex offers */
    repl_print(r, "\nBREAK: (a)bort (c)ontinue (v)ersion\n"
                  "       press Ctrl+C again to exit\n");
    r->state = REPL_BREAK;
    if (r->tty) terminal_show_prompt(r, "");
}

static void break_choice(repl *r, const char *line)
{
    while (*line == ' ') line++;
    if (*line == 'a' || *line == 'A' || *line == 'q') {
        r->quit = true;
        return;
    }
    if (*line == 'v') {
        repl_print(r, "ciex " CIEX_VERSION "\n");
    } else if (*line != 'c' && *line != '\0') {
        repl_print(r, "Eh?\n");
        r->state = REPL_IDLE;
        break_menu(r);
        return;
    }
    r->state = REPL_IDLE;
    show_prompt(r);
}

static void on_interrupt(repl *r)
{
    if (r->cfg.remsh) {
        /* as OTP's group does on Ctrl+C: the remote shell is sent an
         * interrupt exit, prints "** (EXIT) interrupted" and prompts again */
        if (r->evaluator != TERM_NONE) vm_send(r->rt, r->evaluator, term_atom("interrupt"));
        return;
    }
    if (r->state == REPL_EVALUATING && r->evaluator != TERM_NONE) {
        r->interrupting = true;
        vm_exit_signal(r->rt, r->evaluator, r->evaluator, term_atom("kill"));
    } else if (r->state == REPL_BREAK) {
        r->quit = true;
    } else {
        break_menu(r);
    }
}

static void on_wake(vm_runtime *rt, int fd, void *ctx)
{
    (void)rt;
    (void)ctx;
    char buf[64];
    while (read(fd, buf, sizeof buf) > 0) continue;
}

static bool repl_done(void *ctx)
{
    repl *r = ctx;
    if (sigwinch_seen) {
        sigwinch_seen = 0;
        if (r->tty) terminal_resize(r);
    }
    while (sigint_count > 0 && !r->quit) {
        sigint_count--;
        on_interrupt(r);
    }
    return r->quit;
}

/* ---- setup ---- */

static bool regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The file iex evaluates at start: --dot-iex FILE ("" for none), else
 * .iex.exs of the current directory, else of the home directory. */
static bool find_dot_iex(repl *r, char *name, size_t n)
{
    const char *home = getenv("HOME");
    if (r->cfg.dot_iex) snprintf(name, n, "%s", r->cfg.dot_iex);
    else if (regular_file(".iex.exs")) snprintf(name, n, ".iex.exs");
    else if (home) snprintf(name, n, "%s/.iex.exs", home);
    else return false;
    return name[0] && regular_file(name);
}

/* The evaluator's first argument: {absolute path, name in messages,
 * source} of the file to evaluate at start, or nil. */
static term dot_iex_argument(repl *r)
{
    char path[PATH_MAX], name[PATH_MAX];
    size_t len;
    char *src = find_dot_iex(r, name, sizeof name) ? shell_read_file(name, &len) : NULL;
    if (!src) return term_atom("nil");
    if (!realpath(name, path)) snprintf(path, sizeof path, "%s", name);
    term arg = term_tuple_new(3);
    term_tuple_init(arg, 0, term_binary_from_cstr(path));
    term_tuple_init(arg, 1, term_binary_from_cstr(name));
    term_tuple_init(arg, 2, term_binary_new(src, len));
    free(src);
    return arg;
}

static void repl_output(void *ctx, const char *text, size_t len)
{
    repl *r = ctx;
    if (r->tty) {
        terminal_write(r, text, len);
    } else {
        fwrite(text, 1, len, stdout);
        fflush(stdout);
    }
}

static void install_signals(repl *r)
{
    if (pipe(r->wake_pipe) == 0) {
        for (int i = 0; i < 2; i++) {
            fcntl(r->wake_pipe[i], F_SETFL, O_NONBLOCK);
            fcntl(r->wake_pipe[i], F_SETFD, FD_CLOEXEC);
        }
        wake_fd = r->wake_pipe[1];
        vm_watch_fd(r->rt, r->wake_pipe[0], on_wake, r);
    }
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGWINCH, &sa, NULL);
}

static void remove_signals(repl *r)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGWINCH, SIG_DFL);
    wake_fd = -1;
    if (r->wake_pipe[0] > 0) {
        vm_unwatch_fd(r->rt, r->wake_pipe[0]);
        close(r->wake_pipe[0]);
        close(r->wake_pipe[1]);
    }
}

static void ignore_input(void *ctx, term from, term ref, term prompt)
{
    (void)ctx;
    (void)from;
    (void)ref;
    (void)prompt;
}

static void print_banner(repl *r)
{
    if (r->tty) {
        /* where iex shows the emulator's line */
        repl_print(r, "ciex " CIEX_VERSION " [Elixir 1.14 subset] [Erlang distribution: OTP 25] [readline]\n\n");
    }
    repl_print(r, repl_banner());
    repl_print(r, "\n");
}

int repl_run(vm_runtime *rt, const repl_config *cfg)
{
    repl *r = ciex_xcalloc(1, sizeof *r, "shell");
    r->rt = rt;
    r->cfg = *cfg;
    r->counter = 1;
    r->evaluator = TERM_NONE;
    r->binding_names = TERM_NIL;
    r->config = TERM_NIL;
    r->gets_from = r->gets_ref = TERM_NONE;
    r->tty = isatty(0) && isatty(1);
    r->started_ms = vm_now_ms();
    vm_set_app_data(rt, r);
    vm_set_output(rt, repl_output, r);
    vm_set_input(rt, repl_input, r);
    vm_set_exit_observer(rt, on_process_exit, r);
    install_signals(r);
    if (r->tty) terminal_start(r);
    if (!cfg->remsh) print_banner(r); /* else the remote shell prints its own */
    start_evaluator(r, term_atom("nil"));
    vm_run(rt, repl_done, r);
    if (r->tty) terminal_stop(r);
    remove_signals(r);
    vm_set_exit_observer(rt, NULL, NULL);
    vm_set_output(rt, NULL, NULL);
    /* a remote shell's read that comes while the node stops is not
     * answered: the default reader's :eof would halt the remote node */
    vm_set_input(rt, cfg->remsh ? ignore_input : NULL, NULL);
    gets_drop(r);
    vm_set_app_data(rt, NULL);
    if (r->stdin_watched) vm_unwatch_fd(rt, 0);
    term_release(r->evaluator);
    term_release(r->binding_names);
    term_release(r->config);
    free(r->input);
    ciex_buf_free(&r->pending);
    int status = r->exit_status;
    free(r);
    return status;
}
