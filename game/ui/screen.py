"""Screens as a stack of small state objects, the transitions between them, and text in boxes.

A screen answers input with a transition (`on_event(e) -> Transition | None`) and draws
itself (`on_draw(surface)`). It is built from panels whose pixels are cached and redrawn
only when marked dirty, so a frame is mostly a handful of blits. Every piece of text goes
through `Painter`, which keeps it inside its box (ellipsis, wrapping) and, when asked,
records each box so tests can check that no text leaves it at any window size.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pygame

from game.ui.theme import TEXT, Fonts, Palette, fit_text, font_dir

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


# -- style ---------------------------------------------------------------------------------


class Style:
    """Palette, fonts and spacing for one window size and text scale."""

    def __init__(self, size: tuple[int, int], text_scale: float, colorblind: bool) -> None:
        w, h = size
        self.size = size
        self.layout_scale = max(0.8, min(2.0, min(w / 1280.0, h / 720.0)))
        self.text_scale = text_scale
        # fonts follow the window a little less than the layout does, so small windows
        # keep readable text; the text-scale setting multiplies on top
        font_scale = max(0.86, min(2.0, self.layout_scale)) * text_scale
        self.fonts = Fonts(font_scale)
        self.palette: Palette = _palette(colorblind)
        self.u = max(4, int(round(8 * self.layout_scale)))  # the spacing unit

    def px(self, n: float) -> int:
        """A length in layout pixels (scaled)."""
        return int(round(n * self.layout_scale))

    def font(self, name: str, bold: bool = False) -> pygame.font.Font:
        """A font by size name (`mono` is a monospaced face at the small size)."""
        if name == "mono":
            return self._mono()
        return self.fonts.get(name, bold=bold)

    def preload(self) -> None:
        """Open every font face and size the screens use (a few ms, once per style)."""
        for name in ("small", "label", "body", "title", "heading", "huge"):
            for bold in (False, True):
                self.fonts.get(name, bold=bold)
        self._mono()

    def line(self, name: str, bold: bool = False) -> int:
        """Line height of a font by size name."""
        return self.font(name, bold).get_linesize()

    def _mono(self) -> pygame.font.Font:
        font = getattr(self, "_mono_font", None)
        if font is None:
            size = self.fonts.px("small")
            folder = font_dir()
            try:
                if folder is None:
                    raise FileNotFoundError("no bundled fonts")
                font = pygame.font.Font(str(folder / "FiraCode-Regular.ttf"), size)
            except (OSError, pygame.error):
                font = self.fonts.get("small")
            self._mono_font = font
        return font


def _palette(colorblind: bool) -> Palette:
    from game.ui.theme import palette

    return palette(colorblind)


# -- text in boxes -------------------------------------------------------------------------


@dataclass
class TextRecord:
    """One piece of text drawn: where it went (`rect`) and where it was allowed (`box`)."""

    text: str
    rect: Rect | None  # None: the box was too small to show even one line
    box: Rect
    owner: str = ""


# characters the bundled Noto Sans lacks, and what to show instead
_GLYPHS = str.maketrans(
    {
        "\u2192": "\u203a",
        "\u2190": "\u2039",
        "\u2265": ">=",
        "\u2264": "<=",
        "\u2191": "up",
        "\u2193": "down",
        "\u2713": "yes",
        "\u2717": "no",
    }
)


def clean(text: str) -> str:
    """Text with the few symbols the font cannot draw replaced by ones it can."""
    return text.translate(_GLYPHS) if text else text


class Painter:
    """Draws text that always stays inside its box, and records boxes for layout tests."""

    def __init__(self, style: Style) -> None:
        self.style = style
        self.origin = (0, 0)  # screen position of the surface being drawn on
        self.owner = ""
        self.recording = False
        self.records: list[TextRecord] = []
        self._wraps: dict[tuple[Any, ...], list[str]] = {}

    @property
    def palette(self) -> Palette:
        """The palette in use."""
        return self.style.palette

    def _record(self, text: str, rect: Rect | None, box: Rect) -> None:
        if not self.recording:
            return
        ox, oy = self.origin
        shifted = rect.move(ox, oy) if rect is not None else None
        self.records.append(TextRecord(text, shifted, Rect(box).move(ox, oy), self.owner))

    def text(
        self,
        surface: pygame.Surface,
        text: str,
        box: Rect,
        size: str = "body",
        colour: tuple[int, int, int] | None = None,
        *,
        bold: bool = False,
        align: str = "left",
        valign: str = "top",
    ) -> Rect:
        """One line of text in `box`, shortened with an ellipsis if it is too wide."""
        text = clean(text)
        box = Rect(box)
        font = self.style.font(size, bold)
        colour = colour or self.palette.text
        if font.get_height() > box.h or box.w <= 0:
            self._record(text, None, box)
            return Rect(box.x, box.y, 0, 0)
        shown = fit_text(text, font, box.w)
        surf = TEXT.render(shown, font, colour)
        r = surf.get_rect()
        if align == "center":
            r.centerx = box.centerx
        elif align == "right":
            r.right = box.right
        else:
            r.x = box.x
        if valign == "center":
            r.centery = box.centery
        elif valign == "bottom":
            r.bottom = box.bottom
        else:
            r.y = box.y
        r.clamp_ip(box)
        surface.blit(surf, r)
        self._record(text, r, box)
        return r

    def wrap(self, text: str, size: str, width: int, bold: bool = False) -> list[str]:
        """The lines of `text` wrapped to `width` pixels (cached)."""
        text = clean(text)
        font = self.style.font(size, bold)
        key = (text, size, bold, width, self.style.fonts.scale)
        lines = self._wraps.get(key)
        if lines is None:
            lines = wrap_lines(text, font, width)
            if len(self._wraps) > 4000:
                self._wraps.clear()
            self._wraps[key] = lines
        return lines

    def para_height(
        self, text: str, size: str, width: int, bold: bool = False, max_lines: int = 0
    ) -> int:
        """Height of a wrapped paragraph."""
        n = len(self.wrap(text, size, width, bold)) if text else 0
        if max_lines:
            n = min(n, max_lines)
        return n * self.style.line(size, bold)

    def para(
        self,
        surface: pygame.Surface,
        text: str,
        box: Rect,
        size: str = "body",
        colour: tuple[int, int, int] | None = None,
        *,
        bold: bool = False,
        align: str = "left",
        max_lines: int = 0,
    ) -> Rect:
        """Wrapped text inside `box`; lines that do not fit are cut, the last with an ellipsis."""
        text = clean(text)
        box = Rect(box)
        font = self.style.font(size, bold)
        colour = colour or self.palette.text
        if not text:
            return Rect(box.x, box.y, 0, 0)
        lines = self.wrap(text, size, box.w, bold)
        lh = font.get_linesize()
        fit = max(
            0,
            min(
                len(lines),
                (box.h - font.get_height()) // lh + 1 if box.h >= font.get_height() else 0,
            ),
        )
        if max_lines:
            fit = min(fit, max_lines)
        if fit == 0:
            self._record(text, None, box)
            return Rect(box.x, box.y, 0, 0)
        shown = lines[:fit]
        if fit < len(lines):
            shown[-1] = fit_text(shown[-1] + "\u2026", font, box.w)
            if not shown[-1].endswith("\u2026"):
                shown[-1] = fit_text(shown[-1] + " \u2026" * 40, font, box.w)
        used = Rect(box.x, box.y, 0, 0)
        y = box.y
        for line in shown:
            surf = TEXT.render(line, font, colour)
            r = surf.get_rect(y=y)
            if align == "center":
                r.centerx = box.centerx
            elif align == "right":
                r.right = box.right
            else:
                r.x = box.x
            r.clamp_ip(box)
            surface.blit(surf, r)
            used = r if used.w == 0 else used.union(r)
            y += lh
        self._record(text, used, box)
        return used

    def width(self, text: str, size: str = "body", bold: bool = False) -> int:
        """Pixel width of one line of text."""
        return TEXT.width(clean(text), self.style.font(size, bold))


def wrap_lines(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """Greedy word wrap by pixel width; words wider than a line are broken."""
    out: list[str] = []
    if width <= 0:
        return [text] if text else []
    space = TEXT.width(" ", font)
    for para in text.split("\n"):
        words = para.split()
        if not words:
            out.append("")
            continue
        line, line_w = "", 0
        for word in words:
            w = TEXT.width(word, font)
            if w > width:  # break a very long word
                if line:
                    out.append(line)
                    line, line_w = "", 0
                piece = ""
                for ch in word:
                    if TEXT.width(piece + ch, font) > width and piece:
                        out.append(piece)
                        piece = ch
                    else:
                        piece += ch
                line, line_w = piece, TEXT.width(piece, font)
                continue
            if not line:
                line, line_w = word, w
            elif line_w + space + w <= width:
                line += " " + word
                line_w += space + w
            else:
                out.append(line)
                line, line_w = word, w
        out.append(line)
    return out


# -- panels --------------------------------------------------------------------------------


_POOL: dict[tuple[int, int], list[pygame.Surface]] = {}
_POOL_PIXELS = 1280 * 720 * 6  # at most ~22 MB of spare pixels kept
_pooled = 0


def new_surface(size: tuple[int, int]) -> pygame.Surface:
    """An opaque surface in the display's pixel format (fast to blit, no conversion pass).

    Surfaces of screens that were closed are used again (see `release_surface`): fresh
    pixel memory costs a page fault per 4 KiB on first touch, ~1 ms for a window's worth,
    which showed up as frame spikes whenever a screen opened.
    """
    global _pooled
    display = pygame.display.get_surface()
    size = (int(size[0]), int(size[1]))
    free = _POOL.get(size)
    while free:
        surf = free.pop()
        _pooled -= size[0] * size[1]
        if display is None or (
            surf.get_bitsize() == display.get_bitsize() and surf.get_masks() == display.get_masks()
        ):
            surf.set_alpha(None)  # as a new one: opaque, unclipped
            surf.set_colorkey(None)
            surf.set_clip(None)
            return surf
    if display is not None:
        return pygame.Surface(size, 0, display)
    return pygame.Surface(size)


def release_surface(surf: pygame.Surface | None) -> None:
    """Give back a surface from `new_surface` that nothing uses any more."""
    global _pooled
    if surf is None or surf.get_masks()[3] or surf.get_parent() is not None:
        return  # (per-pixel alpha or a view into another surface: not from new_surface)
    w, h = surf.get_size()
    if w * h <= 0 or w * h > _POOL_PIXELS:
        return
    free = _POOL.setdefault((w, h), [])
    if any(s is surf for s in free):
        return
    while _pooled + w * h > _POOL_PIXELS:  # make room: the oldest kind goes first
        size, oldest = next((k, v) for k, v in _POOL.items() if v)
        oldest.pop(0)
        _pooled -= size[0] * size[1]
        if not oldest and size != (w, h):
            del _POOL[size]
    free.append(surf)
    _pooled += w * h


class FrameBudget:
    """How much panel redrawing one frame may do, so a busy moment is spread over frames.

    The first panel of a frame always redraws (progress is guaranteed); further ones only
    while time is left. A panel that waits keeps showing its previous pixels for a frame
    or two, hidden by the cross-fade of a screen change.
    """

    def __init__(self, ms: float = 1.5) -> None:
        self.ms = ms
        self.unlimited = False
        self._start = 0.0
        self._used = 0

    def start(self, ms: float | None = None) -> None:
        """A new frame begins (optionally with a different allowance, in ms)."""
        self._start = time.perf_counter()
        self._used = 0
        if ms is not None:
            self.ms = ms

    def allow(self) -> bool:
        """True if another panel may redraw now."""
        if self.unlimited or self._used == 0:
            return True
        return (time.perf_counter() - self._start) * 1000.0 < self.ms

    def used(self) -> None:
        """A panel redrew."""
        self._used += 1

    def more(self) -> bool:
        """True while a panel already redrawing may go on in this frame."""
        return self.unlimited or (time.perf_counter() - self._start) * 1000.0 < self.ms

    def quiet(self) -> bool:
        """True if this frame did no redrawing and still has time left."""
        return self._used == 0 and (time.perf_counter() - self._start) * 1000.0 < self.ms


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
        self._job: tuple[Iterator[Any], pygame.Surface] | None = None
        self._dirty = True
        self.visible = True
        self.has_content = False
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
            self._spare = None
            self.dirty = True
            self.has_content = False

    def draw(
        self, target: pygame.Surface, painter: Painter, background: tuple[int, int, int]
    ) -> None:
        """Blit the cached pixels, redrawing them first if dirty (and the frame budget allows)."""
        if not self.visible or self.rect.w <= 0 or self.rect.h <= 0:
            return
        if self.dirty and BUDGET.allow():
            self.prepare(painter, background)
        if self.has_content and self.surface is not None:
            target.blit(self.surface, self.rect)

    def prepare(self, painter: Painter, background: tuple[int, int, int]) -> bool:
        """Redraw (or go on redrawing) the cached pixels; True once they are complete."""
        if self.static_key is not None and not painter.recording:
            key = (self.static_key(), self.rect.size)
            shared = _STATIC.get(key)
            if shared is None:
                shared = new_surface(self.rect.size)
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
            return True
        painter.origin = self.rect.topleft
        painter.owner = self.name
        try:
            if self._job is None:
                back = self._spare if self._spare is not None else new_surface(self.rect.size)
                self._spare = None
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

    def release(self) -> None:
        """Hand the cached pixels back for reuse (the screen closed); redrawn if shown again."""
        if self.static_key is None:  # shared pixels belong to the static cache
            release_surface(self.surface)
            release_surface(self._spare)
        self.surface = None
        self._spare = None
        self.dirty = True
        self.has_content = False

    def _finish(self, back: pygame.Surface) -> None:
        self._spare = self.surface
        self.surface = back
        self._job = None
        self._dirty = False
        self.has_content = True


# -- screens -------------------------------------------------------------------------------


class Screen:
    """A state of the game's window: reacts to input, draws itself, exposes its layout."""

    name = "screen"
    overlay = False  # drawn over a dimmed copy of the screen below
    animated = False  # draws something every frame (draw_live)
    panel_fill = "background"  # palette colour under each panel's pixels

    def __init__(self, app: App) -> None:
        self.app = app
        self.panels: dict[str, Panel] = {}
        self.size = (0, 0)

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
        """Draw the screen: the situation-room backdrop, then the cached panels."""
        from game.ui.common import backdrop  # common builds on this module

        surface.blit(backdrop(self.app.size, self.pal), (0, 0))
        for p in self.panels.values():
            p.draw(surface, self.app.painter, self.panel_background(p))

    def prerender(self) -> bool:
        """Redraw one dirty panel off-screen while this screen is hidden; False if none left."""
        for p in self.panels.values():
            if p.dirty and p.visible and p.rect.w > 0 and p.rect.h > 0:
                p.prepare(self.app.painter, self.panel_background(p))
                return True
        return False

    def panel_background(self, panel: Panel) -> tuple[int, int, int]:
        """The colour a panel's pixels start from."""
        return getattr(self.pal, self.panel_fill)

    def draw_live(self, surface: pygame.Surface, t: float) -> None:
        """Draw what changes every frame (only for the top screen)."""

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
