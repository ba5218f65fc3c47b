/* algebra.c - Elixir's Inspect.Algebra: Wadler/Lindig documents, rendered
 * exactly as Elixir 1.14 renders them.
 *
 * The document kinds are the subset inspect needs: text, concatenation,
 * nest (:always), strict and flex breaks, groups (:self) and colours.
 * Nodes live in one growable array and refer to each other by index, so a
 * document is a DAG that is built bottom-up and freed in one go; shared
 * sub-documents (separators, breaks) cost nothing.
 *
 * Rendering follows Inspect.Algebra.format/3 and fits?/4 clause by clause:
 *   - the document is walked with an explicit stack of {indent, mode, doc}
 *     entries, never C recursion, so nesting depth is only bounded by
 *     memory;
 *   - a group is laid out flat when its own content, laid out flat, fits
 *     the rest of the line (only the group: what follows does not count);
 *   - fits? does not fail on width until it has seen a break (Elixir's b?
 *     flag), and a nested group restores the flag when it ends (the
 *     {:tail, b?, t} marker);
 *   - a strict break in a broken group is always a newline; a flex break
 *     is a newline only when the rest of the document, up to the next
 *     break of a broken group, does not fit.
 * One shortcut is ours: a group whose content holds no break at all always
 * fits (fits? can only fail after a break), which we know from a flag
 * computed at construction.  Without it a deep chain of one-element
 * containers would cost quadratic time. */
#include "algebra.h"

#include "ciex/term.h"

#include <stdlib.h>
#include <string.h>

enum { K_NIL, K_TEXT, K_CONS, K_NEST, K_BREAK, K_GROUP, K_COLOR };

#define F_SIMPLE 1u    /* simple?/1 holds */
#define F_HAS_BREAK 2u /* a break somewhere below */
#define F_FLEX 4u      /* K_BREAK: flex rather than strict */

/* 16 bytes.  Text-like kinds (text, break, colour) keep their bytes in the
 * builder's arena at offset `b`, length `a` (colour: length in `aux`). */
typedef struct node {
    uint8_t kind, flags;
    uint16_t aux;
    uint32_t a; /* text/break: length; cons: left; nest/group/colour: child */
    uint64_t b; /* text/break/colour: arena offset; cons: right; nest: indent */
} node;

struct alg_builder {
    node *nodes;
    uint32_t n, cap;
    char *arena;
    size_t arena_len, arena_cap;
};

static void *xrealloc(void *p, size_t n)
{
    p = ciex_xrealloc(p, n ? n : 1, "document");
    return p;
}

alg_builder *alg_new(void)
{
    alg_builder *b = xrealloc(NULL, sizeof *b);
    memset(b, 0, sizeof *b);
    b->cap = 64;
    b->nodes = xrealloc(NULL, b->cap * sizeof *b->nodes);
    b->nodes[0] = (node){.kind = K_NIL, .flags = F_SIMPLE};
    b->n = 1;
    return b;
}

void alg_free(alg_builder *b)
{
    if (!b) return;
    free(b->nodes);
    free(b->arena);
    free(b);
}

static alg_doc push_node(alg_builder *b, node nd)
{
    if (b->n == b->cap) {
        if (b->cap >= UINT32_MAX / 2) abort(); /* 2^31 nodes: 32 GiB of document */
        b->cap *= 2;
        b->nodes = xrealloc(b->nodes, (size_t)b->cap * sizeof *b->nodes);
    }
    b->nodes[b->n] = nd;
    return b->n++;
}

static uint64_t arena_put(alg_builder *b, const char *s, size_t len)
{
    if (b->arena_len + len > b->arena_cap) {
        size_t cap = b->arena_cap ? b->arena_cap : 256;
        while (cap < b->arena_len + len) cap *= 2;
        b->arena = xrealloc(b->arena, cap);
        b->arena_cap = cap;
    }
    memcpy(b->arena + b->arena_len, s, len);
    b->arena_len += len;
    return b->arena_len - len;
}

alg_doc alg_text(alg_builder *b, const char *s, size_t len)
{
    /* a node holds at most 4 GiB of text; longer texts become a chain */
    alg_doc doc = ALG_NIL;
    size_t chunk = len > UINT32_MAX ? UINT32_MAX : len;
    if (len > chunk) doc = alg_text(b, s + chunk, len - chunk);
    uint64_t off = arena_put(b, s, chunk);
    alg_doc head = push_node(b, (node){.kind = K_TEXT, .flags = F_SIMPLE, .a = (uint32_t)chunk, .b = off});
    return doc == ALG_NIL ? head : alg_concat(b, head, doc);
}

alg_doc alg_cstr(alg_builder *b, const char *s) { return alg_text(b, s, strlen(s)); }

alg_doc alg_concat(alg_builder *b, alg_doc left, alg_doc right)
{
    uint8_t fl = b->nodes[left].flags & b->nodes[right].flags & F_SIMPLE;
    fl |= (b->nodes[left].flags | b->nodes[right].flags) & F_HAS_BREAK;
    return push_node(b, (node){.kind = K_CONS, .flags = fl, .a = left, .b = right});
}

alg_doc alg_nest(alg_builder *b, alg_doc doc, uint32_t indent)
{
    if (indent == 0) return doc; /* nest(doc, 0) is doc */
    return push_node(b, (node){.kind = K_NEST, .flags = b->nodes[doc].flags & F_HAS_BREAK, .a = doc, .b = indent});
}

alg_doc alg_break(alg_builder *b, const char *s, bool flex)
{
    size_t len = strlen(s);
    uint64_t off = arena_put(b, s, len);
    uint8_t fl = F_HAS_BREAK | (flex ? F_FLEX : 0);
    return push_node(b, (node){.kind = K_BREAK, .flags = fl, .a = (uint32_t)len, .b = off});
}

alg_doc alg_group(alg_builder *b, alg_doc doc)
{
    return push_node(b, (node){.kind = K_GROUP, .flags = b->nodes[doc].flags & F_HAS_BREAK, .a = doc});
}

alg_doc alg_color(alg_builder *b, alg_doc doc, const char *ansi)
{
    size_t len = strlen(ansi);
    uint64_t off = arena_put(b, ansi, len);
    return push_node(b, (node){.kind = K_COLOR, .flags = b->nodes[doc].flags, .aux = (uint16_t)len, .a = doc, .b = off});
}

alg_doc alg_glue(alg_builder *b, alg_doc left, const char *s, alg_doc right, bool flex)
{
    return alg_concat(b, left, alg_concat(b, alg_break(b, s, flex), right));
}

bool alg_is_simple(const alg_builder *b, alg_doc d) { return b->nodes[d].flags & F_SIMPLE; }

/* ---- rendering ---- */

enum { MODE_FLAT, MODE_BREAK, MODE_TAIL /* fits? only: doc holds the saved b? */ };

typedef struct entry {
    uint32_t indent;
    uint32_t mode;
    alg_doc doc;
} entry;

typedef struct stack {
    entry *items;
    size_t len, cap;
} stack;

typedef struct renderer {
    const alg_builder *b;
    int64_t width; /* < 0: infinity */
    stack main, probe;
    char *out;
    size_t len, cap;
} renderer;

static void stack_push(stack *s, uint32_t indent, uint32_t mode, alg_doc doc)
{
    if (s->len == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->items = xrealloc(s->items, s->cap * sizeof *s->items);
    }
    s->items[s->len++] = (entry){indent, mode, doc};
}

static void emit(renderer *r, const char *s, size_t n)
{
    if (r->len + n + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 256;
        while (cap < r->len + n + 1) cap *= 2;
        r->out = xrealloc(r->out, cap);
        r->cap = cap;
    }
    memcpy(r->out + r->len, s, n);
    r->len += n;
}

static void emit_newline(renderer *r, uint32_t indent)
{
    static const char spaces[64] = "                                                                ";
    emit(r, "\n", 1);
    while (indent > 0) {
        uint32_t n = indent > sizeof spaces ? (uint32_t)sizeof spaces : indent;
        emit(r, spaces, n);
        indent -= n;
    }
}

/* Inspect.Algebra.fits?/4.  Entries come from the probe stack first, then
 * from main.items[0..rest) top down: the rest of the document. */
static bool fits(renderer *r, int64_t k, bool broke, size_t rest)
{
    const node *nodes = r->b->nodes;
    stack *p = &r->probe;
    for (;;) {
        if (k > r->width && broke) return false;
        entry e;
        if (p->len) e = p->items[--p->len];
        else if (rest) e = r->main.items[--rest];
        else return true;
        if (e.mode == MODE_TAIL) {
            broke = e.doc != 0;
            continue;
        }
        const node *n = &nodes[e.doc];
        switch (n->kind) {
        case K_NIL: break;
        case K_TEXT: k += n->a; break;
        case K_BREAK:
            if (e.mode == MODE_BREAK) return true;
            k += n->a;
            broke = true;
            break;
        case K_GROUP:
            /* a group, broken or not, is measured flat; b? is restored after it */
            stack_push(p, 0, MODE_TAIL, broke);
            stack_push(p, e.indent, MODE_FLAT, n->a);
            break;
        case K_COLOR: stack_push(p, e.indent, e.mode, n->a); break;
        case K_NEST: stack_push(p, e.indent + (uint32_t)n->b, e.mode, n->a); break;
        case K_CONS:
            stack_push(p, e.indent, e.mode, (alg_doc)n->b);
            stack_push(p, e.indent, e.mode, n->a);
            break;
        }
    }
}

static bool group_fits(renderer *r, int64_t k, const entry *e, const node *n)
{
    if (r->width < 0 || !(n->flags & F_HAS_BREAK)) return true;
    r->probe.len = 0;
    stack_push(&r->probe, e->indent, MODE_FLAT, n->a);
    return fits(r, k, false, 0);
}

static bool flex_fits(renderer *r, int64_t k, const entry *e)
{
    if (r->width < 0 || e->mode == MODE_FLAT) return true;
    r->probe.len = 0;
    return fits(r, k, true, r->main.len);
}

static void render_break(renderer *r, int64_t *k, const entry *e, const node *n)
{
    const char *s = r->b->arena + n->b;
    bool newline;
    if (n->flags & F_FLEX) newline = !flex_fits(r, *k + n->a, e);
    else newline = e->mode == MODE_BREAK;
    if (newline) {
        emit_newline(r, e->indent);
        *k = e->indent;
    } else {
        emit(r, s, n->a);
        *k += n->a;
    }
}

char *alg_format(alg_builder *b, alg_doc d, int width, size_t *len)
{
    renderer r = {.b = b, .width = width < 0 ? -1 : width};
    int64_t k = 0;
    emit(&r, "", 0);
    stack_push(&r.main, 0, MODE_FLAT, d);
    while (r.main.len) {
        entry e = r.main.items[--r.main.len];
        const node *n = &b->nodes[e.doc];
        switch (n->kind) {
        case K_NIL: break;
        case K_TEXT:
            emit(&r, b->arena + n->b, n->a);
            k += n->a;
            break;
        case K_CONS:
            stack_push(&r.main, e.indent, e.mode, (alg_doc)n->b);
            stack_push(&r.main, e.indent, e.mode, n->a);
            break;
        case K_NEST: stack_push(&r.main, e.indent + (uint32_t)n->b, e.mode, n->a); break;
        case K_COLOR:
            emit(&r, b->arena + n->b, n->aux);
            stack_push(&r.main, e.indent, e.mode, n->a);
            break;
        case K_BREAK: render_break(&r, &k, &e, n); break;
        case K_GROUP:
            stack_push(&r.main, e.indent, group_fits(&r, k, &e, n) ? MODE_FLAT : MODE_BREAK, n->a);
            break;
        }
    }
    free(r.main.items);
    free(r.probe.items);
    r.out[r.len] = '\0';
    if (len) *len = r.len;
    return r.out;
}
