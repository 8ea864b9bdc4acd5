#!/bin/sh
# A throwaway PostgreSQL + PostGIS cluster for the tests (issue 12), bound
# to a unix socket in its own folder only (no TCP port is listened on),
# with trust authentication for that socket, and a database povatlas_test
# with PostGIS in it.
#
#   tests/pg_cluster.sh start [DIR]   makes the cluster in DIR (a new
#       temporary folder when not given; a cluster already there is
#       stopped and replaced) and prints the libpq URI of its database on
#       line 1 and the folder on line 2
#   tests/pg_cluster.sh stop DIR      stops the cluster and removes DIR
#
# CTest runs both as the fixture of the *_pg tests (CMakeLists.txt).
# initdb refuses to run as root: as root the cluster is made and run as the
# 'postgres' user (the Debian package creates it). The binaries are the
# newest /usr/lib/postgresql/*/bin (postgresql-15 + postgresql-15-postgis-3).
set -eu

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "pg_cluster: no PostgreSQL server installed (postgresql-15)" >&2
    exit 1
fi
# a port number only names the socket file: the folder is the cluster's own
port=5439

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

stop() {
    if [ -f "$1/data/postmaster.pid" ]; then
        as_owner "$bindir/pg_ctl" -D "$1/data" -m immediate -w stop \
            >/dev/null 2>&1 || true
    fi
    rm -rf "$1"
}

case "${1:-}" in
start)
    if [ -n "${2:-}" ]; then
        dir=$2
        stop "$dir"
        mkdir -p "$dir"
    else
        dir=$(mktemp -d /tmp/povatlas-pg.XXXXXX)
    fi
    chmod 700 "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    as_owner "$bindir/initdb" -D "$dir/data" -U povatlas_admin \
        --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses='' -k $dir -p $port -c fsync=off" \
        start >/dev/null || {
        cat "$dir/server.log" >&2
        exit 1
    }
    as_owner "$bindir/createdb" -h "$dir" -p "$port" -U povatlas_admin \
        povatlas_test
    as_owner "$bindir/psql" -q -h "$dir" -p "$port" -U povatlas_admin \
        -d povatlas_test -c "CREATE EXTENSION postgis" >/dev/null
    echo "postgresql://povatlas_admin@/povatlas_test?host=$dir&port=$port"
    echo "$dir"
    ;;
stop)
    stop "${2:?usage: pg_cluster.sh stop DIR}"
    ;;
*)
    echo "usage: pg_cluster.sh start [DIR] | stop DIR" >&2
    exit 2
    ;;
esac
