"""Starting a game: choose scenario, role, difficulty, length and seed (the briefing follows)."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

import pygame

from game.classcode import ClassCode
from game.ui import i18n
from game.ui.catalogue import ScenarioEntry
from game.ui.common import card
from game.ui.controls import (
    Button,
    DigitEntry,
    ItemScroll,
    button_height,
    rounded,
)
from game.ui.newgame_class import DIFFICULTIES, LENGTHS, ClassCodePanel
from game.ui.painter import Painter
from game.ui.pixels import backdrop
from game.ui.screen import Pop, Push, Rect, Screen, Transition
from game.ui.textentry import TextEntry
from game.ui.theme import blend, draw_panel, panel_content_rect

if TYPE_CHECKING:
    from game.ui.app import App

ROLES = (
    ("india", "India", "You decide for New Delhi"),
    ("us", "United States", "You decide for Washington"),
)


_WARMED: set[str] = set()


def fresh_seed() -> int:
    """A random seed for a new game."""
    return secrets.randbelow(1_000_000)


class NewGameScreen(Screen):
    """Scenario, role, difficulty and seed; Tab moves between them, Enter starts."""

    panel_fill = "panel"

    name = "newgame"
    SECTIONS = ("code", "players", "scenario", "role", "difficulty", "length", "seed", "start")

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.entries: list[ScenarioEntry] | None = None
        s = app.settings
        self.pick = 0
        self.role = s.last_role
        self.difficulty = s.last_difficulty
        self.length = "full"
        self.seed = DigitEntry(str(fresh_seed()))
        self.section = "scenario"
        # classroom: a class code fixes scenario, seed, difficulty and flags
        self.code = TextEntry(
            "", 20, allow=lambda ch: ch.isalnum() or ch == "-", transform=str.upper
        )
        self.code_info: ClassCode | None = None
        self.code_error = ""
        self.players = s.last_players
        self.hover: str | None = None
        self.scroll = ItemScroll()
        self.mouse = (0, 0)
        self.about_fits = True
        self.hits: dict[str, Rect] = {}
        frame = self.add_panel("frame", self._draw_frame)
        frame.static_key = lambda: (
            "newgame-frame",
            i18n.language(),
            self.pal,
            self.style.fonts.scale,
            self.app.size,
        )
        self.code_panel = ClassCodePanel(self)
        self.add_panel("class", self.code_panel.draw)
        self.add_panel("list", self._draw_list)
        self.add_panel("side", self._draw_side)
        self._load_catalogue()

    def _load_catalogue(self) -> None:
        self.app.refresh_catalogue()  # scenario files may have been edited since
        self.update(0.0)

    def _set_entries(self, entries: list[ScenarioEntry]) -> None:
        self.entries = entries
        last = self.app.settings.last_scenario
        ids = [e.id for e in entries]
        if last in ids:
            self.pick = ids.index(last)
        if self.size != (0, 0):  # (laid out already; otherwise entering the stack does it)
            self.resize(self.app.size)

    def update(self, dt: float) -> Transition | None:
        if self.entries is None:
            got = self.app.catalogue()
            if got is not None:
                self._set_entries(got)
        return None

    # -- layout ---------------------------------------------------------------------------

    def layout(self, win: Rect) -> None:
        st, p = self.style, self.app.painter
        m = st.u * 4
        frame = Rect(m, m, win.w - 2 * m, win.h - 2 * m)
        self.panels["frame"].set_rect(frame)
        inner = panel_content_rect(frame, st.fonts, "New game")
        bh = button_height(p)
        self.footer = Rect(inner.x, inner.bottom - bh, inner.w, bh)
        body = Rect(inner.x, inner.y, inner.w, self.footer.y - inner.y - st.u * 2)
        left_w = int(body.w * 0.5)
        self.list_box = self.code_panel.layout(Rect(body.x, body.y, left_w, body.h))
        self.side_box = Rect(body.x + left_w + st.u * 3, body.y, body.w - left_w - st.u * 3, body.h)
        self.panels["list"].set_rect(self.list_box)
        self.panels["side"].set_rect(
            Rect(self.side_box.x, self.side_box.y, self.side_box.w, inner.bottom - self.side_box.y)
        )
        self._layout_side()
        self._layout_list()

    def _row_height(self, i: int = -1) -> int:
        """A compact card (title, facts, one line of summary); the picked card shows its whole
        summary when the About column has no room for it."""
        st = self.style
        h = st.line("body", True) + st.line("small") + st.px(4) + st.u * 2
        if i == self.pick and not self.about_fits and self.entries:
            e = self.entries[i]
            body = e.summary if e.ok else (e.errors[0] if e.errors else "")
            return h + self.app.painter.para_height(body, "small", self._text_w())
        return h + st.line("small")

    def _text_w(self) -> int:
        st = self.style
        return self.list_box.w - st.px(14) - 2 * (st.u + st.px(4))

    def _about_fits(self) -> bool:
        """True when the About column shows the picked scenario's whole summary."""
        if not self.entries:
            return True
        st, p = self.style, self.app.painter
        e = self.entries[self.pick]
        body = (
            e.summary if e.ok else "This scenario has errors: press Enter or click it to see them."
        )
        need = st.line("label", True) + st.u + p.para_height(body, "body", self.about.w)
        return need <= self.about.h

    def _layout_list(self, follow: bool = True) -> None:
        """Place the visible cards; `follow` scrolls the picked one into view (not the wheel)."""
        st = self.style
        self.about_fits = self._about_fits()
        self.list_head = Rect(
            self.list_box.x, self.list_box.y, self.list_box.w, st.line("label", True) + st.u
        )
        n = len(self.entries or [])
        heights = [self._row_height(i) for i in range(n)]
        cue = st.line("small") + st.px(4)
        avail = self.list_box.bottom - self.list_head.bottom
        if sum(heights) + st.u * max(0, n - 1) > avail:
            avail -= cue  # a line under the cards says how many more there are
        self.rows_box = Rect(self.list_box.x, self.list_head.bottom, self.list_box.w, avail)
        if follow:
            self.scroll.ensure(self.pick, heights, self.rows_box.h, st.u)
        start, end = self.scroll.window(heights, self.rows_box.h, st.u)
        self.rows = {}
        y = self.rows_box.y
        for i in range(start, end):
            self.rows[i] = Rect(self.rows_box.x, y, self.rows_box.w - st.px(14), heights[i])
            y += heights[i] + st.u
        self.list_window = (start, end)
        self.cue_rect = Rect(self.list_box.x, self.rows_box.bottom, self.list_box.w, cue)

    def _layout_side(self) -> None:
        st, p = self.style, self.app.painter
        s = self.side_box
        head = st.line("label", True) + st.u
        y = s.y
        self.role_head = Rect(s.x, y, s.w, head)
        y += head
        card_h = st.line("title", True) + st.line("small") + st.u * 3
        cw = (s.w - st.u * 2) // 2
        self.role_cards = {
            rid: Rect(s.x + k * (cw + st.u * 2), y, cw, card_h)
            for k, (rid, _, _) in enumerate(ROLES)
        }
        y += card_h + st.u * 3
        # difficulty (three segments) and length (two) share a row
        seg_h = button_height(p)
        sw = (s.w - st.u * 5) // 5
        lx = s.x + 3 * (sw + st.u) + st.u
        self.diff_head = Rect(s.x, y, lx - s.x - st.u, head)
        self.length_head = Rect(lx, y, s.right - lx, head)
        y += head
        self.diff_segs = {
            did: Rect(s.x + k * (sw + st.u), y, sw, seg_h)
            for k, (did, _, _) in enumerate(DIFFICULTIES)
        }
        self.length_segs = {
            lid: Rect(lx + k * (sw + st.u), y, sw, seg_h) for k, (lid, _, _) in enumerate(LENGTHS)
        }
        y += seg_h + st.u
        self.diff_note = Rect(s.x, y, s.w, st.line("small") * 2)
        y += self.diff_note.h + st.u * 3
        self.seed_head = Rect(s.x, y, s.w, head)
        y += head
        ew = min(st.px(180), s.w // 2)
        self.seed_box = Rect(s.x, y, ew, seg_h)
        reroll_w = min(
            s.w - ew - st.u * 2,
            p.width(i18n.tr("New seed"), "label", True)
            + st.px(24)
            + p.width("R", "small")
            + st.px(18),
        )
        self.reroll = Rect(self.seed_box.right + st.u * 2, y, reroll_w, seg_h)
        y += seg_h + st.u
        self.seed_note = Rect(s.x, y, s.w, st.line("small") * 2)
        y += self.seed_note.h + st.u * 3
        self.about = Rect(s.x, y, s.w, max(0, self.footer.y - st.u * 2 - y))
        bw = min(st.px(240), s.w)
        self.start_button = Button(
            "start",
            i18n.tr("Start"),
            Rect(s.right - bw, self.footer.y, bw, self.footer.h),
            "primary",
            bool(self.entries),
            "Enter",
        )
        back_w = min(st.px(140), s.w - bw - st.u * 2)
        self.back_button = Button(
            "back",
            i18n.tr("Back"),
            Rect(
                self.start_button.rect.x - st.u * 2 - back_w, self.footer.y, back_w, self.footer.h
            ),
            "ghost",
            True,
            "Esc",
        )
        self.hits = {
            "start": self.start_button.rect,
            "back": self.back_button.rect,
            "reroll": self.reroll,
            "seed": self.seed_box,
        }
        for rid, r in self.role_cards.items():
            self.hits[f"role:{rid}"] = r
        for did, r in self.diff_segs.items():
            self.hits[f"diff:{did}"] = r
        for lid, r in self.length_segs.items():
            self.hits[f"length:{lid}"] = r

    # -- classroom: class code and players --------------------------------------------

    @property
    def locked(self) -> bool:
        """True while a valid class code fixes scenario, seed, difficulty and players."""
        return self.code_info is not None

    def _role_head(self) -> str:
        if self.players == 2:
            return i18n.tr("Both roles: India first")
        return i18n.tr("Your role")

    def _refuse_locked(self) -> None:
        self.app.toast("Set by the class code: clear the code to choose yourself.", "info")

    # -- drawing --------------------------------------------------------------------------

    def _draw_frame(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        surf.blit(backdrop(self.app.size, self.pal), (0, 0), Rect(self.panels["frame"].rect))
        draw_panel(surf, r, self.pal, i18n.tr("New game"), self.style.fonts)

    def _draw_list(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.style, self.pal
        surf.fill(pal.panel)
        off = self.list_box.topleft
        focus = self.section == "scenario"
        p.text(
            surf,
            i18n.tr("Scenario"),
            self.list_head.move(-off[0], -off[1]),
            "label",
            pal.accent if focus else pal.text_dim,
            bold=True,
        )
        if self.entries is None:
            p.text(
                surf,
                "Reading the scenarios\u2026",
                self.rows_box.move(-off[0], -off[1]),
                "body",
                pal.text_dim,
            )
            return
        if not self.entries:
            p.text(
                surf,
                "No scenarios found.",
                self.rows_box.move(-off[0], -off[1]),
                "body",
                pal.text_dim,
            )
            return
        for i, row in self.rows.items():
            e = self.entries[i]
            rr = row.move(-off[0], -off[1])
            selected = i == self.pick
            hovered = self.hover == f"row:{i}"
            fill = (
                blend(pal.panel_alt, pal.accent, 0.14)
                if selected
                else (blend(pal.panel_alt, pal.panel, 0.3) if hovered else pal.panel_alt)
            )
            card(
                surf,
                rr,
                pal,
                st.px(6),
                fill,
                pal.accent if selected and focus else (pal.border if selected else None),
            )
            if selected:
                pygame.draw.rect(
                    surf, pal.accent, (rr.x, rr.y + st.px(6), st.px(3), rr.h - st.px(12))
                )
            pad = st.u + st.px(4)
            x, w = rr.x + pad, rr.w - 2 * pad
            y = rr.y + st.u
            p.text(surf, e.title, Rect(x, y, w, st.line("body", True)), "body", pal.text, bold=True)
            y += st.line("body", True)
            p.text(
                surf,
                e.meta,
                Rect(x, y, w, st.line("small")),
                "small",
                pal.warn if not e.ok else pal.accent,
            )
            y += st.line("small") + st.px(4)
            body = e.summary if e.ok else (e.errors[0] if e.errors else "")
            full = selected and not self.about_fits
            p.para(
                surf,
                body,
                Rect(x, y, w, rr.bottom - y),
                "small",
                pal.text if full else pal.text_dim,
                max_lines=0 if full else 1,
            )
            yield
        self._draw_scroll_cue(surf, p, off)

    def _draw_scroll_cue(self, surf: pygame.Surface, p: Painter, off: tuple[int, int]) -> None:
        """A scroll bar beside the cards and a line saying how many more there are."""
        st, pal = self.style, self.pal
        start, end = self.list_window
        n = len(self.entries or [])
        if start == 0 and end >= n:
            return
        box = self.rows_box.move(-off[0], -off[1])
        track = Rect(box.right - st.px(6), box.y, st.px(4), box.h)
        rounded(surf, track, pal.panel_alt, st.px(2))
        thumb_h = max(st.px(16), track.h * (end - start) // n)
        thumb_y = track.y + (track.h - thumb_h) * start // max(1, n - (end - start))
        rounded(surf, Rect(track.x, thumb_y, track.w, thumb_h), pal.accent, st.px(2))
        above, below = start, n - end
        parts = []
        if above:
            parts.append(i18n.tr("{n} above", n=above))
        if below:
            parts.append(i18n.tr("{n} more below", n=below))
        text = ", ".join(parts) + ": " + i18n.tr("mouse wheel or Up/Down")
        p.text(surf, text, self.cue_rect.move(-off[0], -off[1]), "small", pal.accent)

    def _draw_side(self, surf: pygame.Surface, p: Painter, r: Rect) -> None:
        st, pal = self.style, self.pal
        surf.fill(pal.panel)
        ox, oy = self.panels["side"].rect.topleft

        def loc(rect: Rect) -> Rect:
            return rect.move(-ox, -oy)

        def head(rect: Rect, text: str, section: str) -> None:
            p.text(
                surf,
                text,
                loc(rect),
                "label",
                pal.accent if self.section == section else pal.text_dim,
                bold=True,
            )

        head(self.role_head, self._role_head(), "role")
        for rid, name, line in ROLES:
            rr = loc(self.role_cards[rid])
            chosen = self.role == rid
            colour = pal.india if rid == "india" else pal.us
            fill = blend(pal.panel_alt, colour, 0.16) if chosen else pal.panel_alt
            if self.hover == f"role:{rid}" and not chosen:
                fill = blend(pal.panel_alt, colour, 0.07)
            border = colour if chosen else pal.border
            card(surf, rr, pal, st.px(6), fill, border)
            if chosen and self.section == "role":
                rounded(
                    surf, rr.inflate(st.px(4), st.px(4)), pal.accent, st.px(8), max(1, st.px(2))
                )
            pygame.draw.rect(
                surf,
                colour,
                (rr.x, rr.y, st.px(5), rr.h),
                border_top_left_radius=st.px(6),
                border_bottom_left_radius=st.px(6),
            )
            pad = st.u * 2
            p.text(
                surf,
                i18n.tr(name),
                Rect(rr.x + pad, rr.y + st.u, rr.w - 2 * pad, st.line("title", True)),
                "title",
                pal.text,
                bold=True,
            )
            p.text(
                surf,
                i18n.tr(line),
                Rect(
                    rr.x + pad,
                    rr.y + st.u + st.line("title", True),
                    rr.w - 2 * pad,
                    st.line("small"),
                ),
                "small",
                pal.text_dim,
            )
            yield  # (a card a step, within the frame's budget)
        head(self.diff_head, i18n.tr("Difficulty"), "difficulty")
        for did, label, _ in DIFFICULTIES:
            rr = loc(self.diff_segs[did])
            chosen = self.difficulty == did
            fill = (
                pal.accent
                if chosen
                else (
                    blend(pal.panel_alt, pal.accent, 0.12)
                    if self.hover == f"diff:{did}"
                    else pal.panel_alt
                )
            )
            card(surf, rr, pal, st.px(6), fill, None if chosen else pal.border)
            if chosen and self.section == "difficulty":
                rounded(surf, rr.inflate(st.px(4), st.px(4)), pal.text, st.px(8), max(1, st.px(2)))
            p.text(
                surf,
                i18n.tr(label),
                rr,
                "label",
                pal.background if chosen else pal.text,
                bold=True,
                align="center",
                valign="center",
            )
        length = self.code_info.length if self.code_info is not None else self.length
        note = next(n for d, _, n in DIFFICULTIES if d == self.difficulty)
        if self.section == "length" or (self.hover or "").startswith("length:"):
            note = next(n for d, _, n in LENGTHS if d == length)
        note = "Set by the class code." if self.locked else note
        head(self.length_head, i18n.tr("Length"), "length")
        for lid, label, _ in LENGTHS:
            rr = loc(self.length_segs[lid])
            chosen = length == lid
            fill = pal.accent if chosen else pal.panel_alt
            if not chosen and self.hover == f"length:{lid}":
                fill = blend(pal.panel_alt, pal.accent, 0.12)
            card(surf, rr, pal, st.px(6), fill, None if chosen else pal.border)
            if chosen and self.section == "length":
                rounded(surf, rr.inflate(st.px(4), st.px(4)), pal.text, st.px(8), max(1, st.px(2)))
            colour = pal.background if chosen else pal.text
            p.text(
                surf,
                i18n.tr(label),
                rr,
                "label",
                colour,
                bold=True,
                align="center",
                valign="center",
            )
        p.para(surf, i18n.tr(note), loc(self.diff_note), "small", pal.text_dim, max_lines=2)
        yield
        head(self.seed_head, i18n.tr("Seed"), "seed")
        sb = loc(self.seed_box)
        card(
            surf,
            sb,
            pal,
            st.px(6),
            pal.background,
            pal.accent if self.section == "seed" else pal.border,
        )
        shown = self.seed.value or "random"
        colour = pal.text if self.seed.value else pal.text_dim
        tr = p.text(surf, shown, sb.inflate(-st.u * 2, 0), "body", colour, valign="center")
        if self.section == "seed":
            x = tr.right + 2 if self.seed.value else sb.x + st.u * 2
            pygame.draw.line(surf, pal.accent, (x, sb.y + st.px(8)), (x, sb.bottom - st.px(8)), 2)
        reroll = Button("reroll", i18n.tr("New seed"), self.reroll, "normal", True, "R")
        reroll.draw(p, surf, self.hover == "reroll", False, (ox, oy))
        p.para(
            surf,
            "Set by the class code: everybody in the class plays the same dice."
            if self.locked
            else "The same seed gives the same dice: share it to compare games fairly.",
            loc(self.seed_note),
            "small",
            pal.text_dim,
            max_lines=2,
        )
        yield
        if self.entries and self.about_fits:
            e = self.entries[self.pick]
            ab = loc(self.about)
            p.text(
                surf,
                f"About {e.title}",
                Rect(ab.x, ab.y, ab.w, st.line("label", True)),
                "label",
                pal.text_dim,
                bold=True,
            )
            body = (
                e.summary
                if e.ok
                else "This scenario has errors: press Enter or click it to see them."
            )
            p.para(
                surf,
                body,
                Rect(
                    ab.x,
                    ab.y + st.line("label", True) + st.u,
                    ab.w,
                    ab.h - st.line("label", True) - st.u,
                ),
                "body",
                pal.text,
            )
        self.start_button.enabled = bool(self.entries)
        self.start_button.draw(p, surf, self.hover == "start", self.section == "start", (ox, oy))
        self.back_button.draw(p, surf, self.hover == "back", False, (ox, oy))

    # -- input ----------------------------------------------------------------------------

    def _hit(self, pos: tuple[int, int]) -> str | None:
        if self.code_box.collidepoint(pos):
            return "code"
        for n, r in self.player_segs.items():
            if r.collidepoint(pos):
                return f"players:{n}"
        for i, r in self.rows.items():
            if r.collidepoint(pos):
                return f"row:{i}"
        for k, r in self.hits.items():
            if r.collidepoint(pos):
                return k
        return None

    def on_event(self, e: pygame.event.Event) -> Transition | None:
        if self.entries is None:
            self.update(0.0)
        if e.type == pygame.MOUSEMOTION:
            self.mouse = e.pos
            h = self._hit(e.pos)
            if h != self.hover:
                self.hover = h
                self.invalidate("list", "side", "class")
            return None
        if e.type == pygame.MOUSEWHEEL and self.list_box.collidepoint(self.mouse):
            self.scroll.scroll(-e.y)
            self._layout_list(follow=False)
            self.invalidate("list")
            return None
        if e.type == pygame.MOUSEBUTTONDOWN and e.button == 1:
            h = self._hit(e.pos)
            return self._click(h) if h else None
        if e.type == pygame.TEXTINPUT and self.section == "code":
            if self.code.handle(e):
                self.code_panel.changed()
                self.invalidate("list", "side", "class")
            return None
        if e.type != pygame.KEYDOWN:
            return None
        k = e.key
        if k == pygame.K_ESCAPE:
            return Pop()
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.start()
        if self._locked_key(e):
            return None
        if k == pygame.K_TAB:
            step = -1 if e.mod & pygame.KMOD_SHIFT else 1
            i = self.SECTIONS.index(self.section)
            self.section = self.SECTIONS[(i + step) % len(self.SECTIONS)]
            self.invalidate("list", "side", "class")
            return None
        if self.section == "code" and self.code.handle(e):
            self.code_panel.changed()
            self.invalidate("list", "side", "class")
            return None
        if self.section == "players" and k in (pygame.K_LEFT, pygame.K_RIGHT):
            self.players = 2 if k == pygame.K_RIGHT else 1
            self.invalidate("class", "side")
            return None
        if self.section == "seed" and self.seed.handle(e):
            self.invalidate("side")
            return None
        if k == pygame.K_r and self.section != "seed":
            self.seed.value = str(fresh_seed())
            self.invalidate("side")
            return None
        if self.section == "scenario" and k in (pygame.K_UP, pygame.K_DOWN):
            self._pick(self.pick + (1 if k == pygame.K_DOWN else -1))
            self.invalidate("side")
            return None
        if k in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN):
            step = 1 if k in (pygame.K_RIGHT, pygame.K_DOWN) else -1
            if self.section == "role":
                ids = [r for r, _, _ in ROLES]
                self.role = ids[(ids.index(self.role) + step) % len(ids)]
            elif self.section == "difficulty":
                ids = [d for d, _, _ in DIFFICULTIES]
                self.difficulty = ids[max(0, min(len(ids) - 1, ids.index(self.difficulty) + step))]
            elif self.section == "length" and k in (pygame.K_LEFT, pygame.K_RIGHT):
                self.length = LENGTHS[0 if step < 0 else 1][0]
            elif k in (pygame.K_UP, pygame.K_DOWN):
                i = self.SECTIONS.index(self.section)
                self.section = self.SECTIONS[max(0, min(len(self.SECTIONS) - 1, i + step))]
            self.invalidate("list", "side", "class")
        return None

    def _locked_key(self, e: pygame.event.Event) -> bool:
        """A key that would change what the class code fixed: refused (True if so)."""
        if not self.locked or self.section == "code":
            return False
        k = e.key
        arrows = (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN)
        if (
            (self.section == "scenario" and k in (pygame.K_UP, pygame.K_DOWN))
            or (self.section in ("difficulty", "players", "length") and k in arrows[:2])
            or (
                self.section == "seed"
                and (
                    k in (pygame.K_BACKSPACE, pygame.K_DELETE)
                    or getattr(e, "unicode", "").isdigit()
                )
            )
            or k == pygame.K_r
        ):
            self._refuse_locked()
            return True
        return False

    def _pick(self, i: int) -> None:
        if not self.entries:
            return
        self.pick = max(0, min(len(self.entries) - 1, i))
        self._layout_list()
        self.invalidate("list")
        entry = self.entries[self.pick]
        if entry.ok and entry.id not in _WARMED:
            # read the highlighted scenario ahead, so Start does not pause to parse it
            import threading

            from game.ui.menu import warm_scenario

            _WARMED.add(entry.id)
            threading.Thread(target=warm_scenario, args=(entry.id,), daemon=True).start()

    def _click(self, h: str) -> Transition | None:
        if h == "code":
            self.section = "code"
            self.invalidate("list", "side", "class")
            return None
        if self.locked and (
            h.startswith(("diff:", "players:", "length:"))
            or h == "reroll"
            or (h.startswith("row:") and int(h[4:]) != self.pick)
        ):
            self._refuse_locked()
            return None
        if h.startswith("players:"):
            self.players, self.section = int(h.split(":")[1]), "players"
            self.invalidate("class", "side")
            return None
        if h.startswith("row:"):
            i = int(h.split(":")[1])
            self.section = "scenario"
            if i == self.pick and self.entries and not self.entries[i].ok:
                return self._show_errors(self.entries[i])
            self._pick(i)
            self.invalidate("side")
            return None
        if h.startswith("role:"):
            self.role, self.section = h.split(":")[1], "role"
        elif h.startswith("diff:"):
            self.difficulty, self.section = h.split(":")[1], "difficulty"
        elif h.startswith("length:"):
            self.length, self.section = h.split(":")[1], "length"
        elif h == "seed":
            self.section = "seed"
        elif h == "reroll":
            self.seed.value = str(fresh_seed())
        elif h == "start":
            return self.start()
        elif h == "back":
            return Pop()
        self.invalidate("list", "side", "class")
        return None

    def _show_errors(self, entry: ScenarioEntry) -> Transition:
        return Push(self.app.flow.scenario_errors(entry.path or entry.id, entry.errors, back=True))

    def start(self) -> Transition | None:
        """Start the chosen game (its briefing), or show the scenario's errors."""
        if not self.entries:
            return None
        if self.code.value.strip():
            self.code_panel.changed()  # the catalogue may have arrived since the code was typed
            if self.code_info is None:
                self.section = "code"
                self.invalidate("list", "side", "class")
                self.app.toast(self.code_error or "That class code cannot be read.", "error")
                return None
        entry = self.entries[self.pick]
        if not entry.ok:
            return self._show_errors(entry)
        s = self.app.settings
        s.last_scenario, s.last_role, s.last_difficulty = entry.id, self.role, self.difficulty
        if self.code_info is None:
            s.last_players = self.players
        self.app.save_settings()
        info = self.code_info
        from game.scenario.loader import with_length

        length = info.length if info is not None else self.length
        screen = self.app.flow.start_game(
            with_length(entry.id, length),
            "india" if self.players == 2 else self.role,
            self.difficulty,
            self.seed.number(),
            humans=["india", "us"] if self.players == 2 else None,
            flags=info.flags if info is not None else frozenset(),
            class_code=info.code() if info is not None else "",
        )
        return Push(screen)

    # -- for tests ------------------------------------------------------------------------

    def regions(self) -> dict[str, Rect]:
        return {
            "class": Rect(self.panels["class"].rect),
            "list": Rect(self.list_box),
            "side": Rect(self.side_box),
        }

    def targets(self) -> dict[str, Rect]:
        out = {k: Rect(r) for k, r in self.hits.items()}
        out.update({f"row:{i}": Rect(r) for i, r in self.rows.items()})
        out["code"] = Rect(self.code_box)
        out.update({f"players:{n}": Rect(r) for n, r in self.player_segs.items()})
        return out

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "section": self.section,
            "scenario": self.entries[self.pick].id if self.entries else None,
            "role": self.role,
            "difficulty": self.difficulty,
            "length": self.code_info.length if self.code_info is not None else self.length,
            "seed": self.seed.value,
            "loaded": self.entries is not None,
            "code": self.code.value,
            "code_error": self.code_error,
            "locked": self.locked,
            "players": self.players,
            "flags": sorted(self.code_info.flags) if self.code_info else [],
        }
