"""The map's labels never overlap: each other, a place's marker or a hot spot of the turn;
the disclaimer stays inside the map at 140% text; a hot spot's own label is always shown;
only what is in the news is coloured."""

from __future__ import annotations

from itertools import combinations

import pygame
import pytest

from game.scenario.loader import load
from game.ui.playthrough import Driver
from tests.ui.test_classroom import game_of

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _spot_sets(known: frozenset[str]) -> list[tuple[str, ...]]:
    """Every hot-spot list an event of a bundled scenario has, one news item at a time
    and all of one scenario's at once, plus every known place together."""
    sets = {(), tuple(sorted(known))}
    for name in ("tariff_friction", "lac_tensions", "tech_export", "framework_decade"):
        sc = load(name).definition
        together: set[str] = set()
        for ev in sc.events:
            if ev.hotspots:
                sets.add(tuple(sorted(ev.hotspots)))
                together |= set(ev.hotspots)
        sets.add(tuple(sorted(together)))
    return sorted(sets)


def _check(mv, size, spots) -> list[str]:
    labels = mv.labels(size, spots)
    full = pygame.Rect((0, 0), size)
    problems = []
    for lb in labels:
        if not full.contains(lb.ink):
            problems.append(f"{lb.text!r} leaves the map {lb.ink} {size}")
    for a, b in combinations(labels, 2):
        if a.ink.colliderect(b.ink):
            problems.append(f"{a.text!r} overlaps {b.text!r} with {spots}")
    for hid in spots:
        core = mv.hotspot_core(hid, size)
        for lb in labels:
            if lb.owner != "disclaimer" and lb.ink.colliderect(core):
                problems.append(f"{lb.text!r} under the hot spot {hid}")
    for pid, (x, y) in mv._geometry(size)["places"].items():
        if mv.places[pid].get("kind") == "sea":
            continue
        for lb in labels:
            if lb.ink.collidepoint(int(x), int(y)):
                problems.append(f"{lb.text!r} covers the marker of {pid}")
    owners = {lb.owner for lb in labels}
    if "disclaimer" not in owners:
        problems.append("no disclaimer")
    for hid in spots:
        if hid not in owners:
            problems.append(f"the hot spot {hid} has no label with {spots}")
    return problems


@pytest.mark.parametrize("scale", [1.0, 1.4])
def test_placed_labels_never_overlap_on_the_turn_screen(make_app, ui_dirs, scale):
    app = make_app(size=(1280, 720), text_scale=scale)
    d = Driver(app)
    game_of(app, d, seed=7)
    d.idle()
    turn = app.top
    size = turn.map_rect.size
    if turn.map_compact:  # (large text: the turn screen's map is a button, H opens it)
        d.key("h")
        d.screen("map")
        size = app.top.map_rect.size
    mv = app.map()
    problems = []
    for spots in _spot_sets(mv.known_ids()):
        if len(spots) > 6 or size[0] < 300:
            # every place at once is more than a turn ever has, and a thumbnail-sized map
            # (large text on a small window) cannot name them all: only no overlaps asked
            problems += [p for p in _check(mv, size, spots) if "has no label" not in p]
        else:
            problems += _check(mv, size, spots)
    assert not problems, "\n".join(sorted(set(problems))[:20])
    # the labels the issue named: Islamabad clear of the LAC pulse, both seas apart
    labels = {lb.owner: lb for lb in mv.labels(size, ("lac_western", "islamabad"))}
    if size[0] >= 300:
        assert "lac_western" in labels and "islamabad" in labels
    quiet = mv.labels(size, ())
    assert any(lb.owner == "disclaimer" for lb in quiet)
    disc = next(lb for lb in quiet if lb.owner == "disclaimer")
    assert pygame.Rect((0, 0), size).contains(disc.ink)


def test_only_what_is_in_the_news_is_coloured(screen):
    from game.ui import theme
    from game.ui.mapview import MapView

    pal = theme.DEFAULT
    mv = MapView(pal, theme.Fonts(1.0))
    size = (1024, 640)
    quiet = pygame.Surface(size, 0, screen)
    mv.draw(quiet, quiet.get_rect(), (), t=None)
    zone = mv.anchor("lac_eastern", quiet.get_rect())
    assert zone is not None

    def reddish(surf: pygame.Surface) -> int:
        n = 0
        x0, y0 = zone
        for dx in range(-6, 7):
            for dy in range(-6, 7):
                r, g, b, *_ = surf.get_at((x0 + dx, y0 + dy))
                n += r > g + 50 and r > b + 50
        return n

    assert reddish(quiet) == 0, "a quiet LAC sector is not drawn in red"
    hot = pygame.Surface(size, 0, screen)
    mv.draw(hot, hot.get_rect(), ("lac_eastern",), t=None)
    assert reddish(hot) > 20, "a sector in the news glows"


@pytest.mark.parametrize("size", [(415, 235), (968, 564)], ids=["turn-screen", "full-size"])
def test_hindi_place_names_never_overlap(screen, size):
    """In Hindi the places, seas, countries and LAC sectors are named in Devanagari, and
    the longer names still never overlap (the turn screen's map at 1280x720 and the map
    opened at full size)."""
    from game.ui import i18n, theme
    from game.ui.mapview import MapView

    try:
        i18n.set_language("hi")
        mv = MapView(theme.DEFAULT, theme.Fonts(1.0))
        problems = []
        for spots in _spot_sets(mv.known_ids()):
            found = _check(mv, size, spots)
            problems += [p for p in found if len(spots) <= 6 or "has no label" not in p]
        assert not problems, "\n".join(sorted(set(problems))[:20])
        texts = {lb.owner: lb.text for lb in mv.labels(size, tuple(sorted(mv.known_ids())))}
        for owner in ("new_delhi", "arabian_sea", "lac_western", "andaman"):
            assert owner in texts and i18n.has_devanagari(texts[owner]), owner
    finally:
        i18n.set_language("en")
