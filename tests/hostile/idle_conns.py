#!/usr/bin/env python3
"""Hundreds of idle connections to a node's distribution port.

Opens IDLE (500) TCP connections to a ciex node's distribution port that
never send a byte, then a probe node (ciex or a real BEAM) connects and
makes 20 rpc calls: the connection must be made within a second and
every call answered within 100 ms, as a BEAM node serves its peers with
500 idle connections open.  Then every idle connection must be closed by
the node once its handshake time (net_setuptime, 2 s here) is over.

Usage: idle_conns.py CIEX PROBE-KIND [--poller poll]
Loopback only; everything started is stopped at the end (the EPMD too).
"""
import os
import shutil
import socket
import struct
import subprocess
import sys
import time

IDLE = 500
SETUPTIME_S = 2
COOKIE = "HOSTILE-COOKIE-0123456789"
HERE = os.path.dirname(os.path.abspath(__file__))


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def wait_for(what, check, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    fail("timed out waiting for " + what)


def epmd_port_please(epmd_port, name):
    """The distribution port of `name`, from EPMD (PORT_PLEASE2_REQ)."""
    with socket.create_connection(("127.0.0.1", epmd_port), timeout=5) as s:
        req = b"z" + name.encode()
        s.sendall(struct.pack(">H", len(req)) + req)
        data = b""
        while len(data) < 4:
            chunk = s.recv(1024)
            if not chunk:
                break
            data += chunk
    if len(data) < 4 or data[0] != 119 or data[1] != 0:
        fail("EPMD does not know %s: %r" % (name, data))
    return struct.unpack(">H", data[2:4])[0]


def epmd_up(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def main():
    ciex, kind = sys.argv[1], sys.argv[2]
    if kind == "iex" and not shutil.which("elixir"):
        print("SKIPPED: elixir is not installed")
        return
    env = dict(os.environ)
    if "--poller" in sys.argv:
        env["CIEX_POLLER"] = sys.argv[sys.argv.index("--poller") + 1]
    epmd_port = int(env["ERL_EPMD_PORT"])
    host = socket.gethostname().split(".")[0]
    target = "hostile_target@" + host
    env["HOSTILE_TARGET"] = target
    started = []
    idle = []
    try:
        epmd = subprocess.Popen([ciex, "--epmd-foreground"], env=env)
        started.append(epmd)
        wait_for("EPMD", lambda: epmd_up(epmd_port), 10)
        node = subprocess.Popen(
            [ciex, "--sname", "hostile_target", "--cookie", COOKIE,
             "--erl", "-kernel net_setuptime %d" % SETUPTIME_S, "--script", os.path.join(HERE, "target.exs")],
            env=env, stdout=subprocess.PIPE, text=True)
        started.append(node)
        if node.stdout.readline().strip() != "READY":
            fail("the node did not start")
        dist_port = epmd_port_please(epmd_port, "hostile_target")

        for _ in range(IDLE):
            idle.append(socket.create_connection(("127.0.0.1", dist_port), timeout=5))
        opened = time.monotonic()

        if kind == "iex":
            probe = ["elixir", "--sname", "hostile_probe", "--cookie", COOKIE]
        else:
            probe = [ciex, "--sname", "hostile_probe", "--cookie", COOKIE, "--script"]
        out = subprocess.run(probe + [os.path.join(HERE, "probe.exs")], env=env,
                             capture_output=True, text=True, timeout=60)
        print("probe (%s): %s" % (kind, out.stdout.strip()))
        if out.returncode != 0 or "connected=true" not in out.stdout:
            fail("the probe could not reach the node:\n" + out.stdout + out.stderr)
        fields = dict(f.split("=") for f in out.stdout.split())
        if int(fields["connect_ms"]) > 1000:
            fail("connecting took %s ms with %d idle connections" % (fields["connect_ms"], IDLE))
        if int(fields["max_rpc_ms"]) > 100:
            fail("an rpc call took %s ms with %d idle connections" % (fields["max_rpc_ms"], IDLE))

        # net_setuptime: the node drops every connection that did not
        # finish its handshake in time (checked each second)
        deadline = opened + SETUPTIME_S + 3
        still_open = 0
        for s in idle:
            s.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                if s.recv(1) != b"":
                    fail("the node sent something on an idle connection")
            except socket.timeout:
                still_open += 1
            except ConnectionResetError:
                pass
        if still_open:
            fail("%d idle connections still open %d s after they were made" % (still_open, SETUPTIME_S + 3))
        print("ok: %d idle connections dropped after net_setuptime" % IDLE)
    finally:
        for s in idle:
            s.close()
        for p in reversed(started):
            p.kill()
            p.wait()


if __name__ == "__main__":
    main()
