"""`python -m game screenshots OUTDIR`: every screen of a scripted game, saved as PNG.

The game runs with the dummy video driver (unless a display driver is already chosen),
in throw-away data and settings folders, so the player's saves and settings are never
touched. Animations are off so that every run gives the same pictures.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

BROKEN = """format: 1
id: broken_example
title: A broken scenario
summary: Shows what an author sees when a file has mistakes.
period: {start: "2026-13", months_per_turn: 3, turns: 4}
roles:
  india: {name: India, briefing: Play India.}
  us: {name: United States, briefing: Play the United States.}
indicators:
  trade_bn: {label: Trade, unit: $bn, min: 0, max: 600, start: 200, good: up, drfit: 1}
  trust: {label: Trust, min: 0, max: 100, start: 50, good: up}
events:
  - id: talks
    title: Talks
    role: india
    options:
      - id: open
        label: Open markets
        effects: [{target: trade_bnn, add: 10}]
      - id: close
        label: Stay closed
        effects: [{target: trust, add: "3 +* trust"}]
objectives:
  india: [{id: rich, label: Trade up, when: "trade > 220", primary: true}]
  us: [{id: trusty, label: Trust up, when: "trust > 50", primary: true}]
endings:
  - {id: fine, title: Fine, epilogue: All is well., when: true}
"""


def render_screenshots(
    outdir: Path | str,
    *,
    size: tuple[int, int] = (1280, 720),
    scenario: str = "tariff_friction",
    seed: int = 7,
    role: str = "india",
    text_scale: float = 1.0,
    language: str = "en",
    on_shot: Callable[[str, Any], None] | None = None,
) -> list[Path]:
    """Play a scripted game and save a PNG of every screen into `outdir`; returns the files.

    `language` is the interface's (`en`, `hi`); `on_shot(name, app)` is called at each
    screen before its picture is taken (a test reads the drawn text there)."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    tmp = Path(tempfile.mkdtemp(prefix="convergence-shots-"))
    saved_env = {k: os.environ.get(k) for k in ("CONVERGENCE_DATA_DIR", "CONVERGENCE_CONFIG_DIR")}
    os.environ["CONVERGENCE_DATA_DIR"] = str(tmp / "data")
    os.environ["CONVERGENCE_CONFIG_DIR"] = str(tmp / "config")
    try:
        return _play(out, size, scenario, seed, role, tmp, text_scale, language, on_shot)
    finally:
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        shutil.rmtree(tmp, ignore_errors=True)


def _play(
    out: Path,
    size: tuple[int, int],
    scenario: str,
    seed: int,
    role: str,
    tmp: Path,
    text_scale: float = 1.0,
    language: str = "en",
    on_shot: Callable[[str, Any], None] | None = None,
) -> list[Path]:
    from game.ui.app import App
    from game.ui.flow import start_game
    from game.ui.menu import TitleScreen
    from game.ui.playthrough import Driver
    from game.ui.screen import Reset
    from game.ui.settings import Settings

    settings = Settings(
        width=size[0],
        height=size[1],
        animations=False,
        sound=False,
        last_scenario=scenario,
        last_role=role,
        text_scale=text_scale,
        language=language,
    )
    app = App(settings, screenshot_dir=out)
    d = Driver(app)
    files: list[Path] = []

    def shot(name: str) -> None:
        if on_shot is not None:
            on_shot(name, app)
        path = d.shot(out / f"{name}.png")
        if path is not None:
            files.append(path)

    try:
        app.push(TitleScreen(app))
        d.frames(5)
        shot("01-menu")
        d.click("new")
        d.idle()
        d.screen("newgame")
        d.click("seed")  # the seed field: a fixed seed makes every run the same game
        d.key("delete", *str(seed))
        d.key("tab")
        shot("02-new-game")
        d.key("return")
        d.screen("briefing")
        shot("03-briefing")
        d.key("return")
        d.screen("tutorial")
        d.frames(2)
        shot("04-guided-tour")
        d.key("escape")
        d.screen("turn")
        d.idle()
        turn = app.top
        assert turn is not None
        first = turn.decisions[0] if turn.decisions else None
        if first is not None and len(first.options) > 1:
            d.key("down", "down")  # highlight option 2: its detail shows
        shot("05-turn")
        for w, h in ((1024, 640), (2560, 1440)):
            app.resize((w, h))
            d.frames(2)
            shot(f"05-turn-{w}x{h}")
        app.resize(size)
        d.frames(2)
        if first is not None:
            d.key("f")
            d.screen("fanchart")
            d.key("down")
            shot("06-fan-chart")
            d.key("escape")
        d.screen("turn")
        d.key("m")  # how this world works, from the dashboard
        d.screen("world")
        d.key("down")
        shot("06-world")
        d.key("escape")
        d.screen("turn")
        d.decide_turn()
        d.screen("summary")
        d.frames(2)
        shot("07-summary")
        d.key("return")
        d.screen("turn")
        d.idle()
        _glossary_shots(d, shot)
        d.key("escape")
        d.screen("pause")
        shot("08-pause")
        d.key("o")
        d.screen("settings")
        shot("09-settings")
        d.key("escape")
        d.screen("pause")
        d.key("h")
        d.screen("help")
        shot("10-help")
        d.key("escape")
        d.screen("pause")
        d.key("s")
        d.key("escape")
        d.screen("pause")
        d.key("l")
        d.screen("load")
        shot("11-load")
        d.key("escape")
        d.key("escape")
        d.screen("turn")
        d.play_to_end()
        d.frames(2)
        shot("12-end")
        d.key("tab")
        shot("13-end-decisions")
        d.key("tab")
        shot("14-end-debrief")
        broken = tmp / "broken_example.yaml"
        broken.write_text(BROKEN, "utf-8")
        app.apply(Reset(start_game(app, str(broken), role, "normal", 1)))
        d.frames(2)
        shot("15-scenario-errors")
        app.crash(RuntimeError("an error injected to show this screen"))
        d.frames(2)
        shot("16-apology")
    finally:
        app.close()
    return files


def _glossary_shots(d: Any, shot: Callable[[str], None]) -> None:
    """A marked term's tooltip, the glossary (all, then searched) and the real timeline."""
    import pygame

    app = d.app
    d.frames(3)
    spots = [sp for name in ("news", "decisions") for sp in app.painter.spots.get(name, [])]
    if spots:
        pos = spots[0][0].center
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        )
        d.frames(2)
        shot("07b-term-tooltip")
    d.key("g")
    d.screen("glossary")
    d.frames(2)
    shot("07c-glossary")
    d.key(*"quad")
    d.frames(2)
    shot("07d-glossary-search")
    d.key("escape")
    d.screen("turn")
    d.key("t")
    d.screen("timeline")
    d.frames(2)
    shot("07e-timeline")
    d.key("escape")
    d.screen("turn")
    away = pygame.event.Event(pygame.MOUSEMOTION, pos=(1, 1), rel=(0, 0), buttons=(0, 0, 0))
    pygame.event.post(away)  # the term's tooltip closes before the next pictures
    d.frames(2)
