"""Classroom reports from saves: a debrief of one game, a class report of many, a gradebook CSV.

A save holds only the scenario reference, the seed and the decision log, so every
report first replays each save on its scenario (`load`: compiled once per scenario
file and cached). From the replayed games it gathers plain data -- `Debrief`
(`debrief`, with the roads not taken from `whatif`) and `ClassReport` (`classroom`) --
which `html` renders as one self-contained HTML page and `markdown` as Markdown;
`gradebook` writes the CSV. Charts (`charts`) are drawn by the game's own chart code
(`game.ui.charts`) on off-screen pygame surfaces and stored as PNG.

Front ends call `write_debrief(save, out)` and `write_class_report(saves, out)`;
`python -m game report` calls `run_report` (`write`). Problems raise `ReportError` with a
message for the teacher, never a traceback.
"""

from __future__ import annotations

from game.report.classroom import ClassReport, build_class_report
from game.report.debrief import Debrief, build_debrief
from game.report.gradebook import write_csv
from game.report.load import ReportError, load_team
from game.report.write import run_report, write_class_report, write_debrief

__all__ = [
    "ClassReport",
    "Debrief",
    "ReportError",
    "build_class_report",
    "build_debrief",
    "load_team",
    "run_report",
    "write_class_report",
    "write_debrief",
    "write_csv",
]
