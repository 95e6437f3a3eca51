"""The fonts the game draws with ship in assets/fonts with their licences; pygame_gui is not needed."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from game import paths
from game.ui import theme

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
sys.modules["pygame_gui"] = None  # any import of pygame_gui now fails
import pygame
pygame.font.init()
from game.ui import theme
from game.ui.painter import Style
st = Style((1280, 720), 1.0, False)
st.preload()
print(st.font("body").name, "|", st.font("mono").name)
print(theme._bundled_font_path(False, False))
print(theme._bundled_font_path(True, True))
"""


def test_every_font_named_by_the_theme_ships_with_a_licence():
    folder = paths.assets_dir() / "fonts"
    assert theme.font_dir() == folder
    for name in [*theme._FONT_FILES.values(), "FiraCode-Regular.ttf"]:
        data = (folder / name).read_bytes()
        assert data[:4] in (b"\x00\x01\x00\x00", b"OTTO"), name  # a TrueType/OpenType file
    for licence in ("NotoSans-LICENSE.txt", "FiraCode-LICENSE.txt"):
        assert "SIL Open Font License, Version 1.1" in (folder / licence).read_text("utf-8")


def test_text_is_drawn_with_the_shipped_fonts_when_pygame_gui_cannot_be_imported():
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    faces, regular, bold_italic = out.stdout.strip().splitlines()[-3:]
    assert faces == "Noto Sans | Fira Code"
    fonts = paths.assets_dir() / "fonts"
    assert Path(regular) == fonts / "NotoSans-Regular.ttf"
    assert Path(bold_italic) == fonts / "NotoSans-BoldItalic.ttf"


def test_nothing_imports_pygame_gui_and_it_is_no_dependency():
    for path in (ROOT / "game").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.split(".")[0] == "pygame_gui" for n in names), path
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert "pygame_gui" not in node.value, path  # no find_spec("pygame_gui") either
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert not any("pygame_gui" in d or "pygame-gui" in d for d in project["dependencies"])
    assert "pygame_gui" not in (ROOT / "constraints.txt").read_text("utf-8")
