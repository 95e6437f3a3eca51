"""Words for what the engine records: the one place that turns causes, periods and
values into English text, so the engine stays free of language.

Front ends (terminal, window, reports, the classroom server) call these; the engine
hands over ids and numbers (`Cause`, `Change`) only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.game import Game, Rejected
from game.engine.text import pick

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


_HOLDS = {
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
}
MAX_DECIMALS = 3


def shown_value(value: float, decimals: int, limits: Iterable[tuple[str, float]] = ()) -> float:
    """The number `fmt_value` prints for `value`: rounded to `decimals`, or to more (up to
    3) where rounding would cross one of the `limits` (`(op, threshold)` pairs: 59.87
    against `>= 60` shows as 59.9, never 60); past 3 decimals it is cut towards the side
    the value is really on."""
    limits = [(op, float(t)) for op, t in limits if op in _HOLDS]
    for d in range(decimals, MAX_DECIMALS + 1):
        shown = round(value, d)
        if all(_HOLDS[op](shown, t) == _HOLDS[op](value, t) for op, t in limits):
            return shown
    scale = 10**MAX_DECIMALS
    for op, t in limits:
        holds = _HOLDS[op](value, t)
        if _HOLDS[op](round(value, MAX_DECIMALS), t) != holds:
            up = (op in (">=", ">")) == holds
            return (math.ceil if up else math.floor)(value * scale) / scale
    return round(value, MAX_DECIMALS)


def _decimals_of(x: float, decimals: int) -> int:
    """The fewest decimals, at least `decimals`, that print `x` exactly (up to 3)."""
    d = decimals
    while d < MAX_DECIMALS and abs(round(x, d) - x) > 1e-9:
        d += 1
    return d


def rounded(
    value: float, decimals: int, limits: Iterable[tuple[str, float]] = ()
) -> tuple[float, int]:
    """(number, decimals) as `fmt_value` shows `value` against `limits`: for front ends
    that format numbers themselves (the terminal's columns, the server's JSON)."""
    limits = list(limits)
    if not limits or not math.isfinite(value):
        return value, decimals
    shown = shown_value(value, decimals, limits)
    return shown, _decimals_of(shown, decimals)


def fmt_value(
    value: float | None,
    decimals: int = 0,
    unit: str = "",
    signed: bool = False,
    limits: Iterable[tuple[str, float]] = (),
) -> str:
    """An indicator's value as the game shows it everywhere: its decimals, thousands
    separators, a true minus sign, and its unit (`$212.5bn`, `18%`, `65.6 pts`).

    `limits` are the thresholds objectives set on the indicator (`(op, threshold)`, see
    `indicator_limits`): the value then never rounds across one (59.87 against "60 or
    more" shows as `59.9`, not `60`)."""
    if value is None or not math.isfinite(value):
        return "–"
    d = decimals
    if signed and abs(value) < 10 ** (-d) / 2 and value != 0:
        d = min(3, d + 1)  # a small change still shows as one
    if limits:
        value, shown_d = rounded(value, decimals, limits)
        d = max(d, shown_d)
    s = f"{value:+,.{d}f}" if signed else f"{value:,.{d}f}"
    if s.lstrip("+-").strip("0.,") == "":
        s = ("±" if signed else "") + s.lstrip("+-")  # never "-0"
    s = s.replace("-", "\u2212")
    if not unit:
        return s
    if unit == "%":
        return s + "%"
    if unit.startswith("$") and not signed:
        return f"${s}{unit[1:]}" if len(unit) > 1 else f"${s}"
    return f"{s} {unit}"


@dataclass(frozen=True)
class Target:
    """A threshold from an objective: the indicator should end `op` `value`."""

    indicator: str
    op: str
    value: float
    objective: str  # the objective's label


def objective_targets(sc: CompiledScenario, roles: Iterable[str]) -> dict[str, Target]:
    """Per indicator, the first threshold the roles' objectives (then the shared ones) set
    on it, read from their compiled conditions (`trade_bn >= 265`, `50 >= energy_cost`)."""
    out: dict[str, Target] = {}
    wanted = [r for r in ROLES if r in roles] + ["shared"]
    objectives = sorted(
        (o for o in sc.objectives if o.owner in wanted), key=lambda o: wanted.index(o.owner)
    )
    labels = {
        (owner, o.id): o.label for owner in wanted for o in getattr(sc.definition.objectives, owner)
    }
    for o in objectives:
        for name, op, value in o.when.bounds:
            if name not in out:
                label = pick(labels.get((o.owner, o.id), o.id))
                out[name] = Target(name, op, value, label)
    return out


def indicator_limits(sc: CompiledScenario) -> dict[str, tuple[tuple[str, float], ...]]:
    """Per indicator, every threshold (`(op, value)`) any objective sets on it: pass an
    indicator's to `fmt_value(limits=...)` so no value shown rounds across one."""
    out: dict[str, list[tuple[str, float]]] = {}
    for o in sc.objectives:
        for name, op, value in o.when.bounds:
            if (op, value) not in out.setdefault(name, []):
                out[name].append((op, value))
    return {k: tuple(v) for k, v in out.items()}


_OP_WORDS = {">=": "{} or more", "<=": "{} or less", ">": "above {}", "<": "below {}"}


def fmt_threshold(op: str, value: float, decimals: int = 0, unit: str = "") -> str:
    """A threshold in words, exact: `60 or more`, `below 40`, `$48bn or less`."""
    shown = fmt_value(value, _decimals_of(value, decimals), unit)
    return _OP_WORDS.get(op, op + " {}").format(shown)


def _fmt_gap(gap: float, decimals: int, unit: str) -> str:
    """A distance to a threshold that never shows as 0 unless it is 0."""
    d = decimals
    while d < MAX_DECIMALS and gap != 0 and round(gap, d) == 0:
        d += 1
    if gap != 0 and round(gap, d) == 0:
        return "less than " + fmt_value(10.0**-MAX_DECIMALS, MAX_DECIMALS, unit)
    return fmt_value(gap, d, unit)


@dataclass(frozen=True)
class BoundStatus:
    """One threshold of an objective, now: `indicator op threshold` against its value.

    `margin` is signed, in the indicator's unit: positive on the side that meets the
    threshold, negative short of it; `distance` is its size. The texts are in the
    indicator's decimals and unit and never round across the threshold."""

    indicator: str
    label: str  # the indicator's label
    hidden: bool  # a counter or flag the dashboard does not show
    op: str
    threshold: float
    value: float
    met: bool
    margin: float
    distance: float
    trend: float | None  # change since the previous decision point (None on turn 1)
    value_text: str  # "59.9"
    threshold_text: str  # "60 or more"
    distance_text: str  # "0.13 short" / "4 to spare" / "at the threshold"
    trend_text: str  # "+1.2 since last turn" or ""


@dataclass(frozen=True)
class ObjectiveStatus:
    """Where one objective a role is scored on stands now (see `objective_status`)."""

    owner: str  # "india", "us" or "shared"
    id: str
    label: str
    description: str
    primary: bool
    weight: float
    share: float  # its weight as a share of the role's score (0-1)
    met: bool  # the condition holds on today's values
    credit: float  # what it would earn if the game ended now: 1 met, partial near, else 0
    condition: str  # the condition as written (for objectives with clauses besides thresholds)
    bounds: tuple[BoundStatus, ...]

    @property
    def credit_text(self) -> str:
        """`met`, `not met` or `near: 35% credit`."""
        if self.met:
            return "met"
        return f"near: {self.credit:.0%} credit" if self.credit > 0 else "not met"


def objective_status(game: Game, role: str) -> list[ObjectiveStatus]:
    """Every objective `role` is scored on (its own, then the shared ones), as it stands
    on today's values: met or not, the graded credit it would earn if the game ended
    now (`Engine.credit`), and per threshold its value, distance and trend.

    The values and thresholds are formatted in the indicator's decimals and unit and
    never round across a threshold; labels are in the game's language. For the
    terminal's objectives command, the window's objectives strip and the reports.
    """
    sc, d = game.scenario, game.definition
    met, credit = game.engine.credit(game.state, np.array([0]))
    values = game.values()
    before = game.history[-2] if len(game.history) >= 2 else None
    col = sc.scope.indicators
    objs = [(k, o) for k, o in enumerate(sc.objectives) if o.owner in (role, "shared")]
    total = sum(o.weight for _, o in objs) or 1.0
    out = []
    for k, o in objs:
        spec = next(x for x in getattr(d.objectives, o.owner) if x.id == o.id)
        bounds = []
        for name, op, limit in o.when.bounds:
            ind = d.indicators[name]
            v = values[name]
            sign = 1.0 if op in (">=", ">") else -1.0
            margin = sign * (v - limit)
            ok = _HOLDS[op](v, limit)
            trend = None if before is None else v - float(before[col[name]])
            gap = _fmt_gap(abs(margin), ind.decimals, ind.unit)
            if margin == 0:
                dist = "at the threshold" if ok else "at the threshold, not past it"
            else:
                dist = f"{gap} to spare" if ok else f"{gap} short"
            trend_text = ""
            if trend is not None:
                trend_text = (
                    fmt_value(trend, ind.decimals, ind.unit, signed=True) + " since last turn"
                )
            bounds.append(
                BoundStatus(
                    name,
                    ind.label,
                    bool(ind.hidden),
                    op,
                    limit,
                    v,
                    ok,
                    margin,
                    abs(margin),
                    trend,
                    fmt_value(v, ind.decimals, ind.unit, limits=[(op, limit)]),
                    fmt_threshold(op, limit, ind.decimals, ind.unit),
                    dist,
                    trend_text,
                )
            )
        out.append(
            ObjectiveStatus(
                o.owner,
                o.id,
                pick(spec.label, game.lang),
                pick(spec.description, game.lang) if spec.description else "",
                o.primary,
                o.weight,
                o.weight / total,
                bool(met[0, k]),
                float(credit[0, k]),
                str(spec.when),
                tuple(bounds),
            )
        )
    return out


def score_text(game: Game, role: str) -> str:
    """How a finished game's score was made, in words: `score 38/100 (objectives 67,
    ending worth 10)`, or `score 67/100` when the ending carries no worth."""
    score = game.scores()[role]
    objectives, worth = game.score_parts()[role]
    if worth is None:
        return f"score {score:.0f}/100"
    return f"score {score:.0f}/100 (objectives {objectives:.0f}, ending worth {worth:.0f})"


def objective_marks(game: Game, role: str) -> list[tuple[str, str, float, bool, str]]:
    """A finished game's objectives of `role` (its own, then shared): (mark, label,
    credit, primary, owner), the mark `[x]` met, `[~]` graded credit, `[ ]` neither."""
    credit = game.objective_credit()
    d = game.definition
    out = []
    for owner in (role, "shared"):
        for o in getattr(d.objectives, owner):
            c = credit.get(f"{owner}.{o.id}", 0.0)
            mark = "[x]" if c >= 1.0 else "[~]" if c > 0 else "[ ]"
            out.append((mark, pick(o.label, game.lang), c, o.primary, owner))
    return out


def assessments_text(left: int, per_turn: int) -> str:
    """`2 of 3 assessments left this turn` (see Table.assessments_left)."""
    noun = "assessment" if per_turn == 1 else "assessments"
    return f"{left} of {per_turn} {noun} left this turn"


def turn_label(game: Game, turn: int | None = None) -> str:
    """The calendar label of a turn, e.g. `2026 Q1`, `2027 H2`, `2028` or `Mar 2026`."""
    y, m = game.calendar(turn)
    per = game.definition.period.months_per_turn
    if per == 3:
        return f"{y} Q{(m - 1) // 3 + 1}"
    if per == 6:
        return f"{y} H{(m - 1) // 6 + 1}"
    if per == 12:
        return str(y)
    return f"{MONTHS[m - 1]} {y}"


def describe(game: Game, cause: Any) -> str:
    """A short sentence naming a cause from the ledger."""
    d = game.definition
    if cause.kind == "drift":
        return "trend (drift)"
    if cause.kind == "regen":
        res = d.resources.get(cause.role)
        name = res.label if res and res.label else "resource"
        who = d.roles[cause.role].name if cause.role in d.roles else cause.role
        own = f"{who}'" if who.endswith("s") else f"{who}'s"
        return f"{own} {name} renewed"
    if cause.kind == "broken":
        cm = next((c for c in d.commitments if c.id == cause.event), None)
        what = pick(cm.label, game.lang) if cm else cause.event
        who = d.roles[cause.role].name if cause.role in d.roles else cause.role
        when = f" in turn {cause.label}" if cause.label else ""
        extra = f" — {cause.note}" if cause.note and cause.label else ""
        return f"{who} broke {what}{when}{extra}"
    if cause.kind == "ladder":
        lad = d.ladders.get(cause.event)
        rung = next((r for r in lad.rungs if r.id == cause.option), None) if lad else None
        return f"{lad.label if lad else cause.event}: {rung.label if rung else cause.option}"
    try:
        ev = game.event_def(cause.event)
    except KeyError:
        return cause.event
    title = pick(ev.title, game.lang)
    if cause.kind == "event":
        return title
    opt = next((o for o in ev.options if o.id == cause.option), None)
    label = pick(opt.label, game.lang) if opt else cause.option
    who = d.roles[cause.role].name if cause.role in d.roles else cause.role
    if cause.kind == "delayed":
        extra = f" — {cause.note}" if cause.note else ""
        if not cause.role:  # caused by news, not by anyone's choice
            return f"delayed effect of {title} (turn {cause.label}){extra}"
        return f"delayed effect of {who}'s choice in turn {cause.label}: {title} → {label}{extra}"
    return f"{who} chose {label!r} ({title})"


def period_changes(game: Game, period: int) -> dict[str, tuple[float, list[tuple[str, float]]]]:
    """Per indicator that moved in accounting period `period` (see `Game.changes`): its
    total change and its causes in words, merged by wording, largest first. The causes
    add up to the total."""
    out = {}
    for name, ch in game.changes(period).items():
        merged: dict[str, float] = {}
        for cause, amount in ch.causes:
            label = describe(game, cause)
            merged[label] = merged.get(label, 0.0) + amount
        ranked = sorted(merged.items(), key=lambda kv: -abs(kv[1]))
        out[name] = (ch.total, ranked)
    return out


def turns_json(game: Game) -> list[dict[str, Any]]:
    """Every closed accounting period as plain data: `{"turn", "values", "changes"}`, with
    each change's `total` (this period's value minus the previous one; for turn 1 the
    previous one is the start, `start_values`) and its causes, which add up to it."""
    names = list(game.scenario.indicators)
    out = []
    for period in range(1, game.periods() + 1):
        values = {n: float(v) for n, v in zip(names, game.history[period], strict=True)}
        changes = {
            name: {
                "total": total,
                "causes": [{"cause": label, "amount": amount} for label, amount in causes],
            }
            for name, (total, causes) in period_changes(game, period).items()
        }
        out.append({"turn": period, "values": values, "changes": changes})
    return out


def start_values(game: Game) -> dict[str, float]:
    """Every indicator's value at the first decision point (the start of `turns_json`)."""
    return {n: float(v) for n, v in zip(game.scenario.indicators, game.history[0], strict=True)}


_REASONS = {
    "over": "the game is over",
    "unknown_role": "unknown role {role!r}",
    "answer_count": "{role} must answer {due} decision(s), got {given}",
    "no_option": "{event} has no option {option!r}",
    "option_range": "choose an option from 1 to {options} for {title!r}",
    "unavailable": "{label!r} is not available now",
    "unaffordable": "{label!r} costs {cost:g} {resource}; {have:.1f} left",
    "no_event": "no event {event!r} in this scenario",
    "paused": "the facilitator has paused the game",
    "no_decision": "{role} has no decision in slot {slot} now",
    "undecided": "{role} has not decided yet",
    "no_assessments": "no assessments left this turn ({per_turn} a turn; more intelligence "
    "sharing brings more)",
}


def reason(result: Rejected) -> str:
    """Why an input was rejected, in words for the player."""
    text = _REASONS.get(result.code)
    if text is None:
        return result.code.replace("_", " ")
    try:
        return text.format(**result.details)
    except (KeyError, IndexError, ValueError):
        return result.code.replace("_", " ")
