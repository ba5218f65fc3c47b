/* transcript.c - reads a transcript (see transcript.h) into steps.
 *
 * One pass over the lines, with one input open at a time: a prompt line
 * opens an input (and closes the one before), its continuation lines
 * extend it, other lines are its expected output until a prompt, a `$`
 * line or the end of a code block closes it.  Lines that belong to no
 * input (a banner after `$ iex`, "Last login: ...") are not read. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/term.h"
#include "transcript.h"

static void *xrealloc(void *p, size_t n)
{
    p = ciex_xrealloc(p, n ? n : 1, "shell");
    return p;
}

static char *xstrndup(const char *s, size_t n)
{
    char *d = xrealloc(NULL, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void transcript_node_short(const char *node, char *out, size_t n)
{
    const char *at = strchr(node, '@');
    size_t l = at ? (size_t)(at - node) : strlen(node);
    snprintf(out, n, "%.*s", (int)l, node);
}

/* ---- lines ---- */

static void split_lines(const char *text, size_t len, transcript *t)
{
    size_t cap = 0;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (l > 0 && p[l - 1] == '\r') l--;
        if (t->nlines == cap) t->lines = xrealloc(t->lines, (cap = cap ? cap * 2 : 64) * sizeof *t->lines);
        t->lines[t->nlines++] = xstrndup(p, l);
        if (!nl) break;
        p = nl + 1;
    }
    t->final_newline = len > 0 && text[len - 1] == '\n';
}

static bool is_blank(const char *s)
{
    while (*s && isspace((unsigned char)*s)) s++;
    return *s == '\0';
}

int transcript_fence(const char *s, char *ch)
{
    int indent = 0;
    while (*s == ' ' && indent < 4) s++, indent++;
    if (indent > 3 || (*s != '`' && *s != '~')) return 0;
    int n = 0;
    while (s[n] == *s) n++;
    if (n < 3) return 0;
    *ch = *s;
    return n;
}

/* ---- prompts ---- */

typedef struct prompt {
    bool continuation; /* ...(node)N> */
    const char *node;  /* start of the name inside the parentheses ("" form: NULL) */
    size_t node_len;
    int counter;
    const char *rest;  /* the input text after "> " */
} prompt;

/* iex(foo@host)N> rest, iex(N)> rest, and their ...( continuations. */
static bool parse_prompt(const char *s, prompt *p)
{
    memset(p, 0, sizeof *p);
    if (strncmp(s, "iex(", 4) == 0) s += 4;
    else if (strncmp(s, "...(", 4) == 0) s += 4, p->continuation = true;
    else return false;
    const char *close = strchr(s, ')');
    if (!close || close == s) return false;
    const char *digits;
    if (isdigit((unsigned char)*s)) { /* iex(N)> */
        for (const char *q = s; q < close; q++)
            if (!isdigit((unsigned char)*q)) return false;
        digits = s;
        if (close[1] != '>') return false;
        p->rest = close + 2;
    } else {
        for (const char *q = s; q < close; q++)
            if (isspace((unsigned char)*q) || *q == '(') return false;
        p->node = s;
        p->node_len = (size_t)(close - s);
        digits = close + 1;
        const char *q = digits;
        while (isdigit((unsigned char)*q)) q++;
        if (q == digits || *q != '>') return false;
        p->rest = q + 1;
    }
    p->counter = atoi(digits);
    if (*p->rest == ' ') p->rest++;
    return true;
}

/* ---- `$` lines ---- */

/* The command after "$ " when the line is a shell prompt line: it starts
 * with "$" or with a prompt such as "sven@pathfinder ~ $" (no quotes or
 * brackets, so that no Elixir output is taken for one).  NULL otherwise. */
static const char *shell_command(const char *s)
{
    const char *dollar = strchr(s, '$');
    if (!dollar) return NULL;
    if (dollar != s) {
        if (dollar[-1] != ' ' || isspace((unsigned char)*s)) return NULL;
        for (const char *q = s; q < dollar; q++)
            if (!isalnum((unsigned char)*q) && !strchr("_@.~/:+- ", *q)) return NULL;
    }
    if (dollar[1] != ' ' && dollar[1] != '\0') return NULL;
    return dollar[1] ? dollar + 2 : dollar + 1;
}

/* Splits a command into words ("..." and '...' quote). */
static size_t split_words(const char *s, char ***out)
{
    size_t n = 0;
    char **words = NULL;
    while (*s) {
        while (isspace((unsigned char)*s)) s++;
        if (!*s) break;
        char *w = xrealloc(NULL, strlen(s) + 1);
        size_t l = 0;
        char quote = 0;
        for (; *s && (quote || !isspace((unsigned char)*s)); s++) {
            if (quote && *s == quote) quote = 0;
            else if (!quote && (*s == '"' || *s == '\'')) quote = *s;
            else w[l++] = *s;
        }
        w[l] = '\0';
        words = xrealloc(words, (n + 1) * sizeof *words);
        words[n++] = w;
    }
    *out = words;
    return n;
}

static void free_words(char **w, size_t n)
{
    for (size_t i = 0; i < n; i++) free(w[i]);
    free(w);
}

/* ---- the parser ---- */

typedef struct parser {
    transcript *t;
    transcript_step *open; /* the input whose lines are being read */
    bool in_input;         /* the last line read was one of its prompt lines */
    bool short_names;      /* a node starts with --sname */
    char *err;
    size_t errlen;
    int *errline;
} parser;

static bool fail(parser *ps, int line, const char *fmt, const char *arg)
{
    snprintf(ps->err, ps->errlen, fmt, arg);
    *ps->errline = line;
    return false;
}

static transcript_step *add_step(transcript *t, transcript_step_kind kind, int lineno)
{
    t->steps = xrealloc(t->steps, (t->nsteps + 1) * sizeof *t->steps);
    transcript_step *s = &t->steps[t->nsteps++];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->lineno = lineno;
    return s;
}

static void add_host(transcript *t, const char *host)
{
    for (size_t i = 0; i < t->nhosts; i++)
        if (strcmp(t->hosts[i], host) == 0) return;
    t->hosts = xrealloc(t->hosts, (t->nhosts + 1) * sizeof *t->hosts);
    t->hosts[t->nhosts++] = ciex_xstrdup(host, "shell");
}

/* The START step of the node an input at step index `before` goes to. */
static const transcript_step *started_node(const transcript *t, const char *node)
{
    char name[256];
    transcript_node_short(node, name, sizeof name);
    for (size_t i = t->nsteps; i-- > 0;)
        if (t->steps[i].kind == TRANSCRIPT_START && strcmp(t->steps[i].node, name) == 0) return &t->steps[i];
    return NULL;
}

static bool all_digits(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s)) return false;
    return true;
}

/* `$ kill -9 NODE`, `$ kill -STOP NODE`, `$ kill -CONT NODE`, `$ cut A B`,
 * `$ heal A B`: false (with the error set) when malformed; a kill of a
 * process number is another command, which is not read. */
static bool read_fault(parser *ps, char **words, size_t n, int lineno, const char *command)
{
    bool kill = strcmp(words[0], "kill") == 0;
    if (kill && n >= 2 && all_digits(words[n - 1])) return true;
    transcript_fault fault;
    if (kill) {
        const char *sig = n == 3 ? words[1] : "";
        if (strcmp(sig, "-9") == 0 || strcmp(sig, "-KILL") == 0) fault = FAULT_KILL;
        else if (strcmp(sig, "-STOP") == 0) fault = FAULT_STOP;
        else if (strcmp(sig, "-CONT") == 0) fault = FAULT_CONTINUE;
        else return fail(ps, lineno, "`$ %s`: a node is killed with `kill -9 NODE`, stopped with `kill -STOP NODE` "
                                     "and continued with `kill -CONT NODE`", command);
    } else {
        if (n != 3) return fail(ps, lineno, "`$ %s`: the link between two nodes is cut with `cut NODE NODE` and "
                                            "healed with `heal NODE NODE`", command);
        fault = strcmp(words[0], "cut") == 0 ? FAULT_CUT : FAULT_HEAL;
    }
    const char *a = words[kill ? 2 : 1], *b = kill ? NULL : words[2];
    if (!started_node(ps->t, a)) return fail(ps, lineno, "`$ %s`: no `$ iex` or `$ ciex` line started that node", command);
    if (b && !started_node(ps->t, b)) return fail(ps, lineno, "`$ %s`: no `$ iex` or `$ ciex` line started that node", command);
    char name[256];
    transcript_step *s = add_step(ps->t, TRANSCRIPT_FAULT, lineno);
    s->fault = fault;
    transcript_node_short(a, name, sizeof name);
    s->node = ciex_xstrdup(name, "shell");
    if (b) {
        transcript_node_short(b, name, sizeof name);
        s->node2 = ciex_xstrdup(name, "shell");
        if (strcmp(s->node, s->node2) == 0) return fail(ps, lineno, "`$ %s`: a link is between two nodes", command);
    }
    s->command = ciex_xstrdup(command, "shell");
    return true;
}

static bool read_start(parser *ps, const char *command, int lineno)
{
    char **words;
    size_t n = split_words(command, &words);
    const char *prog = n ? strrchr(words[0], '/') : NULL;
    prog = prog ? prog + 1 : n ? words[0] : "";
    if (n && (strcmp(words[0], "kill") == 0 || strcmp(words[0], "cut") == 0 || strcmp(words[0], "heal") == 0)) {
        bool ok = read_fault(ps, words, n, lineno, command);
        free_words(words, n);
        return ok;
    }
    if (strcmp(prog, "iex") != 0 && strcmp(prog, "ciex") != 0) {
        free_words(words, n);
        return true; /* ssh enterprise, cd ..., and so on */
    }
    transcript_step *s = add_step(ps->t, TRANSCRIPT_START, lineno);
    s->ciex = strcmp(prog, "ciex") == 0;
    s->node = ciex_xstrdup("", "shell");
    s->args = xrealloc(NULL, n * sizeof *s->args);
    const char *problem = NULL, *what = NULL;
    for (size_t i = 1; i < n && !problem; i++) {
        const char *w = words[i], *v = i + 1 < n ? words[i + 1] : NULL;
        bool with_value = strcmp(w, "--sname") == 0 || strcmp(w, "--name") == 0 || strcmp(w, "-S") == 0 ||
                          strcmp(w, "--cookie") == 0;
        bool long_name = strcmp(w, "--name") == 0, short_name = strcmp(w, "--sname") == 0;
        what = w;
        if (with_value && !v) problem = "%s needs a value";
        else if (long_name && (!strchr(v, '@') || strchr(v, '@') == v)) problem = "--name %s: a long name is name@host";
        else if ((long_name && ps->short_names) || (short_name && ps->t->long_names))
            problem = "%s: nodes with short names (--sname) and long names (--name) cannot meet in one cluster";
        else if (strcmp(w, "-S") == 0 && strcmp(v, "mix") != 0) problem = "-S %s: only -S mix is known";
        else if (strcmp(w, "--sname") == 0 && strchr(v, '@')) problem = "--sname %s: a short name has no host";
        if (problem && with_value && v) what = v;
        if (problem) break;
        if (strcmp(w, "-S") == 0) {
            s->mix = true;
            i++;
            continue;
        }
        if (short_name) {
            free(s->node);
            s->node = ciex_xstrdup(v, "shell");
            ps->short_names = true;
        }
        if (long_name) {
            /* the name part; its host is one of the transcript's hosts */
            free(s->node);
            s->node = ciex_xstrndup(v, (size_t)(strchr(v, '@') - v), "shell");
            add_host(ps->t, strchr(v, '@') + 1);
            ps->t->long_names = true;
        }
        s->args[s->nargs++] = ciex_xstrdup(w, "shell");
        if (with_value) s->args[s->nargs++] = ciex_xstrdup(words[++i], "shell");
    }
    bool ok = problem ? fail(ps, lineno, problem, what) : true;
    free_words(words, n);
    return ok;
}

static bool read_prompt(parser *ps, const prompt *p, size_t i)
{
    transcript *t = ps->t;
    int lineno = (int)i + 1;
    char node[256];
    if (p->node_len >= sizeof node) return fail(ps, lineno, "%s", "node name too long");
    snprintf(node, sizeof node, "%.*s", (int)p->node_len, p->node ? p->node : "");
    if (p->continuation) {
        transcript_step *s = ps->open;
        if (!s || !ps->in_input)
            return fail(ps, lineno, "%s", "a continuation line (...>) without the input line it continues");
        if (strcmp(s->node, node) != 0 || s->counter != p->counter)
            return fail(ps, lineno, "%s", "a continuation line whose prompt differs from its input line's");
        size_t have = strlen(s->input), more = strlen(p->rest);
        s->input = xrealloc(s->input, have + more + 2);
        memcpy(s->input + have, p->rest, more);
        strcpy(s->input + have + more, "\n");
        s->last_line = (int)i;
        s->out_begin = s->out_end = (int)i + 1;
        return true;
    }
    if (!started_node(t, node)) {
        if (*node) return fail(ps, lineno, "an input to %s, which no `$ iex` or `$ ciex` line started", node);
        return fail(ps, lineno, "%s", "an input to an unnamed node (iex(N)>), which no `$ iex` line started");
    }
    const char *at = strchr(node, '@');
    if (at && at[1]) add_host(t, at + 1);
    transcript_step *s = add_step(t, TRANSCRIPT_INPUT, lineno);
    s->node = ciex_xstrdup(node, "shell");
    s->counter = p->counter;
    s->input = xrealloc(NULL, strlen(p->rest) + 2);
    strcpy(s->input, p->rest);
    strcat(s->input, "\n");
    s->first_line = s->last_line = (int)i;
    s->out_begin = s->out_end = (int)i + 1;
    ps->open = s;
    ps->in_input = true;
    return true;
}

static void read_output(parser *ps, size_t i)
{
    transcript_step *s = ps->open;
    ps->in_input = false;
    if (!s || is_blank(ps->t->lines[i])) return;
    s->expected = xrealloc(s->expected, (s->nexpected + 1) * sizeof *s->expected);
    s->expected[s->nexpected++] = (transcript_line){ps->t->lines[i], (int)i + 1};
    s->out_end = (int)i + 1;
}

static bool read_line(parser *ps, size_t i)
{
    const char *line = ps->t->lines[i];
    prompt p;
    if (parse_prompt(line, &p)) return read_prompt(ps, &p, i);
    const char *command = shell_command(line);
    if (command) {
        ps->open = NULL;
        return read_start(ps, command, (int)i + 1);
    }
    read_output(ps, i);
    return true;
}

bool transcript_parse(const char *text, size_t len, bool markdown, transcript *t, char *err, size_t errlen,
                      int *errline)
{
    memset(t, 0, sizeof *t);
    split_lines(text, len, t);
    parser ps = {.t = t, .err = err, .errlen = errlen, .errline = errline};
    char fence_ch = 0;
    int fence_len = 0, fence_line = 0;
    for (size_t i = 0; i < t->nlines; i++) {
        char ch;
        int flen = markdown ? transcript_fence(t->lines[i], &ch) : 0;
        if (flen && !fence_len) {
            fence_ch = ch, fence_len = flen, fence_line = (int)i + 1;
            continue;
        }
        if (flen && ch == fence_ch && flen >= fence_len && is_blank(t->lines[i] + strspn(t->lines[i], " ") + flen)) {
            fence_len = 0;
            ps.open = NULL;
            continue;
        }
        if (markdown && !fence_len) continue;
        if (!read_line(&ps, i)) return false;
    }
    if (fence_len) {
        *errline = fence_line;
        snprintf(err, errlen, "this code block is not closed");
        return false;
    }
    return true;
}

void transcript_free(transcript *t)
{
    for (size_t i = 0; i < t->nsteps; i++) {
        transcript_step *s = &t->steps[i];
        free(s->node);
        free(s->node2);
        free(s->command);
        for (size_t j = 0; j < s->nargs; j++) free(s->args[j]);
        free(s->args);
        free(s->input);
        free(s->expected);
    }
    free(t->steps);
    for (size_t i = 0; i < t->nlines; i++) free(t->lines[i]);
    free(t->lines);
    for (size_t i = 0; i < t->nhosts; i++) free(t->hosts[i]);
    free(t->hosts);
    memset(t, 0, sizeof *t);
}
