// The memory view in the page, both variants: the Memory tab clicked, the playhead slider
// clicked to the start, then the Right arrow key stepping page event by page event until a
// forked child has written: the screenshot must show each process's column with shared pages
// (since the fork) and private ones (the child's copies, the parent's originals).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../serve.mjs";
import { launchBrowser, watchErrors } from "./lib/browser.mjs";
import { decodePng, parseHex, countColours } from "./lib/pixels.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const DIST = process.env.TL_WEB_DIST ?? path.join(ROOT, "build", "web", "dist");
const ARTIFACTS = process.env.TL_ARTIFACTS ?? path.join(ROOT, "build", "test-artifacts");
const WAIT = { timeout: 30_000 };

mkdirSync(ARTIFACTS, { recursive: true });

const state = (page) => page.evaluate(() => window.threadlab.state());
const framesLater = (page, n = 3) =>
  page.evaluate((k) => new Promise((done) => {
    const start = window.threadlab.state().frame;
    const poll = () => (window.threadlab.state().frame >= start + k ? done(true) : requestAnimationFrame(poll));
    poll();
  }), n);

async function open(browser, url, size) {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.setViewportSize(size);
  await page.goto(url);
  await page.evaluate(() => window.threadlab.ready.then(() => true));
  await page.waitForFunction(() => { const s = window.threadlab.state(); return !s.pending && s.frame >= 5; }, null, WAIT);
  const box = await page.locator("#canvas").boundingBox();
  return { page, errors, offset: { x: box.x, y: box.y } };
}

async function clickAt(page, offset, x, y) {
  await page.mouse.move(offset.x + x, offset.y + y);
  await page.mouse.down();
  await page.mouse.up();
  await framesLater(page);
}

// The tab of `view`, clicked as a learner would.
async function clickTab(page, offset, view) {
  const tab = (await state(page)).tabs.find((t) => t.view === view);
  assert.ok(tab, `a ${view} tab is drawn`);
  await clickAt(page, offset, (tab.x0 + tab.x1) / 2, (tab.y0 + tab.y1) / 2);
  await page.waitForFunction((v) => window.threadlab.state().view === v, view, WAIT);
}

// Steps through page events with the Right key until the second child is forked: by then the
// first (w1) has copies of its own and its fork's flash has faded.
async function stepToCopies(page) {
  for (let i = 0; i < 60; i++) {
    const s = await state(page);
    const cols = s.memory.columns.filter((c) => c.alive);
    if (cols.length >= 3 && cols.some((c) => c.name === "w1" && c.pages.copied > 0)) return s;
    await page.keyboard.press("ArrowRight");
    await framesLater(page, 2);
  }
  assert.fail("no forked child wrote a page within 60 page events");
}

function columnColours(png, s, offset) {
  const palette = s.memory.palette;
  const names = ["private", "shared_fork", "copied", "shared_region", "shared_file"];
  const colours = names.map((n) => parseHex(palette[n]));
  return s.memory.columns.map((c) => {
    const rect = { x0: c.x0 + offset.x, y0: c.y0 + offset.y, x1: c.x1 + offset.x, y1: c.y1 + offset.y };
    const { counts } = countColours(png, rect, colours, 2);
    return Object.fromEntries(names.map((n, i) => [n, counts[i]]));
  });
}

for (const { isolation, variant } of [{ isolation: true, variant: "threads" },
                                      { isolation: false, variant: "single" }]) {
  describe(`memory view (${variant} variant)`, () => {
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
      // At 480x360 the title, description and controls above leave the columns no height yet.
      const todo = size.width < 640 ? "the header leaves the view no room at 480x360" : "fails on main since the view tabs were merged (the editor tab joined); not yet diagnosed";
      test(`at ${size.width}x${size.height}: after a fork, columns show shared and private pages`, { todo }, async () => {
        const { page, errors, offset } = await open(browser, url + "?scenario=shared_memory", size);
        await clickTab(page, offset, "memory");
        let s = await state(page);
        assert.equal(s.memory.renderer, true, "the page renderer compiled its shaders");
        // The slider's left end: the playhead to the start of the run, playback paused.
        await clickAt(page, offset, s.memory.scrub.x0 + 1, (s.memory.scrub.y0 + s.memory.scrub.y1) / 2);
        s = await state(page);
        assert.equal(s.playing, false);
        assert.ok(s.playhead_us < s.makespan_us / 10, `playhead near the start (${s.playhead_us} us)`);
        s = await stepToCopies(page);

        const alive = s.memory.columns.filter((c) => c.alive);
        const child = alive.find((c) => c.name === "w1");
        const parent = alive.find((c) => c.name === "parent");
        assert.ok(parent && child, "the parent's and a child's columns");
        assert.ok(child.pages.shared_fork > 0, "the child still shares what it did not write");
        assert.ok(parent.pages.private > 0, "the parent's written-over originals are private again");
        assert.ok(child.smaps.Rss > 0 && child.smaps.Pss < child.smaps.Rss, "smaps: Pss below Rss while pages are shared");

        const buffer = await page.screenshot();
        writeFileSync(path.join(ARTIFACTS, `web-${variant}-memory-${size.width}x${size.height}.png`), buffer);
        const png = decodePng(buffer);
        const seen = columnColours(png, s, offset);
        const childSeen = seen[s.memory.columns.indexOf(child)];
        const parentSeen = seen[s.memory.columns.indexOf(parent)];
        assert.ok(childSeen.shared_fork > 10, `child shared pages drawn (${JSON.stringify(childSeen)})`);
        assert.ok(childSeen.copied > 10, `child copied pages drawn (${JSON.stringify(childSeen)})`);
        assert.ok(parentSeen.private > 10, `parent private pages drawn (${JSON.stringify(parentSeen)})`);
        assert.deepEqual(errors, []);
        await page.close();
      });
    }

    test("?view=memory opens the memory view", async () => {
      const { page, errors } = await open(browser, url + "?scenario=shared_memory&view=memory", { width: 1280, height: 720 });
      const s = await state(page);
      assert.equal(s.view, "memory");
      assert.ok(s.memory.columns.length >= 1);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}

