"""The projection chart of the fan-chart screen: an indicator's history, then turn by turn
to the end of the game the 80% and 50% ranges of one option's futures, every option's
median, and the objective's threshold, on axes with ticks.

`projection_layout` computes where everything goes (also for tests: nothing drawn
outside the chart, no two labels on top of each other); `projection_chart` draws it
through the chart cache like the other charts.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import pygame

from game.ui.chart_base import (
    _axis,
    _cached_steps,
    _decimals_for,
    _fonts_or_default,
    _range,
    format_value,
)
from game.ui.chart_raster import _dot, _fill_between_steps, _hdash, _stroke, _vdash
from game.ui.theme import DEFAULT, TEXT, Colour, Fonts, Palette, blend, fit_text

__all__ = [
    "OPTION_COLOURS",
    "Projection",
    "aim_text",
    "option_colour",
    "projection_chart",
    "projection_layout",
    "projection_steps",
]


def aim_text(op: str, value: float, unit: str = "") -> str:
    """The objective's threshold in words ("aim 50 or more"): the font has no \u2265."""
    v = format_value(value, unit)
    return {
        ">=": f"aim {v} or more",
        ">": f"aim above {v}",
        "<=": f"aim {v} or less",
        "<": f"aim below {v}",
    }.get(op, f"aim {op} {v}")


def option_colour(index: int, palette: Palette) -> Colour:
    """The colour of option `index` (0-based) in the fan-chart screen."""
    cols = OPTION_COLOURS(palette)
    return cols[index % len(cols)]


def OPTION_COLOURS(p: Palette) -> list[Colour]:  # noqa: N802 - a palette-dependent constant
    return [p.accent, (176, 136, 222), p.warn, (120, 204, 232)]


@dataclass
class Projection:
    """Where the parts of a projection chart go (in the chart's own coordinates)."""

    plot: pygame.Rect
    lo: float
    hi: float
    y_ticks: list[tuple[float, str, pygame.Rect]] = field(default_factory=list)
    x_ticks: list[tuple[int, str, pygame.Rect]] = field(default_factory=list)
    legend: list[tuple[str, pygame.Rect]] = field(default_factory=list)
    end_labels: list[tuple[int, str, pygame.Rect]] = field(default_factory=list)
    target_label: tuple[str, pygame.Rect] | None = None
    title: tuple[str, pygame.Rect] | None = None
    npts: int = 0

    def x(self, i: float) -> float:
        return self.plot.left + self.plot.w * i / max(1, self.npts - 1)

    def y(self, v: float) -> float:
        return self.plot.bottom - (v - self.lo) / (self.hi - self.lo) * self.plot.h

    def texts(self) -> list[tuple[str, pygame.Rect]]:
        """Every piece of text and its box."""
        out = [(t, r) for _, t, r in self.y_ticks] + [(t, r) for _, t, r in self.x_ticks]
        out += self.legend + [(t, r) for _, t, r in self.end_labels]
        out += [x for x in (self.target_label, self.title) if x is not None]
        return out


def projection_layout(
    size: tuple[int, int],
    history: Sequence[float],
    paths: Sequence[Sequence[Sequence[float]]],
    selected: int,
    *,
    first_turn: int,
    target: tuple[str, float] | None,
    unit: str,
    title: str,
    fonts: Fonts,
) -> Projection:
    """Lay out the chart in a `size` box. `paths[k]` is option k's list of (p10, p25,
    p50, p75, p90) per turn after this one; `history` the values so far (the last is now);
    `first_turn` the turn of history[0]; `target` (op, value) the objective's threshold."""
    s = fonts.scale
    small = fonts.get("small")
    bold = fonts.get("label", bold=True)
    lh = small.get_linesize()
    pad = int(round(6 * s))
    box = pygame.Rect(0, 0, *size).inflate(-2 * pad, -2 * pad)
    top = box.top
    title_r = None
    if title:
        tt = fit_text(title, bold, box.w)
        title_r = (tt, pygame.Rect(box.left, top, TEXT.width(tt, bold), bold.get_linesize()))
        top += bold.get_linesize() + int(round(2 * s))
    # legend: one row (it says what the shades, lines and the dashed line mean)
    legend = []
    sw = int(round(16 * s))
    entries = ["80% of futures", "50% of futures", "median", "other options' medians"]
    if target is not None:
        entries.append(aim_text(target[0], target[1], unit))
    x = box.left
    for e in entries:
        w = sw + int(round(5 * s)) + TEXT.width(e, small)
        if x > box.left and x + w > box.right:
            x = box.left
            top += lh
        legend.append((e, pygame.Rect(x + sw + int(round(5 * s)), top, TEXT.width(e, small), lh)))
        x += w + int(round(14 * s))
    top += lh + int(round(6 * s))

    values = [v for v in history] + [q[i] for p in paths for q in p for i in (0, 4)]
    rng = _range(values, [target[1]] if target is not None else [])
    lo, hi = rng if rng is not None else (0.0, 1.0)
    plot_h = box.bottom - top - lh - int(round(6 * s))
    lo, hi, ticks = _axis(lo, hi, plot_h, lh)
    dec = _decimals_for(ticks[1] - ticks[0]) if len(ticks) >= 2 else None
    tick_text = [format_value(t, unit if len(unit) <= 1 else "", dec) for t in ticks]
    ylab_w = max((TEXT.width(t, small) for t in tick_text), default=0)
    # room on the right for the options' numbers at the end of their medians
    end_w = max(TEXT.width(f"{k + 1}", bold) for k in range(max(1, len(paths)))) + int(
        round(10 * s)
    )
    plot = pygame.Rect(
        box.left + ylab_w + int(round(8 * s)),
        top + lh // 2,
        box.w - ylab_w - int(round(8 * s)) - end_w,
        plot_h - lh // 2,
    )
    steps = max((len(p) for p in paths), default=0)
    npts = len(history) + steps
    pr = Projection(plot, lo, hi, npts=max(2, npts), legend=legend, title=title_r)
    last_y = None
    for t, txt in zip(ticks, tick_text, strict=False):
        w = TEXT.width(txt, small)
        y = int(round(pr.y(t)))
        if last_y is not None and abs(last_y - y) < lh + 1:
            continue  # labels never touch: every other one on a short axis
        last_y = y
        pr.y_ticks.append(
            (t, txt, pygame.Rect(plot.left - int(round(6 * s)) - w, y - lh // 2, w, lh))
        )
    # x ticks: turns, thinned so that they never touch; the last one is the end
    last_turn = first_turn + npts - 1

    def label(i: int) -> str:
        turn = first_turn + i
        return f"T{turn}" if turn < last_turn or steps == 0 else "end"

    maxw = max(TEXT.width(label(i), small) for i in range(pr.npts)) + int(round(12 * s))
    every = max(1, math.ceil(maxw * pr.npts / max(1, plot.w)))
    shown = list(range(0, pr.npts, every))
    if pr.npts - 1 not in shown:
        if shown and (pr.npts - 1 - shown[-1]) * plot.w / max(1, pr.npts - 1) < maxw:
            shown[-1] = pr.npts - 1
        else:
            shown.append(pr.npts - 1)
    bounds = pygame.Rect(0, 0, *size)
    for i in shown:
        txt = label(i)
        w = TEXT.width(txt, small)
        r = pygame.Rect(0, plot.bottom + int(round(4 * s)), w, lh)
        r.centerx = int(round(pr.x(i)))
        if i == 0:
            r.left = plot.left  # clear of the value axis's lowest label
        r.clamp_ip(bounds.inflate(-2, 0))
        pr.x_ticks.append((i, txt, r))
    xs_boxes = [r for _, _, r in pr.x_ticks]
    pr.y_ticks = [t for t in pr.y_ticks if t[2].collidelist(xs_boxes) == -1]
    # the options' numbers at the right end of their medians, pushed apart
    ends = sorted((pr.y(p[-1][2]), k) for k, p in enumerate(paths) if len(p))
    bh = bold.get_linesize()
    ys: list[float] = []
    for ey, _k in ends:
        ys.append(max(ey, ys[-1] + bh) if ys else ey)
    overflow = (ys[-1] + bh / 2 - plot.bottom) if ys else 0
    if overflow > 0:
        ys = [v - overflow for v in ys]
    for ly, (_, k) in zip(ys, ends, strict=True):
        txt = f"{k + 1}"
        w = TEXT.width(txt, bold)
        pr.end_labels.append(
            (k, txt, pygame.Rect(plot.right + int(round(6 * s)), int(ly - bh / 2), w, bh))
        )
    if target is not None and lo <= target[1] <= hi:
        txt = aim_text(target[0], target[1], unit)
        w = TEXT.width(txt, small)
        y = int(round(pr.y(target[1])))
        r = pygame.Rect(0, y - lh, w, lh)
        r.right = plot.right - int(round(6 * s))  # at the end, where the aim is judged
        if r.top < plot.top:
            r.top = y + 1
        pr.target_label = (txt, r)
    return pr


def projection_chart(
    surface: pygame.Surface,
    rect: object,
    history: Sequence[float],
    paths: Sequence[Sequence[Sequence[float]]],
    selected: int,
    *,
    first_turn: int,
    target: tuple[str, float] | None,
    unit: str,
    title: str,
    colour: Colour,
    fonts: Fonts,
    palette: Palette,
    bg: Colour | None = None,
) -> pygame.Rect:
    """Draw the projection (see `projection_layout` for the arguments)."""
    for _ in projection_steps(
        surface,
        rect,
        history,
        paths,
        selected,
        first_turn=first_turn,
        target=target,
        unit=unit,
        title=title,
        colour=colour,
        fonts=fonts,
        palette=palette,
        bg=bg,
    ):
        pass
    return pygame.Rect(rect)  # type: ignore[arg-type]


def projection_steps(
    surface: pygame.Surface,
    rect: object,
    history: Sequence[float],
    paths: Sequence[Sequence[Sequence[float]]],
    selected: int,
    *,
    first_turn: int,
    target: tuple[str, float] | None,
    unit: str,
    title: str,
    colour: Colour,
    fonts: Fonts,
    palette: Palette,
    bg: Colour | None = None,
) -> Iterator[None]:
    """`projection_chart` in steps: yields between the pieces of a chart not drawn before
    (its axes, the other options' medians, each range, ...) so that a panel can draw it
    over several frames; the finished chart is the same picture."""
    fonts = _fonts_or_default(fonts)
    palette = palette or DEFAULT
    hist = tuple(float(v) for v in history)
    pth = tuple(tuple(tuple(float(v) for v in q) for q in p) for p in paths)
    key = (
        "projection",
        hist,
        pth,
        selected,
        first_turn,
        target,
        unit,
        title,
        colour,
        palette,
        fonts.key,
    )

    def render(layer: pygame.Surface, r: pygame.Rect) -> Iterator[None]:
        pr = projection_layout(
            r.size,
            hist,
            pth,
            selected,
            first_turn=first_turn,
            target=target,
            unit=unit,
            title=title,
            fonts=fonts,
        )
        yield
        yield from _render_steps(layer, pr, hist, pth, selected, target, colour, fonts, palette)

    yield from _cached_steps(surface, rect, key, render, bg if bg is not None else palette.panel)


def _render_steps(
    layer, pr: Projection, hist, paths, selected, target, colour, fonts, pal
) -> Iterator[None]:  # noqa: ANN001
    s = fonts.scale
    small = fonts.get("small")
    bold = fonts.get("label", bold=True)
    plot = pr.plot
    if pr.title is not None:
        layer.blit(TEXT.render(pr.title[0], bold, pal.text), pr.title[1])
    # legend swatches
    sw = int(round(16 * s))
    for i, (txt, r) in enumerate(pr.legend):
        x0, cy = r.left - sw - int(round(5 * s)), r.centery
        if i == 0:
            layer.fill(blend(pal.panel, colour, 0.22), (x0, cy - 5, sw, 10))
        elif i == 1:
            layer.fill(blend(pal.panel, colour, 0.45), (x0, cy - 5, sw, 10))
        elif i == 2:
            _stroke(layer, [[(x0, cy), (x0 + sw, cy)]], colour, 2.4 * s)
        elif i == 3:
            _stroke(layer, [[(x0, cy), (x0 + sw, cy)]], pal.text_dim, 1.4 * s)
        else:
            _hdash(layer, pal.text, x0, x0 + sw, cy, 4, 3)
        layer.blit(TEXT.render(txt, small, pal.text_dim), r)
    # grid and axes
    for _, txt, r in pr.y_ticks:
        y = r.centery
        pygame.draw.line(layer, pal.grid, (plot.left, y), (plot.right, y))
        layer.blit(TEXT.render(txt, small, pal.text_dim), r)
    pygame.draw.line(layer, pal.border, (plot.left, plot.top), (plot.left, plot.bottom))
    pygame.draw.line(layer, pal.border, (plot.left, plot.bottom), (plot.right, plot.bottom))
    for i, txt, r in pr.x_ticks:
        x = int(round(pr.x(i)))
        pygame.draw.line(layer, pal.border, (x, plot.bottom), (x, plot.bottom + int(round(3 * s))))
        layer.blit(TEXT.render(txt, small, pal.text_dim), r)
    now = len(hist) - 1
    xn = int(round(pr.x(now)))
    _vdash(layer, pal.border, xn, plot.top, plot.bottom, 3, 3)
    nt = TEXT.render("now", small, pal.text_dim)
    layer.blit(nt, nt.get_rect(bottomleft=(xn + int(round(3 * s)), plot.top + nt.get_height())))
    yield
    # the objective's threshold
    if target is not None and pr.target_label is not None:
        y = int(round(pr.y(target[1])))
        _hdash(layer, pal.text, plot.left, plot.right, y, 7, 4, max(1, int(round(1.5 * s))))
    cur = hist[-1] if hist else None
    xs_of = [pr.x(now + j) for j in range(0, max((len(p) for p in paths), default=0) + 1)]

    def series(p, i: int) -> list[float]:  # noqa: ANN001
        return ([cur] if cur is not None else [p[0][i]]) + [q[i] for q in p]

    # other options' medians, then the chosen option's ranges and median on top
    for k, p in enumerate(paths):
        if len(p) == 0 or k == selected:
            continue
        c = option_colour(k, pal)
        pts = [(x, pr.y(v)) for x, v in zip(xs_of, series(p, 2), strict=False)]
        _stroke(layer, [pts], blend(pal.panel, c, 0.8), 1.4 * s)
        yield
    if 0 <= selected < len(paths) and len(paths[selected]):
        p = paths[selected]
        xs = xs_of[: len(p) + 1]
        yield from _fill_between_steps(
            layer, xs, [pr.y(v) for v in series(p, 4)], [pr.y(v) for v in series(p, 0)], colour, 58
        )
        yield
        yield from _fill_between_steps(
            layer, xs, [pr.y(v) for v in series(p, 3)], [pr.y(v) for v in series(p, 1)], colour, 90
        )
        yield
        pts = [(x, pr.y(v)) for x, v in zip(xs, series(p, 2), strict=False)]
        _stroke(layer, [pts], colour, 2.6 * s)
        _dot(layer, pts[-1], 3.2 * s, colour)
    # history
    hp = [(pr.x(i), pr.y(v)) for i, v in enumerate(hist)]
    if len(hp) > 1:
        _stroke(layer, [hp], pal.text, 2.0 * s)
    if hp:
        _dot(layer, hp[-1], 3.5 * s, pal.text)
    for k, txt, r in pr.end_labels:
        c = colour if k == selected else blend(pal.panel, option_colour(k, pal), 0.85)
        layer.blit(TEXT.render(txt, bold, c), r)
    if pr.target_label is not None:  # on top of the bands and lines
        txt, r = pr.target_label
        layer.fill(pal.panel, r.inflate(int(round(6 * s)), 0))
        layer.blit(TEXT.render(txt, small, pal.text), r)
