#!/usr/bin/env bash
# HTTPS from configured certificate files, set through PEEL_* environment variables, and a
# clear refusal when a file is missing. Prints "N passed, N failed".
set -u
peel=$1
dir=$(mktemp -d /tmp/peel-tls.XXXXXX)
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$dir"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" -days 1 \
  -subj "/CN=localhost" >/dev/null 2>&1 || { echo "tls: openssl could not make a certificate"; exit 1; }
db="sqlite:$dir/peel.db"
"$peel" migrate --db "$db" >/dev/null

PEEL_TLS_CERTIFICATE_FILE="$dir/missing.pem" PEEL_TLS_PRIVATE_KEY_FILE="$dir/key.pem" \
  "$peel" serve --db "$db" --port 0 >"$dir/out" 2>"$dir/err"
[ $? -ne 0 ] && grep -q "tls.certificate_file" "$dir/err" && ok || bad "a missing certificate is named"

PEEL_TLS_CERTIFICATE_FILE="$dir/cert.pem" PEEL_TLS_PRIVATE_KEY_FILE="$dir/key.pem" \
  "$peel" serve --db "$db" --port 0 >"$dir/out" 2>"$dir/err" &
server=$!
for _ in $(seq 100); do grep -q "running at" "$dir/out" && break; sleep 0.1; done
url=$(grep -o 'https://[^ ]*' "$dir/out" | head -1)
[ -n "$url" ] && ok || bad "the server says https: $(cat "$dir/out" "$dir/err")"
port=${url##*:}; port=${port%/}
[ "$(curl -sk "https://127.0.0.1:$port/healthz")" = '{"status":"alive"}' ] && ok || bad "HTTPS request"
curl -s "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && bad "plain HTTP must not be served" || ok
curl -skI "https://127.0.0.1:$port/healthz" | grep -qi '^strict-transport-security: max-age=' &&
  ok || bad "HSTS is sent over HTTPS"
# TLS 1.2 only with forward-secret AEAD suites: RSA key exchange and CBC-SHA1 are refused.
for weak in AES128-SHA AES256-GCM-SHA384 ECDHE-RSA-AES128-SHA; do
  echo | openssl s_client -connect "127.0.0.1:$port" -tls1_2 -cipher "$weak" >/dev/null 2>&1 &&
    bad "TLS 1.2 suite $weak must be refused" || ok
done
echo | openssl s_client -connect "127.0.0.1:$port" -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 \
  >/dev/null 2>&1 && ok || bad "TLS 1.2 with ECDHE-RSA-AES128-GCM-SHA256 is served"

echo "tls: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
