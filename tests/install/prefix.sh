#!/bin/sh
# prefix.sh BUILD_DIR WORK_DIR SOURCE_DIR: installs the build into
# WORK_DIR/prefix with `cmake --install`, then runs the installed binary from
# / (--version, --paths, --check-levels, --list-levels, --simulate,
# --screenshot).  Then moves the prefix to a fresh folder outside the build
# and runs it again: the installed app finds its files from where it is,
# never from the source tree.  WORK_DIR/prefix stays for install_validate.
set -eu
build=$1 work=$2 source=$3
fail() { echo "install_prefix: FAIL: $*" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work/data"
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log" || fail "cmake --install (see $work/install.log)"
export XDG_DATA_HOME="$work/data" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy

check_tree() { # check_tree PREFIX: run the installed binary at PREFIX from /
    p=$1
    bin="$p/bin/corequest"
    [ -x "$bin" ] || fail "$bin is missing"
    cd /
    version=$("$bin" --version) || fail "--version"
    [ "$version" = "corequest $COREQUEST_VERSION" ] || fail "--version said '$version'"
    paths=$("$bin" --paths) || fail "--paths: $paths"
    echo "$paths"
    echo "$paths" | grep -qx "levels: $p/share/corequest/levels (installed)" || fail "levels not found in $p"
    echo "$paths" | grep -qx "assets: $p/share/corequest/assets (installed)" || fail "assets not found in $p"
    case "$paths" in *"(source tree)"* | *"$source/levels "* | *"$source/assets "*)
        fail "the installed binary looks in the source tree $source" ;; esac
    out=$("$bin" --check-levels "$p/share/corequest/levels") || fail "--check-levels: $out"
    echo "$out" | grep -q "8 tracks and 21 levels loaded; 0 errors" || fail "--check-levels said: $out"
    "$bin" --list-levels | grep -q "^Level pack: $p/share/corequest/levels" || fail "--list-levels did not use the installed pack"
    "$bin" --simulate --level=bridge_1 --mode tempo >"$work/simulate.txt" || fail "--simulate"
    grep -q "^session_done exercises=1" "$work/simulate.txt" || fail "--simulate did not finish"
    rm -rf "$work/shots"
    "$bin" --screenshot "$work/shots" --size 640x360 >"$work/shots.txt" || fail "--screenshot"
    n=$(ls "$work/shots"/*.png | wc -l)
    [ "$n" -ge 20 ] || fail "--screenshot wrote $n pictures"
}

COREQUEST_VERSION=$(sed -n 's/^project(corequest VERSION \([0-9.]*\).*/\1/p' "$source/CMakeLists.txt")
check_tree "$prefix"

# Every file the desktop needs is there.
id=io.github.corequest.corequest
for f in share/applications/$id.desktop share/metainfo/$id.metainfo.xml \
         share/man/man6/corequest.6.gz share/doc/corequest/LICENSE \
         share/corequest/assets/fonts/OFL-1.1.txt share/corequest/assets/README.md; do
    [ -f "$prefix/$f" ] || fail "$f was not installed"
done
for s in 16 22 24 32 48 64 128 256 512; do
    [ -f "$prefix/share/icons/hicolor/${s}x${s}/apps/$id.png" ] || fail "no ${s}x${s} icon"
done
[ ! -e "$prefix/share/corequest/assets/icons" ] || fail "the theme icons were copied into the assets too"

# Relocated: the same tree in another folder still finds its own files.
moved=$(mktemp -d "${TMPDIR:-/tmp}/corequest-moved.XXXXXX")
trap 'rm -rf "$moved"' EXIT
cp -a "$prefix/." "$moved/"
check_tree "$moved"
echo "install_prefix: the installed app runs from / in $prefix and, moved, in $moved"
