"""What a click (or a hover) on the turn screen means, as small typed values.

The turn screen maps each clickable rectangle to an intent -- `Choose(slot, k)`,
`EndTurn()` -- and acts on intents, never on parsed strings. `target_name` gives each
intent the short name that scripts, tests and `TurnScreen.targets()` use
(`"opt:0:2"`, `"end"`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choose:
    """Option `option` of the decision in slot `slot` (an option card)."""

    slot: int
    option: int


@dataclass(frozen=True)
class FocusTab:
    """The tab of the `index`-th decision due."""

    index: int


@dataclass(frozen=True)
class ShowIndicator:
    """A row of the dashboard (hovering explains the indicator)."""

    name: str


@dataclass(frozen=True)
class DecisionText:
    """The head of the focused decision (hovering shows its full text)."""


@dataclass(frozen=True)
class EditNote:
    """The "Why?" note of the focused decision."""


@dataclass(frozen=True)
class FanChart:
    """The assessment box: opens the fan chart of the highlighted option."""


@dataclass(frozen=True)
class EndTurn:
    """The End turn button."""


@dataclass(frozen=True)
class WhatChanged:
    """The "What changed?" button: the last turn's summary again."""


@dataclass(frozen=True)
class OpenHelp:
    """The Help button."""


@dataclass(frozen=True)
class OpenMenu:
    """The Menu button (the pause menu)."""


@dataclass(frozen=True)
class OpenWorld:
    """The dashboard's "How it works" link: the model of the scenario as a picture."""


@dataclass(frozen=True)
class OpenMap:
    """The turn screen's map (or its Map button at large text): the map at full size."""


Intent = (
    Choose
    | FocusTab
    | ShowIndicator
    | DecisionText
    | EditNote
    | FanChart
    | EndTurn
    | WhatChanged
    | OpenHelp
    | OpenMenu
    | OpenWorld
    | OpenMap
)

# the turn screen's buttons by their id
BUTTONS: dict[str, Intent] = {
    "end": EndTurn(),
    "why": WhatChanged(),
    "help": OpenHelp(),
    "menu": OpenMenu(),
    "world": OpenWorld(),
    "map": OpenMap(),
}
_NAMES = {DecisionText: "head", EditNote: "note", FanChart: "fan"} | {
    type(v): k for k, v in BUTTONS.items()
}


def target_name(intent: Intent) -> str:
    """The intent's name for scripts and tests: `opt:SLOT:K`, `tab:K`, `ind:NAME`, `end`, ..."""
    if isinstance(intent, Choose):
        return f"opt:{intent.slot}:{intent.option}"
    if isinstance(intent, FocusTab):
        return f"tab:{intent.index}"
    if isinstance(intent, ShowIndicator):
        return f"ind:{intent.name}"
    return _NAMES[type(intent)]
