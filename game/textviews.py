"""The terminal's views on request: the dashboard (`d`), every cause of a change (`w`),
the objectives (`o`), how this world works (`m`), the forecast (`f`), the glossary (`g`)
and the timeline (`t`). Mixed into `TextUI` (game/textplay.py), which plays the turns.
"""

from __future__ import annotations

import textwrap
from typing import TextIO

from game.engine.batch import rung_of
from game.engine.definitions import ROLES
from game.engine.game import Decision, Game, Rejected
from game.graph import Model
from game.presentation import (
    assessments_text,
    commitment_line,
    indicator_limits,
    objective_status,
    period_changes,
    reason,
    rounded,
)
from game.scenario.reference import after, before, date_label, find_term, term_lines
from game.table import Table

WIDTH = 78


def ladder_line(label: str, names: list[str], rung: int, width: int) -> str:
    """A ladder on one line when it can be: the rungs furthest from the current one (never
    the first, the last or the current one) give way to "…" until it fits."""
    kept = list(range(len(names)))
    spare = sorted(
        (i for i in kept if 0 < i < len(names) - 1 and i != rung), key=lambda i: -abs(i - rung)
    )

    def line() -> str:
        steps, last = [], -1
        for i in kept:
            if i > last + 1:
                steps.append("\u2026")
            steps.append(names[i])
            last = i
        return f"  {label}: {' > '.join(steps)}"

    while len(line()) > width and spare:
        kept.remove(spare.pop(0))
    return line()


class TextViews:
    """The views a player asks for at a prompt; needs `game`, `humans`, `out`, `say`."""

    game: Game
    table: Table
    humans: tuple[str, ...]
    out: TextIO
    model: Model | None
    allow_advisors: bool

    def say(self, text: str = "", indent: int = 0) -> None:
        """Print wrapped text."""
        if not text:
            print(file=self.out)
            return
        pad = " " * indent
        for para in text.split("\n"):
            print(
                textwrap.fill(para, WIDTH, initial_indent=pad, subsequent_indent=pad) or "",
                file=self.out,
            )

    def show_forecast(self, dec: Decision) -> None:
        """The assessment of a decision: each option's futures, then the advisors."""
        g = self.game
        d = g.definition
        fc = self.table.assess(dec.role, dec.slot)  # a few a turn: the table counts them
        if isinstance(fc, Rejected):
            self.say(f"No assessment: {reason(fc)}.")
            return
        left = self.table.assessments_left(dec.role), self.table.assessments_per_turn()
        self.say()
        quality = "sharp" if fc.quality > 0.75 else "fair" if fc.quality > 0.4 else "poor"
        self.say(f"ASSESSMENT ({fc.rollouts:,} futures per option; intelligence is {quality})")
        self.say(f"{assessments_text(*left)} (the same question again is free)", indent=2)
        objs = {o.id: o for o in list(getattr(d.objectives, dec.role)) + list(d.objectives.shared)}
        focus = self._focus_indicators(dec.role)
        for opt, of in zip(dec.options, fc.options):
            if not of.legal:
                continue
            self.say(f"  {opt.index + 1}. {opt.label}")
            chances = ", ".join(
                f"{g.text(objs[k].label)} {p:.0%}" for k, p in of.objectives.items() if k in objs
            )
            self.say(f"objectives met: {chances}", indent=6)
            for name in focus:
                ind = d.indicators[name]
                lo, mid, hi = of.final[name]
                dec_ = ind.decimals
                self.say(
                    f"{ind.label} at the end: {mid:.{dec_}f}{' ' + ind.unit if ind.unit else ''} "
                    f"(likely {lo:.{dec_}f}-{hi:.{dec_}f})",
                    indent=6,
                )
        advice = g.advice(fc) if self.allow_advisors else []
        if advice:
            self.say("ADVISORS")
            for a in advice:
                self.say(
                    f"- {a.label} recommends {a.option + 1} ({dec.options[a.option].label}): "
                    f"{a.reason}",
                    indent=2,
                )

    def show_glossary(self, query: str) -> None:
        """One term explained, or the list of every term when `query` is empty."""
        glossary = self.game.definition.glossary
        if not glossary:
            self.say("This scenario has no glossary.")
            return
        if not query:
            self.say(
                "GLOSSARY (type g and a term for its meaning, e.g. g " + glossary[-1].term + ")"
            )
            self.say(", ".join(t.term for t in glossary), indent=2)
            return
        term, close = find_term(glossary, query)
        if term is None:
            hint = f" Did you mean: {', '.join(close)}?" if close else " Type g for the list."
            self.say(f"No glossary entry for {query!r}.{hint}")
            return
        head, *rest = term_lines(term)
        self.say(head.upper())
        for line in rest:
            self.say(line, indent=2)

    def show_timeline(self) -> None:
        """The real events before the game starts, each with its source."""
        d = self.game.definition
        entries = before(d.timeline, d.period.start)
        if not entries:
            self.say("This scenario has no timeline.")
            return
        self.say("WHAT REALLY HAPPENED BEFORE THE GAME BEGINS")
        for e in entries:
            self.say(f"{date_label(e.date)}: {e.title}. {e.text}".rstrip(), indent=2)
            self.say(f"Source: {e.source.publication}, {e.source.date}", indent=6)

    def show_what_happened(self) -> None:
        """The real events from the game's start on, to set beside the path just played."""
        d = self.game.definition
        entries = after(d.timeline, d.period.start)
        if not entries:
            return
        self.say()
        self.say("WHAT REALLY HAPPENED (from the game's start)")
        for e in entries:
            self.say(f"{date_label(e.date)}: {e.title}. {e.text}".rstrip(), indent=2)
            self.say(f"Source: {e.source.publication}, {e.source.date}", indent=6)

    def _focus_indicators(self, role: str) -> list[str]:
        """The visible indicators the role's objectives name, in dashboard order."""
        g = self.game
        sc = g.scenario
        named = {n for o in sc.objectives_of(role) for n in o.when.names}
        return [n for n, ind in g.definition.indicators.items() if n in named and not ind.hidden]

    def show_ladders(self) -> None:
        """Each escalation ladder with the rung it stands on in brackets."""
        g = self.game
        for lid, lad in g.definition.ladders.items():
            k = g.scenario.scope.ladders[lid][0]
            x = g.state.values[0, k]
            rung = rung_of([r_.at for r_ in lad.rungs], x)
            names = [(f"[{r_.label}]" if i == rung else r_.label) for i, r_ in enumerate(lad.rungs)]
            text = ladder_line(lad.label, names, rung, WIDTH)
            print(textwrap.fill(text, WIDTH, subsequent_indent="    "), file=self.out)

    def show_objectives(self, role: str) -> None:
        """Every objective of the role: its thresholds, today's value, the distance to
        each, whether it is met, and its weight in the score."""
        g = self.game
        d = g.definition
        self.say()
        self.say(f"OBJECTIVES of {d.roles[role].name} (the score counts them at the end)")
        for st in objective_status(g, role):
            kind = "primary" if st.primary else "shared" if st.owner == "shared" else "aim"
            self.say(f"{st.label} ({kind}, {st.share:.0%} of the score): {st.credit_text}", 2)
            if st.description:
                self.say(st.description, indent=6)
            for b in st.bounds:
                trend = f"; {b.trend_text}" if b.trend_text else ""
                what = b.label + (" (not on the dashboard)" if b.hidden else "")
                self.say(
                    f"{what}: {b.threshold_text}; now {b.value_text}, {b.distance_text}{trend}",
                    indent=6,
                )
            if not st.bounds:
                self.say(f"condition: {st.condition}", indent=6)

    def show_model(self, query: str) -> None:
        """How this world works: for each indicator on the dashboard, what moves it and
        what it moves (built on game.graph); `m TERM` shows one indicator in full."""
        from game import graph

        g = self.game
        if self.model is None:
            self.model = graph.build(g.scenario)
        visible = [n for n, ind in g.definition.indicators.items() if not ind.hidden]
        if query:
            q = query.lower()
            found = [
                n
                for n in visible
                if q == n.lower() or q in g.definition.indicators[n].label.lower()
            ]
            if not found:
                self.say(f"No indicator matches {query!r}. Type m for the list.")
                return
            self.say()
            for line in graph.to_text(self.model, only=found[:1]).splitlines()[2:]:
                body = line.lstrip()
                pad = " " * (len(line) - len(body))
                print(
                    textwrap.fill(body, WIDTH, initial_indent=pad, subsequent_indent=pad + "    ")
                    or "",
                    file=self.out,
                )
            return
        self.say()
        self.say("HOW THIS WORLD WORKS (m TERM shows one indicator in full, e.g. m trade)")
        for s in graph.summaries(self.model, visible):
            self.say(s.label)
            if s.moved_by:
                self.say("moved by: " + s.moved_by, indent=4)
            if s.moves:
                self.say("moves: " + s.moves, indent=4)

    def show_dashboard(self, role: str | None = None) -> None:
        """Every visible indicator with its value, last change and the direction `role` wants."""
        g = self.game
        d = g.definition
        role = role or self.humans[0]
        r = ROLES.index(role)
        self.say(f"DASHBOARD for {d.roles[role].name}" if len(self.humans) > 1 else "DASHBOARD")
        # the change of the last accounting period (last decision point to this one), the
        # same period as "what changed, and why"
        last = g.history[-1]
        prev = g.history[-2] if len(g.history) > 1 else last
        width = min(36, max(len(i.label) for i in d.indicators.values()))
        limits = indicator_limits(g.scenario)  # values never round across a threshold
        for k, (_name, ind) in enumerate(d.indicators.items()):
            if ind.hidden:
                continue
            value = g.state.values[0, k]
            delta = last[k] - prev[k]
            want = g.scenario.direction[r, k]
            aim = {1.0: "want up", -1.0: "want down"}.get(float(want), "")
            shown = round(delta, ind.decimals)
            change = f"{delta:+.{ind.decimals}f}" if shown != 0 else ""
            value, dec_v = rounded(float(value), ind.decimals, limits.get(_name, ()))
            self.say(
                f"  {_fit(ind.label, width):<{width}} {value:>9.{dec_v}f} {ind.unit:<6} "
                f"{change:>8}  {aim}"
            )
        self.show_ladders()
        for cm in g.commitments(role):
            self.say(f"  Commitment: {commitment_line(g, cm)}")

    def show_changes(self, period: int) -> None:
        """What changed in an accounting period (a turn's choices, then the start of the
        next turn), and why, largest causes first; the causes add up to the change."""
        g = self.game
        if period < 1:
            self.say("Nothing has happened yet.")
            return
        changes = period_changes(g, period)
        d = g.definition
        self.say()
        self.say(f"WHAT CHANGED IN TURN {period}, AND WHY")
        shown = False
        for name, ind in d.indicators.items():
            if ind.hidden or name not in changes:
                continue
            total, causes = changes[name]
            if abs(total) < 10 ** -(ind.decimals + 1) and all(abs(v) < 1e-9 for _c, v in causes):
                continue
            shown = True
            self.say(f"  {ind.label}: {total:+.{ind.decimals + 1}f} {ind.unit}")
            for label, v in causes[:5]:
                self.say(f"{v:+.{ind.decimals + 1}f}  {label}", indent=6)
            if len(causes) > 5:
                rest = sum(v for _c, v in causes[5:])
                self.say(
                    f"{rest:+.{ind.decimals + 1}f}  ({len(causes) - 5} smaller causes)", indent=6
                )
        if not shown:
            self.say("  Nothing moved.")


def _fit(text: str, width: int) -> str:
    """Text cut to `width` characters with an ellipsis, so columns stay aligned."""
    return text if len(text) <= width else text[: width - 1] + "…"
