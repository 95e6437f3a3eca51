"""A lesson length keeps political capital as scarce as the full game: its `regen` factor
scales each resource's renewal (a lesson turn holds more decisions), and commitments'
durations and penalties shrink with the calendar."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.compiler import compile_scenario
from game.engine.definitions import Scenario
from game.engine.simulate import simulate
from game.scenario.lengths import derive
from game.scenario.loader import bundled_ids, load
from tests.builder import build
from tests.test_capital import capital_data


def _binding(name: str, length: str) -> dict[str, float]:
    d = simulate(load(name, length), 400, policy="random", seed=1)
    return {role: v["binding"] for role, v in d["capital"].items()}


@pytest.mark.parametrize("name", bundled_ids())
def test_capital_binds_as_often_in_the_lesson_as_in_full(name):
    full, lesson = _binding(name, "full"), _binding(name, "lesson")
    assert set(full) == set(lesson) == {"india", "us"}
    for role in full:
        a, b = full[role], lesson[role]
        # the share of a role's decision turns on which its budget binds (random play)
        assert a > 0.02, (name, role, a)
        assert abs(a - b) <= 0.02 or 2 / 3 <= b / a <= 3 / 2, (name, role, full, lesson)


def _lesson_data(regen: object) -> dict:
    d = capital_data(turns=12)
    d["commitments"][0]["lasts"] = 6
    d["lengths"] = {"lesson": {"turns": 6, "regen": regen}}
    return d


def test_the_lesson_scales_regen_and_shrinks_commitments():
    scn = Scenario.model_validate(_lesson_data({"india": 1.5}))
    short = derive(scn, "lesson")
    assert short.resources["india"].regen == "(1 + a / 100) * 1.5"
    (cm,) = short.commitments
    # 11 full turns in 5 steps: a step is 2.2 turns; 6 turns -> 3, a penalty over 3 -> 1
    assert cm.lasts == 3 and cm.penalty[0].over == 1
    same = derive(Scenario.model_validate(_lesson_data(1)), "lesson")
    assert same.resources["india"].regen == "1 + a / 100"


def test_a_faster_regen_leaves_more_capital_in_the_lesson():
    from game.engine.batch import Engine
    from game.engine.bots import RandomPolicy
    from game.engine.simulate import play_batch

    ends = []
    for k in (1, 2):
        sc = build(_lesson_data(k))
        sc_lesson = compile_scenario(derive(sc.definition, "lesson"))
        st = play_batch(Engine(sc_lesson), np.arange(50), {0: RandomPolicy(), 1: RandomPolicy()})
        ends.append(st.values[:, sc_lesson.scope.indicators["cap"]].mean())
    assert ends[1] > ends[0] + 0.5


@pytest.mark.parametrize("name", bundled_ids())
def test_objective_labels_name_the_thresholds_they_test(name):
    """A label such as `Trust at 55 or more` must not promise another threshold than the
    condition tests (rebalancing moves thresholds; the labels must follow)."""
    import re

    d = load(name).definition
    for owner in ("india", "us", "shared"):
        for o in getattr(d.objectives, owner):
            label = o.label if isinstance(o.label, str) else o.label["en"]
            said = set(re.findall(r"(?<![A-Za-z0-9.])\d+(?:\.\d+)?", label)) - {
                "2035",
                "2045",
                "500",
            }
            tested = set(re.findall(r"\d+(?:\.\d+)?", str(o.when)))
            assert said <= tested, (o.id, label, o.when)
