"""The games of a class on the server: each group's game, its seats and staged answers.

A group is one game of the class's scenario and seed. Its human roles are seats taken
by browsers or terminals (one seat for both roles in hot-seat; two groups on two
machines for a pairing); the other role is the class's bot. Answers are staged per
role until every human role has answered, then the bots answer and the turn resolves
through `Game.apply`, the engine's one way of changing a game. A group is rebuilt
from its stored record (the decision log, the facilitator's events, an early end) by
`game.record.rebuild`, the same path saves take.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from game.classcode import ClassCode, parse_code
from game.engine.bots import Policy, make_policy
from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.game import Choice, FacilitatorAction, Game
from game.presentation import reason
from game.record import GameRecord
from game.record import rebuild as rebuild_record
from game.saves import save_dict
from game.server.store import GroupRow, Store

NOTE_MAX = 300


class Refused(Exception):
    """A request the server does not carry out; the message is for the player."""


@dataclass
class ClassRoom:
    """A class: its code, scenario and settings."""

    code: str
    ref: str  # the bundled id or file the scenario was loaded from
    scenario: CompiledScenario
    content_hash: str
    parsed: ClassCode

    @property
    def flags(self) -> frozenset[str]:
        return self.parsed.flags

    @property
    def bot(self) -> str:
        return self.parsed.bot


@dataclass
class Group:
    """One group's game at the server."""

    id: int
    name: str
    room: ClassRoom
    humans: tuple[str, ...]
    seats: dict[str, tuple[str, str]]  # role -> (key, players)
    game: Game
    staged: dict[str, list[tuple[int, str, int, str]]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    bots: dict[str, Policy] = field(default_factory=dict)
    last_resolved: int = 0  # the last turn resolved (for "what changed")

    # -- reading ------------------------------------------------------------------------

    def roles_of(self, key: str) -> list[str]:
        """The roles a seat key sits in."""
        return [r for r, (k, _p) in self.seats.items() if k == key]

    def waiting_for(self) -> list[str]:
        """Human roles that still have to answer this turn."""
        g = self.game
        if g.is_over():
            return []
        return [r for r in self.humans if g.pending(r) and r not in self.staged]

    def free_roles(self) -> list[str]:
        return [r for r in self.humans if r not in self.seats]

    def players(self) -> dict[str, str]:
        return {r: f"{self.name}: {p}" if p else self.name for r, (_k, p) in self.seats.items()}

    def save(self) -> dict[str, Any]:
        """The group's game as a save file's content (the same files `report` reads)."""
        settings = {"class_code": self.room.code, "group": self.name}
        return save_dict(
            self.game,
            scenario=self.room.ref,
            content_hash=self.room.content_hash,
            humans=list(self.humans),
            bot=self.room.bot,
            settings=settings,
            players=self.players(),
        )

    # -- acting (callers hold `lock`) ---------------------------------------------------

    def stage(self, store: Store, role: str, turn: int, answers: list[Any]) -> None:
        """Check and store a role's answers for this turn (Refused if they do not fit)."""
        g = self.game
        if g.is_over():
            raise Refused("this game is over")
        if role not in self.humans:
            raise Refused(f"{role} is not played by people in this group")
        if turn != g.turn:
            raise Refused(f"these answers are for turn {turn}, but the game is at turn {g.turn}")
        if role in self.staged:
            raise Refused("you have already decided this turn")
        due = g.pending(role)
        if not due:
            raise Refused("no decision is due for you this turn")
        if not isinstance(answers, list) or len(answers) != len(due):
            raise Refused(f"answer the {len(due)} decision(s) due this turn")
        notes_required = "notes_required" in self.room.flags
        staged = []
        for dec, ans in zip(due, answers, strict=True):
            if not isinstance(ans, dict):
                raise Refused("each answer is an object with an option")
            k = ans.get("option")
            note = ans.get("note", "")
            if not isinstance(k, int) or isinstance(k, bool) or not 0 <= k < len(dec.options):
                raise Refused(f"choose an option from 1 to {len(dec.options)} for {dec.title!r}")
            if not dec.options[k].legal:
                raise Refused(f"{dec.options[k].label!r} is not available now")
            if not isinstance(note, str):
                raise Refused("a note is text")
            note = " ".join(note.split())[:NOTE_MAX]
            if notes_required and not note:
                raise Refused(f"your teacher asks for a reason with each decision ({dec.title})")
            staged.append((dec.slot, dec.event, k, note))
        store.add_choices(
            self.id,
            turn,
            role,
            [(s, ev, due[i].options[k].id, n) for i, (s, ev, k, n) in enumerate(staged)],
        )
        self.staged[role] = staged

    def ready(self) -> bool:
        """Every human role with a decision due has answered."""
        return not self.game.is_over() and not self.waiting_for()

    def resolve(self, store: Store) -> bool:
        """Bots answer, the turn resolves; the bots' answers are stored first. True if resolved."""
        g = self.game
        if not self.ready():
            return False
        bot_roles = {r: self.bots[r] for r in ROLES if r not in self.humans and g.pending(r)}
        answers = g.play_bots(bot_roles)
        for role, picks in answers.items():
            due = g.pending(role)
            store.add_choices(
                self.id,
                g.turn,
                role,
                [(d.slot, d.event, d.options[k].id, "") for d, k in zip(due, picks, strict=True)],
            )
        actions: dict[str, list[int]] = {r: [int(k) for k in v] for r, v in answers.items()}
        notes: dict[str, list[str]] = {}
        for role, staged in self.staged.items():
            actions[role] = [k for _s, _e, k, _n in staged]
            notes[role] = [n for _s, _e, _k, n in staged]
        turn = g.turn
        result = g.apply(actions, notes)
        if not result:  # cannot happen for checked answers; keep the game as it was
            raise Refused(f"the turn could not be resolved: {reason(result)}")  # type: ignore[arg-type]
        self.staged = {}
        self.last_resolved = turn
        return True

    def inject(self, store: Store, event_id: str) -> None:
        """The teacher fires an event in this game now; answers it invalidates are dropped."""
        g = self.game
        before = {r: [d.event for d in g.pending(r)] for r in ROLES}
        result = g.inject(event_id)
        if not result:
            raise Refused(reason(result))  # type: ignore[arg-type]
        store.add_action(self.id, "inject", g.turn, event_id)
        for r in list(self.staged):
            if [d.event for d in g.pending(r)] != before[r]:
                store.drop_choices(self.id, g.turn, r)
                del self.staged[r]

    def end(self, store: Store) -> None:
        """The teacher ends this game now."""
        if self.game.is_over():
            return
        store.add_action(self.id, "end", self.game.turn)
        for r in list(self.staged):
            store.drop_choices(self.id, self.game.turn, r)
        self.staged = {}
        self.game.end_now()


def open_class(code: str, ref: str | None = None) -> ClassRoom:
    """The class of a code: its scenario is the bundled one of the code's initials, or `ref`."""
    from game.classcode import prefix_of
    from game.scenario.loader import bundled_ids, load_result

    parsed = parse_code(code)  # ValueError with a message
    if ref is None:
        matches = [i for i in bundled_ids() if prefix_of(i) == parsed.prefix]
        if not matches:
            raise ValueError(f"class code {code} names no bundled scenario")
        ref = matches[0]
    result = load_result(ref)
    if not result.ok or result.compiled is None:
        raise ValueError(f"the scenario {ref} is not valid")
    if prefix_of(result.compiled.id) != parsed.prefix:
        raise ValueError(f"class code {code} is for another scenario than {ref}")
    return ClassRoom(parsed.code(), ref, result.compiled, result.content_hash, parsed)


def new_group(row: GroupRow, room: ClassRoom) -> Group:
    """A group that has not played yet."""
    return rebuild(row, room)


def rebuild(row: GroupRow, room: ClassRoom) -> Group:
    """A group's game from its stored record: resolved turns replayed, this turn's answers
    staged again."""
    choices = [a for a in row.actions if a.kind == "choice"]
    facilitator = [
        FacilitatorAction(a.turn, a.kind, a.event if a.kind == "inject" else "")
        for a in row.actions
        if a.kind in ("inject", "end")
    ]  # in the order they happened
    order = {r: i for i, r in enumerate(ROLES)}
    choices.sort(key=lambda a: (a.turn, order.get(a.role, 9), a.slot, a.id))
    log = [Choice(a.turn, a.role, a.event, a.option, a.note) for a in choices]
    save = GameRecord(
        scenario=room.ref,
        scenario_id=room.scenario.id,
        scenario_hash=room.content_hash,
        seed=room.parsed.seed,
        turn=max([a.turn for a in row.actions], default=1),
        log=log,
        over=True,  # replay as far as the log fits: this turn's partial answers stop it
        humans=list(row.humans),
        facilitator=facilitator,
    )
    game = rebuild_record(save, room.scenario).game
    group = Group(
        row.id,
        row.name,
        room,
        row.humans,
        dict(row.seats),
        game,
        bots={r: make_policy(room.scenario, room.bot) for r in ROLES if r not in row.humans},
    )
    group.last_resolved = game.turn - 1 if not game.is_over() else len(game.history) - 1
    if not game.is_over():
        for role in row.humans:
            mine = [a for a in choices if a.turn == game.turn and a.role == role]
            due = game.pending(role)
            if mine and [a.event for a in mine] == [d.event for d in due]:
                staged = []
                for a, d in zip(mine, due, strict=True):
                    k = next((o.index for o in d.options if o.id == a.option), None)
                    if k is None:
                        break
                    staged.append((d.slot, d.event, k, a.note))
                else:
                    group.staged[role] = staged
    return group
