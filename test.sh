#!/usr/bin/env bash
# Runs every test of SurveyPlatform: unit, integration (SQLite and PostgreSQL) and end-to-end in headless
# Chromium with accessibility checks.
# On Debian it first installs what the tests need when it is missing (needs root or sudo).
#   ./test.sh                 every test
#   ./test.sh --fast          the inner loop: unit and integration tests on SQLite, without Chromium, PostgreSQL or R
#                             (the end-to-end project, tests marked [Trait("Needs", "PostgreSQL" | "R")] and the long
#                             soak tests marked [Trait("Speed", "Slow")] are left out; the four projects run at once)
#   ./test.sh [--fast] <dotnet test arguments>, e.g. --filter "FullyQualifiedName~Respond"
set -euo pipefail
cd "$(dirname "$0")"

if [ "${1:-}" = "--fast" ]; then
  shift
  dotnet build SurveyPlatform.sln -c Release -warnaserror --nologo -v quiet
  out="$(mktemp -d)"
  pids=()
  for project in Core Reports Cli Web; do
    dotnet test "tests/SurveyPlatform.$project.Tests" -c Release --no-build --nologo \
      --filter "Needs!=PostgreSQL&Needs!=R&Speed!=Slow" "$@" >"$out/$project.log" 2>&1 &
    pids+=($!)
  done
  status=0
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
  cat "$out"/*.log | grep -v "^\s*$" | grep -Ev "^(Test run for|A total of|Results File)" || true
  rm -rf "$out"
  exit $status
fi

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v pg_ctlcluster >/dev/null 2>&1 || missing+=(postgresql)
# R's survey package is the reference the indicator engine is cross-checked against.
command -v Rscript >/dev/null 2>&1 || missing+=(r-base-core)
{ command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(survey)' >/dev/null 2>&1; } || missing+=(r-cran-survey)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing test prerequisites: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# PostgreSQL for the server-database integration tests (a throwaway cluster on a local socket).
source ./tests/postgres.sh
start_test_postgres

dotnet tool restore >/dev/null
dotnet build SurveyPlatform.sln -c Release -warnaserror --nologo -v quiet

results="$(mktemp -d)"
status=0
dotnet test SurveyPlatform.sln -c Release --no-build --nologo --logger "trx" --results-directory "$results" "$@" || status=$?

# One closing line over all test projects.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  nx=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${nx:-0}))
done
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
