// xAPI: launched with an LRS (?endpoint=&auth=&actor=&registration=), the page sends one
// statement per progress event, in order, to a learning record store on another origin; bad
// launch parameters and an LRS that refuses are said in the page, and nothing breaks.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { launchBrowser } from "./lib/browser.mjs";
import { DIST, WAIT, command, lessons, openPage, serve, solutionControls } from "./lib/course.mjs";

// A learning record store that keeps what it is sent. It answers CORS preflights as LRSs do
// for content on other origins; `status` is what it answers a statement with.
async function startLrs(status = 200) {
  const statements = [];
  const server = http.createServer((req, res) => {
    res.setHeader("Access-Control-Allow-Origin", req.headers.origin || "*");
    res.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Experience-API-Version");
    res.setHeader("Access-Control-Allow-Methods", "POST, PUT, GET, OPTIONS");
    if (req.method === "OPTIONS") return res.writeHead(204).end();
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/xapi/statements") return res.writeHead(404).end();
      statements.push({ headers: req.headers, body: JSON.parse(body) });
      res.writeHead(status, { "Content-Type": "application/json" }).end(status === 200 ? JSON.stringify([JSON.parse(body).id]) : "{}");
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/xapi/`,
    statements,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

const ACTOR = { name: "Ada Learner", mbox: "mailto:ada@example.org" };
const REGISTRATION = "7c1b2f3e-9a4d-4e5f-8a6b-0c1d2e3f4a5b";
const AUTH = "Basic " + Buffer.from("course:secret").toString("base64");

function launch(site, lrs, lesson, extra = {}) {
  const q = new URLSearchParams(Object.assign({ lesson, endpoint: lrs, auth: AUTH, actor: JSON.stringify(ACTOR),
                                                registration: REGISTRATION }, extra));
  return `${site.url}index.html?${q}`;
}

async function waitFor(predicate, what) {
  const end = Date.now() + WAIT.timeout;
  while (!predicate()) {
    if (Date.now() > end) throw new Error("timed out waiting for " + what);
    await new Promise((resolve) => setTimeout(resolve, 50));  // polling the LRS's list, not a wait for the page
  }
}

describe("xAPI statements", () => {
  let site, browser;
  before(async () => {
    site = await serve(DIST, { isolation: false });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  test("a lesson done through the page reaches the LRS as attempted, passed per task, answered, completed", async () => {
    const lrs = await startLrs();
    try {
      const l = lessons()[0];
      const { page, errors } = await openPage(browser.context, launch(site, lrs.url, l.id));
      await waitFor(() => lrs.statements.length >= 1, "the attempted statement");
      for (const task of l.tasks) {
        assert.equal((await command(page, { command: "set", controls: solutionControls(task) })).ok, true);
        await page.waitForFunction((id) => window.threadlab.command({ threadlab: 1, command: "get-state" })
            .state.lesson.tasks.find((t) => t.id === id).passed, task.id, WAIT);
      }
      const right = l.question.choices.findIndex((c) => c.correct);
      assert.equal((await command(page, { command: "answer", choice: right })).correct, true);
      const expected = 1 + l.tasks.length + 1 + 1;
      await waitFor(() => lrs.statements.length >= expected, `${expected} statements`);
      await page.evaluate(() => window.threadlab.xapi.done);
      assert.equal(lrs.statements.length, expected, "one statement per event, none twice");

      const body = lrs.statements.map((s) => s.body);
      assert.deepEqual(body.map((s) => s.verb.id.split("/").pop()),
                       ["attempted", ...l.tasks.map(() => "passed"), "answered", "completed"]);
      const lessonIri = body[0].object.id;
      assert.match(lessonIri, new RegExp(`^${site.origin}/lessons/${l.id}$`));
      assert.equal(body[0].object.definition.name["en-US"], l.title);
      assert.deepEqual(body.slice(1, 1 + l.tasks.length).map((s) => s.object.id),
                       l.tasks.map((t) => `${lessonIri}/tasks/${t.id}`));
      for (const s of body.slice(1, -1)) assert.equal(s.context.contextActivities.parent[0].id, lessonIri);
      const answered = body[body.length - 2];
      assert.equal(answered.result.success, true);
      assert.equal(answered.result.response, String(right));
      const completed = body[body.length - 1];
      assert.equal(completed.object.id, lessonIri);
      assert.deepEqual(completed.result.score, { scaled: 1, raw: 100, min: 0, max: 100 });
      assert.equal(completed.result.completion, true);
      for (const s of lrs.statements) {
        assert.deepEqual(s.body.actor, Object.assign({ objectType: "Agent" }, ACTOR));
        assert.equal(s.body.context.registration, REGISTRATION);
        assert.match(s.body.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.ok(!Number.isNaN(Date.parse(s.body.timestamp)));
        assert.equal(s.headers["x-experience-api-version"], "1.0.3");
        assert.equal(s.headers.authorization, AUTH);
      }
      assert.equal(new Set(body.map((s) => s.id)).size, body.length, "statement ids are unique");
      assert.deepEqual(await page.evaluate(() => window.threadlab.messages()), []);
      assert.deepEqual(errors, []);
    } finally {
      await lrs.close();
    }
  });

  test("bad launch parameters are said in the page and nothing is sent", async () => {
    const lrs = await startLrs();
    try {
      const cases = [
        [{ endpoint: "javascript:alert(1)" }, "endpoint: not an http(s) URL"],
        [{ endpoint: "not a url" }, "endpoint: not a URL"],
        [{ actor: "{not json" }, "actor: not JSON"],
        [{ actor: JSON.stringify({ name: "no identifier" }) }, "actor: no identifier"],
        [{ actor: JSON.stringify([1, 2]) }, "actor: not a JSON object"],
        [{ registration: "<script>" }, "registration: not a UUID"],
        [{ auth: "x".repeat(5000) }, "auth: longer than 4096"],
        [{ activity_id: "ftp://x" }, "activity_id: not an IRI"],
      ];
      for (const [extra, message] of cases) {
        const { page, errors } = await openPage(browser.context, launch(site, lrs.url, lessons()[0].id, extra));
        await page.waitForFunction(() => window.threadlab.messages().length > 0, null, WAIT);
        const messages = await page.evaluate(() => window.threadlab.messages());
        assert.ok(messages.some((m) => m.startsWith("xAPI launch: " + message)), `${JSON.stringify(extra)}: ${messages}`);
        assert.equal(await page.evaluate(() => window.threadlab.xapi.active), false);
        assert.deepEqual(errors, []);
        await page.close();
      }
      assert.equal(lrs.statements.length, 0);
    } finally {
      await lrs.close();
    }
  });

  test("an LRS that refuses statements is said once; the lesson goes on", async () => {
    const lrs = await startLrs(401);
    try {
      const l = lessons()[0];
      const { page, errors } = await openPage(browser.context, launch(site, lrs.url, l.id));
      await waitFor(() => lrs.statements.length >= 1, "a statement");
      const task = l.tasks[0];
      assert.equal((await command(page, { command: "set", controls: solutionControls(task) })).ok, true);
      await page.waitForFunction((id) => window.threadlab.command({ threadlab: 1, command: "get-state" })
          .state.lesson.tasks.find((t) => t.id === id).passed, task.id, WAIT);
      await waitFor(() => lrs.statements.length >= 2, "the passed statement");
      await page.evaluate(() => window.threadlab.xapi.done);
      const messages = await page.evaluate(() => window.threadlab.messages());
      assert.equal(messages.filter((m) => m.startsWith("xAPI:")).length, 1, messages.join("\n"));
      assert.match(messages.find((m) => m.startsWith("xAPI:")), /did not take a statement \(HTTP 401\)/);
      // The browser itself logs each refused request; nothing else may go wrong.
      assert.deepEqual(errors.filter((e) => !/Failed to load resource: .*401/.test(e)), []);
    } finally {
      await lrs.close();
    }
  });
});
