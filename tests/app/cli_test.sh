#!/usr/bin/env bash
# The peel command line, as an operator uses it. Prints "N passed, N failed".
set -u
peel=$1
dir=$(mktemp -d /tmp/peel-cli.XXXXXX)
trap 'rm -rf "$dir"' EXIT
db="sqlite:$dir/peel.db"
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

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
