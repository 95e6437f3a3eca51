"""Safe keys: Esc never quits, quitting or leaving a turn with choices asks first, the key
that opens a text field is not typed into it and Esc cancels the field (events posted to a
window under the dummy video driver)."""

from __future__ import annotations

import pygame
import pytest

from game.ui.flow import start_game
from game.ui.menu import TitleScreen
from game.ui.playthrough import Driver
from game.ui.script import key_event

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def real_key(d: Driver, name: str) -> None:
    """A key as a real keyboard sends it: KEYDOWN, its TEXTINPUT twin, KEYUP."""
    down, up = key_event(name)
    events = [down]
    if len(down.unicode) == 1 and down.unicode.isprintable():
        events.append(pygame.event.Event(pygame.TEXTINPUT, text=down.unicode))
    events.append(up)
    for e in events:
        pygame.event.post(e)
    d.frames(1)


def menu(app, d: Driver) -> None:
    app.push(TitleScreen(app))
    d.frames(2)


def game(app, d: Driver) -> None:
    app.push(TitleScreen(app))
    app.push(start_game(app, "tariff_friction", "india", "easy", 7))
    d.screen("briefing")
    d.key("return")
    d.screen("turn")


def test_escape_on_the_main_menu_and_new_game_never_quits(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    menu(app, d)
    d.key("escape", "escape")
    assert app.running and app.top.name == "menu"
    d.click("new")
    d.screen("newgame")
    d.idle()
    while app.top.section != "seed":
        d.key("tab")
    real_key(d, "5")
    d.key("escape", "escape", "escape")  # the seed field, New game, the menu
    assert app.running and app.top.name == "menu"


def test_quit_asks_first_and_escape_stays(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    menu(app, d)
    d.key("q")
    d.screen("notice")
    assert app.top.describe()["buttons"] == ["quit", "stay"]
    d.key("escape")
    assert app.running and app.top.name == "menu"
    d.key("q")
    d.screen("notice")
    d.key("q")
    assert not app.running and app.exit_code == 0


def test_leaving_a_turn_with_choices_asks_first(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    game(app, d)
    s = app.session
    d.key("escape", "q")  # nothing chosen yet: straight to the main menu
    d.screen("menu")
    assert app.session is None
    game(app, d)
    d.key("1")
    assert app.session.choices
    d.key("escape", "q")
    d.screen("notice")
    assert app.top.describe()["buttons"] == ["leave", "stay"]
    d.key("escape")  # stay: back on the pause menu, the choice kept
    d.screen("pause")
    assert app.session is not None and app.session.choices
    d.key("escape")
    d.screen("turn")
    d.key("escape", "q", "l")  # leave and lose them
    d.screen("menu")
    assert app.session is None and s is not None


def test_closing_the_window_with_choices_asks_and_a_second_close_quits(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    game(app, d)
    d.key("1")
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    d.frames(1)
    assert app.running and app.top.name == "notice"
    d.key("escape")
    assert app.running and app.top.name == "turn"
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    d.frames(1)
    assert not app.running


def test_n_opens_the_note_without_typing_and_escape_cancels(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    game(app, d)
    s = app.session
    turn = app.top
    slot = turn.focused().slot
    real_key(d, "n")
    assert turn.classroom.note_focus and s.notes.get(slot, "") == ""
    for ch in "ok now":
        real_key(d, "space" if ch == " " else ch)
    assert s.notes[slot] == "ok now"  # each letter once: no "n" from the key that opened it
    d.key("return")
    assert not turn.classroom.note_focus
    real_key(d, "n")
    for ch in "xyz":
        real_key(d, ch)
    assert s.notes[slot] == "ok nowxyz"
    d.key("escape")  # cancel: the note is what it was before
    assert not turn.classroom.note_focus and s.notes[slot] == "ok now"
    assert app.top.name == "turn"


def test_settings_say_what_hindi_covers(make_app, ui_dirs):
    app = make_app(language="hi")
    d = Driver(app)
    menu(app, d)
    app.push(app.flow.settings())
    d.frames(2)
    texts = [r.text for r in app.redraw_all(record=True)]
    assert "\u0939\u093f\u0928\u094d\u0926\u0940" in texts  # no longer "(partial)"
    assert not any("partial" in t for t in texts)
    # and which scenarios it covers: the whole interface and Tariff Friction
    assert any("टैरिफ़ टकराव" in t and "बाकी परिदृश्य" in t for t in texts)
