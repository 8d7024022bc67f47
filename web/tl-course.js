// What a course page does with threadlab, on top of loader.js's window.threadlab:
//
//   [links]     the state lives in the URL fragment (#v=1&lesson=...), updated as it changes,
//               restored on load and on hashchange; "Copy link"; a bad link or URL parameter
//               gives a visible message and the default, never a script.
//   [host API]  postMessage commands from origins on the allow-list (?hosts=ORIGIN,ORIGIN or
//               data-hosts on this script's tag; the page's own origin always), replies, and
//               progress events (ready, lesson-started, task-passed, question-answered,
//               lesson-completed) to the host; the same on window.threadlab (command, on, off).
//   [embed]     embed=1 (query or fragment): no navigation chrome; embedded without isolation,
//               an "Open in a new tab" link.
//   [offline]   a service worker (sw.js) keeps the page working without the network.
//
// Decoding links and checking messages happens in the program (src/course, tested and fuzzed
// there); this file does what only the page can: origins, windows, the DOM.
(function () {
  "use strict";
  const api = window.threadlab;
  if (!api) return;
  const API_VERSION = 1;
  const params = new URLSearchParams(location.search);
  const script = document.currentScript;

  // ---- [messages] ---------------------------------------------------------------------------
  const messageBox = document.getElementById("tl-message");
  const messageList = document.getElementById("tl-message-list");
  const MAX_SHOWN = 12;
  // Text only (textContent): a hostile value in a message stays text.
  function showMessages(lines) {
    if (!lines.length) return;
    for (const line of lines) {
      if (messageList.children.length >= MAX_SHOWN) break;
      const li = document.createElement("li");
      li.textContent = String(line).slice(0, 400);
      messageList.appendChild(li);
    }
    messageBox.hidden = false;
  }
  function clearMessages() {
    messageList.textContent = "";
    messageBox.hidden = true;
  }
  document.getElementById("tl-message-close").addEventListener("click", clearMessages);
  api.messages = () => Array.from(messageList.children, (li) => li.textContent);
  api.showMessages = showMessages;  // for the page's other scripts (xAPI)
  api.onArgumentError = (m) => showMessages(["URL parameter: " + m + " (the default is used)"]);
  for (const m of api.argumentErrors) api.onArgumentError(m);

  // ---- [live region] ------------------------------------------------------------------------
  const live = document.getElementById("tl-live");
  api.announce = function (text) {
    const p = document.createElement("p");
    p.textContent = text;
    live.appendChild(p);
    while (live.children.length > 5) live.removeChild(live.firstChild);
  };

  // ---- [embed] ------------------------------------------------------------------------------
  const framed = window.top !== window.self;
  function setEmbed(on) {
    document.body.classList.toggle("tl-embed", on);
  }
  setEmbed(params.get("embed") === "1" || /(^#|&)embed=1(&|$)/.test(location.hash));
  if (framed && !self.crossOriginIsolated) {
    const link = document.getElementById("tl-new-tab");
    link.hidden = false;
    link.title = "This frame runs the single-threaded build; a tab of its own may run the threads build";
  }

  // ---- [links] ------------------------------------------------------------------------------
  const linkText = document.getElementById("tl-link-text");
  let lastHash = "";
  // Every URL key the program reads at start-up is also part of the state, so the fragment
  // alone describes it; the query keeps only what the loader itself reads.
  function linkFor(hash) {
    const query = new URLSearchParams(location.search);
    for (const key of ["scenario", "lesson", "cores"]) query.delete(key);
    const q = query.toString();
    return location.origin + location.pathname + (q ? "?" + q : "") + hash;
  }
  function applyLink(fragment) {
    const result = JSON.parse(api.call("tl_apply_link", fragment));
    setEmbed(result.embed || params.get("embed") === "1");
    if (result.errors.length) showMessages(result.errors.map((e) => "Link: " + e + " (the default is used)"));
    return result;
  }
  function syncHash() {
    const hash = api.call("tl_url_state");
    if (hash && hash !== lastHash) {
      lastHash = hash;
      history.replaceState(history.state, "", linkFor(hash));
      document.getElementById("tl-new-tab").href = linkFor(hash);
    }
  }
  api.link = function () {
    return linkFor(api.call("tl_url_state"));
  };
  api.applyLink = (fragment) => applyLink(String(fragment));
  document.getElementById("tl-copy-link").addEventListener("click", async () => {
    const link = api.link();
    linkText.value = link;
    linkText.hidden = false;
    linkText.select();
    let copied = false;
    try {
      await navigator.clipboard.writeText(link);
      copied = true;
    } catch (e) {
      // No clipboard permission (an iframe without allow="clipboard-write"): the link stays
      // selected in the field for Ctrl+C.
    }
    api.announce(copied ? "Link copied" : "Link selected: press Ctrl+C to copy it");
  });
  window.addEventListener("hashchange", (event) => {
    // The new address as navigated to: the fragment may have been rewritten to the state's
    // own since (syncHash), but it is what the learner asked for.
    const hash = new URL(event.newURL).hash;
    if (hash === lastHash) return;
    lastHash = hash;
    clearMessages();
    applyLink(hash);
  });

  // ---- [host API] ---------------------------------------------------------------------------
  function parseOrigins(text) {
    const out = new Set();
    for (const part of String(text || "").split(",")) {
      const t = part.trim();
      if (!t) continue;
      try {
        const u = new URL(t);
        if ((u.protocol === "https:" || u.protocol === "http:") && u.origin === t.replace(/\/$/, "")) out.add(u.origin);
        else showMessages(["Host list: '" + t.slice(0, 80) + "' is not an origin (scheme://host[:port]); ignored"]);
      } catch (e) {
        showMessages(["Host list: '" + t.slice(0, 80) + "' is not an origin (scheme://host[:port]); ignored"]);
      }
    }
    return out;
  }
  const allowed = parseOrigins([params.get("hosts"), script && script.dataset.hosts,
                                window.threadlabConfig && window.threadlabConfig.hosts].filter(Boolean).join(","));
  allowed.add(location.origin);
  api.allowedOrigins = () => Array.from(allowed);
  api.ignoredMessages = 0;  // from origins not on the list (tests and the curious read it)

  const subscribers = [];  // {win, origin}: who hears events
  function subscribe(win, origin) {
    if (!win || subscribers.some((s) => s.win === win && s.origin === origin)) return;
    subscribers.push({ win, origin });
  }
  // A framing parent on the list hears events without asking first. Its origin comes from
  // location.ancestorOrigins (Chromium, Safari) or the referrer; unknown, each allowed origin
  // gets a post, of which the browser delivers only the one that matches.
  function originOf(url) {
    try {
      return new URL(url).origin;
    } catch (e) {
      return null;
    }
  }
  const parentOrigin = framed ? (location.ancestorOrigins && location.ancestorOrigins[0]) || originOf(document.referrer)
                              : null;
  if (framed) {
    if (parentOrigin) {
      if (allowed.has(parentOrigin)) subscribe(window.parent, parentOrigin);
    } else {
      for (const origin of allowed) subscribe(window.parent, origin);
    }
  }

  const listeners = new Map();  // event name -> Set of functions
  api.on = function (name, fn) {
    if (!listeners.has(name)) listeners.set(name, new Set());
    listeners.get(name).add(fn);
  };
  api.off = (name, fn) => listeners.has(name) && listeners.get(name).delete(fn);
  function emit(event) {
    const message = Object.assign({ threadlab: API_VERSION, type: "event" }, event);
    for (const { win, origin } of subscribers) {
      try {
        win.postMessage(message, origin);
      } catch (e) { /* a closed window */ }
    }
    for (const name of [event.event, "*"]) {
      for (const fn of listeners.get(name) || []) {
        try {
          fn(event);
        } catch (e) {
          console.error(e);
        }
      }
    }
  }
  api.emit = emit;

  // Commands a host may send: a burst of HOST_BURST, then HOST_RATE a second (a token bucket
  // per origin). One command may start a run, so an unbounded stream would keep the page busy
  // running them; past the rate each gets a refusal and the page says so once per burst.
  const HOST_RATE = 30;
  const HOST_BURST = 60;
  const floodGuard = {
    buckets: new Map(),    // origin -> {tokens, at}
    refusedAt: new Map(),  // origin -> time of its last refusal: one page message per flood
    error: "message: more than " + HOST_RATE + " commands a second (after a burst of " + HOST_BURST +
           "); this one was not run",
    take(origin) {
      const now = performance.now();
      const b = this.buckets.get(origin) || { tokens: HOST_BURST, at: now };
      b.tokens = Math.min(HOST_BURST, b.tokens + ((now - b.at) / 1000) * HOST_RATE);
      b.at = now;
      this.buckets.set(origin, b);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return true;
      }
      const last = this.refusedAt.get(origin);
      this.refusedAt.set(origin, now);
      if (last === undefined || now - last > 10_000) {
        showMessages(["Host page " + origin.slice(0, 80) + ": " + this.error.replace("this one was", "the rest were")]);
      }
      return false;
    },
  };

  // One command, as an object; returns the reply object. Used by postMessage and by the page.
  api.command = function (command) {
    let text;
    try {
      text = JSON.stringify(command);
    } catch (e) {
      return { threadlab: API_VERSION, type: "reply", ok: false, error: "message: not expressible as JSON" };
    }
    if (typeof text !== "string") return { threadlab: API_VERSION, type: "reply", ok: false, error: "message: empty" };
    let reply;
    try {
      reply = api.call("tl_host_message", text);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;  // too long to pass to the program at all
      reply = JSON.stringify({ threadlab: API_VERSION, type: "reply", id: null, ok: false, error: "message: " + e.message });
    }
    if (!reply) return null;  // not addressed to threadlab
    // What the command caused is announced before its reply (a frame out of view, or not yet
    // interacted with, may get animation frames rarely).
    takeEvents();
    syncHash();
    const parsed = JSON.parse(reply);
    // A message refused before it was parsed (too big, too deep) still gets its id back.
    const id = command && command.id;
    if (parsed.id === null && (Number.isFinite(id) || (typeof id === "string" && id.length <= 64))) parsed.id = id;
    return parsed;
  };
  window.addEventListener("message", (event) => {
    if (event.source === window && event.origin === location.origin && event.data &&
        event.data.threadlab && event.data.type) return;  // our own replies and events
    const data = event.data;
    if (!data || typeof data !== "object" || !("threadlab" in data)) return;  // someone else's
    if (!allowed.has(event.origin)) {
      api.ignoredMessages += 1;
      console.info("threadlab: ignored a message from " + event.origin + " (not on the host list)");
      return;
    }
    if (!api.module || !readyNow) {
      event.source && event.source.postMessage({ threadlab: API_VERSION, type: "reply", id: data.id ?? null,
                                                 ok: false, error: "not ready yet: wait for the ready event" },
                                               event.origin);
      return;
    }
    if (!floodGuard.take(event.origin)) {
      // Refused before it reaches the program: a flood costs a reply each, not a run each, so
      // the page keeps drawing and answering.
      event.source && event.source.postMessage({ threadlab: API_VERSION, type: "reply", id: data.id ?? null,
                                                 ok: false, error: floodGuard.error }, event.origin);
      return;
    }
    const reply = api.command(data);
    if (!reply || !event.source) return;
    subscribe(event.source, event.origin);
    event.source.postMessage(reply, event.origin);
  });

  // ---- [events] -----------------------------------------------------------------------------
  let readyNow = false;
  const LESSON_EVENTS = new Set(["lesson-started", "task-passed", "question-answered", "lesson-completed"]);
  function takeEvents() {
    if (!readyNow) return;  // the ready event goes first
    const events = JSON.parse(api.call("tl_take_events"));
    for (const e of events) {
      if (!LESSON_EVENTS.has(e.type)) continue;
      const { type, ...rest } = e;
      emit(Object.assign({ event: type }, rest));
    }
  }
  function poll() {
    takeEvents();
    syncHash();
    requestAnimationFrame(poll);
  }

  api.ready.then(() => {
    readyNow = true;
    if (location.hash.length > 1) {
      lastHash = location.hash;
      applyLink(location.hash);
    }
    // ?embed=1 in the frame's address is part of the state too (links made in it keep it).
    if (params.get("embed") === "1") api.call("tl_apply_link", "embed=1");
    const lessons = JSON.parse(api.call("tl_lesson_json")).lessons.map((l) => l.id);
    emit({ event: "ready", version: api.version, variant: api.variant, api: API_VERSION, lessons });
    requestAnimationFrame(poll);
  }, () => {});

  // ---- [offline] ----------------------------------------------------------------------------
  // Not with coi-serviceworker (one worker per scope) and not inside an LMS's package player.
  const offlineWanted = script && script.dataset.offline !== "off" && params.get("sw") !== "0" &&
      params.get("coi") !== "1" && !params.has("scorm") && "serviceWorker" in navigator;
  api.offline = offlineWanted
      ? navigator.serviceWorker.register("sw.js").then(async () => {
          const registration = await navigator.serviceWorker.ready;
          // Resolves once everything the page needs is cached (sw.js answers "cached").
          await new Promise((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve();
            registration.active.postMessage({ threadlab: "cache-status" }, [channel.port2]);
          });
          return true;
        }).catch((e) => {
          console.info("threadlab: offline copy unavailable: " + e.message);
          return false;
        })
      : Promise.resolve(false);
})();
