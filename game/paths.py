"""Where bundled data lives: the checkout's scenarios/ and assets/, or the installed wheel's copies."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]


def _installed(package: str) -> Path:
    # game._scenarios and game._assets are namespace packages in the wheel (no
    # __init__.py), so importlib.resources gives a MultiplexedPath; the spec's search
    # location is a plain folder.
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the installed package has no {package}")
    return Path(next(iter(spec.submodule_search_locations)))


def scenarios_dir() -> Path:
    """The folder of bundled scenario files."""
    checkout = _ROOT / "scenarios"
    return checkout if checkout.is_dir() else _installed("game._scenarios")


def assets_dir() -> Path:
    """The folder of bundled assets (map data, …)."""
    checkout = _ROOT / "assets"
    return checkout if checkout.is_dir() else _installed("game._assets")
