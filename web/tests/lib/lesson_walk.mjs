// Lessons completed through the page as a learner does it: the mouse on the lesson column's
// widgets (Ctrl+click a slider and type, click a time field and type, tick a checkbox, pick from
// a combo), the keyboard for values, Next and Previous between lessons. Each lessons_*.test.mjs
// file walks a few lessons in one variant on one page, so every file stays short.
//
// Every wait polls the page's state (window.threadlab.state()) for the change it expects; none
// waits a fixed time.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../serve.mjs";
import { launchBrowser, watchErrors } from "./browser.mjs";
import { decodePng, parseHex, countColours } from "./pixels.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..", "..");
const DIST = process.env.TL_WEB_DIST ?? path.join(ROOT, "build", "web", "dist");
const ARTIFACTS = process.env.TL_ARTIFACTS ?? path.join(ROOT, "build", "test-artifacts");
const WAIT = { timeout: 60_000, polling: 30 };

export const LESSON_IDS = JSON.parse(readFileSync(path.join(ROOT, "lessons", "index.json"), "utf8")).lessons;
const LESSONS = LESSON_IDS.map((id) => JSON.parse(readFileSync(path.join(ROOT, "lessons", id + ".json"), "utf8")));

const state = (page) => page.evaluate(() => window.threadlab.state());
const visible = (r) => r && r.x1 > r.x0 && r.y1 > r.y0;

// Waits until pred(state, arg) holds in the page; returns that state.
async function until(page, pred, arg) {
  const expression = `(() => { const s = window.threadlab.state(); return (${pred})(s, ${JSON.stringify(arg ?? null)}) ? s : null; })()`;
  const handle = await page.waitForFunction(expression, null, WAIT);
  return handle.jsonValue();
}

// The lesson's runs and the timeline's run are done and drawn.
const isSettled = (s) => !!s.lesson && !s.pending && !s.lesson.pending;
const settled = (page) => until(page, isSettled);

// Scrolls the lesson column (the wheel over it) until pick(layout) is a visible rectangle:
// down from where it is, then up from the bottom.
async function reveal(page, offset, pick, what) {
  let s = await state(page);
  if (visible(pick(s.lesson.layout))) return pick(s.lesson.layout);
  const col = s.lesson.layout.column;
  await page.mouse.move(offset.x + (col.x0 + col.x1) / 2, offset.y + (col.y0 + col.y1) / 2);
  for (const dy of [120, -120]) {
    for (let i = 0; i < 80; i++) {
      const l = s.lesson.layout;
      if (visible(pick(l))) return pick(l);
      if (dy > 0 ? l.scroll_y >= l.scroll_max : l.scroll_y <= 0) break;
      await page.mouse.wheel(0, dy);
      s = await until(page, (t, y) => t.lesson && t.lesson.layout.scroll_y !== y, l.scroll_y);
    }
  }
  if (visible(pick(s.lesson.layout))) return pick(s.lesson.layout);
  throw new Error(`${what}: not reachable in the lesson column (scroll ${s.lesson.layout.scroll_y} of ${s.lesson.layout.scroll_max})`);
}

// A press and a release at the middle of r; resolves once a frame after the release was drawn.
async function clickRect(page, offset, r, modifiers = []) {
  const s = await state(page);
  await page.mouse.move(offset.x + (r.x0 + r.x1) / 2, offset.y + (r.y0 + r.y1) / 2);
  for (const m of modifiers) await page.keyboard.down(m);
  await page.mouse.down();
  await page.mouse.up();
  for (const m of modifiers) await page.keyboard.up(m);
  await until(page, (t, f) => t.frame > f + 2, s.frame);
}

async function click(page, offset, pick, what, modifiers = []) {
  await clickRect(page, offset, await reveal(page, offset, pick, what), modifiers);
}

// The value as the panel shows it ("1", "0.5", "on", "locked").
function shown(value) {
  if (typeof value === "boolean") return value ? "on" : "off";
  return String(value);
}

async function setControl(page, offset, name, value) {
  let s = await state(page);
  if (s.lesson.controls[name] === shown(value)) return;
  const pick = (l) => l.controls[name];
  const showsIt = (t, a) => t.lesson && (t.lesson.controls[a.name] === a.value || t.lesson.refusal !== "");
  const want = { name, value: shown(value) };
  if (typeof value === "boolean") {
    await click(page, offset, pick, `control ${name}`);
  } else if (typeof value === "string") {
    await click(page, offset, pick, `control ${name}`);
    s = await until(page, (t, v) => t.lesson && t.lesson.layout.options[v] && t.lesson.layout.options[v].y1 > 0, value);
    await clickRect(page, offset, s.lesson.layout.options[value]);
  } else {
    // Sliders take Ctrl+click to type; time fields select their text on click.
    await click(page, offset, pick, `control ${name}`, name.endsWith("_us") ? [] : ["Control"]);
    await page.keyboard.press("Control+A");
    await page.keyboard.type(String(value));
    await page.keyboard.press("Enter");
  }
  s = await until(page, showsIt, want);
  assert.equal(s.lesson.refusal, "", `${name}=${value} accepted`);
  s = await settled(page);
  assert.equal(s.lesson.controls[name], shown(value), `${name} now shows ${value}`);
}

// Thread colours inside the core lanes of a screenshot.
function lanePixels(png, s, offset) {
  const colours = s.threads.map((t) => parseHex(t.color));
  let lit = 0;
  for (const lane of s.lanes) {
    const rect = { x0: lane.x0 + offset.x, y0: lane.y0 + offset.y, x1: lane.x1 + offset.x, y1: lane.y1 + offset.y };
    lit += countColours(png, rect, colours).counts.reduce((a, b) => a + b, 0);
  }
  return lit;
}

// Text pixels (far from the panel's background) inside a rectangle of the screenshot.
function inkPixels(png, r, offset) {
  const bg = [png.data[0], png.data[1], png.data[2]];
  let ink = 0;
  const x0 = Math.max(0, Math.ceil(r.x0 + offset.x)), x1 = Math.min(png.width, Math.floor(r.x1 + offset.x));
  const y0 = Math.max(0, Math.ceil(r.y0 + offset.y)), y1 = Math.min(png.height, Math.floor(r.y1 + offset.y));
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const i = (y * png.width + x) * 4;
      if (Math.abs(png.data[i] - bg[0]) + Math.abs(png.data[i + 1] - bg[1]) + Math.abs(png.data[i + 2] - bg[2]) > 120) ink++;
    }
  return ink;
}

// A 1280x720 screenshot with what the lesson must show checked in its pixels: thread colours in
// the lanes, and text where the state says the tasks (or the question) are.
async function screenshot(page, offset, name, must) {
  const s = await state(page);
  const buffer = await page.screenshot();
  writeFileSync(path.join(ARTIFACTS, name), buffer);
  const png = decodePng(buffer);
  assert.equal(png.width, 1280);
  assert.equal(png.height, 720);
  assert.ok(s.lanes.length >= 1, `${name}: lanes are laid out`);
  assert.ok(lanePixels(png, s, offset) > 100, `${name}: the lanes show threads running`);
  for (const [what, r] of must(s.lesson.layout)) {
    assert.ok(visible(r), `${name}: ${what} is on screen`);
    assert.ok(inkPixels(png, r, offset) > 20, `${name}: ${what} is drawn (text in its rectangle)`);
  }
  return s;
}

// Leaves the lesson and comes back: its controls are at their starting values again.
async function reopen(page, offset, index) {
  const away = index === 0 ? "next" : "previous";
  const back = away === "next" ? "previous" : "next";
  const id = LESSON_IDS[index];
  await click(page, offset, (l) => l[away], away);
  await until(page, (t, i) => t.lesson && t.lesson.id !== i, id);
  await click(page, offset, (l) => l[back], back);
  return until(page, (t, i) => !!t.lesson && !t.pending && !t.lesson.pending && t.lesson.id === i, id);
}

/**
 * Walks lessons [first, last) of the catalogue in one variant ("threads": served cross-origin
 * isolated; "single": without isolation).
 */
export function walkLessons(variant, first, last) {
  const isolation = variant === "threads";
  const which = last - first === 1 ? `lesson ${last}` : `lessons ${first + 1}-${last}`;
  describe(`${which} through the page (${variant} variant)`, () => {
    let server, url, browser, page, errors, offset;
    const completed = [];

    before(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      assert.ok(existsSync(path.join(DIST, "index.html")), `${DIST}/index.html missing: build the web page`);
      ({ server, url } = await startServer({ dir: DIST, port: 0, isolation }));
      browser = await launchBrowser();
      page = await browser.context.newPage();
      await page.setViewportSize({ width: 1280, height: 720 });
      errors = watchErrors(page);
      await page.goto(url + "?lesson=" + LESSON_IDS[first]);
      await page.evaluate(() => window.threadlab.ready.then(() => true));
      await page.locator("#canvas").focus();
      const box = await page.locator("#canvas").boundingBox();
      offset = { x: box.x, y: box.y };
      await settled(page);
      assert.equal(await page.evaluate(() => window.threadlab.variant), variant);
    });
    after(async () => {
      await browser?.close();
      server?.close();
    });

    for (let index = first; index < last; index++) {
      const lesson = LESSONS[index];
      test(`${index + 1}. ${lesson.id}: tasks pass after their change, the answer gets its feedback`, async () => {
        let s = await state(page);
        if (s.lesson.id !== lesson.id) {
          // The previous lesson ended elsewhere: Next, or the list when that is not the way.
          if (s.lesson.index === index - 1) {
            await click(page, offset, (l) => l.next, "next");
          } else {
            if (!s.lesson.layout.list_open) await click(page, offset, (l) => l.list_header, "the list's header");
            await click(page, offset, (l) => l.list[index], `lesson ${index + 1} in the list`);
          }
          s = await until(page, (t, i) => !!t.lesson && !t.pending && !t.lesson.pending && t.lesson.id === i, lesson.id);
        }
        assert.equal(s.lesson.id, lesson.id);

        // At its starting controls no task passes.
        s = await settled(page);
        for (const [t, task] of lesson.tasks.entries())
          assert.equal(s.lesson.tasks[t].pass, false, `${task.id} fails before its change`);
        await reveal(page, offset, (l) => l.tasks.at(-1), "the last task");
        await screenshot(page, offset, `lesson-${variant}-${lesson.id}-tasks.png`,
                         (l) => l.tasks.map((r, i) => [`task ${i + 1}`, r]).filter(([, r]) => visible(r)).concat([["the last task", l.tasks.at(-1)]]));

        // Each task from where the previous one left the controls: it must fail just before its
        // change and pass just after. Where the earlier changes already make it pass, or undo
        // its own, the lesson is opened afresh (at its starting controls) for it.
        for (const [t, task] of lesson.tasks.entries()) {
          const steps = Object.entries(task.solution.set);
          steps.sort(([a], [b]) => (a === "scenario" ? -1 : b === "scenario" ? 1 : 0));
          let fresh = t === 0;
          s = await settled(page);
          if (s.lesson.tasks[t].pass) {
            s = await reopen(page, offset, index);
            fresh = true;
          }
          for (;;) {
            assert.equal(s.lesson.tasks[t].pass, false, `${task.id} fails before its change`);
            for (const [name, value] of steps) await setControl(page, offset, name, value);
            s = await settled(page);
            if (s.lesson.tasks[t].pass || fresh) break;
            s = await reopen(page, offset, index);
            fresh = true;
          }
          assert.equal(s.lesson.tasks[t].pass, true, `${task.id} passes after ${JSON.stringify(task.solution.set)}`);
        }

        const q = lesson.question;
        if (q.choices) {
          const right = q.choices.findIndex((c) => c.correct);
          const wrong = q.choices.findIndex((c) => !c.correct);
          await click(page, offset, (l) => l.choices[wrong], "a wrong choice");
          s = await until(page, (t) => t.lesson.answered);
          assert.equal(s.lesson.correct, false);
          assert.ok(s.lesson.feedback.length > 0, "a wrong answer gets its feedback");
          assert.equal(s.lesson.done, false);
          await click(page, offset, (l) => l.choices[right], "the right choice");
        } else {
          const numberAnswer = async (text) => {
            const before = await state(page);
            await click(page, offset, (l) => l.number, "the number field");
            await page.keyboard.press("Control+A");
            await page.keyboard.type(text);
            // Clicking Check takes the field's text as it leaves it.
            await click(page, offset, (l) => l.check, "Check");
            return until(page, (t, f) => t.lesson.answered && t.frame > f, before.frame);
          };
          s = await numberAnswer("987654321");
          assert.equal(s.lesson.correct, false);
          assert.ok(s.lesson.feedback.length > 0, "a wrong number gets its feedback");
          // The right number is the one the lesson's runs measured (the page quotes it).
          await numberAnswer(String(s.lesson.answer));
        }
        s = await until(page, (t) => t.lesson.correct);
        assert.equal(s.lesson.done, true, `${lesson.id} is marked done`);
        assert.ok(s.progress.done.includes(lesson.id), "and kept in the progress");
        completed.push(lesson.id);

        // The question and its feedback in view.
        await reveal(page, offset, (l) => (q.choices ? l.choices.at(-1) : l.check), "the question");
        await screenshot(page, offset, `lesson-${variant}-${lesson.id}-question.png`,
                         // A choice's row: its radio button and its text.
                         (l) => (q.choices ? l.choices.filter(visible).map((r, i) => [`choice ${i + 1}`, { ...r, x1: l.column.x1 - 20 }])
                                           : [["the number field", l.number], ["Check", l.check]]));
      });
    }

    test("the lessons done here are still done after a reload (browser storage)", async () => {
      await page.reload();
      await page.evaluate(() => window.threadlab.ready.then(() => true));
      const s = await settled(page);
      for (const id of completed) assert.ok(s.progress.done.includes(id), `${id} still done`);
      assert.equal(completed.length, last - first, "every lesson of this file was completed");
    });

    test("no console errors or page errors", () => {
      assert.deepEqual(errors, []);
    });
  });
}
