/* bif_data.c - BIFs on binaries, maps and conversions, and the :ciex
 * helpers the compiler emits (string building, field access). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/buf.h"
#include "ciex/version.h"
#include "vm_internal.h"

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

BIF(bif_byte_size)
{
    if (!term_is_bitstring(a[0])) return vm_badarg(p);
    *r = term_int_from_u64(term_binary_size(a[0]));
    return VM_OK;
}

BIF(bif_bit_size)
{
    if (!term_is_bitstring(a[0])) return vm_badarg(p);
    *r = term_int_from_u64(term_bitstring_bits(a[0]));
    return VM_OK;
}

BIF(bif_map_size)
{
    if (!term_is_map(a[0])) return vm_raise_error(p, term_tuple2(term_atom("badmap"), term_retain(a[0])));
    *r = term_small(term_map_size(a[0]));
    return VM_OK;
}

BIF(bif_binary_part)
{
    int64_t start, len;
    if (!term_is_binary(a[0]) || !term_int_to_i64(a[1], &start) || !term_int_to_i64(a[2], &len)) return vm_badarg(p);
    if (len < 0) {
        start += len;
        len = -len;
    }
    if (start < 0 || (uint64_t)(start + len) > term_binary_size(a[0])) return vm_badarg(p);
    *r = term_binary_sub(a[0], (size_t)start, (size_t)len);
    return VM_OK;
}

/* Appends iodata (binaries, bytes, nested lists) to a buffer; false when
 * the value is not iodata.  Walks it without recursion: a stack of
 * pending list tails. */
static bool iodata_append(ciex_buf *b, term t, bool chardata)
{
    term stack[256];
    term *heap_stack = NULL;
    size_t n = 0, cap = 256;
    term *st = stack;
    bool ok = true;
    st[n++] = t;
    while (n && ok) {
        term x = st[--n];
        if (term_is_binary(x)) {
            ciex_buf_put(b, term_binary_data(x), term_binary_size(x));
        } else if (term_is_small(x)) {
            intptr_t v = term_small_value(x);
            if (chardata) {
                uint8_t u[4];
                size_t k = term_utf8_encode((int32_t)v, u);
                if (v < 0 || !k) ok = false;
                else ciex_buf_put(b, u, k);
            } else if (v < 0 || v > 255) {
                ok = false;
            } else {
                uint8_t c = (uint8_t)v;
                ciex_buf_put(b, &c, 1);
            }
        } else if (term_is_cons(x)) {
            if (n + 2 > cap) {
                cap *= 2;
                term *ns = ciex_xmalloc(cap * sizeof *ns, "bif");
                memcpy(ns, st, n * sizeof *ns);
                free(heap_stack);
                st = heap_stack = ns;
            }
            st[n++] = term_tail(x);
            st[n++] = term_head(x);
        } else if (x != TERM_NIL) {
            ok = false;
        }
    }
    free(heap_stack);
    return ok;
}

static vm_status iodata_to_binary(vm_process *p, term t, bool chardata, term *r)
{
    ciex_buf b = {0};
    if (!iodata_append(&b, t, chardata)) {
        free(b.data);
        return vm_badarg(p);
    }
    *r = term_binary_new(b.data, b.len);
    free(b.data);
    return VM_OK;
}

BIF(bif_iolist_to_binary)
{
    if (term_is_binary(a[0])) {
        *r = term_retain(a[0]);
        return VM_OK;
    }
    return iodata_to_binary(p, a[0], false, r);
}

BIF(bif_iolist_size)
{
    ciex_buf b = {0};
    if (!iodata_append(&b, a[0], false)) {
        free(b.data);
        return vm_badarg(p);
    }
    *r = term_int_from_u64(b.len);
    free(b.data);
    return VM_OK;
}

/* :ciex.chardata_to_binary: like IO.chardata_to_string (code points > 255) */
BIF(bif_chardata_to_binary)
{
    if (term_is_binary(a[0])) {
        *r = term_retain(a[0]);
        return VM_OK;
    }
    return iodata_to_binary(p, a[0], true, r);
}

/* The compiler's string building: a list of binaries. */
BIF(bif_concat_binaries)
{
    size_t total = 0;
    for (term l = a[0]; term_is_cons(l); l = term_tail(l)) {
        if (!term_is_binary(term_head(l))) return vm_badarg(p);
        total += term_binary_size(term_head(l));
    }
    uint8_t *data;
    term out = term_binary_alloc(total, &data);
    for (term l = a[0]; term_is_cons(l); l = term_tail(l)) {
        memcpy(data, term_binary_data(term_head(l)), term_binary_size(term_head(l)));
        data += term_binary_size(term_head(l));
    }
    *r = out;
    return VM_OK;
}

BIF(bif_list_to_binary) { return iodata_to_binary(p, a[0], false, r); }

BIF(bif_binary_to_list)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    term l = TERM_NIL;
    const uint8_t *d = term_binary_data(a[0]);
    for (size_t i = term_binary_size(a[0]); i-- > 0;) l = term_cons_new(term_small(d[i]), l);
    *r = l;
    return VM_OK;
}

/* ---- atoms and numbers to text and back ---- */

BIF(bif_atom_to_binary)
{
    if (!term_is_atom(a[0])) return vm_badarg(p);
    *r = term_binary_new(term_atom_name(a[0]), term_atom_len(a[0]));
    return VM_OK;
}

BIF(bif_atom_to_binary2) { return bif_atom_to_binary(p, a, r); }

BIF(bif_binary_to_atom)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    term_status st = term_atom_new((const char *)term_binary_data(a[0]), term_binary_size(a[0]), r);
    if (st == TERM_ERR_SYSTEM_LIMIT) return vm_raise_error(p, term_atom("system_limit"));
    return st == TERM_OK ? VM_OK : vm_badarg(p);
}

BIF(bif_binary_to_atom2)
{
    /* the encoding (:utf8 / :latin1) of what Elixir's interpolation builds */
    if (a[1] == term_atom("latin1") && term_is_binary(a[0])) {
        term_status st = term_atom_new_latin1((const char *)term_binary_data(a[0]), term_binary_size(a[0]), r);
        if (st == TERM_ERR_SYSTEM_LIMIT) return vm_raise_error(p, term_atom("system_limit"));
        return st == TERM_OK ? VM_OK : vm_badarg(p);
    }
    return bif_binary_to_atom(p, a, r);
}

BIF(bif_binary_to_existing_atom)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    *r = term_atom_existing((const char *)term_binary_data(a[0]), term_binary_size(a[0]));
    return *r == TERM_NONE ? vm_badarg(p) : VM_OK;
}

BIF(bif_atom_to_list)
{
    if (!term_is_atom(a[0])) return vm_badarg(p);
    *r = term_charlist_from_utf8(term_atom_name(a[0]), term_atom_len(a[0]));
    return VM_OK;
}

BIF(bif_list_to_atom)
{
    term bin;
    if (iodata_to_binary(p, a[0], true, &bin) != VM_OK) return VM_RAISE;
    vm_status st = bif_binary_to_atom(p, &bin, r);
    term_release(bin);
    return st;
}

static vm_status int_to_text(vm_process *p, term n, term base, bool list, term *r)
{
    if (!term_is_integer(n) || !term_is_small(base) || term_small_value(base) < 2 || term_small_value(base) > 36)
        return vm_badarg(p);
    char *s = term_int_to_string(n, (int)term_small_value(base));
    *r = list ? term_charlist_from_utf8(s, strlen(s)) : term_binary_from_cstr(s);
    free(s);
    return VM_OK;
}

BIF(bif_integer_to_binary) { return int_to_text(p, a[0], term_small(10), false, r); }
BIF(bif_integer_to_binary2) { return int_to_text(p, a[0], a[1], false, r); }
BIF(bif_integer_to_list) { return int_to_text(p, a[0], term_small(10), true, r); }
BIF(bif_integer_to_list2) { return int_to_text(p, a[0], a[1], true, r); }

static vm_status text_to_int(vm_process *p, term bin, term base, term *r)
{
    if (!term_is_binary(bin) || !term_is_small(base)) return vm_badarg(p);
    term_status st = term_int_parse((const char *)term_binary_data(bin), term_binary_size(bin),
                                    (int)term_small_value(base), r);
    return st == TERM_OK ? VM_OK : vm_badarg(p);
}

BIF(bif_binary_to_integer) { return text_to_int(p, a[0], term_small(10), r); }
BIF(bif_binary_to_integer2) { return text_to_int(p, a[0], a[1], r); }

BIF(bif_list_to_integer)
{
    term bin;
    if (iodata_to_binary(p, a[0], false, &bin) != VM_OK) return VM_RAISE;
    vm_status st = text_to_int(p, bin, term_small(10), r);
    term_release(bin);
    return st;
}

/* Float.to_string / float_to_binary(f, [:short]) */
BIF(bif_float_to_binary_short)
{
    if (!term_is_float(a[0])) return vm_badarg(p);
    char buf[32];
    term_float_format(term_float_value(a[0]), buf);
    *r = term_binary_from_cstr(buf);
    return VM_OK;
}

BIF(bif_binary_to_float)
{
    if (!term_is_binary(a[0]) || term_binary_size(a[0]) > 400) return vm_badarg(p);
    char buf[401];
    size_t n = term_binary_size(a[0]);
    memcpy(buf, term_binary_data(a[0]), n);
    buf[n] = '\0';
    /* Erlang requires digits on both sides of the point */
    char *dot = strchr(buf, '.');
    if (!dot || dot == buf || !(dot[1] >= '0' && dot[1] <= '9')) return vm_badarg(p);
    char *end;
    double d = strtod(buf, &end);
    if (end != buf + n) return vm_badarg(p);
    *r = term_float_new(d);
    return VM_OK;
}

/* ---- the compiler's helpers ---- */

/* value.field without parentheses: a map key, or a zero-arity call on a
 * module held in a variable (which the prelude handles). */
BIF(bif_dot)
{
    if (term_is_map(a[0])) {
        term v = term_map_get(a[0], a[1]);
        if (v == TERM_NONE) return vm_raise_error(p, term_tuple3(term_atom("badkey"), term_retain(a[1]), term_retain(a[0])));
        *r = term_retain(v);
        return VM_OK;
    }
    /* not a map: Elixir raises {:badkey, key, value}, whose KeyError
     * message explains the dot syntax */
    return vm_raise_error(p, term_tuple3(term_atom("badkey"), term_retain(a[1]), term_retain(a[0])));
}

/* :ciex.inspect(term, opts_keyword): Kernel.inspect/2's formatting. */
void vm_inspect_opts_init(vm_runtime *rt, term_inspect_opts *o);

BIF(bif_inspect)
{
    term_inspect_opts o;
    vm_inspect_opts_init(p->rt, &o);
    for (term l = a[1]; term_is_cons(l); l = term_tail(l)) {
        term kv = term_head(l);
        if (!term_is_tuple(kv) || term_tuple_arity(kv) != 2) continue;
        term k = term_tuple_get(kv, 0), v = term_tuple_get(kv, 1);
        bool inf = v == term_atom("infinity");
        if (k == term_atom("width")) o.width = inf ? -1 : term_is_small(v) ? (int)term_small_value(v) : o.width;
        else if (k == term_atom("limit")) o.limit = inf ? -1 : term_is_small(v) ? (int)term_small_value(v) : o.limit;
        else if (k == term_atom("printable_limit"))
            o.printable_limit = inf ? -1 : term_is_small(v) ? (int)term_small_value(v) : o.printable_limit;
        else if (k == term_atom("pretty")) o.pretty = v == TERM_TRUE;
        else if (k == term_atom("charlists")) {
            /* as Inspect.List reads it: any value but :infer and
             * :as_charlists (e.g. a misspelt :as_list) prints lists */
            o.charlists_as_charlists = v == term_atom("as_charlists");
            o.charlists_as_lists = v != term_atom("infer") && !o.charlists_as_charlists;
        } else if (k == term_atom("binaries")) {
            o.binaries_as_strings = v == term_atom("as_strings");
            o.binaries_as_binaries = v != term_atom("infer") && !o.binaries_as_strings;
        }
        else if (k == term_atom("base")) o.base = v == term_atom("hex") ? 16 : v == term_atom("octal") ? 8 : v == term_atom("binary") ? 2 : 10;
        else if (k == term_atom("syntax_colors")) o.colors = v != TERM_NIL;
        else if (k == term_atom("structs")) o.plain_structs = v == TERM_FALSE;
        else if (k == term_atom("rendered") && term_is_map(v)) o.rendered = v;
    }
    size_t len;
    char *s = term_inspect(a[0], &o, &len);
    *r = term_binary_new(s, len);
    free(s);
    return VM_OK;
}

BIF(bif_halt)
{
    (void)r;
    int code = term_is_small(a[0]) ? (int)term_small_value(a[0]) : 1;
    if (p->rt->dist.flush) p->rt->dist.flush(p->rt->dist.ctx); /* what was sent goes out */
    fflush(stdout);
    fflush(stderr);
    exit(code);
    (void)p;
}

BIF(bif_write_stderr)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    fwrite(term_binary_data(a[0]), 1, term_binary_size(a[0]), stderr);
    fflush(stderr);
    *r = TERM_ATOM_OK;
    return VM_OK;
}

/* :ciex.struct_fields(module): [{field, default}] or nil */
BIF(bif_struct_fields)
{
    vm_module *m = term_is_atom(a[0]) ? vm_get_module(p->rt, a[0]) : NULL;
    *r = m && m->struct_fields != TERM_NONE ? term_retain(m->struct_fields) : TERM_ATOM_NIL;
    return VM_OK;
}

BIF(bif_function_exported)
{
    vm_module *m = term_is_atom(a[0]) ? vm_get_module(p->rt, a[0]) : NULL;
    if (!term_is_atom(a[1]) || !term_is_small(a[2])) return vm_badarg(p);
    const vm_function *f = m ? vm_module_find(m, a[1], (uint32_t)term_small_value(a[2])) : NULL;
    *r = term_bool((f && f->exported) || vm_find_bif(p->rt, a[0], a[1], (uint32_t)term_small_value(a[2])) >= 0);
    return VM_OK;
}

BIF(bif_module_loaded)
{
    *r = term_bool(term_is_atom(a[0]) && vm_get_module(p->rt, a[0]) != NULL);
    return VM_OK;
}

/* :ciex.module_info(module, key): what Mod.__info__/1 answers */
BIF(bif_module_info)
{
    vm_module *m = term_is_atom(a[0]) ? vm_get_module(p->rt, a[0]) : NULL;
    if (!m) return vm_badarg(p);
    term k = a[1];
    if (k == term_atom("module")) {
        *r = m->name;
    } else if (k == term_atom("functions") || k == term_atom("macros")) {
        /* a macro is the function MACRO-name with the caller's env first */
        bool macros = k == term_atom("macros");
        term items[4096];
        uint32_t n = 0;
        for (uint32_t i = 0; i < m->nfunctions && n < 4096; i++) {
            const vm_function *f = &m->functions[i];
            if (!f->exported || f->name == term_atom("__info__")) continue;
            const char *fname = term_atom_name(f->name);
            bool is_macro = strncmp(fname, "MACRO-", 6) == 0 && f->arity > 0;
            if (is_macro != macros) continue;
            items[n++] = macros ? term_tuple2(term_atom(fname + 6), term_small(f->arity - 1))
                                : term_tuple2(f->name, term_small(f->arity));
        }
        term l = term_list_from_array(items, n);
        term sorted;
        extern vm_status vm_sort_list(vm_process *p, term list, term *out);
        if (vm_sort_list(p, l, &sorted) == VM_OK) {
            term_release(l);
            l = sorted;
        }
        *r = l;
    } else if (k == term_atom("compile")) {
        *r = TERM_NIL;
    } else if (k == term_atom("attributes")) {
        term l = TERM_NIL;
        if (term_is_map(m->attributes))
            for (uint32_t i = term_map_size(m->attributes); i-- > 0;)
                l = term_cons_new(term_tuple2(term_retain(term_map_key(m->attributes, i)),
                                              term_cons_new(term_retain(term_map_value(m->attributes, i)), TERM_NIL)), l);
        *r = l;
    } else if (k == term_atom("struct")) {
        *r = m->struct_fields == TERM_NONE ? TERM_ATOM_NIL : term_retain(m->struct_fields);
    } else {
        return vm_badarg(p);
    }
    return VM_OK;
}

/* :application.get_application(module): the modules of the prelude belong
 * to the ciex application (Exception names it in stack traces, as
 * "(elixir 1.14.0)" on the BEAM); others to none. */
BIF(bif_get_application)
{
    /* :erlang is the runtime's own, in no application (erts on the BEAM) */
    vm_module *m = term_is_atom(a[0]) && a[0] != term_atom("erlang") ? vm_get_module(p->rt, a[0]) : NULL;
    *r = m && m->builtin ? term_tuple2(term_atom("ok"), term_atom("ciex")) : term_atom("undefined");
    return VM_OK;
}

/* :application.get_key(app, key): the ciex application's vsn */
BIF(bif_application_get_key)
{
    (void)p;
    if (a[0] == term_atom("ciex") && a[1] == term_atom("vsn")) {
        *r = term_tuple2(term_atom("ok"), term_charlist_from_utf8(CIEX_VERSION, strlen(CIEX_VERSION)));
    } else {
        *r = term_atom("undefined");
    }
    return VM_OK;
}

static const vm_bif_def data_bifs[] = {
    {"application", "get_application", 1, bif_get_application},
    {"application", "get_key", 2, bif_application_get_key},
    {"ciex", "module_info", 2, bif_module_info},
    {"erlang", "byte_size", 1, bif_byte_size}, {"erlang", "bit_size", 1, bif_bit_size},
    {"erlang", "map_size", 1, bif_map_size}, {"erlang", "binary_part", 3, bif_binary_part},
    {"erlang", "iolist_to_binary", 1, bif_iolist_to_binary}, {"binary", "list_to_bin", 1, bif_list_to_binary},
    {"erlang", "iolist_size", 1, bif_iolist_size},
    {"erlang", "list_to_binary", 1, bif_list_to_binary}, {"erlang", "binary_to_list", 1, bif_binary_to_list},
    {"erlang", "atom_to_binary", 1, bif_atom_to_binary}, {"erlang", "atom_to_binary", 2, bif_atom_to_binary2},
    {"erlang", "binary_to_atom", 1, bif_binary_to_atom}, {"erlang", "binary_to_atom", 2, bif_binary_to_atom2}, {"erlang", "binary_to_existing_atom", 1, bif_binary_to_existing_atom},
    {"erlang", "atom_to_list", 1, bif_atom_to_list}, {"erlang", "list_to_atom", 1, bif_list_to_atom},
    {"erlang", "integer_to_binary", 1, bif_integer_to_binary}, {"erlang", "integer_to_binary", 2, bif_integer_to_binary2},
    {"erlang", "integer_to_list", 1, bif_integer_to_list}, {"erlang", "integer_to_list", 2, bif_integer_to_list2},
    {"erlang", "binary_to_integer", 1, bif_binary_to_integer}, {"erlang", "binary_to_integer", 2, bif_binary_to_integer2},
    {"erlang", "list_to_integer", 1, bif_list_to_integer}, {"erlang", "binary_to_float", 1, bif_binary_to_float},
    {"erlang", "halt", 1, bif_halt},
    {"ciex", "float_to_binary", 1, bif_float_to_binary_short}, {"ciex", "chardata_to_binary", 1, bif_chardata_to_binary},
    {"ciex", "concat_binaries", 1, bif_concat_binaries}, {"ciex", "dot", 2, bif_dot},
    {"ciex", "inspect", 2, bif_inspect}, {"ciex", "write_stderr", 1, bif_write_stderr},
    {"ciex", "struct_fields", 1, bif_struct_fields}, {"erlang", "function_exported", 3, bif_function_exported},
    {"erlang", "module_loaded", 1, bif_module_loaded},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_data_init(vm_runtime *rt);
void vm_bifs_data_init(vm_runtime *rt) { vm_register_bifs(rt, data_bifs); }
