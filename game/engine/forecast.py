"""Forecasts, advisors and the expert bot: many futures of one decision, played through the batch engine.

A forecast fans the current game out into `rollouts` futures per option, fixes the
option in each block, lets bots play the rest, and summarises the ends. Every block
uses the same rollout seeds (common random numbers), so options differ only by the
choice. Poor intelligence (the scenario's `intelligence.quality`) blurs and tilts
what the assessment reports, deterministically for a given game and turn.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from game.engine import dice
from game.engine.batch import BatchState, Engine, Env
from game.engine.bots import MixedPolicy, Policy, lookahead_members, make_policy
from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.expr import as_array
from game.engine.text import pick

PERCENTILES = (10, 50, 90)
_ROLLOUT_SITE = 0x5EED_F0CA


@dataclass(frozen=True)
class OptionForecast:
    """What one option's futures look like: spreads, chances of each objective and ending."""

    index: int
    id: str
    legal: bool
    next_turn: dict[str, tuple[float, float, float]]  # indicator -> p10, p50, p90 after this turn
    final: dict[str, tuple[float, float, float]]  # indicator -> p10, p50, p90 at the end
    objectives: dict[str, float]  # objective id -> probability met (role's own and shared)
    endings: dict[str, float]
    score: float  # mean score of the role
    samples: dict[str, np.ndarray] = field(repr=False, compare=False, default_factory=dict)


@dataclass(frozen=True)
class Forecast:
    """The assessment of one decision for one role."""

    role: str
    event: str
    slot: int
    rollouts: int
    quality: float
    options: tuple[OptionForecast, ...]

    def best(self) -> OptionForecast:
        """The legal option with the highest expected score."""
        return max((o for o in self.options if o.legal), key=lambda o: o.score)


def rollout_seeds(seed: int, turn: int, n: int) -> np.ndarray:
    """Seeds of the futures explored from `seed` at `turn`: the same for every option."""
    key = dice.turn_keys(dice.seeds_array(seed), turn)
    return (dice.uniform(key, _ROLLOUT_SITE) * 2**52).astype(np.uint64)[0] + np.arange(
        n, dtype=np.uint64
    )


def _play_out(engine: Engine, st: BatchState, policies: Mapping[int, Policy]) -> None:
    while not st.all_over():
        engine.apply(st, {r: policies[r].choose(engine, st, r) for r in range(len(ROLES))})


def _quantiles(x: np.ndarray) -> tuple[float, float, float]:
    q = np.percentile(x, PERCENTILES)
    return (float(q[0]), float(q[1]), float(q[2]))


def forecast_state(
    engine: Engine,
    st: BatchState,
    role: str,
    slot: int = 0,
    *,
    seed: int = 0,
    rollouts: int = 1000,
    policies: Mapping[str, Policy] | None = None,
    keep_samples: bool = False,
) -> Forecast:
    """Forecast the decision in `slot` of `role` for game 0 of `st` (a game at the table)."""
    sc = engine.sc
    r = ROLES.index(role)
    e = int(st.pending[0, r, slot])
    if e < 0:
        raise ValueError(f"{role} has no decision in slot {slot}")
    ev = sc.events[e]
    k = len(ev.options)
    pols = {
        i: (policies or {}).get(name) or make_policy(sc, "balanced") for i, name in enumerate(ROLES)
    }
    legal = engine.legal(st, r)[0, slot, :k]

    n = rollouts
    big = st.fan_out(np.array([0]), k * n)
    big.seeds = np.tile(rollout_seeds(seed, st.turn, n), k)
    big.keys = dice.turn_keys(big.seeds, st.turn)
    choices = {i: pols[i].choose(engine, big, i) for i in range(len(ROLES))}
    choices[r][:, slot] = np.repeat(np.arange(k), n)
    engine.apply(big, choices)
    after = big.values.copy()
    _play_out(engine, big, pols)

    scores = engine.scores(big)[:, r]
    obj_idx = [i for i, o in enumerate(sc.objectives) if o.owner in (role, "shared")]
    quality = _quality(sc, st)
    noise = _Noise(sc, seed, st.turn, quality)
    out = []
    for o in range(k):
        blk = slice(o * n, (o + 1) * n)
        nxt, fin = {}, {}
        for c, name in enumerate(sc.indicators):
            if sc.definition.indicators[name].hidden:
                continue
            nxt[name] = noise.spread(_quantiles(after[blk, c]), c, o, 0)
            fin[name] = noise.spread(_quantiles(big.values[blk, c]), c, o, 1)
        objectives = {
            sc.objectives[i].id: noise.prob(float(big.met[blk, i].mean()), i, o) for i in obj_idx
        }
        ends = np.bincount(big.ending[blk].astype(np.int64), minlength=len(sc.endings)) / n
        endings = {end.id: float(p) for end, p in zip(sc.endings, ends)}
        samples = (
            {"score": scores[blk].copy(), "final": big.values[blk].copy()} if keep_samples else {}
        )
        out.append(
            OptionForecast(
                index=o,
                id=ev.options[o].id,
                legal=bool(legal[o]),
                next_turn=nxt,
                final=fin,
                objectives=objectives,
                endings=endings,
                score=float(scores[blk].mean()),
                samples=samples,
            )
        )
    return Forecast(role, ev.id, slot, n, quality, tuple(out))


def _quality(sc: CompiledScenario, st: BatchState) -> float:
    env = Env(st, np.array([0]))
    return float(np.clip(as_array(sc.intel_quality(env), 1)[0], 0.0, 1.0))


class _Noise:
    """Deterministic blur and tilt of an assessment, shrinking as intelligence improves."""

    def __init__(self, sc: CompiledScenario, seed: int, turn: int, quality: float) -> None:
        intel = sc.definition.intelligence
        self.scale = float(intel.noise) * (1.0 - quality)
        self.bias = float(intel.bias) * (1.0 - quality)
        self.span = sc.hi - sc.lo
        self.keys = dice.turn_keys(dice.seeds_array(seed), turn)

    def _z(self, *site: int) -> float:
        s = 0x1E7E_0000 + site[0] * 4099 + site[1] * 131 + (site[2] if len(site) > 2 else 0)
        u = float(dice.uniform(self.keys, s)[0])
        return 2.0 * u - 1.0

    def spread(self, q: tuple[float, float, float], col: int, opt: int, which: int):
        if self.scale == 0.0:
            return q
        shift = self.scale * 0.5 * self.span[col] * self._z(col, opt, which)
        widen = 1.0 + self.scale
        mid = q[1] + shift
        return (mid - (q[1] - q[0]) * widen, mid, mid + (q[2] - q[1]) * widen)

    def prob(self, p: float, k: int, opt: int) -> float:
        if self.scale == 0.0 and self.bias == 0.0:
            return p
        return float(np.clip(p + self.scale * 0.5 * self._z(1000 + k, opt) + self.bias, 0.0, 1.0))


# -- advisors ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Advice:
    """One advisor's recommendation for a decision, with a one-line reason."""

    advisor: str
    label: str
    bias: str
    option: int
    option_id: str
    reason: str


def advise(sc: CompiledScenario, fc: Forecast) -> list[Advice]:
    """Each advisor of the role recommends the option that best serves their weights."""
    role = sc.definition.roles[fc.role]
    ev = sc.definition.events[sc.event_index(fc.event)]
    labels = {o.id: pick(o.label) for o in sc.objectives_of(fc.role) for o in [_obj_def(sc, o)]}
    legal = [o for o in fc.options if o.legal]
    out = []
    for name, adv in role.advisors.items():
        weights = {k: float(v) for k, v in adv.weights.items() if k in labels}

        def value(o: OptionForecast, weights: dict[str, float] = weights) -> float:
            # the expected score breaks ties between options equal on the advisor's aims
            tie = o.score / 1e4
            if not weights:
                return o.score / 100.0
            return sum(w * o.objectives.get(k, 0.0) for k, w in weights.items()) + tie

        best = max(legal, key=value)
        others = [o for o in legal if o is not best]
        reason = _reason(best, others, weights, labels, pick(ev.options[best.index].label))
        out.append(Advice(name, adv.label, adv.bias, best.index, best.id, reason))
    return out


def _obj_def(sc: CompiledScenario, obj):  # noqa: ANN001, ANN202
    return next(o for o in getattr(sc.definition.objectives, obj.owner) if o.id == obj.id)


def _reason(
    best: OptionForecast,
    others: list[OptionForecast],
    weights: dict[str, float],
    labels: dict[str, str],
    option_label: str,
) -> str:
    if not others:
        return f"{option_label} is the only option available."
    keys = list(weights) or list(best.objectives)
    if not keys:
        return f"{option_label} gives the best expected score ({best.score:.0f})."

    def gain(k: str) -> float:
        rest = max(o.objectives.get(k, 0.0) for o in others)
        return weights.get(k, 1.0) * (best.objectives.get(k, 0.0) - rest)

    k = max(keys, key=gain)
    p = best.objectives.get(k, 0.0)
    rest = max(o.objectives.get(k, 0.0) for o in others)
    if p - rest >= 0.01:
        return (
            f"{labels.get(k, k)}: met in {p:.0%} of futures, against {rest:.0%} at best otherwise."
        )
    if p >= 0.5:
        return f"{labels.get(k, k)} stays likely ({p:.0%}) and this costs least elsewhere."
    return f"Least damage overall; {labels.get(k, k).lower()} is in reach in {p:.0%} of futures."


# -- the expert bot ------------------------------------------------------------------------


class ExpertPolicy(Policy):
    """Chooses by rollouts: for each decision, plays every option forward and keeps the best.

    Rollouts use common random numbers: every option is played forward with the same
    dice. The rest of each future is played by greedy bots of a mix of personas, one
    per rollout and role (`balanced` and every persona the scenario defines), so the
    expert judges an option against many ways the game may go on, not against one
    predictable bot. All games of a batch are explored together, one slot at a time.

    It also measures, for each decision event, the gap between the best and the worst
    available option's mean score in its rollouts (`spread`): a decision whose options
    all score alike is not a real choice.
    """

    name = "expert"

    def __init__(self, sc: CompiledScenario, rollouts: int = 16, name: str = "expert") -> None:
        self.name = name
        self.rollouts = rollouts
        self.base = make_policy(sc, "balanced")
        self.members = lookahead_members(sc)
        self.spread_sum = np.zeros(len(sc.events))
        self.spread_n = np.zeros(len(sc.events), np.int64)

    def playout_policies(self, size: int, n: int) -> dict[int, Policy]:
        """Policies of a batch of `size` futures where future i is rollout i % n."""
        j = np.arange(size) % n
        p = len(self.members)
        return {r: MixedPolicy(self.members, (j * (1 + 2 * r) + r) % p) for r in range(len(ROLES))}

    def choose(self, engine: Engine, st: BatchState, role: int) -> np.ndarray:
        sc = engine.sc
        out = self.base.choose(engine, st, role)
        pend = st.pending[:, role, :]
        if not (pend >= 0).any():
            return out
        legal = engine.legal(st, role)
        n, k_max = self.rollouts, sc.max_options
        for slot in range(pend.shape[1]):
            rows = np.flatnonzero(pend[:, slot] >= 0)
            if rows.size == 0:
                continue
            big = st.fan_out(rows, k_max * n)
            pols = self.playout_policies(big.size, n)
            seeds = np.concatenate([rollout_seeds(int(s), st.turn, n) for s in st.seeds[rows]])
            # copy j of row i is option j // n with rollout seed j % n
            big.seeds = np.tile(seeds.reshape(rows.size, 1, n), (1, k_max, 1)).reshape(-1)
            big.keys = dice.turn_keys(big.seeds, st.turn)
            choices = {i: pols[i].choose(engine, big, i) for i in range(len(ROLES))}
            choices[role][:, :slot] = np.repeat(out[rows, :slot], k_max * n, axis=0)
            opt = np.tile(np.repeat(np.arange(k_max), n), rows.size)
            choices[role][:, slot] = opt
            engine.apply(big, choices)
            _play_out(engine, big, pols)
            ok = legal[rows, slot, :k_max]
            points = engine.scores(big)[:, role].reshape(rows.size, k_max, n).mean(axis=2)
            self._measure(pend[rows, slot], points, ok)
            # the expert plays to win: its primary objective first, the rest of its score after
            value = engine.primary_met(big)[:, role] + engine.scores(big)[:, role] / 100.0
            score = value.reshape(rows.size, k_max, n).mean(axis=2)
            # when futures cannot tell options apart, the game's dice pick among the tied
            # ones, rather than always the first option
            for o in range(k_max):
                score[:, o] += 1e-9 * dice.uniform(
                    st.keys[rows], dice.BOT_SITES + 200 + 8 * o + slot
                )
            score = np.where(ok, score, -np.inf)
            # options beyond an event's count are not legal, so they never win
            out[rows, slot] = np.argmax(score, axis=1)
        return out

    def _measure(self, events: np.ndarray, points: np.ndarray, ok: np.ndarray) -> None:
        """Add each game's best-minus-worst option score to its event's spread."""
        choice = ok.sum(axis=1) >= 2  # a decision with one available option is no choice
        if not choice.any():
            return
        hi = np.where(ok, points, -np.inf).max(axis=1)
        lo = np.where(ok, points, np.inf).min(axis=1)
        ev = events[choice].astype(np.int64)
        np.add.at(self.spread_sum, ev, (hi - lo)[choice])
        np.add.at(self.spread_n, ev, 1)
