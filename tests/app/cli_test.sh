#!/usr/bin/env bash
# The peel command line, as an operator uses it. Prints "N passed, N failed".
set -u
peel=$1
dir=$(mktemp -d /tmp/peel-cli.XXXXXX)
trap 'rm -rf "$dir"' EXIT
db="sqlite:$dir/peel.db"
export PEEL_AUDIT_KEY_FILE="$dir/keys/audit.key" PEEL_AUDIT_SIGNING_KEY_FILE="$dir/keys/signing.pem"
passed=0 failed=0

check() {  # description, expected exit code, command...
  local what=$1 want=$2
  shift 2
  "$@" >"$dir/out" 2>"$dir/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $what: exit $got, wanted $want"
    sed 's/^/  out: /' "$dir/out"
    sed 's/^/  err: /' "$dir/err"
  fi
}
contains() {  # description, file, text
  if grep -q -- "$3" "$dir/$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $1: no '$3' in $2"; sed 's/^/  /' "$dir/$2"; fi
}

check "version" 0 "$peel" version
contains "version names peel" out "peel 0"
check "no subcommand is a usage error" 2 "$peel"
check "an unknown option is a usage error" 2 "$peel" migrate --nope
check "serve before migrate refuses" 1 "$peel" serve --db "$db" --port 0
contains "and says what to do" err "run peel migrate"
check "a bad db url" 1 "$peel" migrate --db "mysql://x"
contains "names the setting" err "db:"
check "migrate" 0 "$peel" migrate --db "$db"
check "migrate again is a no-op" 0 "$peel" migrate --db "$db" --json
contains "nothing applied" out '"applied":\[\]'
check "init makes the first administrator" 0 "$peel" init --db "$db" --json
contains "with a one-time password" out one_time_password
check "init again makes no one" 0 "$peel" init --db "$db"
if grep -q "One-time" "$dir/out"; then failed=$((failed + 1)); echo "FAIL: init made a second administrator"; else passed=$((passed + 1)); fi
check "user add reads the password from stdin" 0 bash -c "echo 'a long passphrase 9' | '$peel' user add carl --role dispatcher --db '$db'"
check "user add without a password" 1 bash -c "'$peel' user add dora --role dispatcher --db '$db' </dev/null"
check "user add with an unknown role" 1 bash -c "echo 'a long passphrase 9' | '$peel' user add erik --role wizard --db '$db'"
contains "names the role" err "role"
check "a duplicate username" 1 bash -c "echo 'a long passphrase 9' | '$peel' user add carl --role analyst --db '$db'"
check "user list" 0 "$peel" user list --db "$db" --json
contains "lists carl" out '"username":"carl"'
check "disable needs a reason" 2 "$peel" user disable carl --db "$db"
check "disable" 0 "$peel" user disable carl --reason "left the force" --db "$db"
check "disable an unknown user" 1 "$peel" user disable nobody --reason x --db "$db"
check "audit verify on an intact log" 0 "$peel" audit verify --db "$db"
contains "says intact" out "intact"
sqlite3 "$dir/peel.db" "UPDATE events SET reason = 'edited' WHERE sequence = 2"
check "audit verify finds the edit" 1 "$peel" audit verify --db "$db"
contains "names the event" err "event 2 was altered"
printf '[db]\nurll = "x"\n' >"$dir/typo.toml"
check "a config file with a typo" 1 "$peel" migrate --config "$dir/typo.toml"
contains "names the key" err "db.urll"
check "demo without a map" 1 "$peel" demo --db "$db"
contains "says to make one" err "peel geo synth"
check "sim without credentials" 2 "$peel" sim
check "sim with a missing credentials file" 1 "$peel" sim --credentials "$dir/none"
contains "names the file" err "credentials: cannot read"
printf 'control sim-control\n' >"$dir/bad.credentials"
check "sim with a broken credentials line" 1 "$peel" sim --credentials "$dir/bad.credentials"
contains "says the form" err "control|avl USER PASSWORD"
printf 'control a b\navl c d\n' >"$dir/good.credentials"
check "sim with a bad speed" 1 "$peel" sim --credentials "$dir/good.credentials" --speed fast
contains "names speed" err "speed: must be a factor"
check "sim with a bad policy" 1 "$peel" sim --credentials "$dir/good.credentials" --policy random
check "sim with no server there" 1 "$peel" sim --credentials "$dir/good.credentials" --server http://127.0.0.1:1
contains "says it cannot reach" err "cannot reach Peel"
check "sim with a chart it cannot write" 1 "$peel" sim --credentials "$dir/good.credentials" --report-png "$dir/no/such/dir/chart.png"
contains "names the option" err "report-png: cannot write"
check "a load with no time" 2 "$peel" sim --load --credentials "$dir/good.credentials" --seconds 0
check "a load with no server there" 1 "$peel" sim --load --credentials "$dir/good.credentials" --server http://127.0.0.1:1
contains "says it cannot reach" err "cannot reach Peel"

header='Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context'
{
  echo "$header"
  echo "$(printf 'a%.0s' $(seq 64)),2024-09,Metropolitan Police Service,Metropolitan Police Service,-0.1359,51.5148,On or near Great Marlborough Street,E01004763,Westminster 013B,Burglary,Under investigation,"
  echo ",2024-09,Metropolitan Police Service,Metropolitan Police Service,-0.14,51.5163,On or near Park,E01004763,Westminster 013B,Anti-social behaviour,,"
  echo ",2024-09,Metropolitan Police Service,Metropolitan Police Service,,,No Location,,,Drugs,,"
} >"$dir/street.csv"
check "import crimes" 0 "$peel" pole import-crimes --db "$db" "$dir/street.csv" --json
contains "records the placed rows" out '"recorded":2'
contains "counts the unplaced" out '"without_location":1'
check "import the same file again" 0 "$peel" pole import-crimes --db "$db" "$dir/street.csv" --json
contains "adds nothing" out '"already_held":2'
{ echo "$header"; echo ",2024-13,X,X,-0.1,51.5,Here,E0,N,Burglary,,"; } >"$dir/bad-street.csv"
check "import a file with a bad month" 1 "$peel" pole import-crimes --db "$db" "$dir/bad-street.csv"
contains "names the line and column" err "line 2, Month"
check "import a file that is not there" 1 "$peel" pole import-crimes --db "$db" "$dir/none.csv"
# The real City of London file repeats four Crime IDs with other places (README: 617 rows, 31
# without a location): all imported, the repeats reported; again, nothing added.
city="$(dirname "$0")/../../../shared/data/police-uk/2019-01-city-of-london-street.csv"
if [ -f "$city" ]; then
  check "import the real City of London file" 0 "$peel" pole import-crimes --db "$db" "$city" --json
  contains "records every placed row" out '"recorded":586'
  contains "counts the unplaced" out '"without_location":31'
  contains "reports the repeated Crime IDs" out '"repeated_crime_ids":4'
  contains "names the first repeat" out '{"line":172,"first_line":168}'
  check "import the real file again" 0 "$peel" pole import-crimes --db "$db" "$city"
  contains "adds nothing the second time" out "0 recorded, 586 already held"
fi

# Tamper evidence, tried as someone who can write the database would (issue 22).
tdb="sqlite:$dir/t.db"
check "init makes the audit keys" 0 "$peel" init --db "$tdb"
[ "$(stat -c %a "$PEEL_AUDIT_KEY_FILE")" = 600 ] && [ "$(stat -c %a "$PEEL_AUDIT_SIGNING_KEY_FILE")" = 600 ] &&
  [ "$(stat -c %a "$dir/keys")" = 700 ] && passed=$((passed + 1)) ||
  { failed=$((failed + 1)); echo "FAIL: the audit keys are not mode 600 in a 700 folder"; }
[ "$(stat -c %a "$dir/t.db")" = 600 ] && passed=$((passed + 1)) ||
  { failed=$((failed + 1)); echo "FAIL: the database is not mode 600"; }
check "users added after keying" 0 "$peel" user add kay --role analyst --db "$tdb" <<<"a long passphrase 7"
check "keyed log verifies" 0 "$peel" audit verify --db "$tdb"
check "a checkpoint" 0 "$peel" audit checkpoint --out "$dir/cp1.json" --db "$tdb"
check "a checkpoint never overwrites" 1 "$peel" audit checkpoint --out "$dir/cp1.json" --db "$tdb"
check "verify with the checkpoint" 0 "$peel" audit verify --checkpoint "$dir/cp1.json" --db "$tdb"
cp "$dir/t.db" "$dir/t-before.db"
# Rewrite an event and recompute the chain after it, as the assessment did: plain
# SHA-256 (the key is not in the database), then with the key stolen.
forge() {  # key or "" -> rewrites the last event but access ones, recomputes the chain and head
  python3 - "$dir/t.db" "$1" <<'PY'
import hashlib, hmac, sqlite3, sys
db = sqlite3.connect(sys.argv[1]); key = sys.argv[2].encode()
target = db.execute("SELECT MAX(sequence) FROM events WHERE type <> 'PersonalDataAccessed'").fetchone()[0]
prev = db.execute("SELECT previous_hash FROM events WHERE sequence = ?", (target,)).fetchone()[0]
for seq, at, stream, typ, actor, reason, payload in db.execute(
        "SELECT sequence, at_ms, stream, type, actor, reason, payload FROM events"
        " WHERE sequence >= ? ORDER BY sequence", (target,)).fetchall():
    if seq == target: reason = "rewritten"
    canon = "".join(f"{len(f.encode())}:{f};" for f in [prev, str(seq), str(at), stream, typ, actor, reason, payload])
    h = (hmac.new(key, canon.encode(), hashlib.sha256) if key else hashlib.sha256(canon.encode())).hexdigest()
    db.execute("UPDATE events SET reason = ?, previous_hash = ?, hash = ? WHERE sequence = ?", (reason, prev, h, seq))
    prev = h
db.execute("UPDATE event_log_head SET hash = ?", (prev,)); db.commit()
PY
}
forge ""
check "a chain recomputed without the key fails" 1 "$peel" audit verify --db "$tdb"
contains "names the rewritten event" err "was altered"
cp "$dir/t-before.db" "$dir/t.db"
forge "$(tr -d '\n' <"$PEEL_AUDIT_KEY_FILE")"
check "a chain recomputed with a stolen key passes on its own" 0 "$peel" audit verify --db "$tdb"
check "but not against the checkpoint kept elsewhere" 1 "$peel" audit verify --checkpoint "$dir/cp1.json" --db "$tdb"
contains "says the log was rewritten" err "the log was rewritten"
cp "$dir/t-before.db" "$dir/t.db"
sed 's/"sequence":[0-9]*/"sequence":1/' "$dir/cp1.json" >"$dir/cp-altered.json"
check "an altered checkpoint is refused" 1 "$peel" audit verify --checkpoint "$dir/cp-altered.json" --db "$tdb"
contains "says it was altered" err "signature does not match"
check "users list (an access to personal data)" 0 "$peel" user list --db "$tdb"
cp "$dir/t-before.db" "$dir/t.db"
sqlite3 "$dir/t.db" "DELETE FROM access_log WHERE rowid IN (SELECT rowid FROM access_log LIMIT 1)"
n=$(sqlite3 "$dir/t.db" "SELECT COUNT(*) FROM events WHERE type = 'PersonalDataAccessed'")
if [ "$n" -gt 0 ]; then
  check "a deleted access log row is found" 1 "$peel" audit verify --db "$tdb"
  contains "says it was deleted" err "was deleted"
fi
mv "$PEEL_AUDIT_KEY_FILE" "$dir/stolen.key"
check "without its key the keyed log cannot be written" 1 "$peel" user add nat --role analyst --db "$tdb" <<<"a long passphrase 10"
contains "says what is missing" err "audit"

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
