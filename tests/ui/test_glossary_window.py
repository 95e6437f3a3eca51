"""Issue 16 in the window: player names on the briefing, glossary terms marked in the news and
the decision text (tooltip on hover, the glossary on click), the glossary and timeline screens
(G, T, the pause menu), at 1280x720 and at 140% text."""

from __future__ import annotations

from types import SimpleNamespace

import pygame
import pytest

from game.report.gradebook import gradebook_rows
from game.report.load import load_team
from game.saves import autosave_path
from game.scenario.loader import load
from game.ui import turn as turn_module
from game.ui.files import flush_saves
from game.ui.flow import start_game
from game.ui.glossary_marks import find_terms, term_at
from game.ui.glossary_screen import search
from game.ui.playthrough import Driver
from game.ui.timeline_screen import timeline_rows
from tests.ui.test_classroom import game_of

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def glossary():
    return load("tariff_friction").definition.glossary


def test_terms_are_found_as_whole_words_in_their_case_longest_first():
    g = glossary()
    found = find_terms(g, "A 25% reciprocal tariff on the LAC; lacquer and the Quad talks")
    names = [t.term for _, _, t in found]
    assert names == ["Reciprocal tariff", "LAC", "Quad"]  # not "Tariff", not "lac" in lacquer
    assert [s for s, _, _ in found] == sorted(s for s, _, _ in found)


def test_search_puts_names_before_definitions_and_empty_lists_every_term():
    g = glossary()
    assert search(g, "") == list(g)
    hits = [t.term for t in search(g, "quad")]
    assert hits[0] == "Quad" and "Malabar" in hits  # Malabar's definition names the Quad
    assert search(g, "zzzz") == []
    assert search(g, "Line of Actual")[0].term == "LAC"  # by its alias


def test_hovering_a_marked_term_shows_its_meaning_and_clicking_opens_the_glossary(
    make_app, ui_dirs, monkeypatch
):
    app = make_app()
    d = Driver(app)
    game_of(app, d, seed=7)
    d.idle()
    app.redraw_all()
    spots = app.painter.spots.get("decisions", []) + app.painter.spots.get("news", [])
    assert spots, "the decision text of turn 1 names a glossary term"
    rect, term = spots[0]
    shown = []
    monkeypatch.setattr(turn_module, "draw_tip", lambda p, s, t, m: shown.append((t, m)))
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=rect.center, rel=(0, 0), buttons=(0, 0, 0))
    )
    d.frames(2)
    assert shown and shown[-1][0] is term
    assert (
        term_at(app.painter, (rect.right + 400, rect.bottom + 400), ("decisions", "news")) is None
    )
    for e in (
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=rect.center, button=1),
        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=rect.center, button=1),
    ):
        pygame.event.post(e)
    d.frames(2)
    assert app.top.name == "glossary" and app.top.describe()["term"] == term.term


@pytest.mark.parametrize("scale", [1.0, 1.4])
def test_the_glossary_screen_searches_and_shows_every_term_whole(make_app, ui_dirs, scale):
    app = make_app(text_scale=scale)
    d = Driver(app)
    game_of(app, d, seed=7)
    d.key("g")
    d.screen("glossary")
    g = app.top
    assert len(g.describe()["terms"]) == len(glossary()) >= 30
    for k in range(len(g.shown)):  # every term's definition, date and source fit uncut
        g.select(k)
        records = [r for r in app.redraw_all(record=True) if r.owner == "box"]
        term = g.shown[k]
        cut = [r.text for r in records if r.cut and term.definition in r.text]
        assert not cut, f"{term.term}: definition cut"
        assert any(term.definition == r.text for r in records)
    d.key(*"quad")
    assert g.describe()["query"] == "quad" and g.describe()["term"] == "Quad"
    d.key("down")
    assert g.describe()["term"] != "Quad"
    d.key("tab")
    d.screen("timeline")
    d.key("escape")
    d.screen("turn")


def test_the_timeline_sets_the_games_turns_beside_the_real_events(make_app, ui_dirs):
    app = make_app(text_scale=1.4)
    d = Driver(app)
    s = game_of(app, d, seed=7)
    d.decide_turn()
    d.screen("summary")
    d.key("return")
    d.screen("turn")
    d.key("t")
    d.screen("timeline")
    rows = app.top.items
    real = [r for r in rows if r.kind in ("real", "ahead")]
    assert len(real) >= 20 and all(r.source for r in real)
    assert real[0].when.endswith("2005") and any(r.when.endswith("2026") for r in real)
    turns = [r for r in rows if r.kind in ("turn", "now")]
    assert [r.kind for r in turns] == ["turn", "now"]
    chosen = s.game.log[0]
    label = s.game.text(
        next(o.label for o in s.game.event_def(chosen.event).options if o.id == chosen.option)
    )
    assert label in turns[0].text
    # the turns sit among the real events of their months, and dates are never cut
    k = rows.index(turns[0])
    assert rows[k - 1].when.endswith("2025") and rows[k + 1].when.endswith("2025")
    records = app.redraw_all(record=True)
    assert not [
        r.text for r in records if r.owner == "box" and r.cut and r.text in {x.when for x in real}
    ]
    d.key("escape")
    d.key("escape")
    d.screen("pause")
    d.key("t")
    d.screen("timeline")
    d.key("escape")
    d.screen("pause")
    d.key("g")
    d.screen("glossary")


def test_timeline_rows_dim_the_real_events_the_game_has_not_reached():
    sc = load("tariff_friction")
    from game.engine.game import Game

    g = Game(sc, 7)
    session = SimpleNamespace(game=g, humans=["india"], role_name=lambda r: r)
    rows = timeline_rows(session)
    now = next(i for i, r in enumerate(rows) if r.kind == "now")
    assert all(r.kind == "real" for r in rows[:now])
    assert {r.kind for r in rows[now + 1 :]} == {"ahead"}


def test_hot_seat_players_name_themselves_on_the_briefing_and_the_gradebook_shows_it(
    make_app, ui_dirs
):
    app = make_app()
    d = Driver(app)
    app.push(start_game(app, "tariff_friction", "india", "normal", 7, humans=["india", "us"]))
    d.screen("briefing")
    d.key(*"asha", "space", *"ben")
    d.key("tab")
    d.key(*"chen")
    d.key("return")  # Enter still begins the game
    d.screen("turn")
    s = app.session
    assert s.record().players == {"india": "asha ben", "us": "chen"}
    flush_saves()  # the autosave is written in the background
    team = load_team(autosave_path())
    header, rows = gradebook_rows([team])
    col = header.index("Players")
    assert [(r[header.index("Role")], r[col]) for r in rows] == [
        ("India", "asha ben"),
        ("United States", "chen"),
    ]
    turn = app.top
    for k in range(len(turn.decisions)):  # India decides; the hand-over names who comes next
        turn.set_focus(k)
        d.key("1")
    d.key("return")
    d.screen("handover")
    assert app.top.heading.endswith("United States (chen)")


def test_a_briefing_left_blank_asks_nothing_and_keeps_the_keys(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    app.push(start_game(app, "tariff_friction", "india", "normal", 7))
    d.screen("briefing")
    d.key("escape")  # Esc still goes back from the name field
    assert app.top is None or app.top.name != "briefing"
