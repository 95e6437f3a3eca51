"""A red badge on an option that would leave an objective below 20% by the end of the game,
when another option keeps it above: it names the objective."""

from __future__ import annotations

from types import SimpleNamespace

from game.ui.session import OptionOutlook
from game.ui.turn_decisions import DecisionsPanel


def outlook(k: int, probs: list[float], legal: bool = True) -> OptionOutlook:
    objs = [(f"o{j}", f"Objective {j}", p) for j, p in enumerate(probs)]
    return OptionOutlook(k, legal, [], objs, [])


def panel(hidden: bool = False) -> DecisionsPanel:
    turn = SimpleNamespace(classroom=SimpleNamespace(forecasts_hidden=lambda: hidden))
    return DecisionsPanel(turn)  # type: ignore[arg-type]


def test_badge_names_the_objective_an_option_would_sink():
    outs = [outlook(0, [0.9, 0.6]), outlook(1, [0.05, 0.6]), outlook(2, [0.5, 0.1])]
    p = panel()
    assert p.badges(outs, 0) == []
    assert p.badges(outs, 1) == ["Risk: Objective 0 (5%)"]
    assert p.badges(outs, 2) == ["Risk: Objective 1 (10%)"]


def test_no_badge_when_every_option_sinks_it_or_forecasts_are_hidden():
    outs = [outlook(0, [0.1]), outlook(1, [0.15]), outlook(2, [0.9], legal=False)]
    assert panel().badges(outs, 0) == []  # no available option keeps it: not this one's doing
    outs = [outlook(0, [0.9]), outlook(1, [0.05])]
    assert panel(hidden=True).badges(outs, 1) == []


def test_chances_compare_as_shown():
    """19.6% shows as 20%: no badge that would read "Risk: ... (20%)"."""
    outs = [outlook(0, [0.196]), outlook(1, [0.9]), outlook(2, [0.194])]
    assert panel().badges(outs, 0) == []
    assert panel().badges(outs, 2) == ["Risk: Objective 0 (19%)"]
    outs = [outlook(0, [0.05]), outlook(1, [0.196])]
    assert panel().badges(outs, 0) == ["Risk: Objective 0 (5%)"]  # 19.6% shows as 20%: kept


def test_no_badge_on_an_option_that_is_not_available():
    outs = [outlook(0, [0.9]), outlook(1, [0.05], legal=False)]
    assert panel().badges(outs, 1) == []
