/* lang_bifs.c - BIFs that reach the parser and compiler from the language:
 * the shell's evaluator compiles each input through :ciex.compile_eval/3. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/lang.h"
#include "ciex/vm.h"
#include "erl_forms.h"

/* :ciex.compile_eval(source, bound_names, line) ->
 *   {:ok, fun} | {:incomplete} | {:error, text}
 * where text is what iex prints for the error (without a trailing newline). */
static vm_status bif_compile_eval(vm_process *p, const term *a, term *r)
{
    if (!term_is_binary(a[0]) || !term_is_list(a[1]) || !term_is_small(a[2])) return vm_badarg(p);
    int line = (int)term_small_value(a[2]);
    term ast;
    lang_error perr;
    if (!lang_parse((const char *)term_binary_data(a[0]), term_binary_size(a[0]), line, &ast, &perr)) {
        if (perr.incomplete) {
            *r = term_tuple_new(1);
            term_tuple_init(*r, 0, term_atom("incomplete"));
            return VM_OK;
        }
        char text[2048];
        snprintf(text, sizeof text, "** (%s) iex:%d:%d: %s", perr.kind, perr.line, perr.column,
                 lang_error_description(&perr));
        *r = term_tuple2(term_atom("error"), term_binary_from_cstr(text));
        return VM_OK;
    }
    lang_compile_error cerr;
    lang_compile_opts opts = {"iex", a[1], true, LANG_WARN | LANG_WARN_PROMPT, false};
    vm_runtime *rt = vm_process_runtime(p);
    vm_code *code = lang_compile(rt, ast, &opts, &cerr);
    term_release(ast);
    if (!code) {
        char text[2048];
        /* as iex prints it: an exception a macro raised by its message alone */
        if (cerr.raised || strcmp(cerr.kind, "CompileError") != 0)
            snprintf(text, sizeof text, "** (%s) %s", cerr.kind, cerr.message);
        else if (cerr.line == 0)
            snprintf(text, sizeof text, "** (%s) %s: %s", cerr.kind, cerr.file, cerr.message);
        else
            snprintf(text, sizeof text, "** (%s) %s:%d: %s", cerr.kind, cerr.file, cerr.line, cerr.message);
        *r = term_tuple2(term_atom("error"), term_binary_from_cstr(text));
        return VM_OK;
    }
    *r = term_tuple2(TERM_ATOM_OK, vm_code_fun(rt, code));
    return VM_OK;
}

/* :ciex.compile_eval(source, bound_names, line, file) -> {:ok, fun} |
 *   {:error, kind, file, line, column, description} | {:raise, module, message}
 * for Code.eval_string: the error's parts, for the exception struct
 * (kind: SyntaxError, TokenMissingError or CompileError; column 0 when
 * the error has none).  fun.(binding_map) returns {value, binding_map}. */
static vm_status bif_compile_eval4(vm_process *p, const term *a, term *r)
{
    if (!term_is_binary(a[0]) || !term_is_list(a[1]) || !term_is_small(a[2]) || !term_is_binary(a[3]))
        return vm_badarg(p);
    char file[512];
    snprintf(file, sizeof file, "%.*s", (int)term_binary_size(a[3]), (const char *)term_binary_data(a[3]));
    term ast;
    lang_error perr;
    const char *kind, *message;
    int line, column = 0;
    lang_compile_error cerr;
    if (!lang_parse((const char *)term_binary_data(a[0]), term_binary_size(a[0]), (int)term_small_value(a[2]), &ast,
                    &perr)) {
        kind = perr.kind, message = lang_error_description(&perr), line = perr.line, column = perr.column;
    } else {
        lang_compile_opts opts = {file, a[1], true, LANG_WARN, false};
        vm_runtime *rt = vm_process_runtime(p);
        vm_code *code = lang_compile(rt, ast, &opts, &cerr);
        term_release(ast);
        if (code) {
            *r = term_tuple2(TERM_ATOM_OK, vm_code_fun(rt, code));
            return VM_OK;
        }
        if (cerr.raised) {
            /* an exception the expansion raised: {:raise, module, message} */
            char module[64];
            snprintf(module, sizeof module, "Elixir.%s", cerr.kind);
            *r = term_tuple3(term_atom("raise"), term_atom(module), term_binary_from_cstr(cerr.message));
            return VM_OK;
        }
        kind = cerr.kind, message = cerr.message, line = cerr.line;
    }
    char module[64];
    snprintf(module, sizeof module, "Elixir.%s", kind);
    term t = term_tuple_new(6);
    term_tuple_init(t, 0, term_atom("error"));
    term_tuple_init(t, 1, term_atom(module));
    term_tuple_init(t, 2, term_retain(a[3]));
    term_tuple_init(t, 3, term_small(line));
    term_tuple_init(t, 4, term_small(column));
    term_tuple_init(t, 5, term_binary_from_cstr(message));
    *r = t;
    return VM_OK;
}

/* :ciex.compile_quoted(ast, bound_names, file) -> {:ok, fun} |
 *   {:error, kind, file, line, 0, description}
 * for Code.eval_quoted, as compile_eval/4 for source. */
static vm_status bif_compile_quoted(vm_process *p, const term *a, term *r)
{
    if (!term_is_list(a[1]) || !term_is_binary(a[2])) return vm_badarg(p);
    char file[512];
    snprintf(file, sizeof file, "%.*s", (int)term_binary_size(a[2]), (const char *)term_binary_data(a[2]));
    lang_compile_error cerr;
    lang_compile_opts opts = {file, a[1], true, LANG_WARN, true};
    vm_runtime *rt = vm_process_runtime(p);
    vm_code *code = lang_compile(rt, a[0], &opts, &cerr);
    if (code) {
        *r = term_tuple2(TERM_ATOM_OK, vm_code_fun(rt, code));
        return VM_OK;
    }
    char module[64];
    snprintf(module, sizeof module, "Elixir.%s", cerr.kind);
    term t = term_tuple_new(6);
    term_tuple_init(t, 0, term_atom("error"));
    term_tuple_init(t, 1, term_atom(module));
    term_tuple_init(t, 2, term_retain(a[2]));
    term_tuple_init(t, 3, term_small(cerr.line));
    term_tuple_init(t, 4, term_small(0));
    term_tuple_init(t, 5, term_binary_from_cstr(cerr.message));
    *r = t;
    return VM_OK;
}

/* :ciex.string_to_quoted(source, line) -> {:ok, ast} |
 *   {:error, kind, line, column, message, description}
 * for Code.string_to_quoted: the parser's message as Elixir's error tuple
 * holds it, and the description its exception shows. */
/* :ciex.string_to_quoted(string, line) -> {:ok, ast} | error tuple below;
 * :ciex.string_to_quoted_with_comments(string, line) -> {:ok, ast,
 * comments} | the same error tuple. */
static vm_status string_to_quoted(vm_process *p, const term *a, bool with_comments, term *r)
{
    if (!term_is_binary(a[0]) || !term_is_small(a[1])) return vm_badarg(p);
    term ast, comments = TERM_NIL;
    lang_error perr;
    const char *src = (const char *)term_binary_data(a[0]);
    size_t len = term_binary_size(a[0]);
    int line = (int)term_small_value(a[1]);
    bool ok = with_comments ? lang_parse_comments(src, len, line, &ast, &comments, &perr)
                            : lang_parse(src, len, line, &ast, &perr);
    if (ok) {
        if (with_comments) {
            term t = term_tuple_new(3);
            term_tuple_init(t, 0, TERM_ATOM_OK);
            term_tuple_init(t, 1, ast);
            term_tuple_init(t, 2, comments);
            *r = t;
        } else {
            *r = term_tuple2(TERM_ATOM_OK, ast);
        }
        return VM_OK;
    }
    char module[64];
    snprintf(module, sizeof module, "Elixir.%s", perr.kind);
    term t = term_tuple_new(6);
    term_tuple_init(t, 0, term_atom("error"));
    term_tuple_init(t, 1, term_atom(module));
    term_tuple_init(t, 2, term_small(perr.line));
    term_tuple_init(t, 3, term_small(perr.column));
    term_tuple_init(t, 4, term_binary_from_cstr(perr.message));
    term_tuple_init(t, 5, term_binary_from_cstr(lang_error_description(&perr)));
    *r = t;
    return VM_OK;
}

static vm_status bif_string_to_quoted(vm_process *p, const term *a, term *r) { return string_to_quoted(p, a, false, r); }

static vm_status bif_string_to_quoted_with_comments(vm_process *p, const term *a, term *r)
{
    return string_to_quoted(p, a, true, r);
}

/* :ciex.compile_warnings(text): prints warnings the compiler left for the
 * end of the code's run (Elixir prints unused aliases and imports when
 * the whole file has run). */
static vm_status bif_compile_warnings(vm_process *p, const term *a, term *r)
{
    if (!term_is_binary(a[0])) return vm_badarg(p);
    char *text = ciex_xmalloc(term_binary_size(a[0]) + 1, "compiler");
    memcpy(text, term_binary_data(a[0]), term_binary_size(a[0]));
    text[term_binary_size(a[0])] = '\0';
    vm_warn(vm_process_runtime(p), text);
    free(text);
    *r = TERM_ATOM_OK;
    return VM_OK;
}

static const vm_bif_def lang_bifs[] = {
    {"ciex", "compile_warnings", 1, bif_compile_warnings},
    {"ciex", "compile_eval", 3, bif_compile_eval},
    {"ciex", "compile_eval", 4, bif_compile_eval4},
    {"ciex", "string_to_quoted", 2, bif_string_to_quoted},
    {"ciex", "string_to_quoted_with_comments", 2, bif_string_to_quoted_with_comments},
    {"ciex", "compile_quoted", 3, bif_compile_quoted},
    {NULL, NULL, 0, NULL},
};

/* A fun from another node: an erl_eval fun (src/lang/erl_eval.c), or a
 * ciex_eval one {module ciex_eval, free [{:ciex_fun, ast, names},
 * values...]} that the distribution sends when a shell fun has no
 * translation to Erlang's abstract format. */
static const vm_code *load_remote_fun(vm_runtime *rt, term fun)
{
    if (vm_is_erl_eval_fun(fun)) return lang_load_erl_eval_fun(rt, fun);
    const term_fun *f = term_fun_ptr(fun);
    if (f->module != term_atom("ciex_eval") || f->nfree < 1) return NULL;
    term meta = f->free[0];
    if (!term_is_tuple(meta) || term_tuple_arity(meta) != 3 || term_tuple_get(meta, 0) != term_atom("ciex_fun"))
        return NULL;
    lang_compile_error err;
    return lang_compile_remote_fun(rt, term_tuple_get(meta, 1), term_tuple_get(meta, 2), &err);
}

void lang_register_bifs(vm_runtime *rt)
{
    vm_register_bifs(rt, lang_bifs);
    vm_set_fun_loader(rt, load_remote_fun);
    lang_register_erl_eval(rt);
}
