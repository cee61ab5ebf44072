#!/bin/sh
# Run before `npm test` and `npm run matrix`: on a fresh machine, installs the npm dependencies and
# the browser engines; on a ready one, costs a second. Fails loudly when something can't be had.
set -e
cd "$(dirname "$0")/../.."
if [ ! -x node_modules/.bin/playwright ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "ensure-ready: installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
node_modules/.bin/tsx harness/setup-browsers.ts
