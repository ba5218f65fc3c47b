# common.sh - shared by record.sh and run_pipe.sh: how a pipe test runs,
# and how its output is normalised before comparing ciex with real iex.
#
# A pipe test NAME runs `PROGRAM [NAME.args] < NAME.in` in a fresh
# directory (a copy of fixtures/NAME/ when there is one) with a fresh HOME
# (a copy of fixtures/NAME/.home/, or empty), so that no ~/.iex.exs or
# history of the user's gets in.

#
# A case too large to keep in the repository has a generator instead:
# NAME.gen writes the input (always the same bytes) on its stdout, and
# NAME.sha256 holds the SHA-256 of iex's normalised output, with its size.

# pipe_input NAME FILE: the input of case NAME, written to FILE.
pipe_input() {
    if [ -f "$1.gen" ]; then python3 "$1.gen" >"$2"; else cp "$1.in" "$2"; fi
}

# run_pipe_case PROGRAM NAME OUT: runs one case, stdout into OUT.
run_pipe_case() {
    local program=$1 name=$2 out=$3 dir
    dir=$(pwd)
    local work home
    work=$(mktemp -d "${TMPDIR:-/tmp}/ciexshell.XXXXXX") home=$(mktemp -d)
    pipe_input "$name" "$home.in"
    if [ -d "fixtures/$name" ]; then cp -R "fixtures/$name/." "$work/"; fi
    if [ -d "$work/.home" ]; then cp -R "$work/.home/." "$home/" && rm -rf "$work/.home"; fi
    local args=""
    if [ -f "$name.args" ]; then args=$(cat "$name.args"); fi
    # real iex does not stop at the end of input after a respawn: the
    # timeout ends it (KILL: a TERM makes it log a notice on stdout)
    (cd "$work" && HOME=$home timeout -s KILL 30 $program $args <"$home.in" >"$out" 2>"$out.stderr")
    local status=$?
    rm -rf "$work" "$home" "$home.in"
    return $status
}

# normalise: what may differ between ciex and iex without being a
# difference a user would notice:
#   - the banner names the program and its version;
#   - pids and references are numbered differently;
#   - this machine's host name in node names (foo@HOST), and the
#     temporary directory the case runs in (WORK);
#   - the numbers inside #Function<...> (they name the fun's position in
#     the code that made it);
#   - stack-trace lines of library code: iex names the OTP application
#     and its file ("    (elixir 1.14.0) lib/enum.ex:..."), ciex itself
#     and the prelude file ("    (ciex 0.1.0) lib/11_enum.ex:..."); the
#     frames of the user's code stay.
normalise() {
    local host
    host=$(hostname -s)
    # bytes, not characters: inputs may hold any bytes, and iex echoes them
    LC_ALL=C sed -E \
        -e 's/^Interactive Elixir \((1\.[0-9]+\.[0-9]+|ciex [0-9.]+)\) - /Interactive Elixir (VERSION) - /' \
        -e 's/#PID<[0-9]+\.[0-9]+\.[0-9]+>/#PID<pid>/g' \
        -e 's/#Reference<[0-9.]+>/#Reference<ref>/g' \
        -e 's/#Function<[0-9]+\.[0-9]+\//#Function<fun\//g' \
        -e "s/@$host\\b/@HOST/g" \
        -e 's#/[^ ]*/ciexshell\.[A-Za-z0-9]+#WORK#g' |
        LC_ALL=C grep -aEv '^    \((elixir|iex|stdlib|kernel|ciex) [0-9.]+\) '
}

# digest FILE: what NAME.sha256 holds for an output: the SHA-256 and the
# byte count of the normalised output.
digest() {
    normalise <"$1" | { sha256sum | cut -d' ' -f1; }
    normalise <"$1" | wc -c
}
