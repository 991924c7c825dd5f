#!/bin/sh
# callgrind.sh: exact instruction counts for the core figures (this machine's
# wall clock is noisy; callgrind's counts repeat to within a few hundred).
# Usage: bench/callgrind.sh BUILD_DIR   (a Release build with corequest-bench-core)
set -eu
build=${1:?usage: callgrind.sh BUILD_DIR}
core="$build/bench/corequest-bench-core"
[ -x "$core" ] || { echo "callgrind.sh: build $core first" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind is not installed" >&2; exit 1; }
out=$(mktemp "${TMPDIR:-/tmp}/corequest-callgrind.XXXXXX")
trap 'rm -f "$out"' EXIT
# One run of each piece of work; inclusive counts per function.
valgrind --tool=callgrind --callgrind-out-file="$out" "$core" --runs 1 >/dev/null 2>&1
callgrind_annotate --inclusive=yes "$out" 2>/dev/null |
  awk '/bench_load_once|bench_parse_once|bench_daily_once|bench_motion_once/ {
         gsub(",", "", $1)
         if ($0 ~ /bench_load_once/) what = "level pack load (from disk)"
         else if ($0 ~ /bench_parse_once/) what = "level file parse (all files, in memory)"
         else if ($0 ~ /bench_motion_once/) what = "motion detector (every shipped trace)"
         else what = "simulated daily session"
         printf "%-42s %12d instructions\n", what, $1
       }'
