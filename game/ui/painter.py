"""Text in boxes, and the style it is drawn in: fonts, palette and spacing for one window size.

Every piece of text goes through `Painter`, which keeps it inside its box (ellipsis,
wrapping) and, when asked, records each box so tests can check that no text leaves it
at any window size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pygame

from game.ui.i18n import shown
from game.ui.theme import TEXT, Fonts, Palette, fit_text, font_dir, font_for

Rect = pygame.Rect


# -- style ---------------------------------------------------------------------------------


class Style:
    """Palette, fonts and spacing for one window size and text scale."""

    def __init__(self, size: tuple[int, int], text_scale: float, colorblind: bool) -> None:
        w, h = size
        self.size = size
        fit = min(w / 1280.0, h / 720.0)
        # above 1280x720 the layout grows at half the window's pace: a large window gives
        # the columns more room rather than the same words bigger
        self.layout_scale = max(0.8, min(2.0, fit if fit <= 1.0 else 1.0 + (fit - 1.0) * 0.5))
        self.text_scale = text_scale
        # fonts follow the window a little less than the layout does, so small windows
        # keep readable text; the text-scale setting multiplies on top
        font_scale = max(0.86, min(2.0, self.layout_scale)) * text_scale
        self.fonts = Fonts(font_scale)
        self.palette: Palette = _palette(colorblind)
        self.u = max(4, int(round(8 * self.layout_scale)))  # the spacing unit
        self._by_name: dict[tuple[str, bool], pygame.font.Font] = {}  # (asked ~150 times a layout)

    def px(self, n: float) -> int:
        """A length in layout pixels (scaled)."""
        return int(round(n * self.layout_scale))

    def font(self, name: str, bold: bool = False) -> pygame.font.Font:
        """A font by size name (`mono` is a monospaced face at the small size)."""
        font = self._by_name.get((name, bold))
        if font is None:
            font = self._mono() if name == "mono" else self.fonts.get(name, bold=bold)
            self._by_name[(name, bold)] = font
        return font

    def preload(self) -> None:
        """Open every font face and size the screens use (a few ms, once per style)."""
        for name in ("small", "label", "body", "title", "heading", "huge"):
            for bold in (False, True):
                self.fonts.get(name, bold=bold)
        self._mono()

    def line(self, name: str, bold: bool = False) -> int:
        """Line height of a font by size name."""
        return self.font(name, bold).get_linesize()

    def _mono(self) -> pygame.font.Font:
        font = getattr(self, "_mono_font", None)
        if font is None:
            size = self.fonts.px("small")
            folder = font_dir()
            try:
                if folder is None:
                    raise FileNotFoundError("no bundled fonts")
                font = pygame.font.Font(str(folder / "FiraCode-Regular.ttf"), size)
            except (OSError, pygame.error):
                font = self.fonts.get("small")
            self._mono_font = font
        return font


def _palette(colorblind: bool) -> Palette:
    from game.ui.theme import palette

    return palette(colorblind)


# -- text in boxes -------------------------------------------------------------------------


@dataclass
class TextRecord:
    """One piece of text drawn: where it went (`rect`) and where it was allowed (`box`)."""

    text: str
    rect: Rect | None  # None: the box was too small to show even one line
    box: Rect
    owner: str = ""
    cut: bool = False  # shortened with an ellipsis, or lines left out, or not drawn at all
    critical: bool = False  # a player needs it to decide: never to be cut (tests check)


# characters the bundled Noto Sans lacks, and what to show instead
_GLYPHS = str.maketrans(
    {
        "\u2192": "\u203a",
        "\u2190": "\u2039",
        "\u2265": ">=",
        "\u2264": "<=",
        "\u2191": "up",
        "\u2193": "down",
        "\u2713": "yes",
        "\u2717": "no",
    }
)


_GLYPH_RX = re.compile("[" + "".join(chr(c) for c in _GLYPHS) + "]")


def clean(text: str) -> str:
    """Text in the interface language (`i18n.shown`), with the few symbols the font cannot
    draw replaced by ones it can. (Asked for every string measured or drawn, so the
    replacement runs only when one of the symbols is there: one search instead of a
    translation of every character.)"""
    if not text:
        return text
    text = shown(text)
    return text.translate(_GLYPHS) if _GLYPH_RX.search(text) else text


class Painter:
    """Draws text that always stays inside its box, and records boxes for layout tests."""

    def __init__(self, style: Style) -> None:
        self.style = style
        self.origin = (0, 0)  # screen position of the surface being drawn on
        self.owner = ""
        self.recording = False
        self.critical = False  # set while drawing decision-critical text (recorded as such)
        self.records: list[TextRecord] = []
        # glossary terms: the marker underlines them in paragraphs (game.ui.glossary_marks),
        # spots says where they went, per panel, in window coordinates
        self.marker: Any = None
        self.spots: dict[str, list[tuple[Rect, Any]]] = {}
        self._wraps: dict[tuple[Any, ...], list[str]] = {}

    @property
    def palette(self) -> Palette:
        """The palette in use."""
        return self.style.palette

    def _record(self, text: str, rect: Rect | None, box: Rect, cut: bool = False) -> None:
        if not self.recording:
            return
        ox, oy = self.origin
        shifted = rect.move(ox, oy) if rect is not None else None
        self.records.append(
            TextRecord(
                text,
                shifted,
                Rect(box).move(ox, oy),
                self.owner,
                bool(cut or (rect is None and text)),
                self.critical,
            )
        )

    def text(
        self,
        surface: pygame.Surface,
        text: str,
        box: Rect,
        size: str = "body",
        colour: tuple[int, int, int] | None = None,
        *,
        bold: bool = False,
        align: str = "left",
        valign: str = "top",
    ) -> Rect:
        """One line of text in `box`, shortened with an ellipsis if it is too wide."""
        text = clean(text)
        box = Rect(box)
        font = self.style.font(size, bold)
        colour = colour or self.palette.text
        if font.get_height() > box.h or box.w <= 0:
            self._record(text, None, box)
            return Rect(box.x, box.y, 0, 0)
        shown = fit_text(text, font, box.w)
        surf = TEXT.render(shown, font, colour)
        r = surf.get_rect()
        if align == "center":
            r.centerx = box.centerx
        elif align == "right":
            r.right = box.right
        else:
            r.x = box.x
        if valign == "center":
            r.centery = box.centery
        elif valign == "bottom":
            r.bottom = box.bottom
        else:
            r.y = box.y
        r.clamp_ip(box)
        surface.blit(surf, r)
        self._record(text, r, box, shown != text)
        return r

    def wrap(self, text: str, size: str, width: int, bold: bool = False) -> list[str]:
        """The lines of `text` wrapped to `width` pixels (cached)."""
        text = clean(text)
        font = self.style.font(size, bold)
        key = (text, size, bold, width, self.style.fonts.scale)
        lines = self._wraps.get(key)
        if lines is None:
            lines = wrap_lines(text, font, width)
            if len(self._wraps) > 4000:
                self._wraps.clear()
            self._wraps[key] = lines
        return lines

    def para_height(
        self, text: str, size: str, width: int, bold: bool = False, max_lines: int = 0
    ) -> int:
        """Height of a wrapped paragraph."""
        n = len(self.wrap(text, size, width, bold)) if text else 0
        if max_lines:
            n = min(n, max_lines)
        return n * self.style.line(size, bold)

    def para(
        self,
        surface: pygame.Surface,
        text: str,
        box: Rect,
        size: str = "body",
        colour: tuple[int, int, int] | None = None,
        *,
        bold: bool = False,
        align: str = "left",
        max_lines: int = 0,
    ) -> Rect:
        """Wrapped text inside `box`; lines that do not fit are cut, the last with an ellipsis."""
        text = clean(text)
        box = Rect(box)
        font = self.style.font(size, bold)
        colour = colour or self.palette.text
        if not text:
            return Rect(box.x, box.y, 0, 0)
        lines = self.wrap(text, size, box.w, bold)
        lh = font.get_linesize()
        fit = max(
            0,
            min(
                len(lines),
                (box.h - font.get_height()) // lh + 1 if box.h >= font.get_height() else 0,
            ),
        )
        if max_lines:
            fit = min(fit, max_lines)
        if fit == 0:
            self._record(text, None, box)
            return Rect(box.x, box.y, 0, 0)
        shown = lines[:fit]
        if fit < len(lines):
            shown[-1] = fit_text(shown[-1] + "\u2026", font, box.w)
            if not shown[-1].endswith("\u2026"):
                shown[-1] = fit_text(shown[-1] + " \u2026" * 40, font, box.w)
        used = Rect(box.x, box.y, 0, 0)
        y = box.y
        for line in shown:
            surf = TEXT.render(line, font, colour)
            r = surf.get_rect(y=y)
            if align == "center":
                r.centerx = box.centerx
            elif align == "right":
                r.right = box.right
            else:
                r.x = box.x
            r.clamp_ip(box)
            surface.blit(surf, r)
            if self.marker is not None:
                self.marker.line(self, surface, line, r, font)
            used = r if used.w == 0 else used.union(r)
            y += lh
        self._record(text, used, box, fit < len(lines))
        return used

    def crit(self, on: bool = True) -> Painter:
        """`with painter.crit():` marks the text drawn inside as decision-critical."""
        self._crit_stack = getattr(self, "_crit_stack", [])
        self._crit_stack.append(self.critical)
        self.critical = on
        return self

    def __enter__(self) -> Painter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.critical = self._crit_stack.pop()

    def width(self, text: str, size: str = "body", bold: bool = False) -> int:
        """Pixel width of one line of text."""
        return TEXT.width(clean(text), self.style.font(size, bold))


def wrap_lines(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """Greedy word wrap by pixel width; words wider than a line are broken."""
    out: list[str] = []
    if width <= 0:
        return [text] if text else []
    asked = font
    for para in text.split("\n"):
        # a Hindi line is drawn in one face, Latin words and spaces too: measure in it
        font = font_for(para, asked)
        space = TEXT.width(" ", font)
        words = para.split()
        if not words:
            out.append("")
            continue
        line, line_w = "", 0
        for word in words:
            w = TEXT.width(word, font)
            if w > width:  # break a very long word
                if line:
                    out.append(line)
                    line, line_w = "", 0
                piece = ""
                for ch in word:
                    if TEXT.width(piece + ch, font) > width and piece:
                        out.append(piece)
                        piece = ch
                    else:
                        piece += ch
                line, line_w = piece, TEXT.width(piece, font)
                continue
            if not line:
                line, line_w = word, w
            elif line_w + space + w <= width:
                line += " " + word
                line_w += space + w
            else:
                out.append(line)
                line, line_w = word, w
        out.append(line)
    return out
