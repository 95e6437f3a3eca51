"""The turn screen's other panels: header, indicators (with the escalation ladder and the
indicator tooltip), and the map frame and news.

Drawn for `TurnScreen`, whose state (scroll, laid-out items, hover) they read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.presentation import fmt_value, period_changes, turn_label
from game.ui import charts, i18n, maplink
from game.ui.catalogue import turn_word
from game.ui.controls import (
    Item,
    icon_check,
    icon_cross,
    icon_dot,
    icon_menu,
    icon_triangle,
    keycap,
    more_marks,
    rounded,
)
from game.ui.glossary_marks import marking
from game.ui.intents import (
    BUTTONS,
    Choose,
    DecisionText,
    FocusTab,
    OpenMenu,
    OpenWorld,
    ShowIndicator,
)
from game.ui.painter import Painter
from game.ui.pixels import backdrop, backdrop_under_panel
from game.ui.screen import Rect
from game.ui.session import IndicatorInfo
from game.ui.theme import PANEL_PADDING, TEXT, blend, draw_panel, panel_content_rect
from game.ui.world_screen import draw_world_link

if TYPE_CHECKING:
    from game.ui.turn import TurnScreen

Colour = tuple[int, int, int]


class HeaderPanel:
    """The header: game, scenario, role, turn and the header buttons."""

    def __init__(self, screen: TurnScreen) -> None:
        self.turn = screen

    def draw(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal, s = self.turn.style, self.turn.pal, self.turn.session
        surf.blit(backdrop(self.turn.app.size, pal), (0, 0), Rect(self.turn.header))
        g = s.game
        y = r.centery
        x = 0
        menu_x = self.turn.header_buttons[0].rect.x - self.turn.header.x - st.u * 2
        turns = s.definition.period.turns
        turn_text = f"{turn_label(g)}  \u00b7  turn {g.turn} of {turns}"
        role_w = p.width(s.role_name(), "label", True) + st.px(30)
        title_need = p.width(s.title, "title")
        brand = "STRATEGIC CONVERGENCE"
        brand_w = p.width(brand, "small", True) + st.u * 4
        # what the header keeps when it is narrow: turn and role first, then the title
        if brand_w + title_need + role_w + p.width(turn_text, "title", True) + st.u * 6 > menu_x:
            turn_text = f"{turn_label(g)} ({g.turn}/{turns})"
        turn_w = p.width(turn_text, "title", True)
        if brand_w + title_need + role_w + turn_w + st.u * 6 <= menu_x:
            cap = p.text(
                surf,
                brand,
                Rect(x, 0, brand_w, r.h),
                "small",
                pal.accent,
                bold=True,
                valign="center",
            )
            x = cap.right + st.u * 2
            pygame.draw.line(surf, pal.border, (x, st.px(8)), (x, r.h - st.px(8)))
            x += st.u * 2
        title_w = max(st.px(60), menu_x - x - turn_w - role_w - st.u * 6)
        t = p.text(surf, s.title, Rect(x, 0, title_w, r.h), "title", pal.text, valign="center")
        x = t.right + st.u * 3
        colour = pal.india if s.role == "india" else pal.us
        chip = Rect(
            x, y - st.line("label", True) // 2 - st.px(3), role_w, st.line("label", True) + st.px(6)
        )
        rounded(surf, chip, blend(pal.background, colour, 0.25), chip.h // 2)
        icon_dot(surf, (chip.x + st.px(11), chip.centery), st.px(4), colour)
        p.text(
            surf,
            s.role_name(),
            Rect(chip.x + st.px(20), chip.y, chip.w - st.px(24), chip.h),
            "label",
            pal.text,
            bold=True,
            valign="center",
        )
        x = chip.right + st.u * 3
        p.text(
            surf,
            turn_text,
            Rect(x, 0, max(0, menu_x - x), r.h),
            "title",
            pal.text,
            bold=True,
            valign="center",
        )
        mb = self.turn.menu_button.rect.move(-self.turn.header.x, -self.turn.header.y)
        if self.turn.hover == OpenMenu():
            rounded(surf, mb, pal.panel_alt, st.px(6))
        icon_menu(
            surf, Rect(mb.x + st.px(12), mb.centery - st.px(6), st.px(14), st.px(13)), pal.text
        )
        cap = keycap(p, surf, "Esc", mb.right - st.px(10), mb.centery)
        p.text(
            surf,
            i18n.tr("Menu"),
            Rect(mb.x + st.px(34), mb.y, cap.x - mb.x - st.px(38), mb.h),
            "label",
            pal.text,
            bold=True,
            valign="center",
        )
        why = self.turn.header_buttons[0]
        why.enabled = s.last_report is not None
        for b in self.turn.header_buttons:
            b.draw(
                p,
                surf,
                self.turn.hover == BUTTONS[b.id] and b.enabled,
                False,
                self.turn.header.topleft,
            )


class DashboardPanel:
    """The indicators, the escalation ladder and the tooltip over an indicator."""

    def __init__(self, screen: TurnScreen) -> None:
        self.turn = screen

    def place(self) -> None:
        st = self.turn.style
        inner = panel_content_rect(Rect(self.turn.dash_rect), st.fonts, i18n.tr("Indicators"))
        groups = self.turn.session.groups()
        n_rows = sum(len(g) for _, g in groups)
        n_heads = (
            sum(1 for name, _ in groups if name)
            if len(groups) > 1 or groups and groups[0][0]
            else 0
        )
        head_h = st.line("small", True) + st.px(6)
        base = st.line("label", True)
        avail = inner.h - n_heads * head_h
        row_h = max(base + st.px(2), min(base + st.px(18), avail // max(1, n_rows)))
        items: list[Item] = []
        for name, infos in groups:
            if name and n_heads:
                items.append(Item("group", name, head_h))
            for info in infos:
                items.append(Item("row", info, row_h))
        heights = [it.height for it in items]
        start, end = self.turn.dash_scroll.window(heights, inner.h)
        while end - 1 > start and items[end - 1].kind == "group":
            end -= 1  # a group heading never ends the view without its first row
        y = inner.y
        for i, it in enumerate(items):
            if start <= i < end:
                it.rect = Rect(inner.x, y, inner.w, it.height)
                y += it.height
            else:
                it.rect = None
        self.turn.dash_items = items
        self.turn.dash_window = (start, end, len(items), inner)

    def draw(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal, s = self.turn.style, self.turn.pal, self.turn.session
        backdrop_under_panel(surf, self.turn.app.size, pal, Rect(self.turn.dash_rect), st.fonts)
        draw_panel(surf, r, pal, i18n.tr("Indicators"), st.fonts)
        self._row_bg = {}
        draw_world_link(self.turn, surf, p, self.turn.hover == OpenWorld())
        yield  # (every step of a panel's drawing is short: a frame's budget holds)
        ox, oy = self.turn.dash_rect.topleft
        vals = s.game.values()
        for it in self.turn.dash_items:
            if it.rect is None:
                continue
            rr = it.rect.move(-ox, -oy)
            if it.kind == "group":
                label = str(it.data).replace("_", " ").upper()
                p.text(
                    surf,
                    label,
                    Rect(rr.x, rr.y + st.px(2), rr.w, rr.h - st.px(2)),
                    "small",
                    pal.text_dim,
                    bold=True,
                )
                continue
            info: IndicatorInfo = it.data
            area = self._row_area(rr).clip(surf.get_rect())
            self._row_bg[info.name] = surf.subsurface(area).copy()  # for `patch`
            self.draw_row(surf, p, rr, info, vals[info.name])
            yield
        start, end, n, inner = self.turn.dash_window
        more_marks(
            surf, inner.move(-ox, -oy).inflate(st.px(8), 0), start > 0, end < n, pal, st.px(5)
        )

    def _row_area(self, rr: Rect) -> Rect:
        """Where a row's pixels go (a hovered row's highlight reaches past its sides)."""
        return rr.inflate(self.turn.style.px(6), 0)

    def patch(self, old: Any, new: Any) -> bool:
        """Repaint in place only the rows whose hover changed (from `old` to `new`).

        The rows' layout is the same, so the rest of the panel's pixels stand; False
        (nothing done) when a full redraw is needed.
        """
        panel = self.turn.panels.get("dashboard")
        p = self.turn.app.painter
        if (
            panel is None
            or panel.dirty
            or panel.surface is None
            or p.recording
            or any(h == OpenWorld() for h in (old, new))
        ):
            return False
        names = {h.name for h in (old, new) if isinstance(h, ShowIndicator)}
        rows = [
            it
            for it in self.turn.dash_items
            if it.kind == "row" and it.rect is not None and it.data.name in names
        ]
        if any(it.data.name not in getattr(self, "_row_bg", {}) for it in rows):
            return False
        surf = panel.surface
        ox, oy = self.turn.dash_rect.topleft
        vals = self.turn.session.game.values()
        p.origin, p.owner = panel.rect.topleft, panel.name
        try:
            for it in rows:
                rr = it.rect.move(-ox, -oy)
                surf.blit(self._row_bg[it.data.name], self._row_area(rr).clip(surf.get_rect()))
                self.draw_row(surf, p, rr, it.data, vals[it.data.name])
        finally:
            p.origin, p.owner = (0, 0), ""
            panel.touch()
        return True

    def mark_width(self) -> int:
        """Width of the rows' last column: the objective's tick or cross and its threshold."""
        st, p, s = self.turn.style, self.turn.app.painter, self.turn.session
        key = (id(s), st.fonts.scale, st.layout_scale)
        if getattr(self, "_mark_w", (None, 0))[0] == key:
            return self._mark_w[1]
        self._mark_w = (key, self._measure_marks(st, p, s))
        return self._mark_w[1]

    @staticmethod
    def _measure_marks(st: Any, p: Painter, s: Any) -> int:
        texts = [
            threshold(info, t.value)
            for info in s.indicators
            if (t := s.target(info.name)) is not None
        ]
        if not texts:
            return 0
        return st.px(24) + max(p.width(t, "small") for t in texts)

    def row_colours(self, info: IndicatorInfo, value: float) -> tuple[float, dict[str, Colour]]:
        """The last change of an indicator's row and its colours, one meaning each: the arrow
        (and line) green or red for a move in or against the player's favour, the value
        plain, the objective's mark teal when met and amber when not."""
        pal, hist = self.turn.pal, self.turn.session.game.history
        # the last accounting period's change, as in "what changed, and why"
        delta = (
            float(hist[-1][info.column]) - float(hist[-2][info.column]) if len(hist) > 1 else 0.0
        )
        moved = abs(delta) >= 10 ** (-info.decimals) / 2
        verdict = 0 if not moved or info.good == 0 else (1 if delta * info.good > 0 else -1)
        target = self.turn.session.target(info.name)
        met = target is not None and meets(value, target.op, target.value)
        return delta, {
            "arrow": pal.good if verdict > 0 else pal.bad if verdict < 0 else pal.neutral,
            "value": pal.text,
            "mark": pal.accent if met else pal.warn,
        }

    def draw_row(
        self, surf: pygame.Surface, p: Painter, rr: Rect, info: IndicatorInfo, value: float
    ) -> None:
        """One indicator: its name, a sparkline with the objective's line, the last change's
        arrow (green: in your favour, red: against you), the value (no colour), and the
        objective's tick or cross with its threshold."""
        st, pal, s = self.turn.style, self.turn.pal, self.turn.session
        hovered = self.turn.hover == ShowIndicator(info.name)
        if hovered:
            rounded(surf, rr.inflate(st.px(6), 0), pal.panel_alt, st.px(4))
        delta, colours = self.row_colours(info, value)
        colour = colours["arrow"]
        moved = abs(delta) >= 10 ** (-info.decimals) / 2
        value_text = info.with_unit(value)
        vw = max(p.width(value_text, "label", True), st.px(44))
        mark_w = self.mark_width()
        delta_w = st.px(12)
        free = rr.w - vw - delta_w - mark_w - st.u * 2
        # the name first (the whole label if it fits beside a short line), then the line
        name = info.label
        if free - p.width(name, "label") - st.px(2) < st.px(24):
            name = info.name_short
        need = p.width(name, "label") + st.px(2)
        spark_w = max(0, min(max(st.px(30), min(st.px(90), int(rr.w * 0.15))), free - need))
        label_w = free - spark_w
        line_h = st.line("label", True)
        ty = rr.y + (rr.h - line_h) // 2
        with p.crit():
            p.text(surf, name, Rect(rr.x, ty, label_w, line_h), "label", pal.text, valign="center")
        target = s.target(info.name)
        if spark_w >= st.px(12):
            spark = Rect(rr.x + label_w + st.u, rr.y + st.px(4), spark_w, rr.h - st.px(8))
            charts.sparkline(
                surf,
                spark,
                s.history(info),
                colour if info.good else pal.accent,
                target=target.value if target else None,
                target_colour=pal.text_dim,
                bg=pal.panel_alt if hovered else pal.panel,
                palette=pal,
                fonts=st.fonts,
            )
        dx = rr.x + label_w + spark_w + st.u
        if moved:
            icon_triangle(surf, (dx + st.px(5), rr.centery), st.px(8), delta > 0, colour)
        vx = rr.right - mark_w - vw
        with p.crit():
            p.text(
                surf,
                value_text,
                Rect(vx, ty, vw, line_h),
                "label",
                colours["value"],
                bold=True,
                align="right",
            )
            if target is not None:
                met = meets(value, target.op, target.value)
                mx = rr.right - mark_w + st.px(3)
                icon = Rect(mx, rr.centery - st.px(5), st.px(10), st.px(10))
                (icon_check if met else icon_cross)(surf, icon, colours["mark"])
                icon_compare(
                    surf, (icon.right + st.px(5), rr.centery), st.px(3), target.op, pal.text_dim
                )
                tx = icon.right + st.px(10)
                p.text(
                    surf,
                    threshold(info, target.value),
                    Rect(tx, ty, rr.right - tx, line_h),
                    "small",
                    pal.text_dim,
                    valign="center",
                )

    def draw_ladder(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.turn.style, self.turn.pal
        surf.blit(backdrop(self.turn.app.size, pal), (0, 0), Rect(self.turn.ladder_rect))
        ladders = self.turn.session.ladders()
        if not ladders:
            return
        label, rungs, cur, _ = ladders[0]
        inner = draw_panel(surf, r, pal, f"Escalation \u00b7 {label}", st.fonts)
        charts.ladder(surf, inner, rungs, cur, fonts=st.fonts, palette=pal, bg=pal.panel)

    def indicator_tip(self, info: IndicatorInfo) -> str:
        """An indicator's tooltip: what it is, the objective's threshold and whether it is
        met, what moved it since the last turn (the ledger's causes), which way is good."""
        s = self.turn.session
        text = info.label + (f": {info.description}" if info.description else "")
        value = s.game.values()[info.name]
        target = s.target(info.name)
        if target is not None:
            met = meets(value, target.op, target.value)
            need = f"{OP_WORDS.get(target.op, target.op)} {threshold(info, target.value, True)}"
            text += (
                f"\nObjective: {target.objective} \u2014 {'met' if met else 'not met'}: "
                f"{info.with_unit(value)} now, {need} needed."
            )
        period = s.game.periods()
        key = (s.gen, period)
        if getattr(self, "_changes", (None,))[0] != key:
            self._changes = (key, period_changes(s.game, period) if period else {})
        total, causes = self._changes[1].get(info.name, (0.0, []))
        if period and causes:
            shown = "; ".join(f"{label} {info.fmt(amount, True)}" for label, amount in causes[:4])
            more = f"; {len(causes) - 4} more" if len(causes) > 4 else ""
            text += f"\nSince the last turn {info.fmt(total, True)}: {shown}{more}."
        elif period:
            text += "\nUnchanged since the last turn."
        text += (
            "\n"
            + {
                1: "Higher is better for you.",
                -1: "Lower is better for you.",
                0: "Neither good nor bad in itself for you.",
            }[info.good]
        )
        return text + "\nClick for its fan chart."

    def tooltip(self) -> tuple[str, Rect | None, str]:
        """What the hovered thing's tooltip says, the rectangle it belongs beside (None:
        the mouse) and on which side: "right" or "left", never over the cards."""
        hover = self.turn.hover
        if isinstance(hover, ShowIndicator):
            info = self.turn.session.indicator(hover.name)
            if info is not None:
                rows = [
                    it.rect for it in self.turn.dash_items if it.kind == "row" and it.data is info
                ]
                row = rows[0] if rows and rows[0] is not None else self.turn.dash_rect
                return (
                    self.indicator_tip(info),
                    Rect(self.turn.dash_rect.x, row.y, self.turn.dash_rect.w, row.h),
                    "right",
                )
        elif isinstance(hover, Choose):
            dec = next((d for d in self.turn.decisions if d.slot == hover.slot), None)
            if dec is not None and hover.option < len(dec.options):
                opt = dec.options[hover.option]
                text = opt.text or opt.label
                if not opt.legal:
                    text += "\nNot available now."
                return text, self._beside_decisions(self.turn.hits.get(hover)), "left"
        elif isinstance(hover, FocusTab):
            decs, tab = self.turn.decisions, self.turn.hits.get(hover)
            p = self.turn.app.painter
            if (
                hover.index < len(decs)
                and tab is not None
                and p.width(decs[hover.index].title, "small", True) > tab.w - self.turn.style.px(40)
            ):  # a tab that shows only its number
                return (
                    decs[hover.index].title,
                    self._beside_decisions(self.turn.hits.get(hover)),
                    "left",
                )
        elif hover == DecisionText():
            dec = self.turn.focused()
            if dec is not None and dec.text:
                return dec.text, self._beside_decisions(self.turn.hits.get(hover)), "left"
        elif self.turn.map_rect.collidepoint(self.turn.mouse):
            place = maplink.place_under_mouse(self.turn)
            if place:
                # the place, then the headlines of this turn's news about it
                return maplink.tooltip(self.turn, place), None, "right"
        return "", None, "right"

    def _beside_decisions(self, r: Rect | None) -> Rect:
        """The decisions column at the height of `r` (tooltips go to its left)."""
        d = self.turn.dec_rect
        return Rect(d.x, r.y if r is not None else d.y, d.w, r.h if r is not None else 0)

    def draw_tooltip(self, surface: pygame.Surface) -> Rect | None:
        """A small card explaining the hovered indicator, option, tab or map place; returns
        where it was drawn (None: nowhere)."""
        placed = self.placed_tooltip(surface.get_rect())
        if placed is None:
            return None
        return surface.blit(*placed)

    def placed_tooltip(self, screen: Rect) -> tuple[pygame.Surface, Rect] | None:
        """The tooltip's picture and where it goes (None: no tooltip)."""
        st, pal, p = self.turn.style, self.turn.pal, self.turn.app.painter
        text, anchor, side = self.tooltip()
        if not text:
            return None
        w = min(st.px(340), screen.w // 3)
        key = (text, w, id(pal))
        cached = getattr(self, "_tip_cache", None)
        if cached is None or cached[0] != key:
            pad = st.u
            lines_h = sum(p.para_height(line, "small", w - 2 * pad) for line in text.split("\n"))
            surf = pygame.Surface((w, lines_h + 2 * pad), pygame.SRCALPHA)
            rounded(surf, surf.get_rect(), pal.panel_alt, st.px(6))
            rounded(surf, surf.get_rect(), pal.border, st.px(6), 1)
            y = pad
            for line in text.split("\n"):
                h = p.para_height(line, "small", w - 2 * pad)
                p.para(surf, line, Rect(pad, y, w - 2 * pad, h), "small", pal.text)
                y += h
            cached = (key, surf)
            self._tip_cache = cached
        surf = cached[1]
        gap = st.px(8)
        if anchor is None:
            r = surf.get_rect(
                topleft=(self.turn.mouse[0] + st.px(16), self.turn.mouse[1] + st.px(16))
            )
        elif side == "left":
            r = surf.get_rect(topright=(anchor.x - gap, anchor.y))
        else:
            r = surf.get_rect(topleft=(anchor.right + gap, anchor.y))
        r.clamp_ip(screen)
        return surf, r


class NewsPanel:
    """The map frame and the news of the turn."""

    def __init__(self, screen: TurnScreen) -> None:
        self.turn = screen

    def period_word(self) -> str:
        """What one turn is called: quarter, half-year, year, month, or turn (a shorter
        length's turns span uneven parts of the story)."""
        return turn_word(self.turn.session.definition)

    def quiet_text(self) -> str:
        """What the news panel says when there is no news."""
        if self.turn.decisions:
            return f"A quiet {self.period_word()}: no news beyond the decisions on your desk."
        return f"A quiet {self.period_word()}: no news, and no decision due."

    def title_height(self, title: str, width: int) -> int:
        """A headline's height: wrapped, never cut (a narrow column at large text)."""
        st, p = self.turn.style, self.turn.app.painter
        w = width - st.u - st.px(2)
        return max(st.line("body", True), p.para_height(title, "body", w, True))

    def place(self) -> None:
        st, p = self.turn.style, self.turn.app.painter
        inner = panel_content_rect(Rect(self.turn.news_rect), st.fonts, i18n.tr("News"))
        items = []
        for title, text, actor, spots in self.turn.session.news():
            h = (
                self.title_height(title, inner.w - st.px(14))
                + p.para_height(text, "small", inner.w - st.px(14), max_lines=3)
                + st.line("small")
                + st.u
            )
            items.append(Item("news", (title, text, actor, spots), h))
        if not items:
            quiet = p.para_height(self.quiet_text(), "body", inner.w - st.px(14))
            items.append(Item("quiet", None, quiet))
        heights = [it.height for it in items]
        start, end = self.turn.news_scroll.window(heights, inner.h, st.u)
        y = inner.y
        for i, it in enumerate(items):
            if start <= i < end:
                it.rect = Rect(inner.x, y, inner.w - st.px(14), it.height)
                y += it.height + st.u
            else:
                it.rect = None
        self.turn.news_items = items
        self.turn.news_window = (start, end, len(items), inner)

    def draw_mapframe(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        fonts = self.turn.style.fonts
        backdrop_under_panel(
            surf, self.turn.app.size, self.turn.pal, Rect(self.turn.map_frame), fonts
        )
        title = panel_title(self.turn._map_title(), i18n.tr("Hot spots"), r, fonts)
        draw_panel(surf, r, self.turn.pal, title, fonts)
        b = self.turn.map_button
        if b is not None:  # (large text: the map opens at full size)
            hover = self.turn.hover == BUTTONS["map"]
            b.draw(p, surf, hover, False, self.turn.map_frame.topleft)

    def draw(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.turn.style, self.turn.pal
        backdrop_under_panel(surf, self.turn.app.size, pal, Rect(self.turn.news_rect), st.fonts)
        full = f"{i18n.tr('News')} \u00b7 {turn_label(self.turn.session.game)}"
        draw_panel(surf, r, pal, panel_title(full, i18n.tr("News"), r, st.fonts), st.fonts)
        yield
        ox, oy = self.turn.news_rect.topleft
        for it in self.turn.news_items:
            if it.rect is None:
                continue
            rr = it.rect.move(-ox, -oy)
            if it.kind == "quiet":
                p.para(surf, self.quiet_text(), rr, "body", pal.text_dim)
                continue
            title, text, actor, spots = it.data
            pygame.draw.rect(
                surf,
                pal.hotspot if spots else pal.border,
                (rr.x, rr.y + st.px(3), st.px(3), rr.h - st.px(6)),
            )
            x = rr.x + st.u + st.px(2)
            w = rr.w - st.u - st.px(2)
            th = self.title_height(title, rr.w)
            with p.crit():  # a headline is decision-critical: wrapped, never cut
                p.para(surf, title, Rect(x, rr.y, w, th), "body", pal.text, bold=True)
            y = rr.y + th
            with marking(p, self.turn.session.definition.glossary):  # terms: hover, click
                used = p.para(
                    surf,
                    text,
                    Rect(x, y, w, rr.bottom - y - st.line("small")),
                    "small",
                    pal.text_dim,
                    max_lines=3,
                )
            if actor:
                p.text(
                    surf,
                    actor,
                    Rect(x, max(used.bottom, y), w, st.line("small")),
                    "small",
                    pal.accent,
                )
            yield
        start, end, n, inner = self.turn.news_window
        more_marks(
            surf, inner.move(-ox, -oy).inflate(st.px(8), 0), start > 0, end < n, pal, st.px(5)
        )


def panel_title(full: str, short: str, rect: Rect, fonts: Any) -> str:
    """A panel's title whole if it fits its frame, else its short form (a narrow column at
    large text: "News" rather than "NEWS · 2025…")."""
    pad = int(round(PANEL_PADDING * fonts.scale))
    tracking = max(1, int(round(fonts.scale)))
    text = i18n.shown(full)
    room = rect.w - 2 * pad - tracking * len(text)
    return full if TEXT.width(text.upper(), fonts.get("small", bold=True)) <= room else short


def threshold(info: IndicatorInfo, value: float, unit: bool = False) -> str:
    """An objective's threshold as written in the scenario: whole numbers without decimals."""
    decimals = 0 if float(value).is_integer() else info.decimals
    return fmt_value(value, decimals, info.unit if unit else "")


OP_WORDS = {">=": "at least", ">": "more than", "<=": "at most", "<": "less than"}


def icon_compare(
    surface: pygame.Surface, center: tuple[int, int], size: int, op: str, colour: tuple
) -> None:
    """A comparison sign drawn as lines (the font has no >= or <=): >=, <=, > or <."""
    x, y = center
    top, bottom = (y - size, y + size) if len(op) == 1 else (y - size, y + size // 3)
    mid = (top + bottom) // 2
    tip, tail = (x + size, x - size) if op.startswith(">") else (x - size, x + size)
    pygame.draw.lines(surface, colour, False, [(tail, top), (tip, mid), (tail, bottom)])
    if op.endswith("="):
        pygame.draw.line(surface, colour, (x - size, y + size), (x + size, y + size))


def meets(value: float, op: str, target: float) -> bool:
    """True if `value op target` holds."""
    return {
        ">=": value >= target,
        ">": value > target,
        "<=": value <= target,
        "<": value < target,
    }.get(op, False)
