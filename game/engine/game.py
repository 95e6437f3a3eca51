"""One game at the table: the driving API every front end, bot, replay and test uses.

A Game is a batch of one with the ledger switched on. Both roles decide at the same
time each turn: `pending(role)` lists what is due, `apply({role: [option, ...]})`
resolves the turn. Illegal input returns a `Rejected` value, never an exception.
"""

from __future__ import annotations

import copy
from collections.abc import Generator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from game.engine.batch import BatchState, Engine
from game.engine.bots import Policy
from game.engine.capital import BROKEN, KEPT, MADE
from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES, Ending, Event
from game.engine.forecast import Advice, Forecast, advise, forecast_state
from game.engine.text import render

ROLE_INDEX = {r: i for i, r in enumerate(ROLES)}


@dataclass(frozen=True)
class Choice:
    """A decision made: on `turn`, `role` answered `event` with `option` (ids), maybe saying why."""

    turn: int
    role: str
    event: str
    option: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain data for saves."""
        d = asdict(self)
        if not self.note:
            del d["note"]
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Choice:
        """Inverse of to_dict (KeyError/TypeError on malformed data)."""
        return cls(
            int(d["turn"]),
            str(d["role"]),
            str(d["event"]),
            str(d["option"]),
            str(d.get("note", "")),
        )


@dataclass(frozen=True)
class Accepted:
    """The turn was resolved."""

    def __bool__(self) -> bool:
        return True


@dataclass(frozen=True)
class Rejected:
    """The input was not applied: `code` says why and `detail` gives the ids and numbers
    (the words for a player are game.presentation.reason's; the engine has no language).

    Codes: over, unknown_role, answer_count, no_option, option_range, unavailable,
    unaffordable, no_event (and the table's: paused, no_decision, undecided,
    no_assessments).
    """

    code: str
    detail: tuple[tuple[str, Any], ...] = ()

    def __bool__(self) -> bool:
        return False

    @property
    def details(self) -> dict[str, Any]:
        """`detail` as a dict."""
        return dict(self.detail)


def rejected(code: str, **detail: Any) -> Rejected:
    """A Rejected with its details."""
    return Rejected(code, tuple(detail.items()))


@dataclass(frozen=True)
class OptionView:
    """An option as a player sees it."""

    index: int
    id: str
    label: str
    text: str
    legal: bool
    cost: float = 0.0  # drawn from the role's resource (see Game.resource)
    affordable: bool = True  # False: the resource is short of the cost (then not legal)


@dataclass(frozen=True)
class Decision:
    """A decision due for a role this turn."""

    role: str
    slot: int
    event: str
    title: str
    text: str
    actor: str
    options: tuple[OptionView, ...]


@dataclass(frozen=True)
class Change:
    """How one indicator moved over an accounting period, with its causes (ledger
    `Cause`s and amounts, largest first) that add up to `total`."""

    indicator: str
    old: float
    new: float
    causes: tuple[tuple[Any, float], ...]

    @property
    def total(self) -> float:
        """new - old"""
        return self.new - self.old


@dataclass(frozen=True)
class CommitmentView:
    """A commitment a role has made: `status` is `standing`, `broken` or `kept`, since `turn`
    (the turn it was made, broken or kept)."""

    id: str
    role: str
    label: str
    status: str
    turn: int


@dataclass(frozen=True)
class ResourceView:
    """A role's resource: its name, what is left, its ceiling, and the indicator that holds it."""

    role: str
    label: str
    value: float
    max: float
    indicator: str


@dataclass(frozen=True)
class FacilitatorAction:
    """A facilitator's move in `turn`: `inject` an event, or `end` the game.

    Its place inside the turn is fixed by the engine: after the turn's news and before
    the turn's decisions are resolved; several in one turn keep their order.
    """

    turn: int
    kind: str  # "inject" | "end"
    event: str = ""


@dataclass
class TurnRecord:
    """What happened in one turn: the news, the choices, and the values at its end."""

    turn: int
    news: list[str] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)


class Game:
    """A single game of a scenario with one seed."""

    def __init__(self, scenario: CompiledScenario, seed: int, lang: str = "en") -> None:
        self.scenario = scenario
        self.seed = int(seed)
        self.lang = lang
        self.engine = Engine(scenario)
        self.state: BatchState = self.engine.start([self.seed], record=True)
        self.log: list[Choice] = []
        # values at the decision point of each turn; the last entry is the final state
        self.history: list[np.ndarray] = [self.state.values[0].copy()]
        self.marks: list[int] = [self._ledger_size()]  # ledger length at each history entry
        self.turns: list[TurnRecord] = [self._record_turn()]
        self.facilitator: list[FacilitatorAction] = []  # in the order they happened

    def clone(self) -> Game:
        """An independent copy of this game (same scenario, same dice, same past)."""
        new = copy.copy(self)
        new.state = self.state.clone()
        new.log = list(self.log)
        new.history = list(self.history)  # entries are never changed in place
        new.marks = list(self.marks)
        new.turns = [TurnRecord(t.turn, list(t.news), list(t.choices)) for t in self.turns]
        new.facilitator = list(self.facilitator)
        return new

    # -- reading the state -----------------------------------------------------------

    @property
    def injected(self) -> list[tuple[int, str]]:
        """(turn, event) of every event a facilitator fired, in order."""
        return [(a.turn, a.event) for a in self.facilitator if a.kind == "inject"]

    @property
    def ended_now(self) -> int | None:
        """The turn in which a facilitator ended the game, if one did."""
        return next((a.turn for a in self.facilitator if a.kind == "end"), None)

    @property
    def definition(self):  # noqa: ANN201 - the Scenario model
        return self.scenario.definition

    @property
    def turn(self) -> int:
        """The current turn, 1-based."""
        return int(self.state.turn)

    def calendar(self, turn: int | None = None) -> tuple[int, int]:
        """(year, month) at which a turn starts (numbers only; see presentation.turn_label)."""
        period = self.definition.period
        t = self.turn if turn is None else turn
        year, month = map(int, period.start.split("-"))
        months = (month - 1) + self.definition.months_to(t)
        return year + months // 12, months % 12 + 1

    def values(self) -> dict[str, float]:
        """Current value of every indicator by name."""
        return {
            n: float(v)
            for n, v in zip(self.scenario.indicators, self.state.values[0], strict=False)
        }

    def text(self, t: Any) -> str:
        """A text field in this game's language with indicator values filled in."""
        return render(t, self.values(), self.lang) if t else ""

    def event_def(self, event_id: str) -> Event:
        """The definition of an event by id."""
        return self.definition.events[self.scenario.event_index(event_id)]

    def is_over(self) -> bool:
        """True when the game has ended."""
        return bool(self.state.over[0])

    def pending(self, role: str) -> list[Decision]:
        """The decisions due for `role` this turn (kept while the game's state and language
        stay the same: a window asks several times a frame)."""
        if self.is_over() or role not in ROLE_INDEX:
            return []
        r = ROLE_INDEX[role]
        st = self.state
        # everything an option's availability, its price and the texts can read
        rows = (st.values, st.pending[:, r], st.fired, st.last_fired, st.chosen, st.commit)
        key = (role, self.lang, int(st.turn), b"".join(a[0].tobytes() for a in rows))
        cached = self.__dict__.get("_pending_seen")
        if cached is not None and cached[0] == key:
            return list(cached[1])
        out = self._pending(role, r)
        self._pending_seen = (key, out)
        return list(out)

    def _pending(self, role: str, r: int) -> list[Decision]:
        legal = self.engine.legal(self.state, r)[0]
        stock = self.engine.stock(self.state, r)
        have = float(stock[0]) if stock is not None else float("inf")
        out = []
        for slot, e in enumerate(self.state.pending[0, r]):
            if e < 0:
                continue
            ev = self.definition.events[int(e)]
            opts = tuple(
                OptionView(
                    k,
                    o.id,
                    self.text(o.label),
                    self.text(o.text),
                    bool(legal[slot, k]),
                    float(o.cost),
                    have >= float(o.cost) - 1e-9,
                )
                for k, o in enumerate(ev.options)
            )
            actor = self.actor_name(ev.actor)
            title, text = self.event_words(ev.id)
            out.append(Decision(role, slot, ev.id, title, text, actor, opts))
        return out

    def resource(self, role: str) -> ResourceView | None:
        """The role's resource (political capital, say), or None if the scenario has none."""
        res = self.definition.resources.get(role)
        if res is None or role not in ROLE_INDEX:
            return None
        col = self.scenario.resource_cols[ROLE_INDEX[role]]
        ind = self.definition.indicators[res.indicator]
        label = res.label or ind.label
        return ResourceView(
            role, label, float(self.state.values[0, col]), float(ind.max), res.indicator
        )

    def commitments(self, role: str | None = None) -> list[CommitmentView]:
        """The commitments made so far (standing, broken or kept), of `role` or of both."""
        status = {MADE: "standing", BROKEN: "broken", KEPT: "kept"}
        out = []
        for k, cm in enumerate(self.definition.commitments):
            s = int(self.state.commit[0, k])
            if s == 0 or (role is not None and cm.role != role):
                continue
            turn = int(self.state.commit_turn[0, k])
            out.append(CommitmentView(cm.id, cm.role, self.text(cm.label), status[s], turn))
        return out

    def afford(self, role: str, answers: Sequence[int]) -> list[int]:
        """Answers (option indices, one per pending decision) made to fit the role's
        budget together: where they cost too much, later ones fall back to their cheapest
        available option (the rule the bots follow; see `over_budget`)."""
        due = self.pending(role)
        if role not in ROLE_INDEX or self.resource(role) is None or len(answers) != len(due):
            return list(answers)
        arr = np.full((1, self.scenario.decisions_per_turn), -1, np.int64)
        for d, k in zip(due, answers, strict=True):
            arr[0, d.slot] = int(k)
        fixed = self.engine.afford(self.state, ROLE_INDEX[role], arr)[0]
        return [int(fixed[d.slot]) for d in due]

    def legal_actions(self, role: str) -> list[list[int]]:
        """For each pending decision of `role`, the indices of its legal options."""
        return [[o.index for o in d.options if o.legal] for d in self.pending(role)]

    def roles_to_move(self) -> list[str]:
        """Roles with at least one decision due."""
        return [r for r in ROLES if self.pending(r)]

    def actor_name(self, actor: str | None) -> str:
        """Display name of an actor or role id (empty for none)."""
        if not actor:
            return ""
        if actor in self.definition.actors:
            return self.definition.actors[actor].name
        if actor in self.definition.roles:
            return self.definition.roles[actor].name
        return actor

    # -- acting ----------------------------------------------------------------------

    def apply(
        self,
        actions: Mapping[str, Sequence[int | str]],
        notes: Mapping[str, Sequence[str]] | None = None,
    ) -> Accepted | Rejected:
        """Resolve the turn with each role's answers (option index or id per pending decision)."""
        planned = self._plan(actions, notes)
        if isinstance(planned, Rejected):
            return planned
        self.engine.apply(self.state, planned[0])
        return self._record(*planned)

    def apply_steps(
        self,
        actions: Mapping[str, Sequence[int | str]],
        notes: Mapping[str, Sequence[str]] | None = None,
    ) -> Generator[None, None, Accepted | Rejected]:
        """`apply` in a few steps, yielding between them (a window spreads them over
        frames); returns what `apply` returns. The game must not be read until it ends."""
        planned = self._plan(actions, notes)
        if isinstance(planned, Rejected):
            return planned
        yield from self.engine.apply_steps(self.state, planned[0])
        return self._record(*planned)

    def _plan(
        self,
        actions: Mapping[str, Sequence[int | str]],
        notes: Mapping[str, Sequence[str]] | None,
    ) -> tuple[dict[int, np.ndarray], list[Choice], int] | Rejected:
        """The engine's choice arrays and the log entries of a turn's answers, or why not."""
        if self.is_over():
            return rejected("over")
        for role in actions:
            if role not in ROLE_INDEX:
                return rejected("unknown_role", role=role)
        choices: dict[int, np.ndarray] = {}
        made: list[Choice] = []
        for role in ROLES:
            due = self.pending(role)
            given = list(actions.get(role, ()))
            if len(given) != len(due):
                return rejected("answer_count", role=role, due=len(due), given=len(given))
            arr = np.full((1, self.scenario.decisions_per_turn), -1, np.int64)
            role_notes = list((notes or {}).get(role, ()))
            for k, (dec, answer) in enumerate(zip(due, given, strict=False)):
                idx = self._option_index(dec, answer)
                if isinstance(idx, Rejected):
                    return idx
                arr[0, dec.slot] = idx
                note = role_notes[k] if k < len(role_notes) else ""
                made.append(Choice(self.turn, role, dec.event, dec.options[idx].id, note))
            short = self.over_budget(role, {d.slot: int(arr[0, d.slot]) for d in due})
            if short is not None:
                return short
            choices[ROLE_INDEX[role]] = arr
        return choices, made, self.turn

    def _record(self, _choices: object, made: list[Choice], turn: int) -> Accepted:
        """Log a resolved turn's choices and its values."""
        self.log.extend(made)
        self.turns[-1].choices.extend(made)
        self._mark()
        if not self.is_over() and self.turn != turn:
            self.turns.append(self._record_turn())
        return Accepted()

    def _option_index(self, dec: Decision, answer: int | str) -> int | Rejected:
        if isinstance(answer, str) and not answer.lstrip("-").isdigit():
            match = [o.index for o in dec.options if o.id == answer]
            if not match:
                return rejected("no_option", event=dec.event, option=str(answer))
            idx = match[0]
        else:
            idx = int(answer)
        if not 0 <= idx < len(dec.options):
            return rejected("option_range", options=len(dec.options), title=dec.title)
        opt = dec.options[idx]
        if not opt.legal:
            short = self.over_budget(dec.role, {dec.slot: idx})
            return short if short is not None else rejected("unavailable", label=opt.label)
        return idx

    def over_budget(self, role: str, picks: Mapping[int, int]) -> Rejected | None:
        """Why the role cannot afford these answers (slot -> option index) together, or
        None if it can (or has no resource)."""
        res = self.resource(role)
        if res is None:
            return None
        due = {d.slot: d for d in self.pending(role)}
        opts = [due[s].options[k] for s, k in picks.items() if s in due]
        total = sum(o.cost for o in opts)
        if total <= res.value + 1e-9:
            return None
        return rejected(
            "unaffordable",
            label=" + ".join(o.label for o in opts if o.cost > 0),
            cost=total,
            have=res.value,
            resource=res.label,
        )

    def _ledger_size(self) -> int:
        return len(self.state.ledger.entries) if self.state.ledger is not None else 0

    def _mark(self) -> None:
        """A new decision point (or the end): its values and where the ledger stands."""
        self.history.append(self.state.values[0].copy())
        self.marks.append(self._ledger_size())

    def inject(self, event_id: str) -> Accepted | Rejected:
        """A facilitator fires an event now (see Engine.inject); recorded in the log's extras."""
        if self.is_over():
            return rejected("over")
        try:
            e = self.scenario.event_index(event_id)
        except KeyError:
            return rejected("no_event", event=event_id)
        self.engine.inject(self.state, e)
        self.facilitator.append(FacilitatorAction(self.turn, "inject", event_id))
        self.turns[-1].news.append(event_id)
        return Accepted()

    def end_now(self) -> None:
        """End the game at once (a facilitator's choice); the ending follows the state."""
        if not self.is_over():
            self.facilitator.append(FacilitatorAction(self.turn, "end"))
            self.engine.end_now(self.state)
            self._mark()

    def play_bots(self, policies: Mapping[str, Policy]) -> dict[str, list[int]]:
        """The answers bots would give now for the roles they play."""
        out = {}
        for role, policy in policies.items():
            r = ROLE_INDEX[role]
            picks = self.engine.afford(self.state, r, policy.choose(self.engine, self.state, r))[0]
            out[role] = [int(picks[d.slot]) for d in self.pending(role)]
        return out

    def forecast(
        self,
        role: str,
        slot: int = 0,
        rollouts: int = 1000,
        staged: Mapping[int, int] | None = None,
    ) -> Forecast:
        """Play each option of a pending decision forward `rollouts` times (see forecast.py);
        `staged` maps the role's other slots this turn to the options chosen for them."""
        return forecast_state(
            self.engine, self.state, role, slot, seed=self.seed, rollouts=rollouts, staged=staged
        )

    def advice(self, fc: Forecast) -> list[Advice]:
        """The role's advisors' recommendations on a forecast decision."""
        return advise(self.scenario, fc)

    def _record_turn(self) -> TurnRecord:
        rec = TurnRecord(self.turn)
        journal = self.state.journal or {}
        for e in journal.get(self.turn, []):
            ev = self.definition.events[e]
            rec.news.append(ev.id)
        return rec

    # -- results ---------------------------------------------------------------------

    def ending(self) -> Ending | None:
        """The ending reached, once the game is over."""
        k = int(self.state.ending[0])
        return self.definition.endings[k] if k >= 0 else None

    def scores(self) -> dict[str, float]:
        """Score per role in [0, 100] (meaningful once the game is over)."""
        s = self.engine.scores(self.state)[0]
        return {role: float(s[i]) for i, role in enumerate(ROLES)}

    def objective_credit(self) -> dict[str, float]:
        """Each objective's credit at the end (by `owner.id`): 1 met, graded near its
        thresholds where the scenario says (see Engine.credit), else 0."""
        return {
            f"{o.owner}.{o.id}": float(self.state.credit[0, k])
            for k, o in enumerate(self.scenario.objectives)
        }

    def score_parts(self) -> dict[str, tuple[float, float | None]]:
        """Per role, (objective score, what the ending is worth to it or None): the final
        score is their mean where the ending has a worth, else the objective score."""
        obj = self.engine.objective_scores(self.state)[0]
        k = int(self.state.ending[0])
        worth = self.engine.worth[k] if k >= 0 else self.engine.worth[-1]
        return {
            role: (float(obj[i]), None if np.isnan(worth[i]) else float(worth[i]))
            for i, role in enumerate(ROLES)
        }

    def objectives_met(self) -> dict[str, bool]:
        """Whether each objective (by `owner.id`) is met at the end."""
        return {
            f"{o.owner}.{o.id}": bool(self.state.met[0, k])
            for k, o in enumerate(self.scenario.objectives)
        }

    def periods(self) -> int:
        """How many accounting periods have closed (see `changes`)."""
        return len(self.history) - 1

    def changes(self, period: int) -> dict[str, Change]:
        """How each indicator moved in accounting period `period` (1-based), and why.

        Period p runs from the decision point of turn p to the next decision point (or
        the end): the options chosen in turn p, a facilitator's events in it, then the
        start of the next turn (trends, scheduled effects, ladder rungs, news). It is the
        change the dashboard shows; the causes add up to it. Indicators that did not move
        and have no cause are left out.
        """
        if not 1 <= period < len(self.history):
            return {}
        old, new = self.history[period - 1], self.history[period]
        merged: dict[str, dict[Any, float]] = {}
        ledger = self.state.ledger
        if ledger is not None:
            for e in ledger.entries[self.marks[period - 1] : self.marks[period]]:
                causes = merged.setdefault(e.indicator, {})
                causes[e.cause] = causes.get(e.cause, 0.0) + e.delta
        out = {}
        for k, name in enumerate(self.scenario.indicators):
            causes = merged.get(name, {})
            if old[k] == new[k] and not causes:
                continue
            ranked = sorted(causes.items(), key=lambda kv: -abs(kv[1]))
            out[name] = Change(name, float(old[k]), float(new[k]), tuple(ranked))
        return out

    def view(self, role: str) -> dict[str, Any]:
        """What `role` sees now: turn, indicators (visible ones), news and decisions due."""
        d = self.definition
        vals = self.values()
        r = ROLE_INDEX.get(role, 0)
        inds = []
        for k, (name, ind) in enumerate(d.indicators.items()):
            if ind.hidden:
                continue
            inds.append(
                {
                    "id": name,
                    "label": ind.label,
                    "unit": ind.unit,
                    "value": vals[name],
                    "history": [float(h[k]) for h in self.history],
                    "good": float(self.scenario.direction[r, k]),
                }
            )
        return {
            "scenario": d.id,
            "turn": self.turn,
            "turns": d.period.turns,
            "role": role,
            "indicators": inds,
            "news": [self.event_headline(e) for e in self.turns[-1].news],
            "decisions": [asdict(x) for x in self.pending(role)],
            "over": self.is_over(),
        }

    def appearance(self, event_id: str, turn: int | None = None) -> int:
        """How many times the event has happened up to the end of `turn` (default: now):
        1 on its first appearance, 2 on its second..."""
        last = self.turn if turn is None else turn
        return sum(t.news.count(event_id) for t in self.turns if t.turn <= last)

    def event_words(self, event_id: str, turn: int | None = None) -> tuple[str, str]:
        """An event's title and text as it reads in `turn` (default: now), filled in: from
        its second appearance on, its `again` title and text where it has them."""
        ev = self.event_def(event_id)
        title, text = self.text(ev.title), self.text(ev.text)
        if ev.again is not None and self.appearance(event_id, turn) >= 2:
            title = self.text(ev.again.title) if ev.again.title else title
            text = self.text(ev.again.text) if ev.again.text else text
        return title, text

    def news(self, turn: int | None = None) -> list[str]:
        """The news (events no role decides) announced in `turn` (default: now). News never
        repeats in a game: an event is announced when it first happens, and once more
        with its `again` words if it has them; later it acts without a headline (its
        effects still show among the causes of each change). A facilitator's injection
        is always announced."""
        t = self.turn if turn is None else turn
        rec = next((r for r in self.turns if r.turn == t), None)
        if rec is None:
            return []
        injected = {a.event for a in self.facilitator if a.kind == "inject" and a.turn == t}
        seen = {e: self.appearance(e, t - 1) for e in rec.news}
        out = []
        for e in rec.news:
            ev = self.event_def(e)
            seen[e] += 1
            if ev.role != "none" or e in out:
                continue
            if seen[e] == 1 or (seen[e] == 2 and ev.again is not None) or e in injected:
                out.append(e)
        return out

    def event_headline(self, event_id: str, turn: int | None = None) -> str:
        """`Title: text` of an event as it reads in `turn` (default: now), filled in."""
        title, text = self.event_words(event_id, turn)
        return f"{title}: {text}" if text else title


Answers = Mapping[tuple[int, str, str, int], str]


def answers_of(log: Sequence[Choice]) -> dict[tuple[int, str, str, int], str]:
    """A log's options keyed by (turn, role, event, n): the n-th time (from 0) that event
    was due for that role in that turn (a facilitator may make an event due twice)."""
    out: dict[tuple[int, str, str, int], str] = {}
    for c in log:
        n = 0
        while (c.turn, c.role, c.event, n) in out:
            n += 1
        out[(c.turn, c.role, c.event, n)] = c.option
    return out


def play_out(
    game: Game,
    answers: Answers,
    fill: Mapping[str, Policy],
    facilitator: Sequence[FacilitatorAction] = (),
) -> Game:
    """Play `game` to its end, in place: each decision answered from `answers` (see
    `answers_of`) where that option is legal, by the `fill` bots elsewhere.

    A facilitator's actions of later turns happen when their turn comes (those of the
    current turn are taken as done). Returns the game.
    """
    later: dict[int, list[FacilitatorAction]] = {}
    for a in facilitator:
        if a.turn > game.turn:
            later.setdefault(a.turn, []).append(a)
    while not game.is_over():
        bots: dict[str, list[int]] | None = None  # asked only when needed: they are slow
        actions: dict[str, list[int | str]] = {}
        for role in ROLES:
            due = game.pending(role)
            if not due:
                continue
            picks: list[int | str] = []
            seen: dict[str, int] = {}
            for k, dec in enumerate(due):
                n = seen[dec.event] = seen.get(dec.event, -1) + 1
                option = answers.get((game.turn, role, dec.event, n))
                known = [o.index for o in dec.options if o.id == option and o.legal]
                if known:
                    picks.append(known[0])
                    continue
                if bots is None:
                    bots = game.play_bots(fill)
                picks.append(bots[role][k])
            # answers taken from another road may no longer fit the budget together
            actions[role] = list(game.afford(role, [int(p) for p in picks]))
        if not game.apply(actions):
            break
        for a in later.pop(game.turn, []) if not game.is_over() else []:
            game.end_now() if a.kind == "end" else game.inject(a.event)
    return game


def what_if(
    scenario: CompiledScenario,
    seed: int,
    log: Sequence[Choice],
    index: int,
    option: str,
    fill: Mapping[str, Policy],
    facilitator: Sequence[FacilitatorAction] = (),
) -> Game:
    """The road not taken: the game of `log` with decision `index` answered by `option`.

    The dice are the same (same seed) and so are the facilitator's moves, so only the
    choice differs. Decisions after the change are taken from the log where the same
    decision comes up again; where the game has gone elsewhere, the `fill` bots decide.
    """
    answers = answers_of(log)
    c = log[index]
    n = sum(1 for x in log[:index] if (x.turn, x.role, x.event) == (c.turn, c.role, c.event))
    answers[(c.turn, c.role, c.event, n)] = option
    game = Game(scenario, seed)
    for a in facilitator:
        if a.turn == 1:
            game.end_now() if a.kind == "end" else game.inject(a.event)
    return play_out(game, answers, fill, facilitator)
