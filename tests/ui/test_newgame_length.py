"""The New game screen's Length choice: Full or Lesson, by click or keys, locked by a code."""

from __future__ import annotations

import pytest

from game.classcode import make_code
from game.ui.playthrough import Driver
from tests.ui.helpers import open_new_game

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_choosing_lesson_starts_the_lesson_length(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    ng = open_new_game(app, d)
    assert ng.describe()["length"] == "full"
    texts = [r.text for r in app.redraw_all(record=True)]
    assert "Length" in texts and "Lesson" in texts and "Full" in texts
    d.click("length:lesson")
    assert ng.describe()["length"] == "lesson"
    d.key("left")  # the keys move along the segments of the focused section
    assert ng.describe()["length"] == "full"
    d.key("right")
    d.click("start")
    d.screen("briefing")
    s = app.top.session
    assert s.definition.length == "lesson" and s.game.scenario.turns == 8
    assert s.save_data()["length"] == "lesson"


def test_a_lesson_class_code_sets_and_locks_the_length(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    ng = open_new_game(app, d)
    d.click("code")
    for ch in make_code("lac_tensions", 31, "easy", length="lesson"):
        d.key(ch.lower())
    assert ng.describe()["length"] == "lesson" and ng.describe()["locked"]
    d.click("length:full")  # locked: the code decides
    assert ng.describe()["length"] == "lesson"
    d.click("start")
    d.screen("briefing")
    assert app.top.session.game.scenario.turns == 8
