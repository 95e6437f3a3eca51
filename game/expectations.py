"""Scenario tests: runs a scenario's `expectations` with fixed seeds and reports pass or fail."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from game.engine.definitions import Expectation


@dataclass(frozen=True)
class Outcome:
    """The result of one expectation."""

    name: str
    ok: bool
    detail: str


def _key(policy: Any) -> str:
    return json.dumps(policy, sort_keys=True)


def figure(summary: dict[str, Any], metric: str) -> dict[str, float]:
    """The figure(s) a metric names in a simulate summary: one, or one per `*` match."""
    parts = metric.split(".")
    if parts[0] == "decisions" and parts[1] == "*":
        table = summary.get("decisions")
        if table is None:
            raise KeyError(metric)
        return {f"decisions.{k}.spread": float(v["spread"]) for k, v in table.items()}
    if parts[-1] == "*":
        table = summary.get(parts[0], {})
        return {f"{parts[0]}.{k}": float(v) for k, v in table.items()}
    if parts[0] == "options" and parts[-1] == "max":
        shares = summary["options"].get(parts[1])
        if shares is None:
            raise KeyError(metric)
        return {metric: max(shares.values()) if shares else 0.0}
    node: Any = summary
    for p in parts:
        if not isinstance(node, dict) or p not in node:
            raise KeyError(metric)
        node = node[p]
    return {metric: float(node)}


def run_expectations(
    name: str,
    expectations: list[Expectation],
    simulate: Callable[..., dict[str, Any]] | None = None,
    summaries: dict[tuple[str, int, int], dict[str, Any]] | None = None,
) -> list[Outcome]:
    """Evaluate every expectation; simulations with the same settings are shared.

    `summaries`, if given, is filled with every simulation run, keyed by (policy as
    JSON, runs, seed), so callers can look further at the same games.
    """
    if simulate is None:
        from game.montecarlo import simulate_many as simulate
    cache: dict[tuple[str, int, int], dict[str, Any]] = {} if summaries is None else summaries

    def summary(policy: Any, runs: int, seed: int) -> dict[str, Any]:
        key = (_key(policy), runs, seed)
        if key not in cache:
            cache[key] = simulate(name, runs, policy=policy, seed=seed)
        return cache[key]

    out = []
    for exp in expectations:
        try:
            main = figure(summary(exp.policy, exp.runs, exp.seed), exp.metric)
            if exp.versus is not None:
                base = figure(summary(exp.versus, exp.runs, exp.seed), exp.metric)
                main = {
                    k: (v / base[k] if base.get(k) else float("inf") if v else 1.0)
                    for k, v in main.items()
                }
        except KeyError:
            out.append(Outcome(exp.name, False, f"no figure {exp.metric!r} in the simulation"))
            continue
        bad = {
            k: v
            for k, v in main.items()
            if (exp.min is not None and v < exp.min) or (exp.max is not None and v > exp.max)
        }
        bounds = _bounds(exp)
        what = "ratio" if exp.versus is not None else "value"
        if bad:
            worst = sorted(bad.items(), key=lambda kv: kv[1])[:5]
            shown = ", ".join(f"{k} = {v:.3f}" for k, v in worst)
            out.append(Outcome(exp.name, False, f"{shown} (expected {what} {bounds})"))
        else:
            if len(main) == 1:
                ((k, v),) = main.items()
                shown = f"{k} = {v:.3f}"
            else:
                lo = min(main, key=main.get)  # type: ignore[arg-type]
                shown = f"{len(main)} figures, lowest {lo} = {main[lo]:.3f}"
            out.append(Outcome(exp.name, True, f"{shown} ({what} {bounds})"))
    return out


def _bounds(exp: Expectation) -> str:
    if exp.min is not None and exp.max is not None:
        return f"in [{exp.min}, {exp.max}]"
    if exp.min is not None:
        return f">= {exp.min}"
    if exp.max is not None:
        return f"<= {exp.max}"
    return "(no bound)"
