#!/bin/sh
# The one readiness check every npm script runs first (its `pre` script), so each works as the first
# command in a fresh clone: installs the npm dependencies when they are missing or older than the
# lock file, then, as the script needs, the browser engines. On a ready machine it costs about a
# second. Fails loudly, naming what to do, when something cannot be installed.
#   ensure-ready.sh deps      npm dependencies only (fixtures, schema)
#   ensure-ready.sh engines   + the browser engines (certify, bench, browser-server)
#   ensure-ready.sh all       + the real servers and tools the test suite uses (test, matrix)
# Everything it prints goes to stderr: stdout stays the command's own (e.g. certify --json -).
set -e
need=${1:-all}
cd "$(dirname "$0")/../.."
exec 1>&2
say() { printf 'ensure-ready: %s\n' "$1"; }

major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then
  say "Node.js 20 or newer is needed (found $(node --version 2>/dev/null || echo none)): install it from https://nodejs.org or your distribution, then rerun."
  exit 1
fi
if [ ! -x node_modules/.bin/tsx ] || [ ! -x node_modules/.bin/playwright ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies (npm ci)"
  if ! npm ci --no-audit --no-fund; then
    say "could not install the npm dependencies (npm ci failed, see above). Check that the npm registry is reachable (npm config get registry), then run \`npm ci\` and rerun."
    exit 1
  fi
fi
case "$need" in
  deps) exit 0 ;;
  engines) set -- --engines-only ;;
  all) set -- ;;
  *) say "unknown need '$need' (deps, engines or all)"; exit 2 ;;
esac
if ! node --import tsx harness/setup-browsers.ts --quiet "$@"; then
  say "the browser engines are not ready (see above). \`npm run setup:browsers\` installs them (as root on Debian/Ubuntu), or install what it names and rerun."
  exit 1
fi
