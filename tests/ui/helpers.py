"""Getting a test's window to the screen it is about, the way a player does."""

from __future__ import annotations

from typing import Any

from game.ui.flow import start_game
from game.ui.menu import TitleScreen
from game.ui.playthrough import Driver


def open_turn(
    app: Any,
    scenario: str = "tariff_friction",
    role: str = "india",
    difficulty: str = "normal",
    seed: int = 7,
    *,
    title: bool = True,
) -> Driver:
    """Start a game (over the title screen unless `title` is False), read past its briefing
    and wait until the first turn screen is idle; the Driver that did it."""
    d = Driver(app)
    if title:
        app.push(TitleScreen(app))
    app.push(start_game(app, scenario, role, difficulty, seed))
    d.screen("briefing")
    d.key("return")
    d.screen("turn")
    d.idle()
    return d


def open_new_game(app: Any, d: Driver) -> Any:
    """The New game screen, reached from the title screen's button."""
    app.push(TitleScreen(app))
    d.frames(2)
    d.click("new")
    d.screen("newgame")
    d.idle()
    return app.top
