// Starts a real `peel serve` on a fresh SQLite database for browser tests, and Debian's
// Chromium through playwright-core (no browser download).
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const root = resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "../..");
export const peelBinary = process.env.PEEL_BIN ?? join(root, "build/release/src/app/peel");

export function peel(args, input) {
  return execFileSync(peelBinary, args, { input, encoding: "utf8" });
}

// Users the tests sign in as, each with `${name} passphrase 42` as password.
export const people = {
  dana: { role: "dispatcher", display: "Dana Dispatcher" },
  hana: { role: "call_handler", display: "Hana Handler" },
  sam: { role: "control_room_supervisor", display: "Sam Supervisor" },
  avl: { role: "it_engineer", display: "AVL Gateway" },
  olly: { role: "patrol_officer", display: "Olly Officer" },
  rita: { role: "records_manager", display: "Rita Records" },
  pia: { role: "resource_planner", display: "Pia Planner" },
  sue: { role: "supervisor", display: "Sgt Sue Supervisor" },
};
export const passwordOf = (name) => ({ dana: "dispatch", hana: "answering", sam: "oversight", avl: "gateway", olly: "patrolling", rita: "recording", pia: "planning", sue: "supervising" })[name] + " passphrase 42";

// Starts `peel serve` on `db` and a free port: the child process and the URL it serves.
export async function servePeel(db, { args = [], env = {} } = {}) {
  const server = spawn(peelBinary, ["serve", "--db", db, "--port", "0", ...args],
                       { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let stderr = "";
  server.stderr.on("data", (chunk) => { stderr += chunk; });
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`peel did not start:\n${stderr}`)), 15000);
    let out = "";
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const match = out.match(/running at (http:\/\/\S+)/);
      if (match) { clearTimeout(timer); resolveUrl(match[1]); }
    });
    server.on("exit", (code) => reject(new Error(`peel exited with ${code}:\n${stderr}`)));
  });
  return { server, url };
}

// `town`: a synthetic town of that many junctions and `units` demo units on it (peel demo).
export async function startPeel({ town = 0, units = 12 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "peel-e2e-"));
  const db = `sqlite:${join(dir, "peel.db")}`;
  const init = JSON.parse(peel(["init", "--db", db, "--json"]));
  for (const [name, p] of Object.entries(people)) {
    peel(["user", "add", name, "--role", p.role, "--display-name", p.display, "--db", db], `${passwordOf(name)}\n`);
  }
  if (town) {
    peel(["geo", "synth", "--size", String(town), "--db", db]);
    peel(["demo", "--units", String(units), "--db", db, "--json"]);
  }
  const { server, url } = await servePeel(db, { args: ["--web-root", join(root, "web/dist")] });
  return {
    url, db, admin: init.administrator,
    // A signed-in API client for one of `people`; `headers` such as Peel-Purpose go on a call.
    async as(name) {
      const session = await (await fetch(new URL("/api/v1/session", url), {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username: name, password: passwordOf(name) }),
      })).json();
      return async (method, path, body, headers = {}) => {
        const response = await fetch(new URL(path, url), {
          method, headers: { Authorization: `Bearer ${session.token}`, "Content-Type": "application/json", ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        return { status: response.status, body: text && response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text };
      };
    },
    async stop() {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A page signed in as one of `people`, at `hash`; a page error fails the test.
export async function signIn(browser, peel, name, hash, viewport = { width: 1280, height: 720 }) {
  const page = await browser.newPage({ viewport });
  page.on("pageerror", (error) => { throw new Error(`${name}'s page threw: ${error.message}`); });
  await page.goto(peel.url);
  await page.fill("#username", name);
  await page.fill("#password", passwordOf(name));
  await page.click("button[type=submit]");
  await page.waitForSelector(".frame");
  await page.evaluate((h) => { location.hash = h; }, hash);
  return page;
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}
