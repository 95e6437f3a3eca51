"""A real window: the game under Xvfb (an X server without a screen), driven to its first turn."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pygame
import pytest

CHILD = """
import ctypes
import ctypes.util

import pygame
from game.ui.app import run_window

def report(app):
    print("DRIVER", pygame.display.get_driver(), app.size, flush=True)

class XImage(ctypes.Structure):
    _fields_ = [(n, ctypes.c_int) for n in ("width", "height", "xoffset", "format")] + [
        ("data", ctypes.c_void_p)] + [(n, ctypes.c_int) for n in (
        "byte_order", "bitmap_unit", "bitmap_bit_order", "bitmap_pad", "depth",
        "bytes_per_line", "bits_per_pixel")]

def shown(app):
    # what the X server shows in the game's window, against the window's own pixels
    x11 = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11"))
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XGetImage.restype = ctypes.POINTER(XImage)
    x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong] + [ctypes.c_int] * 2 + [
        ctypes.c_uint] * 2 + [ctypes.c_ulong, ctypes.c_int]
    display = x11.XOpenDisplay(None)
    w, h = app.size
    window = pygame.display.get_wm_info()["window"]
    image = x11.XGetImage(display, window, 0, 0, w, h, 0xFFFFFFFF, 2).contents
    assert image.bits_per_pixel == 32, image.bits_per_pixel
    raw = ctypes.string_at(image.data, image.bytes_per_line * h)
    rows = [raw[y * image.bytes_per_line: y * image.bytes_per_line + w * 4] for y in range(h)]
    screen = pygame.image.frombuffer(b"".join(rows), (w, h), "BGRA").convert()
    own = pygame.image.tobytes(app.window, "RGB")
    other = pygame.image.tobytes(screen, "RGB")
    differ = sum(a != b for a, b in zip(own[::3], other[::3]))
    print("SHOWN", app.stats_partial, differ, flush=True)

def count(app):
    real = app.draw
    app.stats_partial = 0
    def draw():
        areas = real()
        app.stats_partial += areas is not None
        return areas
    app.draw = draw

raise SystemExit(run_window(
    scenario="tariff_friction", role="india", seed=1, screenshot_dir={out!r},
    script=["wait:5", report, "key:return", "until:tutorial", "key:escape", "until:turn",
            "idle", "wait:20", "shot:turn.png", count, "move:opt:0:0", "wait:5",
            "move:ind:trade_bn", "wait:5", "key:1", "wait:5", "move:map", "wait:5",
            "move:ind:us_support", "wait:10", shown, "quit"],
))
"""


def _free_display() -> int:
    for n in range(99, 160):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return n
    pytest.skip("no free X display number between :99 and :159")


def test_real_window_reaches_the_first_turn_under_xvfb(tmp_path):
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip(
            "Xvfb is not installed (Debian: apt-get install xvfb); it provides the real X window"
        )
    n = _free_display()
    server = subprocess.Popen(
        [xvfb, f":{n}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        socket = Path(f"/tmp/.X11-unix/X{n}")
        deadline = time.monotonic() + 15
        while not socket.exists():
            if server.poll() is not None:
                pytest.fail(f"Xvfb :{n} exited with code {server.returncode}")
            if time.monotonic() > deadline:
                pytest.fail(f"Xvfb :{n} did not start within 15 s")
            time.sleep(0.05)
        out = tmp_path / "shots"
        env = dict(
            os.environ,
            SDL_VIDEODRIVER="x11",
            DISPLAY=f":{n}",
            SDL_AUDIODRIVER="dummy",
            CONVERGENCE_DATA_DIR=str(tmp_path / "data"),
            CONVERGENCE_CONFIG_DIR=str(tmp_path / "config"),
        )
        run = subprocess.run(
            [sys.executable, "-c", CHILD.format(out=str(out))],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr[-3000:]
        assert "DRIVER x11" in run.stdout, run.stdout
        png = out / "turn.png"
        assert png.is_file() and png.stat().st_size > 10_000
        image = pygame.image.load(str(png))
        assert image.get_size() == (1280, 720)
        small = pygame.transform.scale(image, (64, 36))
        colours = {small.get_at((x, y))[:3] for x in range(64) for y in range(36)}
        assert len(colours) > 50, "the screenshot is (nearly) blank"
        # frames drawn in part (display.update of their areas) show on the X server what
        # the window's pixels hold
        shown = next(x for x in run.stdout.splitlines() if x.startswith("SHOWN"))
        partial, differ = (int(v) for v in shown.split()[1:])
        assert partial >= 10, shown
        assert differ == 0, shown
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
