/* algebra.h - Elixir's Inspect.Algebra document engine, internal to src/term.
 *
 * A document is built bottom-up in an alg_builder and rendered once.
 * Documents are indices into the builder's node array, so building a
 * million-element list costs a few flat allocations, and the whole tree
 * is released with the builder. */
#ifndef CIEX_ALGEBRA_H
#define CIEX_ALGEBRA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t alg_doc;

#define ALG_NIL ((alg_doc)0) /* :doc_nil, the empty document */
#define ALG_WIDTH_INFINITY (-1)

typedef struct alg_builder alg_builder;

alg_builder *alg_new(void);
void alg_free(alg_builder *b);

/* A literal text; the bytes are copied.  Its width is its byte size, as
 * for Elixir's plain binary documents. */
alg_doc alg_text(alg_builder *b, const char *s, size_t len);
alg_doc alg_cstr(alg_builder *b, const char *s);
alg_doc alg_concat(alg_builder *b, alg_doc left, alg_doc right);
/* nest(doc, indent) with the :always mode. */
alg_doc alg_nest(alg_builder *b, alg_doc doc, uint32_t indent);
/* break(s) is strict: every strict break of a group that does not fit
 * becomes a newline.  flex_break(s) is decided one break at a time. */
alg_doc alg_break(alg_builder *b, const char *s, bool flex);
/* group(doc) with the :self mode. */
alg_doc alg_group(alg_builder *b, alg_doc doc);
/* {:doc_color, doc, ansi}: emits `ansi` (copied) before doc, zero width. */
alg_doc alg_color(alg_builder *b, alg_doc doc, const char *ansi);

/* glue(l, s, r) and flex_glue(l, s, r). */
alg_doc alg_glue(alg_builder *b, alg_doc left, const char *s, alg_doc right, bool flex);

/* Inspect.Algebra's simple?/1: only text, nil, and concatenations and
 * colours of those.  Constant time: computed when the node is built. */
bool alg_is_simple(const alg_builder *b, alg_doc d);

/* Renders with Inspect.Algebra.format/2 at `width` (ALG_WIDTH_INFINITY or
 * >= 0).  Returns a malloc'ed NUL-terminated string. */
char *alg_format(alg_builder *b, alg_doc d, int width, size_t *len);

#endif
