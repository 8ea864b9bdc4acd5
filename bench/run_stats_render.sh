#!/bin/sh
# Spatial statistics and rendering on the synthetic communes, povatlas
# against R spdep / R sf / GeoPandas in the same run (issue 11 targets).
#   bench/run_stats_render.sh DATA_DIR [ROWS]        (ROWS default 1000000)
# Times, medians of RUNS runs into DATA_DIR/results_stats_render.jsonl:
#   stats/*   queen weights + Moran's I with 999 permutations (povatlas also
#             computes local Moran, Gi, Gi* and the LISA categories)
#   render/*  5-class choropleth of every commune, 2000 x 2000 PNG
# and logs the machine's load around them in DATA_DIR/load_stats_render.log.
#
# Data, made once and kept in DATA_DIR: COMMUNES polygons and ROWS
# households by ../shared/bench/gen.py (the peers' generator) when its
# Python modules are there; otherwise households by `povatlas synth
# --format bench` and a square grid of communes with their codes (ogr2ogr),
# so that the script runs wherever povatlas builds (the test suite's smoke
# run). A povatlas workspace with the communes and households is built
# from them. The layer the statistics and the peers read is the GeoPandas
# peer's output (poor_rate per commune); without GeoPandas, povatlas's own
# export (poor per commune).
#
# Env: RUNS (3), COMMUNES (10600), DATA (gen or synth: the generator;
# default gen when its modules are there), PEERS (default "spdep r-sf geopandas";
# "" for none; a peer whose packages are missing is skipped with a note),
# POVATLAS (the binary), POVATLAS_BEFORE (optional: a second binary, timed
# as povatlas-before in the same run), SHARED_BENCH. Without GNU time or
# timeit.py every command runs once, untimed.
# Peers: r-cran-spdep r-cran-sf python3-geopandas (bench/install_peers.sh).
set -eu
D=$1
N=${2:-1000000}
K=${COMMUNES:-10600}
B=$(cd "$(dirname "$0")" && pwd)
S=${SHARED_BENCH:-$B/../../shared/bench}
P=${POVATLAS:-$B/../build/povatlas}
PEERS=${PEERS-spdep r-sf geopandas}
PY=/usr/bin/python3
case $N in 1000000) TAG=1m ;; 10000000) TAG=10m ;; *) TAG=$N ;; esac
[ "$K" = 10600 ] && C=$D/communes.gpkg || { C=$D/communes_$K.gpkg; TAG=${TAG}_${K}c; }
HH=$D/hh_$TAG.csv
WS=$D/ws_$TAG.sqlite
mkdir -p "$D"

note() { echo "run_stats_render: $*" >&2; }
load() { echo "$(date -u +%T) $1 $(cut -d' ' -f1-3 /proc/loadavg)" \
              "cpu_psi $(head -1 /proc/pressure/cpu 2>/dev/null)" \
              >>"$D/load_stats_render.log"; }
# timed LABEL CMD...: medians through timeit.py, or one plain run
if [ -x /usr/bin/time ] && [ -f "$S/timeit.py" ]; then
    timed() { l=$1; shift; load "$l"
              $PY "$S/timeit.py" --runs "${RUNS:-3}" \
                  --out "$D/results_stats_render.jsonl" --label "$l" -- "$@"; }
else
    note "no GNU time or timeit.py: each command runs once, untimed"
    timed() { l=$1; shift; load "$l"; "$@"; }
fi
wanted() { case " $PEERS " in *" $1 "*) return 0 ;; esac; return 1; }
have_r() { command -v Rscript >/dev/null &&
           Rscript -e "suppressPackageStartupMessages(library($1))" \
               >/dev/null 2>&1; }
have_py() { [ -x $PY ] && $PY -c "import $1" 2>/dev/null; }
peer() { # peer NAME CHECK...: wanted and installed
    n=$1; shift
    wanted "$n" || return 1
    "$@" && return 0
    note "peer $n skipped: not installed (bench/install_peers.sh)"
    return 1
}

# ---- data -------------------------------------------------------------
if [ "${DATA:-gen}" = gen ] && have_py "numpy, scipy, shapely, osgeo"; then
    [ -f "$C" ] || $PY "$S/gen.py" communes "$C" --n "$K"
    [ -f "$HH" ] || $PY "$S/gen.py" households "$HH" --rows "$N" --communes "$C"
else
    [ -f "$HH" ] || "$P" synth --format bench --rows "$N" --communes "$K" \
                        -o "$HH" -q
    if [ ! -f "$C" ]; then # a grid of squares, one per code in the file
        tail -n +2 "$HH" | cut -d, -f2 | sort -u | awk -v FS=, '
          BEGIN { print "wkt,commune_code,commune_name" }
          { c[NR] = $1 }
          END { w = int(sqrt(NR)) + 1; s = 0.02
                for (i = 1; i <= NR; i++) {
                    x = 105 + ((i - 1) % w) * s; y = 20 + int((i - 1) / w) * s
                    printf "\"POLYGON((%.2f %.2f,%.2f %.2f,%.2f %.2f,%.2f %.2f,%.2f %.2f))\",%s,Commune %s\n",
                      x, y, x + s, y, x + s, y + s, x, y + s, x, y, c[i], c[i] } }' \
            >"$D/communes_$K.csv"
        ogr2ogr -f GPKG "$C" "$D/communes_$K.csv" -oo GEOM_POSSIBLE_NAMES=wkt \
            -oo KEEP_GEOM_COLUMNS=NO -a_srs EPSG:4326 -nln communes \
            -nlt MULTIPOLYGON
    fi
fi
if [ ! -f "$WS" ]; then
    ogr2ogr -f CSV "$D/units_$TAG.csv" "$C" -sql \
      "SELECT commune_code AS code, commune_name AS name,
              CASE WHEN CAST(commune_code AS INTEGER) % 2 = 0 THEN 'phuong'
                   ELSE 'xa' END AS unit_type,
              CASE WHEN CAST(commune_code AS INTEGER) % 2 = 0 THEN 1
                   ELSE 0 END AS urban FROM communes"
    "$P" init --db "$WS.tmp" -q
    "$P" import units "$D/units_$TAG.csv" --db "$WS.tmp" -q
    "$P" import boundaries "$C" --db "$WS.tmp" -q
    "$P" import households "$HH" --year 2023 --db "$WS.tmp" -q
    "$P" analyze --db "$WS.tmp" -q
    mv "$WS.tmp" "$WS"
fi
# the commune layer with a rate: the GeoPandas peer's, else povatlas's
GP=$D/out_gp_$TAG.gpkg
if [ ! -f "$GP" ] && peer geopandas have_py geopandas; then
    $PY "$S/peer_geopandas.py" "$HH" "$C" "$GP" 2>/dev/null
fi
if [ -f "$GP" ]; then
    L=$GP F=poor_rate I=commune_code
else
    L=$D/out_pov_$TAG.gpkg F=poor I=code
    [ -f "$L" ] || "$P" export -o "$L" --db "$WS" -q
fi

# ---- timed jobs ----------------------------------------------------------
load start
for v in povatlas ${POVATLAS_BEFORE:+povatlas-before}; do
    [ "$v" = povatlas ] && bin=$P || bin=$POVATLAS_BEFORE
    timed "stats/$v" "$bin" stats "$L" --field "$F" --id "$I" \
        --weights queen --snap 0 --permutations 999 --seed 1 \
        -o "$D/stats_$v.csv"
done
if peer spdep have_r spdep; then
    timed "stats/spdep" "$S/contig_spdep.R" "$L" "$F"
fi
for v in povatlas ${POVATLAS_BEFORE:+povatlas-before}; do
    [ "$v" = povatlas ] && bin=$P || bin=$POVATLAS_BEFORE
    timed "render/$v" "$bin" map --indicator poor_per_km2 \
        --method quantile --min-households 0 --width 2000 --height 2000 \
        -o "$D/map_$v.png" --db "$WS"
done
if peer r-sf have_r sf; then
    timed "render/r-sf" "$S/render_sf.R" "$L" "$D/map_sf.png" "$F"
fi
if peer geopandas have_py geopandas; then
    timed "render/geopandas" $PY "$S/render_geopandas.py" "$L" \
        "$D/map_gp.png" "$F"
fi
load end
