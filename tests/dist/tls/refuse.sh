#!/usr/bin/env bash
# A TLS distribution refusal: node a (server, SKIND: ciex or iex) is
# started with one option file, node b (client, CKIND) with another and
# calls Node.connect(a), which must answer false; the side that refuses
# must log why.  The log lines expected are, for a BEAM, what OTP 25's ssl
# logs (taken from two BEAM nodes), for ciex, its own (src/dist/tls.c).
# Neither side may print a private key.
#
# Usage: refuse.sh CIEX SKIND CKIND CASE, CASE one of:
#   foreign   the client's certificate is from another CA: the server refuses
#   expired   the client's certificate has expired: the server refuses
#   nocert    the client has no certificate (fail_if_no_peer_cert): the server refuses
#   plain     the client is a plain TCP node: the server refuses
#   untrusted the server's certificate is from another CA: the client refuses
#   host      the server's certificate names another host: the client refuses
#   downgrade the server is a plain TCP node: the client gets no connection
# and, as a fifth argument, `slow`: a ciex client runs under strace with a
# pause after every write, as a loaded machine deschedules a node, so that
# the server's answer (its refusal, or a plain node hanging up) is there
# before the TLS write that sent the ClientHello returns (the handshake
# fails inside the node's first write); skipped, visibly, where ptrace is
# not allowed.
set -u
ciex=$1 skind=$2 ckind=$3 case=$4 pace=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
host=$(hostname -s)
work=$(mktemp -d)
set -m
trap 'kill -- -$apid 2>/dev/null; rm -rf "$work"' EXIT
mkdir "$work/pki" && "$here/make_certs.sh" "$work/pki" "$host" || exit 1

# server conf, client conf ("" = plain TCP), refusing side, its line for ciex / for iex
case $case in
foreign) set -- tls foreign a "failed: certificate verify failed (unable to get local issuer certificate)" "generated SERVER ALERT: Fatal - Unknown CA" ;;
expired) set -- tls expired a "failed: certificate verify failed (certificate has expired)" "generated SERVER ALERT: Fatal - Certificate Expired" ;;
nocert) set -- tls nocert a "failed: peer did not return a certificate" " - :no_client_certificate_provided" ;;
plain) set -- tls "" a "(not TLS: a node without -proto_dist inet_tls?)" " - {:unsupported_record_type, 0}" ;;
untrusted) set -- foreign tls b "failed: certificate verify failed (unable to get local issuer certificate)" "generated CLIENT ALERT: Fatal - Unknown CA" ;;
host) set -- elsewhere tls b "failed: certificate verify failed (hostname mismatch)" " - {:bad_cert, :hostname_check_failed}" ;;
# (the plain node waits for the rest of what it takes for a 5635-byte
# handshake message: either side's set-up time ends it)
downgrade) set -- "" tls b "(is it a TLS node?)" "" ;;
*) echo "unknown case $case"; exit 2 ;;
esac
sconf=$1 cconf=$2 refuser=$3
if [ "$( [ "$refuser" = a ] && echo "$skind" || echo "$ckind")" = ciex ]; then line=$4; else line=$5; fi

start() { # start KIND NAME CONF SCRIPT OUT
    local erl=()
    [ -n "$3" ] && erl=(--erl "-proto_dist inet_tls -ssl_dist_optfile $work/pki/$3.conf")
    if [ "$1" = iex ]; then
        if ! command -v elixir >/dev/null; then echo "SKIPPED: elixir is not installed"; exit 0; fi
        exec timeout 60 elixir --sname "$2" --cookie C "${erl[@]}" "$4" >"$5" 2>&1
    else
        exec timeout 60 "${wrap[@]}" "$ciex" --sname "$2" --cookie C "${erl[@]}" --script "$4" >"$5" 2>&1
    fi
}
wrap=()
client_wrap=()
if [ "$pace" = slow ] && [ "$ckind" = ciex ]; then
    # (LeakSanitizer cannot run under ptrace)
    client_wrap=(env ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e trace=write,sendto
                 -e inject=write:delay_exit=300000 -e inject=sendto:delay_exit=300000)
    "${client_wrap[@]}" true 2>/dev/null || { echo "SKIPPED: cannot run under strace here"; exit 0; }
fi
start "$skind" a "$sconf" "$here/refuse.server.exs" "$work/a.out" &
apid=$!
disown $apid # killed at the end: no job report
for _ in $(seq 200); do
    grep -q READY "$work/a.out" 2>/dev/null && break
    kill -0 $apid 2>/dev/null || break
    sleep 0.1
done
grep -q READY "$work/a.out" || { echo "node a never became ready:"; cat "$work/a.out"; exit 1; }
(wrap=("${client_wrap[@]}"); start "$ckind" b "$cconf" "$here/refuse.client.exs" "$work/b.out")
# the refusing server's log line may come after the client has given up
refused=$work/$refuser.out
for _ in $(seq 150); do
    grep -qF -- "$line" "$refused" && break
    sleep 0.1
done
fail=0
if ! grep -qx 'connect: false' "$work/b.out" || ! grep -qx 'nodes: \[\]' "$work/b.out"; then
    echo "node b was not refused:"; fail=1
fi
if ! grep -qF -- "$line" "$refused"; then
    echo "node $refuser did not log: $line"; fail=1
fi
if grep -q "PRIVATE KEY" "$work/a.out" "$work/b.out"; then
    echo "a private key was printed"; fail=1
fi
if [ $fail = 1 ]; then
    for n in a b; do echo "--- node $n:"; cat "$work/$n.out"; done
fi
exit $fail
