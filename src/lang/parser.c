/* parser.c - tokens to Elixir's quoted form, as elixir_parser.yrl does it.
 *
 * Elixir's parser is an LALR(1) grammar (elixir_parser.yrl).  This one is
 * a recursive-descent, precedence-climbing parser that accepts the same
 * language and builds the same terms, so the design follows the places
 * where the grammar is subtle:
 *
 *   - Three call syntaxes.  "f(a)" is a parens call; "f a, b" a call
 *     without parentheses, whose arguments are parsed greedily (so
 *     "f g a, b" is f(g(a, b))); "f a do ... end" a call with a do block.
 *     A do block attaches to the outermost call that may take one: inside
 *     the arguments of a no-parens call (flag P_NODO) "do" ends the
 *     argument instead.  A no-parens call with several arguments
 *     (K_NOPARENS) is an error inside containers and parens calls, with
 *     Elixir's "unexpected comma" messages.
 *   - Operators climb by Elixir's precedence table (binop below).  The
 *     dot, ".()" and "[...]" access bind tighter than every operator and
 *     are parsed as postfixes; "@" binds tighter still, so "@a.b" is
 *     (@a).b while "-a.b" is -(a.b).
 *   - Stab clauses ("args -> body") in fn, do blocks and parentheses are
 *     collected as the grammar's collect_stab does: expressions after a
 *     clause belong to its body.
 *
 * The terms match Code.string_to_quoted/1 with default options: meta is
 * [line: N], and the quirks of 1.14 are kept (a lone "!x" or "not x" is
 * wrapped in a __block__, "not a in b" is rewritten to not(a in b)).
 *
 * Errors carry Elixir's message, line and column: "syntax error before:
 * <token>" comes out at the first token the grammar cannot accept, which
 * for a correct-prefix parser like this one is the token yecc stops at.
 * Every function that builds terms returns TERM_NONE after an error and
 * releases what it built, so a failed parse leaks nothing.  Nesting is
 * capped (P_MAX_DEPTH) so that hostile input cannot overflow the C stack.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ciex/lang.h"
#include "lexer.h"

/* Deep enough for any real program; shallow enough that even a
 * sanitizer build stays far from the end of an 8 MB stack. */
#define P_MAX_DEPTH 1000

/* ---- atoms ---- */

static struct {
    term line, do_, block, aliases, dot, arrow, fn, map, percent, tuple, bits, type, binary, kernel,
        to_string, list, to_charlist, erlang, b2a, utf8, access, get, no_parens, ambiguous, nil,
        when, pipe, range, range_step, not_, in, bang, slash, amp, at, splice, delimiter, indentation,
        true_, false_, last;
} A;

static void atoms_init(void)
{
    A.line = term_atom("line");
    A.do_ = term_atom("do");
    A.block = term_atom("__block__");
    A.aliases = term_atom("__aliases__");
    A.dot = term_atom(".");
    A.arrow = term_atom("->");
    A.fn = term_atom("fn");
    A.map = term_atom("%{}");
    A.percent = term_atom("%");
    A.tuple = term_atom("{}");
    A.bits = term_atom("<<>>");
    A.type = term_atom("::");
    A.binary = term_atom("binary");
    A.kernel = term_atom("Elixir.Kernel");
    A.to_string = term_atom("to_string");
    A.list = term_atom("Elixir.List");
    A.to_charlist = term_atom("to_charlist");
    A.erlang = term_atom("erlang");
    A.b2a = term_atom("binary_to_atom");
    A.utf8 = term_atom("utf8");
    A.access = term_atom("Elixir.Access");
    A.get = term_atom("get");
    A.no_parens = term_atom("no_parens");
    A.ambiguous = term_atom("ambiguous_op");
    A.nil = term_atom("nil");
    A.when = term_atom("when");
    A.pipe = term_atom("|");
    A.range = term_atom("..");
    A.range_step = term_atom("..//");
    A.not_ = term_atom("not");
    A.in = term_atom("in");
    A.bang = term_atom("!");
    A.slash = term_atom("/");
    A.amp = term_atom("&");
    A.at = term_atom("@");
    A.splice = term_atom("unquote_splicing");
    A.delimiter = term_atom("delimiter");
    A.indentation = term_atom("indentation");
    A.true_ = term_atom("true");
    A.false_ = term_atom("false");
    A.last = term_atom("last");
}

static pthread_once_t atoms_once = PTHREAD_ONCE_INIT;

/* ---- parser state ---- */

enum {
    P_NODO = 1,   /* a no-parens call's argument: "do" is not ours */
    P_NOARGS = 2, /* a struct name: identifiers take no arguments */
    P_ONE = 4,    /* only a matched_expr fits: no-parens calls take one
                   * argument and leave commas to the enclosing list */
    P_ASSOC = 8,  /* a map key or value: an operator whose right side is a
                   * no-parens call with several arguments cannot end */
};

/* What an expression is in the grammar's terms: matched_expr,
 * no_parens_expr (a call without parentheses and with several arguments,
 * or one ending in such a call) or unmatched_expr (one holding a do
 * block), which may not be followed by "," or "->" in a clause head. */
typedef enum {
    K_MATCHED,
    K_NOPARENS,
    K_UNMATCHED,
    K_PREFIXED, /* a prefix operator on a no_parens_expr: "not f a, b" is
                 * no_parens in a list, yet a valid map key */
} pkind;

static bool noparens(pkind k) { return k == K_NOPARENS || k == K_PREFIXED; }

#define META_CACHE 64

/* [line: N] for recently used lines: nodes share these immutable lists. */
typedef struct meta_slot {
    int line;
    term meta;
} meta_slot;

/* The form of the expression parsed last, for the places where the
 * grammar accepts only some: a bare map entry (%{a}) must be a name or a
 * call, a struct name (%a{}) a name, call, alias or atom. */
enum { SH_OTHER, SH_NAME, SH_CALL, SH_ONE, SH_ALIAS, SH_ATOM };

typedef struct parser {
    lex_stream *s;
    size_t pos;
    int shape;
    int *match;       /* matching ")" of each "(", computed on demand */
    lang_error *err;
    bool failed;
    int depth;
    meta_slot *cache;
} parser;

static lex_token *peek(parser *p) { return &p->s->tok[p->pos]; }
static lex_token *peek_at(parser *p, size_t k)
{
    size_t i = p->pos + k;
    return &p->s->tok[i <= p->s->n ? i : p->s->n];
}
static lex_token *next(parser *p)
{
    lex_token *t = &p->s->tok[p->pos];
    if (p->pos < p->s->n) p->pos++;
    return t;
}
static bool is(parser *p, int kind) { return peek(p)->kind == kind; }
static void skip_eol(parser *p)
{
    if (is(p, LEX_EOL)) p->pos++;
}

/* eoe: eol | ';' | eol ';' */
static bool eoe(parser *p)
{
    bool any = false;
    if (is(p, LEX_EOL)) {
        p->pos++;
        any = true;
    }
    if (is(p, LEX_SEMI)) {
        p->pos++;
        any = true;
    }
    return any;
}

/* ---- errors ---- */

/* Error paths stay out of line: their message buffers would otherwise
 * sit in the frames of the recursive functions that call them. */
#define P_COLD __attribute__((noinline, cold))

P_COLD static term fail_at(parser *p, int line, int column, const char *prefix, const char *token)
{
    if (!p->failed) lex_set_error(p->err, line, column, prefix, token, NULL);
    p->failed = true;
    return TERM_NONE;
}

const char *lang_error_description(const lang_error *err)
{
    if (strcmp(err->kind, "TokenMissingError") == 0 && strcmp(err->message, "syntax error before: ") == 0)
        return "syntax error: expression is incomplete";
    return err->message;
}

P_COLD static term syntax_error(parser *p, const lex_token *t)
{
    char text[sizeof p->err->message];
    lex_token_text(t, text, sizeof text);
    return fail_at(p, t->line, t->column, "syntax error before: ", text);
}

/* The line in a node's [line: N] meta (for errors raised with the meta
 * of a node, which carry no column). */
static int node_line(term node)
{
    if (!term_is_tuple(node) || term_tuple_arity(node) != 3) return 0;
    for (term m = term_tuple_get(node, 1); term_is_cons(m); m = term_tail(m)) {
        term kv = term_head(m);
        if (term_is_tuple(kv) && term_tuple_arity(kv) == 2 && term_tuple_get(kv, 0) == A.line &&
            term_is_small(term_tuple_get(kv, 1)))
            return (int)term_small_value(term_tuple_get(kv, 1));
    }
    return 0;
}

P_COLD static term error_many_strict(parser *p, term node)
{
    fail_at(p, node_line(node), 0,
            "unexpected comma. Parentheses are required to solve ambiguity in nested calls.\n\n"
            "This error happens when you have nested function calls without parentheses. For example:\n\n"
            "    one a, two b, c, d\n\n"
            "In the example above, we don't know if the parameters \"c\" and \"d\" apply to the function "
            "\"one\" or \"two\". You can solve this by explicitly adding parentheses:\n\n"
            "    one a, two(b, c, d)\n\n"
            "Or by adding commas (in case a nested call is not intended):\n\n"
            "    one, a, two, b, c, d\n\n"
            "Elixir cannot compile otherwise. Syntax error before: ",
            "','");
    term_release(node);
    return TERM_NONE;
}

P_COLD static term error_container_strict(parser *p, term node)
{
    fail_at(p, node_line(node), 0,
            "unexpected comma. Parentheses are required to solve ambiguity inside containers.\n\n"
            "This error may happen when you forget a comma in a list or other container:\n\n"
            "    [a, b c, d]\n\n"
            "Or when you have ambiguous calls:\n\n"
            "    [one, two three, four, five]\n\n"
            "In the example above, we don't know if the parameters \"four\" and \"five\" belongs to the "
            "list or the function \"two\". You can solve this by explicitly adding parentheses:\n\n"
            "    [one, two(three, four), five]\n\n"
            "Elixir cannot compile otherwise. Syntax error before: ",
            "','");
    term_release(node);
    return TERM_NONE;
}

P_COLD static void error_bad_keyword(parser *p, const lex_token *comma, bool call)
{
    fail_at(p, comma->line, comma->column,
            call ? "unexpected expression after keyword list. Keyword lists must always come as the last "
                   "argument. Therefore, this is not allowed:\n\n    function_call(1, some: :option, 2)\n\n"
                   "Instead, wrap the keyword in brackets:\n\n    function_call(1, [some: :option], 2)\n\n"
                   "Syntax error after: "
                 : "unexpected expression after keyword list. Keyword lists must always come last in "
                   "lists and maps. Therefore, this is not allowed:\n\n    [some: :value, :another]\n"
                   "    %{some: :value, another => value}\n\nInstead, reorder it to be the last entry:\n\n"
                   "    [:another, some: :value]\n    %{another => value, some: :value}\n\n"
                   "Syntax error after: ",
            "','");
}

/* error_invalid_kw_identifier: "x do: 1" after something that is not a call */
P_COLD static term error_kw_after_expr(parser *p, const lex_token *kw)
{
    if (kw->kind == LEX_KW_IDENTIFIER && kw->atom == A.do_) {
        fail_at(p, kw->line, kw->column, "unexpected keyword: ", "do:");
        size_t n = strlen(p->err->message);
        snprintf(p->err->message + n, sizeof p->err->message - n, "%s",
                 ". In case you wanted to write a \"do\" expression, you must either use do-blocks or "
                 "separate the keyword argument with comma. For example, you should either write:\n\n"
                 "    if some_condition? do\n      :this\n    else\n      :that\n    end\n\n"
                 "or the equivalent construct:\n\n    if(some_condition?, do: :this, else: :that)\n\n"
                 "where \"some_condition?\" is the first argument and the second argument is a keyword "
                 "list.\n\nYou may see this error if you forget a trailing comma before the \"do\" in a "
                 "\"do\" block");
        return TERM_NONE;
    }
    if (kw->kind != LEX_KW_IDENTIFIER) return syntax_error(p, kw);
    char text[300];
    snprintf(text, sizeof text, "'%s:'", term_atom_name(kw->atom));
    return fail_at(p, kw->line, kw->column, "syntax error before: ", text);
}

/* ---- building terms ---- */

static term meta(parser *p, int line)
{
    unsigned slot = (unsigned)line % META_CACHE;
    if (p->cache[slot].meta != TERM_NONE && p->cache[slot].line == line) return term_retain(p->cache[slot].meta);
    term m = term_cons_new(term_tuple2(A.line, term_small(line)), TERM_NIL);
    term_release(p->cache[slot].meta);
    p->cache[slot].line = line;
    p->cache[slot].meta = term_retain(m);
    return m;
}

static term tmeta(parser *p, const lex_token *t) { return meta(p, t->line); }

static term node(term head, term m, term args) { return term_tuple3(head, m, args); }

/* [k: v | rest] */
static term kw_cons(term k, term v, term rest) { return term_cons_new(term_tuple2(k, v), rest); }

static term list1(term a) { return term_cons_new(a, TERM_NIL); }
static term list2(term a, term b) { return term_cons_new(a, list1(b)); }

/* A growable array of owned terms. */
typedef struct tvec {
    term *v;
    size_t n, cap;
} tvec;

static void tv_push(tvec *t, term x)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 8;
        t->v = ciex_xrealloc(t->v, t->cap * sizeof *t->v, "compiler");
    }
    t->v[t->n++] = x;
}

static void tv_free(tvec *t)
{
    for (size_t i = 0; i < t->n; i++) term_release(t->v[i]);
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}

/* Consumes the elements into a proper list, ended by `tail`. */
static term tv_list_tail(tvec *t, term tail)
{
    term l = tail;
    for (size_t i = t->n; i-- > 0;) l = term_cons_new(t->v[i], l);
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
    return l;
}

static term tv_list(tvec *t) { return tv_list_tail(t, TERM_NIL); }

static bool is_call_of(term x, term name, int arity)
{
    return term_is_tuple(x) && term_tuple_arity(x) == 3 && term_tuple_get(x, 0) == name &&
           (arity < 0 || term_list_length(term_tuple_get(x, 2)) == arity);
}

/* build_block: one expression stands alone, except a lone "not x", "!x"
 * or unquote_splicing(x), which Elixir 1.14 keeps in a block. */
static term build_block(tvec *exprs, term m)
{
    if (exprs->n == 1) {
        term e = exprs->v[0];
        if (!(is_call_of(e, A.not_, 1) || is_call_of(e, A.bang, 1) || is_call_of(e, A.splice, 1))) {
            free(exprs->v);
            exprs->v = NULL;
            exprs->n = exprs->cap = 0;
            term_release(m);
            return e;
        }
    }
    return node(A.block, m, tv_list(exprs));
}

static term empty_block(void) { return node(A.block, TERM_NIL, TERM_NIL); }

/* ---- strings ---- */

static term parse_stream(parser *p, lex_stream *s);

/* The form inside "#{...}", parsed with the whole grammar. */
static term interpolated_form(parser *p, const lex_part *part)
{
    return parse_stream(p, part->interp);
}

/* string_parts: literals and {:"::", m, [Kernel.to_string(form), binary]} */
static term string_parts(parser *p, const lex_token *t, bool charlist)
{
    tvec parts = {0};
    for (uint32_t i = 0; i < t->nparts; i++) {
        const lex_part *part = &t->parts[i];
        if (!part->interp) {
            tv_push(&parts, term_binary_new(part->bytes, part->len));
            continue;
        }
        term form = interpolated_form(p, part);
        if (form == TERM_NONE) {
            tv_free(&parts);
            return TERM_NONE;
        }
        term m = meta(p, part->line);
        term dot = node(A.dot, term_retain(m), list2(A.kernel, A.to_string));
        term call = node(dot, term_retain(m), list1(form));
        if (charlist) {
            term_release(m);
            tv_push(&parts, call);
        } else {
            term bin = node(A.binary, term_retain(m), A.nil);
            tv_push(&parts, node(A.type, m, list2(call, bin)));
        }
    }
    return tv_list(&parts);
}

static term bin_string(parser *p, const lex_token *t)
{
    if (t->nparts == 1 && !t->parts[0].interp) return term_binary_new(t->parts[0].bytes, t->parts[0].len);
    term parts = string_parts(p, t, false);
    if (parts == TERM_NONE) return TERM_NONE;
    return node(A.bits, tmeta(p, t), parts);
}

static term list_string(parser *p, const lex_token *t)
{
    if (t->nparts == 1 && !t->parts[0].interp) {
        term l = term_charlist_from_utf8(t->parts[0].bytes, t->parts[0].len);
        if (l == TERM_NONE) return fail_at(p, t->line, t->column, "invalid UTF-8 in charlist: ", "'");
        return l;
    }
    term parts = string_parts(p, t, true);
    if (parts == TERM_NONE) return TERM_NONE;
    term dot = node(A.dot, tmeta(p, t), list2(A.list, A.to_charlist));
    return node(dot, tmeta(p, t), list1(parts));
}

/* build_quoted_atom for :"a#{b}" and "a#{b}": */
static term quoted_atom(parser *p, const lex_token *t)
{
    term parts = string_parts(p, t, false);
    if (parts == TERM_NONE) return TERM_NONE;
    term dot = node(A.dot, tmeta(p, t), list2(A.erlang, A.b2a));
    term bin = node(A.bits, tmeta(p, t), parts);
    return node(dot, tmeta(p, t), list2(bin, A.utf8));
}

static term sigil(parser *p, const lex_token *t)
{
    term parts = string_parts(p, t, false);
    if (parts == TERM_NONE) return TERM_NONE;
    char name[8];
    snprintf(name, sizeof name, "sigil_%c", (char)t->ch);
    term m = tmeta(p, t);
    if (t->x->indentation >= 0) m = kw_cons(A.indentation, term_small(t->x->indentation), m);
    term bin = node(A.bits, m, parts);
    term mods = term_charlist_from_utf8(t->x->modifiers, t->x->nmodifiers);
    term outer = kw_cons(A.delimiter, term_binary_from_cstr(t->x->delimiter), tmeta(p, t));
    return node(term_atom(name), outer, list2(bin, mods));
}

static term number(parser *p, const lex_token *t)
{
    if (t->kind == LEX_CHAR) return term_small(t->ch);
    if (t->kind == LEX_FLT) return term_float_new(strtod(t->text, NULL));
    term v;
    if (term_int_parse(t->text, t->len, t->base, &v) != TERM_OK)
        return fail_at(p, t->line, t->column, "invalid number: ", t->x->orig);
    return v;
}

/* ---- operators ---- */

/* The binary operators with their precedence and associativity, from the
 * precedence table of elixir_parser.yrl (=> is only valid in maps). */
static bool binop(const lex_token *t, int *prec, bool *right)
{
    int p;
    switch (t->kind) {
    case LEX_IN_MATCH_OP: p = 40; break;
    case LEX_WHEN_OP: p = -50; break;
    case LEX_TYPE_OP: p = -60; break;
    case LEX_PIPE_OP: p = -70; break;
    case LEX_MATCH_OP: p = -100; break;
    case LEX_OR_OP: p = 120; break;
    case LEX_AND_OP: p = 130; break;
    case LEX_COMP_OP: p = 140; break;
    case LEX_REL_OP: p = 150; break;
    case LEX_ARROW_OP: p = 160; break;
    case LEX_IN_OP: p = 170; break;
    case LEX_XOR_OP: p = 180; break;
    case LEX_TERNARY_OP: p = -190; break;
    case LEX_CONCAT_OP: case LEX_RANGE_OP: p = -200; break;
    case LEX_DUAL_OP: p = 210; break;
    case LEX_MULT_OP: p = 220; break;
    case LEX_POWER_OP: p = 230; break;
    default: return false;
    }
    *right = p < 0; /* negative: right-associative */
    *prec = p < 0 ? -p : p;
    return true;
}

#define CAPTURE_PREC 90
#define PIPE_PREC 70

/* build_op, with its special cases for //, "not in" and "!a in b". */
static term build_op(parser *p, term left, const lex_token *op, term right)
{
    if (op->kind == LEX_TERNARY_OP) {
        if (!is_call_of(left, A.range, 2)) {
            term_release(left);
            term_release(right);
            return fail_at(p, op->line, op->column,
                           "the range step operator (//) must immediately follow the range definition "
                           "operator (..), for example: 1..9//2. If you wanted to define a default "
                           "argument, use (\\\\) instead. Syntax error before: ",
                           "'//'");
        }
        term args = term_tuple_get(left, 2);
        term first = term_retain(term_head(args)), last = term_retain(term_head(term_tail(args)));
        term r = node(A.range_step, term_retain(term_tuple_get(left, 1)), term_cons_new(first, list2(last, right)));
        term_release(left);
        return r;
    }
    if (op->kind == LEX_IN_OP && op->atom == A.in && (is_call_of(left, A.not_, 1) || is_call_of(left, A.bang, 1))) {
        term uop = term_tuple_get(left, 0);
        term x = term_retain(term_head(term_tuple_get(left, 2)));
        term_release(left);
        term in = node(A.in, tmeta(p, op), list2(x, right));
        return node(uop, tmeta(p, op), list1(in));
    }
    if (op->kind == LEX_IN_OP && op->atom != A.in) { /* not in */
        term in = node(A.in, tmeta(p, op), list2(left, right));
        return node(A.not_, tmeta(p, op), list1(in));
    }
    return node(op->atom, tmeta(p, op), list2(left, right));
}

static term build_unary(parser *p, const lex_token *op, term operand)
{
    if (op->kind == LEX_TERNARY_OP) { /* "//x" reads as / applied to / */
        term inner = node(A.slash, tmeta(p, op), A.nil);
        return node(A.slash, tmeta(p, op), list2(inner, operand));
    }
    return node(op->atom, tmeta(p, op), list1(operand));
}

/* ---- calls ---- */

/* The callee of a call: a local name, or a remote one after a dot (the
 * {:., meta, [left, name]} node is kept in `dot`). */
typedef struct callee {
    const lex_token *id;
    term dot; /* TERM_NONE for a local call */
} callee;

/* build_identifier with no arguments: a variable, or a remote call
 * without parentheses. */
static term build_var(parser *p, callee *c)
{
    if (c->dot == TERM_NONE) return node(c->id->atom, tmeta(p, c->id), A.nil);
    term m = kw_cons(A.no_parens, A.true_, tmeta(p, c->id));
    term r = node(c->dot, m, TERM_NIL);
    c->dot = TERM_NONE;
    return r;
}

static term build_call(parser *p, callee *c, term args)
{
    if (c->dot != TERM_NONE) {
        term r = node(c->dot, tmeta(p, c->id), args);
        c->dot = TERM_NONE;
        return r;
    }
    term m = tmeta(p, c->id);
    if (c->id->kind == LEX_OP_IDENTIFIER && term_list_length(args) == 1) m = kw_cons(A.ambiguous, A.nil, m);
    return node(c->id->atom, m, args);
}

static term parse_expr(parser *p, int flags, pkind *kind);
static term parse_binary(parser *p, int flags, int min_prec, pkind *kind);
static term parse_unary(parser *p, int flags, pkind *kind);
static term parse_do_block(parser *p);
static term parse_kw(parser *p, int mode);
static term parse_noparens_args(parser *p, int flags, pkind *kind);
static term binary_rest(parser *p, int flags, term lhs, int min_prec, pkind *kind);
static term unmatched_rest(parser *p, int flags, term operand, pkind *kind);

/* Can this token start the arguments of a call without parentheses?
 * Operators that are also binary (+ - .. //) cannot, except after an
 * op_identifier, where the tokenizer has already decided. */
static bool starts_noparens_arg(const lex_token *t)
{
    switch (t->kind) {
    case LEX_IDENTIFIER: case LEX_PAREN_IDENTIFIER: case LEX_BRACKET_IDENTIFIER: case LEX_DO_IDENTIFIER:
    case LEX_OP_IDENTIFIER: case LEX_ALIAS: case LEX_INT: case LEX_FLT: case LEX_CHAR: case LEX_ATOM:
    case LEX_ATOM_QUOTED: case LEX_ATOM_UNSAFE: case LEX_BIN_STRING: case LEX_LIST_STRING:
    case LEX_BIN_HEREDOC: case LEX_LIST_HEREDOC: case LEX_SIGIL: case LEX_TRUE: case LEX_FALSE:
    case LEX_NIL: case LEX_FN: case LEX_LPAREN: case LEX_LBRACKET: case LEX_LCURLY: case LEX_LBIT:
    case LEX_MAP: case LEX_PERCENT: case LEX_UNARY_OP: case LEX_AT_OP: case LEX_CAPTURE_OP:
    case LEX_KW_IDENTIFIER: case LEX_KW_IDENTIFIER_UNSAFE:
        return true;
    default:
        return false;
    }
}

static bool is_kw(const lex_token *t) { return t->kind == LEX_KW_IDENTIFIER || t->kind == LEX_KW_IDENTIFIER_UNSAFE; }

/* The index of the ")" matching the "(" at token index i. */
static size_t matching_paren(parser *p, size_t i)
{
    if (!p->match) {
        lex_stream *s = p->s;
        p->match = ciex_xmalloc((s->n + 1) * sizeof *p->match, "compiler");
        int *stack = ciex_xmalloc((s->n + 1) * sizeof *stack, "compiler");
        size_t sp = 0;
        for (size_t k = 0; k <= s->n; k++) {
            p->match[k] = (int)s->n;
            if (s->tok[k].kind == LEX_LPAREN) stack[sp++] = (int)k;
            else if (s->tok[k].kind == LEX_RPAREN && sp) p->match[stack[--sp]] = (int)k;
        }
        free(stack);
    }
    return (size_t)p->match[i];
}

/* Does the "(" at the cursor hold several comma-separated arguments or a
 * keyword list, as in "f (a, b)" or the clause "(a, b) -> ..."? */
static bool parens_hold_many(parser *p)
{
    size_t start = p->pos, end = matching_paren(p, start);
    size_t i = start + 1;
    if (p->s->tok[i].kind == LEX_EOL) i++;
    if (end > i && p->s->tok[end - 1].kind == LEX_EOL) end--;
    bool kw = i < end && is_kw(&p->s->tok[i]), comma = false;
    int depth = 0;
    for (; i < end; i++) {
        int k = p->s->tok[i].kind;
        if (depth == 0 && !comma && (k == LEX_IDENTIFIER || k == LEX_OP_IDENTIFIER) &&
            (starts_noparens_arg(&p->s->tok[i + 1]) || k == LEX_OP_IDENTIFIER))
            return false; /* "(f a, b)": the call takes the commas */
        if (k == LEX_LPAREN || k == LEX_LBRACKET || k == LEX_LCURLY || k == LEX_LBIT || k == LEX_FN || k == LEX_DO)
            depth++;
        else if (k == LEX_RPAREN || k == LEX_RBRACKET || k == LEX_RCURLY || k == LEX_RBIT || k == LEX_END)
            depth--;
        else if (depth == 0 && k == LEX_COMMA)
            comma = true;
        else if (depth == 0 && (k == LEX_SEMI || k == LEX_EOL || k == LEX_STAB_OP))
            return false; /* a block or a clause, not arguments */
    }
    return kw || comma;
}

/* The tokens on which the grammar reduces a finished no-parens call with
 * several arguments (its lookahead set): on any other token it reports a
 * plain syntax error there instead. */
static bool np_follow(const lex_token *t)
{
    switch (t->kind) {
    case LEX_COMMA: case LEX_RBRACKET: case LEX_RCURLY: case LEX_RBIT: case LEX_RPAREN: case LEX_EOL:
    case LEX_SEMI: case LEX_END: case LEX_BLOCK_IDENTIFIER: case LEX_STAB_OP: case LEX_EOF:
        return true;
    default:
        return false;
    }
}

/* A no-parens call with several arguments where a container element was
 * due: Elixir's "unexpected comma" error once the element is complete,
 * a syntax error at the next token otherwise. */
static term reject_noparens(parser *p, term e, bool container)
{
    if (np_follow(peek(p))) return container ? error_container_strict(p, e) : error_many_strict(p, e);
    term_release(e);
    return syntax_error(p, peek(p));
}

/* A container element: no-parens calls with several arguments are
 * ambiguous there. */
static term container_expr(parser *p)
{
    pkind k;
    term e = parse_expr(p, 0, &k);
    if (e != TERM_NONE && noparens(k)) return reject_noparens(p, e, true);
    return e;
}

/* A map key or value: matched or unmatched only, so a no-parens call with
 * several arguments is a plain syntax error after it. */
static term assoc_part(parser *p, term e, pkind k)
{
    if (e == TERM_NONE || k != K_NOPARENS) return e;
    term_release(e);
    return syntax_error(p, peek(p));
}

static bool expect_close(parser *p, int kind);

/* stab_parens_many: "(a, b)" or "(k: v)", the cursor on "(" */
static bool parse_parens_args(parser *p, tvec *args)
{
    next(p);
    skip_eol(p);
    if (!is(p, LEX_RPAREN)) {
        pkind k;
        term list = parse_noparens_args(p, 0, &k);
        if (list == TERM_NONE) return false;
        for (term l = list; term_is_cons(l); l = term_tail(l)) tv_push(args, term_retain(term_head(l)));
        term_release(list);
    }
    if (expect_close(p, LEX_RPAREN)) return true;
    tv_free(args);
    return false;
}

/* call_args_no_parens_*: "f a", "f a, b", "f a, k: v", "f g a, b".
 * With P_ONE only one argument (or one keyword list) is taken. */
static term parse_noparens_args(parser *p, int flags, pkind *kind)
{
    tvec args = {0};
    *kind = K_MATCHED;
    if (is_kw(peek(p))) {
        term kw = parse_kw(p, 2);
        return kw == TERM_NONE ? TERM_NONE : list1(kw);
    }
    if (flags & P_ONE) {
        term e = parse_expr(p, P_NODO | P_ONE, kind);
        *kind = K_MATCHED;
        return e == TERM_NONE ? TERM_NONE : list1(e);
    }
    if (is(p, LEX_LPAREN) && parens_hold_many(p)) { /* "f (a, b)" */
        lex_token *t = peek(p);
        if (!parse_parens_args(p, &args)) return TERM_NONE;
        tv_free(&args);
        return fail_at(p, t->line, t->column,
                       "unexpected parentheses. If you are making a function call, do not insert spaces "
                       "between the function name and the opening parentheses. Syntax error before: ",
                       "'('");
    }
    pkind k;
    term e = parse_expr(p, P_NODO, &k);
    if (e == TERM_NONE) return TERM_NONE;
    if (!is(p, LEX_COMMA)) {
        *kind = k;
        return list1(e);
    }
    tv_push(&args, e);
    while (is(p, LEX_COMMA)) {
        next(p);
        if (is_kw(peek(p))) {
            term kw = parse_kw(p, 2);
            if (kw == TERM_NONE) goto fail;
            tv_push(&args, kw);
            break;
        }
        e = parse_expr(p, P_NODO, &k);
        if (e == TERM_NONE) goto fail;
        if (noparens(k)) {
            error_many_strict(p, e);
            goto fail;
        }
        tv_push(&args, e);
    }
    *kind = K_NOPARENS;
    return tv_list(&args);
fail:
    tv_free(&args);
    return TERM_NONE;
}

/* close_paren / close_bracket / close_curly / close_bit: eol? closer */
static bool expect_close(parser *p, int kind)
{
    skip_eol(p);
    if (is(p, kind)) {
        next(p);
        return true;
    }
    syntax_error(p, peek(p));
    return false;
}

/* call_args_parens: "(" ... ")" with the cursor on "(" */
static term parse_call_args_parens(parser *p)
{
    tvec args = {0};
    next(p);
    skip_eol(p);
    if (is(p, LEX_RPAREN)) {
        next(p);
        return TERM_NIL;
    }
    if (is_kw(peek(p))) {
        term kw = parse_kw(p, 0);
        if (kw == TERM_NONE || !expect_close(p, LEX_RPAREN)) {
            term_release(kw);
            return TERM_NONE;
        }
        return list1(kw);
    }
    pkind k;
    term e = parse_expr(p, 0, &k);
    if (e == TERM_NONE) return TERM_NONE;
    if (noparens(k)) { /* "f(g a, b)": the only argument may be one */
        bool closes = is(p, LEX_RPAREN) || (is(p, LEX_EOL) && peek_at(p, 1)->kind == LEX_RPAREN);
        if (!closes && !is(p, LEX_EOL)) return reject_noparens(p, e, false);
        if (!expect_close(p, LEX_RPAREN)) {
            term_release(e);
            return TERM_NONE;
        }
        return list1(e);
    }
    tv_push(&args, e);
    while (is(p, LEX_COMMA)) {
        next(p);
        if (is_kw(peek(p))) {
            term kw = parse_kw(p, 0);
            if (kw == TERM_NONE) goto fail;
            tv_push(&args, kw);
            break;
        }
        e = parse_expr(p, 0, &k);
        if (e == TERM_NONE) goto fail;
        if (noparens(k)) {
            reject_noparens(p, e, false);
            goto fail;
        }
        tv_push(&args, e);
    }
    if (!expect_close(p, LEX_RPAREN)) goto fail;
    return tv_list(&args);
fail:
    tv_free(&args);
    return TERM_NONE;
}

/* kw_eol: the key of a keyword pair, then an optional newline */
static term kw_key(parser *p)
{
    lex_token *t = next(p);
    term k = t->kind == LEX_KW_IDENTIFIER ? t->atom : quoted_atom(p, t);
    skip_eol(p);
    return k;
}

/* Keyword lists.  mode 0: in a parens call (kw_call); 1: in data
 * (kw_data: lists, maps, tuples); 2: in a no-parens call, whose values
 * are no-parens arguments themselves. */
static term parse_kw(parser *p, int mode)
{
    tvec pairs = {0};
    for (;;) {
        term k = kw_key(p);
        if (k == TERM_NONE) goto fail;
        pkind kind;
        term v = parse_expr(p, mode == 2 ? P_NODO : 0, &kind);
        if (v != TERM_NONE && mode != 2 && noparens(kind)) v = reject_noparens(p, v, true);
        if (v == TERM_NONE) {
            term_release(k);
            goto fail;
        }
        tv_push(&pairs, term_tuple2(k, v));
        if (!is(p, LEX_COMMA)) break;
        lex_token *comma = next(p);
        if (is_kw(peek(p))) continue;
        if (mode != 2 && !starts_noparens_arg(peek(p)) && !is(p, LEX_DUAL_OP) && !is(p, LEX_RANGE_OP)) break;
        /* a positional argument after the keywords: a matched_expr */
        pkind k2;
        term after = parse_expr(p, P_NODO | P_ONE, &k2);
        if (after == TERM_NONE) goto fail;
        term_release(after);
        error_bad_keyword(p, comma, mode != 1);
        goto fail;
    }
    return tv_list(&pairs);
fail:
    tv_free(&pairs);
    return TERM_NONE;
}

/* The part of a call after its name: arguments with or without
 * parentheses, and a do block where one may attach.  *stop is set when
 * nothing may follow (the arguments took it all, or a do block ended). */
static term parse_call(parser *p, int flags, callee *c, pkind *kind, bool *access, bool *stop)
{
    *kind = K_MATCHED;
    *access = false;
    *stop = false;
    p->shape = SH_OTHER;
    const lex_token *id = c->id;
    switch (id->kind) {
    case LEX_PAREN_IDENTIFIER: {
        term args = parse_call_args_parens(p);
        if (args == TERM_NONE) goto fail;
        term call = build_call(p, c, args);
        if (is(p, LEX_LPAREN)) { /* f(a)(b) */
            term args2 = parse_call_args_parens(p);
            if (args2 == TERM_NONE) {
                term_release(call);
                return TERM_NONE;
            }
            call = node(call, term_retain(term_tuple_get(call, 1)), args2);
        }
        if (!(flags & P_NODO) && is(p, LEX_DO)) {
            term block = parse_do_block(p);
            if (block == TERM_NONE) {
                term_release(call);
                return TERM_NONE;
            }
            term args1 = term_retain(term_tuple_get(call, 2));
            tvec all = {0};
            for (term l = args1; term_is_cons(l); l = term_tail(l)) tv_push(&all, term_retain(term_head(l)));
            term_release(args1);
            tv_push(&all, block);
            call = term_tuple_put(call, 2, tv_list(&all));
            *stop = true;
            *kind = K_UNMATCHED;
            p->shape = SH_OTHER;
            return call;
        }
        *access = true;
        p->shape = SH_CALL;
        return call;
    }
    case LEX_BRACKET_IDENTIFIER:
        *access = true; /* the "[" that follows is an access */
        p->shape = SH_NAME;
        return build_var(p, c);
    case LEX_DO_IDENTIFIER:
        if (!(flags & P_NODO) && is(p, LEX_DO)) {
            term block = parse_do_block(p);
            if (block == TERM_NONE) goto fail;
            *stop = true;
            *kind = K_UNMATCHED;
            p->shape = SH_OTHER;
            return build_call(p, c, list1(block));
        }
        p->shape = SH_NAME;
        return build_var(p, c);
    default:
        break;
    }
    bool has_args = starts_noparens_arg(peek(p)) || (id->kind == LEX_OP_IDENTIFIER && is(p, LEX_DUAL_OP));
    if ((flags & P_NOARGS) || !has_args) {
        p->shape = SH_NAME;
        return build_var(p, c);
    }
    term args = parse_noparens_args(p, flags, kind);
    if (args == TERM_NONE) goto fail;
    *stop = true;
    p->shape = SH_OTHER;
    if (!(flags & P_NODO) && is(p, LEX_DO)) {
        term block = parse_do_block(p);
        if (block == TERM_NONE) {
            term_release(args);
            goto fail;
        }
        tvec all = {0};
        for (term l = args; term_is_cons(l); l = term_tail(l)) tv_push(&all, term_retain(term_head(l)));
        term_release(args);
        tv_push(&all, block);
        args = tv_list(&all);
        *kind = K_UNMATCHED;
        p->shape = SH_OTHER;
    } else if (*kind == K_MATCHED) {
        p->shape = SH_ONE;
    }
    return build_call(p, c, args);
fail:
    term_release(c->dot);
    c->dot = TERM_NONE;
    return TERM_NONE;
}

/* ---- containers ---- */

/* container_args: elements, an optional trailing comma, and keywords at
 * the end; `close` ends it.  In a list (`is_list`) keywords may come
 * first and their pairs are elements; elsewhere trailing keywords are one
 * element, a keyword list. */
static term parse_container_args(parser *p, int close, bool is_list)
{
    tvec items = {0};
    skip_eol(p);
    if (is(p, close)) {
        next(p);
        return TERM_NIL;
    }
    if (is_kw(peek(p))) {
        if (!is_list) return syntax_error(p, peek(p));
        term kw = parse_kw(p, 1);
        if (kw == TERM_NONE || !expect_close(p, close)) {
            term_release(kw);
            return TERM_NONE;
        }
        return kw;
    }
    for (;;) {
        term e = container_expr(p);
        if (e == TERM_NONE) goto fail;
        tv_push(&items, e);
        if (!is(p, LEX_COMMA)) break;
        next(p);
        if (is(p, close)) break;
        if (is_kw(peek(p))) {
            term kw = parse_kw(p, 1);
            if (kw == TERM_NONE) goto fail;
            if (!expect_close(p, close)) {
                term_release(kw);
                goto fail;
            }
            if (is_list) return tv_list_tail(&items, kw);
            tv_push(&items, kw);
            return tv_list(&items);
        }
    }
    if (!expect_close(p, close)) goto fail;
    return tv_list(&items);
fail:
    tv_free(&items);
    return TERM_NONE;
}

static term parse_list(parser *p)
{
    next(p);
    return parse_container_args(p, LEX_RBRACKET, true);
}

static term parse_tuple(parser *p)
{
    lex_token *open = next(p);
    term args = parse_container_args(p, LEX_RCURLY, false);
    if (args == TERM_NONE) return TERM_NONE;
    if (term_list_length(args) == 2) {
        term t = term_tuple2(term_retain(term_head(args)), term_retain(term_head(term_tail(args))));
        term_release(args);
        return t;
    }
    return node(A.tuple, tmeta(p, open), args);
}

static term parse_bitstring(parser *p)
{
    lex_token *open = next(p);
    term args = parse_container_args(p, LEX_RBIT, false);
    return args == TERM_NONE ? TERM_NONE : node(A.bits, tmeta(p, open), args);
}

static term map_expr(parser *p)
{
    pkind k;
    term e = parse_expr(p, P_ASSOC, &k);
    return assoc_part(p, e, k);
}

/* assoc_expr: "k => v", or alone a name or a call (%{a}, %{f(x)}) */
static term assoc_expr(parser *p, term key)
{
    if (key == TERM_NONE) return TERM_NONE;
    if (!is(p, LEX_ASSOC_OP)) {
        if (p->shape == SH_NAME || p->shape == SH_CALL || p->shape == SH_ONE) return key;
        term_release(key);
        return syntax_error(p, peek(p));
    }
    next(p);
    skip_eol(p);
    term v = map_expr(p);
    if (v == TERM_NONE) {
        term_release(key);
        return TERM_NONE;
    }
    return term_tuple2(key, v);
}

/* The entries of a map after the first one: more entries, a trailing
 * comma, keywords last. */
static term map_entries(parser *p, tvec *items)
{
    while (is(p, LEX_COMMA)) {
        next(p);
        skip_eol(p);
        if (is(p, LEX_RCURLY)) break;
        if (is_kw(peek(p))) {
            term kw = parse_kw(p, 1);
            if (kw == TERM_NONE) goto fail;
            if (!expect_close(p, LEX_RCURLY)) {
                term_release(kw);
                goto fail;
            }
            return tv_list_tail(items, kw);
        }
        term e = assoc_expr(p, map_expr(p));
        if (e == TERM_NONE) goto fail;
        tv_push(items, e);
    }
    if (!expect_close(p, LEX_RCURLY)) goto fail;
    return tv_list(items);
fail:
    tv_free(items);
    return TERM_NONE;
}

/* map_args: the "{...}" of %{...} and %Struct{...}, cursor on "{" */
static term parse_map_args(parser *p)
{
    lex_token *open = next(p);
    tvec items = {0};
    skip_eol(p);
    if (is(p, LEX_RCURLY)) {
        next(p);
        return node(A.map, tmeta(p, open), TERM_NIL);
    }
    if (is_kw(peek(p))) {
        term kw = parse_kw(p, 1);
        if (kw == TERM_NONE || !expect_close(p, LEX_RCURLY)) {
            term_release(kw);
            return TERM_NONE;
        }
        return node(A.map, tmeta(p, open), kw);
    }
    /* "%{m | ...}": the | binds looser than anything a map key holds */
    pkind k;
    term first = parse_binary(p, P_ASSOC, PIPE_PREC + 1, &k);
    first = assoc_part(p, first, k);
    if (first == TERM_NONE) return TERM_NONE;
    if (is(p, LEX_PIPE_OP)) {
        lex_token *pipe = next(p);
        skip_eol(p);
        term updates;
        if (is_kw(peek(p))) {
            updates = parse_kw(p, 1);
            if (updates != TERM_NONE && !expect_close(p, LEX_RCURLY)) {
                term_release(updates);
                updates = TERM_NONE;
            }
        } else {
            term e = assoc_expr(p, map_expr(p));
            if (e != TERM_NONE) tv_push(&items, e);
            updates = e == TERM_NONE ? TERM_NONE : map_entries(p, &items);
        }
        if (updates == TERM_NONE) {
            term_release(first);
            return TERM_NONE;
        }
        term up = node(A.pipe, tmeta(p, pipe), list2(first, updates));
        return node(A.map, tmeta(p, open), list1(up));
    }
    first = binary_rest(p, P_ASSOC, first, 0, &k);
    first = assoc_part(p, first, k);
    term e = assoc_expr(p, first);
    if (e == TERM_NONE) return TERM_NONE;
    tv_push(&items, e);
    term entries = map_entries(p, &items);
    return entries == TERM_NONE ? TERM_NONE : node(A.map, tmeta(p, open), entries);
}

static term postfix(parser *p, int flags, term e, bool access, pkind *kind);

static term too_deep(parser *p, const lex_token *t);

/* map_base_expr: the struct name in %Name{...} */
static term parse_struct_name(parser *p)
{
    lex_token *t = peek(p);
    if (t->kind == LEX_AT_OP || t->kind == LEX_UNARY_OP || t->kind == LEX_DUAL_OP) {
        next(p);
        skip_eol(p);
        if (++p->depth > P_MAX_DEPTH) return fail_at(p, t->line, t->column, "nesting too deep: ", "'%'");
        term operand = parse_struct_name(p);
        p->depth--;
        return operand == TERM_NONE ? TERM_NONE : build_unary(p, t, operand);
    }
    pkind k;
    /* the name may hold a struct in turn ("%a%b%c..."): a level of
     * nesting each, or hostile input overflows the C stack */
    if (++p->depth > P_MAX_DEPTH) return too_deep(p, peek(p));
    term name = parse_unary(p, P_NODO | P_NOARGS, &k);
    p->depth--;
    if (name == TERM_NONE) return TERM_NONE;
    bool valid = p->shape == SH_NAME || p->shape == SH_CALL || p->shape == SH_ALIAS || p->shape == SH_ATOM;
    lex_token *n = peek(p);
    bool brace = n->kind == LEX_LCURLY || (n->kind == LEX_EOL && peek_at(p, 1)->kind == LEX_LCURLY);
    if (valid && (brace || n->kind == LEX_EOL)) {
        if (brace) return name;
        next(p); /* map -> '%' map_base_expr eol map_args */
        term_release(name);
        return syntax_error(p, peek(p));
    }
    if (!brace) {
        /* Elixir's parser reads on as if the name were an expression
         * ("%a b{}", "%a..b{}") and fails further on: fail where it does */
        if (p->shape == SH_NAME && starts_noparens_arg(n)) {
            term arg = parse_noparens_args(p, P_ONE, &k);
            if (arg == TERM_NONE) {
                term_release(name);
                return TERM_NONE;
            }
            term_release(arg);
        }
        k = K_MATCHED;
        name = binary_rest(p, P_NODO | P_ONE, name, 0, &k);
        if (name == TERM_NONE) return TERM_NONE;
    }
    term_release(name);
    return syntax_error(p, peek(p));
}

static term parse_struct(parser *p)
{
    lex_token *percent = next(p);
    term name = parse_struct_name(p);
    if (name == TERM_NONE) return TERM_NONE;
    skip_eol(p);
    if (!is(p, LEX_LCURLY)) {
        term_release(name);
        return syntax_error(p, peek(p));
    }
    term map = parse_map_args(p);
    if (map == TERM_NONE) {
        term_release(name);
        return TERM_NONE;
    }
    return node(A.percent, tmeta(p, percent), list2(name, map));
}

/* ---- stabs: fn, do blocks and parentheses ---- */

typedef struct stab_item {
    term args;  /* TERM_NONE for a plain expression */
    term body;  /* the expression, or the clause's first body expression */
    term meta;  /* of the "->" */
} stab_item;

typedef struct stab {
    stab_item *v;
    size_t n, cap;
} stab;

static void stab_free(stab *s)
{
    for (size_t i = 0; i < s->n; i++) {
        term_release(s->v[i].args);
        term_release(s->v[i].body);
        term_release(s->v[i].meta);
    }
    free(s->v);
    memset(s, 0, sizeof *s);
}

static void stab_push(stab *s, stab_item it)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        s->v = ciex_xrealloc(s->v, s->cap * sizeof *s->v, "compiler");
    }
    s->v[s->n++] = it;
}

static bool stab_has_clause(const stab *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].args != TERM_NONE) return true;
    return false;
}

/* build_stab: a block of expressions, or the list of clauses (each with
 * the expressions that follow it as its body).  Consumes the items.
 * *is_block tells which it was. */
static term build_stab(parser *p, stab *s, bool *is_block)
{
    *is_block = !stab_has_clause(s);
    if (*is_block) {
        tvec exprs = {0};
        for (size_t i = 0; i < s->n; i++) tv_push(&exprs, s->v[i].body);
        free(s->v);
        memset(s, 0, sizeof *s);
        return exprs.n == 0 ? empty_block() : build_block(&exprs, TERM_NIL);
    }
    if (s->v[0].args == TERM_NONE) { /* check_stab: the first must be a clause */
        size_t i = 0;
        while (s->v[i].args == TERM_NONE) i++;
        int line = (int)term_small_value(term_tuple_get(term_head(s->v[i].meta), 1));
        stab_free(s);
        return fail_at(p, line, 0,
                       "unexpected operator ->. If you want to define multiple clauses, the first expression "
                       "must use ->. Syntax error before: ",
                       "'->'");
    }
    tvec clauses = {0};
    for (size_t i = 0; i < s->n;) {
        stab_item *c = &s->v[i++];
        tvec body = {0};
        tv_push(&body, c->body);
        while (i < s->n && s->v[i].args == TERM_NONE) tv_push(&body, s->v[i++].body);
        tv_push(&clauses, node(A.arrow, c->meta, list2(c->args, build_block(&body, TERM_NIL))));
    }
    free(s->v);
    memset(s, 0, sizeof *s);
    return tv_list(&clauses);
}

/* unwrap_splice and (for arguments without parentheses) unwrap_when */
static term clause_args(tvec *args, bool unwrap_when)
{
    if (args->n == 1 && is_call_of(args->v[0], A.block, 1)) {
        term inner = term_head(term_tuple_get(args->v[0], 2));
        if (term_is_tuple(inner) && term_tuple_arity(inner) == 3 && term_tuple_get(inner, 0) == A.splice) {
            term x = term_retain(inner);
            term_release(args->v[0]);
            args->v[0] = x;
        }
    }
    if (unwrap_when && args->n && is_call_of(args->v[args->n - 1], A.when, 2)) {
        term w = args->v[--args->n];
        term wargs = term_tuple_get(w, 2);
        tv_push(args, term_retain(term_head(wargs)));
        tv_push(args, term_retain(term_head(term_tail(wargs))));
        term r = node(A.when, term_retain(term_tuple_get(w, 1)), tv_list(args));
        term_release(w);
        return list1(r);
    }
    return tv_list(args);
}

/* The body after "->": an expression, or nil when the clause is empty. */
static bool parse_clause(parser *p, stab *s, term args)
{
    lex_token *arrow = next(p);
    skip_eol(p);
    int k = peek(p)->kind;
    term body;
    if (k == LEX_EOL || k == LEX_SEMI || k == LEX_END || k == LEX_BLOCK_IDENTIFIER || k == LEX_RPAREN ||
        k == LEX_EOF) {
        body = A.nil;
    } else {
        pkind kind;
        body = parse_expr(p, 0, &kind);
        if (body == TERM_NONE) {
            term_release(args);
            return false;
        }
    }
    stab_push(s, (stab_item){args, body, tmeta(p, arrow)});
    return true;
}

/* "(a, b) -> ..." or "() when g -> ..." at the start of a clause */
static bool parse_paren_clause(parser *p, stab *s)
{
    tvec args = {0};
    if (!parse_parens_args(p, &args)) return false;
    term a;
    if (is(p, LEX_WHEN_OP)) {
        lex_token *w = next(p);
        pkind k;
        term guard = parse_expr(p, 0, &k);
        if (guard == TERM_NONE) goto fail;
        tv_push(&args, guard);
        a = list1(node(A.when, tmeta(p, w), tv_list(&args)));
    } else {
        tvec one = args;
        args = (tvec){0};
        a = clause_args(&one, false);
    }
    if (!is(p, LEX_STAB_OP)) {
        term_release(a);
        syntax_error(p, peek(p));
        return false;
    }
    return parse_clause(p, s, a);
fail:
    tv_free(&args);
    return false;
}

/* stab_expr: an expression, or a clause "args -> body" */
static bool parse_stab_expr(parser *p, stab *s)
{
    lex_token *t = peek(p);
    if (t->kind == LEX_STAB_OP) return parse_clause(p, s, TERM_NIL);
    if (t->kind == LEX_LPAREN) {
        size_t close = matching_paren(p, p->pos);
        int after = p->s->tok[close < p->s->n ? close + 1 : p->s->n].kind;
        bool empty = close == p->pos + 1 || (close == p->pos + 2 && p->s->tok[p->pos + 1].kind == LEX_EOL);
        /* "(a, b)" can only head a clause here; "()" may also be a value */
        if (empty ? (after == LEX_STAB_OP || after == LEX_WHEN_OP) : parens_hold_many(p))
            return parse_paren_clause(p, s);
    }
    tvec args = {0};
    if (is_kw(t)) {
        term kw = parse_kw(p, 2);
        if (kw == TERM_NONE) return false;
        tv_push(&args, kw);
    } else {
        pkind k;
        term e = parse_expr(p, 0, &k);
        if (e == TERM_NONE) return false;
        if (!is(p, LEX_COMMA) && !is(p, LEX_STAB_OP)) {
            stab_push(s, (stab_item){TERM_NONE, e, TERM_NONE});
            return true;
        }
        if (k == K_UNMATCHED) { /* a do block cannot head a clause */
            term_release(e);
            syntax_error(p, peek(p));
            return false;
        }
        tv_push(&args, e);
        while (is(p, LEX_COMMA)) {
            next(p);
            if (is_kw(peek(p))) {
                term kw = parse_kw(p, 2);
                if (kw == TERM_NONE) goto fail;
                tv_push(&args, kw);
                break;
            }
            e = parse_expr(p, P_NODO, &k);
            if (e == TERM_NONE) goto fail;
            if (noparens(k)) {
                error_many_strict(p, e);
                goto fail;
            }
            tv_push(&args, e);
        }
    }
    if (!is(p, LEX_STAB_OP)) {
        syntax_error(p, peek(p));
        goto fail;
    }
    return parse_clause(p, s, clause_args(&args, true));
fail:
    tv_free(&args);
    return false;
}

/* stab: items separated by eoe, up to a closer the caller checks */
static bool parse_stab(parser *p, stab *s, bool in_do, bool in_parens)
{
    for (;;) {
        if (!parse_stab_expr(p, s)) return false;
        int k = peek(p)->kind;
        bool closer = k == LEX_END || (in_do && k == LEX_BLOCK_IDENTIFIER) || (in_parens && k == LEX_RPAREN);
        if (closer) return true;
        if (in_parens && k == LEX_EOL && peek_at(p, 1)->kind == LEX_SEMI && peek_at(p, 2)->kind == LEX_RPAREN) {
            syntax_error(p, peek_at(p, 2)); /* "(a\n;)" */
            return false;
        }
        if (!eoe(p)) {
            syntax_error(p, peek(p));
            return false;
        }
        k = peek(p)->kind;
        if (k == LEX_END || (in_do && k == LEX_BLOCK_IDENTIFIER) || (in_parens && k == LEX_RPAREN)) return true;
    }
}

static term parse_fn(parser *p)
{
    lex_token *fn = next(p);
    eoe(p);
    stab s = {0};
    if (!parse_stab(p, &s, false, false)) {
        stab_free(&s);
        return TERM_NONE;
    }
    next(p); /* end */
    bool block;
    term clauses = build_stab(p, &s, &block);
    if (clauses == TERM_NONE) return TERM_NONE;
    if (block) {
        term_release(clauses);
        return fail_at(p, fn->line, fn->column, "expected anonymous functions to be defined with -> inside: ",
                       "'fn'");
    }
    return node(A.fn, tmeta(p, fn), clauses);
}

/* A do block's section (do, else, after...) up to the next one. */
static bool do_section(parser *p, stab *s)
{
    eoe(p);
    if (is(p, LEX_END) || is(p, LEX_BLOCK_IDENTIFIER)) return true;
    return parse_stab(p, s, true, false);
}

/* do_block: [do: body, else: body, ...].  As in the grammar, the other
 * sections are built (and checked) as each ends, the do section only once
 * the block is complete. */
static term parse_do_block(parser *p)
{
    next(p); /* do */
    stab body = {0};
    tvec pairs = {0};
    if (!do_section(p, &body)) goto fail;
    while (is(p, LEX_BLOCK_IDENTIFIER)) {
        term name = next(p)->atom;
        stab s = {0};
        if (!do_section(p, &s)) {
            stab_free(&s);
            goto fail;
        }
        bool block;
        term t = s.n ? build_stab(p, &s, &block) : empty_block();
        if (t == TERM_NONE) goto fail;
        tv_push(&pairs, term_tuple2(name, t));
    }
    if (!is(p, LEX_END)) {
        syntax_error(p, peek(p));
        goto fail;
    }
    next(p);
    bool block;
    term t = body.n ? build_stab(p, &body, &block) : empty_block();
    if (t == TERM_NONE) goto fail;
    return term_cons_new(term_tuple2(A.do_, t), tv_list(&pairs));
fail:
    stab_free(&body);
    tv_free(&pairs);
    return TERM_NONE;
}

/* "(" at the cursor: a parenthesised block, or a stab "(a -> b)" */
static term parse_parens(parser *p)
{
    lex_token *open = next(p);
    skip_eol(p);
    if (is(p, LEX_RPAREN)) {
        next(p);
        return empty_block();
    }
    stab s = {0};
    if (is(p, LEX_SEMI)) {
        next(p);
        if (is(p, LEX_RPAREN) || (is(p, LEX_EOL) && peek_at(p, 1)->kind == LEX_RPAREN)) {
            skip_eol(p);
            next(p);
            return node(A.block, tmeta(p, open), TERM_NIL);
        }
    }
    if (!parse_stab(p, &s, false, true)) {
        stab_free(&s);
        return TERM_NONE;
    }
    if (!expect_close(p, LEX_RPAREN)) {
        stab_free(&s);
        return TERM_NONE;
    }
    bool block;
    term r = build_stab(p, &s, &block);
    if (r != TERM_NONE && block && term_is_tuple(r) && term_tuple_arity(r) == 3 && term_tuple_get(r, 0) == A.block) {
        /* build_stab/3 appends the paren's meta to a block's */
        term m = term_retain(term_tuple_get(r, 1));
        tvec ms = {0};
        for (term l = m; term_is_cons(l); l = term_tail(l)) tv_push(&ms, term_retain(term_head(l)));
        term_release(m);
        r = term_tuple_put(r, 1, tv_list_tail(&ms, tmeta(p, open)));
    }
    return r;
}

/* ---- primaries and postfixes ---- */

/* ".name", ".Alias", ".{...}" after `left` (the cursor is on the dot) */
static term parse_dot(parser *p, int flags, term left, pkind *kind, bool *access, bool *stop)
{
    lex_token *dot = next(p);
    lex_token *t = peek(p);
    switch (t->kind) {
    case LEX_IDENTIFIER: case LEX_PAREN_IDENTIFIER: case LEX_BRACKET_IDENTIFIER: case LEX_DO_IDENTIFIER:
    case LEX_OP_IDENTIFIER: {
        next(p);
        callee c = {t, node(A.dot, tmeta(p, dot), list2(left, t->atom))};
        return parse_call(p, flags, &c, kind, access, stop);
    }
    case LEX_ALIAS:
        next(p);
        *access = true;
        p->shape = SH_ALIAS;
        if (is_call_of(left, A.aliases, -1)) {
            term segs = term_retain(term_tuple_get(left, 2));
            tvec v = {0};
            for (term l = segs; term_is_cons(l); l = term_tail(l)) tv_push(&v, term_retain(term_head(l)));
            term_release(segs);
            tv_push(&v, t->atom);
            return term_tuple_put(left, 2, tv_list(&v));
        }
        if (term_is_atom(left)) {
            return fail_at(p, t->line, t->column,
                           "atom cannot be followed by an alias. If the '.' was meant to be part of the "
                           "atom's name, the atom name must be quoted. Syntax error before: ",
                           "'.'");
        }
        return node(A.aliases, tmeta(p, dot), list2(left, t->atom));
    case LEX_LCURLY: {
        next(p);
        term args = parse_container_args(p, LEX_RCURLY, false);
        if (args == TERM_NONE) {
            term_release(left);
            return TERM_NONE;
        }
        *access = true;
        p->shape = SH_OTHER; /* after the arguments, which set their own */
        term d = node(A.dot, tmeta(p, dot), list2(left, A.tuple));
        return node(d, tmeta(p, dot), args);
    }
    default:
        term_release(left);
        return syntax_error(p, t);
    }
}

/* "left.(args)" with the cursor on the dot_call_op */
static term parse_dot_call(parser *p, int flags, term left, bool *access, bool *stop)
{
    lex_token *dot = next(p);
    term d = node(A.dot, tmeta(p, dot), list1(left));
    callee c = {dot, d};
    lex_token fake = *dot;
    fake.kind = LEX_PAREN_IDENTIFIER;
    c.id = &fake;
    pkind k;
    return parse_call(p, flags, &c, &k, access, stop);
}

/* bracket_arg: "[key]" after `left`, cursor on "[" */
static term parse_access(parser *p, term left)
{
    lex_token *open = next(p);
    skip_eol(p);
    term arg;
    if (is_kw(peek(p))) {
        arg = parse_kw(p, 1);
    } else {
        arg = container_expr(p);
        if (arg != TERM_NONE && is(p, LEX_COMMA)) next(p);
    }
    if (arg == TERM_NONE || !expect_close(p, LEX_RBRACKET)) {
        term_release(arg);
        term_release(left);
        return TERM_NONE;
    }
    term d = node(A.dot, tmeta(p, open), list2(A.access, A.get));
    return node(d, tmeta(p, open), list2(left, arg));
}

/* The postfixes that bind tighter than any operator: .name, .(args),
 * [key].  `access` says whether e is an access_expr, the only kind that
 * takes "[key]" (an identifier followed by " [" is a call instead). */
static term postfix(parser *p, int flags, term e, bool access, pkind *kind)
{
    for (;;) {
        if (e == TERM_NONE) return TERM_NONE;
        lex_token *t = peek(p);
        bool stop = false;
        if (t->kind == LEX_DOT) {
            e = parse_dot(p, flags, e, kind, &access, &stop);
        } else if (t->kind == LEX_DOT_CALL_OP) {
            e = parse_dot_call(p, flags, e, &access, &stop);
        } else if (t->kind == LEX_LBRACKET && access) {
            e = parse_access(p, e);
            p->shape = SH_OTHER;
        } else if (is_kw(t) && access) {
            term_release(e);
            return error_kw_after_expr(p, t);
        } else {
            return e;
        }
        if (stop) return e;
    }
}

static term parse_primary(parser *p, int flags, pkind *kind, bool *access, bool *stop);

/* The operand of @: a name with its arguments, but no dots, which apply
 * to the @ expression ("@a.b" is (@a).b, and "@@a.b" is (@@a).b). */
static term parse_at(parser *p, int flags, pkind *kind, bool with_postfix)
{
    lex_token *at = next(p);
    skip_eol(p);
    bool access = false, stop = false;
    lex_token *t = peek(p);
    term operand;
    switch (t->kind) {
    case LEX_AT_OP:
        if (++p->depth > P_MAX_DEPTH) return fail_at(p, t->line, t->column, "nesting too deep: ", "'@'");
        operand = parse_at(p, flags, kind, false);
        p->depth--;
        break;
    case LEX_RANGE_OP: /* "@..[x]" is (@..)[x] */
        next(p);
        operand = node(A.range, tmeta(p, t), TERM_NIL);
        *kind = K_MATCHED;
        access = true;
        break;
    case LEX_UNARY_OP: case LEX_DUAL_OP: case LEX_CAPTURE_OP: case LEX_TERNARY_OP:
        operand = parse_unary(p, flags, kind);
        stop = true;
        break;
    default:
        operand = parse_primary(p, flags, kind, &access, &stop);
        break;
    }
    if (operand == TERM_NONE) return TERM_NONE;
    if (*kind == K_UNMATCHED) {
        operand = unmatched_rest(p, flags, operand, kind);
        if (operand == TERM_NONE) return TERM_NONE;
        stop = true;
    }
    term e = node(at->atom, tmeta(p, at), list1(operand));
    p->shape = SH_OTHER;
    if (noparens(*kind)) *kind = K_PREFIXED;
    if (stop || *kind != K_MATCHED) return e;
    access = access || t->kind == LEX_BRACKET_IDENTIFIER;
    if (with_postfix) return postfix(p, flags, e, access, kind);
    /* "@@a[k]" is @((@a)[k]) but "@@a.b" is (@@a).b: brackets bind to
     * the inner @, dots to the outer one */
    while (e != TERM_NONE && access && is(p, LEX_LBRACKET)) e = parse_access(p, e);
    return e;
}

/* A literal, a container, fn, parentheses: everything that is not a name. */
static term parse_literal(parser *p, lex_token *t)
{
    switch (t->kind) {
    case LEX_INT: case LEX_FLT: case LEX_CHAR:
        next(p);
        return number(p, t);
    case LEX_ATOM_UNSAFE:
        next(p);
        return quoted_atom(p, t);
    case LEX_BIN_STRING: case LEX_BIN_HEREDOC:
        next(p);
        return bin_string(p, t);
    case LEX_LIST_STRING: case LEX_LIST_HEREDOC:
        next(p);
        return list_string(p, t);
    case LEX_SIGIL:
        next(p);
        return sigil(p, t);
    case LEX_TRUE:
        next(p);
        return A.true_;
    case LEX_FALSE:
        next(p);
        return A.false_;
    case LEX_NIL:
        next(p);
        return A.nil;
    case LEX_LPAREN: return parse_parens(p);
    case LEX_LBRACKET: return parse_list(p);
    case LEX_LCURLY: return parse_tuple(p);
    case LEX_LBIT: return parse_bitstring(p);
    case LEX_MAP:
        next(p);
        return parse_map_args(p);
    case LEX_PERCENT: return parse_struct(p);
    case LEX_FN: return parse_fn(p);
    default:
        return syntax_error(p, t);
    }
}

static term parse_primary(parser *p, int flags, pkind *kind, bool *access, bool *stop)
{
    lex_token *t = peek(p);
    *kind = K_MATCHED;
    *access = true;
    *stop = false;
    switch (t->kind) {
    case LEX_ATOM: case LEX_ATOM_QUOTED:
        next(p);
        p->shape = SH_ATOM;
        return t->atom;
    case LEX_ALIAS:
        next(p);
        p->shape = SH_ALIAS;
        return node(A.aliases, tmeta(p, t), list1(t->atom));
    case LEX_IDENTIFIER: case LEX_PAREN_IDENTIFIER: case LEX_BRACKET_IDENTIFIER: case LEX_DO_IDENTIFIER:
    case LEX_OP_IDENTIFIER: {
        next(p);
        callee c = {t, TERM_NONE};
        return parse_call(p, flags, &c, kind, access, stop);
    }
    default: {
        term r = parse_literal(p, t);
        p->shape = SH_OTHER; /* set after the parts, which set their own */
        return r;
    }
    }
}

static term parse_postfix(parser *p, int flags, pkind *kind)
{
    bool access, stop;
    term e = parse_primary(p, flags, kind, &access, &stop);
    if (e == TERM_NONE || stop || noparens(*kind)) return e;
    return postfix(p, flags, e, access, kind);
}

/* unmatched_expr -> unary_op_eol expr: when the operand of a prefix
 * operator holds a do block, the operator takes the whole expression, so
 * "-foo do end + 1" is -(foo do end + 1). */
static term unmatched_rest(parser *p, int flags, term operand, pkind *kind)
{
    if (operand == TERM_NONE || *kind != K_UNMATCHED) return operand;
    return binary_rest(p, flags, operand, 0, kind);
}

/* Beyond P_MAX_DEPTH levels of nesting, a syntax error at the token
 * that would go one level deeper. */
P_COLD static term too_deep(parser *p, const lex_token *t)
{
    char text[sizeof p->err->message];
    lex_token_text(t, text, sizeof text);
    return fail_at(p, t->line, t->column, "expression nested too deeply, syntax error before: ", text);
}

/* Prefix operators: unary ones bind tighter than every binary operator,
 * & looser than most (so "&a = b" is &(a = b)), "&1" is a literal. */
static term parse_unary(parser *p, int flags, pkind *kind)
{
    lex_token *t = peek(p);
    term r;
    *kind = K_MATCHED;
    switch (t->kind) {
    case LEX_UNARY_OP: case LEX_DUAL_OP: case LEX_TERNARY_OP:
        if (++p->depth > P_MAX_DEPTH) return too_deep(p, t);
        next(p);
        skip_eol(p);
        r = unmatched_rest(p, flags, parse_unary(p, flags, kind), kind);
        if (r != TERM_NONE) r = build_unary(p, t, r);
        if (noparens(*kind)) *kind = K_PREFIXED;
        p->depth--;
        break;
    case LEX_CAPTURE_OP:
        next(p);
        skip_eol(p);
        if (is(p, LEX_INT)) {
            term n = number(p, next(p));
            r = n == TERM_NONE ? TERM_NONE : postfix(p, flags, build_unary(p, t, n), true, kind);
            break;
        }
        r = unmatched_rest(p, flags, parse_binary(p, flags, CAPTURE_PREC + 1, kind), kind);
        if (r != TERM_NONE) r = build_unary(p, t, r);
        if (noparens(*kind)) *kind = K_PREFIXED;
        break;
    case LEX_AT_OP:
        r = parse_at(p, flags, kind, true);
        break;
    case LEX_RANGE_OP: /* ".." alone */
        next(p);
        r = postfix(p, flags, node(A.range, tmeta(p, t), TERM_NIL), true, kind);
        break;
    default:
        return parse_postfix(p, flags, kind);
    }
    p->shape = SH_OTHER;
    return r;
}

/* Precedence climbing over the binary operators.  A right operand that is
 * a no-parens call swallows everything after it, so nothing follows. */
static term binary_rest(parser *p, int flags, term lhs, int min_prec, pkind *kind)
{
    while (lhs != TERM_NONE && !noparens(*kind)) {
        lex_token *op = peek(p);
        int prec;
        bool right;
        if (!binop(op, &prec, &right) || prec < min_prec) break;
        next(p);
        skip_eol(p);
        term rhs;
        pkind lk = *kind;
        if (op->kind == LEX_WHEN_OP && is_kw(peek(p)) && !(flags & P_ONE)) { /* "x when k: v" */
            rhs = parse_kw(p, 2);
            *kind = K_NOPARENS;
        } else {
            rhs = parse_binary(p, flags, right ? prec : prec + 1, kind);
            if (lk == K_UNMATCHED) *kind = K_UNMATCHED; /* unmatched_expr op_expr */
        }
        /* the grammar builds "a op (f b, c)" only on a token that may
         * follow it; elsewhere (and anywhere in a map) it stops earlier */
        if (rhs != TERM_NONE && *kind == K_NOPARENS &&
            ((flags & P_ASSOC) || !(np_follow(peek(p)) || is(p, LEX_ASSOC_OP) || is(p, LEX_DO)))) {
            term_release(rhs);
            rhs = syntax_error(p, peek(p));
        }
        if (rhs == TERM_NONE) {
            term_release(lhs);
            return TERM_NONE;
        }
        lhs = build_op(p, lhs, op, rhs);
        p->shape = SH_OTHER;
    }
    return lhs;
}

static term parse_binary(parser *p, int flags, int min_prec, pkind *kind)
{
    if (++p->depth > P_MAX_DEPTH) return too_deep(p, peek(p));
    term lhs = parse_unary(p, flags, kind);
    lhs = binary_rest(p, flags, lhs, min_prec, kind);
    p->depth--;
    return lhs;
}

static term parse_expr(parser *p, int flags, pkind *kind) { return parse_binary(p, flags, 0, kind); }

/* ---- the grammar ---- */

/* grammar: eoe? (expr (eoe expr)*)? eoe?, one expression or a block */
static term parse_grammar(parser *p)
{
    lex_token *first = peek(p);
    bool lead = eoe(p);
    if (is(p, LEX_EOF)) return node(A.block, lead ? tmeta(p, first) : TERM_NIL, TERM_NIL);
    tvec exprs = {0};
    for (;;) {
        pkind k;
        term e = parse_expr(p, 0, &k);
        if (e == TERM_NONE) {
            tv_free(&exprs);
            return TERM_NONE;
        }
        tv_push(&exprs, e);
        bool sep = eoe(p);
        if (is(p, LEX_EOF)) break;
        if (!sep) {
            tv_free(&exprs);
            return syntax_error(p, peek(p));
        }
    }
    return build_block(&exprs, TERM_NIL);
}

/* Parses one token stream (the input, or an interpolation) with the
 * state of `outer` (errors, depth, meta cache). */
static term parse_stream(parser *outer, lex_stream *s)
{
    parser p = *outer;
    p.s = s;
    p.pos = 0;
    p.match = NULL;
    if (++p.depth > P_MAX_DEPTH) return fail_at(outer, s->tok[0].line, s->tok[0].column, "nesting too deep: ", "#{");
    term r = parse_grammar(&p);
    free(p.match);
    outer->failed = p.failed;
    return r;
}

/* The comments the lexer kept, as Code.string_to_quoted_with_comments
 * lists them: maps of column, line, next_eol_count, previous_eol_count
 * and text. */
static term comment_maps(const lexer *lx)
{
    term list = TERM_NIL;
    for (size_t i = lx->ncomments; i-- > 0;) {
        const lex_comment *c = &lx->comments[i];
        term kv[10] = {
            term_atom("column"), term_small(c->column), term_atom("line"), term_small(c->line),
            term_atom("next_eol_count"), term_small(c->next_eol_count),
            term_atom("previous_eol_count"), term_small(c->previous_eol_count),
            term_atom("text"), term_binary_new((const char *)c->text, c->len),
        };
        list = term_cons_new(term_map_from_pairs(kv, 5, NULL), list);
    }
    return list;
}

static bool parse(const char *src, size_t len, int first_line, term *out, term *comments, lang_error *err)
{
    term_init();
    pthread_once(&atoms_once, atoms_init);
    memset(err, 0, sizeof *err);
    lexer lx;
    lex_stream *s = comments ? lex_tokenize_comments(&lx, src, len, first_line, P_MAX_DEPTH, err)
                             : lex_tokenize(&lx, src, len, first_line, P_MAX_DEPTH, err);
    if (!s) {
        lex_free(&lx);
        return false;
    }
    if (comments) *comments = comment_maps(&lx);
    meta_slot cache[META_CACHE];
    for (int i = 0; i < META_CACHE; i++) cache[i].meta = TERM_NONE;
    parser p = {.s = s, .err = err, .cache = cache};
    term r = parse_stream(&p, s);
    for (int i = 0; i < META_CACHE; i++) term_release(cache[i].meta);
    lex_free(&lx);
    if (r == TERM_NONE || p.failed) {
        term_release(r);
        if (comments) {
            term_release(*comments);
            *comments = TERM_NIL;
        }
        if (!p.failed) lex_set_error(err, 0, 0, "syntax error", "", NULL);
        return false;
    }
    *out = r;
    return true;
}

bool lang_parse(const char *src, size_t len, int first_line, term *out, lang_error *err)
{
    return parse(src, len, first_line, out, NULL, err);
}

bool lang_parse_comments(const char *src, size_t len, int first_line, term *out, term *comments, lang_error *err)
{
    *comments = TERM_NIL;
    return parse(src, len, first_line, out, comments, err);
}
