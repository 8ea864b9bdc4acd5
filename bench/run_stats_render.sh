#!/bin/sh
# Spatial statistics and rendering on the 10,600 synthetic communes, povatlas
# against R spdep / R sf / GeoPandas in the same run (issue 5 and 6 targets).
#   bench/run_stats_render.sh DATA_DIR
# Needs DATA_DIR/out_gp_1m.gpkg (the GeoPandas peer's output of
# run_import.sh: communes with poor_rate) and a povatlas workspace with the
# communes and households, DATA_DIR/r10k.sqlite, which this script builds.
# Peers: r-cran-spdep r-cran-sf python3-geopandas (bench/install_peers.sh).
set -eu
D=$1
B=$(cd "$(dirname "$0")" && pwd)
S=${SHARED_BENCH:-$B/../../shared/bench}
P=${POVATLAS:-$B/../build/povatlas}
T="$S/timeit.py --runs ${RUNS:-3} --out $D/results_stats_render.jsonl"
if [ ! -f "$D/r10k.sqlite" ]; then
    ogr2ogr -f CSV "$D/units_10k.csv" "$D/communes.gpkg" -sql \
      "SELECT commune_code AS code, commune_name AS name,
              CASE WHEN CAST(commune_code AS INTEGER) % 2 = 0 THEN 'phuong'
                   ELSE 'xa' END AS unit_type,
              CASE WHEN CAST(commune_code AS INTEGER) % 2 = 0 THEN 1
                   ELSE 0 END AS urban FROM communes"
    "$P" init --db "$D/r10k.sqlite" -q
    "$P" import units "$D/units_10k.csv" --db "$D/r10k.sqlite" -q
    "$P" import boundaries "$D/communes.gpkg" --db "$D/r10k.sqlite" -q
    "$P" import households "$D/hh_1m.csv" --year 2023 --db "$D/r10k.sqlite" -q
    "$P" analyze --db "$D/r10k.sqlite" -q
fi
# queen weights + Moran's I with 999 permutations (povatlas also computes
# local Moran, Gi, Gi* and the LISA categories in the same run)
$T --label "stats/povatlas" -- "$P" stats "$D/out_gp_1m.gpkg" --field poor_rate \
   --id commune_code --weights queen --snap 0 --permutations 999 --seed 1 \
   -o "$D/stats_pov.csv"
$T --label "stats/spdep" -- "$S/contig_spdep.R" "$D/out_gp_1m.gpkg"
# 5-class choropleth, 2000 x 2000 PNG
$T --label "render/povatlas" -- "$P" map --indicator poor_per_km2 \
   --method quantile --min-households 0 --width 2000 --height 2000 \
   -o "$D/map_pov.png" --db "$D/r10k.sqlite"
$T --label "render/r-sf" -- "$S/render_sf.R" "$D/out_gp_1m.gpkg" "$D/map_sf.png"
$T --label "render/geopandas" -- /usr/bin/python3 "$S/render_geopandas.py" \
   "$D/out_gp_1m.gpkg" "$D/map_gp.png"
