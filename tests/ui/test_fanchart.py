"""The fan chart projects an option turn by turn to the end of the game with 50% and 80%
ranges, every option's median, the objective's threshold with its number, axes with
ticks, whole option names and the intelligence level in words, at 1280x720 and 140%."""

from __future__ import annotations

from itertools import combinations

import pygame
import pytest

from game.ui.chart_projection import projection_layout
from game.ui.fanchart import intelligence_words
from tests.ui.helpers import open_turn

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.mark.parametrize("scale", [1.0, 1.4])
def test_fan_chart_projects_to_the_end_and_nothing_is_cut(make_app, ui_dirs, scale):
    app = make_app(size=(1280, 720), text_scale=scale, forecasts=True)
    d = open_turn(app)
    turn = app.top
    dec = turn.decisions[0]
    assert turn.outlook(dec.slot) is not None
    d.key("f")
    d.screen("fanchart")
    fan = app.top
    s = fan.session
    fc = s.forecasts[dec.slot]
    last = s.definition.period.turns
    with_target = 0
    for pick in range(len(fan.infos)):
        fan.pick = pick
        info = fan.infos[pick]
        hist = s.history(info)
        paths = [of.path[info.name] for of in fc.options]
        assert all(len(p) == last - s.game.turn + 1 for p in paths), "to the end, per turn"
        for p in paths:
            assert all(q[0] <= q[1] <= q[2] <= q[3] <= q[4] for q in p), "80% holds 50% holds p50"
        tgt = s.target(info.name)
        target = (tgt.op, tgt.value) if tgt else None
        with_target += target is not None
        pr = projection_layout(
            fan.fan_rect.size,
            hist,
            paths,
            fan.option,
            first_turn=1,
            target=target,
            unit=info.unit,
            title=f"{info.label}: turn by turn to the end (turn {last}), option 1",
            fonts=app.style.fonts,
        )
        box = pygame.Rect((0, 0), fan.fan_rect.size)
        texts = pr.texts()
        assert all(box.contains(r) for _, r in texts), [t for t, r in texts if not box.contains(r)]
        clash = [(a, b) for (a, ra), (b, rb) in combinations(texts, 2) if ra.colliderect(rb)]
        assert not clash, clash
        assert len(pr.y_ticks) >= 3, "a value axis with ticks"
        assert len(pr.x_ticks) >= 3 and pr.x_ticks[-1][1] == "end", "turns to the end"
        assert pr.npts == last + 1 - (s.game.turn - len(hist))
        assert len(pr.end_labels) == len(paths), "every option's median is numbered"
        if target is not None and pr.lo <= target[1] <= pr.hi:
            txt = pr.target_label[0]
            assert txt.startswith("aim ") and any(ch.isdigit() for ch in txt)
    assert with_target, "some indicator carries an objective's threshold"
    # the screen: whole option names, the intelligence level explained, nothing cut
    records = app.redraw_all(record=True)
    shown = {r.text: r for r in records}
    for o in dec.options:
        name = f"{o.index + 1}  {o.label}"
        assert name in shown and not shown[name].cut, name
    words = intelligence_words(fc.quality)
    assert words in shown and not shown[words].cut
    assert "because" in words


def test_intelligence_levels_are_explained_in_words():
    assert intelligence_words(1.0).startswith("Intelligence sharp (100%): ranges are narrow")
    assert "wider than the real spread" in intelligence_words(0.6)
    assert "lean towards what you hope or fear" in intelligence_words(0.1)


def test_the_projection_is_drawn_in_steps_into_the_same_picture(screen):
    from game.ui import chart_base
    from game.ui.chart_projection import projection_chart, projection_steps
    from game.ui.theme import DEFAULT, Fonts

    fonts = Fonts(1.0)
    paths = [
        [(40 - 2 * k - i, 45 - k - i, 50 + i, 55 + k + i, 60 + 2 * k + i) for k in range(8)]
        for i in range(3)
    ]
    args = dict(
        first_turn=1,
        target=(">=", 52.0),
        unit="%",
        title="Trade: turn by turn to the end",
        colour=DEFAULT.accent,
        fonts=fonts,
        palette=DEFAULT,
        bg=DEFAULT.panel,
    )
    whole = pygame.Surface((640, 300), 0, screen)
    stepped = pygame.Surface((640, 300), 0, screen)
    chart_base.clear_cache()
    projection_chart(whole, whole.get_rect(), [44.0, 47.0], paths, 1, **args)
    chart_base.clear_cache()
    steps = projection_steps(stepped, stepped.get_rect(), [44.0, 47.0], paths, 1, **args)
    n = sum(1 for _ in steps)
    assert n >= 5, "the axes, the other medians and each range are steps of their own"
    assert pygame.image.tobytes(whole, "RGB") == pygame.image.tobytes(stepped, "RGB")
    again = projection_steps(stepped, stepped.get_rect(), [44.0, 47.0], paths, 1, **args)
    assert sum(1 for _ in again) == 0, "a chart drawn before is one blit, no step"


def test_a_range_filled_a_few_columns_a_step_is_the_same_picture(screen):
    from game.ui.chart_raster import _fill_between, _fill_between_steps

    xs, tops, bots = [10.3, 90.7, 170.2, 250.9], [40.2, 20.6, 35.1, 5.5], [60.4, 80.9, 70.3, 95.2]
    whole = pygame.Surface((260, 100), 0, screen)
    stepped = pygame.Surface((260, 100), 0, screen)
    for surf in (whole, stepped):
        surf.fill((20, 30, 40))
    _fill_between(whole, xs, tops, bots, (200, 120, 60), 90)
    n = sum(1 for _ in _fill_between_steps(stepped, xs, tops, bots, (200, 120, 60), 90, 37))
    assert n == 6  # 241 columns, 37 a step: 7 steps, 6 pauses between them
    assert pygame.image.tobytes(whole, "RGB") == pygame.image.tobytes(stepped, "RGB")


def test_a_new_indicator_is_drawn_into_pixels_made_while_the_chart_opened(
    make_app, ui_dirs, monkeypatch
):
    import game.ui.screen as screen_module

    app = make_app(size=(1280, 720), forecasts=True)
    d = open_turn(app)
    d.key("f")
    d.screen("fanchart")
    d.until(lambda: not app.composing, 200, "the fan chart shown")
    box = app.top.panels["box"]
    made = []
    real = screen_module.new_surface
    monkeypatch.setattr(screen_module, "new_surface", lambda size: made.append(size) or real(size))
    shown = box.surface
    d.key("down")
    d.until(lambda: not box.dirty, 200, "the next indicator drawn")
    assert box.surface is not shown and box.rect.size not in made, "no new pixels on a key press"
