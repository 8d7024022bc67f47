// The page as the view tests drive it: served in one variant, opened at a size, its state read
// from tl_state_json(), and real pointer and keyboard input at the rectangles the state reports.
// Rectangles are in CSS pixels of the canvas; `offset` is the canvas's place in the page.
import { after, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../serve.mjs";
import { launchBrowser, watchErrors } from "./browser.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const DIST = process.env.TL_WEB_DIST ?? path.join(ROOT, "build", "web", "dist");
export const ARTIFACTS = process.env.TL_ARTIFACTS ?? path.join(ROOT, "build", "test-artifacts");
export const WAIT = { timeout: 30_000 };
mkdirSync(ARTIFACTS, { recursive: true });

// Both builds: COOP/COEP headers make the page cross-origin isolated, so the loader takes the
// threads variant; without them it takes the single one.
// TL_VARIANTS=single (or threads) runs one of them, while the other is not built.
export const VARIANTS = [{ isolation: true, variant: "threads" }, { isolation: false, variant: "single" }]
  .filter(({ variant }) => (process.env.TL_VARIANTS ?? "threads,single").split(",").includes(variant));

/**
 * Serves the page and launches a browser for the tests of one describe() block; the returned
 * object's `url` and `browser` are set once before() has run.
 */
export function servePage(isolation) {
  const served = { url: null, browser: null, server: null };
  before(async () => {
    assert.ok(existsSync(path.join(DIST, "index.html")), `${DIST}/index.html missing: build the web page`);
    ({ server: served.server, url: served.url } = await startServer({ dir: DIST, port: 0, isolation }));
    served.browser = await launchBrowser();
  });
  after(async () => {
    await served.browser?.close();
    served.server?.close();
  });
  return served;
}

export const state = (page) => page.evaluate(() => window.threadlab.state());

/**
 * Resolves once the program has drawn `n` more frames, or has stopped drawing: it draws only
 * while something changes (input, playback, a run), so a few frames after an input it goes
 * quiet. Its loop runs on every animation frame; three in a row without a new frame mean it has
 * nothing left to draw.
 */
export const framesLater = (page, n = 3) =>
  page.evaluate((k) => new Promise((done) => {
    const start = window.threadlab.state().frame;
    let last = start, unchanged = 0;
    const poll = () => {
      const frame = window.threadlab.state().frame;
      unchanged = frame === last ? unchanged + 1 : 0;
      last = frame;
      if (frame >= start + k || unchanged >= 3) done(true);
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  }), n);

/** Resolves once the program has stopped drawing (see framesLater). */
export const quiet = (page) => framesLater(page, Number.MAX_SAFE_INTEGER);

/**
 * A new tab at `size` (CSS px) on `url`, once the first run is on screen; `dpr` emulates a
 * high-density screen (device pixels per CSS pixel) for this tab alone.
 */
export async function openPage(browser, url, size, { dpr = 1 } = {}) {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.setViewportSize(size);
  if (dpr !== 1) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setDeviceMetricsOverride", { ...size, deviceScaleFactor: dpr, mobile: false });
  }
  await page.goto(url);
  await page.evaluate(() => window.threadlab.ready.then(() => true));
  await page.waitForFunction(() => { const s = window.threadlab.state(); return !s.pending && s.frame >= 3; }, null, WAIT);
  const box = await page.locator("#canvas").boundingBox();
  return { page, errors, offset: { x: box.x, y: box.y } };
}

export const centre = (r) => ({ x: (r.x0 + r.x1) / 2, y: (r.y0 + r.y1) / 2 });

/** A press and release at (x, y) of the canvas, then a few frames to show what it did. */
export async function clickAt(page, offset, x, y) {
  await page.mouse.move(offset.x + x, offset.y + y);
  await page.mouse.down();
  await page.mouse.up();
  await framesLater(page);
}

export async function clickRect(page, offset, r) {
  assert.ok(r && r.x1 > r.x0 && r.y1 > r.y0, `a rectangle to click: ${JSON.stringify(r)}`);
  const c = centre(r);
  await clickAt(page, offset, c.x, c.y);
}

/** The tab of `view` clicked as a learner would; resolves once the view is shown. */
export async function clickTab(page, offset, view) {
  const tab = (await state(page)).tabs.find((t) => t.view === view);
  assert.ok(tab, `a ${view} tab is drawn`);
  await clickRect(page, offset, tab);
  await page.waitForFunction((v) => window.threadlab.state().view === v, view, WAIT);
}

/** A rectangle of the canvas in page (screenshot) pixels. */
export const onPage = (r, offset) => ({ x0: r.x0 + offset.x, y0: r.y0 + offset.y, x1: r.x1 + offset.x, y1: r.y1 + offset.y });
