// The race step-through in the page, both variants: the Race tab clicked, the playhead slider
// clicked half-way (both threads are incrementing there), the Right arrow key and the "Next op"
// button stepping one operation at a time with the playhead following, and a screenshot whose
// step list shows a lost update in the warning colour.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../serve.mjs";
import { launchBrowser, watchErrors } from "./lib/browser.mjs";
import { decodePng, countColours } from "./lib/pixels.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const DIST = process.env.TL_WEB_DIST ?? path.join(ROOT, "build", "web", "dist");
const ARTIFACTS = process.env.TL_ARTIFACTS ?? path.join(ROOT, "build", "test-artifacts");
const WAIT = { timeout: 30_000 };
const LOST = [0xff, 0xb3, 0x47];  // the warning colour a lost store's cell is filled with

mkdirSync(ARTIFACTS, { recursive: true });

const state = (page) => page.evaluate(() => window.threadlab.state());
const framesLater = (page, n = 3) =>
  page.evaluate((k) => new Promise((done) => {
    const start = window.threadlab.state().frame;
    const poll = () => (window.threadlab.state().frame >= start + k ? done(true) : requestAnimationFrame(poll));
    poll();
  }), n);

async function clickAt(page, offset, x, y) {
  await page.mouse.move(offset.x + x, offset.y + y);
  await page.mouse.down();
  await page.mouse.up();
  await framesLater(page);
}

for (const { isolation, variant } of [{ isolation: true, variant: "threads" },
                                      { isolation: false, variant: "single" }]) {
  describe(`race step-through (${variant} variant)`, () => {
    let server, url, browser;

    before(async () => {
      assert.ok(existsSync(path.join(DIST, "index.html")), `${DIST}/index.html missing: build the web page`);
      ({ server, url } = await startServer({ dir: DIST, port: 0, isolation }));
      browser = await launchBrowser();
    });

    after(async () => {
      await browser?.close();
      server?.close();
    });

    for (const size of [{ width: 1280, height: 720 }, { width: 480, height: 360 }]) {
      // At 480x360 the title, description and controls above leave the list almost no height.
      const todo = size.width < 640 ? "the header leaves the view little room at 480x360" : "fails on main since the view tabs were merged (the editor tab joined); not yet diagnosed";
      test(`at ${size.width}x${size.height}: steps through loads and stores and marks a lost update`, { todo }, async () => {
        const page = await browser.context.newPage();
        const errors = watchErrors(page);
        await page.setViewportSize(size);
        await page.goto(url + "?scenario=race");
        await page.evaluate(() => window.threadlab.ready.then(() => true));
        await page.waitForFunction(() => { const s = window.threadlab.state(); return !s.pending && s.frame >= 5; }, null, WAIT);
        const box = await page.locator("#canvas").boundingBox();
        const offset = { x: box.x, y: box.y };

        let s = await state(page);
        const tab = s.tabs.find((t) => t.view === "race");
        await clickAt(page, offset, (tab.x0 + tab.x1) / 2, (tab.y0 + tab.y1) / 2);
        await page.waitForFunction(() => window.threadlab.state().view === "race", null, WAIT);
        s = await state(page);
        assert.equal(s.race.steps, 6000, "two threads x 1000 increments x (load, add, store)");

        // Half-way through the run: both threads are incrementing the counter.
        const scrub = s.race.scrub;
        await clickAt(page, offset, (scrub.x0 + scrub.x1) / 2, (scrub.y0 + scrub.y1) / 2);
        await framesLater(page, 3);  // the list scrolls to the selection
        s = await state(page);
        assert.equal(s.playing, false, "scrubbing pauses");
        assert.ok(s.race.selected > 0, "an operation is selected at the playhead");
        assert.equal(s.race.value, s.variables[0].at_playhead, "the view and the info line agree");
        assert.ok(s.race.value < s.variables[0].value, "the value at the playhead, not the final one");
        assert.ok(s.race.lost > 0, "updates were lost by half-way");

        // The Right key: one operation on, the playhead follows.
        const before = s.race.selected;
        await page.keyboard.press("ArrowRight");
        await framesLater(page);
        s = await state(page);
        assert.equal(s.race.selected, before + 1);
        // The button: one more.
        await clickAt(page, offset, (s.race.next.x0 + s.race.next.x1) / 2, (s.race.next.y0 + s.race.next.y1) / 2);
        s = await state(page);
        assert.equal(s.race.selected, before + 2);
        await page.keyboard.press("ArrowLeft");
        await framesLater(page);
        s = await state(page);
        assert.equal(s.race.selected, before + 1);

        // Scroll the list to a lost store: step through with the keys until one is on screen.
        for (let i = 0; i < 200 && !s.race.rows.some((r) => r.lost && r.y0 >= s.race.list.y0 + 20); i++) {
          await page.keyboard.press("ArrowRight");
          await framesLater(page, 1);
          s = await state(page);
        }
        const lost = s.race.rows.find((r) => r.lost && r.y0 >= s.race.list.y0 + 20);
        assert.ok(lost, "a lost store is in the visible rows");
        const buffer = await page.screenshot();
        writeFileSync(path.join(ARTIFACTS, `web-${variant}-race-${size.width}x${size.height}.png`), buffer);
        const png = decodePng(buffer);
        const list = { x0: s.race.list.x0 + offset.x, y0: s.race.list.y0 + offset.y,
                       x1: s.race.list.x1 + offset.x, y1: s.race.list.y1 + offset.y };
        const { counts } = countColours(png, list, [LOST], 2);
        assert.ok(counts[0] > 40, `the lost store is marked in the list (${counts[0]} px)`);
        assert.deepEqual(errors, []);
        await page.close();
      });
    }
  });
}
