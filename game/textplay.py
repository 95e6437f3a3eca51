"""The terminal front end: a whole game in plain text, scriptable through stdin.

Plain lines only (no cursor movement), so it works in a pipe, in a log and with a
screen reader. When stdin is not a terminal, each input line answers the next
prompt; end of input ends the game cleanly.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from typing import TextIO

from game.engine.batch import rung_of
from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.game import Decision, Game, Rejected
from game.presentation import indicator_limits, period_changes, reason, rounded, turn_label
from game.record import GameRecord
from game.scenario.reference import (
    after,
    before,
    date_label,
    event_marking,
    find_term,
    term_lines,
)
from game.table import Table
from game.termtext import clean

WIDTH = 78
HELP = """\
At a decision prompt type:
  1-4   choose that option (you may add a reason: "2 protects farmers")
  f     forecast: play each option forward 1,000 times; hear the advisors
  d     show the dashboard again
  w     why did the indicators move last turn?
  g     the glossary: every term; g TERM explains one ("g LAC")
  t     the real timeline up to the start of the game
  h     this help
  q     quit the game
The facilitator's commands work at any prompt:
  :inject EVENT_ID   fire an event now (:inject alone lists the scenario's events)
  :end               end the game now"""


class EndOfInput(Exception):
    """Input ran out (EOF) or the player quit."""


class TurnChanged(Exception):
    """A facilitator's command changed the decisions due: ask again from the top."""


class TextUI:
    """Plays one game in the terminal for one or two human roles."""

    def __init__(
        self,
        scenario: CompiledScenario,
        seed: int,
        humans: tuple[str, ...] = ("india",),
        bot: str = "balanced",
        out: TextIO | None = None,
        read: Callable[[str], str] | None = None,
        save_path: str | None = None,
        save_meta: dict | None = None,
        notes: bool = False,
        require_notes: bool = False,
        game: Game | None = None,
        forecasts: bool = True,
        advisors: bool = True,
        lang: str = "en",
        record: GameRecord | None = None,
    ) -> None:
        m = save_meta or {}
        record = record or GameRecord(
            scenario=m.get("scenario", scenario.definition.id),
            scenario_id=scenario.definition.id,
            scenario_hash=m.get("content_hash", ""),
            seed=seed,
            turn=1,
            log=[],
            humans=list(humans),
            bot=m.get("bot", bot),
            settings=dict(m.get("settings", {})),
            players=dict(m.get("players", {})),
        )
        self.table = Table(game if game is not None else Game(scenario, seed, lang=lang), record)
        self.game = self.table.game
        self.resumed = game is not None
        self.allow_forecasts = forecasts
        self.allow_advisors = advisors
        self.save_path = save_path
        self.ask_notes = notes or require_notes or self.table.notes_required
        self.require_notes = require_notes or self.table.notes_required
        self.humans = tuple(self.table.humans)
        self.out = out or sys.stdout
        self.read = read or _reader()

    # -- output helpers -----------------------------------------------------------------

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

    def rule(self, title: str = "") -> None:
        """A heading line."""
        line = f"== {title} " if title else ""
        print(line + "=" * max(0, WIDTH - len(line)), file=self.out)

    # -- the game -----------------------------------------------------------------------

    def run(self) -> int:
        """Play until the end or until input runs out; returns an exit code."""
        g = self.game
        d = g.definition
        self.rule(g.text(d.title))
        self.say(g.text(d.summary))
        self.say()
        for role in self.humans:
            self.say(f"You play {d.roles[role].name}.")
            self.say(g.text(d.roles[role].briefing), indent=2)
            self.say()
        others = [d.roles[r].name for r in ROLES if r not in self.humans]
        if others:
            self.say(f"{', '.join(others)} is played by the computer.")
        self.say("Type h at any prompt for help, g for the glossary, t for the real timeline.")
        if self.resumed:
            self.say(f"Resuming the saved game at turn {g.turn} of {d.period.turns}.")
        try:
            while not g.is_over():
                self.play_turn()
        except EndOfInput as stop:
            if g.is_over():  # ended by the facilitator
                self.say()
                self.say(str(stop))
                self.show_end()
                return 0
            self.say()
            self.say(f"{stop} The game stopped at turn {g.turn} of {d.period.turns}.")
            return 0
        self.show_end()
        return 0

    def play_turn(self) -> None:
        """Show the turn, collect every human decision, resolve it, show what changed."""
        g, table = self.game, self.table
        turn = g.turn
        self.say()
        self.rule(f"Turn {turn}/{g.definition.period.turns} - {turn_label(g)}")
        self.show_news()
        if len(self.humans) == 1:
            self.show_dashboard()
        asked: list[str] = []
        while not g.is_over():
            try:
                waiting = table.waiting_for()
                if not waiting:
                    if not asked:
                        self.say()
                        self.say("No decisions are due for you this turn.")
                        self.wait()
                    break
                role = waiting[0]
                if len(self.humans) > 1 and role not in asked:
                    self.hand_over(role, first=not asked)
                    self.show_dashboard(role)
                if role not in asked:
                    asked.append(role)
                dec = table.undecided(role)[0]
                k, note = self.ask(dec)
                table.choose(role, dec.slot, k)
                table.set_note(role, dec.slot, note)
            except TurnChanged:
                continue
        if g.is_over():
            raise EndOfInput("The facilitator ended the game.")
        done = table.resolve()
        if isinstance(done, Rejected):
            self.say(f"Rejected: {reason(done)}")
            return
        self.show_choices(turn)
        self.show_changes(done.period)
        self.write_save()

    def facilitator(self, command: str) -> None:
        """`:inject EVENT_ID` or `:end`, typed at any prompt; raises TurnChanged or EndOfInput
        when the turn must be asked again or is over."""
        g = self.game
        name, _, arg = command[1:].strip().partition(" ")
        name, arg = name.lower(), arg.strip()
        if name == "end":
            if self.table.end():
                self.write_save()
                raise EndOfInput("The facilitator ended the game.")
            return
        if name == "inject":
            if not arg:
                self.say("Events of this scenario (:inject EVENT_ID fires one now):")
                for ev in g.definition.events:
                    self.say(f"{ev.id}: {g.text(ev.title)}", indent=2)
                return
            result = self.table.inject(arg)
            if isinstance(result, Rejected):
                self.say(f"Not injected: {reason(result)}")
                return
            ev = g.event_def(arg)
            self.say(f"The facilitator injected: {g.event_headline(arg)}")
            if ev.role != "none" and arg not in [d.event for d in g.pending(ev.role)]:
                self.say("(no free decision slot now: it is due next turn)")
            self.write_save()
            raise TurnChanged
        self.say("Facilitator commands: :inject EVENT_ID, :end")

    def hand_over(self, role: str, first: bool) -> None:
        """Hot-seat: hand the keyboard to `role`, hiding what the other side chose."""
        name = self.game.definition.roles[role].name
        if not first and sys.stdin.isatty():
            print("\n" * 40, file=self.out)  # push the other side's choices off screen
        self.say()
        self.say(f"--- Hand the keyboard to {name}. The other side looks away. ---")
        answer = self.read(f"{name}, press Enter when ready > ").strip().lower()
        if answer == "q":
            raise EndOfInput("You quit.")

    def write_save(self) -> None:
        """Write the save file (after a turn, an injection or the end), if one was asked
        for; a failure is only a warning."""
        if not self.save_path:
            return
        from game.saves import record_dict, write_save

        try:
            write_save(self.save_path, record_dict(self.table.record(), self.game))
        except OSError as err:
            self.say(
                f"(could not write the save to {self.save_path}: {err.strerror or err}; "
                "the game goes on)"
            )

    def wait(self) -> None:
        """Ask the player to press Enter (any line) to go on."""
        answer = self.read("Press Enter to end the turn (q quits) > ").strip()
        if answer.lower() == "q":
            raise EndOfInput("You quit.")
        if answer.startswith(":"):
            self.facilitator(answer)
            raise TurnChanged
        if answer.lower() in ("h", "help", "?"):
            self.say(HELP)
            raise TurnChanged

    def ask(self, dec: Decision) -> tuple[int, str]:
        """Show a decision and read a legal option number, with an optional reason after it."""
        g = self.game
        self.say()
        decider = g.definition.roles[dec.role].name
        source = f" [{dec.actor}]" if dec.actor and dec.actor != decider else ""
        mark = event_marking(g.definition, dec.event)
        self.say(f"DECISION for {decider}{source}: {dec.title} ({mark})")
        if dec.text:
            self.say(dec.text, indent=2)
        for k, opt in enumerate(dec.options, 1):
            tag = "" if opt.legal else "  (not available now)"
            self.say(f"  {k}. {opt.label}{tag}")
            if opt.text:
                self.say(opt.text, indent=6)
        hint = " (a reason may follow the number)" if self.ask_notes else ""
        while True:
            raw = self.read(f"Choose 1-{len(dec.options)}{hint} > ").strip()
            if raw.startswith(":"):
                self.facilitator(raw)
                continue
            answer, _, note = raw.partition(" ")
            answer = answer.lower().rstrip(".")
            note = note.strip()
            if answer in ("q", "quit", "exit"):
                raise EndOfInput("You quit.")
            if answer in ("h", "help", "?"):
                self.say(HELP)
                continue
            if answer == "d":
                self.show_dashboard(dec.role)
                continue
            if answer in ("f", "a"):
                if self.allow_forecasts:
                    self.show_forecast(dec)
                else:
                    self.say("Forecasts are switched off for this class.")
                continue
            if answer == "w":
                self.show_changes(g.periods())
                continue
            if answer in ("g", "glossary"):
                self.show_glossary(note)
                continue
            if answer in ("t", "timeline"):
                self.show_timeline()
                continue
            if answer.isdigit() and 1 <= int(answer) <= len(dec.options):
                k = int(answer) - 1
                if dec.options[k].legal:
                    if self.ask_notes and not note:
                        note = self.read_note()
                    return k, _cut(note, 300)
                self.say(f"Option {answer} is not available now.")
                continue
            self.say(f"Please type a number from 1 to {len(dec.options)} (h for help).")

    def read_note(self) -> str:
        """The player's reason; when the class requires one, ask until there is one."""
        if not self.require_notes:
            return self.read("Why? One line for the debrief (Enter to skip) > ").strip()
        while True:
            note = self.read("Why? One line for the debrief (required) > ").strip()
            if note:
                return note
            self.say("This class asks for a reason with every decision: one line, your own words.")

    def show_forecast(self, dec: Decision) -> None:
        """The assessment of a decision: each option's futures, then the advisors."""
        g = self.game
        d = g.definition
        fc = g.forecast(dec.role, dec.slot)
        self.say()
        quality = "sharp" if fc.quality > 0.75 else "fair" if fc.quality > 0.4 else "poor"
        self.say(f"ASSESSMENT ({fc.rollouts:,} futures per option; intelligence is {quality})")
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

    def show_news(self) -> None:
        """The events of this turn."""
        g = self.game
        rec = g.turns[-1]
        news = [e for e in rec.news if g.event_def(e).role == "none"]
        if not news:
            return
        self.say("NEWS")
        for e in news:
            ev = g.event_def(e)
            src = f"[{g.actor_name(ev.actor)}] " if ev.actor else ""
            mark = event_marking(g.definition, e)
            self.say(f"- {src}{g.event_headline(e)} ({mark})", indent=2)

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
        for lid, lad in d.ladders.items():
            k = g.scenario.scope.ladders[lid][0]
            x = g.state.values[0, k]
            rung = rung_of([r_.at for r_ in lad.rungs], x)
            steps = " > ".join(
                (f"[{r_.label}]" if i == rung else r_.label) for i, r_ in enumerate(lad.rungs)
            )
            self.say(f"  {lad.label}: {steps}")

    def show_choices(self, turn: int) -> None:
        """What each role chose this turn (the bots' choices included)."""
        g = self.game
        made = [c for c in g.log if c.turn == turn]
        if not made:
            return
        self.say()
        self.say("CHOICES")
        for c in made:
            ev = g.event_def(c.event)
            opt = next(o for o in ev.options if o.id == c.option)
            self.say(
                f"- {g.definition.roles[c.role].name}: {g.text(ev.title)} -> {g.text(opt.label)}",
                indent=2,
            )

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

    def show_end(self) -> None:
        """The ending, its epilogue and the scores."""
        g = self.game
        d = g.definition
        end = g.ending()
        self.say()
        self.rule("The end")
        if end is not None:
            self.say(g.text(end.title).upper())
            self.say(g.text(end.epilogue), indent=2)
        self.say()
        self.show_dashboard()
        self.show_what_happened()
        met = g.objectives_met()
        scores = g.scores()
        for role in ROLES:
            self.say()
            self.say(f"{d.roles[role].name}: score {scores[role]:.0f}/100")
            for o in list(getattr(d.objectives, role)) + list(d.objectives.shared):
                owner = role if o in getattr(d.objectives, role) else "shared"
                mark = "[x]" if met[f"{owner}.{o.id}"] else "[ ]"
                tag = " (primary)" if o.primary else (" (shared)" if owner == "shared" else "")
                self.say(f"  {mark} {g.text(o.label)}{tag}")
        if d.questions:
            self.say()
            self.say("QUESTIONS FOR THE DEBRIEF")
            for k, q in enumerate(d.questions, 1):
                self.say(f"{k}. {g.text(q)}", indent=2)


def _cut(text: str, limit: int) -> str:
    """Text of at most `limit` characters, cut at a word boundary, never mid-word."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = head.rfind(" ")
    return head[:space].rstrip() if space > limit // 2 else head


def _fit(text: str, width: int) -> str:
    """Text cut to `width` characters with an ellipsis, so columns stay aligned."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _reader() -> Callable[[str], str]:
    """Read a line for a prompt; on a pipe, echo the answer so transcripts read well."""
    interactive = sys.stdin.isatty()

    def read(prompt: str) -> str:
        if interactive:
            try:
                return input(clean(prompt))  # input() may write the prompt itself
            except EOFError:
                raise EndOfInput("End of input.") from None
            except KeyboardInterrupt:
                raise EndOfInput("Interrupted.") from None
        sys.stdout.write(prompt)
        line = sys.stdin.readline()
        if not line:
            sys.stdout.write("\n")
            raise EndOfInput("End of input.")
        sys.stdout.write(line if line.endswith("\n") else line + "\n")
        return line.rstrip("\n")

    return read
