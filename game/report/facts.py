"""What every report reads off a replayed game, and how it writes numbers: labels, objectives, histories."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from game import presentation
from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLE_NAMES
from game.engine.game import Game
from game.engine.text import render

KEY_INDICATORS_MAX = 6


NOTE_MAX = 500  # characters of a rationale note shown (saves are data from strangers)


# for scenarios that bring no debrief questions of their own
GENERAL_QUESTIONS = [
    "Which single decision mattered most in your game? Use the timeline and the table of "
    "the biggest changes to show why.",
    "Where did the reasons you wrote down and what actually happened part ways? What did you "
    "not foresee?",
    "Pick one road not taken from the what-if section: would you choose differently now, and "
    "what would it have cost the other side?",
    "Which actor that nobody played shaped your game the most, and how?",
    "Which relationship in the model do you find least convincing, and how would you change it?",
]


def role_name(game: Game, role: str) -> str:
    spec = game.definition.roles.get(role)
    return spec.name if spec is not None else ROLE_NAMES.get(role, role)


def fmt_value(
    value: float | None,
    decimals: int = 0,
    unit: str = "",
    limits: Iterable[tuple[str, float]] = (),
) -> str:
    """A value as the game shows it (game.presentation.fmt_value, the one formatter);
    with `limits`, it never rounds across an objective's threshold."""
    return presentation.fmt_value(value, decimals, unit, limits=limits)


def fmt_delta(value: float, decimals: int = 0, unit: str = "") -> str:
    """A signed change; ±0 when it rounds to nothing at the indicator's decimals."""
    if round(abs(value), decimals) == 0:
        value = 0.0
    return presentation.fmt_value(value, decimals, unit, signed=True)


def shown_change(before: float, after: float, decimals: int) -> float:
    """The change between two values as rounded on screen, so `54` to `53` reads `−1`."""
    return round(after, decimals) - round(before, decimals)


def natural(text: str) -> list[Any]:
    """Sort key that puts `Team 2` before `Team 10`."""
    return [int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", text)]


def short_note(note: str) -> str:
    """A note on one line, cut at a word boundary (never mid-word) when it is very long."""
    note = " ".join(note.split())
    if len(note) <= NOTE_MAX:
        return note
    head = note[: NOTE_MAX - 1]
    cut = head.rfind(" ")
    return (head[:cut] if cut > NOTE_MAX // 2 else head).rstrip(" ,;:.") + "…"


SHORT_NOTE_WORDS = 3  # a reason of fewer words ("idk", "1", "ok") is flagged as too short


def note_key(note: str) -> str:
    """A note normalised for comparison: case, spacing and punctuation ignored."""
    return " ".join(re.sub(r"[^\w\s]", " ", note.lower()).split())


def note_flags(notes: Iterable[str]) -> dict[str, int]:
    """Counts of a player's notes: written, distinct, empty, too short and repeated."""
    seen: set[str] = set()
    out = {"decisions": 0, "notes": 0, "distinct": 0, "empty": 0, "short": 0, "repeated": 0}
    for note in notes:
        out["decisions"] += 1
        key = note_key(note)
        if not key:
            out["empty"] += 1
            continue
        out["notes"] += 1
        if len(key.split()) < SHORT_NOTE_WORDS:
            out["short"] += 1
        if key in seen:
            out["repeated"] += 1
        else:
            seen.add(key)
    out["distinct"] = len(seen)
    return out


def standing(game: Game) -> tuple[dict[str, float], dict[str, bool]]:
    """Scores and objectives met: at the end, or for an unfinished game, as if it ended now."""
    if game.is_over():
        return game.scores(), game.objectives_met()
    import numpy as np

    from game.engine.batch import Env
    from game.engine.expr import as_mask

    env = Env(game.state, np.array([0]))
    objs = game.scenario.objectives
    met = {f"{o.owner}.{o.id}": bool(as_mask(o.when(env), 1)[0]) for o in objs}
    scores = {}
    for role in ROLE_NAMES:
        mine = [o for o in objs if o.owner in (role, "shared")]
        total = sum(o.weight for o in mine) or 1.0
        scores[role] = 100.0 * sum(o.weight for o in mine if met[f"{o.owner}.{o.id}"]) / total
    return scores, met


def visible_indicators(sc: CompiledScenario) -> list[str]:
    return [n for n, ind in sc.definition.indicators.items() if not ind.hidden]


def key_indicators(sc: CompiledScenario, roles: Iterable[str]) -> list[str]:
    """Visible indicators named by the objectives of `roles` (and the shared ones), in order."""
    named: set[str] = set()
    for role in roles:
        for obj in sc.objectives_of(role):
            named |= set(obj.when.names)
    out = [n for n in visible_indicators(sc) if n in named]
    if not out:
        out = visible_indicators(sc)
    return out[:KEY_INDICATORS_MAX]


def objective_targets(sc: CompiledScenario, roles: Iterable[str]) -> dict[str, float]:
    """Objective thresholds per indicator (read from the compiled conditions), for charts."""
    return {k: t.value for k, t in presentation.objective_targets(sc, roles).items()}


def objectives_of(game: Game, role: str) -> list[tuple[str, bool, bool, bool]]:
    """(label, met, primary, shared) for each objective counting for `role`."""
    d = game.definition
    met = game.objectives_met()
    values = game.values()
    out = []
    for owner in (role, "shared"):
        for o in getattr(d.objectives, owner):
            out.append(
                (
                    render(o.label, values),
                    bool(met.get(f"{owner}.{o.id}", False)),
                    bool(o.primary),
                    owner == "shared",
                )
            )
    return out


def met_count(game: Game, role: str) -> tuple[int, int]:
    items = objectives_of(game, role)
    return sum(1 for _, m, _, _ in items if m), len(items)


def ending_title(game: Game) -> str:
    end = game.ending()
    return render(end.title, game.values()) if end is not None else ""


def history_series(game: Game, name: str) -> list[float]:
    """An indicator's values: the start, each turn's decision point, and the end."""
    k = game.scenario.indicators.index(name)
    initial = getattr(game.state, "initial", None)
    head = [float(initial[k])] if initial is not None else []
    return head + [float(h[k]) for h in game.history]


def history_labels(game: Game) -> list[str]:
    initial = getattr(game.state, "initial", None)
    head = ["start"] if initial is not None else []
    turns = [presentation.turn_label(game, t + 1) for t in range(len(game.history) - 1)]
    last = "end" if game.is_over() else presentation.turn_label(game, len(game.history))
    return head + turns + [last]


@dataclass
class Indicator:
    id: str
    label: str
    unit: str
    decimals: int


def describe_code(code: str) -> str:
    if not code:
        return ""
    from game.classcode import parse_code

    try:
        info = parse_code(code)
    except ValueError:
        return "not a valid class code"
    flags = ", ".join(f.replace("_", " ") for f in sorted(info.flags))
    length = "" if info.length == "full" else f"; {info.length} length"
    return f"difficulty {info.difficulty}{length}" + (f"; {flags}" if flags else "")


def indicator_of(sc: CompiledScenario, name: str) -> Indicator:
    ind = sc.definition.indicators[name]
    return Indicator(name, ind.label, ind.unit, ind.decimals)


def stamp(when: datetime | None) -> str:
    return when.strftime("%d %b %Y, %H:%M") if when else "unknown"


_SIGN = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}


def threshold_crossings(
    sc: CompiledScenario, role: str, before: dict[str, float], after: dict[str, float]
) -> list[str]:
    """Where a road not taken ends on the other side of an objective's threshold, and by how much.

    `before` and `after` are final values by indicator; only simple clauses
    (`trade_bn >= 265`) of the role's and the shared objectives are read.
    """
    import operator

    ops = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}
    out = []
    d = sc.definition
    labels = {
        (owner, o.id): o.label for owner in (role, "shared") for o in getattr(d.objectives, owner)
    }
    for co in sc.objectives:
        if co.owner not in (role, "shared"):
            continue
        o_label = labels.get((co.owner, co.id), co.id)
        for name, op, limit in co.when.bounds:  # read from the compiled condition
            if name not in before or name not in after:
                continue
            va, vb = before[name], after[name]
            if ops[op](va, limit) == ops[op](vb, limit):
                continue
            ind = indicator_of(sc, name)
            side = "above" if vb > limit else "below"
            margin = fmt_value(abs(vb - limit), max(ind.decimals, 1), ind.unit)
            holds = "now holds" if ops[op](vb, limit) else "no longer holds"
            out.append(
                f"{ind.label} ends at {fmt_value(vb, max(ind.decimals, 1), ind.unit)} instead of "
                f"{fmt_value(va, max(ind.decimals, 1), ind.unit)}, {margin} {side} {limit:g}: "
                f"the condition “{ind.label} {_SIGN[op]} {limit:g}” of “{render(o_label, {})}” {holds}"
            )
    return out
