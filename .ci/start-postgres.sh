#!/usr/bin/env bash
# Start a throw-away PostgreSQL 15 for the test suite.
#
# Usage: .ci/start-postgres.sh [DIR]      start; DIR is a fresh empty directory (default: a new
#                                         `mktemp -d`); prints DIR on stdout, logs on stderr
#        .ci/start-postgres.sh --stop DIR stop the server started in DIR and remove DIR
#
# DIR holds the data directory, the socket and the server log, and is fresh on every start, so a
# second run on the same machine never reuses old state. Port: $JIL_CI_PG_PORT (default 54329); when the port is
# already taken the script fails with a clear message instead of talking to a stranger's server.
# Needs root (or passwordless sudo) to install PostgreSQL and to run it as the `postgres` user.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
PORT="${JIL_CI_PG_PORT:-54329}"

cd / # the postgres user may not be able to read the caller's working directory

log() { printf '[start-postgres] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi
}

if [ "${1:-}" = "--stop" ]; then
  dir="${2:?usage: $0 --stop DIR}"
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || log "pg_ctl stop failed (server already gone?)"
  fi
  as_root rm -rf -- "$dir"
  exit 0
fi

case "$PORT" in
  '' | *[!0-9]*) log "JIL_CI_PG_PORT must be a port number, got '$PORT'"; exit 2 ;;
esac

if [ ! -x "$PG_BIN/initdb" ]; then
  log "installing PostgreSQL 15 (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  # Try without refreshing the package lists first; refresh only when the install fails.
  if ! as_root apt-get install -y -q postgresql >&2; then
    as_root apt-get update -q >&2
    as_root apt-get install -y -q postgresql >&2
  fi
fi

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  log "port 127.0.0.1:$PORT is already in use; stop that server or set JIL_CI_PG_PORT to a free port"
  exit 1
fi

if [ -n "${1:-}" ]; then
  dir="$1"
  case "$dir" in /*) ;; *) log "DIR must be an absolute path"; exit 2 ;; esac
  if [ ! -d "$dir" ] || [ -n "$(ls -A "$dir")" ]; then
    log "DIR must be an existing empty directory: $dir"
    exit 2
  fi
else
  dir="$(mktemp -d "${TMPDIR:-/tmp}/jil-ci-pg.XXXXXX")"
fi
chmod 755 "$dir"
mkdir -p "$dir/data" "$dir/sock"
as_root chown -R postgres:postgres "$dir"

log "initdb into $dir/data"
as_postgres "$PG_BIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}

log "starting on 127.0.0.1:$PORT"
if ! as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -t 60 -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $dir/sock -c fsync=off" start >&2; then
  log "PostgreSQL did not start; server log:"
  cat "$dir/server.log" >&2 || true
  exit 1
fi

for _ in $(seq 1 60); do
  if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -U postgres; then
    log "ready"
    printf '%s\n' "$dir"
    exit 0
  fi
  sleep 0.5
done
log "PostgreSQL is not accepting connections after 30 s; server log:"
cat "$dir/server.log" >&2 || true
as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >&2 || true
exit 1
