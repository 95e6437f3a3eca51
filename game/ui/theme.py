"""Shared look of the desktop front end: palettes, fonts, cached text and panels.

Everything here is cheap to call every frame: fonts, rendered text and panel
backgrounds are cached (text shaping in pygame-ce is slow, so *never* call
``font.render`` directly in a draw loop -- use :data:`TEXT` / :func:`draw_text`).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.resources
import math
import re
from collections import OrderedDict
from dataclasses import dataclass, fields, replace
from pathlib import Path

import pygame

from game.ui.i18n import shown

Colour = tuple[int, int, int]

__all__ = [
    "Colour",
    "Palette",
    "DEFAULT",
    "COLORBLIND",
    "palette",
    "blend",
    "with_alpha",
    "Fonts",
    "FONT_SIZES",
    "TextCache",
    "TEXT",
    "draw_text",
    "fit_text",
    "draw_panel",
    "panel_content_rect",
    "PANEL_RADIUS",
    "PANEL_PADDING",
    "rounded_rect",
]


# --------------------------------------------------------------------------- colours


@dataclass(frozen=True, slots=True)
class Palette:
    """All colours used by the UI.  Frozen, so it can key caches."""

    name: str
    background: Colour  # window background: deep navy / charcoal
    panel: Colour  # panel fill
    panel_alt: Colour  # alternate rows, hovered cards, tracks of bars
    border: Colour  # panel borders, axes
    grid: Colour  # chart gridlines (quieter than border)
    text: Colour
    text_dim: Colour
    accent: Colour  # teal: focus, default series, links
    good: Colour
    bad: Colour
    warn: Colour
    neutral: Colour
    india: Colour  # saffron-ish
    us: Colour  # blue
    map_sea: Colour
    map_land: Colour
    map_land_highlight: Colour  # India (and any other highlighted country)
    map_border: Colour  # coast and border outlines
    map_graticule: Colour
    lac_zone: Colour
    hotspot: Colour  # hot-spot glow

    # Aliases so either naming reads naturally at call sites.
    @property
    def sea(self) -> Colour:
        return self.map_sea

    @property
    def land(self) -> Colour:
        return self.map_land

    @property
    def land_highlight(self) -> Colour:
        return self.map_land_highlight

    @property
    def lac(self) -> Colour:
        return self.lac_zone

    @property
    def hotspot_glow(self) -> Colour:
        return self.hotspot

    def severity(self, frac: float) -> Colour:
        """Colour for a severity in [0, 1]: good -> warn -> bad."""
        if not math.isfinite(frac):
            return self.neutral
        frac = min(1.0, max(0.0, frac))
        if frac < 0.5:
            return blend(self.good, self.warn, frac * 2)
        return blend(self.warn, self.bad, (frac - 0.5) * 2)


DEFAULT = Palette(
    name="default",
    background=(13, 18, 27),
    panel=(21, 28, 40),
    panel_alt=(28, 37, 52),
    border=(50, 63, 83),
    grid=(34, 44, 60),
    text=(221, 227, 235),
    text_dim=(136, 149, 168),
    accent=(64, 194, 186),
    good=(94, 188, 122),
    bad=(230, 106, 80),
    warn=(228, 174, 72),
    neutral=(128, 140, 160),
    india=(240, 152, 62),
    us=(88, 142, 232),
    map_sea=(16, 27, 42),
    map_land=(40, 50, 62),
    map_land_highlight=(63, 60, 54),
    map_border=(70, 84, 104),
    map_graticule=(24, 37, 55),
    lac_zone=(226, 124, 88),
    hotspot=(255, 138, 88),
)

# Okabe-Ito based: "good" is a light sky blue, "bad" a darker vermillion-orange,
# "warn" a light yellow -- they differ in lightness as well as hue.
COLORBLIND = replace(
    DEFAULT,
    name="colorblind",
    accent=(72, 178, 214),
    good=(96, 182, 236),
    bad=(214, 96, 14),
    warn=(240, 222, 90),
    neutral=(140, 146, 160),
    india=(232, 160, 20),
    us=(70, 128, 214),
    map_land_highlight=(64, 60, 50),
    lac_zone=(222, 110, 30),
    hotspot=(246, 190, 60),
)


def palette(colorblind: bool = False) -> Palette:
    return COLORBLIND if colorblind else DEFAULT


def blend(a: Colour, b: Colour, t: float) -> Colour:
    """Linear mix of two colours; ``t=0`` gives ``a``, ``t=1`` gives ``b``."""
    t = min(1.0, max(0.0, float(t)))
    mixed = (int(round(x + (y - x) * t)) for x, y in zip(a[:3], b[:3]))
    return tuple(mixed)  # type: ignore[return-value]


def with_alpha(c: Colour, alpha: int) -> tuple[int, int, int, int]:
    return (c[0], c[1], c[2], max(0, min(255, int(alpha))))


# Sanity: every palette field is a colour triple (cheap import-time check).
for _p in (DEFAULT, COLORBLIND):
    for _f in fields(_p):
        if _f.name != "name":
            assert len(getattr(_p, _f.name)) == 3, _f.name


# --------------------------------------------------------------------------- fonts

FONT_SIZES: dict[str, int] = {
    "small": 14,
    "label": 15,
    "body": 16,
    "title": 22,
    "heading": 30,
    "huge": 44,
}

_FONT_FILES = {
    (False, False): "NotoSans-Regular.ttf",
    (True, False): "NotoSans-Bold.ttf",
    (False, True): "NotoSans-Italic.ttf",
    (True, True): "NotoSans-BoldItalic.ttf",
}
_font_paths: dict[tuple[bool, bool], str | None] = {}
_resource_stack = contextlib.ExitStack()
atexit.register(_resource_stack.close)


def font_dir() -> Path | None:
    """The folder of the fonts the game ships (`assets/fonts`, OFL), or None if it is missing."""
    from game.paths import assets_dir

    try:
        folder = assets_dir() / "fonts"
    except FileNotFoundError:
        return None
    return folder if folder.is_dir() else None


def _bundled_font_path(bold: bool, italic: bool) -> str | None:
    """Path of a Noto Sans file shipped in `assets/fonts`, or None."""
    key = (bold, italic)
    if key in _font_paths:
        return _font_paths[key]
    folder = font_dir()
    path: str | None = None
    if folder is not None and (folder / _FONT_FILES[key]).is_file():
        path = str(folder / _FONT_FILES[key])
    _font_paths[key] = path
    return path


# Devanagari (Hindi): Noto Sans Devanagari from the fontpkg-noto-sans-devanagari package.
# Text containing U+0900-U+097F is drawn with it (see TextCache), whatever font was asked.
_DEVA_FILE = "NotoSansDevanagari[wdth,wght].ttf"
_deva_path: list[str | None] = []
_deva_fonts: dict[tuple[int, bool, bool], pygame.font.Font] = {}
_deva_ids: set[int] = set()


def devanagari_font_path() -> str | None:
    """Path of the Noto Sans Devanagari file, or None if the package is missing."""
    if not _deva_path:
        path: str | None = None
        try:
            res = importlib.resources.files("fontpkg_noto_sans_devanagari") / "files" / _DEVA_FILE
            if res.is_file():
                path = (
                    str(res)
                    if isinstance(res, Path)
                    else str(_resource_stack.enter_context(importlib.resources.as_file(res)))
                )
        except Exception:  # noqa: BLE001 - no Hindi font: text falls back to Noto Sans
            path = None
        _deva_path.append(path)
    return _deva_path[0]


_DEVANAGARI = re.compile("[\u0900-\u097f]")


def has_devanagari(text: str) -> bool:
    """True if `text` has a Devanagari character (U+0900-U+097F): one regular-expression
    search, ~50x faster than a loop over the characters of a long paragraph."""
    return _DEVANAGARI.search(text) is not None


def devanagari_font(size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font | None:
    """Noto Sans Devanagari at `size` px, shaped as Devanagari (`set_script("Deva")`)."""
    key = (int(size), bool(bold), bool(italic))
    font = _deva_fonts.get(key)
    if font is None:
        path = devanagari_font_path()
        if path is None:
            return None
        if not pygame.font.get_init():
            pygame.font.init()
        try:
            font = pygame.font.Font(path, key[0])
            font.set_script("Deva")
        except (OSError, pygame.error, AttributeError):
            return None
        font.bold, font.italic = key[1], key[2]  # the file's default instance is Regular
        _deva_fonts[key] = font
        _deva_ids.add(id(font))
    return font


def is_devanagari_font(font: pygame.font.Font) -> bool:
    """True for a font made by :func:`devanagari_font`."""
    return id(font) in _deva_ids


def font_for(text: str, font: pygame.font.Font) -> pygame.font.Font:
    """The font that really draws `text`: the Devanagari face of the same size for Hindi."""
    if text and not is_devanagari_font(font) and has_devanagari(text):
        deva = devanagari_font(font.point_size, font.bold, font.italic)
        if deva is not None:
            return deva
    return font


def _devanagari_line(
    text: str, asked: pygame.font.Font, deva: pygame.font.Font, colour: tuple
) -> pygame.Surface:
    """One line of Hindi drawn with `deva` in a surface as tall as `asked`'s lines, its
    headline level with the Latin text around it (the faces' ascents differ)."""
    try:
        glyphs = deva.render(text, True, colour)
    except pygame.error:
        return pygame.Surface((1, asked.get_height()), pygame.SRCALPHA)
    h = asked.get_height()
    dy = round((h - deva.get_height() + asked.get_ascent() - deva.get_ascent()) / 2)
    surf = pygame.Surface((glyphs.get_width(), h), pygame.SRCALPHA)
    surf.blit(glyphs, (0, max(0, dy)))
    return surf


class Fonts:
    """Font provider: ``Fonts(scale).get('body', bold=True)``; fonts are cached.

    Size names: small 14, label 15, body 16, title 22, heading 30, huge 44 (times
    ``scale``).  Noto Sans from `assets/fonts` is used; pygame's default font is the
    fallback.
    """

    def __init__(self, scale: float = 1.0) -> None:
        if not math.isfinite(scale) or scale <= 0:
            scale = 1.0
        self.scale = float(scale)
        self._cache: dict[tuple[int, bool, bool], pygame.font.Font] = {}

    @property
    def key(self) -> tuple:
        """Hashable identity for caches that depend on these fonts."""
        return ("fonts", self.scale, _bundled_font_path(False, False))

    def px(self, size_name: str | int) -> int:
        base = FONT_SIZES[size_name] if isinstance(size_name, str) else int(size_name)
        return max(8, int(round(base * self.scale)))

    def get(
        self, size_name: str | int, bold: bool = False, italic: bool = False, script: str = ""
    ) -> pygame.font.Font:
        size = self.px(size_name)
        if script == "Deva":  # Hindi: Noto Sans Devanagari (it has Latin letters too)
            deva = devanagari_font(size, bold, italic)
            if deva is not None:
                return deva
        key = (size, bool(bold), bool(italic))
        font = self._cache.get(key)
        if font is None:
            if not pygame.font.get_init():
                pygame.font.init()
            path = _bundled_font_path(bool(bold), bool(italic))
            font = None
            if path is not None:
                try:
                    font = pygame.font.Font(path, size)
                except (OSError, pygame.error):
                    font = None
            if font is None:
                # pygame's default font is smaller per point; bump it a little.
                font = pygame.font.Font(None, int(round(size * 1.3)))
                font.bold = bool(bold)
                font.italic = bool(italic)
            self._cache[key] = font
        return font

    def line_height(self, size_name: str | int, bold: bool = False) -> int:
        return self.get(size_name, bold).get_linesize()


# --------------------------------------------------------------------------- text


def _font_key(font: pygame.font.Font) -> tuple:
    return (
        font.name,
        font.style_name,
        font.point_size,
        font.bold,
        font.italic,
        font.underline,
        font.outline,
        font.align,
    )


class TextCache:
    """LRU cache of rendered text surfaces.

    Keyed by (text, font face/size/bold/..., colour, wraplength, tracking); the
    same key returns the *same* Surface object, so treat results as read-only.
    Bounded both by entry count and by total pixels.
    """

    def __init__(self, max_entries: int = 2048, max_pixels: int = 24_000_000) -> None:
        self.max_entries = max_entries
        self.max_pixels = max_pixels
        self._surfs: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._sizes: OrderedDict[tuple, tuple[int, int]] = OrderedDict()
        self._pixels = 0
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._surfs)

    def clear(self) -> None:
        self._surfs.clear()
        self._sizes.clear()
        self._pixels = 0

    def render(
        self,
        text: str,
        font: pygame.font.Font,
        colour: Colour,
        wraplength: int = 0,
        *,
        tracking: int = 0,
    ) -> pygame.Surface:
        """Antialiased text (``wraplength`` > 0 wraps at that pixel width).

        ``tracking`` adds that many pixels between letters (for small caps).
        """
        text = "" if text is None else str(text)
        colour = colour if isinstance(colour, str) else tuple(colour)[:4]
        key = (text, _font_key(font), colour, int(wraplength), int(tracking))
        surf = self._surfs.get(key)
        if surf is not None:
            self._surfs.move_to_end(key)
            self.hits += 1
            return surf
        self.misses += 1
        surf = self._render_uncached(text, font, colour, int(wraplength), int(tracking))
        self._surfs[key] = surf
        self._pixels += surf.get_width() * surf.get_height()
        while self._surfs and (
            len(self._surfs) > self.max_entries or self._pixels > self.max_pixels
        ):
            _, old = self._surfs.popitem(last=False)
            self._pixels -= old.get_width() * old.get_height()
        return surf

    @staticmethod
    def _render_uncached(
        text: str, font: pygame.font.Font, colour: tuple, wraplength: int, tracking: int
    ) -> pygame.Surface:
        asked, font = font, font_for(text, font)
        if font is not asked and wraplength <= 0 and "\n" not in text:
            return _devanagari_line(text, asked, font, colour)
        if is_devanagari_font(font):
            tracking = 0  # letter by letter would break the shaping of Devanagari
        if tracking and text and wraplength <= 0 and "\n" not in text:
            glyphs = [font.render(ch, True, colour) for ch in text]
            width = sum(g.get_width() for g in glyphs) + tracking * (len(glyphs) - 1)
            surf = pygame.Surface((max(1, width), font.get_height()), pygame.SRCALPHA)
            x = 0
            for g in glyphs:
                surf.blit(g, (x, 0))
                x += g.get_width() + tracking
            return surf
        try:
            return font.render(text, True, colour, None, max(0, wraplength))
        except pygame.error:
            # e.g. text too wide for SDL_ttf: fall back to an empty line.
            return pygame.Surface((1, font.get_height()), pygame.SRCALPHA)

    def size(
        self, text: str, font: pygame.font.Font, wraplength: int = 0, *, tracking: int = 0
    ) -> tuple[int, int]:
        """Size of the rendered text, without rendering when not wrapped."""
        text = "" if text is None else str(text)
        if wraplength > 0 or tracking:
            return self.render(
                text, font, (255, 255, 255), wraplength, tracking=tracking
            ).get_size()
        key = (text, _font_key(font))
        size = self._sizes.get(key)
        if size is None:
            used = font_for(text, font)
            size = used.size(text)
            if used is not font:
                size = (size[0], font.get_height())  # drawn in the asked font's line
            self._sizes[key] = size
            if len(self._sizes) > self.max_entries * 4:
                self._sizes.popitem(last=False)
        else:
            self._sizes.move_to_end(key)
        return size

    def width(self, text: str, font: pygame.font.Font) -> int:
        return self.size(text, font)[0]


TEXT = TextCache()
"""The shared text cache used by every widget."""


def draw_text(
    surface: pygame.Surface,
    text: str,
    pos: tuple[int, int],
    font: pygame.font.Font,
    colour: Colour,
    align: str = "left",
    wrap: int = 0,
    *,
    cache: TextCache | None = None,
) -> pygame.Rect:
    """Blit cached text; ``pos`` is the top-left / top-centre / top-right anchor
    for ``align`` 'left' / 'center' / 'right'.  Returns the rect drawn."""
    cache = cache or TEXT
    old_align = font.align
    if wrap > 0:
        font.align = {"center": pygame.FONT_CENTER, "right": pygame.FONT_RIGHT}.get(
            align, pygame.FONT_LEFT
        )
    try:
        surf = cache.render(text, font, colour, wrap)
    finally:
        font.align = old_align
    rect = surf.get_rect()
    x, y = int(pos[0]), int(pos[1])
    if align == "center":
        rect.midtop = (x, y)
    elif align == "right":
        rect.topright = (x, y)
    else:
        rect.topleft = (x, y)
    surface.blit(surf, rect)
    return rect


ELLIPSIS = "\u2026"


def fit_text(
    text: str, font: pygame.font.Font, max_width: int, *, cache: TextCache | None = None
) -> str:
    """``text`` if it fits in ``max_width`` pixels, else truncated with an ellipsis."""
    cache = cache or TEXT
    text = "" if text is None else str(text)
    if max_width <= 0:
        return ""
    if cache.width(text, font) <= max_width:
        return text
    if cache.width(ELLIPSIS, font) > max_width:
        return ""
    lo, hi = 0, len(text)  # longest prefix that fits, binary search
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if cache.width(text[:mid].rstrip() + ELLIPSIS, font) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS


# --------------------------------------------------------------------------- panels

PANEL_RADIUS = 8
PANEL_PADDING = 12
_SUPERSAMPLE = 4
_corner_cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()


def _corner_sprite(fill: Colour, border: Colour, r: int) -> pygame.Surface:
    """A 2r x 2r anti-aliased rounded square (supersampled); its quadrants are corners."""
    key = (tuple(fill[:3]), tuple(border[:3]), r)
    surf = _corner_cache.get(key)
    if surf is not None:
        _corner_cache.move_to_end(key)
        return surf
    k = _SUPERSAMPLE
    big = pygame.Surface((2 * r * k, 2 * r * k), pygame.SRCALPHA)
    big.fill((*fill[:3], 0))
    pygame.draw.rect(big, (*border[:3], 255), big.get_rect(), border_radius=r * k)
    if tuple(border[:3]) != tuple(fill[:3]):
        inner = big.get_rect().inflate(-2 * k, -2 * k)
        pygame.draw.rect(big, (*fill[:3], 255), inner, border_radius=max(0, (r - 1) * k))
    surf = pygame.transform.smoothscale(big, (2 * r, 2 * r))
    _corner_cache[key] = surf
    while len(_corner_cache) > 256:
        _corner_cache.popitem(last=False)
    return surf


def rounded_rect(
    surface: pygame.Surface,
    rect: pygame.Rect,
    fill: Colour,
    border: Colour | None = None,
    radius: int = PANEL_RADIUS,
) -> None:
    """Filled rounded rectangle with a 1 px border and anti-aliased corners.

    The interior is a plain fill and only the four corners are blitted, so this
    is cheap at any size (no per-size caching).
    """
    rect = pygame.Rect(rect)
    if rect.w <= 0 or rect.h <= 0:
        return
    border = fill if border is None else border
    x, y, w, h = rect
    r = max(0, min(int(radius), w // 2, h // 2))
    if r <= 1:
        surface.fill(border, rect)
        if w > 2 and h > 2:
            surface.fill(fill, rect.inflate(-2, -2))
        return
    corner = _corner_sprite(fill, border, r)
    # the inside but the corner squares, each pixel filled once (a large panel's fills are
    # most of its redraw)
    surface.fill(fill, (x + r, y + 1, w - 2 * r, h - 2))
    surface.fill(fill, (x + 1, y + r, r - 1, h - 2 * r))
    surface.fill(fill, (x + w - r, y + r, r - 1, h - 2 * r))
    surface.fill(border, (x + r, y, w - 2 * r, 1))
    surface.fill(border, (x + r, y + h - 1, w - 2 * r, 1))
    surface.fill(border, (x, y + r, 1, h - 2 * r))
    surface.fill(border, (x + w - 1, y + r, 1, h - 2 * r))
    surface.blit(corner, (x, y), (0, 0, r, r))
    surface.blit(corner, (x + w - r, y), (r, 0, r, r))
    surface.blit(corner, (x, y + h - r), (0, r, r, r))
    surface.blit(corner, (x + w - r, y + h - r), (r, r, r, r))


def panel_content_rect(
    rect: pygame.Rect, fonts: Fonts | None = None, title: str | None = None
) -> pygame.Rect:
    """The inner area :func:`draw_panel` leaves free for content."""
    rect = pygame.Rect(rect)
    scale = fonts.scale if fonts else 1.0
    pad = int(round(PANEL_PADDING * scale))
    inner = rect.inflate(-2 * pad, -2 * pad)
    if title and fonts is not None:
        head = fonts.get("small", bold=True).get_linesize() + int(round(6 * scale))
        inner.y += head
        inner.h -= head
    inner.w = max(0, inner.w)
    inner.h = max(0, inner.h)
    return inner


def panel_corners(rect: pygame.Rect, fonts: Fonts | None = None) -> list[pygame.Rect]:
    """The squares of `rect` that :func:`draw_panel` leaves partly uncovered (its rounded
    corners): all that a panel's background must provide (it paints over the rest)."""
    rect = pygame.Rect(rect)
    if rect.w <= 2 or rect.h <= 2:
        return [rect]
    scale = fonts.scale if fonts else 1.0
    r = max(0, min(int(round(PANEL_RADIUS * scale)), rect.w // 2, rect.h // 2))
    if r <= 1:
        return []
    x, y, w, h = rect
    return [
        pygame.Rect(cx, cy, r, r)
        for cx, cy in ((x, y), (x + w - r, y), (x, y + h - r), (x + w - r, y + h - r))
    ]


def draw_panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    palette: Palette,
    title: str | None = None,
    fonts: Fonts | None = None,
    *,
    alt: bool = False,
    border: Colour | None = None,
) -> pygame.Rect:
    """Rounded panel with a subtle border and an optional small-caps title.

    Returns the content rect (inside padding, below the title).
    """
    rect = pygame.Rect(rect)
    if rect.w <= 2 or rect.h <= 2:
        return pygame.Rect(rect.x, rect.y, 0, 0)
    scale = fonts.scale if fonts else 1.0
    radius = int(round(PANEL_RADIUS * scale))
    fill = palette.panel_alt if alt else palette.panel
    rounded_rect(surface, rect, fill, border or palette.border, radius)
    if title and fonts is not None:
        pad = int(round(PANEL_PADDING * scale))
        font = fonts.get("small", bold=True)
        tracking = max(1, int(round(scale)))
        title = shown(title)
        label = fit_text(title.upper(), font, rect.w - 2 * pad - tracking * len(title))
        surf = TEXT.render(label, font, palette.text_dim, tracking=tracking)
        surface.blit(surf, (rect.x + pad, rect.y + pad - int(round(2 * scale))))
    return panel_content_rect(rect, fonts, title)
