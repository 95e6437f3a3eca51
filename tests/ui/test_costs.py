"""Costs on the turn screen: the political capital left (counting the turn's staged answer),
each option's cost chip, a too-dear option drawn unavailable with the reason, what an
option makes or breaks in its detail, and the Commitments list (key C)."""

from __future__ import annotations

import pytest

from tests.ui.helpers import open_turn

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _turn(make_app, role: str, size=(1280, 720), scale: float = 1.0):
    app = make_app(size=size, text_scale=scale)
    d = open_turn(app, "tariff_friction", role, "easy", 11, title=False)
    return app, d, app.top


def _critical(app) -> list[str]:
    return [r.text for r in app.redraw_all(record=True) if r.critical and r.owner == "decisions"]


def _cut(app) -> list[str]:
    return [
        r.text
        for r in app.redraw_all(record=True)
        if r.critical and (r.cut or r.rect is None or not r.box.contains(r.rect))
    ]


@pytest.mark.parametrize("size,scale", [((1280, 720), 1.0), ((1280, 720), 1.4)])
def test_capital_counts_the_staged_answer_and_a_too_dear_option_says_why(
    make_app, ui_dirs, size, scale
):
    app, d, turn = _turn(make_app, "india", size, scale)
    g = turn.session.game
    cap = turn.decisions_panel.capital
    assert len(turn.decisions) == 2
    start = g.resource("india").value
    texts = _critical(app)
    shown = next(t for t in texts if t in cap.texts(cap.status()))
    assert f"{start:.1f}" in shown, "the capital row says what is held"
    first = turn.decisions[0]
    k = max(range(len(first.options)), key=lambda i: first.options[i].cost)
    cost = first.options[k].cost
    assert cost > 0 and cap.chip(first.options[k]) == f"cost {cost:g}"
    turn.ofocus = k
    turn.decisions_panel.ensure_option_visible()
    turn.refresh()
    assert f"cost {cost:g}" in _critical(app), "the card shows its cost"
    assert turn.choose(k)
    turn.set_focus(1)  # the second decision: the first answer is paid for
    left = cap.status()
    assert left.staged == cost and left.left == pytest.approx(start - cost)
    shown = next(t for t in _critical(app) if t in cap.texts(left))
    assert f"{start - cost:.1f} of" in shown
    assert not _cut(app)
    # short of capital: the costly option is unavailable and its card says why
    col = g.scenario.resource_cols[0]
    g.state.values[0, col] = 1.0
    turn.set_focus(0)
    turn.ofocus = k
    turn.decisions_panel.ensure_option_visible()
    turn.refresh()
    why = f"Costs {cost:g} political capital; 1.0 left"
    assert cap.dear(first, first.options[k]) and why in _critical(app)
    assert not turn.choose(k)
    assert app._toasts[-1][0] == why, "refusing it gives the same reason"
    assert not _cut(app)


def test_the_detail_says_what_an_option_promises_and_c_lists_the_commitments(make_app, ui_dirs):
    app, d, turn = _turn(make_app, "us")
    dec = turn.decisions[0]
    k, note = next(
        (o.index, n)
        for o in dec.options
        for n in turn.decisions_panel.capital.notes(dec, o)
        if n[0] == "makes"
    )
    turn.ofocus = k
    turn.refresh()
    assert note[1] in _critical(app), "the detail says what choosing it promises"
    assert "breaking it would cost" in note[1]
    d.key("c")
    d.screen("notice")
    notice = app.top
    assert notice.title == "Commitments"
    assert "The promise of tariff relief: not made" in notice.lines
    d.key("escape")
    d.screen("turn")
