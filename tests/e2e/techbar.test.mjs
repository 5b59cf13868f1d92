// The Tech Bar in a real browser against a real `peel serve` (SQLite, the demo's staff
// register): a member of staff checks in at a site's kiosk; the engineer calls them to the
// counter, opens their ticket, lends them a laptop from the stock, resolves it, and adds a
// tablet to the stock; the person answers the survey from their visit's page; and the metrics
// page shows the ticket, the fix and the score. A slot is booked, seen at the counter and
// cancelled. Screenshots go to build/e2e/.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { launchChromium, signIn, startPeel } from "./peel_server.mjs";

let peel, browser, site, laptop;
const shots = new URL("../../build/e2e/", import.meta.url).pathname;

before(async () => {
  mkdirSync(shots, { recursive: true });
  peel = await startPeel({ town: 2000, units: 4 });
  browser = await launchChromium();
  // A site open at every hour, so the test runs whatever the time of day.
  const engineer = await peel.as("avl");
  const made = await engineer("POST", "/api/v1/techbar/locations", {
    name: "Test Bar", opens: "00:00", closes: "24:00",
    days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], engineers: 1 });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  site = made.body.id;
  const asset = await engineer("POST", "/api/v1/techbar/assets",
                               { location_id: site, device_type: "laptop", serial: "LT-E2E-0001", model: "Loan laptop" });
  assert.equal(asset.status, 201, JSON.stringify(asset.body));
  laptop = asset.body;
});

after(async () => {
  await browser?.close();
  await peel?.stop();
});

test("kiosk check-in, the counter lends a laptop and resolves, the survey, the metrics", async () => {
  const manager = await signIn(browser, peel, "avl", "#/techbar/metrics", { width: 1280, height: 1000 });
  await manager.waitForSelector("#tile-tickets");
  assert.equal(await manager.textContent("#tile-tickets .tile-value"), "0");

  const kiosk = await signIn(browser, peel, "olly", `#/techbar/kiosk/${site}`, { width: 1024, height: 768 });
  await kiosk.waitForSelector("#checkin-form");
  assert.match(await kiosk.textContent("#techbar-body h3"), /Welcome to the Test Bar Tech Bar/);
  await kiosk.fill("#checkin-number", "MP9999");
  await kiosk.click("#checkin-form button[type=submit]");
  await kiosk.waitForSelector("[data-field=staff_number] .field-error:has-text('is not a warrant or staff number')");
  await kiosk.fill("#checkin-number", "MP1001");
  await kiosk.selectOption("#checkin-device", "laptop");
  await kiosk.selectOption("#checkin-symptom", "no network or VPN");
  await kiosk.click("#checkin-form button[type=submit]");
  await kiosk.waitForSelector(".checkin-place");
  assert.match(await kiosk.textContent(".checkin-place"), /You are number 1 in the queue\. Estimated wait: 0 s\./);
  await kiosk.screenshot({ path: `${shots}techbar-kiosk.png`, fullPage: true });
  const visitLink = await kiosk.getAttribute("#visit-link", "href");

  const counter = await signIn(browser, peel, "avl", `#/techbar/counter?site=${site}`, { width: 1280, height: 1000 });
  await counter.waitForSelector("#queue-table td:has-text('MP1001')");
  await counter.fill("#counter-engineers", "2");
  await counter.click("#shift-form button[type=submit]");
  await counter.waitForSelector("#counter-note:has-text('2 engineers on shift')");
  await counter.click("#call-next");
  await counter.waitForSelector("#counter-note:has-text('to the counter')");
  await counter.click("[id^=open-ticket-]");
  await counter.waitForSelector(".ticket-panel [id^=diagnosis-]");
  assert.match(await counter.textContent(".ticket-panel"), /no network or VPN/);
  await counter.fill("[id^=diagnosis-]", "VPN profile corrupted");
  await counter.fill("[id^=actions-]", "profile reinstalled");
  await counter.click("[id^=lend-]");
  await counter.waitForSelector("#counter-note:has-text('Lent LT-E2E-0001')");
  await counter.waitForSelector(`#stock-table td:has-text('(MP1001)')`);
  await counter.fill("[id^=resolution-]", "VPN works again");
  await counter.click("[id^=resolve-]");
  await counter.waitForSelector("#counter-note:has-text('Resolved')");
  await counter.selectOption("#stock-device", "tablet");
  await counter.fill("#stock-serial", "TB-E2E-0002");
  await counter.fill("#stock-model", "Loan tablet");
  await counter.click("#stock-form button[type=submit]");
  await counter.waitForSelector("#stock-table td:has-text('TB-E2E-0002')");
  await counter.screenshot({ path: `${shots}techbar-counter.png`, fullPage: true });

  await kiosk.evaluate((h) => { location.hash = h; }, visitLink);
  await kiosk.waitForSelector("#survey-link");
  assert.equal(await kiosk.textContent("#visit-status"), "Your problem is resolved.");
  await kiosk.click("#survey-link");
  await kiosk.waitForSelector("#survey-form");
  await kiosk.check("#score-5");
  await kiosk.fill("#survey-comment", "Fixed while I waited, and a laptop to take away.");
  await kiosk.click("#survey-form button[type=submit]");
  await kiosk.waitForSelector("#survey-thanks");

  await manager.click("#metrics-filters button[type=submit]");
  await manager.waitForSelector("#tile-tickets .tile-value:text-is('1')");
  assert.equal(await manager.textContent("#tile-ftf .tile-value"), "100%");
  assert.equal(await manager.textContent("#tile-excellent .tile-value"), "100%");
  assert.equal(await manager.textContent("#tile-response .tile-value"), "100%");
  assert.match(await manager.textContent("#metrics-problems"), /no network or VPN/);
  assert.match(await manager.textContent("#metrics-sites"), /Test Bar/);
  assert.match(await manager.textContent("#metrics-calibration"), /Of 1 people called/);
  await manager.screenshot({ path: `${shots}techbar-metrics.png`, fullPage: true });
  for (const page of [manager, kiosk, counter]) await page.close();

  const olly = await peel.as("olly");
  const stock = await (await peel.as("avl"))("GET", `/api/v1/techbar/assets?location_id=${site}`);
  assert.equal(stock.body.items.find((a) => a.id === laptop.id).holder.staff_number, "MP1001");
  assert.equal((await olly("GET", "/api/v1/techbar/metrics")).status, 403, "managers only");
});

test("a slot is booked for tomorrow, shown at the counter, and cancelled", async () => {
  const tomorrow = new Date(Date.now() + 86400e3).toISOString().slice(0, 10);
  const page = await signIn(browser, peel, "olly", "#/techbar/book", { width: 1024, height: 900 });
  await page.waitForSelector("#book-form");
  await page.selectOption("#book-site", site);
  await page.fill("#book-day", tomorrow);
  await page.dispatchEvent("#book-day", "change");
  await page.waitForSelector("#slot-0");
  await page.click("#book-form button[type=submit]");
  await page.waitForSelector("[data-field=starts_at] .field-error:not(:empty)");
  await page.check("#slot-3");
  await page.fill("#checkin-name", "Nobody Known");
  await page.selectOption("#checkin-device", "radio");
  await page.click("#book-form button[type=submit]");
  await page.waitForSelector("[data-field=name] .field-error:has-text('is nobody on the staff register')");
  await page.fill("#checkin-name", "");
  await page.fill("#checkin-number", "MP1002");
  await page.click("#book-form button[type=submit]");
  await page.waitForSelector("#book-done");
  assert.match(await page.textContent("#book-done"), /^Booked: .* at Test Bar\.$/);
  await page.screenshot({ path: `${shots}techbar-booking.png`, fullPage: true });

  const engineer = await peel.as("avl");
  const day = await engineer("GET", `/api/v1/techbar/appointments?location_id=${site}&day=${tomorrow}`);
  assert.equal(day.body.items.length, 1);
  assert.equal(day.body.items[0].staff_number, "MP1002");
  assert.equal(day.body.items[0].starts_at, `${tomorrow}T01:30:00.000Z`);

  await page.click("#book-cancel");
  await page.waitForSelector("#book-result:has-text('cancelled')");
  const after = await engineer("GET", `/api/v1/techbar/appointments?location_id=${site}&day=${tomorrow}`);
  assert.equal(after.body.items.length, 0);
  await page.close();
});
