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

export async function startPeel() {
  const dir = mkdtempSync(join(tmpdir(), "peel-e2e-"));
  const db = `sqlite:${join(dir, "peel.db")}`;
  const init = JSON.parse(peel(["init", "--db", db, "--json"]));
  peel(["user", "add", "dana", "--role", "dispatcher", "--display-name", "Dana Dispatcher", "--db", db],
       "dispatch passphrase 42\n");
  const server = spawn(peelBinary, ["serve", "--db", db, "--port", "0", "--web-root", join(root, "web/dist")],
                       { stdio: ["ignore", "pipe", "pipe"] });
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
  return {
    url, db, admin: init.administrator,
    async stop() {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}
