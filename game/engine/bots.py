"""Bot policies: vectorised choosers that play a role for every game of a batch at once."""

from __future__ import annotations

import weakref

import numpy as np

from game.engine import dice
from game.engine.batch import BatchState, Engine, Env, groups
from game.engine.compiler import CCommitment, CEffect, CompiledScenario
from game.engine.definitions import ROLES
from game.engine.expr import as_array
from game.engine.expr_runtime import MADE

BUILTIN_POLICIES = ("random", "balanced", "expert", "master", "first", "last")


class Policy:
    """Chooses, for each game and decision slot of a role, an option index (-1 if none due)."""

    name = "policy"

    def choose(self, engine: Engine, st: BatchState, role: int) -> np.ndarray:
        raise NotImplementedError


def _empty(st: BatchState, engine: Engine) -> np.ndarray:
    return np.full((st.size, engine.sc.decisions_per_turn), -1, np.int64)


def _add_dynamic(
    value: np.ndarray,
    dynamic: list,
    k: int,
    st: BatchState,
    rows: np.ndarray,
    weights: np.ndarray,
    discount: float,
) -> None:
    """Add the options' state-dependent effects to value (rows × k), weighted per indicator.

    weights is one weight per indicator, or one row of them per game in rows.
    """
    env = None
    for o in range(k):
        for eff in dynamic[o]:
            if env is None:
                env = Env(st, rows, mean_mode=True)
            amount = as_array(eff.amount(env), rows.size)  # type: ignore[misc]
            if eff.kind == "set":
                amount = amount - env.values[:, eff.target]
            if eff.when is not None:
                amount = amount * as_array(eff.when(env), rows.size)
            value[:, o] += weights[..., eff.target] * amount * discount**eff.after


_BREAKS: dict[tuple[int, int], tuple[CompiledScenario, list[tuple[int, CCommitment]]]] = {}


def _breaks(sc: CompiledScenario, e: int) -> list[tuple[int, CCommitment]]:
    """(option, commitment) for each option of event `e` that breaks a commitment."""
    got = _BREAKS.get((id(sc), e))
    if got is None or got[0] is not sc:  # (the scenario is kept, so its id is not reused)
        found = [
            (o, cm)
            for o, opt in enumerate(sc.events[e].options)
            for cm in sc.commitments
            if opt.index in cm.broken_by
        ]
        got = _BREAKS[(id(sc), e)] = (sc, found)
    return got[1]


def _add_penalties(
    value: np.ndarray,
    breaks: list[tuple[int, CCommitment]],
    st: BatchState,
    rows: np.ndarray,
    weights: np.ndarray,
    discount: float,
) -> None:
    """Add to value (rows × options) the penalty of each commitment an option would break
    where it stands (and is not lapsing this turn), valued like the options' own effects:
    breaking a pledge is weighed, not free."""
    for o, cm in breaks:
        status = st.commit[rows, cm.index]
        standing = status == MADE
        if cm.lasts:
            standing &= st.turn - st.commit_turn[rows, cm.index] < cm.lasts
        if not standing.any():
            continue
        sub = rows[standing]
        w = weights[standing] if weights.ndim == 2 else weights
        env = Env(st, sub, mean_mode=True)
        total = np.zeros(sub.size)
        for eff in cm.penalty:
            if eff.kind == "trigger" or eff.amount is None:
                continue
            amount = as_array(eff.amount(env), sub.size)
            if eff.kind == "set":
                amount = amount - env.values[:, eff.target]
            if eff.when is not None:
                amount = amount * as_array(eff.when(env), sub.size)
            total += w[..., eff.target] * amount * discount**eff.after
        value[standing, o] += total


class RandomPolicy(Policy):
    """Picks uniformly among the legal options, with the game's own dice."""

    name = "random"

    def choose(self, engine: Engine, st: BatchState, role: int) -> np.ndarray:
        out = _empty(st, engine)
        pend = st.pending[:, role, :]
        if not (pend >= 0).any():
            return out
        legal = engine.legal(st, role)
        counts = legal.sum(axis=2)
        for slot in range(pend.shape[1]):
            rows = (pend[:, slot] >= 0).nonzero()[0]
            if rows.size == 0:
                continue
            u = dice.uniform(st.keys[rows], dice.BOT_SITES + 8 * role + slot)
            k = np.minimum((u * counts[rows, slot]).astype(np.int64), counts[rows, slot] - 1)
            cum = np.cumsum(legal[rows, slot, :], axis=1)
            out[rows, slot] = np.argmax(cum > k[:, None], axis=1)
        return out


class OrderPolicy(Policy):
    """Always the first (or last) legal option as listed: the lazy player who types `1`."""

    def __init__(self, last: bool = False) -> None:
        self.name = "last" if last else "first"
        self.last = last

    def choose(self, engine: Engine, st: BatchState, role: int) -> np.ndarray:
        out = _empty(st, engine)
        pend = st.pending[:, role, :]
        if not (pend >= 0).any():
            return out
        legal = engine.legal(st, role)
        for slot in range(pend.shape[1]):
            rows = (pend[:, slot] >= 0).nonzero()[0]
            if rows.size == 0:
                continue
            lg = legal[rows, slot, :]
            if self.last:
                k = lg.shape[1]
                out[rows, slot] = k - 1 - np.argmax(lg[:, ::-1], axis=1)
            else:
                out[rows, slot] = np.argmax(lg, axis=1)
        return out


class GreedyPolicy(Policy):
    """Picks the option whose expected immediate effects best serve weighted indicators."""

    def __init__(self, name: str, weights: np.ndarray, discount: float = 0.85) -> None:
        self.name = name
        self.weights = weights  # (roles, indicators): value of one unit of change, signed
        self.discount = discount
        # per (scenario, role, event): the value of each option's constant effects, and the
        # effects that must be evaluated on the state (expressions, conditions, `set`)
        self._plans: dict[tuple[int, int, int], tuple[np.ndarray, list[list[CEffect]]]] = {}
        self._tables: dict[tuple[int, int, int], tuple[np.ndarray, ...]] = {}

    def _plan(self, sc: CompiledScenario, role: int, e: int) -> tuple[np.ndarray, list]:
        key = (id(sc), role, e)
        plan = self._plans.get(key)
        if plan is None:
            w = self.weights[role]
            opts = sc.events[e].options
            static = np.zeros(len(opts))
            dynamic: list[list[CEffect]] = [[] for _ in opts]
            for o, opt in enumerate(opts):
                for eff in opt.effects:
                    if eff.kind == "trigger" or w[eff.target] == 0.0:
                        continue
                    amt = eff.amount
                    if eff.kind == "add" and eff.when is None and amt is not None and amt.constant:
                        static[o] += w[eff.target] * float(amt.fn(None)) * self.discount**eff.after
                    else:
                        dynamic[o].append(eff)
                # A hair of a fixed, option-specific offset breaks exact ties without
                # always favouring the first option.
                static[o] += 1e-9 * ((o * 0.6180339887) % 1.0)
            plan = self._plans[key] = (static, dynamic)
        return plan

    def choose(
        self,
        engine: Engine,
        st: BatchState,
        role: int,
        only: np.ndarray | None = None,
        legal: np.ndarray | None = None,
    ) -> np.ndarray:
        """Options for every game, or only for the games where the mask `only` holds
        (`legal`, if given, is `engine.legal(st, role)` computed already)."""
        out = _empty(st, engine)
        pend = st.pending[:, role, :]
        if only is not None:
            pend = np.where(only[:, None], pend, -1)
        if not (pend >= 0).any():
            return out
        sc = engine.sc
        if legal is None:
            legal = engine.legal(st, role)
        w = self.weights[role]
        table, varies, breaks = _tables(self, sc, role)
        for slot in range(pend.shape[1]):
            col = pend[:, slot]
            rows = (col >= 0).nonzero()[0]
            if rows.size == 0:
                continue
            evs = col[rows]
            value = table[evs]  # every pending decision's constant values at once
            slow = varies[evs] | breaks[evs] if sc.commitments else varies[evs]
            if slow.any():
                for e, sub in groups(np.where(slow, evs, -1)):
                    static, dynamic = self._plan(sc, role, e)
                    k = static.size
                    part = value[sub, :k]
                    _add_dynamic(part, dynamic, k, st, rows[sub], w, self.discount)
                    if sc.commitments:
                        _add_penalties(part, _breaks(sc, e), st, rows[sub], w, self.discount)
                    value[sub, :k] = part
            np.putmask(value, ~legal[rows, slot, :], -np.inf)
            out[rows, slot] = np.argmax(value, axis=1)
        return out


class MixedPolicy(Policy):
    """Greedy bots of several personas, one per game: game i plays `members[which[i]]`.

    The expert's and the forecasts' play-outs use it, so that the futures they explore
    are played by every kind of opponent (and self) the scenario knows, not by one
    predictable bot that always takes the cheap option. One pass values the options for
    every member at once, with each game's own weights.
    """

    name = "mixed"

    def __init__(
        self, members: list[GreedyPolicy], which: np.ndarray, penalties: bool = False
    ) -> None:
        # `penalties`: weigh commitment penalties as the members alone do. Off for the
        # expert's look-ahead: its futures break pledges and pay for them, which the
        # expert sees in the outcomes; weighing them there too moved the lessons' expert
        # parity by 10-30 points (measured: tariff_friction's lesson, 100 games).
        self.penalties = penalties
        self.members = members
        self.which = np.asarray(which, np.intp)
        self.weights = np.stack([m.weights for m in members])  # (members, roles, indicators)
        self.discount = members[0].discount
        self._plans: dict[tuple[int, int, int], tuple[np.ndarray, list[list[CEffect]]]] = {}
        self._tables: dict[tuple[int, int, int], tuple[np.ndarray, ...]] = {}

    def _plan(self, sc: CompiledScenario, role: int, e: int) -> tuple[np.ndarray, list]:
        key = (id(sc), role, e)
        plan = self._plans.get(key)
        if plan is None:
            w = self.weights[:, role, :]
            opts = sc.events[e].options
            static = np.zeros((w.shape[0], len(opts)))
            dynamic: list[list[CEffect]] = [[] for _ in opts]
            for o, opt in enumerate(opts):
                for eff in opt.effects:
                    if eff.kind == "trigger" or not w[:, eff.target].any():
                        continue
                    amt = eff.amount
                    if eff.kind == "add" and eff.when is None and amt is not None and amt.constant:
                        static[:, o] += (
                            w[:, eff.target] * float(amt.fn(None)) * self.discount**eff.after
                        )
                    else:
                        dynamic[o].append(eff)
                static[:, o] += 1e-9 * ((o * 0.6180339887) % 1.0)
            plan = self._plans[key] = (static, dynamic)
        return plan

    def choose(self, engine: Engine, st: BatchState, role: int) -> np.ndarray:
        out = _empty(st, engine)
        pend = st.pending[:, role, :]
        if not (pend >= 0).any():
            return out
        sc = engine.sc
        legal = engine.legal(st, role)
        w = self.weights[:, role, :]
        table, varies, breaks = _tables(self, sc, role)
        for slot in range(pend.shape[1]):
            col = pend[:, slot]
            rows = (col >= 0).nonzero()[0]
            if rows.size == 0:
                continue
            evs = col[rows]
            who = self.which[rows]
            value = table[who, evs]  # every pending decision's constant values at once
            weigh = sc.commitments and self.penalties
            slow = varies[evs] | breaks[evs] if weigh else varies[evs]
            if slow.any():
                for e, sub in groups(np.where(slow, evs, -1)):
                    static, dynamic = self._plan(sc, role, e)
                    k = static.shape[1]
                    part = value[sub, :k]
                    ws = w[who[sub]]
                    _add_dynamic(part, dynamic, k, st, rows[sub], ws, self.discount)
                    if weigh:
                        _add_penalties(part, _breaks(sc, e), st, rows[sub], ws, self.discount)
                    value[sub, :k] = part
            np.putmask(value, ~legal[rows, slot, :], -np.inf)
            out[rows, slot] = np.argmax(value, axis=1)
        return out


def _tables(
    policy: GreedyPolicy | MixedPolicy, sc: CompiledScenario, role: int
) -> tuple[np.ndarray, ...]:
    """The policy's plans of every event for a role as tables: the options' constant
    values (events, max options), or (members, events, max options) for a mix, with 0
    past an event's options (never legal), and per event whether any option also has
    effects to evaluate on the state, and whether any option breaks a commitment."""
    key = (id(sc), role, -1)
    got = policy._tables.get(key)
    if got is None:
        # the forecasts and the expert make new mixes all the time: share them by weights
        shared = _SHARED_TABLES.get(id(sc))
        if shared is None:
            shared = _SHARED_TABLES[id(sc)] = {}
            weakref.finalize(sc, _SHARED_TABLES.pop, id(sc), None)
        skey = (role, policy.discount, policy.weights.shape, policy.weights.tobytes())
        got = shared.get(skey)
        if got is not None:
            policy._tables[key] = got
            return got
        n_ev, k = max(len(sc.events), 1), sc.max_options
        lead = policy.weights.shape[:-2]  # (members,) for a mix, () for one bot
        table = np.zeros((*lead, n_ev, k))
        varies = np.zeros(n_ev, bool)
        breaks = np.zeros(n_ev, bool)
        for e, ev in enumerate(sc.events):
            static, dynamic = policy._plan(sc, role, e)
            table[..., e, : len(ev.options)] = static
            varies[e] = any(dynamic)
            breaks[e] = bool(sc.commitments) and bool(_breaks(sc, e))
        got = policy._tables[key] = shared[skey] = (table, varies, breaks)
    return got


# id(scenario) -> tables of the policies that played it (see _tables), gone with it
_SHARED_TABLES: dict[int, dict[tuple, tuple[np.ndarray, ...]]] = {}


def lookahead_members(sc: CompiledScenario) -> list[GreedyPolicy]:
    """The bots that play the futures the expert and the forecasts explore: `balanced`
    and every persona of either role (a role without a persona plays `balanced`)."""
    names = ["balanced"]
    for role in sc.definition.roles.values():
        names += [p for p in role.personas if p not in names]
    return [GreedyPolicy(n, persona_weights(sc, n)) for n in names]


def persona_weights(sc: CompiledScenario, persona: str) -> np.ndarray:
    """(roles, indicators) weights of a persona; `balanced` follows each role's objectives."""
    n = len(sc.indicators)
    span = np.maximum(sc.hi - sc.lo, 1e-9)
    out = np.zeros((len(ROLES), n))
    for r, role in enumerate(ROLES):
        base = np.zeros(n)
        for obj in sc.objectives_of(role):
            for name in obj.when.names:
                if name in sc.scope.indicators:
                    base[sc.scope.indicators[name]] += obj.weight
                elif name in sc.scope.ladders:  # a ladder is read from its indicator
                    base[sc.scope.ladders[name][0]] += obj.weight
        if not base.any():
            base[:] = 1.0
        spec = sc.definition.roles.get(role)
        p = spec.personas.get(persona) if spec is not None else None
        if p is not None:
            base = np.full(n, float(p.default_weight))
            for name, weight in p.weights.items():
                if name in sc.scope.indicators:
                    base[sc.scope.indicators[name]] = float(weight)
        out[r] = base * sc.direction[r] / span
    return out


def personas_of(sc: CompiledScenario) -> list[str]:
    """Every policy name this scenario accepts."""
    names = list(BUILTIN_POLICIES)
    for role in sc.definition.roles.values():
        names += [p for p in role.personas if p not in names]
    return names


def make_policy(sc: CompiledScenario, name: str) -> Policy:
    """A policy by name: `random`, `balanced`, `expert`, `master`, `first`, `last` or a persona.

    `master` is the expert with three times the rollouts: the hard opponent.
    """
    if name == "random":
        return RandomPolicy()
    if name in ("first", "last"):
        return OrderPolicy(last=name == "last")
    if name in ("expert", "master"):
        from game.engine.forecast import ExpertPolicy  # the expert plays through forecasts

        return ExpertPolicy(sc, 16 if name == "expert" else 48, name)
    if name not in personas_of(sc):
        raise ValueError(f"unknown policy {name!r}; choose from {', '.join(personas_of(sc))}")
    return GreedyPolicy(name, persona_weights(sc, name))
