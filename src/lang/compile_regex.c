/* compile_regex.c - the ~r and ~R sigils.
 *
 * As Kernel.sigil_r/2 does, a regex without interpolation is compiled when
 * the code is compiled and becomes a literal %Regex{} (its re_pattern is
 * the key bif_re.c compiles from, once, at the first match), so evaluating
 * it costs nothing.  With interpolation, with modifiers Regex does not take
 * quietly (the deprecated r, unknown letters) or with a source PCRE
 * refuses, the code calls Regex.compile!/2 when it runs instead, which
 * warns or raises Regex.CompileError with PCRE's message as Elixir does.
 *
 * ~r unescapes only what Regex.unescape_map/1 names (\a \f \n \r \t \v and
 * an escaped newline); every other backslash sequence is PCRE's to read.
 * ~R keeps its text as written. */
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

static term regex_unescape(term bin)
{
    const uint8_t *in = term_binary_data(bin);
    size_t n = term_binary_size(bin), k = 0;
    uint8_t *out = ciex_xmalloc(n ? n : 1, "compiler");
    for (size_t i = 0; i < n; i++) {
        if (in[i] != '\\' || i + 1 == n) {
            out[k++] = in[i];
            continue;
        }
        uint8_t c = in[i + 1], to = 0;
        switch (c) {
        case 'a': to = 7; break;
        case 'f': to = 12; break;
        case 'n': to = '\n'; break;
        case 'r': to = '\r'; break;
        case 't': to = '\t'; break;
        case 'v': to = 11; break;
        case '\n': i++; continue; /* an escaped newline goes */
        default: break;
        }
        if (to) {
            out[k++] = to;
            i++;
        } else {
            out[k++] = in[i++];
            out[k++] = c;
        }
    }
    term t = term_binary_new(out, k);
    free(out);
    return t;
}

/* The <<>> of a ~r with its literal parts unescaped (owned). */
term cc_regex_unescaped(term str)
{
    term parts[256];
    uint32_t n = 0;
    for (term l = ast_args(str); term_is_cons(l) && n < 256; l = term_tail(l))
        parts[n++] = term_is_binary(term_head(l)) ? regex_unescape(term_head(l)) : term_retain(term_head(l));
    return term_tuple3(term_atom("<<>>"), term_retain(term_tuple_get(str, 1)), term_list_from_array(parts, n));
}

/* Regex's modifiers as :re options; false for one to leave to Regex. */
static bool modifier_options(term mods, term *out)
{
    term opts = TERM_NIL;
    for (term l = mods; term_is_cons(l); l = term_tail(l)) {
        intptr_t c = term_is_small(term_head(l)) ? term_small_value(term_head(l)) : 0;
        switch (c) {
        case 'u': opts = term_cons_new(term_atom("ucp"), term_cons_new(term_atom("unicode"), opts)); break;
        case 'i': opts = term_cons_new(term_atom("caseless"), opts); break;
        case 'x': opts = term_cons_new(term_atom("extended"), opts); break;
        case 'f': opts = term_cons_new(term_atom("firstline"), opts); break;
        case 'U': opts = term_cons_new(term_atom("ungreedy"), opts); break;
        case 'm': opts = term_cons_new(term_atom("multiline"), opts); break;
        case 's':
            opts = term_cons_new(term_atom("dotall"), opts);
            opts = term_cons_new(term_tuple2(term_atom("newline"), term_atom("anycrlf")), opts);
            break;
        default:
            term_release(opts);
            return false;
        }
    }
    *out = opts;
    return true;
}

static term modifiers_binary(term mods)
{
    char buf[64];
    size_t n = 0;
    for (term l = mods; term_is_cons(l) && n < sizeof buf; l = term_tail(l))
        if (term_is_small(term_head(l))) buf[n++] = (char)term_small_value(term_head(l));
    return term_binary_new(buf, n);
}

/* %Regex{} of a source that compiles, else TERM_NONE. */
static term regex_literal(vm_runtime *rt, term source, term mods)
{
    term opts;
    if (!modifier_options(mods, &opts)) return TERM_NONE;
    term res = vm_re_compile(rt, source, opts);
    term_release(opts);
    if (res == TERM_NONE) return TERM_NONE;
    if (term_tuple_get(res, 0) != TERM_ATOM_OK) {
        term_release(res);
        return TERM_NONE;
    }
    const uint16_t probe = 1;
    term endian = term_atom(*(const uint8_t *)&probe ? "little" : "big");
    term kv[10] = {
        term_atom("__struct__"), term_atom("Elixir.Regex"),
        term_atom("opts"), modifiers_binary(mods),
        term_atom("re_pattern"), term_retain(term_tuple_get(res, 1)),
        term_atom("re_version"), term_tuple2(vm_re_version(), endian),
        term_atom("source"), term_retain(source),
    };
    term_release(res);
    bool dup;
    return term_map_from_pairs(kv, 5, &dup);
}

/* The unescaped <<>> of a ~r or ~R and its modifiers (borrowed). */
static term regex_parts(fn_state *fs, term e, char kind, term *mods)
{
    term args = term_tuple_get(e, 2);
    *mods = term_head(term_tail(args));
    term str = term_head(args);
    if (!ast_is_call(str, "<<>>", -1)) cc_error(fs, "CompileError", "invalid sigil ~%c", kind);
    return kind == 'r' ? cc_hold(fs->c, cc_regex_unescaped(str)) : str;
}

static term constant_of(fn_state *fs, term str, term mods)
{
    term parts = ast_args(str);
    if (!term_is_cons(parts) || term_tail(parts) != TERM_NIL || !term_is_binary(term_head(parts))) return TERM_NONE;
    return regex_literal(fs->c->rt, term_head(parts), mods);
}

term cc_regex_constant(fn_state *fs, term e)
{
    const char *name = term_atom_name(term_tuple_get(e, 0));
    term mods, str = regex_parts(fs, e, name[6], &mods);
    return constant_of(fs, str, mods);
}

uint32_t cc_regex_sigil(fn_state *fs, term e, char kind, uint32_t dst)
{
    term mods, str = regex_parts(fs, e, kind, &mods);
    term lit = constant_of(fs, str, mods);
    if (lit != TERM_NONE) {
        uint32_t v = cc_literal(fs, lit);
        if (dst == CC_ANY) return v;
        cc_move(fs, dst, v);
        return dst;
    }
    uint32_t args[2];
    args[0] = cc_expr(fs, str, CC_ANY);
    args[1] = cc_literal(fs, modifiers_binary(mods));
    uint32_t d = dst == CC_ANY ? cc_alloc(fs) : dst;
    cc_call_remote(fs, d, term_atom("Elixir.Regex"), term_atom("compile!"), 2, args);
    return d;
}
