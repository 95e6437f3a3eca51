"""The forecast's opponent model measured against the real policy (game/opponent.py)."""

from __future__ import annotations

import subprocess
import sys

from game.opponent import describe, model_error
from tests.builder import base, build, decision


def one_decision_game():
    data = base(turns=2)
    data["events"] = [
        decision(
            "first",
            "india",
            [("up", [{"target": "a", "add": 12}]), ("down", [{"target": "a", "add": -5}])],
            when="turn == 1",
        )
    ]
    return build(data)


def test_with_no_later_moves_the_mix_and_the_real_policy_agree():
    err = model_error(one_decision_game(), states=2, rollouts=4)
    assert err.decisions == 2  # both states stop on turn 1, where India decides
    assert err.indicator_mae == 0 and err.objective_mae == 0 and err.same_best == 1.0
    text = describe(err)
    assert "mean error 0.0% of the indicator's range" in text and "2 decisions" in text


def test_the_later_moves_of_a_different_opponent_show_as_error():
    data = base(turns=3)
    data["events"] = [
        decision(
            "first", "india", [("up", [{"target": "a", "add": 12}]), ("down", [])], when="turn == 1"
        ),
        decision(
            "reply",
            "us",
            [("help", [{"target": "a", "add": 10}]), ("hurt", [{"target": "a", "add": -10}])],
            when="turn == 2",
        ),
    ]
    sc = build(data)
    # `random` answers the reply at random, the mix never does the same: they differ
    err = model_error(sc, states=1, rollouts=16, real="random")
    assert err.decisions == 1 and err.indicator_mae > 0 and err.objective_mae > 0
    # the same policy as stand-in, with the same dice, makes no error at all
    same = model_error(sc, states=1, rollouts=16, real="random", model="random")
    assert same.model == "random" and same.indicator_mae == 0 and same.objective_mae == 0
    assert "the random bot against random play" in describe(same)


def test_the_command_checks_its_arguments():
    out = subprocess.run(
        [sys.executable, "-m", "game", "opponent", "tariff_friction", "--states", "0"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 2 and "--states must be at least 1" in out.stderr
