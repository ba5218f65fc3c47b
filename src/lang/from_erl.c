/* from_erl.c - Erlang abstract format as Elixir's quoted form.
 *
 * What arrives in an erl_eval fun from a BEAM peer (the clauses of a fn
 * typed in iex, as elixir_erl_pass made them, or of a fun typed in erl)
 * becomes an `fn` the compiler reads, so it runs as compiled code.  The
 * semantic gap is the variables: an Erlang pattern matches a variable that
 * is already bound where Elixir would rebind it, so a bound variable in a
 * pattern (outside a fun's head, which shadows) is pinned.  A named fun
 * becomes a fn that is handed itself.  Not translated: records, `maybe`,
 * and the variables Erlang exports from a case (Elixir has no such thing,
 * and funs made by Elixir never rely on it).
 *
 * As in to_erl.c, every term made is kept in a pool released at the end,
 * so a form it does not know unwinds without leaking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ciex/vm.h"
#include "compiler.h"
#include "erl_forms.h"

typedef struct fx {
    term pool;
    term bound;   /* Erlang variable names bound here (list) */
    term seen;    /* every Erlang variable met: [{erl, elixir}] */
    bool in_guard;
    int depth;
    int named; /* named funs so far, for the names of their helpers */
    jmp_buf fail;
    char *err;
    size_t errlen;
} fx;

static _Noreturn void fail(fx *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->err, x->errlen, fmt, ap);
    va_end(ap);
    longjmp(x->fail, 1);
}

static term keep(fx *x, term t)
{
    if (term_is_boxed(t)) {
        x->pool = term_cons_new(t, x->pool); /* takes the reference */
    }
    return t;
}

static term A(const char *s) { return term_atom(s); }
static term cons(fx *x, term h, term t) { return keep(x, term_cons_new(term_retain(h), term_retain(t))); }
static term list1(fx *x, term a) { return cons(x, a, TERM_NIL); }
static term list2(fx *x, term a, term b) { return cons(x, a, list1(x, b)); }
static term rev(fx *x, term l)
{
    term r = TERM_NIL;
    for (; term_is_cons(l); l = term_tail(l)) r = cons(x, term_head(l), r);
    return r;
}
static term pair(fx *x, term a, term b) { return keep(x, term_tuple2(term_retain(a), term_retain(b))); }
static term node3(fx *x, term a, term b, term c)
{
    return keep(x, term_tuple3(term_retain(a), term_retain(b), term_retain(c)));
}
/* {name, [], args} */
static term call(fx *x, const char *name, term args) { return node3(x, A(name), TERM_NIL, args); }
static term call1(fx *x, const char *name, term a) { return call(x, name, list1(x, a)); }
static term call2(fx *x, const char *name, term a, term b) { return call(x, name, list2(x, a, b)); }
static term rcall(fx *x, term m, term f, term args)
{
    return node3(x, node3(x, A("."), TERM_NIL, list2(x, m, f)), TERM_NIL, args);
}
static term evar(fx *x, term name) { return node3(x, name, TERM_NIL, TERM_ATOM_NIL); }
static term kw1(fx *x, const char *k, term v) { return list1(x, pair(x, A(k), v)); }

term erl_var_name(term erl)
{
    const char *s = term_atom_name(erl);
    if (strcmp(s, "_") == 0) return erl;
    if (s[0] != '_') return erl;
    char buf[300];
    snprintf(buf, sizeof buf, "e%s", s);
    return term_atom(buf);
}

static bool is_form(term f, const char *tag, uint32_t arity)
{
    return term_is_tuple(f) && term_tuple_arity(f) == arity && term_tuple_get(f, 0) == term_atom(tag);
}

static term el(fx *x, term f, uint32_t i)
{
    if (!term_is_tuple(f) || term_tuple_arity(f) <= i) fail(x, "a malformed abstract form");
    return term_tuple_get(f, i);
}

static bool bound(fx *x, term name)
{
    for (term l = x->bound; term_is_cons(l); l = term_tail(l))
        if (term_head(l) == name) return true;
    return false;
}

static void note(fx *x, term erl)
{
    for (term l = x->seen; term_is_cons(l); l = term_tail(l))
        if (term_tuple_get(term_head(l), 0) == erl) return;
    x->seen = cons(x, pair(x, erl, erl_var_name(erl)), x->seen);
}

static term expr(fx *x, term f);
static term pat(fx *x, term f, bool head);
static term body(fx *x, term list);
static term guards(fx *x, term seq);

static term list_of(fx *x, term forms)
{
    if (!term_is_list(forms)) fail(x, "a malformed list of forms");
    term out = TERM_NIL;
    for (term l = forms; term_is_cons(l); l = term_tail(l)) out = cons(x, expr(x, term_head(l)), out);
    return rev(x, out);
}

/* ---- literals and data ---- */

static term chars_binary(fx *x, term chars, bool utf8)
{
    uint8_t buf[4096];
    size_t n = 0;
    for (term l = chars; term_is_cons(l); l = term_tail(l)) {
        term c = term_head(l);
        if (!term_is_small(c) || n + 4 > sizeof buf) fail(x, "a string in a binary");
        intptr_t v = term_small_value(c);
        if (utf8) {
            if (v < 0 || v > 0x10FFFF) fail(x, "a string in a binary");
            n += term_utf8_encode((int32_t)v, buf + n);
        } else {
            buf[n++] = (uint8_t)(v & 0xff);
        }
    }
    return keep(x, term_binary_new(buf, n));
}

static term spec_join(fx *x, term a, term b)
{
    if (a == TERM_NONE) return b;
    return call2(x, "-", a, b);
}

static term bin_elements(fx *x, term els, bool in_pat)
{
    term out = TERM_NIL;
    for (term l = els; term_is_cons(l); l = term_tail(l)) {
        term e = term_head(l);
        if (!is_form(e, "bin_element", 5)) fail(x, "a malformed binary element");
        term value = el(x, e, 2), size = el(x, e, 3), tsl = el(x, e, 4);
        bool utf8 = false;
        if (term_is_list(tsl))
            for (term t = tsl; term_is_cons(t); t = term_tail(t))
                if (term_head(t) == A("utf8")) utf8 = true;
        if (is_form(value, "string", 3) && size == A("default") && (tsl == A("default") || utf8)) {
            out = cons(x, chars_binary(x, el(x, value, 2), utf8), out);
            continue;
        }
        term v = in_pat ? pat(x, value, false) : expr(x, value);
        term spec = TERM_NONE;
        if (term_is_list(tsl)) {
            for (term t = tsl; term_is_cons(t); t = term_tail(t)) {
                term s = term_head(t);
                if (term_is_atom(s)) spec = spec_join(x, spec, evar(x, s));
                else if (is_form(s, "unit", 2)) spec = spec_join(x, spec, call1(x, "unit", el(x, s, 1)));
                else fail(x, "a binary type specifier");
            }
        } else if (tsl != A("default")) {
            fail(x, "a binary type specifier");
        }
        if (size != A("default")) {
            bool g = x->in_guard;
            term sz = expr(x, size);
            x->in_guard = g;
            spec = spec_join(x, spec, call1(x, "size", sz));
        }
        out = cons(x, spec == TERM_NONE ? v : call2(x, "::", v, spec), out);
    }
    return call(x, "<<>>", rev(x, out));
}

static term map_pairs(fx *x, term assocs, bool in_pat)
{
    term out = TERM_NIL;
    for (term l = assocs; term_is_cons(l); l = term_tail(l)) {
        term a = term_head(l);
        if (!is_form(a, "map_field_assoc", 4) && !is_form(a, "map_field_exact", 4)) fail(x, "a malformed map field");
        term kf = el(x, a, 2);
        term k = expr(x, kf);
        if (in_pat && is_form(kf, "var", 3)) k = call1(x, "^", k); /* a key in a pattern is a bound variable */
        term v = in_pat ? pat(x, el(x, a, 3), false) : expr(x, el(x, a, 3));
        out = cons(x, pair(x, k, v), out);
    }
    return rev(x, out);
}

/* [a, b | t] from {cons, _, H, T} */
static term cons_form(fx *x, term f, bool in_pat, bool head)
{
    term items = TERM_NIL;
    int n = 0;
    while (is_form(f, "cons", 4)) {
        if (++n > 1000000) fail(x, "a list this long");
        items = cons(x, in_pat ? pat(x, el(x, f, 2), head) : expr(x, el(x, f, 2)), items);
        f = el(x, f, 3);
    }
    term out = TERM_NIL;
    if (!is_form(f, "nil", 2)) {
        term t = in_pat ? pat(x, f, head) : expr(x, f);
        if (items == TERM_NIL) return t;
        out = list1(x, call2(x, "|", term_head(items), t));
        items = term_tail(items);
    }
    for (term l = items; term_is_cons(l); l = term_tail(l)) out = cons(x, term_head(l), out);
    return out;
}

static term tuple_ast(fx *x, term items)
{
    if (term_is_cons(items) && term_is_cons(term_tail(items)) && term_tail(term_tail(items)) == TERM_NIL)
        return pair(x, term_head(items), term_head(term_tail(items)));
    return call(x, "{}", items);
}

/* ---- patterns ---- */

static term pat(fx *x, term f, bool head)
{
    if (++x->depth > 2000) fail(x, "a pattern nested this deeply");
    term r;
    if (is_form(f, "var", 3)) {
        term name = el(x, f, 2);
        if (!term_is_atom(name)) fail(x, "a malformed variable");
        if (name == A("_")) r = evar(x, name);
        else {
            note(x, name);
            if (!head && bound(x, name)) r = call1(x, "^", evar(x, erl_var_name(name)));
            else {
                r = evar(x, erl_var_name(name));
                if (!bound(x, name)) x->bound = cons(x, name, x->bound);
            }
        }
    } else if (is_form(f, "match", 4)) {
        term a = pat(x, el(x, f, 2), head);
        r = call2(x, "=", a, pat(x, el(x, f, 3), head));
    } else if (is_form(f, "tuple", 3)) {
        term out = TERM_NIL;
        for (term l = el(x, f, 2); term_is_cons(l); l = term_tail(l)) out = cons(x, pat(x, term_head(l), head), out);
        r = tuple_ast(x, rev(x, out));
    } else if (is_form(f, "cons", 4)) {
        r = cons_form(x, f, true, head);
    } else if (is_form(f, "map", 3)) {
        r = call(x, "%{}", map_pairs(x, el(x, f, 2), true));
    } else if (is_form(f, "bin", 3)) {
        r = bin_elements(x, el(x, f, 2), true);
    } else if (is_form(f, "op", 4) && el(x, f, 2) == A("++") && is_form(el(x, f, 3), "string", 3)) {
        /* "abc" ++ T */
        term prefix = el(x, el(x, f, 3), 2);
        r = pat(x, el(x, f, 4), head);
        term items = rev(x, prefix);
        for (term l = items; term_is_cons(l); l = term_tail(l)) r = list1(x, call2(x, "|", term_head(l), r));
        if (!term_is_list(r)) fail(x, "a string prefix pattern");
    } else {
        r = expr(x, f); /* literals, negative numbers */
    }
    x->depth--;
    return r;
}

/* ---- clauses ---- */

/* {clause, _, Patterns, Guards, Body} as `pats when guard -> body`; with
 * wrap, the patterns become one tuple (for the case inside a fn). */
static term clause_ast(fx *x, term cl, bool head, bool wrap)
{
    if (!is_form(cl, "clause", 5)) fail(x, "a malformed clause");
    term saved = x->bound;
    term ps = TERM_NIL;
    if (!term_is_list(el(x, cl, 2))) fail(x, "a malformed clause");
    for (term l = el(x, cl, 2); term_is_cons(l); l = term_tail(l)) ps = cons(x, pat(x, term_head(l), head), ps);
    ps = rev(x, ps);
    if (wrap) ps = list1(x, call(x, "{}", ps));
    term g = el(x, cl, 3);
    if (g != TERM_NIL) {
        term gx = guards(x, g);
        term all = TERM_NIL;
        for (term l = ps; term_is_cons(l); l = term_tail(l)) all = cons(x, term_head(l), all);
        all = rev(x, cons(x, gx, all));
        ps = list1(x, call(x, "when", all));
    }
    term b = body(x, el(x, cl, 4));
    x->bound = saved;
    return call2(x, "->", ps, b);
}

static term clauses(fx *x, term cls, bool head)
{
    if (!term_is_list(cls)) fail(x, "a malformed clause list");
    term out = TERM_NIL;
    for (term l = cls; term_is_cons(l); l = term_tail(l)) out = cons(x, clause_ast(x, term_head(l), head, false), out);
    return rev(x, out);
}

static term body(fx *x, term list)
{
    if (!term_is_cons(list)) fail(x, "an empty body");
    term out = list_of(x, list);
    if (term_tail(out) == TERM_NIL) return term_head(out);
    return call(x, "__block__", out);
}

/* a guard sequence [[G1, G2], [G3]]: (G1 and G2) or G3 */
static term guards(fx *x, term seq)
{
    volatile term result = TERM_NONE;
    bool g = x->in_guard;
    x->in_guard = true;
    for (term l = seq; term_is_cons(l); l = term_tail(l)) {
        term conj = TERM_NONE;
        if (!term_is_list(term_head(l))) fail(x, "a malformed guard");
        for (term t = term_head(l); term_is_cons(t); t = term_tail(t)) {
            term e = expr(x, term_head(t));
            conj = conj == TERM_NONE ? e : call2(x, "and", conj, e);
        }
        if (conj == TERM_NONE) continue;
        result = result == TERM_NONE ? conj : call2(x, "or", result, conj);
    }
    x->in_guard = g;
    return result == TERM_NONE ? TERM_TRUE : result;
}

/* ---- expressions ---- */

typedef struct op_map {
    const char *erl, *ex;
    bool kernel; /* an operator of Elixir; otherwise a call of :erlang */
} op_map;

static const op_map binops[] = {
    {"+", "+", true}, {"-", "-", true}, {"*", "*", true}, {"/", "/", true}, {"div", "div", true},
    {"rem", "rem", true}, {"==", "==", true}, {"/=", "!=", true}, {"=:=", "===", true}, {"=/=", "!==", true},
    {"<", "<", true}, {">", ">", true}, {">=", ">=", true}, {"=<", "<=", true}, {"andalso", "and", true},
    {"orelse", "or", true}, {"++", "++", true}, {"--", "--", true}, {"!", "send", true},
    {"and", "and", false}, {"or", "or", false}, {"xor", "xor", false}, {"band", "band", false},
    {"bor", "bor", false}, {"bxor", "bxor", false}, {"bsl", "bsl", false}, {"bsr", "bsr", false},
    {NULL, NULL, false},
};

static term erlang_call(fx *x, term f, term args) { return rcall(x, A("erlang"), f, args); }

static term op_form(fx *x, term f)
{
    term op = el(x, f, 2);
    if (!term_is_atom(op)) fail(x, "a malformed operator");
    const char *s = term_atom_name(op);
    if (term_tuple_arity(f) == 4) {
        term a = expr(x, el(x, f, 3));
        if (strcmp(s, "-") == 0) return call1(x, "-", a);
        if (strcmp(s, "+") == 0) return call1(x, "+", a);
        if (strcmp(s, "not") == 0) return call1(x, "not", a);
        if (strcmp(s, "bnot") == 0) return erlang_call(x, op, list1(x, a));
        fail(x, "the operator %s", s);
    }
    term a = expr(x, el(x, f, 3)), b = expr(x, el(x, f, 4));
    for (const op_map *o = binops; o->erl; o++)
        if (strcmp(o->erl, s) == 0) {
            if (o->kernel) return call2(x, o->ex, a, b);
            return erlang_call(x, A(o->erl), list2(x, a, b));
        }
    fail(x, "the operator %s", s);
}

static term call_form(fx *x, term f)
{
    term callee = el(x, f, 2), args = list_of(x, el(x, f, 3));
    if (is_form(callee, "remote", 4)) {
        term m = el(x, callee, 2), fn = el(x, callee, 3);
        if (is_form(m, "atom", 3) && is_form(fn, "atom", 3)) return rcall(x, el(x, m, 2), el(x, fn, 2), args);
        /* each translated (and kept) before any is retained: a form that
         * fails to translate unwinds without a reference left behind */
        term me = expr(x, m), fe = expr(x, fn);
        return erlang_call(x, A("apply"),
                           keep(x, term_list_from_array((term[]){term_retain(me), term_retain(fe), term_retain(args)}, 3)));
    }
    if (is_form(callee, "atom", 3)) return erlang_call(x, el(x, callee, 2), args); /* a BIF, as erl_eval has it */
    return node3(x, node3(x, A("."), TERM_NIL, list1(x, expr(x, callee))), TERM_NIL, args);
}

static term try_form(fx *x, term f)
{
    term saved = x->bound;
    term kw = TERM_NIL;
    term b = body(x, el(x, f, 2));
    x->bound = saved;
    term after = el(x, f, 5);
    if (after != TERM_NIL) kw = cons(x, pair(x, A("after"), body(x, after)), kw);
    x->bound = saved;
    term catches = TERM_NIL;
    for (term l = el(x, f, 4); term_is_cons(l); l = term_tail(l)) {
        term cl = term_head(l);
        if (!is_form(cl, "clause", 5)) fail(x, "a malformed catch clause");
        term p = term_is_cons(el(x, cl, 2)) ? term_head(el(x, cl, 2)) : TERM_NONE;
        if (!is_form(p, "tuple", 3) || term_list_length(el(x, p, 2)) != 3) fail(x, "a malformed catch clause");
        term parts = el(x, p, 2);
        term class = pat(x, term_head(parts), false);
        term reason = pat(x, term_head(term_tail(parts)), false);
        term stack = term_head(term_tail(term_tail(parts)));
        term heads = list2(x, class, reason);
        if (el(x, cl, 3) != TERM_NIL) heads = list1(x, call(x, "when", cons(x, class, list2(x, reason, guards(x, el(x, cl, 3))))));
        term bl = list_of(x, el(x, cl, 4));
        if (!term_is_cons(bl)) fail(x, "an empty body");
        if (is_form(stack, "var", 3) && el(x, stack, 2) != A("_")) {
            note(x, el(x, stack, 2));
            bl = cons(x, call2(x, "=", evar(x, erl_var_name(el(x, stack, 2))), evar(x, A("__STACKTRACE__"))), bl);
        }
        catches = cons(x, call2(x, "->", heads, term_tail(bl) == TERM_NIL ? term_head(bl) : call(x, "__block__", bl)), catches);
        x->bound = saved;
    }
    if (catches != TERM_NIL) kw = cons(x, pair(x, A("catch"), rev(x, catches)), kw);
    if (el(x, f, 3) != TERM_NIL) kw = cons(x, pair(x, A("else"), clauses(x, el(x, f, 3), false)), kw);
    kw = cons(x, pair(x, A("do"), b), kw);
    x->bound = saved;
    return call1(x, "try", kw);
}

static term comprehension(fx *x, term f, bool binary)
{
    term saved = x->bound;
    term items = TERM_NIL;
    for (term l = el(x, f, 3); term_is_cons(l); l = term_tail(l)) {
        term q = term_head(l);
        if (is_form(q, "generate", 4)) {
            term coll = expr(x, el(x, q, 3));
            items = cons(x, call2(x, "<-", pat(x, el(x, q, 2), false), coll), items);
        } else if (is_form(q, "b_generate", 4)) {
            /* <<a::8, b::8 <- bin>>: the pattern's elements, the last one with the generator */
            term coll = expr(x, el(x, q, 3));
            term p = pat(x, el(x, q, 2), false);
            if (!ast_is_call(p, "<<>>", -1) || ast_args(p) == TERM_NIL) fail(x, "a malformed binary generator");
            term els = rev(x, ast_args(p));
            els = rev(x, cons(x, call2(x, "<-", term_head(els), coll), term_tail(els)));
            items = cons(x, call(x, "<<>>", els), items);
        } else {
            items = cons(x, expr(x, q), items);
        }
    }
    term e = expr(x, el(x, f, 2));
    term opts = kw1(x, "do", e);
    if (binary) opts = cons(x, pair(x, A("into"), keep(x, term_binary_new("", 0))), opts);
    items = cons(x, opts, items);
    x->bound = saved;
    return call(x, "for", rev(x, items));
}

static term fun_form(fx *x, term f)
{
    term what = el(x, f, 2);
    if (is_form(what, "clauses", 2)) {
        term saved = x->bound;
        term cls = clauses(x, el(x, what, 1), true);
        x->bound = saved;
        return call(x, "fn", cls);
    }
    if (is_form(what, "function", 4)) {
        term m = el(x, what, 1), fn = el(x, what, 2), a = el(x, what, 3);
        if (is_form(m, "atom", 3) && is_form(fn, "atom", 3) && is_form(a, "integer", 3))
            return call1(x, "&", call2(x, "/", rcall(x, el(x, m, 2), el(x, fn, 2), TERM_NIL), el(x, a, 2)));
        return erlang_call(x, A("make_fun"), cons(x, expr(x, m), list2(x, expr(x, fn), expr(x, a))));
    }
    if (is_form(what, "function", 3)) {
        term fn = el(x, what, 1), a = el(x, what, 2);
        if (!term_is_atom(fn) || !term_is_small(a)) fail(x, "a malformed fun");
        return call1(x, "&", call2(x, "/", rcall(x, A("erlang"), fn, TERM_NIL), a));
    }
    fail(x, "a fun of this form");
}

/* fun Name(...) -> ... Name(...) ... end: a fn that gets itself as its
 * first argument, and a fn of the fun's arity that passes it on:
 *   f = fn me, a1.. -> name = fn b1.. -> me.(me, b1..) end; case {a1..} do ... end end
 *   fn a1.. -> f.(f, a1..) end */
static term named_fun(fx *x, term f)
{
    term name = el(x, f, 2), cls = el(x, f, 3);
    if (!term_is_atom(name) || !term_is_cons(cls) || !is_form(term_head(cls), "clause", 5) ||
        !term_is_list(el(x, term_head(cls), 2)))
        fail(x, "a malformed named fun");
    intptr_t arity = term_list_length(el(x, term_head(cls), 2));
    if (arity < 0 || arity > 20) fail(x, "a named fun of this arity");
    int k = ++x->named;
    char buf[64];
    snprintf(buf, sizeof buf, "ciex@named%d", k);
    term fvar = evar(x, A(buf));
    snprintf(buf, sizeof buf, "ciex@me%d", k);
    term me = evar(x, A(buf));
    term as = TERM_NIL, bs = TERM_NIL;
    for (intptr_t i = arity; i-- > 0;) {
        snprintf(buf, sizeof buf, "ciex@a%d_%ld", k, (long)i);
        as = cons(x, evar(x, A(buf)), as);
        snprintf(buf, sizeof buf, "ciex@b%d_%ld", k, (long)i);
        bs = cons(x, evar(x, A(buf)), bs);
    }
    term saved = x->bound;
    note(x, name);
    x->bound = cons(x, name, x->bound);
    term out = TERM_NIL;
    for (term l = cls; term_is_cons(l); l = term_tail(l)) {
        term cl = term_head(l);
        if (!is_form(cl, "clause", 5) || term_list_length(el(x, cl, 2)) != arity) fail(x, "a malformed named fun");
        out = cons(x, clause_ast(x, cl, true, true), out);
    }
    x->bound = saved;
    term nomatch = call2(x, "->", list1(x, evar(x, A("_"))), erlang_call(x, A("error"), list1(x, A("function_clause"))));
    out = rev(x, cons(x, nomatch, out));
    term again = node3(x, node3(x, A("."), TERM_NIL, list1(x, me)), TERM_NIL, cons(x, me, bs));
    term self = call(x, "fn", list1(x, call2(x, "->", bs, again)));
    term inner = call(x, "__block__", list2(x, call2(x, "=", evar(x, erl_var_name(name)), self),
                                             call2(x, "case", call(x, "{}", as), kw1(x, "do", out))));
    term helper = call(x, "fn", list1(x, call2(x, "->", cons(x, me, as), inner)));
    term entry = call(x, "fn", list1(x, call2(x, "->", as, node3(x, node3(x, A("."), TERM_NIL, list1(x, fvar)), TERM_NIL,
                                                                   cons(x, fvar, as)))));
    return call(x, "__block__", list2(x, call2(x, "=", fvar, helper), entry));
}

static term map_update(fx *x, term f)
{
    term acc = expr(x, el(x, f, 2));
    for (term l = el(x, f, 3); term_is_cons(l); l = term_tail(l)) {
        term a = term_head(l);
        if (!is_form(a, "map_field_assoc", 4) && !is_form(a, "map_field_exact", 4)) fail(x, "a malformed map field");
        term k = expr(x, el(x, a, 2)), v = expr(x, el(x, a, 3));
        term fn = A(is_form(a, "map_field_exact", 4) ? "update" : "put");
        acc = rcall(x, A("maps"), fn, cons(x, k, list2(x, v, acc)));
    }
    return acc;
}

static term expr(fx *x, term f)
{
    if (++x->depth > 2000) fail(x, "an expression nested this deeply");
    if (!term_is_tuple(f) || term_tuple_arity(f) < 2 || !term_is_atom(term_tuple_get(f, 0)))
        fail(x, "a malformed abstract form");
    const char *tag = term_atom_name(term_tuple_get(f, 0));
    uint32_t n = term_tuple_arity(f);
    term r;
#define T(s, k) (strcmp(tag, s) == 0 && n == (k))
    if (T("atom", 3) || T("integer", 3) || T("char", 3) || T("float", 3)) {
        r = el(x, f, 2);
        if (T("atom", 3) ? !term_is_atom(r) : !term_is_number(r)) fail(x, "a malformed literal");
    } else if (T("string", 3)) {
        r = el(x, f, 2);
        if (!term_is_list(r)) fail(x, "a malformed string");
    } else if (T("nil", 2)) {
        r = TERM_NIL;
    } else if (T("cons", 4)) {
        r = cons_form(x, f, false, false);
    } else if (T("tuple", 3)) {
        r = tuple_ast(x, list_of(x, el(x, f, 2)));
    } else if (T("var", 3)) {
        term name = el(x, f, 2);
        if (!term_is_atom(name) || name == A("_")) fail(x, "a malformed variable");
        note(x, name);
        r = evar(x, erl_var_name(name));
    } else if (T("match", 4)) {
        term v = expr(x, el(x, f, 3));
        r = call2(x, "=", pat(x, el(x, f, 2), false), v);
    } else if (T("op", 4) || T("op", 5)) {
        r = op_form(x, f);
    } else if (T("call", 4)) {
        r = call_form(x, f);
    } else if (T("case", 4)) {
        term subject = expr(x, el(x, f, 2));
        r = call2(x, "case", subject, kw1(x, "do", clauses(x, el(x, f, 3), false)));
    } else if (T("receive", 3) || T("receive", 5)) {
        term kw = TERM_NIL;
        if (n == 5) {
            term saved = x->bound;
            term t = expr(x, el(x, f, 3));
            term b = body(x, el(x, f, 4));
            x->bound = saved;
            kw = kw1(x, "after", list1(x, call2(x, "->", list1(x, t), b)));
        }
        term cls = el(x, f, 2);
        if (cls != TERM_NIL) kw = cons(x, pair(x, A("do"), clauses(x, cls, false)), kw);
        else kw = cons(x, pair(x, A("do"), call(x, "__block__", TERM_NIL)), kw);
        r = call1(x, "receive", kw);
    } else if (T("if", 3)) {
        term out = TERM_NIL;
        for (term l = el(x, f, 2); term_is_cons(l); l = term_tail(l)) {
            term cl = term_head(l);
            if (!is_form(cl, "clause", 5)) fail(x, "a malformed if clause");
            term saved = x->bound;
            term g = guards(x, el(x, cl, 3));
            term b = body(x, el(x, cl, 4));
            x->bound = saved;
            out = cons(x, call2(x, "->", list1(x, g), b), out);
        }
        r = call1(x, "cond", kw1(x, "do", rev(x, out)));
    } else if (T("try", 6)) {
        r = try_form(x, f);
    } else if (T("catch", 3)) {
        /* catch E: a throw's value, {'EXIT', Reason} for the others */
        term v = expr(x, el(x, f, 2));
        term t = evar(x, A("ciex@caught"));
        term exit_c = call2(x, "->", list2(x, A("exit"), t), pair(x, A("EXIT"), t));
        term err_c = call2(x, "->", list2(x, A("error"), t),
                           pair(x, A("EXIT"), pair(x, t, evar(x, A("__STACKTRACE__")))));
        term throw_c = call2(x, "->", list2(x, A("throw"), t), t);
        r = call1(x, "try", list2(x, pair(x, A("do"), v),
                                 pair(x, A("catch"), cons(x, throw_c, list2(x, exit_c, err_c)))));
    } else if (T("block", 3)) {
        r = body(x, el(x, f, 2));
    } else if (T("fun", 3)) {
        r = fun_form(x, f);
    } else if (T("named_fun", 4)) {
        r = named_fun(x, f);
    } else if (T("map", 3)) {
        r = call(x, "%{}", map_pairs(x, el(x, f, 2), false));
    } else if (T("map", 4)) {
        r = map_update(x, f);
    } else if (T("bin", 3)) {
        r = bin_elements(x, el(x, f, 2), false);
    } else if (T("lc", 4)) {
        r = comprehension(x, f, false);
    } else if (T("bc", 4)) {
        r = comprehension(x, f, true);
    } else {
        fail(x, "the abstract form %s/%u", tag, n);
    }
#undef T
    x->depth--;
    return r;
}

/* ---- entry points ---- */

static void fx_init(fx *x, char *err, size_t errlen)
{
    memset(x, 0, sizeof *x);
    x->pool = TERM_NIL;
    x->bound = TERM_NIL;
    x->seen = TERM_NIL;
    x->err = err;
    x->errlen = errlen;
}

term erl_to_fn(term cls, term bound_names, term name, term env_var, char *err, size_t errlen)
{
    fx x;
    fx_init(&x, err, errlen);
    volatile term result = TERM_NONE;
    if (setjmp(x.fail) == 0) {
        if (!term_is_cons(cls)) fail(&x, "a fun without clauses");
        for (term l = bound_names; term_is_cons(l); l = term_tail(l)) {
            if (!term_is_atom(term_head(l))) fail(&x, "a malformed binding");
            x.bound = cons(&x, term_head(l), x.bound);
        }
        term outer = x.bound;
        term first = term_head(cls);
        if (!is_form(first, "clause", 5) || !term_is_list(el(&x, first, 2))) fail(&x, "a malformed clause");
        intptr_t arity = term_list_length(el(&x, first, 2));
        if (arity < 0 || arity > 20) fail(&x, "a fun of this arity");
        term params = TERM_NIL;
        for (intptr_t i = arity; i-- > 0;) {
            char pname[32];
            snprintf(pname, sizeof pname, "ciex@arg%ld", (long)i + 1);
            params = cons(&x, evar(&x, A(pname)), params);
        }
        term matched;
        if (name != TERM_NONE) {
            /* a named fun sent by itself: the recursive fn, applied */
            term nf = keep(&x, term_tuple_new(4));
            term_tuple_init(nf, 0, A("named_fun"));
            term_tuple_init(nf, 1, term_small(1));
            term_tuple_init(nf, 2, term_retain(name));
            term_tuple_init(nf, 3, term_retain(cls));
            matched = node3(&x, node3(&x, A("."), TERM_NIL, list1(&x, expr(&x, nf))), TERM_NIL, params);
        } else {
            term out = TERM_NIL;
            for (term l = cls; term_is_cons(l); l = term_tail(l)) {
                term cl = term_head(l);
                if (!is_form(cl, "clause", 5) || term_list_length(el(&x, cl, 2)) != arity)
                    fail(&x, "a malformed clause");
                out = cons(&x, clause_ast(&x, cl, true, true), out);
            }
            /* no clause matched: as erl_eval raises it */
            term nomatch = call2(&x, "->", list1(&x, evar(&x, A("_"))),
                                 erlang_call(&x, A("error"), list1(&x, A("function_clause"))));
            out = rev(&x, cons(&x, nomatch, out));
            matched = call2(&x, "case", call(&x, "{}", params), kw1(&x, "do", out));
        }
        /* the bindings the clauses read, from the env's binding map */
        term bs = evar(&x, A("ciex@bindings"));
        term stmts = list1(&x, matched);
        for (term l = outer; term_is_cons(l); l = term_tail(l)) {
            term erl = term_head(l);
            term get = rcall(&x, A("maps"), A("get"), list2(&x, erl, bs));
            stmts = cons(&x, call2(&x, "=", evar(&x, erl_var_name(erl)), get), stmts);
        }
        term env = evar(&x, env_var);
        stmts = cons(&x, call2(&x, "=", bs, erlang_call(&x, A("element"), list2(&x, term_small(2), env))), stmts);
        term fn_clause = call2(&x, "->", params, call(&x, "__block__", stmts));
        result = term_retain(call(&x, "fn", list1(&x, fn_clause)));
    }
    term_release(x.pool);
    return result;
}

term erl_to_block(term exprs, term bound_names, term *names, char *err, size_t errlen)
{
    fx x;
    fx_init(&x, err, errlen);
    volatile term result = TERM_NONE;
    *names = TERM_NONE;
    if (setjmp(x.fail) == 0) {
        if (!term_is_cons(exprs)) fail(&x, "no expressions");
        for (term l = bound_names; term_is_cons(l); l = term_tail(l)) {
            if (!term_is_atom(term_head(l))) fail(&x, "a malformed binding");
            x.bound = cons(&x, term_head(l), x.bound);
            note(&x, term_head(l));
        }
        term b = call(&x, "__block__", list_of(&x, exprs));
        result = term_retain(b);
        *names = term_retain(x.seen);
    }
    term_release(x.pool);
    return result;
}
