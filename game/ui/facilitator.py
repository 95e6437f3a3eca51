"""The facilitator's panel (Ctrl+Shift+F anywhere): what a teacher running a class needs.

- pause and resume the game ("Paused by the facilitator" blocks play until resumed);
- inject any event of the scenario now (a searchable, scrollable list of its events);
- show the scenario's discussion questions full screen, in large text, for projecting;
- lock the Settings screen for the class (unlocked here again);
- end the game early and go to its debrief (the end screen);
- set a PIN that is asked before the panel opens.

Every screen here is a small state object like the others; nothing blocks a frame.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pygame

from game.presentation import reason, turn_label
from game.ui.common import ButtonScreen, column_buttons, row_buttons
from game.ui.controls import ItemScroll, button_height, more_marks, rounded
from game.ui.i18n import tr
from game.ui.overlays import NoticeScreen, OverlayScreen
from game.ui.painter import Painter
from game.ui.screen import Pop, Push, Rect, Replace, Reset, Screen, Transition
from game.ui.textentry import TextEntry
from game.ui.theme import blend, draw_panel, panel_content_rect

if TYPE_CHECKING:
    from game.ui.app import App

FACILITATOR_SCREENS = ("facilitator", "facilitator_pin", "inject", "questions")
MAX_PIN = 12


def is_facilitator_key(e: pygame.event.Event) -> bool:
    """Ctrl+Shift+F."""
    mod = getattr(e, "mod", 0)
    return (
        e.type == pygame.KEYDOWN
        and e.key == pygame.K_f
        and bool(mod & pygame.KMOD_CTRL)
        and bool(mod & pygame.KMOD_SHIFT)
    )


def open_facilitator(app: App) -> Transition | None:
    """The panel, or first the PIN prompt when a PIN is set (None if already open)."""
    top = app.top
    if top is not None and top.name in FACILITATOR_SCREENS:
        return None
    if app.settings.facilitator_pin:
        return Push(PinScreen(app, "check"))
    return Push(FacilitatorScreen(app))


def paused_screen(app: App) -> Screen | None:
    """The 'Paused by the facilitator' screen, if the game is paused."""
    return app.find("facilitator_paused")


def _fresh_backdrop(app: App) -> None:
    # an overlay opened from another overlay: draw what is under it again, not the
    # picture on screen (which shows the overlay being replaced)
    app.backdrop = None
    app._capturing = None  # (not the window's copy either)


# -- the PIN ------------------------------------------------------------------------------


class PinScreen(OverlayScreen):
    """Ask for the facilitator's PIN (`check`), or choose a new one (`set`)."""

    name = "facilitator_pin"
    button_panel = "box"

    def __init__(self, app: App, mode: str = "check") -> None:
        self.mode = mode
        self.title = tr("Facilitator PIN")
        self.entry = TextEntry("", MAX_PIN, allow=str.isdigit)
        self.error = ""
        self.tries = 0
        super().__init__(app)

    @property
    def prompt(self) -> str:
        if self.mode == "set":
            return tr(
                "Type a new PIN of digits (Enter saves it). Leave it empty and press Enter "
                "to remove the PIN."
            )
        return tr("Type the facilitator's PIN and press Enter.")

    def on_enter(self) -> None:
        _fresh_backdrop(self.app)

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        bh = button_height(p)
        w = st.px(520)
        text_w = min(w, win.w - st.u * 4) - st.px(40)
        prompt_h = p.para_height(self.prompt, "body", text_w, max_lines=3)
        h = st.px(60) + prompt_h + st.u * 2 + bh + st.u * 2 + st.line("small") + st.u * 2 + bh
        inner = self.place_box(win, w, h)
        self.prompt_rect = Rect(inner.x, inner.y, inner.w, prompt_h)
        self.field = Rect(inner.x, self.prompt_rect.bottom + st.u * 2, inner.w, bh)
        self.error_rect = Rect(inner.x, self.field.bottom + st.u, inner.w, st.line("small"))
        label = tr("Save PIN") if self.mode == "set" else tr("Open the panel")
        specs = [("cancel", tr("Cancel"), "ghost", "Esc"), ("ok", label, "primary", "Enter")]
        self.buttons = row_buttons(p, inner.right, inner.bottom - bh, specs, min_w=st.px(110))
        self.focus = "ok"

    def draw_content(self, surf: pygame.Surface, p: Painter, off: tuple[int, int]) -> None:
        pal = self.pal
        p.para(
            surf,
            self.prompt,
            self.prompt_rect.move(-off[0], -off[1]),
            "body",
            pal.text,
            max_lines=3,
        )
        masked = TextEntry("\u2022" * len(self.entry.value))
        masked.draw(
            p,
            surf,
            self.field,
            focused=True,
            placeholder=tr("PIN") if self.mode == "check" else tr("no PIN"),
            error=bool(self.error),
            offset=off,
        )
        if self.error:
            p.text(surf, self.error, self.error_rect.move(-off[0], -off[1]), "small", pal.bad)

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.KEYDOWN and e.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.activate("ok")
        if e.type == pygame.KEYDOWN and e.key == pygame.K_ESCAPE:
            return self.back()
        if self.entry.handle(e):
            self.error = ""
            self.invalidate()
            return None
        return super().on_event(e)

    def activate(self, button_id: str) -> Transition | None:
        app = self.app
        if button_id == "cancel":
            return Pop()
        if self.mode == "set":
            app.settings.facilitator_pin = self.entry.value
            app.save_settings()
            app.toast(tr("PIN saved.") if self.entry.value else tr("PIN removed."), "good")
            return Pop()
        if self.entry.value == app.settings.facilitator_pin:
            return Replace(FacilitatorScreen(app))
        self.tries += 1
        self.entry.value = ""
        self.error = tr("That is not the PIN.") + (f" ({self.tries})" if self.tries > 1 else "")
        self.invalidate()
        return None

    def back(self) -> Transition | None:
        return Pop()

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "mode": self.mode, "error": self.error}


# -- the panel ------------------------------------------------------------------------------


class FacilitatorScreen(OverlayScreen):
    """The facilitator's actions."""

    name = "facilitator"
    button_panel = "box"

    def __init__(self, app: App) -> None:
        self.title = tr("Facilitator")
        super().__init__(app)

    def on_enter(self) -> None:
        _fresh_backdrop(self.app)
        self.resize(self.app.size)  # labels follow the state (paused, locked, PIN)

    def _in_game(self) -> bool:
        s = self.app.session
        return s is not None and not s.game.is_over()

    def specs(self) -> list[tuple[str, str, str, str]]:
        app = self.app
        paused = paused_screen(app) is not None
        locked = app.settings.settings_locked
        return [
            ("pause", tr("Resume the game") if paused else tr("Pause the game"), "normal", "P"),
            ("inject", tr("Inject an event\u2026"), "normal", "I"),
            ("questions", tr("Show the discussion questions"), "normal", "Q"),
            (
                "lock",
                tr("Unlock settings") if locked else tr("Lock settings for the class"),
                "normal",
                "L",
            ),
            (
                "pin",
                tr("Change the PIN\u2026")
                if app.settings.facilitator_pin
                else tr("Set a PIN\u2026"),
                "normal",
                "N",
            ),
            ("end", tr("End the game now (debrief)"), "normal", "E"),
            ("close", tr("Close"), "primary", "Esc"),
        ]

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        specs = self.specs()
        bh = button_height(p)
        gap = st.px(8)
        info_h = st.line("small") * 3 + st.u
        h = st.px(56) + info_h + st.u + len(specs) * (bh + gap) + st.u
        inner = self.place_box(win, st.px(480), h)
        self.info = Rect(inner.x, inner.y, inner.w, info_h)
        self.buttons = column_buttons(
            p, Rect(inner.x, self.info.bottom + st.u, inner.w, inner.h), specs, gap
        )
        in_game = self._in_game()
        s = self.app.session
        for b in self.buttons:
            if b.id in ("pause", "inject", "end"):
                b.enabled = in_game
            elif b.id == "questions":
                b.enabled = s is not None and bool(s.definition.questions)
        if self.focus is None or not any(b.id == self.focus and b.enabled for b in self.buttons):
            self.focus = "close"

    def draw_content(self, surf: pygame.Surface, p: Painter, off: tuple[int, int]) -> None:
        st, pal, s = self.style, self.pal, self.app.session
        r = self.info.move(-off[0], -off[1])
        if s is None:
            lines = [tr("No game is open: game actions need one."), "", ""]
        else:
            who = (
                tr("two players at one machine")
                if s.hot_seat
                else tr("{role} against the computer", role=s.role_name())
            )
            extra = []
            if s.class_code:
                extra.append(tr("class code {code}", code=s.class_code))
            if s.game.injected:
                extra.append(tr("{n} event(s) injected", n=len(s.game.injected)))
            lines = [
                f"{s.title} \u00b7 {turn_label(s.game)}",
                who,
                " \u00b7 ".join(extra) if extra else tr("seed {seed}", seed=s.game.seed),
            ]
        y = r.y
        for k, line in enumerate(lines):
            p.text(
                surf,
                line,
                Rect(r.x, y, r.w, st.line("small")),
                "small",
                pal.text if k == 0 else pal.text_dim,
                bold=k == 0,
            )
            y += st.line("small")

    def activate(self, button_id: str) -> Transition | None:
        app = self.app
        if button_id == "close":
            return Pop()
        if button_id == "pause":
            paused = paused_screen(app)
            if paused is not None:
                app.stack.remove(paused)
                if app.session is not None:
                    app.session.table.resume()
                app.toast(tr("The game goes on."), "good")
                return Pop()
            if app.session is not None:
                app.session.table.pause()  # the table refuses the players' input meanwhile
            return Replace(FacilitatorPausedScreen(app))
        if button_id == "inject" and self._in_game():
            return Replace(InjectScreen(app))
        if button_id == "questions" and app.session is not None:
            return Replace(QuestionsScreen(app))
        if button_id == "lock":
            s = app.settings
            app.apply_settings(replace(s, settings_locked=not s.settings_locked))
            if app.settings.settings_locked:
                hint = (
                    ""
                    if s.facilitator_pin
                    else " " + tr("Set a PIN so that only you can unlock them.")
                )
                app.toast(tr("Settings are locked for the class.") + hint, "good")
            else:
                app.toast(tr("Settings are unlocked."), "good")
            self.resize(app.size)
            return None
        if button_id == "pin":
            return Push(PinScreen(app, "set"))
        if button_id == "end" and self._in_game():
            return Push(
                NoticeScreen(
                    app,
                    tr("End the game now?"),
                    tr(
                        "The game ends at once and the ending follows the situation as it "
                        "stands. Everybody goes to the debrief."
                    ),
                    buttons=[
                        ("cancel", tr("Cancel"), "ghost", "Esc"),
                        ("end", tr("End the game"), "primary", "Enter"),
                    ],
                    on_choice=lambda choice: end_game_now(app) if choice == "end" else Pop(),
                    kind="warn",
                )
            )
        return None

    def back(self) -> Transition | None:
        return Pop()


def end_game_now(app: App) -> Transition | None:
    """End the current game at once and show its end screen (the debrief)."""
    s = app.session
    if s is None:
        return Pop()
    s.end_now()  # assessments under way are dropped
    s.autosave()
    app.toast(tr("The facilitator ended the game."), "info")
    return Reset(app.flow.end(s))


# -- paused -----------------------------------------------------------------------------------


class FacilitatorPausedScreen(OverlayScreen):
    """'Paused by the facilitator': every input is ignored until the facilitator resumes."""

    name = "facilitator_paused"
    blocks_play = True  # the App lets only F11, F12 and Ctrl+Shift+F through

    def __init__(self, app: App) -> None:
        self.title = ""
        super().__init__(app)

    def on_enter(self) -> None:
        _fresh_backdrop(self.app)

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        w = min(win.w - st.u * 8, st.px(760))
        text_w = w - st.u * 8
        self.head_h = p.para_height(tr("Paused by the facilitator"), "huge", text_w, True, 2)
        self.note_h = p.para_height(self._note(), "title", text_w, max_lines=3)
        h = st.u * 8 + self.head_h + st.u * 2 + self.note_h
        inner = self.place_box(win, w, h)
        self.inner = inner
        self.buttons = []

    def _note(self) -> str:
        return tr("Eyes to the front. The game goes on when the facilitator resumes it.")

    def _draw_box(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.style, self.pal
        if self.app.backdrop is not None:
            surf.blit(self.app.backdrop, (0, 0), Rect(self.box))
        rounded(surf, r, pal.panel, st.px(12))
        rounded(surf, r, pal.warn, st.px(12), max(2, st.px(3)))
        inner = r.inflate(-st.u * 8, -st.u * 8)
        used = p.para(
            surf,
            tr("Paused by the facilitator"),
            Rect(inner.x, inner.y, inner.w, self.head_h),
            "huge",
            pal.warn,
            bold=True,
            align="center",
            max_lines=2,
        )
        y = max(used.bottom, inner.y + self.head_h) + st.u * 2
        p.para(
            surf,
            self._note(),
            Rect(inner.x, y, inner.w, inner.bottom - y),
            "title",
            pal.text,
            align="center",
            max_lines=3,
        )

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        return None  # play is blocked: only the facilitator's key (handled by the App) works

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "paused": True}


# -- injecting an event ---------------------------------------------------------------------------


class InjectScreen(OverlayScreen):
    """Search the scenario's events by title; Enter or a click fires the highlighted one now."""

    name = "inject"
    button_panel = "box"

    def __init__(self, app: App) -> None:
        self.title = tr("Inject an event")
        self.search = TextEntry("", 40)
        self.pick = 0
        self.scroll = ItemScroll()
        self.rows: dict[int, Rect] = {}
        self.row_hover: int | None = None
        s = app.session
        self.events: list[tuple[str, str, str]] = []  # id, title, what it is
        if s is not None:
            g = s.game
            for ev in s.definition.events:
                kind = (
                    tr("news")
                    if ev.role == "none"
                    else tr("decision for {role}", role=s.role_name(ev.role))
                )
                self.events.append((ev.id, g.text(ev.title) or ev.id, kind))
        super().__init__(app)

    def on_enter(self) -> None:
        _fresh_backdrop(self.app)

    def matches(self) -> list[tuple[str, str, str]]:
        """The events whose title or id contains the search text."""
        q = self.search.value.strip().casefold()
        if not q:
            return list(self.events)
        return [e for e in self.events if q in e[1].casefold() or q in e[0].casefold()]

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        bh = button_height(p)
        w = st.px(760)
        h = int(win.h * 0.86)
        inner = self.place_box(win, w, h)
        self.hint = Rect(inner.x, inner.y, inner.w, st.line("small"))
        self.field = Rect(inner.x, self.hint.bottom + st.u, inner.w, bh)
        self.list_rect = Rect(
            inner.x,
            self.field.bottom + st.u * 2,
            inner.w,
            inner.bottom - bh - st.u * 2 - self.field.bottom - st.u * 2,
        )
        specs = [
            ("close", tr("Close"), "ghost", "Esc"),
            ("inject", tr("Inject now"), "primary", "Enter"),
        ]
        self.buttons = row_buttons(p, inner.right, inner.bottom - bh, specs, min_w=st.px(120))
        self.focus = "inject"
        self._place_rows()

    def _row_h(self) -> int:
        st = self.style
        return st.line("body", True) + st.line("small") + st.u

    def _place_rows(self) -> None:
        st = self.style
        found = self.matches()
        self.pick = max(0, min(self.pick, len(found) - 1))
        heights = [self._row_h()] * len(found)
        self.scroll.ensure(self.pick, heights, self.list_rect.h, st.px(4))
        start, end = self.scroll.window(heights, self.list_rect.h, st.px(4))
        self.window = (start, end, len(found))
        self.rows = {}
        y = self.list_rect.y
        for i in range(start, end):
            self.rows[i] = Rect(self.list_rect.x, y, self.list_rect.w - st.px(14), heights[i])
            y += heights[i] + st.px(4)
        self.found = found
        inject = self.button("inject")
        if inject is not None:
            inject.enabled = bool(found)

    def draw_content(self, surf: pygame.Surface, p: Painter, off: tuple[int, int]) -> None:
        st, pal = self.style, self.pal
        n = len(self.found)
        p.text(
            surf,
            tr(
                "{n} of {total} events \u00b7 type to search \u00b7 Up/Down, wheel, Enter",
                n=n,
                total=len(self.events),
            ),
            self.hint.move(-off[0], -off[1]),
            "small",
            pal.text_dim,
        )
        self.search.draw(
            p, surf, self.field, focused=True, placeholder=tr("Search by title"), offset=off
        )
        lr = self.list_rect.move(-off[0], -off[1])
        if not self.found:
            p.text(surf, tr("No event matches."), lr, "body", pal.text_dim)
            return
        for i, row in self.rows.items():
            eid, title, kind = self.found[i]
            rr = row.move(-off[0], -off[1])
            chosen = i == self.pick
            fill = (
                blend(pal.panel_alt, pal.accent, 0.2)
                if chosen
                else (pal.panel_alt if self.row_hover == i else pal.panel)
            )
            rounded(surf, rr, fill, st.px(6))
            if chosen:
                rounded(surf, rr, pal.accent, st.px(6), 1)
            pad = st.u
            p.text(
                surf,
                title,
                Rect(rr.x + pad, rr.y + st.px(3), rr.w - 2 * pad, st.line("body", True)),
                "body",
                pal.text,
                bold=True,
            )
            p.text(
                surf,
                f"{kind} \u00b7 {eid}",
                Rect(
                    rr.x + pad,
                    rr.y + st.px(3) + st.line("body", True),
                    rr.w - 2 * pad,
                    st.line("small"),
                ),
                "small",
                pal.accent if kind == tr("news") else pal.text_dim,
            )
        start, end, total = self.window
        more_marks(surf, lr, start > 0, end < total, pal, st.px(6))

    def _changed(self) -> None:
        self._place_rows()
        self.invalidate()

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.MOUSEWHEEL:
            self.scroll.scroll(-e.y)
            heights = [self._row_h()] * len(self.found)
            start, end = self.scroll.window(heights, self.list_rect.h, self.style.px(4))
            self.pick = max(start, min(self.pick, end - 1)) if self.found else 0
            self._changed()
            return None
        if e.type == pygame.MOUSEMOTION:
            hover = next((i for i, r in self.rows.items() if r.collidepoint(e.pos)), None)
            if hover != self.row_hover:
                self.row_hover = hover
                self.invalidate()
            return super().on_event(e)
        if e.type == pygame.MOUSEBUTTONDOWN and e.button == 1:
            hit = next((i for i, r in self.rows.items() if r.collidepoint(e.pos)), None)
            if hit is not None:
                self.pick = hit
                return self.activate("inject")
            return super().on_event(e)
        if e.type == pygame.KEYDOWN:
            k = e.key
            if k == pygame.K_ESCAPE:
                return self.back()
            if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return self.activate("inject")
            steps = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -6, pygame.K_PAGEDOWN: 6}
            if k in steps:
                self.pick = max(0, min(len(self.found) - 1, self.pick + steps[k]))
                self._changed()
                return None
        if self.search.handle(e):
            self.pick = 0
            self.scroll.first = 0
            self._changed()
            return None
        return None

    def activate(self, button_id: str) -> Transition | None:
        if button_id == "close":
            return Pop()
        if button_id != "inject" or not self.found:
            return None
        eid, title, _ = self.found[self.pick]
        return inject_event(self.app, eid, title)

    def back(self) -> Transition | None:
        return Pop()

    def targets(self) -> dict[str, Rect]:
        out = super().targets()
        out.update({f"event:{self.found[i][0]}": Rect(r) for i, r in self.rows.items()})
        return out

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "search": self.search.value,
            "found": [e[0] for e in self.found],
            "pick": self.found[self.pick][0] if self.found else None,
        }


def inject_event(app: App, event_id: str, title: str = "") -> Transition | None:
    """Fire an event now; the turn screen shows its news or decision at once."""
    s = app.session
    if s is None:
        return Pop()
    result = s.inject(event_id)  # a decision it brings is due now; choices made are kept
    if not result:
        app.toast(reason(result) or tr("The event could not be injected."), "error")
        return None
    s.autosave()
    turn = app.find("turn")
    if turn is not None:
        turn.event_injected(event_id)
    role = s.game.event_def(event_id).role
    if role != "none" and event_id not in [x.event for x in s.game.pending(role)]:
        # every decision slot of that role is taken this turn: the engine forces it next turn
        app.toast(tr("{title}: due next turn (no free decision slot now)", title=title), "info")
    else:
        app.toast(tr("Injected: {title}", title=title or event_id), "good")
    return Pop()


# -- discussion questions -------------------------------------------------------------------------


class QuestionsScreen(ButtonScreen):
    """The scenario's discussion questions, full screen and as large as they fit, for projecting."""

    name = "questions"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        s = app.session
        self.questions = (
            [" ".join(s.game.text(q).split()) for q in s.definition.questions] if s else []
        )
        self.scroll = ItemScroll()
        self.add_panel("page", self._draw_page)

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        m = st.u * 4
        self.frame = Rect(m, m, win.w - 2 * m, win.h - 2 * m)
        self.panels["page"].set_rect(self.frame)
        inner = panel_content_rect(Rect(self.frame), st.fonts, tr("Discussion questions"))
        inner = inner.inflate(-st.u * 4, -st.u * 2)
        bh = button_height(p)
        self.head = Rect(inner.x, inner.y, inner.w, st.line("title", True) + st.u)
        self.body = Rect(
            inner.x,
            self.head.bottom + st.u * 2,
            inner.w,
            inner.bottom - bh - st.u * 3 - self.head.bottom - st.u * 2,
        )
        # the largest text at which every question fits on the page (for projecting)
        self.size_name: str | int = 10
        for size in range(44, 9, -2):
            num_w = p.width("10.", size, True) + st.u * 2
            total = sum(
                p.para_height(q, size, self.body.w - num_w) + st.line(size) // 2
                for q in self.questions
            )
            if total <= self.body.h:
                self.size_name = size
                break
        self.num_w = p.width("10.", self.size_name, True) + st.u * 2
        text_w = self.body.w - self.num_w
        self.heights = [
            p.para_height(q, self.size_name, text_w) + st.line(self.size_name) // 2
            for q in self.questions
        ]
        self.buttons = row_buttons(
            p,
            inner.right,
            inner.bottom - bh,
            [("close", tr("Close"), "primary", "Esc")],
            min_w=st.px(140),
        )
        self.focus = "close"
        self.button_panel = "page"

    def on_enter(self) -> None:
        self.app.backdrop = None

    def _draw_page(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal, s = self.style, self.pal, self.app.session
        draw_panel(surf, r, pal, tr("Discussion questions"), st.fonts)
        ox, oy = self.frame.topleft
        head = self.head.move(-ox, -oy)
        p.text(surf, s.title if s else "", head, "title", pal.accent, bold=True)
        body = self.body.move(-ox, -oy)
        if not self.questions:
            p.text(
                surf, tr("This scenario has no discussion questions."), body, "title", pal.text_dim
            )
        start, end = self.scroll.window(self.heights, body.h)
        self.window = (start, end, len(self.questions))
        y = body.y
        for i in range(start, end):
            h = self.heights[i]
            p.text(
                surf,
                f"{i + 1}.",
                Rect(body.x, y, self.num_w, st.line(self.size_name, True)),
                self.size_name,
                pal.accent,
                bold=True,
            )
            p.para(
                surf,
                self.questions[i],
                Rect(body.x + self.num_w, y, body.w - self.num_w, h),
                self.size_name,
                pal.text,
            )
            y += h
        more_marks(surf, body, start > 0, end < len(self.questions), pal, st.px(8))
        self.draw_buttons(p, surf, (ox, oy))

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.MOUSEWHEEL or (
            e.type == pygame.KEYDOWN
            and e.key in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN)
        ):
            step = (
                -e.y
                if e.type == pygame.MOUSEWHEEL
                else (1 if e.key in (pygame.K_DOWN, pygame.K_PAGEDOWN) else -1)
            )
            self.scroll.scroll(step)
            self.invalidate()
            return None
        return super().on_event(e)

    def activate(self, button_id: str) -> Transition | None:
        return Pop() if button_id == "close" else None

    def back(self) -> Transition | None:
        return Pop()

    def regions(self) -> dict[str, Rect]:
        return {"page": Rect(self.frame)}

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "questions": list(self.questions), "size": self.size_name}
