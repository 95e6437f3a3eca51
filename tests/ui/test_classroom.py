"""Classroom features of the window: class codes, hot seat, reasons, the facilitator's panel,
exporting a debrief, and Hindi."""

from __future__ import annotations

import json

import pygame
import pytest

from game.classcode import make_code
from game.ui.files import flush_saves
from game.ui.flow import start_game
from game.ui.menu import TitleScreen
from game.ui.playthrough import Driver
from game.ui.script import key_event

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def type_text(d: Driver, text: str) -> None:
    for ch in text:
        d.key("space" if ch == " " else ch.lower())


def press(d: Driver, name: str) -> None:
    for e in key_event(name):
        pygame.event.post(e)
    d.frames(1)


def drawn_texts(app) -> list[str]:
    """Every text drawn on the window now (the screens below an overlay too)."""
    return [r.text for r in app.redraw_all(record=True)]


def game_of(app, d: Driver, flags=frozenset(), humans=None, seed: int = 4242):
    app.push(
        start_game(
            app,
            "tariff_friction",
            "india",
            "easy",
            seed,
            humans=humans,
            flags=frozenset(flags),
            class_code=make_code("tariff_friction", seed, "easy", set(flags)) if flags else "",
        )
    )
    d.screen("briefing")
    d.key("return")
    d.screen("turn")
    return app.session


# -- class codes ---------------------------------------------------------------------------


def test_class_code_fills_and_locks_the_new_game_screen(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    app.push(TitleScreen(app))
    d.frames(2)
    d.click("new")
    d.screen("newgame")
    d.idle()
    ng = app.top
    d.click("code")
    type_text(d, "TF-12")  # half a code: the reason is shown inline, nothing is locked
    state = ng.describe()
    assert state["code_error"] and not state["locked"]
    assert state["code_error"] in drawn_texts(app)
    d.key("return")  # a code that cannot be read never starts a game
    assert app.top is ng
    d.key("delete")
    code = make_code("tech_export", 777, "hard", {"no_forecasts", "notes_required"})
    type_text(d, code)
    state = ng.describe()
    assert state["locked"] and not state["code_error"]
    assert (state["scenario"], state["seed"], state["difficulty"]) == ("tech_export", "777", "hard")
    assert state["flags"] == ["no_forecasts", "notes_required"] and state["players"] == 1
    # locked: clicks and keys on those fields change nothing
    d.click("diff:easy")
    d.click("players:2")
    d.click("reroll")
    d.key("tab", "tab")  # players, then the scenario list
    d.key("down")
    state = ng.describe()
    assert (state["scenario"], state["seed"], state["difficulty"], state["players"]) == (
        "tech_export",
        "777",
        "hard",
        1,
    )
    d.click("start")
    d.screen("briefing")
    s = app.session if app.session is not None else app.top.session
    assert s.class_code == code and s.flags == {"no_forecasts", "notes_required"}
    assert s.game.seed == 777 and s.bot_name == "master"  # hard, from game.classcode
    assert s.save_data()["settings"]["class_code"] == code


def test_hot_seat_code_makes_both_roles_human(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    app.push(TitleScreen(app))
    d.frames(2)
    d.click("new")
    d.screen("newgame")
    d.idle()
    d.click("code")
    type_text(d, make_code("tariff_friction", 5, "normal", {"hot_seat"}))
    assert app.top.describe()["players"] == 2
    d.key("return")
    d.screen("briefing")
    assert app.top.session.humans == ["india", "us"]


# -- hot seat ----------------------------------------------------------------------------------


def test_hot_seat_hides_india_choices_from_the_us_and_resolves_with_both(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    s = game_of(app, d, humans=["india", "us"])
    india = list(app.top.decisions)
    assert [x.role for x in india] == ["india"] * len(india)
    picks = {}
    for i, dec in enumerate(india):
        k = [o.index for o in dec.options if o.legal][-1]
        picks[dec.event] = dec.options[k].label
        d.key(str(k + 1), "n")
        type_text(d, f"secret reason {i}")
        # Tab keeps the note and moves on; Return keeps the last one (Esc would cancel it)
        d.key("tab" if i < len(india) - 1 else "return")
    d.key("return")  # end India's turn: the hand-over, not the resolution
    d.screen("handover")
    assert s.game.turn == 1 and s.role == "us" and s.choices == {}
    shown = " ".join(drawn_texts(app))
    assert "Hand the computer to the United States" in shown
    assert not any(label in shown for label in picks.values())
    assert "secret reason" not in shown
    d.key("return")
    d.screen("turn")
    turn = app.top
    assert [x.role for x in turn.decisions] == ["us"] * len(turn.decisions)
    assert turn.describe()["choices"] == {}
    shown = " ".join(drawn_texts(app))
    assert not any(label in shown for label in picks.values()), "India's choice is visible"
    assert "secret reason" not in shown
    d.decide_turn()
    d.screen("summary")
    log = [(c.role, c.event, c.option, c.note) for c in s.game.log]
    by_event = {e: o for _, e, o, _ in log}
    for dec in india:
        label = next(o for o in dec.options if o.label == picks[dec.event])
        assert by_event[dec.event] == label.id, "India's answer was replaced"
    assert {r for r, *_ in log} == {"india", "us"}
    assert [n for r, _, _, n in log if r == "india"] == [
        f"secret reason {i}" for i in range(len(india))
    ]
    summary = " ".join(drawn_texts(app))
    assert all(label in summary for label in picks.values())
    assert "secret reason 0" in summary
    d.key("return")
    d.screen("turn")
    assert s.role == "india" and all(x.role == "india" for x in app.top.decisions)


# -- reasons -------------------------------------------------------------------------------------


def test_notes_reach_the_save_and_can_be_required(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    s = game_of(app, d, flags={"notes_required"})
    decs = list(app.top.decisions)
    d.key("1", "return")  # confirming asks for the reason first: it is required
    assert app.top.classroom.note_focus
    d.key("escape")
    for _ in decs[1:]:
        d.key("tab", "1")
    assert all(x.slot in s.choices for x in decs) and not s.all_chosen()
    d.key("return")  # refused: a reason is missing; the note is focused
    assert app.top.name == "turn" and app.top.classroom.note_focus and s.game.turn == 1
    for i, _ in enumerate(decs):
        if i:
            d.key("tab", "n")
        elif not app.top.classroom.note_focus:
            d.key("n")
        type_text(d, f"because {i}")
        d.key("return")
    assert s.all_chosen()
    d.key("return")
    d.screen("summary")
    flush_saves()
    auto = json.loads((ui_dirs[0] / "autosave.json").read_text())
    notes = [c.get("note") for c in auto["log"] if c["role"] == "india"]
    assert sorted(notes) == [f"because {i}" for i in range(len(decs))]
    assert "because 0" in " ".join(drawn_texts(app))


def test_class_code_hides_forecasts_and_advisors(make_app, ui_dirs):
    app = make_app(forecasts=True, rollouts=100)
    d = Driver(app)
    s = game_of(app, d, flags={"no_advisors"})
    d.idle()
    assert s.forecasts and s.advice  # computed (forecasts are allowed) ...
    turn = app.top
    outlook = turn.outlook(turn.focused().slot)
    assert turn.classroom.shown_advisors(outlook[0]) == [] and turn.classroom.shown_effects(
        outlook[0]
    )
    shown = " ".join(drawn_texts(app))
    assert "Backed by" not in shown and "No advisor backs" not in shown
    from game.ui.session import new_session

    both = new_session(
        "tariff_friction",
        "india",
        "easy",
        1,
        100,
        autosave=False,
        flags={"no_advisors", "no_forecasts"},
    )
    assert both.rollouts == 0  # nothing left to show: no assessments at all


# -- the facilitator -------------------------------------------------------------------------------


def test_facilitator_pin_inject_questions_pause_and_lock(make_app, ui_dirs):
    app = make_app(facilitator_pin="2468")
    d = Driver(app)
    s = game_of(app, d, seed=7)
    press(d, "ctrl+shift+f")
    assert app.top.name == "facilitator_pin"
    type_text(d, "1111")
    d.key("return")
    assert app.top.name == "facilitator_pin" and app.top.describe()["error"]
    type_text(d, "2468")
    d.key("return")
    assert app.top.name == "facilitator"
    # inject a news event and a decision for India: both show on the turn screen at once
    news_titles = {t for t, *_ in s.news()}
    events = s.definition.events
    news = next(e for e in events if e.role == "none" and s.game.text(e.title) not in news_titles)
    due = {x.event for x in s.decisions()}
    decision = next(e for e in events if e.role == "india" and e.id not in due)
    for ev in (news, decision):
        d.key("i")
        d.screen("inject")
        title = s.game.text(ev.title)
        type_text(d, title[:12])
        assert ev.id in app.top.describe()["found"]
        while app.top.describe()["pick"] != ev.id:
            d.key("down")
        d.key("return")
        d.screen("turn")
        if ev is news:
            press(d, "ctrl+shift+f")
            type_text(d, "2468")
            d.key("return")
    assert s.game.injected == [(1, news.id), (1, decision.id)]
    turn = app.top
    assert s.game.text(news.title) in [t for t, *_ in s.news()]
    shown = " ".join(drawn_texts(app))
    assert s.game.text(news.title) in shown
    if decision.id not in turn.describe()["decisions"]:
        # India's decision slots were full: the engine makes it due at the start of next turn
        assert len(turn.decisions) == s.compiled.decisions_per_turn
        d.decide_turn()
        d.screen("summary")
        d.key("return")
        d.screen("turn")
        turn = app.top
    assert decision.id in turn.describe()["decisions"]
    assert s.game.text(decision.title) in " ".join(drawn_texts(app))
    # the discussion questions, every one of them, large, on one page
    press(d, "ctrl+shift+f")
    type_text(d, "2468")
    d.key("return", "q")
    d.screen("questions")
    qs = app.top.describe()["questions"]
    assert qs and len(qs) == len(s.definition.questions)
    records = app.redraw_all(record=True)
    for q in qs:
        rec = next(r for r in records if r.text == q)
        assert rec.rect is not None and rec.box.contains(rec.rect)
        assert rec.rect.h >= app.top.heights[qs.index(q)] - app.style.line(app.top.size_name)
    assert app.top.window == (0, len(qs), len(qs))
    d.key("escape")
    d.screen("turn")
    # pause: play is blocked until the facilitator resumes
    press(d, "ctrl+shift+f")
    type_text(d, "2468")
    d.key("return", "p")
    assert app.top.name == "facilitator_paused"
    chosen = dict(s.choices)
    d.key("1", "return", "escape", "f1", "f5")
    assert app.top.name == "facilitator_paused" and s.choices == chosen
    assert "Paused by the facilitator" in drawn_texts(app)
    assert s.table.paused and not s.choose(s.decisions()[0].slot, 0)  # the table refuses too
    press(d, "ctrl+shift+f")
    type_text(d, "2468")
    d.key("return", "p")
    assert app.top.name == "turn" and not s.table.paused
    # lock the settings: the Settings screen changes nothing until unlocked
    press(d, "ctrl+shift+f")
    type_text(d, "2468")
    d.key("return", "l")
    assert app.settings.settings_locked
    d.key("escape", "escape", "o")
    d.screen("settings")
    before = app.settings.to_dict()
    for _ in range(9):
        d.key("right", "return", "down")
    assert app.settings.to_dict() == before
    press(d, "ctrl+shift+f")
    type_text(d, "2468")
    d.key("return", "l", "escape")
    assert not app.settings.settings_locked
    d.key("right")  # the window size row: it changes now
    assert app.settings.to_dict() != before


def test_facilitator_ends_the_game_early_and_exports_the_debrief(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    s = game_of(app, d, flags={"notes_required"})
    press(d, "ctrl+shift+f")
    assert app.top.name == "facilitator"  # no PIN set: straight in
    d.key("e")
    assert app.top.name == "notice"
    d.key("return")
    d.screen("end")
    assert s.game.is_over() and app.top.describe()["ending"]
    d.click("export")
    end = app.top
    assert end.export is not None
    assert end.export.wait(60) == "done", end.export.error
    d.until(lambda: end.export_told, 50, "the export notice")
    html = end.export.html_path
    assert html.parent == ui_dirs[0] / "saves" and html.suffix == ".html"
    assert html.with_suffix(".json").exists()
    assert "Tariff Friction" in html.read_text("utf-8")
    assert str(html) in end.export_note


# -- Hindi -----------------------------------------------------------------------------------------


def _is_devanagari(text: str) -> bool:
    return any("\u0900" <= ch <= "\u097f" for ch in text)


def test_hindi_menu_and_decisions_render_with_the_devanagari_font(make_app, ui_dirs):
    from game.ui import i18n
    from game.ui.theme import TEXT, font_for

    app = make_app(language="hi")
    try:
        d = Driver(app)
        app.push(TitleScreen(app))
        d.frames(2)
        labels = [b.label for b in app.top.buttons]
        assert labels and all(_is_devanagari(label) for label in labels), labels
        assert i18n.tr("New game") in drawn_texts(app)
        assert len(i18n.HINDI) >= 40
        s = game_of(app, d)
        titles = [x.title for x in s.decisions()]
        assert titles and all(_is_devanagari(t) for t in titles)
        assert all(_is_devanagari(o.label) for x in s.decisions() for o in x.options)
        shown = drawn_texts(app)
        assert titles[0] in " ".join(shown) and i18n.tr("End turn") in shown
        font = app.style.font("title", True)
        used = font_for(titles[0], font)
        assert "Devanagari" in used.name
        # no tofu: different letters give different pictures (missing glyphs all look alike)
        a = pygame.image.tobytes(TEXT.render("\u0915", font, (255, 255, 255)), "RGBA")
        b = pygame.image.tobytes(TEXT.render("\u0916", font, (255, 255, 255)), "RGBA")
        assert a != b
        boxes = TEXT.width("?" * len(titles[0]), font)
        assert TEXT.width(titles[0], font) != boxes
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_classroom_screens_keep_text_in_its_boxes_at_both_sizes(make_app, ui_dirs, lang):
    from game.ui import i18n
    from tests.ui.test_layout import SIZES, check_layout

    app = make_app(text_scale=1.5, language=lang)
    d = Driver(app)

    def at_sizes(where: str) -> None:
        for size in SIZES:
            app.resize(size)
            d.frames(1)
            check_layout(app, f"{where} ({lang}) at {size[0]}x{size[1]}")
        app.resize((1280, 720))
        d.frames(1)

    try:
        app.push(TitleScreen(app))
        d.frames(2)
        d.click("new")
        d.screen("newgame")
        d.idle()
        d.click("code")
        type_text(d, make_code("tariff_friction", 9, "hard", {"hot_seat", "notes_required"}))
        at_sizes("new game with a class code")
        d.key("return")
        d.screen("briefing")
        d.key("return")
        d.screen("turn")
        d.key("1", "return")
        type_text(d, "a reason")
        at_sizes("turn with a note")
        d.key("return")
        d.key("1", "return")
        type_text(d, "another")
        d.key("return", "return")
        d.screen("handover")
        at_sizes("hand-over")
        press(d, "ctrl+shift+f")
        at_sizes("facilitator")
        d.key("i")
        at_sizes("inject")
        d.key("escape")
        press(d, "ctrl+shift+f")
        d.key("q")
        at_sizes("questions")
        d.key("escape")
        press(d, "ctrl+shift+f")
        d.key("n")
        at_sizes("PIN")
        d.key("escape", "p")
        at_sizes("paused")
    finally:
        i18n.set_language("en")
