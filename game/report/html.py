"""Reports as one self-contained, printable HTML page: inline CSS, charts as embedded PNG, no script.

Everything that comes from a save (team names, rationale notes) is escaped: saves are
data from strangers. The page reads on screen and prints on A4 (`@media print`):
navigation hidden, sections kept whole where they fit, lined space under each
discussion question for written answers.
"""

from __future__ import annotations

import base64
from html import escape

from game.engine.definitions import ROLES
from game.presentation import indicator_limits
from game.report.charts import Chart, chart_png
from game.report.classroom import UNUSUAL_MAX_TEAMS, UNUSUAL_MIN_TEAMS, ClassGroup, ClassReport
from game.report.debrief import Debrief
from game.report.facts import (
    fmt_delta,
    fmt_value,
    role_name,
    shown_change,
    threshold_crossings,
)
from game.report.style import CSS
from game.scenario.reference import date_label


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def figure(chart: Chart | None, caption: str = "") -> str:
    """A chart as an embedded PNG (or its words, if charts cannot be drawn here)."""
    if chart is None:
        return ""
    png = chart_png(chart)
    if png is None:
        return (
            f'<p class="nochart">Chart left out (pygame is not available): {escape(chart.alt)}</p>'
        )
    data = base64.b64encode(png).decode("ascii")
    cap = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return (
        f'<figure><img src="data:image/png;base64,{data}" width="{chart.width}" '
        f'height="{chart.height}" alt="{escape(chart.alt)}">{cap}</figure>'
    )


def _side(role: str, name: str, human: bool = True) -> str:
    extra = "" if human else ' <span class="computer">(computer)</span>'
    return f'<span class="side {escape(role)}">{escape(name)}</span>{extra}'


def _delta_html(value: float, decimals: int = 0, unit: str = "", good: float = 0.0) -> str:
    """A signed change; coloured when it is better (good>0 means up is better) or worse."""
    text = escape(fmt_delta(value, decimals, unit))
    if good == 0 or abs(value) < 10**-decimals / 2:
        return text
    cls = "better" if value * good > 0 else "worse"
    return f'<span class="{cls}">{text}</span>'


def _when(turns: tuple[int, int]) -> str:
    return f"turn {turns[0]}" if turns[0] == turns[1] else f"turns {turns[0]}–{turns[1]}"


def _questions(
    questions: list[str],
    section_id: str = "questions",
    heading: str = "",
    roles: list[tuple[str, list[str]]] | None = None,
) -> str:
    if not questions:
        return ""
    items = "".join(
        f'<li><p>{escape(q)}</p><div class="lines">{"<div></div>" * 3}</div></li>'
        for q in questions
    )
    for name, qs in roles or []:
        items += "".join(
            f'<li><p><span class="tag">{escape(name)}</span> {escape(q)}</p>'
            f'<div class="lines">{"<div></div>" * 2}</div></li>'
            for q in qs
        )
    head = heading or "Questions for discussion"
    return (
        f'<section id="{section_id}" class="questions-page"><h2>{escape(head)}</h2>'
        '<p class="lead">Write your answers in the space below each question; use the '
        "timeline, the charts and the what-ifs as evidence.</p>"
        f'<ol class="questions">{items}</ol></section>'
    )


# -- the debrief --------------------------------------------------------------------------


def debrief_html(db: Debrief) -> str:
    """The debrief of one game as a self-contained HTML page."""
    g = db.team.game
    parts = [_header(db)]
    parts.append(_ending(db))
    parts.append(_objectives(db))
    parts.append(_glance(db))
    parts.append(_indicators(db))
    parts.append(_timeline(db))
    parts.append(_reality(db))
    parts.append(_movers(db))
    parts.append(_whatifs(db, g))
    parts.append(_glossary(db))
    parts.append(_questions(db.questions, roles=db.role_questions))
    parts.append(
        "<footer>Strategic Convergence · debrief of "
        f"{escape(db.team.path.name)} · report made {escape(db.made)}. The scenario's numbers "
        "are a model for discussion, not a forecast.</footer>"
    )
    return _page(f"{db.title} — debrief", "\n".join(p for p in parts if p))


def _header(db: Debrief) -> str:
    rows = "".join(f"<dt>{escape(r.name)}</dt><dd>{escape(r.played_by)}</dd>" for r in db.roles)
    code = (
        f"{escape(db.code)}" + (f" ({escape(db.code_info)})" if db.code_info else "")
        if db.code
        else "none"
    )
    rows += (
        f"<dt>Seed</dt><dd>{db.seed}</dd><dt>Class code</dt><dd>{code}</dd>"
        f"<dt>Status</dt><dd>{escape(db.status)}</dd>"
        f"<dt>Saved</dt><dd>{escape(db.saved)} ({escape(db.team.path.name)})</dd>"
        f"<dt>Report made</dt><dd>{escape(db.made)}</dd>"
    )
    warn = "".join(f'<p class="warning">{escape(w)}</p>' for w in db.warnings)
    toc = [
        ("ending", "Ending"),
        ("objectives", "Objectives"),
        ("indicators", "Indicators"),
        ("timeline", "Timeline"),
        ("why", "Why things changed"),
        ("whatif", "What if?"),
        ("reality", "What really happened"),
        ("glossary", "Glossary"),
        ("questions", "Questions"),
    ]
    nav = "".join(f'<a href="#{i}">{t}</a>' for i, t in toc)
    return (
        '<header id="summary">'
        '<p class="kicker">Strategic Convergence · debrief report</p>'
        f"<h1>{escape(db.title)}</h1>"
        f'<p class="summary">{escape(db.summary)}</p>'
        f'<dl class="meta">{rows}</dl>{warn}'
        f'<nav class="toc">{nav}</nav></header>'
    )


def _ending(db: Debrief) -> str:
    if db.ending is None:
        body = (
            f'<p class="ending">This game is {escape(db.status)}, so it has '
            "no ending yet. The rest of this report covers the turns played so far.</p>"
        )
    else:
        body = (
            f'<div class="ending"><h3>{escape(db.ending[0])}</h3>'
            f"<p>{escape(db.ending[1])}</p></div>"
        )
    return f'<section id="ending"><h2>The ending</h2>{body}</section>'


def _objectives(db: Debrief) -> str:
    cards = []
    for res in db.results:
        who = "played by the class" if res.human else "played by the computer"
        if res.score is not None:
            score = f'<div class="score">{res.score:.0f}<small> / 100</small></div>'
        else:
            score = '<div class="score"><small>not scored until the game ends</small></div>'
        items = []
        for label, met, primary, shared in res.objectives:
            if not db.over:
                mark = '<span class="open">○</span>'
            elif met:
                mark = '<span class="met" title="met">✓</span>'
            else:
                mark = '<span class="unmet" title="not met">✗</span>'
            tag = (
                ' <span class="tag">primary</span>'
                if primary
                else ' <span class="tag">shared</span>'
                if shared
                else ""
            )
            items.append(f"<li>{mark} {escape(label)}{tag}</li>")
        cards.append(
            f'<div class="card {escape(res.role)}"><h3>{escape(res.name)} '
            f'<span class="computer">({who})</span></h3>{score}'
            f'<ul class="objectives">{"".join(items)}</ul></div>'
        )
    lead = (
        "Each side's score is the weighted share of its objectives met at the end "
        "(shared objectives count for both; some scenarios give part credit for a near "
        "miss), averaged with what the ending is worth to that side where the scenario "
        "says."
        if db.over
        else "Objectives are settled at the end of the game; ○ marks one not settled yet."
    )
    return (
        f'<section id="objectives"><h2>Objectives and scores</h2><p class="lead">{lead}</p>'
        f'<div class="cards">{"".join(cards)}</div></section>'
    )


def _glance(db: Debrief) -> str:
    """The rest of the summary page: who decided how much, with reasons, and what moved most."""
    lines = []
    for r in db.roles:
        if not r.human:
            continue
        mine = [c for te in db.timeline for c in te.choices if c.role == r.role and c.human]
        noted = sum(1 for c in mine if c.note.strip())
        lines.append(
            f"<li>{_side(r.role, r.name)} made {len(mine)} decision{'s' if len(mine) != 1 else ''}"
            f" and gave a reason for {noted}.</li>"
        )
    for m in db.movers[:3]:
        cls = "" if m.good == 0 else "better" if m.delta * m.good > 0 else "worse"
        lines.append(
            f'<li><strong>{escape(m.label)}</strong> <span class="{cls}">'
            f"{escape(fmt_delta(m.delta, m.decimals, m.unit))}</span>: {escape(m.cause)} "
            f'<span class="computer">({_when(m.turns)})</span></li>'
        )
    if not lines:
        return ""
    return (
        '<section id="glance"><h2>At a glance</h2>'
        f'<ul class="glance">{"".join(lines)}</ul>'
        '<p class="small computer">The largest changes with their causes; all of them, and '
        "the detail of every turn, follow from the next page on.</p></section>"
    )


def _indicators(db: Debrief) -> str:
    figs = "".join(figure(c) for c in db.charts)
    return (
        '<section id="indicators"><h2>Indicators over time</h2>'
        '<p class="lead">Each indicator at the start, at every turn\'s decision point and at '
        "the end. A dashed line marks the threshold of an objective.</p>"
        f'<div class="grid">{figs}</div></section>'
    )


def _mark(mark: str) -> str:
    """A small tag saying whether a news item is real (with its source) or invented."""
    if not mark:
        return ""
    cls = "tag real" if mark.startswith("real") else "tag"
    return f' <span class="{cls}">{escape(mark)}</span>'


def _timeline(db: Debrief) -> str:
    turns = []
    for te in db.timeline:
        marks = te.marks or [""] * len(te.news)
        news = "".join(
            f"<li>{f'<span class=src>{escape(src)}:</span> ' if src else ''}{escape(text)}"
            f"{_mark(m)}</li>"
            for (src, text), m in zip(te.news, marks)
        )
        rows = []
        for c in te.choices:
            why = f'<div class="why">“{escape(c.note)}”</div>' if c.note else ""
            rows.append(
                f"<tr><td>{_side(c.role, c.role_name, c.human)}</td><td>{escape(c.title)}</td>"
                f"<td><strong>{escape(c.label)}</strong>{why}</td></tr>"
            )
        table = (
            '<table class="choices"><thead><tr><th style="width:17%">Side</th>'
            '<th style="width:38%">Decision</th><th>Choice and reason</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
            if rows
            else ""
        )
        pending = (
            '<p class="pending">The decisions of this turn have not been made yet.</p>'
            if te.pending
            else ""
        )
        if not news and not rows and not pending:
            pending = '<p class="pending">A quiet turn: no news and no decisions.</p>'
        turns.append(
            f'<article class="turn" id="turn-{te.turn}"><h3>Turn {te.turn} '
            f'<span class="label">· {escape(te.label)}</span></h3>'
            f"{f'<ul class=news>{news}</ul>' if news else ''}{table}{pending}</article>"
        )
    return (
        '<section id="timeline"><h2>Timeline of decisions</h2>'
        '<p class="lead">Every turn: the news, then what each side decided. Reasons in '
        "italics are the players' own notes, written when they decided. News marked "
        "<em>real</em> retells a real event (with its source); <em>hypothetical</em> news is "
        "invented for the game.</p>"
        f"{''.join(turns)}</section>"
    )


def _reality(db: Debrief) -> str:
    if not db.reality:
        return ""
    rows = []
    for r in db.reality:
        played = "".join(f"<li>{escape(x)}</li>" for x in r.played) or "<li>no decision</li>"
        real = (
            "".join(
                f"<li><strong>{escape(date_label(e.date))}</strong> {escape(e.title)}. "
                f'{escape(e.text)} <span class="computer">({escape(e.source.publication)}, '
                f"{escape(e.source.date)})</span></li>"
                for e in r.real
            )
            or "<li>—</li>"
        )
        rows.append(
            f"<tr><td class=when>Turn {r.turn}<br><span class=computer>{escape(r.label)}</span></td>"
            f'<td><ul class="news">{played}</ul></td><td><ul class="news">{real}</ul></td></tr>'
        )
    return (
        '<section id="reality"><div class="keep"><h2>Your path and what really happened</h2>'
        '<p class="lead">The group\'s choices beside the real events of the same months, each '
        "with its source. The record stops in early 2026; the game went on from there on its "
        "own model.</p>"
        '<table><thead><tr><th style="width:14%">When</th><th style="width:43%">In your game</th>'
        f"<th>In reality</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        "</section>"
    )


def _glossary(db: Debrief) -> str:
    if not db.glossary:
        return ""
    items = "".join(
        f"<div><dt>{escape(t.term)}</dt><dd>{escape(t.definition)}"
        + (f' <span class="computer">({escape(date_label(t.date))})</span>' if t.date else "")
        + "</dd></div>"
        for t in db.glossary
    )
    return (
        '<section id="glossary"><h2>Words in this game</h2>'
        '<p class="lead">The terms of the glossary that came up in this game.</p>'
        f'<dl class="glossary">{items}</dl></section>'
    )


def _movers(db: Debrief) -> str:
    if not db.movers:
        return '<section id="why"><h2>Why the biggest changes happened</h2><p>Nothing has moved yet.</p></section>'
    top = max(m.weight for m in db.movers) or 1.0
    rows = []
    for m in db.movers:
        width = max(2, round(60 * m.weight / top))
        cls = "neutral" if m.good == 0 else "up" if m.delta * m.good > 0 else "down"
        rows.append(
            f"<tr><td>{escape(m.label)}</td>"
            f'<td class="num">{escape(fmt_delta(m.delta, m.decimals, m.unit))}</td>'
            f'<td><span class="bar {cls}" style="width:{width}px"></span></td>'
            f'<td>{escape(m.cause)}</td><td class="when">{_when(m.turns)}</td></tr>'
        )
    return (
        '<section id="why"><h2>Why the biggest changes happened</h2>'
        '<p class="lead">The game records every change of every indicator with its cause. '
        "These are the largest, added up over the game for each indicator and cause and "
        f"ranked by their size relative to the indicator's range.{_colour_key(db)}</p>"
        '<table><thead><tr><th>Indicator</th><th class="num">Change</th><th></th>'
        "<th>Cause</th><th>When</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _colour_key(db: Debrief) -> str:
    humans = [r for r in db.roles if r.human]
    if not humans or not any(m.good for m in db.movers):
        return ""
    names = " and ".join(r.name for r in humans)
    return f" Green: a change {escape(names)} wanted; red: one they did not; grey: neither."


def _whatifs(db: Debrief, g) -> str:  # noqa: ANN001 - Game
    sc = g.scenario
    cards = []
    for k, w in enumerate(db.whatifs, 1):
        a, b = w.chosen, w.alternative
        r = ROLES.index(w.role)
        rows = [f"<tr><th>Ending</th><td>{escape(a.ending)}</td><td>{escape(b.ending)}</td></tr>"]
        for role in ROLES:
            if a.scores and b.scores:
                rows.append(
                    f"<tr><th>Score, {escape(role_name(g, role))}</th>"
                    f'<td class="val">{a.scores[role]:.0f}</td>'
                    f'<td class="val">{b.scores[role]:.0f} '
                    f"({_delta_html(shown_change(a.scores[role], b.scores[role], 0), good=1.0)})</td></tr>"
                )
        for role in ROLES:
            rows.append(
                f"<tr><th>Objectives met, {escape(role_name(g, role))}</th>"
                f'<td class="val">{a.met[role][0]} of {a.met[role][1]}</td>'
                f'<td class="val">{b.met[role][0]} of {b.met[role][1]}</td></tr>'
            )
        for ind in db.key:
            va, vb = a.finals[ind.id], b.finals[ind.id]
            k_ind = sc.indicators.index(ind.id)
            good = float(sc.direction[r, k_ind])
            rows.append(
                f"<tr><th>{escape(ind.label)} at the end</th>"
                f'<td class="val">{escape(fmt_value(va, ind.decimals, ind.unit, limits=indicator_limits(sc).get(ind.id, ())))}</td>'
                f'<td class="val">{escape(fmt_value(vb, ind.decimals, ind.unit, limits=indicator_limits(sc).get(ind.id, ())))} '
                f"({_delta_html(shown_change(va, vb, ind.decimals), ind.decimals, ind.unit, good)})</td></tr>"
            )
        note = (
            f'<p>Their reason then: <span class="why">“{escape(w.note)}”</span></p>'
            if w.note
            else ""
        )
        crossings = threshold_crossings(sc, w.role, a.finals, b.finals)
        crossed = (
            '<p class="small">Thresholds crossed: '
            + "; ".join(escape(x) for x in crossings)
            + ".</p>"
            if crossings
            else ""
        )
        others = ""
        if w.others:
            items = "; ".join(
                f"“{escape(o.label)}”: {escape(w.role_name)} score "
                f"{o.scores.get(w.role, 0):.0f} ({_delta_html(shown_change(w.chosen.scores.get(w.role, 0), o.scores.get(w.role, 0), 0), good=1.0)}), "
                f"ending “{escape(o.ending)}”"
                for o in w.others
            )
            others = f'<p class="small">Other options open then: {items}.</p>'
        table = (
            '<table class="compare"><thead><tr><th style="width:30%"></th>'
            f'<th style="width:35%">As played: {escape(a.label)}</th>'
            f'<th style="width:35%">What if: {escape(b.label)}</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
        caption = "Blue: the road taken; orange: the road not taken (same dice)."
        cards.append(
            f'<article class="whatif" id="whatif-{k}"><h3>{k}. Turn {w.turn} '
            f'<span class="computer">({escape(w.turn_label)})</span>, '
            f"{_side(w.role, w.role_name)}: {escape(w.title)}</h3>{note}"
            f'<div class="body"><div>{table}</div>'
            f"<div>{figure(w.chart, caption)}<div>{crossed}{others}</div></div></div></article>"
        )
    return (
        '<section id="whatif"><h2>What if? The roads not taken</h2>'
        f'<p class="lead">{escape(db.whatif_note)}</p>{"".join(cards)}</section>'
    )


# -- the class report ---------------------------------------------------------------------


def class_html(rep: ClassReport) -> str:
    """The class report of many games as a self-contained HTML page."""
    parts = [_class_header(rep)]
    for grp in rep.groups:
        parts.append(_group(grp, len(rep.groups)))
    # the questions once per scenario, at the end
    by_scenario: dict[str, tuple[str, list[str]]] = {}
    for grp in rep.groups:
        by_scenario.setdefault(grp.scenario_id, (grp.title, grp.questions))
    qs = [(t, q) for t, q in by_scenario.values() if q]
    if len(qs) == 1:
        parts.append(_questions(qs[0][1]))
    elif qs:
        inner = "".join(
            _questions(q, f"questions-{k}", f"Questions for discussion: {t}")
            for k, (t, q) in enumerate(qs, 1)
        )
        parts.append(f'<div id="questions">{inner}</div>')
    parts.append(
        f"<footer>Strategic Convergence · class report of {rep.teams} game(s) · "
        f"made {escape(rep.made)}.</footer>"
    )
    return _page("Class report", "\n".join(parts))


def _class_header(rep: ClassReport) -> str:
    groups = "".join(
        f'<li><a href="#g{grp.number}">{escape(grp.title)} — {escape(grp.label)}</a>: '
        f"{len(grp.teams)} team(s)</li>"
        for grp in rep.groups
    )
    skipped = ""
    if rep.skipped:
        items = "".join(
            f"<li><strong>{escape(f)}</strong>: {escape(w)}</li>" for f, w in rep.skipped
        )
        skipped = (
            f'<section id="skipped" class="warning"><h3>{len(rep.skipped)} save(s) left out</h3>'
            f"<ul>{items}</ul></section>"
        )
    return (
        '<header id="overview"><p class="kicker">Strategic Convergence · class report</p>'
        "<h1>Class report</h1>"
        f'<p class="summary">{rep.teams} game(s) compared, grouped by class code (games without '
        "a code by scenario and seed). Made "
        f"{escape(rep.made)}.</p><ul>{groups}</ul>{skipped}</header>"
    )


def _group(grp: ClassGroup, n_groups: int) -> str:
    g = grp.teams[0].game
    pre = f"g{grp.number}"
    seed = f"seed {grp.seed}" if grp.seed is not None else "several seeds"
    info = f" ({escape(grp.code_info)})" if grp.code_info else ""
    head = (
        f'<section class="group" id="{pre}"><h2>{escape(grp.title)} — {escape(grp.label)}</h2>'
        f'<p class="lead">{len(grp.teams)} team(s), {sum(t.over for t in grp.teams)} finished; '
        f"{seed}{info}. Played by the class: "
        f"{escape(' and '.join(role_name(g, r) for r in grp.humans))}.</p>"
    )
    nav = "".join(
        f'<a href="#{pre}-{s}">{t}</a>'
        for s, t in (
            ("choices", "How the class chose"),
            ("outcomes", "Outcomes"),
            ("spread", "Spread"),
            ("unusual", "Unusual paths"),
        )
    )
    return (
        head
        + f'<nav class="toc">{nav}</nav>'
        + _choices(grp, pre)
        + _outcomes(grp, pre)
        + _spread(grp, pre)
        + _unusual(grp, pre)
        + "</section>"
    )


def _choices(grp: ClassGroup, pre: str) -> str:
    events = []
    for e in grp.choices:
        rows = "".join(
            f'<tr><td class="num">{k}</td><td>{escape(o.label)}</td><td class="num">{o.count}</td>'
            f'<td class="num">{o.share:.0%}</td></tr>'
            for k, o in enumerate(e.options, 1)
        )
        notes = []
        for k, o in enumerate(e.options, 1):
            if not o.notes:
                continue
            said = "; ".join(
                f'<span class="why">“{escape(text)}”</span> <span class="who">({escape(", ".join(who))})</span>'
                for text, who in o.notes
            )
            notes.append(f"<li><strong>{k}. {escape(o.label)}</strong>: {said}</li>")
        notes_html = (
            f'<p class="small"><strong>Their reasons</strong></p><ul class="notes">{"".join(notes)}</ul>'
            if notes
            else ""
        )
        events.append(
            f'<div class="event" id="{pre}-event-{escape(e.event)}">'
            f"<h4>{_side(e.role, e.role_name)}: {escape(e.title)} "
            f'<span class="computer">({_when(e.turns)}; {e.teams} team(s), '
            f"{e.total} decision(s))</span></h4>"
            '<div class="tally"><div><table><thead><tr><th class="num">#</th><th>Option</th>'
            '<th class="num">Chosen</th><th class="num">Share</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div><div>{figure(e.chart)}</div></div>"
            f"{notes_html}</div>"
        )
    body = "".join(events) or "<p>No decisions were made by the class yet.</p>"
    return (
        f'<section id="{pre}-choices" class="choices"><h3>How the class chose</h3>'
        '<p class="lead">Every decision event that came up for a side played by the class, in '
        "the order it first came up: how many decisions went to each option, and the reasons "
        "teams wrote (identical reasons are merged).</p>"
        f"{body}</section>"
    )


def _outcomes(grp: ClassGroup, pre: str) -> str:
    g = grp.teams[0].game
    head = "<th>Team</th><th>Ending</th>"
    head += "".join(f'<th class="num">Score<br>{escape(role_name(g, r))}</th>' for r in ROLES)
    head += "".join(f'<th class="num">Obj.<br>{escape(role_name(g, r))}</th>' for r in ROLES)
    head += '<th class="num">Notes</th>'
    head += "".join(
        f'<th class="num">{escape(k.label)}{f" ({escape(k.unit)})" if k.unit and k.unit != "%" else ""}</th>'
        for k in grp.key
    )
    rows = []
    for row in grp.rows:
        ending = (
            escape(row.ending)
            if row.ending
            else f'<span class="pending">{escape(row.status)}</span>'
        )
        mark = "" if row.finished else ' <span class="tag">unfinished</span>'
        cells = f"<td><strong>{escape(row.name)}</strong>{mark}</td><td>{ending}</td>"
        cells += "".join(
            f'<td class="num">{row.scores[r]:.0f}</td>' if row.scores else '<td class="num">–</td>'
            for r in ROLES
        )
        cells += "".join(
            f'<td class="num">{row.met[r][0]}/{row.met[r][1]}</td>'
            if row.met
            else '<td class="num">–</td>'
            for r in ROLES
        )
        cells += f'<td class="num">{row.notes}</td>'
        cells += "".join(
            f'<td class="num">{escape(fmt_value(row.finals[k.id], k.decimals, "%" if k.unit == "%" else ""))}</td>'
            for k in grp.key
        )
        rows.append(f"<tr>{cells}</tr>")
    endings = ", ".join(f"{escape(t)} ({n})" for t, n in grp.endings)
    charts = "".join(figure(c) for c in grp.score_charts)
    return (
        f'<section id="{pre}-outcomes" class="outcomes"><h3>Outcomes per team</h3>'
        f'<p class="lead">Endings reached: {endings or "none yet"}. “Obj.” counts objectives met '
        "(shared ones included). Unfinished games are scored where they stand, as if the game "
        "ended at the turn they reached, and marked unfinished.</p>"
        f'<table class="outcomes"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        f'<div class="grid">{charts}</div></section>'
    )


def _spread(grp: ClassGroup, pre: str) -> str:
    rows = []
    for s in grp.spread:
        i = s.indicator

        def v(x: float, i=i) -> str:
            return escape(fmt_value(x, i.decimals, i.unit))

        def teams(names: list[str]) -> str:
            if len(names) > 3:
                return f'<div class="who">{len(names)} teams</div>'
            return f'<div class="who">{escape(", ".join(names))}</div>'

        rows.append(
            f"<tr><td>{escape(i.label)}</td><td class='num'>{v(s.start)}</td>"
            f"<td class='num'>{v(s.low)}{teams(s.low_teams)}</td>"
            f"<td class='num'><strong>{v(s.median)}</strong></td>"
            f"<td class='num'>{v(s.high)}{teams(s.high_teams)}</td></tr>"
        )
    charts = "".join(figure(c) for c in grp.spread_charts)
    left_out = (
        f" {grp.spread_left_out} unfinished game(s) are included where they stand."
        if grp.spread_left_out
        else ""
    )
    return (
        f'<section id="{pre}-spread" class="spread"><div class="keep">'
        "<h3>Spread of the final indicators</h3>"
        '<p class="lead">Where the teams ended, from the lowest to the highest (with the teams '
        "at each extreme). The charts show every team's path in grey and the class median in "
        f"teal.{left_out}</p>"
        '<table><thead><tr><th>Indicator</th><th class="num">Start</th><th class="num">Lowest</th>'
        '<th class="num">Median</th><th class="num">Highest</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
        f'<div class="grid">{charts}</div></section>'
    )


def _unusual(grp: ClassGroup, pre: str) -> str:
    if grp.unusual:
        items = "".join(
            f"<li><strong>{escape(name)}</strong><ul>"
            + "".join(f"<li>{escape(r)}</li>" for r in reasons)
            + "</ul></li>"
            for name, reasons in grp.unusual
        )
        body = f'<ul class="unusual">{items}</ul>'
    else:
        body = "<p>No team went where nobody else went.</p>"
    return (
        f'<section id="{pre}-unusual" class="unusual"><h3>Teams that took unusual paths</h3>'
        f'<p class="lead">At most {UNUSUAL_MAX_TEAMS} teams: those that twice or more chose '
        f"what no other team chose (where at least {UNUSUAL_MIN_TEAMS} teams decided), or "
        "reached an ending no other team reached. Good teams to ask first in the debrief.</p>"
        f"{body}</section>"
    )
