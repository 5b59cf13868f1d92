// Exactly once through crashes: online crime reports are submitted to a real `peel serve`
// (SQLite, a synthetic town) from eight clients at once while the server is killed with
// SIGKILL again and again and started again. A report whose answer was lost is sent again, as
// the public website would; the server answers 202 or 409 naming the item it already is.
// Afterwards every report must be exactly one item, done, with one crime, one victim and one
// acknowledgement: none lost, none duplicated. Prints its figures; exits 1 on any failure.
//   node bench/robotics_kill.mjs [reports=400] [kills=10]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { peel, servePeel } from "../tests/e2e/peel_server.mjs";

const reports = Number(process.argv[2] ?? 400);
const kills = Number(process.argv[3] ?? 10);
const dir = mkdtempSync(join(tmpdir(), "peel-kill-"));
const db = `sqlite:${join(dir, "peel.db")}`;
const users = { portal: "public_portal", robot: "automation_administrator", rita: "records_manager" };
peel(["init", "--db", db, "--json"]);
peel(["geo", "synth", "--size", "2000", "--db", db]);
for (const [name, role] of Object.entries(users)) {
  peel(["user", "add", name, "--role", role, "--db", db], `secret ${name.length} passphrase 42\n`);
}

let server = null;
let url = null;
async function start() {
  ({ server, url } = await servePeel(db, { env: { PEEL_ROBOTICS_FOLDER_ROOT: dir } }));
}
async function kill() {
  const child = server;
  server = null;
  child.kill("SIGKILL");
  await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", r)));
}
async function signIn(name) {
  const response = await fetch(new URL("/api/v1/session", url), {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: name, password: `secret ${name.length} passphrase 42` }),
  });
  return (await response.json()).token;
}
const tokens = {};
async function call(name, method, path, body) {
  tokens[name] ??= await signIn(name);
  const response = await fetch(new URL(path, url), {
    method, headers: { Authorization: `Bearer ${tokens[name]}`, "Content-Type": "application/json", "Peel-Purpose": "exactly-once check" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

// One person per report: a surname of syllables no other report shares.
const syllables = ["ab", "ke", "li", "mo", "nu", "ra", "se", "to", "vi", "wa", "dor", "fen", "gar", "han", "jor", "pel"];
const surname = (n) => {
  let s = "";
  for (let v = n + 1000; v > 0; v = Math.floor(v / 16)) s += syllables[v % 16];
  return s[0].toUpperCase() + s.slice(1);
};
let streets = [];
const form = (n) => ({
  surname: surname(n), forenames: "Robin", date_of_birth: `19${50 + (n % 50)}-0${1 + (n % 9)}-1${n % 10}`,
  email: `reporter${n}@example.org`, category: "bicycle-theft", happened_from: "2026-01-10T08:00:00Z",
  where: streets[n % streets.length], what_happened: `Report killcheck${n}q: my bicycle was taken.`,
});

await start();
streets = (await call("robot", "GET", "/api/v1/geo/search?q=road&limit=50")).body.items.map((p) => p.name);
const itemOf = new Map();  // report number -> item id
let resent = 0, killed = 0;
let next = 0;

// A client sends reports until all are received; a report whose answer is lost is sent again.
async function client() {
  let token = null;
  let mine = null;
  while (itemOf.size < reports) {
    if (mine === null) {
      if (next >= reports) return;
      mine = next++;
    }
    try {
      if (!server) throw new Error("down");
      token ??= await signIn("portal");
      const response = await fetch(new URL("/api/v1/robotics/forms/online-crime-report", url), {
        method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify(form(mine)),
      });
      const body = await response.json();
      if (response.status === 202) {
        itemOf.set(mine, body.id);
      } else if (response.status === 409) {
        itemOf.set(mine, body.detail.match(/work item (\S+)/)[1]);
      } else if (response.status === 401) {
        token = null;
        continue;
      } else {
        throw new Error(`report ${mine}: ${response.status} ${JSON.stringify(body)}`);
      }
      mine = null;
    } catch (error) {
      if (String(error).includes("report ")) throw error;
      resent += 1;
      token = null;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const started = Date.now();
const clients = Array.from({ length: 8 }, client);
const killer = (async () => {
  for (let k = 0; k < kills; ++k) {
    await new Promise((r) => setTimeout(r, 300 + Math.random() * 900));
    await kill();
    killed += 1;
    await start();
  }
})();
await killer;
await Promise.all(clients);
const submitSeconds = (Date.now() - started) / 1000;

// Every item settles: wait until nothing is new, retried or in progress.
let figures;
for (let i = 0; i < 600; ++i) {
  figures = (await call("robot", "GET", "/api/v1/robotics/queues")).body.items;
  const open = figures.reduce((n, q) => n + q.by_state.new + q.by_state.retried + q.by_state.in_progress, 0);
  if (open === 0) break;
  await new Promise((r) => setTimeout(r, 200));
}
const failures = [];
const total = figures.reduce((n, q) => n + Object.values(q.by_state).reduce((a, b) => a + b, 0), 0);
if (total !== reports) failures.push(`${total} items for ${reports} reports`);
const ids = new Set(itemOf.values());
if (ids.size !== reports) failures.push(`${ids.size} distinct items received for ${reports} reports`);
const references = new Set();
let interrupted = 0;  // items a killed server's worker held, taken up again after the restart
for (const [n, id] of itemOf) {
  const item = (await call("robot", "GET", `/api/v1/robotics/items/${id}`)).body;
  if (item.history.some((line) => line.what === "released")) interrupted += 1;
  if (item.state !== "done") { failures.push(`report ${n}: item ${id} is ${item.state}: ${item.reason}`); continue; }
  references.add(item.outcome.reference);
  const crimes = (await call("rita", "GET", `/api/v1/events/search?text=killcheck${n}q`)).body.items;
  if (crimes.length !== 1) failures.push(`report ${n}: ${crimes.length} crimes`);
  const people = (await call("rita", "GET", `/api/v1/persons/search?q=${encodeURIComponent(`Robin ${surname(n)}`)}`)).body.items
    .filter((h) => h.person?.surname === surname(n) || h.surname === surname(n));
  if (people.length !== 1) failures.push(`report ${n}: ${people.length} people recorded`);
}
if (references.size !== reports) failures.push(`${references.size} distinct crime numbers for ${reports} reports`);
const outbox = (await call("robot", "GET", "/api/v1/robotics/outbox?all=true&limit=1000")).body.items;
const acknowledged = new Set(outbox.map((m) => m.item_id));
if (outbox.length !== reports || acknowledged.size !== reports)
  failures.push(`${outbox.length} acknowledgements for ${acknowledged.size} items`);

console.log(`${reports} reports from 8 clients in ${submitSeconds.toFixed(1)} s; the server was killed (SIGKILL) ${killed} times; ${resent} sends failed and were sent again`);
console.log(`${interrupted} items were being worked when the server was killed and were taken up again after the restart`);
console.log(`items: ${total}; done with a crime number: ${references.size}; acknowledgements: ${outbox.length} for ${acknowledged.size} items`);
console.log(failures.length ? `FAILED:\n  ${failures.slice(0, 20).join("\n  ")}` : "exactly once: every report is one item, one crime, one victim, one acknowledgement");
server.kill("SIGTERM");
await new Promise((r) => server.once("exit", r));
rmSync(dir, { recursive: true, force: true });
process.exit(failures.length ? 1 : 0);
