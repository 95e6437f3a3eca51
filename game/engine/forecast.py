"""Forecasts, advisors and the expert bot: many futures of one decision, played through the batch engine.

A forecast fans the current game out into `rollouts` futures per option, fixes the
option in each block, lets bots play the rest, and summarises the ends. Every block
uses the same rollout seeds (common random numbers), so options differ only by the
choice. Poor intelligence (the scenario's `intelligence.quality`) blurs and tilts
what the assessment reports, deterministically for a given game and turn.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from game.engine import dice
from game.engine.batch import BatchState, Engine, Env
from game.engine.bots import MixedPolicy, Policy, lookahead_members, make_policy
from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.expr import as_array, as_mask
from game.engine.text import pick

PERCENTILES = (10, 50, 90)
PATH_PERCENTILES = (10, 25, 50, 75, 90)  # a turn of `OptionForecast.path`: 80% and 50% bands
_ROLLOUT_SITE = 0x5EED_F0CA


@dataclass(frozen=True)
class OptionForecast:
    """What one option's futures look like, as intelligence sees them: ranges of the
    indicators and chances of each objective and ending. There is deliberately no
    single "expected score": weighing the ranges against each other is the player's job."""

    index: int
    id: str
    legal: bool
    next_turn: dict[str, tuple[float, float, float]]  # indicator -> p10, p50, p90 after this turn
    final: dict[str, tuple[float, float, float]]  # indicator -> p10, p50, p90 at the end
    objectives: dict[str, float]  # objective id -> chance met (role's own and shared)
    endings: dict[str, float]
    samples: dict[str, np.ndarray] = field(repr=False, compare=False, default_factory=dict)
    # (turns, 5, indicators of `final`, in its order): p10, p25, p50, p75, p90 per turn
    # from after this turn to the end; the first is `next_turn`'s range, the last `final`'s
    # (same futures, same blur). One array, so that it crosses the helper's pipe in a blink.
    paths: np.ndarray = field(
        repr=False, compare=False, default_factory=lambda: np.zeros((0, 5, 0))
    )

    @property
    def path(self) -> dict[str, np.ndarray]:
        """Indicator -> its (turns, 5) percentiles per turn (see `paths`)."""
        if self.paths.size == 0:
            return {}
        return {n: self.paths[:, :, j] for j, n in enumerate(self.final)}


@dataclass(frozen=True)
class Forecast:
    """The assessment of one decision for one role."""

    role: str
    event: str
    slot: int
    rollouts: int
    quality: float
    options: tuple[OptionForecast, ...]
    staged: tuple[tuple[int, int], ...] = ()  # (slot, option) of the role's other answers


def rollout_seeds(seed: int, turn: int, n: int) -> np.ndarray:
    """Seeds of the futures explored from `seed` at `turn`: the same for every option."""
    key = dice.turn_keys(dice.seeds_array(seed), turn)
    return (dice.uniform(key, _ROLLOUT_SITE) * 2**52).astype(np.uint64)[0] + np.arange(
        n, dtype=np.uint64
    )


def _play_out(
    engine: Engine,
    st: BatchState,
    policies: Mapping[int, Policy],
    record: list[np.ndarray] | None = None,
    cols: list[int] | None = None,
) -> None:
    """Play every future to its end; `record` collects the values of the indicator
    columns `cols` after each turn, one row per indicator: (len(cols), futures)."""
    while not st.all_over():
        engine.apply(st, {r: policies[r].choose(engine, st, r) for r in range(len(ROLES))})
        if record is not None:
            record.append(st.values.T[cols])


def lookahead_policies(sc: CompiledScenario, size: int, n: int) -> dict[int, Policy]:
    """The bots that play futures: future i (rollout i % n) is played, for each role, by
    one of `balanced` and the scenario's personas in turn (see ExpertPolicy)."""
    members = lookahead_members(sc)
    j = np.arange(size) % n
    p = len(members)
    return {r: MixedPolicy(members, (j * (1 + 2 * r) + r) % p) for r in range(len(ROLES))}


def forecast_state(
    engine: Engine,
    st: BatchState,
    role: str,
    slot: int = 0,
    *,
    seed: int = 0,
    rollouts: int = 1000,
    policies: Mapping[str, Policy] | None = None,
    staged: Mapping[int, int] | None = None,
    keep_samples: bool = False,
) -> Forecast:
    """Forecast the decision in `slot` of `role` for game 0 of `st` (a game at the table).

    `staged` maps the role's other decision slots this turn to the options already
    chosen for them; the futures play those. Both sides' later moves are played by the
    look-ahead mix of bots (`policies` by role overrides it).
    """
    sc = engine.sc
    r = ROLES.index(role)
    e = int(st.pending[0, r, slot])
    if e < 0:
        raise ValueError(f"{role} has no decision in slot {slot}")
    ev = sc.events[e]
    k = len(ev.options)
    legal_all = engine.legal(st, r)[0]
    legal = legal_all[slot, :k]

    n = rollouts
    big = st.fan_out(np.array([0]), k * n)
    pols: dict[int, Policy] = lookahead_policies(sc, big.size, n)
    for i, name in enumerate(ROLES):
        if policies is not None and name in policies:
            pols[i] = policies[name]
    big.seeds = np.tile(rollout_seeds(seed, st.turn, n), k)
    big.keys = dice.turn_keys(big.seeds, st.turn)
    choices = {i: pols[i].choose(engine, big, i) for i in range(len(ROLES))}
    kept = []
    for s_, o_ in sorted((staged or {}).items()):
        if s_ != slot and st.pending[0, r, s_] >= 0 and 0 <= o_ < legal_all.shape[1]:
            if legal_all[s_, o_]:
                choices[r][:, s_] = o_
                kept.append((int(s_), int(o_)))
    choices[r][:, slot] = np.repeat(np.arange(k), n)
    engine.apply(big, choices)
    # the indicators the player sees, one row each: what ranges and paths are made of
    shown = [c for c, name in enumerate(sc.indicators) if not sc.definition.indicators[name].hidden]
    steps = [big.values.T[shown]]
    _play_out(engine, big, pols, steps, shown)

    quality = _quality(sc, st)
    noise = _Noise(sc, seed, st.turn, slot, r, quality)
    m = big.values.shape[1]
    err_final = noise.draw(k, n, m)
    err_soon = noise.draw(k, n, m)
    final = noise.apply(big.values, err_final, 1.0)
    # (shown, futures) slices of the errors: the blur of the paths, row by row
    e_soon = None if err_soon is None else np.ascontiguousarray(err_soon.T[shown])
    e_final = None if err_final is None else np.ascontiguousarray(err_final.T[shown])
    soon = noise.apply_rows(steps[0], e_soon, 0.5, shown)
    q_soon = _percentiles(soon, k, PATH_PERCENTILES)
    q_final = _percentiles(np.ascontiguousarray(final.T[shown]), k, PATH_PERCENTILES)
    paths = _paths(noise, steps, q_soon, q_final, e_soon, e_final, k, shown)
    names = [sc.indicators[c] for c in shown]
    steps_q = np.stack(paths)  # (turns, 5, options, indicators)
    view = copy.copy(big)
    view.values = final  # objectives are judged on the same blurred futures as the ranges
    env = Env(view)
    obj_idx = [i for i, o in enumerate(sc.objectives) if o.owner in (role, "shared")]
    met = {i: as_mask(sc.objectives[i].when(env), big.size) for i in obj_idx}
    out = []
    for o in range(k):
        blk = slice(o * n, (o + 1) * n)
        # p10, p50, p90 (PATH_PERCENTILES 0, 2, 4) of the indicators the player sees
        nxt = {nm: _p10_50_90(q_soon[:, o, j]) for j, nm in enumerate(names)}
        fin = {nm: _p10_50_90(q_final[:, o, j]) for j, nm in enumerate(names)}
        objectives = {sc.objectives[i].id: float(met[i][blk].mean()) for i in obj_idx}
        ends = np.bincount(big.ending[blk].astype(np.int64), minlength=len(sc.endings)) / n
        endings = {end.id: float(p) for end, p in zip(sc.endings, ends)}
        samples = {"final": final[blk].copy()} if keep_samples else {}
        path = np.ascontiguousarray(steps_q[:, :, o, :])
        out.append(
            OptionForecast(
                index=o,
                id=ev.options[o].id,
                legal=bool(legal[o]),
                next_turn=nxt,
                final=fin,
                objectives=objectives,
                endings=endings,
                samples=samples,
                paths=path,
            )
        )
    return Forecast(role, ev.id, slot, n, quality, tuple(out), tuple(kept))


MAX_ASSESSMENTS = 20


def assessments_per_turn(sc: CompiledScenario, st: BatchState) -> int:
    """How many assessments a role may ask for this turn in game 0 of `st`: the scenario's
    `intelligence.assessments`, else 1 + 2 x quality, rounded down, 1 to 20."""
    if sc.assessments is None:
        n = 1.0 + 2.0 * _quality(sc, st)
    else:
        n = float(as_array(sc.assessments(Env(st, np.array([0]))), 1)[0])
    if not np.isfinite(n):
        n = 1.0
    return int(min(max(np.floor(n + 1e-9), 1), MAX_ASSESSMENTS))


def _p10_50_90(q: np.ndarray) -> tuple[float, float, float]:
    return (float(q[0]), float(q[2]), float(q[4]))


def _paths(
    noise: _Noise,
    steps: list[np.ndarray],
    q_soon: np.ndarray,
    q_final: np.ndarray,
    e_soon: np.ndarray | None,
    e_final: np.ndarray | None,
    k: int,
    cols: list[int],
) -> list[np.ndarray]:
    """Per turn after the decision: the PATH_PERCENTILES of the `cols` indicators of each
    option, an array (5, k, len(cols)), from `steps` (len(cols), futures) per turn. The blur
    moves from next turn's (half weight) to the end's (full) along the way, so the first
    turn is `q_soon` and the last `q_final`."""
    t = len(steps)
    out = []
    for j, values in enumerate(steps):
        if j == t - 1:
            out.append(q_final)
        elif j == 0:
            out.append(q_soon)
        else:
            a = j / (t - 1)
            err = None
            if e_soon is not None and e_final is not None:
                err = (1 - a) * 0.5 * e_soon
                err += a * e_final
            out.append(_percentiles(noise.apply_rows(values, err, 1.0, cols), k, PATH_PERCENTILES))
    return out


def _percentiles(x: np.ndarray, k: int, qs: tuple[int, ...]) -> np.ndarray:
    """(len(qs), k, indicators): `np.percentile(.., qs)` (linear method, same numbers) of
    each indicator (row of `x`) over each of `k` equal blocks of futures (its columns), from
    one sort along contiguous rows, several times faster than numpy's partitions."""
    c = x.shape[0]
    srt = np.sort(x.reshape(c, k, -1), axis=2)
    n = srt.shape[2]
    out = np.empty((len(qs), k, c))
    for i, q in enumerate(qs):
        pos = q / 100 * (n - 1)
        lo = int(np.floor(pos))
        hi = min(lo + 1, n - 1)
        t = pos - lo
        a, b = srt[:, :, lo].T, srt[:, :, hi].T
        out[i] = b - (b - a) * (1 - t) if t >= 0.5 else a + (b - a) * t
    return out


def _quality(sc: CompiledScenario, st: BatchState) -> float:
    env = Env(st, np.array([0]))
    return float(np.clip(as_array(sc.intel_quality(env), 1)[0], 0.0, 1.0))


class _Noise:
    """Deterministic error of an assessment, shrinking as intelligence improves.

    The error is applied to the futures themselves, before anything is summed up: each
    option's futures are shifted (a misjudgement of that option, partly shared by all
    options) and scattered (vaguer knowledge), then clamped to the indicators' ranges.
    Ranges, medians and the chances of objectives all come from these same blurred
    futures, so they never contradict each other. `bias` tilts them towards what the
    role hopes for (+) or fears (-).
    """

    def __init__(
        self, sc: CompiledScenario, seed: int, turn: int, slot: int, role: int, quality: float
    ) -> None:
        intel = sc.definition.intelligence
        self.scale = float(intel.noise) * (1.0 - quality)
        self.bias = float(intel.bias) * (1.0 - quality)
        self.span = sc.hi - sc.lo
        self.lo, self.hi = sc.lo, sc.hi
        self.direction = sc.direction[role]
        self.rng = np.random.default_rng([int(seed) & (2**63 - 1), turn, slot, role])

    def draw(self, k: int, n: int, m: int) -> np.ndarray | None:
        """The next error of (k*n, m) futures, option block by block (None: no error)."""
        if self.scale == 0.0 and self.bias == 0.0:
            return None
        common = self.rng.uniform(-1, 1, m)
        own = self.rng.uniform(-1, 1, (k, m))
        shift = 0.5 * self.scale * self.span * (0.5 * common + 0.5 * own)
        shift += 0.5 * self.bias * self.span * self.direction
        scatter = self.rng.normal(0.0, 0.25 * self.scale, (k * n, m)) * self.span
        return np.repeat(shift, n, axis=0) + scatter

    def apply_rows(
        self, rows: np.ndarray, err: np.ndarray | None, weight: float, cols: list[int]
    ) -> np.ndarray:
        """`apply` on the transposed values of the indicators `cols`: `rows` and `err` are
        (len(cols), futures); the same numbers as `apply(...)[:, cols].T`."""
        out = np.array(rows, dtype=float)
        if err is None:
            return out
        out += weight * err
        lo, hi = self.lo[cols][:, None], self.hi[cols][:, None]
        np.minimum(np.maximum(out, lo, out=out), hi, out=out)
        return out

    def apply(self, values: np.ndarray, err: np.ndarray | None, weight: float) -> np.ndarray:
        """`values` with `weight` times the error `err`, clamped to the indicators' ranges."""
        out = np.array(values, dtype=float, order="F")
        if err is None:
            return out
        out += weight * err
        np.minimum(np.maximum(out, self.lo, out=out), self.hi, out=out)
        return out


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
    short: str = ""  # the reason for a tight box: the aim and the price, no comparison text


def advise(sc: CompiledScenario, fc: Forecast) -> list[Advice]:
    """Each advisor recommends the option that best serves their own remit.

    An advisor's `weights` name the role's objectives (valued by their chance in the
    forecast) and indicators (valued by how far the option moves their likely end
    value, across the indicator's range, the way the role wants it). An advisor with
    no weights speaks for all of the role's objectives equally. Each reason names the
    indicator of the remit the choice moves most, with the ranges, and the objective it
    changes most. When options are equal for an advisor, the advisor says so and leans
    to the option that moves their indicators most, never simply to the first one.
    """
    r = ROLES.index(fc.role)
    role = sc.definition.roles[fc.role]
    ev = sc.definition.events[sc.event_index(fc.event)]
    objs = {o.id: _obj_def(sc, o) for o in sc.objectives_of(fc.role)}
    labels = {k: pick(o.label) for k, o in objs.items()}
    names_of = {
        o.id: [n for n in o.when.names if n in fc.options[0].final]
        for o in sc.objectives_of(fc.role)
    }
    legal = [o for o in fc.options if o.legal]
    out = []
    for name, adv in role.advisors.items():
        w_obj = {k: float(v) for k, v in adv.weights.items() if k in labels}
        w_ind = {k: float(v) for k, v in adv.weights.items() if k in sc.scope.indicators}
        if not w_obj and not w_ind:
            w_obj = dict.fromkeys(labels, 1.0)
        remit = list(w_ind) + [n for k in w_obj for n in names_of.get(k, [])]
        remit = [n for n in dict.fromkeys(remit) if n in fc.options[0].final]
        if len(legal) == 1:
            only = legal[0]
            label = pick(ev.options[only.index].label)
            out.append(
                Advice(
                    name,
                    adv.label,
                    adv.bias,
                    only.index,
                    only.id,
                    f"{label} is the only option available.",
                    "The only option available.",
                )
            )
            continue

        def ind_value(o: OptionForecast, n: str) -> float:
            c = sc.scope.indicators[n]
            span = max(float(sc.hi[c] - sc.lo[c]), 1e-9)
            return float(sc.direction[r][c]) * o.final[n][1] / span

        def value(o: OptionForecast, w_obj: dict = w_obj, w_ind: dict = w_ind) -> float:
            v = sum(w * o.objectives.get(k, 0.0) for k, w in w_obj.items())
            return v + sum(w * ind_value(o, n) for n, w in w_ind.items())

        def lean(o: OptionForecast, remit: list = remit) -> float:
            return sum(ind_value(o, n) for n in remit)  # the remit's indicators, equally

        ranked = sorted(
            legal, key=lambda o: (value(o), lean(o), _salt(name, o.index)), reverse=True
        )
        best, alt = ranked[0], ranked[1]
        tied = abs(value(best) - value(alt)) < 0.005
        reason, short = _reason(sc, ev, fc.role, best, alt, remit, w_obj, labels, tied)
        out.append(Advice(name, adv.label, adv.bias, best.index, best.id, reason, short))
    return out


def _salt(name: str, index: int) -> float:
    """A fixed per-advisor order of options, for exact ties only (never "option 1")."""
    h = 0
    for ch in f"{name}:{index}":
        h = (h * 131 + ord(ch)) % 1_000_003
    return h / 1_000_003


def _obj_def(sc, obj):  # noqa: ANN001, ANN202
    return next(o for o in getattr(sc.definition.objectives, obj.owner) if o.id == obj.id)


def _fmt(sc: CompiledScenario, n: str, x: float) -> str:
    ind = sc.definition.indicators[n]
    unit = f" {ind.unit}" if ind.unit and ind.unit != "%" else ind.unit
    return f"{x:.{ind.decimals}f}{unit}"


def _reason(
    sc: CompiledScenario,
    ev,  # noqa: ANN001
    role: str,
    best: OptionForecast,
    alt: OptionForecast,
    remit: list[str],
    w_obj: dict[str, float],
    labels: dict[str, str],
    tied: bool,
) -> tuple[str, str]:
    """Why, from the mechanism, against the advisor's second choice: what the choice does
    to the remit at once (next turn, same dice), what it does to the brief's aim by the
    end, and what it costs elsewhere, the role's aim or indicator it hurts most. An
    advisor names the price of their advice, so advisors with other remits disagree
    over the same trade-off. Returns the reason and its short form for a tight box (the
    aim's chances and the price, without the comparison's words)."""
    little = "Little to choose for my brief."
    if tied:
        return little, little
    r = ROLES.index(role)

    def span(n: str) -> float:
        c = sc.scope.indicators[n]
        return max(float(sc.hi[c] - sc.lo[c]), 1e-9)

    def label(n: str) -> str:
        return sc.definition.indicators[n].label

    other = pick(ev.options[alt.index].label)
    lines = []
    aim = brief = ""
    if w_obj:  # the aim of the brief this choice helps most (never one it hurts)
        k = max(w_obj, key=lambda k: best.objectives.get(k, 0.0) - alt.objectives.get(k, 0.0))
        p, q = best.objectives.get(k, 0.0), alt.objectives.get(k, 0.0)
        if p - q >= 0.01:
            aim = f"{labels[k]}: {p:.0%} by the end, against {q:.0%} with {other!r}"
            brief = f"{labels[k]}: {p:.0%} against {q:.0%}."
    now = [n for n in remit if n in best.next_turn and n in alt.next_turn]

    def gain_now(n: str) -> float:  # how far the choice moves n the way the role wants it
        c = sc.scope.indicators[n]
        want = float(sc.direction[r][c]) or 1.0
        return want * (best.next_turn[n][1] - alt.next_turn[n][1]) / span(n)

    if now:
        n = max(now, key=gain_now)
        d = best.next_turn[n][1] - alt.next_turn[n][1]
        if gain_now(n) > 0.005:
            at_once = f"{label(n)} {_fmt(sc, n, abs(d))} {'higher' if d > 0 else 'lower'} next turn"
            lines.append(at_once if aim else f"{at_once} than with {other!r}")
    if aim:
        lines.insert(0, aim)
    if not lines and remit:  # nothing at once: the remit's end value it helps most
        # (never one it leaves worse: that would argue against the advice)

        def gain_end(n: str) -> float:
            c = sc.scope.indicators[n]
            want = float(sc.direction[r][c]) or 1.0
            return want * (best.final[n][1] - alt.final[n][1]) / span(n)

        n = max(remit, key=gain_end)
        if gain_end(n) > 0.005:
            lines.append(
                f"{label(n)} around {_fmt(sc, n, best.final[n][1])} by the end, against "
                f"{_fmt(sc, n, alt.final[n][1])} with {other!r}"
            )
    if not lines:
        return little, little
    text = "; ".join(lines)
    text = text[:1].upper() + text[1:] + "."
    brief = brief or text
    # the price: the role's aim this choice hurts most, else the indicator it harms most
    hurt = min(
        best.objectives, key=lambda k: best.objectives[k] - alt.objectives.get(k, 0.0), default=None
    )
    if hurt is not None and best.objectives[hurt] - alt.objectives.get(hurt, 0.0) <= -0.05:
        p, q = best.objectives[hurt], alt.objectives.get(hurt, 0.0)
        name = labels.get(hurt) or _objective_label(sc, hurt)
        return (
            f"{text} The price: {name} falls to {p:.0%} from {q:.0%}.",
            f"{brief} Price: {name} falls to {p:.0%}.",
        )
    seen = [
        n
        for n in best.final
        if n in alt.final and float(sc.direction[r][sc.scope.indicators[n]]) != 0.0
    ]
    if seen:

        def harm(n: str) -> float:
            c = sc.scope.indicators[n]
            return float(sc.direction[r][c]) * (best.final[n][1] - alt.final[n][1]) / span(n)

        n = min(seen, key=harm)
        if harm(n) < -0.02:
            return (
                f"{text} The price: {label(n)} ends near {_fmt(sc, n, best.final[n][1])} "
                f"instead of {_fmt(sc, n, alt.final[n][1])}.",
                f"{brief} Price: {label(n)} ends near {_fmt(sc, n, best.final[n][1])}.",
            )
    return text, brief


def _objective_label(sc: CompiledScenario, oid: str) -> str:
    obj = next((o for o in sc.objectives if o.id == oid), None)
    return pick(_obj_def(sc, obj).label) if obj is not None else oid


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
        costly = engine.stock(st, role) is not None
        spent = np.zeros(st.size)
        for slot in range(pend.shape[1]):
            rows = (pend[:, slot] >= 0).nonzero()[0]
            if rows.size == 0:
                continue
            if costly and slot > 0:  # what the earlier answers of this turn already spend
                legal = engine.legal(st, role, spent)
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
            # the weighted share of its objectives met, all or nothing: not the graded
            # credit nor the ending's worth the final score also counts, so the bots'
            # balance does not hang on how near misses and endings are valued
            objective = engine.objective_scores(big, big.met.astype(float))[:, role]
            points = objective.reshape(rows.size, k_max, n).mean(axis=2)
            self._measure(pend[rows, slot], points, ok)
            # the expert plays to win: its primary objective first, the rest of its score after
            value = engine.primary_met(big)[:, role] + objective / 100.0
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
            if costly:
                spent[rows] += engine.cost_of(pend[rows, slot], out[rows, slot])
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
