"""A monkey at the keyboard and mouse: thousands of random input events on every screen.

Keys (digits, Tab, arrows, Enter, Esc, F1, F5, F11, F12, letters, Ctrl+Shift+F), mouse
moves, clicks and wheel notches at random places, and window resizes, with the dummy video
driver and a fixed random seed. Whatever screen the monkey wanders to, the game must never
crash: the apology screen counts as a crash. A fixed number of events per screen (not a time
budget), so a run is the same on a fast or a busy machine and a crash replays.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable

import pygame
import pytest

from game.ui.playthrough import Driver
from game.ui.script import key_event

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SEED = 20261125
EVENTS = 250  # per screen: 3,250 in all
KEYS = (
    ["1", "2", "3", "4", "tab", "shift+tab", "left", "right", "up", "down", "return"]
    + ["escape", "space", "backspace", "delete", "page up", "page down"]
    + ["f1", "f5", "f12", "ctrl+shift+f"]
    + list(string.ascii_lowercase)
)
RARE = {"f5", "f12", "ctrl+shift+f", "f11", "q", "escape"}  # pressed less often


def fullscreen_works() -> bool:
    """F11 is only pressed where the video driver can switch to full screen and back."""
    pygame.display.init()
    try:
        pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
    except pygame.error:
        return False
    return True


class Monkey:
    def __init__(self, rng: random.Random, keys: list[str]) -> None:
        self.rng = rng
        self.keys = keys
        self.weights = [0.15 if k in RARE else 1.0 for k in keys]

    def event(self, size: tuple[int, int]) -> list[pygame.event.Event]:
        rng = self.rng
        roll = rng.random()
        pos = (rng.randrange(size[0]), rng.randrange(size[1]))
        if roll < 0.5:
            name = rng.choices(self.keys, self.weights)[0]
            evs = key_event(name)
            uni = evs[0].unicode
            if len(uni) == 1 and uni.isprintable():  # a real keyboard sends its text too
                evs.insert(1, pygame.event.Event(pygame.TEXTINPUT, text=uni))
            return evs
        if roll < 0.72:
            return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))]
        if roll < 0.88:
            button = rng.choice((1, 1, 1, 3))
            return [
                pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
                pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button),
            ]
        if roll < 0.985:
            return [
                pygame.event.Event(
                    pygame.MOUSEWHEEL, x=0, y=rng.choice((-3, -1, 1, 2)), flipped=False
                )
            ]
        w, h = rng.randint(1024, 2560), rng.randint(640, 1440)
        return [pygame.event.Event(pygame.VIDEORESIZE, w=w, h=h, size=(w, h))]


def _game(app, d: Driver, humans=None, flags=frozenset()):
    from game.ui.flow import start_game

    app.push(start_game(app, "tariff_friction", "india", "easy", 11, humans=humans, flags=flags))
    d.screen("briefing")
    d.key("return")
    d.screen("turn")


def _menu(app, d):
    from game.ui.menu import TitleScreen

    app.push(TitleScreen(app))
    d.frames(2)


def _newgame(app, d):
    _menu(app, d)
    d.click("new")
    d.screen("newgame")
    d.idle()


def _briefing(app, d):
    from game.ui.flow import start_game

    app.push(start_game(app, "lac_tensions", "us", "normal", 3))
    d.screen("briefing")


def _turn(app, d):
    _game(app, d, flags=frozenset({"notes_required"}))


def _summary(app, d):
    _game(app, d)
    d.decide_turn()
    d.screen("summary")


def _pause(app, d):
    _game(app, d)
    d.key("escape")
    d.screen("pause")


def _settings(app, d):
    _pause(app, d)
    d.key("o")
    d.screen("settings")


def _help(app, d):
    _game(app, d)
    d.key("f1")
    d.screen("help")


def _load(app, d):
    _game(app, d)  # an autosave to list
    d.decide_turn()
    d.screen("summary")
    _menu(app, d)
    d.click("load")
    d.screen("load")


def _end(app, d):
    from game.ui.facilitator import end_game_now

    _game(app, d)
    app.apply(end_game_now(app))
    d.screen("end")


def _facilitator(app, d):
    _game(app, d, humans=["india", "us"])
    for e in key_event("ctrl+shift+f"):
        pygame.event.post(e)
    d.frames(1)
    assert app.top.name == "facilitator"


def _world(app, d):
    _game(app, d)
    d.key("m")
    d.screen("world")


def _handover(app, d):
    _game(app, d, humans=["india", "us"])
    d.decide_turn()
    d.screen("handover")


SCREENS: list[tuple[str, Callable]] = [
    ("menu", _menu),
    ("newgame", _newgame),
    ("briefing", _briefing),
    ("turn", _turn),
    ("summary", _summary),
    ("pause", _pause),
    ("settings", _settings),
    ("help", _help),
    ("load", _load),
    ("end", _end),
    ("facilitator", _facilitator),
    ("handover", _handover),
    ("world", _world),
]


def test_random_input_on_every_screen_never_crashes(make_app, ui_dirs):
    rng = random.Random(SEED)
    keys = list(KEYS) + (["f11"] if fullscreen_works() else [])
    monkey = Monkey(rng, keys)
    total = 0
    seen: set[str] = set()
    for name, setup in SCREENS:
        app = make_app(size=(1280, 720))
        d = Driver(app)
        setup(app, d)
        assert app.top is not None and app.top.name == name, (name, app.top and app.top.name)
        first = total
        away = 0
        while total - first < EVENTS:
            batch = []
            for _ in range(4):
                batch += monkey.event(app.size)
            total += len(batch)
            seen.add(app.top.name if app.top is not None else "none")  # the screen given input
            app.frame(batch)
            top = app.top
            where = top.name if top is not None else "none"
            if app._crashes or where == "apology":
                log = app.last_crash_log.read_text() if app.last_crash_log else "(no log)"
                pytest.fail(f"crashed on the {name} screen after {total} events:\n{log}")
            if not app.running:  # the monkey quit the game: start this screen again
                app.running = True
                app.stack.clear()
                app.session = None
                setup(app, d)
                continue
            away = away + 1 if where != name else 0
            if away > 40:  # wandered off for long: back to the screen under test
                app.stack.clear()
                app.session = None
                app.settings.settings_locked = False
                app.settings.facilitator_pin = ""
                setup(app, d)
                away = 0
    from game.ui import i18n

    i18n.set_language("en")  # the monkey may have switched the language in Settings
    assert total >= EVENTS * len(SCREENS)
    assert {n for n, _ in SCREENS} <= seen
