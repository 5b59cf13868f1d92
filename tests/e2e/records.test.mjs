// The Records screen in a real browser against a real `peel serve` (SQLite): a records manager
// states a purpose, finds a person by a misheard name with why each matched and their warning
// markers, opens the record (warnings first, links with their source, possible duplicates with
// the evidence), merges the duplicate and undoes the merge; finds a vehicle by part of its VRM
// and a crime by words in its narrative. Without a purpose nothing is shown. Screenshots go to
// build/e2e/ for a person to look at.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { launchChromium, signIn, startPeel } from "./peel_server.mjs";

let peel, browser, first, second, reference;
const shots = new URL("../../build/e2e/", import.meta.url).pathname;

before(async () => {
  mkdirSync(shots, { recursive: true });
  peel = await startPeel();
  browser = await launchChromium();
  const officer = await peel.as("olly");
  const made = async (path, body) => {
    const reply = await officer("POST", path, body);
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    return reply.body;
  };
  first = (await made("/api/v1/persons", {
    surname: "Johnson", forenames: ["Michael"], date_of_birth: "1979-06-12",
    addresses: ["22 Mill Lane, Leeds LS6 2AB"], identifiers: [{ kind: "pnc", value: "79/445566K" }],
  })).id;
  second = (await made("/api/v1/persons", {
    surname: "Jonson", forenames: ["Micheal"], date_of_birth: "1979-06-12", addresses: ["22 Mill Lane, Leeds LS62AB"],
  })).id;
  await made("/api/v1/markers", { record_id: first, kind: "weapons", note: "carried a knife when arrested, 2025" });
  const car = (await made("/api/v1/objects", { kind: "vehicle", vrm: "LD19 XKE", make: "Vauxhall", colour: "silver" })).id;
  await made("/api/v1/links", { from_id: first, type: "owner_of", to_id: car, source: "DVLA check" });
  const crime = await made("/api/v1/crimes", {
    classification: "burglary", occurred_from: new Date(Date.now() - 86400000).toISOString(),
    location: { lat: 53.81, lon: -1.56 }, place: "rear of 4 Cardigan Road", suspects: [first], property: [car],
    narrative: "Side gate forced with a crowbar; laptop and bicycle taken", modus_operandi: "entry via rear garden",
  });
  reference = crime.reference;
});

after(async () => {
  await browser?.close();
  await peel?.stop();
});

const signedIn = (name, hash) => signIn(browser, peel, name, hash, { width: 1280, height: 800 });

async function searchPeople(page, name) {
  await page.fill("#q", name);
  await page.click("#records-search button[type=submit]");
}

test("find a person with reasons, open the record, merge the duplicate and undo it", async () => {
  const page = await signedIn("rita", "#/pole/people");
  await page.waitForSelector("#q");
  await searchPeople(page, "micheal jonson");
  await page.waitForSelector("#records-error:has-text('purpose')");

  await page.fill("#purpose", "data quality review");
  await searchPeople(page, "micheal jonson");
  await page.waitForSelector("#results li.result");
  assert.equal(await page.locator("#results li.result").count(), 2);
  assert.match(await page.textContent("#results li.result >> nth=0"), /JOHNSON|JONSON/);
  assert.match(await page.textContent("#results"), /surname .* like 'jonson'/);
  assert.equal(await page.locator("#results .marker-weapons").count(), 1, "the marker shows in the results");
  await page.screenshot({ path: `${shots}records-search.png` });

  await page.evaluate((id) => { location.hash = `#/pole/person/${id}`; }, first);
  await page.waitForSelector("#person-name");
  assert.match(await page.textContent("#warnings"), /weapons: carried a knife/);
  assert.match(await page.textContent("#links"), /suspect in/);
  assert.match(await page.textContent("#links"), /DVLA check/);
  assert.match(await page.textContent("#duplicates"), /date of birth/);
  await page.screenshot({ path: `${shots}records-person.png` });

  await page.click("#duplicates button.merge");
  await page.waitForSelector("#records-error:has-text('reason')");
  await page.fill("#merge-reason", "same PNC photograph and address");
  await page.click("#duplicates button.merge");
  await page.waitForSelector("#merges li");
  assert.match(await page.textContent("#person-record"), /Merged into this record/);
  await page.screenshot({ path: `${shots}records-merged.png` });
  await page.evaluate(() => { location.hash = "#/pole/people"; });
  await searchPeople(page, "michael johnson");
  await page.waitForSelector("#results li.result");
  assert.equal(await page.locator("#results li.result").count(), 1, "the merged record is found through the survivor");

  await page.evaluate((id) => { location.hash = `#/pole/person/${id}`; }, first);
  await page.waitForSelector("#merges button.undo");
  await page.fill("#merge-reason", "twins: different people");
  await page.click("#merges button.undo");
  await page.waitForSelector("#merges li:has-text('undone')");
  await page.evaluate(() => { location.hash = "#/pole/people"; });
  await searchPeople(page, "michael johnson");
  await page.waitForSelector("#results li.result >> nth=1");
  assert.equal(await page.locator("#results li.result").count(), 2);
  await page.close();
});

test("find a vehicle by part of its VRM and a crime by the words in its narrative", async () => {
  const page = await signedIn("rita", "#/pole/vehicles");
  await page.fill("#purpose", "burglary investigation");
  await page.fill("#vrm", "19 X");
  await page.click("#records-search button[type=submit]");
  await page.waitForSelector("#results li.result");
  assert.match(await page.textContent("#results"), /LD19XKE/);

  await page.evaluate(() => { location.hash = "#/pole/events"; });
  await page.fill("#text", "crowbar gate");
  await page.click("#records-search button[type=submit]");
  await page.waitForSelector("#results li.result");
  assert.match(await page.textContent("#results"), /narrative mentions 'crowbar', 'gate'/);
  await page.click("#results a.result-name");
  await page.waitForSelector("#event-record h3");
  assert.match(await page.textContent("#event-record h3"), new RegExp(reference));
  assert.match(await page.textContent("#event-record"), /entry via rear garden/);
  assert.match(await page.textContent("#links"), /suspect in/);
  await page.screenshot({ path: `${shots}records-event.png` });
  await page.close();
});
