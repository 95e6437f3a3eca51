"""Smaller parts of the desktop game: settings, save listing, the helper process, the session."""

from __future__ import annotations

import json

import pytest

from game.ui.settings import Settings, load_settings, save_settings


def test_settings_round_trip(ui_dirs):
    s = Settings(width=1600, height=900, text_scale=1.25, colorblind=True, volume=0.3)
    assert save_settings(s) == ""
    back = load_settings()
    assert (back.width, back.height, back.text_scale, back.colorblind, back.volume) == (
        1600,
        900,
        1.25,
        True,
        0.3,
    )
    assert back.warning == ""


def test_unreadable_settings_fall_back_with_a_warning(ui_dirs):
    path = ui_dirs[1] / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text("{ this is not json")
    s = load_settings()
    assert s == Settings() and "defaults" in s.warning
    path.write_text(json.dumps({"width": "wide", "text_scale": 9, "sound": False}))
    s = load_settings()
    assert s.width == Settings().width and s.text_scale == 1.5 and s.sound is False
    assert "width" in s.warning


def test_settings_window_shows_the_warning(make_app, ui_dirs):
    path = ui_dirs[1] / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text("[]")
    from game.ui.app import App
    from game.ui.worker import Worker

    app = App(worker=Worker())
    assert any("defaults" in t[0] for t in app._toasts)


def test_objective_thresholds_are_read_from_the_compiled_condition():
    from game.engine.expr import Scope, compile_expr

    scope = Scope({"energy_cost": 0, "india_support": 1, "trade_bn": 2, "recip_tariff": 3})

    def bounds(text):
        return list(compile_expr(text, scope).bounds)

    assert bounds("energy_cost <= 50 and india_support >= 50") == [
        ("energy_cost", "<=", 50.0),
        ("india_support", ">=", 50.0),
    ]
    assert bounds("recip_tariff + india_support <= 25") == []
    assert bounds("270 <= trade_bn") == [("trade_bn", ">=", 270.0)]
    assert bounds("trade_bn > -5 and (trade_bn < 9 or energy_cost > 1)") == [
        ("trade_bn", ">", -5.0)
    ]
    assert bounds("energy_cost >= 1 or trade_bn >= 2") == []


def test_advisor_tags_are_short_and_distinct():
    from game.ui.turn import advisor_tags

    tags = advisor_tags({"commerce": 1, "commerce_bis": 1, "ustr": 1, "state": 1})
    assert len(set(tags.values())) == 4 and tags["ustr"] == "USTR"


def test_session_report_adds_up_to_the_change(ui_dirs):
    from game.ui.session import new_session

    s = new_session("tariff_friction", "india", "easy", 4, rollouts=0, autosave=False)
    for _ in range(3):
        for d in s.decisions():
            s.choose(d.slot, next(o.index for o in d.options if o.legal))
        report = s.resolve()
        assert not isinstance(report, str)
        for mv in report.moves:
            total = sum(delta for _, delta in mv.causes)
            assert total == pytest.approx(mv.delta, abs=1e-6), mv.info.name
        assert report.mine and all(v.role == "india" for v in report.mine)


def test_helper_process_gives_the_same_assessment_as_the_engine(ui_dirs):
    from game.ui.session import new_session
    from game.ui.worker import ProcessWorker, run_spec

    s = new_session("tariff_friction", "us", "normal", 9, rollouts=0, autosave=False)
    dec = s.decisions()[0]
    g = s.game
    from game.saves import record_dict

    spec = ("assess", record_dict(s.record()), "us", dec.slot, 200)
    worker = ProcessWorker()
    try:
        worker.submit(("t", 1), lambda: run_spec(spec, {}), spec)
        assert worker.wait(60), "the helper did not answer"
        ok, (fc, advice) = worker.take(("t", 1))
        assert ok and worker._proc is not None  # computed in the helper process
        local = g.forecast("us", dec.slot, 200)
        assert [o.objectives for o in fc.options] == [o.objectives for o in local.options]
        assert len(advice) == len(s.definition.roles["us"].advisors)
    finally:
        worker.stop()


def test_files_describe_saves(ui_dirs, tmp_path):
    from game.ui.files import autosave_file, data_dir, describe_save

    assert data_dir() == ui_dirs[0]
    from game.saves import autosave_path

    assert autosave_file() == autosave_path()
    bad = tmp_path / "x.json"
    bad.write_text('{"format": 99}')
    info = describe_save(bad)
    assert info is not None and not info.ok


def test_turn_screen_intents_are_named_as_scripts_name_them():
    from game.ui import intents as it

    names = {
        it.Choose(3, 1): "opt:3:1",
        it.FocusTab(2): "tab:2",
        it.ShowIndicator("trade_bn"): "ind:trade_bn",
        it.DecisionText(): "head",
        it.EditNote(): "note",
        it.FanChart(): "fan",
        it.EndTurn(): "end",
        it.WhatChanged(): "why",
        it.OpenHelp(): "help",
        it.OpenMenu(): "menu",
    }
    assert {it.target_name(i): i for i in names} == {v: k for k, v in names.items()}
    assert it.Choose(3, 1) == it.Choose(3, 1) != it.Choose(3, 2)  # values: usable as keys
    assert {b: it.target_name(i) for b, i in it.BUTTONS.items()} == {b: b for b in it.BUTTONS}
