#!/usr/bin/env python3
"""Hostile clients of an EPMD: ciex's own, or OTP's epmd for comparison.

The same attacks, and the same expectations (what OTP's epmd does), run
against either daemon:

1. 300 connections that never send a byte: a node still starts and
   registers within a few seconds, PORT_PLEASE2 and NAMES each answer
   within 250 ms, and the EPMD closes every idle connection once its
   packet timeout (2 s here, epmd's -packet_timeout) is over.
2. Names as epmd validates them: a name with a NUL byte is not answered
   (the connection is closed), names of up to 255 characters (UTF-8) are
   registered, longer ones and invalid UTF-8 are refused (result 1); a
   PORT_PLEASE2 for a name with a NUL is not answered; a request longer
   than epmd's buffer is not answered.
3. 1,000 registered names: NAMES answers within 500 ms, every name,
   newest first as epmd lists them.

Usage: epmd.py CIEX KIND   (KIND: ciex or epmd)
Loopback only; everything started is stopped at the end.
"""
import os
import shutil
import socket
import struct
import subprocess
import sys
import time

IDLE = 300
NAMES = 1000
PACKET_TIMEOUT_S = 2
# OTP's epmd answers in about 2 ms; the bound leaves room for a loaded
# machine (ctest -j), not for a daemon that stalls
ANSWER_MS = 250
COOKIE = "HOSTILE-EPMD-COOKIE"


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def connect(port):
    return socket.create_connection(("127.0.0.1", port), timeout=5)


def up(port):
    try:
        connect(port).close()
        return True
    except OSError:
        return False


def recv_all(s):
    """Everything until the EPMD closes the connection."""
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            return data
        data += chunk


def alive2(port, name, high=6):
    """Registers `name` (bytes); returns (socket, reply bytes).  The
    socket is kept open: closing it unregisters the name."""
    s = connect(port)
    body = bytes([120]) + struct.pack(">HBBHHH", 5555, 77, 0, high, 5, len(name)) + name + struct.pack(">H", 0)
    s.sendall(struct.pack(">H", len(body)) + body)
    reply = b""
    while len(reply) < 6:
        chunk = s.recv(6 - len(reply))
        if not chunk:
            break
        reply += chunk
    return s, reply


def request(port, body):
    """Sends one request and reads the whole answer (the EPMD closes)."""
    with connect(port) as s:
        s.sendall(struct.pack(">H", len(body)) + body)
        return recv_all(s)


def timed(what, limit_ms, fn):
    t = time.monotonic()
    result = fn()
    ms = (time.monotonic() - t) * 1000
    if ms > limit_ms:
        fail("%s took %.0f ms (at most %d ms)" % (what, ms, limit_ms))
    return result


def names_of(answer):
    return answer[4:].decode()


def idle_connections(ciex, epmd_port, env):
    idle = [connect(epmd_port) for _ in range(IDLE)]
    opened = time.monotonic()
    host = socket.gethostname().split(".")[0]
    # a node starts: it registers with this EPMD, then says where it is
    node = timed("starting a node with %d idle EPMD connections" % IDLE, 10000, lambda: subprocess.run(
        [ciex, "--sname", "hostile_epmd_node", "--cookie", COOKIE, "-e", "IO.puts(Node.self())"],
        env=env, capture_output=True, text=True, timeout=30))
    if node.stdout.strip() != "hostile_epmd_node@" + host:
        fail("the node did not start with %d idle EPMD connections:\n%s%s" % (IDLE, node.stdout, node.stderr))
    s, reply = timed("ALIVE2", ANSWER_MS, lambda: alive2(epmd_port, b"idle_probe"))
    if reply[:2] != b"v\x00":
        fail("ALIVE2 with %d idle connections: %r" % (IDLE, reply))
    answer = timed("PORT_PLEASE2", ANSWER_MS, lambda: request(epmd_port, b"zidle_probe"))
    if answer[:4] != b"w\x00\x15\xb3":
        fail("PORT_PLEASE2 with %d idle connections: %r" % (IDLE, answer))
    answer = timed("NAMES", ANSWER_MS, lambda: request(epmd_port, b"n"))
    if names_of(answer) != "name idle_probe at port 5555\n":
        fail("NAMES with %d idle connections: %r" % (IDLE, answer))
    s.close()
    print("ok: a node registered and PORT_PLEASE2/NAMES answered with %d idle connections" % IDLE)

    # epmd closes connections inactive for its packet timeout: it checks
    # each second, in whole seconds, so up to two seconds late
    deadline = opened + PACKET_TIMEOUT_S + 5
    still_open = 0
    for c in idle:
        c.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            if c.recv(1) != b"":
                fail("the EPMD sent something on an idle connection")
        except socket.timeout:
            still_open += 1
        except ConnectionResetError:
            pass
        c.close()
    if still_open:
        fail("%d idle connections still open %d s after they were made" % (still_open, PACKET_TIMEOUT_S + 5))
    print("ok: %d idle connections closed after the packet timeout" % IDLE)


def name_rules(epmd_port):
    e_acute = "\u00e9".encode()
    cases = [  # (what, name, expected reply: b"" = closed without a word)
        ("a name", b"plain", b"v\x00"),
        ("a NUL in the name", b"nul\x00cut", b""),
        ("255 characters", b"a" * 255, b"v\x00"),
        ("256 characters", b"b" * 256, b"v\x01\x00\x00\x00c"),
        ("255 two-byte characters", e_acute * 255, b"v\x00"),
        ("256 two-byte characters", e_acute * 256, b"v\x01\x00\x00\x00c"),
        ("invalid UTF-8", b"\xff\xfe", b"v\x01\x00\x00\x00c"),
        ("1100 bytes", b"c" * 1100, b"v\x01\x00\x00\x00c"),
    ]
    kept = []
    for what, name, expected in cases:
        s, reply = alive2(epmd_port, name)
        kept.append(s)
        if reply[:len(expected)] != expected or (expected == b"" and reply != b""):
            fail("ALIVE2 with %s: %r, expected %r" % (what, reply, expected))
    answer = request(epmd_port, b"n")
    registered = names_of(answer).splitlines()
    if registered != ["name %s at port 5555" % n for n in ("\u00e9" * 255, "a" * 255, "plain")]:
        fail("registered after the name checks: %r" % registered)
    # "nul" is not a name: the name with a NUL was not cut there
    if request(epmd_port, b"znul") != b"w\x01":
        fail("PORT_PLEASE2 of the name cut at its NUL found something")
    if request(epmd_port, b"zpl\x00ain") != b"":
        fail("PORT_PLEASE2 of a name with a NUL was answered")
    if request(epmd_port, b"zplain\x00")[:4] != b"w\x00\x15\xb3":
        fail("PORT_PLEASE2 of a NUL-terminated name was not answered")
    with connect(epmd_port) as s:
        s.sendall(struct.pack(">H", 4000) + b"z" * 4000)
        try:
            if recv_all(s) != b"":
                fail("a 4000-byte request was answered")
        except ConnectionResetError:
            pass
    for s in kept:
        s.close()
    print("ok: names checked as epmd checks them")


def many_names(epmd_port):
    kept = []
    for i in range(NAMES):
        s, reply = alive2(epmd_port, b"many%d" % i)
        if reply[:2] != b"v\x00":
            fail("registering name %d: %r" % (i, reply))
        kept.append(s)
    answer = timed("NAMES with %d names" % NAMES, 2 * ANSWER_MS, lambda: request(epmd_port, b"n"))
    expected = "".join("name many%d at port 5555\n" % i for i in reversed(range(NAMES)))
    if names_of(answer) != expected:
        fail("NAMES with %d names: %d bytes, expected %d" % (NAMES, len(answer) - 4, len(expected)))
    for s in kept:
        s.close()
    print("ok: NAMES with %d names" % NAMES)


def main():
    ciex, kind = sys.argv[1], sys.argv[2]
    if kind == "epmd" and not shutil.which("epmd"):
        print("SKIPPED: epmd is not installed")
        return
    env = dict(os.environ)
    epmd_port = int(env["ERL_EPMD_PORT"])
    if kind == "epmd":
        daemon = ["epmd", "-port", str(epmd_port), "-packet_timeout", str(PACKET_TIMEOUT_S)]
    else:
        daemon = [ciex, "--epmd-foreground", "-port", str(epmd_port), "-packet_timeout", str(PACKET_TIMEOUT_S)]
    epmd = subprocess.Popen(daemon, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 10
        while not up(epmd_port):
            if time.monotonic() > deadline or epmd.poll() is not None:
                epmd.kill()
                fail("the EPMD did not start (%s): %s" % (" ".join(daemon), epmd.communicate()[1]))
            time.sleep(0.05)
        idle_connections(ciex, epmd_port, env)
        name_rules(epmd_port)
        many_names(epmd_port)
        if epmd.poll() is not None:
            fail("the EPMD is gone")
    finally:
        epmd.kill()
        epmd.wait()


if __name__ == "__main__":
    main()
