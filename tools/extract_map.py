"""Build assets/map/indo_pacific.json from the Natural Earth 1:110m countries shapefile.

This is a developer tool, run once by hand; the game only reads the JSON it writes.

Usage::

    python tools/extract_map.py /path/to/naturalearth_lowres.shp [-o OUTPUT]

The shapefile ships inside the ``geopandas==0.14.4`` wheel at
``geopandas/datasets/naturalearth_lowres/``. Fetch the wheel without installing it::

    pip download --no-deps geopandas==0.14.4 -d /tmp/gpd
    unzip -q /tmp/gpd/geopandas-0.14.4-py3-none-any.whl -d /tmp/gpd/unzipped

Pipeline, per country ring: Douglas-Peucker simplification (tolerance ~0.15 deg) that
keeps the vertices where borders meet, so neighbours share identical simplified borders;
then a Sutherland-Hodgman clip to the view box (40E-160E, 20S-50N); then rounding to 2
decimals and dropping rings smaller than a tiny area. Rings are written closed (the last
point repeats the first). Places and LAC zones are hand-authored data in this file, so a
re-run regenerates the whole JSON.

Reading the shapefile needs ``pyshp`` (``import shapefile``). It is *not* a project
dependency: install it into a throwaway virtualenv to run this script. Everything else
(clipping, simplification, the hand-authored places and LAC zones) is plain Python.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

Point = tuple[float, float]
Ring = list[Point]

SOURCE = (
    "Natural Earth 1:110m Admin 0 countries (public domain), "
    "via geopandas 0.14.4 naturalearth_lowres"
)

# Indo-Pacific view: (min_lon, min_lat, max_lon, max_lat).
BBOX: tuple[int, int, int, int] = (40, -20, 160, 50)

DEFAULT_TOLERANCE = 0.15  # degrees, Douglas-Peucker
DEFAULT_MIN_AREA = 0.02  # square degrees; smaller rings are dropped
DECIMALS = 2

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "assets" / "map" / "indo_pacific.json"

# Hand-authored points the game highlights. Coordinates are approximate (city centres,
# or a label point in open water for seas, straits and gulfs). "kind" is a styling hint.
PLACES: list[dict[str, object]] = [
    {"id": "new_delhi", "label": "New Delhi", "kind": "capital", "lon": 77.21, "lat": 28.61},
    {"id": "beijing", "label": "Beijing", "kind": "capital", "lon": 116.40, "lat": 39.90},
    {"id": "islamabad", "label": "Islamabad", "kind": "capital", "lon": 73.05, "lat": 33.68},
    {"id": "tokyo", "label": "Tokyo", "kind": "capital", "lon": 139.69, "lat": 35.69},
    {
        "id": "kuala_lumpur",
        "label": "Kuala Lumpur",
        "kind": "capital",
        "lon": 101.69,
        "lat": 3.14,
    },
    {"id": "colombo", "label": "Colombo", "kind": "port", "lon": 79.86, "lat": 6.93},
    {"id": "hambantota", "label": "Hambantota", "kind": "port", "lon": 81.11, "lat": 6.12},
    {"id": "gwadar", "label": "Gwadar", "kind": "port", "lon": 62.33, "lat": 25.12},
    {"id": "darwin", "label": "Darwin", "kind": "port", "lon": 130.84, "lat": -12.46},
    {"id": "diego_garcia", "label": "Diego Garcia", "kind": "base", "lon": 72.42, "lat": -7.31},
    {"id": "guam", "label": "Guam", "kind": "base", "lon": 144.79, "lat": 13.44},
    {
        "id": "andaman",
        "label": "Andaman and Nicobar Islands",
        "kind": "island",
        "lon": 92.73,
        "lat": 11.62,
    },
    {
        "id": "malacca",
        "label": "Strait of Malacca",
        "kind": "chokepoint",
        "lon": 99.9,
        "lat": 4.2,
    },
    {
        "id": "taiwan_strait",
        "label": "Taiwan Strait",
        "kind": "chokepoint",
        "lon": 119.6,
        "lat": 24.0,
    },
    {
        "id": "gulf_of_aden",
        "label": "Gulf of Aden",
        "kind": "chokepoint",
        "lon": 48.0,
        "lat": 12.6,
    },
    {"id": "indian_ocean", "label": "Indian Ocean", "kind": "sea", "lon": 80.0, "lat": -8.0},
    {"id": "arabian_sea", "label": "Arabian Sea", "kind": "sea", "lon": 64.0, "lat": 15.0},
    {"id": "bay_of_bengal", "label": "Bay of Bengal", "kind": "sea", "lon": 88.0, "lat": 15.0},
    {
        "id": "south_china_sea",
        "label": "South China Sea",
        "kind": "sea",
        "lon": 114.0,
        "lat": 13.0,
    },
]

# Place kinds that are label points in open water: the script warns if one lands on land.
WATER_KINDS = {"sea", "chokepoint"}

ZONE_NOTE = "illustrative; boundaries are disputed"

# Line of Actual Control sectors: rough hand-drawn shapes (lon, lat) to highlight an area,
# NOT boundaries. Each zone is a list of open rings (the script closes them); the eastern
# sector has two, Sikkim and Arunachal Pradesh, so that it does not cover Bhutan.
ZONES: list[dict[str, object]] = [
    {
        "id": "lac_western",
        "label": "LAC \u2014 Western sector (Ladakh)",
        "rings": [
            [
                (77.6, 35.5),
                (78.3, 35.9),
                (79.5, 36.0),
                (80.4, 35.6),
                (80.4, 34.2),
                (79.6, 32.6),
                (78.7, 32.45),
                (78.1, 33.5),
            ],
        ],
    },
    {
        "id": "lac_middle",
        "label": "LAC \u2014 Middle sector (Himachal Pradesh / Uttarakhand)",
        "rings": [
            [
                (78.5, 32.35),
                (79.3, 32.4),
                (79.9, 31.3),
                (81.0, 30.3),
                (80.4, 30.0),
                (79.2, 30.6),
                (78.6, 31.4),
            ],
        ],
    },
    {
        "id": "lac_eastern",
        "label": "LAC \u2014 Eastern sector (Sikkim / Arunachal Pradesh)",
        "rings": [
            # Sikkim
            [(88.45, 27.1), (88.5, 28.0), (88.7, 28.15), (88.95, 27.9), (88.85, 27.1)],
            # Arunachal Pradesh
            [
                (91.6, 27.0),
                (91.7, 27.85),
                (94.0, 28.9),
                (95.4, 29.45),
                (96.4, 29.2),
                (97.4, 28.3),
                (95.9, 27.3),
                (93.0, 26.9),
            ],
        ],
    },
]


# --------------------------------------------------------------------------- geometry


def ring_area(ring: Sequence[Point]) -> float:
    """Signed shoelace area of an open ring (positive = counter-clockwise)."""
    total = 0.0
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        total += x1 * y2 - x2 * y1
    return total / 2.0


def open_ring(points: Sequence[Point]) -> Ring:
    """Drop the repeated closing point, if any."""
    ring = [(float(x), float(y)) for x, y in points]
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    return ring


def clip_ring(ring: Ring, bbox: Sequence[float]) -> Ring:
    """Sutherland-Hodgman clip of an open ring against an axis-aligned box.

    A concave ring that leaves the box and comes back yields one ring joined by edges
    that run along the box border; that is acceptable for drawing a map view.
    """
    min_x, min_y, max_x, max_y = (float(v) for v in bbox)

    def clip_edge(pts: Ring, axis: int, limit: float, keep_greater: bool) -> Ring:
        if not pts:
            return pts

        def inside(p: Point) -> bool:
            return p[axis] >= limit if keep_greater else p[axis] <= limit

        def cross(a: Point, b: Point) -> Point:
            t = (limit - a[axis]) / (b[axis] - a[axis])
            other = 1 - axis
            out = [0.0, 0.0]
            out[axis] = limit
            out[other] = a[other] + t * (b[other] - a[other])
            return (out[0], out[1])

        result: Ring = []
        prev = pts[-1]
        for cur in pts:
            if inside(cur):
                if not inside(prev):
                    result.append(cross(prev, cur))
                result.append(cur)
            elif inside(prev):
                result.append(cross(prev, cur))
            prev = cur
        return result

    out = ring
    out = clip_edge(out, 0, min_x, True)
    out = clip_edge(out, 0, max_x, False)
    out = clip_edge(out, 1, min_y, True)
    out = clip_edge(out, 1, max_y, False)
    return out


def _seg_dist(p: Point, a: Point, b: Point) -> float:
    """Distance from p to the segment a-b."""
    ax, ay = a
    bx, by = b
    px, py = p
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0.0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(line: Sequence[Point], tolerance: float) -> list[Point]:
    """Simplify an open polyline, keeping both end points (iterative, no recursion limit)."""
    n = len(line)
    if n < 3:
        return list(line)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        first, last = stack.pop()
        best, best_i = -1.0, -1
        for i in range(first + 1, last):
            d = _seg_dist(line[i], line[first], line[last])
            if d > best:
                best, best_i = d, i
        if best > tolerance:
            keep[best_i] = True
            stack.append((first, best_i))
            stack.append((best_i, last))
    return [p for p, k in zip(line, keep, strict=True) if k]


def simplify_ring(ring: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker for a closed ring: split at the point farthest from the first one."""
    if len(ring) < 4:
        return list(ring)
    start = ring[0]
    far = max(range(len(ring)), key=lambda i: math.dist(start, ring[i]))
    first_half = douglas_peucker(ring[: far + 1], tolerance)
    second_half = douglas_peucker(ring[far:] + [start], tolerance)
    return first_half[:-1] + second_half[:-1]


def junction_flags(rings: Sequence[Ring]) -> list[list[bool]]:
    """Mark the vertices where a shared border starts or ends (or three rings meet).

    Natural Earth neighbours share identical vertices along a common border. Simplifying
    each ring on its own would drop different vertices on either side and open slivers
    between countries; keeping these junctions fixed and simplifying the runs between
    them makes both sides of a border simplify to the same line.
    """
    owners: dict[Point, set[int]] = {}
    for index, ring in enumerate(rings):
        for p in ring:
            owners.setdefault(p, set()).add(index)
    flags = []
    for ring in rings:
        n = len(ring)
        sets = [owners[p] for p in ring]
        flags.append(
            [
                len(sets[i]) > 1 and (sets[i] != sets[i - 1] or sets[i] != sets[(i + 1) % n])
                for i in range(n)
            ]
        )
    return flags


def _simplify_run(run: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker on a run, independent of its direction (so neighbours agree)."""
    if run[-1] < run[0]:
        return douglas_peucker(run[::-1], tolerance)[::-1]
    return douglas_peucker(run, tolerance)


def simplify_ring_topo(ring: Ring, fixed: Sequence[bool], tolerance: float) -> Ring:
    """Simplify a ring, keeping its fixed (junction) vertices; see junction_flags."""
    anchors = [i for i, f in enumerate(fixed) if f]
    if not anchors:
        return simplify_ring(ring, tolerance)
    n = len(ring)
    out: Ring = []
    for k, start in enumerate(anchors):
        end = anchors[(k + 1) % len(anchors)]
        length = (end - start) % n or n
        run = [ring[(start + j) % n] for j in range(length + 1)]
        out.extend(_simplify_run(run, tolerance)[:-1])
    return out


def round_ring(ring: Ring, decimals: int = DECIMALS) -> Ring:
    """Round coordinates and drop consecutive duplicates (including wrap-around)."""
    out: Ring = []
    for x, y in ring:
        p = (round(x, decimals), round(y, decimals))
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def point_in_ring(pt: Point, ring: Sequence[Point]) -> bool:
    """Even-odd ray casting test (ring open or closed)."""
    x, y = pt
    inside = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        if (y1 > y) != (y2 > y):
            xi = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < xi:
                inside = not inside
    return inside


def process_ring(
    ring: Ring,
    fixed: Sequence[bool],
    bbox: Sequence[float],
    tolerance: float,
    min_area: float,
) -> Ring | None:
    """Simplify, clip and round one open ring; return it closed, or None if too small.

    Simplifying before clipping keeps shared borders identical on both sides; the clip
    then only adds straight edges along the view box.
    """
    ring = simplify_ring_topo(ring, fixed, tolerance)
    ring = clip_ring(ring, bbox)
    ring = round_ring(ring)
    if len(ring) < 3 or abs(ring_area(ring)) < min_area:
        return None
    return ring + [ring[0]]


# --------------------------------------------------------------------------- data


def read_countries(
    shp_path: Path, bbox: Sequence[float], tolerance: float, min_area: float
) -> list[dict[str, object]]:
    try:
        import shapefile  # pyshp; developer-only, see module docstring
    except ImportError:  # pragma: no cover - depends on the developer's environment
        sys.exit("pyshp is required: pip install pyshp (in a throwaway virtualenv)")

    min_x, min_y, max_x, max_y = bbox
    features: list[tuple[dict[str, object], tuple[float, ...], list[Ring]]] = []
    with shapefile.Reader(str(shp_path)) as reader:
        field_names = [f[0] for f in reader.fields[1:]]
        for shape_rec in reader.iterShapeRecords():
            shape = shape_rec.shape
            if not shape.points:
                continue
            record = dict(zip(field_names, shape_rec.record, strict=True))
            bounds = list(shape.parts) + [len(shape.points)]
            rings = [
                open_ring([(p[0], p[1]) for p in shape.points[a:b]])
                for a, b in zip(bounds[:-1], bounds[1:], strict=True)
            ]
            features.append((record, tuple(shape.bbox), rings))

    # Junctions are found over the whole world so borders with off-view neighbours agree too.
    all_rings = [ring for _, _, rings in features for ring in rings]
    all_flags = iter(junction_flags(all_rings))

    countries: list[dict[str, object]] = []
    for record, (sx0, sy0, sx1, sy1), rings in features:
        flags = [next(all_flags) for _ in rings]
        if sx1 < min_x or sx0 > max_x or sy1 < min_y or sy0 > max_y:
            continue
        kept = []
        for ring, fixed in zip(rings, flags, strict=True):
            out = process_ring(ring, fixed, bbox, tolerance, min_area)
            if out is not None:
                kept.append(out)
        if not kept:
            continue
        iso3 = str(record.get("iso_a3") or "").strip()
        countries.append(
            {
                "name": str(record["name"]).strip(),
                "iso3": iso3 if iso3 and iso3 != "-99" else None,
                "rings": [[[x, y] for x, y in ring] for ring in kept],
            }
        )
    countries.sort(key=lambda c: str(c["name"]))
    return countries


def build_places(bbox: Sequence[float]) -> list[dict[str, object]]:
    min_x, min_y, max_x, max_y = bbox
    seen: set[str] = set()
    for place in PLACES:
        pid = str(place["id"])
        if pid in seen:
            raise ValueError(f"duplicate place id {pid!r}")
        seen.add(pid)
        lon, lat = float(place["lon"]), float(place["lat"])  # type: ignore[arg-type]
        if not (min_x <= lon <= max_x and min_y <= lat <= max_y):
            raise ValueError(f"place {pid!r} at ({lon}, {lat}) is outside the bbox")
    return [dict(p) for p in PLACES]


def build_zones(bbox: Sequence[float]) -> list[dict[str, object]]:
    min_x, min_y, max_x, max_y = bbox
    zones = []
    for zone in ZONES:
        rings = []
        for raw in zone["rings"]:  # type: ignore[attr-defined]
            ring = [(float(x), float(y)) for x, y in raw]
            for x, y in ring:
                if not (min_x <= x <= max_x and min_y <= y <= max_y):
                    raise ValueError(f"zone {zone['id']!r} point ({x}, {y}) is outside the bbox")
            rings.append([[x, y] for x, y in ring + [ring[0]]])
        zones.append({"id": zone["id"], "label": zone["label"], "note": ZONE_NOTE, "rings": rings})
    return zones


def check_water_labels(
    places: list[dict[str, object]], countries: list[dict[str, object]]
) -> list[str]:
    """Names of water label points that fall inside a (simplified) country polygon."""
    problems = []
    for place in places:
        if place.get("kind") not in WATER_KINDS:
            continue
        pt = (float(place["lon"]), float(place["lat"]))  # type: ignore[arg-type]
        for country in countries:
            rings = country["rings"]
            if any(point_in_ring(pt, ring) for ring in rings):  # type: ignore[union-attr]
                problems.append(f"{place['id']} is inside {country['name']}")
    return problems


def dump_json(data: dict[str, object]) -> str:
    """Compact JSON with one country / place / zone per line (small, diff-friendly)."""

    def compact(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    lines = ["{"]
    keys = list(data)
    for k_index, key in enumerate(keys):
        value = data[key]
        tail = "," if k_index < len(keys) - 1 else ""
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{compact(key)}:[")
            for i, item in enumerate(value):
                sep = "," if i < len(value) - 1 else ""
                lines.append(compact(item) + sep)
            lines.append("]" + tail)
        else:
            lines.append(f"{compact(key)}:{compact(value)}{tail}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shapefile", type=Path, help="path to naturalearth_lowres.shp")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE)
    parser.add_argument("--min-area", type=float, default=DEFAULT_MIN_AREA)
    args = parser.parse_args(argv)

    countries = read_countries(args.shapefile, BBOX, args.tolerance, args.min_area)
    places = build_places(BBOX)
    zones = build_zones(BBOX)
    for problem in check_water_labels(places, countries):
        print(f"warning: water label on land: {problem}", file=sys.stderr)

    data: dict[str, object] = {
        "source": SOURCE,
        "bbox": list(BBOX),
        "countries": countries,
        "places": places,
        "zones": zones,
    }
    text = dump_json(data)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    n_rings = sum(len(c["rings"]) for c in countries)  # type: ignore[arg-type]
    n_points = sum(len(r) for c in countries for r in c["rings"])  # type: ignore[attr-defined]
    print(
        f"wrote {args.output} ({len(text.encode('utf-8'))} bytes): {len(countries)} countries, "
        f"{n_rings} rings, {n_points} points, {len(places)} places, {len(zones)} zones"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
