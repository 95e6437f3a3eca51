"""The detail box of the turn screen's decisions panel: the highlighted option's description,
its chances of the objectives by the end of the game, and who backs it (a mixin of
`DecisionsPanel`, which places it)."""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import i18n
from game.ui.controls import bar, keycap, rounded
from game.ui.painter import Painter
from game.ui.screen import Rect
from game.ui.theme import blend, panel_content_rect

if TYPE_CHECKING:
    from game.engine.forecast import Advice
    from game.engine.game import Decision
    from game.ui.turn import TurnScreen
    from game.ui.turn_capital import CapitalRow


class DetailBox:
    """Heights and drawing of the option-in-detail box."""

    turn: TurnScreen
    compact: bool
    ranges: bool
    capital: CapitalRow

    def row_gap(self) -> int:
        """Space between rows of chips and of chances (none when tight)."""
        return 0 if self.compact else self.turn.style.px(2)

    def measured(self, key: tuple[Any, ...], refs: tuple[Any, ...], make: Callable[[], int]) -> int:
        """A height `make()` measured, remembered while the turn, the style, the language and
        the settings stay as they are and `refs` (the option, the assessment it shows) are
        the same objects: laying the panel out again (a choice, a tab, an assessment of
        another decision arriving) measures only what changed."""
        s = self.turn.session
        ctx = (s.gen, id(s.game), id(self.turn.style), i18n.language(), s.rollouts, s.role)
        ctx += (getattr(s, "flags", None),)
        if self.__dict__.get("_measured_ctx") != ctx:
            self._measured: dict[tuple[Any, ...], tuple[tuple[Any, ...], int]] = {}
            self._measured_ctx = ctx
            self._measured_refs = (s.game, self.turn.style)  # (their ids stay theirs)
        hit = self._measured.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], refs, strict=True)):
            return hit[1]
        if len(self._measured) > 512:
            self._measured.clear()
        h = make()
        self._measured[key] = (refs, h)
        return h

    def measure_steps(self) -> Generator[None, None, None]:
        """Measure the turn's option cards and details ahead of a layout, one decision's
        cards, then its detail, a step (frames of their own while the screen is hidden,
        see `TurnScreen.prerender`): the layout that follows finds them measured. As a
        layout first asks (not tight), and as the last one was, if that was tight."""
        st = self.turn.style
        inner = panel_content_rect(Rect(self.turn.dec_rect), st.fonts, None)
        self.turn.dec_inner = inner  # (as the layout will have it: the detail's rows read it)
        w = inner.w - st.px(14)
        kept = (self.compact, self.ranges)
        for compact, ranges in dict.fromkeys([(False, True), kept]):
            for dec in self.turn.decisions:
                self.compact, self.ranges = compact, ranges
                try:
                    for opt in dec.options:
                        self.option_height(opt, w)  # type: ignore[attr-defined]
                finally:
                    self.compact, self.ranges = kept
                yield
                self.compact = compact
                try:
                    self.assessment_height(dec, inner.w)
                finally:
                    self.compact = kept[0]
                yield

    def assessment_height(self, dec: Decision, width: int) -> int:
        """One height for every option of a decision, so hovering never moves the layout; it
        holds each option's whole description, its backers and the advisor's reason."""
        s = self.turn.session
        key = ("detail", dec.slot, width, self.compact, self.turn.dec_inner.w)
        refs = (dec, self.turn.outlook(dec.slot), s.forecasts.get(dec.slot), s.advice.get(dec.slot))
        return self.measured(key, refs, lambda: self._assessment_height(dec, width))

    def _assessment_height(self, dec: Decision, width: int) -> int:
        st, p = self.turn.style, self.turn.app.painter
        pad = st.u
        head = st.line("small", True) + st.px(6)
        text_w = width - 2 * pad
        texts = max(
            (
                (p.para_height(o.text, "small", text_w) + st.px(6) if o.text else 0)
                + self.notes_height(dec, o, text_w)
                for o in dec.options
            ),
            default=0,
        )
        if self.turn.session.rollouts <= 0:
            return head + texts + 2 * pad
        return head + texts + self.assessment_core(dec) + self.backers_height(dec, text_w) + 2 * pad

    def notes_height(self, dec: Decision, opt: Any, width: int) -> int:
        """Room for what the option makes or breaks (a commitment) in the detail."""
        p, st = self.turn.app.painter, self.turn.style
        notes = self.capital.notes(dec, opt)
        return sum(p.para_height(t, "small", width, True) + st.px(4) for _k, t in notes)

    def backers_lines(self, dec: Decision, k: int, width: int) -> tuple[str, str]:
        """The detail's last lines for option k: who backs it, and why (or who they prefer)."""
        s = self.turn.session
        fc = s.forecasts.get(dec.slot)
        outs = self.turn.outlook(dec.slot)
        if "no_advisors" in self.turn.classroom._flags() or fc is None or outs is None:
            return "", ""
        o = outs[min(k, len(outs) - 1)]
        quality = "sharp" if fc.quality > 0.75 else "fair" if fc.quality > 0.4 else "poor"
        if o.advisors:
            # (in Hindi the names are folded as shown: "Ministry of" is not their prefix there)
            names = fold_names([i18n.shown(a.label) for a in o.advisors])
            if len(o.advisors) > 1 and len(o.advisors) >= len(self.turn.tags):
                names = i18n.tr("every advisor")
            if self.compact:  # (tight: the card's chips name the backers)
                return "", f"\u201c{self.tight_reason(o.advisors[0], width)}\u201d"
            return "", f"Backed by {names}: \u201c{o.advisors[0].reason}\u201d"
        picks = [str(k) for k in sorted({a.option + 1 for a in s.advice.get(dec.slot, [])})]
        note = "No advisor backs this option."
        if len(picks) == 1:
            note = f"No advisor backs this option; they prefer option {picks[0]}."
        elif picks:
            either = ", ".join(picks[:-1]) + f" or {picks[-1]}"
            note = f"No advisor backs this option; they prefer options {either}."
        note = i18n.shown(note)  # (each sentence in the interface language, then joined)
        if not self.compact:  # (tight: the fan chart says how sharp the intelligence is)
            note += i18n.shown(f" Intelligence is {quality} ({fc.rollouts:,} futures).")
        return "", note

    def tight_reason(self, advice: Advice, width: int) -> str:
        """The advisor's reason for a tight box: the aim's chances and the price, or, when
        the price would need more lines than the aim alone, the aim alone."""
        short = advice.short or advice.reason
        aim = short.split(" Price: ")[0]
        p = self.turn.app.painter
        if aim != short and p.para_height(short, "small", width) > p.para_height(
            aim, "small", width
        ):
            return aim
        return short

    def backers_height(self, dec: Decision, width: int) -> int:
        p = self.turn.app.painter
        best = 0
        for k in range(len(dec.options)):
            head, body = self.backers_lines(dec, k, width)
            h = (p.para_height(head, "small", width, True) if head else 0) + (
                p.para_height(body, "small", width) if body else 0
            )
            best = max(best, h)
        return best

    def assessment_core(self, dec: Decision) -> int:
        """Objective rows: what the detail must always show."""
        st = self.turn.style
        outs = self.turn.outlook(dec.slot)
        n_obj = len(outs[0].objectives) if outs else len(self.turn.session.objectives())
        n_obj = 0 if self.turn.classroom.forecasts_hidden() else n_obj
        if n_obj == 0:
            return st.px(6)
        if not outs:
            return n_obj * (st.line("small") + st.px(3)) + st.px(6)
        labels = [lab for _i, lab, _p in outs[0].objectives]
        return sum(self.objective_row(lab)[0] + self.row_gap() for lab in labels) + st.px(4)

    def objective_row(self, label: str) -> tuple[int, int, int]:
        """(height, label width, bar width) of an objective's row in the detail: the bar
        gives way first, then the name wraps (it is never cut)."""
        st, p = self.turn.style, self.turn.app.painter
        w = self.turn.dec_inner.w - 2 * st.u
        pct_w = p.width("100%", "small", True) + st.px(4)
        bar_w = min(st.px(80), w // 5)
        lab_w = w - bar_w - pct_w - st.u * 2
        if p.width(label, "small") > lab_w:
            bar_w = st.px(24)
            lab_w = w - bar_w - pct_w - st.u * 2
        return p.para_height(label, "small", lab_w), lab_w, bar_w

    def assessment_min(self, dec: Decision) -> int:
        """Everything in the detail is decision-critical: its whole height."""
        return self.assessment_height(dec, self.turn.dec_inner.w)

    def draw_assessment(self, surf: pygame.Surface, p: Painter, rr: Rect, dec: Decision) -> None:
        st, pal, s = self.turn.style, self.turn.pal, self.turn.session
        rounded(surf, rr, blend(pal.panel, pal.background, 0.45), st.px(6))
        rounded(surf, rr, pal.border, st.px(6), 1)
        inner = rr.inflate(-st.u * 2, -st.u * 2)
        k = min(self.turn.highlighted() or 0, len(dec.options) - 1)
        self.turn._dec_drawn["detail"] = k
        opt = dec.options[k]
        y = inner.y
        hh = st.line("small", True)
        fc = s.forecasts.get(dec.slot)
        outs = self.turn.outlook(dec.slot)
        right_w = 0
        if fc is not None and not self.turn.classroom.forecasts_hidden():
            cap_r = keycap(self.turn.app.painter, surf, "F", inner.right, y + hh // 2)
            fan_w = p.width("fan chart", "small")
            p.text(
                surf,
                "fan chart",
                Rect(cap_r.x - st.px(6) - fan_w, y, fan_w, hh),
                "small",
                pal.accent,
            )
            right_w = inner.right - cap_r.x + fan_w + st.px(12)
        heading = f"OPTION {k + 1} IN DETAIL"
        if fc is not None and not self.turn.classroom.forecasts_hidden():
            turns = s.definition.period.turns
            heading = f"OPTION {k + 1} \u00b7 CHANCE BY THE END (TURN {turns})"
            if p.width(heading, "small", True) > inner.w - right_w:
                heading = f"{k + 1} \u00b7 CHANCE BY TURN {turns}"
        p.text(
            surf,
            heading,
            Rect(inner.x, y, inner.w - right_w, hh),
            "small",
            pal.text_dim,
            bold=True,
        )
        y += hh + st.px(6)
        if opt.text:
            with p.crit():
                used = p.para(
                    surf, opt.text, Rect(inner.x, y, inner.w, inner.bottom - y), "small", pal.text
                )
            y = used.bottom + st.px(6)
        for kind, note in self.capital.notes(dec, opt):
            with p.crit():
                box = Rect(inner.x, y, inner.w, inner.bottom - y)
                y = p.para(surf, note, box, "small", self.capital.tint(kind), bold=True).bottom
            y += st.px(4)
        if s.rollouts <= 0:
            return
        if outs is None or fc is None:
            msg = (
                s.failures.get(dec.slot)
                or "Intelligence is assessing the options\u2026 you can decide without waiting."
            )
            p.para(
                surf,
                msg,
                Rect(inner.x, y, inner.w, inner.bottom - y),
                "small",
                pal.text_dim,
                max_lines=2,
            )
            return
        o = outs[k]
        lh = st.line("small")
        pct_w = p.width("100%", "small", True) + st.px(4)
        bar_w = min(st.px(80), inner.w // 5)
        for _oid, olabel, prob in self.turn.classroom.shown_objectives(o):
            p.critical = True
            row_h, lab_w, bar_w = self.objective_row(olabel)
            p.para(surf, olabel, Rect(inner.x, y, lab_w, row_h), "small", pal.text_dim)
            colour = pal.good if prob >= 0.7 else pal.warn if prob >= 0.4 else pal.bad
            bx = inner.right - pct_w - bar_w - st.u
            bar(
                surf, Rect(bx, y + lh // 2 - st.px(3), bar_w, st.px(6)), prob, colour, pal.panel_alt
            )
            p.text(
                surf,
                f"{prob:.0%}",
                Rect(inner.right - pct_w, y, pct_w, lh),
                "small",
                pal.text,
                bold=True,
                align="right",
            )
            p.critical = False
            y += row_h + self.row_gap()
        y += st.px(4)
        head, body = self.backers_lines(dec, k, inner.w)
        with p.crit():
            if head:
                box = Rect(inner.x, y, inner.w, inner.bottom - y)
                y = p.para(surf, head, box, "small", pal.text, bold=True).bottom
            if body:
                box = Rect(inner.x, y, inner.w, inner.bottom - y)
                p.para(surf, body, box, "small", pal.text if not head else pal.text_dim)


def fold_names(names: list[str]) -> str:
    """Backers' names, a shared leading "... of " said once ("Ministry of Defence, Finance")."""
    if len(names) > 1 and " of " in names[0]:
        head = names[0][: names[0].index(" of ") + 4]
        if all(n.startswith(head) and len(n) > len(head) for n in names):
            return head + ", ".join(n[len(head) :] for n in names)
    return ", ".join(names)
