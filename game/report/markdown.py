"""Reports as Markdown, with their charts as PNG files in a folder next to the text."""

from __future__ import annotations

import re
from pathlib import Path

from game.engine.definitions import ROLES
from game.presentation import indicator_limits
from game.report.charts import Chart, render_chart
from game.report.classroom import ClassReport
from game.report.debrief import Debrief
from game.report.facts import (
    fmt_delta,
    fmt_value,
    role_name,
    shown_change,
    threshold_crossings,
)
from game.scenario.reference import date_label


def _md(text: str) -> str:
    """Text safe inside Markdown (and inside a table cell)."""
    text = " ".join(str(text).split())
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


class _MdCharts:
    """Writes the charts of a Markdown report as PNG files in a folder next to it."""

    def __init__(self, out: Path) -> None:
        self.folder = out.with_name(out.stem + "_charts")
        self.count = 0
        self.failed = False
        # charts of an earlier run of the same report would linger and confuse
        for old in self.folder.glob("[0-9][0-9]-*.png") if self.folder.is_dir() else ():
            try:
                old.unlink()
            except OSError:
                pass

    def image(self, chart: Chart | None, name: str) -> str:
        if chart is None:
            return ""
        if not self.failed:
            self.count += 1
            file = (
                self.folder
                / f"{self.count:02d}-{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')[:40]}.png"
            )
            if render_chart(chart, file):
                return f"\n![{_md(chart.alt)}]({self.folder.name}/{file.name})\n"
            self.failed = True
        return f"\n*Chart left out (charts need pygame): {_md(chart.alt)}*\n"


def debrief_markdown(db: Debrief, out: Path) -> str:
    charts = _MdCharts(out)
    g = db.team.game
    lines = [f"# {_md(db.title)} — debrief", "", f"*{_md(db.summary)}*", ""]
    lines += ["| | |", "|---|---|"]
    for r in db.roles:
        lines.append(f"| {_md(r.name)} | {_md(r.played_by)} |")
    lines += [
        f"| Seed | {db.seed} |",
        f"| Class code | {_md(db.code + (' (' + db.code_info + ')' if db.code_info else '')) if db.code else 'none'} |",
        f"| Status | {_md(db.status)} |",
        f"| Saved | {_md(db.saved)} ({_md(db.team.path.name)}) |",
        f"| Report made | {_md(db.made)} |",
        "",
    ]
    for w in db.warnings:
        lines += [f"> **Note:** {_md(w)}", ""]
    lines += ["## The ending", ""]
    if db.ending:
        lines += [f"**{_md(db.ending[0])}**", "", _md(db.ending[1]), ""]
    else:
        lines += [f"The game is still in progress ({_md(db.status)}); it has no ending yet.", ""]
    lines += ["## Objectives and scores", ""]
    for res in db.results:
        who = "played by the class" if res.human else "computer"
        score = f"score {res.score:.0f}/100" if res.score is not None else "not scored yet"
        lines += [f"### {_md(res.name)} ({who}) — {score}", ""]
        for label, met, primary, shared in res.objectives:
            mark = "x" if met and db.over else " "
            tag = " *(primary)*" if primary else " *(shared)*" if shared else ""
            lines.append(f"- [{mark}] {_md(label)}{tag}")
        lines.append("")
    lines += ["## Indicators over time", ""]
    for c in db.charts:
        lines.append(charts.image(c, c.title))
    lines += ["", "## Timeline of decisions", ""]
    for te in db.timeline:
        lines += [f"### Turn {te.turn} — {_md(te.label)}", ""]
        marks = te.marks or [""] * len(te.news)
        for (src, text), mark in zip(te.news, marks):
            tag = f" *[{_md(mark)}]*" if mark else ""
            lines.append(f"- News{(' (' + _md(src) + ')') if src else ''}: {_md(text)}{tag}")
        for c in te.choices:
            who = f"**{_md(c.role_name)}**" + ("" if c.human else " (computer)")
            lines.append(f"- {who}: {_md(c.title)} → **{_md(c.label)}**")
            if c.note:
                lines.append(f"  - *Why:* “{_md(c.note)}”")
        if te.pending:
            lines.append("- *Decisions of this turn not made yet.*")
        lines.append("")
    if db.reality:
        lines += ["## Your path and what really happened", ""]
        lines += ["| When | In your game | In reality |", "|---|---|---|"]
        for r in db.reality:
            real = "; ".join(
                f"{date_label(e.date)}: {_md(e.title)} ({_md(e.source.publication)})"
                for e in r.real
            )
            lines.append(
                f"| Turn {r.turn} ({_md(r.label)}) | {_md('; '.join(r.played)) or 'no decision'} | "
                f"{real or '—'} |"
            )
        lines.append("")
    lines += ["## Why the biggest changes happened", ""]
    if db.movers:
        lines += ["| Indicator | Change | Cause | When |", "|---|---:|---|---|"]
        for m in db.movers:
            when = (
                f"turn {m.turns[0]}"
                if m.turns[0] == m.turns[1]
                else f"turns {m.turns[0]}–{m.turns[1]}"
            )
            lines.append(
                f"| {_md(m.label)} | {fmt_delta(m.delta, m.decimals, m.unit)} | {_md(m.cause)} | {when} |"
            )
    else:
        lines.append("Nothing has moved yet.")
    lines += ["", "## What if? The roads not taken", "", _md(db.whatif_note), ""]
    for k, w in enumerate(db.whatifs, 1):
        lines += [
            f"### {k}. Turn {w.turn} ({_md(w.turn_label)}), {_md(w.role_name)}: {_md(w.title)}",
            "",
        ]
        if w.note:
            lines += [f"Their reason then: “{_md(w.note)}”", ""]
        a, b = w.chosen, w.alternative
        lines += [
            f"| | As played: {_md(a.label)} | What if: {_md(b.label)} |",
            "|---|---|---|",
            f"| Ending | {_md(a.ending)} | {_md(b.ending)} |",
        ]
        for r in ROLES:
            if a.scores and b.scores:
                lines.append(
                    f"| Score, {_md(role_name(g, r))} | {a.scores[r]:.0f} | {b.scores[r]:.0f} "
                    f"({fmt_delta(shown_change(a.scores[r], b.scores[r], 0))}) |"
                )
        for r in ROLES:
            lines.append(
                f"| Objectives met, {_md(role_name(g, r))} | {a.met[r][0]} of {a.met[r][1]} | "
                f"{b.met[r][0]} of {b.met[r][1]} |"
            )
        for ind in db.key:
            va, vb = a.finals[ind.id], b.finals[ind.id]
            lim = indicator_limits(g.scenario).get(ind.id, ())
            lines.append(
                f"| {_md(ind.label)} at the end | {fmt_value(va, ind.decimals, ind.unit, limits=lim)} | "
                f"{fmt_value(vb, ind.decimals, ind.unit, limits=lim)} ({fmt_delta(shown_change(va, vb, ind.decimals), ind.decimals, ind.unit)}) |"
            )
        lines.append("")
        crossings = threshold_crossings(g.scenario, w.role, a.finals, b.finals)
        if crossings:
            lines += ["Thresholds crossed: " + "; ".join(_md(x) for x in crossings) + ".", ""]
        if w.others:
            others = "; ".join(
                f"“{_md(o.label)}”: {w.role_name} score {o.scores.get(w.role, 0):.0f} ({fmt_delta(shown_change(a.scores.get(w.role, 0), o.scores.get(w.role, 0), 0))})"
                for o in w.others
            )
            lines += [f"Other options: {others}.", ""]
        lines.append(charts.image(w.chart, f"whatif-{k}"))
    if db.glossary:
        lines += ["## Words in this game", ""]
        for t in db.glossary:
            date = f" ({date_label(t.date)})" if t.date else ""
            lines.append(f"- **{_md(t.term)}**: {_md(t.definition)}{date}")
        lines.append("")
    lines += ["## Questions for discussion", ""]
    k = 0
    for k, q in enumerate(db.questions, 1):
        lines += [f"{k}. {_md(q)}", ""]
    for name, qs in db.role_questions:
        for q in qs:
            k += 1
            lines += [f"{k}. *{_md(name)}:* {_md(q)}", ""]
    return "\n".join(lines).rstrip() + "\n"


def class_markdown(rep: ClassReport, out: Path) -> str:
    charts = _MdCharts(out)
    lines = ["# Class report", "", f"{rep.teams} game(s) compared; report made {rep.made}.", ""]
    if rep.skipped:
        lines += ["**Saves left out:**", ""]
        lines += [f"- {_md(f)}: {_md(why)}" for f, why in rep.skipped]
        lines.append("")
    for grp in rep.groups:
        lines += [f"## {_md(grp.title)} — {_md(grp.label)}", ""]
        lines.append(f"{len(grp.teams)} team(s); {sum(t.over for t in grp.teams)} finished.")
        lines.append("")
        lines += ["### How the class chose", ""]
        for e in grp.choices:
            when = (
                f"turn {e.turns[0]}"
                if e.turns[0] == e.turns[1]
                else f"turns {e.turns[0]}–{e.turns[1]}"
            )
            lines += [
                f"#### {_md(e.role_name)}: {_md(e.title)} ({when}; {e.teams} team(s), {e.total} decision(s))",
                "",
                "| # | Option | Chosen | Share |",
                "|---:|---|---:|---:|",
            ]
            for k, o in enumerate(e.options, 1):
                lines.append(f"| {k} | {_md(o.label)} | {o.count} | {o.share:.0%} |")
            lines.append("")
            for k, o in enumerate(e.options, 1):
                said = "; ".join(f"“{_md(note)}” ({_md(', '.join(who))})" for note, who in o.notes)
                if said:
                    lines.append(f"- **{k}. {_md(o.label)}**: {said}")
            lines.append(charts.image(e.chart, e.event))
        lines += ["### Outcomes per team", ""]
        head = ["Team", "Status", "Ending"]
        head += [f"Score {role_name(grp.teams[0].game, r)}" for r in ROLES]
        head += [f"Objectives {role_name(grp.teams[0].game, r)}" for r in ROLES]
        head += ["Notes"] + [k.label for k in grp.key]
        lines += ["| " + " | ".join(_md(h) for h in head) + " |", "|" + "---|" * len(head)]
        for row in grp.rows:
            cells = [_md(row.name), _md(row.status), _md(row.ending or "–")]
            cells += [f"{row.scores[r]:.0f}" if row.scores else "–" for r in ROLES]
            cells += [f"{row.met[r][0]}/{row.met[r][1]}" if row.met else "–" for r in ROLES]
            cells += [str(row.notes)]
            cells += [fmt_value(row.finals[k.id], k.decimals, k.unit) for k in grp.key]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        for c in grp.score_charts:
            lines.append(charts.image(c, c.title))
        lines += ["### Spread of the final indicators", ""]
        if grp.spread_left_out:
            lines += [
                f"{grp.spread_left_out} unfinished game(s) are included where they stand.",
                "",
            ]
        lines += ["| Indicator | Start | Lowest | Median | Highest |", "|---|---:|---:|---:|---:|"]
        for s in grp.spread:
            i = s.indicator
            lines.append(
                f"| {_md(i.label)} | {fmt_value(s.start, i.decimals, i.unit)} | "
                f"{fmt_value(s.low, i.decimals, i.unit)} | {fmt_value(s.median, i.decimals, i.unit)} | "
                f"{fmt_value(s.high, i.decimals, i.unit)} |"
            )
        lines.append("")
        for c in grp.spread_charts:
            lines.append(charts.image(c, c.title))
        lines += ["### Teams that took unusual paths", ""]
        if grp.unusual:
            for name, reasons in grp.unusual:
                lines.append(f"- **{_md(name)}**")
                lines += [f"  - {_md(r)}" for r in reasons]
        else:
            lines.append("No team went where nobody else went.")
        lines.append("")
    by_scenario: dict[str, tuple[str, list[str]]] = {}
    for grp in rep.groups:
        by_scenario.setdefault(grp.scenario_id, (grp.title, grp.questions))
    for title, questions in by_scenario.values():
        more = f": {_md(title)}" if len(by_scenario) > 1 else ""
        lines += [f"## Questions for discussion{more}", ""]
        lines += [f"{k}. {_md(q)}" for k, q in enumerate(questions, 1)]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
