// Sends xAPI statements to a Learning Record Store when the page is launched with one, the way
// LMSs and course players launch xAPI content (the "launch" query parameters):
//   ?endpoint=https://lrs.example/xapi/&auth=Basic%20...&actor={"mbox":"mailto:a@b.c"}
//    [&registration=UUID][&activity_id=IRI]
// Statements (xAPI 1.0.3, ADL verbs), one per progress event, sent in order:
//   lesson-started      attempted  the lesson             (activities/lesson)
//   task-passed         passed     the task               (activities/objective; parent: lesson)
//   question-answered   answered   the lesson's question  (activities/cmi.interaction; result
//                                                          success and response)
//   lesson-completed    completed  the lesson             (result completion, success, score)
// Activity ids are activity_id (or this page's address) + "/lessons/ID[/tasks/ID|/question]".
// Without an endpoint it does nothing; a bad parameter is shown in the page's message box and
// nothing is sent; an LRS that refuses a statement is shown once there too.
(function () {
  "use strict";
  const api = window.threadlab;
  const params = new URLSearchParams(location.search);
  if (!api || !params.has("endpoint")) return;

  const problems = [];
  const say = (line) => (api.showMessages ? api.showMessages([line]) : console.warn("threadlab: " + line));

  function parseEndpoint(text) {
    if (text.length > 2048) return problems.push("endpoint: longer than 2048 characters"), null;
    let url;
    try {
      url = new URL(text);
    } catch (e) {
      return problems.push("endpoint: not a URL"), null;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return problems.push("endpoint: not an http(s) URL"), null;
    url.hash = "";
    url.search = "";
    if (!url.pathname.endsWith("/")) url.pathname += "/";
    return url.href;
  }
  // The learner, as the launch gives it: an Agent with exactly one identifier. Launchers that
  // follow the older TinCan convention send names and identifiers as one-element arrays.
  function parseActor(text) {
    if (text === null) return problems.push("actor: missing (an Agent as JSON, e.g. {\"mbox\":\"mailto:...\"})"), null;
    if (text.length > 4096) return problems.push("actor: longer than 4096 characters"), null;
    let raw;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      return problems.push("actor: not JSON"), null;
    }
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return problems.push("actor: not a JSON object"), null;
    const first = (v) => (Array.isArray(v) ? v[0] : v);
    const agent = { objectType: "Agent" };
    const name = first(raw.name);
    if (typeof name === "string" && name.length <= 256) agent.name = name;
    const mbox = first(raw.mbox);
    const account = first(raw.account);
    if (typeof mbox === "string" && /^mailto:[^@\s]+@[^@\s]+$/.test(mbox) && mbox.length <= 320) {
      agent.mbox = mbox;
    } else if (typeof raw.mbox_sha1sum === "string" && /^[0-9a-f]{40}$/i.test(raw.mbox_sha1sum)) {
      agent.mbox_sha1sum = raw.mbox_sha1sum.toLowerCase();
    } else if (account && typeof account === "object" &&
               typeof (account.homePage ?? account.accountServiceHomePage) === "string" &&
               typeof (account.name ?? account.accountName) === "string") {
      agent.account = { homePage: String(account.homePage ?? account.accountServiceHomePage).slice(0, 2048),
                        name: String(account.name ?? account.accountName).slice(0, 256) };
    } else if (typeof first(raw.openid) === "string" && /^https?:\/\//.test(first(raw.openid))) {
      agent.openid = first(raw.openid).slice(0, 2048);
    } else {
      return problems.push("actor: no identifier (mbox as mailto:, mbox_sha1sum, account or openid)"), null;
    }
    return agent;
  }

  const endpoint = parseEndpoint(params.get("endpoint"));
  const actor = parseActor(params.get("actor"));
  const auth = params.get("auth");
  if (auth !== null && (auth.length > 4096 || /[\r\n]/.test(auth))) problems.push("auth: longer than 4096 characters or not one line");
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const registration = params.get("registration");
  if (registration !== null && !UUID.test(registration)) problems.push("registration: not a UUID");
  let base = params.get("activity_id");
  if (base !== null) {
    try {
      const url = new URL(base);
      if (base.length > 2048 || !/^(https?|urn|tag):$/.test(url.protocol)) throw new Error();
      base = base.replace(/\/+$/, "");
    } catch (e) {
      problems.push("activity_id: not an IRI (http, https, urn or tag)");
    }
  } else {
    base = location.origin + location.pathname.replace(/\/(index\.html)?$/, "");
  }
  if (problems.length) {
    for (const p of problems) say("xAPI launch: " + p + "; no statements are sent");
    api.xapi = { active: false, problems, sent: 0, failed: 0 };
    return;
  }

  const state = { active: true, problems: [], sent: 0, failed: 0, endpoint };
  api.xapi = state;

  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  const ADL = "http://adlnet.gov/expapi/";
  const verb = (id) => ({ id: ADL + "verbs/" + id, display: { "en-US": id } });
  const lessonIri = (lesson) => `${base}/lessons/${encodeURIComponent(lesson)}`;
  const titles = new Map();  // lesson id -> title, from lesson-started
  function lessonActivity(lesson) {
    const definition = { type: ADL + "activities/lesson" };
    if (titles.has(lesson)) definition.name = { "en-US": titles.get(lesson) };
    return { objectType: "Activity", id: lessonIri(lesson), definition };
  }
  // Every statement's context; `lesson`: the lesson a task or question belongs to.
  function context(lesson) {
    const c = { platform: ("threadlab " + (api.version || "")).trim(), language: "en-US" };
    if (registration) c.registration = registration.toLowerCase();
    if (lesson !== undefined) c.contextActivities = { parent: [{ objectType: "Activity", id: lessonIri(lesson) }] };
    return c;
  }
  function statement(verbId, object, extra) {
    return Object.assign({ id: uuid(), actor, verb: verb(verbId), object, timestamp: new Date().toISOString(),
                           context: context() }, extra);
  }

  // Sent one after another so the LRS stores them in the order they happened.
  let queue = Promise.resolve();
  let complained = false;
  function send(s) {
    queue = queue.then(async () => {
      const headers = { "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3" };
      if (auth) headers.Authorization = auth;
      try {
        const response = await fetch(endpoint + "statements", { method: "POST", headers, body: JSON.stringify(s),
                                                                keepalive: true, credentials: "omit" });
        if (!response.ok) throw new Error("HTTP " + response.status);
        state.sent += 1;
      } catch (e) {
        state.failed += 1;
        if (!complained) {
          complained = true;
          say("xAPI: the learning record store at " + new URL(endpoint).origin + " did not take a statement (" +
              (e.message || "network error") + "); progress is still kept in this browser");
        }
      }
    });
    state.done = queue;
  }

  api.on("lesson-started", (e) => {
    if (typeof e.title === "string") titles.set(e.lesson, e.title);
    send(statement("attempted", lessonActivity(e.lesson)));
  });
  api.on("task-passed", (e) => {
    send(statement("passed", { objectType: "Activity", id: `${lessonIri(e.lesson)}/tasks/${encodeURIComponent(e.task)}`,
                               definition: { type: ADL + "activities/objective" } },
                   { context: context(e.lesson) }));
  });
  api.on("question-answered", (e) => {
    const response = "choice" in e ? String(e.choice) : String(e.number);
    send(statement("answered", { objectType: "Activity", id: `${lessonIri(e.lesson)}/question`,
                                 definition: { type: ADL + "activities/cmi.interaction",
                                               interactionType: "choice" in e ? "choice" : "numeric" } },
                   { result: { success: !!e.correct, response },
                     context: context(e.lesson) }));
  });
  api.on("lesson-completed", (e) => {
    const score = Math.max(0, Math.min(100, Number(e.score) || 0));
    send(statement("completed", lessonActivity(e.lesson),
                   { result: { completion: true, success: true,
                               score: { scaled: score / 100, raw: score, min: 0, max: 100 } } }));
  });
})();
