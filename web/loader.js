// threadlab's loader: picks the web variant and exposes window.threadlab.
//
// The threads build needs SharedArrayBuffer, which browsers only grant to cross-origin
// isolated pages (COOP/COEP headers, or an isolated parent plus allow="cross-origin-isolated"
// on the iframe). Everything else gets the single build from the same sources.
//
//   window.threadlab = {
//     version,              // release of this page
//     variant,              // "threads" | "single"
//     ready,                // Promise, resolves after the first frame is drawn
//     module,               // the Emscripten module once its runtime has started, else null
//     state(),              // parsed tl_state_json(): lanes, threads, controls, ... (CSS px)
//     setCores(n),          // same as moving the cores slider
//     setScenario(name),    // same as choosing it in the Scenario combo ("race"; the names
//                           // are state().scenarios); throws RangeError for an unknown name
//     call(name, ...args),  // one of interface.json's functions (the course scripts use it)
//     argumentErrors,       // what the program refused of the URL's parameters, as messages
//     lessonLoaded,         // after ready: Promise of ?lesson_url= (true opened, false failed,
//                           // null when there is none)
//   }
// tl-course.js adds the link, the host-page API and the events; docs/embedding.md lists them.
(function () {
  "use strict";
  const VERSION = "@THREADLAB_VERSION@";
  const script = document.currentScript;
  const params = new URLSearchParams(location.search);

  // Host opt-in for coi-serviceworker (static hosts without header control). The worker
  // reloads the page once; the reload then finds crossOriginIsolated and takes threads.
  const wantsServiceWorker =
      (script && script.dataset.serviceWorker === "coi") || params.get("coi") === "1";
  if (wantsServiceWorker && !self.crossOriginIsolated) {
    window.coi = { quiet: true };
    const sw = document.createElement("script");
    sw.src = "coi-serviceworker.min.js";
    document.head.appendChild(sw);
  }

  // ?variant=single forces the fallback on an isolated page (useful for comparison);
  // threads can never be forced, it would only fail without SharedArrayBuffer.
  const isolated = self.crossOriginIsolated === true;
  const variant = isolated && params.get("variant") !== "single" ? "threads" : "single";

  // Generated from src/app/interface.json, the one list the C++ side is built from too: the
  // URL parameters the app understands as command-line arguments (?cores=4 -> --cores 4,
  // ?scenario=race -> --scenario race; a bad value is a console warning and the default
  // stays), and the C functions the page calls, as cwrap's [return type, parameter types].
  const URL_KEYS = @TL_WEB_URL_KEYS_JS@;
  const FUNCTIONS = @TL_WEB_FUNCTIONS_JS@;
  const args = [];
  for (const name of URL_KEYS) {
    if (params.has(name)) args.push("--" + name, params.get(name));
  }

  const status = document.getElementById("tl-status");
  const notice = document.getElementById("tl-notice");
  if (variant === "single") {
    // Plain words for a learner; why (no cross-origin isolation, so no SharedArrayBuffer) is in
    // the README's "Hosting".
    notice.textContent = isolated
        ? "Simple mode (asked for in the address): runs are worked out between frames."
        : "Simple mode: where this page is shown, runs are worked out between frames, so a big " +
          "change may pause the picture for a moment.";
    notice.hidden = false;
  }

  let resolveReady, rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });

  // Calls one of FUNCTIONS with its declared types (ccall converts strings both ways).
  // ccall copies a string argument onto the wasm stack (4 bytes a character reserved), so one
  // from outside (a host's message, a link, a lesson file) of a megabyte or two would overflow
  // it and crash the program: long strings go through the heap instead, and one too long for
  // any input the program takes is refused here with a RangeError naming its size.
  const HEAP_STRING_FROM = 16 * 1024;      // characters; shorter ones stay on the stack
  // Four times the largest text the program takes (a lesson file, 1 MiB); a failed malloc in the
  // threads variant (its heap cannot grow) would abort, so far more is never asked for.
  const MAX_STRING_BYTES = 4 * 1024 * 1024;
  function call(name, ...params) {
    if (!api.module) throw new Error("threadlab is not ready yet");
    const m = api.module;
    const [returns, types] = FUNCTIONS[name];
    const onHeap = [];
    try {
      const args = params.map((p, i) => {
        if (types[i] !== "string" || typeof p !== "string" || p.length < HEAP_STRING_FROM) return p;
        const bytes = m.lengthBytesUTF8(p);
        if (bytes > MAX_STRING_BYTES) {
          throw new RangeError(bytes + " bytes, more than the " + MAX_STRING_BYTES + " this page takes");
        }
        const ptr = m._malloc(bytes + 1);
        if (!ptr) throw new RangeError(bytes + " bytes: no memory left for them");
        onHeap.push(ptr);
        m.stringToUTF8(p, ptr, bytes + 1);
        return ptr;
      });
      const passed = types.map((t, i) => (t === "string" && typeof args[i] === "number" ? "number" : t));
      return m.ccall(name, returns, passed, args);
    } finally {
      for (const ptr of onHeap) m._free(ptr);
    }
  }

  // ?lesson_url=URL: a teacher's lesson file, fetched once the app has drawn its first frame.
  // Whatever goes wrong (the fetch, or the file's own errors with their JSON paths) shows in
  // the lesson column and, as text, in #tl-lesson-error above the canvas.
  const lessonUrl = params.get("lesson_url");
  function showLessonError(message) {
    let box = document.getElementById("tl-lesson-error");
    if (!box) {
      box = document.createElement("pre");
      box.id = "tl-lesson-error";
      box.setAttribute("role", "alert");
      box.className = "tl-lesson-error";
      const canvas = document.getElementById("canvas");
      canvas.parentNode.insertBefore(box, canvas);
    }
    box.textContent = message;
  }
  async function openLessonUrl(url) {
    let text;
    try {
      const response = await fetch(new URL(url, location.href));
      if (!response.ok) throw new Error("HTTP " + response.status + (response.statusText ? " " + response.statusText : ""));
      text = await response.text();
    } catch (err) {
      const reason = "could not fetch the lesson: " + (err && err.message ? err.message : String(err));
      call("tl_lesson_load_failed", url, reason);
      showLessonError("error: " + url + ": " + reason);
      return false;
    }
    let errors;
    try {
      errors = call("tl_open_lesson_text", url, text);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      errors = "error: " + url + ": the lesson file is " + err.message;
      call("tl_lesson_load_failed", url, "the lesson file is " + err.message);
    }
    if (errors) showLessonError(errors);
    return !errors;
  }

  const api = {
    version: VERSION,
    variant,
    ready,
    module: null,
    call,
    argumentErrors: [],
    onArgumentError: null,  // set by tl-course.js to show them in the page
    state() {
      return JSON.parse(call("tl_state_json"));
    },
    setCores(n) {
      if (!Number.isInteger(n)) throw new TypeError("setCores: n must be an integer, got " + n);
      call("tl_set_cores", n);
    },
    setScenario(name) {
      if (typeof name !== "string") throw new TypeError("setScenario: name must be a string, got " + name);
      if (!call("tl_set_scenario", name)) {
        throw new RangeError("setScenario: unknown scenario '" + name + "' (one of: " +
                             api.state().scenarios.join(", ") + ")");
      }
    },
  };
  window.threadlab = api;

  function fail(message) {
    status.textContent = "threadlab could not start: " + message;
    status.hidden = false;
    rejectReady(new Error(message));
  }

  const base = "threadlab-" + variant;
  const main = document.createElement("script");
  main.src = base + ".js";
  main.onerror = () => fail("could not load " + main.src);
  main.onload = () => {
    // With MODULARIZE this object *is* the Module, so exports appear on it as soon as the
    // wasm is instantiated; the app may draw its first frame before the promise settles.
    const config = {
      canvas: document.getElementById("canvas"),
      arguments: args,
      onFirstFrame() {
        status.hidden = true;
        resolveReady(api);
        api.lessonLoaded = lessonUrl ? openLessonUrl(lessonUrl) : Promise.resolve(null);
      },
      onAbort(what) { fail(String(what)); },
      onArgumentError(message) {
        api.argumentErrors.push(message);
        if (api.onArgumentError) api.onArgumentError(message);
      },
      print(text) { console.log(text); },
      printErr(text) { console.warn(text); },
    };
    // Exports exist on config from instantiation on, but ccall needs the runtime: until it has
    // started, api.module stays null and a call says "not ready yet" (not a TypeError from
    // inside ccall). Emscripten runs this hook before main(), so before the first frame.
    config.onRuntimeInitialized = () => { api.module = config; };
    // A press on the canvas gives it the keyboard: SDL's mousedown handler prevents the
    // browser's default (and with it the focus a click gives), and keys reach the program only
    // while the canvas has the focus.
    config.canvas.addEventListener("pointerdown", () => config.canvas.focus({ preventScroll: true }));
    self.createThreadlab(config).catch((err) => fail(String(err)));
  };
  document.body.appendChild(main);
})();
