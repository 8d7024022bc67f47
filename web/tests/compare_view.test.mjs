// The Compare view in the page, both variants: opened by its tab (a click) and by ?compare=,
// it shows the workload as threads above and as processes below, and the speedup chart fills
// in as the background sweep finishes (the worker pool in the threads variant, slices in the
// single one). The wheel over one timeline zooms both: they share one time range. A screenshot
// must show both timelines' lanes in thread colours, the chart's series and its ideal line.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ARTIFACTS, VARIANTS, WAIT, centre, clickTab, framesLater, onPage, openPage, servePage, state } from "./lib/page.mjs";
import { decodePng, parseHex, countColours } from "./lib/pixels.mjs";

const SIZE = { width: 1280, height: 720 };
const IDEAL = [0x9a, 0xa3, 0xb2];  // the ideal line's dashes (the chart's dim text colour)

// Resolves once every cell of the sweep has run; returns the state then.
async function sweepDone(page) {
  await page.waitForFunction(() => {
    const c = window.threadlab.state().compare;
    return !c.pending && c.sweep.total > 0 && c.sweep.done === c.sweep.total;
  }, null, { timeout: 90_000 });
  return state(page);
}

// The compare view's two timelines and its chart, checked on a screenshot.
function checkPicture(png, s, offset, variant) {
  const c = s.compare;
  assert.equal(c.timelines.length, 2, "two timelines");
  for (const t of c.timelines) {
    const threadColours = t.thread_colors.map(parseHex);
    let lit = 0;
    for (const lane of t.lanes) lit += countColours(png, onPage(lane, offset), threadColours).counts.reduce((a, b) => a + b, 0);
    assert.ok(lit > 200, `the ${t.model} timeline's core lanes show running threads (${lit} px)`);
  }
  assert.ok(c.chart, "the speedup chart is shown");
  const plot = onPage(c.chart, offset);
  const series = c.sweep.rows.map((r) => parseHex(r.color));
  const { counts } = countColours(png, plot, series, 2);
  counts.forEach((n, i) => assert.ok(n > 30, `the ${c.sweep.rows[i].name} series is drawn in the chart (${n} px, ${variant})`));
  // The ideal line: dashes of dim grey rising through the plot (where a series follows it, the
  // series covers it), and its label; nothing else in the plot has that colour.
  const ideal = countColours(png, plot, [IDEAL], 24).counts[0];
  assert.ok(ideal > 15, `the ideal line is drawn in the chart (${ideal} px)`);
}

for (const { isolation, variant } of VARIANTS) {
  describe(`compare view (${variant} variant)`, () => {
    const served = servePage(isolation);

    test("the Compare tab opens it; the sweep fills the chart; the wheel zooms both timelines", async () => {
      const { page, errors, offset } = await openPage(served.browser, served.url + "?scenario=race", SIZE);
      await clickTab(page, offset, "compare");
      let s = await state(page);
      assert.equal(s.compare.workload, s.compare.workloads[0], "the first workload is shown");
      // The sweep runs in the background: some cells are still missing while the view draws.
      const first = s.compare.sweep;
      assert.ok(first.total >= 2 * first.cores.length, `a sweep over every core count (${first.total} runs)`);
      s = await sweepDone(page);
      for (const row of s.compare.sweep.rows)
        assert.ok(row.speedup.every((v) => v !== null), `every core count of ${row.name} has its speedup`);
      assert.equal(s.compare.sweep.rows[0].speedup[0], "1.000", "threads on 1 core are the baseline");
      assert.deepEqual(s.compare.timelines.map((t) => t.model), ["threads", "processes"]);
      for (const t of s.compare.timelines) assert.equal(t.pending, false);

      const buffer = await page.screenshot();
      writeFileSync(path.join(ARTIFACTS, `web-${variant}-compare-${SIZE.width}x${SIZE.height}.png`), buffer);
      checkPicture(decodePng(buffer), s, offset, variant);

      // The wheel over the upper timeline's first lane zooms in; the lower one shows the same range.
      const before = s.compare.range;
      const lane = s.compare.timelines[0].lanes[0];
      const at = centre(lane);
      await page.mouse.move(offset.x + at.x, offset.y + at.y);
      for (let i = 0; i < 5; i++) {  // five notches: about a third of the range
        await page.mouse.wheel(0, -120);
        await framesLater(page, 2);
      }
      await page.waitForFunction((w) => {
        const r = window.threadlab.state().compare.range;
        return r.t1_us - r.t0_us < w / 2;
      }, before.t1_us - before.t0_us, WAIT);
      await framesLater(page, 2);  // both timelines laid out at the new range
      s = await state(page);
      const [upper, lower] = s.compare.timelines;
      assert.ok(upper.t1_us - upper.t0_us < (before.t1_us - before.t0_us) / 2, "the upper timeline zoomed in");
      assert.equal(lower.t0_us, upper.t0_us, "the lower timeline starts where the upper does");
      assert.equal(lower.t1_us, upper.t1_us, "and ends where it does");

      assert.deepEqual(errors, []);
      await page.close();
    });

    test("?compare= opens the view on that workload", async () => {
      const { page, errors, offset } = await openPage(served.browser, served.url + "?compare=cpu&cores=4", SIZE);
      let s = await state(page);
      assert.equal(s.view, "compare");
      assert.equal(s.compare.workload, "cpu");
      assert.equal(s.compare.cores, 4);
      s = await sweepDone(page);
      assert.ok(s.compare.timelines.every((t) => t.cores === 4 && !t.pending), "both runs on 4 cores are shown");
      // The text view beside the canvas describes the comparison, not the Timeline's scenario.
      await page.waitForFunction(() => !document.getElementById("tl-compare-table").hidden, null, WAIT);
      const text = await page.evaluate(() => ({
        summary: document.getElementById("tl-run-summary").textContent,
        head: [...document.querySelectorAll("#tl-compare-table thead th")].map((th) => th.textContent),
        rows: [...document.querySelectorAll("#tl-compare-table tbody tr")].map((tr) => [...tr.children].map((c) => c.textContent)),
        runTableHidden: document.getElementById("tl-run-table").hidden,
      }));
      assert.match(text.summary, /^Compare: [^:]+, on 4 cores: makespan threads .+, processes .+ \(threads \/ processes = \d+\.\d{3}\)/);
      assert.deepEqual(text.head, ["Figure", "threads", "processes", "Ratio"]);
      assert.equal(text.rows[0][0], "makespan");
      assert.equal(text.rows[0][3], s.compare.figures[0].ratio, "the ratio the figures panel shows");
      assert.equal(text.runTableHidden, true, "the scenario's per-thread table is put away");
      const buffer = await page.screenshot();
      writeFileSync(path.join(ARTIFACTS, `web-${variant}-compare-url.png`), buffer);
      checkPicture(decodePng(buffer), s, offset, variant);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}
