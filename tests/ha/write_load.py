#!/usr/bin/env python3
"""A bounded write load on Peel servers while something fails, then a check of what was kept.

    write_load.py setup   SERVERS             units and users' sign-ins, into state.json
    write_load.py run     SERVERS SECONDS FAULT_AT FAULT_COMMAND...
    write_load.py check   DB_URL              every acknowledged write is in the store

SERVERS is a comma-separated list of base URLs (the active server and its standbys). The load is
what a control room does: incidents opened and units dispatched to them, AVL fixes, crimes
recorded; each from a thread of its own. A request answered 503 (a standby, or the store failing
over) or not answered at all is tried on the next server after a short pause, as a load balancer
asking /readyz?role=active would. Only 2xx answers are recorded as acknowledged.

`run` prints one JSON line: requests, acknowledged, refused (non-2xx), unanswered, and the longest
time without an acknowledged write from the fault (FAULT_COMMAND run at FAULT_AT seconds) on,
beside the longest before it (the load's own rhythm). `check` prints what it checked and exits non-zero when any
acknowledged write is missing.
"""
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone

STATE = os.environ.get("WRITE_LOAD_STATE", "state.json")
PASSWORD = "a long passphrase 9"
UNITS = 400
TRACKED_UNITS = 20  # units whose positions are reported (the others wait to be dispatched)
LONDON = (51.5072, -0.1276)


def call(base, method, path, token=None, body=None, timeout=10):
    """(status, parsed body or None); status 0 when there was no answer."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    request.add_header("Peel-Purpose", "failover test")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            text = reply.read()
            return reply.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as error:
        text = error.read()
        try:
            return error.code, json.loads(text)
        except ValueError:
            return error.code, None
    except (OSError, ValueError):
        return 0, None


def active_server(servers, within=60):
    until = time.time() + within
    while time.time() < until:
        for base in servers:
            if call(base, "GET", "/readyz?role=active", timeout=2)[0] == 200:
                return base
        time.sleep(0.1)
    raise SystemExit("no server became active within %d s" % within)


def sign_in(base, username):
    for _ in range(100):
        status, body = call(base, "POST", "/api/v1/session",
                            body={"username": username, "password": PASSWORD})
        if status in (200, 201):
            return body["token"]
        time.sleep(0.1)
    raise SystemExit("%s cannot sign in at %s" % (username, base))


def now_rfc3339(offset_seconds=0):
    t = datetime.fromtimestamp(time.time() + offset_seconds, timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def setup(servers):
    base = active_server(servers)
    tokens = {}
    for server in servers:
        tokens[server] = {user: sign_in(server, user) for user in ("sup", "gateway", "inv")}
    units = []
    for i in range(UNITS):
        status, body = call(base, "POST", "/api/v1/resources", tokens[base]["sup"],
                            {"call_sign": "HA%03d" % i, "type": "car", "capabilities": [],
                             "home_area": "Central", "crew": []})
        if status != 201:
            raise SystemExit("unit %d: %s %s" % (i, status, body))
        units.append(body["id"])
    status, body = call(base, "GET", "/api/v1/crimes/classifications", tokens[base]["inv"])
    if status != 200:
        raise SystemExit("classifications: %s %s" % (status, body))
    classifications = body["items"]
    crime = next(c["code"] for c in classifications if c.get("is_crime", True))
    with open(STATE, "w") as out:
        json.dump({"servers": servers, "tokens": tokens, "units": units, "crime": crime}, out)


class Load:
    """Tries each write until some server acknowledges it or the load ends."""

    def __init__(self, state, seconds):
        self.state = state
        self.deadline = time.time() + seconds
        self.lock = threading.Lock()
        self.requests = self.refused = self.unanswered = 0
        self.acknowledged = []  # (time answered, kind, key)
        self.server = 0

    def write(self, user, method, path, body):
        """The answer's body once a server acknowledged it; None when the load ended first or
        the change conflicts with the state (409)."""
        servers = self.state["servers"]
        while time.time() < self.deadline:
            with self.lock:
                base = servers[self.server % len(servers)]
            status, reply = call(base, method, path, self.state["tokens"][base][user], body)
            with self.lock:
                self.requests += 1
                if 200 <= status < 300:
                    return reply
                if status == 0:
                    self.unanswered += 1
                else:
                    self.refused += 1
                if status == 409:
                    # A repeat of a change that went through before its answer was lost (the unit
                    # is already sent, the job already cleared): not acknowledged, not retried.
                    return None
                if status in (0, 503):
                    self.server += 1  # a standby, or a server whose store is failing over
                else:
                    print("write_load: %s %s: %s %s" % (method, path, status, reply),
                          file=sys.stderr)
            time.sleep(0.1)
        return None

    def acknowledge(self, kind, key):
        with self.lock:
            self.acknowledged.append((time.time(), kind, key))

    def dispatches(self):
        units = self.state["units"][TRACKED_UNITS:]
        n = 0
        while time.time() < self.deadline:
            n += 1
            lat, lon = LONDON[0] + (n % 50) * 0.001, LONDON[1] + (n // 50) * 0.001
            incident = self.write("sup", "POST", "/api/v1/incidents", {
                "classification": "burglary", "grade": "S", "channel": "999",
                "location": {"lat": lat, "lon": lon},
                "caller": {"name": "Failover Caller", "phone": "07700900%03d" % (n % 1000)},
                "narrative": "failover test call %d" % n})
            if incident is None:
                continue
            self.acknowledge("incident", incident["id"])
            unit = units[n % len(units)]
            sent = self.write("sup", "POST", "/api/v1/incidents/%s/dispatch" % incident["id"],
                              {"resource_id": unit})
            if sent is not None:
                self.acknowledge("dispatch", [incident["id"], unit])
            # Cleared at once, so that the units last through any number of runs.
            self.write("sup", "POST", "/api/v1/resources/%s/status" % unit, {"status": "clear"})

    def positions(self):
        tracked = self.state["units"][:TRACKED_UNITS]
        step = 0
        while time.time() < self.deadline:
            step += 1
            at = now_rfc3339()
            # Each fix 350 m on from the last, so that the track keeps every one.
            fixes = [{"resource_id": unit, "lat": LONDON[0] + i * 0.002,
                      "lon": LONDON[1] + step * 0.005, "at": at}
                     for i, unit in enumerate(tracked)]
            if self.write("gateway", "POST", "/api/v1/positions", {"positions": fixes}) is None:
                break
            for fix in fixes:
                self.acknowledge("position", [fix["resource_id"], at])
            time.sleep(0.2)

    def crimes(self):
        n = 0
        while time.time() < self.deadline:
            n += 1
            crime = self.write("inv", "POST", "/api/v1/crimes", {
                "classification": self.state["crime"], "occurred_from": now_rfc3339(-3600),
                "location": {"lat": LONDON[0], "lon": LONDON[1] + n * 0.0001},
                "narrative": "failover test crime %d" % n})
            if crime is None:
                break
            self.acknowledge("crime", crime["id"])


def run(seconds, fault_at, fault_command):
    with open(STATE) as f:
        state = json.load(f)
    load = Load(state, seconds)
    threads = [threading.Thread(target=work) for work in (load.dispatches, load.positions,
                                                            load.crimes)]
    started = time.time()
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, started + fault_at - time.time()))
    fault_time = time.time()
    fault = subprocess.run(fault_command, capture_output=True, text=True)
    for thread in threads:
        thread.join()
    times = sorted(t for t, _, _ in load.acknowledged)
    after = [t for t in times if t > fault_time]
    before = [t for t in times if t <= fault_time]
    # The longest wait between two acknowledged writes from the fault on: a killed postmaster's
    # backends may finish what they were doing, so the first write after it is no measure.
    around = ([before[-1]] if before else []) + after
    gap_after = max((b - a for a, b in zip(around, around[1:])), default=None)
    gap_before = max((b - a for a, b in zip(before, before[1:])), default=None)
    result = {
        "requests": load.requests,
        "acknowledged": len(load.acknowledged),
        "acknowledged_before_fault": len(before),
        "refused": load.refused,
        "unanswered": load.unanswered,
        "fault": fault.stdout.strip() or fault.stderr.strip(),
        "seconds_without_writes": round(gap_after, 2) if gap_after is not None else None,
        "longest_gap_before_fault": round(gap_before, 2) if gap_before is not None else None,
    }
    with open(STATE + ".acknowledged", "w") as out:
        json.dump([[kind, key] for _, kind, key in load.acknowledged], out)
    print(json.dumps(result))
    return 0 if fault.returncode == 0 and after else 1


def rows(db_url, sql):
    out = subprocess.run(["psql", db_url, "-AtX", "-F", "\t", "-c", sql], capture_output=True,
                         text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def check(db_url):
    with open(STATE + ".acknowledged") as f:
        acknowledged = json.load(f)
    incidents = {r[0].split("/", 1)[1] for r in
                 rows(db_url, "SELECT stream FROM events WHERE type = 'IncidentOpened'")}
    dispatches = {(r[0].split("/", 1)[1], json.loads(r[1])["resource_id"]) for r in rows(
        db_url, "SELECT stream, payload FROM events WHERE type = 'ResourceDispatched'")}
    crimes = {r[0].split("/", 1)[1] for r in
              rows(db_url, "SELECT stream FROM events WHERE type = 'CrimeRecorded'")}
    fixes = {(r[0], int(r[1])) for r in
             rows(db_url, "SELECT resource_id, at_ms FROM cad_breadcrumbs")}
    missing = []
    for kind, key in acknowledged:
        if kind == "incident":
            found = key in incidents
        elif kind == "dispatch":
            found = tuple(key) in dispatches
        elif kind == "crime":
            found = key in crimes
        else:
            at = datetime.strptime(key[1], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
            found = (key[0], round(at.timestamp() * 1000)) in fixes
        if not found:
            missing.append([kind, key])
    counts = {}
    for kind, _ in acknowledged:
        counts[kind] = counts.get(kind, 0) + 1
    print(json.dumps({"checked": len(acknowledged), "by_kind": counts, "lost": len(missing),
                      "first_lost": missing[:5]}))
    return 1 if missing else 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "setup":
        setup(argv[2].split(","))
        return 0
    if len(argv) >= 6 and argv[1] == "run":
        return run(float(argv[3]), float(argv[4]), argv[5:])
    if len(argv) == 3 and argv[1] == "check":
        return check(argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
