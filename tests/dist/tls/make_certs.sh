#!/usr/bin/env bash
# Makes a throw-away PKI for the TLS distribution tests in DIR:
#   ca.pem              the cluster's CA
#   node.pem node.key   a node certificate from it, for HOST (DNS), localhost
#                       and 127.0.0.1
#   other.pem other.key a node certificate from another CA (other_ca.pem)
#   expired.pem         node.key's certificate from ca.pem, expired yesterday
# and OTP optfiles (file:consult terms) using them:
#   tls.conf            both sides verify_peer, fail_if_no_peer_cert
#   other.conf          the same with other.pem (from the other CA)
#   expired.conf        the same with expired.pem
#   nocert.conf         a client that verifies the server but has no certificate
# Usage: make_certs.sh DIR HOST
set -eu
dir=$1 host=$2
cd "$dir"
q() { "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; "$@"; exit 1; }; }
ca() { # ca NAME: a self-signed CA
    q openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.pem" -days 2 -subj "/CN=$1"
}
cert() { # cert NAME KEY CA DAYS: a certificate for the host, signed by CA
    [ -f "$2.key" ] || q openssl genrsa -out "$2.key" 2048
    q openssl req -new -key "$2.key" -out "$1.csr" -subj "/CN=$host"
    printf 'subjectAltName=DNS:%s,DNS:localhost,IP:127.0.0.1\n' "$host" >san.ext
    q openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -set_serial "$RANDOM" -days "$4" \
        -extfile san.ext -out "$1.pem"
}
ca ca
ca other_ca
cert node node ca 2
cert other other other_ca 2
cert expired node ca -1
conf() { # conf NAME CERT KEY CA
    cat >"$1.conf" <<CONF
[{server, [{certfile, "$dir/$2"}, {keyfile, "$dir/$3"}, {cacertfile, "$dir/$4"},
           {verify, verify_peer}, {fail_if_no_peer_cert, true}, {secure_renegotiate, true}]},
 {client, [{certfile, "$dir/$2"}, {keyfile, "$dir/$3"}, {cacertfile, "$dir/$4"},
           {verify, verify_peer}, {secure_renegotiate, true}]}].
CONF
}
conf tls node.pem node.key ca.pem
conf other other.pem other.key other_ca.pem
conf expired expired.pem node.key ca.pem
cat >nocert.conf <<CONF
[{server, [{certfile, "$dir/node.pem"}, {keyfile, "$dir/node.key"}, {cacertfile, "$dir/ca.pem"},
           {verify, verify_peer}, {fail_if_no_peer_cert, true}]},
 {client, [{cacertfile, "$dir/ca.pem"}, {verify, verify_peer}]}].
CONF
