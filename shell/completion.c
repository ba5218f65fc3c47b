/* completion.c - Tab completion, as iex completes.
 *
 * The word before the cursor (letters, digits and _ ? ! . : @) is one of:
 *
 *   Mod.fun   Mod.  :erl.fun   the functions a module exports, shown with
 *                              their arities (`Node.` lists alive?/0
 *                              connect/1 ...), and an Elixir module's
 *                              submodules
 *   Mod  :erl                  module names
 *   name                       variables bound at the prompt, and the
 *                              functions of Kernel and IEx.Helpers
 *
 * One candidate is completed; several are completed as far as they agree,
 * and listed when they do not agree on anything more, in the columns of
 * OTP's edlin_expand:format_matches (the widest entry plus 4, 79 columns).
 * A complete module name gets its ".", and a complete function name lists
 * its arities, as iex does.  Readline's own completer is not used: its
 * idea of words and its second-Tab listing are not iex's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

#include "introspect.h"
#include "repl.h"

static repl *active;

typedef struct candidate {
    char *name;    /* what completing inserts: "connect", "Node", "foo" */
    char *display; /* what the list shows: "connect/1", "Node", "foo" */
    bool module;
} candidate;

typedef struct candidates {
    vm_runtime *rt;
    term binding_names; /* the variables that may be completed (borrowed) */
    candidate *items;
    size_t n, cap;
} candidates;

static void add(candidates *c, const char *name, const char *display, bool module)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->items[i].display, display) == 0) return;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        c->items = ciex_xrealloc(c->items, c->cap * sizeof *c->items, "shell");
    }
    c->items[c->n++] = (candidate){ciex_xstrdup(name, "shell"), ciex_xstrdup(display, "shell"), module};
}

static void free_candidates(candidates *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->items[i].name);
        free(c->items[i].display);
    }
    free(c->items);
}

static bool starts_with(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

/* Functions of `mod` whose names start with prefix; "_" names stay hidden
 * unless asked for. */
static void add_functions(candidates *c, term mod, const char *prefix)
{
    term exports = shell_module_exports(c->rt, mod);
    for (term l = exports; term_is_cons(l); l = term_tail(l)) {
        const char *name = term_atom_name(term_tuple_get(term_head(l), 0));
        if (!starts_with(name, prefix) || (name[0] == '_' && prefix[0] != '_')) continue;
        char display[300];
        snprintf(display, sizeof display, "%s/%ld", name, (long)term_small_value(term_tuple_get(term_head(l), 1)));
        add(c, name, display, false);
    }
    term_release(exports);
}

/* Modules whose full name starts with `scope` (e.g. "Elixir.IEx."), by
 * their next segment starting with prefix. */
static void add_modules(candidates *c, const char *scope, const char *prefix, bool elixir)
{
    term mods = shell_loaded_modules(c->rt);
    size_t scope_len = strlen(scope);
    for (term l = mods; term_is_cons(l); l = term_tail(l)) {
        const char *full = term_atom_name(term_head(l));
        if (elixir != starts_with(full, "Elixir.") || strncmp(full, scope, scope_len) != 0) continue;
        const char *rest = full + scope_len;
        if (!starts_with(rest, prefix) || !*rest) continue;
        char segment[256];
        size_t n = strcspn(rest, elixir ? "." : "");
        snprintf(segment, sizeof segment, "%.*s", (int)n, rest);
        add(c, segment, segment, true);
    }
    term_release(mods);
}

static void add_variables(candidates *c, const char *prefix)
{
    for (term l = c->binding_names; term_is_cons(l); l = term_tail(l)) {
        if (!term_is_atom(term_head(l))) continue;
        const char *name = term_atom_name(term_head(l));
        if (starts_with(name, prefix) && name[0] != '_') add(c, name, name, false);
    }
}

/* The candidates for `word`; *prefix points at the part being completed. */
static void find_candidates(const char *word, const char **prefix, candidates *c)
{
    const char *dot = strrchr(word, '.');
    if (dot) {
        *prefix = dot + 1;
        char mod[512];
        bool erlang = word[0] == ':';
        if (!erlang && !(word[0] >= 'A' && word[0] <= 'Z')) return; /* a variable's field */
        snprintf(mod, sizeof mod, "%s%.*s", erlang ? "" : "Elixir.", (int)(dot - word - erlang), word + erlang);
        add_functions(c, term_atom(mod), *prefix);
        if (!erlang) {
            char scope[520];
            snprintf(scope, sizeof scope, "%s.", mod);
            add_modules(c, scope, *prefix, true);
        }
    } else if (word[0] == ':') {
        *prefix = word + 1;
        add_modules(c, "", *prefix, false);
    } else if (word[0] >= 'A' && word[0] <= 'Z') {
        *prefix = word;
        add_modules(c, "Elixir.", *prefix, true);
    } else {
        *prefix = word;
        if (!*word) return; /* iex completes nothing on an empty word */
        add_variables(c, *prefix);
        add_functions(c, term_atom("Elixir.Kernel"), *prefix);
        add_functions(c, term_atom("Elixir.IEx.Helpers"), *prefix);
    }
}

/* ---- showing ---- */

static int compare_display(const void *a, const void *b)
{
    return strcmp(((const candidate *)a)->display, ((const candidate *)b)->display);
}

/* edlin_expand:format_matches: columns of the widest entry plus 4. */
static void format_list(candidates *c, char **out, size_t *out_len)
{
    qsort(c->items, c->n, sizeof *c->items, compare_display);
    size_t widest = 0;
    for (size_t i = 0; i < c->n; i++)
        if (strlen(c->items[i].display) > widest) widest = strlen(c->items[i].display);
    size_t width = widest < 76 ? widest + 4 : 79, used = 0;
    FILE *f = open_memstream(out, out_len);
    for (size_t i = 0; i < c->n; i++) {
        if (used > 0 && used + width > 79) {
            fputc('\n', f);
            used = 0;
        }
        fprintf(f, "%-*s", (int)width, c->items[i].display);
        used += width;
    }
    fputc('\n', f);
    fclose(f);
}

/* Prints the list below the line, then the prompt and the line again. */
static void show_list(candidates *c)
{
    char *text;
    size_t len;
    format_list(c, &text, &len);
    int point = rl_point;
    rl_point = rl_end;
    rl_redisplay();
    fputc('\n', rl_outstream);
    fwrite(text, 1, len, rl_outstream);
    fflush(rl_outstream);
    free(text);
    rl_on_new_line();
    rl_point = point;
    rl_redisplay();
}

/* ---- the Tab key ---- */

static size_t word_start(const char *line, size_t point)
{
    size_t i = point;
    while (i > 0) {
        char ch = line[i - 1];
        bool word = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
                    ch == '.' || ch == ':' || ch == '?' || ch == '!' || ch == '@';
        if (!word) break;
        i--;
    }
    return i;
}

static size_t common_length(candidates *c)
{
    size_t n = strlen(c->items[0].name);
    for (size_t i = 1; i < c->n; i++) {
        size_t k = 0;
        while (k < n && c->items[i].name[k] == c->items[0].name[k]) k++;
        n = k;
    }
    return n;
}

static int complete_key(int count, int key)
{
    (void)count;
    (void)key;
    char *before = rl_copy_text(0, rl_point);
    const char *prefix = "";
    candidates c = {.rt = active->rt, .binding_names = active->binding_names};
    find_candidates(before + word_start(before, strlen(before)), &prefix, &c);
    size_t typed = strlen(prefix);
    if (c.n == 0) {
        rl_ding();
    } else {
        size_t common = common_length(&c);
        bool one_name = common == strlen(c.items[0].name);
        for (size_t i = 1; one_name && i < c.n; i++) one_name = strcmp(c.items[i].name, c.items[0].name) == 0;
        if (common > typed) {
            char *ins = ciex_xstrndup(c.items[0].name + typed, common - typed, "shell");
            rl_insert_text(ins);
            free(ins);
        } else if (one_name && c.items[0].module) {
            rl_insert_text(".");
        } else {
            show_list(&c);
        }
    }
    free_candidates(&c);
    free(before);
    return 0;
}

/* ---- for a terminal on another node ---- */

/* :ciex.shell_expand(reversed_charlist): what IEx.Autocomplete.expand/1
 * answers the `group` of a terminal on another node (`iex --remsh`) when
 * Tab is pressed there: {:yes, insert, []} when the word can be
 * completed further, {:no, '', entries} to list the candidates (the
 * group lays them out in edlin's columns), {:no, '', []} for nothing.
 * The variables of the remote shell's evaluator are not completed. */
static vm_status bif_shell_expand(vm_process *p, const term *a, term *result)
{
    char before[1024];
    size_t n = 0;
    for (term l = a[0]; term_is_cons(l); l = term_tail(l)) {
        if (!term_is_small(term_head(l))) return vm_badarg(p);
        if (n < sizeof before - 1) before[n++] = (char)term_small_value(term_head(l));
    }
    for (size_t i = 0; i < n / 2; i++) {
        char t = before[i];
        before[i] = before[n - 1 - i];
        before[n - 1 - i] = t;
    }
    before[n] = 0;
    const char *prefix = "";
    candidates c = {.rt = vm_process_runtime(p), .binding_names = TERM_NIL};
    find_candidates(before + word_start(before, n), &prefix, &c);
    size_t typed = strlen(prefix);
    term yes = term_atom("yes"), no = term_atom("no");
    if (c.n == 0) {
        *result = term_tuple3(no, TERM_NIL, TERM_NIL);
    } else {
        size_t common = common_length(&c);
        bool one_name = common == strlen(c.items[0].name);
        for (size_t i = 1; one_name && i < c.n; i++) one_name = strcmp(c.items[i].name, c.items[0].name) == 0;
        if (common > typed) {
            *result = term_tuple3(yes, term_charlist_from_utf8(c.items[0].name + typed, common - typed), TERM_NIL);
        } else if (one_name && c.items[0].module) {
            *result = term_tuple3(yes, term_charlist_from_utf8(".", 1), TERM_NIL);
        } else {
            qsort(c.items, c.n, sizeof *c.items, compare_display);
            term entries = TERM_NIL;
            for (size_t i = c.n; i > 0; i--)
                entries = term_cons_new(term_charlist_from_utf8(c.items[i - 1].display, strlen(c.items[i - 1].display)), entries);
            *result = term_tuple3(no, TERM_NIL, entries);
        }
    }
    free_candidates(&c);
    return VM_OK;
}

static const vm_bif_def completion_bifs[] = {
    {"ciex", "shell_expand", 1, bif_shell_expand},
    {NULL, NULL, 0, NULL},
};

void completion_register(vm_runtime *rt) { vm_register_bifs(rt, completion_bifs); }

void completion_install(repl *r)
{
    active = r;
    rl_bind_key('\t', complete_key);
}
