#!/usr/bin/env bash
# run.sh - the benchmark suite: every workload on ciex and, when `elixir`
# is installed, the same workload on the BEAM, alternating runs, medians;
# prints one table (workload, ciex, BEAM, ratio, target, met) and can
# write it into docs/performance.md.  `make bench` runs it.
#
# Usage: bench/run.sh [--quick] [--ciex-only] [--runs N] [--only REGEX]
#                     [--doc FILE] CIEX
#   --quick      small sizes, one run each, no warm-up (also BENCH_QUICK=1);
#                never writes the doc
#   --ciex-only  skip the BEAM side (also when `elixir` is not installed)
#   --runs N     measured runs per side (default 5; 3 for the two heaviest)
#   --only REGEX run only the workloads whose names match
#   --doc FILE   replace the part of FILE between the bench markers with
#                the table, the machine, the versions and the date
#
# Each workload is an Elixir file under bench/ run by `ciex --script` and
# by `elixir` (fib_fn's text by `ciex -e` and `elixir -e`; start-up runs
# the shells themselves).  Each prints its figures on one line as
# "NAME key=value ...".  bench/benchtool.c runs every command: it times
# it, answers its "@rss LABEL" lines with its resident size, and measures
# the raw TCP round trip.  Two-node workloads use a private EPMD on a
# free port (real epmd when installed, else `ciex --epmd-foreground`),
# stopped at the end.  Exits 1 when a workload failed.
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
quick=${BENCH_QUICK:-0}
beam=1 runs= only= doc=
while [ $# -gt 0 ]; do
    case $1 in
        --quick) quick=1 ;;
        --ciex-only) beam=0 ;;
        --runs) runs=$2; shift ;;
        --only) only=$2; shift ;;
        --doc) doc=$2; shift ;;
        -h | --help) sed -n '7,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "bench/run.sh: unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
    shift
done
[ $# -eq 1 ] || { sed -n '7,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
ciex=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$ciex" ] || { echo "bench/run.sh: $1 is not an executable" >&2; exit 2; }
if [ "$beam" = 1 ] && ! command -v elixir >/dev/null 2>&1; then
    echo "bench/run.sh: elixir is not installed: ciex figures only" >&2
    beam=0
fi
[ "$quick" = 1 ] && doc=

work=$(mktemp -d)
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
bg=()    # background node runners and the EPMD daemon, stopped at exit
cleanup() {
    for p in "${bg[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cc -std=c11 -O2 -o "$work/benchtool" "$here/benchtool.c" || exit 2
bt="$work/benchtool"
log() { echo "bench: $*" >&2; }

# ---- a private EPMD ----
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# a port below the ephemeral range (where nodes listen) and above the
# test suite's EPMD ports; another one if that EPMD does not come up
for _ in 1 2 3 4 5; do
    for _ in 1 2 3 4 5 6 7 8; do
        port=$((31000 + RANDOM % 1700))
        port_open "$port" || break
    done
    export ERL_EPMD_PORT=$port
    # (quietly: the probes below make it log partial packets)
    if command -v epmd >/dev/null 2>&1; then epmd -port "$port" 2>/dev/null &
    else "$ciex" --epmd-foreground 2>/dev/null & fi
    bg+=($!)
    for _ in $(seq 500); do port_open "$port" && break; sleep 0.01; done
    port_open "$port" && break
done
port_open "$port" || { echo "bench/run.sh: no EPMD on port $port" >&2; exit 2; }

# ---- sizes ----
if [ "$quick" = 1 ]; then
    N_SPAWN=2000 N_PING=2000 N_CALL=2000 N_FIB=18 N_REMOTE=200 N_TCP=2000 N_GLOBAL=100 N_MILLION=20000 N_ETS=20000 N_BIG=2000 N_PARFIB=15
    RUNS=1 HEAVY_RUNS=1 WARM=0
else
    N_SPAWN=100000 N_PING=200000 N_CALL=100000 N_FIB=27 N_REMOTE=20000 N_TCP=20000 N_GLOBAL=10000 N_MILLION=1000000 N_ETS=1000000 N_BIG=100000 N_PARFIB=27
    RUNS=${runs:-5} HEAVY_RUNS=${runs:-3} WARM=1
fi

# ---- running one side ----
seq_no=0
node_name() { seq_no=$((seq_no + 1)); echo "bench$1$$x$seq_no"; }
# cmd SIDE [--sname NAME] [--erl SWITCHES] [--dist-erl SWITCHES] FILE: the
# command line that runs FILE (--erl: the BEAM's alone; --dist-erl: both
# sides', as the distribution's protocol)
cmd() {
    local side=$1 sname= erl= dist_erl=
    shift
    while [ $# -gt 1 ]; do
        case $1 in
            --sname) sname=$2; shift 2 ;;
            --erl) erl=$2; shift 2 ;;
            --dist-erl) dist_erl=$2; erl="$erl $2"; shift 2 ;;
        esac
    done
    local c=()
    if [ "$side" = ciex ]; then
        c=("$ciex")
        [ -n "$dist_erl" ] && c+=(--erl "$dist_erl")
        [ -n "$erl" ] && [ "$erl" != "${erl#+S }" ] && c+=(--erl "$erl") # ciex ignores the others
        [ -n "$sname" ] && c+=(--sname "$sname" --cookie bench)
        c+=(--script "$1")
    else
        c=(elixir)
        [ -n "$erl" ] && c+=(--erl "$erl")
        [ -n "$sname" ] && c+=(--sname "$sname" --cookie bench)
        c+=("$1")
    fi
    printf '%s\n' "${c[@]}"
}
# field FILE LINE KEY: the value of KEY=... on the first line starting with LINE
field() { awk -v l="$2" -v k="$3" '$1 == l { for (i = 2; i <= NF; i++) { n = index($i, "="); if (substr($i, 1, n - 1) == k) { print substr($i, n + 1); exit } } }' "$1"; }
# runs a command under benchtool, output in $work/out; fails when it fails
measure() { # measure TIMEOUT [-p PROMPT] -- COMMAND...
    local t=$1
    shift
    "$bt" run -t "$t" "$@" >"$work/out" 2>"$work/err"
    local rc=$?
    if [ $rc != 0 ]; then
        log "failed (status $rc): ${*:3}"
        sed 's/^/    /' "$work/out" "$work/err" | tail -20 >&2
    fi
    return $rc
}
# starts a node in the background under benchtool and waits for READY
start_node() { # start_node OUTFILE COMMAND...
    local out=$1
    shift
    "$bt" run -t 900 -- "$@" >"$out" 2>&1 &
    bg+=($!)
    last_bg=$!
    for _ in $(seq 3000); do
        grep -q '^READY' "$out" && return 0
        kill -0 "$last_bg" 2>/dev/null || break
        sleep 0.01
    done
    log "node did not start: $*"
    sed 's/^/    /' "$out" | tail -20 >&2
    stop_node
    return 1
}
# stops the background node started last
stop_node() { kill "$last_bg" 2>/dev/null; wait "$last_bg" 2>/dev/null; }
# awaits the background node started last; fails when it failed
await_node() {
    local rc
    wait "$last_bg"
    rc=$?
    [ $rc = 0 ] || log "node failed (status $rc)"
    return $rc
}
# each prints (one line, key=value) or fails
need() { for v; do [ -n "$v" ] || return 1; done; }

w_startup() {
    local c=("$ciex" --dot-iex "")
    [ "$1" = beam ] && c=(iex --dot-iex "")
    measure 60 -p "iex(1)> " -- "${c[@]}" || return 1
    local ms
    ms=$(field "$work/out" runner ready_ms)
    need "$ms" && echo "ms=$ms"
}
w_startup_sname() {
    local name c
    name=$(node_name s)
    c=("$ciex" --dot-iex "" --sname "$name" --cookie bench)
    [ "$1" = beam ] && c=(iex --dot-iex "" --sname "$name" --cookie bench)
    measure 60 -p ")1> " -- "${c[@]}" || return 1
    local ms
    ms=$(field "$work/out" runner ready_ms)
    need "$ms" && echo "ms=$ms"
}
w_spawn() {
    local c
    mapfile -t c < <(cmd "$1" "$here/spawn_idle.exs")
    BENCH_N=$N_SPAWN measure 300 -- "${c[@]}" || return 1
    local us before after
    us=$(field "$work/out" spawn_idle total_us)
    before=$(field "$work/out" rss_before kb)
    after=$(field "$work/out" rss_after kb)
    need "$us" "$before" "$after" || return 1
    echo "ms=$(awk -v u="$us" 'BEGIN { printf "%.1f", u / 1000 }') bytes=$(((after - before) * 1024 / N_SPAWN))"
}
w_pingpong() {
    local c
    mapfile -t c < <(cmd "$1" "$here/pingpong.exs")
    BENCH_N=$N_PING measure 300 -- "${c[@]}" || return 1
    local v
    v=$(field "$work/out" pingpong per_s)
    need "$v" && echo "per_s=$v"
}
w_genserver() {
    local c
    mapfile -t c < <(cmd "$1" "$here/genserver_local.exs")
    BENCH_N=$N_CALL measure 300 -- "${c[@]}" || return 1
    local v
    v=$(field "$work/out" genserver_local per_s)
    need "$v" && echo "per_s=$v"
}
w_fib_module() {
    local c
    mapfile -t c < <(cmd "$1" "$here/fib_module.exs")
    BENCH_N=$N_FIB measure 300 -- "${c[@]}" || return 1
    local v
    v=$(field "$work/out" fib_module us)
    need "$v" && echo "ms=$(awk -v u="$v" 'BEGIN { printf "%.2f", u / 1000 }')"
}
# runs with +S 1, then one with the default (a scheduler per core on
# both; ciex starts their threads once processes compete for the CPU).
# The +S 1 time is the mean of one run pinned to each core in turn: the
# cores of a virtual machine may differ in speed (this one's by a third at
# times), and one unpinned run lands on whichever the kernel picks, which
# moved the speed-up of either side between 1.7 and 2.3.  The slowest and
# fastest core's times are figures of their own.
w_fib_parallel() {
    local c one all us cores k pin
    mapfile -t c < <(cmd "$1" --erl "+S 1" "$here/fib_parallel.exs")
    cores=$(nproc)
    command -v taskset >/dev/null || cores=1
    one=()
    for ((k = 0; k < cores; k++)); do
        pin=()
        [ "$cores" -gt 1 ] && pin=(taskset -c "$k")
        BENCH_N=$N_PARFIB measure 300 -- "${pin[@]}" "${c[@]}" || return 1
        us=$(field "$work/out" fib_parallel us)
        need "$us" || return 1
        one+=("$us")
    done
    mapfile -t c < <(cmd "$1" "$here/fib_parallel.exs")
    BENCH_N=$N_PARFIB measure 300 -- "${c[@]}" || return 1
    all=$(field "$work/out" fib_parallel us)
    need "$all" || return 1
    printf '%s\n' "${one[@]}" | awk -v a="$all" '
        { s += $1; if (NR == 1 || $1 < lo) lo = $1; if (NR == 1 || $1 > hi) hi = $1 }
        END { o = s / NR; printf "one_ms=%.2f slow_ms=%.2f fast_ms=%.2f all_ms=%.2f speedup=%.2f\n", o / 1000, hi / 1000, lo / 1000, a / 1000, o / a }'
}
w_fib_fn() {
    local text
    text=$(sed -n '/^n = /,$p' "$here/fib_fn.exs")
    if [ "$1" = ciex ]; then BENCH_N=$N_FIB measure 300 -- "$ciex" -e "$text" || return 1
    else BENCH_N=$N_FIB measure 300 -- elixir -e "$text" || return 1; fi
    local v
    v=$(field "$work/out" fib_fn us)
    need "$v" && echo "ms=$(awk -v u="$v" 'BEGIN { printf "%.2f", u / 1000 }')"
}
w_remote() { # w_remote SIDE [DIST-ERL-SWITCHES]
    local srv cli c
    srv=$(node_name r)
    cli=$(node_name c)
    mapfile -t c < <(cmd "$1" --sname "$srv" ${2:+--dist-erl "$2"} "$here/remote.exs")
    BENCH_ROLE=server BENCH_N=$N_REMOTE start_node "$work/server" "${c[@]}" || return 1
    mapfile -t c < <(cmd "$1" --sname "$cli" ${2:+--dist-erl "$2"} "$here/remote.exs")
    BENCH_ROLE=client BENCH_PEER=$srv BENCH_N=$N_REMOTE measure 300 -- "${c[@]}" || { stop_node; return 1; }
    await_node || return 1
    local conn call fcall casts counted
    conn=$(field "$work/out" remote connect_us)
    call=$(field "$work/out" remote call_us)
    fcall=$(field "$work/out" remote fun_call_us)
    casts=$(field "$work/out" remote casts_per_s)
    counted=$(field "$work/out" remote casts_counted)
    need "$conn" "$call" "$fcall" "$casts" || return 1
    [ "$counted" = $((N_REMOTE * 10)) ] || { log "remote: $counted casts counted of $((N_REMOTE * 10))"; return 1; }
    echo "connect_ms=$(awk -v u="$conn" 'BEGIN { printf "%.2f", u / 1000 }') call_us=$call fun_call_us=$fcall casts_per_s=$casts"
}
# the same over TLS distribution (OTP's default, TLS 1.2), with a
# throw-away CA made once (tests/dist/tls/make_certs.sh): both sides
# verify the peer's certificate
w_remote_tls() {
    if [ ! -f "$work/pki/tls.conf" ]; then
        mkdir -p "$work/pki"
        "$here/../tests/dist/tls/make_certs.sh" "$work/pki" "$(hostname -s)" || return 1
    fi
    w_remote "$1" "-proto_dist inet_tls -ssl_dist_optfile $work/pki/tls.conf"
}
w_tcp() {
    "$bt" tcp "$N_TCP" >"$work/out" || return 1
    local v
    v=$(field "$work/out" tcp_rtt us)
    need "$v" && echo "us=$v"
}
w_global() {
    local drv peer c
    drv=$(node_name g)
    peer=$(node_name p)
    mapfile -t c < <(cmd "$1" --sname "$peer" "$here/global_names.exs")
    BENCH_ROLE=peer BENCH_N=$N_GLOBAL start_node "$work/peer" "${c[@]}" || return 1
    mapfile -t c < <(cmd "$1" --sname "$drv" "$here/global_names.exs")
    BENCH_ROLE=driver BENCH_PEER=$peer BENCH_N=$N_GLOBAL measure 900 -- "${c[@]}" || { stop_node; return 1; }
    await_node || return 1
    local vis gone hits wus dkb pkb
    vis=$(field "$work/out" global_names visible_ms)
    gone=$(field "$work/out" global_names gone_ms)
    hits=$(field "$work/out" global_names whereis_hits)
    wus=$(field "$work/out" global_names whereis_us)
    dkb=$(field "$work/out" rss_driver kb)
    pkb=$(field "$work/peer" rss_peer kb)
    need "$vis" "$gone" "$wus" "$dkb" "$pkb" || return 1
    [ "$hits" = "$N_GLOBAL" ] || { log "global: $hits of $N_GLOBAL names found"; return 1; }
    echo "visible_ms=$vis whereis_ms=$(awk -v u="$wus" 'BEGIN { printf "%.2f", u / 1000 }') gone_ms=$gone driver_mb=$((dkb / 1024)) peer_mb=$((pkb / 1024))"
}
# big_terms.exs: both nodes of the side's kind (ciex, beam), or "mixed":
# a BEAM client sending to a ciex echo node
w_big() {
    local echo_side=$1 cli_side=$1 e cl c
    [ "$1" = mixed ] && echo_side=ciex cli_side=beam
    e=$(node_name e)
    cl=$(node_name k)
    mapfile -t c < <(cmd "$echo_side" --sname "$e" "$here/big_terms.exs")
    BENCH_ROLE=echo BENCH_N=$N_BIG start_node "$work/echo" "${c[@]}" || return 1
    mapfile -t c < <(cmd "$cli_side" --sname "$cl" "$here/big_terms.exs")
    BENCH_ROLE=client BENCH_PEER=$e BENCH_N=$N_BIG measure 300 -- "${c[@]}" || { stop_node; return 1; }
    await_node || return 1
    local cold warm map bmap
    cold=$(field "$work/out" big_terms binary_cold_us)
    warm=$(field "$work/out" big_terms binary_warm_us)
    map=$(field "$work/out" big_terms map_us)
    bmap=$(field "$work/out" big_terms bin_map_us)
    need "$cold" "$warm" "$map" "$bmap" || return 1
    ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
    echo "binary_cold_ms=$(ms "$cold") binary_warm_ms=$(ms "$warm") map_ms=$(ms "$map") bin_map_ms=$(ms "$bmap")"
}
w_ets() {
    local c
    mapfile -t c < <(cmd "$1" "$here/ets.exs")
    BENCH_N=$N_ETS measure 600 -- "${c[@]}" || return 1
    local line si sl sel oi ol before after
    line=$(grep '^ets ' "$work/out")
    si=$(field "$work/out" ets set_insert_us)
    sl=$(field "$work/out" ets set_lookup_us)
    sel=$(field "$work/out" ets select_us)
    oi=$(field "$work/out" ets ordered_insert_us)
    ol=$(field "$work/out" ets ordered_lookup_us)
    before=$(field "$work/out" rss_before kb)
    after=$(field "$work/out" rss_after kb)
    need "$line" "$si" "$sl" "$sel" "$oi" "$ol" "$before" "$after" || return 1
    ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
    echo "set_insert_ms=$(ms "$si") set_lookup_ms=$(ms "$sl") select_ms=$(ms "$sel") ordered_insert_ms=$(ms "$oi") ordered_lookup_ms=$(ms "$ol") set_bytes=$(((after - before) * 1024 / N_ETS))"
}
w_million() {
    local c
    mapfile -t c < <(cmd "$1" --erl "+P 2000000" "$here/million.exs")
    BENCH_N=$N_MILLION measure 600 -- "${c[@]}" || return 1
    local kb alive
    kb=$(field "$work/out" runner maxrss_kb)
    alive=$(field "$work/out" million alive)
    need "$kb" && [ "$alive" = "$N_MILLION" ] && echo "peak_mb=$((kb / 1024))"
}

# ---- the runs: WORKLOAD SIDES... -> $work/res/WORKLOAD.SIDE (one line a run) ----
mkdir -p "$work/res"
failed=0
bench() { # bench WORKLOAD RUNS WARM SIDE...
    local w=$1 n=$2 warm=$3 r side sides fig
    shift 3
    if [ -n "$only" ] && ! [[ $w =~ $only ]]; then return; fi
    for ((r = 0; r < warm + n; r++)); do
        sides=("$@")
        # alternate which side goes first
        [ $((r % 2)) = 1 ] && [ $# = 2 ] && sides=("$2" "$1")
        for side in "${sides[@]}"; do
            if "w_$w" "$side" >"$work/fig" && fig=$(cat "$work/fig") && [ -n "$fig" ]; then
                if [ $r -ge "$warm" ]; then
                    echo "$fig" >>"$work/res/$w.$side"
                    log "$w $side: $fig"
                else
                    log "$w $side: $fig (warm-up, discarded)"
                fi
            else
                log "$w $side: FAILED"
                echo "FAILED" >>"$work/res/$w.$side"
                failed=1
            fi
        done
    done
}
sides=(ciex)
[ "$beam" = 1 ] && sides=(ciex beam)
bench startup "$RUNS" "$WARM" "${sides[@]}"
bench startup_sname "$RUNS" "$WARM" "${sides[@]}"
bench spawn "$RUNS" "$WARM" "${sides[@]}"
bench pingpong "$RUNS" "$WARM" "${sides[@]}"
bench genserver "$RUNS" "$WARM" "${sides[@]}"
bench fib_module "$RUNS" "$WARM" "${sides[@]}"
bench fib_fn "$RUNS" "$WARM" "${sides[@]}"
bench fib_parallel "$RUNS" "$WARM" "${sides[@]}"
bench remote "$RUNS" "$WARM" "${sides[@]}"
bench remote_tls "$RUNS" "$WARM" "${sides[@]}"
bench tcp "$RUNS" "$WARM" tcp
big_sides=("${sides[@]}")
[ "$beam" = 1 ] && big_sides+=(mixed)
bench big "$RUNS" 0 "${big_sides[@]}"
bench ets "$HEAVY_RUNS" 0 "${sides[@]}"
bench global "$HEAVY_RUNS" 0 "${sides[@]}"
bench million "$HEAVY_RUNS" 0 "${sides[@]}"

# ---- the table ----
# median WORKLOAD SIDE KEY: the median of the measured runs ("" if none,
# FAILED if any failed)
median() {
    local f="$work/res/$1.$2"
    [ -f "$f" ] || return 0
    if grep -q FAILED "$f"; then echo FAILED; return 0; fi
    local k=$3
    awk -v k="$k" '{ for (i = 1; i <= NF; i++) { n = index($i, "="); if (substr($i, 1, n - 1) == k) print substr($i, n + 1) } }' "$f" |
        sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m + 0 }'
}
table="$work/table.md"
{
    echo "| workload | ciex | BEAM | ratio ciex/BEAM | target | met |"
    echo "|---|---|---|---|---|---|"
} >"$table"
# row LABEL UNIT CIEX BEAM KIND LIMIT TARGET-TEXT
#   KIND le/ge: the ratio ciex/BEAM must be <= / >= LIMIT; max: ciex <= LIMIT;
#   min: ciex >= LIMIT and ciex >= BEAM; none: no target
row() {
    local label=$1 unit=$2 c=$3 b=$4 kind=$5 limit=$6 text=$7 ratio=— met
    if [ "$c" = FAILED ] || [ "$b" = FAILED ]; then
        met="failed"
    elif [ -z "$c" ]; then
        met="not run"
    else
        if [ -n "$b" ] && [ "$kind" != none ]; then
            ratio=$(awk -v c="$c" -v b="$b" 'BEGIN { if (b == 0) print "—"; else { r = c / b; printf (r < 0.1 ? "%.3f" : r < 10 ? "%.2f" : "%.1f"), r } }')
        elif [ -n "$b" ]; then
            ratio=$(awk -v c="$c" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f", c / b; else print "—" }')
        fi
        case $kind in
            le | ge)
                if [ -z "$b" ]; then met="no BEAM"
                else met=$(awk -v c="$c" -v b="$b" -v l="$limit" -v k="$kind" 'BEGIN { r = c / b; print ((k == "le" ? r <= l : r >= l) ? "yes" : "**no**") }'); fi ;;
            max) met=$(awk -v c="$c" -v l="$limit" 'BEGIN { print (c <= l ? "yes" : "**no**") }') ;;
            min) met=$(awk -v c="$c" -v b="${b:-0}" -v l="$limit" 'BEGIN { print (c >= l && c >= b ? "yes" : "**no**") }') ;;
            none) met="—" ;;
        esac
    fi
    local cv=${c:-—} bv=${b:-—}
    [ -n "$c" ] && [ "$c" != FAILED ] && cv="$(num "$c") $unit"
    [ -n "$b" ] && [ "$b" != FAILED ] && bv="$(num "$b") $unit"
    echo "| $label | $cv | $bv | $ratio | $text | $met |" >>"$table"
}
# a figure with three significant digits at most, thousands grouped
num() { awk -v v="$1" 'BEGIN {
    p = (v == int(v) || v >= 100) ? 0 : v < 10 ? 2 : 1; s = sprintf("%.*f", p, v)
    if (p == 0) { t = ""; while (length(s) > 3) { t = "," substr(s, length(s) - 2) t; s = substr(s, 1, length(s) - 3) } s = s t }
    print s }'; }
ran() { [ -f "$work/res/$1.${2:-ciex}" ]; }
ran startup && row "start-up to a ready prompt, unnamed (\`ciex\` vs \`iex\`)" ms "$(median startup ciex ms)" "$(median startup beam ms)" le 0.05 "≤ 0.05 (20x faster)"
ran startup_sname && row "the same with \`--sname\` (EPMD running)" ms "$(median startup_sname ciex ms)" "$(median startup_sname beam ms)" le 0.05 "≤ 0.05 (20x faster)"
ran spawn && row "spawn $(num $N_SPAWN) waiting processes, then stop them" ms "$(median spawn ciex ms)" "$(median spawn beam ms)" le 1 "≤ 1" &&
    row "memory per idle process (RSS growth / $(num $N_SPAWN))" B "$(median spawn ciex bytes)" "$(median spawn beam bytes)" max 1024 "≤ 1024 B" 
ran pingpong && row "local ping-pong" "round trips/s" "$(median pingpong ciex per_s)" "$(median pingpong beam per_s)" ge 0.5 "≥ 0.5"
ran genserver && row "local \`GenServer.call\` to a KV server" calls/s "$(median genserver ciex per_s)" "$(median genserver beam per_s)" ge 0.5 "≥ 0.5"
ran fib_module && row "\`fib($N_FIB)\` in a module" ms "$(median fib_module ciex ms)" "$(median fib_module beam ms)" le 3 "≤ 3"
if ran fib_parallel; then
    row "CPU-bound: 32 \`fib($N_PARFIB)\` through \`Task.async_stream\`, \`+S 1\` (the mean of a run pinned to each core)" ms "$(median fib_parallel ciex one_ms)" "$(median fib_parallel beam one_ms)" none 0 "—"
    row "… \`+S 1\` on the slowest core" ms "$(median fib_parallel ciex slow_ms)" "$(median fib_parallel beam slow_ms)" none 0 "—"
    row "… \`+S 1\` on the fastest core" ms "$(median fib_parallel ciex fast_ms)" "$(median fib_parallel beam fast_ms)" none 0 "—"
    row "… the same with the default, a scheduler per core ($(nproc))" ms "$(median fib_parallel ciex all_ms)" "$(median fib_parallel beam all_ms)" none 0 "—"
    row "… speed-up over \`+S 1\`" x "$(median fib_parallel ciex speedup)" "$(median fib_parallel beam speedup)" min 1.8 "≥ 1.8 and ≥ BEAM's" 
fi
ran fib_fn && row "the same fib as a shell fn (\`ciex -e\` vs \`elixir -e\`)" ms "$(median fib_fn ciex ms)" "$(median fib_fn beam ms)" le 0.05 "≤ 0.05 (20x faster)"
if ran remote; then
    row "remote \`GenServer.call\` between two nodes on loopback" µs "$(median remote ciex call_us)" "$(median remote beam call_us)" le 0.8 "≤ 0.8"
    ran tcp tcp && row "the same against a raw TCP round trip (BEAM column: \`benchtool tcp\`, 100 bytes)" µs "$(median remote ciex call_us)" "$(median tcp tcp us)" le 1.3 "≤ 1.3"
    row "the same carrying a fn made by evaluation (\`Agent.get\` with a fn typed at a prompt)" µs "$(median remote ciex fun_call_us)" "$(median remote beam fun_call_us)" le 0.8 "≤ 0.8"
    row "remote one-way casts" msgs/s "$(median remote ciex casts_per_s)" "$(median remote beam casts_per_s)" ge 1.2 "≥ 1.2"
    row "\`Node.connect\` to a fresh node" ms "$(median remote ciex connect_ms)" "$(median remote beam connect_ms)" le 1 "≤ 1"
fi
if ran remote_tls; then
    row "remote \`GenServer.call\` over TLS distribution (\`-proto_dist inet_tls\`, TLS 1.2)" µs "$(median remote_tls ciex call_us)" "$(median remote_tls beam call_us)" le 1 "≤ 1"
    row "remote one-way casts over TLS distribution" msgs/s "$(median remote_tls ciex casts_per_s)" "$(median remote_tls beam casts_per_s)" ge 1 "≥ 1"
    row "\`Node.connect\` over TLS distribution (certificates verified both ways)" ms "$(median remote_tls ciex connect_ms)" "$(median remote_tls beam connect_ms)" le 1 "≤ 1"
fi
if ran big; then
    row "a binary of $(num $((N_BIG * 200))) bytes to a fresh node and back: the first round trip" ms "$(median big ciex binary_cold_ms)" "$(median big beam binary_cold_ms)" le 1 "≤ 1"
    row "… the next ones (median of 5)" ms "$(median big ciex binary_warm_ms)" "$(median big beam binary_warm_ms)" none 0 "—"
    row "a $(num $N_BIG)-key map (integer keys) from a BEAM node and back (BEAM column: BEAM↔BEAM)" ms "$(median big mixed map_ms)" "$(median big beam map_ms)" le 1 "≤ 1"
    row "the same with binary keys (\`\"key1\"\`…)" ms "$(median big mixed bin_map_ms)" "$(median big beam bin_map_ms)" le 1 "≤ 1"
    row "the integer-key map between two ciex nodes (BEAM column: BEAM↔BEAM)" ms "$(median big ciex map_ms)" "$(median big beam map_ms)" none 0 "—"
fi
if ran ets; then
    row "$(num $N_ETS) \`:ets.insert\` of \`{i, i}\` into a set" ms "$(median ets ciex set_insert_ms)" "$(median ets beam set_insert_ms)" le 1 "≤ 1"
    row "… then as many \`:ets.lookup\`" ms "$(median ets ciex set_lookup_ms)" "$(median ets beam set_lookup_ms)" le 1 "≤ 1"
    row "… memory the set takes per object (RSS growth / $(num $N_ETS))" B "$(median ets ciex set_bytes)" "$(median ets beam set_bytes)" none 0 "—"
    row "… \`:ets.select_count\` with a guard over the whole set" ms "$(median ets ciex select_ms)" "$(median ets beam select_ms)" le 2 "≤ 2"
    row "the same inserts into an ordered_set" ms "$(median ets ciex ordered_insert_ms)" "$(median ets beam ordered_insert_ms)" le 3 "≤ 3"
    row "… then as many lookups" ms "$(median ets ciex ordered_lookup_ms)" "$(median ets beam ordered_lookup_ms)" le 3 "≤ 3"
fi
if ran global; then
    row "$(num $N_GLOBAL) \`:global\` names registered and visible on a second node" ms "$(median global ciex visible_ms)" "$(median global beam visible_ms)" le 1 "≤ 1"
    row "… resident size of the registering node" MB "$(median global ciex driver_mb)" "$(median global beam driver_mb)" le 1 "≤ 1"
    row "… resident size of the second node" MB "$(median global ciex peer_mb)" "$(median global beam peer_mb)" le 1 "≤ 1"
    row "… then a \`:global.whereis_name\` of each name" ms "$(median global ciex whereis_ms)" "$(median global beam whereis_ms)" le 1 "≤ 1"
    row "… then the processes end: names gone on both nodes" ms "$(median global ciex gone_ms)" "$(median global beam gone_ms)" none 0 "—"
fi
ran million && row "$(num $N_MILLION) idle processes: peak RSS (BEAM with \`+P 2000000\`)" MB "$(median million ciex peak_mb)" "$(median million beam peak_mb)" max 2048 "≤ 2048 MB"

echo
cat "$table"
echo
if [ "$quick" = 1 ]; then
    echo "Quick mode: small sizes, one run each; the figures mean little."
elif [ "$beam" = 1 ]; then
    echo "Medians of $RUNS runs ($HEAVY_RUNS for the :ets, :global and 1,000,000-process rows), ciex and BEAM alternating."
fi

# ---- the page ----
if [ -n "$doc" ]; then
    gen="$work/gen.md"
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    mem=$(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)
    os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
    btype=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$(dirname "$ciex")/CMakeCache.txt" 2>/dev/null)
    cver=$("$ciex" --version 2>&1 | head -1)
    {
        echo "Generated by \`make bench\` (bench/run.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'):"
        echo
        echo "- machine: $cpu, $(nproc) cores, $mem, $os; load average $load_start when the run began, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) at its end (other work on the machine slows both sides)"
        echo "- ciex: $cver, ${btype:-?} build ($(cc --version | head -1))"
        if [ "$beam" = 1 ]; then
            echo "- BEAM: $(elixir --version 2>/dev/null | grep -E '^(Erlang|Elixir)' | sed 's/ \[.*jit.*\]/ (JIT)/; s/\[[^]]*\]//g; s/  */ /g' | paste -sd ';' | sed 's/;/; /')"
            echo "- medians of $RUNS runs ($HEAVY_RUNS for :ets, :global and 1,000,000 processes), ciex and BEAM alternating, a warm-up run of each discarded (none for those three and the big messages, whose first round trip is one of the figures)"
        else
            echo "- BEAM: not measured (elixir not installed)"
        fi
        echo "- ratio = ciex / BEAM: below 1 ciex takes less time or memory, above 1 it does more per second"
        echo
        cat "$table"
    } >"$gen"
    if grep -q '^<!-- bench:begin -->' "$doc" && grep -q '^<!-- bench:end -->' "$doc"; then
        awk -v gen="$gen" '
            /^<!-- bench:begin -->/ { print; print ""; while ((getline l < gen) > 0) print l; print ""; skip = 1; next }
            /^<!-- bench:end -->/ { skip = 0 }
            !skip { print }' "$doc" >"$work/doc" && cat "$work/doc" >"$doc"
        log "wrote $doc"
    else
        log "$doc has no <!-- bench:begin --> / <!-- bench:end --> markers: not written"
        failed=1
    fi
fi
exit $failed
