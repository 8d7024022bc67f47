#!/usr/bin/env node
// A small static server for build/web/dist. By default it sends the COOP/COEP headers that
// make the page cross-origin isolated (threads variant); --no-isolation leaves them out so
// the single variant can be tested and seen as an ordinary host would serve it.
//
//   node web/serve.mjs [--dir build/web/dist] [--port 8080] [--host 127.0.0.1] [--no-isolation]
import { createServer } from "node:http";
import { createReadStream, promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/** Starts serving `dir`; resolves to { server, url } once listening (port 0 picks a free one). */
export function startServer({ dir, port = 8080, host = "127.0.0.1", isolation = true } = {}) {
  const root = path.resolve(dir);
  const server = createServer(async (req, res) => {
    const send = (code, body) => {
      res.writeHead(code, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed\n");
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      return send(400, "bad request\n");
    }
    let file = path.join(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) return send(403, "forbidden\n");
    try {
      let st = await fs.stat(file);
      if (st.isDirectory()) {
        file = path.join(file, "index.html");
        st = await fs.stat(file);
      }
      const headers = {
        "Content-Type": MIME[path.extname(file).toLowerCase()] ?? "application/octet-stream",
        "Content-Length": st.size,
        "Cache-Control": "no-cache",
      };
      if (isolation) {
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Embedder-Policy"] = "require-corp";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
      }
      res.writeHead(200, headers);
      if (req.method === "HEAD") return res.end();
      createReadStream(file).pipe(res);
    } catch {
      send(404, "not found\n");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://${host}:${actual}/` });
    });
  });
}

function parseArgs(argv) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const opts = { dir: path.join(here, "..", "build", "web", "dist"), port: 8080, host: "127.0.0.1",
                 isolation: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--dir") opts.dir = value();
    else if (a === "--port") {
      const v = value();
      opts.port = Number(v);
      if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)
        throw new Error(`--port must be an integer 0..65535, got '${v}'`);
    } else if (a === "--host") opts.host = value();
    else if (a === "--no-isolation") opts.isolation = false;
    else throw new Error(`unknown option '${a}'`);
  }
  return opts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`serve.mjs: ${e.message}`);
    process.exit(2);
  }
  try {
    await fs.access(path.join(opts.dir, "index.html"));
  } catch {
    console.error(`serve.mjs: ${opts.dir}/index.html not found (build the web page first)`);
    process.exit(2);
  }
  startServer(opts).then(({ url }) => {
    const mode = opts.isolation ? "with COOP/COEP (threads variant)" : "without COOP/COEP (single variant)";
    console.log(`threadlab: serving ${opts.dir} ${mode} at ${url}`);
  }, (e) => {
    console.error(`serve.mjs: cannot listen on ${opts.host}:${opts.port}: ${e.message}`);
    process.exit(1);
  });
}
