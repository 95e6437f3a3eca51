"""The game at the table, for any front end: seats, decisions due, staged choices and
notes, hot-seat hand-over, the computer's answers, the facilitator's operations (pause,
inject, end) and the report of each turn.

A `Table` holds no screen and prints nothing: plain data in (role, slot, option index,
text), plain data out (`Decision`, `TurnSummary`, dicts from `view`). The terminal
(game/textplay.py), the window (game/ui/session.py) and a classroom server drive a game
through it, so staging, hand-over and resolving are written once. Illegal input returns
`Rejected(code)` (game.presentation.reason words it), never an exception.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from game.engine.bots import Policy, make_policy
from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.forecast import Forecast, assessments_per_turn
from game.engine.game import Accepted, Change, Choice, Decision, Game, Rejected, rejected
from game.presentation import period_changes, turn_label
from game.record import GameRecord, Rebuilt, rebuild

PAUSED = rejected("paused")


@dataclass(frozen=True)
class Seat:
    """Who plays a role: a person (with a name, maybe) or the computer (a bot persona)."""

    role: str
    human: bool
    bot: str = ""
    player: str = ""


@dataclass
class TurnSummary:
    """What closing an accounting period did: the turn resolved (or ended), both sides'
    choices, every indicator's change with its causes, and what comes next."""

    turn: int
    period: int  # the accounting period (Game.changes) this closed
    choices: list[Choice]
    changes: dict[str, Change]
    over: bool
    ending: str | None = None
    news_next: list[str] = field(default_factory=list)  # event ids of the next turn


class Table:
    """One game and the people and bots around it (see the module's doc)."""

    def __init__(self, game: Game, record: GameRecord) -> None:
        self.game = game
        self._record = record
        humans = [r for r in ROLES if r in record.humans]
        self.seats = {
            r: Seat(r, r in humans, "" if r in humans else record.bot, record.players.get(r, ""))
            for r in ROLES
        }
        self.bots: dict[str, Policy] = {}
        for r in ROLES:
            if r not in humans:
                try:
                    self.bots[r] = make_policy(game.scenario, record.bot)
                except (KeyError, ValueError):
                    self.bots[r] = make_policy(game.scenario, "balanced")
        self.choices: dict[str, dict[int, int]] = {r: {} for r in ROLES}
        self.notes: dict[str, dict[int, str]] = {r: {} for r in ROLES}
        self.bot_answers: dict[str, list[int]] = {}  # answers computed elsewhere
        self.paused = False
        self.flags = frozenset(str(f) for f in record.settings.get("flags", []) or [])
        # this turn's assessments per role: (slot, staged answers) -> the forecast (None
        # while a front end computes it elsewhere); each distinct one costs one
        self._assessed: dict[str, dict[tuple[Any, ...], Forecast | None]] = {r: {} for r in ROLES}
        self._assessed_turn = game.turn

    @classmethod
    def new(
        cls,
        scenario: CompiledScenario,
        *,
        ref: str,
        seed: int,
        content_hash: str = "",
        humans: list[str] | tuple[str, ...] = ("india",),
        bot: str = "balanced",
        settings: dict[str, Any] | None = None,
        players: dict[str, str] | None = None,
        lang: str = "en",
    ) -> Table:
        """A new game of a scenario at a new table."""
        game = Game(scenario, seed, lang=lang)
        record = GameRecord.of(
            game,
            scenario=ref,
            content_hash=content_hash,
            humans=humans,
            bot=bot,
            settings=settings,
            players=players,
        )
        return cls(game, record)

    @classmethod
    def from_record(
        cls, record: GameRecord, scenario: CompiledScenario, lang: str = "en"
    ) -> tuple[Table, Rebuilt]:
        """The table of a recorded game, rebuilt (see `Rebuilt.fits`)."""
        done = rebuild(record, scenario, lang=lang)
        return cls(done.game, record), done

    # -- who sits where ---------------------------------------------------------------------

    @property
    def humans(self) -> list[str]:
        """The roles played by people, in role order."""
        return [r for r in ROLES if self.seats[r].human]

    @property
    def notes_required(self) -> bool:
        """True when each decision needs a reason (a class code says so)."""
        return "notes_required" in self.flags

    def record(self) -> GameRecord:
        """The game's record now: the seats and every move so far."""
        return self._record.now(self.game)

    def set_player(self, role: str, name: str) -> None:
        """A player's name for a role (kept in the record)."""
        self._record.players[role] = name.strip()[:60]
        self.seats[role] = Seat(role, self.seats[role].human, self.seats[role].bot, name)

    # -- the turn ---------------------------------------------------------------------------

    def pending(self, role: str) -> list[Decision]:
        """The decisions due for a role this turn."""
        return self.game.pending(role)

    def choose(self, role: str, slot: int, option: int) -> Accepted | Rejected:
        """Stage an option (by index) for a decision; nothing happens until `resolve`."""
        if self.paused:
            return PAUSED
        dec = next((d for d in self.game.pending(role) if d.slot == slot), None)
        if dec is None:
            return rejected("no_decision", role=role, slot=slot)
        if not 0 <= option < len(dec.options):
            return rejected("option_range", options=len(dec.options), title=dec.title)
        staged = {s: k for s, k in self.choices[role].items() if s != slot}
        short = self.game.over_budget(role, {**staged, slot: option})
        if short is not None:  # too dear, alone or with the turn's other answers
            return short
        if not dec.options[option].legal:
            return rejected("unavailable", label=dec.options[option].label)
        self.choices[role][slot] = option
        return Accepted()

    def set_note(self, role: str, slot: int, text: str) -> None:
        """The one-line reason a player gives for a decision (for the debrief)."""
        self.notes[role][slot] = text.replace("\n", " ").strip()[:300]

    def decided(self, role: str) -> bool:
        """True when every decision due for the role has a choice (and a reason, if the
        class needs one)."""
        return all(
            d.slot in self.choices[role]
            and (not self.notes_required or self.notes[role].get(d.slot, "").strip())
            for d in self.game.pending(role)
        )

    def undecided(self, role: str) -> list[Decision]:
        """The decisions due for the role that have no choice yet."""
        return [d for d in self.game.pending(role) if d.slot not in self.choices[role]]

    def waiting_for(self) -> list[str]:
        """The people who still have to decide this turn."""
        if self.game.is_over():
            return []
        return [r for r in self.humans if not self.decided(r)]

    def next_human(self, after: str) -> str | None:
        """Hot seat: the next person (not `after`) who still has to decide, if any."""
        return next((r for r in self.waiting_for() if r != after), None)

    # -- assessments: a few a turn -----------------------------------------------------------

    def _assessments(self, role: str) -> dict[tuple[Any, ...], Forecast | None]:
        if self._assessed_turn != self.game.turn:
            self._assessed = {r: {} for r in ROLES}
            self._assessed_turn = self.game.turn
        return self._assessed[role]

    def assessments_per_turn(self) -> int:
        """How many assessments each role may ask for this turn (the scenario's
        `intelligence.assessments`; it grows with the quality of intelligence)."""
        g = self.game
        return assessments_per_turn(g.scenario, g.state)

    def assessments_left(self, role: str) -> int:
        """How many more assessments `role` may ask for this turn."""
        return max(self.assessments_per_turn() - len(self._assessments(role)), 0)

    def _assessment_key(
        self, role: str, slot: int, staged: Mapping[int, int] | None = None
    ) -> tuple[Any, ...]:
        staged = self.staged_for(role, slot) if staged is None else staged
        return (slot, tuple(sorted((s, k) for s, k in staged.items() if s != slot)))

    def staged_for(self, role: str, slot: int) -> dict[int, int]:
        """The role's choices staged for its other decisions this turn (an assessment of
        `slot` plays them)."""
        return {s: k for s, k in self.choices[role].items() if s != slot}

    def spend_assessment(
        self, role: str, slot: int, staged: Mapping[int, int] | None = None
    ) -> Accepted | Rejected:
        """Count an assessment of `slot` that a front end computes itself, playing `staged`
        (slot -> option of the role's other decisions; default: the choices staged now);
        asking again for the same one is free. Rejected `no_assessments` when none is left
        this turn."""
        if self.paused:
            return PAUSED
        if not any(d.slot == slot for d in self.game.pending(role)):
            return rejected("no_decision", role=role, slot=slot)
        done = self._assessments(role)
        key = self._assessment_key(role, slot, staged)
        if key in done:
            return Accepted()
        per_turn = self.assessments_per_turn()
        if len(done) >= per_turn:
            return rejected("no_assessments", per_turn=per_turn)
        done[key] = None
        return Accepted()

    def assess(self, role: str, slot: int, rollouts: int = 1000) -> Forecast | Rejected:
        """The assessment (forecast) of one of `role`'s decisions, playing the choices
        staged for its other decisions: one of the few the role may ask for this turn
        (the same one asked again is free). Rejected `no_assessments` when none is left."""
        spent = self.spend_assessment(role, slot)
        if not spent:
            return spent  # type: ignore[return-value]
        done = self._assessments(role)
        key = self._assessment_key(role, slot)
        fc = done.get(key)
        if fc is None or fc.rollouts != rollouts:
            fc = self.game.forecast(role, slot, rollouts, staged=self.staged_for(role, slot))
            done[key] = fc
        return fc

    def set_bot_answer(self, role: str, answers: list[int]) -> None:
        """The computer's answers for a role, computed elsewhere (a background helper)."""
        self.bot_answers[role] = list(answers)

    def _answers(self) -> tuple[dict[str, list[int]], dict[str, list[str]]] | Rejected:
        g = self.game
        actions: dict[str, list[int]] = {}
        notes: dict[str, list[str]] = {}
        for role in ROLES:
            due = g.pending(role)
            if not due:
                continue
            if self.seats[role].human:
                if not self.decided(role):
                    return rejected("undecided", role=role)
                actions[role] = [self.choices[role][d.slot] for d in due]
                notes[role] = [self.notes[role].get(d.slot, "") for d in due]
            elif len(self.bot_answers.get(role, ())) == len(due):
                actions[role] = self.bot_answers[role]
        return actions, notes

    def resolve(self) -> TurnSummary | Rejected:
        """End the turn: everybody's staged choices, the computer's answers."""
        steps = self.resolve_steps()
        while True:
            try:
                next(steps)
            except StopIteration as done:
                return done.value

    def resolve_steps(self) -> Generator[None, None, TurnSummary | Rejected]:
        """`resolve` in a few steps, yielding between them (a window spreads them over
        frames); the game must not be read until it returns."""
        g = self.game
        if self.paused:
            return PAUSED
        if g.is_over():
            return rejected("over")
        planned = self._answers()
        if isinstance(planned, Rejected):
            return planned
        actions, notes = planned
        todo = {r: p for r, p in self.bots.items() if g.pending(r) and r not in actions}
        if todo:
            actions.update(g.play_bots(todo))
            yield
        result = yield from g.apply_steps(actions, notes)
        if not result:
            return result  # type: ignore[return-value]
        self._clear()
        return self.summary(g.periods())

    def _clear(self) -> None:
        for r in ROLES:
            self.choices[r] = {}
            self.notes[r] = {}
        self.bot_answers = {}

    def summary(self, period: int) -> TurnSummary:
        """The report of an accounting period (see Game.changes). Period p closes when
        turn p is resolved, or when the game is ended in it."""
        g = self.game
        t = period
        last = g.periods() == period
        end = g.ending()
        return TurnSummary(
            turn=t,
            period=period,
            choices=[c for c in g.log if c.turn == t],
            changes=g.changes(period),
            over=g.is_over() and last,
            ending=end.id if end is not None and last else None,
            news_next=list(g.turns[-1].news) if last and not g.is_over() else [],
        )

    # -- the facilitator ----------------------------------------------------------------------

    def pause(self) -> None:
        """Stop every player's input until `resume`."""
        self.paused = True

    def resume(self) -> None:
        """Let the players go on."""
        self.paused = False

    def inject(self, event_id: str) -> Accepted | Rejected:
        """Fire an event now. Choices already staged stay for the decisions still due."""
        result = self.game.inject(event_id)
        if result:
            self._prune()
        return result

    def end(self) -> TurnSummary | Rejected:
        """End the game now; the ending follows the state. Returns the closing report."""
        if self.game.is_over():
            return rejected("over")
        self.game.end_now()
        self._clear()
        return self.summary(self.game.periods())

    def _prune(self) -> None:
        """Drop staged choices of decisions that are no longer due or no longer legal."""
        for role in ROLES:
            due = {d.slot: d for d in self.game.pending(role)}
            self.choices[role] = {
                s: k
                for s, k in self.choices[role].items()
                if s in due and k < len(due[s].options) and due[s].options[k].legal
            }
            self.notes[role] = {s: n for s, n in self.notes[role].items() if s in due}
        self.bot_answers = {}

    # -- plain data for a remote front end ------------------------------------------------------

    def view(self, role: str) -> dict[str, Any]:
        """What a role's player sees now, as JSON-ready data: the game's view plus this
        table's state (their staged choices and notes, who is still deciding, pause)."""
        out = self.game.view(role)
        out["label"] = turn_label(self.game)
        out["choices"] = {str(k): v for k, v in self.choices.get(role, {}).items()}
        out["notes"] = {str(k): v for k, v in self.notes.get(role, {}).items()}
        out["waiting_for"] = self.waiting_for()
        out["paused"] = self.paused
        out["seats"] = {r: asdict(s) for r, s in self.seats.items()}
        out["assessments"] = {
            "per_turn": self.assessments_per_turn(),
            "left": self.assessments_left(role),
        }
        return out

    def report(self, period: int) -> dict[str, Any]:
        """An accounting period as JSON-ready data: each indicator's total change and its
        causes in words (they add up to the total), and the turn's choices."""
        summary = self.summary(period)
        return {
            "turn": summary.turn,
            "over": summary.over,
            "ending": summary.ending,
            "choices": [c.to_dict() for c in summary.choices],
            "changes": {
                name: {
                    "total": total,
                    "causes": [{"cause": label, "amount": v} for label, v in causes],
                }
                for name, (total, causes) in period_changes(self.game, period).items()
            },
            "news_next": summary.news_next,
        }
