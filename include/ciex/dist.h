/* dist.h - Erlang distribution: EPMD, the cookie handshake, connections
 * to other nodes and the control messages that carry sends, links,
 * monitors and exits between them.  The bytes are OTP 25's: a ciex node
 * and a BEAM node are peers. */
#ifndef CIEX_DIST_H
#define CIEX_DIST_H

#include <stdbool.h>
#include <stddef.h>

#include "ciex/vm.h"

#define DIST_EPMD_DEFAULT_PORT 4369

typedef struct dist_config {
    const char *name;     /* "foo" (short) or "foo@host" */
    bool longnames;       /* --name rather than --sname */
    const char *cookie;   /* NULL: ~/.erlang.cookie, created when missing */
    bool hidden;
    int epmd_port;        /* 0: ERL_EPMD_PORT or 4369 */
    int listen_min, listen_max; /* 0: any port */
    int ticktime_s;       /* 0: 60 */
    int setuptime_s;      /* net_setuptime, the longest a handshake may take; 0: 7 */
    /* erl's +zdbbl: the output a connection may queue, in KiB, before a
     * process that sends over it is suspended; 0: 1024 */
    int dist_buf_busy_limit_kb;
    /* The program that serves EPMD when none answers, run as
     * `PROGRAM --epmd-foreground -port N` (so it shows as an EPMD in ps);
     * NULL: a forked copy of this process serves. */
    const char *epmd_program;
    /* TLS distribution (-proto_dist inet_tls): connections to and from the
     * distribution port are TLS from their first byte, EPMD stays plain.
     * Its settings are OTP's: the option file of -ssl_dist_optfile and/or
     * the key/value pairs of -ssl_dist_opt (server_certfile F ...). */
    bool tls;
    const char *tls_optfile;
    const char *const *tls_opts;
    size_t ntls_opts;
    /* --trace-dist FILE: every distribution message sent and received,
     * a JSON line each (src/dist/trace.c); NULL: none */
    const char *trace_file;
} dist_config;

/* Makes rt a distributed node: listens, registers with EPMD (starting a
 * daemon when none answers), names the node.  Returns false with a
 * message when it cannot. */
bool dist_start(vm_runtime *rt, const dist_config *cfg, char *err, size_t errlen);

/* Closes every connection and the listener at once, as a halting node
 * does: the peers see the node go down (:noconnection), not exits. */
void dist_stop(vm_runtime *rt);

/* The BIFs of Node, :net_kernel, :net_adm and :erlang about nodes; they
 * answer as a non-distributed node does until dist_start. */
void dist_register_bifs(vm_runtime *rt);

/* `ciex --epmd`: an EPMD-compatible name server on port (detaches unless
 * foreground); clients silent for packet_timeout_s seconds are closed
 * (0: epmd's 60).  Returns the process exit status. */
int dist_epmd_main(int port, bool foreground, int packet_timeout_s);
/* `ciex --epmd-names`: prints what the EPMD on port knows. */
int dist_epmd_names_main(int port);
/* `ciex --epmd-kill`: asks the EPMD on port to stop, as `epmd -kill`
 * does; it refuses while nodes are registered.  Returns 0 once stopped. */
int dist_epmd_kill_main(int port);

/* The EPMD port to use: ERL_EPMD_PORT or 4369. */
int dist_epmd_port(void);

#endif
