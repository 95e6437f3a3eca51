"""Words for what the engine records: the one place that turns causes, periods and
values into English text, so the engine stays free of language.

Front ends (terminal, window, reports, the classroom server) call these; the engine
hands over ids and numbers (`Cause`, `Change`) only.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from game.engine.batch import Env
from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.expr import compile_expr
from game.engine.expr_runtime import SimpleEnv
from game.engine.game import Decision, Game, Rejected
from game.engine.text import pick

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


_HOLDS = {
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
}
MAX_DECIMALS = 3


def shown_value(value: float, decimals: int, limits: Iterable[tuple[str, float]] = ()) -> float:
    """The number `fmt_value` prints for `value`: rounded to `decimals`, or to more (up to
    3) where rounding would cross one of the `limits` (`(op, threshold)` pairs: 59.87
    against `>= 60` shows as 59.9, never 60); past 3 decimals it is cut towards the side
    the value is really on."""
    limits = [(op, float(t)) for op, t in limits if op in _HOLDS]
    for d in range(decimals, MAX_DECIMALS + 1):
        shown = round(value, d)
        if all(_HOLDS[op](shown, t) == _HOLDS[op](value, t) for op, t in limits):
            return shown
    scale = 10**MAX_DECIMALS
    for op, t in limits:
        holds = _HOLDS[op](value, t)
        if _HOLDS[op](round(value, MAX_DECIMALS), t) != holds:
            up = (op in (">=", ">")) == holds
            return (math.ceil if up else math.floor)(value * scale) / scale
    return round(value, MAX_DECIMALS)


def _decimals_of(x: float, decimals: int) -> int:
    """The fewest decimals, at least `decimals`, that print `x` exactly (up to 3)."""
    d = decimals
    while d < MAX_DECIMALS and abs(round(x, d) - x) > 1e-9:
        d += 1
    return d


def rounded(
    value: float, decimals: int, limits: Iterable[tuple[str, float]] = ()
) -> tuple[float, int]:
    """(number, decimals) as `fmt_value` shows `value` against `limits`: for front ends
    that format numbers themselves (the terminal's columns, the server's JSON)."""
    limits = list(limits)
    if not limits or not math.isfinite(value):
        return value, decimals
    shown = shown_value(value, decimals, limits)
    return shown, _decimals_of(shown, decimals)


def fmt_value(
    value: float | None,
    decimals: int = 0,
    unit: str = "",
    signed: bool = False,
    limits: Iterable[tuple[str, float]] = (),
) -> str:
    """An indicator's value as the game shows it everywhere: its decimals, thousands
    separators, a true minus sign, and its unit (`$212.5bn`, `18%`, `65.6 pts`).

    `limits` are the thresholds objectives set on the indicator (`(op, threshold)`, see
    `indicator_limits`): the value then never rounds across one (59.87 against "60 or
    more" shows as `59.9`, not `60`)."""
    if value is None or not math.isfinite(value):
        return "–"
    d = decimals
    if signed and abs(value) < 10 ** (-d) / 2 and value != 0:
        d = min(3, d + 1)  # a small change still shows as one
    if limits:
        value, shown_d = rounded(value, decimals, limits)
        d = max(d, shown_d)
    s = f"{value:+,.{d}f}" if signed else f"{value:,.{d}f}"
    if s.lstrip("+-").strip("0.,") == "":
        s = ("±" if signed else "") + s.lstrip("+-")  # never "-0"
    s = s.replace("-", "\u2212")
    if not unit:
        return s
    if unit == "%":
        return s + "%"
    if unit.startswith("$") and not signed:
        return f"${s}{unit[1:]}" if len(unit) > 1 else f"${s}"
    return f"{s} {unit}"


@dataclass(frozen=True)
class Target:
    """A threshold from an objective: the indicator should end `op` `value`."""

    indicator: str
    op: str
    value: float
    objective: str  # the objective's label


def objective_targets(sc: CompiledScenario, roles: Iterable[str]) -> dict[str, Target]:
    """Per indicator, the first threshold the roles' objectives (then the shared ones) set
    on it, read from their compiled conditions (`trade_bn >= 265`, `50 >= energy_cost`)."""
    out: dict[str, Target] = {}
    wanted = [r for r in ROLES if r in roles] + ["shared"]
    objectives = sorted(
        (o for o in sc.objectives if o.owner in wanted), key=lambda o: wanted.index(o.owner)
    )
    labels = {
        (owner, o.id): o.label for owner in wanted for o in getattr(sc.definition.objectives, owner)
    }
    for o in objectives:
        for name, op, value in o.when.bounds:
            if name not in out:
                label = pick(labels.get((o.owner, o.id), o.id))
                out[name] = Target(name, op, value, label)
    return out


def indicator_limits(sc: CompiledScenario) -> dict[str, tuple[tuple[str, float], ...]]:
    """Per indicator, every threshold (`(op, value)`) any objective sets on it: pass an
    indicator's to `fmt_value(limits=...)` so no value shown rounds across one."""
    out: dict[str, list[tuple[str, float]]] = {}
    for o in sc.objectives:
        for name, op, value in o.when.bounds:
            if (op, value) not in out.setdefault(name, []):
                out[name].append((op, value))
    return {k: tuple(v) for k, v in out.items()}


_OP_WORDS = {">=": "{} or more", "<=": "{} or less", ">": "above {}", "<": "below {}"}


def fmt_threshold(op: str, value: float, decimals: int = 0, unit: str = "") -> str:
    """A threshold in words, exact: `60 or more`, `below 40`, `$48bn or less`."""
    shown = fmt_value(value, _decimals_of(value, decimals), unit)
    return _OP_WORDS.get(op, op + " {}").format(shown)


def _fmt_gap(gap: float, decimals: int, unit: str) -> str:
    """A distance to a threshold that never shows as 0 unless it is 0."""
    d = decimals
    while d < MAX_DECIMALS and gap != 0 and round(gap, d) == 0:
        d += 1
    if gap != 0 and round(gap, d) == 0:
        return "less than " + fmt_value(10.0**-MAX_DECIMALS, MAX_DECIMALS, unit)
    return fmt_value(gap, d, unit)


@dataclass(frozen=True)
class BoundStatus:
    """One threshold of an objective, now: `indicator op threshold` against its value.

    `margin` is signed, in the indicator's unit: positive on the side that meets the
    threshold, negative short of it; `distance` is its size. The texts are in the
    indicator's decimals and unit and never round across the threshold."""

    indicator: str
    label: str  # the indicator's label
    hidden: bool  # a counter or flag the dashboard does not show
    op: str
    threshold: float
    value: float
    met: bool
    margin: float
    distance: float
    trend: float | None  # change since the previous decision point (None on turn 1)
    value_text: str  # "59.9"
    threshold_text: str  # "60 or more"
    distance_text: str  # "0.13 short" / "4 to spare" / "at the threshold"
    trend_text: str  # "+1.2 since last turn" or ""
    limit_text: str = ""  # the threshold's number alone: "60", "$48bn"


@dataclass(frozen=True)
class ObjectiveStatus:
    """Where one objective a role is scored on stands now (see `objective_status`)."""

    owner: str  # "india", "us" or "shared"
    id: str
    label: str
    description: str
    primary: bool
    weight: float
    share: float  # its weight as a share of the role's score (0-1)
    met: bool  # the condition holds on today's values
    credit: float  # what it would earn if the game ended now: 1 met, partial near, else 0
    condition: str  # the condition as written (for objectives with clauses besides thresholds)
    bounds: tuple[BoundStatus, ...]

    @property
    def credit_text(self) -> str:
        """`met`, `not met` or `near: 35% credit`."""
        if self.met:
            return "met"
        return f"near: {self.credit:.0%} credit" if self.credit > 0 else "not met"


@dataclass(frozen=True)
class _Shape:
    """Decimals and unit of a clause that adds indicators up (those of its first term)."""

    decimals: int
    unit: str


def _sum_clauses(game: Game, source: str, before: np.ndarray | None) -> list[tuple[Any, ...]]:
    """The clauses `expression op number` of a condition (top-level `and`) whose left side
    is more than one indicator, e.g. `recip_tariff + oil_penalty <= 25`: evaluated on
    today's values (and the last decision point's), labelled with the indicators' names."""
    try:
        tree = ast.parse(str(source), mode="eval").body
    except SyntaxError:
        return []
    parts = tree.values if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And) else [tree]
    ops = {ast.GtE: ">=", ast.LtE: "<=", ast.Gt: ">", ast.Lt: "<"}
    d = game.definition
    out = []
    for part in parts:
        if not (isinstance(part, ast.Compare) and len(part.ops) == 1):
            continue
        op = ops.get(type(part.ops[0]))
        left, right = part.left, part.comparators[0]
        if op is None or isinstance(left, ast.Name):
            continue  # a plain threshold: already in the compiled bounds
        try:
            limit = float(ast.literal_eval(right))
            text = ast.get_source_segment(str(source), left) or ""
            fn = compile_expr(text, game.scenario.scope)
            names = [
                n.id for n in ast.walk(left) if isinstance(n, ast.Name) and n.id in d.indicators
            ]
            if not names:
                continue
            now = float(np.asarray(fn(SimpleEnv(game.state.values[:1])), float).reshape(-1)[0])
            old = None
            if before is not None:
                old = float(np.asarray(fn(SimpleEnv(before[None, :])), float).reshape(-1)[0])
        except Exception:  # noqa: BLE001 - a clause the values alone cannot evaluate
            continue
        label = text
        for n in sorted(set(names), key=len, reverse=True):
            ind = d.indicators[n]
            label = re.sub(rf"\b{n}\b", ind.label, label)
        first = d.indicators[names[0]]
        hidden = all(d.indicators[n].hidden for n in names)
        shape = _Shape(first.decimals, first.unit)
        out.append((text, label, hidden, shape, op, limit, now, old))
    return out


def objective_status(game: Game, role: str) -> list[ObjectiveStatus]:
    """Every objective `role` is scored on (its own, then the shared ones), as it stands
    on today's values: met or not, the graded credit it would earn if the game ended
    now (`Engine.credit`), and per threshold its value, distance and trend.

    The values and thresholds are formatted in the indicator's decimals and unit and
    never round across a threshold; labels are in the game's language. For the
    terminal's objectives command, the window's objectives strip and the reports.
    """
    sc, d = game.scenario, game.definition
    met, credit = game.engine.credit(game.state, np.array([0]))
    values = game.values()
    before = game.history[-2] if len(game.history) >= 2 else None
    col = sc.scope.indicators
    objs = [(k, o) for k, o in enumerate(sc.objectives) if o.owner in (role, "shared")]
    total = sum(o.weight for _, o in objs) or 1.0
    out = []
    for k, o in objs:
        spec = next(x for x in getattr(d.objectives, o.owner) if x.id == o.id)
        clauses = []
        for name, op, limit in o.when.bounds:
            ind = d.indicators[name]
            old = None if before is None else float(before[col[name]])
            clauses.append((name, ind.label, bool(ind.hidden), ind, op, limit, values[name], old))
        clauses += _sum_clauses(game, o.when.source, before)
        bounds = []
        for name, label, hidden, ind, op, limit, v, old in clauses:
            sign = 1.0 if op in (">=", ">") else -1.0
            margin = sign * (v - limit)
            ok = _HOLDS[op](v, limit)
            trend = None if old is None else v - old
            gap = _fmt_gap(abs(margin), ind.decimals, ind.unit)
            if margin == 0:
                dist = "at the threshold" if ok else "at the threshold, not past it"
            else:
                dist = f"{gap} to spare" if ok else f"{gap} {'short' if sign > 0 else 'over'}"
            trend_text = ""
            if trend is not None:
                trend_text = (
                    fmt_value(trend, ind.decimals, ind.unit, signed=True) + " since last turn"
                )
            bounds.append(
                BoundStatus(
                    name,
                    label,
                    hidden,
                    op,
                    limit,
                    v,
                    ok,
                    margin,
                    abs(margin),
                    trend,
                    fmt_value(v, ind.decimals, ind.unit, limits=[(op, limit)]),
                    fmt_threshold(op, limit, ind.decimals, ind.unit),
                    dist,
                    trend_text,
                    fmt_value(limit, _decimals_of(limit, ind.decimals), ind.unit),
                )
            )
        out.append(
            ObjectiveStatus(
                o.owner,
                o.id,
                pick(spec.label, game.lang),
                pick(spec.description, game.lang) if spec.description else "",
                o.primary,
                o.weight,
                o.weight / total,
                bool(met[0, k]),
                float(credit[0, k]),
                str(spec.when),
                tuple(bounds),
            )
        )
    return out


def score_text(game: Game, role: str) -> str:
    """How a finished game's score was made, in words: `score 38/100 (objectives 67,
    ending worth 10)`, or `score 67/100` when the ending carries no worth."""
    score = game.scores()[role]
    objectives, worth = game.score_parts()[role]
    if worth is None:
        return f"score {score:.0f}/100"
    return f"score {score:.0f}/100 (objectives {objectives:.0f}, ending worth {worth:.0f})"


def objective_marks(game: Game, role: str) -> list[tuple[str, str, float, bool, str]]:
    """A finished game's objectives of `role` (its own, then shared): (mark, label,
    credit, primary, owner), the mark `[x]` met, `[~]` graded credit, `[ ]` neither."""
    credit = game.objective_credit()
    d = game.definition
    out = []
    for owner in (role, "shared"):
        for o in getattr(d.objectives, owner):
            c = credit.get(f"{owner}.{o.id}", 0.0)
            mark = "[x]" if c >= 1.0 else "[~]" if c > 0 else "[ ]"
            out.append((mark, pick(o.label, game.lang), c, o.primary, owner))
    return out


def assessments_text(left: int, per_turn: int) -> str:
    """`2 of 3 assessments left this turn` (see Table.assessments_left)."""
    noun = "assessment" if per_turn == 1 else "assessments"
    return f"{left} of {per_turn} {noun} left this turn"


def turn_label(game: Game, turn: int | None = None) -> str:
    """The calendar label of a turn, e.g. `2026 Q1`, `2027 H2`, `2028` or `Mar 2026`."""
    y, m = game.calendar(turn)
    per = game.definition.period.months_per_turn
    if per == 3:
        return f"{y} Q{(m - 1) // 3 + 1}"
    if per == 6:
        return f"{y} H{(m - 1) // 6 + 1}"
    if per == 12:
        return str(y)
    return f"{MONTHS[m - 1]} {y}"


def describe(game: Game, cause: Any) -> str:
    """A short sentence naming a cause from the ledger."""
    d = game.definition
    if cause.kind == "drift":
        return "trend (drift)"
    if cause.kind == "regen":
        res = d.resources.get(cause.role)
        name = res.label if res and res.label else "resource"
        who = d.roles[cause.role].name if cause.role in d.roles else cause.role
        own = f"{who}'" if who.endswith("s") else f"{who}'s"
        return f"{own} {name} renewed"
    if cause.kind == "broken":
        cm = next((c for c in d.commitments if c.id == cause.event), None)
        what = pick(cm.label, game.lang) if cm else cause.event
        who = d.roles[cause.role].name if cause.role in d.roles else cause.role
        when = f" in turn {cause.label}" if cause.label else ""
        extra = f" — {cause.note}" if cause.note and cause.label else ""
        return f"{who} broke {what}{when}{extra}"
    if cause.kind == "ladder":
        lad = d.ladders.get(cause.event)
        rung = next((r for r in lad.rungs if r.id == cause.option), None) if lad else None
        return f"{lad.label if lad else cause.event}: {rung.label if rung else cause.option}"
    try:
        ev = game.event_def(cause.event)
    except KeyError:
        return cause.event
    title = pick(ev.title, game.lang)
    if cause.kind == "event":
        return title
    opt = next((o for o in ev.options if o.id == cause.option), None)
    label = pick(opt.label, game.lang) if opt else cause.option
    who = d.roles[cause.role].name if cause.role in d.roles else cause.role
    if cause.kind == "delayed":
        extra = f" — {cause.note}" if cause.note else ""
        if not cause.role:  # caused by news, not by anyone's choice
            return f"delayed effect of {title} (turn {cause.label}){extra}"
        return f"delayed effect of {who}'s choice in turn {cause.label}: {title} → {label}{extra}"
    return f"{who} chose {label!r} ({title})"


def period_changes(game: Game, period: int) -> dict[str, tuple[float, list[tuple[str, float]]]]:
    """Per indicator that moved in accounting period `period` (see `Game.changes`): its
    total change and its causes in words, merged by wording, largest first. The causes
    add up to the total."""
    out = {}
    for name, ch in game.changes(period).items():
        merged: dict[str, float] = {}
        for cause, amount in ch.causes:
            label = describe(game, cause)
            merged[label] = merged.get(label, 0.0) + amount
        ranked = sorted(merged.items(), key=lambda kv: -abs(kv[1]))
        out[name] = (ch.total, ranked)
    return out


def turns_json(game: Game) -> list[dict[str, Any]]:
    """Every closed accounting period as plain data: `{"turn", "values", "changes"}`, with
    each change's `total` (this period's value minus the previous one; for turn 1 the
    previous one is the start, `start_values`) and its causes, which add up to it."""
    names = list(game.scenario.indicators)
    out = []
    for period in range(1, game.periods() + 1):
        values = {n: float(v) for n, v in zip(names, game.history[period], strict=True)}
        changes = {
            name: {
                "total": total,
                "causes": [{"cause": label, "amount": amount} for label, amount in causes],
            }
            for name, (total, causes) in period_changes(game, period).items()
        }
        out.append({"turn": period, "values": values, "changes": changes})
    return out


def start_values(game: Game) -> dict[str, float]:
    """Every indicator's value at the first decision point (the start of `turns_json`)."""
    return {n: float(v) for n, v in zip(game.scenario.indicators, game.history[0], strict=True)}


_REASONS = {
    "over": "the game is over",
    "unknown_role": "unknown role {role!r}",
    "answer_count": "{role} must answer {due} decision(s), got {given}",
    "no_option": "{event} has no option {option!r}",
    "option_range": "choose an option from 1 to {options} for {title!r}",
    "unavailable": "{label!r} is not available now",
    "unaffordable": "{label!r} costs {cost:g} {resource}; {have:.1f} left",
    "no_event": "no event {event!r} in this scenario",
    "paused": "the facilitator has paused the game",
    "no_decision": "{role} has no decision in slot {slot} now",
    "undecided": "{role} has not decided yet",
    "no_assessments": "no assessments left this turn ({per_turn} a turn; more intelligence "
    "sharing brings more)",
}


def reason(result: Rejected) -> str:
    """Why an input was rejected, in words for the player."""
    text = _REASONS.get(result.code)
    if text is None:
        return result.code.replace("_", " ")
    try:
        return text.format(**result.details)
    except (KeyError, IndexError, ValueError):
        return result.code.replace("_", " ")


# -- costs that last: the resource, option costs and commitments, in one wording --------
#
# The terminal, the window and the classroom's web page say these the same way. Each text
# helper takes `tr` (the window passes `game.ui.i18n.tr`) so its templates can be translated.


# The templates, by use (the web page fills them in itself as the student picks options).
COST_WORDS = {
    "now": "{name}: {value} of {max}",
    "staged": "{name}: {left} of {max} left after your other answer",
    "costs": "costs {n} {name}",
    "dear": "costs {n} {name}; {left} left",
    "dear_staged": "costs {n} {name}; {left} left after your other answer",
    "chip": "cost {n}",
}


def _en(text: str, **values: Any) -> str:
    return text.format(**values) if values else text


def _amount(x: float) -> str:
    """A resource amount: whole numbers plain (`2`), others to one decimal (`2.5`)."""
    return f"{x:g}" if abs(x - round(x)) < 1e-9 else f"{x:.1f}"


def _lower_first(text: str, game: Game | None = None) -> str:
    """A label inside a sentence: `Domestic support (US)` -> `domestic support (US)`;
    acronyms (`BTA progress`) and names (`India's hedging`) stay as they are."""
    first = re.split(r"[\s'\u2019-]", text, maxsplit=1)[0]
    if (
        " " not in text
        or not first[:1].isupper()
        or first[1:2].isupper()
        or first != text[: len(first)]
    ):
        return text  # (one word may be a name: Congress)
    if text[len(first) : len(first) + 1] in ("'", "\u2019"):
        return text  # India's hedging
    if game is not None:
        d = game.definition
        names = {r.name for r in d.roles.values()} | {a.name for a in d.actors.values()}
        if any(first == re.split(r"[\s'\u2019-]", n, maxsplit=1)[0] for n in names):
            return text
    return text[0].lower() + text[1:]


@dataclass(frozen=True)
class CapitalStatus:
    """A role's resource while it decides: what it holds, what the answers it has already
    staged this turn draw from it, and what it is expected to regain next turn."""

    role: str
    label: str  # "political capital"
    value: float  # held now
    max: float
    staged: float  # drawn by the role's other answers staged this turn
    regen: float | None  # expected gain at the start of next turn, on today's values
    sources: tuple[str, ...]  # what the regain reads, in words ("domestic support")

    @property
    def left(self) -> float:
        """What is left for this decision once the staged answers are paid."""
        return max(self.value - self.staged, 0.0)

    def affords(self, cost: float) -> bool:
        """True if an option of this cost fits what is left."""
        return cost <= self.left + 1e-9


def capital_status(
    game: Game,
    role: str,
    staged: dict[int, int] | None = None,
    slot: int | None = None,
    pending: list[Decision] | None = None,
    base: CapitalStatus | None = None,
) -> CapitalStatus | None:
    """`role`'s resource now (None if the scenario gives it none), counting the costs of
    the answers `staged` for its other decisions this turn (slot -> option index; the one
    for `slot`, the decision being shown, is left out). `pending`: the role's decisions
    due, if the caller has them (`game.pending(role)` otherwise); `base`: the status with
    nothing staged in the game's state now, if the caller has it (only the staged answers
    are counted then)."""
    if base is None:
        base = _capital_now(game, role)
        if base is None:
            return None
    due = {dec.slot: dec for dec in (game.pending(role) if pending is None else pending)}
    spent = 0.0
    for s, k in (staged or {}).items():
        if s != slot and s in due and 0 <= k < len(due[s].options):
            spent += due[s].options[k].cost
    return replace(base, staged=spent)


def _capital_now(game: Game, role: str) -> CapitalStatus | None:
    """`role`'s resource now and what it regains next turn, nothing staged."""
    res = game.resource(role)
    if res is None:
        return None
    regen, sources = None, ()
    sc, d = game.scenario, game.definition
    r = ROLES.index(role)
    for rr, _col, fn in sc.regen:
        if rr != r:
            continue
        gain = float(np.asarray(fn(Env(game.state)), float).reshape(-1)[0])
        regen = max(min(gain, res.max - res.value), -res.value)
        names = [n for n in sorted(fn.names) if n in d.indicators and n != res.indicator]
        sources = tuple(_lower_first(d.indicators[n].label, game) for n in names)
    return CapitalStatus(role, res.label, res.value, res.max, 0.0, regen, sources)


def capital_text(cs: CapitalStatus, tr: Any = _en) -> str:
    """`Political capital: 4.0 of 8`, or with answers staged `Political capital: 2.0 of 8
    left after your other answer`."""
    name = cs.label[:1].upper() + cs.label[1:]
    if cs.staged > 0:
        return tr(
            COST_WORDS["staged"],
            name=name,
            left=f"{cs.left:.1f}",
            max=_amount(cs.max),
        )
    return tr(COST_WORDS["now"], name=name, value=f"{cs.value:.1f}", max=_amount(cs.max))


def regen_text(cs: CapitalStatus, tr: Any = _en) -> str:
    """How the resource refills: `+1.1 next turn from domestic support (India)`, `full`,
    or "" when it does not."""
    if cs.regen is None:
        return ""
    if cs.value >= cs.max - 1e-9 and cs.regen >= 0:
        return tr("full")
    gain = fmt_value(cs.regen, 1, signed=True)
    if cs.sources:
        return tr("{gain} next turn from {sources}", gain=gain, sources=" and ".join(cs.sources))
    return tr("{gain} next turn", gain=gain)


def cost_chip(cost: float, tr: Any = _en) -> str:
    """An option card's cost chip: `cost 2` ("" for a free option)."""
    return tr(COST_WORDS["chip"], n=_amount(cost)) if cost > 0 else ""


def cost_tag(cost: float, cs: CapitalStatus | None, tr: Any = _en) -> str:
    """An option's cost in words after its name (the terminal's `[...]`): `costs 2
    political capital`, or why it cannot be chosen: `costs 4 political capital; 3.0 left`
    (`... left after your other answer` when staged answers drew on it)."""
    if cost <= 0 or cs is None:
        return ""
    if cs.affords(cost):
        return tr(COST_WORDS["costs"], n=_amount(cost), name=cs.label)
    if cs.staged > 0:
        return tr(
            COST_WORDS["dear_staged"],
            n=_amount(cost),
            name=cs.label,
            left=f"{cs.left:.1f}",
        )
    return tr(COST_WORDS["dear"], n=_amount(cost), name=cs.label, left=f"{cs.left:.1f}")


@dataclass(frozen=True)
class CommitmentNote:
    """What choosing an option does to a commitment: `makes` (or renews) or `breaks` it."""

    kind: str  # "makes" | "breaks"
    id: str
    label: str  # "the pledge to buy American ..."
    text: str  # the whole sentence
    penalty: str  # "defence ties −8 over 3 turns, ..."


def penalty_text(game: Game, commitment_id: str, tr: Any = _en) -> str:
    """What breaking a commitment costs, in words: `defence-ties momentum −8 over 3
    turns, BTA progress −6`."""
    d = game.definition
    cm = next((c for c in d.commitments if c.id == commitment_id), None)
    parts = []
    for eff in cm.penalty if cm else ():
        if eff.target is None or eff.target not in d.indicators:
            continue
        ind = d.indicators[eff.target]
        name = _lower_first(tr(ind.short or ind.label), game)
        try:
            x = float(eff.add)
            amount = fmt_value(x, _decimals_of(x, 0), ind.unit, signed=True)
        except (TypeError, ValueError):
            amount = tr("changes") if eff.add is not None else tr("is reset")
        when = tr(" over {n} turns", n=eff.over) if eff.over > 1 else ""
        parts.append(f"{name} {amount}{when}")
    return ", ".join(parts)


def commitment_notes(
    game: Game, role: str, event: str, option: str, tr: Any = _en
) -> list[CommitmentNote]:
    """The commitments of `role` that choosing `option` of `event` would make or break
    now (breaking needs the commitment to stand): for the option's detail everywhere."""
    key = f"{event}.{option}"
    standing = {c.id for c in game.commitments(role) if c.status == "standing"}
    out = []
    for cm in game.definition.commitments:
        if cm.role != role:
            continue
        label = tr(game.text(cm.label))
        penalty = penalty_text(game, cm.id, tr)
        if key in cm.broken_by and cm.id in standing:
            text = tr("Breaks {label}", label=label)
            out.append(
                CommitmentNote(
                    "breaks", cm.id, label, text + (f": {penalty}" if penalty else ""), penalty
                )
            )
        if key in cm.made_by:
            lasts = tr(" for {n} turns", n=cm.lasts) if cm.lasts else ""
            verb = "Renews {label}{lasts}" if cm.id in standing else "Makes {label}{lasts}"
            text = tr(verb, label=label, lasts=lasts)
            if penalty:
                text += tr("; breaking it would cost {penalty}", penalty=penalty)
            out.append(CommitmentNote("makes", cm.id, label, text, penalty))
    return out


def commitment_line(game: Game, cm: Any, tr: Any = _en) -> str:
    """A commitment made so far (a `Game.commitments` view), in words: `the pledge to
    ...: standing since turn 3 (for 3 turns)`, `... broken in turn 5`, `... kept (turn 6)`."""
    if cm.status == "standing":
        spec = next((c for c in game.definition.commitments if c.id == cm.id), None)
        lasts = tr(" (kept from turn {n})", n=cm.turn + spec.lasts) if spec and spec.lasts else ""
        state = tr("standing since turn {n}", n=cm.turn) + lasts
    elif cm.status == "broken":
        state = tr("broken in turn {n}", n=cm.turn)
    else:
        state = tr("kept (turn {n})", n=cm.turn)
    return f"{cm.label}: {state}"
