#!/usr/bin/env bash
# Runs one test, then stops the EPMD that answers on the test's own
# ERL_EPMD_PORT if the test started it (none answered before): the EPMD a
# test's first node started (ciex's own, or a BEAM's epmd) does not
# outlive the test.  The test's exit status is kept; a test whose nodes
# are still registered once it is over fails.
#
# Usage: stop_epmd.sh CIEX COMMAND...
set -u
ciex=$1
shift
if "$ciex" --epmd-names >/dev/null 2>&1; then
    exec "$@" # not ours to stop
fi
"$@"
status=$?
# an EPMD refuses to stop while nodes are registered: nodes that are
# ending unregister when their process is gone, so ask for a few seconds
for _ in $(seq 50); do
    answer=$("$ciex" --epmd-kill 2>&1) && exit $status
    case $answer in *"no EPMD answers"*) exit $status ;; esac
    sleep 0.1
done
echo "stop_epmd.sh: nodes still registered with the EPMD on port $ERL_EPMD_PORT after the test:"
"$ciex" --epmd-names
[ $status = 0 ] && status=1
exit $status
