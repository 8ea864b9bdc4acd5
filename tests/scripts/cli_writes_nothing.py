#!/usr/bin/env python3
"""Fails (exit 1, one line per offence) when a file of src/cli/ writes to
the workspace itself instead of leaving it to the command's library entry
point (issue 10, item 1; docs/architecture.md: the CLI "never writes to the
workspace").

The CLI parses options, makes one library call and prints. An offence is:
- SQL in the CLI: a statement that writes (INSERT, UPDATE, DELETE, REPLACE,
  CREATE, DROP, ALTER) in a string, or sqlite3 / spatialite at all;
- a store writer: povatlas_workspace_put_*, _set_*, _clear_*, _delete_*;
- a call to a public function that takes a store switch (a parameter or
  an options field named "store", read from include/povatlas/*.h), or a
  store switch set (".store =", "->store =", *_COMPUTE_STORE): the CLI
  calls the command's entry point (povatlas_coverage_report() ...), which
  decides what is stored;
- removing or renaming a file (unlink, remove, rename): a half-made
  workspace is the library's to clean up.
Comments are ignored; SQL is looked for in string literals only, other
names outside them.

Usage: cli_writes_nothing.py SOURCE_DIR | --selftest"""
import glob
import os
import re
import sys

from c_text import blank

SQL_WRITE = re.compile(
    r"\b(INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
    r"REPLACE\s+INTO|CREATE\s+(TABLE|INDEX|VIEW|TRIGGER)|DROP\s+\w+|"
    r"ALTER\s+TABLE)\b",
    re.I)
NAMES = [
    (re.compile(r"\bsqlite3\w*|\bspatialite\w*", re.I), "runs SQL"),
    (re.compile(r"\bpovatlas_workspace_(put|set|clear|delete)_\w+"),
     "calls a store writer"),
    (re.compile(r"(\.|->)\s*store\s*=(?!=)"), "sets a store switch"),
    (re.compile(r"\b\w+_COMPUTE_STORE\b"), "sets a store switch"),
    (re.compile(r"\b(g_)?(unlink|remove|rename|unlinkat|renameat)\s*\("),
     "removes or renames a file"),
]


# Command entry points that take an options struct with a store field but
# decide themselves what is stored (the field is ignored).
ENTRY_POINTS = {
    "povatlas_zones_report",  # stores derived or overridden zones only
}

STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def store_switch_functions(include_dir):
    """Public functions that take a store switch: a parameter named store,
    or an options struct with a store field."""
    text = ""
    for path in sorted(glob.glob(os.path.join(include_dir, "*.h"))):
        with open(path, encoding="utf-8") as f:
            text += blank(f.read(), strings=False)
    opts_with_store = set(re.findall(
        r"typedef\s+struct\s+\w+\s*\{[^}]*\bint\s+store\s*;[^}]*\}\s*(\w+)\s*;",
        text))
    names = set()
    for m in re.finditer(
            r"POVATLAS_API\s+[^;{]*?\b(povatlas_\w+)\s*\(([^;]*?)\)\s*;",
            text, re.S):
        name, params = m.group(1), m.group(2)
        if name.endswith("_opts_init") or name in ENTRY_POINTS:
            continue  # sets the defaults / decides what is stored
        if re.search(r"\bint\s+store\b", params) or any(
                re.search(r"\b%s\s*\*" % o, params) for o in opts_with_store):
            names.add(name)
    return names


def offences(path, text, switch_fns):
    code = blank(text, strings=False)
    found = []
    for lineno, line in enumerate(code.split("\n"), 1):
        for s in STRING.findall(line):
            if SQL_WRITE.search(s):
                found.append((lineno, "writes with SQL: %s" % s.strip()))
        bare = STRING.sub('""', line)
        for rx, why in NAMES:
            m = rx.search(bare)
            if m:
                found.append((lineno, "%s (%s)" % (why, m.group(0).strip())))
        for fn in switch_fns:
            if re.search(r"\b%s\s*\(" % fn, bare):
                found.append((lineno, "calls %s(), which takes a store "
                              "switch: call the command's library entry "
                              "point" % fn))
    return ["%s:%d: %s" % (path, n, why) for n, why in found]


def check(source_dir):
    switch_fns = store_switch_functions(
        os.path.join(source_dir, "include", "povatlas"))
    bad = []
    files = sorted(glob.glob(os.path.join(source_dir, "src", "cli", "*.[ch]")))
    if not files:
        print("no files under %s/src/cli" % source_dir)
        return 1
    for path in files:
        with open(path, encoding="utf-8") as f:
            bad += offences(os.path.relpath(path, source_dir), f.read(),
                            switch_fns)
    for line in bad:
        print(line)
    return 1 if bad else 0


def selftest():
    switch_fns = {"povatlas_coverage_compute", "povatlas_zones_compute"}
    cases = [
        ('x = povatlas_coverage_report(ws, y, NULL, &err);', 0),
        ('/* povatlas_coverage_compute(ws, y, NULL, 1, &err) */', 0),
        ('printf("INSERT INTO is a word here\\n");', 1),
        ('q = "DELETE FROM indicators WHERE year = ?";', 1),
        ('q = "select the year";', 0),
        ('c = povatlas_coverage_compute(ws, y, NULL, 1, &err);', 1),
        ('z = povatlas_zones_compute (ws, &o, &err);', 1),
        ('o.store = derive || override;', 1),
        ('if (o.store == 1) return;', 0),
        ('t = f(ws, 1, 2, POVATLAS_TRANSITIONS_COMPUTE_STORE, &err);', 1),
        ('povatlas_workspace_set_place(ws, p, NULL, &err);', 1),
        ('povatlas_workspace_get_place(ws, "vi", &p, &err);', 0),
        ('g_unlink(cli_db(&common));', 1),
        ('sqlite3_exec(db, "x", NULL, NULL, NULL);', 1),
        ('printf("see sqlite3 docs");', 0),
    ]
    failed = 0
    for line, want in cases:
        got = len(offences("t.c", line, switch_fns))
        if (got > 0) != (want > 0):
            print("selftest: %r gave %d offences, want %d" % (line, got, want))
            failed = 1
    header = ("typedef struct povatlas_zones_opts { int derive; int store; }"
              " povatlas_zones_opts;\n"
              "POVATLAS_API povatlas_zone_list *povatlas_zones_compute("
              "povatlas_workspace *ws, const povatlas_zones_opts *opts,"
              " povatlas_error **err);\n"
              "POVATLAS_API void povatlas_zones_opts_init("
              "povatlas_zones_opts *opts);\n"
              "POVATLAS_API povatlas_coverage *povatlas_coverage_compute("
              "povatlas_workspace *ws, int year, const char *program,"
              " int store, povatlas_error **err);\n"
              "POVATLAS_API povatlas_coverage *povatlas_coverage_report("
              "povatlas_workspace *ws, int year, const char *program,"
              " povatlas_error **err);\n")
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "x.h"), "w", encoding="utf-8") as f:
            f.write(header)
        got = store_switch_functions(d)
    want = {"povatlas_zones_compute", "povatlas_coverage_compute"}
    if got != want:
        print("selftest: store switch functions %s, want %s"
              % (sorted(got), sorted(want)))
        failed = 1
    return failed


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.split("Usage: ")[1])
        sys.exit(2)
    sys.exit(selftest() if sys.argv[1] == "--selftest" else
             check(sys.argv[1]))
