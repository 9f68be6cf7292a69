#!/usr/bin/env bash
# Start a throw-away local EVM for the bridge's tests: Hardhat 3 (EDR engine, tools/evm-node) on loopback,
# chain id 31337, 20 funded accounts from Hardhat's well-known test mnemonic, automining.
#
# Usage: .ci/start-evm.sh DIR          start; DIR is an existing empty absolute directory (pid file and log);
#                                      prints `export JIL_TEST_EVM_RPC=http://127.0.0.1:PORT` on stdout
#        .ci/start-evm.sh --stop DIR   stop the node started in DIR and remove DIR
#
# Port: $JIL_CI_EVM_PORT (default 18545); a taken port fails with a clear message instead of talking to a
# stranger's node. Needs `pnpm install` first (Hardhat and its EDR binary come from the npm registry).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PORT="${JIL_CI_EVM_PORT:-18545}"
log() { printf '[start-evm] %s\n' "$*" >&2; }

if [ "${1:-}" = "--stop" ]; then
  dir="${2:?usage: $0 --stop DIR}"
  if [ -f "$dir/pid" ]; then
    pid="$(cat "$dir/pid")"
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || log "node $pid already gone"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf -- "$dir"
  exit 0
fi

dir="${1:?usage: $0 DIR}"
case "$dir" in /*) ;; *) log "DIR must be an absolute path"; exit 2 ;; esac
if [ ! -d "$dir" ] || [ -n "$(ls -A "$dir")" ]; then
  log "DIR must be an existing empty directory: $dir"
  exit 2
fi
case "$PORT" in '' | *[!0-9]*) log "JIL_CI_EVM_PORT must be a port number, got '$PORT'"; exit 2 ;; esac
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  log "port 127.0.0.1:$PORT is already in use; stop that node or set JIL_CI_EVM_PORT to a free port"
  exit 1
fi

cd "$ROOT/tools/evm-node"
# setsid: its own process group, so --stop ends Hardhat and the EDR threads it started.
setsid "$ROOT/tools/node24/jil-node24.sh" ./node_modules/.bin/hardhat node --hostname 127.0.0.1 --port "$PORT" \
  >"$dir/node.log" 2>&1 </dev/null &
echo $! >"$dir/pid"
for _ in $(seq 1 120); do
  if curl -sf -X POST -H 'content-type: application/json' \
    --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "http://127.0.0.1:$PORT" >/dev/null 2>&1; then
    log "ready on 127.0.0.1:$PORT"
    printf 'export JIL_TEST_EVM_RPC=http://127.0.0.1:%s\n' "$PORT"
    exit 0
  fi
  if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    log "Hardhat exited; log:"; cat "$dir/node.log" >&2; exit 1
  fi
  sleep 0.5
done
log "Hardhat did not answer within 60 s; log:"; cat "$dir/node.log" >&2
exit 1
