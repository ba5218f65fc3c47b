#!/usr/bin/env bash
# TLS distribution's settings are checked when the node starts: a file
# that cannot be read, a malformed option file, a wrong password are each
# a clear error naming the file, the node does not start, and no secret
# (the password, a private key) is printed.  A right password starts it.
# Usage: startup.sh CIEX
set -u
ciex=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pki=$work/pki
mkdir "$pki" && "$(dirname "$0")/make_certs.sh" "$pki" "$(hostname -s)" || exit 1
password=$(cat "$pki/password.txt")
fail=0
# expect NAME EXIT-STATUS EXPECTED-FIRST-LINE ERL-SWITCHES (a usage error
# prints the usage after its line)
expect() {
    local out status
    out=$(timeout 30 "$ciex" --sname "tls_$1" --erl "$4" -e 'IO.puts("started")' 2>&1 </dev/null)
    status=$?
    if [ "$status" != "$2" ] || [ "$(printf '%s\n' "$out" | head -1)" != "$3" ]; then
        printf '%s: expected status %s and\n%s\ngot status %s and\n%s\n\n' "$1" "$2" "$3" "$status" "$out"
        fail=1
    fi
    if printf '%s' "$out" | grep -qF -e "$password" -e "PRIVATE KEY"; then
        echo "$1: a secret was printed"; fail=1
    fi
}
tls="-proto_dist inet_tls"
conf() { printf '%s\n' "$2" >"$work/$1.conf"; echo "$work/$1.conf"; }

expect password 0 "started" "$tls -ssl_dist_optfile $pki/password.conf"
f=$(conf wrong "[{server, [{certfile, \"$pki/secret.pem\"}, {keyfile, \"$pki/secret.key\"}, {password, \"not-$password\"}]}].")
expect wrong_password 1 "ciex: cannot start distribution: the TLS key file $pki/secret.key: bad decrypt (a wrong or missing password?)" \
    "$tls -ssl_dist_optfile $f"
f=$(conf nopass "[{server, [{certfile, \"$pki/secret.pem\"}, {keyfile, \"$pki/secret.key\"}]}].")
expect no_password 1 "ciex: cannot start distribution: the TLS key file $pki/secret.key: bad decrypt (a wrong or missing password?)" \
    "$tls -ssl_dist_optfile $f"
f=$(conf nocert "[{server, [{certfile, \"$work/missing.pem\"}]}].")
expect missing_cert 1 "ciex: cannot start distribution: cannot read the TLS certificate file $work/missing.pem: No such file or directory" \
    "$tls -ssl_dist_optfile $f"
expect missing_key 1 "ciex: cannot start distribution: cannot read the TLS key file $work/missing.key: No such file or directory" \
    "$tls -ssl_dist_opt server_certfile $pki/node.pem server_keyfile $work/missing.key"
expect missing_ca 1 "ciex: cannot start distribution: cannot read the TLS CA certificate file $work/ca.pem: No such file or directory" \
    "$tls -ssl_dist_opt server_certfile $pki/node.pem server_keyfile $pki/node.key client_cacertfile $work/ca.pem"
expect other_key 1 "ciex: cannot start distribution: the TLS key file $pki/other.key: key values mismatch (the key is not the certificate's)" \
    "$tls -ssl_dist_opt server_certfile $pki/node.pem server_keyfile $pki/other.key"
expect no_optfile 1 "ciex: cannot start distribution: cannot read the TLS option file $work/none.conf: No such file or directory" \
    "$tls -ssl_dist_optfile $work/none.conf"
f=$(conf syntax "[{server, [{certfile, \"$pki/node.pem\"}
  {keyfile, \"$pki/node.key\"}]}].")
expect syntax 1 "ciex: cannot start distribution: the TLS option file $f: line 2: syntax error before: {keyfile" \
    "$tls -ssl_dist_optfile $f"
f=$(conf shape "{server, []}.")
expect shape 1 "ciex: cannot start distribution: the TLS option file $f: expected one term, [{server, Options}, {client, Options}]" \
    "$tls -ssl_dist_optfile $f"
f=$(conf verify "[{client, [{verify, verify_maybe}]}].")
expect bad_verify 1 "ciex: cannot start distribution: the TLS option file $f: client option verify: not verify_peer or verify_none" \
    "$tls -ssl_dist_optfile $f"
f=$(conf version "[{server, [{versions, ['tlsv1.1']}]}].")
expect old_version 1 "ciex: cannot start distribution: the TLS option file $f: server option versions: only 'tlsv1.2' and 'tlsv1.3' are supported" \
    "$tls -ssl_dist_optfile $f"
expect no_server_cert 1 "ciex: cannot start distribution: the TLS server options have no certfile" "$tls"
expect unknown_proto 1 "ciex: --erl: -proto_dist inet6_tls: ciex has inet_tcp and inet_tls" "-proto_dist inet6_tls"
exit $fail
