// Helpers for the course-page tests (links, host API, exports, offline, accessibility):
// where things are, serving folders on their own origins, and waiting on the page's API.
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../serve.mjs";
import { watchErrors } from "./browser.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, "..", "..", "..");
export const DIST = process.env.TL_WEB_DIST ?? path.join(ROOT, "build", "web", "dist");
export const ARTIFACTS = process.env.TL_ARTIFACTS ?? path.join(ROOT, "build", "test-artifacts");
export const WAIT = { timeout: 60_000 };
mkdirSync(ARTIFACTS, { recursive: true });

/** The lessons in course order, parsed from lessons/*.json. */
export function lessons() {
  const dir = path.join(ROOT, "lessons");
  return JSON.parse(readFileSync(path.join(dir, "index.json"), "utf8")).lessons.map(
      (id) => JSON.parse(readFileSync(path.join(dir, id + ".json"), "utf8")));
}

/** A task's solution as the controls command takes it ({cores: "3"}). */
export function solutionControls(task) {
  const out = {};
  for (const [k, v] of Object.entries(task.solution.set)) out[k] = typeof v === "boolean" ? (v ? "on" : "off") : String(v);
  return out;
}

/** Serves `dir` on its own origin (a free port of 127.0.0.1). */
export async function serve(dir, { isolation = false } = {}) {
  const { server, url } = await startServer({ dir, port: 0, isolation });
  return {
    url,
    origin: new URL(url).origin,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

/** A folder holding these files ({name: text}), for pages a test writes. */
export function folderWith(files) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "threadlab-course-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Opens `url` in a new page and waits for threadlab's first frame. */
export async function openPage(context, url) {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  await page.evaluate(() => window.threadlab.ready.then(() => true));
  return { page, errors };
}

/** Sends one host-API command through the page's own API object. */
export const command = (target, cmd) =>
  target.evaluate((c) => window.threadlab.command(Object.assign({ threadlab: 1 }, c)), cmd);

/** The host-visible state once no run is pending, without "pending". */
export async function idleState(target) {
  await target.waitForFunction(() => {
    const r = window.threadlab.command({ threadlab: 1, command: "get-state" });
    return !r.state.pending && window.threadlab.state().frame >= 3;
  }, null, WAIT);
  const { state } = await command(target, { command: "get-state" });
  delete state.pending;
  return state;
}
