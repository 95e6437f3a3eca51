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

from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.game import Game, Rejected
from game.engine.text import pick

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def fmt_value(value: float | None, decimals: int = 0, unit: str = "", signed: bool = False) -> str:
    """An indicator's value as the game shows it everywhere: its decimals, thousands
    separators, a true minus sign, and its unit (`$212.5bn`, `18%`, `65.6 pts`)."""
    if value is None or not math.isfinite(value):
        return "–"
    d = decimals
    if signed and abs(value) < 10 ** (-d) / 2 and value != 0:
        d = min(3, d + 1)  # a small change still shows as one
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
    "no_event": "no event {event!r} in this scenario",
    "paused": "the facilitator has paused the game",
    "no_decision": "{role} has no decision in slot {slot} now",
    "undecided": "{role} has not decided yet",
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
