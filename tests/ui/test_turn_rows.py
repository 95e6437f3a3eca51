"""The turn screen's indicator rows and smaller items: one meaning per colour, a tick or cross
with the objective's threshold, a tooltip with the threshold and this turn's causes that never
covers the cards, a click that opens the indicator's fan chart, the status line's keys, the
texts of quiet turns, and a change of language that keeps the assessments."""

from __future__ import annotations

from types import SimpleNamespace

import pygame
import pytest

from game.presentation import objective_status, period_changes
from game.ui import i18n
from game.ui.flow import start_game
from game.ui.playthrough import Driver
from game.ui.turn_panels import NewsPanel, meets
from tests.ui.helpers import open_turn

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _turn(make_app, scenario="tariff_friction", role="india", **settings):
    app = make_app(**settings)
    d = open_turn(app, scenario, role)
    return app, d


def test_a_row_gives_each_colour_one_meaning(make_app, ui_dirs):
    app, d = _turn(make_app)
    d.decide_turn()
    d.screen("summary")
    d.key("return")
    d.screen("turn")
    turn, pal = app.top, app.top.pal
    panel = turn.dashboard_panel
    seen = set()
    for info in turn.session.indicators:
        value = turn.session.game.values()[info.name]
        delta, colours = panel.row_colours(info, value)
        assert colours["value"] == pal.text  # the value never says "met" by its colour
        favour = delta * info.good
        moved = abs(delta) >= 10 ** (-info.decimals) / 2
        want = pal.good if moved and favour > 0 else pal.bad if moved and favour < 0 else None
        assert colours["arrow"] == (want or pal.neutral)
        target = turn.session.target(info.name)
        if target is not None:
            met = meets(value, target.op, target.value)
            assert colours["mark"] == (pal.accent if met else pal.warn)
            seen.add(met)
        seen.add(("arrow", colours["arrow"]))
    assert {True, False} <= seen, "both a met and an unmet objective on the dashboard"
    assert ("arrow", pal.good) in seen and ("arrow", pal.bad) in seen


def test_rows_show_the_threshold_and_the_tooltip_its_causes(make_app, ui_dirs):
    app, d = _turn(make_app)
    turn = app.top
    texts = [r.text for r in app.redraw_all(record=True) if r.owner == "dashboard"]
    assert "250" in texts, "the trade objective's threshold is on its row"
    d.move("ind:trade_bn")
    tip, anchor, _side = turn.dashboard_panel.tooltip()
    assert "at least $250bn needed" in tip and "not met" in tip
    assert "Since the last turn" not in tip  # nothing has moved yet
    d.decide_turn()
    d.screen("summary")
    d.key("return")
    d.screen("turn")
    d.idle()
    d.move("ind:trade_bn")
    tip, _anchor, _side = turn.dashboard_panel.tooltip()
    total, causes = period_changes(turn.session.game, 1)["trade_bn"]
    assert causes, "trade moved in the first turn"
    assert f"Since the last turn {turn.session.indicator('trade_bn').fmt(total, True)}:" in tip
    assert causes[0][0] in tip, "the largest cause is named"
    _surf, rect = turn.dashboard_panel.placed_tooltip(pygame.Rect((0, 0), app.size))
    assert not rect.colliderect(turn.dash_rect), "the tooltip leaves the rows in view"
    assert not rect.colliderect(turn.dec_rect)


def test_an_option_tooltip_never_covers_the_cards(make_app, ui_dirs):
    app, d = _turn(make_app, forecasts=True)
    turn = app.top
    dec = turn.focused()
    for opt in dec.options:
        d.move(f"opt:{dec.slot}:{opt.index}")
        placed = turn.dashboard_panel.placed_tooltip(pygame.Rect((0, 0), app.size))
        assert placed is not None, "an option has a tooltip"
        cards = [it.rect for it in turn.dec_items if it.kind == "option" and it.rect is not None]
        assert cards and not any(placed[1].colliderect(c) for c in cards)


def test_clicking_a_row_opens_its_fan_chart(make_app, ui_dirs):
    app, d = _turn(make_app, forecasts=True)
    d.click("ind:us_support")
    d.screen("fanchart")
    chart = app.top
    assert chart.infos[chart.pick].name == "us_support"


def test_the_status_line_counts_the_options_of_the_focused_decision(make_app, ui_dirs):
    app, d = _turn(make_app, "lac_tensions", "india")
    turn = app.top
    for k, dec in enumerate(turn.decisions):
        turn.set_focus(k)
        d.frames(2)
        footer = [r.text for r in app.redraw_all(record=True) if r.owner == "footer"]
        n = len(dec.options)
        assert any(f"1\u2013{n} choose" in t for t in footer), footer
        assert not any("1\u20134" in t for t in footer) or n == 4


def test_the_status_line_says_how_many_assessments_are_left(make_app, ui_dirs):
    app, d = _turn(make_app, "tariff_friction", "india", forecasts=True, rollouts=100)
    turn, table = app.top, app.top.session.table

    def footer() -> str:
        return " ".join(r.text for r in app.redraw_all(record=True) if r.owner == "footer")

    left, per_turn = table.assessments_left("india"), table.assessments_per_turn()
    assert per_turn > 0 and f"A assesses ({left} of {per_turn} left)" in footer()
    while table.assessments_left("india") > 0:  # A spends one, until none is left
        before = table.assessments_left("india")
        turn.set_focus(0)
        d.key("a")
        d.frames(2)
        if table.assessments_left("india") == before:
            break  # the same question again is free: nothing more to spend here
        assert f"({before - 1} of {per_turn} left)" in footer()


def test_quiet_turns_say_what_is_on_the_desk():
    from game.scenario.loader import load

    def news(decisions, length="full"):
        definition = load("lac_tensions", length).definition
        turn = SimpleNamespace(decisions=decisions, session=SimpleNamespace(definition=definition))
        return NewsPanel(turn).quiet_text()  # type: ignore[arg-type]

    assert news(["a decision"]) == "A quiet quarter: no news beyond the decisions on your desk."
    assert "no decision due" in news([]) and "desk" not in news([])
    # the lesson length's turns are one or two quarters of the story: not "a quiet quarter"
    assert news([], "lesson").startswith("A quiet turn:")


def test_the_period_words_follow_the_length():
    from game.scenario.loader import load
    from game.ui.catalogue import cadence, turn_word

    full, lesson = load("lac_tensions").definition, load("lac_tensions", "lesson").definition
    assert (cadence(full), turn_word(full)) == ("quarterly", "quarter")
    assert (cadence(lesson), turn_word(lesson)) == ("every 3\u20136 months", "turn")
    decade = load("framework_decade", "lesson").definition
    assert cadence(decade) == "every 6\u201318 months"
    assert cadence(load("framework_decade").definition) == "half-yearly"


def test_a_change_of_language_keeps_the_assessments(make_app, ui_dirs):
    app, d = _turn(make_app, forecasts=True)
    turn = app.top
    forecasts = dict(turn.session.forecasts)
    assert forecasts and not turn.session.assessing()
    d.key("escape")
    d.screen("pause")
    d.key("o")
    d.screen("settings")
    settings = app.top
    try:
        settings.change("language", 1)
        assert app.settings.language == "hi"
        d.key("escape")
        d.key("escape")
        d.screen("turn")
        d.frames(2)
        assert turn.session.forecasts == forecasts, "the assessments stay"
        assert not turn.session.assessing()
        assert turn.outlook(turn.focused().slot) is not None
    finally:
        i18n.set_language("en")


def test_the_strip_shows_each_objective_with_its_trend(make_app, ui_dirs):
    app, d = _turn(make_app, "lac_tensions", "india")
    d.decide_turn()
    d.screen("summary")
    d.key("return")
    d.screen("turn")
    turn = app.top
    status = objective_status(turn.session.game, turn.session.role)
    rows = turn.strip.rows()
    assert [r.label for r in rows] == [o.label for o in status]
    assert [r.met for r in rows] == [o.met for o in status]
    trends = set()
    for row, o in zip(rows, status, strict=True):
        shown = [b for b in o.bounds if not b.hidden]
        assert [b.value for b in row.bounds] == [b.value_text for b in shown]
        for b, s in zip(row.bounds, shown, strict=True):
            better = s.trend * (1 if s.op.startswith(">") else -1)
            assert b.trend == (0 if abs(s.trend) < 1e-9 else (1 if better > 0 else -1))
            trends.add(b.trend)
    assert {1, -1} <= trends, "moves both in and against the player's favour after turn 1"
    assert turn.strip.title().endswith(f"{sum(r.met for r in rows)} of {len(rows)} met")


def test_a_large_window_gives_the_columns_room(make_app, ui_dirs):
    """At 1920x1080 every indicator shows its whole name (no short names) and every option
    of the first decision is in view: the columns get the room, not bigger words."""
    app, d = _turn(make_app, size=(1920, 1080), forecasts=True)
    turn = app.top
    texts = [r.text for r in app.redraw_all(record=True) if r.owner == "dashboard"]
    assert all(info.label in texts for info in turn.session.indicators)
    shown = [it for it in turn.dec_items if it.kind == "option" and it.rect is not None]
    assert len(shown) == len(turn.focused().options)


def test_the_briefing_gives_a_lesson_its_own_cadence(make_app, ui_dirs):

    for ref, says, never in (
        ("lac_tensions@lesson", "every 3\u20136 months", "quarterly"),
        ("lac_tensions", "quarterly", "months \u00b7"),
    ):
        app = make_app()
        app.push(start_game(app, ref, "india", "normal", 7))
        Driver(app).screen("briefing")
        texts = [r.text for r in app.redraw_all(record=True)]
        meta = next(t for t in texts if " turns from " in t)
        assert says in meta and never not in meta, meta


def test_options_a_scroll_away_are_counted_under_the_last_card(make_app, ui_dirs):
    """At 1280x720 the first Ladakh decision shows one of its three cards: the line under it
    says how many more there are and how to reach them; once they are all in view (the
    window is taller) the line is gone."""
    from tests.ui.helpers import open_turn

    def hidden_line(app) -> tuple[int, list[str]]:
        app.redraw_all()
        turn = app.top
        hidden = sum(1 for it in turn.dec_items if it.kind == "option" and it.rect is None)
        said = [
            r.text
            for r in app.redraw_all(record=True)
            if r.owner == "decisions" and "more option" in r.text
        ]
        return hidden, said

    app = make_app(forecasts=True)  # (the cards show what the assessments say)
    open_turn(app, "lac_tensions", "india", "normal", 3)
    hidden, said = hidden_line(app)
    assert hidden == 2
    assert said == ["2 more options below \u00b7 Down or scroll"]
    app.resize((1920, 1200))
    hidden, said = hidden_line(app)
    assert hidden == 0 and said == []
