#!/bin/sh
# Debian 12 packages for bench/run_import.sh: the data generator
# (/work/shared/bench/gen.py: numpy, scipy, matplotlib, shapely, GDAL), the
# four peers (GeoPandas, SpatiaLite shell, ogr2ogr, PostgreSQL 15 + PostGIS 3),
# the peers of run_stats_render.sh (R spdep, R sf), GNU time (timeit.py) and
# perf (optional breakdown).  Run as root.
set -eu
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y \
  python3-numpy python3-scipy python3-matplotlib python3-shapely python3-gdal \
  python3-geopandas python3-pandas gdal-bin \
  sqlite3 spatialite-bin libsqlite3-mod-spatialite \
  postgresql-15 postgresql-15-postgis-3 postgresql-client-15 \
  r-cran-spdep r-cran-sf \
  time linux-perf
