#!/bin/sh
# make-sounds.sh: generates the cue sounds in assets/sounds/ with sox.
# Deterministic (no dither, no noise), 48 kHz mono 16-bit; run it again after any change.
set -eu

cd "$(dirname "$0")/.."
out=assets/sounds
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# -D: no dither, so the same script always gives the same bytes.
SOX="sox -D -V1"
FMT="-r 48000 -b 16 -c 1 -e signed-integer"

# tone FILE SECONDS FREQ[-FREQ2] GAIN_DB DECAY_SECONDS
# A sine that starts at once (2 ms ramp, no click, a clear onset) and dies
# away over its last DECAY_SECONDS: a soft bell rather than a square buzz.
tone() {
    file=$1 len=$2 freq=$3 gain=$4 decay=$5
    # shellcheck disable=SC2086
    $SOX -n $FMT "$file" synth "$len" sine "$freq" fade t 0.002 "$len" "$decay" gain "$gain"
}

# chord FILE SECONDS GAIN_DB DECAY_SECONDS FREQ...
# Several sines mixed to one channel.
chord() {
    # sh has no locals: these names must not clash with tone's.
    c_file=$1 c_len=$2 c_gain=$3 c_decay=$4
    shift 4
    parts=""
    i=0
    for f in "$@"; do
        i=$((i + 1))
        tone "$tmp/chord_$i.wav" "$c_len" "$f" 0 "$c_decay"
        parts="$parts $tmp/chord_$i.wav"
    done
    # shellcheck disable=SC2086
    $SOX -m $parts $FMT "$c_file" gain "$c_gain"
    rm -f $parts
}

# silence FILE SECONDS
silence() {
    # shellcheck disable=SC2086
    $SOX -n $FMT "$1" trim 0 "$2"
}

# join OUT IN...: plays the inputs one after another.
join() {
    dest=$1
    shift
    # shellcheck disable=SC2086
    $SOX "$@" $FMT "$dest"
}

# 3-2-1: a short, dry tick in the middle of the range.
tone "$out/countdown.wav" 0.09 784 -8 0.07

# Go: a bright two-note chord, longer than a tick.
chord "$out/go.wav" 0.32 -9 0.26 1047 1568

# Hold end: a falling glide, "and let go".
tone "$out/hold_end.wav" 0.22 988-659 -8 0.14

# Rep done: one high, short ping, quiet so it can repeat often.
tone "$out/rep_done.wav" 0.11 1319 -11 0.09

# Side switch: low then high, like a step across.
tone "$tmp/sw1.wav" 0.10 523 -8 0.07
silence "$tmp/sw_gap.wav" 0.03
tone "$tmp/sw2.wav" 0.14 784 -8 0.10
join "$out/side_switch.wav" "$tmp/sw1.wav" "$tmp/sw_gap.wav" "$tmp/sw2.wav"

# Set done: three rising notes (C E G).
tone "$tmp/sd1.wav" 0.09 523 -9 0.05
tone "$tmp/sd2.wav" 0.09 659 -9 0.05
tone "$tmp/sd3.wav" 0.20 784 -9 0.16
join "$out/set_done.wav" "$tmp/sd1.wav" "$tmp/sd2.wav" "$tmp/sd3.wav"

# Exercise done: a rising arpeggio that lands on a held chord.
tone "$tmp/ed1.wav" 0.10 523 -9 0.06
tone "$tmp/ed2.wav" 0.10 659 -9 0.06
tone "$tmp/ed3.wav" 0.10 784 -9 0.06
chord "$tmp/ed4.wav" 0.45 -9 0.40 1047 1319
join "$out/exercise_done.wav" "$tmp/ed1.wav" "$tmp/ed2.wav" "$tmp/ed3.wav" "$tmp/ed4.wav"

# Level unlocked: a small fanfare, the longest and brightest sound.
tone "$tmp/lu1.wav" 0.12 784 -9 0.06
tone "$tmp/lu2.wav" 0.12 1047 -9 0.06
tone "$tmp/lu3.wav" 0.12 1319 -9 0.06
chord "$tmp/lu4.wav" 0.70 -10 0.62 1568 1976 2349
join "$out/level_unlocked.wav" "$tmp/lu1.wav" "$tmp/lu2.wav" "$tmp/lu3.wav" "$tmp/lu4.wav"

# Reminder: two soft, low pulses, a gentle nudge rather than an alarm.
tone "$tmp/rm1.wav" 0.16 440 -12 0.12
silence "$tmp/rm_gap.wav" 0.08
tone "$tmp/rm2.wav" 0.16 440 -12 0.12
join "$out/reminder.wav" "$tmp/rm1.wav" "$tmp/rm_gap.wav" "$tmp/rm2.wav"

echo "make-sounds.sh: wrote $(ls "$out"/*.wav | wc -l) sounds to $out"
