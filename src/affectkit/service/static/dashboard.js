// The affectkit dashboard: plain JavaScript, no dependencies, nothing fetched from outside this service.
// It creates (or opens) a stored conversation, appends utterances over the WebSocket stream
// (WS /v1/conversations/{id}/stream; POST .../utterances when a socket cannot be had) and draws what comes back.
// Every text from the service is written with textContent, never as HTML.
"use strict";

(() => {
  const SVG = "http://www.w3.org/2000/svg";
  const COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];
  const $ = (id) => document.getElementById(id);
  const POLICY_VIOLATION = 1008;  // the stream's close code for a wrong key or conversation

  const state = {
    key: "", conversationId: null, agent: "assistant",
    turns: [], known: 0, speakers: {}, flags: [], plan: null, colours: {},
  };

  // --- small DOM helpers ---------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === "class") node.className = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function signed(x) { return (x >= 0 ? "+" : "") + x.toFixed(2); }

  function setStatus(text, kind) { const s = $("status"); s.textContent = text; s.dataset.state = kind; }

  function setTransport(kind, text) { const t = $("transport"); t.textContent = text; t.dataset.transport = kind; }

  function showError(message) {
    const box = $("error");
    box.textContent = message;
    box.hidden = !message;
  }

  function problemText(body, status) {
    if (body && typeof body === "object" && body.detail) return `${body.code || status}: ${body.detail}`;
    return `HTTP ${status}`;
  }

  function colourOf(speaker) {
    if (!(speaker in state.colours)) {
      state.colours[speaker] = COLOURS[Object.keys(state.colours).length % COLOURS.length];
    }
    return state.colours[speaker];
  }

  // --- talking to the service ----------------------------------------------------------------------
  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: { "Authorization": `Bearer ${state.key}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error(problemText(data, response.status));
      error.code = data && data.code;
      error.body = data;
      throw error;
    }
    return data;
  }

  // One WebSocket per conversation; the service answers each message once, in order, so answers are matched
  // to messages by a queue. Every utterance carries an id (one is given when it has none), so that one whose
  // answer was lost with the socket can be sent again: the service refuses an id it already stored (AK-E050)
  // instead of appending it twice. A socket that closes is opened again with growing waits (a restart of the
  // service, a dropped connection); on reopening, the dashboard first reads what it missed from the stored state
  // (GET ...?after=), then sends again the utterances that have no answer, in order. When no socket can be had
  // at all (no WebSocket in the browser), utterances go to POST .../utterances instead.
  class Stream {
    constructor(conversationId, onResume) {
      this.conversationId = conversationId;
      this.onResume = onResume;
      this.socket = null;
      this.pending = [];    // {utterance, resolve, reject}: sent (or to send) and not answered, in order
      this.useHttp = false;
      this.connected = false;  // a socket was open once: a failure later is an outage, not a missing feature
      this.closed = false;
      this.retry = null;
      this.delay = 250;
      this.opening = null;
      this.resuming = false;
    }

    url() {
      const scheme = location.protocol === "https:" ? "wss" : "ws";
      return `${scheme}://${location.host}/v1/conversations/${encodeURIComponent(this.conversationId)}/stream`;
    }

    open() {
      if (this.socket && this.socket.readyState === WebSocket.OPEN) return Promise.resolve(true);
      if (this.opening) return this.opening;
      this.opening = new Promise((resolve) => {
        let opened = false;
        let socket;
        try {
          socket = new WebSocket(this.url());
        } catch (error) {  // no WebSocket in this browser, or refused by a policy: the HTTP route does it
          resolve(false);
          return;
        }
        socket.onopen = () => {
          opened = true;
          socket.send(JSON.stringify({ event: "auth", key: state.key }));  // browsers cannot set headers
          this.socket = socket;
          this.connected = true;
          this.delay = 250;
          setTransport("websocket", "live over WebSocket");
          resolve(true);
        };
        socket.onmessage = (event) => this.answer(JSON.parse(event.data));
        socket.onerror = () => { if (!opened) resolve(false); };
        socket.onclose = (event) => {
          if (!opened) { resolve(false); return; }
          if (this.socket === socket) this.socket = null;
          if (this.closed) return;
          if (event.code === POLICY_VIOLATION) {  // a wrong key, or the conversation is gone: trying again won't help
            setTransport("none", "closed by the service");
            for (const w of this.pending.splice(0)) w.reject(new Error("the service closed the stream"));
            return;
          }
          this.lost();
        };
      }).finally(() => { this.opening = null; });
      return this.opening;
    }

    // The socket went away (the service restarted, the connection dropped): try again, waiting longer each time.
    lost() {
      if (this.closed || this.retry) return;
      setTransport("reconnecting", `disconnected: reconnecting in ${(this.delay / 1000).toFixed(1)} s`);
      this.retry = setTimeout(() => { this.retry = null; this.reconnect(); }, this.delay);
      this.delay = Math.min(this.delay * 2, 4000);
    }

    async reconnect() {
      if (this.closed) return;
      this.resuming = true;
      try {
        if (!(await this.open())) { this.lost(); return; }
        try {
          await this.onResume();  // what was stored meanwhile (some of it maybe from the unanswered utterances)
        } catch (error) {
          showError(error.message);
        }
        if (this.socket) for (const waiting of this.pending) this.socket.send(JSON.stringify(waiting.utterance));
      } finally {
        this.resuming = false;
      }
    }

    answer(message) {
      const waiting = this.pending.shift();
      if (message.event === "error") {
        if (message.code === "AK-E050" && waiting) {  // stored before: its answer was lost with a socket
          waiting.resolve({ event: "stored", turn: message.turn });
          return;
        }
        const error = new Error(problemText(message, message.status));
        if (waiting) waiting.reject(error); else showError(error.message);
        return;
      }
      if (waiting) waiting.resolve(message);
    }

    async send(utterance) {
      if (utterance.id === undefined) utterance = { ...utterance, id: newId() };
      if (!this.useHttp && !this.connected && !(await this.open())) {
        this.useHttp = true;
        setTransport("http", "over HTTP (no WebSocket)");
      }
      if (this.useHttp) {
        try {
          return await api("POST", `/v1/conversations/${encodeURIComponent(this.conversationId)}/utterances`,
                           utterance);
        } catch (error) {
          if (error.code === "AK-E050") return { event: "stored", turn: error.body.turn };
          throw error;
        }
      }
      return new Promise((resolve, reject) => {
        this.pending.push({ utterance, resolve, reject });
        if (this.resuming) return;  // sent with the others once the stored state is read
        if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(utterance));
        else this.lost();  // sent once the socket is back
      });
    }

    close() {
      this.closed = true;
      if (this.retry) clearTimeout(this.retry);
      if (this.socket) this.socket.close();
      this.socket = null;
      for (const w of this.pending.splice(0)) w.reject(new Error("the conversation was closed"));
    }
  }

  let idCounter = 0;
  function newId() {
    idCounter += 1;
    const random = Math.random().toString(36).slice(2, 10);
    return `dash-${Date.now().toString(36)}-${random}-${idCounter}`;
  }

  let stream = null;
  let busy = Promise.resolve();  // utterances are appended one after another, in the order given

  function readSettings() {
    state.key = $("key").value.trim();
    state.agent = $("agent").value.trim() || "assistant";
    if (!state.key) throw new Error("enter an API key first (affectkit keys create)");
  }

  function reset(conversationId) {
    if (stream) stream.close();
    Object.assign(state, { conversationId, turns: [], known: 0, speakers: {}, flags: [], plan: null, colours: {} });
    stream = new Stream(conversationId, catchUp);
    $("conversation-id").value = conversationId;
    $("conversation-label").textContent = `conversation ${conversationId}`;
  }

  async function newConversation() {
    readSettings();
    const body = { agent: state.agent };
    const locale = $("locale").value.trim();
    if (locale) body.locale = locale;
    const created = await api("POST", "/v1/conversations", body);
    reset(created.id);
    await loadStored();
  }

  async function openConversation(id) {
    readSettings();
    reset(id);
    await loadStored();
  }

  // The stored state (on open): every turn, the speakers' summaries, every flag, the plan.
  async function loadStored() {
    await catchUp();
    setStatus(`${state.known} turns stored`, "live");
  }

  const PAGE = 500;
  const base = () => `/v1/conversations/${encodeURIComponent(state.conversationId)}`;

  // Reads the turns stored after those shown (GET ...?after=, page by page) and the plan of the next reply: on
  // open, after a reconnection, and when an answer shows that turns were appended elsewhere meanwhile.
  async function catchUp() {
    for (;;) {
      const page = await api("GET", `${base()}?after=${state.known - 1}&limit=${PAGE}`);
      state.agent = page.agent;
      $("agent").value = page.agent;
      merge(page.analysis);
      if (page.analysis.notice) $("notice").textContent = page.analysis.notice;
      if (page.next_after === null || page.next_after === undefined) break;
    }
    state.plan = null;
    if (state.known) {
      try {
        state.plan = await api("GET", `${base()}/plan`);
      } catch (error) {
        if (error.code !== "AK-E020") throw error;  // AK-E020: every turn so far is the agent's
      }
    }
    render();
  }

  // A page of the stored analysis: its turns come right after those shown.
  function merge(analysis) {
    for (const turn of analysis.turns) {
      if (turn.index !== state.known) continue;  // shown already
      state.turns[turn.index] = turn;
      state.known += 1;
    }
    state.flags.push(...analysis.flags);
    for (const [name, summary] of Object.entries(analysis.speakers)) {
      const shown = speaker(name);
      const last = shown.turns.length ? shown.turns[shown.turns.length - 1] : -1;
      shown.turns.push(...summary.turns.filter((t) => t > last));
      shown.trajectory.push(...summary.trajectory.filter((p) => p.turn > last));
      shown.shifts.push(...summary.shifts.filter((s) => s.turn > last));
      Object.assign(shown, { arc: summary.arc, dominant_emotions: summary.dominant_emotions });
    }
  }

  function speaker(name) {
    if (!state.speakers[name]) state.speakers[name] = { speaker: name, turns: [], trajectory: [], shifts: [] };
    return state.speakers[name];
  }

  async function ensureConversation() {
    if (!state.conversationId) await newConversation();
  }

  function append(utterance) {
    const step = busy.then(async () => {
      await ensureConversation();
      const answer = await stream.send(utterance);
      await take(answer);
    });
    busy = step.catch(() => {});
    return step;
  }

  // An append's answer holds what its turn brought: the turn, its speaker's new trajectory point and state, the
  // shifts and flags it raised, and the next plan in brief.
  async function take(answer) {
    if (answer.event === "stored" || answer.turn.index > state.known) {
      await catchUp();  // stored before its answer was lost, or turns were appended elsewhere meanwhile
      return;
    }
    if (answer.turn.index === state.known) {
      state.turns[answer.turn.index] = answer.turn;
      state.known += 1;
      const shown = speaker(answer.speaker.speaker);
      shown.turns.push(answer.turn.index);
      shown.trajectory.push(answer.speaker.point);
      shown.shifts.push(...answer.shifts);
      Object.assign(shown, { arc: answer.speaker.arc, dominant_emotions: answer.speaker.dominant_emotions });
      state.flags.push(...answer.flags);
    }
    state.plan = answer.plan;
    if (answer.plan && answer.plan.safety && answer.plan.safety.notice) $("notice").textContent = answer.plan.safety.notice;
    render();
  }

  // --- reading a pasted or uploaded conversation -----------------------------------------------------
  function parseConversation(raw, defaultSpeaker) {
    const text = raw.trim();
    if (!text) return [];
    if (text.startsWith("{") || text.startsWith("[")) {
      try {
        const data = JSON.parse(text);
        const items = Array.isArray(data) ? data : data.utterances;
        if (Array.isArray(items)) return items.map((u) => normalise(u, defaultSpeaker));
      } catch (e) { /* JSON lines, or plain text that starts with a bracket */ }
    }
    const utterances = [];
    for (const line of text.split(/\r?\n/)) {
      if (!line.trim()) continue;
      if (line.trim().startsWith("{")) {
        try { utterances.push(normalise(JSON.parse(line), defaultSpeaker)); continue; } catch (e) { /* plain */ }
      }
      const match = line.match(/^\s*([^:]{1,60}?)\s*:\s*(.+)$/);
      utterances.push(match ? { speaker: match[1], text: match[2].trim() } : { speaker: defaultSpeaker, text: line.trim() });
    }
    return utterances;
  }

  function normalise(item, defaultSpeaker) {
    if (typeof item === "string") return { speaker: defaultSpeaker, text: item };
    const utterance = { speaker: String(item.speaker || defaultSpeaker), text: String(item.text ?? "") };
    if (item.timestamp !== undefined && item.timestamp !== null) utterance.timestamp = item.timestamp;
    if (item.id !== undefined && item.id !== null) utterance.id = String(item.id);
    return utterance;
  }

  async function submitPasted() {
    const utterances = parseConversation($("paste").value, $("speaker").value.trim() || "user");
    if (!utterances.length) throw new Error("nothing to append: paste or upload a conversation first");
    setStatus(`appending ${utterances.length} utterances…`, "busy");
    for (const utterance of utterances) await append(utterance);
    setStatus(`${state.known} turns`, "live");
  }

  // --- drawing ----------------------------------------------------------------------------------------
  function render() {
    renderTurns();
    renderChart();
    renderFlags();
    renderPlan();
  }

  // The turn's text read alone: its labels (those at their thresholds) when the turn carries them, else (a turn
  // stored by an earlier build) its most probable emotions
  function topLabels(turn, n) {
    const emotions = turn.emotions || {};
    if (Array.isArray(turn.labels)) return turn.labels.slice(0, n).map((label) => [label, emotions[label] || 0]);
    return Object.entries(emotions).filter(([label]) => label !== "neutral")
      .sort((a, b) => b[1] - a[1]).slice(0, n);
  }

  function renderTurns() {
    const body = $("turns").querySelector("tbody");
    body.replaceChildren();
    for (const turn of state.turns) {
      if (!turn) continue;
      const flags = state.flags.filter((f) => f.turn === turn.index);
      const causes = el("td", { class: "causes" });
      for (const cause of turn.causes || []) {
        const link = el("a", { href: `#turn-${cause.turn}`, class: "cause", "data-cause-turn": String(cause.turn),
          title: `score ${cause.score}` }, `#${cause.turn}`);
        link.addEventListener("click", (event) => { event.preventDefault(); highlight(cause.turn); });
        causes.append(link, " ", el("q", {}, cause.span), el("br"));
      }
      const row = el("tr", { id: `turn-${turn.index}`, "data-turn": String(turn.index), "data-speaker": turn.speaker,
                             class: flags.length ? "flagged" : "" },
        el("td", {}, String(turn.index)),
        el("td", {}, el("span", { class: "swatch", style: `background:${colourOf(turn.speaker)}` }), " ", turn.speaker),
        el("td", { class: "text" }, turn.text),
        el("td", { class: "emotion" }, turn.emotion, el("small", {}, ` ${Math.round(100 * (turn.ekman[turn.emotion] || 0))}%`)),
        el("td", { class: "labels" }, topLabels(turn, 3).map(([l, p]) => `${l} ${Math.round(100 * p)}%`).join(", ")),
        el("td", { class: "num" }, signed(turn.vad.valence)),
        el("td", { class: "num" }, signed(turn.vad.arousal)),
        causes,
        el("td", {}, ...flags.map((f) => el("span", { class: `badge ${f.severity}`, title: f.message }, f.kind))));
      body.append(row);
    }
  }

  function highlight(index) {
    const row = $(`turn-${index}`);
    if (!row) return;
    for (const other of document.querySelectorAll("tr.highlight")) other.classList.remove("highlight");
    row.classList.add("highlight");
    row.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  // Two panels (valence above, arousal below) sharing the turn axis; one line per speaker through their
  // smoothed trajectory, a dot per turn (hover: the turn, its emotion and the raw value).
  function renderChart() {
    const chart = $("chart");
    chart.replaceChildren();
    const width = 760, left = 48, right = 16, top = 14, panel = 118, gap = 30;
    const turns = state.turns.filter(Boolean).length;
    const last = Math.max(1, turns - 1);
    const x = (turn) => left + (width - left - right) * (turn / last);
    const dims = [["valence", top], ["arousal", top + panel + gap]];
    for (const [dim, y0] of dims) {
      const y = (v) => y0 + panel * (1 - (Math.max(-1, Math.min(1, v)) + 1) / 2);
      chart.append(svg("rect", { x: left, y: y0, width: width - left - right, height: panel, class: "plot" }));
      for (const v of [-1, 0, 1]) {
        chart.append(svg("line", { x1: left, x2: width - right, y1: y(v), y2: y(v), class: v === 0 ? "zero" : "grid" }));
        chart.append(svg("text", { x: left - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" }, signed(v).replace(".00", "")));
      }
      chart.append(svg("text", { x: 4, y: y0 + panel / 2, class: "axis-label" }, dim));
      const ticks = Math.min(turns, 12);
      for (let i = 0; i < ticks; i++) {
        const turn = Math.round((i * last) / Math.max(1, ticks - 1));
        chart.append(svg("text", { x: x(turn), y: y0 + panel + 13, class: "tick", "text-anchor": "middle" }, String(turn)));
      }
      for (const [speaker, summary] of Object.entries(state.speakers)) {
        const points = summary.trajectory || [];
        if (!points.length) continue;
        const colour = colourOf(speaker);
        const group = svg("g", { class: "series", "data-speaker": speaker, "data-dimension": dim });
        group.append(svg("polyline", { points: points.map((p) => `${x(p.turn)},${y(p[dim])}`).join(" "),
                                       fill: "none", stroke: colour, "stroke-width": 2 }));
        for (const p of points) {
          const raw = state.turns[p.turn];
          const dot = svg("circle", { cx: x(p.turn), cy: y(p[dim]), r: 4, fill: colour, class: "point",
                                      "data-turn": p.turn, "data-speaker": speaker });
          dot.append(svg("title", {}, `turn ${p.turn} (${speaker}): ${p.emotion}, smoothed ${dim} ${signed(p[dim])}` +
                                      (raw ? `, this turn ${signed(raw.vad[dim])}` : "")));
          dot.addEventListener("click", () => highlight(p.turn));
          group.append(dot);
        }
        chart.append(group);
      }
    }
    const legend = $("legend");
    legend.replaceChildren(...Object.keys(state.speakers).map((speaker) => el("span", { class: "key" },
      el("span", { class: "swatch", style: `background:${colourOf(speaker)}` }), " ", speaker,
      el("small", { class: "muted" }, ` ${state.speakers[speaker].arc || ""}`))));
  }

  function renderFlags() {
    const list = $("flags");
    list.replaceChildren(...state.flags.map((f) => {
      const link = el("a", { href: `#turn-${f.turn}` }, `turn ${f.turn}`);
      link.addEventListener("click", (event) => { event.preventDefault(); highlight(f.turn); });
      return el("li", { class: `flag ${f.severity}`, "data-turn": String(f.turn), "data-kind": f.kind },
        el("span", { class: `badge ${f.severity}` }, f.kind), " ", f.message, " · ", link, ` (${f.speaker})`,
        f.evidence ? el("q", {}, f.evidence) : null);
    }));
    $("no-flags").hidden = state.flags.length > 0;
  }

  function list(title, items) {
    if (!items || !items.length) return null;
    return el("div", {}, el("h3", {}, title), el("ul", {}, ...items.map((item) => el("li", {}, item))));
  }

  function renderPlan() {
    const box = $("plan");
    const plan = state.plan;
    if (!plan) {
      box.replaceChildren(el("p", { class: "muted" }, state.turns.length
        ? "No plan: every turn so far is the agent's." : "Appears after the first utterance that is not the agent's."));
      return;
    }
    const strategies = Object.entries(plan.strategy.probabilities).sort((a, b) => b[1] - a[1]);
    const bars = el("div", { class: "bars" }, ...strategies.map(([name, p]) => el("div", { class: "bar-row" },
      el("span", { class: name === plan.strategy.choice ? "bar-label chosen" : "bar-label" }, name),
      el("span", { class: "bar", style: `width:${Math.round(160 * p)}px` }),
      el("small", {}, ` ${Math.round(100 * p)}%`))));
    const target = plan.target;
    box.replaceChildren(
      plan.safety && plan.safety.escalate
        ? el("p", { class: "escalate", id: "escalate" }, "Escalate: this conversation needs a person's attention.") : null,
      el("p", { id: "plan-summary" }, "mode ", el("strong", { id: "plan-mode" }, plan.mode), " · strategy ",
        el("strong", { id: "plan-strategy" }, plan.strategy.choice), " · target ",
        el("strong", {}, target.emotion), ` (V ${signed(target.vad.valence)}, A ${signed(target.vad.arousal)})`),
      bars,
      list("Acknowledge", plan.acknowledge),
      list("Guidance", plan.guidance),
      list("Boundaries", plan.boundaries),
      list("Why this target", target.rationale));
  }

  // --- wiring -----------------------------------------------------------------------------------------
  function guarded(action) {
    return async (event) => {
      if (event) event.preventDefault();
      showError("");
      try { await action(); } catch (error) { showError(error.message); setStatus("error", "error"); }
    };
  }

  function init() {
    const saved = sessionStorage.getItem("affectkit-key");
    if (saved) $("key").value = saved;
    $("key").addEventListener("change", () => sessionStorage.setItem("affectkit-key", $("key").value.trim()));
    $("new-conversation").addEventListener("click", guarded(newConversation));
    $("open-conversation").addEventListener("click", guarded(() => {
      const id = $("conversation-id").value.trim();
      if (!id) throw new Error("enter a conversation id to open");
      return openConversation(id);
    }));
    $("submit-paste").addEventListener("click", guarded(submitPasted));
    $("upload").addEventListener("change", guarded(async () => {
      const file = $("upload").files[0];
      if (file) $("paste").value = await file.text();
    }));
    $("live").addEventListener("submit", guarded(async () => {
      const text = $("text").value;
      if (!text.trim()) return;
      readSettings();
      $("text").value = "";
      await append({ speaker: $("speaker").value.trim() || "user", text });
      setStatus(`${state.known} turns`, "live");
    }));
    render();
  }

  document.addEventListener("DOMContentLoaded", init);
  // for tests and the curious
  window.affectkitDashboard = { state, parseConversation, append, stream: () => stream };
})();
