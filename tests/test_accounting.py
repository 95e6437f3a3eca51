"""One accounting period: `replay --json`'s turns, the terminal's "what changed" and the
window's summary all measure from one decision point to the next, and the listed causes
add up to the change."""

from __future__ import annotations

import contextlib
import io
import json

import pytest

from game.cli import main
from game.engine.bots import make_policy
from game.engine.game import Game
from game.saves import save_dict, write_save
from game.scenario.loader import bundled_ids, load, load_result


def played(name: str, seed: int) -> Game:
    """A game of bots with a facilitator's event in turn 2."""
    sc = load(name)
    g = Game(sc, seed)
    bots = {r: make_policy(sc, "balanced") for r in ("india", "us")}
    while not g.is_over():
        if g.turn == 2:
            assert g.inject(next(e.id for e in sc.definition.events if e.role == "none"))
        assert g.apply(g.play_bots(bots))
    return g


def replay_json(path) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["replay", str(path), "--json"]) == 0
    return json.loads(out.getvalue())


@pytest.mark.parametrize("name", bundled_ids())
def test_every_turn_of_replay_json_adds_up(name, tmp_path):
    g = played(name, 5)
    path = tmp_path / "g.json"
    write_save(path, save_dict(g, scenario=name, content_hash=load_result(name).content_hash))
    out = replay_json(path)
    turns = out["turns"]
    assert [t["turn"] for t in turns] == list(range(1, len(g.history)))
    assert turns[-1]["values"] == out["values"] == g.values()
    previous = out["start_values"]
    moved = 0
    for t in turns:
        for ind, value in t["values"].items():
            change = t["changes"].get(ind)
            if change is None:
                assert value == previous[ind], (t["turn"], ind)
                continue
            assert change["total"] == pytest.approx(value - previous[ind], abs=1e-9)
            causes = sum(c["amount"] for c in change["causes"])
            assert causes == pytest.approx(change["total"], abs=1e-9), (t["turn"], ind)
            assert all(isinstance(c["cause"], str) and c["cause"] for c in change["causes"])
            moved += abs(change["total"]) > 0
        previous = t["values"]
    assert moved > len(turns)


def test_the_window_and_the_terminal_show_the_periods_numbers():
    from game.presentation import period_changes
    from game.textplay import TextUI
    from game.ui.session import new_session
    from game.ui.worker import Worker

    s = new_session(
        "tariff_friction", "india", "easy", 4, rollouts=0, autosave=False, worker=Worker()
    )
    bots = {"india": make_policy(s.compiled, "balanced")}
    reports = []
    while not s.game.is_over():
        if s.game.turn == 2:
            assert s.game.inject(next(e.id for e in s.definition.events if e.role == "none"))
            s.refresh_turn()
        for d, k in zip(s.decisions(), s.game.play_bots(bots)["india"]):
            s.choose(d.slot, k)
        rep = s.resolve()
        assert not isinstance(rep, str), rep
        reports.append(rep)
    g = s.game
    for period, rep in enumerate(reports, 1):
        changes = period_changes(g, period)
        for mv in rep.moves:
            total, causes = changes[mv.info.name]
            assert mv.delta == pytest.approx(total, abs=1e-12)
            assert mv.causes == [(k, v) for k, v in causes if abs(v) > 1e-9]
    # the terminal, given the same answers and the same facilitator's event (a turn with
    # nothing to decide needs no answer), plays the same game and explains every period
    # with the same totals
    news = g.injected[0][1]
    lines = []
    for turn in range(1, g.turn if not g.is_over() else g.periods() + 1):
        if turn == 2:
            lines.append(f":inject {news}")
        mine = [c for c in g.log if c.role == "india" and c.turn == turn]
        for c in mine:
            ev = g.event_def(c.event)
            lines.append(str(next(k for k, o in enumerate(ev.options) if o.id == c.option) + 1))
    text = io.StringIO()
    feed = iter(lines)
    ui = TextUI(g.scenario, g.seed, bot=s.bot_name, out=text, read=lambda _p: next(feed))
    assert ui.run() == 0
    assert ui.game.log == g.log and ui.game.values() == g.values()
    for period in range(1, g.periods() + 1):
        ui.show_changes(period)  # what `w` prints
    shown = text.getvalue()
    for period in range(1, g.periods() + 1):
        block = shown[shown.index(f"WHAT CHANGED IN TURN {period}, AND WHY") :]
        for name, (total, _causes) in period_changes(g, period).items():
            ind = g.definition.indicators[name]
            if not ind.hidden and abs(total) >= 10 ** -(ind.decimals + 1):
                assert f"{ind.label}: {total:+.{ind.decimals + 1}f}" in block, (period, name)
