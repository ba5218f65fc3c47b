/* compile.c - the compiler's core: emitting code, registers and scopes,
 * and expressions (literals, variables, data structures, calls).
 *
 * Special forms (case, fn, receive, try, ...) are in compile_forms.c,
 * patterns and guards in compile_match.c, modules in compile_module.c.
 *
 * Errors are reported as Elixir's CompileError: cc_error fills the error
 * and longjmps out of the whole compilation; everything allocated so far
 * is owned by the runtime (code objects), is scratch memory, or belongs to
 * a function or module in progress that cc_compiler_end discards. */
#define _GNU_SOURCE /* pthread_getattr_np */
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "compiler.h"

/* ---- AST helpers ---- */

uint32_t cc_line_of(term e)
{
    if (!term_is_tuple(e) || term_tuple_arity(e) != 3) return 0;
    term meta = term_tuple_get(e, 1);
    for (term l = meta; term_is_cons(l); l = term_tail(l)) {
        term kv = term_head(l);
        if (term_is_tuple(kv) && term_tuple_arity(kv) == 2 && term_tuple_get(kv, 0) == term_atom("line") &&
            term_is_small(term_tuple_get(kv, 1)))
            return (uint32_t)term_small_value(term_tuple_get(kv, 1));
    }
    return 0;
}

bool ast_is_call(term e, const char *name, intptr_t nargs)
{
    if (!term_is_tuple(e) || term_tuple_arity(e) != 3) return false;
    term n = term_tuple_get(e, 0), args = term_tuple_get(e, 2);
    if (!term_is_atom(n) || strcmp(term_atom_name(n), name) != 0 || !term_is_list(args)) return false;
    return nargs < 0 || term_list_length(args) == nargs;
}

term ast_args(term e)
{
    if (!term_is_tuple(e) || term_tuple_arity(e) != 3) return TERM_NIL;
    term a = term_tuple_get(e, 2);
    return term_is_list(a) ? a : TERM_NIL;
}

term ast_kw_get(term kw, const char *key)
{
    term k = term_atom(key);
    for (term l = kw; term_is_cons(l); l = term_tail(l)) {
        term kv = term_head(l);
        if (term_is_tuple(kv) && term_tuple_arity(kv) == 2 && term_tuple_get(kv, 0) == k) return term_tuple_get(kv, 1);
    }
    return TERM_NONE;
}

bool ast_is_var(term e)
{
    return term_is_tuple(e) && term_tuple_arity(e) == 3 && term_is_atom(term_tuple_get(e, 0)) &&
           term_is_atom(term_tuple_get(e, 2));
}

term ast_var_name(term e) { return cc_hygienic_name(term_tuple_get(e, 0), term_tuple_get(e, 2)); }

/* A module as Elixir prints it: KV for Elixir.KV, :timer for an Erlang
 * module. */
const char *cc_module_text(term module, char *buf, size_t n)
{
    char *s = term_inspect(module, NULL, NULL);
    snprintf(buf, n, "%s", s);
    free(s);
    return buf;
}

/* ---- scratch memory and the end of a compilation ---- */

typedef struct scratch_chunk {
    struct scratch_chunk *next;
    size_t used, cap;
    max_align_t data[];
} scratch_chunk;

void *cc_scratch(compiler *c, size_t bytes)
{
    bytes = (bytes + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    scratch_chunk *k = c->scratch;
    if (!k || k->cap - k->used < bytes) {
        size_t cap = bytes > 60000 ? bytes : 60000;
        k = ciex_xmalloc(sizeof *k + cap, "compiler");
        k->used = 0;
        k->cap = cap;
        k->next = c->scratch;
        c->scratch = k;
    }
    void *p = (char *)k->data + k->used;
    k->used += bytes;
    return p;
}

void *cc_scratch_grow(compiler *c, void *old, size_t old_bytes, size_t new_bytes)
{
    void *p = cc_scratch(c, new_bytes);
    if (old && old_bytes) memcpy(p, old, old_bytes < new_bytes ? old_bytes : new_bytes);
    return p;
}

/* What a function in progress holds, when a compile error abandons it. */
static void fn_discard(fn_state *fs)
{
    free(fs->ops);
    free(fs->lines);
    for (uint32_t i = 0; i < fs->nliterals; i++) term_release(fs->literals[i]);
    free(fs->literals);
    free(fs->calls);
    free(fs->lambdas);
    free(fs->captures);
    term_release(fs->pattern_vars);
    free(fs);
}

term cc_hold(compiler *c, term t)
{
    c->held = term_cons_new(t, c->held);
    return t;
}

void cc_compiler_end(compiler *c, bool failed, const module_ctx *top)
{
    term_release(c->held);
    c->held = TERM_NIL;
    if (failed) {
        while (c->live) {
            fn_state *fs = c->live;
            c->live = fs->live_next;
            fn_discard(fs);
        }
        while (c->mod && c->mod != top) {
            module_ctx *m = c->mod;
            c->mod = m->parent;
            cc_module_discard(m);
        }
    }
    while (c->scratch) {
        scratch_chunk *k = c->scratch;
        c->scratch = k->next;
        free(k);
    }
}

/* ---- errors ---- */

_Noreturn void cc_error(fn_state *fs, const char *kind, const char *fmt, ...)
{
    lang_compile_error *err = fs->c->err;
    err->kind = kind;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    snprintf(err->file, sizeof err->file, "%.*s", (int)term_binary_size(fs->c->file),
             (const char *)term_binary_data(fs->c->file));
    err->line = (int)fs->line;
    err->raised = false;
    err->in_module = fs->c->mod->is_module;
    longjmp(fs->c->fail, 1);
}

_Noreturn void cc_raise(fn_state *fs, const char *kind, const char *message)
{
    lang_compile_error *err = fs->c->err;
    err->kind = kind;
    snprintf(err->message, sizeof err->message, "%s", message);
    snprintf(err->file, sizeof err->file, "%.*s", (int)term_binary_size(fs->c->file),
             (const char *)term_binary_data(fs->c->file));
    err->line = (int)fs->line;
    err->raised = true;
    err->in_module = fs->c->mod->is_module;
    longjmp(fs->c->fail, 1);
}

/* ---- emitting ---- */

uint32_t cc_emit(fn_state *fs, uint32_t word)
{
    if (fs->nops == fs->ops_cap) {
        fs->ops_cap = fs->ops_cap ? fs->ops_cap * 2 : 64;
        fs->ops = ciex_xrealloc(fs->ops, fs->ops_cap * sizeof *fs->ops, "code");
        fs->lines = ciex_xrealloc(fs->lines, fs->ops_cap * sizeof *fs->lines, "code");
    }
    fs->lines[fs->nops] = fs->line;
    fs->ops[fs->nops] = word;
    return fs->nops++;
}

void cc_patch(fn_state *fs, uint32_t at, uint32_t value) { fs->ops[at] = value; }
uint32_t cc_here(const fn_state *fs) { return fs->nops; }

uint32_t cc_literal(fn_state *fs, term value)
{
    for (uint32_t i = 0; i < fs->nliterals; i++)
        if (fs->literals[i] == value) {
            term_release(value);
            return VM_LIT | i;
        }
    if (fs->nliterals == fs->literals_cap) {
        fs->literals_cap = fs->literals_cap ? fs->literals_cap * 2 : 16;
        fs->literals = ciex_xrealloc(fs->literals, fs->literals_cap * sizeof *fs->literals, "compiler");
    }
    fs->literals[fs->nliterals] = value;
    return VM_LIT | fs->nliterals++;
}

uint32_t cc_alloc(fn_state *fs)
{
    uint32_t r = fs->next_reg++;
    if (fs->next_reg > fs->max_reg) fs->max_reg = fs->next_reg;
    return r;
}

uint32_t cc_call_site(fn_state *fs, term module, term function, uint32_t arity, bool local)
{
    for (uint32_t i = 0; i < fs->ncalls; i++) {
        vm_call_site *cs = &fs->calls[i];
        if (cs->module == module && cs->function == function && cs->arity == arity && cs->local == local) return i;
    }
    if (fs->ncalls == fs->calls_cap) {
        fs->calls_cap = fs->calls_cap ? fs->calls_cap * 2 : 8;
        fs->calls = ciex_xrealloc(fs->calls, fs->calls_cap * sizeof *fs->calls, "compiler");
    }
    fs->calls[fs->ncalls] = (vm_call_site){module, function, arity, local, NULL, 0, -1};
    return fs->ncalls++;
}

int32_t cc_bif(fn_state *fs, const char *module, const char *name, uint32_t arity)
{
    int32_t b = vm_find_bif(fs->c->rt, term_atom(module), term_atom(name), arity);
    if (b < 0) {
        fprintf(stderr, "ciex: internal error: missing BIF %s:%s/%u\n", module, name, arity);
        abort();
    }
    return b;
}

void cc_move(fn_state *fs, uint32_t dst, uint32_t src)
{
    if (dst == src) return;
    cc_emit(fs, OP_MOVE);
    cc_emit(fs, dst);
    cc_emit(fs, src);
}

/* ---- scopes ---- */

void cc_scope_push(fn_state *fs, scope *s)
{
    memset(s, 0, sizeof *s);
    s->parent = fs->scope;
    s->reg_floor = fs->next_reg;
    s->first_use = fs->c->nuses;
    fs->scope = s;
}

void cc_scope_pop(fn_state *fs)
{
    scope *s = fs->scope;
    cc_use_scope_end(fs, s);
    fs->scope = s->parent;
    fs->next_reg = s->reg_floor;
}

void cc_bind(fn_state *fs, term name, uint32_t reg)
{
    scope *s = fs->scope;
    uint32_t use = cc_use_new(fs, name);
    for (uint32_t i = 0; i < s->nvars; i++)
        if (s->vars[i].name == name) {
            s->vars[i].reg = reg;
            s->vars[i].use = use;
            return;
        }
    if (s->nvars == s->cap) {
        uint32_t cap = s->cap ? s->cap * 2 : 8;
        s->vars = cc_scratch_grow(fs->c, s->vars, s->cap * sizeof *s->vars, cap * sizeof *s->vars);
        s->cap = cap;
    }
    s->vars[s->nvars++] = (var){name, reg, use};
}

static bool scope_find(const fn_state *fs, term name, uint32_t *reg)
{
    for (const scope *s = fs->scope; s; s = s->parent)
        for (uint32_t i = s->nvars; i-- > 0;)
            if (s->vars[i].name == name) {
                *reg = s->vars[i].reg;
                if (s->vars[i].use != CC_NO_USE) fs->c->uses[s->vars[i].use].used = true;
                return true;
            }
    return false;
}

/* Looks a variable up, capturing it from enclosing functions if needed. */
bool cc_lookup(fn_state *fs, term name, uint32_t *operand)
{
    if (scope_find(fs, name, operand)) return true;
    if (!fs->is_lambda || !fs->parent) return false;
    for (uint32_t i = 0; i < fs->ncaptures; i++)
        if (fs->captures[i].name == name) {
            *operand = fs->captures[i].reg;
            return true;
        }
    uint32_t outer;
    if (!cc_lookup(fs->parent, name, &outer)) return false;
    if (fs->ncaptures == fs->captures_cap) {
        fs->captures_cap = fs->captures_cap ? fs->captures_cap * 2 : 4;
        fs->captures = ciex_xrealloc(fs->captures, fs->captures_cap * sizeof *fs->captures, "compiler");
    }
    /* captured values live in registers reserved after the parameters;
     * they are numbered at finish time, so use a placeholder range */
    uint32_t reg = 0x40000000u + fs->ncaptures;
    fs->captures[fs->ncaptures++] = (capture){name, outer, reg};
    *operand = reg;
    return true;
}

/* ---- functions ---- */

void cc_fn_init(fn_state *fs, compiler *c, fn_state *parent, term module, term name, uint32_t arity)
{
    memset(fs, 0, sizeof *fs);
    fs->c = c;
    fs->parent = parent;
    fs->live_next = c->live;
    c->live = fs;
    fs->code = vm_code_new(c->rt, module, name, arity);
    fs->code->file = term_retain(c->file);
    fs->next_reg = fs->max_reg = arity;
    fs->pattern_vars = TERM_NONE;
}

/* Captured variables were given placeholder registers (0x40000000 + k);
 * now that the number of registers is known, they become real registers
 * right after the parameters: every register from `arity` up moves up by
 * the number of captures. */
static void renumber_captures(fn_state *fs);

vm_code *cc_fn_finish(fn_state *fs)
{
    for (fn_state **l = &fs->c->live; *l; l = &(*l)->live_next)
        if (*l == fs) {
            *l = fs->live_next;
            break;
        }
    renumber_captures(fs);
    cc_fuse(fs->ops, fs->nops, fs->literals);
    vm_code *code = fs->code;
    code->ops = fs->ops;
    code->nops = fs->nops;
    code->lines = fs->lines;
    code->literals = fs->literals;
    code->nliterals = fs->nliterals;
    code->calls = fs->calls;
    code->ncalls = fs->ncalls;
    code->local_targets = ciex_xcalloc(fs->ncalls ? fs->ncalls : 1, sizeof *code->local_targets, "compiler");
    code->lambdas = fs->lambdas;
    code->nlambdas = fs->nlambdas;
    code->nfree = fs->ncaptures;
    code->nregs = fs->max_reg + fs->ncaptures;
    if (code->nregs < code->arity + code->nfree) code->nregs = code->arity + code->nfree;
    free(fs->captures);
    fs->ops = NULL;
    fs->lines = NULL;
    fs->literals = NULL;
    fs->calls = NULL;
    fs->lambdas = NULL;
    fs->captures = NULL;
    return code;
}

/* ---- operand layout of each opcode, for renumbering ---- */

/* Kinds of operand words. */
enum { W_REG, W_SRC, W_OTHER };

/* Calls fn on every register/source operand word of the instruction at pc;
 * returns the instruction's length. */
static uint32_t visit_operands(uint32_t *ops, uint32_t pc, void (*fn)(uint32_t *word, void *ctx), void *ctx)
{
    uint32_t *o = ops + pc;
#define R_(i) fn(&o[i], ctx)
    switch ((vm_op)o[0]) {
    case OP_MOVE: case OP_GET_HEAD: case OP_GET_TAIL: R_(1); R_(2); return 3;
    case OP_JUMP: return 2;
    case OP_RET: R_(1); return 2;
    case OP_CALL: { uint32_t n = o[3]; R_(1); for (uint32_t i = 0; i < n; i++) R_(4 + i); return 4 + n; }
    case OP_TAIL_CALL: { uint32_t n = o[2]; for (uint32_t i = 0; i < n; i++) R_(3 + i); return 3 + n; }
    case OP_CALL_FUN: { uint32_t n = o[3]; R_(1); R_(2); for (uint32_t i = 0; i < n; i++) R_(4 + i); return 4 + n; }
    case OP_TAIL_CALL_FUN: { uint32_t n = o[2]; R_(1); for (uint32_t i = 0; i < n; i++) R_(3 + i); return 3 + n; }
    case OP_APPLY: R_(1); R_(2); R_(3); R_(4); return 5;
    case OP_BIF: { uint32_t n = o[4]; R_(1); for (uint32_t i = 0; i < n; i++) R_(5 + i); return 5 + n; }
    case OP_TEST_TRUE: R_(1); return 3;
    case OP_TEST_EQ_EXACT: case OP_TEST_NE_EXACT: R_(1); R_(2); return 4;
    case OP_TEST_IS: case OP_TEST_IS_RET: case OP_TEST_IS_RET2: R_(1); return 4;
    case OP_TEST_IS_IMM: case OP_TEST_IS_RET_IMM: case OP_TEST_IS_RET2_IMM: R_(1); return 4;
    case OP_TEST_TRUTHY: R_(1); return 3;
    case OP_TEST_LT: case OP_TEST_LE: case OP_TEST_GT: case OP_TEST_GE: case OP_TEST_EQ: case OP_TEST_NE:
        R_(1); R_(2); return 4;
    case OP_TEST_TYPE: case OP_TEST_TUPLE: R_(1); return 4;
    case OP_TEST_CONS: R_(1); return 3;
    case OP_TEST_MAP_KEY: case OP_TEST_BIN_PREFIX: R_(1); R_(2); R_(3); return 5;
    case OP_GET_ELEM: R_(1); R_(2); return 4;
    case OP_MAKE_TUPLE: { uint32_t n = o[2]; R_(1); for (uint32_t i = 0; i < n; i++) R_(3 + i); return 3 + n; }
    case OP_MAKE_LIST: { uint32_t n = o[2]; R_(1); for (uint32_t i = 0; i <= n; i++) R_(3 + i); return 4 + n; }
    case OP_MAKE_MAP: { uint32_t n = o[2]; R_(1); for (uint32_t i = 0; i < 2 * n; i++) R_(3 + i); return 3 + 2 * n; }
    case OP_MAP_UPDATE: { uint32_t n = o[3]; R_(1); R_(2); for (uint32_t i = 0; i < 2 * n; i++) R_(4 + i); return 4 + 2 * n; }
    case OP_MAKE_FUN: { uint32_t n = o[3]; R_(1); for (uint32_t i = 0; i < n; i++) R_(4 + i); return 4 + n; }
    case OP_RECV_PEEK: R_(1); return 3;
    case OP_RECV_NEXT: return 2;
    case OP_RECV_REMOVE: case OP_TRY_END: return 1;
    case OP_RECV_WAIT: R_(1); return 4;
    case OP_TRY: R_(2); R_(3); R_(4); return 5;
    case OP_RAISE: R_(1); R_(2); return 3;
    case OP_RERAISE: R_(1); R_(2); R_(3); return 4;
    case OP_DEFINE_MODULE: R_(1); R_(2); return 3;
    case OP_ADD: case OP_SUB: case OP_MUL: case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_EQ:
    case OP_NE: case OP_EQ_EXACT: case OP_NE_EXACT: case OP_ADD_RET: case OP_SUB_RET:
    case OP_ADD_CALL: case OP_SUB_CALL: case OP_ADD_RET_RR: case OP_SUB_RET_RR: R_(1); R_(2); R_(3); return 4;
    case OP_ADD_IMM: case OP_SUB_IMM: case OP_ADD_IMM_ARG: case OP_SUB_IMM_ARG: R_(1); R_(2); return 4;
    case OP_SELF: R_(1); return 2;
    case OP_COUNT: break;
    }
#undef R_
    abort();
}

typedef struct renumber_ctx {
    uint32_t arity, ncaptures;
} renumber_ctx;

static void count_nothing(uint32_t *word, void *ctx)
{
    (void)word;
    (void)ctx;
}

uint32_t cc_op_length(const uint32_t *ops, uint32_t pc)
{
    /* visit_operands only reads through the words it is given here */
    return visit_operands((uint32_t *)ops, pc, count_nothing, NULL);
}

static void renumber_word(uint32_t *w, void *vctx)
{
    const renumber_ctx *c = vctx;
    if (*w & VM_LIT) return;
    if (*w >= 0x40000000u) *w = c->arity + (*w - 0x40000000u);
    else if (*w >= c->arity) *w += c->ncaptures;
}

static void renumber_captures(fn_state *fs)
{
    if (fs->ncaptures == 0) return;
    renumber_ctx ctx = {fs->code->arity, fs->ncaptures};
    for (uint32_t pc = 0; pc < fs->nops;) pc += visit_operands(fs->ops, pc, renumber_word, &ctx);
}

uint32_t cc_lambda_capture_count(const fn_state *fs);

/* ---- expressions ---- */

/* Whether e is a compile-time constant; if so *out gets its value. */
bool cc_literal_value(term e, term *out)
{
    switch (term_type_of(e)) {
    case TERM_T_SMALL: case TERM_T_BIGINT: case TERM_T_FLOAT: case TERM_T_BINARY: case TERM_T_ATOM:
    case TERM_T_NIL:
        *out = term_retain(e);
        return true;
    case TERM_T_CONS: {
        intptr_t n = term_list_length(e);
        if (n < 0) return false;
        term *items = ciex_xmalloc((size_t)n * sizeof *items, "compiler");
        intptr_t i = 0;
        bool ok = true;
        for (term l = e; term_is_cons(l) && ok; l = term_tail(l)) ok = cc_literal_value(term_head(l), &items[i++]);
        if (!ok) {
            while (--i > 0) term_release(items[i - 1]);
            free(items);
            return false;
        }
        *out = term_list_from_array(items, (size_t)n);
        free(items);
        return true;
    }
    case TERM_T_TUPLE:
        if (term_tuple_arity(e) == 3 && ast_is_call(e, "-", 1) && term_is_number(term_head(ast_args(e)))) {
            term n = term_head(ast_args(e));
            if (term_is_float(n)) *out = term_float_new(-term_float_value(n));
            else *out = term_int_neg(n);
            return true;
        }
        if (term_tuple_arity(e) == 2) {
            term a, b;
            if (!cc_literal_value(term_tuple_get(e, 0), &a)) return false;
            if (!cc_literal_value(term_tuple_get(e, 1), &b)) {
                term_release(a);
                return false;
            }
            *out = term_tuple2(a, b);
            return true;
        }
        return false;
    default: return false;
    }
}

static uint32_t into(fn_state *fs, uint32_t dst, uint32_t operand)
{
    if (dst == CC_ANY) return operand;
    cc_move(fs, dst, operand);
    return dst;
}

static uint32_t target_reg(fn_state *fs, uint32_t dst) { return dst == CC_ANY ? cc_alloc(fs) : dst; }

uint32_t cc_tuple_operand(fn_state *fs, uint32_t dst, uint32_t n, const uint32_t *items)
{
    uint32_t d = target_reg(fs, dst);
    cc_emit(fs, OP_MAKE_TUPLE);
    cc_emit(fs, d);
    cc_emit(fs, n);
    for (uint32_t i = 0; i < n; i++) cc_emit(fs, items[i]);
    return d;
}

void cc_raise_term(fn_state *fs, const char *klass, uint32_t reason)
{
    cc_emit(fs, OP_RAISE);
    cc_emit(fs, cc_literal(fs, term_atom(klass)));
    cc_emit(fs, reason);
}

/* Compiles each element of a list of ASTs into operands. */
static uint32_t *compile_items(fn_state *fs, term list, uint32_t *n)
{
    intptr_t len = term_list_length(list);
    uint32_t *ops = cc_scratch(fs->c, (size_t)(len > 0 ? len : 1) * sizeof *ops);
    uint32_t i = 0;
    for (term l = list; term_is_cons(l); l = term_tail(l)) {
        uint32_t o = cc_expr(fs, term_head(l), CC_ANY);
        /* a variable's register can be rebound by a later item (x = 1):
         * keep the value in its own register */
        ops[i++] = o;
    }
    *n = i;
    return ops;
}

/* After the arguments of an instruction were compiled from register
 * `mark` up: their temporaries may hold its result too (every instruction
 * reads its operands before it writes its destination), unless one of
 * them names a variable bound among the arguments (f(x = 1)). */
static void reuse_arg_temps(fn_state *fs, uint32_t mark, uint32_t dst)
{
    if (dst != CC_ANY) return;
    for (scope *s = fs->scope; s; s = s->parent)
        for (uint32_t i = 0; i < s->nvars; i++)
            if (s->vars[i].reg >= mark && s->vars[i].reg < 0x40000000u) return;
    fs->next_reg = mark;
}

static uint32_t compile_list(fn_state *fs, term e, uint32_t dst)
{
    term lit;
    if (cc_literal_value(e, &lit)) return into(fs, dst, cc_literal(fs, lit));
    /* [a, b | t] arrives as [a, {:|, _, [b, t]}]; the items go to
     * scratch memory, not the stack this recursion runs on */
    intptr_t len = term_list_length(e);
    term *items = cc_scratch(fs->c, (size_t)(len > 0 ? len : 1) * sizeof *items);
    uint32_t n = 0;
    term tail_ast = TERM_NONE;
    for (term l = e; term_is_cons(l); l = term_tail(l)) {
        term h = term_head(l);
        if (term_tail(l) == TERM_NIL && ast_is_call(h, "|", 2)) {
            items[n++] = term_head(ast_args(h));
            tail_ast = term_head(term_tail(ast_args(h)));
        } else {
            items[n++] = h;
        }
    }
    uint32_t *ops = cc_scratch(fs->c, (n + 1) * sizeof *ops);
    for (uint32_t i = 0; i < n; i++) ops[i] = cc_expr(fs, items[i], CC_ANY);
    ops[n] = tail_ast == TERM_NONE ? cc_literal(fs, TERM_NIL) : cc_expr(fs, tail_ast, CC_ANY);
    uint32_t d = target_reg(fs, dst);
    cc_emit(fs, OP_MAKE_LIST);
    cc_emit(fs, d);
    cc_emit(fs, n);
    for (uint32_t i = 0; i <= n; i++) cc_emit(fs, ops[i]);
    return d;
}

static uint32_t compile_tuple(fn_state *fs, term elems, uint32_t dst)
{
    uint32_t n;
    uint32_t *ops = compile_items(fs, elems, &n);
    uint32_t d = cc_tuple_operand(fs, dst, n, ops);
    return d;
}

/* Keyword-style or => pairs of a map literal: [{k, v}, ...]. */
static uint32_t compile_map_pairs(fn_state *fs, term pairs, uint32_t dst, uint32_t update_src)
{
    intptr_t n = term_list_length(pairs);
    uint32_t *ops = cc_scratch(fs->c, 2 * (size_t)(n > 0 ? n : 1) * sizeof *ops);
    uint32_t i = 0;
    for (term l = pairs; term_is_cons(l); l = term_tail(l)) {
        term kv = term_head(l);
        if (!term_is_tuple(kv) || term_tuple_arity(kv) != 2) cc_error(fs, "CompileError", "invalid map entry");
        ops[i++] = cc_expr(fs, term_tuple_get(kv, 0), CC_ANY);
        ops[i++] = cc_expr(fs, term_tuple_get(kv, 1), CC_ANY);
    }
    uint32_t d = target_reg(fs, dst);
    if (update_src == CC_ANY) {
        cc_emit(fs, OP_MAKE_MAP);
        cc_emit(fs, d);
    } else {
        cc_emit(fs, OP_MAP_UPDATE);
        cc_emit(fs, d);
        cc_emit(fs, update_src);
    }
    cc_emit(fs, (uint32_t)n);
    for (uint32_t k = 0; k < i; k++) cc_emit(fs, ops[k]);
    return d;
}

static uint32_t compile_map(fn_state *fs, term e, uint32_t dst)
{
    term args = ast_args(e);
    if (term_is_cons(args) && term_tail(args) == TERM_NIL && ast_is_call(term_head(args), "|", 2)) {
        term upd = ast_args(term_head(args));
        uint32_t src = cc_expr(fs, term_head(upd), CC_ANY);
        return compile_map_pairs(fs, term_head(term_tail(upd)), dst, src);
    }
    return compile_map_pairs(fs, args, dst, CC_ANY);
}

term cc_expand_alias(fn_state *fs, term e)
{
    term parts = ast_args(e);
    char buf[1024] = "Elixir";
    size_t len = 6;
    bool first = true;
    /* a quote's alias: `alias: false` is not expanded in the caller,
     * `alias: Full` is Full */
    term quoted = term_is_list(term_tuple_get(e, 1)) ? ast_kw_get(term_tuple_get(e, 1), "alias") : TERM_NONE;
    if (quoted != TERM_NONE && term_is_atom(quoted) && quoted != TERM_FALSE && term_is_cons(parts)) {
        len = (size_t)snprintf(buf, sizeof buf, "%s", term_atom_name(quoted));
        parts = term_tail(parts);
        first = false;
    } else if (quoted == TERM_FALSE) {
        first = false;
        if (term_is_cons(parts) && !term_is_atom(term_head(parts))) first = true;
    }
    for (term l = parts; term_is_cons(l); l = term_tail(l)) {
        term seg = term_head(l);
        if (first) {
            first = false;
            if (!term_is_atom(seg)) {
                /* __MODULE__.Sub or an atom head: {:__aliases__, _, [{:__MODULE__, _, nil}, :Sub]} */
                if (ast_is_var(seg) && ast_var_name(seg) == term_atom("__MODULE__")) {
                    const char *m = term_atom_name(fs->c->mod->name);
                    len = (size_t)snprintf(buf, sizeof buf, "%s", m);
                    continue;
                }
                if (term_is_atom(seg)) {
                    len = (size_t)snprintf(buf, sizeof buf, "%s", term_atom_name(seg));
                    continue;
                }
                cc_error(fs, "CompileError", "invalid alias");
            }
            /* an alias defined with `alias` replaces the first segment */
            for (module_ctx *m = fs->c->mod; m; m = m->parent)
                for (uint32_t i = 0; i < m->naliases; i++)
                    if (m->aliases[i].short_name == seg) {
                        m->aliases[i].used = true;
                        len = (size_t)snprintf(buf, sizeof buf, "%s", term_atom_name(m->aliases[i].full));
                        goto next;
                    }
        }
        if (!term_is_atom(seg)) cc_error(fs, "CompileError", "invalid alias");
        if (len == 6 && seg == term_atom("Elixir")) continue; /* Elixir.String is String */
        len += (size_t)snprintf(buf + len, sizeof buf - len, ".%s", term_atom_name(seg));
    next:;
    }
    term a;
    if (term_atom_new(buf, strlen(buf), &a) != TERM_OK) cc_error(fs, "CompileError", "alias too long");
    return a;
}

/* ---- calls ---- */

void cc_call_remote(fn_state *fs, uint32_t dst, term module, term fun, uint32_t n, const uint32_t *args)
{
    uint32_t site = cc_call_site(fs, module, fun, n, false);
    cc_emit(fs, OP_CALL);
    cc_emit(fs, dst);
    cc_emit(fs, site);
    cc_emit(fs, n);
    for (uint32_t i = 0; i < n; i++) cc_emit(fs, args[i]);
}

static uint32_t emit_call(fn_state *fs, uint32_t site, uint32_t n, const uint32_t *args, uint32_t dst, bool tail)
{
    if (tail && fs->try_depth == 0) {
        cc_emit(fs, OP_TAIL_CALL);
        cc_emit(fs, site);
        cc_emit(fs, n);
        for (uint32_t i = 0; i < n; i++) cc_emit(fs, args[i]);
        return CC_ANY;
    }
    uint32_t d = target_reg(fs, dst);
    cc_emit(fs, OP_CALL);
    cc_emit(fs, d);
    cc_emit(fs, site);
    cc_emit(fs, n);
    for (uint32_t i = 0; i < n; i++) cc_emit(fs, args[i]);
    if (tail) {
        cc_emit(fs, OP_RET);
        cc_emit(fs, d);
        return CC_ANY;
    }
    return d;
}

static uint32_t emit_bif(fn_state *fs, int32_t bif, uint32_t n, const uint32_t *args, uint32_t dst)
{
    uint32_t d = target_reg(fs, dst);
    cc_emit(fs, OP_BIF);
    cc_emit(fs, d);
    cc_emit(fs, (uint32_t)bif);
    cc_emit(fs, 0);
    cc_emit(fs, n);
    for (uint32_t i = 0; i < n; i++) cc_emit(fs, args[i]);
    return d;
}

/* Operators and Kernel functions that are single instructions or BIFs. */
typedef struct inline_fn {
    const char *name;
    uint32_t arity;
    int op;              /* an opcode, or -1 for a BIF */
    const char *bif;     /* erlang function name */
} inline_fn;

static const inline_fn inline_fns[] = {
    {"+", 2, OP_ADD, NULL}, {"-", 2, OP_SUB, NULL}, {"*", 2, OP_MUL, NULL},
    {"<", 2, OP_LT, NULL}, {"<=", 2, OP_LE, NULL}, {">", 2, OP_GT, NULL}, {">=", 2, OP_GE, NULL},
    {"==", 2, OP_EQ, NULL}, {"!=", 2, OP_NE, NULL}, {"===", 2, OP_EQ_EXACT, NULL}, {"!==", 2, OP_NE_EXACT, NULL},
    {"/", 2, -1, "/"}, {"-", 1, -1, "-"}, {"+", 1, -1, "+"}, {"div", 2, -1, "div"}, {"rem", 2, -1, "rem"},
    {"abs", 1, -1, "abs"}, {"hd", 1, -1, "hd"}, {"tl", 1, -1, "tl"}, {"length", 1, -1, "length"},
    {"tuple_size", 1, -1, "tuple_size"}, {"++", 2, -1, "++"}, {"--", 2, -1, "--"},
    {"not", 1, -1, "not"}, {"is_atom", 1, -1, "is_atom"}, {"is_boolean", 1, -1, "is_boolean"},
    {"is_integer", 1, -1, "is_integer"}, {"is_float", 1, -1, "is_float"}, {"is_number", 1, -1, "is_number"},
    {"is_binary", 1, -1, "is_binary"}, {"is_bitstring", 1, -1, "is_bitstring"}, {"is_list", 1, -1, "is_list"},
    {"is_tuple", 1, -1, "is_tuple"}, {"is_map", 1, -1, "is_map"}, {"is_pid", 1, -1, "is_pid"},
    {"is_port", 1, -1, "is_port"}, {"is_reference", 1, -1, "is_reference"},
    {"is_function", 1, -1, "is_function"}, {"is_function", 2, -1, "is_function"},
    {"self", 0, -1, "self"}, {"node", 0, -1, "node"},
    {"node", 1, -1, "node"}, {"make_ref", 0, -1, "make_ref"}, {"spawn", 1, -1, "spawn"},
    {"spawn", 3, -1, "spawn"}, {"spawn_link", 1, -1, "spawn_link"}, {"spawn_link", 3, -1, "spawn_link"},
    {"send", 2, -1, "send"}, {"exit", 1, -1, "exit"}, {"throw", 1, -1, "throw"},
    {"max", 2, -1, "max"}, {"min", 2, -1, "min"}, {"round", 1, -1, "round"}, {"trunc", 1, -1, "trunc"},
    {"floor", 1, -1, "floor"}, {"ceil", 1, -1, "ceil"}, {"float", 1, -1, "float"},
    {"byte_size", 1, -1, "byte_size"}, {"bit_size", 1, -1, "bit_size"},
    {"map_size", 1, -1, "map_size"}, {"binary_part", 3, -1, "binary_part"},
    {"tuple_to_list", 1, -1, "tuple_to_list"}, {"list_to_tuple", 1, -1, "list_to_tuple"},
    {NULL, 0, 0, NULL},
};

static const inline_fn *find_inline(term name, uint32_t arity)
{
    const char *s = term_atom_name(name);
    for (const inline_fn *f = inline_fns; f->name; f++)
        if (f->arity == arity && strcmp(f->name, s) == 0) return f;
    return NULL;
}

const char *cc_inlined_bif(term name, uint32_t arity)
{
    const inline_fn *f = find_inline(name, arity);
    return f && f->op < 0 ? f->bif : NULL;
}

bool cc_module_defines(const module_ctx *m, term name, uint32_t arity)
{
    for (term l = m->defined; term_is_cons(l); l = term_tail(l)) {
        term t = term_head(l);
        if (term_tuple_get(t, 0) == name && term_tuple_get(t, 1) == term_small(arity)) return true;
    }
    return false;
}

static bool runtime_has(fn_state *fs, term module, term name, uint32_t arity)
{
    for (term l = fs->c->compiled; term_is_cons(l); l = term_tail(l)) {
        term entry = term_head(l);
        if (term_tuple_get(entry, 0) != module) continue;
        for (term f = term_tuple_get(entry, 1); term_is_cons(f); f = term_tail(f))
            if (term_tuple_get(term_head(f), 0) == name && term_tuple_get(term_head(f), 1) == term_small(arity))
                return true;
    }
    vm_module *m = vm_get_module(fs->c->rt, module);
    if (m) {
        const vm_function *f = vm_module_find(m, name, arity);
        if (f && f->exported) return true;
    }
    return vm_find_bif(fs->c->rt, module, name, arity) >= 0;
}

/* Whether name/n called without a module resolves to a function. */
static bool local_resolves(fn_state *fs, term name, uint32_t n)
{
    module_ctx *m = fs->c->mod;
    if ((m->is_module && cc_module_defines(m, name, n)) || find_inline(name, n)) return true;
    for (term l = m->imports; term_is_cons(l); l = term_tail(l))
        if (runtime_has(fs, term_head(l), name, n)) return true;
    return runtime_has(fs, term_atom("Elixir.Kernel"), name, n);
}

/* Compiles a call of a local (unqualified) name. */
/* Out of line: its buffer would otherwise sit in every frame of the
 * recursion through calls. */
static _Noreturn __attribute__((noinline)) void undefined_function(fn_state *fs, term name, uint32_t n)
{
    module_ctx *m = fs->c->mod;
    if (m->is_module)
        cc_error(fs, "CompileError",
                 "undefined function %s/%u (expected %s to define such a function or for it to be imported, "
                 "but none are available)",
                 term_atom_name(name), n, cc_module_text(m->name, (char[256]){0}, 256));
    cc_error(fs, "CompileError", "undefined function %s/%u (there is no such import)", term_atom_name(name), n);
}

/* The module a local call name/arity goes to when it is neither the
 * module's own function nor an inlined one: an imported module, else
 * Kernel; TERM_NONE when there is none. */
term cc_local_target(fn_state *fs, term name, uint32_t arity)
{
    module_ctx *m = fs->c->mod;
    if ((m->is_module && cc_module_defines(m, name, arity)) || find_inline(name, arity)) return TERM_NONE;
    for (term l = m->imports; term_is_cons(l); l = term_tail(l))
        if (runtime_has(fs, term_head(l), name, arity)) {
            cc_import_used(m, term_head(l)); /* a capture uses the import too */
            return term_head(l);
        }
    if (runtime_has(fs, term_atom("Elixir.Kernel"), name, arity)) return term_atom("Elixir.Kernel");
    return TERM_NONE;
}

static uint32_t compile_local_call(fn_state *fs, term name, term args_ast, uint32_t dst, bool tail)
{
    uint32_t n, mark = fs->next_reg;
    uint32_t *args = compile_items(fs, args_ast, &n);
    reuse_arg_temps(fs, mark, dst);
    uint32_t out;
    module_ctx *m = fs->c->mod;
    if (m->is_module && cc_module_defines(m, name, n)) {
        cc_module_note_call(fs, name, n);
        out = emit_call(fs, cc_call_site(fs, m->name, name, n, true), n, args, dst, tail);
    } else if (find_inline(name, n)) {
        const inline_fn *f = find_inline(name, n);
        if (f->op >= 0) {
            uint32_t d = target_reg(fs, dst);
            cc_emit(fs, (uint32_t)f->op);
            cc_emit(fs, d);
            cc_emit(fs, args[0]);
            cc_emit(fs, args[1]);
            out = d;
        } else {
            out = emit_bif(fs, cc_bif(fs, "erlang", f->bif, n), n, args, dst);
        }
        if (tail) {
            cc_emit(fs, OP_RET);
            cc_emit(fs, out);
            out = CC_ANY;
        }
    } else {
        term target = TERM_NONE;
        for (term l = m->imports; term_is_cons(l) && target == TERM_NONE; l = term_tail(l))
            if (runtime_has(fs, term_head(l), name, n)) target = term_head(l);
        if (target != TERM_NONE) cc_import_used(m, target);
        if (target == TERM_NONE && runtime_has(fs, term_atom("Elixir.Kernel"), name, n)) target = term_atom("Elixir.Kernel");
        if (target == TERM_NONE) undefined_function(fs, name, n);
        out = emit_call(fs, cc_call_site(fs, target, name, n, false), n, args, dst, tail);
    }
    return out;
}

/* mod.fun(args) where mod is a value known only at run time. */
static uint32_t compile_dynamic_call(fn_state *fs, uint32_t mod, term fun, term args_ast, uint32_t dst)
{
    uint32_t n;
    uint32_t *args = compile_items(fs, args_ast, &n);
    uint32_t list = cc_alloc(fs);
    cc_emit(fs, OP_MAKE_LIST);
    cc_emit(fs, list);
    cc_emit(fs, n);
    for (uint32_t i = 0; i < n; i++) cc_emit(fs, args[i]);
    cc_emit(fs, cc_literal(fs, TERM_NIL));
    uint32_t d = target_reg(fs, dst);
    cc_emit(fs, OP_APPLY);
    cc_emit(fs, d);
    cc_emit(fs, mod);
    cc_emit(fs, cc_literal(fs, fun));
    cc_emit(fs, list);
    return d;
}

/* {{:., _, [left, right]}, meta, args} */
static uint32_t compile_dot_call(fn_state *fs, term e, uint32_t dst, bool tail)
{
    term dot = term_tuple_get(e, 0);
    term dargs = ast_args(dot);
    term args = ast_args(e);
    if (term_tail(dargs) == TERM_NIL) {
        /* fun.(args) */
        uint32_t fun = cc_expr(fs, term_head(dargs), CC_ANY);
        uint32_t n, mark = fs->next_reg;
        uint32_t *ops = compile_items(fs, args, &n);
        reuse_arg_temps(fs, mark, dst);
        uint32_t out;
        if (tail && fs->try_depth == 0) {
            cc_emit(fs, OP_TAIL_CALL_FUN);
            cc_emit(fs, fun);
            cc_emit(fs, n);
            for (uint32_t i = 0; i < n; i++) cc_emit(fs, ops[i]);
            out = CC_ANY;
        } else {
            out = target_reg(fs, dst);
            cc_emit(fs, OP_CALL_FUN);
            cc_emit(fs, out);
            cc_emit(fs, fun);
            cc_emit(fs, n);
            for (uint32_t i = 0; i < n; i++) cc_emit(fs, ops[i]);
            if (tail) {
                cc_emit(fs, OP_RET);
                cc_emit(fs, out);
                out = CC_ANY;
            }
        }
        return out;
    }
    term left = term_head(dargs), right = term_head(term_tail(dargs));
    if (!term_is_atom(right)) cc_error(fs, "CompileError", "invalid remote call");
    term module = TERM_NONE;
    if (term_is_atom(left)) module = left;
    else if (ast_is_call(left, "__aliases__", -1)) module = cc_expand_alias(fs, left);
    else if (ast_is_var(left) && ast_var_name(left) == term_atom("__MODULE__")) module = fs->c->mod->name;
    if (module == TERM_NONE) {
        /* a variable or expression: a map field (m.key) or a module call */
        uint32_t v = cc_expr(fs, left, CC_ANY);
        if (args == TERM_NIL && term_is_cons(term_tuple_get(e, 1)) && ast_kw_get(term_tuple_get(e, 1), "no_parens") != TERM_NONE) {
            /* an atom is a module: m.fun is m.fun(); else a map's field */
            uint32_t d = target_reg(fs, dst);
            label_list not_atom = {0}, done = {0};
            cc_emit(fs, OP_TEST_TYPE);
            cc_emit(fs, v);
            cc_emit(fs, VM_IS_ATOM);
            cc_label_add(fs, &not_atom, cc_emit(fs, 0));
            cc_emit(fs, OP_APPLY);
            cc_emit(fs, d);
            cc_emit(fs, v);
            cc_emit(fs, cc_literal(fs, right));
            cc_emit(fs, cc_literal(fs, TERM_NIL));
            cc_label_add(fs, &done, cc_jump_placeholder(fs));
            cc_label_patch(fs, &not_atom, cc_here(fs));
            emit_bif(fs, cc_bif(fs, "ciex", "dot", 2), 2, (uint32_t[]){v, cc_literal(fs, right)}, d);
            cc_label_patch(fs, &done, cc_here(fs));
            if (tail) {
                cc_emit(fs, OP_RET);
                cc_emit(fs, d);
                return CC_ANY;
            }
            return d;
        }
        uint32_t d = compile_dynamic_call(fs, v, right, args, dst);
        if (tail) {
            cc_emit(fs, OP_RET);
            cc_emit(fs, d);
            return CC_ANY;
        }
        return d;
    }
    uint32_t n, mark = fs->next_reg;
    uint32_t *ops = compile_items(fs, args, &n);
    reuse_arg_temps(fs, mark, dst);
    cc_warn_deprecated(fs, module, right, n);
    uint32_t out = emit_call(fs, cc_call_site(fs, module, right, n, false), n, ops, dst, tail);
    return out;
}

static uint32_t compile_var(fn_state *fs, term e, uint32_t dst, bool tail)
{
    term name = ast_var_name(e);
    uint32_t op;
    if (cc_lookup(fs, name, &op)) {
        const char *s = term_atom_name(name);
        if (s[0] == '_' && s[1] != '_')
            cc_warn(fs, 0, CC_WARN_EXPAND, NULL,
                    "the underscored variable \"%s\" is used after being set. A leading underscore indicates that "
                    "the value of the variable should be ignored. If this is intended please rename the variable to "
                    "remove the underscore",
                    s);
        return into(fs, dst, op);
    }
    if (name == term_atom("__MODULE__")) {
        term m = fs->c->mod->is_module ? fs->c->mod->name : TERM_ATOM_NIL;
        return into(fs, dst, cc_literal(fs, m));
    }
    const char *s = term_atom_name(name);
    if (strcmp(s, "_") == 0) cc_error(fs, "CompileError", "invalid use of _. \"_\" represents a value to be ignored in a pattern and cannot be used in expressions");
    /* not a variable: a call without parentheses (self, flush, ...);
     * iex says so only when there is no such function (a size in a
     * pattern, <<a::size(b)>>, is an undefined variable without a word) */
    if (strncmp(s, "__", 2) != 0 && fs->pattern_vars == TERM_NONE &&
        (!(fs->c->warn & LANG_WARN_PROMPT) || !local_resolves(fs, name, 0)))
        cc_warn(fs, 0, CC_WARN_EXPAND, NULL,
                "variable \"%s\" does not exist and is being expanded to \"%s()\", please use parentheses to remove "
                "the ambiguity or change the variable name",
                s, s);
    return compile_local_call(fs, name, TERM_NIL, dst, tail);
}

static uint32_t compile_expr(fn_state *fs, term e, uint32_t dst, bool tail);

static uint32_t finish_tail(fn_state *fs, uint32_t operand, bool tail)
{
    if (!tail || operand == CC_ANY) return operand;
    cc_emit(fs, OP_RET);
    cc_emit(fs, operand);
    return CC_ANY;
}

/* Room kept below the deepest expression: one more level of any form,
 * and what an error report needs. */
#define STACK_MARGIN (256 * 1024)

/* The lowest address this thread's stack may use, plus the margin. */
static uintptr_t stack_floor(void)
{
    char here;
#ifdef __GLIBC__
    pthread_attr_t a;
    void *low;
    size_t size;
    if (pthread_getattr_np(pthread_self(), &a) == 0) {
        bool known = pthread_attr_getstack(&a, &low, &size) == 0;
        pthread_attr_destroy(&a);
        if (known) return (uintptr_t)low + STACK_MARGIN;
    }
#endif
    /* elsewhere: half the stack limit below where compiling started */
    struct rlimit rl;
    size_t avail = 8u << 20;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) avail = (size_t)rl.rlim_cur;
    return (uintptr_t)&here - avail / 2;
}

/* Expressions nest without limit where the parser loops (a chain of
 * 20,000 `+`, a long pipe: left operands inside left operands); this
 * recursion follows them.  It stops with an error before the C stack
 * runs out. */
static void check_depth(fn_state *fs)
{
    char here;
    if (!fs->c->stack_floor) fs->c->stack_floor = stack_floor();
    if ((uintptr_t)&here < fs->c->stack_floor) cc_error(fs, "CompileError", "expression too deeply nested");
}

static uint32_t compile_expr(fn_state *fs, term e, uint32_t dst, bool tail)
{
    check_depth(fs);
    uint32_t saved_line = fs->line;
    uint32_t line = cc_line_of(e);
    if (line) fs->line = line;
    uint32_t out;
    term lit;
    switch (term_type_of(e)) {
    case TERM_T_SMALL: case TERM_T_BIGINT: case TERM_T_FLOAT: case TERM_T_BINARY: case TERM_T_ATOM:
    case TERM_T_NIL:
        out = finish_tail(fs, into(fs, dst, cc_literal(fs, term_retain(e))), tail);
        break;
    case TERM_T_CONS:
        out = finish_tail(fs, compile_list(fs, e, dst), tail);
        break;
    case TERM_T_TUPLE:
        if (term_tuple_arity(e) == 2) {
            if (cc_literal_value(e, &lit)) out = into(fs, dst, cc_literal(fs, lit));
            else {
                uint32_t items[2] = {cc_expr(fs, term_tuple_get(e, 0), CC_ANY), cc_expr(fs, term_tuple_get(e, 1), CC_ANY)};
                out = cc_tuple_operand(fs, dst, 2, items);
            }
            out = finish_tail(fs, out, tail);
            break;
        }
        if (term_tuple_arity(e) != 3) cc_error(fs, "CompileError", "invalid quoted expression");
        if (cc_macro_form(fs, e, dst, tail, &out)) break;
        if (ast_is_var(e)) {
            out = compile_var(fs, e, dst, tail);
            if (tail && out != CC_ANY) out = finish_tail(fs, out, tail);
            break;
        }
        if (cc_special(fs, e, dst, tail, &out)) break;
        {
            term head = term_tuple_get(e, 0);
            if (term_is_atom(head)) {
                if (head == term_atom("{}")) out = finish_tail(fs, compile_tuple(fs, ast_args(e), dst), tail);
                else if (head == term_atom("%{}")) out = finish_tail(fs, compile_map(fs, e, dst), tail);
                else if (head == term_atom("__aliases__"))
                    out = finish_tail(fs, into(fs, dst, cc_literal(fs, cc_expand_alias(fs, e))), tail);
                else out = compile_local_call(fs, head, ast_args(e), dst, tail);
            } else if (ast_is_call(head, ".", -1)) {
                out = compile_dot_call(fs, e, dst, tail);
            } else {
                cc_error(fs, "CompileError", "invalid call");
            }
        }
        break;
    default:
        cc_error(fs, "CompileError", "invalid quoted expression");
    }
    fs->line = saved_line;
    return out;
}

uint32_t cc_expr(fn_state *fs, term e, uint32_t dst) { return compile_expr(fs, e, dst, false); }
void cc_tail(fn_state *fs, term e) { (void)compile_expr(fs, e, CC_ANY, true); }

/* Used by special forms: compile in value or tail position. */
uint32_t cc_expr_pos(fn_state *fs, term e, uint32_t dst, bool tail);
uint32_t cc_expr_pos(fn_state *fs, term e, uint32_t dst, bool tail) { return compile_expr(fs, e, dst, tail); }

uint32_t cc_block(fn_state *fs, term e, uint32_t dst)
{
    if (!ast_is_call(e, "__block__", -1)) return cc_expr(fs, e, dst);
    term exprs = ast_args(e);
    if (exprs == TERM_NIL) return into(fs, dst, cc_literal(fs, TERM_ATOM_NIL));
    uint32_t out = CC_ANY;
    for (term l = exprs; term_is_cons(l); l = term_tail(l))
        out = cc_expr(fs, term_head(l), term_tail(l) == TERM_NIL ? dst : CC_ANY);
    return out;
}

/* ---- top level ---- */

/* The binding map's contents come in as variables, and go out again. */
static uint32_t emit_binding_out(fn_state *fs)
{
    scope *s = fs->scope;
    uint32_t d = cc_alloc(fs);
    uint32_t n = 0;
    for (uint32_t i = 0; i < s->nvars; i++) n += fs->c->quoted || !cc_is_hygienic_name(s->vars[i].name);
    cc_emit(fs, OP_MAKE_MAP);
    cc_emit(fs, d);
    cc_emit(fs, n);
    for (uint32_t i = 0; i < s->nvars; i++) {
        if (cc_is_hygienic_name(s->vars[i].name)) {
            /* a macro's own variable: only Code.eval_quoted shows it, as {name, context} */
            if (fs->c->quoted) {
                cc_emit(fs, cc_literal(fs, cc_hygienic_key(s->vars[i].name)));
                cc_emit(fs, s->vars[i].reg);
            }
            continue;
        }
        cc_emit(fs, cc_literal(fs, s->vars[i].name));
        cc_emit(fs, s->vars[i].reg);
    }
    return d;
}

vm_code *lang_compile(vm_runtime *rt, term ast, const lang_compile_opts *opts, lang_compile_error *err)
{
    compiler c = {0};
    c.rt = rt;
    c.file = term_binary_from_cstr(opts->file ? opts->file : "nofile");
    c.err = err;
    c.shell = opts->shell;
    c.quoted = opts->quoted;
    c.warn = opts->warnings;
    c.compiled = TERM_NIL;
    c.held = TERM_NIL;
    c.unit_templates = TERM_NIL;
    module_ctx top = {0};
    top.requires = TERM_NIL;
    top.name = term_atom("elixir_eval");
    top.defined = TERM_NIL;
    top.attributes = TERM_NIL;
    /* the shell imports IEx.Helpers (flush, v, ...) */
    top.imports = opts->shell ? term_cons_new(term_atom("Elixir.IEx.Helpers"), TERM_NIL) : TERM_NIL;
    c.mod = &top;
    fn_state *fs = ciex_xcalloc(1, sizeof *fs, "compiler");
    scope *sc = ciex_xcalloc(1, sizeof *sc, "compiler");
    vm_code *result = NULL;
    if (setjmp(c.fail) == 0) {
        cc_fn_init(fs, &c, NULL, term_atom("elixir_eval"), term_atom("__FILE__"), 1);
        fs->line = 1;
        cc_scope_push(fs, sc);
        /* a zeroed binding (opts written as {.file = "x"}) is no binding */
        for (term l = opts->binding ? opts->binding : TERM_NIL; term_is_cons(l); l = term_tail(l)) {
            cc_shell_env_in(&c, term_head(l));
            uint32_t r = cc_alloc(fs);
            cc_emit(fs, OP_TEST_MAP_KEY);
            cc_emit(fs, r);
            cc_emit(fs, 0);
            cc_emit(fs, cc_literal(fs, term_head(l)));
            cc_emit(fs, 0); /* the key is always there: never jumps */
            cc_bind(fs, term_head(l), r);
        }
        cc_use_all(fs); /* the shell's variables from earlier inputs */
        uint32_t value = cc_block(fs, ast, CC_ANY);
        /* a file warns of its unused top-level variables, iex and
         * Code.eval_string keep them in the binding */
        if (c.warn & LANG_WARN_FILE) cc_use_scope_end(fs, sc);
        if (!c.shell) cc_warn_unused_aliases(&c, &top);
        char *lexical = cc_warnings_text(&c.lexical);
        if (lexical) {
            /* printed once everything here has run */
            term text = term_binary_from_cstr(lexical);
            free(lexical);
            emit_bif(fs, cc_bif(fs, "ciex", "compile_warnings", 1), 1, (uint32_t[]){cc_literal(fs, text)}, CC_ANY);
        }
        uint32_t bind = emit_binding_out(fs);
        uint32_t out = cc_tuple_operand(fs, CC_ANY, 2, (uint32_t[]){value, bind});
        cc_emit(fs, OP_RET);
        cc_emit(fs, out);
        result = cc_fn_finish(fs);
        free(fs);
        cc_warnings_flush(&c, &top.warnings);
        cc_compiler_end(&c, false, &top);
    } else {
        /* what was found before the error is printed before it */
        cc_warnings_flush(&c, &top.warnings);
        /* then those of the modules in progress, outermost first */
        for (module_ctx *done = &top; done != c.mod;) {
            module_ctx *m = c.mod;
            while (m->parent != done) m = m->parent;
            cc_warnings_flush(&c, &m->warnings);
            done = m;
        }
        /* the code objects stay owned by the runtime; drop the rest */
        cc_compiler_end(&c, true, &top);
    }
    free(c.uses);
    term_release(top.defined);
    term_release(top.attributes);
    term_release(top.imports);
    term_release(top.requires);
    term_release(c.unit_templates);
    free(top.aliases);
    free(sc);
    term_release(c.file);
    term_release(c.compiled);
    return result;
}
