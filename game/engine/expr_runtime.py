"""The values compiled expressions work on: the public types, a small env for tests and tools,
and the numpy operations the compiled closures call.

Split from :mod:`game.engine.expr`, which compiles the expressions and re-exports the public names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import Any, Protocol

import numpy as np

from game.engine.dice import splitmix64

MAX_SOURCE = 500
MAX_DEPTH = 32
MAX_NODES = 300
MAX_RANDOM_SITES = 16
MAX_EXPONENT = 8

# states of a commitment (the engine's BatchState.commit): never made, standing, broken, kept
MADE, BROKEN, KEPT = 1, 2, 3

Fn = Callable[[Any], Any]


class ExprError(Exception):
    """A rejected expression: a message for the author and the 0-based column it points at."""

    def __init__(self, message: str, col: int = 0) -> None:
        # Both in args so the error survives pickling (e.g. across worker processes).
        super().__init__(message, col)
        self.message = message
        self.col = col

    def __str__(self) -> str:
        return self.message

    def pointer(self, source: str) -> str:
        """Return the source with a caret under the offending column, for error reports."""
        line = source.replace("\r", " ").replace("\n", " ")
        return f"{line}\n{' ' * max(0, min(self.col, len(line)))}^"


@dataclass(frozen=True)
class Scope:
    """The names an expression may use, each mapped to where the engine keeps it."""

    indicators: Mapping[str, int]
    ladders: Mapping[str, tuple[int, tuple[float, ...]]] = field(default_factory=dict)
    events: Mapping[str, int] = field(default_factory=dict)
    options: Mapping[str, int] = field(default_factory=dict)
    commitments: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Compiled:
    """A compiled expression: call it with an env to get one value per game."""

    source: str
    fn: Fn
    names: frozenset[str]
    refs: frozenset[tuple[str, str]]
    random_sites: int
    constant: bool
    # `(indicator, op, number)` of each top-level and-clause like `trade_bn >= 265` (read
    # from the syntax tree): the thresholds a condition sets, for dashboards and charts
    bounds: tuple[tuple[str, str, float], ...] = ()

    def __call__(self, env: Any) -> Any:
        return self.fn(env)


class Env(Protocol):
    """What compiled expressions read; the engine's batch state satisfies it by duck typing."""

    values: np.ndarray
    turn: int
    turns: int
    fired: np.ndarray
    last_fired: np.ndarray
    chosen: np.ndarray
    commit: np.ndarray  # (games, commitments): 0 never made, MADE, BROKEN or KEPT
    mean_mode: bool

    def draw(self, site: int) -> np.ndarray: ...


# --- a small env for tests and tools ----------------------------------------------------------

_M64 = (1 << 64) - 1


@dataclass
class SimpleEnv:
    """A minimal in-memory env with a deterministic hash-based draw, for tests and tools."""

    values: np.ndarray
    turn: int = 1
    turns: int = 10
    fired: np.ndarray | None = None
    last_fired: np.ndarray | None = None
    chosen: np.ndarray | None = None
    commit: np.ndarray | None = None
    mean_mode: bool = False
    seed: int = 0

    def __post_init__(self) -> None:
        self.values = np.asarray(self.values, dtype=np.float64)
        if self.values.ndim != 2:
            raise ValueError("SimpleEnv.values must have shape (games, indicators)")
        g = self.values.shape[0]
        if self.fired is None:
            self.fired = np.zeros((g, 0), dtype=np.int64)
        if self.last_fired is None:
            self.last_fired = np.full(np.shape(self.fired), -1000, dtype=np.int64)
        if self.chosen is None:
            self.chosen = np.zeros((g, 0), dtype=bool)
        if self.commit is None:
            self.commit = np.zeros((g, 0), dtype=np.int8)

    def draw(self, site: int) -> np.ndarray:
        """Return uniforms in [0, 1), one per game, fixed by (seed, game, turn, site)."""
        mix = splitmix64
        key = mix(mix(mix(self.seed & _M64) ^ (self.turn & _M64)) ^ (site & _M64))
        rows = np.arange(self.values.shape[0], dtype=np.uint64) ^ np.uint64(key)
        return (mix(rows) >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))


# --- broadcasting helpers ---------------------------------------------------------------------


def as_array(x: Any, n: int, dtype: Any = float) -> np.ndarray:
    """Return x as an array of shape (n,); scalars become a read-only broadcast view."""
    a = np.asarray(x, dtype=dtype)
    if a.shape == (n,):
        return a
    return np.broadcast_to(a, (n,))


def as_mask(x: Any, n: int) -> np.ndarray:
    """Return the truthiness (nonzero) of x as a bool array of shape (n,)."""
    a = np.asarray(x)
    if a.dtype != np.bool_:
        a = a != 0
    if a.shape == (n,):
        return a
    return np.broadcast_to(a, (n,))


# --- runtime operations (work on arrays and numpy scalars alike) ------------------------------


def _safe_div(x: Any, y: Any) -> Any:
    if isinstance(y, np.ndarray):
        r = np.true_divide(x, y)
        np.copyto(r, 0.0, where=y == 0)
        return r
    return x / y if y != 0 else 0.0


def _safe_mod(x: Any, y: Any) -> Any:
    if isinstance(y, np.ndarray):
        r = np.remainder(x, y)
        np.copyto(r, 0.0, where=y == 0)
        return r
    return np.remainder(x, y) if y != 0 else 0.0


def _truth(x: Any) -> Any:
    return x != 0


def _clamp(x: Any, lo: Any, hi: Any) -> Any:
    # min(max(...)) rather than np.clip so lo > hi has a defined answer (hi).
    return np.minimum(np.maximum(x, lo), hi)


def _sqrt(x: Any) -> Any:
    return np.sqrt(np.maximum(x, 0.0))


def _min_n(*xs: Any) -> Any:
    return reduce(np.minimum, xs)


def _max_n(*xs: Any) -> Any:
    return reduce(np.maximum, xs)


def _all_n(*xs: Any) -> Any:
    return reduce(np.logical_and, xs)


def _any_n(*xs: Any) -> Any:
    return reduce(np.logical_or, xs)


def _ladder_fn(col: int, thresholds: Sequence[float]) -> Fn:
    """Return env -> rung index: (count of thresholds <= value) - 1, floored at 0."""
    # Sorted, that equals the count of thresholds after the first that are <= value, which
    # needs no floor. Sorting also keeps that meaning if rungs arrive out of order.
    upper = [float(t) for t in sorted(float(t) for t in thresholds)[1:]]
    if not upper:

        def ground(env: Any) -> Any:
            return np.zeros(env.values.shape[0])

        return ground
    if len(upper) <= 8:
        # A few vectorised comparisons beat searchsorted, which branch-mispredicts per row.
        first, rest = upper[0], upper[1:]

        def ladder(env: Any) -> Any:
            v = env.values[:, col]
            r = (v >= first).astype(np.float64)
            for t in rest:
                r += v >= t
            return r

        return ladder
    th = np.asarray(upper)

    def long_ladder(env: Any) -> Any:
        return np.searchsorted(th, env.values[:, col], side="right").astype(np.float64)

    return long_ladder


def _reader(name: str, idx: int) -> Fn:
    """env -> one value per game of `fired`, `since`, `chose`, `pledged` or `broken` for the
    event, option or commitment at `idx`."""
    if name == "fired":
        return lambda env: env.fired[:, idx].astype(np.float64)
    if name == "since":
        return lambda env: np.float64(env.turn) - env.last_fired[:, idx]
    if name == "chose":
        return lambda env: env.chosen[:, idx].astype(np.float64)
    state = MADE if name == "pledged" else BROKEN
    return lambda env: (env.commit[:, idx] == state).astype(np.float64)


def _power(exponent: float) -> Callable[[Any], Any]:
    """Return x -> x ** exponent with the module's no-NaN rules for |exponent| <= 8."""
    n = abs(exponent)
    integral = float(n).is_integer()

    def pos(x: Any) -> Any:
        return np.power(x if integral else np.maximum(x, 0.0), n)

    if exponent >= 0:
        return pos

    def neg(x: Any) -> Any:
        return _safe_div(1.0, pos(x))

    return neg


def _py(v: Any) -> float | bool:
    """Return a folded constant as a Python float or bool (non-finite values kept)."""
    if isinstance(v, bool | np.bool_):
        return bool(v)
    return float(v)


def _clean(v: Any) -> float | bool:
    """Return a root constant as a Python float or bool, non-finite floats replaced."""
    if isinstance(v, bool | np.bool_):
        return bool(v)
    return float(np.nan_to_num(np.float64(v)))
