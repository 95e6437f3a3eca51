"""The games of a class on the server: each group is a `Table` with its seats.

A group is one game of the class's scenario and seed at a `Table` (game/table.py), the
front-end-neutral table every front end drives: its human roles are seats taken by
browsers or terminals (one seat for both roles in hot-seat; two groups on two machines
for a pairing), the other role is the class's bot. A seat's answers are staged on the
table and stored before they are acknowledged; when every person has decided, the
table resolves the turn. After a restart a group is rebuilt from its stored record by
`Table.from_record`, the one rebuild.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from typing import Any

from game.classcode import ClassCode, parse_code
from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.game import Choice, FacilitatorAction, Game, Rejected
from game.presentation import reason
from game.record import GameRecord
from game.saves import record_dict
from game.server.store import GroupRow, Store
from game.table import Table

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
    """One group's game at the server: a table and who sits at it."""

    id: int
    name: str
    room: ClassRoom
    humans: tuple[str, ...]
    seats: dict[str, tuple[str, str]]  # role -> (key, players)
    table: Table
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def game(self) -> Game:
        return self.table.game

    # -- reading ------------------------------------------------------------------------

    def roles_of(self, key: str) -> list[str]:
        """The roles a seat key sits in."""
        return [r for r, (k, _p) in self.seats.items() if k == key]

    def staged(self) -> list[str]:
        """Human roles whose answers for this turn are in."""
        g = self.game
        if g.is_over():
            return []
        return [r for r in self.humans if g.pending(r) and self.table.decided(r)]

    def waiting_for(self) -> list[str]:
        """Human roles that still have to answer this turn."""
        return self.table.waiting_for()

    def free_roles(self) -> list[str]:
        return [r for r in self.humans if r not in self.seats]

    def players(self) -> dict[str, str]:
        return {r: f"{self.name}: {p}" if p else self.name for r, (_k, p) in self.seats.items()}

    def save(self) -> dict[str, Any]:
        """The group's game as a save file's content (the same files `report` reads)."""
        return record_dict(replace(self.table.record(), players=self.players()), self.game)

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
        due = g.pending(role)
        if not due:
            raise Refused("no decision is due for you this turn")
        if role in self.staged():
            raise Refused("you have already decided this turn")
        if not isinstance(answers, list) or len(answers) != len(due):
            raise Refused(f"answer the {len(due)} decision(s) due this turn")
        rows = []
        try:
            for dec, ans in zip(due, answers, strict=True):
                if not isinstance(ans, dict):
                    raise Refused("each answer is an object with an option")
                k, note = ans.get("option"), ans.get("note", "")
                if not isinstance(k, int) or isinstance(k, bool):
                    raise Refused(
                        f"choose an option from 1 to {len(dec.options)} for {dec.title!r}"
                    )
                if not isinstance(note, str):
                    raise Refused("a note is text")
                result = self.table.choose(role, dec.slot, k)
                if isinstance(result, Rejected):
                    raise Refused(reason(result))
                note = " ".join(note.split())[:NOTE_MAX]
                self.table.set_note(role, dec.slot, note)
                if self.table.notes_required and not note:
                    raise Refused(
                        f"your teacher asks for a reason with each decision ({dec.title})"
                    )
                rows.append((dec.slot, dec.event, dec.options[k].id, note))
            store.add_choices(self.id, turn, role, rows)
        except BaseException:
            self._unstage(role)
            raise

    def _unstage(self, role: str) -> None:
        self.table.choices[role] = {}
        self.table.notes[role] = {}

    def ready(self) -> bool:
        """Every human role with a decision due has answered."""
        return not self.game.is_over() and not self.table.waiting_for()

    def resolve(self, store: Store) -> bool:
        """The table resolves the turn; the bots' answers are stored. True if resolved."""
        g = self.game
        if not self.ready():
            return False
        turn, before = g.turn, len(g.log)
        done = self.table.resolve()
        if isinstance(done, Rejected):
            raise Refused(reason(done))
        for role in ROLES:
            made = [c for c in g.log[before:] if c.role == role and role not in self.humans]
            if made:
                rows = [(k, c.event, c.option, c.note) for k, c in enumerate(made)]
                store.add_choices(self.id, turn, role, rows)
        return True

    def inject(self, store: Store, event_id: str) -> None:
        """The teacher fires an event in this game now; a role whose decisions changed
        answers again."""
        result = self.table.inject(event_id)
        if isinstance(result, Rejected):
            raise Refused(reason(result))
        store.add_action(self.id, "inject", self.game.turn, event_id)
        for r in self.humans:
            if self.table.choices[r] and not self.table.decided(r):
                store.drop_choices(self.id, self.game.turn, r)
                self._unstage(r)

    def end(self, store: Store) -> None:
        """The teacher ends this game now."""
        if self.game.is_over():
            return
        store.add_action(self.id, "end", self.game.turn)
        for r in self.humans:
            store.drop_choices(self.id, self.game.turn, r)
        self.table.end()

    def pause(self, paused: bool) -> None:
        if paused:
            self.table.pause()
        else:
            self.table.resume()


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
    result = load_result(ref, parsed.length)
    if not result.ok or result.compiled is None:
        raise ValueError(f"the scenario {ref} is not valid")
    if prefix_of(result.compiled.id) != parsed.prefix:
        raise ValueError(f"class code {code} is for another scenario than {ref}")
    return ClassRoom(parsed.code(), ref, result.compiled, result.content_hash, parsed)


def rebuild(row: GroupRow, room: ClassRoom, paused: bool = False) -> Group:
    """A group's table from its stored record: resolved turns replayed, the answers of
    this turn staged again."""
    choices = [a for a in row.actions if a.kind == "choice"]
    order = {r: i for i, r in enumerate(ROLES)}
    choices.sort(key=lambda a: (a.turn, order.get(a.role, 9), a.slot, a.id))
    record = GameRecord(
        scenario=room.ref,
        scenario_id=room.scenario.id,
        scenario_hash=room.content_hash,
        length=room.scenario.definition.length,
        seed=room.parsed.seed,
        turn=max([a.turn for a in row.actions], default=1),
        log=[Choice(a.turn, a.role, a.event, a.option, a.note) for a in choices],
        over=True,  # replay as far as the log fits: this turn's partial answers stop it
        humans=list(row.humans),
        bot=room.bot,
        settings={"class_code": room.code, "group": row.name, "flags": sorted(room.flags)},
        facilitator=[
            FacilitatorAction(a.turn, a.kind, a.event)
            for a in row.actions
            if a.kind in ("inject", "end")
        ],
    )
    table, _done = Table.from_record(record, room.scenario)
    group = Group(row.id, row.name, room, row.humans, dict(row.seats), table)
    g = table.game
    if not g.is_over():
        for role in row.humans:
            mine = [a for a in choices if a.turn == g.turn and a.role == role]
            due = g.pending(role)
            if not mine or [a.event for a in mine] != [d.event for d in due]:
                continue
            for a, d in zip(mine, due, strict=True):
                k = next((o.index for o in d.options if o.id == a.option), None)
                if k is None or not table.choose(role, d.slot, k):
                    group._unstage(role)
                    break
                table.set_note(role, d.slot, a.note)
    group.pause(paused)
    return group
