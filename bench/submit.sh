#!/usr/bin/env bash
# The `submit` benchmark: starts a server (Release, Production, fresh database) and runs the load driver against it at
# each concurrency given, recording the load average of the machine before each run.
#   bench/submit.sh [--server [name=]<SurveyPlatform.Web.dll>]... [--providers sqlite,postgres] [--rounds 1]
#                   [--seconds 15] [--warmup 20] [--label text] [--out bench/results/submit.md] 1 8 32 64
# Each level first runs --warmup seconds of the same load, unmeasured, so that the figures are of a server whose
# hot code has reached its final compilation tier.
# Several --server options compare builds in one sitting (A/B): for each round and level, the servers run one after
# the other, so that a change in how busy the machine is touches them alike. Name them with name=path.
# --providers runs each level on each database in turn, in the same sitting: sqlite (a fresh folder) and postgres (a fresh
# database on the throwaway server of tests/postgres.sh, port 55432, started if needed).
# The rate limit is raised far above the load (every virtual respondent comes from 127.0.0.1), so the limiter
# still runs on every post without refusing any. SERVER_ENV="NAME=value …" passes settings to the servers only.
set -euo pipefail
cd "$(dirname "$0")/.."
servers=()
driver=bench/SurveyPlatform.LoadDriver/bin/Release/net10.0/SurveyPlatform.LoadDriver.dll
seconds=15; warmup=20; label=""; out=""; port=5055; rounds=1; providers=sqlite
while [ $# -gt 0 ]; do
  case "$1" in
    --server) servers+=("$2"); shift 2 ;;
    --providers) providers="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --label) label="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    *) break ;;
  esac
done
levels=("${@:-32}")
if [ ${#servers[@]} -eq 0 ]; then
  servers=(src/SurveyPlatform.Web/bin/Release/net10.0/SurveyPlatform.Web.dll)
  [ -f "${servers[0]}" ] || dotnet build src/SurveyPlatform.Web -c Release -v quiet --nologo
fi
[ -f "$driver" ] || dotnet build bench/SurveyPlatform.LoadDriver -c Release -v quiet --nologo
if [[ ",$providers," == *",postgres,"* ]]; then
  # shellcheck source=../tests/postgres.sh
  source tests/postgres.sh
  start_test_postgres
  psql_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)/psql"
fi

for round in $(seq 1 "$rounds"); do
  for c in "${levels[@]}"; do
    for provider in ${providers//,/ }; do
      for entry in "${servers[@]}"; do
        name=""; server="$entry"
        if [[ "$entry" == *=* ]]; then name="${entry%%=*}"; server="${entry#*=}"; fi
        data="$(mktemp -d)"
        database_env=(); db="$data/surveyplatform.db"; pgdb=""
        if [ "$provider" = postgres ]; then
          pgdb="sp_bench_$(date +%s%N)"
          "$psql_bin" -h 127.0.0.1 -p 55432 -U surveyplatform -d postgres -qc "CREATE DATABASE $pgdb" >/dev/null
          db="Host=127.0.0.1;Port=55432;Username=surveyplatform;Database=$pgdb"
          database_env=(Database__Provider=Postgres "Database__ConnectionString=$db" Database__MigrateOnStartup=true)
        fi
        env ${SERVER_ENV:-} "${database_env[@]}" SecureCookies=false DataDirectory="$data" ASPNETCORE_ENVIRONMENT=Production \
          RateLimiting__RespondentPosts__PermitLimit=1000000000 Logging__LogLevel__Default=Warning \
          dotnet "$server" --urls "http://127.0.0.1:$port" >"$data/server.log" 2>&1 &
        pid=$!
        for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
        load="$(cut -d' ' -f1-3 /proc/loadavg)"
        what="$label${name:+ $name} $provider"; [ "$rounds" -gt 1 ] && what="$what, round $round"
        args=(--url "http://127.0.0.1:$port" --concurrency "$c" --seconds "$seconds" --warmup "$warmup" --db "$db" --server-pid "$pid"
          --label "$what (load average before: $load)")
        [ -n "$out" ] && args+=(--out "$out")
        dotnet "$driver" "${args[@]}" || true
        kill "$pid"; wait "$pid" 2>/dev/null || true
        rm -rf "$data"
        [ -n "$pgdb" ] && "$psql_bin" -h 127.0.0.1 -p 55432 -U surveyplatform -d postgres -qc "DROP DATABASE $pgdb" >/dev/null
      done
    done
  done
done
