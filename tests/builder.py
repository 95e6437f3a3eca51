"""Builds small scenarios in code for unit tests: a minimal valid base plus overrides."""

from __future__ import annotations

import copy
from typing import Any

from game.engine.compiler import CompiledScenario, compile_scenario
from game.engine.definitions import Scenario


def base(turns: int = 4) -> dict[str, Any]:
    """The smallest valid scenario: two indicators, no events, one objective per role."""
    return {
        "format": 1,
        "id": "unit",
        "title": "Unit",
        "summary": "A scenario built by a test.",
        "period": {"start": "2026-01", "months_per_turn": 6, "turns": turns},
        "roles": {
            "india": {"name": "India", "briefing": "b"},
            "us": {"name": "United States", "briefing": "b"},
        },
        "indicators": {
            "a": {"label": "A", "min": 0, "max": 100, "start": 50, "good": "up"},
            "b": {
                "label": "B",
                "min": 0,
                "max": 100,
                "start": 50,
                "good": {"india": "down", "us": "up"},
            },
        },
        "events": [],
        "objectives": {
            "india": [{"id": "a_high", "label": "A high", "when": "a >= 60", "primary": True}],
            "us": [{"id": "b_high", "label": "B high", "when": "b >= 60", "primary": True}],
        },
        "endings": [{"id": "end", "title": "End", "epilogue": "Done.", "when": True}],
    }


def decision(
    eid: str, role: str, options: list[tuple[str, list[dict[str, Any]]]], **kw: Any
) -> dict[str, Any]:
    """A decision event with (option id, effects) pairs."""
    ev = {"id": eid, "title": eid.title(), "role": role, **kw}
    ev["options"] = [{"id": o, "label": o.title(), "effects": effs} for o, effs in options]
    return ev


def build(data: dict[str, Any]) -> CompiledScenario:
    """Validate and compile scenario data (raises on any problem)."""
    return compile_scenario(Scenario.model_validate(copy.deepcopy(data)))
