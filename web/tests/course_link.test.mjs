// State in the URL fragment: every lesson's state -> link -> reload -> the same state, in both
// variants; "Copy link" gives a link that opens the same state in a fresh page.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { launchBrowser } from "./lib/browser.mjs";
import { DIST, WAIT, command, idleState, lessons, openPage, serve, solutionControls } from "./lib/course.mjs";

for (const { isolation, variant } of [{ isolation: true, variant: "threads" }, { isolation: false, variant: "single" }]) {
  describe(`links, ${variant} variant`, () => {
    let server, browser, page, errors;
    before(async () => {
      assert.ok(existsSync(path.join(DIST, "index.html")), `${DIST}/index.html missing: build the web page`);
      server = await serve(DIST, { isolation });
      browser = await launchBrowser();
      ({ page, errors } = await openPage(browser.context, server.url + "?sw=0"));
      assert.equal(await page.evaluate(() => window.threadlab.variant), variant);
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    test("every lesson's state survives a reload through the URL fragment", async () => {
      for (const lesson of lessons()) {
        assert.equal((await command(page, { command: "load", lesson: lesson.id })).ok, true, lesson.id);
        const last = lesson.tasks?.[lesson.tasks.length - 1];
        if (last) assert.equal((await command(page, { command: "set", controls: solutionControls(last) })).ok, true);
        const shown = await idleState(page);
        await command(page, { command: "pause" });
        await command(page, { command: "seek", time_us: Math.floor(shown.makespan_us / 3) });
        const before = await idleState(page);
        // The fragment follows the state within a frame.
        await page.waitForFunction((link) => location.hash === link, before.link, WAIT);
        assert.match(before.link, new RegExp(`lesson=${lesson.id}.*&play=0`));
        await page.reload();
        await page.evaluate(() => window.threadlab.ready.then(() => true));
        await page.waitForFunction((id) => {
          const s = window.threadlab.command({ threadlab: 1, command: "get-state" }).state;
          return s.lesson && s.lesson.id === id;
        }, lesson.id, WAIT);
        const after = await idleState(page);
        assert.deepEqual(after, before, `${lesson.id}: the state after the reload differs`);
        assert.deepEqual(await page.evaluate(() => window.threadlab.messages()), [], "no messages for a good link");
      }
      assert.deepEqual(errors, []);
    });

    test("a scenario's link restores scenario, cores and playhead", async () => {
      await command(page, { command: "load", scenario: "locks" });
      await command(page, { command: "set", cores: 3 });
      await idleState(page);
      await command(page, { command: "pause" });
      await command(page, { command: "seek", time_us: 7 });
      const before = await idleState(page);
      await page.waitForFunction((link) => location.hash === link, before.link, WAIT);
      await page.reload();
      await page.evaluate(() => window.threadlab.ready.then(() => true));
      await page.waitForFunction(() => window.threadlab.state().scenario === "locks", null, WAIT);
      assert.deepEqual(await idleState(page), before);
    });

    test("embed=1 keeps the learner in the page's lesson: no list, Previous/Next or All lessons", async () => {
      const drawn = (r) => r.x1 > r.x0 && r.y1 > r.y0;
      for (const embed of [false, true]) {
        const other = await openPage(browser.context, server.url + "?sw=0&lesson=races" + (embed ? "&embed=1" : ""));
        await other.page.waitForFunction(() => window.threadlab.state().lesson?.id === "races", null, WAIT);
        await idleState(other.page);
        await other.page.waitForFunction(() => window.threadlab.state().frame >= 5, null, WAIT);
        const layout = (await other.page.evaluate(() => window.threadlab.state())).lesson.layout;
        assert.equal(drawn(layout.list_header), !embed, `the list's header, embed=${embed}`);
        assert.equal(drawn(layout.previous) || drawn(layout.next), !embed, `Previous/Next, embed=${embed}`);
        assert.ok(drawn(layout.column), `the lesson column, embed=${embed}`);
        const allLessons = other.page.getByRole("button", { name: "All lessons" });
        assert.equal(await allLessons.isVisible(), !embed, `the text view's All lessons, embed=${embed}`);
        assert.deepEqual(other.errors, []);
        await other.page.close();
      }
    });

    if (variant === "single") {
      test("Copy link shows the link, and the link opens the same state elsewhere", async () => {
        await command(page, { command: "load", lesson: "races" });
        await command(page, { command: "set", controls: { scenario: "locked" } });
        await command(page, { command: "pause" });
        const before = await idleState(page);
        await page.click("#tl-copy-link");
        const link = await page.inputValue("#tl-link-text");
        assert.equal(link, await page.evaluate(() => window.threadlab.link()));
        assert.ok(link.includes("#v=1&lesson=races&"), link);
        const other = await openPage(browser.context, link);
        await other.page.waitForFunction(() => window.threadlab.state().lesson?.id === "races", null, WAIT);
        assert.deepEqual(await idleState(other.page), before);
        assert.deepEqual(other.errors, []);
        await other.page.close();
      });
    }
  });
}
