/* compile_macro.c - quote/unquote, user macros and the compile-time
 * environment (__ENV__, __CALLER__, __DIR__).
 *
 * `quote` builds Elixir's quoted form at run time: a part without
 * `unquote` is one literal (the parser's AST with quote's metadata: no
 * line, `context`/`imports` on calls of Kernel, the quote's context on
 * variables, `alias:` on aliases); the rest is built from the values of
 * the unquoted expressions.
 *
 * `defmacro name(args)` defines the function `MACRO-name` with the
 * caller's Macro.Env as its first parameter, as the BEAM's Elixir does.
 * A call of a macro of a required (or imported) module runs that function
 * while compiling, in a process of its own (nested in the scheduler: the
 * compiling process, if any, stays running), and compiles what it
 * returns.  A module compiled earlier in the same unit is loaded for its
 * macros at that point.
 *
 * Hygiene: a variable whose context is not nil (made by a quote) is a
 * different variable from the caller's of the same name (ast_var_name
 * gives it a name no source can write); var!/1,2 gives it back the
 * caller's context. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compiler.h"

/* ---- Kernel's imports: name -> bit set of arities (Elixir 1.14's
 * Kernel.__info__(:functions) ++ __info__(:macros)); quote writes them
 * in the metadata of a local call as `imports: [{arity, Kernel}, ...]` ---- */

static const struct {
    const char *name;
    uint32_t arities;
} kernel_imports[] = {
    {"!", 2}, {"!=", 4}, {"!==", 4}, {"&&", 4}, {"*", 4}, {"**", 4}, {"+", 6}, {"++", 4}, {"-", 6}, {"--", 4},
    {"..", 5}, {"..//", 8}, {"/", 4}, {"<", 4}, {"<=", 4}, {"<>", 4}, {"==", 4}, {"===", 4}, {"=~", 4}, {">", 4},
    {">=", 4}, {"@", 2}, {"abs", 2}, {"alias!", 2}, {"and", 4}, {"apply", 12}, {"binary_part", 8},
    {"binary_slice", 12}, {"binding", 3}, {"bit_size", 2}, {"byte_size", 2}, {"ceil", 2}, {"dbg", 7}, {"def", 6},
    {"defdelegate", 4}, {"defexception", 2}, {"defguard", 2}, {"defguardp", 2}, {"defimpl", 12}, {"defmacro", 6},
    {"defmacrop", 6}, {"defmodule", 4}, {"defoverridable", 2}, {"defp", 6}, {"defprotocol", 4}, {"defstruct", 2},
    {"destructure", 4}, {"div", 4}, {"elem", 4}, {"exit", 2}, {"floor", 2}, {"function_exported?", 8},
    {"get_and_update_in", 12}, {"get_in", 4}, {"hd", 2}, {"if", 4}, {"in", 4}, {"inspect", 6}, {"is_atom", 2},
    {"is_binary", 2}, {"is_bitstring", 2}, {"is_boolean", 2}, {"is_exception", 6}, {"is_float", 2},
    {"is_function", 6}, {"is_integer", 2}, {"is_list", 2}, {"is_map", 2}, {"is_map_key", 4}, {"is_nil", 2},
    {"is_number", 2}, {"is_pid", 2}, {"is_port", 2}, {"is_reference", 2}, {"is_struct", 6}, {"is_tuple", 2},
    {"length", 2}, {"macro_exported?", 8}, {"make_ref", 1}, {"map_size", 2}, {"match?", 4}, {"max", 4},
    {"min", 4}, {"node", 3}, {"not", 2}, {"or", 4}, {"pop_in", 6}, {"put_elem", 8}, {"put_in", 12},
    {"raise", 6}, {"rem", 4}, {"reraise", 12}, {"round", 2}, {"self", 1}, {"send", 4}, {"sigil_C", 4},
    {"sigil_D", 4}, {"sigil_N", 4}, {"sigil_R", 4}, {"sigil_S", 4}, {"sigil_T", 4}, {"sigil_U", 4},
    {"sigil_W", 4}, {"sigil_c", 4}, {"sigil_r", 4}, {"sigil_s", 4}, {"sigil_w", 4}, {"spawn", 10},
    {"spawn_link", 10}, {"spawn_monitor", 10}, {"struct", 6}, {"struct!", 6}, {"tap", 4}, {"then", 4},
    {"throw", 2}, {"tl", 2}, {"to_char_list", 2}, {"to_charlist", 2}, {"to_string", 2}, {"trunc", 2},
    {"tuple_size", 2}, {"unless", 4}, {"update_in", 12}, {"use", 6}, {"var!", 6}, {"|>", 4}, {"||", 4},
};

static uint32_t kernel_arities(term name)
{
    const char *s = term_atom_name(name);
    for (size_t i = 0; i < sizeof kernel_imports / sizeof *kernel_imports; i++)
        if (strcmp(kernel_imports[i].name, s) == 0) return kernel_imports[i].arities;
    return 0;
}

static term arg(term e, int i)
{
    term l = ast_args(e);
    while (i-- > 0 && term_is_cons(l)) l = term_tail(l);
    return term_is_cons(l) ? term_head(l) : TERM_NONE;
}

#define CALLER_VAR "macro caller"

/* ---- hygiene ---- */

term cc_hygienic_name(term name, term context)
{
    const char *s = term_atom_name(name);
    if (context == TERM_ATOM_NIL || s[0] == '_') return name;
    char buf[600];
    snprintf(buf, sizeof buf, "%.255s@%.255s", s, term_atom_name(context));
    term a;
    if (term_atom_new(buf, strlen(buf), &a) != TERM_OK) return name;
    return a;
}

bool cc_is_hygienic_name(term name) { return strchr(term_atom_name(name), '@') != NULL; }

term cc_hygienic_key(term name)
{
    const char *s = term_atom_name(name), *at = strchr(s, '@');
    term a;
    if (!at || term_atom_new(s, (size_t)(at - s), &a) != TERM_OK) return name;
    return term_tuple2(a, term_atom(at + 1));
}

/* var!(name) or var!(name, context) as the variable it names (held) */
term cc_var_bang(fn_state *fs, term e)
{
    term v = arg(e, 0), ctx = arg(e, 1);
    if (!ast_is_var(v)) cc_error(fs, "ArgumentError", "expected a variable to be given to var!");
    term c = TERM_ATOM_NIL;
    if (ctx != TERM_NONE) {
        if (term_is_atom(ctx)) c = ctx;
        else if (ast_is_call(ctx, "__aliases__", -1)) c = cc_expand_alias(fs, ctx);
    }
    return cc_hold(fs->c, term_tuple3(term_tuple_get(v, 0), term_retain(term_tuple_get(v, 1)), c));
}

/* ---- quote ---- */

typedef struct quote_ctx {
    fn_state *fs;
    term context;   /* atom: the variables' context */
    bool unquote;   /* false: unquote is left as it is */
    bool keep;      /* location: :keep */
    term line;      /* line: N, or TERM_NONE */
    term def_head;  /* the head of a def being quoted: its meta gets the context */
} quote_ctx;

static bool is_unquote(const quote_ctx *q, term e)
{
    return q->unquote && (ast_is_call(e, "unquote", 1) || ast_is_call(e, "unquote_splicing", 1));
}

static bool has_unquote(const quote_ctx *q, term e)
{
    if (term_is_cons(e)) {
        for (term l = e; term_is_cons(l); l = term_tail(l))
            if (has_unquote(q, term_head(l))) return true;
        return false;
    }
    if (!term_is_tuple(e)) return false;
    if (is_unquote(q, e)) return true;
    if (ast_is_call(e, "quote", -1)) return false; /* a nested quote keeps its unquotes */
    for (uint32_t i = 0; i < term_tuple_arity(e); i++)
        if (has_unquote(q, term_tuple_get(e, i))) return true;
    return false;
}

/* meta without :line (and :column); with location: :keep, keep: {file, line} first */
static term quote_meta(const quote_ctx *q, term meta)
{
    if (!term_is_list(meta)) return term_retain(meta);
    term items[64];
    uint32_t n = 0;
    term line = TERM_NONE;
    for (term l = meta; term_is_cons(l) && n < 63; l = term_tail(l)) {
        term kv = term_head(l);
        if (term_is_tuple(kv) && term_tuple_arity(kv) == 2 &&
            (term_tuple_get(kv, 0) == term_atom("line") || term_tuple_get(kv, 0) == term_atom("column"))) {
            if (term_tuple_get(kv, 0) == term_atom("line")) line = term_tuple_get(kv, 1);
            continue;
        }
        items[n++] = term_retain(kv);
    }
    term out = term_list_from_array(items, n);
    if (q->line != TERM_NONE) out = term_cons_new(term_tuple2(term_atom("line"), q->line), out);
    if (q->keep && line != TERM_NONE)
        out = term_cons_new(term_tuple2(term_atom("keep"), term_tuple2(term_retain(q->fs->c->file), line)), out);
    return out;
}

static term kw_prepend(term key, term value, term list) { return term_cons_new(term_tuple2(key, value), list); }

/* the metadata quote gives the node {head, meta, args} */
static term node_meta(const quote_ctx *q, term e)
{
    term head = term_tuple_get(e, 0), meta = term_tuple_get(e, 1), args = term_tuple_get(e, 2);
    term m = quote_meta(q, meta);
    if (!term_is_atom(head)) return m;
    if (head == term_atom("__aliases__") && term_is_cons(args) && term_is_atom(term_head(args)) &&
        term_head(args) != term_atom("Elixir")) {
        term first = term_head(args), full = TERM_FALSE;
        for (module_ctx *mc = q->fs->c->mod; mc && full == TERM_FALSE; mc = mc->parent)
            for (uint32_t i = 0; i < mc->naliases; i++)
                if (mc->aliases[i].short_name == first) {
                    full = mc->aliases[i].full;
                    mc->aliases[i].used = true; /* a quote expands the alias: it is used */
                }
        return kw_prepend(term_atom("alias"), full, m);
    }
    if (term_is_list(args)) {
        uint32_t n = (uint32_t)term_list_length(args);
        uint32_t set = kernel_arities(head);
        if (n < 32 && (set >> n) & 1) {
            term imports = TERM_NIL;
            for (int a = 31; a >= 0; a--)
                if ((set >> a) & 1)
                    imports = term_cons_new(term_tuple2(term_small(a), term_atom("Elixir.Kernel")), imports);
            m = kw_prepend(term_atom("imports"), imports, m);
            m = kw_prepend(term_atom("context"), q->context, m);
        }
    }
    return m;
}

static term quote_literal(const quote_ctx *q, term e);

/* def/defp/defmacro/defmacrop: Elixir's quote gives their head the context */
static void mark_def_head(quote_ctx *q, term e)
{
    term h = term_tuple_get(e, 0);
    if (!term_is_atom(h) || !term_is_cons(term_tuple_get(e, 2))) return;
    const char *s = term_atom_name(h);
    if (strcmp(s, "def") && strcmp(s, "defp") && strcmp(s, "defmacro") && strcmp(s, "defmacrop")) return;
    q->def_head = term_head(term_tuple_get(e, 2));
}

static term head_mark(const quote_ctx *q, term e, term meta)
{
    if (e != q->def_head || !term_is_list(meta)) return meta;
    return kw_prepend(term_atom("context"), q->context, meta);
}

static term quote_list(const quote_ctx *q, term l)
{
    if (!term_is_cons(l)) return term_retain(l);
    term items[256];
    uint32_t n = 0;
    term rest = l;
    for (; term_is_cons(rest) && n < 256; rest = term_tail(rest)) items[n++] = quote_literal(q, term_head(rest));
    term out = quote_list(q, rest);
    while (n-- > 0) out = term_cons_new(items[n], out);
    return out;
}

/* the quoted form of e, which has no unquote (owned) */
static term quote_literal(const quote_ctx *q, term e)
{
    if (term_is_cons(e)) return quote_list(q, e);
    if (!term_is_tuple(e)) return term_retain(e);
    if (term_tuple_arity(e) == 2)
        return term_tuple2(quote_literal(q, term_tuple_get(e, 0)), quote_literal(q, term_tuple_get(e, 1)));
    if (term_tuple_arity(e) != 3) return term_retain(e);
    term head = term_tuple_get(e, 0), args = term_tuple_get(e, 2);
    if (ast_is_var(e)) {
        term ctx = args == TERM_ATOM_NIL ? q->context : args;
        return term_tuple3(head, head_mark(q, e, quote_meta(q, term_tuple_get(e, 1))), ctx);
    }
    if (head == term_atom("@") && term_is_cons(args) && ast_is_var(term_head(args))) {
        /* @name: the name keeps the context in its metadata, as Elixir's quote does */
        term v = term_head(args);
        term inner = term_tuple3(term_tuple_get(v, 0),
                                 kw_prepend(term_atom("context"), q->context, quote_meta(q, term_tuple_get(v, 1))),
                                 term_tuple_get(v, 2) == TERM_ATOM_NIL ? q->context : term_tuple_get(v, 2));
        return term_tuple3(head, node_meta(q, e), term_cons_new(inner, TERM_NIL));
    }
    mark_def_head((quote_ctx *)q, e);
    return term_tuple3(quote_literal(q, head), head_mark(q, e, node_meta(q, e)), quote_literal(q, args));
}

static uint32_t quote_emit(const quote_ctx *q, term e);

/* a list, with unquote_splicing spliced in */
static uint32_t quote_emit_list(const quote_ctx *q, term l)
{
    fn_state *fs = q->fs;
    uint32_t n = 0;
    for (term x = l; term_is_cons(x); x = term_tail(x)) n++;
    term *elems = cc_scratch(fs->c, (n ? n : 1) * sizeof *elems);
    n = 0;
    term x = l;
    for (; term_is_cons(x); x = term_tail(x)) elems[n++] = term_head(x);
    uint32_t tail = cc_literal(fs, quote_literal(q, x));
    uint32_t *pending = cc_scratch(fs->c, (n ? n : 1) * sizeof *pending);
    uint32_t npending = 0;
    /* from the right: plain elements wait in `pending` (in reverse) */
    for (uint32_t i = n; i-- > 0;) {
        term el = elems[i];
        bool splice = q->unquote && ast_is_call(el, "unquote_splicing", 1);
        if (!splice) {
            pending[npending++] = quote_emit(q, el);
            continue;
        }
        if (npending) {
            uint32_t d = cc_alloc(fs);
            cc_emit(fs, OP_MAKE_LIST);
            cc_emit(fs, d);
            cc_emit(fs, npending);
            for (uint32_t k = npending; k-- > 0;) cc_emit(fs, pending[k]);
            cc_emit(fs, tail);
            tail = d, npending = 0;
        }
        uint32_t v = cc_expr(fs, arg(el, 0), CC_ANY);
        uint32_t d = cc_alloc(fs);
        cc_call_remote(fs, d, term_atom("erlang"), term_atom("++"), 2, (uint32_t[]){v, tail});
        tail = d;
    }
    if (!npending) return tail;
    uint32_t d = cc_alloc(fs);
    cc_emit(fs, OP_MAKE_LIST);
    cc_emit(fs, d);
    cc_emit(fs, npending);
    for (uint32_t k = npending; k-- > 0;) cc_emit(fs, pending[k]);
    cc_emit(fs, tail);
    return d;
}

static uint32_t quote_emit(const quote_ctx *q, term e)
{
    fn_state *fs = q->fs;
    if (!has_unquote(q, e)) return cc_literal(fs, quote_literal(q, e));
    if (term_is_cons(e)) return quote_emit_list(q, e);
    if (ast_is_call(e, "unquote", 1)) return cc_expr(fs, arg(e, 0), CC_ANY);
    if (ast_is_call(e, "unquote_splicing", 1)) {
        /* outside a list: the block of the spliced expressions */
        uint32_t v = cc_expr(fs, arg(e, 0), CC_ANY);
        uint32_t items[3] = {cc_literal(fs, term_atom("__block__")), cc_literal(fs, TERM_NIL), v};
        return cc_tuple_operand(fs, CC_ANY, 3, items);
    }
    if (term_tuple_arity(e) == 2) {
        uint32_t items[2] = {quote_emit(q, term_tuple_get(e, 0)), quote_emit(q, term_tuple_get(e, 1))};
        return cc_tuple_operand(fs, CC_ANY, 2, items);
    }
    term head = term_tuple_get(e, 0), args = term_tuple_get(e, 2);
    uint32_t items[3];
    items[0] = quote_emit(q, head);
    /* a call whose arguments are spliced has no arity known here: no imports */
    bool spliced = false;
    for (term l = args; term_is_cons(l); l = term_tail(l))
        if (ast_is_call(term_head(l), "unquote_splicing", 1)) spliced = true;
    mark_def_head((quote_ctx *)q, e);
    items[1] = cc_literal(fs, head_mark(q, e, spliced || !term_is_atom(head) ? quote_meta(q, term_tuple_get(e, 1)) : node_meta(q, e)));
    items[2] = quote_emit(q, args);
    return cc_tuple_operand(fs, CC_ANY, 3, items);
}

/* Mod.unquote(name)(args) parses as a call of Mod.unquote(name): the
 * unquote goes in the dot, as the function's name (owned) */
static term dot_unquote(term e)
{
    if (term_is_cons(e)) {
        term items[256];
        uint32_t n = 0;
        term l = e;
        for (; term_is_cons(l) && n < 256; l = term_tail(l)) items[n++] = dot_unquote(term_head(l));
        term out = dot_unquote(l);
        while (n-- > 0) out = term_cons_new(items[n], out);
        return out;
    }
    if (!term_is_tuple(e) || term_tuple_arity(e) < 2 || term_tuple_arity(e) > 3) return term_retain(e);
    if (term_tuple_arity(e) == 2) return term_tuple2(dot_unquote(term_tuple_get(e, 0)), dot_unquote(term_tuple_get(e, 1)));
    if (ast_is_call(e, "quote", -1)) return term_retain(e);
    term head = term_tuple_get(e, 0);
    if (term_is_tuple(head) && term_tuple_arity(head) == 3 && ast_is_call(term_tuple_get(head, 0), ".", 2) &&
        arg(term_tuple_get(head, 0), 1) == term_atom("unquote") && term_list_length(term_tuple_get(head, 2)) == 1) {
        term dot = term_tuple_get(head, 0);
        term unq = term_tuple3(term_atom("unquote"), term_retain(term_tuple_get(head, 1)), dot_unquote(term_tuple_get(head, 2)));
        term ndot = term_tuple3(term_atom("."), term_retain(term_tuple_get(dot, 1)),
                                term_cons_new(dot_unquote(arg(dot, 0)), term_cons_new(unq, TERM_NIL)));
        return term_tuple3(ndot, term_retain(term_tuple_get(e, 1)), dot_unquote(term_tuple_get(e, 2)));
    }
    return term_tuple3(dot_unquote(head), term_retain(term_tuple_get(e, 1)), dot_unquote(term_tuple_get(e, 2)));
}

/* quote(opts, do: body) / quote(do: body) */
static uint32_t compile_quote(fn_state *fs, term e)
{
    quote_ctx q = {fs, fs->c->mod->is_module ? fs->c->mod->name : term_atom("Elixir"), true, false, TERM_NONE, TERM_NONE};
    term body = TERM_NONE, bind = TERM_NONE;
    for (term a = ast_args(e); term_is_cons(a); a = term_tail(a)) {
        term kw = term_head(a);
        if (!term_is_list(kw)) cc_error(fs, "CompileError", "invalid arguments for quote");
        for (term l = kw; term_is_cons(l); l = term_tail(l)) {
            term kv = term_head(l);
            if (!term_is_tuple(kv) || term_tuple_arity(kv) != 2 || !term_is_atom(term_tuple_get(kv, 0))) continue;
            const char *k = term_atom_name(term_tuple_get(kv, 0));
            term v = term_tuple_get(kv, 1);
            if (strcmp(k, "do") == 0) body = v;
            else if (strcmp(k, "bind_quoted") == 0) bind = v;
            else if (strcmp(k, "unquote") == 0) q.unquote = v != TERM_FALSE;
            else if (strcmp(k, "location") == 0) q.keep = v == term_atom("keep");
            else if (strcmp(k, "line") == 0 && term_is_small(v)) q.line = v;
            else if (strcmp(k, "context") == 0)
                q.context = ast_is_call(v, "__aliases__", -1) ? cc_expand_alias(fs, v) : term_is_atom(v) ? v : q.context;
        }
    }
    if (body == TERM_NONE) cc_error(fs, "CompileError", "missing :do option in \"quote\"");
    if (q.unquote) body = cc_hold(fs->c, dot_unquote(body));
    if (bind == TERM_NONE) return quote_emit(&q, body);
    /* bind_quoted: [x: expr] is `x = unquote(expr)` before the body, which
     * sees no unquote */
    if (!term_is_list(bind)) cc_error(fs, "CompileError", "invalid :bind_quoted for quote");
    q.unquote = false;
    term stmts = TERM_NIL;
    uint32_t line = fs->line;
    for (term l = bind; term_is_cons(l); l = term_tail(l)) {
        term kv = term_head(l);
        if (!term_is_tuple(kv) || term_tuple_arity(kv) != 2 || !term_is_atom(term_tuple_get(kv, 0)))
            cc_error(fs, "CompileError", "invalid :bind_quoted for quote");
    }
    for (term l = bind; term_is_cons(l); l = term_tail(l)) {
        term kv = term_head(l);
        term var = term_tuple3(term_tuple_get(kv, 0), term_cons_new(term_tuple2(term_atom("line"), term_small(line)), TERM_NIL),
                               TERM_ATOM_NIL);
        term unq = term_tuple3(term_atom("unquote"), TERM_NIL, term_cons_new(term_retain(term_tuple_get(kv, 1)), TERM_NIL));
        stmts = term_cons_new(term_tuple3(term_atom("="), TERM_NIL, term_cons_new(var, term_cons_new(unq, TERM_NIL))), stmts);
    }
    cc_hold(fs->c, stmts); /* before anything that may fail */
    uint32_t nb = 0;
    for (term l = stmts; term_is_cons(l); l = term_tail(l)) nb++;
    uint32_t *ops = cc_scratch(fs->c, (nb + 1) * sizeof *ops);
    uint32_t i = nb;
    for (term l = stmts; term_is_cons(l); l = term_tail(l)) {
        /* the variable keeps its line, as Elixir's bind_quoted writes it */
        term st = term_head(l);
        term var = arg(st, 0);
        term qv = term_tuple3(term_tuple_get(var, 0), term_retain(term_tuple_get(var, 1)), q.context);
        uint32_t items[3] = {cc_literal(fs, term_atom("=")), cc_literal(fs, TERM_NIL), 0};
        uint32_t pair[2] = {cc_literal(fs, qv), cc_expr(fs, arg(arg(st, 1), 0), CC_ANY)};
        uint32_t al = cc_alloc(fs);
        cc_emit(fs, OP_MAKE_LIST);
        cc_emit(fs, al);
        cc_emit(fs, 2);
        cc_emit(fs, pair[0]);
        cc_emit(fs, pair[1]);
        cc_emit(fs, cc_literal(fs, TERM_NIL));
        items[2] = al;
        ops[--i] = cc_tuple_operand(fs, CC_ANY, 3, items);
    }
    ops[nb] = quote_emit(&q, body);
    uint32_t list = cc_alloc(fs);
    cc_emit(fs, OP_MAKE_LIST);
    cc_emit(fs, list);
    cc_emit(fs, nb + 1);
    for (uint32_t k = 0; k <= nb; k++) cc_emit(fs, ops[k]);
    cc_emit(fs, cc_literal(fs, TERM_NIL));
    uint32_t items[3] = {cc_literal(fs, term_atom("__block__")), cc_literal(fs, TERM_NIL), list};
    return cc_tuple_operand(fs, CC_ANY, 3, items);
}

/* ---- the environment ---- */

static term current_function(fn_state *fs)
{
    while (fs->is_lambda && fs->parent) fs = fs->parent;
    if (!fs->c->mod->is_module || !fs->code) return TERM_ATOM_NIL;
    const char *s = term_atom_name(fs->code->name);
    if (strncmp(s, "MACRO-", 6) == 0 && fs->code->arity > 0) /* a macro, as it was written */
        return term_tuple2(term_atom(s + 6), term_small(fs->code->arity - 1));
    return term_tuple2(fs->code->name, term_small(fs->code->arity));
}

static term module_list(term l, term acc)
{
    for (; term_is_cons(l); l = term_tail(l)) acc = term_cons_new(term_head(l), acc);
    return acc;
}

/* %Macro.Env{} of the code being compiled (owned) */
term cc_env(fn_state *fs)
{
    compiler *c = fs->c;
    term aliases = TERM_NIL, requires = TERM_NIL;
    for (module_ctx *m = c->mod; m; m = m->parent) {
        for (uint32_t i = m->naliases; i-- > 0;) {
            char buf[300];
            snprintf(buf, sizeof buf, "Elixir.%.280s", term_atom_name(m->aliases[i].short_name));
            aliases = term_cons_new(term_tuple2(term_atom(buf), m->aliases[i].full), aliases);
        }
        requires = module_list(m->requires, requires);
        requires = module_list(m->imports, requires);
    }
    requires = term_cons_new(term_atom("Elixir.Kernel"), requires);
    const char *keys[] = {"__struct__", "aliases", "context", "context_modules", "file", "function", "functions",
                          "lexical_tracker", "line", "macro_aliases", "macros", "module", "requires", "tracers",
                          "versioned_vars"};
    term vals[15] = {
        term_atom("Elixir.Macro.Env"), aliases, TERM_ATOM_NIL, TERM_NIL, term_retain(c->file), current_function(fs),
        TERM_NIL, TERM_ATOM_NIL, term_small(fs->line), TERM_NIL, TERM_NIL,
        c->mod->is_module ? c->mod->name : TERM_ATOM_NIL, requires, TERM_NIL, term_map_new(0),
    };
    term map = term_map_new(15);
    for (int i = 0; i < 15; i++) map = term_map_put(map, term_atom(keys[i]), vals[i]);
    return map;
}

/* the directory of the file being compiled, absolute, as __DIR__ */
static term current_dir(fn_state *fs)
{
    char path[4096], cwd[2048];
    term f = fs->c->file;
    snprintf(path, sizeof path, "%.*s", (int)term_binary_size(f), (const char *)term_binary_data(f));
    if (strcmp(path, "iex") == 0 || strcmp(path, "nofile") == 0 || path[0] != '/') {
        if (!getcwd(cwd, sizeof cwd)) return term_binary_from_cstr(".");
        if (strcmp(path, "iex") == 0 || strcmp(path, "nofile") == 0) return term_binary_from_cstr(cwd);
        char full[4096];
        snprintf(full, sizeof full, "%.2000s/%.2000s", cwd, path);
        memcpy(path, full, sizeof full);
    }
    char *slash = strrchr(path, '/');
    if (slash && slash != path) *slash = '\0';
    return term_binary_from_cstr(path);
}

/* ---- running a macro while compiling ---- */

typedef struct macro_watch {
    term pid;
    term reason; /* owned once it exited */
    vm_exit_observer prev;
    void *prev_ctx;
} macro_watch;

static void on_macro_exit(void *ctx, term pid, term reason)
{
    macro_watch *w = ctx;
    if (w->pid != TERM_NONE && term_exact_equal(pid, w->pid)) w->reason = term_retain(reason);
    else if (w->prev) w->prev(w->prev_ctx, pid, reason);
}

static bool macro_done(void *ctx) { return ((macro_watch *)ctx)->reason != TERM_NONE; }

/* Applies module.fun(args) to completion (:ciex_macro.run/3 in a process
 * of its own).  Returns {:ok, value} or {:error, kind, message} (owned). */
static term run_at_compile_time(fn_state *fs, term module, term fun, term args)
{
    vm_runtime *rt = fs->c->rt;
    vm_module *runner_mod = vm_get_module(rt, term_atom("ciex_macro"));
    const vm_function *runner = runner_mod ? vm_module_find(runner_mod, term_atom("run"), 3) : NULL;
    if (!runner) cc_error(fs, "CompileError", "macros are not available");
    macro_watch w = {TERM_NONE, TERM_NONE, NULL, NULL};
    vm_nested_run_begin(rt);
    vm_get_exit_observer(rt, &w.prev, &w.prev_ctx);
    vm_set_exit_observer(rt, on_macro_exit, &w);
    term a[3] = {module, fun, term_retain(args)};
    vm_process *p = vm_spawn_code(rt, runner->code, a, 3);
    w.pid = term_retain(vm_process_pid(p));
    vm_run(rt, macro_done, &w);
    vm_set_exit_observer(rt, w.prev, w.prev_ctx);
    vm_nested_run_end(rt);
    term_release(w.pid);
    if (w.reason == TERM_NONE) cc_error(fs, "CompileError", "a macro never returned");
    return cc_hold(fs->c, w.reason);
}

/* The module's macro MACRO-name/arity+1 is there to run (loading it from
 * this unit when it was compiled here). */
static bool macro_exported(fn_state *fs, term module, term mname, uint32_t arity, bool load)
{
    vm_runtime *rt = fs->c->rt;
    vm_module *m = vm_get_module(rt, module);
    const vm_function *f = m ? vm_module_find(m, mname, arity) : NULL;
    bool from_unit = false;
    for (term l = fs->c->unit_templates; term_is_cons(l); l = term_tail(l)) {
        const vm_module_template *t = vm_module_template_of(term_head(l));
        if (!t || t->name != module) continue;
        for (uint32_t i = 0; i < t->nfunctions; i++)
            if (t->functions[i].name == mname && t->functions[i].arity == arity && t->functions[i].exported) {
                from_unit = true;
                if (load && (!f || f->code != t->functions[i].code)) vm_load_template(rt, term_head(l));
            }
        break;
    }
    return from_unit || (f && f->exported);
}

static term macro_name(term name)
{
    char buf[300];
    snprintf(buf, sizeof buf, "MACRO-%.280s", term_atom_name(name));
    return term_atom(buf);
}

/* MACRO-name if some module may define it (the atom exists), else TERM_NONE:
 * looking for macros makes no atom for every call compiled */
static term existing_macro_name(term name)
{
    char buf[300];
    int n = snprintf(buf, sizeof buf, "MACRO-%.280s", term_atom_name(name));
    return term_atom_existing(buf, (size_t)n);
}

static bool is_valid_ast(term e, term *bad)
{
    switch (term_type_of(e)) {
    case TERM_T_SMALL: case TERM_T_BIGINT: case TERM_T_FLOAT: case TERM_T_BINARY: case TERM_T_ATOM: case TERM_T_NIL:
        return true;
    case TERM_T_CONS:
        for (term l = e; term_is_cons(l); l = term_tail(l)) {
            if (!is_valid_ast(term_head(l), bad)) return false;
            if (!term_is_list(term_tail(l))) return is_valid_ast(term_tail(l), bad);
        }
        return true;
    case TERM_T_TUPLE:
        if (term_tuple_arity(e) == 2) return is_valid_ast(term_tuple_get(e, 0), bad) && is_valid_ast(term_tuple_get(e, 1), bad);
        if (term_tuple_arity(e) == 3 && term_is_list(term_tuple_get(e, 1))) {
            term h = term_tuple_get(e, 0), a = term_tuple_get(e, 2);
            if (!term_is_atom(h) && !is_valid_ast(h, bad)) return false;
            if (term_is_atom(a)) return true;
            if (term_is_list(a)) return is_valid_ast(a, bad);
        }
        break;
    default:
        break;
    }
    *bad = e;
    return false;
}

/* The stack Elixir shows for an error while expanding a macro:
 * "\n    expanding macro: M.f/1\n    file:line: where" */
static void expanding_text(fn_state *fs, term module, term fun, uint32_t n, char *buf, size_t size)
{
    char mod[256], where[600];
    const fn_state *f = fs;
    while (f->is_lambda && f->parent) f = f->parent;
    if (!fs->c->mod->is_module) snprintf(where, sizeof where, "(file)");
    else if (f->code && f->code->name != term_atom("__FILE__"))
        snprintf(where, sizeof where, "%s.%s/%u", cc_module_text(fs->c->mod->name, mod, sizeof mod),
                 term_atom_name(f->code->name), f->code->arity);
    else snprintf(where, sizeof where, "(module)");
    term file = fs->c->file;
    snprintf(buf, size, "\n    expanding macro: %s.%s/%u\n    %.*s:%u: %s", cc_module_text(module, mod, sizeof mod),
             term_atom_name(fun), n, (int)term_binary_size(file), (const char *)term_binary_data(file), fs->line, where);
}

static _Noreturn __attribute__((noinline)) void invalid_ast(fn_state *fs, term bad, term module, term fun, uint32_t n)
{
    char text[400], stack[1200];
    expanding_text(fs, module, fun, n, stack, sizeof stack);
    term_inspect_opts o;
    term_inspect_opts_init(&o);
    size_t len;
    char *s = term_inspect(bad, &o, &len);
    snprintf(text, sizeof text, "%.*s", (int)len, s);
    free(s);
    fs->line = 0; /* Elixir names the file only */
    cc_error(fs, "CompileError",
             "invalid quoted expression: %s\n\nPlease make sure your quoted expressions are made of valid AST nodes. "
             "If you would like to introduce a value into the AST, such as a four-element tuple or a map, make sure "
             "to call Macro.escape/1 before%s",
             text, stack);
}

/* Runs module's macro fun on the argument ASTs; its result (held). */
term cc_expand_macro(fn_state *fs, term module, term fun, term args)
{
    uint32_t n = (uint32_t)term_list_length(args);
    macro_exported(fs, module, macro_name(fun), n + 1, true);
    term call_args = term_cons_new(cc_env(fs), term_retain(args));
    term r = run_at_compile_time(fs, module, macro_name(fun), call_args);
    term_release(call_args);
    if (term_is_tuple(r) && term_tuple_arity(r) == 2 && term_tuple_get(r, 0) == term_atom("ciex_macro_ok")) {
        term v = term_tuple_get(r, 1), bad;
        if (!is_valid_ast(v, &bad)) invalid_ast(fs, bad, module, fun, n);
        return v;
    }
    if (term_is_tuple(r) && term_tuple_arity(r) == 3 && term_tuple_get(r, 0) == term_atom("ciex_macro_error")) {
        term kind = term_tuple_get(r, 1), msg = term_tuple_get(r, 2);
        char stack[1200];
        expanding_text(fs, module, fun, n, stack, sizeof stack);
        cc_error(fs, term_atom_name(kind), "%.*s%s", (int)term_binary_size(msg), (const char *)term_binary_data(msg), stack);
    }
    cc_error(fs, "CompileError", "a macro failed");
}

/* Whether `module` was required (or imported) where fs compiles. */
static bool is_required(fn_state *fs, term module)
{
    for (module_ctx *m = fs->c->mod; m; m = m->parent) {
        if (m->is_module && m->name == module) return true;
        for (term l = m->requires; term_is_cons(l); l = term_tail(l))
            if (term_head(l) == module) return true;
        for (term l = m->imports; term_is_cons(l); l = term_tail(l))
            if (term_head(l) == module) return true;
    }
    return false;
}

static term alias_of(fn_state *fs, term e)
{
    if (term_is_atom(e)) return e;
    if (ast_is_call(e, "__aliases__", -1)) return cc_expand_alias(fs, e);
    if (ast_is_var(e) && term_tuple_get(e, 0) == term_atom("__MODULE__") && fs->c->mod->is_module) return fs->c->mod->name;
    return TERM_NONE;
}

typedef struct bif_probe {
    term module;
    bool found;
} bif_probe;

static void probe_bif(void *ctx, term module, term name, uint32_t arity)
{
    (void)name, (void)arity;
    bif_probe *p = ctx;
    if (module == p->module) p->found = true;
}

/* a module made of BIFs only (:erlang, :maps, ...) */
static bool has_bifs(vm_runtime *rt, term mod)
{
    bif_probe p = {mod, false};
    vm_each_bif(rt, probe_bif, &p);
    return p.found;
}

/* A module whose macros are asked for must be there: compiled earlier
 * (and, at the top level, loaded: its defmodule has not run yet) or loaded. */
static void check_loaded(fn_state *fs, term mod)
{
    char buf[256];
    compiler *c = fs->c;
    bool in_unit = false;
    for (term l = c->compiled; term_is_cons(l); l = term_tail(l))
        if (term_tuple_get(term_head(l), 0) == mod) in_unit = true;
    bool loaded = vm_get_module(c->rt, mod) != NULL;
    if (!in_unit && !loaded && !has_bifs(c->rt, mod))
        cc_error(fs, "CompileError", "module %s is not loaded and could not be found", cc_module_text(mod, buf, sizeof buf));
    /* at the top level a module of this unit is not defined yet, even if
     * the compiler loaded it for the macros of an earlier module */
    if (in_unit && !c->mod->is_module)
        cc_error(fs, "CompileError",
                 "module %s is not loaded but was defined. This happens when you depend on a module in the "
                 "same context in which it is defined. For example:\n\n    defmodule MyApp do\n      "
                 "defmodule Mod do\n      end\n\n      use Mod\n    end\n\nTry defining the module outside "
                 "the context that uses it:\n\n    defmodule MyApp.Mod do\n    end\n\n    defmodule MyApp "
                 "do\n      use MyApp.Mod\n    end\n\nIf the module is defined at the top-level and you are "
                 "trying to use it at the top-level, this is not supported by Elixir\n",
                 cc_module_text(mod, buf, sizeof buf));
}

/* a leading _: not offered by completion, no user variable */
#define SHELL_REQUIRE "_ciex require "

#define SHELL_IMPORT "_ciex import "

#define SHELL_ALIAS "_ciex alias "

void cc_shell_env_in(compiler *c, term name)
{
    const char *s = term_atom_name(name);
    size_t n = strlen(SHELL_REQUIRE), k = strlen(SHELL_IMPORT), a = strlen(SHELL_ALIAS);
    if (strncmp(s, SHELL_REQUIRE, n) == 0) c->mod->requires = term_cons_new(term_atom(s + n), c->mod->requires);
    if (strncmp(s, SHELL_IMPORT, k) == 0) c->mod->imports = term_cons_new(term_atom(s + k), c->mod->imports);
    const char *space;
    if (strncmp(s, SHELL_ALIAS, a) == 0 && (space = strchr(s + a, ' ')) != NULL) {
        /* "_ciex alias Short Elixir.Full" */
        module_ctx *m = c->mod;
        if (m->naliases == m->aliases_cap) {
            m->aliases_cap = m->aliases_cap ? m->aliases_cap * 2 : 8;
            m->aliases = ciex_xrealloc(m->aliases, m->aliases_cap * sizeof *m->aliases, "compiler");
        }
        char short_name[256];
        snprintf(short_name, sizeof short_name, "%.*s", (int)(space - (s + a)), s + a);
        m->aliases[m->naliases++] = (alias_entry){term_atom(short_name), term_atom(space + 1), 0, false};
    }
}

/* At the prompt, what require or import did lasts for the next inputs:
 * a binding name no source can write carries it (cc_shell_env_in). */
static void shell_env_out(fn_state *fs, const char *prefix, term mod)
{
    if (!fs->c->shell || fs->c->mod->is_module || fs->parent || fs->is_lambda) return;
    char name[300];
    snprintf(name, sizeof name, "%s%.250s", prefix, term_atom_name(mod));
    uint32_t r = cc_alloc(fs);
    cc_move(fs, r, cc_literal(fs, mod));
    cc_bind(fs, term_atom(name), r);
}

void cc_shell_import(fn_state *fs, term mod) { shell_env_out(fs, SHELL_IMPORT, mod); }

void cc_shell_alias(fn_state *fs, term short_name, term full)
{
    char both[600];
    snprintf(both, sizeof both, "%.250s %.250s", term_atom_name(short_name), term_atom_name(full));
    shell_env_out(fs, SHELL_ALIAS, term_atom(both));
}

void cc_require(fn_state *fs, term e)
{
    term mod = alias_of(fs, arg(e, 0));
    if (mod == TERM_NONE) cc_error(fs, "CompileError", "invalid argument for require, expected a compile time atom or alias");
    uint32_t saved_line = fs->line;
    if (cc_line_of(e)) fs->line = cc_line_of(e);
    check_loaded(fs, mod);
    fs->line = saved_line;
    module_ctx *m = fs->c->mod;
    shell_env_out(fs, SHELL_REQUIRE, mod);
    m->requires = term_cons_new(mod, m->requires);
    term opts = arg(e, 1), as;
    if (opts != TERM_NONE && term_is_list(opts) && (as = ast_kw_get(opts, "as")) != TERM_NONE &&
        ast_is_call(as, "__aliases__", 1)) {
        if (m->naliases == m->aliases_cap) {
            m->aliases_cap = m->aliases_cap ? m->aliases_cap * 2 : 8;
            m->aliases = ciex_xrealloc(m->aliases, m->aliases_cap * sizeof *m->aliases, "compiler");
        }
        m->aliases[m->naliases++] = (alias_entry){term_head(ast_args(as)), mod, 0, false};
    }
}

/* use Mod, opts at the top level or in a module: require Mod, then what
 * Mod.__using__(opts) returns; TERM_NONE when Mod has no __using__. */
term cc_use_expansion(fn_state *fs, term e)
{
    term mod = alias_of(fs, arg(e, 0));
    if (mod == TERM_NONE) return TERM_NONE;
    if (!macro_exported(fs, mod, macro_name(term_atom("__using__")), 2, false)) return TERM_NONE;
    module_ctx *m = fs->c->mod;
    m->requires = term_cons_new(mod, m->requires);
    term opts = arg(e, 1);
    term args = term_cons_new(opts == TERM_NONE ? TERM_NIL : term_retain(opts), TERM_NIL);
    cc_hold(fs->c, args);
    return cc_expand_macro(fs, mod, term_atom("__using__"), args);
}

/* defmacro name(args) [when guard], do: body  ->  def MACRO-name(__CALLER__, args) ... (held) */
term cc_macro_def(fn_state *fs, term e)
{
    term head = arg(e, 0), guard = TERM_NONE;
    if (ast_is_call(head, "when", 2)) {
        guard = arg(head, 1);
        head = arg(head, 0);
    }
    if (!term_is_tuple(head) || term_tuple_arity(head) != 3 || !term_is_atom(term_tuple_get(head, 0)))
        cc_error(fs, "CompileError", "invalid macro head");
    term params = term_is_list(term_tuple_get(head, 2)) ? term_tuple_get(head, 2) : TERM_NIL;
    /* no source can name it; __CALLER__ reads it (a name starting with _ would be ignored) */
    term caller = term_tuple3(term_atom(CALLER_VAR), TERM_NIL, TERM_ATOM_NIL);
    term nhead = term_tuple3(macro_name(term_tuple_get(head, 0)), term_retain(term_tuple_get(head, 1)),
                             term_cons_new(caller, term_retain(params)));
    if (guard != TERM_NONE)
        nhead = term_tuple3(term_atom("when"), TERM_NIL, term_cons_new(nhead, term_cons_new(term_retain(guard), TERM_NIL)));
    term rest = term_tail(ast_args(e));
    term def = term_tuple3(term_atom("def"), term_retain(term_tuple_get(e, 1)), term_cons_new(nhead, term_retain(rest)));
    return cc_hold(fs->c, def);
}

/* ---- the hook of compile_expr ---- */

/* operand v moved to dst if one is given, returned from the function in tail position */
static uint32_t finish(fn_state *fs, uint32_t v, uint32_t dst, bool tail)
{
    if (dst != CC_ANY && dst != v) cc_move(fs, dst, v), v = dst;
    if (!tail) return v;
    cc_emit(fs, OP_RET);
    cc_emit(fs, v);
    return CC_ANY;
}

/* A local call `name(args)` of a macro of an imported module: that module, or NONE. */
static term imported_macro(fn_state *fs, term name, uint32_t n)
{
    term mname = macro_name(name);
    for (module_ctx *m = fs->c->mod; m; m = m->parent)
        for (term l = m->imports; term_is_cons(l); l = term_tail(l))
            if (macro_exported(fs, term_head(l), mname, n + 1, false)) {
                cc_import_used(m, term_head(l)); /* no "unused import" warning */
                return term_head(l);
            }
    return TERM_NONE;
}

/* Expansions inside expansions: a macro that always expands to a call of
 * itself would go on until memory runs out (as on the BEAM); ciex stops. */
#define MAX_EXPANSION_DEPTH 1000

void cc_expansion_enter(fn_state *fs, term call)
{
    if (cc_line_of(call)) fs->line = cc_line_of(call);
    if (++fs->c->expansion_depth <= MAX_EXPANSION_DEPTH) return;
    term name = term_tuple_get(call, 0);
    if (ast_is_call(name, ".", 2)) name = arg(name, 1);
    term args = term_tuple_get(call, 2);
    cc_error(fs, "CompileError", "macro expansion nested more than %u levels deep (in %s/%u): a macro that expands to itself?",
             MAX_EXPANSION_DEPTH, term_is_atom(name) ? term_atom_name(name) : "?",
             term_is_list(args) ? (unsigned)term_list_length(args) : 0u);
}

void cc_expansion_leave(fn_state *fs) { fs->c->expansion_depth--; }

static uint32_t compile_expansion(fn_state *fs, term call, term expanded, uint32_t dst, bool tail)
{
    cc_expansion_enter(fs, call);
    uint32_t out = cc_expr_pos(fs, expanded, dst, tail);
    cc_expansion_leave(fs);
    return out;
}

/* ---- binding/0,1: the variables visible here ---- */

static int by_name(const void *a, const void *b)
{
    return strcmp(term_atom_name(*(const term *)a), term_atom_name(*(const term *)b));
}

/* binding(): [{name, value}] sorted by name, of the code's own variables
 * (context nil) bound so far */
static uint32_t compile_binding(fn_state *fs, term ctx)
{
    uint32_t cap = 64, n = 0;
    term *names = cc_scratch(fs->c, cap * sizeof *names);
    char suffix[300];
    snprintf(suffix, sizeof suffix, "@%.280s", ctx == TERM_ATOM_NIL ? "" : term_atom_name(ctx));
    size_t slen = strlen(suffix);
    for (fn_state *f = fs; f; f = f->is_lambda ? f->parent : NULL)
        for (scope *s = f->scope; s; s = s->parent)
            for (uint32_t i = 0; i < s->nvars; i++) {
                term name = s->vars[i].name;
                const char *str = term_atom_name(name);
                if (strchr(str, ' ')) continue; /* the compiler's own names */
                size_t len = strlen(str);
                bool ours = ctx == TERM_ATOM_NIL ? !strchr(str, '@')
                                                 : len > slen && strcmp(str + len - slen, suffix) == 0;
                if (!ours) continue;
                bool seen = false;
                for (uint32_t k = 0; k < n && !seen; k++) seen = names[k] == name;
                if (seen) continue;
                if (n == cap) {
                    names = cc_scratch_grow(fs->c, names, cap * sizeof *names, 2 * cap * sizeof *names);
                    cap *= 2;
                }
                names[n++] = name;
            }
    qsort(names, n, sizeof *names, by_name);
    uint32_t *items = cc_scratch(fs->c, (n ? n : 1) * sizeof *items);
    for (uint32_t k = 0; k < n; k++) {
        uint32_t op;
        cc_lookup(fs, names[k], &op);
        term shown = names[k];
        if (ctx != TERM_ATOM_NIL) {
            const char *str = term_atom_name(names[k]);
            term a;
            if (term_atom_new(str, strlen(str) - slen, &a) == TERM_OK) shown = a;
        }
        items[k] = cc_tuple_operand(fs, CC_ANY, 2, (uint32_t[]){cc_literal(fs, shown), op});
    }
    uint32_t d = cc_alloc(fs);
    cc_emit(fs, OP_MAKE_LIST);
    cc_emit(fs, d);
    cc_emit(fs, n);
    for (uint32_t k = 0; k < n; k++) cc_emit(fs, items[k]);
    cc_emit(fs, cc_literal(fs, TERM_NIL));
    return d;
}

/* Kernel.var!(...) written as a remote call: the local var!(...) (held),
 * or e itself. */
term cc_kernel_local_var(fn_state *fs, term e)
{
    if (!term_is_tuple(e) || term_tuple_arity(e) != 3) return e;
    term dot = term_tuple_get(e, 0);
    if (!ast_is_call(dot, ".", 2)) return e;
    term mod = term_head(ast_args(dot)), fun = term_head(term_tail(ast_args(dot)));
    if (fun != term_atom("var!") || !ast_is_call(mod, "__aliases__", 1) ||
        term_head(ast_args(mod)) != term_atom("Kernel"))
        return e;
    return cc_hold(fs->c, term_tuple3(fun, term_retain(term_tuple_get(e, 1)), term_retain(term_tuple_get(e, 2))));
}

bool cc_macro_form(fn_state *fs, term e, uint32_t dst, bool tail, uint32_t *out)
{
    e = cc_kernel_local_var(fs, e);
    term head = term_tuple_get(e, 0), args = term_tuple_get(e, 2);
    if (term_is_atom(head) && term_is_atom(args)) {
        /* a variable: only __ENV__, __DIR__ and __CALLER__ are ours, and
         * a quote's variable that is not bound (never a call, as Elixir has it) */
        uint32_t op;
        if (args != TERM_ATOM_NIL && term_atom_name(head)[0] != '_' && !cc_lookup(fs, ast_var_name(e), &op)) {
            /* a quote's variable that is not bound is a call, as Elixir has it */
            term call = cc_hold(fs->c, term_tuple3(head, term_retain(term_tuple_get(e, 1)), TERM_NIL));
            *out = cc_expr_pos(fs, call, dst, tail);
            return true;
        }
        if (term_atom_name(head)[0] != '_' || term_atom_name(head)[1] != '_') return false;
        term v;
        if (head == term_atom("__ENV__")) v = cc_env(fs);
        else if (head == term_atom("__DIR__")) v = current_dir(fs);
        else if (head == term_atom("__CALLER__")) {
            if (cc_lookup(fs, term_atom(CALLER_VAR), &op)) {
                *out = finish(fs, op, dst, tail);
                return true;
            }
            cc_error(fs, "CompileError", "__CALLER__ is available only inside defmacro and defmacrop");
        } else return false;
        *out = finish(fs, cc_literal(fs, v), dst, tail);
        return true;
    }
    if (!term_is_list(args)) return false;
    uint32_t n = (uint32_t)term_list_length(args);
    if (term_is_atom(head)) {
        const char *s = term_atom_name(head);
        term expanded = TERM_NONE;
        if (strcmp(s, "binding") == 0 && (n == 0 || (n == 1 && term_is_atom(term_head(args)))) &&
            !(fs->c->mod->is_module && cc_module_defines(fs->c->mod, head, n))) {
            *out = finish(fs, compile_binding(fs, n == 0 ? TERM_ATOM_NIL : term_head(args)), dst, tail);
            return true;
        }
        if (strcmp(s, "quote") == 0 && (n == 1 || n == 2)) {
            *out = finish(fs, compile_quote(fs, e), dst, tail);
            return true;
        }
        if ((strcmp(s, "unquote") == 0 || strcmp(s, "unquote_splicing") == 0) && n == 1)
            cc_error(fs, "CompileError", "%s called outside quote", s);
        if (strcmp(s, "var!") == 0 && (n == 1 || n == 2)) {
            term v = cc_var_bang(fs, e);
            uint32_t op;
            if (!cc_lookup(fs, ast_var_name(v), &op)) {
                char ctx[256], stack[1200];
                expanding_text(fs, term_atom("Elixir.Kernel"), head, n, stack, sizeof stack);
                term c = term_tuple_get(v, 2);
                if (c == TERM_ATOM_NIL)
                    cc_error(fs, "CompileError", "undefined variable \"%s\"%s", term_atom_name(term_tuple_get(v, 0)), stack);
                cc_error(fs, "CompileError", "undefined variable \"%s\" (context %s)%s", term_atom_name(term_tuple_get(v, 0)),
                         cc_module_text(c, ctx, sizeof ctx), stack);
            }
            *out = finish(fs, op, dst, tail);
            return true;
        }
        if (strcmp(s, "require") == 0 && (n == 1 || n == 2)) {
            cc_require(fs, e);
            *out = finish(fs, cc_literal(fs, alias_of(fs, arg(e, 0))), dst, tail);
            return true;
        }
        if (strcmp(s, "use") == 0 && (n == 1 || n == 2) && !fs->c->mod->is_module) {
            expanded = cc_use_expansion(fs, e);
            if (expanded == TERM_NONE) return false;
        } else if (strcmp(s, "defmacro") == 0 || strcmp(s, "defmacrop") == 0) {
            if (!fs->c->mod->is_module) cc_error(fs, "ArgumentError", "cannot invoke %s/%u outside module", s, n);
            return false;
        } else {
            expanded = cc_user_macro_expansion(fs, e);
            if (expanded == TERM_NONE) return false;
        }
        *out = compile_expansion(fs, e, expanded, dst, tail);
        return true;
    }
    term expanded = cc_user_macro_expansion(fs, e);
    if (expanded == TERM_NONE) return false;
    *out = compile_expansion(fs, e, expanded, dst, tail);
    return true;
}

term cc_user_macro_expansion(fn_state *fs, term e)
{
    if (!term_is_tuple(e) || term_tuple_arity(e) != 3) return TERM_NONE;
    term head = term_tuple_get(e, 0), args = term_tuple_get(e, 2);
    if (!term_is_list(args)) return TERM_NONE;
    uint32_t n = (uint32_t)term_list_length(args);
    if (term_is_atom(head)) {
        if (existing_macro_name(head) == TERM_NONE) return TERM_NONE;
        if (fs->c->mod->is_module && cc_module_defines(fs->c->mod, head, n)) return TERM_NONE;
        term mod = TERM_NONE;
        if (fs->c->mod->is_module && cc_module_defines(fs->c->mod, macro_name(head), n + 1))
            mod = cc_local_macro_module(fs, macro_name(head), n + 1);
        if (mod == TERM_NONE) mod = imported_macro(fs, head, n);
        if (mod == TERM_NONE) return TERM_NONE;
        return cc_expand_macro(fs, mod, head, args);
    }
    if (!ast_is_call(head, ".", 2)) return TERM_NONE;
    term left = arg(head, 0), right = arg(head, 1);
    if (!term_is_atom(right) || existing_macro_name(right) == TERM_NONE) return TERM_NONE;
    term mod = term_is_atom(left) ? left : ast_is_call(left, "__aliases__", -1) ? cc_expand_alias(fs, left) : TERM_NONE;
    if (mod == TERM_NONE) return TERM_NONE;
    if (!macro_exported(fs, mod, macro_name(right), n + 1, false)) return TERM_NONE;
    if (!is_required(fs, mod)) return TERM_NONE; /* a plain call: undefined at run time, as Elixir says */
    check_loaded(fs, mod);
    return cc_expand_macro(fs, mod, right, args);
}

/* ---- unquote fragments: `for ... do def unquote(name)() ... end` in a module's body ---- */

static bool has_def(term e)
{
    if (ast_is_call(e, "__block__", -1)) {
        for (term l = ast_args(e); term_is_cons(l); l = term_tail(l))
            if (has_def(term_head(l))) return true;
        return false;
    }
    return ast_is_call(e, "def", -1) || ast_is_call(e, "defp", -1) || ast_is_call(e, "defmacro", -1);
}

static bool mentions_unquote(term e)
{
    if (term_is_cons(e)) {
        for (term l = e; term_is_cons(l); l = term_tail(l))
            if (mentions_unquote(term_head(l))) return true;
        return false;
    }
    if (!term_is_tuple(e)) return false;
    if (ast_is_call(e, "unquote", 1)) return true;
    for (uint32_t i = 0; i < term_tuple_arity(e); i++)
        if (mentions_unquote(term_tuple_get(e, i))) return true;
    return false;
}

#define ATTRS_VAR "ciex module attributes"

/* e with @name read from the binding (:maps.get(:name, attrs)): the
 * comprehension runs outside the module (owned).  In a quoted body
 * (quoted = true) only the unquoted parts read them. */
static term attrs_from_binding(term e, bool quoted)
{
    if (term_is_cons(e)) {
        term items[256];
        uint32_t n = 0;
        term l = e;
        for (; term_is_cons(l) && n < 256; l = term_tail(l)) items[n++] = attrs_from_binding(term_head(l), quoted);
        term out = attrs_from_binding(l, quoted);
        while (n-- > 0) out = term_cons_new(items[n], out);
        return out;
    }
    if (!term_is_tuple(e) || term_tuple_arity(e) < 2 || term_tuple_arity(e) > 3) return term_retain(e);
    if (term_tuple_arity(e) == 2)
        return term_tuple2(attrs_from_binding(term_tuple_get(e, 0), quoted), attrs_from_binding(term_tuple_get(e, 1), quoted));
    if (!quoted && ast_is_call(e, "@", 1) && term_is_tuple(arg(e, 0)) && term_tuple_arity(arg(e, 0)) == 3 &&
        term_is_atom(term_tuple_get(arg(e, 0), 0))) {
        term get = term_tuple3(term_atom("."), TERM_NIL,
                               term_cons_new(term_atom("maps"), term_cons_new(term_atom("get"), TERM_NIL)));
        term var = term_tuple3(term_atom(ATTRS_VAR), TERM_NIL, TERM_ATOM_NIL);
        return term_tuple3(get, TERM_NIL, term_cons_new(term_tuple_get(arg(e, 0), 0), term_cons_new(var, TERM_NIL)));
    }
    if (quoted && ast_is_call(e, "unquote", 1))
        return term_tuple3(term_atom("unquote"), term_retain(term_tuple_get(e, 1)), attrs_from_binding(ast_args(e), false));
    return term_tuple3(attrs_from_binding(term_tuple_get(e, 0), quoted), term_retain(term_tuple_get(e, 1)),
                       attrs_from_binding(term_tuple_get(e, 2), quoted));
}

term cc_unquote_fragments(fn_state *fs, term e)
{
    if (!fs->c->mod->is_module || !ast_is_call(e, "for", -1)) return TERM_NONE;
    term args = ast_args(e), last = TERM_NONE;
    for (term l = args; term_is_cons(l); l = term_tail(l)) last = term_head(l);
    if (!term_is_list(last)) return TERM_NONE;
    term body = ast_kw_get(last, "do");
    if (body == TERM_NONE || !has_def(body) || !mentions_unquote(body)) return TERM_NONE;
    /* for gens..., do: quote(do: body) -- run now: a list of defs */
    term gens = TERM_NIL;
    uint32_t n = 0;
    term items[64];
    for (term l = args; term_is_cons(l) && term_tail(l) != TERM_NIL && n < 64; l = term_tail(l))
        items[n++] = attrs_from_binding(term_head(l), false);
    term quoted = term_tuple3(term_atom("quote"), TERM_NIL,
                              term_cons_new(term_cons_new(term_tuple2(term_atom("do"), attrs_from_binding(body, true)),
                                                          TERM_NIL), TERM_NIL));
    gens = term_cons_new(term_cons_new(term_tuple2(term_atom("do"), quoted), TERM_NIL), TERM_NIL);
    while (n-- > 0) gens = term_cons_new(items[n], gens);
    term for_ast = cc_hold(fs->c, term_tuple3(term_atom("for"), term_retain(term_tuple_get(e, 1)), gens));
    term attrs = term_is_map(fs->c->mod->attributes) ? term_retain(fs->c->mod->attributes) : term_map_new(0);
    term binding = term_cons_new(term_tuple2(term_atom(ATTRS_VAR), attrs), TERM_NIL);
    term call = cc_hold(fs->c, term_cons_new(term_retain(for_ast), term_cons_new(binding, TERM_NIL)));
    term r = run_at_compile_time(fs, term_atom("Elixir.Code"), term_atom("eval_quoted"), call);
    if (term_is_tuple(r) && term_tuple_arity(r) == 2 && term_tuple_get(r, 0) == term_atom("ciex_macro_ok") &&
        term_is_tuple(term_tuple_get(r, 1)) && term_tuple_arity(term_tuple_get(r, 1)) == 2)
        return term_tuple_get(term_tuple_get(r, 1), 0);
    if (term_is_tuple(r) && term_tuple_arity(r) == 3 && term_tuple_get(r, 0) == term_atom("ciex_macro_error")) {
        term kind = term_tuple_get(r, 1), msg = term_tuple_get(r, 2);
        cc_error(fs, term_atom_name(kind), "%.*s", (int)term_binary_size(msg), (const char *)term_binary_data(msg));
    }
    cc_error(fs, "CompileError", "the comprehension failed");
}

/* ---- defguard ---- */

/* the guard with each parameter `x` as unquote(x) (owned) */
static term unquote_params(term e, term params)
{
    if (term_is_cons(e)) {
        term items[256];
        uint32_t n = 0;
        term l = e;
        for (; term_is_cons(l) && n < 256; l = term_tail(l)) items[n++] = unquote_params(term_head(l), params);
        term out = unquote_params(l, params);
        while (n-- > 0) out = term_cons_new(items[n], out);
        return out;
    }
    if (!term_is_tuple(e)) return term_retain(e);
    if (term_tuple_arity(e) == 2)
        return term_tuple2(unquote_params(term_tuple_get(e, 0), params), unquote_params(term_tuple_get(e, 1), params));
    if (term_tuple_arity(e) != 3) return term_retain(e);
    if (ast_is_var(e))
        for (term l = params; term_is_cons(l); l = term_tail(l))
            if (ast_is_var(term_head(l)) && term_tuple_get(term_head(l), 0) == term_tuple_get(e, 0))
                return term_tuple3(term_atom("unquote"), TERM_NIL, term_cons_new(term_retain(e), TERM_NIL));
    return term_tuple3(unquote_params(term_tuple_get(e, 0), params), term_retain(term_tuple_get(e, 1)),
                       unquote_params(term_tuple_get(e, 2), params));
}

term cc_defguard(fn_state *fs, term e)
{
    term w = arg(e, 0);
    if (!ast_is_call(w, "when", 2))
        cc_error(fs, "ArgumentError", "invalid syntax in defguard %s, it must be used in the form defguard name(args) when guard", "");
    term head = arg(w, 0), guard = arg(w, 1);
    term params = term_tuple_get(head, 2);
    term quoted = term_tuple3(term_atom("quote"), TERM_NIL,
                              term_cons_new(term_cons_new(term_tuple2(term_atom("do"), unquote_params(guard, params)),
                                                          TERM_NIL), TERM_NIL));
    term kw = term_cons_new(term_tuple2(term_atom("do"), quoted), TERM_NIL);
    term def = term_tuple3(term_atom("defmacro"), term_retain(term_tuple_get(e, 1)),
                           term_cons_new(term_retain(head), term_cons_new(kw, TERM_NIL)));
    return cc_macro_def(fs, cc_hold(fs->c, def));
}
