// The race step-through in the page, both variants: the Race tab clicked, the playhead slider
// clicked half-way (both threads are incrementing there), the Right arrow key and the "Next op"
// button stepping one operation at a time with the playhead following, and a screenshot whose
// step list shows a lost update in the warning colour.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ARTIFACTS, VARIANTS, clickRect, clickTab, framesLater, onPage, openPage, servePage, state } from "./lib/page.mjs";
import { decodePng, countColours } from "./lib/pixels.mjs";

const LOST = [0xff, 0xb3, 0x47];  // the warning colour a lost store's cell is filled with

for (const { isolation, variant } of VARIANTS) {
  describe(`race step-through (${variant} variant)`, () => {
    const served = servePage(isolation);

    for (const size of [{ width: 1280, height: 720 }, { width: 480, height: 360 }]) {
      test(`at ${size.width}x${size.height}: steps through loads and stores and marks a lost update`, async () => {
        const { page, errors, offset } = await openPage(served.browser, served.url + "?scenario=race", size);
        await clickTab(page, offset, "race");
        let s = await state(page);
        assert.equal(s.race.steps, 6000, "two threads x 1000 increments x (load, add, store)");

        // Half-way through the run: both threads are incrementing the counter.
        await clickRect(page, offset, s.race.scrub);
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
        await clickRect(page, offset, s.race.next);
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
        const { counts } = countColours(png, onPage(s.race.list, offset), [LOST], 2);
        assert.ok(counts[0] > 40, `the lost store is marked in the list (${counts[0]} px)`);
        assert.deepEqual(errors, []);
        await page.close();
      });
    }
  });
}
