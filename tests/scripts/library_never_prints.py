#!/usr/bin/env python3
"""The library never prints and never exits (docs/architecture.md, "Errors").

Fails when a C file of src/ outside src/cli/ calls anything that writes
to the terminal (printf, puts, perror, g_print, g_warning ... or fprintf,
fputs, fwrite, vfprintf to stdout/stderr, write to descriptors 1 and 2)
or ends the process (exit, abort, g_error), and when it lets PROJ print:
PROJ's default logger writes to stderr, so a context made with
proj_context_create() must get its logger (proj_log_func) right after,
and no PROJ call may use the default context (NULL). Only the CLI prints: a
library message belongs in a povatlas_error or the import report.
Comments and string literals are blanked before matching, so a comment
saying "stderr" is not a call. Writing to a FILE * the library opened
(fprintf(fp, ...)) is output to a file and allowed.

usage: library_never_prints.py SOURCE_DIR
       library_never_prints.py --selftest
"""
import pathlib
import re
import sys

from c_text import blank

TERMINAL = re.compile(
    r"\b(printf|vprintf|puts|putchar|perror|g_print|g_printerr|g_warning"
    r"|g_message|g_critical|g_info|g_debug|g_log|g_error|exit|_exit|abort"
    r"|quick_exit)\s*\(")
TO_STREAM = re.compile(
    r"\b(fprintf|vfprintf|fputs|fputc|putc|fwrite|fflush)\s*\(([^;]*?)"
    r"\b(stdout|stderr)\b")
TO_FD = re.compile(r"\bwrite\s*\(\s*(1|2|STDOUT_FILENO|STDERR_FILENO)\s*,")
PROJ_CONTEXT = re.compile(r"\bproj_context_create\s*\(\s*\)")
PROJ_LOGGER = re.compile(r"\bproj_log_func\s*\(")
PROJ_DEFAULT = re.compile(r"\bproj_\w+\s*\(\s*(NULL|0|PJ_DEFAULT_CTX)\s*,")
# how far after proj_context_create() its logger must be set: the next
# few statements, before any call could log
PROJ_LOGGER_WITHIN = 400


def offences(code):
    """(line, text, why) of every call that prints or exits in @code."""
    found = []
    clean = blank(code)
    lines = code.splitlines()
    hits = [(m, "the library prints or exits")
            for rx in (TERMINAL, TO_STREAM, TO_FD)
            for m in rx.finditer(clean)]
    hits += [(m, "PROJ's default context prints to stderr")
             for m in PROJ_DEFAULT.finditer(clean)]
    hits += [(m, "a PROJ context without its logger prints to stderr")
             for m in PROJ_CONTEXT.finditer(clean)
             if not PROJ_LOGGER.search(clean, m.end(),
                                       m.end() + PROJ_LOGGER_WITHIN)]
    for m, why in hits:
        line = clean.count("\n", 0, m.start()) + 1
        found.append((line, lines[line - 1].strip(), why))
    return sorted(set(found))


def selftest():
    bad = [
        'printf("x");', 'fprintf(stderr, "%s", m);', "perror(path);",
        'g_warning("x");', "exit(1);", "abort();", 'fputs("x", stdout);',
        "fwrite(b, 1, n, stderr);", 'write(2, "x", 1);',
        'g_printerr("x");', 'puts("x");',
        "PJ_CONTEXT *c = proj_context_create();\nreturn c;",
        "topo t = {GEOS_init_r(), proj_context_create(), NULL};",
        'PJ *p = proj_create(NULL, "EPSG:4326");',
        "proj_create_crs_to_crs(PJ_DEFAULT_CTX, a, b, NULL);",
    ]
    good = [
        'fprintf(fp, "x");', '/* printf("x") */', '"printf(x)";',
        'g_strdup_printf("%d", 1);', 'g_snprintf(b, 8, "x");',
        "g_string_append_printf(s, \"x\");", "// exit(1)",
        'povatlas_error_set(err, 1, "cannot write to stderr");',
        "my_exit_code = 1;", "g_ascii_formatd(b, 8, \"%f\", v);",
        "ctx = proj_context_create();\nif (ctx)\n"
        "    proj_log_func(ctx, e, log);",
        'PJ *p = proj_create(ctx, "EPSG:4326");', "proj_destroy(NULL);",
    ]
    ok = True
    for b in bad:
        if not offences(b):
            print("selftest: missed", b)
            ok = False
    for g in good:
        if offences(g):
            print("selftest: false alarm on", g)
            ok = False
    return 0 if ok else 1


def main(argv):
    if len(argv) == 2 and argv[1] == "--selftest":
        return selftest()
    if len(argv) != 2:
        print(__doc__)
        return 2
    src = pathlib.Path(argv[1]) / "src"
    bad = 0
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".c", ".h") or "cli" in path.relative_to(src).parts[:1]:
            continue
        for line, text, why in offences(path.read_text(encoding="utf-8")):
            print(f"{path.relative_to(src.parent)}:{line}: {why}: {text}")
            bad += 1
    if bad:
        print(f"{bad} call(s): return a povatlas_error (or add to the import "
              "report) and let the CLI print it")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
