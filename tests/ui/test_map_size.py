"""The turn screen's map is either large enough to read or a button that opens it at full
size (key H, or a click): never a thumbnail (at 140% text the middle column was 181 px)."""

from __future__ import annotations

import pygame
import pytest

from game.ui.turn_layout import MAP_MIN_W
from tests.ui.helpers import open_turn

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SIZES = [((1280, 720), 1.0), ((1366, 768), 1.0), ((1920, 1080), 1.0), ((1280, 720), 1.4)]


@pytest.mark.parametrize("size,scale", SIZES, ids=[f"{w}x{h}@{s}" for (w, h), s in SIZES])
def test_the_map_is_readable_or_a_button_that_opens_it(make_app, ui_dirs, size, scale):
    app = make_app(size=size, text_scale=scale)
    d = open_turn(app)
    turn = app.top
    st = app.style
    if scale == 1.0:
        assert not turn.map_compact, "at 100% text the map is on the turn screen"
    if turn.map_compact:
        assert turn.map_rect.w == 0, "no thumbnail is drawn"
        button = turn.map_button
        assert button is not None and turn.map_frame.contains(button.rect)
        drawn = [r.text for r in app.redraw_all(record=True) if r.owner == "mapframe"]
        assert "Map" in drawn and "H" in drawn, "the button says what it opens, with its key"
    else:
        assert turn.map_rect.w >= st.px(MAP_MIN_W) and turn.map_rect.h >= st.px(MAP_MIN_W) // 2
    # H, or a click on the map (or its button), opens the map at the window's size
    d.key("h")
    d.screen("map")
    big = app.top.map_rect
    assert big.w >= 0.7 * size[0] or big.h >= 0.7 * size[1]
    assert big.w > 2 * turn.map_rect.w
    # hovering a hot spot there gives its headlines
    spots = turn.session.hotspots()
    assert spots, "the first turn of Tariff Friction has news on the map"
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=app.map().anchor(spots[0], big), rel=(0, 0))
    )
    d.frames(2)
    tip = app.top.tooltip()
    headlines = [title for title, _t, _a, where in turn.session.news() if spots[0] in where]
    assert headlines and all(h in tip for h in headlines)
    d.key("escape")
    d.screen("turn")
    d.click("map")
    d.screen("map")
    d.key("h")
    d.screen("turn")


def test_at_large_text_the_news_gets_the_map_s_height(make_app, ui_dirs):
    app = make_app(size=(1280, 720), text_scale=1.4)
    open_turn(app)
    turn = app.top
    assert turn.map_compact
    assert turn.news_rect.h > 0.75 * (turn.news_rect.bottom - turn.map_frame.y)
