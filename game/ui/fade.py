"""The cross-fade between screens, drawn without copying the old picture.

When the screen changes, the window still shows the old picture. Each frame of the fade
blends the new picture (drawn once, into a buffer) over the window's own pixels: blending
by `c` leaves (1 - c) of what the window shows, so `c` is chosen for the old picture's
share to follow the fade's curve. A frame costs one window-sized blend, and no frame
copies the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.ui.pixels import new_surface, release_surface

if TYPE_CHECKING:
    from game.ui.screen import Screen

FADE_SECONDS = 0.2
# a step of under 32/256 waits for the next frame: 8-bit blending rounds much of a small
# step away (the fade would lag its curve)
MIN_STEP = 32


def old_share(elapsed: float) -> float:
    """How much of the old picture shows `elapsed` seconds into a fade (1 to 0)."""
    k = elapsed / FADE_SECONDS
    return (1.0 - k) ** 1.6 if k < 1.0 else 0.0


class CrossFade:
    """The new picture's pixels, drawn once a fade (again if the picture changes)."""

    def __init__(self) -> None:
        self.buf: pygame.Surface | None = None
        self.drawn: Any = None  # the screen and picture state the buffer shows

    def reserve(self, size: tuple[int, int]) -> None:
        """Make the buffer's pixels ahead of the first fade (page faults, at start-up)."""
        if self.buf is None or self.buf.get_size() != size:
            release_surface(self.buf)
            self.buf, self.drawn = new_surface(size), None

    def frame(
        self,
        top: Screen,
        window: pygame.Surface,
        left: float,
        elapsed: float,
        paint: Any,
    ) -> tuple[str, float]:
        """One frame of the fade: ("blended", the old picture's share now), ("held", left)
        for a step too small to blend yet, or ("over", 0.0). `left` is the old picture's
        share in the window; `paint(top, surface)` draws the new picture whole."""
        share = old_share(elapsed)
        if share * 255 < 12 or window.get_size() != top.size:
            return "over", 0.0
        alpha = min(254, round(256 * (1.0 - share / left)))
        if alpha < MIN_STEP:
            return "held", left
        self.reserve(window.get_size())
        assert self.buf is not None
        if self.drawn != (id(top), top.picture_state()):
            paint(top, self.buf)
            self.drawn = (id(top), top.picture_state())
        # never 255: SDL takes a path ~10x slower for a fully opaque surface alpha
        self.buf.set_alpha(alpha)
        window.blit(self.buf, (0, 0))
        self.buf.set_alpha(None)
        return "blended", left * (1.0 - alpha / 256)  # (SDL blends by alpha/256)
