// Limits that speak, through the page: absurd sizes in URL parameters and links, a scenario past
// the event or memory limit, a host sending too much or too often. Each ends in a message naming
// the field and the reason where the user (or the host) looks, never a dead page or a hang, and
// the page still answers afterwards. The memory limit runs in both variants: the threads
// variant's heap cannot grow, so there a run that outgrows it would abort the whole program.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import lz from "lz-string";
import { launchBrowser } from "./lib/browser.mjs";
import { ARTIFACTS, DIST, WAIT, command, openPage, serve } from "./lib/course.mjs";

// Two threads taking turns every microsecond on one core for ten simulated seconds each: tens of
// millions of steps and spans (2 GB of trace). With a small max_events it stops at the event
// limit; without, at the memory limit of the tab.
const turns = (limits) => JSON.stringify({
  name: "turns", machine: { profile: "textbook", cores: 1 }, scheduler: { policy: "rr", quantum_us: 1 },
  ...(limits ? { limits } : {}),
  processes: [{ name: "p", threads: [{ name: "a", program: [{ compute_us: 10_000_000 }] },
                                     { name: "b", program: [{ compute_us: 10_000_000 }] }] }],
});
const link = (json) => "sc=" + lz.compressToEncodedURIComponent(json);

/** Waits until the page shows a message containing `want`; fails with what it does show. */
async function expectMessage(page, want, what) {
  await page.waitForFunction((w) => window.threadlab.messages().some((m) => m.includes(w)), want, WAIT)
      .catch(async () => assert.fail(`${what}: no message containing ${JSON.stringify(want)}; shown: ` +
                                     JSON.stringify(await page.evaluate(() => window.threadlab.messages()))));
  assert.equal(await page.isVisible("#tl-message"), true, `${what}: the message box is shown`);
}

/** The host-visible state once the newest run is done (and shows `scenario`, when given). */
async function settled(page, scenario) {
  await page.waitForFunction((name) => {
    const s = window.threadlab.command({ threadlab: 1, command: "get-state" }).state;
    return !s.pending && (!name || s.scenario === name);
  }, scenario, { timeout: 120_000 });
  return (await command(page, { command: "get-state" })).state;
}

/** The page still runs what it is asked to: the default example, completed. */
async function stillAnswers(page, what) {
  assert.equal((await command(page, { command: "load", scenario: "slice" })).ok, true, what);
  const s = await settled(page, "slice");
  assert.equal(s.outcome, "completed", what);
}

describe("limits in the page (single variant)", () => {
  let server, browser, page, errors;
  before(async () => {
    assert.ok(existsSync(path.join(DIST, "index.html")), `${DIST}/index.html missing: build the web page`);
    server = await serve(DIST, { isolation: false });
    browser = await launchBrowser();
    ({ page, errors } = await openPage(browser.context, server.url + "?sw=0"));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("URL parameters of absurd size: a short message naming the parameter, the default kept", async () => {
    for (const [query, want] of [["cores=" + "9".repeat(5000), "--cores: expected a whole number from 1 to 16"],
                                 ["scenario=" + "a".repeat(8000), "--scenario: unknown scenario"],
                                 ["lesson=" + "b".repeat(8000), "--lesson: unknown lesson"]]) {
      const { page: p, errors: e } = await openPage(browser.context, `${server.url}?sw=0&${query}`);
      await expectMessage(p, want, query.slice(0, 20));
      const shown = await p.evaluate(() => window.threadlab.messages());
      for (const m of shown) assert.ok(m.length <= 400, `${query.slice(0, 20)}: the message quotes the value, not all of it (${m.length} chars)`);
      assert.equal((await p.evaluate(() => window.threadlab.state())).scenario, "slice");
      assert.deepEqual(e, [], query.slice(0, 20));
      await p.close();
    }
  });

  test("a link's scenario too large or too deep: a message naming sc and the reason", async () => {
    const huge = JSON.stringify({ name: "x", description: "d".repeat(300_000), machine: { cores: 2 },
                                  processes: [{ name: "p", threads: [{ name: "t", program: [{ compute_us: 10 }] }] }] });
    const deep = '{"name":"x","machine":' + '{"a":'.repeat(5000) + "1" + "}".repeat(5000) + "}";
    for (const [fragment, want] of [[link(huge), "sc: the compressed scenario cannot be read: longer than 262144 bytes"],
                                    [link(deep), "nests arrays and objects more than 128 deep"]]) {
      await page.evaluate((f) => { location.hash = f; }, fragment);
      await expectMessage(page, want, fragment.slice(0, 30));
      assert.equal((await settled(page)).outcome, "completed", "the run shown before is kept");
    }
    assert.deepEqual(errors, []);
  });

  test("a scenario past its event limit: checked before it runs when it can be, else stopped and said", async () => {
    const counted = JSON.stringify({ name: "counted", limits: { max_events: 1000 }, machine: { cores: 1 },
                                     processes: [{ name: "p", threads: [{ name: "t", program: [
                                       { repeat: 100000, do: [{ io_us: 1 }, { compute_us: 1 }] }] }] }] });
    await page.evaluate((f) => { location.hash = f; }, link(counted));
    await expectMessage(page, "more than limits.max_events (1000)", "counted steps");

    await page.evaluate((f) => { location.hash = f; }, link(turns({ max_events: 20000 })));
    const s = await settled(page, "link");
    assert.equal(s.outcome, "event-limit");
    await page.waitForFunction(() => document.getElementById("tl-run-summary").textContent.includes("event limit"),
                               null, WAIT);
    await stillAnswers(page, "after the event limit");
    assert.deepEqual(errors, []);
  });

  test("host messages of 1 MB and 8 MB are refused by their size, the page lives", async () => {
    // 1 MB reaches the program (through the heap: on the wasm stack it would overflow it) and
    // is refused there; 8 MB is more than the page passes to the program at all.
    for (const [size, limit] of [[1 << 20, 16384], [8 << 20, 4194304]]) {
      const t0 = Date.now();
      const reply = await command(page, { command: "load", id: size, state: "x".repeat(size) });
      assert.equal(reply.ok, false, `${size}`);
      assert.equal(reply.id, size, "the reply carries the message's id");
      assert.match(reply.error, new RegExp(`^message: \\d+ bytes, more than (the )?${limit}`), reply.error);
      assert.ok(Date.now() - t0 < 10_000, `${size}: answered without parsing it`);
      await stillAnswers(page, `after a message of ${size} bytes`);
    }
    // A link as long as a browser allows (2 MB) reaches the program the same way.
    await page.evaluate(() => { location.hash = "a".repeat(2 << 20); });
    await expectMessage(page, "more than the 32768 a link may carry", "a 2 MB link");
    await stillAnswers(page, "after a 2 MB link");
    assert.deepEqual(errors, []);
  });

  test("a host flooding the API: every message answered, the excess refused by rate, the page says so", async () => {
    const N = 5000;
    const result = await page.evaluate((n) => new Promise((resolve) => {
      const t0 = performance.now();
      let replies = 0;
      let ran = 0;
      const refusals = new Set();
      const onReply = (e) => {
        if (!e.data || e.data.type !== "reply" || typeof e.data.id !== "number" || e.data.id < 900_000) return;
        if (e.data.ok) ran += 1;
        else refusals.add(e.data.error);
        if (++replies === n) {
          removeEventListener("message", onReply);
          resolve({ replies, ran, refusals: [...refusals], seconds: (performance.now() - t0) / 1000 });
        }
      };
      addEventListener("message", onReply);
      for (let i = 0; i < n; i++) {
        postMessage({ threadlab: 1, id: 900_000 + i, command: "load", scenario: i % 2 ? "race" : "slice" }, location.origin);
      }
    }), N);
    assert.equal(result.replies, N, "every message gets a reply");
    // A burst of 60, then 30 a second for as long as the flood took (longer on a busy machine).
    const allowed = 60 + 30 * Math.ceil(result.seconds) + 1;
    assert.ok(result.ran >= 60 && result.ran <= allowed && result.ran < N,
              `${result.ran} ran in ${result.seconds.toFixed(1)} s; at most ${allowed} may`);
    assert.deepEqual(result.refusals, ["message: more than 30 commands a second (after a burst of 60); this one was not run"]);
    await expectMessage(page, "more than 30 commands a second", "flood");
    const said = (await page.evaluate(() => window.threadlab.messages())).filter((m) => m.includes("commands a second"));
    assert.equal(said.length, 1, "one message per flood, not one per refusal");
    await page.screenshot({ path: path.join(ARTIFACTS, "limits-flood.png") });
    // The bucket refills: after a pause the host is heard again.
    await page.waitForTimeout(2500);
    await stillAnswers(page, "after the flood");
    const reply = await page.evaluate(() => new Promise((resolve) => {
      const onReply = (e) => {
        if (e.data && e.data.type === "reply" && e.data.id === "after") resolve(e.data);
      };
      addEventListener("message", onReply);
      postMessage({ threadlab: 1, id: "after", command: "get-state" }, location.origin);
    }));
    assert.equal(reply.ok, true, JSON.stringify(reply).slice(0, 200));
    assert.deepEqual(errors, []);
  });
});

// The memory limit in each variant: a run whose trace would outgrow the tab stops at the memory
// limit, says so in the run's summary, and the page goes on.
for (const { isolation, variant } of [{ isolation: false, variant: "single" }, { isolation: true, variant: "threads" }]) {
  describe(`memory limit in the page (${variant} variant)`, () => {
    let server, browser, page, errors;
    before(async () => {
      server = await serve(DIST, { isolation });
      browser = await launchBrowser();
      ({ page, errors } = await openPage(browser.context, server.url + "?sw=0"));
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    test("a run that would outgrow the tab stops at the memory limit and says so", async () => {
      assert.equal(await page.evaluate(() => window.threadlab.variant), variant);
      await page.evaluate((f) => { location.hash = f; }, link(turns(null)));
      const s = await settled(page, "link");
      assert.equal(s.outcome, "memory-limit");
      await page.waitForFunction(() => document.getElementById("tl-run-summary").textContent.includes("memory limit"),
                                 null, WAIT);
      await page.screenshot({ path: path.join(ARTIFACTS, `limits-memory-${variant}.png`) });
      await stillAnswers(page, "after the memory limit");
      // Twice more: what the first run held is given back, not piled up.
      for (let i = 0; i < 2; i++) {
        await page.evaluate((f) => { location.hash = f; }, link(turns(null)));
        assert.equal((await settled(page, "link")).outcome, "memory-limit");
        await stillAnswers(page, `after run ${i + 2} at the memory limit`);
      }
      assert.deepEqual(errors, []);
    });
  });
}
