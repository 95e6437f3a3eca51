"""Decision-critical text is never cut on the turn screen: option names, their effects, the
detail's description, chances, backers and the advisor's reason, the tabs, the status line and
the indicator names and thresholds, the options' red badges, the objectives strip, the
political capital, cost chips and what an option promises or breaks, at 1280x720, 1366x768, 1920x1080 and at 140% text (read from the
Painter's records: each piece of text says whether it was shortened and whether it is critical)."""

from __future__ import annotations

import pytest

from game.ui.playthrough import Driver
from tests.ui.helpers import open_turn

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SIZES = [((1280, 720), 1.0), ((1366, 768), 1.0), ((1920, 1080), 1.0), ((1280, 720), 1.4)]


def cut_critical(app) -> list[str]:
    records = app.redraw_all(record=True)
    crit = [r for r in records if r.critical]
    assert crit, "the turn screen marks its decision-critical text"
    return [
        f"{r.owner}: {r.text!r}"
        for r in crit
        if r.cut or r.rect is None or not r.box.contains(r.rect)
    ]


def english_critical(app) -> list[str]:
    """Decision-critical text drawn in English prose on a Hindi screen."""
    from tests.ui.test_i18n_hindi import english_words

    records = app.redraw_all(record=True)
    return [
        f"{r.owner}: English {r.text!r}" for r in records if r.critical and english_words(r.text)
    ]


@pytest.mark.parametrize("size,scale", SIZES, ids=[f"{w}x{h}@{s}" for (w, h), s in SIZES])
@pytest.mark.parametrize(
    "scenario,role",
    [
        ("tariff_friction", "india"),
        ("lac_tensions", "us"),
        ("lac_tensions", "india"),
        ("framework_decade", "india"),
    ],
)
def test_no_decision_critical_text_is_cut(
    make_app, ui_dirs, size, scale, scenario, role, monkeypatch
):
    check_turn_screen(make_app, size, scale, scenario, role, monkeypatch)


@pytest.mark.parametrize("size,scale", SIZES, ids=[f"{w}x{h}@{s}" for (w, h), s in SIZES])
@pytest.mark.parametrize("role", ["india", "us"])
def test_nothing_decision_critical_is_cut_in_hindi(
    make_app, ui_dirs, size, scale, role, monkeypatch
):
    """Devanagari is taller and often longer: Tariff Friction in Hindi, both roles."""
    from game.ui import i18n

    try:
        check_turn_screen(make_app, size, scale, "tariff_friction", role, monkeypatch, "hi")
    finally:
        i18n.set_language("en")


def check_turn_screen(make_app, size, scale, scenario, role, monkeypatch, language="en"):
    """Every option of every decision of the first turn, highlighted in turn: nothing
    decision-critical is cut, and the option's name, description, cost, notes and badges
    are drawn (in `language`)."""
    from game.table import Table
    from game.ui.i18n import has_devanagari, shown

    # every decision assessed, the fullest detail (poor intelligence gives one a turn)
    monkeypatch.setattr(Table, "assessments_per_turn", lambda self: 9)
    app = make_app(size=size, text_scale=scale, forecasts=True, language=language)
    d = open_turn(app, scenario, role)
    turn = app.top
    assert turn.session.rollouts > 0 and turn.decisions
    problems = []
    badges = 0
    strip = [r for r in app.redraw_all(record=True) if r.owner == "strip" and r.critical]
    labels = [row.label for row in turn.strip.rows()]
    assert labels and shown(labels[0]) in [r.text for r in strip], "the objectives strip is drawn"
    if language == "hi":
        assert has_devanagari(shown(labels[0]))
    assert any(r.text.startswith("$") or r.text[0].isdigit() for r in strip), "with values"
    cap = turn.decisions_panel.capital
    crit = [r.text for r in app.redraw_all(record=True) if r.critical]
    assert any(t in map(shown, cap.texts(cap.status())) for t in crit), "political capital shown"
    for k, dec in enumerate(turn.decisions):
        turn.set_focus(k)
        d.idle()
        assert turn.outlook(dec.slot) is not None, "the options were assessed"
        for _ in dec.options:
            d.key("down")
            texts = [r.text for r in app.redraw_all(record=True) if r.critical]
            opt = dec.options[turn.highlighted()]
            assert shown(opt.label) in texts
            if opt.text:
                assert shown(opt.text) in texts, "the option's description is always shown"
                assert language == "en" or has_devanagari(shown(opt.text))
            if cap.chip(opt):
                assert shown(cap.chip(opt)) in texts, "a costly option's card shows its cost"
            for _kind, note in cap.notes(dec, opt):
                assert shown(note) in texts, "what the option promises or breaks is in its detail"
            outs = turn.outlook(dec.slot)
            for badge in turn.decisions_panel.badges(outs, opt.index):
                assert shown(badge) in texts, "an option's red badges are on its card"
                badges += 1
            problems += cut_critical(app)
            if language == "hi":
                problems += english_critical(app)
    assert not problems, "\n".join(sorted(set(problems)))
    if (scenario, role) == ("lac_tensions", "india"):
        assert badges >= 4, "the first turn of lac_tensions as India has options with two badges"


@pytest.mark.parametrize("size,scale", SIZES, ids=[f"{w}x{h}@{s}" for (w, h), s in SIZES])
def test_the_end_screen_footer_note_is_never_cut(make_app, ui_dirs, size, scale):
    from tests.ui.test_classroom import game_of, press

    app = make_app(size=size, text_scale=scale)
    d = Driver(app)
    game_of(app, d)
    press(d, "ctrl+shift+f")  # the facilitator ends the game
    d.key("e")
    d.key("return")
    d.screen("end")
    records = app.redraw_all(record=True)
    note = [r for r in records if r.owner == "buttons" and r.critical]
    assert note and note[0].text.startswith("Seed "), "the footer note is drawn"
    if size[0] >= 1366 and scale == 1.0:
        assert "replay it with the same seed" in " ".join(r.text for r in note)
    assert not [r.text for r in note if r.cut or r.rect is None or not r.box.contains(r.rect)]


@pytest.mark.parametrize(
    "scenario,role",
    [
        ("tariff_friction", "india"),
        ("tariff_friction", "us"),
        ("lac_tensions", "india"),
        ("lac_tensions", "us"),
    ],
)
def test_option_cards_keep_their_ranges_when_there_is_room(
    make_app, ui_dirs, scenario, role, monkeypatch
):
    """At 1280x720 and 100% text the detail gives up its extras (backers' names, the
    intelligence note) before the cards' effects give up their ± ranges."""
    from game.table import Table

    monkeypatch.setattr(Table, "assessments_per_turn", lambda self: 9)
    app = make_app(size=(1280, 720), forecasts=True)
    d = open_turn(app, scenario, role)
    turn = app.top
    for k, dec in enumerate(turn.decisions):
        turn.set_focus(k)
        d.idle()
        assert turn.outlook(dec.slot) is not None
        chips = [r.text for r in app.redraw_all(record=True) if r.owner == "decisions"]
        assert any("\u00b1" in t for t in chips), f"{dec.title}: no effect shows its range"
    assert turn.decisions_panel.ranges
