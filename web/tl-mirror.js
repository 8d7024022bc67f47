// The text view: what the canvas shows, as page elements a screen reader reads and a keyboard
// reaches. The lesson's text, its settings (real selects and number fields), its tasks with
// their state, its question (radio buttons or a number field), and the run as a table. Changes
// go through the same commands a host page sends; passed tasks, answers and finished runs are
// announced through the live region. Built once per lesson and updated in place, so the
// element a keyboard user is on keeps its focus.
(function () {
  "use strict";
  const api = window.threadlab;
  if (!api) return;
  const mirror = document.getElementById("tl-mirror");
  const lessonBox = document.getElementById("tl-mirror-lesson");
  const runSummary = document.getElementById("tl-run-summary");
  const runTable = document.getElementById("tl-run-table");
  const runBody = runTable.querySelector("tbody");
  const compareTable = document.getElementById("tl-compare-table");
  const toggle = document.getElementById("tl-mirror-toggle");

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "text") node.textContent = v;
      else if (k in node && typeof v !== "string") node[k] = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c) node.appendChild(c);
    return node;
  }

  // ---- toggle ----------------------------------------------------------------------------------
  function setOpen(open) {
    mirror.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
  }
  toggle.addEventListener("click", () => {
    setOpen(mirror.hidden);
    if (!mirror.hidden) mirror.focus();
  });
  if (window.innerWidth < 1000) setOpen(false);  // small screens and frames: the canvas first

  // ---- lesson ----------------------------------------------------------------------------------
  let shownLesson = null;  // id of the lesson whose structure is built
  let shownKey = "";
  const refs = {};

  function send(command) {
    const reply = api.command(Object.assign({ threadlab: 1 }, command));
    if (reply && !reply.ok) api.announce("Not accepted: " + reply.error);
    return reply;
  }

  function buildCatalog(lessons) {
    lessonBox.textContent = "";
    lessonBox.appendChild(el("h2", { id: "tl-lesson-heading", text: "Lessons" }));
    const list = el("ul");
    for (const l of lessons) {
      const button = el("button", { type: "button", text: l.title + (l.completed ? " (completed)" : "") });
      button.addEventListener("click", () => send({ command: "load", lesson: l.id }));
      list.appendChild(el("li", {}, button));
    }
    lessonBox.appendChild(list);
  }

  function controlField(c) {
    const id = "tl-control-" + c.name;
    let input;
    if (c.options) {
      input = el("select", { id });
      for (const o of c.options) input.appendChild(el("option", { value: o, text: o }));
      input.value = c.value;
      input.addEventListener("change", () => send({ command: "set", controls: { [c.name]: input.value } }));
    } else {
      input = el("input", { id, type: "number", inputmode: "decimal" });
      if (c.min !== undefined) input.min = String(c.min);
      if (c.max !== undefined) input.max = String(c.max);
      input.step = c.type === "int" ? "1" : "any";
      input.value = c.value;
      input.addEventListener("change", () => {
        const value = input.value.trim();
        if (value !== "") send({ command: "set", controls: { [c.name]: value } });
      });
    }
    const label = el("label", { for: id, text: c.label + (c.type === "time_us" ? " (µs)" : "") + " " });
    label.appendChild(input);
    return { label, input };
  }

  function buildLesson(d) {
    lessonBox.textContent = "";
    refs.controls = {};
    refs.tasks = [];
    lessonBox.appendChild(el("h2", { id: "tl-lesson-heading", text: d.title }));
    // Embedded (body.tl-embed), the course page chose this lesson: the button is hidden there,
    // as the canvas's lesson column hides its list and Previous/Next.
    const back = el("button", { type: "button", class: "tl-leave-lesson", text: "All lessons" });
    back.addEventListener("click", () => send({ command: "load", scenario: "slice" }));
    lessonBox.appendChild(back);
    let list = null;
    for (const p of d.text) {
      if (p.list_item) {
        if (!list) lessonBox.appendChild(list = el("ul"));
        list.appendChild(el("li", { text: p.text }));
      } else {
        list = null;
        lessonBox.appendChild(el("p", { text: p.text }));
      }
    }
    refs.text = Array.from(lessonBox.querySelectorAll("p, li"));
    if (d.controls.length) {
      const set = el("fieldset", {}, el("legend", { text: "Settings" }));
      for (const c of d.controls) {
        const f = controlField(c);
        refs.controls[c.name] = f.input;
        set.appendChild(f.label);
      }
      lessonBox.appendChild(set);
    }
    if (d.tasks.length) {
      lessonBox.appendChild(el("h3", { text: "Tasks" }));
      const ol = el("ol", { id: "tl-tasks" });
      for (const t of d.tasks) {
        const status = el("strong", {});
        const item = el("li", { "data-task": t.id }, el("span", { text: t.text + " " }), status);
        const explanation = el("p", {});
        item.appendChild(explanation);
        refs.tasks.push({ status, explanation });
        ol.appendChild(item);
      }
      lessonBox.appendChild(ol);
    }
    refs.question = null;
    if (d.question) {
      const q = d.question;
      const set = el("fieldset", { id: "tl-question" }, el("legend", { text: "Question: " + q.text }));
      const feedback = el("p", { id: "tl-feedback" });
      let read;
      if (q.kind === "choice") {
        q.choices.forEach((text, i) => {
          const id = "tl-choice-" + i;
          const radio = el("input", { type: "radio", name: "tl-choice", id, value: String(i) });
          const label = el("label", { for: id });
          label.appendChild(radio);
          label.appendChild(document.createTextNode(" " + text));
          set.appendChild(label);
        });
        read = () => {
          const checked = set.querySelector("input[name=tl-choice]:checked");
          return checked ? { choice: Number(checked.value) } : null;
        };
      } else {
        const f = el("input", { id: "tl-number-answer", type: "number", step: "any" });
        const label = el("label", { for: "tl-number-answer", text: "Your answer" + (q.unit ? " (" + q.unit + ") " : " ") });
        label.appendChild(f);
        set.appendChild(label);
        read = () => (f.value.trim() === "" ? null : { number: Number(f.value) });
      }
      const check = el("button", { type: "button", id: "tl-check-answer", text: "Check answer" });
      check.addEventListener("click", () => {
        const answer = read();
        if (!answer) {
          feedback.textContent = "Choose or type an answer first.";
          return;
        }
        const reply = send(Object.assign({ command: "answer" }, answer));
        if (reply && reply.ok) api.announce(reply.feedback || (reply.correct ? "Right." : "Not quite."));
      });
      set.appendChild(check);
      set.appendChild(feedback);
      lessonBox.appendChild(set);
      refs.question = { feedback };
    }
    refs.done = el("p", { id: "tl-lesson-done" });
    lessonBox.appendChild(refs.done);
  }

  function updateLesson(d) {
    for (const c of d.controls) {
      const input = refs.controls[c.name];
      if (input && document.activeElement !== input && input.value !== c.value) input.value = c.value;
    }
    d.tasks.forEach((t, i) => {
      const r = refs.tasks[i];
      if (!r) return;
      r.status.textContent = t.passing ? "(passes now)" : t.passed ? "(passed earlier)" : "(not yet)";
      r.status.className = t.passing || t.passed ? "tl-pass" : "tl-fail";
      r.explanation.textContent = t.explanation;
    });
    d.text.forEach((p, i) => {  // quoted numbers follow the run
      if (refs.text[i] && refs.text[i].textContent !== p.text) refs.text[i].textContent = p.text;
    });
    if (refs.question && d.question) {
      // The lesson's feedback says right or wrong in its own words; without it, this does.
      refs.question.feedback.textContent = !d.question.answered ? ""
          : d.question.feedback || (d.question.correct ? "Right." : "Not quite.");
    }
    refs.done.textContent = d.completed ? "Lesson completed (score " + d.score + " of 100)." : "";
  }

  // ---- run -------------------------------------------------------------------------------------
  let shownRun = "";
  function updateRun() {
    const text = api.call("tl_export", "run");
    if (text === shownRun || text.startsWith("error:")) return;
    const run = JSON.parse(text);
    if (run.compare) {  // the Compare view shows its workload's runs, not the scenario's
      if (run.compare.pending) return;
      shownRun = text;
      showCompare(run.compare);
      return;
    }
    if (run.pending) return;  // the table shows finished runs only
    shownRun = text;
    runTable.hidden = false;
    compareTable.hidden = true;
    runSummary.textContent = run.title + " on " + run.cores + (run.cores === 1 ? " core" : " cores") +
        ": makespan " + run.makespan_us + " µs, " + run.context_switches + " context switches" +
        (run.outcome_line ? "; " + run.outcome_line : "") + ".";
    runBody.textContent = "";
    for (const t of run.threads) {
      const row = el("tr", {}, el("th", { scope: "row", text: t.thread }), el("td", { text: t.process }));
      for (const k of ["turnaround_us", "response_us", "wait_us", "cpu_us"])
        row.appendChild(el("td", { text: t[k] + (k === "turnaround_us" && !t.finished ? " (unfinished)" : "") }));
      runBody.appendChild(row);
    }
    api.announce("Run finished: makespan " + run.makespan_us + " µs" + (run.outcome_line ? ", " + run.outcome_line : ""));
  }

  // The comparison as the figures panel shows it: one row per figure, a column per model.
  function showCompare(c) {
    runTable.hidden = true;
    compareTable.hidden = false;
    if (c.error) {
      runSummary.textContent = "Compare: " + c.error;
      return;
    }
    const makespan = c.figures.find((f) => f.label === "makespan");
    // The examples' titles already say "Compare: ..."; a teacher's may not.
    runSummary.textContent = (/^compare\b/i.test(c.title) ? "" : "Compare: ") + c.title + ", on " + c.cores + (c.cores === 1 ? " core" : " cores") +
        (makespan ? ": makespan " + c.models.map((m, i) => m + " " + makespan.values[i]).join(", ") +
                    " (" + c.models[0] + " / " + c.models[1] + " = " + makespan.ratio + ")" : "") + ".";
    const head = compareTable.querySelector("thead tr");
    head.textContent = "";
    for (const name of ["Figure", ...c.models, "Ratio"]) head.appendChild(el("th", { scope: "col", text: name }));
    const body = compareTable.querySelector("tbody");
    body.textContent = "";
    for (const f of c.figures) {
      const row = el("tr", {}, el("th", { scope: "row", text: f.label }));
      for (const v of f.values) row.appendChild(el("td", { text: v }));
      row.appendChild(el("td", { text: f.ratio }));
      body.appendChild(row);
    }
    api.announce(runSummary.textContent);
  }

  function refresh() {
    const { lesson, lessons } = JSON.parse(api.call("tl_lesson_json"));
    if (!lesson) {
      const key = JSON.stringify(lessons);
      if (shownLesson !== "" || key !== shownKey) {
        shownLesson = "";
        shownKey = key;
        buildCatalog(lessons);
      }
    } else {
      if (shownLesson !== lesson.id) {
        shownLesson = lesson.id;
        buildLesson(lesson);
      }
      updateLesson(lesson);
    }
    updateRun();
  }
  api.refreshMirror = refresh;

  api.ready.then(() => {
    refresh();
    setInterval(refresh, 250);
    api.on("task-passed", (e) => {
      const item = lessonBox.querySelector('[data-task="' + CSS.escape(e.task) + '"] span');
      api.announce("Task passed: " + (item ? item.textContent.trim() : e.task));
    });
    api.on("lesson-completed", (e) => api.announce("Lesson completed, score " + e.score + " of 100."));
  }, () => {});
})();
