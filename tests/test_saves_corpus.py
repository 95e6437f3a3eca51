"""Saves from strangers: every file in tests/saves/broken gives the project's save error, with a
clear message and exit code 1, in every place that reads saves; nothing reaches the terminal raw."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.saves import SaveError, read_save, restore
from game.termtext import clean, risky_char

BROKEN = Path(__file__).parent / "saves" / "broken"

# file -> what the message says
EXPECTED = {
    "control_in_bot.json": "'bot' must name an opponent",
    "control_in_event.json": "decision 1 of the log is malformed",
    "control_in_injected.json": "'injected' must list [turn, event] pairs",
    "deep_nesting.json": "nested too deeply",  # 50,000 levels: RecursionError in json
    "etc_passwd.json": "must be a bundled id",
    "huge_seed.json": "a number too long to read",  # 5,000 digits: ValueError in json
    "negative_turn.json": "the turn is out of range",
    "nested_too_deep.json": "nested too deeply",
    "no_humans.json": "'humans' must list india and/or us",
    "same_human_twice.json": "'humans' must list india and/or us, each once",
    "seed_out_of_range.json": "the seed is out of range",
    "traversal.json": "must be a bundled id",
    "unknown_bot.json": "opponent 'skynet' is not one of",
}


def test_corpus_is_complete():
    assert sorted(p.name for p in BROKEN.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_save_raises_the_save_error(name):
    with pytest.raises(SaveError) as caught:
        restore(read_save(BROKEN / name))
    assert EXPECTED[name] in str(caught.value)
    assert "root:" not in str(caught.value)  # never the content of a file that is not a scenario


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("command", [["replay"], ["play", "--text", "--resume"]])
def test_broken_save_is_a_message_and_exit_code_on_the_command_line(name, command, capsys):
    assert main([*command, str(BROKEN / name)]) == 1
    out, err = capsys.readouterr()
    assert err.startswith("error: ") and EXPECTED[name] in err
    assert "Traceback" not in err and risky_char(out + err) is None


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_save_is_a_notice_in_the_window(name):
    # game.ui.common.open_save shows SaveError as a notice: the window's loader raises only that
    from game.ui.session import session_from_save

    with pytest.raises(SaveError):
        session_from_save(BROKEN / name)


def test_a_save_may_name_a_scenario_only_by_bundled_id_or_yaml_path(tmp_path):
    good = json.loads((BROKEN / "etc_passwd.json").read_text())
    secret = tmp_path / "homework.txt"
    secret.write_text("my secret homework\n")
    for ref, allowed in [
        ("tariff_friction", True),
        ("scenarios/mine.yaml", True),
        ("C:/class/MINE.YML", True),
        (str(secret), False),
        ("tariff_friction.json", False),
        ("/dev/zero", False),
    ]:
        good["scenario"] = ref
        path = tmp_path / "s.json"
        path.write_text(json.dumps(good))
        if allowed:
            assert read_save(path).scenario == ref
        else:
            with pytest.raises(SaveError) as caught:
                read_save(path)
            assert "secret" not in str(caught.value).replace(str(tmp_path), "")


def test_text_from_a_save_is_cleaned_before_it_reaches_the_terminal(tmp_path, capsys):
    # a file name is printed as it is in messages: it may carry escapes a terminal obeys
    path = tmp_path / "team\x1b]0;pwned\x07\x1b[2J\u202e.json"
    path.write_text("{")
    assert main(["replay", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "is not a readable save" in err and risky_char(out + err) is None
    assert "team\\x1b]0;pwned\\x07\\x1b[2J\\u202e.json" in err  # shown as visible escapes


def test_clean_shows_every_risky_character_and_keeps_the_rest():
    hostile = (
        "".join(chr(c) for c in [*range(0, 32), *range(127, 160)]) + "\u202e\u2066\u200b\ufeff"
    )
    assert risky_char(clean(hostile)) is None
    kept = "line\n\ttab — भारत‍ी (zwj) ok"
    assert clean(kept) == kept


def test_a_class_report_skips_and_names_every_broken_save(tmp_path, capsys):
    import shutil

    from game.engine.bots import make_policy
    from game.engine.game import Game
    from game.saves import save_dict, write_save
    from game.scenario.loader import load

    folder = tmp_path / "class"
    folder.mkdir()
    sc = load("tariff_friction")
    for seed in (1, 2):
        g = Game(sc, seed)
        g.apply(g.play_bots({r: make_policy(sc, "random") for r in ("india", "us")}))
        write_save(
            folder / f"good{seed}.json", save_dict(g, scenario="tariff_friction", content_hash="")
        )
    for name in EXPECTED:
        shutil.copy(BROKEN / name, folder / name)
    html, grades = tmp_path / "class.html", tmp_path / "grades.csv"
    assert main(["report", str(folder), "-o", str(html), "--csv", str(grades)]) == 0
    out, err = capsys.readouterr()
    # an unknown opponent matters only to a game that goes on: the report reads that save
    skipped = sorted(set(EXPECTED) - {"unknown_bot.json"})
    assert f"class report of 3 save(s), {len(skipped)} skipped" in out
    page = html.read_text("utf-8")
    for name in skipped:
        assert f"warning: skipped {folder / name}" in err
        assert name in page
    assert len(grades.read_text("utf-8-sig").splitlines()) == 4
    assert "root:" not in page + err and risky_char(out + err) is None


def test_a_facilitator_action_must_name_an_event_id():
    from game.saves import parse_save

    data = json.loads((BROKEN / "no_humans.json").read_text())
    data["humans"] = ["india"]
    data["facilitator"] = [{"turn": 1, "action": "inject", "event": "x\x1b[2J"}]
    with pytest.raises(SaveError, match="facilitator action 1 is malformed"):
        parse_save(data)
