"""Scores that mean what they say: graded credit near thresholds, endings that weigh on
the score, values that never round across a threshold, objectives as they stand now."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.game import Game
from game.presentation import fmt_threshold, fmt_value, indicator_limits, objective_status
from tests.builder import base, build

HOLDS = {">=": float.__ge__, "<=": float.__le__, ">": float.__gt__, "<": float.__lt__}


def shown_number(text: str) -> float:
    return float(re.sub(r"[^0-9.\-]", "", text.replace("\u2212", "-")))


def test_a_value_never_rounds_across_its_threshold():
    assert fmt_value(59.87, 0, limits=[(">=", 60)]) == "59.9"
    assert fmt_value(59.87, 0) == "60"  # without the threshold, the usual decimals
    assert fmt_value(60.0, 0, limits=[(">=", 60)]) == "60"
    assert fmt_value(61.4, 0, limits=[(">=", 60)]) == "61"  # far from it: no extra decimals
    assert fmt_value(59.9996, 0, limits=[(">=", 60)]) == "59.999"
    assert fmt_value(48.04, 1, "$bn", limits=[("<=", 48)]) == "$48.04bn"
    assert fmt_value(60.3, 0, limits=[(">", 60)]) == "60.3"
    assert fmt_value(40.2, 0, limits=[("<", 40)]) == "40"  # 40 is not below 40: true as shown


@settings(max_examples=200, deadline=None)
@given(
    st.floats(-1000, 1000, allow_nan=False),
    st.integers(-1000, 1000),
    st.sampled_from(sorted(HOLDS)),
    st.integers(0, 3),
    st.floats(-0.01, 0.01, allow_nan=False),
)
def test_shown_values_fall_on_the_same_side_of_every_threshold(base_value, t, op, d, nudge):
    value = t + nudge if abs(nudge) < 0.005 else base_value
    shown = shown_number(fmt_value(value, d, limits=[(op, float(t))]))
    assert HOLDS[op](shown, float(t)) == HOLDS[op](float(value), float(t))


def test_thresholds_in_words_are_exact():
    assert fmt_threshold(">=", 60, 0) == "60 or more"
    assert fmt_threshold("<=", 48, 1, "$bn") == "$48.0bn or less"
    assert fmt_threshold("<", 0.5, 0) == "below 0.5"


def graded(data=None, partial=0.5):
    """Scenario data with graded credit switched on for every objective."""
    data = base() if data is None else data
    data["settings"] = {"partial_credit": partial}
    return data


def _end_game(data, start_a=57.0):
    data["period"]["turns"] = 1
    data["indicators"]["a"]["start"] = start_a
    g = Game(build(data), 1)
    assert g.apply({}), "no decisions: the only turn resolves"
    assert g.is_over()
    return g


def test_credit_is_graded_near_the_threshold_and_all_or_nothing_when_authored_so():
    assert _end_game(base(), 59.99).scores()["india"] == 0  # off unless the scenario says
    # a >= 60, range 0-100: the default band is 5; the scenario's partial credit 0.5
    assert _end_game(graded(), 57).scores()["india"] == pytest.approx(100 * 0.5 * (1 - 3 / 5))
    assert _end_game(graded(), 60).scores()["india"] == 100
    assert _end_game(graded(), 54).scores()["india"] == 0  # outside the band
    data = graded()
    data["objectives"]["india"][0].update(band=10, partial=0.8)
    assert _end_game(data, 57).scores()["india"] == pytest.approx(100 * 0.8 * 0.7)
    data = graded()
    data["objectives"]["india"][0]["partial"] = 0
    assert _end_game(data, 59.99).scores()["india"] == 0
    data = base()
    data["objectives"]["india"][0]["partial"] = 0.5  # one objective graded, without the setting
    assert _end_game(data, 57).scores()["india"] == pytest.approx(20)
    g = _end_game(graded(), 57)
    assert g.objectives_met()["india.a_high"] is False  # met stays all-or-nothing
    assert g.engine.primary_met(g.state)[0, 0] == False  # noqa: E712 - and so does winning


def test_graded_credit_needs_the_other_clauses_to_hold():
    data = graded()
    data["objectives"]["india"][0]["when"] = "a >= 60 and b == 50"
    assert _end_game(data, 58).scores()["india"] == pytest.approx(100 * 0.5 * (1 - 2 / 5))
    data["objectives"]["india"][0]["when"] = "a >= 60 and b == 40"
    assert _end_game(data, 58).scores()["india"] == 0
    data["objectives"]["india"][0]["when"] = "a >= 60 or b == 40"  # no plain thresholds
    assert _end_game(data, 58).scores()["india"] == 0


def test_a_band_per_indicator_and_the_worst_shortfall_counts():
    data = graded()
    data["objectives"]["india"][0].update(when="a >= 60 and b <= 45", band={"a": 10, "b": 20})
    # a is 3 short of 10 (0.3), b 5 over of 20 (0.25): the worse share counts
    assert _end_game(data, 57).scores()["india"] == pytest.approx(100 * 0.5 * 0.7)


def test_the_ending_weighs_on_the_score():
    data = base()
    data["endings"][0]["score"] = {"india": 10}
    g = _end_game(data, 60)
    assert g.scores()["india"] == pytest.approx(0.5 * (100 + 10))
    assert g.scores()["us"] == 0  # no worth authored for the US: objectives only
    data["endings"][0]["score"] = {"us": 90}
    assert _end_game(data, 60).scores()["us"] == pytest.approx(45)


def test_objective_status_says_where_each_objective_stands():
    data = graded()
    data["objectives"]["shared"] = [
        {"id": "b_mid", "label": {"en": "B low", "hi": "बी"}, "when": "b <= 55", "weight": 3}
    ]
    data["indicators"]["a"].update(start=59.87, decimals=0, unit="pts")
    g = Game(build(data), 1)
    status = objective_status(g, "india")
    assert [(s.owner, s.id) for s in status] == [("india", "a_high"), ("shared", "b_mid")]
    a, b = status
    assert (a.met, a.primary, a.weight, a.share) == (False, True, 1.0, 0.25)
    assert a.credit == pytest.approx(0.5 * (1 - 0.13 / 5))
    assert a.credit_text.startswith("near: ")
    (bound,) = a.bounds
    assert (bound.indicator, bound.op, bound.threshold, bound.met) == ("a", ">=", 60.0, False)
    assert bound.value_text == "59.9 pts"  # not "60 pts" beside "60 pts or more"
    assert bound.threshold_text == "60 pts or more"
    assert bound.margin == pytest.approx(-0.13)
    assert bound.distance_text == "0.1 pts short"
    assert bound.trend is None and bound.trend_text == ""
    assert (b.met, b.credit, b.credit_text, b.share) == (True, 1.0, "met", 0.75)
    assert b.bounds[0].distance_text == "5 to spare"
    assert [s.id for s in objective_status(g, "us")] == ["b_high", "b_mid"]
    g.lang = "hi"
    assert objective_status(g, "india")[1].label == "बी"


def test_objective_status_reports_the_trend_since_the_last_decision_point():
    data = base()
    data["indicators"]["a"]["drift"] = 2
    g = Game(build(data), 1)
    g.apply({})
    (bound,) = objective_status(g, "india")[0].bounds
    assert bound.trend == pytest.approx(2.0)
    assert bound.trend_text == "+2 since last turn"


def test_indicator_limits_gather_every_objectives_thresholds():
    data = base()
    data["objectives"]["shared"] = [{"id": "x", "label": "X", "when": "a < 90 and b >= 10"}]
    limits = indicator_limits(build(data))
    assert limits == {"a": ((">=", 60.0), ("<", 90.0)), "b": ((">=", 60.0), (">=", 10.0))}


def test_the_end_says_how_the_score_was_made():
    from game.presentation import objective_marks, score_text

    data = graded()
    data["endings"][0]["score"] = {"india": 10}
    g = _end_game(data, 57)
    assert g.score_parts() == {"india": (pytest.approx(20.0), 10.0), "us": (0.0, None)}
    assert g.objective_credit() == {"india.a_high": pytest.approx(0.2), "us.b_high": 0.0}
    assert score_text(g, "india") == "score 15/100 (objectives 20, ending worth 10)"
    assert score_text(g, "us") == "score 0/100"
    assert objective_marks(g, "india") == [("[~]", "A high", pytest.approx(0.2), True, "india")]


def test_a_bundled_rupture_cannot_score_like_a_success():
    from game.scenario.loader import load

    for name in ("tech_export", "tariff_friction", "lac_tensions", "framework_decade"):
        endings = load(name).definition.endings
        assert all(e.score.keys() == {"india", "us"} for e in endings), name
        best = max(min(e.score.values()) for e in endings)
        for e in endings:
            if e.early:  # a war, a rupture, a spill-over: the worst outcomes
                assert max(e.score.values()) <= 15 < best, (name, e.id)


def test_a_primary_objective_met_before_any_effort_is_noted():
    from game import design

    data = base()
    data["indicators"]["a"]["start"] = 65  # India's `a >= 60` holds from the start
    (note,) = design.won_at_start(build(data))
    assert note.kind == "won_at_start" and note.path == ("objectives", "india", 0, "when")
    assert "primary objective 'a_high' of India already holds" in note.message
    assert "(100% of 64 starts)" in note.message
    data["indicators"]["a"]["start"] = "uniform(0, 100)"  # met in some starts only: fine
    assert design.won_at_start(build(data), games=64) == []
    assert design.won_at_start(build(base())) == []
