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

from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.game import Decision, Game, Rejected
from game.engine.ledger import Cause
from game.graph import Model
from game.presentation import (
    CommitmentNote,
    capital_status,
    capital_text,
    commitment_notes,
    cost_tag,
    describe,
    fmt_value,
    objective_marks,
    objective_status,
    reason,
    regen_text,
    score_text,
    turn_label,
)
from game.record import GameRecord
from game.scenario.reference import (
    event_marking,
)
from game.table import Table
from game.termtext import clean
from game.textviews import WIDTH, TextViews, _fit

HELP = """\
At a decision prompt type:
  1-4   choose that option (you may add a reason: "2 protects farmers")
  o     your objectives: each threshold, today's value, the distance, met or not
  d     the dashboard: every indicator, its last change, the way you want it
  n     this turn's news in full
  w     why did the indicators move? every cause of the last turn's changes
  f     forecast: each option played forward 1,000 times, and the advisors
        (a few a turn: more with better intelligence)
  m     how this world works: what moves each indicator, what it moves
        (m TERM for one indicator in full: "m tariff")
  g     the glossary: every term; g TERM explains one ("g LAC")
  t     the real timeline up to the start of the game
  h     this help
  q     quit the game
A turn with nothing for you to decide is reported in a line or two and the
game moves on; its news waits for your next decision.
The facilitator's commands work at any prompt:
  :inject EVENT_ID   fire an event now (:inject alone lists the scenario's events)
  :end               end the game now"""

# at most this many indicators in a turn's short "what changed" (w shows them all)
CHANGED_LINES = 5
# at most this many of a turn's news items in full; the others by their headline
NEWS_IN_FULL = 2


def pledge_line(note: CommitmentNote) -> str:
    """An option's note on a pledge, under the option: whole if it fits one line; a pledge
    made names what breaking it would cost only when that fits too (the price of breaking
    one is said in full when an option would break it)."""
    whole = f"      [{note.text}]"
    if len(whole) <= WIDTH or note.kind == "breaks":
        return textwrap.fill(whole, WIDTH, subsequent_indent=" " * 7)
    short = note.text.split("; ")[0]
    return textwrap.fill(f"      [{short}]", WIDTH, subsequent_indent=" " * 7)


class EndOfInput(Exception):
    """Input ran out (EOF) or the player quit."""


class TurnChanged(Exception):
    """A facilitator's command changed the decisions due: ask again from the top."""


class TextUI(TextViews):
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
        self.quiet: list[int] = []  # turns with nothing to decide, not yet reported
        self.unread: list[int] = []  # turns whose news the players have not seen yet
        self.model: Model | None = None  # the scenario's structure, built for `m`

    # -- output helpers -----------------------------------------------------------------

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
        """One turn: a turn with nothing to decide resolves at once (reported with the
        quiet turns around it in a line or two); otherwise the news, each player's aims
        and decisions, then the choices made and what they changed."""
        g, table = self.game, self.table
        turn = g.turn
        if not table.waiting_for():
            self.pass_quiet_turn()
            return
        self.say()
        self.rule(f"Turn {turn}/{g.definition.period.turns} - {turn_label(g)}")
        self.show_news(self.unread + [turn])
        self.unread = []
        if len(self.humans) == 1:
            self.show_aims(self.humans[0])
        asked: list[str] = []
        while not g.is_over():
            try:
                waiting = table.waiting_for()
                if not waiting:
                    break
                role = waiting[0]
                if len(self.humans) > 1 and role not in asked:
                    self.hand_over(role, first=not asked)
                    self.show_aims(role)
                if role not in asked:
                    asked.append(role)
                dec = table.undecided(role)[0]
                k, note = self.ask(dec)
                staged = table.choose(role, dec.slot, k)
                if not staged:  # e.g. this turn's answers together cost too much
                    self.say(f"Not possible: {reason(staged)}.")
                    continue
                table.set_note(role, dec.slot, note)
            except TurnChanged:
                continue
        if g.is_over():
            raise EndOfInput("The facilitator ended the game.")
        done = table.resolve()
        if isinstance(done, Rejected):
            self.say(f"Rejected: {reason(done)}")
            return
        self.show_choices(turn, mine=False)
        self.show_changes_short(done.period)
        self.write_save()

    def pass_quiet_turn(self) -> None:
        """Resolve a turn in which no player has anything to decide; report the run of
        such turns once it ends (a decision is due, or the game is over)."""
        g, table = self.game, self.table
        turn = g.turn
        done = table.resolve()
        if isinstance(done, Rejected):
            self.say(f"Rejected: {reason(done)}")
            raise EndOfInput("The game cannot go on.")
        self.quiet.append(turn)
        self.unread.append(turn)
        self.write_save()
        if g.is_over() or table.waiting_for():
            self.report_quiet()

    def report_quiet(self) -> None:
        """A run of turns with nothing to decide, in two lines: which turns, and what the
        other side chose in them (or, if nobody chose, what moved most)."""
        g, d = self.game, self.game.definition
        first, last = self.quiet[0], self.quiet[-1]
        if first == last:
            span = f"Turn {first}/{d.period.turns} - {turn_label(g, first)}"
        else:
            span = (
                f"Turns {first}-{last}/{d.period.turns} - "
                f"{turn_label(g, first)} to {turn_label(g, last)}"
            )
        self.say()
        self.rule(f"{span}: nothing for you to decide")
        made = [c for c in g.log if c.turn in self.quiet]
        if made:
            by_role: dict[str, list[str]] = {}
            for c in made:
                ev = g.event_def(c.event)
                opt = next(o for o in ev.options if o.id == c.option)
                by_role.setdefault(c.role, []).append(g.text(opt.label))
            line = "; ".join(
                f"{d.roles[r].name}: {', '.join(labels)}" for r, labels in by_role.items()
            )
        else:
            moved = self._moves(list(range(first, last + 1)))
            line = "Moved: " + (", ".join(moved) if moved else "nothing")
        self.say("  " + _fit(line, WIDTH - 2))
        if g.is_over() and self.unread:
            self.show_news(self.unread)
            self.unread = []
        self.quiet = []

    def _moves(self, periods: list[int]) -> list[str]:
        """The visible indicators that moved over `periods`, largest change first
        (relative to the indicator's range), as `label +1.2`."""
        g, d = self.game, self.game.definition
        total: dict[str, float] = {}
        for p in periods:
            for name, ch in g.changes(p).items():
                total[name] = total.get(name, 0.0) + ch.total
        shown = []
        for name, v in total.items():
            ind = d.indicators[name]
            if ind.hidden or round(v, ind.decimals) == 0:
                continue
            span = (ind.max - ind.min) or 1.0
            shown.append((abs(v) / span, f"{ind.label} {fmt_value(v, ind.decimals, signed=True)}"))
        return [text for _k, text in sorted(shown, key=lambda x: -x[0])]

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
        cs = capital_status(g, dec.role, self.table.staged_for(dec.role, dec.slot), dec.slot)
        if cs is not None:
            regen = regen_text(cs)
            line = capital_text(cs) + (f" ({regen})" if regen else "")
            if len(line) > WIDTH - 2:  # one line: the refill's source is on the dashboard
                line = capital_text(cs) + (f" ({regen.split(' from ')[0]})" if regen else "")
            self.say(line, indent=2)
        for k, opt in enumerate(dec.options, 1):
            dear = cs is not None and not cs.affords(opt.cost)
            tag = "" if opt.legal or dear else "  (not available now)"
            if opt.cost and cs is not None:
                tag = f"  [{cost_tag(opt.cost, cs)}]" + tag
            notes = commitment_notes(g, dec.role, dec.event, opt.id)
            line = f"  {k}. {opt.label}{tag}"
            said = " / ".join(n.text for n in notes)
            if said and len(line) + len(said) + 4 <= WIDTH:  # on the option's line if whole
                line = f"{line}  [{said}]"
                notes = []
            self.say(textwrap.fill(line, WIDTH, subsequent_indent=" " * 6))
            if opt.text:
                self.say(opt.text, indent=6)
            for n in notes:  # a pledge made or broken is never cut: a line of its own
                self.say(pledge_line(n))
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
            if answer in ("o", "objectives"):
                self.show_objectives(dec.role)
                continue
            if answer in ("n", "news"):
                self.show_news([g.turn], full=99)
                continue
            if answer in ("m", "model"):
                self.show_model(note)
                continue
            if answer in ("f", "a"):
                if self.allow_forecasts:
                    self.show_forecast(dec)
                else:
                    self.say("Forecasts are switched off for this class.")
                continue
            if answer == "w":
                for period in self.why_periods():
                    self.show_changes(period)
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
                short = g.over_budget(dec.role, {dec.slot: k})
                if short is not None:
                    self.say(f"Not possible: {reason(short)}.")
                else:
                    self.say(f"Option {answer} is not available now.")
                continue
            self.say(f"Please type a number from 1 to {len(dec.options)} (h for help).")

    def why_periods(self) -> list[int]:
        """The accounting periods `w` explains: the last decision turn's and the quiet
        turns since."""
        g = self.game
        last = g.periods()
        quiet = set(range(1, last + 1)) - {c.turn for c in g.log if c.role in self.humans}
        out = [last]
        while out[0] > 1 and out[0] in quiet:
            out.insert(0, out[0] - 1)
        return out

    def read_note(self) -> str:
        """The player's reason; when the class requires one, ask until there is one."""
        if not self.require_notes:
            return self.read("Why? One line for the debrief (Enter to skip) > ").strip()
        while True:
            note = self.read("Why? One line for the debrief (required) > ").strip()
            if note:
                return note
            self.say("This class asks for a reason with every decision: one line, your own words.")

    def show_news(self, turns: list[int], full: int = NEWS_IN_FULL) -> None:
        """The news of `turns` (this turn, and quiet turns before it that were not shown);
        an item is announced once a game (see `Game.news`)."""
        g = self.game
        items = [(t, e) for t in turns for e in g.news(t)]
        if not items:
            return
        self.say("NEWS" if len(turns) == 1 else f"NEWS (since {turn_label(g, turns[0])})")
        for t, e in items:
            ev = g.event_def(e)
            src = f"[{g.actor_name(ev.actor)}] " if ev.actor else ""
            mark = event_marking(g.definition, e)
            if t == turns[-1] and full > 0:
                self._item(f"{src}{g.event_headline(e, t)} ({mark})")
                full -= 1
            else:  # news of a quiet turn, or more news: its headline, in one line
                title, _text = g.event_words(e, t)
                when = f"{turn_label(g, t)}: " if t != turns[-1] else ""
                self.say("  " + _fit(f"- {when}{src}{title} ({mark})", WIDTH - 2))

    def _item(self, text: str, indent: int = 2) -> None:
        """A list item: a dash, then the text wrapped under itself."""
        pad = " " * indent
        print(
            textwrap.fill(text, WIDTH, initial_indent=pad + "- ", subsequent_indent=pad + "  "),
            file=self.out,
        )

    def show_aims(self, role: str) -> None:
        """The role's objectives in one line each (met or not, value against threshold),
        and the escalation ladders: the short view every turn starts with."""
        g = self.game
        d = g.definition
        who = f" ({d.roles[role].name})" if len(self.humans) > 1 else ""
        self.say(f"YOUR AIMS{who}  (o: details, d: dashboard, m: how this world works)")
        for st in objective_status(g, role):
            mark = "[x]" if st.met else "[~]" if st.credit > 0 else "[ ]"
            shown = [b for b in st.bounds if not b.hidden]
            if len(shown) > 1:  # `o` names them
                now = f"{sum(b.met for b in shown)} of {len(shown)} met"
            else:
                now = "; ".join(f"{b.value_text}, {b.distance_text}" for b in shown)
            tag = " (shared)" if st.owner == "shared" else ""
            line = f"{mark} {st.label}{tag}" + (f": {now}" if now else "")
            self.say("  " + _fit(line, WIDTH - 2))
        self.show_ladders()

    def show_choices(self, turn: int, mine: bool = True) -> None:
        """What each side chose this turn (the computer's choices included); with
        `mine=False` a single player's own choices are left out (they just made them)."""
        g = self.game
        made = [c for c in g.log if c.turn == turn]
        if not mine and len(self.humans) == 1:
            made = [c for c in made if c.role not in self.humans]
        if not made:
            return
        self.say()
        self.say("CHOICES" if mine or len(self.humans) > 1 else "THE OTHER SIDE CHOSE")
        for c in made:
            ev = g.event_def(c.event)
            opt = next(o for o in ev.options if o.id == c.option)
            self._item(
                f"{g.definition.roles[c.role].name}: {g.text(ev.title)} -> {g.text(opt.label)}"
            )

    def show_changes_short(self, period: int) -> None:
        """What changed in a period, one line per indicator with its largest cause (the
        causes add up to the change; `w` lists them all)."""
        g = self.game
        d = g.definition
        rows = []
        for name, ch in g.changes(period).items():
            ind = d.indicators[name]
            if ind.hidden or round(ch.total, ind.decimals + 1) == 0:
                continue
            causes: dict[str, float] = {}
            for cause, v in ch.causes:
                key = self._short_cause(cause)
                causes[key] = causes.get(key, 0.0) + v
            ranked = sorted(causes, key=lambda k: -abs(causes[k]))
            top = ranked[0] if ranked else ""
            rows.append(
                (
                    list(d.indicators).index(name),
                    abs(ch.total) / ((ind.max - ind.min) or 1.0),
                    f"{ind.label} {fmt_value(ch.total, ind.decimals + 1, ind.unit, signed=True)}",
                    top,
                )
            )
        self.say()
        self.say(f"WHAT CHANGED IN TURN {period} (w: every cause)")
        if not rows:
            self.say("  Nothing moved.")
            return
        shown = sorted(sorted(rows, key=lambda r: -r[1])[:CHANGED_LINES])
        left = max(len(r[2]) for r in shown)
        for _i, _k, head, cause in shown:
            self.say("  " + _fit(f"{head:<{left}}  {cause}", WIDTH - 2))
        rest = len(rows) - len(shown)
        if rest:
            self.say(f"  ({rest} smaller change{'s' if rest > 1 else ''}: w)")

    def _short_cause(self, cause: Cause) -> str:
        """A cause in a few words: `trend`, `India: Calibrated counter-tariffs`, a news
        title, `later: …` for a delayed effect, a ladder rung."""
        g = self.game
        d = g.definition
        if cause.kind in ("option", "delayed") and cause.role in d.roles:
            ev = g.event_def(cause.event)
            opt = next((o for o in ev.options if o.id == cause.option), None)
            label = g.text(opt.label) if opt else cause.option
            later = "later: " if cause.kind == "delayed" else ""
            return f"{later}{d.roles[cause.role].name}: {label}"
        if cause.kind == "drift":
            return "trend"
        if cause.kind == "delayed":
            return "later: " + g.text(g.event_def(cause.event).title)
        return describe(g, cause)

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
        for role in ROLES:
            self.say()
            self.say(f"{d.roles[role].name}: {score_text(g, role)}")
            for mark, label, credit, primary, owner in objective_marks(g, role):
                tag = " (primary)" if primary else (" (shared)" if owner == "shared" else "")
                near = f" (near: {credit:.0%} credit)" if mark == "[~]" else ""
                self.say(f"  {mark} {label}{tag}{near}")
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
