#!/usr/bin/env bash
# Makes a throw-away PKI for the TLS distribution tests in DIR:
#   ca.pem              the cluster's CA
#   node.pem node.key   a node certificate from it, for HOST (DNS), localhost
#                       and 127.0.0.1
#   other.pem other.key a node certificate from another CA (other_ca.pem)
#   expired.pem         node.key's certificate from ca.pem, expired yesterday
#   elsewhere.pem       node.key's certificate from ca.pem for another host
#   secret.pem secret.key  a certificate whose key is encrypted (password
#                       in password.txt)
# and OTP optfiles (file:consult terms) using them, all trusting ca.pem:
#   tls.conf            both sides verify_peer, fail_if_no_peer_cert
#   tls13.conf          the same, TLS 1.3 only
#   foreign.conf        the same with other.pem (from the other CA)
#   expired.conf        the same with expired.pem
#   elsewhere.conf      the same with elsewhere.pem
#   nocert.conf         a client that verifies the server but has no certificate
#   password.conf       tls.conf with secret.pem and its password
# Usage: make_certs.sh DIR HOST
set -eu
dir=$1 host=$2
mkdir -p "$dir" && cd "$dir"
q() { "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; "$@"; exit 1; }; }
ca() { # ca NAME: a self-signed CA
    q openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.pem" -days 2 -subj "/CN=$1"
}
cert() { # cert NAME KEY CA DAYS [HOST]: a certificate for the host, signed by CA
    local for=${5:-$host}
    [ -f "$2.key" ] || q openssl genrsa -out "$2.key" 2048
    q openssl req -new -key "$2.key" -passin file:password.txt -out "$1.csr" -subj "/CN=$for"
    if [ "$for" = "$host" ]; then
        printf 'subjectAltName=DNS:%s,DNS:localhost,IP:127.0.0.1\n' "$host" >san.ext
    else
        printf 'subjectAltName=DNS:%s\n' "$for" >san.ext
    fi
    q openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -set_serial "$RANDOM" -days "$4" \
        -extfile san.ext -out "$1.pem"
}
echo "s3cret-$RANDOM" >password.txt
ca ca
ca other_ca
cert node node ca 2
cert other other other_ca 2
cert expired node ca -1
cert elsewhere node ca 2 elsewhere.example
q openssl genrsa -aes256 -passout file:password.txt -out secret.key 2048
cert secret secret ca 2
conf() { # conf NAME CERT KEY [VERSIONS]
    # OTP refuses secure_renegotiate (a TLS 1.2 option) with TLS 1.3 alone
    local v=", {secure_renegotiate, true}"
    [ -n "${4:-}" ] && v=", {versions, [$4]}"
    cat >"$1.conf" <<CONF
% written by make_certs.sh
[{server, [{certfile, "$dir/$2"}, {keyfile, "$dir/$3"}, {cacertfile, "$dir/ca.pem"},
           {verify, verify_peer}, {fail_if_no_peer_cert, true}$v]},
 {client, [{certfile, "$dir/$2"}, {keyfile, "$dir/$3"}, {cacertfile, "$dir/ca.pem"},
           {verify, verify_peer}$v]}].
CONF
}
conf tls node.pem node.key
conf tls13 node.pem node.key "'tlsv1.3'"
conf foreign other.pem other.key
conf expired expired.pem node.key
conf elsewhere elsewhere.pem node.key
sed "s|node.pem|secret.pem|g; s|node.key\"}|secret.key\"}, {password, \"$(cat password.txt)\"}|g" tls.conf >password.conf
cat >nocert.conf <<CONF
[{server, [{certfile, "$dir/node.pem"}, {keyfile, "$dir/node.key"}, {cacertfile, "$dir/ca.pem"},
           {verify, verify_peer}, {fail_if_no_peer_cert, true}]},
 {client, [{cacertfile, "$dir/ca.pem"}, {verify, verify_peer}]}].
CONF
