#!/usr/bin/env bash
# Start the real components of the fleet tests: a Docker Registry v2 and a Docker engine of their own,
# both on loopback, and make sure Chromium and a static busybox are installed.
#
# Usage: .ci/start-fleet-deps.sh DIR         start (idempotent: a second call with the same DIR reuses what
#                                            runs there); DIR is an absolute path, created when missing.
#                                            Prints `export NAME=value` lines on stdout (eval them), logs on stderr.
#        .ci/start-fleet-deps.sh --stop DIR  stop the registry and dockerd started in DIR, remove DIR
#
# Exported variables (also written to DIR/env):
#   JIL_TEST_DOCKER_HOST  unix:///DIR/docker.sock — the dockerd of these tests (never the system one)
#   JIL_TEST_REGISTRY     127.0.0.1:PORT — the registry (plain HTTP; 127.0.0.0/8 is an insecure registry for dockerd)
#   JIL_TEST_CHROMIUM     /usr/bin/chromium
#   JIL_TEST_BUSYBOX      /bin/busybox (static; the tests copy it into a one-layer image)
# Port: $JIL_CI_REGISTRY_PORT (default 55000); when it is taken by something else the script fails.
# Installs with apt-get when missing: docker.io (dockerd, containerd, runc), docker-registry, chromium,
# busybox-static. Services are never started by the package install (policy-rc.d); everything runs from DIR.
# Needs root (or passwordless sudo) for apt-get and for dockerd.
set -euo pipefail

PORT="${JIL_CI_REGISTRY_PORT:-55000}"
log() { printf '[start-fleet-deps] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_pid() { # stop_pid PIDFILE NAME: TERM, wait up to 20 s, then KILL
  local file="$1" name="$2" pid
  alive "$file" || return 0
  pid="$(cat "$file")"
  log "stopping $name (pid $pid)"
  as_root kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  as_root kill -KILL "$pid" 2>/dev/null || true
}

if [ "${1:-}" = "--stop" ]; then
  dir="${2:?usage: $0 --stop DIR}"
  [ -d "$dir" ] || exit 0
  # Containers first (dockerd stops them on TERM too, but removing them keeps DIR removable).
  if alive "$dir/dockerd.pid" && command -v docker >/dev/null; then
    ids="$(DOCKER_HOST="unix://$dir/docker.sock" docker ps -aq 2>/dev/null || true)"
    [ -z "$ids" ] || DOCKER_HOST="unix://$dir/docker.sock" docker rm -f $ids >/dev/null 2>&1 || true
  fi
  stop_pid "$dir/dockerd.pid" dockerd
  stop_pid "$dir/registry.pid" registry
  # dockerd leaves overlay mounts behind when killed; unmount before removing.
  { grep -o " $dir/[^ ]*" /proc/mounts 2>/dev/null || true; } | sort -r | while read -r m; do as_root umount -l "$m" 2>/dev/null || true; done
  as_root rm -rf -- "$dir"
  exit 0
fi

dir="${1:?usage: $0 DIR | --stop DIR}"
case "$dir" in /*) ;; *) log "DIR must be an absolute path"; exit 2 ;; esac
case "$PORT" in '' | *[!0-9]*) log "JIL_CI_REGISTRY_PORT must be a port number"; exit 2 ;; esac
# The socket paths of dockerd and containerd live under DIR and must stay below the 108-byte limit.
if [ "${#dir}" -gt 60 ]; then log "DIR is too long for unix socket paths (max 60 characters): $dir"; exit 2; fi
mkdir -p "$dir"

missing=()
[ -x /usr/sbin/dockerd ] || missing+=(docker.io)
[ -x /usr/bin/docker-registry ] || missing+=(docker-registry)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# A static busybox: ldd fails on it ("not a dynamic executable"); the dynamic Debian `busybox` would not run alone.
if [ ! -x /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1; then missing+=(busybox-static); fi
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  # Keep package scripts from starting system services (a system dockerd or registry); ours run from DIR.
  policy_added=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod 755 /usr/sbin/policy-rc.d
    policy_added=1
  fi
  install() { as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >&2; }
  if ! install; then as_root apt-get update -q >&2; install; fi
  [ -z "$policy_added" ] || as_root rm -f /usr/sbin/policy-rc.d
fi

# Registry
if alive "$dir/registry.pid"; then
  log "registry already running (pid $(cat "$dir/registry.pid"))"
else
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    log "port 127.0.0.1:$PORT is already in use; stop that server or set JIL_CI_REGISTRY_PORT"
    exit 1
  fi
  mkdir -p "$dir/registry-data"
  cat >"$dir/registry.yml" <<EOF
version: 0.1
log: {level: warn}
storage: {filesystem: {rootdirectory: $dir/registry-data}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$PORT}
EOF
  nohup /usr/bin/docker-registry serve "$dir/registry.yml" >"$dir/registry.log" 2>&1 &
  echo $! >"$dir/registry.pid"
  log "registry started (pid $!) on 127.0.0.1:$PORT"
fi

# Docker engine: own socket, data root, exec root and pidfile; containerd is started by dockerd itself.
if alive "$dir/dockerd.pid"; then
  log "dockerd already running (pid $(cat "$dir/dockerd.pid"))"
else
  mkdir -p "$dir/docker-data" "$dir/exec"
  as_root nohup /usr/sbin/dockerd -H "unix://$dir/docker.sock" --data-root "$dir/docker-data" \
    --exec-root "$dir/exec" --pidfile "$dir/dockerd.pid" >"$dir/dockerd.log" 2>&1 &
  log "dockerd starting"
fi

for _ in $(seq 1 120); do
  if [ -S "$dir/docker.sock" ] && curl -fsS --unix-socket "$dir/docker.sock" http://d/_ping >/dev/null 2>&1 \
    && curl -fsS "http://127.0.0.1:$PORT/v2/" >/dev/null 2>&1; then
    {
      echo "export JIL_TEST_DOCKER_HOST=unix://$dir/docker.sock"
      echo "export JIL_TEST_REGISTRY=127.0.0.1:$PORT"
      echo "export JIL_TEST_CHROMIUM=/usr/bin/chromium"
      echo "export JIL_TEST_BUSYBOX=/bin/busybox"
    } >"$dir/env"
    log "ready"
    cat "$dir/env"
    exit 0
  fi
  sleep 0.5
done
log "dockerd or the registry did not come up in 60 s"
tail -n 30 "$dir/dockerd.log" "$dir/registry.log" >&2 || true
exit 1
