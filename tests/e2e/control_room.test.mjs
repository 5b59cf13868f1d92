// The control room and the Operating Picture in a real browser against a real `peel serve`
// (SQLite, a synthetic town, demo units): a call handler opens an I-grade incident, a dispatcher
// sees it arrive without reloading and sends the top recommendation, the unit's AVL puts it at
// scene, and the Operating Picture's counts and attendance change. A dropped live connection is
// shown and resumes without losing what happened meanwhile. Screenshots of every screen go to
// build/e2e/ for a person to look at.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { launchChromium, passwordOf, signIn, startPeel } from "./peel_server.mjs";

let peel, browser;
const shots = new URL("../../build/e2e/", import.meta.url).pathname;

before(async () => {
  mkdirSync(shots, { recursive: true });
  peel = await startPeel({ town: 2500, units: 16 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await peel?.stop();
});

const signedIn = (name, hash) => signIn(browser, peel, name, hash);

// Types a place into the call handler's location, takes the first suggestion, then classifies.
async function placeAndClassify(page, text, classification) {
  await page.waitForSelector(`#call-classification option[value=${classification}]`, { state: "attached" });
  await page.focus("#call-location");
  await page.keyboard.type(text);
  await page.waitForSelector("#location-suggestions li");
  await page.keyboard.press("Enter");
  await page.selectOption("#call-classification", classification);
}

test("from a call to a unit at scene, seen live by the dispatcher and the Operating Picture", async () => {
  const dispatcher = await signedIn("dana", "#/cad/dispatch");
  await dispatcher.waitForSelector("#connection.live");
  const leader = await signedIn("sam", "#/iop");
  await leader.waitForSelector("#iop-open");
  const openI = () => leader.textContent("#iop-open .grade-I .tile-value");
  assert.equal(await openI(), "0");

  // The call handler: location from suggestions, classification, grade, THRIVE, caller, narrative.
  const handler = await signedIn("hana", "#/cad/call");
  await placeAndClassify(handler, "station", "burglary");
  await handler.waitForSelector("#briefing h4");  // duplicates, warnings and history before saving
  assert.match(await handler.textContent("#briefing"), /Possible duplicates/);
  await handler.selectOption("#call-grade", "I");
  await handler.fill("#thrive-threat", "intruder may still be inside");
  await handler.fill("#thrive-vulnerability", "caller is 84 and alone");
  await handler.fill("#caller-name", "Ada Lovelace");
  await handler.fill("#caller-phone", "07700 900123");
  await handler.fill("#call-narrative", "Heard glass breaking downstairs");
  await handler.screenshot({ path: `${shots}call-handler.png` });
  await handler.keyboard.press("Control+Enter");
  await handler.waitForFunction(() => /Opened CAD/.test(document.querySelector("#call-saved")?.textContent ?? ""));
  const reference = (await handler.textContent("#call-saved")).match(/CAD \d+\/\w+/)[0];

  // The dispatcher sees it arrive without reloading, selects it and sends the first recommendation.
  const row = dispatcher.locator("#incident-queue .queue-rows [role=row]", { hasText: reference });
  await row.waitFor();
  assert.equal(await row.getAttribute("class"), "queue-row grade-I");
  await row.click();
  await dispatcher.waitForSelector("#recommendations li");
  const top = await dispatcher.getAttribute("#recommendations li:first-child button", "data-resource");
  await dispatcher.screenshot({ path: `${shots}dispatcher.png` });
  await dispatcher.keyboard.press("Enter");
  await dispatcher.waitForFunction((ref) => [...document.querySelectorAll("#incident-queue .queue-rows [role=row]")]
    .some((tr) => tr.textContent.includes(ref) && /dispatched/.test(tr.children[5].textContent)), reference);

  // The leader's picture follows without reloading.
  await leader.waitForFunction(() => document.querySelector("#iop-open .grade-I .tile-value")?.textContent === "1");

  // The unit's AVL brings it to the scene.
  const avl = await peel.as("avl");
  const incidentId = await row.getAttribute("data-id");
  const incident = (await (await peel.as("dana"))("GET", `/api/v1/incidents/${incidentId}`)).body;
  const moved = await avl("POST", "/api/v1/positions", { positions: [
    { resource_id: top, lat: incident.location.lat, lon: incident.location.lon, at: new Date().toISOString() }] });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  assert.equal(moved.body.arrived.length, 1);
  await dispatcher.waitForFunction((ref) => [...document.querySelectorAll("#incident-queue .queue-rows [role=row]")]
    .some((tr) => tr.textContent.includes(ref) && /at scene/.test(tr.children[5].textContent) && tr.children[4].classList.contains("met")), reference);
  await dispatcher.screenshot({ path: `${shots}dispatcher-at-scene.png` });

  await leader.waitForFunction(() => {
    const cells = [...document.querySelectorAll("#iop-performance tbody tr")][0]?.cells;
    return cells && cells[1].textContent === "100%" && cells[2].textContent === "1 of 1";
  });
  assert.equal(await leader.textContent("#iop-open .tile:nth-child(7) .tile-value"), "1", "one incident with a unit at scene");
  await leader.screenshot({ path: `${shots}operating-picture.png`, fullPage: true });
  const csv = await leader.evaluate(async () => (await fetch("/api/v1/iop/picture.csv", {
    headers: { Authorization: `Bearer ${sessionStorage.getItem("peel.token")}` } })).text());
  assert.match(csv, /^area,open_I,/);
  const [download] = await Promise.all([leader.waitForEvent("download"), leader.click("#csv-areas")]);
  assert.equal(download.suggestedFilename(), "operating-picture-areas.csv");
  await leader.keyboard.press("w");
  await leader.waitForSelector(".frame.wall .iop.wall");
  await leader.setViewportSize({ width: 1920, height: 1080 });
  await leader.screenshot({ path: `${shots}operating-picture-wall.png` });

  // A second unit is sent; the map shows the incident, its units and the second one's route and
  // ETA, and clicks through to the dispatcher.
  await dispatcher.waitForSelector(`#recommendations li:first-child button:not([data-resource="${top}"])`);
  await dispatcher.keyboard.press("Enter");
  await dispatcher.waitForFunction((ref) => [...document.querySelectorAll("#incident-queue .queue-rows [role=row]")]
    .some((tr) => tr.textContent.includes(ref) && /dispatched/.test(tr.children[5].textContent)), reference);
  await dispatcher.evaluate((id) => { location.hash = `#/cad/map?incident=${id}`; }, incidentId);
  await dispatcher.waitForFunction(() => /ETA/.test(document.querySelector("#map-info")?.textContent ?? ""));
  await dispatcher.waitForTimeout(500);  // the roads arrive
  await dispatcher.screenshot({ path: `${shots}map.png` });
  await dispatcher.click("#map-info a");
  await dispatcher.waitForSelector("#incident-log li");
  assert.match(await dispatcher.textContent("#incident-log"), /AVL/);
  for (const page of [dispatcher, leader, handler]) await page.close();
});

test("a dropped live connection is shown and resumes without losing updates", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  let socket = null;
  await page.routeWebSocket(/\/api\/v1\/stream/, (ws) => {
    socket = ws;
    ws.connectToServer();
  });
  await page.goto(peel.url);
  await page.fill("#username", "dana");
  await page.fill("#password", passwordOf("dana"));
  await page.click("button[type=submit]");
  await page.waitForSelector(".frame");
  await page.evaluate(() => { location.hash = "#/cad/dispatch"; });
  await page.waitForSelector("#connection.live");

  // Drop it, and while the browser is cut off an incident opens.
  const dropped = socket;
  await dropped.close({ code: 1001, reason: "network lost" });
  await page.waitForSelector("#connection.reconnecting");
  await page.screenshot({ path: `${shots}dispatcher-reconnecting.png` });
  const handler = await peel.as("hana");
  const place = (await handler("GET", "/api/v1/geo/search?q=school&limit=1")).body.items[0];
  const opened = await handler("POST", "/api/v1/incidents", {
    classification: "assault", grade: "S", location: { lat: place.lat, lon: place.lon }, narrative: "while offline" });
  assert.equal(opened.status, 201);

  await page.waitForSelector("#connection.live", { timeout: 15000 });
  assert.notEqual(socket, dropped, "a new connection was made");
  await page.locator("#incident-queue .queue-rows [role=row]", { hasText: opened.body.reference }).waitFor();
  await page.close();

  // A second caller about the same thing: the call handler adds the call to the open incident.
  const second = await signedIn("hana", "#/cad/call");
  await placeAndClassify(second, "school", "assault");
  await second.locator("#possible-duplicates li", { hasText: opened.body.reference }).waitFor();
  await second.fill("#caller-name", "Grace Hopper");
  await second.click("#possible-duplicates .link-call");
  await second.waitForFunction((ref) => document.querySelector("#call-saved")?.textContent === `Call added to ${ref}.`, opened.body.reference);
  const linked = await handler("GET", `/api/v1/incidents/${opened.body.id}`);
  assert.equal(linked.body.calls.length, 1);
  assert.equal(linked.body.calls[0].caller.name, "Grace Hopper");
  await second.close();
});
