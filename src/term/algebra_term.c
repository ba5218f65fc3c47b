/* algebra_term.c - documents built in Elixir (Inspect.Algebra's tuples)
 * rendered by the C engine (algebra.c).
 *
 * What the engine has no node for is approximated: :doc_line is a break
 * whose text is a newline, a nest of :cursor or :reset, force_unfit,
 * next_break_fits and collapse_lines leave their document as it is, and
 * colours are dropped (user documents are printed without them). */
#include "algebra.h"

#include "ciex/term.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 100000

static bool is_tag(term t, const char *name, uint32_t arity)
{
    return term_is_tuple(t) && term_tuple_arity(t) == arity && term_tuple_get(t, 0) == term_atom(name);
}

static bool from_term(alg_builder *b, term t, uint32_t depth, alg_doc *out)
{
    if (depth > MAX_DEPTH) return false;
    if (term_is_binary(t)) {
        *out = alg_text(b, (const char *)term_binary_data(t), term_binary_size(t));
        return true;
    }
    if (t == term_atom("doc_nil") || is_tag(t, "doc_collapse", 2)) {
        *out = ALG_NIL;
        return true;
    }
    if (t == term_atom("doc_line")) {
        *out = alg_break(b, "\n", false);
        return true;
    }
    if (is_tag(t, "doc_string", 3)) return from_term(b, term_tuple_get(t, 1), depth + 1, out);
    if (is_tag(t, "doc_cons", 3)) {
        alg_doc l, r;
        if (!from_term(b, term_tuple_get(t, 1), depth + 1, &l) || !from_term(b, term_tuple_get(t, 2), depth + 1, &r))
            return false;
        *out = alg_concat(b, l, r);
        return true;
    }
    if (is_tag(t, "doc_nest", 4)) {
        alg_doc d;
        if (!from_term(b, term_tuple_get(t, 1), depth + 1, &d)) return false;
        term n = term_tuple_get(t, 2);
        *out = term_is_small(n) && term_small_value(n) > 0 ? alg_nest(b, d, (uint32_t)term_small_value(n)) : d;
        return true;
    }
    if (is_tag(t, "doc_break", 3)) {
        term s = term_tuple_get(t, 1);
        if (!term_is_binary(s)) return false;
        char *c = malloc(term_binary_size(s) + 1);
        if (!c) return false;
        memcpy(c, term_binary_data(s), term_binary_size(s));
        c[term_binary_size(s)] = 0;
        *out = alg_break(b, c, term_tuple_get(t, 2) == term_atom("flex"));
        free(c);
        return true;
    }
    if (is_tag(t, "doc_group", 3)) {
        alg_doc d;
        if (!from_term(b, term_tuple_get(t, 1), depth + 1, &d)) return false;
        *out = alg_group(b, d);
        return true;
    }
    if (is_tag(t, "doc_force", 2)) return from_term(b, term_tuple_get(t, 1), depth + 1, out);
    if (is_tag(t, "doc_fits", 3) || is_tag(t, "doc_color", 3) || is_tag(t, "doc_limit", 3))
        return from_term(b, term_tuple_get(t, 1), depth + 1, out);
    return false;
}

char *term_algebra_format(term doc, int width, size_t *len)
{
    alg_builder *b = alg_new();
    alg_doc d;
    char *s = from_term(b, doc, 0, &d) ? alg_format(b, d, width < 0 ? ALG_WIDTH_INFINITY : width, len) : NULL;
    alg_free(b);
    return s;
}
