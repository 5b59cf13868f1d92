#!/usr/bin/env bash
# The geo commands as an operator uses them: synthetic town, search, route, reverse, bad input,
# and a failed import that leaves the previous map in place.
set -euo pipefail
peel=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="sqlite:$work/peel.db"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$peel" migrate --db "$db" >/dev/null
"$peel" geo search "anything" --db "$db" 2>"$work/err" && fail "search without a map succeeded"
grep -q "no map has been imported" "$work/err" || fail "no hint to import a map: $(cat "$work/err")"

"$peel" geo synth --size 2500 --db "$db" --json >"$work/map.json"
grep -q '"nodes":2500' "$work/map.json" || fail "synth: $(cat "$work/map.json")"
first=$(ls "$work/geo")

"$peel" geo search "ashby police station" --db "$db" --json >"$work/found.json"
grep -q '"score"' "$work/found.json" || fail "search: $(cat "$work/found.json")"
"$peel" geo search "zzqx" --db "$db" --json | grep -qx '\[\]' || fail "no-match search is not empty"

"$peel" geo route 51.5072,-0.1276 51.5030,-0.1230 --db "$db" --json >"$work/route.json"
grep -q '"meters"' "$work/route.json" && grep -q '"seconds"' "$work/route.json" &&
  grep -q '"geometry"' "$work/route.json" || fail "route: $(cat "$work/route.json")"
"$peel" geo route 0,0 51.5,-0.12 --db "$db" 2>"$work/err" && fail "route from the sea succeeded"
grep -q "outside the map" "$work/err" || fail "far point: $(cat "$work/err")"
"$peel" geo route nonsense 51.5,-0.12 --db "$db" 2>"$work/err" && fail "bad point accepted"
grep -q "LAT,LON" "$work/err" || fail "bad point: $(cat "$work/err")"
"$peel" geo reverse 51.5072,-0.1276 --db "$db" --json | grep -q '"street"' || fail "reverse"

# Blue-light speed factors come from the settings when a map is built: faster by default, and
# exactly as fast as normal traffic when every factor is 1.
seconds() { python3 -c 'import json, sys; print(json.load(sys.stdin)["seconds"])'; }
trip=(51.5072,-0.1276 51.4950,-0.1100)
normal=$("$peel" geo route "${trip[@]}" --db "$db" --json | seconds)
blue=$("$peel" geo route "${trip[@]}" --profile emergency --db "$db" --json | seconds)
python3 -c "import sys; sys.exit(0 if $blue < $normal else 1)" || fail "emergency $blue s not faster than $normal s"
flat="sqlite:$work/flat/peel.db"
"$peel" migrate --db "$flat" >/dev/null
for class in motorway trunk primary secondary tertiary unclassified residential living_street service; do
  export "PEEL_GEO_EMERGENCY_FACTOR_${class^^}=1"
done
"$peel" geo synth --size 2500 --db "$flat" >/dev/null
normal=$("$peel" geo route "${trip[@]}" --db "$flat" --json | seconds)
blue=$("$peel" geo route "${trip[@]}" --profile emergency --db "$flat" --json | seconds)
[ "$blue" = "$normal" ] || fail "with factors of 1, emergency $blue s != normal $normal s"
PEEL_GEO_EMERGENCY_FACTOR_PRIMARY=fast "$peel" geo synth --size 100 --db "$flat" 2>"$work/err" &&
  fail "a factor that is not a number was accepted"
grep -q "geo.emergency_factor_primary" "$work/err" || fail "bad factor: $(cat "$work/err")"
for class in motorway trunk primary secondary tertiary unclassified residential living_street service; do
  unset "PEEL_GEO_EMERGENCY_FACTOR_${class^^}"
done

# A damaged extract is refused and the synthetic town stays the map.
head -c 20000 /dev/urandom >"$work/broken.osm.pbf"
"$peel" geo import "$work/broken.osm.pbf" --db "$db" 2>"$work/err" && fail "damaged file imported"
grep -q "cannot be read" "$work/err" || fail "damaged file: $(cat "$work/err")"
: >"$work/empty.osm.pbf"
"$peel" geo import "$work/empty.osm.pbf" --db "$db" 2>"$work/err" && fail "empty file imported"
[ "$(ls "$work/geo")" = "$first" ] || fail "a failed import changed the graph files"
"$peel" geo search "ashby police station" --db "$db" --json | grep -q '"score"' || fail "map lost"

# A real extract replaces it, and the old graph file goes.
monaco=$(dirname "$0")/../../../shared/data/geo/monaco.osm.pbf
if [ -f "$monaco" ]; then
  "$peel" geo import "$monaco" --db "$db" --json >"$work/monaco.json"
  python3 -c 'import json, sys; m = json.load(open(sys.argv[1])); sys.exit(0 if m["segments"] > 10000 and m["banned_turns"] > 0 else 1)' \
    "$work/monaco.json" || fail "monaco import: $(cat "$work/monaco.json")"
  [ "$(ls "$work/geo")" != "$first" ] || fail "the old graph file is still there"
  "$peel" geo search "boulevard des moulins" --db "$db" --json | grep -q "Boulevard des Moulins" || fail "monaco search"
fi
echo "geo cli: ok"
