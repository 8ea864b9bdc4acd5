#!/bin/sh
# Installs the Debian 12 packages povatlas needs to build, run and test,
# skipping what is already there. Run as root (or through sudo).
set -eu

PACKAGES="
build-essential cmake pkg-config
libgdal-dev gdal-bin python3-gdal
libproj-dev proj-bin proj-data
libgeos-dev
libspatialite-dev libsqlite3-mod-spatialite libsqlite3-dev sqlite3
libcairo2-dev libpango1.0-dev libglib2.0-dev
libcsv-dev
libpq-dev postgresql-15 postgresql-15-postgis-3
libcmocka-dev
fonts-noto-core fonts-dejavu-core
poppler-utils
chromium
groff-base
clang-14 libclang-rt-14-dev llvm-14 clang-format-14
"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "install-deps: all packages present"
    exit 0
fi

echo "install-deps: installing$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
