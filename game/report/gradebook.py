"""The gradebook CSV: one row per save, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game.engine.definitions import ROLES
from game.report.facts import ending_title, met_count, visible_indicators
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


def write_csv(teams: Sequence[Team], path: Path | str) -> Path:
    """One row per save: who, which game, how it ended, scores, objectives, notes, final values."""
    path = Path(path)
    indicators: dict[str, None] = {}
    for t in teams:
        for n in visible_indicators(t.game.scenario):
            indicators.setdefault(n, None)
    header = [
        "file",
        "team",
        "players",
        "humans",
        "class_code",
        "scenario",
        "seed",
        "turn",
        "over",
        "ending",
        *[f"score_{r}" for r in ROLES],
        *[x for r in ROLES for x in (f"objectives_met_{r}", f"objectives_total_{r}")],
        "notes",
        *[f"final_{n}" for n in indicators],
    ]
    rows = []
    for t in teams:
        g = t.game
        values = g.values()
        over = g.is_over()
        scores = g.scores() if over else {}
        row = [
            t.path.name,
            t.name,
            t.players,
            "+".join(t.humans),
            t.code,
            g.definition.id,
            g.seed,
            g.turn if not over else len(g.history) - 1,
            "yes" if over else "no",
            ending_title(g) if over else "",
            *[round(scores[r], 1) if over else "" for r in ROLES],
        ]
        for r in ROLES:
            met, total = met_count(g, r)
            row += [met if over else "", total]
        row.append(t.notes())
        for n in indicators:
            row.append(round(values[n], 2) if n in values else "")
        rows.append([_cell(v) for v in row])
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
