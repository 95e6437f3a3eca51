"""The turn screen's costs: the player's political capital (what is left after the turn's
staged answers, as pips and words, and how it refills), what an option costs or why it is
too dear, what it makes or breaks, and the Commitments list (key C).

The words come from `game.presentation` (the terminal and the web page say the same);
the window passes them through `i18n.tr`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.presentation import (
    CapitalStatus,
    capital_status,
    capital_text,
    commitment_line,
    commitment_notes,
    cost_chip,
    cost_tag,
    penalty_text,
    regen_text,
)
from game.ui import i18n
from game.ui.controls import keycap, keycap_width, rounded
from game.ui.painter import Painter
from game.ui.screen import Rect
from game.ui.theme import blend

if TYPE_CHECKING:
    from game.engine.game import Decision
    from game.ui.screen import Screen
    from game.ui.turn import TurnScreen

MAX_PIPS = 12  # more than this many units of capital: one bar instead of pips


class CapitalRow:
    """Places and draws the capital row of the decisions panel, and answers the cards'
    questions about costs (`status`, `dear`, `reason`, `chip`, `notes`)."""

    def __init__(self, screen: TurnScreen) -> None:
        self.turn = screen
        self.rect = Rect(0, 0, 0, 0)
        # answers by the game's state: a layout asks the same questions of every card
        # (reading the decisions due each time cost 0.1-0.5 ms an answer)
        self._memo: dict[tuple[Any, ...], Any] = {}

    def _cached(self, what: tuple[Any, ...], make: Any, staged: bool = True) -> Any:
        """`make()`, remembered while the game's state, the staged answers (unless
        `staged` is False: the answer does not depend on them) and the language stay as
        they are."""
        s = self.turn.session
        g = s.game
        st = g.state
        key = (
            g,
            id(st),
            g.turn,
            st.values[0].tobytes(),
            st.pending[0].tobytes(),
            st.commit[0].tobytes() if st.commit.size else b"",
            s.role,
            tuple(sorted(s.choices.items())) if staged else None,
            i18n.language(),
            *what,
        )
        if key in self._memo:
            return self._memo[key]
        if len(self._memo) > 256:
            self._memo.clear()
        value = self._memo[key] = make()
        return value

    # -- what the cards and the detail ask -----------------------------------------------

    def status(self, dec: Decision | None = None) -> CapitalStatus | None:
        """The player's capital while deciding `dec` (the focused decision by default):
        the answers staged for the turn's other decisions are already paid."""
        s = self.turn.session
        dec = dec if dec is not None else self.turn.focused()
        slot = dec.slot if dec is not None else None
        # what the game's state holds (its regain is an expression to evaluate) once, the
        # staged answers counted for each decision
        base = self._cached(
            ("status",), lambda: capital_status(s.game, s.role, pending=[]), staged=False
        )
        if base is None:
            return None
        return self._cached(
            ("status", slot),
            lambda: capital_status(s.game, s.role, dict(s.choices), slot, s.decisions(), base),
        )

    def dear(self, dec: Decision, opt: Any) -> bool:
        """True if the option costs more than is left (counting the staged answers)."""
        if opt.cost <= 0:
            return False
        cs = self.status(dec)
        return cs is not None and not cs.affords(opt.cost)

    def reason(self, dec: Decision, opt: Any) -> str:
        """Why a too-dear option cannot be chosen: `Costs 4 political capital; 3.0 left`."""
        text = cost_tag(opt.cost, self.status(dec), i18n.tr)
        return text[:1].upper() + text[1:]

    def refusal(self, dec: Decision, opt: Any) -> str:
        """Why choosing the option was refused (a toast)."""
        if self.dear(dec, opt):
            return self.reason(dec, opt)
        return f"\u201c{opt.label}\u201d is not available now."

    def chip(self, opt: Any) -> str:
        """The option card's cost chip (`cost 2`; "" for a free option)."""
        return cost_chip(opt.cost, i18n.tr) if self.status() is not None else ""

    def notes(self, dec: Decision, opt: Any) -> list[tuple[str, str]]:
        """(kind, sentence) of each commitment the option makes or breaks now."""
        s = self.turn.session
        notes = self._cached(
            ("notes", dec.event, opt.id),
            lambda: tuple(
                (n.kind, n.text)
                for n in commitment_notes(s.game, s.role, dec.event, opt.id, i18n.tr)
            ),
            staged=False,  # (what an option makes or breaks does not depend on the others)
        )
        return list(notes)

    # -- the row ---------------------------------------------------------------------------

    def shown(self) -> bool:
        """A row only when the player's role has a resource or can make commitments."""
        s = self.turn.session
        if s.game.resource(s.role) is not None:
            return True
        return any(c.role == s.role for c in s.definition.commitments)

    def link(self) -> str:
        """The row's right end: `Commitments: 1 standing` (the key C opens the list)."""
        s = self.turn.session
        if not any(c.role == s.role for c in s.definition.commitments):
            return ""
        mine = s.game.commitments(s.role)
        standing = sum(c.status == "standing" for c in mine)
        broken = sum(c.status == "broken" for c in mine)
        text = i18n.tr("Commitments")
        if standing:
            text += " \u00b7 " + i18n.tr("{n} standing", n=standing)
        if broken:
            text += " \u00b7 " + i18n.tr("{n} broken", n=broken)
        return text

    def texts(self, cs: CapitalStatus | None) -> list[str]:
        """The row's words, longest first: the first that fits is drawn."""
        if cs is None:
            return [""]
        head = capital_text(cs, i18n.tr)
        regen = regen_text(cs, i18n.tr)
        short = regen.split(" from ")[0] if regen else ""
        if i18n.language() != "en":  # (the sources and "full" are English words)
            regen = short = short if cs.regen is not None and "next turn" in short else ""
        out = [f"{head} \u00b7 {regen}"] if regen else []
        if short and short != regen:
            out.append(f"{head} \u00b7 {short}")
        out.append(head)
        out.append(i18n.tr("{left} of {max} left", left=f"{cs.left:.1f}", max=f"{cs.max:g}"))
        return out

    def pips_width(self, cs: CapitalStatus | None) -> int:
        st = self.turn.style
        if cs is None:
            return 0
        n = int(round(cs.max))
        if n <= MAX_PIPS:
            return n * st.px(9) + st.px(6)
        return st.px(90) + st.px(6)

    def min_width(self) -> int:
        """The least room the row needs: `2.0 of 8 left` (the pips when there is room)."""
        return self.turn.app.painter.width(self.texts(self.status())[-1], "small", True)

    def draw_link(self, surf: pygame.Surface, p: Painter, rr: Rect) -> None:
        """`Commitments · 1 standing` and its key C, right-aligned in `rr` (the objectives
        strip's title row), if there is room."""
        link = self.link()
        if not link:
            return
        st, pal = self.turn.style, self.turn.pal
        lw = p.width(link, "small")
        if lw + keycap_width(p, "C") + st.px(6) > rr.w:
            return
        cap = keycap(p, surf, "C", rr.right, rr.centery)
        box = Rect(cap.x - st.px(6) - lw, rr.y, lw, rr.h)
        p.text(surf, link, box, "small", pal.accent, valign="center")

    def height(self) -> int:
        return self.turn.style.line("small") + self.turn.style.px(2) if self.shown() else 0

    def draw(self, surf: pygame.Surface, p: Painter, rr: Rect) -> None:
        """The pips (left after the staged answers, the staged part dimmed), the words, and
        the commitments link at the right."""
        pal = self.turn.pal
        cs = self.status()
        texts = self.texts(cs)
        pw = self.pips_width(cs)
        # the longest words that fit beside the pips; else the shortest, without them
        text = next((t for t in texts if pw + p.width(t, "small", True) <= rr.w), None)
        x = rr.x
        if text is None:
            text, pw = texts[-1], 0
        if cs is not None and pw:
            self.draw_pips(surf, cs, x, rr.centery)
            x += pw
        if text:
            colour = pal.warn if cs is not None and cs.staged > 0 else pal.text
            with p.crit():
                box = Rect(x, rr.y, rr.right - x, rr.h)
                p.text(surf, text, box, "small", colour, bold=True, valign="center")

    def draw_pips(self, surf: pygame.Surface, cs: CapitalStatus, x: int, cy: int) -> None:
        """One pip a unit (a bar past MAX_PIPS): what is left in the accent colour, what the
        staged answers take in the warning colour."""
        st, pal = self.turn.style, self.turn.pal
        n = int(round(cs.max))
        if n <= MAX_PIPS:
            for i in range(n):
                box = Rect(x + i * st.px(9), cy - st.px(4), st.px(7), st.px(8))
                fill = min(max(cs.left - i, 0.0), 1.0)
                paid = min(max(cs.value - i, 0.0), 1.0) - fill
                rounded(surf, box, pal.panel_alt, st.px(2))
                if paid > 0:
                    w = max(1, int(box.w * (fill + paid)))
                    rounded(surf, Rect(box.x, box.y, w, box.h), pal.warn, st.px(2))
                if fill > 0:
                    w = max(1, int(box.w * fill))
                    rounded(surf, Rect(box.x, box.y, w, box.h), pal.accent, st.px(2))
            return
        track = Rect(x, cy - st.px(3), st.px(90), st.px(6))
        rounded(surf, track, pal.panel_alt, st.px(3))
        w = int(track.w * min(cs.value / max(cs.max, 1e-9), 1.0))
        rounded(surf, Rect(track.x, track.y, w, track.h), pal.warn, st.px(3))
        w = int(track.w * min(cs.left / max(cs.max, 1e-9), 1.0))
        rounded(surf, Rect(track.x, track.y, w, track.h), pal.accent, st.px(3))

    def tint(self, kind: str) -> tuple[int, int, int]:
        """The colour of a commitment note: breaking one is a warning."""
        pal = self.turn.pal
        return pal.bad if kind == "breaks" else blend(pal.text, pal.accent, 0.5)


def commitments_screen(turn: TurnScreen) -> Screen:
    """The Commitments list (key C): each promise of the player's role, made (standing,
    kept or broken) or not yet, with what breaking it costs and which options make it."""
    from game.ui.overlays import NoticeScreen

    s = turn.session
    g = s.game
    made = {c.id: c for c in g.commitments(s.role)}
    lines = []
    for spec in s.definition.commitments:
        if spec.role != s.role:
            continue
        cost = penalty_text(g, spec.id, i18n.tr)
        if spec.id in made:
            line = commitment_line(g, made[spec.id], i18n.tr)
            if made[spec.id].status == "standing" and cost:
                line += " \u2014 " + i18n.tr("breaking it would cost {penalty}", penalty=cost)
        else:
            line = g.text(spec.label) + ": " + i18n.tr("not made")
        lines.append(line[:1].upper() + line[1:])
    if not lines:
        lines = [i18n.tr("Your side makes no commitments in this scenario.")]
    msg = i18n.tr(
        "Promises your side has made. One that stands is remembered: breaking it costs "
        "trust for several turns. An option that makes or breaks one says so in its detail."
    )
    return NoticeScreen(turn.app, i18n.tr("Commitments"), msg, lines=lines)
