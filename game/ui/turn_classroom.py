"""The turn screen's classroom parts: the "Why?" note on each decision card, the class
code's rules (reasons required, no forecasts, no advisors) and the hot-seat hand-over.

A part of the turn screen (`TurnScreen.classroom`), kept apart so the turn screen itself
only calls a few hooks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.ui.controls import ItemScroll, button_height, keycap
from game.ui.i18n import tr
from game.ui.intents import EditNote
from game.ui.painter import Painter
from game.ui.screen import Rect, Transition
from game.ui.textentry import TextEntry

if TYPE_CHECKING:
    from game.engine.game import Decision
    from game.ui.session import OptionOutlook
    from game.ui.turn import TurnScreen

NOTE_MAX = 160


class Classroom:
    """Notes and class-code rules for a turn screen (`TurnScreen.classroom`)."""

    def __init__(self, turn: TurnScreen) -> None:
        self.turn = turn
        self.note_focus = False
        self.note_slot: int | None = None
        self.note_entry = TextEntry("", NOTE_MAX)
        self.note_before = ""  # the note as it was when the field opened (Esc restores it)

    # -- rules of the class code --------------------------------------------------------------

    def _flags(self) -> frozenset[str]:
        return getattr(self.turn.session, "flags", frozenset())

    def shown_advisors(self, o: OptionOutlook) -> list[Any]:
        """The advisors backing an option, unless the class code hides advisors."""
        return [] if "no_advisors" in self._flags() else list(o.advisors)

    def shown_effects(self, o: OptionOutlook) -> list[Any]:
        """The forecast effects of an option, unless the class code hides forecasts."""
        return [] if "no_forecasts" in self._flags() else list(o.effects)

    def shown_objectives(self, o: OptionOutlook) -> list[Any]:
        """The chances of the objectives, unless the class code hides forecasts."""
        return [] if "no_forecasts" in self._flags() else list(o.objectives)

    def forecasts_hidden(self) -> bool:
        """True when the class code hides forecasts (no fan chart either)."""
        return "no_forecasts" in self._flags()

    # -- notes ----------------------------------------------------------------------------------

    def note_required(self) -> bool:
        return bool(getattr(self.turn.session, "notes_required", False))

    def note_of(self, dec: Decision) -> str:
        return self.turn.session.notes.get(dec.slot, "")

    def decided(self, dec: Decision) -> bool:
        """Chosen (and, where reasons are required, explained)."""
        s = self.turn.session
        if dec.slot not in s.choices:
            return False
        return not self.note_required() or bool(self.note_of(dec).strip())

    def missing_note(self) -> int | None:
        """Index of the first chosen decision still waiting for its required reason."""
        if not self.note_required():
            return None
        for i, d in enumerate(self.turn.decisions):
            if d.slot in self.turn.session.choices and not self.note_of(d).strip():
                return i
        return None

    def note_height(self) -> int:
        st = self.turn.style
        return st.line("small", True) + st.px(4) + button_height(self.turn.app.painter)

    def note_label(self) -> str:
        return tr("Why? (required)") if self.note_required() else tr("Why? (optional)")

    def focus_note(self) -> None:
        """Put the keyboard in the focused decision's note."""
        dec = self.turn.focused()
        if dec is None:
            return
        self.note_focus = True
        self.note_slot = dec.slot
        self.note_before = self.note_of(dec)  # what Esc restores
        self.note_entry = TextEntry(self.note_of(dec), NOTE_MAX)
        self.turn.refresh("decisions")
        items = self.turn.dec_items
        at = next((i for i, it in enumerate(items) if it.kind == "note"), None)
        if at is not None and items[at].rect is None:  # scrolled away: bring it into view
            scroll = self.turn.dec_scroll.setdefault(self.turn.dfocus, ItemScroll())
            heights = [it.height for it in items]
            scroll.ensure(at, heights, self.turn.list_rect.h, self.turn.style.px(6))
            self.turn.refresh("decisions")

    def unfocus_note(self) -> None:
        if self.note_focus:
            self.note_focus = False
            self.note_slot = None
            self.turn.refresh("decisions", "footer")

    def note_event(self, e: pygame.event.Event) -> Transition | None | bool:
        """Input for the note; True if consumed (the turn screen then ignores the event)."""
        if not self.note_focus:
            if (
                e.type == pygame.KEYDOWN
                and e.key == pygame.K_n
                and not getattr(e, "mod", 0) & (pygame.KMOD_CTRL | pygame.KMOD_ALT)
                and self.turn.focused() is not None
            ):
                self.focus_note()
                # the key that opened the field is not typed into it (its TEXTINPUT twin follows)
                self.note_entry.swallow(getattr(e, "unicode", "") or "n")
                return True
            return False
        dec = self.turn.focused()
        if dec is None or dec.slot != self.note_slot:
            self.unfocus_note()
            return False
        if e.type == pygame.MOUSEBUTTONDOWN:
            note = self.turn.hits.get(EditNote())
            if note is not None and note.collidepoint(e.pos):
                return True
            self.unfocus_note()
            return False
        if e.type == pygame.KEYDOWN:
            if e.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.unfocus_note()
                if self.turn.session.all_chosen():
                    return True
                if self.decided(dec):
                    self.turn._advance()
                return True
            if e.key == pygame.K_ESCAPE:  # cancel: the note goes back to what it was
                before = self.note_before
                if before:
                    self.turn.session.notes[dec.slot] = before
                else:
                    self.turn.session.notes.pop(dec.slot, None)
                self.unfocus_note()
                return True
            if e.key == pygame.K_TAB:
                self.unfocus_note()
                return False  # Tab still moves to the next decision
            if e.key in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                return True
        if e.type in (pygame.KEYDOWN, pygame.TEXTINPUT) and self.note_entry.handle(e):
            self.turn.session.notes[dec.slot] = self.note_entry.value
            self.turn.refresh("decisions", "footer")
            return True
        return e.type in (pygame.KEYDOWN, pygame.TEXTINPUT)

    def draw_note(self, surf: pygame.Surface, p: Painter, rr: Rect, dec: Decision) -> None:
        """The "Why?" field under a decision's options."""
        st, pal = self.turn.style, self.turn.pal
        chosen = dec.slot in self.turn.session.choices
        text = self.note_of(dec)
        missing = self.note_required() and chosen and not text.strip()
        head = Rect(rr.x, rr.y, rr.w, st.line("small", True))
        p.text(
            surf, self.note_label(), head, "small", pal.warn if missing else pal.text_dim, bold=True
        )
        field = Rect(rr.x, head.bottom + st.px(4), rr.w, rr.bottom - head.bottom - st.px(4))
        focused = self.note_focus and self.note_slot == dec.slot
        entry = self.note_entry if focused else TextEntry(text, NOTE_MAX)
        hint = "" if focused else tr("press N and write one line")
        entry.draw(p, surf, field, focused=focused, placeholder=hint, error=missing and not focused)
        if not focused and not text:
            keycap(p, surf, "N", field.right - st.px(8), field.centery)

    def hot_seat_next(self) -> Transition | None:
        """In a hot-seat game: hide this player's choices and hand over (None: resolve now)."""
        s = self.turn.session
        if not getattr(s, "hot_seat", False) or s.next_human() is None:
            return None
        from game.ui.handover import hand_over

        self.unfocus_note()
        return hand_over(self.turn.app, s)
