"""Player-facing text: language choice and `{indicator}` interpolation, without str.format."""

from __future__ import annotations

import re
from collections.abc import Mapping

from game.engine.definitions import Text

# `{name}` or `{name:.1f}`; only simple numeric format specs, so text cannot reach
# attributes the way `str.format("{0.__class__}")` could.
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]*))?\}")
SPEC = re.compile(r"^[+ ]?,?(?:(?:\.\d)?[f%]?|d)$")


def pick(text: Text, lang: str = "en") -> str:
    """The text in `lang`, falling back to English."""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get("en", "")


def placeholders(text: Text) -> list[tuple[str, str, int]]:
    """(name, spec, offset) of every placeholder in every language of a text."""
    found = []
    for s in [text] if isinstance(text, str) else text.values():
        for m in PLACEHOLDER.finditer(s):
            found.append((m.group(1), m.group(2) or "", m.start()))
    return found


def valid_spec(spec: str) -> bool:
    """True if `spec` is a format the game can show: `.1f`, `+.0f`, `,d`, `.0%`..."""
    return bool(SPEC.match(spec))


def render(text: Text, values: Mapping[str, float], lang: str = "en") -> str:
    """The text with each `{name}` replaced by its value; unknown names stay as written."""

    def sub(m: re.Match[str]) -> str:
        name, spec = m.group(1), m.group(2) or ""
        if name not in values:
            return m.group(0)
        value = values[name]
        if not SPEC.match(spec):
            spec = ""
        if spec.endswith("d"):
            return format(int(round(value)), spec)
        if not spec:
            return f"{value:,.0f}" if abs(value) >= 10 or value == int(value) else f"{value:.1f}"
        if spec[-1].isdigit():
            spec += "f"  # `{x:.1}` means one decimal here, not one significant digit
        return format(value, spec)

    return PLACEHOLDER.sub(sub, pick(text, lang))
