"""The ledger: every change of every indicator, with its cause, so "why did it move?" has an answer."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cause:
    """Why an indicator changed: drift, an event, a role's option, a delayed effect, a ladder rung."""

    kind: str  # start | drift | event | option | delayed | ladder
    event: str = ""
    option: str = ""
    role: str = ""
    note: str = ""
    label: str = ""

    def to_dict(self) -> dict[str, str]:
        """Plain data for saves and reports."""
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass(frozen=True)
class Entry:
    """One recorded change: on `turn`, `indicator` moved by `delta` because of `cause`."""

    turn: int
    indicator: str
    delta: float
    cause: Cause


@dataclass
class Ledger:
    """An append-only list of entries with queries by turn and indicator."""

    entries: list[Entry] = field(default_factory=list)

    def record(self, turn: int, indicator: str, delta: float, cause: Cause) -> None:
        """Record a change; changes too small to see are still kept, zero ones are not."""
        if delta != 0.0:
            self.entries.append(Entry(turn, indicator, delta, cause))

    def for_turn(self, turn: int) -> list[Entry]:
        """All changes recorded during one turn, in the order they happened."""
        return [e for e in self.entries if e.turn == turn]

    def why(self, turn: int) -> dict[str, list[tuple[Cause, float]]]:
        """Per indicator, its causes during `turn`, merged by cause, largest first."""
        merged: dict[str, dict[Cause, float]] = defaultdict(lambda: defaultdict(float))
        for e in self.for_turn(turn):
            merged[e.indicator][e.cause] += e.delta
        return {
            ind: sorted(causes.items(), key=lambda kv: -abs(kv[1]))
            for ind, causes in merged.items()
        }
