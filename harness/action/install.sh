#!/usr/bin/env bash
# The setup step of action.yml: the package's runtime dependencies in the action's folder, then the
# browser engines certify needs (Playwright's builds where downloadable, else Debian packages through
# sudo; WebKit is always WebKitGTK's MiniBrowser from Debian/Ubuntu, see docs/engines.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
npm ci --omit=dev --no-audit --no-fund
[ -n "${INPUT_ENGINES:-}" ] && export CORS_ENGINES="$INPUT_ENGINES"
# Downloaded builds go where both this user and sudo look; later steps read it from GITHUB_ENV.
export PLAYWRIGHT_BROWSERS_PATH=${PLAYWRIGHT_BROWSERS_PATH:-${RUNNER_TEMP:-/tmp}/ms-playwright}
echo "PLAYWRIGHT_BROWSERS_PATH=$PLAYWRIGHT_BROWSERS_PATH" >> "${GITHUB_ENV:-/dev/null}"
as_root=()
[ "$(id -u)" != 0 ] && command -v sudo > /dev/null && as_root=(sudo --preserve-env=PLAYWRIGHT_BROWSERS_PATH,CORS_ENGINES,PATH)
"${as_root[@]}" node bin/cors-harness.js setup-browsers --engines-only
