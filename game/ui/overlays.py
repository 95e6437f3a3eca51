"""Screens drawn over the game: the pause menu, help (keys) and notices with choices."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

from game.presentation import turn_label
from game.ui import i18n
from game.ui.common import ButtonScreen, column_buttons, row_buttons
from game.ui.controls import ItemScroll, button_height, keycap_width, more_marks, rounded
from game.ui.painter import Painter
from game.ui.screen import Pop, Push, Quit, Rect, Reset, Transition, clipped
from game.ui.theme import draw_panel, panel_content_rect

if TYPE_CHECKING:
    from game.ui.app import App

KEYS = (
    ("During a turn", None),
    ("1 2 3 4", "choose an option of the focused decision"),
    ("Tab, Left / Right", "next or previous decision"),
    ("Up / Down", "highlight an option: its assessment shows below"),
    ("Enter", "confirm the highlighted option, or end the turn when all are decided"),
    ("F", "fan chart: how the options' outcomes spread"),
    ("A", "assess the focused decision again with your other choices (a few a turn)"),
    ("C", "commitments: the promises made, standing, kept or broken"),
    ("W", "what changed last turn, and why"),
    ("M", "how this world works: what moves each indicator, and what it moves"),
    ("H", "the map of this turn's hot spots at full size"),
    ("Esc", "pause menu: save, load, settings, quit"),
    ("N", "write why you chose (a one-line note on the decision card)"),
    ("G", "glossary; dotted words: hover or click for their meaning"),
    ("T", "the real timeline, with your game's turns beside it"),
    ("PgUp / PgDn, wheel", "scroll the decisions, news or indicators"),
    ("Anywhere", None),
    ("F1", "this help"),
    ("F5", "reload the scenario file and keep your place (for authors)"),
    ("F11", "full screen on or off"),
    ("F12", "save a screenshot"),
    ("Ctrl+Shift+F", "facilitator: pause, inject events, questions, lock settings, end"),
)


class OverlayScreen(ButtonScreen):
    """A centred panel over the dimmed game."""

    overlay = True
    title = ""

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.box = Rect(0, 0, 0, 0)
        self.add_panel("box", self._draw_box)
        self._drawn: dict[str, Any] = {}  # each panel's state when last drawn (draw_changed)

    def place_box(self, win: Rect, w: int, h: int) -> Rect:
        """Centre the panel (never larger than the window)."""
        st = self.style
        w = min(w, win.w - st.u * 4)
        h = min(h, win.h - st.u * 4)
        self.box = Rect((win.w - w) // 2, (win.h - h) // 2, w, h)
        self.panels["box"].set_rect(self.box)
        return panel_content_rect(Rect(self.box), st.fonts, self.title)

    def on_draw(self, surface: pygame.Surface) -> None:
        for panel in self.panels.values():
            panel.draw(surface, self.app.painter, self.panel_background(panel))
        self._drawn = self._panel_state()

    def draw_changed(self, surface: pygame.Surface, also: list[Rect]) -> list[Rect] | None:
        """Over the backdrop the window shows already: only the panels that changed (where
        they were and where they are), and `also`, each drawn from the backdrop up."""
        back = self.app.backdrop
        assert back is not None  # (the App draws an overlay whole until its backdrop is made)
        painter = self.app.painter
        for p in self.panels.values():
            p.update(painter, self.panel_background(p))
        now = self._panel_state()
        areas = list(also)
        for name, state in now.items():
            before = self._drawn.get(name)
            if before != state:
                areas += [Rect(s[1]) for s in (before, state) if s is not None and s[2]]
        self._drawn = now
        areas = clipped(areas, surface.get_rect())
        for r in areas:
            surface.blit(back, r, r)
            for p in self.panels.values():
                part = r.clip(p.rect)
                if p.shown and part.w > 0 and part.h > 0:
                    surface.blit(p.surface, part, part.move(-p.rect.x, -p.rect.y))
        return areas

    def _panel_state(self) -> dict[str, tuple[int, tuple[int, int, int, int], bool]]:
        return {n: (p.version, tuple(p.rect), p.shown) for n, p in self.panels.items()}

    def prepare_step(self) -> bool:
        # drawn panel by panel over the backdrop: there is no composed picture to make
        return self.prepare_panels()

    def _draw_box(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        if self.app.backdrop is not None:
            surf.blit(self.app.backdrop, (0, 0), Rect(self.box))
        draw_panel(surf, r, self.pal, self.title, self.style.fonts, border=self.pal.accent)
        self.draw_buttons(p, surf, self.box.topleft)
        yield  # the box first, its content in the next step (within the frame's budget)
        steps = self.draw_content(surf, p, self.box.topleft)
        if steps is not None:
            yield from steps

    def draw_content(self, surf: pygame.Surface, p: Painter, off: tuple[int, int]) -> None:
        """Draw what is inside the panel besides the buttons."""

    def regions(self) -> dict[str, Rect]:
        return {"box": Rect(self.box)}

    def sibling_groups(self) -> list[list[str]]:
        return [["box"]]


class ClosingOverlay(OverlayScreen):
    """An overlay that only shows something: its button and Esc both close it."""

    def activate(self, button_id: str) -> Transition | None:
        return Pop()

    def back(self) -> Transition | None:
        return Pop()


class PauseScreen(OverlayScreen):
    """Esc during a game."""

    name = "pause"
    title = "Paused"
    button_panel = "box"

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        self.title = i18n.tr("Paused")
        specs = [
            ("resume", i18n.tr("Resume"), "primary", "Esc"),
            ("save", i18n.tr("Save game"), "normal", "S"),
            ("load", i18n.tr("Load game"), "normal", "L"),
            ("settings", i18n.tr("Settings"), "normal", "O"),
            ("help", i18n.tr("Help"), "normal", "H"),
            ("glossary", i18n.tr("Glossary"), "normal", "G"),
            ("timeline", i18n.tr("Real timeline"), "normal", "T"),
            ("menu", i18n.tr("Quit to main menu"), "ghost", "Q"),
        ]
        if app_has_no_game(self.app):
            specs = [sp for sp in specs if sp[0] not in ("glossary", "timeline")]
        bh = button_height(p)
        gap = st.px(10)
        note_h = st.line("small") * 2 + st.u
        h = len(specs) * (bh + gap) + st.px(60) + note_h + st.u * 2
        inner = self.place_box(win, st.px(420), h)
        self.note = Rect(inner.x, inner.bottom - note_h, inner.w, note_h)
        self.buttons = column_buttons(
            p, Rect(inner.x, inner.y + st.u, inner.w, inner.h), specs, gap
        )
        self.focus = self.focus or "resume"

    def draw_content(self, surf: pygame.Surface, p: Painter, off: tuple[int, int]) -> None:
        s = self.app.session
        note = "Your game is saved automatically after every turn."
        if s is not None:
            note = f"{s.title} \u00b7 {turn_label(s.game)}. " + note
        p.para(
            surf, note, self.note.move(-off[0], -off[1]), "small", self.pal.text_dim, max_lines=2
        )

    def activate(self, button_id: str) -> Transition | None:
        app = self.app
        if button_id == "resume":
            return Pop()
        if button_id == "save":
            if app.session is None:
                return None
            try:
                path = app.session.save_as()
            except OSError as err:
                app.toast(f"Could not save: {err.strerror or err}", "error")
                return None
            app.toast(f"Saved: {path.name}", "good")
            return Pop()
        if button_id == "load":
            return Push(app.flow.load())
        if button_id == "settings":
            return Push(app.flow.settings())
        if button_id == "help":
            return Push(HelpScreen(app))
        if button_id in ("glossary", "timeline"):
            screen = app.flow.glossary() if button_id == "glossary" else app.flow.timeline()
            return Push(screen) if screen is not None else None
        if button_id == "menu":
            if unsaved_choices(app):
                return leave_turn_confirm(app)
            app.session = None
            return Reset(app.flow.title())
        return None

    def back(self) -> Transition | None:
        return Pop()


def app_has_no_game(app: App) -> bool:
    """True when no game is open (the pause menu then has no glossary or timeline)."""
    return app.session is None


def unsaved_choices(app: App) -> bool:
    """True when the turn on screen has choices (or notes) that the autosave does not hold yet."""
    s = app.session
    if s is None:
        return False
    return bool(getattr(s, "choices", None)) or any(
        str(v).strip() for v in (getattr(s, "notes", None) or {}).values()
    )


def leave_turn_confirm(app: App) -> Transition:
    """Ask before leaving a turn whose choices would be lost (Esc stays)."""

    def choose(button_id: str) -> Transition | None:
        if button_id != "leave":
            return Pop()
        app.session = None
        return Reset(app.flow.title())

    return Push(
        NoticeScreen(
            app,
            i18n.tr("Leave this turn?"),
            i18n.tr(
                "The choices you made this turn are not saved yet: the game is saved after "
                "every turn. Leave for the main menu and lose them?"
            ),
            buttons=[
                ("leave", i18n.tr("Leave and lose them"), "ghost", "L"),
                ("stay", i18n.tr("Stay in the turn"), "primary", "Esc"),
            ],
            on_choice=choose,
            kind="warn",
        )
    )


def quit_confirm(app: App) -> Transition:
    """Ask before closing the program (Esc stays)."""
    lose = unsaved_choices(app)
    message = (
        i18n.tr("The choices you made this turn are not saved yet and will be lost.")
        if lose
        else i18n.tr("Your games are saved; Continue picks up where you left off.")
    )

    def choose(button_id: str) -> Transition | None:
        return Quit(0) if button_id == "quit" else Pop()

    return Push(
        NoticeScreen(
            app,
            i18n.tr("Quit Strategic Convergence?"),
            message,
            buttons=[
                ("quit", i18n.tr("Quit"), "ghost", "Q"),
                ("stay", i18n.tr("Stay"), "primary", "Esc"),
            ],
            on_choice=choose,
            kind="warn" if lose else "info",
        )
    )


class HelpScreen(OverlayScreen):
    """The keys, and the guided tour on demand."""

    name = "help"
    title = "Help"
    button_panel = "box"

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        self.title = i18n.tr("Help")
        row_h = st.line("body") + st.px(6)
        bh = button_height(p)
        intro_h = st.line("body") * 2 + st.u
        h = st.px(60) + intro_h + len(KEYS) * row_h + bh + st.u * 4
        inner = self.place_box(win, st.px(860), h)
        self.intro = Rect(inner.x, inner.y, inner.w, intro_h)
        self.rows_rect = Rect(
            inner.x, self.intro.bottom + st.u, inner.w, inner.h - intro_h - bh - st.u * 3
        )
        self.row_h = row_h
        specs = []
        if self.app.find("turn") is not None:
            specs.append(("tour", "Show the guided tour", "normal", "T"))
        specs.append(("close", i18n.tr("Close"), "primary", "Esc"))
        self.buttons = row_buttons(p, inner.right, inner.bottom - bh, specs, min_w=st.px(120))
        self.focus = "close"
        self.scroll = getattr(self, "scroll", ItemScroll())

    def draw_content(self, surf: pygame.Surface, p: Painter, off: tuple[int, int]) -> None:
        st, pal = self.style, self.pal
        intro = "Every option shows its likely effects; advisors recommend; after each turn the summary traces every change to its causes. Mouse and keyboard both work everywhere."
        p.para(surf, intro, self.intro.move(-off[0], -off[1]), "body", pal.text_dim, max_lines=2)
        rows = self.rows_rect.move(-off[0], -off[1])
        start, end = self.scroll.window([self.row_h] * len(KEYS), rows.h)
        y = rows.y
        key_w = max(keycap_width(p, k) for k, v in KEYS if v) + st.u
        for k, (key, what) in enumerate(KEYS[start:end]):
            if k % 6 == 5:
                yield  # (a few rows a step, within the frame's budget)
            if what is None:
                p.text(
                    surf,
                    key.upper(),
                    Rect(rows.x, y + st.px(4), rows.w, st.line("small", True)),
                    "small",
                    pal.accent,
                    bold=True,
                )
            else:
                cap = Rect(rows.x, y + st.px(2), keycap_width(p, key), st.line("small") + st.px(2))
                rounded(surf, cap, pal.border, st.px(4), 1)
                p.text(surf, key, cap, "small", pal.text, align="center", valign="center")
                p.text(
                    surf,
                    what,
                    Rect(rows.x + key_w + st.u, y, rows.w - key_w - st.u, st.line("body")),
                    "body",
                    pal.text,
                )
            y += self.row_h
        more_marks(surf, rows, start > 0, end < len(KEYS), pal, st.px(6))

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.KEYDOWN and e.key == pygame.K_F1:
            return Pop()
        if e.type == pygame.MOUSEWHEEL:
            self.scroll.scroll(-e.y)
            self.invalidate()
            return None
        return super().on_event(e)

    def activate(self, button_id: str) -> Transition | None:
        if button_id == "close":
            return Pop()
        if button_id == "tour":
            turn = self.app.find("turn")
            if turn is None:
                return Pop()
            self.app.stack[:] = self.app.stack[: self.app.stack.index(turn) + 1]
            return Push(self.app.flow.tutorial(turn))
        return None

    def back(self) -> Transition | None:
        return Pop()


class NoticeScreen(OverlayScreen):
    """A message (and optionally a list of lines, e.g. errors) with a few choices."""

    name = "notice"
    button_panel = "box"

    def __init__(
        self,
        app: App,
        title: str,
        message: str,
        *,
        lines: list[str] | None = None,
        buttons: list[tuple[str, str, str, str]] | None = None,
        on_choice: Callable[[str], Transition | None] | None = None,
        kind: str = "info",
    ) -> None:
        self.title = title
        self.message = message
        self.lines = lines or []
        self.specs = buttons or [("close", "Close", "primary", "Esc")]
        self.on_choice = on_choice
        self.kind = kind
        self.scroll = ItemScroll()
        super().__init__(app)

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        w = min(win.w - st.u * 4, st.px(900))
        text_w = w - st.px(40)
        msg_h = p.para_height(self.message, "body", text_w, max_lines=8)
        item_h = [
            p.para_height(line, "small", text_w - st.px(20), max_lines=3) + st.px(4)
            for line in self.lines
        ]
        list_h = min(sum(item_h), int(win.h * 0.5)) if self.lines else 0
        bh = button_height(p)
        h = st.px(56) + msg_h + (list_h + st.u * 2 if self.lines else 0) + bh + st.u * 3
        inner = self.place_box(win, w, h)
        self.msg_rect = Rect(inner.x, inner.y, inner.w, msg_h)
        self.list_rect = (
            Rect(
                inner.x,
                self.msg_rect.bottom + st.u,
                inner.w,
                inner.bottom - bh - st.u * 2 - self.msg_rect.bottom - st.u,
            )
            if self.lines
            else Rect(inner.x, inner.y, 0, 0)
        )
        self.item_h = item_h
        self.buttons = row_buttons(p, inner.right, inner.bottom - bh, self.specs, min_w=st.px(120))
        self.focus = self.focus or self.specs[-1][0]

    def draw_content(self, surf: pygame.Surface, p: Painter, off: tuple[int, int]) -> None:
        st, pal = self.style, self.pal
        colour = {"error": pal.bad, "warn": pal.warn}.get(self.kind, pal.text)
        p.para(
            surf,
            self.message,
            self.msg_rect.move(-off[0], -off[1]),
            "body",
            colour if self.kind != "info" else pal.text,
            max_lines=8,
        )
        if not self.lines:
            return
        lr = self.list_rect.move(-off[0], -off[1])
        rounded(surf, lr, pal.background, st.px(6))
        inner = lr.inflate(-st.px(16), -st.px(12))
        start, end = self.scroll.window(self.item_h, inner.h)
        y = inner.y
        for i in range(start, end):
            h = self.item_h[i]
            p.para(
                surf,
                self.lines[i],
                Rect(inner.x, y, inner.w - st.px(12), h - st.px(4)),
                "small",
                pal.text,
                max_lines=3,
            )
            y += h
        more_marks(
            surf, lr.inflate(-st.px(4), -st.px(4)), start > 0, end < len(self.lines), pal, st.px(5)
        )

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.MOUSEWHEEL or (
            e.type == pygame.KEYDOWN and e.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN)
        ):
            step = (
                -e.y if e.type == pygame.MOUSEWHEEL else (3 if e.key == pygame.K_PAGEDOWN else -3)
            )
            self.scroll.scroll(step)
            self.invalidate()
            return None
        return super().on_event(e)

    def activate(self, button_id: str) -> Transition | None:
        if self.on_choice is not None:
            return self.on_choice(button_id)
        return Pop()

    def back(self) -> Transition | None:
        esc = next((b[0] for b in self.specs if b[3] == "Esc"), None)
        return self.activate(esc) if esc else Pop()

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "message": self.message,
            "buttons": [b[0] for b in self.specs],
        }


def draw_toasts(app: App, win: pygame.Surface) -> None:
    """The App's notices still due, at the bottom of `win` (their picture is cached)."""
    app._toasts = [t for t in app._toasts if t[2] > app.now]
    if not app._toasts:
        app._toast_cache = None
        return
    key = (tuple((m, k) for m, k, _ in app._toasts), win.get_size())
    if app._toast_cache is None or app._toast_cache[0] != key:
        app._toast_cache = (key, render_toasts(app, win.get_size()))
    surf = app._toast_cache[1]
    bottom = (win.get_width() // 2, win.get_height() - app.style.px(72))
    win.blit(surf, surf.get_rect(midbottom=bottom))


def render_toasts(app: App, size: tuple[int, int]) -> pygame.Surface:
    """The App's notices, one under the other, for the bottom of the window."""
    st, pal = app.style, app.style.palette
    width = min(size[0] - 4 * st.u, st.px(720))
    pad = st.px(12)
    rows = []
    for msg, kind, _ in app._toasts:
        lines = app.painter.wrap(msg, "body", width - 2 * pad - st.px(10))[:3]
        rows.append((msg, kind, len(lines) * st.line("body") + 2 * pad))
    total = sum(h for *_, h in rows) + st.px(6) * (len(rows) - 1)
    surf = pygame.Surface((width, total), pygame.SRCALPHA)
    y = 0
    colours = {"info": pal.accent, "warn": pal.warn, "error": pal.bad, "good": pal.good}
    old = app.painter.origin
    for msg, kind, h in rows:
        r = pygame.Rect(0, y, width, h)
        rounded(surf, r, pal.panel_alt, st.px(8))
        rounded(surf, r, pal.border, st.px(8), 1)
        pygame.draw.rect(
            surf,
            colours.get(kind, pal.accent),
            (r.x + st.px(6), r.y + pad, st.px(4), h - 2 * pad),
            border_radius=2,
        )
        app.painter.para(
            surf,
            msg,
            r.inflate(-2 * pad, -2 * pad).move(st.px(8), 0).clip(r.inflate(-2 * pad, -2 * pad)),
            "body",
            pal.text,
            max_lines=3,
        )
        y += h + st.px(6)
    app.painter.origin = old
    return surf
