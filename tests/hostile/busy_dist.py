#!/usr/bin/env python3
"""A peer that stops reading: back-pressure on distribution output.

A sink node (a real BEAM or ciex, SINK-KIND) is stopped with SIGSTOP; a
process of the ciex node under test then sends it COUNT messages of 1 MB,
each a binary of its own, which the sink checks byte for byte.
As on the BEAM, the sender must be suspended once the connection's queued
output passes the busy limit (dist_buf_busy_limit, 1 MB), so the node's
memory grows by far less than the COUNT MB sent (at most GROWTH_MB); while
it is suspended, the node's other processes go on: a BEAM probe node's
rpc calls are each answered within 100 ms.  Once the sink runs again
every message arrives, in order, and the sender finishes.

With --zdbbl KB the node runs with `--erl "+zdbbl KB"`: the sender is
suspended only once about KB KiB are queued, so the node grows by at
least three quarters of that (and at most GROWTH_MB more).

With --funs each message carries a fun made by evaluation instead (FUN_COUNT
of them) and the sink is stopped before the first one: those frames wait
for the sink's erl_eval layout, which the stopped sink cannot tell, so the
sender must be suspended once 1024 of them wait, and every one arrives, in
order and callable, once the sink runs again.

Usage: busy_dist.py CIEX SINK-KIND [--zdbbl KB | --funs]
Loopback only; everything started is stopped at the end (the EPMD too).
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

COUNT = 300
FUN_COUNT = 3000
GROWTH_MB = 100
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


def epmd_up(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    fail("no VmRSS for %d" % pid)


def expect_line(proc, want, what):
    line = proc.stdout.readline().strip()
    if line != want:
        fail("%s said %r, not %r" % (what, line, want))


def main():
    ciex, sink_kind = sys.argv[1], sys.argv[2]
    zdbbl_kb = int(sys.argv[sys.argv.index("--zdbbl") + 1]) if "--zdbbl" in sys.argv else None
    erl = ["--erl", "+zdbbl %d" % zdbbl_kb] if zdbbl_kb else []
    funs = "--funs" in sys.argv
    count = FUN_COUNT if funs else COUNT
    if not shutil.which("elixir"):
        print("SKIPPED: elixir is not installed")
        return
    env = dict(os.environ)
    epmd_port = int(env["ERL_EPMD_PORT"])
    host = socket.gethostname().split(".")[0]
    env["BP_SINK"] = "bp_sink@" + host
    env["BP_COUNT"] = str(count)
    if funs:
        env["BP_FUNS"] = "1"
    env["HOSTILE_TARGET"] = "bp_target@" + host
    if "ASAN_OPTIONS" in env:
        # the sanitizer's quarantine keeps up to 256 MB of freed blocks
        # resident, which is not what the node queues: keep it small
        env["ASAN_OPTIONS"] += ":quarantine_size_mb=16"
    if zdbbl_kb:
        # as erl, a limit out of its range (1 to 2097151 KiB) stops start-up
        for bad in ("0", "2097152", "x"):
            out = subprocess.run([ciex, "--erl", "+zdbbl " + bad, "-e", "IO.puts(:started)"],
                                 capture_output=True, text=True, timeout=10)
            if out.returncode != 1 or "invalid dbbl limit: " + bad not in out.stderr or out.stdout:
                fail("+zdbbl %s: rc %d, %r %r" % (bad, out.returncode, out.stdout, out.stderr[:200]))
    started = []
    sink = None
    try:
        epmd = subprocess.Popen([ciex, "--epmd-foreground"], env=env)
        started.append(epmd)
        wait_for("EPMD", lambda: epmd_up(epmd_port), 10)
        if sink_kind == "iex":
            cmd = ["elixir", "--sname", "bp_sink", "--cookie", COOKIE]
        else:
            cmd = [ciex, "--sname", "bp_sink", "--cookie", COOKIE, "--script"]
        sink = subprocess.Popen(cmd + [os.path.join(HERE, "busy_sink.exs")], env=env,
                                stdout=subprocess.PIPE, text=True)
        started.append(sink)
        expect_line(sink, "READY", "the sink")
        target = subprocess.Popen(
            [ciex, "--sname", "bp_target", "--cookie", COOKIE] + erl +
            ["--script", os.path.join(HERE, "busy_sender.exs")],
            env=env, stdout=subprocess.PIPE, text=True)
        started.append(target)
        expect_line(target, "READY", "the node")
        before = rss_mb(target.pid)

        os.kill(sink.pid, signal.SIGSTOP)
        out = subprocess.run(["elixir", "--sname", "bp_probe", "--cookie", COOKIE,
                              os.path.join(HERE, "busy_probe.exs")],
                             env=env, capture_output=True, text=True, timeout=60)
        grown = rss_mb(target.pid) - before
        print("probe: %s; the node grew by %d MB while %d %s were sent" %
              (out.stdout.strip(), grown, count, "funs" if funs else "MB"))
        if out.returncode != 0 or "suspended=" not in out.stdout:
            fail("the probe failed:\n" + out.stdout + out.stderr)
        fields = dict(f.split("=") for f in out.stdout.split())
        if fields["suspended"] != "true":
            fail("the sender was never suspended on the busy connection\n" + out.stderr)
        if fields["nosuspend_send"] != "nosuspend":
            fail("a send with :nosuspend over the busy connection answered %s" % fields["nosuspend_send"])
        if fields["noconnect_send"] != "noconnect":
            fail("a send with :noconnect to an unconnected node answered %s" % fields["noconnect_send"])
        if int(fields["max_rpc_ms"]) > 100:
            fail("an rpc call took %s ms while the sender was suspended" % fields["max_rpc_ms"])
        limit_mb = (zdbbl_kb or 1024) // 1024
        if grown > limit_mb + GROWTH_MB:
            fail("the node grew by %d MB toward a peer that reads nothing" % grown)
        if zdbbl_kb and grown < limit_mb * 3 // 4:
            fail("the node grew by only %d MB: the busy limit of %d KB was not taken" % (grown, zdbbl_kb))

        os.kill(sink.pid, signal.SIGCONT)
        sink_out = sink.communicate(timeout=90)[0].strip()
        print("sink: " + sink_out)
        if sink_out != "RECEIVED %d in_order=true" % count:
            fail("the sink did not get every message in order")
        expect_line(target, "ALL SENT", "the node")
        print("ok: the sender was suspended and resumed, the node stayed responsive")
    finally:
        if sink:
            try:
                os.kill(sink.pid, signal.SIGCONT)
            except OSError:
                pass
        for p in reversed(started):
            p.kill()
            p.wait()


if __name__ == "__main__":
    main()
