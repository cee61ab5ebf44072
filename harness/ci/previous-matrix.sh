#!/bin/sh
# Nightly: download the matrix-report artifact of the newest successful run of a workflow into a
# directory, with the GitHub CLI (preinstalled on GitHub's runners; needs GH_TOKEN). No earlier run
# is not an error: the directory stays empty and the merge step says there is nothing to compare.
# Usage: sh harness/ci/previous-matrix.sh <workflow file> <artifact name> <dir>
set -eu
workflow=${1:?usage: previous-matrix.sh <workflow file> <artifact name> <dir>}
artifact=${2:?usage: previous-matrix.sh <workflow file> <artifact name> <dir>}
dir=${3:?usage: previous-matrix.sh <workflow file> <artifact name> <dir>}
mkdir -p "$dir"
run=$(gh run list --workflow "$workflow" --status success --limit 1 --json databaseId --jq '.[0].databaseId // empty')
if [ -z "$run" ]; then
  echo "previous-matrix: no successful $workflow run yet"
  exit 0
fi
if gh run download "$run" --name "$artifact" --dir "$dir"; then
  echo "previous-matrix: run $run's $artifact is in $dir"
else
  echo "previous-matrix: run $run has no $artifact artifact (expired?): nothing to compare with"
fi
