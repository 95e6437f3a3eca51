"""Monte Carlo over bots: plays many games in chunks through the batch engine and sums them up."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.engine import capital
from game.engine.batch import BatchState, Engine
from game.engine.bots import Policy, make_policy
from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES

CHUNK = 16_384
_PARTS = (
    "games",
    "wins",
    "score_sum",
    "endings",
    "events",
    "options",
    "objectives",
    "finals",
    "turns_sum",
    "spread_sum",
    "spread_n",
    "crowded",
    "bind",
    "due",
    "broken",
)
# a decision whose options differ by less than this many points (as the expert's rollouts
# see it) is a choice that barely matters
LOW_SPREAD = 3.0
# an ending counts as reached for `balance.endings_over_3pct` at this share of games
ENDING_SHARE = 0.03
PERCENTILES = (10, 50, 90)


def play_batch(
    engine: Engine,
    seeds: np.ndarray,
    policies: Mapping[int, Policy],
    tally: Tally | None = None,
) -> BatchState:
    """Play every game of a batch to the end with the given policy per role index (and
    count, into `tally`, the turns on which each role's budget binds)."""
    st = engine.start(seeds)
    while not st.all_over():
        choices = {r: policies[r].choose(engine, st, r) for r in range(len(ROLES))}
        if tally is not None and max(engine.sc.resource_cols) >= 0:
            tally.count_binding(engine, st, choices)
        engine.apply(st, choices)
    return st


@dataclass
class Tally:
    """Running sums over chunks, so a million games fit in bounded memory."""

    scenario: CompiledScenario
    games: int = 0
    wins: np.ndarray = field(default_factory=lambda: np.zeros(len(ROLES)))
    score_sum: np.ndarray = field(default_factory=lambda: np.zeros(len(ROLES)))
    endings: np.ndarray | None = None
    events: np.ndarray | None = None
    options: np.ndarray | None = None
    objectives: np.ndarray | None = None
    finals: list[np.ndarray] = field(default_factory=list)
    turns_sum: float = 0.0
    spread_sum: np.ndarray | None = None
    spread_n: np.ndarray | None = None
    crowded: np.ndarray | None = None  # games in which a decision was crowded out, never shown
    # per role, the game-turns with a decision due, and those on which its budget bound
    due: np.ndarray = field(default_factory=lambda: np.zeros(len(ROLES)))
    bind: np.ndarray = field(default_factory=lambda: np.zeros(len(ROLES)))
    broken: np.ndarray | None = None  # per commitment, games that end with it broken

    def count_binding(
        self, engine: Engine, st: BatchState, choices: Mapping[int, np.ndarray]
    ) -> None:
        """Count this turn's decision turns and those where the budget binds (see
        game.engine.capital.binding), per role."""
        for r in range(len(ROLES)):
            if engine.sc.resource_cols[r] < 0:
                continue
            self.due[r] += int((st.pending[:, r, :] >= 0).any(axis=1).sum())
            self.bind[r] += int(capital.binding(engine, st, r, np.asarray(choices[r])).sum())

    def add_spreads(self, policies: Mapping[int, Policy]) -> None:
        """Fold in the option spreads measured by expert policies (if any played)."""
        for pol in policies.values():
            got = getattr(pol, "spread_sum", None)
            if got is None:
                continue
            n = pol.spread_n  # type: ignore[attr-defined]
            self.spread_sum = got.copy() if self.spread_sum is None else self.spread_sum + got
            self.spread_n = n.copy() if self.spread_n is None else self.spread_n + n

    def add(self, engine: Engine, st: BatchState) -> None:
        """Fold one finished batch into the sums."""
        sc = self.scenario
        n = st.size
        self.games += n
        self.wins += engine.primary_met(st).sum(axis=0)
        self.score_sum += engine.scores(st).sum(axis=0)
        ends = np.bincount(st.ending.astype(np.int64), minlength=len(sc.endings))
        self.endings = ends if self.endings is None else self.endings + ends
        ev = (st.fired > 0).sum(axis=0)
        self.events = ev if self.events is None else self.events + ev
        self.options = (
            st.option_counts.copy() if self.options is None else self.options + st.option_counts
        )
        met = st.met.sum(axis=0)
        self.objectives = met if self.objectives is None else self.objectives + met
        # Final values are kept as float32 samples: 1M games x 12 indicators is ~48 MB.
        self.finals.append(st.values.astype(np.float32))
        self.turns_sum += float(st.ended_turn.sum())
        crowd = ((st.crowded > 0) & (st.fired == 0)).sum(axis=0)
        self.crowded = crowd if self.crowded is None else self.crowded + crowd
        broken = (st.commit == capital.BROKEN).sum(axis=0)
        self.broken = broken if self.broken is None else self.broken + broken

    def parts(self) -> dict[str, Any]:
        """The sums as plain arrays (to send from a worker process)."""
        return {k: getattr(self, k) for k in _PARTS}

    def absorb(self, parts: Mapping[str, Any]) -> None:
        """Add another tally's parts to this one."""
        self.games += parts["games"]
        self.turns_sum += parts["turns_sum"]
        self.finals += parts["finals"]
        for k in (
            "wins",
            "score_sum",
            "endings",
            "events",
            "options",
            "objectives",
            "spread_sum",
            "spread_n",
            "crowded",
            "bind",
            "due",
            "broken",
        ):
            mine, theirs = getattr(self, k), parts.get(k)
            if theirs is not None:
                setattr(self, k, theirs.copy() if mine is None else mine + theirs)

    def summary(self) -> dict[str, Any]:
        """The JSON-ready summary (see `simulate --json`)."""
        sc = self.scenario
        d = sc.definition
        n = max(self.games, 1)
        roles = {}
        for r, role in enumerate(ROLES):
            objs = {
                f"{o.id}": round(float(self.objectives[k]) / n, 4)  # type: ignore[index]
                for k, o in enumerate(sc.objectives)
                if o.owner in (role, "shared")
            }
            roles[role] = {
                "win_rate": round(float(self.wins[r]) / n, 4),
                "mean_score": round(float(self.score_sum[r]) / n, 2),
                "objectives": objs,
            }
        endings = {e.id: round(float(self.endings[k]) / n, 4) for k, e in enumerate(d.endings)}  # type: ignore[index]
        events = {ev.id: round(float(self.events[k]) / n, 4) for k, ev in enumerate(d.events)}  # type: ignore[index]
        options: dict[str, dict[str, float]] = {}
        for e, ev in enumerate(d.events):
            if not ev.options:
                continue
            idx = [k for k, (ee, _o) in enumerate(sc.options) if ee == e]
            counts = self.options[idx].astype(float)  # type: ignore[index]
            total = counts.sum()
            options[ev.id] = {
                ev.options[o].id: round(float(counts[o] / total), 4) if total else 0.0
                for o in range(len(idx))
            }
        values = np.concatenate(self.finals) if self.finals else np.zeros((0, len(sc.indicators)))
        final = {}
        for k, name in enumerate(sc.indicators):
            if values.shape[0]:
                p = np.percentile(values[:, k], PERCENTILES)
                final[name] = {
                    f"p{q}": round(float(v), 3) for q, v in zip(PERCENTILES, p, strict=False)
                }
        # share of games in which a decision was due, found its role's slots full, and was
        # never offered later in the game
        crowded = {
            ev.id: round(float(self.crowded[k]) / n, 4)  # type: ignore[index]
            for k, ev in enumerate(d.events)
            if self.crowded is not None and self.crowded[k]
        }
        out = {
            "roles": roles,
            "endings": endings,
            "events": events,
            "options": options,
            "crowded_out": crowded,
            "final": final,
            "mean_turns": round(self.turns_sum / n, 2),
        }
        if max(sc.resource_cols) >= 0:
            out["capital"] = {
                role: {"binding": round(float(self.bind[r]) / max(float(self.due[r]), 1.0), 4)}
                for r, role in enumerate(ROLES)
                if sc.resource_cols[r] >= 0
            }
        if sc.commitments and self.broken is not None:
            out["commitments"] = {
                cm.id: {"broken": round(float(self.broken[k]) / n, 4)}
                for k, cm in enumerate(sc.commitments)
            }
        decisions = self._decisions()
        if decisions is not None:
            out["decisions"] = decisions
        out["balance"] = _balance(roles, endings, decisions)
        return out

    def _decisions(self) -> dict[str, dict[str, float]] | None:
        """Per decision event, the mean spread of its options' scores (expert play only)."""
        if self.spread_sum is None or self.spread_n is None:
            return None
        out = {}
        for e, ev in enumerate(self.scenario.definition.events):
            k = int(self.spread_n[e])
            if ev.options and k:
                out[ev.id] = {"spread": round(float(self.spread_sum[e]) / k, 2), "games": k}
        return out


def _balance(
    roles: Mapping[str, Any], endings: Mapping[str, float], decisions: Mapping[str, Any] | None
) -> dict[str, float]:
    """The design figures of a simulation: role parity, ending spread, decision spread."""
    wins = [r["win_rate"] for r in roles.values()]
    shares = list(endings.values()) or [0.0]
    out = {
        "win_gap": round(max(wins) - min(wins), 4),
        "top_ending": round(max(shares), 4),
        "endings_over_3pct": float(sum(1 for v in shares if v >= ENDING_SHARE)),
    }
    if decisions:
        low = sum(1 for d in decisions.values() if d["spread"] < LOW_SPREAD)
        out["low_spread_share"] = round(low / len(decisions), 4)
    return out


def chunks(runs: int, seed: int, chunk: int = CHUNK) -> list[tuple[int, int]]:
    """(first seed, count) of each chunk: game i has seed seed*2**32 + i, however it is split."""
    base = (int(seed) & 0xFFFFFFFF) << 32
    return [(base + start, min(chunk, runs - start)) for start in range(0, runs, chunk)]


def run_chunk(
    scenario: CompiledScenario, first: int, count: int, policy: str | Mapping[str, str]
) -> Tally:
    """Play one chunk of games and return its tally."""
    names = {r: policy for r in ROLES} if isinstance(policy, str) else dict(policy)
    policies = {r: make_policy(scenario, names[role]) for r, role in enumerate(ROLES)}
    engine = Engine(scenario)
    tally = Tally(scenario)
    seeds = np.arange(first, first + count, dtype=np.uint64)
    tally.add(engine, play_batch(engine, seeds, policies, tally))
    tally.add_spreads(policies)
    return tally


def report(
    scenario: CompiledScenario,
    tally: Tally,
    *,
    runs: int,
    seed: int,
    policy: str | Mapping[str, str],
    elapsed: float,
    workers: int = 1,
) -> dict[str, Any]:
    """The JSON-ready result of a simulation."""
    out: dict[str, Any] = {
        "scenario": scenario.id,
        "runs": runs,
        "seed": seed,
        "policy": policy if isinstance(policy, str) else dict(policy),
    }
    out.update(tally.summary())
    out["games_per_second"] = round(runs / elapsed, 1) if elapsed > 0 else None
    out["seconds"] = round(elapsed, 3)
    out["workers"] = workers
    return out


def simulate(
    scenario: CompiledScenario,
    runs: int,
    *,
    policy: str | Mapping[str, str] = "random",
    seed: int = 0,
    chunk: int = CHUNK,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Play `runs` games (seeds seed*2**32 + i) with bots in this process and summarise them."""
    make_policy(scenario, policy if isinstance(policy, str) else "random")  # fail early
    tally = Tally(scenario)
    t0 = time.perf_counter()
    done = 0
    for first, count in chunks(runs, seed, chunk):
        tally.absorb(run_chunk(scenario, first, count, policy).parts())
        done += count
        if progress is not None:
            progress(done, runs)
    elapsed = time.perf_counter() - t0
    return report(scenario, tally, runs=runs, seed=seed, policy=policy, elapsed=elapsed)
