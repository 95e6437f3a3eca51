"""Small hand-drawn controls: buttons, key caps, icons, bars, a digit entry and item lists.

Drawn with pygame primitives and the cached text of theme.py, so they cost a few blits
and never allocate per frame. (The bundled Noto Sans has no arrows or check marks, so
icons are drawn as shapes.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame

from game.ui.painter import Painter
from game.ui.screen import Rect
from game.ui.theme import Palette, blend

Colour = tuple[int, int, int]


# -- icons ---------------------------------------------------------------------------------


def icon_triangle(
    surface: pygame.Surface, center: tuple[int, int], size: int, up: bool, colour: Colour
) -> None:
    """A small filled triangle pointing up or down."""
    x, y = center
    h = max(3, size // 2)
    if up:
        pts = [(x - h, y + h // 2 + 1), (x + h, y + h // 2 + 1), (x, y - h + 1)]
    else:
        pts = [(x - h, y - h // 2), (x + h, y - h // 2), (x, y + h)]
    pygame.draw.polygon(surface, colour, pts)


def icon_arrow(surface: pygame.Surface, rect: Rect, colour: Colour, width: int = 2) -> None:
    """A right-pointing arrow filling `rect` horizontally, centred vertically."""
    y = rect.centery
    head = max(3, rect.h // 3)
    pygame.draw.line(surface, colour, (rect.x, y), (rect.right - 1, y), width)
    pygame.draw.line(surface, colour, (rect.right - 1, y), (rect.right - 1 - head, y - head), width)
    pygame.draw.line(surface, colour, (rect.right - 1, y), (rect.right - 1 - head, y + head), width)


def icon_check(surface: pygame.Surface, rect: Rect, colour: Colour) -> None:
    """A check mark."""
    w = max(2, rect.h // 6)
    a = (rect.x + rect.w * 0.15, rect.y + rect.h * 0.55)
    b = (rect.x + rect.w * 0.42, rect.y + rect.h * 0.8)
    c = (rect.x + rect.w * 0.88, rect.y + rect.h * 0.22)
    pygame.draw.lines(surface, colour, False, [a, b, c], w)


def icon_cross(surface: pygame.Surface, rect: Rect, colour: Colour) -> None:
    """A cross (×)."""
    w = max(2, rect.h // 6)
    r = rect.inflate(-rect.w * 0.3, -rect.h * 0.3)
    pygame.draw.line(surface, colour, r.topleft, r.bottomright, w)
    pygame.draw.line(surface, colour, r.topright, r.bottomleft, w)


def icon_dot(
    surface: pygame.Surface,
    center: tuple[int, int],
    radius: int,
    colour: Colour,
    filled: bool = True,
) -> None:
    """A dot or ring."""
    pygame.draw.circle(surface, colour, center, radius, 0 if filled else max(1, radius // 3))


def icon_menu(surface: pygame.Surface, rect: Rect, colour: Colour) -> None:
    """Three horizontal bars (a menu)."""
    w = max(2, rect.h // 7)
    for k in range(3):
        y = rect.y + int(rect.h * (0.2 + 0.3 * k))
        pygame.draw.line(surface, colour, (rect.x, y), (rect.right - 1, y), w)


def icon_spinner(
    surface: pygame.Surface, center: tuple[int, int], radius: int, colour: Colour, t: float
) -> pygame.Rect:
    """Three dots breathing in turn: a calm 'working' sign; returns the area drawn."""
    import math

    x, y = center
    for k in range(3):
        phase = (t * 2.2 - k * 0.3) % 1.0
        a = 0.35 + 0.65 * (0.5 + 0.5 * math.cos(phase * 2 * math.pi))
        c = tuple(int(v * a) for v in colour)
        pygame.draw.circle(surface, c, (x + (k - 1) * radius * 3, y), radius)
    return pygame.Rect(x - radius * 4 - 1, y - radius - 1, radius * 8 + 3, radius * 2 + 3)


# -- shapes --------------------------------------------------------------------------------


def rounded(
    surface: pygame.Surface, rect: Rect, colour: Colour, radius: int, width: int = 0
) -> None:
    """A rounded rectangle (filled, or an outline of `width`)."""
    pygame.draw.rect(surface, colour, rect, width, border_radius=radius)


def keycap(
    painter: Painter,
    surface: pygame.Surface,
    label: str,
    right: int,
    cy: int,
    fill: Colour | None = None,
) -> Rect:
    """A small key-cap hint (e.g. `Enter`) whose right edge is at `right`; returns its rect.

    With `fill` (caps on a coloured button) the cap is a solid chip with light text.
    """
    st = painter.style
    pal = painter.palette
    font = st.font("small")
    w = painter.width(label, "small") + st.px(10)
    h = font.get_height() + st.px(2)
    r = Rect(right - w, cy - h // 2, w, h)
    if fill is not None:
        rounded(surface, r, fill, st.px(4))
        painter.text(surface, label, r, "small", pal.text, align="center", valign="center")
        return r
    rounded(surface, r, pal.border, st.px(4), 1)
    painter.text(surface, label, r, "small", pal.text_dim, align="center", valign="center")
    return r


def keycap_width(painter: Painter, label: str) -> int:
    """Width a key cap would take."""
    return painter.width(label, "small") + painter.style.px(10)


def bar(surface: pygame.Surface, rect: Rect, frac: float, colour: Colour, track: Colour) -> None:
    """A horizontal progress bar."""
    rounded(surface, rect, track, rect.h // 2)
    frac = max(0.0, min(1.0, frac))
    if frac > 0:
        w = max(rect.h, int(rect.w * frac))
        rounded(surface, Rect(rect.x, rect.y, w, rect.h), colour, rect.h // 2)


# -- buttons -------------------------------------------------------------------------------


@dataclass
class Button:
    """A clickable labelled box; `kind` is primary, normal or ghost."""

    id: str
    label: str
    rect: Rect
    kind: str = "normal"
    enabled: bool = True
    hotkey: str = ""  # shown as a key cap on the right
    detail: str = ""  # a second, quieter line under the label

    def draw(
        self,
        painter: Painter,
        surface: pygame.Surface,
        hovered: bool = False,
        focused: bool = False,
        offset: tuple[int, int] = (0, 0),
    ) -> None:
        """Draw the button (in the coordinates of `surface`, shifted by -offset)."""
        st = painter.style
        pal = painter.palette
        r = self.rect.move(-offset[0], -offset[1])
        radius = st.px(6)
        if self.kind == "primary":
            fill = pal.accent if self.enabled else pal.panel_alt
            if hovered and self.enabled:
                fill = blend(fill, (255, 255, 255), 0.12)
            text = pal.background if self.enabled else pal.text_dim
            border = fill
        elif self.kind == "ghost":
            fill = pal.panel_alt if hovered and self.enabled else None
            text = pal.text if self.enabled else pal.text_dim
            border = None
        else:
            fill = (
                blend(pal.panel_alt, pal.accent, 0.12)
                if hovered and self.enabled
                else pal.panel_alt
            )
            text = pal.text if self.enabled else pal.text_dim
            border = pal.border
        if fill is not None:
            rounded(surface, r, fill, radius)
        if border is not None and self.kind != "primary":
            rounded(surface, r, border, radius, 1)
        if focused:
            ring = pal.text if self.kind == "primary" else pal.accent  # visible on accent fills too
            rounded(surface, r.inflate(st.px(6), st.px(6)), ring, radius + 3, max(1, st.px(2)))
        pad = st.px(12)
        inner = r.inflate(-2 * pad, 0)
        if self.detail:
            lh = st.line("label", True)
            dh = st.line("small")
            top = r.y + (r.h - lh - dh) // 2
            if self.hotkey:
                cap = keycap(painter, surface, self.hotkey, inner.right, r.centery)
                inner.w = cap.x - inner.x - st.px(6)
            painter.text(
                surface, self.label, Rect(inner.x, top, inner.w, lh), "label", text, bold=True
            )
            dim = blend(text, fill or pal.panel, 0.35)
            painter.text(surface, self.detail, Rect(inner.x, top + lh, inner.w, dh), "small", dim)
            return
        if (
            self.hotkey
            and inner.w
            > keycap_width(painter, self.hotkey) + painter.width(self.label, "label", True) + pad
        ):
            cap_colour = (
                blend(fill or pal.panel, pal.background, 0.55)
                if self.kind == "primary" and self.enabled
                else None
            )
            cap = keycap(painter, surface, self.hotkey, inner.right, r.centery, cap_colour)
            inner.w = cap.x - inner.x - st.px(6)
            painter.text(
                surface, self.label, inner, "label", text, bold=True, align="left", valign="center"
            )
        else:
            painter.text(
                surface,
                self.label,
                inner,
                "label",
                text,
                bold=True,
                align="center",
                valign="center",
            )


def button_height(painter: Painter, detail: bool = False) -> int:
    """The standard button height for the current style (taller with a detail line)."""
    extra = painter.style.line("small") if detail else 0
    return painter.style.line("label", True) + extra + painter.style.px(16)


# -- a digit entry -------------------------------------------------------------------------


class DigitEntry:
    """A one-line field that accepts digits (the seed): type, Backspace, Delete to clear."""

    def __init__(self, value: str = "", max_len: int = 9) -> None:
        self.value = value
        self.max_len = max_len

    def handle(self, e: pygame.event.Event) -> bool:
        """Apply a key press; True if it changed the value or was consumed."""
        if e.type != pygame.KEYDOWN:
            return False
        if e.key == pygame.K_BACKSPACE:
            self.value = self.value[:-1]
            return True
        if e.key == pygame.K_DELETE:
            self.value = ""
            return True
        ch = getattr(e, "unicode", "") or ""
        if not (len(ch) == 1 and ch.isdigit()):
            digit_keys = {getattr(pygame, f"K_{d}"): str(d) for d in range(10)}
            digit_keys.update({getattr(pygame, f"K_KP{d}"): str(d) for d in range(10)})
            ch = digit_keys.get(e.key, "")
        if ch and len(self.value) < self.max_len:
            self.value += ch
            return True
        return False

    def number(self) -> int | None:
        """The value as an int, or None if empty."""
        return int(self.value) if self.value.isdigit() else None


# -- lists scrolled by whole items ---------------------------------------------------------


class LazyHeights:
    """Item heights measured only when a scroll window needs them (measuring text is slow)."""

    def __init__(self, n: int, measure: Callable[[int], int]) -> None:
        self.n = n
        self.measure = measure
        self.cache: dict[int, int] = {}

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int) -> int:
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        h = self.cache.get(i)
        if h is None:
            h = self.cache[i] = self.measure(i)
        return h


@dataclass
class Item:
    """A laid-out piece of a scrolling panel: kind, data and its rect (window coordinates)."""

    kind: str
    data: Any
    height: int
    rect: Rect | None = None


class ItemScroll:
    """Scrolls a vertical list by whole items, so text is never cut at the edges."""

    def __init__(self) -> None:
        self.first = 0

    def window(self, heights: list[int], avail: int, gap: int = 0) -> tuple[int, int]:
        """Indices [start, end) of the items that fit from the current first item."""
        n = len(heights)
        self.first = max(0, min(self.first, self.max_first(heights, avail, gap)))
        used, end = 0, self.first
        while end < n:
            h = heights[end] + (gap if end > self.first else 0)
            if used + h > avail and end > self.first:
                break
            used += h
            end += 1
        return self.first, end

    @staticmethod
    def max_first(heights: list[int], avail: int, gap: int = 0) -> int:
        """The largest first item that still fills the view."""
        used = 0
        for i in range(len(heights) - 1, -1, -1):
            used += heights[i] + (gap if i < len(heights) - 1 else 0)
            if used > avail:
                return min(len(heights) - 1, i + 1)
        return 0

    def scroll(self, n: int) -> None:
        """Move by n items (clamped at the next window())."""
        self.first = max(0, self.first + n)

    def ensure(self, index: int, heights: list[int], avail: int, gap: int = 0) -> None:
        """Scroll so item `index` is visible."""
        if index < self.first:
            self.first = index
            return
        start, end = self.window(heights, avail, gap)
        while index >= end and self.first < index:
            before = self.first
            self.first += 1
            start, end = self.window(heights, avail, gap)
            if self.first <= before:  # clamped: the view can go no further (or no such item)
                break


def more_marks(
    surface: pygame.Surface, rect: Rect, above: bool, below: bool, pal: Palette, size: int
) -> None:
    """Small triangles at the right edge saying there is more to scroll to."""
    x = rect.right - size
    if above:
        icon_triangle(surface, (x, rect.y + size), size, True, pal.text_dim)
    if below:
        icon_triangle(surface, (x, rect.bottom - size), size, False, pal.text_dim)
