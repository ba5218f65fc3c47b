/* test_dist_trace.c - the record of distribution messages (trace.c): the
 * JSON line a message leaves in a --trace-dist file, its short label, and
 * the arrow :ciex.trace(:dist) prints. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ciex/dist.h"
#include "ciex/vm.h"
#include "dist/dist_internal.h"

static char console[8192];
static size_t console_len;

static void capture(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    size_t room = sizeof console - 1 - console_len;
    if (len > room) len = room;
    memcpy(console + console_len, text, len);
    console_len += len;
    console[console_len] = '\0';
}

/* A node with one connection (to peer@host) that is up, tracing to a
 * temporary file (its path in path) and to the console. */
static dist *traced_node(char *path)
{
    int sv[2];
    cr_assert_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv), 0);
    vm_runtime *rt = vm_runtime_new();
    console_len = 0;
    console[0] = '\0';
    vm_set_output(rt, capture, NULL);
    dist *d = calloc(1, sizeof *d);
    d->rt = rt;
    d->node = term_atom("unit@host");
    d->creation = 1;
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
    d->conns->state = CONN_UP;
    d->conns->node = term_atom("peer@host");
    d->conns->peer_flags = ~0ull;
    d->conns->index = 1;
    close(sv[1]);
    strcpy(path, "/tmp/ciex-test-trace-XXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    close(fd);
    char err[256];
    cr_assert(dist_trace_open(d, path, err, sizeof err), "%s", err);
    d->trace |= DIST_TRACE_LIVE;
    return d;
}

static char *trace_text(const char *path)
{
    static char text[8192];
    FILE *f = fopen(path, "r");
    cr_assert(f);
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

static void finish(dist *d, const char *path)
{
    unlink(path);
    vm_runtime *rt = d->rt;
    dist_stop(rt);
    vm_runtime_free(rt);
}

static term tuple(uint32_t n, const term *items)
{
    term t = term_tuple_new(n);
    for (uint32_t i = 0; i < n; i++) term_tuple_init(t, i, items[i]);
    return t;
}

Test(dist_trace, a_gen_server_call_received)
{
    term_init();
    char path[64];
    dist *d = traced_node(path);
    term from = term_pid_new(term_atom("peer@host"), 84, 0, 1);
    uint32_t ids[3] = {1, 2, 3};
    term ref = term_ref_new(term_atom("peer@host"), 1, ids, 3);
    /* {6, From, :"", :kv} + {:"$gen_call", {From, Ref}, {:get, :foo}} */
    term control = tuple(4, (term[]){term_small(6), term_retain(from), term_atom(""), term_atom("kv")});
    term request = tuple(2, (term[]){term_atom("get"), term_atom("foo")});
    term tag = tuple(2, (term[]){term_retain(from), ref});
    term payload = tuple(3, (term[]){term_atom("$gen_call"), tag, request});
    dist_trace_frame(d->conns, false, control, payload);
    const char *line = trace_text(path);
    cr_assert(strstr(line, "\"node\":\"unit@host\",\"dir\":\"in\",\"peer\":\"peer@host\",\"op\":\"REG_SEND\","
                           "\"from\":\"#PID<peer@host.84.0>\",\"to\":\"kv\","
                           "\"label\":\"{:\\\"$gen_call\\\", …, {:get, :foo}}\",\"global\":false}\n"),
              "%s", line);
    cr_assert(strncmp(line, "{\"t\":", 5) == 0, "%s", line);
    cr_assert_str_eq(console, "peer@host → unit@host  {:\"$gen_call\", …, {:get, :foo}}\n");
    term_release(control);
    term_release(payload);
    term_release(from);
    finish(d, path);
}

Test(dist_trace, global_protocol_and_escapes)
{
    term_init();
    char path[64];
    dist *d = traced_node(path);
    term from = term_pid_new(term_atom("unit@host"), 35, 0, 1);
    /* {6, From, :"", :global_name_server} + {:"$gen_cast", {:exchange, ...}}: :global's */
    term control = tuple(4, (term[]){term_small(6), term_retain(from), term_atom(""), term_atom("global_name_server")});
    term exchange = tuple(2, (term[]){term_atom("exchange"), term_atom("unit@host")});
    term payload = tuple(2, (term[]){term_atom("$gen_cast"), exchange});
    dist_trace_frame(d->conns, true, control, payload);
    term_release(control);
    term_release(payload);
    /* {2, :"", To} + "a\"b\n": a string's quotes and newline, escaped twice */
    term to = term_pid_new(term_atom("peer@host"), 90, 0, 1);
    control = tuple(3, (term[]){term_small(2), term_atom(""), term_retain(to)});
    payload = term_binary_from_cstr("a\"b\n");
    dist_trace_frame(d->conns, true, control, payload);
    const char *text = trace_text(path);
    cr_assert(strstr(text, "\"op\":\"REG_SEND\",\"from\":\"#PID<0.35.0>\",\"to\":\"global_name_server\","
                           "\"label\":\"{:\\\"$gen_cast\\\", {:exchange, :unit@host}}\",\"global\":true}\n"),
              "%s", text);
    cr_assert(strstr(text, "\"op\":\"SEND\",\"from\":\"\",\"to\":\"#PID<peer@host.90.0>\","
                           "\"label\":\"\\\"a\\\\\\\"b\\\\n\\\"\",\"global\":false}\n"),
              "%s", text);
    cr_assert(strstr(console, "unit@host → peer@host  \"a\\\"b\\n\"\n"), "%s", console);
    term_release(control);
    term_release(payload);
    term_release(from);
    term_release(to);
    finish(d, path);
}

Test(dist_trace, connections_up_and_down)
{
    term_init();
    char path[64];
    dist *d = traced_node(path);
    d->conns->initiator = true;
    dist_trace_node(d->conns, true, NULL);
    dist_trace_node(d->conns, false, "net_tick_timeout");
    dist_trace_node(d->conns, false, "closed");
    const char *text = trace_text(path);
    cr_assert(strstr(text, "\"dir\":\"up\",\"peer\":\"peer@host\",\"initiator\":true}\n"), "%s", text);
    cr_assert(strstr(text, "\"dir\":\"down\",\"peer\":\"peer@host\",\"reason\":\"net_tick_timeout\"}\n"), "%s", text);
    cr_assert(strstr(text, "\"dir\":\"down\",\"peer\":\"peer@host\",\"reason\":\"connection_closed\"}\n"), "%s", text);
    cr_assert_str_eq(console, "unit@host → peer@host  (connected)\n"
                              "unit@host → peer@host  (connection down: net_tick_timeout)\n"
                              "unit@host → peer@host  (connection down: connection_closed)\n");
    finish(d, path);
}

/* A long label is cut to 160 bytes, ending in … on a character's boundary. */
Test(dist_trace, long_labels_cut_on_characters)
{
    term_init();
    char path[64];
    dist *d = traced_node(path);
    char e30[61] = "";
    for (int i = 0; i < 30; i++) strcat(e30, "é");
    term items[8];
    for (int i = 0; i < 8; i++) items[i] = term_binary_from_cstr(e30);
    term payload = tuple(8, items);
    term to = term_pid_new(term_atom("peer@host"), 90, 0, 1);
    term control = tuple(3, (term[]){term_small(2), term_atom(""), term_retain(to)});
    dist_trace_frame(d->conns, true, control, payload);
    const char *line = strstr(console, "  ");
    cr_assert(line);
    line += 2;
    size_t len = strcspn(line, "\n");
    cr_assert(len <= 160, "%zu bytes: %s", len, line);
    cr_assert(len >= 3 && memcmp(line + len - 3, "…", 3) == 0, "%s", line);
    for (size_t i = 0; i + 3 < len; i++)
        if ((unsigned char)line[i] == 0xC3) cr_assert_eq((unsigned char)line[i + 1], 0xA9, "a character cut: %s", line);
    term_release(control);
    term_release(payload);
    term_release(to);
    finish(d, path);
}
