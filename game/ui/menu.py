"""The main menu (New game, Continue, Load, Settings, Quit) and the Load screen."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pygame

from game.ui import i18n
from game.ui.common import ButtonScreen
from game.ui.controls import Button, ItemScroll, button_height, more_marks
from game.ui.files import SaveInfo, autosave_file, describe_save, flush_saves, list_saves
from game.ui.painter import Painter
from game.ui.pixels import backdrop
from game.ui.screen import BUDGET, Pop, Push, Rect, Transition
from game.ui.theme import draw_panel

if TYPE_CHECKING:
    from game.ui.app import App

TAGLINE = "India and the United States after the 2025 defence framework"
BLURB = (
    "Ten years of partnership signed in Kuala Lumpur; a tariff wall at 50%; a tense "
    "Line of Actual Control. Weigh defence against trade, turn by turn, and see why "
    "every number moves."
)
MENU_SPOTS = ("lac_western", "malacca", "arabian_sea", "new_delhi")


def preload_modules(scenario: str = "") -> None:
    """Import the engine and the game screens on a thread while the menu is idle (and read
    the scenario played last), so that starting a game does not pause for them."""
    import gc
    import threading

    def load() -> None:
        import importlib

        for name in (
            "game.ui.session",
            "game.saves",
            "game.ui.newgame",
            "game.ui.briefing",
            "game.ui.turn",
            "game.ui.summary",
            "game.ui.endscreen",
            "game.ui.overlays",
            "game.ui.fanchart",
            "game.ui.tutorial",
            "game.ui.errors",
            "game.ui.settings_screen",
            "game.ui.facilitator",  # Ctrl+Shift+F, and every other key checks for it
            "numpy.ma",  # imported by numpy on first use, mid-game
            "fontpkg_noto_sans_devanagari",
        ):
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - the import will be retried (and reported) when needed
                return
        warm_scenario(scenario)
        from game.ui.pixels import keep_pixel_memory

        keep_pixel_memory()  # (~25 ms of page faults, here rather than when screens open)
        # what was just loaded lives as long as the program: keep it out of the collections
        # made in quiet frames, which would otherwise scan all of it (~10 ms) once
        gc.freeze()

    threading.Thread(target=load, name="preload", daemon=True).start()


def warm_scenario(ref: str) -> None:
    """Read and compile a bundled scenario into the loader's cache (never raises)."""
    try:
        from game.scenario.loader import bundled_ids, load_result

        if ref in bundled_ids():
            load_result(ref)
    except Exception:  # noqa: BLE001 - a warm-up only; the real load reports problems
        pass


MAP_BBOX = (40.0, -20.0, 160.0, 50.0)  # the map asset's view box (lon, lat)


def map_aspect(app: App) -> float:
    """Width over height of the map's bounding box (the map keeps its aspect)."""
    lon0, lat0, lon1, lat1 = app.map_view.bbox if app.map_view is not None else MAP_BBOX
    return max(0.5, (lon1 - lon0) / max(1e-6, lat1 - lat0))


class TitleScreen(ButtonScreen):
    """The main menu, with the map of the Indo-Pacific alive beside it."""

    name = "menu"
    animated = True

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.auto: SaveInfo | None = None
        self.add_panel("title", self._draw_title)
        self.add_panel("buttons", self._draw_buttons)
        self.add_panel("mapframe", self._draw_mapframe)
        self.map_rect = Rect(0, 0, 0, 0)
        self.blurb_lines = 4
        self._map_ready = False  # the map drawn, with its labels, at map_rect's size
        self.refresh()
        self._fresh = True  # read and laid out now: entering the stack need not do it again

    def refresh(self) -> None:
        """Re-read the autosave (after a game, a load or a deletion)."""
        flush_saves(2.0)
        info = describe_save(autosave_file(), autosave=True)
        self.auto = info if info is not None and info.ok and not info.over else None

    def on_enter(self) -> None:
        if self._fresh and self.size == self.app.size:
            self._fresh = False  # (just made and laid out by the push)
            return
        self._fresh = False
        self.refresh()
        self.resize(self.app.size)

    def update(self, dt: float) -> Transition | None:
        self.frames = getattr(self, "frames", 0) + 1
        if not getattr(self, "_warmed", False) and self.frames > 3:
            # after the first frames: start the helper and read the scenarios in the background
            self._warmed = True
            self.app.worker.warm()
            self.app.catalogue()
            preload_modules(self.app.settings.last_scenario or "tariff_friction")
            self.style.preload()
        return None

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        m = st.u * 5
        left_w = int(min(max(win.w * 0.38, st.px(380)), st.px(540)))
        col = Rect(m, m, left_w, win.h - 2 * m)
        specs = [("new", i18n.tr("New game"), "primary", "N", "")]
        if self.auto is not None:
            detail = f"{self.auto.title} \u00b7 {self.auto.detail}"
            specs.append(("continue", i18n.tr("Continue"), "normal", "C", detail))
        specs += [
            ("load", i18n.tr("Load game"), "normal", "L", ""),
            ("settings", i18n.tr("Settings"), "normal", "S", ""),
            ("quit", i18n.tr("Quit"), "ghost", "Q", ""),
        ]
        gap = st.px(10)
        heights = [button_height(p, bool(s[4])) for s in specs]
        buttons_h = sum(heights) + gap * (len(specs) - 1)
        footer_h = st.line("small") + st.u
        blurb_line = st.line("body")
        # large text in a small window: step the title down until everything fits
        for heading, tag in (
            ("huge", "title"),
            ("heading", "title"),
            ("heading", "body"),
            ("title", ""),
        ):
            heading_h = p.para_height("Strategic Convergence", heading, col.w, True)
            tag_h = p.para_height(i18n.tr(TAGLINE), tag, col.w) if tag else 0
            free = col.h - heading_h - tag_h - buttons_h - footer_h - st.u * 8
            if free >= 0:
                break
        self.heading_font, self.tag_font = heading, tag
        self.blurb_lines = max(0, min(5, free // blurb_line))
        blurb_h = min(p.para_height(i18n.tr(BLURB), "body", col.w), self.blurb_lines * blurb_line)
        self.title_rect = Rect(
            col.x, col.y, col.w, heading_h + tag_h + blurb_h + st.u * 4 + st.px(4)
        )
        top = self.title_rect.bottom + st.u * 3
        self.buttons = []
        y = top
        bw = min(col.w, st.px(360))
        for (bid, label, kind, key, detail), h in zip(specs, heights, strict=True):
            self.buttons.append(Button(bid, label, Rect(col.x, y, bw, h), kind, True, key, detail))
            y += h + gap
        self.buttons_rect = Rect(col.x, top, bw, y - gap - top).inflate(st.px(8), st.px(8))
        self.footer_rect = Rect(col.x, col.bottom - footer_h, col.w, footer_h)
        if self.focus is None or self.button(self.focus) is None:
            self.focus = "continue" if self.auto is not None else "new"
        self.panels["title"].set_rect(self.title_rect.union(self.footer_rect).inflate(2, 2))
        self.panels["buttons"].set_rect(self.buttons_rect)
        map_x = col.right + st.u * 5
        frame = Rect(map_x, m, win.right - m - map_x, win.h - 2 * m)
        from game.ui.theme import panel_content_rect

        inner = panel_content_rect(Rect(frame), st.fonts, i18n.tr("The Indo-Pacific"))
        fit_h = int(inner.w / map_aspect(self.app))
        if fit_h < inner.h:  # shrink the frame to the map's shape, centred
            frame.h -= inner.h - fit_h
            frame.y = (win.h - frame.h) // 2
        self.panels["mapframe"].set_rect(frame)
        self.map_rect = panel_content_rect(Rect(frame), st.fonts, i18n.tr("The Indo-Pacific"))

    def _draw_title(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        surf.blit(backdrop(self.app.size, self.pal), (0, 0), Rect(self.panels["title"].rect))
        st, pal = self.style, self.pal
        ox, oy = self.panels["title"].rect.topleft
        t = self.title_rect.move(-ox, -oy)
        y = t.y
        used = p.para(
            surf,
            "Strategic Convergence",
            Rect(t.x, y, t.w, t.h),
            self.heading_font,
            pal.text,
            bold=True,
        )
        y = used.bottom + st.u
        pygame.draw.line(surf, pal.accent, (t.x, y), (t.x + st.px(64), y), max(2, st.px(3)))
        y += st.u * 2
        if self.tag_font:
            used = p.para(
                surf, i18n.tr(TAGLINE), Rect(t.x, y, t.w, t.bottom - y), self.tag_font, pal.text_dim
            )
            y = used.bottom + st.u
        if self.blurb_lines:
            p.para(
                surf,
                i18n.tr(BLURB),
                Rect(t.x, y, t.w, t.bottom - y),
                "body",
                pal.text_dim,
                max_lines=self.blurb_lines,
            )
        f = self.footer_rect.move(-ox, -oy)
        p.text(
            surf,
            i18n.tr("F1 help  \u00b7  F11 full screen  \u00b7  F12 screenshot"),
            f,
            "small",
            pal.text_dim,
            valign="bottom",
        )

    def _draw_buttons(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        surf.blit(backdrop(self.app.size, self.pal), (0, 0), Rect(self.panels["buttons"].rect))
        self.draw_buttons(p, surf, self.panels["buttons"].rect.topleft)

    def _draw_mapframe(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        surf.blit(backdrop(self.app.size, self.pal), (0, 0), Rect(self.panels["mapframe"].rect))
        draw_panel(surf, r, self.pal, i18n.tr("The Indo-Pacific"), self.style.fonts)

    def prepare_step(self) -> bool:
        # the panels and their picture, then the map (its module, its land, its labels),
        # each in frames of their own (see Screen.prepare_step)
        if not super().prepare_step():
            return False
        if self.map_rect.w > 8 and self.map_rect.h > 8 and not self._map_ready:
            mv = self.app.map_view
            if mv is None:
                self.app.map()
            elif mv.warm_step(self.app.window, self.map_rect.size, MENU_SPOTS):
                self._map_ready = True
                return True
            BUDGET.used()
            return False
        return True

    def resize(self, size: tuple[int, int]) -> None:
        super().resize(size)
        self._map_ready = False

    def draw_live(self, surface: pygame.Surface, t: float) -> list[Rect]:
        # the map appears over a few frames (its module, then the land, then the labels):
        # the menu is usable before it is drawn, and no frame pays for all of it (unless
        # the menu was composed before it was shown, the map with it)
        frames = getattr(self, "frames", 0)
        if (frames >= 2 or self._map_ready) and self.map_rect.w > 8 and self.map_rect.h > 8:
            mv = self.app.map()
            if frames >= 3 or self._map_ready:
                anim = t if self.app.settings.animations else None
                return [mv.draw(surface, self.map_rect, MENU_SPOTS, t=anim, split=True)]
        return []

    def regions(self) -> dict[str, Rect]:
        out = {
            "title": Rect(self.title_rect),
            "buttons": Rect(self.buttons_rect),
            "footer": Rect(self.footer_rect),
        }
        out["map"] = Rect(self.panels["mapframe"].rect)
        return out

    def activate(self, button_id: str) -> Transition | None:
        if button_id == "new":
            return Push(self.app.flow.new_game())
        if button_id == "continue" and self.auto is not None:
            return self.app.flow.open_save(self.auto.path)
        if button_id == "load":
            return Push(LoadScreen(self.app))
        if button_id == "settings":
            return Push(self.app.flow.settings())
        if button_id == "quit":
            from game.ui.overlays import quit_confirm

            return quit_confirm(self.app)
        return None

    def back(self) -> Transition | None:
        return None  # Esc never quits: Quit (Q) asks first


class LoadScreen(ButtonScreen):
    """Every save (the autosave first): pick one to continue it."""

    name = "load"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        flush_saves(2.0)
        self.saves = list_saves()
        self.scroll = ItemScroll()
        self.add_panel("frame", self._draw_frame)
        self.add_panel("buttons", self._draw_list)

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        m = st.u * 5
        w = min(win.w - 2 * m, st.px(820))
        frame = Rect((win.w - w) // 2, m, w, win.h - 2 * m)
        self.panels["frame"].set_rect(frame)
        from game.ui.theme import panel_content_rect

        inner = panel_content_rect(Rect(frame), st.fonts, i18n.tr("Load a game"))
        bh = button_height(p)
        self.intro_rect = Rect(inner.x, inner.y, inner.w, st.line("body"))
        self.list_rect = Rect(
            inner.x,
            self.intro_rect.bottom + st.u * 2,
            inner.w,
            inner.h - st.line("body") - bh - st.u * 4,
        )
        self.back_button = Button(
            "back",
            i18n.tr("Back"),
            Rect(inner.right - st.px(160), inner.bottom - bh, st.px(160), bh),
            "normal",
            True,
            "Esc",
        )
        self.panels["buttons"].set_rect(
            Rect(inner.x, self.list_rect.y, inner.w, inner.bottom - self.list_rect.y)
        )
        self._place_rows()

    def _place_rows(self) -> None:
        p, st = self.app.painter, self.style
        h = button_height(p, True)
        gap = st.px(8)
        ring = st.px(4)  # room for the focus ring inside the list's panel
        heights = [h] * len(self.saves)
        start, end = self.scroll.window(heights, self.list_rect.h - 2 * ring, gap)
        self.window = (start, end)
        self.buttons = []
        y = self.list_rect.y + ring
        for i in range(start, end):
            s = self.saves[i]
            label = ("Autosave \u2014 " if s.autosave else "") + s.title
            when = time.strftime("%d %b %Y %H:%M", time.localtime(s.when))
            detail = f"{s.detail}  \u00b7  saved {when}" if s.ok else s.detail
            self.buttons.append(
                Button(
                    f"save:{i}",
                    label,
                    Rect(self.list_rect.x + ring, y, self.list_rect.w - st.px(16) - ring, h),
                    "normal",
                    s.ok,
                    "",
                    detail,
                )
            )
            y += h + gap
        self.buttons.append(self.back_button)
        if self.focus is None or self.button(self.focus) is None:
            first = next((b.id for b in self.buttons if b.enabled), "back")
            self.focus = first

    def _draw_frame(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        draw_panel(surf, r, self.pal, i18n.tr("Load a game"), self.style.fonts)
        ox, oy = self.panels["frame"].rect.topleft
        text = (
            f"{len(self.saves)} save(s). Enter or click to continue one; Esc goes back."
            if self.saves
            else "No saved games yet. Games are saved automatically after every turn."
        )
        p.text(surf, text, self.intro_rect.move(-ox, -oy), "body", self.pal.text_dim)

    def _draw_list(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        surf.fill(self.pal.panel)
        off = self.panels["buttons"].rect.topleft
        self.draw_buttons(p, surf, off)
        start, end = self.window
        more_marks(
            surf,
            self.list_rect.move(-off[0], -off[1]),
            start > 0,
            end < len(self.saves),
            self.pal,
            self.style.px(6),
        )

    def move_focus(self, step: int) -> None:
        super().move_focus(step)
        if self.focus and self.focus.startswith("save:"):
            i = int(self.focus.split(":")[1])
            h = button_height(self.app.painter, True)
            room = self.list_rect.h - 2 * self.style.px(4)
            self.scroll.ensure(i, [h] * len(self.saves), room, self.style.px(8))
            self._place_rows()
            self.invalidate()

    def focusable(self) -> list[Button]:
        # keyboard focus walks every save, not just the visible ones
        return [
            Button(f"save:{i}", "", Rect(0, 0, 0, 0)) for i, s in enumerate(self.saves) if s.ok
        ] + [self.back_button]

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.MOUSEWHEEL:
            self.scroll.scroll(-e.y)
            self._place_rows()
            self.invalidate()
            return None
        if (
            e.type == pygame.KEYDOWN
            and e.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
            and self.focus
        ):
            return self.activate(self.focus)
        return super().on_event(e)

    def activate(self, button_id: str) -> Transition | None:
        if button_id == "back":
            return Pop()
        if button_id.startswith("save:"):
            s = self.saves[int(button_id.split(":")[1])]
            if s.ok:
                return self.app.flow.open_save(s.path)
        return None

    def back(self) -> Transition | None:
        return Pop()

    def regions(self) -> dict[str, Rect]:
        return {"frame": Rect(self.panels["frame"].rect)}
