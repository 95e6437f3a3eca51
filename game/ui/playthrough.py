"""Drive the real window with posted keyboard and mouse events: a scripted player for the
benchmark, the screenshots and the tests.

Everything goes through pygame's event queue and the App's own frame loop, exactly as a
person's input would; the Driver only decides what to press next by looking at the top
screen's public description and targets.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game.ui.script import key_event, mouse_events

if TYPE_CHECKING:
    from game.ui.app import App


class DriverError(Exception):
    """The scripted player got stuck."""


class Driver:
    """Presses keys and clicks targets on an App, one frame at a time."""

    def __init__(
        self, app: App, pace: float = 0.0, on_frame: Callable[[App], None] | None = None
    ) -> None:
        self.app = app
        self.pace = pace  # seconds between frames (0: as fast as possible)
        self.on_frame = on_frame
        self.mouse = (0, 0)

    # -- frames ---------------------------------------------------------------------------

    def frames(self, n: int = 1) -> None:
        """Run n frames."""
        for _ in range(n):
            t0 = time.perf_counter()
            self.app.frame()
            if self.on_frame is not None:
                self.on_frame(self.app)
            if self.pace > 0:
                left = self.pace - (time.perf_counter() - t0)
                if left > 0:
                    time.sleep(left)
            if not self.app.running:
                return

    def until(self, cond: Callable[[], bool], limit: int = 3000, what: str = "") -> None:
        """Run frames until `cond()` holds."""
        for _ in range(limit):
            if cond():
                return
            self.frames(1)
            if self.pace <= 0:
                time.sleep(0.001)  # let background work breathe
        top = self.app.top.name if self.app.top else "none"
        raise DriverError(f"gave up waiting for {what or cond} (top screen: {top})")

    def screen(self, name: str, limit: int = 3000) -> None:
        """Wait for a screen to be on top."""
        self.until(
            lambda: self.app.top is not None and self.app.top.name == name,
            limit,
            f"screen {name!r}",
        )

    def idle(self, limit: int = 6000) -> None:
        """Wait until background work (assessments, the catalogue, the other side) is done
        and the top screen is shown (not still being composed behind the last picture)."""

        def quiet() -> bool:
            app = self.app
            if app.worker.busy() or app.composing:
                return False
            if app.session is not None:
                app.session.poll()
            turn = app.find("turn")
            if turn is not None and getattr(turn, "waiting", False):
                return False
            top = app.top
            return not (
                top is not None and top.name == "newgame" and not top.describe().get("loaded")
            )

        self.until(quiet, limit, "background work")
        self.frames(2)

    # -- input ----------------------------------------------------------------------------

    def key(self, *names: str, frames: int = 1) -> None:
        """Press keys (each as its own frame)."""
        for name in names:
            for e in key_event(name):
                pygame.event.post(e)
            self.frames(frames)

    def move(self, target: str, frames: int = 1) -> None:
        """Move the mouse over a target of the top screen."""
        pos = self.target(target).center
        self.mouse = pos
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        )
        self.frames(frames)

    def click(self, target: str, frames: int = 1) -> None:
        """Click a target of the top screen."""
        pos = self.target(target).center
        self.mouse = pos
        for e in mouse_events(pos):
            pygame.event.post(e)
        self.frames(frames)

    def target(self, name: str) -> pygame.Rect:
        """A clickable target of the top screen by id (scrolling the decisions to it if needed)."""
        top = self.app.top
        targets = top.targets() if top is not None else {}
        if name not in targets and name.startswith("opt:") and top is not None:
            area = top.regions().get("decisions")
            for step in (-1,) * 6 + (1,) * 12:
                if name in targets or area is None:
                    break
                pos = area.center
                pygame.event.post(
                    pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
                )
                pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=step, flipped=False))
                self.frames(1)
                targets = top.targets()
        if name not in targets:
            raise DriverError(
                f"no target {name!r} on {top.name if top else 'none'}: {sorted(targets)}"
            )
        return targets[name]

    # -- whole moves ----------------------------------------------------------------------

    def decide_turn(self, mouse: bool = False, explore: bool = False) -> None:
        """Answer every decision of the turn screen with its first legal option, then end the turn."""
        turn = self.app.top
        assert turn is not None and turn.name == "turn", turn
        decisions = list(turn.decisions)
        for i, d in enumerate(decisions):
            k = next(o.index for o in d.options if o.legal)
            if mouse:
                if len(decisions) > 1:
                    self.click(f"tab:{i}")
                if explore:
                    for o in d.options:
                        self.move(f"opt:{d.slot}:{o.index}", frames=2)
                self.click(f"opt:{d.slot}:{k}")
            else:
                if explore:
                    self.key(*(["down"] * len(d.options)), frames=2)
                self.key(str(k + 1))
                if i < len(decisions) - 1:
                    self.key("tab")
        if mouse:
            self.click("end")
        else:
            self.key("return")

    def play_to_end(
        self,
        mouse: bool = False,
        explore: bool = False,
        turn_frames: int = 0,
        shot: Callable[[str], Any] | None = None,
    ) -> None:
        """From the turn screen to the end screen, answering every decision."""
        app = self.app
        for _ in range(200):
            top = app.top
            if top is None:
                raise DriverError("no screen")
            if top.name == "end":
                return
            if top.name == "tutorial":
                self.key("escape")
            elif top.name == "turn":
                if turn_frames:
                    self.frames(turn_frames)
                self.decide_turn(mouse=mouse, explore=explore)
                self.until(
                    lambda: app.top is not None and app.top.name in ("summary", "end"),
                    3000,
                    "the turn to resolve",
                )
            elif top.name == "summary":
                if turn_frames:
                    self.frames(turn_frames // 2)
                if mouse:
                    self.click("continue")
                else:
                    self.key("return")
                self.until(
                    lambda: app.top is not None and app.top.name != "summary",
                    600,
                    "leaving the summary",
                )
            else:
                raise DriverError(f"unexpected screen {top.name!r} while playing")
        raise DriverError("the game did not end")

    def shot(self, path: Path | str) -> Path | None:
        """Save the settled window (no cross-fade) as PNG."""
        app = self.app
        app.settle()
        app._toasts.clear()  # notices from earlier steps would cover unrelated screens
        app.redraw_all()
        return app.screenshot(path, quiet=True)
