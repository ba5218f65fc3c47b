/* msc.c - the message-sequence diagrams of a replayed lesson's page,
 * drawn from its ciex nodes' distribution traces (--trace-dist,
 * src/dist/trace.c; the format is in docs/replay.md).
 *
 * Every ciex node of the replay writes a trace, every BEAM node none.  A
 * message is drawn once, from its sender's record when the sender traced
 * it, else from its receiver's, so that between a ciex node and a BEAM
 * node every message is seen from the ciex side, and between two BEAM
 * nodes nothing is (the page says so).  The messages of an input are
 * those recorded from the moment it was sent until the next input (or
 * failure directive) was: the replay settles the cluster in between, so
 * nothing of one input spills into the next.
 *
 * A diagram is inline SVG: a lifeline per node started so far, a row per
 * message, in the order they were sent.  :global's connection protocol
 * (init_connect, lock_set, exchange, resolved, ... and the monitors and
 * replies of its lockers) is folded into one labelled group, with the
 * messages one by one in a <details> below; --html-global draws them one
 * by one in the diagram.  A trace line that is not one (cut short when
 * its node was killed while writing it) is skipped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/term.h"
#include "msc.h"
#include "normalise.h"

/* ---- the traces ---- */

typedef struct event {
    long long t;
    char *node, *dir, *peer, *op, *from, *to, *label, *reason;
    bool global, initiator, lost;
} event;

struct msc_events {
    event *e;
    size_t n, cap;
};
typedef struct msc_events events;

static void *xrealloc(void *p, size_t n) { return ciex_xrealloc(p, n ? n : 1, "shell"); }

/* A JSON string at *p (after its opening quote): its contents, decoded
 * (\uXXXX of the BMP as UTF-8); *p moves past the closing quote. */
static char *json_string(const char **p)
{
    const char *s = *p;
    size_t cap = strlen(s) + 1, n = 0;
    char *out = xrealloc(NULL, cap);
    while (*s && *s != '"') {
        if (*s != '\\') {
            out[n++] = *s++;
            continue;
        }
        s++;
        char c = *s ? *s++ : '\0';
        if (c == 'n') out[n++] = '\n';
        else if (c == 't') out[n++] = '\t';
        else if (c == 'u' && strlen(s) >= 4) {
            unsigned v = (unsigned)strtoul((char[5]){s[0], s[1], s[2], s[3], 0}, NULL, 16);
            s += 4;
            if (v < 0x80) out[n++] = (char)v;
            else if (v < 0x800) out[n++] = (char)(0xC0 | v >> 6), out[n++] = (char)(0x80 | (v & 0x3F));
            else out[n++] = (char)(0xE0 | v >> 12), out[n++] = (char)(0x80 | (v >> 6 & 0x3F)),
                 out[n++] = (char)(0x80 | (v & 0x3F));
        } else if (c) out[n++] = c;
    }
    out[n] = '\0';
    *p = *s ? s + 1 : s;
    return out;
}

/* One line of a trace, a flat JSON object; false when it is not one
 * (a line cut short by a node killed while writing it). */
static bool parse_event(const char *line, event *e)
{
    memset(e, 0, sizeof *e);
    const char *p = line;
    if (*p++ != '{') return false;
    while (*p == '"') {
        p++;
        char *key = json_string(&p);
        if (*p++ != ':') {
            free(key);
            return false;
        }
        char **slot = strcmp(key, "node") == 0 ? &e->node : strcmp(key, "dir") == 0 ? &e->dir
                    : strcmp(key, "peer") == 0 ? &e->peer : strcmp(key, "op") == 0 ? &e->op
                    : strcmp(key, "from") == 0 ? &e->from : strcmp(key, "to") == 0 ? &e->to
                    : strcmp(key, "label") == 0 ? &e->label : strcmp(key, "reason") == 0 ? &e->reason : NULL;
        if (*p == '"') {
            p++;
            char *v = json_string(&p);
            if (slot && !*slot) *slot = v;
            else free(v);
        } else {
            bool yes = strncmp(p, "true", 4) == 0;
            if (strcmp(key, "t") == 0) e->t = strtoll(p, NULL, 10);
            else if (strcmp(key, "global") == 0) e->global = yes;
            else if (strcmp(key, "initiator") == 0) e->initiator = yes;
            else if (strcmp(key, "lost") == 0) e->lost = yes;
            while (*p && *p != ',' && *p != '}') p++;
        }
        free(key);
        if (*p == ',') p++;
    }
    if (*p != '}' || !e->node || !e->dir || !e->peer || !e->t) return false;
    if (!e->op) e->op = ciex_xstrdup("", "shell");
    if (!e->from) e->from = ciex_xstrdup("", "shell");
    if (!e->to) e->to = ciex_xstrdup("", "shell");
    if (!e->label) e->label = ciex_xstrdup("", "shell");
    if (!e->reason) e->reason = ciex_xstrdup("", "shell");
    return true;
}

static void event_free(event *e)
{
    free(e->node), free(e->dir), free(e->peer), free(e->op), free(e->from), free(e->to), free(e->label),
        free(e->reason);
}

static void read_trace(const char *path, events *ev)
{
    FILE *f = fopen(path, "r");
    if (!f) return; /* a node that never started writes none */
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        event e;
        if (!parse_event(line, &e)) {
            event_free(&e);
            continue;
        }
        if (ev->n == ev->cap) ev->e = xrealloc(ev->e, (ev->cap = ev->cap * 2 + 64) * sizeof *ev->e);
        ev->e[ev->n++] = e;
    }
    free(line);
    fclose(f);
}

static int by_time(const void *a, const void *b)
{
    const event *x = a, *y = b;
    return (x->t > y->t) - (x->t < y->t);
}

/* ---- the lesson's nodes ---- */

static bool same_short(const char *a, const char *b)
{
    size_t la = strcspn(a, "@"), lb = strcspn(b, "@");
    return la == lb && strncmp(a, b, la) == 0;
}

static const page_node *node_named(const page_lesson *l, const char *local)
{
    for (size_t i = 0; i < l->nnodes; i++)
        if (same_short(l->nodes[i].local, local)) return &l->nodes[i];
    return NULL;
}

static bool traced(const page_lesson *l, const char *local)
{
    const page_node *n = node_named(l, local);
    return n && n->trace;
}

/* Whether the lesson's drawing shows this event (each message once). */
static bool drawn(const page_lesson *l, const event *e)
{
    if (l->probe && same_short(e->peer, l->probe)) return false;
    if (!node_named(l, e->peer)) return false;
    if (strcmp(e->dir, "out") == 0) return true;
    if (strcmp(e->dir, "in") == 0) return !traced(l, e->peer);
    if (strcmp(e->dir, "up") == 0) return e->initiator || !traced(l, e->peer);
    return strcmp(e->dir, "down") == 0;
}


msc_events *msc_read(const page_lesson *l)
{
    events *all = xrealloc(NULL, sizeof *all);
    memset(all, 0, sizeof *all);
    for (size_t i = 0; i < l->nnodes; i++) {
        /* a node started again under its name writes on in the same file */
        bool read = false;
        for (size_t j = 0; j < i && l->nodes[i].trace; j++)
            read |= l->nodes[j].trace && strcmp(l->nodes[j].trace, l->nodes[i].trace) == 0;
        if (l->nodes[i].trace && !read) read_trace(l->nodes[i].trace, all);
    }
    if (all->n) qsort(all->e, all->n, sizeof *all->e, by_time);
    return all;
}

void msc_free(msc_events *all)
{
    for (size_t i = 0; i < all->n; i++) event_free(&all->e[i]);
    free(all->e);
    free(all);
}

static char *shown_text(const page_lesson *l, const char *s)
{
    return norm_local_to_hosts(s, l->local_host, l->node_names, l->nnode_names, l->t->hosts, l->t->nhosts);
}

static const char *shown_node(const page_lesson *l, const char *local)
{
    const page_node *n = node_named(l, local);
    return n ? n->shown : local;
}


/* ---- diagrams ---- */

#define COL_W 240
#define MARGIN 20
#define HEAD_H 46
#define ROW_H 26

typedef struct diagram {
    const page_lesson *l;
    const char **cols; /* local names, in the lesson's order */
    size_t ncols;
} diagram;

static int col_of(const diagram *d, const char *local)
{
    for (size_t i = 0; i < d->ncols; i++)
        if (same_short(d->cols[i], local)) return (int)i;
    return -1;
}

static int col_x(int col) { return MARGIN + COL_W / 2 + col * COL_W; }

/* A pid as a trace writes it, "#PID<0.84.0>" (this node's) or
 * "#PID<name@host.84.0>" (a host may hold dots): node ("" for this
 * node's), id and serial; false when it is not a pid. */
static bool parse_pid(const char *pid, char *node, size_t n, unsigned *id, unsigned *serial)
{
    size_t len = strlen(pid);
    if (strncmp(pid, "#PID<", 5) != 0 || len < 10 || pid[len - 1] != '>') return false;
    const char *body = pid + 5, *end = pid + len - 1;
    const char *dot2 = end;
    while (dot2 > body && dot2[-1] != '.') dot2--;
    const char *dot1 = dot2 > body ? dot2 - 1 : body;
    while (dot1 > body && dot1[-1] != '.') dot1--;
    if (dot1 <= body || dot2 <= dot1) return false;
    if (sscanf(dot1, "%u.%u>", id, serial) != 2) return false;
    size_t nl = (size_t)(dot1 - 1 - body);
    bool local = nl == 1 && body[0] == '0';
    snprintf(node, n, "%.*s", local ? 0 : (int)nl, body);
    return local || memchr(body, '@', nl) != NULL;
}

/* A process, the same whichever node's trace names it: "node.id.serial". */
static void process_id(const event *e, const char *pid, char *out, size_t n)
{
    unsigned a, b;
    char node[300];
    if (!parse_pid(pid, node, sizeof node, &a, &b)) snprintf(out, n, "%s", pid);
    else if (!*node) snprintf(out, n, "%.*s.%u.%u", (int)strcspn(e->node, "@"), e->node, a, b);
    else snprintf(out, n, "%.*s.%u.%u", (int)strcspn(node, "@"), node, a, b);
}

/* Which events belong to :global's connection protocol: those the trace
 * marks, and from the first of them on the monitors and replies that the
 * processes sending them exchange. */
static void mark_global(const event *const *ev, size_t n, bool *in_group)
{
    size_t first = n;
    char (*procs)[320] = xrealloc(NULL, (2 * n + 1) * sizeof *procs);
    size_t nprocs = 0;
    for (size_t i = 0; i < n; i++) {
        in_group[i] = ev[i]->global;
        if (!ev[i]->global) continue;
        if (first == n) first = i;
        process_id(ev[i], ev[i]->from, procs[nprocs++], sizeof *procs);
    }
    for (size_t i = first; i < n; i++) {
        if (in_group[i] || (strcmp(ev[i]->dir, "out") != 0 && strcmp(ev[i]->dir, "in") != 0)) continue;
        char from[320], to[320];
        process_id(ev[i], ev[i]->from, from, sizeof from);
        process_id(ev[i], ev[i]->to, to, sizeof to);
        for (size_t k = 0; k < nprocs && !in_group[i]; k++)
            if (strcmp(procs[k], from) == 0 || strcmp(procs[k], to) == 0 || strcmp(ev[i]->to, "global_name_server") == 0)
                in_group[i] = true;
    }
    free(procs);
}

/* A process of a trace as the page names it: "#PID<0.60.0> on
 * alpha@pathfinder" (the trace writes a pid as its node prints it, or
 * with the name of its node in place of the index), a registered name as
 * it is, "?" for none. */
static void process_text(const page_lesson *l, const event *e, const char *pid, char *out, size_t n)
{
    unsigned a, b;
    char node[300];
    if (parse_pid(pid, node, sizeof node, &a, &b))
        snprintf(out, n, "#PID<0.%u.%u> on %s", a, b, shown_node(l, *node ? node : e->node));
    else if (*pid && strcmp(pid, "alias") != 0 && strncmp(pid, "#", 1) != 0)
        snprintf(out, n, ":%s", pid); /* a registered name */
    else
        snprintf(out, n, "%s", *pid ? pid : "?");
}

static void svg_arrow(FILE *f, const diagram *d, const event *e, int y)
{
    bool up = strcmp(e->dir, "up") == 0;
    bool out = strcmp(e->dir, "out") == 0 || (up && e->initiator);
    const char *sender = out ? e->node : e->peer, *receiver = out ? e->peer : e->node;
    int a = col_of(d, sender), b = col_of(d, receiver);
    if (a < 0 || b < 0) return;
    int x1 = col_x(a), x2 = col_x(b), dir = x2 > x1 ? 1 : -1;
    int xend = e->lost ? x1 + (x2 - x1) / 2 : x2 - dir * 2;
    char *label = shown_text(d->l, up ? "connect (handshake)" : e->label);
    fputs("<g class=\"msg", f);
    if (e->lost) fputs(" lost", f);
    if (up) fputs(" connect", f);
    fprintf(f, "\" data-from=\"");
    page_esc(f, shown_node(d->l, sender));
    fputs("\" data-to=\"", f);
    page_esc(f, shown_node(d->l, receiver));
    fprintf(f, "\" data-op=\"%s\"><title>", up ? "connect" : e->op);
    page_esc(f, e->op[0] ? e->op : "connect");
    if (!up) {
        /* the processes at both ends, which the lifelines (one per node) do not show */
        char from[700], to[700];
        process_text(d->l, e, e->from, from, sizeof from);
        process_text(d->l, e, e->to, to, sizeof to);
        fputs(" ", f);
        page_esc(f, from);
        fputs(" → ", f);
        page_esc(f, to);
    }
    fputs(": ", f);
    page_esc(f, label);
    fprintf(f, "</title><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"%s/>", x1, y, xend, y,
            up ? " stroke-dasharray=\"5 3\"" : "");
    if (e->lost) {
        fprintf(f, "<path class=\"x\" d=\"M%d %d l8 8 M%d %d l-8 8\"/>", xend - 4, y - 4, xend + 4, y - 4);
    } else {
        fprintf(f, "<polygon points=\"%d,%d %d,%d %d,%d\"/>", x2 - dir, y, x2 - dir * 10, y - 4, x2 - dir * 10, y + 4);
    }
    int span = (x2 > x1 ? x2 - x1 : x1 - x2);
    fprintf(f, "<text x=\"%d\" y=\"%d\">", (x1 + x2) / 2, y - 5);
    page_esc_short(f, label, (size_t)(span / 7 > 12 ? span / 7 : 12));
    fputs("</text></g>\n", f);
    free(label);
}

static void svg_down(FILE *f, const diagram *d, const event *e, int y)
{
    int c = col_of(d, e->node);
    if (c < 0) return;
    char text[600];
    snprintf(text, sizeof text, "%s down: %s", shown_node(d->l, e->peer), e->reason);
    fputs("<g class=\"down\" data-node=\"", f);
    page_esc(f, shown_node(d->l, e->node));
    fputs("\" data-peer=\"", f);
    page_esc(f, shown_node(d->l, e->peer));
    fputs("\"><title>", f);
    page_esc(f, text);
    fprintf(f, "</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" rx=\"3\"/><text x=\"%d\" y=\"%d\">",
            col_x(c) - COL_W / 2 + 8, y - 13, COL_W - 16, col_x(c), y);
    page_esc_short(f, text, 36);
    fputs("</text></g>\n", f);
}

static void svg_group(FILE *f, const diagram *d, const event *const *ev, const bool *in_group, size_t n, int y)
{
    int lo = (int)d->ncols, hi = -1;
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (!in_group[i]) continue;
        count++;
        int a = col_of(d, ev[i]->node), b = col_of(d, ev[i]->peer);
        if (a >= 0) lo = a < lo ? a : lo, hi = a > hi ? a : hi;
        if (b >= 0) lo = b < lo ? b : lo, hi = b > hi ? b : hi;
    }
    if (hi < 0) return;
    int x1 = col_x(lo) - 30, x2 = col_x(hi) + 30;
    fprintf(f, "<g class=\"group\" data-messages=\"%zu\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\"/>"
               "<text x=\"%d\" y=\"%d\">:global's connection protocol: %zu message%s</text></g>\n",
            count, x1, y - 16, x2 - x1, ROW_H - 4, (x1 + x2) / 2, y, count, count == 1 ? "" : "s");
}

/* One diagram of the events ev[0..n) (in time order); fold: :global's
 * connection protocol as one group. */
static void svg_diagram(FILE *f, const diagram *d, const event *const *ev, size_t n, bool fold, const char *cls)
{
    bool *in_group = xrealloc(NULL, (n + 1) * sizeof *in_group);
    if (fold) mark_global(ev, n, in_group);
    else memset(in_group, 0, (n + 1) * sizeof *in_group);
    size_t rows = 0;
    bool group_drawn = false;
    for (size_t i = 0; i < n; i++)
        if (!in_group[i] || !group_drawn) rows++, group_drawn |= in_group[i];
    int width = 2 * MARGIN + (int)d->ncols * COL_W, height = HEAD_H + (int)rows * ROW_H + 24;
    fprintf(f, "<svg class=\"msc%s%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
               "viewBox=\"0 0 %d %d\" role=\"img\">\n", *cls ? " " : "", cls, width, height, width, height);
    for (size_t c = 0; c < d->ncols; c++) {
        const page_node *pn = node_named(d->l, d->cols[c]);
        int x = col_x((int)c);
        fprintf(f, "<g class=\"lifeline%s\" data-node=\"", pn && pn->beam ? " beam" : "");
        page_esc(f, shown_node(d->l, d->cols[c]));
        fprintf(f, "\"><rect x=\"%d\" y=\"6\" width=\"%d\" height=\"26\" rx=\"4\"/><text x=\"%d\" y=\"24\">", x - COL_W / 2 + 12,
                COL_W - 24, x);
        page_esc_short(f, shown_node(d->l, d->cols[c]), 26);
        if (pn && pn->beam) fputs(" (BEAM)", f);
        fprintf(f, "</text><line x1=\"%d\" y1=\"32\" x2=\"%d\" y2=\"%d\"/></g>\n", x, x, height - 6);
    }
    int y = HEAD_H + ROW_H / 2 + 4;
    group_drawn = false;
    for (size_t i = 0; i < n; i++) {
        if (in_group[i]) {
            if (group_drawn) continue;
            svg_group(f, d, ev, in_group, n, y);
            group_drawn = true;
        } else if (strcmp(ev[i]->dir, "down") == 0) {
            svg_down(f, d, ev[i], y);
        } else {
            svg_arrow(f, d, ev[i], y);
        }
        y += ROW_H;
    }
    fputs("</svg>\n", f);
    free(in_group);
}

/* The columns of a diagram at step k: the named nodes started before it. */
static size_t columns(const page_lesson *l, size_t k, const char **cols)
{
    size_t n = 0;
    for (size_t i = 0; i < k; i++) {
        const transcript_step *s = &l->t->steps[i];
        if (s->kind != TRANSCRIPT_START || !*s->node) continue;
        for (size_t j = 0; j < l->nnodes; j++)
            if (same_short(l->nodes[j].local, s->node)) {
                bool seen = false;
                for (size_t c = 0; c < n; c++) seen |= cols[c] == l->nodes[j].local;
                if (!seen) cols[n++] = l->nodes[j].local;
            }
    }
    return n;
}

/* The events of step k: from its moment to the next step's. */
static size_t step_events(const page_lesson *l, const events *all, size_t k, const event **out)
{
    long long from = l->steps[k].t_us, to = l->end_us > 0 ? l->end_us : -1;
    for (size_t j = k + 1; j < l->t->nsteps; j++)
        if (l->t->steps[j].kind != TRANSCRIPT_START && l->steps[j].sent) {
            to = l->steps[j].t_us;
            break;
        }
    size_t n = 0;
    for (size_t i = 0; i < all->n; i++) {
        const event *e = &all->e[i];
        if (e->t >= from && (to < 0 || e->t < to) && drawn(l, e)) out[n++] = e;
    }
    /* a connection comes up before what was sent over it: the messages
     * queued during the handshake are recorded when they were sent */
    for (size_t i = 0; i < n; i++) {
        if (strcmp(out[i]->dir, "up") != 0) continue;
        size_t j = 0;
        while (j < i && !((strcmp(out[j]->dir, "out") == 0 || strcmp(out[j]->dir, "in") == 0) &&
                          ((same_short(out[j]->node, out[i]->node) && same_short(out[j]->peer, out[i]->peer)) ||
                           (same_short(out[j]->node, out[i]->peer) && same_short(out[j]->peer, out[i]->node)))))
            j++;
        const event *up = out[i];
        memmove(&out[j + 1], &out[j], (i - j) * sizeof *out);
        out[j] = up;
    }
    return n;
}

void msc_step(FILE *f, const page_lesson *l, const msc_events *all, size_t k)
{
    if (!l->steps[k].sent) return;
    const event **ev = xrealloc(NULL, (all->n + 1) * sizeof *ev);
    size_t n = step_events(l, all, k, ev);
    const char **cols = xrealloc(NULL, (l->nnodes + 1) * sizeof *cols);
    diagram d = {l, cols, columns(l, k + 1, cols)};
    if (n && d.ncols) {
        size_t beams = 0;
        for (size_t c = 0; c < d.ncols; c++) beams += node_named(l, cols[c])->beam;
        fprintf(f, "<figure class=\"diagram\" data-messages=\"%zu\">\n", n);
        svg_diagram(f, &d, ev, n, !l->global_detail, "");
        bool any_global = false;
        for (size_t i = 0; i < n; i++) any_global |= ev[i]->global;
        if (any_global && !l->global_detail) {
            fputs("<details><summary>every message of :global's connection protocol</summary>\n", f);
            svg_diagram(f, &d, ev, n, false, "detail");
            fputs("</details>\n", f);
        }
        if (beams > 1)
            fputs("<figcaption>Messages between two BEAM nodes are not seen (only ciex nodes trace their "
                  "traffic): they are not drawn.</figcaption>\n", f);
        fputs("</figure>\n", f);
    }
    free(cols);
    free(ev);
}
