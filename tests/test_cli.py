"""The command line as a user runs it: exit codes, output formats, scripted play."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

MINIMAL = str(Path(__file__).parent / "scenarios" / "valid" / "minimal.yaml")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_usage_errors_exit_2():
    assert run("frobnicate").returncode == 2
    assert run("simulate").returncode == 2
    out = run("play", MINIMAL, "--text", "--role", "mars")
    assert out.returncode == 2 and "unknown role" in out.stderr


def test_unknown_scenario_exits_1_with_a_hint():
    out = run("info", "tarif_friction")
    assert out.returncode == 1
    assert "did you mean 'tariff_friction'" in out.stderr
    assert "Traceback" not in out.stderr


def test_info_json():
    out = run("info", MINIMAL, "--json")
    assert out.returncode == 0, out.stderr
    info = json.loads(out.stdout)
    assert info["id"] == "minimal"
    assert info["turns"] == 4
    assert info["indicators"] == 2 and info["events"] == 1 and info["options"] == 2
    assert info["roles"] == {"india": "India", "us": "United States"}


def test_scripted_text_play_reaches_the_end():
    out = run("play", MINIMAL, "--text", "--seed", "3", stdin="1\n" * 40)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Turn 1/4" in text and "Turn 4/4" in text
    # each turn ends with its changes, one line each with the largest cause
    assert "WHAT CHANGED IN TURN 1 (w: every cause)" in text
    assert "India: Open markets" in text
    assert "The end" in text and "score" in text


def test_w_lists_every_cause_of_the_last_turn():
    out = run("play", MINIMAL, "--text", "--seed", "3", stdin="1\nw\n" + "1\n" * 10)
    assert out.returncode == 0, out.stderr
    why = out.stdout[out.stdout.index("WHAT CHANGED IN TURN 1, AND WHY") :]
    assert "India chose 'Open markets' (Talks)" in why and "trend (drift)" in why


def test_text_play_stops_cleanly_at_end_of_input():
    out = run("play", MINIMAL, "--text", "--seed", "3", stdin="1\n")
    assert out.returncode == 0
    assert "End of input. The game stopped at turn 2 of 4." in out.stdout
    assert "Traceback" not in out.stderr


def test_text_play_reprompts_on_bad_input():
    out = run("play", MINIMAL, "--text", "--seed", "3", stdin="9\nzzz\nh\n2\n" + "1\n" * 10)
    assert out.returncode == 0
    assert out.stdout.count("Please type a number from 1 to 2") == 2
    assert "At a decision prompt type" in out.stdout
    assert "India: Stay closed" in out.stdout


def test_same_seed_same_transcript():
    a = run("play", MINIMAL, "--text", "--seed", "5", "--role", "us", stdin="\n" * 10)
    b = run("play", MINIMAL, "--text", "--seed", "5", "--role", "us", stdin="\n" * 10)
    assert a.stdout == b.stdout


def test_simulate_json_summary():
    out = run("simulate", MINIMAL, "--runs", "500", "--seed", "2", "--json")
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert r["scenario"] == "minimal" and r["runs"] == 500 and r["seed"] == 2
    assert r["policy"] == "random"
    assert set(r["roles"]) == {"india", "us"}
    for role in r["roles"].values():
        assert 0 <= role["win_rate"] <= 1 and 0 <= role["mean_score"] <= 100
    assert sum(r["endings"].values()) == pytest.approx(1.0)
    assert r["events"]["talks"] == 1.0
    assert sum(r["options"]["talks"].values()) == pytest.approx(1.0, abs=1e-3)
    assert set(r["final"]["trade_bn"]) == {"p10", "p50", "p90"}
    assert r["games_per_second"] > 0
    again = json.loads(run("simulate", MINIMAL, "--runs", "500", "--seed", "2", "--json").stdout)
    for key in ("roles", "endings", "events", "options", "final"):
        assert again[key] == r[key]


def test_simulate_rejects_unknown_policy():
    out = run("simulate", MINIMAL, "--runs", "10", "--policy", "wizard")
    assert out.returncode == 2 and "unknown policy" in out.stderr


def test_new_writes_a_template_that_validates_and_plays(tmp_path):
    target = tmp_path / "my_crisis.yaml"
    out = run("new", str(target))
    assert out.returncode == 0, out.stderr
    text = target.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    assert "id: my_crisis" in text
    assert run("validate", str(target)).returncode == 0
    played = run("play", str(target), "--text", "--seed", "1", stdin="1\n" * 30)
    assert played.returncode == 0 and "The end" in played.stdout
    again = run("new", str(target))
    assert again.returncode == 1 and "already exists" in again.stderr


def test_schema_command_prints_json():
    out = run("schema")
    assert out.returncode == 0
    assert json.loads(out.stdout)["$schema"].startswith("http://json-schema.org/draft-07")


def test_check_runs_expectations_and_fails_on_a_broken_one(tmp_path):
    out = run("check", MINIMAL)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "4 passed, 0 failed" in out.stdout
    bad = tmp_path / "bad.yaml"
    text = Path(MINIMAL).read_text().replace("min: 1.0\n", "min: 1.0\n    max: 0.5\n", 1)
    bad.write_text(text)
    out = run("check", str(bad))
    assert out.returncode == 1
    assert "FAIL  talks happen in every game: events.talks = 1.000" in out.stdout


def test_simulate_html_balance_report(tmp_path):
    from html.parser import HTMLParser

    out_file = tmp_path / "balance.html"
    out = run(
        "simulate", MINIMAL, "--runs", "300", "--seed", "2", "--json", "--html", str(out_file)
    )
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    page = out_file.read_text()

    class Ids(HTMLParser):
        ids: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.ids += [v for k, v in attrs if k == "id"]

    parser = Ids()
    parser.feed(page)
    sections = {"win-rates", "endings", "events", "options", "final", "dead", "notes", "personas"}
    assert sections | {"expectations", "crowded", "sensitivity"} <= set(parser.ids)
    assert "http" not in page.replace("http://json-schema", "")  # self-contained
    india = summary["roles"]["india"]["win_rate"]
    assert f"{100 * india:.1f}%" in page  # the same numbers as --json
    assert '<span class="ci">± ' in page  # with their confidence intervals
    assert "about 95 in 100 contain the true share" in page  # what a 95% interval means
    assert "less than that from one seed to another" not in page  # not a bound between runs
    assert "PASS" in page and "talks happen in every game" in page  # the expectations' bars
    assert (
        f"<code>balance.win_gap</code></td><td></td><td>{summary['balance']['win_gap']:.4g}" in page
    )
    assert "india expert vs random" in page


def test_validate_a_folder_of_scenarios_checks_scenarios_not_their_reference_files():
    from game.paths import scenarios_dir

    out = run("validate", str(scenarios_dir()))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "4 file(s) checked: 0 error(s), 0 warning(s) - ok" in out.stderr


def test_a_scenario_broken_while_check_runs_gets_a_message_not_a_traceback(
    tmp_path, monkeypatch, capsys
):
    """`check` reads the file, then its simulations read it again: an author who saves a
    broken edit meanwhile gets the diagnostics and exit code 1, not a Python traceback."""
    import game.expectations
    from game.cli import main

    path = tmp_path / "s.yaml"
    path.write_text(Path(MINIMAL).read_text())
    real = game.expectations.run_expectations

    def edited_meanwhile(*args, **kwargs):
        path.write_text("turns: [\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(game.expectations, "run_expectations", edited_meanwhile)
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "changed while this command ran" in err
    assert f"{path}:2:1" in err
    assert "Traceback" not in err
