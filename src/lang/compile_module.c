/* compile_module.c - defmodule: functions, attributes, structs,
 * exceptions and `use` of the OTP behaviours.
 *
 * A module body is walked once to learn every function it defines (so
 * local calls resolve whatever their order), its attributes, struct and
 * nested modules; then each function's clauses compile into one vm_code.
 * The result is a module template that OP_DEFINE_MODULE loads when the
 * defmodule expression runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

typedef struct fn_group {
    term name;
    uint32_t arity;
    bool private;
    term clauses; /* list of {head_args, guard, body, attributes, line} in order, reversed while collecting */
    uint32_t line;
    bool overridable; /* defoverridable: the next def of it replaces these clauses */
    bool called;  /* reachable from a public function (for the unused-function warning) */
    uint32_t pos; /* the body form of its first clause (module_ctx.pos) */
} fn_group;

typedef struct module_build {
    fn_group *groups;
    uint32_t ngroups, cap;
    term struct_fields; /* list of {k, v} or TERM_NONE */
    bool exception;
    term uses;          /* list of behaviour module atoms */
    term last;          /* {name, arity} of the last def */
    vm_function *functions; /* compiled so far, when compiling the groups */
    bool has_macros;    /* defmacro: loaded while compiling when a macro is called */
    uint32_t doc_line;  /* a pending @doc (not @doc false), for the next def */
    uint32_t *calls;    /* local calls, pairs of group indexes caller, callee (scratch memory) */
    uint32_t ncalls, calls_cap;
} module_build;

static term arg(term e, int i)
{
    term l = ast_args(e);
    while (i-- > 0 && term_is_cons(l)) l = term_tail(l);
    return term_is_cons(l) ? term_head(l) : TERM_NONE;
}

static fn_group *group_for(module_build *b, term name, uint32_t arity, bool private, uint32_t line, uint32_t pos)
{
    for (uint32_t i = 0; i < b->ngroups; i++)
        if (b->groups[i].name == name && b->groups[i].arity == arity) return &b->groups[i];
    if (b->ngroups == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 16;
        b->groups = ciex_xrealloc(b->groups, b->cap * sizeof *b->groups, "compiler");
    }
    b->groups[b->ngroups] = (fn_group){name, arity, private, TERM_NIL, line, false, false, pos};
    return &b->groups[b->ngroups++];
}

/* Adds one clause; `\\` defaults generate the shorter arities. */
static void add_def(fn_state *fs, module_build *b, term def, bool private)
{
    term head = arg(def, 0), kw = arg(def, 1);
    term guard = TERM_NONE;
    if (ast_is_call(head, "when", 2)) {
        guard = arg(head, 1);
        head = arg(head, 0);
    }
    if (!term_is_tuple(head) || term_tuple_arity(head) != 3 || !term_is_atom(term_tuple_get(head, 0)))
        cc_error(fs, "CompileError", "invalid function head");
    term name = term_tuple_get(head, 0);
    term params = term_is_list(term_tuple_get(head, 2)) ? term_tuple_get(head, 2) : TERM_NIL;
    term body;
    if (kw == TERM_NONE) {
        body = TERM_NONE; /* a bodiless head: only declares defaults */
    } else if (ast_kw_get(kw, "rescue") != TERM_NONE || ast_kw_get(kw, "catch") != TERM_NONE ||
               ast_kw_get(kw, "after") != TERM_NONE) {
        body = term_tuple3(term_atom("try"), TERM_NIL, term_cons_new(term_retain(kw), TERM_NIL));
    } else {
        body = ast_kw_get(kw, "do");
        if (body == TERM_NONE) cc_error(fs, "CompileError", "missing :do option in \"def\"");
        body = term_retain(body);
    }
    /* strip defaults: params without them, and a list of the defaults */
    uint32_t n = (uint32_t)term_list_length(params);
    term plain[255], defaults[255]; /* defaults[i]: TERM_NONE where param i has none */
    uint32_t ndefaults = 0;
    uint32_t i = 0;
    if (n > 255) cc_error(fs, "CompileError", "too many parameters");
    for (term l = params; term_is_cons(l) && i < 255; l = term_tail(l), i++) {
        term p = term_head(l);
        if (ast_is_call(p, "\\\\", 2)) {
            plain[i] = arg(p, 0);
            defaults[i] = arg(p, 1);
            ndefaults++;
        } else {
            plain[i] = p;
            defaults[i] = TERM_NONE;
        }
    }
    uint32_t line = cc_line_of(def);
    if (b->doc_line && private) {
        char where[512], mod[256];
        snprintf(where, sizeof where, "%s.%s/%u", cc_module_text(fs->c->mod->name, mod, sizeof mod),
                 term_atom_name(name), n);
        cc_warn_where(fs->c, b->doc_line, where, CC_WARN_EXPAND, NULL,
                      "defp %s/%u is private, @doc attribute is always discarded for private functions/macros/types",
                      term_atom_name(name), n);
    }
    b->doc_line = 0;
    if (body != TERM_NONE) {
        fn_group *g = group_for(b, name, n, private, line, fs->c->mod->pos);
        if (g->overridable) {
            /* defoverridable: this definition replaces the one before */
            term_release(g->clauses);
            g->clauses = TERM_NIL;
            g->overridable = false;
        }
        term plist = TERM_NIL;
        for (uint32_t k = n; k-- > 0;) plist = term_cons_new(term_retain(plain[k]), plist);
        /* the clause reads attributes as they are at its definition */
        term attrs = term_retain(fs->c->mod->attributes);
        term clause = term_tuple_new(5);
        term_tuple_init(clause, 0, plist);
        term_tuple_init(clause, 1, guard == TERM_NONE ? TERM_NONE : term_retain(guard));
        term_tuple_init(clause, 2, body);
        term_tuple_init(clause, 3, attrs);
        term_tuple_init(clause, 4, term_small(line));
        g->clauses = term_cons_new(clause, g->clauses);
        term_release(b->last);
        b->last = term_tuple2(name, term_small(n));
    }
    /* f(a, b \\ 1, c) also defines f(a, c) -> f(a, 1, c): the arguments
     * given fill the required parameters, then the defaulted ones from the
     * left */
    for (uint32_t d = 0; d < ndefaults; d++) {
        uint32_t arity = n - ndefaults + d;
        fn_group *g = group_for(b, name, arity, private, line, fs->c->mod->pos);
        if (g->clauses != TERM_NIL) continue;
        term plist = TERM_NIL, cargs = TERM_NIL;
        char vname[32];
        uint32_t supplied = d; /* defaulted parameters that get an argument */
        bool given[255];
        for (uint32_t k = 0; k < n; k++) {
            given[k] = defaults[k] == TERM_NONE || supplied > 0;
            if (defaults[k] != TERM_NONE && supplied > 0) supplied--;
        }
        for (uint32_t k = n; k-- > 0;) {
            if (given[k]) {
                snprintf(vname, sizeof vname, "default arg %u", k); /* no user variable has a space */
                term v = term_tuple3(term_atom(vname), TERM_NIL, TERM_ATOM_NIL);
                plist = term_cons_new(term_retain(v), plist);
                cargs = term_cons_new(v, cargs);
            } else {
                cargs = term_cons_new(term_retain(defaults[k]), cargs);
            }
        }
        term call = term_tuple3(name, TERM_NIL, cargs);
        term clause = term_tuple_new(5);
        term_tuple_init(clause, 0, plist);
        term_tuple_init(clause, 1, TERM_NONE);
        term_tuple_init(clause, 2, call);
        term_tuple_init(clause, 3, term_retain(fs->c->mod->attributes));
        term_tuple_init(clause, 4, term_small(0));
        g->clauses = term_cons_new(clause, TERM_NIL);
    }
}

static term attribute_value(fn_state *fs, term v);

/* Arithmetic, <> and ++ on constants, folded when compiling (@answer 6 * 7);
 * TERM_NONE when the expression is not of that kind. */
static term fold_constant(fn_state *fs, term v)
{
    static const char *ops[] = {"+", "-", "*", "div", "rem", "<>", "++", NULL};
    int op = -1;
    for (int i = 0; ops[i]; i++)
        if (ast_is_call(v, ops[i], 2)) op = i;
    if (op < 0) return TERM_NONE;
    term a = attribute_value(fs, term_head(ast_args(v))), b = attribute_value(fs, term_head(term_tail(ast_args(v))));
    term r = TERM_NONE;
    if (op <= 4 && term_is_integer(a) && term_is_integer(b)) {
        if (op == 0) r = term_int_add(a, b);
        else if (op == 1) r = term_int_sub(a, b);
        else if (op == 2) r = term_int_mul(a, b);
        else if (op == 3 && term_int_div(a, b, &r) != TERM_OK) r = TERM_NONE;
        else if (op == 4 && term_int_rem(a, b, &r) != TERM_OK) r = TERM_NONE;
    } else if (op <= 2 && term_is_number(a) && term_is_number(b)) {
        double x, y;
        x = term_is_float(a) ? term_float_value(a) : (term_int_to_double(a, &x), x);
        y = term_is_float(b) ? term_float_value(b) : (term_int_to_double(b, &y), y);
        r = term_float_new(op == 0 ? x + y : op == 1 ? x - y : x * y);
    } else if (op == 5 && term_is_binary(a) && term_is_binary(b)) {
        uint8_t *d;
        r = term_binary_alloc(term_binary_size(a) + term_binary_size(b), &d);
        memcpy(d, term_binary_data(a), term_binary_size(a));
        memcpy(d + term_binary_size(a), term_binary_data(b), term_binary_size(b));
    } else if (op == 6 && term_list_length(a) >= 0) {
        term items[1024];
        uint32_t n = 0;
        for (term l = a; term_is_cons(l) && n < 1024; l = term_tail(l)) items[n++] = term_retain(term_head(l));
        r = term_retain(b);
        while (n) r = term_cons_new(items[--n], r);
    }
    term_release(a);
    term_release(b);
    return r;
}

/* Attribute values must be known when compiling: literals, aliases, and
 * constant arithmetic. */
static term attribute_value(fn_state *fs, term v)
{
    term lit;
    if (cc_literal_value(v, &lit)) return lit;
    term folded = fold_constant(fs, v);
    if (folded != TERM_NONE) return folded;
    if (ast_is_call(v, "__aliases__", -1)) return cc_expand_alias(fs, v);
    if (ast_is_call(v, "sigil_r", 2) || ast_is_call(v, "sigil_R", 2)) {
        term re = cc_regex_constant(fs, v);
        if (re != TERM_NONE) return re;
    }
    if (ast_is_call(v, "<<>>", -1)) { /* heredoc docs: keep them out of the way */
        return term_binary_from_cstr("");
    }
    if (ast_is_call(v, "%{}", -1)) {
        /* a map of constants */
        term m = term_map_new(0);
        for (term l = ast_args(v); term_is_cons(l); l = term_tail(l)) {
            term kv = term_head(l);
            if (!term_is_tuple(kv) || term_tuple_arity(kv) != 2) continue;
            m = term_map_put(m, attribute_value(fs, term_tuple_get(kv, 0)), attribute_value(fs, term_tuple_get(kv, 1)));
        }
        return m;
    }
    if (ast_is_call(v, "..", 2) || ast_is_call(v, "..//", 3)) {
        /* first..last(//step) of constants: the Range struct */
        term first = attribute_value(fs, term_head(ast_args(v)));
        term last = attribute_value(fs, term_head(term_tail(ast_args(v))));
        term step = ast_is_call(v, "..//", 3) ? attribute_value(fs, term_head(term_tail(term_tail(ast_args(v)))))
                    : term_small(term_is_integer(first) && term_is_integer(last) && term_compare(first, last) > 0 ? -1 : 1);
        term r = term_map_new(0);
        r = term_map_put(r, term_atom("__struct__"), term_atom("Elixir.Range"));
        r = term_map_put(r, term_atom("first"), first);
        r = term_map_put(r, term_atom("last"), last);
        r = term_map_put(r, term_atom("step"), step);
        return r;
    }
    if (term_is_tuple(v) && term_tuple_arity(v) == 3 && term_is_atom(term_tuple_get(v, 0))) {
        const char *n = term_atom_name(term_tuple_get(v, 0));
        if (strncmp(n, "sigil_", 6) == 0 && n[6] && strchr("DTNU", n[6]) && !n[7] && term_list_length(ast_args(v)) == 2)
            return cc_calendar_sigil(fs, v, n[6]); /* @epoch ~D[1970-01-01] */
    }
    if (ast_is_call(v, "&", 1) && ast_is_call(arg(v, 0), "/", 2)) {
        /* &Mod.fun/arity: the external fun */
        term call = arg(arg(v, 0), 0), n = arg(arg(v, 0), 1);
        term callee = term_is_tuple(call) && term_tuple_arity(call) == 3 ? term_tuple_get(call, 0) : TERM_NONE;
        if (ast_is_call(callee, ".", 2) && term_is_small(n) && term_small_value(n) >= 0) {
            term mod = attribute_value(fs, arg(callee, 0)), fun = arg(callee, 1);
            if (term_is_atom(mod) && term_is_atom(fun)) return term_export_new(mod, fun, (uint32_t)term_small_value(n));
            term_release(mod);
        }
    }
    if (ast_is_call(v, "{}", -1)) {
        term items[64];
        uint32_t n = 0;
        for (term l = ast_args(v); term_is_cons(l) && n < 64; l = term_tail(l)) items[n++] = attribute_value(fs, term_head(l));
        term t = term_tuple_new(n);
        for (uint32_t i = 0; i < n; i++) term_tuple_init(t, i, items[i]);
        return t;
    }
    return TERM_ATOM_NIL;
}

static void set_attribute(fn_state *fs, term e)
{
    term inner = arg(e, 0);
    if (!term_is_tuple(inner) || term_tuple_arity(inner) != 3) return;
    term name = term_tuple_get(inner, 0);
    term args = term_tuple_get(inner, 2);
    if (!term_is_cons(args)) return; /* a read (@x) at module level: nothing to do */
    module_ctx *m = fs->c->mod;
    if (!term_is_map(m->attributes)) {
        term_release(m->attributes);
        m->attributes = term_map_new(0);
    }
    m->attributes = term_map_put(m->attributes, name, attribute_value(fs, term_head(args)));
}

static term struct_fields_of(fn_state *fs, term fields_ast)
{
    term out = TERM_NIL;
    term items[512];
    uint32_t n = 0;
    for (term l = fields_ast; term_is_cons(l) && n < 512; l = term_tail(l)) {
        term f = term_head(l);
        if (term_is_atom(f)) items[n++] = term_tuple2(f, TERM_ATOM_NIL);
        else if (term_is_tuple(f) && term_tuple_arity(f) == 2 && term_is_atom(term_tuple_get(f, 0)))
            items[n++] = term_tuple2(term_tuple_get(f, 0), attribute_value(fs, term_tuple_get(f, 1)));
        else cc_error(fs, "ArgumentError", "struct field names must be atoms");
    }
    while (n) out = term_cons_new(items[--n], out);
    return out;
}

/* %Module{} with its fields' defaults */
static term struct_default(term module, term fields)
{
    term m = term_map_new(0);
    m = term_map_put(m, term_atom("__struct__"), module);
    for (term l = fields; term_is_cons(l); l = term_tail(l))
        m = term_map_put(m, term_tuple_get(term_head(l), 0), term_retain(term_tuple_get(term_head(l), 1)));
    return m;
}

/* Source of the functions a `use` or defexception adds, unless the module
 * defines them itself. */
static const char *behaviour_defaults(term mod)
{
    const char *s = term_atom_name(mod);
    if (strcmp(s, "Elixir.GenServer") == 0)
        return "def child_spec(init_arg), do: %{id: __MODULE__, start: {__MODULE__, :start_link, [init_arg]}}\n"
               "def handle_call(msg, from, state), do: GenServer.__default_handle_call__(__MODULE__, msg, from, state)\n"
               "def handle_cast(msg, state), do: GenServer.__default_handle_cast__(__MODULE__, msg, state)\n"
               "def handle_info(msg, state), do: GenServer.__default_handle_info__(__MODULE__, msg, state)\n"
               "def terminate(_reason, _state), do: :ok\n"
               "def code_change(_old, state, _extra), do: {:ok, state}\n";
    if (strcmp(s, "Elixir.Agent") == 0 || strcmp(s, "Elixir.Task") == 0)
        return "def child_spec(arg), do: %{id: __MODULE__, start: {__MODULE__, :start_link, [arg]}}\n";
    if (strcmp(s, "Elixir.Supervisor") == 0 || strcmp(s, "Elixir.DynamicSupervisor") == 0)
        return "def child_spec(arg), do: %{id: __MODULE__, start: {__MODULE__, :start_link, [arg]}, type: :supervisor}\n";
    return NULL;
}

static const char exception_defaults[] =
    "def exception(msg) when is_binary(msg), do: exception(message: msg)\n"
    "def exception(args) when is_list(args), do: Kernel.struct!(__MODULE__, args)\n"
    "def message(exception), do: exception.message\n";

static void add_defaults_from_source(fn_state *fs, module_build *b, const char *src)
{
    term ast;
    lang_error perr;
    if (!lang_parse(src, strlen(src), 1, &ast, &perr)) cc_error(fs, "CompileError", "internal: %s", perr.message);
    term forms = ast_is_call(ast, "__block__", -1) ? term_retain(ast_args(ast)) : term_cons_new(term_retain(ast), TERM_NIL);
    /* what the module defines itself wins: decide before adding any */
    uint32_t user_groups = b->ngroups;
    term saved_last = term_retain(b->last);
    for (term l = forms; term_is_cons(l); l = term_tail(l)) {
        term def = term_head(l);
        term head = arg(def, 0);
        if (ast_is_call(head, "when", 2)) head = arg(head, 0);
        term name = term_tuple_get(head, 0);
        uint32_t n = term_is_list(term_tuple_get(head, 2)) ? (uint32_t)term_list_length(term_tuple_get(head, 2)) : 0;
        bool user_defined = false;
        for (uint32_t i = 0; i < user_groups; i++)
            if (b->groups[i].name == name && b->groups[i].arity == n) user_defined = true;
        if (!user_defined) add_def(fs, b, def, false);
    }
    term_release(b->last);
    b->last = saved_last;
    term_release(forms);
    term_release(ast);
}

/* Compiles all clauses of one function. */
static vm_code *compile_group(compiler *c, fn_group *g)
{
    fn_state *fsp = ciex_xcalloc(1, sizeof *fsp, "compiler");
    cc_fn_init(fsp, c, NULL, c->mod->name, g->name, g->arity);
    fsp->line = g->line;
    scope sc;
    cc_scope_push(fsp, &sc);
    /* clauses were collected in reverse */
    term rev = TERM_NIL;
    for (term l = g->clauses; term_is_cons(l); l = term_tail(l)) rev = term_cons_new(term_retain(term_head(l)), rev);
    term_release(g->clauses);
    g->clauses = rev; /* the group owns them: a compile error releases them */
    char what[300];
    snprintf(what, sizeof what, "%s/%u", term_atom_name(g->name), g->arity);
    uint32_t always_line = 0;
    for (term l = rev; term_is_cons(l); l = term_tail(l)) {
        term cl = term_head(l);
        term params = term_tuple_get(cl, 0), guard = term_tuple_get(cl, 1), body = term_tuple_get(cl, 2);
        uint32_t cline = (uint32_t)term_small_value(term_tuple_get(cl, 4));
        if (cline) {
            term pats[255];
            uint32_t np = 0;
            for (term p = params; term_is_cons(p) && np < 255; p = term_tail(p)) pats[np++] = term_head(p);
            cc_warn_clauses(fsp, pats, np, guard, cline, &always_line, what);
        }
        term saved_attrs = c->mod->attributes;
        c->mod->attributes = term_tuple_get(cl, 3);
        label_list fails = {0};
        scope csc;
        uint32_t floor = fsp->next_reg;
        cc_scope_push(fsp, &csc);
        fsp->pattern_vars = TERM_NIL;
        uint32_t i = 0;
        for (term p = params; term_is_cons(p); p = term_tail(p), i++) cc_match(fsp, term_head(p), i, &fails);
        term_release(fsp->pattern_vars);
        fsp->pattern_vars = TERM_NONE;
        cc_guard(fsp, guard, &fails);
        cc_tail(fsp, body);
        c->mod->attributes = saved_attrs;
        cc_scope_pop(fsp);
        fsp->next_reg = floor;
        cc_label_patch(fsp, &fails, cc_here(fsp));
    }
    /* as on the BEAM, a FunctionClauseError points at the function's first clause */
    fsp->line = g->line;
    cc_raise_term(fsp, "error", cc_literal(fsp, term_atom("function_clause")));
    cc_scope_pop(fsp);
    vm_code *code = cc_fn_finish(fsp);
    free(fsp);
    return code;
}

static void collect_body(fn_state *fs, module_build *b, term body, uint32_t outer_dst);

term cc_local_macro_module(fn_state *fs, term mname, uint32_t arity)
{
    compiler *c = fs->c;
    module_ctx *m = c->mod;
    if (!m->is_module || !m->build) return TERM_NONE;
    module_build *b = m->build;
    fn_group *g = NULL;
    uint32_t gi = 0;
    for (uint32_t i = 0; i < b->ngroups; i++)
        if (b->groups[i].name == mname && b->groups[i].arity == arity) g = &b->groups[i], gi = i;
    if (!g) return TERM_NONE;
    vm_code *code;
    if (b->functions && b->functions[gi].code) {
        code = b->functions[gi].code; /* compiled already, with the module's functions */
    } else if (g->clauses != TERM_NIL) {
        /* a copy of the group: compile_group puts its clauses in order */
        fn_group copy = *g;
        copy.clauses = term_retain(g->clauses);
        code = compile_group(c, &copy);
        term_release(copy.clauses);
    } else {
        return TERM_NONE;
    }
    char name[300];
    snprintf(name, sizeof name, "%.250s (local macros)", term_atom_name(m->name));
    vm_module_template *t = ciex_xcalloc(1, sizeof *t, "compiler");
    t->name = term_atom(name);
    t->nfunctions = 1;
    t->functions = ciex_xcalloc(1, sizeof *t->functions, "compiler");
    t->functions[0] = (vm_function){mname, arity, true, code};
    t->struct_fields = TERM_NONE;
    t->attributes = TERM_NIL;
    t->file = term_retain(c->file);
    t->last = TERM_ATOM_NIL;
    term res = cc_hold(c, vm_module_template_new(t));
    vm_load_template(c->rt, res);
    return t->name;
}

/* defmodule's value names a macro as it was written: {name, arity}, not
 * its MACRO- function */
static void macro_last(module_build *b)
{
    term last = b->last;
    if (!term_is_tuple(last)) return;
    const char *s = term_atom_name(term_tuple_get(last, 0));
    if (strncmp(s, "MACRO-", 6) != 0) return;
    b->last = term_tuple2(term_atom(s + 6), term_small(term_small_value(term_tuple_get(last, 1)) - 1));
    term_release(last);
}

static void collect_form(fn_state *fs, module_build *b, term f)
{
    term expanded;
    if (!ast_is_call(f, "__block__", -1)) fs->c->mod->pos++;
    if (ast_is_call(f, "def", 2) || ast_is_call(f, "def", 1)) add_def(fs, b, f, false);
    else if (ast_is_call(f, "defp", 2) || ast_is_call(f, "defp", 1)) add_def(fs, b, f, true);
    else if (ast_is_call(f, "@", 1) && ast_is_call(arg(f, 0), "derive", 1)) cc_derive(fs, arg(arg(f, 0), 0));
    else if (ast_is_call(f, "@", 1)) {
        term inner = arg(f, 0);
        if (ast_is_call(inner, "doc", 1)) b->doc_line = arg(inner, 0) == TERM_FALSE ? 0 : cc_line_of(f);
        set_attribute(fs, f);
    }
    else if (ast_is_call(f, "defstruct", 1)) {
        b->struct_fields = struct_fields_of(fs, arg(f, 0));
        /* defstruct's value, what defmodule returns when it comes last */
        term_release(b->last);
        b->last = struct_default(fs->c->mod->name, b->struct_fields);
    }
    else if (ast_is_call(f, "defexception", 1)) {
        b->struct_fields = struct_fields_of(fs, arg(f, 0));
        b->struct_fields = term_cons_new(term_tuple2(term_atom("__exception__"), TERM_TRUE), b->struct_fields);
        b->exception = true;
    } else if (ast_is_call(f, "defmacro", 2) || ast_is_call(f, "defmacro", 1)) {
        add_def(fs, b, cc_macro_def(fs, f), false);
        b->has_macros = true;
        macro_last(b);
    } else if (ast_is_call(f, "defmacrop", 2) || ast_is_call(f, "defmacrop", 1)) {
        add_def(fs, b, cc_macro_def(fs, f), true);
        macro_last(b);
    } else if (ast_is_call(f, "defguard", 1) || ast_is_call(f, "defguardp", 1)) {
        add_def(fs, b, cc_defguard(fs, f), ast_is_call(f, "defguardp", 1));
        b->has_macros = true;
        macro_last(b);
    } else if (ast_is_call(f, "require", 1) || ast_is_call(f, "require", 2)) {
        cc_require(fs, f);
    } else if (ast_is_call(f, "defoverridable", 1)) {
        /* [name: arity, ...] (a behaviour module names its callbacks: nothing to mark) */
        for (term l = arg(f, 0); term_is_cons(l); l = term_tail(l)) {
            term kv = term_head(l);
            if (!term_is_tuple(kv) || term_tuple_arity(kv) != 2 || !term_is_small(term_tuple_get(kv, 1))) continue;
            for (uint32_t i = 0; i < b->ngroups; i++)
                if (b->groups[i].name == term_tuple_get(kv, 0) &&
                    b->groups[i].arity == (uint32_t)term_small_value(term_tuple_get(kv, 1)))
                    b->groups[i].overridable = true;
        }
    } else if (ast_is_call(f, "use", 1) || ast_is_call(f, "use", 2)) {
        /* Mod.__using__/1: what it returns is part of the body */
        term expanded = cc_use_expansion(fs, f);
        if (expanded != TERM_NONE) {
            collect_body(fs, b, expanded, CC_ANY);
        } else {
            term target = arg(f, 0);
            term mod = ast_is_call(target, "__aliases__", -1) ? cc_expand_alias(fs, target) : target;
            b->uses = term_cons_new(mod, b->uses);
        }
    } else if (ast_is_call(f, "@behaviour", 1) || ast_is_call(f, "require", -1)) {
        /* nothing to do */
    } else if (ast_is_call(f, "__block__", -1)) {
        collect_body(fs, b, f, CC_ANY);
    } else if ((expanded = cc_unquote_fragments(fs, f)) != TERM_NONE) {
        /* the defs a comprehension makes with unquote fragments */
        collect_body(fs, b, expanded, CC_ANY);
    } else if ((expanded = cc_user_macro_expansion(fs, f)) != TERM_NONE) {
        /* a macro called in the body: what it returns (defs, say) is part of it */
        cc_expansion_enter(fs, f);
        collect_body(fs, b, expanded, CC_ANY);
        cc_expansion_leave(fs);
    } else {
        /* alias/import and any other expression run at definition time;
         * nested defmodules define themselves then */
        cc_expr(fs, f, CC_ANY);
    }
}

static void collect_body(fn_state *fs, module_build *b, term body, uint32_t outer_dst)
{
    (void)outer_dst;
    if (ast_is_call(body, "__block__", -1)) {
        for (term l = ast_args(body); term_is_cons(l); l = term_tail(l)) collect_form(fs, b, term_head(l));
    } else if (term_is_cons(body) && term_is_tuple(term_head(body)) && term_tuple_arity(term_head(body)) == 3) {
        /* a macro's list of forms (defs, say) */
        for (term l = body; term_is_cons(l); l = term_tail(l)) collect_form(fs, b, term_head(l));
    } else {
        collect_form(fs, b, body);
    }
}

static term full_module_name(fn_state *fs, term name_ast, bool *nested_alias)
{
    *nested_alias = false;
    if (term_is_atom(name_ast)) return name_ast;
    if (!ast_is_call(name_ast, "__aliases__", -1)) cc_error(fs, "CompileError", "invalid module name");
    module_ctx *outer = fs->c->mod;
    term parts = ast_args(name_ast);
    if (outer->is_module && term_is_atom(term_head(parts))) {
        /* defmodule Inner inside Outer is Outer.Inner */
        char buf[1024];
        size_t len = (size_t)snprintf(buf, sizeof buf, "%s", term_atom_name(outer->name));
        for (term l = parts; term_is_cons(l); l = term_tail(l))
            len += (size_t)snprintf(buf + len, sizeof buf - len, ".%s", term_atom_name(term_head(l)));
        *nested_alias = term_tail(parts) == TERM_NIL;
        return term_atom(buf);
    }
    return cc_expand_alias(fs, name_ast);
}

static int32_t group_index(const module_build *b, term name, uint32_t arity)
{
    for (uint32_t i = 0; i < b->ngroups; i++)
        if (b->groups[i].name == name && b->groups[i].arity == arity) return (int32_t)i;
    return -1;
}

void cc_module_note_call(fn_state *fs, term name, uint32_t arity)
{
    module_build *b = fs->c->mod->build;
    if (!b || !fs->c->warn) return;
    const fn_state *caller = fs;
    while (caller->is_lambda && caller->parent) caller = caller->parent;
    int32_t from = group_index(b, caller->code->name, caller->code->arity), to = group_index(b, name, arity);
    if (to < 0 || from == to) return;
    if (from < 0) { /* the module body */
        b->groups[to].called = true;
        return;
    }
    if (b->ncalls + 2 > b->calls_cap) {
        uint32_t cap = b->calls_cap ? b->calls_cap * 2 : 32;
        b->calls = cc_scratch_grow(fs->c, b->calls, b->calls_cap * sizeof *b->calls, cap * sizeof *b->calls);
        b->calls_cap = cap;
    }
    b->calls[b->ncalls++] = (uint32_t)from;
    b->calls[b->ncalls++] = (uint32_t)to;
}

/* Elixir's unused private functions: those no public function reaches. */
static void mark_reachable(module_build *b)
{
    for (uint32_t i = 0; i < b->ngroups; i++)
        if (!b->groups[i].private) b->groups[i].called = true;
    for (bool changed = true; changed;) {
        changed = false;
        for (uint32_t k = 0; k < b->ncalls; k += 2)
            if (b->groups[b->calls[k]].called && !b->groups[b->calls[k + 1]].called)
                b->groups[b->calls[k + 1]].called = changed = true;
    }
}

void cc_module_discard(module_ctx *m)
{
    module_build *b = m->build;
    if (b) {
        for (uint32_t i = 0; i < b->ngroups; i++) term_release(b->groups[i].clauses);
        free(b->groups);
        if (b->struct_fields != TERM_NONE) term_release(b->struct_fields);
        term_release(b->uses);
        term_release(b->last);
        free(b->functions); /* the code objects belong to the runtime */
        free(b);
    }
    term_release(m->defined);
    term_release(m->attributes);
    term_release(m->imports);
    term_release(m->requires);
    free(m->aliases);
    free(m);
}

uint32_t cc_defmodule(fn_state *fs, term e, uint32_t dst)
{
    compiler *c = fs->c;
    bool nested_alias;
    term name = full_module_name(fs, arg(e, 0), &nested_alias);
    if (nested_alias) {
        module_ctx *outer = c->mod;
        if (outer->naliases == outer->aliases_cap) {
            outer->aliases_cap = outer->aliases_cap ? outer->aliases_cap * 2 : 8;
            outer->aliases = ciex_xrealloc(outer->aliases, outer->aliases_cap * sizeof *outer->aliases, "compiler");
        }
        outer->aliases[outer->naliases++] = (alias_entry){term_head(ast_args(arg(e, 0))), name, 0, false};
    }
    term body = ast_kw_get(arg(e, 1), "do");
    if (body == TERM_NONE) cc_error(fs, "CompileError", "missing do block in defmodule");
    /* both on the heap: after a compile error cc_compiler_end finds them
     * through c->mod and hands them to cc_module_discard */
    module_ctx *mp = ciex_xcalloc(1, sizeof *mp, "compiler");
    module_build *bp = ciex_xcalloc(1, sizeof *bp, "compiler");
    module_ctx *const m = mp;
    module_build *const b = bp;
    m->name = name;
    m->is_module = true;
    m->seq = ++c->nmodules;
    m->defined = TERM_NIL;
    m->attributes = TERM_NIL;
    m->imports = TERM_NIL;
    m->requires = TERM_NIL;
    m->parent = c->mod;
    m->build = b;
    b->struct_fields = TERM_NONE;
    b->uses = TERM_NIL;
    b->last = TERM_ATOM_NIL;
    /* the body may read every variable around the defmodule */
    cc_use_all(fs);
    c->mod = m;
    uint32_t saved_line = fs->line;
    scope body_scope;
    cc_scope_push(fs, &body_scope);
    collect_body(fs, b, body, dst);
    uint32_t before_pop = m->warnings.n;
    cc_scope_pop(fs);
    /* Elixir names the body's unused variables first */
    for (uint32_t i = before_pop; i < m->warnings.n; i++) m->warnings.items[i].kind = CC_WARN_BODY;
    for (term l = b->uses; term_is_cons(l); l = term_tail(l)) {
        const char *src = behaviour_defaults(term_head(l));
        if (src) add_defaults_from_source(fs, b, src);
    }
    if (b->exception) add_defaults_from_source(fs, b, exception_defaults);
    /* every module answers __info__/1 */
    add_defaults_from_source(fs, b, "def __info__(key), do: :ciex.module_info(__MODULE__, key)\n");
    for (uint32_t i = 0; i < b->ngroups; i++)
        m->defined = term_cons_new(term_tuple2(b->groups[i].name, term_small(b->groups[i].arity)), m->defined);
    b->functions = ciex_xcalloc(b->ngroups ? b->ngroups : 1, sizeof *b->functions, "compiler");
    for (uint32_t i = 0; i < b->ngroups; i++) {
        fn_group *g = &b->groups[i];
        m->pos = g->pos; /* its warnings come where its def stands */
        b->functions[i] = (vm_function){g->name, g->arity, !g->private, compile_group(c, g)};
        term_release(g->clauses);
        g->clauses = TERM_NIL;
    }
    mark_reachable(b);
    for (uint32_t i = 0; i < b->ngroups; i++) {
        fn_group *g = &b->groups[i];
        /* a defmacrop (MACRO-name) is called while compiling, not at run time */
        if (!g->private || g->called || strncmp(term_atom_name(g->name), "MACRO-", 6) == 0) continue;
        char key[300];
        snprintf(key, sizeof key, "%s/%u", term_atom_name(g->name), g->arity);
        cc_warn_where(c, g->line, NULL, CC_WARN_UNUSED_FN, key, "function %s is unused", key);
    }
    cc_warn_unused_aliases(c, m);
    vm_module_template *t = ciex_xcalloc(1, sizeof *t, "compiler");
    t->name = name;
    t->nfunctions = b->ngroups;
    t->functions = b->functions;
    b->functions = NULL;
    /* later code in this unit may import this module before it is loaded */
    term funs = TERM_NIL;
    for (uint32_t i = 0; i < b->ngroups; i++)
        if (!b->groups[i].private) funs = term_cons_new(term_tuple2(b->groups[i].name, term_small(b->groups[i].arity)), funs);
    c->compiled = term_cons_new(term_tuple2(name, funs), c->compiled);
    free(b->groups);
    b->groups = NULL;
    b->ngroups = 0;
    t->struct_fields = b->struct_fields;
    t->attributes = term_is_map(m->attributes) ? term_retain(m->attributes) : TERM_NIL;
    t->file = term_retain(c->file);
    t->line = cc_line_of(e);
    t->last = b->last;
    m->pos = UINT32_MAX; /* what the end of the module finds comes after */
    t->warnings = cc_warnings_text(&m->warnings);
    term_release(b->uses);
    term_release(m->defined);
    term_release(m->attributes);
    term_release(m->imports);
    term_release(m->requires);
    free(m->aliases);
    c->mod = m->parent;
    if (t->warnings && c->mod->is_module) {
        /* Elixir compiles a nested module when the enclosing body reaches
         * it: its warnings come among the enclosing module's */
        cc_warn_nested(c, t->warnings);
        free(t->warnings);
        t->warnings = NULL;
    }
    free(m);
    fs->line = saved_line;
    bool has_macros = b->has_macros;
    free(b);
    term tmpl_term = vm_module_template_new(t);
    if (has_macros) c->unit_templates = term_cons_new(term_retain(tmpl_term), c->unit_templates);
    uint32_t tmpl = cc_literal(fs, tmpl_term);
    uint32_t d = dst == CC_ANY ? cc_alloc(fs) : dst;
    cc_emit(fs, OP_DEFINE_MODULE);
    cc_emit(fs, d);
    cc_emit(fs, tmpl);
    return d;
}
