"""The map of this turn's hot spots at the size of the window (key H, or a click on the turn
screen's map): at large text the turn screen's middle column is too narrow for a map worth
reading, and shows a button that opens this one instead."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.ui import i18n, maplink
from game.ui.common import row_buttons
from game.ui.controls import button_height
from game.ui.overlays import ClosingOverlay
from game.ui.painter import Painter
from game.ui.screen import Pop, Rect, Transition

if TYPE_CHECKING:
    from game.ui.turn import TurnScreen


class MapScreen(ClosingOverlay):
    """This turn's hot spots on a map as large as the window allows; hovering a hot spot
    lists its headlines."""

    name = "map"
    button_panel = "box"

    def __init__(self, turn: TurnScreen) -> None:
        self.turn = turn
        self.map_rect = Rect(0, 0, 0, 0)
        self.mouse = (-1, -1)
        super().__init__(turn.app)

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        self.title = self.turn._map_title()
        inner = self.place_box(win, win.w, win.h)
        bh = button_height(p)
        specs = [("back", i18n.tr("Back"), "primary", "Esc")]
        self.buttons = row_buttons(p, inner.right, inner.bottom - bh, specs)
        self.focus = "back"
        from game.ui.menu import map_aspect

        room = Rect(inner.x, inner.y, inner.w, inner.h - bh - st.u)
        w = min(room.w, int(room.h * map_aspect(self.app)))
        h = min(room.h, int(w / map_aspect(self.app)))
        self.map_rect = Rect(room.x + (room.w - w) // 2, room.y, w, h)

    def draw_content(self, surf: pygame.Surface, p: Painter, off: tuple[int, int]) -> None:
        spots = self.turn.session.hotspots()
        rect = self.map_rect.move(-off[0], -off[1])
        self.app.map().draw(surf, rect, spots, t=None)

    def place_under_mouse(self) -> str | None:
        """The hot spot of this turn under the mouse, if any."""
        if not self.map_rect.collidepoint(self.mouse):
            return None
        place = self.app.map().place_at(self.mouse, self.map_rect)
        return place if place in self.turn.session.hotspots() else None

    def tooltip(self) -> str:
        """The hovered hot spot's name and this turn's headlines about it."""
        place = self.place_under_mouse()
        return maplink.tooltip(self.turn, place) if place else ""

    def draw_live(self, surface: pygame.Surface, t: float) -> list[Rect]:
        text = self.tooltip()
        if not text:
            return []
        st, pal, p = self.style, self.pal, self.app.painter
        lines = [i18n.shown(line) for line in text.split("\n")]
        w = min(self.map_rect.w, max(p.width(line, "small") for line in lines) + st.px(20))
        h = sum(p.para_height(line, "small", w - st.px(20)) for line in lines) + st.px(12)
        r = Rect(self.mouse[0] + st.px(16), self.mouse[1] + st.px(16), w, h)
        r.clamp_ip(Rect(self.map_rect))
        pygame.draw.rect(surface, pal.panel, r, border_radius=st.px(6))
        pygame.draw.rect(surface, pal.hotspot, r, 1, border_radius=st.px(6))
        y = r.y + st.px(6)
        for line in lines:
            box = Rect(r.x + st.px(10), y, r.w - st.px(20), r.bottom - y)
            y = p.para(surface, line, box, "small", pal.text).bottom
        return [r]

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.MOUSEMOTION:
            self.mouse = e.pos
        elif e.type == pygame.KEYDOWN and e.key == pygame.K_h:
            return Pop()
        return super().on_event(e)

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "map": tuple(self.map_rect),
            "hotspots": list(self.turn.session.hotspots()),
        }
