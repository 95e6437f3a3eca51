"""One source for small domain logic: the ladder rung, the value formatter, splitmix64."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.batch import rung_of
from game.engine.dice import splitmix64
from game.engine.expr import Scope, compile_expr
from game.engine.expr_runtime import SimpleEnv
from game.presentation import fmt_value


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(-50, 150, allow_nan=False), min_size=1, max_size=6, unique=True),
    st.lists(st.floats(-100, 200, allow_nan=False), min_size=1, max_size=20),
)
def test_the_expression_ladder_and_rung_of_agree(thresholds, values):
    thresholds = sorted(thresholds)
    scope = Scope({"x": 0}, ladders={"lad": (0, tuple(thresholds))})
    expr = compile_expr("lad", scope)
    env = SimpleEnv(np.asarray(values, dtype=np.float64).reshape(-1, 1))
    got = np.asarray(expr(env), dtype=np.float64)
    assert got.tolist() == [float(rung_of(thresholds, v)) for v in values]
    assert rung_of(thresholds, np.asarray(values)).tolist() == got.astype(int).tolist()


def test_one_formatter_for_every_front_end():
    assert fmt_value(212.5, 1, "$bn") == "$212.5bn"
    assert fmt_value(18, 0, "%") == "18%"
    assert fmt_value(-2.5, 1, "pts", signed=True) == "\u22122.5 pts"
    assert fmt_value(-0.001, 1) == "0.0"  # never "-0"
    assert fmt_value(1234567, 0, "$bn") == "$1,234,567bn"
    assert fmt_value(None) == fmt_value(float("nan")) == "–"
    from game.report.facts import fmt_delta
    from game.report.facts import fmt_value as report_fmt

    assert report_fmt(212.5, 1, "$bn") == "$212.5bn"
    assert fmt_delta(0.01, 0, "%") == "±0%"


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 2**64 - 1))
def test_one_splitmix64_for_ints_and_arrays(z):
    reference = (z + 0x9E3779B97F4A7C15) % 2**64
    reference = ((reference ^ (reference >> 30)) * 0xBF58476D1CE4E5B9) % 2**64
    reference = ((reference ^ (reference >> 27)) * 0x94D049BB133111EB) % 2**64
    reference ^= reference >> 31
    assert splitmix64(z) == reference
    assert int(splitmix64(np.array([z], dtype=np.uint64))[0]) == reference
