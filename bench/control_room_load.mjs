// The control room screens under London-like load, in Debian's Chromium against a real
// `peel serve` (SQLite, a synthetic town, 2,000 demo units), on this machine's cores:
//  - first load of the dispatcher screen with 500 open incidents and 2,000 units (target <= 1 s);
//  - time from an incident's event on the server to its row drawn in the dispatcher's browser,
//    p50/p99 over 1,000 incidents (target p99 <= 100 ms), while every unit reports a position
//    each second and the queue is held at 500 open incidents;
//  - responsiveness meanwhile: how late the browser runs a timer (event-loop lag), its long
//    tasks, and how long a click on the queue takes to show, on the dispatcher and on the map.
// Prints its figures. Usage: node bench/control_room_load.mjs [incidents=1000] [units=2000]
import { launchChromium, passwordOf, startPeel } from "../tests/e2e/peel_server.mjs";

const measured = Number(process.argv[2] ?? 1000);
const unitCount = Number(process.argv[3] ?? 2000);
const openTarget = 500;

const pct = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
};
const ms = (v) => `${v.toFixed(1)} ms`;

const started = Date.now();
const peel = await startPeel({ town: 40000, units: unitCount });
console.log(`setup: town of 40,000 junctions, ${unitCount} units in ${((Date.now() - started) / 1000).toFixed(1)} s`);
const handler = await peel.as("hana");
const supervisor = await peel.as("sam");
const avl = await peel.as("avl");

const places = (await handler("GET", "/api/v1/geo/search?q=road&limit=100")).body.items;
const classifications = ["burglary", "assault", "theft", "concern_for_welfare", "anti_social_behaviour", "road_traffic_collision"];
let opened = 0;
async function openIncident() {
  const place = places[opened % places.length];
  const grade = ["I", "S", "S", "E", "E", "R"][opened % 6];
  const reply = await handler("POST", "/api/v1/incidents", {
    classification: classifications[opened % classifications.length], grade,
    location: { lat: place.lat + ((opened * 37) % 100) * 1e-5, lon: place.lon }, narrative: `load ${opened}` });
  if (reply.status !== 201) throw new Error(`open: ${reply.status} ${JSON.stringify(reply.body)}`);
  opened += 1;
  return reply.body.id;
}
const open = [];
for (let i = 0; i < openTarget; ++i) open.push(await openIncident());

// Every unit reports a fix a second, wandering around where it started.
const units = (await handler("GET", "/api/v1/resources")).body;
const fleet = (units.items ?? []).map((u) => ({ id: u.id, home: u.position, at: { ...u.position } }));
let avlRunning = true, avlBatches = 0;
const avlLoop = (async () => {
  while (avlRunning) {
    const tick = Date.now();
    const now = new Date().toISOString();
    const positions = fleet.map((u) => {
      u.at.lat = u.home.lat + Math.max(-0.003, Math.min(0.003, u.at.lat - u.home.lat + (Math.random() - 0.5) * 4e-4));
      u.at.lon = u.home.lon + Math.max(-0.003, Math.min(0.003, u.at.lon - u.home.lon + (Math.random() - 0.5) * 4e-4));
      return { resource_id: u.id, lat: u.at.lat, lon: u.at.lon, at: now };
    });
    const reply = await avl("POST", "/api/v1/positions", { positions });
    if (reply.status !== 200) console.error("avl:", reply.status, JSON.stringify(reply.body).slice(0, 200));
    avlBatches += 1;
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - tick))));
  }
})();

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto(peel.url);
await page.fill("#username", "dana");
await page.fill("#password", passwordOf("dana"));
await page.click("button[type=submit]");
await page.waitForSelector(".frame");

// First load: from navigation to 500 rows drawn with the feed live, five times.
const loads = [];
for (let i = 0; i < 5; ++i) {
  await page.goto(`${peel.url}#/`);
  await page.waitForSelector(".frame");
  const t0 = Date.now();
  await page.goto(`${peel.url}#/cad/dispatch`);
  await page.reload();
  await page.waitForFunction((n) => document.querySelectorAll("#incident-queue .queue-rows [role=row]").length >= n &&
    document.querySelector("#connection.live") !== null, openTarget, { polling: "raf", timeout: 30000 });
  loads.push(Date.now() - t0);
}

// The in-page probes: event-loop lag and long tasks.
await page.evaluate(() => {
  const probe = { lags: [], long: [] };
  window.__probe = probe;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.long.push(e.duration); })
    .observe({ type: "longtask", buffered: false });
  const tick = () => {
    const t = performance.now();
    setTimeout(() => { probe.lags.push(performance.now() - t - 50); tick(); }, 50);
  };
  tick();
});
await page.evaluate(() => performance.clearMarks("peel:incident-drawn"));

const cdp = process.env.PROFILE ? await page.context().newCDPSession(page) : null;
if (cdp) { await cdp.send("Profiler.enable"); await cdp.send("Profiler.start"); }
// 1,000 incidents at about 10 a second (a busy hour's rate is ~0.3 a second), each closing the
// oldest so that 500 stay open.
const openStart = Date.now();
for (let i = 0; i < measured; ++i) {
  const t = Date.now();
  open.push(await openIncident());
  const oldest = open.shift();
  const closed = await supervisor("POST", `/api/v1/incidents/${oldest}/close`, { closing_code: "advice_given" });
  if (closed.status !== 200) throw new Error(`close: ${closed.status} ${JSON.stringify(closed.body)}`);
  await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - t))));
}
await page.waitForFunction((n) => performance.getEntriesByName("peel:incident-drawn").length >= n, measured, { timeout: 30000 });
const lags = await page.evaluate(() => performance.getEntriesByName("peel:incident-drawn").map((m) => m.detail.lag_ms));
if (cdp) {
  const { profile } = await cdp.send("Profiler.stop");
  const self = new Map();
  const dt = profile.timeDeltas; const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => { const n = byId.get(id); const k = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000); });
  console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(0)} ms ${k}`).join("\n"));
}
const openSeconds = (Date.now() - openStart) / 1000;

// A click on the queue until the row shows selected, 20 times.
const clicks = await page.evaluate(async () => {
  const out = [];
  for (let i = 0; i < 20; ++i) {
    const rows = document.querySelectorAll("#incident-queue .queue-rows [role=row]");
    const row = rows[(i * 17) % rows.length];
    const t = performance.now();
    row.click();
    await new Promise((r) => requestAnimationFrame(() => r()));
    if (row.getAttribute("aria-selected") === "true") out.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 100));
  }
  return out;
});
const shown = await page.evaluate(() => document.querySelectorAll("#incident-queue .queue-rows [role=row]").length);
const dispatcherProbe = await page.evaluate(() => {
  const p = window.__probe; const out = { lags: p.lags, long: p.long }; p.lags = []; p.long = []; return out;
});

// The map with 2,000 moving units and 500 incidents, for 15 s.
await page.evaluate(() => { location.hash = "#/cad/map"; });
await page.waitForSelector(".map-canvas");
await page.waitForTimeout(15000);
const mapProbe = await page.evaluate(() => ({ lags: window.__probe.lags, long: window.__probe.long }));

avlRunning = false;
await avlLoop;
await browser.close();
await peel.stop();

const summary = (probe) => `event-loop lag p50 ${ms(pct(probe.lags, 0.5))}, p99 ${ms(pct(probe.lags, 0.99))}, max ${ms(Math.max(...probe.lags))}; ` +
  `long tasks ${probe.long.length} (longest ${ms(Math.max(0, ...probe.long))})`;
console.log(`first load of the dispatcher (500 open incidents, ${unitCount} units): ` +
  `median ${loads.slice().sort((a, b) => a - b)[2]} ms, max ${Math.max(...loads)} ms (target 1000 ms: ratio ${(pct(loads, 0.5) / 1000).toFixed(2)})`);
console.log(`event to row drawn over ${lags.length} incidents (${(measured / openSeconds).toFixed(1)}/s, ${avlBatches} AVL batches of ${fleet.length}): ` +
  `p50 ${ms(pct(lags, 0.5))}, p99 ${ms(pct(lags, 0.99))}, max ${ms(Math.max(...lags))} (target p99 100 ms: ratio ${(pct(lags, 0.99) / 100).toFixed(2)})`);
console.log(`click to selected row: p50 ${ms(pct(clicks, 0.5))}, max ${ms(Math.max(...clicks))}`);
console.log(`dispatcher responsiveness: ${summary(dispatcherProbe)}; queue rows ${shown}`);
console.log(`map responsiveness (${fleet.length} moving units, 500 incidents): ${summary(mapProbe)}`);
