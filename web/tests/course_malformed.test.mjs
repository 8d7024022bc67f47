// A corpus of malformed and hostile input: URL fragments, URL parameters and host-API messages.
// Each must give its message (in the page for links and parameters, in the reply for messages),
// keep the default, raise no page error, and never run script text it carries.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser } from "./lib/browser.mjs";
import { DIST, WAIT, openPage, serve } from "./lib/course.mjs";
import lz from "lz-string";

// Script text that would set window.__pwned if anything ever executed it.
const XSS = `<img src=x onerror="window.__pwned=1">`;
const SCRIPT = "<script>window.__pwned=1</script>";

const FRAGMENTS = [
  ["cores=abc", "cores: 'abc' is not a whole number from 1 to 16"],
  ["cores=0", "cores: '0' is not a whole number"],
  ["cores=99", "cores: '99' is not a whole number"],
  ["cores=", "cores: '' is not a whole number"],
  ["cores=2.5", "cores: '2.5'"],
  ["cores=%zz", "malformed %-escape"],
  ["t=-1", "t: '-1' is not a time"],
  ["t=12abc", "t: '12abc'"],
  ["play=maybe", "play: 'maybe' is not 0 or 1"],
  ["embed=yes", "embed: 'yes' is not 0 or 1"],
  ["view=cube", "view: 'cube' is not one of: timeline"],
  ["lesson=nope", "lesson: 'nope' is not a lesson here"],
  ["lesson=" + encodeURIComponent(SCRIPT), "lesson: '<script>window.__pwned=1</script>' is not a lesson id"],
  ["scenario=" + encodeURIComponent(XSS), "scenario: '<img src=x onerror=\"window.__pw"],
  ["scenario=nope", "scenario: 'nope' is not an example here"],
  ["scenario=race&scenario=locks", "scenario: given twice"],
  ["bogus=1", "unknown key 'bogus'"],
  ["javascript:alert(1)", "unknown key 'javascript:alert(1)'"],
  ["v=99", "v: link version '99'"],
  ["sc=!!!", "sc: the compressed scenario cannot be read: a character outside"],
  ["sc=BYUwNmD2Q", "sc: the compressed scenario cannot be read: it is not a JSON object"],
  ["sc=N4Igh", "sc: the compressed scenario cannot be read"],
  ["sc=" + lz.compressToEncodedURIComponent('{"machine":{"cores":"many"}}'), "sc: the scenario in the link is not valid"],
  ["set.cores=4", "set.*: settings belong to a lesson"],
  ["lesson=races&set.cores=999", "set.cores: "],
  ["lesson=races&set.nope=1", "set.nope: unknown control 'nope'"],
  ["lesson=races&set.scenario=" + encodeURIComponent("a;b"), "set.scenario: 'a;b' is not a setting's value"],
  ["cores=" + "9".repeat(40), "cores: '9999999999"],
  ["a".repeat(40000), "more than the 32768 a link may carry"],
];

const PARAMETERS = [
  ["cores=abc", "--cores"],
  ["cores=0", "--cores"],
  ["cores=17", "--cores"],
  ["scenario=nope", "--scenario: unknown scenario 'nope'"],
  ["lesson=nope", "--lesson: unknown lesson 'nope'"],
  ["scenario=" + encodeURIComponent(SCRIPT), "--scenario: unknown scenario '<script>"],
  ["hosts=" + encodeURIComponent("javascript:alert(1)"), "Host list: 'javascript:alert(1)' is not an origin"],
  ["hosts=" + encodeURIComponent("https://a.example/path"), "Host list: 'https://a.example/path' is not an origin"],
];

const MESSAGES = [
  [{ threadlab: 2, command: "play" }, "API version 2 is not supported"],
  [{ threadlab: "1", command: "play" }, "the API version must be a whole number"],
  [{ threadlab: 1 }, "command: missing"],
  [{ threadlab: 1, command: 42 }, "command: missing or not a string"],
  [{ threadlab: 1, command: "explode" }, "unknown command 'explode'"],
  [{ threadlab: 1, command: "load" }, "give exactly one of lesson, scenario or state"],
  [{ threadlab: 1, command: "load", lesson: XSS }, "is not a lesson name"],
  [{ threadlab: 1, command: "load", lesson: "nope" }, "lesson: 'nope' is not a lesson here"],
  [{ threadlab: 1, command: "load", scenario: "nope" }, "scenario: 'nope' is not an example here"],
  [{ threadlab: 1, command: "load", state: "cores=abc" }, "cores: 'abc' is not a whole number"],
  [{ threadlab: 1, command: "set", cores: "4" }, "cores: must be a whole number from 1 to 16"],
  [{ threadlab: 1, command: "set", cores: 1e9 }, "cores: must be a whole number"],
  [{ threadlab: 1, command: "set", controls: { cores: 2 } }, "controls: no lesson is open"],
  [{ threadlab: 1, command: "set", controls: [1, 2] }, "controls: must be an object"],
  [{ threadlab: 1, command: "seek", time_us: -5 }, "time_us: must be 0 or more"],
  [{ threadlab: 1, command: "seek", time_us: "soon" }, "time_us: missing or not a number"],
  [{ threadlab: 1, command: "answer", choice: 1 }, "answer: no lesson is open"],
  [{ threadlab: 1, command: "play", extra: SCRIPT }, "'play' takes no 'extra' field"],
  [{ threadlab: 1, command: "set", controls: JSON.parse("[".repeat(30) + "]".repeat(30)) }, "nested deeper than 8 levels"],
  [{ threadlab: 1, command: "load", state: "x".repeat(20000) }, "bytes, more than 16384"],
];

describe("malformed and hostile input", () => {
  let server, browser, page, errors;
  before(async () => {
    server = await serve(DIST, { isolation: false });
    browser = await launchBrowser();
    ({ page, errors } = await openPage(browser.context, server.url + "?sw=0"));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test(`the corpus has at least 40 cases (${FRAGMENTS.length + PARAMETERS.length + MESSAGES.length})`, () => {
    assert.ok(FRAGMENTS.length + PARAMETERS.length + MESSAGES.length >= 40);
  });

  test("fragments: a visible message each, the default kept, nothing run", async () => {
    for (const [fragment, want] of FRAGMENTS) {
      await page.evaluate((f) => { location.hash = f; }, fragment);
      await page.waitForFunction((w) => window.threadlab.messages().some((m) => m.includes(w)), want, WAIT)
          .catch(async () => assert.fail(`#${fragment.slice(0, 60)}: no message containing ${JSON.stringify(want)}; ` +
                                         `shown: ${JSON.stringify(await page.evaluate(() => window.threadlab.messages()))}`));
      assert.equal(await page.isVisible("#tl-message"), true);
      assert.equal(await page.evaluate(() => window.__pwned), undefined, fragment);
      const s = await page.evaluate(() => window.threadlab.state());
      assert.ok(s.cores >= 1 && s.cores <= 16 && s.lanes.length > 0, `${fragment}: the page still shows a run`);
    }
    assert.deepEqual(errors, []);
  });

  test("URL parameters: a visible message each, the default kept", async () => {
    for (const [query, want] of PARAMETERS) {
      const { page: p, errors: e } = await openPage(browser.context, `${server.url}?sw=0&${query}`);
      await p.waitForFunction((w) => window.threadlab.messages().some((m) => m.includes(w)), want, WAIT)
          .catch(async () => assert.fail(`?${query}: no message containing ${JSON.stringify(want)}; shown: ` +
                                         JSON.stringify(await p.evaluate(() => window.threadlab.messages()))));
      const s = await p.evaluate(() => window.threadlab.state());
      assert.equal(s.scenario, "slice", `?${query}: the default scenario`);
      assert.equal(await p.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(e, [], query);
      await p.close();
    }
  });

  test("host-API messages: a reply naming the problem each, nothing done", async () => {
    // The free viewer (no lesson open), as the messages about lessons expect.
    assert.equal((await page.evaluate(() => window.threadlab.command({ threadlab: 1, command: "load", scenario: "slice" }))).ok,
                 true);
    const before = await page.evaluate(() => window.threadlab.command({ threadlab: 1, command: "get-state" }).state.link);
    for (const [i, [message, want]] of MESSAGES.entries()) {
      const reply = await page.evaluate(([m, id]) => new Promise((resolve, reject) => {
        setTimeout(() => reject(new Error("no reply to message " + id)), 20_000);
        const onReply = (e) => {
          if (e.data && e.data.type === "reply" && e.data.id === id) {
            removeEventListener("message", onReply);
            resolve(e.data);
          }
        };
        addEventListener("message", onReply);
        postMessage(Object.assign({ id }, m), location.origin);
      }), [message, 1000 + i]);
      assert.equal(reply.ok, false, JSON.stringify(message).slice(0, 80));
      assert.ok(reply.error.includes(want), `${JSON.stringify(message).slice(0, 80)}: ${reply.error}`);
    }
    const now = await page.evaluate(() => window.threadlab.command({ threadlab: 1, command: "get-state" }).state.link);
    // The playback may have reached its end meanwhile (play, t); nothing else may differ.
    const still = (link) => link.replace(/&t=\d+/, "").replace(/&play=[01]/, "");
    assert.equal(still(now), still(before), "no message changed the state");
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(errors, []);
  });
});
