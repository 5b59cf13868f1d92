// The Robotics screen in a real browser against a real `peel serve` (SQLite, a synthetic town,
// the demo's reports, the server's own workers): a records manager sends an online crime report
// and sees its crime number come back; a report whose place cannot be found waits in the
// exception queue, where they correct it and resume it in one click and it gets its number; the
// dashboard then counts it and the time saved; a form with a bad field is refused naming it.
// Screenshots go to build/e2e/.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { launchChromium, signIn, startPeel } from "./peel_server.mjs";

let peel, browser, rita, street;
const shots = new URL("../../build/e2e/", import.meta.url).pathname;

before(async () => {
  mkdirSync(shots, { recursive: true });
  peel = await startPeel({ town: 2000, units: 4 });
  browser = await launchChromium();
  rita = await peel.as("rita");
  const found = await rita("GET", "/api/v1/geo/search?q=road&limit=5");
  assert.equal(found.status, 200, JSON.stringify(found.body));
  street = found.body.items[0].name;
});

after(async () => {
  await browser?.close();
  await peel?.stop();
});

async function fillReport(page, surname, where) {
  await page.fill("#form-surname", surname);
  await page.fill("#form-forenames", "Grace");
  await page.fill("#form-email", "grace@example.org");
  await page.selectOption("#form-category", "bicycle-theft");
  await page.fill("#form-happened_from", "2026-01-10T08:30");
  await page.fill("#form-where", where);
  await page.fill("#form-what_happened", "My bicycle was taken from the racks while I was at work.");
}

test("a report sent from the form comes back with its crime number", async () => {
  const page = await signIn(browser, peel, "rita", "#/robotics/report", { width: 1280, height: 900 });
  await page.waitForSelector("#robotics-form");
  await fillReport(page, "Okafor", `outside the shops on ${street}`);
  await page.click("#robotics-form button[type=submit]");
  await page.waitForSelector("#form-status:is(:has-text('Done'), :has-text('Waiting'))");
  assert.match(await page.textContent("#form-status"), /^Done: crime reference CR-\d{7}-\d{2}$/);
  await page.screenshot({ path: `${shots}robotics-report.png`, fullPage: true });
  await page.close();
});

test("a bad field is named beside it and nothing is sent", async () => {
  const page = await signIn(browser, peel, "rita", "#/robotics/report");
  await page.waitForSelector("#robotics-form");
  await fillReport(page, "Adeyemi", street);
  await page.fill("#form-email", "no-at-sign");
  // The browser's own check would stop an invalid email; the server's is the one that counts.
  await page.$eval("#robotics-form", (form) => form.setAttribute("novalidate", ""));
  await page.click("#robotics-form button[type=submit]");
  await page.waitForSelector("#form-email-error:has-text('must be an email address')");
  assert.equal(await page.textContent("#form-status"), "");
  await page.close();
});

test("a report that cannot be placed is corrected in the exception queue and resumed", async () => {
  // The server's workers may still be on the demo's reports (or the first test's): count from
  // when nothing is waiting and the count of done ones holds still.
  const totals = async () => (await rita("GET", "/api/v1/robotics/dashboard?hours=24")).body.totals;
  let before = await totals();
  for (let tries = 0; tries < 50; ++tries) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = await totals();
    if (now.waiting === 0 && now.done === before.done) break;
    before = now;
  }
  const page = await signIn(browser, peel, "rita", "#/robotics/report", { width: 1280, height: 900 });
  await page.waitForSelector("#robotics-form");
  await fillReport(page, "Novak", "behind the old gasworks");
  await page.click("#robotics-form button[type=submit]");
  await page.waitForSelector("#form-status:has-text('could not be placed on the map')");
  // The demo has a report of its own waiting for the same reason: this one is Grace Novak's.
  const id = (await rita("GET", "/api/v1/robotics/items?state=exception")).body.items
    .find((item) => item.input.surname === "Novak" && item.input.forenames === "Grace").id;

  await page.click(".tabs a[data-tab=exceptions]");
  await page.waitForSelector(`#exception-list a[href$='${id}']`);
  await page.click(`#exception-list a[href$='${id}']`);
  await page.waitForSelector("#item-fix");
  assert.equal(await page.inputValue("#fix-surname"), "Novak", "the item's input is the form to correct");
  await page.fill("#fix-where", street);
  await page.fill("#fix-note", "placed on the map");
  await page.screenshot({ path: `${shots}robotics-exception.png`, fullPage: true });
  await page.click("#item-fix button[type=submit]");
  await page.waitForSelector("#review-done:has-text('Corrected and resumed')");
  await page.waitForSelector(`#exception-list a[href$='${id}']`, { state: "detached" });

  await page.click(".tabs a[data-tab=dashboard]");
  const done = before.done + 1;
  await page.waitForFunction((n) => document.querySelector("#tile-done .tile-value")?.textContent === String(n), done);
  assert.equal(await page.textContent("#tile-saved .tile-value"), (done * 9 / 60).toFixed(1), "9 minutes saved on each");
  assert.equal(await page.textContent("#tile-exceptions .tile-value"), String(before.exceptions),
               "only the demo's report that cannot be placed still waits");
  await page.waitForSelector("#dashboard-processes td:has-text('Online crime report')");
  await page.screenshot({ path: `${shots}robotics-dashboard.png`, fullPage: true });
  await page.close();
});
