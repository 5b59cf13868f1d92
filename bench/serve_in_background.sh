# Sourced by the load scripts: starts `$peel serve --db $db` on a free port in the background,
# logging into $dir; sets $server (its pid) and $url, and on exit stops it and removes $dir.
"$peel" serve --db "$db" --port 0 >"$dir/out" 2>"$dir/log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 300); do grep -q "running at" "$dir/out" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$dir/out" | head -1)
url=${url%/}
[ -n "$url" ] || { echo "$0: the server did not start: $(tail -3 "$dir/log")" >&2; exit 1; }
