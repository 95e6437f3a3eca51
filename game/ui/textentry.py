"""A one-line text field (class code, reasons, PINs, searching), drawn like the other controls.

Keys arrive twice from a real keyboard: a KEYDOWN with its `unicode`, then a TEXTINPUT
with the same text. Typed characters are taken from the KEYDOWN (so posted key events
work in tests and scripts) and the matching TEXTINPUT is skipped; a TEXTINPUT without a
KEYDOWN before it (an input method composing Hindi, a paste) is taken as it comes.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.controls import rounded
from game.ui.painter import Painter
from game.ui.screen import Rect
from game.ui.theme import fit_text


class TextEntry:
    """A single-line field: type, Backspace, Delete clears, Ctrl+V pastes."""

    def __init__(
        self,
        value: str = "",
        max_len: int = 80,
        allow: Callable[[str], bool] | None = None,
        transform: Callable[[str], str] | None = None,
    ) -> None:
        self.value = value
        self.max_len = max_len
        self.allow = allow or (lambda ch: ch.isprintable())
        self.transform = transform or (lambda ch: ch)
        self._skip = ""  # the text of the KEYDOWN whose TEXTINPUT twin is still to come

    def _insert(self, text: str) -> bool:
        added = False
        for ch in text:
            ch = self.transform(ch)
            if ch and self.allow(ch) and len(self.value) < self.max_len:
                self.value += ch
                added = True
        return added

    def swallow(self, text: str) -> None:
        """Skip the coming TEXTINPUT of `text`: the key that opened this field is not typed."""
        self._skip = text

    def handle(self, e: pygame.event.Event) -> bool:
        """Apply an event; True if it was consumed (the value may have changed)."""
        if e.type == pygame.TEXTINPUT:
            text = getattr(e, "text", "") or ""
            if self._skip and text == self._skip:
                self._skip = ""
                return True
            self._skip = ""
            self._insert(text)
            return True
        if e.type != pygame.KEYDOWN:
            return False
        self._skip = ""
        mod = getattr(e, "mod", 0)
        if e.key == pygame.K_BACKSPACE:
            if mod & pygame.KMOD_CTRL:
                self.value = self.value.rstrip()
                cut = self.value.rfind(" ")
                self.value = self.value[: cut + 1] if cut >= 0 else ""
            else:
                self.value = self.value[:-1]
            return True
        if e.key == pygame.K_DELETE:
            self.value = ""
            return True
        if e.key == pygame.K_v and mod & pygame.KMOD_CTRL:
            self._insert(" ".join(_clipboard().split()))
            return True
        if mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
            return False
        ch = getattr(e, "unicode", "") or ""
        if not ch and e.key == pygame.K_SPACE:
            ch = " "  # posted key events (scripts, tests) may carry no text
        if len(ch) == 1 and ch.isprintable():
            self._skip = ch
            self._insert(ch)
            return True
        return False

    def draw(
        self,
        painter: Painter,
        surface: pygame.Surface,
        rect: Rect,
        *,
        focused: bool,
        placeholder: str = "",
        locked: bool = False,
        error: bool = False,
        offset: tuple[int, int] = (0, 0),
    ) -> Rect:
        """Draw the field (rect in window coordinates, surface at `offset`); returns the text rect."""
        st, pal = painter.style, painter.palette
        r = Rect(rect).move(-offset[0], -offset[1])
        rounded(surface, r, pal.panel if locked else pal.background, st.px(6))
        border = pal.bad if error else (pal.accent if focused else pal.border)
        rounded(surface, r, border, st.px(6), max(1, st.px(2)) if focused or error else 1)
        inner = r.inflate(-st.u * 2, 0)
        if not self.value:
            shown, colour = placeholder, pal.text_dim
        else:
            shown, colour = self.value, pal.text_dim if locked else pal.text
            font = st.font("body")
            if painter.width(shown, "body") > inner.w - st.px(6):
                # show the end of a long text: that is where the typing happens
                tail = fit_text(shown[::-1], font, inner.w - st.px(6))
                shown = "\u2026" + tail[:-1][::-1] if tail.endswith("\u2026") else shown
        tr = painter.text(surface, shown, inner, "body", colour, valign="center")
        if focused and not locked:
            x = tr.right + 2 if self.value else inner.x
            pygame.draw.line(
                surface, pal.accent, (x, r.y + st.px(8)), (x, r.bottom - st.px(8)), max(1, st.px(2))
            )
        return tr


def _clipboard() -> str:
    """Text on the clipboard, or '' where there is none (the dummy video driver)."""
    try:
        text = pygame.scrap.get_text()  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - no clipboard here: nothing to paste
        return ""
    return text if isinstance(text, str) else ""
