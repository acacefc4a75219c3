"use strict";
// Operations dashboard. Plain JS, no build step. Served with a strict Content-Security-Policy (script-src 'self',
// style-src 'self'): no inline scripts, styles, style attributes or on* attributes, no eval; handlers are attached
// with addEventListener, elements are shown and hidden with the hidden property, every value is inserted as text
// (never as HTML).
const $ = (id) => document.getElementById(id);
const TOKEN_KEY = "ghlsync.token";
const tokenInput = $("token");
tokenInput.value = sessionStorage.getItem(TOKEN_KEY) || "";
let committedToken = tokenInput.value.trim();

// Who the service says we are (GET /api/auth/whoami): null until known or after a 401.
let who = null;
// Bumped on every sign-in and sign-out: answers that arrive for an older token are dropped, so a slow reply made
// with a previous (e.g. writing) token can never draw buttons for the current one.
let generation = 0;

const canRead = () => who !== null && who.scopes.has("ops:read");
const canWrite = () => who !== null && who.scopes.has("ops:write");

class HttpError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(method, path, body) {
  const headers = { "Accept": "application/json" };
  const token = tokenInput.value.trim();
  if (token) headers["Authorization"] = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(path, { method, headers, cache: "no-store",
    body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const detail = Array.isArray(json.details) && json.details.length > 0 ? json.details[0].message : null;
    throw new HttpError(res.status,
      (json.error || res.statusText) + (detail ? ": " + detail : "") + " (HTTP " + res.status + ")");
  }
  return json;
}

function say(text, isError) {
  const m = $("message");
  m.textContent = text;
  m.className = isError ? "badge error" : "";
}

function cell(row, text, cls) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "" : String(text);
  if (cls) td.className = cls;
  row.appendChild(td);
  return td;
}

function list(id, items) {
  const ul = $(id);
  ul.replaceChildren(...items.map((t) => { const li = document.createElement("li"); li.textContent = t; return li; }));
}

// ---- who is signed in, and what the page shows for it --------------------------------------------------------

function showWho() {
  const el = $("whoami");
  if (who === null) {
    el.textContent = "not signed in";
  } else if (who.authenticationOff) {
    el.textContent = "authentication off (development)";
  } else {
    const name = document.createElement("b");
    name.textContent = who.subject;
    const scopes = [...who.scopes].sort().join(" ");
    el.replaceChildren("signed in as ", name, " · scopes: " + (scopes || "none"));
  }
}

function applyAccess() {
  showWho();
  $("token-field").hidden = who !== null && who.authenticationOff;
  tokenInput.classList.remove("refused");
  $("sign-in").hidden = true;
  $("no-read").hidden = who === null || canRead();
  $("ops").hidden = !canRead();
  for (const el of document.querySelectorAll(".write-only")) el.hidden = !canWrite();
  if (!canWrite()) {
    // rows drawn for an earlier token must not keep their buttons
    for (const b of document.querySelectorAll("#dead-letters button")) b.remove();
  }
}

/** No (valid) token: hide all data and ask for one. */
function askForToken(reason) {
  generation++;
  who = null;
  applyAccess();
  $("dead-letters").replaceChildren();
  $("token-field").hidden = false;
  $("sign-in-reason").textContent = reason;
  $("sign-in").hidden = false;
  tokenInput.classList.toggle("refused", tokenInput.value.trim() !== "");
  say("");
  tokenInput.focus();
}

/** Asks the service who the current token belongs to, then shows what that token may see and do. */
async function signIn() {
  const gen = ++generation;
  let me;
  try {
    const r = await api("GET", "/api/auth/whoami");
    me = r.data && typeof r.data === "object" && "scopes" in r.data ? r.data : r;
  } catch (e) {
    if (gen !== generation) return;
    if (e.status === 401) {
      askForToken(tokenInput.value.trim() === ""
        ? "The service needs a bearer token."
        : "The service refused this token (" + e.message + "). Paste a new token.");
    } else {
      say("Could not check the token: " + e.message, true);
    }
    return;
  }
  if (gen !== generation) return;
  who = {
    subject: String(me.subject ?? ""),
    scopes: new Set(Array.isArray(me.scopes) ? me.scopes : []),
    authenticationOff: me.authentication === "off",
  };
  applyAccess();
  if (canRead()) {
    await refresh();
  } else {
    say("");
  }
}

function commitToken() {
  const token = tokenInput.value.trim();
  if (token === committedToken) return;
  committedToken = token;
  if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
  signIn();
}

/** A data call failed: 401 means the token is gone or expired, anything else is shown as it is. */
function failed(e) {
  if (e.status === 401) {
    askForToken("The service no longer accepts this token (" + e.message + "). Paste a new token.");
  } else {
    say(e.message, true);
  }
}

// ---- the cards ------------------------------------------------------------------------------------------------

async function loadStatus(gen) {
  const d = (await api("GET", "/gohighlevel-sync-monitor?action=status")).data;
  if (gen !== generation) return;
  $("total").textContent = d.totalSyncs;
  $("successful").textContent = d.successful;
  $("failed").textContent = d.failed;
  $("rate").textContent = d.successRate + " %";
  $("dlq").textContent = d.deadLetterQueueSize;
  const badge = $("health-status");
  badge.textContent = d.systemHealth.status;
  badge.className = "badge " + d.systemHealth.status;
  list("issues", d.systemHealth.issues);
  list("recommendations", d.recommendations);
  const recent = $("recent");
  recent.replaceChildren();
  for (const f of d.recentFailures) {
    const tr = document.createElement("tr");
    cell(tr, f.appointmentId); cell(tr, f.error, "err"); cell(tr, f.attempts); cell(tr, f.lastAttempt);
    recent.appendChild(tr);
  }
}

async function loadDeadLetters(gen) {
  const status = $("dl-status").value;
  const res = await api("GET", "/api/dead-letters?limit=200" + (status ? "&status=" + status : ""));
  if (gen !== generation) return;
  const body = $("dead-letters");
  body.replaceChildren();
  for (const e of res.data) {
    const tr = document.createElement("tr");
    tr.dataset.id = e.id;
    cell(tr, e.id); cell(tr, e.appointmentId); cell(tr, e.action); cell(tr, e.errorClass);
    cell(tr, e.error, "err"); cell(tr, e.attempts); cell(tr, e.replayCount); cell(tr, e.status);
    cell(tr, e.nextReplayAt);
    const actions = cell(tr, "");
    if (canWrite() && (e.status === "OPEN" || e.status === "PARKED")) {
      const replay = document.createElement("button");
      replay.textContent = "Replay";
      replay.className = "replay";
      replay.addEventListener("click", () => act(() => api("POST", "/api/dead-letters/" + e.id + "/replay"),
        (r) => "Dead letter " + e.id + ": " + r.outcome));
      const discard = document.createElement("button");
      discard.textContent = "Discard";
      discard.className = "discard";
      discard.addEventListener("click", () => {
        const reason = prompt("Why discard dead letter " + e.id + "?");
        if (reason) act(() => api("POST", "/api/dead-letters/" + e.id + "/discard", { reason }),
          () => "Dead letter " + e.id + " discarded");
      });
      actions.append(replay, " ", discard);
    }
    body.appendChild(tr);
  }
}

// Small line charts in inline SVG: one x step per minute, a gap where a value is null (no data that minute).
const SVG_NS = "http://www.w3.org/2000/svg";
function svg(name, attrs, text) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

function niceMax(v) {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  return [1, 2, 5, 10].map((m) => m * p).find((n) => n >= v);
}

function lineChart(el, minutes, series, format, minMax) {
  const W = 560, H = 170, L = 52, R = 10, T = 8, B = 22;
  const values = series.flatMap((s) => s.values).filter((v) => v !== null);
  const max = niceMax(Math.max(minMax, ...values));
  const x = (i) => L + (W - L - R) * (minutes.length > 1 ? i / (minutes.length - 1) : 1);
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const parts = [];
  for (const f of [0, 0.5, 1]) {
    parts.push(svg("line", { class: "grid", x1: L, x2: W - R, y1: y(max * f), y2: y(max * f) }));
    parts.push(svg("text", { class: "axis", x: L - 6, y: y(max * f) + 4, "text-anchor": "end" }, format(max * f)));
  }
  const hhmm = (i) => new Date(minutes[i]).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const last = minutes.length - 1;
  [[0, "start"], [Math.round(last / 2), "middle"], [last, "end"]].forEach(([i, anchor]) =>
    parts.push(svg("text", { class: "axis", x: x(i), y: H - 6, "text-anchor": anchor }, hhmm(i))));
  for (const s of [...series].reverse()) { // the first series is drawn last, on top
    let d = "";
    s.values.forEach((v, i) => {
      if (v === null) return;
      const prev = i > 0 && s.values[i - 1] !== null, next = i < last && s.values[i + 1] !== null;
      d += (prev ? "L" : "M") + x(i).toFixed(1) + " " + y(v).toFixed(1);
      // a minute with no neighbour would be invisible as a line: show it as a dot
      if (!prev && !next) parts.push(svg("circle", { class: s.cls, cx: x(i), cy: y(v), r: 3, fill: "currentColor" }));
    });
    parts.push(svg("path", { class: "line " + s.cls, d }));
  }
  const step = (W - L - R) / Math.max(1, last);
  minutes.forEach((m, i) => {
    const r = svg("rect", { class: "hover", x: x(i) - step / 2, y: T, width: step, height: H - T - B });
    r.appendChild(svg("title", {}, hhmm(i) + "  " + series.map((s) =>
      s.label + " " + (s.values[i] === null ? "–" : format(s.values[i]))).join(", ")));
    parts.push(r);
  });
  el.replaceChildren(...parts);
}

const count = (v) => Number.isInteger(v) ? String(v) : v.toFixed(1);
const millis = (v) => v >= 1000 ? +(v / 1000).toFixed(1) + " s" : Math.round(v) + " ms";
const age = (s) => s < 90 ? s + " s" : s < 5400 ? Math.round(s / 60) + " min" : +(s / 3600).toFixed(1) + " h";
const num = (v) => v === null || v === undefined ? "–" : Number(v).toLocaleString("en-US");

async function loadTimeline(gen) {
  const d = (await api("GET", "/api/ops/timeline?minutes=60")).data;
  if (gen !== generation) return;
  $("tl-done").textContent = num(d.totals.done);
  $("tl-dead").textContent = num(d.totals.dead);
  $("backlog-pending").textContent = num(d.backlog.pending);
  $("backlog-processing").textContent = num(d.backlog.processing);
  $("backlog-oldest").textContent = d.backlog.pending + d.backlog.processing > 0 ? age(d.backlog.oldestAgeSeconds) : "–";
  const minutes = d.buckets.map((b) => b.minute);
  lineChart($("chart-throughput"), minutes, [
    { label: "done", cls: "s-done", values: d.buckets.map((b) => b.done) },
    { label: "dead", cls: "s-dead", values: d.buckets.map((b) => b.dead) }], count, 2);
  lineChart($("chart-latency"), minutes, [
    { label: "p50", cls: "s-p50", values: d.buckets.map((b) => b.latencyP50Ms) },
    { label: "p95", cls: "s-p95", values: d.buckets.map((b) => b.latencyP95Ms) }], millis, 100);
}

async function loadBudget(gen) {
  const d = (await api("GET", "/api/ops/ghl-budget")).data;
  if (gen !== generation) return;
  $("budget-limits").textContent = "limits: " + num(d.limits.burstMax) + " per "
    + +(d.limits.burstPeriodMs / 1000).toFixed(2) + " s, " + num(d.limits.dailyMax) + " per day";
  const body = $("budget-rows");
  body.replaceChildren();
  if (d.locations.length === 0) {
    const tr = document.createElement("tr");
    cell(tr, "No GHL calls since the service started").colSpan = 6;
    body.appendChild(tr);
  }
  for (const b of d.locations) {
    const tr = document.createElement("tr");
    tr.dataset.location = b.locationId;
    cell(tr, b.locationId);
    cell(tr, b.burstRemaining === null ? "–" : num(b.burstRemaining) + " of " + num(b.burstMax ?? d.limits.burstMax), "num burst");
    cell(tr, num(b.dailyRemaining), "num daily");
    cell(tr, num(b.sentToday), "num sent");
    cell(tr, num(b.rateLimited), "num limited");
    cell(tr, b.pausedUntil ? new Date(b.pausedUntil).toLocaleTimeString() : "–", b.pausedUntil ? "paused" : "");
    body.appendChild(tr);
  }
}

async function act(call, describe) {
  const gen = generation;
  try {
    const r = await call();
    if (gen === generation) say(describe(r));
  } catch (e) {
    if (gen === generation) failed(e);
  }
  await refresh(true);
}

async function refresh(keepMessage) {
  if (!canRead()) return;
  const gen = generation;
  try {
    await Promise.all([loadStatus(gen), loadTimeline(gen), loadBudget(gen), loadDeadLetters(gen)]);
    if (gen === generation && !keepMessage) say("Updated " + new Date().toLocaleTimeString());
  } catch (e) {
    if (gen === generation) failed(e);
  }
}

// Replays every waiting (OPEN or PARKED) dead letter, up to 1,000 per click, like the monitor's former
// GET ?action=retry. The endpoint refuses an empty body on purpose; {"limit": 1000} is the explicit "all waiting".
function replayAll() {
  act(() => api("POST", "/api/dead-letters/replay", { limit: 1000 }), (r) =>
    "Re-queued " + r.replayed + " failed sync(s)"
      + (r.superseded > 0 ? ", skipped " + r.superseded + " superseded by newer changes" : "")
      + (r.rescheduled > 0 ? ", " + r.rescheduled + " could not be re-queued" : ""));
}

tokenInput.addEventListener("change", commitToken);
tokenInput.addEventListener("keydown", (e) => { if (e.key === "Enter") commitToken(); });
$("refresh").addEventListener("click", () => (canRead() ? refresh() : signIn()));
$("dl-status").addEventListener("change", () => refresh());
$("replay-all").addEventListener("click", replayAll);
showWho();
signIn();
setInterval(() => refresh(true), 15000);
