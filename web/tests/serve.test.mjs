// The static server: headers decide the variant, MIME types decide whether wasm streams.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer } from "../serve.mjs";

const dir = mkdtempSync(path.join(os.tmpdir(), "threadlab-serve-"));
writeFileSync(path.join(dir, "index.html"), "<!doctype html>");
writeFileSync(path.join(dir, "a.wasm"), Buffer.from([0, 97, 115, 109]));
writeFileSync(path.join(dir, "a.js"), "1");
mkdirSync(path.join(dir, "sub"));
writeFileSync(path.join(dir, "sub", "index.html"), "sub");
after(() => rmSync(dir, { recursive: true, force: true }));

for (const isolation of [true, false]) {
  describe(`serve.mjs ${isolation ? "with" : "without"} isolation headers`, () => {
    let server, url;
    before(async () => ({ server, url } = await startServer({ dir, port: 0, isolation })));
    after(() => server.close());

    test("sends COOP/COEP only when isolating", async () => {
      const r = await fetch(url);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get("cross-origin-opener-policy"), isolation ? "same-origin" : null);
      assert.equal(r.headers.get("cross-origin-embedder-policy"), isolation ? "require-corp" : null);
    });

    test("serves wasm, js and html with their MIME types", async () => {
      assert.equal((await fetch(url + "a.wasm")).headers.get("content-type"), "application/wasm");
      assert.match((await fetch(url + "a.js")).headers.get("content-type"), /^text\/javascript/);
      assert.match((await fetch(url + "sub/")).headers.get("content-type"), /^text\/html/);
    });

    test("answers 404 for missing files and never leaves the folder", async () => {
      assert.equal((await fetch(url + "nope.js")).status, 404);
      // Dots are normalised away by URL parsing; encoded slashes reach the path check.
      assert.equal((await fetch(url + "%2e%2e/%2e%2e/etc/passwd")).status, 404);
      assert.equal((await fetch(url + "..%2f..%2f..%2fetc%2fpasswd")).status, 403);
    });
  });
}
