"""The desktop game driven like a player: posted mouse and keyboard events, menu to end screen."""

from __future__ import annotations

import json

import pytest

from game.scenario.loader import bundled_ids, load_result
from game.ui.files import flush_saves
from game.ui.menu import TitleScreen
from game.ui.playthrough import Driver

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _new_game_by_mouse(d: Driver, scenario: str, role: str = "india", seed: str = "3") -> None:
    """Main menu -> New game -> pick scenario, role, difficulty, seed -> Start (mouse, plus digits)."""
    d.click("new")
    d.screen("newgame")
    d.idle()
    ng = d.app.top
    ids = [e.id for e in ng.entries]
    index = ids.index(scenario)
    for _ in range(len(ids)):
        if f"row:{index}" in ng.targets():
            break
        d.key("down")  # scroll the list by moving the selection
    d.click(f"row:{index}")
    d.click(f"role:{role}")
    d.click("diff:easy")
    d.click("seed")
    d.key("delete")
    for ch in seed:
        d.key(ch)
    assert ng.describe() | {"seed": seed} == ng.describe()
    d.click("start")


@pytest.mark.parametrize("scenario", bundled_ids())
def test_every_bundled_scenario_from_menu_to_end(make_app, ui_dirs, scenario):
    app = make_app()
    d = Driver(app)
    app.push(TitleScreen(app))
    d.frames(2)
    result = load_result(scenario)
    assert result.ok, [e.format() for e in result.errors]  # a bundled scenario always plays
    _new_game_by_mouse(d, scenario, role="us" if scenario == "lac_tensions" else "india")
    d.screen("briefing")
    d.click("begin")
    d.screen("turn")
    d.play_to_end(mouse=True)
    end = app.top.describe()
    assert end["name"] == "end" and end["ending"]
    assert set(end["scores"]) == {"india", "us"}
    for tab in ("tab:timeline", "tab:debrief", "tab:charts"):
        d.click(tab)
    flush_saves()
    auto = json.loads((ui_dirs[0] / "autosave.json").read_text())
    assert auto["over"] is True and auto["scenario"] == scenario
    d.click("menu")
    d.screen("menu")


def test_keyboard_only_game(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    app.push(TitleScreen(app))
    d.frames(2)
    d.key("n")  # New game
    d.screen("newgame")
    d.idle()
    ng = app.top
    while ng.describe()["scenario"] != "tariff_friction":
        d.key("down")
    d.key("tab")  # role
    if ng.describe()["role"] != "us":
        d.key("right")
    d.key("tab", "left", "left")  # difficulty: easy
    d.key("tab")  # length: the full game (the default)
    assert ng.describe()["section"] == "length"
    d.key("tab", "delete", "4", "2")  # seed 42
    state = ng.describe()
    assert (state["role"], state["difficulty"], state["seed"]) == ("us", "easy", "42")
    assert state["length"] == "full"
    d.key("return")
    d.screen("briefing")
    d.key("return")
    d.screen("turn")
    assert app.session.role == "us" and app.session.game.seed == 42
    turns = 0
    while app.top.name != "end":
        top = app.top
        if top.name == "turn":
            turns += 1
            decisions = top.decisions
            for i, dec in enumerate(decisions):
                k = next(o.index for o in dec.options if o.legal)
                # walk the options with the arrows, then confirm with Enter
                d.key(*(["down"] * (k + 1)))
                d.key("return")
                assert app.session.choices.get(dec.slot) == k, (i, dec.event)
            d.key("return")  # every decision answered (or none due): Enter ends the turn
            d.until(lambda: app.top.name in ("summary", "end"), 600, "the turn to resolve")
        elif top.name == "summary":
            d.key("down", "up", "return")
            d.until(lambda: app.top.name != "summary", 300)
        else:
            raise AssertionError(top.name)
    game = app.session.game
    assert game.is_over() and game.ending() is not None
    # one turn screen per turn played: every turn was decided by keyboard, none skipped
    assert turns == len(game.history) - 1 == len(game.turns) >= 1
    d.key("tab", "tab", "escape")
    d.screen("menu")


def test_pause_save_load_and_continue(make_app, ui_dirs):
    from game.ui.flow import start_game

    app = make_app()
    d = Driver(app)
    app.push(TitleScreen(app))
    app.push(start_game(app, "tariff_friction", "india", "easy", 5))
    d.screen("briefing")
    d.key("return")
    d.screen("turn")
    d.decide_turn()
    d.screen("summary")
    d.key("return")
    d.screen("turn")
    turn = app.session.game.turn
    d.key("escape")
    d.screen("pause")
    d.key("s")  # save
    d.screen("turn")
    saves = list((ui_dirs[0] / "saves").glob("tariff_friction-*.json"))
    assert len(saves) == 1
    d.key("escape", "q")  # quit to the main menu
    d.screen("menu")
    assert "continue" in app.top.targets()
    d.click("load")
    d.screen("load")
    assert len(app.top.saves) == 2  # the autosave and the saved game
    d.key("down", "return")
    d.screen("turn")
    assert app.session.game.turn == turn
    d.key("escape", "q")
    d.screen("menu")
    d.key("c")  # Continue the autosave
    d.screen("turn")
    assert app.session.game.turn == turn


def test_guided_tour_first_game_and_from_help(make_app, ui_dirs):
    from game.ui.flow import start_game
    from game.ui.settings import load_settings

    app = make_app(tutorial_seen=False)
    d = Driver(app)
    app.push(TitleScreen(app))
    app.push(start_game(app, "tariff_friction", "india", "easy", 5))
    d.key("return")
    d.screen("tutorial")
    steps = app.top.describe()["of"]
    for _ in range(steps):
        d.key("return")
    d.screen("turn")
    assert load_settings().tutorial_seen is True
    d.key("f1")
    d.screen("help")
    d.key("t")
    d.screen("tutorial")
    d.key("escape")
    d.screen("turn")


def test_settings_screen_applies_and_persists(make_app, ui_dirs):
    from game.ui.settings import load_settings

    app = make_app()
    d = Driver(app)
    app.push(TitleScreen(app))
    d.key("s")
    d.screen("settings")
    d.key("down", "down")  # text size
    d.key("right")
    d.key("down", "return")  # colour-blind palette on
    d.key("escape")
    d.screen("menu")
    saved = load_settings()
    assert saved.text_scale == pytest.approx(1.05)
    assert saved.colorblind is True
    assert app.style.palette.name == "colorblind"


def test_global_keys_screenshot_and_fullscreen(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    app.push(TitleScreen(app))
    d.frames(2)
    d.key("f12")
    shots = list((app.screenshot_dir or ui_dirs[0]).glob("screenshot-*.png"))
    assert shots and shots[0].stat().st_size > 1000
    d.key("f11")
    assert app.settings.fullscreen is True
    d.key("f11")
    assert app.settings.fullscreen is False
    assert app.top.name == "menu"
