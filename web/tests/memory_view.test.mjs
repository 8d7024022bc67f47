// The memory view in the page, both variants: the Memory tab clicked, the playhead slider
// clicked to the start, then the Right arrow key stepping page event by page event until a
// forked child has written: the screenshot must show each process's column with shared pages
// (since the fork) and private ones (the child's copies, the parent's originals).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ARTIFACTS, VARIANTS, WAIT, centre, clickAt, clickTab, framesLater, onPage, openPage, servePage, state } from "./lib/page.mjs";
import { decodePng, parseHex, countColours } from "./lib/pixels.mjs";

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
  const area = s.memory.area;  // the columns scroll under it when they do not fit
  return s.memory.columns.map((c) => {
    const seen = { x0: c.x0, x1: c.x1, y0: Math.max(c.y0, area.y0), y1: Math.min(c.y1, area.y1) };
    const { counts } = countColours(png, onPage(seen, offset), colours, 2);
    return Object.fromEntries(names.map((n, i) => [n, counts[i]]));
  });
}

for (const { isolation, variant } of VARIANTS) {
  describe(`memory view (${variant} variant)`, () => {
    const served = servePage(isolation);

    for (const size of [{ width: 1280, height: 720 }, { width: 480, height: 360 }]) {
      test(`at ${size.width}x${size.height}: after a fork, columns show shared and private pages`, async () => {
        // The tab clicked on a desktop-sized page; ?view=memory on the small one, with its tab drawn.
        const small = size.width < 640;
        const { page, errors, offset } = await openPage(served.browser, served.url + `?scenario=shared_memory${small ? "&view=memory" : ""}`, size);
        if (!small) await clickTab(page, offset, "memory");
        let s = await state(page);
        assert.equal(s.view, "memory");
        assert.ok(s.tabs.some((t) => t.view === "memory" && t.x1 <= s.canvas.w && t.y1 <= s.canvas.h), "the Memory tab is drawn");
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

        // Where the columns do not fit (480x360) the wheel over them scrolls down to the heaps.
        if (s.memory.columns.some((c) => c.y1 > s.memory.area.y1 + 1)) {
          const at = centre(s.memory.area);
          await page.mouse.move(offset.x + at.x, offset.y + at.y);
          const top = s.memory.columns[0].y0;
          await page.mouse.wheel(0, 240);
          await page.waitForFunction((y) => window.threadlab.state().memory.columns[0].y0 < y, top, WAIT);
          await framesLater(page);
          s = await state(page);
        }
        const buffer = await page.screenshot();
        writeFileSync(path.join(ARTIFACTS, `web-${variant}-memory-${size.width}x${size.height}.png`), buffer);
        const png = decodePng(buffer);
        const seen = columnColours(png, s, offset);
        const column = (name) => s.memory.columns.findIndex((c) => c.alive && c.name === name);
        const childSeen = seen[column("w1")];
        const parentSeen = seen[column("parent")];
        assert.ok(childSeen.shared_fork > 10, `child shared pages drawn (${JSON.stringify(childSeen)})`);
        assert.ok(childSeen.copied > 10, `child copied pages drawn (${JSON.stringify(childSeen)})`);
        assert.ok(parentSeen.private > 10, `parent private pages drawn (${JSON.stringify(parentSeen)})`);
        assert.deepEqual(errors, []);
        await page.close();
      });
    }
  });
}

