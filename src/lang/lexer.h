/* lexer.h - the tokenizer of the ciex parser (internal to src/lang).
 *
 * The token kinds and their classification follow elixir_tokenizer.erl of
 * Elixir 1.14 one for one, because the grammar depends on decisions the
 * tokenizer makes: an identifier followed by "(" is a paren_identifier,
 * by "[" a bracket_identifier, by " do" a do_identifier, and "f -1" turns
 * f into an op_identifier.  Strings keep their interpolations as nested
 * token streams, parsed when the string itself is parsed.
 *
 * Tokens own no refcounted terms (atoms are immortal), so a failed parse
 * frees everything with lex_free and nothing else.
 */
#ifndef CIEX_LANG_LEXER_H
#define CIEX_LANG_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ciex/lang.h"
#include "ciex/term.h"

typedef enum lex_kind {
    LEX_EOF, /* yecc's '$end' */
    /* identifiers and names: `atom` holds the name */
    LEX_IDENTIFIER,
    LEX_PAREN_IDENTIFIER,
    LEX_BRACKET_IDENTIFIER,
    LEX_DO_IDENTIFIER,
    LEX_OP_IDENTIFIER,
    LEX_BLOCK_IDENTIFIER, /* else after catch rescue */
    LEX_KW_IDENTIFIER,    /* foo: */
    LEX_KW_IDENTIFIER_UNSAFE, /* "foo#{x}": (parts) */
    LEX_ALIAS,
    /* literals */
    LEX_INT,  /* text: digits without underscores, base */
    LEX_FLT,  /* text: digits without underscores */
    LEX_CHAR, /* ch: the code point */
    LEX_ATOM,
    LEX_ATOM_QUOTED,
    LEX_ATOM_UNSAFE, /* :"a#{b}" (parts) */
    LEX_BIN_STRING,  /* parts */
    LEX_LIST_STRING,
    LEX_BIN_HEREDOC, /* parts, indentation */
    LEX_LIST_HEREDOC,
    LEX_SIGIL,       /* ch: letter, parts, modifiers, indentation, delimiter */
    /* reserved words */
    LEX_TRUE, LEX_FALSE, LEX_NIL, LEX_FN, LEX_DO, LEX_END,
    /* punctuation */
    LEX_EOL, LEX_SEMI, LEX_COMMA, LEX_DOT, LEX_DOT_CALL_OP,
    LEX_LPAREN, LEX_RPAREN, LEX_LBRACKET, LEX_RBRACKET, LEX_LCURLY, LEX_RCURLY,
    LEX_LBIT, LEX_RBIT, LEX_MAP /* %{} */, LEX_PERCENT,
    /* operators: `atom` holds the operator */
    LEX_AT_OP, LEX_UNARY_OP, LEX_CAPTURE_OP, LEX_DUAL_OP, LEX_TERNARY_OP,
    LEX_RANGE_OP, LEX_MULT_OP, LEX_POWER_OP, LEX_CONCAT_OP, LEX_XOR_OP,
    LEX_IN_OP, LEX_ARROW_OP, LEX_REL_OP, LEX_COMP_OP, LEX_AND_OP, LEX_OR_OP,
    LEX_MATCH_OP, LEX_IN_MATCH_OP, LEX_TYPE_OP, LEX_PIPE_OP, LEX_WHEN_OP,
    LEX_ASSOC_OP, LEX_STAB_OP,
    LEX_KIND_COUNT
} lex_kind;

typedef struct lex_stream lex_stream;

/* One piece of a string: literal bytes, or the tokens of a #{...}. */
typedef struct lex_part {
    const char *bytes; /* literal (unescaped for strings, raw for sigils) */
    size_t len;
    lex_stream *interp; /* non-NULL for an interpolation */
    int line, column;   /* where "#{" starts */
    int end_line, end_column;
} lex_part;

/* What only numbers, heredocs and sigils need, kept out of line. */
typedef struct lex_extra {
    const char *orig;   /* numbers: the source text, underscores kept */
    uint32_t orig_len;
    int indentation;    /* heredocs and heredoc sigils; -1 when nil */
    const char *modifiers; /* sigils */
    uint32_t nmodifiers;
    const char *delimiter; /* sigils: "(", "\"\"\"", ... */
} lex_extra;

typedef struct lex_token {
    uint8_t kind;   /* lex_kind */
    uint8_t base;   /* integers */
    int line, column;
    union {
        int count;  /* eol , ; : newlines folded into the token */
        int32_t ch; /* ?c code point; sigil letter */
    };
    term atom;      /* names, atoms, operators; TERM_NONE otherwise */
    const char *text;   /* numbers: digits without '_'; names: source text */
    uint32_t len;
    uint32_t nparts;
    lex_part *parts;    /* strings, quoted atoms and keywords, sigils */
    lex_extra *x;       /* numbers, heredocs, sigils */
} lex_token;

/* A token sequence: the whole input, or one interpolation.  tok[n] is
 * always an LEX_EOF token placed at the last real token (yecc reports
 * errors at end of input there). */
struct lex_stream {
    lex_token *tok;
    size_t n, cap;
};

typedef struct lex_chunk lex_chunk;

#define LEX_ATOM_SLOTS 512

/* A comment kept for Code.string_to_quoted_with_comments: where its #
 * is, its text (to the end of the line, without it), and the newlines
 * just before it (as the eol, comma or semicolon token before it counts
 * them; 1 at the start of the input, 0 after another token) and just
 * after it (blank space between them skipped). */
typedef struct lex_comment {
    int line, column;
    int previous_eol_count, next_eol_count;
    const uint8_t *text;
    size_t len;
} lex_comment;

typedef struct lexer {
    const uint8_t *src, *p, *end;
    int line, column;
    lang_error *err;
    int depth;          /* interpolation nesting */
    int max_depth;
    /* open ( [ { << fn do, with the indentation of their line */
    struct lex_open { uint8_t kind; int line, indentation; } *opens;
    size_t nopens, capopens, base;
    /* terminators that look mismatched, for the missing-terminator hint */
    struct lex_open *hints;
    size_t nhints, caphints;
    int indentation;
    lex_stream **streams; /* every stream, for lex_free */
    size_t nstreams, capstreams;
    lex_chunk *arena;
    /* a string error still waiting for its " (for ... starting at line N)" */
    bool string_error;
    /* names already interned: spares the global atom table's lock for
     * the identifiers and operators that repeat all through a file */
    struct lex_atom_slot { uint64_t key; term atom; } atoms[LEX_ATOM_SLOTS];
    bool keep_comments; /* set by lex_tokenize_comments */
    lex_comment *comments;
    size_t ncomments, capcomments;
} lexer;

/* Tokenizes src[0..len) starting at line `first_line`.  On success
 * returns the top stream; on error fills *err and returns NULL.  Either
 * way release everything with lex_free. */
lex_stream *lex_tokenize(lexer *lx, const char *src, size_t len, int first_line, int max_depth,
                         lang_error *err);
void lex_free(lexer *lx);
/* lex_tokenize keeping the comments in lx->comments (freed by lex_free). */
lex_stream *lex_tokenize_comments(lexer *lx, const char *src, size_t len, int first_line, int max_depth,
                                  lang_error *err);

/* The text yecc prints for a token in "syntax error before: " (the Erlang
 * ~tp of its value): "')'", "foo", "\"12\"", "" at end of input. */
void lex_token_text(const lex_token *t, char *buf, size_t size);

/* Fills *err (kind, message = prefix ++ token ++ suffix, incomplete when
 * the token is empty, as iex decides continuation lines). */
void lex_set_error(lang_error *err, int line, int column, const char *prefix, const char *token,
                   const char *suffix);

#endif
