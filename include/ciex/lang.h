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
    char message[512];  /* Elixir's text, e.g. "unexpected token: )" */
    int line, column;   /* where Elixir points, 1-based */
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

#endif
