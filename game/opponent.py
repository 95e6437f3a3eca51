"""How far the forecast's opponent model is from the real opponent: `python -m game opponent`.

A forecast plays the futures of each option with the look-ahead mix of bots (`balanced`
and the scenario's personas, see forecast.lookahead_policies), a cheap stand-in for the
opponent a player actually meets: the expert at normal difficulty. This module measures
the error of that stand-in. From states reached by expert-vs-expert play, it forecasts
one decision twice with the same rollout dice and no intelligence noise: once with the
persona mix (what the player is shown), once with the real policy playing both sides
to the end. The error is the mean absolute difference of the options' end-of-game
indicator medians (as a share of each indicator's range) and of their objectives'
chances (in percentage points).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.engine.batch import Engine
from game.engine.bots import make_policy
from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.forecast import forecast_state
from game.engine.game import Game


@dataclass(frozen=True)
class ModelError:
    """The opponent model's error over `decisions` decisions (see the module's doc)."""

    scenario: str
    real: str  # the real policy the model is measured against
    model: str  # "mix" (what forecasts use) or the policy tried in its place
    decisions: int
    rollouts: int
    indicator_mae: float  # mean |median(mix) - median(real)| / indicator range
    indicator_max: float  # the largest such gap
    objective_mae: float  # mean |chance(mix) - chance(real)|, 0-1
    objective_max: float
    same_best: float  # share of decisions where both rank the same option first for the role

    def to_dict(self) -> dict[str, Any]:
        """Plain data for --json."""
        return dataclasses.asdict(self)


def _noiseless(sc: CompiledScenario) -> CompiledScenario:
    """The scenario with perfect intelligence: the error measured is the model's alone."""
    intel = sc.definition.intelligence.model_copy(update={"noise": 0, "bias": 0})
    return dataclasses.replace(
        sc, definition=sc.definition.model_copy(update={"intelligence": intel})
    )


def _value(sc: CompiledScenario, role: str, objectives: dict[str, float]) -> float:
    """An option's worth to the role in a forecast: its objectives' chances by weight."""
    w = {o.id: o.weight for o in sc.objectives_of(role)}
    return sum(w.get(k, 0.0) * p for k, p in objectives.items())


def model_error(
    sc: CompiledScenario,
    *,
    states: int = 8,
    rollouts: int = 40,
    real: str = "expert",
    seed: int = 1,
    model: str = "mix",
) -> ModelError:
    """Measure the forecast's persona mix (or the policy `model`, to compare another
    stand-in) against `real` playing both sides (module doc).

    `states` games of expert-vs-expert play (seeds `seed`...) stop at turns spread over
    the game; at each, the first decision of each role is forecast both ways with
    `rollouts` futures per option.
    """
    sc = _noiseless(sc)
    engine = Engine(sc)
    actual = make_policy(sc, real)
    stand_in = None if model == "mix" else {r: make_policy(sc, model) for r in ROLES}
    players = {r: make_policy(sc, real) for r in ROLES}
    span = np.maximum(sc.hi - sc.lo, 1e-9)
    col = sc.scope.indicators
    ind_gaps: list[float] = []
    obj_gaps: list[float] = []
    same = n = 0
    for k in range(states):
        game = Game(sc, seed + k)
        stop = 1 + (k * max(sc.turns - 1, 1)) // max(states, 1)
        while not game.is_over() and game.turn < stop:
            game.apply(game.play_bots(players))
        if game.is_over():
            continue
        for role in ROLES:
            due = game.pending(role)
            if not due:
                continue
            slot = due[0].slot
            mix = forecast_state(
                engine, game.state, role, slot, seed=game.seed, rollouts=rollouts, policies=stand_in
            )
            truth = forecast_state(
                engine,
                game.state,
                role,
                slot,
                seed=game.seed,
                rollouts=rollouts,
                policies={r: actual for r in ROLES},
            )
            legal = [(a, b) for a, b in zip(mix.options, truth.options, strict=True) if a.legal]
            for a, b in legal:
                for name, (_lo, mid, _hi) in a.final.items():
                    ind_gaps.append(abs(mid - b.final[name][1]) / float(span[col[name]]))
                for obj, p in a.objectives.items():
                    obj_gaps.append(abs(p - b.objectives[obj]))
            if len(legal) > 1:
                best_mix = max(legal, key=lambda ab: _value(sc, role, ab[0].objectives))[0].index
                best_real = max(legal, key=lambda ab: _value(sc, role, ab[1].objectives))[1].index
                same += best_mix == best_real
            n += 1
    return ModelError(
        sc.id,
        real,
        model,
        n,
        rollouts,
        float(np.mean(ind_gaps)) if ind_gaps else 0.0,
        float(np.max(ind_gaps)) if ind_gaps else 0.0,
        float(np.mean(obj_gaps)) if obj_gaps else 0.0,
        float(np.max(obj_gaps)) if obj_gaps else 0.0,
        same / n if n else 1.0,
    )


def describe(err: ModelError) -> str:
    """The measurement in words, for the terminal."""
    return (
        f"{err.scenario}: "
        + ("the forecast's persona mix" if err.model == "mix" else f"the {err.model} bot")
        + f" against {err.real} play, "
        f"{err.decisions} decisions, {err.rollouts} futures per option\n"
        f"  end-of-game indicator medians: mean error {err.indicator_mae:.1%} of the "
        f"indicator's range (largest {err.indicator_max:.1%})\n"
        f"  objective chances: mean error {err.objective_mae * 100:.1f} points "
        f"(largest {err.objective_max * 100:.0f})\n"
        f"  same option best for the role's objectives: {err.same_best:.0%} of decisions"
    )
