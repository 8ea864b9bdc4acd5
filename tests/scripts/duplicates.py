#!/usr/bin/env python3
"""Fails when a number or wording issue 10 found copied across src/ has a
second home again: each of these lives in one file, and the rest of the
code calls it.

  - the seeded random generator (splitmix64 seeding xoshiro256**):
    src/core/rng.c; no libc or GLib generator anywhere (their sequences
    differ between platforms, so seeded results would too);
  - the UTM zone of a longitude, floor((lon + 180) / 6) + 1:
    src/core/utm.h;
  - the latest review year of a workspace: one query in the store
    (povatlas_workspace_latest_year, src/store/counts.c), never a
    function of that name elsewhere or a loop keeping the last of
    povatlas_workspace_years();
  - the synthetic-data note ("DỮ LIỆU GIẢ LẬP", "SYNTHETIC DATA"):
    src/core/synthetic_note.c, which every map, chart, report and export
    asks.

Comments do not count; string literals count only for the note.

  duplicates.py SOURCE_DIR    check the tree, naming file and line
  duplicates.py --selftest    the rules on a made-up tree
"""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import c_text  # noqa: E402

# (what, its home (the files allowed, None: nowhere), regex over code with
#  comments blanked, whether string literals are kept for the regex)
RULES = [
    ("the seeded random generator (splitmix64 / xoshiro256**)",
     ("src/core/rng.c", "src/core/rng.h"),
     re.compile(r"0x[bB][fF]58476[dD]1[cC][eE]4[eE]5[bB]9|"
                r"0x94[dD]049[bB][bB]133111[eE][bB]|"
                r"\*\s*5\s*,\s*7\s*\)\s*\*\s*9"),
     False),
    ("a libc or GLib random generator (use core/rng.h)",
     None,
     re.compile(r"(?<![\w.>])(rand|random|srand|srandom|rand_r|drand48|"
                r"erand48|lrand48|g_random_\w+|g_rand_\w+)\s*\("),
     False),
    ("the UTM-zone formula (lon + 180) / 6",
     ("src/core/utm.h",),
     re.compile(r"\+\s*180(\.0*)?\s*\)\s*/\s*6(\.0*)?(?![\d.])"),
     False),
    ("a latest-year function",
     ("src/store/counts.c",),
     re.compile(r"^\s*(?:static\s+)?[\w\s\*]*?\b\w*latest_year\s*\("
                r"[^;{)]*\)\s*\{", re.M),
     False),
    ("the latest year kept from povatlas_workspace_years()",
     None,
     re.compile(r"for\s*\(\s*(?:const\s+)?int\s*\*\s*(\w+)\s*=\s*\w+\s*;"
                r"\s*\1\s*&&\s*\*\s*\1\s*;\s*\1\s*\+\+\s*\)\s*\w+\s*=\s*"
                r"\*\s*\1\s*;"),
     False),
    ("the synthetic-data note",
     ("src/core/synthetic_note.c",),
     re.compile(r"\"[^\"\n]*(GIẢ LẬP|GIA LAP|SYNTHETIC DATA)[^\"\n]*\""),
     True),
]


def sources(root):
    top = os.path.join(root, "src")
    for d, _, files in sorted(os.walk(top)):
        for f in sorted(files):
            if f.endswith((".c", ".h")):
                p = os.path.join(d, f)
                yield os.path.relpath(p, root).replace(os.sep, "/"), p


def offences(root):
    out = []
    texts = {}
    for rel, path in sources(root):
        with open(path, encoding="utf-8", errors="replace") as fh:
            code = fh.read()
        texts[rel] = (c_text.blank(code, strings=False),
                      c_text.blank(code, strings=True))
    for what, home, rx, keep_strings in RULES:
        for rel, (with_strings, without) in texts.items():
            if home and rel in home:
                continue
            text = with_strings if keep_strings else without
            for m in rx.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                where = ("its one home is " + " and ".join(home) if home
                         else "not allowed")
                out.append(f"{rel}:{line}: {what} ({where})")
        if not home:
            continue
        there = [h for h in home if h in texts]
        if not there:
            out.append(f"{home[0]}: missing ({what})")
        elif not any(rx.search(texts[h][0] if keep_strings else texts[h][1])
                     for h in there):
            out.append(f"{home[0]}: {what} is no longer here: update "
                       "tests/scripts/duplicates.py")
    return out


PLANTED = {
    "src/core/rng.c": "uint64_t z = x * 0xBF58476D1CE4E5B9ULL;\n"
                      "s = rotl(s1 * 5, 7) * 9;\n",
    "src/core/utm.h": "int z = floor((lon + 180.0) / 6.0) + 1;\n",
    "src/store/counts.c": "int povatlas_workspace_latest_year(ws *w,\n"
                          "                                   int *y)\n{\n}\n",
    "src/core/synthetic_note.c": "return \"DỮ LIỆU GIẢ LẬP — x\";\n",
    # offences, one per rule
    "src/synth/rng.c": "/* 0xBF58476D1CE4E5B9 in a comment is fine */\n"
                       "z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;\n",
    "src/render/dots.c": "double d = g_random_double();\n"
                         "int k = rand();\n",
    "src/analysis/zones.c": "int zone = (int)floor((lon + 180) / 6) + 1;\n"
                            "static int latest_year(ws *w)\n{\n"
                            "    for (int *y = years; y && *y; y++)\n"
                            "        last = *y;\n}\n",
    "src/render/atlas.c": "text(a, \"DỮ LIỆU GIẢ LẬP\", 11);\n"
                          "/* SYNTHETIC DATA in a comment is fine */\n"
                          "str(\"synthetic\"); k = strand(3);\n",
}
EXPECTED = {
    "src/synth/rng.c:2",
    "src/render/dots.c:1", "src/render/dots.c:2",
    "src/analysis/zones.c:1", "src/analysis/zones.c:2",
    "src/analysis/zones.c:4",
    "src/render/atlas.c:1",
}


def selftest():
    with tempfile.TemporaryDirectory() as root:
        for rel, text in PLANTED.items():
            p = os.path.join(root, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w", encoding="utf-8") as fh:
                fh.write(text)
        found = offences(root)
        where = {":".join(o.split(":")[:2]) for o in found}
        if where != EXPECTED or len(found) != len(EXPECTED):
            print("duplicates selftest: expected", sorted(EXPECTED))
            print("found:")
            for o in found:
                print("  " + o)
            return 1
        # a home that lost its definition is reported
        os.remove(os.path.join(root, "src/core/utm.h"))
        if not any(o.startswith("src/core/utm.h: missing")
                   for o in offences(root)):
            print("duplicates selftest: a missing home is not reported")
            return 1
    print("duplicates selftest: ok")
    return 0


def main(argv):
    if len(argv) == 2 and argv[1] == "--selftest":
        return selftest()
    if len(argv) != 2:
        print(__doc__)
        return 2
    found = offences(argv[1])
    for o in found:
        print("duplicates: " + o)
    if found:
        print(f"duplicates: {len(found)} second home(s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
