"""Role briefs: one or two printable A4 pages a student reads before playing a role.

The situation, the role's objectives with their thresholds, the actors, the glossary
terms the role will meet, and the real timeline up to the game's start. Written as a
self-contained HTML page (inline CSS, no script) or as Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLE_NAMES, Dated, Objective, Scenario, Term
from game.engine.text import pick
from game.scenario.reference import before, cite, date_label, terms_in

MAX_TERMS = 21  # three columns of seven keep the brief to two pages

_OPS = {">=": "≥", "<=": "≤", "==": "=", "!=": "≠", ">": ">", "<": "<"}
_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|>=|<=|==|!=|[-+*/()<>]|\d+(?:\.\d+)?|\S")


class BriefError(Exception):
    """A brief that cannot be made, with a message for the teacher."""


@dataclass
class Goal:
    label: str
    description: str
    threshold: str
    weight_share: float
    primary: bool
    shared: bool


@dataclass
class Brief:
    scenario_id: str
    title: str
    role: str
    role_name: str
    other_name: str
    period: str
    difficulty: str
    summary: str
    briefing: str
    goals: list[Goal]
    actors: list[tuple[str, str]]
    terms: list[Term]
    timeline: list[Dated]


def condition_words(d: Scenario, when: str | bool, starts: dict[str, str]) -> str:
    """An objective's condition with indicator labels and ≥/≤ signs; start values in brackets."""
    if isinstance(when, bool):
        return "always" if when else "never"
    out: list[str] = []
    for tok in _TOKEN.findall(when):
        if tok in d.indicators:
            ind = d.indicators[tok]
            out.append(f"{ind.label} (now {starts[tok]})" if tok in starts else ind.label)
        elif tok in d.ladders:
            out.append(f"{d.ladders[tok].label} rung")
        elif tok in _OPS:
            out.append(_OPS[tok])
        else:
            out.append(tok)
    text = " ".join(out)
    return re.sub(r"\( ", "(", re.sub(r" \)", ")", text))


def _period(d: Scenario) -> str:
    p = d.period
    months = d.months_to(p.turns + 1)
    span = f"{months // 12} years" if months % 12 == 0 else f"{months} months"
    if d.length != "full":
        return f"{p.turns} turns ({d.length} length) from {date_label(p.start)} ({span})"
    return f"{p.turns} turns of {p.months_per_turn} months from {date_label(p.start)} ({span})"


def _starts(sc: CompiledScenario) -> dict[str, str]:
    """Start values as shown on the dashboard (a drawn start shows its value in game 0)."""
    from game.engine.game import Game

    d = sc.definition
    values = Game(sc, 0).values()
    out = {}
    for name, ind in d.indicators.items():
        if ind.hidden:
            continue
        v = values[name]
        shown = f"{v:,.{ind.decimals}f}" + (f" {ind.unit}" if ind.unit else "")
        out[name] = shown if isinstance(ind.start, int | float) else f"about {shown}"
    return out


def build_brief(sc: CompiledScenario, role: str, length: str = "full") -> Brief:
    """The brief of `role` in a compiled scenario."""
    if role not in ROLE_NAMES:
        raise BriefError(f"unknown role {role!r}: give india or us")
    d = sc.definition
    if length != d.length:
        have = ", ".join(d.length_turns())
        if length not in d.length_turns():
            raise BriefError(f"this scenario has no {length!r} length (it has: {have})")
        raise BriefError(f"this is the {d.length} length of the scenario, not {length!r}")
    starts = _starts(sc)
    own: list[tuple[Objective, bool]] = [(o, False) for o in getattr(d.objectives, role)]
    own += [(o, True) for o in d.objectives.shared]
    total = sum(float(o.weight) for o, _ in own) or 1.0
    goals = [
        Goal(
            pick(o.label),
            pick(o.description),
            condition_words(d, o.when, starts),
            float(o.weight) / total,
            bool(o.primary),
            shared,
        )
        for o, shared in own
    ]
    other = next(x for x in ROLE_NAMES if x != role)
    texts = [pick(d.summary), pick(d.roles[role].briefing)]
    texts += [f"{g.label} {g.description}" for g in goals]
    texts += [pick(a.description) for a in d.actors.values()]
    first = terms_in(d.glossary, texts)
    later = terms_in(d.glossary, [pick(e.title) for e in d.events if e.role == role])
    terms = first + [t for t in later if t not in first]
    terms = sorted(terms[:MAX_TERMS], key=lambda t: t.term.casefold())
    return Brief(
        scenario_id=d.id,
        title=pick(d.title),
        role=role,
        role_name=d.roles[role].name,
        other_name=d.roles[other].name,
        period=_period(d),
        difficulty=d.difficulty,
        summary=pick(d.summary),
        briefing=pick(d.roles[role].briefing),
        goals=goals,
        actors=[(a.name, pick(a.description)) for a in d.actors.values()],
        terms=terms,
        timeline=before(d.timeline, d.period.start),
    )


# -- HTML ------------------------------------------------------------------------------------

CSS = """
* { box-sizing: border-box; }
body { margin: 0; background: #e9edf1; color: #1c2128;
  font: 9.4pt/1.34 "Noto Sans", "Segoe UI", system-ui, Arial, sans-serif; }
main { max-width: 190mm; margin: 16px auto; background: #fff; padding: 12mm 12mm 10mm;
  box-shadow: 0 1px 4px rgba(0,0,0,.12); }
h1 { font-size: 17pt; margin: 0 0 1mm; line-height: 1.15; }
h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; padding-bottom: .5mm; border-bottom: 1.5px solid #1c2128;
  break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 2mm; }
.kicker { text-transform: uppercase; letter-spacing: .08em; color: #007d7d; font-weight: 700;
  font-size: 8pt; margin: 0; }
.role { font-weight: 700; }
.role.india { color: #b35c00; } .role.us { color: #245cc4; }
.meta { color: #5a6472; font-size: 9pt; margin-bottom: 2mm; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 0 0 2mm; }
th, td { text-align: left; vertical-align: top; padding: 1mm 1.5mm; border-bottom: 1px solid #d5dbe3; }
th { background: #f3f5f8; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; }
.tag { display: inline-block; font-size: 7.5pt; border: 1px solid #b9c1cc; border-radius: 2px;
  padding: 0 1mm; color: #5a6472; margin-left: 1mm; }
.cols { columns: 2; column-gap: 6mm; font-size: 8.6pt; }
.cols.three { columns: 3; column-gap: 5mm; font-size: 7.8pt; line-height: 1.3; }
.cols div { break-inside: avoid; page-break-inside: avoid; margin: 0 0 1.4mm; }
ul.timeline { columns: 2; column-gap: 6mm; list-style: none; padding: 0; margin: 0;
  font-size: 8pt; line-height: 1.3; }
ul.timeline li { break-inside: avoid; page-break-inside: avoid; margin: 0 0 1mm; padding-left: 3mm;
  text-indent: -3mm; }
dl { margin: 0; } dt { font-weight: 700; } dd { margin: 0; }
.src { color: #5a6472; font-size: 7.6pt; overflow-wrap: anywhere; }
section { break-inside: auto; }
.keep { break-inside: avoid; page-break-inside: avoid; }
footer { margin-top: 3mm; font-size: 7.5pt; color: #5a6472; border-top: 1px solid #d5dbe3; padding-top: 1mm; }
@page { size: A4; margin: 10mm 11mm 10mm; }
@media print {
  body { background: #fff; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
}
"""


def _term_html(t: Term) -> str:
    also = f" ({escape(t.aliases[0])})" if t.aliases and len(t.aliases[0]) > len(t.term) else ""
    return f"<div><dt>{escape(t.term)}{also}</dt><dd>{escape(t.definition)}</dd></div>"


def _dated_html(d: Dated) -> str:
    src = d.source.publication
    return (
        f"<li><strong>{escape(date_label(d.date))}</strong> {escape(d.title)}"
        f" <span class=src>({escape(src)})</span></li>"
    )


def brief_html(b: Brief) -> str:
    """The brief as one self-contained HTML page."""
    e = escape
    goals = "".join(
        f"<tr><td><strong>{e(g.label)}</strong>"
        f"{'<span class=tag>primary</span>' if g.primary else ''}"
        f"{'<span class=tag>shared</span>' if g.shared else ''}"
        f"{f'<br>{e(g.description)}' if g.description else ''}</td>"
        f"<td>{e(g.threshold)}</td><td class=num>{g.weight_share:.0%}</td></tr>"
        for g in b.goals
    )
    actors = "".join(f"<div><dt>{e(name)}</dt><dd>{e(desc)}</dd></div>" for name, desc in b.actors)
    terms = "".join(_term_html(t) for t in b.terms)
    events = "".join(_dated_html(d) for d in b.timeline)
    sections = [
        f'<p class="kicker">Strategic Convergence · role brief</p>'
        f'<h1>{e(b.title)}: you play <span class="role {e(b.role)}">{e(b.role_name)}</span></h1>'
        f'<p class="meta">{e(b.period)} · difficulty {e(b.difficulty)} · '
        f"the other side is {e(b.other_name)}</p>",
        f"<section><h2>The situation</h2><p>{e(b.briefing)}</p></section>",
        '<section class="keep"><h2>Your objectives</h2><p>You are scored on the share of these '
        "met at the end of the game, each weighted as shown. Figures in brackets are where "
        "each number stands at the start.</p>"
        '<table><thead><tr><th style="width:44%">Objective</th><th>Met when</th>'
        f'<th class="num">Weight</th></tr></thead><tbody>{goals}</tbody></table></section>',
    ]
    if actors:
        sections.append(
            f'<section><h2>Who else is in play</h2><dl class="cols three">{actors}</dl></section>'
        )
    if terms:
        sections.append(
            f'<section><h2>Words you will meet</h2><dl class="cols three">{terms}</dl></section>'
        )
    if events:
        sections.append(
            "<section><h2>What really happened before the game begins</h2>"
            '<ul class="timeline">' + events + "</ul></section>"
        )
    real = "The events on this page are real, each with its source. " if b.timeline else ""
    sections.append(
        f"<footer>{real}In the game, events are marked real or hypothetical; the numbers of "
        f"the model are invented for discussion, not a forecast. Scenario {e(b.scenario_id)}."
        "</footer>"
    )
    body = "\n".join(sections)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(b.title)} — brief for {e(b.role_name)}</title><style>{CSS}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )


def brief_markdown(b: Brief) -> str:
    """The brief as Markdown."""

    def md(text: str) -> str:
        return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text)

    lines = [
        f"# {md(b.title)}: you play {md(b.role_name)}",
        "",
        f"*Role brief · {md(b.period)} · difficulty {b.difficulty} · "
        f"the other side is {md(b.other_name)}*",
        "",
        "## The situation",
        "",
        md(b.briefing),
        "",
        "## Your objectives",
        "",
        "You are scored on the share of these met at the end, each weighted as shown.",
        "",
        "| Objective | Met when | Weight |",
        "|---|---|---:|",
    ]
    for g in b.goals:
        tags = (" (primary)" if g.primary else "") + (" (shared)" if g.shared else "")
        lines.append(f"| **{md(g.label)}**{tags} | {md(g.threshold)} | {g.weight_share:.0%} |")
    if b.actors:
        lines += ["", "## Who else is in play", ""]
        lines += [f"- **{md(name)}**: {md(desc)}" for name, desc in b.actors]
    if b.terms:
        lines += ["", "## Words you will meet", ""]
        for t in b.terms:
            date = f" ({date_label(t.date)})" if t.date else ""
            lines.append(f"- **{md(t.term)}**: {md(t.definition)}{date}")
    if b.timeline:
        lines += ["", "## What really happened before the game begins", ""]
        for d in b.timeline:
            lines.append(
                f"- **{date_label(d.date)}**: {md(d.title)}. {md(d.text)} "
                f"*Source: {md(cite(d.source))}*"
            )
    lines += [
        "",
        "---",
        "",
        "The events above are real, each with its source; the game marks every event real "
        "or hypothetical, and the model's numbers are invented for discussion.",
        "",
    ]
    return "\n".join(lines)


def write_brief(sc: CompiledScenario, role: str, out: Path, fmt: str, length: str = "full") -> Path:
    """Write the brief of `role` to `out` as `html` or `md` (temp file + rename)."""
    b = build_brief(sc, role, length)
    text = brief_html(b) if fmt == "html" else brief_markdown(b)
    from game.savecheck import output_problem
    from game.saves import atomic_write

    problem = output_problem(out, may_replace_save=False)  # never over a save or a scenario
    if problem:
        raise BriefError(f"will not write there: {problem}")
    try:
        atomic_write(out, text)
    except OSError as err:
        raise BriefError(f"cannot write {out}: {err.strerror or err}") from None
    return out
