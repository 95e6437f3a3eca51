"""Shorter lengths of a scenario (`lengths: {lesson: ...}`): the time map, the derived
scenario, its checks and lints, and the length carried by saves, class codes and commands."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game.classcode import make_code, parse_code
from game.engine.definitions import Scenario
from game.engine.game import Game
from game.presentation import turn_label
from game.scenario.lengths import derive, story_turns
from game.scenario.loader import bundled_ids, load, load_bytes, load_result, split_ref
from tests.builder import base, build, decision

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path | None = None, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=cwd,
        timeout=300,
    )


def twelve(**lesson: object) -> dict:
    """A 12-turn unit scenario with an 8-turn lesson."""
    data = base(turns=12)
    data["period"]["months_per_turn"] = 3
    data["lengths"] = {"lesson": {"turns": 8, **lesson}}
    return data


def lesson_of(data: dict):
    scn = Scenario.model_validate(copy.deepcopy(data))
    from game.engine.compiler import compile_scenario

    return compile_scenario(derive(scn, "lesson"))


def play(sc, seed: int = 1) -> Game:
    """A game played to its end, each side taking its first available option."""
    from game.engine.bots import make_policy

    g = Game(sc, seed)
    first = {r: make_policy(sc, "first") for r in ("india", "us")}
    for _ in range(sc.turns):
        if g.is_over():
            break
        assert g.apply(g.play_bots(first))
    assert g.is_over()
    return g


# -- the time map ------------------------------------------------------------------------


def test_story_turns_spread_from_the_first_turn_to_the_last() -> None:
    assert story_turns(12, 8) == (1, 3, 4, 6, 7, 9, 10, 12)
    assert story_turns(20, 8) == (1, 4, 6, 9, 12, 15, 17, 20)
    for full in range(2, 30):
        for short in range(2, full):
            s = story_turns(full, short)
            assert s[0] == 1 and s[-1] == full and len(s) == short
            assert all(b > a for a, b in zip(s, s[1:], strict=False))


def test_drift_is_fast_forwarded_over_the_skipped_turns() -> None:
    data = twelve()
    data["indicators"]["a"].update(start=0, drift="1 + 0 * a")
    data["indicators"]["b"].update(start=0, drift=2)
    full, short = build(data), lesson_of(data)
    assert short.turns == 8 and full.turns == 12
    gf, gs = play(full), play(short)
    # a constant drift adds up to the same amount: 11 steps in both tellings
    assert gf.values()["a"] == gs.values()["a"] == 11
    assert gf.values()["b"] == gs.values()["b"] == 22


def test_turn_in_expressions_reads_the_full_calendar() -> None:
    data = twelve()
    data["indicators"]["a"].update(start=0)
    data["events"] = [
        {"id": "at_five", "title": "Five", "when": "turn == 5", "once": True,
         "effects": [{"target": "a", "add": 10}]},
        {"id": "late", "title": "Late", "first_turn": 11, "once": True,
         "effects": [{"target": "b", "add": 1}]},
        {"id": "season", "title": "Season", "when": "turn % 4 == 3",
         "effects": [{"target": "b", "add": 5}]},
    ]  # fmt: skip
    g = play(lesson_of(data))
    fired = {e: [t.turn for t in g.turns if e in t.news] for e in ("at_five", "late", "season")}
    # turn 5 of the full game lies in the step (4, 6]: the lesson's turn 4 plays it
    assert fired["at_five"] == [4]
    # first_turn 11 of 12 maps to the lesson's last turn (it plays full turns 11-12)
    assert fired["late"] == [8]
    # every season of the full calendar (turns 3, 7 and 11) still comes, once each
    assert fired["season"] == [2, 5, 8]


def test_delays_cooldowns_and_chances_shrink_with_the_step() -> None:
    data = twelve()
    data["events"] = [
        decision("pick", "india", [("go", [{"target": "a", "add": 6, "after": 3, "over": 4}])]),
        {"id": "luck", "title": "Luck", "chance": 0.3, "cooldown": 3, "effects": []},
    ]
    d = derive(Scenario.model_validate(data), "lesson")
    eff = d.events[0].options[0].effects[0]
    step = 11 / 7
    assert (eff.after, eff.over) == (round(3 / step), round(4 / step))
    luck = d.events[1]
    assert luck.cooldown == round(3 / step)
    assert luck.chance == pytest.approx(1 - 0.7**step, abs=1e-4)
    # the same amount in total, spread over fewer turns
    assert eff.add == 6


def test_drop_and_move() -> None:
    data = twelve(drop=["chained"], move={"pick": 6})
    data["events"] = [
        decision(
            "pick",
            "india",
            [("go", [{"trigger": "chained", "after": 1}]), ("stay", [])],
            once=True,
        ),
        {"id": "chained", "title": "Chained", "when": False, "effects": []},
    ]
    d = derive(Scenario.model_validate(data), "lesson")
    assert d.events[0].first_turn == 6
    assert d.events[0].options[0].effects == []  # the trigger of a dropped event goes
    assert d.events[1].when is False
    g = play(lesson_of(data))
    assert all("chained" not in t.news for t in g.turns)
    assert [c.turn for c in g.log if c.event == "pick"] == [6]


def test_the_calendar_of_a_lesson_covers_the_whole_period() -> None:
    full, lesson = load("tariff_friction"), load("tariff_friction", "lesson")
    gf, gl = Game(full, 1), Game(lesson, 1)
    assert [turn_label(gl, t) for t in (1, 2, 8)] == [
        turn_label(gf, 1),
        turn_label(gf, 3),
        turn_label(gf, 12),
    ]
    assert lesson.definition.length == "lesson" and full.definition.length == "full"


# -- the bundled scenarios ---------------------------------------------------------------


@pytest.mark.parametrize("sid", bundled_ids())
def test_every_bundled_scenario_has_a_lesson_of_at_most_eight_turns(sid: str) -> None:
    full = load_result(sid)
    lesson = load_result(sid, "lesson")
    assert lesson.ok and lesson.compiled is not None
    assert 2 <= lesson.compiled.turns <= 8 < full.compiled.turns
    assert lesson.content_hash == full.content_hash
    assert lesson.scenario.expectations, "a lesson carries its own balance bars"
    assert full.scenario.length_turns() == {"full": full.compiled.turns, "lesson": 8}
    # the story's key scheduled decisions keep a turn: everything the full game
    # schedules from some turn can still come in the lesson
    d = lesson.scenario
    assert all(e.first_turn <= 8 for e in d.events if e.first_turn <= full.compiled.turns)


def test_bundled_lessons_validate_without_warnings() -> None:
    r = run("validate", *(f"scenarios/{s}.yaml" for s in bundled_ids()), cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "warning" not in r.stdout


# -- errors and lints --------------------------------------------------------------------


def _yaml(data: dict) -> str:
    return json.dumps(data, indent=1)  # JSON is YAML, with one key per line


def test_bad_lesson_blocks_are_errors_at_their_place() -> None:
    data = twelve(drop=["nowhere"], move={"pick": 9, "ghost": 2})
    data["lengths"]["full"] = {"turns": 4}
    data["lengths"]["long"] = {"turns": 12}
    data["events"] = [decision("pick", "india", [("go", []), ("stay", [])])]
    text = _yaml(data)
    r = load_bytes(text, "s.yaml")
    assert not r.ok
    lines = text.splitlines()
    got = {d.message: (d.line, lines[d.line - 1]) for d in r.errors}
    msgs = " | ".join(got)
    assert "unknown event 'nowhere'" in msgs
    assert "unknown event 'ghost'" in msgs
    assert "turn 9 is outside this length's turns 1-8" in msgs
    assert "fewer turns than the full scenario's 12" in msgs
    assert "'full' is the scenario as written" in msgs
    for message, (_line, text_line) in got.items():
        word = next(w for w in ("nowhere", "ghost", "pick", "turns", "full") if w in text_line)
        assert word, message


def test_lint_warns_about_the_story_a_lesson_drops() -> None:
    data = twelve(drop=["pick"])
    data["events"] = [
        decision("pick", "india", [("go", [{"target": "a", "add": 1}]), ("no", [])], first_turn=4)
    ]
    r = load_bytes(_yaml(data), "s.yaml", lint=True)
    warns = [d.message for d in r.diagnostics if d.severity == "warning"]
    assert any("drops 'pick'" in w and "scheduled from turn 4" in w for w in warns), warns


def test_lint_warns_when_a_condition_on_turn_is_lost() -> None:
    # a long condition on turn cannot be widened to every skipped turn (the expression
    # limit): the lesson reads it at its own turns only and misses turn 5
    long = " and ".join(["a >= 0 or a < 0"] * 12)
    data = twelve()
    data["events"] = [
        {"id": "odd", "title": "Odd", "text": "Odd.", "when": f"turn == 5 and ({long})"}
    ]
    r = load_bytes(_yaml(data), "s.yaml", lint=True)
    warns = [d.message for d in r.diagnostics if d.severity == "warning"]
    assert not any("misses" in w for w in warns)  # it depends on `a`: not a schedule
    pad = " + ".join(["min(1, 2, 3, 4) * 0"] * 9)  # fits once, not once per skipped turn
    data["events"][0]["when"] = f"turn == 5 + {pad}"
    r = load_bytes(_yaml(data), "s.yaml", lint=True)
    warns = [d.message for d in r.diagnostics if d.severity == "warning"]
    assert any("misses this event's turn(s) 5" in w for w in warns), warns


def test_an_unknown_length_is_a_clear_error() -> None:
    r = load_result("tariff_friction", "short")
    assert not r.ok and "has no 'short' length (it has: full, lesson)" in r.errors[0].message
    assert split_ref("tariff_friction@lesson") == ("tariff_friction", "lesson")
    assert split_ref("tariff_friction") == ("tariff_friction", "full")
    out = run("simulate", "tariff_friction", "--length", "short", "--runs", "10")
    assert out.returncode == 2 and "no 'short' length" in out.stderr
    assert "Traceback" not in out.stderr


# -- carried everywhere ------------------------------------------------------------------


def test_class_codes_carry_the_length_and_old_codes_stay_full() -> None:
    old = "TF-2800-044J-S"  # made before lengths existed: seed 4242, hard, hot seat
    info = parse_code(old)
    assert (info.seed, info.difficulty, info.length) == (4242, "hard", "full")
    assert make_code("tariff_friction", 4242, "hard", {"hot_seat"}) == old
    lesson = make_code("tariff_friction", 4242, "hard", {"hot_seat"}, "lesson")
    assert lesson != old and parse_code(lesson).length == "lesson"
    assert parse_code(lesson).flags == {"hot_seat"} and parse_code(lesson).seed == 4242
    with pytest.raises(ValueError, match="full or lesson"):
        make_code("tariff_friction", 1, length="short")


def test_saves_record_the_length_and_rebuild_the_lesson(tmp_path: Path) -> None:
    from game.saves import parse_save, read_save, record_dict, restore, save_dict, write_save

    sc = load("lac_tensions", "lesson")
    g = Game(sc, 3)
    for _ in range(3):
        g.apply({r: [1] * len(g.pending(r)) for r in ("india", "us")})
    data = save_dict(g, scenario="lac_tensions@lesson", content_hash="")
    assert data["scenario"] == "lac_tensions" and data["length"] == "lesson"
    write_save(tmp_path / "s.json", data)
    back = restore(read_save(tmp_path / "s.json"))
    assert back.fits and back.game.scenario.turns == 8
    np.testing.assert_array_equal(back.game.state.values, g.state.values)
    # a save without a length is a full game; a malformed one is refused
    old = dict(data, length=None)
    del old["length"]
    assert parse_save(old).length == "full"
    from game.saves import SaveError

    with pytest.raises(SaveError, match="length"):
        parse_save(dict(data, length="../x"))
    assert record_dict(back.save)["length"] == "lesson"


def test_commands_take_the_length(tmp_path: Path) -> None:
    info = json.loads(run("info", "framework_decade", "--json").stdout)
    assert info["lengths"] == {"full": 20, "lesson": 8}
    sim = run("simulate", "tech_export", "--length", "lesson", "--runs", "50", "--json")
    assert sim.returncode == 0, sim.stderr
    assert json.loads(sim.stdout)["mean_turns"] <= 8
    code = run("code", "tariff_friction", "--seed", "7", "--length", "lesson").stdout.strip()
    assert parse_code(code).length == "lesson"
    brief = run(
        "brief", "lac_tensions", "--role", "us", "--length", "lesson", "--format", "md",
        "-o", str(tmp_path / "b.md"),
    )  # fmt: skip
    assert brief.returncode == 0, brief.stderr
    assert "8 turns (lesson length)" in (tmp_path / "b.md").read_text()
    # a class code's length reaches the game and its save
    save = tmp_path / "g.json"
    played = run("play", "--code", code, "--text", "--save", str(save), stdin="1\n" * 40)
    assert "Turn 1/8" in played.stdout, played.stdout[-2000:] + played.stderr
    assert json.loads(save.read_text())["length"] == "lesson"


def test_check_runs_a_lessons_own_expectations(tmp_path: Path) -> None:
    data = twelve(
        expectations=[
            {"name": "lesson games last 8 turns", "metric": "mean_turns", "runs": 20,
             "min": 8, "max": 8},
        ]
    )  # fmt: skip
    data["expectations"] = [
        {"name": "full games last 12 turns", "metric": "mean_turns", "runs": 20, "min": 12}
    ]
    path = tmp_path / "unit.yaml"
    path.write_text(_yaml(data))
    full = run("check", str(path))
    lesson = run("check", str(path), "--length", "lesson")
    assert full.returncode == 0 and "PASS  full games last 12 turns" in full.stdout
    assert lesson.returncode == 0 and "PASS  lesson games last 8 turns" in lesson.stdout
    assert "full games" not in lesson.stdout


def test_the_lac_lesson_keeps_every_season_of_the_full_calendar() -> None:
    def fired(sc) -> dict[str, int]:
        g = play(sc, 2)
        return {e: sum(e in t.news for t in g.turns) for e in ("winter_lull", "patrol_season")}

    full, lesson = fired(load("lac_tensions")), fired(load("lac_tensions", "lesson"))
    assert lesson == full == {"winter_lull": 2, "patrol_season": 3}
    summary = load("lac_tensions", "lesson").definition.summary
    text = summary if isinstance(summary, str) else summary["en"]
    assert text.endswith("with every patrol season and winter lull of the full calendar.")


def test_weight_multiplies_what_options_add() -> None:
    data = twelve(weight=2)
    data["indicators"]["a"].update(start=0)
    data["events"] = [
        decision("pick", "india", [("go", [{"target": "a", "add": 6}]), ("no", [])], once=True)
    ]
    g = play(lesson_of(data))
    assert g.values()["a"] == 12  # 6, counted twice: the decision stands for more story
    assert play(build(data)).values()["a"] == 6


def test_a_weight_per_role_scales_only_that_roles_options() -> None:
    data = twelve(weight={"india": 3})
    data["indicators"]["a"].update(start=0)
    data["events"] = [
        decision("pick", "india", [("go", [{"target": "a", "add": 6}]), ("no", [])], once=True),
        decision("vote", "us", [("go", [{"target": "a", "add": 1}]), ("no", [])], once=True),
    ]
    short = derive(Scenario.model_validate(copy.deepcopy(data)), "lesson")
    india, us = short.events
    assert india.options[0].effects[0].add == "6 * 3"
    assert us.options[0].effects[0].add == 1  # a role left out keeps its amounts
    assert play(lesson_of(data)).values()["a"] == 19  # 6 counted three times, and 1


def test_a_weight_scales_fixed_amounts_but_not_amounts_read_from_the_state() -> None:
    data = twelve(weight=2)
    data["indicators"]["a"].update(start=0)
    data["indicators"]["c"] = {"label": "C", "min": -100, "max": 100, "start": 0, "good": "up"}
    data["indicators"]["d"] = {"label": "D", "min": 0, "max": 100, "start": 0, "good": "up"}
    effects = [
        {"target": "a", "add": 6},  # a constant: 12
        {"target": "a", "add": "uniform(3, 3)"},  # a random draw: 6
        {"target": "b", "add": "-round(b / 2)"},  # halve it: 50 -> 25, not 50 -> 0
        {"target": "c", "add": "4 if b >= 40 else -3"},  # a choice made on the state: 8
        {"target": "d", "set": 7},  # a set is never multiplied
    ]
    data["events"] = [decision("pick", "india", [("go", effects), ("no", [])], once=True)]
    values = play(lesson_of(data)).values()
    assert (values["a"], values["b"], values["c"], values["d"]) == (18, 25, 8, 7)
    full = play(build(data)).values()
    assert (full["a"], full["b"], full["c"], full["d"]) == (9, 25, 4, 7)


@pytest.mark.parametrize(
    ("amount", "weighted"),
    [
        ("-uniform(4, 8)", "-uniform(4, 8) * 2.5"),
        (
            "round(uniform(1, 6)) if chance(0.35) else 0",
            "(round(uniform(1, 6)) if chance(0.35) else 0) * 2.5",
        ),
        ("-b", "-b"),
        ("uniform(5, 10) * (1.3 - 0.01 * a)", "uniform(5, 10) * (1.3 - 0.01 * a)"),
        ("3 if fired('pick') else -b", "3 * 2.5 if fired('pick') else -b"),
        ("2 if pledged('deal') else 0", "2 * 2.5 if pledged('deal') else 0 * 2.5"),
        ("0.5 * turn", "0.5 * (1 + floor(((turn - 1) * 22 + 7) / 14))"),
    ],
)
def test_which_amounts_a_weight_scales(amount: str, weighted: str) -> None:
    data = twelve(weight=2.5)
    data["events"] = [
        decision("pick", "india", [("go", [{"target": "a", "add": amount}])], once=True)
    ]
    short = derive(Scenario.model_validate(copy.deepcopy(data)), "lesson")
    assert short.events[0].options[0].effects[0].add == weighted


@pytest.mark.parametrize(
    ("weight", "message", "word"),
    [
        ({"india": 5}, "a weight factor must be above 0 and at most 4, got 5", '"weight"'),
        ({"china": 2}, "'china' is not allowed here: expected 'india' or 'us'", '"china"'),
        (0, "a weight factor must be above 0 and at most 4, got 0", '"weight"'),
    ],
)
def test_a_bad_weight_is_an_error_at_its_place(weight: object, message: str, word: str) -> None:
    text = _yaml(twelve(weight=weight))
    r = load_bytes(text, "s.yaml")
    assert not r.ok
    (err,) = [d for d in r.errors if message in d.message]
    assert word in text.splitlines()[err.line - 1] and err.col > 0


def test_lint_warns_when_a_triggered_event_is_dropped() -> None:
    data = twelve(drop=["chained"])
    data["events"] = [
        decision("pick", "india", [("go", [{"trigger": "chained", "after": 1}]), ("no", [])]),
        {"id": "chained", "title": "Chained", "text": "It follows.", "when": False},
    ]
    r = load_bytes(_yaml(data), "s.yaml", lint=True)
    warns = [d.message for d in r.diagnostics if d.severity == "warning"]
    assert any("drops 'chained' (triggered by other choices)" in w for w in warns), warns


def test_reports_name_the_lesson_length(tmp_path: Path) -> None:
    from game.report.classroom import build_class_report
    from game.report.debrief import build_debrief
    from game.report.load import expand_paths, load_teams
    from game.saves import save_dict, write_save

    g = play(load("tariff_friction", "lesson"))
    for name in ("a", "b"):
        data = save_dict(g, scenario="tariff_friction", content_hash="")
        write_save(tmp_path / f"{name}.json", data)
    teams, skipped = load_teams(expand_paths([str(tmp_path)])[0])
    assert not skipped and len(teams) == 2
    assert build_debrief(teams[0], whatifs=False).title == "Tariff Friction (lesson length)"
    report = build_class_report(teams)
    assert [grp.title for grp in report.groups] == ["Tariff Friction (lesson length)"]
