"""Who is playing: a name field for each side played by people, on the briefing.

The names go into the game's record, so the class report's gradebook fills its
`Players` column (the terminal asks the same with `--players`). The first field has the
keyboard when the briefing opens: typing fills it, Tab goes to the next side's field,
Enter begins the game as before and Esc goes back.
"""

from __future__ import annotations

from typing import Any

import pygame

from game.ui.i18n import tr
from game.ui.painter import Painter
from game.ui.screen import Rect
from game.ui.textentry import TextEntry


class PlayerNames:
    """One text field per human role of a session."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.roles: list[str] = list(session.humans)
        known = session.players
        self.fields = {r: TextEntry(known.get(r, ""), max_len=60) for r in self.roles}
        self.focus: str | None = self.roles[0] if self.roles else None
        self.boxes: dict[str, Rect] = {}
        self.labels: dict[str, Rect] = {}

    def label(self, role: str) -> str:
        """The question above a field."""
        return tr(
            "Who plays {role}? Your names, for the teacher", role=self.session.role_name(role)
        )

    def height(self, painter: Painter) -> int:
        """The room the fields need."""
        st = painter.style
        one = st.line("small") + st.line("body") + st.px(14) + st.u
        return st.line("small", True) + st.px(4) + one * len(self.roles)

    def place(self, rect: Rect, painter: Painter) -> None:
        """Lay the fields out in `rect` (window coordinates)."""
        st = painter.style
        y = rect.y + st.line("small", True) + st.px(4)
        self.rect = Rect(rect)
        for r in self.roles:
            self.labels[r] = Rect(rect.x, y, rect.w, st.line("small"))
            y += st.line("small")
            self.boxes[r] = Rect(rect.x, y, rect.w, st.line("body") + st.px(14))
            y += self.boxes[r].h + st.u

    def draw(self, painter: Painter, surf: pygame.Surface, off: tuple[int, int]) -> None:
        """Draw the heading, the questions and the fields onto a panel at `off`."""
        st, pal = painter.style, painter.palette
        head = Rect(self.rect.x - off[0], self.rect.y - off[1], self.rect.w, st.line("small", True))
        painter.text(surf, tr("PLAYERS"), head, "small", pal.accent, bold=True)
        for r in self.roles:
            painter.text(
                surf, self.label(r), self.labels[r].move(-off[0], -off[1]), "small", pal.text_dim
            )
            self.fields[r].draw(
                painter,
                surf,
                self.boxes[r],
                focused=self.focus == r,
                placeholder=tr("e.g. Asha, Ben"),
                offset=off,
            )

    def handle(self, e: pygame.event.Event) -> bool:
        """Typing, Tab and clicks for the fields; True if the event was theirs."""
        if e.type == pygame.MOUSEBUTTONDOWN and getattr(e, "button", 0) == 1:
            hit = next((r for r, b in self.boxes.items() if b.collidepoint(e.pos)), None)
            if hit is not None or self.focus is not None:
                self.focus = hit
                return hit is not None
            return False
        if self.focus is None:
            return False
        if e.type == pygame.KEYDOWN and e.key == pygame.K_TAB:
            k = self.roles.index(self.focus) + (-1 if e.mod & pygame.KMOD_SHIFT else 1)
            self.focus = self.roles[k] if 0 <= k < len(self.roles) else None
            return True
        if e.type == pygame.KEYDOWN and e.key in (
            pygame.K_RETURN,
            pygame.K_KP_ENTER,
            pygame.K_ESCAPE,
            pygame.K_UP,
            pygame.K_DOWN,
            pygame.K_PAGEUP,
            pygame.K_PAGEDOWN,
        ):
            return False  # Enter begins, Esc goes back, arrows scroll the briefing
        return self.fields[self.focus].handle(e)

    def names(self) -> dict[str, str]:
        """role -> names typed (blank fields left out)."""
        return {r: f.value.strip() for r, f in self.fields.items() if f.value.strip()}
