"""The "How this world works" picture as plain data: boxes, rows, links and what to say.

It is `game.graph`'s model (the same one `python -m game graph` draws) seen by a player:
indicators by their names, never ids; indicators hidden from players left out; the
scenario's many events gathered into one box per side (India's decisions, the United
States' decisions, news), with each event named in the lists of what moves an indicator.
The arrangement comes from a small layered layout computed here in pure Python (no
Graphviz: see docs/design.md): the event boxes in a column on the left, the indicators in
rows along their drift links, the escalation ladder and the endings on the right.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from game import graph
from game.engine.compiler import CompiledScenario
from game.engine.text import pick

BLOCKS = ("b_india", "b_us", "b_news")


@dataclass(frozen=True)
class Box:
    """One thing the picture shows: an indicator, a side's decisions, news, a ladder, an ending."""

    id: str
    kind: str  # indicator, block, ladder, ending
    label: str
    short: str  # the name where space is tight
    detail: str = ""
    role: str = "none"


@dataclass(frozen=True)
class Link:
    """`src` moves `dst`. Only `drawn` links show all the time; the others with a focused end."""

    src: str
    dst: str
    kind: str  # drift, via (through an event it sets off), moves, ladder, ending
    drawn: bool = False


@dataclass
class World:
    """The boxes, their links and, for each box, what moves it and what it moves (in words)."""

    title: str
    boxes: dict[str, Box] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    moved_by: dict[str, list[str]] = field(default_factory=dict)
    moves: dict[str, list[str]] = field(default_factory=dict)
    hidden: int = 0  # indicators hidden from players (not shown)

    def indicators(self) -> list[str]:
        """Indicator box ids in scenario order."""
        return [b for b, x in self.boxes.items() if x.kind == "indicator"]

    def linked(self, box: str) -> list[Link]:
        """The links with `box` at one end."""
        return [k for k in self.links if box in (k.src, k.dst)]


def _names(ids: list[str], boxes: dict[str, Box]) -> str:
    return ", ".join(boxes[i].label for i in dict.fromkeys(ids))


def _amount(label: str) -> str:
    """An edge's size in words: `(+5)`, `(-3 after 2 turns)`, `(varies)` when the game decides."""
    if not label:
        return ""
    if "\u2026" in label:
        return "(varies)"
    text = label.replace("~", "about ").replace("= ", "set to ")
    text = re.sub(r" \((after|over) (\d+)\)", r" \1 \2 turns", text).replace(" 1 turns", " 1 turn")
    return f"({text.strip()})"


def build(sc: CompiledScenario, lang: str = "en") -> World:
    """The picture of a compiled scenario (`lang`: the language of indicator descriptions)."""
    m = graph.build(sc)
    d = sc.definition
    nodes = {n.id: n for n in m.nodes}
    w = World(m.title)
    for name, ind in d.indicators.items():
        if ind.hidden:
            w.hidden += 1
            continue
        short = ind.short or ind.label
        w.boxes[f"i_{name}"] = Box(
            f"i_{name}", "indicator", ind.label, short, pick(ind.description, lang)
        )
    visible = set(w.boxes)
    who = {
        "india": f"{d.roles['india'].name} decides",
        "us": f"{d.roles['us'].name} decides",
        "news": "News and events",
    }
    block_of: dict[str, str] = {}
    for n in m.nodes:
        if n.kind in ("decision", "news"):
            side = n.role if n.kind == "decision" and n.role in ("india", "us") else "news"
            block_of[n.id] = side
    for side in ("india", "us", "news"):
        count = sum(1 for s in block_of.values() if s == side)
        if count:
            what = "items" if side == "news" else "decisions"
            w.boxes[f"b_{side}"] = Box(
                f"b_{side}", "block", who[side], who[side], f"{count} {what}", side
            )
    for n in m.nodes:
        if n.kind == "ladder":
            w.boxes[n.id] = Box(n.id, "ladder", n.label, n.label, n.detail)
    for n in m.nodes:
        if n.kind == "ending":
            early = "It can end the game early." if n.detail.startswith("early") else ""
            w.boxes[n.id] = Box(n.id, "ending", n.label, n.label, early)
    for b in w.boxes:
        w.moved_by[b], w.moves[b] = [], []

    edges = m.edges
    into: dict[str, list[graph.Edge]] = defaultdict(list)
    out: dict[str, list[graph.Edge]] = defaultdict(list)
    for e in edges:
        into[e.dst].append(e)
        out[e.src].append(e)

    def moved_visible(src: str) -> list[str]:
        return [e.dst for e in out[src] if e.kind == "effect" and e.dst in visible]

    links: dict[tuple[str, str, str], Link] = {}

    def link(src: str, dst: str, kind: str, drawn: bool = False) -> None:
        if src != dst and (src, dst, kind) not in links:
            links[(src, dst, kind)] = Link(src, dst, kind, drawn)

    # what moves each indicator: drift, then events (by side), then the ladder
    for iid in w.indicators():
        ind = d.indicators[iid[2:]]
        pull = [e.src for e in into[iid] if e.kind == "drift" and e.src in visible]
        for s in pull:
            link(s, iid, "drift", True)
        if ind.drift is not None:
            w.moved_by[iid].append(
                f"Each turn it drifts, pulled by {_names(pull, w.boxes)}."
                if pull
                else "Each turn it drifts on its own."
            )
        by_event: dict[str, list[graph.Edge]] = defaultdict(list)
        for e in into[iid]:
            if e.kind == "effect" and e.src in block_of:
                by_event[e.src].append(e)
        for side in ("india", "us", "news"):
            for eid, group in by_event.items():
                if block_of[eid] != side:
                    continue
                link(f"b_{side}", iid, "moves")
                n = nodes[eid]
                opts = dict(n.options)
                own = [_amount(e.label) for e in group if not e.port]
                parts = [
                    f"{opts.get(e.port, e.port)} {_amount(e.label)}".strip()
                    for e in group
                    if e.port
                ]
                text = f"{who[side]}: \u201c{n.label}\u201d"
                if own:
                    text += " " + ", ".join(x for x in own if x)
                if parts:
                    text += (": " if not own else "; ") + ", ".join(parts)
                w.moved_by[iid].append(text.rstrip() + ".")
        for e in into[iid]:
            if e.kind == "effect" and e.src.startswith("l_"):
                lad = nodes[e.src]
                rung = dict(lad.options).get(e.port, e.port)
                link(e.src, iid, "moves")
                w.moved_by[iid].append(
                    f"Escalation ({lad.label}): at \u201c{rung}\u201d {_amount(e.label)}.".replace(
                        " .", "."
                    )
                )
        # what it moves: drift, the events it sets off, the ladder, the endings, objectives
        pulls = [e.dst for e in out[iid] if e.kind == "drift" and e.dst in visible]
        if pulls:
            w.moves[iid].append(f"Each turn it pulls on {_names(pulls, w.boxes)}.")
        for e in out[iid]:
            if e.kind != "condition" or e.dst not in block_of:
                continue
            n = nodes[e.dst]
            moved = list(dict.fromkeys(moved_visible(e.dst)))  # its options' effects too
            for x in moved:
                link(iid, x, "via")
            side = block_of[e.dst]
            kind = "decision" if n.kind == "decision" else "event"
            text = f"Can set off the {kind} \u201c{n.label}\u201d ({who[side]})"
            if moved:
                text += f", which moves {_names(moved, w.boxes)}"
            w.moves[iid].append(text + ".")
        for e in out[iid]:
            if e.kind == "ladder" and e.dst in w.boxes:
                link(iid, e.dst, "ladder", True)
                w.moves[iid].append(
                    f"Climbs the escalation ladder \u201c{nodes[e.dst].label}\u201d."
                )
        ends = [e.dst for e in out[iid] if e.kind == "ending" and e.dst in w.boxes]
        for x in ends:
            link(iid, x, "ending")
        if ends:
            titles = ", ".join(f"\u201c{nodes[x].label}\u201d" for x in dict.fromkeys(ends))
            w.moves[iid].append(
                f"Decides the endings {titles}."
                if len(ends) > 1
                else f"Decides the ending {titles}."
            )
        objs = [nodes[e.dst].label for e in out[iid] if e.kind == "objective"]
        if objs:
            w.moves[iid].append("Counts for the objectives " + "; ".join(dict.fromkeys(objs)) + ".")

    # a side's decisions and the news: each event and what it moves
    for eid, side in block_of.items():
        b = f"b_{side}"
        moved = moved_visible(eid)
        if moved:
            w.moves[b].append(f"\u201c{nodes[eid].label}\u201d moves {_names(moved, w.boxes)}.")
        reads = [e.src for e in into[eid] if e.kind == "condition" and e.src in visible]
        if reads:
            w.moved_by[b].append(
                f"\u201c{nodes[eid].label}\u201d comes up depending on {_names(reads, w.boxes)}."
            )
    # the ladders and the endings
    for bid, box in w.boxes.items():
        if box.kind == "ladder":
            climbs = [e.src for e in into[bid] if e.kind == "ladder" and e.src in visible]
            if climbs:
                w.moved_by[bid].append(f"Climbs with {_names(climbs, w.boxes)}.")
            w.moves[bid].append(f"Rungs: {box.detail}.")
            rungs = dict(nodes[bid].options)
            by_rung: dict[str, list[str]] = defaultdict(list)
            for e in out[bid]:
                if e.kind == "effect" and e.dst in visible:
                    by_rung[e.port].append(f"{w.boxes[e.dst].label} {_amount(e.label)}".strip())
            for rung, what in by_rung.items():
                w.moves[bid].append(f"At \u201c{rungs.get(rung, rung)}\u201d: {', '.join(what)}.")
        elif box.kind == "ending":
            tests = [e.src for e in into[bid] if e.kind == "ending"]
            shown = [t for t in tests if t in visible]
            text = f"Depends on {_names(shown, w.boxes)}" if shown else "Depends"
            if len(shown) < len(tests):
                text += (" and on" if shown else " on") + " things hidden from players"
            w.moved_by[bid].append(text + ".")
            if box.detail:
                w.moves[bid].append(box.detail)
    w.links = list(links.values())
    return w


# -- layout ------------------------------------------------------------------------------------


def _layers(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, int]:
    """Longest-path layers of a graph whose cycles are broken by reversing DFS back edges."""
    adj: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        if a != b and b not in adj[a]:
            adj[a].append(b)
    state: dict[str, int] = {}
    dag: list[tuple[str, str]] = []
    order: list[str] = []

    def visit(u: str) -> None:
        state[u] = 1
        for v in adj[u]:
            if state.get(v) == 1:
                dag.append((v, u))  # a back edge: reversed, the cycle is broken
            else:
                dag.append((u, v))
                if v not in state:
                    visit(v)
        state[u] = 2
        order.append(u)

    for n in nodes:
        if n not in state:
            visit(n)
    preds: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in dag:
        preds[b].append(a)
    layer: dict[str, int] = {}
    for n in reversed(order):  # reverse post-order is a topological order of the DAG
        layer[n] = max((layer[p] + 1 for p in preds[n] if p in layer), default=0)
    return layer


@dataclass
class Arrangement:
    """Where the boxes go: the events on the left, the indicators in rows along their drift
    links in the middle (top to bottom), the escalation ladder and the endings on the right."""

    left: list[str]
    rows: list[list[str]]
    right: list[str]


def arrange(w: World, per_row: int, sweeps: int = 4) -> Arrangement:
    """The boxes in three bands, at most `per_row` indicators to a row, ordered to cross little."""
    per_row = max(2, per_row)
    inds = w.indicators()
    drift = [(k.src, k.dst) for k in w.links if k.kind == "drift"]
    linked = {n for e in drift for n in e}
    layer = _layers([n for n in inds if n in linked], drift)
    n_layers = max(layer.values(), default=-1) + 1
    groups: list[list[str]] = [[] for _ in range(max(1, n_layers))]
    for n in inds:
        if n in layer:
            groups[layer[n]].append(n)
    for n in inds:  # indicators without drift links: into the emptiest layer
        if n not in layer:
            min(groups, key=len).append(n)
    rows: list[list[str]] = []
    for g in groups:
        rows += [g[i : i + per_row] for i in range(0, len(g), per_row)]
    rows = [r for r in rows if r]
    # crossing reduction: each row ordered by where its boxes' neighbours sit (barycentres)
    nbrs: dict[str, list[str]] = defaultdict(list)
    for k in w.links:
        if k.kind == "drift":
            nbrs[k.src].append(k.dst)
            nbrs[k.dst].append(k.src)
    for s in range(sweeps):
        pos = {b: (i + 0.5) / len(r) for r in rows for i, b in enumerate(r)}
        index = {b: ri for ri, r in enumerate(rows) for b in r}
        down = s % 2 == 0
        for ri in range(1, len(rows)) if down else range(len(rows) - 2, -1, -1):

            def key(
                b: str, ri: int = ri, down: bool = down, pos: dict = pos, at: dict = index
            ) -> float:
                near = [pos[x] for x in nbrs[b] if (at[x] < ri if down else at[x] > ri)]
                return sum(near) / len(near) if near else pos[b]

            rows[ri] = sorted(rows[ri], key=key)
            for i, b in enumerate(rows[ri]):
                pos[b] = (i + 0.5) / len(rows[ri])
    # the ladder first, then the endings by the height of the indicators they test
    height = {b: ri for ri, r in enumerate(rows) for b in r}
    tests: dict[str, list[int]] = defaultdict(list)
    for k in w.links:
        if k.kind in ("ending", "ladder") and k.src in height:
            tests[k.dst].append(height[k.src])
    ladders = [b for b, x in w.boxes.items() if x.kind == "ladder"]
    endings = [b for b, x in w.boxes.items() if x.kind == "ending"]
    endings.sort(key=lambda b: sum(tests[b]) / len(tests[b]) if tests[b] else len(rows))
    return Arrangement([b for b in BLOCKS if b in w.boxes], rows, ladders + endings)
