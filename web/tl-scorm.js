// Reports to an LMS when the page runs inside a SCORM package (scripts/package.sh): it looks
// for the LMS's API object the way SCORM content does, walking window.parent and
// window.opener (SCORM 2004: API_1484_11; 1.2: API), and reports the learner's progress with
// the lesson the package item launched (?lesson=ID&scorm=12|2004):
//   started      1.2 cmi.core.lesson_status incomplete; 2004 cmi.completion_status incomplete
//   task passed  2004 cmi.progress_measure; both cmi.suspend_data (the passed task ids)
//   completed    1.2 lesson_status completed + cmi.core.score.raw/min/max;
//                2004 completion_status completed, success_status passed, cmi.score.scaled/raw
// then Commit. Without an API (a plain page) it does nothing.
(function () {
  "use strict";
  const api = window.threadlab;
  const params = new URLSearchParams(location.search);
  if (!api || !params.has("scorm")) return;
  const wanted = params.get("scorm");  // "12" | "2004" | "" (whichever is found)

  function find(name) {
    for (const start of [window, window.opener]) {
      let w = start;
      for (let depth = 0; w && depth < 12; depth++) {
        try {
          if (w[name]) return w[name];
        } catch (e) { /* another origin */ }
        if (w === w.parent) break;
        w = w.parent;
      }
    }
    return null;
  }
  let lms = null;
  if (wanted !== "12") {
    const a = find("API_1484_11");
    if (a) lms = { v: 2004, a, get: (k) => a.GetValue(k), set: (k, v) => a.SetValue(k, String(v)),
                   commit: () => a.Commit(""), finish: () => a.Terminate("") };
    if (a) a.Initialize("");
  }
  if (!lms && wanted !== "2004") {
    const a = find("API");
    if (a) lms = { v: 12, a, get: (k) => a.LMSGetValue(k), set: (k, v) => a.LMSSetValue(k, String(v)),
                   commit: () => a.LMSCommit(""), finish: () => a.LMSFinish("") };
    if (a) a.LMSInitialize("");
  }
  api.scorm = lms ? { version: lms.v } : null;
  if (!lms) {
    console.info("threadlab: launched as a SCORM package but no LMS API was found; nothing is reported");
    return;
  }
  const lesson = params.get("lesson");
  const ours = (e) => !lesson || e.lesson === lesson;
  let passed = [];
  try {
    const saved = JSON.parse(lms.get("cmi.suspend_data") || "{}");
    if (Array.isArray(saved.passed)) passed = saved.passed.filter((t) => typeof t === "string").slice(0, 64);
  } catch (e) { /* nothing saved, or not ours */ }
  let finished = false;

  api.on("lesson-started", (e) => {
    if (!ours(e)) return;
    if (e.completed) return report(e);  // done on an earlier visit (this browser keeps progress)
    if (lms.v === 12) {
      const status = lms.get("cmi.core.lesson_status");
      if (status !== "completed" && status !== "passed") lms.set("cmi.core.lesson_status", "incomplete");
    } else if (lms.get("cmi.completion_status") !== "completed") {
      lms.set("cmi.completion_status", "incomplete");
    }
    lms.commit();
  });
  api.on("task-passed", (e) => {
    if (!ours(e)) return;
    if (!passed.includes(e.task)) passed.push(e.task);
    lms.set("cmi.suspend_data", JSON.stringify({ passed }).slice(0, 4000));
    if (lms.v === 2004) {
      const total = api.state().lesson ? api.state().lesson.tasks.length : passed.length;
      lms.set("cmi.progress_measure", Math.min(1, passed.length / Math.max(1, total)).toFixed(2));
    }
    lms.commit();
  });
  function report(e) {
    if (lms.v === 12) {
      lms.set("cmi.core.score.min", 0);
      lms.set("cmi.core.score.max", 100);
      lms.set("cmi.core.score.raw", e.score);
      lms.set("cmi.core.lesson_status", "completed");
    } else {
      lms.set("cmi.score.min", 0);
      lms.set("cmi.score.max", 100);
      lms.set("cmi.score.raw", e.score);
      lms.set("cmi.score.scaled", (e.score / 100).toFixed(2));
      lms.set("cmi.progress_measure", "1");
      lms.set("cmi.completion_status", "completed");
      lms.set("cmi.success_status", "passed");
    }
    lms.commit();
  }
  api.on("lesson-completed", (e) => ours(e) && report(e));
  window.addEventListener("pagehide", () => {
    if (finished) return;
    finished = true;
    lms.commit();
    lms.finish();
  });
})();
