// The scenario editor through the page in both variants: the Editor tab clicked, a template
// chosen from the combo, the JSON typed with the keyboard; an error appears at its line and
// path while typing, the fixed text runs and the timeline shows it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../serve.mjs";
import { launchBrowser, watchErrors } from "./lib/browser.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const DIST = process.env.TL_WEB_DIST ?? path.join(ROOT, "build", "web", "dist");
const ARTIFACTS = process.env.TL_ARTIFACTS ?? path.join(ROOT, "build", "test-artifacts");
const WAIT = { timeout: 30_000 };
mkdirSync(ARTIFACTS, { recursive: true });

const state = (page) => page.evaluate(() => window.threadlab.state());
async function frames(page, n = 2) {
  const start = (await state(page)).frame;
  await page.waitForFunction((f) => window.threadlab.state().frame >= f, start + n, WAIT);
}
// The editor once its text reads `text` (the frame that took the last key checked it);
// after two minutes (typing waits a frame at each Space, A and Enter), whatever arrived.
async function typed(page, text) {
  try {
    await page.waitForFunction((t) => {
      const s = window.threadlab.state();
      return s.editor && s.editor.text.trim() === t;
    }, text, { timeout: 120_000, polling: 50 });
  } catch { /* the assertion that follows says what arrived */ }
  return state(page);
}
async function clickRect(page, offset, r) {
  assert.ok(r.x1 > r.x0, `a rectangle to click: ${JSON.stringify(r)}`);
  await page.mouse.click(offset.x + (r.x0 + r.x1) / 2, offset.y + (r.y0 + r.y1) / 2, { delay: 50 });
  await frames(page);
}

// A short scenario typed line by line; the second thread's step has a negative duration.
const LINES = [
  "{",
  "\"machine\": { \"profile\": \"textbook\", \"cores\": 2 },",
  "\"processes\": [",
  "{ \"name\": \"P\", \"threads\": [",
  "{ \"name\": \"A\", \"program\": [ { \"compute_us\": 4000 } ] },",
  "{ \"name\": \"B\", \"program\": [ { \"compute_us\": -3 } ] } ] } ] }",
];

for (const { isolation, variant } of [{ isolation: true, variant: "threads" },
                                      { isolation: false, variant: "single" }]) {
  describe(`scenario editor (${variant} variant)`, () => {
    let server, url, browser, page, errors, offset;
    before(async () => {
      assert.ok(existsSync(path.join(DIST, "index.html")), `${DIST}/index.html missing: build the web page`);
      ({ server, url } = await startServer({ dir: DIST, port: 0, isolation }));
      browser = await launchBrowser();
      page = await browser.context.newPage();
      await page.setViewportSize({ width: 1280, height: 720 });
      errors = watchErrors(page);
      await page.goto(url + "?scenario=race");
      await page.evaluate(() => window.threadlab.ready.then(() => true));
      const box = await page.locator("#canvas").boundingBox();
      offset = { x: box.x, y: box.y };
    });
    after(async () => {
      await browser?.close();
      server?.close();
    });

    test("typing shows an error at its line and path, the fixed text runs", async () => {
      let s = await state(page);
      await clickRect(page, offset, s.tabs.find((t) => t.view === "editor"));
      s = await state(page);
      assert.equal(s.view, "editor");
      assert.equal(s.editor.origin, "race", "the editor starts from the scenario on screen");

      // Everything selected, then typed anew with the keyboard.
      await clickRect(page, offset, s.editor.layout.text);
      await page.keyboard.press("Control+A");
      await page.keyboard.press("Backspace");
      for (const line of LINES) {
        await page.keyboard.type(line);
        await page.keyboard.press("Enter");
      }
      // The keys reach the program a few per frame, in order: wait until the last one did.
      s = await typed(page, LINES.join("\n"));
      assert.equal(s.editor.text.trim(), LINES.join("\n"));
      assert.equal(s.editor.errors.length, 1, JSON.stringify(s.editor.errors));
      const [error] = s.editor.errors;
      assert.equal(error.line, 6, "the error is at the line of the bad step");
      assert.equal(error.path, "processes[0].threads[1].program[0].compute_us");
      assert.ok(error.rect.y1 > error.rect.y0, "the error is listed on the page");
      writeFileSync(path.join(ARTIFACTS, `editor-${variant}-error.png`), await page.screenshot());

      // Fix it: everything typed again with the right duration.
      await page.keyboard.press("Control+A");
      await page.keyboard.press("Backspace");
      const fixed = LINES.map((line) => line.replace("-3", "3000"));
      for (const line of fixed) {
        await page.keyboard.type(line);
        await page.keyboard.press("Enter");
      }
      s = await typed(page, fixed.join("\n"));
      assert.equal(s.editor.text.trim(), fixed.join("\n"));
      assert.deepEqual(s.editor.errors, []);
      assert.match(s.editor.summary, /^1 process, 2 threads on 2 cores$/);
      const runs = s.runs;
      await clickRect(page, offset, s.editor.layout.run);
      await page.waitForFunction((n) => {
        const t = window.threadlab.state();
        return t.view === "timeline" && !t.pending && t.runs > n && t.scenario === "editor";
      }, runs, WAIT);
      s = await state(page);
      assert.deepEqual(s.threads.map((t) => t.name), ["A", "B"]);
      assert.equal(s.lanes.length, 2);
      assert.equal(s.makespan_us, 4000);
      writeFileSync(path.join(ARTIFACTS, `editor-${variant}-run.png`), await page.screenshot());
    });

    test("no console errors or page errors", () => {
      assert.deepEqual(errors, []);
    });
  });
}
