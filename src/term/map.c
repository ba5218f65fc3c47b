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

term term_map_from_pairs(term *kv, uint32_t n, bool *duplicates)
{
    if (duplicates) *duplicates = false;
    bool sorted = true;
    for (uint32_t i = 1; i < n && sorted; i++) sorted = term_compare_exact(kv[2 * i - 2], kv[2 * i]) < 0;
    if (!sorted) {
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
