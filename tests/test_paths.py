"""Bundled data is found from a checkout and from an installed wheel's namespace packages."""

from __future__ import annotations

import sys

from game import paths


def test_checkout_folders_are_found():
    assert (paths.scenarios_dir() / "tariff_friction.yaml").is_file()
    assert (paths.assets_dir() / "map" / "indo_pacific.json").is_file()


def test_installed_namespace_package_is_found(tmp_path, monkeypatch):
    # an installed wheel ships scenarios/ as game/_scenarios with no __init__.py
    site = tmp_path / "site"
    (site / "fakepkg" / "_data").mkdir(parents=True)
    (site / "fakepkg" / "__init__.py").write_text("")
    (site / "fakepkg" / "_data" / "x.yaml").write_text("format: 1\n")
    monkeypatch.syspath_prepend(str(site))
    try:
        found = paths._installed("fakepkg._data")
        assert (found / "x.yaml").read_text() == "format: 1\n"
    finally:
        for name in ("fakepkg._data", "fakepkg"):
            sys.modules.pop(name, None)
