#!/usr/bin/env python3
"""A node out of file descriptors.

The node runs with a limit of 64 descriptors (ulimit -n); 100 TCP
connections to its distribution port that never send a byte use them up,
and the rest wait in the listening socket's backlog.  Accepting then
fails (EMFILE): the node must back off instead of spinning on the
listening socket, which stays readable (at most 0.3 s of CPU over 2 s),
and once net_setuptime (2 s here) has closed the idle connections it
must accept again: a probe node connects and its rpc calls are answered.

Usage: fd_exhaust.py CIEX
Loopback only; everything started is stopped at the end (the EPMD too).
"""
import os
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from idle_conns import COOKIE, HERE, epmd_port_please, epmd_up, fail, wait_for  # noqa: E402

FD_LIMIT = 64
IDLE = 100
SETUPTIME_S = 2


def cpu_seconds(pid):
    """User and system time of a process so far."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    ciex = sys.argv[1]
    if not os.path.exists("/proc/self/stat"):
        print("SKIPPED: no /proc to read a process's CPU time from")
        return
    env = dict(os.environ)
    epmd_port = int(env["ERL_EPMD_PORT"])
    host = socket.gethostname().split(".")[0]
    env["HOSTILE_TARGET"] = "hostile_target@" + host
    started = []
    idle = []
    try:
        epmd = subprocess.Popen([ciex, "--epmd-foreground"], env=env)
        started.append(epmd)
        wait_for("EPMD", lambda: epmd_up(epmd_port), 10)
        node = subprocess.Popen(
            ["bash", "-c", 'ulimit -n %d && exec "$@"' % FD_LIMIT, "bash",
             ciex, "--sname", "hostile_target", "--cookie", COOKIE,
             "--erl", "-kernel net_setuptime %d" % SETUPTIME_S, "--script", os.path.join(HERE, "target.exs")],
            env=env, stdout=subprocess.PIPE, text=True)
        started.append(node)
        if node.stdout.readline().strip() != "READY":
            fail("the node did not start")
        dist_port = epmd_port_please(epmd_port, "hostile_target")

        for _ in range(IDLE):
            idle.append(socket.create_connection(("127.0.0.1", dist_port), timeout=5))
        # the node has accepted what it could; the rest waits in the backlog
        before = cpu_seconds(node.pid)
        time.sleep(2)
        used = cpu_seconds(node.pid) - before
        print("cpu: %.2f s over 2 s with its descriptors used up" % used)
        if used > 0.3:
            fail("the node spins when it is out of descriptors (%.2f s of CPU in 2 s)" % used)

        # net_setuptime closes the idle connections, the node accepts again
        out = subprocess.run([ciex, "--sname", "hostile_probe", "--cookie", COOKIE, "--script",
                              os.path.join(HERE, "probe.exs")], env=env, capture_output=True, text=True, timeout=60)
        print("probe: " + out.stdout.strip())
        if out.returncode != 0 or "connected=true" not in out.stdout:
            fail("the probe could not reach the node once descriptors were free:\n" + out.stdout + out.stderr)
    finally:
        for s in idle:
            s.close()
        for p in reversed(started):
            p.kill()
            p.wait()


if __name__ == "__main__":
    main()
