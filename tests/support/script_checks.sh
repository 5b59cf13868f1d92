# Sourced by the shell tests that run `peel` processes (tests/app/*_test.sh, tests/ha): the
# tally of checks, a free loopback port, and waiting for a server to start.
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# wait_for_serving OUT ERR: waits up to 10 s for `peel serve` (its output in OUT, errors in ERR)
# to say it is running; exits the test, showing ERR, when it does not.
wait_for_serving() {
  for _ in $(seq 100); do grep -q "Peel is running" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "the server did not start"
  cat "$2"
  exit 1
}
