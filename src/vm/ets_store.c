/* ets_store.c - where an ETS table keeps its objects.
 *
 * set, bag and duplicate_bag tables are hash tables of keys, each key with
 * its objects in insertion order; keys are equal when =:= (term_hash is
 * consistent with it), so 1 and 1.0 are two keys, as on the BEAM.  The
 * table doubles when it holds more keys than buckets.  ordered_set tables
 * are AVL trees ordered by term order, where 1 == 1.0 is one key, so
 * lookups, inserts and deletes cost O(log n) and first/next walk the keys
 * in order. */
#include <stdlib.h>
#include <string.h>

#include "ets_table.h"

void ets_store_init(ets_table *t)
{
    t->buckets = NULL;
    t->nbuckets = 0;
    t->nkeys = 0;
    t->root = NULL;
    t->size = 0;
    memset(&t->pool, 0, sizeof t->pool);
}

/* ---- node pools ---- */

/* blocks of 8, 16, ... nodes up to 1024: a small table stays small */
#define POOL_BLOCK_MAX 1024

static size_t node_size(const ets_table *t)
{
    return t->type == ETS_ORDERED_SET ? sizeof(ets_tnode) : sizeof(ets_hnode);
}

static void *node_alloc(ets_table *t)
{
    ets_pool *pl = &t->pool;
    if (pl->free_list) {
        void *n = pl->free_list;
        pl->free_list = *(void **)n;
        return n;
    }
    if (!pl->left) {
        if (pl->nblocks == pl->cap) {
            pl->cap = pl->cap ? pl->cap * 2 : 8;
            pl->blocks = ciex_xrealloc(pl->blocks, pl->cap * sizeof *pl->blocks, "ets");
        }
        size_t nodes = pl->nblocks < 7 ? (size_t)8 << pl->nblocks : POOL_BLOCK_MAX;
        pl->next = ciex_xmalloc(nodes * node_size(t), "ets");
        pl->blocks[pl->nblocks++] = pl->next;
        pl->left = nodes;
        pl->nodes += nodes;
    }
    void *n = pl->next;
    pl->next += node_size(t);
    pl->left--;
    return n;
}

static void node_free(ets_table *t, void *n)
{
    *(void **)n = t->pool.free_list;
    t->pool.free_list = n;
}

static void pool_release(ets_pool *pl)
{
    for (uint32_t i = 0; i < pl->nblocks; i++) free(pl->blocks[i]);
    free(pl->blocks);
    memset(pl, 0, sizeof *pl);
}

/* ---- hash tables ---- */

/* Releases a key's objects; the node itself goes back to the pool. */
static void hnode_clear(ets_hnode *n)
{
    term *objs = ets_hnode_objs(n);
    for (uint32_t i = 0; i < n->n; i++) term_release(objs[i]);
    if (n->n > 1) free(n->u.many);
    n->n = 0;
}

static void hnode_free(ets_table *t, ets_hnode *n)
{
    hnode_clear(n);
    node_free(t, n);
}

static ets_hnode *hfind(const ets_table *t, term key, uint32_t h, ets_hnode ***link)
{
    if (!t->nbuckets) return NULL;
    ets_hnode **l = &t->buckets[h & (t->nbuckets - 1)];
    for (; *l; l = &(*l)->next)
        if ((*l)->hash == h && term_exact_equal(ets_key(t, ets_hnode_objs(*l)[0]), key)) {
            if (link) *link = l;
            return *l;
        }
    return NULL;
}

static void hgrow(ets_table *t)
{
    size_t cap = t->nbuckets ? t->nbuckets * 2 : 16;
    ets_hnode **b = ciex_xcalloc(cap, sizeof *b, "ets");
    for (size_t i = 0; i < t->nbuckets; i++)
        for (ets_hnode *n = t->buckets[i], *next; n; n = next) {
            next = n->next;
            n->next = b[n->hash & (cap - 1)];
            b[n->hash & (cap - 1)] = n;
        }
    free(t->buckets);
    t->buckets = b;
    t->nbuckets = cap;
}

/* The array holds at least n rounded up to a power of two. */
static void hnode_push(ets_hnode *n, term obj)
{
    if (n->n == 1) {
        term first = n->u.one;
        n->u.many = ciex_xmalloc(2 * sizeof(term), "ets");
        n->u.many[0] = first;
    } else if ((n->n & (n->n - 1)) == 0) {
        n->u.many = ciex_xrealloc(n->u.many, 2 * (size_t)n->n * sizeof(term), "ets");
    }
    n->u.many[n->n++] = term_retain(obj);
}

static uint32_t hash32(term key) { return (uint32_t)term_hash(key); }

static void hinsert(ets_table *t, term obj)
{
    term key = ets_key(t, obj);
    uint32_t h = hash32(key);
    ets_hnode *n = hfind(t, key, h, NULL);
    if (n && t->type == ETS_SET) {
        term old = n->u.one;
        n->u.one = term_retain(obj);
        term_release(old);
        return;
    }
    if (n && t->type == ETS_BAG)
        for (uint32_t i = 0; i < n->n; i++)
            if (term_exact_equal(ets_hnode_objs(n)[i], obj)) return;
    if (n) {
        hnode_push(n, obj);
        t->size++;
        return;
    }
    if (t->nkeys >= t->nbuckets) hgrow(t);
    n = node_alloc(t);
    n->hash = h;
    n->n = 1;
    n->u.one = term_retain(obj);
    n->next = t->buckets[h & (t->nbuckets - 1)];
    t->buckets[h & (t->nbuckets - 1)] = n;
    t->nkeys++;
    t->size++;
}

static void hunlink(ets_table *t, ets_hnode **link)
{
    ets_hnode *n = *link;
    *link = n->next;
    t->nkeys--;
    t->size -= n->n;
    hnode_free(t, n);
}

/* ---- AVL trees ---- */

/* Term order, with small integers (the usual keys) compared in place. */
static inline int key_cmp(term a, term b)
{
    if (term_is_small(a) && term_is_small(b)) {
        intptr_t x = term_small_value(a), y = term_small_value(b);
        return (x > y) - (x < y);
    }
    return term_compare(a, b);
}

static int height(const ets_tnode *n) { return n ? n->height : 0; }

static void fix_height(ets_tnode *n)
{
    int l = height(n->left), r = height(n->right);
    n->height = (l > r ? l : r) + 1;
}

static ets_tnode *rotate_right(ets_tnode *n)
{
    ets_tnode *l = n->left;
    n->left = l->right;
    l->right = n;
    fix_height(n);
    fix_height(l);
    return l;
}

static ets_tnode *rotate_left(ets_tnode *n)
{
    ets_tnode *r = n->right;
    n->right = r->left;
    r->left = n;
    fix_height(n);
    fix_height(r);
    return r;
}

static ets_tnode *balance(ets_tnode *n)
{
    fix_height(n);
    int bf = height(n->left) - height(n->right);
    if (bf > 1) {
        if (height(n->left->left) < height(n->left->right)) n->left = rotate_left(n->left);
        return rotate_right(n);
    }
    if (bf < -1) {
        if (height(n->right->right) < height(n->right->left)) n->right = rotate_right(n->right);
        return rotate_left(n);
    }
    return n;
}

/* The tree's depth is at most 1.44 log2(n), so recursion is shallow.
 * *grew tells the caller whether the subtree got taller: when it did
 * not, nothing above it changes and the way back up does no work. */
static ets_tnode *tinsert(ets_table *t, ets_tnode *n, term obj, bool *grew)
{
    if (!n) {
        *grew = true;
        n = node_alloc(t);
        n->left = n->right = NULL;
        n->obj = term_retain(obj);
        n->key = ets_key(t, obj);
        n->height = 1;
        t->size++;
        return n;
    }
    int c = key_cmp(ets_key(t, obj), n->key);
    if (c == 0) {
        term old = n->obj;
        n->obj = term_retain(obj);
        n->key = ets_key(t, obj);
        term_release(old);
        *grew = false;
        return n;
    }
    if (c < 0) n->left = tinsert(t, n->left, obj, grew);
    else n->right = tinsert(t, n->right, obj, grew);
    if (!*grew) return n;
    int before = n->height;
    n = balance(n);
    *grew = n->height != before;
    return n;
}

static ets_tnode *tremove_min(ets_tnode *n, ets_tnode **min)
{
    if (!n->left) {
        *min = n;
        return n->right;
    }
    n->left = tremove_min(n->left, min);
    return balance(n);
}

/* Removes the node of key (when `obj` is not NONE, only if its object is
 * =:= obj); *removed counts it. */
static ets_tnode *tdelete(ets_table *t, ets_tnode *n, term key, term obj, uint32_t *removed)
{
    if (!n) return NULL;
    int c = key_cmp(key, n->key);
    if (c < 0) n->left = tdelete(t, n->left, key, obj, removed);
    else if (c > 0) n->right = tdelete(t, n->right, key, obj, removed);
    else {
        if (obj != TERM_NONE && !term_exact_equal(obj, n->obj)) return n;
        ets_tnode *l = n->left, *r = n->right;
        term_release(n->obj);
        node_free(t, n);
        t->size--;
        (*removed)++;
        if (!r) return l;
        ets_tnode *min;
        r = tremove_min(r, &min);
        min->left = l;
        min->right = r;
        return balance(min);
    }
    return balance(n);
}

static ets_tnode *tfind(const ets_table *t, term key)
{
    ets_tnode *n = t->root;
    while (n) {
        int c = key_cmp(key, n->key);
        if (c == 0) return n;
        n = c < 0 ? n->left : n->right;
    }
    return NULL;
}

/* Releases every object of a tree (the nodes go with the pool). */
static void tclear(ets_tnode *n)
{
    while (n) {
        tclear(n->left);
        term_release(n->obj);
        n = n->right;
    }
}

/* In-order walk with an explicit stack (the height bounds it). */
static void teach(const ets_tnode *n, ets_visit_fn fn, void *ctx)
{
    const ets_tnode *stack[96];
    int sp = 0;
    for (;;) {
        while (n) {
            stack[sp++] = n;
            n = n->left;
        }
        if (!sp) return;
        n = stack[--sp];
        if (!fn(ctx, n->obj)) return;
        n = n->right;
    }
}

/* ---- the interface ---- */

void ets_store_free(ets_table *t)
{
    size_t objects = t->size;
    for (size_t i = 0; i < t->nbuckets; i++)
        for (ets_hnode *n = t->buckets[i]; n; n = n->next) hnode_clear(n);
    free(t->buckets);
    tclear(t->root);
    pool_release(&t->pool);
    ets_store_init(t);
    /* A big table's objects were freed in the table's order (a hash's:
     * random), and free boxes are handed out last freed first: the next
     * terms made, a new table's say, would lie scattered, a cache miss
     * each to read (1,000,000 ordered_set lookups after a set's delete:
     * 3x the time) */
    if (objects >= 65536) term_boxes_sort();
}

void ets_store_insert(ets_table *t, term obj)
{
    if (t->type == ETS_ORDERED_SET) {
        bool grew;
        t->root = tinsert(t, t->root, obj, &grew);
    } else {
        hinsert(t, obj);
    }
}

const term *ets_store_lookup(const ets_table *t, term key, uint32_t *n)
{
    if (t->type == ETS_ORDERED_SET) {
        ets_tnode *node = tfind(t, key);
        *n = node ? 1 : 0;
        return node ? &node->obj : NULL;
    }
    ets_hnode *node = hfind(t, key, hash32(key), NULL);
    *n = node ? node->n : 0;
    return node ? ets_hnode_objs(node) : NULL;
}

uint32_t ets_store_delete_key(ets_table *t, term key)
{
    uint32_t removed = 0;
    if (t->type == ETS_ORDERED_SET) {
        t->root = tdelete(t, t->root, key, TERM_NONE, &removed);
        return removed;
    }
    ets_hnode **link;
    ets_hnode *n = hfind(t, key, hash32(key), &link);
    if (!n) return 0;
    removed = n->n;
    hunlink(t, link);
    return removed;
}

uint32_t ets_store_delete_object(ets_table *t, term obj)
{
    term key = ets_key(t, obj);
    uint32_t removed = 0;
    if (t->type == ETS_ORDERED_SET) {
        t->root = tdelete(t, t->root, key, obj, &removed);
        return removed;
    }
    ets_hnode **link;
    ets_hnode *n = hfind(t, key, hash32(key), &link);
    if (!n) return 0;
    uint32_t kept = 0;
    term *objs = ets_hnode_objs(n);
    for (uint32_t i = 0; i < n->n; i++) {
        if (term_exact_equal(objs[i], obj)) {
            term_release(objs[i]);
            removed++;
            continue;
        }
        objs[kept++] = objs[i];
    }
    if (n->n > 1 && kept <= 1) {
        /* back inline (kept == 0: the node goes below) */
        term *many = n->u.many;
        n->u.one = kept ? many[0] : TERM_NIL;
        free(many);
    }
    n->n = kept;
    if (kept == 0) {
        *link = n->next;
        t->nkeys--;
        hnode_free(t, n);
    }
    t->size -= removed;
    return removed;
}

void ets_store_each(const ets_table *t, ets_visit_fn fn, void *ctx)
{
    if (t->type == ETS_ORDERED_SET) {
        teach(t->root, fn, ctx);
        return;
    }
    for (size_t i = 0; i < t->nbuckets; i++)
        for (ets_hnode *n = t->buckets[i]; n; n = n->next)
            for (uint32_t j = 0; j < n->n; j++)
                if (!fn(ctx, ets_hnode_objs(n)[j])) return;
}

term ets_store_first(const ets_table *t, bool last)
{
    if (t->type == ETS_ORDERED_SET) {
        ets_tnode *n = t->root;
        if (!n) return TERM_NONE;
        while (last ? n->right : n->left) n = last ? n->right : n->left;
        return ets_key(t, n->obj);
    }
    for (size_t i = 0; i < t->nbuckets; i++)
        if (t->buckets[i]) return ets_key(t, ets_hnode_objs(t->buckets[i])[0]);
    return TERM_NONE;
}

term ets_store_next(const ets_table *t, term key, bool prev, bool *found)
{
    *found = true;
    if (t->type == ETS_ORDERED_SET) {
        /* the nearest key after (before) `key`, present or not */
        const ets_tnode *n = t->root, *best = NULL;
        while (n) {
            int c = key_cmp(key, n->key);
            if (prev ? c > 0 : c < 0) {
                best = n;
                n = prev ? n->right : n->left;
            } else {
                n = prev ? n->left : n->right;
            }
        }
        return best ? ets_key(t, best->obj) : TERM_NONE;
    }
    /* a hash table has one order both ways: prev is next */
    uint32_t h = hash32(key);
    ets_hnode *n = hfind(t, key, h, NULL);
    if (!n) {
        *found = false;
        return TERM_NONE;
    }
    if (n->next) return ets_key(t, ets_hnode_objs(n->next)[0]);
    for (size_t i = (h & (t->nbuckets - 1)) + 1; i < t->nbuckets; i++)
        if (t->buckets[i]) return ets_key(t, ets_hnode_objs(t->buckets[i])[0]);
    return TERM_NONE;
}

size_t ets_store_bytes(const ets_table *t)
{
    size_t bytes = t->pool.nodes * node_size(t);
    if (t->type == ETS_ORDERED_SET) return bytes;
    return bytes + t->nbuckets * sizeof(ets_hnode *) + (t->size - t->nkeys) * sizeof(term);
}
