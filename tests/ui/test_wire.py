"""The helper process's JSON wire format round-trips real results and rebuilds nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine.game import Choice, Game
from game.scenario.loader import load
from game.ui import wire

MINIMAL = str(Path(__file__).parents[1] / "scenarios" / "valid" / "minimal.yaml")


def test_forecasts_advice_and_logs_round_trip():
    g = Game(load(MINIMAL), 3)
    fc = g.forecast("india", 0, rollouts=50)
    job = (("tok", 1, "fc", 0), ("assess", MINIMAL, "", 3, [Choice(1, "india", "talks", "open")]))
    result = (job[0], (True, (fc, g.advice(fc))))
    assert wire.loads(wire.dumps(job)) == job
    back = wire.loads(wire.dumps(result))
    assert back == result and isinstance(back[1][1][0].options, tuple)


def test_unknown_classes_are_refused():
    evil = json.dumps({"$dc": "Popen", "f": {"args": ["sh"]}}).encode()
    with pytest.raises(KeyError):
        wire.loads(evil)
