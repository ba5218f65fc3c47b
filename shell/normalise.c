/* normalise.c - comparing a replayed output with a transcript's (see
 * normalise.h for what is left out of the comparison and why). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/buf.h"
#include "ciex/term.h"
#include "normalise.h"

static void *xrealloc(void *p, size_t n)
{
    p = ciex_xrealloc(p, n ? n : 1, "shell");
    return p;
}


/* ---- hosts ---- */

static bool is_name_char(char c) { return isalnum((unsigned char)c) || c == '_' || c == '-'; }

/* Does "@host" occur at s, after a node name and not inside a longer host? */
static bool host_at(const char *start, const char *s, const char *host, size_t hl)
{
    return s > start && *s == '@' && is_name_char(s[-1]) && strncmp(s + 1, host, hl) == 0 &&
           !is_name_char(s[1 + hl]) && s[1 + hl] != '.';
}

char *norm_hosts_to_local(const char *s, char *const *hosts, size_t nhosts, const char *local)
{
    ciex_buf b = {0};
    ciex_buf_put(&b, "", 0);
    for (const char *p = s; *p;) {
        bool replaced = false;
        for (size_t i = 0; i < nhosts && !replaced; i++) {
            size_t hl = strlen(hosts[i]);
            if (host_at(s, p, hosts[i], hl)) {
                ciex_buf_put(&b, "@", 1);
                ciex_buf_put(&b, local, strlen(local));
                p += 1 + hl;
                replaced = true;
            }
        }
        if (!replaced) ciex_buf_put(&b, p++, 1);
    }
    return (char *)b.data;
}

/* The host the transcript gives the node named by the name before at. */
static const char *host_of(const char *start, const char *at, char *const *nodes, size_t nnodes)
{
    const char *name = at;
    while (name > start && is_name_char(name[-1])) name--;
    size_t nl = (size_t)(at - name);
    for (size_t i = 0; i < nnodes; i++)
        if (strncmp(nodes[i], name, nl) == 0 && nodes[i][nl] == '@') return nodes[i] + nl + 1;
    return NULL;
}

char *norm_local_to_hosts(const char *s, const char *local, char *const *nodes, size_t nnodes, char *const *hosts,
                          size_t nhosts)
{
    ciex_buf b = {0};
    ciex_buf_put(&b, "", 0);
    size_t ll = strlen(local);
    for (const char *p = s; *p;) {
        if (nhosts > 0 && host_at(s, p, local, ll)) {
            const char *h = host_of(s, p, nodes, nnodes);
            if (!h) h = hosts[0];
            ciex_buf_put(&b, "@", 1);
            ciex_buf_put(&b, h, strlen(h));
            p += 1 + ll;
        } else {
            ciex_buf_put(&b, p++, 1);
        }
    }
    return (char *)b.data;
}

/* ---- lines ---- */

/* "iex(" or "...(", a node name or a counter, ")", a counter, "> ". */
static const char *skip_prompt(const char *s)
{
    if (strncmp(s, "iex(", 4) != 0 && strncmp(s, "...(", 4) != 0) return NULL;
    const char *p = s + 4;
    while (*p && *p != ')' && *p != '(' && !isspace((unsigned char)*p)) p++;
    if (*p != ')' || p == s + 4) return NULL;
    p++;
    while (isdigit((unsigned char)*p)) p++;
    if (*p != '>') return NULL;
    p++;
    return *p == ' ' ? p + 1 : p;
}

const char *norm_skip_prompts(const char *line)
{
    const char *next;
    while ((next = skip_prompt(line))) line = next;
    return line;
}

/* "03:01:01.624 " at the start of a log line. */
static const char *skip_timestamp(const char *s)
{
    static const char shape[] = "dd:dd:dd.ddd ";
    for (size_t i = 0; i < sizeof shape - 1; i++)
        if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i]) return s;
    return s + sizeof shape - 1;
}

static bool is_blank(const char *s)
{
    while (*s && isspace((unsigned char)*s)) s++;
    return *s == '\0';
}

static bool starts_error(const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    return strncmp(s, "** (", 4) == 0;
}

/* The warnings :global logs when a node goes down or two nodes connect
 * at once: which nodes print them is a race in OTP 25's global (the
 * overlapping-partition rule), so they are not compared. */
static bool is_global_race_warning(const char *s)
{
    return strncmp(s, "[warning] 'global' at ", 22) == 0 &&
           (strstr(s, "in order to prevent overlapping partitions") || strstr(s, " failed to connect to "));
}

/* Appends the line unless it is blank or part of a stack trace. */
static void add_line(norm_line **lines, size_t *n, bool *in_trace, const char *text, size_t len, int lineno)
{
    char *t = xrealloc(NULL, len + 1);
    memcpy(t, text, len);
    t[len] = '\0';
    const char *s = skip_timestamp(t);
    bool indented = *s == ' ' || *s == '\t';
    if (is_blank(s) || (*in_trace && indented && !starts_error(s)) || is_global_race_warning(s)) {
        free(t);
        return;
    }
    *in_trace = starts_error(s) || (*in_trace && indented);
    memmove(t, s, strlen(s) + 1);
    *lines = xrealloc(*lines, (*n + 1) * sizeof **lines);
    (*lines)[(*n)++] = (norm_line){t, lineno};
}

size_t norm_output_lines(const char *out, size_t len, norm_line **lines)
{
    *lines = NULL;
    size_t n = 0;
    bool in_trace = false;
    const char *p = out, *end = out + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char *line = xrealloc(NULL, l + 1);
        memcpy(line, p, l);
        line[l] = '\0';
        if (l > 0 && line[l - 1] == '\r') line[--l] = '\0';
        const char *text = norm_skip_prompts(line);
        add_line(lines, &n, &in_trace, text, strlen(text), 0);
        free(line);
        if (!nl) break;
        p = nl + 1;
    }
    return n;
}

size_t norm_expected_lines(char *const *texts, const int *linenos, size_t n, norm_line **lines)
{
    *lines = NULL;
    size_t count = 0;
    bool in_trace = false;
    for (size_t i = 0; i < n; i++) add_line(lines, &count, &in_trace, texts[i], strlen(texts[i]), linenos[i]);
    return count;
}

void norm_lines_free(norm_line *lines, size_t n)
{
    for (size_t i = 0; i < n; i++) free(lines[i].text);
    free(lines);
}

/* ---- placeholders ---- */

typedef enum token_kind { TOKEN_NONE, TOKEN_PID, TOKEN_REF, TOKEN_PORT, TOKEN_FUN } token_kind;

typedef struct token {
    token_kind kind;
    size_t len;  /* of the placeholder part: "#PID<0.1.2>", "#Function<3.45" */
    bool remote; /* the first number is not 0 (pids, references, ports) */
} token;

/* The placeholder at s: "#PID<", "#Reference<" or "#Port<" numbers ">",
 * or the "#Function<N.M" identity of a fun (its arity and origin after
 * the "/" are compared as text). */
static token token_at(const char *s)
{
    static const struct {
        const char *prefix;
        token_kind kind;
    } kinds[] = {{"#PID<", TOKEN_PID}, {"#Reference<", TOKEN_REF}, {"#Port<", TOKEN_PORT}, {"#Function<", TOKEN_FUN}};
    token t = {TOKEN_NONE, 0, false};
    if (*s != '#') return t;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        size_t pl = strlen(kinds[k].prefix);
        if (strncmp(s, kinds[k].prefix, pl) != 0) continue;
        const char *p = s + pl;
        if (!isdigit((unsigned char)*p)) return t;
        t.remote = !(p[0] == '0' && !isdigit((unsigned char)p[1]));
        while (isdigit((unsigned char)*p) || *p == '.') p++;
        char end = kinds[k].kind == TOKEN_FUN ? '/' : '>';
        if (*p != end) return t;
        t.kind = kinds[k].kind;
        t.remote = t.remote && t.kind != TOKEN_FUN; /* a fun's numbers name its code, not a node */
        t.len = (size_t)(p - s) + (end == '>');
        return t;
    }
    return t;
}

static bool bind(norm_bindings *b, const char *e, size_t el, const char *a, size_t al)
{
    for (size_t i = 0; i < b->n; i++) {
        bool same_e = strlen(b->expected[i]) == el && strncmp(b->expected[i], e, el) == 0;
        bool same_a = strlen(b->actual[i]) == al && strncmp(b->actual[i], a, al) == 0;
        if (same_e || same_a) return same_e && same_a;
    }
    b->expected = xrealloc(b->expected, (b->n + 1) * sizeof *b->expected);
    b->actual = xrealloc(b->actual, (b->n + 1) * sizeof *b->actual);
    b->expected[b->n] = ciex_xstrndup(e, el, "shell");
    b->actual[b->n] = ciex_xstrndup(a, al, "shell");
    b->n++;
    return true;
}

static bool match_line(norm_bindings *b, const char *e, const char *a)
{
    while (*e && *a) {
        token te = token_at(e), ta = token_at(a);
        if (te.kind != TOKEN_NONE) {
            if (ta.kind != te.kind || ta.remote != te.remote || !bind(b, e, te.len, a, ta.len)) return false;
            e += te.len, a += ta.len;
        } else if (*e++ != *a++) {
            return false;
        }
    }
    return *e == *a;
}

static void unbind_to(norm_bindings *b, size_t n)
{
    while (b->n > n) {
        b->n--;
        free(b->expected[b->n]);
        free(b->actual[b->n]);
    }
}

bool norm_match(norm_bindings *b, const norm_line *exp, size_t ne, const norm_line *act, size_t na, size_t *first_diff)
{
    size_t kept = b->n, i = 0;
    while (i < ne && i < na && match_line(b, exp[i].text, act[i].text)) i++;
    if (i == ne && i == na) return true;
    unbind_to(b, kept);
    *first_diff = i;
    return false;
}

/* A line that continues the term of the line before: an inspected term
 * broken over lines goes on indented or closes with a bracket. */
static bool continues(const char *text)
{
    return *text == ' ' || *text == '\t' || *text == ']' || *text == '}' || *text == ')' || *text == '>';
}

/* The expected lines with the run [from, to) moved so that it starts at
 * index at of the result; false when that would put it inside a term
 * broken over lines. */
static bool move_run(const norm_line *exp, size_t ne, size_t from, size_t to, size_t at, norm_line *out)
{
    size_t len = to - from, k = 0;
    for (size_t i = 0; i < ne; i++) {
        if (k == at) {
            if (i < from || i >= to ? continues(exp[i].text) : to < ne && continues(exp[to].text)) return false;
            memcpy(out + k, exp + from, len * sizeof *out);
            k += len;
        }
        if (i < from || i >= to) out[k++] = exp[i];
    }
    if (k == at) memcpy(out + k, exp + from, len * sizeof *out);
    return true;
}

bool norm_match_reordered(norm_bindings *b, const norm_line *exp, size_t ne, const norm_line *act, size_t na)
{
    if (ne != na || ne < 2 || ne > NORM_REORDER_MAX) return false;
    norm_line *moved = malloc(ne * sizeof *moved);
    if (!moved) abort();
    bool ok = false;
    size_t unused;
    /* runs of whole terms: a term broken over lines moves as one */
    for (size_t from = 0; from < ne && !ok; from++) {
        if (continues(exp[from].text)) continue;
        for (size_t to = from + 1; to <= ne && !ok; to++) {
            if (to < ne && continues(exp[to].text)) continue;
            for (size_t at = 0; at + (to - from) <= ne && !ok; at++)
                if (at != from && move_run(exp, ne, from, to, at, moved))
                    ok = norm_match(b, moved, ne, act, na, &unused);
        }
    }
    free(moved);
    return ok;
}

static bool has_token(const char *s)
{
    for (; *s; s++)
        if (token_at(s).kind != TOKEN_NONE) return true;
    return false;
}

/* The lines with every term the inspector wrapped joined into one line
 * (an indented line continues the one before, its indentation standing
 * for one space); false when a joined line names no pid, reference, port
 * or fun, whose width could have moved the break. */
static bool unwrap(const norm_line *in, size_t n, norm_line **out, size_t *nout)
{
    norm_line *lines = xrealloc(NULL, (n ? n : 1) * sizeof *lines);
    size_t k = 0;
    bool ok = true;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && (in[j].text[0] == ' ' || in[j].text[0] == '\t')) j++;
        size_t len = 0;
        for (size_t m = i; m < j; m++) len += strlen(in[m].text) + 1;
        char *text = xrealloc(NULL, len + 1);
        text[0] = '\0';
        for (size_t m = i; m < j; m++) {
            const char *t = in[m].text;
            if (m > i) {
                while (*t == ' ' || *t == '\t') t++;
                strcat(text, " ");
            }
            strcat(text, t);
        }
        if (j > i + 1 && !has_token(text)) ok = false;
        lines[k++] = (norm_line){text, in[i].lineno};
        i = j;
    }
    *out = lines;
    *nout = k;
    return ok;
}

bool norm_match_rewrapped(norm_bindings *b, const norm_line *exp, size_t ne, const norm_line *act, size_t na)
{
    norm_line *je, *ja;
    size_t nje, nja, unused;
    bool ok_e = unwrap(exp, ne, &je, &nje), ok_a = unwrap(act, na, &ja, &nja);
    bool ok = ok_e && ok_a && (nje != ne || nja != na) &&
              (norm_match(b, je, nje, ja, nja, &unused) || norm_match_reordered(b, je, nje, ja, nja));
    norm_lines_free(je, nje);
    norm_lines_free(ja, nja);
    return ok;
}

void norm_bindings_free(norm_bindings *b)
{
    unbind_to(b, 0);
    free(b->expected);
    free(b->actual);
    memset(b, 0, sizeof *b);
}
