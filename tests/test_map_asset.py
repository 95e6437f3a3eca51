"""Checks on the committed map asset assets/map/indo_pacific.json (see assets/map/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

MAP_PATH = Path(__file__).resolve().parents[1] / "assets" / "map" / "indo_pacific.json"

REQUIRED_COUNTRIES = [
    "India",
    "China",
    "Pakistan",
    "Japan",
    "Australia",
    "Indonesia",
    "Malaysia",
    "Sri Lanka",
]
LAC_ZONES = ["lac_western", "lac_middle", "lac_eastern"]


@pytest.fixture(scope="module")
def data() -> dict:
    with MAP_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


def _inside(bbox: list[float], lon: float, lat: float) -> bool:
    min_lon, min_lat, max_lon, max_lat = bbox
    return min_lon <= lon <= max_lon and min_lat <= lat <= max_lat


def test_file_is_small() -> None:
    assert MAP_PATH.stat().st_size < 200 * 1024


def test_top_level_structure(data: dict) -> None:
    assert data["bbox"] == [40, -20, 160, 50]
    assert "Natural Earth" in data["source"]
    for key in ("countries", "places", "zones"):
        assert isinstance(data[key], list) and data[key]


def test_country_coordinates_inside_bbox(data: dict) -> None:
    bbox = data["bbox"]
    for country in data["countries"]:
        assert country["rings"], country["name"]
        for ring in country["rings"]:
            assert len(ring) >= 4, country["name"]
            assert ring[0] == ring[-1], f"{country['name']}: ring not closed"
            for lon, lat in ring:
                assert _inside(bbox, lon, lat), (country["name"], lon, lat)


@pytest.mark.parametrize("name", REQUIRED_COUNTRIES)
def test_required_country_present(data: dict, name: str) -> None:
    by_name = {c["name"]: c for c in data["countries"]}
    assert name in by_name
    assert any(len(ring) >= 4 for ring in by_name[name]["rings"])


def test_places_inside_bbox_with_unique_ids(data: dict) -> None:
    bbox = data["bbox"]
    ids = [p["id"] for p in data["places"]]
    assert len(ids) == len(set(ids))
    for place in data["places"]:
        assert place["label"]
        assert _inside(bbox, place["lon"], place["lat"]), place["id"]
    for expected in ("new_delhi", "beijing", "kuala_lumpur", "malacca", "diego_garcia"):
        assert expected in ids


def test_lac_zones(data: dict) -> None:
    bbox = data["bbox"]
    zones = {z["id"]: z for z in data["zones"]}
    for zone_id in LAC_ZONES:
        zone = zones[zone_id]
        assert zone["label"].startswith("LAC")
        assert "illustrative" in zone["note"]
        assert zone["rings"]
        for ring in zone["rings"]:
            assert len(ring) >= 4 and ring[0] == ring[-1]
            for lon, lat in ring:
                assert _inside(bbox, lon, lat), (zone_id, lon, lat)


def test_docs_list_every_map_place_id(data: dict) -> None:
    """docs/scenario-format.md's table of hot-spot ids is the map's, row for row."""
    doc = MAP_PATH.parents[2] / "docs" / "scenario-format.md"
    text = doc.read_text(encoding="utf-8")
    table = text.split("<!-- map-ids:start -->\n")[1].split("\n<!-- map-ids:end -->")[0]
    rows = ["| id | place | kind |", "|---|---|---|"]
    rows += [f"| `{p['id']}` | {p['label']} | {p['kind']} |" for p in data["places"]]
    rows += [f"| `{z['id']}` | {z['label']} | zone |" for z in data["zones"]]
    expected = "\n".join(rows)
    assert table == expected, f"replace the table in {doc.name} with:\n{expected}"
