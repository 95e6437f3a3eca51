"""Commitment state in expressions: `pledged('id')` and `broken('id')` read the same state
the engine settles, in a batch and in a single game alike, and the loader checks the ids."""

from __future__ import annotations

import json

import numpy as np

from game.engine.batch import Engine
from game.engine.bots import RandomPolicy
from game.engine.capital import BROKEN, MADE
from game.engine.expr import ExprError, Scope, SimpleEnv, compile_expr
from game.engine.game import Game
from game.engine.simulate import play_batch
from game.scenario.loader import load_bytes
from tests.builder import build
from tests.test_capital import capital_data


def reacting_data(turns: int = 8) -> dict:
    """capital_data plus news that fires once the US broke its promise (and lowers B), and
    a drift that nudges A up while the promise stands."""
    d = capital_data(turns)
    d["events"].append(
        {
            "id": "backlash",
            "title": "Backlash",
            "when": "broken('promise')",
            "once": True,
            "effects": [{"target": "b", "add": -7}],
        }
    )
    d["indicators"]["a"]["drift"] = "2 * pledged('promise')"
    return d


def test_pledged_and_broken_read_the_commitment_state():
    scope = Scope(indicators={"x": 0}, commitments={"promise": 0, "other": 1})
    env = SimpleEnv(np.zeros((4, 1)), commit=np.array([[0, 1], [1, 0], [2, 2], [3, 1]], np.int8))
    assert compile_expr("pledged('promise')", scope)(env).tolist() == [0, 1, 0, 0]
    assert compile_expr("broken('promise')", scope)(env).tolist() == [0, 0, 1, 0]
    got = compile_expr("broken('other') or pledged('other')", scope)(env)
    assert got.tolist() == [True, False, True, True]


def test_the_engine_fires_a_reaction_only_where_the_promise_was_broken():
    sc = build(reacting_data())
    eng = Engine(sc)
    st = play_batch(eng, np.arange(60), {0: RandomPolicy(), 1: RandomPolicy()})
    e = sc.event_index("backlash")
    status = st.commit[:, 0]
    assert set(np.unique(status)) >= {MADE, BROKEN}  # the seeds cover both
    # a broken promise stays broken (it is renewed only by pledging again): every game
    # whose promise ends broken before the last turn saw the backlash the turn after, and
    # no game that never broke it did
    early = (status == BROKEN) & (st.commit_turn[:, 0] < sc.turns)
    assert early.sum() >= 5
    assert (st.fired[early, e] == 1).all()
    # (once: the first breaking; a later one, after pledging again, does not fire it again)
    assert (st.last_fired[early, e] <= st.commit_turn[early, 0] + 1).all()
    never = ~(st.chosen[:, sc.scope.options["usd.renege"]])
    assert (st.fired[never, e] == 0).all()


def test_batch_equals_single_games_with_commitment_expressions():
    sc = build(reacting_data())
    eng = Engine(sc)
    pol = {0: RandomPolicy(), 1: RandomPolicy()}
    batch = play_batch(eng, np.arange(40), pol)
    assert batch.fired[:, sc.event_index("backlash")].any()
    for i in (0, 7, 23, 39):
        one = play_batch(eng, np.array([i]), pol)
        assert np.array_equal(batch.values[i], one.values[0])
        assert np.array_equal(batch.fired[i], one.fired[0])
        assert np.array_equal(batch.commit[i], one.commit[0])


def test_a_game_at_the_table_sees_the_backlash_after_reneging():
    sc = build(reacting_data())
    g = Game(sc, 1)
    a0 = g.values()["a"]
    g.apply({"india": ["wait", "skip"], "us": ["pledge"]})
    # turn 2's drift: +2 while the promise stands (and +1 from `wait`)
    assert g.values()["a"] == a0 + 1 + 2
    b = g.values()["b"]
    g.apply({"india": ["wait", "skip"], "us": ["renege"]})
    assert g.state.fired[0, sc.event_index("backlash")] == 1
    assert g.values()["b"] == b + 1 + 6 - 7  # skip, renege, then the backlash


def test_the_loader_points_at_an_unknown_commitment_id():
    d = reacting_data()
    d["events"][-1]["when"] = "broken('promis')"
    text = json.dumps(d, indent=1)
    result = load_bytes(text, "unit.yaml")
    (err,) = result.errors
    assert err.message == "unknown commitment 'promis' (did you mean 'promise'?)"
    lines = text.splitlines()
    assert "broken('promis')" in lines[err.line - 1]
    assert lines[err.line - 1][err.col - 1 :].startswith("'promis'")
    d["events"][-1]["when"] = "pledged(promise)"
    (err,) = load_bytes(json.dumps(d), "unit.yaml").errors
    assert err.message == (
        "pledged() needs the commitment id in quotes, e.g. pledged('commitment_id')"
    )


def test_a_scope_without_commitments_rejects_the_functions():
    scope = Scope(indicators={"x": 0})
    try:
        compile_expr("pledged('x')", scope)
    except ExprError as err:
        assert err.message == "unknown commitment 'x'"
    else:  # pragma: no cover - the assertion above is the test
        raise AssertionError("expected an ExprError")


def test_simulate_reports_binding_capital_and_broken_commitments():
    from game.engine.simulate import simulate

    sc = build(capital_data(turns=8))
    d = simulate(sc, 300, policy="random", seed=3)
    assert set(d["capital"]) == {"india"}  # the US has no resource
    binding = d["capital"]["india"]["binding"]
    assert 0.05 < binding < 1
    st = play_batch(
        Engine(sc),
        np.arange(3 << 32, (3 << 32) + 300, dtype=np.uint64),
        {0: RandomPolicy(), 1: RandomPolicy()},
    )
    assert d["commitments"]["promise"]["broken"] == round(
        float((st.commit[:, 0] == BROKEN).mean()), 4
    )
    # a richer India binds less often
    d2 = capital_data(turns=8)
    d2["resources"]["india"]["regen"] = "3"
    assert (
        simulate(build(d2), 300, policy="random", seed=3)["capital"]["india"]["binding"] < binding
    )


def test_expectations_on_capital_and_commitments_name_real_ones():
    d = capital_data()
    d["expectations"] = [
        {"name": "x", "metric": "capital.us.binding", "max": 0.5},
        {"name": "y", "metric": "commitments.promis.broken", "max": 0.5},
        {"name": "z", "metric": "capital.india.binding", "min": 0.1},
    ]
    result = load_bytes(json.dumps(d), "unit.yaml")
    assert [e.message for e in result.errors] == [
        "us has no resource: its capital cannot bind",
        "unknown commitment 'promis' (did you mean 'promise'?)",
    ]


def test_the_balanced_bot_weighs_the_penalty_of_breaking_a_standing_promise():
    from game.engine.bots import MixedPolicy, lookahead_members, make_policy

    d = capital_data(turns=6)
    d["commitments"][0]["penalty"] = [{"target": "b", "add": -12, "over": 2}]
    sc = build(d)
    eng = Engine(sc)
    st = eng.start(np.arange(4))
    us = make_policy(sc, "balanced")
    # nothing promised yet: reneging (+6 for B, which the US wants up) beats pledging (+3)
    assert (us.choose(eng, st, 1)[:, 0] == 1).all()
    india = np.zeros((4, 2), np.int64)
    eng.apply(st, {0: india, 1: np.array([[0, -1], [0, -1], [2, -1], [2, -1]])})
    # games 0-1 pledged: breaking now costs 12 of B, so the bot renews the pledge instead;
    # games 2-3 never pledged and still renege
    assert us.choose(eng, st, 1)[:, 0].tolist() == [0, 0, 1, 1]
    # the look-ahead mix does so only when asked (the expert's futures pay the penalty)
    members = lookahead_members(sc)
    which = np.zeros(4, np.intp)
    assert MixedPolicy(members, which, penalties=True).choose(eng, st, 1)[:, 0].tolist() == [
        0,
        0,
        1,
        1,
    ]
    assert MixedPolicy(members, which).choose(eng, st, 1)[:, 0].tolist() == [1, 1, 1, 1]
