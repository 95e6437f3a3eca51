"""Screens as a stack of small state objects, and the transitions between them.

A screen answers input with a transition (`on_event(e) -> Transition | None`) and draws
itself (`on_draw(surface)`). It is built from panels whose pixels are cached and redrawn
only when marked dirty, so a frame is mostly a handful of blits. Text is drawn by
`game.ui.painter`; surfaces come from `game.ui.pixels`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pygame

from game.ui.painter import Painter, Style
from game.ui.pixels import backdrop, new_surface, release_surface
from game.ui.theme import Palette

if TYPE_CHECKING:
    from game.ui.app import App

Rect = pygame.Rect


# -- transitions ---------------------------------------------------------------------------


@dataclass
class Push:
    """Put a screen on top of the stack."""

    screen: Screen


@dataclass
class Pop:
    """Remove the top screen (and hand `result` to the one below)."""

    result: Any = None


@dataclass
class Replace:
    """Swap the top screen for another."""

    screen: Screen


@dataclass
class Reset:
    """Clear the stack and start again from one screen."""

    screen: Screen


@dataclass
class Quit:
    """Close the game."""

    code: int = 0


Transition = Push | Pop | Replace | Reset | Quit


# -- panels --------------------------------------------------------------------------------


class FrameBudget:
    """How much panel redrawing one frame may do, so a busy moment is spread over frames.

    The first panel of a frame redraws even past the allowance, unless the frame's input
    and updates have used it up already (a choice laid out again): then the redrawing
    waits for the next frame, which lets it through whatever it costs (progress is
    guaranteed). Further panels redraw only while time is left. A panel that waits keeps
    showing its previous pixels for a frame or two.

    Time is this thread's CPU time, not the wall clock: on a busy machine the scheduler's
    delays would otherwise use up the allowance, and no frame would ever be quiet enough
    for the work put off to quiet frames (prerendering, `App.later`).
    """

    def __init__(self, ms: float = 1.5) -> None:
        self.ms = ms
        self.unlimited = False
        self._start = 0.0
        self._used = 0
        self._deferred = False  # this frame left its first redraw to the next one
        self._may_defer = True  # (never two frames in a row)

    def start(self, ms: float | None = None) -> None:
        """A new frame begins (optionally with a different allowance, in ms)."""
        self._start = time.thread_time()
        self._used = 0
        self._may_defer = not self._deferred
        self._deferred = False
        if ms is not None:
            self.ms = ms

    def allow(self) -> bool:
        """True if another panel may redraw now."""
        if self.unlimited:
            return True
        left = (time.thread_time() - self._start) * 1000.0 < self.ms
        if self._used == 0 and not left and self._may_defer:
            self._deferred = True
            return False
        return left or self._used == 0

    def used(self) -> None:
        """A panel redrew."""
        self._used += 1

    def more(self) -> bool:
        """True while a panel already redrawing may go on in this frame."""
        return self.unlimited or (time.thread_time() - self._start) * 1000.0 < self.ms

    def idle(self) -> bool:
        """True if this frame redrew nothing (however long its other work took) and left
        no redrawing to the next."""
        return self._used == 0 and not self._deferred

    def quiet(self) -> bool:
        """True if this frame did no redrawing and still has time left."""
        return self._used == 0 and (time.thread_time() - self._start) * 1000.0 < self.ms


BUDGET = FrameBudget()
_STATIC: dict[Any, pygame.Surface] = {}


class Panel:
    """A region of a screen with its own cached pixels, redrawn only when dirty.

    A render function may be a generator that yields between pieces (rows, cards,
    charts): the panel then redraws over several frames within the frame budget, into a
    back buffer, and keeps showing its previous pixels until the new ones are complete.
    """

    def __init__(self, name: str, render: Callable[[pygame.Surface, Painter, Rect], Any]) -> None:
        self.name = name
        self.render = render
        self.rect = Rect(0, 0, 0, 0)
        self.surface: pygame.Surface | None = None
        self._spare: pygame.Surface | None = None
        self._fresh: pygame.Surface | None = None  # new pixels for the shared (static) ones
        self._job: tuple[Iterator[Any], pygame.Surface] | None = None
        self._dirty = True
        self.visible = True
        self.has_content = False
        self.version = 0  # counts changes of the pixels shown (the screen's composition)
        # pixels that depend only on this key are shared by every panel with the same key
        self.static_key: Callable[[], Any] | None = None

    @property
    def dirty(self) -> bool:
        """True when the pixels no longer match the state."""
        return self._dirty

    @dirty.setter
    def dirty(self, value: bool) -> None:
        if value:
            self._job = None  # a redraw under way is out of date: start again
        self._dirty = value

    def set_rect(self, rect: Rect) -> None:
        """Move or resize the panel."""
        rect = Rect(rect)
        if rect != self.rect:
            self.rect = rect
            self.surface = None
            self._spare = self._fresh = None
            self.dirty = True
            self.has_content = False

    @property
    def shown(self) -> bool:
        """True if the panel has pixels to show."""
        return (
            self.visible
            and self.rect.w > 0
            and self.rect.h > 0
            and self.has_content
            and self.surface is not None
        )

    def update(self, painter: Painter, background: tuple[int, int, int]) -> None:
        """Redraw the cached pixels if dirty (and the frame budget allows)."""
        if not self.visible or self.rect.w <= 0 or self.rect.h <= 0:
            return
        if self.dirty and BUDGET.allow():
            self.prepare(painter, background)

    def draw(
        self, target: pygame.Surface, painter: Painter, background: tuple[int, int, int]
    ) -> None:
        """Blit the cached pixels, redrawing them first if dirty (and the frame budget allows)."""
        self.update(painter, background)
        if self.shown:
            target.blit(self.surface, self.rect)

    def touch(self) -> None:
        """The cached pixels were changed in place (a patch): show them again."""
        self.version += 1

    def prepare(self, painter: Painter, background: tuple[int, int, int]) -> bool:
        """Redraw (or go on redrawing) the cached pixels; True once they are complete."""
        if self.static_key is not None and not painter.recording:
            key = (self.static_key(), self.rect.size)
            shared = _STATIC.get(key)
            if shared is None:
                if self._fresh is None:  # new pixels first; drawn in the next frame if need be
                    self._fresh = new_surface(self.rect.size)
                    if not BUDGET.more():
                        return False
                shared, self._fresh = self._fresh, None
                shared.fill(background)
                painter.origin, painter.owner = self.rect.topleft, self.name
                self.render(shared, painter, Rect(0, 0, *self.rect.size))
                painter.origin, painter.owner = (0, 0), ""
                if len(_STATIC) > 24:
                    _STATIC.clear()
                _STATIC[key] = shared
                BUDGET.used()
            self.surface, self._spare, self._job = shared, None, None
            self._dirty, self.has_content = False, True
            self.version += 1
            return True
        painter.origin = self.rect.topleft
        painter.owner = self.name
        try:
            if self._job is None:
                if self._spare is None:
                    # new pixels (a page fault per 4 KiB if the pool has none of this size):
                    # made now, drawn in the next frame if this one has no time left
                    self._spare = new_surface(self.rect.size)
                    if not BUDGET.more():
                        return False
                painter.spots.pop(self.name, None)  # marked glossary terms are redrawn too
                back, self._spare = self._spare, None
                back.fill(background)
                # panels draw in local coordinates: the rect passed is the local one
                steps = self.render(back, painter, Rect(0, 0, *self.rect.size))
                if steps is None:
                    self._finish(back)
                    return True
                self._job = (iter(steps), back)
            steps, back = self._job
            for _ in steps:
                if not BUDGET.more():
                    return False
            self._finish(back)
            return True
        finally:
            painter.origin = (0, 0)
            painter.owner = ""
            BUDGET.used()

    def ensure_spare(self) -> bool:
        """Make the pixels of the panel's next redraw ahead of it (while its screen is
        composed): a redraw on a key press then costs no page faults. True if made now."""
        if self._spare is not None or self.static_key is not None or not self.shown:
            return False
        self._spare = new_surface(self.rect.size)
        return True

    def release(self) -> None:
        """Hand the cached pixels back for reuse (the screen closed); redrawn if shown again."""
        if self.static_key is None:  # shared pixels belong to the static cache
            release_surface(self.surface)
            release_surface(self._spare)
        release_surface(self._fresh)
        self.surface = None
        self._spare = self._fresh = None
        self.dirty = True
        self.has_content = False

    def _finish(self, back: pygame.Surface) -> None:
        self._spare = self.surface
        self.surface = back
        self._job = None
        self._dirty = False
        self.has_content = True
        self.version += 1


# -- screens -------------------------------------------------------------------------------


class Screen:
    """A state of the game's window: reacts to input, draws itself, exposes its layout."""

    name = "screen"
    overlay = False  # drawn over a dimmed copy of the screen below
    animated = False  # draws something every frame (draw_live)
    # a frame after one that showed this screen may draw only what changed (`draw_changed`):
    # False for a screen that draws more than its composed picture and its live layer
    partial_redraw = True
    panel_fill = "background"  # palette colour under each panel's pixels

    def __init__(self, app: App) -> None:
        self.app = app
        self.panels: dict[str, Panel] = {}
        self.size = (0, 0)
        # the backdrop and the panels' pixels composed into one picture (see on_draw)
        self._composed: pygame.Surface | None = None
        self._composed_state: list[Any] = []
        self._compose_job: tuple[list[Any], Iterator[bool]] | None = None  # (compose_step)
        # the picture's areas composed again since it was last drawn whole or in part
        # (None: all of it)
        self._damage: list[Rect] | None = None

    # convenience
    @property
    def style(self) -> Style:
        """The app's current style."""
        return self.app.style

    @property
    def pal(self) -> Palette:
        """The palette in use."""
        return self.app.style.palette

    def add_panel(
        self, name: str, render: Callable[[pygame.Surface, Painter, Rect], None]
    ) -> Panel:
        """Create (or return) a cached panel."""
        if name not in self.panels:
            self.panels[name] = Panel(name, render)
        return self.panels[name]

    def invalidate(self, *names: str) -> None:
        """Mark panels for redrawing (all of them without names)."""
        for name, p in self.panels.items():
            if not names or name in names:
                p.dirty = True

    # lifecycle
    def resize(self, size: tuple[int, int]) -> None:
        """Recompute the layout for a window size (called on push and on every resize)."""
        self.size = size
        self.layout(Rect(0, 0, *size))
        self.invalidate()

    def layout(self, win: Rect) -> None:
        """Place panels and widgets inside the window rect."""

    def on_enter(self) -> None:
        """Called when the screen becomes the top of the stack."""

    def release(self) -> None:
        """The screen left the stack: its panels' pixels go back to the pool."""
        for p in self.panels.values():
            p.release()
        release_surface(self._composed)
        self._composed, self._composed_state, self._compose_job = None, [], None
        self._damage = None

    def on_result(self, result: Any) -> Transition | None:
        """Called with the result of a screen popped from above."""
        return None

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        """Handle one input event."""
        return None

    def update(self, dt: float) -> Transition | None:
        """Advance time-driven state (polling workers, timers)."""
        return None

    def on_draw(self, surface: pygame.Surface) -> None:
        """Draw the screen: the situation-room backdrop, then the cached panels.

        Both are composed into one window-sized picture that is made again only where a
        panel's pixels changed, so a frame where nothing changed is one blit instead of
        the backdrop's and every panel's (half of an idle turn screen frame's cost).
        """
        painter = self.app.painter
        for p in self.panels.values():
            p.update(painter, self.panel_background(p))
        surface.blit(self.compose(), (0, 0))
        self._damage = []

    def draw_changed(self, surface: pygame.Surface, also: list[Rect]) -> list[Rect] | None:
        """Draw on `surface`, which shows this screen as drawn last, only what changed: the
        areas of the picture composed again since, and `also` (where the live layer drew).
        Returns the areas drawn (None: all of it, when most of the picture changed)."""
        painter = self.app.painter
        for p in self.panels.values():
            p.update(painter, self.panel_background(p))
        comp = self.compose()
        damage, self._damage = self._damage, []
        bounds = comp.get_rect()
        areas = [] if damage is None else clipped(damage + also, bounds)
        if damage is None or sum(r.w * r.h for r in areas) > bounds.w * bounds.h // 2:
            surface.blit(comp, (0, 0))
            return None
        for r in areas:
            surface.blit(comp, r, r)
        return areas

    def picture_state(self) -> list[Any]:
        """What the composed picture is made of now (it changes when the picture does)."""
        return self._compose_state(backdrop(self.app.size, self.pal))

    def _changed(self, area: Rect | None) -> None:
        """The picture changed in `area` (None: all of it) since it was last drawn."""
        if area is None or (self._damage is not None and len(self._damage) >= 32):
            self._damage = None  # (all of it: many parts are as good as the whole)
        elif self._damage is not None:
            self._damage.append(Rect(area))

    def _compose_state(self, back: pygame.Surface) -> list[Any]:
        return [(id(back), back.get_size())] + [
            (p.name, tuple(p.rect), p.shown, p.version) for p in self.panels.values()
        ]

    def compose(self) -> pygame.Surface:
        """The backdrop and the panels' pixels as they are, in one picture (made again only
        where a panel changed since the last time)."""
        back = backdrop(self.app.size, self.pal)
        panels = list(self.panels.values())
        state = self._compose_state(back)
        comp = self._composed
        old = self._composed_state
        if comp is None or comp.get_size() != back.get_size():
            release_surface(comp)
            comp = self._composed = new_surface(back.get_size())
            old = []
        if len(old) != len(state) or old[0] != state[0]:
            comp.blit(back, (0, 0))
            for p in panels:
                if p.shown:
                    comp.blit(p.surface, p.rect)
            self._changed(None)
        else:
            for before, now in zip(old[1:], state[1:], strict=True):
                if before == now:
                    continue
                for area in {before[1], now[1]}:  # where it was and where it is
                    self._recompose(comp, back, Rect(area), panels)
        self._composed_state = state
        return comp

    def compose_step(self) -> bool:
        """A part of `compose` (new pixels, a band of the backdrop, or one panel's area) for
        a picture made while hidden or behind the one on screen: a part per call. True
        when the picture is complete."""
        back = backdrop(self.app.size, self.pal)
        state = self._compose_state(back)
        if state == self._composed_state:
            self._compose_job = None
            return True
        if self._compose_job is None or self._compose_job[0] != state:
            self._compose_job = (state, self._compose_parts(back, state))
        if next(self._compose_job[1], None) is None:
            self._compose_job = None
            self._composed_state = state
            return True
        return False

    def _compose_parts(self, back: pygame.Surface, state: list[Any]) -> Iterator[bool]:
        panels = list(self.panels.values())
        comp, old = self._composed, self._composed_state
        if comp is None or comp.get_size() != back.get_size():
            release_surface(comp)
            comp = self._composed = new_surface(back.get_size())  # (page faults: a part)
            self._composed_state = old = []
            yield True
        if len(old) != len(state) or old[0] != state[0]:
            self._composed_state = []  # in parts: whole again if `compose` is asked first
            self._changed(None)
            w, h = comp.get_size()
            band = max(1, h // 4)
            for y in range(0, h, band):
                comp.blit(back, (0, y), Rect(0, y, w, band))
                yield True
            for p in panels:
                if p.shown:
                    comp.blit(p.surface, p.rect)
                    yield True
            return
        for before, now in zip(old[1:], state[1:], strict=True):
            if before != now:
                for area in {before[1], now[1]}:  # where it was and where it is
                    self._recompose(comp, back, Rect(area), panels)
                    yield True

    def _recompose(
        self, comp: pygame.Surface, back: pygame.Surface, area: Rect, panels: list[Panel]
    ) -> None:
        """Compose `area` again: the backdrop, then every panel over it, in order (from the
        last one that covers all of it: panels' pixels are opaque, it hides what is under)."""
        area = area.clip(comp.get_rect())
        if area.w <= 0 or area.h <= 0:
            return
        self._changed(area)
        cover = [i for i, p in enumerate(panels) if p.shown and p.rect.contains(area)]
        if not cover:
            comp.blit(back, area.topleft, area)
        for p in panels[cover[-1] if cover else 0 :]:
            if p.shown:
                part = area.clip(p.rect)
                if part.w > 0 and part.h > 0:
                    comp.blit(p.surface, part.topleft, part.move(-p.rect.x, -p.rect.y))

    def prepare_step(self) -> bool:
        """Compose this screen's picture off-screen, one frame's share at a time (within the
        frame's budget): the dirty panels, then the composed picture. True when it is
        complete and nothing was left to do, so that showing it costs one blit.

        The App calls this while the previous picture stays on screen after a screen
        change, and shows (or fades to) the new screen only once it is complete: no frame
        does a whole screen's first render, and nothing half-drawn is seen."""
        if not self.prepare_panels():
            return False
        if self._compose_state(backdrop(self.app.size, self.pal)) != self._composed_state:
            if BUDGET.more():
                # new pixels first (page faults), then the picture a part at a time, as
                # many parts as the frame's budget allows
                while not self.compose_step() and BUDGET.more():
                    pass
                BUDGET.used()
            return False
        return True

    def prepare_panels(self) -> bool:
        """Redraw dirty panels within the frame's budget; True if none was left to redraw."""
        waiting = [
            p
            for p in self.panels.values()
            if p.dirty and p.visible and p.rect.w > 0 and p.rect.h > 0
        ]
        for p in waiting:
            if not BUDGET.allow():
                break
            p.prepare(self.app.painter, self.panel_background(p))
        return not waiting

    def prerender(self) -> bool:
        """Redraw one dirty panel off-screen while this screen is hidden; False if none left."""
        for p in self.panels.values():
            if p.dirty and p.visible and p.rect.w > 0 and p.rect.h > 0:
                p.prepare(self.app.painter, self.panel_background(p))
                return True
        if self._composed is not None:  # shown before: its picture too, ready for its return
            if self._compose_state(backdrop(self.app.size, self.pal)) != self._composed_state:
                self.compose_step()  # (a part a quiet frame)
                return True
        return False

    def panel_background(self, panel: Panel) -> tuple[int, int, int]:
        """The colour a panel's pixels start from."""
        return getattr(self.pal, self.panel_fill)

    def draw_live(self, surface: pygame.Surface, t: float) -> list[Rect] | None:
        """Draw what changes every frame (only for the top screen); returns the areas drawn
        (None: anywhere), which the next frame draws again from the picture under them."""
        return []

    # for tests and tools
    def regions(self) -> dict[str, Rect]:
        """Named layout rectangles (panels and controls) in window coordinates."""
        return {n: Rect(p.rect) for n, p in self.panels.items() if p.visible}

    def sibling_groups(self) -> Iterable[list[str]]:
        """Groups of region names that must not overlap each other."""
        return [list(self.regions())]

    def targets(self) -> dict[str, Rect]:
        """Clickable things by id, in window coordinates (for scripted input)."""
        return {}

    def describe(self) -> dict[str, Any]:
        """A small summary of state for scripts and tests."""
        return {"name": self.name}


def clipped(areas: Iterable[Rect], bounds: Rect) -> list[Rect]:
    """The areas' parts inside `bounds`, without the empty ones."""
    parts = [Rect(a).clip(bounds) for a in areas]
    return [r for r in parts if r.w > 0 and r.h > 0]


@dataclass
class Hit:
    """A clickable area of a panel, in window coordinates."""

    id: str
    rect: Rect
    data: Any = None
    enabled: bool = True
    meta: dict[str, Any] = field(default_factory=dict)


def hit_at(hits: Iterable[Hit], pos: tuple[int, int]) -> Hit | None:
    """The last hit area containing `pos` (later ones draw on top)."""
    found = None
    for h in hits:
        if h.rect.collidepoint(pos):
            found = h
    return found
