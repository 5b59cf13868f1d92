// The web client's API calls are checked against the OpenAPI document the server serves:
// every method and path the client uses must exist, so a renamed route fails here, not in a
// user's browser.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { startPeel } from "./peel_server.mjs";

let peel;
before(async () => { peel = await startPeel(); });
after(async () => { await peel?.stop(); });

test("every call in web/src/api/client.ts is in /api/v1/openapi.json", async () => {
  const doc = await (await fetch(`${peel.url}api/v1/openapi.json`)).json();
  const client = readFileSync(new URL("../../web/src/api/client.ts", import.meta.url), "utf8");
  const calls = [...client.matchAll(/request<[^>]*>\("(GET|POST|PUT|PATCH|DELETE)", "([^"]+)"/g)];
  assert.ok(calls.length >= 4, "the client's calls were found");
  for (const [, method, path] of calls) {
    const pattern = path.replace(/\$\{[^}]+\}/g, "{id}");
    assert.ok(doc.paths[pattern]?.[method.toLowerCase()], `${method} ${path} is not in the OpenAPI document`);
  }
});

test("the built web client carries no source maps (production serves no sources)", async () => {
  const { readdirSync } = await import("node:fs");
  const dist = new URL("../../web/dist/assets/", import.meta.url);
  const files = readdirSync(dist);
  assert.ok(files.some((f) => f.endsWith(".js")), "the client was built");
  assert.deepEqual(files.filter((f) => f.endsWith(".map")), []);
  for (const f of files.filter((f) => f.endsWith(".js"))) {
    assert.ok(!readFileSync(new URL(f, dist), "utf8").includes("sourceMappingURL"), f);
  }
});
