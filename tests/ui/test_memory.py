"""Pixel memory reuse: closed screens hand their surfaces back, and new ones take them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pygame

from game.ui import pixels as scr


def test_released_surfaces_are_reused_and_alpha_ones_are_not(screen, monkeypatch):
    monkeypatch.setattr(scr, "_POOL", {})
    monkeypatch.setattr(scr, "_pooled", 0)
    a = scr.new_surface((123, 45))
    a.set_alpha(90)
    a.set_clip(pygame.Rect(0, 0, 5, 5))
    scr.release_surface(a)
    assert scr.new_surface((123, 45)) is a  # same size: the same pixels again
    assert a.get_alpha() in (None, 255) and a.get_clip() == a.get_rect()  # as a new one
    assert scr.new_surface((123, 45)) is not a  # ... only once
    b = pygame.Surface((123, 45), pygame.SRCALPHA)
    scr.release_surface(b)
    assert scr.new_surface((123, 45)) is not b
    c = scr.new_surface((50, 50))
    scr.release_surface(c)
    scr.release_surface(c)  # twice is harmless
    assert scr.new_surface((50, 50)) is c and scr.new_surface((50, 50)) is not c


def test_the_pool_is_bounded(screen, monkeypatch):
    monkeypatch.setattr(scr, "_POOL", {})
    monkeypatch.setattr(scr, "_pooled", 0)
    big = [scr.new_surface((1280, 720)) for _ in range(10)]
    for s in big:
        scr.release_surface(s)
    assert scr._pooled <= scr._POOL_PIXELS
    assert len(scr._POOL[(1280, 720)]) == scr._POOL_PIXELS // (1280 * 720)
    kept = list(scr._POOL[(1280, 720)])
    newer = scr.new_surface((640, 360))
    scr.release_surface(newer)  # a full pool makes room for what was closed last
    assert scr._POOL[(640, 360)] == [newer] and scr._pooled <= scr._POOL_PIXELS
    assert scr._POOL[(1280, 720)] == kept[1:]


def test_a_closed_screen_gives_its_pixels_back(make_app, ui_dirs, monkeypatch):
    monkeypatch.setattr(scr, "_POOL", {})
    monkeypatch.setattr(scr, "_pooled", 0)
    from game.ui.menu import TitleScreen
    from game.ui.overlays import HelpScreen
    from game.ui.playthrough import Driver

    app = make_app()
    d = Driver(app)
    app.push(TitleScreen(app))
    d.frames(3)
    app.push(HelpScreen(app))
    help_ = app.top
    d.until(lambda: not any(p.dirty for p in help_.panels.values()), 60, "the help drawn")
    pixels = [p.surface for p in help_.panels.values() if p.surface is not None]
    assert pixels
    d.key("escape")
    assert app.top.name == "menu"
    assert all(p.surface is None and p.dirty for p in help_.panels.values())
    pooled = [s for free in scr._POOL.values() for s in free]
    assert any(s is pixels[0] for s in pooled)


MEMORY_PROBE = """
import ctypes, json, sys
from game.ui.pixels import keep_pixel_memory

kept = [keep_pixel_memory(48), keep_pixel_memory(48)] if sys.argv[1] == "keep" else []
free_mb = None
try:
    class MallInfo2(ctypes.Structure):
        _fields_ = [(n, ctypes.c_size_t) for n in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
            "uordblks", "fordblks", "keepcost")]
    libc = ctypes.CDLL(None)
    libc.mallinfo2.restype = MallInfo2
    blocks = [bytearray(8 << 20) for _ in range(4)]  # window-sized surfaces, then closed
    del blocks
    free_mb = libc.mallinfo2().fordblks / 2**20  # freed memory the heap kept
except (OSError, AttributeError):
    pass  # not glibc
print(json.dumps({"kept": kept, "free_mb": free_mb}))
"""


def _probe(mode: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, mode],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k != "CONVERGENCE_MALLOC"},  # (opt-out)
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_keeping_pixel_memory_keeps_freed_blocks_in_the_heap():
    """Run in a child process: mallopt changes the allocator of the whole process, and the
    test process must keep its own (the UI tests' conftest stubs the call out for them)."""
    kept = _probe("keep")
    if not sys.platform.startswith("linux"):
        assert kept["kept"] == [False, False]
        return
    assert kept["kept"][0] == kept["kept"][1]  # asking twice is harmless and says the same
    if kept["free_mb"] is None:  # Linux without glibc (musl): nothing to set up
        assert kept["kept"] == [False, False]
        return
    plain = _probe("plain")
    assert kept["kept"] == [True, True]
    # big freed blocks go back to the system by default, and stay in the heap once kept
    assert plain["free_mb"] < 16 and kept["free_mb"] >= 40
