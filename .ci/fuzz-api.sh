#!/usr/bin/env bash
# Fuzz the pre-clearance HTTP API with schemathesis (PyPI) against the /openapi.json of a started `jil serve`.
#
# Usage: .ci/fuzz-api.sh DIR          DIR: a fresh empty directory (the venv, the server's state and logs go there);
#                                     installs schemathesis into DIR/venv, starts `jil serve` (PostgreSQL in a fresh
#                                     schema when JIL_TEST_DATABASE_URL is set, else PGlite), runs schemathesis for a
#                                     bounded time with .ci/schemathesis/hooks.py signing every /v1 request (HMAC) and
#                                     the admin token on /admin, prints the share of generated validate requests
#                                     accepted (201), and fails on any 5xx or response-schema violation
#        .ci/fuzz-api.sh --stop DIR   stop the server started in DIR, drop its schema, remove DIR (.ci/run's trap)
#   JIL_FUZZ_SECONDS  schemathesis time budget in seconds (default 100; with install and start-up about 2.5 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[fuzz] %s\n' "$*" >&2; }
SCHEMATHESIS_VERSION=4.32.5

stop() {
  local dir="$1"
  if [ -f "$dir/serve.pid" ]; then
    local pid
    pid="$(cat "$dir/serve.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/serve.pid"
  fi
  if [ -f "$dir/pg-schema" ] && [ -n "${JIL_TEST_DATABASE_URL:-}" ]; then
    psql -q "$JIL_TEST_DATABASE_URL" -c "DROP SCHEMA IF EXISTS $(cat "$dir/pg-schema") CASCADE" >/dev/null 2>&1 || log "could not drop schema $(cat "$dir/pg-schema")"
    rm -f "$dir/pg-schema"
  fi
}

if [ "${1:-}" = "--stop" ]; then
  dir="${2:?usage: $0 --stop DIR}"
  [ -d "$dir" ] || exit 0
  stop "$dir"
  rm -rf -- "$dir"
  exit 0
fi

DIR="${1:?usage: $0 DIR}"
mkdir -p "$DIR"
BUDGET="${JIL_FUZZ_SECONDS:-100}"

log "installing schemathesis $SCHEMATHESIS_VERSION into $DIR/venv"
python3 -m venv "$DIR/venv"
"$DIR/venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"

DB_ENV=()
if [ -n "${JIL_TEST_DATABASE_URL:-}" ] && command -v psql >/dev/null; then
  schema="jil_fuzz_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
  psql -q "$JIL_TEST_DATABASE_URL" -c "CREATE SCHEMA $schema" >/dev/null
  echo "$schema" > "$DIR/pg-schema"
  DB_ENV=(DATABASE_URL="$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); q = u.parse_qsl(p.query) + [("options", "-c search_path=" + sys.argv[2])]; print(u.urlunsplit(p._replace(query=u.urlencode(q))))' "$JIL_TEST_DATABASE_URL" "$schema")")
  log "storage: PostgreSQL, schema $schema"
else
  log "storage: PGlite (JIL_TEST_DATABASE_URL not set)"
fi

# The server runs on Node 24 directly (no pnpm wrapper), so that its pid is the one to stop.
NODE24="$(pnpm --silent node24 node -e 'process.stdout.write(process.execPath)')"
STATE="$DIR/state"
env "${DB_ENV[@]}" JIL_LOG_LEVEL=warn "$NODE24" --conditions=jil-source --import tsx shells/cli/src/main.ts serve \
  --port 0 --state-dir "$STATE" --rate-limit off >"$DIR/serve.log" 2>&1 &
echo $! > "$DIR/serve.pid"
URL=""
for _ in $(seq 1 600); do
  URL="$(sed -n 's/^JIL pre-clearance API listening on \(http[^ ]*\).*/\1/p' "$DIR/serve.log" | head -1)"
  [ -n "$URL" ] && break
  kill -0 "$(cat "$DIR/serve.pid")" 2>/dev/null || { log "jil serve exited:"; tail -20 "$DIR/serve.log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$URL" ] || { log "jil serve did not start within 120 s"; tail -20 "$DIR/serve.log" >&2; exit 1; }
log "jil serve at $URL"

read_json() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
COUNTS="$DIR/counts.txt"
: > "$COUNTS"
# Two runs: the whole API (examples, coverage, fuzzing, stateful; positive and negative data) for 60 % of the budget,
# then positively generated validate requests for the rest (the operation whose acceptance share is reported).
WHOLE=$(( BUDGET * 6 / 10 )); VALIDATE=$(( BUDGET - WHOLE ))
HOOKS_DIR="$PWD/.ci/schemathesis"
schemathesis() {
  # Run from DIR: schemathesis keeps a .schemathesis/ cache in its working directory.
  (cd "$DIR" && env SCHEMATHESIS_HOOKS=hooks PYTHONPATH="$HOOKS_DIR" HYPOTHESIS_STORAGE_DIRECTORY="$DIR/hypothesis" \
    JIL_FUZZ_ACCESS_KEY_ID="$(read_json "$STATE/credentials.json" access_key_id)" \
    JIL_FUZZ_SECRET="$(read_json "$STATE/credentials.json" secret)" \
    JIL_FUZZ_CUSTODIAN="$(read_json "$STATE/credentials.json" custodian_id)" \
    JIL_FUZZ_ADMIN_TOKEN="$(cat "$STATE/admin-token")" \
    JIL_FUZZ_COUNTS="$COUNTS" \
    "$DIR/venv/bin/schemathesis" run "$URL/openapi.json" \
      --checks not_a_server_error,response_schema_conformance \
      --workers 1 --suppress-health-check all --request-timeout 30 --generation-database none \
      --report junit --report-dir "$DIR/report" --no-color "$@")
}
set +e
schemathesis --max-time "$WHOLE" >"$DIR/schemathesis.log" 2>&1
status=$?
cp "$COUNTS" "$DIR/counts-whole.txt"
schemathesis --max-time "$VALIDATE" --include-path /v1/preclearance/validate --mode positive --phases fuzzing >>"$DIR/schemathesis.log" 2>&1
status2=$?
set -e
[ "$status" = 0 ] && status=$status2
# Not schemathesis's pytest-style "=== N warnings in Ns ===" line: CI log readers would take it for a test run of 0 tests.
grep -E "^(Test cases|  [0-9]+ generated|.*FAILED|.*Server error|.*schema)" "$DIR/schemathesis.log" >&2 || true

total="$(wc -l < "$COUNTS" | tr -d ' ')"
server_errors="$(awk '$3 >= 500' "$COUNTS" | wc -l | tr -d ' ')"
validate="$(awk '$1 == "POST" && $2 == "/v1/preclearance/validate"' "$COUNTS" | wc -l | tr -d ' ')"
accepted="$(awk '$1 == "POST" && $2 == "/v1/preclearance/validate" && $3 == 201' "$COUNTS" | wc -l | tr -d ' ')"
whole_validate="$(awk '$1 == "POST" && $2 == "/v1/preclearance/validate"' "$DIR/counts-whole.txt" | wc -l | tr -d ' ')"
whole_accepted="$(awk '$1 == "POST" && $2 == "/v1/preclearance/validate" && $3 == 201' "$DIR/counts-whole.txt" | wc -l | tr -d ' ')"
log "$total requests; 5xx: $server_errors; statuses: $(awk '{print $3}' "$COUNTS" | sort | uniq -c | awk '{printf "%s×%s ", $2, $1}')"
share() { python3 -c "import sys; v, a = int(sys.argv[1]), int(sys.argv[2]); print(f'{a}/{v} = {100 * a / v:.1f} %' if v else 'n/a')" "$1" "$2"; }
log "validate accepted (201): $(share "$validate" "$accepted") of all generated validate requests (whole-API run: $(share "$whole_validate" "$whole_accepted"); positive validate run: $(share $(( validate - whole_validate )) $(( accepted - whole_accepted ))))"
alive=yes
kill -0 "$(cat "$DIR/serve.pid")" 2>/dev/null || alive=no
stop "$DIR"
if [ "$alive" = no ]; then log "FAIL: jil serve died during the run"; tail -20 "$DIR/serve.log" >&2; exit 1; fi
if [ "$server_errors" != 0 ]; then
  log "FAIL: $server_errors server errors"; grep '"level":50' "$DIR/serve.log" | head -5 >&2 || true
  exit 1
fi
if [ "$total" = 0 ]; then tail -40 "$DIR/schemathesis.log" >&2; log "FAIL: schemathesis sent no request"; exit 1; fi
if [ "$status" != 0 ]; then
  # Exit 1 is the only one that can be about the tool rather than the API; 2 and above are usage or schema errors.
  if [ "$status" != 1 ]; then tail -40 "$DIR/schemathesis.log" >&2; log "FAIL: schemathesis exit $status"; exit 1; fi
  # A failed check prints a FAILURES section; a connection error means the server went away. Anything else is an
  # ERRORS section about schemathesis itself (e.g. a generator crash), which is reported but is not an API failure.
  if grep -qE '^=+ FAILURES =+$' "$DIR/schemathesis.log" || grep -qiE 'Network Error|Connection (refused|reset|aborted)' "$DIR/schemathesis.log"; then
    tail -80 "$DIR/schemathesis.log" >&2; log "FAIL: schemathesis exit $status (see above)"; exit 1
  fi
  sed -n '/^=* ERRORS =*$/,/^=* WARNINGS =*$/p' "$DIR/schemathesis.log" | head -30 >&2
  log "schemathesis exit $status without a failed check: internal errors of the tool, listed above (not API failures)"
fi
if [ "$accepted" = 0 ]; then log "FAIL: no generated validate request was accepted"; exit 1; fi
log "OK"
