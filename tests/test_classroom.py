"""Class codes, saves, replays and hot-seat play in the terminal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.classcode import FLAGS, make_code, parse_code, prefix_of
from game.engine.bots import make_policy
from game.engine.game import Game
from game.saves import SaveError, parse_save, read_save, restore, save_dict, write_save
from game.scenario.loader import load, load_result

MINIMAL = str(Path(__file__).parent / "scenarios" / "valid" / "minimal.yaml")


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.sampled_from(["easy", "normal", "hard"]),
    st.sets(st.sampled_from(FLAGS)),
)
def test_class_codes_round_trip(seed, difficulty, flags):
    code = make_code("tariff_friction", seed, difficulty, flags)
    back = parse_code(code.lower())
    assert (back.prefix, back.seed, back.difficulty, back.flags) == ("TF", seed, difficulty, flags)


def test_class_code_catches_typos():
    code = make_code("lac_tensions", 987654, "hard")
    body = code.replace("-", "")
    for i in range(2, len(body) - 1):
        swapped = body[:i] + body[i + 1] + body[i] + body[i + 2 :]
        if swapped == body:
            continue
        typo = f"{swapped[:2]}-{swapped[2:6]}-{swapped[6:10]}-{swapped[10:]}"
        with pytest.raises(ValueError):
            parse_code(typo)
    for bad in ("", "hello", "TF-1234-5678", "TF-UUUU-UUUU-U"):
        with pytest.raises(ValueError):
            parse_code(bad)


def test_class_code_reproduces_a_game_for_every_student():
    code = make_code(prefix_of("minimal") and "minimal", 31337, "easy")
    a = run("play", MINIMAL, "--code", code, "--text", stdin="2\n" * 20)
    b = run("play", MINIMAL, "--code", code, "--text", stdin="2\n" * 20)
    assert a.returncode == 0, a.stderr
    assert a.stdout == b.stdout and "(seed 31337)" in a.stdout
    wrong = run("play", MINIMAL, "--code", make_code("tariff_friction", 1), "--text")
    assert wrong.returncode == 1 and "another scenario" in wrong.stderr


def test_hot_seat_text_mode_end_to_end(tmp_path):
    save = tmp_path / "hot.json"
    out = run(
        "play",
        MINIMAL,
        "--human",
        "india,us",
        "--text",
        "--seed",
        "4",
        "--save",
        str(save),
        "--notes",
        stdin="1 trade first\n" * 40,
    )
    assert out.returncode == 0, out.stderr
    assert "Hand the keyboard to India" in out.stdout
    assert "The end" in out.stdout
    data = json.loads(save.read_text())
    assert data["humans"] == ["india", "us"]
    assert all(c["note"] == "trade first" for c in data["log"] if c["role"] == "india")
    replayed = json.loads(run("replay", str(save), "--json").stdout)
    assert replayed["over"] and replayed["replayed"] == len(data["log"])
    assert replayed["values"] == pytest.approx(data["summary"]["values"])


def play_some(sc, seed, turns):
    g = Game(sc, seed)
    bots = {"india": make_policy(sc, "random"), "us": make_policy(sc, "balanced")}
    while not g.is_over() and g.turn <= turns:
        assert g.apply(g.play_bots(bots))
    return g


def test_save_load_continue_equals_playing_on(tmp_path):
    sc = load(MINIMAL)
    h = load_result(MINIMAL).content_hash
    g = play_some(sc, 9, 2)
    path = tmp_path / "s.json"
    write_save(path, save_dict(g, scenario=MINIMAL, content_hash=h))
    r = restore(read_save(path))
    assert not r.changed and r.applied == len(g.log) and r.game.turn == g.turn
    bots = {"india": make_policy(sc, "random"), "us": make_policy(sc, "balanced")}
    for game in (g, r.game):
        while not game.is_over():
            assert game.apply(game.play_bots(bots))
    assert r.game.values() == g.values() and r.game.ending() == g.ending()


def test_save_of_a_changed_scenario_is_explained(tmp_path):
    scen = tmp_path / "s.yaml"
    scen.write_text(Path(MINIMAL).read_text())
    sc = load(str(scen))
    g = play_some(sc, 2, 3)
    path = tmp_path / "save.json"
    write_save(
        path, save_dict(g, scenario=str(scen), content_hash=load_result(str(scen)).content_hash)
    )
    scen.write_text(Path(MINIMAL).read_text().replace("id: close", "id: shut"))
    r = restore(read_save(path))
    assert r.changed
    if any(c.option == "close" for c in g.log):
        assert r.applied < len(g.log) and "no longer fits" in r.note
    out = run("replay", str(path))
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"[]",
        b'{"format": 99}',
        b"\xff\xfe",
        b'{"format": 1, "log": "x"}',
        b'{"format": 1, "scenario": "x", "scenario_id": "x", "seed": 1, "turn": 1, "log": [{"turn": 1}]}',
    ],
)
def test_corrupt_saves_give_clear_messages(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(SaveError):
        read_save(path)
    out = run("replay", str(path))
    assert out.returncode == 1 and out.stderr.startswith("error:") and "Traceback" not in out.stderr


def test_parse_save_rejects_wrong_types():
    with pytest.raises(SaveError):
        parse_save(
            {"format": 1, "scenario": 3, "scenario_id": "x", "seed": 1, "turn": 1, "log": []}
        )
    with pytest.raises(SaveError):
        parse_save(
            {"format": 1, "scenario": "x", "scenario_id": "x", "seed": True, "turn": 1, "log": []}
        )


def test_autosave_keeps_previous_versions_and_survives_damage(tmp_path, monkeypatch):
    from game.saves import autosave_path, autosaves, latest_readable_autosave

    monkeypatch.setenv("CONVERGENCE_DATA_DIR", str(tmp_path))
    sc = load(MINIMAL)
    g = Game(sc, 3)
    bots = {"india": make_policy(sc, "random"), "us": make_policy(sc, "random")}
    for _ in range(3):
        assert g.apply(g.play_bots(bots))
        write_save(autosave_path(), save_dict(g, scenario=MINIMAL, content_hash=""))
    assert [p.name for p in autosaves()] == ["autosave.json", "autosave.1.json", "autosave.2.json"]
    assert read_save(autosaves()[0]).turn == g.turn
    autosave_path().write_text('{"format": 1, "log": [')  # a crash mid-write, or a bad disk
    path, data = latest_readable_autosave()
    assert path.name == "autosave.1.json" and data.turn == g.turn - 1


def test_resume_a_text_game_and_class_flags(tmp_path):
    save = tmp_path / "r.json"
    first = run("play", MINIMAL, "--text", "--seed", "6", "--save", str(save), stdin="1\n")
    assert "stopped at turn 2" in first.stdout
    again = run("play", "--resume", str(save), "--text", stdin="2\n" * 10)
    assert again.returncode == 0, again.stderr
    assert "Resuming the saved game at turn 2 of 4." in again.stdout and "The end" in again.stdout
    data = json.loads(save.read_text())
    assert data["over"] and data["log"][0]["option"] == "open"
    finished = run("play", "--resume", str(save), "--text")
    assert finished.returncode == 1 and "finished game" in finished.stderr
    code = make_code("minimal", 5, "normal", {"no_forecasts"})
    out = run("play", MINIMAL, "--code", code, "--text", stdin="f\n1\n" + "1\n" * 10)
    assert "Forecasts are switched off for this class." in out.stdout
    assert "ASSESSMENT" not in out.stdout


def test_a_facilitators_injected_event_survives_save_and_replay(tmp_path):
    sc = load(MINIMAL)
    g = Game(sc, 7)
    assert g.inject("talks")  # a second round of talks, fired by the facilitator
    assert len(g.pending("india")) == 2
    assert g.apply({"india": [0, 1]})
    path = tmp_path / "f.json"
    write_save(path, save_dict(g, scenario=MINIMAL, content_hash=""))
    r = restore(read_save(path))
    assert r.applied == len(g.log) == 2 and r.game.values() == g.values()


def test_a_game_ended_early_by_the_facilitator_restores_ended(tmp_path):
    sc = load(MINIMAL)
    g = Game(sc, 2)
    assert g.apply({"india": [0]})
    g.end_now()
    path = tmp_path / "early.json"
    write_save(path, save_dict(g, scenario=MINIMAL, content_hash=""))
    r = restore(read_save(path))
    assert r.game.is_over() and r.game.ending() == g.ending()
    assert r.game.state.ended_turn[0] == g.state.ended_turn[0] == 2
    assert r.game.scores() == g.scores()
