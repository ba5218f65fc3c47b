/* lang.h - the ciex language: an Elixir subset.
 *
 * Source text is parsed into Elixir's own quoted form (the value
 * Code.string_to_quoted/2 returns), so programs are ordinary terms: the
 * compiler reads them, and funs carry them between nodes. */
#ifndef CIEX_LANG_H
#define CIEX_LANG_H

#include <stdbool.h>
#include <stddef.h>

#include "ciex/term.h"

/* A syntax error, as Elixir reports it. */
typedef struct lang_error {
    const char *kind;   /* "SyntaxError" or "TokenMissingError" (static) */
    /* Elixir's text, e.g. "unexpected token: )"; some of Elixir's own
     * messages (the "unexpected comma" ones) run past 600 bytes */
    char message[1024];
    /* where Elixir points, 1-based; column is 0 when Elixir reports only
     * a line (the errors it raises with the meta of a node) */
    int line, column;
    /* The input ended inside an open construct (a do without end, an open
     * bracket or string, an operator missing its right side): a shell
     * reads a continuation line instead of reporting the error. */
    bool incomplete;
} lang_error;

/* Parses src[0..len) as Code.string_to_quoted(src, line: first_line)
 * would, with the default options (meta is [line: N]; several expressions
 * make a __block__).  On success stores an owned term in *out and returns
 * true; on a syntax error fills *err and returns false. */
bool lang_parse(const char *src, size_t len, int first_line, term *out, lang_error *err);
/* lang_parse that also stores in *comments (owned, [] on an error) the
 * comments as Code.string_to_quoted_with_comments/2 lists them. */
bool lang_parse_comments(const char *src, size_t len, int first_line, term *out, term *comments, lang_error *err);

/* The error's description as Elixir raises it: err->message is what
 * Code.string_to_quoted returns, where the end of the input is "syntax
 * error before: " with no token; raised, that reads "syntax error:
 * expression is incomplete". */
const char *lang_error_description(const lang_error *err);

/* ---- the compiler ---- */

struct vm_runtime;
struct vm_code;

/* A CompileError: message as Elixir words it, at file:line. */
typedef struct lang_compile_error {
    const char *kind;   /* "CompileError" (static) */
    char message[1024];
    char file[256];
    int line;           /* 0: Elixir names no line (a macro's invalid result) */
    bool in_module;     /* raised in a defmodule's body: Elixir shows no stack trace */
    /* An exception raised while expanding the code (the ArgumentError of
     * ~D[2023-02-30]): Elixir prints it without file:line. */
    bool raised;
} lang_compile_error;

typedef struct lang_compile_opts {
    const char *file;   /* "iex", "nofile" or a path: used in messages and stack traces */
    /* Variables already bound (a list of atoms, borrowed): the code reads
     * them from the binding map it is called with; 0 (a zeroed field)
     * means none. */
    term binding;
    /* Shell input: funs keep their AST so that other nodes can run them,
     * and print as iex's do (#Function<... in :erl_eval.expr/6>). */
    bool shell;
    /* Which compiler warnings to print (on stderr, as Elixir prints them):
     * 0 for none (the prelude), LANG_WARN for what Elixir warns of when it
     * evaluates code (iex, -e, Code.eval_string), plus LANG_WARN_FILE for a
     * file it compiles (a script: unused top-level variables, clauses that
     * cannot match at the top level), or LANG_WARN_PROMPT for an iex input
     * (a name that is not a variable but names a function, `self`, is
     * not warned about). */
    unsigned warnings;
    /* Code.eval_quoted: the variables a quote made (context other than
     * nil) go out in the binding map too, keyed {name, context}. */
    bool quoted;
} lang_compile_opts;

#define LANG_WARN 1u
#define LANG_WARN_FILE 2u
#define LANG_WARN_PROMPT 4u

/* Compiles top-level code (a script, or one shell input) into a function
 * of one argument, the binding map (variable name => value), that returns
 * {value, new_binding_map}.  Modules defined inside are loaded when the
 * code runs.  Returns NULL with *err filled on a compile error. */
struct vm_code *lang_compile(struct vm_runtime *rt, term ast, const lang_compile_opts *opts,
                             lang_compile_error *err);

/* Loads the embedded standard library: the image of its compiled code
 * when the program has one that fits, else compiling its source.  false with a message
 * in err when it fails (a bug in ciex). */
bool lang_load_prelude(struct vm_runtime *rt, char *err, size_t errlen);
/* Compiles the prelude into rt (whose BIFs must be those of the program
 * that will load the image) and writes the image of its code to path as a
 * C source (lang_prelude_image[], lang_prelude_image_len), for the build. */
bool lang_write_prelude_image(struct vm_runtime *rt, const char *path, char *err, size_t errlen);

/* Compiles the `fn` AST a fun from another ciex node carries; its free
 * variables are its metadata and then `names`.  NULL on failure. */
const struct vm_code *lang_compile_remote_fun(struct vm_runtime *rt, term fn_ast, term names,
                                              lang_compile_error *err);

/* Registers the BIFs that compile source at run time (:ciex.compile_eval),
 * and the loader of funs from other nodes. */
void lang_register_bifs(struct vm_runtime *rt);

/* Runs top-level code in a fresh process until it ends; returns its exit
 * reason (owned). */
term lang_run_code(struct vm_runtime *rt, const struct vm_code *code);

#endif
