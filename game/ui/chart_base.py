"""What every chart shares: the cache of rendered layers, axes and number formats, titles.

See `game.ui.charts` for how charts are drawn and cached.
"""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator

import pygame

from game.ui.chart_raster import _hdash
from game.ui.i18n import language, shown
from game.ui.theme import DEFAULT, TEXT, Colour, Fonts, Palette, fit_text

# --------------------------------------------------------------------------- caching

log = logging.getLogger("game.ui.charts")

_LAYER_LIMIT = 96  # cached chart layers ...
_LAYER_PIXELS = 16_000_000  # ... and at most this many pixels (~64 MB) in total
_layers: OrderedDict[tuple, pygame.Surface] = OrderedDict()
_layer_pixels = 0
stats: dict[str, int] = {"renders": 0, "hits": 0}
"""Counters for tests and profiling: layer renders (cache misses) and hits."""

_default_fonts: Fonts | None = None


def _fonts_or_default(fonts: Fonts | None) -> Fonts:
    global _default_fonts
    if fonts is not None:
        return fonts
    if _default_fonts is None:
        _default_fonts = Fonts(1.0)
    return _default_fonts


def clear_cache() -> None:
    global _layer_pixels
    _layers.clear()
    _layer_pixels = 0


def _num(v: object) -> float | None:
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return f if math.isfinite(f) else None


def _freeze(values: object) -> tuple[float | None, ...]:
    """Hashable, NaN-free copy of a sequence of numbers (invalid -> None)."""
    if values is None:
        return ()
    if isinstance(values, (int, float)):
        return (_num(values),)
    try:
        return tuple(_num(v) for v in values)  # type: ignore[union-attr]
    except TypeError:
        return ()


def _colour(c: object, fallback: Colour) -> Colour:
    try:
        r, g, b = (int(x) for x in tuple(c)[:3])  # type: ignore[arg-type]
        return (max(0, min(255, r)), max(0, min(255, g)), max(0, min(255, b)))
    except (TypeError, ValueError):
        try:
            col = pygame.Color(c)  # type: ignore[arg-type]
            return (col.r, col.g, col.b)
        except (TypeError, ValueError):
            return fallback


def _bg_signature(surface: pygame.Surface, rect: pygame.Rect) -> tuple:
    """A few pixels just inside the rect's edges (where charts never draw)."""
    sw, sh = surface.get_size()
    x0, y0, x1, y1 = rect.left, rect.top, rect.right - 1, rect.bottom - 1
    xm, ym = (x0 + x1) // 2, (y0 + y1) // 2
    out = []
    for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1), (xm, y0), (xm, y1), (x0, ym), (x1, ym)):
        if 0 <= x < sw and 0 <= y < sh:
            out.append(tuple(surface.get_at((x, y))))
        else:
            out.append(None)
    return tuple(out)


def _cached_draw(
    surface: pygame.Surface,
    rect: object,
    key: tuple,
    render: Callable[[pygame.Surface, pygame.Rect], None],
    bg: object = None,
) -> pygame.Rect:
    """Draw a chart through the layer cache, at once (see `_cached_steps`)."""
    try:
        rect = pygame.Rect(rect)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return pygame.Rect(0, 0, 0, 0)

    def at_once(layer: pygame.Surface, local: pygame.Rect) -> Iterator[None]:
        render(layer, local)
        yield from ()

    for _ in _cached_steps(surface, rect, key, at_once, bg):
        pass
    return rect


def _cached_steps(
    surface: pygame.Surface,
    rect: object,
    key: tuple,
    render: Callable[[pygame.Surface, pygame.Rect], Iterator[None]],
    bg: object = None,
) -> Iterator[None]:
    """Draw a chart through the layer cache: a cached chart is blitted at once; a new one is
    rendered into a layer by `render`, which yields between its pieces, and so does this (a
    panel drawn over several frames). The layer is cached only once complete. `bg` is the
    chart's background (None: the pixels under it, read from `surface`)."""
    try:
        rect = pygame.Rect(rect)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return
    area = rect.clip(surface.get_clip())
    if rect.w < 2 or rect.h < 2 or area.w <= 0 or area.h <= 0:
        return
    alpha_target = bool(surface.get_flags() & pygame.SRCALPHA)
    if bg is not None:
        bg = _colour(bg, DEFAULT.panel)
        sig: tuple = ("bg", bg)
    else:
        sig = _bg_signature(surface, rect)
    full_key = (key, rect.size, sig, alpha_target, language())  # a chart's words follow it
    layer = _layers.get(full_key)
    if layer is not None:
        _layers.move_to_end(full_key)
        stats["hits"] += 1
    else:
        stats["renders"] += 1
        layer = _new_layer(surface, rect, bg)
        local = layer.get_rect()
        layer.set_clip(local)
        try:
            yield from render(layer, local)
        except Exception:  # noqa: BLE001 - a chart must never take the UI down
            log.exception("chart render failed; drawing nothing (key %.80r)", key)
            layer = _new_layer(surface, rect, bg)
        layer.set_clip(None)
        _store(full_key, layer)
    old_clip = surface.get_clip()
    surface.set_clip(area)
    try:
        surface.blit(layer, rect.topleft)
    finally:
        surface.set_clip(old_clip)


def _store(key: tuple, layer: pygame.Surface) -> None:
    global _layer_pixels
    _layers[key] = layer
    _layer_pixels += layer.get_width() * layer.get_height()
    while len(_layers) > 1 and (len(_layers) > _LAYER_LIMIT or _layer_pixels > _LAYER_PIXELS):
        _, old = _layers.popitem(last=False)
        _layer_pixels -= old.get_width() * old.get_height()


def _new_layer(surface: pygame.Surface, rect: pygame.Rect, bg: Colour | None) -> pygame.Surface:
    if surface.get_flags() & pygame.SRCALPHA:
        layer = pygame.Surface(rect.size, pygame.SRCALPHA)
    else:
        layer = pygame.Surface(rect.size, 0, surface)
    if bg is not None:
        layer.fill(bg)
        return layer
    inside = rect.clip(surface.get_rect())
    if inside.size == rect.size:
        return surface.subsurface(rect).copy()
    layer.fill(
        _colour(surface.get_at(inside.topleft) if inside.w else DEFAULT.panel, DEFAULT.panel)
    )
    if inside.w > 0 and inside.h > 0:
        layer.blit(surface.subsurface(inside), (inside.x - rect.x, inside.y - rect.y))
    return layer


# --------------------------------------------------------------------------- numbers


def nice_ticks(lo: float, hi: float, max_ticks: int = 5) -> list[float]:
    """Round tick values (1/2/2.5/5 x 10^k) covering [lo, hi]."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return []
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        return [lo]
    max_ticks = max(2, int(max_ticks))
    raw = (hi - lo) / (max_ticks - 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = mag * 10
    for m in (0.5, 1, 2, 2.5, 5, 10, 20):
        cand = m * mag
        inside = math.floor(hi / cand + 1e-9) - math.ceil(lo / cand - 1e-9) + 1
        if cand >= raw * 0.5 and inside <= max_ticks:
            step = cand
            break
    first = math.floor(lo / step + 1e-9)
    last = math.ceil(hi / step - 1e-9)
    return [round(k * step, 12) for k in range(first, min(last, first + 50) + 1)]


def _axis(
    lo: float, hi: float, plot_h: float, lh: int, *, fixed: bool = False
) -> tuple[float, float, list[float]]:
    """Value range and tick values for a vertical axis ``plot_h`` pixels tall.

    The data range gets a little headroom and is widened to round tick values
    only when that does not squash the data (e.g. 40..70 never becomes 0..100).
    """
    room = max(1, min(6, int(plot_h // max(1.0, lh * 1.5)) + 1))  # labels that fit
    max_ticks = max(2, room)
    if not fixed:
        pad = (hi - lo) * 0.06
        lo2 = 0.0 if lo >= 0 > lo - pad else lo - pad
        hi2 = hi + pad
    else:
        lo2, hi2 = lo, hi
    ticks = nice_ticks(lo2, hi2, max_ticks)
    if not fixed and len(ticks) >= 2:
        ext_lo, ext_hi = min(lo2, ticks[0]), max(hi2, ticks[-1])
        if ext_hi - ext_lo <= (hi2 - lo2) * 1.35:
            lo2, hi2 = ext_lo, ext_hi
    eps = (hi2 - lo2) * 1e-9
    inside = [t for t in ticks if lo2 - eps <= t <= hi2 + eps]
    if not inside:  # steps too coarse for this range: show the middle-most finer tick
        finer = [t for t in nice_ticks(lo2, hi2, max_ticks * 3) if lo2 - eps <= t <= hi2 + eps]
        mid = (lo2 + hi2) / 2
        inside = sorted(finer, key=lambda t: abs(t - mid))[:1]
    if room >= 2 and len(inside) < 2:  # one tick cannot show a scale: finer steps, or wider
        for mult in (2, 3, 4):
            finer = [
                t for t in nice_ticks(lo2, hi2, max_ticks * mult) if lo2 - eps <= t <= hi2 + eps
            ]
            if len(finer) >= 2:
                inside = finer[:: max(1, math.ceil(len(finer) / room))]
                break
        if len(inside) < 2 and not fixed and len(ticks) >= 2:
            lo2, hi2 = min(lo2, ticks[0]), max(hi2, ticks[-1])
            inside = ticks
    if room < 2 and len(inside) > 1:
        mid = (lo2 + hi2) / 2
        inside = sorted(inside, key=lambda t: abs(t - mid))[:1]
    elif len(inside) > room:  # more labels than fit: every other one
        inside = inside[:: math.ceil(len(inside) / room)]
    return lo2, hi2, inside


def _decimals_for(step: float) -> int:
    if not math.isfinite(step) or step <= 0:
        return 1
    if step >= 1:
        return 0 if abs(step - round(step)) < 1e-9 else 1
    return min(
        4, max(0, -int(math.floor(math.log10(step) + 1e-9)) + (0 if _is_single_digit(step) else 1))
    )


def _is_single_digit(step: float) -> bool:
    mant = step / 10 ** math.floor(math.log10(step))
    return abs(mant - round(mant)) < 1e-6


def format_value(v: float | None, unit: str = "", decimals: int | None = None) -> str:
    """Compact number for axis ticks and labels: 1.2k, 3.4M, 0.25, 71%."""
    if v is None or not math.isfinite(v):
        return "\u2014"
    a = abs(v)
    if a >= 1e9:
        s = f"{v / 1e9:.1f}B"
    elif a >= 1e6:
        s = f"{v / 1e6:.1f}M"
    elif a >= 1e4:
        s = f"{v / 1e3:.0f}k"
    elif decimals is None:
        s = f"{v:.{0 if a >= 100 else 1 if a >= 10 else 2}f}"
        if "." in s:
            s = s.rstrip("0").rstrip(".")
    else:
        s = f"{v:.{decimals}f}"
    if s.startswith("-") and float(s.rstrip("kMB") or 0) == 0:
        s = s[1:]
    s = s.replace(".0B", "B").replace(".0M", "M")
    if unit:
        s = (
            f"{s}{unit}"
            if unit in ("%", "\u00b0", "x", "\u00d7") or len(unit) == 1
            else f"{s} {unit}"
        )
    return s


def _range(
    values: Iterable[float | None], extra: Iterable[float | None] = ()
) -> tuple[float, float] | None:
    finite = [v for v in list(values) + list(extra) if v is not None]
    if not finite:
        return None
    lo, hi = min(finite), max(finite)
    if hi == lo:
        d = abs(lo) * 0.1 or 1.0
        # a flat count or share never gets a negative axis ("-1 killed")
        lo, hi = (max(0.0, lo - d) if lo >= 0 else lo - d), hi + d
    return lo, hi


# --------------------------------------------------------------------------- shared bits


def _scale(fonts: Fonts | None) -> float:
    return fonts.scale if fonts is not None else 1.0


def _no_data(
    surf: pygame.Surface, rect: pygame.Rect, fonts: Fonts, palette: Palette, text: str = "No data"
) -> None:
    font = fonts.get("small", italic=True)
    if rect.h < font.get_height() or rect.w < 20:
        y = rect.centery
        _hdash(surf, palette.grid, rect.left + 2, rect.right - 2, y, 3, 3)
        return
    label = fit_text(shown(text), font, rect.w - 4)
    t = TEXT.render(label, font, palette.text_dim)
    surf.blit(t, t.get_rect(center=rect.center))


def _title(
    surf: pygame.Surface,
    rect: pygame.Rect,
    title: str | None,
    fonts: Fonts,
    palette: Palette,
    right: str | None = None,
) -> int:
    """Draw a chart title (and optional right-aligned note); returns height used."""
    if not title and not right:
        return 0
    font = fonts.get("label", bold=True)
    small = fonts.get("small")
    h = font.get_linesize()
    right_w = 0
    if right:
        rt = TEXT.render(fit_text(shown(right), small, rect.w // 2), small, palette.text_dim)
        right_w = rt.get_width() + 8
        surf.blit(rt, rt.get_rect(bottomright=(rect.right, rect.top + font.get_ascent() + 2)))
    if title:
        t = TEXT.render(fit_text(shown(title), font, rect.w - right_w), font, palette.text)
        surf.blit(t, (rect.left, rect.top))
    return h + int(round(4 * _scale(fonts)))
