"""The Load list: a finished game shows its ending and the player's score; the focus ring of
the first row is drawn whole (inside the list's panel)."""

from __future__ import annotations

import pytest

from game.engine.bots import make_policy
from game.engine.game import Game
from game.saves import save_dict, write_save
from game.scenario.loader import load
from game.ui.playthrough import Driver

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _finished_save(folder, name="done.json"):
    sc = load("tariff_friction")
    g = Game(sc, 11)
    bots = {r: make_policy(sc, "balanced") for r in ("india", "us")}
    while not g.is_over():
        g.apply(g.play_bots(bots))
    path = folder / name
    write_save(path, save_dict(g, scenario="tariff_friction", content_hash="x"))
    return g, path


def test_a_finished_game_shows_its_ending_and_score(ui_dirs):
    from game.ui.files import describe_save

    folder = ui_dirs[0] / "saves"
    folder.mkdir(parents=True)
    g, path = _finished_save(folder)
    info = describe_save(path)
    assert info is not None and info.ok and info.over
    ending = g.text(g.ending().title)
    score = round(g.scores()["india"])
    assert ending in info.detail and f"score {score}/100" in info.detail


def test_the_focus_ring_is_not_clipped(make_app, ui_dirs):
    from game.ui.menu import LoadScreen, TitleScreen

    folder = ui_dirs[0] / "saves"
    folder.mkdir(parents=True)
    _finished_save(folder)
    app = make_app()
    d = Driver(app)
    app.push(TitleScreen(app))
    app.push(LoadScreen(app))
    d.frames(2)
    load = app.top
    first = load.buttons[0]
    assert load.focus == first.id
    panel = load.panels["buttons"].rect
    ring = first.rect.inflate(load.style.px(6), load.style.px(6))
    assert panel.contains(ring), (panel, ring)
    texts = [r.text for r in app.redraw_all(record=True)]
    assert any("finished" in t and "score" in t for t in texts)
