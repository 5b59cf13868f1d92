#!/usr/bin/env bash
# A server whose PostgreSQL goes away for SECONDS (default 30) and comes back, run under a
# PostgreSQL of its own (scripts/with-postgres, which this test stops and starts): while it is
# gone, writes are refused with 503 and a reason (never a 500, never a hang or a crash) and the
# server stays alive; once it is back, the same server takes writes again without a restart, and
# every write it acknowledged is in the store. Prints "N passed, N failed".
#
#   scripts/with-postgres tests/app/store_outage_test.sh PEEL [SECONDS]
set -u
peel=$1
outage=${2:-30}
: "${PEEL_TEST_POSTGRES_URL:?run under scripts/with-postgres}" "${PEEL_TEST_POSTGRES_DATA:?run under scripts/with-postgres}"
db=$PEEL_TEST_POSTGRES_URL
dir=$(mktemp -d /tmp/peel-outage.XXXXXX)
pg_ctl=(/usr/lib/postgresql/15/bin/pg_ctl -D "$PEEL_TEST_POSTGRES_DATA")
[ "$(id -u)" -eq 0 ] && pg_ctl=(runuser -u "$(stat -c %U "$PEEL_TEST_POSTGRES_DATA")" -- "${pg_ctl[@]}")
source "$(dirname "$0")/../support/script_checks.sh"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  "${pg_ctl[@]}" -l "$PEEL_TEST_POSTGRES_DATA/../server.log" -w start >/dev/null 2>&1
  rm -rf "$dir"
}
trap cleanup EXIT

# status METHOD PATH [TOKEN] [BODY]: prints the HTTP status (000: no answer in 10 s); the body
# goes to $dir/body.
status() {
  local args=(-s -m 10 -o "$dir/body" -w '%{http_code}' -X "$1" "http://127.0.0.1:$port$2")
  [ -n "${3:-}" ] && args+=(-H "Authorization: Bearer $3")
  [ -n "${4:-}" ] && args+=(-H 'Content-Type: application/json' --data "$4")
  curl "${args[@]}"
}
made=0 got=""
add_user_over_http() {  # sets got to the status; counts the 201s
  got=$(status POST /api/v1/users "$admin" "{\"username\":\"user$1\",\"display_name\":\"User $1\",\"role\":\"analyst\"}")
  [ "$got" = 201 ] && made=$((made + 1))
  return 0
}

"$peel" migrate --db "$db" >/dev/null || { echo "migrate failed"; exit 1; }
echo 'a long passphrase 9' | "$peel" user add ops --role system_administrator --db "$db" >/dev/null ||
  { echo "user add failed"; exit 1; }
port=$(free_port)
"$peel" serve --db "$db" --port "$port" >"$dir/serve.out" 2>"$dir/serve.err" &
server=$!
wait_for_serving "$dir/serve.out" "$dir/serve.err"
status POST /api/v1/session "" '{"username":"ops","password":"a long passphrase 9"}' >/dev/null
admin=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("token",""))' "$dir/body" 2>/dev/null)
[ -n "$admin" ] && ok || bad "the administrator signs in"
add_user_over_http 0
[ "$got" = 201 ] && ok || bad "a write before the outage: $(cat "$dir/body")"

# The database goes away as a crashed server does: no goodbye to the connections.
"${pg_ctl[@]}" -m immediate -w stop >/dev/null || { echo "could not stop PostgreSQL"; exit 1; }
statuses=() unclear=""
ends=$((SECONDS + outage))
n=1
while [ $SECONDS -lt "$ends" ]; do
  add_user_over_http "$n"
  statuses+=("$got")
  if [ "$got" = 503 ] && ! grep -q '"detail"' "$dir/body"; then unclear=$(cat "$dir/body"); fi
  n=$((n + 1))
  sleep 1
done
refused=$(printf '%s\n' "${statuses[@]}" | grep -c '^503$')
[ "$refused" -eq "${#statuses[@]}" ] && ok ||
  bad "every write while the store is away is refused with 503: got $(printf '%s\n' "${statuses[@]}" | sort | uniq -c | tr '\n' ' ')"
[ -z "$unclear" ] && ok || bad "the refusal says why: $unclear"
[ "$(status GET /healthz)" = 200 ] && ok || bad "the server is alive during the outage"
[ "$(status GET /readyz)" = 503 ] && ok || bad "/readyz says it cannot serve during the outage"
kill -0 "$server" 2>/dev/null && ok || bad "the server is still running after ${outage} s without its store"

# Back: the same server takes writes again, without a restart.
"${pg_ctl[@]}" -l "$PEEL_TEST_POSTGRES_DATA/../server.log" -w start >/dev/null || { echo "could not start PostgreSQL"; exit 1; }
back_at=$(date +%s.%N)
took=""
for _ in $(seq 300); do
  add_user_over_http "$n"
  if [ "$got" = 201 ]; then
    took=$(python3 -c "import time; print(round(time.time() - $back_at, 2))")
    break
  fi
  n=$((n + 1))
  sleep 0.05
done
[ -n "$took" ] && ok || bad "a write within 15 s of the store coming back: $(cat "$dir/body")"
echo "{\"measure\":\"store_outage\",\"seconds\":$outage,\"refused\":$refused,\"seconds_to_first_write_after\":${took:-null}}"
[ "$(status GET /readyz?role=active)" = 200 ] && ok || bad "the server is active again: $(cat "$dir/body")"
kill "$server" && wait "$server"
server=""
"$peel" audit verify --db "$db" >/dev/null && ok || bad "the log verifies"
users=$("$peel" user list --db "$db" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
[ "$users" = $((made + 1)) ] && ok || bad "every acknowledged user is stored: $made acknowledged (and ops), $users stored"

echo "store_outage: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
