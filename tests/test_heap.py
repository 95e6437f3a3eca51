"""game/heap.py: freed memory is kept for the next arrays instead of faulted in anew."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from game import heap

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")

# Rounds of a forecast's pattern: twenty arrays of 600 KB made, then all freed. Prints the
# page faults of the last ten rounds, after `keep_freed_memory()` (or not).
PATTERN = """
import resource, sys
import numpy as np
from game.heap import keep_freed_memory
print(keep_freed_memory())
def rounds(n):
    for _ in range(n):
        arrays = [np.ones(75_000) for _ in range(20)]
        del arrays
rounds(3)
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
rounds(10)
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _faults(env: dict[str, str]) -> tuple[str, int]:
    out = subprocess.run(
        [sys.executable, "-c", PATTERN], capture_output=True, text=True, env=env, check=True
    )
    kept, faults = out.stdout.split()
    return kept, int(faults)


@linux
def test_kept_memory_serves_the_next_arrays_without_page_faults():
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    env.pop(heap.ENV, None)
    kept, faults = _faults(env)
    assert kept == "True"
    plain, plain_faults = _faults({**env, heap.ENV: "system"})
    assert plain == "False"
    # the C library's own settings fault every page of every round in again
    assert plain_faults > 10 * 20 * 100
    assert faults < plain_faults / 100


def test_the_setting_can_be_left_to_the_c_library(monkeypatch):
    monkeypatch.setenv(heap.ENV, "system")
    assert heap.keep_freed_memory() is False
