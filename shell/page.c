/* page.c - a replayed lesson as one HTML page (`ciex --replay LESSON
 * --html OUT.html`): its prose, every input with its output and whether
 * it held, and the message-sequence diagrams of msc.c.
 *
 * The page is self-contained: one file, its style inline, its diagrams
 * inline SVG, no script, no font, nothing fetched; it opens from disk.
 * Markdown prose is rendered by cmark (raw HTML in it is left out, cmark's
 * safe default); a plain-text lesson shows its text as it is. */
#define _GNU_SOURCE /* open_memstream */
#include <cmark.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msc.h"
#include "page.h"

/* ---- HTML ---- */

static void esc_n(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i]; i++) {
        switch (s[i]) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(s[i], f);
        }
    }
}

void page_esc(FILE *f, const char *s) { esc_n(f, s, strlen(s)); }

/* At most max characters (UTF-8 aware) of s, with … when cut. */
void page_esc_short(FILE *f, const char *s, size_t max)
{
    size_t chars = 0, i = 0;
    while (s[i] && chars < max) {
        i++;
        while ((s[i] & 0xC0) == 0x80) i++;
        chars++;
    }
    esc_n(f, s, i);
    if (s[i]) fputs("…", f);
}

/* The lesson's own host names in place of this machine's. */

/* ---- the lesson ---- */

static void prose(FILE *f, const page_lesson *l, size_t from, size_t to)
{
    char *text = NULL;
    size_t size = 0;
    FILE *m = open_memstream(&text, &size);
    for (size_t i = from; i < to; i++) fprintf(m, "%s\n", l->t->lines[i]);
    fclose(m);
    char *html = cmark_markdown_to_html(text, size, CMARK_OPT_DEFAULT);
    fputs("<div class=\"prose\">\n", f);
    fputs(html, f);
    fputs("</div>\n", f);
    free(html);
    free(text);
}

static void pre_line(FILE *f, const char *cls, const char *text)
{
    fprintf(f, "<pre class=\"%s\">", cls);
    page_esc(f, text);
    fputs("</pre>\n", f);
}

static void input_block(FILE *f, const page_lesson *l, const msc_events *all, size_t k)
{
    const transcript_step *s = &l->t->steps[k];
    const page_step *ps = &l->steps[k];
    const char *status = !ps->sent ? "not run" : ps->failed ? "differs" : s->nexpected ? "holds" : "not checked";
    const char *cls = !ps->sent ? "skipped" : ps->failed ? "failed" : s->nexpected ? "held" : "unchecked";
    fprintf(f, "<section class=\"input %s\" id=\"line-%d\">\n<pre class=\"prompt\">", cls, s->lineno);
    for (int i = s->first_line; i <= s->last_line; i++) {
        page_esc(f, l->t->lines[i]);
        fputs("\n", f);
    }
    fprintf(f, "</pre>\n<p class=\"status\">%s</p>\n", status);
    if (ps->sent && ps->output && *ps->output) pre_line(f, "output", ps->output);
    if (ps->failed && s->nexpected) {
        fputs("<p class=\"expected-title\">expected:</p>\n<pre class=\"expected\">", f);
        for (size_t i = 0; i < s->nexpected; i++) {
            page_esc(f, s->expected[i].text);
            fputs("\n", f);
        }
        fputs("</pre>\n", f);
    }
    msc_step(f, l, all, k);
    fputs("</section>\n", f);
}

static void fault_block(FILE *f, const page_lesson *l, const msc_events *all, size_t k)
{
    const transcript_step *s = &l->t->steps[k];
    fprintf(f, "<section class=\"fault\" id=\"line-%d\">\n", s->lineno);
    pre_line(f, "command", l->t->lines[s->lineno - 1]);
    msc_step(f, l, all, k);
    fputs("</section>\n", f);
}

/* The lines [from, to) of the transcript that a code block (or a plain
 * text lesson) holds: steps drawn as such, other lines as they are. */
static void code(FILE *f, const page_lesson *l, const msc_events *all, size_t from, size_t to)
{
    for (size_t i = from; i < to;) {
        size_t k = l->t->nsteps;
        for (size_t j = 0; j < l->t->nsteps && k == l->t->nsteps; j++)
            if ((size_t)l->t->steps[j].lineno == i + 1) k = j;
        if (k == l->t->nsteps) {
            pre_line(f, "text", l->t->lines[i]);
            i++;
            continue;
        }
        const transcript_step *s = &l->t->steps[k];
        if (s->kind == TRANSCRIPT_START) {
            fprintf(f, "<section class=\"start\" id=\"line-%d\">", s->lineno);
            pre_line(f, "command", l->t->lines[i]);
            fputs("</section>\n", f);
            i++;
        } else if (s->kind == TRANSCRIPT_FAULT) {
            fault_block(f, l, all, k);
            i++;
        } else {
            input_block(f, l, all, k);
            size_t end = (size_t)(s->out_end > s->last_line + 1 ? s->out_end : s->last_line + 1);
            i = end > i ? end : i + 1;
        }
    }
}

static void lesson_body(FILE *f, const page_lesson *l, const msc_events *all)
{
    if (!l->markdown) {
        code(f, l, all, 0, l->t->nlines);
        return;
    }
    size_t prose_from = 0;
    for (size_t i = 0; i < l->t->nlines; i++) {
        char ch;
        int n = transcript_fence(l->t->lines[i], &ch);
        if (!n) continue;
        prose(f, l, prose_from, i);
        size_t end = i + 1;
        char ch2;
        int n2;
        while (end < l->t->nlines && !((n2 = transcript_fence(l->t->lines[end], &ch2)) && ch2 == ch && n2 >= n)) end++;
        fputs("<div class=\"session\">\n", f);
        code(f, l, all, i + 1, end);
        fputs("</div>\n", f);
        i = end;
        prose_from = end + 1;
    }
    if (prose_from < l->t->nlines) prose(f, l, prose_from, l->t->nlines);
}

static const char style[] =
    "body{font:15px/1.5 system-ui,sans-serif;max-width:70em;margin:2em auto;padding:0 1em;color:#222}"
    "pre{margin:0;font:13px/1.4 monospace;white-space:pre-wrap}"
    ".session{border-left:3px solid #ccc;padding-left:1em;margin:1em 0}"
    "section{margin:.6em 0}"
    ".prompt{color:#06c}.output{color:#333;background:#f6f6f6;padding:.2em .4em}"
    ".expected{color:#a00;background:#fff4f4;padding:.2em .4em}.command{color:#555}"
    ".status{margin:.1em 0;font-size:12px}.held .status{color:#080}.failed .status{color:#c00;font-weight:bold}"
    ".unchecked .status,.skipped .status{color:#888}"
    ".diagram{margin:.5em 0;overflow-x:auto}"
    "svg.msc{display:block;background:#fff;border:1px solid #ddd}"
    ".msc text{font:11px monospace;text-anchor:middle;fill:#222}"
    ".msc .lifeline rect{fill:#e8f0fe;stroke:#4a7bd0}.msc .lifeline.beam rect{fill:#fef3e0;stroke:#d08a1a}"
    ".msc .lifeline line{stroke:#999;stroke-dasharray:4 4}.msc .lifeline text{font-weight:bold}"
    ".msc .msg line{stroke:#1a4fa0;stroke-width:1.5}.msc .msg polygon{fill:#1a4fa0}"
    ".msc .msg.lost line{stroke:#c00}.msc .msg .x{stroke:#c00;stroke-width:2}"
    ".msc .group rect{fill:#f1f1f1;stroke:#888;stroke-dasharray:3 2}.msc .group text{fill:#555}"
    ".msc .down rect{fill:#fde8e8;stroke:#c00}.msc .down text{fill:#a00;font-size:10px}"
    "figcaption,.note{font-size:12px;color:#666}";

bool page_write(const page_lesson *l, const char *out)
{
    FILE *f = fopen(out, "w");
    if (!f) {
        fprintf(stderr, "ciex --replay: cannot write %s: %s\n", out, strerror(errno));
        return false;
    }
    msc_events *all = msc_read(l);
    const char *base = strrchr(l->file, '/');
    base = base ? base + 1 : l->file;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", f);
    page_esc(f, base);
    fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<header><p class=\"note\">", style);
    page_esc(f, base);
    fputs(", replayed by ciex. Nodes:", f);
    size_t beams = 0;
    for (size_t i = 0; i < l->nnodes; i++) {
        if (!*l->nodes[i].shown) continue;
        fputs(i ? ", <code class=\"node\">" : " <code class=\"node\">", f);
        page_esc(f, l->nodes[i].shown);
        fprintf(f, "</code> (%s)", l->nodes[i].beam ? "BEAM" : "ciex");
        beams += l->nodes[i].beam;
    }
    fputs(". Each diagram shows the distribution messages an input made the nodes exchange, one arrow a "
          "message, in the order they were sent.", f);
    if (beams)
        fputs(" Messages to and from a BEAM node are drawn as the ciex node at the other end saw them; messages "
              "between two BEAM nodes are not seen and not drawn.", f);
    fputs("</p></header>\n<main>\n", f);
    lesson_body(f, l, all);
    fputs("</main>\n</body>\n</html>\n", f);
    bool ok = fclose(f) == 0;
    if (!ok) fprintf(stderr, "ciex --replay: cannot write %s: %s\n", out, strerror(errno));
    msc_free(all);
    return ok;
}
