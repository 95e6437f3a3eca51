"""Assessments are few a turn: asking intelligence is itself a choice. The Table counts
them for every front end (terminal, window, classroom server)."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.forecast import assessments_per_turn
from game.engine.game import Game, Rejected
from game.presentation import assessments_text, reason
from game.table import Table
from game.ui import assessing
from tests.builder import base, build, decision


def two_decisions(**intel):
    data = base()
    data["events"] = [
        decision("first", "india", [("up", [{"target": "a", "add": 5}]), ("down", [])]),
        decision("second", "india", [("up", [{"target": "a", "add": 5}]), ("down", [])]),
    ]
    if intel:
        data["intelligence"] = intel
    return build(data)


def table(sc):
    return Table.new(sc, ref="unit", seed=3, humans=["india"])


def test_the_number_per_turn_grows_with_intelligence():
    for quality, n in (("0", 1), ("0.5", 2), ("1", 3)):
        t = table(two_decisions(quality=quality))
        assert t.assessments_per_turn() == n, quality
    t = table(two_decisions(assessments="1 + a / 20"))  # a starts at 50
    assert t.assessments_per_turn() == 3
    g = Game(two_decisions(assessments="-4"), 1)
    assert assessments_per_turn(g.scenario, g.state) == 1  # at least one


def test_asking_costs_one_and_the_same_question_is_free():
    t = table(two_decisions(assessments=1))
    assert [d.event for d in t.pending("india")] == ["first", "second"]
    assert t.assessments_left("india") == 1
    fc = t.assess("india", 0, rollouts=20)
    assert not isinstance(fc, Rejected) and fc.event == "first"
    assert t.assessments_left("india") == 0
    assert t.assess("india", 0, rollouts=20) is fc  # asked again: the same, free
    refused = t.assess("india", 1, rollouts=20)
    assert isinstance(refused, Rejected) and refused.code == "no_assessments"
    assert reason(refused).startswith("no assessments left this turn (1 a turn")
    assert t.view("india")["assessments"] == {"per_turn": 1, "left": 0}
    t.choose("india", 0, 0)
    t.choose("india", 1, 1)
    t.resolve()
    assert t.game.turn == 2 and t.assessments_left("india") == 1  # a new turn, a new one


def test_an_assessment_plays_the_choices_staged_and_a_new_staging_is_a_new_question():
    t = table(two_decisions(assessments=2))
    t.choose("india", 0, 1)
    fc = t.assess("india", 1, rollouts=20)
    assert fc.staged == ((0, 1),)
    assert t.assessments_left("india") == 1
    t.choose("india", 0, 0)
    fc2 = t.assess("india", 1, rollouts=20)
    assert fc2.staged == ((0, 0),) and t.assessments_left("india") == 0
    # the staged option moves `a` by 5 in the futures of both options of `second`
    assert fc2.options[0].final["a"][1] == pytest.approx(fc.options[0].final["a"][1] + 5)


def test_spending_for_a_front_end_that_computes_elsewhere_and_the_words():
    t = table(two_decisions(assessments=1))
    assert t.spend_assessment("india", 0, {})
    assert t.spend_assessment("india", 0, {})  # the same one: free
    assert isinstance(t.spend_assessment("india", 1, {}), Rejected)
    assert t.spend_assessment("india", 5, {}).code == "no_decision"
    assert assessments_text(2, 3) == "2 of 3 assessments left this turn"
    assert assessments_text(0, 1) == "0 of 1 assessment left this turn"


class Inline:
    """Runs jobs at once (the window's worker does them in the background)."""

    def __init__(self):
        self.done = {}

    def submit(self, key, fn, spec=None):
        self.done[key] = (True, fn())

    def take(self, key):
        return self.done.pop(key, None)

    def drop(self, keep):
        self.done = {k: v for k, v in self.done.items() if keep(k)}


def window_session(assessments: int):
    """The window's session of a two-decision turn, its assessments computed inline."""
    from game.ui.session import Session

    return Session(
        two_decisions(assessments=assessments),
        ref="unit",
        content_hash="",
        role="india",
        seed=3,
        rollouts=20,
        worker=Inline(),
        autosave=False,
    )


def test_the_window_session_takes_the_turns_assessments_in_decision_order():
    s = window_session(assessments=1)
    s.poll()
    assert set(s.forecasts) == {0}
    assert s.failures[1].startswith("No assessment: no assessments left this turn")
    assert assessing.left_text(s) == "0 of 1 assessment left this turn"
    assert not s.assessing()
    s.choose(1, 0)
    refused = assessing.assess(s, 0)  # a new question (slot 1 staged): none left
    assert isinstance(refused, Rejected)
    np.testing.assert_equal(s.table.assessments_left("india"), 0)


def test_the_window_asks_again_with_the_choices_staged():
    s = window_session(assessments=3)
    s.poll()
    assert s.forecasts[1].staged == () and s.table.assessments_left("india") == 1
    s.choose(0, 1)
    assert assessing.assess(s, 1)
    assert 1 not in s.forecasts  # the old one is gone until the new one arrives
    s.poll()
    assert s.forecasts[1].staged == ((0, 1),) and s.table.assessments_left("india") == 0


def test_the_terminal_says_how_many_are_left_and_refuses_when_none_are(tmp_path):
    import subprocess
    import sys

    import yaml

    from tests.test_table import MINIMAL

    data = yaml.safe_load(open(MINIMAL, encoding="utf-8"))
    data["intelligence"] = {"assessments": 1}
    path = tmp_path / "few.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    script = "f\nf\n:inject talks\n1\nf\n1\n" + "1\n" * 12
    out = subprocess.run(
        [sys.executable, "-m", "game", "play", str(path), "--text", "--seed", "2"],
        input=script,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("0 of 1 assessment left this turn") == 2  # asked twice: free
    assert "No assessment: no assessments left this turn (1 a turn" in out.stdout
