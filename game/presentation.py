"""Words for what the engine records: the one place that turns causes, periods and
values into English text, so the engine stays free of language.

Front ends (terminal, window, reports, the classroom server) call these; the engine
hands over ids and numbers (`Cause`, `Change`) only.
"""

from __future__ import annotations

from typing import Any

from game.engine.game import Game
from game.engine.text import pick


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
