"""End-screen charts mark the turns the player decided and always show a scale (two or more
value ticks); writing the debrief is said once, in the footer, not in a toast over the charts."""

from __future__ import annotations

import pygame
import pytest

from game.ui import charts, theme
from game.ui.chart_base import _axis
from game.ui.playthrough import Driver
from tests.ui.test_classroom import game_of, press

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
PAL = theme.DEFAULT


@pytest.mark.parametrize(
    "lo,hi", [(15.0, 35.0), (25.0, 35.5), (0.9, 5.2), (199.0, 214.0), (20.0, 20.5)]
)
@pytest.mark.parametrize("plot_h", [45, 60, 90, 200])
def test_a_value_axis_has_at_least_two_ticks_that_do_not_touch(lo, hi, plot_h):
    lh = 19
    lo2, hi2, ticks = _axis(lo, hi, plot_h, lh)
    assert len(ticks) >= 2, ticks
    assert lo2 <= lo and hi2 >= hi
    ys = [plot_h * (t - lo2) / (hi2 - lo2) for t in ticks]
    assert all(b - a >= lh for a, b in zip(ys, ys[1:], strict=False)), (ticks, ys)


def _warn_pixels(surf: pygame.Surface) -> int:
    w, h = surf.get_size()
    return sum(1 for x in range(w) for y in range(h - 60, h) if surf.get_at((x, y))[:3] == PAL.warn)


def test_decision_markers_on_the_time_axis(screen):
    fonts = theme.Fonts(1.0)
    series = {"Trade": [200.0, 204, 199, 210, 212, 208, 215]}
    plain = pygame.Surface((300, 140), 0, screen)
    marked = pygame.Surface((300, 140), 0, screen)
    for surf, mk in ((plain, ()), (marked, (1, 4))):
        surf.fill(PAL.panel)
        charts.line_chart(
            surf,
            surf.get_rect(),
            series,
            {"Trade": PAL.accent},
            fonts=fonts,
            palette=PAL,
            legend=False,
            bg=PAL.panel,
            markers=mk,
        )
    assert _warn_pixels(plain) == 0
    assert _warn_pixels(marked) > 10


def test_end_screen_marks_decisions_and_says_the_debrief_once(make_app, ui_dirs, monkeypatch):
    calls = []
    real = charts.line_chart

    def spy(*a, **kw):
        calls.append(kw.get("markers", ()))
        return real(*a, **kw)

    monkeypatch.setattr(charts, "line_chart", spy)
    app = make_app()
    d = Driver(app)
    s = game_of(app, d)
    d.decide_turn()
    d.until(lambda: app.top is not None and app.top.name in ("summary", "end"), 600)
    d.key("return")
    d.screen("turn")
    press(d, "ctrl+shift+f")
    d.key("e")
    d.key("return")
    d.screen("end")
    d.until(lambda: not app.composing and calls, 200, "the end screen's charts")
    mine = sorted({c.turn - 1 for c in s.game.log if c.role == s.role})
    assert mine and calls and calls[-1] == mine, "the turns India decided are marked"
    d.click("export")
    end = app.top
    assert end.export.wait(60) == "done", end.export.error
    d.until(lambda: end.export_told, 50, "the export notice")
    d.frames(2)
    assert "Debrief written" in end.export_note
    assert not any("Debrief written" in t[0] for t in app._toasts), "no toast repeats the footer"


def test_a_flat_count_of_zero_never_gets_a_negative_axis():
    """The end screen's "Indian soldiers killed" chart, zero all game, read "-1 killed" and
    "1 killed" on its axis: a flat series of non-negative values keeps its axis at 0 or
    above, while a flat negative one still gets room on both sides."""
    from game.ui.chart_base import _axis, _range

    for flat in ([0.0] * 12, [5.0] * 12):
        lo, hi, ticks = _axis(*_range(flat), 120, 15)
        assert lo >= 0 and min(ticks) >= 0 and lo <= flat[0] < hi
    lo, hi = _range([-3.0] * 12)
    assert lo < -3 < hi
