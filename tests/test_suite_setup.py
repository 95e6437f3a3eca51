"""The test suite's own set-up: how `make test` runs it, as the README says."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import pytest_collection_modifyitems

ROOT = Path(__file__).resolve().parents[1]


def test_readme_runs_the_tests_as_make_test_does():
    make = (ROOT / "Makefile").read_text("utf-8")
    target = re.search(r"^test: .*\n\t\$\(BIN\)/python -m pytest(.*)$", make, re.M)
    assert target, "no `test` target running pytest in the Makefile"
    options = target.group(1).split()
    assert options[:2] == ["-n", "auto"]
    readme = (ROOT / "README.md").read_text("utf-8")
    windows = re.search(r"^\.venv\\Scripts\\python -m pytest(.*?)&:: test$", readme, re.M)
    assert windows and windows.group(1).split() == options


def _item(name: str, seconds: float | None):
    mark = pytest.mark.heavy(seconds).mark if seconds is not None else None
    return SimpleNamespace(name=name, get_closest_marker=lambda _: mark)


def test_heavy_tests_start_first_the_longest_first_the_rest_in_order():
    items = [_item("a", None), _item("b", 5), _item("c", None), _item("d", 30), _item("e", 5)]
    pytest_collection_modifyitems(items)
    assert [i.name for i in items] == ["d", "b", "e", "a", "c"]
