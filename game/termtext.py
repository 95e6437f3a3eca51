"""The one sanitiser for text from scenarios and saves that reaches a terminal.

Scenario files and saves are untrusted. Text in them could carry characters that a terminal
obeys instead of showing: escape sequences (set the window title, clear the screen, hide
text), carriage returns and backspaces (overwrite what was printed), bidi controls (show text
reversed) and invisible format characters. The scenario loader refuses such characters in
every loaded string (:func:`risky_char`); everything the command line prints goes through
:func:`clean` (:class:`SafeStream` wraps stdout and stderr), so text from a save, a file name
or an error message cannot act on the terminal either.

Zero-width joiner and non-joiner (U+200C, U+200D) are allowed: Indic scripts need them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, TextIO

__all__ = ["SafeStream", "clean", "describe", "risky_char"]

# C0 controls except tab and newline, DEL, C1 controls; bidi marks, embeddings, overrides and
# isolates; invisible separators and format characters that hide or reorder text.
_RISKY = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
# The risky characters that may still appear in a multi-line scenario text: none. The set is
# the same for text that is printed: a newline and a tab are the only layout characters.

_NAMES = {"\x1b": "ESC", "\x07": "BEL", "\x08": "BACKSPACE", "\r": "CARRIAGE RETURN", "\x7f": "DEL"}


def risky_char(text: str) -> tuple[int, str] | None:
    """The index and character of the first character of text a terminal could obey, or None."""
    found = _RISKY.search(text)
    return (found.start(), found.group()) if found else None


def describe(char: str) -> str:
    """A character for an error message: `U+001B (ESC)`, `U+202E (RIGHT-TO-LEFT OVERRIDE)`."""
    name = _NAMES.get(char) or unicodedata.name(char, "")
    if not name and "\x80" <= char <= "\x9f":
        name = "C1 CONTROL"
    if not name and "\x00" <= char < " ":
        name = "CONTROL"
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def clean(text: str) -> str:
    """text with every risky character shown as a visible escape (`\\x1b`, `\\u202e`)."""
    return _RISKY.sub(_escape, text)


class SafeStream:
    """A text stream that cleans everything written to it before passing it on.

    `write_raw` is for the program's own control output (a progress bar's carriage return).
    """

    def __init__(self, stream: TextIO) -> None:
        self.raw = stream

    def write(self, text: str) -> int:
        self.raw.write(clean(text))
        return len(text)

    def write_raw(self, text: str) -> int:
        return self.raw.write(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)
