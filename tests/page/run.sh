#!/usr/bin/env bash
# A replayed lesson's page as a person sees it: `ciex --replay LESSON
# --html` writes it, headless Chromium (Debian's chromium) opens it from
# disk, and check_page.py reads what Chromium rendered.
#
#   run.sh CIEX two_nodes   the arrows of a two-node lesson (count,
#                           direction, labels), a console without errors
#   run.sh CIEX two_nodes_beam   the same lesson with beta on the BEAM
#                           (--iex-node beta): the same arrows, drawn from
#                           alpha's trace
#   run.sh CIEX article     the article's page: its four nodes, a diagram
#                           for each input that sent messages, a console
#                           without errors, a screenshot that is not blank
#
# Exit status 77 (skipped) when chromium is not installed.
set -u
ciex=$1 case=$2
here=$(cd "$(dirname "$0")" && pwd)
chromium=$(command -v chromium || command -v chromium-browser) || {
    echo "SKIPPED: chromium is not installed (scripts/install-deps.sh installs it)"
    exit 77
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL ($case): $*"; exit 1; }

case $case in
two_nodes) lesson=$here/two_nodes.md replay_args=() ;;
two_nodes_beam) lesson=$here/two_nodes.md replay_args=(--iex-node beta)
    command -v iex >/dev/null || { echo "SKIPPED: iex is not installed"; exit 77; } ;;
article) lesson=$here/../transcripts/article.md replay_args=() ;;
*) echo "unknown case $case"; exit 2 ;;
esac

# The replay's own verdict is the transcript tests' business (the article
# has a line that the BEAM's own race changes now and then): the page is
# written either way.
"$ciex" --replay "$lesson" "${replay_args[@]}" --html "$work/page.html" >"$work/replay.out" 2>&1
[ -s "$work/page.html" ] || { cat "$work/replay.out"; fail "no page was written"; }
[ "$case" != article ] && { grep -q "all hold" "$work/replay.out" || { cat "$work/replay.out"; fail "the lesson did not hold"; }; }

# Chromium as root in CI, without a terminal or a display: no sandbox,
# headless, a profile of its own; console messages go to stderr.
browse() {
    timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
        --user-data-dir="$work/profile" --enable-logging=stderr --v=0 "$@" "file://$work/page.html"
}
browse --dump-dom >"$work/dom.html" 2>"$work/chromium.err" || { cat "$work/chromium.err"; fail "chromium failed"; }
if grep -E ':CONSOLE[:(]' "$work/chromium.err"; then
    fail "the page wrote to the console (above)"
fi
python3 "$here/check_page.py" "$work/dom.html" "$case" || fail "the page is not as expected"
if [ "$case" = article ]; then
    browse --window-size=900,700 --screenshot="$work/shot.png" >/dev/null 2>"$work/shot.err" ||
        { cat "$work/shot.err"; fail "chromium could not take a screenshot"; }
    python3 "$here/check_page.py" --png "$work/shot.png" || fail "the screenshot"
fi
echo "ok ($case)"
