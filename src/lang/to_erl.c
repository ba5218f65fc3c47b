/* to_erl.c - an `fn` in Elixir's quoted form as Erlang abstract format.
 *
 * Mirrors what Elixir 1.14 does to a fn it evaluates (elixir_expand, then
 * elixir_erl_pass): Kernel's macros are expanded (if, unless, cond, &&,
 * ||, !, |>, with, for, in, raise, string interpolation, ranges, structs,
 * captures), operators become {op, ...}, inlined Kernel functions become
 * calls of :erlang, other local calls go to the module that provides them
 * (IEx.Helpers, Kernel), and variables are renamed as Elixir names them:
 * _x@1, _x@2 for each new binding of x, so a pattern never meets a
 * variable bound outside it by accident (Erlang's patterns match bound
 * variables; Elixir's rebind).
 *
 * Every term made here is also kept in a pool that is released at the
 * end, so an untranslatable form can unwind with longjmp without leaking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ciex/vm.h"
#include "compiler.h"
#include "erl_forms.h"

typedef struct xl {
    struct vm_runtime *rt;
    term pool;     /* every term made, released at the end */
    term vars;     /* [{elixir_name, erl_name}], innermost first */
    term counters; /* map: elixir name -> last number used */
    term pattern;  /* while in a pattern: [{name, erl_name}] bound by it */
    bool in_pattern, in_guard;
    bool fun_head; /* a fun's head shadows: a pin there becomes a guard */
    term pins;     /* those guards, [{op, _, '=:=', Fresh, Bound}] */
    int line, depth;
    jmp_buf fail;
    char *err;
    size_t errlen;
} xl;

static _Noreturn void fail(xl *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->err, x->errlen, fmt, ap);
    va_end(ap);
    longjmp(x->fail, 1);
}

/* Keeps t in the pool; returns it (borrowed from the pool from now on). */
static term keep(xl *x, term t)
{
    if (term_is_boxed(t)) x->pool = term_cons_new(term_retain(t), x->pool);
    return t;
}

static term tup(xl *x, uint32_t n, ...)
{
    va_list ap;
    va_start(ap, n);
    term t = term_tuple_new(n);
    for (uint32_t i = 0; i < n; i++) term_tuple_init(t, i, term_retain(va_arg(ap, term)));
    va_end(ap);
    term r = keep(x, t);
    term_release(t);
    return r;
}

static term cons(xl *x, term h, term t)
{
    term c = term_cons_new(term_retain(h), term_retain(t));
    keep(x, c);
    term_release(c);
    return c;
}

static term list1(xl *x, term a) { return cons(x, a, TERM_NIL); }
static term list2(xl *x, term a, term b) { return cons(x, a, list1(x, b)); }

static term rev(xl *x, term l)
{
    term r = TERM_NIL;
    for (; term_is_cons(l); l = term_tail(l)) r = cons(x, term_head(l), r);
    return r;
}

static term A(const char *s) { return term_atom(s); }
static term L(xl *x) { return term_small(x->line); }
static term atom_form(xl *x, term a) { return tup(x, 3, A("atom"), L(x), a); }
static term int_form(xl *x, intptr_t n) { return tup(x, 3, A("integer"), L(x), term_small(n)); }
static term nil_form(xl *x) { return tup(x, 2, A("nil"), L(x)); }
static term var_form(xl *x, term name) { return tup(x, 3, A("var"), L(x), name); }
static term remote(xl *x, term m, term f, term args)
{
    return tup(x, 4, A("call"), L(x), tup(x, 4, A("remote"), L(x), atom_form(x, m), atom_form(x, f)), args);
}
static term erlang_call(xl *x, const char *f, term args) { return remote(x, A("erlang"), A(f), args); }
static term op2(xl *x, const char *op, term a, term b) { return tup(x, 5, A("op"), L(x), A(op), a, b); }
static term clause(xl *x, term pats, term guards, term body)
{
    return tup(x, 5, A("clause"), L(x), pats, guards, body);
}
static term case_form(xl *x, term e, term clauses) { return tup(x, 4, A("case"), L(x), e, clauses); }
static term any_pat(xl *x) { return var_form(x, A("_")); }

/* ---- variables ---- */

static term fresh(xl *x, term name)
{
    term n = term_map_get(x->counters, name);
    intptr_t k = n == TERM_NONE ? 1 : term_small_value(n) + 1;
    x->counters = term_map_put(x->counters, name, term_small(k));
    char buf[300];
    snprintf(buf, sizeof buf, "_%s@%ld", term_atom_name(name), (long)k);
    return A(buf);
}

static term bind(xl *x, term name)
{
    term erl = fresh(x, name);
    x->vars = cons(x, tup(x, 2, name, erl), x->vars);
    return erl;
}

static term lookup(xl *x, term name)
{
    for (term l = x->vars; term_is_cons(l); l = term_tail(l))
        if (term_tuple_get(term_head(l), 0) == name) return term_tuple_get(term_head(l), 1);
    return TERM_NONE;
}

/* A variable made by the translation itself (Elixir's are _@1, _@2...). */
static term temp(xl *x)
{
    return var_form(x, fresh(x, A("")));
}

/* ---- AST helpers ---- */

static term arg(term e, int i)
{
    term l = ast_args(e);
    while (i-- > 0 && term_is_cons(l)) l = term_tail(l);
    return term_is_cons(l) ? term_head(l) : TERM_NONE;
}

static term expr(xl *x, term e);
static term bitstring(xl *x, term e);
static term value_form(xl *x, term v);
static term pattern(xl *x, term e);
static term body(xl *x, term e);
static term guard_seq(xl *x, term g);
static term guard_expr(xl *x, term g);

static term exprs_list(xl *x, term l)
{
    term out = TERM_NIL;
    for (; term_is_cons(l); l = term_tail(l)) out = cons(x, expr(x, term_head(l)), out);
    return rev(x, out);
}

/* A block's expressions as a clause body (a list). */
static term body(xl *x, term e)
{
    if (ast_is_call(e, "__block__", -1)) {
        term l = ast_args(e);
        if (l == TERM_NIL) return list1(x, atom_form(x, TERM_ATOM_NIL));
        return exprs_list(x, l);
    }
    return list1(x, expr(x, e));
}

static term block_form(xl *x, term e)
{
    term b = body(x, e);
    if (term_tail(b) == TERM_NIL) return term_head(b);
    return tup(x, 3, A("block"), L(x), b);
}

/* Scopes: what a clause binds is gone after it. */
static term scope_open(xl *x) { return x->vars; }
static void scope_close(xl *x, term saved) { x->vars = saved; }

/* ---- literals ---- */

static term string_bin(xl *x, term bin)
{
    size_t n = term_binary_size(bin);
    const uint8_t *d = term_binary_data(bin);
    if (n == 0) return tup(x, 3, A("bin"), L(x), TERM_NIL);
    term chars = TERM_NIL;
    for (size_t i = n; i-- > 0;) chars = cons(x, term_small(d[i]), chars);
    term el = tup(x, 5, A("bin_element"), L(x), tup(x, 3, A("string"), L(x), chars), A("default"), A("default"));
    return tup(x, 3, A("bin"), L(x), list1(x, el));
}

static term literal(xl *x, term e)
{
    if (term_is_small(e) || term_has_type(e, TERM_T_BIGINT)) return tup(x, 3, A("integer"), L(x), e);
    if (term_is_float(e)) return tup(x, 3, A("float"), L(x), e);
    if (term_is_atom(e)) return atom_form(x, e);
    if (term_is_binary(e)) return string_bin(x, e);
    fail(x, "a literal of this kind");
}

/* ---- calls ---- */

typedef struct op_map {
    const char *ex, *erl;
    int arity;
} op_map;

static const op_map ops[] = {
    {"+", "+", 2}, {"-", "-", 2}, {"*", "*", 2}, {"/", "/", 2}, {"<", "<", 2}, {">", ">", 2},
    {"<=", "=<", 2}, {">=", ">=", 2}, {"==", "==", 2}, {"!=", "/=", 2}, {"===", "=:=", 2},
    {"!==", "=/=", 2}, {"++", "++", 2}, {"--", "--", 2}, {"div", "div", 2}, {"rem", "rem", 2},
    {"-", "-", 1}, {"+", "+", 1}, {"not", "not", 1}, {"and", "andalso", 2}, {"or", "orelse", 2},
    {NULL, NULL, 0},
};

/* Kernel functions inlined as the :erlang function of the same name: the
 * compiler's table (cc_inlined_bif), and the Kernel guards it compiles as
 * special forms. */
static bool inlined(term name, uint32_t n)
{
    static const char *const guards[] = {"is_map_key/2", "map_get/2", NULL};
    if (cc_inlined_bif(name, n)) return true;
    char key[128];
    snprintf(key, sizeof key, "%s/%u", term_atom_name(name), n);
    for (int i = 0; guards[i]; i++)
        if (strcmp(guards[i], key) == 0) return true;
    return false;
}

/* The module a local call of name/n reaches: Kernel or an import. */
static term local_target(xl *x, term name, uint32_t n)
{
    static const char *const imports[] = {"Elixir.IEx.Helpers", "Elixir.Kernel", NULL};
    for (int i = 0; imports[i]; i++) {
        term m = A(imports[i]);
        vm_module *mod = vm_get_module(x->rt, m);
        const vm_function *f = mod ? vm_module_find(mod, name, n) : NULL;
        if (f && f->exported) return m;
    }
    fail(x, "a call of %s/%u", term_atom_name(name), n);
}

static term expand_alias(term e)
{
    /* {:__aliases__, _, [:Foo, :Bar]} -> :"Elixir.Foo.Bar" (no alias table here) */
    char buf[512] = "Elixir";
    for (term l = ast_args(e); term_is_cons(l); l = term_tail(l)) {
        term seg = term_head(l);
        if (!term_is_atom(seg)) return TERM_NONE;
        if (strlen(buf) + strlen(term_atom_name(seg)) + 2 >= sizeof buf) return TERM_NONE;
        strcat(buf, ".");
        strcat(buf, term_atom_name(seg));
    }
    return A(buf);
}

static term module_of(term e)
{
    if (term_is_atom(e)) return e;
    if (ast_is_call(e, "__aliases__", -1)) return expand_alias(e);
    return TERM_NONE;
}

/* case V of false -> F; nil -> F; _ -> T end (Elixir's truthiness test) */
static term truthy_case(xl *x, term v, term if_true, term if_false)
{
    term cls = list2(x, clause(x, list1(x, atom_form(x, TERM_FALSE)), TERM_NIL, if_false),
                     clause(x, list1(x, atom_form(x, TERM_ATOM_NIL)), TERM_NIL, if_false));
    cls = rev(x, cons(x, clause(x, list1(x, any_pat(x)), TERM_NIL, if_true), rev(x, cls)));
    return case_form(x, v, cls);
}

static term if_form(xl *x, term e, bool negate)
{
    term cond = arg(e, 0), kw = arg(e, 1);
    term c = expr(x, cond);
    term saved = scope_open(x);
    term d = ast_kw_get(kw, "do"), el = ast_kw_get(kw, "else");
    term t = d == TERM_NONE ? list1(x, atom_form(x, TERM_ATOM_NIL)) : body(x, d);
    scope_close(x, saved);
    term f = el == TERM_NONE ? list1(x, atom_form(x, TERM_ATOM_NIL)) : body(x, el);
    scope_close(x, saved);
    return negate ? truthy_case(x, c, f, t) : truthy_case(x, c, t, f);
}

static term cond_form(xl *x, term clauses)
{
    if (!term_is_cons(clauses)) {
        term exc = remote(x, A("Elixir.CondClauseError"), A("exception"), list1(x, nil_form(x)));
        return erlang_call(x, "error", list1(x, exc));
    }
    term cl = term_head(clauses);
    term head = term_head(arg(cl, 0));
    term saved = scope_open(x);
    term c = expr(x, head);
    term b = body(x, arg(cl, 1));
    scope_close(x, saved);
    term rest = list1(x, cond_form(x, term_tail(clauses)));
    if (term_is_atom(head) && head != TERM_FALSE && head != TERM_ATOM_NIL) return block_form(x, arg(cl, 1));
    return truthy_case(x, c, b, rest);
}

/* Clause heads: [pats] or [{:when, _, pats ++ [guard]}] */
static term clause_of(xl *x, term cl, bool fun_head)
{
    term heads = arg(cl, 0), rhs = arg(cl, 1);
    term guard = TERM_NONE;
    if (term_is_cons(heads) && term_tail(heads) == TERM_NIL && ast_is_call(term_head(heads), "when", -1)) {
        term w = term_head(heads);
        term all = ast_args(w), pats = TERM_NIL;
        for (term l = all; term_is_cons(l); l = term_tail(l)) {
            if (term_tail(l) == TERM_NIL) guard = term_head(l);
            else pats = cons(x, term_head(l), pats);
        }
        heads = rev(x, pats);
    }
    term saved = scope_open(x);
    term ps = TERM_NIL;
    x->in_pattern = true;
    x->fun_head = fun_head;
    x->pins = TERM_NIL;
    x->pattern = TERM_NIL;
    for (term l = heads; term_is_cons(l); l = term_tail(l)) ps = cons(x, pattern(x, term_head(l)), ps);
    x->in_pattern = false;
    x->fun_head = false;
    ps = rev(x, ps);
    term gs = guard == TERM_NONE ? TERM_NIL : guard_seq(x, guard);
    for (term p = x->pins; term_is_cons(p); p = term_tail(p)) {
        /* every guard of the sequence also checks the pins */
        if (gs == TERM_NIL) gs = list1(x, list1(x, term_head(p)));
        else {
            term out = TERM_NIL;
            for (term g = gs; term_is_cons(g); g = term_tail(g)) out = cons(x, cons(x, term_head(p), term_head(g)), out);
            gs = rev(x, out);
        }
    }
    term b = body(x, rhs);
    scope_close(x, saved);
    return clause(x, ps, gs, b);
}

static term clauses_in(xl *x, term list, bool fun_head)
{
    term out = TERM_NIL;
    for (term l = list; term_is_cons(l); l = term_tail(l)) out = cons(x, clause_of(x, term_head(l), fun_head), out);
    return rev(x, out);
}

static term clauses_of(xl *x, term list) { return clauses_in(x, list, false); }

static term fn_form(xl *x, term e)
{
    return tup(x, 3, A("fun"), L(x), tup(x, 2, A("clauses"), clauses_in(x, ast_args(e), true)));
}

static term case_ast(xl *x, term e)
{
    term subject = expr(x, arg(e, 0));
    term d = ast_kw_get(arg(e, 1), "do");
    return case_form(x, subject, clauses_of(x, d));
}

static term receive_ast(xl *x, term e)
{
    term kw = arg(e, 0);
    term d = ast_kw_get(kw, "do"), after = ast_kw_get(kw, "after");
    term cls = d == TERM_NONE || ast_is_call(d, "__block__", 0) ? TERM_NIL : clauses_of(x, d);
    if (after == TERM_NONE) return tup(x, 3, A("receive"), L(x), cls);
    term acl = term_head(after);
    term saved = scope_open(x);
    term t = expr(x, term_head(arg(acl, 0)));
    term b = body(x, arg(acl, 1));
    scope_close(x, saved);
    return tup(x, 5, A("receive"), L(x), cls, t, b);
}

/* rescue/catch clauses as Erlang catch clauses on {Class, Reason, Stack}. */
static term catch_clause(xl *x, term cl)
{
    term heads = arg(cl, 0);
    term saved = scope_open(x);
    term guard = TERM_NONE;
    if (term_is_cons(heads) && term_tail(heads) == TERM_NIL && ast_is_call(term_head(heads), "when", 2)) {
        guard = arg(term_head(heads), 1);
        heads = list1(x, arg(term_head(heads), 0));
    }
    term kind, value;
    x->in_pattern = true;
    x->pattern = TERM_NIL;
    if (term_is_cons(heads) && term_tail(heads) != TERM_NIL) {
        kind = pattern(x, term_head(heads));
        value = pattern(x, term_head(term_tail(heads)));
    } else {
        kind = atom_form(x, A("throw"));
        value = pattern(x, term_head(heads));
    }
    x->in_pattern = false;
    term stack = temp(x);
    x->vars = cons(x, tup(x, 2, A("__STACKTRACE__"), term_tuple_get(stack, 2)), x->vars);
    term gs = guard == TERM_NONE ? TERM_NIL : guard_seq(x, guard);
    term b = body(x, arg(cl, 1));
    scope_close(x, saved);
    return clause(x, list1(x, tup(x, 3, A("tuple"), L(x), cons(x, kind, list2(x, value, stack)))), gs, b);
}

/* rescue e -> / rescue e in [A, B] -> / rescue A -> : the raw reason is
 * normalized as Elixir does (Exception.normalize/3), then tested. */
static term rescue_clause(xl *x, term cl)
{
    term head = term_head(arg(cl, 0));
    term saved = scope_open(x);
    term var = TERM_NONE, mods = TERM_NIL;
    if (ast_is_call(head, "in", 2)) {
        var = arg(head, 0);
        term r = arg(head, 1);
        mods = term_is_list(r) ? r : list1(x, r);
    } else if (ast_is_var(head)) {
        var = head;
    } else {
        mods = list1(x, head);
    }
    term raw = temp(x), stack = temp(x);
    x->vars = cons(x, tup(x, 2, A("__STACKTRACE__"), term_tuple_get(stack, 2)), x->vars);
    term norm = remote(x, A("Elixir.Exception"), A("normalize"),
                       cons(x, atom_form(x, A("error")), list2(x, raw, stack)));
    term exc = temp(x);
    term first = tup(x, 4, A("match"), L(x), exc, norm);
    term bind_var = TERM_NONE;
    if (var != TERM_NONE && ast_var_name(var) != A("_")) bind_var = var_form(x, bind(x, ast_var_name(var)));
    term b = body(x, arg(cl, 1));
    if (bind_var != TERM_NONE) b = cons(x, tup(x, 4, A("match"), L(x), bind_var, exc), b);
    term result;
    if (mods == TERM_NIL) {
        result = tup(x, 3, A("block"), L(x), b);
    } else {
        /* case Exc of #{'__struct__' := M} when M =:= A orelse ... -> body; _ -> raise */
        term test = TERM_NONE;
        term m = temp(x);
        for (term l = mods; term_is_cons(l); l = term_tail(l)) {
            term mod = module_of(term_head(l));
            if (mod == TERM_NONE) fail(x, "a rescue of this form");
            term eq = op2(x, "=:=", m, atom_form(x, mod));
            test = test == TERM_NONE ? eq : op2(x, "orelse", test, eq);
        }
        term pat = tup(x, 3, A("map"), L(x),
                       list1(x, tup(x, 4, A("map_field_exact"), L(x), atom_form(x, A("__struct__")), m)));
        term reraise = erlang_call(x, "raise", cons(x, atom_form(x, A("error")), list2(x, raw, stack)));
        result = case_form(x, exc, list2(x, clause(x, list1(x, pat), list1(x, list1(x, test)), b),
                                         clause(x, list1(x, any_pat(x)), TERM_NIL, list1(x, reraise))));
    }
    scope_close(x, saved);
    term pat = tup(x, 3, A("tuple"), L(x), cons(x, atom_form(x, A("error")), list2(x, raw, stack)));
    return clause(x, list1(x, pat), TERM_NIL, list2(x, first, result));
}

static term try_ast(xl *x, term e)
{
    term kw = arg(e, 0);
    term saved = scope_open(x);
    term d = ast_kw_get(kw, "do");
    term b = d == TERM_NONE ? list1(x, atom_form(x, TERM_ATOM_NIL)) : body(x, d);
    scope_close(x, saved);
    term catches = TERM_NIL;
    for (term l = kw; term_is_cons(l); l = term_tail(l)) {
        term k = term_tuple_get(term_head(l), 0), v = term_tuple_get(term_head(l), 1);
        if (k == A("rescue"))
            for (term c = v; term_is_cons(c); c = term_tail(c)) catches = cons(x, rescue_clause(x, term_head(c)), catches);
        else if (k == A("catch"))
            for (term c = v; term_is_cons(c); c = term_tail(c)) catches = cons(x, catch_clause(x, term_head(c)), catches);
    }
    term el = ast_kw_get(kw, "else");
    term elses = el == TERM_NONE ? TERM_NIL : clauses_of(x, el);
    term af = ast_kw_get(kw, "after");
    term after = TERM_NIL;
    if (af != TERM_NONE) {
        after = body(x, af);
        scope_close(x, saved);
    }
    return tup(x, 6, A("try"), L(x), b, elses, rev(x, catches), after);
}

static bool is_keywords(term l)
{
    if (!term_is_cons(l)) return false;
    for (; term_is_cons(l); l = term_tail(l)) {
        term kv = term_head(l);
        if (!term_is_tuple(kv) || term_tuple_arity(kv) != 2 || !term_is_atom(term_tuple_get(kv, 0))) return false;
    }
    return l == TERM_NIL;
}

/* for/with arguments: the steps, then the options (reduce:, into:, do:,
 * else:), which may come as more than one keyword list. */
static void split_options(xl *x, term args, term *steps, term *kw)
{
    term s = TERM_NIL, k = TERM_NIL;
    for (term l = args; term_is_cons(l); l = term_tail(l)) {
        term a = term_head(l);
        bool trailing = true;
        for (term r = l; term_is_cons(r); r = term_tail(r))
            if (!is_keywords(term_head(r))) trailing = false;
        if (trailing)
            for (term p = a; term_is_cons(p); p = term_tail(p)) k = cons(x, term_head(p), k);
        else
            s = cons(x, a, s);
    }
    *steps = rev(x, s);
    *kw = rev(x, k);
}

/* A pattern that may carry `when guard` (a with or for step, match?): its
 * form, and the guard sequence in *gs ([] without one). */
static term guarded_pattern(xl *x, term lhs, term *gs)
{
    term guard = TERM_NONE;
    if (ast_is_call(lhs, "when", 2)) guard = arg(lhs, 1), lhs = arg(lhs, 0);
    x->in_pattern = true;
    x->pattern = TERM_NIL;
    term p = pattern(x, lhs);
    x->in_pattern = false;
    *gs = guard == TERM_NONE ? TERM_NIL : guard_seq(x, guard);
    return p;
}

/* with p <- e, ... do body else clauses end: nested cases. */
static term with_steps(xl *x, term steps, term do_body, term else_clauses)
{
    if (!term_is_cons(steps)) return block_form(x, do_body);
    term s = term_head(steps);
    if (ast_is_call(s, "<-", 2)) {
        term lhs = arg(s, 0), rhs = arg(s, 1);
        term v = expr(x, rhs);
        term saved = scope_open(x);
        term gs;
        term p = guarded_pattern(x, lhs, &gs);
        term inner = with_steps(x, term_tail(steps), do_body, else_clauses);
        scope_close(x, saved);
        term other = temp(x);
        term on_fail;
        if (else_clauses == TERM_NONE) {
            on_fail = other;
        } else {
            term ecls = clauses_of(x, else_clauses);
            term err = erlang_call(x, "error", list1(x, tup(x, 3, A("tuple"), L(x),
                                                             list2(x, atom_form(x, A("with_clause")), other))));
            ecls = rev(x, cons(x, clause(x, list1(x, other), TERM_NIL, list1(x, err)), rev(x, ecls)));
            on_fail = case_form(x, other, ecls);
        }
        return case_form(x, v, list2(x, clause(x, list1(x, p), gs, list1(x, inner)),
                                     clause(x, list1(x, other), TERM_NIL, list1(x, on_fail))));
    }
    /* a bare expression (often a match): evaluated, then the rest */
    term first = expr(x, s);
    term rest = with_steps(x, term_tail(steps), do_body, else_clauses);
    return tup(x, 3, A("block"), L(x), list2(x, first, rest));
}

static term with_ast(xl *x, term e)
{
    term steps, kw;
    split_options(x, ast_args(e), &steps, &kw);
    term d = ast_kw_get(kw, "do"), el = ast_kw_get(kw, "else");
    term saved = scope_open(x);
    term r = with_steps(x, steps, d == TERM_NONE ? TERM_ATOM_NIL : d, el);
    scope_close(x, saved);
    return r;
}

/* for x <- xs, filter, y <- ys, do: body  (lists only; into: as Enum.into) */
/* for x <- xs, ..., reduce: acc: nested Enum.reduce; the innermost step
 * runs the do block's clauses on the accumulator. */
static term for_steps(xl *x, term steps, term do_body, term acc)
{
    if (!term_is_cons(steps)) return case_form(x, acc, clauses_of(x, do_body));
    term s = term_head(steps);
    if (ast_is_call(s, "<-", 2)) {
        term lhs = arg(s, 0);
        term coll = expr(x, arg(s, 1));
        term saved = scope_open(x);
        term gs;
        term p = guarded_pattern(x, lhs, &gs);
        term a = temp(x);
        term inner = for_steps(x, term_tail(steps), do_body, a);
        scope_close(x, saved);
        term f = tup(x, 3, A("fun"), L(x),
                     tup(x, 2, A("clauses"), list2(x, clause(x, list2(x, p, a), gs, list1(x, inner)),
                                                   clause(x, list2(x, any_pat(x), a), TERM_NIL, list1(x, a)))));
        return remote(x, A("Elixir.Enum"), A("reduce"), cons(x, coll, list2(x, acc, f)));
    }
    if (ast_is_call(s, "<<>>", -1)) fail(x, "a bitstring generator");
    term c = expr(x, s);
    term inner = for_steps(x, term_tail(steps), do_body, acc);
    return truthy_case(x, c, list1(x, inner), list1(x, acc));
}

static term for_ast(xl *x, term e)
{
    term steps, kw;
    split_options(x, ast_args(e), &steps, &kw);
    term d = ast_kw_get(kw, "do"), into = ast_kw_get(kw, "into"), reduce = ast_kw_get(kw, "reduce");
    term uniq = ast_kw_get(kw, "uniq");
    if (d == TERM_NONE || (reduce != TERM_NONE && (into != TERM_NONE || uniq != TERM_NONE)))
        fail(x, "this form of for");
    if (reduce != TERM_NONE) {
        term init = expr(x, reduce);
        term saved = scope_open(x);
        term r = for_steps(x, steps, d, init);
        scope_close(x, saved);
        return r;
    }
    /* a list comprehension: generators over Enum.to_list, bitstring
     * generators, filters tested for truthiness */
    term saved = scope_open(x);
    term qs = TERM_NIL;
    for (term l = steps; term_is_cons(l); l = term_tail(l)) {
        term s = term_head(l);
        bool bits = ast_is_call(s, "<<>>", -1) && ast_args(s) != TERM_NIL;
        term gen = bits ? term_head(rev(x, ast_args(s))) : s;
        if (ast_is_call(gen, "<-", 2)) {
            term lhs = arg(gen, 0), guard = TERM_NONE;
            if (ast_is_call(lhs, "when", 2)) guard = arg(lhs, 1), lhs = arg(lhs, 0);
            term coll = expr(x, arg(gen, 1));
            x->in_pattern = true;
            x->fun_head = true; /* a generator's pattern shadows, as a fun's head */
            x->pins = TERM_NIL;
            x->pattern = TERM_NIL;
            term p;
            if (bits) {
                term els = TERM_NIL;
                for (term b = ast_args(s); term_is_cons(b); b = term_tail(b))
                    els = cons(x, term_tail(b) == TERM_NIL ? lhs : term_head(b), els);
                p = bitstring(x, tup(x, 3, A("<<>>"), TERM_NIL, rev(x, els)));
                qs = cons(x, tup(x, 4, A("b_generate"), L(x), p, coll), qs);
            } else {
                p = pattern(x, lhs);
                qs = cons(x, tup(x, 4, A("generate"), L(x), p, remote(x, A("Elixir.Enum"), A("to_list"), list1(x, coll))), qs);
            }
            x->in_pattern = false;
            x->fun_head = false;
            for (term pin = x->pins; term_is_cons(pin); pin = term_tail(pin)) qs = cons(x, term_head(pin), qs);
            if (guard != TERM_NONE) qs = cons(x, guard_expr(x, guard), qs);
        } else if (bits) {
            fail(x, "a bitstring in a for");
        } else {
            term c = expr(x, s);
            qs = cons(x, truthy_case(x, c, list1(x, atom_form(x, TERM_TRUE)), list1(x, atom_form(x, TERM_FALSE))), qs);
        }
    }
    term b = block_form(x, d);
    scope_close(x, saved);
    term r = tup(x, 4, A("lc"), L(x), b, rev(x, qs));
    if (uniq != TERM_NONE && uniq != TERM_FALSE) r = remote(x, A("Elixir.Enum"), A("uniq"), list1(x, r));
    if (into != TERM_NONE) r = remote(x, A("Elixir.Enum"), A("into"), list2(x, r, expr(x, into)));
    return r;
}

/* &(&1 + 1): the fn it stands for */
static term capture_body(xl *x, term e, const term *vars)
{
    if (ast_is_call(e, "&", 1) && term_is_small(arg(e, 0))) return vars[term_small_value(arg(e, 0)) - 1];
    if (term_is_tuple(e)) {
        uint32_t n = term_tuple_arity(e);
        term t = term_tuple_new(n);
        for (uint32_t i = 0; i < n; i++) term_tuple_init(t, i, term_retain(capture_body(x, term_tuple_get(e, i), vars)));
        keep(x, t);
        term_release(t);
        return t;
    }
    if (term_is_cons(e)) return cons(x, capture_body(x, term_head(e), vars), capture_body(x, term_tail(e), vars));
    return e;
}

static term capture_ast(xl *x, term e)
{
    term body_ast = arg(e, 0);
    if (ast_is_call(body_ast, "/", 2)) {
        term callee = arg(body_ast, 0), n = arg(body_ast, 1);
        if (!term_is_small(n)) fail(x, "a capture of this form");
        uint32_t k = (uint32_t)term_small_value(n);
        if (term_is_tuple(callee) && term_tuple_arity(callee) == 3 && ast_is_call(term_tuple_get(callee, 0), ".", 2)) {
            term dot = term_tuple_get(callee, 0);
            term m = module_of(arg(dot, 0));
            if (m == TERM_NONE) fail(x, "a capture of a module known only at run time");
            return tup(x, 3, A("fun"), L(x), tup(x, 4, A("function"), atom_form(x, m), atom_form(x, arg(dot, 1)), int_form(x, k)));
        }
        if (term_is_tuple(callee) && term_tuple_arity(callee) == 3 && term_is_atom(term_tuple_get(callee, 0))) {
            term name = term_tuple_get(callee, 0);
            term m = inlined(name, k) ? A("erlang") : local_target(x, name, k);
            return tup(x, 3, A("fun"), L(x), tup(x, 4, A("function"), atom_form(x, m), atom_form(x, name), int_form(x, k)));
        }
        fail(x, "a capture of this form");
    }
    uint32_t n = cc_capture_arity(body_ast);
    if (n > 20) fail(x, "a capture of more than 20 arguments");
    term vars[20], args = TERM_NIL;
    for (uint32_t i = 0; i < n; i++) {
        char name[16];
        snprintf(name, sizeof name, "x%u", i + 1);
        vars[i] = tup(x, 3, A(name), TERM_NIL, A("elixir_fn"));
    }
    for (uint32_t i = n; i-- > 0;) args = cons(x, vars[i], args);
    term fn_clause = tup(x, 3, A("->"), TERM_NIL, list2(x, args, capture_body(x, body_ast, vars)));
    return fn_form(x, tup(x, 3, A("fn"), TERM_NIL, list1(x, fn_clause)));
}

/* Binaries: <<a, b::size(8), c::binary>> */
static term bin_spec(xl *x, term spec, term *size, term *unit_out)
{
    /* returns the type specifier list (or the atom default) */
    term tsl = TERM_NIL;
    term stack[32];
    int sp = 0;
    stack[sp++] = spec;
    while (sp > 0) {
        term s = stack[--sp];
        if (ast_is_call(s, "-", 2)) {
            if (sp + 2 > 32) fail(x, "a binary specifier this long");
            stack[sp++] = arg(s, 1);
            stack[sp++] = arg(s, 0);
            continue;
        }
        if (term_is_small(s)) {
            *size = int_form(x, term_small_value(s));
            continue;
        }
        if (ast_is_call(s, "size", 1)) {
            bool p = x->in_pattern;
            x->in_pattern = false;
            *size = expr(x, arg(s, 0));
            x->in_pattern = p;
            continue;
        }
        if (ast_is_call(s, "unit", 1) && term_is_small(arg(s, 0))) {
            *unit_out = tup(x, 2, A("unit"), arg(s, 0));
            continue;
        }
        if (ast_is_var(s) || (term_is_tuple(s) && term_tuple_arity(s) == 3 && term_is_atom(term_tuple_get(s, 0)) &&
                              term_tuple_get(s, 2) == TERM_NIL)) {
            term n = term_tuple_get(s, 0);
            const char *t = term_atom_name(n);
            if (strcmp(t, "bits") == 0) n = A("bitstring");
            else if (strcmp(t, "bytes") == 0) n = A("binary");
            else if (!strcmp(t, "binary") || !strcmp(t, "bitstring") || !strcmp(t, "integer") || !strcmp(t, "float") ||
                     !strcmp(t, "utf8") || !strcmp(t, "utf16") || !strcmp(t, "utf32") || !strcmp(t, "signed") ||
                     !strcmp(t, "unsigned") || !strcmp(t, "big") || !strcmp(t, "little") || !strcmp(t, "native"))
                ;
            else fail(x, "the binary specifier %s", t);
            tsl = cons(x, n, tsl);
            continue;
        }
        fail(x, "a binary specifier of this form");
    }
    if (*unit_out != TERM_NONE) tsl = cons(x, *unit_out, tsl);
    return tsl == TERM_NIL ? A("default") : rev(x, tsl);
}

static term bin_element(xl *x, term el)
{
    term value = el, size = A("default"), unit = TERM_NONE, tsl = A("default");
    if (ast_is_call(el, "::", 2)) {
        value = arg(el, 0);
        tsl = bin_spec(x, arg(el, 1), &size, &unit);
    }
    term v;
    if (term_is_binary(value)) {
        /* a string literal: its bytes */
        term chars = TERM_NIL;
        for (size_t i = term_binary_size(value); i-- > 0;) chars = cons(x, term_small(term_binary_data(value)[i]), chars);
        if (chars == TERM_NIL && tsl == A("default")) return TERM_NONE;
        v = tup(x, 3, A("string"), L(x), chars);
    } else if (!x->in_pattern && term_is_tuple(value) && term_tuple_arity(value) == 3 &&
               ast_is_call(term_tuple_get(value, 0), ".", 2) &&
               module_of(arg(term_tuple_get(value, 0), 0)) == A("Elixir.Kernel") &&
               arg(term_tuple_get(value, 0), 1) == A("to_string")) {
        /* interpolation: Kernel.to_string(x) */
        v = remote(x, A("Elixir.String.Chars"), A("to_string"), list1(x, expr(x, arg(value, 0))));
    } else {
        v = x->in_pattern ? pattern(x, value) : expr(x, value);
    }
    return tup(x, 5, A("bin_element"), L(x), v, size, tsl);
}

static term bitstring(xl *x, term e)
{
    term out = TERM_NIL;
    for (term l = ast_args(e); term_is_cons(l); l = term_tail(l)) {
        term el = bin_element(x, term_head(l));
        if (el != TERM_NONE) out = cons(x, el, out);
    }
    return tup(x, 3, A("bin"), L(x), rev(x, out));
}

/* a <> b: both binaries */
static term concat(xl *x, term e)
{
    term parts = TERM_NIL;
    term stack[2] = {arg(e, 0), arg(e, 1)};
    for (int i = 0; i < 2; i++) {
        term p = stack[i];
        if (term_is_binary(p)) {
            term b = string_bin(x, p);
            if (term_tuple_get(b, 2) != TERM_NIL) parts = cons(x, term_head(term_tuple_get(b, 2)), parts);
            continue;
        }
        term v = x->in_pattern ? pattern(x, p) : expr(x, p);
        parts = cons(x, tup(x, 5, A("bin_element"), L(x), v, A("default"), list1(x, A("binary"))), parts);
    }
    return tup(x, 3, A("bin"), L(x), rev(x, parts));
}

static term map_pairs(xl *x, term pairs, const char *kind)
{
    term out = TERM_NIL;
    for (term l = pairs; term_is_cons(l); l = term_tail(l)) {
        term kv = term_head(l);
        if (!term_is_tuple(kv) || term_tuple_arity(kv) != 2) fail(x, "a map of this form");
        term k, v;
        if (x->in_pattern) {
            x->in_pattern = false;
            k = expr(x, term_tuple_get(kv, 0));
            x->in_pattern = true;
            v = pattern(x, term_tuple_get(kv, 1));
        } else {
            k = expr(x, term_tuple_get(kv, 0));
            v = expr(x, term_tuple_get(kv, 1));
        }
        out = cons(x, tup(x, 4, A(kind), L(x), k, v), out);
    }
    return rev(x, out);
}

static term map_ast(xl *x, term e)
{
    term args = ast_args(e);
    if (x->in_pattern) return tup(x, 3, A("map"), L(x), map_pairs(x, args, "map_field_exact"));
    if (term_is_cons(args) && term_tail(args) == TERM_NIL && ast_is_call(term_head(args), "|", 2)) {
        term upd = term_head(args);
        term base = expr(x, arg(upd, 0));
        return tup(x, 4, A("map"), L(x), base, map_pairs(x, arg(upd, 1), "map_field_exact"));
    }
    return tup(x, 3, A("map"), L(x), map_pairs(x, args, "map_field_assoc"));
}

/* A value as the literal that makes it. */
static term value_form(xl *x, term v)
{
    if (++x->depth > 2000) fail(x, "a value nested this deeply");
    term r;
    if (term_is_integer(v) || term_is_float(v) || term_is_atom(v) || term_is_binary(v)) r = literal(x, v);
    else if (v == TERM_NIL) r = nil_form(x);
    else if (term_is_cons(v)) r = tup(x, 4, A("cons"), L(x), value_form(x, term_head(v)), value_form(x, term_tail(v)));
    else if (term_is_tuple(v)) {
        term out = TERM_NIL;
        for (uint32_t i = term_tuple_arity(v); i-- > 0;) out = cons(x, value_form(x, term_tuple_get(v, i)), out);
        r = tup(x, 3, A("tuple"), L(x), out);
    } else if (term_is_map(v)) {
        term out = TERM_NIL;
        for (uint32_t i = term_map_size(v); i-- > 0;)
            out = cons(x, tup(x, 4, A("map_field_assoc"), L(x), value_form(x, term_map_key(v, i)),
                              value_form(x, term_map_value(v, i))), out);
        r = tup(x, 3, A("map"), L(x), out);
    } else fail(x, "a literal of this kind");
    x->depth--;
    return r;
}

/* %S{k: v}: a map with all of S's fields (known here, as at expansion) */
static term struct_ast(xl *x, term e)
{
    term mod = module_of(arg(e, 0));
    term inner = arg(e, 1);
    if (mod == TERM_NONE || !ast_is_call(inner, "%{}", -1)) fail(x, "a struct of this form");
    term pairs = ast_args(inner);
    if (term_is_cons(pairs) && term_tail(pairs) == TERM_NIL && ast_is_call(term_head(pairs), "|", 2)) {
        /* %S{s | k: v}: Elixir checks the struct; an update of the map is close */
        term upd = term_head(pairs);
        term base = expr(x, arg(upd, 0));
        return tup(x, 4, A("map"), L(x), base, map_pairs(x, arg(upd, 1), "map_field_exact"));
    }
    term field = tup(x, 4, A(x->in_pattern ? "map_field_exact" : "map_field_assoc"), L(x),
                     atom_form(x, A("__struct__")), atom_form(x, mod));
    if (x->in_pattern) return tup(x, 3, A("map"), L(x), cons(x, field, map_pairs(x, pairs, "map_field_exact")));
    vm_module *m = vm_get_module(x->rt, mod);
    if (!m || m->struct_fields == TERM_NONE) fail(x, "a struct whose module is not loaded");
    term given = map_pairs(x, pairs, "map_field_assoc");
    term out = list1(x, field);
    for (term l = m->struct_fields; term_is_cons(l); l = term_tail(l)) {
        term k = term_tuple_get(term_head(l), 0), dflt = term_tuple_get(term_head(l), 1);
        term v = TERM_NONE;
        for (term g = given; term_is_cons(g); g = term_tail(g)) {
            term gk = term_tuple_get(term_head(g), 2);
            if (term_tuple_get(gk, 0) == A("atom") && term_tuple_get(gk, 2) == k) v = term_tuple_get(term_head(g), 3);
        }
        if (v == TERM_NONE) v = value_form(x, dflt); /* a default: the value the struct holds */
        out = cons(x, tup(x, 4, A("map_field_assoc"), L(x), atom_form(x, k), v), out);
    }
    return tup(x, 3, A("map"), L(x), rev(x, out));
}

/* m.key without parentheses: a map's field, or a call of m when it is a module */
static term field_access(xl *x, term subject, term key)
{
    term s = expr(x, subject);
    term v = temp(x);
    term pat = tup(x, 3, A("map"), L(x), list1(x, tup(x, 4, A("map_field_exact"), L(x), atom_form(x, key), v)));
    /* an atom other than nil, true and false is a module */
    term module = cons(x, erlang_call(x, "is_atom", list1(x, v)),
                       cons(x, op2(x, "=/=", v, atom_form(x, TERM_ATOM_NIL)),
                            list2(x, op2(x, "=/=", v, atom_form(x, TERM_TRUE)), op2(x, "=/=", v, atom_form(x, TERM_FALSE)))));
    term badkey = erlang_call(x, "error", list1(x, tup(x, 3, A("tuple"), L(x),
                                                       cons(x, atom_form(x, A("badkey")), list2(x, atom_form(x, key), v)))));
    term call = tup(x, 4, A("call"), L(x), tup(x, 4, A("remote"), L(x), v, atom_form(x, key)), TERM_NIL);
    return case_form(x, s, cons(x, clause(x, list1(x, pat), TERM_NIL, list1(x, v)),
                                list2(x, clause(x, list1(x, v), list1(x, module), list1(x, call)),
                                      clause(x, list1(x, v), TERM_NIL, list1(x, badkey)))));
}

static term dot_call(xl *x, term e)
{
    term dot = term_tuple_get(e, 0);
    term dargs = ast_args(dot), args = ast_args(e);
    if (term_tail(dargs) == TERM_NIL) /* f.(args) */
        return tup(x, 4, A("call"), L(x), expr(x, term_head(dargs)), exprs_list(x, args));
    term left = term_head(dargs), right = term_head(term_tail(dargs));
    if (!term_is_atom(right)) fail(x, "a call of this form");
    term m = module_of(left);
    if (m == TERM_NONE) {
        term meta = term_tuple_get(e, 1);
        if (args == TERM_NIL && ast_kw_get(meta, "no_parens") != TERM_NONE) return field_access(x, left, right);
        return tup(x, 4, A("call"), L(x), tup(x, 4, A("remote"), L(x), expr(x, left), atom_form(x, right)),
                   exprs_list(x, args));
    }
    if (m == A("Elixir.Kernel") && right == A("to_string") && term_list_length(args) == 1)
        return remote(x, A("Elixir.String.Chars"), A("to_string"), exprs_list(x, args));
    return remote(x, m, right, exprs_list(x, args));
}

static term raise_ast(xl *x, term e)
{
    term a0 = arg(e, 0);
    term exc;
    if (term_list_length(ast_args(e)) == 2) {
        term m = module_of(a0);
        if (m == TERM_NONE) fail(x, "raise of a module known only at run time");
        exc = remote(x, m, A("exception"), list1(x, expr(x, arg(e, 1))));
    } else if (term_is_binary(a0)) {
        exc = remote(x, A("Elixir.RuntimeError"), A("exception"), list1(x, expr(x, a0)));
    } else if (module_of(a0) != TERM_NONE && !term_is_atom(a0)) {
        exc = remote(x, module_of(a0), A("exception"), list1(x, nil_form(x)));
    } else {
        /* a value known at run time: a message, a module or an exception */
        term v = temp(x);
        term cls = list2(x,
                         clause(x, list1(x, v), list1(x, list1(x, erlang_call(x, "is_binary", list1(x, v)))),
                                list1(x, remote(x, A("Elixir.RuntimeError"), A("exception"), list1(x, v)))),
                         clause(x, list1(x, v), list1(x, list1(x, erlang_call(x, "is_atom", list1(x, v)))),
                                list1(x, tup(x, 4, A("call"), L(x), tup(x, 4, A("remote"), L(x), v, atom_form(x, A("exception"))),
                                             list1(x, nil_form(x))))));
        cls = rev(x, cons(x, clause(x, list1(x, v), TERM_NIL, list1(x, v)), rev(x, cls)));
        exc = case_form(x, expr(x, a0), cls);
    }
    return erlang_call(x, "error", list1(x, exc));
}

/* reraise e, stacktrace: raise/3 with the exception raise/1 would make */
static term reraise_ast(xl *x, term e)
{
    term stack = expr(x, arg(e, term_list_length(ast_args(e)) - 1));
    term raised;
    if (term_list_length(ast_args(e)) == 3) {
        term m = module_of(arg(e, 0));
        if (m == TERM_NONE) fail(x, "reraise of a module known only at run time");
        raised = remote(x, m, A("exception"), list1(x, expr(x, arg(e, 1))));
    } else {
        term one = tup(x, 3, A("raise"), TERM_NIL, list1(x, arg(e, 0)));
        raised = term_head(term_tuple_get(raise_ast(x, one), 3));
    }
    return erlang_call(x, "raise", cons(x, atom_form(x, A("error")), list2(x, raised, stack)));
}

static term range_ast(xl *x, term first, term last, term step)
{
    if (term_is_small(first) && term_is_small(last) && (step == TERM_NONE || term_is_small(step))) {
        intptr_t s = step != TERM_NONE ? term_small_value(step)
                                       : (term_small_value(first) <= term_small_value(last) ? 1 : -1);
        term fields = list2(x, tup(x, 4, A("map_field_assoc"), L(x), atom_form(x, A("__struct__")), atom_form(x, A("Elixir.Range"))),
                            tup(x, 4, A("map_field_assoc"), L(x), atom_form(x, A("first")), int_form(x, term_small_value(first))));
        fields = cons(x, term_head(fields), cons(x, term_head(term_tail(fields)),
                      list2(x, tup(x, 4, A("map_field_assoc"), L(x), atom_form(x, A("last")), int_form(x, term_small_value(last))),
                            tup(x, 4, A("map_field_assoc"), L(x), atom_form(x, A("step")), int_form(x, s)))));
        return tup(x, 3, A("map"), L(x), fields);
    }
    term args = list2(x, expr(x, first), expr(x, last));
    if (step != TERM_NONE) args = rev(x, cons(x, expr(x, step), rev(x, args)));
    return remote(x, A("Elixir.Range"), A("new"), args);
}

static term in_ast(xl *x, term e)
{
    term left = arg(e, 0), right = arg(e, 1);
    if (term_is_list(right)) {
        /* x in [a, b]: x =:= a orelse x =:= b */
        term v = expr(x, left), test = atom_form(x, TERM_FALSE);
        bool first = true;
        for (term l = right; term_is_cons(l); l = term_tail(l)) {
            term eq = op2(x, "=:=", v, expr(x, term_head(l)));
            test = first ? eq : op2(x, "orelse", test, eq);
            first = false;
        }
        return test;
    }
    if (ast_is_call(right, "..", 2)) {
        term v = expr(x, left);
        term lo = expr(x, arg(right, 0)), hi = expr(x, arg(right, 1));
        term t = op2(x, "andalso", erlang_call(x, "is_integer", list1(x, v)), op2(x, ">=", v, lo));
        return op2(x, "andalso", t, op2(x, "=<", v, hi));
    }
    if (x->in_guard) fail(x, "in with this right side inside a guard");
    return remote(x, A("Elixir.Enum"), A("member?"), list2(x, expr(x, right), expr(x, left)));
}

static term pipe(xl *x, term e)
{
    term left = arg(e, 0), call = arg(e, 1);
    if (!term_is_tuple(call) || term_tuple_arity(call) != 3 || !term_is_list(term_tuple_get(call, 2)))
        fail(x, "a pipe into this form");
    term c = term_tuple_new(3);
    term_tuple_init(c, 0, term_retain(term_tuple_get(call, 0)));
    term_tuple_init(c, 1, term_retain(term_tuple_get(call, 1)));
    term_tuple_init(c, 2, term_cons_new(term_retain(left), term_retain(term_tuple_get(call, 2))));
    keep(x, c);
    term_release(c);
    return expr(x, c);
}

/* ~r and ~R as Regex.compile!(source, modifiers) */
static term regex_sigil(xl *x, term str, term mods, char kind)
{
    if (kind == 'r') {
        str = keep(x, cc_regex_unescaped(str));
        term_release(str);
    }
    term parts = ast_args(str);
    term src = term_is_cons(parts) && term_tail(parts) == TERM_NIL && term_is_binary(term_head(parts))
                   ? string_bin(x, term_head(parts))
                   : bitstring(x, str);
    char m[64];
    size_t n = 0;
    for (term l = mods; term_is_cons(l) && n < sizeof m; l = term_tail(l))
        if (term_is_small(term_head(l))) m[n++] = (char)term_small_value(term_head(l));
    term mbin = keep(x, term_binary_new(m, n));
    term_release(mbin);
    return remote(x, A("Elixir.Regex"), A("compile!"), list2(x, src, string_bin(x, mbin)));
}

/* ~s ~S ~c ~C ~w ~W of text without escapes or interpolation */
static term sigil(xl *x, term e, char kind)
{
    term str = arg(e, 0), mods = arg(e, 1);
    if (!ast_is_call(str, "<<>>", -1)) fail(x, "a sigil of this form");
    if (kind == 'r' || kind == 'R') return regex_sigil(x, str, mods, kind);
    bool lower = kind >= 'a' && kind <= 'z';
    if (lower) {
        str = keep(x, cc_sigil_unescaped(str));
        term_release(str);
    }
    term parts = ast_args(str);
    term text = term_is_cons(parts) && term_tail(parts) == TERM_NIL && term_is_binary(term_head(parts)) ? term_head(parts)
                                                                                                       : TERM_NONE;
    switch (kind) {
    case 's': case 'S':
        return text != TERM_NONE ? string_bin(x, text) : bitstring(x, str);
    case 'c': case 'C':
        return remote(x, A("Elixir.String"), A("to_charlist"),
                      list1(x, text != TERM_NONE ? string_bin(x, text) : bitstring(x, str)));
    case 'w': case 'W': {
        if (text == TERM_NONE) fail(x, "a ~w sigil with interpolation");
        char m = term_is_cons(mods) && term_is_small(term_head(mods)) ? (char)term_small_value(term_head(mods)) : 's';
        const uint8_t *d = term_binary_data(text);
        size_t n = term_binary_size(text), i = 0;
        term words = TERM_NIL;
        while (i < n) {
            while (i < n && (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r')) i++;
            size_t start = i;
            while (i < n && !(d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r')) i++;
            if (i == start) break;
            term w;
            if (m == 'a') {
                char buf[256];
                if (i - start >= sizeof buf) fail(x, "a word this long");
                memcpy(buf, d + start, i - start);
                buf[i - start] = 0;
                w = A(buf);
            } else if (m == 'c') {
                w = keep(x, term_charlist_from_utf8((const char *)d + start, i - start));
                term_release(w);
            } else {
                w = keep(x, term_binary_new(d + start, i - start));
                term_release(w);
            }
            words = cons(x, w, words);
        }
        return value_form(x, rev(x, words));
    }
    case 'D': case 'T': case 'N': case 'U': {
        char message[512];
        term v = lang_calendar_sigil(e, kind, message, sizeof message);
        if (!term_is_map(v)) fail(x, "the sigil ~%c of this text", kind);
        keep(x, v);
        term_release(v);
        return value_form(x, v);
    }
    default:
        fail(x, "the sigil ~%c", kind);
    }
}

/* a && b: a when falsy, else b;  a || b: b when a is falsy, else a
 * (case A of V when V =:= false orelse V =:= nil -> ...; ... end) */
static term short_circuit(xl *x, term e, bool is_and)
{
    term v = temp(x);
    term a = expr(x, arg(e, 0));
    term b = expr(x, arg(e, 1));
    term falsy = op2(x, "orelse", op2(x, "=:=", v, atom_form(x, TERM_FALSE)), op2(x, "=:=", v, atom_form(x, TERM_ATOM_NIL)));
    term when_falsy = clause(x, list1(x, v), list1(x, list1(x, falsy)), list1(x, is_and ? v : b));
    term otherwise = is_and ? clause(x, list1(x, any_pat(x)), TERM_NIL, list1(x, b))
                            : clause(x, list1(x, v), TERM_NIL, list1(x, v));
    return case_form(x, a, list2(x, when_falsy, otherwise));
}

static term local_call(xl *x, term e)
{
    term name = term_tuple_get(e, 0), args = ast_args(e);
    uint32_t n = (uint32_t)term_list_length(args);
    const char *s = term_atom_name(name);
    for (const op_map *o = ops; o->ex; o++)
        if (o->arity == (int)n && strcmp(o->ex, s) == 0) {
            if (n == 1) return tup(x, 4, A("op"), L(x), A(o->erl), expr(x, arg(e, 0)));
            term a = expr(x, arg(e, 0));
            return op2(x, o->erl, a, expr(x, arg(e, 1)));
        }
#define IS(str, k) (strcmp(s, str) == 0 && n == (k))
    if (IS("if", 2)) return if_form(x, e, false);
    if (IS("unless", 2)) return if_form(x, e, true);
    if (IS("cond", 1)) return cond_form(x, ast_kw_get(arg(e, 0), "do"));
    if (IS("case", 2)) return case_ast(x, e);
    if (IS("receive", 1)) return receive_ast(x, e);
    if (IS("try", 1)) return try_ast(x, e);
    if (IS("fn", n)) return fn_form(x, e);
    if (IS("with", n)) return with_ast(x, e);
    if (IS("for", n)) return for_ast(x, e);
    if (IS("&", 1)) return capture_ast(x, e);
    if (IS("|>", 2)) return pipe(x, e);
    if (IS("<>", 2)) return concat(x, e);
    if (IS("<<>>", n)) return bitstring(x, e);
    if (IS("{}", n)) return tup(x, 3, A("tuple"), L(x), exprs_list(x, args));
    if (IS("%{}", n)) return map_ast(x, e);
    if (IS("%", 2)) return struct_ast(x, e);
    if (IS("__block__", n)) return block_form(x, e);
    if (IS("=", 2)) {
        term v = expr(x, arg(e, 1));
        x->in_pattern = true;
        x->pattern = TERM_NIL;
        term p = pattern(x, arg(e, 0));
        x->in_pattern = false;
        return tup(x, 4, A("match"), L(x), p, v);
    }
    if (IS("&&", 2) || IS("||", 2)) return short_circuit(x, e, s[0] == '&');
    if (IS("!", 1)) {
        term a = expr(x, arg(e, 0));
        return truthy_case(x, a, list1(x, atom_form(x, TERM_FALSE)), list1(x, atom_form(x, TERM_TRUE)));
    }
    if (IS("is_nil", 1)) return op2(x, "==", expr(x, arg(e, 0)), atom_form(x, TERM_ATOM_NIL));
    if (IS("elem", 2)) {
        term t = expr(x, arg(e, 0));
        term i = term_is_small(arg(e, 1)) ? int_form(x, term_small_value(arg(e, 1)) + 1)
                                          : op2(x, "+", expr(x, arg(e, 1)), int_form(x, 1));
        return erlang_call(x, "element", list2(x, i, t));
    }
    if (IS("put_elem", 3)) {
        term t = expr(x, arg(e, 0));
        term i = term_is_small(arg(e, 1)) ? int_form(x, term_small_value(arg(e, 1)) + 1)
                                          : op2(x, "+", expr(x, arg(e, 1)), int_form(x, 1));
        return erlang_call(x, "setelement", cons(x, i, list2(x, t, expr(x, arg(e, 2)))));
    }
    if (IS("is_map_key", 2)) return erlang_call(x, "is_map_key", list2(x, expr(x, arg(e, 1)), expr(x, arg(e, 0))));
    if (IS("raise", 1) || IS("raise", 2)) return raise_ast(x, e);
    if (IS("reraise", 2) || IS("reraise", 3)) return reraise_ast(x, e);
    if (IS("..", 2)) return range_ast(x, arg(e, 0), arg(e, 1), TERM_NONE);
    if (IS("..//", 3)) return range_ast(x, arg(e, 0), arg(e, 1), arg(e, 2));
    if (IS("in", 2)) return in_ast(x, e);
    if (IS("to_string", 1)) return remote(x, A("Elixir.String.Chars"), A("to_string"), exprs_list(x, args));
    if (IS("to_charlist", 1)) return remote(x, A("Elixir.List.Chars"), A("to_charlist"), exprs_list(x, args));
    if (IS("match?", 2)) {
        term v = expr(x, arg(e, 1));
        term saved = scope_open(x);
        term gs;
        term pat = guarded_pattern(x, arg(e, 0), &gs);
        scope_close(x, saved);
        return case_form(x, v, list2(x, clause(x, list1(x, pat), gs, list1(x, atom_form(x, TERM_TRUE))),
                                     clause(x, list1(x, any_pat(x)), TERM_NIL, list1(x, atom_form(x, TERM_FALSE)))));
    }
    if (IS("is_struct", 1) || IS("is_struct", 2) || IS("is_exception", 1) || IS("is_exception", 2)) {
        /* the guards Kernel defines: a map with the key, of the value */
        bool exc = s[3] == 'e';
        term v = expr(x, arg(e, 0));
        term key = atom_form(x, A(exc ? "__exception__" : "__struct__"));
        term t = op2(x, "andalso", erlang_call(x, "is_map", list1(x, v)), erlang_call(x, "is_map_key", list2(x, key, v)));
        term got = erlang_call(x, "map_get", list2(x, key, v));
        if (exc) t = op2(x, "andalso", t, op2(x, "=:=", got, atom_form(x, TERM_TRUE)));
        if (n == 2) {
            term sk = atom_form(x, A("__struct__"));
            term name = expr(x, arg(e, 1));
            if (exc) t = op2(x, "andalso", t, op2(x, "andalso", erlang_call(x, "is_map_key", list2(x, sk, v)),
                                                   op2(x, "=:=", erlang_call(x, "map_get", list2(x, sk, v)), name)));
            else t = op2(x, "andalso", t, op2(x, "=:=", got, name));
        } else if (!exc) {
            t = op2(x, "andalso", t, erlang_call(x, "is_atom", list1(x, got)));
        }
        return t;
    }
    if (IS("tap", 2)) {
        term v = temp(x);
        term call = tup(x, 4, A("call"), L(x), expr(x, arg(e, 1)), list1(x, v));
        return case_form(x, expr(x, arg(e, 0)), list1(x, clause(x, list1(x, v), TERM_NIL, list2(x, call, v))));
    }
    if (IS("then", 2)) return tup(x, 4, A("call"), L(x), expr(x, arg(e, 1)), list1(x, expr(x, arg(e, 0))));
    if (IS("__MODULE__", 0)) return atom_form(x, TERM_ATOM_NIL);
    if (n == 2 && strncmp(s, "sigil_", 6) == 0 && s[6] && !s[7]) return sigil(x, e, s[6]);
    if (IS("quote", n) || IS("unquote", n) || IS("defmodule", 2) || IS("import", n) || IS("alias", n) ||
        IS("require", n) || IS("binding", n) || IS("@", 1) || IS("super", n) ||
        IS("get_and_update_in", n) || IS("put_in", 2) || IS("update_in", 2) || IS("pop_in", 1))
        fail(x, "%s/%u", s, n);
#undef IS
    if (inlined(name, n)) return erlang_call(x, s, exprs_list(x, args));
    return remote(x, local_target(x, name, n), name, exprs_list(x, args));
}

static term expr(xl *x, term e)
{
    if (++x->depth > 2000) fail(x, "an expression nested this deeply");
    int saved_line = x->line;
    uint32_t line = cc_line_of(e);
    if (line) x->line = (int)line;
    term r;
    if (term_is_list(e)) {
        /* [a, b | t] */
        r = nil_form(x);
        term items = TERM_NIL, tail = TERM_NONE;
        for (term l = e; term_is_cons(l); l = term_tail(l)) {
            term h = term_head(l);
            if (term_tail(l) == TERM_NIL && ast_is_call(h, "|", 2)) {
                items = cons(x, x->in_pattern ? pattern(x, arg(h, 0)) : expr(x, arg(h, 0)), items);
                tail = x->in_pattern ? pattern(x, arg(h, 1)) : expr(x, arg(h, 1));
            } else {
                items = cons(x, x->in_pattern ? pattern(x, h) : expr(x, h), items);
            }
        }
        if (tail != TERM_NONE) r = tail;
        for (term l = items; term_is_cons(l); l = term_tail(l)) r = tup(x, 4, A("cons"), L(x), term_head(l), r);
    } else if (term_is_tuple(e) && term_tuple_arity(e) == 2) {
        term a = x->in_pattern ? pattern(x, term_tuple_get(e, 0)) : expr(x, term_tuple_get(e, 0));
        term b = x->in_pattern ? pattern(x, term_tuple_get(e, 1)) : expr(x, term_tuple_get(e, 1));
        r = tup(x, 3, A("tuple"), L(x), list2(x, a, b));
    } else if (!term_is_tuple(e)) {
        r = literal(x, e);
    } else if (term_tuple_arity(e) != 3) {
        fail(x, "a tuple of this size in the AST");
    } else if (ast_is_var(e)) {
        term name = ast_var_name(e);
        term erl = lookup(x, name);
        if (erl == TERM_NONE) {
            if (name == A("__MODULE__")) r = atom_form(x, TERM_ATOM_NIL);
            else r = local_call(x, tup(x, 3, name, term_tuple_get(e, 1), TERM_NIL));
        } else {
            r = var_form(x, erl);
        }
    } else if (ast_is_call(e, "__aliases__", -1)) {
        term m = expand_alias(e);
        if (m == TERM_NONE) fail(x, "an alias of this form");
        r = atom_form(x, m);
    } else if (term_is_atom(term_tuple_get(e, 0))) {
        r = local_call(x, e);
    } else if (ast_is_call(term_tuple_get(e, 0), ".", -1)) {
        r = dot_call(x, e);
    } else {
        fail(x, "a call of this form");
    }
    x->line = saved_line;
    x->depth--;
    return r;
}

/* ---- patterns ---- */

static term pattern(xl *x, term e)
{
    if (++x->depth > 2000) fail(x, "a pattern nested this deeply");
    term r;
    if (ast_is_var(e)) {
        term name = ast_var_name(e);
        if (name == A("_")) r = any_pat(x);
        else {
            term erl = TERM_NONE;
            for (term l = x->pattern; term_is_cons(l); l = term_tail(l))
                if (term_tuple_get(term_head(l), 0) == name) erl = term_tuple_get(term_head(l), 1);
            if (erl == TERM_NONE) {
                erl = bind(x, name);
                x->pattern = cons(x, tup(x, 2, name, erl), x->pattern);
            }
            r = var_form(x, erl);
        }
    } else if (ast_is_call(e, "^", 1)) {
        term v = arg(e, 0);
        term erl = ast_is_var(v) ? lookup(x, ast_var_name(v)) : TERM_NONE;
        if (erl == TERM_NONE) fail(x, "a pin of an unbound variable");
        r = var_form(x, erl);
        if (x->fun_head) {
            term t = temp(x);
            x->pins = cons(x, op2(x, "=:=", t, r), x->pins);
            r = t;
        }
    } else if (ast_is_call(e, "=", 2)) {
        term a = pattern(x, arg(e, 0));
        r = tup(x, 4, A("match"), L(x), a, pattern(x, arg(e, 1)));
    } else if (ast_is_call(e, "-", 1) && term_is_number(arg(e, 0))) {
        term n = arg(e, 0);
        r = term_is_float(n) ? tup(x, 3, A("float"), L(x), keep(x, term_float_new(-term_float_value(n))))
                             : tup(x, 3, A("integer"), L(x), keep(x, term_int_neg(n)));
        if (term_is_boxed(term_tuple_get(r, 2))) term_release(term_tuple_get(r, 2));
    } else if (ast_is_call(e, "{}", -1)) {
        term out = TERM_NIL;
        for (term l = ast_args(e); term_is_cons(l); l = term_tail(l)) out = cons(x, pattern(x, term_head(l)), out);
        r = tup(x, 3, A("tuple"), L(x), rev(x, out));
    } else if (ast_is_call(e, "%{}", -1)) {
        r = map_ast(x, e);
    } else if (ast_is_call(e, "%", 2)) {
        r = struct_ast(x, e);
    } else if (ast_is_call(e, "<<>>", -1)) {
        r = bitstring(x, e);
    } else if (ast_is_call(e, "<>", 2)) {
        r = concat(x, e);
    } else if (ast_is_call(e, "__aliases__", -1) || !term_is_tuple(e) || term_tuple_arity(e) == 2 ||
               term_is_list(e)) {
        r = expr(x, e); /* literals, lists and pairs (still in_pattern) */
    } else {
        fail(x, "a pattern of this form");
    }
    x->depth--;
    return r;
}

/* ---- guards ---- */

static term guard_expr(xl *x, term g)
{
    x->in_guard = true;
    term r = expr(x, g);
    x->in_guard = false;
    return r;
}

static term guard_seq(xl *x, term g)
{
    /* a when b: either (guard sequence) */
    if (ast_is_call(g, "when", 2)) {
        term left = guard_seq(x, arg(g, 0));
        term right = guard_seq(x, arg(g, 1));
        term out = right;
        for (term l = rev(x, left); term_is_cons(l); l = term_tail(l)) out = cons(x, term_head(l), out);
        return out;
    }
    return list1(x, list1(x, guard_expr(x, g)));
}

/* ---- the entry points ---- */

term erl_from_fn(struct vm_runtime *rt, term fn_ast, term captures, term *erl_names, char *err, size_t errlen)
{
    xl x = {0};
    x.rt = rt;
    x.pool = TERM_NIL;
    x.vars = TERM_NIL;
    x.counters = term_map_new(8);
    x.pattern = TERM_NIL;
    x.line = 1;
    x.err = err;
    x.errlen = errlen;
    volatile term result = TERM_NONE;
    *erl_names = TERM_NONE;
    if (setjmp(x.fail) == 0) {
        if (!ast_is_call(fn_ast, "fn", -1)) fail(&x, "not a fn");
        term names = TERM_NIL;
        for (term l = captures; term_is_cons(l); l = term_tail(l)) names = cons(&x, bind(&x, term_head(l)), names);
        uint32_t line = cc_line_of(fn_ast);
        if (line) x.line = (int)line;
        term f = fn_form(&x, fn_ast);
        result = term_retain(term_tuple_get(term_tuple_get(f, 2), 1));
        *erl_names = term_retain(rev(&x, names));
    }
    term_release(x.counters);
    term_release(x.pool);
    return result;
}
