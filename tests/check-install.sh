#!/bin/sh
# Installs the build into a temporary folder and checks that every file the
# desktop needs lands under the prefix.
# Usage: check-install.sh BUILD_DIR PREFIX APP_ID   (MESON: the meson to run)
set -eu

build_dir=$1
prefix=$2
app_id=$3
meson=${MESON:-meson}

destdir=$(mktemp -d "${TMPDIR:-/tmp}/atlas-install-XXXXXX")
trap 'rm -rf "$destdir"' EXIT

echo "# installing into $destdir"
"$meson" install -C "$build_dir" --destdir "$destdir" --no-rebuild --quiet

root="$destdir$prefix"
status=0
n=0

check () {
    n=$((n + 1))
    if [ -s "$root/$1" ]; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1 is missing or empty"
        status=1
    fi
}

check "bin/cooperation-atlas"
check "share/applications/$app_id.desktop"
check "share/metainfo/$app_id.metainfo.xml"
check "share/glib-2.0/schemas/$app_id.gschema.xml"
check "share/icons/hicolor/scalable/apps/$app_id.svg"
check "share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"

n=$((n + 1))
if [ -x "$root/bin/cooperation-atlas" ]; then
    echo "ok $n - the program is executable"
else
    echo "not ok $n - bin/cooperation-atlas is not executable"
    status=1
fi

# At least one catalogue (the languages of po/LINGUAS).
n=$((n + 1))
if ls "$root"/share/locale/*/LC_MESSAGES/cooperation-atlas.mo >/dev/null 2>&1; then
    echo "ok $n - translations"
else
    echo "not ok $n - no translation catalogue under share/locale"
    status=1
fi

echo "1..$n"
exit $status
