"""The turn screen: dashboard, map, news and the decisions due, each option with its outlook.

Layout (computed from the window size on every resize):

    header:  Strategic Convergence · scenario · role · turn (t/T)   [What changed?] [Help] [Menu]
    body:    indicators (+ ladder) | map / news | decisions (tabs, options, option in detail)
                                                | status                      [End turn]

Assessments (forecast + advisors) arrive from the background worker; until then the
cards say "assessing…" and stay fully usable.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import charts, i18n
from game.ui.common import ACTIVATE_KEYS
from game.ui.controls import (
    Button,
    ItemScroll,
    bar,
    button_height,
    icon_check,
    icon_dot,
    icon_menu,
    icon_spinner,
    icon_triangle,
    keycap,
    more_marks,
    rounded,
)
from game.ui.painter import Painter
from game.ui.pixels import backdrop
from game.ui.screen import Push, Rect, Screen, Transition
from game.ui.session import IndicatorInfo, OptionOutlook, Session, TurnReport
from game.ui.theme import blend, draw_panel, panel_content_rect
from game.ui.turn_classroom import ClassroomTurn

if TYPE_CHECKING:
    from game.engine.game import Decision
    from game.ui.app import App

NUMBER_KEYS = {
    pygame.K_1: 0,
    pygame.K_2: 1,
    pygame.K_3: 2,
    pygame.K_4: 3,
    pygame.K_KP1: 0,
    pygame.K_KP2: 1,
    pygame.K_KP3: 2,
    pygame.K_KP4: 3,
}


@dataclass
class Item:
    """A laid-out piece of a scrolling panel: kind, data and its rect (window coordinates)."""

    kind: str
    data: Any
    height: int
    rect: Rect | None = None


def advisor_tags(advisors: dict[str, Any]) -> dict[str, str]:
    """Short, distinct tags for a role's advisors (e.g. D, C, E, F; USTR)."""
    tags: dict[str, str] = {}
    for key in advisors:
        base = key.split("_")[0]
        tag = base.upper() if len(base) <= 4 else base[0].upper()
        n = 1
        while tag in tags.values():
            n += 1
            tag = base[:n].upper()
        tags[key] = tag
    return tags


class TurnScreen(ClassroomTurn, Screen):
    """The heart of the game: see the situation, weigh the options, end the turn."""

    name = "turn"
    animated = True

    def __init__(self, app: App, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.dfocus = 0
        self.ofocus: int | None = None
        self.hover: str | None = None
        self.mouse = (-1, -1)
        self.waiting = False
        self.turn_seen = session.game.turn
        self.dash_scroll = ItemScroll()
        self.news_scroll = ItemScroll()
        self.dec_scroll: dict[int, ItemScroll] = {}
        self.hits: dict[str, Rect] = {}
        self.dec_items: list[Item] = []
        self.dash_items: list[Item] = []
        self.news_items: list[Item] = []
        self.tags = advisor_tags(session.definition.roles[session.role].advisors)
        self._outlooks: dict[tuple[int, int], list[OptionOutlook] | None] = {}
        self.tutorial_shown = False
        self.stale = False
        self._resolve_now = False
        self._steps: Generator[None, None, Transition | None] | None = None
        self._dec_bg: dict[Any, pygame.Surface] = {}  # pixels under option cards and detail
        self._dec_drawn: dict[Any, Any] = {}  # how each card (and the detail) was drawn
        for name, fn in (
            ("header", self._draw_header),
            ("dashboard", self._draw_dashboard),
            ("ladder", self._draw_ladder),
            ("mapframe", self._draw_mapframe),
            ("news", self._draw_news),
            ("decisions", self._draw_decisions),
            ("footer", self._draw_footer),
        ):
            self.add_panel(name, fn)
        self._new_turn()

    # -- state ------------------------------------------------------------------------------

    @property
    def decisions(self) -> list[Decision]:
        """The human's decisions this turn."""
        return self.session.decisions()

    def focused(self) -> Decision | None:
        """The decision with keyboard focus."""
        decs = self.decisions
        if not decs:
            return None
        self.dfocus = max(0, min(self.dfocus, len(decs) - 1))
        return decs[self.dfocus]

    def _new_turn(self) -> None:
        self.tags = advisor_tags(self.session.definition.roles[self.session.role].advisors)
        self.unfocus_note()
        self.dfocus = 0
        self.ofocus = None
        self.waiting = False
        self._outlooks = {}
        self.dec_scroll = {}
        self.news_scroll = ItemScroll()
        self.turn_seen = self.session.game.turn

    def outlook(self, slot: int) -> list[OptionOutlook] | None:
        """The options' outlook of a decision (cached per turn)."""
        key = (self.session.gen, slot)
        if key not in self._outlooks or self._outlooks[key] is None:
            self._outlooks[key] = self.session.outlook(slot)
        return self._outlooks[key]

    def highlighted(self) -> int | None:
        """The option whose assessment is shown: hovered, else keyboard focus, else chosen."""
        dec = self.focused()
        if dec is None:
            return None
        if self.hover and self.hover.startswith(f"opt:{dec.slot}:"):
            return int(self.hover.split(":")[2])
        if self.ofocus is not None:
            return self.ofocus
        return self.session.choices.get(dec.slot, 0)

    # -- layout -----------------------------------------------------------------------------

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        m = st.u * 2
        gap = st.px(12)
        header_h = st.line("title", True) + st.u * 2
        self.header = Rect(m, m, win.w - 2 * m, header_h)
        bh = button_height(p)
        body = Rect(
            m, self.header.bottom + gap, win.w - 2 * m, win.h - m - self.header.bottom - gap
        )
        left_w = int(min(max(body.w * 0.27, st.px(290)), st.px(460)))
        right_w = int(min(max(body.w * 0.36, st.px(380)), st.px(760)))
        center_w = body.w - left_w - right_w - 2 * gap
        left = Rect(body.x, body.y, left_w, body.h)
        center = Rect(left.right + gap, body.y, center_w, body.h)
        right = Rect(center.right + gap, body.y, right_w, body.h)
        ladders = self.session.ladders()
        if ladders:
            n = max(len(r) for _, r, _, _ in ladders)
            lad_h = min(
                int(left.h * 0.42),
                st.line("small", True) + st.u * 3 + n * (st.line("small") + st.px(4)) + st.u * 2,
            )
            self.ladder_rect = Rect(left.x, left.bottom - lad_h, left.w, lad_h)
            self.dash_rect = Rect(left.x, left.y, left.w, left.h - lad_h - gap)
        else:
            self.ladder_rect = Rect(left.x, left.bottom, left.w, 0)
            self.dash_rect = left
        from game.ui.menu import map_aspect

        chrome = panel_content_rect(Rect(0, 0, center.w, 400), st.fonts, "Map")
        fit_h = int(chrome.w / map_aspect(self.app)) + (400 - chrome.h)
        map_h = min(int(center.h * 0.6), fit_h)
        self.map_frame = Rect(center.x, center.y, center.w, map_h)
        self.news_rect = Rect(
            center.x, self.map_frame.bottom + gap, center.w, center.h - map_h - gap
        )
        self.footer = Rect(right.x, right.bottom - bh, right.w, bh)
        self.dec_rect = Rect(right.x, right.y, right.w, right.h - bh - st.u)
        self.panels["header"].set_rect(self.header)
        self.panels["dashboard"].set_rect(self.dash_rect)
        self.panels["ladder"].set_rect(self.ladder_rect)
        self.panels["ladder"].visible = bool(ladders)
        self.panels["mapframe"].set_rect(self.map_frame)
        self.panels["news"].set_rect(self.news_rect)
        self.panels["decisions"].set_rect(self.dec_rect)
        self.panels["footer"].set_rect(self.footer)
        title = self._map_title()
        self.map_rect = panel_content_rect(Rect(self.map_frame), st.fonts, title)
        # header and footer controls
        from game.ui.common import row_buttons

        menu_w = (
            p.width(i18n.tr("Menu"), "label", True)
            + st.px(44)
            + p.width("Esc", "small")
            + st.px(18)
        )
        bh_small = self.header.h - st.px(8)
        self.menu_button = Button(
            "menu",
            i18n.tr("Menu"),
            Rect(self.header.right - menu_w, self.header.y + st.px(4), menu_w, bh_small),
            "ghost",
            True,
            "Esc",
        )
        specs = [
            ("why", i18n.tr("What changed?"), "normal", "W"),
            ("help", i18n.tr("Help"), "ghost", "F1"),
        ]
        self.header_buttons = row_buttons(
            p, self.menu_button.rect.x - st.u, self.header.y + st.px(4), specs
        )
        for b in self.header_buttons:
            b.rect.h = bh_small
        end_w = max(
            st.px(150),
            p.width(i18n.tr("Resolving\u2026"), "label", True)
            + p.width("Enter", "small")
            + st.px(64),
        )
        self.footer_buttons = [
            Button(
                "end",
                i18n.tr("End turn"),
                Rect(self.footer.right - end_w, self.footer.y, end_w, bh),
                "primary",
                True,
                "Enter",
            )
        ]
        self.footer_text = Rect(
            self.footer.x,
            self.footer.y,
            self.footer_buttons[0].rect.x - self.footer.x - st.u * 2,
            self.footer.h,
        )
        self._place_all()

    def _period_word(self) -> str:
        """What one turn is called: quarter, half-year, year or month."""
        months = self.session.definition.period.months_per_turn
        return {1: "month", 3: "quarter", 6: "half-year", 12: "year"}.get(months, "turn")

    def _map_title(self) -> str:
        return f"{i18n.tr('Hot spots')} \u00b7 {self.session.game.turn_label()}"

    def _place_all(self) -> None:
        self._place_dashboard()
        self._place_news()
        self._place_decisions()
        self._update_hits()

    def _update_hits(self) -> None:
        self.hits = {"menu": self.menu_button.rect}
        for b in self.footer_buttons + self.header_buttons:
            self.hits[b.id] = b.rect
        for it in self.dec_items:
            if it.rect is None:
                continue
            if it.kind == "option":
                dec, opt = it.data
                self.hits[f"opt:{dec.slot}:{opt.index}"] = it.rect
            elif it.kind == "head":
                self.hits["head"] = it.rect
            elif it.kind == "note":
                self.hits["note"] = it.rect
        for k, r in getattr(self, "tab_rects", {}).items():
            self.hits[f"tab:{k}"] = r
        if getattr(self, "assess_rect", Rect(0, 0, 0, 0)).h > 0:
            self.hits["fan"] = self.assess_rect
        for it in self.dash_items:
            if it.kind == "row" and it.rect is not None:
                self.hits[f"ind:{it.data.name}"] = it.rect

    # dashboard ------------------------------------------------------------------------------

    def _place_dashboard(self) -> None:
        st = self.style
        inner = panel_content_rect(Rect(self.dash_rect), st.fonts, i18n.tr("Indicators"))
        groups = self.session.groups()
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
        start, end = self.dash_scroll.window(heights, inner.h)
        while end - 1 > start and items[end - 1].kind == "group":
            end -= 1  # a group heading never ends the view without its first row
        y = inner.y
        for i, it in enumerate(items):
            if start <= i < end:
                it.rect = Rect(inner.x, y, inner.w, it.height)
                y += it.height
            else:
                it.rect = None
        self.dash_items = items
        self.dash_window = (start, end, len(items), inner)

    # news -----------------------------------------------------------------------------------

    def _place_news(self) -> None:
        st, p = self.style, self.app.painter
        inner = panel_content_rect(Rect(self.news_rect), st.fonts, i18n.tr("News"))
        items = []
        for title, text, actor, spots in self.session.news():
            h = (
                st.line("body", True)
                + p.para_height(text, "small", inner.w - st.px(14), max_lines=3)
                + st.line("small")
                + st.u
            )
            items.append(Item("news", (title, text, actor, spots), h))
        if not items:
            items.append(Item("quiet", None, st.line("body") * 2))
        heights = [it.height for it in items]
        start, end = self.news_scroll.window(heights, inner.h, st.u)
        y = inner.y
        for i, it in enumerate(items):
            if start <= i < end:
                it.rect = Rect(inner.x, y, inner.w - st.px(14), it.height)
                y += it.height + st.u
            else:
                it.rect = None
        self.news_items = items
        self.news_window = (start, end, len(items), inner)

    # decisions --------------------------------------------------------------------------------

    def _num_size(self) -> int:
        """Side of the option-number chip (it grows with the text)."""
        st = self.style
        return max(st.px(22), st.font("small", True).get_height() + st.px(2))

    def _label_offset(self) -> int:
        """Where an option's text starts, from the card's left edge."""
        return self.style.px(18) + self._num_size()

    def _option_height(self, opt: Any, width: int) -> int:
        st, p = self.style, self.app.painter
        text_w = width - self._label_offset() - st.px(8)
        h = st.px(6) + p.para_height(opt.label, "body", text_w, True, 2)
        if self.session.rollouts > 0 or not opt.legal:
            h += st.line("small") + st.px(4)
        elif opt.text:
            h += p.para_height(opt.text, "small", text_w, max_lines=2)
        return max(h + st.px(6), self._num_size() + st.px(12))

    def _assessment_height(self, dec: Decision, width: int) -> int:
        """One height for every option of a decision, so hovering never moves the layout."""
        st, p = self.style, self.app.painter
        pad = st.u
        head = st.line("small", True) + st.px(6)
        text_w = width - 2 * pad - st.u
        if self.session.rollouts <= 0:
            texts = max(
                (p.para_height(o.text, "small", text_w, max_lines=3) for o in dec.options),
                default=0,
            )
            return head + texts + 2 * pad
        texts = max(
            (p.para_height(o.text, "small", text_w, max_lines=2) for o in dec.options), default=0
        )
        return head + texts + st.px(6) + self._assessment_core(dec) + 2 * st.line("small") + 2 * pad

    def _assessment_core(self, dec: Decision) -> int:
        """Objective rows and the line naming the backers: what the detail must always show."""
        st = self.style
        outs = self.outlook(dec.slot)
        n_obj = len(outs[0].objectives) if outs else len(self.session.objectives())
        n_obj = 0 if self.forecasts_hidden() else n_obj
        return n_obj * (st.line("small") + st.px(3)) + st.px(6) + st.line("small", True)

    def _assessment_min(self, dec: Decision) -> int:
        st = self.style
        head = st.line("small", True) + st.px(6)
        if self.session.rollouts <= 0:
            return head + 2 * st.line("small") + 2 * st.u
        return head + self._assessment_core(dec) + 2 * st.u

    def _place_decisions(self) -> None:
        st, p = self.style, self.app.painter
        decs = self.decisions
        inner = panel_content_rect(Rect(self.dec_rect), st.fonts, None)
        self.dec_inner = inner
        self.tab_rects: dict[int, Rect] = {}
        head_h = st.line("small", True) + st.u * 2
        title_w = p.width(i18n.tr("DECISIONS"), "small", True) + st.px(14) + st.u * 2
        self.dec_title = Rect(inner.x, inner.y, title_w, head_h)
        if len(decs) > 1:
            x0 = inner.x + title_w
            tw = (inner.right - x0 - st.px(6) * (len(decs) - 1)) // len(decs)
            for k in range(len(decs)):
                self.tab_rects[k] = Rect(x0 + k * (tw + st.px(6)), inner.y, tw, head_h)
        top = inner.y + head_h + st.u
        dec = self.focused()
        w = inner.w - st.px(14)
        self.assess_rect = Rect(inner.x, inner.bottom, inner.w, 0)
        space = inner.bottom - top
        items: list[Item] = []
        if dec is None:
            self.list_rect = Rect(inner.x, top, inner.w, space)
            items.append(Item("none", None, st.line("body") * 4))
        else:
            options = [
                Item("option", (dec, opt), self._option_height(opt, w)) for opt in dec.options
            ]
            options.append(Item("note", dec, self.note_height()))
            opts_h = sum(it.height + st.px(6) for it in options)
            src_h = 0 if len(decs) > 1 else st.line("small")  # tabs already say which decision
            fixed = src_h + p.para_height(dec.title, "title", w, True, 2) + st.px(4) + st.u
            need = fixed + p.para_height(dec.text, "body", w, max_lines=3) + opts_h
            full_a = self._assessment_height(dec, inner.w)
            min_a = self._assessment_min(dec)
            ah = max(min_a, min(full_a, space - need - st.u))
            ah = min(ah, int(space * 0.6))
            self.assess_rect = Rect(inner.x, inner.bottom - ah, inner.w, ah)
            self.list_rect = Rect(inner.x, top, inner.w, self.assess_rect.y - st.u - top)
            lines = 4
            while (
                lines > 2
                and fixed + p.para_height(dec.text, "body", w, max_lines=lines) + opts_h
                > self.list_rect.h
            ):
                lines -= 1
            self.head_lines = lines
            head = fixed + p.para_height(dec.text, "body", w, max_lines=lines)
            items.append(Item("head", dec, head))
            items += options
        scroll = self.dec_scroll.setdefault(self.dfocus, ItemScroll())
        heights = [it.height for it in items]
        start, end = scroll.window(heights, self.list_rect.h, st.px(6))
        y = self.list_rect.y
        for i, it in enumerate(items):
            if start <= i < end:
                it.rect = Rect(self.list_rect.x, y, w, it.height)
                y += it.height + st.px(6)
            else:
                it.rect = None
        self.dec_items = items
        self.dec_window = (start, end, len(items))

    def _ensure_option_visible(self) -> None:
        k = self.highlighted()
        if k is None:
            return
        idx = next(
            (
                i
                for i, it in enumerate(self.dec_items)
                if it.kind == "option" and it.data[1].index == k
            ),
            None,
        )
        if idx is None:
            return
        scroll = self.dec_scroll.setdefault(self.dfocus, ItemScroll())
        scroll.ensure(idx, [it.height for it in self.dec_items], self.list_rect.h, self.style.px(6))

    def refresh(self, *panels: str) -> None:
        """Re-place the items of the named panels (all without names) and redraw them."""
        if not panels:
            self._place_all()
        else:
            if "dashboard" in panels:
                self._place_dashboard()
            if "news" in panels:
                self._place_news()
            if "decisions" in panels:
                self._place_decisions()
            self._update_hits()
        self.invalidate(*panels)

    # -- drawing --------------------------------------------------------------------------------

    def _draw_header(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal, s = self.style, self.pal, self.session
        surf.blit(backdrop(self.app.size, pal), (0, 0), Rect(self.header))
        g = s.game
        y = r.centery
        x = 0
        menu_x = self.header_buttons[0].rect.x - self.header.x - st.u * 2
        turns = s.definition.period.turns
        turn_text = f"{g.turn_label()}  \u00b7  turn {g.turn} of {turns}"
        role_w = p.width(s.role_name(), "label", True) + st.px(30)
        title_need = p.width(s.title, "title")
        brand = "STRATEGIC CONVERGENCE"
        brand_w = p.width(brand, "small", True) + st.u * 4
        # what the header keeps when it is narrow: turn and role first, then the title
        if brand_w + title_need + role_w + p.width(turn_text, "title", True) + st.u * 6 > menu_x:
            turn_text = f"{g.turn_label()} ({g.turn}/{turns})"
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
        mb = self.menu_button.rect.move(-self.header.x, -self.header.y)
        if self.hover == "menu":
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
        why = self.header_buttons[0]
        why.enabled = s.last_report is not None
        for b in self.header_buttons:
            b.draw(p, surf, self.hover == b.id and b.enabled, False, self.header.topleft)

    def _draw_dashboard(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal, s = self.style, self.pal, self.session
        surf.blit(backdrop(self.app.size, pal), (0, 0), Rect(self.dash_rect))
        draw_panel(surf, r, pal, i18n.tr("Indicators"), st.fonts)
        yield  # (every step of a panel's drawing is short: a frame's budget holds)
        ox, oy = self.dash_rect.topleft
        vals = s.game.values()
        hist_all = s.game.history
        for it in self.dash_items:
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
            hovered = self.hover == f"ind:{info.name}"
            if hovered:
                rounded(surf, rr.inflate(st.px(6), 0), pal.panel_alt, st.px(4))
            value = vals[info.name]
            prev = float(hist_all[-2][info.column]) if len(hist_all) > 1 else value
            delta = value - prev
            verdict = (
                0 if abs(delta) < 1e-9 or info.good == 0 else (1 if delta * info.good > 0 else -1)
            )
            colour = pal.good if verdict > 0 else pal.bad if verdict < 0 else pal.neutral
            value_text = info.with_unit(value)
            vw = max(p.width(value_text, "label", True), st.px(44))
            spark_w = max(st.px(30), min(st.px(90), int(rr.w * 0.15)))
            delta_w = st.px(14)
            label_w = rr.w - vw - spark_w - delta_w - st.u * 3
            line_h = st.line("label", True)
            ty = rr.y + (rr.h - line_h) // 2
            p.text(
                surf,
                info.label,
                Rect(rr.x, ty, label_w, line_h),
                "label",
                pal.text,
                valign="center",
            )
            sx = rr.x + label_w + st.u
            spark = Rect(sx, rr.y + st.px(4), spark_w, rr.h - st.px(8))
            target = s.target(info.name)
            series = s.history(info)
            charts.sparkline(
                surf,
                spark,
                series,
                colour if info.good else pal.accent,
                target=target.value if target else None,
                target_colour=pal.text_dim,
                bg=pal.panel_alt if hovered else pal.panel,
                palette=pal,
                fonts=st.fonts,
            )
            dx = spark.right + st.u
            if abs(delta) >= 10 ** (-info.decimals) / 2:
                icon_triangle(surf, (dx + st.px(5), rr.centery), st.px(8), delta > 0, colour)
            met = target is not None and _meets(value, target.op, target.value)
            vcol = pal.good if met else pal.text
            p.text(
                surf,
                value_text,
                Rect(rr.right - vw, ty, vw, line_h),
                "label",
                vcol,
                bold=True,
                align="right",
            )
            yield
        start, end, n, inner = self.dash_window
        more_marks(
            surf, inner.move(-ox, -oy).inflate(st.px(8), 0), start > 0, end < n, pal, st.px(5)
        )

    def _draw_ladder(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.style, self.pal
        surf.blit(backdrop(self.app.size, pal), (0, 0), Rect(self.ladder_rect))
        ladders = self.session.ladders()
        if not ladders:
            return
        label, rungs, cur, _ = ladders[0]
        inner = draw_panel(surf, r, pal, f"Escalation \u00b7 {label}", st.fonts)
        charts.ladder(surf, inner, rungs, cur, fonts=st.fonts, palette=pal, bg=pal.panel)

    def _draw_mapframe(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        surf.blit(backdrop(self.app.size, self.pal), (0, 0), Rect(self.map_frame))
        draw_panel(surf, r, self.pal, self._map_title(), self.style.fonts)

    def _draw_news(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.style, self.pal
        surf.blit(backdrop(self.app.size, pal), (0, 0), Rect(self.news_rect))
        draw_panel(
            surf, r, pal, f"{i18n.tr('News')} \u00b7 {self.session.game.turn_label()}", st.fonts
        )
        yield
        ox, oy = self.news_rect.topleft
        for it in self.news_items:
            if it.rect is None:
                continue
            rr = it.rect.move(-ox, -oy)
            if it.kind == "quiet":
                p.para(
                    surf,
                    f"A quiet {self._period_word()}: no news beyond the decisions on your desk.",
                    rr,
                    "body",
                    pal.text_dim,
                )
                continue
            title, text, actor, spots = it.data
            pygame.draw.rect(
                surf,
                pal.hotspot if spots else pal.border,
                (rr.x, rr.y + st.px(3), st.px(3), rr.h - st.px(6)),
            )
            x = rr.x + st.u + st.px(2)
            w = rr.w - st.u - st.px(2)
            p.text(
                surf, title, Rect(x, rr.y, w, st.line("body", True)), "body", pal.text, bold=True
            )
            y = rr.y + st.line("body", True)
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
        start, end, n, inner = self.news_window
        more_marks(
            surf, inner.move(-ox, -oy).inflate(st.px(8), 0), start > 0, end < n, pal, st.px(5)
        )

    def _draw_decisions(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.style, self.pal
        surf.blit(backdrop(self.app.size, pal), (0, 0), Rect(self.dec_rect))
        draw_panel(surf, r, pal, None, st.fonts)
        ox, oy = self.dec_rect.topleft
        decs = self.decisions
        title = (
            i18n.tr("DECISIONS")
            if len(decs) > 1
            else (
                f"{i18n.tr('DECISIONS')} \u00b7 {len(decs)} {i18n.tr('DUE')}"
                if decs
                else i18n.tr("DECISIONS")
            )
        )
        tr = self.dec_title.move(-ox, -oy)
        if len(decs) <= 1:
            tr.w = self.dec_inner.w
        p.text(surf, title, tr, "small", pal.text_dim, bold=True, valign="center")
        for k, tab in self.tab_rects.items():
            if k >= len(decs):  # the layout is a frame behind a change of decisions
                continue
            rr = tab.move(-ox, -oy)
            dec = decs[k]
            active = k == self.dfocus
            fill = (
                blend(pal.panel_alt, pal.accent, 0.18)
                if active
                else (pal.panel_alt if self.hover == f"tab:{k}" else pal.panel)
            )
            rounded(surf, rr, fill, st.px(6))
            rounded(surf, rr, pal.accent if active else pal.border, st.px(6), 1)
            mark = Rect(rr.x + st.px(8), rr.centery - st.px(6), st.px(12), st.px(12))
            if self.decided(dec):
                icon_check(surf, mark, pal.good)
            else:
                icon_dot(surf, mark.center, st.px(4), pal.warn, filled=False)
            p.text(
                surf,
                f"{k + 1} \u00b7 {dec.title}",
                Rect(mark.right + st.px(6), rr.y, rr.right - mark.right - st.px(12), rr.h),
                "small",
                pal.text if active else pal.text_dim,
                bold=active,
                valign="center",
            )
        yield
        # what lies under each option card and the detail box, for _patch_decisions
        self._dec_bg = {}
        self._dec_drawn = {}
        self._dec_sig = self._decisions_signature()
        bounds = surf.get_rect()
        for it in self.dec_items:
            if it.rect is not None and it.kind == "option":
                rr = it.rect.move(-ox, -oy)
                if bounds.contains(rr):
                    self._dec_bg[it.data[1].index] = surf.subsurface(rr).copy()
        ar = self.assess_rect.move(-ox, -oy)
        if self.assess_rect.h > 0 and bounds.contains(ar):
            self._dec_bg["detail"] = surf.subsurface(ar).copy()
        for it in self.dec_items:
            if it.rect is None:
                continue
            rr = it.rect.move(-ox, -oy)
            if it.kind == "none":
                p.para(
                    surf,
                    "No decisions are due for you this turn. Read the news, check the dashboard and end the turn when you are ready.",
                    rr,
                    "body",
                    pal.text_dim,
                )
            elif it.kind == "head":
                self._draw_head(surf, p, rr, it.data)
                yield
            elif it.kind == "option":
                self._draw_option(surf, p, rr, *it.data)
            elif it.kind == "note":
                self.draw_note(surf, p, rr, it.data)
                yield
        start, end, n = self.dec_window
        more_marks(surf, self.list_rect.move(-ox, -oy), start > 0, end < n, pal, st.px(5))
        yield
        dec = self.focused()
        if dec is not None and self.assess_rect.h > 0:
            self._draw_assessment(surf, p, self.assess_rect.move(-ox, -oy), dec)

    def _card_state(self, dec: Decision, opt: Any) -> tuple[bool, bool, bool]:
        """How an option card looks: (chosen, hovered, shown in the detail)."""
        return (
            self.session.choices.get(dec.slot) == opt.index,
            self.hover == f"opt:{dec.slot}:{opt.index}",
            self.highlighted() == opt.index,
        )

    def _decisions_signature(self) -> tuple[Any, ...]:
        """Everything but the highlight that the decisions panel's pixels depend on."""
        return (
            self.dfocus,
            self.dec_window,
            tuple(None if it.rect is None else tuple(it.rect) for it in self.dec_items),
            tuple(self.assess_rect),
            tuple(self.dec_rect),
            self.session.gen,
            tuple(sorted(self.session.choices.items())),
            id(self.pal),
        )

    def _patch_decisions(self) -> bool:
        """Repaint only the option cards whose look changed and the detail box, in place.

        For a highlight that moved (keys, hover): the layout is the same, so the rest of
        the panel's pixels stand. False (nothing done) when a full redraw is needed.
        """
        panel = self.panels.get("decisions")
        p = self.app.painter
        dec = self.focused()
        if (
            panel is None
            or dec is None
            or panel.dirty
            or panel.surface is None
            or p.recording
            or getattr(self, "_dec_sig", None) != self._decisions_signature()
        ):
            return False
        surf = panel.surface
        ox, oy = self.dec_rect.topleft
        todo = []
        for it in self.dec_items:
            if it.kind != "option" or it.rect is None:
                continue
            opt = it.data[1]
            if self._dec_drawn.get(opt.index) != self._card_state(dec, opt):
                if opt.index not in self._dec_bg:
                    return False
                todo.append(it)
        k = min(self.highlighted() or 0, len(dec.options) - 1)
        detail = self.assess_rect.h > 0 and self._dec_drawn.get("detail") != k
        if detail and "detail" not in self._dec_bg:
            return False
        p.origin, p.owner = panel.rect.topleft, panel.name
        try:
            for it in todo:
                rr = it.rect.move(-ox, -oy)
                surf.blit(self._dec_bg[it.data[1].index], rr)
                self._draw_option(surf, p, rr, *it.data)
            if detail:
                rr = self.assess_rect.move(-ox, -oy)
                surf.blit(self._dec_bg["detail"], rr)
                self._draw_assessment(surf, p, rr, dec)
        finally:
            p.origin, p.owner = (0, 0), ""
        return True

    def _draw_head(self, surf: pygame.Surface, p: Painter, rr: Rect, dec: Decision) -> None:
        st, pal = self.style, self.pal
        y = rr.y
        if len(self.decisions) <= 1:
            src = i18n.tr("Your decision this turn") + (f" \u00b7 {dec.actor}" if dec.actor else "")
            p.text(surf, src, Rect(rr.x, rr.y, rr.w, st.line("small")), "small", pal.accent)
            y += st.line("small")
        used = p.para(
            surf,
            dec.title,
            Rect(rr.x, y, rr.w, rr.bottom - y),
            "title",
            pal.text,
            bold=True,
            max_lines=2,
        )
        y = used.bottom + st.px(4)
        p.para(
            surf,
            dec.text,
            Rect(rr.x, y, rr.w, rr.bottom - y),
            "body",
            pal.text_dim,
            max_lines=getattr(self, "head_lines", 4),
        )

    def _draw_option(
        self, surf: pygame.Surface, p: Painter, rr: Rect, dec: Decision, opt: Any
    ) -> None:
        st, pal, s = self.style, self.pal, self.session
        chosen, hovered, shown = self._card_state(dec, opt)
        self._dec_drawn[opt.index] = (chosen, hovered, shown)
        fill = (
            blend(pal.panel_alt, pal.accent, 0.2)
            if chosen
            else (blend(pal.panel_alt, pal.accent, 0.08) if hovered else pal.panel_alt)
        )
        if not opt.legal:
            fill = pal.panel
        rounded(surf, rr, fill, st.px(6))
        border = pal.accent if chosen else (pal.text_dim if shown else pal.border)
        rounded(surf, rr, border, st.px(6), max(1, st.px(2)) if (chosen or shown) else 1)
        nh = self._num_size()
        num = Rect(rr.x + st.px(8), rr.y + st.px(6), nh, nh)
        rounded(surf, num, pal.accent if chosen else pal.background, st.px(4))
        p.text(
            surf,
            str(opt.index + 1),
            num,
            "small",
            pal.background if chosen else pal.text_dim,
            bold=True,
            align="center",
            valign="center",
        )
        x = rr.x + self._label_offset()
        w = rr.w - self._label_offset() - st.px(8)
        y = rr.y + st.px(6)
        tcol = pal.text if opt.legal else pal.text_dim
        lab_w = w - (st.px(24) if chosen else 0)
        h = p.para_height(opt.label, "body", w, True, 2)
        used = p.para(surf, opt.label, Rect(x, y, lab_w, h), "body", tcol, bold=True, max_lines=2)
        if chosen:
            icon_check(
                surf, Rect(rr.right - st.px(26), rr.y + st.u, st.px(16), st.px(16)), pal.accent
            )
        y = max(used.bottom, y + h)
        line = Rect(x, y + st.px(2), w, st.line("small"))
        if not opt.legal:
            p.text(surf, i18n.tr("Not available now"), line, "small", pal.warn)
            return
        if s.rollouts <= 0:
            if opt.text:
                p.para(
                    surf,
                    opt.text,
                    Rect(x, y, w, rr.bottom - y - st.px(6)),
                    "small",
                    pal.text_dim,
                    max_lines=2,
                )
            return
        outs = self.outlook(dec.slot)
        if outs is None:
            p.text(
                surf,
                "assessing\u2026" if s.assessing() else "no assessment",
                line,
                "small",
                pal.text_dim,
            )
            return
        self._draw_effects(surf, p, line, outs[opt.index])

    def _draw_effects(self, surf: pygame.Surface, p: Painter, line: Rect, o: OptionOutlook) -> None:
        st, pal = self.style, self.pal
        x = line.x
        right = line.right
        # advisors' tags on the right
        for a in reversed(self.shown_advisors(o)):
            tag = self.tags.get(a.advisor, a.advisor[:1].upper())
            w = p.width(tag, "small", True) + st.px(10)
            r = Rect(right - w, line.y, w, line.h)
            rounded(surf, r, blend(pal.panel_alt, pal.accent, 0.35), st.px(4))
            p.text(surf, tag, r, "small", pal.text, bold=True, align="center", valign="center")
            right = r.x - st.px(4)
        for info, lo, mid, hi in self.shown_effects(o):
            spread = (hi - lo) / 2
            ok = abs(mid) >= 10 ** (-info.decimals) / 2
            verdict = 0 if not ok or info.good == 0 else (1 if mid * info.good > 0 else -1)
            colour = pal.good if verdict > 0 else pal.bad if verdict < 0 else pal.text_dim
            text = f"{info.fmt(mid, True)}" + (
                f" \u00b1{info.fmt(spread)}" if spread >= 10 ** (-info.decimals) / 2 else ""
            )
            label = info.label
            tw = p.width(text, "small", True)
            avail = right - x - st.px(14)
            first = p.width(label.split()[0], "small") if label.split() else 0
            lab_w = min(p.width(label, "small"), avail - tw - st.px(16), st.px(130))
            if lab_w < min(first, st.px(64)):
                break
            if ok:
                icon_triangle(surf, (x + st.px(4), line.centery), st.px(7), mid > 0, colour)
            else:
                icon_dot(surf, (x + st.px(4), line.centery), st.px(2), colour)
            lr = p.text(
                surf, label, Rect(x + st.px(11), line.y, lab_w, line.h), "small", pal.text_dim
            )
            tr = p.text(
                surf,
                text,
                Rect(lr.right + st.px(4), line.y, tw, line.h),
                "small",
                colour,
                bold=True,
            )
            x = tr.right + st.px(12)

    def _draw_assessment(self, surf: pygame.Surface, p: Painter, rr: Rect, dec: Decision) -> None:
        st, pal, s = self.style, self.pal, self.session
        rounded(surf, rr, blend(pal.panel, pal.background, 0.45), st.px(6))
        rounded(surf, rr, pal.border, st.px(6), 1)
        inner = rr.inflate(-st.u * 2, -st.u * 2)
        k = min(self.highlighted() or 0, len(dec.options) - 1)
        self._dec_drawn["detail"] = k
        opt = dec.options[k]
        y = inner.y
        hh = st.line("small", True)
        fc = s.forecasts.get(dec.slot)
        outs = self.outlook(dec.slot)
        right_w = 0
        if fc is not None and not self.forecasts_hidden():
            cap_r = keycap(self.app.painter, surf, "F", inner.right, y + hh // 2)
            fan_w = p.width("fan chart", "small")
            p.text(
                surf,
                "fan chart",
                Rect(cap_r.x - st.px(6) - fan_w, y, fan_w, hh),
                "small",
                pal.accent,
            )
            right_w = inner.right - cap_r.x + fan_w + st.px(12)
        p.text(
            surf,
            f"OPTION {k + 1} IN DETAIL",
            Rect(inner.x, y, inner.w - right_w, hh),
            "small",
            pal.text_dim,
            bold=True,
        )
        y += hh + st.px(6)
        max_text = 3 if s.rollouts <= 0 else 2
        room = inner.bottom - y - (self._assessment_core(dec) if s.rollouts > 0 else 0)
        text_h = p.para_height(opt.text, "small", inner.w, max_lines=max_text) if opt.text else 0
        if opt.text and (s.rollouts <= 0 or text_h + st.px(6) <= room):
            used = p.para(
                surf,
                opt.text,
                Rect(inner.x, y, inner.w, min(text_h, inner.bottom - y)),
                "small",
                pal.text,
                max_lines=max_text,
            )
            y = used.bottom + st.px(6)
        if s.rollouts <= 0:
            return
        if outs is None or fc is None:
            msg = (
                s.failures.get(dec.slot)
                or "Intelligence is assessing the options\u2026 you can decide without waiting."
            )
            p.para(
                surf,
                msg,
                Rect(inner.x, y, inner.w, inner.bottom - y),
                "small",
                pal.text_dim,
                max_lines=2,
            )
            return
        o = outs[k]
        lh = st.line("small")
        pct_w = p.width("100%", "small", True) + st.px(4)
        bar_w = min(st.px(80), inner.w // 5)
        for _oid, olabel, prob in self.shown_objectives(o):
            if y + lh > inner.bottom:
                break
            p.text(
                surf,
                olabel,
                Rect(inner.x, y, inner.w - bar_w - pct_w - st.u * 2, lh),
                "small",
                pal.text_dim,
            )
            colour = pal.good if prob >= 0.7 else pal.warn if prob >= 0.4 else pal.bad
            bx = inner.right - pct_w - bar_w - st.u
            bar(
                surf, Rect(bx, y + lh // 2 - st.px(3), bar_w, st.px(6)), prob, colour, pal.panel_alt
            )
            p.text(
                surf,
                f"{prob:.0%}",
                Rect(inner.right - pct_w, y, pct_w, lh),
                "small",
                pal.text,
                bold=True,
                align="right",
            )
            y += lh + st.px(3)
        y += st.px(6)
        if y + st.line("small", True) > inner.bottom:
            return
        if "no_advisors" in self._flags():
            return
        quality = "sharp" if fc.quality > 0.75 else "fair" if fc.quality > 0.4 else "poor"
        if o.advisors:
            names = ", ".join(a.label for a in o.advisors)
            p.text(
                surf,
                f"Backed by {names}",
                Rect(inner.x, y, inner.w, st.line("small", True)),
                "small",
                pal.text,
                bold=True,
            )
            y += st.line("small", True)
            if inner.bottom - y >= st.font("small").get_height():
                p.para(
                    surf,
                    f"\u201c{o.advisors[0].reason}\u201d",
                    Rect(inner.x, y, inner.w, inner.bottom - y),
                    "small",
                    pal.text_dim,
                    max_lines=2,
                )
        else:
            others = [a for a in s.advice.get(dec.slot, [])]
            picks = sorted({a.option + 1 for a in others})
            p.text(
                surf,
                "No advisor backs this option",
                Rect(inner.x, y, inner.w, st.line("small", True)),
                "small",
                pal.text,
                bold=True,
            )
            y += st.line("small", True)
            note = f"They prefer option {', '.join(map(str, picks))}. " if picks else ""
            note += f"Chances from {fc.rollouts:,} futures; intelligence is {quality}."
            if inner.bottom - y >= st.font("small").get_height():
                p.para(
                    surf,
                    note,
                    Rect(inner.x, y, inner.w, inner.bottom - y),
                    "small",
                    pal.text_dim,
                    max_lines=2,
                )

    def _draw_footer(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal, s = self.style, self.pal, self.session
        surf.blit(backdrop(self.app.size, pal), (0, 0), Rect(self.footer))
        ox, oy = self.footer.topleft
        decs = self.decisions
        chosen = sum(1 for d in decs if d.slot in s.choices)
        end = self.footer_buttons[0]
        end.enabled = s.all_chosen() and not self.waiting
        end.label = i18n.tr("Resolving\u2026") if self.waiting else i18n.tr("End turn")
        end.draw(p, surf, self.hover == end.id and end.enabled, False, (ox, oy))
        tr = self.footer_text.move(-ox, -oy)
        x = tr.x
        if self.waiting:
            text = f"{s.role_name(s.other)} is deciding\u2026"
            x = tr.x + st.px(40)
            colour = pal.text
        elif decs:
            left = len(decs) - chosen
            text = f"{chosen} of {len(decs)} decided" + (
                " \u00b7 1\u20134 choose, Tab next" if left else " \u00b7 Enter ends the turn"
            )
            colour = pal.text if not left else pal.text_dim
            if not left and self.missing_note() is not None:
                text, colour = (
                    i18n.tr("Write why for each decision (N) before ending the turn"),
                    pal.warn,
                )
        else:
            text = "Nothing to decide \u00b7 Enter ends the turn"
            colour = pal.text
        p.text(surf, text, Rect(x, tr.y, tr.right - x, tr.h), "label", colour, valign="center")

    def draw_live(self, surface: pygame.Surface, t: float) -> None:
        anim = t if self.app.settings.animations else None
        if self.map_rect.w > 8 and self.map_rect.h > 8:
            self.app.map().draw(surface, self.map_rect, self.session.hotspots(), t=anim)
        if self.waiting:
            icon_spinner(
                surface,
                (self.footer_text.x + self.style.px(16), self.footer_text.centery),
                self.style.px(3),
                self.pal.accent,
                t,
            )
        if self.session.assessing():
            st = self.style
            x = self.header_buttons[0].rect.x - st.px(24)
            icon_spinner(surface, (x, self.header.centery), st.px(3), self.pal.accent, t)
        self._draw_tooltip(surface)

    def _draw_tooltip(self, surface: pygame.Surface) -> None:
        """A small card explaining the hovered indicator or map place."""
        st, pal, p = self.style, self.pal, self.app.painter
        text = ""
        if self.hover and self.hover.startswith("ind:"):
            info = self.session.indicator(self.hover[4:])
            if info is not None:
                target = self.session.target(info.name)
                text = info.description or info.label
                if target is not None:
                    text += f"\nObjective: {target.objective}."
                good = {
                    1: "Higher is better for you.",
                    -1: "Lower is better for you.",
                    0: "Neither good nor bad in itself for you.",
                }[info.good]
                text += f"\n{good}"
        elif self.hover and self.hover.startswith("opt:"):
            _, slot, k = self.hover.split(":")
            dec = next((d for d in self.decisions if d.slot == int(slot)), None)
            if dec is not None and int(k) < len(dec.options):
                opt = dec.options[int(k)]
                text = opt.text or opt.label
                if not opt.legal:
                    text += "\nNot available now."
        elif self.hover == "head":
            dec = self.focused()
            if dec is not None and dec.text:
                text = dec.text
        elif self.map_rect.collidepoint(self.mouse):
            place = self.app.map().place_at(self.mouse, self.map_rect)
            if place:
                text = self.app.map().label_of(place) or place
                if place in self.session.hotspots():
                    text += " \u2014 in the news this turn"
        if not text:
            return
        w = min(st.px(340), surface.get_width() // 3)
        key = (text, w)
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
        r = surf.get_rect(topleft=(self.mouse[0] + st.px(16), self.mouse[1] + st.px(16)))
        r.clamp_ip(surface.get_rect())
        surface.blit(surf, r)

    # -- input ------------------------------------------------------------------------------------

    def on_enter(self) -> None:
        if self.session.game.turn != self.turn_seen:
            self._new_turn()
            self.stale = True
        if self.stale:
            self.stale = False
            self.resize(self.app.size)
        if (
            not self.tutorial_shown
            and not self.app.settings.tutorial_seen
            and self.session.game.turn == 1
        ):
            self.tutorial_shown = True
            self.app.push(self.app.flow.tutorial(self))

    def _hit(self, pos: tuple[int, int]) -> str | None:
        found = None
        for k, r in self.hits.items():
            if r.collidepoint(pos):
                found = k
        return found

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if self.resolving:
            return None  # a few frames: the turn is being resolved
        if e.type != pygame.MOUSEMOTION and self.note_event(e):
            return None  # typed into the decision's "Why?" note
        if e.type == pygame.MOUSEMOTION:
            self.mouse = e.pos
            h = self._hit(e.pos)
            if h != self.hover:
                old = self.hover
                self.hover = h
                self._hover_changed(old, h)
            return None
        if e.type == pygame.MOUSEWHEEL:
            pos = self.mouse
            if self.dec_rect.collidepoint(pos):
                self.dec_scroll.setdefault(self.dfocus, ItemScroll()).scroll(-e.y)
                self.refresh("decisions")
            elif self.dash_rect.collidepoint(pos):
                self.dash_scroll.scroll(-e.y)
                self.refresh("dashboard")
            elif self.news_rect.collidepoint(pos):
                self.news_scroll.scroll(-e.y)
                self.refresh("news")
            return None
        if e.type == pygame.MOUSEBUTTONDOWN and e.button == 1:
            self.mouse = e.pos
            h = self._hit(e.pos)
            return self.click(h) if h else None
        if e.type == pygame.KEYDOWN:
            return self.key(e)
        return None

    def _hover_changed(self, old: str | None, new: str | None) -> None:
        names = set()
        for h in (old, new):
            if h is None:
                continue
            if h.startswith(("opt:", "tab:", "fan")):
                names.add("decisions")
            elif h.startswith("ind:"):
                names.add("dashboard")
            elif h in ("menu", "why", "help"):
                names.add("header")
            else:
                names.add("footer")
        if "decisions" in names:
            if all(h is None or h.startswith("opt:") for h in (old, new)):
                # between option cards, or on and off one: the layout holds
                if self._patch_decisions():
                    names.discard("decisions")
            if "decisions" in names:
                self._place_decisions()
                self._update_hits()
        if names:  # (no names would mean every panel)
            self.invalidate(*names)

    def click(self, h: str) -> Transition | None:
        """A click on a hit area."""
        if h == "menu":
            return self.pause()
        if h.startswith("opt:"):
            _, slot, k = h.split(":")
            self.dfocus = next(
                (i for i, d in enumerate(self.decisions) if d.slot == int(slot)), self.dfocus
            )
            self.ofocus = int(k)
            self.choose(int(k))
            return None
        if h.startswith("tab:"):
            self.set_focus(int(h.split(":")[1]))
            return None
        if h == "note":
            self.focus_note()
            return None
        if h == "fan":
            return self.fan_chart()
        if h == "end":
            return self.end_turn()
        if h == "why":
            return self.why()
        if h == "help":
            return Push(self.app.flow.help())
        return None

    def key(self, e: pygame.event.Event) -> Transition | None:
        """Keyboard actions of the turn screen."""
        k = e.key
        if k == pygame.K_ESCAPE:
            return self.pause()
        if k in NUMBER_KEYS:
            self.ofocus = NUMBER_KEYS[k]
            self.choose(NUMBER_KEYS[k])
            return None
        if k == pygame.K_TAB:
            self.set_focus(self.dfocus + (-1 if e.mod & pygame.KMOD_SHIFT else 1), wrap=True)
            return None
        if k in (pygame.K_LEFT, pygame.K_RIGHT):
            self.set_focus(self.dfocus + (1 if k == pygame.K_RIGHT else -1))
            return None
        if k in (pygame.K_UP, pygame.K_DOWN):
            self.move_option(1 if k == pygame.K_DOWN else -1)
            return None
        if k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.dec_scroll.setdefault(self.dfocus, ItemScroll()).scroll(
                3 if k == pygame.K_PAGEDOWN else -3
            )
            self.refresh("decisions")
            return None
        if k in ACTIVATE_KEYS:
            return self.confirm()
        if k == pygame.K_f:
            return self.fan_chart()
        if k == pygame.K_w:
            return self.why()
        return None

    # -- actions ----------------------------------------------------------------------------------

    def set_focus(self, i: int, wrap: bool = False) -> None:
        """Focus a decision (its card shows in the panel)."""
        n = len(self.decisions)
        if n == 0:
            return
        self.dfocus = i % n if wrap else max(0, min(n - 1, i))
        dec = self.decisions[self.dfocus]
        self.ofocus = self.session.choices.get(dec.slot)
        self.refresh("decisions")

    def move_option(self, step: int) -> None:
        """Move the highlighted option up or down."""
        dec = self.focused()
        if dec is None:
            return
        n = len(dec.options)
        cur = (
            self.ofocus
            if self.ofocus is not None
            else self.session.choices.get(dec.slot, -1 if step > 0 else n)
        )
        self.ofocus = max(0, min(n - 1, cur + step))
        first = self.dec_scroll.setdefault(self.dfocus, ItemScroll()).first
        self._ensure_option_visible()
        if self.dec_scroll[self.dfocus].first == first and self._patch_decisions():
            return  # only the highlight moved: two cards and the detail repainted
        self.refresh("decisions")

    def choose(self, k: int) -> bool:
        """Choose option k of the focused decision."""
        dec = self.focused()
        if dec is None or k >= len(dec.options):
            return False
        if not self.session.choose(dec.slot, k):
            self.app.toast(f"\u201c{dec.options[k].label}\u201d is not available now.", "warn")
            return False
        self.app.play("decision")
        self.refresh("decisions", "footer")
        return True

    def confirm(self) -> Transition | None:
        """Enter: choose the highlighted option, move to the next open decision, or end the turn."""
        dec = self.focused()
        if (
            dec is not None
            and self.ofocus is not None
            and self.session.choices.get(dec.slot) != self.ofocus
        ):
            if self.choose(self.ofocus):
                if self.note_required() and not self.decided(dec):
                    self.focus_note()  # a reason first (the class code asks for one)
                else:
                    self._advance()
            return None
        if dec is not None and dec.slot in self.session.choices and not self.decided(dec):
            self.focus_note()  # confirmed without the reason the class code asks for
            return None
        if self.session.all_chosen():
            return self.end_turn()
        self._advance()
        return None

    def _advance(self) -> None:
        decs = self.decisions
        for step in range(1, len(decs) + 1):
            i = (self.dfocus + step) % len(decs)
            if decs[i].slot not in self.session.choices:
                self.set_focus(i)
                return

    def end_turn(self) -> Transition | None:
        """End the turn (waiting for the computer's side if needed)."""
        s = self.session
        if self.waiting:
            return None
        missing = self.missing_note()
        if missing is not None and all(d.slot in s.choices for d in self.decisions):
            self.set_focus(missing)
            self.focus_note()
            self.app.toast(
                f"Write why you chose \u201c{self.decisions[missing].title}\u201d first.", "warn"
            )
            return None
        if not s.all_chosen():
            open_ = next(i for i, d in enumerate(self.decisions) if d.slot not in s.choices)
            self.set_focus(open_)
            self.app.toast(
                f"Choose an option for \u201c{self.decisions[open_].title}\u201d first.", "warn"
            )
            return None
        handed = self.hot_seat_next()
        if handed is not None:
            return handed  # the other player decides next, without seeing these choices
        self.waiting = True
        self.invalidate("footer")
        return None

    def update(self, dt: float) -> Transition | None:
        s = self.session
        if self._steps is not None:
            # resolving: one heavy, invisible step per frame; the picture on screen is
            # still right, so it is not repainted until the summary opens
            self.app.hold_picture = True
            try:
                next(self._steps)
            except StopIteration as done:
                self._steps = None
                return done.value
            return None
        self._collect()
        if self.waiting and s.bot_ready():
            if not self._resolve_now:
                self._resolve_now = True  # one frame that says "Resolving…" first
                return None
            self._resolve_now = False
            self._steps = self._resolving()
            return self.update(dt)
        return None

    @property
    def resolving(self) -> bool:
        """True while the turn is being resolved (input waits)."""
        return self._steps is not None

    def _resolving(self) -> Generator[None, None, Transition | None]:
        """The end of a turn, in steps: the engine, the report, the autosave, the next turn
        and its assessments, then the summary."""
        s = self.session
        result = yield from s.resolve_steps()
        if isinstance(result, str):
            self.waiting = False
            self.app.toast(result, "error")
            self.invalidate("footer")
            return None
        yield
        s.start_turn()
        if s.autosave_error:
            self.app.toast(s.autosave_error, "error")
        self._new_turn()
        self.stale = True  # laid out again while the summary is read (or on return)
        yield
        return self._after_resolve(result)

    def _collect(self) -> bool:
        """Take finished background work; True if the decisions changed (re-laid out)."""
        arrived = self.session.poll()
        if "forecasts" in arrived:
            self._outlooks = {}
            self.refresh("decisions")
            return True
        if arrived and self.waiting:
            self.invalidate("footer")
        return False

    def prerender(self) -> bool:
        # under the summary, assessments of the new turn arrive: lay them out and draw
        # them now, so the turn screen comes back complete
        if self._collect():
            return True
        if self.stale:
            self.stale = False
            self.resize(self.app.size)
            return True
        return super().prerender()

    def _after_resolve(self, report: TurnReport) -> Transition:
        self.app.hold_picture = True  # the summary appears next frame, drawn within budget
        self.app.play("crisis" if report.crisis else "turn")
        return Push(self.app.flow.summary(self.session, report))

    def pause(self) -> Transition:
        """Open the pause menu."""
        return Push(self.app.flow.pause())

    def why(self) -> Transition | None:
        """Show the last turn's summary again."""
        rep = self.session.last_report
        if rep is None:
            self.app.toast("After your first turn, this shows what changed and why.", "info")
            return None
        return Push(self.app.flow.summary(self.session, rep, review=True))

    def fan_chart(self) -> Transition | None:
        """Open the fan chart of the focused decision."""
        dec = self.focused()
        if dec is None:
            return None
        if self.forecasts_hidden():
            self.app.toast(i18n.tr("Forecasts are hidden in this class."), "info")
            return None
        if self.session.forecasts.get(dec.slot) is None:
            self.app.toast(
                "The assessment is not ready yet."
                if self.session.rollouts
                else "Assessments are switched off in Settings.",
                "info",
            )
            return None
        return Push(self.app.flow.fan_chart(self.session, dec, self.highlighted() or 0))

    # -- for tests and tools ------------------------------------------------------------------------

    def regions(self) -> dict[str, Rect]:
        out = {
            "header": Rect(self.header),
            "dashboard": Rect(self.dash_rect),
            "map": Rect(self.map_frame),
            "news": Rect(self.news_rect),
            "decisions": Rect(self.dec_rect),
            "footer": Rect(self.footer),
        }
        if self.ladder_rect.h:
            out["ladder"] = Rect(self.ladder_rect)
        return out

    def targets(self) -> dict[str, Rect]:
        return {k: Rect(r) for k, r in self.hits.items()}

    def describe(self) -> dict[str, Any]:
        s = self.session
        return {
            "name": self.name,
            "turn": s.game.turn,
            "decisions": [d.event for d in self.decisions],
            "focus": self.dfocus,
            "choices": dict(s.choices),
            "waiting": self.waiting,
            "assessing": s.assessing(),
        }


def _meets(value: float, op: str, target: float) -> bool:
    return {
        ">=": value >= target,
        ">": value > target,
        "<=": value <= target,
        "<": value < target,
    }.get(op, False)
