#!/usr/bin/env bash
# Failover, end to end, on loopback: scripts/ha-lab's etcd and two PostgreSQL nodes under Patroni
# (synchronous), two `peel serve` (one active, one standing by) on the libpq multi-host URL, and
# a write load (incidents, dispatches, AVL, crimes: tests/ha/write_load.py) while
#   1. the Patroni primary's PostgreSQL is killed (SIGKILL), RUNS times, one after another: each
#      time every acknowledged write must be in the store after the promotion, the same two
#      servers must go on taking writes, and the seconds without an acknowledged write are
#      measured;
#   2. then the active Peel is killed (SIGKILL): the standby must take over; the seconds until
#      it acknowledges a write are measured.
# `peel audit verify` must pass at the end. Prints one JSON line per measurement ("failover",
# "takeover") and "N passed, N failed".
#
#   tests/ha/failover_test.sh PEEL [RUNS] [SECONDS_PER_RUN]
set -u
peel=$1
runs=${2:-1}
seconds=${3:-20}
here=$(cd "$(dirname "$0")" && pwd)
lab_script="$here/../../scripts/ha-lab"
load="$here/write_load.py"
dir=$(mktemp -d /tmp/peel-ha.XXXXXX)
chmod 755 "$dir"  # the lab runs PostgreSQL as the postgres user, below this folder
lab="$dir/lab"
export WRITE_LOAD_STATE="$dir/state.json"
servers=()
gaps=()  # seconds without an acknowledged write, per run
source "$here/../support/script_checks.sh"
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${servers[@]}"; do wait "$pid" 2>/dev/null; done
  "$lab_script" stop "$lab" >/dev/null 2>&1
  rm -rf "$dir"
}
trap cleanup EXIT
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get(sys.argv[2]))' "$1" "$2"; }

started=$(date +%s)
url=$("$lab_script" start "$lab" 2>"$dir/lab.err" | tail -1)
[ -n "$url" ] || { echo "the lab did not start"; cat "$dir/lab.err"; exit 1; }
echo "lab started in $(($(date +%s) - started)) s: $url"
"$peel" migrate --db "$url" >/dev/null || { echo "migrate failed"; exit 1; }
for user in sup:control_room_supervisor gateway:it_engineer inv:investigator ops:system_administrator; do
  echo 'a long passphrase 9' | "$peel" user add "${user%%:*}" --role "${user#*:}" --db "$url" >/dev/null ||
    { echo "user add ${user%%:*} failed"; exit 1; }
done

ports=()
for n in 1 2; do
  port=$(free_port)
  "$peel" serve --db "$url" --port "$port" >"$dir/serve$n.out" 2>"$dir/serve$n.err" &
  servers+=($!)
  ports+=("$port")
  wait_for_serving "$dir/serve$n.out" "$dir/serve$n.err"
done
list="http://127.0.0.1:${ports[0]},http://127.0.0.1:${ports[1]}"
"$load" setup "$list" || { echo "setup failed"; exit 1; }

for run in $(seq "$runs"); do
  "$lab_script" wait "$lab" >/dev/null || { bad "run $run: the cluster is not back to a primary and a synchronous standby"; break; }
  result=$("$load" run "$list" "$seconds" "$((seconds / 3))" "$lab_script" kill-primary "$lab")
  outcome=$?
  echo "{\"measure\":\"failover\",\"run\":$run,\"primary_now\":\"$("$lab_script" primary "$lab")\",\"result\":$result}"
  gaps+=("$(field "$result" seconds_without_writes)")
  [ $outcome -eq 0 ] && ok || bad "run $run: writes were acknowledged after the primary was killed"
  sleep 2  # AVL fixes are acknowledged when queued, and written to the track within a second
  check=$("$load" check "$url") && ok || bad "run $run: an acknowledged write is missing: $check"
  echo "{\"measure\":\"kept\",\"run\":$run,\"result\":$check}"
  for n in 0 1; do
    kill -0 "${servers[$n]}" 2>/dev/null && ok || bad "run $run: server $((n + 1)) died: $(tail -5 "$dir/serve$((n + 1)).err")"
  done
done

python3 - "${gaps[@]}" <<'EOF'
import json, statistics, sys
gaps = [float(g) for g in sys.argv[1:] if g not in ("None", "")]
print(json.dumps({"measure": "failover_summary", "runs": len(sys.argv) - 1,
                  "seconds_without_writes_p50": round(statistics.median(gaps), 2) if gaps else None,
                  "seconds_without_writes_max": max(gaps) if gaps else None}))
EOF
"$peel" audit verify --db "$url" >"$dir/verify.out" 2>&1 && ok || bad "audit verify: $(cat "$dir/verify.out")"

# The active Peel killed: the standby takes over from the durable log.
active=""
for n in 0 1; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${ports[$n]}/readyz?role=active")" = 200 ] && active=$n
done
if [ -z "$active" ]; then
  bad "a server is active before the takeover"
else
  other=$((1 - active))
  token=$(curl -s -X POST "http://127.0.0.1:${ports[$other]}/api/v1/session" -H 'Content-Type: application/json' \
    --data '{"username":"sup","password":"a long passphrase 9"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  killed_at=$(date +%s.%N)
  kill -KILL "${servers[$active]}"
  wait "${servers[$active]}" 2>/dev/null
  took=""
  for _ in $(seq 300); do
    got=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:${ports[$other]}/api/v1/incidents" \
      -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      --data '{"classification":"burglary","grade":"S","location":{"lat":51.5072,"lon":-0.1276}}')
    if [ "$got" = 201 ]; then
      took=$(python3 -c "import time; print(round(time.time() - $killed_at, 2))")
      break
    fi
    sleep 0.05
  done
  echo "{\"measure\":\"takeover\",\"seconds_to_first_write\":${took:-null}}"
  [ -n "$took" ] && ok || bad "the standby took no write within 15 s of the active server's SIGKILL"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
