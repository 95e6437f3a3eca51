"""Bar charts and the escalation ladder (drawn and cached like every chart, see `game.ui.charts`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pygame

from game.ui.chart_base import (
    _cached_draw,
    _colour,
    _fonts_or_default,
    _no_data,
    _num,
    _title,
    format_value,
)
from game.ui.i18n import shown
from game.ui.theme import DEFAULT, TEXT, Colour, Fonts, Palette, blend, fit_text, rounded_rect

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
        ts = TEXT.render(fit_text(shown(name), body, label_w - int(round(10 * s))), body, pal.text)
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
            label = fit_text(shown(name), font, room)
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
