// Launches Debian's Chromium through playwright-core with the flags that work on these
// machines (headless, SwiftShader WebGL2, no background networking into a closed network).
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const CHROMIUM = process.env.TL_CHROMIUM ?? "/usr/bin/chromium";

// serviceWorkers: "block" keeps the page's offline worker out, for a test that must see (and
// hold back) the page's own requests: what a worker answers never reaches page.route.
export async function launchBrowser({ serviceWorkers = "allow" } = {}) {
  const profile = mkdtempSync(path.join(os.tmpdir(), "threadlab-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,          // state() reports CSS px; screenshots then match 1:1
    serviceWorkers,
    args: ["--no-sandbox", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--use-angle=swiftshader",
           "--enable-unsafe-swiftshader"],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Collects console errors and uncaught page errors so a test can assert there were none. */
export function watchErrors(page) {
  const errors = [];
  page.on("console", (msg) => { if (msg.type() === "error") errors.push(`console: ${msg.text()}`); });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("crash", () => errors.push("page crashed"));
  return errors;
}
