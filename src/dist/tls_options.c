/* tls_options.c - the settings of TLS distribution, read as OTP's
 * inet_tls_dist reads them.
 *
 * Two forms, one meaning (ssl_dist_sup.erl, inet_tls_dist.erl):
 *   -ssl_dist_optfile FILE   FILE holds [{server, Opts}, {client, Opts}]
 *                            (file:consult format, see src/term/consult.c)
 *   -ssl_dist_opt K V ...    server_certfile F client_certfile F ...: a
 *                            key with the prefix server_ or client_ and
 *                            its value, as inet_tls_dist's ssl_options/2
 * The options understood are the ones a distribution configuration uses:
 * certfile, keyfile, cacertfile, password, verify, fail_if_no_peer_cert,
 * depth, versions, ciphers, secure_renegotiate, server_name_indication
 * (client: disable).  Others (reuse_sessions, hibernate_after, ...) are
 * named in a warning and ignored, so that a file written for OTP serves
 * both.  As dist_defaults/1 does, versions is ['tlsv1.2'] unless given.
 *
 * Nothing here prints a password: an error names the option and the file,
 * never a value that could be secret. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dist_internal.h"

void dist_tls_options_free(dist_tls_options *o)
{
    dist_tls_side *sides[2] = {&o->server, &o->client};
    for (int i = 0; i < 2; i++) {
        dist_tls_side *s = sides[i];
        free(s->certfile);
        free(s->keyfile);
        free(s->cacertfile);
        free(s->ciphers);
        if (s->password) {
            /* a secret: not left in freed memory */
            memset(s->password, 0, strlen(s->password));
            free(s->password);
        }
    }
    void (*warn)(const char *) = o->warn;
    memset(o, 0, sizeof *o);
    o->warn = warn;
}

/* A charlist or a binary as a C string (UTF-8); NULL when t is neither,
 * or holds a NUL. */
static char *string_of(term t)
{
    if (term_is_binary(t)) {
        size_t n = term_binary_size(t);
        if (memchr(term_binary_data(t), 0, n)) return NULL;
        return ciex_xstrndup((const char *)term_binary_data(t), n, "dist");
    }
    intptr_t n = term_list_length(t);
    if (n < 0 || n > 65536) return NULL;
    char *out = ciex_xmalloc((size_t)n * 4 + 1, "dist");
    size_t len = 0;
    for (term l = t; term_is_cons(l); l = term_tail(l)) {
        term c = term_head(l);
        intptr_t cp = term_is_small(c) ? term_small_value(c) : -1;
        if (cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            free(out);
            return NULL;
        }
        len += term_utf8_encode((int32_t)cp, (uint8_t *)out + len);
    }
    out[len] = '\0';
    return out;
}

static bool fail(char *err, size_t errlen, const char *side, const char *opt, const char *what)
{
    snprintf(err, errlen, "%s option %s: %s", side, opt, what);
    return false;
}

static bool set_string(char **slot, term v, char *err, size_t errlen, const char *side, const char *opt)
{
    char *s = string_of(v);
    if (!s || !*s) {
        free(s);
        return fail(err, errlen, side, opt, "not a string");
    }
    free(*slot);
    *slot = s;
    return true;
}

static bool set_bool(bool *slot, term v, char *err, size_t errlen, const char *side, const char *opt)
{
    if (v != TERM_TRUE && v != TERM_FALSE) return fail(err, errlen, side, opt, "not true or false");
    *slot = v == TERM_TRUE;
    return true;
}

static bool set_versions(dist_tls_side *s, term v, char *err, size_t errlen, const char *side)
{
    unsigned mask = 0;
    if (term_list_length(v) <= 0) return fail(err, errlen, side, "versions", "not a list of versions");
    for (term l = v; term_is_cons(l); l = term_tail(l)) {
        term a = term_head(l);
        if (a == term_atom("tlsv1.2")) mask |= DIST_TLS_V12;
        else if (a == term_atom("tlsv1.3")) mask |= DIST_TLS_V13;
        else
            return fail(err, errlen, side, "versions", "only 'tlsv1.2' and 'tlsv1.3' are supported");
    }
    s->versions = mask;
    return true;
}

/* ciphers: "A:B", or a list of such strings (OTP's and OpenSSL's names
 * of the suites are the same). */
static bool set_ciphers(dist_tls_side *s, term v, char *err, size_t errlen, const char *side)
{
    char *one = string_of(v);
    if (one && *one) {
        free(s->ciphers);
        s->ciphers = one;
        return true;
    }
    free(one);
    if (term_list_length(v) <= 0) return fail(err, errlen, side, "ciphers", "not a cipher string or list");
    size_t cap = 256, len = 0;
    char *all = ciex_xmalloc(cap, "dist");
    all[0] = '\0';
    for (term l = v; term_is_cons(l); l = term_tail(l)) {
        char *name = string_of(term_head(l));
        if (!name || !*name) {
            free(name);
            free(all);
            return fail(err, errlen, side, "ciphers", "not a cipher string or list");
        }
        size_t n = strlen(name);
        while (len + n + 2 > cap) all = ciex_xrealloc(all, cap *= 2, "dist");
        if (len) all[len++] = ':';
        memcpy(all + len, name, n + 1);
        len += n;
        free(name);
    }
    free(s->ciphers);
    s->ciphers = all;
    return true;
}

/* One {Key, Value} of a side's options. */
static bool set_option(dist_tls_side *s, bool server, const char *key, term v, void (*warn)(const char *),
                       char *err, size_t errlen)
{
    const char *side = server ? "server" : "client";
    if (strcmp(key, "certfile") == 0) return set_string(&s->certfile, v, err, errlen, side, key);
    if (strcmp(key, "keyfile") == 0) return set_string(&s->keyfile, v, err, errlen, side, key);
    if (strcmp(key, "cacertfile") == 0) return set_string(&s->cacertfile, v, err, errlen, side, key);
    if (strcmp(key, "password") == 0) {
        char *p = string_of(v);
        if (!p) return fail(err, errlen, side, key, "not a string");
        free(s->password);
        s->password = p;
        return true;
    }
    if (strcmp(key, "verify") == 0) {
        if (v == term_atom("verify_peer")) s->verify = DIST_TLS_VERIFY_PEER;
        else if (v == term_atom("verify_none")) s->verify = DIST_TLS_VERIFY_NONE;
        else return fail(err, errlen, side, key, "not verify_peer or verify_none");
        return true;
    }
    if (strcmp(key, "fail_if_no_peer_cert") == 0) {
        if (!server) return fail(err, errlen, side, key, "a server option");
        return set_bool(&s->fail_if_no_peer_cert, v, err, errlen, side, key);
    }
    if (strcmp(key, "secure_renegotiate") == 0) return set_bool(&s->secure_renegotiate, v, err, errlen, side, key);
    if (strcmp(key, "depth") == 0) {
        int64_t d;
        if (!term_is_integer(v) || !term_int_to_i64(v, &d) || d < 0 || d > 100)
            return fail(err, errlen, side, key, "not an integer from 0 to 100");
        s->depth = (int)d;
        return true;
    }
    if (strcmp(key, "versions") == 0) return set_versions(s, v, err, errlen, side);
    if (strcmp(key, "ciphers") == 0) return set_ciphers(s, v, err, errlen, side);
    if (strcmp(key, "server_name_indication") == 0 && !server) {
        if (v == term_atom("disable")) {
            s->no_host_check = true;
            return true;
        }
        char *host = string_of(v);
        if (!host) return fail(err, errlen, side, key, "not disable or a host name");
        free(host); /* the host connected to is the one checked, as with OTP's default */
        return true;
    }
    if (warn) {
        char text[400];
        snprintf(text, sizeof text, "ignoring %s option %s (ciex has no such option)", side, key);
        warn(text);
    }
    return true;
}

static void side_defaults(dist_tls_side *s)
{
    s->depth = -1;
    s->secure_renegotiate = true;
}

static void warn_on_stderr(const char *text) { fprintf(stderr, "ciex: TLS distribution: %s\n", text); }

void dist_tls_options_init(dist_tls_options *o)
{
    memset(o, 0, sizeof *o);
    o->warn = warn_on_stderr;
    side_defaults(&o->server);
    side_defaults(&o->client);
}

static bool read_side(dist_tls_side *s, bool server, term opts, void (*warn)(const char *), char *err,
                      size_t errlen)
{
    if (term_list_length(opts) < 0) {
        snprintf(err, errlen, "the %s options are not a list", server ? "server" : "client");
        return false;
    }
    for (term l = opts; term_is_cons(l); l = term_tail(l)) {
        term kv = term_head(l);
        if (!term_is_tuple(kv) || term_tuple_arity(kv) != 2 || !term_is_atom(term_tuple_get(kv, 0))) {
            snprintf(err, errlen, "a %s option is not a {key, value} tuple", server ? "server" : "client");
            return false;
        }
        if (!set_option(s, server, term_atom_name(term_tuple_get(kv, 0)), term_tuple_get(kv, 1), warn, err, errlen))
            return false;
    }
    return true;
}

bool dist_tls_options_from_terms(dist_tls_options *o, term terms, char *err, size_t errlen)
{
    /* file:consult gives a list of the file's terms: OTP's optfile is one
     * term, the list [{server, Opts}, {client, Opts}] */
    if (!term_is_cons(terms) || term_tail(terms) != TERM_NIL || term_list_length(term_head(terms)) < 0) {
        snprintf(err, errlen, "expected one term, [{server, Options}, {client, Options}]");
        return false;
    }
    for (term l = term_head(terms); term_is_cons(l); l = term_tail(l)) {
        term e = term_head(l);
        term key = term_is_tuple(e) && term_tuple_arity(e) == 2 ? term_tuple_get(e, 0) : TERM_NONE;
        if (key == term_atom("server")) {
            if (!read_side(&o->server, true, term_tuple_get(e, 1), o->warn, err, errlen)) return false;
        } else if (key == term_atom("client")) {
            if (!read_side(&o->client, false, term_tuple_get(e, 1), o->warn, err, errlen)) return false;
        } else {
            snprintf(err, errlen, "expected {server, Options} or {client, Options}");
            return false;
        }
    }
    return true;
}

bool dist_tls_options_parse(dist_tls_options *o, const char *text, size_t len, char *err, size_t errlen)
{
    term terms;
    if (term_consult(text, len, &terms, err, errlen) != TERM_OK) return false;
    bool ok = dist_tls_options_from_terms(o, terms, err, errlen);
    term_release(terms);
    return ok;
}

bool dist_tls_options_read_file(dist_tls_options *o, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot read the TLS option file %s: %s", path, strerror(errno));
        return false;
    }
    size_t cap = 4096, len = 0;
    char *text = ciex_xmalloc(cap, "dist");
    size_t k;
    while ((k = fread(text + len, 1, cap - len, f)) > 0) {
        len += k;
        if (len == cap) {
            if (cap >= (1u << 20)) break; /* an option file is small */
            text = ciex_xrealloc(text, cap *= 2, "dist");
        }
    }
    bool too_big = len == cap && !feof(f);
    fclose(f);
    char why[400];
    bool ok = !too_big && dist_tls_options_parse(o, text, len, why, sizeof why);
    if (too_big) snprintf(why, sizeof why, "larger than 1 MiB");
    free(text);
    if (!ok) snprintf(err, errlen, "the TLS option file %s: %s", path, why);
    return ok;
}

/* -ssl_dist_opt server_certfile F client_verify verify_peer ...: values
 * are strings, or atoms / integers where the option takes one. */
bool dist_tls_options_from_args(dist_tls_options *o, const char *const *kv, size_t n, char *err, size_t errlen)
{
    if (n % 2) {
        snprintf(err, errlen, "-ssl_dist_opt %s has no value", kv[n - 1]);
        return false;
    }
    for (size_t i = 0; i < n; i += 2) {
        const char *k = kv[i], *v = kv[i + 1];
        bool server = strncmp(k, "server_", 7) == 0;
        if (!server && strncmp(k, "client_", 7) != 0) {
            snprintf(err, errlen, "-ssl_dist_opt %s: a key starts with server_ or client_", k);
            return false;
        }
        const char *key = k + 7;
        term value;
        if (strcmp(key, "verify") == 0 || strcmp(key, "fail_if_no_peer_cert") == 0 ||
            strcmp(key, "secure_renegotiate") == 0 || strcmp(key, "server_name_indication") == 0) {
            value = term_atom(v);
        } else if (strcmp(key, "depth") == 0) {
            char *end;
            long d = strtol(v, &end, 10);
            value = *v && !*end ? term_int_from_i64(d) : term_atom(v);
        } else if (strcmp(key, "versions") == 0) {
            term parsed = TERM_NIL;
            char why[200], text[512];
            snprintf(text, sizeof text, "%s.", v);
            if (term_consult(text, strlen(text), &parsed, why, sizeof why) != TERM_OK ||
                !term_is_list(term_is_cons(parsed) ? term_head(parsed) : TERM_NONE)) {
                term_release(parsed);
                /* OTP takes versions only in the option file: a single
                 * name is read as a one-element list here */
                value = term_cons_new(term_atom(v), TERM_NIL);
            } else {
                value = term_retain(term_head(parsed));
                term_release(parsed);
            }
        } else {
            value = term_charlist_from_utf8(v, strlen(v));
            if (value == TERM_NONE) value = term_binary_new(v, strlen(v));
        }
        bool ok = set_option(server ? &o->server : &o->client, server, key, value, o->warn, err, errlen);
        term_release(value);
        if (!ok) return false;
    }
    return true;
}
