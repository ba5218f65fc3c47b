/* map.c - immutable maps as sorted key/value arrays.
 *
 * Keys are kept in map-key order (term_compare_exact: all integers before
 * all floats, then Erlang term order), which is the order OTP keeps small
 * maps in and the order iex prints them.  Lookup is a binary search.  An
 * update copies the array, unless the caller holds the only reference, in
 * which case it is done in place. */
#include <stdlib.h>
#include <string.h>

#include "ciex/term.h"
#include "term_internal.h"

#define MAP_INLINE_MIN 4 /* pairs kept right after the header */

term term_map_new(uint32_t capacity)
{
    if (capacity < MAP_INLINE_MIN) capacity = MAP_INLINE_MIN;
    term_map *m = term_box_alloc(sizeof *m + 2 * (size_t)capacity * sizeof(term), TERM_T_MAP);
    m->size = 0;
    m->cap = capacity;
    m->kv = m->inline_kv;
    return (term)m;
}

/* Index of key, or -(insertion point) - 1. */
static intptr_t map_search(const term_map *m, term key)
{
    intptr_t lo = 0, hi = (intptr_t)m->size - 1;
    while (lo <= hi) {
        intptr_t mid = lo + (hi - lo) / 2;
        int c = term_compare_exact(m->kv[2 * mid], key);
        if (c == 0) return mid;
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
    }
    return -lo - 1;
}

term term_map_get(term map, term key)
{
    const term_map *m = (const term_map *)map;
    intptr_t i = map_search(m, key);
    return i >= 0 ? m->kv[2 * i + 1] : TERM_NONE;
}

/* A unique copy of m with room for `need` pairs (consumes map). */
static term_map *map_writable(term map, uint32_t need)
{
    term_map *m = (term_map *)map;
    if (term_is_unique(map)) {
        if (need > m->cap) {
            uint32_t cap = m->cap * 2 > need ? m->cap * 2 : need;
            term *kv = ciex_xmalloc(2 * (size_t)cap * sizeof *kv, "map");
            memcpy(kv, m->kv, 2 * (size_t)m->size * sizeof *kv);
            if (m->kv != m->inline_kv) free(m->kv);
            m->kv = kv;
            m->cap = cap;
        }
        return m;
    }
    term_map *c = (term_map *)term_map_new(need);
    c->size = m->size;
    for (uint32_t i = 0; i < 2 * m->size; i++) c->kv[i] = term_retain(m->kv[i]);
    term_release(map);
    return c;
}

term term_map_put(term map, term key, term value)
{
    intptr_t i = map_search((const term_map *)map, key);
    if (i >= 0) {
        term_map *m = map_writable(map, term_map_size(map));
        term_release(key);
        term_release(m->kv[2 * i + 1]);
        m->kv[2 * i + 1] = value;
        return (term)m;
    }
    size_t at = (size_t)(-i - 1);
    term_map *m = map_writable(map, term_map_size(map) + 1);
    memmove(&m->kv[2 * at + 2], &m->kv[2 * at], 2 * (m->size - at) * sizeof(term));
    m->kv[2 * at] = key;
    m->kv[2 * at + 1] = value;
    m->size++;
    return (term)m;
}

term term_map_remove(term map, term key)
{
    intptr_t i = map_search((const term_map *)map, key);
    if (i < 0) return map;
    term_map *m = map_writable(map, term_map_size(map));
    term_release(m->kv[2 * i]);
    term_release(m->kv[2 * i + 1]);
    memmove(&m->kv[2 * i], &m->kv[2 * i + 2], 2 * (m->size - (size_t)i - 1) * sizeof(term));
    m->size--;
    return (term)m;
}

/* Stable merge sort of pairs by key, so that the last of equal keys is the
 * last in the sorted run. */
static void sort_pairs(term *kv, term *tmp, size_t n)
{
    if (n < 2) return;
    size_t half = n / 2;
    sort_pairs(kv, tmp, half);
    sort_pairs(kv + 2 * half, tmp, n - half);
    size_t i = 0, j = half, k = 0;
    while (i < half && j < n) {
        size_t from = term_compare_exact(kv[2 * j], kv[2 * i]) < 0 ? j++ : i++;
        tmp[2 * k] = kv[2 * from];
        tmp[2 * k + 1] = kv[2 * from + 1];
        k++;
    }
    while (i < half) { tmp[2 * k] = kv[2 * i]; tmp[2 * k + 1] = kv[2 * i + 1]; k++; i++; }
    while (j < n) { tmp[2 * k] = kv[2 * j]; tmp[2 * k + 1] = kv[2 * j + 1]; k++; j++; }
    memcpy(kv, tmp, 2 * n * sizeof(term));
}

/* Sorting by a key word: when every key is a small integer or a binary
 * (the usual keys of a big map, which a BEAM node sends in its hash
 * order), the pairs are sorted through an array of (class, word, index)
 * that holds the integer, or a binary's first eight bytes, so that most
 * comparisons read neither the keys nor the generic comparison's
 * machinery.  Integers come before binaries in map-key order; the index
 * breaks ties, which keeps the sort stable (the last of equal keys stays
 * last). */
typedef struct sort_key {
    uint64_t word; /* the integer with its sign bit flipped, or the first bytes big-endian */
    uint32_t cls;  /* 0 small integer, 1 binary */
    uint32_t index;
    term key;
} sort_key;

/* -1, 0 or 1 as key a sorts before, equals or sorts after key b */
static inline int sort_key_order(const sort_key *a, const sort_key *b)
{
    if (a->cls != b->cls) return a->cls < b->cls ? -1 : 1;
    if (a->word != b->word) return a->word < b->word ? -1 : 1;
    if (a->cls == 1) {
        size_t la = term_binary_size(a->key), lb = term_binary_size(b->key);
        if (la > 8 || lb > 8) {
            int c = memcmp(term_binary_data(a->key) + 8, term_binary_data(b->key) + 8,
                           (la < lb ? la : lb) > 8 ? (la < lb ? la : lb) - 8 : 0);
            if (c != 0) return c < 0 ? -1 : 1;
        }
        if (la != lb) return la < lb ? -1 : 1;
    }
    return 0;
}

/* stable merge sort of n keys (tmp: room for n) */
static void sort_keys(sort_key *k, sort_key *tmp, size_t n)
{
    if (n < 2) return;
    size_t half = n / 2;
    sort_keys(k, tmp, half);
    sort_keys(k + half, tmp, n - half);
    if (sort_key_order(&k[half - 1], &k[half]) <= 0) return; /* already in order */
    size_t i = 0, j = half, o = 0;
    while (i < half && j < n) tmp[o++] = sort_key_order(&k[j], &k[i]) < 0 ? k[j++] : k[i++];
    while (i < half) tmp[o++] = k[i++];
    memcpy(k, tmp, o * sizeof *k); /* the rest of the right half is in place */
}

/* A map of the pairs sorted by a key word when their keys allow it (see
 * above), or TERM_NONE. */
static term map_from_pairs_keyed(term *kv, uint32_t n, bool *duplicates)
{
    for (uint32_t i = 0; i < n; i++) {
        term k = kv[2 * i];
        if (!term_is_small(k) && !term_is_binary(k)) return TERM_NONE;
    }
    sort_key *keys = ciex_xmalloc(2 * (size_t)n * sizeof *keys, "map");
    for (uint32_t i = 0; i < n; i++) {
        term k = kv[2 * i];
        sort_key *s = &keys[i];
        s->index = i;
        s->key = k;
        if (term_is_small(k)) {
            s->cls = 0;
            s->word = (uint64_t)term_small_value(k) ^ ((uint64_t)1 << 63);
        } else {
            const uint8_t *d = term_binary_data(k);
            size_t len = term_binary_size(k);
            uint64_t w = 0;
            for (size_t j = 0; j < 8; j++) w = (w << 8) | (j < len ? d[j] : 0);
            s->cls = 1;
            s->word = w;
        }
    }
    sort_keys(keys, keys + n, n);
    term_map *m = (term_map *)term_map_new(n);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t at = keys[i].index;
        if (m->size && sort_key_order(&keys[i - 1], &keys[i]) == 0) {
            /* equal keys: the later pair wins (the sort is stable) */
            if (duplicates) *duplicates = true;
            term_release(m->kv[2 * m->size - 2]);
            term_release(m->kv[2 * m->size - 1]);
            m->size--;
        }
        m->kv[2 * m->size] = kv[2 * at];
        m->kv[2 * m->size + 1] = kv[2 * at + 1];
        m->size++;
    }
    free(keys);
    return (term)m;
}

term term_map_from_pairs(term *kv, uint32_t n, bool *duplicates)
{
    if (duplicates) *duplicates = false;
    bool sorted = true;
    for (uint32_t i = 1; i < n && sorted; i++) sorted = term_compare_exact(kv[2 * i - 2], kv[2 * i]) < 0;
    if (!sorted) {
        term m = map_from_pairs_keyed(kv, n, duplicates);
        if (m != TERM_NONE) return m;
        term *tmp = ciex_xmalloc(2 * (size_t)n * sizeof *tmp, "map");
        sort_pairs(kv, tmp, n); /* recursion depth is log2(n) */
        free(tmp);
    }
    term_map *m = (term_map *)term_map_new(n);
    for (uint32_t i = 0; i < n; i++) {
        if (m->size && term_compare_exact(m->kv[2 * m->size - 2], kv[2 * i]) == 0) {
            if (duplicates) *duplicates = true;
            term_release(m->kv[2 * m->size - 2]);
            term_release(m->kv[2 * m->size - 1]);
            m->size--;
        }
        m->kv[2 * m->size] = kv[2 * i];
        m->kv[2 * m->size + 1] = kv[2 * i + 1];
        m->size++;
    }
    return (term)m;
}
