"""Which options are legal, for a whole batch at once; rows grouped by value.

Every pending decision of a slot is read from per-event tables in one gather instead of
one group of games per event and option; only conditions on availability are evaluated
per event, on the games that face it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from game.engine.compiler import CompiledScenario
from game.engine.expr import as_mask

if TYPE_CHECKING:
    from game.engine.batch import BatchState, Engine, Env


def groups(col: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """(value, rows) for each value >= 0 in `col`, rows ascending: one sort, not one scan per value."""
    order = np.argsort(col, kind="stable")
    ordered = col[order]
    start = int(np.searchsorted(ordered, 0))
    if start == ordered.size:
        return []
    # where the sorted values change (np.unique would sort them a second time)
    bounds = [
        start,
        *(np.flatnonzero(ordered[start + 1 :] != ordered[start:-1]) + start + 1).tolist(),
    ]
    values = ordered[bounds].tolist()
    bounds.append(ordered.size)
    return [(int(v), order[bounds[i] : bounds[i + 1]]) for i, v in enumerate(values)]


def any_across(mask: np.ndarray) -> np.ndarray:
    """`mask.any(axis=1)` of a (rows, few columns) bool array, one column at a time: numpy
    reduces short rows one row at a time, over ten times slower."""
    out = mask[:, 0].copy()
    for j in range(1, mask.shape[1]):
        out |= mask[:, j]
    return out


class OptionTables:
    """Per event (rows) and option (columns, up to the scenario's most options)."""

    def __init__(self, sc: CompiledScenario) -> None:
        n_ev, k = max(len(sc.events), 1), sc.max_options
        # options whose availability is a constant that holds; events with a condition
        self.available = np.zeros((n_ev, k), bool)
        self.varies = np.zeros(n_ev, bool)
        # an option costing something is legal where the resource >= cost - 1e-9
        self.price_gate = np.full((n_ev, k), np.inf)
        self.priced = False
        for e, ev in enumerate(sc.events):
            for o, opt in enumerate(ev.options):
                if opt.available.constant:
                    self.available[e, o] = bool(opt.available.fn(None))
                else:
                    self.varies[e] = True
                self.price_gate[e, o] = opt.cost - 1e-9 if opt.cost > 0 else -np.inf
                self.priced |= opt.cost > 0
        # per event, the resource at which every one of its options is affordable
        self.dearest = np.where(np.isfinite(self.price_gate), self.price_gate, -np.inf).max(axis=1)


def legal_options(
    engine: Engine,
    st: BatchState,
    role: int,
    env_type: type[Env],
    spent: np.ndarray | None = None,
    rows: np.ndarray | None = None,
    budget: bool = True,
) -> np.ndarray:
    """See `Engine.legal` (`env_type`: the batch's Env, which this module cannot import)."""
    sc, tb = engine.sc, engine.tables
    s = sc.decisions_per_turn
    out = np.zeros((st.size if rows is None else rows.size, s, sc.max_options), bool)
    stock = engine.stock(st, role) if budget else None
    if stock is not None and spent is not None:
        stock = stock - spent
    for slot in range(s):
        col = st.pending[:, role, slot] if rows is None else st.pending[rows, role, slot]
        at = (col >= 0).nonzero()[0]
        if at.size == 0:
            continue
        games = at if rows is None else rows[at]
        evs = col[at]
        # every pending decision at once from the tables; conditions per event after
        block = tb.available[evs]
        dyn = tb.varies[evs]
        if dyn.any():
            for e, sub in groups(np.where(dyn, evs, -1)):
                env = env_type(st, games[sub])
                for o, opt in enumerate(sc.events[e].options):
                    if not opt.available.constant:
                        block[sub, o] = as_mask(opt.available(env), sub.size)
        if stock is not None and tb.priced:
            # only where the resource falls short of the event's dearest option
            have = stock[games]
            short = (~(have >= tb.dearest[evs])).nonzero()[0]
            if short.size:
                block[short] &= have[short][:, None] >= tb.price_gate[evs[short]]
        # A decision always has an answer: if nothing is available, the first option is.
        block[~any_across(block), 0] = True
        out[:, slot, :][at] = block
    return out
