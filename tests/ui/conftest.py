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
