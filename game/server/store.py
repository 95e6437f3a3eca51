"""The classroom server's storage: classes, groups, seats and every accepted action.

SQLAlchemy Core over a database URL: SQLite in the user's data folder by default, a
file with `--db FILE`, or any URL SQLAlchemy speaks (`postgresql://...`) for a school
that runs a database server. The store keeps the game *record*, not game state: the
class (scenario, seed, difficulty, flags), each group's seats, and an append-only list
of actions (decisions, facilitator injections, early ends). A game is rebuilt from that
record by replaying it, so a restart resumes every game where it was.

Each method runs in one transaction and returns after the commit: the server
acknowledges a decision only once `add_choices` has returned.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

SCHEMA_VERSION = 1

meta = MetaData()

settings_t = Table(
    "settings",
    meta,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

classes_t = Table(
    "classes",
    meta,
    Column("code", String(32), primary_key=True),
    Column("scenario", String(200), nullable=False),
    Column("created", Float, nullable=False),
)

groups_t = Table(
    "groups",
    meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("class_code", String(32), ForeignKey("classes.code"), nullable=False),
    Column("name", String(64), nullable=False),
    Column("humans", String(16), nullable=False),  # "india", "us" or "india+us"
    Column("created", Float, nullable=False),
    UniqueConstraint("class_code", "name"),
)

seats_t = Table(
    "seats",
    meta,
    Column("group_id", Integer, ForeignKey("groups.id"), primary_key=True),
    Column("role", String(8), primary_key=True),
    Column("key", String(64), nullable=False),
    Column("players", String(200), nullable=False, default=""),
)

actions_t = Table(
    "actions",
    meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("group_id", Integer, ForeignKey("groups.id"), nullable=False, index=True),
    Column("kind", String(8), nullable=False),  # choice | inject | end
    Column("turn", Integer, nullable=False),
    Column("role", String(8), nullable=False, default=""),
    Column("slot", Integer, nullable=False, default=0),
    Column("event", String(100), nullable=False, default=""),
    Column("option", String(100), nullable=False, default=""),
    Column("note", String(600), nullable=False, default=""),
    Column("at", Float, nullable=False),
)


class StoreError(Exception):
    """The database cannot be opened or written; the message says why."""


@dataclass
class Action:
    """One stored action of a group, in the order it was accepted."""

    id: int
    kind: str
    turn: int
    role: str = ""
    slot: int = 0
    event: str = ""
    option: str = ""
    note: str = ""


@dataclass
class GroupRow:
    """A group as stored: its seats (role -> key, players) and its actions."""

    id: int
    class_code: str
    name: str
    humans: tuple[str, ...]
    seats: dict[str, tuple[str, str]] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)


def database_url(db: str | None, data_dir: Path) -> str:
    """The URL for `--db`: a URL as it is, a file path as SQLite, nothing as the default file."""
    if db and "://" in db:
        return db
    path = Path(db) if db else data_dir / "classroom.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path.resolve()}"


class Store:
    """The server's database (StoreError when it cannot be opened)."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url, future=True)
            if url.startswith("sqlite"):
                event.listen(self.engine, "connect", _sqlite_pragmas)
            meta.create_all(self.engine)
            version = self.get_setting("schema_version")
        except SQLAlchemyError as err:
            raise StoreError(
                f"cannot open the database {_safe(url)}: {err.__class__.__name__}: "
                f"{getattr(err, 'orig', err)}"
            ) from None
        if version is None:
            self.set_setting("schema_version", str(SCHEMA_VERSION))
        elif version != str(SCHEMA_VERSION):
            raise StoreError(
                f"the database {_safe(url)} was made by another version of the game "
                f"(schema {version}, this one reads {SCHEMA_VERSION})"
            )

    def close(self) -> None:
        self.engine.dispose()

    # -- settings -----------------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        with self.engine.connect() as c:
            row = c.execute(select(settings_t.c.value).where(settings_t.c.key == key)).first()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        with self.engine.begin() as c:
            done = c.execute(
                update(settings_t).where(settings_t.c.key == key).values(value=value)
            ).rowcount
            if not done:
                c.execute(insert(settings_t).values(key=key, value=value))

    def teacher_token(self) -> str:
        """The teacher's token, made once per database so a restart keeps the URLs."""
        token = self.get_setting("teacher_token")
        if token is None:
            token = secrets.token_urlsafe(18)
            self.set_setting("teacher_token", token)
        return token

    # -- classes and groups -------------------------------------------------------------

    def classes(self) -> list[tuple[str, str]]:
        """(code, scenario) of every class, oldest first."""
        with self.engine.connect() as c:
            rows = c.execute(
                select(classes_t.c.code, classes_t.c.scenario).order_by(classes_t.c.created)
            ).all()
        return [(str(a), str(b)) for a, b in rows]

    def add_class(self, code: str, scenario: str) -> None:
        with self.engine.begin() as c:
            exists = c.execute(select(classes_t.c.code).where(classes_t.c.code == code)).first()
            if exists is None:
                c.execute(
                    insert(classes_t).values(code=code, scenario=scenario, created=time.time())
                )

    def add_group(
        self, class_code: str, name: str, humans: Sequence[str], seats: dict[str, str]
    ) -> GroupRow:
        """A new group with its seats (role -> players), which share one fresh key."""
        with self.engine.begin() as c:
            gid = c.execute(
                insert(groups_t).values(
                    class_code=class_code, name=name, humans="+".join(humans), created=time.time()
                )
            ).inserted_primary_key[0]
            row = GroupRow(int(gid), class_code, name, tuple(humans))
            key = secrets.token_urlsafe(12)
            for role, players in seats.items():
                c.execute(insert(seats_t).values(group_id=gid, role=role, key=key, players=players))
                row.seats[role] = (key, players)
        return row

    def add_seat(self, group_id: int, role: str, players: str) -> str:
        """Take a free seat of a group (the second group of a pairing); returns its key."""
        key = secrets.token_urlsafe(12)
        with self.engine.begin() as c:
            c.execute(
                insert(seats_t).values(group_id=group_id, role=role, key=key, players=players)
            )
        return key

    def groups(self) -> list[GroupRow]:
        """Every group with its seats and actions, in creation order."""
        with self.engine.connect() as c:
            rows = c.execute(select(groups_t).order_by(groups_t.c.id)).all()
            seats = c.execute(select(seats_t)).all()
            actions = c.execute(select(actions_t).order_by(actions_t.c.id)).all()
        out = {r.id: GroupRow(r.id, r.class_code, r.name, tuple(r.humans.split("+"))) for r in rows}
        for s in seats:
            if s.group_id in out:
                out[s.group_id].seats[s.role] = (s.key, s.players)
        for a in actions:
            if a.group_id in out:
                out[a.group_id].actions.append(
                    Action(a.id, a.kind, a.turn, a.role, a.slot, a.event, a.option, a.note)
                )
        return list(out.values())

    # -- actions ------------------------------------------------------------------------

    def add_choices(self, group_id: int, turn: int, role: str, answers: Sequence[Any]) -> None:
        """Store a role's answers to this turn's decisions (slot, event, option id, note)."""
        now = time.time()
        with self.engine.begin() as c:
            for slot, ev, option, note in answers:
                c.execute(
                    insert(actions_t).values(
                        group_id=group_id,
                        kind="choice",
                        turn=turn,
                        role=role,
                        slot=slot,
                        event=ev,
                        option=option,
                        note=note,
                        at=now,
                    )
                )

    def drop_choices(self, group_id: int, turn: int, role: str) -> None:
        """Forget a role's staged answers of a turn (the decisions changed under them)."""
        with self.engine.begin() as c:
            c.execute(
                delete(actions_t).where(
                    actions_t.c.group_id == group_id,
                    actions_t.c.kind == "choice",
                    actions_t.c.turn == turn,
                    actions_t.c.role == role,
                )
            )

    def add_action(self, group_id: int, kind: str, turn: int, event_id: str = "") -> None:
        """A facilitator's action: `inject` (an event id) or `end`."""
        with self.engine.begin() as c:
            c.execute(
                insert(actions_t).values(
                    group_id=group_id, kind=kind, turn=turn, event=event_id, at=time.time()
                )
            )


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")  # a commit is on disk before the server answers
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _safe(url: str) -> str:
    """A URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://…@{rest.rsplit('@', 1)[1]}"
    return url


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
