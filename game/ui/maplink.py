"""Hot spots and news cards point at each other on the turn screen.

Hovering a hot spot on the map outlines the news cards about it, and its tooltip gives
their headlines; hovering a news card makes its hot spots pulse harder while the others
fade. The turn screen calls `draw_map` from its live layer and `tooltip` for the map's
hover card.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.controls import rounded
from game.ui.i18n import shown

if TYPE_CHECKING:
    from game.ui.turn import TurnScreen

__all__ = ["card_under_mouse", "cards_of", "draw_map", "headlines", "place_under_mouse", "tooltip"]


def place_under_mouse(turn: TurnScreen) -> str | None:
    """The place or zone of the map under the mouse, if any."""
    if not turn.map_rect.collidepoint(turn.mouse):
        return None
    mv = turn.app.map()
    key = (id(turn), id(mv), tuple(turn.mouse), tuple(turn.map_rect), mv.fonts.key)
    if not _HOVER or _HOVER[0][0] != key:  # asked every frame: found once per mouse position
        _HOVER[:] = [(key, mv.place_at(turn.mouse, turn.map_rect))]
    return _HOVER[0][1]


_HOVER: list[tuple[tuple, str | None]] = []


def card_under_mouse(turn: TurnScreen) -> tuple[str, str, str, list[str]] | None:
    """The news card under the mouse: (title, text, source line, hot spots)."""
    if not turn.news_rect.collidepoint(turn.mouse):
        return None
    for it in turn.news_items:
        if it.kind == "news" and it.rect is not None and it.rect.collidepoint(turn.mouse):
            return it.data
    return None


def cards_of(turn: TurnScreen, place: str) -> list[pygame.Rect]:
    """Screen rects of the visible news cards whose event points at `place`."""
    return [
        pygame.Rect(it.rect)
        for it in turn.news_items
        if it.kind == "news" and it.rect is not None and place in it.data[3]
    ]


def headlines(turn: TurnScreen, place: str) -> list[str]:
    """This turn's headlines about `place`."""
    return [title for title, _text, _who, spots in turn.session.news() if place in spots]


def tooltip(turn: TurnScreen, place: str) -> str:
    """The map's hover text: the place, then the headlines of this turn's news about it."""
    name = shown(turn.app.map().label_of(place) or place)
    news = headlines(turn, place)
    if not news:
        return name
    return name + "\n" + "\n".join(f"\u2022 {shown(h)}" for h in news)


def draw_map(turn: TurnScreen, surface: pygame.Surface, t: float | None) -> list[pygame.Rect]:
    """The map with this turn's hot spots; the hovered card's spots pulse, the hovered
    spot's cards are outlined. Returns the areas drawn."""
    card = card_under_mouse(turn)
    focus = tuple(card[3]) if card else ()
    spots = turn.session.hotspots()
    drawn = [turn.app.map().draw(surface, turn.map_rect, spots, t=t, focus=focus, split=True)]
    place = place_under_mouse(turn)
    if place and place in spots:
        st, pal = turn.style, turn.pal
        for r in cards_of(turn, place):
            outline = r.inflate(st.px(6), st.px(2))
            rounded(surface, outline, pal.hotspot, st.px(5), 2)
            drawn.append(outline)
    return drawn
