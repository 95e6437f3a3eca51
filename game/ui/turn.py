"""The turn screen: dashboard, map, news and the decisions due, each option with its outlook.

Layout (computed from the window size on every resize):

    header:  Strategic Convergence · scenario · role · turn (t/T)   [What changed?] [Help] [Menu]
    body:    indicators (+ ladder) | map / news | decisions (tabs, options, option in detail)
                                                | status                      [End turn]

Assessments (forecast + advisors) arrive from the background worker; until then the
cards say "assessing…" and stay fully usable.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import pygame

from game.presentation import turn_label
from game.ui import assessing, i18n, maplink
from game.ui.common import ACTIVATE_KEYS
from game.ui.controls import (
    Item,
    ItemScroll,
    icon_spinner,
)
from game.ui.glossary_marks import draw_tip, term_at
from game.ui.intents import (
    BUTTONS,
    Choose,
    DecisionText,
    EditNote,
    EndTurn,
    FanChart,
    FocusTab,
    Intent,
    OpenHelp,
    OpenMap,
    OpenMenu,
    OpenWorld,
    ShowIndicator,
    WhatChanged,
    target_name,
)
from game.ui.painter import Painter
from game.ui.pixels import backdrop
from game.ui.screen import BUDGET, Push, Rect, Screen, Transition
from game.ui.session import OptionOutlook, Session, TurnReport
from game.ui.turn_capital import commitments_screen
from game.ui.turn_classroom import Classroom
from game.ui.turn_decisions import DecisionsPanel
from game.ui.turn_layout import layout_steps
from game.ui.turn_panels import DashboardPanel, HeaderPanel, NewsPanel
from game.ui.turn_strip import ObjectivesStrip
from game.ui.world_screen import world_link_rect

if TYPE_CHECKING:
    from game.engine.game import Decision
    from game.ui.app import App

NUMBER_KEYS = {
    pygame.K_1: 0,
    pygame.K_2: 1,
    pygame.K_3: 2,
    pygame.K_4: 3,
    pygame.K_KP1: 0,
    pygame.K_KP2: 1,
    pygame.K_KP3: 2,
    pygame.K_KP4: 3,
}


def advisor_tags(advisors: dict[str, Any]) -> dict[str, str]:
    """Short, distinct tags for a role's advisors (e.g. D, C, E, F; USTR)."""
    tags: dict[str, str] = {}
    for key in advisors:
        base = key.split("_")[0]
        tag = base.upper() if len(base) <= 4 else base[0].upper()
        n = 1
        while tag in tags.values():
            n += 1
            tag = base[:n].upper()
        tags[key] = tag
    return tags


class TurnScreen(Screen):
    """The heart of the game: see the situation, weigh the options, end the turn."""

    name = "turn"
    animated = True

    def __init__(self, app: App, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.classroom = Classroom(self)
        self.dfocus = 0
        self.ofocus: int | None = None
        self.hover: Intent | None = None
        self.map_button: Any = None  # (large text: the map is a button, see turn_layout)
        self.map_compact = False
        self.mouse = (-1, -1)
        self.waiting = False
        self.turn_seen = session.game.turn
        self.dash_scroll = ItemScroll()
        self.news_scroll = ItemScroll()
        self.dec_scroll: dict[int, ItemScroll] = {}
        self.hits: dict[str, Rect] = {}
        self.dec_items: list[Item] = []
        self.dash_items: list[Item] = []
        self.news_items: list[Item] = []
        self.tags = advisor_tags(session.definition.roles[session.role].advisors)
        self._outlooks: dict[tuple[int, int], list[OptionOutlook] | None] = {}
        self._laid_with: tuple[int, frozenset[int], frozenset[int]] | None = None
        self.tutorial_shown = False
        self.stale = False
        self._resolve_now = False
        self._steps: Generator[None, None, Transition | None] | None = None
        self._relayout: tuple[Any, Generator[None, None, None]] | None = None  # under way
        self._measuring: tuple[Any, Generator[None, None, None]] | None = None  # (_collect)
        self._dec_bg: dict[Any, pygame.Surface] = {}  # pixels under option cards and detail
        self._dec_drawn: dict[Any, Any] = {}  # how each card (and the detail) was drawn
        self.header_panel = HeaderPanel(self)
        self.dashboard_panel = DashboardPanel(self)
        self.news_panel = NewsPanel(self)
        self.decisions_panel = DecisionsPanel(self)
        self.strip = ObjectivesStrip(self)
        self.strip_scroll = ItemScroll()
        for name, fn in (
            ("header", self.header_panel.draw),
            ("dashboard", self.dashboard_panel.draw),
            ("ladder", self.dashboard_panel.draw_ladder),
            ("mapframe", self.news_panel.draw_mapframe),
            ("strip", self.strip.draw),
            ("news", self.news_panel.draw),
            ("decisions", self.decisions_panel.draw),
            ("footer", self._draw_footer),
        ):
            self.add_panel(name, fn)
        self._new_turn()

    # -- state ------------------------------------------------------------------------------

    @property
    def decisions(self) -> list[Decision]:
        """The human's decisions this turn."""
        return self.session.decisions()

    def focused(self) -> Decision | None:
        """The decision with keyboard focus."""
        decs = self.decisions
        if not decs:
            return None
        self.dfocus = max(0, min(self.dfocus, len(decs) - 1))
        return decs[self.dfocus]

    def _new_turn(self) -> None:
        self.tags = advisor_tags(self.session.definition.roles[self.session.role].advisors)
        self.classroom.unfocus_note()
        self.dfocus = 0
        self.ofocus = None
        self.waiting = False
        self._outlooks = {}
        self.dec_scroll = {}
        self.news_scroll = ItemScroll()
        self.turn_seen = self.session.game.turn

    def outlook(self, slot: int) -> list[OptionOutlook] | None:
        """The options' outlook of a decision (cached per turn)."""
        key = (self.session.gen, slot)
        if key not in self._outlooks or self._outlooks[key] is None:
            self._outlooks[key] = self.session.outlook(slot)
        return self._outlooks[key]

    def assessed(self) -> tuple[int, frozenset[int], frozenset[int]]:
        """Which decisions' assessments (or failures) the session holds this turn."""
        s = self.session
        return (s.gen, frozenset(s.forecasts), frozenset(s.failures))

    def highlighted(self) -> int | None:
        """The option whose assessment is shown: hovered, else keyboard focus, else chosen."""
        dec = self.focused()
        if dec is None:
            return None
        if isinstance(self.hover, Choose) and self.hover.slot == dec.slot:
            return self.hover.option
        if self.ofocus is not None:
            return self.ofocus
        return self.session.choices.get(dec.slot, 0)

    # -- layout -----------------------------------------------------------------------------

    def layout(self, win: Rect) -> None:
        for _ in self._layout_steps(win):
            pass

    def _layout_steps(self, win: Rect) -> Generator[None, None, None]:
        """The layout in parts, one per quiet frame while hidden (see `prerender`)."""
        return layout_steps(self, win)  # turn_layout.py

    def _map_title(self) -> str:
        return f"{i18n.tr('Hot spots')} \u00b7 {turn_label(self.session.game)}"

    def _place_all(self) -> None:
        self.strip.place()
        self.dashboard_panel.place()
        self.news_panel.place()
        self.decisions_panel.place()
        self._update_hits()

    def _update_hits(self) -> None:
        self.hits: dict[Intent, Rect] = {OpenMenu(): self.menu_button.rect}
        for b in self.footer_buttons + self.header_buttons:
            self.hits[BUTTONS[b.id]] = b.rect
        for it in self.dec_items:
            if it.rect is None:
                continue
            if it.kind == "option":
                dec, opt = it.data
                self.hits[Choose(dec.slot, opt.index)] = it.rect
            elif it.kind == "head":
                self.hits[DecisionText()] = it.rect
            elif it.kind == "note":
                self.hits[EditNote()] = it.rect
        for k, r in getattr(self, "tab_rects", {}).items():
            self.hits[FocusTab(k)] = r
        if getattr(self, "assess_rect", Rect(0, 0, 0, 0)).h > 0:
            self.hits[FanChart()] = self.assess_rect
        for it in self.dash_items:
            if it.kind == "row" and it.rect is not None:
                self.hits[ShowIndicator(it.data.name)] = it.rect
        self.hits[OpenWorld()] = world_link_rect(self)
        self.hits[OpenMap()] = Rect(self.map_frame)  # the map, or its button: full size

    # dashboard ------------------------------------------------------------------------------

    # news -----------------------------------------------------------------------------------

    # decisions --------------------------------------------------------------------------------

    def refresh(self, *panels: str) -> None:
        """Re-place the items of the named panels (all without names) and redraw them."""
        if not panels:
            self._place_all()
        else:
            if "dashboard" in panels:
                self.dashboard_panel.place()
            if "news" in panels:
                self.news_panel.place()
            if "decisions" in panels:
                self.decisions_panel.place()
            self._update_hits()
        self.invalidate(*panels)

    # -- drawing --------------------------------------------------------------------------------

    def _draw_footer(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal, s = self.style, self.pal, self.session
        surf.blit(backdrop(self.app.size, pal), (0, 0), Rect(self.footer))
        ox, oy = self.footer.topleft
        decs = self.decisions
        chosen = sum(1 for d in decs if d.slot in s.choices)
        end = self.footer_buttons[0]
        end.enabled = s.all_chosen() and not self.waiting
        end.label = i18n.tr("Resolving\u2026") if self.waiting else i18n.tr("End turn")
        end.draw(p, surf, self.hover == BUTTONS[end.id] and end.enabled, False, (ox, oy))
        tr = self.footer_text.move(-ox, -oy)
        x = tr.x
        extra = ""
        if self.waiting:
            text = f"{s.role_name(s.other)} is deciding\u2026"
            x = tr.x + st.px(40)
            colour = pal.text
        elif decs:
            left = len(decs) - chosen
            n = min(4, len(self.focused().options)) if self.focused() else 1
            keys = f"1\u2013{n} choose" if n > 1 else "1 chooses"
            tab = ", Tab next" if len(decs) > 1 else ""
            text = f"{chosen} of {len(decs)} decided" + (
                f" \u00b7 {keys}{tab}" if left else " \u00b7 Enter ends the turn"
            )
            if s.rollouts > 0 and not self.classroom.forecasts_hidden():
                t = s.table
                extra = (
                    f"A assesses ({t.assessments_left(s.role)} of {t.assessments_per_turn()} left)"
                )
            colour = pal.text if not left else pal.text_dim
            if not left and self.classroom.missing_note() is not None:
                text, colour = (
                    i18n.tr("Write why for each decision (N) before ending the turn"),
                    pal.warn,
                )
        else:
            text = "Nothing to decide \u00b7 Enter ends the turn"
            colour = pal.text
        box = Rect(x, tr.y, tr.right - x, tr.h)
        text, _, hint = text.partition(" \u00b7 ")
        with p.crit():
            used = p.text(surf, text, box, "label", colour, valign="center")
            rest = Rect(used.right, tr.y, box.right - used.right, tr.h)
            # The first hint that fits: the keys and how many assessments are left, else
            # the assessments (the cards show their keys; Help lists them all), else the keys.
            both = f"{hint}, {extra}" if extra else hint
            for h in (both, extra, hint) if hint else ():
                if h and p.width(f" \u00b7 {h}", "small") <= rest.w:
                    p.text(surf, f" \u00b7 {h}", rest, "small", pal.text_dim, valign="center")
                    break

    def draw_live(self, surface: pygame.Surface, t: float) -> list[Rect]:
        anim = t if self.app.settings.animations else None
        drawn: list[Rect] = []
        if self.map_rect.w > 8 and self.map_rect.h > 8:
            drawn += maplink.draw_map(self, surface, anim)  # hot spots <-> news cards
        if self.waiting:
            drawn.append(
                icon_spinner(
                    surface,
                    (self.footer_text.x + self.style.px(16), self.footer_text.centery),
                    self.style.px(3),
                    self.pal.accent,
                    t,
                )
            )
        if self.session.assessing():
            st = self.style
            x = self.header_buttons[0].rect.x - st.px(24)
            drawn.append(
                icon_spinner(surface, (x, self.header.centery), st.px(3), self.pal.accent, t)
            )
        term = term_at(self.app.painter, self.mouse, ("news", "decisions"))
        tip = (
            draw_tip(self.app.painter, surface, term, self.mouse)
            if term is not None  # a glossary term under the mouse: its plain meaning
            else self.dashboard_panel.draw_tooltip(surface)
        )
        if tip is not None:
            drawn.append(tip)
        return drawn

    # -- input ------------------------------------------------------------------------------------

    def on_enter(self) -> None:
        if self.session.game.turn != self.turn_seen:
            self._new_turn()
            self.stale = True
        if self.stale:
            self.stale = False
            self._relayout = None
            self._outlooks = {}  # (objective labels follow a change of language)
            self.resize(self.app.size)
        if (
            not self.tutorial_shown
            and not self.app.settings.tutorial_seen
            and self.session.game.turn == 1
        ):
            self.tutorial_shown = True
            self.app.push(self.app.flow.tutorial(self))

    def _hit(self, pos: tuple[int, int]) -> Intent | None:
        found = None
        for k, r in self.hits.items():
            if r.collidepoint(pos):
                found = k
        return found

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if self.resolving:
            return None  # a few frames: the turn is being resolved
        if e.type != pygame.MOUSEMOTION and self.classroom.note_event(e):
            return None  # typed into the decision's "Why?" note
        if e.type == pygame.MOUSEMOTION:
            self.mouse = e.pos
            h = self._hit(e.pos)
            if h != self.hover:
                old = self.hover
                self.hover = h
                self._hover_changed(old, h)
            return None
        if e.type == pygame.MOUSEWHEEL:
            pos = self.mouse
            if self.dec_rect.collidepoint(pos):
                self.dec_scroll.setdefault(self.dfocus, ItemScroll()).scroll(-e.y)
                self.refresh("decisions")
            elif self.dash_rect.collidepoint(pos):
                self.dash_scroll.scroll(-e.y)
                self.refresh("dashboard")
            elif self.news_rect.collidepoint(pos):
                self.news_scroll.scroll(-e.y)
                self.refresh("news")
            elif self.strip_rect.collidepoint(pos):
                self.strip_scroll.scroll(-e.y)
                self.strip.place()
                self.invalidate("strip")
            return None
        if e.type == pygame.MOUSEBUTTONDOWN and e.button == 1:
            self.mouse = e.pos
            term = term_at(self.app.painter, e.pos, ("news", "decisions"))
            if term is not None:
                return Push(self.app.flow.glossary(term))
            h = self._hit(e.pos)
            return self.click(h) if h else None
        if e.type == pygame.KEYDOWN:
            return self.key(e)
        return None

    def _hover_changed(self, old: Intent | None, new: Intent | None) -> None:
        names = set()
        for h in (old, new):
            if h is None:
                continue
            if isinstance(h, Choose | FocusTab | FanChart):
                names.add("decisions")
            elif isinstance(h, ShowIndicator | OpenWorld):
                names.add("dashboard")
            elif isinstance(h, OpenMenu | WhatChanged | OpenHelp):
                names.add("header")
            elif isinstance(h, OpenMap):
                if self.map_button is not None:  # (the map itself is drawn live)
                    names.add("mapframe")
            else:
                names.add("footer")
        if "dashboard" in names and self.dashboard_panel.patch(old, new):
            names.discard("dashboard")  # only the rows on and off the mouse repainted
        if not names:
            return
        if "decisions" in names:
            if all(h is None or isinstance(h, Choose) for h in (old, new)):
                # between option cards, or on and off one: the layout holds
                if self.decisions_panel.patch():
                    names.discard("decisions")
            if "decisions" in names:
                self.decisions_panel.place()
                self._update_hits()
        if names:  # (no names would mean every panel)
            self.invalidate(*names)

    def click(self, h: Intent) -> Transition | None:
        """Act on what was clicked."""
        match h:
            case OpenMenu():
                return self.pause()
            case Choose(slot, k):
                self.dfocus = next(
                    (i for i, d in enumerate(self.decisions) if d.slot == slot), self.dfocus
                )
                self.ofocus = k
                self.choose(k)
            case FocusTab(k):
                self.set_focus(k)
            case EditNote():
                self.classroom.focus_note()
            case FanChart():
                return self.fan_chart()
            case ShowIndicator(name):
                return self.fan_chart(name)
            case EndTurn():
                return self.end_turn()
            case WhatChanged():
                return self.why()
            case OpenHelp():
                return Push(self.app.flow.help())
            case OpenWorld():
                return self.world()
            case OpenMap():
                return self.open_map()
        return None

    def key(self, e: pygame.event.Event) -> Transition | None:
        """Keyboard actions of the turn screen."""
        k = e.key
        if k == pygame.K_ESCAPE:
            return self.pause()
        if k in NUMBER_KEYS:
            self.ofocus = NUMBER_KEYS[k]
            self.choose(NUMBER_KEYS[k])
            return None
        if k == pygame.K_TAB:
            self.set_focus(self.dfocus + (-1 if e.mod & pygame.KMOD_SHIFT else 1), wrap=True)
            return None
        if k in (pygame.K_LEFT, pygame.K_RIGHT):
            self.set_focus(self.dfocus + (1 if k == pygame.K_RIGHT else -1))
            return None
        if k in (pygame.K_UP, pygame.K_DOWN):
            self.move_option(1 if k == pygame.K_DOWN else -1)
            return None
        if k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.dec_scroll.setdefault(self.dfocus, ItemScroll()).scroll(
                3 if k == pygame.K_PAGEDOWN else -3
            )
            self.refresh("decisions")
            return None
        if k in ACTIVATE_KEYS:
            return self.confirm()
        if k == pygame.K_f:
            return self.fan_chart()
        if k == pygame.K_w:
            return self.why()
        if k == pygame.K_m:
            return self.world()
        if k == pygame.K_h:
            return self.open_map()
        if k in (pygame.K_g, pygame.K_t):  # the glossary, the real timeline
            return Push(self.app.flow.glossary() if k == pygame.K_g else self.app.flow.timeline())
        if k == pygame.K_a:  # assess the focused decision again (a few a turn)
            return assessing.ask(self)
        if k == pygame.K_c:  # the commitments made (standing, kept, broken)
            return Push(commitments_screen(self))
        return None

    # -- actions ----------------------------------------------------------------------------------

    def set_focus(self, i: int, wrap: bool = False) -> None:
        """Focus a decision (its card shows in the panel)."""
        n = len(self.decisions)
        if n == 0:
            return
        self.dfocus = i % n if wrap else max(0, min(n - 1, i))
        dec = self.decisions[self.dfocus]
        self.ofocus = self.session.choices.get(dec.slot)
        self.refresh("decisions", "footer")  # (the status line counts its options)

    def move_option(self, step: int) -> None:
        """Move the highlighted option up or down."""
        dec = self.focused()
        if dec is None:
            return
        n = len(dec.options)
        cur = (
            self.ofocus
            if self.ofocus is not None
            else self.session.choices.get(dec.slot, -1 if step > 0 else n)
        )
        self.ofocus = max(0, min(n - 1, cur + step))
        first = self.dec_scroll.setdefault(self.dfocus, ItemScroll()).first
        self.decisions_panel.ensure_option_visible()
        if self.dec_scroll[self.dfocus].first == first and self.decisions_panel.patch():
            return  # only the highlight moved: two cards and the detail repainted
        self.refresh("decisions")

    def choose(self, k: int) -> bool:
        """Choose option k of the focused decision."""
        dec = self.focused()
        if dec is None or k >= len(dec.options):
            return False
        if not self.session.choose(dec.slot, k):
            self.app.toast(self.decisions_panel.capital.refusal(dec, dec.options[k]), "warn")
            return False
        self.app.play("decision")
        self.refresh("decisions", "footer")
        return True

    def confirm(self) -> Transition | None:
        """Enter: choose the highlighted option, move to the next open decision, or end the turn."""
        dec = self.focused()
        if (
            dec is not None
            and self.ofocus is not None
            and self.session.choices.get(dec.slot) != self.ofocus
        ):
            if self.choose(self.ofocus):
                if self.classroom.note_required() and not self.classroom.decided(dec):
                    self.classroom.focus_note()  # a reason first (the class code asks for one)
                else:
                    self._advance()
            return None
        if dec is not None and dec.slot in self.session.choices and not self.classroom.decided(dec):
            self.classroom.focus_note()  # confirmed without the reason the class code asks for
            return None
        if self.session.all_chosen():
            return self.end_turn()
        self._advance()
        return None

    def _advance(self) -> None:
        decs = self.decisions
        for step in range(1, len(decs) + 1):
            i = (self.dfocus + step) % len(decs)
            if decs[i].slot not in self.session.choices:
                self.set_focus(i)
                return

    def end_turn(self) -> Transition | None:
        """End the turn (waiting for the computer's side if needed)."""
        s = self.session
        if self.waiting:
            return None
        missing = self.classroom.missing_note()
        if missing is not None and all(d.slot in s.choices for d in self.decisions):
            self.set_focus(missing)
            self.classroom.focus_note()
            self.app.toast(
                f"Write why you chose \u201c{self.decisions[missing].title}\u201d first.", "warn"
            )
            return None
        if not s.all_chosen():
            open_ = next(i for i, d in enumerate(self.decisions) if d.slot not in s.choices)
            self.set_focus(open_)
            self.app.toast(
                f"Choose an option for \u201c{self.decisions[open_].title}\u201d first.", "warn"
            )
            return None
        handed = self.classroom.hot_seat_next()
        if handed is not None:
            return handed  # the other player decides next, without seeing these choices
        self.waiting = True
        self.invalidate("footer")
        return None

    def update(self, dt: float) -> Transition | None:
        s = self.session
        if self._steps is not None:
            # resolving: one heavy, invisible step per frame; the picture on screen is
            # still right, so it is not repainted until the summary opens
            self.app.hold_picture = True
            try:
                next(self._steps)
            except StopIteration as done:
                self._steps = None
                return done.value
            return None
        self._collect()
        if self.waiting and s.bot_ready():
            if not self._resolve_now:
                self._resolve_now = True  # one frame that says "Resolving…" first
                return None
            self._resolve_now = False
            self._steps = self._resolving()
            return self.update(dt)
        return None

    @property
    def resolving(self) -> bool:
        """True while the turn is being resolved (input waits)."""
        return self._steps is not None

    def _resolving(self) -> Generator[None, None, Transition | None]:
        """The end of a turn, in steps: the engine, the report, the autosave, the next turn
        and its assessments, then the summary."""
        s = self.session
        result = yield from s.resolve_steps()
        if isinstance(result, str):
            self.waiting = False
            self.app.toast(result, "error")
            self.invalidate("footer")
            return None
        yield
        s.start_turn()
        if s.autosave_error:
            self.app.toast(s.autosave_error, "error")
        self._new_turn()
        self.stale = True  # laid out again while the summary is read (or on return)
        yield
        return self._after_resolve(result)

    def _collect(self, hidden: bool = False) -> bool:
        """Take finished background work; True if the decisions changed (re-laid out, or,
        `hidden` under another screen, measured for that a part a frame first)."""
        s = self.session
        arrived = s.poll()
        # the assessments held now, whoever collected them (the driver of a test, or
        # `bot_ready`, may have polled first): a layout made before one arrived is too
        # short for the advisors' lines it brings
        if self.assessed() != self._laid_with:
            if self._measuring is None or self._measuring[0] != self.assessed():
                self._outlooks = {}
                self._measuring = (self.assessed(), self.decisions_panel.measure_steps())
            if hidden and next(self._measuring[1], StopIteration) is not StopIteration:
                return True
            self._measuring = None
            self.refresh("decisions")
            return True
        if arrived and self.waiting:
            self.invalidate("footer")
        return False

    def prerender(self) -> bool:
        # under the summary, assessments of the new turn arrive: lay them out and draw
        # them now, so the turn screen comes back complete
        if self._collect(hidden=True):
            return True
        if self.stale:
            key = (self.app.style, self.app.size, i18n.language())
            if self._relayout is None or self._relayout[0] != key:
                self.size = self.app.size
                self._relayout = (key, self._layout_steps(Rect(0, 0, *self.size)))
            if next(self._relayout[1], StopIteration) is StopIteration:
                self._relayout = None
                self.stale = False
                self.invalidate()
            return True
        return super().prerender()

    def prepare_step(self) -> bool:
        # the panels and their picture, then the map drawn live over them (its base, then
        # this turn's labels), each in frames of their own
        if not super().prepare_step():
            return False
        if self.map_rect.w > 8 and self.map_rect.h > 8:
            spots = self.session.hotspots()
            if not self.app.map().warm_step(self.app.window, self.map_rect.size, spots):
                BUDGET.used()
                return False
        return True

    def _after_resolve(self, report: TurnReport) -> Transition:
        self.app.hold_picture = True  # the summary appears next frame, drawn within budget
        self.app.play("crisis" if report.crisis else "turn")
        return Push(self.app.flow.summary(self.session, report))

    def pause(self) -> Transition:
        """Open the pause menu."""
        return Push(self.app.flow.pause())

    def why(self) -> Transition | None:
        """Show the last turn's summary again."""
        rep = self.session.last_report
        if rep is None:
            self.app.toast("After your first turn, this shows what changed and why.", "info")
            return None
        return Push(self.app.flow.summary(self.session, rep, review=True))

    def open_map(self) -> Transition:
        """This turn's hot spots on a map at the window's size."""
        return Push(self.app.flow.map(self))

    def world(self) -> Transition:
        """How this world works: the model as a picture (on the hovered indicator, if any)."""
        name = self.hover.name if isinstance(self.hover, ShowIndicator) else None
        return Push(self.app.flow.world(self.session, name))

    def fan_chart(self, indicator: str | None = None) -> Transition | None:
        """Open the fan chart of the focused decision (on `indicator` if given)."""
        dec = self.focused()
        if dec is None:
            if indicator is not None:
                self.app.toast(
                    "No decision this turn: fan charts show the options' outlook.", "info"
                )
            return None
        if self.classroom.forecasts_hidden():
            self.app.toast(i18n.tr("Forecasts are hidden in this class."), "info")
            return None
        if self.session.forecasts.get(dec.slot) is None:
            self.app.toast(
                "The assessment is not ready yet."
                if self.session.rollouts
                else "Assessments are switched off in Settings.",
                "info",
            )
            return None
        chart = self.app.flow.fan_chart(self.session, dec, self.highlighted() or 0)
        infos = getattr(chart, "infos", [])
        pick = next((i for i, info in enumerate(infos) if info.name == indicator), None)
        if pick is not None:
            chart.pick = pick  # the clicked indicator's fan
        return Push(chart)

    def event_injected(self, event_id: str) -> None:
        """The facilitator injected `event_id`: show its news, and its decision if one is due."""
        self._outlooks = {}
        self.stale = True  # laid out again (news, decisions) when it is on top again
        self.news_scroll.first = 10**6  # the newest news (this one) in view
        due = [x.event for x in self.session.decisions()]
        if event_id in due:
            self.dfocus, self.ofocus = due.index(event_id), None

    # -- for tests and tools ------------------------------------------------------------------------

    def regions(self) -> dict[str, Rect]:
        out = {
            "header": Rect(self.header),
            "dashboard": Rect(self.dash_rect),
            "map": Rect(self.map_frame),
            "objectives": Rect(self.strip_rect),
            "news": Rect(self.news_rect),
            "decisions": Rect(self.dec_rect),
            "footer": Rect(self.footer),
        }
        if self.ladder_rect.h:
            out["ladder"] = Rect(self.ladder_rect)
        return out

    def targets(self) -> dict[str, Rect]:
        return {target_name(k): Rect(r) for k, r in self.hits.items()}

    def describe(self) -> dict[str, Any]:
        s = self.session
        return {
            "name": self.name,
            "turn": s.game.turn,
            "decisions": [d.event for d in self.decisions],
            "focus": self.dfocus,
            "choices": dict(s.choices),
            "waiting": self.waiting,
            "assessing": s.assessing(),
        }
