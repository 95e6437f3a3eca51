"""The debrief of one replayed save, as plain data: roles, results, charts, timeline, biggest changes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from game.engine.definitions import ROLES, Dated, Term
from game.engine.game import Game
from game.engine.text import pick, render
from game.presentation import describe, indicator_limits, turn_label
from game.report.charts import Chart
from game.report.facts import (
    GENERAL_QUESTIONS,
    Indicator,
    describe_code,
    fmt_value,
    history_labels,
    history_series,
    indicator_of,
    key_indicators,
    objective_targets,
    objectives_of,
    role_name,
    short_note,
    stamp,
    visible_indicators,
)
from game.report.load import Team, load_team
from game.report.whatif import WHAT_IF_BOT, WhatIf, build_whatifs
from game.scenario.reference import event_marking, terms_in

MOVERS_SHOWN = 12  # ledger movements shown in "why the biggest changes happened"


@dataclass
class RoleLine:
    role: str
    name: str
    played_by: str
    human: bool


@dataclass
class RoleResult:
    role: str
    name: str
    human: bool
    score: float | None
    objectives: list[tuple[str, bool, bool, bool]]  # label, met, primary, shared


@dataclass
class ChoiceLine:
    role: str
    role_name: str
    human: bool
    event: str
    title: str
    option: str
    label: str
    note: str = ""


@dataclass
class TurnEntry:
    turn: int
    label: str
    news: list[tuple[str, str]]  # (source, headline)
    choices: list[ChoiceLine]
    pending: bool = False
    marks: list[str] = field(default_factory=list)  # per news item: "real: …" or "hypothetical"


@dataclass
class Mover:
    indicator: str
    label: str
    unit: str
    decimals: int
    delta: float
    cause: str
    turns: tuple[int, int]
    weight: float  # |delta| as a share of the indicator's range, for ranking
    good: float = 0.0  # +1 if the human side(s) want this indicator up, -1 down, 0 neither


@dataclass
class RealityRow:
    """One turn of the game beside what really happened in the same months."""

    turn: int
    label: str
    played: list[str]  # the people's choices that turn
    real: list[Dated]


@dataclass
class Debrief:
    team: Team
    title: str
    summary: str
    scenario_id: str
    roles: list[RoleLine]
    seed: int
    code: str
    code_info: str
    saved: str
    made: str
    turn: int
    turns: int
    over: bool
    status: str
    ending: tuple[str, str] | None
    results: list[RoleResult]
    charts: list[Chart]
    timeline: list[TurnEntry]
    movers: list[Mover]
    whatifs: list[WhatIf]
    whatif_note: str
    key: list[Indicator]
    questions: list[str]
    warnings: list[str]
    glossary: list[Term] = field(default_factory=list)
    reality: list[RealityRow] = field(default_factory=list)
    role_questions: list[tuple[str, list[str]]] = field(default_factory=list)


def _played_by(team: Team, role: str) -> str:
    if role not in team.humans:
        return f"computer ({team.save.bot})"
    who = str(team.save.players.get(role, "") or "").strip()
    if who:
        return who
    return "students, at one machine (hot-seat)" if len(team.humans) > 1 else "students"


def build_debrief(source: Team | Path | str, *, whatifs: bool = True) -> Debrief:
    """Everything the debrief of one save shows, as plain data."""
    team = source if isinstance(source, Team) else load_team(source)
    g = team.game
    sc = g.scenario
    d = g.definition
    values = g.values()
    humans = team.humans
    code = team.code
    over = g.is_over()
    status = (
        f"finished after {len(g.history) - 1} of {d.period.turns} turns"
        if over
        else f"in progress, at turn {g.turn} of {d.period.turns} ({turn_label(g)})"
    )
    end = g.ending() if over else None
    results = [
        RoleResult(
            role,
            role_name(g, role),
            role in humans,
            g.scores()[role] if over else None,
            objectives_of(g, role),
        )
        for role in ROLES
    ]
    warnings = [team.note] if team.note else []
    key = [indicator_of(sc, n) for n in key_indicators(sc, humans or ROLES)]
    wi: list[WhatIf] = []
    if whatifs:
        wi = build_whatifs(team, key)
    n_choices = sum(1 for c in g.log if c.role in humans)
    if not humans:
        whatif_note = "Nobody played this game by hand, so there are no decisions to replay."
    elif not wi:
        whatif_note = "None of the decisions made had an alternative that was open at the time."
    else:
        whatif_note = (
            f"Each of the {n_choices} decisions made by "
            f"{' and '.join(role_name(g, r) for r in humans)} was replayed with every other "
            "option open at the time, with the same dice (the same seed). Later decisions are "
            "kept where the same decision comes up again; where the game went elsewhere, a "
            f"{WHAT_IF_BOT} computer player decides. Shown: the three decisions whose "
            "alternative changed the deciding side's final score the most (ties broken by how "
            "far the key indicators moved), each against its most consequential alternative."
        )
        if not over:
            whatif_note += (
                " The game is not finished: both roads are played to the end by computer "
                "players from where the game stopped."
            )
    return Debrief(
        team=team,
        title=pick(d.title) + ("" if d.length == "full" else f" ({d.length} length)"),
        summary=pick(d.summary),
        scenario_id=d.id,
        roles=[RoleLine(r, role_name(g, r), _played_by(team, r), r in humans) for r in ROLES],
        seed=g.seed,
        code=code,
        code_info=describe_code(code),
        saved=stamp(team.saved_at),
        made=stamp(datetime.now()),
        turn=g.turn,
        turns=d.period.turns,
        over=over,
        status=status,
        ending=(render(end.title, values), render(end.epilogue, values)) if end else None,
        results=results,
        charts=indicator_charts(team),
        timeline=build_timeline(team),
        movers=build_movers(g, humans),
        whatifs=wi,
        whatif_note=whatif_note,
        key=key,
        questions=[render(q, values) for q in d.questions] or list(GENERAL_QUESTIONS),
        warnings=warnings,
        glossary=_glossary_used(g, humans),
        reality=build_reality(g, humans),
        role_questions=_role_questions(g, humans),
    )


def _glossary_used(g: Game, humans: Sequence[str]) -> list[Term]:
    """The glossary terms that appear in what this game showed its players."""
    d = g.definition
    texts = [pick(d.summary)] + [pick(d.roles[r].briefing) for r in humans]
    for rec in g.turns:
        for e in rec.news:
            ev = g.event_def(e)
            texts += [pick(ev.title), pick(ev.text)]
        for c in rec.choices:
            ev = g.event_def(c.event)
            texts += [pick(ev.title), pick(ev.text)]
    return terms_in(d.glossary, texts)


def _month(start: str, months: int) -> str:
    y, m = int(start[:4]), int(start[5:7]) - 1 + months
    return f"{y + m // 12:04d}-{m % 12 + 1:02d}"


def build_reality(g: Game, humans: Sequence[str]) -> list[RealityRow]:
    """Per turn played, the people's choices beside the real events of the same months,
    up to the last turn with a real event (the record stops in early 2026)."""
    d = g.definition
    p = d.period
    rows = []
    for rec in g.turns:
        lo = _month(p.start, d.months_to(rec.turn))
        hi = _month(p.start, d.months_to(rec.turn + 1))
        real = [e for e in d.timeline if lo <= e.date[:7] < hi]
        played = []
        for c in rec.choices:
            if c.role not in humans:
                continue
            ev = g.event_def(c.event)
            opt = next((o for o in ev.options if o.id == c.option), None)
            label = pick(opt.label) if opt else c.option
            played.append(f"{role_name(g, c.role)}: {pick(ev.title)} → {label}")
        rows.append(RealityRow(rec.turn, turn_label(g, rec.turn), played, real))
    last = max((k for k, r in enumerate(rows) if r.real), default=-1)
    return rows[: last + 1]


def _role_questions(g: Game, humans: Sequence[str]) -> list[tuple[str, list[str]]]:
    """Two questions for each side played by people, built on that side's own objectives."""
    d = g.definition
    out = []
    for role in humans:
        name = role_name(g, role)
        other = role_name(g, next(r for r in ROLES if r != role))
        mine = list(getattr(d.objectives, role))
        primary = next((o for o in mine if o.primary), mine[0] if mine else None)
        qs = []
        if primary is not None:
            qs.append(
                f"Your main aim was “{pick(primary.label)}”. Which one decision did most to "
                "reach or miss it, and what did it cost you elsewhere?"
            )
        qs.append(
            f"At the decision that mattered most, what did you expect {other} to do, and "
            "were you right? What would you watch for next time?"
        )
        qs.append(
            "Read your own reasons in the timeline: where did what you wrote and what happened "
            "part ways?"
        )
        out.append((name, qs))
    return out


def indicator_charts(team: Team) -> list[Chart]:
    """One small line chart per visible indicator, grouped as on the dashboard."""
    g = team.game
    sc = g.scenario
    d = g.definition
    targets = objective_targets(sc, team.humans or ROLES)
    limits = indicator_limits(sc)
    labels = tuple(history_labels(g))
    names = visible_indicators(sc)
    groups: dict[str, list[str]] = defaultdict(list)
    for n in names:
        groups[d.indicators[n].group].append(n)
    out = []
    for group in groups.values():
        for n in group:
            ind = d.indicators[n]
            series = tuple(history_series(g, n))
            tgt = ((ind.label, targets[n]),) if n in targets else ()
            first, last = series[0], series[-1]
            alt = (
                f"{ind.label}: from {fmt_value(first, ind.decimals, ind.unit, limits=limits.get(n, ()))} to "
                f"{fmt_value(last, ind.decimals, ind.unit, limits=limits.get(n, ()))}"
                + (
                    f"; objective threshold {fmt_value(targets[n], ind.decimals, ind.unit)}"
                    if n in targets
                    else ""
                )
            )
            out.append(
                Chart(
                    "line",
                    ind.label,
                    alt,
                    440,
                    210,
                    series=((ind.label, series),),
                    colours=((ind.label, "accent"),),
                    x_labels=labels,
                    targets=tgt,
                    unit=ind.unit if ind.unit in ("%",) else "",
                    legend=False,
                )
            )
    return out


def _news_source(g: Game, ev: Any) -> str:
    return g.actor_name(ev.actor) if ev.actor else ""


def build_timeline(team: Team) -> list[TurnEntry]:
    """Per turn: the news, then every decision with its option and the player's note."""
    g = team.game
    humans = team.humans
    out = []
    for rec in g.turns:
        k = rec.turn - 1
        vals = dict(
            zip(g.scenario.indicators, (float(x) for x in g.history[min(k, len(g.history) - 1)]))
        )
        news = []
        marks: list[str] = []
        for e in rec.news:
            ev = g.event_def(e)
            if ev.role != "none":
                continue
            title = render(ev.title, vals)
            text = render(ev.text, vals) if ev.text else ""
            news.append((_news_source(g, ev), f"{title}: {text}" if text else title))
            marks.append(event_marking(g.definition, e))
        choices = []
        for c in rec.choices:
            ev = g.event_def(c.event)
            opt = next((o for o in ev.options if o.id == c.option), None)
            choices.append(
                ChoiceLine(
                    c.role,
                    role_name(g, c.role),
                    c.role in humans,
                    c.event,
                    render(ev.title, vals),
                    c.option,
                    render(opt.label, vals) if opt else c.option,
                    short_note(c.note),
                )
            )
        pending = not g.is_over() and rec.turn == g.turn
        out.append(TurnEntry(rec.turn, turn_label(g, rec.turn), news, choices, pending, marks))
    return out


def _wanted(g: Game, roles: Sequence[str], name: str) -> float:
    """The way `roles` want an indicator to move: +1, -1, or 0 (indifferent or disagreeing)."""
    k = g.scenario.indicators.index(name)
    signs = {float(g.scenario.direction[ROLES.index(r), k]) for r in roles}
    return signs.pop() if len(signs) == 1 else 0.0


def build_movers(g: Game, humans: Sequence[str] = (), limit: int = MOVERS_SHOWN) -> list[Mover]:
    """The largest movements in the ledger: per indicator and cause, summed over the game."""
    ledger = g.state.ledger
    if ledger is None:
        return []
    d = g.definition
    totals: dict[tuple[str, Any], float] = defaultdict(float)
    turns: dict[tuple[str, Any], list[int]] = defaultdict(list)
    for e in ledger.entries:
        ind = d.indicators.get(e.indicator)
        if ind is None or ind.hidden or e.cause.kind == "start":
            continue
        totals[(e.indicator, e.cause)] += e.delta
        turns[(e.indicator, e.cause)].append(e.turn)
    movers = []
    for (name, cause), delta in totals.items():
        ind = d.indicators[name]
        span = max(float(ind.max) - float(ind.min), 1e-9)
        if abs(delta) < 10 ** -(ind.decimals + 1):
            continue
        ts = turns[(name, cause)]
        movers.append(
            Mover(
                name,
                ind.label,
                ind.unit,
                ind.decimals,
                delta,
                describe(g, cause),
                (min(ts), max(ts)),
                abs(delta) / span,
                _wanted(g, humans, name) if humans else 0.0,
            )
        )
    movers.sort(key=lambda m: -m.weight)
    return movers[:limit]
