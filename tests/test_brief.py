"""`python -m game brief`: a role's printable brief, in HTML and Markdown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from game.brief import brief_html, build_brief, condition_words
from game.scenario.loader import load
from tests.builder import base, build


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", "brief", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_html_brief_has_every_part_for_the_role(tmp_path: Path) -> None:
    out = tmp_path / "b.html"
    done = run("tariff_friction", "--role", "us", "-o", str(out))
    assert done.returncode == 0, done.stderr
    page = out.read_text("utf-8")
    for heading in (
        "The situation",
        "Your objectives",
        "Who else is in play",
        "Words you will meet",
        "What really happened before the game begins",
    ):
        assert f"<h2>{heading}</h2>" in page
    assert 'you play <span class="role us">United States</span>' in page
    # the US objectives with their thresholds, not India's
    assert "Goods deficit at $44bn or less" in page and "≤ 44" in page
    assert "A trade deal that keeps dairy closed" not in page
    # the timeline stops at the game's start; what came after is for the debrief
    assert "Ten-year framework signed in Kuala Lumpur" in page
    assert "cut to 18%" not in page
    assert "<script" not in page


def test_markdown_brief_and_format_from_suffix(tmp_path: Path) -> None:
    out = tmp_path / "b.md"
    assert run("lac_tensions", "--role", "india", "-o", str(out)).returncode == 0
    text = out.read_text("utf-8")
    assert text.startswith("# Line of Actual Control: you play India")
    assert "| Objective | Met when | Weight |" in text
    assert "- **LAC**" in text and "**15 Jun 2020**" in text


def test_unknown_length_and_scenario_are_clear_errors(tmp_path: Path) -> None:
    bad = run("tariff_friction", "--role", "us", "--length", "short", "-o", str(tmp_path / "x"))
    assert bad.returncode == 2 and "no 'short' length" in bad.stderr
    assert "Traceback" not in bad.stderr and not (tmp_path / "x").exists()
    missing = run("nowhere", "--role", "us")
    assert missing.returncode == 1 and "no scenario" in missing.stderr


def test_objective_thresholds_in_words() -> None:
    sc = load("tariff_friction")
    words = condition_words(sc.definition, "recip_tariff + oil_penalty <= 25", {})
    assert words == "US reciprocal tariff + Russian-oil penalty ≤ 25"
    b = build_brief(sc, "india")
    assert abs(sum(g.weight_share for g in b.goals) - 1) < 1e-9
    assert sum(g.primary for g in b.goals) == 1


def test_scenario_text_is_escaped(tmp_path: Path) -> None:
    data = base()
    data["roles"]["india"]["briefing"] = "<script>alert(1)</script> & more"
    page = brief_html(build_brief(build(data), "india"))
    assert "<script>alert" not in page and "&lt;script&gt;" in page
