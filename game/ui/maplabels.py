"""Label placement for the map: every label gets a spot where its letters overlap no other
label, no place marker, no hot spot of this turn and nothing outside the map.

Labels are placed greedily in order of importance (the disclaimer, the hot spots of the
turn, capitals, the LAC sectors, other places, seas, countries); each tries a few
positions around its anchor and, for long names, a two-line form. A label that finds no
free spot is left out (the place's marker and its tooltip remain). Collisions are judged
on the glyphs' ink box, so the test of "no two labels touch" is exact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pygame

from game.ui.i18n import shown
from game.ui.theme import FONT_SIZES, TEXT, Colour, Fonts, Palette, blend

__all__ = ["DISCLAIMER", "DISCLAIMER_SHORT", "Label", "MapLabels", "OFFSETS", "Placer"]

DISCLAIMER = "Boundaries are illustrative, not authoritative."
DISCLAIMER_SHORT = "Boundaries illustrative"  # a map too small for the whole sentence

# Label anchors for a few large countries (styling, not data): lon, lat.
_COUNTRY_LABELS = {
    "IND": (78.6, 21.5),
    "CHN": (101.0, 33.5),
    "PAK": (68.6, 28.2),
    "IRN": (55.0, 32.0),
    "AUS": (137.0, -17.5),
    "IDN": (113.6, -0.6),
    "MNG": (103.0, 46.4),
    "KAZ": (67.0, 47.6),
    "SAU": (45.0, 23.0),
}

_KIND_ORDER = {"capital": 0, "base": 1, "port": 2, "chokepoint": 3, "island": 4, "sea": 5}


def _short_zone_label(label: str) -> str:
    """'LAC — Western sector (Ladakh)' -> 'Western sector'."""
    text = label.split("\u2014", 1)[-1] if "\u2014" in label else label
    return text.split("(", 1)[0].strip() or label


# Positions tried around an anchor (dx, dy in units of the gap; alignment of the label).
OFFSETS: dict[str, tuple[float, float, str]] = {
    "right": (1.0, 0.0, "midleft"),
    "left": (-1.0, 0.0, "midright"),
    "above": (0.0, -0.6, "midbottom"),
    "below": (0.0, 0.6, "midtop"),
    "ur": (0.6, 0.0, "bottomleft"),
    "lr": (0.6, 0.0, "topleft"),
    "ul": (-0.6, 0.0, "bottomright"),
    "ll": (-0.6, 0.0, "topright"),
    "center": (0.0, 0.0, "center"),
}


@dataclass
class Label:
    """A placed label: `rect` is where its surface is blitted, `ink` the box of its glyphs
    (both in the map layer's coordinates)."""

    owner: str  # place or zone id, "country:IND", or "disclaimer"
    text: str
    main: pygame.Surface
    halo: pygame.Surface | None
    halo_alpha: int
    rect: pygame.Rect
    ink: pygame.Rect


Form = tuple[Callable[[], pygame.Surface], Callable[[], "pygame.Surface | None"]]


def _none() -> None:
    return None


class Placer:
    """Greedy placement inside `bounds`, avoiding `obstacles` and earlier labels."""

    def __init__(self, bounds: pygame.Rect, gap_px: int = 1) -> None:
        self.bounds = pygame.Rect(bounds)
        self.gap = gap_px
        self.obstacles: list[pygame.Rect] = []
        self.labels: list[Label] = []

    def block(self, rect: pygame.Rect) -> None:
        """Reserve a rect (a marker, a hot spot's core) that no label may cover."""
        self.obstacles.append(pygame.Rect(rect))

    def free(self, ink: pygame.Rect) -> bool:
        if not self.bounds.contains(ink):
            return False
        probe = ink.inflate(2 * self.gap, 2 * self.gap)
        if probe.collidelist(self.obstacles) != -1:
            return False
        return probe.collidelist([lb.ink for lb in self.labels]) == -1

    def fixed(self, owner: str, text: str, main: pygame.Surface, rect: pygame.Rect) -> Label:
        """A label whose place is given (the disclaimer): it reserves its box."""
        ink = _ink(main, rect)
        lb = Label(owner, text, main, None, 0, pygame.Rect(rect), ink)
        self.labels.append(lb)
        return lb

    def place(
        self,
        owner: str,
        text: str,
        forms: Sequence[Form],
        anchor: tuple[float, float],
        gap: float,
        where: Sequence[str],
        halo_alpha: int = 150,
        slide: bool = False,
    ) -> Label | None:
        """Try each form (e.g. one line, then two) at each position; the first free wins.
        A form is made only when the ones before it found no room (text is slow to shape)."""
        ax, ay = anchor
        for make_main, make_halo in forms:
            main = make_main()
            r0 = main.get_rect()
            for name in where:
                dx, dy, align = OFFSETS[name]
                for shift in _shifts(name, r0.w, slide):
                    r = r0.copy()
                    setattr(
                        r, align, (int(round(ax + dx * gap + shift)), int(round(ay + dy * gap)))
                    )
                    ink = _ink(main, r)
                    if self.free(ink):
                        halo = make_halo() if halo_alpha > 0 else None
                        lb = Label(owner, text, main, halo, halo_alpha, r, ink)
                        self.labels.append(lb)
                        return lb
        return None


def _shifts(name: str, width: int, slide: bool) -> tuple[float, ...]:
    """Centred country names may also slide sideways by a third of their width."""
    if slide and name in ("center", "above", "below"):
        return (0.0, -width / 3, width / 3)
    return (0.0,)


_INK: dict[int, tuple[pygame.Surface, pygame.Rect]] = {}


def _ink(surf: pygame.Surface, at: pygame.Rect) -> pygame.Rect:
    """The glyphs' bounding box of `surf` blitted at `at` (cached per surface)."""
    hit = _INK.get(id(surf))
    if hit is None or hit[0] is not surf:
        box = surf.get_bounding_rect()
        if box.w == 0 or box.h == 0:
            box = surf.get_rect()
        if len(_INK) > 512:
            _INK.clear()
        _INK[id(surf)] = hit = (surf, box)
    return hit[1].move(at.topleft)


class MapLabels:
    """The label-placement part of `MapView` (which supplies the geometry, fonts and
    palette)."""

    palette: Palette
    fonts: Fonts
    places: dict[str, dict]
    zones: dict[str, dict]
    countries: list[dict]
    _labels: dict[tuple, list[Label]]

    def _sized(self, size: tuple[int, int]) -> None:
        raise NotImplementedError  # MapView's

    def _geometry(self, size: tuple[int, int]) -> dict:
        raise NotImplementedError  # MapView's

    def known_ids(self) -> frozenset[str]:
        raise NotImplementedError  # MapView's

    # ------------------------------------------------------------------ labels

    def labels(self, size: tuple[int, int], hotspots: Iterable[str] = ()) -> list[Label]:
        """The labels placed on a map of `size` with these hot spots (none overlapping)."""
        self._sized(size)
        spots = tuple(sorted(set(hotspots) & self.known_ids()))
        key = (size, self.palette, self.fonts.key, spots, shown(DISCLAIMER))
        hit = self._labels.get(key)
        if hit is None:
            hit = self._place_labels(size, spots)
            if len(self._labels) > 8:
                self._labels.clear()
            self._labels[key] = hit
        return hit

    def hotspot_core(self, hid: str, size: tuple[int, int]) -> pygame.Rect | None:
        """The bright middle of a hot spot (or an active zone's box): no label covers it."""
        self._sized(size)
        geom = self._geometry(size)
        s = self.fonts.scale
        if hid in self.zones:
            rings = geom["zones"].get(hid)
            if not rings:
                return None
            pts = np.concatenate(rings)
            x0, y0 = pts.min(axis=0)
            x1, y1 = pts.max(axis=0)
            pad = 2 * s
            return pygame.Rect(
                int(x0 - pad), int(y0 - pad), int(x1 - x0 + 2 * pad) + 1, int(y1 - y0 + 2 * pad) + 1
            )
        a = geom["anchors"].get(hid)
        if a is None:
            return None
        rad = self._core_radius()
        return pygame.Rect(int(a[0]) - rad, int(a[1]) - rad, 2 * rad + 1, 2 * rad + 1)

    def _core_radius(self) -> int:
        return int(round(9 * self.fonts.scale))

    def _place_labels(self, size: tuple[int, int], spots: tuple[str, ...]) -> list[Label]:
        fonts = self.fonts
        s = fonts.scale
        geom = self._geometry(size)
        full = pygame.Rect((0, 0), size)
        placer = Placer(full.inflate(-4, -4), gap_px=1)
        self._place_disclaimer(placer, full)
        # markers and this turn's hot spots are kept clear
        for p in self.places.values():
            if p.get("kind") != "sea":
                x, y = geom["places"][p["id"]]
                rad = max(3, int(round(4 * s))) + 1
                placer.block(pygame.Rect(int(x) - rad, int(y) - rad, 2 * rad + 1, 2 * rad + 1))
        for hid in spots:
            core = self.hotspot_core(hid, size)
            if core is not None:
                placer.block(core)
        small = fonts.get("small")
        bold = fonts.get("small", bold=True)
        italic = fonts.get("small", italic=True)
        active = set(spots)
        order = sorted(
            self.places.values(),
            key=lambda p: (
                p["id"] not in active,
                _KIND_ORDER.get(str(p.get("kind")), 9),
                p["id"],
            ),
        )
        hot = [p for p in order if p["id"] in active]
        capitals = [p for p in order if p not in hot and p.get("kind") == "capital"]
        rest = [p for p in order if p not in hot and p not in capitals]
        rest.sort(key=lambda p: p.get("kind") != "sea")  # a sea's name has one good spot
        # this turn's places, then its LAC sectors, the other sectors, capitals and the rest
        for p in hot:
            self._place_place(placer, p, geom, active, small, bold, italic)
        self._place_zone_labels(placer, geom, active, [z for z in self.zones if z in active])
        self._place_zone_labels(placer, geom, active, [z for z in self.zones if z not in active])
        for p in capitals:
            self._place_place(placer, p, geom, active, small, bold, italic)
        for p in rest:
            self._place_place(placer, p, geom, active, small, bold, italic)
        self._place_country_labels(placer, geom["proj"])
        return placer.labels

    def _disclaimer_strip(self, size: tuple[int, int]) -> int:
        """Height kept free under a small map for the disclaimer (which would otherwise
        hide places), 0 when the map is large enough to carry it."""
        if size[0] >= 300 or size[1] < 60:
            return 0
        font = self.fonts.get(FONT_SIZES["small"] - 2, italic=True)
        return font.get_linesize() + 2

    def _place_disclaimer(self, placer: Placer, full: pygame.Rect) -> None:
        if self._disclaimer_strip(full.size):
            font = self.fonts.get(FONT_SIZES["small"] - 2, italic=True)
            said = (
                DISCLAIMER if TEXT.width(shown(DISCLAIMER), font) < full.w - 8 else DISCLAIMER_SHORT
            )
            text = TEXT.render(shown(said), font, self.palette.text_dim)
            r = text.get_rect(midbottom=(full.centerx, full.bottom - 1)).clamp(full)
            placer.fixed("disclaimer", said, text, r)
            return
        pal, fonts = self.palette, self.fonts
        pad = int(round(8 * fonts.scale))
        width = full.w - 2 * pad - 8
        # narrow map or large text: a size smaller (never below 11 px), then two lines
        base = FONT_SIZES["small"]
        for size in range(base, base - 6, -1):
            font = fonts.get(size, italic=True)
            if TEXT.width(shown(DISCLAIMER), font) <= width or fonts.px(size) <= 13:
                break
        forms = [(DISCLAIMER, TEXT.render(shown(DISCLAIMER), font, pal.text_dim))]
        if forms[0][1].get_width() > width:
            wrapped = TEXT.render(shown(DISCLAIMER), font, pal.text_dim, max(40, width))
            forms = [
                (DISCLAIMER, wrapped),
                (DISCLAIMER_SHORT, TEXT.render(shown(DISCLAIMER_SHORT), font, pal.text_dim)),
            ]
        # in a corner where it hides no place's marker: bottom right first
        geom = self._geometry(full.size)
        marks = [
            pygame.Rect(int(x) - 4, int(y) - 4, 9, 9)
            for pid, (x, y) in geom["places"].items()
            if self.places[pid].get("kind") != "sea"
        ]
        inside = full.inflate(-4, -4)
        first: tuple[str, pygame.Surface, pygame.Rect] | None = None
        for said, text in forms:
            for corner, at in (
                ("bottomright", (full.right - pad, full.bottom - pad // 2)),
                ("bottomleft", (full.left + pad, full.bottom - pad // 2)),
                ("topright", (full.right - pad, full.top + pad // 2)),
                ("topleft", (full.left + pad, full.top + pad // 2)),
            ):
                r = text.get_rect(**{corner: at}).clamp(inside)
                first = first or (said, text, r)
                if r.inflate(8, 2).collidelist(marks) == -1:
                    placer.fixed("disclaimer", said, text, r)
                    return
        if first is not None:
            placer.fixed("disclaimer", *first)

    def _label_forms(
        self, text: str, font: pygame.font.Font, colour: Colour, wrap: int = 0
    ) -> Form:
        """A label's text and its halo, each rendered only when asked for."""
        return (
            lambda: TEXT.render(text, font, colour, wrap),
            lambda: self._label_surfaces(text, font, colour, wrap=wrap)[1],
        )

    def _label_surfaces(
        self, text: str, font: pygame.font.Font, colour: Colour, tracking: int = 0, wrap: int = 0
    ) -> tuple[pygame.Surface, pygame.Surface]:
        """Text plus a soft halo (sea-coloured outline) for legibility over land."""
        halo_col = self.palette.map_sea
        main = TEXT.render(text, font, colour, wrap, tracking=tracking)
        old = font.outline
        font.outline = max(1, int(round(self.fonts.scale * 1.5)))
        try:
            halo = TEXT.render(text, font, halo_col, wrap, tracking=tracking)
        finally:
            font.outline = old
        return main, halo

    def _place_place(
        self,
        placer: Placer,
        p: dict,
        geom: dict,
        active: set[str],
        small: pygame.font.Font,
        bold: pygame.font.Font,
        italic: pygame.font.Font,
    ) -> None:
        pal, s = self.palette, self.fonts.scale
        forms: list[Form]
        kind = p.get("kind")
        x, y = geom["places"][p["id"]]
        label = shown(p.get("label", p["id"]))  # (in the interface language)
        hot = p["id"] in active
        if kind == "sea":
            colour = blend(pal.map_sea, pal.text_dim, 0.55)
            if hot:
                colour = blend(colour, pal.hotspot, 0.5)
            tracking = max(1, int(round(2 * s)))
            text = label.upper()
            forms = [(lambda: TEXT.render(text, italic, colour, tracking=tracking), _none)]
            if " " in text:
                wrap = max(TEXT.width(w, italic) for w in text.split()) + 6 * tracking * 4
                forms.append(
                    (lambda: TEXT.render(text, italic, colour, wrap, tracking=tracking), _none)
                )
                if text.count(" ") >= 2 and geom["proj"].map_w < 600:
                    forms.reverse()  # a long name on a small map: two short lines fit the sea
            if hot:  # beside its own glow, not under it
                gap: float = self._core_radius() + 2
                where = ("below", "above", "right", "left", "lr", "ur", "ll", "ul")
                placer.place(p["id"], label, forms, (x, y), gap / 0.6, where, 0)
            else:
                placer.place(p["id"], label, forms, (x, y), 0, ("center", "below", "above"), 0)
            return
        if kind == "capital":
            font, colour = bold, pal.text
        elif kind == "chokepoint":
            font, colour = italic, blend(pal.text_dim, pal.text, 0.3)
        else:
            font, colour = small, blend(pal.text_dim, pal.text, 0.45)
        if hot:
            colour = blend(pal.text, pal.hotspot, 0.45)
        forms = [self._label_forms(label, font, colour)]
        if len(label) > 14 and " " in label:
            forms.append(self._label_forms(label, font, colour, wrap=int(round(110 * s))))
            if len(label) > 18:
                forms.reverse()  # long names read best on two lines
            both = next((w for w in (" and ", " \u0914\u0930 ") if w in label), "")
            short = label.split(both)[0] if both else ""
            if short and short != label:
                forms.append(self._label_forms(short, font, colour))  # when nothing else fits
        gap = (5.5 if kind in ("island", "chokepoint") else 7.5) * s + 2
        if hot:
            gap = max(gap, self._core_radius() + 2.0)
        where = ("right", "left", "above", "below", "ur", "lr", "ul", "ll")
        if placer.place(p["id"], label, forms, (x, y), gap, where) is None and hot:
            # a place in the news keeps its name: a little farther out if need be
            placer.place(p["id"], label, forms, (x, y), gap * 1.8, where)

    def _place_zone_labels(
        self, placer: Placer, geom: dict, active: set[str], zids: list[str]
    ) -> None:
        pal, fonts = self.palette, self.fonts
        font = fonts.get("small", bold=True)
        for zid in zids:
            z = self.zones[zid]
            rings = geom["zones"].get(zid)
            if not rings:
                continue
            hot = zid in active
            colour = (
                blend(pal.lac_zone, pal.text, 0.25) if hot else blend(pal.text_dim, pal.text, 0.2)
            )
            ring = max(rings, key=len)
            x0, y0 = ring.min(axis=0)
            x1, y1 = ring.max(axis=0)
            cx, cy = geom["anchors"][zid]
            text = "LAC " + shown(_short_zone_label(z.get("label", zid)).replace(" sector", ""))
            gap = max(x1 - cx, cx - x0, y1 - cy, cy - y0) * 0.5 + 3
            where = ("above", "ur", "ul", "right", "left", "lr", "ll", "below")
            forms = [self._label_forms(text, font, colour)]
            for g in (gap, gap * 1.8) if hot else (gap,):  # a sector in the news keeps its name
                if placer.place(zid, text, forms, (cx, cy), g, where, 190) is not None:
                    break

    def _place_country_labels(self, placer: Placer, proj: Any) -> None:
        pal, fonts = self.palette, self.fonts
        font = fonts.get("small")
        tracking = max(1, int(round(3 * fonts.scale)))
        names = {c.get("iso3"): shown(c.get("name", "")) for c in self.countries}
        for iso, (lon, lat) in _COUNTRY_LABELS.items():
            if iso not in names:
                continue
            colour = blend(pal.map_land, pal.text_dim, 0.6 if iso == "IND" else 0.42)
            main = TEXT.render(names[iso].upper(), font, colour, tracking=tracking)
            placer.place(
                f"country:{iso}",
                names[iso],
                [(lambda main=main: main, _none)],
                proj(lon, lat),
                0,
                ("center", "below", "above"),
                0,
                slide=True,
            )
