"""The fan chart of a decision: how each option's outcomes spread, next turn and at the end."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.ui import charts
from game.ui.controls import ItemScroll, button_height, more_marks, rounded
from game.ui.overlays import OverlayScreen
from game.ui.painter import Painter
from game.ui.screen import Pop, Rect, Transition
from game.ui.theme import blend, fit_text

if TYPE_CHECKING:
    from game.engine.game import Decision
    from game.ui.app import App
    from game.ui.session import Session

NUM = {pygame.K_1: 0, pygame.K_2: 1, pygame.K_3: 2, pygame.K_4: 3}


class FanChartScreen(OverlayScreen):
    """Pick an indicator; see the p10-p90 spread of every option next turn and at the end."""

    name = "fanchart"
    button_panel = "box"

    def __init__(self, app: App, session: Session, dec: Decision, option: int) -> None:
        self.session = session
        self.dec = dec
        self.option = option
        self.title = f"Fan chart \u00b7 {dec.title}"
        fc = session.forecasts[dec.slot]
        keys = session.key_indicators(fc, 5)
        rest = [i for i in session.indicators if i not in keys]
        self.infos = keys + rest
        self.n_key = len(keys)
        self.pick = 0
        self.scroll = ItemScroll()
        super().__init__(app)

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        inner = self.place_box(win, int(win.w * 0.9), int(win.h * 0.9))
        bh = button_height(p)
        self.footer = Rect(inner.x, inner.bottom - bh, inner.w, bh)
        body = Rect(inner.x, inner.y, inner.w, self.footer.y - inner.y - st.u * 2)
        lw = int(min(max(body.w * 0.26, st.px(220)), st.px(340)))
        self.list_rect = Rect(body.x, body.y, lw, body.h)
        right = Rect(body.x + lw + st.u * 3, body.y, body.w - lw - st.u * 3, body.h)
        top_h = int(right.h * 0.48)
        self.fan_rect = Rect(right.x, right.y, right.w, top_h)
        half = (right.w - st.u * 2) // 2
        self.next_rect = Rect(right.x, right.y + top_h + st.u * 2, half, right.h - top_h - st.u * 2)
        self.end_rect = Rect(
            self.next_rect.right + st.u * 2,
            self.next_rect.y,
            right.w - half - st.u * 2,
            self.next_rect.h,
        )
        from game.ui.common import row_buttons

        self.buttons = row_buttons(
            p, inner.right, self.footer.y, [("close", "Close", "primary", "Esc")], min_w=st.px(120)
        )
        self.row_h = st.line("body") + st.px(8)
        self.focus = "close"

    def draw_content(self, surf: pygame.Surface, p: Painter, off: tuple[int, int]) -> None:
        st, pal, s = self.style, self.pal, self.session
        fc = s.forecasts.get(self.dec.slot)
        if fc is None:
            return
        lr = self.list_rect.move(-off[0], -off[1])
        heights = [self.row_h] * len(self.infos)
        self.scroll.ensure(self.pick, heights, lr.h)
        start, end = self.scroll.window(heights, lr.h)
        y = lr.y
        self.row_rects = {}
        for i in range(start, end):
            info = self.infos[i]
            r = Rect(lr.x, y, lr.w - st.px(14), self.row_h - st.px(2))
            self.row_rects[i] = r.move(off)
            if i == self.pick:
                rounded(surf, r, blend(pal.panel_alt, pal.accent, 0.2), st.px(5))
            colour = pal.text if i < self.n_key else pal.text_dim
            p.text(
                surf,
                info.label,
                r.inflate(-st.u * 2, 0),
                "body",
                colour,
                bold=i == self.pick,
                valign="center",
            )
            y += self.row_h
        more_marks(surf, lr, start > 0, end < len(self.infos), pal, st.px(5))
        yield
        info = self.infos[self.pick]
        k = max(0, min(self.option, len(fc.options) - 1))
        of = fc.options[k]
        hist = s.history(info)
        label = f"{info.label}: history and option {k + 1}, {self.dec.options[k].label}, next turn"
        colour = pal.india if s.role == "india" else pal.us
        charts.fan_chart(
            surf,
            self.fan_rect.move(-off[0], -off[1]),
            hist,
            [of.next_turn[info.name]],
            fonts=st.fonts,
            palette=pal,
            colour=colour,
            label=label,
            unit=info.unit,
            bg=pal.panel,
        )
        yield
        names = [
            fit_text(f"{o.index + 1} \u00b7 {o.label}", st.font("small"), st.px(170))
            for o in self.dec.options
        ]
        legal = [o.legal for o in fc.options]
        hib = None if info.good == 0 else info.good > 0
        cur = s.game.values()[info.name]
        nxt = [
            (n, o.next_turn[info.name])
            for n, o, ok in zip(names, fc.options, legal, strict=False)
            if ok
        ]
        fin = [
            (n, o.final[info.name])
            for n, o, ok in zip(names, fc.options, legal, strict=False)
            if ok
        ]
        charts.fan_compare(
            surf,
            self.next_rect.move(-off[0], -off[1]),
            nxt,
            cur,
            fonts=st.fonts,
            palette=pal,
            unit=info.unit,
            higher_is_better=hib,
            title="Next turn (p10\u2013p90, median)",
            bg=pal.panel,
        )
        yield
        charts.fan_compare(
            surf,
            self.end_rect.move(-off[0], -off[1]),
            fin,
            cur,
            fonts=st.fonts,
            palette=pal,
            unit=info.unit,
            higher_is_better=hib,
            title=f"End of game (turn {s.definition.period.turns})",
            bg=pal.panel,
        )
        fr = self.footer.move(-off[0], -off[1])
        quality = "sharp" if fc.quality > 0.75 else "fair" if fc.quality > 0.4 else "poor"
        hint = f"{fc.rollouts:,} futures per option \u00b7 intelligence {quality} \u00b7 1\u20134 option \u00b7 Up/Down indicator"
        p.text(
            surf,
            hint,
            Rect(fr.x, fr.y, self.buttons[0].rect.x - self.footer.x - st.u * 2, fr.h),
            "small",
            pal.text_dim,
            valign="center",
        )

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.KEYDOWN:
            if e.key in NUM and NUM[e.key] < len(self.dec.options):
                self.option = NUM[e.key]
                self.invalidate()
                return None
            if e.key in (pygame.K_UP, pygame.K_DOWN):
                self.pick = max(
                    0, min(len(self.infos) - 1, self.pick + (1 if e.key == pygame.K_DOWN else -1))
                )
                self.invalidate()
                return None
            if e.key == pygame.K_f:
                return Pop()
        if e.type == pygame.MOUSEBUTTONDOWN and e.button == 1:
            for i, r in getattr(self, "row_rects", {}).items():
                if r.collidepoint(e.pos):
                    self.pick = i
                    self.invalidate()
                    return None
        if e.type == pygame.MOUSEWHEEL:
            self.pick = max(0, min(len(self.infos) - 1, self.pick - e.y))
            self.invalidate()
            return None
        return super().on_event(e)

    def activate(self, button_id: str) -> Transition | None:
        return Pop()

    def back(self) -> Transition | None:
        return Pop()

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "indicator": self.infos[self.pick].name, "option": self.option}
