// Offline: after the first load the service worker has the page; with the server stopped a
// reload still works, in both variants. And build/web/dist, zipped and unpacked elsewhere, runs
// as is from a plain static server.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { launchBrowser } from "./lib/browser.mjs";
import { DIST, WAIT, idleState, openPage, serve } from "./lib/course.mjs";

describe("offline", () => {
  for (const { isolation, variant } of [{ isolation: true, variant: "threads" }, { isolation: false, variant: "single" }]) {
    test(`a reload works with the server stopped (${variant})`, async () => {
      const server = await serve(DIST, { isolation });
      const browser = await launchBrowser();
      try {
        const { page, errors } = await openPage(browser.context, server.url + "?scenario=race");
        assert.equal(await page.evaluate(() => window.threadlab.offline), true, "the offline copy is complete");
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, WAIT);
        const before = await idleState(page);
        await server.close();
        await page.reload();
        await page.evaluate(() => window.threadlab.ready.then(() => true));
        assert.equal(await page.evaluate(() => window.threadlab.variant), variant);
        const after = await idleState(page);
        assert.equal(after.scenario, "race");
        assert.ok((await page.evaluate(() => window.threadlab.state())).lanes.length > 0);
        assert.equal(after.makespan_us, before.makespan_us);
        assert.deepEqual(errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(e)), []);
      } finally {
        await browser.close();
        await server.close();
      }
    });
  }

  test("the dist folder zipped and unpacked elsewhere runs from any static host", async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), "threadlab-zip-"));
    const zip = path.join(work, "threadlab.zip");
    execFileSync("zip", ["-q", "-r", zip, "."], { cwd: DIST });
    const unpacked = path.join(work, "site", "some", "course", "path");
    mkdirSync(unpacked, { recursive: true });  // unzip makes the last folder only
    execFileSync("unzip", ["-q", zip, "-d", unpacked]);
    const server = await serve(path.join(work, "site"));
    const browser = await launchBrowser();
    try {
      const { page, errors } = await openPage(browser.context, server.url + "some/course/path/index.html?lesson=races");
      const s = await idleState(page);
      assert.equal(s.lesson.id, "races");
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
