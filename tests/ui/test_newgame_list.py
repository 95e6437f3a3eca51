"""New game lists every scenario (wheel, keys, a visible cue when some are out of view), and
the Continue card names the scenario by its title."""

from __future__ import annotations

import pygame
import pytest

from game.ui.files import flush_saves
from game.ui.flow import start_game
from game.ui.menu import TitleScreen
from game.ui.playthrough import Driver
from tests.ui.helpers import open_new_game

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def shown(app) -> list:
    return app.redraw_all(record=True)


@pytest.mark.parametrize(
    "size,scale", [((1280, 720), 1.0), ((1366, 768), 1.0), ((1920, 1080), 1.0)]
)
def test_every_scenario_card_is_shown_at_normal_text(make_app, ui_dirs, size, scale):
    app = make_app(size=size, text_scale=scale)
    d = Driver(app)
    ng = open_new_game(app, d)
    assert len(ng.entries) >= 4
    assert set(ng.rows) == set(range(len(ng.entries)))  # every card, none scrolled away
    texts = [r.text for r in shown(app)]
    for e in ng.entries:
        assert e.title in texts
    about = [r for r in shown(app) if r.text.startswith("About ")]
    assert about, "the About column shows the picked scenario"


def test_large_text_scrolls_with_wheel_and_keys_and_says_what_is_hidden(make_app, ui_dirs):
    app = make_app(text_scale=1.4)
    d = Driver(app)
    ng = open_new_game(app, d)
    n = len(ng.entries)
    assert len(ng.rows) < n  # at 140% text not every card fits
    records = shown(app)
    cue = [r.text for r in records if "more below" in r.text]
    assert cue == [f"{n - len(ng.rows)} more below: mouse wheel or Up/Down"]
    # the picked card carries the whole summary when the About column has no room for it
    picked = ng.entries[ng.pick]
    if not ng.about_fits:
        body = [r for r in records if r.text and r.text in " ".join(picked.summary.split())]
        assert body and all(not r.text.endswith("\u2026") for r in body)
    # the wheel over the list scrolls it (the picked card does not pull it back)
    centre = ng.list_box.center
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=centre, rel=(0, 0), buttons=(0, 0, 0))
    )
    for _ in range(n):
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
    d.frames(2)
    assert max(ng.rows) == n - 1, "the wheel reaches the last scenario"
    assert any("above" in r.text for r in shown(app))
    # keys: Down to the last card keeps it in view
    for _ in range(n):
        d.key("up")
    assert ng.pick == 0 and 0 in ng.rows
    for _ in range(n):
        d.key("down")
    assert ng.pick == n - 1 and n - 1 in ng.rows


def test_continue_card_names_the_scenario_by_its_title(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    app.push(TitleScreen(app))
    app.push(start_game(app, "lac_tensions", "india", "easy", 3))
    d.screen("briefing")
    d.key("return")
    d.screen("turn")
    d.decide_turn()
    d.screen("summary")
    flush_saves()
    d.key("return")
    d.screen("turn")
    d.key("escape", "q")
    d.screen("menu")
    texts = " ".join(r.text for r in shown(app))
    assert "Line of Actual Control" in texts
    assert "Lac Tensions" not in texts
