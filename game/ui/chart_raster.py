"""Anti-aliased lines for charts and the map: a small numpy rasteriser (exact coverage, round
joins), dashes and dots.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import pygame

from game.ui.theme import Colour

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
    for _ in _fill_between_steps(dest, xs, tops, bots, colour, alpha, 1 << 30):
        pass


def _fill_between_steps(
    dest: pygame.Surface,
    xs: Sequence[float],
    tops: Sequence[float],
    bots: Sequence[float],
    colour: Colour,
    alpha: int,
    columns: int = 160,
) -> Iterator[None]:
    """`_fill_between`, `columns` pixel columns a step (each column's coverage is its own,
    so the picture is the same); yields between the steps."""
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
    rows = np.arange(y0, y1, dtype=np.float64)[None, :]
    for c0 in range(x0, x1, max(1, columns)):
        if c0 > x0:
            yield
        cols = np.arange(c0, min(x1, c0 + columns), dtype=np.float64) + 0.5
        top = np.interp(cols, xs_a, lo)[:, None]
        bot = np.interp(cols, xs_a, hi)[:, None]
        cov = np.clip(np.minimum(rows + 1, bot) - np.maximum(rows, top), 0.0, 1.0)
        _blit_coverage(dest, cov.astype(np.float32), (c0, y0), colour, alpha)


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
