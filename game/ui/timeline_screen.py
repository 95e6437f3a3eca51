"""The real timeline in the window: dated events from the 2005 framework to 2026, each with
its source, and the game's own turns beside them where they overlap (T in a turn)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame

from game.presentation import turn_label
from game.scenario.reference import date_label
from game.ui.common import row_buttons
from game.ui.controls import ItemScroll, button_height, more_marks, rounded
from game.ui.i18n import tr
from game.ui.overlays import OverlayScreen
from game.ui.painter import Painter
from game.ui.screen import Pop, Rect, Replace, Transition

if TYPE_CHECKING:
    from game.ui.app import App


@dataclass(frozen=True)
class Row:
    """One line of the timeline: a real event, or a turn of the game."""

    kind: str  # "real"; "ahead" (real, beyond the turn reached); "turn"; "now"
    when: str
    title: str
    text: str = ""
    source: str = ""


def _key(date: str) -> str:
    parts = (date.split("-") + ["00", "00"])[:3]
    return "-".join(p.zfill(2) for p in parts)


def timeline_rows(session: Any) -> list[Row]:
    """The real events in date order with the game's turns placed at their months: each
    turn played with the people's choices, and the turn being played now."""
    g = session.game
    d = g.definition
    items: list[tuple[str, int, Row]] = []
    for rec in g.turns:
        y, m = g.calendar(rec.turn)
        label = tr(
            "Your game \u00b7 turn {n} \u00b7 {when}", n=rec.turn, when=turn_label(g, rec.turn)
        )
        played = []
        for c in rec.choices:
            if c.role not in session.humans:
                continue
            ev = g.event_def(c.event)
            opt = next((o for o in ev.options if o.id == c.option), None)
            chosen = g.text(opt.label) if opt is not None else c.option
            played.append(f"{session.role_name(c.role)}: {g.text(ev.title)} \u2192 {chosen}")
        now = rec.turn == g.turn and not g.is_over()
        if now:
            text = tr("You are here: the decisions of this turn are still open.")
        else:
            text = "; ".join(played) or tr("No decision for the players this turn.")
        items.append((f"{y:04d}-{m:02d}-00", 0, Row("now" if now else "turn", label, "", text)))
    reached = g.calendar(g.turn)
    edge = f"{reached[0]:04d}-{reached[1]:02d}-00" if not g.is_over() else "9999"
    for e in d.timeline:
        k = _key(e.date)
        source = f"{e.source.publication}, {e.source.date}"
        kind = "ahead" if k > edge and k[:7] >= d.period.start[:7] else "real"
        items.append((k, 1, Row(kind, date_label(e.date), e.title, e.text, source)))
    items.sort(key=lambda x: (x[0], x[1]))
    return [r for _, _, r in items]


class TimelineScreen(OverlayScreen):
    """What really happened, 2005-2026, with the game's turns beside it."""

    name = "timeline"
    button_panel = "box"

    def __init__(self, app: App, session: Any) -> None:
        self.session = session
        self.items = timeline_rows(session)
        self.scroll = ItemScroll()
        self.heights: list[int] = []
        self._opening = True
        super().__init__(app)

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        self.title = tr("The real timeline")
        inner = self.place_box(win, st.px(1120), win.h)
        bh = button_height(p)
        intro_h = p.para_height(self.intro(), "small", inner.w, max_lines=2)
        self.intro_box = Rect(inner.x, inner.y, inner.w, intro_h)
        top = self.intro_box.bottom + st.u
        self.list_box = Rect(inner.x, top, inner.w, inner.bottom - bh - st.u * 2 - top)
        widest = max(
            (p.width(r.when, "label", True) for r in self.items if r.kind in ("real", "ahead")),
            default=0,
        )
        self.date_w = max(widest, st.px(100)) + st.u * 3
        text_w = self.list_box.w - self.date_w - st.u * 4
        self.heights = [self._height(r, text_w) for r in self.items]
        if self._opening:  # open at the turn being played (or the last one)
            self._opening = False
            last = max(
                (i for i, r in enumerate(self.items) if r.kind in ("turn", "now")), default=0
            )
            self.scroll.first = max(0, last - 3)  # with the real events just before it
        self.buttons = row_buttons(
            p,
            inner.right,
            inner.bottom - bh,
            [
                ("glossary", tr("Glossary"), "normal", "Tab"),
                ("close", tr("Close"), "primary", "Esc"),
            ],
            min_w=st.px(120),
        )
        self.focus = "close"

    def intro(self) -> str:
        """The line above the list."""
        return tr(
            "Real events with their sources; the turns of your game are set beside them "
            "(highlighted). Events dimmed lie beyond the turn your game has reached."
        )

    def _height(self, r: Row, w: int) -> int:
        st, p = self.style, self.app.painter
        if r.kind in ("turn", "now"):
            return (
                st.line("label", True) + p.para_height(r.text, "small", w, max_lines=3) + st.px(12)
            )
        h = p.para_height(r.title, "body", w, True, 2)
        if r.text:
            h += p.para_height(r.text, "small", w, max_lines=3)
        if r.source:
            h += st.line("small")
        return h + st.px(10)

    def draw_content(self, surf: pygame.Surface, p: Painter, off: tuple[int, int]) -> None:
        st, pal = self.style, self.pal
        p.para(
            surf,
            self.intro(),
            self.intro_box.move(-off[0], -off[1]),
            "small",
            pal.text_dim,
            max_lines=2,
        )
        lb = self.list_box.move(-off[0], -off[1])
        rounded(surf, lb, pal.background, st.px(6))
        inner = lb.inflate(-st.px(12), -st.px(10))
        start, end = self.scroll.window(self.heights, inner.h)
        self.window = (start, end)
        x_text = inner.x + self.date_w
        w = inner.right - x_text - st.px(12)
        y = inner.y
        for i in range(start, end):
            r, h = self.items[i], self.heights[i]
            box = Rect(x_text, y + st.px(4), w, h - st.px(8))
            if r.kind in ("turn", "now"):
                band = Rect(inner.x, y + st.px(2), inner.w - st.px(10), h - st.px(4))
                rounded(surf, band, pal.panel_alt, st.px(5))
                pygame.draw.rect(surf, pal.accent, (band.x, band.y, st.px(4), band.h))
                p.text(
                    surf,
                    r.when,
                    Rect(band.x + st.u * 2, box.y, band.w - st.u * 3, st.line("label", True)),
                    "label",
                    pal.accent,
                    bold=True,
                )
                p.para(
                    surf,
                    r.text,
                    Rect(
                        band.x + st.u * 2,
                        box.y + st.line("label", True),
                        band.w - st.u * 3,
                        box.h - st.line("label", True),
                    ),
                    "small",
                    pal.text,
                    max_lines=3,
                )
                y += h
                continue
            dim = r.kind == "ahead"
            p.text(
                surf,
                r.when,
                Rect(inner.x + st.u, box.y, self.date_w - st.u * 2, st.line("label", True)),
                "label",
                pal.text_dim if dim else pal.good,
                bold=True,
            )
            used = p.para(
                surf,
                r.title,
                box,
                "body",
                pal.text_dim if dim else pal.text,
                bold=True,
                max_lines=2,
            )
            ty = used.bottom
            if r.text:
                ty = p.para(
                    surf,
                    r.text,
                    Rect(box.x, ty, box.w, box.bottom - ty),
                    "small",
                    pal.text_dim,
                    max_lines=3,
                ).bottom
            if r.source:
                p.text(
                    surf,
                    tr("Source: ") + r.source,
                    Rect(box.x, ty, box.w, st.line("small")),
                    "small",
                    pal.text_dim,
                )
            y += h
        more_marks(surf, lb, start > 0, end < len(self.items), pal, st.px(5))

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.KEYDOWN:
            step = {
                pygame.K_UP: -1,
                pygame.K_DOWN: 1,
                pygame.K_PAGEUP: -5,
                pygame.K_PAGEDOWN: 5,
                pygame.K_HOME: -len(self.items),
                pygame.K_END: len(self.items),
            }.get(e.key)
            if step is not None:
                self.scroll.scroll(step)
                self.invalidate()
                return None
            if e.key == pygame.K_TAB:
                return self.activate("glossary")
            if e.key == pygame.K_t:
                return Pop()
        if e.type == pygame.MOUSEWHEEL:
            self.scroll.scroll(-e.y * 2)
            self.invalidate()
            return None
        return super().on_event(e)

    def activate(self, button_id: str) -> Transition | None:
        if button_id == "glossary":
            screen = self.app.flow.glossary()
            return Replace(screen) if screen is not None else None
        return Pop()

    def back(self) -> Transition | None:
        return Pop()

    def describe(self) -> dict[str, Any]:
        start, end = getattr(self, "window", (0, 0))
        return {
            "name": self.name,
            "rows": len(self.items),
            "turns": sum(1 for r in self.items if r.kind in ("turn", "now")),
            "shown": [r.when for r in self.items[start:end]],
        }
