// The browser lab (web/lab/) in both variants: served with COOP/COEP the page measures the CPU
// kernel on pthreads, without them on Web Workers (which it says behave like processes); both
// report navigator.hardwareConcurrency, every worker count's time and speedup beside the
// simulator's prediction, and message costs (shared memory only where isolated). A quick run
// of two workers keeps each variant to a few seconds. The numbers are checked for being
// measurements (positive, finite, consistent), not for this machine's speed: the sanity bounds
// live in tests/lab.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../serve.mjs";
import { launchBrowser, watchErrors } from "./lib/browser.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const DIST = process.env.TL_WEB_DIST ?? path.join(ROOT, "build", "web", "dist");
const ARTIFACTS = process.env.TL_ARTIFACTS ?? path.join(ROOT, "build", "test-artifacts");
mkdirSync(ARTIFACTS, { recursive: true });

const positive = (x, what) => assert.ok(Number.isFinite(x) && x > 0, `${what}: ${x}`);

for (const { isolation, variant, mechanism, simulatedAs } of [
  { isolation: true, variant: "threads", mechanism: "pthreads", simulatedAs: "threads" },
  { isolation: false, variant: "single", mechanism: "web-workers", simulatedAs: "processes" },
]) {
  describe(`browser lab, ${variant} variant`, () => {
    let server, url, browser, page, errors;

    before(async () => {
      assert.ok(existsSync(path.join(DIST, "lab", "lab.js")), `${DIST}/lab/lab.js missing: build the web page`);
      ({ server, url } = await startServer({ dir: DIST, port: 0, isolation }));
      browser = await launchBrowser();
      page = await browser.context.newPage();
      errors = watchErrors(page);
      await page.goto(`${url}?lab=1`);
      await page.evaluate(() => window.threadlab.ready.then(() => true));
    });

    after(async () => {
      await browser?.close();
      server?.close();
    });

    test("the panel says what the workers are", async () => {
      assert.equal(await page.evaluate(() => window.threadlab.variant), variant);
      assert.ok(await page.locator("#tl-lab").isVisible(), "?lab=1 opens the panel");
      const text = await page.locator("#tl-lab .tl-lab-mechanism").textContent();
      if (variant === "threads") assert.match(text, /pthreads/);
      else assert.match(text, /Web Workers.*copied messages.*behave like processes/s);
      assert.match(await page.locator("#tl-lab .tl-lab-cores").textContent(), /hardwareConcurrency: \d+/);
    });

    test("measures the kernel on 1..2 workers and message costs, beside the simulator", async () => {
      const begin = Date.now();
      // Through the panel's own button, as a learner would; the results arrive in lab.last.
      await page.locator("#tl-lab .tl-lab-measure").click();
      await page.waitForFunction(() => window.threadlab.lab.last !== null, null, { timeout: 60_000 });
      const r = await page.evaluate(() => window.threadlab.lab.last);
      const seconds = (Date.now() - begin) / 1000;
      console.log(`[lab] ${variant}: ${r.mechanism}, hardwareConcurrency ${r.hardware_concurrency}, ` +
                  r.points.map((p) => `${p.workers} workers ${p.median_ms.toFixed(0)} ms ` +
                                      `${p.speedup.toFixed(2)}x (sim ${p.predicted_speedup?.toFixed(2)}x)`).join(", ") +
                  `; clone of ${r.messages.rows.at(-1).bytes} B ${r.messages.rows.at(-1).clone_us.toFixed(0)} us; ` +
                  `${seconds.toFixed(1)} s`);

      assert.equal(r.variant, variant);
      assert.equal(r.mechanism, mechanism);
      assert.equal(r.simulated_as, simulatedAs);
      assert.equal(r.profile, "native");
      assert.ok(Number.isInteger(r.hardware_concurrency) && r.hardware_concurrency >= 1, `${r.hardware_concurrency}`);
      assert.equal(r.cores, r.hardware_concurrency);
      const workers = Math.min(2, r.cores);
      // The panel's run uses every logical cpu; the curve has one point per worker count.
      assert.equal(r.points.length, r.cores);
      positive(r.iterations, "kernel iterations");
      positive(r.one_worker_ms, "one worker's time");
      for (const p of r.points) {
        positive(p.median_ms, `${p.workers} workers: time`);
        assert.ok(p.samples_ms.length >= 3, `${p.workers} workers: ${p.samples_ms.length} repeats`);
        p.samples_ms.forEach((s) => positive(s, `${p.workers} workers: sample`));
        assert.ok(Math.abs(p.speedup - r.one_worker_ms / p.median_ms) < 1e-9, "speedup = time(1) / time(k)");
        positive(p.predicted_speedup, `${p.workers} workers: the simulator's speedup`);
      }
      assert.equal(r.points[0].speedup, 1);
      // One worker: as a thread, the same as doing it all on the main thread; as a process, a
      // little less (it must be spawned first).
      const one = r.points[0].predicted_speedup;
      assert.ok(one <= 1.0001 && one > (variant === "threads" ? 0.99 : 0.9), `one worker predicts ${one}`);
      if (workers === 2) {
        // Two workers on two cores: the simulator (native profile) predicts well above 1.5x,
        // never above 2x (how far above depends on the work's size against the start-up).
        assert.ok(r.points[1].predicted_speedup > 1.5 && r.points[1].predicted_speedup <= 2.0,
                  `predicted ${r.points[1].predicted_speedup}`);
      }
      if (variant === "single") positive(r.worker_startup_ms, "Web Worker start-up");
      else assert.equal(r.worker_startup_ms, null);

      assert.equal(r.messages.shared_memory, isolation, "shared memory exactly where the page is isolated");
      assert.ok(r.messages.rows.length >= 3);
      for (const m of r.messages.rows) {
        positive(m.clone_us, `${m.bytes} B copied`);
        positive(m.transfer_us, `${m.bytes} B transferred`);
        if (isolation) positive(m.shared_us, `${m.bytes} B shared`);
        else assert.equal(m.shared_us, null);
      }
      // A copy grows with the size; the largest costs more than the smallest.
      assert.ok(r.messages.rows.at(-1).clone_us > r.messages.rows[0].clone_us, "copying 4 MiB costs more than 64 KiB");
      positive(r.elapsed_ms, "elapsed");

      // The panel shows the same numbers: one row per worker count, beside the prediction.
      const rows = await page.locator("#tl-lab table").first().locator("tbody tr").allTextContents();
      assert.equal(rows.length, r.points.length);
      assert.match(rows[rows.length - 1], new RegExp(`^${r.points.length}`));
      assert.match(await page.locator("#tl-lab table caption").first().textContent(),
                   variant === "threads" ? /pthreads/ : /Web Workers \(as processes\)/);
      writeFileSync(path.join(ARTIFACTS, `lab-${variant}.png`), await page.screenshot());
      // The page draws again afterwards (it stops while the workers run).
      const frame = await page.evaluate(() => window.threadlab.state().frame);
      await page.waitForFunction((f) => window.threadlab.state().frame > f + 2, frame, { timeout: 10_000 });
    });

    test("a second measurement via the API while one runs returns the same promise", async () => {
      const same = await page.evaluate(() => {
        const a = window.threadlab.lab.measure({ quick: true, maxWorkers: 1 });
        const b = window.threadlab.lab.measure({ quick: true, maxWorkers: 1 });
        return a.then((r) => a === b && r.points.length === 1);
      });
      assert.ok(same);
    });

    test("no console or page errors", () => {
      assert.deepEqual(errors, []);
    });
  });
}
