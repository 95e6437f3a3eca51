"""After a turn: what changed, and why. Every moved indicator with its causes, largest first,
and what each side decided."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from game.ui import i18n
from game.ui.common import ButtonScreen, row_buttons
from game.ui.controls import (
    Item,
    ItemScroll,
    LazyHeights,
    bar,
    button_height,
    icon_arrow,
    icon_dot,
    icon_triangle,
    more_marks,
)
from game.ui.painter import Painter
from game.ui.pixels import backdrop
from game.ui.screen import Pop, Rect, Replace, Transition
from game.ui.session import Move, Session, TurnReport
from game.ui.theme import blend, draw_panel, panel_content_rect

if TYPE_CHECKING:
    from game.ui.app import App

MAX_CAUSES = 5


class SummaryScreen(ButtonScreen):
    """The ledger of one turn, in words and bars."""

    panel_fill = "panel"

    name = "summary"

    def __init__(
        self, app: App, session: Session, report: TurnReport, review: bool = False
    ) -> None:
        super().__init__(app)
        self.session = session
        self.report = report
        self.review = review
        self.scroll = ItemScroll()
        self.side_scroll = ItemScroll()
        self.items: list[Item] = []
        frame = self.add_panel("frame", self._draw_frame)
        frame.static_key = lambda: (
            "summary-frame",
            self.pal,
            self.style.fonts.scale,
            self.app.size,
        )
        self.add_panel("head", self._draw_head)
        self.add_panel("moves", self._draw_moves)
        self.add_panel("side", self._draw_side)
        self.add_panel("buttons", self._draw_buttons)

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        m = st.u * 3
        frame = Rect(m, m, win.w - 2 * m, win.h - 2 * m)
        self.panels["frame"].set_rect(frame)
        inner = panel_content_rect(frame, st.fonts, i18n.tr("Turn summary"))
        self.head = Rect(
            inner.x, inner.y, inner.w, st.line("heading", True) + st.line("body") + st.u
        )
        bh = button_height(p)
        self.footer = Rect(inner.x, inner.bottom - bh, inner.w, bh)
        body = Rect(
            inner.x,
            self.head.bottom + st.u * 2,
            inner.w,
            self.footer.y - self.head.bottom - st.u * 4,
        )
        left_w = int(body.w * 0.62)
        self.moves_rect = Rect(body.x, body.y, left_w, body.h)
        self.side_rect = Rect(
            body.x + left_w + st.u * 3, body.y, body.w - left_w - st.u * 3, body.h
        )
        self.panels["moves"].set_rect(self.moves_rect)
        self.panels["head"].set_rect(self.head)
        self.panels["side"].set_rect(self.side_rect)
        over = self.report.over and not self.review
        if self.review:
            specs = [("continue", i18n.tr("Back to the turn"), "primary", "Enter")]
        else:
            specs = [
                (
                    "continue",
                    i18n.tr("See the ending")
                    if over
                    else f"{i18n.tr('Continue')} \u203a {self.report.next_label}"
                    if i18n.language() != "en"
                    else f"Continue to {self.report.next_label}",
                    "primary",
                    "Enter",
                )
            ]
        self.buttons = row_buttons(p, self.footer.right, self.footer.y, specs, min_w=st.px(200))
        self.panels["buttons"].set_rect(self.footer.inflate(st.px(8), st.px(8)))
        self.focus = "continue"
        self._place()

    # -- items ------------------------------------------------------------------------------

    def _move_height(self, mv: Move, width: int) -> int:
        st, p = self.style, self.app.painter
        h = st.line("body", True) + st.px(6)
        for label, _ in mv.causes[:MAX_CAUSES]:
            h += max(
                st.line("small"),
                p.para_height(label, "small", self._cause_text_w(width), max_lines=2),
            ) + st.px(3)
        if len(mv.causes) > MAX_CAUSES:
            h += st.line("small")
        if not mv.causes:
            h += st.line("small")
        return h + st.u

    def _cause_text_w(self, width: int) -> int:
        st = self.style
        return width - st.px(64) - st.px(80) - st.u * 3

    def _place(self) -> None:
        st = self.style
        inner = self.moves_rect.inflate(-st.px(2), 0)
        w = inner.w - st.px(14)
        moves = self.report.moves
        items = [Item("move", mv, 0) for mv in moves]
        if not items:
            items = [Item("none", None, st.line("body") * 3)]
        heights = getattr(self, "_heights", None)
        if (
            heights is None
            or heights.n != len(items)
            or getattr(self, "_heights_w", None) != (w, st.fonts.scale)
        ):
            # measured lazily: only the items a window shows cost text measuring
            heights = LazyHeights(
                len(items), lambda i: self._move_height(moves[i], w) if moves else items[0].height
            )
            self._heights, self._heights_w = heights, (w, st.fonts.scale)
        start, end = self.scroll.window(heights, inner.h - st.line("label", True) - st.u, st.u)
        y = inner.y + st.line("label", True) + st.u
        for i, it in enumerate(items):
            if start <= i < end:
                it.height = heights[i]
                it.rect = Rect(inner.x, y, w, it.height)
                y += it.height + st.u
            else:
                it.rect = None
        self.items = items
        self.window = (start, end, len(items))

    # -- drawing ----------------------------------------------------------------------------

    def _draw_frame(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        surf.blit(backdrop(self.app.size, self.pal), (0, 0), Rect(self.panels["frame"].rect))
        draw_panel(surf, r, self.pal, i18n.tr("Turn summary"), self.style.fonts)

    def _draw_head(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal, rep = self.style, self.pal, self.report
        h = r
        p.text(
            surf,
            i18n.tr("What changed, and why"),
            Rect(h.x, h.y, h.w, st.line("heading", True)),
            "heading",
            pal.text,
            bold=True,
        )
        n = len(rep.moves)
        sub = f"{rep.label} to {rep.next_label} \u00b7 {n} indicator{'s' if n != 1 else ''} moved \u00b7 every change traced to its causes"
        p.text(
            surf,
            sub,
            Rect(h.x, h.y + st.line("heading", True), h.w, st.line("body")),
            "body",
            pal.accent,
        )

    def _draw_moves(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.style, self.pal
        surf.fill(pal.panel)
        ox, oy = self.moves_rect.topleft
        p.text(
            surf,
            i18n.tr("INDICATORS"),
            Rect(0, 0, r.w, st.line("label", True)),
            "small",
            pal.text_dim,
            bold=True,
        )
        yield
        for it in self.items:
            if it.rect is None:
                continue
            rr = it.rect.move(-ox, -oy)
            if it.kind == "none":
                p.para(surf, self.still_text(), rr, "body", pal.text_dim)
                continue
            self._draw_move(surf, p, rr, it.data)
            yield
        start, end, n = self.window
        more_marks(surf, Rect(0, 0, r.w, r.h), start > 0, end < n, pal, st.px(6))

    def still_text(self) -> str:
        """What the summary says when no indicator moved."""
        rep = self.report
        text = f"No indicator moved from {rep.label} to {rep.next_label}."
        return text + ("" if rep.mine or rep.theirs else " No decision was due on either side.")

    def _draw_move(self, surf: pygame.Surface, p: Painter, rr: Rect, mv: Move) -> None:
        st, pal = self.style, self.pal
        info = mv.info
        colour = pal.good if mv.verdict > 0 else pal.bad if mv.verdict < 0 else pal.neutral
        pygame.draw.rect(
            surf, colour, (rr.x, rr.y + st.px(2), st.px(3), rr.h - st.u), border_radius=1
        )
        x = rr.x + st.u + st.px(4)
        lh = st.line("body", True)
        old_t, new_t = info.with_unit(mv.old), info.with_unit(mv.new)
        delta_t = info.fmt(mv.delta, True)
        right_w = (
            p.width(old_t, "body")
            + p.width(new_t, "body", True)
            + p.width(delta_t, "body", True)
            + st.px(60)
        )
        label_w = rr.right - x - right_w - st.u
        p.text(surf, info.label, Rect(x, rr.y, label_w, lh), "body", pal.text, bold=True)
        vx = rr.right - right_w + st.u
        t1 = p.text(
            surf, old_t, Rect(vx, rr.y, p.width(old_t, "body") + 2, lh), "body", pal.text_dim
        )
        icon_arrow(
            surf,
            Rect(t1.right + st.px(6), rr.y + lh // 2 - st.px(5), st.px(16), st.px(10)),
            pal.text_dim,
            max(1, st.px(2)),
        )
        t2 = p.text(
            surf,
            new_t,
            Rect(t1.right + st.px(28), rr.y, p.width(new_t, "body", True) + 2, lh),
            "body",
            pal.text,
            bold=True,
        )
        p.text(
            surf,
            delta_t,
            Rect(t2.right + st.px(8), rr.y, rr.right - t2.right - st.px(8), lh),
            "body",
            colour,
            bold=True,
            align="right",
        )
        y = rr.y + lh + st.px(6)
        biggest = max((abs(d) for _, d in mv.causes), default=1.0) or 1.0
        tw = self._cause_text_w(rr.w)
        for label, d in mv.causes[:MAX_CAUSES]:
            good = 0 if info.good == 0 else (1 if d * info.good > 0 else -1)
            ccol = pal.good if good > 0 else pal.bad if good < 0 else pal.neutral
            h = max(st.line("small"), p.para_height(label, "small", tw, max_lines=2))
            cy = y + st.line("small") // 2
            icon_triangle(surf, (x + st.px(5), cy), st.px(7), d > 0, ccol)
            p.text(
                surf,
                info.fmt(d, True),
                Rect(x + st.px(14), y, st.px(56), st.line("small")),
                "small",
                ccol,
                bold=True,
            )
            bx = x + st.px(72)
            bar(
                surf,
                Rect(bx, cy - st.px(3), st.px(72), st.px(6)),
                abs(d) / biggest,
                blend(ccol, pal.panel, 0.25),
                pal.panel_alt,
            )
            p.para(surf, label, Rect(bx + st.px(80), y, tw, h), "small", pal.text, max_lines=2)
            y += h + st.px(3)
        if len(mv.causes) > MAX_CAUSES:
            rest = sum(d for _, d in mv.causes[MAX_CAUSES:])
            p.text(
                surf,
                f"and {len(mv.causes) - MAX_CAUSES} smaller cause"
                f"{'s' if len(mv.causes) - MAX_CAUSES != 1 else ''} ({info.fmt(rest, True)} together)",
                Rect(x + st.px(14), y, rr.right - x - st.px(14), st.line("small")),
                "small",
                pal.text_dim,
            )
        if not mv.causes:
            p.text(
                surf,
                "rounding only",
                Rect(x + st.px(14), y, rr.w, st.line("small")),
                "small",
                pal.text_dim,
            )

    def _draw_side(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal, s, rep = self.style, self.pal, self.session, self.report
        draw_panel(surf, r, pal, i18n.tr("Decisions this turn"), st.fonts, alt=True)
        inner = panel_content_rect(r, st.fonts, i18n.tr("Decisions this turn"))
        y = inner.y
        sections = [
            (
                s.role_name() if getattr(s, "hot_seat", False) else f"You ({s.role_name()})",
                rep.mine,
                pal.india if s.role == "india" else pal.us,
            ),
            (s.role_name(s.other), rep.theirs, pal.us if s.role == "india" else pal.india),
        ]
        for head, views, colour in sections:
            if y + st.line("label", True) > inner.bottom:
                break
            icon_dot(surf, (inner.x + st.px(5), y + st.line("label", True) // 2), st.px(4), colour)
            p.text(
                surf,
                head,
                Rect(inner.x + st.px(16), y, inner.w - st.px(16), st.line("label", True)),
                "label",
                pal.text,
                bold=True,
            )
            y += st.line("label", True) + st.px(4)
            if not views:
                p.text(
                    surf,
                    i18n.tr("no decision this turn"),
                    Rect(inner.x + st.px(16), y, inner.w - st.px(16), st.line("small")),
                    "small",
                    pal.text_dim,
                )
                y += st.line("small") + st.u
                continue
            for v in views:
                need = st.line("small") + st.line("small", True)
                if y + need > inner.bottom:
                    p.text(
                        surf,
                        "\u2026",
                        Rect(inner.x + st.px(16), y, inner.w, st.line("small")),
                        "small",
                        pal.text_dim,
                    )
                    y = inner.bottom
                    break
                p.text(
                    surf,
                    v.title,
                    Rect(inner.x + st.px(16), y, inner.w - st.px(16), st.line("small")),
                    "small",
                    pal.text_dim,
                )
                y += st.line("small")
                h = p.para_height(v.option, "small", inner.w - st.px(32), True, 2)
                icon_arrow(
                    surf,
                    Rect(inner.x + st.px(16), y + st.px(4), st.px(10), st.px(8)),
                    pal.accent,
                    1,
                )
                p.para(
                    surf,
                    v.option,
                    Rect(inner.x + st.px(32), y, inner.w - st.px(32), min(h, inner.bottom - y)),
                    "small",
                    pal.text,
                    bold=True,
                    max_lines=2,
                )
                y += h + st.px(2)
                if v.note and y + st.line("small") <= inner.bottom:
                    why = f"\u201c{v.note}\u201d"  # the reason the player wrote
                    nh = p.para_height(why, "small", inner.w - st.px(32), max_lines=2)
                    p.para(
                        surf,
                        why,
                        Rect(
                            inner.x + st.px(32), y, inner.w - st.px(32), min(nh, inner.bottom - y)
                        ),
                        "small",
                        pal.text_dim,
                        max_lines=2,
                    )
                    y += nh
                y += st.px(4)
                yield
            y += st.u
        if rep.news_next and y + st.line("small") * 2 < inner.bottom:
            news, due = len(s.news()), len(s.decisions())
            parts = []
            if news:
                parts.append(f"{news} news item{'s' if news != 1 else ''}")
            if due:
                parts.append(f"{due} decision{'s' if due != 1 else ''} for you")
            note = f"Next, in {rep.next_label}: {' and '.join(parts)}." if parts else ""
            p.para(
                surf,
                note,
                Rect(inner.x, inner.bottom - st.line("small") * 2, inner.w, st.line("small") * 2),
                "small",
                pal.warn,
                max_lines=2,
            )

    def _draw_buttons(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        surf.fill(self.pal.panel)
        self.draw_buttons(p, surf, self.panels["buttons"].rect.topleft)
        st = self.style
        ox, oy = self.panels["buttons"].rect.topleft
        hint = "Up/Down or the wheel scroll the list" + (
            " \u00b7 Esc goes back" if self.review else ""
        )
        x0 = self.footer.x - ox
        p.text(
            surf,
            hint,
            Rect(
                x0,
                self.footer.y - oy,
                self.buttons[0].rect.x - self.footer.x - st.u * 2,
                self.footer.h,
            ),
            "small",
            self.pal.text_dim,
            valign="center",
        )

    # -- input ------------------------------------------------------------------------------

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if e.type == pygame.MOUSEWHEEL:
            self.scroll.scroll(-e.y)
            self._place()
            self.invalidate("moves")
            return None
        if e.type == pygame.KEYDOWN and e.key in (
            pygame.K_UP,
            pygame.K_DOWN,
            pygame.K_PAGEUP,
            pygame.K_PAGEDOWN,
        ):
            step = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -4, pygame.K_PAGEDOWN: 4}[
                e.key
            ]
            self.scroll.scroll(step)
            self._place()
            self.invalidate("moves")
            return None
        return super().on_event(e)

    def activate(self, button_id: str) -> Transition | None:
        if button_id == "continue":
            return self._continue()
        return None

    def back(self) -> Transition | None:
        return self._continue()

    def _continue(self) -> Transition:
        if self.review or not self.report.over:
            return Pop()
        self.app.stack[:] = [s for s in self.app.stack if s is self]
        return Replace(self.app.flow.end(self.session))

    def regions(self) -> dict[str, Rect]:
        return {
            "head": Rect(self.head),
            "moves": Rect(self.moves_rect),
            "side": Rect(self.side_rect),
            "footer": Rect(self.footer),
        }

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "turn": self.report.turn,
            "moves": len(self.report.moves),
            "over": self.report.over,
        }
