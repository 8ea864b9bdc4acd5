#!/bin/sh
# Fails when a C source or header differs from .clang-format as applied by the
# pinned clang-format (Debian 12's clang-format-14, installed by
# tools/install-deps.sh). A different major version formats differently, so
# any other version is refused rather than trusted.
# Usage: tests/scripts/check_format.sh [SOURCE_DIR]   (fix: add -i to the same command)
set -eu
root=${1:-$(dirname "$0")/../..}
cd "$root"
CF=${CLANG_FORMAT:-clang-format-14}
if ! command -v "$CF" >/dev/null 2>&1; then
    echo "check_format: $CF not found (tools/install-deps.sh installs clang-format-14)" >&2
    exit 1
fi
case "$("$CF" --version)" in
    *" version 14."*) ;;
    *) echo "check_format: $CF is not clang-format 14: $("$CF" --version)" >&2; exit 1 ;;
esac
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find src include tests bench tools -name '*.[ch]')
bad=0
# one clang-format for all files (one process per file took 40 s of every
# test run); only when that fails, file by file to name the offenders
# shellcheck disable=SC2086
if ! "$CF" --dry-run -Werror $files >/dev/null 2>&1; then
    for f in $files; do
        if ! "$CF" --dry-run -Werror "$f" >/dev/null 2>&1; then
            echo "check_format: $f differs from .clang-format (fix: $CF -i $f)" >&2
            bad=$((bad + 1))
        fi
    done
    [ "$bad" -ne 0 ] || bad=1
fi
if [ "$bad" -ne 0 ]; then
    echo "check_format: $bad file(s) not formatted" >&2
    exit 1
fi
echo "check_format: $(echo "$files" | wc -w) files formatted"
