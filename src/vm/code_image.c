/* code_image.c - compiled code saved as bytes and loaded back.
 *
 * The build compiles the prelude once and embeds the image of its
 * top-level code (and, through the module templates and lambdas it holds,
 * every function of the standard library), so that start-up loads code
 * instead of parsing and compiling 6,000 lines of Elixir.
 *
 * Layout, all integers little-endian:
 *   "CIEXIMG" version  u32 OP_COUNT
 *   u32 nbifs, each: atom module, atom name, u32 arity
 *   u32 ncodes, each: code
 *   the atom table: u32 natoms, each: u16 length and UTF-8 bytes
 *   u32 offset of the atom table
 * code: atom module, atom name, u32 arity nfree nregs nops, ops[nops],
 *   u8 has_lines [lines[nops]], term file, u32 fun_index, uniq[16],
 *   opt-term source display capture_names,
 *   u32 nliterals, each: u8 kind (0 term, 1 module template, 2 atom) and its body,
 *   u32 ncalls, each: atom module, atom function, u32 arity, u8 local,
 *   u32 nlambdas, each: code
 * template: atom name, u32 nfunctions, each: atom name, u32 arity,
 *   u8 exported, code; opt-term struct_fields, term attributes file,
 *   u32 line, term last
 * atom: u32 index in the atom table; term: u32 length and the external term
 * format; opt-term: the same, length 0xffffffff standing for "none".
 *
 * BIF operands are indices into the runtime's BIF table, so an image only
 * fits a runtime whose table lists the same BIFs in the same order; the
 * reader checks that and refuses anything else, and the caller compiles
 * the source instead. */
#include <stdlib.h>
#include <string.h>

#include "ciex/etf.h"
#include "vm_internal.h"

#define IMAGE_MAGIC "CIEXIMG\x02"
#define NONE_LEN 0xffffffffu

enum { LIT_TERM, LIT_TEMPLATE, LIT_ATOM };

static void *xcalloc(size_t n, size_t size)
{
    void *p = ciex_xcalloc(n, size, "code");
    return p;
}

/* ---- writing ---- */

typedef struct writer {
    etf_buf out;
    bool ok;
    /* atoms are written once, in a table at the end, and named by index */
    term *atoms;      /* by index */
    uint32_t natoms;
    uint32_t *slots;  /* open hash: index + 1, or 0 */
    uint32_t cap;     /* slots; a power of two */
} writer;

static void put_u8(writer *w, uint8_t v) { etf_buf_put(&w->out, &v, 1); }

static void put_u32(writer *w, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    etf_buf_put(&w->out, b, 4);
}

/* Zero bytes up to a multiple of 4 from the image's start: a run of words
 * after it can be read in place (get_u32s_at). */
static void put_align4(writer *w)
{
    static const uint8_t zero[3] = {0, 0, 0};
    etf_buf_put(&w->out, zero, (4 - w->out.len % 4) % 4);
}

static uint32_t atom_index(writer *w, term a)
{
    if ((w->natoms + 1) * 2 > w->cap) {
        uint32_t cap = w->cap ? w->cap * 2 : 1024;
        uint32_t *slots = xcalloc(cap, sizeof *slots);
        for (uint32_t i = 0; i < w->natoms; i++) {
            uint32_t j = term_atom_ptr(w->atoms[i])->hash & (cap - 1);
            while (slots[j]) j = (j + 1) & (cap - 1);
            slots[j] = i + 1;
        }
        free(w->slots);
        w->slots = slots;
        w->cap = cap;
        w->atoms = ciex_xrealloc(w->atoms, cap / 2 * sizeof *w->atoms, "code");
    }
    uint32_t j = term_atom_ptr(a)->hash & (w->cap - 1);
    while (w->slots[j]) {
        if (w->atoms[w->slots[j] - 1] == a) return w->slots[j] - 1;
        j = (j + 1) & (w->cap - 1);
    }
    w->atoms[w->natoms] = a;
    w->slots[j] = ++w->natoms;
    return w->natoms - 1;
}

static void put_atom(writer *w, term a) { put_u32(w, atom_index(w, a)); }

static void put_term(writer *w, term t)
{
    if (t == TERM_NONE) {
        put_u32(w, NONE_LEN);
        return;
    }
    etf_buf e;
    etf_buf_init(&e);
    if (etf_encode(t, &e, NULL) != ETF_OK) w->ok = false;
    put_u32(w, (uint32_t)e.len);
    etf_buf_put(&w->out, e.data, e.len);
    etf_buf_free(&e);
}

static void put_code(writer *w, const vm_code *c);

static void put_template(writer *w, const vm_module_template *t)
{
    put_atom(w, t->name);
    put_u32(w, t->nfunctions);
    for (uint32_t i = 0; i < t->nfunctions; i++) {
        put_atom(w, t->functions[i].name);
        put_u32(w, t->functions[i].arity);
        put_u8(w, t->functions[i].exported);
        put_code(w, t->functions[i].code);
    }
    put_term(w, t->struct_fields);
    put_term(w, t->attributes);
    put_term(w, t->file);
    put_u32(w, t->line);
    put_term(w, t->last);
}

static void put_code(writer *w, const vm_code *c)
{
    put_atom(w, c->module);
    put_atom(w, c->name);
    put_u32(w, c->arity);
    put_u32(w, c->nfree);
    put_u32(w, c->nregs);
    put_u32(w, c->nops);
    put_align4(w);
    for (uint32_t i = 0; i < c->nops; i++) put_u32(w, c->ops[i]);
    put_u8(w, c->lines != NULL);
    if (c->lines) {
        put_align4(w);
        for (uint32_t i = 0; i < c->nops; i++) put_u32(w, c->lines[i]);
    }
    put_term(w, c->file);
    put_u32(w, c->fun_index);
    etf_buf_put(&w->out, c->fun_uniq, sizeof c->fun_uniq);
    put_term(w, c->source);
    put_term(w, c->display);
    put_term(w, c->capture_names);
    put_u32(w, c->nliterals);
    for (uint32_t i = 0; i < c->nliterals; i++) {
        term lit = c->literals[i];
        const vm_module_template *t = vm_module_template_of(lit);
        put_u8(w, t ? LIT_TEMPLATE : term_is_atom(lit) ? LIT_ATOM : LIT_TERM);
        if (t) put_template(w, t);
        else if (term_is_atom(lit)) put_atom(w, lit);
        else put_term(w, lit);
    }
    put_u32(w, c->ncalls);
    for (uint32_t i = 0; i < c->ncalls; i++) {
        put_atom(w, c->calls[i].module);
        put_atom(w, c->calls[i].function);
        put_u32(w, c->calls[i].arity);
        put_u8(w, c->calls[i].local);
    }
    put_u32(w, c->nlambdas);
    for (uint32_t i = 0; i < c->nlambdas; i++) put_code(w, c->lambdas[i]);
}

uint8_t *vm_image_write(vm_runtime *rt, vm_code *const *codes, uint32_t n, size_t *len)
{
    writer w = {.ok = true};
    etf_buf_init(&w.out);
    etf_buf_put(&w.out, IMAGE_MAGIC, 8);
    put_u32(&w, OP_COUNT);
    put_u32(&w, rt->nbifs);
    for (uint32_t i = 0; i < rt->nbifs; i++) {
        put_atom(&w, rt->bifs[i].module);
        put_atom(&w, rt->bifs[i].name);
        put_u32(&w, rt->bifs[i].arity);
    }
    put_u32(&w, n);
    for (uint32_t i = 0; i < n; i++) put_code(&w, codes[i]);
    /* the atom table, and where it starts (the image's last word) */
    uint32_t table_at = (uint32_t)w.out.len;
    put_u32(&w, w.natoms);
    for (uint32_t i = 0; i < w.natoms; i++) {
        size_t alen = term_atom_len(w.atoms[i]);
        uint8_t b[2] = {(uint8_t)alen, (uint8_t)(alen >> 8)};
        etf_buf_put(&w.out, b, 2);
        etf_buf_put(&w.out, term_atom_name(w.atoms[i]), alen);
    }
    put_u32(&w, table_at);
    free(w.atoms);
    free(w.slots);
    if (!w.ok) {
        etf_buf_free(&w.out);
        return NULL;
    }
    *len = w.out.len;
    return w.out.data;
}

/* ---- reading ---- */

typedef struct reader {
    vm_runtime *rt;
    const uint8_t *start, *p, *end;
    bool ok;
    bool in_place; /* the bytes outlive the code read: its words may stay there */
    term *atoms;
    uint32_t natoms;
} reader;

static bool need(reader *r, size_t n)
{
    if (r->ok && (size_t)(r->end - r->p) >= n) return true;
    r->ok = false;
    return false;
}

static uint8_t get_u8(reader *r)
{
    if (!need(r, 1)) return 0;
    return *r->p++;
}

static uint32_t get_u32(reader *r)
{
    if (!need(r, 4)) return 0;
    uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
    r->p += 4;
    return v;
}

/* n little-endian words into out: one bounds check, and a copy where the
 * host is little-endian (start-up reads every instruction of the prelude) */
static void get_u32s(reader *r, uint32_t *out, uint32_t n)
{
    if (!need(r, (size_t)n * 4)) return;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(out, r->p, (size_t)n * 4);
    r->p += (size_t)n * 4;
#else
    for (uint32_t i = 0; i < n; i++) out[i] = get_u32(r);
#endif
}

/* n words after the padding put_align4 wrote: where the bytes may stay and
 * the host reads them as they are (little-endian, the image 4-aligned in
 * memory), the words in place (*in_place true), else a copy on the heap
 * (zeroes when the image is cut short, with r->ok false: the caller
 * still has an array to free). */
static uint32_t *get_u32s_at(reader *r, uint32_t n, bool *in_place)
{
    size_t pad = (4 - (size_t)(r->p - r->start) % 4) % 4;
    *in_place = false;
    if (!need(r, pad)) return xcalloc(1, sizeof(uint32_t));
    r->p += pad;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (r->in_place && n > 0 && (uintptr_t)r->p % 4 == 0 && need(r, (size_t)n * 4)) {
        uint32_t *words = (uint32_t *)(uintptr_t)r->p; /* read only: it may lie in the executable's .rodata */
        r->p += (size_t)n * 4;
        *in_place = true;
        return words;
    }
#endif
    uint32_t *words = xcalloc(n ? n : 1, sizeof *words);
    get_u32s(r, words, n);
    return words;
}

/* A count of items at least `each` bytes long, checked against what is left. */
static uint32_t get_count(reader *r, size_t each)
{
    uint32_t n = get_u32(r);
    if (r->ok && (size_t)(r->end - r->p) / each < n) r->ok = false;
    return r->ok ? n : 0;
}

static term get_atom(reader *r)
{
    uint32_t i = get_u32(r);
    if (r->ok && i < r->natoms) return r->atoms[i];
    r->ok = false;
    return TERM_ATOM_NIL;
}

/* Interns the atom table of the image (the table's offset is the last
 * word).  False when it is malformed. */
static bool read_atom_table(reader *r, const uint8_t *data, size_t len)
{
    if (len < 12) return false;
    const uint8_t *w = data + len - 4;
    size_t at = (size_t)w[0] | (size_t)w[1] << 8 | (size_t)w[2] << 16 | (size_t)w[3] << 24;
    if (at < 12 || at > len - 8) return false;
    reader t = {r->rt, data, data + at, data + len - 4, true, false, NULL, 0};
    uint32_t n = get_count(&t, 2);
    r->atoms = xcalloc(n ? n : 1, sizeof *r->atoms);
    for (uint32_t i = 0; i < n && t.ok; i++) {
        size_t alen = need(&t, 2) ? ((size_t)t.p[0] | (size_t)t.p[1] << 8) : 0;
        if (t.ok) t.p += 2;
        if (!need(&t, alen) || term_atom_new((const char *)t.p, alen, &r->atoms[i]) != TERM_OK) t.ok = false;
        else t.p += alen;
        r->natoms = i + 1;
    }
    r->end = data + at; /* the codes end where the table begins */
    return t.ok && t.p == t.end;
}

/* Owned; TERM_NONE for "none" or an error (r->ok tells which). */
static term get_term(reader *r)
{
    uint32_t len = get_u32(r);
    if (!r->ok || len == NONE_LEN) return TERM_NONE;
    term t;
    if (!need(r, len) || etf_decode(r->p, len, &t, NULL) != ETF_OK) {
        r->ok = false;
        return TERM_NONE;
    }
    r->p += len;
    return t;
}

/* A term that must be present: TERM_NIL stands in after an error. */
static term get_some_term(reader *r)
{
    term t = get_term(r);
    if (t == TERM_NONE) r->ok = false;
    return t == TERM_NONE ? TERM_NIL : t;
}

static vm_code *get_code(reader *r, uint32_t depth);

static term get_template(reader *r, uint32_t depth)
{
    vm_module_template *t = xcalloc(1, sizeof *t);
    t->name = get_atom(r);
    t->struct_fields = TERM_NONE;
    t->attributes = t->file = t->last = TERM_NIL;
    uint32_t n = get_count(r, 11);
    t->functions = xcalloc(n ? n : 1, sizeof *t->functions);
    for (uint32_t i = 0; i < n && r->ok; i++) {
        vm_function *f = &t->functions[i];
        f->name = get_atom(r);
        f->arity = get_u32(r);
        f->exported = get_u8(r) != 0;
        f->code = get_code(r, depth + 1);
        t->nfunctions = i + 1;
    }
    t->struct_fields = get_term(r);
    t->attributes = get_some_term(r);
    t->file = get_some_term(r);
    t->line = get_u32(r);
    t->last = get_some_term(r);
    return vm_module_template_new(t);
}

static vm_code *get_code(reader *r, uint32_t depth)
{
    term module = get_atom(r), name = get_atom(r);
    uint32_t arity = get_u32(r);
    /* a code object always exists, so that the caller's arrays stay whole;
     * after an error it is an empty shell the runtime frees later */
    vm_code *c = vm_code_new(r->rt, module, name, arity);
    if (depth > 64) r->ok = false;
    c->nfree = get_u32(r);
    c->nregs = get_u32(r);
    uint32_t nops = get_count(r, 4);
    bool in_place;
    c->ops = get_u32s_at(r, nops, &in_place);
    c->ops_in_image = in_place;
    c->nops = nops;
    if (get_u8(r)) {
        c->lines = get_u32s_at(r, nops, &in_place);
        if (in_place != c->ops_in_image) r->ok = false; /* both or neither */
    }
    c->file = get_some_term(r);
    c->fun_index = get_u32(r);
    if (need(r, sizeof c->fun_uniq)) {
        memcpy(c->fun_uniq, r->p, sizeof c->fun_uniq);
        r->p += sizeof c->fun_uniq;
    }
    c->source = get_term(r);
    c->display = get_term(r);
    c->capture_names = get_term(r);
    uint32_t nlit = get_count(r, 5);
    c->literals = xcalloc(nlit ? nlit : 1, sizeof *c->literals);
    for (uint32_t i = 0; i < nlit; i++) c->literals[i] = TERM_NIL;
    c->nliterals = nlit;
    for (uint32_t i = 0; i < nlit && r->ok; i++)
        switch (get_u8(r)) {
        case LIT_TERM: c->literals[i] = get_some_term(r); break;
        case LIT_TEMPLATE: c->literals[i] = get_template(r, depth); break;
        case LIT_ATOM: c->literals[i] = get_atom(r); break;
        default: r->ok = false;
        }
    uint32_t ncalls = get_count(r, 13);
    c->calls = xcalloc(ncalls ? ncalls : 1, sizeof *c->calls);
    c->local_targets = xcalloc(ncalls ? ncalls : 1, sizeof *c->local_targets);
    for (uint32_t i = 0; i < ncalls && r->ok; i++) {
        vm_call_site *cs = &c->calls[i];
        cs->module = get_atom(r);
        cs->function = get_atom(r);
        cs->arity = get_u32(r);
        cs->local = get_u8(r) != 0;
        cs->bif = -1;
        c->ncalls = i + 1;
    }
    uint32_t nlambdas = get_count(r, 4);
    c->lambdas = xcalloc(nlambdas ? nlambdas : 1, sizeof *c->lambdas);
    for (uint32_t i = 0; i < nlambdas && r->ok; i++) {
        c->lambdas[i] = get_code(r, depth + 1);
        c->nlambdas = i + 1;
    }
    return c;
}

bool vm_image_read(vm_runtime *rt, const uint8_t *data, size_t len, bool in_place, vm_code ***codes, uint32_t *n)
{
    reader r = {rt, data, data, data + len, true, in_place, NULL, 0};
    if (len < 8 || memcmp(data, IMAGE_MAGIC, 8) != 0) return false;
    r.p += 8;
    vm_code **out = NULL;
    uint32_t count = 0;
    if (!read_atom_table(&r, data, len) || get_u32(&r) != OP_COUNT || get_u32(&r) != rt->nbifs) goto fail;
    for (uint32_t i = 0; i < rt->nbifs; i++) {
        term module = get_atom(&r), name = get_atom(&r);
        uint32_t arity = get_u32(&r);
        const vm_bif_entry *b = &rt->bifs[i];
        if (!r.ok || b->module != module || b->name != name || b->arity != arity) goto fail;
    }
    count = get_count(&r, 4);
    out = xcalloc(count ? count : 1, sizeof *out);
    for (uint32_t i = 0; i < count && r.ok; i++) out[i] = get_code(&r, 0);
    if (!r.ok || r.p != r.end) goto fail;
    free(r.atoms);
    *codes = out;
    *n = count;
    return true;
fail:
    free(r.atoms);
    free(out);
    return false;
}
