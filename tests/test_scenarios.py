"""The bundled scenarios: what each must contain, and their own balance expectations."""

from __future__ import annotations

import pytest

from game.engine.definitions import ROLES
from game.expectations import run_expectations
from game.scenario.loader import bundled_ids, load, load_result

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


@pytest.mark.parametrize("name", BUNDLED)
def test_lesson_expectations_hold(name):
    """Each lesson length carries its own balance bars (`check NAME --length lesson`)."""
    exps = list(load(name, "lesson").definition.expectations)
    assert exps, f"{name}'s lesson has no expectations"
    outcomes = run_expectations(f"{name}@lesson", exps)
    failed = [f"{o.name}: {o.detail}" for o in outcomes if not o.ok]
    assert failed == []


@pytest.mark.parametrize("name", BUNDLED)
def test_scenario_expectations_hold(name):
    exps = list(load(name).definition.expectations)
    assert exps, f"{name} has no expectations"
    outcomes = run_expectations(name, exps)
    failed = [f"{o.name}: {o.detail}" for o in outcomes if not o.ok]
    assert failed == []
