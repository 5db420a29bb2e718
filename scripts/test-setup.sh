#!/usr/bin/env bash
# What the unit tests need from the system, installed by `npm test` itself (pretest) so that the README's two
# commands are all a newcomer — and CI — runs: Debian's python3-marathon, the third-party client the fake
# Marathon's contract test drives (test/cluster/contract/). Installed only when /usr/bin/python3 cannot import
# it (a pyenv python3 on PATH does not see Debian's packages, so the test uses /usr/bin/python3 too).
# Idempotent: about 15 s on a new machine, nothing after. The end-to-end tools are test/e2e/setup.sh's.
set -euo pipefail
if /usr/bin/python3 -c 'import marathon' 2>/dev/null; then exit 0; fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
echo "[test-setup] apt-get install python3-marathon (the contract test's Marathon client)" >&2
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-marathon >/dev/null
/usr/bin/python3 -c 'import marathon' || { echo "[test-setup] error: python3-marathon did not install" >&2; exit 1; }
