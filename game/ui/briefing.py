"""The briefing: what the chosen role knows before turn 1, and what it is trying to achieve."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import i18n
from game.ui.catalogue import cadence, month_name
from game.ui.common import ButtonScreen
from game.ui.controls import (
    Button,
    ItemScroll,
    button_height,
    icon_dot,
    more_marks,
)
from game.ui.painter import Painter
from game.ui.pixels import backdrop
from game.ui.players_entry import PlayerNames
from game.ui.screen import Pop, Rect, Reset, Transition
from game.ui.theme import draw_panel, panel_content_rect

if TYPE_CHECKING:
    from game.ui.app import App


class BriefingScreen(ButtonScreen):
    """What the chosen role knows before turn 1, and what it is trying to achieve."""

    name = "briefing"

    def __init__(self, app: App, session: Any) -> None:
        super().__init__(app)
        self.session = session
        self.scroll = ItemScroll()
        self.add_panel("frame", self._draw_frame)
        self.add_panel("text", self._draw_text)
        self.add_panel("goals", self._draw_goals)
        self.players = PlayerNames(session)  # names for the gradebook, asked before turn 1
        self.add_panel("players", self._draw_players)
        self.add_panel("buttons", self._draw_buttons)

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        m = st.u * 4
        w = min(win.w - 2 * m, st.px(1180))
        frame = Rect((win.w - w) // 2, m, w, win.h - 2 * m)
        self.panels["frame"].set_rect(frame)
        inner = panel_content_rect(frame, st.fonts, i18n.tr("Briefing"))
        self.head = Rect(
            inner.x, inner.y, inner.w, st.line("heading", True) + st.line("body") + st.u
        )
        bh = button_height(p)
        self.footer = Rect(inner.x, inner.bottom - bh, inner.w, bh)
        body_top = self.head.bottom + st.u * 2
        body_h = self.footer.y - st.u * 2 - body_top
        left_w = int(inner.w * 0.58)
        self.text_box = Rect(inner.x, body_top, left_w, body_h)
        self.goals_box = Rect(
            inner.x + left_w + st.u * 3, body_top, inner.w - left_w - st.u * 3, body_h
        )
        names_h = self.players.height(p)  # under the text, which scrolls
        self.text_box.h -= names_h + st.u * 2
        self.names_box = Rect(
            self.text_box.x,
            self.text_box.bottom + st.u * 2,
            min(self.text_box.w, st.px(560)),
            names_h,
        )
        self.players.place(self.names_box, p)
        self.panels["players"].set_rect(self.names_box.inflate(st.px(8), st.px(4)))
        self.panels["text"].set_rect(self.text_box)
        self.panels["goals"].set_rect(self.goals_box)
        self.buttons = [
            Button(
                "back",
                i18n.tr("Back"),
                Rect(inner.right - st.px(400), self.footer.y, st.px(140), bh),
                "ghost",
                True,
                "Esc",
            ),
            Button(
                "begin",
                i18n.tr("Begin turn 1"),
                Rect(inner.right - st.px(240), self.footer.y, st.px(240), bh),
                "primary",
                True,
                "Enter",
            ),
        ]
        self.panels["buttons"].set_rect(self.footer.inflate(st.px(8), st.px(8)))
        self.focus = "begin"

    def _lines(self) -> list[str]:
        s = self.session
        text = s.game.text(s.definition.roles[s.role].briefing)
        return self.app.painter.wrap(
            " ".join(text.split()), "body", self.text_box.w - self.style.px(16)
        )

    def _draw_frame(self, surf: pygame.Surface, p: Painter, r: Rect) -> Iterator[None]:
        st, pal, s = self.style, self.pal, self.session
        surf.blit(backdrop(self.app.size, pal), (0, 0), Rect(self.panels["frame"].rect))
        draw_panel(surf, r, pal, i18n.tr("Briefing"), st.fonts)
        yield  # (the frame, then its heading: steps within the frame's budget)
        off = self.panels["frame"].rect.topleft
        h = self.head.move(-off[0], -off[1])
        colour = pal.india if s.role == "india" else pal.us
        p.text(
            surf,
            f"{s.title}: you are {s.role_name()}",
            Rect(h.x, h.y, h.w, st.line("heading", True)),
            "heading",
            pal.text,
            bold=True,
        )
        d = s.definition
        against = (
            "two players at one machine"
            if len(s.humans) > 1
            else f"opponent: {s.role_name(s.other)} ({s.difficulty})"
        )
        meta = (
            f"{d.period.turns} turns from {month_name(d.period.start)} \u00b7 {cadence(d)} \u00b7 "
            f"{against} \u00b7 seed {s.game.seed}"
        )
        p.text(
            surf,
            meta,
            Rect(h.x, h.y + st.line("heading", True), h.w, st.line("body")),
            "body",
            colour,
        )

    def _draw_text(self, surf: pygame.Surface, p: Painter, r: Rect) -> Iterator[None]:
        st, pal = self.style, self.pal
        surf.fill(pal.panel)
        lines = self._lines()
        yield
        lh = st.line("body")
        start, end = self.scroll.window([lh] * len(lines), r.h)
        self.text_window = (start, end, len(lines))
        font = st.font("body")
        y = 0
        for k, line in enumerate(lines[start:end]):
            if k % 8 == 7:
                yield
            p.text(surf, line, Rect(0, y, r.w - st.px(16), font.get_height()), "body", pal.text)
            y += lh
        more_marks(surf, r, start > 0, end < len(lines), pal, st.px(6))

    def _draw_goals(self, surf: pygame.Surface, p: Painter, r: Rect) -> Iterator[None]:
        st, pal, s = self.style, self.pal, self.session
        draw_panel(surf, r, pal, i18n.tr("Your objectives"), st.fonts, alt=True)
        inner = panel_content_rect(r, st.fonts, i18n.tr("Your objectives"))
        y = inner.y
        objs = s.objectives()
        total = sum(float(o.weight) for o in objs) or 1.0

        for o in objs:
            yield
            label = s.game.text(o.label)
            shared = o in list(s.definition.objectives.shared)
            tag = (
                f"{float(o.weight) / total:.0%} of the score"
                + (" \u00b7 main aim" if o.primary else "")
                + (" \u00b7 shared" if shared else "")
            )
            lh = p.para_height(label, "body", inner.w - st.u * 3, True, 2)
            need = lh + st.line("small") + st.u
            if y + need > inner.bottom:
                p.text(
                    surf,
                    f"\u2026 and {len(objs) - objs.index(o)} more",
                    Rect(inner.x, y, inner.w, st.line("small")),
                    "small",
                    pal.text_dim,
                )
                break
            icon_dot(
                surf,
                (inner.x + st.px(5), y + st.line("body", True) // 2),
                st.px(4),
                pal.accent if o.primary else pal.text_dim,
            )
            used = p.para(
                surf,
                label,
                Rect(inner.x + st.u * 2, y, inner.w - st.u * 3, lh),
                "body",
                pal.text,
                bold=True,
                max_lines=2,
            )
            y = used.bottom
            p.text(
                surf,
                tag,
                Rect(inner.x + st.u * 2, y, inner.w - st.u * 3, st.line("small")),
                "small",
                pal.text_dim,
            )
            y += st.line("small") + st.u

    def _draw_players(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        surf.fill(self.pal.panel)
        self.players.draw(p, surf, self.panels["players"].rect.topleft)

    def _draw_buttons(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        surf.fill(self.pal.panel)
        self.draw_buttons(p, surf, self.panels["buttons"].rect.topleft)

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.MOUSEBUTTONDOWN:
            self.invalidate("players")  # a click elsewhere leaves the field
        if self.players.handle(e):
            self.invalidate("players")
            return None
        if e.type == pygame.MOUSEWHEEL or (
            e.type == pygame.KEYDOWN
            and e.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP, pygame.K_DOWN, pygame.K_UP)
        ):
            if e.type == pygame.MOUSEWHEEL:
                step = -e.y * 3
            else:
                step = {
                    pygame.K_PAGEDOWN: 8,
                    pygame.K_PAGEUP: -8,
                    pygame.K_DOWN: 1,
                    pygame.K_UP: -1,
                }[e.key]
            self.scroll.scroll(step)
            self.invalidate("text")
            return None
        return super().on_event(e)

    def activate(self, button_id: str) -> Transition | None:
        if button_id == "begin":
            self.session.set_players(self.players.names())
            self.session.autosave()
            return self.app.flow.enter_game(self.session)
        if button_id == "back":
            return self.back()
        return None

    def back(self) -> Transition | None:
        if len(self.app.stack) > 1:
            return Pop()
        return Reset(self.app.flow.title())

    def regions(self) -> dict[str, Rect]:
        return {
            "head": Rect(self.head),
            "text": Rect(self.text_box),
            "goals": Rect(self.goals_box),
            "footer": Rect(self.footer),
        }
