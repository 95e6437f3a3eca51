"""Drawing widgets: theme, charts, map and sounds (headless, see conftest.py)."""

from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np
import pygame
import pytest

from game.ui import charts, mapview, sound, theme

SENTINEL = (255, 0, 255)
PAL = theme.DEFAULT
NAN = float("nan")


@pytest.fixture
def fonts(screen: pygame.Surface) -> theme.Fonts:
    return theme.Fonts(1.0)


def _outside_untouched(surface: pygame.Surface, rect: pygame.Rect) -> bool:
    px = pygame.surfarray.array3d(surface)  # [x][y][rgb]
    mask = np.ones(px.shape[:2], dtype=bool)
    r = rect.clip(surface.get_rect())
    mask[r.left : r.right, r.top : r.bottom] = False
    return bool(np.all(px[mask] == SENTINEL))


def _inside_changed(surface: pygame.Surface, rect: pygame.Rect, fill: tuple) -> bool:
    px = pygame.surfarray.array3d(surface)[rect.left : rect.right, rect.top : rect.bottom]
    return bool(np.any(px != fill))


# --------------------------------------------------------------------------- theme


def test_palettes_have_all_roles() -> None:
    for p in (theme.DEFAULT, theme.COLORBLIND):
        for name in (
            "background panel panel_alt border text text_dim accent good bad warn neutral "
            "india us map_sea map_land map_land_highlight lac_zone hotspot"
        ).split():
            c = getattr(p, name)
            assert len(c) == 3 and all(0 <= v <= 255 for v in c)
        assert p.sea == p.map_sea and p.lac == p.lac_zone and p.hotspot_glow == p.hotspot
    assert theme.palette(False) is theme.DEFAULT
    assert theme.palette(True) is theme.COLORBLIND


def _lum(c: tuple) -> float:
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def test_colorblind_good_bad_differ_in_lightness_and_are_blue_orange() -> None:
    p = theme.COLORBLIND
    assert abs(_lum(p.good) - _lum(p.bad)) > 25
    assert p.good[2] > p.good[0]  # blue-ish
    assert p.bad[0] > p.bad[2]  # orange-ish


def test_fonts_prefer_noto_and_cache(screen: pygame.Surface) -> None:
    f = theme.Fonts(1.0)
    body = f.get("body")
    assert body is f.get("body")
    assert "Noto" in body.name
    assert f.get("body", bold=True).style_name == "Bold"
    assert theme.Fonts(2.0).px("title") == 44


def test_text_cache_returns_same_surface(fonts: theme.Fonts) -> None:
    cache = theme.TextCache(max_entries=4)
    font = fonts.get("body")
    a = cache.render("Hello", font, PAL.text)
    assert cache.render("Hello", font, PAL.text) is a
    assert cache.render("Hello", font, PAL.accent) is not a
    assert cache.render("Hello", fonts.get("body", bold=True), PAL.text) is not a
    wrapped = cache.render("a long line that wraps " * 4, font, PAL.text, 120)
    assert wrapped.get_width() <= 120 and wrapped.get_height() > font.get_height()
    for i in range(10):
        cache.render(f"x{i}", font, PAL.text)
    assert len(cache) <= 4
    assert cache.size("Hello", font) == font.size("Hello")


def test_fit_text_and_draw_text(screen: pygame.Surface, fonts: theme.Fonts) -> None:
    font = fonts.get("body")
    long = "Quadrilateral maritime domain awareness initiative"
    fitted = theme.fit_text(long, font, 120)
    assert fitted.endswith("\u2026") and font.size(fitted)[0] <= 120
    assert theme.fit_text("short", font, 500) == "short"
    assert theme.fit_text("anything", font, 0) == ""
    r = theme.draw_text(screen, "Centre", (640, 10), font, PAL.text, align="center")
    assert r.centerx in (639, 640, 641) and r.top == 10
    r = theme.draw_text(screen, "Right", (600, 40), font, PAL.text, align="right")
    assert r.right == 600
    r = theme.draw_text(screen, long, (10, 80), font, PAL.text, wrap=150)
    assert r.w <= 150 and r.h > font.get_height()


def test_draw_panel_returns_content_rect(screen: pygame.Surface, fonts: theme.Fonts) -> None:
    screen.fill(SENTINEL)
    rect = pygame.Rect(100, 100, 300, 200)
    inner = theme.draw_panel(screen, rect, PAL, "Indicators", fonts)
    assert rect.contains(inner) and inner.top > rect.top + 12
    assert _outside_untouched(screen, rect)
    assert screen.get_at(rect.center)[:3] == PAL.panel


# --------------------------------------------------------------------------- charts

SERIES = {
    "Trust": [50, 53, 55, 54, 58, 61, 63, 62, 66, 70],
    "Trade": [40, 41, 43, 47, 46, 49, 52, 55, 54, 58],
}
HIST = [50, 52, 51, 55, 58, 57, 60, 62]
BANDS = [(58, 63, 67), (56, 64, 71), (53, 65, 75), (50, 66, 79)]


def _chart_calls(fonts: theme.Fonts):
    """name -> {case -> callable(surface, rect)} for every chart and data case."""
    kw = {"fonts": fonts, "palette": PAL}
    rungs = ["Routine", "Face-off", "Protest", "Build-up", "Skirmish", "Clash", "War"]
    cases = {
        "sparkline": {
            "normal": lambda s, r: charts.sparkline(
                s, r, [1, 3, 2, 5, 4], PAL.accent, target=4, baseline=2
            ),
            "empty": lambda s, r: charts.sparkline(s, r, [], PAL.accent),
            "nan": lambda s, r: charts.sparkline(s, r, [NAN, NAN], PAL.accent, target=NAN),
            "single": lambda s, r: charts.sparkline(s, r, [3], PAL.accent),
            "constant": lambda s, r: charts.sparkline(s, r, [2, 2, 2, 2], PAL.accent),
        },
        "line_chart": {
            "normal": lambda s, r: charts.line_chart(
                s, r, SERIES, {"Trust": PAL.accent}, targets={"Trust": 68}, title="Indicators", **kw
            ),
            "empty": lambda s, r: charts.line_chart(s, r, {}, {}, title="Empty", **kw),
            "nan": lambda s, r: charts.line_chart(
                s, r, {"a": [NAN, 1, NAN, 3, NAN]}, {}, targets={"a": NAN}, **kw
            ),
            "single": lambda s, r: charts.line_chart(s, r, {"a": [5]}, {}, **kw),
            "constant": lambda s, r: charts.line_chart(
                s, r, {"a": [3] * 40}, {}, y_range=(3, 3), **kw
            ),
        },
        "fan_chart": {
            "normal": lambda s, r: charts.fan_chart(
                s, r, HIST, BANDS, colour=PAL.accent, label="Trade", unit="bn", **kw
            ),
            "empty": lambda s, r: charts.fan_chart(s, r, [], [], colour=PAL.accent, **kw),
            "nan": lambda s, r: charts.fan_chart(
                s, r, [NAN, 1, NAN], [(NAN, 1, 2), (1, 2, 3)], colour=PAL.accent, **kw
            ),
            "single": lambda s, r: charts.fan_chart(
                s, r, [5], [(4, 5, 6)], colour=PAL.accent, **kw
            ),
            "constant": lambda s, r: charts.fan_chart(
                s, r, [2, 2, 2], [(2, 2, 2)] * 3, colour=PAL.accent, **kw
            ),
        },
        "fan_compare": {
            "normal": lambda s, r: charts.fan_compare(
                s,
                r,
                [("Sign", (55, 63, 70)), ("Delay", (50, 56, 61))],
                57,
                higher_is_better=True,
                **kw,
            ),
            "empty": lambda s, r: charts.fan_compare(s, r, [], NAN, **kw),
            "nan": lambda s, r: charts.fan_compare(s, r, [("A", (NAN, NAN, NAN))], NAN, **kw),
            "single": lambda s, r: charts.fan_compare(s, r, [("A", (1, 2, 3))], 2, **kw),
            "constant": lambda s, r: charts.fan_compare(
                s, r, [("A", (2, 2, 2)), ("B", (2, 2, 2))], 2, **kw
            ),
        },
        "bar_compare": {
            "normal": lambda s, r: charts.bar_compare(
                s, r, [("Objective met", 0.71), ("Crisis", 0.3)], graded=True, **kw
            ),
            "empty": lambda s, r: charts.bar_compare(s, r, [], **kw),
            "nan": lambda s, r: charts.bar_compare(s, r, [("A", NAN), ("B", None)], **kw),
            "single": lambda s, r: charts.bar_compare(s, r, {"A": 1.5}, **kw),
            "constant": lambda s, r: charts.bar_compare(s, r, [("A", 0.5), ("B", 0.5)], **kw),
        },
        "ladder": {
            "normal": lambda s, r: charts.ladder(s, r, rungs, 3, **kw),
            "empty": lambda s, r: charts.ladder(s, r, [], 0, **kw),
            "nan": lambda s, r: charts.ladder(s, r, rungs, NAN, **kw),
            "single": lambda s, r: charts.ladder(s, r, ["Calm"], 0, **kw),
            "constant": lambda s, r: charts.ladder(s, r, rungs, 99, **kw),
        },
    }
    return cases


CHARTS = ["sparkline", "line_chart", "fan_chart", "fan_compare", "bar_compare", "ladder"]
CASES = ["normal", "empty", "nan", "single", "constant"]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("name", CHARTS)
def test_chart_draws_inside_rect(
    screen: pygame.Surface, fonts: theme.Fonts, name: str, case: str
) -> None:
    charts.clear_cache()
    fn = _chart_calls(fonts)[name][case]
    size = (180, 40) if name == "sparkline" else (420, 240)
    rect = pygame.Rect((137, 91), size)
    screen.fill(SENTINEL)
    screen.fill(PAL.panel, rect)
    out = fn(screen, rect)
    assert isinstance(out, pygame.Rect)
    assert _outside_untouched(screen, rect)
    assert _inside_changed(screen, rect, PAL.panel)  # at least a "no data" note
    assert screen.get_clip() == screen.get_rect()


@pytest.mark.parametrize("name", CHARTS)
def test_chart_respects_existing_clip_and_offscreen_rects(
    screen: pygame.Surface, fonts: theme.Fonts, name: str
) -> None:
    fn = _chart_calls(fonts)[name]["normal"]
    screen.fill(SENTINEL)
    clip = pygame.Rect(200, 200, 100, 60)
    screen.set_clip(clip)
    fn(screen, pygame.Rect(150, 150, 300, 200))
    screen.set_clip(None)
    assert _outside_untouched(screen, clip)
    # partly off the surface and degenerate rects must not raise
    fn(screen, pygame.Rect(1200, 650, 300, 200))
    fn(screen, pygame.Rect(10, 10, 0, 0))
    fn(screen, pygame.Rect(10, 10, 3, 2))


def test_chart_layers_are_cached(screen: pygame.Surface, fonts: theme.Fonts) -> None:
    charts.clear_cache()
    rect = pygame.Rect(50, 50, 500, 280)
    screen.fill(PAL.panel)
    before = charts.stats["renders"]
    for _ in range(5):
        charts.line_chart(screen, rect, SERIES, {}, fonts=fonts, palette=PAL, title="T")
    assert charts.stats["renders"] == before + 1
    # new data, a new size or a different background re-render
    charts.line_chart(screen, rect, {"Trust": [1, 2]}, {}, fonts=fonts, palette=PAL)
    charts.line_chart(
        screen, rect.inflate(-10, -10), SERIES, {}, fonts=fonts, palette=PAL, title="T"
    )
    screen.fill(PAL.panel_alt)
    charts.line_chart(screen, rect, SERIES, {}, fonts=fonts, palette=PAL, title="T")
    assert charts.stats["renders"] == before + 4
    # NaN inputs still hit the cache (NaN != NaN must not defeat the key)
    n = charts.stats["renders"]
    for _ in range(3):
        charts.sparkline(screen, pygame.Rect(10, 10, 100, 30), [1, NAN, 2], PAL.accent)
    assert charts.stats["renders"] == n + 1


def test_nice_ticks_and_format() -> None:
    assert charts.nice_ticks(0, 100, 5) == [0, 25, 50, 75, 100]
    t = charts.nice_ticks(48, 83, 5)
    assert t[0] <= 48 and t[-1] >= 83
    assert charts.nice_ticks(NAN, 1) == []
    assert charts.format_value(12500) == "12k"
    assert charts.format_value(0.5, "%") == "0.5%"
    assert charts.format_value(2.0) == "2" and charts.format_value(0.25) == "0.25"
    assert charts.format_value(NAN) == "\u2014"


def test_export_png(tmp_path: Path, fonts: theme.Fonts) -> None:
    out = charts.export_png(
        lambda s, r: charts.bar_compare(s, r, [("Objective met", 0.71)], fonts=fonts, palette=PAL),
        (300, 80),
        tmp_path / "sub" / "bars.png",
    )
    assert out.exists() and pygame.image.load(str(out)).get_size() == (300, 80)


# --------------------------------------------------------------------------- map


@pytest.fixture
def mv(fonts: theme.Fonts) -> mapview.MapView:
    return mapview.MapView(PAL, fonts)


def test_asset_path_finds_map() -> None:
    p = mapview.asset_path("map", "indo_pacific.json")
    assert p.is_file()


def test_known_ids(mv: mapview.MapView) -> None:
    ids = mv.known_ids()
    assert {"kuala_lumpur", "malacca", "lac_western", "lac_middle", "lac_eastern"} <= ids
    data = mapview.load_map_data()
    assert {p["id"] for p in data["places"]} | {z["id"] for z in data["zones"]} == set(ids)


@pytest.mark.parametrize("size", [(1024, 640), (2560, 1440), (1280, 720), (300, 500)])
def test_map_draws_and_stays_in_rect(
    screen: pygame.Surface, mv: mapview.MapView, size: tuple[int, int]
) -> None:
    target = pygame.Surface((size[0] + 40, size[1] + 40), 0, screen)
    target.fill(SENTINEL)
    rect = pygame.Rect((20, 20), size)
    mv.draw(target, rect, ["malacca", "lac_eastern", "not_a_place"], t=1.23)
    mv.draw(target, rect, ["kuala_lumpur"], t=None)
    assert _outside_untouched(target, rect)
    assert target.get_at(rect.move(3, 3).topleft)[:3] == PAL.map_sea


def test_map_static_layer_reused(screen: pygame.Surface, mv: mapview.MapView) -> None:
    rect = pygame.Rect(0, 0, 1024, 640)
    for i in range(10):
        mv.draw(screen, rect, ["malacca"], t=i / 30)
    assert mv.render_count == 1
    mv.draw(screen, rect.move(100, 50), ["guam"], t=0.5)  # moved, same size
    assert mv.render_count == 1
    mv.draw(screen, pygame.Rect(0, 0, 800, 500))
    assert mv.render_count == 2
    mv.palette = theme.COLORBLIND
    mv.draw(screen, pygame.Rect(0, 0, 800, 500))
    assert mv.render_count == 3


def test_place_at_finds_places_and_zones(mv: mapview.MapView) -> None:
    rect = pygame.Rect(40, 30, 1024, 640)
    for pid in ("kuala_lumpur", "malacca", "new_delhi", "guam"):
        p = mv.places[pid]
        assert mv.place_at(mv.project(p["lon"], p["lat"], rect), rect) == pid
    zone = mv.zones["lac_eastern"]
    ring = zone["rings"][0]
    lon = sum(pt[0] for pt in ring[:-1]) / (len(ring) - 1)
    lat = sum(pt[1] for pt in ring[:-1]) / (len(ring) - 1)
    assert mv.place_at(mv.project(lon, lat, rect), rect) == "lac_eastern"
    assert mv.place_at((rect.left + 5, rect.bottom - 40), rect) is None  # open sea
    assert mv.place_at((0, 0), rect) is None  # outside the map rect
    assert mv.anchor("lac_western", rect) is not None


# --------------------------------------------------------------------------- sound


def test_sounds_play_the_synthesised_cues_at_the_set_volume(screen: pygame.Surface) -> None:
    s = sound.Sounds(enabled=True, volume=0.6)
    if not s.available:  # no audio device at all: the game stays silent and says so
        assert s.names == ()
        return
    rate, fmt, channels = pygame.mixer.get_init()
    assert s.names == sound.CUES
    for name in sound.CUES:
        played = pygame.sndarray.array(s._sounds[name])
        assert np.array_equal(played, sound._to_format(sound.synthesise(name, rate), fmt, channels))
        assert s._sounds[name].get_volume() == pytest.approx(0.6, abs=0.01)
    s.set_volume(0.1)
    assert s.volume == 0.1 and all(
        x.get_volume() == pytest.approx(0.1, abs=0.01) for x in s._sounds.values()
    )
    s.set_volume(NAN)  # a broken setting silences, never crashes
    assert s.volume == 0.0 and all(x.get_volume() == 0.0 for x in s._sounds.values())
    s.set_volume(7)
    assert s.volume == 1.0
    s.play("unknown")  # an unknown cue is ignored
    s.set_enabled(False)
    s.play("turn")
    assert not pygame.mixer.get_busy()


def test_each_cue_sounds_at_its_pitch() -> None:
    """Turn: E5 then A5; decision: a blip gliding from 1180 to 920 Hz; crisis: thumps at A2."""
    rate = 22050
    for name, (lo, hi) in {
        "turn": (640, 900),
        "decision": (900, 1200),
        "crisis": (50, 120),
    }.items():
        x = sound.synthesise(name, rate)
        spectrum = np.abs(np.fft.rfft(x))
        freqs = np.fft.rfftfreq(len(x), 1 / rate)
        assert lo <= freqs[spectrum.argmax()] <= hi, name
        # no energy where the cue has no partials (a broken synthesiser gives noise or silence)
        assert spectrum[freqs > 4 * hi].sum() < 0.05 * spectrum.sum(), name
    turn = sound.synthesise("turn", rate)
    first, second = turn[: int(0.12 * rate)], turn[int(0.2 * rate) : int(0.35 * rate)]
    for part, note in ((first, 659.25), (second, 880.0)):
        f = np.fft.rfftfreq(len(part), 1 / rate)[np.abs(np.fft.rfft(part)).argmax()]
        assert abs(f - note) < 15


def test_cues_have_soft_edges() -> None:
    for name in sound.CUES:
        x = sound.synthesise(name, 22050)
        assert len(x) / 22050 < 0.6
        assert x[0] == 0 and x[-1] == 0
        assert np.max(np.abs(x)) <= 0.6
        assert np.max(np.abs(x[:20])) < 0.1 and np.max(np.abs(x[-20:])) < 0.05


def test_samples_in_every_mixer_format() -> None:
    x = sound.synthesise("decision", 22050)
    assert np.array_equal(sound._to_format(x, -16, 1), np.round(x * 32767).astype(np.int16))
    assert np.array_equal(sound._to_format(x, 16, 1), np.round(x * 32767 + 32768).astype(np.uint16))
    assert np.array_equal(sound._to_format(x, 8, 1), np.round(x * 127 + 128).astype(np.uint8))
    stereo = sound._to_format(x, -32, 2)
    assert stereo.dtype == np.float32 and stereo.shape == (len(x), 2)
    assert np.array_equal(stereo[:, 0], stereo[:, 1]) and np.allclose(stereo[:, 0], x, atol=1e-6)


def test_sounds_silent_when_mixer_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a, **k):
        raise pygame.error("no audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", boom)
    s = sound.Sounds()
    assert not s.available and s.names == ()
    s.play("turn")
    s.set_volume(0.3)
    s.set_enabled(True)
    assert s.volume == 0.3 and s.enabled


# --------------------------------------------------------------------------- speed


def _per_frame_ms(fn, n: int = 20, batches: int = 3) -> float:
    """Best-of-batches CPU time per call (robust against a busy machine)."""
    fn()
    best = math.inf
    for _ in range(batches):
        t0 = time.process_time()
        for _ in range(n):
            fn()
        best = min(best, (time.process_time() - t0) / n * 1000)
    return best


def test_cached_frames_are_fast(screen: pygame.Surface, fonts: theme.Fonts) -> None:
    calls = _chart_calls(fonts)
    rect = pygame.Rect(40, 40, 520, 300)
    screen.fill(PAL.panel)
    for name in CHARTS:
        ms = _per_frame_ms(lambda name=name: calls[name]["normal"](screen, rect))
        assert ms < 3.0, (name, ms)  # target < 1 ms; loose bound for slow CI
    mv = mapview.MapView(PAL, fonts)
    ms = _per_frame_ms(
        lambda: mv.draw(
            screen, pygame.Rect(0, 0, 1024, 640), ["malacca", "lac_eastern"], t=time.perf_counter()
        )
    )
    assert ms < 3.0


# --------------------------------------------------------------------------- previews


def test_write_previews(screen: pygame.Surface, tmp_path: Path) -> None:
    """Writes widgets/*.png (in the test's temporary folder) for a human to look at."""
    PREVIEW_DIR = tmp_path / "widgets"
    fonts = theme.Fonts(1.0)
    PREVIEW_DIR.mkdir(parents=True, exist_ok=True)

    surf = pygame.Surface((1024, 640), 0, screen)
    mv = mapview.MapView(PAL, fonts)
    mv.draw(surf, surf.get_rect(), ["malacca", "lac_eastern"], t=0.4)
    pygame.image.save(surf, str(PREVIEW_DIR / "map.png"))

    def in_panel(title: str, draw):
        def fn(s: pygame.Surface, r: pygame.Rect) -> None:
            s.fill(PAL.background)
            inner = theme.draw_panel(s, r.inflate(-24, -24), PAL, title, fonts)
            draw(s, inner)

        return fn

    calls = _chart_calls(fonts)
    sizes = {"sparkline": (260, 110), "ladder": (300, 320), "bar_compare": (460, 190)}
    for name in CHARTS:
        charts.export_png(
            in_panel(name.replace("_", " "), calls[name]["normal"]),
            sizes.get(name, (560, 300)),
            PREVIEW_DIR / f"{name}.png",
        )
    expected = {"map": (1024, 640)} | {n: sizes.get(n, (560, 300)) for n in CHARTS}
    assert sorted(p.stem for p in PREVIEW_DIR.glob("*.png")) == sorted(expected)
    for name, size in expected.items():
        image = pygame.image.load(str(PREVIEW_DIR / f"{name}.png"))
        assert image.get_size() == size, name
        pixels = pygame.surfarray.array3d(image).reshape(-1, 3)
        colours = np.unique(pixels[:: max(1, len(pixels) // 20000)], axis=0)
        assert len(colours) > 20, f"{name}.png is nearly blank ({len(colours)} colours)"


def test_ensure_stops_when_the_item_is_out_of_reach():
    """Asking to show an item past the end (a list that shrank under a search) must not
    spin: the view stops at its last full window."""
    from game.ui.controls import ItemScroll

    scroll = ItemScroll()
    heights = [10] * 5
    scroll.ensure(9, heights, 25)  # no item 9: returns instead of looping for ever
    start, end = scroll.window(heights, 25)
    assert (start, end) == (3, 5)
    scroll.ensure(0, heights, 25)
    assert scroll.window(heights, 25) == (0, 2)
