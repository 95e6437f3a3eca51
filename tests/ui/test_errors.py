"""Bad scenarios, crashes and reloads: clear screens, crash logs, and the autosave kept whole."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.ui.flow import start_game
from game.ui.menu import TitleScreen
from game.ui.playthrough import Driver

BROKEN = Path(__file__).resolve().parents[1] / "scenarios" / "broken"
MINIMAL = Path(__file__).resolve().parents[1] / "scenarios" / "valid" / "minimal.yaml"


def test_invalid_scenario_opens_the_error_screen(make_app, ui_dirs):
    from game.scenario.loader import load_file

    path = BROKEN / "many_errors.yaml"
    expected = [d.format() for d in load_file(path).errors]
    app = make_app()
    d = Driver(app)
    app.push(TitleScreen(app))
    app.push(start_game(app, str(path), "india", "normal", 1))
    d.screen("scenario_errors")
    shown = app.top.describe()["errors"]
    assert shown == expected and len(shown) > 1
    assert all(line.startswith(str(path)) and line.count(":") >= 3 for line in shown)
    d.key("r")  # try again: still broken, still on the list
    d.screen("scenario_errors")
    d.key("escape")
    d.screen("menu")


def test_run_window_with_a_broken_scenario_shows_errors_and_exits_cleanly(ui_dirs):
    from game.ui.app import run_window

    seen = []
    code = run_window(
        scenario=str(BROKEN / "syntax_error.yaml"),
        script=["wait:2", lambda app: seen.append(app.top.name), "quit"],
    )
    assert code == 0 and seen == ["scenario_errors"]


def _play_turns(d: Driver, n: int) -> None:
    for _ in range(n):
        d.screen("turn")
        d.decide_turn()
        d.screen("summary")
        d.key("return")
    d.screen("turn")


def test_injected_exception_shows_apology_and_keeps_the_autosave(make_app, ui_dirs, monkeypatch):
    from game.saves import read_save
    from game.ui import turn as turn_module
    from game.ui.files import flush_saves

    app = make_app()
    d = Driver(app)
    app.push(TitleScreen(app))
    app.push(start_game(app, "tariff_friction", "india", "easy", 11))
    d.key("return")
    _play_turns(d, 2)
    flush_saves()
    autosave = ui_dirs[0] / "autosave.json"
    before = autosave.read_bytes()
    assert json.loads(before)["turn"] == 3

    def boom(self, e):
        raise RuntimeError("injected failure for the test")

    with monkeypatch.context() as patch:  # only this patch is undone below
        patch.setattr(turn_module.TurnScreen, "key", boom)
        d.key("1")
        d.screen("apology")
    info = app.top.describe()
    assert "injected failure" in info["error"]
    log = Path(info["log"])
    assert log.parent == ui_dirs[0] and log.name.startswith("crash-")
    text = log.read_text()
    assert "Traceback" in text and "injected failure for the test" in text
    flush_saves()
    assert autosave.read_bytes() == before  # untouched, and still a whole save
    assert read_save(autosave).turn == 3
    d.key("return")  # back to the main menu
    d.screen("menu")
    d.key("c")  # Continue where the autosave left off
    d.screen("turn")
    assert app.session.game.turn == 3


def test_crash_in_drawing_is_caught_too(make_app, ui_dirs, monkeypatch):
    from game.ui import menu

    app = make_app()
    d = Driver(app)
    app.push(TitleScreen(app))
    d.frames(1)
    monkeypatch.setattr(menu.TitleScreen, "draw_live", lambda self, s, t: 1 / 0)
    d.frames(1)
    assert app.top.name == "apology"
    assert list(ui_dirs[0].glob("crash-*.log"))


@pytest.fixture
def scenario_copy(tmp_path):
    path = tmp_path / "edit_me.yaml"
    shutil.copy(MINIMAL, path)
    return path


def test_f5_reload_keeps_place_and_reports_problems(make_app, ui_dirs, scenario_copy):
    app = make_app()
    d = Driver(app)
    app.push(TitleScreen(app))
    app.push(start_game(app, str(scenario_copy), "india", "easy", 2))
    d.key("return")
    _play_turns(d, 1)
    assert app.session.game.turn == 2

    # an edit that keeps every decision: reload in place
    text = scenario_copy.read_text()
    scenario_copy.write_text(text.replace("Open markets", "Open the markets"))
    d.key("f5")
    d.screen("turn")
    assert app.session.game.turn == 2
    assert app.top.decisions[0].options[0].label == "Open the markets"

    # a broken file: its errors in an overlay, the game goes on
    scenario_copy.write_text(text.replace("trade_bn: {label", "trade_bn: {lable"))
    d.key("f5")
    d.screen("notice")
    assert "errors" in app.top.describe()["title"]
    assert any(":" in line for line in app.top.lines)
    d.key("escape")
    d.screen("turn")
    assert app.session.game.turn == 2

    # an edit that no longer fits the decision log: say which decision, offer a restart
    scenario_copy.write_text(text.replace("id: open", "id: opened"))
    d.key("f5")
    d.screen("notice")
    msg = app.top.describe()["message"]
    assert "turn 1" in msg and "talks.open" in msg
    d.key("r")  # restart from turn 1
    d.screen("turn")
    assert app.session.game.turn == 1


def test_damaged_save_is_listed_but_not_loaded(make_app, ui_dirs):
    saves = ui_dirs[0] / "saves"
    saves.mkdir(parents=True)
    (saves / "broken.json").write_text("{ not json")
    app = make_app()
    d = Driver(app)
    app.push(TitleScreen(app))
    d.key("l")
    d.screen("load")
    rows = app.top.saves
    assert len(rows) == 1 and not rows[0].ok and "damaged" in rows[0].detail
    d.key("escape")
    d.screen("menu")


def test_no_display_is_a_clear_message_not_a_traceback(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(
        os.environ,
        SDL_VIDEODRIVER="no-such-driver",
        CONVERGENCE_DATA_DIR=str(tmp_path / "d"),
        CONVERGENCE_CONFIG_DIR=str(tmp_path / "c"),
    )
    run = subprocess.run(
        [sys.executable, "-m", "game"], env=env, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 1
    assert "cannot open the game's window" in run.stderr and "Traceback" not in run.stderr
