/* term.h - ciex values: the immutable, refcounted data of Elixir and Erlang.
 *
 * A `term` is one machine word.  Immediates (small integers, atoms, []) live
 * in the word itself; everything else is a pointer to a refcounted box on
 * the C heap.  Boxes are immutable once published, so processes of one node
 * share them without copying; the external term format copies them across
 * nodes.
 *
 * Word layout (low bits):
 *   ...xxx1  small integer, value = (intptr_t)w >> 1 (63-bit signed)
 *   ...x000  pointer to a term_box (never NULL)
 *   ...x010  atom: pointer to an immortal term_atom, or-ed with 2
 *   ...x100  special immediate: TERM_NIL, TERM_NONE
 *
 * Ownership: a function that returns a term returns a reference the caller
 * owns (release it with term_release) unless its comment says "borrowed".
 * Constructor arguments are consumed ("stolen"): term_cons(h, t) takes over
 * the caller's references to h and t.  Predicates, accessors, comparison,
 * hashing, inspect and ETF encoding borrow their arguments.
 *
 * Atoms are interned in one process-wide table and never freed, so atom
 * equality is word equality.  The table is guarded by a mutex, which keeps
 * it correct when the runtime grows more scheduler threads.
 */
#ifndef CIEX_TERM_H
#define CIEX_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uintptr_t term;

_Static_assert(sizeof(term) == 8, "ciex needs a 64-bit machine word");

/* ---- memory ----
 * Every allocation of the runtime and the shell goes through these.  When
 * memory runs out there is no sensible recovery: the program says what
 * ran out, as the BEAM does ("ciex: Cannot allocate 4000000000 bytes of
 * memory (of type "binary")."), on stderr, and aborts.  `what` names the
 * kind of data (a string literal). */
_Noreturn void ciex_out_of_memory(const char *what, size_t bytes, bool reallocating);
void *ciex_xmalloc(size_t bytes, const char *what);
void *ciex_xcalloc(size_t count, size_t size, const char *what);
void *ciex_xrealloc(void *p, size_t bytes, const char *what);
char *ciex_xstrdup(const char *s, const char *what);
char *ciex_xstrndup(const char *s, size_t n, const char *what);

/* ---- status codes shared by the term and etf layers ---- */
typedef enum term_status {
    TERM_OK = 0,
    TERM_ERR_SYSTEM_LIMIT,  /* atom too long, value too large */
    TERM_ERR_BADARG,        /* malformed input (invalid UTF-8, ...) */
    TERM_ERR_BADARITH,      /* division by zero, non-number operand */
    TERM_ERR_NOMEM,
} term_status;

const char *term_status_message(term_status st);

/* ---- tags ---- */
#define TERM_TAG_MASK 7u
#define TERM_TAG_BOX 0u
#define TERM_TAG_ATOM 2u
#define TERM_TAG_SPECIAL 4u

#define TERM_NIL ((term)0x04)  /* [] */
#define TERM_NONE ((term)0x0c) /* "no value": never a user-visible term */

typedef enum term_type {
    TERM_T_SMALL,
    TERM_T_ATOM,
    TERM_T_NIL,
    TERM_T_NONE,
    /* boxed types */
    TERM_T_BIGINT,
    TERM_T_FLOAT,
    TERM_T_BINARY,
    TERM_T_TUPLE,
    TERM_T_CONS,
    TERM_T_MAP,
    TERM_T_PID,
    TERM_T_REF,
    TERM_T_PORT,
    TERM_T_FUN,
    TERM_T_EXPORT,
    TERM_T_RESOURCE, /* opaque runtime object (code, sockets): not data */
} term_type;

/* Every boxed value starts with this header.  `refs` counts owners; a box
 * with refs == 1 may be updated in place by its only owner (the
 * term_*_put functions do this), which is how immutable maps and tuples
 * stay cheap to "modify". */
typedef struct term_box {
    uint32_t refs;
    uint8_t type; /* enum term_type */
    uint8_t pad[3];
} term_box;

/* ---- atoms ---- */
typedef struct term_atom_entry {
    uint32_t hash;
    uint16_t len;       /* bytes of UTF-8 in name */
    uint16_t chars;     /* code points: at most TERM_ATOM_MAX_CHARS */
    uint32_t index;     /* how many atoms were interned before it */
    struct term_atom_entry *next; /* intern table chain */
    char name[];        /* NUL-terminated UTF-8 */
} term_atom_entry;

#define TERM_ATOM_MAX_CHARS 255

/* Interns `len` bytes of UTF-8.  Errors: TERM_ERR_BADARG for invalid
 * UTF-8, TERM_ERR_SYSTEM_LIMIT beyond 255 characters. */
term_status term_atom_new(const char *utf8, size_t len, term *out);
/* How many atoms are interned (:erlang.system_info(:atom_count)). */
size_t term_atom_count(void);
/* Interns a C string known to be a valid atom name (aborts otherwise). */
term term_atom(const char *name);
/* Latin-1 names (the old ATOM_EXT tags) are converted to UTF-8. */
term_status term_atom_new_latin1(const char *bytes, size_t len, term *out);
/* Looks an atom up without creating it (TERM_NONE when absent). */
term term_atom_existing(const char *utf8, size_t len);

static inline bool term_is_atom(term t) { return (t & TERM_TAG_MASK) == TERM_TAG_ATOM; }
static inline const term_atom_entry *term_atom_ptr(term t) { return (const term_atom_entry *)(t & ~(term)TERM_TAG_MASK); }
static inline const char *term_atom_name(term t) { return term_atom_ptr(t)->name; }
static inline size_t term_atom_len(term t) { return term_atom_ptr(t)->len; }
static inline term term_from_atom_ptr(const term_atom_entry *a) { return (term)a | TERM_TAG_ATOM; }

/* Atoms every layer needs, interned once at start-up. */
extern term TERM_TRUE, TERM_FALSE, TERM_ATOM_NIL, TERM_ATOM_OK, TERM_ATOM_ERROR,
    TERM_ATOM_UNDEFINED, TERM_ATOM_NONODE, TERM_ATOM_INFINITY, TERM_ATOM_NORMAL;
void term_init(void); /* idempotent; called by every entry point */

static inline term term_bool(bool b) { return b ? TERM_TRUE : TERM_FALSE; }

/* ---- boxes ---- */
static inline bool term_is_boxed(term t) { return (t & TERM_TAG_MASK) == TERM_TAG_BOX; }
static inline term_box *term_box_ptr(term t) { return (term_box *)t; }
/* Asks for a box's memory before it is read: the walks over a big term
 * whose boxes are scattered.  Two lines, since a small binary's bytes can
 * start on the line after its header. */
static inline void term_prefetch(term t)
{
    if ((t & TERM_TAG_MASK) != TERM_TAG_BOX) return;
    __builtin_prefetch((const char *)t);
    __builtin_prefetch((const char *)t + 48);
}
static inline bool term_is_small(term t) { return (t & 1u) != 0; }
static inline bool term_is_nil(term t) { return t == TERM_NIL; }

term_type term_type_of(term t);
static inline bool term_has_type(term t, term_type ty) {
    return term_is_boxed(t) && term_box_ptr(t)->type == ty;
}

/* Counts are plain integers while one thread runs the runtime; once more
 * scheduler threads start (term_set_threaded, before they do), every
 * count is changed atomically, since a value may be shared by processes
 * running on different threads.  One thread pays a predicted branch. */
extern bool term_threaded;
void term_set_threaded(void);
/* A thread that used terms and ends gives back what it kept for itself
 * (its free lists of small boxes, its bignum context). */
void term_thread_done(void);
/* After a big release (a table of many objects): the calling thread's free
 * boxes are handed out in address order from then on, not in the order
 * the release freed them, so that what is made next lies in order. */
void term_boxes_sort(void);
/* Whether freed small boxes are kept for reuse (not under AddressSanitizer,
 * where every box goes back to malloc so that a use after release shows). */
bool term_boxes_recycled(void);

static inline term term_retain(term t) {
    if (term_is_boxed(t)) {
        if (__builtin_expect(term_threaded, 0)) __atomic_fetch_add(&term_box_ptr(t)->refs, 1, __ATOMIC_RELAXED);
        else term_box_ptr(t)->refs++;
    }
    return t;
}
void term_free_box(term_box *b);
/* Drops one count; true when it was the last (the box is to be freed). */
static inline bool term_box_unref(term_box *b) {
    if (__builtin_expect(term_threaded, 0)) return __atomic_sub_fetch(&b->refs, 1, __ATOMIC_ACQ_REL) == 0;
    return --b->refs == 0;
}
static inline void term_release(term t) {
    if (term_is_boxed(t) && term_box_unref(term_box_ptr(t))) term_free_box(term_box_ptr(t));
}
/* True when the caller's reference is the only one: in-place update allowed. */
static inline bool term_is_unique(term t) {
    if (!term_is_boxed(t)) return false;
    if (__builtin_expect(term_threaded, 0)) return __atomic_load_n(&term_box_ptr(t)->refs, __ATOMIC_ACQUIRE) == 1;
    return term_box_ptr(t)->refs == 1;
}

/* ---- integers ---- */
#define TERM_SMALL_MAX ((intptr_t)(((uintptr_t)1 << 62) - 1))
#define TERM_SMALL_MIN (-TERM_SMALL_MAX - 1)

static inline term term_small(intptr_t v) { return ((uintptr_t)v << 1) | 1u; }
static inline intptr_t term_small_value(term t) { return (intptr_t)t >> 1; }
static inline bool term_fits_small(int64_t v) { return v >= TERM_SMALL_MIN && v <= TERM_SMALL_MAX; }

struct bignum_st; /* OpenSSL BIGNUM */
typedef struct term_bigint {
    term_box box;
    struct bignum_st *bn; /* never within the small range: always demoted */
} term_bigint;

bool term_is_integer(term t);
term term_int_from_i64(int64_t v);
term term_int_from_u64(uint64_t v);
/* Consumes `bn`; demotes to a small integer when it fits. */
term term_int_from_bn(struct bignum_st *bn);
/* Little-endian magnitude bytes and a sign, as SMALL_BIG_EXT stores them. */
term term_int_from_le_bytes(const uint8_t *digits, size_t n, bool negative);
/* Fails (returns false) when the integer does not fit in 64 bits. */
bool term_int_to_i64(term t, int64_t *out);
/* A fresh BIGNUM with the value of any integer term (caller frees). */
struct bignum_st *term_int_to_bn(term t);
int term_int_sign(term t);
/* Digits in `base` (2..36), upper-case letters, with '-' when negative.
 * Returns a malloc'ed string. */
char *term_int_to_string(term t, int base);
/* Parses an optionally signed integer in `base`; underscores are not
 * accepted here (the lexer strips them). */
term_status term_int_parse(const char *s, size_t len, int base, term *out);

/* Arithmetic on integer terms (borrowed); results owned. */
term term_int_add(term a, term b);
term term_int_sub(term a, term b);
term term_int_mul(term a, term b);
term term_int_neg(term a);
/* Truncating division and remainder (Erlang div/rem); TERM_ERR_BADARITH
 * when b is zero. */
term_status term_int_div(term a, term b, term *out);
term_status term_int_rem(term a, term b, term *out);
term term_int_band(term a, term b);
term term_int_bor(term a, term b);
term term_int_bxor(term a, term b);
term term_int_bnot(term a);
term_status term_int_bsl(term a, term shift, term *out);
term_status term_int_bsr(term a, term shift, term *out);
/* Converts to double; false when the magnitude overflows a double. */
bool term_int_to_double(term t, double *out);

/* ---- floats ---- */
typedef struct term_float {
    term_box box;
    double value; /* always finite */
} term_float;

term term_float_new(double v);
static inline bool term_is_float(term t) { return term_has_type(t, TERM_T_FLOAT); }
static inline double term_float_value(term t) { return ((term_float *)t)->value; }
static inline bool term_is_number(term t) { return term_is_integer(t) || term_is_float(t); }
/* Shortest text that reads back as the same double, in Elixir's style:
 * "3.5", "1.0e20", "1.0e-5".  Writes at most 32 bytes including NUL. */
void term_float_format(double v, char out[32]);

/* ---- binaries and bitstrings ---- */
typedef struct term_binary {
    term_box box;
    uint8_t tail_bits;  /* bits used in the last byte: 0 means all 8 */
    size_t size;        /* bytes, including a partial last byte */
    const uint8_t *data;
    term owner;         /* TERM_NONE when data is inline below */
    uint8_t inline_data[];
} term_binary;

/* A fresh binary of `size` bytes with uninitialised contents: fill *data
 * before publishing it. */
term term_binary_alloc(size_t size, uint8_t **data);
term term_binary_new(const void *bytes, size_t size);
term term_binary_from_cstr(const char *s);
/* A bitstring of `size` bytes whose last byte holds `tail_bits` (1..7)
 * significant high bits; tail_bits 0 means a whole-byte binary. */
term term_bitstring_new(const void *bytes, size_t size, unsigned tail_bits);
/* A slice sharing the parent's bytes (the parent is retained). */
term term_binary_sub(term parent, size_t offset, size_t size);
static inline bool term_is_bitstring(term t) { return term_has_type(t, TERM_T_BINARY); }
static inline bool term_is_binary(term t) {
    return term_is_bitstring(t) && ((term_binary *)t)->tail_bits == 0;
}
static inline const uint8_t *term_binary_data(term t) { return ((term_binary *)t)->data; }
static inline size_t term_binary_size(term t) { return ((term_binary *)t)->size; }
/* Size in bits of any bitstring. */
size_t term_bitstring_bits(term t);

/* ---- tuples ---- */
typedef struct term_tuple {
    term_box box;
    uint32_t arity;
    term elems[];
} term_tuple;

/* Elements start as TERM_NIL; fill them with term_tuple_init. */
term term_tuple_new(uint32_t arity);
static inline void term_tuple_init(term tup, uint32_t i, term consumed) {
    ((term_tuple *)tup)->elems[i] = consumed;
}
term term_tuple2(term a, term b);
term term_tuple3(term a, term b, term c);
static inline bool term_is_tuple(term t) { return term_has_type(t, TERM_T_TUPLE); }
static inline uint32_t term_tuple_arity(term t) { return ((term_tuple *)t)->arity; }
static inline term term_tuple_get(term t, uint32_t i) { return ((term_tuple *)t)->elems[i]; } /* borrowed */
/* put_elem: consumes tup and v; updates in place when tup is unique. */
term term_tuple_put(term tup, uint32_t i, term v);

/* ---- lists ---- */
typedef struct term_cons {
    term_box box;
    term head;
    term tail;
} term_cons;

term term_cons_new(term head, term tail);
static inline bool term_is_cons(term t) { return term_has_type(t, TERM_T_CONS); }
static inline bool term_is_list(term t) { return t == TERM_NIL || term_is_cons(t); }
static inline term term_head(term t) { return ((term_cons *)t)->head; } /* borrowed */
static inline term term_tail(term t) { return ((term_cons *)t)->tail; } /* borrowed */
/* Builds a proper list from n consumed terms. */
term term_list_from_array(term *items, size_t n);
/* Length of a proper list, or -1 when it is improper. */
intptr_t term_list_length(term t);
/* A charlist (list of code points) from UTF-8 bytes; NONE on bad UTF-8. */
term term_charlist_from_utf8(const char *s, size_t len);
/* The terms of a file:consult/1 text (each ended by a full stop), as a
 * list; TERM_ERR_BADARG with "line N: what" in err when it is not one
 * (consult.c). */
term_status term_consult(const char *text, size_t len, term *out, char *err, size_t errlen);

/* ---- maps ---- */
/* Keys are kept sorted in map-key order (term_compare_exact), so lookup is
 * a binary search and iteration is in the order Elixir prints small maps. */
typedef struct term_map {
    term_box box;
    uint32_t size;
    uint32_t cap;
    term *kv; /* 2*size terms: k0, v0, k1, v1, ... ; points into inline space when it fits */
    term inline_kv[];
} term_map;

term term_map_new(uint32_t capacity);
static inline bool term_is_map(term t) { return term_has_type(t, TERM_T_MAP); }
static inline uint32_t term_map_size(term t) { return ((term_map *)t)->size; }
static inline term term_map_key(term t, uint32_t i) { return ((term_map *)t)->kv[2 * i]; }
static inline term term_map_value(term t, uint32_t i) { return ((term_map *)t)->kv[2 * i + 1]; }
/* Borrowed value, or TERM_NONE when the key is absent. */
term term_map_get(term map, term key);
/* Consumes map, key and value; updates in place when map is unique. */
term term_map_put(term map, term key, term value);
/* Consumes map; borrows key. */
term term_map_remove(term map, term key);
/* Builds a map from n key/value pairs kv[0..2n), consuming them.  When a
 * key repeats, the last value wins (as in %{a: 1, a: 2}) and *duplicates
 * is set, if not NULL. */
term term_map_from_pairs(term *kv, uint32_t n, bool *duplicates);

/* ---- pids, references, ports ---- */
/* Whether one of these is local is the runtime's question: the term layer
 * only stores the node name and creation that ETF carries. */
typedef struct term_pid {
    term_box box;
    term node; /* atom */
    uint32_t id, serial, creation;
} term_pid;

typedef struct term_ref {
    term_box box;
    term node;
    uint32_t creation;
    uint32_t len; /* 1..5 id words */
    uint32_t ids[5];
} term_ref;

typedef struct term_port {
    term_box box;
    term node;
    uint32_t creation;
    uint64_t id;
} term_port;

term term_pid_new(term node, uint32_t id, uint32_t serial, uint32_t creation);
term term_ref_new(term node, uint32_t creation, const uint32_t *ids, uint32_t len);
term term_port_new(term node, uint64_t id, uint32_t creation);
static inline bool term_is_pid(term t) { return term_has_type(t, TERM_T_PID); }
static inline bool term_is_ref(term t) { return term_has_type(t, TERM_T_REF); }
static inline bool term_is_port(term t) { return term_has_type(t, TERM_T_PORT); }
static inline const term_pid *term_pid_ptr(term t) { return (const term_pid *)t; }
static inline const term_ref *term_ref_ptr(term t) { return (const term_ref *)t; }
static inline const term_port *term_port_ptr(term t) { return (const term_port *)t; }

/* ---- opaque runtime objects ---- */
typedef struct term_resource_type {
    const char *name;
    void (*destroy)(void *data);
} term_resource_type;

typedef struct term_resource {
    term_box box;
    const term_resource_type *type;
    void *data;
} term_resource;

term term_resource_new(const term_resource_type *type, void *data);
static inline void *term_resource_data(term t) { return ((term_resource *)t)->data; }

/* ---- funs ---- */
/* An anonymous function.  The fields are the ones NEW_FUN_EXT carries, so a
 * fun from another node round-trips unchanged; `code` is the runtime's own
 * compiled body (a resource), TERM_NONE for a fun this node cannot run. */
typedef struct term_fun {
    term_box box;
    term module;       /* atom */
    term pid;          /* creator pid, TERM_NONE when unknown */
    term code;         /* resource or TERM_NONE */
    uint32_t arity;
    uint32_t index;
    uint32_t old_index;
    uint32_t old_uniq;
    uint8_t uniq[16];
    uint32_t nfree;
    term free[];
} term_fun;

/* Free variables start as TERM_NIL; fill them with term_fun_init_free. */
term term_fun_new(term module, uint32_t arity, uint32_t index, const uint8_t uniq[16],
                  uint32_t old_index, uint32_t old_uniq, term pid, term code, uint32_t nfree);
static inline void term_fun_init_free(term fun, uint32_t i, term consumed) {
    ((term_fun *)fun)->free[i] = consumed;
}
static inline bool term_is_fun(term t) {
    return term_has_type(t, TERM_T_FUN) || term_has_type(t, TERM_T_EXPORT);
}
static inline const term_fun *term_fun_ptr(term t) { return (const term_fun *)t; }

/* An external fun, &Mod.fun/arity. */
typedef struct term_export {
    term_box box;
    term module, function; /* atoms */
    uint32_t arity;
} term_export;

term term_export_new(term module, term function, uint32_t arity);
static inline const term_export *term_export_ptr(term t) { return (const term_export *)t; }

/* ---- comparison and hashing ---- */
/* Erlang term order: number < atom < reference < fun < port < pid < tuple
 * < map < list < bitstring.  Numbers compare by value, so 1 == 1.0
 * (Elixir's ==). Returns <0, 0, >0. */
int term_compare(term a, term b);
/* Like term_compare, but an integer and a float are never equal: this is
 * the order of map keys and the equality of === and pattern matching. */
int term_compare_exact(term a, term b);
/* Immediates are equal only as the same word (a small integer never equals
 * a bignum, and under == it can equal only a float, which is boxed). */
static inline bool term_equal(term a, term b)
{
    if (a == b) return true;
    if (!term_is_boxed(a) && !term_is_boxed(b)) return false;
    return term_compare(a, b) == 0;
}
/* the same for two boxes (compare.c) */
bool term_exact_equal_boxes(term a, term b);
static inline bool term_exact_equal(term a, term b)
{
    if (a == b) return true;
    if (!term_is_boxed(a) || !term_is_boxed(b)) return false;
    return term_exact_equal_boxes(a, b);
}
/* Hash consistent with term_exact_equal. */
uint64_t term_hash(term t);
/* The BEAM's portable 32-bit hashes, bit for bit: make_hash2 (behind
 * erlang:phash2/1,2) and make_hash (behind the deprecated phash/2). */
uint32_t term_phash2(term t);
uint32_t term_phash(term t);

/* ---- UTF-8 helpers shared by atoms, strings and inspect ---- */
/* Decodes one code point at s[*pos], advancing *pos; -1 on invalid input. */
int32_t term_utf8_decode(const uint8_t *s, size_t len, size_t *pos);
/* Encodes cp into out (at most 4 bytes); returns the byte count, 0 if cp
 * is not a valid scalar value. */
size_t term_utf8_encode(int32_t cp, uint8_t out[4]);
bool term_utf8_valid(const uint8_t *s, size_t len);

/* ---- inspect ---- */
/* Kernel.inspect/2 of Elixir 1.14: the text iex prints for a value.
 *
 * With `colors` the text carries iex's default syntax colours: each
 * coloured piece is followed by iex's reset sequence, "\e[0m\e[33m", which
 * returns to the yellow of :eval_result.  iex itself then prints the whole
 * result as "\e[33m" TEXT "\e[0m"; that wrapper is the shell's business. */
typedef struct term_inspect_opts {
    int width;           /* 80; negative = infinity (0 puts every item on its own line) */
    int limit;           /* 50 items per container; negative = infinity */
    int printable_limit; /* 4096 characters of a string or charlist; negative = infinity */
    bool pretty;         /* iex: true.  false renders at infinite width */
    bool charlists_as_lists;   /* charlists: :as_lists */
    bool binaries_as_binaries; /* binaries: :as_binaries */
    bool charlists_as_charlists; /* charlists: :as_charlists (a list that is chardata prints as '...') */
    bool binaries_as_strings;    /* binaries: :as_strings (any binary prints as "...") */
    int base;            /* 10, or 2, 8, 16: integers print with 0b/0o/0x */
    bool colors;         /* iex's default syntax colours (ANSI) */
    bool plain_structs;  /* structs: false: structs print as the maps they are */
    /* The node index N printed in #PID<N.id.serial>, #Port<N.id> and
     * #Reference<N....>; 0 for the local node.  NULL: every node prints as 0. */
    uint32_t (*node_index)(void *ctx, term node, uint32_t creation);
    /* For an anonymous fun (TERM_T_FUN), the text after "in " in
     * "#Function<idx.uniq/arity in ...>", e.g. "KV.f/1" or
     * ":erl_eval.expr/6".  Returns false when unknown; inspect then prints
     * the module alone, as Elixir does for a fun whose module is not
     * loaded.  NULL: always unknown. */
    bool (*fun_name)(void *ctx, term fun, char *buf, size_t bufsize);
    /* For a map whose __struct__ is an atom: the struct's fields in
     * definition order, a borrowed list of atoms holding every key except
     * __struct__ (so including __exception__ for an exception); TERM_NONE
     * when the module is not a known struct.  The map prints as %Mod{...}
     * only when its keys are exactly those, otherwise as a plain map, as in
     * Elixir.  Range needs no callback.  NULL: no struct is known. */
    term (*struct_fields)(void *ctx, term module);
    void *ctx;
    /* A map from struct values to the text they print as (borrowed), for
     * the structs whose Inspect implementation is written in Elixir; the
     * text is printed as it is.  TERM_NONE: none. */
    term rendered;
} term_inspect_opts;

/* iex's defaults: width 80, limit 50, printable_limit 4096, pretty, base 10,
 * no colours, no callbacks. */
void term_inspect_opts_init(term_inspect_opts *o);
/* The inspected text of t (borrowed): malloc'ed UTF-8, NUL-terminated
 * (inspect escapes every NUL it prints); *len receives its length when
 * len != NULL.  opts NULL means the defaults. */
char *term_inspect(term t, const term_inspect_opts *opts, size_t *len);

#endif
