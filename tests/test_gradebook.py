"""The gradebook: one row per team and role, note flags, scores as shown, natural order."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from game.engine.game import Game
from game.report import load_team, write_csv
from game.report.facts import note_flags, short_note, standing
from game.saves import save_dict, write_save
from game.scenario.loader import load, load_result


def _hot_seat(
    path: Path, notes: dict[str, list[str]], stop: int | None = None, players: dict | None = None
) -> Path:
    sc = load("tariff_friction")
    g = Game(sc, 11)
    k = {"india": 0, "us": 0}
    while not g.is_over() and (stop is None or g.turn < stop):
        actions, said = {}, {}
        for role in ("india", "us"):
            legal = g.legal_actions(role)
            actions[role] = g.afford(role, [opts[0] for opts in legal])
            said[role] = []
            for _ in legal:
                said[role].append(notes[role][k[role] % len(notes[role])])
                k[role] += 1
        assert g.apply(actions, said)
    data = save_dict(
        g,
        scenario="tariff_friction",
        content_hash=load_result("tariff_friction").content_hash,
        humans=["india", "us"],
        players=players if players is not None else {"india": "Asha, Ben", "us": "Chen"},
    )
    write_save(path, data)
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_a_hot_seat_pair_gets_a_row_per_role_with_its_own_notes(tmp_path):
    save = _hot_seat(
        tmp_path / "g1.json",
        {
            "india": [
                "idk",
                "",
                "Protect the dairy farmers first.",
                "protect the dairy farmers first",
            ],
            "us": ["Push for a deal before the elections, farm states matter."],
        },
    )
    rows = _rows(write_csv([load_team(save)], tmp_path / "grades.csv"))
    assert [r["Role"] for r in rows] == ["India", "United States"]
    india, us = rows
    assert india["Players"] == "Asha, Ben" and us["Players"] == "Chen"
    decisions = int(india["Decisions"])
    assert decisions >= 8
    assert int(india["Distinct notes"]) == 2  # "idk" and the farmers' note, written twice
    flags = india["Note flags"]
    assert "without a note" in flags and "too short" in flags and "repeated" in flags
    assert us["Distinct notes"] == "1" and "repeated" in us["Note flags"]
    team = load_team(save)
    assert int(india["Score"]) == round(team.game.scores()["india"])


def test_unfinished_games_are_scored_where_they_stand_and_rows_sort_naturally(tmp_path):
    notes = {"india": ["Keeping talks alive costs us little now."], "us": ["Hold firm on dairy."]}
    paths = [_hot_seat(tmp_path / f"g{n}.json", notes, stop=3, players={}) for n in (10, 2, 1)]
    rows = _rows(write_csv([load_team(p) for p in paths], tmp_path / "grades.csv"))
    assert [r["Team"] for r in rows][::2] == ["g1", "g2", "g10"]
    assert all(r["Finished"].startswith("no, unfinished") for r in rows)
    team = load_team(paths[0])
    scores, met = standing(team.game)
    assert rows[-2]["Score"] == str(round(scores["india"]))
    assert int(rows[-2]["Objectives met"]) == sum(met[k] for k in met if not k.startswith("us."))


def test_note_flags_and_cutting_notes_at_a_word():
    f = note_flags(["ok", "", "A real reason, with words.", "a real reason with words", "1"])
    assert f == {"decisions": 5, "notes": 4, "distinct": 3, "empty": 1, "short": 2, "repeated": 1}
    long = "word " * 200
    cut = short_note(long)
    assert cut.endswith("word…") and len(cut) <= 500


def _cli(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_terminal_players_and_required_notes_reach_the_save(tmp_path):
    code = _cli("code", "tariff_friction", "--seed", "5", "--flags", "notes_required", stdin="")
    save = tmp_path / "g1.json"
    out = _cli(
        "play",
        "--code",
        code.stdout.strip(),
        "--text",
        "--players",
        "Asha, Ben",
        "--save",
        str(save),
        stdin="1\n\n  \nfarmers first\n2 keep the talks alive\nq\n",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("This class asks for a reason with every decision") == 2
    assert "Who plays" not in out.stdout  # a piped script is never asked for names
    team = load_team(save)
    assert team.save.players == {"india": "Asha, Ben"}
    assert [c.note for c in team.game.log if c.role == "india"] == [
        "farmers first",
        "keep the talks alive",
    ]
    hot = _cli(
        "play",
        "tariff_friction",
        "--human",
        "india,us",
        "--text",
        "--players",
        "A; B; C",
        stdin="",
    )
    assert hot.returncode == 2 and "separate the sides with ';'" in hot.stderr


def test_debrief_marks_news_sets_the_path_beside_reality_and_asks_each_role(tmp_path):
    from game.report import build_debrief, write_debrief

    save = _hot_seat(tmp_path / "g1.json", {"india": ["Protect the farmers first."], "us": ["x"]})
    db = build_debrief(save)
    marks = [m for te in db.timeline for m in te.marks]
    assert "real: EditorialNow, January 2026" in marks  # the Rosneft sanctions
    assert all(m == "hypothetical" or m.startswith("real: ") for m in marks)
    assert db.reality and db.reality[0].turn == 1
    assert any(e.id == "tariff_18" for r in db.reality for e in r.real)
    assert {t.term for t in db.glossary} >= {"F404", "HAL"}
    assert [name for name, _ in db.role_questions] == ["India", "United States"]
    page = write_debrief(save, tmp_path / "g1.html").read_text("utf-8")
    for anchor in ('id="reality"', 'id="glossary"', 'class="tag real"'):
        assert anchor in page
    assert "Your main aim was" in page


def test_what_if_says_which_threshold_was_crossed_and_by_how_much():
    from game.report.facts import threshold_crossings

    sc = load("tariff_friction")
    text = threshold_crossings(sc, "india", {"trade_bn": 249.6}, {"trade_bn": 250.5})
    assert text == [
        "Bilateral trade ends at $250.5bn instead of $249.6bn, $0.5bn above 250: the "
        "condition “Bilateral trade ≥ 250” of “Bilateral trade at $250bn or more” now holds"
    ]
    assert threshold_crossings(sc, "india", {"trade_bn": 270}, {"trade_bn": 280}) == []
