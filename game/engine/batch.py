"""The batch engine: resolves turns for many games at once as numpy arrays of shape (games, ...).

One game at the table is a batch of one; Monte Carlo analysis, forecasts and bots run
thousands through the same code. All games of a batch move in lockstep, turn by turn;
a game that ends early is masked out of every later update.

A turn: drift → delayed changes due → ladder rungs → events fire (news effects now,
decisions into each role's slots) → both roles choose → option effects → early
endings → next turn. After the last turn the ending and the objectives are settled.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.engine import capital, dice
from game.engine.choices import OptionTables, groups, legal_options
from game.engine.compiler import CEffect, CompiledScenario
from game.engine.definitions import ROLES
from game.engine.env import Env
from game.engine.expr import as_array, as_mask
from game.engine.ledger import Cause, Ledger

NEVER = -1000


@dataclass
class BatchState:
    """The state of a batch of games; plain arrays plus the schedule of future changes."""

    seeds: np.ndarray
    values: np.ndarray
    turns: int
    turn: int = 0
    keys: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    over: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    ending: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int16))
    ended_turn: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int16))
    fired: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.int16))
    last_fired: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.int16))
    chosen: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), bool))
    pending: np.ndarray = field(default_factory=lambda: np.zeros((0, 2, 1), np.int16))
    slots: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), np.int16))
    met: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), bool))
    # (games, objectives) credit at the end: 1 if met, partial near the thresholds, else 0
    credit: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    option_counts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    # (games, events): turns on which a decision was due but its role's slots were full
    crowded: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.int16))
    # (games, commitments): 0 never made, MADE, BROKEN or KEPT; and the turn it got there
    commit: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.int8))
    commit_turn: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.int16))
    # turn -> list of (kind, column, rows, amounts, cause) due at the start of that turn
    scheduled: dict[int, list[tuple[str, int, np.ndarray, np.ndarray, Cause | None]]] = field(
        default_factory=dict
    )
    # (turn, event) -> rows forced to fire then, by an earlier `trigger`
    forced: dict[tuple[int, int], np.ndarray] = field(default_factory=dict)
    ledger: Ledger | None = None
    # per turn, the events that fired in game 0 (kept only when recording)
    journal: dict[int, list[int]] | None = None
    # values before the first turn's events (kept only when recording)
    initial: np.ndarray | None = None

    @property
    def size(self) -> int:
        """Number of games in the batch."""
        return int(self.values.shape[0])

    def all_over(self) -> bool:
        """True once every game of the batch has ended."""
        return bool(self.over.all())

    def clone(self) -> BatchState:
        """An independent copy (the schedule's arrays are never mutated in place)."""
        new = copy.copy(self)
        for name in ("seeds", "values", "keys", "over", "ending", "ended_turn", "fired"):
            setattr(new, name, getattr(self, name).copy())
        for name in ("last_fired", "chosen", "pending", "slots", "met", "credit", "option_counts"):
            setattr(new, name, getattr(self, name).copy())
        for name in ("crowded",):
            setattr(new, name, getattr(self, name).copy())
        for name in ("commit", "commit_turn"):
            setattr(new, name, getattr(self, name).copy())
        new.scheduled = {t: list(items) for t, items in self.scheduled.items()}
        new.forced = {k: v.copy() for k, v in self.forced.items()}
        new.ledger = copy.deepcopy(self.ledger)
        new.journal = copy.deepcopy(self.journal)
        return new

    def fan_out(self, rows: np.ndarray, n: int) -> BatchState:
        """A new batch with `n` copies of each of `rows`: copy j of row rows[i] is i*n + j.

        The copies share everything, schedule included, but no ledger: they are
        futures to explore (forecasts, expert bots), not games at the table.
        """
        rows = np.asarray(rows, dtype=np.intp)
        m = rows.size

        def rep(a: np.ndarray) -> np.ndarray:
            # columns stay contiguous: expressions read whole indicator columns
            out = np.repeat(a[rows], n, axis=0)
            return np.asfortranarray(out) if out.ndim == 2 else out

        new = BatchState(
            seeds=rep(self.seeds),
            values=rep(self.values),
            turns=self.turns,
            turn=self.turn,
            keys=rep(self.keys),
            over=rep(self.over),
            ending=rep(self.ending),
            ended_turn=rep(self.ended_turn),
            fired=rep(self.fired),
            last_fired=rep(self.last_fired),
            chosen=rep(self.chosen),
            pending=rep(self.pending),
            slots=rep(self.slots),
            met=rep(self.met),
            credit=rep(self.credit),
            option_counts=np.zeros_like(self.option_counts),
            crowded=np.zeros((m * n, self.crowded.shape[1]), np.int16, order="F"),
            commit=rep(self.commit),
            commit_turn=rep(self.commit_turn),
        )
        where = np.full(self.size, -1, np.intp)
        where[rows] = np.arange(m)
        copies = np.arange(n)
        for due, items in self.scheduled.items():
            out = []
            for kind, col, r, amounts, cause in items:
                p = where[r]
                keep = p >= 0
                if not keep.any():
                    continue
                new_rows = (p[keep][:, None] * n + copies).ravel()
                out.append((kind, col, new_rows, np.repeat(amounts[keep], n), cause))
            if out:
                new.scheduled[due] = out
        for key, mask in self.forced.items():
            new.forced[key] = np.repeat(mask[rows], n)
        return new


def _plain(effects: tuple[CEffect, ...]) -> tuple[tuple[int, Any], ...] | None:
    """(column, amount) of each effect if all are constant additions now, without a
    condition (they need no plan); else None."""
    out = []
    for eff in effects:
        amt = eff.amount
        if eff.kind != "add" or eff.after or eff.over != 1 or eff.when is not None:
            return None
        if amt is None or not amt.constant:
            return None
        out.append((eff.target, amt.fn(None)))
    return tuple(out)


def rung_of(thresholds: Any, value: Any) -> Any:
    """The rung a ladder stands on: the last rung whose threshold the value reaches; below
    the first threshold counts as the first rung, as in expressions. The one rule for the
    engine, the dashboards and the terminal (an int for a number, an array for an array)."""
    rung = np.maximum(np.searchsorted(np.asarray(thresholds), value, side="right") - 1, 0)
    return int(rung) if np.ndim(rung) == 0 else rung


class Engine:
    """Runs a compiled scenario on batches of games."""

    def __init__(self, scenario: CompiledScenario) -> None:
        self.sc = scenario
        self.n_roles = len(ROLES)
        self._causes: dict[tuple[Any, ...], Cause] = {}
        # (endings + 1, roles) what each ending is worth to each role (NaN: not authored;
        # the last row stands for "no ending yet")
        self.worth = np.full((len(scenario.endings) + 1, self.n_roles), np.nan)
        for k, end in enumerate(scenario.endings):
            if end.worth:
                self.worth[k] = end.worth
        self.costs = capital.cost_table(self)  # (events, max options)
        self.tables = OptionTables(scenario)
        # events that fire once, and those with a cooldown (with its length), as columns
        evs = scenario.events
        self._once = np.array([e for e, ev in enumerate(evs) if ev.once], np.intp)
        self._cool = np.array([e for e, ev in enumerate(evs) if ev.cooldown], np.intp)
        self._cool_len = np.array([evs[e].cooldown for e in self._cool], np.int64)
        # per global option: its effects as (column, amount) if all are plain additions now
        self._plain = [_plain(opt.effects) for ev in evs for opt in ev.options]
        self._plain_news = [_plain(ev.effects) for ev in evs]

    # -- set-up -------------------------------------------------------------------------

    def start(self, seeds: np.ndarray | list[int] | int, *, record: bool = False) -> BatchState:
        """A new batch, one game per seed, resolved up to the first turn's decisions."""
        sc = self.sc
        seeds_arr = dice.seeds_array(seeds)
        g = seeds_arr.size
        n_ind, n_ev, n_opt = len(sc.indicators), len(sc.events), len(sc.options)
        st = BatchState(
            seeds=seeds_arr,
            values=np.zeros((g, n_ind), order="F"),
            turns=sc.turns,
            turn=0,
            keys=dice.turn_keys(seeds_arr, 0),
            over=np.zeros(g, bool),
            ending=np.full(g, -1, np.int16),
            ended_turn=np.zeros(g, np.int16),
            fired=np.zeros((g, n_ev), np.int16, order="F"),
            last_fired=np.full((g, n_ev), NEVER, np.int16, order="F"),
            chosen=np.zeros((g, n_opt), bool, order="F"),
            pending=np.full((g, self.n_roles, sc.decisions_per_turn), -1, np.int16),
            slots=np.zeros((g, self.n_roles), np.int16),
            met=np.zeros((g, len(sc.objectives)), bool),
            credit=np.zeros((g, len(sc.objectives))),
            option_counts=np.zeros(n_opt, np.int64),
            crowded=np.zeros((g, n_ev), np.int16, order="F"),
            commit=np.zeros((g, len(sc.commitments)), np.int8),
            commit_turn=np.zeros((g, len(sc.commitments)), np.int16),
            ledger=Ledger() if record else None,
            journal={} if record else None,
        )
        env = Env(st)
        for col, expr in enumerate(sc.start):
            st.values[:, col] = as_array(expr(env), g)
        np.clip(st.values, sc.lo, sc.hi, out=st.values)
        if record:
            st.initial = st.values[0].copy()
        st.turn = 1
        self._begin_turn(st)
        return st

    # -- queries ------------------------------------------------------------------------

    def legal(
        self,
        st: BatchState,
        role: int,
        spent: np.ndarray | None = None,
        rows: np.ndarray | None = None,
        *,
        budget: bool = True,
    ) -> np.ndarray:
        """(games, slots, max options) mask of the options each game may choose now.

        An option whose `cost` exceeds the role's resource (less `spent`, per game, if
        given: what the role's other answers this turn already draw) is not legal
        (`budget=False`: the options available whatever they cost).
        With `rows`, only those games: (rows, slots, max options).
        """
        return legal_options(self, st, role, Env, spent, rows, budget)

    def stock(self, st: BatchState, role: int) -> np.ndarray | None:
        """(games,) the role's resource now, or None if the scenario gives it none."""
        col = self.sc.resource_cols[role]
        return st.values[:, col] if col >= 0 else None

    def afford(self, st: BatchState, role: int, picks: np.ndarray) -> np.ndarray:
        """The role's picks made affordable (see game.engine.capital.afford)."""
        return capital.afford(self, st, role, picks)

    def cost_of(self, events: np.ndarray, picks: np.ndarray) -> np.ndarray:
        """Cost of option `picks[i]` of event `events[i]` (0 for no option)."""
        return capital.cost_of(self.costs, events, picks)

    def scores(self, st: BatchState) -> np.ndarray:
        """(games, roles) score in [0, 100]: the weighted credit of the role's objectives
        (1 met, partial near a threshold, see `credit`), averaged half and half with what
        the ending is worth to the role where the scenario says (an ending's `score`)."""
        return self.final_scores(self.objective_scores(st), st.ending)

    def objective_scores(self, st: BatchState, credit: np.ndarray | None = None) -> np.ndarray:
        """(games, roles) the weighted credit of each role's objectives, 0-100."""
        credit = st.credit if credit is None else credit
        out = np.zeros((st.size, self.n_roles))
        for r, role in enumerate(ROLES):
            idx = [k for k, o in enumerate(self.sc.objectives) if o.owner in (role, "shared")]
            if not idx:
                continue
            w = np.array([self.sc.objectives[k].weight for k in idx])
            out[:, r] = 100.0 * (credit[:, idx] @ w) / w.sum()
        return out

    def final_scores(self, objective: np.ndarray, ending: np.ndarray) -> np.ndarray:
        """Objective scores (games, roles) combined with the endings' worth: the mean of
        the two where the ending has a worth for the role, the objective score elsewhere."""
        worth = self.worth[np.where(ending >= 0, ending, -1)]
        return np.where(np.isnan(worth), objective, 0.5 * (objective + worth))

    def credit(
        self, st: BatchState, rows: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(met, credit) of every objective on the current values of `rows` (all games by
        default): met is the condition; credit is 1 if met, else, for an objective with
        graded credit whose other clauses hold and whose every missed threshold is within
        its band, `partial` scaled down linearly by the largest shortfall (as a share of its
        band), else 0."""
        env = Env(st, rows)
        n = st.size if rows is None else rows.size
        met = np.zeros((n, len(self.sc.objectives)), bool)
        credit = np.zeros((n, len(self.sc.objectives)))
        for k, obj in enumerate(self.sc.objectives):
            m = as_mask(obj.when(env), n)
            met[:, k] = m
            credit[:, k] = m
            if obj.rest is None or m.all():
                continue
            near = ~m & as_mask(obj.rest(env), n)
            if not near.any():
                continue
            worst = np.zeros(n)
            for (name, op, limit), band in zip(obj.when.bounds, obj.bands, strict=True):
                v = np.asarray(env.values[:, self.sc.scope.indicators[name]], dtype=float)
                short = (
                    np.maximum(limit - v, 0.0) if op in (">=", ">") else np.maximum(v - limit, 0.0)
                )
                if band > 0:
                    worst = np.maximum(worst, short / band)
                else:
                    worst = np.where(short > 0, np.inf, worst)
            near &= worst < 1.0
            credit[near, k] = obj.partial * (1.0 - worst[near])
        return met, credit

    def primary_met(self, st: BatchState) -> np.ndarray:
        """(games, roles) whether each role met its primary objective."""
        out = np.zeros((st.size, self.n_roles), bool)
        for r, role in enumerate(ROLES):
            for k, o in enumerate(self.sc.objectives):
                if o.owner == role and o.primary:
                    out[:, r] = st.met[:, k]
        return out

    # -- resolving a turn ----------------------------------------------------------------

    def apply(self, st: BatchState, choices: dict[int, np.ndarray]) -> None:
        """Apply each role's choices (games, slots) of option indices, then end the turn."""
        self._commit_choices(st, choices)
        if self._end_turn(st):
            self._begin_turn(st)

    def apply_steps(self, st: BatchState, choices: dict[int, np.ndarray]) -> Iterator[None]:
        """`apply` in three steps, yielding between them: the choices and the endings, the
        start of the next turn (drift, scheduled effects, ladders), its events. A window
        runs one step per frame; the result is the same as `apply`'s.
        """
        self._commit_choices(st, choices)
        if self._end_turn(st):
            yield
            active = self._turn_start(st)
            yield
            self._fire_events(st, active)

    def _commit_choices(self, st: BatchState, choices: dict[int, np.ndarray]) -> None:
        sc = self.sc
        planned: list[tuple[list[tuple[CEffect, np.ndarray, Any]], Cause]] = []
        chosen: list[tuple[np.ndarray, int]] = []
        paid: list[tuple[np.ndarray, int, float, Cause]] = []
        for role in range(self.n_roles):
            pend = st.pending[:, role, :]
            if not (pend >= 0).any():
                continue
            ch = self.afford(st, role, np.asarray(choices[role]))
            for slot in range(sc.decisions_per_turn):
                col = pend[:, slot]
                for e, rows_e in groups(col):
                    ev = sc.events[e]
                    picks = ch[rows_e, slot]
                    for o, opt in enumerate(ev.options):
                        rows = rows_e[picks == o]
                        if rows.size == 0:
                            continue
                        cause = self._cause(("option", e, o), ev.id, opt.id, ROLES[role])
                        plain = self._plain[opt.index]
                        if plain is None:
                            planned.append(self._plan(st, rows, opt.effects, cause))
                        else:  # nothing to evaluate: the amounts are the plan
                            planned.append(([(col, rows, a) for col, a in plain], cause))
                        chosen.append((rows, opt.index))
                        if opt.cost > 0 and sc.resource_cols[role] >= 0:
                            paid.append((rows, sc.resource_cols[role], -opt.cost, cause))
        # Both roles decide at once: every choice is evaluated on the same state,
        # then all of them apply, so neither side's effects see the other's first.
        for rows, index in chosen:
            st.chosen[rows, index] = True
            st.option_counts[index] += rows.size
        for rows, col, amount, cause in paid:
            self._change(st, rows, col, np.full(rows.size, amount), "add", cause)
        for plan in planned:
            self._commit(st, *plan)
        if sc.commitments:
            capital.settle_commitments(self, st, chosen)
        st.pending.fill(-1)
        st.slots.fill(0)

    def _cause(self, key: tuple[Any, ...], event: str, option: str = "", role: str = "") -> Cause:
        cause = self._causes.get(key)
        if cause is None:
            kind = key[0]
            cause = self._causes[key] = Cause(kind=kind, event=event, option=option, role=role)
        return cause

    def _begin_turn(self, st: BatchState) -> None:
        self._fire_events(st, self._turn_start(st))

    def _turn_start(self, st: BatchState) -> np.ndarray:
        """The start of a turn before its events: drift, scheduled effects, ladder rungs.
        Returns the mask of games still going."""
        sc = self.sc
        st.keys = dice.turn_keys(st.seeds, st.turn)
        active = ~st.over
        any_over = not active.all()
        env = Env(st)
        g = st.size
        if st.turn > 1 and sc.drift:
            deltas = [(col, as_array(fn(env), g)) for col, fn in sc.drift]
            for col, d in deltas:
                self._drift(st, col, d, active if any_over else None)
        if st.turn > 1 and sc.regen:
            for role, col, fn in sc.regen:
                self._drift(st, col, as_array(fn(env), g), active if any_over else None, role)
        for kind, col, rows, amounts, cause in st.scheduled.pop(st.turn, ()):
            if any_over:
                keep = active[rows]
                rows, amounts = rows[keep], amounts[keep]
            if rows.size:
                self._change(st, rows, col, amounts, kind, cause)
        if st.turn > 1:
            for ladder in sc.ladders:
                self._ladder(st, ladder, active)
        return active

    def _drift(
        self,
        st: BatchState,
        col: int,
        delta: np.ndarray,
        active: np.ndarray | None,
        role: int = -1,
    ) -> None:
        """A trend (or, with `role`, that role's resource regenerating) for every game."""
        lo, hi = self.sc.lo[col], self.sc.hi[col]
        old = st.values[:, col]
        if active is None:
            new = np.clip(old + delta, lo, hi)
        else:
            new = np.where(active, np.clip(old + delta, lo, hi), old)
        if st.ledger is not None:
            if role >= 0:
                cause = self._cause(("regen", col), "", "", ROLES[role])
            else:
                cause = self._cause(("drift", col), "", "")
            st.ledger.record(st.turn, self.sc.indicators[col], float(new[0] - old[0]), cause)
        st.values[:, col] = new

    def _ladder(self, st: BatchState, ladder: Any, active: np.ndarray) -> None:
        x = st.values[:, ladder.indicator]
        rung = rung_of(ladder.thresholds, x)
        for r, spec in enumerate(ladder.rungs):
            if not spec.effects:
                continue
            rows = ((rung == r) & active).nonzero()[0]
            if rows.size:
                cause = self._cause(("ladder", ladder.id, r), ladder.id, spec.id)
                self._effects(st, rows, spec.effects, cause)

    def _fire_events(self, st: BatchState, active: np.ndarray) -> None:
        sc = self.sc
        env = Env(st)
        g, turn, cap = st.size, st.turn, sc.decisions_per_turn
        fired_now: list[int] = []
        all_active = bool(active.all())
        # per role, the games with a free decision slot (kept up to date as events fill them)
        free = [st.slots[:, r] < cap for r in range(self.n_roles)]
        may_any = self._may_fire(st, all_active)
        for e in sc.order:
            ev = sc.events[e]
            forced = st.forced.pop((turn, e), None)
            if turn >= ev.first_turn and not may_any[e]:
                if forced is None:
                    continue  # fired already (or cooling down) in every game
                ok = np.zeros(g, bool)
            elif turn >= ev.first_turn:
                # the games where it may fire; its condition is read only in those
                may = active
                if ev.once:
                    may = may & (st.fired[:, e] == 0)
                if ev.cooldown:
                    may = may & (st.last_fired[:, e] < turn - ev.cooldown)
                if may is active and all_active:
                    ok = as_mask(ev.when(env), g)
                    if not ok.flags.writeable:  # a constant condition's broadcast view
                        ok = ok.copy()
                else:
                    cand = may.nonzero()[0]
                    if cand.size == 0:
                        ok = np.zeros(g, bool)
                    elif 4 * cand.size < g:  # a few games: evaluate the condition on them only
                        ok = np.zeros(g, bool)
                        ok[cand] = as_mask(ev.when(Env(st, cand)), cand.size)
                    else:
                        ok = as_mask(ev.when(env), g) & may
                if ok.any() and not (ev.chance.constant and ev.chance.fn(env) >= 1):
                    # roll only where the event could fire: a draw is a pure function of
                    # the game's key and the site, so the other games' dice do not matter
                    cand = ok.nonzero()[0]
                    if ev.chance.constant:
                        p = ev.chance.fn(env)
                    else:
                        p = as_array(ev.chance(Env(st, cand)), cand.size)
                    ok[cand] = dice.uniform(st.keys[cand], ev.chance_site) < p
            elif forced is None:
                continue
            else:
                ok = np.zeros(g, bool)
            if forced is not None:
                ok |= forced & active
            rows = ok.nonzero()[0]
            if ev.role >= 0:
                fr = free[ev.role]
                if forced is not None and turn < st.turns:
                    # a forced decision that finds no free slot waits for the next turn
                    late = forced & active & ~fr
                    if late.any():
                        key = (turn + 1, e)
                        st.forced[key] = st.forced.get(key, np.zeros(g, bool)) | late
                keep = fr[rows]
                if not keep.all():
                    dropped = rows[~keep]
                    if forced is not None:
                        dropped = dropped[~forced[dropped]]
                    st.crowded[:, e][dropped] += 1
                    rows = rows[keep]
            if rows.size == 0:
                continue
            # (column views first: one-dimensional indexing is several times cheaper)
            st.fired[:, e][rows] += 1
            st.last_fired[:, e][rows] = turn
            if ev.role >= 0:
                slots = st.slots[:, ev.role]
                taken = slots[rows]
                st.pending[rows, ev.role, taken] = e
                slots[rows] = taken + 1
                fr[rows] = taken + 1 < cap
            if ev.effects:
                cause = self._cause(("event", e), ev.id)
                if self._plain_news[e] is None:
                    self._effects(st, rows, ev.effects, cause)
                else:
                    for col, amount in self._plain_news[e]:
                        self._change(st, rows, col, amount, "add", cause)
            fired_now.append(e)
        if st.journal is not None:
            st.journal[turn] = fired_now

    def _may_fire(self, st: BatchState, all_active: bool) -> np.ndarray:
        """Per event, False if it fires once and has fired in every game, or cools down in
        every game (when every game is still going; else True: each game is checked)."""
        may = np.ones(len(self.sc.events), bool)
        if not all_active or st.size == 0:
            return may
        if self._once.size:
            may[self._once] = st.fired[:, self._once].min(axis=0) == 0
        if self._cool.size:
            since = st.turn - st.last_fired[:, self._cool].min(axis=0).astype(np.int64)
            may[self._cool] &= since > self._cool_len
        return may

    def _effects(
        self, st: BatchState, rows: np.ndarray, effects: tuple[CEffect, ...], cause: Cause
    ) -> None:
        """Cause `effects` for `rows` now: evaluate them all, then apply them in order."""
        self._commit(st, *self._plan(st, rows, effects, cause))

    def _plan(
        self, st: BatchState, rows: np.ndarray, effects: tuple[CEffect, ...], cause: Cause
    ) -> tuple[list[tuple[CEffect, np.ndarray, Any]], Cause]:
        """Evaluate conditions and amounts on the current state; triggers are queued at once."""
        env = Env(st, rows)
        n = rows.size
        planned = []
        for eff in effects:
            sel = rows
            mask = None
            if eff.when is not None:
                mask = as_mask(eff.when(env), n)
                if not mask.any():
                    continue
                sel = rows[mask]
            if eff.kind == "trigger":
                key = (st.turn + eff.after, eff.target)
                forced = st.forced.get(key)
                if forced is None:
                    forced = st.forced[key] = np.zeros(st.size, bool)
                forced[sel] = True
                continue
            amt = eff.amount
            assert amt is not None  # add and set effects always have an amount
            if amt.constant:  # most amounts are plain numbers: skip the per-row array
                amount = amt.fn(env)
            else:
                amount = as_array(amt(env), n)
                if mask is not None:
                    amount = amount[mask]
            planned.append((eff, sel, amount))
        return planned, cause

    def _commit(
        self, st: BatchState, planned: list[tuple[Any, np.ndarray, Any]], cause: Cause
    ) -> None:
        """Apply planned changes in file order (each clamped), or schedule the later parts.
        A plain addition now is planned as (column, rows, amount) instead of an effect."""
        for eff, sel, amount in planned:
            if not isinstance(eff, CEffect):
                self._change(st, sel, eff, amount, "add", cause)
                continue
            if eff.after == 0 and (eff.over == 1 or eff.kind == "set"):
                self._change(st, sel, eff.target, amount, eff.kind, cause)
                continue
            parts = 1 if eff.kind == "set" else eff.over
            part = np.broadcast_to(np.asarray(amount, dtype=float) / parts, sel.shape)
            later = (
                cause
                if st.ledger is None
                else Cause(
                    "broken" if cause.kind == "broken" else "delayed",
                    cause.event,
                    cause.option,
                    cause.role,
                    eff.note,
                    str(st.turn),
                )
            )
            for k in range(parts):
                due = st.turn + eff.after + k
                if due == st.turn:
                    self._change(st, sel, eff.target, part, eff.kind, cause)
                elif due <= st.turns:
                    st.scheduled.setdefault(due, []).append(
                        (eff.kind, eff.target, sel, part, later)
                    )

    def _change(
        self,
        st: BatchState,
        rows: np.ndarray,
        col: int,
        amount: np.ndarray,
        kind: str,
        cause: Cause | None,
    ) -> None:
        column = st.values[:, col]  # contiguous: the state is column-major
        old = column[rows]
        if kind == "set":
            new = np.empty_like(old)
            new[...] = amount
        else:
            new = old + amount
        # two ufunc calls with out= are much cheaper than np.clip's wrappers in this hot path
        np.minimum(np.maximum(new, self.sc.lo[col], out=new), self.sc.hi[col], out=new)
        column[rows] = new
        if st.ledger is not None and cause is not None and rows.size:
            delta = float(np.asarray(new).reshape(-1)[0] - old[0])  # a ledger game is a batch of 1
            st.ledger.record(st.turn, self.sc.indicators[col], delta, cause)

    def _end_turn(self, st: BatchState) -> bool:
        """Settle the endings due; True if a next turn begins (`_begin_turn` starts it)."""
        sc = self.sc
        active = ~st.over
        env = Env(st)
        for k, end in enumerate(sc.endings):
            if not end.early:
                continue
            hit = as_mask(end.when(env), st.size) & active
            if hit.any():
                self._settle(st, hit.nonzero()[0], k)
                active &= ~hit
        if st.turn >= sc.turns:
            rows = active.nonzero()[0]
            if rows.size:
                whole = rows.size == st.size  # every game: read the state, no gathering
                env = Env(st) if whole else Env(st, rows)
                choice = np.full(rows.size, len(sc.endings) - 1, np.int16)
                undecided = np.ones(rows.size, bool)
                for k, end in enumerate(sc.endings):
                    if end.early:
                        continue
                    hit = as_mask(end.when(env), rows.size) & undecided
                    choice[hit] = k
                    undecided &= ~hit
                done = self.credit(st, None if whole else rows)  # one pass for all endings
                for k in np.unique(choice):
                    sel = choice == k
                    self._settle(st, rows[sel], int(k), (done[0][sel], done[1][sel]))
            st.scheduled.clear()
            st.forced.clear()
            return False
        st.turn += 1
        return not st.over.all()

    def inject(self, st: BatchState, event: int) -> bool:
        """Fire an event now in every game still going (a facilitator's move).

        Its effects apply at once; a decision takes a free slot of its role, or is forced
        for the start of next turn if none is free. Returns False if nothing happened.
        """
        ev = self.sc.events[event]
        rows = (~st.over).nonzero()[0]
        if rows.size == 0:
            return False
        if ev.role >= 0:
            free = st.slots[rows, ev.role] < self.sc.decisions_per_turn
            later = rows[~free]
            if later.size and st.turn < st.turns:
                mask = st.forced.setdefault((st.turn + 1, event), np.zeros(st.size, bool))
                mask[later] = True
            rows = rows[free]
            st.pending[rows, ev.role, st.slots[rows, ev.role]] = event
            st.slots[rows, ev.role] += 1
        if rows.size == 0:
            return True
        st.fired[rows, event] += 1
        st.last_fired[rows, event] = st.turn
        if ev.effects:
            self._effects(st, rows, ev.effects, self._cause(("event", event), ev.id))
        if st.journal is not None:
            st.journal.setdefault(st.turn, []).append(event)
        return True

    def end_now(self, st: BatchState) -> None:
        """End every game still going, choosing its ending as if this were the last turn."""
        rows = (~st.over).nonzero()[0]
        if rows.size == 0:
            return
        env = Env(st, rows)
        choice = np.full(rows.size, len(self.sc.endings) - 1, np.int16)
        undecided = np.ones(rows.size, bool)
        for k, end in enumerate(self.sc.endings):
            hit = as_mask(end.when(env), rows.size) & undecided
            choice[hit] = k
            undecided &= ~hit
        for k in np.unique(choice):
            self._settle(st, rows[choice == k], int(k))
        st.pending.fill(-1)
        st.slots.fill(0)
        st.scheduled.clear()
        st.forced.clear()

    def _settle(
        self, st: BatchState, rows: np.ndarray, ending: int, done: tuple | None = None
    ) -> None:
        """End the games `rows` with `ending`; `done`: their (met, credit) if known."""
        st.met[rows], st.credit[rows] = self.credit(st, rows) if done is None else done
        st.ending[rows] = ending
        st.ended_turn[rows] = st.turn
        st.over[rows] = True
