"""The fan chart of a decision: each option's futures turn by turn to the end of the game
(80% and 50% ranges, medians, the objective's threshold), their end-of-game ranges side by
side, the options by number and what the intelligence level means."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.ui import charts
from game.ui.chart_projection import option_colour, projection_steps
from game.ui.controls import ItemScroll, button_height, more_marks, rounded
from game.ui.overlays import ClosingOverlay
from game.ui.painter import Painter
from game.ui.screen import Pop, Rect, Transition
from game.ui.theme import blend

if TYPE_CHECKING:
    from game.engine.game import Decision
    from game.ui.app import App
    from game.ui.session import Session

NUM = {pygame.K_1: 0, pygame.K_2: 1, pygame.K_3: 2, pygame.K_4: 3}


def intelligence_words(quality: float) -> str:
    """What the intelligence level does to the ranges, in words."""
    if quality > 0.75:
        return (
            f"Intelligence sharp ({quality:.0%}): ranges are narrow because your analysts add "
            "almost no error; the spread left is the game's own uncertainty."
        )
    if quality > 0.4:
        return (
            f"Intelligence fair ({quality:.0%}): ranges are wider than the real spread and may "
            "sit a little off, because reports are incomplete."
        )
    return (
        f"Intelligence poor ({quality:.0%}): ranges are blurred and may lean towards what you "
        "hope or fear, because you see little; read the medians as rough."
    )


class FanChartScreen(ClosingOverlay):
    """Pick an indicator and an option; see its projection and every option's end."""

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
        inner = self.place_box(win, int(win.w * 0.92), int(win.h * 0.92))
        bh = button_height(p)
        self.footer = Rect(inner.x, inner.bottom - bh, inner.w, bh)
        body = Rect(inner.x, inner.y, inner.w, self.footer.y - inner.y - st.u * 2)
        lw = int(min(max(body.w * 0.22, st.px(200)), st.px(300)))
        self.list_rect = Rect(body.x, body.y, lw, body.h)
        right = Rect(body.x + lw + st.u * 3, body.y, body.w - lw - st.u * 3, body.h)
        top_h = int(right.h * (0.6 if st.fonts.scale < 1.2 else 0.55))
        self.fan_rect = Rect(right.x, right.y, right.w, top_h)
        low = Rect(right.x, right.y + top_h + st.u * 2, right.w, right.h - top_h - st.u * 2)
        half = int((low.w - st.u * 3) * 0.46)
        self.end_rect = Rect(low.x, low.y, half, low.h)
        self.key_rect = Rect(low.x + half + st.u * 3, low.y, low.w - half - st.u * 3, low.h)
        from game.ui.common import row_buttons

        self.buttons = row_buttons(
            p, inner.right, self.footer.y, [("close", "Close", "primary", "Esc")], min_w=st.px(120)
        )
        self.row_h = st.line("body") + st.px(8)
        self.focus = "close"

    def prepare_step(self) -> bool:
        if not super().prepare_step():
            return False
        # the pixels a new indicator or option will be drawn into, before the chart shows
        return not self.panels["box"].ensure_spare()

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
            box = r.inflate(-st.u * 2, 0)
            fits = p.width(info.label, "body", bold=i == self.pick) <= box.w
            p.text(
                surf,
                info.label if fits else info.name_short,  # the whole name is in the title
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
        hist = s.history(info)
        last = s.definition.period.turns
        tgt = s.target(info.name)
        target = (tgt.op, float(tgt.value)) if tgt is not None else None
        paths = [
            of.path.get(info.name, ()) if of.legal else () for of in fc.options
        ]  # an option not available now has no line
        yield from projection_steps(
            surf,
            self.fan_rect.move(-off[0], -off[1]),
            hist,
            paths,
            k,
            first_turn=s.game.turn - len(hist) + 1,
            target=target,
            unit=info.unit,
            title=f"{info.label}: turn by turn to the end (turn {last}), option {k + 1}",
            colour=option_colour(k, pal),
            fonts=st.fonts,
            palette=pal,
            bg=pal.panel,
        )
        yield
        legal = [o.legal for o in fc.options]
        hib = None if info.good == 0 else info.good > 0
        cur = s.game.values()[info.name]
        fin = [
            (f"{o.index + 1}", o.final[info.name])
            for o, ok in zip(fc.options, legal, strict=False)
            if ok
        ]
        charts.fan_compare(
            surf,
            self.end_rect.move(-off[0], -off[1]),
            fin,
            cur,
            fonts=st.fonts,
            palette=pal,
            unit=info.unit,
            higher_is_better=hib,
            title=f"End of game (turn {last})",
            target=target,
            axis=True,
            bg=pal.panel,
        )
        yield
        self.draw_key(surf, p, self.key_rect.move(-off[0], -off[1]), fc, k)
        fr = self.footer.move(-off[0], -off[1])
        hint = f"{fc.rollouts:,} futures per option \u00b7 1\u20134 option \u00b7 Up/Down indicator"
        p.text(
            surf,
            hint,
            Rect(fr.x, fr.y, self.buttons[0].rect.x - self.footer.x - st.u * 2, fr.h),
            "small",
            pal.text_dim,
            valign="center",
        )

    def draw_key(self, surf: pygame.Surface, p: Painter, r: Rect, fc: Any, k: int) -> None:
        """The options by number (whole names) and what the intelligence level means."""
        st, pal = self.style, self.pal
        y = r.y
        for o in self.dec.options:
            legal = o.index < len(fc.options) and fc.options[o.index].legal
            label = f"{o.index + 1}  {o.label}" + ("" if legal else " (not available)")
            colour = option_colour(o.index, pal) if legal else pal.text_dim
            h = p.para_height(label, "label", r.w, bold=o.index == k, max_lines=2)
            p.para(
                surf, label, Rect(r.x, y, r.w, h), "label", colour, bold=o.index == k, max_lines=2
            )
            y += h + st.px(2)
        y += st.u
        text = intelligence_words(fc.quality)
        p.para(surf, text, Rect(r.x, y, r.w, r.bottom - y), "small", pal.text_dim)

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

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "indicator": self.infos[self.pick].name, "option": self.option}
