"""The design metrics of issue 13: option spread, `first`/`last` bots, parity, ending spread."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.batch import Engine
from game.engine.bots import MixedPolicy, OrderPolicy, lookahead_members, make_policy
from game.engine.definitions import Scenario
from game.engine.simulate import play_batch, simulate
from game.expectations import figure, run_expectations
from game.scenario.checks import run_checks
from tests.builder import base, build, decision


def spread_scenario():
    """India decides twice: once where the options differ a lot, once where they don't."""
    d = base(turns=2)
    d["events"] = [
        decision(
            "big",
            "india",
            [("up", [{"target": "a", "add": 30}]), ("down", [{"target": "a", "add": -30}])],
            when="turn == 1",
        ),
        decision(
            "small",
            "india",
            [("x", [{"target": "b", "add": 1}]), ("y", [{"target": "b", "add": -1}])],
            when="turn == 2",
        ),
        decision(
            "us_pick",
            "us",
            [
                ("lo", [{"target": "b", "add": -5}]),
                ("mid", [{"target": "b", "add": 0}]),
                ("hi", [{"target": "b", "add": 20}]),
            ],
            when="turn == 1",
        ),
    ]
    return d


def test_first_and_last_pick_the_first_and_last_available_option():
    d = spread_scenario()
    d["events"][2]["options"][0]["available"] = "turn > 5"  # `lo` is never available
    sc = build(d)
    eng = Engine(sc)
    st = eng.start(np.arange(3))
    first = OrderPolicy().choose(eng, st, 1)
    last = OrderPolicy(last=True).choose(eng, st, 1)
    assert (first[:, 0] == 1).all() and (last[:, 0] == 2).all()
    assert (first[:, 1] == -1).all()  # no second decision due
    assert make_policy(sc, "first").name == "first" and make_policy(sc, "last").name == "last"


def test_simulate_reports_the_spread_of_each_decision_under_expert_play():
    sc = build(spread_scenario())
    r = simulate(sc, 40, policy="expert", seed=3)
    dec = r["decisions"]
    # `big` decides the primary objective (a >= 60): the options are 100 points apart;
    # `small` moves an indicator India's objectives never read: no difference at all
    assert dec["big"]["spread"] == pytest.approx(100.0)
    assert dec["small"]["spread"] == 0.0
    assert dec["big"]["games"] == 40
    assert r["balance"]["low_spread_share"] == pytest.approx(1 / 3, abs=1e-4)
    assert figure(r, "decisions.*.spread") == {
        "decisions.big.spread": 100.0,
        "decisions.small.spread": 0.0,
        "decisions.us_pick.spread": 100.0,
    }


def test_no_spread_without_an_expert():
    r = simulate(build(spread_scenario()), 50, policy="balanced", seed=1)
    assert "decisions" not in r and "low_spread_share" not in r["balance"]
    with pytest.raises(KeyError):
        figure(r, "decisions.big.spread")


def test_balance_figures_follow_win_rates_and_endings():
    d = spread_scenario()
    d["endings"] = [
        {"id": "high", "title": "H", "epilogue": "h", "when": "a >= 60"},
        {"id": "rest", "title": "R", "epilogue": "r"},
    ]
    r = simulate(build(d), 400, policy="random", seed=2)
    wins = [r["roles"][k]["win_rate"] for k in ("india", "us")]
    assert r["balance"]["win_gap"] == pytest.approx(abs(wins[0] - wins[1]), abs=1e-4)
    assert r["balance"]["top_ending"] == max(r["endings"].values())
    shares = r["endings"].values()
    assert r["balance"]["endings_over_3pct"] == sum(v >= 0.03 for v in shares)


def test_expectations_hold_the_new_bars():
    d = spread_scenario()
    d["expectations"] = [
        {"name": "choices matter", "metric": "balance.low_spread_share", "policy": "expert",
         "runs": 20, "max": 0.15},
        {"name": "big matters", "metric": "decisions.big.spread", "policy": "expert",
         "runs": 20, "min": 3},
        {"name": "lazy loses", "metric": "roles.india.win_rate",
         "policy": {"india": "first", "us": "expert"}, "versus": "expert", "runs": 20,
         "max": 0.6},
    ]  # fmt: skip
    scn = Scenario.model_validate(d)
    assert run_checks(scn) == []
    sc = build(d)

    def sim(_name, runs, policy, seed):  # noqa: ANN001, ANN202
        return simulate(sc, runs, policy=policy, seed=seed)

    got = {o.name: o.ok for o in run_expectations("unit", scn.expectations, sim)}
    # a third of the decisions have no spread; `first` (option `up`) wins as the expert does
    assert got == {"choices matter": False, "big matters": True, "lazy loses": False}


def test_expectations_naming_a_news_event_or_unknown_decision_are_rejected():
    d = spread_scenario()
    d["events"].append({"id": "news", "title": "N"})
    d["expectations"] = [
        {"name": "x", "metric": "decisions.news.spread", "policy": "expert", "max": 1},
        {"name": "y", "metric": "decisions.nope.spread", "policy": "expert", "max": 1},
    ]
    found = [f.message for f in run_checks(Scenario.model_validate(d))]
    assert any("is news, not a decision" in m for m in found)
    assert any("unknown event 'nope'" in m for m in found)


def test_a_persona_may_replace_balanced_but_not_take_a_builtin_name():
    d = spread_scenario()
    d["roles"]["india"]["personas"] = {
        "balanced": {"label": "B", "weights": {"b": 1}},
        "expert": {"label": "E"},
    }
    found = run_checks(Scenario.model_validate(d))
    assert len(found) == 1
    assert "'expert' is the name of a built-in bot" in found[0].message
    assert "expert_india" in found[0].message
    del d["roles"]["india"]["personas"]["expert"]
    sc = build(d)
    # India's `balanced` now cares only for b (which it wants down): it picks `y`
    eng = Engine(sc)
    st = eng.start(np.arange(2))
    eng.apply(st, {0: make_policy(sc, "first").choose(eng, st, 0), 1: np.full((2, 2), 0)})
    assert (make_policy(sc, "balanced").choose(eng, st, 0)[:, 0] == 1).all()


def test_the_expert_looks_ahead_with_every_persona():
    d = spread_scenario()
    d["roles"]["us"]["personas"] = {"hawk": {"label": "H", "weights": {"b": 1}}}
    sc = build(d)
    names = [m.name for m in lookahead_members(sc)]
    assert names == ["balanced", "hawk"]
    # a mixed policy plays each game with its member's choice
    eng = Engine(sc)
    st = eng.start(np.arange(6))
    which = np.array([0, 1, 0, 1, 0, 1])
    mixed = MixedPolicy(lookahead_members(sc), which).choose(eng, st, 1)
    alone = [m.choose(eng, st, 1) for m in lookahead_members(sc)]
    for i, w in enumerate(which):
        assert (mixed[i] == alone[w][i]).all()


def test_first_loses_to_the_expert_where_the_cooperative_answer_is_not_first():
    sc = build(spread_scenario())  # option 1 of `big` is the good one; of us_pick the bad one
    eng = Engine(sc)
    seeds = np.arange(50)
    lazy = play_batch(eng, seeds, {0: make_policy(sc, "expert"), 1: make_policy(sc, "first")})
    good = play_batch(eng, seeds, {0: make_policy(sc, "expert"), 1: make_policy(sc, "expert")})
    assert eng.primary_met(lazy)[:, 1].mean() == 0.0
    assert eng.primary_met(good)[:, 1].mean() == 1.0
