"""Scripted input for the window: tests, screenshots, the benchmark and smoke runs drive the
real event loop with posted keyboard and mouse events.

A script is a list of steps (strings or callables taking the App), run one per frame:

    key:return  key:1  key:shift+tab  type:1234    posted key presses
    click:end   click:640,360  move:opt:0:1        posted mouse events (target id or x,y)
    wheel:-1                                       a wheel notch at the mouse position
    wait:30  until:turn  idle                      wait frames / for a screen / for background work
    shot:turn.png  resize:1024x640  quit           screenshot, window size, stop
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

if TYPE_CHECKING:
    from game.ui.app import App

UNTIL_LIMIT = 1800  # frames (30 s at 60 fps) before a wait gives up


class ScriptError(Exception):
    """A script step that cannot be carried out."""


def key_event(name: str) -> list[pygame.event.Event]:
    """KEYDOWN/KEYUP events for a key name such as `return`, `1`, `shift+tab`, `f5`."""
    mods = 0
    parts = name.lower().split("+")
    for m in parts[:-1]:
        mods |= {"shift": pygame.KMOD_SHIFT, "ctrl": pygame.KMOD_CTRL, "alt": pygame.KMOD_ALT}.get(
            m, 0
        )
    base = parts[-1]
    aliases = {"enter": "return", "esc": "escape", "pgdn": "page down", "pgup": "page up"}
    base = aliases.get(base, base)
    try:
        code = pygame.key.key_code(base)
    except ValueError as err:
        raise ScriptError(f"unknown key {name!r}") from err
    uni = base if len(base) == 1 else ("\r" if base == "return" else "\t" if base == "tab" else "")
    if mods & pygame.KMOD_SHIFT and len(uni) == 1:
        uni = uni.upper()
    return [
        pygame.event.Event(pygame.KEYDOWN, key=code, mod=mods, unicode=uni, scancode=0),
        pygame.event.Event(pygame.KEYUP, key=code, mod=mods, unicode=uni, scancode=0),
    ]


def mouse_events(pos: tuple[int, int], button: int = 1) -> list[pygame.event.Event]:
    """A move to `pos`, then a press and release there."""
    return [
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button),
    ]


def target_pos(app: App, target: str) -> tuple[int, int]:
    """The centre of a clickable target of the top screen (or an `x,y` pair)."""
    if "," in target and all(p.strip().lstrip("-").isdigit() for p in target.split(",")):
        x, y = (int(p) for p in target.split(","))
        return (x, y)
    top = app.top
    targets = top.targets() if top is not None else {}
    if target not in targets:
        name = top.name if top is not None else "none"
        raise ScriptError(
            f"no target {target!r} on screen {name!r} (has: {', '.join(sorted(targets))})"
        )
    return targets[target].center


class ScriptRunner:
    """Feeds a script to the App, one step per frame."""

    def __init__(self, app: App, script: Iterable[Any] | Callable[[App], Any] | str) -> None:
        self.app = app
        if isinstance(script, str):
            path = Path(script)
            script = (
                json.loads(path.read_text("utf-8"))
                if path.exists()
                else [s for s in script.split(";") if s.strip()]
            )
        if callable(script):
            script = [script]
        self.steps = list(script)  # type: ignore[arg-type]
        self.i = 0
        self.wait = 0
        self.waited = 0
        self.keep_open = False
        self.mouse = (0, 0)

    @property
    def done(self) -> bool:
        """True when every step has run."""
        return self.i >= len(self.steps) and self.wait == 0

    def step(self) -> None:
        """Run steps until one needs to wait for a frame."""
        if self.wait > 0:
            self.wait -= 1
            return
        while self.i < len(self.steps):
            step = self.steps[self.i]
            if callable(step):
                self.i += 1
                step(self.app)
                return
            kind, _, arg = str(step).partition(":")
            if kind == "until":
                top = self.app.top
                if top is not None and top.name == arg:
                    self.i += 1
                    self.waited = 0
                    continue
                self._tick(f"screen {arg!r}")
                return
            if kind == "idle":
                if self._idle():
                    self.i += 1
                    self.waited = 0
                    continue
                self._tick("background work")
                return
            self.i += 1
            self.run_one(kind, arg)
            if kind in ("key", "type", "click", "move", "wheel", "wait", "resize"):
                return

    def _tick(self, what: str) -> None:
        self.waited += 1
        if self.waited > UNTIL_LIMIT:
            top = self.app.top.name if self.app.top else "none"
            raise ScriptError(f"gave up waiting for {what} (top screen: {top})")

    def _idle(self) -> bool:
        app = self.app
        turn = app.find("turn")
        if app.worker.busy():
            return False
        s = app.session
        if s is not None:
            s.poll()
        return not (turn is not None and getattr(turn, "waiting", False))

    def run_one(self, kind: str, arg: str) -> None:
        """Carry out one immediate step."""
        app = self.app
        if kind == "key":
            for e in key_event(arg):
                pygame.event.post(e)
        elif kind == "type":
            for ch in arg:
                for e in key_event(ch):
                    pygame.event.post(e)
        elif kind == "click":
            pos = target_pos(app, arg)
            self.mouse = pos
            for e in mouse_events(pos):
                pygame.event.post(e)
        elif kind == "move":
            pos = target_pos(app, arg)
            self.mouse = pos
            pygame.event.post(
                pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
            )
        elif kind == "wheel":
            pygame.event.post(
                pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=int(arg or -1), flipped=False)
            )
        elif kind == "wait":
            self.wait = max(0, int(arg or 1) - 1)
        elif kind == "shot":
            folder = app.screenshot_dir or Path(".")
            app.settle()  # capture the settled picture, not a cross-fade
            app.redraw_all()
            app.screenshot(Path(folder) / arg, quiet=True)
        elif kind == "resize":
            w, h = (int(v) for v in arg.lower().split("x"))
            app.resize((w, h))
        elif kind == "quit":
            app.running = False
        elif kind == "hold":
            self.keep_open = True
        else:
            raise ScriptError(f"unknown script step {kind!r}")
