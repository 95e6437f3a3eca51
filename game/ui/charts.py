"""Charts drawn on pygame surfaces: sparkline, line chart, fan charts, bars, ladder.

Every chart function has the shape ``chart(surface, rect, data..., *, options)``
and returns the rect it drew into.  They are safe to call every frame:

* The chart is rendered once into an off-screen *layer* the size of ``rect`` and
  kept in an LRU cache keyed by the inputs (data, colours, fonts, rect size) and
  by a small signature of the pixels underneath (so the layer blends into
  whatever panel it sits on).  A frame where nothing changed is one dict lookup
  and one blit.  Pass ``bg=colour`` to paint a solid background instead of
  picking up the pixels underneath.
* Drawing is clipped to ``rect`` (and to the surface's existing clip).
* Empty / NaN / None / non-numeric input never raises: the chart draws a quiet
  "No data" note (or the valid part of the data).

Lines are anti-aliased with a small numpy rasteriser (exact coverage, round
joins), so the 2 px series lines look smooth at any slope.
"""

from __future__ import annotations

import inspect
import logging
import math
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pygame

from .theme import DEFAULT, TEXT, Colour, Fonts, Palette, blend, fit_text, rounded_rect

__all__ = [
    "sparkline",
    "line_chart",
    "fan_chart",
    "fan_compare",
    "bar_compare",
    "ladder",
    "ladder_colour",
    "export_png",
    "nice_ticks",
    "format_value",
    "clear_cache",
    "stats",
]

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- caching

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
    try:
        rect = pygame.Rect(rect)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return pygame.Rect(0, 0, 0, 0)
    old_clip = surface.get_clip()
    area = rect.clip(old_clip)
    if rect.w < 2 or rect.h < 2 or area.w <= 0 or area.h <= 0:
        return rect
    alpha_target = bool(surface.get_flags() & pygame.SRCALPHA)
    if bg is not None:
        bg = _colour(bg, DEFAULT.panel)
        sig: tuple = ("bg", bg)
    else:
        sig = _bg_signature(surface, rect)
    full_key = (key, rect.size, sig, alpha_target)
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
            render(layer, local)
        except Exception:  # noqa: BLE001 - a chart must never take the UI down
            log.exception("chart render failed; drawing nothing (key %.80r)", key)
            layer = _new_layer(surface, rect, bg)
        layer.set_clip(None)
        _store(full_key, layer)
    surface.set_clip(area)
    try:
        surface.blit(layer, rect.topleft)
    finally:
        surface.set_clip(old_clip)
    return rect


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


# --------------------------------------------------------------------------- raster helpers


_FEW_SEGMENTS = 8  # up to this many segments, one numpy pass per segment is quickest
_TILE = 3  # more are rasterised together, in TILE x TILE pixel tiles, ...
_BATCH = 8192  # ... about this many pixels at a time (small temporaries stay in cache)
_BIG_BOX = 1500  # except segments with boxes this big that tiles would not cut down


def _stroke(
    dest: pygame.Surface,
    polylines: Sequence[Sequence[tuple[float, float]]],
    colour: Colour,
    width: float = 2.0,
    alpha: int = 255,
) -> None:
    """Anti-aliased polylines with round joins/caps (coverage from segment distance).

    A pixel's coverage is ``clamp(r + 0.5 - d, 0, 1)`` for the distance ``d`` to the
    nearest segment (``r = width / 2``); a polyline of one point is a dot.  Drawing is
    clipped to ``dest``'s clip rect.  A few segments are rasterised one at a time, more
    in one vectorised pass (``_cover_tiles``); both give the same coverage.
    """
    polylines = [p for p in polylines if len(p) >= 1]
    if not polylines:
        return
    clip = dest.get_clip()
    r = max(0.35, width / 2.0)
    pad = r + 1.5
    allpts = np.asarray([pt for p in polylines for pt in p], dtype=np.float64)
    bx0 = max(clip.left, int(math.floor(allpts[:, 0].min() - pad)))
    bx1 = min(clip.right, int(math.ceil(allpts[:, 0].max() + pad)))
    by0 = max(clip.top, int(math.floor(allpts[:, 1].min() - pad)))
    by1 = min(clip.bottom, int(math.ceil(allpts[:, 1].max() + pad)))
    if bx1 <= bx0 or by1 <= by0:
        return
    cov: np.ndarray | None
    if len(allpts) - len(polylines) <= _FEW_SEGMENTS and not _long_diagonals(polylines, pad):
        cov = np.zeros((bx1 - bx0, by1 - by0), dtype=np.float32)
        _cover_segments(cov, (bx0, by0), _segments(polylines), r)
    else:
        cov = _cover_tiles(polylines, allpts, (bx0, by0, bx1, by1), r)
    if cov is not None:
        _blit_coverage(dest, cov, (bx0, by0), colour, alpha)


def _long_diagonals(polylines: Sequence[Sequence[tuple[float, float]]], pad: float) -> bool:
    """True if the segments' boxes are much bigger than the strokes (long slanted lines,
    such as a fan chart's band edges over few steps): tiles then do far less work."""
    boxes = band = 0.0
    for ax, ay, bx, by in _segments(polylines):
        w, h = abs(bx - ax), abs(by - ay)
        boxes += (w + 2 * pad) * (h + 2 * pad)
        band += (math.hypot(w, h) + 2 * pad) * 2 * pad
    return boxes > 4 * band + 20_000


def _segments(
    polylines: Iterable[Sequence[tuple[float, float]]],
) -> Iterable[tuple[float, float, float, float]]:
    """(ax, ay, bx, by) for each segment; a polyline of one point is a dot (a == b)."""
    for poly in polylines:
        pts = list(poly)
        pairs = zip(pts[:-1], pts[1:]) if len(pts) > 1 else [(pts[0], pts[0])]
        for (ax, ay), (bx, by) in pairs:
            yield ax, ay, bx, by


def _cover_segments(
    cov: np.ndarray,
    origin: tuple[int, int],
    segments: Iterable[tuple[float, float, float, float]],
    r: float,
) -> None:
    """Max the coverage of ``segments`` into ``cov`` (pixel [0, 0] at ``origin``), one
    segment at a time, each in its own box."""
    bx0, by0 = origin
    cw, ch = cov.shape
    pad = r + 1.5
    # pixel-centre coordinates, sliced per segment (no per-segment arange)
    xs = np.arange(bx0, bx0 + cw, dtype=np.float32) + np.float32(0.5)
    ys = np.arange(by0, by0 + ch, dtype=np.float32) + np.float32(0.5)
    edge = np.float32(r + 0.5)
    for ax, ay, bx, by in segments:
        i0 = max(0, int(min(ax, bx) - pad) - bx0)
        i1 = min(cw, int(max(ax, bx) + pad) + 1 - bx0)
        j0 = max(0, int(min(ay, by) - pad) - by0)
        j1 = min(ch, int(max(ay, by) + pad) + 1 - by0)
        if i1 <= i0 or j1 <= j0:
            continue
        px = xs[i0:i1, None] - np.float32(ax)
        py = ys[None, j0:j1] - np.float32(ay)
        dx, dy = np.float32(bx - ax), np.float32(by - ay)
        l2 = float(dx) ** 2 + float(dy) ** 2
        if l2 > 1e-12:
            t = px * np.float32(dx / l2) + py * np.float32(dy / l2)
            np.maximum(t, 0.0, out=t)
            np.minimum(t, 1.0, out=t)
            d = np.hypot(px - t * dx, py - t * dy)
        else:
            d = np.hypot(px, py)
        c = edge - d
        np.minimum(c, 1.0, out=c)  # negatives are harmless: cov starts at 0
        sub = cov[i0:i1, j0:j1]
        np.maximum(sub, c, out=sub, casting="unsafe")


def _cover_tiles(
    polylines: Sequence[Sequence[tuple[float, float]]],
    allpts: np.ndarray,
    box: tuple[int, int, int, int],
    r: float,
) -> np.ndarray | None:
    """Coverage of ``box`` (x0, y0, x1, y1): ``_cover_segments``, vectorised.

    Each segment is paired with the TILE x TILE pixel tiles its box touches (less the
    ones too far away to be covered); the coverage of all pairs is computed at once as
    (TILE, TILE, pairs) arrays, with the per-pixel float32 maths of the loop, and
    max-scattered into the result.  Long segments whose box is not much bigger than
    the tiles they would need go to ``_cover_segments``.  ``allpts`` is every point of
    ``polylines``, in order.  None if no segment reaches the box.
    """
    bx0, by0, bx1, by1 = box
    cw, ch = bx1 - bx0, by1 - by0
    pad = r + 1.5

    # segments as rows of allpts: each point and the next in its polyline, or a
    # polyline's lone point twice (a dot)
    lens = np.fromiter(map(len, polylines), dtype=np.int64, count=len(polylines))
    last = np.cumsum(lens) - 1
    starts = np.ones(len(allpts), dtype=bool)
    starts[last] = lens == 1
    cur = np.flatnonzero(starts)
    nxt = np.arange(1, len(allpts) + 1)
    nxt[last] = last
    a, b = allpts[cur], allpts[nxt[cur]]

    # each segment's pixel box in cov, computed as the loop does (int() truncates);
    # pixels outside it are more than r + 1 away from the segment.  Clamping to just
    # outside the box first changes no result and keeps huge values out of int64.
    origin = np.array([bx0, by0])
    near_lo, near_hi = origin - 1.0, np.array([bx1 + 1.0, by1 + 1.0])
    lo = np.minimum(np.maximum(np.minimum(a, b) - pad, near_lo), near_hi)
    hi = np.minimum(np.maximum(np.maximum(a, b) + pad, near_lo), near_hi)
    lo = np.maximum(np.trunc(lo).astype(np.int64) - origin, 0)
    hi = np.minimum(np.trunc(hi).astype(np.int64) + 1 - origin, (cw, ch))
    ok = (hi > lo).all(axis=1)
    if not ok.any():
        return None

    # coverage of the box padded to whole tiles, flat and row by row like a surface's
    # pixels (so the final copy into one is fast); cov is its [:cw, :ch] corner
    T = _TILE
    gw, gh = -(-cw // T) * T, -(-ch // T) * T
    flat = np.zeros(gw * gh, dtype=np.float32)
    cov = flat.reshape(gh, gw)[:ch, :cw].T

    # a big box that is not much bigger than the segment's reach (a long segment along
    # an axis) is done fastest on its own
    reach = r + 1.5 + T * 0.7072  # > r + 0.5 + half a tile diagonal, with some slack
    area = (hi - lo).prod(axis=1)
    span = np.sqrt(np.square(b - a).sum(axis=1))
    alone = ok & (area > _BIG_BOX) & (area < 4 * reach * span + 6.3 * reach * reach)
    if alone.any():
        _cover_segments(cov, (bx0, by0), np.hstack((a[alone], b[alone])).tolist(), r)
        ok &= ~alone
        if not ok.any():
            return cov
    if not ok.all():
        a, b, lo, hi = a[ok], b[ok], lo[ok], hi[ok]

    # (segment, tile) pairs: every tile that a segment's box touches
    t0 = lo // T
    nt = (hi - 1) // T - t0 + 1
    counts = nt[:, 0] * nt[:, 1]
    seg = np.repeat(np.arange(len(counts)), counts)
    k = np.arange(len(seg)) - np.repeat(np.cumsum(counts) - counts, counts)
    qx, qy = np.divmod(k, nt[seg, 1])
    tx = t0[seg, 0] + qx
    ty = t0[seg, 1] + qy

    # segment geometry in float32, rounded as the loop rounds it
    a32 = a.astype(np.float32)
    d32 = (b - a).astype(np.float32)
    l2 = np.square(d32, dtype=np.float64).sum(axis=1)
    dot = l2 <= 1e-12
    l2[dot] = 1.0
    kxy = d32 / l2.astype(np.float32)[:, None]  # float32 / float32, as dx / l2 in the loop
    kxy[dot] = 0.0  # t = 0: a dot's distance is the one to its point
    (ax, ay), (dx, dy), (kx, ky) = a32.T, d32.T, kxy.T

    # drop pairs whose tile centre is too far from the segment to cover any tile pixel
    cx = tx * T + ((bx0 + T / 2.0) - a[:, 0])[seg]
    cy = ty * T + ((by0 + T / 2.0) - a[:, 1])[seg]
    t = cx * kx[seg] + cy * ky[seg]
    np.maximum(t, 0.0, out=t)
    np.minimum(t, 1.0, out=t)
    cx -= t * dx[seg]
    cy -= t * dy[seg]
    near = np.flatnonzero(cx * cx + cy * cy < reach * reach)
    seg, tx, ty = seg[near], tx[near], ty[near]

    xs = np.arange(bx0, bx0 + gw, dtype=np.float32) + np.float32(0.5)
    ys = np.arange(by0, by0 + gh, dtype=np.float32) + np.float32(0.5)
    lane = np.arange(T)[:, None]
    offsets = (lane + lane.T * gw)[:, :, None]
    edge = np.float32(r + 0.5)
    step = max(1, _BATCH // (T * T))
    # arrays are (T, T, pairs): the long pairs axis innermost keeps numpy's loops fast
    for s in range(0, len(seg), step):
        g, gx, gy = seg[s : s + step], tx[s : s + step], ty[s : s + step]
        px = (xs[lane + gx * T] - ax[g])[:, None, :]
        py = (ys[lane + gy * T] - ay[g])[None, :, :]
        t = px * kx[g] + py * ky[g]
        np.maximum(t, 0.0, out=t)
        np.minimum(t, 1.0, out=t)
        ex = px - t * dx[g]
        ey = py - t * dy[g]
        # np.hypot(ex, ey), vectorised: float32 hypot is libm's hypotf, which (glibc)
        # rounds the double result just like this, so the bits match the loop's
        dd = np.square(ex, dtype=np.float64)
        dd += np.square(ey, dtype=np.float64)
        c = np.subtract(edge, np.sqrt(dd, out=dd).astype(np.float32), out=ex)
        np.minimum(c, 1.0, out=c)  # negatives are harmless: flat starts at 0
        np.maximum.at(flat, (offsets + (gx * T + gy * (T * gw))).ravel(), c.ravel())
    return cov


def _blit_coverage(
    dest: pygame.Surface, cov: np.ndarray, topleft: tuple[int, int], colour: Colour, alpha: int
) -> None:
    """Blend ``colour`` onto ``dest`` with per-pixel alpha ``cov * alpha``.

    ``cov`` is float32 coverage indexed [x, y]; it is overwritten (used as scratch).
    """
    if cov.size == 0 or not cov.any():
        return
    tmp = pygame.Surface(cov.shape, pygame.SRCALPHA)
    tmp.fill((*colour, 0))
    a = pygame.surfarray.pixels_alpha(tmp)
    # the bytes of np.clip(cov * alpha, 0, 255).astype(np.uint8), without temporaries
    np.multiply(cov, alpha, out=cov)
    np.maximum(cov, 0.0, out=cov)
    np.minimum(cov, 255.0, out=cov)
    a[...] = cov  # truncates, like .astype(np.uint8)
    del a
    dest.blit(tmp, topleft)


def _fill_between(
    dest: pygame.Surface,
    xs: Sequence[float],
    tops: Sequence[float],
    bots: Sequence[float],
    colour: Colour,
    alpha: int,
) -> None:
    """Fill between two piecewise-linear curves over increasing xs (AA vertically)."""
    if len(xs) < 2:
        return
    clip = dest.get_clip()
    xs_a = np.asarray(xs, dtype=np.float64)
    t_a = np.asarray(tops, dtype=np.float64)
    b_a = np.asarray(bots, dtype=np.float64)
    lo = np.minimum(t_a, b_a)
    hi = np.maximum(t_a, b_a)
    x0 = max(clip.left, int(math.floor(xs_a[0])))
    x1 = min(clip.right, int(math.ceil(xs_a[-1])))
    y0 = max(clip.top, int(math.floor(lo.min())))
    y1 = min(clip.bottom, int(math.ceil(hi.max())) + 1)
    if x1 <= x0 or y1 <= y0:
        return
    cols = np.arange(x0, x1, dtype=np.float64) + 0.5
    top = np.interp(cols, xs_a, lo)[:, None]
    bot = np.interp(cols, xs_a, hi)[:, None]
    rows = np.arange(y0, y1, dtype=np.float64)[None, :]
    cov = np.clip(np.minimum(rows + 1, bot) - np.maximum(rows, top), 0.0, 1.0).astype(np.float32)
    _blit_coverage(dest, cov, (x0, y0), colour, alpha)


def _dashes(
    pts: Sequence[tuple[float, float]], dash: float, gap: float
) -> list[list[tuple[float, float]]]:
    """Split a polyline into dash pieces of length ``dash`` separated by ``gap``."""
    out: list[list[tuple[float, float]]] = []
    cur: list[tuple[float, float]] = []
    on = True
    left = dash
    for (ax, ay), (bx, by) in zip(pts[:-1], pts[1:]):
        seg = math.hypot(bx - ax, by - ay)
        pos = 0.0
        if on and not cur:
            cur = [(ax, ay)]
        while seg - pos > 1e-9:
            step = min(left, seg - pos)
            pos += step
            left -= step
            f = pos / seg
            p = (ax + (bx - ax) * f, ay + (by - ay) * f)
            if on:
                cur.append(p)
            if left <= 1e-9:
                if on:
                    out.append(cur)
                    cur = []
                else:
                    cur = [p]
                on = not on
                left = dash if on else gap
    if on and len(cur) > 1:
        out.append(cur)
    return out


def _dash(
    surf: pygame.Surface,
    colour: Colour,
    start: tuple[int, int],
    length: int,
    vertical: bool,
    dash: int,
    gap: int,
    width: int,
) -> None:
    x, y = start
    for k in range(0, max(0, length), dash + gap):
        end = min(k + dash - 1, length)
        a, b = ((x, y + k), (x, y + end)) if vertical else ((x + k, y), (x + end, y))
        pygame.draw.line(surf, colour, a, b, width)


def _hdash(
    surf: pygame.Surface,
    colour: Colour,
    x0: int,
    x1: int,
    y: int,
    dash: int = 5,
    gap: int = 4,
    width: int = 1,
) -> None:
    _dash(surf, colour, (x0, y), x1 - x0, False, dash, gap, width)


def _vdash(
    surf: pygame.Surface,
    colour: Colour,
    x: int,
    y0: int,
    y1: int,
    dash: int = 4,
    gap: int = 4,
    width: int = 1,
) -> None:
    _dash(surf, colour, (x, y0), y1 - y0, True, dash, gap, width)


def _dot(
    surf: pygame.Surface,
    centre: tuple[float, float],
    radius: float,
    colour: Colour,
    ring: Colour | None = None,
) -> None:
    cx, cy = int(round(centre[0])), int(round(centre[1]))
    rad = max(1, int(round(radius)))
    if ring is not None:
        pygame.draw.aacircle(surf, ring, (cx, cy), rad + max(1, rad // 2))
    pygame.draw.aacircle(surf, colour, (cx, cy), rad)


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
    if room < 2 and len(inside) > 1:
        mid = (lo2 + hi2) / 2
        inside = sorted(inside, key=lambda t: abs(t - mid))[:1]
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
        lo, hi = lo - d, hi + d
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
    label = fit_text(text, font, rect.w - 4)
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
        rt = TEXT.render(fit_text(right, small, rect.w // 2), small, palette.text_dim)
        right_w = rt.get_width() + 8
        surf.blit(rt, rt.get_rect(bottomright=(rect.right, rect.top + font.get_ascent() + 2)))
    if title:
        t = TEXT.render(fit_text(title, font, rect.w - right_w), font, palette.text)
        surf.blit(t, (rect.left, rect.top))
    return h + int(round(4 * _scale(fonts)))


# --------------------------------------------------------------------------- sparkline


def sparkline(
    surface: pygame.Surface,
    rect: object,
    values: Sequence[float],
    colour: Colour,
    *,
    target: float | None = None,
    target_colour: Colour | None = None,
    baseline: float | None = None,
    last_n: int = 20,
    width: float | None = None,
    bg: Colour | None = None,
    fonts: Fonts | None = None,
    palette: Palette | None = None,
) -> pygame.Rect:
    """A small line over the last ``last_n`` values with a dot at the end.

    ``target`` draws a dashed horizontal marker; ``baseline`` a faint solid one
    (e.g. the starting value).  Both are included in the vertical range.
    """
    vals = _freeze(values)[-max(1, int(last_n)) :]
    colour = _colour(colour, DEFAULT.accent)
    pal = palette or DEFAULT
    key = (
        "spark",
        vals,
        colour,
        _num(target),
        _colour(target_colour, pal.text_dim) if target_colour is not None else None,
        _num(baseline),
        width,
        pal,
        _fonts_or_default(fonts).key,
    )

    def render(layer: pygame.Surface, r: pygame.Rect) -> None:
        _render_sparkline(
            layer,
            r,
            vals,
            colour,
            _num(target),
            target_colour,
            _num(baseline),
            width,
            _fonts_or_default(fonts),
            pal,
        )

    return _cached_draw(surface, rect, key, render, bg)


def _render_sparkline(
    layer, r, vals, colour, target, target_colour, baseline, width, fonts, pal
) -> None:
    dot_r = max(2.0, min(3.5, r.h / 8))
    lw = width or (1.5 if r.h < 40 else 2.0)
    inner = r.inflate(-2 * int(dot_r + 2), -2 * int(dot_r + 2))
    if inner.w < 4 or inner.h < 2:
        inner = r.inflate(-2, -2)
    finite = [v for v in vals if v is not None]
    if not finite:
        _no_data(layer, r, fonts, pal)
        return
    rng = _range(finite, (target, baseline))
    assert rng is not None
    lo, hi = rng
    n = len(vals)

    def px(i: int) -> float:
        return inner.left + (inner.w * i / (n - 1) if n > 1 else inner.w)

    def py(v: float) -> float:
        return inner.bottom - (v - lo) / (hi - lo) * inner.h

    if baseline is not None:
        y = int(round(py(baseline)))
        pygame.draw.line(layer, blend(pal.grid, pal.border, 0.5), (inner.left, y), (inner.right, y))
    if target is not None:
        tc = _colour(target_colour, pal.text_dim) if target_colour is not None else pal.text_dim
        _hdash(layer, tc, inner.left, inner.right, int(round(py(target))), 3, 3)
    runs: list[list[tuple[float, float]]] = [[]]
    for i, v in enumerate(vals):
        if v is None:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append((px(i), py(v)))
    runs = [run for run in runs if run]
    _stroke(layer, [run for run in runs if len(run) > 1], colour, lw)
    last = runs[-1][-1]
    _dot(layer, last, dot_r, colour)


# --------------------------------------------------------------------------- line chart


def line_chart(
    surface: pygame.Surface,
    rect: object,
    series: Mapping[str, Sequence[float]],
    colours: Mapping[str, Colour],
    *,
    fonts: Fonts,
    palette: Palette,
    y_range: tuple[float, float] | None = None,
    x_labels: Sequence[str] | None = None,
    title: str | None = None,
    targets: Mapping[str, float] | None = None,
    unit: str = "",
    legend: bool = True,
    bg: Colour | None = None,
) -> pygame.Rect:
    """Lines for up to ~12 series of 1-40 points with axes, gridlines and a legend.

    Series share the x axis (index 0 = first point).  ``targets`` maps a series
    name to a dashed target line in that series' colour.  NaN breaks a line; a
    series with one valid point is drawn as a dot.
    """
    fonts = _fonts_or_default(fonts)
    palette = palette or DEFAULT
    try:
        items = [(str(k), _freeze(v)) for k, v in dict(series or {}).items()]
    except (TypeError, ValueError):
        items = []
    cols = []
    fallback = _series_colours(palette)
    for i, (name, _) in enumerate(items):
        c = (colours or {}).get(name) if colours else None
        cols.append(
            _colour(c, fallback[i % len(fallback)])
            if c is not None
            else fallback[i % len(fallback)]
        )
    tg: tuple = ()
    if targets:
        try:
            tg = tuple((str(k), _num(v)) for k, v in dict(targets).items())
        except (TypeError, ValueError):
            tg = ()
    yr = None
    if y_range is not None:
        try:
            a, b = (_num(y_range[0]), _num(y_range[1]))
            if a is not None and b is not None and a != b:
                yr = (min(a, b), max(a, b))
        except (TypeError, IndexError):
            yr = None
    xl = tuple(str(x) for x in x_labels) if x_labels is not None else None
    key = ("line", tuple(items), tuple(cols), tg, yr, xl, title, unit, legend, palette, fonts.key)

    def render(layer: pygame.Surface, r: pygame.Rect) -> None:
        _render_line_chart(
            layer, r, items, cols, dict(tg), yr, xl, title, unit, legend, fonts, palette
        )

    return _cached_draw(surface, rect, key, render, bg)


def _series_colours(p: Palette) -> list[Colour]:
    return [
        p.accent,
        p.india,
        p.us,
        (176, 136, 222),
        p.good,
        p.warn,
        (220, 122, 172),
        p.neutral,
        (120, 204, 232),
        p.bad,
        (170, 190, 110),
        (200, 170, 140),
    ]


def _render_line_chart(
    layer, r, items, cols, targets, yr, xl, title, unit, legend, fonts, pal
) -> None:
    s = fonts.scale
    pad = int(round(6 * s))
    box = r.inflate(-2 * pad, -2 * pad)
    top = box.top + _title(layer, box, title, fonts, pal)
    small = fonts.get("small")
    lh = small.get_linesize()

    # legend (flow layout, wraps to as many rows as needed)
    if legend and items:
        x, y = box.left, top
        sw = int(round(14 * s))
        gap = int(round(14 * s))
        entries = [(name, c, False) for (name, _), c in zip(items, cols)]
        if any(v is not None for _, v in targets.items()):
            entries.append(("target", pal.text_dim, True))
        row_h = lh
        for name, c, dashed in entries:
            label = fit_text(name, small, box.w - sw - 6)
            tw = TEXT.width(label, small)
            need = sw + 6 + tw
            if x > box.left and x + need > box.right:
                x = box.left
                y += row_h
            cy = y + lh // 2
            if dashed:
                _hdash(layer, c, x, x + sw, cy, 3, 3)
            else:
                _stroke(layer, [[(x + 1, cy), (x + sw - 1, cy)]], c, 2.5)
            layer.blit(TEXT.render(label, small, pal.text_dim), (x + sw + 6, y))
            x += need + gap
        top = y + row_h + int(round(4 * s))

    all_vals = [v for _, vals in items for v in vals]
    finite = [v for v in all_vals if v is not None]
    npts = max((len(v) for _, v in items), default=0)
    plot_box = pygame.Rect(box.left, top, box.w, box.bottom - top)
    if not finite or npts == 0:
        _no_data(layer, plot_box, fonts, pal)
        return

    if yr is not None:
        lo, hi = yr
    else:
        rng = _range(finite, (v for v in targets.values()))
        assert rng is not None
        lo, hi = rng
    lo, hi, ticks = _axis(lo, hi, plot_box.h - lh * 1.5 - 4 * s, lh, fixed=yr is not None)
    dec = _decimals_for(ticks[1] - ticks[0]) if len(ticks) >= 2 else None
    tick_labels = [format_value(t, unit, dec) for t in ticks]
    ylab_w = max((TEXT.width(t, small) for t in tick_labels), default=0)

    xlabels = [xl[i] if xl is not None and i < len(xl) else str(i + 1) for i in range(npts)]
    plot = pygame.Rect(
        box.left + ylab_w + int(round(8 * s)),
        top + lh // 2,
        box.w - ylab_w - int(round(8 * s)) - int(round(6 * s)),
        box.bottom - top - lh // 2 - lh - int(round(4 * s)),
    )
    if plot.w < 20 or plot.h < 16:
        plot = plot_box.inflate(-4, -4)
        tick_labels = []
        show_axes = False
    else:
        show_axes = True

    def py(v: float) -> float:
        return plot.bottom - (v - lo) / (hi - lo) * plot.h

    def px(i: int) -> float:
        return plot.left + (plot.w * i / (npts - 1) if npts > 1 else plot.w / 2)

    if show_axes:
        for t, label in zip(ticks, tick_labels):
            y = int(round(py(t)))
            pygame.draw.line(layer, pal.grid, (plot.left, y), (plot.right, y))
            ts = TEXT.render(label, small, pal.text_dim)
            layer.blit(ts, ts.get_rect(midright=(plot.left - int(round(6 * s)), y)))
        pygame.draw.line(layer, pal.border, (plot.left, plot.bottom), (plot.right, plot.bottom))
        # x labels, thinned so they never overlap
        maxw = max(TEXT.width(lbl, small) for lbl in xlabels) + int(round(10 * s))
        every = max(1, math.ceil(maxw * npts / max(1, plot.w + maxw)))
        shown = list(range(0, npts, every))
        if npts - 1 not in shown and npts > 1:
            if shown and (npts - 1 - shown[-1]) * plot.w / max(1, npts - 1) < maxw:
                shown[-1] = npts - 1
            else:
                shown.append(npts - 1)
        for i in shown:
            x = int(round(px(i)))
            pygame.draw.line(
                layer, pal.border, (x, plot.bottom), (x, plot.bottom + int(round(3 * s)))
            )
            ts = TEXT.render(xlabels[i], small, pal.text_dim)
            tr = ts.get_rect(midtop=(x, plot.bottom + int(round(4 * s))))
            tr.clamp_ip(pygame.Rect(r.left, tr.top, r.w, tr.h))
            layer.blit(ts, tr)

    for name, t in targets.items():
        if t is None or not (lo <= t <= hi):
            continue
        idx = next((i for i, (n, _) in enumerate(items) if n == name), None)
        c = cols[idx] if idx is not None else pal.text_dim
        _hdash(layer, blend(c, pal.panel, 0.15), plot.left, plot.right, int(round(py(t))), 6, 4)

    lw = 2.0 * s if len(items) <= 6 else 1.6 * s
    dot_r = 3.0 * s
    for (_, vals), c in zip(items, cols):
        runs: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(vals):
            if v is None:
                if runs[-1]:
                    runs.append([])
                continue
            v = min(hi, max(lo, v))
            runs[-1].append((px(i), py(v)))
        runs = [run for run in runs if run]
        if not runs:
            continue
        _stroke(layer, [run for run in runs if len(run) > 1], c, lw)
        for run in runs:
            if len(run) == 1:
                _dot(layer, run[0], dot_r, c)
        _dot(layer, runs[-1][-1], dot_r, c)


# --------------------------------------------------------------------------- fan chart


def _band(b: object) -> tuple[float, float, float] | None:
    try:
        vals = [_num(x) for x in b]  # type: ignore[union-attr]
    except TypeError:
        return None
    if len(vals) != 3 or any(v is None for v in vals):
        return None
    lo, mid, hi = sorted(vals)  # type: ignore[type-var]
    return (lo, mid, hi)  # type: ignore[return-value]


def fan_chart(
    surface: pygame.Surface,
    rect: object,
    history: Sequence[float],
    bands: Sequence[tuple[float, float, float]],
    *,
    fonts: Fonts,
    palette: Palette,
    colour: Colour,
    label: str | None = None,
    unit: str = "",
    bg: Colour | None = None,
) -> pygame.Rect:
    """History as a solid line, then the forecast as a shaded p10-p90 band with
    the p50 line, continuing from the last history point.

    ``bands`` is one ``(p10, p50, p90)`` per future step.
    """
    fonts = _fonts_or_default(fonts)
    palette = palette or DEFAULT
    hist = _freeze(history)
    bnds: list[tuple[float, float, float]] = []
    try:
        for b in bands or ():
            bb = _band(b)
            if bb is None:
                break  # forecast ends at the first invalid step
            bnds.append(bb)
    except TypeError:
        bnds = []
    colour = _colour(colour, palette.accent)
    key = ("fan", hist, tuple(bnds), colour, label, unit, palette, fonts.key)

    def render(layer: pygame.Surface, r: pygame.Rect) -> None:
        _render_fan(layer, r, hist, bnds, colour, label, unit, fonts, palette)

    return _cached_draw(surface, rect, key, render, bg)


def _render_fan(layer, r, hist, bnds, colour, label, unit, fonts, pal) -> None:
    s = fonts.scale
    pad = int(round(6 * s))
    box = r.inflate(-2 * pad, -2 * pad)
    small = fonts.get("small")
    lh = small.get_linesize()
    # trailing history values that are invalid are dropped so the fan can attach
    h_vals = list(hist)
    while h_vals and h_vals[-1] is None:
        h_vals.pop()
    finite_h = [v for v in h_vals if v is not None]
    note = None
    if bnds:
        lo_e, mid_e, hi_e = bnds[-1]
        note = (
            f"{format_value(mid_e, unit)}  ({format_value(lo_e)}\u2013{format_value(hi_e, unit)})"
        )
    elif finite_h:
        note = format_value(finite_h[-1], unit)
    top = box.top + _title(layer, box, label, fonts, pal, right=note)
    plot_box = pygame.Rect(box.left, top, box.w, box.bottom - top)
    if not finite_h and not bnds:
        _no_data(layer, plot_box, fonts, pal)
        return
    rng = _range(finite_h + [b[0] for b in bnds] + [b[2] for b in bnds])
    assert rng is not None
    lo, hi = rng
    lo, hi, ticks = _axis(lo, hi, plot_box.h - lh * 1.5 - 4 * s, lh)
    dec = _decimals_for(ticks[1] - ticks[0]) if len(ticks) >= 2 else None
    tick_labels = [format_value(t, unit if len(unit) <= 1 else "", dec) for t in ticks]
    ylab_w = max((TEXT.width(t, small) for t in tick_labels), default=0)
    plot = pygame.Rect(
        box.left + ylab_w + int(round(8 * s)),
        top + lh // 2,
        box.w - ylab_w - int(round(14 * s)),
        box.bottom - top - lh // 2 - lh - int(round(4 * s)),
    )
    axes = plot.w >= 20 and plot.h >= 16
    if not axes:
        plot = plot_box.inflate(-4, -4)

    nh = len(h_vals)
    anchor = nh - 1 if finite_h else -1  # x index the forecast starts from
    # number of x steps: history up to the anchor, then one per forecast step
    steps = (anchor + len(bnds)) if anchor >= 0 else len(bnds) - 1

    def px(i: float) -> float:
        return plot.left + plot.w * i / steps if steps > 0 else plot.centerx

    def py(v: float) -> float:
        return plot.bottom - (v - lo) / (hi - lo) * plot.h

    if axes:
        for t, lbl in zip(ticks, tick_labels):
            y = int(round(py(t)))
            pygame.draw.line(layer, pal.grid, (plot.left, y), (plot.right, y))
            ts = TEXT.render(lbl, small, pal.text_dim)
            layer.blit(ts, ts.get_rect(midright=(plot.left - int(round(6 * s)), y)))
        pygame.draw.line(layer, pal.border, (plot.left, plot.bottom), (plot.right, plot.bottom))

    lw = 2.0 * s
    # forecast band
    if bnds:
        if anchor >= 0:
            a_v = h_vals[anchor]
            xs = [px(anchor)] + [px(anchor + 1 + i) for i in range(len(bnds))]
            p10 = [a_v] + [b[0] for b in bnds]
            p50 = [a_v] + [b[1] for b in bnds]
            p90 = [a_v] + [b[2] for b in bnds]
        else:
            xs = [px(i) for i in range(len(bnds))]
            p10 = [b[0] for b in bnds]
            p50 = [b[1] for b in bnds]
            p90 = [b[2] for b in bnds]
        if len(xs) >= 2:
            _fill_between(layer, xs, [py(v) for v in p90], [py(v) for v in p10], colour, 56)
            _stroke(
                layer,
                [list(zip(xs, (py(v) for v in p90))), list(zip(xs, (py(v) for v in p10)))],
                colour,
                1.0,
                110,
            )
            _stroke(layer, _dashes(list(zip(xs, (py(v) for v in p50))), 6 * s, 4 * s), colour, lw)
        else:  # a single forecast step and no history: a vertical range marker
            x = xs[0]
            _stroke(layer, [[(x, py(p10[0])), (x, py(p90[0]))]], colour, 5 * s, 90)
        _dot(layer, (xs[-1], py(p50[-1])), 3 * s, colour)
        if axes and anchor >= 0:
            x = int(round(px(anchor)))
            _vdash(layer, pal.border, x, plot.top, plot.bottom, 3, 3)
            ts = TEXT.render("now", small, pal.text_dim)
            layer.blit(ts, ts.get_rect(midtop=(x, plot.bottom + int(round(4 * s)))))
            ts2 = TEXT.render(f"+{len(bnds)}", small, pal.text_dim)
            layer.blit(ts2, ts2.get_rect(topright=(plot.right, plot.bottom + int(round(4 * s)))))
    # history
    runs: list[list[tuple[float, float]]] = [[]]
    for i, v in enumerate(h_vals):
        if v is None:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append((px(i), py(v)))
    runs = [run for run in runs if run]
    _stroke(layer, [run for run in runs if len(run) > 1], colour, lw)
    for run in runs:
        if len(run) == 1:
            _dot(layer, run[0], 3 * s, colour)
    if runs:
        _dot(layer, runs[-1][-1], 3.5 * s, pal.text)


# --------------------------------------------------------------------------- fan compare


def fan_compare(
    surface: pygame.Surface,
    rect: object,
    options: Sequence[tuple[str, tuple[float, float, float]]],
    current: float,
    *,
    fonts: Fonts,
    palette: Palette,
    colour: Colour | None = None,
    unit: str = "",
    higher_is_better: bool | None = None,
    title: str | None = None,
    bg: Colour | None = None,
) -> pygame.Rect:
    """One row per option: its p10-p90 range as a bar, a p50 tick and value, and
    the current value as a vertical line across all rows.

    With ``higher_is_better`` set, bars are coloured good/bad by whether the p50
    beats ``current``; otherwise all use ``colour`` (default accent).
    """
    fonts = _fonts_or_default(fonts)
    palette = palette or DEFAULT
    opts: list[tuple[str, tuple[float, float, float] | None]] = []
    try:
        for item in options or ():
            name, b = item
            opts.append((str(name), _band(b)))
    except (TypeError, ValueError):
        opts = []
    col = _colour(colour, palette.accent) if colour is not None else None
    key = (
        "fancmp",
        tuple(opts),
        _num(current),
        col,
        unit,
        higher_is_better,
        title,
        palette,
        fonts.key,
    )

    def render(layer: pygame.Surface, r: pygame.Rect) -> None:
        _render_fan_compare(
            layer, r, opts, _num(current), col, unit, higher_is_better, title, fonts, palette
        )

    return _cached_draw(surface, rect, key, render, bg)


def _render_fan_compare(layer, r, opts, current, col, unit, hib, title, fonts, pal) -> None:
    s = fonts.scale
    pad = int(round(6 * s))
    box = r.inflate(-2 * pad, -2 * pad)
    top = box.top + _title(layer, box, title, fonts, pal)
    small = fonts.get("small")
    body = fonts.get("label")
    lh = small.get_linesize()
    valid = [b for _, b in opts if b is not None]
    area = pygame.Rect(box.left, top, box.w, box.bottom - top)
    if not opts or (not valid and current is None):
        _no_data(layer, area, fonts, pal)
        return
    rng = _range([v for b in valid for v in (b[0], b[2])], (current,))
    assert rng is not None
    lo, hi = rng
    span = hi - lo
    lo, hi = lo - span * 0.06, hi + span * 0.06

    label_w = min(int(box.w * 0.36), max(TEXT.width(n, body) for n, _ in opts) + int(round(10 * s)))
    val_strs = [format_value(b[1], unit) if b else "\u2014" for _, b in opts]
    val_w = max(TEXT.width(v, small) for v in val_strs) + int(round(10 * s))
    bar_area = pygame.Rect(box.left + label_w, area.top + lh, box.w - label_w - val_w, area.h - lh)
    if bar_area.w < 20 or bar_area.h < 6:
        _no_data(layer, area, fonts, pal, "Too small")
        return
    n = len(opts)
    row_h = min(bar_area.h / n, max(lh * 1.9, 10))
    bar_h = max(4, int(row_h * 0.42))

    def px(v: float) -> float:
        return bar_area.left + (v - lo) / (hi - lo) * bar_area.w

    for i, (name, b) in enumerate(opts):
        cy = int(round(bar_area.top + row_h * (i + 0.5)))
        label = fit_text(name, body, label_w - int(round(10 * s)))
        ts = TEXT.render(label, body, pal.text)
        layer.blit(ts, ts.get_rect(midleft=(box.left, cy)))
        track = pygame.Rect(bar_area.left, cy - 1, bar_area.w, 2)
        layer.fill(pal.grid, track)
        vs = TEXT.render(val_strs[i], small, pal.text if b else pal.text_dim)
        layer.blit(vs, vs.get_rect(midright=(box.right, cy)))
        if b is None:
            continue
        if hib is not None and current is not None:
            better = b[1] > current if hib else b[1] < current
            c = pal.good if better else (pal.neutral if b[1] == current else pal.bad)
        else:
            c = col or pal.accent
        x0, x1 = px(b[0]), px(b[2])
        bw = max(bar_h, int(round(x1 - x0)))
        bar = pygame.Rect(int(round(x0)), cy - bar_h // 2, bw, bar_h)
        if bar.right > bar_area.right:
            bar.right = bar_area.right
        rounded_rect(layer, bar, blend(pal.panel, c, 0.42), blend(pal.panel, c, 0.7), bar_h // 2)
        xm = int(round(px(b[1])))
        tick_h = bar_h + int(round(6 * s))
        pygame.draw.line(
            layer, c, (xm, cy - tick_h // 2), (xm, cy + tick_h // 2), max(2, int(round(2 * s)))
        )

    if current is not None:
        x = int(round(px(current)))
        y0 = int(bar_area.top)
        y1 = int(round(bar_area.top + row_h * n))
        _vdash(layer, pal.text_dim, x, y0 + int(lh * 0.2), y1, 3, 3)
        ts = TEXT.render(f"now {format_value(current, unit)}", small, pal.text_dim)
        tr = ts.get_rect(midbottom=(x, y0 + int(lh * 0.15)))
        tr.clamp_ip(
            pygame.Rect(bar_area.left - label_w // 2, tr.top, bar_area.w + label_w // 2, tr.h)
        )
        layer.blit(ts, tr)


# --------------------------------------------------------------------------- bars


def bar_compare(
    surface: pygame.Surface,
    rect: object,
    items: Sequence[tuple[str, float]] | Mapping[str, float],
    *,
    fonts: Fonts,
    palette: Palette,
    colour: Colour | None = None,
    max_value: float = 1.0,
    unit: str = "%",
    graded: bool = False,
    title: str | None = None,
    bg: Colour | None = None,
) -> pygame.Rect:
    """Small horizontal bars with labels, e.g. ``[("Objective met", 0.71)]``.

    Values are fractions of ``max_value``; with ``unit='%'`` they are shown as
    percentages of it.  ``graded`` colours bars bad/warn/good at <40%/<70%/>=70%.
    """
    fonts = _fonts_or_default(fonts)
    palette = palette or DEFAULT
    try:
        pairs = list(items.items()) if isinstance(items, Mapping) else list(items or ())
        its = tuple((str(n), _num(v)) for n, v in pairs)
    except (TypeError, ValueError):
        its = ()
    mv = _num(max_value) or 1.0
    col = _colour(colour, palette.accent) if colour is not None else None
    key = ("bars", its, mv, col, unit, graded, title, palette, fonts.key)

    def render(layer: pygame.Surface, r: pygame.Rect) -> None:
        _render_bars(layer, r, its, mv, col, unit, graded, title, fonts, palette)

    return _cached_draw(surface, rect, key, render, bg)


def _render_bars(layer, r, its, mv, col, unit, graded, title, fonts, pal) -> None:
    s = fonts.scale
    pad = int(round(6 * s))
    box = r.inflate(-2 * pad, -2 * pad)
    top = box.top + _title(layer, box, title, fonts, pal)
    area = pygame.Rect(box.left, top, box.w, box.bottom - top)
    body = fonts.get("label")
    small = fonts.get("small", bold=True)
    if not its:
        _no_data(layer, area, fonts, pal)
        return

    def fmt(v: float | None) -> str:
        if v is None:
            return "\u2014"
        if unit == "%":
            return f"{100 * v / mv:.0f}%"
        return format_value(v, unit)

    vals = [fmt(v) for _, v in its]
    label_w = min(int(area.w * 0.45), max(TEXT.width(n, body) for n, _ in its) + int(round(12 * s)))
    val_w = max(TEXT.width(v, small) for v in vals) + int(round(10 * s))
    n = len(its)
    row_h = min(area.h / n, body.get_linesize() * 1.7)
    bar_h = max(4, int(round(min(row_h * 0.38, 10 * s))))
    track_w = area.w - label_w - val_w
    for i, (name, v) in enumerate(its):
        cy = int(round(area.top + row_h * (i + 0.5)))
        ts = TEXT.render(fit_text(name, body, label_w - int(round(10 * s))), body, pal.text)
        layer.blit(ts, ts.get_rect(midleft=(area.left, cy)))
        vs = TEXT.render(vals[i], small, pal.text if v is not None else pal.text_dim)
        layer.blit(vs, vs.get_rect(midright=(area.right, cy)))
        if track_w < 10:
            continue
        track = pygame.Rect(area.left + label_w, cy - bar_h // 2, track_w, bar_h)
        rounded_rect(layer, track, pal.panel_alt, None, bar_h // 2)
        if v is None:
            continue
        frac = min(1.0, max(0.0, v / mv))
        if graded:
            c = pal.bad if frac < 0.4 else pal.warn if frac < 0.7 else pal.good
        else:
            c = col or pal.accent
        w = int(round(track_w * frac))
        if w >= 1:
            fill = pygame.Rect(track.left, track.top, max(w, bar_h), bar_h)
            fill.width = min(fill.width, track.width)
            rounded_rect(layer, fill, c, None, bar_h // 2)


# --------------------------------------------------------------------------- ladder


def ladder(
    surface: pygame.Surface,
    rect: object,
    rungs: Sequence[str],
    current: int,
    *,
    fonts: Fonts,
    palette: Palette,
    title: str | None = None,
    bg: Colour | None = None,
) -> pygame.Rect:
    """Escalation ladder: rungs stacked from calm (bottom, ``rungs[0]``) to severe
    (top).  Rungs below the current one are filled, the current one is
    highlighted (accent at the calm bottom, warn in the lower half, bad in the
    upper half) with a marker; rungs above are outlined.
    """
    fonts = _fonts_or_default(fonts)
    palette = palette or DEFAULT
    try:
        rs = tuple(str(x) for x in (rungs or ()))
    except TypeError:
        rs = ()
    cur_f = _num(current)
    cur = int(cur_f) if cur_f is not None else -1
    if rs:
        cur = min(len(rs) - 1, max(-1, cur))
    key = ("ladder", rs, cur, title, palette, fonts.key)

    def render(layer: pygame.Surface, r: pygame.Rect) -> None:
        _render_ladder(layer, r, rs, cur, title, fonts, palette)

    return _cached_draw(surface, rect, key, render, bg)


def ladder_colour(index: int, count: int, palette: Palette) -> Colour:
    """Highlight colour for rung ``index`` of ``count`` (see :func:`ladder`)."""
    if index <= 0 or count <= 1:
        return palette.accent
    frac = index / (count - 1)
    return palette.warn if frac < 0.5 else palette.bad


def _render_ladder(layer, r, rs, cur, title, fonts, pal) -> None:
    s = fonts.scale
    pad = int(round(6 * s))
    box = r.inflate(-2 * pad, -2 * pad)
    top = box.top + _title(layer, box, title, fonts, pal)
    area = pygame.Rect(box.left, top, box.w, box.bottom - top)
    if not rs or area.h < 6 or area.w < 16:
        _no_data(layer, area, fonts, pal)
        return
    n = len(rs)
    gap = max(1, int(round(3 * s))) if area.h / n > 10 else 1
    seg_h = (area.h - gap * (n - 1)) / n
    seg_h = min(seg_h, fonts.get("label").get_linesize() * 2.0)
    base = area.bottom - (area.h - (seg_h * n + gap * (n - 1))) / 2  # centred vertically
    if seg_h < 2:
        _no_data(layer, area, fonts, pal, "Too small")
        return
    marker_w = int(round(10 * s))
    bars = pygame.Rect(area.left + marker_w, area.top, area.w - marker_w, area.h)
    body = fonts.get("label")
    bold = fonts.get("label", bold=True)
    small = fonts.get("small")
    if seg_h < body.get_linesize() * 0.9:
        body, bold = small, fonts.get("small", bold=True)
    show_labels = seg_h >= body.get_height() * 0.75
    radius = int(min(5 * s, seg_h / 2))
    strip_w = max(3, int(round(4 * s)))
    for i, name in enumerate(rs):
        y0 = base - (i + 1) * seg_h - i * gap
        seg = pygame.Rect(bars.left, int(round(y0)), bars.w, max(2, int(round(seg_h))))
        sev = pal.severity(i / (n - 1) if n > 1 else 0.0)
        if i == cur:
            c = ladder_colour(i, n, pal)
            fill, border, tcol, font = blend(pal.panel, c, 0.3), c, pal.text, bold
        elif i < cur:
            fill, border, tcol, font = (
                pal.panel_alt,
                blend(pal.panel_alt, pal.border, 0.6),
                pal.text_dim,
                body,
            )
        else:
            fill, border, tcol, font = (
                pal.panel,
                pal.grid,
                blend(pal.text_dim, pal.panel, 0.25),
                body,
            )
        rounded_rect(layer, seg, fill, border, radius)
        strip_c = sev if i <= cur else blend(pal.panel, sev, 0.45)
        strip = pygame.Rect(seg.left + 1, seg.top + 1, strip_w, seg.h - 2)
        if strip.h > 0:
            rounded_rect(layer, strip, strip_c, None, min(radius, strip_w // 2))
        if show_labels or i == cur:
            num = TEXT.render(str(i), small, pal.text_dim if i != cur else tcol)
            tx = seg.left + strip_w + int(round(8 * s))
            room = seg.w - (tx - seg.left) - num.get_width() - int(round(12 * s))
            label = fit_text(name, font, room)
            ts = TEXT.render(label, font, tcol)
            layer.blit(ts, ts.get_rect(midleft=(tx, seg.centery)))
            layer.blit(num, num.get_rect(midright=(seg.right - int(round(8 * s)), seg.centery)))
        if i == cur:
            cy = seg.centery
            tri_h = max(4.0, min(seg_h * 0.5, 8 * s))
            tip = (area.left + marker_w - 3 * s, cy)
            pts = [(area.left + 1, cy - tri_h / 2), tip, (area.left + 1, cy + tri_h / 2)]
            pygame.draw.polygon(layer, ladder_colour(i, n, pal), pts)
            pygame.draw.aalines(layer, ladder_colour(i, n, pal), True, pts)


# --------------------------------------------------------------------------- export


def export_png(
    draw_fn: Callable[..., object],
    size: tuple[int, int],
    path: str | Path,
    *,
    background: Colour | None = None,
) -> Path:
    """Render ``draw_fn(surface, rect)`` (or ``draw_fn(surface)``) onto an
    off-screen surface of ``size`` filled with ``background`` (default: panel
    colour) and save it as PNG.  Works without a display."""
    if not pygame.font.get_init():
        pygame.font.init()
    w, h = max(1, int(size[0])), max(1, int(size[1]))
    surf = pygame.Surface((w, h))
    surf.fill(_colour(background, DEFAULT.panel) if background is not None else DEFAULT.panel)
    try:
        nparams = len(inspect.signature(draw_fn).parameters)
    except (TypeError, ValueError):
        nparams = 2
    if nparams >= 2:
        draw_fn(surf, surf.get_rect())
    else:
        draw_fn(surf)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surf, str(path))
    return path


def init_offscreen() -> None:
    """Make charts drawable without a window (reports, image export): fonts only."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    if not pygame.font.get_init():
        pygame.font.init()
