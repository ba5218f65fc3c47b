/* bif_ets.c - the :ets BIFs: tables of tuples owned by a process.
 *
 * Every table lives in the runtime's registry (vm_ets, no globals), found
 * by its reference and, when named, by its name.  Access is checked as
 * OTP checks it: a private table is the owner's alone, a protected one is
 * read by anyone and written by its owner, a public one is anyone's
 * (info works on every table).  Errors are badarg with OTP's cause (id,
 * access, type, badkey, keypos, position, table_type, ...) in the stack
 * entry's error_info, which ErlangError.normalize turns into the texts
 * erl_stdlib_errors gives.  A table dies with its owner, or goes to its
 * heir with an {:"ETS-TRANSFER", tab, from, data} message.
 *
 * foldl/foldr and i/0, which call funs or print, are Elixir in the
 * prelude (17_ets.ex) on top of these. */
#include <stdlib.h>
#include <string.h>

#include "ets_table.h"

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

static term A(const char *name) { return term_atom(name); }
static vm_status fail(vm_process *p, const char *cause) { return vm_badarg_cause(p, A(cause)); }

/* ---- the registry ----
 * A table's reference names its slot, so finding a table costs no search:
 * its words are {the slot's generation, the runtime's middle word + the
 * slot, the runtime's top word with one bit flipped}.  No other reference
 * of this runtime has that top word, which tells table references from
 * the others as the BEAM tells its magic references; a deleted table's
 * reference finds its slot empty, or another generation there. */

static vm_ets *registry(vm_runtime *rt)
{
    if (!rt->ets) {
        vm_ets *e = ciex_xcalloc(1, sizeof *e, "ets");
        e->by_name = term_map_new(0);
        rt->ets = e;
    }
    return rt->ets;
}

static uint32_t table_ref_word(const vm_runtime *rt) { return rt->ref_high[1] ^ 0x40000000u; }

static bool is_table_ref(const vm_runtime *rt, term t)
{
    return term_is_ref(t) && term_ref_ptr(t)->len == 3 && term_ref_ptr(t)->ids[2] == table_ref_word(rt);
}

/* The live table a table reference names, or NULL. */
static ets_table *table_by_ref(const vm_runtime *rt, term ref)
{
    const vm_ets *e = rt->ets;
    const term_ref *r = term_ref_ptr(ref);
    uint32_t slot = r->ids[1] - rt->ref_high[0];
    if (!e || slot >= e->nslots || !e->slots[slot]) return NULL;
    const term_ref *id = term_ref_ptr(e->slots[slot]->id);
    return id->ids[0] == r->ids[0] && id->node == r->node && id->creation == r->creation ? e->slots[slot] : NULL;
}

/* The tables a process owns are a list hanging from it, so its exit
 * finds them without looking at anyone else's. */
static void link_owner(vm_runtime *rt, ets_table *t, term pid)
{
    vm_process *o = vm_find_process(rt, pid);
    t->own_pprev = NULL;
    t->own_next = NULL;
    if (!o) return;
    t->own_next = o->ets_owned;
    if (t->own_next) t->own_next->own_pprev = &t->own_next;
    o->ets_owned = t;
    t->own_pprev = &o->ets_owned;
}

static void unlink_owner(ets_table *t)
{
    if (!t->own_pprev) return;
    *t->own_pprev = t->own_next;
    if (t->own_next) t->own_next->own_pprev = t->own_pprev;
    t->own_pprev = NULL;
    t->own_next = NULL;
}

/* Gives t a slot and its reference. */
static void register_table(vm_runtime *rt, ets_table *t)
{
    vm_ets *e = registry(rt);
    uint32_t s;
    if (e->nfree) {
        s = e->free_slots[--e->nfree];
    } else {
        if (e->nslots == e->cap) {
            e->cap = e->cap ? e->cap * 2 : 16;
            e->slots = ciex_xrealloc(e->slots, e->cap * sizeof *e->slots, "ets");
            e->free_slots = ciex_xrealloc(e->free_slots, e->cap * sizeof *e->free_slots, "ets");
            e->gens = ciex_xrealloc(e->gens, e->cap * sizeof *e->gens, "ets");
        }
        s = e->nslots++;
        e->gens[s] = 0;
    }
    e->slots[s] = t;
    t->slot = s;
    term node_ref = vm_make_ref(rt); /* this node's name and creation */
    uint32_t ids[3] = {++e->gens[s], rt->ref_high[0] + s, table_ref_word(rt)};
    t->id = term_ref_new(term_ref_ptr(node_ref)->node, term_ref_ptr(node_ref)->creation, ids, 3);
    term_release(node_ref);
    if (t->named) e->by_name = term_map_put(e->by_name, t->name, term_small(s));
    link_owner(rt, t, t->owner);
}

static void delete_table(vm_ets *e, ets_table *t)
{
    e->slots[t->slot] = NULL;
    e->free_slots[e->nfree++] = t->slot;
    if (t->named) e->by_name = term_map_remove(e->by_name, t->name);
    unlink_owner(t);
    ets_store_free(t);
    term_release(t->id);
    term_release(t->owner);
    term_release(t->heir);
    term_release(t->heir_data);
    free(t);
}

/* A table by name or reference (NULL if none), or *type when `tab` is
 * neither an atom nor a table reference. */
static ets_table *find_table(const vm_runtime *rt, term tab, bool *type)
{
    *type = false;
    if (term_is_atom(tab)) {
        const vm_ets *e = rt->ets;
        term slot = e ? term_map_get(e->by_name, tab) : TERM_NONE;
        return slot == TERM_NONE ? NULL : e->slots[term_small_value(slot)];
    }
    if (is_table_ref(rt, tab)) return table_by_ref(rt, tab);
    *type = true;
    return NULL;
}

typedef enum { NEED_INFO, NEED_READ, NEED_WRITE } ets_need;

/* The table `tab` names, if the caller may use it so; else NULL, with
 * the badarg raised (*st). */
static ets_table *table_of(vm_process *p, term tab, ets_need need, vm_status *st)
{
    bool type;
    ets_table *t = find_table(p->rt, tab, &type);
    if (!t) {
        *st = fail(p, type ? "type" : "id");
        return NULL;
    }
    if (need != NEED_INFO && t->access != ETS_PUBLIC && !term_exact_equal(t->owner, p->pid) &&
        (t->access == ETS_PRIVATE || need == NEED_WRITE)) {
        *st = fail(p, "access");
        return NULL;
    }
    return t;
}

#define TABLE(var, arg, need)                          \
    vm_status st_ = VM_OK;                             \
    ets_table *var = table_of(p, (arg), (need), &st_); \
    if (!var) return st_

/* An object this table can hold: a tuple with the key position. */
static bool storable(const ets_table *t, term obj)
{
    return term_is_tuple(obj) && term_tuple_arity(obj) >= t->keypos;
}

/* ---- new ---- */

static bool parse_option(ets_table *t, term o)
{
    if (o == A("set")) t->type = ETS_SET;
    else if (o == A("ordered_set")) t->type = ETS_ORDERED_SET;
    else if (o == A("bag")) t->type = ETS_BAG;
    else if (o == A("duplicate_bag")) t->type = ETS_DUPLICATE_BAG;
    else if (o == A("public")) t->access = ETS_PUBLIC;
    else if (o == A("protected")) t->access = ETS_PROTECTED;
    else if (o == A("private")) t->access = ETS_PRIVATE;
    else if (o == A("named_table")) t->named = true;
    else if (o == A("compressed")) t->compressed = true;
    else if (term_is_tuple(o) && term_tuple_arity(o) == 2) {
        term k = term_tuple_get(o, 0), v = term_tuple_get(o, 1);
        bool boolean = v == TERM_TRUE || v == TERM_FALSE;
        if (k == A("keypos") && term_is_small(v) && term_small_value(v) >= 1 && term_small_value(v) < (1 << 24))
            t->keypos = (uint32_t)term_small_value(v);
        else if (k == A("read_concurrency") && boolean) t->read_concurrency = v == TERM_TRUE;
        else if (k == A("write_concurrency") && (boolean || v == A("auto"))) t->write_concurrency_opt = v;
        else if (k == A("decentralized_counters") && boolean) t->decentralized_counters = v == TERM_TRUE;
        else if (k == A("heir") && v == A("none")) {
            term_release(t->heir);
            term_release(t->heir_data);
            t->heir = A("none");
            t->heir_data = TERM_NIL;
        } else return false;
    } else if (term_is_tuple(o) && term_tuple_arity(o) == 3 && term_tuple_get(o, 0) == A("heir") &&
               term_is_pid(term_tuple_get(o, 1))) {
        term_release(t->heir);
        term_release(t->heir_data);
        t->heir = term_retain(term_tuple_get(o, 1));
        t->heir_data = term_retain(term_tuple_get(o, 2));
    } else return false;
    return true;
}

BIF(ets_new)
{
    if (!term_is_atom(a[0]) || term_list_length(a[1]) < 0) return vm_badarg(p);
    ets_table *t = ciex_xcalloc(1, sizeof *t, "ets");
    t->name = a[0];
    t->keypos = 1;
    t->type = ETS_SET;
    t->access = ETS_PROTECTED;
    t->heir = A("none");
    t->heir_data = TERM_NIL;
    t->write_concurrency_opt = TERM_FALSE;
    bool ok = true;
    for (term l = a[1]; ok && term_is_cons(l); l = term_tail(l)) ok = parse_option(t, term_head(l));
    vm_ets *e = registry(p->rt);
    if (ok && t->named && term_map_get(e->by_name, t->name) != TERM_NONE) {
        term_release(t->heir);
        term_release(t->heir_data);
        free(t);
        return fail(p, "already_exists");
    }
    if (!ok) {
        term_release(t->heir);
        term_release(t->heir_data);
        free(t);
        return vm_badarg(p);
    }
    t->write_concurrency = t->write_concurrency_opt != TERM_FALSE;
    t->owner = term_retain(p->pid);
    ets_store_init(t);
    register_table(p->rt, t);
    *r = term_retain(ets_tid(t));
    return VM_OK;
}

/* ---- writing ---- */

/* Inserts a tuple or a list of tuples, after checking all of them.  A
 * bag takes a list's objects from the last, as OTP does, so lookups show
 * them in the order the BEAM shows them. */
static vm_status insert(vm_process *p, const term *a, term *r, bool only_new)
{
    TABLE(t, a[0], NEED_WRITE);
    term objs = a[1];
    if (term_is_tuple(objs)) {
        if (!storable(t, objs)) return vm_badarg(p);
        uint32_t n;
        if (only_new && ets_store_lookup(t, ets_key(t, objs), &n)) {
            *r = TERM_FALSE;
            return VM_OK;
        }
        ets_store_insert(t, objs);
        *r = TERM_TRUE;
        return VM_OK;
    }
    intptr_t len = term_list_length(objs);
    if (len < 0) return vm_badarg(p);
    term *items = ciex_xmalloc(((size_t)len + 1) * sizeof *items, "ets");
    size_t n = 0;
    bool ok = true, fresh = true;
    for (term l = objs; term_is_cons(l); l = term_tail(l)) {
        term o = term_head(l);
        ok = ok && storable(t, o);
        items[n++] = o;
    }
    for (size_t i = 0; ok && only_new && fresh && i < n; i++) {
        uint32_t k;
        fresh = ets_store_lookup(t, ets_key(t, items[i]), &k) == NULL;
    }
    if (ok && fresh) {
        if (t->type == ETS_BAG)
            for (size_t i = n; i-- > 0;) ets_store_insert(t, items[i]);
        else
            for (size_t i = 0; i < n; i++) ets_store_insert(t, items[i]);
    }
    free(items);
    if (!ok) return vm_badarg(p);
    *r = term_bool(fresh);
    return VM_OK;
}

BIF(ets_insert) { return insert(p, a, r, false); }
BIF(ets_insert_new) { return insert(p, a, r, true); }

BIF(ets_delete1)
{
    TABLE(t, a[0], NEED_WRITE);
    delete_table(p->rt->ets, t);
    *r = TERM_TRUE;
    return VM_OK;
}

BIF(ets_delete2)
{
    TABLE(t, a[0], NEED_WRITE);
    ets_store_delete_key(t, a[1]);
    *r = TERM_TRUE;
    return VM_OK;
}

BIF(ets_delete_object)
{
    TABLE(t, a[0], NEED_WRITE);
    if (!storable(t, a[1])) return vm_badarg(p);
    ets_store_delete_object(t, a[1]);
    *r = TERM_TRUE;
    return VM_OK;
}

BIF(ets_delete_all_objects)
{
    TABLE(t, a[0], NEED_WRITE);
    ets_store_free(t);
    *r = TERM_TRUE;
    return VM_OK;
}

static term objects_list(const term *objs, uint32_t n)
{
    term l = TERM_NIL;
    for (uint32_t i = n; i-- > 0;) l = term_cons_new(term_retain(objs[i]), l);
    return l;
}

BIF(ets_take)
{
    TABLE(t, a[0], NEED_WRITE);
    uint32_t n;
    const term *objs = ets_store_lookup(t, a[1], &n);
    *r = objects_list(objs, n);
    if (n) ets_store_delete_key(t, a[1]);
    return VM_OK;
}

/* ---- reading ---- */

BIF(ets_lookup)
{
    TABLE(t, a[0], NEED_READ);
    uint32_t n;
    const term *objs = ets_store_lookup(t, a[1], &n);
    *r = objects_list(objs, n);
    return VM_OK;
}

BIF(ets_member)
{
    TABLE(t, a[0], NEED_READ);
    uint32_t n;
    *r = term_bool(ets_store_lookup(t, a[1], &n) != NULL);
    return VM_OK;
}

BIF(ets_lookup_element)
{
    TABLE(t, a[0], NEED_READ);
    if (!term_is_small(a[2]) || term_small_value(a[2]) < 1) return vm_badarg(p);
    intptr_t pos = term_small_value(a[2]);
    uint32_t n;
    const term *objs = ets_store_lookup(t, a[1], &n);
    if (!objs) return fail(p, "badkey");
    for (uint32_t i = 0; i < n; i++)
        if ((intptr_t)term_tuple_arity(objs[i]) < pos) return vm_badarg(p);
    if (t->type == ETS_SET || t->type == ETS_ORDERED_SET) {
        *r = term_retain(term_tuple_get(objs[0], (uint32_t)pos - 1));
        return VM_OK;
    }
    term l = TERM_NIL;
    for (uint32_t i = n; i-- > 0;) l = term_cons_new(term_retain(term_tuple_get(objs[i], (uint32_t)pos - 1)), l);
    *r = l;
    return VM_OK;
}

static bool push_obj(void *ctx, term obj)
{
    term **tail = ctx;
    term c = term_cons_new(term_retain(obj), TERM_NIL);
    **tail = c;
    *tail = &((term_cons *)c)->tail;
    return true;
}

BIF(ets_tab2list)
{
    TABLE(t, a[0], NEED_READ);
    term list = TERM_NIL, *tail = &list;
    ets_store_each(t, push_obj, &tail);
    *r = list;
    return VM_OK;
}

static vm_status end_or_key(term k, term *r)
{
    *r = k == TERM_NONE ? A("$end_of_table") : term_retain(k);
    return VM_OK;
}

BIF(ets_first)
{
    TABLE(t, a[0], NEED_READ);
    return end_or_key(ets_store_first(t, false), r);
}

BIF(ets_last)
{
    TABLE(t, a[0], NEED_READ);
    return end_or_key(ets_store_first(t, t->type == ETS_ORDERED_SET), r);
}

static vm_status step(vm_process *p, const term *a, term *r, bool prev)
{
    TABLE(t, a[0], NEED_READ);
    bool found;
    term k = ets_store_next(t, a[1], prev && t->type == ETS_ORDERED_SET, &found);
    if (!found) return vm_badarg(p);
    return end_or_key(k, r);
}

BIF(ets_next) { return step(p, a, r, false); }
BIF(ets_prev) { return step(p, a, r, true); }

/* ---- match specifications ---- */

typedef struct select_ctx {
    ets_ms *ms;
    vm_process *p;
    term list, *tail;      /* results, in table order */
    size_t count;          /* results that are true */
    term *hits;            /* objects whose result is true (select_delete) */
    size_t nhits, hits_cap;
    bool collect, keep_hits;
} select_ctx;

static bool select_one(void *vctx, term obj)
{
    select_ctx *c = vctx;
    term res = ets_ms_run(c->ms, c->p, obj);
    if (res == TERM_NONE) return true;
    if (res == TERM_TRUE) {
        c->count++;
        if (c->keep_hits) {
            if (c->nhits == c->hits_cap) {
                c->hits_cap = c->hits_cap ? c->hits_cap * 2 : 16;
                c->hits = ciex_xrealloc(c->hits, c->hits_cap * sizeof *c->hits, "ets");
            }
            c->hits[c->nhits++] = term_retain(obj);
        }
    }
    if (c->collect) {
        term cell = term_cons_new(res, TERM_NIL);
        *c->tail = cell;
        c->tail = &((term_cons *)cell)->tail;
    } else {
        term_release(res);
    }
    return true;
}

/* Runs spec over the table: over one key's objects when every clause
 * fixes the key, else over all of them. */
static vm_status run_select(vm_process *p, const ets_table *t, term spec, select_ctx *c)
{
    c->ms = ets_ms_compile(p->rt, spec);
    if (!c->ms) return vm_badarg(p);
    c->p = p;
    c->list = TERM_NIL;
    c->tail = &c->list;
    term key = ets_ms_bound_key(c->ms, t->keypos);
    if (key != TERM_NONE) {
        uint32_t n;
        const term *objs = ets_store_lookup(t, key, &n);
        for (uint32_t i = 0; i < n; i++) select_one(c, objs[i]);
    } else {
        ets_store_each(t, select_one, c);
    }
    ets_ms_free(c->ms);
    return VM_OK;
}

static vm_status select_list(vm_process *p, term tab, term spec, term *r)
{
    TABLE(t, tab, NEED_READ);
    select_ctx c = {.collect = true};
    vm_status st = run_select(p, t, spec, &c);
    if (st == VM_OK) *r = c.list;
    return st;
}

BIF(ets_select) { return select_list(p, a[0], a[1], r); }

BIF(ets_select_reverse)
{
    vm_status st = select_list(p, a[0], a[1], r);
    if (st != VM_OK) return st;
    term rev = TERM_NIL;
    for (term l = *r; term_is_cons(l); l = term_tail(l)) rev = term_cons_new(term_retain(term_head(l)), rev);
    term_release(*r);
    *r = rev;
    return VM_OK;
}

/* [{pattern, [], [result]}] */
static term pattern_spec(term pattern, const char *result)
{
    term clause = term_tuple3(term_retain(pattern), TERM_NIL, term_cons_new(A(result), TERM_NIL));
    return term_cons_new(clause, TERM_NIL);
}

static vm_status match_with(vm_process *p, const term *a, term *r, const char *result)
{
    term spec = pattern_spec(a[1], result);
    vm_status st = select_list(p, a[0], spec, r);
    term_release(spec);
    return st;
}

BIF(ets_match) { return match_with(p, a, r, "$$"); }
BIF(ets_match_object) { return match_with(p, a, r, "$_"); }

BIF(ets_select_count)
{
    TABLE(t, a[0], NEED_READ);
    select_ctx c = {0};
    vm_status st = run_select(p, t, a[1], &c);
    if (st == VM_OK) *r = term_int_from_u64(c.count);
    return st;
}

static vm_status select_delete(vm_process *p, term tab, term spec, term *r)
{
    TABLE(t, tab, NEED_WRITE);
    select_ctx c = {.keep_hits = true};
    vm_status st = run_select(p, t, spec, &c);
    for (size_t i = 0; i < c.nhits; i++) {
        if (st == VM_OK) ets_store_delete_object(t, c.hits[i]);
        term_release(c.hits[i]);
    }
    free(c.hits);
    if (st == VM_OK) *r = term_int_from_u64(c.count);
    return st;
}

BIF(ets_select_delete) { return select_delete(p, a[0], a[1], r); }

BIF(ets_match_delete)
{
    term clause = term_tuple3(term_retain(a[1]), TERM_NIL, term_cons_new(TERM_TRUE, TERM_NIL));
    term spec = term_cons_new(clause, TERM_NIL);
    term count = TERM_NONE;
    vm_status st = select_delete(p, a[0], spec, &count);
    term_release(spec);
    term_release(count);
    if (st == VM_OK) *r = TERM_TRUE;
    return st;
}

/* ---- counters and elements ---- */

typedef struct counter_op {
    uint32_t pos;
    term incr, threshold, set; /* borrowed; threshold NONE when absent */
} counter_op;

static bool parse_counter_op(const ets_table *t, term op, counter_op *out)
{
    out->threshold = out->set = TERM_NONE;
    if (term_is_integer(op)) {
        out->pos = t->keypos + 1;
        out->incr = op;
        return true;
    }
    if (!term_is_tuple(op) || (term_tuple_arity(op) != 2 && term_tuple_arity(op) != 4)) return false;
    for (uint32_t i = 0; i < term_tuple_arity(op); i++)
        if (!term_is_integer(term_tuple_get(op, i))) return false;
    term pos = term_tuple_get(op, 0);
    out->pos = term_is_small(pos) && term_small_value(pos) > 0 && term_small_value(pos) < (1 << 30)
                   ? (uint32_t)term_small_value(pos)
                   : UINT32_MAX;
    out->incr = term_tuple_get(op, 1);
    if (term_tuple_arity(op) == 4) {
        out->threshold = term_tuple_get(op, 2);
        out->set = term_tuple_get(op, 3);
    }
    return true;
}

/* Applies one op to obj (consumed; a fresh tuple comes back), *value the
 * counter's new value; a cause on failure. */
static const char *apply_counter(const ets_table *t, term *obj, const counter_op *op, term *value)
{
    if (op->pos == t->keypos) return "keypos";
    if (op->pos == UINT32_MAX || op->pos > term_tuple_arity(*obj)) return "position";
    term old = term_tuple_get(*obj, op->pos - 1);
    if (!term_is_integer(old)) return "none";
    term v = term_int_add(old, op->incr);
    if (op->threshold != TERM_NONE) {
        int c = term_compare(v, op->threshold);
        bool up = term_int_sign(op->incr) >= 0;
        if ((up && c > 0) || (!up && c < 0)) {
            term_release(v);
            v = term_retain(op->set);
        }
    }
    *value = term_retain(v);
    *obj = term_tuple_put(*obj, op->pos - 1, v);
    return NULL;
}

/* A private copy of a tuple, so that term_tuple_put never touches a
 * stored one. */
static term tuple_copy(term tup)
{
    uint32_t n = term_tuple_arity(tup);
    term c = term_tuple_new(n);
    for (uint32_t i = 0; i < n; i++) term_tuple_init(c, i, term_retain(term_tuple_get(tup, i)));
    return c;
}

static vm_status update_counter(vm_process *p, const term *a, term dflt, term *r)
{
    TABLE(t, a[0], NEED_WRITE);
    if (t->type != ETS_SET && t->type != ETS_ORDERED_SET) return fail(p, "table_type");
    term ops = a[2];
    bool many = term_is_list(ops);
    intptr_t nops = many ? term_list_length(ops) : 1;
    if (nops < 0) return vm_badarg(p);
    counter_op *parsed = ciex_xmalloc(((size_t)nops + 1) * sizeof *parsed, "ets");
    bool ok = true;
    if (many) {
        intptr_t i = 0;
        for (term l = ops; ok && term_is_cons(l); l = term_tail(l)) ok = parse_counter_op(t, term_head(l), &parsed[i++]);
    } else {
        ok = parse_counter_op(t, ops, &parsed[0]);
    }
    if (!ok || (dflt != TERM_NONE && !storable(t, dflt))) {
        free(parsed);
        return vm_badarg(p);
    }
    uint32_t n;
    const term *objs = ets_store_lookup(t, a[1], &n);
    term obj;
    if (objs) {
        obj = tuple_copy(objs[0]);
    } else if (dflt != TERM_NONE) {
        obj = term_tuple_put(tuple_copy(dflt), t->keypos - 1, term_retain(a[1]));
    } else {
        free(parsed);
        return fail(p, "badkey");
    }
    term *values = ciex_xmalloc(((size_t)nops + 1) * sizeof *values, "ets");
    const char *cause = NULL;
    intptr_t done = 0;
    for (; done < nops && !cause; done++) cause = apply_counter(t, &obj, &parsed[done], &values[done]);
    if (cause) done--;
    if (!cause) {
        ets_store_insert(t, obj);
        *r = many ? term_list_from_array(values, (size_t)nops) : values[0];
    } else {
        for (intptr_t i = 0; i < done; i++) term_release(values[i]);
    }
    term_release(obj);
    free(values);
    free(parsed);
    if (cause) return strcmp(cause, "none") == 0 ? vm_badarg(p) : fail(p, cause);
    return VM_OK;
}

BIF(ets_update_counter3) { return update_counter(p, a, TERM_NONE, r); }

BIF(ets_update_counter4)
{
    if (!term_is_tuple(a[3])) {
        /* the table's errors first, as OTP reports them */
        TABLE(t, a[0], NEED_WRITE);
        (void)t;
        return vm_badarg(p);
    }
    return update_counter(p, a, a[3], r);
}

static bool element_spec(term s) { return term_is_tuple(s) && term_tuple_arity(s) == 2 && term_is_small(term_tuple_get(s, 0)) && term_small_value(term_tuple_get(s, 0)) > 0; }

BIF(ets_update_element)
{
    TABLE(t, a[0], NEED_WRITE);
    if (t->type != ETS_SET && t->type != ETS_ORDERED_SET) return vm_badarg(p);
    term specs = term_is_list(a[2]) ? term_retain(a[2]) : term_cons_new(term_retain(a[2]), TERM_NIL);
    bool ok = term_list_length(specs) >= 0;
    for (term l = specs; ok && term_is_cons(l); l = term_tail(l)) ok = element_spec(term_head(l));
    uint32_t n;
    const term *objs = ok ? ets_store_lookup(t, a[1], &n) : NULL;
    const char *cause = ok ? NULL : "none";
    if (objs) {
        term obj = tuple_copy(objs[0]);
        for (term l = specs; !cause && term_is_cons(l); l = term_tail(l)) {
            intptr_t pos = term_small_value(term_tuple_get(term_head(l), 0));
            if ((uint32_t)pos == t->keypos) cause = "keypos";
            else if (pos > (intptr_t)term_tuple_arity(obj)) cause = "none";
            else obj = term_tuple_put(obj, (uint32_t)pos - 1, term_retain(term_tuple_get(term_head(l), 1)));
        }
        if (!cause) ets_store_insert(t, obj);
        term_release(obj);
    }
    term_release(specs);
    if (cause) return strcmp(cause, "none") == 0 ? vm_badarg(p) : fail(p, cause);
    *r = term_bool(objs != NULL);
    return VM_OK;
}

/* ---- info ---- */

static const char *type_name(ets_type t)
{
    static const char *names[] = {"set", "ordered_set", "bag", "duplicate_bag"};
    return names[t];
}

static const char *access_name(ets_access a)
{
    static const char *names[] = {"public", "protected", "private"};
    return names[a];
}

static const char *info_items[] = {"id", "decentralized_counters", "read_concurrency", "write_concurrency",
                                   "compressed", "memory", "owner", "heir", "name", "size", "node",
                                   "named_table", "type", "keypos", "protection", NULL};

/* The value of an info item, or TERM_NONE when there is no such item. */
static term info_item(vm_runtime *rt, const ets_table *t, term item)
{
    if (item == A("id")) return term_retain(t->id);
    if (item == A("decentralized_counters")) return term_bool(t->decentralized_counters);
    if (item == A("read_concurrency")) return term_bool(t->read_concurrency);
    if (item == A("write_concurrency")) return t->write_concurrency_opt;
    if (item == A("compressed")) return term_bool(t->compressed);
    if (item == A("memory")) return term_int_from_u64((sizeof *t + ets_store_bytes(t)) / sizeof(term));
    if (item == A("owner")) return term_retain(t->owner);
    if (item == A("heir")) return term_retain(t->heir);
    if (item == A("name")) return t->name;
    if (item == A("size")) return term_int_from_u64(t->size);
    if (item == A("node")) return vm_node_name(rt);
    if (item == A("named_table")) return term_bool(t->named);
    if (item == A("type")) return A(type_name(t->type));
    if (item == A("keypos")) return term_small(t->keypos);
    if (item == A("protection")) return A(access_name(t->access));
    if (item == A("fixed") || item == A("safe_fixed") || item == A("safe_fixed_monotonic_time")) return TERM_FALSE;
    return TERM_NONE;
}

/* info on a table that does not exist is :undefined, not an error */
static ets_table *info_table(vm_process *p, term tab, vm_status *st)
{
    *st = VM_OK;
    bool type;
    ets_table *t = find_table(p->rt, tab, &type);
    if (type) *st = fail(p, "type");
    return t;
}

BIF(ets_info1)
{
    vm_status st;
    ets_table *t = info_table(p, a[0], &st);
    if (st != VM_OK) return st;
    if (!t) {
        *r = A("undefined");
        return VM_OK;
    }
    size_t n = 0;
    term items[16];
    for (; info_items[n]; n++) items[n] = term_tuple2(A(info_items[n]), info_item(p->rt, t, A(info_items[n])));
    *r = term_list_from_array(items, n);
    return VM_OK;
}

BIF(ets_info2)
{
    vm_status st;
    ets_table *t = info_table(p, a[0], &st);
    if (st != VM_OK) return st;
    if (!t) {
        *r = A("undefined");
        return VM_OK;
    }
    term v = term_is_atom(a[1]) ? info_item(p->rt, t, a[1]) : TERM_NONE;
    if (v == TERM_NONE) return vm_badarg(p);
    *r = v;
    return VM_OK;
}

/* ---- ownership and names ---- */

static void transfer(vm_runtime *rt, ets_table *t, term to, term data)
{
    term from = t->owner;
    unlink_owner(t);
    t->owner = term_retain(to);
    link_owner(rt, t, to);
    term msg = term_tuple_new(4);
    term_tuple_init(msg, 0, A("ETS-TRANSFER"));
    term_tuple_init(msg, 1, term_retain(ets_tid(t)));
    term_tuple_init(msg, 2, from);
    term_tuple_init(msg, 3, term_retain(data));
    vm_send(rt, to, msg);
}

BIF(ets_give_away)
{
    TABLE(t, a[0], NEED_WRITE);
    if (!term_exact_equal(t->owner, p->pid)) return fail(p, "not_owner");
    if (!term_is_pid(a[1])) return vm_badarg(p);
    if (term_exact_equal(a[1], p->pid)) return fail(p, "owner");
    if (!vm_find_process(p->rt, a[1])) return vm_badarg(p);
    transfer(p->rt, t, a[1], a[2]);
    *r = TERM_TRUE;
    return VM_OK;
}

BIF(ets_rename)
{
    TABLE(t, a[0], NEED_WRITE);
    if (!term_is_atom(a[1])) return vm_badarg(p);
    vm_ets *e = p->rt->ets;
    if (t->named) {
        if (term_map_get(e->by_name, a[1]) != TERM_NONE) return vm_badarg(p); /* its own name too */
        e->by_name = term_map_remove(e->by_name, t->name);
        e->by_name = term_map_put(e->by_name, a[1], term_small(t->slot));
    }
    t->name = a[1];
    *r = term_retain(ets_tid(t));
    return VM_OK;
}

/* setopts: the heir and the protection, the owner's to change */
BIF(ets_setopts)
{
    TABLE(t, a[0], NEED_WRITE);
    if (!term_exact_equal(t->owner, p->pid)) return fail(p, "access");
    term opts = term_is_list(a[1]) ? term_retain(a[1]) : term_cons_new(term_retain(a[1]), TERM_NIL);
    bool ok = term_list_length(opts) >= 0;
    for (term l = opts; ok && term_is_cons(l); l = term_tail(l)) {
        term o = term_head(l);
        ok = term_is_tuple(o) && term_tuple_arity(o) >= 2 &&
             ((term_tuple_get(o, 0) == A("heir") && (term_tuple_arity(o) == 3 || term_tuple_get(o, 1) == A("none"))) ||
              (term_tuple_arity(o) == 2 && term_tuple_get(o, 0) == A("protection")));
    }
    /* parsed on a scratch table, applied only when all are valid */
    ets_table scratch = *t;
    scratch.heir = term_retain(t->heir);
    scratch.heir_data = term_retain(t->heir_data);
    for (term l = opts; ok && term_is_cons(l); l = term_tail(l)) {
        term o = term_head(l);
        term v = term_tuple_get(o, 1);
        if (term_tuple_get(o, 0) == A("heir")) ok = parse_option(&scratch, o);
        else ok = (v == A("public") || v == A("protected") || v == A("private")) && parse_option(&scratch, v);
    }
    term_release(opts);
    if (!ok) {
        term_release(scratch.heir);
        term_release(scratch.heir_data);
        return vm_badarg(p);
    }
    term_release(t->heir);
    term_release(t->heir_data);
    t->heir = scratch.heir;
    t->heir_data = scratch.heir_data;
    t->access = scratch.access;
    *r = TERM_TRUE;
    return VM_OK;
}

BIF(ets_whereis)
{
    if (!term_is_atom(a[0])) return vm_badarg(p);
    vm_ets *e = p->rt->ets;
    term slot = e ? term_map_get(e->by_name, a[0]) : TERM_NONE;
    *r = slot == TERM_NONE ? A("undefined") : term_retain(e->slots[term_small_value(slot)]->id);
    return VM_OK;
}

BIF(ets_all)
{
    (void)a;
    vm_ets *e = p->rt->ets;
    term l = TERM_NIL;
    for (uint32_t i = e ? e->nslots : 0; i-- > 0;)
        if (e->slots[i]) l = term_cons_new(term_retain(ets_tid(e->slots[i])), l);
    *r = l;
    return VM_OK;
}

void vm_ets_owner_exit(vm_process *p)
{
    vm_runtime *rt = p->rt;
    while (p->ets_owned) {
        ets_table *t = p->ets_owned;
        unlink_owner(t);
        /* the heir keeps being the heir once it owns the table, as on the
         * BEAM, so the table dies with it */
        if (term_is_pid(t->heir) && !term_exact_equal(t->heir, p->pid) && vm_find_process(rt, t->heir))
            transfer(rt, t, t->heir, t->heir_data);
        else
            delete_table(rt->ets, t);
    }
}

void vm_ets_free(vm_runtime *rt)
{
    vm_ets *e = rt->ets;
    if (!e) return;
    for (uint32_t i = 0; i < e->nslots; i++)
        if (e->slots[i]) delete_table(e, e->slots[i]);
    term_release(e->by_name);
    free(e->slots);
    free(e->free_slots);
    free(e->gens);
    free(e);
    rt->ets = NULL;
}

static const vm_bif_def ets_bifs[] = {
    {"ets", "new", 2, ets_new},
    {"ets", "insert", 2, ets_insert},
    {"ets", "insert_new", 2, ets_insert_new},
    {"ets", "delete", 1, ets_delete1},
    {"ets", "delete", 2, ets_delete2},
    {"ets", "delete_object", 2, ets_delete_object},
    {"ets", "delete_all_objects", 1, ets_delete_all_objects},
    {"ets", "take", 2, ets_take},
    {"ets", "lookup", 2, ets_lookup},
    {"ets", "member", 2, ets_member},
    {"ets", "lookup_element", 3, ets_lookup_element},
    {"ets", "tab2list", 1, ets_tab2list},
    {"ets", "first", 1, ets_first},
    {"ets", "last", 1, ets_last},
    {"ets", "next", 2, ets_next},
    {"ets", "prev", 2, ets_prev},
    {"ets", "select", 2, ets_select},
    {"ets", "select_reverse", 2, ets_select_reverse},
    {"ets", "select_count", 2, ets_select_count},
    {"ets", "select_delete", 2, ets_select_delete},
    {"ets", "match", 2, ets_match},
    {"ets", "match_object", 2, ets_match_object},
    {"ets", "match_delete", 2, ets_match_delete},
    {"ets", "update_counter", 3, ets_update_counter3},
    {"ets", "update_counter", 4, ets_update_counter4},
    {"ets", "update_element", 3, ets_update_element},
    {"ets", "info", 1, ets_info1},
    {"ets", "info", 2, ets_info2},
    {"ets", "give_away", 3, ets_give_away},
    {"ets", "rename", 2, ets_rename},
    {"ets", "whereis", 1, ets_whereis},
    {"ets", "setopts", 2, ets_setopts},
    {"ets", "all", 0, ets_all},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_ets_init(vm_runtime *rt);
void vm_bifs_ets_init(vm_runtime *rt) { vm_register_bifs(rt, ets_bifs); }
