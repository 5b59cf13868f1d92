// The Duty screen in a real browser against a real `peel serve` (SQLite): an officer sees their
// own tour and asks for leave; a supervisor finds the request waiting and approves it, sees who
// is on duty now with the skills that count (an expired one left out) and the hours short of an
// area's minimum staffing. Screenshots go to build/e2e/ for a person to look at.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { launchChromium, signIn, startPeel } from "./peel_server.mjs";

let peel, browser;
const shots = new URL("../../build/e2e/", import.meta.url).pathname;
const hour = 3_600_000, day = 24 * hour;
const iso = (ms) => new Date(ms).toISOString();
const dateOf = (ms) => iso(ms).slice(0, 10);
const leaveFrom = Date.now() + 20 * day, leaveTo = leaveFrom + 2 * day;

before(async () => {
  mkdirSync(shots, { recursive: true });
  peel = await startPeel();
  browser = await launchChromium();
  const planner = await peel.as("pia");
  const made = async (path, body, status = 201) => {
    const reply = await planner("POST", path, body);
    assert.equal(reply.status, status, JSON.stringify(reply.body));
    return reply.body;
  };
  const olly = await made("/api/v1/duty/people", {
    number: "MP4521", name: "PC Olly Officer", rank: "constable", team: "Team 2", area: "Northgate",
    role: "response", user: "olly" });
  await made(`/api/v1/duty/people/${olly.id}/skills`, { skill: "response_driver", granted: "2024-05-01" }, 200);
  await made(`/api/v1/duty/people/${olly.id}/skills`,
    { skill: "taser", granted: "2024-05-01", expires: dateOf(Date.now() - 10 * day) }, 200);
  const start = Math.floor(Date.now() / hour) * hour - hour;
  await made("/api/v1/duty/tours", { person_id: olly.id, start: iso(start), end: iso(start + 8 * hour), kind: "day", unit: "RC7" });
  const minimums = await planner("PUT", "/api/v1/duty/minimums/Northgate",
    { minimums: [{ need: "any", from_hour: 0, to_hour: 24, count: 2 }] });
  assert.equal(minimums.status, 200, JSON.stringify(minimums.body));
});

after(async () => {
  await browser?.close();
  await peel?.stop();
});

test("an officer sees their tour and asks for leave; a supervisor approves it", async () => {
  const officer = await signIn(browser, peel, "olly", "#/duty/mine", { width: 1280, height: 800 });
  await officer.waitForSelector("#my-tours li:has-text('on RC7')");
  assert.equal(await officer.locator(".tabs a").count(), 1, "an officer has only their own roster");
  await officer.fill("#leave-from", dateOf(leaveFrom));
  await officer.fill("#leave-to", dateOf(leaveTo));
  await officer.fill("#leave-note", "family wedding");
  await officer.click("#leave-form button[type=submit]");
  await officer.waitForSelector(`#leave-done:has-text('annual leave ${dateOf(leaveFrom)} to ${dateOf(leaveTo)} — requested')`);
  await officer.screenshot({ path: `${shots}duty-mine.png` });
  await officer.close();

  const supervisor = await signIn(browser, peel, "sue", "#/duty/requests", { width: 1280, height: 800 });
  const request = supervisor.locator("#requests li", { hasText: "PC Olly Officer" });
  await request.waitFor();
  await request.locator("button", { hasText: "Approve" }).click();
  await supervisor.waitForSelector("#requests li:has-text('approved')");
  await supervisor.close();
});

test("a supervisor sees who is on duty with valid skills and the hours short of minimum staffing", async () => {
  const page = await signIn(browser, peel, "sue", "#/duty/now", { width: 1280, height: 800 });
  const row = page.locator("#on-duty tr", { hasText: "MP4521" });
  await row.waitFor();
  const text = await row.textContent();
  assert.match(text, /response driver/);
  assert.doesNotMatch(text, /taser/, "an expired skill does not count");
  assert.match(text, /RC7/);
  await page.evaluate(() => { location.hash = "#/duty/cover"; });
  await page.fill("#cover-area", "Northgate");
  await page.click("#cover-form button[type=submit]");
  await page.waitForSelector("#cover-summary:has-text('short of Northgate')");
  assert.ok(await page.locator("#cover-hours tr.short").count() >= 1);
  await page.screenshot({ path: `${shots}duty-cover.png` });
  await page.close();
});

test("a planner proposes a fortnight's roster for an area, reviews it as a grid and applies it", async () => {
  const planner = await peel.as("pia");
  for (let i = 0; i < 7; i++) {
    const person = await planner("POST", "/api/v1/duty/people", {
      number: `MP70${i}`, name: `PC Seven ${i}`, rank: "constable", area: "Southgate", role: "response" });
    assert.equal(person.status, 201, JSON.stringify(person.body));
  }
  const minimums = await planner("PUT", "/api/v1/duty/minimums/Southgate",
    { minimums: [{ need: "any", from_hour: 0, to_hour: 24, count: 1 }] });
  assert.equal(minimums.status, 200, JSON.stringify(minimums.body));

  const page = await signIn(browser, peel, "pia", "#/duty/plan", { width: 1400, height: 900 });
  await page.fill("#plan-area", "Southgate");
  await page.fill("#plan-seconds", "2");
  await page.click("#plan-form button[type=submit]");
  await page.waitForSelector("#plan-summary:has-text('Every minimum is met')", { timeout: 20_000 });
  assert.equal(await page.locator("#plan-grid tbody tr").count(), 7);
  assert.ok(await page.locator("#plan-grid .plan-added").count() >= 14 * 3, "every shift of the fortnight is planned");
  await page.screenshot({ path: `${shots}duty-plan.png`, fullPage: true });
  await page.fill("#plan-reason", "first roster for Southgate");
  await page.click("#plan-apply button[type=submit]");
  await page.waitForSelector("#plan-applied:has-text('0 refused by the rules')");
  await page.close();

  const from = new Date(Date.now() + 28 * day).toISOString().slice(0, 10);
  const cover = await planner("GET",
    `/api/v1/duty/cover?area=Southgate&from=${from}T07:00:00Z&to=${iso(Date.parse(`${from}T00:00:00Z`) + 14 * day)}`);
  assert.equal(cover.status, 200, JSON.stringify(cover.body));
  assert.equal(cover.body.hours_short, 0, "the applied plan meets the minimum every hour");
});

test("an officer asks to swap a tour for a colleague's; a supervisor approves and the tours change hands", async () => {
  const planner = await peel.as("pia");
  const people = await planner("GET", "/api/v1/duty/people?area=Northgate");
  const olly = people.body.items.find((p) => p.number === "MP4521");
  const cara = await planner("POST", "/api/v1/duty/people", {
    number: "MP4522", name: "PC Cara Colleague", rank: "constable", area: "Northgate", role: "response" });
  assert.equal(cara.status, 201, JSON.stringify(cara.body));
  const dayStart = Math.floor(Date.now() / day) * day;
  const mine = await planner("POST", "/api/v1/duty/tours", {
    person_id: olly.id, start: iso(dayStart + 2 * day + 7 * hour), end: iso(dayStart + 2 * day + 15 * hour), kind: "early" });
  assert.equal(mine.status, 201, JSON.stringify(mine.body));
  const theirs = await planner("POST", "/api/v1/duty/tours", {
    person_id: cara.body.id, start: iso(dayStart + 4 * day + 15 * hour), end: iso(dayStart + 4 * day + 23 * hour), kind: "late" });
  assert.equal(theirs.status, 201, JSON.stringify(theirs.body));

  const officer = await signIn(browser, peel, "olly", "#/duty/mine", { width: 1280, height: 800 });
  await officer.click(`button[data-swap="${mine.body.id}"]`);
  const option = officer.locator(".swap-options li", { hasText: "PC Cara Colleague" });
  await option.waitFor();
  await officer.fill(".swap-options input", "dentist");
  await option.locator("button", { hasText: "Ask to swap" }).click();
  await officer.waitForSelector(".swap-options [role=status]:has-text('Swap with PC Cara Colleague asked — requested')");
  await officer.screenshot({ path: `${shots}duty-swap.png` });
  await officer.close();

  const supervisor = await signIn(browser, peel, "sue", "#/duty/requests", { width: 1280, height: 800 });
  const request = supervisor.locator("#swap-requests li", { hasText: "PC Cara Colleague" });
  await request.waitFor();
  assert.match(await request.textContent(), /PC Olly Officer \(MP4521\)'s .* early .* for PC Cara Colleague \(MP4522\)'s .* late .*\(dentist\)/);
  await request.locator("button", { hasText: "Approve" }).click();
  await supervisor.waitForSelector("#swap-requests li:has-text('approved')");
  await supervisor.close();

  const after = await planner("GET", `/api/v1/duty/roster?from=${iso(dayStart)}&to=${iso(dayStart + 7 * day)}&person_id=${olly.id}`);
  assert.deepEqual(after.body.tours.map((t) => t.id).filter((id) => id === theirs.body.id), [theirs.body.id],
    "Olly now works Cara's late");
});

test("a planner adds a person and grants a skill; an expired one shows as expired", async () => {
  const page = await signIn(browser, peel, "pia", "#/duty/people", { width: 1400, height: 900 });
  await page.waitForSelector("#person-rank option[value=sergeant]", { state: "attached" });
  await page.fill("#person-number", "MP4600");
  await page.fill("#person-name", "PC Dee Driver");
  await page.fill("#person-area", "Eastgate");
  await page.click("#person-add-form button[type=submit]");
  const row = page.locator("#people tr", { hasText: "MP4600" });
  await row.waitFor();
  await row.locator("select").selectOption("taser");
  await row.locator("input[aria-label=Granted]").fill(dateOf(Date.now() - 400 * day));
  await row.locator("input[aria-label=Expires]").fill(dateOf(Date.now() - 5 * day));
  await row.locator("button", { hasText: "Grant" }).click();
  await page.waitForSelector("#people tr:has-text('MP4600') .skill.lapsed:has-text('taser')");
  await row.locator("select").selectOption("response_driver");
  await row.locator("input[aria-label=Expires]").fill("");
  await row.locator("button", { hasText: "Grant" }).click();
  await page.waitForSelector("#people tr:has-text('MP4600') .skill:not(.lapsed):has-text('response driver')");
  await page.screenshot({ path: `${shots}duty-people.png` });
  await page.close();
});

test("a planner adds a shift pattern and rosters an area from it, the crews taking turns", async () => {
  const planner = await peel.as("pia");
  for (const [number, name] of [["MP4700", "PC West One"], ["MP4701", "PC West Two"]]) {
    const person = await planner("POST", "/api/v1/duty/people", { number, name, rank: "constable", area: "Westgate", role: "response" });
    assert.equal(person.status, 201, JSON.stringify(person.body));
  }
  const page = await signIn(browser, peel, "pia", "#/duty/patterns", { width: 1400, height: 900 });
  await page.fill("#pattern-name", "Four on four off");
  await page.fill("#pattern-length", "8");
  await page.fill("#pattern-tours", "0 early 07:00 8\n1 early 07:00 8\n2 early 07:00 8\n3 early 07:00 8");
  await page.click("#pattern-form button[type=submit]");
  await page.waitForSelector("#patterns li:has-text('Four on four off')");
  await page.selectOption("#build-pattern", { label: "Four on four off" });
  await page.fill("#build-area", "Westgate");
  await page.click("#build-form button[type=submit]");
  // 28 days: each works four of every eight, half a rotation apart.
  await page.waitForSelector("#build-result:has-text('Rostered 28 tours for 2 people; 0 refused by the rules')");
  await page.fill("#pattern-tours", "0 brunch 10:00");
  await page.click("#pattern-form button[type=submit]");
  await page.waitForSelector("#duty-error:has-text('line 1')");
  await page.screenshot({ path: `${shots}duty-patterns.png` });
  await page.close();
});
