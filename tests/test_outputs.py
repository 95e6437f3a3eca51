"""Files the game writes: never over an input, a read-only file or a file that is not a save;
a resumed save is never replaced by less; gradebook CSVs and chart PNGs are all or nothing;
a crashed writer's temporary files are cleaned up; class codes and CSV cells are safe."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import sys
import time
from pathlib import Path

import pytest

from game.classcode import canonical, make_code
from game.cli import main
from game.engine.bots import make_policy
from game.engine.game import Game
from game.report import load_team, write_class_report, write_csv
from game.saves import read_save, save_dict, write_save
from game.scenario.loader import load

HERE = Path(__file__).parent
MINIMAL = str(HERE / "scenarios" / "valid" / "minimal.yaml")


def played(scenario: str, seed: int, turns: int | None = None) -> Game:
    sc = load(scenario)
    bots = {r: make_policy(sc, "random") for r in ("india", "us")}
    g = Game(sc, seed)
    while not g.is_over() and (turns is None or g.turn <= turns):
        assert g.apply(g.play_bots(bots))
    return g


def write(path: Path, scenario: str, g: Game, **kw) -> Path:
    write_save(path, save_dict(g, scenario=scenario, content_hash="", **kw))
    return path


# -- --save, report -o, --csv ---------------------------------------------------------------


def test_save_never_replaces_a_read_only_file_a_non_save_or_the_scenario(tmp_path, capsys):
    scen = tmp_path / "mine.yaml"
    shutil.copy(MINIMAL, scen)
    homework = tmp_path / "homework.txt"
    homework.write_text("my essay\n")
    locked = write(tmp_path / "locked.json", MINIMAL, played(MINIMAL, 1, 1))
    locked.chmod(0o444)
    before = {p: p.read_bytes() for p in (scen, homework, locked)}
    for target in (homework, scen, locked):
        code = main(["play", str(scen), "--text", "--save", str(target)])
        out, err = capsys.readouterr()
        assert code == 2 and err.startswith("error: will not save there")
    assert {p: p.read_bytes() for p in before} == before
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444


def test_reports_never_replace_their_inputs_or_a_save(tmp_path, capsys):
    a = write(tmp_path / "a.json", MINIMAL, played(MINIMAL, 1))
    b = write(tmp_path / "b.json", MINIMAL, played(MINIMAL, 2))
    other = write(tmp_path / "other.json", MINIMAL, played(MINIMAL, 3))
    scen = tmp_path / "mine.yaml"
    shutil.copy(MINIMAL, scen)
    locked = tmp_path / "locked.html"
    locked.write_text("<p>kept</p>")
    locked.chmod(0o444)
    before = {p: p.read_bytes() for p in (a, b, other, scen, locked)}
    for extra in (
        ["-o", str(a)],
        ["-o", str(other)],
        ["-o", str(scen)],
        ["-o", str(locked)],
        ["--csv", str(b)],
        ["--csv", str(other)],
    ):
        assert main(["report", str(a), str(b), *extra]) == 2
        assert "will not write there" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in before} == before
    # an earlier report may be replaced
    assert main(["report", str(a), str(b), "-o", str(tmp_path / "r.html")]) == 0
    assert main(["report", str(a), str(b), "-o", str(tmp_path / "r.html")]) == 0


def test_resume_never_overwrites_a_save_with_less_than_it_held(tmp_path, capsys, monkeypatch):
    scen = tmp_path / "s.yaml"
    scen.write_text(Path(MINIMAL).read_text())
    g = played(str(scen), 5, 3)
    assert any(c.option == "close" for c in g.log)
    path = write(tmp_path / "team.json", str(scen), g)
    original = path.read_bytes()
    scen.write_text(Path(MINIMAL).read_text().replace("id: close", "id: shut"))
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n" * 50))
    main(["play", "--text", "--resume", str(path)])
    err = capsys.readouterr().err
    assert path.read_bytes() == original
    continued = tmp_path / "team.continued.json"
    assert f"continues in {continued}" in err
    assert read_save(continued).log  # the continuation, saved after each turn


# -- atomic writes and crashed writers ------------------------------------------------------


def on_a_full_disk(code: str) -> str:
    """Run Python code in a child process that cannot write files larger than 1 KB (as on a
    full disk); returns what it printed. The limit stays out of the test process's own files."""
    resource = pytest.importorskip("resource")  # POSIX: the limit is how a full disk is shown
    import signal
    import subprocess

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write is an error, not a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=HERE.parent,
        env=env,
        preexec_fn=limit,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_full_disk_never_leaves_half_a_gradebook(tmp_path):
    saves = [write(tmp_path / f"t{k:02d}.json", MINIMAL, played(MINIMAL, k)) for k in range(20)]
    grades = tmp_path / "grades.csv"
    write_csv([load_team(p) for p in saves[:2]], grades)
    before = grades.read_bytes()
    out = on_a_full_disk(
        "from game.report import ReportError, load_team, write_csv\n"
        f"teams = [load_team(p) for p in {[str(p) for p in saves]!r}]\n"
        "try:\n"
        f"    write_csv(teams, {str(grades)!r})\n"  # about 2 KB
        "except ReportError as err:\n"
        "    print('refused:', err)\n"
    )
    assert out.startswith("refused: cannot write")
    assert grades.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_full_disk_never_leaves_half_a_save_or_report(tmp_path):
    from game.report import write_debrief

    path = write(tmp_path / "s.json", MINIMAL, played(MINIMAL, 3, 1))
    report = write_debrief(path, tmp_path / "r.html")
    before = {p: p.read_bytes() for p in (path, report)}
    out = on_a_full_disk(
        "import json\n"
        "from game.report import ReportError, write_debrief\n"
        "from game.saves import write_save\n"
        f"data = json.load(open({str(path)!r}))\n"
        "data['extra'] = {'pad': 'x' * 2000}\n"
        "try:\n"
        f"    write_save({str(path)!r}, data)\n"
        "except OSError:\n"
        "    print('save refused')\n"
        "try:\n"
        f"    write_debrief({str(path)!r}, {str(report)!r})\n"
        "except ReportError:\n"
        "    print('report refused')\n"
    )
    assert out.split("\n")[:2] == ["save refused", "report refused"]
    assert {p: p.read_bytes() for p in before} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_chart_that_cannot_be_written_leaves_no_partial_png(tmp_path):
    from game.report.charts import Chart, render_chart

    chart = Chart("bars", "t", "a and b", 300, 120, items=(("a", 1.0), ("b", 2.0)), max_value=2.0)
    target = tmp_path / "c" / "01-chart.png"
    if not render_chart(chart, target):
        pytest.skip("charts need pygame")
    good = target.read_bytes()
    assert len(good) > 1024, "the chart must be larger than the simulated free space"
    out = on_a_full_disk(
        "from game.report.charts import Chart, render_chart\n"
        "chart = Chart('bars', 't', 'a and b', 300, 120, items=(('a', 1.0), ('b', 2.0)), "
        "max_value=2.0)\n"
        f"print(render_chart(chart, __import__('pathlib').Path({str(target)!r})))\n"
    )
    assert out.strip() == "False"
    assert target.read_bytes() == good
    assert sorted(p.name for p in target.parent.iterdir()) == ["01-chart.png"]


def test_a_killed_writers_temporary_files_are_cleaned_up(tmp_path):
    save = write(tmp_path / "s.json", MINIMAL, played(MINIMAL, 1, 1))
    old = tmp_path / ".s.json.k1ll3d.tmp"  # what kill -9 during atomic_write leaves
    fresh = tmp_path / ".s.json.wr1t1ng.tmp"  # another writer, still at work
    other = tmp_path / ".notes.txt.x.tmp"  # not ours to touch
    for p in (old, fresh, other):
        p.write_text("{")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    os.utime(other, (an_hour_ago, an_hour_ago))
    write_save(save, json.loads(save.read_text()))
    assert not old.exists() and fresh.exists() and other.exists()


# -- class codes and CSV cells ---------------------------------------------------------------


def test_a_class_code_typed_three_ways_is_one_group(tmp_path):
    code = make_code("minimal", 77, "normal", set())
    typed = [
        code.lower(),
        " " + code.replace("-", " - ") + " ",
        code.replace("0", "O").replace("1", "l"),
    ]
    assert {canonical(t) for t in typed} == {code}
    paths = [
        write(tmp_path / f"g{k}.json", MINIMAL, played(MINIMAL, 77), settings={"class_code": t})
        for k, t in enumerate(typed)
    ]
    out, _ = write_class_report(paths, tmp_path / "class.html", tmp_path / "grades.csv")
    with (tmp_path / "grades.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["Class code"] for r in rows} == {code}
    page = out.read_text("utf-8")
    assert page.count(f"class code {code}") >= 1 and code.lower() not in page


def test_cli_stores_the_canonical_class_code(tmp_path, monkeypatch, capsys):
    code = make_code("minimal", 5, "normal", set())
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n" * 50))
    target = tmp_path / "s.json"
    assert main(["play", MINIMAL, "--text", "--code", code.lower(), "--save", str(target)]) == 0
    assert read_save(target).settings["class_code"] == code


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_csv_cells_never_start_a_formula_in_any_locale(tmp_path, sep):
    hostile = "x;=cmd|' /C calc'!A0, +1\t@SUM(A1)|-2+3\n=HYPERLINK()"
    path = write(tmp_path / "=evil.json", MINIMAL, played(MINIMAL, 1), players={"india": hostile})
    grades = write_csv([load_team(path)], tmp_path / "grades.csv")
    text = grades.read_text("utf-8-sig")
    for row in csv.reader(io.StringIO(text), delimiter=sep):
        for cell in row:
            # a naive import splits at every separator and every line, quoted or not
            for piece in cell.replace("\n", sep).split(sep):
                piece = piece.lstrip(' "')
                if piece[:1] == "-":
                    float(piece)  # a negative number is a number
                else:
                    assert piece[:1] not in ("=", "+", "@"), (sep, cell)


def test_a_brief_never_replaces_a_save_or_a_scenario(tmp_path, capsys):
    scen = tmp_path / "mine.yaml"
    shutil.copy(MINIMAL, scen)
    a = write(tmp_path / "a.json", MINIMAL, played(MINIMAL, 1))
    before = {p: p.read_bytes() for p in (scen, a)}
    for target in (scen, a):
        assert main(["brief", str(scen), "--role", "india", "-o", str(target)]) != 0
        assert "will not write there" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in before} == before
    assert main(["brief", str(scen), "--role", "india", "-o", str(tmp_path / "b.html")]) == 0
