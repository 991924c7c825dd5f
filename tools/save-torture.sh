#!/usr/bin/env bash
# save-torture.sh: SIGKILLs `corequest --simulate` at random moments, again
# and again, and checks after every kill that the save still opens and holds
# every exercise the killed run reported as saved.  Not part of CI (it takes
# minutes); see docs/SAVE.md.
#
#   tools/save-torture.sh [-n KILLS] [-s SEED] [-b BINARY] [-w WORKDIR]
#
# Every few runs start on a fresh data folder, so kills land while the save
# is being created; some fresh folders hold a version 1 save, so kills land
# while it is being migrated (needs the sqlite3 command).  Half of these
# are aimed: COREQUEST_SAVE_TEST_HOOK makes creation and migration pause
# 300 ms inside their transaction and mark it on stderr, and the kill comes
# at a random moment after the mark, inside the transaction.  The others
# are killed at a random moment around the start (half of them with a
# 40 ms pause widening the window).  The hook's marks tell afterwards
# whether a kill fell inside such a transaction.  After each kill
# `corequest --history` must open the save with nothing to complain about
# (no "Cannot", no damage, nothing moved aside) and `--export-csv` must list
# at least every exercise reported with saved=yes or saved=queued.  Exit
# status 0 when nothing was lost, every save opened and none was moved
# aside.
set -u

kills_wanted=200
seed=9
binary=""
work=""
while getopts "n:s:b:w:h" opt; do
    case "$opt" in
        n) kills_wanted=$OPTARG ;;
        s) seed=$OPTARG ;;
        b) binary=$OPTARG ;;
        w) work=$OPTARG ;;
        *) sed -n '2,22p' "$0"; exit 2 ;;
    esac
done

here=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "$binary" ]; then
    for candidate in "$here/build/corequest" "$here"/build*/corequest; do
        [ -x "$candidate" ] && { binary=$candidate; break; }
    done
fi
[ -x "$binary" ] || { echo "save-torture: no corequest binary (use -b)" >&2; exit 2; }
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
[ -n "$work" ] || work=$(mktemp -d "${TMPDIR:-/tmp}/corequest-torture.XXXXXX")
mkdir -p "$work"
v1_sql="$here/tests/data/save_v1/corequest-v1.sql"
have_sqlite3=0
command -v sqlite3 > /dev/null && have_sqlite3=1

RANDOM=$seed
# LeakSanitizer has nothing to say about a killed process; the checks
# below run to their end and must be clean.
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
export LSAN_OPTIONS="suppressions=$here/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

runs=0 kills=0 finished=0 lost=0 unopenable=0 moved_aside=0
creation_kills=0 migration_kills=0 startup_kills=0 folders=0 reported_total=0
folder="" expected=0

# Whole lines only: a line cut by the kill was never reported.
whole_lines() {
    if [ -s "$1" ] && [ -n "$(tail -c1 "$1")" ]; then sed '$d' "$1"; else cat "$1"; fi
}

new_folder() {
    folders=$((folders + 1))
    folder="$work/f$folders"
    rm -rf "$folder"
    mkdir -p "$folder"
    expected=0
    kind=fresh
    if [ $have_sqlite3 = 1 ] && [ $((RANDOM % 3)) = 0 ]; then
        sqlite3 "$folder/corequest.db" < "$v1_sql" || exit 2
        expected=6 # the version 1 fixture's exercises
        kind=v1
    fi
}

while [ $kills -lt "$kills_wanted" ] && [ $runs -lt $((kills_wanted * 4)) ]; do
    if [ -z "$folder" ] || [ $((RANDOM % 3)) = 0 ]; then new_folder; fi
    runs=$((runs + 1))
    hook="create:mark,created:mark,migrate:mark,migrated:mark"
    fresh_run=0
    [ -f "$folder/corequest.db" ] && [ "$kind" != v1 ] || fresh_run=1
    aim=0
    if [ $fresh_run = 1 ]; then
        case $((RANDOM % 4)) in
            # Seeing the mark takes this shell up to ~100 ms on a busy
            # machine, hence the long pause.
            0|1) aim=1; hook="$hook,create:pause=300,migrate:pause=300"
               delay_ms=$((RANDOM % 200)) ;;
            # Around the moment the save is opened (130-200 ms after the
            # start in an ASan build on a busy 2-core machine).
            2) hook="$hook,create:pause=40,migrate:pause=40"
               delay_ms=$((100 + RANDOM % 150)) ;;
            *) delay_ms=$((100 + RANDOM % 150)) ;;
        esac
    else
        delay_ms=$((RANDOM % 450))
    fi
    out="$work/run.out" err="$work/run.err"
    : > "$err"
    COREQUEST_SAVE_TEST_HOOK="$hook" \
        "$binary" --simulate --mode tempo --data-dir "$folder" > "$out" 2> "$err" &
    pid=$!
    if [ $aim = 1 ]; then
        # Up to 3 s for the transaction to begin, then a random moment in it.
        for _ in $(seq 600); do
            grep -q '^corequest-test-hook: \(create\|migrate\)$' "$err" && break
            kill -0 "$pid" 2> /dev/null || break
            sleep 0.005
        done
    fi
    sleep "$(printf '0.%03d' "$delay_ms")"
    kill -KILL "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
    status=$?
    reported=$(whole_lines "$out" | grep -c ' exercise_done .* saved=\(yes\|queued\)$')
    expected=$((expected + reported))
    reported_total=$((reported_total + reported))
    if [ $status = 137 ]; then
        kills=$((kills + 1))
        # Inside the transaction: its mark was printed, the one after not.
        began=$(grep -c '^corequest-test-hook: \(create\|migrate\)$' "$err")
        ended=$(grep -c '^corequest-test-hook: \(created\|migrated\)$' "$err")
        if [ "$began" -gt "$ended" ]; then
            if grep -q '^corequest-test-hook: create$' "$err" &&
                ! grep -q '^corequest-test-hook: created$' "$err"; then
                creation_kills=$((creation_kills + 1))
            else
                migration_kills=$((migration_kills + 1))
            fi
        elif [ "$reported" = 0 ] && [ $fresh_run = 1 ]; then
            startup_kills=$((startup_kills + 1))
        fi
    elif [ $status = 0 ]; then
        finished=$((finished + 1))
    else
        echo "run $runs: corequest exited $status: $(head -c 300 "$err")"
        unopenable=$((unopenable + 1))
    fi
    kind=used

    # The next start: it must open the save cleanly and find every result.
    if ! "$binary" --history --data-dir "$folder" > "$work/history.out" 2> "$work/history.err" ||
        grep -q -i 'cannot\|damaged\|broken\|not a corequest' "$work/history.err"; then
        unopenable=$((unopenable + 1))
        echo "run $runs: the save did not open cleanly: $(head -c 300 "$work/history.err")"
    fi
    broken=$(find "$folder" -maxdepth 1 -name 'corequest.db.broken-*' ! -name '*-wal' \
        ! -name '*-shm' ! -name '*-journal' | wc -l)
    if [ "$broken" -gt 0 ]; then
        moved_aside=$((moved_aside + broken))
        echo "run $runs: a save was moved aside in $folder"
        new_folder
        continue
    fi
    found=0
    if [ -f "$folder/corequest.db" ]; then
        rm -f "$work/export.csv"
        "$binary" --export-csv "$work/export.csv" --data-dir "$folder" > /dev/null 2>&1
        [ -f "$work/export.csv" ] && found=$(($(wc -l < "$work/export.csv") - 1))
    fi
    if [ "$found" -lt "$expected" ]; then
        echo "run $runs: $((expected - found)) reported result(s) missing in $folder"
        lost=$((lost + expected - found))
    fi
    expected=$found # at most one more than reported: committed, not yet printed
done

cat << EOF
save-torture: $runs runs on $folders data folders ($binary, seed $seed)
  kills:                $kills
    inside creation:    $creation_kills (in the transaction that creates the save)
    inside migration:   $migration_kills (in a migration's transaction, version 1 saves)
    other start-up:     $startup_kills (fresh folder, before the first exercise)
  runs that finished:   $finished
  results reported:     $reported_total
  lost results:         $lost
  unopenable saves:     $unopenable
  saves moved aside:    $moved_aside
  work folder:          $work
EOF
[ $lost = 0 ] && [ $unopenable = 0 ] && [ $moved_aside = 0 ]
