/* terminal.c - the shell on a terminal: GNU readline in callback mode.
 *
 * readline never blocks: the VM's event loop polls stdin with everything
 * else and hands each byte to rl_callback_read_char, so processes keep
 * running while the user types.  Three things need care:
 *
 *   - Output from processes while a prompt is up is written above the
 *     line being edited: the line is cleared, the text written, and the
 *     prompt with the user's text and cursor drawn again below it.
 *   - History is one entry per input, so a multi-line input (a defmodule)
 *     comes back whole with Up.  The file (~/.ciex_history) keeps
 *     timestamps, which is how readline keeps multi-line entries apart;
 *     each entry is appended as it is made, so a crash loses nothing.
 *   - The terminal is given back as it was found, also when the program
 *     ends through System.halt (an atexit handler).  While ciex runs, the
 *     terminal does not echo ^C, so that an interrupt message starts at
 *     the beginning of its line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "repl.h"

#define HISTORY_ENTRIES 1000

static repl *active;          /* readline's callbacks carry no context */
static bool prompt_shown;     /* a line handler is installed and drawn */
static char history_file[1024];
static struct termios saved_termios;
static bool termios_saved;

bool terminal_prompt_shown(void) { return prompt_shown; }

static void restore_terminal(void)
{
    if (prompt_shown) {
        rl_callback_handler_remove();
        prompt_shown = false;
    }
    if (termios_saved) tcsetattr(0, TCSADRAIN, &saved_termios);
    termios_saved = false;
}

static void quiet_ctrl_c(void)
{
    if (tcgetattr(0, &saved_termios) != 0) return;
    termios_saved = true;
    struct termios t = saved_termios;
    t.c_lflag &= ~(tcflag_t)ECHOCTL;
    tcsetattr(0, TCSADRAIN, &t);
}

static void load_history(void)
{
    const char *home = getenv("HOME");
    snprintf(history_file, sizeof history_file, "%s/.ciex_history", home && *home ? home : ".");
    using_history();
    history_comment_char = '#'; /* timestamps are written only with a comment character */
    history_write_timestamps = 1;
    history_multiline_entries = 1;
    read_history(history_file);
}

static void line_handler(char *line);

void terminal_start(repl *r)
{
    active = r;
    rl_readline_name = "ciex";
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    load_history();
    completion_install(r);
    quiet_ctrl_c();
    atexit(restore_terminal);
}

void terminal_stop(repl *r)
{
    (void)r;
    restore_terminal();
    history_truncate_file(history_file, HISTORY_ENTRIES);
}

void terminal_show_prompt(repl *r, const char *prompt)
{
    (void)r;
    rl_callback_handler_install(prompt, line_handler);
    prompt_shown = true;
}

/* Takes the prompt off readline; what is on the screen stays. */
void terminal_hide_prompt(repl *r)
{
    (void)r;
    if (!prompt_shown) return;
    rl_callback_handler_remove();
    prompt_shown = false;
}

void terminal_read_key(repl *r)
{
    (void)r;
    if (prompt_shown) rl_callback_read_char();
}

/* A complete input for the history (and its file). */
void terminal_remember(repl *r, const char *entry)
{
    (void)r;
    if (!*entry) return;
    HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    if (last && strcmp(last->line, entry) == 0) return; /* no repeats, as shells do */
    add_history(entry);
    if (append_history(1, history_file) != 0) write_history(history_file);
}

/* Output while the prompt is up: clear the edited line, write the text,
 * draw the prompt and the line again under it. */
void terminal_write(repl *r, const char *text, size_t len)
{
    (void)r;
    if (!prompt_shown) {
        fwrite(text, 1, len, stdout);
        fflush(stdout);
        return;
    }
    char *saved = rl_copy_text(0, rl_end);
    int point = rl_point;
    rl_replace_line("", 0);
    rl_redisplay();
    rl_clear_visible_line();
    fwrite(text, 1, len, stdout);
    if (len > 0 && text[len - 1] != '\n') fputc('\n', stdout);
    fflush(stdout);
    rl_on_new_line();
    rl_replace_line(saved, 0);
    rl_point = point;
    rl_redisplay();
    free(saved);
}

void terminal_resize(repl *r)
{
    (void)r;
    rl_resize_terminal();
}

/* ---- lines ---- */

static void line_handler(char *line)
{
    repl *r = active;
    terminal_hide_prompt(r);
    if (!line) {
        repl_end_of_input(r);
        return;
    }
    repl_line(r, line);
    free(line);
}
