// The host-page API across origins: embed-example.html on one local origin embeds two lessons
// from another (served without isolation headers, as course sites are), drives them with
// postMessage and hears their events; a page whose origin is not on the list is ignored.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, watchErrors } from "./lib/browser.mjs";
import { DIST, WAIT, folderWith, lessons, serve, solutionControls } from "./lib/course.mjs";

const events = (page, filter) => page.evaluate((f) => window.hostLog.filter((e) =>
  Object.entries(f).every(([k, v]) => e[k] === v)), filter);
const send = (page, frame, cmd) => page.evaluate(([n, c]) => window.sendTo(n, c), [frame, cmd]);

describe("host page on another origin", () => {
  let tutorial, host, intruder, browser, page, errors;
  before(async () => {
    tutorial = await serve(DIST, { isolation: false });
    host = await serve(DIST, { isolation: false });  // embed-example.html, another port = another origin
    browser = await launchBrowser();
    page = await browser.context.newPage();
    errors = watchErrors(page);
    // Tall enough that both frames are in view: browsers pause animation frames in frames
    // scrolled out of view, and threadlab starts on its first frame.
    await page.setViewportSize({ width: 1280, height: 2200 });
    await page.goto(`${host.url}embed-example.html?threadlab=${encodeURIComponent(tutorial.url)}`);
    await page.waitForFunction(() => window.hostLog.filter((e) => e.event === "ready").length === 2, null, WAIT);
  });
  after(async () => {
    await browser?.close();
    for (const s of [tutorial, host, intruder]) await s?.close();
  });

  test("both frames announce themselves and their lesson", async () => {
    assert.notEqual(host.origin, tutorial.origin);
    const ready = await events(page, { event: "ready" });
    assert.deepEqual(ready.map((e) => e.frame).sort(), [1, 2]);
    for (const e of ready) {
      assert.equal(e.variant, "single", "no isolation headers: the single variant");
      assert.equal(e.api, 1);
      assert.ok(e.lessons.includes("races"));
    }
    await page.waitForFunction(() => window.hostLog.filter((e) => e.event === "lesson-started").length === 2, null, WAIT);
    assert.deepEqual((await events(page, { event: "lesson-started", frame: 2 })).map((e) => e.lesson), ["races"]);
    const reply = await send(page, 1, { command: "get-state" });
    assert.equal(reply.ok, true);
    assert.equal(reply.state.lesson.id, "processes-and-threads");
    assert.equal(reply.state.embed, true);
  });

  test("commands drive a frame; each passed task is one event with its ids; completion too", async () => {
    // Frame 1's lesson; its tasks pass one after the other with their solutions applied in turn.
    const lesson = lessons().find((l) => l.id === "processes-and-threads");
    for (const [i, task] of lesson.tasks.entries()) {
      const reply = await send(page, 1, { command: "set", controls: solutionControls(task) });
      assert.equal(reply.ok, true, JSON.stringify(reply));
      assert.equal(reply.command, "set");
      await page.waitForFunction((id) => window.hostLog.some((e) => e.event === "task-passed" && e.task === id),
                                 task.id, WAIT);
      // Setting it again changes nothing: still exactly one event per task so far.
      assert.equal((await send(page, 1, { command: "set", controls: solutionControls(task) })).ok, true);
      const passed = await events(page, { event: "task-passed", frame: 1 });
      assert.deepEqual(passed.map((e) => e.task), lesson.tasks.slice(0, i + 1).map((t) => t.id));
    }
    const right = lesson.question.choices.findIndex((c) => c.correct);
    const answer = await send(page, 1, { command: "answer", choice: right });
    assert.equal(answer.correct, true);
    await page.waitForFunction(() => window.hostLog.some((e) => e.event === "lesson-completed"), null, WAIT);
    const done = await events(page, { event: "lesson-completed" });
    assert.deepEqual(done.map((e) => [e.frame, e.lesson, e.score]), [[1, "processes-and-threads", 100]]);
    assert.equal((await events(page, { event: "question-answered", frame: 1 }))[0].correct, true);
    // The other frame heard nothing of it.
    assert.deepEqual(await events(page, { event: "task-passed", frame: 2 }), []);
    // play, pause, seek, load: each replies ok and is visible in get-state.
    assert.equal((await send(page, 1, { command: "pause" })).ok, true);
    assert.equal((await send(page, 1, { command: "seek", time_us: 5 })).ok, true);
    const s = (await send(page, 1, { command: "get-state" })).state;
    assert.equal(s.playing, false);
    assert.equal(s.playhead_us, 5);
    assert.equal((await send(page, 1, { command: "load", scenario: "race" })).ok, true);
    assert.equal((await send(page, 1, { command: "get-state" })).state.scenario, "race");
    const bad = await send(page, 1, { command: "load", lesson: "nope" });
    assert.equal(bad.ok, false);
    assert.match(bad.error, /lesson: 'nope' is not a lesson here/);
    assert.deepEqual(errors, []);
  });

  test("a page whose origin is not on the list is ignored", async () => {
    // The frame lists the host's origin only; this page lives on a third one.
    const dir = folderWith({
      "intruder.html": `<!doctype html><html lang="en"><title>intruder</title><link rel="icon" href="data:,"><body>
        <iframe id="f" title="threadlab" src="${tutorial.url}index.html?lesson=races&hosts=${encodeURIComponent(host.origin)}"></iframe>
        <script>window.replies = [];
          addEventListener("message", (e) => { if (e.data && e.data.threadlab) window.replies.push(e.data); });
          window.attack = () => document.getElementById("f").contentWindow.postMessage(
            { threadlab: 1, id: 1, command: "load", scenario: "deadlock" }, "*");
        </script></body></html>`,
    });
    intruder = await serve(dir);
    const other = await browser.context.newPage();
    const otherErrors = watchErrors(other);
    await other.goto(intruder.url + "intruder.html");
    const frame = () => other.frames().find((f) => f.url().startsWith(tutorial.url));
    // goto waits for the load event, which waits for the frame's own.
    await frame().evaluate(() => window.threadlab.ready.then(() => true));
    await other.evaluate(() => window.attack());
    await frame().waitForFunction(() => window.threadlab.ignoredMessages === 1, null, WAIT);
    const s = await frame().evaluate(() => window.threadlab.state());
    assert.equal(s.lesson.id, "races", "the command was not carried out");
    assert.notEqual(s.scenario, "deadlock");
    assert.deepEqual(await other.evaluate(() => window.replies.filter((r) => r.type === "reply")), [],
                     "no reply to an origin not on the list");
    assert.deepEqual(otherErrors, []);
    await other.close();
  });
});
