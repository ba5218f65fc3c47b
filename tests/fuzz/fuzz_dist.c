/* fuzz_dist.c - libFuzzer target: hostile bytes from a peer node.
 *
 * The first input byte chooses the stage: even, the bytes arrive at an
 * accepting connection still in its handshake; odd, at a connection that
 * is up, as distribution frames.  Whatever arrives, the node must answer
 * or close the connection, never crash, hang or leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ciex/dist.h"
#include "ciex/vm.h"
#include "dist/dist_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void quiet(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    (void)text;
    (void)len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 65536) return 0;
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv) != 0) return 0;
    vm_runtime *rt = vm_runtime_new();
    vm_set_output(rt, quiet, NULL); /* the log lines of refused peers */
    dist *d = calloc(1, sizeof *d);
    d->rt = rt;
    d->node = term_atom("fuzz@host");
    d->creation = 1;
    snprintf(d->cookie, sizeof d->cookie, "COOKIE");
    d->node_monitors = TERM_NIL;
    d->node_watchers = TERM_NIL;
    d->spawn_requests = TERM_NIL;
    d->started = true;
    d->listen_fd = -1;
    d->epmd_fd = -1;
    d->ticktime_ms = 60000;
    dist_install_ops(d);
    vm_set_node(rt, d->node, d->creation);
    dist_accept(d, sv[0]);
    if (data[0] & 1) {
        /* skip the handshake: the connection is up with a peer */
        d->conns->state = CONN_UP;
        d->conns->node = term_atom("peer@host");
        d->conns->peer_flags = ~0ull;
        d->conns->index = 1;
    }
    size_t off = 1;
    while (off < size) {
        ssize_t k = write(sv[1], data + off, size - off);
        if (k <= 0) break;
        off += (size_t)k;
    }
    close(sv[1]);
    vm_run(rt, NULL, NULL); /* until the connection is gone and nothing is left */
    dist_stop(rt);
    vm_runtime_free(rt);
    return 0;
}
