#!/usr/bin/env bash
# Install (if missing) and start a PostgreSQL server with PostGIS on loopback for the tests.
#
# Idempotent: a server already running from an earlier call is reused. Prints one line,
#   export CONFLICTWIRE_TEST_PG=postgresql://conflictwire:...@127.0.0.1:PORT/conflictwire
# on stdout (everything else goes to stderr), so callers do `eval "$(bash .ci/postgres.sh)"`.
# The role may create databases; `conflictwire_postgis` is a template with PostGIS installed
# (created by the superuser, since PostGIS is not a trusted extension).
set -euo pipefail

PORT="${CONFLICTWIRE_PG_PORT:-55432}"
DATA="${CONFLICTWIRE_PG_DATA:-/tmp/conflictwire-pg}"
ROLE=conflictwire
PASSWORD=conflictwire-test
VERSION=15

log() { echo "postgres.sh: $*" >&2; }

as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

bin_dir() {
    local dir
    for dir in /usr/lib/postgresql/"$VERSION"/bin /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
    done
    return 1
}

install_server() {
    if bin_dir >/dev/null && ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1
    then
        return 0
    fi
    if [ "$(id -u)" != 0 ]; then
        log "PostgreSQL/PostGIS missing and not root: cannot install"; return 1
    fi
    log "installing postgresql-$VERSION and postgresql-$VERSION-postgis-3"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "postgresql-$VERSION" "postgresql-$VERSION-postgis-3" >&2 \
        || apt-get install -y -qq postgresql >&2
}

psql_super() {
    as_postgres "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -d postgres "$@"
}

main() {
    install_server
    BIN="$(bin_dir)"
    if [ ! -s "$DATA/PG_VERSION" ]; then
        log "creating a cluster in $DATA"
        mkdir -p "$DATA"
        chown postgres:postgres "$DATA"
        chmod 700 "$DATA"
        as_postgres "$BIN/initdb" -D "$DATA" -U postgres --auth-local=trust \
            --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null 2>&1 \
            || as_postgres "$BIN/initdb" -D "$DATA" -U postgres --auth-local=trust \
                --auth-host=scram-sha-256 -E UTF8 >&2
        # The superuser connects over loopback without a password; everyone else with one.
        {
            echo "host all postgres 127.0.0.1/32 trust"
            cat "$DATA/pg_hba.conf"
        } > "$DATA/pg_hba.conf.new"
        mv "$DATA/pg_hba.conf.new" "$DATA/pg_hba.conf"
        chown postgres:postgres "$DATA/pg_hba.conf"
    fi
    if ! as_postgres "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
        log "starting the server on 127.0.0.1:$PORT"
        as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 start \
            -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA -c max_connections=200 \
                -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2
    fi
    psql_super <<SQL
SELECT 'CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD ''$PASSWORD'''
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$ROLE') \gexec
SELECT 'CREATE DATABASE $ROLE OWNER $ROLE'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$ROLE') \gexec
SELECT 'CREATE DATABASE conflictwire_postgis OWNER $ROLE'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'conflictwire_postgis') \gexec
SQL
    if ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
        as_postgres "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" \
            -d conflictwire_postgis -c "CREATE EXTENSION IF NOT EXISTS postgis" >&2
        psql_super -c "ALTER DATABASE conflictwire_postgis WITH IS_TEMPLATE true" >&2
    else
        log "PostGIS is not installed: spatial queries use the plain index"
    fi
    echo "export CONFLICTWIRE_TEST_PG=postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/$ROLE"
}

main "$@"
