#!/usr/bin/env bash
# Import time and peak memory of `peel geo import` for every OpenStreetMap extract under
# ../shared/data (read in place, never copied), and of `peel geo synth` for the London-sized
# synthetic town as the scale reference. Each run imports into a fresh SQLite store.
#   bench/geo_import.sh [PEEL_BINARY] [DATA_DIR]
set -euo pipefail
peel=${1:-build/release/src/app/peel}
data=${2:-$(dirname "$0")/../../shared/data}
[ -x /usr/bin/time ] || { echo "geo_import: /usr/bin/time is not installed (scripts/bootstrap)" >&2; exit 1; }

dir=$(mktemp -d /tmp/peel-import-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT

# label, peel arguments...: prints wall time, peak resident memory and what was built.
measure() {
  local label=$1
  shift
  rm -rf "$dir/run" && mkdir "$dir/run"
  "$peel" migrate --db "sqlite:$dir/run/peel.db" >/dev/null
  if ! /usr/bin/time -f '%e %M' -o "$dir/time" "$peel" "$@" --db "sqlite:$dir/run/peel.db" --json \
    >"$dir/out" 2>"$dir/err"; then
    echo "$label: failed: $(tail -1 "$dir/err")"
    return 1
  fi
  local seconds kb
  read -r seconds kb <"$dir/time"
  python3 - "$label" "$seconds" "$kb" "$dir/out" <<'PY'
import json, sys
label, seconds, kb, out = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
m = json.load(open(out))
print(f"{label:<34} {seconds:7.1f} s wall {kb / 1024:6.0f} MB peak  {m['nodes']:>9,} nodes "
      f"{m['segments']:>9,} segments {m['banned_turns']:>6,} banned turns "
      f"{m['places']:>9,} gazetteer entries")
PY
}

echo "Map import (peel geo import / synth, release build, $(nproc) cores)"
found=0
while IFS= read -r -d '' file; do
  found=1
  measure "$(basename "$file") ($(du -h "$file" | cut -f1))" geo import "$file"
done < <(find "$data" -type f \( -name '*.osm.pbf' -o -name '*.osm' -o -name '*.osm.bz2' \) -print0 | sort -z)
[ "$found" = 1 ] || echo "no OpenStreetMap extract under $data"
measure "synthetic London (502,000 junctions)" geo synth --size 502000
