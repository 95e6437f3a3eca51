"""Conformance: every bundled scenario plays to the end under every bot, within its rules."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.engine.batch import Engine
from game.engine.bots import RandomPolicy, make_policy, personas_of
from game.engine.game import Game
from game.engine.simulate import play_batch
from game.record import GameRecord, rebuild
from game.scenario.loader import bundled_ids, load, load_bytes

FIXTURE = str(Path(__file__).parent / "scenarios" / "valid" / "minimal.yaml")
TEMPLATE = str(Path(__file__).resolve().parents[1] / "game" / "scenario" / "template.yaml")
SCENARIOS = [*bundled_ids(), FIXTURE]


def compiled(name: str):
    return load(name)


@pytest.mark.parametrize("name", SCENARIOS)
def test_random_play_keeps_every_invariant(name):
    sc = compiled(name)
    eng = Engine(sc)
    pol = {0: RandomPolicy(), 1: RandomPolicy()}
    st = play_batch(eng, np.arange(2000), pol)
    assert st.all_over()
    assert np.isfinite(st.values).all()
    assert (st.values >= sc.lo - 1e-9).all() and (st.values <= sc.hi + 1e-9).all()
    assert (st.ending >= 0).all() and (st.ending < len(sc.endings)).all()
    assert ((st.ended_turn >= 1) & (st.ended_turn <= sc.turns)).all()
    scores = eng.scores(st)
    assert ((scores >= 0) & (scores <= 100)).all()


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_persona_plays(name):
    sc = compiled(name)
    eng = Engine(sc)
    for persona in personas_of(sc):
        p = make_policy(sc, persona)
        n = 4 if persona in ("expert", "master") else 200  # experts play rollouts at each decision
        st = play_batch(eng, np.arange(n), {0: p, 1: p})
        assert st.all_over() and np.isfinite(st.values).all()


@pytest.mark.parametrize("name", SCENARIOS)
def test_batch_equals_single_games(name):
    sc = compiled(name)
    eng = Engine(sc)
    pol = {0: RandomPolicy(), 1: make_policy(sc, "balanced")}
    batch = play_batch(eng, np.arange(64), pol)
    for i in (0, 1, 17, 63):
        one = play_batch(eng, np.array([i]), pol)
        assert np.array_equal(batch.values[i], one.values[0])
        assert np.array_equal(batch.fired[i], one.fired[0])
        assert np.array_equal(batch.chosen[i], one.chosen[0])
        assert batch.ending[i] == one.ending[0]


@pytest.mark.parametrize("name", SCENARIOS)
def test_same_seed_same_decisions_same_game_and_replay(name):
    sc = compiled(name)
    bots = {"india": RandomPolicy(), "us": make_policy(sc, "balanced")}
    for seed in (1, 2, 3):
        a = Game(sc, seed)
        while not a.is_over():
            assert a.apply(a.play_bots(bots))
        again = rebuild(GameRecord.of(a, scenario=name), sc)
        b = again.game
        assert again.fits and again.applied == len(a.log)
        assert b.is_over() and b.values() == a.values()
        assert b.ending() == a.ending() and b.scores() == a.scores()
        # the ledger accounts for every change of every indicator
        start = a.state.initial
        for k, ind in enumerate(sc.indicators):
            total = sum(e.delta for e in a.state.ledger.entries if e.indicator == ind)
            assert total == pytest.approx(a.state.values[0, k] - start[k], abs=1e-6)


@pytest.mark.parametrize("name", SCENARIOS)
def test_turn_in_steps_equals_turn_at_once(name):
    """The window resolves a turn in steps (one per frame): same game, same ledger."""
    sc = compiled(name)
    bots = {"india": RandomPolicy(), "us": make_policy(sc, "balanced")}
    for seed in (4, 5):
        a, b = Game(sc, seed), Game(sc, seed)
        paused = 0
        while not a.is_over():
            acts = a.play_bots(bots)
            assert a.apply(acts)
            steps = b.apply_steps(acts)
            while True:
                try:
                    next(steps)
                    paused += 1
                except StopIteration as done:
                    assert done.value
                    break
            assert np.array_equal(a.history[-1], b.history[-1]) and a.turn == b.turn
        assert paused > 0 and b.is_over()
        assert b.log == a.log and b.ending() == a.ending() and b.scores() == a.scores()
        assert [(t.turn, t.news) for t in b.turns] == [(t.turn, t.news) for t in a.turns]
        assert [(e.turn, e.indicator, e.delta) for e in b.state.ledger.entries] == [
            (e.turn, e.indicator, e.delta) for e in a.state.ledger.entries
        ]
    # a rejected answer is reported without a step
    over = Game(sc, 1)
    wrong = over.apply_steps({"india": [99] * 5, "us": [99] * 5})
    with pytest.raises(StopIteration) as done:
        next(wrong)
    assert not done.value.value


def test_template_validates_clean_once_named():
    text = Path(TEMPLATE).read_text("utf-8").replace("__ID__", "fresh").replace("__TITLE__", "T")
    result = load_bytes(text, "fresh.yaml")
    assert [d.format() for d in result.diagnostics] == []
