"""The guided first turn: a few callouts over the turn screen, with Next and Skip."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.ui.common import ButtonScreen, row_buttons
from game.ui.controls import button_height, rounded
from game.ui.painter import Painter
from game.ui.pixels import backdrop, new_surface
from game.ui.screen import BUDGET, Pop, Rect, Transition

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.turn import TurnScreen

STEPS = (
    (
        "dashboard",
        "Your dashboard",
        "Every indicator you can see, grouped. The small line is its history, a dashed line marks "
        "the level your objectives need, and the arrow shows last turn's move: green when it went "
        "your way, red when it did not. Hover a row for what it means.",
    ),
    (
        "map",
        "The situation",
        "Hot spots of this turn's events glow on the map, and the news below says what happened. "
        "Boundaries on the map are illustrative.",
    ),
    (
        "decisions",
        "Your decisions",
        "Each decision due this turn has a card. Choose with a click or the keys 1 to 4; Tab moves "
        "to the next decision. You can change your mind until you end the turn.",
    ),
    (
        "decisions",
        "The forecast",
        "Each option shows where the key indicators are likely to go next turn (median \u00b1 spread) "
        "and which advisors back it. The assessment below gives the chance of meeting each "
        "objective; press F for the fan chart. Poor intelligence makes forecasts blurrier.",
    ),
    (
        "why",
        "What changed, and why",
        "After every turn a summary traces every change of every number to its causes: your "
        "choices, the other side's, events, trends and delayed effects. W opens it again.",
    ),
    (
        "end",
        "End the turn",
        "When every decision has a choice, End turn (Enter) resolves it. The game saves itself "
        "after every turn. F1 shows all keys and can replay this tour.",
    ),
)


class TutorialScreen(ButtonScreen):
    """Callouts pointing at the parts of the turn screen; Enter for next, Esc to skip."""

    panel_fill = "panel"
    partial_redraw = False  # (its own picture: the dimmed turn screen and the card)

    name = "tutorial"
    button_panel = "card"

    def __init__(self, app: App, turn: TurnScreen) -> None:
        super().__init__(app)
        self.turn = turn
        self.step = 0
        self.target = Rect(0, 0, 0, 0)
        self.card = Rect(0, 0, 0, 0)
        # the dimmed turn screen with the spotlight: (step key, picture, the turn's picture state)
        self._shade: tuple[Any, pygame.Surface, Any] | None = None
        self._mask: tuple[Any, pygame.Surface] | None = None
        self.add_panel("card", self._draw_card)

    def target_rect(self) -> Rect:
        """Where the current step points, in window coordinates."""
        key = STEPS[self.step][0]
        regions = self.turn.regions()
        if key in regions:
            if key == "map":
                return regions["map"].union(regions["news"])
            return regions[key]
        hits = self.turn.targets()
        return Rect(hits.get(key, regions["footer"]))

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        self.target = self.target_rect().inflate(st.px(8), st.px(8)).clip(win)
        _, title, text = STEPS[self.step]
        w = min(st.px(400), win.w - st.u * 4)
        pad = st.u * 2
        text_h = p.para_height(text, "body", w - 2 * pad)
        bh = button_height(p)
        h = pad + st.line("small") + st.line("title", True) + st.u + text_h + st.u * 2 + bh + pad
        gap = st.u * 2
        t = self.target
        candidates = [
            Rect(t.right + gap, t.y, w, h),
            Rect(t.x - gap - w, t.y, w, h),
            Rect(t.x, t.bottom + gap, w, h),
            Rect(t.x, t.y - gap - h, w, h),
        ]
        card = next((c for c in candidates if win.contains(c)), None)
        if card is None:
            card = next(
                (c.clamp(win) for c in candidates if not c.clamp(win).colliderect(t)),
                Rect(0, 0, w, h).clamp(win),
            )
            if card.colliderect(t):
                card = Rect(win.centerx - w // 2, win.bottom - h - st.u * 2, w, h)
        self.card = card
        self.panels["card"].set_rect(card)
        self.text_rect = Rect(card.x + pad, card.y + pad, w - 2 * pad, card.h - 2 * pad - bh - st.u)
        last = self.step == len(STEPS) - 1
        specs = [
            ("skip", "Skip tour", "ghost", "Esc"),
            ("next", "Start playing" if last else "Next", "primary", "Enter"),
        ]
        self.buttons = row_buttons(
            p, card.right - pad, card.bottom - pad - bh, specs, min_w=st.px(100)
        )
        self.focus = "next"
        if self._shade is not None:  # recompose on the next draw, into the same surface
            self._shade = (None, self._shade[1], None)

    def on_draw(self, surface: pygame.Surface) -> None:
        # the dimmed turn screen with its spotlight changes only between steps: compose it
        # once (again while the turn's panels are still being drawn) and blit it each frame
        size = surface.get_size()
        if self._shade_stale(size) or self.app.painter.recording:
            self._compose_shade(size)
        assert self._shade is not None
        surface.blit(self._shade[1], (0, 0))
        for panel in self.panels.values():
            panel.draw(surface, self.app.painter, self.panel_background(panel))

    def prepare_step(self) -> bool:
        # the turn screen's panels and picture, the card, then the dimmed picture with
        # its spotlight, each in frames of their own (see Screen.prepare_step)
        if not self.turn.prepare_step() or not self.prepare_panels():
            return False
        if self._shade_stale(self.app.size):
            size = self.app.size
            key = (size, tuple(self.target), self.pal)
            if self._mask is None or self._mask[0] != key:
                self._spotlight(size, key)  # the spotlight first, the picture in a later frame
                BUDGET.used()
                if not BUDGET.more():
                    return False
            self._compose_shade(size)
            BUDGET.used()
            return False
        return True

    def _shade_stale(self, size: tuple[int, int]) -> bool:
        """True if the dimmed picture must be made again: a new step or size, or the turn
        screen's picture changed (once its panels are drawn: until then, in quiet frames
        while the tour is up, the previous picture stays)."""
        t = self.turn
        if self._shade is None or self._shade[0] != (size, tuple(self.target), self.pal):
            return True
        if any(p.dirty for p in t.panels.values() if p.visible):
            return False
        return self._shade[2] != t._compose_state(backdrop(size, self.pal))

    def _compose_shade(self, size: tuple[int, int]) -> None:
        """The turn screen as it is, its map, and the spotlight, in one picture."""
        t = self.turn
        key = (size, tuple(self.target), self.pal)
        # reuse the previous picture's pixels and the spotlight mask while they fit:
        # allocating two window-sized surfaces per recomposition is a visible cost
        old = self._shade[1] if self._shade is not None else None
        picture = old if old is not None and old.get_size() == size else new_surface(size)
        t.on_draw(picture)
        if t.map_rect.w > 8 and t.map_rect.h > 8:
            self.app.map().draw(picture, t.map_rect, t.session.hotspots(), t=None)
        picture.blit(self._spotlight(size, key), (0, 0))
        self._shade = (key, picture, t._compose_state(backdrop(size, self.pal)))

    def _spotlight(self, size: tuple[int, int], key: Any) -> pygame.Surface:
        """The translucent shade with a hole and an outline around the target (cached)."""
        cached = self._mask
        if cached is not None and cached[0] == key:
            return cached[1]
        if cached is not None and cached[1].get_size() == size:
            shade = cached[1]  # refilled: fresh window-sized memory costs page faults
        else:
            shade = pygame.Surface(size, pygame.SRCALPHA)
        shade.fill((*self.pal.background, 175))
        shade.fill((0, 0, 0, 0), self.target)
        rounded(
            shade,
            self.target,
            (*self.pal.accent, 255),
            self.style.px(8),
            max(2, self.style.px(2)),
        )
        self._mask = (key, shade)
        return shade

    def _draw_card(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.style, self.pal
        rounded(surf, r, pal.panel_alt, st.px(8))
        rounded(surf, r, pal.accent, st.px(8), max(1, st.px(2)))
        off = self.card.topleft
        t = self.text_rect.move(-off[0], -off[1])
        _, title, text = STEPS[self.step]
        p.text(
            surf,
            f"GUIDED TOUR \u00b7 {self.step + 1} OF {len(STEPS)}",
            Rect(t.x, t.y, t.w, st.line("small")),
            "small",
            pal.accent,
            bold=True,
        )
        y = t.y + st.line("small")
        p.text(surf, title, Rect(t.x, y, t.w, st.line("title", True)), "title", pal.text, bold=True)
        y += st.line("title", True) + st.u
        p.para(surf, text, Rect(t.x, y, t.w, t.bottom - y), "body", pal.text_dim)
        self.draw_buttons(p, surf, off)

    def draw_live(self, surface: pygame.Surface, t: float) -> list[Rect]:
        return []

    def activate(self, button_id: str) -> Transition | None:
        if button_id == "next":
            if self.step < len(STEPS) - 1:
                self.step += 1
                self.app.compose_behind()  # this step's card shows when it is drawn
                self.resize(self.app.size)
                return None
            return self.finish()
        if button_id == "skip":
            return self.finish()
        return None

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.KEYDOWN and e.key in (pygame.K_RIGHT,):
            return self.activate("next")
        if e.type == pygame.KEYDOWN and e.key == pygame.K_LEFT and self.step > 0:
            self.step -= 1
            self.app.compose_behind()
            self.resize(self.app.size)
            return None
        return super().on_event(e)

    def back(self) -> Transition | None:
        return self.finish()

    def finish(self) -> Transition:
        """Close the tour and remember it was seen."""
        if not self.app.settings.tutorial_seen:
            self.app.settings.tutorial_seen = True
            self.app.save_settings()
        return Pop()

    def regions(self) -> dict[str, Rect]:
        return {"card": Rect(self.card)}

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "step": self.step, "of": len(STEPS)}
