"""The Table: the game at the table for every front end (staging, hot seat, bots, the
facilitator's pause/inject/end, turn reports), and the terminal driving it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from game.engine.game import Rejected
from game.scenario.loader import load
from game.table import Table

MINIMAL = str(Path(__file__).parent / "scenarios" / "valid" / "minimal.yaml")


def test_staging_hot_seat_and_resolving():
    t = Table.new(load(MINIMAL), ref=MINIMAL, seed=3, humans=["india", "us"])
    assert t.humans == ["india", "us"] and t.waiting_for() == ["india"]  # US has nothing due
    assert isinstance(t.choose("india", 0, 7), Rejected)
    assert isinstance(t.resolve(), Rejected) and t.game.turn == 1
    assert t.choose("india", 0, 1)
    t.set_note("india", 0, "keep\nfarmers safe")
    assert t.decided("india") and t.waiting_for() == [] and t.next_human("india") is None
    summary = t.resolve()
    assert not isinstance(summary, Rejected)
    assert summary.turn == summary.period == 1 and t.game.turn == 2
    assert [(c.option, c.note) for c in summary.choices] == [("close", "keep farmers safe")]
    assert t.choices["india"] == {} and t.notes["india"] == {}  # cleared for the next turn
    for name, ch in summary.changes.items():
        assert sum(v for _, v in ch.causes) == ch.total, name


def test_the_facilitator_pauses_injects_and_ends():
    t = Table.new(load(MINIMAL), ref=MINIMAL, seed=4)
    t.choose("india", 0, 0)
    t.pause()
    assert isinstance(t.choose("india", 0, 1), Rejected) and isinstance(t.resolve(), Rejected)
    t.resume()
    assert t.inject("talks") and [d.event for d in t.pending("india")] == ["talks", "talks"]
    assert t.choices["india"] == {0: 0}  # the choice made stays; the new decision is open
    assert [d.slot for d in t.undecided("india")] == [1] and t.waiting_for() == ["india"]
    assert isinstance(t.inject("nope"), Rejected)
    end = t.end()
    assert not isinstance(end, Rejected) and end.over and end.ending == "fine"
    assert t.game.is_over() and t.record().facilitator[-1].kind == "end"
    assert isinstance(t.end(), Rejected)


def test_view_and_report_are_plain_data():
    t = Table.new(load(MINIMAL), ref=MINIMAL, seed=5, players={"india": "Asha"})
    t.choose("india", 0, 0)
    view = t.view("india")
    assert view["choices"] == {"0": 0} and view["seats"]["india"]["player"] == "Asha"
    assert view["label"] == "2026 H1" and view["turn"] == 1
    assert view["seats"]["us"]["human"] is False and view["seats"]["us"]["bot"] == "balanced"
    t.resolve()
    report = t.report(1)
    json.dumps([view, report])  # plain data only
    for change in report["changes"].values():
        assert abs(sum(c["amount"] for c in change["causes"]) - change["total"]) < 1e-9


# -- the terminal ----------------------------------------------------------------------------


def run(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_a_scripted_terminal_game_with_inject_and_end_replays_to_what_it_printed(tmp_path):
    sc = load("tariff_friction")
    news = next(e.id for e in sc.definition.events if e.role == "none")
    save = tmp_path / "t.json"
    script = "h\n1\n1\n:inject nope\n" + f":inject {news}\n" + "1\n" * 8 + ":end\n"
    out = run("play", "tariff_friction", "--text", "--seed", "7", "--save", str(save), stdin=script)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert ":inject EVENT_ID" in text and ":end" in text  # listed by h
    assert "Not injected: no event 'nope'" in text
    assert "The facilitator injected:" in text and "The facilitator ended the game." in text
    rep = run("replay", str(save), "--json", stdin="")
    assert rep.returncode == 0, rep.stderr
    data = json.loads(rep.stdout)
    assert data["over"] and data["replayed"] == data["decisions"] and data["note"] == ""
    printed = dict(re.findall(r"^(India|United States): score (\d+)/100\b", text, re.M))
    names = {"india": "India", "us": "United States"}
    assert printed == {names[r]: f"{v:.0f}" for r, v in data["scores"].items()}
    end = text[text.index("== The end") :]
    for name, ind in sc.definition.indicators.items():
        if not ind.hidden:
            assert f"{data['values'][name]:.{ind.decimals}f}" in end, name
    saved = json.loads(save.read_text("utf-8"))
    assert [a["action"] for a in saved["facilitator"]] == ["inject", "end"]
