#!/usr/bin/env bash
# The command line beside a running server on one SQLite file, as an operator uses them: the
# defect this guards against made every write of the server fail ("UNIQUE constraint failed:
# events.sequence") after `peel user add`, until a restart. Prints "N passed, N failed".
set -u
peel=$1
dir=$(mktemp -d /tmp/peel-many.XXXXXX)
db="sqlite:$dir/peel.db"
source "$(dirname "$0")/../support/script_checks.sh"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

# status METHOD PATH [TOKEN] [BODY]: prints the HTTP status; the body goes to $dir/body.
status() {
  local args=(-s -o "$dir/body" -w '%{http_code}' -X "$1" "http://127.0.0.1:$port$2")
  [ -n "${3:-}" ] && args+=(-H "Authorization: Bearer $3")
  [ -n "${4:-}" ] && args+=(-H 'Content-Type: application/json' --data "$4")
  curl "${args[@]}"
}
sign_in() {  # username: prints a token, or nothing
  status POST /api/v1/session "" "{\"username\":\"$1\",\"password\":\"a long passphrase 9\"}" >/dev/null
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("token",""))' "$dir/body" 2>/dev/null
}
# within_a_second WANT COMMAND...: the command prints WANT within a second (tried every 50 ms).
within_a_second() {
  local want=$1 got=""
  shift
  for _ in $(seq 20); do
    got=$("$@")
    [ "$got" = "$want" ] && return 0
    sleep 0.05
  done
  echo "  wanted $want, got $got" >&2
  return 1
}
add_user() {  # name role
  echo 'a long passphrase 9' | "$peel" user add "$1" --role "$2" --db "$db" >"$dir/out" 2>"$dir/err"
}

"$peel" migrate --db "$db" >/dev/null || { echo "migrate failed"; exit 1; }
add_user ops system_administrator || { echo "user add failed"; cat "$dir/err"; exit 1; }
port=$(free_port)
"$peel" serve --db "$db" --port "$port" >"$dir/serve.out" 2>"$dir/serve.err" &
server=$!
wait_for_serving "$dir/serve.out" "$dir/serve.err"
admin=$(sign_in ops)
[ -n "$admin" ] && ok || bad "the administrator signs in"

# A user added from the command line while serving: the server's next write still succeeds, and
# the new user can sign in at once.
add_user xavier analyst && ok || bad "user add while serving: $(cat "$dir/err")"
made=$(status POST /api/v1/users "$admin" '{"username":"bea","display_name":"Bea","role":"analyst"}')
[ "$made" = 201 ] && ok || bad "a server write after the command line's: $made $(cat "$dir/body")"
token=""
for _ in $(seq 20); do token=$(sign_in xavier); [ -n "$token" ] && break; sleep 0.05; done
[ -n "$token" ] && ok || bad "xavier, added by the command line, signs in within a second"

# Disabled from the command line: the session ends within a second.
"$peel" user disable xavier --reason "left the force" --db "$db" >"$dir/out" 2>"$dir/err" && ok || bad "user disable while serving"
within_a_second 401 status GET /api/v1/session "$token" && ok || bad "xavier's session ends within a second of being disabled"

# Crimes imported while serving, 500 rows (the real City of London file is refused whole: two of
# its rows share a Crime ID, which the importer does not allow).
{
  echo 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context'
  for i in $(seq 500); do
    echo "$(printf '%064d' "$i"),2024-09,City of London Police,City of London Police,-0.09$((i % 10)),51.51$((i % 10)),On or near Cheapside,E01032739,City of London 001F,Bicycle theft,Under investigation,"
  done
} >"$dir/street.csv"
"$peel" pole import-crimes "$dir/street.csv" --db "$db" --json >"$dir/out" 2>"$dir/err" && ok || bad "import-crimes while serving: $(cat "$dir/err")"
grep -q '"recorded":500' "$dir/out" && ok || bad "all 500 recorded: $(cat "$dir/out")"
made=$(status POST /api/v1/users "$admin" '{"username":"cai","display_name":"Cai","role":"analyst"}')
[ "$made" = 201 ] && ok || bad "a server write after the import: $made $(cat "$dir/body")"

# A second server on the same file is refused, naming the first.
"$peel" serve --db "$db" --port 0 >"$dir/second.out" 2>"$dir/second.err"
[ $? -eq 1 ] && ok || bad "a second serve on the same SQLite file is refused"
grep -q "pid $server" "$dir/second.err" && ok || bad "the refusal names the running server: $(cat "$dir/second.err")"

# A backup taken while serving restores to the same log.
"$peel" backup --to "$dir/copy.db" --db "$db" --json >"$dir/out" 2>"$dir/err" && ok || bad "backup while serving: $(cat "$dir/err")"
grep -q '"intact":true' "$dir/out" && ok || bad "the backup's chain is verified"
"$peel" backup --to "$dir/copy.db" --db "$db" >/dev/null 2>"$dir/err"
[ $? -eq 1 ] && grep -q "already exists" "$dir/err" && ok || bad "a backup never overwrites a file"
kill "$server" && wait "$server"
server=""
"$peel" audit verify --db "$db" >/dev/null && ok || bad "the served log verifies"
original=$("$peel" user list --db "$db" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
restored=$("$peel" user list --db "sqlite:$dir/copy.db" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
[ -n "$original" ] && [ "$original" = "$restored" ] && ok || bad "the restored copy has the same users ($original, $restored)"
"$peel" audit verify --db "sqlite:$dir/copy.db" >/dev/null && ok || bad "the restored copy verifies"

echo "many_processes: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
