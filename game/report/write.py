"""Writing reports to files, and `python -m game report`."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from game.report.classroom import build_class_report
from game.report.debrief import build_debrief
from game.report.gradebook import write_csv
from game.report.load import ReportError, expand_paths, load_team, load_teams
from game.report.markdown import class_markdown, debrief_markdown


def _format_for(out: Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    return "md" if out.suffix.lower() in (".md", ".markdown") else "html"


def _write_text(out: Path, text: str) -> Path:
    from game.saves import atomic_write

    try:
        atomic_write(out, text)
        os.chmod(out, 0o644)  # a report is for sharing, unlike the private temporary file
    except OSError as err:
        raise ReportError(f"cannot write {out}: {err.strerror or err}") from None
    return out


def write_debrief(save_path: Path | str, out_path: Path | str, fmt: str | None = None) -> Path:
    """Write the debrief of one save as HTML (or Markdown for a .md file); returns the path."""
    out = Path(out_path)
    db = build_debrief(save_path)
    if _format_for(out, fmt) == "md":
        return _write_text(out, debrief_markdown(db, out))
    from game.report.html import debrief_html

    return _write_text(out, debrief_html(db))


def write_class_report(
    paths: Sequence[Path | str],
    out_path: Path | str,
    csv_path: Path | str | None = None,
    fmt: str | None = None,
) -> tuple[Path, list[tuple[str, str]]]:
    """Write the class report of many saves (and the CSV); returns the path and the skipped saves.

    Saves that cannot be read are left out and listed in the report; if none can be
    read, ReportError.
    """
    out = Path(out_path)
    files, _ = expand_paths(paths)
    if not files:
        raise ReportError("no saves given (name save files, or a folder of them)")
    teams, skipped = load_teams(files)
    if not teams:
        reasons = "; ".join(f"{f}: {why}" for f, why in skipped)
        raise ReportError(f"none of the {len(files)} save(s) could be read: {reasons}")
    rep = build_class_report(teams, skipped)
    if _format_for(out, fmt) == "md":
        _write_text(out, class_markdown(rep, out))
    else:
        from game.report.html import class_html

        _write_text(out, class_html(rep))
    if csv_path:
        write_csv(teams, csv_path)
    return out, skipped


def _check_targets(out: Path, csv_path: str | None, inputs: Sequence[Path]) -> None:
    """Refuse to write a report or CSV over a save, an input, a scenario or a read-only file."""
    from game.savecheck import output_problem

    targets = [out] + ([Path(csv_path)] if csv_path else [])
    if csv_path and Path(csv_path).resolve() == out.resolve():
        raise ReportError("the report and the CSV need different file names", 2)
    for target in targets:
        problem = output_problem(target, inputs, may_replace_save=False)
        if problem:
            raise ReportError(f"will not write there: {problem}", 2)


def run_report(
    saves: Sequence[str],
    output: str | None,
    fmt: str | None = None,
    csv_path: str | None = None,
) -> int:
    """`python -m game report`: a debrief of one save, a class report of several or of a folder."""
    files, folder = expand_paths(saves)
    if not files:
        raise ReportError(f"no saves found in {', '.join(saves)}")
    several = len(files) > 1 or folder
    if output is None:
        ext = ".md" if fmt == "md" else ".html"
        output = "class-report" + ext if several else files[0].stem + "-debrief" + ext
    out = Path(output)
    _check_targets(out, csv_path, files)
    if several:
        out, skipped = write_class_report(files, out, csv_path, fmt)
        for f, why in skipped:
            print(f"warning: skipped {f}: {why}", file=sys.stderr)
        n = len(files) - len(skipped)
        print(
            f"wrote {out}: class report of {n} save(s)"
            + (f", {len(skipped)} skipped" if skipped else "")
        )
    else:
        team = load_team(files[0])
        db = build_debrief(team)
        if _format_for(out, fmt) == "md":
            _write_text(out, debrief_markdown(db, out))
        else:
            from game.report.html import debrief_html

            _write_text(out, debrief_html(db))
        if csv_path:
            write_csv([team], csv_path)
        print(f"wrote {out}: debrief of {files[0]}")
    if csv_path:
        print(f"wrote {csv_path}")
    return 0
