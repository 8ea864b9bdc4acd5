#!/bin/sh
# One timed povatlas run, called by run_import.sh under timeit.py.
#   pov_run.sh import   TEMPLATE WS HH.csv
#   pov_run.sh pipeline TEMPLATE WS HH.csv COMMUNES.gpkg OUT.gpkg
# TEMPLATE is a workspace after `init` + `import units` (made once, untimed);
# it is copied to WS first (a ~1 MB file: a few ms, inside the wall time but
# outside the stage stamps).  Stage stamps (epoch) go to stderr, so
# timeit.py records each step's duration:
#   import:   import_households, classify
#   pipeline: import_households, classify, import_boundaries, analyze, export_gpkg
#   pov_run.sh pgimport DB UNITS.csv HH.csv   (issue 12: the workspace in
#     PostgreSQL; DB a libpq URI, the workspace in its schema povbench_ws,
#     made afresh with the units before the first stamp)
#   pgimport: import_households (by COPY), classify
set -eu
mode=$1; tpl=$2; ws=$3; csv=$4
P=${POVATLAS:-$(cd "$(dirname "$0")/.." && pwd)/build/povatlas}
stamp() { date +"stage $1 %s.%N" >&2; }
if [ "$mode" = pgimport ]; then
  db=$tpl; units=$ws
  "$P" init -q --force --db "$db" --schema povbench_ws
  "$P" import -q units "$units" --db "$db" --schema povbench_ws
  stamp start
  "$P" import -q households "$csv" --year 2023 --db "$db" --schema povbench_ws
  stamp import_households
  "$P" classify -q --db "$db" --schema povbench_ws
  stamp classify
  exit 0
fi
rm -f "$ws" "$ws-journal" "$ws-wal" "$ws-shm"
cp "$tpl" "$ws"
stamp start
"$P" import -q households "$csv" --year 2023 --db "$ws"
stamp import_households
"$P" classify -q --db "$ws"
stamp classify
[ "$mode" = pipeline ] || exit 0
communes=$5; out=$6
rm -f "$out"
"$P" import -q boundaries "$communes" --db "$ws"
stamp import_boundaries
"$P" analyze -q --db "$ws"
stamp analyze
"$P" export -q --db "$ws" -o "$out"
stamp export_gpkg
