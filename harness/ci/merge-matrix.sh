#!/bin/sh
# Nightly: merge the shards' blob reports into one matrix-report/ and, when the previous night's
# matrix.json is there, fail on any changed cell. Exit 1 when a cell is unexpected or changed.
# Usage: sh harness/ci/merge-matrix.sh <blob-report dir> <previous matrix.json>
set -eu
blobs=${1:?usage: merge-matrix.sh <blob-report dir> <previous matrix.json>}
previous=${2:?usage: merge-matrix.sh <blob-report dir> <previous matrix.json>}
if [ -f "$previous" ]; then
  echo "merge-matrix: comparing with $previous"
  set -- --baseline "$previous" --fail-on-change
else
  echo "merge-matrix: no previous matrix at $previous (first run?): nothing to compare with"
  set --
fi
# --ignore-scripts: merging needs no browser, so skip the matrix's install step.
exec npm run --silent matrix --ignore-scripts -- --merge "$blobs" "$@"
