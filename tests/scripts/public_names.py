#!/usr/bin/env python3
"""Every public function is named in a test (issue 10, item 7).

Usage: public_names.py SOURCE_DIR

Reads every function declared POVATLAS_API in SOURCE_DIR/include/povatlas/
*.h and every C file under SOURCE_DIR/tests/ with its comments and string
literals removed (a name in a comment or a message is not a test of it),
and exits 1 listing, per header, the functions no test names.

NOT_YET below lists the functions still waiting for a test. It may only
shrink: a listed function that a test now names is an error too, so the
list never hides a function that is covered or one that was removed.
"""
import glob
import os
import re
import sys

# Functions no test names yet; remove a line when its test lands. Empty:
# every public function is named in a test, and a new one lands with it.
NOT_YET = set()

COMMENT_OR_STRING = re.compile(
    r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def strip(text):
    """C text without comments and string or character literals."""
    return COMMENT_OR_STRING.sub(
        lambda m: " " if m.group(0).startswith("/") else '""', text)


def public_functions(include_dir):
    """{name: header} of every POVATLAS_API function declaration."""
    names = {}
    for path in sorted(glob.glob(os.path.join(include_dir, "*.h"))):
        with open(path, encoding="utf-8") as f:
            text = strip(f.read())
        # preprocessor lines (the POVATLAS_API definition itself) out
        text = re.sub(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", "", text, flags=re.M)
        for m in re.finditer(r"\bPOVATLAS_API\b([^;{}()]*?)(\w+)\s*\(",
                             text):
            names[m.group(2)] = os.path.basename(path)
    return names


def test_words(tests_dir):
    """Every identifier used in the C files under tests/."""
    words = set()
    for root, _, files in os.walk(tests_dir):
        for name in files:
            if not name.endswith((".c", ".h")):
                continue
            with open(os.path.join(root, name), encoding="utf-8",
                      errors="replace") as f:
                words.update(re.findall(r"\b[A-Za-z_]\w*\b", strip(f.read())))
    return words


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: public_names.py SOURCE_DIR")
    src = sys.argv[1]
    names = public_functions(os.path.join(src, "include", "povatlas"))
    if len(names) < 100:
        sys.exit("only %d public functions found in include/povatlas: "
                 "the declaration pattern no longer matches" % len(names))
    words = test_words(os.path.join(src, "tests"))
    missing = sorted((h, n) for n, h in names.items()
                     if n not in words and n not in NOT_YET)
    stale = sorted(n for n in NOT_YET if n not in names or n in words)
    for header, name in missing:
        print("%s: %s is named in no test under tests/" % (header, name))
    for name in stale:
        why = "no longer public" if name not in names else "now named in a test"
        print("%s is %s: remove it from NOT_YET in %s" %
              (name, why, os.path.basename(__file__)))
    unnamed = sum(1 for n in names if n not in words)
    print("%d public functions, %d named in tests, %d not yet" %
          (len(names), len(names) - unnamed, unnamed))
    return 1 if missing or stale else 0


if __name__ == "__main__":
    sys.exit(main())
