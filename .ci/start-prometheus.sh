#!/usr/bin/env bash
# Make Debian's Prometheus available to the test suite (tests/ops/prometheus.test.ts, docs/prometheus-alerts.yml).
#
# Usage: eval "$(.ci/start-prometheus.sh)"
#
# Installs the `prometheus` package with apt when the binary is missing (as root, or with passwordless sudo) and
# prints `export JIL_TEST_PROMETHEUS=<path of the prometheus binary>` on stdout; logs go to stderr. It starts no
# server: each test starts its own prometheus on a free loopback port with a generated configuration and a temporary
# TSDB directory, and stops it when done. `promtool` ships in the same package, beside the binary.
# The Debian package enables and starts a system-wide prometheus service on :9090 (and a node exporter on :9100);
# the script stops and disables both right after installing, so nothing keeps listening.
set -euo pipefail

log() { printf '[start-prometheus] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

PROM_BIN="$(command -v prometheus || true)"
if [ -z "$PROM_BIN" ] && [ -x /usr/bin/prometheus ]; then PROM_BIN=/usr/bin/prometheus; fi

if [ -z "$PROM_BIN" ]; then
  log "installing prometheus (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  # --no-install-recommends: the server and promtool only (no node exporter, no web console assets we do not use).
  # Try without refreshing the package lists first; refresh only when the install fails.
  if ! as_root apt-get install -y -q --no-install-recommends prometheus >&2; then
    as_root apt-get update -q >&2
    as_root apt-get install -y -q --no-install-recommends prometheus >&2
  fi
  # The package's maintainer scripts may start a system-wide service; the tests start their own servers instead.
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    as_root systemctl disable --now prometheus >&2 2>/dev/null || true
  elif [ -x /etc/init.d/prometheus ]; then
    as_root /etc/init.d/prometheus stop >&2 2>/dev/null || true
  fi
  PROM_BIN=/usr/bin/prometheus
fi

if [ ! -x "$PROM_BIN" ]; then
  log "no prometheus binary after installing the package"
  exit 1
fi
PROMTOOL="$(dirname "$PROM_BIN")/promtool"
if [ ! -x "$PROMTOOL" ]; then
  log "promtool is missing beside $PROM_BIN"
  exit 1
fi
log "$("$PROM_BIN" --version 2>&1 | head -n 1)"
printf 'export JIL_TEST_PROMETHEUS=%q\n' "$PROM_BIN"
