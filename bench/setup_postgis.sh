#!/bin/sh
# Local PostgreSQL 15 cluster (loopback / unix socket only) for
# /work/shared/bench/peer_postgis.sh: starts 15/main, makes the calling user a
# superuser (server-side COPY) and creates database povbench with PostGIS.
# Idempotent.  Run as root after bench/install_peers.sh.
set -eu
DB=${1:-povbench}
me=$(id -un)
if ! pg_lsclusters -h | grep -q '^15 *main'; then
  pg_createcluster 15 main
fi
pg_conftool 15 main set listen_addresses localhost
pg_lsclusters -h | awk '$1==15 && $2=="main"' | grep -q online || pg_ctlcluster 15 main start
su postgres -c "psql -X -q -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$me'\"" | grep -q 1 ||
  su postgres -c "createuser --superuser '$me'"
psql -X -q -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1 ||
  createdb "$DB"
psql -X -q -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS postgis"
psql -X -q -d "$DB" -tAc "SELECT 'postgis ' || postgis_lib_version() || ' on ' || version()"
