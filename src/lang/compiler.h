/* compiler.h - internal structures of the compiler (src/lang/compile_*.c).
 *
 * The compiler reads Elixir's quoted form and emits vm_code directly: one
 * pass over the AST, with registers allocated in a stack discipline
 * (variables stay live to the end of their scope, temporaries are freed
 * after each statement).  Macros of Kernel (if, unless, &&, ||, |>, for,
 * with, ...) are compiled as special forms. */
#ifndef CIEX_COMPILER_H
#define CIEX_COMPILER_H

#include <setjmp.h>

#include "ciex/lang.h"
#include "ciex/vm.h"

/* A variable binding in a scope. */
typedef struct var {
    term name;   /* atom */
    uint32_t reg;
    uint32_t use; /* its record in compiler.uses (warnings.c), or CC_NO_USE */
} var;

typedef struct scope {
    var *vars;
    uint32_t nvars, cap;
    struct scope *parent;
    uint32_t reg_floor; /* first register this scope may allocate */
    uint32_t first_use; /* compiler.uses records from here on are this scope's */
} scope;

typedef struct alias_entry {
    term short_name; /* atom: the last segment, e.g. Bar */
    term full;       /* atom: Elixir.Foo.Bar */
    uint32_t line;   /* of the `alias`, when it warns if unused (else 0) */
    bool used;
} alias_entry;

/* ---- warnings.c: compiler warnings, printed as Elixir prints them ---- */

/* Which group a warning belongs to: Elixir prints a module's warnings
 * group by group (unused variables of the module body, what expansion
 * finds in source order, unused private functions, clauses that cannot
 * match); unused aliases and imports of a file, then the calls of
 * deprecated functions in its modules grouped by function, come when the
 * whole file (or input at the prompt) has run (compiler.lexical); iex
 * prints a module's aliases and imports with the module's warnings. */
enum { CC_WARN_BODY, CC_WARN_EXPAND, CC_WARN_UNUSED_FN, CC_WARN_CLAUSE, CC_WARN_ALIAS, CC_WARN_IMPORT, CC_WARN_DEPRECATED };
typedef struct warn_entry {
    uint8_t kind;
    uint32_t line;
    const char *key; /* sorts the unused-function, deprecation, alias and import groups */
    const char *text;
    const char *loc; /* a deprecation in a module: `file:line: Mod.fun/1` (text is the message line) */
    uint32_t module; /* ... and which module (module_ctx.seq): each has its own groups */
    uint32_t order;  /* the module body's form it comes from (module_ctx.pos) */
} warn_entry;
typedef struct warn_list {
    warn_entry *items; /* scratch memory */
    uint32_t n, cap;
} warn_list;
/* An import and whether a call went to it. */
typedef struct import_use {
    term module;
    uint32_t line;
    bool used;
} import_use;
/* lang_compile_opts.warnings, kept by the compiler */
#define CC_NO_USE UINT32_MAX

/* The module being compiled (or the pseudo module of a script/shell). */
typedef struct module_ctx {
    term name;              /* atom */
    bool is_module;         /* false for top-level code */
    /* functions defined so far: name/arity pairs, to resolve local calls */
    term defined;           /* list of {name, arity} */
    term attributes;        /* map: attribute name -> value */
    alias_entry *aliases;
    uint32_t naliases, aliases_cap;
    term imports;           /* list of module atoms imported */
    term requires;          /* list of module atoms required (their macros may be called) */
    struct module_ctx *parent;
    struct module_build *build; /* defmodule in progress: its collected functions */
    uint32_t lambda_counter;
    warn_list warnings;     /* printed when the module is defined (top level: after compiling) */
    import_use *import_uses; /* scratch memory */
    uint32_t nimport_uses, import_uses_cap;
    uint32_t seq;           /* modules of one compilation numbered from 1 (warnings) */
    uint32_t pos;           /* the body's form being compiled, counted from 1: Elixir expands each def when
                             * the body reaches it, so its warnings come in that order */
} module_ctx;

/* A captured variable of a lambda: where it lives in the parent. */
typedef struct capture {
    term name;
    uint32_t parent_operand; /* operand in the enclosing function */
    uint32_t reg;            /* register inside the lambda */
} capture;

/* One function being emitted. */
typedef struct fn_state {
    struct compiler *c;
    vm_code *code;
    uint32_t *ops, nops, ops_cap;
    uint32_t *lines;
    term *literals;
    uint32_t nliterals, literals_cap;
    vm_call_site *calls;
    uint32_t ncalls, calls_cap;
    vm_code **lambdas;
    uint32_t nlambdas, lambdas_cap;
    uint32_t next_reg, max_reg;
    scope *scope;
    struct fn_state *parent;   /* enclosing function, for closures */
    capture *captures;
    uint32_t ncaptures, captures_cap;
    bool is_lambda;
    struct fn_state *live_next; /* the compiler's functions in progress */
    uint32_t try_depth;        /* no tail calls inside a try */
    uint32_t line;
    term pattern_vars;         /* while compiling a pattern: names bound so far (list) */
} fn_state;

typedef struct compiler {
    vm_runtime *rt;
    term file;          /* binary */
    module_ctx *mod;
    lang_compile_error *err;
    jmp_buf fail;       /* compile errors unwind here */
    bool shell;         /* lambdas carry their AST */
    bool quoted;        /* Code.eval_quoted: quote-made variables go out in the binding */
    /* modules compiled earlier in this unit (not loaded until the code
     * runs): [{module, [{name, arity}]}] of their public functions, so that
     * `import` of one of them resolves */
    term compiled;
    /* What a compile error must not leak (it longjmps out of everything):
     * scratch memory for buffers that live only while compiling (freed
     * all at once at the end), the functions being emitted (heap fn_states,
     * linked through live_next) and the modules being defined (c->mod up
     * to the unit's own module_ctx, heap ones from cc_defmodule). */
    struct scratch_chunk *scratch;
    fn_state *live;
    term held; /* terms released at the end (cc_hold) */
    /* templates of the modules with macros compiled in this unit: loaded
     * when one of their macros is called (compile_macro.c) */
    term unit_templates;
    uint32_t expansion_depth; /* macro expansions being compiled inside each other */
    /* Below this address the C stack is too short to go deeper (found at
     * the first expression): compile_expr stops there with an error. */
    uintptr_t stack_floor;
    /* Warnings (lang_compile_opts.warnings; 0: none), and one record per
     * variable binding while its scope is open: whether it was read. */
    unsigned warn;
    warn_list lexical; /* unused aliases and imports: printed when the code has run */
    uint32_t nmodules; /* defmodules compiled so far */
    struct var_use *uses;
    uint32_t nuses, uses_cap;
} compiler;

typedef struct var_use {
    term name;
    uint32_t line;
    bool used, overridden;
} var_use;

/* Scratch memory: valid until the compilation ends, never freed alone. */
void *cc_scratch(compiler *c, size_t bytes);
/* A larger copy of a scratch buffer (old may be NULL). */
void *cc_scratch_grow(compiler *c, void *old, size_t old_bytes, size_t new_bytes);
/* Keeps t (an AST the compiler made, say) until the compilation ends;
 * returns it.  For terms that code compiled from them may not outlive and
 * that a compile error must not leak. */
term cc_hold(compiler *c, term t);
/* Ends a compilation: frees scratch memory and, after a compile error,
 * what the functions and modules in progress held. */
void cc_compiler_end(compiler *c, bool failed, const module_ctx *top);
/* The value of @name (e is the `@` call) where it is read (owned). */
term cc_attribute_value(fn_state *fs, term e);
/* The pieces a failed module definition holds (compile_module.c). */
void cc_module_discard(module_ctx *m);

/* ---- compile.c ---- */
_Noreturn void cc_error(fn_state *fs, const char *kind, const char *fmt, ...);
/* An exception the expansion raises (kind is its module without Elixir.),
 * reported without file:line as Elixir reports it. */
_Noreturn void cc_raise(fn_state *fs, const char *kind, const char *message);
/* ~D ~T ~N ~U: the struct the sigil stands for (owned), parsed now as
 * Elixir's sigil macros do; raises their ArgumentError (sigil_calendar.c). */
term cc_calendar_sigil(fn_state *fs, term e, char kind);
/* The same without a compilation: the struct, or :error (the sigil's
 * ArgumentError message in message) or TERM_NONE (a form ciex does not
 * take: a CompileError message). */
term lang_calendar_sigil(term e, char kind, char *message, size_t size);
uint32_t cc_emit(fn_state *fs, uint32_t word);
void cc_patch(fn_state *fs, uint32_t at, uint32_t value);
uint32_t cc_here(const fn_state *fs);
uint32_t cc_literal(fn_state *fs, term value); /* consumes value; returns an operand */
uint32_t cc_alloc(fn_state *fs);
uint32_t cc_call_site(fn_state *fs, term module, term function, uint32_t arity, bool local);
int32_t cc_bif(fn_state *fs, const char *module, const char *name, uint32_t arity);
void cc_bind(fn_state *fs, term name, uint32_t reg);
bool cc_lookup(fn_state *fs, term name, uint32_t *operand);
term cc_local_target(fn_state *fs, term name, uint32_t arity);
void cc_scope_push(fn_state *fs, scope *s);
void cc_scope_pop(fn_state *fs);
void cc_fn_init(fn_state *fs, compiler *c, fn_state *parent, term module, term name, uint32_t arity);
vm_code *cc_fn_finish(fn_state *fs);
/* the length in words of the instruction at pc */
uint32_t cc_op_length(const uint32_t *ops, uint32_t pc);
/* compile_fuse.c: superinstructions in place of pairs of instructions */
void cc_fuse(uint32_t *ops, uint32_t nops, const term *literals);

/* Compiles e; the result is in the returned operand.  With dst != NONE
 * the value is moved there and dst is returned. */
#define CC_ANY UINT32_MAX
uint32_t cc_expr(fn_state *fs, term e, uint32_t dst);
/* Compiles e in tail position: the function returns its value. */
void cc_tail(fn_state *fs, term e);
/* Compiles a __block__'s expressions (or one expression). */
uint32_t cc_block(fn_state *fs, term e, uint32_t dst);
void cc_move(fn_state *fs, uint32_t dst, uint32_t src);
void cc_raise_term(fn_state *fs, const char *klass, uint32_t reason);
uint32_t cc_tuple_operand(fn_state *fs, uint32_t dst, uint32_t n, const uint32_t *items);
void cc_call_remote(fn_state *fs, uint32_t dst, term module, term fun, uint32_t n, const uint32_t *args);
term cc_expand_alias(fn_state *fs, term aliases_ast);
uint32_t cc_line_of(term ast);
const char *cc_module_text(term module, char *buf, size_t n);
/* Whether e is a compile-time constant; if so *out gets its value. */
bool cc_literal_value(term e, term *out);
uint32_t cc_expr_pos(fn_state *fs, term e, uint32_t dst, bool tail);
/* The highest &N a capture's body uses (its arity). */
uint32_t cc_capture_arity(term e);
/* The :erlang function a Kernel function name/arity is inlined as (a BIF,
 * not an operator the VM has an instruction for), or NULL. */
const char *cc_inlined_bif(term name, uint32_t arity);
/* A lowercase sigil's <<>> with the escapes of its text processed (owned). */
term cc_sigil_unescaped(term str);
/* Whether the module being compiled defines name/arity itself. */
bool cc_module_defines(const module_ctx *m, term name, uint32_t arity);

/* ---- compile_match.c ---- */
/* Matches the value in operand src against pattern; jumps to the
 * instruction index stored at *fail_patch sites on mismatch.  Failure jumps
 * are collected in `fails` to be patched by the caller. */
typedef struct label_list {
    uint32_t *at;
    uint32_t n, cap;
} label_list;
void cc_label_add(fn_state *fs, label_list *l, uint32_t at);
void cc_label_patch(fn_state *fs, label_list *l, uint32_t target);
/* An OP_JUMP whose target is patched later: returns the word to patch. */
uint32_t cc_jump_placeholder(fn_state *fs);
/* Jumps to a label collected in `l` when v is false or nil. */
void cc_jump_if_falsy(fn_state *fs, uint32_t v, label_list *l);
/* Compiles cond and jumps to l when it is false or nil (a comparison
 * compiles to one compare-and-branch instruction). */
void cc_branch_unless(fn_state *fs, term cond, label_list *l);
void cc_match(fn_state *fs, term pattern, uint32_t src, label_list *fails);
/* Compiles a guard; jumps to a fail label when it is not true. */
void cc_guard(fn_state *fs, term guard, label_list *fails);
/* The patterns and guard of a clause's heads (`a, b when g`). */
uint32_t cc_clause_heads(term heads, term *pats, uint32_t max, term *guard);
/* Splits `pattern when guard` into its parts. */
void cc_split_guard(term clause_head, term *pattern, term *guard);

/* ---- compile_forms.c: special forms ---- */
bool cc_special(fn_state *fs, term e, uint32_t dst, bool tail, uint32_t *out);

/* ---- compile_regex.c: ~r and ~R ---- */
uint32_t cc_regex_sigil(fn_state *fs, term e, char kind, uint32_t dst);
/* The %Regex{} of a ~r or ~R without interpolation (owned), else TERM_NONE
 * (module attributes). */
term cc_regex_constant(fn_state *fs, term e);
/* A ~r's <<>> with the escapes Regex.unescape_map/1 names processed (owned). */
term cc_regex_unescaped(term str);

/* ---- compile_module.c ---- */
uint32_t cc_defmodule(fn_state *fs, term e, uint32_t dst);
/* A macro the module being defined calls in its own functions: its
 * clauses compiled into a module of their own, loaded now; that module,
 * or TERM_NONE when the module has no such macro. */
term cc_local_macro_module(fn_state *fs, term mname, uint32_t arity);

/* ---- compile_macro.c: quote, macros, __ENV__ ---- */
/* quote, unquote, var!, require, __ENV__/__DIR__/__CALLER__ and calls of
 * user macros; false when e is none of those */
bool cc_macro_form(fn_state *fs, term e, uint32_t dst, bool tail, uint32_t *out);
/* What a call of a user macro expands to (held), or TERM_NONE when e is
 * no such call (guards expand them too) */
term cc_user_macro_expansion(fn_state *fs, term e);
/* A comprehension in a module's body whose defs use unquote fragments
 * (`def unquote(name)()`): run now, the defs it makes (held); TERM_NONE
 * for any other form. */
term cc_unquote_fragments(fn_state *fs, term e);
/* Around compiling what `call` expanded to: an error past 1000 nested
 * expansions (a macro that expands to a call of itself) */
void cc_expansion_enter(fn_state *fs, term call);
void cc_expansion_leave(fn_state *fs);
/* defguard name(args) when guard: the def of its macro (held) */
term cc_defguard(fn_state *fs, term e);
/* defmacro/defmacrop as the def of its MACRO- function (held) */
term cc_macro_def(fn_state *fs, term e);
/* what `use Mod, opts` expands to through Mod.__using__/1, or TERM_NONE */
term cc_use_expansion(fn_state *fs, term e);
/* records `require Mod [, as: A]` */
void cc_require(fn_state *fs, term e);
/* Kernel.var!(...) as a remote call: the local var!(...) (held), or e */
term cc_kernel_local_var(fn_state *fs, term e);
/* var!(v) / var!(v, ctx): the variable in the caller's context (held) */
term cc_var_bang(fn_state *fs, term e);
/* a variable of a quote's context: a name of its own */
term cc_hygienic_name(term name, term context);
bool cc_is_hygienic_name(term name);
/* {name, context} of such a variable (owned) */
term cc_hygienic_key(term name);
/* The shell keeps what `require` did at its prompt for the next inputs,
 * as iex does: a binding name no source can write stands for it; this
 * reads one such name of the binding coming in. */
void cc_shell_env_in(compiler *c, term name);
/* `import mod` at the prompt: for the next inputs too */
void cc_shell_import(fn_state *fs, term mod);
/* alias at the prompt: lasts for the next inputs, as import does */
void cc_shell_alias(fn_state *fs, term short_name, term full);
/* %Macro.Env{} where fs compiles (owned) */
term cc_env(fn_state *fs);

/* ---- compile_protocol.c ---- */
uint32_t cc_defprotocol(fn_state *fs, term e, uint32_t dst);
uint32_t cc_defimpl(fn_state *fs, term e, uint32_t dst);
/* @derive value inside a defmodule */
void cc_derive(fn_state *fs, term value);
/* A call of the module's own name/arity from fs (a private function
 * called by another function is used). */
void cc_module_note_call(fn_state *fs, term name, uint32_t arity);

/* ---- warnings.c ---- */
/* A warning at line of the code being compiled, located as Elixir locates
 * it (`file:line: Mod.fun/arity`, `file:line: Mod` in a module body,
 * `file:line` at the top level), filed under kind (key sorts it). */
void cc_warn(fn_state *fs, uint32_t line, int kind, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* The same with the text after `file:line` given (NULL: none). */
void cc_warn_where(compiler *c, uint32_t line, const char *where, int kind, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* A new binding of name in fs (for cc_bind): its use record, or CC_NO_USE. */
uint32_t cc_use_new(fn_state *fs, term name);
/* The end of scope s: its unused variables are reported. */
void cc_use_scope_end(fn_state *fs, scope *s);
/* Every variable visible in fs counts as used (defmodule reads them all). */
void cc_use_all(fn_state *fs);
/* Clauses after one that always matches (patterns all variables, no
 * guard): `what` is NULL for case/fn, "g/2" for a def. */
void cc_warn_clauses(fn_state *fs, const term *pats, uint32_t npats, term guard, uint32_t line, uint32_t *always_line,
                     const char *what);
/* A call of module.fun/arity: warns when Elixir 1.14 deprecates it (and
 * ciex has it). */
void cc_warn_deprecated(fn_state *fs, term module, term fun, uint32_t arity);
/* Unused aliases and imports of m, at the end of its scope. */
void cc_warn_unused_aliases(compiler *c, module_ctx *m);
/* Records an import (for the unused-import warning) and a use of one. */
void cc_import_note(fn_state *fs, term module, uint32_t line);
void cc_import_used(module_ctx *m, term module);
/* The warnings of l in Elixir's order, as one text (malloc'd), or NULL. */
char *cc_warnings_text(const warn_list *l);
/* Prints l's warnings now (vm_warn) and empties it. */
void cc_warnings_flush(compiler *c, warn_list *l);
/* Files the rendered warnings of a nested module with the enclosing
 * module's, where its defmodule stands in the body. */
void cc_warn_nested(compiler *c, const char *text);

/* ---- ast helpers (compile.c) ---- */
bool ast_is_call(term e, const char *name, intptr_t nargs); /* {name, meta, args} local call */
term ast_args(term e);   /* borrowed args list of a call, or NIL */
term ast_kw_get(term kw, const char *key); /* borrowed, TERM_NONE when absent */
bool ast_is_var(term e);
term ast_var_name(term e);

#endif
