#!/usr/bin/env bash
# The certify step of action.yml, runnable on its own: certifies each URL of INPUT_URL / INPUT_LIST,
# appends each Markdown report to $GITHUB_STEP_SUMMARY, keeps the JSON (and HTML, where certify has
# --html) reports in $REPORT_DIR for the artifact, writes `verdict` and `report-dir` to
# $GITHUB_OUTPUT, and exits as the job should end: 1 on a CORS failure with fail-on: fail (a
# warning annotation and 0 with fail-on: warn), 2 when a target was unusable or an engine could not
# start (always a failure: nothing was certified).
set -uo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
cli=(node "$here/bin/cors-harness.js" certify)
report_dir=${REPORT_DIR:-${RUNNER_TEMP:-/tmp}/cors-certify}
fail_on=${INPUT_FAIL_ON:-fail}
mkdir -p "$report_dir"

case "$fail_on" in fail | warn) ;; *) echo "::error::fail-on takes fail or warn, got \"$fail_on\""; exit 2 ;; esac
# One URL per line (or separated by spaces or commas) from `url` and `list`.
mapfile -t urls < <(printf '%s\n%s\n' "${INPUT_URL:-}" "${INPUT_LIST:-}" | tr ' ,' '\n\n' | sed '/^\s*$/d')
if [ ${#urls[@]} -eq 0 ]; then
  echo "::error::give the URL to certify: the input url (one) or list (one per line)"
  exit 2
fi

args=(--quiet)
[ -n "${INPUT_VIEWER_ORIGIN:-}" ] && args+=(--viewer-origin "$INPUT_VIEWER_ORIGIN")
for origin in $(printf '%s' "${INPUT_TRUSTED_ORIGINS:-}" | tr ',\n' '  '); do args+=(--trusted-origin "$origin"); done
[ "${INPUT_VIEWERS:-false}" = true ] && args+=(--viewers)
[ -n "${INPUT_ENGINES:-}" ] && export CORS_ENGINES="$INPUT_ENGINES"
# --html comes with the collection work (#19); until certify has it, the artifact holds JSON and Markdown.
html=no
"${cli[@]}" --help | grep -q -- '--html' && html=yes

worst=0
i=0
for url in "${urls[@]}"; do
  i=$((i + 1))
  base="$report_dir/certify-$i"
  extra=()
  [ $html = yes ] && extra+=(--html "$base.html")
  echo "::group::certify $url"
  "${cli[@]}" "$url" "${args[@]}" "${extra[@]}" --format md --json "$base.json" > "$base.md" 2> "$base.err"
  code=$?
  cat "$base.err" >&2
  echo "::endgroup::"
  {
    cat "$base.md"
    if [ $code -eq 2 ]; then printf '\n**certify could not check %s:**\n\n```\n%s\n```\n' "$url" "$(tail -n 20 "$base.err")"; fi
    echo
  } >> "${GITHUB_STEP_SUMMARY:-/dev/null}"
  case $code in
    0) echo "PASS $url" ;;
    1) echo "FAIL $url (CORS)"; [ $worst -lt 1 ] && worst=1 ;;
    *) echo "::error::certify could not check $url (exit $code): $(tail -n 1 "$base.err")"; worst=2 ;;
  esac
done

verdict=$([ $worst -eq 0 ] && echo pass || ([ $worst -eq 1 ] && echo fail || echo unusable))
{
  echo "verdict=$verdict"
  echo "report-dir=$report_dir"
} >> "${GITHUB_OUTPUT:-/dev/null}"
echo "verdict: $verdict; reports in $report_dir (html: $html)"
if [ $worst -eq 1 ] && [ "$fail_on" = warn ]; then
  echo "::warning::CORS failures found (fail-on: warn): see the step summary"
  exit 0
fi
exit $worst
