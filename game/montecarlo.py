"""Simulate across processes: chunks of games spread over the cores, summed in the parent.

Workers load the scenario themselves (compiled closures do not cross processes) and
send back plain arrays. Chunks have fixed seeds, so the numbers do not depend on the
number of workers.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

from game.engine.simulate import CHUNK, Tally, chunks, report, run_chunk, simulate

_SCENARIO: Any = None


def _init(name: str) -> None:
    global _SCENARIO
    from game.scenario.loader import load

    _SCENARIO = load(name)


def _work(first: int, count: int, policy: str | Mapping[str, str]) -> dict[str, Any]:
    return run_chunk(_SCENARIO, first, count, policy).parts()


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def simulate_many(
    name: str,
    runs: int,
    *,
    policy: str | Mapping[str, str] = "random",
    seed: int = 0,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Like engine.simulate.simulate, over `workers` processes when that helps."""
    from game.scenario.loader import load

    scenario = load(name)
    parts = chunks(runs, seed, CHUNK)
    workers = min(workers or default_workers(), len(parts))
    if workers <= 1:
        return simulate(scenario, runs, policy=policy, seed=seed, progress=progress)
    tally = Tally(scenario)
    t0 = time.perf_counter()
    done = 0
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(name,)) as pool:
        futures = {pool.submit(_work, first, count, policy): count for first, count in parts}
        for fut in as_completed(futures):
            tally.absorb(fut.result())
            done += futures[fut]
            if progress is not None:
                progress(done, runs)
    elapsed = time.perf_counter() - t0
    return report(
        scenario, tally, runs=runs, seed=seed, policy=policy, elapsed=elapsed, workers=workers
    )
