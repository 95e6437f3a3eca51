"""The gradebook CSV: one row per team and role, safe to open in a spreadsheet or an LMS."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game.engine.definitions import ROLES
from game.report.facts import (
    SHORT_NOTE_WORDS,
    ending_title,
    indicator_of,
    natural,
    note_flags,
    role_name,
    standing,
    visible_indicators,
)
from game.report.load import ReportError, Team

# A spreadsheet may split a cell at any of these (the separator differs between locales, and
# a naive import splits lines), and runs a piece that starts with a formula character.
_SEPARATORS = ",;\t|\r\n"
_FORMULA_START = "=+-@"
_AFTER_SEPARATOR = re.compile(f"([{re.escape(_SEPARATORS)}][ ]*)([{re.escape(_FORMULA_START)}])")


def _cell(value: Any) -> Any:
    """A cell no spreadsheet runs as a formula, in any locale.

    Text that starts with a formula character, or has one just after a separator character,
    gets a ' before that character; every text cell is quoted (QUOTE_NONNUMERIC), so a
    semicolon or a tab never splits it.
    """
    if not isinstance(value, str):
        return value
    value = _AFTER_SEPARATOR.sub(r"\1'\2", value)
    if value and value[0] in _FORMULA_START + "\t\r":
        value = "'" + value
    return value


RUBRIC = ("Rubric: reasoning (0-4)", "Rubric: use of evidence (0-4)", "Teacher comment")


def _flag_text(f: dict[str, int]) -> str:
    parts = []
    if f["empty"]:
        parts.append(f"{f['empty']} of {f['decisions']} decisions without a note")
    if f["short"]:
        parts.append(f"{f['short']} too short (under {SHORT_NOTE_WORDS} words)")
    if f["repeated"]:
        parts.append(f"{f['repeated']} repeated")
    return "; ".join(parts)


def gradebook_rows(teams: Sequence[Team]) -> tuple[list[str], list[list[Any]]]:
    """The header and one row per team and role played by people, in natural order."""
    indicators: dict[str, tuple[str, int]] = {}
    for t in teams:
        for n in visible_indicators(t.game.scenario):
            ind = indicator_of(t.game.scenario, n)
            unit = f" ({ind.unit})" if ind.unit else ""
            indicators.setdefault(n, (f"Final: {ind.label}{unit}", ind.decimals))
    header = [
        "Team",
        "Role",
        "Players",
        "Score",
        "Finished",
        "Ending",
        "Objectives met",
        "Objectives",
        "Decisions",
        "Notes",
        "Distinct notes",
        "Note flags",
        *RUBRIC,
        "Class code",
        "Scenario",
        "Seed",
        "Turn reached",
        "Turns",
        "File",
        *[label for label, _ in indicators.values()],
    ]
    rows: list[tuple[tuple[list[Any], int], list[Any]]] = []
    for t in teams:
        g = t.game
        values = g.values()
        over = g.is_over()
        scores, met = standing(g)
        turns = g.definition.period.turns
        for role in [r for r in ROLES if r in t.humans] or list(ROLES):
            mine = [o for o in g.scenario.objectives if o.owner in (role, "shared")]
            flags = note_flags(c.note for c in g.log if c.role == role)
            who = str(t.save.players.get(role, "") or "").strip() or t.players
            row = [
                t.name,
                role_name(g, role),
                who,
                round(scores[role]),  # as the game and the reports show it
                "yes" if over else f"no, unfinished (scored where it stands at turn {g.turn})",
                ending_title(g) if over else "",
                sum(met[f"{o.owner}.{o.id}"] for o in mine),
                len(mine),
                flags["decisions"],
                flags["notes"],
                flags["distinct"],
                _flag_text(flags),
                *[""] * len(RUBRIC),
                t.code,
                g.definition.id,
                g.seed,
                len(g.history) - 1 if over else g.turn,
                turns,
                t.path.name,
            ]
            for n, (_label, decimals) in indicators.items():
                v = values.get(n)
                row.append("" if v is None else round(v) if decimals == 0 else round(v, decimals))
            rows.append(((natural(t.name), ROLES.index(role)), row))
    rows.sort(key=lambda kr: kr[0])
    return header, [[_cell(v) for v in row] for _k, row in rows]


def write_csv(teams: Sequence[Team], path: Path | str) -> Path:
    """The gradebook: one row per team and role, human-readable columns, blank rubric columns."""
    path = Path(path)
    header, rows = gradebook_rows(teams)
    text = io.StringIO()
    w = csv.writer(text, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    from game.saves import atomic_write

    try:
        # All or nothing: a full disk leaves the previous gradebook, never half a row.
        atomic_write(path, "\ufeff" + text.getvalue())  # the BOM tells Excel it is UTF-8
    except OSError as err:
        raise ReportError(f"cannot write {path}: {err.strerror or err}") from None
    return path
