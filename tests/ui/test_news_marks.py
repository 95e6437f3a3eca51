"""News cards in the window say whether an event is real (with its source) or hypothetical."""

from __future__ import annotations

from game.ui.playthrough import Driver
from tests.ui.test_classroom import drawn_texts, game_of


def test_news_cards_mark_real_and_hypothetical_events(make_app, ui_dirs):
    app = make_app()
    d = Driver(app)
    s = game_of(app, d, seed=7)
    lines = {title: who for title, _text, who, _spots in s.news()}
    # turn 1 of tariff_friction retells the Rosneft and Lukoil sanctions and the F404 order
    assert lines["Sanctions on Rosneft and Lukoil take effect"].endswith(
        "real · EditorialNow, January 2026"
    )
    assert all(
        w.endswith(("hypothetical",)) or " real · " in w or w.startswith("real")
        for w in lines.values()
    )
    turn = app.top
    turn.news_scroll.scroll(1)  # the second card (the objectives strip leaves room for one)
    turn.refresh("news")
    assert any("real · Deccan Herald, November 2025" in t for t in drawn_texts(app))
