#!/usr/bin/env bash
# HTTP round trips on loopback with wrk (Debian): a small authenticated GET (/api/v1/session:
# token check + JSON), and /healthz (no auth) as the same-run reference for the cost of
# authentication. Target on a 2-core machine: >= 30,000 authenticated requests/s.
#   bench/http_load.sh [PEEL_BINARY] [SECONDS] [CONNECTIONS]
# wrk shares the machine's two cores with the server, so the figures are a floor.
set -euo pipefail
peel=${1:-build/release/src/app/peel}
seconds=${2:-10}
connections=${3:-64}
command -v wrk >/dev/null || { echo "http_load: wrk is not installed (scripts/bootstrap)" >&2; exit 1; }

dir=$(mktemp -d /tmp/peel-http-bench.XXXXXX)
db="sqlite:$dir/peel.db"
"$peel" migrate --db "$db" >/dev/null
echo "load test passphrase 123" | "$peel" user add bench --role dispatcher --db "$db" >/dev/null
source "$(dirname "$0")/serve_in_background.sh"
token=$(curl -sf -X POST "$url/api/v1/session" -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"load test passphrase 123"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

run() {  # name, path, extra wrk args...
  local name=$1 path=$2
  shift 2
  local out
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" "$url$path")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr '\n' ' ' || true)
  printf '%-28s %12s req/s   p50 %8s   p99 %8s   %s\n' "$name" "$rps" "$p50" "$p99" "${errors:-no errors}"
  echo "$rps"
}

echo "http_load: $connections connections, ${seconds}s each, wrk -t2, $(nproc) cores"
authed=$(run "GET /api/v1/session (auth)" /api/v1/session -H "Authorization: Bearer $token" | tee /dev/stderr | tail -1)
plain=$(run "GET /healthz (no auth)" /healthz | tee /dev/stderr | tail -1)
python3 - "$authed" "$plain" <<'PY'
import sys
authed, plain = float(sys.argv[1]), float(sys.argv[2])
print(f"authenticated / unauthenticated: {authed / plain:.2f}   authenticated / target 30,000: {authed / 30000:.2f}")
PY
