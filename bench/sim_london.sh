#!/usr/bin/env bash
# The simulator at London's scale, on a fresh server: the London-sized synthetic network
# (502,000 junctions) and 2,000 demo units, then either
#   load             peel sim --load: 2,000 units every 5 s, incidents at 10x London's busiest
#                    hour, 100 dispatcher screens, for SECONDS (default 120)
#   day POLICY       one simulated day of London's volume (16,000 calls) at 60x (24 minutes),
#                    dispatched by POLICY (recommended or nearest); the report, its CSV and its
#                    chart go to OUT_DIR (default build/sim-london)
#   bench/sim_london.sh [PEEL_BINARY] load [SECONDS] [PEAK_FACTOR] [WORKERS]
#   bench/sim_london.sh [PEEL_BINARY] day recommended|nearest [OUT_DIR]
# The server, the simulator and its clients share the machine's cores.
set -euo pipefail
peel=${1:-build/release/src/app/peel}
mode=${2:-load}

dir=$(mktemp -d /tmp/peel-sim-london.XXXXXX)
db="sqlite:$dir/peel.db"
"$peel" init --db "$db" >/dev/null
echo "sim_london: building the London-sized network (about 30 s)"
"$peel" geo synth --size 502000 --db "$db" >/dev/null
"$peel" demo --db "$db" --units 2000 --sim-credentials "$dir/sim.credentials" >/dev/null
source "$(dirname "$0")/serve_in_background.sh"

case $mode in
  load)
    "$peel" sim --load --server "$url" --credentials "$dir/sim.credentials" \
      --seconds "${3:-120}" --units 2000 --dispatchers 100 --calls-per-day 16000 \
      --peak-factor "${4:-10}" --workers "${5:-4}"
    ;;
  day)
    policy=${3:?day needs a policy: recommended or nearest}
    out=${4:-build/sim-london}
    mkdir -p "$out"
    "$peel" sim --server "$url" --credentials "$dir/sim.credentials" --hours 24 --start-hour 0 \
      --calls-per-day 16000 --speed 60x --seed 7 --policy "$policy" \
      --report-csv "$out/$policy.csv" --report-png "$out/$policy.png" | tee "$out/$policy.txt"
    ;;
  *)
    echo "sim_london: mode must be load or day" >&2
    exit 2
    ;;
esac
