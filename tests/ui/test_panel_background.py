"""A panel's background costs less and looks the same: the window backdrop is copied only
under its rounded corners, and the rounded rectangle fills each pixel once."""

from __future__ import annotations

import pygame

from game.ui.pixels import backdrop, backdrop_under_panel
from game.ui.theme import Fonts, _corner_sprite, draw_panel, palette, rounded_rect


def _same(a: pygame.Surface, b: pygame.Surface) -> bool:
    return pygame.image.tobytes(a, "RGB") == pygame.image.tobytes(b, "RGB")


def _rounded_rect_as_before(surface, rect, fill, border, radius) -> None:
    """The rounded rectangle as it was drawn before (two overlapping fills inside)."""
    x, y, w, h = rect
    r = max(0, min(int(radius), w // 2, h // 2))
    corner = _corner_sprite(fill, border, r)
    surface.fill(fill, (x + r, y + 1, w - 2 * r, h - 2))
    surface.fill(fill, (x + 1, y + r, w - 2, h - 2 * r))
    surface.fill(border, (x + r, y, w - 2 * r, 1))
    surface.fill(border, (x + r, y + h - 1, w - 2 * r, 1))
    surface.fill(border, (x, y + r, 1, h - 2 * r))
    surface.fill(border, (x + w - 1, y + r, 1, h - 2 * r))
    surface.blit(corner, (x, y), (0, 0, r, r))
    surface.blit(corner, (x + w - r, y), (r, 0, r, r))
    surface.blit(corner, (x, y + h - r), (0, r, r, r))
    surface.blit(corner, (x + w - r, y + h - r), (r, r, r, r))


def test_a_rounded_rectangle_has_the_pixels_it_had(screen):
    fill, border = (30, 40, 52), (70, 90, 110)
    for rect, radius in [((3, 4, 200, 90), 10), ((0, 0, 41, 17), 6), ((5, 5, 9, 30), 12)]:
        a, b = pygame.Surface((220, 110)), pygame.Surface((220, 110))
        for s in (a, b):
            s.fill((200, 10, 10))
        rounded_rect(a, pygame.Rect(rect), fill, border, radius)
        _rounded_rect_as_before(b, pygame.Rect(rect), fill, border, radius)
        assert _same(a, b), (rect, radius)


def test_a_panel_over_its_corners_of_backdrop_looks_as_over_all_of_it(screen):
    size = (1280, 720)
    pal = palette(False)
    for scale in (0.86, 1.0, 1.4):
        fonts = Fonts(scale)
        for area, title in [
            (pygame.Rect(815, 74, 449, 585), None),
            (pygame.Rect(16, 120, 380, 300), "Indicators"),
            (pygame.Rect(401, 401, 3, 60), None),  # too thin to round: all backdrop
        ]:
            whole = pygame.Surface(area.size)
            whole.blit(backdrop(size, pal), (0, 0), area)
            draw_panel(whole, pygame.Rect(0, 0, *area.size), pal, title, fonts)
            corners = pygame.Surface(area.size)
            corners.fill((250, 0, 250))  # whatever was there before
            backdrop_under_panel(corners, size, pal, area, fonts)
            draw_panel(corners, pygame.Rect(0, 0, *area.size), pal, title, fonts)
            assert _same(whole, corners), (scale, area, title)
