"""The Indo-Pacific map: countries, LAC sectors, places and pulsing hot spots.

Data: ``assets/map/indo_pacific.json`` (see ``assets/map/README.md``).  The base
layer (sea, graticule, land, outlines, zones, markers) is rendered once per (rect
size, palette, fonts, highlighted countries); the labels are placed on a copy of it
once per set of hot spots (``maplabels``: no label overlaps another, a marker or a
hot spot of the turn); each frame only blits it and draws the hot-spot glows.
"""

from __future__ import annotations

import json
import logging
import math
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
import pygame

from game.ui.chart_raster import _dashes, _stroke
from game.ui.i18n import shown
from game.ui.maplabels import DISCLAIMER, Label, MapLabels

from .theme import Colour, Fonts, Palette, blend

__all__ = ["MapView", "asset_path", "load_map_data", "DISCLAIMER"]

log = logging.getLogger(__name__)


def asset_path(*parts: str) -> Path:
    """Path of a file under ``assets/``, from a checkout or an installed wheel."""
    from game.paths import assets_dir

    try:
        return assets_dir().joinpath(*parts)
    except FileNotFoundError:
        return Path(__file__).resolve().parents[2].joinpath("assets", *parts)


@lru_cache(maxsize=1)
def load_map_data() -> dict:
    """The map asset; an empty map (sea only) if it cannot be read."""
    try:
        with asset_path("map", "indo_pacific.json").open(encoding="utf-8") as fh:
            data = json.load(fh)
        if not isinstance(data, dict) or len(data.get("bbox", ())) != 4:
            raise ValueError("map asset has no bbox")
        return data
    except (OSError, ValueError) as exc:
        log.error("cannot load the map asset: %s", exc)
        return {"bbox": [40, -20, 160, 50], "countries": [], "places": [], "zones": []}


def _point_in_ring(x: float, y: float, ring: np.ndarray) -> bool:
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / ((yj - yi) or 1e-12) + xi:
            inside = not inside
        j = i
    return inside


class _Projection:
    """Equirectangular bbox -> local pixel coordinates, aspect kept, centred."""

    def __init__(self, bbox: list[float], size: tuple[int, int]) -> None:
        self.lon0, self.lat0, self.lon1, self.lat1 = (float(v) for v in bbox)
        w, h = size
        self.k = min(w / (self.lon1 - self.lon0), h / (self.lat1 - self.lat0))
        self.map_w = (self.lon1 - self.lon0) * self.k
        self.map_h = (self.lat1 - self.lat0) * self.k
        self.ox = (w - self.map_w) / 2
        self.oy = (h - self.map_h) / 2

    @property
    def map_rect(self) -> pygame.Rect:
        return pygame.Rect(
            int(round(self.ox)), int(round(self.oy)), int(round(self.map_w)), int(round(self.map_h))
        )

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (self.ox + (lon - self.lon0) * self.k, self.oy + (self.lat1 - lat) * self.k)

    def ring(self, ring: list) -> np.ndarray:
        a = np.asarray(ring, dtype=np.float64).reshape(-1, 2)
        out = np.empty_like(a)
        out[:, 0] = self.ox + (a[:, 0] - self.lon0) * self.k
        out[:, 1] = self.oy + (self.lat1 - a[:, 1]) * self.k
        return out


class MapView(MapLabels):
    """Indo-Pacific map widget.

    ``draw(surface, rect, hotspots, t=seconds)`` each frame; ``place_at(pos, rect)``
    for tooltips; ``known_ids()`` lists valid hot-spot ids (places and zones).
    """

    STATIC_CACHE = 3  # static layers kept (window resizes back and forth)

    def __init__(self, palette: Palette, fonts: Fonts) -> None:
        self.palette = palette
        self.text_fonts = fonts  # the player's text size
        self.fonts = fonts  # what the map is drawn with: smaller on a small map (_sized)
        self._small_fonts: dict[float, Fonts] = {}
        data = load_map_data()
        self.bbox = list(data["bbox"])
        self.countries = data.get("countries", [])
        self.places = {p["id"]: p for p in data.get("places", [])}
        self.zones = {z["id"]: z for z in data.get("zones", [])}
        self._static: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._base: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._labels: dict[tuple, list[Label]] = {}
        self._geom: dict[tuple[int, int], dict] = {}
        self._sprites: dict[tuple, dict] = {}
        self.render_count = 0  # base-layer renders (for tests / profiling)

    # ------------------------------------------------------------------ public

    def _sized(self, size: tuple[int, int]) -> None:
        """Labels, markers and glows follow the text size, but a small map (large text
        leaves it little room) draws them smaller, down to 80%, so that they still fit."""
        base = self.text_fonts
        scale = round(min(base.scale, max(0.8, size[0] / 330)), 2)
        if scale == base.scale:
            self.fonts = base
        else:
            self.fonts = self._small_fonts.setdefault(scale, Fonts(scale))

    def known_ids(self) -> frozenset[str]:
        return frozenset(self.places) | frozenset(self.zones)

    def label_of(self, hotspot_id: str) -> str | None:
        if hotspot_id in self.places:
            return self.places[hotspot_id].get("label")
        if hotspot_id in self.zones:
            return self.zones[hotspot_id].get("label")
        return None

    def project(self, lon: float, lat: float, rect: pygame.Rect) -> tuple[int, int]:
        """Screen position of a lon/lat inside ``rect``."""
        rect = pygame.Rect(rect)
        x, y = self._geometry(rect.size)["proj"](lon, lat)
        return (int(round(rect.x + x)), int(round(rect.y + y)))

    def anchor(self, hotspot_id: str, rect: pygame.Rect) -> tuple[int, int] | None:
        """Screen position of a place or a zone's centre (e.g. for a tooltip)."""
        rect = pygame.Rect(rect)
        a = self._geometry(rect.size)["anchors"].get(hotspot_id)
        if a is None:
            return None
        return (int(round(rect.x + a[0])), int(round(rect.y + a[1])))

    def place_at(self, pos: tuple[int, int], rect: pygame.Rect) -> str | None:
        """Id of the place (nearest within a few pixels) or zone under ``pos``."""
        rect = pygame.Rect(rect)
        if rect.w < 2 or rect.h < 2 or not rect.collidepoint(pos):
            return None
        self._sized(rect.size)
        geom = self._geometry(rect.size)
        x, y = pos[0] - rect.x, pos[1] - rect.y
        hit_r = max(9.0, 11.0 * self.fonts.scale)
        best, best_d = None, hit_r
        for pid, (px, py) in geom["places"].items():
            d = math.hypot(px - x, py - y)
            if d <= best_d:
                best, best_d = pid, d
        if best is not None:
            return best
        for zid, rings in geom["zones"].items():
            if any(_point_in_ring(x, y, ring) for ring in rings):
                return zid
        return None

    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        hotspots: Iterable[str] = (),
        *,
        t: float | None = 0.0,
        highlight_countries: Iterable[str] = ("IND", "USA"),
        focus: Iterable[str] = (),
        split: bool = False,
    ) -> pygame.Rect:
        """Blit the cached static map into ``rect`` and draw hot-spot glows.

        ``t`` (seconds) drives the pulse; ``t=None`` draws a steady glow.
        Hot spots in ``focus`` (the news card under the mouse) pulse stronger, the
        others fade. Unknown hot-spot ids are ignored. With ``split`` (a widget drawn every
        frame) a first drawing shows the map without its labels and places them in the
        next frame, so that no single frame pays for both.
        """
        rect = pygame.Rect(rect)
        old_clip = surface.get_clip()
        area = rect.clip(old_clip)
        if rect.w < 8 or rect.h < 8 or area.w <= 0 or area.h <= 0:
            return rect
        self._sized(rect.size)
        if isinstance(hotspots, str):
            hotspots = (hotspots,)
        hotspots = tuple(hotspots)
        spots = tuple(sorted(set(hotspots) & self.known_ids()))
        hl = tuple(highlight_countries or ())
        if split and (rect.size, self.palette, self.fonts.key, hl) not in self._base:
            layer = self._base_layer(surface, rect.size, hl)  # labels next frame
        else:
            layer = self._static_layer(surface, rect.size, hl, spots)
        surface.set_clip(area)
        try:
            surface.blit(layer, rect.topleft)
            if hotspots:
                self._draw_hotspots(surface, rect, hotspots, t, frozenset(focus))
        finally:
            surface.set_clip(old_clip)
        return rect

    def warm(self, surface: pygame.Surface, size: tuple[int, int], hotspots: Iterable[str]) -> None:
        """Make the map of `size` with these hot spots ahead of need (its labels placed),
        so that the screen that shows it next draws it with one blit."""
        self._sized(size)
        spots = tuple(sorted(set(hotspots) & self.known_ids()))
        self._static_layer(surface, size, ("IND", "USA"), spots)

    def warm_step(
        self, surface: pygame.Surface, size: tuple[int, int], hotspots: Iterable[str]
    ) -> bool:
        """One part of `warm` (the base map, then its labels) for a screen composed over
        several frames; True when the map was ready and nothing was done."""
        self._sized(size)
        hl = ("IND", "USA")
        if (size, self.palette, self.fonts.key, hl) not in self._base:
            self._base_layer(surface, size, hl)
            return False
        spots = tuple(sorted(set(hotspots) & self.known_ids()))
        if (size, self.palette, self.fonts.key, hl, spots, shown(DISCLAIMER)) not in self._static:
            self._static_layer(surface, size, hl, spots)
            return False
        return True

    # ------------------------------------------------------------------ geometry

    def _geometry(self, size: tuple[int, int]) -> dict:
        geom = self._geom.get(size)
        if geom is not None:
            return geom
        self._sized(size)
        strip = self._disclaimer_strip(size)
        proj = _Projection(self.bbox, (size[0], size[1] - strip))
        places = {pid: proj(p["lon"], p["lat"]) for pid, p in self.places.items()}
        zones = {zid: [proj.ring(r) for r in z.get("rings", [])] for zid, z in self.zones.items()}
        anchors: dict[str, tuple[float, float]] = dict(places)
        for zid, rings in zones.items():
            if rings:
                biggest = max(rings, key=len)
                anchors[zid] = (float(biggest[:-1, 0].mean()), float(biggest[:-1, 1].mean()))
        geom = {"proj": proj, "places": places, "zones": zones, "anchors": anchors}
        if len(self._geom) > 8:
            self._geom.clear()
        self._geom[size] = geom
        return geom

    # ------------------------------------------------------------------ static layer

    def _static_layer(
        self, surface: pygame.Surface, size: tuple[int, int], highlight: tuple, spots: tuple
    ) -> pygame.Surface:
        """The base map (cached per size) with this turn's labels placed on it."""
        key = (size, self.palette, self.fonts.key, highlight, spots, shown(DISCLAIMER))
        layer = self._static.get(key)
        if layer is not None:
            self._static.move_to_end(key)
            return layer
        base = self._base_layer(surface, size, highlight)
        layer = base.copy()
        for lb in self.labels(size, spots):
            if lb.halo is not None and lb.halo_alpha > 0:
                lb.halo.set_alpha(lb.halo_alpha)
                layer.blit(lb.halo, lb.halo.get_rect(center=lb.rect.center))
                lb.halo.set_alpha(255)
            if lb.owner == "disclaimer":
                back = pygame.Surface(lb.rect.inflate(8, 2).size, pygame.SRCALPHA)
                back.fill((*self.palette.map_sea, 170))
                layer.blit(back, back.get_rect(center=lb.rect.center))
            layer.blit(lb.main, lb.rect)
        self._static[key] = layer
        while len(self._static) > self.STATIC_CACHE:
            self._static.popitem(last=False)
        return layer

    def _base_layer(
        self, surface: pygame.Surface, size: tuple[int, int], highlight: tuple
    ) -> pygame.Surface:
        key = (size, self.palette, self.fonts.key, highlight)
        layer = self._base.get(key)
        if layer is not None:
            self._base.move_to_end(key)
            return layer
        if surface.get_flags() & pygame.SRCALPHA:
            layer = pygame.Surface(size)
        else:
            layer = pygame.Surface(size, 0, surface)
        self._render_static(layer, set(highlight))
        self.render_count += 1
        self._base[key] = layer
        while len(self._base) > self.STATIC_CACHE:
            self._base.popitem(last=False)
        return layer

    def _render_static(self, layer: pygame.Surface, highlight: set[str]) -> None:
        pal, fonts = self.palette, self.fonts
        s = fonts.scale
        geom = self._geometry(layer.get_size())
        proj: _Projection = geom["proj"]
        mrect = proj.map_rect
        layer.fill(pal.map_sea)

        # graticule every 10 degrees
        for lon in range(int(math.ceil(self.bbox[0] / 10) * 10), int(self.bbox[2]) + 1, 10):
            x = int(round(proj(lon, 0)[0]))
            pygame.draw.line(layer, pal.map_graticule, (x, mrect.top), (x, mrect.bottom))
        for lat in range(int(math.ceil(self.bbox[1] / 10) * 10), int(self.bbox[3]) + 1, 10):
            y = int(round(proj(0, lat)[1]))
            colour = (
                blend(pal.map_graticule, pal.map_border, 0.25) if lat == 0 else pal.map_graticule
            )
            pygame.draw.line(layer, colour, (mrect.left, y), (mrect.right, y))

        frame = blend(pal.map_graticule, pal.map_border, 0.35)
        pygame.draw.rect(layer, frame, mrect.inflate(2, 2), 1)

        # land
        hl_border = blend(pal.map_border, pal.india, 0.45)
        outlines: list[tuple[np.ndarray, Colour]] = []
        for c in self.countries:
            is_hl = c.get("iso3") in highlight
            fill = pal.map_land_highlight if is_hl else pal.map_land
            for ring in c.get("rings", []):
                pts = proj.ring(ring)
                if len(pts) < 3:
                    continue
                pygame.draw.polygon(layer, fill, pts.tolist())
                outlines.append((pts, hl_border if is_hl else pal.map_border))
        # highlighted outlines last so neighbours don't paint over them
        outlines.sort(key=lambda o: o[1] == hl_border)
        for pts, colour in outlines:
            pygame.draw.aalines(layer, colour, True, pts.tolist())

        # LAC zones: hatched, dashed outline, in a quiet colour (a zone in the news this
        # turn is drawn over them in the hot-spot colour)
        quiet = blend(pal.map_border, pal.text_dim, 0.55)
        for rings in geom["zones"].values():
            for ring in rings:
                self._draw_zone(layer, ring, quiet, s)

        # markers (labels are placed per turn, around them)
        for p in self.places.values():
            if p.get("kind") != "sea":
                self._draw_marker(layer, geom["places"][p["id"]], p.get("kind"), s)

    def _draw_zone(self, layer: pygame.Surface, ring: np.ndarray, colour: Colour, s: float) -> None:
        x0, y0 = np.floor(ring.min(axis=0)).astype(int) - 2
        x1, y1 = np.ceil(ring.max(axis=0)).astype(int) + 2
        w, h = int(x1 - x0), int(y1 - y0)
        if w <= 2 or h <= 2:
            return
        local = ring - (x0, y0)
        zone = pygame.Surface((w, h), pygame.SRCALPHA)
        zone.fill((*colour, 46))
        step = max(4, int(round(5 * s)))
        for k in range(-h, w, step):
            pygame.draw.aaline(zone, (*colour, 150), (k, h), (k + h, 0))
        # anti-aliased polygon mask (supersampled), then multiply into the hatch
        ss = 4
        big = pygame.Surface((w * ss, h * ss), pygame.SRCALPHA)
        big.fill((255, 255, 255, 0))
        pygame.draw.polygon(big, (255, 255, 255, 255), (local * ss).tolist())
        mask = pygame.transform.smoothscale(big, (w, h))
        zone.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        layer.blit(zone, (x0, y0))
        _stroke(
            layer, _dashes([tuple(p) for p in ring.tolist()], 4 * s, 3 * s), colour, 1.2 * s, 230
        )

    def _draw_marker(
        self, layer: pygame.Surface, pos: tuple[float, float], kind: str | None, s: float
    ) -> pygame.Rect:
        pal = self.palette
        x, y = int(round(pos[0])), int(round(pos[1]))
        if kind == "capital":
            rad = max(3, int(round(3.5 * s)))
            pygame.draw.aacircle(layer, pal.map_sea, (x, y), rad + 2)
            pygame.draw.aacircle(layer, pal.text, (x, y), rad)
            pygame.draw.aacircle(layer, pal.map_land, (x, y), max(1, rad // 2))
        elif kind == "base":
            rad = max(3, int(round(4 * s)))
            pts = [(x, y - rad), (x + rad, y), (x, y + rad), (x - rad, y)]
            pygame.draw.polygon(layer, pal.us, pts)
            pygame.draw.aalines(layer, blend(pal.us, pal.text, 0.3), True, pts)
        elif kind == "port":
            rad = max(2, int(round(3 * s)))
            pygame.draw.aacircle(layer, pal.accent, (x, y), rad + 1, max(1, int(round(1.5 * s))))
        elif kind == "chokepoint":
            rad = max(3, int(round(4 * s)))
            _stroke(
                layer,
                [[(x - rad, y), (x + rad, y)], [(x, y - rad), (x, y + rad)]],
                pal.warn,
                1.2 * s,
                200,
            )
            pygame.draw.aacircle(layer, pal.warn, (x, y), max(1, rad - 2), 1)
        else:  # island and anything else
            rad = max(2, int(round(2.5 * s)))
            pygame.draw.aacircle(layer, pal.text_dim, (x, y), rad)
        rad = max(rad, 3)
        return pygame.Rect(x - rad - 1, y - rad - 1, 2 * rad + 3, 2 * rad + 3)

    # ------------------------------------------------------------------ hot spots

    def _hotspot_sprites(self) -> dict:
        key = (self.palette.hotspot, self.fonts.scale)
        sprites = self._sprites.get(key)
        if sprites is not None:
            return sprites
        s = self.fonts.scale
        colour = self.palette.hotspot
        glow_r = int(round(26 * s))
        size = 2 * glow_r + 2
        yy, xx = np.mgrid[0:size, 0:size].astype(np.float64)
        d = np.hypot(xx - size / 2 + 0.5, yy - size / 2 + 0.5).T  # surfarray is [x][y]
        glow = pygame.Surface((size, size), pygame.SRCALPHA)
        glow.fill((*colour, 0))
        a = pygame.surfarray.pixels_alpha(glow)
        a[...] = (np.clip(1 - d / glow_r, 0, 1) ** 1.6 * 185).astype(np.uint8)
        del a
        core = pygame.Surface((size, size), pygame.SRCALPHA)
        core.fill((*blend(colour, (255, 255, 255), 0.35), 0))
        a = pygame.surfarray.pixels_alpha(core)
        a[...] = (np.clip(4.0 * s + 0.5 - d, 0, 1) * 255).astype(np.uint8)
        del a
        ring_max = 26 * s
        ring_size = int(math.ceil(2 * ring_max + 6))
        yy, xx = np.mgrid[0:ring_size, 0:ring_size].astype(np.float64)
        dr = np.hypot(xx - ring_size / 2 + 0.5, yy - ring_size / 2 + 0.5).T
        frames = []
        nframes = 24
        width = 1.8 * s
        for i in range(nframes):
            f = i / nframes
            rad = 6 * s + (ring_max - 6 * s) * f
            alpha = 230 * (1 - f) ** 1.4
            ring = pygame.Surface((ring_size, ring_size), pygame.SRCALPHA)
            ring.fill((*colour, 0))
            a = pygame.surfarray.pixels_alpha(ring)
            a[...] = (np.clip(width / 2 + 0.5 - np.abs(dr - rad), 0, 1) * alpha).astype(np.uint8)
            del a
            frames.append(ring)
        sprites = {"glow": glow, "core": core, "rings": frames, "zones": {}}
        self._sprites = {key: sprites}
        return sprites

    def _zone_overlay(
        self, sprites: dict, zid: str, size: tuple[int, int]
    ) -> tuple[pygame.Surface, tuple[int, int]] | None:
        key = (zid, size)
        cached = sprites["zones"].get(key)
        if cached is not None:
            return cached
        rings = self._geometry(size)["zones"].get(zid)
        if not rings:
            return None
        s = self.fonts.scale
        allpts = np.concatenate(rings)
        pad = int(math.ceil(4 * s)) + 2
        x0, y0 = np.floor(allpts.min(axis=0)).astype(int) - pad
        x1, y1 = np.ceil(allpts.max(axis=0)).astype(int) + pad
        surf = pygame.Surface((int(x1 - x0), int(y1 - y0)), pygame.SRCALPHA)
        surf.fill((*self.palette.hotspot, 0))
        for ring in rings:
            local = ring - (x0, y0)
            fill = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
            pygame.draw.polygon(fill, (*self.palette.hotspot, 70), local.tolist())
            surf.blit(fill, (0, 0))
            _stroke(surf, [[tuple(p) for p in local.tolist()]], self.palette.hotspot, 2.2 * s, 235)
        cached = (surf, (int(x0), int(y0)))
        sprites["zones"][key] = cached
        return cached

    def _draw_hotspots(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        hotspots: Iterable[str],
        t: float | None,
        focus: frozenset[str] = frozenset(),
    ) -> None:
        sprites = self._hotspot_sprites()
        geom = self._geometry(rect.size)
        period = 1.8
        if t is None or not math.isfinite(t):
            phase, glow_alpha, zone_alpha = 0.35, 255, 230
        else:
            phase = (t % period) / period
            wave = 0.5 + 0.5 * math.cos(2 * math.pi * phase)
            glow_alpha = int(170 + 85 * wave)
            zone_alpha = int(150 + 100 * wave)
        seen = set()
        for hid in hotspots:
            if hid in seen:
                continue
            seen.add(hid)
            anchor = geom["anchors"].get(hid)
            if anchor is None:
                continue
            dim = bool(focus) and hid not in focus  # another news card is pointed at
            if hid in self.zones:
                overlay = self._zone_overlay(sprites, hid, rect.size)
                if overlay is not None:
                    surf, (ox, oy) = overlay
                    surf.set_alpha(zone_alpha // 3 if dim else zone_alpha)
                    surface.blit(surf, (rect.x + ox, rect.y + oy))
                    surf.set_alpha(255)
            ax, ay = rect.x + anchor[0], rect.y + anchor[1]
            centre = (int(round(ax)), int(round(ay)))
            glow = sprites["glow"]
            glow.set_alpha(glow_alpha // 3 if dim else glow_alpha)
            surface.blit(glow, glow.get_rect(center=centre))
            glow.set_alpha(255)
            rings = sprites["rings"]
            if not dim:
                ring = rings[int(phase * len(rings)) % len(rings)]
                surface.blit(ring, ring.get_rect(center=centre))
            if hid in focus:  # the card's own spot: a second ring, half a beat behind
                ring = rings[int((phase + 0.5) * len(rings)) % len(rings)]
                surface.blit(ring, ring.get_rect(center=centre))
            if hid in self.places:
                core = sprites["core"]
                surface.blit(core, core.get_rect(center=(int(round(ax)), int(round(ay)))))
