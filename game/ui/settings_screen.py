"""The Settings screen: every change applies at once and is saved."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import i18n
from game.ui.common import ButtonScreen, row_buttons
from game.ui.controls import button_height, rounded
from game.ui.painter import Painter
from game.ui.pixels import backdrop
from game.ui.screen import Pop, Rect, Transition
from game.ui.settings import TEXT_SCALE_RANGE, WINDOW_SIZES, Settings
from game.ui.theme import blend, draw_panel, panel_content_rect

if TYPE_CHECKING:
    from game.ui.app import App

# what Hindi covers (tests/ui/test_i18n_hindi.py draws every screen of Tariff Friction in it)
LANGUAGE_NOTE = (
    "English or \u0939\u093f\u0928\u094d\u0926\u0940. Hindi: the whole interface and Tariff "
    "Friction; other scenarios in English."
)
ROWS = (
    ("size", "Window size", "Or drag the window's edges; the layout adapts."),
    ("fullscreen", "Full screen", "F11 switches it anywhere."),
    ("text_scale", "Text size", "Scales every text in the game."),
    ("colorblind", "Colour-blind-safe palette", "Good and bad differ in lightness, not just hue."),
    ("animations", "Animations", "Pulsing hot spots and a short fade between screens."),
    ("sound", "Sound", "Soft cues for a new turn, a decision and a crisis."),
    ("volume", "Volume", "Loudness of the cues."),
    ("forecasts", "Assessments", "Play every option forward 1,000 times in the background."),
    (
        "language",
        "Language",
        LANGUAGE_NOTE,
    ),
)
BOOLS = {"fullscreen", "colorblind", "animations", "sound", "forecasts"}


def _scales() -> list[float]:
    lo, hi = TEXT_SCALE_RANGE
    out, v = [], lo
    while v <= hi + 1e-9:
        out.append(round(v, 2))
        v += 0.05
    return out


class SettingsScreen(ButtonScreen):
    """Window, text, palette, motion, sound and assessments."""

    panel_fill = "panel"

    name = "settings"
    button_panel = "rows"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.row = 0
        self.row_rects: dict[str, Rect] = {}
        frame = self.add_panel("frame", self._draw_frame)
        frame.static_key = lambda: (
            "settings-frame",
            i18n.language(),
            self.app.settings.settings_locked,
            self.pal,
            self.style.fonts.scale,
            self.app.size,
        )
        self.add_panel("rows", self._draw_rows)

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        m = st.u * 4
        w = min(win.w - 2 * m, st.px(900))
        frame = Rect((win.w - w) // 2, m, w, win.h - 2 * m)
        self.panels["frame"].set_rect(frame)
        inner = panel_content_rect(frame, st.fonts, "Settings")
        bh = button_height(p)
        row_h = st.line("body", True) + st.line("small") + st.u * 2
        avail = inner.h - bh - st.u * 3
        # rows shrink to fit a small window with large text (their notes go first)
        row_h = min(row_h + st.u, max(st.line("body", True) + st.u, avail // len(ROWS)))
        self.row_rects = {}
        y = inner.y
        for key, _, _ in ROWS:
            self.row_rects[key] = Rect(inner.x, y, inner.w, row_h - st.px(4))
            y += row_h
        self.panels["rows"].set_rect(Rect(inner.x, inner.y, inner.w, inner.h))
        self.buttons = row_buttons(
            p,
            inner.right,
            inner.bottom - bh,
            [("back", i18n.tr("Done"), "primary", "Esc")],
            min_w=st.px(140),
        )
        self.control_w = min(st.px(260), inner.w // 3)

    def prepare_step(self) -> bool:
        if not super().prepare_step():
            return False
        # the pixels the rows are drawn into again when a value changes, before they show
        return not self.panels["rows"].ensure_spare()

    def control_rect(self, key: str) -> Rect:
        """The value control of a row (window coordinates)."""
        r = self.row_rects[key]
        h = button_height(self.app.painter)
        return Rect(r.right - self.control_w, r.centery - h // 2, self.control_w, h)

    # -- values -----------------------------------------------------------------------------

    def value_text(self, key: str) -> str:
        """How a setting's value reads."""
        s = self.app.settings
        if key == "language":
            return i18n.LANGUAGE_NAMES.get(s.language, s.language)
        if key == "size":
            return f"{s.width} \u00d7 {s.height}" if not s.fullscreen else "full screen"
        if key == "text_scale":
            return f"{s.text_scale:.0%}"
        if key == "volume":
            return f"{s.volume:.0%}"
        return i18n.tr("On") if getattr(s, key) else i18n.tr("Off")

    def change(self, key: str, step: int) -> None:
        """Move a setting one step (toggle for on/off ones) and apply it."""
        if self.app.settings.settings_locked:
            self.app.toast(
                i18n.tr("Settings are locked by the facilitator.")
                + " Ctrl+Shift+F \u203a "
                + i18n.tr("Unlock settings"),
                "warn",
            )
            return
        s: Settings = replace(self.app.settings)
        if key == "language":
            codes = [c for c, _ in i18n.LANGUAGES]
            s.language = codes[(codes.index(s.language) + step) % len(codes)]
        if key in BOOLS:
            setattr(s, key, not getattr(s, key))
        elif key == "size":
            if s.fullscreen:
                return
            sizes = list(WINDOW_SIZES)
            cur = min(
                range(len(sizes)),
                key=lambda i: abs(sizes[i][0] - s.width) + abs(sizes[i][1] - s.height),
            )
            w, h = sizes[max(0, min(len(sizes) - 1, cur + step))]
            s.width, s.height = w, h
        elif key == "text_scale":
            scales = _scales()
            cur = min(range(len(scales)), key=lambda i: abs(scales[i] - s.text_scale))
            s.text_scale = scales[max(0, min(len(scales) - 1, cur + step))]
        elif key == "volume":
            s.volume = round(max(0.0, min(1.0, s.volume + 0.1 * step)), 2)
        self.app.apply_settings(s)
        if key == "language" and self.app.session is not None:
            self.app.session.game.lang = s.language  # the scenario's texts follow at once
            self.app.session.relabel()  # (the assessments stay)
            turn = self.app.find("turn")
            if turn is not None:
                turn.stale = True
        if key == "forecasts" and self.app.session is not None:
            self.app.session.set_rollouts(s.rollouts if s.forecasts else 0)
        if key in ("sound", "volume") and s.sound:
            self.app.play("decision")
        self.invalidate()

    # -- drawing ----------------------------------------------------------------------------

    def _draw_frame(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        surf.blit(backdrop(self.app.size, self.pal), (0, 0), Rect(self.panels["frame"].rect))
        title = i18n.tr("Settings")
        if self.app.settings.settings_locked:
            title += " \u00b7 " + i18n.tr("locked by the facilitator")
        draw_panel(surf, r, self.pal, title, self.style.fonts)

    def _draw_rows(self, surf: pygame.Surface, p: Painter, r: Rect) -> Iterator[None]:
        st, pal = self.style, self.pal
        surf.fill(pal.panel)
        off = self.panels["rows"].rect.topleft
        for i, (key, label, note) in enumerate(ROWS):
            rr = self.row_rects[key].move(-off[0], -off[1])
            active = i == self.row
            if active:
                rounded(surf, rr, blend(pal.panel_alt, pal.accent, 0.1), st.px(6))
                pygame.draw.rect(
                    surf, pal.accent, (rr.x, rr.y + st.px(6), st.px(3), rr.h - st.px(12))
                )
            elif self.hover == f"row:{key}":
                rounded(surf, rr, pal.panel_alt, st.px(6))
            cr = self.control_rect(key).move(-off[0], -off[1])
            tx = rr.x + st.u * 2
            tw = cr.x - tx - st.u * 2
            with_note = rr.h >= st.line("body", True) + st.line("small")
            ty = rr.y + (rr.h - st.line("body", True) - (st.line("small") if with_note else 0)) // 2
            disabled = key == "size" and self.app.settings.fullscreen
            disabled = disabled or self.app.settings.settings_locked  # the facilitator's lock
            p.text(
                surf,
                i18n.tr(label),
                Rect(tx, ty, tw, st.line("body", True)),
                "body",
                pal.text_dim if disabled else pal.text,
                bold=True,
            )
            if with_note:
                p.text(
                    surf,
                    note,
                    Rect(tx, ty + st.line("body", True), tw, st.line("small")),
                    "small",
                    pal.text_dim,
                )
            if key in BOOLS:
                self._draw_toggle(surf, p, cr, bool(getattr(self.app.settings, key)))
            else:
                self._draw_stepper(surf, p, cr, self.value_text(key), disabled)
            if i % 3 == 2:
                yield  # (a few rows a step: the panel is drawn over frames within the budget)
        self.draw_buttons(p, surf, off)

    def _draw_toggle(self, surf: pygame.Surface, p: Painter, cr: Rect, on: bool) -> None:
        st, pal = self.style, self.pal
        h = st.px(24)
        w = st.px(46)
        sw = Rect(cr.right - w, cr.centery - h // 2, w, h)
        rounded(surf, sw, pal.accent if on else pal.border, h // 2)
        knob_x = sw.right - h // 2 if on else sw.x + h // 2
        pygame.draw.circle(surf, pal.text, (knob_x, sw.centery), h // 2 - st.px(3))
        p.text(
            surf,
            i18n.tr("On") if on else i18n.tr("Off"),
            Rect(cr.x, cr.y, sw.x - cr.x - st.u, cr.h),
            "body",
            pal.text if on else pal.text_dim,
            align="right",
            valign="center",
        )

    def _draw_stepper(
        self, surf: pygame.Surface, p: Painter, cr: Rect, text: str, disabled: bool
    ) -> None:
        st, pal = self.style, self.pal
        rounded(surf, cr, pal.background, st.px(6))
        rounded(surf, cr, pal.border, st.px(6), 1)
        colour = pal.text_dim if disabled else pal.text
        aw = st.px(28)
        icon_triangle_left(surf, (cr.x + aw // 2, cr.centery), st.px(9), colour)
        icon_triangle_right(surf, (cr.right - aw // 2, cr.centery), st.px(9), colour)
        p.text(
            surf,
            text,
            cr.inflate(-2 * aw, 0),
            "body",
            colour,
            bold=True,
            align="center",
            valign="center",
        )

    # -- input ------------------------------------------------------------------------------

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.MOUSEMOTION:
            h = next((f"row:{k}" for k, r in self.row_rects.items() if r.collidepoint(e.pos)), None)
            if h != self.hover and not any(b.rect.collidepoint(e.pos) for b in self.buttons):
                self.hover = h
                self.invalidate("rows")
            else:
                super().on_event(e)
            return None
        if e.type == pygame.MOUSEBUTTONDOWN and e.button == 1:
            for i, (key, _, _) in enumerate(ROWS):
                cr = self.control_rect(key)
                if self.row_rects[key].collidepoint(e.pos):
                    self.row = i
                    if key in BOOLS:
                        self.change(key, 1)
                    elif cr.collidepoint(e.pos):
                        self.change(key, -1 if e.pos[0] < cr.centerx else 1)
                    self.invalidate("rows")
                    return None
        if e.type == pygame.KEYDOWN:
            key = ROWS[self.row][0]
            if e.key in (pygame.K_UP, pygame.K_DOWN):
                self.row = (self.row + (1 if e.key == pygame.K_DOWN else -1)) % len(ROWS)
                self.invalidate("rows")
                return None
            if e.key in (pygame.K_LEFT, pygame.K_RIGHT):
                self.change(key, 1 if e.key == pygame.K_RIGHT else -1)
                return None
            if e.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                self.change(key, 1)
                return None
            if e.key == pygame.K_TAB:
                self.row = (self.row + (-1 if e.mod & pygame.KMOD_SHIFT else 1)) % len(ROWS)
                self.invalidate("rows")
                return None
        return super().on_event(e)

    def activate(self, button_id: str) -> Transition | None:
        return Pop() if button_id == "back" else None

    def back(self) -> Transition | None:
        return Pop()

    def regions(self) -> dict[str, Rect]:
        return {"frame": Rect(self.panels["frame"].rect)}

    def targets(self) -> dict[str, Rect]:
        out = super().targets()
        out.update({f"row:{k}": Rect(r) for k, r in self.row_rects.items()})
        out.update({f"control:{k}": self.control_rect(k) for k, _, _ in ROWS})
        return out

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "row": ROWS[self.row][0],
            "settings": self.app.settings.to_dict(),
        }


def icon_triangle_left(surf: pygame.Surface, c: tuple[int, int], size: int, colour: Any) -> None:
    """A triangle pointing left."""
    x, y = c
    h = size // 2
    pygame.draw.polygon(
        surf, colour, [(x + h // 2 + 1, y - h), (x + h // 2 + 1, y + h), (x - h + 1, y)]
    )


def icon_triangle_right(surf: pygame.Surface, c: tuple[int, int], size: int, colour: Any) -> None:
    """A triangle pointing right."""
    x, y = c
    h = size // 2
    pygame.draw.polygon(surf, colour, [(x - h // 2, y - h), (x - h // 2, y + h), (x + h, y)])
