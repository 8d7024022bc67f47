// The SCORM 1.2 package (scripts/package.sh) in a test LMS: a page with scorm-again's
// Scorm12API as window.API loads the package's first item in a frame; once the lesson is done
// through the page, the LMS holds cmi.core.lesson_status "completed" and a score. The SCORM
// 2004 package reports completion, success and a scaled score the same way.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { launchBrowser, watchErrors } from "./lib/browser.mjs";
import { ROOT, WAIT, lessons, serve, solutionControls } from "./lib/course.mjs";

const require = createRequire(import.meta.url);
// The UMD builds, which define Scorm12API / Scorm2004API as page globals.
const SCORM_AGAIN = path.dirname(require.resolve("scorm-again/scorm12/min"));

const lmsPage = (runtime, create, launch) => `<!doctype html><html lang="en"><title>test LMS</title><link rel="icon" href="data:,"><body>
  <script src="${runtime}"></script>
  <script>${create}</script>
  <iframe id="sco" title="course" src="${launch}" style="width:1200px;height:700px"></iframe>
</body></html>`;

function launchHref(manifest) {
  const first = manifest.match(/<item identifier="item-([a-z0-9-]+)" identifierref="(res-[a-z0-9-]+)"/);
  const href = manifest.match(new RegExp(`<resource identifier="${first[2]}"[^>]* href="([^"]+)"`))[1];
  return { lesson: first[1], href: href.replace(/&amp;/g, "&") };
}

describe("LMS packages", () => {
  let work, browser;
  before(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), "threadlab-scorm-"));
    execFileSync("bash", [path.join(ROOT, "scripts", "package.sh"), "--out", work], { stdio: "pipe" });
    browser = await launchBrowser();
  });
  after(async () => browser?.close());

  for (const version of ["12", "2004"]) {
    test(`SCORM ${version === "12" ? "1.2" : "2004"}: completion and score reach the LMS`, async () => {
      const zip = path.join(work, `threadlab-scorm${version}.zip`);
      assert.ok(existsSync(zip), `${zip} was built`);
      const site = path.join(work, "lms" + version);
      mkdirSync(site, { recursive: true });  // unzip makes the last folder only
      execFileSync("unzip", ["-q", zip, "-d", path.join(site, "pkg")]);
      const manifest = readFileSync(path.join(site, "pkg", "imsmanifest.xml"), "utf8");
      assert.match(manifest, version === "12" ? /<schemaversion>1\.2<\/schemaversion>/ : /2004 4th Edition/);
      const { lesson, href } = launchHref(manifest);
      const runtime = version === "12" ? "scorm12.min.js" : "scorm2004.min.js";
      copyFileSync(path.join(SCORM_AGAIN, runtime), path.join(site, runtime));
      const create = version === "12" ? "window.API = new Scorm12API({ autocommit: false, logLevel: 5 });"
                                      : "window.API_1484_11 = new Scorm2004API({ autocommit: false, logLevel: 5 });";
      writeFileSync(path.join(site, "lms.html"), lmsPage(runtime, create, "pkg/" + href));
      const server = await serve(site);
      try {
        const page = await browser.context.newPage();
        const errors = watchErrors(page);
        await page.goto(server.url + "lms.html");
        const frame = page.frames().find((f) => f.url().includes("/pkg/"));
        await frame.evaluate(() => window.threadlab.ready.then(() => true));
        assert.equal(await frame.evaluate(() => window.threadlab.scorm && window.threadlab.scorm.version),
                     Number(version));
        const read = (key) => page.evaluate(([v, k]) =>
            (v === "12" ? window.API.LMSGetValue(k) : window.API_1484_11.GetValue(k)), [version, key]);
        // Through the page: each task's solution, then the right answer.
        const l = lessons().find((x) => x.id === lesson);
        for (const task of l.tasks) {
          const reply = await frame.evaluate((c) => window.threadlab.command({ threadlab: 1, command: "set", controls: c }),
                                             solutionControls(task));
          assert.equal(reply.ok, true, JSON.stringify(reply));
          // The lesson's runs finish in the background; the next change waits for this verdict.
          await frame.waitForFunction((id) => window.threadlab.command({ threadlab: 1, command: "get-state" })
              .state.lesson.tasks.find((t) => t.id === id).passed, task.id, WAIT);
        }
        const right = l.question.choices.findIndex((c) => c.correct);
        assert.equal((await frame.evaluate((i) => window.threadlab.command({ threadlab: 1, command: "answer", choice: i }),
                                           right)).correct, true);
        if (version === "12") {
          await page.waitForFunction(() => window.API.cmi.core.lesson_status === "completed", null, WAIT);
          assert.equal(await read("cmi.core.lesson_status"), "completed");
          assert.equal(await read("cmi.core.score.raw"), "100");
          assert.deepEqual(JSON.parse(await read("cmi.suspend_data")).passed, l.tasks.map((t) => t.id));
        } else {
          await page.waitForFunction(() => window.API_1484_11.cmi.completion_status === "completed", null, WAIT);
          assert.equal(await read("cmi.success_status"), "passed");
          assert.equal(Number(await read("cmi.score.scaled")), 1);
        }
        assert.deepEqual(errors, []);
      } finally {
        await server.close();
      }
    });
  }
});
