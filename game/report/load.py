"""Reading saves for reports: each save replayed on its scenario, compiled once per scenario file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.game import Game
from game.record import rebuild
from game.saves import SaveData, SaveError, read_save


class ReportError(Exception):
    """A report that cannot be made; the message says why, for the teacher."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Team:
    """One save, replayed: the game as the team left it."""

    path: Path
    save: SaveData
    game: Game
    note: str = ""  # set when the save no longer fits its scenario
    name: str = ""
    saved_at: datetime | None = None

    @property
    def humans(self) -> list[str]:
        return [r for r in ROLES if r in self.save.humans]

    @property
    def code(self) -> str:
        from game.classcode import canonical  # saves written before codes were canonical

        return canonical(str(self.save.settings.get("class_code", "") or ""))

    @property
    def over(self) -> bool:
        return self.game.is_over()

    @property
    def players(self) -> str:
        """Who played, from the save's `players` field (role -> names), or ''."""
        names = [str(v).strip() for v in self.save.players.values() if str(v).strip()]
        return ", ".join(dict.fromkeys(names))

    def notes(self) -> int:
        return sum(1 for c in self.game.log if c.note.strip())


class ScenarioCache:
    """Compiled scenarios by file and modification time, so 40 saves load one scenario once."""

    def __init__(self) -> None:
        self._by_file: dict[tuple[str, int, str], tuple[CompiledScenario, str]] = {}

    def get(self, save: SaveData, save_path: Path) -> tuple[CompiledScenario, str]:
        """The scenario a save refers to and its content hash (ReportError if unusable)."""
        from game.scenario.loader import ScenarioError, bundled_ids, load_result, resolve

        candidates: list[str] = [save.scenario]
        ref = Path(save.scenario)
        if not ref.is_absolute() and save.scenario not in bundled_ids():
            candidates.append(str(save_path.parent / ref))
        if save.scenario_id in bundled_ids():
            candidates.append(save.scenario_id)
        path = None
        for name in candidates:
            try:
                path = resolve(name)
                break
            except FileNotFoundError:
                continue
        if path is None:
            raise ReportError(
                f"{save_path}: its scenario {save.scenario!r} cannot be found "
                "(copy the scenario file next to the save, or install the game that made it)"
            )
        try:
            key = (str(path.resolve()), path.stat().st_mtime_ns, save.length)
        except OSError as err:
            raise ReportError(f"{save_path}: cannot read its scenario {path}: {err}") from None
        found = self._by_file.get(key)
        if found is None:
            try:
                result = load_result(str(path), save.length)
            except (FileNotFoundError, ScenarioError) as err:
                raise ReportError(
                    f"{save_path}: its scenario {path} cannot be loaded: {err}"
                ) from None
            if not result.ok or result.compiled is None:
                first = result.errors[0].format() if result.errors else "unknown problem"
                raise ReportError(f"{save_path}: its scenario {path} is not valid: {first}")
            found = self._by_file[key] = (result.compiled, result.content_hash)
        sc = found[0]
        if sc.id != save.scenario_id:
            raise ReportError(
                f"{save_path}: the save is a game of {save.scenario_id!r} but {path} "
                f"holds {sc.id!r}"
            )
        return found


def load_team(path: Path | str, cache: ScenarioCache | None = None) -> Team:
    """Read a save and replay it (ReportError with a clear message if that fails)."""
    path = Path(path)
    if path.is_dir():
        raise ReportError(f"{path} is a folder, not a save")
    try:
        save = read_save(path)
    except SaveError as err:
        raise ReportError(str(err)) from None
    sc, content_hash = (cache or ScenarioCache()).get(save, path)
    try:
        done = rebuild(save, sc)
    except Exception as err:  # noqa: BLE001 - a hand-edited save must not crash the report
        raise ReportError(f"{path}: the game cannot be replayed ({err})") from None
    game = done.game
    note = ""
    if not done.fits:
        note = (
            f"The scenario has changed since this game was saved. {done.misfit()} This "
            f"report covers the game up to there."
        )
    elif save.scenario_hash and content_hash and save.scenario_hash != content_hash:
        note = (
            "The scenario file has changed since this game was saved; every decision still "
            "fits, but the numbers may differ from what the players saw."
        )
    try:
        saved_at = datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        saved_at = None
    team = Team(path, save, game, note=note, saved_at=saved_at)
    team.name = team.players or path.stem
    return team


def expand_paths(args: Sequence[str | Path]) -> tuple[list[Path], bool]:
    """Save files named on the command line (a folder means its *.json); True if a folder was given."""
    out: list[Path] = []
    folder = False
    for a in args:
        p = Path(a)
        if p.is_dir():
            folder = True
            out += sorted(x for x in p.glob("*.json") if x.is_file())
        else:
            out.append(p)
    return list(dict.fromkeys(out)), folder


def load_teams(
    paths: Sequence[Path | str], cache: ScenarioCache | None = None
) -> tuple[list[Team], list[tuple[str, str]]]:
    """Replay every save that can be replayed; the others come back as (file, reason)."""
    cache = cache or ScenarioCache()
    teams, skipped = [], []
    for p in paths:
        try:
            teams.append(load_team(p, cache))
        except ReportError as err:
            why = str(err)
            if why.startswith(str(p)):  # the file is named beside the reason already
                why = why[len(str(p)) :].lstrip(": ")
            skipped.append((str(p), why))
    return teams, skipped
