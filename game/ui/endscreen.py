"""The end of a game: the ending and its epilogue, the score against every objective, charts
of every indicator over the game, the timeline of decisions and the debrief questions."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pygame

from game.engine.definitions import ROLES
from game.presentation import turn_label
from game.ui import charts, i18n
from game.ui.common import ButtonScreen, row_buttons
from game.ui.controls import (
    ItemScroll,
    button_height,
    icon_check,
    icon_cross,
    icon_dot,
    more_marks,
    rounded,
)
from game.ui.painter import Painter
from game.ui.pixels import backdrop
from game.ui.screen import Push, Rect, Reset, Transition
from game.ui.session import Session
from game.ui.theme import blend, draw_panel, panel_content_rect

if TYPE_CHECKING:
    from game.ui.app import App

TABS = (("charts", "Charts"), ("timeline", "Decisions"), ("debrief", "Debrief questions"))


class EndScreen(ButtonScreen):
    """How it ended, how each side scored, and how the game unfolded."""

    panel_fill = "panel"

    name = "end"

    def __init__(self, app: App, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.tab = "charts"
        self.scroll = ItemScroll()
        self.add_panel("frame", self._draw_frame)
        self.add_panel("scores", self._draw_scores)
        self.add_panel("tabs", self._draw_tabs)
        self.add_panel("content", self._draw_content)
        self.add_panel("buttons", self._draw_buttons)

    # -- layout -----------------------------------------------------------------------------

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        m = st.u * 3
        frame = Rect(m, m, win.w - 2 * m, win.h - 2 * m)
        self.panels["frame"].set_rect(frame)
        inner = panel_content_rect(frame, st.fonts, i18n.tr("The end"))
        epi = self._epilogue()
        epi_h = p.para_height(epi, "body", inner.w, max_lines=4)
        self.head = Rect(
            inner.x, inner.y, inner.w, st.line("heading", True) + st.px(4) + epi_h + st.u
        )
        bh = button_height(p)
        self.footer = Rect(inner.x, inner.bottom - bh, inner.w, bh)
        body = Rect(
            inner.x,
            self.head.bottom + st.u * 2,
            inner.w,
            self.footer.y - self.head.bottom - st.u * 4,
        )
        left_w = int(min(max(body.w * 0.32, st.px(300)), st.px(520)))
        self.scores_rect = Rect(body.x, body.y, left_w, body.h)
        right = Rect(body.x + left_w + st.u * 3, body.y, body.w - left_w - st.u * 3, body.h)
        tab_h = st.line("label", True) + st.u * 2
        self.tabs_rect = Rect(right.x, right.y, right.w, tab_h)
        self.content_rect = Rect(right.x, right.y + tab_h + st.u, right.w, right.h - tab_h - st.u)
        self.panels["scores"].set_rect(self.scores_rect)
        self.panels["tabs"].set_rect(self.tabs_rect)
        self.panels["content"].set_rect(self.content_rect)
        self.tab_rects = {}
        x = self.tabs_rect.x
        for tid, label in TABS:
            w = p.width(i18n.tr(label), "label", True) + st.px(36)
            self.tab_rects[tid] = Rect(x, self.tabs_rect.y, w, tab_h)
            x += w + st.px(6)
        specs = [
            ("export", i18n.tr("Export debrief"), "normal", "E"),
            ("menu", i18n.tr("Main menu"), "normal", "Esc"),
            ("new", i18n.tr("New game"), "primary", "N"),
        ]
        self.buttons = row_buttons(p, self.footer.right, self.footer.y, specs, min_w=st.px(160))
        self.panels["buttons"].set_rect(self.footer.inflate(st.px(8), st.px(8)))
        self.focus = self.focus or "new"

    def _epilogue(self) -> str:
        end = self.session.game.ending()
        return " ".join(self.session.game.text(end.epilogue).split()) if end else ""

    # -- drawing ------------------------------------------------------------------------------

    def _draw_frame(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal, s = self.style, self.pal, self.session
        surf.blit(backdrop(self.app.size, pal), (0, 0), Rect(self.panels["frame"].rect))
        draw_panel(
            surf,
            r,
            pal,
            f"{i18n.tr('The end')} \u00b7 {s.title} \u00b7 {turn_label(s.game)}",
            st.fonts,
        )
        ox, oy = self.panels["frame"].rect.topleft
        h = self.head.move(-ox, -oy)
        end = s.game.ending()
        title = s.game.text(end.title) if end else "The game ended"
        p.text(
            surf,
            title,
            Rect(h.x, h.y, h.w, st.line("heading", True)),
            "heading",
            pal.text,
            bold=True,
        )
        y = h.y + st.line("heading", True) + st.px(4)
        p.para(
            surf,
            self._epilogue(),
            Rect(h.x, y, h.w, h.bottom - y),
            "body",
            pal.text_dim,
            max_lines=4,
        )

    def _draw_scores(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal, s = self.style, self.pal, self.session
        draw_panel(surf, r, pal, i18n.tr("Score"), st.fonts, alt=True)
        inner = panel_content_rect(r, st.fonts, i18n.tr("Score"))
        scores = s.game.scores()
        met = s.game.objectives_met()
        credit = s.game.objective_credit()
        parts = s.game.score_parts()
        order = [s.role] + [x for x in ROLES if x != s.role]
        y = inner.y
        for role in order:
            colour = pal.india if role == "india" else pal.us
            big = st.line("heading", True)
            if y + big > inner.bottom:
                break
            you = role == s.role and not getattr(s, "hot_seat", False)
            who = f"{s.role_name(role)} (you)" if you else s.role_name(role)
            icon_dot(surf, (inner.x + st.px(6), y + big // 2), st.px(6), colour)
            score_t = f"{scores[role]:.0f}"
            sw = p.width(score_t, "heading", True)
            p.text(
                surf,
                who,
                Rect(inner.x + st.px(20), y, inner.w - sw - st.px(70), big),
                "title",
                pal.text,
                bold=True,
                valign="center",
            )
            sr = p.text(
                surf,
                score_t,
                Rect(inner.right - sw - st.px(44), y, sw + 2, big),
                "heading",
                colour,
                bold=True,
            )
            p.text(
                surf,
                "/100",
                Rect(sr.right + st.px(4), y, st.px(44), big),
                "small",
                pal.text_dim,
                valign="bottom",
            )
            y += big + st.px(4)
            objective_score, worth = parts[role]
            if worth is not None and y + st.line("small") <= inner.bottom:
                # the final score is half objectives, half what the ending is worth
                p.text(
                    surf,
                    f"objectives {objective_score:.0f}, ending worth {worth:.0f}",
                    Rect(inner.x + st.px(20), y, inner.w - st.px(20), st.line("small")),
                    "small",
                    pal.text_dim,
                )
                y += st.line("small") + st.px(2)
            objs = list(getattr(s.definition.objectives, role)) + list(
                s.definition.objectives.shared
            )
            for o in objs:
                key = f"{role if o in getattr(s.definition.objectives, role) else 'shared'}.{o.id}"
                ok = met.get(key, False)
                lh = st.line("small")
                label = s.game.text(o.label)
                if not ok and credit.get(key, 0.0) > 0:
                    label += f" (near: {credit[key]:.0%} credit)"
                h = p.para_height(label, "small", inner.w - st.px(28), max_lines=2)
                if y + h > inner.bottom:
                    break
                box = Rect(inner.x + st.px(4), y + st.px(1), lh - st.px(2), lh - st.px(2))
                (icon_check if ok else icon_cross)(surf, box, pal.good if ok else pal.bad)
                p.para(
                    surf,
                    label,
                    Rect(inner.x + st.px(28), y, inner.w - st.px(28), h),
                    "small",
                    pal.text if ok else pal.text_dim,
                    max_lines=2,
                )
                y += h + st.px(3)
            y += st.u * 2

    def _draw_tabs(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.style, self.pal
        surf.fill(pal.panel)
        ox, oy = self.tabs_rect.topleft
        for tid, label in TABS:
            rr = self.tab_rects[tid].move(-ox, -oy)
            active = tid == self.tab
            fill = (
                blend(pal.panel_alt, pal.accent, 0.2)
                if active
                else (pal.panel_alt if self.hover == f"tab:{tid}" else pal.panel)
            )
            rounded(surf, rr, fill, st.px(6))
            rounded(surf, rr, pal.accent if active else pal.border, st.px(6), 1)
            p.text(
                surf,
                i18n.tr(label),
                rr,
                "label",
                pal.text if active else pal.text_dim,
                bold=True,
                align="center",
                valign="center",
            )
        hint = "Tab switches"
        hw = p.width(hint, "small")
        last = max(t.right for t in self.tab_rects.values()) - ox
        if r.w - last > hw + st.u * 2:
            p.text(surf, hint, Rect(r.w - hw, 0, hw, r.h), "small", pal.text_dim, valign="center")

    def _draw_content(self, surf: pygame.Surface, p: Painter, r: Rect) -> Iterator[None]:
        surf.fill(self.pal.panel)
        if self.tab == "charts":
            yield from self._draw_charts(surf, p, r)
        elif self.tab == "timeline":
            yield from self._draw_timeline(surf, p, r)
        else:
            yield from self._draw_debrief(surf, p, r)

    def _chart_grid(self, r: Rect) -> tuple[int, int]:
        n = len(self.session.indicators)
        cols = 3 if r.w >= self.style.px(720) else 2
        rows = max(1, math.ceil(n / cols))
        return cols, rows

    def _draw_charts(self, surf: pygame.Surface, p: Painter, r: Rect) -> Iterator[None]:
        st, pal, s = self.style, self.pal, self.session
        cols, rows = self._chart_grid(r)
        min_h = st.px(120)
        per_page = max(1, r.h // min_h)
        heights = [r.h // min(rows, per_page)] * rows
        start, end = self.scroll.window(heights, r.h)
        gap = st.u
        cw = (r.w - gap * (cols - 1)) // cols
        ch = r.h // max(1, end - start) - gap
        g = s.game
        n = len(g.history)
        # first and last dates only: every date would crowd small charts
        labels = [turn_label(g, t + 1) if t in (0, n - 1) else "" for t in range(n)]
        infos = s.indicators
        # the turns the player decided something: a marker on every chart's time axis
        decided = sorted({c.turn - 1 for c in g.log if c.role == s.role and 0 < c.turn <= n})
        for row in range(start, end):
            for c in range(cols):
                k = row * cols + c
                if k >= len(infos):
                    break
                info = infos[k]
                cell = Rect(c * (cw + gap), (row - start) * (ch + gap), cw, ch)
                target = s.target(info.name)
                colour = pal.accent
                series = {info.label: s.history(info)}
                charts.line_chart(
                    surf,
                    cell,
                    series,
                    {info.label: colour},
                    fonts=st.fonts,
                    palette=pal,
                    x_labels=labels,
                    title=info.label,
                    targets={info.label: target.value} if target else None,
                    unit=info.unit,
                    legend=False,
                    bg=pal.panel,
                    markers=decided,
                )
                yield
        more_marks(surf, r, start > 0, end < rows, pal, st.px(6))
        self.window = (start, end, rows)

    _items: tuple[Any, list[tuple[int, str, str, str, int]]] | None = None

    def _timeline_items(self, width: int) -> Iterator[None]:
        """Measure the decisions of the timeline (into `_items`), yielding every few."""
        st, p, s = self.style, self.app.painter, self.session
        key = (width, st.fonts.scale, i18n.language(), len(s.game.log))
        if self._items is not None and self._items[0] == key:
            return
        out = []
        for k, c in enumerate(s.game.log):
            v = s.choice_view(c)
            text = f"{v.title} \u2014 {v.option}"
            h = max(st.line("small"), p.para_height(text, "small", width, max_lines=2)) + st.px(6)
            out.append((c.turn, c.role, v.role_name, text, h))
            if k % 8 == 7:
                yield
        self._items = (key, out)

    def _draw_timeline(self, surf: pygame.Surface, p: Painter, r: Rect) -> Iterator[None]:
        st, pal, s = self.style, self.pal, self.session
        turn_w = st.px(90)
        who_w = st.px(130)
        text_w = r.w - turn_w - who_w - st.u * 2 - st.px(14)
        yield from self._timeline_items(text_w)
        items = self._items[1] if self._items is not None else []
        if not items:
            p.text(surf, "No decisions were taken in this game.", r, "body", pal.text_dim)
            self.window = (0, 0, 0)
            return
        start, end = self.scroll.window([it[4] for it in items], r.h)
        y = 0
        last_turn = None
        for k, (turn, role, name, text, h) in enumerate(items[start:end]):
            if k % 6 == 5:
                yield
            colour = pal.india if role == "india" else pal.us
            if turn != last_turn:
                pygame.draw.line(surf, pal.grid, (0, y), (r.w - st.px(14), y))
                p.text(
                    surf,
                    turn_label(s.game, turn),
                    Rect(0, y + st.px(3), turn_w, st.line("small")),
                    "small",
                    pal.text_dim,
                    bold=True,
                )
                last_turn = turn
            icon_dot(
                surf, (turn_w + st.px(6), y + st.px(3) + st.line("small") // 2), st.px(4), colour
            )
            p.text(
                surf,
                name,
                Rect(turn_w + st.px(16), y + st.px(3), who_w - st.px(16), st.line("small")),
                "small",
                colour,
                bold=True,
            )
            p.para(
                surf,
                text,
                Rect(turn_w + who_w + st.u, y + st.px(3), text_w, h - st.px(6)),
                "small",
                pal.text,
                max_lines=2,
            )
            y += h
        more_marks(surf, r, start > 0, end < len(items), pal, st.px(6))
        self.window = (start, end, len(items))

    def _draw_debrief(self, surf: pygame.Surface, p: Painter, r: Rect) -> Iterator[None]:
        st, pal, s = self.style, self.pal, self.session
        qs = [" ".join(s.game.text(q).split()) for q in s.definition.questions]
        if not qs:
            p.text(surf, "This scenario has no debrief questions.", r, "body", pal.text_dim)
            self.window = (0, 0, 0)
            return
        w = r.w - st.px(40)
        heights = [p.para_height(q, "body", w, max_lines=6) + st.u for q in qs]
        yield
        start, end = self.scroll.window(heights, r.h)
        y = 0
        for i in range(start, end):
            if i > start and (i - start) % 3 == 0:
                yield
            p.text(
                surf,
                f"{i + 1}.",
                Rect(0, y, st.px(32), st.line("body", True)),
                "body",
                pal.accent,
                bold=True,
            )
            p.para(
                surf, qs[i], Rect(st.px(32), y, w, heights[i] - st.u), "body", pal.text, max_lines=6
            )
            y += heights[i]
        more_marks(surf, r, start > 0, end < len(qs), pal, st.px(6))
        self.window = (start, end, len(qs))

    def _draw_buttons(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        surf.fill(self.pal.panel)
        self.draw_buttons(p, surf, self.panels["buttons"].rect.topleft)
        ox, oy = self.panels["buttons"].rect.topleft
        box = Rect(
            self.footer.x - ox,
            self.footer.y - oy,
            self.buttons[0].rect.x - self.footer.x - self.style.u * 2,
            self.footer.h,
        )
        seed = self.session.game.seed
        colour = self.pal.text_dim
        if self.export_note and self.export_told:
            colour = self.pal.good if getattr(self, "export_ok", False) else self.pal.bad
        # the whole note on one line, else on two, else a shorter note (140% text, narrow)
        notes = [self.export_note] if self.export_note else []
        notes += [
            f"Seed {seed} \u00b7 saved automatically \u00b7 replay it with the same seed to "
            "compare choices",
            f"Seed {seed} \u00b7 saved automatically",
            f"Seed {seed}",
        ]
        lh = self.style.line("small")
        lines = [notes[0]]
        for note in notes[: 1 if self.export_note else len(notes)]:
            lines = p.wrap(note, "small", box.w)
            if len(lines) * lh <= box.h:
                break
        k = max(1, box.h // lh)
        if len(lines) > k:  # the last line that fits ends with an ellipsis
            lines = [*lines[: k - 1], " ".join(lines[k - 1 :])]
        y = box.y + (box.h - len(lines) * lh) // 2
        with p.crit():  # (the layout test checks that it is never cut)
            for line in lines:
                p.text(surf, line, Rect(box.x, y, box.w, lh), "small", colour)
                y += lh

    # -- input ----------------------------------------------------------------------------------

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.MOUSEMOTION:
            h = next(
                (f"tab:{t}" for t, rr in self.tab_rects.items() if rr.collidepoint(e.pos)), None
            )
            if h != self.hover and (h or (self.hover or "").startswith("tab:")):
                self.hover = h
                self.invalidate("tabs")
                if h:
                    return None
        if e.type == pygame.MOUSEBUTTONDOWN and e.button == 1:
            for t, rr in self.tab_rects.items():
                if rr.collidepoint(e.pos):
                    self.set_tab(t)
                    return None
        if e.type == pygame.MOUSEWHEEL:
            self.scroll.scroll(-e.y)
            self.invalidate("content")
            return None
        if e.type == pygame.KEYDOWN:
            if e.key == pygame.K_TAB:
                ids = [t for t, _ in TABS]
                step = -1 if e.mod & pygame.KMOD_SHIFT else 1
                self.set_tab(ids[(ids.index(self.tab) + step) % len(ids)])
                return None
            if e.key in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                self.scroll.scroll(
                    {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -3, pygame.K_PAGEDOWN: 3}[
                        e.key
                    ]
                )
                self.invalidate("content")
                return None
            if e.key in (pygame.K_LEFT, pygame.K_RIGHT):
                self.move_focus(1 if e.key == pygame.K_RIGHT else -1)
                return None
        return super().on_event(e)

    def set_tab(self, tab: str) -> None:
        """Show one of the tabs."""
        self.tab = tab
        self.scroll = ItemScroll()
        self.invalidate("tabs", "content")

    # -- exporting the debrief ------------------------------------------------------------------

    export = None  # a game.ui.export.DebriefExport once asked for
    export_note = ""
    export_told = False  # its outcome has been shown

    def export_debrief(self) -> None:
        """Save the game and write its HTML debrief beside it (in the background)."""
        from game.ui.export import DebriefExport

        if self.export is not None and self.export.running:
            return
        self.export = DebriefExport(self.session)
        self.export_told = False
        self.export.start()
        self.export_note = "Writing the debrief\u2026"
        self.update(0.0)
        self.invalidate("buttons")

    def update(self, dt: float) -> Transition | None:
        ex = self.export
        if ex is None or self.export_told:
            return None
        state = ex.poll()
        if state == "running":
            return None
        self.export_told = True
        # the footer says it (a toast would repeat it over the charts' axes)
        if state == "done":
            self.export_note = f"Debrief written: {ex.html_path}"
        else:
            self.export_note = ex.error
        self.export_ok = state == "done"
        self.invalidate("buttons")
        return None

    def activate(self, button_id: str) -> Transition | None:
        if button_id == "export":
            self.export_debrief()
            return None
        if button_id == "menu":
            self.app.session = None
            return Reset(self.app.flow.title())
        if button_id == "new":
            self.app.session = None
            self.app.apply(Reset(self.app.flow.title()))
            return Push(self.app.flow.new_game())
        return None

    def back(self) -> Transition | None:
        return self.activate("menu")

    def regions(self) -> dict[str, Rect]:
        return {
            "head": Rect(self.head),
            "scores": Rect(self.scores_rect),
            "tabs": Rect(self.tabs_rect),
            "content": Rect(self.content_rect),
            "footer": Rect(self.footer),
        }

    def targets(self) -> dict[str, Rect]:
        out = super().targets()
        out.update({f"tab:{t}": Rect(r) for t, r in self.tab_rects.items()})
        return out

    def describe(self) -> dict[str, Any]:
        end = self.session.game.ending()
        return {
            "name": self.name,
            "ending": end.id if end else None,
            "tab": self.tab,
            "scores": self.session.game.scores(),
        }
