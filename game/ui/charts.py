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
import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pygame

from game.ui.chart_bars import bar_compare, ladder, ladder_colour
from game.ui.chart_base import (
    _axis,
    _cached_draw,
    _colour,
    _decimals_for,
    _fonts_or_default,
    _freeze,
    _no_data,
    _num,
    _range,
    _title,
    clear_cache,
    format_value,
    nice_ticks,
    stats,
)
from game.ui.chart_projection import aim_text, projection_chart
from game.ui.chart_raster import _dashes, _dot, _fill_between, _hdash, _stroke, _vdash
from game.ui.i18n import shown as words
from game.ui.theme import DEFAULT, TEXT, Colour, Fonts, Palette, blend, fit_text, rounded_rect

__all__ = [
    "sparkline",
    "line_chart",
    "fan_chart",
    "fan_compare",
    "projection_chart",
    "bar_compare",
    "ladder",
    "ladder_colour",
    "export_png",
    "nice_ticks",
    "format_value",
    "clear_cache",
    "stats",
]


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
    markers: Sequence[int] = (),
) -> pygame.Rect:
    """Lines for up to ~12 series of 1-40 points with axes, gridlines and a legend.

    Series share the x axis (index 0 = first point).  ``targets`` maps a series
    name to a dashed target line in that series' colour.  NaN breaks a line; a
    series with one valid point is drawn as a dot.  ``markers`` are x indices (e.g.
    the turns a decision was taken) marked by a small triangle on the x axis.
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
    mk = tuple(int(m) for m in markers)
    key = (
        "line",
        tuple(items),
        tuple(cols),
        tg,
        yr,
        xl,
        title,
        unit,
        legend,
        palette,
        fonts.key,
        mk,
    )

    def render(layer: pygame.Surface, r: pygame.Rect) -> None:
        _render_line_chart(
            layer, r, items, cols, dict(tg), yr, xl, title, unit, legend, fonts, palette, mk
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
    layer, r, items, cols, targets, yr, xl, title, unit, legend, fonts, pal, markers=()
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
            layer.blit(TEXT.render(words(label), small, pal.text_dim), (x + sw + 6, y))
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
            ts = TEXT.render(words(xlabels[i]), small, pal.text_dim)
            tr = ts.get_rect(midtop=(x, plot.bottom + int(round(4 * s))))
            tr.clamp_ip(pygame.Rect(r.left, tr.top, r.w, tr.h))
            layer.blit(ts, tr)

    if show_axes and npts > 1:
        m = max(3, int(round(4 * s)))
        for i in markers:
            if 0 <= i < npts:
                x = px(i)
                _vdash(
                    layer,
                    blend(pal.grid, pal.text_dim, 0.35),
                    int(round(x)),
                    plot.top,
                    plot.bottom,
                    2,
                    3,
                )
                tri = [(x, plot.bottom - m), (x - m, plot.bottom + 1), (x + m, plot.bottom + 1)]
                pygame.draw.polygon(layer, pal.warn, tri)
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
            ts = TEXT.render(words("now"), small, pal.text_dim)
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
    target: tuple[str, float] | None = None,
    axis: bool = False,
) -> pygame.Rect:
    """One row per option: its p10-p90 range as a bar, a p50 tick and value, and
    the current value as a vertical line across all rows.

    With ``higher_is_better`` set, bars are coloured good/bad by whether the p50
    beats ``current``; otherwise all use ``colour`` (default accent). ``target``
    (op, value) draws the objective's threshold with its number; ``axis`` a value
    axis with ticks under the rows.
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
        target,
        axis,
    )

    def render(layer: pygame.Surface, r: pygame.Rect) -> None:
        _render_fan_compare(
            layer,
            r,
            opts,
            _num(current),
            col,
            unit,
            higher_is_better,
            title,
            fonts,
            palette,
            target,
            axis,
        )

    return _cached_draw(surface, rect, key, render, bg)


def _render_fan_compare(
    layer, r, opts, current, col, unit, hib, title, fonts, pal, target=None, axis=False
) -> None:
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
    tv = target[1] if target is not None else None
    rng = _range([v for b in valid for v in (b[0], b[2])], (current, tv))
    assert rng is not None
    lo, hi = rng
    span = hi - lo
    lo, hi = lo - span * 0.06, hi + span * 0.06
    if axis:  # a row of value ticks under the bars
        area = pygame.Rect(area.left, area.top, area.w, area.h - lh - int(round(4 * s)))

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
        ts = TEXT.render(words(label), body, pal.text)
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

    y0 = int(bar_area.top)
    y1 = int(round(bar_area.top + row_h * n))
    labels_at: list[pygame.Rect] = []
    lane = pygame.Rect(bar_area.left - label_w // 2, 0, bar_area.w + label_w // 2 + val_w, lh)
    if current is not None:
        x = int(round(px(current)))
        _vdash(layer, pal.text_dim, x, y0 + int(lh * 0.2), y1, 3, 3)
        ts = TEXT.render(words(f"now {format_value(current, unit)}"), small, pal.text_dim)
        tr = ts.get_rect(midbottom=(x, y0 + int(lh * 0.15)))
        lane.top = tr.top
        tr.clamp_ip(lane)
        layer.blit(ts, tr)
        labels_at.append(tr)
    if target is not None and lo <= target[1] <= hi:
        x = int(round(px(target[1])))
        _vdash(layer, pal.text, x, y0 + int(lh * 0.2), y1, 6, 3)
        ts = TEXT.render(aim_text(target[0], target[1], unit), small, pal.text)
        tr = ts.get_rect(midbottom=(x, y0 + int(lh * 0.15)))
        lane.top = tr.top
        tr.clamp_ip(lane)
        for other in labels_at:  # beside the "now" label, never on it
            if tr.colliderect(other):
                tr = (
                    tr.move(other.right + 6 - tr.left, 0)
                    if x >= other.centerx
                    else tr.move(other.left - 6 - tr.right, 0)
                )
        layer.blit(ts, tr)
    if axis:
        ticks = nice_ticks(lo, hi, max(3, min(6, bar_area.w // max(1, 4 * lh))))
        dec = _decimals_for(ticks[1] - ticks[0]) if len(ticks) >= 2 else None
        ya = y1 + int(round(4 * s))
        pygame.draw.line(layer, pal.border, (bar_area.left, ya), (bar_area.right, ya))
        for t in ticks:
            if not lo <= t <= hi:
                continue
            x = int(round(px(t)))
            pygame.draw.line(layer, pal.border, (x, ya), (x, ya + int(round(3 * s))))
            ts = TEXT.render(
                format_value(t, unit if len(unit) <= 1 else "", dec), small, pal.text_dim
            )
            tr = ts.get_rect(midtop=(x, ya + int(round(3 * s))))
            tr.clamp_ip(pygame.Rect(box.left, tr.top, box.w, tr.h))
            layer.blit(ts, tr)


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
