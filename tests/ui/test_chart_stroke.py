"""chart_raster._stroke (vectorised) draws the same pixels as the original per-segment loop.

``_reference_stroke`` / ``_reference_blit_coverage`` are verbatim copies of the original
implementation; every case is drawn by both onto identical surfaces and compared.
"""

from __future__ import annotations

import math

import numpy as np
import pygame
import pytest

from game.ui import chart_raster, charts, theme

W, H = 160, 100
CLIP = pygame.Rect(12, 9, 130, 70)
WIDTHS = (1.0, 2.5, 5.0)
ALPHAS = (90, 255)
COLOUR = (230, 140, 40)


# --------------------------------------------------------------------------- reference


def _reference_blit_coverage(dest, cov, topleft, colour, alpha) -> None:
    if cov.size == 0 or not cov.any():
        return
    tmp = pygame.Surface(cov.shape, pygame.SRCALPHA)
    tmp.fill((*colour, 0))
    a = pygame.surfarray.pixels_alpha(tmp)
    a[...] = np.clip(cov * alpha, 0, 255).astype(np.uint8)
    del a
    dest.blit(tmp, topleft)


def _reference_stroke(dest, polylines, colour, width=2.0, alpha=255) -> None:
    """Anti-aliased polylines with round joins/caps (coverage from segment distance)."""
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
    cov = np.zeros((bx1 - bx0, by1 - by0), dtype=np.float32)
    # pixel-centre coordinates, sliced per segment (no per-segment arange)
    xs = np.arange(bx0, bx1, dtype=np.float32) + np.float32(0.5)
    ys = np.arange(by0, by1, dtype=np.float32) + np.float32(0.5)
    edge = np.float32(r + 0.5)
    for poly in polylines:
        pts = list(poly)
        pairs = zip(pts[:-1], pts[1:]) if len(pts) > 1 else [(pts[0], pts[0])]
        for (ax, ay), (bx, by) in pairs:
            i0 = max(0, int(min(ax, bx) - pad) - bx0)
            i1 = min(bx1 - bx0, int(max(ax, bx) + pad) + 1 - bx0)
            j0 = max(0, int(min(ay, by) - pad) - by0)
            j1 = min(by1 - by0, int(max(ay, by) + pad) + 1 - by0)
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
    _reference_blit_coverage(dest, cov, (bx0, by0), colour, alpha)


# --------------------------------------------------------------------------- cases


def _pts(arr: np.ndarray) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in arr]


def _dashes(rng: np.random.Generator) -> list:
    """~100 short dashes of 2-3 points (like a dashed p50 line), some off the surface."""
    out = []
    for _ in range(100):
        start = rng.uniform((-8, -8), (W + 8, H + 8))
        ang = rng.uniform(0, 2 * math.pi)
        n = int(rng.integers(2, 4))
        steps = rng.uniform(1.0, 3.5, n - 1)[:, None] * [math.cos(ang), math.sin(ang)]
        out.append(_pts(np.vstack([start, start + np.cumsum(steps, axis=0)])))
    return out


def _long_lines(rng: np.random.Generator) -> list:
    """Diagonals across (and beyond) the surface."""
    return [
        [(-20.0, -15.0), (W + 25.0, H + 10.0)],
        [(3.3, H - 2.7), (W - 4.1, 1.9)],
        _pts(rng.uniform((-30, -30), (W + 30, H + 30), (2, 2))),
        _pts(rng.uniform((0, 0), (W, H), (3, 2))),
    ]


def _axis_aligned(rng: np.random.Generator) -> list:
    """Horizontal and vertical lines, on integer and half-integer coordinates."""
    return [
        [(5.0, 20.0), (150.0, 20.0)],
        [(5.0, 40.5), (150.0, 40.5)],
        [(30.0, 3.0), (30.0, 95.0)],
        [(60.5, -10.0), (60.5, 120.0)],
        [(80.25, 50.0), (80.25, 60.0), (120.0, 60.0), (120.0, 50.0)],
        [(100.0, 70.0), (100.0, 70.0)],  # zero-length segment
    ]


def _dots(rng: np.random.Generator) -> list:
    """Single points (incl. some off the surface) and zero-length segments."""
    pts = rng.uniform((-5, -5), (W + 5, H + 5), (24, 2))
    out: list = [[p] for p in _pts(pts[:16])]
    out += [[p, p] for p in _pts(pts[16:20])]
    out += [[p, p, p] for p in _pts(pts[20:])]
    return out


def _walk(rng: np.random.Generator) -> list:
    """A history-like polyline of 60 points plus a sharp zig-zag (round joins)."""
    xs = np.linspace(4, W - 4, 60)
    ys = H / 2 + np.cumsum(rng.normal(0, 4, 60))
    zig = [(20.0 + 6 * i, 70.0 + (12.0 if i % 2 else 0.0)) for i in range(12)]
    return [_pts(np.column_stack([xs, ys])), zig]


def _outside(rng: np.random.Generator) -> list:
    """Polylines partly and wholly outside the clip rect and the surface."""
    return [
        [(-40.0, 30.0), (20.0, 35.0), (W + 40.0, 40.0)],
        [(W - 10.0, -30.0), (W + 30.0, H + 30.0)],
        [(-50.0, -50.0), (-10.0, -20.0)],  # wholly off the surface
        [(W + 5.0, 10.0), (W + 60.0, 80.0)],
        [(5.0, 5.0), (14.0, 11.0)],  # crosses the clip rect's corner
        _pts(rng.uniform((-60, -60), (W + 60, H + 60), (30, 2))),
        [(1e7, 5.0), (-1e7, 6.0)],  # huge coordinates
    ]


def _few(rng: np.random.Generator) -> list:
    """A few segments (the per-segment path, unless forced otherwise)."""
    return [_pts(rng.uniform((0, 0), (W, H), (4, 2))), [(70.0, 30.0)]]


def _mixed(rng: np.random.Generator) -> list:
    """All of the above, with one polyline as an (n, 2) numpy array."""
    out = _dashes(rng)[:25] + _long_lines(rng) + _dots(rng)[:8] + _walk(rng)
    out.append(rng.uniform((0, 0), (W, H), (12, 2)))
    out.append([])  # an empty polyline is skipped
    return out


CASES = {
    "dashes": _dashes,
    "long_lines": _long_lines,
    "axis_aligned": _axis_aligned,
    "dots": _dots,
    "walk": _walk,
    "outside": _outside,
    "few": _few,
    "mixed": _mixed,
}


def _surface(srcalpha: bool, seed: int) -> pygame.Surface:
    """A surface with noisy pixels (and alpha), so any blending difference shows."""
    rng = np.random.default_rng(seed)
    if srcalpha:
        surf = pygame.Surface((W, H), pygame.SRCALPHA)
    else:
        surf = pygame.Surface((W, H))
    pygame.surfarray.blit_array(surf, rng.integers(0, 256, (W, H, 3)).astype(np.uint8) // 2)
    if srcalpha:
        a = pygame.surfarray.pixels_alpha(surf)
        a[...] = rng.integers(0, 256, (W, H)).astype(np.uint8)
        del a
    return surf


def _pixels(surf: pygame.Surface) -> np.ndarray:
    px = pygame.surfarray.array3d(surf).astype(np.int16)
    if surf.get_flags() & pygame.SRCALPHA:
        px = np.dstack([px, pygame.surfarray.array_alpha(surf).astype(np.int16)])
    return px


_reference_cache: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}


def _draw_both(case, polylines, width, alpha, srcalpha, clip, seed=1):
    """Pixels before, drawn by the reference (cached: the same for every path) and new."""
    key = (case, width, alpha, srcalpha, clip and tuple(clip), seed)
    if key not in _reference_cache:
        ref = _surface(srcalpha, seed)
        before = _pixels(ref)
        ref.set_clip(clip)
        _reference_stroke(ref, polylines, COLOUR, width, alpha)
        _reference_cache[key] = before, _pixels(ref)
    new = _surface(srcalpha, seed)
    new.set_clip(clip)
    chart_raster._stroke(new, polylines, COLOUR, width, alpha)
    return (*_reference_cache[key], _pixels(new))


# --------------------------------------------------------------------------- tests


@pytest.fixture(params=["auto", "tiles", "split"])
def path(request, monkeypatch, screen):
    """'auto': _stroke picks the path; 'tiles': the vectorised path even for 1 segment;
    'split': that too, but long segments along an axis (even on this small surface)
    are done one at a time into the same coverage."""
    if request.param != "auto":
        monkeypatch.setattr(chart_raster, "_FEW_SEGMENTS", -1)
    if request.param == "split":
        monkeypatch.setattr(chart_raster, "_BIG_BOX", 150)
    return request.param


@pytest.mark.parametrize("srcalpha", [False, True], ids=["opaque", "srcalpha"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_stroke_matches_reference(case: str, srcalpha: bool, path: str) -> None:
    polylines = CASES[case](np.random.default_rng(sorted(CASES).index(case) + 7))
    for wi, width in enumerate(WIDTHS):
        for ai, alpha in enumerate(ALPHAS):
            clip = CLIP if (wi + ai) % 2 else None  # half the combinations clipped
            before, ref, new = _draw_both(case, polylines, width, alpha, srcalpha, clip)
            where = f"{case} width={width} alpha={alpha} clip={clip}"
            assert np.any(ref != before), f"reference drew nothing: {where}"
            diff = np.abs(ref - new)
            assert diff.max() <= 1, f"{where}: max diff {diff.max()} at {diff.argmax()}"
            if clip is not None:  # nothing outside the clip rect changed
                outside = np.ones((W, H), dtype=bool)
                outside[clip.left : clip.right, clip.top : clip.bottom] = False
                assert np.array_equal(new[outside], before[outside]), where


def test_stroke_early_outs(screen: pygame.Surface) -> None:
    surf = _surface(False, 3)
    before = _pixels(surf)
    chart_raster._stroke(surf, [], COLOUR)
    chart_raster._stroke(surf, [[], []], COLOUR)
    chart_raster._stroke(surf, [[(-50.0, -50.0), (-20.0, -30.0)]], COLOUR)  # off the surface
    surf.set_clip(CLIP)
    chart_raster._stroke(surf, [[(2.0, 2.0), (8.0, 4.0), (9.0, 5.0)]] * 10, COLOUR)  # off the clip
    assert np.array_equal(_pixels(surf), before)


def test_comparison_detects_a_different_stroke(screen: pygame.Surface) -> None:
    """The comparison above is sensitive: a slightly wider line is caught."""
    polylines = _walk(np.random.default_rng(0))
    ref = _surface(False, 1)
    new = _surface(False, 1)
    _reference_stroke(ref, polylines, COLOUR, 2.5, 255)
    chart_raster._stroke(new, polylines, COLOUR, 2.6, 255)
    assert np.abs(_pixels(ref) - _pixels(new)).max() > 1


@pytest.mark.parametrize("srcalpha", [False, True], ids=["opaque", "srcalpha"])
def test_blit_coverage_matches_reference(screen: pygame.Surface, srcalpha: bool) -> None:
    rng = np.random.default_rng(5)
    cov = rng.uniform(-0.5, 1.5, (W - 20, H - 10)).astype(np.float32)  # out of range too
    cov[rng.random(cov.shape) < 0.3] = 0.0
    for alpha in (56, 90, 110, 255):
        ref = _surface(srcalpha, 2)
        new = _surface(srcalpha, 2)
        _reference_blit_coverage(ref, cov.copy(), (7, 4), COLOUR, alpha)
        chart_raster._blit_coverage(new, cov.copy(), (7, 4), COLOUR, alpha)
        assert np.array_equal(_pixels(ref), _pixels(new)), alpha


def test_fan_chart_matches_reference(screen: pygame.Surface, monkeypatch) -> None:
    """A whole fan chart (solid, dashed and thin strokes) renders the same pixels."""
    fonts = theme.Fonts(1.0)
    rng = np.random.default_rng(11)
    hist = list(50 + np.cumsum(rng.normal(0, 2, 40)))
    last = hist[-1]
    bands = [(last - 1.5 * k**0.7, last + 0.3 * k, last + 2 * k**0.7) for k in range(1, 31)]

    def render() -> np.ndarray:
        charts.clear_cache()
        surf = pygame.Surface((600, 300))
        surf.fill(theme.DEFAULT.panel)
        charts.fan_chart(
            surf,
            surf.get_rect(),
            hist,
            bands,
            fonts=fonts,
            palette=theme.DEFAULT,
            colour=theme.DEFAULT.accent,
            label="Trade",
            unit="bn",
        )
        return _pixels(surf)

    new = render()
    monkeypatch.setattr(charts, "_stroke", _reference_stroke)
    monkeypatch.setattr(chart_raster, "_stroke", _reference_stroke)
    ref = render()
    charts.clear_cache()
    assert np.any(ref != ref[0, 0])
    assert np.abs(ref - new).max() <= 1
