// Exports: the trace download is valid Chrome trace JSON equal to what the simulator writes
// for the same scenario (threadlab-cli --trace-out); metrics CSV, view PNG and scenario JSON
// download; "Open in Perfetto" speaks Perfetto's handshake with a stub window on another origin.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { launchBrowser } from "./lib/browser.mjs";
import { ARTIFACTS, DIST, ROOT, WAIT, folderWith, idleState, openPage, serve } from "./lib/course.mjs";
import { decodePng, colourVariety } from "./lib/pixels.mjs";

// The simulator's own trace: the native CLI if built, else the CLI compiled for Node.
function simulatorTrace(example) {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), "threadlab-trace-")), "trace.json");
  const native = path.join(ROOT, "build", "native", "threadlab-cli");
  const wasm = path.join(ROOT, "build", "web", "cli", "threadlab-cli.js");
  const args = ["run", path.join(ROOT, "examples", example + ".json"), "--trace-out", out];
  if (existsSync(native)) execFileSync(native, args);
  else execFileSync(process.execPath, ["--no-experimental-fetch", wasm, ...args]);
  return readFileSync(out, "utf8");
}

const STUB = `<!doctype html><html lang="en"><title>Perfetto stub</title><link rel="icon" href="data:,"><body><script>
  // Speaks the UI's side of the handshake: answers PING with PONG (after a few, like a UI
  // still loading), then records the trace it is sent.
  window.pings = 0; window.received = null;
  addEventListener("message", (e) => {
    if (e.data === "PING") { if (++window.pings >= 3) e.source.postMessage("PONG", e.origin); return; }
    if (e.data && e.data.perfetto) {
      const p = e.data.perfetto;
      window.received = { title: p.title, fileName: p.fileName, fromOpener: e.source === window.opener,
                          isArrayBuffer: p.buffer instanceof ArrayBuffer, text: new TextDecoder().decode(p.buffer) };
    }
  });
</script></body></html>`;

describe("exports", () => {
  let server, stub, browser, page, errors;
  before(async () => {
    server = await serve(DIST, { isolation: false });
    stub = await serve(folderWith({ "index.html": STUB }));
    browser = await launchBrowser();
    ({ page, errors } = await openPage(browser.context, server.url + "?sw=0&scenario=race"));
    await idleState(page);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await stub?.close();
  });

  test("the trace is Chrome trace JSON equal to the simulator's", async () => {
    const download = page.waitForEvent("download");
    await page.click("#tl-export summary");
    await page.click('button[data-export="trace"]');
    const file = await download;
    assert.equal(file.suggestedFilename(), "threadlab-race.trace.json");
    const text = readFileSync(await file.path(), "utf8");
    const trace = JSON.parse(text);
    assert.ok(Array.isArray(trace.traceEvents) && trace.traceEvents.length > 0);
    const spans = trace.traceEvents.filter((e) => e.ph === "X");
    assert.ok(spans.length > 0 && spans.every((e) => typeof e.ts === "number" && typeof e.dur === "number"));
    const expected = simulatorTrace("race");
    assert.deepEqual(spans, JSON.parse(expected).traceEvents.filter((e) => e.ph === "X"), "the spans are the simulator's");
    assert.equal(text, expected, "byte for byte");
  });

  test("metrics CSV, view PNG and scenario JSON download", async () => {
    const get = async (kind) => {
      const download = page.waitForEvent("download");
      await page.evaluate((k) => window.threadlab.download(k), kind);
      const file = await download;
      return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
    };
    const csv = await get("metrics");
    assert.equal(csv.name, "threadlab-race.metrics.csv");
    const rows = csv.bytes.toString("utf8").trim().split("\n").filter((l) => !l.startsWith("#"));
    assert.equal(rows[0], "thread,process,turnaround_us,response_us,wait_us,cpu_us,gil_wait_us,finished");
    const s = await page.evaluate(() => window.threadlab.state());
    assert.equal(rows.length - 1, s.threads.length, "one row per thread");
    const png = await get("png");
    assert.equal(png.name, "threadlab-race.png");
    const image = decodePng(png.bytes);
    assert.equal(image.width, s.canvas.w);
    assert.equal(image.height, s.canvas.h);
    const variety = colourVariety(image);
    assert.ok(variety.distinct > 8 && variety.dominantShare < 0.9, `the PNG holds the drawn view (${JSON.stringify(variety)})`);
    const scenario = await get("scenario");
    assert.equal(scenario.bytes.toString("utf8"), readFileSync(path.join(ROOT, "examples", "race.json"), "utf8"));
    assert.deepEqual(errors, []);
  });

  test("Open in Perfetto: PING until PONG, then the trace buffer", async () => {
    const popup = browser.context.waitForEvent("page");
    await page.evaluate((url) => window.threadlab.openInPerfetto({ url }).then(() => true), stub.url);
    const ui = await popup;
    await ui.waitForFunction(() => window.received !== null, null, WAIT);
    const got = await ui.evaluate(() => ({ ...window.received, pings: window.pings }));
    assert.ok(got.pings >= 3, "pinged until the UI answered");
    assert.equal(got.fromOpener, true);
    assert.equal(got.isArrayBuffer, true);
    assert.equal(got.fileName, "threadlab-race.trace.json");
    assert.match(got.title, /^threadlab: /);
    assert.equal(got.text, await page.evaluate(() => window.threadlab.exportText("trace")));
    await ui.close();
  });
});
