"""Hot spots and news cards point at each other: hovering a hot spot outlines its news card
and its tooltip gives the headline; hovering a card makes its hot spot stand out; only
news glows on the map."""

from __future__ import annotations

import pygame
import pytest

from game.ui import maplink
from game.ui.playthrough import Driver
from tests.ui.test_classroom import game_of

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _turn(make_app):
    app = make_app(size=(1280, 720))
    d = Driver(app)
    s = game_of(app, d, seed=7)
    d.idle()
    return app, d, s, app.top


def _move(app, d, turn, pos):
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    d.frames(2)
    assert turn.mouse == pos


def test_hovering_a_hot_spot_names_its_headline_and_outlines_its_card(make_app, ui_dirs):
    app, d, s, turn = _turn(make_app)
    news = [n for n in s.news() if n[3]]
    assert news, "turn 1 has news with a hot spot"
    title, _text, _who, spots = news[0]
    place = spots[0]
    at = app.map().anchor(place, turn.map_rect)
    _move(app, d, turn, at)
    assert maplink.place_under_mouse(turn) == place
    tip = maplink.tooltip(turn, place)
    assert title in tip and "in the news this turn" not in tip
    assert tip.startswith(app.map().label_of(place))
    cards = maplink.cards_of(turn, place)
    assert cards, "the card about the place is on screen"
    edge = (cards[0].centerx, cards[0].top - 1)
    surf = app.window.copy()
    surf.fill((0, 0, 0))
    maplink.draw_map(turn, surf, None)
    assert surf.get_at(edge)[:3] == app.style.palette.hotspot, "the card is outlined"
    _move(app, d, turn, (5, 5))
    surf.fill((0, 0, 0))
    maplink.draw_map(turn, surf, None)
    assert surf.get_at(edge)[:3] != app.style.palette.hotspot


def test_hovering_a_card_makes_its_hot_spot_stand_out(make_app, ui_dirs, monkeypatch):
    app, d, s, turn = _turn(make_app)
    item = next(it for it in turn.news_items if it.kind == "news" and it.data[3])
    mv = app.map()
    seen = []
    real = mv.draw

    def spy(surface, rect, hotspots=(), **kw):
        seen.append(tuple(kw.get("focus", ())))
        return real(surface, rect, hotspots, **kw)

    monkeypatch.setattr(mv, "draw", spy)
    _move(app, d, turn, (5, 5))
    assert seen[-1] == ()
    _move(app, d, turn, item.rect.center)
    assert maplink.card_under_mouse(turn) == item.data
    assert seen[-1] == tuple(item.data[3])


def test_a_focused_hot_spot_stands_out_and_the_others_fade(screen):
    from game.ui import theme
    from game.ui.mapview import MapView

    mv = MapView(theme.DEFAULT, theme.Fonts(1.0))
    rect = pygame.Rect(0, 0, 800, 480)

    def brightness(place: str, focus: tuple[str, ...]) -> int:
        surf = pygame.Surface(rect.size, 0, screen)
        mv.draw(surf, rect, ("beijing", "guam"), t=None, focus=focus)
        x, y = mv.anchor(place, rect)
        return sum(sum(surf.get_at((x + dx, y + 12))[:3]) for dx in range(-12, 13, 3))

    assert brightness("guam", ("beijing",)) < brightness("guam", ())
    assert brightness("beijing", ("beijing",)) >= brightness("beijing", ())


def test_only_the_news_glows(make_app, ui_dirs):
    app, d, s, turn = _turn(make_app)
    for _ in range(4):
        news_spots = {h for *_x, hs in s.news() for h in hs}
        assert set(s.hotspots()) == news_spots
        if not s.news():
            assert s.hotspots() == []
        d.decide_turn()
        d.until(lambda: app.top is not None and app.top.name in ("summary", "end"), 600)
        if app.top.name == "end":
            break
        d.key("return")
        d.screen("turn")
