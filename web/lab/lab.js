// threadlab's browser lab: measures this browser the way `threadlab-cli measure` measures a
// machine, and puts the figures beside the simulator's prediction.
//
//   - The lab's CPU kernel (src/lab/kernel.cpp) split over 1..N workers. In the threads variant
//     the workers are pthreads of the page's own WebAssembly module: Web Workers that share its
//     memory, i.e. threads. In the single variant the page has no shared memory, so the workers
//     are Web Workers that share nothing and exchange copied messages: they behave like
//     processes, and the simulator predicts them as processes. Each worker times its own share
//     once all are running; a run's time is the slowest worker's.
//   - navigator.hardwareConcurrency: the logical cpus the browser admits to.
//   - What a message costs: structured clone (a copy), transfer (the buffer changes owner) and,
//     on a cross-origin isolated page, shared memory (a SharedArrayBuffer: nothing is copied).
//   - Beside each speedup, the simulator's for the same split on hardwareConcurrency cores with
//     the `native` profile (tl_lab_predict_json).
//
// While measuring, the page stops drawing frames so that the workers have the cores to
// themselves. The panel opens from the "Lab" button (or with ?lab=1 in the URL).
//
//   window.threadlab.lab = {
//     measure(options),  // Promise of the results; options: {quick: true, maxWorkers: N}
//     open(), close(),   // the panel
//     last,              // the last results (null before)
//   }
//
// [SECTION] Helpers
// [SECTION] The kernel on pthreads (threads variant)
// [SECTION] The kernel on Web Workers (single variant)
// [SECTION] Speedup curve
// [SECTION] Message costs
// [SECTION] measure()
// [SECTION] The panel
(function () {
  "use strict";
  const threadlab = window.threadlab;
  if (!threadlab) return;  // loader.js did not run: there is no page to measure with
  const SCRIPT = document.currentScript.src;
  const here = (name) => new URL(name, SCRIPT).href;

  // -------------------------------------------------------------------------------------------
  // [SECTION] Helpers
  // -------------------------------------------------------------------------------------------
  const now = () => performance.now();
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  // The lower middle value: always one that was measured (as src/lab/clock.h does).
  const median = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
  const call = (name, returns, types, args) => threadlab.module.ccall(name, returns, types, args);
  const PLANS = {
    quick: { oneWorkerMs: 100, warmUpMs: 2000, speedupBudgetMs: 1500, minRepeats: 3, maxRepeats: 5,
             messageSizes: [64 << 10, 1 << 20, 4 << 20], messageRepeats: 5 },
    full: { oneWorkerMs: 400, warmUpMs: 4000, speedupBudgetMs: 12000, minRepeats: 5, maxRepeats: 9,
            messageSizes: [4 << 10, 64 << 10, 1 << 20, 8 << 20, 32 << 20], messageRepeats: 9 },
  };

  // -------------------------------------------------------------------------------------------
  // [SECTION] The kernel on pthreads (threads variant)
  // -------------------------------------------------------------------------------------------
  // The main thread must not block while pthreads start (it hands out their Web Workers), so
  // the run is started, then polled.
  const pthreads = {
    mechanism: "pthreads",
    simulatedAs: "threads",
    startupMs: null,
    async open() {},
    async run(iterations, workers) {
      if (!call("tl_lab_threads_start", "number", ["number", "number"], [iterations, workers])) {
        throw new Error(`could not start ${workers} pthreads (see the console)`);
      }
      const give_up = now() + 120000;
      for (;;) {
        const s = JSON.parse(call("tl_lab_threads_poll", "string", [], []));
        if (s.state === "done") return s.elapsed_ms;
        if (s.state !== "running") throw new Error(`pthreads run: unexpected state ${s.state}`);
        if (now() > give_up) throw new Error("pthreads run: no result after 2 minutes");
        await sleep(2);
      }
    },
    close() {},
  };

  // -------------------------------------------------------------------------------------------
  // [SECTION] The kernel on Web Workers (single variant)
  // -------------------------------------------------------------------------------------------
  function webWorkers(count) {
    const workers = [];
    const replies = (worker) => new Promise((resolve, reject) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(`kernel worker: ${e.message}`));
    });
    return {
      mechanism: "web-workers",
      simulatedAs: "processes",
      startupMs: null,
      async open() {
        const response = await fetch(here("threadlab-lab-kernel.wasm"));
        if (!response.ok) throw new Error(`lab/threadlab-lab-kernel.wasm: HTTP ${response.status}`);
        const module = await WebAssembly.compile(await response.arrayBuffer());
        // Start-up: from new Worker() to the worker's kernel being ready (what spawning costs
        // here: a fresh script, heap and instance per worker).
        const times = await Promise.all(Array.from({ length: count }, async () => {
          const begin = now();
          const worker = new Worker(here("kernel_worker.js"));
          workers.push(worker);
          const ready = replies(worker);
          worker.postMessage({ module });
          await ready;
          return now() - begin;
        }));
        this.startupMs = median(times);
      },
      async run(iterations, k) {
        const share = Math.floor(iterations / k);
        const done = workers.slice(0, k).map((worker, i) => {
          const reply = replies(worker);
          worker.postMessage({ run: true, iterations: share, seed: 0x9e3779b9 + i });
          return reply;
        });
        const results = await Promise.all(done);
        return Math.max(...results.map((r) => r.took_ms));
      },
      close() {
        for (const worker of workers) worker.terminate();
      },
    };
  }

  // -------------------------------------------------------------------------------------------
  // [SECTION] Speedup curve
  // -------------------------------------------------------------------------------------------
  // Sizes the job so one worker takes about plan.oneWorkerMs, then times 1..N workers,
  // interleaved within each repeat (a burst of load elsewhere hits every count alike).
  async function speedupCurve(runner, maxWorkers, plan, cores, progress) {
    let iterations = 1 << 21;
    let took = await runner.run(iterations, 1);
    while (took < 10 && iterations < 2 ** 40) {
      iterations *= 4;
      took = await runner.run(iterations, 1);
    }
    // The browser first runs WebAssembly from a quick baseline compile and switches a hot
    // function to optimised code (several times faster) for its later calls. Every worker
    // runs the kernel until its time stops falling, or the curve would compare one with the
    // other.
    const warmEnd = now() + plan.warmUpMs;
    let best = took;
    for (let steady = 0; steady < 3 && now() < warmEnd;) {
      const t = await runner.run(iterations * maxWorkers, maxWorkers);  // each worker: `iterations`
      steady = t < 0.8 * best ? 0 : steady + 1;
      best = Math.min(best, t);
    }
    took = median([await runner.run(iterations, 1), await runner.run(iterations, 1), await runner.run(iterations, 1)]);
    iterations = Math.max(1, Math.round(iterations * plan.oneWorkerMs / Math.max(took, 0.001)));
    const samples = Array.from({ length: maxWorkers }, () => []);
    const deadline = now() + plan.speedupBudgetMs;
    for (let r = 0; r < plan.maxRepeats && (r < plan.minRepeats || now() < deadline); r++) {
      for (let k = 1; k <= maxWorkers; k++) samples[k - 1].push(await runner.run(iterations, k));
      progress(Math.min(1, (r + 1) / plan.minRepeats));
    }
    const one = median(samples[0]);
    const points = samples.map((s, i) => {
      const workers = i + 1;
      const point = { workers, median_ms: median(s), samples_ms: s, speedup: one / median(s) };
      const p = JSON.parse(call("tl_lab_predict_json", "string", ["number", "number", "string", "number"],
                                [one, workers, runner.simulatedAs, cores]));
      if (p.error) point.prediction_error = p.error;
      else point.predicted_speedup = p.speedup;
      return point;
    });
    return { iterations, one_worker_ms: one, points };
  }

  // -------------------------------------------------------------------------------------------
  // [SECTION] Message costs
  // -------------------------------------------------------------------------------------------
  // One way = round trip / 2 (the echo sends it back the same way), the median of a few
  // batches. Shared memory only where the page is cross-origin isolated: elsewhere the browser
  // withholds SharedArrayBuffer.
  async function messageCosts(plan, progress) {
    const worker = new Worker(here("message_worker.js"));
    const echo = (message, transfer) => new Promise((resolve, reject) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(`message worker: ${e.message}`));
      worker.postMessage(message, transfer);
    });
    const shared = self.crossOriginIsolated === true && typeof SharedArrayBuffer === "function";
    const rows = [];
    try {
      for (const [index, bytes] of plan.messageSizes.entries()) {
        const row = { bytes, clone_us: null, transfer_us: null, shared_us: null };
        const kinds = [["clone", () => new ArrayBuffer(bytes)], ["transfer", () => new ArrayBuffer(bytes)]];
        if (shared) kinds.push(["shared", () => new SharedArrayBuffer(bytes)]);
        for (const [kind, make] of kinds) {
          let buffer = make();
          new Uint8Array(buffer).fill(7);
          const trips = async (n) => {
            const begin = now();
            for (let i = 0; i < n; i++) {
              const reply = await echo({ kind, buffer }, kind === "transfer" ? [buffer] : []);
              if (kind === "transfer") buffer = reply.buffer;  // ours again
            }
            return now() - begin;
          };
          // A page that is not isolated reads the clock in steps of 0.1 ms: round trips are
          // timed in batches of at least about 2 ms. The first trip is a warm-up and a probe.
          const batch = Math.min(50, Math.max(1, Math.ceil(2 / Math.max(await trips(1), 0.05))));
          const times = [];
          for (let i = 0; i < plan.messageRepeats; i++) times.push((await trips(batch)) / batch);
          row[`${kind}_us`] = (median(times) / 2) * 1000;
        }
        row.clone_mb_per_s = row.clone_us > 0 ? bytes / row.clone_us : null;  // bytes per µs = MB/s
        rows.push(row);
        progress((index + 1) / plan.messageSizes.length);
      }
    } finally {
      worker.terminate();
    }
    return { shared_memory: shared, rows };
  }

  // -------------------------------------------------------------------------------------------
  // [SECTION] measure()
  // -------------------------------------------------------------------------------------------
  let running = null;

  async function measureNow(options, onProgress) {
    const plan = options.quick === false ? PLANS.full : PLANS.quick;
    const begin = now();
    const cores = Math.max(1, navigator.hardwareConcurrency || 1);
    const maxWorkers = Math.max(1, Math.min(options.maxWorkers ?? cores, 16));
    const threads = threadlab.variant === "threads";
    const runner = threads ? pthreads : webWorkers(maxWorkers);
    const module = threadlab.module;
    const progress = (stage, from, to) => (f) => onProgress(stage, from + (to - from) * f);
    const results = {
      variant: threadlab.variant,
      mechanism: runner.mechanism,
      simulated_as: runner.simulatedAs,
      hardware_concurrency: navigator.hardwareConcurrency ?? null,
      cores,
      cross_origin_isolated: self.crossOriginIsolated === true,
      profile: "native",
    };
    // The page's frames would take a core from the workers, and a reply waits on the main
    // thread while it draws one: no frames until the measurement is done.
    module.pauseMainLoop?.();
    try {
      onProgress(threads ? "starting pthreads" : "starting Web Workers", 0);
      try {
        await runner.open();
        results.worker_startup_ms = runner.startupMs;
        const curve = await speedupCurve(runner, maxWorkers, plan, cores,
                                         progress(`the CPU kernel on 1..${maxWorkers} workers`, 0.02, 0.75));
        Object.assign(results, curve);
      } finally {
        runner.close();
      }
      results.messages = await messageCosts(plan, progress("message copy costs", 0.75, 1));
    } finally {
      module.resumeMainLoop?.();
    }
    results.elapsed_ms = now() - begin;
    onProgress("done", 1);
    return results;
  }

  function measure(options = {}) {
    if (running) return running;
    running = measureNow(options, showProgress)
      .then((results) => {
        lab.last = results;
        showResults(results);
        return results;
      }, (error) => {
        showError(error);
        throw error;
      })
      .finally(() => { running = null; });
    return running;
  }

  // -------------------------------------------------------------------------------------------
  // [SECTION] The panel
  // -------------------------------------------------------------------------------------------
  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = here("lab.css");
  document.head.appendChild(style);

  const button = document.createElement("button");
  button.id = "tl-lab-open";
  button.type = "button";
  button.textContent = "Lab";
  button.title = "Measure this browser: threads or workers, cores, message costs";
  // In the page's bar beside the other buttons; a page without the bar gets it in a corner
  // (fixed over the page, where it covered the text view's last lines).
  const bar = document.getElementById("tl-bar");
  if (bar) {
    button.classList.add("tl-in-bar");
    bar.insertBefore(button, document.getElementById("tl-new-tab"));
  } else {
    document.body.appendChild(button);
  }

  const panel = document.createElement("section");
  panel.id = "tl-lab";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", "tl-lab-title");
  const threadsText =
      "The workers are pthreads of this page's WebAssembly program: Web Workers that share its memory, " +
      "as threads share an address space. The simulator predicts them as threads.";
  const singleText =
      "This page is not cross-origin isolated, so the browser gives it no shared memory: the workers are " +
      "Web Workers that share nothing and exchange copied messages. They behave like processes, and the " +
      "simulator predicts them as processes.";
  panel.innerHTML = `
    <header><h2 id="tl-lab-title">Measure this browser</h2>
      <button type="button" class="tl-lab-close" aria-label="Close the lab">×</button></header>
    <p>The same CPU-bound work (the lab's kernel, compiled to WebAssembly) split over 1..N workers,
       beside what the simulator predicts for this core count with the <code>native</code> profile.</p>
    <p class="tl-lab-mechanism"></p>
    <p class="tl-lab-cores"></p>
    <p><button type="button" class="tl-lab-measure">Measure</button>
       <progress max="1" value="0" hidden></progress> <span class="tl-lab-stage" role="status"></span></p>
    <div class="tl-lab-results"></div>`;
  document.body.appendChild(panel);
  const $ = (selector) => panel.querySelector(selector);
  $(".tl-lab-mechanism").textContent = threadlab.variant === "threads" ? threadsText : singleText;
  $(".tl-lab-cores").textContent =
      `navigator.hardwareConcurrency: ${navigator.hardwareConcurrency ?? "not reported"} logical cpus.`;

  function open() {
    panel.hidden = false;
    $(".tl-lab-measure").focus();
  }
  function close() {
    panel.hidden = true;
    button.focus();
  }
  button.addEventListener("click", () => (panel.hidden ? open() : close()));
  $(".tl-lab-close").addEventListener("click", close);
  panel.addEventListener("keydown", (e) => { if (e.key === "Escape") close(); });
  $(".tl-lab-measure").addEventListener("click", () => { measure().catch(() => {}); });

  function showProgress(stage, fraction) {
    const bar = $("progress");
    const done = stage === "done";
    bar.hidden = done;
    bar.value = fraction;
    $(".tl-lab-measure").disabled = !done;
    $(".tl-lab-stage").textContent = done ? "" : `${stage}…`;
  }

  function showError(error) {
    showProgress("done", 1);
    $(".tl-lab-stage").textContent = `The measurement failed: ${error.message}`;
  }

  const fixed = (x, digits) => (x === null || x === undefined ? "–" : x.toFixed(digits));
  function table(caption, head, rows) {
    const t = document.createElement("table");
    const c = t.createCaption();
    c.textContent = caption;
    const hr = t.createTHead().insertRow();
    for (const h of head) {
      const th = document.createElement("th");
      th.textContent = h;
      hr.appendChild(th);
    }
    const body = t.createTBody();
    for (const row of rows) {
      const tr = body.insertRow();
      for (const cell of row) tr.insertCell().textContent = cell;
    }
    return t;
  }
  function size(bytes) {
    return bytes >= 1 << 20 ? `${bytes / (1 << 20)} MiB` : `${bytes / 1024} KiB`;
  }

  function showResults(r) {
    const out = $(".tl-lab-results");
    out.replaceChildren();
    const what = r.mechanism === "pthreads" ? "pthreads" : "Web Workers (as processes)";
    out.appendChild(table(
        `Speedup on ${what}: one worker took ${fixed(r.one_worker_ms, 0)} ms; simulated with the native ` +
        `profile on ${r.cores} cores, as ${r.simulated_as}`,
        ["workers", "measured", "time", "simulated"],
        r.points.map((p) => [String(p.workers), `${fixed(p.speedup, 2)}×`, `${fixed(p.median_ms, 0)} ms`,
                             p.predicted_speedup ? `${fixed(p.predicted_speedup, 2)}×` : p.prediction_error])));
    // More speed than workers cannot come from the cores: others took turns with this page.
    if (r.points.some((p) => p.speedup > p.workers * 1.1)) {
      const warn = document.createElement("p");
      warn.className = "tl-lab-warning";
      warn.textContent = "A speedup above the number of workers means other programs were using the cores and " +
                         "the one-worker runs got less of them: close them and measure again.";
      out.appendChild(warn);
    }
    if (r.worker_startup_ms !== null && r.worker_startup_ms !== undefined) {
      const p = document.createElement("p");
      p.textContent = `Starting a Web Worker with the kernel took ${fixed(r.worker_startup_ms, 1)} ms ` +
                      "(a new script, heap and instance each: like spawning a process; left out of the times above).";
      out.appendChild(p);
    }
    out.appendChild(table(
        "One message, one way (round trip / 2)",
        ["size", "copied (structured clone)", "transferred", "shared memory"],
        r.messages.rows.map((m) => [size(m.bytes),
                                    `${fixed(m.clone_us, 0)} µs (${fixed(m.clone_mb_per_s, 0)} MB/s)`,
                                    `${fixed(m.transfer_us, 0)} µs`,
                                    r.messages.shared_memory ? `${fixed(m.shared_us, 0)} µs`
                                                             : "not isolated: none"])));
    const note = document.createElement("p");
    note.textContent = "A copy grows with the size; a transfer or a shared buffer does not. Other tabs and " +
                       "programs running meanwhile distort the measured speedups: close them and measure again.";
    out.appendChild(note);
  }

  const lab = { measure, open, close, last: null };
  threadlab.lab = lab;
  if (new URLSearchParams(location.search).get("lab") === "1") open();
})();
