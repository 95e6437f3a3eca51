"""The debrief's roads not taken: each human decision replayed with every other open option."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from game.engine.bots import make_policy
from game.engine.definitions import ROLES
from game.engine.game import Game, OptionView, answers_of, play_out
from game.engine.text import render
from game.presentation import indicator_limits, turn_label
from game.record import GameRecord, rebuild
from game.report.charts import Chart
from game.report.facts import (
    Indicator,
    ending_title,
    fmt_value,
    history_labels,
    history_series,
    met_count,
    role_name,
    short_note,
)
from game.report.load import Team

WHAT_IF_SHOWN = 3  # decisions shown in the debrief's what-if section


WHAT_IF_BOT = "balanced"


@dataclass
class Outcome:
    """Where a game ends: the road taken or a road not taken."""

    option: str
    label: str
    ending: str
    scores: dict[str, float]
    finals: dict[str, float]
    met: dict[str, tuple[int, int]]
    delta: float = 0.0  # change in the deciding role's score against the road taken
    series: list[float] = field(default_factory=list)  # of the chart's indicator


@dataclass
class WhatIf:
    index: int  # position of the decision in the game's log
    turn: int
    turn_label: str
    role: str
    role_name: str
    event: str
    title: str
    note: str
    chosen: Outcome
    alternative: Outcome
    others: list[Outcome]
    chart: Chart | None = None


def roads_not_taken(
    g: Game, humans: Sequence[str], fill: dict
) -> tuple[Game, dict[int, list[tuple[OptionView, Game]]]]:
    """The road taken played to the end, and for each human decision every other open option's game.

    Gives the same games as calling `what_if` for each (decision, option) -- same dice,
    the same facilitator's moves, later decisions kept where they fit, `fill` bots
    elsewhere -- but rebuilds the game once and clones it at each turn instead of
    replaying every what-if from the start.
    """
    record = GameRecord.of(g, scenario=g.definition.id)
    log = record.log
    answers = answers_of(log)
    out: dict[int, list[tuple[OptionView, Game]]] = {}

    def fork(game: Game, picks: dict[str, list[int]]) -> None:
        for role, mine in picks.items():
            if role not in humans:
                continue
            for i, dec in zip(mine, game.pending(role)):
                out[i] = []
                c = log[i]
                n = sum(1 for x in log[:i] if (x.turn, x.role, x.event) == (c.turn, role, c.event))
                for o in dec.options:
                    if o.legal and o.id != c.option:
                        changed = dict(answers)
                        changed[(c.turn, role, c.event, n)] = o.id
                        alt = play_out(game.clone(), changed, fill, record.facilitator)
                        out[i].append((o, alt))

    done = rebuild(record, g.scenario, quiet=True, visit=fork)
    base = g if g.is_over() else play_out(done.game, answers, fill, record.facilitator)
    return base, out


def _outcome(
    game: Game, option: str, label: str, key: Sequence[Indicator], chart_ind: str | None = None
) -> Outcome:
    values = game.values()
    return Outcome(
        option=option,
        label=label,
        ending=ending_title(game) or "(not finished)",
        scores=game.scores() if game.is_over() else {},
        finals={k.id: values[k.id] for k in key},
        met={r: met_count(game, r) for r in ROLES},
        series=history_series(game, chart_ind) if chart_ind else [],
    )


def build_whatifs(team: Team, key: Sequence[Indicator], shown: int = WHAT_IF_SHOWN) -> list[WhatIf]:
    """Replay each human decision with each other open option; keep the most consequential."""
    g = team.game
    sc = g.scenario
    humans = team.humans
    if not humans or not g.log:
        return []
    fill = {r: make_policy(sc, WHAT_IF_BOT) for r in ROLES}
    log = list(g.log)
    # the road taken, played to the end (for an unfinished game, computer players finish it)
    base, alts = roads_not_taken(g, humans, fill)
    if not any(alts.values()):
        return []
    base_scores = base.scores()
    d = g.definition
    spans = {k.id: max(float(d.indicators[k.id].max - d.indicators[k.id].min), 1e-9) for k in key}
    base_vals = base.values()
    ranked: list[tuple[float, float, int, list[tuple[OptionView, Game, float, float]]]] = []
    for i, games in alts.items():
        if not games:
            continue
        role = log[i].role
        tried = []
        for o, alt in games:
            delta = alt.scores()[role] - base_scores[role]
            alt_vals = alt.values()
            moved = sum(abs(alt_vals[k] - base_vals[k]) / spans[k] for k in spans)
            tried.append((o, alt, delta, moved))
        tried.sort(key=lambda t: (-abs(t[2]), -t[3]))
        ranked.append((abs(tried[0][2]), tried[0][3], i, tried))
    ranked.sort(key=lambda r: (-r[0], -r[1], r[2]))
    out = []
    for _, _, i, tried in ranked[:shown]:
        c = log[i]
        ev = g.event_def(c.event)
        chosen_opt = next((o for o in ev.options if o.id == c.option), None)
        vals = dict(zip(sc.indicators, (float(x) for x in g.history[c.turn - 1])))
        best_game = tried[0][1]
        # the chart follows the key indicator the alternative moved most
        bv, av = base.values(), best_game.values()
        chart_ind = max(
            (k.id for k in key), key=lambda k: abs(av[k] - bv[k]) / spans[k], default=None
        )
        chosen = _outcome(
            base,
            c.option,
            render(chosen_opt.label, vals) if chosen_opt else c.option,
            key,
            chart_ind,
        )
        outs = []
        for o, alt, delta, _moved in tried:
            oc = _outcome(alt, o.id, o.label, key, chart_ind)
            oc.delta = delta
            outs.append(oc)
        chart = None
        if chart_ind is not None:
            ind = d.indicators[chart_ind]
            lim = indicator_limits(sc).get(chart_ind, ())
            n = max(len(chosen.series), len(outs[0].series))
            labels = history_labels(best_game if len(outs[0].series) >= n else base)
            a_name, b_name = f"as played: {chosen.label}", f"what if: {outs[0].label}"
            chart = Chart(
                "line",
                f"{ind.label}{f' ({ind.unit})' if ind.unit and ind.unit != '%' else ''}",
                f"{ind.label} at the end: {fmt_value(bv[chart_ind], ind.decimals, ind.unit, limits=lim)} as "
                f"played, {fmt_value(av[chart_ind], ind.decimals, ind.unit, limits=lim)} with the other option",
                430,
                210,
                series=((a_name, tuple(chosen.series)), (b_name, tuple(outs[0].series))),
                colours=((a_name, "us"), (b_name, "india")),
                x_labels=tuple(labels),
                unit="%" if ind.unit == "%" else "",
            )
        out.append(
            WhatIf(
                index=i,
                turn=c.turn,
                turn_label=turn_label(g, c.turn),
                role=c.role,
                role_name=role_name(g, c.role),
                event=c.event,
                title=render(ev.title, vals),
                note=short_note(c.note),
                chosen=chosen,
                alternative=outs[0],
                others=outs[1:],
                chart=chart,
            )
        )
    return out
