"""Counter-based randomness: every draw is a pure function of (game seed, turn, draw site).

No generator state is carried between draws, so game *i* of a batch equals a single
game with seed *i*, a replay needs only the seed and the decisions, and a what-if
or a forecast keeps the same dice for everything but the changed choice.
"""

from __future__ import annotations

from typing import overload

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MUL1 = np.uint64(0xBF58476D1CE4E5B9)
_MUL2 = np.uint64(0x94D049BB133111EB)
_TURN = np.uint64(0xD6E8FEB86659FD93)
_SITE_INT = 0xA0761D6478BD642F
_M64 = 0xFFFFFFFFFFFFFFFF
_S30 = np.uint64(30)
_S27 = np.uint64(27)
_S31 = np.uint64(31)
_S11 = np.uint64(11)
_TO_UNIT = 1.0 / float(1 << 53)

# Draw sites above this offset belong to bots, so a bot's coin never shares a site
# with the scenario's own dice.
BOT_SITES = 1 << 40


def _mix(z: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser, in place on a uint64 array (wrapping arithmetic)."""
    z ^= z >> _S30
    z *= _MUL1
    z ^= z >> _S27
    z *= _MUL2
    z ^= z >> _S31
    return z


@overload
def splitmix64(z: np.ndarray) -> np.ndarray: ...
@overload
def splitmix64(z: int) -> int: ...
def splitmix64(z: np.ndarray | int) -> np.ndarray | int:
    """splitmix64 (add the golden gamma, then finalise) of a uint64 array or a Python int
    (mod 2**64): the project's one mixing function; `uniform` is built on it."""
    if isinstance(z, np.ndarray):
        with np.errstate(over="ignore"):
            out = z.astype(np.uint64) + _GOLDEN
            return _mix(out)
    return int(splitmix64(np.array([int(z) & 0xFFFFFFFFFFFFFFFF], dtype=np.uint64))[0])


def seeds_array(seeds: np.ndarray | list[int] | int) -> np.ndarray:
    """Game seeds as a uint64 array (negative seeds wrap, so any int is a seed)."""
    arr = np.atleast_1d(np.asarray(seeds, dtype=object))
    return np.array([int(s) & 0xFFFFFFFFFFFFFFFF for s in arr], dtype=np.uint64)


def turn_keys(seeds: np.ndarray, turn: int) -> np.ndarray:
    """One hashed key per game for this turn; draws of the turn derive from it."""
    with np.errstate(over="ignore"):
        z = seeds * _GOLDEN
        z += np.uint64(turn & 0xFFFFFFFF) * _TURN
        return _mix(z)


def uniform(keys: np.ndarray, site: int) -> np.ndarray:
    """Uniform floats in [0, 1), one per game, for this draw site: splitmix64 of the key
    xor the site's hash. (The site's product is taken mod 2**64 in Python, and array
    arithmetic wraps silently, so no error-state context is needed: it is a hot path.)"""
    z = np.bitwise_xor(keys, np.uint64(((site & _M64) * _SITE_INT) & _M64), dtype=np.uint64)
    z += _GOLDEN
    return (_mix(z) >> _S11).astype(np.float64) * _TO_UNIT
