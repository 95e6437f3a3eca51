"""What a save may hold and reference: the checks `game.saves.read_save` runs on untrusted saves.

A save comes from a stranger (a student's machine, an e-mail). Whatever its bytes, reading it
either gives checked data or raises :class:`game.saves.SaveError` with a message for the
player: never another exception, never the content of a file that is not a scenario.

- JSON that Python cannot take (a 5,000-digit number, 50,000 levels of nesting) is an error,
  and so is data nested deeper than any save the game writes.
- A save names its scenario by a bundled id, or by the path of a file with a YAML suffix
  (`.yaml`, `.yml`): never any other file, so a save cannot make the game read `/etc/passwd`.
- Ids in the decision log are ids (lower-case letters, digits, `_`), roles are india/us,
  `humans` lists at least one distinct role, the bot is a name, the seed fits 64 bits.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any

from game.saves import SaveError

MAX_NESTING = 16  # a save the game writes nests 4 deep
SEED_RANGE = (-(2**63), 2**64)
MAX_TURN = 1000
SCENARIO_SUFFIXES = (".yaml", ".yml")
_ID = re.compile(r"^[a-z][a-z0-9_]{0,47}$")
_ROLES = ("india", "us")


def decode(raw: bytes, name: str) -> Any:
    """The JSON value of a save's bytes (SaveError if they are not JSON Python can hold)."""
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise SaveError(f"{name} is not a readable save (damaged or truncated): {err}") from None
    except RecursionError:
        raise SaveError(f"{name} is not a save: its data is nested too deeply") from None
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise SaveError(f"{name} is not a save: it holds a number too long to read") from None


def nesting(value: Any) -> int:
    """How deeply lists and objects nest in value (iterative: no recursion on hostile data)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = list(node.values())
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_NESTING:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


def scenario_ref(ref: str, name: str) -> str:
    """The save's scenario reference, if a save may use it: a bundled id or a YAML file."""
    from game.scenario.loader import bundled_ids

    if ref in bundled_ids():
        return ref
    if "\x00" not in ref and PurePath(ref).suffix.lower() in SCENARIO_SUFFIXES:
        return ref
    raise SaveError(
        f"{name}: its scenario must be a bundled id ({', '.join(bundled_ids())}) or a YAML file "
        "(.yaml or .yml); this save names something else"
    )


def check(data: dict[str, Any], name: str) -> None:
    """Refuse save data the game could not have written (SaveError); data is a JSON object."""
    if nesting(data) > MAX_NESTING:
        raise SaveError(f"{name} is not a save: its data is nested too deeply")
    seed = data.get("seed")
    if isinstance(seed, int) and not isinstance(seed, bool):
        if not SEED_RANGE[0] <= seed < SEED_RANGE[1]:
            raise SaveError(f"{name}: the seed is out of range (it must fit in 64 bits)")
    turn = data.get("turn")
    if isinstance(turn, int) and not 0 <= turn <= MAX_TURN:
        raise SaveError(f"{name}: the turn is out of range")
    if isinstance(data.get("scenario"), str):
        scenario_ref(data["scenario"], name)
    humans = data.get("humans", ["india"])
    if not isinstance(humans, list) or not humans or len(set(map(str, humans))) != len(humans):
        raise SaveError(f"{name}: 'humans' must list india and/or us, each once")
    bot = data.get("bot", "balanced")
    if not isinstance(bot, str) or not _ID.match(bot):
        raise SaveError(f"{name}: 'bot' must name an opponent, like balanced or expert")
    log = data.get("log")
    if isinstance(log, list):
        for i, c in enumerate(log):
            if not isinstance(c, dict):
                continue  # the shape check says so
            turn_, role = c.get("turn"), c.get("role")
            ids = (c.get("event"), c.get("option"))
            if (
                not isinstance(turn_, int)
                or isinstance(turn_, bool)
                or not 0 <= turn_ <= MAX_TURN
                or role not in _ROLES
                or not all(isinstance(x, str) and _ID.match(x) for x in ids)
                or not isinstance(c.get("note", ""), str)
            ):
                raise SaveError(f"{name}: decision {i + 1} of the log is malformed")
    injected = data.get("injected", [])
    if isinstance(injected, list):
        for x in injected:
            if isinstance(x, list) and len(x) == 2 and isinstance(x[1], str):
                if not _ID.match(x[1]):
                    raise SaveError(f"{name}: 'injected' must list [turn, event] pairs")
    actions = data.get("facilitator", [])  # format 2: the facilitator's actions in order
    if isinstance(actions, list):
        for i, a in enumerate(actions):
            event = a.get("event") if isinstance(a, dict) else None
            turn_ = a.get("turn") if isinstance(a, dict) else None
            if (isinstance(event, str) and event and not _ID.match(event)) or (
                isinstance(turn_, int) and not 0 <= turn_ <= MAX_TURN
            ):
                raise SaveError(f"{name}: facilitator action {i + 1} is malformed")


# -- where the game may write ---------------------------------------------------------------


def is_save_file(path: Path) -> bool:
    """True if path holds a save of this game (so writing a newer save over it loses nothing)."""
    try:
        if path.stat().st_size > 4 * 1024 * 1024:
            return False
        data = decode(path.read_bytes(), str(path))
    except (OSError, SaveError):
        return False
    return isinstance(data, dict) and (
        data.get("game") == "strategic-convergence" or ("format" in data and "log" in data)
    )


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def output_problem(
    path: Path | str, inputs: Sequence[Path | str] = (), *, may_replace_save: bool
) -> str | None:
    """Why the game must not write `path`, or None if it may.

    Never over one of the command's inputs (the scenario played, the saves reported on), never
    over a read-only file, and never over an existing file that is not a save of this game
    (`may_replace_save`) or that is one (reports: a report never replaces a save).
    """
    path = Path(path)
    for given in inputs:
        if _same(path, Path(given)):
            return f"{path} is one of this command's inputs; give another file name"
    if path.is_dir():
        return f"{path} is a folder"
    if not path.exists():
        return None
    if not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222:  # root ignores modes
        return f"{path} is read-only; give another file name"
    if path.suffix.lower() in SCENARIO_SUFFIXES:
        return f"{path} looks like a scenario file; give another file name"
    save = is_save_file(path)
    if may_replace_save and not save:
        return f"{path} exists and is not a save of this game; give another file name"
    if not may_replace_save and save:
        return f"{path} is a save; a report never replaces one: give another file name"
    return None


def beside(path: Path | str, tag: str = "continued") -> Path:
    """A new file name next to path: `team.continued.json`, `team.continued-2.json`, ..."""
    path = Path(path)
    k = 1
    while True:
        name = f"{path.stem}.{tag}{'' if k == 1 else f'-{k}'}{path.suffix or '.json'}"
        candidate = path.with_name(name)
        if not candidate.exists():
            return candidate
        k += 1
