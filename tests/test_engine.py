"""Engine rules on small scenarios built in code."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.engine.batch import Engine
from game.engine.bots import RandomPolicy, make_policy
from game.engine.game import Choice, Game, Rejected
from game.engine.simulate import play_batch
from game.presentation import reason
from game.record import GameRecord, rebuild
from tests.builder import base, build, decision


def play_out(game: Game, answer: int = 0) -> None:
    """Answer every decision of both roles with `answer` until the end."""
    while not game.is_over():
        acts = {r: [answer] * len(game.pending(r)) for r in ("india", "us")}
        assert game.apply(acts)


def test_drift_applies_from_the_second_turn_and_is_clamped():
    d = base(turns=3)
    d["indicators"]["a"]["drift"] = 30
    g = Game(build(d), seed=1)
    assert g.values()["a"] == 50
    g.apply({})
    assert g.values()["a"] == 80
    g.apply({})
    assert g.values()["a"] == 100  # clamped at max
    g.apply({})
    assert g.is_over()


def test_option_effects_now_later_and_spread():
    d = base(turns=5)
    d["events"] = [
        decision(
            "deal",
            "india",
            [
                ("now", [{"target": "a", "add": 10}, {"target": "b", "add": -5}]),
                (
                    "later",
                    [{"target": "a", "add": 12, "after": 2, "over": 3}, {"target": "b", "add": 1}],
                ),
            ],
            once=True,
        )
    ]
    sc = build(d)
    g = Game(sc, seed=1)
    assert [x.event for x in g.pending("india")] == ["deal"]
    g.apply({"india": [1]})
    seen = [g.values()["a"]]
    while not g.is_over():
        g.apply({})
        seen.append(g.values()["a"])
    # chosen in turn 1: the first third arrives at the start of turn 3, then one per turn
    assert seen[:4] == [50, 54, 58, 62]
    assert g.values()["a"] == 62


def test_delayed_trigger_forces_an_event():
    d = base(turns=5)
    d["events"] = [
        decision(
            "order",
            "us",
            [
                ("buy", [{"trigger": "delivery", "after": 2}, {"target": "b", "add": -1}]),
                ("skip", [{"target": "b", "add": 1}, {"target": "a", "add": -1}]),
            ],
            once=True,
        ),
        {
            "id": "delivery",
            "title": "Delivery",
            "when": False,
            "effects": [{"target": "a", "add": 20}],
        },
    ]
    g = Game(build(d), seed=3)
    g.apply({"us": ["buy"]})
    assert "delivery" not in g.turns[-1].news
    g.apply({})
    assert "delivery" in g.turns[-1].news
    assert g.values()["a"] == 70


def test_once_and_cooldown_and_first_turn():
    d = base(turns=6)
    d["events"] = [
        {"id": "once", "title": "Once", "once": True, "effects": [{"target": "a", "add": 1}]},
        {"id": "cool", "title": "Cool", "cooldown": 2, "effects": [{"target": "b", "add": 1}]},
        {"id": "late", "title": "Late", "first_turn": 4, "effects": [{"target": "b", "add": 10}]},
    ]
    g = Game(build(d), seed=1)
    play_out(g)
    fired = {e: [t.turn for t in g.turns if e in t.news] for e in ("once", "cool", "late")}
    assert fired == {"once": [1], "cool": [1, 4], "late": [4, 5, 6]}


def test_decision_slots_are_capped_by_priority():
    d = base(turns=1)
    d["settings"] = {"decisions_per_turn": 1}
    opts = [("x", [{"target": "a", "add": 1}]), ("y", [{"target": "b", "add": 1}])]
    d["events"] = [decision("low", "india", opts), decision("high", "india", opts, priority=5)]
    g = Game(build(d), seed=1)
    assert [x.event for x in g.pending("india")] == ["high"]


def test_chance_is_deterministic_per_seed_and_roughly_right():
    d = base(turns=1)
    d["events"] = [
        {"id": "coin", "title": "Coin", "chance": 0.3, "effects": [{"target": "a", "add": 1}]}
    ]
    sc = build(d)
    eng = Engine(sc)
    st = eng.start(np.arange(20000))
    share = (st.fired[:, 0] > 0).mean()
    assert 0.28 < share < 0.32
    st2 = eng.start(np.arange(20000))
    assert np.array_equal(st.fired, st2.fired)


def test_illegal_input_is_rejected_not_raised():
    d = base(turns=2)
    d["events"] = [
        decision(
            "pick",
            "india",
            [
                ("ok", [{"target": "a", "add": 1}, {"target": "b", "add": 1}]),
                ("locked", [{"target": "a", "add": 5}, {"target": "b", "add": 5}]),
            ],
            once=True,
        )
    ]
    d["events"][0]["options"][1]["available"] = "a > 90"
    g = Game(build(d), seed=1)
    assert g.legal_actions("india") == [[0]]
    for bad in (
        {},
        {"india": [5]},
        {"india": [1]},
        {"india": ["nope"]},
        {"mars": [0]},
        {"india": [0, 0]},
    ):
        r = g.apply(bad)
        assert isinstance(r, Rejected) and reason(r) and not reason(r).startswith(r.code)
    assert g.turn == 1
    assert g.apply({"india": ["ok"]})
    assert g.turn == 2


def test_early_ending_stops_the_game_and_sets_objectives():
    d = base(turns=10)
    d["indicators"]["a"]["drift"] = 10
    d["endings"] = [
        {"id": "boom", "title": "Boom", "when": "a >= 80", "early": True, "epilogue": "x"},
        {"id": "end", "title": "End", "when": True, "epilogue": "y"},
    ]
    g = Game(build(d), seed=1)
    play_out(g)
    assert g.ending().id == "boom"
    assert g.state.ended_turn[0] == 4  # 50, 60, 70, 80: ends after turn 4
    assert g.objectives_met()["india.a_high"] is True
    assert g.scores()["india"] == 100.0


def test_ledger_explains_every_change():
    d = base(turns=3)
    d["indicators"]["a"]["drift"] = "uniform(-3, 3)"
    d["events"] = [
        decision(
            "deal",
            "india",
            [
                (
                    "go",
                    [
                        {"target": "a", "add": 7},
                        {"target": "b", "add": -2, "after": 1, "note": "late"},
                    ],
                ),
                ("no", [{"target": "a", "add": -1}, {"target": "b", "add": 1}]),
            ],
            once=True,
        )
    ]
    g = Game(build(d), seed=5)
    history = [g.values()]
    play_out(g)
    history.append(g.values())
    for name in ("a", "b"):
        total = sum(e.delta for e in g.state.ledger.entries if e.indicator == name)
        assert total == pytest.approx(history[-1][name] - history[0][name])
    from game.presentation import period_changes

    # period 1: India's choice in turn 1, then the start of turn 2 (its trend, and the
    # choice's effect due one turn later)
    total, causes = period_changes(g, 1)["b"]
    assert any("delayed" in label for label, _ in causes)
    assert sum(v for _, v in causes) == pytest.approx(total)
    assert any("trend" in label for label, _ in period_changes(g, 1)["a"][1])


def test_batch_game_i_equals_single_game_with_seed_i():
    d = base(turns=6)
    d["indicators"]["a"]["drift"] = "normal(0, 4)"
    d["events"] = [
        decision(
            "d1",
            "india",
            [
                ("x", [{"target": "a", "add": "uniform(1, 5)"}, {"target": "b", "add": -2}]),
                ("y", [{"target": "b", "add": "uniform(1, 5)"}, {"target": "a", "add": -2}]),
            ],
            chance=0.5,
            cooldown=1,
        ),
        decision(
            "d2",
            "us",
            [
                ("x", [{"target": "b", "add": 3, "over": 2}, {"target": "a", "add": -1}]),
                ("y", [{"trigger": "n1", "after": 1}, {"target": "a", "add": 1}]),
            ],
            chance=0.7,
        ),
        {
            "id": "n1",
            "title": "N1",
            "when": "a > 55",
            "chance": 0.4,
            "effects": [{"target": "a", "add": "uniform(-4, 4)"}],
        },
    ]
    sc = build(d)
    eng = Engine(sc)
    pol = {0: RandomPolicy(), 1: RandomPolicy()}
    seeds = np.arange(40)
    batch = play_batch(eng, seeds, pol)
    for i in (0, 7, 23, 39):
        single = play_batch(eng, np.array([i]), pol)
        assert np.array_equal(batch.values[i], single.values[0])
        assert np.array_equal(batch.fired[i], single.fired[0])
        assert batch.ending[i] == single.ending[0]


def test_replay_reproduces_the_game():
    d = base(turns=5)
    d["indicators"]["a"]["drift"] = "uniform(-2, 2)"
    d["events"] = [
        decision(
            "d1",
            "india",
            [
                ("x", [{"target": "a", "add": "uniform(1, 5)"}, {"target": "b", "add": -2}]),
                ("y", [{"target": "b", "add": 3}, {"target": "a", "add": -2}]),
            ],
            cooldown=0,
        )
    ]
    sc = build(d)
    g = Game(sc, seed=11)
    k = 0
    while not g.is_over():
        g.apply({"india": [k % 2]})
        k += 1
    again = rebuild(GameRecord.of(g, scenario="x"), sc)
    assert again.fits and again.applied == len(g.log)
    assert again.game.values() == g.values()
    saved = [Choice.from_dict(c.to_dict()) for c in g.log]
    assert saved == g.log


def test_greedy_persona_prefers_what_it_values():
    d = base(turns=1)
    d["roles"]["india"]["personas"] = {"b_lover": {"label": "B", "weights": {"b": -1}}}
    d["events"] = [
        decision(
            "d",
            "india",
            [
                ("raise_a", [{"target": "a", "add": 10}, {"target": "b", "add": 1}]),
                ("lower_b", [{"target": "b", "add": -10}, {"target": "a", "add": -1}]),
            ],
        )
    ]
    sc = build(d)
    eng = Engine(sc)
    st = eng.start([1])
    assert make_policy(sc, "balanced").choose(eng, st, 0)[0, 0] == 0
    # b is `down` for India, and this persona's negative weight flips it back to up
    assert make_policy(sc, "b_lover").choose(eng, st, 0)[0, 0] == 0
    d["roles"]["india"]["personas"]["b_hater"] = {"label": "B-", "weights": {"b": 5}}
    sc = build(d)
    assert make_policy(sc, "b_hater").choose(eng, st, 0)[0, 0] == 1


def test_engine_imports_without_pygame_or_yaml():
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['pygame'] = None; sys.modules['yaml'] = None\n"
        "import game.engine.batch, game.engine.game, game.engine.bots, game.engine.simulate\n"
        "import game.engine.compiler, game.engine.expr, game.engine.definitions\n"
        "print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_trigger_after_zero_fires_next_turn_and_waits_for_a_free_slot():
    d = base(turns=4)
    d["settings"] = {"decisions_per_turn": 1}
    opts = [
        ("x", [{"target": "a", "add": 1}, {"target": "b", "add": 1}]),
        ("y", [{"target": "a", "add": -1}, {"target": "b", "add": -1}]),
    ]
    first = decision("first", "india", opts, once=True)
    first["options"][0]["effects"].append({"trigger": "follow", "after": 0})
    busy = decision("busy", "india", opts, first_turn=2, once=True, priority=5)
    follow = decision("follow", "india", opts, when=False)
    d["events"] = [first, busy, follow]
    g = Game(build(d), seed=1)
    assert [x.event for x in g.pending("india")] == ["first"]
    g.apply({"india": [0]})
    # turn 2: the higher-priority event takes the only slot; the forced one waits
    assert [x.event for x in g.pending("india")] == ["busy"]
    g.apply({"india": [0]})
    assert [x.event for x in g.pending("india")] == ["follow"]


def test_what_if_equals_replay_with_one_decision_changed():
    from game.engine.game import what_if

    d = base(turns=4)
    d["indicators"]["a"]["drift"] = "uniform(-2, 2)"
    d["events"] = [
        decision(
            "d1",
            "india",
            [
                ("x", [{"target": "a", "add": "uniform(1, 5)"}, {"target": "b", "add": -2}]),
                ("y", [{"target": "b", "add": 3}, {"target": "a", "add": -2}]),
            ],
        )
    ]
    sc = build(d)
    g = Game(sc, seed=8)
    while not g.is_over():
        g.apply({"india": [0]})
    alt = what_if(sc, 8, g.log, 1, "y", {"india": RandomPolicy(), "us": RandomPolicy()})
    log = list(g.log)
    log[1] = Choice(log[1].turn, "india", "d1", "y")
    same = rebuild(replace(GameRecord.of(g, scenario="x"), log=log), sc)
    assert same.fits
    assert alt.values() == same.game.values()
    assert alt.values() != g.values()


def test_facilitator_can_inject_an_event_and_end_the_game():
    d = base(turns=5)
    opts = [
        ("x", [{"target": "a", "add": 5}, {"target": "b", "add": 1}]),
        ("y", [{"target": "a", "add": -5}, {"target": "b", "add": -1}]),
    ]
    d["events"] = [
        decision("crisis", "india", opts, when=False),
        {"id": "shock", "title": "Shock", "when": False, "effects": [{"target": "b", "add": 20}]},
    ]
    d["endings"] = [
        {"id": "b_high", "title": "B", "when": "b > 60", "epilogue": "x"},
        {"id": "end", "title": "End", "when": True, "epilogue": "y"},
    ]
    g = Game(build(d), seed=1)
    assert g.pending("india") == []
    assert g.inject("shock") and g.values()["b"] == 70
    assert "shock" in g.turns[-1].news
    assert g.inject("crisis") and [x.event for x in g.pending("india")] == ["crisis"]
    assert not g.inject("nope")
    assert g.apply({"india": ["x"]})
    g.end_now()
    assert g.is_over() and g.ending().id == "b_high" and g.state.ended_turn[0] == 2
    assert g.objectives_met()["us.b_high"] is True


def test_row_wise_any_matches_numpy():
    # legal() reduces (games, few options) masks column by column
    from game.engine.choices import any_across

    rng = np.random.default_rng(7)
    for _ in range(300):
        n, k = int(rng.integers(0, 40)), int(rng.integers(1, 6))
        mask = rng.random((n, k)) < 0.25
        assert np.array_equal(any_across(mask), mask.any(axis=1))


def test_events_fired_everywhere_are_skipped_but_forced_ones_still_fire():
    # an event that fired once in every game of a batch is not read again, yet a
    # trigger still forces it in the games it names (and only there)
    d = base(turns=5)
    d["events"] = [
        {
            "id": "opening",
            "title": "Opening",
            "once": True,
            "effects": [{"target": "a", "add": 1}],
        },
        {
            "id": "echo",
            "title": "Echo",
            "once": True,
            "when": "turn == 2 and b >= 50",
            "effects": [{"trigger": "opening", "after": 1}],
        },
    ]
    sc = build(d)
    eng = Engine(sc)
    st = eng.start(np.arange(6))
    st.values[:3, 1] = 40.0  # games 0-2 never echo
    none = {r: np.full((6, sc.decisions_per_turn), -1) for r in (0, 1)}
    for _ in range(3):
        eng.apply(st, none)
    assert st.fired[:, 0].tolist() == [1, 1, 1, 2, 2, 2]
    assert st.values[:, 0].tolist() == [51.0] * 3 + [52.0] * 3


def test_decisions_due_follow_the_state_even_when_it_is_changed_directly():
    """`Game.pending` keeps its answer while the state is the same, and only then: a
    change made straight to the state (a tool, a test) is seen at once."""
    from game.engine.game import Game
    from game.scenario.loader import load

    g = Game(load("tariff_friction"), 3)
    first = g.pending("india")
    assert first == g.pending("india")
    first.clear()  # the caller's own list
    assert g.pending("india")
    col = g.scenario.resource_cols[0]
    dear = [(d.slot, o.index) for d in g.pending("india") for o in d.options if o.cost > 0]
    assert dear and all(o.affordable for d in g.pending("india") for o in d.options if o.cost > 0)
    g.state.values[0, col] = 0.0
    now = {(d.slot, o.index): o.affordable for d in g.pending("india") for o in d.options}
    assert not any(now[k] for k in dear)
