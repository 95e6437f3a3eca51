"""The class report: many replayed saves grouped by class code (or scenario and seed) and compared."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.game import Game
from game.engine.text import pick
from game.report.charts import Chart
from game.report.facts import (
    GENERAL_QUESTIONS,
    Indicator,
    describe_code,
    ending_title,
    fmt_value,
    history_labels,
    history_series,
    indicator_of,
    key_indicators,
    natural,
    role_name,
    short_note,
    stamp,
    standing,
    visible_indicators,
)
from game.report.load import Team

UNUSUAL_SHARE = 0.2  # an option chosen by fewer than this share of the class is "unusual"


@dataclass
class OptionTally:
    option: str
    label: str
    count: int
    share: float
    notes: list[tuple[str, list[str]]]  # (note, teams that wrote it)


@dataclass
class EventTally:
    event: str
    title: str
    role: str
    role_name: str
    turns: tuple[int, int]
    total: int  # decisions
    teams: int  # teams that faced it
    options: list[OptionTally]
    chart: Chart | None = None


@dataclass
class TeamRow:
    team: Team
    name: str
    status: str
    ending: str
    scores: dict[str, float]
    met: dict[str, tuple[int, int]]
    notes: int
    finals: dict[str, float]
    finished: bool = True


@dataclass
class SpreadRow:
    indicator: Indicator
    start: float
    low: float
    median: float
    high: float
    low_teams: list[str]
    high_teams: list[str]


@dataclass
class ClassGroup:
    number: int
    title: str
    scenario_id: str
    label: str  # "Class code TF-…" or "seed 3 (no class code)"
    code: str
    code_info: str
    seed: int | None
    teams: list[Team]
    humans: list[str]
    choices: list[EventTally]
    rows: list[TeamRow]
    key: list[Indicator]
    spread: list[SpreadRow]
    spread_charts: list[Chart]
    score_charts: list[Chart]
    endings: list[tuple[str, int]]
    unusual: list[tuple[str, list[str]]]  # team, reasons
    questions: list[str]
    spread_left_out: int = 0  # unfinished games left out of the spread


@dataclass
class ClassReport:
    groups: list[ClassGroup]
    skipped: list[tuple[str, str]]  # file, reason
    made: str
    teams: int


def _group_key(t: Team) -> tuple[str, str, int | None]:
    d = t.game.definition
    ref = d.id if d.length == "full" else f"{d.id}@{d.length}"  # lengths never mix
    if t.code:
        return (ref, t.code, None)
    return (ref, "", t.game.seed)


def _unique_names(teams: Sequence[Team]) -> None:
    counts = Counter(t.name for t in teams)
    for t in teams:
        if counts[t.name] > 1:
            t.name = f"{t.name} ({t.path.name})"
    counts = Counter(t.name for t in teams)
    for t in teams:
        if counts[t.name] > 1:
            t.name = f"{t.name} [{t.path.parent.name}]"


def build_class_report(
    teams: Sequence[Team], skipped: Sequence[tuple[str, str]] = ()
) -> ClassReport:
    """Group the teams by class code (or scenario and seed) and compare them."""
    _unique_names(teams)
    grouped: dict[tuple[str, str, int | None], list[Team]] = defaultdict(list)
    for t in teams:
        grouped[_group_key(t)].append(t)
    groups = []
    for n, key in enumerate(sorted(grouped, key=lambda k: (k[0], k[1] == "", k[1], k[2] or 0)), 1):
        groups.append(build_group(n, grouped[key]))
    return ClassReport(groups, list(skipped), stamp(datetime.now()), len(teams))


def build_group(number: int, teams: list[Team]) -> ClassGroup:
    t0 = teams[0]
    g0 = t0.game
    sc = g0.scenario
    d = g0.definition
    humans = [r for r in ROLES if any(r in t.humans for t in teams)] or list(ROLES)
    key = [indicator_of(sc, k) for k in key_indicators(sc, humans)]
    code = t0.code
    seeds = sorted({t.game.seed for t in teams})
    if code:
        label = f"class code {code}"
    else:
        label = f"seed {seeds[0]} (no class code)" if len(seeds) == 1 else "no class code"
    choices = tally_choices(teams)
    rows = [team_row(t, key) for t in teams]
    rows.sort(key=lambda r: natural(r.name))
    # at the bell most games are unfinished: every game counts, where it stands
    finished = list(teams)
    spread = spread_rows(finished, sc)
    endings = Counter(r.ending for r in rows if r.team.over)
    return ClassGroup(
        number=number,
        title=pick(d.title) + ("" if d.length == "full" else f" ({d.length} length)"),
        scenario_id=d.id,
        label=label,
        code=code,
        code_info=describe_code(code),
        seed=seeds[0] if len(seeds) == 1 else None,
        teams=teams,
        humans=humans,
        choices=choices,
        rows=rows,
        key=key,
        spread=spread,
        spread_charts=spread_charts(finished, key),
        spread_left_out=sum(not t.over for t in teams),
        score_charts=score_charts(rows, humans, g0),
        endings=endings.most_common(),
        unusual=unusual_paths(teams, choices, endings),
        questions=[pick(q) for q in d.questions] or list(GENERAL_QUESTIONS),
    )


def tally_choices(teams: Sequence[Team]) -> list[EventTally]:
    """How the class chose at each decision event decided by a person."""
    g0 = teams[0].game
    seen_turns: dict[str, list[int]] = defaultdict(list)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    faced: dict[str, set[int]] = defaultdict(set)
    notes: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(dict)
    for k, t in enumerate(teams):
        for c in t.game.log:
            if c.role not in t.humans:
                continue
            seen_turns[c.event].append(c.turn)
            counts[c.event][c.option] += 1
            faced[c.event].add(k)
            text = short_note(c.note)
            if text:
                bucket = notes[(c.event, c.option)]
                norm = text.strip().rstrip(".").lower()
                existing = next((n for n in bucket if n.strip().rstrip(".").lower() == norm), None)
                teams_list = bucket.setdefault(existing or text, [])
                if t.name not in teams_list:
                    teams_list.append(t.name)
    out = []
    for event in sorted(seen_turns, key=lambda e: (min(seen_turns[e]), g0.event_def(e).role, e)):
        ev = g0.event_def(event)
        total = sum(counts[event].values())
        opts = []
        for o in ev.options:
            cnt = counts[event][o.id]
            opts.append(
                OptionTally(
                    o.id,
                    pick(o.label),
                    cnt,
                    cnt / total if total else 0.0,
                    sorted(notes.get((event, o.id), {}).items(), key=lambda kv: -len(kv[1])),
                )
            )
        ts = seen_turns[event]
        tally = EventTally(
            event,
            pick(ev.title),
            ev.role,
            role_name(g0, ev.role),
            (min(ts), max(ts)),
            total,
            len(faced[event]),
            opts,
        )
        tally.chart = Chart(
            "bars",
            "",
            "; ".join(f"{k}. {o.label}: {o.count} ({o.share:.0%})" for k, o in enumerate(opts, 1)),
            300,
            max(44, 24 * len(opts) + 12),
            # numbered like the table beside it: full option labels do not fit a small chart
            items=tuple((str(k), o.share) for k, o in enumerate(opts, 1)),
            max_value=1.0,
            unit="%",
            colour=ev.role if ev.role in ROLES else "accent",
        )
        out.append(tally)
    return out


def team_row(t: Team, key: Sequence[Indicator]) -> TeamRow:
    g = t.game
    values = g.values()
    if g.is_over():
        status = "finished"
    else:
        status = f"unfinished: turn {g.turn} of {g.definition.period.turns}"
    scores, met = standing(g)
    counts = {}
    for r in ROLES:
        mine = [o for o in g.scenario.objectives if o.owner in (r, "shared")]
        counts[r] = (sum(met[f"{o.owner}.{o.id}"] for o in mine), len(mine))
    return TeamRow(
        team=t,
        name=t.name,
        status=status,
        ending=ending_title(g) if g.is_over() else "",
        scores=scores,
        met=counts,
        notes=t.notes(),
        finals={k.id: values[k.id] for k in key},
        finished=g.is_over(),
    )


def spread_rows(teams: Sequence[Team], sc: CompiledScenario) -> list[SpreadRow]:
    out = []
    for name in visible_indicators(sc):
        ind = indicator_of(sc, name)
        finals = [(t.game.values()[name], t.name) for t in teams]
        vals = [v for v, _ in finals]
        starts = [history_series(t.game, name)[0] for t in teams]
        lo, hi = min(vals), max(vals)
        tol = 10 ** -(ind.decimals + 1)
        out.append(
            SpreadRow(
                ind,
                statistics.median(starts),
                lo,
                statistics.median(vals),
                hi,
                [n for v, n in finals if abs(v - lo) <= tol],
                [n for v, n in finals if abs(v - hi) <= tol],
            )
        )
    return out


def spread_charts(teams: Sequence[Team], key: Sequence[Indicator]) -> list[Chart]:
    """Per key indicator: every team's path in grey, the class median on top."""
    longest = max(teams, key=lambda t: len(history_series(t.game, key[0].id)) if key else 0)
    labels = tuple(history_labels(longest.game))
    out = []
    for k in key:
        paths = [history_series(t.game, k.id) for t in teams]
        n = max(len(p) for p in paths)
        median = []
        for i in range(n):
            col = [p[i] for p in paths if i < len(p)]
            median.append(statistics.median(col))
        series = [(f"{t.name}", tuple(p)) for t, p in zip(teams, paths)]
        series.append(("class median", tuple(median)))
        colours = tuple((name, "neutral") for name, _ in series[:-1]) + (
            ("class median", "accent"),
        )
        finals = [p[-1] for p in paths]
        out.append(
            Chart(
                "line",
                f"{k.label}{f' ({k.unit})' if k.unit and k.unit != '%' else ''}",
                f"{k.label}: final values from {fmt_value(min(finals), k.decimals, k.unit)} to "
                f"{fmt_value(max(finals), k.decimals, k.unit)}, median "
                f"{fmt_value(statistics.median(finals), k.decimals, k.unit)}",
                440,
                220,
                series=tuple(series),
                colours=colours,
                x_labels=labels,
                unit="%" if k.unit == "%" else "",
                legend=False,
            )
        )
    return out


def score_charts(rows: Sequence[TeamRow], humans: Sequence[str], g: Game) -> list[Chart]:
    out = []
    scored = [r for r in rows if r.scores]
    if not scored:
        return out
    unfinished = any(not r.finished for r in scored)
    for role in humans:
        items = tuple(
            (r.name if r.finished else f"{r.name} (unfinished)", round(r.scores[role]))
            for r in scored
        )
        out.append(
            Chart(
                "bars",
                f"{role_name(g, role)}: {'score (unfinished games where they stand)' if unfinished else 'final score'}",
                "; ".join(f"{n}: {v:.0f}" for n, v in items),
                440,
                max(60, 22 * len(items) + 34),
                items=items,
                max_value=100.0,
                unit="",
                colour=role,
            )
        )
    return out


UNUSUAL_MIN_TEAMS = 5  # a choice is unusual only where at least this many teams decided
UNUSUAL_MAX_TEAMS = 3  # the debrief has time for a few teams, not for everyone


def unusual_paths(
    teams: Sequence[Team], choices: Sequence[EventTally], endings: Counter[str]
) -> list[tuple[str, list[str]]]:
    """The few teams that went where nobody else went.

    A choice is unusual when no other team made it at a decision that at least
    UNUSUAL_MIN_TEAMS teams faced; a team is listed for two or more such choices, or for
    an ending no other team reached (of at least three finished games). At most
    UNUSUAL_MAX_TEAMS teams, those with the most such moments first.
    """
    by_event = {e.event: e for e in choices}
    chose: dict[tuple[str, str], set[str]] = defaultdict(set)
    for t in teams:
        for c in t.game.log:
            if c.role in t.humans:
                chose[(c.event, c.option)].add(t.name)
    out = []
    finished = sum(endings.values())
    for t in teams:
        reasons = []
        for c in t.game.log:
            e = by_event.get(c.event)
            if c.role not in t.humans or e is None or e.teams < UNUSUAL_MIN_TEAMS:
                continue
            if chose[(c.event, c.option)] == {t.name}:
                label = next((o.label for o in e.options if o.option == c.option), c.option)
                reasons.append(
                    f"turn {c.turn}: the only team to choose “{label}” on “{e.title}” "
                    f"({e.teams} teams decided)"
                    + (f" — their reason: “{short_note(c.note)}”" if c.note.strip() else "")
                )
        unique_ending = False
        if t.over and finished >= 3:
            title = ending_title(t.game)
            if endings.get(title, 0) == 1:
                unique_ending = True
                reasons.append(f"the only team to reach the ending “{title}”")
        if unique_ending or len(reasons) >= 2:
            out.append((t.name, reasons))
    out.sort(key=lambda x: (-len(x[1]), natural(x[0])))
    return sorted(out[:UNUSUAL_MAX_TEAMS], key=lambda x: natural(x[0]))
