"""The desktop window: one loop that turns input into transitions on a stack of screens.

`run_window()` is the entry point of `python -m game` and `python -m game play`. The App
owns the window, the style (fonts and palette for the current size and settings), the
screen stack, global keys (F1 help, F5 reload, F11 fullscreen, F12 screenshot), short
notices, the fade between turns, and the safety net: an unexpected exception becomes an
apology screen and a crash log, never a lost game (the autosave is only ever written
whole, after a turn).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pygame

from game.ui.fade import CrossFade
from game.ui.files import flush_saves, save_screenshot
from game.ui.flow import Flow
from game.ui.i18n import set_language
from game.ui.painter import Painter, Style
from game.ui.pixels import new_surface, release_surface
from game.ui.screen import BUDGET, Pop, Push, Quit, Replace, Reset, Screen, Transition
from game.ui.settings import MIN_SIZE, Settings, load_settings, save_settings_in_background
from game.ui.settings import WRITER as SETTINGS_WRITER
from game.ui.worker import Worker, shared_worker

FPS = 60
# a new screen is composed behind the picture on screen for at most this many frames
ENTER_FRAMES = 30
TOAST_SECONDS = 3.2


class App:
    """The window, the screen stack and the main loop."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        screenshot_dir: Path | str | None = None,
        autosave: bool = True,
        worker: Worker | None = None,
    ) -> None:
        pygame.display.init()
        pygame.font.init()
        self.settings = (settings or load_settings()).clamped()
        set_language(self.settings.language)
        self.screenshot_dir = Path(screenshot_dir) if screenshot_dir else None
        self.autosave = autosave
        self.window: pygame.Surface = self._open_window()
        pygame.display.set_caption("Strategic Convergence")
        self.style = Style(
            self.window.get_size(), self.settings.text_scale, self.settings.colorblind
        )
        self.painter = Painter(self.style)
        self.stack: list[Screen] = []
        self.flow = Flow(self)
        self.worker = worker if worker is not None else shared_worker()
        self.session: Any = None  # game.ui.session.Session while a game is open
        self.running = True
        self.exit_code = 0
        self.clock = pygame.time.Clock()
        self.t0 = time.perf_counter()
        self.now = 0.0
        self.frame_ms: deque[float] = deque(maxlen=100_000)  # wall-clock time per frame
        self.frame_cpu_ms: deque[float] = deque(maxlen=100_000)  # this thread's CPU time per frame
        self.backdrop: pygame.Surface | None = None
        self._backdrops: dict[int, pygame.Surface] = {}
        # a cross-fade: the old picture's share in the window, and when it started (None:
        # the new screen is still composed behind the picture on screen; `game.ui.fade`)
        self._fade: tuple[float, float | None] | None = None
        self.fader = CrossFade()  # (the new picture's pixels)
        # the top screen, size and overlay backdrop the window shows as drawn last frame,
        # if it does: the next frame draws only what changed
        self._shown: tuple[int, tuple[int, int], int] | None = None
        self._live: list[pygame.Rect] = []  # where the top screen's live layer drew last
        self._entering: int | None = None  # frames spent composing a new screen so far
        self._shade: tuple[Any, pygame.Surface] | None = None  # the dimming layer of overlays
        self._undimmed: pygame.Surface | None = None  # an overlay's backdrop, to be dimmed
        self._capturing: Screen | None = None  # an overlay whose backdrop is not copied yet
        self._capture_buf: pygame.Surface | None = None  # (new pixels for it)
        self._toasts: list[tuple[str, str, float]] = []
        self._toast_cache: tuple[Any, pygame.Surface] | None = None
        self._crashes = 0
        self.hold_picture = False
        self.last_crash_log: Path | None = None
        self._sounds: Any = None
        self.map_view: Any = None
        self._catalogue: list[Any] | None = None
        self._catalogue_asked = False
        self._catalogue_sig: Any = None
        if self.settings.warning:
            self.toast(self.settings.warning, "warn")
        pygame.key.set_repeat(350, 40)
        self._gc_frames = 0
        self._later: list[Callable[[], object]] = []
        self._later_wait = 0
        self._gc_was_enabled = gc.isenabled()
        gc.disable()  # collected in quiet frames instead (see _collect)
        gc.freeze()  # what start-up made lives as long as the window: out of collections

    # -- the window -------------------------------------------------------------------------

    def _open_window(self) -> pygame.Surface:
        s = self.settings
        if s.fullscreen:
            surf = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            surf = pygame.display.set_mode(s.size, pygame.RESIZABLE)
        try:
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                win = pygame.Window.from_display_module()
            win.minimum_size = MIN_SIZE
        except (AttributeError, pygame.error):
            pass
        return surf

    @property
    def size(self) -> tuple[int, int]:
        """The window size."""
        return self.window.get_size()

    def resize(self, size: tuple[int, int], remember: bool = True) -> None:
        """Adapt to a new window size (from the OS, the settings, or a test)."""
        w = max(MIN_SIZE[0], int(size[0]))
        h = max(MIN_SIZE[1], int(size[1]))
        if (w, h) != self.window.get_size() or pygame.display.get_surface() is not self.window:
            flags = pygame.FULLSCREEN if self.settings.fullscreen else pygame.RESIZABLE
            self.window = pygame.display.set_mode((w, h), flags)
        if remember and not self.settings.fullscreen:
            self.settings.width, self.settings.height = w, h
        self.restyle()

    def restyle(self) -> None:
        """Rebuild fonts, palette and every screen's layout (size or settings changed)."""
        self.style = Style(
            self.window.get_size(), self.settings.text_scale, self.settings.colorblind
        )
        self.painter = Painter(self.style)
        self.map_view = None
        self.backdrop = self._capturing = self._undimmed = None  # (drawn again when needed)
        self._backdrops.clear()
        self.settle()
        self._toast_cache = None
        for s in self.stack:
            s.resize(self.window.get_size())

    def set_fullscreen(self, on: bool) -> None:
        """Switch between a window and full screen."""
        self.settings.fullscreen = on
        self.window = self._open_window()
        self.restyle()
        self.save_settings()

    def apply_settings(self, new: Settings) -> None:
        """Adopt changed settings (window size, fullscreen, text, palette, sound)."""
        old = self.settings
        self.settings = new.clamped()
        set_language(self.settings.language)
        if new.fullscreen != old.fullscreen:
            self.window = self._open_window()
        elif not new.fullscreen and new.size != self.window.get_size():
            self.window = pygame.display.set_mode(new.size, pygame.RESIZABLE)
        if self._sounds is not None and (new.sound, new.volume) != (old.sound, old.volume):
            self._sounds = None
        self.restyle()
        self.save_settings()

    def save_settings(self) -> None:
        """Persist the settings, on a background thread (a failure becomes a notice)."""
        save_settings_in_background(self.settings)

    # -- shared services ----------------------------------------------------------------------

    def map(self) -> Any:
        """The map widget for the current palette and fonts (created on first use)."""
        if self.map_view is None:
            from game.ui.mapview import MapView

            self.map_view = MapView(self.style.palette, self.style.fonts)
        return self.map_view

    def play(self, cue: str) -> None:
        """A sound cue: turn, decision or crisis (silent when sound is off or unavailable)."""
        if not self.settings.sound:
            return
        if self._sounds is None:
            try:
                from game.ui.sound import Sounds

                self._sounds = Sounds(self.settings.sound, self.settings.volume)
            except Exception:  # noqa: BLE001 - sound is a nicety; never let it stop the game
                self._sounds = False
        if self._sounds:
            try:
                self._sounds.play(cue)
            except Exception:  # noqa: BLE001
                pass

    def catalogue(self) -> list[Any] | None:
        """The bundled scenarios (read in the background); None while still reading."""
        if self._catalogue is None:
            if not self._catalogue_asked:
                from game.ui.catalogue import catalogue_with_signature

                self._catalogue_asked = True
                self.worker.submit(
                    ("catalogue", id(self)), catalogue_with_signature, ("catalogue",)
                )
            got = self.worker.take(("catalogue", id(self)))
            if got is not None:
                ok, value = got
                if ok:
                    self._catalogue_sig, self._catalogue = value
                else:
                    self._catalogue = []
                    self.toast(f"The scenarios could not be read: {value}", "error")
        return self._catalogue

    def refresh_catalogue(self) -> None:
        """Read the scenarios again if a file changed since they were read."""
        from game.ui.catalogue import signature

        if self._catalogue is not None and signature() != self._catalogue_sig:
            self._catalogue = None
            self._catalogue_asked = False

    def toast(self, message: str, kind: str = "info") -> None:
        """A short notice at the bottom of the window."""
        self._toasts = [t for t in self._toasts if t[0] != message][-2:]
        self._toasts.append((message, kind, self.now + TOAST_SECONDS + len(message) / 60))
        self._toast_cache = self._shown = None  # (drawn whole while notices show)

    def start_fade(self) -> None:
        """A screen change: keep the picture on screen while the new screen is composed
        behind it over a few frames (see `Screen.prepare_step`), then cross-fade to it
        (or, without animations, show it at once)."""
        self._entering = 0
        self._fade = (1.0, None) if self.settings.animations else None

    def compose_behind(self) -> None:
        """The top screen is about to change its whole picture (a new step of the tour):
        keep the picture on screen until the new one is composed."""
        if self._fade is not None and self._fade[1] is not None:
            self._fade = None  # (a cross-fade under way ends where it is)
        if self._entering is None:
            self._entering = 0

    @property
    def composing(self) -> bool:
        """True while a new screen is composed behind the picture on screen."""
        return self._entering is not None

    def settle(self) -> None:
        """No cross-fade and no screen being composed behind the picture: the next draw
        shows the top screen as it is (screenshots, tests)."""
        self._fade = None
        self._entering = None
        self._shown = None

    def _enter_step(self) -> bool:
        """While a new screen is composed behind the picture on screen: one frame's share
        of the work; True if the window keeps its picture this frame."""
        n = self._entering
        if n is None:
            return False
        top = self.top
        if n == 0 and not BUDGET.more():
            self._entering = 1  # the screen change itself used up this frame
            BUDGET.used()
            return True
        if top is not None and top.overlay and n < ENTER_FRAMES and self._backdrop_step(top):
            self._entering = n + 1  # an overlay's first shares: the picture under it, dimmed
            BUDGET.used()
            return True
        if (
            top is not None
            and n < ENTER_FRAMES
            and self.window.get_size() == top.size
            and not top.prepare_step()
        ):
            self._entering = n + 1
            BUDGET.used()  # a frame of work: nothing else is put off to it
            return True
        self._entering = None
        if self._fade is not None:
            self._fade = (1.0, self.now)  # the cross-fade starts now
            # its first frame would show the old picture (alpha 254): the window keeps
            # it, and the frame that finished the screen change does no more
            BUDGET.used()
            return True
        return False

    # -- the stack ----------------------------------------------------------------------------

    @property
    def top(self) -> Screen | None:
        """The screen receiving input."""
        return self.stack[-1] if self.stack else None

    def push(self, screen: Screen) -> None:
        """Put a screen on top."""
        first = not self.stack
        if screen.overlay and self.stack:
            self._backdrop_step(self._capturing, whole=True)  # (an earlier one's first)
            self._dim_backdrop()
            if self._entering is not None and self.window.get_size() == self.style.size:
                self._capturing = screen  # copied from the window in the coming frames
            else:
                self._backdrops[id(screen)] = self._capture_backdrop()
        self.stack.append(screen)
        self.backdrop = self._backdrops.get(id(screen))
        screen.resize(self.window.get_size())
        screen.on_enter()
        if first and self.top is screen and not self.frame_ms:
            self._compose_first(screen)

    def _compose_first(self, screen: Screen) -> None:
        """The program's first screen is composed whole before the first frame, as part of
        start-up (`startup_ms` counts it): the window's first picture is complete, and no
        early frame pays for the fonts' first use or the menu's map (nor a quiet frame of
        the guided tour for the Devanagari face's first shaping, 12-16 ms)."""
        from game.ui.flow import warm_devanagari

        self.style.preload()
        warm_devanagari(self)
        self.fader.reserve(self.window.get_size())  # (the first fade's pixels)
        unlimited, BUDGET.unlimited = BUDGET.unlimited, True
        try:
            for _ in range(60):
                BUDGET.start()
                if screen.prepare_step():
                    break
        finally:
            BUDGET.unlimited = unlimited

    def _capture_backdrop(self) -> pygame.Surface:
        """The picture now on screen, to be dimmed: what an overlay is drawn over. The
        dimming waits for the next frame's share of work (see `_dim_backdrop`)."""
        self._dim_backdrop()  # (an earlier overlay's, if not done yet)
        if self.window.get_size() != self.style.size:
            return self._render_backdrop(include_top=True)
        surf = new_surface(self.window.get_size())
        surf.blit(self.window, (0, 0))
        self._undimmed = surf
        return surf

    def _dim_backdrop(self) -> None:
        """Dim the overlay backdrop copied from the window, if not done yet."""
        if self._undimmed is not None:
            surf, self._undimmed = self._undimmed, None
            self._dim(surf)

    def _backdrop_step(self, top: Screen | None, whole: bool = False) -> bool:
        """A share of making the backdrop of overlay `top` while the window still shows the
        picture under it (new pixels, the window's copy, dimming it); False if none was
        left. With `whole`, all of it at once."""
        if top is None or not top.overlay or top not in self.stack:
            return False
        if top is self._capturing:
            buf = self._capture_buf
            if buf is None or buf.get_size() != self.window.get_size():
                release_surface(buf)
                buf = self._capture_buf = new_surface(self.window.get_size())
                if not (whole or BUDGET.more()):
                    return True
            buf.blit(self.window, (0, 0))
            self._capture_buf = self._capturing = None
            self._undimmed = self._backdrops[id(top)] = self.backdrop = buf
            if not (whole or BUDGET.more()):
                return True
        elif self.backdrop is None and top is self.top:  # (drawn again from the screens under)
            self.backdrop = self._backdrops[id(top)] = self._render_backdrop()
            return not whole
        if self._undimmed is None or self.backdrop is not self._undimmed:
            return False
        self._dim_backdrop()
        return not whole

    def _dim(self, surf: pygame.Surface) -> None:
        key = (surf.get_width(), self.style.palette.background)
        if self._shade is None or self._shade[0] != key:  # a strip (new pixels cost page faults)
            shade = pygame.Surface((surf.get_width(), 64), 0, surf)
            shade.fill(self.style.palette.background)
            shade.set_alpha(150)
            self._shade = (key, shade)
        for y in range(0, surf.get_height(), 64):
            surf.blit(self._shade[1], (0, y))

    def apply(self, tr: Transition | None) -> None:
        """Carry out a transition returned by a screen."""
        if tr is None:
            return
        if isinstance(tr, Push | Replace | Reset) and not tr.screen.overlay and self.stack:
            self.start_fade()
        elif isinstance(tr, Push) and tr.screen.overlay and self.stack:
            self.compose_behind()  # an overlay too shows once it is complete
        elif (
            isinstance(tr, Pop)
            and self.top is not None
            and not self.top.overlay
            and len(self.stack) > 1
        ):
            self.start_fade()
        if isinstance(tr, Push):
            self.push(tr.screen)
        elif isinstance(tr, Pop):
            if self.stack:
                self._drop(self.stack.pop())
            if self.top is not None:
                self.backdrop = self._backdrops.get(id(self.top))
                self.top.on_enter()
                self.apply(self.top.on_result(tr.result))
        elif isinstance(tr, Replace):
            if self.stack:
                self._drop(self.stack.pop())
            self.push(tr.screen)
        elif isinstance(tr, Reset):
            while self.stack:
                self._drop(self.stack.pop())
            self._backdrops.clear()
            self.push(tr.screen)
        elif isinstance(tr, Quit):
            self.running = False
            self.exit_code = tr.code

    def _drop(self, gone: Screen) -> None:
        """A screen left the stack: its backdrop and pixels are freed for reuse."""
        backdrop = self._backdrops.pop(id(gone), None)
        if backdrop is not None:
            if self._undimmed is backdrop:
                self._undimmed = None  # (its pixels go back to the pool)
            if self.backdrop is backdrop:
                self.backdrop = None  # the next top's is set by the caller
            release_surface(backdrop)
        gone.release()

    def find(self, name: str) -> Screen | None:
        """The topmost screen with this name."""
        return next((s for s in reversed(self.stack) if s.name == name), None)

    # -- one frame ----------------------------------------------------------------------------

    def frame(self, events: Iterable[pygame.event.Event] | None = None) -> None:
        """Handle input, update and draw one frame (the frame's own time is recorded)."""
        t_start = time.perf_counter()
        c_start = time.thread_time()
        self.now = t_start - self.t0
        # a cross-fade costs a full-window blend per frame: leave less for redrawing then
        BUDGET.start(0.8 if self._fade is not None and self._entering is None else 1.5)
        try:
            evs = list(pygame.event.get()) if events is None else list(events)
            for e in evs:
                self.handle(e)
                if not self.running:
                    return
            top = self.top
            if top is not None:
                self.apply(top.update(self._dt()))
            if self.hold_picture:
                # this frame did heavy, invisible work (resolving a turn): the picture on
                # screen is still right, so it is not repainted
                self.hold_picture = False
            elif self._enter_step():
                pass  # a new screen is being composed behind the picture on screen
            else:
                areas = self.draw()
                if areas is None:
                    pygame.display.flip()
                elif areas:
                    pygame.display.update(areas)  # (nothing changed: nothing to show)
        except Exception as err:  # noqa: BLE001 - the safety net
            self.crash(err)
            return
        try:
            self._prerender()
            while SETTINGS_WRITER.errors:  # (a failed write of the settings)
                self.toast(SETTINGS_WRITER.errors.pop(0), "warn")
        except Exception as err:  # noqa: BLE001 - the safety net
            self.crash(err)
            return
        self.frame_ms.append((time.perf_counter() - t_start) * 1000.0)
        self.frame_cpu_ms.append((time.thread_time() - c_start) * 1000.0)

    def _prerender(self) -> None:
        """In a quiet frame, redraw one hidden panel ahead of need, or collect garbage."""
        if self._later:  # one-off work put off to a quiet frame (see `later`)
            self._later_wait += 1
            # a quiet frame, or after a second and a half any frame that redrew nothing
            if BUDGET.quiet() or (self._later_wait > 90 and BUDGET.idle()):
                self._later_wait = 0
                self._later.pop(0)()
                return
        if not BUDGET.quiet():
            return
        for s in reversed(self.stack[:-1]):
            if s.prerender():
                return
        self._collect()

    def _collect(self) -> None:
        """Python's garbage collection, done in quiet frames instead of at random moments.

        Automatic collection is off while the window is open: a full collection can take
        15 ms, a visible hitch. Young objects are collected often, older ones now and then.
        None while the menu's preload thread runs: it makes ~100,000 objects that it
        freezes when done (collecting them first took 13 ms in a menu frame).
        """
        if any(t.name == "preload" for t in threading.enumerate()):
            return
        self._gc_frames += 1
        if self._gc_frames % 600 == 0:
            gc.collect(1)
        elif self._gc_frames % 30 == 0:
            gc.collect(0)

    def later(self, task: Callable[[], object]) -> None:
        """Run `task` in a coming quiet frame (one task a frame) rather than in this one."""
        self._later.append(task)

    def collect_all(self) -> None:
        """A collection of what was made since start-up (the scenario just loaded, the last
        game), at a screen change. What start-up froze stays frozen: collecting through it
        too took 60-85 ms (the guided tour's first frame) and found nothing to free."""
        gc.collect()

    def _dt(self) -> float:
        last = getattr(self, "_last_update", self.now)
        self._last_update = self.now
        return max(0.0, self.now - last)

    def handle(self, e: pygame.event.Event) -> None:
        """One input event: window events and global keys first, then the top screen."""
        if e.type == pygame.QUIT:
            # closing the window: ask first if this turn's choices would be lost (a second close quits)
            from game.ui.overlays import quit_confirm, unsaved_choices

            if unsaved_choices(self) and getattr(self.top, "name", "") != "notice":
                self.apply(quit_confirm(self))
                return
            self.running = False
            return
        if e.type == pygame.VIDEORESIZE:
            if not self.settings.fullscreen:
                self.resize((e.w, e.h))
            return
        if e.type == pygame.WINDOWSIZECHANGED:
            if (e.x, e.y) != self.window.get_size() and not self.settings.fullscreen:
                self.resize((e.x, e.y))
            return
        if e.type in (pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN, pygame.WINDOWRESTORED):
            self._shown = None  # (the system may have lost the window's pixels: drawn whole)
        if e.type == pygame.KEYDOWN and self.global_key(e):
            return
        top = self.top
        if top is not None:
            self.apply(top.on_event(e))

    def global_key(self, e: pygame.event.Event) -> bool:
        """F1, F5, F11, F12, Ctrl+Shift+F (the facilitator); True if handled."""
        from game.ui.facilitator import is_facilitator_key, open_facilitator

        if getattr(self.top, "resolving", False) and (
            is_facilitator_key(e) or e.key in (pygame.K_F1, pygame.K_F5)
        ):
            return True  # the turn is being resolved (a few frames): no screen on top yet
        if is_facilitator_key(e):
            self.apply(open_facilitator(self))
            return True
        if getattr(self.top, "blocks_play", False) and e.key in (pygame.K_F1, pygame.K_F5):
            return True  # paused by the facilitator: no help or reload over the pause
        if e.key == pygame.K_F11:
            self.set_fullscreen(not self.settings.fullscreen)
            return True
        if e.key == pygame.K_F12:
            self.screenshot()
            return True
        if e.key == pygame.K_F1:
            if self.top is not None and self.top.name != "help":
                self.push(self.flow.help())
            return True
        if e.key == pygame.K_F5:
            self.reload_scenario()
            return True
        return False

    def draw(self) -> list[pygame.Rect] | None:
        """Draw the stack (overlays over a dimmed backdrop); returns the window's areas drawn
        (None: all of it). A frame after one that drew the same screen draws only what
        changed: its picture's areas composed again, and where its live layer drew last
        frame and draws now. A new screen or size, a cross-fade, a notice: drawn whole."""
        top = self.top
        win = self.window
        if top is None:
            win.fill((0, 0, 0))
            self._shown = None
            return None
        if self._fade is not None and self._fade[1] is not None:
            fade = self._draw_fade(top, win)
            if fade != "over":
                return None if fade == "blended" else []
        shown = (id(top), win.get_size(), id(self.backdrop) if top.overlay else 0)
        unfinished = self._undimmed is not None or self._capturing is not None
        if top.overlay and (self.backdrop is None or unfinished):
            shown = None  # (its backdrop is not finished: drawn whole)
        if shown is not None and self._shown == shown:
            areas = top.draw_changed(win, self._live)  # (None: it drew the whole picture)
            live = top.draw_live(win, self.now)
            if live is None:  # (drawn anywhere: the next frame draws the window whole)
                self._shown = None
            self._live = live or []
            return None if areas is None or live is None else areas + live
        live = self._paint(top, win)
        simple = live is not None and not self._toasts and top.partial_redraw
        self._shown = shown if simple else None
        self._live = live or []
        return None

    def _paint(self, top: Screen, win: pygame.Surface) -> list[pygame.Rect] | None:
        """The top screen whole on `win`; where its live layer drew (None: anywhere)."""
        if top.overlay:
            self._backdrop_step(top, whole=True)
            self._dim_backdrop()
            if self.backdrop is None or self.backdrop.get_size() != win.get_size():
                self.backdrop = self._render_backdrop()
                self._backdrops[id(top)] = self.backdrop
            win.blit(self.backdrop, (0, 0))
        top.on_draw(win)
        live = top.draw_live(win, self.now)
        if self._toasts:
            from game.ui.overlays import draw_toasts

            draw_toasts(self, win)
        return live

    def _draw_fade(self, top: Screen, win: pygame.Surface) -> str:
        """A frame of the cross-fade (see `game.ui.fade`): "blended", "held" (the window
        keeps its picture) or "over"."""
        left, start = self._fade  # type: ignore[misc]
        what, left = self.fader.frame(top, win, left, self.now - (start or 0.0), self._paint)
        self._fade = None if what == "over" else (left, start)
        if what == "blended":
            self._shown = None
        return what

    def _render_backdrop(self, include_top: bool = False) -> pygame.Surface:
        """Draw the screens under the top one from scratch, dimmed (after a resize, or for tests)."""
        surf = new_surface(self.window.get_size())
        below = self.stack if include_top else self.stack[:-1]
        base = max((i for i, s in enumerate(below) if not s.overlay), default=0)
        unlimited, BUDGET.unlimited = BUDGET.unlimited, True
        try:
            for k, s in enumerate(below[base:]):
                s.invalidate()
                s.on_draw(surf)
                if k == 0:
                    s.draw_live(surf, self.now)  # the map and other live parts, frozen
                if k < len(below[base:]) - 1 and below[base + k + 1].overlay:
                    self._dim(surf)
        finally:
            BUDGET.unlimited = unlimited
        if not include_top or not below or not below[-1].overlay:
            self._dim(surf)
        return surf

    def redraw_all(self, record: bool = False) -> list[Any]:
        """Force a full redraw of the visible stack; with `record`, return every text box."""
        self.painter.recording = record
        self.painter.records = []
        for s in self.stack:
            s.invalidate()
        BUDGET.unlimited = True
        self._shown = None
        try:
            if self.top is not None and self.top.overlay:
                # redraw (and record) the screens below too: they show behind the overlay
                self.backdrop = self._render_backdrop()
                self._backdrops[id(self.top)] = self.backdrop
            self.draw()
        finally:
            self.painter.recording = False
            BUDGET.unlimited = False
        return list(self.painter.records)

    # -- actions ------------------------------------------------------------------------------

    def screenshot(self, path: Path | str | None = None, quiet: bool = False) -> Path | None:
        """Save the window as PNG (F12); returns the path (None, and a notice, on failure)."""
        saved, message = save_screenshot(self.window, path, self.screenshot_dir, self.now)
        if saved is None or not quiet:
            self.toast(message, "error" if saved is None else "good")
        return saved

    def reload_scenario(self) -> None:
        """F5: reload the scenario file and keep our place (or say why not)."""
        if self.session is None or self.find("turn") is None:
            self.toast("F5 reloads the scenario during a game.", "info")
            return
        self.apply(self.flow.reload())

    def crash(self, err: BaseException) -> None:
        """Write a crash log and show the apology screen (never touches the autosave)."""
        self._crashes += 1
        log = self.write_crash_log(err)
        if self._crashes > 3:
            self.running = False
            self.exit_code = 1
            return
        self.stack.clear()
        self._backdrops.clear()
        self.backdrop = None
        flush_saves(1.0)  # let a save already on its way finish; nothing new is written
        try:
            self.push(self.flow.apology(err, log))
        except Exception:  # noqa: BLE001 - cannot even apologise: stop cleanly
            self.running = False
            self.exit_code = 1

    def write_crash_log(self, err: BaseException) -> Path | None:
        """Write the traceback to user_data_dir()/crash-<timestamp>.log (or None)."""
        from game.ui.errors import write_crash_log

        return write_crash_log(self, err)

    # -- running --------------------------------------------------------------------------------

    def run(self, script: Any = None) -> int:
        """The main loop (optionally driven by a script of steps); returns the exit code."""
        runner = None
        if script is not None:
            from game.ui.script import ScriptRunner

            runner = ScriptRunner(self, script)
        while self.running:
            if runner is not None:
                runner.step()
            self.frame()
            if runner is not None and runner.done and not runner.keep_open:
                break
            self.clock.tick(FPS)
        return self.exit_code

    def close(self) -> None:
        """Shut the window (the shared helper process stops when the program exits)."""
        flush_saves(5.0)
        SETTINGS_WRITER.flush(5.0)
        pygame.display.quit()
        gc.unfreeze()
        if self._gc_was_enabled:
            gc.enable()


def start_screen(app: App, scenario: str | None, role: str | None, seed: int | None) -> Screen:
    """The first screen: the main menu, or a game of `scenario` (its briefing or its errors)."""
    return app.flow.first(scenario, role, seed)


def run_window(
    scenario: str | None = None,
    role: str | None = None,
    seed: int | None = None,
    *,
    screenshot_dir: str | Path | None = None,
    script: Iterable[Any] | Callable[[App], Any] | str | None = None,
) -> int:
    """Open the game's window (the main menu, or straight into `scenario`); returns an exit code."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    sys.setswitchinterval(0.001)  # keep the UI responsive while assessments run
    try:
        app = App(screenshot_dir=screenshot_dir)
    except pygame.error as err:
        print(
            f"error: cannot open the game's window ({err}).\n"
            "Play in the terminal instead: python -m game play tariff_friction --text",
            file=sys.stderr,
        )
        return 1
    try:
        app.push(start_screen(app, scenario, role, seed))
    except Exception as err:  # noqa: BLE001 - the safety net covers start-up too
        app.crash(err)
    try:
        return app.run(script)
    finally:
        app.close()


__all__ = ["App", "run_window", "start_screen", "Pop", "Push", "Replace", "Reset", "Quit"]
