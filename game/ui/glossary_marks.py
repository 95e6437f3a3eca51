"""Glossary terms marked where they appear in the window: a dotted underline, a tooltip with
the plain definition (and date and source where real) on hover, the glossary on click.

A panel that draws text with terms wraps the drawing in `marking(painter, glossary)`; the
painter then hands every paragraph line to a `LineMarker`, which underlines the terms and
notes where they went (per panel, in window coordinates). A panel's spots are forgotten
when it starts to redraw, so they always match its pixels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pygame

from game.engine.definitions import Term
from game.scenario.reference import date_label
from game.ui.controls import rounded
from game.ui.theme import TEXT

if TYPE_CHECKING:
    from game.ui.painter import Painter

Rect = pygame.Rect

_PATTERNS: dict[tuple[str, ...], list[tuple[str, str, int, Term]]] = {}
_LAST: list = []  # the glossary last asked for and its patterns (the same list every frame)
_FOUND: dict[tuple[int, str], list[tuple[int, int, Term]]] = {}  # lines already searched
_COMPILED: dict[tuple[str, int], re.Pattern[str]] = {}  # a name's pattern, once it was needed


def patterns(glossary: Sequence[Term]) -> list[tuple[str, str, int, Term]]:
    """Per name of each term (cached per glossary): the name in lower case (a cheap first
    test), the name and the flags of its whole-word pattern; short or capitalised names
    (LAC, BTA) match their case only, longer ones any case, as the reports and the
    terminal find them. A pattern is compiled only when a line contains its name (compiling
    all of a glossary's ~100 at once took 20-30 ms, the guided tour's slowest frame)."""
    if _LAST and _LAST[0] is glossary:
        return _LAST[1]
    key = tuple(t.term for t in glossary)
    found = _PATTERNS.get(key)
    if found is None:
        found = []
        for t in glossary:
            for n in (t.term, *t.aliases):
                flags = 0 if n.isupper() or len(n) <= 4 else re.IGNORECASE
                found.append((n.casefold(), n, flags, t))
        if len(_PATTERNS) > 8:
            _PATTERNS.clear()
            _FOUND.clear()  # keyed by the patterns' identity
        _PATTERNS[key] = found
    _LAST[:] = [glossary, found]
    return found


def _pattern(name: str, flags: int) -> re.Pattern[str]:
    pat = _COMPILED.get((name, flags))
    if pat is None:
        pat = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", flags)
        _COMPILED[(name, flags)] = pat
    return pat


def find_terms(glossary: Sequence[Term], line: str) -> list[tuple[int, int, Term]]:
    """(start, end, term) of every glossary name in `line`, longest first where they overlap."""
    pats = patterns(glossary)
    seen = _FOUND.get((id(pats), line))
    if seen is not None:
        return seen
    low = line.casefold()
    hits = []
    for low_name, name, flags, t in pats:
        if low_name in low:  # a substring test first: ~40 us a line instead of ~1 ms
            hits += [(m.start(), m.end(), t) for m in _pattern(name, flags).finditer(line)]
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[tuple[int, int, Term]] = []
    for h in hits:
        if not out or h[0] >= out[-1][1]:
            out.append(h)
    if len(_FOUND) > 2000:
        _FOUND.clear()
    _FOUND[(id(pats), line)] = out
    return out


class LineMarker:
    """Underlines the terms of each line the painter draws and remembers where they are."""

    def __init__(self, glossary: Sequence[Term], colour: tuple[int, int, int]) -> None:
        self.glossary = glossary
        self.colour = colour

    def line(
        self,
        painter: Painter,
        surface: pygame.Surface,
        text: str,
        rect: Rect,
        font: pygame.font.Font,
    ) -> None:
        """Mark the terms of one drawn line (`rect` is where its pixels went, on `surface`)."""
        if not self.glossary or not text:
            return
        ox, oy = painter.origin
        y = rect.y + min(rect.h - 1, font.get_ascent() + max(2, rect.h // 10))
        for start, end, term in find_terms(self.glossary, text):
            x0 = rect.x + TEXT.width(text[:start], font)
            x1 = rect.x + TEXT.width(text[:end], font)
            x1 = min(x1, rect.right)
            if x1 - x0 < 4:
                continue
            for x in range(x0, x1, 4):  # a dotted underline
                pygame.draw.line(surface, self.colour, (x, y), (min(x + 1, x1), y))
            spot = Rect(x0 + ox, rect.y + oy, x1 - x0, rect.h)
            painter.spots.setdefault(painter.owner, []).append((spot, term))


@contextmanager
def marking(painter: Painter, glossary: Sequence[Term]) -> Iterator[None]:
    """`with marking(p, glossary):` marks glossary terms in the paragraphs drawn inside."""
    previous = painter.marker
    painter.marker = LineMarker(glossary, painter.palette.accent) if glossary else None
    try:
        yield
    finally:
        painter.marker = previous


def term_at(painter: Painter, pos: tuple[int, int], panels: Iterable[str]) -> Term | None:
    """The marked term under `pos` in one of the named panels, if any."""
    for name in panels:
        for rect, term in painter.spots.get(name, ()):
            if rect.collidepoint(pos):
                return term
    return None


def tip_lines(term: Term) -> list[tuple[str, str]]:
    """The tooltip's lines as (kind, text): the term, its definition, when, where from."""
    out = [("head", term.term), ("body", term.definition)]
    if term.date:
        out.append(("dim", f"Real \u00b7 {date_label(term.date)}"))
    if term.source is not None:  # the address is on the glossary screen
        c = term.source
        out.append(("dim", f"Source: {c.publication}, {c.date}, \u201c{c.title}\u201d"))
    out.append(("hint", "Click for the glossary (G)"))
    return out


_TIP: dict[tuple[str, int, int], pygame.Surface] = {}


def draw_tip(painter: Painter, surface: pygame.Surface, term: Term, mouse: tuple[int, int]) -> Rect:
    """The tooltip of `term` near the mouse (above it where there is room); returns its rect."""
    st, pal = painter.style, painter.palette
    w = min(st.px(380), max(st.px(200), surface.get_width() // 3))
    key = (term.term, w, id(pal))
    card = _TIP.get(key)
    if card is None:
        pad = st.u
        sizes = {"head": "body", "body": "small", "dim": "small", "hint": "small"}
        colours = {"head": pal.text, "body": pal.text, "dim": pal.text_dim, "hint": pal.accent}
        lines = tip_lines(term)
        hs = [
            painter.para_height(t, sizes[k], w - 2 * pad, k == "head", 6 if k == "body" else 4)
            for k, t in lines
        ]
        card = pygame.Surface((w, sum(hs) + 2 * pad + st.px(2) * len(lines)), pygame.SRCALPHA)
        rounded(card, card.get_rect(), pal.panel_alt, st.px(6))
        rounded(card, card.get_rect(), pal.accent, st.px(6), 1)
        y = pad
        for (k, t), h in zip(lines, hs, strict=True):
            box = Rect(pad, y, w - 2 * pad, h)
            painter.para(card, t, box, sizes[k], colours[k], bold=k == "head", max_lines=6)
            y += h + st.px(2)
        if len(_TIP) > 32:
            _TIP.clear()
        _TIP[key] = card
    r = card.get_rect()
    r.bottomleft = (mouse[0] + st.px(12), mouse[1] - st.px(10))
    if r.top < 0:
        r.topleft = (mouse[0] + st.px(12), mouse[1] + st.px(22))
    r.clamp_ip(surface.get_rect())
    surface.blit(card, r)
    return r
