"""Classroom reports: the debrief of one save, the class report of many, the CSV, the CLI."""

from __future__ import annotations

import csv
import random
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.classcode import make_code
from game.engine.bots import make_policy
from game.engine.game import Game, what_if
from game.report import (
    ReportError,
    build_debrief,
    load_team,
    write_class_report,
    write_debrief,
)
from game.saves import save_dict, write_save
from game.scenario.loader import load, load_result

MINIMAL = str(Path(__file__).parent / "scenarios" / "valid" / "minimal.yaml")
DEBRIEF_SECTIONS = {"summary", "ending", "objectives", "indicators", "timeline", "why", "whatif"}
REASONS = ["protect farmers", "trade first", "", "keep defence apart", "cheaper oil"]


class Page(HTMLParser):
    """Collects ids, classes, image sources and text of an HTML page; fails on bad nesting."""

    VOID = {"meta", "img", "br", "hr", "link", "input"}

    def __init__(self, text: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.classes: set[str] = set()
        self.images: list[str] = []
        self.links: list[str] = []
        self.stack: list[str] = []
        self.chunks: list[str] = []
        self.feed(text)
        self.close()
        assert self.stack == [], f"unclosed tags: {self.stack}"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            assert a["id"] not in self.ids, f"duplicate id {a['id']}"
            self.ids.add(a["id"])
        self.classes.update((a.get("class") or "").split())
        if tag == "img":
            self.images.append(a.get("src", ""))
        if tag in ("a", "link", "script", "iframe"):
            self.links.append(a.get("href") or a.get("src") or "")
        assert tag != "script", "reports need no script"
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())


def play(scenario: str, seed: int, *, k: int = 0, humans=("india",), stop: int | None = None):
    """A game with people's choices drawn at random (seeded by k) and bots for the rest."""
    sc = load(scenario)
    rng = random.Random(k)
    bots = {r: make_policy(sc, "balanced") for r in ("india", "us") if r not in humans}
    g = Game(sc, seed)
    while not g.is_over() and (stop is None or g.turn < stop):
        actions = g.play_bots(bots)
        notes = {}
        for role in humans:
            actions[role] = g.afford(role, [rng.choice(opts) for opts in g.legal_actions(role)])
            notes[role] = [rng.choice(REASONS) for _ in actions[role]]
        assert g.apply(actions, notes)
    return g


def save(path: Path, scenario: str, g: Game, **kw) -> Path:
    data = save_dict(g, scenario=scenario, content_hash=load_result(scenario).content_hash, **kw)
    write_save(path, data)
    return path


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )


@pytest.fixture(scope="module")
def finished(tmp_path_factory) -> Path:
    """A finished tariff_friction game played by India, with notes (one of them hostile)."""
    g = play("tariff_friction", 3, k=1)
    assert g.is_over()
    data = save_dict(
        g,
        scenario="tariff_friction",
        content_hash=load_result("tariff_friction").content_hash,
        players={"india": "Asha & Ravi"},
    )
    data["log"][0]["note"] = "<script>alert(1)</script> farmers first & fair"
    path = tmp_path_factory.mktemp("debrief") / "team-asha.json"
    write_save(path, data)
    return path


def test_debrief_has_every_section_and_the_notes(finished, tmp_path):
    out = write_debrief(finished, tmp_path / "debrief.html")
    html = out.read_text("utf-8")
    page = Page(html)
    assert DEBRIEF_SECTIONS | {"questions"} <= page.ids
    assert "<style>" in html and "@media print" in html and "@page" in html
    # self-contained: every image embedded, nothing fetched from the network
    assert page.images and all(src.startswith("data:image/png;base64,") for src in page.images)
    assert not [u for u in page.links if u.startswith(("http:", "https:", "//"))]
    text = page.text
    assert "Tariff Friction" in text and "Asha & Ravi" in text and "seed" in text.lower()
    assert "farmers first & fair" in text  # the note, shown as text ...
    assert "<script>alert(1)</script>" not in html  # ... and never as markup
    g = load_team(finished).game
    assert g.ending() is not None and g.text(g.ending().title) in text
    for q in g.definition.questions:
        assert g.text(q)[:40] in text
    for c in g.log:
        if c.note and "<" not in c.note:
            assert c.note in text


def test_whatif_lists_up_to_three_decisions_equal_to_direct_what_if_calls(finished):
    db = build_debrief(finished)
    g = db.team.game
    assert 1 <= len(db.whatifs) <= 3
    fill = {r: make_policy(g.scenario, "balanced") for r in ("india", "us")}
    deltas = []
    for w in db.whatifs:
        c = g.log[w.index]
        assert c.role == "india" and w.chosen.option == c.option
        assert w.chosen.scores == pytest.approx(g.scores())
        for o in [w.alternative, *w.others]:
            assert o.option != c.option
            direct = what_if(g.scenario, g.seed, g.log, w.index, o.option, fill)
            assert o.scores == direct.scores()
            assert o.delta == pytest.approx(direct.scores()["india"] - g.scores()["india"])
            assert o.finals == {k: direct.values()[k] for k in o.finals}
            assert o.ending == direct.text(direct.ending().title)
        deltas.append(abs(w.alternative.delta))
    assert deltas == sorted(deltas, reverse=True)
    page = Page(write_debrief(finished, Path(finished).with_suffix(".w.html")).read_text())
    assert {f"whatif-{k}" for k in range(1, len(db.whatifs) + 1)} <= page.ids


def test_an_unfinished_save_still_reports(tmp_path):
    g = play("tariff_friction", 5, k=2, stop=4)
    assert not g.is_over()
    path = save(tmp_path / "half.json", "tariff_friction", g, settings={"class_code": "TF-XXXX"})
    db = build_debrief(path)
    assert not db.over and db.ending is None and "in progress" in db.status
    page = Page(write_debrief(path, tmp_path / "half.html").read_text("utf-8"))
    assert DEBRIEF_SECTIONS <= page.ids
    assert "in progress" in page.text and "no ending yet" in page.text
    assert "not scored until the game ends" in page.text
    # the road not taken is compared with the road taken, both finished by computer players
    for w in db.whatifs:
        assert w.chosen.scores and w.alternative.scores


def make_class(folder: Path, n: int = 40) -> list[Path]:
    """n saves of the minimal scenario: 30 with a class code, the rest by seed; some unfinished."""
    code = make_code("minimal", 77, "normal", {"notes_required"})
    paths = []
    for k in range(n):
        coded = k % 4 != 3
        g = play(MINIMAL, 77 if coded else k // 4 % 2, k=k, stop=3 if k % 10 == 9 else None)
        paths.append(
            save(
                folder / f"group{k + 1:02d}.json",
                MINIMAL,
                g,
                settings={"class_code": code} if coded else {},
                players={"india": f"Team {k + 1}"} if k % 2 else {},
            )
        )
    return paths


def test_class_report_of_40_saves(tmp_path):
    paths = make_class(tmp_path)
    start = time.perf_counter()
    out, skipped = write_class_report(paths, tmp_path / "class.html", tmp_path / "grades.csv")
    elapsed = time.perf_counter() - start
    assert not skipped
    assert elapsed < 15, f"the class report of 40 saves took {elapsed:.1f} s"
    page = Page(out.read_text("utf-8"))
    assert "overview" in page.ids and "questions" in page.ids
    # the coded class is one group; the uncoded saves are grouped by seed (0 and 1)
    groups = [i for i in page.ids if i.startswith("g") and i[1:].isdigit()]
    assert len(groups) == 3
    for grp in groups:
        for part in ("choices", "outcomes", "spread", "unusual"):
            assert f"{grp}-{part}" in page.ids
    assert page.images and all(s.startswith("data:image/png;base64,") for s in page.images)
    text = page.text
    assert "Team 2" in text and "group01" in text and "class code MI-" in text
    assert "Open markets" in text and "%" in text
    with (tmp_path / "grades.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert len(rows) == 41
    head = rows[0]
    for col in ("File", "Team", "Role", "Players", "Class code", "Scenario", "Seed"):
        assert col in head
    for col in ("Turn reached", "Finished", "Ending", "Score", "Objectives met", "Decisions"):
        assert col in head
    for col in ("Notes", "Distinct notes", "Note flags", "Final: Trade ($bn)", "Final: Trust"):
        assert col in head
    assert any(c.startswith("Rubric:") for c in head) and "Teacher comment" in head
    by_file = {r[head.index("File")]: dict(zip(head, r)) for r in rows[1:]}
    assert by_file["group02.json"]["Team"] == "Team 2"
    assert by_file["group02.json"]["Role"] == "India"
    assert by_file["group04.json"]["Class code"] == ""
    assert all(r["Rubric: reasoning (0-4)"] == "" for r in by_file.values())
    # an unfinished game is scored where it stands, and says so
    assert by_file["group10.json"]["Finished"].startswith("no, unfinished")
    assert by_file["group10.json"]["Score"] in ("0", "100")
    assert by_file["group01.json"]["Finished"] == "yes"
    assert by_file["group01.json"]["Score"] in ("0", "50", "100")  # whole numbers, as shown
    teams = [r[0] for r in rows[1:]]
    assert teams.index("Team 2") < teams.index("Team 10") < teams.index("Team 20")


def test_some_bad_saves_are_listed_and_the_rest_reported(tmp_path):
    paths = make_class(tmp_path, 3)
    (tmp_path / "broken.json").write_text('{"format": 1, "scenario": "minimal", "log": [', "utf-8")
    out = run("report", str(tmp_path), "-o", str(tmp_path / "r.html"))
    assert out.returncode == 0, out.stderr
    assert "warning: skipped" in out.stderr and "broken.json" in out.stderr
    assert "Traceback" not in out.stderr
    page = Page((tmp_path / "r.html").read_text("utf-8"))
    assert "skipped" in page.ids and "broken.json" in page.text
    assert len(paths) == 3


def test_a_corrupt_save_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"format": 1, "log": "x"')
    out = run("report", str(bad), "-o", str(tmp_path / "out.html"))
    assert out.returncode == 1
    assert out.stderr.startswith("error:") and "bad.json" in out.stderr
    assert "Traceback" not in out.stderr and not (tmp_path / "out.html").exists()
    missing = run("report", str(tmp_path / "nope.json"))
    assert missing.returncode == 1 and missing.stderr.startswith("error:")
    with pytest.raises(ReportError):
        write_debrief(bad, tmp_path / "x.html")
    with pytest.raises(ReportError, match="none of the"):
        write_class_report([bad, bad.with_name("nope.json")], tmp_path / "x.html")


def test_cli_debrief_markdown_and_csv(tmp_path):
    g = play(MINIMAL, 4, k=5)
    path = save(tmp_path / "solo.json", MINIMAL, g)
    out = run("report", str(path), "-o", "solo.md", "--csv", "solo.csv", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    md = (tmp_path / "solo.md").read_text("utf-8")
    for heading in (
        "## The ending",
        "## Objectives and scores",
        "## Indicators over time",
        "## Timeline of decisions",
        "## Why the biggest changes happened",
        "## What if? The roads not taken",
    ):
        assert heading in md
    charts = sorted((tmp_path / "solo_charts").glob("*.png"))
    assert charts and all(c.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for c in charts)
    assert f"solo_charts/{charts[0].name}" in md
    assert len((tmp_path / "solo.csv").read_text("utf-8-sig").splitlines()) == 2
    default = run("report", str(path), cwd=tmp_path)
    assert default.returncode == 0 and (tmp_path / "solo-debrief.html").exists()


def test_reports_without_pygame_still_have_every_section(finished, tmp_path, monkeypatch):
    import game.report.charts as report_charts

    monkeypatch.setattr(report_charts, "_chart_state", {"backend": None})
    page = Page(write_debrief(finished, tmp_path / "plain.html").read_text("utf-8"))
    assert DEBRIEF_SECTIONS <= page.ids and not page.images
    assert "Chart left out" in page.text
    md = write_debrief(finished, tmp_path / "plain.md").read_text("utf-8")
    assert "Chart left out" in md and not (tmp_path / "plain_charts").exists()
