"""The picture a cross-fade starts from: a copy of the window made at a screen change, or
ahead of one a band a frame while the picture is kept on screen (a turn resolving before
its summary), so that the change's own frame copies only what is left."""

from __future__ import annotations

import pygame

from game.ui.pixels import new_surface


class FadeSource:
    """A window-sized copy of the picture on screen and how many of its rows are done."""

    def __init__(self) -> None:
        self.buf: pygame.Surface | None = None
        self.rows = 0  # rows of the picture on screen copied ahead (see `ahead`)

    def surface(self, window: pygame.Surface) -> pygame.Surface:
        """The copy's pixels (made once per window size: page faults), opaque."""
        if self.buf is None or self.buf.get_size() != window.get_size():
            self.buf, self.rows = new_surface(window.get_size()), 0
        self.buf.set_alpha(None)
        return self.buf

    def ahead(self, window: pygame.Surface, bands: int = 4) -> None:
        """Copy the next band of the picture on screen (a window-sized copy took 4-6 ms)."""
        buf = self.surface(window)
        w, h = buf.get_size()
        band = min(h - self.rows, -(-h // bands))
        buf.blit(window, (0, self.rows), (0, self.rows, w, band))
        self.rows += band

    def take(self, window: pygame.Surface) -> pygame.Surface:
        """The whole picture on screen: what is left of it copied now."""
        buf = self.surface(window)
        y, self.rows = self.rows, 0
        buf.blit(window, (0, y), (0, y, buf.get_width(), buf.get_height() - y))
        return buf

    def forget(self) -> None:
        """The window was drawn again: rows copied ahead are not of its picture."""
        self.rows = 0
