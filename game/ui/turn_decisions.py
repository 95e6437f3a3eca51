"""The turn screen's decisions panel: tabs, the focused decision's options as cards, and the
highlighted option in detail (its assessment: forecast effects, objectives, advisors).

Drawn for `TurnScreen`, whose state (focus, choices, scroll, laid-out items) it reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import pygame

from game.ui import i18n
from game.ui.controls import (
    Item,
    ItemScroll,
    icon_check,
    icon_dot,
    icon_triangle,
    more_marks,
    rounded,
)
from game.ui.glossary_marks import marking
from game.ui.intents import Choose, FocusTab
from game.ui.painter import Painter
from game.ui.pixels import backdrop_under_panel
from game.ui.screen import Rect
from game.ui.session import OptionOutlook
from game.ui.theme import blend, draw_panel, panel_content_rect
from game.ui.turn_capital import CapitalRow
from game.ui.turn_detail import DetailBox

if TYPE_CHECKING:
    from game.engine.game import Decision
    from game.ui.turn import TurnScreen


BADGE_BELOW = 0.2  # an option that would leave an objective below this chance gets a badge


class Chip(NamedTuple):
    """A piece of an option card's effects row: an indicator's change or a red badge."""

    kind: str  # "effect" | "badge"
    name: str
    text: str
    colour: tuple[int, int, int]
    ok: bool  # the change shows (a triangle), else a dot
    up: bool
    w: int
    h: int


class DecisionsPanel(DetailBox):
    """Places and draws the decisions panel of a turn screen."""

    def __init__(self, screen: TurnScreen) -> None:
        self.turn = screen
        self.compact = False  # tight: the detail without the backers' names and the
        # intelligence note (the cards' chips and the fan chart say them)
        self.ranges = True  # the cards' effects with their ranges (dropped when still tight)
        self.capital = CapitalRow(screen)  # political capital, costs, commitments

    def num_size(self) -> int:
        """Side of the option-number chip (it grows with the text)."""
        st = self.turn.style
        return max(st.px(22), st.font("small", True).get_height() + st.px(2))

    def label_offset(self) -> int:
        """Where an option's text starts, from the card's left edge."""
        return self.turn.style.px(18) + self.num_size()

    def option_height(self, opt: Any, width: int) -> int:
        """An option card's height (measured once while it looks the same, see `measured`)."""
        outs = self._outs_for(opt) if self.turn.session.rollouts > 0 else None
        dec = self._dec_for(opt)
        dear = dec is not None and self.capital.dear(dec, opt)
        reason = self.capital.reason(dec, opt) if dec is not None and dear else ""
        slot = dec.slot if dec is not None else None
        key = ("option", slot, opt.index, width, self.compact, self.ranges, dear, reason)
        return self.measured(
            key, (opt, outs), lambda: self._option_height(opt, width, outs, dear, reason)
        )

    def _option_height(
        self, opt: Any, width: int, outs: list[Any] | None, dear: bool, reason: str
    ) -> int:
        st, p = self.turn.style, self.turn.app.painter
        text_w = width - self.label_offset() - st.px(8)
        lab_w = self.label_width(outs[opt.index] if outs else None, text_w, opt)
        h = st.px(6) + p.para_height(opt.label, "body", lab_w, True, 2)
        if dear:
            h += p.para_height(reason, "small", text_w) + st.px(4)
        elif self.turn.session.rollouts > 0 and opt.legal:
            if outs:
                rows = self.effect_rows(outs[opt.index], text_w, self.badges(outs, opt.index))
                h += sum(self.row_height(r) + self.row_gap() for r in rows) + st.px(2)
            else:
                h += st.line("small") + st.px(4)
        elif not opt.legal:
            h += st.line("small") + st.px(4)
        elif opt.text:
            h += p.para_height(opt.text, "small", text_w, max_lines=2)
        return max(h + st.px(6), self.num_size() + st.px(12))

    def place(self) -> None:
        st, p = self.turn.style, self.turn.app.painter
        decs = self.turn.decisions
        inner = panel_content_rect(Rect(self.turn.dec_rect), st.fonts, None)
        self.turn.dec_inner = inner
        self.turn._laid_with = self.turn.assessed()
        self.turn.tab_rects: dict[int, Rect] = {}
        head_h = st.line("small", True) + st.u * 2
        self.compact, self.ranges = False, True
        title_w = p.width(i18n.tr("DECISIONS"), "small", True) + st.px(14) + st.u * 2
        self.turn.dec_title = Rect(inner.x, inner.y, title_w, head_h)
        top = inner.y + head_h + st.u
        if len(decs) > 1:
            x0 = inner.x + title_w
            tw = (inner.right - x0 - st.px(6) * (len(decs) - 1)) // len(decs)
            chrome = st.px(12) + st.px(6) + st.px(12)  # the tick or dot, gaps
            need = max(
                p.width(f"{k + 1} \u00b7 {d.title}", "small", True) + chrome
                for k, d in enumerate(decs)
            )
            tw_wide = (inner.w - st.px(6) * (len(decs) - 1)) // len(decs)
            if need <= tw:  # side by side, beside the heading
                for k in range(len(decs)):
                    self.turn.tab_rects[k] = Rect(x0 + k * (tw + st.px(6)), inner.y, tw, head_h)
            elif need <= tw_wide:  # side by side, in place of the heading
                self.turn.dec_title = Rect(inner.x, inner.y, 0, 0)
                for k in range(len(decs)):
                    x = inner.x + k * (tw_wide + st.px(6))
                    self.turn.tab_rects[k] = Rect(x, inner.y, tw_wide, head_h)
            else:  # in place of the heading: one tab a line (every title whole) or, when
                # that leaves too little for a card and the detail, the focused tab's
                # title whole beside the others' numbers (their titles in a tooltip)
                self.turn.dec_title = Rect(inner.x, inner.y, 0, 0)
                tab_h = st.line("small", True) + st.px(6)
                y = inner.y + len(decs) * (tab_h + st.px(3))
                small_w = chrome + p.width(str(len(decs)), "small", True) + st.px(4)
                wide_w = inner.w - (len(decs) - 1) * (small_w + st.px(6))
                focus = max(0, min(self.turn.dfocus, len(decs) - 1))
                fits = p.width(f"{focus + 1} \u00b7 {decs[focus].title}", "small", True) + chrome
                if fits <= wide_w and not all(self.fits(d, inner, y + st.u) for d in decs):
                    x = inner.x
                    for k in range(len(decs)):
                        tw_k = wide_w if k == focus else small_w
                        self.turn.tab_rects[k] = Rect(x, inner.y, tw_k, tab_h)
                        x += tw_k + st.px(6)
                    top = inner.y + tab_h + st.px(4)
                else:
                    y = inner.y
                    for k in range(len(decs)):
                        self.turn.tab_rects[k] = Rect(inner.x, y, inner.w, tab_h)
                        y += tab_h + st.px(3)
                    top = y + st.u
        top = self.place_capital(inner, head_h, top)
        # tight: first the detail drops what the cards and the fan chart also say, then, if
        # the detail and the tallest card still do not fit (large text), the effects on
        # the cards drop their ranges (the fan chart has them)
        self.compact = not all(self.fits(d, inner, top) for d in decs)
        self.ranges = not self.compact or all(self.fits(d, inner, top) for d in decs)
        dec = self.turn.focused()
        w = inner.w - st.px(14)
        self.turn.assess_rect = Rect(inner.x, inner.bottom, inner.w, 0)
        space = inner.bottom - top
        items: list[Item] = []
        if dec is None:
            self.turn.list_rect = Rect(inner.x, top, inner.w, space)
            items.append(Item("none", None, st.line("body") * 4))
        else:
            options = [
                Item("option", (dec, opt), self.option_height(opt, w)) for opt in dec.options
            ]
            options.append(Item("note", dec, self.turn.classroom.note_height()))
            opts_h = sum(it.height + st.px(6) for it in options)
            src_h = 0 if len(decs) > 1 else st.line("small")  # tabs already say which decision
            fixed = src_h + p.para_height(dec.title, "title", w, True, 2) + st.px(4) + st.u
            need = fixed + p.para_height(dec.text, "body", w, max_lines=3) + opts_h
            full_a = self.assessment_height(dec, inner.w)
            min_a = self.assessment_min(dec)
            ah = max(min_a, min(full_a, space - need - st.u))
            # the detail is decision-critical: it takes what it needs, leaving room for at
            # least the tallest option card (the list scrolls)
            biggest = max((it.height for it in options[:-1]), default=0)
            ah = min(ah, max(int(space * 0.5), space - biggest - st.px(6) - st.u))
            self.turn.assess_rect = Rect(inner.x, inner.bottom - ah, inner.w, ah)
            self.turn.list_rect = Rect(inner.x, top, inner.w, self.turn.assess_rect.y - st.u - top)
            lines = 4
            while (
                lines > 2
                and fixed + p.para_height(dec.text, "body", w, max_lines=lines) + opts_h
                > self.turn.list_rect.h
            ):
                lines -= 1
            self.head_lines = lines
            head = fixed + p.para_height(dec.text, "body", w, max_lines=lines)
            items.append(Item("head", dec, head))
            items += options
        scroll = self.turn.dec_scroll.setdefault(self.turn.dfocus, ItemScroll())
        heights = [it.height for it in items]
        # the tab names the decision: when its heading leaves no room for a card, the list
        # opens on the cards, once (the heading is a scroll away)
        once = self.__dict__.setdefault("_opened_on_cards", set())
        key = (self.turn.session.gen, self.turn.dfocus)
        if len(decs) > 1 and len(items) > 2 and scroll.first == 0 and key not in once:
            if heights[0] + heights[1] + st.px(6) > self.turn.list_rect.h:
                scroll.first = 1
                once.add(key)
        start, end = scroll.window(heights, self.turn.list_rect.h, st.px(6))
        y = self.turn.list_rect.y
        for i, it in enumerate(items):
            if start <= i < end:
                it.rect = Rect(self.turn.list_rect.x, y, w, it.height)
                y += it.height + st.px(6)
            else:
                it.rect = None
        self.turn.dec_items = items
        self.turn.dec_window = (start, end, len(items))

    def place_capital(self, inner: Rect, head_h: int, top: int) -> int:
        """The capital row: beside a lone decision's heading or beside stacked tabs (made
        as narrow as their titles) when it fits there, else a row of its own below them.
        Returns where the decision's content starts."""
        st, p = self.turn.style, self.turn.app.painter
        decs = self.turn.decisions
        cap_h = self.capital.height()
        self.capital.rect = Rect(inner.x, top, 0, 0)
        if not cap_h:
            return top
        min_w = self.capital.min_width()
        tabs = self.turn.tab_rects
        slot = None
        if not tabs:  # beside "DECISIONS · 1 DUE"
            head = f"{i18n.tr('DECISIONS')} \u00b7 {len(decs)} {i18n.tr('DUE')}"
            x = inner.x + p.width(head, "small", True) + st.px(16)
            slot = Rect(x, inner.y, inner.right - x, head_h)
        else:  # beside the first row of tabs, each as wide as the label it shows
            chrome = st.px(8) + st.px(12) + st.px(6) + st.px(12) + st.px(4)
            rows = sorted({r.y for r in tabs.values()})
            first = [k for k in sorted(tabs) if tabs[k].y == rows[0]]
            widths = {
                k: min(r.w, p.width(f"{k + 1} \u00b7 {decs[k].title}", "small", True) + chrome)
                for k, r in tabs.items()
                if k < len(decs)
            }
            if len(rows) > 1:  # stacked: one width for all
                widths = dict.fromkeys(widths, max(widths.values()))
            x0 = tabs[first[0]].x

            def slot_after(widths: dict[int, int]) -> Rect:
                end = x0 + sum(widths[k] + st.px(6) for k in first) - st.px(6)
                return Rect(
                    end + st.px(10), inner.y, inner.right - end - st.px(10), tabs[first[0]].h
                )

            slot = slot_after(widths)
            if slot.w < min_w and len(rows) == 1:  # the other tabs by their numbers
                focus = max(0, min(self.turn.dfocus, len(decs) - 1))
                for k in widths:
                    if k != focus:
                        widths[k] = min(widths[k], chrome + p.width(str(k + 1), "small", True))
                slot = slot_after(widths)
            if slot.w >= min_w:
                x = x0
                for k in sorted(widths):
                    r = tabs[k]
                    tabs[k] = Rect(x if r.y == rows[0] else r.x, r.y, widths[k], r.h)
                    x += widths[k] + st.px(6) if r.y == rows[0] else 0
        if slot is not None and slot.w >= min_w:
            self.capital.rect = slot
            return top
        self.capital.rect = Rect(inner.x, top, inner.w, cap_h)
        return top + cap_h + st.px(4)

    def fits(self, dec: Decision, inner: Rect, top: int) -> bool:
        """True if the detail and the tallest option card of `dec` fit below `top`."""
        st, s = self.turn.style, self.turn.session
        key = (s.gen, dec.slot, s.rollouts, tuple(inner), top, st.fonts.scale, self.compact)
        key += (self.ranges,)
        key += (self.turn.outlook(dec.slot) is not None, id(self.turn.pal), s.game.lang)
        key += (tuple(sorted(s.choices.items())),)  # (staged answers make options too dear)
        memo = self.__dict__.setdefault("_fits", {})
        if key not in memo:
            if len(memo) > 64:
                memo.clear()
            w = inner.w - st.px(14)
            p = self.turn.app.painter
            biggest = max((self.option_height(o, w) for o in dec.options), default=0)
            # the decision's heading at its shortest (its text cut to two lines) above the card
            head = p.para_height(dec.title, "title", w, True, 2) + st.px(4) + st.u
            head += p.para_height(dec.text, "body", w, max_lines=2) + st.px(6)
            head += 0 if len(self.turn.decisions) > 1 else st.line("small")
            need = self.assessment_height(dec, inner.w) + head + biggest + st.px(6) + st.u
            memo[key] = need <= inner.bottom - top
        return memo[key]

    def ensure_option_visible(self) -> None:
        k = self.turn.highlighted()
        if k is None:
            return
        idx = next(
            (
                i
                for i, it in enumerate(self.turn.dec_items)
                if it.kind == "option" and it.data[1].index == k
            ),
            None,
        )
        if idx is None:
            return
        scroll = self.turn.dec_scroll.setdefault(self.turn.dfocus, ItemScroll())
        scroll.ensure(
            idx,
            [it.height for it in self.turn.dec_items],
            self.turn.list_rect.h,
            self.turn.style.px(6),
        )

    def draw(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.turn.style, self.turn.pal
        backdrop_under_panel(surf, self.turn.app.size, pal, Rect(self.turn.dec_rect), st.fonts)
        draw_panel(surf, r, pal, None, st.fonts)
        ox, oy = self.turn.dec_rect.topleft
        decs = self.turn.decisions
        title = (
            i18n.tr("DECISIONS")
            if len(decs) > 1
            else (
                f"{i18n.tr('DECISIONS')} \u00b7 {len(decs)} {i18n.tr('DUE')}"
                if decs
                else i18n.tr("DECISIONS")
            )
        )
        tr = self.turn.dec_title.move(-ox, -oy)
        if len(decs) <= 1:
            tr.w = self.turn.dec_inner.w
        if tr.w > 0:
            p.text(surf, title, tr, "small", pal.text_dim, bold=True, valign="center")
        for k, tab in self.turn.tab_rects.items():
            if k >= len(decs):  # the layout is a frame behind a change of decisions
                continue
            rr = tab.move(-ox, -oy)
            dec = decs[k]
            active = k == self.turn.dfocus
            fill = (
                blend(pal.panel_alt, pal.accent, 0.18)
                if active
                else (pal.panel_alt if self.turn.hover == FocusTab(k) else pal.panel)
            )
            rounded(surf, rr, fill, st.px(6))
            rounded(surf, rr, pal.accent if active else pal.border, st.px(6), 1)
            mark = Rect(rr.x + st.px(8), rr.centery - st.px(6), st.px(12), st.px(12))
            if self.turn.classroom.decided(dec):
                icon_check(surf, mark, pal.good)
            else:
                icon_dot(surf, mark.center, st.px(4), pal.warn, filled=False)
            box = Rect(mark.right + st.px(6), rr.y, rr.right - mark.right - st.px(12), rr.h)
            # the whole title, or only the number (the focused decision's title is shown below)
            label = next(
                (
                    t
                    for t in (f"{k + 1} \u00b7 {dec.title}", f"{i18n.tr('Decision')} {k + 1}")
                    if p.width(t, "small", True) <= box.w
                ),
                str(k + 1),
            )
            with p.crit():
                p.text(
                    surf,
                    label,
                    box,
                    "small",
                    pal.text if active else pal.text_dim,
                    bold=active,
                    valign="center",
                )
        if self.capital.rect.w > 0:
            self.capital.draw(surf, p, self.capital.rect.move(-ox, -oy))
        yield
        # what lies under each option card and the detail box, for _patch_decisions
        self.turn._dec_bg = {}
        self.turn._dec_drawn = {}
        self._dec_sig = self.signature()
        bounds = surf.get_rect()
        for it in self.turn.dec_items:
            if it.rect is not None and it.kind == "option":
                rr = it.rect.move(-ox, -oy)
                if bounds.contains(rr):
                    self.turn._dec_bg[it.data[1].index] = surf.subsurface(rr).copy()
        ar = self.turn.assess_rect.move(-ox, -oy)
        if self.turn.assess_rect.h > 0 and bounds.contains(ar):
            self.turn._dec_bg["detail"] = surf.subsurface(ar).copy()
        for it in self.turn.dec_items:
            if it.rect is None:
                continue
            rr = it.rect.move(-ox, -oy)
            if it.kind == "none":
                read = "Read the news, check" if self.turn.session.news() else "Check"
                p.para(
                    surf,
                    f"No decisions are due for you this turn. {read} the dashboard and end the "
                    "turn when you are ready.",
                    rr,
                    "body",
                    pal.text_dim,
                )
            elif it.kind == "head":
                self.draw_head(surf, p, rr, it.data)
                yield
            elif it.kind == "option":
                self.draw_option(surf, p, rr, *it.data)
            elif it.kind == "note":
                self.turn.classroom.draw_note(surf, p, rr, it.data)
                yield
        start, end, n = self.turn.dec_window
        more_marks(surf, self.turn.list_rect.move(-ox, -oy), start > 0, end < n, pal, st.px(5))
        self.draw_more_options(surf, p, ox, oy)
        yield
        dec = self.turn.focused()
        if dec is not None and self.turn.assess_rect.h > 0:
            self.draw_assessment(surf, p, self.turn.assess_rect.move(-ox, -oy), dec)

    def draw_more_options(self, surf: pygame.Surface, p: Painter, ox: int, oy: int) -> None:
        """Under the last card shown, when more options are a scroll away and a line fits:
        how many, and how to reach them (a small mark at the edge is easy to miss)."""
        st, pal = self.turn.style, self.turn.pal
        items, lr = self.turn.dec_items, self.turn.list_rect
        hidden = sum(1 for it in items if it.kind == "option" and it.rect is None)
        shown = [it.rect for it in items if it.rect is not None]
        if not hidden or not shown:
            return
        y = max(r.bottom for r in shown) + st.px(6)
        line = st.line("small")
        if lr.bottom - y < line:
            return
        text = i18n.tr("{n} more options below \u00b7 Down or scroll", n=hidden)
        if hidden == 1:
            text = i18n.tr("1 more option below \u00b7 Down or scroll")
        box = Rect(lr.x, y, lr.w - st.px(16), line).move(-ox, -oy)
        if p.width(text, "small") <= box.w:
            p.text(surf, text, box, "small", pal.text_dim)

    def card_state(self, dec: Decision, opt: Any) -> tuple[bool, bool, bool]:
        """How an option card looks: (chosen, hovered, shown in the detail)."""
        return (
            self.turn.session.choices.get(dec.slot) == opt.index,
            self.turn.hover == Choose(dec.slot, opt.index),
            self.turn.highlighted() == opt.index,
        )

    def signature(self) -> tuple[Any, ...]:
        """Everything but the highlight that the decisions panel's pixels depend on."""
        return (
            self.turn.dfocus,
            self.turn.dec_window,
            tuple(None if it.rect is None else tuple(it.rect) for it in self.turn.dec_items),
            tuple(self.turn.assess_rect),
            tuple(self.turn.dec_rect),
            self.turn.session.gen,
            tuple(sorted(self.turn.session.choices.items())),
            id(self.turn.pal),
        )

    def patch(self) -> bool:
        """Repaint only the option cards whose look changed and the detail box, in place.

        For a highlight that moved (keys, hover): the layout is the same, so the rest of
        the panel's pixels stand. False (nothing done) when a full redraw is needed.
        """
        panel = self.turn.panels.get("decisions")
        p = self.turn.app.painter
        dec = self.turn.focused()
        if (
            panel is None
            or dec is None
            or panel.dirty
            or panel.surface is None
            or p.recording
            or getattr(self, "_dec_sig", None) != self.signature()
        ):
            return False
        surf = panel.surface
        ox, oy = self.turn.dec_rect.topleft
        todo = []
        for it in self.turn.dec_items:
            if it.kind != "option" or it.rect is None:
                continue
            opt = it.data[1]
            if self.turn._dec_drawn.get(opt.index) != self.card_state(dec, opt):
                if opt.index not in self.turn._dec_bg:
                    return False
                todo.append(it)
        k = min(self.turn.highlighted() or 0, len(dec.options) - 1)
        detail = self.turn.assess_rect.h > 0 and self.turn._dec_drawn.get("detail") != k
        if detail and "detail" not in self.turn._dec_bg:
            return False
        p.origin, p.owner = panel.rect.topleft, panel.name
        try:
            for it in todo:
                rr = it.rect.move(-ox, -oy)
                surf.blit(self.turn._dec_bg[it.data[1].index], rr)
                self.draw_option(surf, p, rr, *it.data)
            if detail:
                rr = self.turn.assess_rect.move(-ox, -oy)
                surf.blit(self.turn._dec_bg["detail"], rr)
                self.draw_assessment(surf, p, rr, dec)
        finally:
            p.origin, p.owner = (0, 0), ""
            panel.touch()  # the screen shows the patched pixels
        return True

    def draw_head(self, surf: pygame.Surface, p: Painter, rr: Rect, dec: Decision) -> None:
        st, pal = self.turn.style, self.turn.pal
        y = rr.y
        if len(self.turn.decisions) <= 1:
            src = i18n.tr("Your decision this turn") + (f" \u00b7 {dec.actor}" if dec.actor else "")
            p.text(surf, src, Rect(rr.x, rr.y, rr.w, st.line("small")), "small", pal.accent)
            y += st.line("small")
        p.critical = True
        used = p.para(
            surf,
            dec.title,
            Rect(rr.x, y, rr.w, rr.bottom - y),
            "title",
            pal.text,
            bold=True,
            max_lines=2,
        )
        p.critical = False
        y = used.bottom + st.px(4)
        with marking(p, self.turn.session.definition.glossary):  # terms: hover, click
            p.para(
                surf,
                dec.text,
                Rect(rr.x, y, rr.w, rr.bottom - y),
                "body",
                pal.text_dim,
                max_lines=getattr(self, "head_lines", 4),
            )

    def draw_option(
        self, surf: pygame.Surface, p: Painter, rr: Rect, dec: Decision, opt: Any
    ) -> None:
        st, pal, s = self.turn.style, self.turn.pal, self.turn.session
        chosen, hovered, shown = self.card_state(dec, opt)
        self.turn._dec_drawn[opt.index] = (chosen, hovered, shown)
        fill = (
            blend(pal.panel_alt, pal.accent, 0.2)
            if chosen
            else (blend(pal.panel_alt, pal.accent, 0.08) if hovered else pal.panel_alt)
        )
        if not opt.legal or self.capital.dear(dec, opt):
            fill = pal.panel  # (unavailable: too dear, or not now)
        rounded(surf, rr, fill, st.px(6))
        border = pal.accent if chosen else (pal.text_dim if shown else pal.border)
        rounded(surf, rr, border, st.px(6), max(1, st.px(2)) if (chosen or shown) else 1)
        nh = self.num_size()
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
        x = rr.x + self.label_offset()
        w = rr.w - self.label_offset() - st.px(8)
        y = rr.y + st.px(6)
        dear = self.capital.dear(dec, opt)
        tcol = pal.text if opt.legal and not dear else pal.text_dim
        outs = self.turn.outlook(dec.slot) if s.rollouts > 0 and opt.legal else None
        o = outs[opt.index] if outs else None
        lab_w = self.label_width(o, w, opt)
        h = p.para_height(opt.label, "body", lab_w, True, 2)
        right = rr.right - st.px(30)
        for tag, tw in reversed(self.tag_list(o, opt)):
            r = Rect(right - tw, y + st.px(2), tw, st.line("small"))
            cost = tag == self.capital.chip(opt)
            fill = pal.background if cost else blend(pal.panel_alt, pal.accent, 0.35)
            rounded(surf, r, fill, st.px(4))
            if cost:
                rounded(surf, r, pal.warn if dear else pal.border, st.px(4), 1)
            with p.crit():
                colour = pal.warn if cost and dear else pal.text
                p.text(surf, tag, r, "small", colour, bold=True, align="center", valign="center")
            right = r.x - st.px(4)
        with p.crit():
            used = p.para(
                surf, opt.label, Rect(x, y, lab_w, h), "body", tcol, bold=True, max_lines=2
            )
        if chosen:
            icon_check(
                surf, Rect(rr.right - st.px(26), rr.y + st.u, st.px(16), st.px(16)), pal.accent
            )
        y = max(used.bottom, y + h)
        line = Rect(x, y + st.px(2), w, st.line("small"))
        if dear:
            with p.crit():
                box = Rect(x, y + st.px(2), w, rr.bottom - y - st.px(4))
                p.para(surf, self.capital.reason(dec, opt), box, "small", pal.warn)
            return
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
        outs = self.turn.outlook(dec.slot)
        if outs is None:
            p.text(
                surf,
                "assessing\u2026" if s.assessing() else "no assessment",
                line,
                "small",
                pal.text_dim,
            )
            return
        self.draw_effects(surf, p, line, outs[opt.index], self.badges(outs, opt.index))

    def _dec_for(self, opt: Any) -> Decision | None:
        """The decision an option belongs to."""
        return next((d for d in self.turn.decisions if any(o is opt for o in d.options)), None)

    def _outs_for(self, opt: Any) -> list[OptionOutlook] | None:
        """The outlook of the decision an option belongs to (None while assessing)."""
        for d in self.turn.decisions:
            if any(o is opt for o in d.options):
                return self.turn.outlook(d.slot)
        return None

    def badges(self, outs: list[OptionOutlook], k: int) -> list[str]:
        """Red badges for option k: each objective whose chance it would leave below 20% by
        the end of the game where another option keeps it at 20% or more (its own doing).
        Chances compare as shown (rounded to whole percent), so a badge never says 20%."""
        if self.turn.classroom.forecasts_hidden() or not outs or not outs[k].legal:
            return []
        below = round(BADGE_BELOW * 100)
        out = []
        for j, (_oid, label, prob) in enumerate(outs[k].objectives):
            others = [
                round(o.objectives[j][2] * 100) for i, o in enumerate(outs) if i != k and o.legal
            ]
            if round(prob * 100) < below and others and max(others) >= below:
                out.append(f"Risk: {label} ({prob:.0%})")
        return out

    def tag_list(self, o: OptionOutlook | None, opt: Any = None) -> list[tuple[str, int]]:
        """The option's cost chip and backers' tags, and their widths (on the card's name
        line)."""
        st, p = self.turn.style, self.turn.app.painter
        chip = self.capital.chip(opt) if opt is not None else ""
        out = [(chip, p.width(chip, "small", True) + st.px(10))] if chip else []
        if o is None:
            return out
        for a in self.turn.classroom.shown_advisors(o):
            tag = self.turn.tags.get(a.advisor, a.advisor[:1].upper())
            out.append((tag, p.width(tag, "small", True) + st.px(10)))
        return out

    def label_width(self, o: OptionOutlook | None, width: int, opt: Any = None) -> int:
        """Room for an option's name: the tags and the chosen tick sit at its right."""
        st = self.turn.style
        return width - st.px(26) - sum(w + st.px(4) for _t, w in self.tag_list(o, opt))

    def effect_rows(
        self, o: OptionOutlook, width: int, badges: list[str] | None = None
    ) -> list[list[Chip]]:
        """An option's effects, then its red badges, as chips flowed over rows of `width`
        (never cut: a badge wider than the row wraps inside its chip)."""
        st, pal, p = self.turn.style, self.turn.pal, self.turn.app.painter
        rows: list[list[Chip]] = [[]]
        used = 0
        chips: list[Chip] = []
        for info, lo, mid, hi in self.turn.classroom.shown_effects(o):
            spread = (hi - lo) / 2
            ok = abs(mid) >= 10 ** (-info.decimals) / 2
            verdict = 0 if not ok or info.good == 0 else (1 if mid * info.good > 0 else -1)
            colour = pal.good if verdict > 0 else pal.bad if verdict < 0 else pal.text_dim
            text = f"{info.fmt(mid, True)}" + (
                f" \u00b1{info.fmt(spread)}"
                if spread >= 10 ** (-info.decimals) / 2 and self.ranges
                else ""  # (tight: the ranges are in the fan chart)
            )
            name = info.name_short  # the long name is in the indicator's tooltip
            cw = st.px(11) + p.width(name, "small") + st.px(4) + p.width(text, "small", True)
            chips.append(Chip("effect", name, text, colour, ok, mid > 0, cw, st.line("small")))
        pad = st.px(6)
        for badge in badges or []:
            cw = p.width(badge, "small", True) + 2 * pad + st.px(2)
            h = st.line("small")
            if cw > width:
                cw = width
                h = p.para_height(badge, "small", width - 2 * pad - st.px(2), True)
            chips.append(Chip("badge", badge, "", pal.bad, False, False, cw, h))
        for chip in chips:
            if rows[-1] and used + chip.w > width:
                rows.append([])
                used = 0
            rows[-1].append(chip)
            used += chip.w + st.px(8)
        return rows

    def row_height(self, row: list[Chip]) -> int:
        """A row of chips is as tall as its tallest (a wrapped badge)."""
        return max((c.h for c in row), default=self.turn.style.line("small"))

    def draw_effects(
        self,
        surf: pygame.Surface,
        p: Painter,
        line: Rect,
        o: OptionOutlook,
        badges: list[str] | None = None,
    ) -> None:
        """The option's effects and red badges, flowed over as many rows as they need."""
        st, pal = self.turn.style, self.turn.pal
        y = line.y
        with p.crit():
            for row in self.effect_rows(o, line.w, badges):
                x = line.x
                rh = self.row_height(row)
                for c in row:
                    if c.kind == "badge":
                        box = Rect(x, y, c.w, c.h)
                        rounded(surf, box, blend(pal.panel_alt, pal.bad, 0.45), st.px(4))
                        inner = Rect(x + st.px(6), y, c.w - st.px(12), c.h)
                        p.para(surf, c.name, inner, "small", pal.text, bold=True)
                        x += c.w + st.px(8)
                        continue
                    cy = y + line.h // 2
                    if c.ok:
                        icon_triangle(surf, (x + st.px(4), cy), st.px(7), c.up, c.colour)
                    else:
                        icon_dot(surf, (x + st.px(4), cy), st.px(2), c.colour)
                    nw = p.width(c.name, "small")
                    lr = p.text(
                        surf, c.name, Rect(x + st.px(11), y, nw, line.h), "small", pal.text_dim
                    )
                    tw = p.width(c.text, "small", True)
                    p.text(
                        surf,
                        c.text,
                        Rect(lr.right + st.px(4), y, tw, line.h),
                        "small",
                        c.colour,
                        bold=True,
                    )
                    x += c.w + st.px(8)
                y += rh + self.row_gap()
