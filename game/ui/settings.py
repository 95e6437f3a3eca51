"""Player settings of the desktop game, persisted as JSON in the user's config folder.

Unreadable or out-of-range settings never stop the game: they fall back to the
defaults (field by field where possible) and the reason is kept in `warning` so the
menu can say so once.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

APP_NAME = "strategic-convergence"

WINDOW_SIZES: tuple[tuple[int, int], ...] = (
    (1024, 640),
    (1280, 720),
    (1440, 900),
    (1600, 900),
    (1920, 1080),
    (2560, 1440),
)
MIN_SIZE = (1024, 640)
MAX_SIZE = (2560, 1440)
TEXT_SCALE_RANGE = (0.85, 1.5)


@dataclass
class Settings:
    """What the player can change in the Settings screen (plus a few remembered choices)."""

    width: int = 1280
    height: int = 720
    fullscreen: bool = False
    text_scale: float = 1.0
    colorblind: bool = False
    animations: bool = True
    sound: bool = True
    volume: float = 0.6
    forecasts: bool = True  # compute assessments (tests switch this off for speed)
    rollouts: int = 1000
    tutorial_seen: bool = False
    last_scenario: str = ""
    last_role: str = "india"
    last_difficulty: str = "normal"
    last_players: int = 1  # 1: against the computer; 2: two players at one machine
    language: str = "en"  # "en" or "hi": the interface and the scenario texts
    facilitator_pin: str = ""  # asked before the facilitator panel opens (empty: none)
    settings_locked: bool = False  # the facilitator locked the Settings screen
    warning: str = field(default="", compare=False, repr=False)

    @property
    def size(self) -> tuple[int, int]:
        """The window size as a tuple."""
        return (self.width, self.height)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON file (without the transient warning)."""
        d = asdict(self)
        d.pop("warning", None)
        return d

    def clamped(self) -> Settings:
        """A copy with every value inside its allowed range."""
        s = Settings(**self.to_dict())
        s.width = int(min(max(s.width, MIN_SIZE[0]), MAX_SIZE[0]))
        s.height = int(min(max(s.height, MIN_SIZE[1]), MAX_SIZE[1]))
        lo, hi = TEXT_SCALE_RANGE
        s.text_scale = round(float(min(max(s.text_scale, lo), hi)), 2)
        s.volume = round(float(min(max(s.volume, 0.0), 1.0)), 2)
        s.rollouts = int(min(max(s.rollouts, 0), 5000))
        if s.last_role not in ("india", "us"):
            s.last_role = "india"
        if s.last_difficulty not in ("easy", "normal", "hard"):
            s.last_difficulty = "normal"
        if s.last_players not in (1, 2):
            s.last_players = 1
        if s.language not in ("en", "hi"):
            s.language = "en"
        if not (s.facilitator_pin.isdigit() and len(s.facilitator_pin) <= 12):
            s.facilitator_pin = ""
        s.warning = self.warning
        return s


def config_dir() -> Path:
    """Where settings.json lives (env CONVERGENCE_CONFIG_DIR overrides, for tests)."""
    override = os.environ.get("CONVERGENCE_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_path(APP_NAME, appauthor=False))


def settings_path() -> Path:
    """The settings file."""
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings; anything unreadable falls back to defaults with a warning."""
    WRITER.flush()  # (a write under way first)
    path = path or settings_path()
    if not path.exists():
        return Settings()
    try:
        raw = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        s = Settings()
        s.warning = f"Settings could not be read ({_short(err)}); using the defaults."
        return s
    if not isinstance(raw, dict):
        s = Settings()
        s.warning = "Settings file is not a JSON object; using the defaults."
        return s
    s = Settings()
    bad = []
    for f in fields(Settings):
        if f.name == "warning" or f.name not in raw:
            continue
        value = raw[f.name]
        default = getattr(s, f.name)
        if isinstance(default, bool):
            ok = isinstance(value, bool)
        elif isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif isinstance(default, float):
            ok = isinstance(value, int | float) and not isinstance(value, bool)
            value = float(value) if ok else value
        else:
            ok = isinstance(value, str)
        if ok:
            setattr(s, f.name, value)
        else:
            bad.append(f.name)
    s = s.clamped()
    if bad:
        s.warning = f"Some settings were invalid and were reset: {', '.join(bad)}."
    return s


def save_settings(settings: Settings, path: Path | None = None) -> str:
    """Write the settings atomically; returns an error message, or '' on success."""
    from game.saves import atomic_write

    try:
        atomic_write(path or settings_path(), json.dumps(settings.clamped().to_dict(), indent=1))
    except OSError as err:
        return f"Settings could not be saved: {_short(err)}"
    return ""


class _SettingsWriter:
    """Writes the settings on a background thread (the newest asked for last), so that the
    file's fsync never stalls a frame; `load_settings` waits for a write under way."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: dict[Path, str] = {}
        self._running = False
        self._idle = threading.Event()
        self._idle.set()
        self.errors: list[str] = []

    def write(self, settings: Settings, path: Path | None = None) -> None:
        """Queue the settings to be written (a failure is kept in `errors`)."""
        text = json.dumps(settings.clamped().to_dict(), indent=1)
        target = path or settings_path()
        with self._lock:
            self._pending[target] = text
            self._idle.clear()
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._run, name="settings", daemon=True).start()

    def _run(self) -> None:
        from game.saves import atomic_write

        while True:
            with self._lock:
                if not self._pending:
                    self._running = False
                    self._idle.set()
                    return
                path, text = self._pending.popitem()
            try:
                atomic_write(path, text)
            except OSError as err:
                self.errors.append(f"Settings could not be saved: {_short(err)}")

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until the settings asked for are written; True if done in time."""
        return self._idle.wait(timeout)


WRITER = _SettingsWriter()


def save_settings_in_background(settings: Settings, path: Path | None = None) -> None:
    """`save_settings` on a background thread; failures are kept in `WRITER.errors`."""
    WRITER.write(settings, path)


def _short(err: BaseException) -> str:
    return getattr(err, "strerror", None) or str(err).splitlines()[0][:120]
