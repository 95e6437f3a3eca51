"""Sensitivity for authors: which numbers in a scenario file move each role's win rate most.

Every number that shapes play (start values, effect sizes, chances, rung thresholds,
and the numbers written inside expressions: drift rates, objective and ending
thresholds) is moved by ±STEP of its size, the scenario recompiled, and the same games
replayed: the same seeds, so the same dice (common random numbers), and only the
number differs. The effect is half the difference of the two win rates, in points per
STEP. Each number keeps its position in the file (`file:line:col`).
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.engine.definitions import ROLES

STEP = 0.1  # each number moves by ±10% of itself
DEFAULT_RUNS = 400
# fields whose text is an expression, where numbers written inside are thresholds or rates
EXPR_KEYS = {"when", "drift", "add", "set", "chance", "start", "available"}
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])")
# numbers compared with the turn or tested for equality are schedules and flags, not sizes
_SKIP_BEFORE = re.compile(r"(turns?\s*[<>=!]=?\s*$|[=!]=\s*$|%\s*$)")
_SKIP_AFTER = re.compile(r"^\s*[<>=!]=?\s*turns?\b|^\s*[=!]=")


@dataclass(frozen=True)
class Number:
    """One number of the file: where it is in the data, its value, where it is in the text."""

    path: tuple[str | int, ...]
    value: float
    what: str
    line: int
    col: int
    offset: int | None = None  # for a number inside an expression: its character offset


@dataclass(frozen=True)
class Row:
    """How one number moves each role's win rate, in points for a ±STEP change."""

    number: Number
    effect: dict[str, float]

    @property
    def size(self) -> float:
        """The largest absolute effect over the roles."""
        return max(abs(v) for v in self.effect.values())


@dataclass
class Sensitivity:
    """The ranked rows of a sensitivity run and how it was made."""

    scenario: str
    file: str
    runs: int
    policy: str
    seed: int
    base: dict[str, float]
    rows: list[Row]
    numbers: int


def _what(data: dict[str, Any], path: tuple[str | int, ...]) -> str:
    """A short name of what a number is, from its data path: ids instead of list indices."""
    out: list[str] = []
    node: Any = data
    for p in path:
        node = node[p] if isinstance(node, dict | list) else None
        if isinstance(p, int) and isinstance(node, dict) and isinstance(node.get("id"), str):
            out[-1] = node["id"] if out and out[-1] in ("events", "endings") else out[-1]
            out.append(node["id"]) if out and out[-1] != node["id"] else None
        else:
            out.append(str(p))
    return ".".join(out)


def numbers(doc: Any) -> Iterator[Number]:
    """Every number of a loaded scenario that shapes play, with its position."""
    data = doc.data

    def walk(node: Any, path: tuple[str | int, ...]) -> Iterator[Number]:
        if isinstance(node, dict):
            for k, v in node.items():
                yield from walk(v, (*path, k))
        elif isinstance(node, list):
            for k, v in enumerate(node):
                yield from walk(v, (*path, k))
        else:
            key = path[-1] if path else ""
            top = path[0] if path else ""
            if top not in ("indicators", "events", "ladders", "objectives", "endings"):
                return
            if isinstance(node, bool):
                return
            if isinstance(node, int | float):
                # `set: 1` raises a flag: a flag of 1.1 is no size, it just breaks `== 1`
                flag = key == "set" and node == 1
                if key in ("add", "set", "start", "chance", "at") and node != 0 and not flag:
                    m = doc.mark(path)
                    yield Number(path, float(node), _what(data, path), m.line, m.col)
            elif isinstance(node, str) and key in EXPR_KEYS:
                for match in _NUMBER.finditer(node):
                    before, after = node[: match.start()], node[match.end() :]
                    if _SKIP_BEFORE.search(before) or _SKIP_AFTER.search(after):
                        continue
                    value = float(match.group(1))
                    if value == 0:
                        continue
                    m = doc.scalar_mark(path, match.start())
                    yield Number(path, value, _what(data, path), m.line, m.col, match.start())

    yield from walk(data, ())


def _moved(data: dict[str, Any], num: Number, factor: float) -> dict[str, Any]:
    """A copy of the scenario data with one number multiplied by `factor`."""
    out = copy.deepcopy(data)
    node: Any = out
    for p in num.path[:-1]:
        node = node[p]
    key = num.path[-1]
    new = num.value * factor
    if num.offset is None:
        node[key] = new
    else:
        text = node[key]
        match = _NUMBER.match(text, num.offset)
        assert match is not None
        node[key] = text[: num.offset] + f"{new:.6g}" + text[match.end() :]
    return out


def _win_rates(data: dict[str, Any], runs: int, policy: str, seed: int) -> dict[str, float] | None:
    """Win rates per role for scenario data, or None if the changed file no longer loads."""
    from pydantic import ValidationError

    from game.engine.compiler import compile_scenario
    from game.engine.definitions import Scenario
    from game.engine.expr import ExprError
    from game.engine.simulate import simulate

    try:
        sc = compile_scenario(Scenario.model_validate(data))
    except (ValidationError, ExprError, ValueError):
        return None
    r = simulate(sc, runs, policy=policy, seed=seed)
    return {role: float(r["roles"][role]["win_rate"]) for role in ROLES}


def sensitivity(
    name: str,
    runs: int = DEFAULT_RUNS,
    *,
    policy: str = "balanced",
    seed: int = 0,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Sensitivity:
    """Move every number of a scenario by ±STEP and rank them by their effect on win rates."""
    from game.scenario.loader import resolve
    from game.scenario.yamlpos import load_yaml

    path = resolve(name)
    shown = name if Path(name).is_file() else f"scenarios/{path.name}"
    doc = load_yaml(path.read_bytes(), shown)
    nums = list(numbers(doc))
    if limit is not None:
        nums = nums[:limit]
    base = _win_rates(doc.data, runs, policy, seed)
    if base is None:
        raise ValueError(f"{shown} does not load")
    rows = []
    for k, num in enumerate(nums):
        up = _win_rates(_moved(doc.data, num, 1 + STEP), runs, policy, seed)
        down = _win_rates(_moved(doc.data, num, 1 - STEP), runs, policy, seed)
        if up is not None and down is not None:
            effect = {r: round(100 * (up[r] - down[r]) / 2, 2) for r in ROLES}
            rows.append(Row(num, effect))
        if progress is not None:
            progress(k + 1, len(nums))
    rows.sort(key=lambda r: (-r.size, r.number.line, r.number.col))
    return Sensitivity(name, shown, runs, policy, seed, base, rows, len(nums))


def to_json(s: Sensitivity) -> dict[str, Any]:
    """Plain data for `sensitivity --json`: every number, largest effect first."""
    rows = [
        {
            "where": f"{s.file}:{r.number.line}:{r.number.col}",
            "what": r.number.what,
            "value": r.number.value,
            "effect": r.effect,
        }
        for r in s.rows
    ]
    head = {"scenario": s.scenario, "runs": s.runs, "policy": s.policy, "seed": s.seed}
    return {**head, "step": STEP, "base": s.base, "numbers": rows}


def format_table(s: Sensitivity, top: int = 20) -> str:
    """The terminal table: the numbers that move win rates most, with their positions."""
    lines = [
        f"{s.scenario}: {s.numbers} numbers moved by ±{STEP:.0%}, {s.runs} games each "
        f"(policy {s.policy}, seed {s.seed}, the same dice for every change)",
        "win rates as written: " + ", ".join(f"{r} {100 * v:.1f}%" for r, v in s.base.items()),
        f"effect = win-rate points per +{STEP:.0%} of the number (half the gap between "
        f"+{STEP:.0%} and -{STEP:.0%})",
        f"{'india':>7} {'us':>7}  {'value':>9}  where / what",
    ]
    for row in s.rows[:top]:
        n = row.number
        lines.append(
            f"{row.effect['india']:+7.1f} {row.effect['us']:+7.1f}  {n.value:>9g}  "
            f"{s.file}:{n.line}:{n.col}  {n.what}"
        )
    quiet = sum(1 for r in s.rows if r.size < 0.5)
    lines.append(f"{quiet} of {len(s.rows)} numbers move no win rate by half a point or more")
    return "\n".join(lines)


def render_rows(s: Sensitivity, top: int = 25) -> str:
    """The HTML section body of the balance report."""
    e = html.escape
    out = [
        f"<p>{s.numbers} numbers of the file, each moved by ±{STEP:.0%} with the same "
        f"{s.runs} games ({e(s.policy)} bots, common random numbers). Effect: win-rate points "
        f"per +{STEP:.0%} of the number. The largest first.</p>",
        "<table><tr><th>india</th><th>us</th><th>value</th><th>where</th><th>what</th></tr>",
    ]
    for row in s.rows[:top]:
        n = row.number
        cells = "".join(
            f'<td class="{"warn" if abs(row.effect[r]) >= 5 else ""}">{row.effect[r]:+.1f}</td>'
            for r in ROLES
        )
        out.append(
            f"<tr>{cells}<td>{n.value:g}</td><td><code>{e(s.file)}:{n.line}:{n.col}</code></td>"
            f"<td>{e(n.what)}</td></tr>"
        )
    out.append("</table>")
    return "".join(out)
