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
  // Enter takes the first only when it is clearly the place meant; otherwise pick it.
  if (!(await page.$("#location-suggestions li[aria-selected=true]"))) await page.keyboard.press("ArrowDown");
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
  // The detail has been refreshed by the dispatch and the arrival: the confirmation is still there.
  await dispatcher.waitForFunction(() => /Units: .*at scene/.test(document.querySelector(".panel.detail")?.textContent ?? ""));
  assert.match(await dispatcher.textContent(".dispatch-status"), /dispatched\./);

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

// Safety: what the call handler recorded reaches the dispatcher. A knife call at the home of a
// person the records flag "weapons: found carrying a knife"; a second caller adds what they saw.
// The dispatcher's detail shows the warning (before anything else about the call), the THRIVE
// assessment, the second caller's own account, and the place's earlier incidents.
test("the dispatcher sees the knife warning, THRIVE and every caller's account", async () => {
  const records = await peel.as("rita");
  const handler = await peel.as("hana");
  const place = (await handler("GET", "/api/v1/geo/search?q=road&limit=1")).body.items[0];
  const at = { lat: place.lat, lon: place.lon };
  const purpose = { "Peel-Purpose": "warning marker for the control room" };
  const home = await records("POST", "/api/v1/locations", { address: place.name, location: at }, purpose);
  assert.equal(home.status, 201, JSON.stringify(home.body));
  const person = await records("POST", "/api/v1/persons", { surname: "Knifeley", forenames: ["Kit"] }, purpose);
  assert.equal(person.status, 201, JSON.stringify(person.body));
  assert.equal((await records("POST", "/api/v1/links",
    { from_id: person.body.id, type: "lives_at", to_id: home.body.id, source: "arrest record" }, purpose)).status, 201);
  assert.equal((await records("POST", "/api/v1/markers",
    { record_id: person.body.id, kind: "weapons", note: "found carrying a knife" }, purpose)).status, 201);

  const earlier = await handler("POST", "/api/v1/incidents",
    { classification: "anti_social_behaviour", grade: "E", location: at, narrative: "shouting heard" });
  assert.equal(earlier.status, 201);
  const opened = await handler("POST", "/api/v1/incidents", {
    classification: "weapon_knife", grade: "I", location: at,
    thrive: { threat: "male waving a kitchen knife", vulnerability: "child in the house" },
    caller: { name: "Neighbour One", phone: "07700 900777" }, narrative: "man with a knife in the front garden" });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  assert.equal((await handler("POST", `/api/v1/incidents/${opened.body.id}/calls`, {
    caller: { name: "Neighbour Two", phone: "07700 900778" }, channel: "999",
    narrative: "he has gone back inside, still holding it" })).status, 200);

  const dispatcher = await signedIn("dana", "#/cad/dispatch");
  const row = dispatcher.locator("#incident-queue .queue-rows [role=row]", { hasText: opened.body.reference });
  // The queue shows the whole reference and location, never cut short.
  const cut = await row.evaluate((tr) => [0, 3].filter((n) => tr.children[n].scrollWidth > tr.children[n].clientWidth + 1));
  assert.deepEqual(cut, [], "the reference and the location are shown whole");
  await row.click();
  await dispatcher.waitForSelector("#incident-warnings[role=alert]");
  assert.match(await dispatcher.textContent("#incident-warnings"), /weapons.*Knifeley, Kit.*found carrying a knife/s);
  assert.match(await dispatcher.textContent("#incident-thrive"), /male waving a kitchen knife/);
  assert.match(await dispatcher.textContent("#incident-thrive"), /child in the house/);
  assert.match(await dispatcher.textContent("#incident-calls"), /Neighbour Two.*he has gone back inside, still holding it/s);
  assert.match(await dispatcher.textContent("#incident-history"), new RegExp(earlier.body.reference.replace("/", "\\/")));
  assert.match(await dispatcher.textContent("#incident-log"), /Further call \(999\): he has gone back inside/);
  await dispatcher.screenshot({ path: `${shots}dispatcher-warnings.png` });
  await dispatcher.close();
});

// Safety: a misspelt street finds the street and street type said, not another street first;
// Enter takes a suggestion only when it is clearly the one meant; Esc closes the suggestions
// and never the call.
test("a misspelt street finds the street said, and Esc closes only the suggestions", async () => {
  const handler = await peel.as("hana");
  const avenues = (await handler("GET", "/api/v1/geo/search?q=avenue&limit=50")).body.items
    .filter((p) => p.kind === "street" && / Avenue$/.test(p.name) && p.name.split(" ")[0].length >= 6);
  assert.ok(avenues.length > 0, "the town has avenues");
  const street = avenues[0].name;
  const stem = street.split(" ")[0];
  const typed = `2 ${stem.slice(0, 2)}${stem.slice(3).toLowerCase()} avenu`;  // one letter dropped
  const answer = (await handler("GET", `/api/v1/geo/search?q=${encodeURIComponent(typed)}&limit=8`)).body;
  assert.ok(answer.items[0].name === `2 ${street}` || answer.items[0].name === street,
    `"${typed}" offered ${answer.items[0].name} first`);

  const page = await signedIn("hana", "#/cad/call");
  await page.waitForSelector("#call-location");
  await page.fill("#caller-name", "Esc Tester");
  await page.fill("#call-narrative", "half-typed call");
  await page.focus("#call-location");
  await page.keyboard.type(typed);
  await page.waitForSelector("#location-suggestions li");
  assert.match(await page.textContent("#location-suggestions li:first-child"), new RegExp(street));
  if (answer.items[0].interpolated) {
    assert.match(await page.textContent("#location-suggestions li:first-child"), /not on the map/);
  }
  if (!answer.clearly_first) {
    // Not clearly first: Enter leaves the list open and says why.
    await page.keyboard.press("Enter");
    assert.ok(await page.$("#location-suggestions li"), "the list stays open");
    assert.match(await page.textContent("#location-hint"), /Pick the place/);
  }
  // Esc closes the list; the call and what was typed stay.
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => document.querySelectorAll("#location-suggestions li").length === 0);
  assert.equal(await page.inputValue("#caller-name"), "Esc Tester");
  assert.equal(await page.inputValue("#call-narrative"), "half-typed call");
  assert.equal(await page.inputValue("#call-location"), typed);
  await page.keyboard.press("Escape");
  assert.equal(await page.inputValue("#caller-name"), "Esc Tester", "a second Esc does not clear the call");
  await page.close();
});

// Safety: a half-typed call survives the session ending under the call handler. The session is
// ended from outside (as an idle expiry or a sign-out elsewhere would): the screen says so at
// once and stops saying "Live", offers sign-in in place, and after it the call is as it was.
// A reload (signing in from the start page) restores it too, for the same user only.
test("an expired session keeps the call being taken", async () => {
  const page = await signedIn("hana", "#/cad/call");
  await page.waitForSelector("#connection.live");
  await page.fill("#caller-name", "Kept Caller");
  await page.fill("#caller-phone", "07700 900555");
  await page.fill("#call-narrative", "smoke from the bakery roof");
  await page.fill("#thrive-threat", "fire may spread");
  const token = await page.evaluate(() => sessionStorage.getItem("peel.token"));
  const ended = await fetch(new URL("/api/v1/session", peel.url),
    { method: "DELETE", headers: { Authorization: `Bearer ${token}` } });
  assert.equal(ended.status, 204);

  await page.waitForSelector("#session-ended[role=alertdialog]:not([hidden])", { timeout: 3000 });
  // The board's indicator follows on its next paint.
  await page.waitForFunction(() => /Not live: signed out/.test(document.querySelector("#connection")?.textContent ?? ""),
    null, { timeout: 3000 });
  await page.screenshot({ path: `${shots}session-ended.png` });
  await page.fill("#session-password", "not the password");
  await page.click("#session-ended button[type=submit]");
  await page.waitForFunction(() => /./.test(document.querySelector("#session-password-error")?.textContent ?? ""));
  await page.fill("#session-password", passwordOf("hana"));
  await page.click("#session-ended button[type=submit]");
  await page.waitForSelector("#session-ended", { state: "hidden" });
  await page.waitForSelector("#connection.live");
  assert.equal(await page.inputValue("#caller-name"), "Kept Caller");
  assert.equal(await page.inputValue("#call-narrative"), "smoke from the bakery roof");

  // A reload with a dead session: sign in from the start, and the call comes back.
  const token2 = await page.evaluate(() => sessionStorage.getItem("peel.token"));
  await fetch(new URL("/api/v1/session", peel.url), { method: "DELETE", headers: { Authorization: `Bearer ${token2}` } });
  await page.reload();
  await page.fill("#username", "hana");
  await page.fill("#password", passwordOf("hana"));
  await page.click("button[type=submit]");
  await page.waitForSelector(".frame");
  await page.evaluate(() => { location.hash = "#/cad/call"; });
  await page.waitForFunction(() => document.querySelector("#caller-name")?.value === "Kept Caller");
  assert.equal(await page.inputValue("#caller-phone"), "07700 900555");
  assert.equal(await page.inputValue("#thrive-threat"), "fire may spread");
  assert.match(await page.textContent("#call-saved"), /restored/);

  // Signing out on purpose leaves nothing of the caller in the tab.
  await page.click("#sign-out");
  await page.waitForSelector("#username");
  assert.equal(await page.evaluate(() => sessionStorage.getItem("peel.call-draft")), null);
  await page.close();
});

// A supervisor re-grades, merges and closes from the incident's detail, and sets a unit's status from
// the resource board: a missing reason is
// said beside its field before anything is sent, closing and merging ask first, what was done
// stays shown, and what is typed survives the refreshes that units' positions bring.
test("a supervisor re-grades, merges and closes an incident from its detail", async () => {
  // Sam opens the calls too (a supervisor may): each sign-in counts against the account's
  // limit of ten a minute, which the call handler's account has used in this file.
  const handler = await peel.as("sam");
  const dana = await peel.as("dana");
  const place = (await handler("GET", "/api/v1/geo/search?q=road&limit=1")).body.items[0];
  const at = { lat: place.lat, lon: place.lon };
  const first = (await handler("POST", "/api/v1/incidents",
    { classification: "anti_social_behaviour", grade: "E", location: at, narrative: "youths shouting" })).body;
  const second = (await handler("POST", "/api/v1/incidents",
    { classification: "anti_social_behaviour", grade: "E", location: at, narrative: "same youths, reported again" })).body;

  const page = await signedIn("sam", "#/cad/dispatch");
  page.on("dialog", (dialog) => void dialog.accept());
  await page.locator("#incident-queue .queue-rows [role=row]", { hasText: second.reference }).click();
  await page.waitForSelector("#incident-actions");
  await page.selectOption("#action-grade", "S");
  await page.click("#action-re-grade button[type=submit]");
  assert.match(await page.textContent('[data-field="action-grade-reason"] .field-error'), /Say why/);
  await page.fill("#action-grade-reason", "caller now says a window was broken");
  await page.click("#action-re-grade button[type=submit]");
  await page.waitForFunction(() => /Re-graded S/.test(document.querySelector(".dispatch-status")?.textContent ?? ""));
  await page.waitForFunction((ref) => [...document.querySelectorAll("#incident-queue .queue-rows [role=row]")]
    .some((tr) => tr.textContent.includes(ref) && tr.classList.contains("grade-S")), second.reference);
  assert.match(await page.textContent(".dispatch-status"), /Re-graded S/, "still shown after the refresh");

  // An update goes in the incident's log.
  await page.click("#action-update button[type=submit]");
  assert.match(await page.textContent('[data-field="action-update-text"] .field-error'), /Write what has happened/);
  await page.fill("#action-update-text", "caller rang back: they have moved to the park");
  await page.click("#action-update button[type=submit]");
  await page.waitForFunction(() => /Update: caller rang back/.test(document.querySelector("#incident-log")?.textContent ?? ""));

  // Typed text is kept while positions refresh the detail.
  await page.fill("#action-merge-reason", "the same youths at the same place");
  const avl = await peel.as("avl");
  const units = (await dana("GET", "/api/v1/resources")).body.items;
  await avl("POST", "/api/v1/positions", { positions: [
    { resource_id: units[0].id, lat: at.lat, lon: at.lon, at: new Date().toISOString() }] });
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(await page.inputValue("#action-merge-reason"), "the same youths at the same place");
  await page.focus("#action-merge-into");
  await page.selectOption("#action-merge-into", first.id);
  await page.click("#action-merge button[type=submit]");
  await page.waitForFunction(() => /Merged into/.test(document.querySelector(".dispatch-status")?.textContent ?? ""));
  assert.equal((await dana("GET", `/api/v1/incidents/${second.id}`)).body.merged_into, first.id);

  await page.locator("#incident-queue .queue-rows [role=row]", { hasText: first.reference }).click();
  await page.waitForFunction((ref) => document.querySelector(".panel.detail h3")?.textContent.includes(ref), first.reference);
  await page.selectOption("#action-closing-code", "advice_given");
  await page.click("#action-close button[type=submit]");
  await page.waitForFunction(() => /Closed: advice given/.test(document.querySelector(".dispatch-status")?.textContent ?? ""));
  assert.equal((await dana("GET", `/api/v1/incidents/${first.id}`)).body.closing_code, "advice_given");
  await page.screenshot({ path: `${shots}supervisor-actions.png` });

  // A unit's status set from its row on the resource board, as a crew radios it in.
  const free = units.find((u) => u.status === "available");
  const picker = page.locator(`#resource-board tr[data-id="${free.id}"] select.unit-status`);
  await picker.selectOption("off_duty");
  await page.waitForFunction((call) => new RegExp(`${call}: off duty`).test(document.querySelector("#unit-status-said")?.textContent ?? ""), free.call_sign);
  assert.equal((await dana("GET", `/api/v1/resources/${free.id}`)).body.status, "off_duty");
  await page.close();
});
