/* ets_table.h - the storage of one ETS table and the runtime's registry of
 * tables, shared by bif_ets.c (the :ets BIFs), ets_match.c (match
 * specifications) and ets_store.c (hash and tree storage). */
#ifndef CIEX_ETS_TABLE_H
#define CIEX_ETS_TABLE_H

#include "vm_internal.h"

typedef enum ets_type { ETS_SET, ETS_ORDERED_SET, ETS_BAG, ETS_DUPLICATE_BAG } ets_type;
typedef enum ets_access { ETS_PUBLIC, ETS_PROTECTED, ETS_PRIVATE } ets_access;

/* A key of a hash table (set, bag, duplicate_bag) and its objects, in
 * insertion order: one inline (a set's only one), more in an array whose
 * size is n rounded up to a power of two.  The key is read from the
 * first object.  24 bytes. */
typedef struct ets_hnode {
    struct ets_hnode *next;
    uint32_t hash; /* term_hash's low 32 bits */
    uint32_t n;
    union {
        term one;   /* n == 1 */
        term *many; /* n > 1 */
    } u;
} ets_hnode;

static inline term *ets_hnode_objs(ets_hnode *n) { return n->n > 1 ? n->u.many : &n->u.one; }

/* A node of an ordered_set: an AVL tree in term order (==). */
typedef struct ets_tnode {
    struct ets_tnode *left, *right;
    term obj;
    term key; /* borrowed from obj: a search reads no tuple */
    int height;
} ets_tnode;

/* A table's nodes come from blocks of its own, so a fresh table's nodes
 * lie in insertion order (a tree walk or a run of lookups touches few
 * cache lines) and cost no allocator header; freed ones are reused. */
typedef struct ets_pool {
    void *free_list;
    char *next;      /* the unused rest of the newest block */
    size_t left;     /* nodes left there */
    char **blocks;
    uint32_t nblocks, cap;
    size_t nodes;    /* in all blocks */
} ets_pool;

/* Stored objects are the caller's terms, retained: values are immutable
 * and refcounted, so the table owns a reference as a message does, and a
 * box a table holds is never unique again, so nobody updates it in place. */
typedef struct ets_table {
    term id;       /* the table's reference */
    term name;     /* atom */
    term owner;    /* pid */
    struct ets_table *own_next, **own_pprev; /* the owner's list (vm_process.ets_owned) */
    uint32_t slot;
    term heir;     /* pid, or the atom none */
    term heir_data;
    ets_type type;
    ets_access access;
    bool named;
    bool read_concurrency, write_concurrency, decentralized_counters, compressed;
    term write_concurrency_opt; /* true, false or auto, as given */
    uint32_t keypos;            /* 1-based */
    size_t size;                /* objects */
    /* hash storage */
    ets_hnode **buckets;
    size_t nbuckets; /* a power of two, or 0 */
    size_t nkeys;
    /* tree storage */
    ets_tnode *root;
    ets_pool pool;
} ets_table;

/* The runtime's tables: slots, found from a reference's words or by name. */
typedef struct vm_ets {
    ets_table **slots;
    uint32_t nslots, cap;
    uint32_t *free_slots;
    uint32_t nfree;
    uint32_t *gens; /* per slot: how many tables it has held */
    term by_name;   /* map: name atom of a named table -> slot */
} vm_ets;

static inline term ets_key(const ets_table *t, term obj) { return term_tuple_get(obj, t->keypos - 1); }
/* What the table is called in results and messages: its name when named. */
static inline term ets_tid(const ets_table *t) { return t->named ? t->name : t->id; }

/* ets_store.c: objects by key.  Terms given are borrowed; stored ones are
 * retained by the store. */
void ets_store_init(ets_table *t);
void ets_store_free(ets_table *t);
/* Inserts one object (whose arity is at least keypos) as the table's type
 * says: a set replaces, a bag adds it unless an equal object is there, a
 * duplicate_bag adds it. */
void ets_store_insert(ets_table *t, term obj);
/* The objects of a key (borrowed), and how many; NULL when absent. */
const term *ets_store_lookup(const ets_table *t, term key, uint32_t *n);
/* Removes a key's objects; returns how many went. */
uint32_t ets_store_delete_key(ets_table *t, term key);
/* Removes the objects =:= obj; returns how many went. */
uint32_t ets_store_delete_object(ets_table *t, term obj);
/* Calls fn for every object in the table's order (an ordered_set's by key)
 * until it returns false. */
typedef bool (*ets_visit_fn)(void *ctx, term obj);
void ets_store_each(const ets_table *t, ets_visit_fn fn, void *ctx);
/* Keys in the table's order: first/last, and the key after/before `key`
 * (for a hash table `key` must be present, else *found is false).  Return
 * a borrowed key, or TERM_NONE at the end. */
term ets_store_first(const ets_table *t, bool last);
term ets_store_next(const ets_table *t, term key, bool prev, bool *found);
/* Bytes the stored objects' nodes take (for info memory). */
size_t ets_store_bytes(const ets_table *t);

/* ets_match.c: match specifications. */
typedef struct ets_ms ets_ms;
/* Compiles a match specification (borrowed; it must outlive the result).
 * NULL when it is not a valid one. */
ets_ms *ets_ms_compile(vm_runtime *rt, term spec);
void ets_ms_free(ets_ms *ms);
/* Runs the specification on an object: the result of the first clause
 * whose head matches and whose guards hold (owned), or TERM_NONE. */
term ets_ms_run(ets_ms *ms, vm_process *p, term obj);
/* The key every clause's head fixes (borrowed), or TERM_NONE when some
 * clause leaves it open: then only that key's objects can match. */
term ets_ms_bound_key(const ets_ms *ms, uint32_t keypos);

#endif
