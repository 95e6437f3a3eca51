"""The new-game screen's classroom strip: the class code field (which fixes scenario, seed,
difficulty and rules) and the number of players.

Drawn for `NewGameScreen`, whose state (the code typed, what it fixes, the players) it reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.classcode import parse_code, prefix_of
from game.ui import i18n
from game.ui.common import card
from game.ui.controls import (
    button_height,
    rounded,
)
from game.ui.painter import Painter
from game.ui.screen import Rect
from game.ui.theme import blend

if TYPE_CHECKING:
    from game.ui.newgame import NewGameScreen

# the opponent at each difficulty is game.classcode.DIFFICULTY_BOTS (balanced, expert, master)
DIFFICULTIES = (
    ("easy", "Easy", "A balanced opponent that pursues its own objectives and meets you halfway."),
    ("normal", "Normal", "An expert that plays every option forward before it decides."),
    ("hard", "Hard", "A master: the expert, reading three times as many futures."),
)
# the game's length: the scenario as written, or its lesson telling (game/scenario/lengths.py)
LENGTHS = (
    ("full", "Full", "Every turn of the scenario as written."),
    ("lesson", "Lesson", "The same story in at most 8 turns: about 25 minutes for two players."),
)
PLAYERS = ((1, "One (vs computer)"), (2, "Two at one machine"))


class ClassCodePanel:
    """Places, reads and draws the class code and players strip of a new-game screen."""

    def __init__(self, screen: NewGameScreen) -> None:
        self.screen = screen

    def layout(self, box: Rect) -> Rect:
        """Place the class code field and the players choice at the top of `box`; the rest."""
        st, p = self.screen.style, self.screen.app.painter
        head = st.line("label", True) + st.u
        field_h = button_height(p)
        msg_h = st.line("small")
        strip = Rect(box.x, box.y, box.w, head + field_h + st.px(4) + msg_h + st.u * 2)
        self.screen.panels["class"].set_rect(strip)
        code_w = int(box.w * 0.38)
        self.screen.code_head = Rect(box.x, box.y, code_w, head)
        self.screen.code_box = Rect(box.x, box.y + head, code_w, field_h)
        px = box.x + code_w + st.u * 2
        pw = box.right - px - st.px(14)
        self.screen.players_head = Rect(px, box.y, pw, head)
        seg_w = (pw - st.u) // 2
        self.screen.player_segs = {
            n: Rect(px + k * (seg_w + st.u), box.y + head, seg_w, field_h)
            for k, (n, _) in enumerate(PLAYERS)
        }
        self.screen.code_msg = Rect(
            box.x, self.screen.code_box.bottom + st.px(4), box.w - st.px(14), msg_h
        )
        return Rect(box.x, strip.bottom, box.w, box.bottom - strip.bottom)

    def changed(self) -> None:
        """Read the class code as typed: apply a valid one, explain a wrong one."""
        text = self.screen.code.value.strip()
        self.screen.code_info, self.screen.code_error = None, ""
        if not text:
            return
        try:
            info = parse_code(text)
        except ValueError as err:
            self.screen.code_error = str(err)
            return
        ids = [e.id for e in self.screen.entries or []]
        match = [i for i, sid in enumerate(ids) if prefix_of(sid) == info.prefix]
        if self.screen.entries is not None and not match:
            self.screen.code_error = f"No bundled scenario has the initials {info.prefix}."
            return
        self.screen.code_info = info
        if match:
            self.screen._pick(match[0])
        self.screen.seed.value = str(info.seed)
        self.screen.difficulty = info.difficulty
        self.screen.players = 2 if "hot_seat" in info.flags else 1

    def note(self) -> str:
        info = self.screen.code_info
        if info is None:
            if self.screen.code_error:
                return self.screen.code_error
            return "A code from your teacher sets the scenario, seed, difficulty and rules."
        label = next(name for d, name, _ in DIFFICULTIES if d == info.difficulty)
        rules = {
            "hot_seat": "two players",
            "notes_required": "reasons required",
            "no_forecasts": "no forecasts",
            "no_advisors": "no advisors",
        }
        flags = ", ".join(rules[f] for f in sorted(info.flags) if f in rules)
        title = self.screen.entries[self.screen.pick].title if self.screen.entries else info.prefix
        return f"{title} \u00b7 seed {info.seed} \u00b7 {label}" + (
            f" \u00b7 {flags}" if flags else ""
        )

    def players_label(self, n: int, label: str, width: int) -> str:
        """The players choice in words, shortened to 'One' / 'Two' where it would not fit."""
        full = i18n.tr(label)
        if self.screen.app.painter.width(full, "label", True) <= width:
            return full
        return i18n.tr("One" if n == 1 else "Two")

    def draw(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.screen.style, self.screen.pal
        surf.fill(pal.panel)
        off = self.screen.panels["class"].rect.topleft

        def loc(rect: Rect) -> Rect:
            return rect.move(-off[0], -off[1])

        for rect, text, section in (
            (self.screen.code_head, i18n.tr("Class code (optional)"), "code"),
            (self.screen.players_head, i18n.tr("Players"), "players"),
        ):
            colour = pal.accent if self.screen.section == section else pal.text_dim
            p.text(surf, text, loc(rect), "label", colour, bold=True)
        self.screen.code.draw(
            p,
            surf,
            self.screen.code_box,
            focused=self.screen.section == "code",
            placeholder="TF-4K7P-X2QM-9",
            error=bool(self.screen.code_error),
            offset=off,
        )
        for n, label in PLAYERS:
            rr = loc(self.screen.player_segs[n])
            chosen = self.screen.players == n
            fill = (
                pal.accent
                if chosen
                else (
                    blend(pal.panel_alt, pal.accent, 0.12)
                    if self.screen.hover == f"players:{n}"
                    else pal.panel_alt
                )
            )
            if chosen and self.screen.locked:
                fill = blend(pal.accent, pal.panel, 0.35)
            card(surf, rr, pal, st.px(6), fill, None if chosen else pal.border)
            if chosen and self.screen.section == "players":
                rounded(surf, rr.inflate(st.px(4), st.px(4)), pal.text, st.px(8), max(1, st.px(2)))
            p.text(
                surf,
                self.players_label(n, label, rr.w - st.px(12)),
                rr.inflate(-st.px(8), 0),
                "label",
                pal.background if chosen else pal.text,
                bold=True,
                align="center",
                valign="center",
            )
        note_colour = (
            pal.bad
            if self.screen.code_error
            else (pal.good if self.screen.locked else pal.text_dim)
        )
        p.text(surf, self.note(), loc(self.screen.code_msg), "small", note_colour)
