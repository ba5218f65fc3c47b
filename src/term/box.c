/* box.c - allocation and release of boxed terms, and the simple containers
 * (tuples, cons cells, pids, references, ports, funs, resources).
 *
 * Releasing a value whose count drops to zero releases its children too.
 * That walk uses an explicit stack, never C recursion, so freeing a
 * million-element list or a deeply nested tuple cannot overflow the C
 * stack. */
#include <openssl/bn.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/term.h"
#include "term_internal.h"

/* Small boxes (cons cells, tuples of a few elements, floats, pids...) are
 * most of what a program allocates: they come from free lists by size
 * class, 8 bytes apart up to BOX_CLASSES * 8 bytes, and go back to them.
 * The class is kept in the box header (pad[0]; 0 means malloc'ed).  The
 * lists are per thread, so more scheduler threads need no lock here.
 *
 * A free list is an array of pointers rather than a chain through the
 * boxes: the boxes a big term frees are scattered (a map frees its keys in
 * key order), and a chain would make each allocation wait for the last
 * box's memory; with the addresses at hand, the box handed out a few
 * allocations later is fetched ahead of time. */
#define BOX_CLASSES 10
#define BOX_PREFETCH 16 /* allocations ahead */

/* Under AddressSanitizer every box goes to malloc, so that a use after
 * release is caught rather than recycled. */
#if defined(__SANITIZE_ADDRESS__)
#define BOX_RECYCLE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BOX_RECYCLE 0
#endif
#endif
#ifndef BOX_RECYCLE
#define BOX_RECYCLE 1
#endif

typedef struct free_list {
    void **boxes;
    size_t len, cap;
} free_list;

static _Thread_local free_list free_boxes[BOX_CLASSES + 1];

bool term_threaded;

void term_set_threaded(void) { term_threaded = true; }

void term_thread_done(void)
{
    for (size_t cls = 0; cls <= BOX_CLASSES; cls++) {
        free_list *l = &free_boxes[cls];
        for (size_t i = 0; i < l->len; i++) free(l->boxes[i]);
        free(l->boxes);
        *l = (free_list){NULL, 0, 0};
    }
    term_bn_thread_done();
}

/* Sorts a free list so that it hands its boxes out in address order (the
 * last entry, taken first, the lowest address): a radix sort of the
 * complemented addresses, 8 bits a pass over the bits that differ
 * between them (a few tens of megabytes of heap: three passes). */
static void sort_free_list(free_list *l)
{
    size_t n = l->len;
    uintptr_t differ = 0;
    for (size_t i = 0; i < n; i++) {
        differ |= (uintptr_t)l->boxes[i] ^ (uintptr_t)l->boxes[0];
    }
    if (!differ) return;
    int from_bit = __builtin_ctzl(differ), to_bit = 64 - __builtin_clzl(differ);
    void **tmp = malloc(n * sizeof *tmp);
    if (!tmp) return; /* no room to sort: the order only costs speed */
    size_t count[256];
    void **from = l->boxes, **to = tmp;
    for (int shift = from_bit; shift < to_bit; shift += 8) {
        memset(count, 0, sizeof count);
        for (size_t i = 0; i < n; i++) count[(~(uintptr_t)from[i] >> shift) & 0xff]++;
        size_t sum = 0;
        for (size_t d = 0; d < 256; d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++) to[count[(~(uintptr_t)from[i] >> shift) & 0xff]++] = from[i];
        void **t = from;
        from = to;
        to = t;
    }
    if (from != l->boxes) memcpy(l->boxes, from, n * sizeof *from);
    free(tmp);
}

bool term_boxes_recycled(void) { return BOX_RECYCLE; }

void term_boxes_sort(void)
{
    for (size_t cls = 0; cls <= BOX_CLASSES; cls++)
        if (free_boxes[cls].len >= 4096) sort_free_list(&free_boxes[cls]);
}

/* What an allocation that failed was for, in the BEAM's words where it
 * has them ("binary"; the rest lives on its process heaps). */
static const char *box_type_name(term_type type)
{
    switch (type) {
    case TERM_T_BINARY: return "binary";
    case TERM_T_BIGINT: return "bignum";
    case TERM_T_MAP: return "map";
    case TERM_T_FUN: return "fun";
    default: return "heap";
    }
}

void *term_box_alloc(size_t size, term_type type)
{
    size_t cls = (size + 7) >> 3;
    term_box *b;
    if (cls <= BOX_CLASSES && free_boxes[cls].len) {
        free_list *l = &free_boxes[cls];
        b = l->boxes[--l->len];
        if (l->len >= BOX_PREFETCH) __builtin_prefetch(l->boxes[l->len - BOX_PREFETCH], 1);
    } else {
        b = ciex_xmalloc(cls <= BOX_CLASSES ? cls << 3 : size, box_type_name(type));
    }
    b->refs = 1;
    b->type = (uint8_t)type;
    b->pad[0] = (uint8_t)(BOX_RECYCLE && cls <= BOX_CLASSES ? cls : 0);
    return b;
}

static void box_dealloc(term_box *b)
{
    uint8_t cls = b->pad[0];
    if (cls == 0) {
        free(b);
        return;
    }
    free_list *l = &free_boxes[cls];
    if (l->len == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        void **boxes = realloc(l->boxes, cap * sizeof *boxes);
        if (!boxes) { /* no room to keep it: give it back */
            free(b);
            return;
        }
        l->boxes = boxes;
        l->cap = cap;
    }
    l->boxes[l->len++] = b;
}

term_type term_type_of(term t)
{
    if (term_is_small(t)) return TERM_T_SMALL;
    switch (t & TERM_TAG_MASK) {
    case TERM_TAG_ATOM: return TERM_T_ATOM;
    case TERM_TAG_BOX: return (term_type)term_box_ptr(t)->type;
    default: return t == TERM_NIL ? TERM_T_NIL : TERM_T_NONE;
    }
}

/* ---- release ---- */

typedef struct free_stack {
    term_box **items;
    size_t len, cap;
    term_box *local[64];
} free_stack;

static void free_stack_push(free_stack *s, term t)
{
    if (!term_is_boxed(t) || !term_box_unref(term_box_ptr(t))) return;
    if (s->len == s->cap) {
        size_t cap = s->cap * 2;
        term_box **items = ciex_xmalloc(cap * sizeof *items, "term");
        memcpy(items, s->items, s->len * sizeof *items);
        if (s->items != s->local) free(s->items);
        s->items = items;
        s->cap = cap;
    }
    s->items[s->len++] = term_box_ptr(t);
}

/* Frees one box, pushing the children whose count drops to zero. */
static void free_one(free_stack *s, term_box *b)
{
    switch ((term_type)b->type) {
    case TERM_T_BIGINT: BN_free(((term_bigint *)b)->bn); break;
    case TERM_T_BINARY: free_stack_push(s, ((term_binary *)b)->owner); break;
    case TERM_T_TUPLE: {
        term_tuple *t = (term_tuple *)b;
        for (uint32_t i = 0; i < t->arity; i++) free_stack_push(s, t->elems[i]);
        break;
    }
    case TERM_T_CONS:
        free_stack_push(s, ((term_cons *)b)->head);
        free_stack_push(s, ((term_cons *)b)->tail);
        break;
    case TERM_T_MAP: {
        term_map *m = (term_map *)b;
        for (uint32_t i = 0; i < 2 * m->size; i++) {
            /* a big map's keys are scattered: fetch a few ahead */
            if (i + 2 * BOX_PREFETCH < 2 * m->size && term_is_boxed(m->kv[i + 2 * BOX_PREFETCH]))
                __builtin_prefetch(term_box_ptr(m->kv[i + 2 * BOX_PREFETCH]), 1);
            free_stack_push(s, m->kv[i]);
        }
        if (m->kv != m->inline_kv) free(m->kv);
        break;
    }
    case TERM_T_FUN: {
        term_fun *f = (term_fun *)b;
        free_stack_push(s, f->pid);
        free_stack_push(s, f->code);
        for (uint32_t i = 0; i < f->nfree; i++) free_stack_push(s, f->free[i]);
        break;
    }
    case TERM_T_RESOURCE: {
        term_resource *r = (term_resource *)b;
        if (r->type->destroy) r->type->destroy(r->data);
        break;
    }
    default: break; /* floats, pids, refs, ports, exports hold no boxes */
    }
    box_dealloc(b);
}

void term_free_box(term_box *b)
{
    free_stack s = {.items = NULL, .len = 0, .cap = 64};
    s.items = s.local;
    s.items[s.len++] = b;
    while (s.len) {
        if (s.len > BOX_PREFETCH) __builtin_prefetch(s.items[s.len - 1 - BOX_PREFETCH], 1);
        free_one(&s, s.items[--s.len]);
    }
    if (s.items != s.local) free(s.items);
}

/* ---- tuples ---- */

term term_tuple_new(uint32_t arity)
{
    term_tuple *t = term_box_alloc(sizeof *t + (size_t)arity * sizeof(term), TERM_T_TUPLE);
    t->arity = arity;
    for (uint32_t i = 0; i < arity; i++) t->elems[i] = TERM_NIL;
    return (term)t;
}

term term_tuple2(term a, term b)
{
    term t = term_tuple_new(2);
    term_tuple_init(t, 0, a);
    term_tuple_init(t, 1, b);
    return t;
}

term term_tuple3(term a, term b, term c)
{
    term t = term_tuple_new(3);
    term_tuple_init(t, 0, a);
    term_tuple_init(t, 1, b);
    term_tuple_init(t, 2, c);
    return t;
}

term term_tuple_put(term tup, uint32_t i, term v)
{
    if (!term_is_unique(tup)) {
        uint32_t n = term_tuple_arity(tup);
        term copy = term_tuple_new(n);
        for (uint32_t k = 0; k < n; k++) term_tuple_init(copy, k, term_retain(term_tuple_get(tup, k)));
        term_release(tup);
        tup = copy;
    }
    term_tuple *t = (term_tuple *)tup;
    term_release(t->elems[i]);
    t->elems[i] = v;
    return tup;
}

/* ---- lists ---- */

term term_cons_new(term head, term tail)
{
    term_cons *c = term_box_alloc(sizeof *c, TERM_T_CONS);
    c->head = head;
    c->tail = tail;
    return (term)c;
}

term term_list_from_array(term *items, size_t n)
{
    term list = TERM_NIL;
    while (n) list = term_cons_new(items[--n], list);
    return list;
}

intptr_t term_list_length(term t)
{
    intptr_t n = 0;
    while (term_is_cons(t)) {
        n++;
        t = term_tail(t);
    }
    return t == TERM_NIL ? n : -1;
}

term term_charlist_from_utf8(const char *s, size_t len)
{
    /* decode into a temporary array, then build back to front */
    term *cps = ciex_xmalloc((len ? len : 1) * sizeof *cps, "term");
    size_t n = 0, pos = 0;
    while (pos < len) {
        int32_t cp = term_utf8_decode((const uint8_t *)s, len, &pos);
        if (cp < 0) {
            free(cps);
            return TERM_NONE;
        }
        cps[n++] = term_small(cp);
    }
    term list = term_list_from_array(cps, n);
    free(cps);
    return list;
}

/* ---- pids, references, ports ---- */

term term_pid_new(term node, uint32_t id, uint32_t serial, uint32_t creation)
{
    term_pid *p = term_box_alloc(sizeof *p, TERM_T_PID);
    p->node = node;
    p->id = id;
    p->serial = serial;
    p->creation = creation;
    return (term)p;
}

term term_ref_new(term node, uint32_t creation, const uint32_t *ids, uint32_t len)
{
    term_ref *r = term_box_alloc(sizeof *r, TERM_T_REF);
    r->node = node;
    r->creation = creation;
    if (len > 5) len = 5;
    r->len = len;
    memset(r->ids, 0, sizeof r->ids);
    memcpy(r->ids, ids, len * sizeof *ids);
    return (term)r;
}

term term_port_new(term node, uint64_t id, uint32_t creation)
{
    term_port *p = term_box_alloc(sizeof *p, TERM_T_PORT);
    p->node = node;
    p->id = id;
    p->creation = creation;
    return (term)p;
}

/* ---- resources and funs ---- */

term term_resource_new(const term_resource_type *type, void *data)
{
    term_resource *r = term_box_alloc(sizeof *r, TERM_T_RESOURCE);
    r->type = type;
    r->data = data;
    return (term)r;
}

term term_fun_new(term module, uint32_t arity, uint32_t index, const uint8_t uniq[16],
                  uint32_t old_index, uint32_t old_uniq, term pid, term code, uint32_t nfree)
{
    term_fun *f = term_box_alloc(sizeof *f + (size_t)nfree * sizeof(term), TERM_T_FUN);
    f->module = module;
    f->pid = pid;
    f->code = code;
    f->arity = arity;
    f->index = index;
    f->old_index = old_index;
    f->old_uniq = old_uniq;
    memcpy(f->uniq, uniq, 16);
    f->nfree = nfree;
    for (uint32_t i = 0; i < nfree; i++) f->free[i] = TERM_NIL;
    return (term)f;
}

term term_export_new(term module, term function, uint32_t arity)
{
    term_export *e = term_box_alloc(sizeof *e, TERM_T_EXPORT);
    e->module = module;
    e->function = function;
    e->arity = arity;
    return (term)e;
}
