"""The model made visible: a scenario's structure as a graph, for `python -m game graph`.

Indicators and how they drive each other (each drift formula reads indicators),
events and what sets them off (conditions read indicators, triggers fire events),
decisions with their options and the indicators each option moves, escalation
ladders with their rungs, and the endings with the indicators they test. It is
drawn by Graphviz's `dot` (SVG, or a self-contained HTML page with hover
highlighting) or written as text for the terminal.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from game.engine.compiler import CEffect, CompiledScenario
from game.engine.definitions import ROLES
from game.engine.expr import SimpleEnv
from game.engine.text import pick

FORMATS = ("html", "svg", "dot", "text")
ROLE_COLOURS = {"india": "#e76f51", "us": "#457b9d", "none": "#8d99ae"}


class GraphError(Exception):
    """The graph cannot be drawn (e.g. Graphviz is missing); the message says what to do."""


@dataclass(frozen=True)
class Node:
    """One thing of the model: an indicator, event, ladder or ending."""

    id: str
    kind: str  # indicator, decision, news, ladder, ending, objective
    label: str
    detail: str = ""
    options: tuple[tuple[str, str], ...] = ()  # (option id, label) of a decision
    role: str = "none"


@dataclass(frozen=True)
class Edge:
    """One link: `src` drives `dst`; `port` is the option of a decision that does it."""

    src: str
    dst: str
    kind: str  # drift, condition, effect, trigger, ladder, ending, objective
    label: str = ""
    sign: int = 0
    port: str = ""


@dataclass
class Model:
    """The nodes and links of a scenario's structure."""

    title: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def node(self, nid: str) -> Node:
        """A node by id."""
        return next(n for n in self.nodes if n.id == nid)


def _ind(name: str) -> str:
    return f"i_{name}"


def _reads(names: Iterable[str], sc: CompiledScenario) -> list[str]:
    """Indicator node ids read by an expression (a ladder counts as its indicator)."""
    out = []
    for name in sorted(names):
        if name in sc.scope.indicators:
            out.append(_ind(name))
        elif name in sc.scope.ladders:
            out.append(_ind(sc.indicators[sc.scope.ladders[name][0]]))
    return list(dict.fromkeys(out))


def _amount(eff: CEffect) -> tuple[str, int]:
    """A short text of an effect's size and its sign (0 if it depends on the game)."""
    if eff.amount is None:
        return "", 0
    if eff.amount.constant:
        v = float(eff.amount.fn(None))
        text = f"{'=' if eff.kind == 'set' else ''}{v:+g}" if eff.kind == "add" else f"= {v:g}"
        return text, (0 if eff.kind == "set" else (1 if v > 0 else -1 if v < 0 else 0))
    if not eff.amount.names and not eff.amount.refs:  # only dice: show the mean
        env = SimpleEnv(np.zeros((1, 1)), mean_mode=True)
        v = float(np.asarray(eff.amount(env)).reshape(-1)[0])
        sign = 1 if v > 0 else -1 if v < 0 else 0
        return (f"= ~{v:g}" if eff.kind == "set" else f"~{v:+g}"), (
            0 if eff.kind == "set" else sign
        )
    return ("= …" if eff.kind == "set" else "± …"), 0


def build(sc: CompiledScenario) -> Model:
    """The structure of a compiled scenario."""
    d = sc.definition
    m = Model(pick(d.title))
    for name, ind in d.indicators.items():
        bits = [f"{ind.min:g}–{ind.max:g} {ind.unit}".strip()]
        if ind.drift is not None:
            bits.append(f"drift: {ind.drift}")
        if ind.hidden:
            bits.append("hidden from players")
        m.nodes.append(Node(_ind(name), "indicator", ind.label, "; ".join(bits)))
    for k, col in sc.drift:
        for src in _reads(col.names, sc):
            if src != _ind(sc.indicators[k]):
                m.edges.append(Edge(src, _ind(sc.indicators[k]), "drift", "drift"))
    for ev, cev in zip(d.events, sc.events, strict=True):
        nid = f"e_{ev.id}"
        opts = tuple((o.id, pick(o.label)) for o in ev.options)
        kind = "decision" if ev.options else "news"
        detail = f"when: {ev.when}" if not cev.when.constant else ""
        m.nodes.append(Node(nid, kind, pick(ev.title), detail, opts, ev.role))
        for src in _reads(cev.when.names | cev.chance.names, sc):
            m.edges.append(Edge(src, nid, "condition", "if"))
        _effect_edges(m, sc, nid, cev.effects)
        for opt in cev.options:
            _effect_edges(m, sc, nid, opt.effects, opt.id)
    for lad, clad in zip(d.ladders.values(), sc.ladders, strict=True):
        nid = f"l_{clad.id}"
        rungs = " · ".join(f"{r.label} ≥{r.at:g}" for r in lad.rungs)
        m.nodes.append(
            Node(nid, "ladder", lad.label, rungs, tuple((r.id, r.label) for r in lad.rungs))
        )
        m.edges.append(Edge(_ind(sc.indicators[clad.indicator]), nid, "ladder", "rung"))
        for rung in clad.rungs:
            _effect_edges(m, sc, nid, rung.effects, rung.id)
    for end, cend in zip(d.endings, sc.endings, strict=True):
        nid = f"x_{end.id}"
        when = "" if cend.when.constant else f"when: {end.when}"
        m.nodes.append(
            Node(nid, "ending", pick(end.title), ("early; " if end.early else "") + when)
        )
        for src in _reads(cend.when.names, sc):
            m.edges.append(Edge(src, nid, "ending"))
    owners = {"india": d.roles["india"].name, "us": d.roles["us"].name, "shared": "shared"}
    labels = {
        o.id: pick(o.label)
        for owner in ("india", "us", "shared")
        for o in getattr(d.objectives, owner)
    }
    for obj in sc.objectives:
        nid = f"o_{obj.id}"
        label = f"{owners[obj.owner]}: {labels.get(obj.id, obj.id)}"
        label += " (primary)" if obj.primary else ""
        m.nodes.append(Node(nid, "objective", label, "", (), obj.owner))
        for src in _reads(obj.when.names, sc):
            m.edges.append(Edge(src, nid, "objective"))
    # one edge per (source, port, target, kind): repeated effects add up in the label
    merged: dict[tuple[str, str, str, str], Edge] = {}
    for e in m.edges:
        key = (e.src, e.port, e.dst, e.kind)
        old = merged.get(key)
        if old is None:
            merged[key] = e
        elif e.label and e.label not in old.label.split(", "):
            label = f"{old.label}, {e.label}" if old.label else e.label
            merged[key] = Edge(e.src, e.dst, e.kind, label, old.sign or e.sign, e.port)
    m.edges = list(merged.values())
    return m


def _effect_edges(
    m: Model, sc: CompiledScenario, src: str, effects: Iterable[CEffect], port: str = ""
) -> None:
    for eff in effects:
        if eff.kind == "trigger":
            if eff.target >= 0:
                dst = f"e_{sc.events[eff.target].id}"
                m.edges.append(Edge(src, dst, "trigger", f"after {eff.after}", 0, port))
            continue
        if eff.target < 0:
            continue
        text, sign = _amount(eff)
        if eff.after or eff.over > 1:
            text += f" (after {eff.after})" if eff.after else ""
            text += f" (over {eff.over})" if eff.over > 1 else ""
        m.edges.append(Edge(src, _ind(sc.indicators[eff.target]), "effect", text, sign, port))


# -- text ---------------------------------------------------------------------------------


def to_text(m: Model, only: Iterable[str] | None = None) -> str:
    """For each indicator: what moves it and what it moves; then the events' triggers.
    `only` (indicator names) keeps those indicators and leaves out the triggers."""
    lines = [f"How {m.title} works: what moves each indicator, and what it moves", ""]
    names = {n.id: n for n in m.nodes}
    keep = None if only is None else {_ind(x) for x in only}

    def who(e: Edge, end: str) -> str:
        n = names[end]
        what = f"{n.label} [{n.id[2:]}]"
        if e.port and end == e.src:
            what += f" → {e.port}"
        return what

    for n in (x for x in m.nodes if x.kind == "indicator" and (keep is None or x.id in keep)):
        lines.append(f"{n.label} [{n.id[2:]}]  ({n.detail})")
        into = [e for e in m.edges if e.dst == n.id]
        out = [e for e in m.edges if e.src == n.id]
        for title, group, end in (("moved by", into, "src"), ("moves", out, "dst")):
            if not group:
                continue
            lines.append(f"  {title}:")
            for e in sorted(group, key=lambda e: (e.kind, getattr(e, end))):
                label = f" {e.label}" if e.label and e.kind in ("effect",) else ""
                lines.append(f"    {e.kind:<9} {who(e, getattr(e, end))}{label}")
        lines.append("")
    triggers = [e for e in m.edges if e.kind == "trigger"]
    if triggers and keep is None:
        lines.append("Triggers (an event or option that makes another event happen):")
        for e in triggers:
            lines.append(f"  {who(e, e.src)}  ⇒  {who(e, e.dst)} ({e.label})")
    return "\n".join(lines).rstrip() + "\n"


@dataclass(frozen=True)
class Summary:
    """One indicator in a sentence or two: what moves it and what it moves."""

    name: str
    label: str
    moved_by: str
    moves: str


def _listed(titles: list[str], most: int = 3) -> str:
    """`a, b, c` or `a, b, c and 4 more`."""
    titles = list(dict.fromkeys(titles))
    head = ", ".join(titles[:most])
    return head + (f" and {len(titles) - most} more" if len(titles) > most else "")


def summaries(m: Model, indicators: Iterable[str]) -> list[Summary]:
    """For a player (the terminal's "how this world works"): each of `indicators` with
    what moves it (trends from other indicators, decisions, news, ladders) and what it
    moves (other indicators' trends, the chance of events, ladders, endings, objectives),
    counted and named briefly; `to_text(m, only=[name])` gives one in full."""
    names = {n.id: n for n in m.nodes}
    out = []
    for name in indicators:
        nid = _ind(name)
        if nid not in names:
            continue
        into = [e for e in m.edges if e.dst == nid]
        outs = [e for e in m.edges if e.src == nid]

        by: list[str] = []
        trend = [names[e.src].label for e in into if e.kind == "drift"]
        if trend:
            by.append("its trend follows " + _listed(trend))
        for kind, one, many in (
            ("decision", "decision", "decisions"),
            ("news", "news item", "news items"),
            ("ladder", "ladder", "ladders"),
        ):
            src = [
                names[e.src].label for e in into if e.kind == "effect" and names[e.src].kind == kind
            ]
            if src:
                n = len(set(src))
                by.append(f"{n} {one if n == 1 else many} ({_listed(src)})")
        moves: list[str] = []
        for kind, word in (
            ("drift", "the trend of"),
            ("condition", "whether these happen:"),
            ("ladder", "the rung of"),
            ("ending", "the ending:"),
            ("objective", "aims:"),
        ):
            dst = [names[e.dst].label for e in outs if e.kind == kind]
            if dst:
                moves.append(f"{word} {_listed(dst)}")
        out.append(Summary(name, names[nid].label, "; ".join(by), "; ".join(moves)))
    return out


# -- Graphviz --------------------------------------------------------------------------------


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def to_dot(m: Model) -> str:
    """The graph in Graphviz's dot language; each node and edge names its ends in `class`."""
    out = [
        "digraph model {",
        '  graph [rankdir=LR, ranksep=2.2, nodesep=0.18, fontname="Helvetica", '
        f"label={_q(m.title)}, labelloc=t, fontsize=20];",
        '  node [fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=9, arrowsize=0.6];',
    ]
    for n in m.nodes:
        tip = _q(f"{n.label}: {n.detail}" if n.detail else n.label)
        attrs = f"id={_q(n.id)}, class={_q('node ' + n.kind)}, tooltip={tip}"
        if n.kind == "indicator":
            out.append(
                f'  {_q(n.id)} [{attrs}, shape=box, style="rounded,filled", '
                f'fillcolor="#fdf0d5", penwidth=1.4, label={_q(n.label)}];'
            )
        elif n.kind in ("decision", "ladder") and n.options:
            colour = ROLE_COLOURS.get(n.role, "#6d597a") if n.kind == "decision" else "#6d597a"
            rows = "".join(
                f'<tr><td port="{html.escape(oid)}" align="left">{html.escape(lab)}</td></tr>'
                for oid, lab in n.options
            )
            head = html.escape(n.label)
            label = (
                f'<<table border="0" cellborder="1" cellspacing="0" cellpadding="3">'
                f'<tr><td bgcolor="{colour}"><font color="white"><b>{head}</b></font></td></tr>'
                f"{rows}</table>>"
            )
            out.append(f"  {_q(n.id)} [{attrs}, shape=plain, label={label}];")
        elif n.kind == "objective":
            colour = ROLE_COLOURS.get(n.role, "#6d597a")
            out.append(
                f'  {_q(n.id)} [{attrs}, shape=note, style=filled, fillcolor="white", '
                f'color="{colour}", label={_q(n.label)}];'
            )
        elif n.kind == "ending":
            out.append(
                f'  {_q(n.id)} [{attrs}, shape=doubleoctagon, style=filled, fillcolor="#e9f5db", '
                f"label={_q(n.label)}];"
            )
        else:
            colour = ROLE_COLOURS.get(n.role, "#8d99ae")
            out.append(
                f'  {_q(n.id)} [{attrs}, shape=ellipse, style=filled, fillcolor="white", '
                f'color="{colour}", label={_q(n.label)}];'
            )
    # Only effects and endings shape the layout (events, then indicators, then endings,
    # left to right); the links that run back (drift, conditions, triggers) bend around it.
    styles = {
        "drift": 'color="#b5838d", style=bold, constraint=false',
        "condition": 'color="#8d99ae", style=dashed, constraint=false',
        "trigger": 'color="#6d597a", style=dashed, penwidth=1.5, constraint=false',
        "ladder": 'color="#6d597a", constraint=false',
        "ending": 'color="#90be6d", style=dotted',
        "objective": 'color="#e9c46a", style=dotted',
    }
    for k, e in enumerate(m.edges):
        src = _q(e.src) + (f":{_q(e.port)}" if e.port else "")
        if e.kind == "effect":
            colour = {1: "#2a9d8f", -1: "#c0392b"}.get(e.sign, "#555555")
            style = f'color="{colour}"'
        else:
            style = styles.get(e.kind, "")
        # sizes go in the tooltip: as labels they would bury the picture
        label = f", tooltip={_q(e.label)}, labeltooltip={_q(e.label)}" if e.label else ""
        cls = _q(f"edge {e.kind} from-{e.src} to-{e.dst}")
        out.append(f'  {src} -> {_q(e.dst)} [id="edge{k}", class={cls}, {style}{label}];')
    out.append("}")
    return "\n".join(out) + "\n"


def dot_program() -> str:
    """The path of Graphviz's `dot`, or GraphError saying how to install it."""
    found = shutil.which("dot")
    if found is None:
        raise GraphError(
            "drawing the graph needs Graphviz's `dot` program, which is not installed: "
            "install Graphviz (Debian/Ubuntu: `apt-get install graphviz`; macOS: "
            "`brew install graphviz`), or write --format text or --format dot"
        )
    return found


def to_svg(m: Model) -> str:
    """The graph laid out by `dot` as SVG text."""
    try:
        done = subprocess.run(
            [dot_program(), "-Tsvg"],
            input=to_dot(m),
            capture_output=True,
            text=True,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise GraphError(f"Graphviz's `dot` failed: {err}") from None
    if done.returncode != 0:
        raise GraphError(f"Graphviz's `dot` failed: {done.stderr.strip()[:300]}")
    return done.stdout


def to_html(m: Model) -> str:
    """A self-contained page: the SVG inline, hover a node to light up what it drives."""
    svg = to_svg(m)
    svg = svg[svg.index("<svg") :]  # drop the XML prolog and doctype
    legend = (
        '<span class="k ind">indicator</span> <span class="k dec">decision (options in rows)'
        '</span> <span class="k news">news</span> <span class="k lad">ladder (rungs)</span> '
        '<span class="k end">ending</span> <span class="k">objective</span> · arrows: <b style="color:#2a9d8f">raises</b>, '
        '<b style="color:#c0392b">lowers</b>, <b style="color:#b5838d">drift reads</b>, '
        '<span style="color:#8d99ae">- - condition reads</span>, '
        '<span style="color:#6d597a">- - triggers</span>'
    )
    names = {n.id: n.label for n in m.nodes}
    roles = ", ".join(f"{r}" for r in ROLES)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>How {html.escape(m.title)} works</title>
<style>
body {{ font: 14px/1.4 system-ui, "Segoe UI", "Noto Sans", sans-serif; color: #1d2733; margin: 1em; }}
h1 {{ font-size: 1.4em; margin: 0 0 .3em; }} p {{ margin: .3em 0; max-width: 70em; }}
.k {{ padding: 0 .4em; border-radius: 3px; border: 1px solid #999; }}
.ind {{ background: #fdf0d5; }} .dec {{ background: #fde2d9; }} .news {{ background: #fff; }}
.lad {{ background: #e6dff0; }} .end {{ background: #e9f5db; }}
#info {{ position: sticky; top: 0; background: #fff; padding: .4em 0; border-bottom: 1px solid #ddd;
        min-height: 2.8em; z-index: 2; }}
#graph {{ overflow: auto; border: 1px solid #e6ecf1; }}
svg g.node, svg g.edge {{ transition: opacity .12s; cursor: pointer; }}
svg.focus g.node, svg.focus g.edge {{ opacity: .12; }}
svg.focus g.on {{ opacity: 1; }}
svg.focus g.edge.on path {{ stroke-width: 2.6px; }}
@media print {{ #info {{ display: none; }} #graph {{ overflow: visible; border: 0; }}
  #graph svg {{ width: auto; height: 84vh; max-width: 100%; }}  /* one page: zoom the PDF */
  svg.focus g.node, svg.focus g.edge {{ opacity: 1; }} }}
</style></head><body>
<h1>How {html.escape(m.title)} works</h1>
<p>{legend}</p>
<div id="info"><b>Hover</b> (or tap) an indicator, event or ending: what moves it and what it
moves light up. Click the background to clear. Roles: {roles}.</div>
<div id="graph">{svg}</div>
<script>
(function () {{
  var names = {json.dumps(names)};
  var svg = document.querySelector('#graph svg');
  var info = document.getElementById('info');
  var edges = Array.prototype.slice.call(svg.querySelectorAll('g.edge'));
  function ends(g) {{
    var c = (g.getAttribute('class') || '').split(' '), f = '', t = '';
    c.forEach(function (x) {{ if (x.indexOf('from-') === 0) f = x.slice(5);
                             if (x.indexOf('to-') === 0) t = x.slice(3); }});
    return [f, t];
  }}
  function clear() {{ svg.classList.remove('focus');
    svg.querySelectorAll('.on').forEach(function (g) {{ g.classList.remove('on'); }}); }}
  function focus(id) {{
    clear(); svg.classList.add('focus');
    var into = [], out = [];
    document.getElementById(id).classList.add('on');
    edges.forEach(function (g) {{
      var e = ends(g);
      if (e[0] === id || e[1] === id) {{
        g.classList.add('on');
        var other = e[0] === id ? e[1] : e[0];
        var n = document.getElementById(other); if (n) n.classList.add('on');
        (e[0] === id ? out : into).push(names[other] || other);
      }}
    }});
    function list(a) {{ return a.length ? a.filter(function (x, i) {{ return a.indexOf(x) === i; }}).join(', ') : 'nothing'; }}
    info.textContent = (names[id] || id) + ' \u2014 moved by: ' + list(into) + '. Moves: ' + list(out) + '.';
  }}
  svg.querySelectorAll('g.node').forEach(function (g) {{
    g.addEventListener('mouseenter', function () {{ focus(g.id); }});
    g.addEventListener('click', function (ev) {{ focus(g.id); ev.stopPropagation(); }});
  }});
  svg.addEventListener('click', clear);
  // a link can open the page on one node: page.html#focus=i_trust
  var m = location.hash.match(/#focus=([A-Za-z0-9_]+)/);
  if (m && document.getElementById(m[1])) {{
    focus(m[1]); document.getElementById(m[1]).scrollIntoView({{block: 'center'}});
  }}
}})();
</script>
</body></html>
"""


def render(m: Model, fmt: str) -> str:
    """The graph in one of FORMATS."""
    if fmt == "text":
        return to_text(m)
    if fmt == "dot":
        return to_dot(m)
    if fmt == "svg":
        return to_svg(m)
    if fmt == "html":
        return to_html(m)
    raise GraphError(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
