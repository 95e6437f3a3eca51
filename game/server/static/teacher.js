// Strategic Convergence — the teacher's dashboard. Plain JavaScript, no build step.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const token = new URLSearchParams(location.search).get("token") || "";
  let ws = null, data = null, retry = 0;
  const chosenEvent = {};  // class code -> selected event id (kept across redraws)
  const chosenGroup = {};

  const { el, clear } = window.SC;  // dom.js

  const q = "?token=" + encodeURIComponent(token);
  $("report").href = "/teacher/report.html" + q;
  $("grades").href = "/teacher/grades.csv" + q;
  $("saves").href = "/teacher/saves.zip" + q;
  $("studenturl").textContent = location.origin + "/";

  function connect() {
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    ws = new WebSocket(proto + "//" + location.host + "/ws/teacher" + q);
    ws.onopen = () => { retry = 0; $("conn").textContent = "live"; $("conn").className = "chip ok"; };
    ws.onmessage = (ev) => {
      const m = JSON.parse(ev.data);
      if (m.t === "dashboard") render(m);
      else if (m.t === "error") $("error").textContent = m.message;
      else if (m.t === "ok") $("error").textContent = "";
    };
    ws.onclose = () => {
      $("conn").textContent = "reconnecting…"; $("conn").className = "chip warn";
      retry = Math.min(retry + 1, 5); setTimeout(connect, 800 * retry);
    };
  }
  function send(m) { if (ws && ws.readyState === 1) ws.send(JSON.stringify(m)); }

  function render(d) {
    data = d;
    $("pause").textContent = d.paused ? "Resume the class" : "Pause the class";
    $("pausedchip").hidden = !d.paused; $("pausedchip").className = "chip warn";
    const sel = $("scenario");
    if (!sel.options.length) {
      for (const s of d.scenarios) sel.append(el("option", { value: s, text: s }));
      if (d.length) $("newclass").length.value = d.length;
    }
    const box = clear($("classes"));
    if (!d.classes.length) box.append(el("section", { class: "panel" }, el("p", { text: "No class yet: create one with a class code on the right." })));
    for (const c of d.classes) box.append(renderClass(c));
  }

  function renderClass(c) {
    const sec = el("section", { class: "panel", "aria-label": "Class " + c.code });
    sec.append(el("div", { class: "classhead" }, el("span", { class: "code", text: c.code }),
      el("h2", { text: c.scenario }), el("span", { class: "muted", text: c.difficulty + (c.length !== "full" ? " · " + c.length + " length" : "") + (c.flags.length ? " · " + c.flags.join(", ") : "") }),
      el("span", { class: "spacer" }),
      el("a", { href: "/teacher/report.html" + q + "&code=" + encodeURIComponent(c.code), text: "report" }), " ",
      el("a", { href: "/teacher/grades.csv" + q + "&code=" + encodeURIComponent(c.code), text: "grades" })));
    const t = el("table", { class: "groups" });
    t.append(el("caption", { class: "sr-only", text: "Groups of class " + c.code }));
    t.append(el("thead", {}, el("tr", {}, ...["", "Group", "Plays", "Turn", "This turn", "Last choices", "Notes", "Result"].map((h) => el("th", { scope: "col", text: h })))));
    const body = el("tbody");
    for (const g of c.groups) {
      const now = g.over ? "finished" : (g.waiting.length ? "waiting for " + g.waiting.join(", ") : "resolving");
      const decided = g.decided.length && !g.over ? " (" + g.decided.join(", ") + " decided)" : "";
      const result = g.over ? g.ending + " — " + Object.entries(g.scores).map(([r, s]) => r + " " + s).join(", ") : "";
      body.append(el("tr", {},
        el("td", {}, el("span", { class: "dot" + (g.connected ? " on" : ""), title: g.connected ? "connected" : "not connected", "aria-label": g.connected ? "connected" : "not connected" })),
        el("td", {}, el("strong", { text: g.name }), g.players ? el("div", { class: "muted", text: g.players }) : null),
        el("td", { text: g.humans.join(" + ") + (g.free_seats.length ? " (waiting for a group as " + g.free_seats.join(", ") + ")" : "") }),
        el("td", { text: g.over ? "—" : g.turn + "/" + g.turns + " · " + g.label }),
        el("td", { text: now + decided }),
        el("td", { text: g.last_choices.join("; ") }),
        el("td", { text: String(g.notes) }),
        el("td", { text: result })));
    }
    if (!c.groups.length) body.append(el("tr", {}, el("td", { colspan: "8", class: "muted", text: "No group has joined yet." })));
    t.append(body);
    sec.append(t);

    const evSel = el("select", { "aria-label": "Event to inject" });
    for (const e of c.events) evSel.append(el("option", { value: e.id, text: e.title }));
    if (chosenEvent[c.code]) evSel.value = chosenEvent[c.code];
    evSel.addEventListener("change", () => { chosenEvent[c.code] = evSel.value; });
    const gSel = el("select", { "aria-label": "Into which group" }, el("option", { value: "all", text: "every group of this class" }));
    for (const g of c.groups) gSel.append(el("option", { value: String(g.id), text: g.name }));
    if (chosenGroup[c.code]) gSel.value = chosenGroup[c.code];
    gSel.addEventListener("change", () => { chosenGroup[c.code] = gSel.value; });
    sec.append(el("div", { class: "tools" },
      el("label", {}, "Inject an event ", evSel), el("label", {}, "into ", gSel),
      el("button", { class: "btn", type: "button", text: "Inject now", onclick: () => {
        const target = gSel.value === "all" ? "all" : parseInt(gSel.value, 10);
        send({ t: "inject", code: c.code, group: target, event: evSel.value });
      } })));

    sec.append(el("h2", { class: "label spaced", text: "How the class chose" }));
    const ch = el("div", { class: "chose" });
    if (!c.chose.length) ch.append(el("p", { class: "muted", text: "No turn has been played yet." }));
    for (const x of c.chose.slice().reverse()) {
      const p = el("div", { class: "panel" }, el("h3", { text: "Turn " + x.turn + " · " + x.role + ": " + x.title }));
      for (const o of x.options) {
        const bar = el("div", { class: "bar" }, el("i"));
        bar.firstChild.style.width = (x.total ? (100 * o.count) / x.total : 0) + "%";
        p.append(el("div", { class: "row" }, el("span", { text: o.label }), bar, el("span", { text: String(o.count) })));
      }
      ch.append(p);
    }
    sec.append(ch);
    return sec;
  }

  $("pause").addEventListener("click", () => send({ t: data && data.paused ? "resume" : "pause" }));
  $("endall").addEventListener("click", () => {
    if (confirm("End every game now? Each game ends where it is.")) send({ t: "end_all" });
  });
  $("newclass").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const f = ev.target;
    const flags = Array.from(f.querySelectorAll("input[name=flags]:checked")).map((x) => x.value);
    send({ t: "new_class", scenario: f.scenario.value, difficulty: f.difficulty.value, length: f.length.value, flags: flags });
  });
  connect();
})();
