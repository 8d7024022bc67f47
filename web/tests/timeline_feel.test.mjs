// The page at rest and inside a course page: no frames drawn while nothing changes, and the
// wheel scrolls the embedding page except over the timeline (which it zooms). Both variants.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { VARIANTS, WAIT, quiet, servePage } from "./lib/page.mjs";
import { watchErrors } from "./lib/browser.mjs";

for (const { isolation, variant } of VARIANTS) {
  describe(`timeline feel, ${variant} variant`, () => {
    const served = servePage(isolation);
    let page, errors, url;

    before(async () => {
      url = served.url;
      page = await served.browser.context.newPage();
      errors = watchErrors(page);
    });

    test("no frames are drawn over two idle seconds once the run has ended", async () => {
      await page.goto(url);
      await page.evaluate(() => window.threadlab.ready.then(() => true));
      await page.waitForFunction(() => !window.threadlab.state().pending, null, WAIT);
      // End: the playhead jumps to the end and playback stops (real keyboard input).
      await page.locator("#canvas").click({ position: { x: 5, y: 5 } });
      await page.keyboard.press("End");
      await page.waitForFunction(() => !window.threadlab.state().playing, null, WAIT);
      // The few frames that settle hover and layout after the key, then nothing.
      await quiet(page);
      const before = (await page.evaluate(() => window.threadlab.state())).frame;
      await page.waitForTimeout(2000);
      const after = (await page.evaluate(() => window.threadlab.state())).frame;
      assert.equal(after - before, 0, `frames drawn while idle: ${after - before}`);
      // Input wakes it up again.
      await page.mouse.move(200, 200);
      await page.mouse.move(220, 210);
      await page.waitForFunction((f) => window.threadlab.state().frame > f, after, WAIT);
      assert.deepEqual(errors, []);
    });

    test("the wheel scrolls an embedding page except over the timeline", async () => {
      await page.goto(url + "embed-example.html");
      await page.evaluate(() => { document.body.style.paddingBottom = "3000px"; });
      const frameHandle = await page.locator("iframe").first().elementHandle();
      await frameHandle.scrollIntoViewIfNeeded();
      const frame = await frameHandle.contentFrame();
      await frame.waitForFunction(() => window.threadlab && window.threadlab.state && window.threadlab.module &&
                                        (window.threadlab.state().lanes || []).length > 0, null, WAIT);
      await page.evaluate(() => window.scrollTo(0, 200));
      const box = await frameHandle.boundingBox();
      const s = await frame.evaluate(() => window.threadlab.state());
      // Over the scenario's title (top of the frame): the host page scrolls.
      const y0 = await page.evaluate(() => window.scrollY);
      await page.mouse.move(box.x + 40, box.y + 12);
      await page.mouse.wheel(0, 120);
      await page.waitForFunction((y) => window.scrollY > y, y0, WAIT);
      // Over the lanes: the timeline zooms and the host page stays.
      const lane = s.lanes[0];
      const before = await frame.evaluate(() => window.threadlab.state());
      const y1 = await page.evaluate(() => window.scrollY);
      const box2 = await frameHandle.boundingBox();
      await page.mouse.move(box2.x + (lane.x0 + lane.x1) / 2, box2.y + (lane.y0 + lane.y1) / 2);
      await page.mouse.wheel(0, -120);
      await frame.waitForFunction((w) => {
        const v = window.threadlab.state().view_us;
        return v[1] - v[0] < w;
      }, before.view_us[1] - before.view_us[0], WAIT);
      assert.equal(await page.evaluate(() => window.scrollY), y1, "the page did not scroll");
    });
  });
}
