// Browser tests of build/web/dist: both variants, chosen by the headers the page is served
// with. Each suite serves the folder itself (web/serve.mjs) and drives Debian's Chromium.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../serve.mjs";
import { launchBrowser, watchErrors } from "./lib/browser.mjs";
import { decodePng, parseHex, countColours, colourVariety } from "./lib/pixels.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const DIST = process.env.TL_WEB_DIST ?? path.join(ROOT, "build", "web", "dist");
const ARTIFACTS = process.env.TL_ARTIFACTS ?? path.join(ROOT, "build", "test-artifacts");
const WAIT = { timeout: 30_000 };

mkdirSync(ARTIFACTS, { recursive: true });

const state = (page) => page.evaluate(() => window.threadlab.state());

// Runs happen off the frame loop: the lanes show the newest run once "pending" is false.
const settled = (page, lanes) =>
  page.waitForFunction((n) => {
    const s = window.threadlab.state();
    return !s.pending && s.frame >= 5 && (n === undefined || s.lanes.length === n);
  }, lanes, WAIT);

// A scenario switch is shown once its run is: not pending, that name, one lane per core.
const showing = (page, name) =>
  page.waitForFunction((want) => {
    const s = window.threadlab.state();
    return !s.pending && s.frame >= 5 && s.scenario === want && s.lanes.length === s.cores &&
           s.thread_lanes.length === s.threads.length;
  }, name, WAIT);

async function shot(page, name) {
  const buffer = await page.screenshot({ fullPage: false });
  writeFileSync(path.join(ARTIFACTS, name), buffer);
  return decodePng(buffer);
}

// Which thread colours appear inside each lane rectangle (canvas CSS px -> page px).
function laneColours(png, s, offset) {
  const colours = s.threads.map((t) => parseHex(t.color));
  return s.lanes.map((lane) => {
    const rect = { x0: lane.x0 + offset.x, y0: lane.y0 + offset.y,
                   x1: lane.x1 + offset.x, y1: lane.y1 + offset.y };
    return countColours(png, rect, colours);
  });
}

async function dragSlider(page, rect, toFraction, offset) {
  const y = offset.y + (rect.y0 + rect.y1) / 2;
  const from = offset.x + rect.x0 + (rect.x1 - rect.x0) / 2;
  // Past either end on purpose: ImGui keeps the active slider while dragging and clamps.
  const to = offset.x + (toFraction >= 1 ? rect.x1 + 30 : rect.x0 - 30);
  await page.mouse.move(from, y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(from + ((to - from) * i) / 8, y);
  await page.mouse.up();
}

for (const { isolation, variant } of [{ isolation: true, variant: "threads" },
                                      { isolation: false, variant: "single" }]) {
  const served = isolation ? "with COOP/COEP" : "without COOP/COEP";
  describe(`web page served ${served}`, () => {
    let server, url, browser, page, errors, offset;

    before(async () => {
      assert.ok(existsSync(path.join(DIST, "index.html")), `${DIST}/index.html missing: build the web page`);
      ({ server, url } = await startServer({ dir: DIST, port: 0, isolation }));
      browser = await launchBrowser();
      page = await browser.context.newPage();
      errors = watchErrors(page);
      await page.goto(url);
      // Return a plain value: the resolved API holds the Module and its whole heap.
      await page.evaluate(() => window.threadlab.ready.then(() => true));
      const box = await page.locator("#canvas").boundingBox();
      offset = { x: box.x, y: box.y };
    });

    after(async () => {
      await browser?.close();
      server?.close();
    });

    test(`picks the ${variant} variant and resolves ready`, async () => {
      const info = await page.evaluate(() => ({
        variant: window.threadlab.variant,
        version: window.threadlab.version,
        isolated: self.crossOriginIsolated,
        notice: document.getElementById("tl-notice").hidden ? "" : document.getElementById("tl-notice").textContent,
      }));
      assert.equal(info.isolated, isolation);
      assert.equal(info.variant, variant);
      assert.match(info.version, /^\d+\.\d+\.\d+/);
      const s = await state(page);
      assert.ok(s.version !== undefined, "tl_state_json carries its shape version");
      if (variant === "single") {
        assert.match(info.notice, /^Simple mode/);
        assert.doesNotMatch(info.notice, /COOP|COEP|SharedArrayBuffer|cross-origin|isolat/i,
                            "no jargon for a learner");
      }
      else assert.equal(info.notice, "", "the threads variant shows no notice");
    });

    test("canvas shows the timeline: lanes contain the thread colours", async () => {
      await settled(page);
      const s = await state(page);
      const box = await page.locator("#canvas").boundingBox();
      // The window takes whole CSS pixels of a box the page may size fractionally.
      assert.ok(Math.abs(s.canvas.w - box.width) < 1, `state canvas width ${s.canvas.w} is in CSS px (${box.width})`);
      assert.ok(Math.abs(s.canvas.h - box.height) < 1, `state canvas height ${s.canvas.h} is in CSS px (${box.height})`);
      assert.ok(s.threads.length >= 1, "the default scenario has threads");
      assert.equal(s.lanes.length, s.cores, "one lane per core");
      const png = await shot(page, `web-${variant}-timeline.png`);
      const variety = colourVariety(png);
      assert.ok(variety.distinct >= 4 && variety.dominantShare < 0.98,
                `screenshot is not blank (${variety.distinct} colours, top ${variety.dominantShare.toFixed(3)})`);
      const perLane = laneColours(png, s, offset);
      const seen = new Set();
      for (const { counts } of perLane) counts.forEach((n, i) => { if (n > 20) seen.add(i); });
      const busiest = Math.max(...perLane.map(({ counts, total }) => counts.reduce((a, b) => a + b, 0) / total));
      assert.ok(busiest > 0.05, `a lane is at least 5% thread colour (best ${busiest.toFixed(3)})`);
      assert.ok(seen.size >= Math.min(2, s.threads.length),
                `thread colours seen in lanes: ${[...seen].map((i) => s.threads[i].color).join(" ")}`);
    });

    test("thread lanes under the core lanes show each thread in its own colour", async () => {
      await settled(page);
      const s = await state(page);
      assert.equal(s.thread_lanes.length, s.threads.length, "one thread lane per thread");
      const lastCore = s.lanes[s.lanes.length - 1];
      const png = await shot(page, `web-${variant}-threads.png`);
      const colours = s.threads.map((t) => parseHex(t.color));
      s.thread_lanes.forEach((lane, t) => {
        assert.equal(lane.thread, t);
        assert.ok(lane.y0 > lastCore.y1, `thread lane ${t} is below the core lanes`);
        assert.ok(lane.y1 <= s.timeline.y1 && s.timeline.y1 <= s.canvas.h, `thread lane ${t} is in view`);
        const rect = { x0: lane.x0 + offset.x, y0: lane.y0 + offset.y, x1: lane.x1 + offset.x, y1: lane.y1 + offset.y };
        const { counts } = countColours(png, rect, colours);
        assert.ok(counts[t] > 20, `thread ${t}'s lane shows it running (${counts[t]} px of ${s.threads[t].color})`);
        counts.forEach((n, other) => {
          if (other !== t) assert.ok(n <= 2, `thread ${other}'s colour in thread ${t}'s lane (${n} px)`);
        });
      });
    });

    test("a narrow frame (480 px) keeps lanes and slider inside the canvas", async () => {
      const narrow = await browser.context.newPage();
      const narrowErrors = watchErrors(narrow);
      await narrow.setViewportSize({ width: 480, height: 560 });
      await narrow.goto(url);
      await narrow.evaluate(() => window.threadlab.ready.then(() => true));
      await settled(narrow);
      const s = await state(narrow);
      await shot(narrow, `web-${variant}-narrow.png`);
      assert.equal(s.canvas.w, 480);
      assert.ok(s.controls.cores.x1 <= s.canvas.w, "the cores slider is not cut off");
      for (const lane of [...s.lanes, ...s.thread_lanes]) {
        assert.ok(lane.x1 <= s.canvas.w && lane.x1 - lane.x0 >= 200, `lane ${JSON.stringify(lane)} fits the width`);
        assert.ok(lane.y0 >= s.timeline.y0 && lane.y1 <= s.timeline.y1,
                  `lane ${JSON.stringify(lane)} is in view (timeline ${JSON.stringify(s.timeline)})`);
      }
      await narrow.close();
      assert.deepEqual(narrowErrors, []);
    });

    test("dragging the cores slider changes the number of lanes", async () => {
      const s0 = await state(page);
      const c = s0.controls.cores;
      assert.ok(c.max > c.min, "the slider has a range");
      await dragSlider(page, c, 1, offset);
      await settled(page, c.max);
      assert.equal((await state(page)).cores, c.max);
      await shot(page, `web-${variant}-cores-max.png`);
      await dragSlider(page, c, 0, offset);
      await settled(page, c.min);
      assert.equal((await state(page)).cores, c.min);
    });

    test("threadlab.setCores changes the number of lanes", async () => {
      const { controls } = await state(page);
      const want = Math.min(controls.cores.max, controls.cores.min + 2);
      // The call only submits the run: until a frame shows it, the state says it is pending.
      const pendingAtOnce = await page.evaluate((n) => {
        window.threadlab.setCores(n);
        return window.threadlab.state().pending;
      }, want);
      assert.equal(pendingAtOnce, true, "setCores returns before the run is shown");
      await settled(page, want);
      const s = await state(page);
      assert.equal(s.cores, want);
      const png = await shot(page, `web-${variant}-setcores.png`);
      const lit = laneColours(png, s, offset).filter(({ counts }) => counts.some((n) => n > 20)).length;
      assert.ok(lit >= 1, "after setCores the lanes still show thread colours");
    });

    test("?scenario=race opens the race scenario and shows the counter's lost updates", async () => {
      const race = await browser.context.newPage();
      const raceErrors = watchErrors(race);
      await race.goto(url + "?scenario=race");
      await race.evaluate(() => window.threadlab.ready.then(() => true));
      await showing(race, "race");
      const s = await state(race);
      assert.equal(s.cores, 2, "the race scenario's own core count");
      assert.deepEqual(s.threads.map((t) => t.name), ["A", "B"]);
      assert.equal(s.outcome, "completed");
      assert.equal(s.variables.length, 1);
      const counter = s.variables[0];
      assert.equal(counter.name, "P0.counter");
      assert.equal(counter.increments, 2000);
      assert.ok(counter.value > 0 && counter.value < 2000, `updates are lost on two cores (${counter.value})`);
      assert.ok(s.scenarios.includes("race") && s.scenarios[0] === "slice");
      await shot(race, `web-${variant}-race.png`);
      await race.close();
      assert.deepEqual(raceErrors, []);
    });

    test("?scenario=shared_memory groups thread lanes under a header row per process", async () => {
      const shm = await browser.context.newPage();
      const shmErrors = watchErrors(shm);
      await shm.goto(url + "?scenario=shared_memory&cores=3");
      await shm.evaluate(() => window.threadlab.ready.then(() => true));
      await showing(shm, "shared_memory");
      const s = await state(shm);
      assert.equal(s.cores, 3, "?cores= reaches the app too");
      assert.deepEqual(s.processes.map((p) => [p.name, p.origin]), [["parent", "initial"], ["w1", "fork"], ["w2", "fork"]]);
      // Every process names its thread "main": the labels tell them apart.
      assert.deepEqual(s.threads.map((t) => t.label), ["parent/main", "w1/main", "w2/main"]);
      s.threads.forEach((thread, t) => {
        const header = s.processes[thread.process];
        const lane = s.thread_lanes[t];
        assert.ok(header.y1 <= lane.y0, `${thread.label}'s lane is under its process's header`);
        const next = s.processes[thread.process + 1];
        if (next) assert.ok(lane.y1 <= next.y0, `${thread.label}'s lane is above the next process`);
      });
      await shot(shm, `web-${variant}-processes.png`);
      await shm.close();
      assert.deepEqual(shmErrors, []);
    });

    test("?scenario=NAME with an unknown name warns in the console and opens the default", async () => {
      const bad = await browser.context.newPage();
      const badErrors = watchErrors(bad);
      const warnings = [];
      bad.on("console", (msg) => { if (msg.type() === "warning") warnings.push(msg.text()); });
      await bad.goto(url + "?scenario=nope");
      await bad.evaluate(() => window.threadlab.ready.then(() => true));
      await showing(bad, "slice");
      assert.ok(warnings.some((w) => w.includes("--scenario: unknown scenario 'nope' (one of: slice,")),
                `warnings: ${JSON.stringify(warnings)}`);
      await bad.close();
      assert.deepEqual(badErrors, []);
    });

    test("threadlab.setScenario switches scenario, cores and lanes", async () => {
      const pendingAtOnce = await page.evaluate(() => {
        window.threadlab.setScenario("deadlock");
        return window.threadlab.state().pending;
      });
      assert.equal(pendingAtOnce, true, "setScenario returns before the run is shown");
      await showing(page, "deadlock");
      let s = await state(page);
      assert.equal(s.outcome, "deadlock");
      assert.match(s.outcome_line, /^deadlock: transfer_ab waits for bank\.b held by transfer_ba, /);
      await shot(page, `web-${variant}-deadlock.png`);

      for (const [name, cores] of [["gil_latency", 2], ["mlfq", 1]]) {
        await page.evaluate((n) => window.threadlab.setScenario(n), name);
        await showing(page, name);
        s = await state(page);
        assert.equal(s.cores, cores, `${name} opens with its own core count`);
        await shot(page, `web-${variant}-${name}.png`);
      }
      const thrown = await page.evaluate(() => {
        try { window.threadlab.setScenario("nope"); return null; } catch (e) { return `${e.name}: ${e.message}`; }
      });
      assert.match(thrown, /^RangeError: setScenario: unknown scenario 'nope' \(one of: slice, /);
      assert.equal((await state(page)).scenario, "mlfq", "an unknown name changes nothing");
    });

    test(`embedding example runs the ${variant} variant in its iframe`, async () => {
      const embed = await browser.context.newPage();
      const embedErrors = watchErrors(embed);
      await embed.goto(url + "embed-example.html");
      const frame = await (await embed.waitForSelector("iframe")).contentFrame();
      await frame.waitForFunction(() => window.threadlab !== undefined, null, WAIT);
      const v = await frame.evaluate(() => window.threadlab.ready.then(() => window.threadlab.variant));
      assert.equal(v, variant);
      await embed.close();
      assert.deepEqual(embedErrors, []);
    });

    test("until the program has started, the API says it is not ready", async () => {
      // The wasm is held back so the page sits between loading the program's script and
      // starting its runtime: the window in which a host's first poll used to reach ccall.
      const blocked = await launchBrowser({ serviceWorkers: "block" });
      try {
        const early = await blocked.context.newPage();
        const earlyErrors = watchErrors(early);
        let release, requested;
        const held = new Promise((resolve) => { release = resolve; });
        const wasmRequested = new Promise((resolve) => { requested = resolve; });
        await early.route(/threadlab-(single|threads)\.wasm$/, async (route) => {
          requested();
          await held;
          await route.continue();
        });
        await early.goto(url);
        await wasmRequested;
        const before = await early.evaluate(() => {
          let thrown = null;
          try { window.threadlab.state(); } catch (err) { thrown = err.name + ": " + err.message; }
          // A plain value: the module, once there, holds the whole heap.
          return { noModule: window.threadlab.module === null, thrown };
        });
        release();
        assert.ok(before.noModule, "no module before the runtime starts");
        assert.equal(before.thrown, "Error: threadlab is not ready yet");
        await early.evaluate(() => window.threadlab.ready.then(() => true));
        assert.ok(await early.evaluate(() => window.threadlab.module !== null));
        await early.waitForFunction(() => window.threadlab.state().lanes.length > 0, null, WAIT);
        assert.deepEqual(earlyErrors, []);
      } finally {
        await blocked.close();
      }
    });

    test("no console errors or page errors", () => {
      assert.deepEqual(errors, []);
    });
  });
}

describe("coi-serviceworker opt-in on a host without headers", () => {
  let server, url, browser;
  before(async () => {
    ({ server, url } = await startServer({ dir: DIST, port: 0, isolation: false }));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  test("?coi=1 reloads once through the service worker and runs the threads variant", async () => {
    const page = await browser.context.newPage();
    const errors = watchErrors(page);
    await page.goto(url + "?coi=1");
    // The worker reloads the page; the reloaded page is the one that becomes isolated.
    await page.waitForFunction(() => self.crossOriginIsolated === true, null, WAIT);
    const v = await page.evaluate(() => window.threadlab.ready.then(() => window.threadlab.variant));
    assert.equal(v, "threads");
    await page.close();
    assert.deepEqual(errors, []);
  });
});
