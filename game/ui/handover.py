"""Hot seat: the screen between two players at one machine.

When India has decided, the turn screen is replaced by this one: nothing of India's
choices is on it, and the United States' turn screen is built fresh only when its player
says they are ready (Enter or a click), so no picture of India's cards survives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.presentation import turn_label
from game.ui.common import ButtonScreen, row_buttons
from game.ui.controls import button_height, icon_dot, rounded
from game.ui.i18n import language, tr
from game.ui.painter import Painter
from game.ui.pixels import backdrop
from game.ui.screen import Push, Rect, Replace, Transition
from game.ui.theme import blend

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.session import Session


def _the(name: str) -> str:
    """'the United States', 'India' (for English sentences)."""
    return f"the {name}" if name.startswith("United ") else name


def hand_over(app: App, session: Session) -> Transition | None:
    """Keep the current player's choices out of sight and show the hand-over screen."""
    before = session.role
    if session.hand_over() is None:
        return None
    return Replace(HandoverScreen(app, session, before))


class HandoverScreen(ButtonScreen):
    """'Hand the computer to the United States — India's choices are hidden'."""

    name = "handover"

    def __init__(self, app: App, session: Session, previous: str) -> None:
        super().__init__(app)
        self.session = session
        self.previous = previous  # the role that has just decided
        self.add_panel("card", self._draw_card)

    @property
    def heading(self) -> str:
        s = self.session
        name = s.role_name(s.role)
        head = tr("Hand the computer to {role}", role=_the(name) if language() == "en" else name)
        who = s.players.get(s.role, "")  # the names given on the briefing
        if len(who) > 24:
            who = who[:23].rstrip() + "\u2026"
        return f"{head} ({who})" if who else head

    @property
    def message(self) -> str:
        s = self.session
        return tr(
            "{role}'s choices are hidden until the turn resolves. "
            "Press Enter or click Ready when {next} is at the keyboard.",
            role=s.role_name(self.previous),
            next=_the(s.role_name(s.role)) if language() == "en" else s.role_name(s.role),
        )

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        w = min(win.w - st.u * 8, st.px(860))
        text_w = w - st.u * 8
        head_h = p.para_height(self.heading, "heading", text_w, True, 2)
        msg_h = p.para_height(self.message, "title", text_w, max_lines=4)
        bh = button_height(p)
        h = st.u * 6 + st.line("body", True) + st.u * 2 + head_h + st.u * 2 + msg_h + st.u * 4 + bh
        h = min(h, win.h - st.u * 8)
        self.card = Rect((win.w - w) // 2, (win.h - h) // 2, w, h)
        self.panels["card"].set_rect(self.card)
        inner = self.card.inflate(-st.u * 8, -st.u * 6)
        self.inner = inner
        self.head_h, self.msg_h = head_h, msg_h
        label = tr("Ready") + f" \u2014 {self.session.role_name()}"
        self.buttons = row_buttons(
            p, inner.right, inner.bottom - bh, [("ready", label, "primary", "Enter")]
        )
        self.focus = "ready"
        self.button_panel = "card"

    def _draw_card(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal, s = self.style, self.pal, self.session
        surf.blit(backdrop(self.app.size, pal), (0, 0), Rect(self.card))
        colour = pal.india if s.role == "india" else pal.us
        rounded(surf, r, blend(pal.panel, colour, 0.08), st.px(10))
        rounded(surf, r, colour, st.px(10), max(2, st.px(3)))
        ox, oy = self.card.topleft
        inner = self.inner.move(-ox, -oy)
        y = inner.y
        g = s.game
        icon_dot(surf, (inner.x + st.px(6), y + st.line("body", True) // 2), st.px(6), colour)
        p.text(
            surf,
            f"{turn_label(g)} \u00b7 {tr('Hand over')}",
            Rect(inner.x + st.px(20), y, inner.w - st.px(20), st.line("body", True)),
            "body",
            colour,
            bold=True,
        )
        y += st.line("body", True) + st.u * 2
        used = p.para(
            surf,
            self.heading,
            Rect(inner.x, y, inner.w, self.head_h),
            "heading",
            pal.text,
            bold=True,
            max_lines=2,
        )
        y = max(used.bottom, y + self.head_h) + st.u * 2
        p.para(
            surf,
            self.message,
            Rect(inner.x, y, inner.w, min(self.msg_h, inner.bottom - y)),
            "title",
            pal.text_dim,
            max_lines=4,
        )
        self.draw_buttons(p, surf, (ox, oy))

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.MOUSEBUTTONDOWN and e.button == 1 and self.card.collidepoint(e.pos):
            return self.activate("ready")
        return super().on_event(e)

    def activate(self, button_id: str) -> Transition | None:
        if button_id != "ready":
            return None
        return Replace(self.app.flow.turn(self.session))

    def back(self) -> Transition | None:
        return Push(self.app.flow.pause())

    def regions(self) -> dict[str, Rect]:
        return {"card": Rect(self.card)}

    def describe(self) -> dict[str, Any]:
        s = self.session
        return {
            "name": self.name,
            "role": s.role,
            "previous": self.previous,
            "heading": self.heading,
            "message": self.message,
        }
