"""Pieces shared by the screens: buttons with mouse and keyboard focus, the backdrop, game loading."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game.ui.controls import Button, button_height, rounded
from game.ui.screen import Painter, Rect, Reset, Screen, Transition

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

_backdrops: dict[tuple[Any, ...], pygame.Surface] = {}


def backdrop(size: tuple[int, int], pal: Any) -> pygame.Surface:
    """The window background: deep navy with a faint grid, like a situation-room wall."""
    key = (size, pal)
    surf = _backdrops.get(key)
    if surf is None:
        from game.ui.screen import new_surface
        from game.ui.theme import blend

        surf = new_surface(size)
        surf.fill(pal.background)
        step = max(24, size[1] // 18)
        line = blend(pal.background, pal.grid, 0.45)
        for x in range(step // 2, size[0], step):
            pygame.draw.line(surf, line, (x, 0), (x, size[1]))
        for y in range(step // 2, size[1], step):
            pygame.draw.line(surf, line, (0, y), (size[0], y))
        if len(_backdrops) > 6:
            _backdrops.clear()
        _backdrops[key] = surf
    return surf


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


# -- opening games -------------------------------------------------------------------------


def open_save(app: App, path: Path) -> Transition | None:
    """Load a save and go to its turn (or end) screen; errors become a notice or error screen."""
    from game.saves import SaveError
    from game.scenario.loader import ScenarioError
    from game.ui.files import flush_saves
    from game.ui.session import session_from_save

    flush_saves()
    try:
        session, note = session_from_save(
            path, rollouts=app_rollouts(app), worker=app.worker, lang=app.settings.language
        )
    except SaveError as err:
        app.toast(str(err), "error")
        return None
    except ScenarioError as err:
        from game.ui.errors import ScenarioErrorScreen

        return Reset(ScenarioErrorScreen(app, str(path), [d.format() for d in err.diagnostics]))
    except FileNotFoundError as err:
        app.toast(f"The scenario of this save cannot be found: {err}", "error")
        return None
    session.autosave_enabled = app.autosave
    return enter_game(app, session, note)


def enter_game(app: App, session: Any, note: str = "") -> Transition:
    """Make `session` the current game and show its turn (or its end)."""
    from game.ui.endscreen import EndScreen
    from game.ui.turn import TurnScreen

    app.session = session
    app.collect_all()  # this frame is a screen change anyway: tidy up memory now
    _warm_devanagari(app)
    if note:
        app.toast(note, "warn")
    if session.game.is_over():
        return Reset(EndScreen(app, session))
    return Reset(TurnScreen(app, session))


def _warm_devanagari(app: App) -> None:
    """Shape one Hindi word in the small face, in this screen-change frame: the first
    shaping with a Devanagari face costs ~12 ms, which would otherwise land on the first
    frame of the settings screen (its language row says "English or \u0939\u093f\u0928\u094d\u0926\u0940")."""
    from game.ui.theme import font_for

    try:
        word = "\u0939\u093f\u0928\u094d\u0926\u0940"
        font_for(word, app.style.font("small")).size(word)
    except (pygame.error, AttributeError):
        pass  # only a warm-up: the text is shaped when it is drawn anyway


def app_rollouts(app: App) -> int:
    """Rollouts per option for assessments (0 when switched off)."""
    return app.settings.rollouts if app.settings.forecasts else 0
