/* bif_erlang.c - the :erlang BIFs the language needs at its core:
 * arithmetic, comparison, type tests, tuples and lists, and conversions. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm_internal.h"

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)
#define UNUSED_P (void)p

static vm_status badarith(vm_process *p) { return vm_raise_error(p, term_atom("badarith")); }

/* ---- arithmetic ---- */

static bool as_double(term t, double *d)
{
    if (term_is_float(t)) {
        *d = term_float_value(t);
        return true;
    }
    return term_is_integer(t) && term_int_to_double(t, d);
}

static vm_status float_result(vm_process *p, double d, term *r)
{
    if (!isfinite(d)) return badarith(p);
    *r = term_float_new(d);
    return VM_OK;
}

typedef enum arith_op { ARITH_ADD, ARITH_SUB, ARITH_MUL } arith_op;

static vm_status arith(vm_process *p, arith_op op, term a, term b, term *r)
{
    if (term_is_integer(a) && term_is_integer(b)) {
        *r = op == ARITH_ADD ? term_int_add(a, b) : op == ARITH_SUB ? term_int_sub(a, b) : term_int_mul(a, b);
        return VM_OK;
    }
    double x, y;
    if (!term_is_number(a) || !term_is_number(b) || !as_double(a, &x) || !as_double(b, &y)) return badarith(p);
    return float_result(p, op == ARITH_ADD ? x + y : op == ARITH_SUB ? x - y : x * y, r);
}

vm_status vm_arith_add(vm_process *p, term a, term b, term *out) { return arith(p, ARITH_ADD, a, b, out); }
vm_status vm_arith_sub(vm_process *p, term a, term b, term *out) { return arith(p, ARITH_SUB, a, b, out); }
vm_status vm_arith_mul(vm_process *p, term a, term b, term *out) { return arith(p, ARITH_MUL, a, b, out); }

BIF(bif_add) { return arith(p, ARITH_ADD, a[0], a[1], r); }
BIF(bif_sub) { return arith(p, ARITH_SUB, a[0], a[1], r); }
BIF(bif_mul) { return arith(p, ARITH_MUL, a[0], a[1], r); }

BIF(bif_fdiv)
{
    double x, y;
    if (!term_is_number(a[0]) || !term_is_number(a[1]) || !as_double(a[0], &x) || !as_double(a[1], &y) || y == 0.0)
        return badarith(p);
    return float_result(p, x / y, r);
}

BIF(bif_div)
{
    if (!term_is_integer(a[0]) || !term_is_integer(a[1])) return badarith(p);
    return term_int_div(a[0], a[1], r) == TERM_OK ? VM_OK : badarith(p);
}

BIF(bif_rem)
{
    if (!term_is_integer(a[0]) || !term_is_integer(a[1])) return badarith(p);
    return term_int_rem(a[0], a[1], r) == TERM_OK ? VM_OK : badarith(p);
}

BIF(bif_neg)
{
    if (term_is_integer(a[0])) {
        *r = term_int_neg(a[0]);
        return VM_OK;
    }
    if (term_is_float(a[0])) return float_result(p, -term_float_value(a[0]), r);
    return badarith(p);
}

BIF(bif_plus1)
{
    if (!term_is_number(a[0])) return badarith(p);
    *r = term_retain(a[0]);
    return VM_OK;
}

BIF(bif_abs)
{
    if (term_is_integer(a[0])) {
        *r = term_int_sign(a[0]) < 0 ? term_int_neg(a[0]) : term_retain(a[0]);
        return VM_OK;
    }
    if (term_is_float(a[0])) return float_result(p, fabs(term_float_value(a[0])), r);
    return vm_badarg(p);
}

#define INT_BINOP(name, fn)                                                   \
    BIF(name)                                                                 \
    {                                                                         \
        if (!term_is_integer(a[0]) || !term_is_integer(a[1])) return badarith(p); \
        *r = fn(a[0], a[1]);                                                  \
        return VM_OK;                                                         \
    }
INT_BINOP(bif_band, term_int_band)
INT_BINOP(bif_bor, term_int_bor)
INT_BINOP(bif_bxor, term_int_bxor)

BIF(bif_bnot)
{
    if (!term_is_integer(a[0])) return badarith(p);
    *r = term_int_bnot(a[0]);
    return VM_OK;
}

BIF(bif_bsl)
{
    if (!term_is_integer(a[0]) || !term_is_integer(a[1])) return badarith(p);
    term_status st = term_int_bsl(a[0], a[1], r);
    return st == TERM_OK ? VM_OK : vm_raise_error(p, term_atom("system_limit"));
}

BIF(bif_bsr)
{
    if (!term_is_integer(a[0]) || !term_is_integer(a[1])) return badarith(p);
    term_status st = term_int_bsr(a[0], a[1], r);
    return st == TERM_OK ? VM_OK : vm_raise_error(p, term_atom("system_limit"));
}

static vm_status to_float_op(vm_process *p, term t, double (*fn)(double), term *r)
{
    if (term_is_integer(t)) {
        *r = term_retain(t);
        return VM_OK;
    }
    if (!term_is_float(t)) return vm_badarg(p);
    double d = fn(term_float_value(t));
    if (fabs(d) < 9.0e15) {
        *r = term_int_from_i64((int64_t)d);
        return VM_OK;
    }
    /* beyond 2^53 a double is an integer already: convert exactly */
    char buf[400];
    snprintf(buf, sizeof buf, "%.0f", d);
    return term_int_parse(buf, strlen(buf), 10, r) == TERM_OK ? VM_OK : vm_badarg(p);
}

BIF(bif_trunc) { return to_float_op(p, a[0], trunc, r); }
BIF(bif_round) { return to_float_op(p, a[0], round, r); }
BIF(bif_floor) { return to_float_op(p, a[0], floor, r); }
BIF(bif_ceil) { return to_float_op(p, a[0], ceil, r); }

BIF(bif_float)
{
    double d;
    if (term_is_float(a[0])) {
        *r = term_retain(a[0]);
        return VM_OK;
    }
    if (!term_is_integer(a[0]) || !term_int_to_double(a[0], &d)) return vm_badarg(p);
    *r = term_float_new(d);
    return VM_OK;
}

/* ---- comparison and booleans ---- */

#define CMP_BIF(name, expr)                  \
    BIF(name)                                \
    {                                        \
        UNUSED_P;                            \
        int c = term_compare(a[0], a[1]);    \
        *r = term_bool(expr);                \
        return VM_OK;                        \
    }
CMP_BIF(bif_lt, c < 0)
CMP_BIF(bif_le, c <= 0)
CMP_BIF(bif_gt, c > 0)
CMP_BIF(bif_ge, c >= 0)
CMP_BIF(bif_eq, c == 0)
CMP_BIF(bif_ne, c != 0)

BIF(bif_eqx) { UNUSED_P; *r = term_bool(term_exact_equal(a[0], a[1])); return VM_OK; }
BIF(bif_nex) { UNUSED_P; *r = term_bool(!term_exact_equal(a[0], a[1])); return VM_OK; }

static bool is_bool(term t) { return t == TERM_TRUE || t == TERM_FALSE; }

BIF(bif_not)
{
    if (!is_bool(a[0])) return vm_badarg(p);
    *r = term_bool(a[0] == TERM_FALSE);
    return VM_OK;
}

#define BOOL_BIF(name, expr)                                    \
    BIF(name)                                                   \
    {                                                           \
        if (!is_bool(a[0]) || !is_bool(a[1])) return vm_badarg(p); \
        bool x = a[0] == TERM_TRUE, y = a[1] == TERM_TRUE;      \
        *r = term_bool(expr);                                   \
        return VM_OK;                                           \
    }
BOOL_BIF(bif_and, x && y)
BOOL_BIF(bif_or, x || y)
BOOL_BIF(bif_xor, x != y)

BIF(bif_max) { UNUSED_P; *r = term_retain(term_compare(a[0], a[1]) < 0 ? a[1] : a[0]); return VM_OK; }
BIF(bif_min) { UNUSED_P; *r = term_retain(term_compare(a[0], a[1]) > 0 ? a[1] : a[0]); return VM_OK; }

/* ---- type tests ---- */

#define TYPE_BIF(name, expr)  \
    BIF(name)                 \
    {                         \
        UNUSED_P;             \
        term t = a[0];        \
        *r = term_bool(expr); \
        return VM_OK;         \
    }
TYPE_BIF(bif_is_atom, term_is_atom(t))
TYPE_BIF(bif_is_boolean, is_bool(t))
TYPE_BIF(bif_is_integer, term_is_integer(t))
TYPE_BIF(bif_is_float, term_is_float(t))
TYPE_BIF(bif_is_number, term_is_number(t))
TYPE_BIF(bif_is_binary, term_is_binary(t))
TYPE_BIF(bif_is_bitstring, term_is_bitstring(t))
TYPE_BIF(bif_is_list, term_is_list(t))
TYPE_BIF(bif_is_tuple, term_is_tuple(t))
TYPE_BIF(bif_is_map, term_is_map(t))
TYPE_BIF(bif_is_pid, term_is_pid(t))
TYPE_BIF(bif_is_port, term_is_port(t))
TYPE_BIF(bif_is_reference, term_is_ref(t))
TYPE_BIF(bif_is_function, term_is_fun(t))

BIF(bif_is_function2)
{
    if (!term_is_small(a[1]) || term_small_value(a[1]) < 0) return vm_badarg(p);
    uint32_t n = (uint32_t)term_small_value(a[1]);
    term f = a[0];
    *r = term_bool((term_has_type(f, TERM_T_FUN) && term_fun_ptr(f)->arity == n) ||
                   (term_has_type(f, TERM_T_EXPORT) && term_export_ptr(f)->arity == n));
    return VM_OK;
}

BIF(bif_is_map_key)
{
    if (!term_is_map(a[1])) return vm_raise_error(p, term_tuple2(term_atom("badmap"), term_retain(a[1])));
    *r = term_bool(term_map_get(a[1], a[0]) != TERM_NONE);
    return VM_OK;
}

BIF(bif_map_get)
{
    if (!term_is_map(a[1])) return vm_raise_error(p, term_tuple2(term_atom("badmap"), term_retain(a[1])));
    term v = term_map_get(a[1], a[0]);
    if (v == TERM_NONE) return vm_raise_error(p, term_tuple2(term_atom("badkey"), term_retain(a[0])));
    *r = term_retain(v);
    return VM_OK;
}

/* ---- tuples ---- */

static bool tuple_index(term idx, term tup, uint32_t *i)
{
    if (!term_is_small(idx) || !term_is_tuple(tup)) return false;
    intptr_t k = term_small_value(idx);
    if (k < 1 || (uintptr_t)k > term_tuple_arity(tup)) return false;
    *i = (uint32_t)k - 1;
    return true;
}

BIF(bif_element)
{
    uint32_t i;
    if (!tuple_index(a[0], a[1], &i)) return vm_badarg(p);
    *r = term_retain(term_tuple_get(a[1], i));
    return VM_OK;
}

BIF(bif_setelement)
{
    uint32_t i;
    if (!tuple_index(a[0], a[1], &i)) return vm_badarg(p);
    *r = term_tuple_put(term_retain(a[1]), i, term_retain(a[2]));
    return VM_OK;
}

BIF(bif_tuple_size)
{
    if (!term_is_tuple(a[0])) return vm_badarg(p);
    *r = term_small(term_tuple_arity(a[0]));
    return VM_OK;
}

BIF(bif_tuple_to_list)
{
    if (!term_is_tuple(a[0])) return vm_badarg(p);
    term l = TERM_NIL;
    for (uint32_t i = term_tuple_arity(a[0]); i-- > 0;) l = term_cons_new(term_retain(term_tuple_get(a[0], i)), l);
    *r = l;
    return VM_OK;
}

BIF(bif_list_to_tuple)
{
    intptr_t n = term_list_length(a[0]);
    if (n < 0) return vm_badarg(p);
    term t = term_tuple_new((uint32_t)n);
    uint32_t i = 0;
    for (term l = a[0]; term_is_cons(l); l = term_tail(l)) term_tuple_init(t, i++, term_retain(term_head(l)));
    *r = t;
    return VM_OK;
}

BIF(bif_make_tuple)
{
    if (!term_is_small(a[0]) || term_small_value(a[0]) < 0 || term_small_value(a[0]) > (1 << 24)) return vm_badarg(p);
    uint32_t n = (uint32_t)term_small_value(a[0]);
    term t = term_tuple_new(n);
    for (uint32_t i = 0; i < n; i++) term_tuple_init(t, i, term_retain(a[1]));
    *r = t;
    return VM_OK;
}

BIF(bif_append_element)
{
    if (!term_is_tuple(a[0])) return vm_badarg(p);
    uint32_t n = term_tuple_arity(a[0]);
    term t = term_tuple_new(n + 1);
    for (uint32_t i = 0; i < n; i++) term_tuple_init(t, i, term_retain(term_tuple_get(a[0], i)));
    term_tuple_init(t, n, term_retain(a[1]));
    *r = t;
    return VM_OK;
}

/* ---- lists ---- */

BIF(bif_hd)
{
    if (!term_is_cons(a[0])) return vm_badarg(p);
    *r = term_retain(term_head(a[0]));
    return VM_OK;
}

BIF(bif_tl)
{
    if (!term_is_cons(a[0])) return vm_badarg(p);
    *r = term_retain(term_tail(a[0]));
    return VM_OK;
}

BIF(bif_length)
{
    intptr_t n = term_list_length(a[0]);
    if (n < 0) return vm_badarg(p);
    *r = term_small(n);
    return VM_OK;
}

/* Copies the cells of a proper list in front of tail (consumed). */
static term list_prepend(term list, term tail)
{
    intptr_t n = term_list_length(list);
    term *items = ciex_xmalloc((size_t)(n > 0 ? n : 1) * sizeof *items, "bif");
    intptr_t i = 0;
    for (term l = list; term_is_cons(l); l = term_tail(l)) items[i++] = term_head(l);
    term out = tail;
    while (i-- > 0) out = term_cons_new(term_retain(items[i]), out);
    free(items);
    return out;
}

BIF(bif_append)
{
    if (term_list_length(a[0]) < 0) return vm_badarg(p);
    *r = list_prepend(a[0], term_retain(a[1]));
    return VM_OK;
}

BIF(bif_subtract)
{
    intptr_t n = term_list_length(a[0]), m = term_list_length(a[1]);
    if (n < 0 || m < 0) return vm_badarg(p);
    term *items = ciex_xmalloc((size_t)(n > 0 ? n : 1) * sizeof *items, "list");
    bool *gone = ciex_xcalloc((size_t)(n > 0 ? n : 1), sizeof *gone, "list");
    intptr_t i = 0;
    for (term l = a[0]; term_is_cons(l); l = term_tail(l)) items[i++] = term_head(l);
    /* each element of the right side removes its first occurrence */
    for (term l = a[1]; term_is_cons(l); l = term_tail(l))
        for (i = 0; i < n; i++)
            if (!gone[i] && term_exact_equal(items[i], term_head(l))) {
                gone[i] = true;
                break;
            }
    term out = TERM_NIL;
    for (i = n; i-- > 0;)
        if (!gone[i]) out = term_cons_new(term_retain(items[i]), out);
    free(items);
    free(gone);
    *r = out;
    return VM_OK;
}

/* ---- funs ---- */

BIF(bif_make_fun)
{
    if (!term_is_atom(a[0]) || !term_is_atom(a[1]) || !term_is_small(a[2]) || term_small_value(a[2]) < 0 ||
        term_small_value(a[2]) > 255)
        return vm_badarg(p);
    *r = term_export_new(a[0], a[1], (uint32_t)term_small_value(a[2]));
    return VM_OK;
}

/* fun_info/2 items: arity, module, name, type, env, index, uniq, pid */
BIF(bif_fun_info)
{
    term f = a[0], item = a[1];
    if (!term_is_fun(f) || !term_is_atom(item)) return vm_badarg(p);
    term v;
    const char *k = term_atom_name(item);
    if (term_has_type(f, TERM_T_EXPORT)) {
        const term_export *e = term_export_ptr(f);
        if (!strcmp(k, "arity")) v = term_small(e->arity);
        else if (!strcmp(k, "module")) v = e->module;
        else if (!strcmp(k, "name")) v = e->function;
        else if (!strcmp(k, "type")) v = term_atom("external");
        else if (!strcmp(k, "env")) v = TERM_NIL;
        else if (!strcmp(k, "pid") || !strcmp(k, "index") || !strcmp(k, "new_index") || !strcmp(k, "uniq") || !strcmp(k, "new_uniq"))
            v = term_atom("undefined");
        else return vm_badarg(p);
    } else {
        const term_fun *fn = term_fun_ptr(f);
        if (!strcmp(k, "arity")) v = term_small(fn->arity);
        else if (!strcmp(k, "module")) v = fn->module;
        else if (!strcmp(k, "name")) v = term_atom("-fun-");
        else if (!strcmp(k, "type")) v = term_atom("local");
        else if (!strcmp(k, "env")) {
            /* a fun made by evaluation: its erl_eval env, as the BEAM has it */
            const vm_eval_funs *ef = vm_eval_funs_of(vm_process_runtime(p));
            term env = ef ? ef->env_of(vm_process_runtime(p), f) : TERM_NONE;
            if (env != TERM_NONE) {
                v = term_cons_new(env, TERM_NIL);
            } else {
                v = TERM_NIL;
                for (uint32_t i = fn->nfree; i-- > 0;) v = term_cons_new(term_retain(fn->free[i]), v);
            }
        } else if (!strcmp(k, "pid")) v = fn->pid == TERM_NONE ? term_atom("undefined") : term_retain(fn->pid);
        else if (!strcmp(k, "index") || !strcmp(k, "new_index")) v = term_small(fn->index);
        else if (!strcmp(k, "uniq")) v = term_small(fn->old_uniq);
        else if (!strcmp(k, "new_uniq")) v = term_binary_new(fn->uniq, 16);
        else return vm_badarg(p);
    }
    *r = term_tuple2(item, v);
    return VM_OK;
}

BIF(bif_fun_info_mfa)
{
    term f = a[0];
    if (term_has_type(f, TERM_T_EXPORT)) {
        const term_export *e = term_export_ptr(f);
        *r = term_tuple3(e->module, e->function, term_small(e->arity));
        return VM_OK;
    }
    if (!term_has_type(f, TERM_T_FUN)) return vm_badarg(p);
    *r = term_tuple3(term_fun_ptr(f)->module, term_atom("-fun-"), term_small(term_fun_ptr(f)->arity));
    return VM_OK;
}

/* ---- registration of this file's BIFs ---- */

static const vm_bif_def erlang_bifs[] = {
    {"erlang", "+", 2, bif_add}, {"erlang", "-", 2, bif_sub}, {"erlang", "*", 2, bif_mul},
    {"erlang", "/", 2, bif_fdiv}, {"erlang", "div", 2, bif_div}, {"erlang", "rem", 2, bif_rem},
    {"erlang", "-", 1, bif_neg}, {"erlang", "+", 1, bif_plus1}, {"erlang", "abs", 1, bif_abs},
    {"erlang", "band", 2, bif_band}, {"erlang", "bor", 2, bif_bor}, {"erlang", "bxor", 2, bif_bxor},
    {"erlang", "bnot", 1, bif_bnot}, {"erlang", "bsl", 2, bif_bsl}, {"erlang", "bsr", 2, bif_bsr},
    {"erlang", "trunc", 1, bif_trunc}, {"erlang", "round", 1, bif_round}, {"erlang", "floor", 1, bif_floor},
    {"erlang", "ceil", 1, bif_ceil}, {"erlang", "float", 1, bif_float},
    {"erlang", "<", 2, bif_lt}, {"erlang", "=<", 2, bif_le}, {"erlang", ">", 2, bif_gt},
    {"erlang", ">=", 2, bif_ge}, {"erlang", "==", 2, bif_eq}, {"erlang", "/=", 2, bif_ne},
    {"erlang", "=:=", 2, bif_eqx}, {"erlang", "=/=", 2, bif_nex}, {"erlang", "not", 1, bif_not},
    {"erlang", "and", 2, bif_and}, {"erlang", "or", 2, bif_or}, {"erlang", "xor", 2, bif_xor},
    {"erlang", "max", 2, bif_max}, {"erlang", "min", 2, bif_min},
    {"erlang", "is_atom", 1, bif_is_atom}, {"erlang", "is_boolean", 1, bif_is_boolean},
    {"erlang", "is_integer", 1, bif_is_integer}, {"erlang", "is_float", 1, bif_is_float},
    {"erlang", "is_number", 1, bif_is_number}, {"erlang", "is_binary", 1, bif_is_binary},
    {"erlang", "is_bitstring", 1, bif_is_bitstring}, {"erlang", "is_list", 1, bif_is_list},
    {"erlang", "is_tuple", 1, bif_is_tuple}, {"erlang", "is_map", 1, bif_is_map},
    {"erlang", "is_pid", 1, bif_is_pid}, {"erlang", "is_port", 1, bif_is_port},
    {"erlang", "is_reference", 1, bif_is_reference}, {"erlang", "is_function", 1, bif_is_function},
    {"erlang", "is_function", 2, bif_is_function2}, {"erlang", "is_map_key", 2, bif_is_map_key},
    {"erlang", "map_get", 2, bif_map_get},
    {"erlang", "element", 2, bif_element}, {"erlang", "setelement", 3, bif_setelement},
    {"erlang", "tuple_size", 1, bif_tuple_size}, {"erlang", "tuple_to_list", 1, bif_tuple_to_list},
    {"erlang", "list_to_tuple", 1, bif_list_to_tuple}, {"erlang", "make_tuple", 2, bif_make_tuple},
    {"erlang", "append_element", 2, bif_append_element},
    {"erlang", "hd", 1, bif_hd}, {"erlang", "tl", 1, bif_tl}, {"erlang", "length", 1, bif_length},
    {"erlang", "++", 2, bif_append}, {"erlang", "--", 2, bif_subtract},
    {"erlang", "make_fun", 3, bif_make_fun}, {"erlang", "fun_info", 2, bif_fun_info},
    {"erlang", "fun_info_mfa", 1, bif_fun_info_mfa},
    {NULL, NULL, 0, NULL},
};

void vm_bifs_process_init(vm_runtime *rt);
void vm_bifs_data_init(vm_runtime *rt);
void vm_bifs_lists_maps_init(vm_runtime *rt);
void vm_bifs_stdlib_init(vm_runtime *rt);
void vm_bifs_ets_init(vm_runtime *rt);
void vm_bifs_protocol_init(vm_runtime *rt);

void vm_bifs_init(vm_runtime *rt)
{
    vm_bifs_lists_maps_init(rt);
    vm_register_bifs(rt, erlang_bifs);
    vm_bifs_process_init(rt);
    vm_bifs_data_init(rt);
    vm_bifs_stdlib_init(rt);
    vm_bifs_ets_init(rt);
    vm_bifs_protocol_init(rt);
}
