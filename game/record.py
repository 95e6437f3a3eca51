"""The game record, and the one way to rebuild a game from it.

A `GameRecord` holds everything needed to rebuild a game exactly: which scenario (its
reference and content hash, and its length: `full` or a shorter telling such as `lesson`), the seed, who sits at the table (the roles people play,
the bot and its difficulty for the others, the players' names, the class settings),
the decision log with the players' notes, and every facilitator action with its place
in the turn. The game's state is never stored: `rebuild` plays the record again on the
compiled scenario, with the same dice, so it gives the same game.

Saves serialise a record (game/saves.py), and the window's helper process, F5 reload,
`--resume`, `replay`, reports and what-ifs all rebuild through `rebuild`. The module is
pure: no file, no YAML, no window; the caller brings the compiled scenario (from a
cache, a fresh reload, or the game at hand).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.game import Choice, FacilitatorAction, Game


@dataclass
class GameRecord:
    """Everything needed to rebuild one game (see the module's doc)."""

    scenario: str  # bundled id or path of the scenario file
    scenario_id: str
    scenario_hash: str
    seed: int
    turn: int  # the turn the game stood at
    log: list[Choice]
    over: bool = False
    humans: list[str] = field(default_factory=lambda: ["india"])
    bot: str = "balanced"  # the computer's persona for the roles nobody plays
    settings: dict[str, Any] = field(default_factory=dict)  # difficulty, class code, flags…
    players: dict[str, str] = field(default_factory=dict)  # role -> player's name
    extra: dict[str, Any] = field(default_factory=dict)
    facilitator: list[FacilitatorAction] = field(default_factory=list)
    length: str = "full"  # which telling of the scenario: `full` or a shorter one (`lesson`)

    def __post_init__(self) -> None:
        # a reference that carries its length (`tariff_friction@lesson`, as the command line
        # and the window pass it) is kept as two fields: saves name plain ids and files
        base, at, tail = self.scenario.rpartition("@")
        if at and base and tail.isidentifier() and tail.islower() and self.length == "full":
            self.scenario, self.length = base, tail

    @classmethod
    def of(
        cls,
        game: Game,
        *,
        scenario: str,
        content_hash: str = "",
        humans: list[str] | tuple[str, ...] = ("india",),
        bot: str = "balanced",
        settings: dict[str, Any] | None = None,
        players: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> GameRecord:
        """The record of a game as it stands now, with who sits at the table.

        `scenario` may carry the game's length (`tariff_friction@lesson`); the record keeps
        the two apart."""
        length = game.definition.length
        return cls(
            scenario=scenario.removesuffix(f"@{length}"),
            scenario_id=game.definition.id,
            scenario_hash=content_hash,
            seed=game.seed,
            turn=game.turn,
            log=list(game.log),
            over=game.is_over(),
            humans=[r for r in ROLES if r in humans],
            bot=bot,
            settings=dict(settings or {}),
            players=dict(players or {}),
            extra=dict(extra or {}),
            facilitator=list(game.facilitator),
            length=length,
        )

    def now(self, game: Game) -> GameRecord:
        """This record with the game's moves so far (the seats stay)."""
        return replace(
            self,
            turn=game.turn,
            log=list(game.log),
            over=game.is_over(),
            facilitator=list(game.facilitator),
        )

    @property
    def injected(self) -> list[tuple[int, str]]:
        """(turn, event) of every event a facilitator fired."""
        return [(a.turn, a.event) for a in self.facilitator if a.kind == "inject"]

    @property
    def ended_now(self) -> int | None:
        """The turn in which a facilitator ended the game, if one did."""
        return next((a.turn for a in self.facilitator if a.kind == "end"), None)


@dataclass
class Rebuilt:
    """A game rebuilt from a record, and how far the record still fitted the scenario."""

    game: Game
    record: GameRecord
    applied: int  # decisions of the log replayed
    actions: int  # facilitator actions replayed

    @property
    def fits(self) -> bool:
        """True when every decision and every facilitator action was replayed."""
        return self.applied == len(self.record.log) and self.actions == len(self.record.facilitator)

    def misfit(self) -> str:
        """Where the record stopped fitting the scenario, in words ('' if it fits)."""
        if self.fits:
            return ""
        log = self.record.log
        if self.applied < len(log):
            bad = log[self.applied]
            what = (
                f"decision {self.applied + 1} of the game (turn {bad.turn}, "
                f"{bad.role}: {bad.event}.{bad.option})"
            )
        else:
            act = self.record.facilitator[self.actions]
            what = f"the facilitator's {act.kind} {act.event} in turn {act.turn}".replace("  ", " ")
        return (
            f"The game no longer fits the scenario at {what}: {self.applied} of {len(log)} "
            f"decisions fit, up to turn {self.game.turn}."
        )


def rebuild(
    record: GameRecord,
    scenario: CompiledScenario,
    lang: str = "en",
    *,
    quiet: bool = False,
    visit: Callable[[Game, dict[str, list[int]]], None] | None = None,
) -> Rebuilt:
    """Play a record again on a compiled scenario, as far as it fits.

    Each turn: the facilitator's actions of that turn in their order, then the turn's
    decisions. An unfinished game stops at the record's turn with that turn's facilitator
    actions done and its decisions still due.

    `quiet` switches off the ledger and the news journal (a what-if needs only values).
    `visit(game, picks)` is called at each turn's decision point, before the turn's
    decisions apply, with the log index of each role's answers (what-ifs fork there).
    """
    game = Game(scenario, record.seed, lang=lang)
    if quiet:
        game.state.ledger = None
        game.state.journal = None
    by_turn: dict[int, list[int]] = {}
    for i, c in enumerate(record.log):
        by_turn.setdefault(c.turn, []).append(i)
    acts: dict[int, list[FacilitatorAction]] = {}
    for a in record.facilitator:
        acts.setdefault(a.turn, []).append(a)
    until = None if record.over else record.turn
    applied = done = 0
    while not game.is_over():
        turn = game.turn
        for a in acts.pop(turn, []):
            if a.kind == "end":
                game.end_now()
            elif a.kind != "inject" or not game.inject(a.event):
                return Rebuilt(game, record, applied, done)
            done += 1
        if game.is_over() or (until is not None and turn >= until):
            break
        log = record.log
        todo = by_turn.get(turn, [])
        picks: dict[str, list[int]] = {}
        for role in ROLES:
            due = game.pending(role)
            mine = [i for i in todo if log[i].role == role]
            if [log[i].event for i in mine] != [x.event for x in due]:
                return Rebuilt(game, record, applied, done)
            if due:
                picks[role] = mine
        if visit is not None:
            visit(game, picks)
        actions = {r: [log[i].option for i in mine] for r, mine in picks.items()}
        notes = {r: [log[i].note for i in mine] for r, mine in picks.items()}
        if not game.apply(actions, notes):
            return Rebuilt(game, record, applied, done)
        applied += sum(len(v) for v in actions.values())
    return Rebuilt(game, record, applied, done)
