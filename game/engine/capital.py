"""Costs that last: a role's resource (political capital) that option costs draw on, and
commitments that are remembered and cost a penalty when broken.

The batch engine calls these; they work on whole batches, like the rest of it. The
resource itself is an indicator (see `resources` in the scenario format), so only what
an indicator lacks lives here: the rule that answers must be affordable, and the
settling of commitments after each turn's choices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.engine.definitions import ROLES
from game.engine.expr import as_mask
from game.engine.expr_runtime import BROKEN, KEPT, MADE

if TYPE_CHECKING:
    from game.engine.batch import BatchState, Engine

__all__ = [
    "BROKEN",
    "KEPT",
    "MADE",
    "afford",
    "binding",
    "cost_of",
    "cost_table",
    "settle_commitments",
]


def cost_table(engine: Engine) -> np.ndarray:
    """(events, max options) each option's cost; inf where an event has fewer options."""
    sc = engine.sc
    out = np.full((max(len(sc.events), 1), sc.max_options), np.inf)
    for e, ev in enumerate(sc.events):
        for o, opt in enumerate(ev.options):
            out[e, o] = opt.cost
    return out


def cost_of(table: np.ndarray, events: np.ndarray, picks: np.ndarray) -> np.ndarray:
    """Cost of option `picks[i]` of event `events[i]` (0 for no option)."""
    out = table[events, np.maximum(picks, 0)]
    return np.where(np.isfinite(out), out, 0.0)


def afford(engine: Engine, st: BatchState, role: int, picks: np.ndarray) -> np.ndarray:
    """The role's picks (games, slots) made affordable: where the turn's answers together
    cost more than the role's resource, later slots fall back to their cheapest legal
    option. Picks that fit are returned unchanged (a copy only if something changed)."""
    stock = engine.stock(st, role)
    if stock is None:
        return picks
    picks = np.asarray(picks)
    pend = st.pending[:, role, :]
    table = engine.costs
    spent = np.zeros(st.size)
    fixed = None
    for slot in range(pend.shape[1]):
        rows = ((pend[:, slot] >= 0) & (picks[:, slot] >= 0)).nonzero()[0]
        if rows.size == 0:
            continue
        cost = cost_of(table, pend[rows, slot], picks[rows, slot])
        over = stock[rows] - spent[rows] < cost - 1e-9
        if over.any():
            if fixed is None:
                fixed = picks.copy()
            bad = rows[over]
            costs = table[pend[bad, slot]]  # (bad, max options); inf: no such option
            legal = engine.legal(st, role, spent, rows=bad)[:, slot, :] & np.isfinite(costs)
            none = ~legal.any(axis=1)
            legal[none] = np.isfinite(costs[none])
            rank = np.where(legal, costs * 64 + np.arange(costs.shape[1]), np.inf)
            fixed[bad, slot] = np.argmin(rank, axis=1)
            cost = cost_of(table, pend[rows, slot], fixed[rows, slot])
        spent[rows] += cost
    return picks if fixed is None else fixed


def binding(engine: Engine, st: BatchState, role: int, picks: np.ndarray) -> np.ndarray:
    """(games,) where the role's budget binds this turn: one of its due decisions has an
    available option it cannot afford, or its picks together cost more than it has (and
    `afford` changes them). False where the role has nothing to decide or no resource."""
    stock = engine.stock(st, role)
    due = (st.pending[:, role, :] >= 0).any(axis=1)
    if stock is None or not due.any():
        return np.zeros(st.size, bool)
    pend = st.pending[:, role, :]
    costs = engine.costs[np.clip(pend, 0, None)]  # (games, slots, max options)
    dear = np.isfinite(costs) & (costs > stock[:, None, None] + 1e-9) & (pend >= 0)[:, :, None]
    out = np.zeros(st.size, bool)
    if dear.any():
        out = (engine.legal(st, role, budget=False) & dear).any(axis=(1, 2))
    fixed = afford(engine, st, role, picks)
    if fixed is not picks:
        out |= (fixed != picks).any(axis=1)
    return out & due


def settle_commitments(
    engine: Engine, st: BatchState, chosen: list[tuple[np.ndarray, int]]
) -> None:
    """After a turn's choices (`chosen`: rows and global option index): commitments lapse
    (kept), are broken (by an option or their condition: the penalty applies) or are
    made, in that order."""
    from game.engine.batch import Env

    sc = engine.sc
    g = st.size
    active = ~st.over
    for cm in sc.commitments:
        k = cm.index
        status = st.commit[:, k]
        standing = (status == MADE) & active
        if cm.lasts:
            done = standing & (st.turn - st.commit_turn[:, k] >= cm.lasts)
            status[done] = KEPT
            st.commit_turn[done, k] = st.turn
            standing &= ~done
        made = np.zeros(g, bool)
        broke = np.zeros(g, bool)
        for rows, index in chosen:
            if index in cm.made_by:
                made[rows] = True
            if index in cm.broken_by:
                broke[rows] = True
        broke &= standing
        if cm.broken_when is not None and standing.any():
            broke |= standing & as_mask(cm.broken_when(Env(st)), g)
        rows = broke.nonzero()[0]
        if rows.size:
            status[rows] = BROKEN
            st.commit_turn[rows, k] = st.turn
            cause = engine._cause(("broken", k), cm.id, "", ROLES[cm.role])
            engine._effects(st, rows, cm.penalty, cause)
        again = (made & ~broke & active).nonzero()[0]
        status[again] = MADE
        st.commit_turn[again, k] = st.turn
