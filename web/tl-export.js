// Exports: the run as Chrome trace JSON (and straight into Perfetto), the metrics as CSV, the
// view as PNG, the scenario as JSON. Each is a download named after the scenario.
//
//   threadlab.exportText(kind)          "trace" | "metrics" | "scenario" | "run": the text
//   threadlab.download(kind)            saves it ("png" too)
//   threadlab.openInPerfetto({url})     Perfetto's postMessage handshake: open the UI, post
//                                       "PING" every 50 ms until it answers "PONG", then post
//                                       {perfetto: {buffer, title, fileName}}. Resolves with
//                                       the window once the trace is sent.
(function () {
  "use strict";
  const api = window.threadlab;
  if (!api) return;
  const PERFETTO = "https://ui.perfetto.dev";

  api.exportText = function (kind) {
    const text = api.call("tl_export", kind);
    if (text.startsWith("error: ")) throw new Error(text.slice(7));
    return text;
  };

  function baseName() {
    const s = api.state();
    const name = (s.lesson && s.lesson.id) || s.scenario || "threadlab";
    return "threadlab-" + String(name).replace(/[^A-Za-z0-9_-]+/g, "_");
  }

  function save(blob, fileName) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  // The canvas keeps no drawing buffer between frames (WebGL's default), so the picture is
  // taken right after the program has drawn a frame (Emscripten's postMainLoop hook), before
  // the browser presents and clears it.
  const pictures = [];
  api.viewPng = function () {
    const canvas = document.getElementById("canvas");
    return new Promise((resolve, reject) => {
      pictures.push(() => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the canvas gave no image"))),
                                        "image/png"));
      api.module.postMainLoop = () => {
        while (pictures.length) pictures.shift()();
      };
    });
  };

  api.download = async function (kind) {
    const base = baseName();
    if (kind === "png") return save(await api.viewPng(), base + ".png");
    const text = api.exportText(kind);
    const [ext, mime] = { trace: [".trace.json", "application/json"], metrics: [".metrics.csv", "text/csv"],
                          scenario: [".scenario.json", "application/json"], run: [".run.json", "application/json"] }[kind];
    save(new Blob([text], { type: mime }), base + ext);
  };

  api.perfettoUrl = PERFETTO;
  api.openInPerfetto = function (options = {}) {
    const url = options.url || api.perfettoUrl;
    const origin = new URL(url, location.href).origin;
    const trace = api.exportText("trace");
    const fileName = baseName() + ".trace.json";
    const title = "threadlab: " + (api.state().title || api.state().scenario);
    const win = window.open(url);
    if (!win) return Promise.reject(new Error("the browser blocked the Perfetto window; download the trace instead"));
    return new Promise((resolve, reject) => {
      const started = Date.now();
      let timer = null;
      function onMessage(event) {
        if (event.source !== win || event.data !== "PONG") return;
        clearInterval(timer);
        window.removeEventListener("message", onMessage);
        const buffer = new TextEncoder().encode(trace).buffer;
        win.postMessage({ perfetto: { buffer, title, fileName } }, origin);
        resolve(win);
      }
      window.addEventListener("message", onMessage);
      // The channel is not buffered: ping until the UI has loaded and answers.
      timer = setInterval(() => {
        if (win.closed || Date.now() - started > 30_000) {
          clearInterval(timer);
          window.removeEventListener("message", onMessage);
          reject(new Error(win.closed ? "the Perfetto window was closed (a cross-origin isolated page cannot talk " +
                                        "to it; download the trace and open it there)"
                                      : "Perfetto did not answer within 30 s"));
          return;
        }
        win.postMessage("PING", origin);
      }, 50);
    });
  };

  const menu = document.getElementById("tl-export");
  for (const button of menu.querySelectorAll("button[data-export]")) {
    button.addEventListener("click", async () => {
      const kind = button.dataset.export;
      menu.open = false;
      try {
        if (kind === "perfetto") await api.openInPerfetto();
        else await api.download(kind);
        api.announce(kind === "perfetto" ? "Trace sent to Perfetto" : "Saved the " + button.textContent);
      } catch (e) {
        api.announce("Export failed: " + e.message);
        const list = document.getElementById("tl-message-list");
        const li = document.createElement("li");
        li.textContent = "Export: " + e.message;
        list.appendChild(li);
        document.getElementById("tl-message").hidden = false;
      }
    });
  }
})();
