#!/usr/bin/python3
"""results.jsonl (from run_import.sh) -> the markdown tables of README.md.
  report.py RESULTS.jsonl [SIZE ...]     e.g. report.py results.jsonl 1m 10m
Per size: median wall (min-max), µs per row, user+sys, peak RSS, and the
ratio peer wall / povatlas wall for both povatlas jobs (>1: povatlas faster)."""
import json
import sys

recs = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    recs[r["label"]] = r          # last record of a label wins
sizes = sys.argv[2:] or sorted({k.rsplit("/", 1)[1] for k in recs})
PEERS = ["geopandas", "spatialite", "ogr2ogr", "postgis"]
for size in sizes:
    pov_ic = recs.get(f"import+classify/povatlas/{size}")
    pov_pl = recs.get(f"pipeline/povatlas/{size}")
    if not pov_ic:
        continue
    n = pov_ic["rows"]
    print(f"\n### {n:,} rows ({size})\n")
    print("| tool / job | median wall s (min–max) | µs per row | user+sys s "
          "| peak RSS MiB | ÷ povatlas import+classify | ÷ povatlas pipeline |")
    print("|---|---|---|---|---|---|---|")
    rows = [("povatlas import households + classify", pov_ic),
            ("povatlas whole pipeline", pov_pl)] + \
           [(f"povatlas before: {j}", recs.get(f"{k}/povatlas-before/{size}"))
            for j, k in (("import households + classify", "import+classify"),
                         ("whole pipeline", "pipeline"))] + \
           [(f"{p} whole pipeline", recs.get(f"pipeline/{p}/{size}"))
            for p in PEERS] + [("cat (read floor)", recs.get(f"raw/cat/{size}"))]
    for name, r in rows:
        if not r:
            continue
        m = r["median"]
        rss = f"{m['rss_kb'] / 1024:,.0f}"
        if "pg_rss_kb" in m:
            rss += f" (+ server {m['pg_rss_kb'] / 1024:,.0f})"
        ratio = lambda b: f"{m['wall'] / b['median']['wall']:.2f}" if b else "–"
        print(f"| {name} | {m['wall']:.2f} ({r['min_wall']:.2f}–{r['max_wall']:.2f})"
              f" | {1e6 * m['wall'] / n:.2f} | {m['user'] + m['sys']:.2f} | {rss}"
              f" | {ratio(pov_ic)} | {ratio(pov_pl)} |")
    print("\nStages (median s of the same runs):\n")
    for name, r in rows[:-1]:
        if r and r["median"]["stages"]:
            st = ", ".join(f"{k} {v:.2f}" for k, v in r["median"]["stages"].items()
                           if k != "start")
            print(f"- {name}: {st}")
