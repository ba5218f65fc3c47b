/* dist_internal.h - the distribution layer's structures (src/dist only). */
#ifndef CIEX_DIST_INTERNAL_H
#define CIEX_DIST_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

#include "ciex/dist.h"
#include "ciex/etf.h"
#include "ciex/vm.h"

/* capability flags (erl_dist_protocol) */
#define DFLAG_PUBLISHED 0x1ull
#define DFLAG_EXTENDED_REFERENCES 0x4ull
#define DFLAG_DIST_MONITOR 0x8ull
#define DFLAG_FUN_TAGS 0x10ull
#define DFLAG_DIST_MONITOR_NAME 0x20ull
#define DFLAG_NEW_FUN_TAGS 0x80ull
#define DFLAG_EXTENDED_PIDS_PORTS 0x100ull
#define DFLAG_EXPORT_PTR_TAG 0x200ull
#define DFLAG_BIT_BINARIES 0x400ull
#define DFLAG_NEW_FLOATS 0x800ull
#define DFLAG_UNICODE_IO 0x1000ull
#define DFLAG_SMALL_ATOM_TAGS 0x4000ull
#define DFLAG_UTF8_ATOMS 0x10000ull
#define DFLAG_MAP_TAG 0x20000ull
#define DFLAG_BIG_CREATION 0x40000ull
#define DFLAG_SEND_SENDER 0x80000ull
#define DFLAG_BIG_SEQTRACE_LABELS 0x100000ull
#define DFLAG_EXIT_PAYLOAD 0x400000ull
#define DFLAG_HANDSHAKE_23 0x1000000ull
#define DFLAG_UNLINK_ID 0x2000000ull
#define DFLAG_SPAWN (1ull << 32)
#define DFLAG_V4_NC (1ull << 34)
#define DFLAG_ALIAS (1ull << 35)
#define DFLAG_MANDATORY_25_DIGEST (1ull << 36)

/* what a peer must offer, or the connection is refused */
#define DFLAG_MANDATORY                                                                                     \
    (DFLAG_EXTENDED_REFERENCES | DFLAG_FUN_TAGS | DFLAG_NEW_FUN_TAGS | DFLAG_EXTENDED_PIDS_PORTS |         \
     DFLAG_EXPORT_PTR_TAG | DFLAG_BIT_BINARIES | DFLAG_NEW_FLOATS | DFLAG_UTF8_ATOMS | DFLAG_MAP_TAG |     \
     DFLAG_BIG_CREATION | DFLAG_HANDSHAKE_23)

typedef enum conn_state {
    CONN_AWAIT_STATUS,    /* initiator: sent our name */
    CONN_AWAIT_CHALLENGE, /* initiator */
    CONN_AWAIT_ACK,       /* initiator: sent the challenge reply */
    CONN_AWAIT_NAME,      /* acceptor */
    CONN_AWAIT_REPLY,     /* acceptor: sent status and challenge */
    CONN_AWAIT_PEER,      /* initiator told "nok": the peer's own attempt will carry our queue */
    CONN_AWAIT_ALIVE,     /* acceptor: sent "alive" (already connected), awaiting true/false */
    CONN_UP,
    CONN_DEAD,
} conn_state;

/* How a fun made by evaluation is laid out for a peer (fun_layout.c). */
typedef enum layout_state { LAYOUT_UNKNOWN, LAYOUT_PENDING, LAYOUT_KNOWN } layout_state;
typedef struct dist_fun_layout {
    layout_state state;
    vm_erl_eval_layout l;
} dist_fun_layout;

/* TLS distribution (tls_options.c, tls.c) */
#define DIST_TLS_V12 1u
#define DIST_TLS_V13 2u
typedef enum dist_tls_verify { DIST_TLS_VERIFY_DEFAULT, DIST_TLS_VERIFY_NONE, DIST_TLS_VERIFY_PEER } dist_tls_verify;
/* One side's ssl options, as OTP names them; NULL / 0: not given. */
typedef struct dist_tls_side {
    char *certfile, *keyfile, *cacertfile;
    char *password;       /* the key's passphrase: never printed */
    char *ciphers;        /* "A:B" */
    dist_tls_verify verify;
    bool fail_if_no_peer_cert;
    bool secure_renegotiate;
    bool no_host_check;   /* client: {server_name_indication, disable} */
    int depth;            /* -1: OpenSSL's */
    unsigned versions;    /* DIST_TLS_V12 | DIST_TLS_V13; 0: tlsv1.2, OTP's default for distribution */
} dist_tls_side;
typedef struct dist_tls_options {
    dist_tls_side server, client;
    /* told of an option ciex ignores (stderr unless changed; NULL: silent) */
    void (*warn)(const char *text);
} dist_tls_options;
void dist_tls_options_init(dist_tls_options *o);
void dist_tls_options_free(dist_tls_options *o);
bool dist_tls_options_parse(dist_tls_options *o, const char *text, size_t len, char *err, size_t errlen);
bool dist_tls_options_from_terms(dist_tls_options *o, term terms, char *err, size_t errlen);
bool dist_tls_options_read_file(dist_tls_options *o, const char *path, char *err, size_t errlen);
bool dist_tls_options_from_args(dist_tls_options *o, const char *const *kv, size_t n, char *err, size_t errlen);

struct ssl_st;
struct ssl_ctx_st;

typedef struct dist_conn {
    struct dist *d;
    int fd;
    conn_state state;
    bool initiator;
    term node;            /* the peer, once known */
    uint32_t peer_creation;
    uint64_t peer_flags;
    uint32_t my_challenge, peer_challenge;
    uint8_t *in;
    size_t in_len, in_cap;
    uint8_t *out;
    size_t out_len, out_cap, out_off;
    /* big binaries of the frames in out (the encoder's splices), written
     * from where they lie: each goes after byte `at` of out; splice_done
     * bytes of the first are written, splice_bytes of all are not */
    struct dist_splice *splices;
    size_t nsplices, splices_cap, splice_head, splice_done, splice_bytes;
    /* a big frame read into a binary of its own (its binaries become
     * slices of it), and how many of its bytes have come, or TERM_NONE */
    term big_in;
    size_t big_in_len;
    term waiters;         /* [{pid, ref}] told {ref, true|false} when the handshake ends */
    etf_buf pending;      /* frames queued while the handshake runs */
    int64_t last_recv, last_send, started;
    /* the ticker's view (dist_util's send_tick): reads and writes counted,
     * their values at the last tick, and ticks in a row with nothing read */
    uint64_t nrecv, nsent, tick_read, tick_written;
    int idle_ticks;
    uint32_t index;       /* one per node, in the order first connected: Node.list's order, :global's connection id */
    uint64_t unlink_id;
    bool unflushed;       /* frames in `out` wait for dist_flush */
    bool in_flush_list;   /* on d->to_flush */
    struct dist_conn *next_to_flush;
    dist_fun_layout layout;
    term held;            /* frames waiting for the layout, newest first: [{control} | {control, payload}] */
    uint32_t nheld;       /* how many: too many make the connection busy */
    term learner;         /* the process asking the peer for its layout (its frames go first), or TERM_NONE */
    term suspended;       /* [pid]: processes suspended on sending over this connection while it is busy */
    bool needs_layout;    /* set by the encoder's fun hook */
    /* TLS distribution: the session on fd (NULL: plain TCP), and what the
     * last read or write waits for besides its own direction */
    struct ssl_st *ssl;
    bool tls_write_wants_read, tls_read_wants_write;
    bool tls_up;          /* the TLS handshake is over */
    bool tls_read_due;    /* the event loop is to read: a write left a message in the session */
    char tls_peer[56];    /* the acceptor's peer, ip:port, for log lines */
    bool cut;             /* the peer is on d->cut: what goes either way is dropped */
    struct dist_conn *next;
} dist_conn;

typedef struct dist_splice {
    size_t at;
    term bin;
} dist_splice;

/* Bytes of frames that wait to be written. */
static inline size_t dist_conn_out_queued(const dist_conn *c) { return c->out_len - c->out_off + c->splice_bytes; }

typedef struct dist {
    vm_runtime *rt;
    term node;            /* our name, an atom */
    char alive[256];      /* the part before @ */
    char host[256];
    char cookie[256];
    /* :erlang.set_cookie/2: the cookie of each node that has its own */
    struct dist_node_cookie {
        term node; /* an atom */
        char cookie[256];
    } *node_cookies;
    size_t nnode_cookies;
    uint32_t creation;
    bool hidden;
    bool longnames;       /* --name (true) or --sname */
    int listen_fd, listen_port;
    int epmd_fd, epmd_port;
    int ticktime_ms;      /* as configured (-kernel net_ticktime); net_kernel keeps the current one */
    int setuptime_ms;     /* a connection still in its handshake after this is dropped */
    int tick_intensity;   /* ticks per tick time: 4, OTP's default */
    int64_t tick_interval_ms; /* between two ticks of the ticker */
    uint64_t ticker_gen;  /* bumped when the interval changes: older ticker timers stop */
    struct dist_ticker *tickers; /* the ticker timers started (dist.c) */
    size_t busy_limit;    /* dist_buf_busy_limit: queued output (bytes) over which senders suspend */
    dist_conn *conns;
    uint32_t next_index;
    /* the index of each node whose connection went away, which a new
     * connection to it takes again (the BEAM keeps a node's entry) */
    struct dist_gone_node {
        term node; /* an atom */
        uint32_t index;
    } *gone;
    size_t ngone;
    /* [{pid, opts}]: node monitor subscriptions, oldest first.  opts is
     * :ciex_all (every node, {nodeup, node}: the :global server's), []
     * (net_kernel:monitor_nodes/1: visible nodes) or OTP's option map
     * (node_type, connection_id, nodedown_reason; list: info as a list) */
    term node_monitors;
    term node_watchers;   /* [{pid, node}]: erlang:monitor_node */
    term spawn_requests;  /* [{ref, from, reply_mode, tag, link}] awaiting SPAWN_REPLY */
    bool started;
    dist_conn *to_flush;  /* connections with frames waiting for dist_flush */
    /* -proto_dist inet_tls: every connection is TLS from its first byte */
    struct ssl_ctx_st *tls_server, *tls_client;
    bool tls_host_check;  /* the client checks the server's host name */
    unsigned trace;       /* DIST_TRACE_*: 0, the one branch a message costs when tracing is off */
    FILE *trace_file;     /* --trace-dist FILE */
    term *cut;            /* atoms: the nodes whose traffic this node drops (a cut link, cut.c) */
    size_t ncut;
    /* the sockets of cut connections that went down, kept open until the
     * link is healed: their close would reach the peer, which a partition
     * does not let through */
    struct dist_cut_socket {
        term node; /* an atom */
        int fd;
    } *cut_sockets;
    size_t ncut_sockets;
} dist;

#define DIST_TRACE_FILE 1u /* every message a JSON line in trace_file */
#define DIST_TRACE_LIVE 2u /* every message an arrow on the console (:ciex.trace(:dist)) */

int64_t dist_now_ms(void);
bool dist_write_all(int fd, const void *buf, size_t n, int64_t deadline);
bool dist_read_all(int fd, void *buf, size_t n, int64_t deadline);
int dist_tcp_connect(const char *host, int port, int64_t deadline);

/* epmd.c, epmd_daemon.c */
int epmd_register(int epmd_port, const char *alive, int listen_port, bool hidden, uint32_t *creation);
int epmd_port_please(const char *host, int epmd_port, const char *alive, int64_t deadline);
char *epmd_names(const char *host, int epmd_port);
bool epmd_spawn_daemon(int port, const char *program);

/* tls.c: the transport of a connection.  Reads and writes return the
 * bytes moved, 0 when the peer closed, DIST_IO_AGAIN when the socket
 * would block (the conn's tls_*_wants_* say on what), DIST_IO_FAILED
 * (a TLS failure is logged, with its reason). */
#define DIST_IO_AGAIN (-1)
#define DIST_IO_FAILED (-2)
bool dist_tls_start(dist *d, const dist_config *cfg, char *err, size_t errlen);
void dist_tls_stop(dist *d);
bool dist_tls_conn_open(dist_conn *c, const char *host); /* host: the initiator's peer; NULL: acceptor */
void dist_tls_conn_free(dist_conn *c);
long dist_tls_read(dist_conn *c, void *buf, size_t n);
/* The set-up time ran out: logged when it ran out in the TLS handshake. */
void dist_tls_setup_timed_out(dist_conn *c);
bool dist_tls_pending(dist_conn *c); /* bytes the session holds that the socket no longer shows */
long dist_tls_write(dist_conn *c, const void *buf, size_t n);
void dist_log(dist *d, const char *level, const char *text);

/* cookie.c */
bool dist_read_cookie(char *out, size_t n, char *err, size_t errlen);
/* A cookie given on the command line: at most 255 characters (an atom). */
bool dist_check_cookie(const char *cookie, char *err, size_t errlen);
/* The cookie a handshake with node uses: its own, else ours (auth.erl). */
const char *dist_cookie_for(const dist *d, term node);
void dist_set_node_cookie(dist *d, term node, const char *cookie);
void dist_digest(const char *cookie, uint32_t challenge, uint8_t out[16]);

/* conn.c */
dist_conn *dist_find_conn(dist *d, term node);
dist_conn *dist_connect(dist *d, term node);           /* starts (or finds) a connection */
void dist_accept(dist *d, int fd);
void dist_conn_send_frame(dist_conn *c, term control, term payload); /* payload may be TERM_NONE */
void dist_conn_send_raw(dist_conn *c, const void *data, size_t n);
void dist_conn_resume_if_idle(dist_conn *c); /* resumes suspended senders when no longer busy */
void dist_flush(dist *d); /* writes the frames dist_conn_send_frame queued */
void dist_conn_close(dist_conn *c, const char *why);
void dist_conn_free(dist_conn *c); /* what a connection holds, and itself */
/* Whether more output waits for the peer than the busy limit; with a
 * pid, that process is resumed when it drains (or the connection goes). */
bool dist_conn_busy(dist_conn *c, term suspend);
void dist_log_error(dist *d, const char *text);

/* fun_layout.c */
term dist_fun_for_wire(void *conn, term fun);  /* the encoder's fun hook */
term dist_fun_from_wire(void *dist, term fun); /* the decoder's */
void dist_layout_request(dist_conn *c);
bool dist_from_layout_learner(dist_conn *c, term control);
void dist_fun_layout_register_bifs(vm_runtime *rt);

/* control.c */
void dist_install_ops(dist *d);
/* owner: 0, or a binary that holds data (etf_decode_opts). */
void dist_handle_frame(dist_conn *c, const uint8_t *data, size_t len, term owner);
void dist_node_up(dist *d, dist_conn *c);
/* c went down (why: dist_conn_close's reason) */
void dist_node_down(dist *d, dist_conn *c, const char *why);

/* trace.c: called only when d->trace is set */
void dist_trace_frame(dist_conn *c, bool out, term control, term payload); /* payload may be TERM_NONE */
void dist_trace_node(dist_conn *c, bool up, const char *why);
bool dist_trace_open(dist *d, const char *path, char *err, size_t errlen);
void dist_trace_close(dist *d);
void dist_trace_register_bifs(vm_runtime *rt);

/* cut.c */
bool dist_is_cut(const dist *d, term node);
void dist_cut_keep_socket(dist *d, term node, int fd); /* closed when the link heals, or at dist_stop */
void dist_cut_close_sockets(dist *d, term node);        /* TERM_NONE: all */
void dist_cut_register_bifs(vm_runtime *rt);

#endif
