"""What the window's screens show of a game: indicators as one role sees them, a turn's
moves and choices in words, an option's outlook, and what F5 found. Plain data; the
Session (game/ui/session.py) makes them."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.compiler import CompiledScenario
from game.engine.forecast import Advice
from game.engine.game import Game
from game.presentation import fmt_value

# -- what the screens show -----------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorInfo:
    """A visible indicator as the dashboard shows it to one role."""

    name: str
    column: int
    label: str
    unit: str
    decimals: int
    group: str
    good: int  # +1 up is good for this role, -1 down is good, 0 neutral
    lo: float
    hi: float
    description: str
    short: str = ""  # the scenario's short name ("" : the label)
    # the objectives' thresholds on it, `(op, value)`: a value shown never rounds across one
    limits: tuple[tuple[str, float], ...] = ()

    @property
    def name_short(self) -> str:
        """The name where space is tight: the scenario's `short`, else the label."""
        return self.short or self.label

    def fmt(self, value: float, signed: bool = False) -> str:
        """A value with the indicator's decimals (and sign if asked)."""
        return fmt_value(value, self.decimals, "", signed, () if signed else self.limits)

    def with_unit(self, value: float, signed: bool = False) -> str:
        """The value with its unit, as everywhere (game.presentation.fmt_value)."""
        return fmt_value(value, self.decimals, self.unit, signed, () if signed else self.limits)


@dataclass
class Move:
    """One indicator's change over a turn, with its causes."""

    info: IndicatorInfo
    old: float
    new: float
    causes: list[tuple[str, float]]

    @property
    def delta(self) -> float:
        """new - old"""
        return self.new - self.old

    @property
    def verdict(self) -> int:
        """+1 good for the player, -1 bad, 0 neutral or no change."""
        if abs(self.delta) < 1e-9 or self.info.good == 0:
            return 0
        return 1 if self.delta * self.info.good > 0 else -1


@dataclass
class ChoiceView:
    """A decision made, in words."""

    role: str
    role_name: str
    title: str
    option: str
    note: str = ""


@dataclass
class TurnReport:
    """What a resolved turn did: every moved indicator and its causes, and both sides' choices."""

    turn: int
    label: str
    next_label: str
    moves: list[Move]
    mine: list[ChoiceView]
    theirs: list[ChoiceView]
    over: bool
    crisis: bool = False
    news_next: list[str] = field(default_factory=list)


@dataclass
class OptionOutlook:
    """The forecast of one option in a form the card shows."""

    index: int
    legal: bool
    effects: list[tuple[IndicatorInfo, float, float, float]]  # info, p10, p50, p90 as changes
    objectives: list[tuple[str, str, float]]  # id, label, probability
    advisors: list[Advice]


@dataclass
class ReloadOutcome:
    """What F5 found: errors in the file, a log that no longer fits, or a clean reload."""

    kind: str  # "errors" | "mismatch" | "ok" | "missing"
    diagnostics: list[str] = field(default_factory=list)
    message: str = ""
    game: Game | None = None
    compiled: CompiledScenario | None = None
    content_hash: str = ""
