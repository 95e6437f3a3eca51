"""The bundled scenarios: what each must contain, and their own balance expectations."""

from __future__ import annotations

import json
import re

import pytest

from game.engine.definitions import ROLES
from game.expectations import run_expectations
from game.scenario.loader import bundled_ids, load, load_result, with_length

BUNDLED = ["tariff_friction", "tech_export", "lac_tensions", "framework_decade"]


def test_the_four_scenarios_are_bundled():
    assert bundled_ids()[:4] == BUNDLED


@pytest.mark.parametrize("name", BUNDLED)
def test_validates_clean_with_no_warnings(name):
    result = load_result(name)
    from game.scenario.loader import load_file, resolve

    linted = load_file(resolve(name), lint=True)
    assert result.ok
    assert [d.format() for d in linted.diagnostics] == []


@pytest.mark.parametrize("name", BUNDLED)
def test_content_requirements(name):
    d = load(name).definition
    decisions = [e for e in d.events if e.role != "none"]
    assert len(decisions) >= (50 if name == "framework_decade" else 20)
    for role in ROLES:
        assert any(e.role == role for e in decisions), f"no decisions for {role}"
        assert sum(o.primary for o in getattr(d.objectives, role)) == 1
        assert 3 <= len(d.roles[role].advisors) <= 4
        assert d.roles[role].personas
    assert d.objectives.shared, "a shared partnership objective"
    assert d.actors and any(e.role == "none" for e in d.events)
    for e in decisions:
        assert 2 <= len(e.options) <= 4
        for o in e.options:
            moved = {x.target for x in o.effects if x.target is not None}
            assert len(moved) >= 2, f"{e.id}.{o.id} moves {sorted(moved)}: no free lunches"
    effects = [x for e in d.events for o in e.options for x in o.effects] + [
        x for e in d.events for x in e.effects
    ]
    assert any(x.after > 0 or x.over > 1 or x.trigger for x in effects), "a delayed chain"
    assert any(
        isinstance(x.add, str) and ("uniform" in x.add or "normal" in x.add) for x in effects
    ), "an effect with uncertainty"
    if name in ("lac_tensions", "framework_decade"):
        assert d.ladders, "an escalation ladder"
        assert any(r.off_ramps for lad in d.ladders.values() for r in lad.rungs)
    assert len(d.endings) >= 3 and len(d.questions) >= 5
    assert any(s.hypothetical for s in d.sources) and any(not s.hypothetical for s in d.sources)
    facts = " ".join(s.fact for s in d.sources).lower()
    assert "2025" in facts and ("kuala lumpur" in facts or "framework" in facts)


# -- each scenario's own balance bars (`python -m game check NAME [--length lesson]`) --------
#
# The bars of a scenario are split into parts that share no costly simulation (one with an
# expert bot), so the parts run side by side on several cores; the simulations that only
# random or rule-of-thumb bots play take well under a second and are repeated where needed.
# Every bar of every scenario is in exactly one part.

SECONDS_PER_EXPERT_GAME = 0.06  # a rough figure on one free core (framework_decade, full)
_RUNS: dict[str, dict[tuple[str, int, int], dict]] = {}  # simulations of this test process


def _key(policy) -> str:
    return json.dumps(policy, sort_keys=True)


def _costly(policy) -> bool:
    return any(bot in ("expert", "master") for bot in re.findall(r"[a-z_]+", _key(policy)))


def expectation_parts(name: str, length: str) -> list[tuple[str, list[int], int]]:
    """(label, indexes of the bars, expert games) of each part of a scenario's bars."""
    exps = list(load(name, length).definition.expectations)
    parent: dict[tuple, tuple] = {}

    def root(sim: tuple) -> tuple:
        while parent.setdefault(sim, sim) != sim:
            sim = parent[sim]
        return sim

    def sims(exp) -> list[tuple]:
        pols = [exp.policy] + ([exp.versus] if exp.versus is not None else [])
        return [(_key(p), exp.runs, exp.seed) for p in pols if _costly(p)]

    for exp in exps:
        linked = [root(s) for s in sims(exp)]
        for other in linked[1:]:
            parent[other] = linked[0]
    groups: dict[tuple | None, list[int]] = {}
    for i, exp in enumerate(exps):
        costly = sims(exp)
        groups.setdefault(root(costly[0]) if costly else None, []).append(i)
    parts = []
    for group, indexes in groups.items():
        costly_sims = {s for i in indexes for s in sims(exps[i])}
        label = "cheap" if group is None else "+".join(sorted(_label(s[0]) for s in costly_sims))
        parts.append((label, indexes, sum(runs for _, runs, _ in costly_sims)))
    return parts


def _label(policy_key: str) -> str:
    policy = json.loads(policy_key)
    return policy if isinstance(policy, str) else f"{policy['india']}-{policy['us']}"


def _params(length: str) -> list:
    out = []
    for name in BUNDLED:
        try:
            parts = expectation_parts(name, length)
        except Exception as e:  # reported by the test, not as an error of the whole collection
            parts = [(f"unloadable: {type(e).__name__}", [], 0)]
        for label, indexes, expert_games in parts:
            seconds = expert_games * SECONDS_PER_EXPERT_GAME
            out.append(
                pytest.param(name, indexes, id=f"{name}-{label}", marks=pytest.mark.heavy(seconds))
            )
    return out


def check_part(name: str, length: str, indexes: list[int]) -> None:
    exps = list(load(name, length).definition.expectations)
    assert exps, f"{name} ({length}) has no expectations"
    assert indexes, "the scenario's bars could not be split into parts when the tests started"
    ref = with_length(name, length)
    runs = _RUNS.setdefault(ref, {})
    outcomes = run_expectations(ref, [exps[i] for i in indexes], summaries=runs)
    failed = [f"{o.name}: {o.detail}" for o in outcomes if not o.ok]
    assert failed == []


@pytest.mark.parametrize("length", ["full", "lesson"])
def test_every_bar_is_in_one_part(length):
    for name in BUNDLED:
        exps = load(name, length).definition.expectations
        assert exps, f"{name} ({length}) has no expectations"
        indexes = [i for _, part, _ in expectation_parts(name, length) for i in part]
        assert sorted(indexes) == list(range(len(exps)))


@pytest.mark.parametrize(("name", "indexes"), _params("lesson"))
def test_lesson_expectations_hold(name, indexes):
    """Each lesson length carries its own balance bars (`check NAME --length lesson`)."""
    check_part(name, "lesson", indexes)


@pytest.mark.parametrize(("name", "indexes"), _params("full"))
def test_scenario_expectations_hold(name, indexes):
    check_part(name, "full", indexes)
