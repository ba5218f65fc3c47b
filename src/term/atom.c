/* atom.c - the process-wide atom intern table.
 *
 * Atoms are immortal: once interned, a term_atom is never freed, so an atom
 * term is simply a tagged pointer to it and atom equality is word equality.
 * The table is an open hash of chains that doubles when it gets full; a
 * mutex guards insertion so that several scheduler threads may intern. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/term.h"

typedef struct atom_table {
    term_atom_entry **buckets;
    size_t nbuckets; /* power of two */
    size_t count;
} atom_table;

static atom_table atoms;
static pthread_mutex_t atoms_lock = PTHREAD_MUTEX_INITIALIZER;

/* Atoms are never freed: they come from blocks, cut in order, with no
 * allocator header each (start-up interns some 3,600). */
#define ATOM_BLOCK (64 * 1024)
static char *block_next;
static size_t block_left;

static term_atom_entry *atom_alloc(size_t size)
{
    size = (size + 7) & ~(size_t)7; /* 8-byte alignment keeps the low tag bits free */
    if (size > block_left) {
        block_next = ciex_xmalloc(ATOM_BLOCK, "atom");
        block_left = ATOM_BLOCK;
    }
    term_atom_entry *a = (term_atom_entry *)(void *)block_next;
    block_next += size;
    block_left -= size;
    return a;
}

term TERM_TRUE, TERM_FALSE, TERM_ATOM_NIL, TERM_ATOM_OK, TERM_ATOM_ERROR,
    TERM_ATOM_UNDEFINED, TERM_ATOM_NONODE, TERM_ATOM_INFINITY, TERM_ATOM_NORMAL;

static uint32_t atom_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (uint8_t)s[i];
        h *= 16777619u;
    }
    return h;
}

static void atom_table_grow(void)
{
    size_t n = atoms.nbuckets ? atoms.nbuckets * 2 : 4096; /* the prelude's 3,600 atoms without a regrowth */
    term_atom_entry **b = ciex_xcalloc(n, sizeof *b, "atom");
    for (size_t i = 0; i < atoms.nbuckets; i++) {
        term_atom_entry *a = atoms.buckets[i];
        while (a) {
            term_atom_entry *next = a->next;
            a->next = b[a->hash & (n - 1)];
            b[a->hash & (n - 1)] = a;
            a = next;
        }
    }
    free(atoms.buckets);
    atoms.buckets = b;
    atoms.nbuckets = n;
}

static term_atom_entry *atom_find(const char *s, size_t len, uint32_t h)
{
    if (!atoms.nbuckets) return NULL;
    for (term_atom_entry *a = atoms.buckets[h & (atoms.nbuckets - 1)]; a; a = a->next)
        if (a->hash == h && a->len == len && memcmp(a->name, s, len) == 0) return a;
    return NULL;
}

/* Counts code points; -1 when not valid UTF-8. */
static intptr_t utf8_chars(const char *s, size_t len)
{
    size_t pos = 0;
    intptr_t n = 0;
    while (pos < len) {
        if ((uint8_t)s[pos] < 0x80) pos++;
        else if (term_utf8_decode((const uint8_t *)s, len, &pos) < 0) return -1;
        n++;
    }
    return n;
}

term_status term_atom_new(const char *s, size_t len, term *out)
{
    intptr_t chars = utf8_chars(s, len);
    if (chars < 0) return TERM_ERR_BADARG;
    if (chars > TERM_ATOM_MAX_CHARS) return TERM_ERR_SYSTEM_LIMIT;
    uint32_t h = atom_hash(s, len);
    pthread_mutex_lock(&atoms_lock);
    term_atom_entry *a = atom_find(s, len, h);
    if (!a) {
        if (atoms.count >= atoms.nbuckets) atom_table_grow();
        a = atom_alloc(sizeof *a + len + 1);
        a->hash = h;
        a->len = (uint16_t)len;
        a->chars = (uint16_t)chars;
        a->index = (uint32_t)atoms.count;
        memcpy(a->name, s, len);
        a->name[len] = '\0';
        a->next = atoms.buckets[h & (atoms.nbuckets - 1)];
        atoms.buckets[h & (atoms.nbuckets - 1)] = a;
        atoms.count++;
    }
    pthread_mutex_unlock(&atoms_lock);
    *out = term_from_atom_ptr(a);
    return TERM_OK;
}

size_t term_atom_count(void)
{
    pthread_mutex_lock(&atoms_lock);
    size_t n = atoms.count;
    pthread_mutex_unlock(&atoms_lock);
    return n;
}

term term_atom(const char *name)
{
    term t;
    if (term_atom_new(name, strlen(name), &t) != TERM_OK) {
        fprintf(stderr, "ciex: internal error: invalid atom name '%s'\n", name);
        abort();
    }
    return t;
}

term_status term_atom_new_latin1(const char *bytes, size_t len, term *out)
{
    if (len > TERM_ATOM_MAX_CHARS) return TERM_ERR_SYSTEM_LIMIT;
    char buf[2 * TERM_ATOM_MAX_CHARS];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += term_utf8_encode((uint8_t)bytes[i], (uint8_t *)buf + n);
    return term_atom_new(buf, n, out);
}

term term_atom_existing(const char *s, size_t len)
{
    pthread_mutex_lock(&atoms_lock);
    term_atom_entry *a = atom_find(s, len, atom_hash(s, len));
    pthread_mutex_unlock(&atoms_lock);
    return a ? term_from_atom_ptr(a) : TERM_NONE;
}

static void term_init_once(void)
{
    TERM_TRUE = term_atom("true");
    TERM_FALSE = term_atom("false");
    TERM_ATOM_NIL = term_atom("nil");
    TERM_ATOM_OK = term_atom("ok");
    TERM_ATOM_ERROR = term_atom("error");
    TERM_ATOM_UNDEFINED = term_atom("undefined");
    TERM_ATOM_NONODE = term_atom("nonode@nohost");
    TERM_ATOM_INFINITY = term_atom("infinity");
    TERM_ATOM_NORMAL = term_atom("normal");
}

void term_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, term_init_once);
}

const char *term_status_message(term_status st)
{
    switch (st) {
    case TERM_OK: return "ok";
    case TERM_ERR_SYSTEM_LIMIT: return "a system limit has been reached";
    case TERM_ERR_BADARG: return "argument error";
    case TERM_ERR_BADARITH: return "bad argument in arithmetic expression";
    case TERM_ERR_NOMEM: return "out of memory";
    }
    return "unknown error";
}
