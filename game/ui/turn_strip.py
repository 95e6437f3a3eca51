"""The turn screen's objectives strip: each objective of the player's role, met or not, with
its indicators' values, thresholds and trends (from `game.presentation.objective_status`).
Drawn for `TurnScreen`, below the map (or above the indicators when large text leaves the
map's column too narrow).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame

from game.presentation import objective_status
from game.ui import i18n
from game.ui.controls import Item, icon_check, icon_cross, icon_triangle, more_marks
from game.ui.painter import Painter
from game.ui.pixels import backdrop_under_panel
from game.ui.screen import Rect
from game.ui.theme import draw_panel, panel_content_rect
from game.ui.turn_panels import icon_compare, threshold

if TYPE_CHECKING:
    from game.ui.turn import TurnScreen


@dataclass(frozen=True)
class Bound:
    """One threshold of an objective as the strip shows it."""

    value: str  # "$209.6bn" (never rounded across the threshold)
    op: str
    threshold: str  # "250"
    trend: int  # +1 moved in the player's favour since the last turn, -1 against, 0 not
    up: bool  # the arrow's direction


@dataclass(frozen=True)
class Row:
    """One objective: its label, met or not, and its thresholds."""

    label: str
    met: bool
    bounds: tuple[Bound, ...]


class ObjectivesStrip:
    """Places and draws the objectives strip."""

    def __init__(self, screen: TurnScreen) -> None:
        self.turn = screen
        self.items: list[Item] = []
        self.window = (0, 0, 0)
        self.scroll_first = 0

    def title(self) -> str:
        rows = self.rows()
        met = sum(r.met for r in rows)
        return f"{i18n.tr('Your objectives')} \u00b7 {met} of {len(rows)} met"

    def rows(self) -> list[Row]:
        """The player's objectives now (cached per decision point and language)."""
        s = self.turn.session
        key = (len(s.game.history), s.game.lang, s.role, s.game.turn)
        cached = getattr(self, "_rows", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        rows = []
        for o in objective_status(s.game, s.role):
            bounds = []
            for b in o.bounds:
                if b.hidden:
                    continue
                info = s.indicator(b.indicator)
                limit = threshold(info, b.threshold, True) if info else b.limit_text
                moved = b.trend is not None and abs(b.trend) > 1e-9
                better = (b.trend or 0.0) * (1 if b.op.startswith(">") else -1)
                trend = 0 if not moved else (1 if better > 0 else -1)
                bounds.append(Bound(b.value_text, b.op, limit, trend, (b.trend or 0.0) > 0))
            rows.append(Row(o.label, bool(o.met), tuple(bounds)))
        self._rows = (key, rows)
        return rows

    # -- layout ---------------------------------------------------------------------------

    def bound_width(self, b: Bound) -> int:
        st, p = self.turn.style, self.turn.app.painter
        return (
            p.width(b.value, "small", True) + st.px(14) + p.width(b.threshold, "small") + st.px(16)
        )

    def bounds_width(self, row: Row) -> int:
        return sum(self.bound_width(b) + self.turn.style.u for b in row.bounds)

    def bound_lines(self, row: Row, width: int) -> list[list[Bound]]:
        """The thresholds flowed over lines of `width`."""
        lines: list[list[Bound]] = [[]]
        used = 0
        for b in row.bounds:
            w = self.bound_width(b) + self.turn.style.u
            if lines[-1] and used + w > width:
                lines.append([])
                used = 0
            lines[-1].append(b)
            used += w
        return lines if row.bounds else []

    def row_shape(self, row: Row, width: int) -> tuple[int, int, bool]:
        """(height, label width, stacked): the label beside its thresholds, or above them
        when the strip is narrow; the label wraps and is never cut."""
        st, p = self.turn.style, self.turn.app.painter
        icon_w = st.px(18)
        bw = self.bounds_width(row)
        lab_w = width - icon_w - bw
        line = st.line("small")
        if lab_w >= max(st.px(120), min(p.width(row.label, "small"), st.px(200))):
            return max(line, p.para_height(row.label, "small", lab_w)), lab_w, False
        lab_w = width - icon_w
        h = p.para_height(row.label, "small", lab_w)
        return h + line * len(self.bound_lines(row, lab_w)), lab_w, True

    def need(self, width: int) -> int:
        """The strip's whole height at `width` (its frame and every row)."""
        st = self.turn.style
        frame = Rect(0, 0, width, 400)
        inner = panel_content_rect(frame, st.fonts, self.title())
        rows = self.rows()
        body = sum(self.row_shape(r, inner.w)[0] + st.px(3) for r in rows)
        return body + (400 - inner.h)

    def place(self) -> None:
        st = self.turn.style
        rect = self.turn.strip_rect
        inner = panel_content_rect(Rect(rect), st.fonts, self.title())
        w = inner.w - st.px(10)
        items = [Item("objective", r, self.row_shape(r, w)[0]) for r in self.rows()]
        heights = [it.height for it in items]
        scroll = self.turn.strip_scroll
        start, end = scroll.window(heights, inner.h, st.px(3))
        y = inner.y
        for i, it in enumerate(items):
            if start <= i < end:
                it.rect = Rect(inner.x, y, w, it.height)
                y += it.height + st.px(3)
            else:
                it.rect = None
        self.items = items
        self.window = (start, end, len(items))
        self.inner = inner

    # -- drawing --------------------------------------------------------------------------

    def draw(self, surf: pygame.Surface, p: Painter, r: Rect) -> Any:
        st, pal = self.turn.style, self.turn.pal
        backdrop_under_panel(surf, self.turn.app.size, pal, Rect(self.turn.strip_rect), st.fonts)
        inner = draw_panel(surf, r, pal, self.title(), st.fonts)
        title_w = p.width(self.title().upper(), "small", True) + st.px(30)
        pad = inner.x - r.x  # (the title's row, as draw_panel places it)
        row = Rect(inner.x + title_w, r.y + pad - st.px(2), inner.w - title_w, st.line("small"))
        self.turn.decisions_panel.capital.draw_link(surf, p, row)  # the Commitments list (C)
        yield
        ox, oy = self.turn.strip_rect.topleft
        line = st.line("small")
        for it in self.items:
            if it.rect is None:
                continue
            rr = it.rect.move(-ox, -oy)
            row: Row = it.data
            _h, lab_w, stacked = self.row_shape(row, rr.w)
            icon = Rect(rr.x, rr.y + (line - st.px(11)) // 2, st.px(11), st.px(11))
            (icon_check if row.met else icon_cross)(surf, icon, pal.accent if row.met else pal.warn)
            x = rr.x + st.px(18)
            with p.crit():
                used = p.para(
                    surf, row.label, Rect(x, rr.y, lab_w, rr.h), "small", pal.text, max_lines=0
                )
                if stacked:
                    y = max(used.bottom, rr.y + line)
                    for bounds in self.bound_lines(row, lab_w):
                        self.draw_bounds(surf, p, Rect(x, y, lab_w, line), bounds)
                        y += line
                else:
                    bw = self.bounds_width(row)
                    self.draw_bounds(surf, p, Rect(rr.right - bw, rr.y, bw, line), row.bounds)
            yield  # (a row a step: the frame's budget holds)
        start, end, n = self.window
        more_marks(
            surf,
            self.inner.move(-ox, -oy).inflate(st.px(8), 0),
            start > 0,
            end < n,
            pal,
            st.px(5),
        )

    def draw_bounds(
        self, surf: pygame.Surface, p: Painter, box: Rect, bounds: tuple[Bound, ...] | list[Bound]
    ) -> None:
        """Each threshold: the value, the comparison and the threshold, the trend's arrow
        (green in the player's favour, red against)."""
        st, pal = self.turn.style, self.turn.pal
        x = box.x
        for b in bounds:
            vw = p.width(b.value, "small", True)
            p.text(surf, b.value, Rect(x, box.y, vw, box.h), "small", pal.text, bold=True)
            x += vw + st.px(7)
            icon_compare(surf, (x, box.centery), st.px(3), b.op, pal.text_dim)
            x += st.px(7)
            tw = p.width(b.threshold, "small")
            p.text(surf, b.threshold, Rect(x, box.y, tw, box.h), "small", pal.text_dim)
            x += tw + st.px(8)
            if b.trend:
                colour = pal.good if b.trend > 0 else pal.bad
                icon_triangle(surf, (x, box.centery), st.px(7), b.up, colour)
            x += st.px(8) + st.u
