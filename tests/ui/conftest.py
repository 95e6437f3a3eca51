"""Fixtures for UI tests: headless SDL (dummy video and audio drivers)."""

from __future__ import annotations

import os

# Must happen before pygame is imported anywhere.
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture
def screen() -> pygame.Surface:
    """pygame initialised, with a 1280x720 display surface."""
    pygame.init()
    surface = pygame.display.set_mode((1280, 720))
    surface.fill((0, 0, 0))
    return surface


@pytest.fixture(autouse=True, scope="session")
def _test_process_keeps_its_allocator():
    """The menu's preload calls `keep_pixel_memory()`, which changes glibc's allocator for
    the whole process (mallopt): in the test process it does nothing (test_memory.py runs
    the real one in a child process)."""
    from game.ui import pixels

    real = pixels.keep_pixel_memory
    pixels.keep_pixel_memory = lambda reserve_mb=48: False
    yield
    pixels.keep_pixel_memory = real


# -- fixtures for the desktop game (game.ui.app) -------------------------------------------


@pytest.fixture
def ui_dirs(tmp_path, monkeypatch):
    """Throw-away data (saves, autosave, crash logs) and settings folders."""
    data = tmp_path / "data"
    config = tmp_path / "config"
    monkeypatch.setenv("CONVERGENCE_DATA_DIR", str(data))
    monkeypatch.setenv("CONVERGENCE_CONFIG_DIR", str(config))
    return data, config


@pytest.fixture
def make_app(ui_dirs, tmp_path):
    """Build App windows (dummy driver) with fast test settings; closed after the test.

    Defaults: no sound, no animations, no assessments (forecasts), guided tour already
    seen, and a thread instead of the helper process for background work.
    """
    from game.ui.app import App
    from game.ui.files import flush_saves
    from game.ui.settings import Settings
    from game.ui.worker import Worker

    apps = []

    def make(size=(1280, 720), worker=None, **overrides):
        values = dict(
            width=size[0],
            height=size[1],
            sound=False,
            animations=False,
            forecasts=False,
            tutorial_seen=True,
        )
        values.update(overrides)
        app = App(Settings(**values), worker=worker or Worker(), screenshot_dir=tmp_path / "shots")
        apps.append(app)
        return app

    yield make
    flush_saves()
    for app in apps:
        if type(app.worker) is Worker:  # the shared helper process outlives a test
            app.worker.stop()
    pygame.display.quit()
