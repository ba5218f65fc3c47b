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
 * order), the pairs are sorted as records that hold the integer, or a
 * binary's first eight bytes, so that most of the work reads neither the
 * keys nor the generic comparison's machinery.  Integers come before
 * binaries in map-key order: the records are split into the two classes
 * first, then each class is radix sorted on its word (stable, so the last
 * of equal keys stays last).  Binaries whose first eight bytes are equal
 * are then put in order by the rest of their bytes and their length. */
typedef struct sort_key {
    uint64_t word; /* the integer with its sign bit flipped, or the first bytes big-endian */
    term key;
    term value;
} sort_key;

/* -1, 0 or 1 as binary a sorts before, equals or sorts after binary b,
 * both with the same first eight bytes */
static int binary_tail_order(term a, term b)
{
    size_t la = term_binary_size(a), lb = term_binary_size(b), l = la < lb ? la : lb;
    if (l > 8) {
        int c = memcmp(term_binary_data(a) + 8, term_binary_data(b) + 8, l - 8);
        if (c != 0) return c < 0 ? -1 : 1;
    }
    return la == lb ? 0 : la < lb ? -1 : 1;
}

/* stable merge sort of n binary records by binary_tail_order (tmp: room
 * for n) */
static void sort_binary_tails(sort_key *k, sort_key *tmp, size_t n)
{
    if (n < 2) return;
    size_t half = n / 2;
    sort_binary_tails(k, tmp, half);
    sort_binary_tails(k + half, tmp, n - half);
    if (binary_tail_order(k[half - 1].key, k[half].key) <= 0) return; /* already in order */
    size_t i = 0, j = half, o = 0;
    while (i < half && j < n) tmp[o++] = binary_tail_order(k[j].key, k[i].key) < 0 ? k[j++] : k[i++];
    while (i < half) tmp[o++] = k[i++];
    memcpy(k, tmp, o * sizeof *k); /* the rest of the right half is in place */
}

#define KEY_PREFETCH 32 /* keys ahead */
#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)

/* Stable LSD radix sort of n records on their words (tmp: room for n;
 * count: RADIX_SIZE counters), RADIX_BITS at a time, skipping the digits
 * that are the same in every word (most of them for integers 1..n). */
static void radix_sort_keys(sort_key *k, sort_key *tmp, size_t n, size_t *count)
{
    if (n < 2) return;
    uint64_t any = 0, all = ~(uint64_t)0;
    for (size_t i = 0; i < n; i++) {
        any |= k[i].word;
        all &= k[i].word;
    }
    uint64_t varying = any ^ all;
    sort_key *from = k, *to = tmp;
    for (unsigned shift = 0; shift < 64; shift += RADIX_BITS) {
        if (((varying >> shift) & (RADIX_SIZE - 1)) == 0) continue;
        memset(count, 0, RADIX_SIZE * sizeof *count);
        for (size_t i = 0; i < n; i++) count[(from[i].word >> shift) & (RADIX_SIZE - 1)]++;
        size_t at = 0;
        for (size_t d = 0; d < RADIX_SIZE; d++) {
            size_t c = count[d];
            count[d] = at;
            at += c;
        }
        for (size_t i = 0; i < n; i++) to[count[(from[i].word >> shift) & (RADIX_SIZE - 1)]++] = from[i];
        sort_key *t = from;
        from = to;
        to = t;
    }
    if (from != k) memcpy(k, from, n * sizeof *k);
}

/* A map of the pairs sorted by a key word when their keys allow it (see
 * above), or TERM_NONE. */
static term map_from_pairs_keyed(const term *kv, uint32_t n, bool *duplicates)
{
    sort_key *keys = ciex_xmalloc(2 * (size_t)n * sizeof *keys + RADIX_SIZE * sizeof(size_t), "map");
    sort_key *tmp = keys + n;
    size_t *count = (size_t *)(keys + 2 * (size_t)n);
    /* the records in the pairs' order in tmp, in one pass over the keys
     * (their boxes are scattered: each is fetched a few keys ahead) */
    uint32_t ints = 0;
    for (uint32_t i = 0; i < n; i++) {
        term k = kv[2 * i];
        if (i + KEY_PREFETCH < n) term_prefetch(kv[2 * (i + KEY_PREFETCH)]);
        sort_key *s = &tmp[i];
        if (term_is_small(k)) {
            s->word = (uint64_t)term_small_value(k) ^ ((uint64_t)1 << 63);
            ints++;
        } else if (term_is_binary(k)) {
            const uint8_t *d = term_binary_data(k);
            size_t len = term_binary_size(k);
            uint64_t w = 0;
            for (size_t j = 0; j < 8; j++) w = (w << 8) | (j < len ? d[j] : 0);
            s->word = w;
        } else {
            free(keys);
            return TERM_NONE;
        }
        s->key = k;
        s->value = kv[2 * i + 1];
    }
    /* integers first, each class in the pairs' order */
    uint32_t next_int = 0, next_bin = ints;
    for (uint32_t i = 0; i < n; i++) keys[term_is_small(tmp[i].key) ? next_int++ : next_bin++] = tmp[i];
    radix_sort_keys(keys, tmp, ints, count);
    radix_sort_keys(keys + ints, tmp, n - ints, count);
    for (uint32_t i = ints, j; i < n; i = j) { /* runs of binaries with the same first bytes */
        for (j = i + 1; j < n && keys[j].word == keys[i].word; j++) {}
        sort_binary_tails(keys + i, tmp, j - i);
    }
    term_map *m = (term_map *)term_map_new(n);
    for (uint32_t i = 0; i < n; i++) {
        bool same = i > 0 && i != ints && keys[i].word == keys[i - 1].word &&
                    (i < ints || binary_tail_order(keys[i - 1].key, keys[i].key) == 0);
        if (same) {
            /* equal keys: the later pair wins (the sort is stable) */
            if (duplicates) *duplicates = true;
            term_release(m->kv[2 * m->size - 2]);
            term_release(m->kv[2 * m->size - 1]);
            m->size--;
        }
        m->kv[2 * m->size] = keys[i].key;
        m->kv[2 * m->size + 1] = keys[i].value;
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
