// Accessibility: axe-core finds no serious or critical violation on the page (a lesson open,
// the text view showing) and inside a course page's frame; and one lesson can be completed
// with the keyboard alone, through the text view.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { launchBrowser } from "./lib/browser.mjs";
import { ARTIFACTS, DIST, WAIT, lessons, openPage, serve } from "./lib/course.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

async function serious(target) {
  await target.addScriptTag({ path: AXE });
  const result = await target.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe("accessibility", () => {
  let server, host, browser;
  before(async () => {
    server = await serve(DIST, { isolation: false });
    host = await serve(DIST, { isolation: false });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await host?.close();
  });

  test("axe: no serious or critical violation on the page", async () => {
    const { page, errors } = await openPage(browser.context, server.url + "?sw=0&lesson=races");
    await page.waitForSelector("#tl-tasks li", WAIT);
    await page.waitForFunction(() => document.querySelectorAll("#tl-run-table tbody tr").length > 0, null, WAIT);
    writeFileSync(path.join(ARTIFACTS, "course-a11y-page.png"), await page.screenshot());
    assert.deepEqual(await serious(page), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("axe: no serious or critical violation embedded in a course page", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 2200 });  // both frames in view, so both start
    await page.goto(`${host.url}embed-example.html?threadlab=${encodeURIComponent(server.url)}`);
    await page.waitForFunction(() => window.hostLog.filter((e) => e.event === "ready").length === 2, null, WAIT);
    writeFileSync(path.join(ARTIFACTS, "course-a11y-embedded.png"), await page.screenshot({ fullPage: true }));
    const frame = page.frames().find((f) => f.url().startsWith(server.url));
    assert.deepEqual(await serious(frame), [], "inside the frame");
    assert.deepEqual(await serious(page), [], "the example course page itself");
    await page.close();
  });

  test("a lesson completed with the keyboard alone", async () => {
    const lesson = lessons().find((l) => l.id === "more-cores");
    const { page, errors } = await openPage(browser.context, server.url + "?sw=0&lesson=more-cores");
    await page.waitForSelector("#tl-tasks li", WAIT);
    const focused = () => page.evaluate(() => document.activeElement && document.activeElement.id);
    // Tabs forward until the element with this id has the focus (at most 80 presses).
    async function tabTo(id) {
      for (let i = 0; i < 80; i++) {
        if (await focused() === id) return;
        await page.keyboard.press("Tab");
      }
      assert.fail(`Tab never reached #${id}`);
    }
    for (const task of lesson.tasks) {
      for (const [name, value] of Object.entries(task.solution.set)) {
        await tabTo("tl-control-" + name);
        await page.keyboard.press("Control+A");
        await page.keyboard.type(String(value));
        await page.keyboard.press("Enter");
      }
      await page.waitForFunction((id) => window.threadlab.command({ threadlab: 1, command: "get-state" })
          .state.lesson.tasks.find((t) => t.id === id).passed, task.id, WAIT);
      await page.waitForFunction((id) => document.querySelector(`[data-task="${id}"] strong`).textContent !== "(not yet)",
                                 task.id, WAIT);
    }
    const right = lesson.question.choices.findIndex((c) => c.correct);
    await tabTo("tl-choice-0");
    if (right === 0) await page.keyboard.press("Space");
    for (let i = 0; i < right; i++) await page.keyboard.press("ArrowDown");
    assert.equal(await page.evaluate(() => document.querySelector("input[name=tl-choice]:checked").value), String(right));
    await tabTo("tl-check-answer");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.threadlab.command({ threadlab: 1, command: "get-state" }).state.lesson.completed,
                               null, WAIT);
    await page.waitForFunction(() => document.getElementById("tl-live").textContent.includes("Lesson completed"), null, WAIT);
    assert.match(await page.textContent("#tl-lesson-done"), /Lesson completed \(score 100 of 100\)/);
    writeFileSync(path.join(ARTIFACTS, "course-keyboard-done.png"), await page.screenshot());
    assert.deepEqual(errors, []);
    await page.close();
  });
});
