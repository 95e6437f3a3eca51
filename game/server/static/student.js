// Strategic Convergence — the student page. Plain JavaScript, no build step, no CDN.
// Every text from the server goes in with textContent, never as HTML.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const SEAT = "convergence-seat";
  let ws = null, seat = null, state = null, nextId = 1, retry = 0;
  let picks = {};            // slot -> {option, note}
  let presenting = null;     // role whose decisions are shown
  let handedOver = null;     // role that confirmed the hand-over (hot-seat)
  let sending = false;

  const { el, clear } = window.SC;  // dom.js

  function setConn(text, cls) { const c = $("conn"); c.textContent = text; c.className = "chip " + (cls || ""); }

  function connect() {
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    ws = new WebSocket(proto + "//" + location.host + "/ws");
    setConn("connecting…", "warn");
    ws.onopen = () => { retry = 0; ws.send(JSON.stringify(Object.assign({ t: "join" }, seat))); };
    ws.onmessage = (ev) => onMessage(JSON.parse(ev.data));
    ws.onclose = () => {
      ws = null;
      if (!seat) return;
      setConn("reconnecting…", "warn");
      retry = Math.min(retry + 1, 5);
      setTimeout(connect, 700 * retry);
    };
  }

  function onMessage(m) {
    if (m.t === "joined") {
      seat.key = m.key; seat.code = m.code; seat.group = m.group;
      localStorage.setItem(SEAT, JSON.stringify(seat));
      setConn("connected", "ok");
      $("group").textContent = "Group " + m.group + " · class " + m.code;
      $("leave").hidden = false;
      $("join").hidden = true;
    } else if (m.t === "state") {
      render(m);
    } else if (m.t === "ack") {
      sending = false; picks = {};
    } else if (m.t === "forecast") {
      showForecast(m);
    } else if (m.t === "error") {
      sending = false;
      if (!state) {          // could not join: back to the form
        const stale = seat && seat.key;
        seat = null; localStorage.removeItem(SEAT);
        if (ws) ws.close();
        showJoin(stale ? "Your saved seat is no longer valid: join again." : m.message);
      } else {
        const box = $("decerror");
        if (box) box.textContent = m.message; else alert(m.message);
      }
    }
  }

  function showJoin(message) {
    $("join").hidden = false; $("game").hidden = true; $("end").hidden = true; $("main").className = "";
    $("leave").hidden = true; setConn("not connected");
    $("joinerror").textContent = message || "";
    $("code").focus();
  }

  function render(s) {
    const turnChanged = !state || state.turn !== s.turn;
    state = s;
    $("title").textContent = s.scenario.title;
    document.title = s.scenario.title + " — " + s.group;
    const chips = clear($("rolechips"));
    for (const r of s.roles) chips.append(el("span", { class: "chip " + r, text: s.role_names[r] }), " ");
    if (s.over) { renderEnd(s); return; }
    $("turn").textContent = s.label + " · turn " + s.turn + " of " + s.turns;
    $("game").hidden = false; $("end").hidden = true; $("main").className = "app";
    $("paused").hidden = !s.paused;
    renderIndicators(s); renderMap(s); renderNews(s); renderChanges($("changes"), s.last); renderBriefing(s);
    if (turnChanged) { picks = {}; handedOver = null; }
    renderDecisions(s);
  }

  function renderIndicators(s) {
    const body = clear($("indicators").tBodies[0]);
    for (const i of s.indicators) {
      let cls = "flat";
      if (i.change) cls = (i.change > 0 ? "up" : "down") + "-" + ((i.change > 0) === (i.want > 0) || i.want === 0 ? "good" : "bad");
      // the server words the values as the desktop does ($212.0bn, 18%, +3.5)
      body.append(el("tr", {},
        el("td", { text: i.label }),
        el("td", { class: "v", text: i.shown }),
        el("td", { class: "c " + cls, text: i.change ? i.shown_change : "" })));
    }
    const lad = clear($("ladders"));
    for (const l of s.ladders) {
      const p = el("p", { class: "ladder" }, l.label + ": ");
      l.rungs.forEach((r, k) => { p.append(k === l.at ? el("b", { text: r }) : r); if (k < l.rungs.length - 1) p.append(" › "); });
      lad.append(p);
    }
  }

  let mapData = null, mapAsked = false;
  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }
  function renderMap(s) {
    if (!mapData) {
      if (!mapAsked) {
        mapAsked = true;
        fetch("/map.json").then((r) => r.json()).then((d) => { mapData = d; if (state) renderMap(state); }).catch(() => {});
      }
      return;
    }
    const [x0, y0, x1, y1] = mapData.bbox;
    const W = 600, H = Math.round(W * (y1 - y0) / (x1 - x0) * 0.8);
    const px = (lon) => ((lon - x0) / (x1 - x0)) * W;
    const py = (lat) => ((y1 - lat) / (y1 - y0)) * H;
    const path = (rings) => rings.map((ring) => "M" + ring.map(([lo, la]) => px(lo).toFixed(1) + "," + py(la).toFixed(1)).join("L") + "Z").join("");
    const lit = new Set(s.hotspots);
    const root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img" });
    for (const c of mapData.countries) root.append(svg("path", { d: path(c.rings), class: "land" }));
    for (const z of mapData.zones) root.append(svg("path", { d: path(z.rings), class: "zone" + (lit.has(z.id) ? " lit" : "") }));
    const names = [];
    for (const p of mapData.places) {
      const x = px(p.lon), y = py(p.lat);
      if (lit.has(p.id)) {
        root.append(svg("circle", { cx: x, cy: y, r: 11, class: "glow" }), svg("circle", { cx: x, cy: y, r: 4.5, class: "lit" }));
        const t = svg("text", { x: x + 9, y: y - 7 }); t.textContent = p.label; root.append(t);
      } else root.append(svg("circle", { cx: x, cy: y, r: 2, class: "place" }));
    }
    for (const z of mapData.zones) if (lit.has(z.id)) names.push(z.label);
    for (const p of mapData.places) if (lit.has(p.id)) names.push(p.label);
    root.setAttribute("aria-label", names.length ? "Map. Hot spots this turn: " + names.join(", ") : "Map. No hot spot this turn.");
    clear($("map")).append(root);
    $("maplist").textContent = (names.length ? "This turn: " + names.join(" · ") + ". " : "") + "Boundaries are illustrative, not authoritative.";
  }

  function renderNews(s) {
    const box = clear($("news"));
    if (!s.news.length) box.append(el("p", { class: "muted", text: "No news this turn." }));
    for (const n of s.news) {
      box.append(el("article", {}, el("h3", { text: n.title }), n.text ? el("p", { text: n.text }) : null,
        n.actor ? el("span", { class: "src", text: n.actor }) : null));
    }
  }

  function renderChanges(box, last) {
    clear(box);
    if (!last || last.turn < 1) { box.append(el("p", { class: "muted", text: "Nothing has happened yet: the first turn is yours." })); return; }
    if (last.choices.length) {
      box.append(el("p", { class: "muted", text: "Turn " + last.turn + ": " + last.choices.map((c) => c.role + " chose “" + c.option + "”").join("; ") }));
    }
    const ul = el("ul", { class: "changes" });
    for (const ch of last.changes) {
      const inner = el("ul");
      for (const c of ch.causes) inner.append(el("li", { text: c.shown + "  " + c.label }));
      ul.append(el("li", {}, el("strong", { text: ch.label + ": " + ch.shown }), inner));
    }
    if (!last.changes.length) ul.append(el("li", { text: "Nothing moved." }));
    box.append(ul);
  }

  function renderBriefing(s) {
    const b = clear($("brieftext"));
    b.append(el("p", { text: s.scenario.summary }));
    for (const x of s.briefings) b.append(el("h3", { text: x.name }), el("p", { text: x.text }));
    if (s.turn === 1 && !s.last.turn) $("briefing").open = true;
    const o = clear($("objectives"));
    for (const x of s.objectives) o.append(el("li", { text: x.role + ": " + x.label + (x.primary ? " (main aim)" : "") }));
  }

  function renderDecisions(s) {
    const box = clear($("decisions"));
    const roles = s.roles.filter((r) => s.decisions[r] && s.decisions[r].length);
    if (!roles.length) {
      const who = s.waiting.length ? "Waiting for " + s.waiting.join(" and ") + " to decide." :
        (s.decided.length ? "Your decisions are in. The turn resolves in a moment." : "No decision is due for you this turn.");
      box.append(el("div", { class: "waiting", role: "status" }, el("p", { class: "big", text: who }),
        s.free_seats.length ? el("p", { class: "muted", text: "The other group joins with the group name “" + s.group + "”." }) : null));
      return;
    }
    const role = roles[0];
    if (s.roles.length > 1 && presenting !== role && handedOver !== role && s.decided.length) {
      box.append(el("div", { class: "waiting" },
        el("p", { class: "big", text: "Hand the screen to " + s.role_names[role] + "." }),
        el("p", { class: "muted", text: "The other side looks away." }),
        el("button", { class: "btn primary", type: "button", onclick: () => { handedOver = role; presenting = role; renderDecisions(state); },
          text: "I play " + s.role_names[role] + ": show my decisions" })));
      box.querySelector("button").focus();
      return;
    }
    presenting = role;
    const decs = s.decisions[role];
    const cap = (s.capital || {})[role];
    dropUnaffordable(decs, cap);
    if (cap) box.append(el("p", { class: "capital", id: "capital" }, el("strong", { text: cap.text }), cap.regen ? " (" + cap.regen + ")" : ""));
    const promises = (s.commitments || {})[role] || [];
    if (promises.length) {
      const list = el("ul", { class: "commitments", "aria-label": "Commitments" });
      for (const line of promises) list.append(el("li", { text: line }));
      box.append(el("details", { class: "commitments" }, el("summary", { text: "Commitments (" + promises.length + ")" }), list));
    }
    for (const d of decs) {
      const sec = el("section", { class: "decision", "aria-label": d.title });
      sec.append(el("h3", { text: (decs.length > 1 ? (d.slot + 1) + " · " : "") + d.title }));
      if (d.text) sec.append(el("p", { class: "text", text: d.text }));
      const staged = cap ? stagedCost(decs, d.slot) : 0;
      if (cap && staged > 0) sec.append(el("p", { class: "capital staged", text: fill(cap.words.staged, { name: cap.Name, left: Math.max(cap.value - staged, 0).toFixed(1), max: num(cap.max) }) }));
      const group = el("div", { role: "group", "aria-label": "Options for " + d.title });
      d.options.forEach((o, k) => {
        const chosen = picks[d.slot] && picks[d.slot].option === k;
        const why = tooDear(cap, o, staged);
        const b = el("button", { class: "option", type: "button", "aria-pressed": String(!!chosen), "data-slot": d.slot, "data-k": k,
          onclick: () => { picks[d.slot] = { option: k, note: (picks[d.slot] || {}).note || "" }; renderDecisions(state); focusOption(d.slot, k); } },
          el("span", { class: "n", "aria-hidden": "true", text: String(k + 1) }),
          el("span", {}, el("span", { class: "l", text: o.label + (o.legal || why ? "" : " (not available now)") },
            o.chip ? el("span", { class: "cost" + (why ? " dear" : ""), text: o.chip }) : null),
          why ? el("span", { class: "why", text: why }) : null,
          o.text ? el("span", { class: "d", text: o.text }) : null,
          ...(o.notes || []).map((n) => el("span", { class: "promise " + n.kind, text: n.text }))));
        if (!o.legal || why) b.disabled = true;
        group.append(b);
      });
      sec.append(group);
      const noteId = "note-" + d.slot;
      const note = el("textarea", { id: noteId, rows: "2", maxlength: "300",
        placeholder: s.settings.notes_required ? "Why? (your teacher asks for a reason)" : "Why? (optional, for the debrief)" });
      note.value = (picks[d.slot] || {}).note || "";
      note.addEventListener("input", () => { picks[d.slot] = Object.assign(picks[d.slot] || { option: null }, { note: note.value }); });
      sec.append(el("label", { class: "field", for: noteId }, el("span", { text: "Your reason" }), note));
      const tools = el("div", { class: "actions" });
      if (s.settings.forecasts) {
        tools.append(el("button", { class: "btn", type: "button", text: "Forecast this decision",
          onclick: () => send({ t: "forecast", role: role, slot: d.slot }) }));
        const a = (s.assessments || {})[role];
        if (a) tools.append(el("span", { class: "muted assess-left", "data-role": role, text: assessLeft(a) }));
      }
      sec.append(tools, el("div", { class: "forecast", id: "fc-" + d.slot, "aria-live": "polite" }));
      box.append(sec);
    }
    const all = decs.every((d) => picks[d.slot] && picks[d.slot].option != null);
    const sendBtn = el("button", { class: "btn primary", type: "button", id: "send", text: "Send " + s.role_names[role] + "’s decision" + (decs.length > 1 ? "s" : ""),
      onclick: () => submit(role, decs) });
    sendBtn.disabled = !all || sending || s.paused;
    box.append(el("div", { class: "actions" }, sendBtn, el("span", { class: "muted", text: decs.length + " decision" + (decs.length > 1 ? "s" : "") + " · keys 1–" + Math.min(9, decs[0].options.length) + " choose" })),
      el("p", { class: "error", id: "decerror", role: "alert" }));
  }

  function num(x) { return String(Math.round(x * 1000) / 1000); }
  function fill(tpl, values) { return tpl.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m)); }
  function costOf(decs, slot) {
    const d = decs.find((x) => x.slot === slot), p = picks[slot];
    return d && p && p.option != null && d.options[p.option] ? d.options[p.option].cost : 0;
  }
  // what the options picked for the role's other decisions this turn cost together
  function stagedCost(decs, slot) { return decs.reduce((sum, d) => sum + (d.slot === slot ? 0 : costOf(decs, d.slot)), 0); }
  // why an option is too dear now (the same words as the game's), or ""
  function tooDear(cap, o, staged) {
    if (!cap || !(o.cost > 0) || o.cost <= cap.value - staged + 1e-9) return "";
    const left = Math.max(cap.value - staged, 0).toFixed(1);
    const t = fill(staged > 0 ? cap.words.dear_staged : cap.words.dear, { n: num(o.cost), name: cap.name, left: left });
    return t.charAt(0).toUpperCase() + t.slice(1);
  }
  // a pick the others now leave too dear is dropped (the last pick wins)
  function dropUnaffordable(decs, cap) {
    if (!cap) return;
    for (const d of decs) {
      const p = picks[d.slot];
      if (p && p.option != null && tooDear(cap, d.options[p.option], stagedCost(decs, d.slot))) p.option = null;
    }
  }

  function focusOption(slot, k) {
    const b = document.querySelector('.option[data-slot="' + slot + '"][data-k="' + k + '"]');
    if (b) b.focus();
  }

  function submit(role, decs) {
    const answers = decs.map((d) => ({ option: picks[d.slot].option, note: (picks[d.slot].note || "").trim() }));
    if (state.settings.notes_required && answers.some((a) => !a.note)) {
      $("decerror").textContent = "Your teacher asks for a reason with each decision."; return;
    }
    sending = true;
    send({ t: "decide", id: nextId++, role: role, turn: state.turn, answers: answers });
    $("send").disabled = true;
  }

  function assessLeft(a) {
    return a.left + " of " + a.per_turn + " assessment" + (a.per_turn === 1 ? "" : "s") + " left this turn";
  }

  function showForecast(m) {
    const box = $("fc-" + m.slot);
    if (!box) return;
    clear(box);
    if (m.assessments) {
      if (state && state.assessments && state.assessments[m.role]) state.assessments[m.role] = m.assessments;
      document.querySelectorAll('.assess-left[data-role="' + m.role + '"]').forEach((x) => { x.textContent = assessLeft(m.assessments); });
    }
    box.append(el("p", { class: "muted", text: "Each option played forward " + m.rollouts + " times: the chance of each aim by the end." }));
    const t = el("table");
    m.options.forEach((o, k) => {
      if (!o.legal) return;
      t.append(el("tr", {}, el("th", { colspan: "3", scope: "colgroup", text: (k + 1) + ". " + o.label })));
      o.objectives.forEach((x) => {
        const pct = Math.round(x.chance * 100);
        const bar = el("div", { class: "bar" }, el("i"));
        bar.firstChild.style.width = Math.max(0, Math.min(100, pct)) + "%";
        t.append(el("tr", {}, el("td", { text: x.label }), el("td", {}, bar), el("td", { text: pct + "%" })));
      });
    });
    box.append(t);
    for (const a of m.advisors) box.append(el("p", { text: a.label + " recommends " + (a.option + 1) + ": " + a.reason }));
  }

  function renderEnd(s) {
    $("game").hidden = true; $("end").hidden = false; $("main").className = "";
    $("turn").textContent = "The end";
    const e = s.ending;
    $("end-h").textContent = e.title;
    $("epilogue").textContent = e.epilogue;
    const sc = clear($("scores"));
    for (const r of e.roles) {
      const ul = el("ul", { class: "obj" });
      for (const o of r.objectives) ul.append(el("li", { class: o.met ? "met" : "", text: o.label + (o.met ? " — met" : " — not met") }));
      sc.append(el("section", { class: "panel" }, el("h2", { class: "label", text: r.name }), el("p", { class: "big", text: r.score + " / 100" }), ul));
    }
    renderChanges($("endchanges"), s.last);
    const q = clear($("questions"));
    for (const x of e.questions) q.append(el("li", { text: x }));
    $("end-h").tabIndex = -1; $("end-h").focus();
  }

  function send(m) { if (ws && ws.readyState === 1) ws.send(JSON.stringify(m)); }

  document.addEventListener("keydown", (ev) => {
    if (!state || state.over || ev.ctrlKey || ev.altKey || ev.metaKey) return;
    const t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
    const n = parseInt(ev.key, 10);
    if (n >= 1 && n <= 9 && presenting && state.decisions[presenting]) {
      const decs = state.decisions[presenting];
      const d = decs.find((x) => !(picks[x.slot] && picks[x.slot].option != null)) || decs[0];
      const cap = (state.capital || {})[presenting];
      if (d.options[n - 1] && d.options[n - 1].legal && !tooDear(cap, d.options[n - 1], cap ? stagedCost(decs, d.slot) : 0)) {
        picks[d.slot] = { option: n - 1, note: (picks[d.slot] || {}).note || "" };
        renderDecisions(state); focusOption(d.slot, n - 1); ev.preventDefault();
      }
    }
  });

  $("joinform").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const f = ev.target;
    seat = { code: f.code.value.trim(), group: f.group.value.trim(), players: f.players.value.trim(),
      role: f.role.value, opponent: f.opponent.value };
    $("joinerror").textContent = "";
    connect();
  });
  $("leave").addEventListener("click", () => {
    localStorage.removeItem(SEAT); seat = null; state = null;
    if (ws) ws.close();
    showJoin("You left the group. Its game stays on the server.");
  });

  try { seat = JSON.parse(localStorage.getItem(SEAT) || "null"); } catch (e) { seat = null; }
  if (seat && seat.key) { $("join").hidden = true; connect(); } else { seat = null; showJoin(""); }
})();
