"""The bundled scenarios as the New game screen lists them (no pygame here: the helper
process builds this list in the background)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MONTHS = {
    1: "monthly",
    2: "every two months",
    3: "quarterly",
    4: "every four months",
    6: "half-yearly",
    12: "yearly",
}

TURN_WORDS = {1: "month", 3: "quarter", 6: "half-year", 12: "year"}


def _turn_months(d: Any) -> list[int]:
    """The months each turn of a scenario (at its length) spans, from its calendar."""
    starts = [d.months_to(t) for t in range(1, d.period.turns + 2)]
    return sorted({b - a for a, b in zip(starts, starts[1:], strict=False)})


def cadence(d: Any) -> str:
    """How often a turn comes, in words: `quarterly`; a shorter length's turns span more
    of the story, unevenly: `every 3–6 months`."""
    gaps = _turn_months(d) or [d.period.months_per_turn]
    if len(gaps) == 1:
        return MONTHS.get(gaps[0], f"every {gaps[0]} months")
    return f"every {gaps[0]}\u2013{gaps[-1]} months"


def turn_word(d: Any) -> str:
    """What one turn is called: `quarter`, `half-year`, `year`, `month`, or `turn` when the
    turns are of other or uneven lengths (a shorter length)."""
    gaps = _turn_months(d) or [d.period.months_per_turn]
    return TURN_WORDS.get(gaps[0], "turn") if len(gaps) == 1 else "turn"


@dataclass
class ScenarioEntry:
    """A bundled scenario as the New game screen lists it."""

    id: str
    title: str
    summary: str
    meta: str
    ok: bool
    errors: list[str] = field(default_factory=list)
    path: str = ""


def signature() -> tuple[tuple[str, int], ...]:
    """Names and modification times of the bundled scenario files (to notice edits)."""
    from game.scenario.loader import scenarios_dir

    out = []
    for p in sorted(scenarios_dir().glob("*.yaml")):
        try:
            out.append((p.name, p.stat().st_mtime_ns))
        except OSError:
            continue
    return tuple(out)


def catalogue_with_signature() -> tuple[tuple[tuple[str, int], ...], list[ScenarioEntry]]:
    """The catalogue and the file signature it was read from."""
    sig = signature()
    return sig, build_catalogue()


def build_catalogue() -> list[ScenarioEntry]:
    """Every bundled scenario with its title, summary, length and difficulty (or its errors)."""
    from game.engine.text import pick
    from game.scenario.loader import bundled_ids, load_result

    out = []
    for sid in bundled_ids():
        try:
            res = load_result(sid)
        except (FileNotFoundError, OSError) as err:
            out.append(
                ScenarioEntry(
                    sid, sid.replace("_", " ").title(), "", "cannot be read", False, [str(err)]
                )
            )
            continue
        d = res.scenario
        if d is None or not res.ok:
            title = pick(d.title) if d is not None else sid.replace("_", " ").title()
            out.append(
                ScenarioEntry(
                    sid,
                    title,
                    "",
                    f"{len(res.errors)} error(s) \u2014 select to see them",
                    False,
                    [x.format() for x in res.errors],
                    res.path,
                )
            )
            continue
        years = d.period.turns * d.period.months_per_turn / 12
        span = (
            f"{years:.0f} years"
            if years >= 1 and years == int(years)
            else f"{d.period.turns * d.period.months_per_turn} months"
        )
        meta = f"{d.period.turns} turns, {MONTHS.get(d.period.months_per_turn, '')} \u00b7 {span} from {month_name(d.period.start)} \u00b7 {d.difficulty}"
        out.append(
            ScenarioEntry(
                sid, pick(d.title), " ".join(pick(d.summary).split()), meta, True, [], res.path
            )
        )
    return out


def month_name(start: str) -> str:
    """`2025-11` as `Nov 2025`."""
    names = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    y, m = start.split("-")
    return f"{names[int(m) - 1]} {y}"
