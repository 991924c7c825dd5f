#!/bin/sh
# deps.sh: installs the Debian 12 packages corequest needs, if any are missing.
#   tools/deps.sh         what building and running needs (libsystemd-dev:
#                         the audio-only mode asks logind not to sleep;
#                         libcairo2-dev: --report FILE.pdf)
#   tools/deps.sh --test  that, plus what the tests need: cmocka; clang with
#                         its sanitizer runtime for the fuzz target; the
#                         validators (desktop-file-utils, appstream, man-db,
#                         file); dpkg-dev for cpack -G DEB; dbus-daemon to
#                         stand in for the system bus; poppler-utils
#                         (pdfinfo, pdftotext) to read the PDF report back;
#                         tzdata for the time-zone cases
# Without --test, CMake builds no tests (they need cmocka) and the app still
# builds and runs.  (tools/make-sounds.sh, which regenerates the beeps, also
# wants sox.)
set -eu

packages="gcc make cmake pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-mixer-dev libsdl2-image-dev libjansson-dev libsqlite3-dev flite1-dev libsystemd-dev libcairo2-dev"
if [ "${1:-}" = "--test" ]; then
  packages="$packages libcmocka-dev clang-14 libclang-rt-14-dev desktop-file-utils appstream man-db file dpkg-dev dbus-daemon poppler-utils tzdata"
fi

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps.sh: installing$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
