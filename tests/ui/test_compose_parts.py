"""A screen's picture made a part at a time (`Screen.compose_step`: new pixels, bands of
the backdrop, one panel each) is the picture composed whole; asked for whole midway
(`compose`), it is whole too."""

from __future__ import annotations

import pygame

from game.ui.pixels import backdrop
from game.ui.screen import BUDGET
from tests.ui.helpers import open_turn


def _from_scratch(app, screen) -> bytes:
    surf = pygame.Surface(app.size)
    surf.blit(backdrop(app.size, screen.pal), (0, 0))
    for p in screen.panels.values():
        if p.shown:
            surf.blit(p.surface, p.rect)
    return pygame.image.tobytes(surf, "RGB")


def _px(surf) -> bytes:
    return pygame.image.tobytes(surf, "RGB")


def _draw(app, screen, *names) -> None:
    """The panels (all, or those named) drawn again, whole."""
    BUDGET.unlimited = True
    try:
        for p in screen.panels.values():
            if p.visible and p.rect.w > 0 and (not names or p.name in names):
                p.dirty = True
                p.prepare(app.painter, screen.panel_background(p))
    finally:
        BUDGET.unlimited = False


def test_a_picture_composed_in_parts_is_the_whole_picture(make_app, ui_dirs):
    app = make_app()
    open_turn(app)
    turn = app.top
    for midway in (None, 3):
        turn.release()  # new pixels, every panel drawn again, nothing composed
        _draw(app, turn)
        parts = 0
        while not turn.compose_step():
            parts += 1
            assert parts < 60
            if parts == midway:
                assert _px(turn.compose()) == _from_scratch(app, turn)  # whole when asked
        assert _px(turn._composed) == _from_scratch(app, turn)
        if midway is None:
            assert parts > 4  # new pixels, four bands of backdrop, the panels
    # one panel changed: only its area again, in a part or two
    _draw(app, turn, "decisions")
    parts = 0
    while not turn.compose_step():
        parts += 1
    assert 1 <= parts <= 2 and _px(turn._composed) == _from_scratch(app, turn)
