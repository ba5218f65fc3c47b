/* warnings.c - compiler warnings, worded, located and ordered as Elixir
 * 1.14 prints them:
 *
 *     warning: variable "x" is unused (if the variable is not meant to be used, prefix it with an underscore)
 *       file.exs:3: Mod.fun/1
 *
 * followed by an empty line, on stderr (vm_warn).  The compiler files each
 * warning in the list of the module being compiled (the top level is a
 * module too): a module's list is printed when the defmodule runs, after
 * any "redefining module" warning, the top level's once the whole input is
 * compiled, before it runs.  Within a list Elixir's order is kept: unused
 * variables of a module body, what the expansion finds in source order,
 * then unused private functions (by name), clauses that cannot match (by
 * line).  Unused aliases and imports, of the modules and the top level
 * alike, are printed (by name) once the whole input has run, by a call
 * the compiler adds at its end (:ciex.compile_warnings/1), followed by the
 * calls of deprecated functions in modules, grouped per function.
 *
 * Variables: every binding gets a record (compiler.uses) saying whether it
 * was read; when the scope that bound it ends, the unused ones are
 * reported, sorted by name as Elixir sorts them. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/buf.h"
#include "compiler.h"

/* ---- filing and printing ---- */

static void list_add(compiler *c, warn_list *l, warn_entry e)
{
    if (l->n == l->cap) {
        uint32_t cap = l->cap ? l->cap * 2 : 8;
        l->items = cc_scratch_grow(c, l->items, l->cap * sizeof *l->items, cap * sizeof *l->items);
        l->cap = cap;
    }
    l->items[l->n++] = e;
}

static char *scratch_str(compiler *c, const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = cc_scratch(c, n);
    memcpy(p, s, n);
    return p;
}

static void list_add_text(compiler *c, warn_list *l, uint32_t line, const char *where, int kind, const char *key,
                          const char *fmt, va_list ap);

static void vwarn(compiler *c, uint32_t line, const char *where, int kind, const char *key, const char *fmt,
                  va_list ap)
{
    /* unused aliases and imports of a file wait for the end of its run,
     * all together; iex prints a module's with the module's */
    bool lexical = (kind == CC_WARN_ALIAS || kind == CC_WARN_IMPORT) && !(c->shell && c->mod->is_module);
    warn_list *l = lexical ? &c->lexical : &c->mod->warnings;
    list_add_text(c, l, line, where, kind, key, fmt, ap);
}

static void list_add_text(compiler *c, warn_list *l, uint32_t line, const char *where, int kind, const char *key,
                          const char *fmt, va_list ap)
{
    char msg[1024], text[1400];
    vsnprintf(msg, sizeof msg, fmt, ap);
    snprintf(text, sizeof text, "warning: %s\n  %.*s:%u%s%s\n\n", msg, (int)term_binary_size(c->file),
             (const char *)term_binary_data(c->file), line, where ? ": " : "", where ? where : "");
    list_add(c, l,
             (warn_entry){(uint8_t)kind, line, key ? scratch_str(c, key) : "", scratch_str(c, text), NULL, 0, c->mod->pos});
}

void cc_warn_where(compiler *c, uint32_t line, const char *where, int kind, const char *key, const char *fmt, ...)
{
    if (!c->warn) return;
    va_list ap;
    va_start(ap, fmt);
    vwarn(c, line, where, kind, key, fmt, ap);
    va_end(ap);
}

/* Where code of fs is, after `file:line: `: Mod.fun/arity inside a def
 * (a fn inside it too), Mod in a module body, nothing at the top level. */
static const char *where_of(fn_state *fs, char *buf, size_t n)
{
    const fn_state *root = fs;
    while (root->is_lambda && root->parent) root = root->parent;
    module_ctx *m = fs->c->mod;
    if (!m->is_module) return NULL;
    char mod[256];
    cc_module_text(m->name, mod, sizeof mod);
    if (root->code->name == term_atom("__FILE__")) snprintf(buf, n, "%s", mod);
    else {
        char *fun = term_inspect(root->code->name, NULL, NULL);
        /* :"weird name" prints as "weird name" after the dot */
        snprintf(buf, n, "%s.%s/%u", mod, fun[0] == ':' ? fun + 1 : fun, root->code->arity);
        free(fun);
    }
    return buf;
}

void cc_warn(fn_state *fs, uint32_t line, int kind, const char *key, const char *fmt, ...)
{
    compiler *c = fs->c;
    if (!c->warn) return;
    char where[512];
    va_list ap;
    va_start(ap, fmt);
    vwarn(c, line ? line : fs->line, where_of(fs, where, sizeof where), kind, key, fmt, ap);
    va_end(ap);
}

static bool entry_before(const warn_entry *a, const warn_entry *b)
{
    if (a->kind != b->kind) return a->kind < b->kind;
    if (a->kind == CC_WARN_EXPAND) return a->order < b->order; /* body order, then filing order */
    if (a->kind == CC_WARN_BODY) return false;
    if (a->kind == CC_WARN_CLAUSE) return a->line < b->line;
    if (a->module != b->module) return a->module < b->module;
    int r = strcmp(a->key, b->key);
    return r < 0 || (r == 0 && a->kind == CC_WARN_DEPRECATED && a->line < b->line);
}

/* qsort's order: Elixir's, and the order of filing among equals. */
static int entry_order(const void *x, const void *y)
{
    const warn_entry *a = *(const warn_entry *const *)x, *b = *(const warn_entry *const *)y;
    if (entry_before(a, b)) return -1;
    if (entry_before(b, a)) return 1;
    return a < b ? -1 : a > b;
}

char *cc_warnings_text(const warn_list *l)
{
    if (l->n == 0) return NULL;
    const warn_entry **order = ciex_xmalloc(l->n * sizeof *order, "compiler");
    for (uint32_t i = 0; i < l->n; i++) order[i] = &l->items[i];
    qsort(order, l->n, sizeof *order, entry_order);
    ciex_buf out = {0};
    for (uint32_t i = 0; i < l->n;) {
        const warn_entry *e = order[i];
        if (e->kind != CC_WARN_DEPRECATED) {
            ciex_buf_put(&out, e->text, strlen(e->text));
            i++;
            continue;
        }
        /* Elixir checks a module's remote calls once it is compiled: one
         * warning per deprecated function, with every function calling it */
        uint32_t end = i, nloc = 0;
        while (end < l->n && order[end]->kind == CC_WARN_DEPRECATED && order[end]->module == e->module &&
               strcmp(order[end]->key, e->key) == 0) {
            if (end == i || strcmp(order[end]->loc, order[end - 1]->loc) != 0) nloc++;
            end++;
        }
        ciex_buf_put(&out, e->text, strlen(e->text));
        if (nloc > 1) {
            char head[64];
            int n = snprintf(head, sizeof head, "Invalid call found at %u locations:\n", nloc);
            ciex_buf_put(&out, head, (size_t)n);
        }
        for (uint32_t k = i; k < end; k++) {
            if (k > i && strcmp(order[k]->loc, order[k - 1]->loc) == 0) continue;
            ciex_buf_put(&out, "  ", 2);
            ciex_buf_put(&out, order[k]->loc, strlen(order[k]->loc));
            ciex_buf_put(&out, "\n", 1);
        }
        ciex_buf_put(&out, "\n", 1);
        i = end;
    }

    free(order);
    return (char *)out.data;
}

void cc_warn_nested(compiler *c, const char *text)
{
    list_add(c, &c->mod->warnings, (warn_entry){CC_WARN_EXPAND, 0, "", scratch_str(c, text), NULL, 0, c->mod->pos});
}

void cc_warnings_flush(compiler *c, warn_list *l)
{
    char *text = cc_warnings_text(l);
    if (text) vm_warn(c->rt, text);
    free(text);
    l->n = 0;
}

/* ---- variables ---- */

/* Names the user wrote that the warnings concern: not `_x` (meant to be
 * unused) nor the compiler's own (they hold a space or start with _ or
 * &, as a capture's &1). */
static bool user_name(term name)
{
    const char *s = term_atom_name(name);
    return s[0] != '_' && s[0] != '&' && !strchr(s, ' ');
}

static bool visible(const fn_state *fs, term name)
{
    for (; fs; fs = fs->is_lambda ? fs->parent : NULL)
        for (const scope *s = fs->scope; s; s = s->parent)
            for (uint32_t i = 0; i < s->nvars; i++)
                if (s->vars[i].name == name) return true;
    return false;
}

uint32_t cc_use_new(fn_state *fs, term name)
{
    compiler *c = fs->c;
    if (!c->warn) return CC_NO_USE;
    if (c->nuses == c->uses_cap) {
        c->uses_cap = c->uses_cap ? c->uses_cap * 2 : 32;
        c->uses = ciex_xrealloc(c->uses, c->uses_cap * sizeof *c->uses, "compiler");
    }
    c->uses[c->nuses] = (var_use){name, fs->line, !user_name(name), visible(fs, name)};
    return c->nuses++;
}

static int use_order(const void *a, const void *b)
{
    const var_use *x = *(const var_use *const *)a, *y = *(const var_use *const *)b;
    int r = strcmp(term_atom_name(x->name), term_atom_name(y->name));
    return r ? r : (x < y ? -1 : x > y);
}

void cc_use_scope_end(fn_state *fs, scope *s)
{
    compiler *c = fs->c;
    if (!c->warn || c->nuses <= s->first_use) return;
    uint32_t n = 0;
    var_use **unused = cc_scratch(c, (c->nuses - s->first_use) * sizeof *unused);
    /* a variable a macro's quote made (hygienic) is the macro's business,
     * as in Elixir */
    for (uint32_t i = s->first_use; i < c->nuses; i++)
        if (!c->uses[i].used && !cc_is_hygienic_name(c->uses[i].name)) unused[n++] = &c->uses[i];
    qsort(unused, n, sizeof *unused, use_order);
    for (uint32_t i = 0; i < n; i++) {
        const char *name = term_atom_name(unused[i]->name);
        if (unused[i]->overridden)
            cc_warn(fs, unused[i]->line, CC_WARN_EXPAND, NULL,
                    "variable \"%s\" is unused (there is a variable with the same name in the context, use the pin "
                    "operator (^) to match on it or prefix this variable with underscore if it is not meant to be "
                    "used)",
                    name);
        else
            cc_warn(fs, unused[i]->line, CC_WARN_EXPAND, NULL,
                    "variable \"%s\" is unused (if the variable is not meant to be used, prefix it with an "
                    "underscore)",
                    name);
    }
    c->nuses = s->first_use;
}

void cc_use_all(fn_state *fs)
{
    compiler *c = fs->c;
    if (!c->warn) return;
    for (; fs; fs = fs->is_lambda ? fs->parent : NULL)
        for (const scope *s = fs->scope; s; s = s->parent)
            for (uint32_t i = 0; i < s->nvars; i++)
                if (s->vars[i].use != CC_NO_USE) c->uses[s->vars[i].use].used = true;
}

/* ---- clauses that cannot match ---- */

static bool always_matches(const term *pats, uint32_t n, term guard)
{
    if (guard != TERM_NONE) return false;
    for (uint32_t i = 0; i < n; i++) {
        if (!ast_is_var(pats[i])) return false;
        for (uint32_t j = 0; j < i; j++) /* f(x, x) compares */
            if (ast_var_name(pats[j]) == ast_var_name(pats[i]) && strcmp(term_atom_name(ast_var_name(pats[i])), "_"))
                return false;
    }
    return true;
}

/* A comparison of two constants (`when 1 > 2`): Erlang's compiler finds
 * it always yields the same result. */
static bool constant_check(term guard)
{
    static const char *ops[] = {"==", "!=", "===", "!==", "<", ">", "<=", ">=", NULL};
    for (int i = 0; ops[i]; i++)
        if (ast_is_call(guard, ops[i], 2)) {
            term a, b;
            if (!cc_literal_value(term_head(ast_args(guard)), &a)) return false;
            bool constant = cc_literal_value(term_head(term_tail(ast_args(guard))), &b);
            term_release(a);
            if (constant) term_release(b);
            return constant;
        }
    return false;
}

void cc_warn_clauses(fn_state *fs, const term *pats, uint32_t npats, term guard, uint32_t line, uint32_t *always_line,
                     const char *what)
{
    if (!fs->c->warn) return;
    /* the top level is evaluated, not compiled by Erlang's compiler
     * (whose warnings these are) */
    if (!fs->c->mod->is_module) return;
    if (guard != TERM_NONE && constant_check(guard))
        cc_warn_where(fs->c, line ? line : fs->line, NULL, CC_WARN_CLAUSE, NULL,
                      "this check/guard will always yield the same result");
    if (*always_line) {
        if (what)
            cc_warn_where(fs->c, line, NULL, CC_WARN_CLAUSE, NULL,
                          "this clause for %s cannot match because a previous clause at line %u always matches", what,
                          *always_line);
        else
            cc_warn_where(fs->c, line, NULL, CC_WARN_CLAUSE, NULL,
                          "this clause cannot match because a previous clause at line %u always matches",
                          *always_line);
        return;
    }
    if (always_matches(pats, npats, guard)) *always_line = line ? line : fs->line;
}

/* ---- deprecated functions ---- */

/* Elixir 1.14's hard deprecations (`Mod.__info__(:deprecated)` of every
 * module of the elixir application) of the modules ciex has or may have;
 * a call warns only when ciex defines the function. */
static const struct deprecated {
    const char *module, *fun;
    uint8_t arity;
    const char *advice;
} deprecated[] = {
    {"Atom", "to_char_list", 1, "Use Atom.to_charlist/1 instead"},
    {"Enum", "chunk", 2, "Use Enum.chunk_every/2 instead"},
    {"Enum", "chunk", 3, "Use Enum.chunk_every/3 instead"},
    {"Enum", "chunk", 4, "Use Enum.chunk_every/4 instead"},
    {"Enum", "filter_map", 3, "Use Enum.filter/2 + Enum.map/2 or for comprehensions instead"},
    {"Enum", "partition", 2, "Use Enum.split_with/2 instead"},
    {"Enum", "uniq", 2, "Use Enum.uniq_by/2 instead"},
    {"Float", "to_char_list", 1, "Use Float.to_charlist/1 instead"},
    {"Float", "to_char_list", 2, "Use :erlang.float_to_list/2 instead"},
    {"Float", "to_string", 2, "Use :erlang.float_to_binary/2 instead"},
    {"Integer", "to_char_list", 1, "Use Integer.to_charlist/1 instead"},
    {"Integer", "to_char_list", 2, "Use Integer.to_charlist/2 instead"},
    {"Keyword", "delete", 3, "Use Keyword.fetch/2 + Keyword.delete/2 instead"},
    {"Keyword", "map", 2, "Use Keyword.new/2 instead"},
    {"Keyword", "size", 1, "Use Kernel.length/1 instead"},
    {"List.Chars", "to_char_list", 1, "Use List.Chars.to_charlist/1 instead"},
    {"Macro", "to_string", 2, "Use Macro.to_string/1 instead"},
    {"Macro", "unescape_tokens", 1, "Traverse over the arguments using Enum.map/2 instead"},
    {"Macro", "unescape_tokens", 2, "Traverse over the arguments using Enum.map/2 instead"},
    {"Map", "map", 2, "Use Map.new/2 instead (invoke Map.from_struct/1 before if you have a struct)"},
    {"Map", "size", 1, "Use Kernel.map_size/1 instead"},
    {"Range", "range?", 1, "Pattern match on first..last//step instead"},
    {"Registry", "start_link", 2, "Use Registry.start_link/1 instead"},
    {"Registry", "start_link", 3, "Use Registry.start_link/1 instead"},
    {"Stream", "chunk", 2, "Use Stream.chunk_every/2 instead"},
    {"Stream", "chunk", 3, "Use Stream.chunk_every/3 instead"},
    {"Stream", "chunk", 4, "Use Stream.chunk_every/4 instead"},
    {"Stream", "filter_map", 3, "Use Stream.filter/2 + Stream.map/2 instead"},
    {"Stream", "uniq", 2, "Use Stream.uniq_by/2 instead"},
    {"String", "ljust", 2, "Use String.pad_trailing/2 instead"},
    {"String", "ljust", 3, "Use String.pad_trailing/3 with a binary padding instead"},
    {"String", "lstrip", 1, "Use String.trim_leading/1 instead"},
    {"String", "lstrip", 2, "Use String.trim_leading/2 with a binary as second argument instead"},
    {"String", "next_grapheme_size", 1, "Use String.next_grapheme/1 instead"},
    {"String", "rjust", 2, "Use String.pad_leading/2 instead"},
    {"String", "rjust", 3, "Use String.pad_leading/3 with a binary padding instead"},
    {"String", "rstrip", 1, "Use String.trim_trailing/1 instead"},
    {"String", "rstrip", 2, "Use String.trim_trailing/2 with a binary as second argument instead"},
    {"String", "strip", 1, "Use String.trim/1 instead"},
    {"String", "strip", 2, "Use String.trim/2 with a binary second argument instead"},
    {"String", "to_char_list", 1, "Use String.to_charlist/1 instead"},
    {"String", "valid_character?", 1, "Use String.valid?/1 instead"},
    {"System", "cwd", 0, "Use File.cwd/0 instead"},
    {"System", "cwd!", 0, "Use File.cwd!/0 instead"},
    {"System", "get_pid", 0, "Use System.pid/0 instead"},
    {"System", "stacktrace", 0, "Use __STACKTRACE__ instead"},
    {"Task", "find", 2, "Pattern match directly on the message instead"},
};

void cc_warn_deprecated(fn_state *fs, term module, term fun, uint32_t arity)
{
    if (!fs->c->warn) return;
    const char *m = term_atom_name(module);
    if (strncmp(m, "Elixir.", 7) != 0) return;
    m += 7;
    const char *f = term_atom_name(fun);
    for (size_t i = 0; i < sizeof deprecated / sizeof *deprecated; i++) {
        const struct deprecated *d = &deprecated[i];
        if (d->arity != arity || strcmp(d->fun, f) != 0 || strcmp(d->module, m) != 0) continue;
        vm_module *vm = vm_get_module(fs->c->rt, module);
        const vm_function *def = vm ? vm_module_find(vm, fun, arity) : NULL;
        if (!def || !def->exported) return;
        compiler *c = fs->c;
        if (!c->mod->is_module) {
            cc_warn(fs, 0, CC_WARN_EXPAND, NULL, "%s.%s/%u is deprecated. %s", m, f, arity, d->advice);
            return;
        }
        char key[128], text[512], loc[1024], where[512];
        snprintf(key, sizeof key, "%s.%s/%u", m, f, arity);
        snprintf(text, sizeof text, "warning: %s is deprecated. %s\n", key, d->advice);
        const char *w = where_of(fs, where, sizeof where);
        snprintf(loc, sizeof loc, "%.*s:%u%s%s", (int)term_binary_size(c->file), (const char *)term_binary_data(c->file),
                 fs->line, w ? ": " : "", w ? w : "");
        /* Elixir checks a module's remote calls after compiling it and
         * reports once the file (the input, at the prompt) has run */
        list_add(c, &c->lexical,
                 (warn_entry){CC_WARN_DEPRECATED, fs->line, scratch_str(c, key), scratch_str(c, text), scratch_str(c, loc),
                              c->mod->seq, 0});
        return;
    }
}

/* ---- aliases and imports ---- */

void cc_import_note(fn_state *fs, term module, uint32_t line)
{
    compiler *c = fs->c;
    module_ctx *m = c->mod;
    if (!c->warn || (c->shell && !m->is_module)) return; /* iex keeps its imports */
    if (m->nimport_uses == m->import_uses_cap) {
        uint32_t cap = m->import_uses_cap ? m->import_uses_cap * 2 : 4;
        m->import_uses =
            cc_scratch_grow(c, m->import_uses, m->import_uses_cap * sizeof *m->import_uses, cap * sizeof *m->import_uses);
        m->import_uses_cap = cap;
    }
    m->import_uses[m->nimport_uses++] = (import_use){module, line, false};
}

void cc_import_used(module_ctx *m, term module)
{
    for (uint32_t i = 0; i < m->nimport_uses; i++)
        if (m->import_uses[i].module == module) m->import_uses[i].used = true;
}

void cc_warn_unused_aliases(compiler *c, module_ctx *m)
{
    if (!c->warn) return;
    char name[256];
    for (uint32_t i = 0; i < m->naliases; i++) {
        const alias_entry *a = &m->aliases[i];
        if (!a->line || a->used) continue;
        const char *shown = term_atom_name(a->short_name);
        cc_warn_where(c, a->line, NULL, CC_WARN_ALIAS, shown, "unused alias %s", shown);
    }
    for (uint32_t i = 0; i < m->nimport_uses; i++) {
        const import_use *u = &m->import_uses[i];
        if (u->used) continue;
        cc_module_text(u->module, name, sizeof name);
        cc_warn_where(c, u->line, NULL, CC_WARN_IMPORT, name, "unused import %s", name);
    }
}
