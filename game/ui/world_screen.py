"""The "How this world works" screen: the scenario's model as a picture a player can read.

Opened from the turn screen's dashboard (its "How it works" link, or M). Each side's
decisions and the news sit on the left, the indicators in rows along their drift links in
the middle, the escalation ladder and the endings on the right (the boxes and their
arrangement come from `game.ui.world_view`). Hovering a box -- or moving to it with Tab or the arrow keys --
lights up its links and lists, in words, what moves it and what it moves. The picture is
drawn once into a surface; a change of focus repaints only the highlight over it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import i18n, world_view
from game.ui.controls import (
    Button,
    ItemScroll,
    button_height,
    keycap,
    keycap_width,
    more_marks,
    rounded,
)
from game.ui.painter import Painter
from game.ui.pixels import backdrop, new_surface
from game.ui.screen import Pop, Rect, Screen, Transition
from game.ui.theme import PANEL_PADDING, blend, draw_panel, panel_content_rect

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.session import Session
    from game.ui.turn import TurnScreen

Colour = tuple[int, int, int]
ARROWS = {
    pygame.K_LEFT: (-1, 0),
    pygame.K_RIGHT: (1, 0),
    pygame.K_UP: (0, -1),
    pygame.K_DOWN: (0, 1),
}


# -- the link on the turn screen's dashboard -----------------------------------------------------


def _link_label(turn: TurnScreen) -> str:
    """The link's words: as many as fit beside the panel's title ("" : the key cap alone)."""
    st, p = turn.style, turn.app.painter
    pad = int(round(PANEL_PADDING * st.fonts.scale))
    title = i18n.tr("Indicators")
    tracking = max(1, int(round(st.fonts.scale)))
    used = p.width(title.upper(), "small", True) + tracking * len(title) + st.px(12)
    room = turn.dash_rect.w - 2 * pad - used - keycap_width(p, "M") - st.px(14)
    for label in (i18n.tr("How it works"), i18n.tr("Model")):
        if p.width(label, "small") <= room:
            return label
    return ""


def world_link_rect(turn: TurnScreen) -> Rect:
    """Where the dashboard's "How it works (M)" link sits: the right of its title row."""
    st, p = turn.style, turn.app.painter
    r = turn.dash_rect
    pad = int(round(PANEL_PADDING * st.fonts.scale))
    label = _link_label(turn)
    w = (p.width(label, "small") + st.px(10) if label else 0) + keycap_width(p, "M") + st.px(8)
    h = st.line("small", True) + st.px(2)
    return Rect(r.right - pad - w + st.px(4), r.y + pad - st.px(4), w, h)


def draw_world_link(turn: TurnScreen, surf: pygame.Surface, p: Painter, hovered: bool) -> None:
    """Draw the link on the dashboard panel's surface (panel coordinates)."""
    st, pal = turn.style, turn.pal
    r = world_link_rect(turn).move(-turn.dash_rect.x, -turn.dash_rect.y)
    if hovered:
        rounded(surf, r, pal.panel_alt, st.px(4))
    cap = keycap(p, surf, "M", r.right - st.px(4), r.centery)
    label = _link_label(turn)
    if label:
        p.text(
            surf,
            label,
            Rect(r.x + st.px(6), r.y, cap.x - r.x - st.px(8), r.h),
            "small",
            pal.accent,
            valign="center",
        )


# -- drawing helpers ---------------------------------------------------------------------------


def _bezier(p0: Any, c1: Any, c2: Any, p3: Any, n: int = 20) -> list[tuple[float, float]]:
    pts = []
    for i in range(n + 1):
        t = i / n
        a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
        pts.append(
            (
                a * p0[0] + b * c1[0] + c * c2[0] + d * p3[0],
                a * p0[1] + b * c1[1] + c * c2[1] + d * p3[1],
            )
        )
    return pts


def _arrow(surf: pygame.Surface, pts: list[tuple[float, float]], colour: Colour, size: int) -> None:
    (x0, y0), (x1, y1) = pts[-3], pts[-1]
    ang = math.atan2(y1 - y0, x1 - x0)
    tip = (x1, y1)
    left = (x1 - size * math.cos(ang - 0.45), y1 - size * math.sin(ang - 0.45))
    right = (x1 - size * math.cos(ang + 0.45), y1 - size * math.sin(ang + 0.45))
    pygame.draw.polygon(surf, colour, [tip, left, right])


_WORLDS: list[tuple[Any, str, world_view.World]] = []  # the last few scenarios' pictures


def _world(compiled: Any, lang: str) -> world_view.World:
    """The picture of a compiled scenario, built once (opening the screen again is free)."""
    for sc, lg, w in _WORLDS:
        if sc is compiled and lg == lang:
            return w
    w = world_view.build(compiled, lang)
    _WORLDS[:] = [*_WORLDS[-2:], (compiled, lang, w)]
    return w


class WorldScreen(Screen):
    """What moves each indicator and what it moves, as a picture with words beside it."""

    name = "world"

    def __init__(self, app: App, session: Session, focus: str | None = None) -> None:
        super().__init__(app)
        self.session = session
        self.world = _world(session.compiled, session.game.lang)
        self.focus = f"i_{focus}" if focus and f"i_{focus}" in self.world.boxes else ""
        self.rows: list[list[str]] = []
        self.arr = world_view.Arrangement([], [], [])
        self.rects: dict[str, Rect] = {}  # window coordinates
        self.lines: dict[str, list[str]] = {}
        self.fonts: dict[str, str] = {}
        self.info_scroll = ItemScroll()
        self.hover_close = False
        self._base: pygame.Surface | None = None
        self._veil: pygame.Surface | None = None
        for name, fn in (
            ("header", self._draw_header),
            ("graph", self._draw_graph),
            ("info", self._draw_info),
            ("legend", self._draw_legend),
        ):
            self.add_panel(name, fn)

    # -- layout ---------------------------------------------------------------------------------

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        m, gap = st.u * 2, st.px(12)
        bh = button_height(p)
        self.header = Rect(m, m, win.w - 2 * m, max(bh, st.line("title", True)) + st.u)
        close_w = p.width(i18n.tr("Back"), "label", True) + keycap_width(p, "Esc") + st.px(48)
        self.close = Button(
            "close",
            i18n.tr("Back"),
            Rect(self.header.right - close_w, self.header.y, close_w, bh),
            "normal",
            True,
            "Esc",
        )
        body_w = win.w - 2 * m
        info_w = int(min(max(body_w * 0.32, st.px(330)), st.px(520) * st.text_scale, body_w * 0.42))
        graph_w = body_w - info_w - gap
        self.legend_items = self._legend_items()
        self.legend_rows = self._flow(self.legend_items, graph_w)
        legend_h = len(self.legend_rows) * (st.line("small") + st.px(4))
        top = self.header.bottom + gap
        body_h = win.h - m - top - legend_h - st.u
        self.graph_rect = Rect(m, top, graph_w, body_h)
        self.legend_rect = Rect(m, self.graph_rect.bottom + st.u, graph_w, legend_h)
        self.info_rect = Rect(self.graph_rect.right + gap, top, info_w, win.h - m - top)
        self.panels["header"].set_rect(self.header)
        self.panels["graph"].set_rect(self.graph_rect)
        self.panels["info"].set_rect(self.info_rect)
        self.panels["legend"].set_rect(self.legend_rect)
        self._place_boxes()
        if not self.focus:
            self.focus = next(iter(self.order()[len(self.arr.left) :] + self.order()), "")
        self._base = None
        self._veil = None

    def _place_boxes(self) -> None:
        """Three bands: the events on the left, the indicators in rows, the endings right.

        Tries the indicators' names in the label size, then the small one, each with an
        endings column of three widths; keeps the first plan where everything fits with
        room for the links and no indicator's name wraps, else the one that fits best."""
        st, p, w = self.style, self.app.painter, self.world
        inner = panel_content_rect(Rect(self.graph_rect), st.fonts, self._graph_title())
        inner = inner.inflate(-st.px(4), -st.px(4))
        pad, lane = st.px(8), st.px(40)
        self.arr = world_view.arrange(w, 2)
        widest_left = max((p.width(w.boxes[b].label, "label") for b in self.arr.left), default=0)
        widest_right = max((p.width(w.boxes[b].label, "small") for b in self.arr.right), default=0)
        left_w = min(widest_left + 2 * pad, int(inner.w * 0.2)) if self.arr.left else 0
        best: tuple[tuple[int, ...], dict[str, Any]] | None = None
        for size in ("label", "small"):
            for share, most in ((1.7, 0.26), (1.35, 0.3), (1.0, 0.36)):
                right_w = min(int(widest_right / share) + 2 * pad, int(inner.w * most))
                right_w = right_w if self.arr.right else 0
                plan = self._plan(inner, size, left_w, right_w, lane)
                if best is None or plan["score"] < best[0]:
                    best = (plan["score"], plan)
                if plan["score"] == (0, 0, 0):
                    break
            if best is not None and best[0] == (0, 0, 0):
                break
        assert best is not None
        plan = best[1]
        self.arr, self.rows = plan["arr"], plan["arr"].rows
        self.rects = {}
        mid, heights, per_row, size = plan["mid"], plan["heights"], plan["per_row"], plan["size"]
        gap_x = st.px(12)
        vgap = min(st.px(70), (inner.h - sum(heights)) / max(1, len(heights) - 1))
        total = sum(heights) + vgap * (len(heights) - 1)
        y = inner.y + max(0.0, (inner.h - total) / 2)
        for row, h in zip(self.rows, heights, strict=True):
            bw = self._box_w(mid, len(row), per_row, gap_x)
            x = mid.centerx - (len(row) * bw + (len(row) - 1) * gap_x) // 2
            for b in row:
                self._fit(b, bw - 2 * pad, size)
                bh = self._box_h(b)
                self.rects[b] = Rect(x, int(y + (h - bh) / 2), bw, bh)
                x += bw + gap_x
            y += h + vgap
        for column, x, cw in (
            (self.arr.left, inner.x, left_w),
            (self.arr.right, inner.right - plan["right_w"], plan["right_w"]),
        ):
            for b in column:
                self._fit(b, cw - 2 * pad, "label" if b in self.arr.left else "small")
            hs = [self._box_h(b) for b in column]
            gap = min(st.px(40), (inner.h - sum(hs)) / max(1, len(hs) - 1))
            y = inner.y + max(0.0, (inner.h - sum(hs) - gap * (len(hs) - 1)) / 2)
            for b, h in zip(column, hs, strict=True):
                self.rects[b] = Rect(x, int(y), cw, h)
                y += h + gap

    def _plan(self, inner: Rect, size: str, left_w: int, right_w: int, lane: int) -> dict[str, Any]:
        """One way to lay the picture out, scored (overflow, crowding, wrapped names): lower
        is better, (0, 0, 0) is a plan where everything fits as it should."""
        st, p, w = self.style, self.app.painter, self.world
        pad, gap_x = st.px(8), st.px(12)
        mid = Rect(
            inner.x + left_w + (lane if left_w else 0),
            inner.y,
            inner.w - left_w - right_w - (lane if left_w else 0) - (lane if right_w else 0),
            inner.h,
        )
        shorts = [w.boxes[b].short for b in w.indicators()]
        widest = max((p.width(x, size, True) for x in shorts), default=st.px(80))
        per_row = max(2, (mid.w + gap_x) // (min(widest + 2 * pad, mid.w // 2) + gap_x))
        arr = world_view.arrange(w, per_row)
        heights, wrapped = [], 0
        for row in arr.rows:
            bw = self._box_w(mid, len(row), per_row, gap_x)
            hs = [self._fit(b, bw - 2 * pad, size) for b in row]
            wrapped += sum(len(self.lines[b]) - 1 for b in row)
            heights.append(max(hs) + st.px(2))
        side = [self._fit(b, right_w - 2 * pad, "small") for b in arr.right]
        over = max(0, sum(heights) + (len(heights) - 1) * st.px(8) - inner.h)
        over += max(0, sum(side) + st.px(6) * (len(side) - 1) - inner.h)
        crowded = int(inner.h - sum(heights) < (len(heights) - 1) * st.px(20))
        return {
            "score": (over, crowded, wrapped),
            "arr": arr,
            "mid": mid,
            "heights": heights,
            "per_row": per_row,
            "size": size,
            "right_w": right_w,
        }

    def _box_w(self, mid: Rect, n: int, per_row: int, gap_x: int) -> int:
        cap = max((mid.w - gap_x * (per_row - 1)) // per_row, self.style.px(200))
        return min(cap, (mid.w - gap_x * (n - 1)) // max(1, n))

    def _fit(self, b: str, room: int, size: str) -> int:
        """Choose a box's words and lines for a text width; returns the box's height."""
        p = self.app.painter
        box = self.world.boxes[b]
        bold = box.kind == "indicator"
        if p.width(box.label, size, bold) <= room:
            lines = [box.label]
        elif p.width(box.short, size, bold) <= room:
            lines = [box.short]
        else:
            lines = p.wrap(box.short, size, room, bold)
        if box.kind == "block":
            lines = lines + p.wrap(box.detail, "small", room)
        self.lines[b], self.fonts[b] = lines, size
        return self._box_h(b)

    def _box_h(self, b: str) -> int:
        st = self.style
        box = self.world.boxes[b]
        lines, size = self.lines[b], self.fonts[b]
        if box.kind == "block":  # its count in the small size under the name
            return (len(lines) - 1) * st.line(size) + st.line("small") + st.px(10)
        return len(lines) * st.line(size, box.kind == "indicator") + st.px(10)

    def _graph_title(self) -> str:
        return i18n.tr("What drives what")

    # -- the legend ----------------------------------------------------------------------------

    def _legend_items(self) -> list[tuple[str, Colour | None, str]]:
        pal = self.pal
        return [
            ("line", pal.warn, i18n.tr("moves the highlighted box")),
            ("line", pal.accent, i18n.tr("is moved by it")),
            ("solid", pal.text_dim, i18n.tr("drift: pulls on it every turn")),
            ("dash", pal.text_dim, i18n.tr("through an event it can set off")),
        ]

    def _item_w(self, item: tuple[str, Colour | None, str]) -> int:
        st = self.style
        return (0 if item[0] == "keys" else st.px(28)) + self.app.painter.width(item[2], "small")

    def _flow(self, items: list[Any], width: int) -> list[list[Any]]:
        rows: list[list[Any]] = [[]]
        used = 0
        sep = self.style.px(18)
        for it in items:
            w = self._item_w(it)
            if rows[-1] and used + sep + w > width:
                rows.append([])
                used = 0
            used += (sep if rows[-1] else 0) + w
            rows[-1].append(it)
        return rows

    def _draw_legend(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.style, self.pal
        surf.blit(backdrop(self.app.size, pal), (0, 0), Rect(self.legend_rect))
        lh = st.line("small") + st.px(4)
        for k, row in enumerate(self.legend_rows):
            x, y = 0, k * lh
            for kind, colour, text in row:
                cy = y + lh // 2
                if kind != "keys":
                    seg = ((x, cy), (x + st.px(22), cy))
                    if kind == "dash":
                        self._dashed(surf, [seg[0], seg[1]], colour, 2, st.px(4))
                    else:
                        pygame.draw.line(surf, colour, seg[0], seg[1], max(2, st.px(3)))
                    x += st.px(28)
                w = p.width(text, "small")
                p.text(surf, text, Rect(x, y, w + 2, lh), "small", pal.text_dim, valign="center")
                x += w + st.px(18)

    # -- header and info -----------------------------------------------------------------------

    def _draw_header(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.style, self.pal
        surf.blit(backdrop(self.app.size, pal), (0, 0), Rect(self.header))
        room = self.close.rect.x - self.header.x - st.u * 2
        title = i18n.tr("How this world works")
        t = p.text(
            surf, title, Rect(0, 0, room, r.h), "title", pal.text, bold=True, valign="center"
        )
        x = t.right + st.u * 2
        # then the scenario's name and the keys, each only where it fits whole
        for text in (
            f"\u00b7  {self.session.title}",
            i18n.tr("Tab or arrows: next box \u00b7 PgUp/PgDn: scroll the list"),
        ):
            w = p.width(text, "small" if x > t.right + st.u * 2 else "label")
            size = "small" if x > t.right + st.u * 2 else "label"
            if w > room - x:
                break
            p.text(surf, text, Rect(x, 0, w + 2, r.h), size, pal.text_dim, valign="center")
            x += w + st.u * 4
        self.close.draw(p, surf, self.hover_close, False, self.header.topleft)

    def info_items(self) -> list[tuple[str, str]]:
        """What the info panel lists for the focused box: (kind, text) pairs."""
        w, b = self.world, self.focus
        if not b:
            return []
        box = w.boxes[b]
        items = [("name", box.label)]
        if box.kind == "indicator" and box.short != box.label:
            items.append(("note", f"({box.short})"))
        if box.detail and box.kind in ("indicator", "block", "ladder"):
            items.append(("note", box.detail if box.kind != "ladder" else ""))
        items = [it for it in items if it[1]]
        items.append(("head_in", i18n.tr("What moves it")))
        items += [("entry", t) for t in w.moved_by[b]] or [
            ("none", i18n.tr("Nothing in the model moves it directly."))
        ]
        items.append(("head_out", i18n.tr("What it moves")))
        items += [("entry", t) for t in w.moves[b]] or [
            ("none", i18n.tr("It moves nothing directly."))
        ]
        if box.kind == "indicator" and w.hidden:
            items.append(
                (
                    "none",
                    i18n.tr("Some of the model is hidden from players: what it does is not shown."),
                )
            )
        return items

    _SIZES = {
        "name": ("body", True),
        "note": ("small", False),
        "head_in": ("small", True),
        "head_out": ("small", True),
        "entry": ("small", False),
        "none": ("small", False),
    }

    def _info_layout(self, inner: Rect) -> tuple[list[tuple[str, str]], list[int], int]:
        p, st = self.app.painter, self.style
        items = self.info_items()
        indent = st.px(12)
        heights = []
        for kind, text in items:
            size, bold = self._SIZES[kind]
            w = inner.w - (indent if kind in ("entry", "none") else 0) - st.px(12)
            extra = st.px(8) if kind.startswith("head") else st.px(4)
            heights.append(p.para_height(text, size, w, bold) + extra)
        return items, heights, indent

    def _draw_info(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.style, self.pal
        surf.blit(backdrop(self.app.size, pal), (0, 0), Rect(self.info_rect))
        inner = draw_panel(surf, r, pal, i18n.tr("In words"), st.fonts)
        items, heights, indent = self._info_layout(inner)
        start, end = self.info_scroll.window(heights, inner.h)
        y = inner.y
        for i in range(start, end):
            kind, text = items[i]
            size, bold = self._SIZES[kind]
            x = inner.x + (indent if kind in ("entry", "none") else 0)
            w = inner.right - st.px(12) - x
            colour = {
                "name": pal.text,
                "note": pal.text_dim,
                "head_in": pal.warn,
                "head_out": pal.accent,
                "none": pal.text_dim,
            }.get(kind, pal.text)
            top = y + (st.px(6) if kind.startswith("head") else 0)
            if kind.startswith("head"):
                pygame.draw.line(
                    surf,
                    colour,
                    (inner.x, top + st.line(size, True) // 2),
                    (inner.x + st.px(16), top + st.line(size, True) // 2),
                    max(2, st.px(3)),
                )
                x = inner.x + st.px(22)
                w = inner.right - x
            if kind == "entry":
                dot = (inner.x + st.px(4), top + st.line(size) // 2)
                pygame.draw.circle(surf, pal.text_dim, dot, max(2, st.px(2)))
            with p.crit():
                p.para(surf, text, Rect(x, top, w, heights[i]), size, colour, bold=bold)
            y += heights[i]
            yield  # (a panel drawn in steps: the frame budget spreads a long list)
        more_marks(surf, inner.inflate(st.px(8), 0), start > 0, end < len(items), pal, st.px(5))

    # -- the picture ---------------------------------------------------------------------------

    def _port(self, a: Rect, b: Rect, side: str) -> tuple[int, int]:
        off = max(-a.w * 0.35, min(a.w * 0.35, (b.centerx - a.centerx) * 0.25))
        y = a.bottom if side == "bottom" else a.top
        return (int(a.centerx + off), y)

    def _curve(self, src: str, dst: str, shift: int = 0) -> list[tuple[float, float]]:
        """The path of a link; `shift` moves its ends sideways (a link each way apart)."""
        a, b = self.rects[src], self.rects[dst]
        st = self.style
        side = set(self.arr.left) | set(self.arr.right)
        if src in side or dst in side:  # across the bands: right side to left side
            if a.centerx > b.centerx:
                a, b = b, a
                flip = True
            else:
                flip = False
            p0 = (
                a.right,
                int(a.centery + max(-a.h * 0.3, min(a.h * 0.3, (b.centery - a.centery) * 0.1))),
            )
            p3 = (
                b.x,
                int(b.centery + max(-b.h * 0.3, min(b.h * 0.3, (a.centery - b.centery) * 0.1))),
            )
            d = max(st.px(20), (p3[0] - p0[0]) * 0.5)
            p0, p3 = (p0[0], p0[1] + shift), (p3[0], p3[1] + shift)
            pts = _bezier(p0, (p0[0] + d, p0[1]), (p3[0] - d, p3[1]), p3)
            return pts[::-1] if flip else pts
        ra, rb = self.row_of(src), self.row_of(dst)
        a, b = a.move(shift, 0), b.move(shift, 0)
        if ra < rb:
            p0, p3 = self._port(a, b, "bottom"), self._port(b, a, "top")
            d = (p3[1] - p0[1]) * 0.5
            return _bezier(p0, (p0[0], p0[1] + d), (p3[0], p3[1] - d), p3)
        if ra > rb:
            p0, p3 = self._port(a, b, "top"), self._port(b, a, "bottom")
            d = (p0[1] - p3[1]) * 0.5
            return _bezier(p0, (p0[0], p0[1] - d), (p3[0], p3[1] + d), p3)
        p0, p3 = self._port(a, b, "bottom"), self._port(b, a, "bottom")
        d = st.px(26)
        return _bezier(p0, (p0[0], p0[1] + d), (p3[0], p3[1] + d), p3)

    def row_of(self, b: str) -> int:
        """The row of an indicator box (-1 for the boxes at the sides)."""
        return next((i for i, r in enumerate(self.rows) if b in r), -1)

    def _dashed(
        self, surf: pygame.Surface, pts: list[Any], colour: Colour, width: int, dash: int
    ) -> None:
        on, left = True, float(dash)
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            seg = math.hypot(x1 - x0, y1 - y0)
            t = 0.0
            while seg > 0 and t < seg:
                step = min(left, seg - t)
                if on:
                    a = (x0 + (x1 - x0) * t / seg, y0 + (y1 - y0) * t / seg)
                    b = (x0 + (x1 - x0) * (t + step) / seg, y0 + (y1 - y0) * (t + step) / seg)
                    pygame.draw.line(surf, colour, a, b, width)
                t += step
                left -= step
                if left <= 0:
                    on, left = not on, float(dash)

    def _link(
        self,
        surf: pygame.Surface,
        link: world_view.Link,
        colour: Colour,
        width: int,
        shift: int = 0,
    ) -> None:
        ox, oy = self.graph_rect.topleft
        pts = [(x - ox, y - oy) for x, y in self._curve(link.src, link.dst, shift)]
        if link.kind == "via":
            self._dashed(surf, pts, colour, width, self.style.px(5))
        else:
            pygame.draw.lines(surf, colour, False, pts, width)
        _arrow(surf, pts, colour, self.style.px(5) + width * 2)

    def _box(self, surf: pygame.Surface, p: Painter, b: str, lit: bool) -> None:
        st, pal = self.style, self.pal
        box = self.world.boxes[b]
        r = self.rects[b].move(-self.graph_rect.x, -self.graph_rect.y)
        role = {"india": pal.india, "us": pal.us}.get(box.role, pal.neutral)
        fill = {
            "indicator": pal.panel_alt,
            "block": blend(pal.panel, role, 0.22),
            "ladder": blend(pal.panel, pal.warn, 0.16),
            "ending": blend(pal.panel, pal.neutral, 0.14),
        }[box.kind]
        radius = r.h // 2 if box.kind == "ending" else st.px(3 if box.kind == "ladder" else 6)
        rounded(surf, r, fill, radius)
        rounded(surf, r, pal.text_dim if lit else pal.border, radius, 1)
        if box.kind == "block":
            rounded(surf, Rect(r.x, r.y, st.px(5), r.h), role, st.px(2))
        font, lines = self.fonts[b], self.lines[b]
        bold = box.kind == "indicator"
        y = r.y + st.px(5)
        for k, line in enumerate(lines):
            dim = box.kind == "block" and k == len(lines) - 1
            lh = st.line("small") if dim else st.line(font, bold)
            with p.crit():
                p.text(
                    surf,
                    line,
                    Rect(r.x + st.px(6), y, r.w - st.px(12), lh),
                    "small" if dim else font,
                    pal.text_dim if dim else pal.text,
                    bold=bold,
                    align="center",
                )
            y += lh

    def _render_base(self, p: Painter) -> pygame.Surface:
        st, pal = self.style, self.pal
        surf = new_surface(self.graph_rect.size)
        surf.blit(backdrop(self.app.size, pal), (0, 0), Rect(self.graph_rect))
        draw_panel(surf, Rect(0, 0, *self.graph_rect.size), pal, self._graph_title(), st.fonts)
        line = blend(pal.panel, pal.text_dim, 0.55)
        for k in self.world.links:
            if k.drawn:
                self._link(surf, k, line, max(1, st.px(2)))
        for b in self.rects:
            self._box(surf, p, b, False)
        return surf

    def _draw_graph(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.style, self.pal
        if self._base is None or p.recording:
            self._base = self._render_base(p)
            yield  # the picture is drawn once; what follows is the highlight over it
        surf.blit(self._base, (0, 0))
        if not self.focus:
            return
        inner = panel_content_rect(Rect(r), st.fonts, self._graph_title())
        if self._veil is None:
            self._veil = pygame.Surface(inner.size, pygame.SRCALPHA)
            self._veil.fill((*pal.panel, 170))
        surf.blit(self._veil, inner.topleft)
        links = self.world.linked(self.focus)
        lit = {self.focus} | {k.src for k in links} | {k.dst for k in links}
        width = max(2, st.px(3))
        yield
        for k in links:  # what moves it in one colour, what it moves in another, apart
            into = k.dst == self.focus
            self._link(surf, k, pal.warn if into else pal.accent, width, st.px(4 if into else -4))
        for b in lit:
            self._box(surf, p, b, True)
        fr = self.rects[self.focus].move(-self.graph_rect.x, -self.graph_rect.y)
        rounded(surf, fr.inflate(st.px(6), st.px(6)), pal.accent, st.px(8), max(2, st.px(2)))

    # -- input ---------------------------------------------------------------------------------

    def order(self) -> list[str]:
        """The boxes in reading order (Tab goes through them): events, indicators, endings."""
        return self.arr.left + [b for row in self.rows for b in row] + self.arr.right

    def set_focus(self, b: str) -> None:
        """Focus a box: its links light up and its lists show."""
        if b and b != self.focus and b in self.rects:
            self.focus = b
            self.info_scroll = ItemScroll()
            self.invalidate("graph", "info")

    def box_at(self, pos: tuple[int, int]) -> str | None:
        """The box under a point (window coordinates)."""
        return next((b for b, r in self.rects.items() if r.collidepoint(pos)), None)

    def neighbour(self, dx: int, dy: int) -> str:
        """The next box in a direction from the focused one: in the nearest row (or column)
        that way, the one most in line; the focused box itself if there is none."""
        here = self.rects[self.focus].center
        found = []
        for b, r in self.rects.items():
            vx, vy = r.centerx - here[0], r.centery - here[1]
            along, across = vx * dx + vy * dy, abs(vx * dy) + abs(vy * dx)
            if b != self.focus and along > self.style.px(4):
                found.append((along, across, b))
        if not found:
            return self.focus
        near = min(a for a, _, _ in found) + self.style.px(24)
        return min((c, a, b) for a, c, b in found if a <= near)[2]

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.MOUSEMOTION:
            over = self.close.rect.collidepoint(e.pos)
            if over != self.hover_close:
                self.hover_close = over
                self.invalidate("header")
            b = self.box_at(e.pos)
            if b is not None:
                self.set_focus(b)
            return None
        if e.type == pygame.MOUSEBUTTONDOWN and e.button == 1:
            if self.close.rect.collidepoint(e.pos):
                return Pop()
            b = self.box_at(e.pos)
            if b is not None:
                self.set_focus(b)
            return None
        if e.type == pygame.MOUSEWHEEL:
            self.scroll(-e.y)
            return None
        if e.type != pygame.KEYDOWN:
            return None
        k = e.key
        if k in (pygame.K_ESCAPE, pygame.K_m, pygame.K_BACKSPACE):
            return Pop()
        order = self.order()
        if not order:
            return None
        if self.focus not in self.rects:
            self.set_focus(order[0])
            return None
        if k == pygame.K_TAB:
            i = order.index(self.focus) if self.focus in order else -1
            step = -1 if e.mod & pygame.KMOD_SHIFT else 1
            self.set_focus(order[(i + step) % len(order)])
        elif k in ARROWS:
            self.set_focus(self.neighbour(*ARROWS[k]))
        elif k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.scroll(3 if k == pygame.K_PAGEDOWN else -3)
        return None

    def scroll(self, n: int) -> None:
        """Scroll the list of what moves the focused box."""
        self.info_scroll.scroll(n)
        self.invalidate("info")

    # -- for tests and tools -------------------------------------------------------------------

    def regions(self) -> dict[str, Rect]:
        return {
            "header": Rect(self.header),
            "graph": Rect(self.graph_rect),
            "info": Rect(self.info_rect),
            "legend": Rect(self.legend_rect),
        }

    def targets(self) -> dict[str, Rect]:
        out = {"close": Rect(self.close.rect)}
        out.update({f"box:{b}": Rect(r) for b, r in self.rects.items()})
        return out

    def describe(self) -> dict[str, Any]:
        box = self.world.boxes.get(self.focus)
        return {
            "name": self.name,
            "focus": self.focus,
            "label": box.label if box else "",
            "moved_by": list(self.world.moved_by.get(self.focus, [])),
            "moves": list(self.world.moves.get(self.focus, [])),
            "lit": sorted({x for k in self.world.linked(self.focus) for x in (k.src, k.dst)}),
        }
