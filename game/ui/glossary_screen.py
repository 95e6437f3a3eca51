"""The glossary in the window: every term of the scenario, searchable, with its plain
definition and, where it is real, its date and source (G in a turn, or the pause menu)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pygame

from game.engine.definitions import Term
from game.scenario.reference import cite, date_label
from game.ui.common import row_buttons
from game.ui.controls import ItemScroll, button_height, more_marks, rounded
from game.ui.i18n import shown, tr
from game.ui.overlays import OverlayScreen
from game.ui.painter import Painter
from game.ui.screen import Pop, Rect, Replace, Transition
from game.ui.textentry import TextEntry

if TYPE_CHECKING:
    from game.ui.app import App


def search(glossary: Sequence[Term], query: str) -> list[Term]:
    """The terms matching `query`: names and aliases that start with it first, then names
    containing it, then definitions containing it (every term when the query is empty)."""
    q = " ".join(query.casefold().split())
    if not q:
        return list(glossary)

    def rank(t: Term) -> int:
        names = [n.casefold() for n in (t.term, *t.aliases)]
        if any(n.startswith(q) for n in names):
            return 0
        if any(q in n for n in names):
            return 1
        return 2 if q in t.definition.casefold() else 3

    ranked = [(rank(t), k, t) for k, t in enumerate(glossary)]
    return [t for r, _, t in sorted(ranked, key=lambda x: (x[0], x[1])) if r < 3]


class GlossaryScreen(OverlayScreen):
    """The scenario's glossary: a search field, the list of terms, the chosen term explained."""

    name = "glossary"
    button_panel = "box"

    def __init__(self, app: App, glossary: Sequence[Term], term: Term | None = None) -> None:
        self.glossary = list(glossary)
        self.entry = TextEntry(max_len=40)
        self.shown = list(self.glossary)
        self.pick = self.shown.index(term) if term in self.shown else 0
        self.scroll = ItemScroll()
        self.rows: dict[int, Rect] = {}
        self._follow = True
        super().__init__(app)

    # -- layout ---------------------------------------------------------------------------

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        self.title = tr("Glossary")
        inner = self.place_box(win, st.px(1120), win.h)
        bh = button_height(p)
        field_h = st.line("body") + st.px(14)
        self.field = Rect(inner.x, inner.y, int(inner.w * 0.36), field_h)
        self.hint = Rect(
            self.field.right + st.u * 2, inner.y, inner.right - self.field.right - st.u * 2, field_h
        )
        body_top = self.field.bottom + st.u
        body_h = inner.bottom - bh - st.u * 2 - body_top
        self.list_box = Rect(inner.x, body_top, self.field.w, body_h)
        self.detail = Rect(self.hint.x, body_top, self.hint.w, body_h)
        self.row_h = st.line("body") + st.px(8)
        self.buttons = row_buttons(
            p,
            inner.right,
            inner.bottom - bh,
            [
                ("timeline", tr("Real timeline"), "normal", "Tab"),
                ("close", tr("Close"), "primary", "Esc"),
            ],
            min_w=st.px(120),
        )
        self.focus = "close"

    # -- drawing --------------------------------------------------------------------------

    def draw_content(self, surf: pygame.Surface, p: Painter, off: tuple[int, int]) -> None:
        st, pal = self.style, self.pal

        def loc(r: Rect) -> Rect:
            return r.move(-off[0], -off[1])

        self.entry.draw(
            p,
            surf,
            self.field,
            focused=True,
            placeholder=tr("Search the glossary"),
            offset=off,
        )
        count = tr("{n} of {total} terms", n=len(self.shown), total=len(self.glossary))
        p.text(
            surf,
            f"{count} \u00b7 " + tr("type to search, Up/Down to choose"),
            loc(self.hint),
            "small",
            pal.text_dim,
            valign="center",
        )
        lb = loc(self.list_box)
        rounded(surf, lb, pal.background, st.px(6))
        inner = lb.inflate(-st.px(8), -st.px(8))
        heights = [self.row_h] * len(self.shown)
        if self._follow:
            self.scroll.ensure(self.pick, heights, inner.h)
            self._follow = False
        start, end = self.scroll.window(heights, inner.h)
        self.rows = {}
        y = inner.y
        for i in range(start, end):
            t = self.shown[i]
            row = Rect(inner.x, y, inner.w - st.px(10), self.row_h)
            if i == self.pick:
                rounded(surf, row, pal.panel_alt, st.px(4))
                pygame.draw.rect(
                    surf, pal.accent, (row.x, row.y + st.px(3), st.px(3), row.h - st.px(6))
                )
            p.text(
                surf,
                t.term,
                row.inflate(-st.u * 2, 0),
                "body",
                pal.text if i == self.pick else pal.text_dim,
                bold=i == self.pick,
                valign="center",
            )
            self.rows[i] = row.move(off)
            y += self.row_h
        more_marks(surf, lb, start > 0, end < len(self.shown), pal, st.px(5))
        if not self.shown:
            p.para(
                surf,
                tr("No term matches. Backspace or Delete clears the search."),
                inner,
                "small",
                pal.text_dim,
            )
            return
        self._draw_term(surf, p, loc(self.detail), self.shown[self.pick])

    def _draw_term(self, surf: pygame.Surface, p: Painter, r: Rect, t: Term) -> None:
        st, pal = self.style, self.pal
        y = r.y
        used = p.para(
            surf,
            t.term,
            Rect(r.x, y, r.w, r.bottom - y),
            "heading",
            pal.text,
            bold=True,
            max_lines=2,
        )
        y = used.bottom + st.px(4)
        if t.aliases:
            used = p.para(
                surf,
                tr("Also: ") + ", ".join(_aliases(t)),
                Rect(r.x, y, r.w, r.bottom - y),
                "small",
                pal.text_dim,
                max_lines=2,
            )
            y = used.bottom + st.px(4)
        y += st.u
        used = p.para(surf, t.definition, Rect(r.x, y, r.w, r.bottom - y), "body", pal.text)
        y = used.bottom + st.u * 2
        if t.date:
            used = p.para(
                surf,
                tr("Real \u00b7 {when}", when=date_label(t.date)),
                Rect(r.x, y, r.w, r.bottom - y),
                "label",
                pal.good,
                bold=True,
                max_lines=1,
            )
            y = used.bottom + st.px(4)
        if t.source is not None:
            p.para(
                surf,
                tr("Source: ") + cite(t.source),
                Rect(r.x, y, r.w, r.bottom - y),
                "small",
                pal.text_dim,
                max_lines=4,
            )

    # -- input ----------------------------------------------------------------------------

    def select(self, i: int) -> None:
        """Choose the i-th term of the list (clamped)."""
        if self.shown:
            self.pick = max(0, min(len(self.shown) - 1, i))
            self._follow = True
            self.invalidate()

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.KEYDOWN:
            k = e.key
            if k == pygame.K_ESCAPE:
                return Pop()
            if k == pygame.K_TAB:
                return self.activate("timeline")
            if k in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                step = {
                    pygame.K_UP: -1,
                    pygame.K_DOWN: 1,
                    pygame.K_PAGEUP: -8,
                    pygame.K_PAGEDOWN: 8,
                }
                self.select(self.pick + step[k])
                return None
            if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return None
        if e.type in (pygame.KEYDOWN, pygame.TEXTINPUT):
            before = self.entry.value
            if self.entry.handle(e) and self.entry.value != before:
                self.refilter()
            return None
        if e.type == pygame.MOUSEWHEEL:
            self.scroll.scroll(-e.y * 3)
            self.invalidate()
            return None
        if e.type == pygame.MOUSEBUTTONDOWN and e.button == 1:
            for i, r in self.rows.items():
                if r.collidepoint(e.pos):
                    self.pick = i
                    self.invalidate()
                    return None
        return super().on_event(e)

    def refilter(self) -> None:
        """The list after the search changed: the best match chosen."""
        self.shown = search(self.glossary, self.entry.value)
        self.pick = 0
        self.scroll.first = 0
        self._follow = True
        self.invalidate()

    def activate(self, button_id: str) -> Transition | None:
        if button_id == "timeline":
            screen = self.app.flow.timeline()
            return Replace(screen) if screen is not None else None
        return Pop()

    def back(self) -> Transition | None:
        return Pop()

    def targets(self) -> dict[str, Rect]:
        out = super().targets()
        out.update({f"term:{i}": Rect(r) for i, r in self.rows.items()})
        return out

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "query": self.entry.value,
            "terms": [t.term for t in self.shown],
            "term": self.shown[self.pick].term if self.shown else None,
        }


def _aliases(term: Any) -> list[str]:
    """A term's other names as shown (in Hindi several English forms read the same: each once,
    and never the term itself)."""
    seen = {shown(term.term)}
    out = []
    for alias in term.aliases:
        if shown(alias) not in seen:
            seen.add(shown(alias))
            out.append(alias)
    return out
