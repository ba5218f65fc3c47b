/* control.c - distribution control messages, both ways.
 *
 * Outgoing: the VM's distribution hooks (vm_dist_ops) turn sends, links,
 * monitors and exits that concern another node into control messages,
 * connecting first when needed (messages wait in the connection until the
 * handshake is done; a failed connection drops them, as on the BEAM).
 *
 * Incoming: each frame is decoded (both terms bounds-checked by the ETF
 * decoder); a malformed one, or one with a tag OTP does not define, closes
 * the connection with a log line, as the BEAM kills it.  The
 * tags are OTP's (erl_dist_protocol): SEND 2, REG_SEND 6, LINK 1, EXIT 3,
 * EXIT2 8, MONITOR_P 19, DEMONITOR_P 20, MONITOR_P_EXIT 21, SEND_SENDER 22,
 * PAYLOAD_EXIT 24, PAYLOAD_EXIT2 26, PAYLOAD_MONITOR_P_EXIT 28,
 * ALIAS_SEND 33, UNLINK_ID 35, UNLINK_ID_ACK 36, and the _TT variants
 * (their trace token is ignored). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dist_internal.h"

enum {
    CTL_LINK = 1, CTL_SEND = 2, CTL_EXIT = 3, CTL_UNLINK = 4, CTL_REG_SEND = 6, CTL_GROUP_LEADER = 7,
    CTL_EXIT2 = 8, CTL_SEND_TT = 12, CTL_EXIT_TT = 13, CTL_REG_SEND_TT = 16, CTL_EXIT2_TT = 18,
    CTL_MONITOR_P = 19, CTL_DEMONITOR_P = 20, CTL_MONITOR_P_EXIT = 21, CTL_SEND_SENDER = 22,
    CTL_SEND_SENDER_TT = 23, CTL_PAYLOAD_EXIT = 24, CTL_PAYLOAD_EXIT_TT = 25, CTL_PAYLOAD_EXIT2 = 26,
    CTL_PAYLOAD_EXIT2_TT = 27, CTL_PAYLOAD_MONITOR_P_EXIT = 28, CTL_ALIAS_SEND = 33, CTL_ALIAS_SEND_TT = 34,
    CTL_UNLINK_ID = 35, CTL_UNLINK_ID_ACK = 36, CTL_SPAWN_REQUEST = 29, CTL_SPAWN_REQUEST_TT = 30,
    CTL_SPAWN_REPLY = 31, CTL_SPAWN_REPLY_TT = 32,
};


/* A control tuple {tag, a, b, ...} from borrowed terms. */
static term ctl(int tag, uint32_t n, ...)
{
    term t = term_tuple_new(n + 1);
    term_tuple_init(t, 0, term_small(tag));
    va_list ap;
    va_start(ap, n);
    for (uint32_t i = 0; i < n; i++) term_tuple_init(t, i + 1, term_retain(va_arg(ap, term)));
    va_end(ap);
    return t;
}

static term node_of(term x)
{
    if (term_is_pid(x)) return term_pid_ptr(x)->node;
    if (term_is_tuple(x) && term_tuple_arity(x) == 2) return term_tuple_get(x, 1);
    return TERM_NONE;
}

/* The connection to node, starting one if needed; NULL if unreachable. */
static dist_conn *conn_for(dist *d, term node)
{
    if (!d->started || !term_is_atom(node) || node == d->node) return NULL;
    return dist_connect(d, node);
}

static void emit(dist *d, term node, term control, term payload)
{
    dist_conn *c = conn_for(d, node);
    if (c) dist_conn_send_frame(c, control, payload);
    term_release(control);
    term_release(payload);
}

/* ---- the VM's hooks ---- */

static bool op_is_remote_node(void *ctx, term node)
{
    dist *d = ctx;
    return d->started && node != d->node;
}

static void op_send(void *ctx, term from, term to, term msg)
{
    dist *d = ctx;
    term control = from != TERM_NONE ? ctl(CTL_SEND_SENDER, 2, from, to) : ctl(CTL_SEND, 2, TERM_NIL, to);
    if (from == TERM_NONE) { /* SEND's unused field is the empty atom '' */
        term_tuple_init(control, 1, term_atom(""));
    }
    emit(d, term_pid_ptr(to)->node, control, msg);
}

static void op_reg_send(void *ctx, term from, term name, term node, term msg)
{
    dist *d = ctx;
    term f = from != TERM_NONE ? from : term_atom("");
    emit(d, node, ctl(CTL_REG_SEND, 3, f, term_atom(""), name), msg);
}

static void op_alias_send(void *ctx, term from, term alias, term msg)
{
    dist *d = ctx;
    emit(d, term_ref_ptr(alias)->node, ctl(CTL_ALIAS_SEND, 2, from, alias), msg);
}

static bool op_connected(void *ctx, term node)
{
    dist *d = ctx;
    return d->started && term_is_atom(node) && dist_find_conn(d, node) != NULL;
}

static bool op_busy(void *ctx, term node, term suspend)
{
    dist *d = ctx;
    if (!d->started || !term_is_atom(node) || node == d->node) return false;
    dist_conn *c = dist_find_conn(d, node);
    return c && dist_conn_busy(c, suspend);
}

/* ---- spawn requests ----
 * The requester keeps {ref, from, reply_mode, tag, link} until the
 * SPAWN_REPLY comes; reply_mode says which outcomes become a message
 * ({Tag, Ref, ok, Pid} / {Tag, Ref, error, Reason}), as
 * erlang:spawn_request/5's {reply, ...} option does. */

static void reply_to_requester(dist *d, term req, term result, bool ok)
{
    term ref = term_tuple_get(req, 0), from = term_tuple_get(req, 1), mode = term_tuple_get(req, 2);
    term tag = term_tuple_get(req, 3);
    bool send = mode == term_atom("yes") || (ok && mode == term_atom("success_only")) ||
                (!ok && mode == term_atom("error_only"));
    if (!send) return;
    term msg = term_tuple_new(4);
    term_tuple_init(msg, 0, term_retain(tag));
    term_tuple_init(msg, 1, term_retain(ref));
    term_tuple_init(msg, 2, term_atom(ok ? "ok" : "error"));
    term_tuple_init(msg, 3, term_retain(result));
    vm_send(d->rt, from, msg);
}

/* Takes the pending request with ref out of the list (owned), or NONE. */
static term take_request(dist *d, term ref)
{
    term found = TERM_NONE, kept = TERM_NIL;
    for (term l = d->spawn_requests; term_is_cons(l); l = term_tail(l)) {
        term r = term_head(l);
        if (found == TERM_NONE && term_exact_equal(term_tuple_get(r, 0), ref)) found = term_retain(r);
        else kept = term_cons_new(term_retain(r), kept);
    }
    term_release(d->spawn_requests);
    d->spawn_requests = kept;
    return found;
}

static void op_spawn_request(void *ctx, term node, term ref, term from, term gl, term m, term f, term args, term opts)
{
    dist *d = ctx;
    term mode = term_atom("yes"), tag = term_atom("spawn_reply"), remote_opts = TERM_NIL;
    bool link = false;
    for (term l = opts; term_is_cons(l); l = term_tail(l)) {
        term o = term_head(l);
        if (o == term_atom("link")) link = true;
        if (o == term_atom("link") || o == term_atom("monitor") ||
            (term_is_tuple(o) && term_tuple_arity(o) == 2 && term_tuple_get(o, 0) == term_atom("monitor")))
            remote_opts = term_cons_new(term_is_tuple(o) ? term_atom("monitor") : o, remote_opts);
        if (term_is_tuple(o) && term_tuple_arity(o) == 2 && term_tuple_get(o, 0) == term_atom("reply"))
            mode = term_tuple_get(o, 1);
        if (term_is_tuple(o) && term_tuple_arity(o) == 2 && term_tuple_get(o, 0) == term_atom("reply_tag"))
            tag = term_tuple_get(o, 1);
    }
    term req = term_tuple_new(5);
    term_tuple_init(req, 0, term_retain(ref));
    term_tuple_init(req, 1, term_retain(from));
    term_tuple_init(req, 2, mode);
    term_tuple_init(req, 3, term_retain(tag));
    term_tuple_init(req, 4, term_bool(link));
    dist_conn *c = conn_for(d, node);
    if (!c) {
        vm_dist_cancel_monitor(d->rt, from, ref);
        reply_to_requester(d, req, term_atom("noconnection"), false);
        term_release(req);
        term_release(remote_opts);
        return;
    }
    d->spawn_requests = term_cons_new(req, d->spawn_requests);
    intptr_t arity = term_list_length(args);
    term mfa = term_tuple3(term_retain(m), term_retain(f), term_small(arity < 0 ? 0 : arity));
    term control = term_tuple_new(6);
    term_tuple_init(control, 0, term_small(CTL_SPAWN_REQUEST));
    term_tuple_init(control, 1, term_retain(ref));
    term_tuple_init(control, 2, term_retain(from));
    term_tuple_init(control, 3, term_retain(gl));
    term_tuple_init(control, 4, mfa);
    term_tuple_init(control, 5, remote_opts);
    dist_conn_send_frame(c, control, args);
    term_release(control);
}

static void op_link(void *ctx, term from, term to)
{
    dist *d = ctx;
    emit(d, node_of(to), ctl(CTL_LINK, 2, from, to), TERM_NONE);
}

static void op_unlink(void *ctx, term from, term to)
{
    dist *d = ctx;
    dist_conn *c = dist_find_conn(d, node_of(to));
    if (!c) return;
    term id = term_int_from_u64(++c->unlink_id);
    emit(d, node_of(to), ctl(CTL_UNLINK_ID, 3, id, from, to), TERM_NONE);
}

static void op_exit(void *ctx, term from, term to, term reason, bool link_exit)
{
    dist *d = ctx;
    /* the reason travels as the payload (DFLAG_EXIT_PAYLOAD) */
    emit(d, node_of(to), ctl(link_exit ? CTL_PAYLOAD_EXIT : CTL_PAYLOAD_EXIT2, 2, from, to), term_retain(reason));
}

/* `to` is a remote pid, or {name, node} */
static void op_monitor(void *ctx, term from, term to, term ref)
{
    dist *d = ctx;
    term target = term_is_pid(to) ? to : term_tuple_get(to, 0);
    term node = node_of(to);
    if (!conn_for(d, node)) {
        /* unreachable: the monitor fires at once */
        vm_dist_monitor_exit_in(d->rt, to, from, ref, term_atom("noconnection"));
        return;
    }
    emit(d, node, ctl(CTL_MONITOR_P, 3, from, target, ref), TERM_NONE);
}

static void op_demonitor(void *ctx, term from, term to, term ref)
{
    dist *d = ctx;
    term target = term_is_pid(to) ? to : term_tuple_get(to, 0);
    if (!dist_find_conn(d, node_of(to))) return;
    emit(d, node_of(to), ctl(CTL_DEMONITOR_P, 3, from, target, ref), TERM_NONE);
}

static void op_monitor_exit(void *ctx, term from, term to, term ref, term reason)
{
    dist *d = ctx;
    if (!dist_find_conn(d, node_of(to))) return;
    emit(d, node_of(to), ctl(CTL_PAYLOAD_MONITOR_P_EXIT, 3, from, to, ref), term_retain(reason));
}


static void op_flush(void *ctx) { dist_flush(ctx); }

void dist_install_ops(dist *d)
{
    vm_dist_ops ops = {
        .ctx = d,
        .is_remote_node = op_is_remote_node,
        .send = op_send,
        .reg_send = op_reg_send,
        .link = op_link,
        .unlink = op_unlink,
        .exit = op_exit,
        .monitor = op_monitor,
        .demonitor = op_demonitor,
        .monitor_exit = op_monitor_exit,
        .alias_send = op_alias_send,
        .spawn_request = op_spawn_request,
        .busy = op_busy,
        .connected = op_connected,
        .flush = op_flush,
    };
    vm_set_dist(d->rt, &ops);
}

/* ---- incoming ---- */

static bool is_pid(term t) { return term_is_pid(t); }

static term field(term t, uint32_t i) { return i < term_tuple_arity(t) ? term_tuple_get(t, i) : TERM_NONE; }

/* Logs a control message the protocol does not define, in the BEAM's
 * words (erts dist.c: the term, cut at 200 characters). */
static void log_invalid(dist *d, term control)
{
    term_inspect_opts o;
    term_inspect_opts_init(&o);
    o.pretty = false;
    size_t len;
    char *text = term_inspect(control, &o, &len);
    char line[260];
    snprintf(line, sizeof line, "Invalid distribution message: %.200s", text);
    free(text);
    dist_log_error(d, line);
}

/* Dispatches one control message (payload may be TERM_NONE); false when it
 * is malformed or not one of the protocol's (the BEAM kills the
 * connection then). */
static bool dispatch(dist_conn *c, term control, term payload)
{
    vm_runtime *rt = c->d->rt;
    if (!term_is_tuple(control) || term_tuple_arity(control) < 1 || !term_is_small(term_tuple_get(control, 0)))
        return false;
    intptr_t tag = term_small_value(term_tuple_get(control, 0));
    term a = field(control, 1), b = field(control, 2), x = field(control, 3);
    switch (tag) {
    case CTL_SEND: case CTL_SEND_TT: case CTL_SEND_SENDER: case CTL_SEND_SENDER_TT:
        if (payload == TERM_NONE || !is_pid(b)) return false;
        vm_send(rt, b, term_retain(payload));
        return true;
    case CTL_REG_SEND: case CTL_REG_SEND_TT: {
        if (payload == TERM_NONE || !term_is_atom(x)) return false;
        /* a registered name of this node; unknown names drop the message */
        vm_send_registered(rt, x, term_retain(payload));
        return true;
    }
    case CTL_ALIAS_SEND: case CTL_ALIAS_SEND_TT: {
        if (payload == TERM_NONE || !term_is_ref(b)) return false;
        vm_send_alias(rt, b, term_retain(payload));
        return true;
    }
    case CTL_LINK:
        if (!is_pid(a) || !is_pid(b)) return false;
        vm_dist_link_in(rt, a, b);
        return true;
    case CTL_UNLINK:
        if (!is_pid(a) || !is_pid(b)) return false;
        vm_dist_unlink_in(rt, a, b);
        return true;
    case CTL_UNLINK_ID:
        /* {35, Id, From, To}: unlink, then acknowledge */
        if (!is_pid(b) || !is_pid(x)) return false;
        vm_dist_unlink_in(rt, b, x);
        term ack = ctl(CTL_UNLINK_ID_ACK, 3, a, x, b);
        dist_conn_send_frame(c, ack, TERM_NONE);
        term_release(ack);
        return true;
    case CTL_UNLINK_ID_ACK:
        return true;
    case CTL_EXIT: case CTL_EXIT_TT: case CTL_EXIT2: case CTL_EXIT2_TT: {
        if (!is_pid(a) || !is_pid(b)) return false;
        term reason = field(control, tag == CTL_EXIT_TT || tag == CTL_EXIT2_TT ? 4 : 3);
        if (reason == TERM_NONE) return false;
        vm_dist_exit_in(rt, a, b, reason, tag == CTL_EXIT || tag == CTL_EXIT_TT);
        return true;
    }
    case CTL_PAYLOAD_EXIT: case CTL_PAYLOAD_EXIT_TT: case CTL_PAYLOAD_EXIT2: case CTL_PAYLOAD_EXIT2_TT:
        if (!is_pid(a) || !is_pid(b) || payload == TERM_NONE) return false;
        vm_dist_exit_in(rt, a, b, payload, tag == CTL_PAYLOAD_EXIT || tag == CTL_PAYLOAD_EXIT_TT);
        return true;
    case CTL_MONITOR_P:
        if (!is_pid(a) || !term_is_ref(x) || (!is_pid(b) && !term_is_atom(b))) return false;
        vm_dist_monitor_in(rt, a, b, x);
        return true;
    case CTL_DEMONITOR_P:
        if (!term_is_ref(x)) return false;
        vm_dist_demonitor_in(rt, a, b, x);
        return true;
    case CTL_MONITOR_P_EXIT: case CTL_PAYLOAD_MONITOR_P_EXIT: {
        term reason = tag == CTL_MONITOR_P_EXIT ? field(control, 4) : payload;
        if (!is_pid(b) || !term_is_ref(x) || reason == TERM_NONE) return false;
        vm_dist_monitor_exit_in(rt, a, b, x, reason);
        return true;
    }
    case CTL_GROUP_LEADER:
        return true;
    case CTL_SPAWN_REQUEST: case CTL_SPAWN_REQUEST_TT: {
        /* {29, ReqId, From, GroupLeader, {M, F, Arity}, Opts} + Args */
        term req = a, from = b, gl = x, mfa = field(control, 4), opts = field(control, 5);
        if (!term_is_ref(req) || !is_pid(from) || !is_pid(gl) || !term_is_tuple(mfa) || term_tuple_arity(mfa) != 3 ||
            payload == TERM_NONE || term_list_length(payload) < 0 || !term_is_list(opts))
            return false;
        bool link = false, monitor = false;
        for (term l = opts; term_is_cons(l); l = term_tail(l)) {
            if (term_head(l) == term_atom("link")) link = true;
            if (term_head(l) == term_atom("monitor")) monitor = true;
        }
        term pid = vm_dist_spawn_in(rt, from, gl, term_tuple_get(mfa, 0), term_tuple_get(mfa, 1), payload, req, link,
                                    monitor);
        term result = pid != TERM_NONE ? pid : term_atom("badarg");
        term flags = term_small((link && pid != TERM_NONE ? 1 : 0) | (monitor && pid != TERM_NONE ? 2 : 0));
        term reply = ctl(CTL_SPAWN_REPLY, 4, req, from, flags, result);
        dist_conn_send_frame(c, reply, TERM_NONE);
        term_release(reply);
        /* the reply leaves before the new process runs, as the BEAM's
         * does: what the process sends (a line printed through the
         * caller's group leader) comes after it, so the caller usually
         * prints the pid before the line, as iex does */
        dist_flush(c->d);
        return true;
    }
    case CTL_SPAWN_REPLY: case CTL_SPAWN_REPLY_TT: {
        /* {31, ReqId, To, Flags, Result} */
        term req = take_request(c->d, a);
        if (req == TERM_NONE) return true;
        term result = field(control, 4);
        bool ok = is_pid(result);
        if (ok && term_tuple_get(req, 4) == TERM_TRUE) {
            vm_dist_link_local(rt, term_tuple_get(req, 1), result);
        }
        if (!ok) vm_dist_cancel_monitor(rt, term_tuple_get(req, 1), a);
        reply_to_requester(c->d, req, result, ok);
        term_release(req);
        return true;
    }
    default:
        return false;
    }
}

void dist_handle_frame(dist_conn *c, const uint8_t *data, size_t len, term owner)
{
    if (len < 1 || data[0] != 112) {
        dist_log_error(c->d, "** ciex: malformed distribution message (no pass-through header); connection closed **");
        dist_conn_close(c, "malformed");
        return;
    }
    term control, payload = TERM_NONE;
    size_t used;
    etf_decode_opts dopts = {.fun_hook = dist_fun_from_wire, .fun_hook_ctx = c->d, .owner = owner};
    if (etf_decode_with(data + 1, len - 1, &control, &used, &dopts) != ETF_OK) {
        dist_log_error(c->d, "** ciex: malformed control message; connection closed **");
        dist_conn_close(c, "malformed");
        return;
    }
    size_t rest = len - 1 - used;
    if (rest > 0 && etf_decode_with(data + 1 + used, rest, &payload, NULL, &dopts) != ETF_OK) {
        term_release(control);
        dist_log_error(c->d, "** ciex: malformed message payload; connection closed **");
        dist_conn_close(c, "malformed");
        return;
    }
    if (c->d->trace) dist_trace_frame(c, false, control, payload);
    bool ok = dispatch(c, control, payload);
    if (!ok) log_invalid(c->d, control);
    term_release(control);
    term_release(payload);
    if (!ok) dist_conn_close(c, "invalid");
}

/* ---- nodes coming and going ---- */

/* The nodedown_reason OTP gives for why dist_conn_close was called. */
static term nodedown_reason(const char *why)
{
    if (strcmp(why, "disconnect") == 0) return term_atom("disconnect");
    if (strcmp(why, "net_tick_timeout") == 0) return term_atom("net_tick_timeout");
    return term_atom("connection_closed");
}

/* The message one subscription gets for c going up or down, or TERM_NONE
 * when the subscription does not cover c's kind of node. */
static term node_monitor_message(dist *d, term opts, const char *what, dist_conn *c, term reason)
{
    bool hidden = !(c->peer_flags & DFLAG_PUBLISHED) || d->hidden;
    if (opts == term_atom("ciex_all")) return term_tuple2(term_atom(what), c->node);
    if (!term_is_map(opts)) return hidden ? TERM_NONE : term_tuple2(term_atom(what), c->node);
    term type = term_map_get(opts, term_atom("node_type"));
    if (type == TERM_NONE) type = term_atom("visible");
    if ((type == term_atom("visible") && hidden) || (type == term_atom("hidden") && !hidden)) return TERM_NONE;
    bool down = strcmp(what, "nodedown") == 0;
    term keys[3] = {term_atom("connection_id"), term_atom("nodedown_reason"), term_atom("node_type")};
    term values[3] = {term_small(c->index), reason, term_atom(hidden ? "hidden" : "visible")};
    bool wanted[3] = {term_map_get(opts, keys[0]) == TERM_TRUE, down && term_map_get(opts, keys[1]) == TERM_TRUE,
                      term_map_get(opts, keys[2]) != TERM_NONE};
    term info;
    if (term_map_get(opts, term_atom("list")) == TERM_TRUE) {
        info = TERM_NIL;
        for (int i = 2; i >= 0; i--)
            if (wanted[i]) info = term_cons_new(term_tuple2(keys[i], values[i]), info);
    } else {
        info = term_map_new(3);
        for (int i = 0; i < 3; i++)
            if (wanted[i]) info = term_map_put(info, keys[i], values[i]);
    }
    term msg = term_tuple3(term_atom(what), c->node, info);
    return msg;
}

static void tell_node_monitors(dist *d, const char *what, dist_conn *c, term reason)
{
    for (term l = d->node_monitors; term_is_cons(l); l = term_tail(l)) {
        term sub = term_head(l);
        term msg = node_monitor_message(d, term_tuple_get(sub, 1), what, c, reason);
        if (msg != TERM_NONE) vm_send(d->rt, term_tuple_get(sub, 0), msg);
    }
}

void dist_node_up(dist *d, dist_conn *c)
{
    if (d->trace) dist_trace_node(c, true, NULL);
    tell_node_monitors(d, "nodeup", c, TERM_NONE);
}

/* In the BEAM's order: links break, erlang:monitor_node watchers get one
 * {:nodedown, node} each, monitors fire, then net_kernel:monitor_nodes
 * subscribers hear of it. */
void dist_node_down(dist *d, dist_conn *c, const char *why)
{
    term node = c->node;
    if (d->trace) dist_trace_node(c, false, why);
    vm_dist_node_links_down(d->rt, node);
    term kept = TERM_NIL;
    for (term l = d->node_watchers; term_is_cons(l); l = term_tail(l)) {
        term w = term_head(l);
        if (term_tuple_get(w, 1) == node) vm_send(d->rt, term_tuple_get(w, 0), term_tuple2(term_atom("nodedown"), node));
        else kept = term_cons_new(term_retain(w), kept);
    }
    term_release(d->node_watchers);
    d->node_watchers = kept;
    vm_dist_node_monitors_down(d->rt, node);
    tell_node_monitors(d, "nodedown", c, nodedown_reason(why));
}
