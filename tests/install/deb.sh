#!/bin/sh
# deb.sh BUILD_DIR WORK_DIR: builds the .deb with `cpack -G DEB`, installs
# it with `apt-get install ./corequest_*.deb` as a person would, runs the
# installed /usr/bin/corequest from / (--version, --paths, --check-levels,
# a simulated level, the window for a few seconds on SDL's dummy driver),
# checks the launcher, and removes the package again.
# It changes the system, so it runs only as root, with apt and dpkg, and
# never over a corequest package that was installed before: otherwise
# exit 77 (skipped) with the reason.
set -eu
build=$1 work=$2
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "install_deb: FAIL: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || skip "installing a .deb needs root (CI runs as root)"
for tool in apt-get dpkg dpkg-deb dpkg-query dpkg-shlibdeps cpack; do
    command -v "$tool" >/dev/null 2>&1 || skip "$tool is not available (a Debian system with dpkg-dev: tools/deps.sh --test)"
done
if dpkg-query -W -f='${Status}' corequest 2>/dev/null | grep -q "ok installed"; then
    skip "a corequest package is already installed here; not replacing it"
fi

rm -rf "$work"
mkdir -p "$work"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log"; fail "cpack -G DEB"; }
set -- "$work"/corequest_*.deb
[ -f "$1" ] || fail "cpack made no corequest_*.deb"
deb=$1
echo "built $(basename "$deb"):"
dpkg-deb --field "$deb" Package Version Architecture Section Depends
contents=$(dpkg-deb --contents "$deb")
for f in ./usr/bin/corequest ./usr/share/corequest/levels/01-pelvic-tilt.json \
         ./usr/share/applications/io.github.corequest.corequest.desktop \
         ./usr/share/metainfo/io.github.corequest.corequest.metainfo.xml \
         ./usr/share/icons/hicolor/256x256/apps/io.github.corequest.corequest.png \
         ./usr/share/man/man6/corequest.6.gz; do
    echo "$contents" | grep -q " $f\$" || fail "the package lacks $f"
done

cleanup() {
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq --purge -o DPkg::Lock::Timeout=300 corequest >"$work/remove.log" 2>&1 || true
}
trap cleanup EXIT
echo "apt-get install $deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o DPkg::Lock::Timeout=300 "$deb" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log"; fail "apt-get install"; }
dpkg-query -W -f='${Status} ${Version}\n' corequest

cd /
export XDG_DATA_HOME="$work/data" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
version=$(corequest --version) || fail "corequest --version"
echo "$version"
case "$version" in "corequest "*) ;; *) fail "--version said '$version'" ;; esac
[ "$(command -v corequest)" = /usr/bin/corequest ] || fail "corequest is not /usr/bin/corequest"
corequest --paths | grep -qx "levels: /usr/share/corequest/levels (installed)" || fail "--paths: $(corequest --paths)"
corequest --check-levels /usr/share/corequest/levels | grep -q "0 errors" || fail "--check-levels"
corequest --simulate --level=pelvic_tilt_1 --mode tempo | grep -q "^session_done" || fail "--simulate"
# The window starts (dummy video: fonts, levels and the save all found) and
# runs until it is told to stop.
rc=0
timeout -s TERM 8 corequest --data-dir "$work/save" >"$work/window.log" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 124 ] || { cat "$work/window.log"; fail "the window ended with status $rc"; }
[ -f "$work/save/corequest.instance.lock" ] || fail "the window never reached its save"
if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate /usr/share/applications/io.github.corequest.corequest.desktop || fail "the installed launcher"
fi
grep -qx "Exec=corequest" /usr/share/applications/io.github.corequest.corequest.desktop || fail "the launcher's Exec"

trap - EXIT
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq --purge -o DPkg::Lock::Timeout=300 corequest >"$work/remove.log" 2>&1 ||
    { cat "$work/remove.log"; fail "apt-get remove"; }
[ ! -e /usr/bin/corequest ] || fail "/usr/bin/corequest is still there after the removal"
[ ! -e /usr/share/corequest ] || fail "/usr/share/corequest is still there after the removal"
echo "install_deb: installed, ran and removed $(basename "$deb")"
