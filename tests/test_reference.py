"""Glossary and real timeline: the shared reference file, scenario entries, `real` events."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from game.engine.text import pick
from game.scenario.loader import bundled_ids, load, load_file, load_result, scenarios_dir
from game.scenario.reference import after, before, cite, date_label, find_term, terms_in
from tests.builder import base

ROOT = Path(__file__).resolve().parents[1]


def _write(tmp: Path, data: dict, ref: dict | None = None) -> Path:
    if ref is not None:
        (tmp / "ref").mkdir(exist_ok=True)
        (tmp / "ref" / "shared.yaml").write_text(yaml.safe_dump(ref, sort_keys=False))
    path = tmp / "scn.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


SRC = {"publication": "The Paper", "date": "1 May 2025", "title": "A thing happened"}
SHARED = {
    "glossary": [
        {"term": "LAC", "aliases": ["Line of Actual Control"], "definition": "The line, shared."},
        {"term": "Quad", "definition": "Four countries that meet."},
    ],
    "timeline": [
        {"id": "late", "date": "2026-02-07", "title": "Later", "source": SRC},
        {"id": "early", "date": "2005-06-28", "title": "Earlier", "source": SRC},
    ],
}


@pytest.mark.parametrize("sid", bundled_ids())
def test_bundled_scenarios_have_a_glossary_and_a_sourced_timeline(sid):
    d = load_result(sid).scenario
    assert len(d.glossary) >= 30
    assert len(d.timeline) >= 20
    assert d.timeline[0].date.startswith("2005") and d.timeline[-1].date.startswith("2026")
    for ev in d.timeline:
        assert ev.source.publication and ev.source.date and ev.source.title
    dates = [e.date for e in d.timeline]
    assert dates == sorted(dates)
    for word in ("LAC", "BTA", "Quad", "LEMOA", "COMCASA", "BECA", "ADMM-Plus", "Offsets"):
        assert find_term(d.glossary, word)[0] is not None, word
    assert find_term(d.glossary, "secretary of war")[0] is not None
    assert find_term(d.glossary, "tranche")[0] is not None
    real = [e for e in d.events if e.real]
    ids = {t.id for t in d.timeline}
    assert all(e.real in ids for e in real)


def test_user_facing_scenario_files_name_no_internal_file_or_path():
    files = [*scenarios_dir().glob("*.yaml"), *scenarios_dir().glob("reference/*.yaml")]
    assert len(files) >= 5
    for f in files:
        text = f.read_text("utf-8")
        assert "facts.md" not in text, f
        assert not re.search(r"/work/|/home/|/tmp/|shared/source", text), f


def test_every_source_cite_names_a_publication_or_is_hypothetical():
    for sid in bundled_ids():
        for s in load_result(sid).scenario.sources:
            if s.hypothetical:
                continue
            assert s.cite and "#" not in s.cite.split("http")[0], (sid, s.cite)
            assert re.search(r"\b(19|20)\d\d\b", s.cite), (sid, s.cite)  # a date


def test_scenario_entries_add_to_and_replace_the_shared_ones(tmp_path):
    data = base()
    data["reference"] = "ref/shared.yaml"
    data["glossary"] = [{"term": "lac", "definition": "The line, as this scenario puts it."}]
    data["timeline"] = [{"id": "mine", "date": "2010-01", "title": "Mine", "source": SRC}]
    result = load_file(_write(tmp_path, data, SHARED))
    assert result.ok, [d.format() for d in result.diagnostics]
    d = result.scenario
    assert [t.term for t in d.glossary] == ["lac", "Quad"]
    assert d.glossary[0].definition.startswith("The line, as this")
    assert [t.id for t in d.timeline] == ["early", "mine", "late"]
    assert [t.id for t in before(d.timeline, "2026-01")] == ["early", "mine"]
    assert [t.id for t in after(d.timeline, "2026-01")] == ["late"]


def test_reference_outside_the_folder_or_missing_is_an_error(tmp_path):
    for ref, words in (("../x.yaml", "inside the scenario's folder"), ("nope.yaml", "cannot read")):
        data = base()
        data["reference"] = ref
        result = load_file(_write(tmp_path, data))
        assert not result.ok
        assert any(words in d.message and d.line > 1 for d in result.errors), result.errors


def test_errors_in_the_reference_file_are_reported_in_that_file(tmp_path):
    bad = {"glossary": [{"term": "X", "definiton": "typo key"}], "timeline": []}
    data = base()
    data["reference"] = "ref/shared.yaml"
    result = load_file(_write(tmp_path, data, bad))
    assert not result.ok
    msgs = [d.format() for d in result.errors]
    assert any("shared.yaml:3:" in m and "did you mean 'definition'" in m for m in msgs), msgs


def test_unknown_real_event_and_duplicate_terms_are_reported(tmp_path):
    data = base()
    data["reference"] = "ref/shared.yaml"
    data["events"] = [{"id": "news", "title": "News", "real": "erly"}]
    data["glossary"] = [
        {"term": "Tariff", "definition": "A tax at the border."},
        {"term": "tariff", "definition": "The same word again."},
    ]
    result = load_file(_write(tmp_path, data, SHARED))
    msgs = [d.message for d in result.errors]
    assert any("unknown timeline entry 'erly' (did you mean 'early'?)" in m for m in msgs), msgs
    assert any("'tariff' is defined twice" in m for m in msgs), msgs


def test_find_term_and_terms_in():
    d = load_result("lac_tensions").scenario
    term, _ = find_term(d.glossary, "line of actual control")
    assert term is not None and term.term == "LAC"
    missing, close = find_term(d.glossary, "Quadd")
    assert missing is None and "Quad" in close
    found = {t.term for t in terms_in(d.glossary, ["The BTA and the Quad; a clasp."])}
    assert {"BTA", "Quad"} <= found and "LAC" not in found
    assert date_label("2025-10-31") == "31 Oct 2025" and date_label("2020-11") == "Nov 2020"
    assert "https://" in cite(d.timeline[-1].source)


def test_info_json_reports_glossary_timeline_and_lengths():
    out = subprocess.run(
        [sys.executable, "-m", "game", "info", "tariff_friction", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    info = json.loads(out.stdout)
    assert info["glossary"] >= 30 and info["timeline"] >= 20
    assert info["lengths"]["full"] == info["turns"]
    assert info["real_events"] >= 1


def _play(*args: str, stdin: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "game", "play", *args, "--text", "--seed", "3"],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_terminal_glossary_timeline_and_real_or_hypothetical_marks():
    out = _play("tariff_friction", stdin="h\ng\ng line of actual control\ng quadd\nt\nq\n")
    assert "g TERM explains one" in out  # listed by h
    assert "GLOSSARY" in out and "LEMOA" in out and "Secretary of War" in out
    assert "LAC (LINE OF ACTUAL CONTROL)" in out and "3,488 km" in out
    assert "No glossary entry for 'quadd'. Did you mean: Quad?" in out
    assert "WHAT REALLY HAPPENED BEFORE THE GAME BEGINS" in out
    assert "28 Jun 2005: The first ten-year defence framework" in out
    # the Rosneft news retells a timeline entry; the decision is invented
    assert "(real: EditorialNow, January 2026)" in out
    assert re.search(r"DECISION for India: .*\(hypothetical\)", out)


def test_terminal_end_sets_the_game_beside_what_really_happened():
    out = _play("lac_tensions", stdin="1\n" * 200)
    tail = out[out.index("== The end") :]
    assert "WHAT REALLY HAPPENED (from the game's start)" in tail
    assert "2 Feb 2026: US reciprocal tariff on India cut to 18%" in tail


def test_hot_seat_dashboard_shows_each_players_own_aims():
    out = _play("tariff_friction", "--human", "india,us", stdin="\nd\n1\n1\n\nd\n1\n1\nq\n")
    assert "YOUR AIMS (India)" in out and "YOUR AIMS (United States)" in out
    us_aims = out[out.index("YOUR AIMS (United States)") :].split("DECISION")[0]
    d = load("tariff_friction").definition
    assert all(pick(o.label) in us_aims for o in d.objectives.us)
    assert not any(pick(o.label) in us_aims for o in d.objectives.india)
    india = out.index("DASHBOARD for India")
    us = out.index("DASHBOARD for United States")
    row = re.compile(r"US goods deficit with India .*?(want \w+)?\n")
    assert row.search(out, india).group(1) is None  # India has no aim on the US deficit
    assert row.search(out, us).group(1) == "want down"
