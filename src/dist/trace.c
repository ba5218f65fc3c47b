/* trace.c - a record of every distribution message this node sends and
 * receives, for a person to see the cluster talk.
 *
 * Two sinks, each off by default:
 *
 *   --trace-dist FILE   one JSON object a line (the format below), written
 *                       as messages go out and come in; the replay's
 *                       --html page is drawn from these files
 *   :ciex.trace(:dist)  an arrow a message printed on the node's console
 *                       (above the prompt, as other asynchronous output),
 *                       `bar@host → foo@host  {:"$gen_call", …, :get}`;
 *                       :ciex.trace(false) turns it off
 *
 * Off costs one predictable branch on d->trace where a frame is committed
 * to the wire (conn.c), decoded (control.c) and where a node goes up or
 * down.  A message is recorded when it is committed to a connection (sent,
 * or queued behind a handshake), not when it waits for a fun layout.
 *
 * The file's lines (docs/replay.md, "Traces"):
 *
 *   {"t":1765072800123456,"node":"foo@h","dir":"out","peer":"bar@h",
 *    "op":"REG_SEND","from":"#PID<0.84.0>","to":"global_name_server",
 *    "label":"{:init_connect, …}","global":true}
 *   {"t":...,"node":"foo@h","dir":"up","peer":"bar@h","initiator":true}
 *   {"t":...,"node":"foo@h","dir":"down","peer":"bar@h","reason":"net_tick_timeout"}
 *
 * t: microseconds since the epoch (the nodes of one machine share the
 * clock); dir: out / in (a control message), up / down (a connection);
 * op: OTP's name of the control message (erl_dist_protocol); label: the
 * payload (or the control message's point) inspected short, with the
 * reply tags of calls and io requests written `…`; global: the message is
 * part of :global's connection protocol (global.erl's init_connect,
 * exchange, resolved, lock_set, ... between global_name_servers and their
 * lockers), which a page folds into one group. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dist_internal.h"

#define LABEL_MAX 160

static const char *const op_names[] = {
    [1] = "LINK", [2] = "SEND", [3] = "EXIT", [4] = "UNLINK", [5] = "NODE_LINK", [6] = "REG_SEND",
    [7] = "GROUP_LEADER", [8] = "EXIT2", [12] = "SEND_TT", [13] = "EXIT_TT", [16] = "REG_SEND_TT",
    [18] = "EXIT2_TT", [19] = "MONITOR_P", [20] = "DEMONITOR_P", [21] = "MONITOR_P_EXIT", [22] = "SEND_SENDER",
    [23] = "SEND_SENDER_TT", [24] = "PAYLOAD_EXIT", [25] = "PAYLOAD_EXIT_TT", [26] = "PAYLOAD_EXIT2",
    [27] = "PAYLOAD_EXIT2_TT", [28] = "PAYLOAD_MONITOR_P_EXIT", [29] = "SPAWN_REQUEST", [30] = "SPAWN_REQUEST_TT",
    [31] = "SPAWN_REPLY", [32] = "SPAWN_REPLY_TT", [33] = "ALIAS_SEND", [34] = "ALIAS_SEND_TT", [35] = "UNLINK_ID",
    [36] = "UNLINK_ID_ACK",
};

/* The first elements of the messages of :global's connection protocol
 * (global.erl, protocol version 8), between the servers and lockers. */
static const char *const global_tags[] = {
    "init_connect", "init_connect_ack", "exchange", "exchange_ops", "resolved", "new_nodes", "in_sync",
    "lock_is_set", "lock_set", "lock_set_ack", "cancel", "async_del_name", "async_del_lock", "lost_connection",
    "remove_connection", "his_locker_pid", "ciex_global_sync", NULL,
};

static long long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static term field(term t, uint32_t i)
{
    return term_is_tuple(t) && i < term_tuple_arity(t) ? term_tuple_get(t, i) : TERM_NONE;
}

/* ---- labels ---- */

typedef struct text {
    char buf[LABEL_MAX + 8];
    size_t len;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->len >= LABEL_MAX) return;
    if (n > LABEL_MAX - t->len) n = LABEL_MAX - t->len;
    memcpy(t->buf + t->len, s, n);
    t->len += n;
    t->buf[t->len] = '\0';
}

static void puts_(text *t, const char *s) { put(t, s, strlen(s)); }

static void put_term(text *t, term x)
{
    term_inspect_opts o;
    term_inspect_opts_init(&o);
    o.pretty = false;
    o.limit = 8;
    o.printable_limit = 40;
    size_t len;
    char *s = term_inspect(x, &o, &len);
    put(t, s, len);
    free(s);
}

static bool is_atom(term x, const char *name) { return term_is_atom(x) && strcmp(term_atom_name(x), name) == 0; }

/* A message as a person writes it down: the caller's reply tag of a
 * gen_server call and the reply-to of an io request are `…`. */
static void put_message(text *t, term m)
{
    term tag = field(m, 0);
    uint32_t n = term_is_tuple(m) ? term_tuple_arity(m) : 0;
    if (n == 3 && is_atom(tag, "$gen_call")) {
        puts_(t, "{:\"$gen_call\", …, ");
        put_term(t, term_tuple_get(m, 2));
        puts_(t, "}");
    } else if (n == 4 && is_atom(tag, "io_request")) {
        puts_(t, "{:io_request, …, ");
        put_term(t, term_tuple_get(m, 3));
        puts_(t, "}");
    } else if (n == 2 && is_atom(tag, "$gen_cast")) {
        puts_(t, "{:\"$gen_cast\", ");
        put_term(t, term_tuple_get(m, 1));
        puts_(t, "}");
    } else if (n == 2 && term_is_tuple(tag) && term_tuple_arity(tag) == 2 &&
               (term_is_pid(field(tag, 0)) || term_is_ref(field(tag, 0)))) {
        /* a reply whose tag is a pair ({ref, node}: a :global locker's) */
        puts_(t, "{…, ");
        put_term(t, term_tuple_get(m, 1));
        puts_(t, "}");
    } else if (n == 2 && (term_is_ref(tag) || (term_is_cons(tag) && term_is_ref(term_tail(tag))))) {
        puts_(t, "{…, ");
        put_term(t, term_tuple_get(m, 1));
        puts_(t, "}");
    } else {
        put_term(t, m);
    }
}

/* A label that reached LABEL_MAX ends in … on a character's boundary. */
static void mark_cut(text *t)
{
    if (t->len < LABEL_MAX) return;
    size_t k = LABEL_MAX - 3;
    while (k > 0 && ((unsigned char)t->buf[k] & 0xC0) == 0x80) k--;
    memcpy(t->buf + k, "…", 3);
    t->len = k + 3;
    t->buf[t->len] = '\0';
}

static void put_prefixed(text *t, const char *prefix, term x)
{
    puts_(t, prefix);
    if (x != TERM_NONE) put_term(t, x);
}

/* The label of a control message with its payload (TERM_NONE: none). */
static void label_of(text *t, intptr_t op, term control, term payload)
{
    switch (op) {
    case 2: case 6: case 12: case 16: case 22: case 23: case 33: case 34:
        put_message(t, payload);
        break;
    case 1: puts_(t, "link"); break;
    case 4: case 35: puts_(t, "unlink"); break;
    case 36: puts_(t, "unlink ack"); break;
    case 3: put_prefixed(t, "exit ", field(control, 3)); break;
    case 13: put_prefixed(t, "exit ", field(control, 4)); break;
    case 8: put_prefixed(t, "exit/2 ", field(control, 3)); break;
    case 18: put_prefixed(t, "exit/2 ", field(control, 4)); break;
    case 24: case 25: put_prefixed(t, "exit ", payload); break;
    case 26: case 27: put_prefixed(t, "exit/2 ", payload); break;
    case 19: puts_(t, "monitor"); break;
    case 20: puts_(t, "demonitor"); break;
    case 21: put_prefixed(t, "DOWN ", field(control, 4)); break;
    case 28: put_prefixed(t, "DOWN ", payload); break;
    case 7: puts_(t, "group_leader"); break;
    case 29: case 30: {
        term mfa = field(control, 4);
        puts_(t, "spawn ");
        put_term(t, field(mfa, 0));
        puts_(t, ".");
        if (term_is_atom(field(mfa, 1))) puts_(t, term_atom_name(field(mfa, 1)));
        if (term_is_small(field(mfa, 2))) {
            char arity[24];
            snprintf(arity, sizeof arity, "/%ld", (long)term_small_value(field(mfa, 2)));
            puts_(t, arity);
        }
        break;
    }
    case 31: case 32: put_prefixed(t, "spawned ", field(control, 4)); break;
    default: put_term(t, control); break;
    }
}

static bool is_global(intptr_t op, term control, term payload)
{
    if ((op == 6 || op == 16) && is_atom(field(control, 3), "global_name_server")) return true;
    if (op != 2 && op != 22 && op != 12 && op != 23) return false;
    term tag = field(payload, 0);
    if (is_atom(tag, "$gen_cast")) tag = field(field(payload, 1), 0);
    if (!term_is_atom(tag)) return false;
    for (const char *const *g = global_tags; *g; g++)
        if (strcmp(term_atom_name(tag), *g) == 0) return true;
    return false;
}

/* ---- writing ---- */

/* s as a JSON string's contents. */
static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
        else if (c == '\n') fputs("\\n", f);
        else if (c < 0x20) fprintf(f, "\\u%04x", c);
        else fputc(c, f);
    }
    fputc('"', f);
}

/* A pid as this node prints it: #PID<0.id.serial> when local, else with
 * its node's name in place of the index (the trace is read elsewhere). */
static void pid_text(dist *d, term pid, char *out, size_t n)
{
    const term_pid *p = term_pid_ptr(pid);
    if (p->node == d->node) snprintf(out, n, "#PID<0.%u.%u>", p->id, p->serial);
    else snprintf(out, n, "#PID<%s.%u.%u>", term_atom_name(p->node), p->id, p->serial);
}

static void endpoint(dist *d, term x, char *out, size_t n)
{
    if (term_is_pid(x)) pid_text(d, x, out, n);
    else if (term_is_atom(x)) snprintf(out, n, "%s", term_atom_name(x));
    else snprintf(out, n, "%s", term_is_ref(x) ? "alias" : "");
}

/* The sender and the receiver of a control message, as fields of it. */
static void ends_of(intptr_t op, term control, term *from, term *to)
{
    *from = *to = TERM_NONE;
    switch (op) {
    case 2: case 12: *to = field(control, 2); break;
    case 6: case 16: *from = field(control, 1); *to = field(control, 3); break;
    case 35: case 36: *from = field(control, 2); *to = field(control, 3); break;
    case 21: *from = field(control, 1); *to = field(control, 2); break;
    case 29: case 30: *from = field(control, 2); break;
    case 31: case 32: *to = field(control, 2); break;
    default: *from = field(control, 1); *to = field(control, 2); break;
    }
}

static void live_line(dist *d, const char *from, const char *to, const char *label)
{
    char line[LABEL_MAX + 600];
    int n = snprintf(line, sizeof line, "%s → %s  %s\n", from, to, label);
    if (n > (int)sizeof line - 1) n = (int)sizeof line - 1;
    if (n > 0) vm_write_output(d->rt, line, (size_t)n);
}

void dist_trace_frame(dist_conn *c, bool out, term control, term payload)
{
    dist *d = c->d;
    intptr_t op = term_is_small(field(control, 0)) ? term_small_value(field(control, 0)) : 0;
    const char *name = op > 0 && op < (intptr_t)(sizeof op_names / sizeof *op_names) && op_names[op]
                           ? op_names[op] : "UNKNOWN";
    text label = {.len = 0};
    label.buf[0] = '\0';
    label_of(&label, op, control, payload);
    mark_cut(&label);
    const char *me = term_atom_name(d->node);
    const char *peer = c->node != TERM_NONE ? term_atom_name(c->node) : "?";
    if (d->trace & DIST_TRACE_LIVE) live_line(d, out ? me : peer, out ? peer : me, label.buf);
    if (!(d->trace & DIST_TRACE_FILE)) return;
    term from, to;
    ends_of(op, control, &from, &to);
    char from_text[400], to_text[400];
    endpoint(d, from, from_text, sizeof from_text);
    endpoint(d, to, to_text, sizeof to_text);
    FILE *f = d->trace_file;
    fprintf(f, "{\"t\":%lld,\"node\":", now_us());
    json_string(f, me);
    fprintf(f, ",\"dir\":\"%s\",\"peer\":", out ? "out" : "in");
    json_string(f, peer);
    fprintf(f, ",\"op\":\"%s\",\"from\":", name);
    json_string(f, from_text);
    fputs(",\"to\":", f);
    json_string(f, to_text);
    fputs(",\"label\":", f);
    json_string(f, label.buf);
    fprintf(f, ",\"global\":%s%s}\n", is_global(op, control, payload) ? "true" : "false",
            out && c->cut ? ",\"lost\":true" : "");
    fflush(f);
}

/* OTP's nodedown_reason for why dist_conn_close was called. */
static const char *down_reason(const char *why)
{
    if (why && (strcmp(why, "disconnect") == 0 || strcmp(why, "net_tick_timeout") == 0)) return why;
    return "connection_closed";
}

void dist_trace_node(dist_conn *c, bool up, const char *why)
{
    why = down_reason(why);
    dist *d = c->d;
    const char *me = term_atom_name(d->node);
    const char *peer = c->node != TERM_NONE ? term_atom_name(c->node) : "?";
    if (d->trace & DIST_TRACE_LIVE) {
        char label[300];
        snprintf(label, sizeof label, up ? "(connected)" : "(connection down: %s)", why ? why : "");
        bool forward = up ? c->initiator : true;
        live_line(d, forward ? me : peer, forward ? peer : me, label);
    }
    if (!(d->trace & DIST_TRACE_FILE)) return;
    FILE *f = d->trace_file;
    fprintf(f, "{\"t\":%lld,\"node\":", now_us());
    json_string(f, me);
    fprintf(f, ",\"dir\":\"%s\",\"peer\":", up ? "up" : "down");
    json_string(f, peer);
    if (up) fprintf(f, ",\"initiator\":%s}\n", c->initiator ? "true" : "false");
    else fputs(",\"reason\":", f), json_string(f, why ? why : ""), fputs("}\n", f);
    fflush(f);
}

bool dist_trace_open(dist *d, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "a");
    if (!f) {
        snprintf(err, errlen, "cannot write the distribution trace %s: %m", path);
        return false;
    }
    d->trace_file = f;
    d->trace |= DIST_TRACE_FILE;
    return true;
}

void dist_trace_close(dist *d)
{
    if (d->trace_file) fclose(d->trace_file);
    d->trace_file = NULL;
    d->trace = 0;
}

/* ---- :ciex.trace/1 ---- */

#define BIF(name) static vm_status name(vm_process *p, const term *a, term *r)

/* :ciex.trace(:dist) prints every distribution message on the console,
 * :ciex.trace(false) stops; :ok, or {:error, :not_alive} on a node that
 * is not distributed. */
BIF(bif_trace)
{
    const vm_dist_ops *ops = vm_dist(vm_process_runtime(p));
    dist *d = ops ? ops->ctx : NULL;
    if (a[0] != TERM_FALSE && !is_atom(a[0], "dist")) return vm_badarg(p);
    if (!d || !d->started) {
        *r = term_tuple2(term_atom("error"), term_atom("not_alive"));
        return VM_OK;
    }
    if (a[0] == TERM_FALSE) d->trace &= ~DIST_TRACE_LIVE;
    else d->trace |= DIST_TRACE_LIVE;
    *r = TERM_ATOM_OK;
    return VM_OK;
}

static const vm_bif_def trace_bifs[] = {
    {"ciex", "trace", 1, bif_trace},
    {NULL, NULL, 0, NULL},
};

void dist_trace_register_bifs(vm_runtime *rt) { vm_register_bifs(rt, trace_bifs); }
