#!/usr/bin/env bash
# Tries deploy/nginx.conf on this machine, without TLS: two instances of the built platform on one SQLite file
# (ports 5001 and 5002), nginx in front on port 8080 with the file's upstreams and locations, then a respondent's pages
# and the console's negotiate request through nginx. Needs nginx and a Release build:
#   dotnet build src/SurveyPlatform.Web -c Release && deploy/try-nginx.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dll=src/SurveyPlatform.Web/bin/Release/net10.0/SurveyPlatform.Web.dll
[ -f "$dll" ] || { echo "build first: dotnet build src/SurveyPlatform.Web -c Release" >&2; exit 1; }
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; nginx -p "$work" -c "$work/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

for port in 5001 5002; do
  env DataDirectory="$work/data" SecureCookies=false ASPNETCORE_ENVIRONMENT=Production \
    RateLimiting__ClientAddressHeader=X-Forwarded-For \
    dotnet "$dll" --urls "http://127.0.0.1:$port" >"$work/instance-$port.log" 2>&1 &
  pids+=($!)
  sleep 3 # the first instance makes the database; the second finds it
done
for port in 5001 5002; do
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/healthz/ready" >/dev/null && break; sleep 0.5; done
done

# The shipped file, with plain HTTP on 8080 instead of TLS on 443 (no certificate here) and a prefix of our own.
mkdir -p "$work/logs"
python3 - "$work" deploy/nginx.conf >"$work/nginx.conf" <<'PY'
import sys
work, conf = sys.argv[1], open(sys.argv[2]).read()
# Keep the upstreams, the map and the first server; drop the HTTP-to-HTTPS redirect server (port 80).
conf = conf[:conf.rindex("server {")]
conf = conf.replace("listen 443 ssl http2;", "listen 8080;")
conf = "\n".join(l for l in conf.splitlines() if "ssl_certificate" not in l)
temp = " ".join(f"{k}_temp_path {work};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
print(f"pid {work}/nginx.pid; error_log {work}/logs/error.log; events {{}}\nhttp {{ {temp}\n{conf}\n}}")
PY
nginx -t -p "$work" -c "$work/nginx.conf"
nginx -p "$work" -c "$work/nginx.conf"

base=http://127.0.0.1:8080
echo "survey page through nginx: $(curl -s -o /dev/null -w '%{http_code}' "$base/s/community-trust?lang=es")"
seen=""
for _ in $(seq 1 6); do seen="$seen $(curl -s -o /dev/null -w '%{http_code}' "$base/s/community-trust")"; done
echo "six more survey pages (spread over both instances):$seen"
echo "public results page (404 while the demo run is not published): $(curl -s -o /dev/null -w '%{http_code}' "$base/r/community-trust")"
echo "console sign-in page: $(curl -s -o /dev/null -w '%{http_code}' "$base/account/login")"
echo "console live connection, negotiate: $(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/_blazor/negotiate?negotiateVersion=1")"
echo "readiness through nginx: $(curl -s "$base/healthz/ready")"
for port in 5001 5002; do
  echo "instance $port: $(grep -c . "$work/instance-$port.log" || true) log lines; lines about a respondent's request" \
    "(beyond the start-up line naming the survey's address): $(grep '/s/' "$work/instance-$port.log" | grep -vc 'is open at' || true)"
done
