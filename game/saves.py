"""Saves: a game record (game/record.py) as JSON, written atomically.

A save holds no definitions and no state arrays: loading rebuilds the game from its
record on the scenario, so a save stays small and exact. If the scenario changed since
the save, the rebuild stops at the first move that no longer fits and says so.
Saves are data from strangers: size-capped, shape-checked, never unpickled.

Format 2 lists the facilitator's actions in order (`facilitator`); format 1 saves
(`injected` and `ended_now`) are still read. `length` names the telling of the scenario
(`lesson` for the short one); a save without it is a full-length game.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.engine.game import Choice, FacilitatorAction, Game
from game.presentation import turn_label
from game.record import GameRecord, rebuild

SAVE_FORMAT = 2
READ_FORMATS = (1, 2)
MAX_SAVE_BYTES = 4 * 1024 * 1024
APP_NAME = "strategic-convergence"


class SaveError(Exception):
    """A save that cannot be read; the message says why, for the player."""


SaveData = GameRecord  # a save's content is a game record


@dataclass
class Restored:
    """A game rebuilt from a save, and how well the log still fitted."""

    game: Game
    save: SaveData
    applied: int
    changed: bool  # the scenario's content hash differs from the save's
    note: str = ""
    fits: bool = True  # every decision and facilitator action was replayed


def user_data_dir() -> Path:
    """Where saves, autosaves and crash logs live (per user, per platform)."""
    override = os.environ.get("CONVERGENCE_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_path(APP_NAME, appauthor=False))


def autosave_path() -> Path:
    """The autosave file written after every turn."""
    return user_data_dir() / "autosave.json"


def atomic_write(path: Path, text: str) -> None:
    """Write a file so that a crash leaves either the old or the new content, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_orphans(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a save is an ordinary file
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


ORPHAN_AGE = 60.0  # seconds: older temporary files of a target were left by a killed writer


def remove_orphans(path: Path, suffix: str = ".tmp") -> None:
    """Delete temporary files of `path` that a killed writer left behind (kill -9, power cut).

    Only files named like our own temporary files (`.NAME.*.tmp`) and older than a minute go,
    so another writer's file in progress is never touched.
    """
    import glob
    import time

    cutoff = time.time() - ORPHAN_AGE
    for orphan in path.parent.glob(f".{glob.escape(path.name)}.*{suffix}"):
        try:
            if orphan.is_file() and orphan.stat().st_mtime < cutoff:
                orphan.unlink()
        except OSError:
            pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def save_dict(
    game: Game,
    *,
    scenario: str,
    content_hash: str,
    humans: list[str] | tuple[str, ...] = ("india",),
    bot: str = "balanced",
    settings: dict[str, Any] | None = None,
    players: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON-ready save of a game."""
    record = GameRecord.of(
        game,
        scenario=scenario,
        content_hash=content_hash,
        humans=humans,
        bot=bot,
        settings=settings,
        players=players,
        extra=extra,
    )
    return record_dict(record, game)


def record_dict(record: GameRecord, game: Game | None = None) -> dict[str, Any]:
    """The JSON-ready save of a record (with a summary of `game` for save lists)."""
    out: dict[str, Any] = {
        "format": SAVE_FORMAT,
        "game": "strategic-convergence",
        "scenario": record.scenario,
        "scenario_id": record.scenario_id,
        "scenario_hash": record.scenario_hash,
        "length": record.length,
        "seed": record.seed,
        "turn": record.turn,
        "over": record.over,
        "humans": list(record.humans),
        "bot": record.bot,
        "settings": record.settings,
        "players": record.players,
        "log": [c.to_dict() for c in record.log],
        "facilitator": [
            {"turn": a.turn, "action": a.kind, **({"event": a.event} if a.event else {})}
            for a in record.facilitator
        ],
    }
    if game is not None:
        out["summary"] = {
            "title": game.text(game.definition.title),  # for the Continue card and Load list
            "turn_label": turn_label(game),
            "values": game.values(),
            "ending": game.ending().id if game.ending() else None,
            "ending_title": game.text(game.ending().title) if game.ending() else None,
            "scores": game.scores() if game.is_over() else None,
        }
    if record.extra:
        out["extra"] = record.extra
    return out


AUTOSAVES_KEPT = 3


def write_save(path: Path | str, data: dict[str, Any]) -> None:
    """Write a save dict atomically (OSError if the disk says no).

    The autosave keeps its previous versions (`autosave.1.json`, `autosave.2.json`), so a
    damaged autosave never costs more than a turn.
    """
    path = Path(path)
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    if path == autosave_path() and path.exists():
        for k in range(AUTOSAVES_KEPT - 1, 0, -1):
            older = path.with_name(f"autosave.{k}.json")
            newer = path if k == 1 else path.with_name(f"autosave.{k - 1}.json")
            if newer.exists():
                os.replace(newer, older) if k > 1 else _copy(newer, older)
    atomic_write(path, text)


def _copy(src: Path, dst: Path) -> None:
    atomic_write(dst, src.read_text("utf-8"))


def autosaves() -> list[Path]:
    """The autosave and its previous versions that exist, newest first."""
    first = autosave_path()
    paths = [first] + [first.with_name(f"autosave.{k}.json") for k in range(1, AUTOSAVES_KEPT)]
    return [p for p in paths if p.exists()]


def latest_readable_autosave() -> tuple[Path, SaveData] | None:
    """The newest autosave that reads cleanly (a damaged one falls back to the one before)."""
    for p in autosaves():
        try:
            return p, read_save(p)
        except SaveError:
            continue
    return None


def read_save(path: Path | str) -> SaveData:
    """Read and check a save file (SaveError with a clear message if it is not one)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(f"{path} is too large to be a save ({size} bytes)")
        raw = path.read_bytes()
    except OSError as err:
        raise SaveError(f"cannot read {path}: {err.strerror or err}") from None
    from game.savecheck import decode

    return parse_save(decode(raw, str(path)), str(path))


def parse_save(data: Any, name: str = "save") -> SaveData:
    """Check the shape of save data and convert it (SaveError if wrong)."""
    if not isinstance(data, dict):
        raise SaveError(f"{name} is not a save: expected a JSON object")
    fmt = data.get("format")
    if fmt not in READ_FORMATS or isinstance(fmt, bool):
        raise SaveError(
            f"{name} has save format {fmt!r}; this game reads formats "
            f"{', '.join(map(str, READ_FORMATS))}"
        )

    from game.savecheck import check

    check(data, name)  # what a save may hold and reference (game/savecheck.py)

    def need(key: str, kind: type | tuple[type, ...]) -> Any:
        value = data.get(key)
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise SaveError(f"{name}: {key!r} is missing or has the wrong type")
        return value

    log_raw = need("log", list)
    if len(log_raw) > 10_000:
        raise SaveError(f"{name}: the decision log is implausibly long")
    log = []
    for i, c in enumerate(log_raw):
        try:
            if not isinstance(c, dict):
                raise TypeError
            log.append(Choice.from_dict(c))
        except (KeyError, TypeError, ValueError):
            raise SaveError(f"{name}: decision {i + 1} of the log is malformed") from None
    humans = data.get("humans", ["india"])
    if not isinstance(humans, list) or not all(h in ("india", "us") for h in humans):
        raise SaveError(f"{name}: 'humans' must list india and/or us")
    if fmt == 1:
        actions = [
            FacilitatorAction(t, "inject", e) for t, e in _injected(data.get("injected", []), name)
        ]
        ended = _ended_now(data.get("ended_now"), name)
        if ended is not None:
            actions.append(FacilitatorAction(ended, "end"))
    else:
        actions = _facilitator(data.get("facilitator", []), name)
    length = data.get("length", "full")
    if not isinstance(length, str) or not re.fullmatch(r"[a-z][a-z0-9_]{0,47}", length):
        raise SaveError(f"{name}: 'length' must be a length's name such as full or lesson")
    return GameRecord(
        length=length,
        scenario=need("scenario", str),
        scenario_id=need("scenario_id", str),
        scenario_hash=str(data.get("scenario_hash", "")),
        seed=need("seed", int),
        turn=need("turn", int),
        log=log,
        over=bool(data.get("over", False)),
        humans=humans,
        bot=str(data.get("bot", "balanced")),
        settings=data.get("settings") if isinstance(data.get("settings"), dict) else {},
        players=data.get("players") if isinstance(data.get("players"), dict) else {},
        extra=data.get("extra") if isinstance(data.get("extra"), dict) else {},
        facilitator=actions,
    )


def _ended_now(raw: Any, name: str) -> int | None:
    if raw is None:
        return None
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 1:
        raise SaveError(f"{name}: 'ended_now' must be a turn number")
    return raw


def _injected(raw: Any, name: str) -> list[tuple[int, str]]:
    if not isinstance(raw, list) or not all(
        isinstance(x, list)
        and len(x) == 2
        and isinstance(x[0], int)
        and isinstance(x[1], str)
        and not isinstance(x[0], bool)
        for x in raw
    ):
        raise SaveError(f"{name}: 'injected' must list [turn, event] pairs")
    return [(int(t), str(e)) for t, e in raw]


def _facilitator(raw: Any, name: str) -> list[FacilitatorAction]:
    """The facilitator's actions of a format 2 save (SaveError if malformed)."""
    if not isinstance(raw, list) or len(raw) > 10_000:
        raise SaveError(f"{name}: 'facilitator' must list the facilitator's actions")
    out = []
    for i, a in enumerate(raw):
        turn = a.get("turn") if isinstance(a, dict) else None
        kind = a.get("action") if isinstance(a, dict) else None
        event = a.get("event", "") if isinstance(a, dict) else None
        if (
            not isinstance(turn, int)
            or isinstance(turn, bool)
            or turn < 1
            or kind not in ("inject", "end")
            or not isinstance(event, str)
            or (kind == "inject") != bool(event)
        ):
            raise SaveError(f"{name}: facilitator action {i + 1} is malformed")
        out.append(FacilitatorAction(turn, kind, event))
    return out


def restore(save: SaveData) -> Restored:
    """Load the save's scenario and replay its log (ScenarioError/FileNotFoundError pass up)."""
    from game.scenario.loader import load, load_result

    result = load_result(save.scenario, save.length)
    sc = load(save.scenario, save.length)
    from game.engine.bots import personas_of

    if save.bot not in personas_of(sc):
        raise SaveError(
            f"this save's opponent {save.bot!r} is not one of {', '.join(personas_of(sc))}"
        )
    changed = bool(save.scenario_hash) and result.content_hash != save.scenario_hash
    done = rebuild(save, sc)
    game, applied = done.game, done.applied
    note = ""
    if not done.fits:
        note = f"The scenario has changed since this game was saved. {done.misfit()}"
    elif changed:
        note = "The scenario file has changed since this save; every decision still fits."
    return Restored(game, save, applied, changed, note, done.fits)
