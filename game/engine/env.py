"""What compiled expressions see of a batch: the state of some of its games this turn."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from game.engine import dice

if TYPE_CHECKING:
    from game.engine.batch import BatchState


class _Columns:
    """Some rows of a (games, n) array, gathered one column at a time as expressions ask."""

    __slots__ = ("_arr", "_rows", "_cols", "shape")

    def __init__(self, arr: np.ndarray, rows: np.ndarray) -> None:
        self._arr = arr
        self._rows = rows
        self._cols: dict[int, np.ndarray] = {}
        self.shape = (rows.size, arr.shape[1])

    def __getitem__(self, key: Any) -> np.ndarray:
        if isinstance(key, tuple) and len(key) == 2 and key[0] == slice(None):
            col = key[1]
            if isinstance(col, int | np.integer):
                got = self._cols.get(int(col))
                if got is None:
                    got = self._cols[int(col)] = self._arr[:, col][self._rows]
                return got
        return self._arr[self._rows][key]

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        out = self._arr[self._rows]
        return out if dtype is None else out.astype(dtype)


class Env:
    """What expressions see: the state of some rows of a batch at the current turn."""

    __slots__ = ("_st", "_rows", "turn", "turns", "mean_mode", "_cache")

    def __init__(self, st: BatchState, rows: np.ndarray | None = None, mean_mode: bool = False):
        self._st = st
        self._rows = rows
        self.turn = st.turn
        self.turns = st.turns
        self.mean_mode = mean_mode
        self._cache: dict[str, Any] = {}

    def _get(self, name: str) -> Any:
        arr = getattr(self._st, name)
        if self._rows is None:
            return arr
        cached: Any = self._cache.get(name)
        if cached is None:
            if arr.ndim == 2:
                # expressions read a few columns; gather only those, on first use
                cached = _Columns(arr, self._rows)
            else:
                cached = arr[self._rows]
            self._cache[name] = cached
        return cached

    @property
    def values(self) -> np.ndarray:
        return self._get("values")

    @property
    def fired(self) -> np.ndarray:
        return self._get("fired")

    @property
    def last_fired(self) -> np.ndarray:
        return self._get("last_fired")

    @property
    def chosen(self) -> np.ndarray:
        return self._get("chosen")

    @property
    def commit(self) -> np.ndarray:
        return self._get("commit")

    def draw(self, site: int) -> np.ndarray:
        """Uniform [0, 1) per row for this draw site and turn."""
        return dice.uniform(self._get("keys"), site)
