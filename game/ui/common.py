"""Pieces shared by the screens: buttons with mouse and keyboard focus, the backdrop, game loading."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.ui.controls import Button, button_height, rounded
from game.ui.painter import Painter
from game.ui.screen import Rect, Screen, Transition

if TYPE_CHECKING:
    from game.ui.app import App

ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


class ButtonScreen(Screen):
    """A screen whose buttons answer the mouse (hover, click) and the keyboard (arrows, Tab, Enter)."""

    button_panel = "buttons"  # the panel redrawn when hover or focus changes

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.buttons: list[Button] = []
        self.focus: str | None = None
        self.hover: str | None = None

    # subclasses implement
    def activate(self, button_id: str) -> Transition | None:
        """Do what a button says."""
        return None

    def back(self) -> Transition | None:
        """Esc."""
        return None

    # helpers
    def button(self, button_id: str) -> Button | None:
        """A button by id."""
        return next((b for b in self.buttons if b.id == button_id), None)

    def focusable(self) -> list[Button]:
        """Buttons reachable with the keyboard, in order."""
        return [b for b in self.buttons if b.enabled]

    def move_focus(self, step: int) -> None:
        """Move keyboard focus to the next/previous enabled button."""
        order = self.focusable()
        if not order:
            return
        ids = [b.id for b in order]
        if self.focus not in ids:
            self.focus = ids[0] if step > 0 else ids[-1]
        else:
            self.focus = ids[(ids.index(self.focus) + step) % len(ids)]
        self.invalidate(self.button_panel)

    def draw_buttons(
        self, painter: Painter, surface: pygame.Surface, offset: tuple[int, int]
    ) -> None:
        """Draw every button onto a panel surface whose window position is `offset`."""
        for b in self.buttons:
            b.draw(painter, surface, self.hover == b.id and b.enabled, self.focus == b.id, offset)

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.MOUSEMOTION:
            self._set_hover(e.pos)
            return None
        if e.type == pygame.MOUSEBUTTONDOWN and e.button == 1:
            self._set_hover(e.pos)
            b = next((b for b in self.buttons if b.rect.collidepoint(e.pos)), None)
            if b is not None and b.enabled:
                self.focus = b.id
                return self.activate(b.id)
            return self.click(e.pos)
        if e.type == pygame.KEYDOWN:
            if e.key == pygame.K_ESCAPE:
                return self.back()
            if e.key in (pygame.K_DOWN, pygame.K_TAB) and not (
                e.key == pygame.K_TAB and e.mod & pygame.KMOD_SHIFT
            ):
                self.move_focus(1)
                return None
            if e.key == pygame.K_UP or (e.key == pygame.K_TAB and e.mod & pygame.KMOD_SHIFT):
                self.move_focus(-1)
                return None
            if e.key in ACTIVATE_KEYS:
                b = self.button(self.focus) if self.focus else None
                if b is not None and b.enabled:
                    return self.activate(b.id)
                return None
            for b in self.buttons:
                if (
                    b.enabled
                    and b.hotkey
                    and len(b.hotkey) == 1
                    and e.unicode
                    and e.unicode.lower() == b.hotkey.lower()
                ):
                    self.focus = b.id
                    return self.activate(b.id)
        return None

    def click(self, pos: tuple[int, int]) -> Transition | None:
        """A click that hit no button."""
        return None

    def _set_hover(self, pos: tuple[int, int]) -> None:
        b = next((b for b in self.buttons if b.rect.collidepoint(pos) and b.enabled), None)
        new = b.id if b else None
        if new != self.hover:
            self.hover = new
            self.invalidate(self.button_panel)

    def targets(self) -> dict[str, Rect]:
        return {b.id: Rect(b.rect) for b in self.buttons if b.enabled}

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "focus": self.focus, "buttons": [b.id for b in self.buttons]}


# -- the backdrop -------------------------------------------------------------------------


def column_buttons(
    painter: Painter, rect: Rect, specs: list[tuple[str, str, str, str]], gap: int | None = None
) -> list[Button]:
    """Buttons stacked in a column: specs are (id, label, kind, hotkey)."""
    h = button_height(painter)
    gap = painter.style.px(10) if gap is None else gap
    out = []
    y = rect.y
    for bid, label, kind, key in specs:
        out.append(Button(bid, label, Rect(rect.x, y, rect.w, h), kind, True, key))
        y += h + gap
    return out


def row_buttons(
    painter: Painter,
    right: int,
    y: int,
    specs: list[tuple[str, str, str, str]],
    gap: int | None = None,
    min_w: int = 0,
) -> list[Button]:
    """Buttons in a row ending at `right` (sized to their labels): specs are (id, label, kind, hotkey)."""
    st = painter.style
    h = button_height(painter)
    gap = st.px(10) if gap is None else gap
    widths = []
    for _, label, _, key in specs:
        w = painter.width(label, "label", True) + st.px(36)
        if key:
            w += painter.width(key, "small") + st.px(18)
        widths.append(max(min_w, w))
    x = right - sum(widths) - gap * (len(specs) - 1)
    out = []
    for (bid, label, kind, key), w in zip(specs, widths, strict=True):
        out.append(Button(bid, label, Rect(x, y, w, h), kind, True, key))
        x += w + gap
    return out


def card(
    surface: pygame.Surface, rect: Rect, pal: Any, radius: int, fill: Any = None, border: Any = None
) -> None:
    """A flat rounded card."""
    rounded(surface, rect, fill or pal.panel_alt, radius)
    if border is not None:
        rounded(surface, rect, border, radius, 1)


def app_rollouts(app: App) -> int:
    """Rollouts per option for assessments (0 when switched off)."""
    return app.settings.rollouts if app.settings.forecasts else 0
