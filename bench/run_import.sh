#!/bin/sh
# povatlas `import households` + `classify` (and the whole pipeline) against
# the peers of /work/shared/bench, on the same files, in the same run.
#   bench/run_import.sh DATA_DIR [ROWS]        (ROWS default 1000000)
# Env: RUNS (3), SHARED_BENCH (/work/shared/bench), POVATLAS (build/povatlas),
#      PEERS ("geopandas spatialite ogr2ogr postgis"), RESULTS (DATA_DIR/results.jsonl),
#      COMMUNES (10600: the number of synthetic communes; another number
#      names the files communes_K.gpkg, hh_<N>_K.csv, units_K.csv),
#      POV_ONLY=1 (skip the peers), POVATLAS_BEFORE (optional: a second
#      povatlas binary, e.g. the one before a change, timed in the same run
#      as povatlas-before), BENCH_LOCK (optional: a lock file each timed job
#      holds, `flock`, so that builds on a shared machine wait between jobs),
#      POV_PG (optional: a libpq URI, e.g. postgresql:///povbench: povatlas
#      import + classify with its workspace in that database as well, timed
#      as povatlas-pg; the same server as the postgis peer's),
#      POV_SQLITE=0 (skip povatlas on its SQLite workspace).
# Needs bench/install_peers.sh; for PostGIS also bench/setup_postgis.sh
# (skipped with a note when no server answers).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = --timed ]; then   # one timed job under BENCH_LOCK (see T)
  D=$2; t0=$3; shift 3
  echo "$(date -u +%T) before $*: load $(cut -d' ' -f1-3 /proc/loadavg), cpu psi $(head -1 /proc/pressure/cpu 2>/dev/null)" >> "$D/load.log"
  $t0 "$@"
  echo "$(date -u +%T) after: load $(cut -d' ' -f1-3 /proc/loadavg), cpu psi $(head -1 /proc/pressure/cpu 2>/dev/null)" >> "$D/load.log"
  exit 0
fi
B=${SHARED_BENCH:-/work/shared/bench}
P=${POVATLAS:-$here/../build/povatlas}
D=$1; N=${2:-1000000}; RUNS=${RUNS:-3}
PEERS=${PEERS-"geopandas spatialite ogr2ogr postgis"}   # PEERS="" runs none
mkdir -p "$D"; D=$(cd "$D" && pwd)
RES=${RESULTS:-$D/results.jsonl}
case $N in
  *000000) tag=$((N / 1000000))m ;;
  *000) tag=$((N / 1000))k ;;
  *) tag=$N ;;
esac
K=${COMMUNES:-10600}
[ "$K" = 10600 ] && k="" || k="_$K"
T0="$B/timeit.py --runs $RUNS --out $RES --rows $N"
# every timed job also logs the machine's load around it (shared 2-core
# machines: other work inflates wall times; see DATA_DIR/load.log)
T() {
  if [ -n "${BENCH_LOCK:-}" ]; then
    flock "$BENCH_LOCK" "$here/run_import.sh" --timed "$D" "$T0" "$@"
  else
    "$here/run_import.sh" --timed "$D" "$T0" "$@"
  fi
}
cd "$D"
[ -x "$P" ] || { echo "no povatlas at $P (build it first)" >&2; exit 1; }

# --- inputs, generated once and cached ------------------------------------
if [ ! -s "communes$k.gpkg" ]; then
  /usr/bin/python3 "$B/gen.py" communes "communes$k.gpkg.tmp" --n "$K"
  mv "communes$k.gpkg.tmp" "communes$k.gpkg"
fi
if [ -n "$k" ]; then tag="${tag}$k"; fi
if [ ! -s "hh_$tag.csv" ]; then
  /usr/bin/python3 "$B/gen.py" households "hh_$tag.csv.tmp" --rows "$N" \
    --communes "communes$k.gpkg"
  mv "hh_$tag.csv.tmp" "hh_$tag.csv"
fi
# units for povatlas: same codes and names; even codes urban (phuong), as gen.py
if [ ! -s "units$k.csv" ] || [ "communes$k.gpkg" -nt "units$k.csv" ]; then
  rm -f "units$k.csv"
  ogr2ogr -f CSV "units$k.csv" "communes$k.gpkg" -dialect SQLite -sql "
    SELECT commune_code AS code, commune_name AS name,
           CASE WHEN CAST(commune_code AS INTEGER) % 2 = 0 THEN 'phuong' ELSE 'xa' END AS unit_type,
           CASE WHEN CAST(commune_code AS INTEGER) % 2 = 0 THEN 1 ELSE 0 END AS urban
    FROM communes ORDER BY commune_code"
fi
# untimed: workspace template with the standards and the unit list (one
# per binary: an older povatlas refuses a newer workspace schema)
rm -f pov_template.sqlite pov_template_before.sqlite
"$P" init --db pov_template.sqlite -q
"$P" import units "units$k.csv" --db pov_template.sqlite -q
if [ -n "${POVATLAS_BEFORE:-}" ]; then
  "$POVATLAS_BEFORE" init --db pov_template_before.sqlite -q
  "$POVATLAS_BEFORE" import units "units$k.csv" --db pov_template_before.sqlite -q
fi

echo "== $(date -u +%FT%TZ) $N rows, $RUNS runs, results -> $RES" >&2
echo "povatlas binary $P ($(stat -c %y "$P" | cut -c1-19)); repo HEAD $(cd "$here/.." && git rev-parse --short HEAD 2>/dev/null || echo '?')" >&2
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# --- floor -----------------------------------------------------------------
T --label "raw/cat/$tag" -- sh -c "cat hh_$tag.csv > /dev/null"

# --- povatlas ----------------------------------------------------------------
if [ "${POV_SQLITE:-1}" != 0 ]; then
T --label "import+classify/povatlas/$tag" -- \
  "$here/pov_run.sh" import pov_template.sqlite pov_ws.sqlite "hh_$tag.csv"
T --label "pipeline/povatlas/$tag" -- \
  "$here/pov_run.sh" pipeline pov_template.sqlite pov_ws.sqlite "hh_$tag.csv" \
  "communes$k.gpkg" "out_pov_$tag.gpkg"
fi
if [ -n "${POV_PG:-}" ]; then
  T --label "import+classify/povatlas-pg/$tag" --pg-rss -- \
    "$here/pov_run.sh" pgimport "$POV_PG" "$D/units$k.csv" "hh_$tag.csv"
fi
if [ -n "${POVATLAS_BEFORE:-}" ]; then
  T --label "import+classify/povatlas-before/$tag" -- env POVATLAS="$POVATLAS_BEFORE" \
    "$here/pov_run.sh" import pov_template_before.sqlite pov_ws_before.sqlite "hh_$tag.csv"
  T --label "pipeline/povatlas-before/$tag" -- env POVATLAS="$POVATLAS_BEFORE" \
    "$here/pov_run.sh" pipeline pov_template_before.sqlite pov_ws_before.sqlite \
    "hh_$tag.csv" "communes$k.gpkg" "out_pov_before_$tag.gpkg"
fi

if [ "${POV_ONLY:-0}" = 1 ]; then exit 0; fi

# --- peers (whole pipeline: read CSV, classify, count, join, area, write GPKG)
outs=""
for p in $PEERS; do
  case $p in
    geopandas)  T --label "pipeline/geopandas/$tag" -- "$B/peer_geopandas.py" "hh_$tag.csv" "communes$k.gpkg" "out_gp_$tag.gpkg"
                outs="$outs out_gp_$tag.gpkg" ;;
    spatialite) T --label "pipeline/spatialite/$tag" -- "$B/peer_spatialite.sh" "hh_$tag.csv" "communes$k.gpkg" "out_sl_$tag.gpkg"
                outs="$outs out_sl_$tag.gpkg" ;;
    ogr2ogr)    T --label "pipeline/ogr2ogr/$tag" -- "$B/peer_ogr2ogr.sh" "hh_$tag.csv" "communes$k.gpkg" "out_ogr_$tag.gpkg"
                outs="$outs out_ogr_$tag.gpkg" ;;
    postgis)
      if psql -X -q -d povbench -tAc "SELECT postgis_lib_version()" >/dev/null 2>&1; then
        T --label "pipeline/postgis/$tag" --pg-rss -- "$B/peer_postgis.sh" "hh_$tag.csv" "communes$k.gpkg" "out_pg_$tag.gpkg"
        outs="$outs out_pg_$tag.gpkg"
      else
        echo "postgis: no server/database povbench (run bench/setup_postgis.sh); skipped" >&2
      fi ;;
  esac
done
# the peers must agree with each other, and povatlas with them
if [ -n "$outs" ]; then
  "$B/verify.py" $outs
  if [ "${POV_SQLITE:-1}" != 0 ]; then
    /usr/bin/python3 "$here/verify_pov.py" pov_ws.sqlite "out_pov_$tag.gpkg" $(echo $outs | awk '{print $1}')
  fi
fi
