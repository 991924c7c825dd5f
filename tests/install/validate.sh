#!/bin/sh
# validate.sh PREFIX: the validators on the installed files (after
# install_prefix): desktop-file-validate, appstreamcli (the metainfo alone,
# pedantic, and the installed tree with its desktop file and icons), man's
# own warnings on the man page, and each icon's size.  appstreamcli runs
# with --no-net: the screenshot and homepage URLs are not fetched.
# Exit 77 (skipped) when a validator is missing: tools/deps.sh --test.
set -eu
prefix=$1
id=io.github.corequest.corequest
missing=""
for tool in desktop-file-validate appstreamcli man file; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
    echo "SKIP: not installed:$missing (tools/deps.sh --test installs desktop-file-utils, appstream, man-db, file)"
    exit 77
fi
fail() { echo "install_validate: FAIL: $*" >&2; exit 1; }
[ -d "$prefix/share" ] || fail "$prefix is not installed (install_prefix sets it up)"

echo "== desktop-file-validate"
out=$(desktop-file-validate "$prefix/share/applications/$id.desktop" 2>&1) || fail "$out"
[ -z "$out" ] || fail "desktop-file-validate said: $out"
echo "clean"

echo "== appstreamcli validate --no-net --pedantic"
appstreamcli validate --no-net --pedantic "$prefix/share/metainfo/$id.metainfo.xml" || fail "the metainfo"
echo "== appstreamcli validate-tree --no-net"
appstreamcli validate-tree --no-net "$prefix" || fail "the installed tree"

echo "== man --warnings"
warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
    man --warnings -E UTF-8 -l -Tutf8 -Z "$prefix/share/man/man6/corequest.6.gz" 2>&1 >/dev/null) ||
    fail "man could not format the page: $warnings"
[ -z "$warnings" ] || fail "the man page: $warnings"
echo "clean"

echo "== icons"
for s in 16 22 24 32 48 64 128 256 512; do
    f="$prefix/share/icons/hicolor/${s}x${s}/apps/$id.png"
    file "$f" | grep -q "PNG image data, $s x $s, 8-bit/color RGBA" || fail "$f: $(file -b "$f")"
done
echo "9 sizes, RGBA PNG"
