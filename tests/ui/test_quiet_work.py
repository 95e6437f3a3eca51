"""One-off work is put off to quiet frames, one task a frame, and the game's collection
leaves what start-up froze alone (walking it cost the guided tour's first frame 60-85 ms)."""

from __future__ import annotations

import gc

from game.ui.playthrough import Driver
from tests.ui.test_classroom import game_of


def test_later_runs_tasks_in_coming_frames_one_at_a_time(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    game_of(app, d)
    d.idle()
    ran = []
    app.later(lambda: ran.append(1))
    app.later(lambda: ran.append(2))
    assert ran == []
    d.frames(1)
    assert ran in ([], [1])
    d.frames(200)  # quiet frames, or after a while frames that redrew nothing
    assert ran == [1, 2]


def test_entering_a_game_keeps_start_up_frozen(make_app, ui_dirs, monkeypatch):
    calls = []
    monkeypatch.setattr(gc, "unfreeze", lambda: calls.append("unfreeze"))
    app = make_app()
    d = Driver(app)
    assert gc.get_freeze_count() > 0, "start-up is frozen when the window opens"
    game_of(app, d)
    d.idle()
    d.frames(200)
    assert not app._later, "the collection put off to a quiet frame has run"
    assert calls == [], "start-up objects stay frozen"
