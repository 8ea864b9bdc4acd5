#!/bin/sh
# povatlas `import households` + `classify` (and the whole pipeline) against
# the peers of /work/shared/bench, on the same files, in the same run.
#   bench/run_import.sh DATA_DIR [ROWS]        (ROWS default 1000000)
# Env: RUNS (3), SHARED_BENCH (/work/shared/bench), POVATLAS (build/povatlas),
#      PEERS ("geopandas spatialite ogr2ogr postgis"), RESULTS (DATA_DIR/results.jsonl),
#      POV_ONLY=1 (skip the peers).
# Needs bench/install_peers.sh; for PostGIS also bench/setup_postgis.sh
# (skipped with a note when no server answers).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
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
T0="$B/timeit.py --runs $RUNS --out $RES --rows $N"
# every timed job also logs the machine's load around it (shared 2-core
# machines: other work inflates wall times; see DATA_DIR/load.log)
T() {
  echo "$(date -u +%T) before $*: load $(cut -d' ' -f1-3 /proc/loadavg), cpu psi $(head -1 /proc/pressure/cpu 2>/dev/null)" >> "$D/load.log"
  $T0 "$@"
  echo "$(date -u +%T) after: load $(cut -d' ' -f1-3 /proc/loadavg), cpu psi $(head -1 /proc/pressure/cpu 2>/dev/null)" >> "$D/load.log"
}
cd "$D"
[ -x "$P" ] || { echo "no povatlas at $P (build it first)" >&2; exit 1; }

# --- inputs, generated once and cached ------------------------------------
if [ ! -s communes.gpkg ]; then
  /usr/bin/python3 "$B/gen.py" communes communes.gpkg.tmp
  mv communes.gpkg.tmp communes.gpkg
fi
if [ ! -s "hh_$tag.csv" ]; then
  /usr/bin/python3 "$B/gen.py" households "hh_$tag.csv.tmp" --rows "$N" \
    --communes communes.gpkg
  mv "hh_$tag.csv.tmp" "hh_$tag.csv"
fi
# units for povatlas: same codes and names; even codes urban (phuong), as gen.py
if [ ! -s units.csv ] || [ communes.gpkg -nt units.csv ]; then
  rm -f units.csv
  ogr2ogr -f CSV units.csv communes.gpkg -dialect SQLite -sql "
    SELECT commune_code AS code, commune_name AS name,
           CASE WHEN CAST(commune_code AS INTEGER) % 2 = 0 THEN 'phuong' ELSE 'xa' END AS unit_type,
           CASE WHEN CAST(commune_code AS INTEGER) % 2 = 0 THEN 1 ELSE 0 END AS urban
    FROM communes ORDER BY commune_code"
fi
# untimed: workspace template with the standards and the unit list
rm -f pov_template.sqlite
"$P" init --db pov_template.sqlite -q
"$P" import units units.csv --db pov_template.sqlite -q

echo "== $(date -u +%FT%TZ) $N rows, $RUNS runs, results -> $RES" >&2
echo "povatlas binary $P ($(stat -c %y "$P" | cut -c1-19)); repo HEAD $(cd "$here/.." && git rev-parse --short HEAD 2>/dev/null || echo '?')" >&2
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# --- floor -----------------------------------------------------------------
T --label "raw/cat/$tag" -- sh -c "cat hh_$tag.csv > /dev/null"

# --- povatlas ----------------------------------------------------------------
T --label "import+classify/povatlas/$tag" -- \
  "$here/pov_run.sh" import pov_template.sqlite pov_ws.sqlite "hh_$tag.csv"
T --label "pipeline/povatlas/$tag" -- \
  "$here/pov_run.sh" pipeline pov_template.sqlite pov_ws.sqlite "hh_$tag.csv" \
  communes.gpkg "out_pov_$tag.gpkg"

if [ "${POV_ONLY:-0}" = 1 ]; then exit 0; fi

# --- peers (whole pipeline: read CSV, classify, count, join, area, write GPKG)
outs=""
for p in $PEERS; do
  case $p in
    geopandas)  T --label "pipeline/geopandas/$tag" -- "$B/peer_geopandas.py" "hh_$tag.csv" communes.gpkg "out_gp_$tag.gpkg"
                outs="$outs out_gp_$tag.gpkg" ;;
    spatialite) T --label "pipeline/spatialite/$tag" -- "$B/peer_spatialite.sh" "hh_$tag.csv" communes.gpkg "out_sl_$tag.gpkg"
                outs="$outs out_sl_$tag.gpkg" ;;
    ogr2ogr)    T --label "pipeline/ogr2ogr/$tag" -- "$B/peer_ogr2ogr.sh" "hh_$tag.csv" communes.gpkg "out_ogr_$tag.gpkg"
                outs="$outs out_ogr_$tag.gpkg" ;;
    postgis)
      if psql -X -q -d povbench -tAc "SELECT postgis_lib_version()" >/dev/null 2>&1; then
        T --label "pipeline/postgis/$tag" --pg-rss -- "$B/peer_postgis.sh" "hh_$tag.csv" communes.gpkg "out_pg_$tag.gpkg"
        outs="$outs out_pg_$tag.gpkg"
      else
        echo "postgis: no server/database povbench (run bench/setup_postgis.sh); skipped" >&2
      fi ;;
  esac
done
# the peers must agree with each other, and povatlas with them
if [ -n "$outs" ]; then
  "$B/verify.py" $outs
  /usr/bin/python3 "$here/verify_pov.py" pov_ws.sqlite "out_pov_$tag.gpkg" $(echo $outs | awk '{print $1}')
fi
