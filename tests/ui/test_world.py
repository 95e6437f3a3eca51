"""The "How this world works" screen: opened from the dashboard, hovering an indicator lists
what moves it and what it moves (in names, not ids), the keyboard reaches every box, no text
is cut at 1280x720 and at 140% text, and the picture is drawn once."""

from __future__ import annotations

import pytest

from game.engine.text import pick
from game.scenario.loader import load
from game.ui import world_view
from game.ui.menu import TitleScreen
from game.ui.playthrough import Driver
from tests.ui.helpers import open_turn

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SCENARIOS = ["tariff_friction", "lac_tensions", "tech_export", "framework_decade"]


def _turn(make_app, scenario="tariff_friction", **kw):
    app = make_app(**kw)
    d = open_turn(app, scenario)
    return app, d


def _world(make_app, scenario, size=(1280, 720), text_scale=1.0, colorblind=False):
    from game.ui.session import new_session

    app = make_app(size=size, text_scale=text_scale, colorblind=colorblind)
    d = Driver(app)
    app.push(TitleScreen(app))
    session = new_session(scenario, "india", "normal", 7, rollouts=0, worker=app.worker)
    app.push(app.flow.world(session))
    d.screen("world")
    d.frames(2)
    return app, d


def _cut(app) -> list[str]:
    return [
        f"{r.owner}: {r.text!r}"
        for r in app.redraw_all(record=True)
        if r.cut or r.rect is None or not r.box.contains(r.rect)
    ]


def test_the_screen_opens_from_the_dashboard_link_and_from_m(make_app, ui_dirs):
    app, d = _turn(make_app)
    turn = app.top
    link = d.target("world")
    assert turn.dash_rect.contains(link), "the link sits on the dashboard panel"
    d.click("world")
    d.screen("world")
    d.key("escape")
    d.screen("turn")
    d.key("m")
    d.screen("world")
    d.click("close")
    d.screen("turn")


@pytest.mark.parametrize("scale", [1.0, 1.4])
def test_the_dashboard_link_sits_beside_the_panel_title(make_app, ui_dirs, scale):
    from game.ui.theme import PANEL_PADDING

    app, d = _turn(make_app, "lac_tensions", text_scale=scale)
    turn, st = app.top, app.style
    link = d.target("world")
    title = app.painter.width("INDICATORS", "small", True) + len("INDICATORS") * 2
    left = turn.dash_rect.x + round(PANEL_PADDING * st.fonts.scale) + title
    assert turn.dash_rect.contains(link) and link.x > left
    words = [r for r in app.redraw_all(record=True) if r.owner == "dashboard" and r.rect]
    shown = [r for r in words if r.text in ("How it works", "Model")]
    assert len(shown) == 1 and not shown[0].cut and link.contains(shown[0].rect)


def test_opened_over_an_indicator_row_it_starts_on_that_indicator(make_app, ui_dirs):
    app, d = _turn(make_app)
    d.move("ind:russia_oil")
    d.key("m")
    d.screen("world")
    assert app.top.describe()["focus"] == "i_russia_oil"


def test_hovering_an_indicator_lists_what_moves_it_and_what_it_moves(make_app, ui_dirs):
    app, d = _turn(make_app)
    d.key("m")
    d.screen("world")
    d.move("box:i_energy_cost")
    info = app.top.describe()
    assert info["focus"] == "i_energy_cost" and info["label"] == "India's energy-cost pressure"
    # what moves it: its drift reads Russian crude, and every option that changes it, by title
    assert "Each turn it drifts, pulled by Russian share of India's crude." in info["moved_by"]
    sc = load("tariff_friction").definition
    movers = {
        (pick(ev.title), pick(opt.label))
        for ev in sc.events
        for opt in ev.options
        if any(getattr(e, "target", None) == "energy_cost" for e in opt.effects)
    }
    assert len(movers) >= 5
    for title, label in movers:
        assert any(f"\u201c{title}\u201d" in t and label in t for t in info["moved_by"]), title
    # what it moves: the drift of India's domestic support
    assert "Each turn it pulls on Domestic support (India)." in info["moves"]
    assert {"i_russia_oil", "i_india_support", "b_india"} <= set(info["lit"])
    # in the player's words: no ids
    for text in info["moved_by"] + info["moves"]:
        assert "energy_cost" not in text and "i_" not in text.split()[0]
    # the panel shows the same lists
    shown = [r.text for r in app.redraw_all(record=True) if r.owner == "info"]
    assert "India's energy-cost pressure" in shown
    assert info["moved_by"][0] in shown


def test_tab_and_the_arrows_reach_every_box_and_escape_goes_back(make_app, ui_dirs):
    app, d = _turn(make_app, "lac_tensions")
    d.key("m")
    d.screen("world")
    screen = app.top
    order = screen.order()
    assert len(order) == len(screen.world.boxes)
    seen = []
    for _ in order:
        d.key("tab")
        seen.append(screen.describe()["focus"])
    assert sorted(seen) == sorted(order), "Tab goes through every box once"
    first = screen.describe()["focus"]
    d.key("tab", "down")
    below = screen.describe()["focus"]
    assert screen.rects[below].centery > screen.rects[order[order.index(first) + 1]].centery
    d.key("up")
    assert screen.rects[screen.describe()["focus"]].centery < screen.rects[below].centery
    d.key("escape")
    d.screen("turn")


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("scale", [1.0, 1.4])
def test_nothing_is_cut_and_no_box_overlaps_another(make_app, ui_dirs, scenario, scale):
    app, d = _world(make_app, scenario, text_scale=scale, colorblind=scale > 1)
    screen = app.top
    assert _cut(app) == []
    graph = screen.graph_rect
    rects = list(screen.rects.items())
    assert len(rects) == len(screen.world.boxes)
    for i, (a, ra) in enumerate(rects):
        assert graph.contains(ra), a
        for b, rb in rects[i + 1 :]:
            assert not ra.colliderect(rb), (a, b)
    if scenario == "framework_decade" and scale > 1:  # the largest, with every box's lists
        problems = []
        for _ in screen.order():
            d.key("tab")
            problems += _cut(app)
        assert problems == []


def test_the_picture_is_drawn_once_and_a_focus_change_repaints_the_highlight(
    make_app, ui_dirs, monkeypatch
):
    app, d = _world(make_app, "tariff_friction")
    screen = app.top
    calls = []
    real = screen._render_base
    monkeypatch.setattr(screen, "_render_base", lambda p: calls.append(1) or real(p))
    screen._base = None
    for _ in range(4):
        d.key("tab")
        d.frames(2)
    assert len(calls) == 1


def test_layers_follow_the_drift_links_and_break_cycles():
    nodes = ["a", "b", "c", "d", "e"]
    edges = [("a", "b"), ("b", "c"), ("c", "a"), ("a", "d")]  # a cycle a->b->c->a
    layer = world_view._layers(nodes, edges)
    assert layer["a"] < layer["b"] < layer["c"]  # the cycle is cut at one link
    assert layer["d"] > layer["a"]
    assert layer["e"] == 0


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_visible_indicator_is_a_box_and_drift_links_point_down(scenario):
    sc = load(scenario)
    w = world_view.build(sc)
    shown = {f"i_{n}" for n, i in sc.definition.indicators.items() if not i.hidden}
    assert set(w.indicators()) == shown
    assert w.hidden == len(sc.definition.indicators) - len(shown)
    arr = world_view.arrange(w, 3)
    row = {b: k for k, r in enumerate(arr.rows) for b in r}
    assert set(row) == shown and all(len(r) <= 3 for r in arr.rows)
    down = [k for k in w.links if k.kind == "drift" and row[k.src] < row[k.dst]]
    assert len(down) >= 0.7 * sum(1 for k in w.links if k.kind == "drift")
    assert {b for b, x in w.boxes.items() if x.kind == "ending"} <= set(arr.right)


def test_the_picture_needs_no_graphviz(monkeypatch):
    from game import graph

    monkeypatch.setattr(graph.shutil, "which", lambda name: None)
    with pytest.raises(graph.GraphError):
        graph.dot_program()  # as on a player's machine without Graphviz
    w = world_view.build(load("framework_decade"))
    arr = world_view.arrange(w, 3)
    assert sum(len(r) for r in arr.rows) == len(w.indicators()) > 10


def test_help_lists_the_key():
    from game.ui.overlays import KEYS

    assert any(key == "M" and "how this world works" in what for key, what in KEYS)
