"""The decisions panel remembers the heights it measured (`DetailBox.measured`): whatever
the player did before, a layout must be the one made from nothing."""

from __future__ import annotations

import dataclasses
import random

import pygame

from game.ui import turn_capital
from game.ui.script import key_event
from tests.ui.helpers import open_turn


def _layout(turn) -> tuple:
    panel = turn.decisions_panel
    return (
        [
            (it.kind, it.height, None if it.rect is None else tuple(it.rect))
            for it in turn.dec_items
        ],
        sorted((k, tuple(r)) for k, r in turn.tab_rects.items()),
        tuple(turn.assess_rect),
        tuple(turn.list_rect),
        tuple(panel.capital.rect),
        panel.compact,
        panel.ranges,
        turn.dec_window,
    )


def _from_nothing(turn) -> tuple:
    """The layout again with nothing remembered (heights, fits, capital answers); what the
    screen remembers is put back after, so the next step uses it as the game would."""
    panel = turn.decisions_panel
    names = ("_measured", "_measured_ctx", "_measured_refs", "_fits")
    kept = {k: panel.__dict__.pop(k) for k in names if k in panel.__dict__}
    answers = dict(panel.capital._memo)
    panel.capital._memo.clear()
    panel.place()
    fresh = _layout(turn)
    for k in names:
        panel.__dict__.pop(k, None)
    panel.__dict__.update(kept)
    panel.capital._memo.clear()
    panel.capital._memo.update(answers)
    panel.place()
    return fresh


def test_layouts_after_choices_tabs_and_assessments_are_those_made_from_nothing(
    make_app, ui_dirs, monkeypatch
):
    # a third option staged for another decision draws 3 more capital: that choice makes
    # the other decision's priced option too dear (its card says why), another choice
    # makes it affordable again
    real = turn_capital.capital_status

    def dear_when_staged(game, role, staged=None, slot=None, pending=None, base=None):
        cs = real(game, role, staged, slot, pending, base)
        others = sum(1 for s, k in (staged or {}).items() if s != slot and k == 2)
        return dataclasses.replace(cs, staged=cs.staged + 3.0 * others)

    monkeypatch.setattr(turn_capital, "capital_status", dear_when_staged)
    # and the reason it gives grows with what is staged (a card's height changes with it)
    real_tag = turn_capital.cost_tag

    def long_tag(cost, cs, tr):
        return real_tag(cost, cs, tr) + " (staged elsewhere this turn)" * int(cs.staged)

    monkeypatch.setattr(turn_capital, "cost_tag", long_tag)
    app = make_app(forecasts=True, rollouts=60, text_scale=1.4)
    d = open_turn(app, "lac_tensions", "india", "easy", 2026, title=False)
    turn = app.top
    s = turn.session
    decs = turn.decisions
    assert len(decs) == 2 and any(o.cost > 0 for o in decs[1].options)
    assert 0 in s.forecasts
    # the assessment as if still being made, then arriving (as `Session.poll` takes it)
    fc, advice = s.forecasts.pop(0), s.advice.pop(0)
    d.frames(2)
    assert _layout(turn) == _from_nothing(turn)
    s.forecasts[0], s.advice[0] = fc, advice
    d.frames(2)
    assert _layout(turn) == _from_nothing(turn)
    rng = random.Random(3)
    checked = dear_seen = 0
    for _ in range(60):
        action = rng.choice(["1", "2", "3", "tab", "tab", "down", "hover", "wait"])
        if action == "hover":
            targets = [t for t in turn.targets() if t.startswith(("opt:", "tab:"))]
            pos = turn.targets()[rng.choice(targets)].center if targets else (5, 5)
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0)))
        elif action != "wait":
            for e in key_event(action):
                pygame.event.post(e)
        d.frames(2)
        assert app.top is turn and not app._crashes
        dear_seen += any(
            turn.decisions_panel.capital.dear(dec, o) for dec in decs for o in dec.options
        )
        turn.decisions_panel.place()  # (as the screen does after any change)
        assert _layout(turn) == _from_nothing(turn), action
        checked += 1
    assert checked == 60 and 0 < dear_seen < 50  # too dear, and affordable again


def test_assessments_arriving_under_another_screen_are_measured_before_the_layout(
    make_app, ui_dirs
):
    """Hidden (under the summary), the turn screen takes an arriving assessment in parts,
    one a quiet frame: the cards and details measured first, then the layout, the one made
    from nothing."""
    app = make_app(forecasts=True, rollouts=60)
    d = open_turn(app, "lac_tensions", "india", "easy", 2026, title=False)
    turn = app.top
    s = turn.session
    fc, advice = s.forecasts.pop(0), s.advice.pop(0)
    d.frames(2)
    laid = turn._laid_with
    assert laid == turn.assessed()
    s.forecasts[0], s.advice[0] = fc, advice  # as `Session.poll` takes it
    steps = 0
    while turn._laid_with != turn.assessed():
        assert turn.prerender() and steps < 20
        steps += 1
        if turn._laid_with != turn.assessed():
            assert turn._laid_with == laid  # the old layout stands until the new one is made
    assert steps > len(turn.decisions)  # measured in parts before
    assert _layout(turn) == _from_nothing(turn)
    assert turn.panels["decisions"].dirty  # and drawn again
