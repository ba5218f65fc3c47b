/* tls.c - TLS distribution on OpenSSL, as OTP's inet_tls_dist speaks it.
 *
 *   A (client)                                  B (server)
 *   EPMD PORT_PLEASE2_REQ "b" --- plain TCP ---> EPMD
 *   connect to B's distribution port
 *   ClientHello (SNI: B's host) ---------------> accept, SSL_accept
 *               <----------- ServerHello, B's certificate [, CertificateRequest]
 *   [A's certificate,] Finished ----------------> verify A (verify_peer)
 *   ======= from here on, inside TLS: the ordinary handshake ========
 *   send_name 'N' ------------------------------>   (2-byte lengths)
 *               <------------- recv_status 's', challenge 'N'
 *   challenge_reply 'r' ------------------------>
 *               <------------- challenge_ack 'a'
 *   frames (4-byte lengths), ticks ------------->
 *
 * EPMD stays plain TCP; the distribution port speaks TLS from its first
 * byte and never anything else: a plain node's send_name is not a TLS
 * record, and the TLS server refuses it (no downgrade).  The handshake
 * and cookie challenge of conn.c run unchanged inside the session.
 *
 * The session lives on the connection's non-blocking socket, driven by
 * the one event loop: SSL_read and SSL_write advance the TLS handshake as
 * they go, and when one of them must wait for the other direction
 * (WANT_READ on a write, WANT_WRITE on a read) the connection says so in
 * tls_write_wants_read / tls_read_wants_write, which conn.c turns into
 * its poll interest.
 *
 * As OTP 25 does: the versions are tlsv1.2 unless the options say
 * otherwise; a client with verify_peer checks the server's certificate
 * against the host part of the node name it connects to (the SNI it
 * sends); a server asks for the client's certificate with verify_peer and
 * refuses a client without one with fail_if_no_peer_cert.  A failed TLS
 * handshake is logged on each side with OpenSSL's reason (OTP's ssl logs
 * its alerts at the notice level); the node that tried gets false. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "dist_internal.h"

/* ---- start-up: the two contexts ---- */

/* A file the options name must be readable: said with the file's name
 * and the system's reason, before OpenSSL's less telling words. */
static bool readable(const char *what, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot read the TLS %s file %s: %s", what, path, strerror(errno));
        return false;
    }
    fclose(f);
    return true;
}

/* OpenSSL's first reason is the telling one ("bad decrypt" rather than
 * the "PEM lib" that follows it). */
static bool openssl_failed(const char *what, const char *path, char *err, size_t errlen)
{
    unsigned long e = ERR_peek_error();
    const char *reason = e ? ERR_reason_error_string(e) : NULL;
    const char *hint = "";
    if (e && ERR_GET_LIB(e) == ERR_LIB_X509 && ERR_GET_REASON(e) == X509_R_KEY_VALUES_MISMATCH)
        hint = " (the key is not the certificate's)";
    else if (reason && (strstr(reason, "bad decrypt") || strstr(reason, "bad password")))
        hint = " (a wrong or missing password?)";
    snprintf(err, errlen, "the TLS %s file %s: %s%s", what, path, reason ? reason : "not usable", hint);
    ERR_clear_error();
    return false;
}

static int password_cb(char *buf, int size, int rwflag, void *userdata)
{
    (void)rwflag;
    const char *p = userdata;
    if (!p) return 0;
    int n = (int)strlen(p);
    if (n > size) n = size;
    memcpy(buf, p, (size_t)n);
    return n;
}

static bool load_identity(SSL_CTX *ctx, const dist_tls_side *s, char *err, size_t errlen)
{
    const char *keyfile = s->keyfile ? s->keyfile : s->certfile;
    if (!readable("certificate", s->certfile, err, errlen)) return false;
    if (SSL_CTX_use_certificate_chain_file(ctx, s->certfile) != 1)
        return openssl_failed("certificate", s->certfile, err, errlen);
    if (!readable("key", keyfile, err, errlen)) return false;
    SSL_CTX_set_default_passwd_cb(ctx, password_cb);
    SSL_CTX_set_default_passwd_cb_userdata(ctx, s->password);
    int ok = SSL_CTX_use_PrivateKey_file(ctx, keyfile, SSL_FILETYPE_PEM);
    /* the password is not kept past this point */
    SSL_CTX_set_default_passwd_cb_userdata(ctx, NULL);
    if (ok != 1) return openssl_failed("key", keyfile, err, errlen);
    if (SSL_CTX_check_private_key(ctx) != 1) {
        snprintf(err, errlen, "the TLS key file %s does not match the certificate file %s", keyfile, s->certfile);
        ERR_clear_error();
        return false;
    }
    return true;
}

/* OTP takes OpenSSL's suite names; the TLS 1.3 ones (TLS_...) are set
 * apart in OpenSSL. */
static bool set_ciphers(SSL_CTX *ctx, const char *ciphers, char *err, size_t errlen)
{
    size_t n = strlen(ciphers);
    char *v12 = ciex_xcalloc(1, n + 1, "dist"), *v13 = ciex_xcalloc(1, n + 1, "dist");
    char *copy = ciex_xstrdup(ciphers, "dist"), *save = NULL;
    for (char *c = strtok_r(copy, ":", &save); c; c = strtok_r(NULL, ":", &save)) {
        char *into = strncmp(c, "TLS_", 4) == 0 ? v13 : v12;
        if (*into) strcat(into, ":");
        strcat(into, c);
    }
    bool ok = (!*v12 || SSL_CTX_set_cipher_list(ctx, v12) == 1) && (!*v13 || SSL_CTX_set_ciphersuites(ctx, v13) == 1);
    if (!ok) snprintf(err, errlen, "ciphers: no cipher of \"%s\" is known to OpenSSL", ciphers);
    ERR_clear_error();
    free(v12);
    free(v13);
    free(copy);
    return ok;
}

static SSL_CTX *make_ctx(const dist_tls_side *s, bool server, char *err, size_t errlen)
{
    SSL_CTX *ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
    if (!ctx) {
        snprintf(err, errlen, "cannot set up TLS (OpenSSL)");
        return NULL;
    }
    unsigned v = s->versions ? s->versions : DIST_TLS_V12;
    SSL_CTX_set_min_proto_version(ctx, v & DIST_TLS_V12 ? TLS1_2_VERSION : TLS1_3_VERSION);
    SSL_CTX_set_max_proto_version(ctx, v & DIST_TLS_V13 ? TLS1_3_VERSION : TLS1_2_VERSION);
    /* a distribution connection never renegotiates (OTP's secure_renegotiate
     * is then moot) nor resumes a session: the connection is the session */
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION | SSL_OP_NO_TICKET);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    if (server) SSL_CTX_set_num_tickets(ctx, 0);
    /* conn.c's output buffer moves and grows between retries */
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    /* one read() takes what the socket holds, rather than a record's
     * header and then its body; conn.c reads until the session waits
     * (and asks dist_tls_pending after a write that read) */
    SSL_CTX_set_read_ahead(ctx, 1);
    bool ok = true;
    if (s->certfile) ok = load_identity(ctx, s, err, errlen);
    else if (server) {
        snprintf(err, errlen, "the TLS server options have no certfile");
        ok = false;
    }
    if (ok && s->cacertfile) {
        ok = readable("CA certificate", s->cacertfile, err, errlen);
        if (ok && SSL_CTX_load_verify_locations(ctx, s->cacertfile, NULL) != 1)
            ok = openssl_failed("CA certificate", s->cacertfile, err, errlen);
    }
    if (ok && s->ciphers) ok = set_ciphers(ctx, s->ciphers, err, errlen);
    int mode = SSL_VERIFY_NONE;
    if (s->verify == DIST_TLS_VERIFY_PEER) {
        mode = SSL_VERIFY_PEER;
        if (server && s->fail_if_no_peer_cert) mode |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
    }
    SSL_CTX_set_verify(ctx, mode, NULL);
    if (s->depth >= 0) SSL_CTX_set_verify_depth(ctx, s->depth);
    if (!ok) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

bool dist_tls_start(dist *d, const dist_config *cfg, char *err, size_t errlen)
{
    dist_tls_stop(d); /* a node started again takes its new settings */
    if (!cfg->tls) return true;
    dist_tls_options o;
    dist_tls_options_init(&o);
    bool ok = true;
    if (cfg->tls_optfile) ok = dist_tls_options_read_file(&o, cfg->tls_optfile, err, errlen);
    char why[600];
    if (ok && cfg->ntls_opts && !dist_tls_options_from_args(&o, cfg->tls_opts, cfg->ntls_opts, why, sizeof why)) {
        snprintf(err, errlen, "-ssl_dist_opt: %s", why);
        ok = false;
    }
    if (ok) ok = (d->tls_server = make_ctx(&o.server, true, err, errlen)) != NULL;
    if (ok) ok = (d->tls_client = make_ctx(&o.client, false, err, errlen)) != NULL;
    d->tls_host_check = o.client.verify == DIST_TLS_VERIFY_PEER && !o.client.no_host_check;
    dist_tls_options_free(&o);
    if (!ok) dist_tls_stop(d);
    return ok;
}

void dist_tls_stop(dist *d)
{
    SSL_CTX_free(d->tls_server);
    SSL_CTX_free(d->tls_client);
    d->tls_server = d->tls_client = NULL;
}

/* ---- one connection ---- */

static void remember_peer(dist_conn *c);

bool dist_tls_conn_open(dist_conn *c, const char *host)
{
    dist *d = c->d;
    if (!d->tls_server) return true;
    SSL *ssl = SSL_new(host ? d->tls_client : d->tls_server);
    if (!ssl || SSL_set_fd(ssl, c->fd) != 1) {
        SSL_free(ssl);
        return false;
    }
    if (host) {
        SSL_set_connect_state(ssl);
        struct in6_addr a;
        bool ip = inet_pton(AF_INET, host, &a) == 1 || inet_pton(AF_INET6, host, &a) == 1;
        if (!ip) SSL_set_tlsext_host_name(ssl, host);
        if (d->tls_host_check) {
            if (ip) X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host);
            else SSL_set1_host(ssl, host);
        }
    } else {
        SSL_set_accept_state(ssl);
        remember_peer(c);
    }
    c->ssl = ssl;
    return true;
}

void dist_tls_conn_free(dist_conn *c)
{
    if (!c->ssl) return;
    /* a close_notify, when the socket takes it at once */
    if (c->fd >= 0 && SSL_is_init_finished(c->ssl)) SSL_shutdown(c->ssl);
    ERR_clear_error();
    SSL_free(c->ssl);
    c->ssl = NULL;
}

/* The address of the peer that called us (its name comes later, inside
 * TLS), kept for log lines: the socket may be gone by then. */
static void remember_peer(dist_conn *c)
{
    char *out = c->tls_peer;
    size_t n = sizeof c->tls_peer;
    struct sockaddr_storage sa;
    socklen_t len = sizeof sa;
    char ip[INET6_ADDRSTRLEN] = "?";
    int port = 0;
    if (getpeername(c->fd, (struct sockaddr *)&sa, &len) == 0) {
        if (sa.ss_family == AF_INET) {
            struct sockaddr_in *a = (struct sockaddr_in *)&sa;
            inet_ntop(AF_INET, &a->sin_addr, ip, sizeof ip);
            port = ntohs(a->sin_port);
        } else if (sa.ss_family == AF_INET6) {
            struct sockaddr_in6 *a = (struct sockaddr_in6 *)&sa;
            inet_ntop(AF_INET6, &a->sin6_addr, ip, sizeof ip);
            port = ntohs(a->sin6_port);
        }
    }
    snprintf(out, n, "%s:%d", ip, port);
}

/* Who the peer is, for a log line: its node name when we called it. */
static void peer_of(dist_conn *c, char *out, size_t n)
{
    if (c->initiator && c->node != TERM_NONE) snprintf(out, n, "%s", term_atom_name(c->node));
    else snprintf(out, n, "%s", c->tls_peer);
}

static void log_handshake_failure(dist_conn *c, const char *reason)
{
    char peer[300], text[900];
    peer_of(c, peer, sizeof peer);
    snprintf(text, sizeof text, "TLS :%s: handshake with %s failed: %s", c->initiator ? "client" : "server", peer,
             reason);
    dist_log(c->d, "notice", text);
}

/* OpenSSL's reason, with the certificate check's own when that failed,
 * and a word on what a record that is not TLS means here. */
static void describe_failure(dist_conn *c, char *out, size_t n)
{
    unsigned long e = ERR_peek_last_error();
    const char *reason = e ? ERR_reason_error_string(e) : NULL;
    long vr = SSL_get_verify_result(c->ssl);
    int r = e ? ERR_GET_REASON(e) : 0;
    if (r == SSL_R_UNEXPECTED_EOF_WHILE_READING)
        snprintf(out, n, "the peer closed the connection (is it a TLS node?)");
    else if (vr != X509_V_OK && r == SSL_R_CERTIFICATE_VERIFY_FAILED)
        snprintf(out, n, "%s (%s)", reason, X509_verify_cert_error_string(vr));
    else if (!c->initiator && (r == SSL_R_WRONG_VERSION_NUMBER || r == SSL_R_UNKNOWN_PROTOCOL ||
                               r == SSL_R_PACKET_LENGTH_TOO_LONG || r == SSL_R_HTTP_REQUEST))
        snprintf(out, n, "%s (not TLS: a node without -proto_dist inet_tls?)", reason);
    else
        snprintf(out, n, "%s", reason ? reason : "TLS error");
}

/* What an SSL_read / SSL_write that moved nothing means. */
static long outcome(dist_conn *c, int r, bool reading)
{
    int e = SSL_get_error(c->ssl, r);
    bool in_handshake = !c->tls_up;
    char reason[600];
    switch (e) {
    case SSL_ERROR_WANT_READ:
        if (reading) c->tls_read_wants_write = false;
        else c->tls_write_wants_read = true;
        return DIST_IO_AGAIN;
    case SSL_ERROR_WANT_WRITE:
        if (reading) c->tls_read_wants_write = true;
        else c->tls_write_wants_read = false;
        return DIST_IO_AGAIN;
    case SSL_ERROR_ZERO_RETURN:
        return 0;
    case SSL_ERROR_SYSCALL:
        if (errno == EAGAIN || errno == EINTR) return DIST_IO_AGAIN;
        if (in_handshake) {
            /* a plain node reads our ClientHello as a too long handshake
             * message and hangs up (a reset, when our hello is still
             * unread); a TLS node that refused us said why */
            log_handshake_failure(c, "the peer closed the connection (is it a TLS node?)");
        }
        ERR_clear_error();
        return r == 0 ? 0 : DIST_IO_FAILED;
    default:
        if (in_handshake) {
            describe_failure(c, reason, sizeof reason);
            log_handshake_failure(c, reason);
        }
        ERR_clear_error();
        return DIST_IO_FAILED;
    }
}

/* A plain node reads a ClientHello as the length of a handshake message
 * (0x16 0x03: 5635 bytes) and waits for the rest: the TLS handshake
 * then ends with the set-up time, whichever side's runs out first. */
void dist_tls_setup_timed_out(dist_conn *c)
{
    if (c->ssl && !c->tls_up) log_handshake_failure(c, "no answer in the set-up time (is it a TLS node?)");
}

bool dist_tls_pending(dist_conn *c) { return c->ssl && SSL_has_pending(c->ssl); }

long dist_tls_read(dist_conn *c, void *buf, size_t n)
{
    ERR_clear_error();
    int k = SSL_read(c->ssl, buf, n > INT32_MAX ? INT32_MAX : (int)n);
    if (k > 0) {
        c->tls_read_wants_write = false;
        c->tls_up = true;
        return k;
    }
    return outcome(c, k, true);
}

long dist_tls_write(dist_conn *c, const void *buf, size_t n)
{
    ERR_clear_error();
    int k = SSL_write(c->ssl, buf, n > INT32_MAX ? INT32_MAX : (int)n);
    if (k > 0) {
        c->tls_write_wants_read = false;
        c->tls_up = true;
        return k;
    }
    return outcome(c, k, false);
}
