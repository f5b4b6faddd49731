#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 for tests and benchmarks.
#
#   eval "$(scripts/start-postgres.sh)"   initdb in a new temporary folder, start the
#                                         server on a free 127.0.0.1 port, create the
#                                         database owned by the role openopvang_owner;
#                                         exports DATABASE_URL (the app role
#                                         openopvang_app), OPENOPVANG_MIGRATION_DATABASE_URL
#                                         (the owner) and PG_DATA_DIR
#   scripts/start-postgres.sh stop [DIR]  stop that server and delete its folder
#                                         (DIR defaults to $PG_DATA_DIR)
#
# Only the three `export` lines go to stdout; progress goes to stderr. Run as root,
# the server runs as the `postgres` user; run as anyone else, as that user.
# Settings (environment): PG_BIN (default /usr/lib/postgresql/15/bin),
# PG_DATABASE (default openopvang), PG_SHARED_BUFFERS (default 256MB).
# Durability is switched off (fsync=off): the data is thrown away anyway.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DATABASE=${PG_DATABASE:-openopvang}
PG_SHARED_BUFFERS=${PG_SHARED_BUFFERS:-256MB}
MARKER=openopvang-throwaway-cluster

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

stop() {
  local dir=${1:-${PG_DATA_DIR:-}}
  if [ -z "$dir" ] || [ ! -f "$dir/$MARKER" ]; then
    echo "start-postgres.sh: no throwaway cluster at '${dir}' (set PG_DATA_DIR or pass the folder)" >&2
    exit 1
  fi
  as_server_user "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >&2 || true
  rm -rf -- "$dir"
  echo "start-postgres.sh: stopped and removed $dir" >&2
}

start() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    echo "start-postgres.sh: no initdb in $PG_BIN (install postgresql-15 or set PG_BIN)" >&2
    exit 1
  fi
  local dir port
  dir=$(mktemp -d "${TMPDIR:-/tmp}/openopvang-pg.XXXXXX")
  chmod 700 "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
  fi
  as_server_user "$PG_BIN/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_server_user touch "$dir/$MARKER"
  # The port is free now; another process could take it before the server binds,
  # so retry a few times with a new port.
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_server_user "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off \
            -c shared_buffers=$PG_SHARED_BUFFERS -c max_connections=200" start >&2; then
      break
    fi
    if [ "$attempt" -eq 5 ]; then
      echo "start-postgres.sh: the server did not start; see $dir/server.log" >&2
      exit 1
    fi
  done
  # Two roles (docs/operations/postgresql.md): the owner runs migrations and
  # owns the tables; the application connects as the app role, which cannot
  # change or empty the audit log. CREATEDB lets the owner make test databases.
  as_server_user "$PG_BIN/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 >&2 <<SQL
CREATE ROLE openopvang_owner LOGIN CREATEDB;
CREATE ROLE openopvang_app LOGIN;
SQL
  as_server_user "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres -O openopvang_owner "$PG_DATABASE"
  echo "start-postgres.sh: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir" >&2
  echo "export DATABASE_URL=postgres://openopvang_app@127.0.0.1:$port/$PG_DATABASE"
  echo "export OPENOPVANG_MIGRATION_DATABASE_URL=postgres://openopvang_owner@127.0.0.1:$port/$PG_DATABASE"
  echo "export PG_DATA_DIR=$dir"
}

case "${1:-start}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
