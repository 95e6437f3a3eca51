"""Property-based tests: hostile or random input never breaks the loader, the saves or the engine."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.batch import Engine
from game.engine.bots import RandomPolicy
from game.engine.simulate import play_batch
from game.saves import SaveError, parse_save
from game.scenario.loader import load_bytes

MINIMAL = (Path(__file__).parent / "scenarios" / "valid" / "minimal.yaml").read_text()
BASE = yaml.safe_load(MINIMAL)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=20),
    st.sampled_from(["trade_bn", "trust", "talks", "india", "us", "1 +", "x.y"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, (*prefix, i))


ALL_PATHS = [p for p in paths(BASE) if p]


@st.composite
def mutated(draw):
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(ALL_PATHS))
        node = data
        try:
            for part in path[:-1]:
                node = node[part]
            action = draw(st.sampled_from(["replace", "delete", "rename", "add"]))
            key = path[-1]
            if action == "replace":
                node[key] = draw(values)
            elif action == "delete":
                del node[key]
            elif action == "rename" and isinstance(node, dict):
                node[draw(st.text(min_size=1, max_size=10))] = node.pop(key)
            elif action == "add" and isinstance(node, dict):
                node[draw(st.text(min_size=1, max_size=10))] = draw(values)
        except (KeyError, IndexError, TypeError):
            continue
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_loader_reports_mutated_scenarios_without_raising(data):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    result = load_bytes(text, "mutant.yaml", lint=True)
    if result.compiled is None:
        assert result.errors, "a scenario that does not compile must say why"
    lines = text.count("\n") + 1
    for d in result.diagnostics:
        assert 1 <= d.line <= lines and d.col >= 1 and d.message


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_loader_survives_arbitrary_text(text):
    result = load_bytes(text, "random.yaml")
    assert result.compiled is None or not result.errors


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.integers(0, 2**31))
def test_whatever_loads_plays_within_its_rules(data, seed):
    result = load_bytes(yaml.safe_dump(data, sort_keys=False), "mutant.yaml")
    if result.compiled is None:
        return
    sc = result.compiled
    eng = Engine(sc)
    stt = play_batch(eng, np.arange(seed, seed + 16), {0: RandomPolicy(), 1: RandomPolicy()})
    assert stt.all_over() and np.isfinite(stt.values).all()
    assert (stt.values >= sc.lo).all() and (stt.values <= sc.hi).all()
    again = play_batch(eng, np.arange(seed, seed + 16), {0: RandomPolicy(), 1: RandomPolicy()})
    assert np.array_equal(stt.values, again.values)


save_like = st.dictionaries(
    st.sampled_from(
        [
            "format",
            "scenario",
            "scenario_id",
            "seed",
            "turn",
            "log",
            "humans",
            "over",
            "settings",
            "x",
        ]
    ),
    values,
    max_size=9,
)


@settings(max_examples=200, deadline=None)
@given(save_like)
def test_save_parser_only_raises_save_error(data):
    try:
        parse_save(json.loads(json.dumps(data)))
    except SaveError:
        pass
