/* compile_protocol.c - defprotocol, defimpl and @derive.
 *
 * Both are rewritten into defmodule forms, as Elixir's own macros do:
 *
 *   defprotocol P do def f(x, y) end
 *     -> defmodule P: f(x, y) dispatches to impl_for!(x).f(x, y), plus
 *        impl_for/1, impl_for!/1 and __protocol__/1
 *   defimpl P, for: T do ... end
 *     -> defmodule P.T (for: [A, B] defines P.A and P.B): __impl__/1 and
 *        the @protocol and @for attributes, then the body
 *
 * Dispatch looks the module P.T up when it is called
 * (:ciex.protocol_impl, src/vm/bif_protocol.c): protocols are not
 * consolidated, as in iex.  @derive runs Protocol.__derive__/2 (prelude)
 * when the struct's module is defined. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

static term arg(term e, int i)
{
    term l = ast_args(e);
    while (i-- > 0 && term_is_cons(l)) l = term_tail(l);
    return term_is_cons(l) ? term_head(l) : TERM_NONE;
}

/* The forms of a do-block as a new list (items retained). */
static term body_forms(term body)
{
    if (body == TERM_NONE) return TERM_NIL;
    if (!ast_is_call(body, "__block__", -1)) return term_cons_new(term_retain(body), TERM_NIL);
    return term_retain(ast_args(body));
}

/* Parses generated source into a list of forms (owned). */
static term parse_forms(fn_state *fs, const char *src, uint32_t line)
{
    term ast;
    lang_error perr;
    if (!lang_parse(src, strlen(src), (int)line, &ast, &perr)) cc_error(fs, "CompileError", "internal: %s", perr.message);
    term forms = body_forms(ast);
    term_release(ast);
    return forms;
}

/* Parses generated source, one form per line, every form at `line`
 * (the line of the defprotocol or defimpl that generates it). */
static term parse_lines(fn_state *fs, const char *src, uint32_t line)
{
    term items[1024];
    uint32_t n = 0;
    size_t len = strlen(src);
    char *buf = cc_scratch(fs->c, len + 1);
    memcpy(buf, src, len + 1);
    for (char *s = buf, *nl; *s; s = nl + 1) {
        nl = strchr(s, '\n');
        if (!nl) nl = s + strlen(s) - 1;
        else *nl = 0;
        if (!*s) continue;
        term forms = parse_forms(fs, s, line);
        for (term l = forms; term_is_cons(l) && n < 1024; l = term_tail(l)) items[n++] = term_retain(term_head(l));
        term_release(forms);
    }
    term out = TERM_NIL;
    while (n) out = term_cons_new(items[--n], out);
    return out;
}

/* a ++ b, consuming both */
static term append(term a, term b)
{
    term items[1024];
    uint32_t n = 0;
    for (term l = a; term_is_cons(l) && n < 1024; l = term_tail(l)) items[n++] = term_retain(term_head(l));
    term_release(a);
    while (n) b = term_cons_new(items[--n], b);
    return b;
}

/* {:defmodule, meta, [name, [do: {:__block__, [], forms}]]}, consuming
 * name and forms; held by the compiler until the compilation ends. */
static term defmodule_ast(fn_state *fs, term e, term name, term forms)
{
    term block = term_tuple3(term_atom("__block__"), TERM_NIL, forms);
    term kw = term_cons_new(term_tuple2(term_atom("do"), block), TERM_NIL);
    term args = term_cons_new(name, term_cons_new(kw, TERM_NIL));
    return cc_hold(fs->c, term_tuple3(term_atom("defmodule"), term_retain(term_tuple_get(e, 1)), args));
}

/* A module name as source text that needs no alias: :"Elixir.Foo" */
static void quoted_atom(char *buf, size_t n, term a)
{
    snprintf(buf, n, ":\"%s\"", term_atom_name(a));
}

typedef struct fn_arity {
    term name;
    uint32_t arity;
} fn_arity;

static int fn_arity_cmp(const void *x, const void *y)
{
    const fn_arity *a = x, *b = y;
    int c = strcmp(term_atom_name(a->name), term_atom_name(b->name));
    return c ? c : (a->arity > b->arity) - (a->arity < b->arity);
}

/* Appends to a growing scratch string. */
typedef struct text {
    fn_state *fs;
    char *s;
    size_t len, cap;
} text;

static void text_add(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void text_add(text *t, const char *fmt, ...)
{
    va_list ap;
    if (!t->s) {
        t->cap = 256;
        t->s = cc_scratch(t->fs->c, t->cap);
    }
    for (;;) {
        va_start(ap, fmt);
        int n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
        va_end(ap);
        if (n >= 0 && (size_t)n < t->cap - t->len) {
            t->len += (size_t)n;
            return;
        }
        size_t cap = t->cap * 2 + (size_t)(n > 0 ? n : 0) + 256;
        t->s = cc_scratch_grow(t->fs->c, t->s, t->cap, cap);
        t->cap = cap;
    }
}

static void text_args(text *t, uint32_t arity)
{
    for (uint32_t i = 0; i < arity; i++) text_add(t, "%sarg%u", i ? ", " : "", i);
}

/* Compiles `raise ArgumentError, message`: errors Elixir raises while
 * expanding these macros print, as there, without a location. */
static uint32_t raise_argument_error(fn_state *fs, const char *message, uint32_t line, uint32_t dst)
{
    text t = {fs, NULL, 0, 0};
    text_add(&t, "raise ArgumentError, \"%s\"\n", message);
    term forms = cc_hold(fs->c, parse_lines(fs, t.s, line));
    return cc_expr(fs, term_head(forms), dst);
}

/* The dispatching def (parsed, borrowed) with the default arguments of
 * the protocol's head (`def name(x, lang \\\\ :en)`), owned: the shorter
 * arities then call it as for any def. */
static term with_defaults(term def, term user_params)
{
    bool any = false;
    for (term l = user_params; term_is_cons(l); l = term_tail(l)) any |= ast_is_call(term_head(l), "\\\\", 2);
    if (!any) return term_retain(def);
    term head = arg(def, 0);
    term items[255];
    uint32_t n = 0;
    term u = user_params;
    for (term l = term_tuple_get(head, 2); term_is_cons(l) && n < 255; l = term_tail(l), u = term_tail(u)) {
        term p = term_retain(term_head(l));
        if (ast_is_call(term_head(u), "\\\\", 2))
            p = term_tuple3(term_atom("\\\\"), TERM_NIL,
                            term_cons_new(p, term_cons_new(term_retain(arg(term_head(u), 1)), TERM_NIL)));
        items[n++] = p;
    }
    term params = TERM_NIL;
    while (n) params = term_cons_new(items[--n], params);
    term new_head = term_tuple3(term_tuple_get(head, 0), term_retain(term_tuple_get(head, 1)), params);
    term args = term_cons_new(new_head, term_retain(term_tail(ast_args(def))));
    return term_tuple3(term_atom("def"), term_retain(term_tuple_get(def, 1)), args);
}

/* defprotocol Name do ... end */
uint32_t cc_defprotocol(fn_state *fs, term e, uint32_t dst)
{
    term body = ast_kw_get(arg(e, 1), "do");
    if (body == TERM_NONE) cc_error(fs, "CompileError", "missing do block in defprotocol");
    uint32_t line = cc_line_of(e);
    /* what Elixir rejects, before anything is built (cc_error unwinds) */
    term all = ast_is_call(body, "__block__", -1) ? ast_args(body) : TERM_NONE;
    for (term l = all == TERM_NONE ? body : all; l != TERM_NIL; l = all == TERM_NONE ? TERM_NIL : term_tail(l)) {
        term f = all == TERM_NONE ? l : term_head(l);
        if (ast_is_call(f, "def", 2)) {
            fs->line = cc_line_of(f);
            cc_error(fs, "CompileError", "undefined function def/2 (there is no such import)");
        }
        if (!ast_is_call(f, "def", 1)) continue;
        term head = arg(f, 0);
        if (!term_is_tuple(head) || term_tuple_arity(head) != 3 || !term_is_atom(term_tuple_get(head, 0)))
            cc_error(fs, "CompileError", "invalid function head in defprotocol");
        if (!term_is_list(term_tuple_get(head, 2)) || term_tuple_get(head, 2) == TERM_NIL)
            return raise_argument_error(fs, "protocol functions expect at least one argument", line, dst);
        if (all != TERM_NONE && term_list_length(all) > 256) cc_error(fs, "CompileError", "too many functions in defprotocol");
    }
    term forms = body_forms(body);
    fn_arity funs[256];
    uint32_t nfuns = 0;
    bool fallback = false;
    term out = TERM_NIL; /* reversed */
    for (term l = forms; term_is_cons(l); l = term_tail(l)) {
        term f = term_head(l);
        if (ast_is_call(f, "@", 1) && ast_is_call(arg(f, 0), "fallback_to_any", 1)) {
            term v = arg(arg(f, 0), 0);
            fallback = v == TERM_TRUE;
        }
        if (!ast_is_call(f, "def", 1)) {
            out = term_cons_new(term_retain(f), out);
            continue;
        }
        /* a bodiless head (checked above): the dispatching function */
        term head = arg(f, 0);
        term name = term_tuple_get(head, 0);
        term params = term_tuple_get(head, 2);
        uint32_t arity = (uint32_t)term_list_length(params);
        funs[nfuns++] = (fn_arity){name, arity};
        text t = {fs, NULL, 0, 0};
        text_add(&t, "def %s(", term_atom_name(name));
        text_args(&t, arity);
        text_add(&t, "), do: (impl = impl_for!(arg0); impl.%s(", term_atom_name(name));
        text_args(&t, arity);
        text_add(&t, "))\n");
        term def = parse_forms(fs, t.s, cc_line_of(f));
        out = term_cons_new(with_defaults(term_head(def), params), out);
        term_release(def);
    }
    term_release(forms);
    qsort(funs, nfuns, sizeof *funs, fn_arity_cmp);
    text t = {fs, NULL, 0, 0};
    const char *fb = fallback ? "true" : "false";
    /* an implementation's target is itself, or Any's for a derived one;
     * one line each: they all stand at the defprotocol's line */
    text_add(&t, "def impl_for(data) do case :ciex.protocol_impl(__MODULE__, data, %s) do "
                 "nil -> nil; impl -> impl.__impl__(:target) end end\n", fb);
    text_add(&t, "def impl_for!(data) do case :ciex.protocol_impl(__MODULE__, data, %s) do "
                 "nil -> :erlang.error(Protocol.UndefinedError.exception(protocol: __MODULE__, value: data)); "
                 "impl -> impl.__impl__(:target) end end\n", fb);
    text_add(&t, "def __protocol__(:module), do: __MODULE__\n");
    text_add(&t, "def __protocol__(:functions), do: [");
    for (uint32_t i = 0; i < nfuns; i++) text_add(&t, "%s{:\"%s\", %u}", i ? ", " : "", term_atom_name(funs[i].name), funs[i].arity);
    text_add(&t, "]\n");
    text_add(&t, "def __protocol__(:consolidated?), do: false\n");
    text_add(&t, "def __protocol__(:impls), do: :not_consolidated\n");
    term tail = parse_lines(fs, t.s, line);
    term rev = TERM_NIL;
    for (term l = out; term_is_cons(l); l = term_tail(l)) rev = term_cons_new(term_retain(term_head(l)), rev);
    term_release(out);
    term mod = defmodule_ast(fs, e, term_retain(arg(e, 0)), append(rev, tail));
    return cc_expr(fs, mod, dst);
}

/* The module a `for:` target names. */
static term impl_target(fn_state *fs, term t)
{
    if (term_is_atom(t)) return t;
    if (ast_is_call(t, "__aliases__", -1)) return cc_expand_alias(fs, t);
    if (ast_is_call(t, "__MODULE__", -1) || (term_is_tuple(t) && term_tuple_arity(t) == 3 &&
                                              term_tuple_get(t, 0) == term_atom("__MODULE__"))) {
        if (fs->c->mod->is_module) return fs->c->mod->name;
    }
    cc_error(fs, "ArgumentError", "defimpl expects a module or a list of modules as the :for option");
}

/* Module.concat(protocol, target) */
static term concat_name(term protocol, term target)
{
    const char *p = term_atom_name(protocol), *t = term_atom_name(target);
    if (strncmp(t, "Elixir.", 7) == 0) t += 7;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s%s.%s", strncmp(p, "Elixir.", 7) == 0 ? "" : "Elixir.", p, t);
    return term_atom(buf);
}

/* The {name, arity} pairs a defimpl body defines (with the shorter
 * arities of default arguments), as source text: {:"f", 1}, ... */
static void defined_functions(text *t, term forms)
{
    bool first = true;
    for (term l = forms; term_is_cons(l); l = term_tail(l)) {
        term f = term_head(l);
        if (!ast_is_call(f, "def", 2)) continue;
        term head = arg(f, 0);
        if (ast_is_call(head, "when", 2)) head = arg(head, 0);
        if (!term_is_tuple(head) || term_tuple_arity(head) != 3 || !term_is_atom(term_tuple_get(head, 0))) continue;
        term params = term_tuple_get(head, 2);
        uint32_t n = 0, defaults = 0;
        for (term p = term_is_list(params) ? params : TERM_NIL; term_is_cons(p); p = term_tail(p), n++)
            if (ast_is_call(term_head(p), "\\\\", 2)) defaults++;
        for (uint32_t a = n - defaults; a <= n; a++) {
            text_add(t, "%s{:\"%s\", %u}", first ? "" : ", ", term_atom_name(term_tuple_get(head, 0)), a);
            first = false;
        }
    }
}

/* A binary's bytes as an Elixir string literal's */
static void string_literal(text *t, term bin)
{
    text_add(t, "\"");
    const char *s = term_is_binary(bin) ? (const char *)term_binary_data(bin) : "";
    size_t n = term_is_binary(bin) ? term_binary_size(bin) : 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' || s[i] == '\\' || s[i] == '#') text_add(t, "\\%c", s[i]);
        else if (s[i] == '\n') text_add(t, "\\n");
        else text_add(t, "%c", s[i]);
    }
    text_add(t, "\"");
}

static term impl_module(fn_state *fs, term e, term protocol, term target, term body)
{
    term name = concat_name(protocol, target);
    char p[512], tg[512], n[512];
    quoted_atom(p, sizeof p, protocol);
    quoted_atom(tg, sizeof tg, target);
    quoted_atom(n, sizeof n, name);
    text t = {fs, NULL, 0, 0};
    text_add(&t, "@protocol %s\n@for %s\n", p, tg);
    text_add(&t, "def __impl__(:for), do: %s\ndef __impl__(:target), do: %s\ndef __impl__(:protocol), do: %s\n", tg, n, p);
    term user = body_forms(body);
    /* then, a warning for each function of the protocol it lacks */
    text c = {fs, NULL, 0, 0};
    text_add(&c, "Protocol.__check_impl__(%s, %s, [", p, n);
    defined_functions(&c, user);
    text_add(&c, "], ");
    string_literal(&c, fs->c->file);
    text_add(&c, ", %u)\n", cc_line_of(e));
    term forms = append(parse_lines(fs, t.s, cc_line_of(e)), append(user, parse_lines(fs, c.s, cc_line_of(e))));
    return defmodule_ast(fs, e, name, forms);
}

/* defimpl P, for: T do ... end; defimpl P do ... end inside T's defmodule */
uint32_t cc_defimpl(fn_state *fs, term e, uint32_t dst)
{
    term proto_ast = arg(e, 0);
    term kw1 = arg(e, 1), kw2 = arg(e, 2);
    term target = ast_kw_get(kw1, "for"), body = ast_kw_get(kw1, "do");
    if (kw2 != TERM_NONE) {
        if (target == TERM_NONE) target = ast_kw_get(kw2, "for");
        if (body == TERM_NONE) body = ast_kw_get(kw2, "do");
    }
    if (body == TERM_NONE) cc_error(fs, "CompileError", "missing do block in defimpl");
    uint32_t d = dst == CC_ANY ? cc_alloc(fs) : dst;
    term protocol = term_is_atom(proto_ast) ? proto_ast
                    : ast_is_call(proto_ast, "__aliases__", -1) ? cc_expand_alias(fs, proto_ast)
                    : TERM_NONE;
    if (protocol == TERM_NONE) cc_error(fs, "ArgumentError", "defimpl expects a protocol module as its first argument");
    /* the protocol must exist when the implementation is defined */
    cc_call_remote(fs, d, term_atom("Elixir.Protocol"), term_atom("assert_protocol!"), 1,
                   (uint32_t[]){cc_literal(fs, protocol)});
    if (target == TERM_NONE) {
        if (!fs->c->mod->is_module)
            return raise_argument_error(fs, "defimpl/3 expects a :for option when declared outside a module",
                                        cc_line_of(e), d);
        return cc_expr(fs, impl_module(fs, e, protocol, fs->c->mod->name, body), d);
    }
    if (!term_is_list(target)) return cc_expr(fs, impl_module(fs, e, protocol, impl_target(fs, target), body), d);
    /* for: [A, B]: the list of what each defmodule returns */
    for (term l = target; term_is_cons(l); l = term_tail(l)) impl_target(fs, term_head(l)); /* may fail: first */
    term items[256];
    uint32_t n = 0;
    for (term l = target; term_is_cons(l) && n < 256; l = term_tail(l))
        items[n++] = term_retain(impl_module(fs, e, protocol, impl_target(fs, term_head(l)), body));
    term list = TERM_NIL;
    while (n) list = term_cons_new(items[--n], list);
    return cc_expr(fs, cc_hold(fs->c, list), d);
}

/* @derive protocols inside a defmodule: Protocol.__derive__(protocols,
 * __MODULE__) runs where the attribute stands. */
void cc_derive(fn_state *fs, term value)
{
    term dot = term_tuple3(term_atom("."), TERM_NIL,
                           term_cons_new(term_atom("Elixir.Protocol"), term_cons_new(term_atom("__derive__"), TERM_NIL)));
    term call = term_tuple3(dot, TERM_NIL,
                            term_cons_new(term_retain(value), term_cons_new(fs->c->mod->name, TERM_NIL)));
    cc_expr(fs, cc_hold(fs->c, call), CC_ANY);
}
