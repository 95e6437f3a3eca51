"""Which screen comes next: every move from one screen to another goes through here.

Screens never import each other to navigate; they ask the app's `Flow`
(`self.app.flow.title()`, `self.app.flow.end(session)`, ...) for the next screen and wrap
it in a transition themselves. This module imports the screens (lazily, so starting the
window loads only what it shows); no screen imports it, so the screens form no import
cycle. Opening a game -- from a new game, a save, or the command line -- lives here too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game.ui.common import app_rollouts
from game.ui.screen import Reset, Screen, Transition

if TYPE_CHECKING:
    from game.ui.app import App


class Flow:
    """The screens of the game, built for one app."""

    def __init__(self, app: App) -> None:
        self.app = app

    # -- screens -------------------------------------------------------------------------------

    def title(self) -> Screen:
        from game.ui.menu import TitleScreen

        return TitleScreen(self.app)

    def load(self) -> Screen:
        from game.ui.menu import LoadScreen

        return LoadScreen(self.app)

    def new_game(self) -> Screen:
        from game.ui.newgame import NewGameScreen

        return NewGameScreen(self.app)

    def settings(self) -> Screen:
        from game.ui.settings_screen import SettingsScreen

        return SettingsScreen(self.app)

    def help(self) -> Screen:
        from game.ui.overlays import HelpScreen

        return HelpScreen(self.app)

    def pause(self) -> Screen:
        from game.ui.overlays import PauseScreen

        return PauseScreen(self.app)

    def glossary(self, term: Any = None) -> Screen | None:
        """The glossary of the game being played (opened at `term`), or None without a game."""
        from game.ui.glossary_screen import GlossaryScreen

        s = self.app.session
        return None if s is None else GlossaryScreen(self.app, s.definition.glossary, term)

    def timeline(self) -> Screen | None:
        """The real timeline beside the game being played, or None without a game."""
        from game.ui.timeline_screen import TimelineScreen

        s = self.app.session
        return None if s is None else TimelineScreen(self.app, s)

    def tutorial(self, turn: Any) -> Screen:
        from game.ui.tutorial import TutorialScreen

        return TutorialScreen(self.app, turn)

    def turn(self, session: Any) -> Screen:
        from game.ui.turn import TurnScreen

        return TurnScreen(self.app, session)

    def summary(self, session: Any, report: Any, review: bool = False) -> Screen:
        from game.ui.summary import SummaryScreen

        rect = getattr(self.app.top, "map_rect", None)
        if rect is not None and rect.w > 8 and rect.h > 8 and not review:
            # the next turn's map, its labels placed, made while the summary is read
            size = (rect.w, rect.h)
            self.app.later(lambda: self.app.map().warm(self.app.window, size, session.hotspots()))
        return SummaryScreen(self.app, session, report, review=review)

    def fan_chart(self, session: Any, dec: Any, option: int) -> Screen:
        from game.ui.fanchart import FanChartScreen

        return FanChartScreen(self.app, session, dec, option)

    def world(self, session: Any, focus: str | None = None) -> Screen:
        from game.ui.world_screen import WorldScreen

        return WorldScreen(self.app, session, focus)

    def map(self, turn: Any) -> Screen:
        """The turn's hot spots on a map at the window's size."""
        from game.ui.map_screen import MapScreen

        return MapScreen(turn)

    def end(self, session: Any) -> Screen:
        from game.ui.endscreen import EndScreen

        return EndScreen(self.app, session)

    def scenario_errors(self, ref: str, lines: list[str], back: bool = False) -> Screen:
        from game.ui.errors import ScenarioErrorScreen

        return ScenarioErrorScreen(self.app, ref, lines, back=back)

    def apology(self, err: BaseException, log: Path | None) -> Screen:
        from game.ui.errors import ApologyScreen

        return ApologyScreen(self.app, err, log)

    # -- opening games -------------------------------------------------------------------------

    def first(self, scenario: str | None, role: str | None, seed: int | None) -> Screen:
        """The first screen: the main menu, or a game of `scenario` (its briefing or its errors)."""
        if scenario is None:
            return self.title()
        s = self.app.settings
        return self.start_game(scenario, role or s.last_role, s.last_difficulty, seed)

    def start_game(
        self, ref: str, role: str, difficulty: str, seed: int | None, **kw: Any
    ) -> Screen:
        return start_game(self.app, ref, role, difficulty, seed, **kw)

    def open_save(self, path: Path) -> Transition | None:
        return open_save(self.app, path)

    def enter_game(self, session: Any, note: str = "") -> Transition:
        return enter_game(self.app, session, note)

    def reload(self) -> Transition | None:
        """F5: reload the scenario file and keep our place (or say why not)."""
        from game.ui.errors import reload_flow

        return reload_flow(self.app)


def start_game(
    app: App,
    ref: str,
    role: str,
    difficulty: str,
    seed: int | None,
    *,
    humans: list[str] | None = None,
    flags: frozenset[str] = frozenset(),
    class_code: str = "",
) -> Screen:
    """Load `ref` and return its briefing screen, or the screen listing its errors.

    `humans` names both roles for two players at one machine; `flags` and `class_code`
    come from a class code.
    """
    from game.scenario.loader import ScenarioError
    from game.ui.briefing import BriefingScreen
    from game.ui.errors import ScenarioErrorScreen
    from game.ui.newgame import fresh_seed
    from game.ui.session import new_session

    try:
        session = new_session(
            ref,
            role,
            difficulty,
            fresh_seed() if seed is None else seed,
            rollouts=app_rollouts(app),
            worker=app.worker,
            autosave=app.autosave,
            humans=humans,
            lang=app.settings.language,
            flags=flags,
            class_code=class_code,
        )
    except ScenarioError as err:
        return ScenarioErrorScreen(app, ref, [d.format() for d in err.diagnostics])
    except FileNotFoundError as err:
        return ScenarioErrorScreen(app, ref, [str(err)])
    return BriefingScreen(app, session)


def open_save(app: App, path: Path) -> Transition | None:
    """Load a save and go to its turn (or end) screen; errors become a notice or error screen."""
    from game.saves import SaveError
    from game.scenario.loader import ScenarioError
    from game.ui.files import flush_saves
    from game.ui.session import session_from_save

    flush_saves()
    try:
        session, note = session_from_save(
            path, rollouts=app_rollouts(app), worker=app.worker, lang=app.settings.language
        )
    except SaveError as err:
        app.toast(str(err), "error")
        return None
    except ScenarioError as err:
        from game.ui.errors import ScenarioErrorScreen

        return Reset(ScenarioErrorScreen(app, str(path), [d.format() for d in err.diagnostics]))
    except FileNotFoundError as err:
        app.toast(f"The scenario of this save cannot be found: {err}", "error")
        return None
    session.autosave_enabled = app.autosave
    return enter_game(app, session, note)


def enter_game(app: App, session: Any, note: str = "") -> Transition:
    """Make `session` the current game and show its turn (or its end)."""
    from game.ui.endscreen import EndScreen
    from game.ui.turn import TurnScreen

    app.session = session
    # tidy up memory and shape the Hindi face in the coming quiet frames, not in this one
    # (together ~25 ms on the guided tour's first frame)
    app.later(app.collect_all)
    app.later(lambda: warm_devanagari(app))
    if note:
        app.toast(note, "warn")
    if session.game.is_over():
        return Reset(EndScreen(app, session))
    return Reset(TurnScreen(app, session))


def warm_devanagari(app: App) -> None:
    """Shape one Hindi word in the small face, in a quiet frame of the game: the first
    shaping with a Devanagari face costs ~12 ms, which would otherwise land on the first
    frame of the settings screen (its language row says "English or \u0939\u093f\u0928\u094d\u0926\u0940")."""
    from game.ui.theme import font_for

    try:
        word = "\u0939\u093f\u0928\u094d\u0926\u0940"
        font_for(word, app.style.font("small")).size(word)
    except (pygame.error, AttributeError):
        pass  # only a warm-up: the text is shaped when it is drawn anyway
