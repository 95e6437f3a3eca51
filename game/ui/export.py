"""Export a debrief from the end screen: save the game, write its HTML debrief beside it.

The save is written at once (small); the debrief replays the game and draws its charts,
which takes a moment, so it runs in a separate Python process (the report draws with
pygame, whose font library must not be used by two threads at once). The end screen
polls `DebriefExport.poll()` each frame: the window never waits for it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

_SCRIPT = (
    "import sys\nfrom game.report import write_debrief\nwrite_debrief(sys.argv[1], sys.argv[2])\n"
)
TIMEOUT = 120.0  # seconds before a debrief that does not finish is given up


class DebriefExport:
    """One export of a session's debrief: `start()`, then `poll()` until it says done."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.proc: subprocess.Popen[bytes] | None = None
        self.save_path: Path | None = None
        self.html_path: Path | None = None
        self.error = ""
        self.started = 0.0
        self.state = "idle"  # idle | running | done | failed

    @property
    def running(self) -> bool:
        return self.state == "running"

    def start(self) -> None:
        """Save the game (if it has no save file yet) and start writing the debrief."""
        if self.running:
            return
        s = self.session
        try:
            saved = getattr(s, "saved_path", None)
            if saved is None or not Path(saved).exists():
                saved = s.save_as()  # user_data_dir()/saves/<scenario>-<time>.json
                s.saved_path = saved
            self.save_path = Path(saved)
        except OSError as err:
            self.state, self.error = "failed", f"The game could not be saved: {err.strerror or err}"
            return
        self.html_path = self.save_path.with_suffix(".html")
        env = dict(os.environ)
        env.setdefault("SDL_VIDEODRIVER", "dummy")
        env.setdefault("SDL_AUDIODRIVER", "dummy")
        env["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", _SCRIPT, str(self.save_path), str(self.html_path)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env=env,
            )
        except OSError as err:
            self.state, self.error = "failed", f"The debrief could not be started: {err}"
            return
        self.started = time.monotonic()
        self.state = "running"

    def poll(self) -> str:
        """idle, running, done or failed (never blocks)."""
        if self.state != "running" or self.proc is None:
            return self.state
        code = self.proc.poll()
        if code is None:
            if time.monotonic() - self.started > TIMEOUT:
                self.proc.kill()
                self.state, self.error = "failed", "The debrief took too long and was stopped."
            return self.state
        err = self.proc.stderr.read().decode("utf-8", "replace") if self.proc.stderr else ""
        if self.proc.stderr:
            self.proc.stderr.close()
        if code == 0 and self.html_path is not None and self.html_path.exists():
            self.state = "done"
        else:
            last = [line for line in err.strip().splitlines() if line.strip()][-1:]
            self.state = "failed"
            self.error = "The debrief could not be written" + (f": {last[0]}" if last else ".")
        return self.state

    def wait(self, timeout: float = TIMEOUT) -> str:
        """Wait for the end (for tests and tools; the window polls instead)."""
        end = time.monotonic() + timeout
        while self.poll() == "running" and time.monotonic() < end:
            time.sleep(0.05)
        return self.state
