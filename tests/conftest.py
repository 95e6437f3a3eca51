"""Suite-wide set-up: every test process keeps its data apart, and the long tests start first.

`make test` runs the suite over several processes (pytest-xdist, `-n auto --dist worksteal`).
A test marked `heavy(seconds)` (a rough figure on one free core) is moved to the front, the
longest first, so no long test is left to run alone at the end while the other cores idle.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_MADE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "heavy(seconds): a long test (rough seconds on one free core); it runs first"
    )
    # Saves, autosaves and settings of anything that does not choose its own folders go to a
    # folder of this test process, never to the user's own (or to another process's: xdist's
    # workers inherit the environment of the process that started them).
    inherited = os.environ.get("SC_TEST_DIRS") == "1"
    for var in ("CONVERGENCE_DATA_DIR", "CONVERGENCE_CONFIG_DIR"):
        if inherited or not os.environ.get(var):
            os.environ[var] = tempfile.mkdtemp(prefix=f"sc-{var[12:].lower()}-")
            _MADE.append(var)
    if _MADE:
        os.environ["SC_TEST_DIRS"] = "1"


def pytest_unconfigure(config: pytest.Config) -> None:
    for var in _MADE:
        shutil.rmtree(os.environ.pop(var), ignore_errors=True)
    _MADE.clear()


def weight(item: pytest.Item) -> float:
    mark = item.get_closest_marker("heavy")
    return float(mark.args[0]) if mark and mark.args else 0.0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: -weight(item))  # stable: the rest keep their order
