"""What the server sends: a seat's view of its group's game, and the teacher's dashboard.

Plain JSON-ready data built from the game. A seat's view holds only its own group, only
the decisions of its own roles, and the other side's choices only once the turn that
made them has resolved.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from game.engine.definitions import ROLES
from game.engine.game import Game
from game.presentation import (
    COST_WORDS,
    capital_status,
    capital_text,
    commitment_line,
    commitment_notes,
    cost_chip,
    cost_tag,
    fmt_value,
    indicator_limits,
    period_changes,
    regen_text,
    rounded,
    turn_label,
)
from game.server.groups import ClassRoom, Group


def _indicators(g: Game, role: str) -> list[dict[str, Any]]:
    d = g.definition
    r = ROLES.index(role) if role in ROLES else 0
    prev = g.history[-2] if len(g.history) > 1 else g.history[-1]
    limits = indicator_limits(g.scenario)
    out = []
    for k, (name, ind) in enumerate(d.indicators.items()):
        if ind.hidden:
            continue
        value = float(g.state.values[0, k])
        shown, decimals = rounded(value, ind.decimals, limits.get(name, ()))
        out.append(
            {
                "id": name,
                "label": g.text(ind.label),
                "unit": ind.unit,
                "decimals": decimals,  # more than the indicator's near a threshold
                "value": shown,
                "change": round(value - float(prev[k]), ind.decimals),
                # the words the desktop shows ($212.0bn, +3.5): one format everywhere
                "shown": fmt_value(shown, decimals, ind.unit),
                "shown_change": fmt_value(value - float(prev[k]), ind.decimals, signed=True),
                "want": int(g.scenario.direction[r, k]),
            }
        )
    return out


def _ladders(g: Game) -> list[dict[str, Any]]:
    out = []
    for lid, lad in g.definition.ladders.items():
        k = g.scenario.scope.ladders[lid][0]
        x = g.state.values[0, k]
        rung = max(i for i, r_ in enumerate(lad.rungs) if i == 0 or x >= r_.at)
        out.append({"label": lad.label, "rungs": [r_.label for r_ in lad.rungs], "at": rung})
    return out


def _news(g: Game) -> list[dict[str, str]]:
    out = []
    for e in g.news() if not g.is_over() else []:  # announced once a game
        title, text = g.event_words(e)
        out.append({"actor": g.actor_name(g.event_def(e).actor), "title": title, "text": text})
    return out


def _hotspots(g: Game) -> list[str]:
    """The places lit on the map this turn: the hot spots of its news and decisions."""
    if g.is_over():
        return []
    out: dict[str, None] = {}
    for e in g.turns[-1].news:
        for h in g.event_def(e).hotspots:
            out.setdefault(h, None)
    for role in ROLES:
        for d in g.pending(role):
            for h in g.event_def(d.event).hotspots:
                out.setdefault(h, None)
    return list(out)


def _capital(g: Game, role: str) -> dict[str, Any] | None:
    """A role's political capital and the words for it (the page counts the costs of the
    options picked for the turn's other decisions itself, with `words`)."""
    cs = capital_status(g, role)
    if cs is None:
        return None
    return {
        "name": cs.label,
        "Name": cs.label[:1].upper() + cs.label[1:],
        "value": cs.value,
        "max": cs.max,
        "text": capital_text(cs),
        "regen": regen_text(cs),
        "words": COST_WORDS,
    }


def _decisions(g: Game, role: str) -> list[dict[str, Any]]:
    cs = capital_status(g, role)
    return [
        {
            "role": role,
            "slot": d.slot,
            "event": d.event,
            "title": d.title,
            "text": d.text,
            "actor": d.actor,
            "options": [
                {
                    "index": o.index,
                    "label": o.label,
                    "text": o.text,
                    "legal": o.legal,
                    "cost": o.cost,
                    "chip": cost_chip(o.cost) if cs is not None else "",
                    "affordable": o.affordable,
                    "reason": "" if o.affordable else cost_tag(o.cost, cs),
                    "notes": [
                        {"kind": n.kind, "text": n.text}
                        for n in commitment_notes(g, role, d.event, o.id)
                    ],
                }
                for o in d.options
            ],
        }
        for d in g.pending(role)
    ]


def _changes(g: Game, period: int) -> list[dict[str, Any]]:
    """What moved in an accounting period, and why (the causes add up to the total)."""
    if period < 1:
        return []
    moved = period_changes(g, period)
    out = []
    for name, ind in g.definition.indicators.items():
        if ind.hidden or name not in moved:
            continue
        total, causes = moved[name]
        if abs(total) < 10 ** -(ind.decimals + 1):
            continue
        out.append(
            {
                "label": g.text(ind.label),
                "unit": ind.unit,
                "decimals": ind.decimals + 1,
                "total": total,
                "shown": fmt_value(total, ind.decimals + 1, ind.unit, signed=True),
                "causes": [
                    {"label": c, "amount": v, "shown": fmt_value(v, ind.decimals + 1, signed=True)}
                    for c, v in causes[:5]
                ],
            }
        )
    return out


def _choices(g: Game, turn: int) -> list[dict[str, str]]:
    out = []
    for c in g.log:
        if c.turn != turn:
            continue
        ev = g.event_def(c.event)
        opt = next((o for o in ev.options if o.id == c.option), None)
        out.append(
            {
                "role": g.definition.roles[c.role].name,
                "title": g.text(ev.title),
                "option": g.text(opt.label) if opt else c.option,
            }
        )
    return out


def _ending(g: Game) -> dict[str, Any] | None:
    if not g.is_over():
        return None
    d = g.definition
    end = g.ending()
    met = g.objectives_met()
    scores = g.scores()
    roles = []
    for role in ROLES:
        objs = []
        for o in list(getattr(d.objectives, role)) + list(d.objectives.shared):
            owner = role if o in getattr(d.objectives, role) else "shared"
            objs.append(
                {"label": g.text(o.label), "met": met[f"{owner}.{o.id}"], "primary": o.primary}
            )
        roles.append({"name": d.roles[role].name, "score": round(scores[role]), "objectives": objs})
    return {
        "title": g.text(end.title) if end else "The end",
        "epilogue": g.text(end.epilogue) if end else "",
        "roles": roles,
        "questions": [g.text(q) for q in d.questions],
    }


def seat_view(group: Group, roles: list[str], paused: bool) -> dict[str, Any]:
    """What a seat (one or two roles of a group) sees now."""
    g = group.game
    d = g.definition
    room = group.room
    first = roles[0] if roles else group.humans[0]
    mine = [r for r in roles if r in group.humans]
    objectives = []
    for role in mine:
        for o in getattr(d.objectives, role):
            objectives.append(
                {
                    "role": d.roles[role].name,
                    "label": g.text(o.label),
                    "primary": o.primary,
                    "text": g.text(o.description),
                }
            )
    for o in d.objectives.shared:
        objectives.append(
            {
                "role": "Shared",
                "label": g.text(o.label),
                "primary": o.primary,
                "text": g.text(o.description),
            }
        )
    last = g.periods()  # the last accounting period closed (its turn's choices)
    return {
        "t": "state",
        "group": group.name,
        "code": room.code,
        "roles": mine,
        "role_names": {r: d.roles[r].name for r in ROLES},
        "humans": list(group.humans),
        "paused": paused,
        "scenario": {"id": d.id, "title": g.text(d.title), "summary": g.text(d.summary)},
        "briefings": [
            {"role": r, "name": d.roles[r].name, "text": g.text(d.roles[r].briefing)} for r in mine
        ],
        "objectives": objectives,
        # per role of the seat: the assessments it may still ask for this turn
        "assessments": {
            r: {
                "left": group.table.assessments_left(r),
                "per_turn": group.table.assessments_per_turn(),
            }
            for r in mine
        },
        "turn": g.turn,
        "turns": d.period.turns,
        "label": turn_label(g),
        "over": g.is_over(),
        "indicators": _indicators(g, first),
        "ladders": _ladders(g),
        "news": _news(g),
        "hotspots": _hotspots(g),
        "decisions": {r: _decisions(g, r) for r in mine if r not in group.staged()},
        "capital": {r: _capital(g, r) for r in mine},
        "commitments": {r: [commitment_line(g, c) for c in g.commitments(r)] for r in mine},
        "decided": [r for r in mine if r in group.staged()],
        "waiting": [d.roles[r].name for r in group.waiting_for() if r not in mine],
        "free_seats": [d.roles[r].name for r in group.free_roles()],
        "last": {"turn": last, "choices": _choices(g, last), "changes": _changes(g, last)},
        "ending": _ending(g),
        "settings": {
            "notes_required": "notes_required" in room.flags,
            "forecasts": "no_forecasts" not in room.flags,
            "advisors": "no_advisors" not in room.flags,
        },
    }


def group_row(group: Group, connected: int) -> dict[str, Any]:
    """A group's line on the teacher's dashboard."""
    g = group.game
    d = g.definition
    last_turn = max((c.turn for c in g.log), default=0)
    end = g.ending() if g.is_over() else None
    return {
        "id": group.id,
        "name": group.name,
        "players": "; ".join(p for _k, p in group.seats.values() if p),
        "humans": [d.roles[r].name for r in group.humans],
        "free_seats": [d.roles[r].name for r in group.free_roles()],
        "turn": g.turn,
        "turns": d.period.turns,
        "label": turn_label(g),
        "over": g.is_over(),
        "ending": g.text(end.title) if end else "",
        "decided": [d.roles[r].name for r in group.staged()],
        "waiting": [d.roles[r].name for r in group.waiting_for()],
        "connected": connected,
        "last_choices": [f"{c['role']}: {c['option']}" for c in _choices(g, last_turn)],
        "notes": sum(1 for c in g.log if c.note.strip()),
        "scores": {d.roles[r].name: round(v) for r, v in g.scores().items()} if g.is_over() else {},
    }


def human_choices(group: Group) -> list[tuple[int, str, str, str]]:
    """(turn, role, event, option) of every resolved choice made by people in a group."""
    return [(c.turn, c.role, c.event, c.option) for c in group.game.log if c.role in group.humans]


def class_chose(room: ClassRoom, choices: list[tuple[int, str, str, str]]) -> list[dict[str, Any]]:
    """How the class chose: per decision (turn, event) the count of each option."""
    tally: dict[tuple[int, str, str], Counter[str]] = {}
    for turn, role, event, option in choices:
        tally.setdefault((turn, role, event), Counter())[option] += 1
    sc = room.scenario
    d = sc.definition
    out = []
    for (turn, role, event), counts in sorted(tally.items()):
        ev = d.events[sc.event_index(event)]
        out.append(
            {
                "turn": turn,
                "role": d.roles[role].name,
                "title": _plain(ev.title),
                "options": [
                    {"label": _plain(o.label), "count": counts.get(o.id, 0)} for o in ev.options
                ],
                "total": sum(counts.values()),
            }
        )
    return out


def _plain(text: Any) -> str:
    from game.engine.text import pick

    return pick(text)


def class_view(
    room: ClassRoom, rows: list[dict[str, Any]], choices: list[tuple[int, str, str, str]]
) -> dict[str, Any]:
    """A class on the teacher's dashboard, from its groups' rows and choices."""
    d = room.scenario.definition
    return {
        "code": room.code,
        "scenario": _plain(d.title),
        "difficulty": room.parsed.difficulty,
        "length": room.parsed.length,
        "flags": sorted(room.flags),
        "groups": rows,
        "chose": class_chose(room, choices),
        "events": [{"id": e.id, "title": _plain(e.title)} for e in d.events],
    }
