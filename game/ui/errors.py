"""When things go wrong: a scenario's validation errors, the apology after a crash, and F5 reloads.

None of these ever loses a game: a broken scenario is listed as `file:line:col: message`,
a crash leaves the autosave as it was after the last turn, and a reload that no longer
fits the decision log says which decision broke and offers a way on.
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game.presentation import turn_label
from game.ui.common import ButtonScreen, row_buttons
from game.ui.controls import ItemScroll, button_height, icon_cross, more_marks, rounded
from game.ui.files import autosave_file, data_dir, describe_save
from game.ui.overlays import NoticeScreen
from game.ui.painter import Painter
from game.ui.pixels import backdrop
from game.ui.screen import Pop, Push, Quit, Rect, Replace, Reset, Transition
from game.ui.theme import draw_panel, panel_content_rect

if TYPE_CHECKING:
    from game.ui.app import App


class ScenarioErrorScreen(ButtonScreen):
    """A scenario that fails validation: every error with its position, and a way back."""

    panel_fill = "panel"

    name = "scenario_errors"

    def __init__(self, app: App, ref: str, lines: list[str], back: bool = False) -> None:
        super().__init__(app)
        self.ref = ref
        self.lines = lines or ["the scenario could not be loaded"]
        self.can_pop = back
        self.scroll = ItemScroll()
        self.add_panel("frame", self._draw_frame)
        self.add_panel("buttons", self._draw_buttons)

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        m = st.u * 4
        w = min(win.w - 2 * m, st.px(1100))
        frame = Rect((win.w - w) // 2, m, w, win.h - 2 * m)
        self.panels["frame"].set_rect(frame)
        inner = panel_content_rect(frame, st.fonts, "Scenario errors")
        intro_h = st.line("heading", True) + st.line("body") * 3 + st.u * 2
        self.intro = Rect(inner.x, inner.y, inner.w, intro_h)
        bh = button_height(p)
        self.footer = Rect(inner.x, inner.bottom - bh, inner.w, bh)
        self.list_rect = Rect(
            inner.x, self.intro.bottom + st.u, inner.w, self.footer.y - self.intro.bottom - st.u * 3
        )
        text_w = self.list_rect.w - st.px(56)
        self.item_h = [
            p.para_height(line, "mono", text_w, max_lines=3) + st.px(8) for line in self.lines
        ]
        specs = [("retry", "Try again", "normal", "R"), ("back", "Back", "primary", "Esc")]
        self.buttons = row_buttons(p, self.footer.right, self.footer.y, specs, min_w=st.px(140))
        self.panels["buttons"].set_rect(self.footer.inflate(st.px(8), st.px(8)))
        self.focus = self.focus or "back"

    def _draw_frame(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.style, self.pal
        surf.blit(backdrop(self.app.size, pal), (0, 0), Rect(self.panels["frame"].rect))
        draw_panel(surf, r, pal, "Scenario errors", st.fonts, border=pal.bad)
        off = self.panels["frame"].rect.topleft
        i = self.intro.move(-off[0], -off[1])
        n = len(self.lines)
        p.text(
            surf,
            "This scenario can't be played yet",
            Rect(i.x, i.y, i.w, st.line("heading", True)),
            "heading",
            pal.text,
            bold=True,
        )
        y = i.y + st.line("heading", True) + st.u
        msg = (
            f"{self.ref} has {n} problem{'s' if n != 1 else ''}. Each line gives the file, line and column. "
            "Fix them in any editor (python -m game validate checks the file), then press R to try again."
        )
        p.para(surf, msg, Rect(i.x, y, i.w, i.bottom - y), "body", pal.text_dim, max_lines=3)
        lr = self.list_rect.move(-off[0], -off[1])
        rounded(surf, lr, pal.background, st.px(6))
        inner = lr.inflate(-st.px(16), -st.px(12))
        start, end = self.scroll.window(self.item_h, inner.h)
        y = inner.y
        for k in range(start, end):
            h = self.item_h[k]
            icon_cross(surf, Rect(inner.x, y + st.px(2), st.px(14), st.px(14)), pal.bad)
            p.para(
                surf,
                self.lines[k],
                Rect(inner.x + st.px(24), y, inner.w - st.px(40), h - st.px(8)),
                "mono",
                pal.text,
                max_lines=3,
            )
            y += h
        more_marks(
            surf, lr.inflate(-st.px(4), -st.px(4)), start > 0, end < len(self.lines), pal, st.px(6)
        )

    def _draw_buttons(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        surf.fill(self.pal.panel)
        self.draw_buttons(p, surf, self.panels["buttons"].rect.topleft)

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.MOUSEWHEEL or (
            e.type == pygame.KEYDOWN
            and e.key in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN)
        ):
            step = (
                -e.y
                if e.type == pygame.MOUSEWHEEL
                else {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -5, pygame.K_PAGEDOWN: 5}[
                    e.key
                ]
            )
            self.scroll.scroll(step)
            self.invalidate("frame")
            return None
        return super().on_event(e)

    def activate(self, button_id: str) -> Transition | None:
        if button_id == "back":
            return self.back()
        if button_id == "retry":
            return self.retry()
        return None

    def retry(self) -> Transition | None:
        """Load the file again: its briefing if it is fixed, the new list of errors if not."""
        s = self.app.settings
        screen = self.app.flow.start_game(self.ref, s.last_role, s.last_difficulty, None)
        if isinstance(screen, ScenarioErrorScreen):
            self.lines = screen.lines
            self.scroll = ItemScroll()
            self.resize(self.app.size)
            self.app.toast("Still not playable: the list is up to date.", "warn")
            return None
        return Replace(screen)

    def back(self) -> Transition | None:
        if self.can_pop and len(self.app.stack) > 1:
            return Pop()
        return Reset(self.app.flow.title())

    def regions(self) -> dict[str, Rect]:
        return {
            "intro": Rect(self.intro),
            "list": Rect(self.list_rect),
            "footer": Rect(self.footer),
        }

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "ref": self.ref, "errors": list(self.lines)}


class ApologyScreen(ButtonScreen):
    """After an unexpected error: say sorry, say the game is safe, say where the report is."""

    panel_fill = "panel"

    name = "apology"

    def __init__(self, app: App, err: BaseException, log: Path | None) -> None:
        super().__init__(app)
        self.err = err
        self.log = log
        info = describe_save(autosave_file(), autosave=True)
        self.auto = info if info is not None and info.ok else None
        app.session = None
        self.add_panel("frame", self._draw_frame)

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        w = min(win.w - st.u * 8, st.px(820))
        h = min(win.h - st.u * 8, st.px(460))
        frame = Rect((win.w - w) // 2, (win.h - h) // 2, w, h)
        self.panels["frame"].set_rect(frame)
        inner = panel_content_rect(frame, st.fonts, "Something went wrong")
        self.inner = inner
        bh = button_height(p)
        specs = [
            ("quit", "Quit", "ghost", "Q"),
            ("menu", "Back to the main menu", "primary", "Enter"),
        ]
        self.buttons = row_buttons(p, inner.right, inner.bottom - bh, specs, min_w=st.px(120))
        self.focus = "menu"
        self.button_panel = "frame"

    def _draw_frame(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.style, self.pal
        off = self.panels["frame"].rect.topleft
        surf.blit(backdrop(self.app.size, pal), (0, 0), Rect(self.panels["frame"].rect))
        draw_panel(surf, r, pal, "Something went wrong", st.fonts, border=pal.warn)
        i = self.inner.move(-off[0], -off[1])
        y = i.y
        p.text(
            surf,
            "Sorry \u2014 the game hit an unexpected problem.",
            Rect(i.x, y, i.w, st.line("title", True)),
            "title",
            pal.text,
            bold=True,
        )
        y += st.line("title", True) + st.u
        if self.auto is not None:
            safe = f"Your game is safe: the autosave ({self.auto.title}, {self.auto.detail}) was written whole after your last turn and has not been touched. Continue it from the main menu."
        else:
            safe = "No game was in progress, so nothing was lost."
        used = p.para(
            surf, safe, Rect(i.x, y, i.w, st.line("body") * 3), "body", pal.good, max_lines=3
        )
        y = used.bottom + st.u
        where = (
            f"A crash report was written to {self.log}"
            if self.log
            else "The crash report could not be written."
        )
        used = p.para(
            surf,
            where + ". Please attach it if you report the problem.",
            Rect(i.x, y, i.w, st.line("body") * 3),
            "body",
            pal.text_dim,
            max_lines=3,
        )
        y = used.bottom + st.u
        detail = f"{type(self.err).__name__}: {self.err}"
        box = Rect(i.x, y, i.w, st.line("mono") * 2 + st.u)
        rounded(surf, box, pal.background, st.px(6))
        p.para(surf, detail, box.inflate(-st.u * 2, -st.u), "mono", pal.warn, max_lines=2)
        self.draw_buttons(p, surf, off)

    def activate(self, button_id: str) -> Transition | None:
        if button_id == "quit":
            return Quit(1)
        return Reset(self.app.flow.title())

    def back(self) -> Transition | None:
        return self.activate("menu")

    def regions(self) -> dict[str, Rect]:
        return {"frame": Rect(self.panels["frame"].rect)}

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "error": repr(self.err),
            "log": str(self.log) if self.log else None,
        }


def reload_flow(app: App) -> Transition | None:
    """F5 during a game: reload the file; show errors, a mismatch choice, or carry on."""
    s = app.session
    if s is None:
        return None
    outcome = s.reload()
    if outcome.kind == "missing":
        app.toast(f"The scenario file is gone: {outcome.message}", "error")
        return None
    if outcome.kind == "errors":
        n = len(outcome.diagnostics)
        return Push(
            NoticeScreen(
                app,
                "The scenario file has errors",
                f"{n} problem{'s' if n != 1 else ''} in {s.ref}. Your game continues unchanged; fix the file and press F5 again.",
                lines=outcome.diagnostics,
                kind="error",
            )
        )
    if outcome.kind == "mismatch":

        def choose(button_id: str) -> Transition | None:
            if button_id == "restart":
                s.adopt(outcome, restart=True)
            elif button_id == "continue":
                s.adopt(outcome)
            else:
                return Pop()
            return _back_to_turn(
                app,
                f"Reloaded {Path(s.ref).name}: now at {turn_label(s.game)} (turn {s.game.turn}).",
            )

        return Push(
            NoticeScreen(
                app,
                "The scenario changed under your game",
                outcome.message,
                buttons=[
                    ("keep", "Keep the old version", "ghost", "Esc"),
                    ("restart", "Restart from turn 1", "normal", "R"),
                    (
                        "continue",
                        f"Continue from turn {outcome.game.turn if outcome.game else 1}",
                        "primary",
                        "C",
                    ),
                ],
                on_choice=choose,
                kind="warn",
            )
        )
    s.adopt(outcome)
    return _back_to_turn(
        app,
        f"Reloaded {Path(s.ref).name}: every decision still fits; you are at turn {s.game.turn}.",
    )


def _back_to_turn(app: App, message: str) -> Transition | None:
    s = app.session
    app.toast(message, "good")
    if s is None:
        return None
    if s.game.is_over():
        return Reset(app.flow.end(s))
    turn = app.flow.turn(s)
    turn.tutorial_shown = True
    return Reset(turn)


def write_crash_log(app: App, err: BaseException) -> Path | None:
    """Write the traceback to user_data_dir()/crash-<timestamp>.log; its path (None if it
    could not be written), kept in `app.last_crash_log` too."""
    try:
        folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}.log"
        n = 2
        while path.exists():
            path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{n}.log"
            n += 1
        screens = " > ".join(s.name for s in app.stack)
        game = ""
        if app.session is not None:
            g = app.session.game
            game = (
                f"scenario {app.session.ref} seed {g.seed} turn {g.turn} role {app.session.role}\n"
            )
        text = (
            f"Strategic Convergence crash report {time.strftime('%Y-%m-%d %H:%M:%S')}\n"
            f"python {sys.version.split()[0]}, pygame {pygame.version.ver}, "
            f"driver {pygame.display.get_driver() if pygame.display.get_init() else '?'}\n"
            f"screens: {screens}\n{game}\n"
            + "".join(traceback.format_exception(type(err), err, err.__traceback__))
        )
        path.write_text(text, "utf-8")
        app.last_crash_log = path
        return path
    except OSError:
        return None
