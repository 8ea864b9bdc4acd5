#!/usr/bin/env python3
"""Fails (exit 1, one line per offence) when a file of the library includes
a header that breaks the order of the jobs (docs/architecture.md):

    core <- store <- classify <- ingest <- analysis <- render, export
         <- pipeline <- cli

Each job has a rank (JOB_RANK); synth, the demo-data tool, ranks with
render and export (it may use any lower job; only pipeline and cli use it).
ingest ranks above classify because it applies the pure rule to each row
as it arrives; classify never reads a file.

The rule, for a file under src/JOB/:
- "povatlas/H.h" (a public header) is allowed when the job that owns H
  (HEADER_JOB) is JOB itself or ranks strictly below JOB. Same rank is
  sideways (render <-> export) and is refused, as is anything above.
- "J/X.h" or a bare "X.h" resolving to src/J/X.h (an internal header) is
  allowed when J is JOB, or J is core and X is not a *_private.h header
  (core's internal helpers - fault injection, GDAL and PROJ error routing -
  serve every job). Another job's internal header is private to it.
- a header in neither table (a new public header, an unknown path) is an
  error too, so each new header gets a home here.
Angle-bracket includes (system and third-party) are not checked.

Every public header belongs to one job: it declares functions of that
job only, and includes public headers of that job or of jobs below it.
include/povatlas/H.h including a header of a higher job is refused like a
source file's include, and the umbrella povatlas.h includes every public
header (a user of the umbrella sees them all).

The same order holds at link level (--objects, ctest link_order): a
function defined in one job's object and called from another's must be
called from the same job or a job ranked above it. With --headers DIR,
each function a public header of DIR declares (POVATLAS_API) must be
defined in an object of the header's job, so no header mixes jobs. NM
names the nm program (CMake's CMAKE_NM).

Usage: include_order.py SOURCE_DIR | --selftest
       | --objects NM [--headers INCLUDE_DIR] OBJECT..."""
import os
import re
import sys

JOB_RANK = {
    "core": 0,
    "store": 1,
    "classify": 2,
    "ingest": 3,
    "analysis": 4,
    "render": 5,
    "export": 5,
    "synth": 5,
    "pipeline": 6,
    "cli": 7,
}

HEADER_JOB = {
    "api.h": "core",
    "error.h": "core",
    "core.h": "core",
    "table.h": "core",
    "zone_info.h": "core",
    "workspace.h": "store",
    "derived.h": "store",
    "holdings.h": "store",
    "programs.h": "store",
    "series_inputs.h": "store",
    "classify.h": "classify",
    "transitions.h": "classify",
    "ingest.h": "ingest",
    "analysis.h": "analysis",
    "breaks.h": "analysis",
    "coverage.h": "analysis",
    "gaps.h": "analysis",
    "priority.h": "analysis",
    "series.h": "analysis",
    "spatial.h": "analysis",
    "stats.h": "analysis",
    "targets.h": "analysis",
    "topology.h": "analysis",
    "zones.h": "analysis",
    "render.h": "render",
    "maps.h": "render",
    "export.h": "export",
    "pipeline.h": "pipeline",
    "reports.h": "pipeline",
    "briefing.h": "pipeline",
    "povatlas.h": "cli",  # the umbrella: only a program includes it all
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def check_file(src, job, path, problems):
    rank = JOB_RANK[job]
    rel = os.path.relpath(path, os.path.dirname(src))
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            inc = m.group(1)
            where = f"{rel}:{no}: #include \"{inc}\""
            if inc.startswith("povatlas/"):
                owner = HEADER_JOB.get(inc[len("povatlas/"):])
                if owner is None:
                    problems.append(f"{where}: public header with no job in "
                                    "tests/scripts/include_order.py")
                elif owner != job and JOB_RANK[owner] >= rank:
                    side = "sideways" if JOB_RANK[owner] == rank else "upward"
                    problems.append(f"{where}: {job} may not include {owner}'s "
                                    f"header ({side})")
                continue
            target = inc if "/" in inc else os.path.join(job, inc)
            if "/" not in inc and not os.path.isfile(os.path.join(src, target)):
                # a library's own header on the include path (synth's
                # povatlas_synth.h): public to the jobs above it
                found = [j for j in sorted(os.listdir(src))
                         if os.path.isfile(os.path.join(src, j, inc))]
                if len(found) == 1 and not inc.endswith("_private.h"):
                    owner = found[0]
                    if owner in JOB_RANK and JOB_RANK[owner] >= rank:
                        side = ("sideways" if JOB_RANK[owner] == rank
                                else "upward")
                        problems.append(f"{where}: {job} may not include "
                                        f"{owner}'s header ({side})")
                    continue
            owner = target.split("/", 1)[0]
            if not os.path.isfile(os.path.join(src, target)):
                problems.append(f"{where}: not a header of src/")
            elif owner not in JOB_RANK:
                problems.append(f"{where}: header of an unknown job")
            elif owner != job and (owner != "core" or
                                   target.endswith("_private.h")):
                problems.append(f"{where}: {owner}'s internal header is "
                                f"private to {owner}")


def check_tree(root):
    src = os.path.join(root, "src")
    problems = []
    for job in sorted(os.listdir(src)):
        folder = os.path.join(src, job)
        if not os.path.isdir(folder):
            continue
        if job not in JOB_RANK:
            problems.append(f"src/{job}: a job with no rank in "
                            "tests/scripts/include_order.py")
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith((".c", ".h")):
                check_file(src, job, os.path.join(folder, name), problems)
    include = os.path.join(root, "include", "povatlas")
    names = sorted(n for n in os.listdir(include) if n.endswith(".h"))
    for name in names:
        if name not in HEADER_JOB:
            problems.append(f"include/povatlas/{name}: public header with "
                            "no job in tests/scripts/include_order.py")
            continue
        check_header(include, name, problems)
    if UMBRELLA in names:
        with open(os.path.join(include, UMBRELLA), encoding="utf-8") as f:
            have = {m.group(1) for m in map(INCLUDE.match, f) if m}
        for name in names:
            if name != UMBRELLA and f"povatlas/{name}" not in have:
                problems.append(f"include/povatlas/{UMBRELLA}: does not "
                                f"include povatlas/{name}")
    return problems


UMBRELLA = "povatlas.h"


def check_header(include, name, problems):
    """A public header includes public headers of its own job or of jobs
    below it: including one grants its includer nothing upward."""
    job = HEADER_JOB[name]
    with open(os.path.join(include, name), encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            inc = m.group(1)
            where = f"include/povatlas/{name}:{no}: #include \"{inc}\""
            owner = (HEADER_JOB.get(inc[len("povatlas/"):])
                     if inc.startswith("povatlas/") else None)
            if owner is None:
                problems.append(f"{where}: not a public header with a job")
            elif owner != job and JOB_RANK[owner] >= JOB_RANK[job]:
                side = ("sideways" if JOB_RANK[owner] == JOB_RANK[job]
                        else "upward")
                problems.append(f"{where}: a header of {job} may not "
                                f"include {owner}'s header ({side})")


DECLARED = re.compile(r"\bPOVATLAS_API\b[^;{]*?\b(povatlas_\w+)\s*\(")


def declared_functions(include):
    """(function, header) for every POVATLAS_API function of the public
    headers in @include."""
    out = []
    for name in sorted(os.listdir(include)):
        if not name.endswith(".h"):
            continue
        with open(os.path.join(include, name), encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
        text = re.sub(r"^\s*#.*$", " ", text, flags=re.M)
        for m in DECLARED.finditer(text):
            out.append((m.group(1), name))
    return out


def selftest():
    """The rule on a made-up tree: what it must refuse and what it must
    let through."""
    import tempfile
    files = {
        "src/core/fault.h": "",
        "src/core/a.c": '#include "povatlas/core.h"\n#include "fault.h"\n',
        "src/store/b.c": '#include "core/fault.h"\n',
        "src/ingest/c.c": '#include "povatlas/classify.h"\n',
        "src/render/render_private.h": '#include "povatlas/render.h"\n',
        "src/render/d.c": '#include "povatlas/export.h"\n'
                          '#include "render/render_private.h"\n',
        "src/analysis/e.c": '#include <glib.h>\n'
                            '#include "povatlas/pipeline.h"\n',
        "src/export/f.c": '#include "render/render_private.h"\n',
        "src/store/g.c": '#include "povatlas/zones.h"\n',
        "src/cli/h.c": '#include "povatlas/povatlas.h"\n'
                       '#include "povatlas/new.h"\n'
                       '#include "povatlas_synth.h"\n',
        "src/synth/povatlas_synth.h": "",
        "src/analysis/i.c": '#include "povatlas_synth.h"\n',
        "include/povatlas/core.h": "",
        "include/povatlas/workspace.h": '#include "povatlas/core.h"\n'
                                        '#include "povatlas/zones.h"\n',
        "include/povatlas/zones.h": '#include "povatlas/workspace.h"\n',
        "include/povatlas/povatlas.h": '#include "povatlas/core.h"\n'
                                       '#include "povatlas/zones.h"\n',
    }
    want = [
        'src/analysis/e.c:2: #include "povatlas/pipeline.h": analysis may '
        "not include pipeline's header (upward)",
        'src/analysis/i.c:1: #include "povatlas_synth.h": analysis may not '
        "include synth's header (upward)",
        'src/cli/h.c:2: #include "povatlas/new.h": public header with no '
        "job in tests/scripts/include_order.py",
        'src/export/f.c:1: #include "render/render_private.h": render\'s '
        "internal header is private to render",
        'src/render/d.c:1: #include "povatlas/export.h": render may not '
        "include export's header (sideways)",
        'src/store/g.c:1: #include "povatlas/zones.h": store may not '
        "include analysis's header (upward)",
        'include/povatlas/workspace.h:2: #include "povatlas/zones.h": a '
        "header of store may not include analysis's header (upward)",
        "include/povatlas/povatlas.h: does not include "
        "povatlas/workspace.h",
    ]
    with tempfile.TemporaryDirectory() as root:
        for rel, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(root, rel)),
                        exist_ok=True)
            with open(os.path.join(root, rel), "w", encoding="utf-8") as f:
                f.write(text)
        got = check_tree(root)
    if got != want:
        print("selftest: expected\n  " + "\n  ".join(want) +
              "\ngot\n  " + "\n  ".join(got))
        return 1
    # link level: "objects" holding nm -P lines, read by a stand-in nm
    objects = {
        "src/store/a.c.o": "povatlas_store_f T 0 0\npovatlas_zone_g U\n",
        "src/analysis/b.c.o": "povatlas_zone_g T 0 0\npovatlas_store_f U\n"
                              "povatlas_map_h U\n",
        "src/render/c.c.o": "povatlas_map_h T 0 0\npovatlas_zone_g U\n",
        "src/cli/d.c.o": "povatlas_map_h U\nprintf U\n",
        "include/core.h": "#define POVATLAS_API extern /* ; */\n",
        "include/workspace.h": "POVATLAS_API int povatlas_store_f(void);\n"
                               "/* POVATLAS_API int povatlas_said(void); */\n"
                               "POVATLAS_API int\npovatlas_zone_g(int a);\n"
                               "POVATLAS_API void povatlas_gone(void);\n",
        "include/zones.h": "POVATLAS_API povatlas_status\n"
                           "povatlas_zone_g(povatlas_map m);\n",
    }
    want_link = [
        "a.c.o (store) calls povatlas_zone_g of analysis (upward)",
        "b.c.o (analysis) calls povatlas_map_h of render (upward)",
        "workspace.h (store) declares povatlas_zone_g of analysis: a header "
        "belongs to one job",
        "workspace.h declares povatlas_gone, defined in no object of the "
        "library",
    ]
    with tempfile.TemporaryDirectory() as root:
        paths = []
        for rel, text in objects.items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            if rel.endswith(".o"):
                paths.append(path)
        nm = os.path.join(root, "nm")
        with open(nm, "w", encoding="utf-8") as f:
            f.write('#!/bin/sh\nshift 2\nfor o; do sed "s|^|$o: |" "$o"; done\n')
        os.chmod(nm, 0o755)
        got_link = check_objects(nm, paths,
                                 os.path.join(root, "include"))
    if got_link != want_link:
        print("selftest (link): expected\n  " + "\n  ".join(want_link) +
              "\ngot\n  " + "\n  ".join(got_link))
        return 1
    print(f"selftest: the {len(want)} include and {len(want_link)} call "
          "offences found, nothing else")
    return 0


def job_of_object(path):
    """The job of an object file built from src/JOB/FILE.c."""
    parts = path.replace(os.sep, "/").split("/src/")
    return parts[-1].split("/", 1)[0] if len(parts) > 1 else None


def check_objects(nm, objects, include=None):
    import subprocess
    defined, used = {}, []
    jobs = {obj: job_of_object(obj) for obj in objects}
    wanted = [obj for obj in objects if jobs[obj] in JOB_RANK]
    # one nm for every object (-A names the object on each line): one
    # process per object made this test take 25 s of a CI run
    out = subprocess.run([nm, "-P", "-A"] + wanted, capture_output=True,
                         text=True, check=True).stdout if wanted else ""
    for line in out.splitlines():
        head, sep, rest = line.partition(": ")
        if not sep or head not in jobs:
            continue
        obj, job = head, jobs[head]
        f = rest.split()
        if len(f) < 2 or not f[0].startswith("povatlas_"):
            continue
        if f[1] in "TDBR":
            defined[f[0]] = job
        elif f[1] == "U":
            used.append((obj, job, f[0]))
    problems = []
    for obj, job, name in used:
        owner = defined.get(name)
        if owner and owner != job and JOB_RANK[owner] >= JOB_RANK[job]:
            side = "sideways" if JOB_RANK[owner] == JOB_RANK[job] else "upward"
            problems.append(f"{os.path.basename(obj)} ({job}) calls {name} "
                            f"of {owner} ({side})")
    if include is not None and defined:
        for name, header in declared_functions(include):
            job, owner = HEADER_JOB.get(header), defined.get(name)
            if owner is None:
                problems.append(f"{header} declares {name}, defined in no "
                                "object of the library")
            elif job is not None and owner != job and header != UMBRELLA:
                problems.append(f"{header} ({job}) declares {name} of "
                                f"{owner}: a header belongs to one job")
    if not defined:
        problems.append("no object of the library was read")
    return sorted(set(problems))


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "--objects":
        if len(sys.argv) < 4:
            sys.exit(__doc__.rsplit("Usage: ", 1)[1])
        args, include = sys.argv[3:], None
        if len(args) >= 2 and args[0] == "--headers":
            include, args = args[1], args[2:]
        # CMake passes $<TARGET_OBJECTS:...> as one ';'-separated list
        objects = [o for a in args for o in a.split(";") if o]
        problems = check_objects(sys.argv[2], objects, include)
        for p in problems:
            print(p)
        if problems:
            print(f"{len(problems)} call(s) or declaration(s) break the "
                  "order of the jobs")
            return 1
        print("every call between jobs follows their order")
        return 0
    if len(sys.argv) != 2:
        sys.exit(__doc__.rsplit("Usage: ", 1)[1])
    if sys.argv[1] == "--selftest":
        return selftest()
    problems = check_tree(sys.argv[1])
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} include(s) break the order of the jobs")
        return 1
    print("every include follows the order of the jobs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
