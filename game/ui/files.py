"""The player's files: where saves, autosave, crash logs and screenshots live, and the save list.

Deliberately free of engine imports so the main menu can show "Continue" instantly.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pygame

SAVE_FORMATS = (1, 2)  # game.saves.READ_FORMATS, without importing the engine


@dataclass
class SaveInfo:
    """A save file as the Load screen lists it."""

    path: Path
    title: str
    detail: str
    when: float
    ok: bool
    autosave: bool = False
    over: bool = False
    scenario: str = ""
    turn_label: str = ""


def data_dir() -> Path:
    """The user data folder (same rule as game.saves.user_data_dir, without importing the engine)."""
    override = os.environ.get("CONVERGENCE_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_path("strategic-convergence", appauthor=False))


def describe_save(path: Path, autosave: bool = False) -> SaveInfo | None:
    """Read just enough of a save to list it (never raises; damaged saves say so)."""
    try:
        st = path.stat()
    except OSError:
        return None
    try:
        if st.st_size > 4 * 1024 * 1024:
            raise ValueError("too large")
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict) or data.get("format") not in SAVE_FORMATS:
            raise ValueError("not a save")
        summary = data.get("summary") if isinstance(data.get("summary"), dict) else {}
        scen = str(data.get("scenario_id") or data.get("scenario") or "?")
        label = str(summary.get("turn_label") or f"turn {data.get('turn', '?')}")
        over = bool(data.get("over"))
        humans = data.get("humans") if isinstance(data.get("humans"), list) else ["india"]
        role = {"india": "India", "us": "United States"}.get(str(humans[0]) if humans else "", "?")
        title = summary.get("title")
        if not isinstance(title, str) or not title.strip():
            title = scen.replace("_", " ").title()  # a save from before titles were kept
        title = " ".join(title.split())[:80]
        detail = (
            f"{role} \u00b7 {'finished' if over else label} \u00b7 turn {data.get('turn', '?')}"
        )
        if over:  # a finished game: its ending and the player's score
            detail = f"{role} \u00b7 finished"
            ending = summary.get("ending_title") or summary.get("ending")
            if isinstance(ending, str) and ending.strip():
                detail += f": {' '.join(ending.split())[:60]}"
            scores = summary.get("scores")
            you = str(humans[0]) if humans else ""
            if isinstance(scores, dict) and isinstance(scores.get(you), int | float):
                detail += f" \u00b7 score {float(scores[you]):.0f}/100"
        return SaveInfo(
            path,
            title,
            detail,
            st.st_mtime,
            True,
            autosave,
            over,
            str(data.get("scenario", "")),
            label,
        )
    except (OSError, ValueError, UnicodeDecodeError) as err:
        return SaveInfo(path, path.name, f"damaged: {err}", st.st_mtime, False, autosave)


def list_saves() -> list[SaveInfo]:
    """The autosave first, then saves/ newest first."""
    base = data_dir()
    out = []
    auto = describe_save(base / "autosave.json", autosave=True)
    if auto is not None:
        out.append(auto)
    folder = base / "saves"
    if folder.is_dir():
        found = [describe_save(p) for p in folder.glob("*.json")]
        out += sorted((f for f in found if f is not None), key=lambda s: -s.when)
    return out


class SaveWriter:
    """Writes saves on a background thread, in order, so a slow disk never stalls a frame.

    Each write is atomic (game.saves.write_save: temp file, fsync, rename), so the file on
    disk is always a whole save: the previous one until the new one is complete.
    """

    def __init__(self) -> None:
        import queue
        import threading

        self._jobs: queue.Queue[tuple[Path, dict, list[str]] | None] = queue.Queue()
        self._lock = threading.Lock()
        self._pending = 0
        self._thread: threading.Thread | None = None
        self.last_error = ""

    def write(self, path: Path, data: dict, errors: list[str] | None = None) -> None:
        """Queue a save; failures are kept in `last_error` (and appended to `errors`)."""
        import threading

        with self._lock:
            self._pending += 1
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="saves", daemon=True)
            self._thread.start()
        self._jobs.put((path, data, errors if errors is not None else []))

    def _run(self) -> None:
        from game.saves import write_save

        while True:
            job = self._jobs.get()
            if job is None:
                return
            path, data, errors = job
            try:
                write_save(path, data)
                self.last_error = ""
            except OSError as err:
                self.last_error = f"Saving failed: {err.strerror or err}"
                errors.append(self.last_error)
            finally:
                with self._lock:
                    self._pending -= 1

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every queued save is on disk; True if done in time."""
        import time

        end = time.perf_counter() + timeout
        while True:
            with self._lock:
                if self._pending == 0:
                    return True
            if time.perf_counter() > end:
                return False
            time.sleep(0.002)


SAVES = SaveWriter()


def flush_saves(timeout: float = 5.0) -> bool:
    """Wait for saves still being written (before reading them, or on exit)."""
    return SAVES.flush(timeout)


def autosave_file() -> Path:
    """The autosave (the same file as game.saves.autosave_path())."""
    return data_dir() / "autosave.json"


def save_screenshot(
    window: pygame.Surface, path: Path | str | None, folder: Path | None, now: float
) -> tuple[Path | None, str]:
    """Save the window as PNG (in `folder`, or the data folder's screenshots, unless a
    `path` is given): (the path, a notice), or (None, why not)."""
    if path is None:
        base = folder or (data_dir() / "screenshots")
        stamp = f"{time.strftime('%Y%m%d-%H%M%S')}-{int(now * 1000) % 1000:03d}"
        path = Path(base) / f"screenshot-{stamp}.png"
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(window, str(path))
    except (OSError, pygame.error) as err:
        return None, f"Screenshot failed: {err}"
    return path, f"Screenshot saved: {path}"
