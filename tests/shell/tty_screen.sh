# tty_screen.sh - reading a tmux pane, for the terminal tests (run_tty.sh,
# run_remsh.sh), which define T (tmux on their own server), fail and
# deadline_s before they source it.  No sleeps stand in for
# synchronisation: each wait_* polls the screen until a deadline.

screen() { T capture-pane -p -J -t 0 | sed -e 's/ *$//' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'; }
keys() { T send-keys -t 0 "$@"; }
type_text() { T send-keys -t 0 -l "$1"; }
last_line() { screen | tail -n 1; }

# wait_for REGEX: until a line of the screen matches (extended regex).
wait_for() {
    local end=$((SECONDS + deadline_s))
    while [ $SECONDS -lt $end ]; do
        if screen | grep -Eq -- "$1"; then return 0; fi
        sleep 0.05
    done
    fail "the screen never showed /$1/"
}

# wait_last REGEX: until the last line of the screen matches.
wait_last() {
    local end=$((SECONDS + deadline_s))
    while [ $SECONDS -lt $end ]; do
        if last_line | grep -Eq -- "$1"; then return 0; fi
        sleep 0.05
    done
    fail "the last line never became /$1/ (it is '$(last_line)')"
}

# wait_count REGEX N: until N lines match.
wait_count() {
    local end=$((SECONDS + deadline_s))
    while [ $SECONDS -lt $end ]; do
        if [ "$(screen | grep -Ec -- "$1")" -ge "$2" ]; then return 0; fi
        sleep 0.05
    done
    fail "the screen never showed $2 lines matching /$1/"
}
