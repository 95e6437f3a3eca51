"""Shorter lengths of a scenario (`lengths: {lesson: {turns: 8}}`): the same story in fewer turns.

A shorter length is derived from the full scenario's definitions, so it follows every change
to them, and the result is an ordinary scenario for the engine. Turn t of an L-turn length
plays the full scenario's turn S(t), spread evenly from the first turn to the last:

    S(t) = 1 + round((t - 1) * (N - 1) / (L - 1))        (12 -> 8: 1 3 4 6 7 9 10 12)

The full turns between S(t-1) and S(t) are fast-forwarded: drift and the per-turn effects of
ladder rungs are multiplied by the turns skipped, `G(t) = S(t) - S(t-1)`; delays, durations
and cooldowns are divided by the average step r = (N-1)/(L-1) (rounded, at least 1 turn where
the full scenario has one); each chance compounds over r turns, `1 - (1 - p) ** r`; an event's
`first_turn` becomes the first turn whose step reaches it. In every expression `turn` reads
S(t) and `turns` reads N, so conditions written in the full scenario's calendar keep their
meaning. Commitments' `lasts` and penalties shrink like delays; each resource's `regen` is
multiplied by the length's `regen` (a shorter turn holds more decisions). The length may drop
events, move an event's first turn, cap the decisions per turn, and carries its own
expectations.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable

from game.engine.definitions import Effect, Event, Length, Scenario
from game.engine.expr import REFERENCES
from game.engine.expr_runtime import MAX_SOURCE
from game.scenario.checks import Finding, suggest

FULL = "full"
Path = tuple[str | int, ...]


def story_turns(full: int, short: int) -> tuple[int, ...]:
    """The full scenario's turn played by each turn of a `short`-turn length."""
    if short <= 1 or full <= 1:
        return tuple(range(1, short + 1))
    n, d = full - 1, short - 1
    return tuple(1 + (2 * (t - 1) * n + d) // (2 * d) for t in range(1, short + 1))


class _Time:
    """The text of S(turn), G(turn) and the average step for one length."""

    def __init__(self, full: int, short: int) -> None:
        self.full, self.short = full, short
        self.story = story_turns(full, short)
        n, d = full - 1, max(short - 1, 1)
        self.step = n / d
        self.gap = max(b - a for a, b in zip((0, *self.story), self.story, strict=False))
        if n % d == 0:
            k = n // d
            self.s_text = f"(1 + (turn - 1) * {k})" if k != 1 else "turn"
            self.prev_text = f"(1 + (turn - 2) * {k})" if k != 1 else "(turn - 1)"
            self.g_text: str | None = None if k == 1 else str(k)
        else:
            a, b, c = 2 * n, d, 2 * d
            self.s_text = f"(1 + floor(((turn - 1) * {a} + {b}) / {c}))"
            self.prev_text = f"(1 + floor(((turn - 2) * {a} + {b}) / {c}))"
            prev = f"floor(((turn - 2) * {a} + {b}) / {c})"
            self.g_text = f"(1 if turn <= 1 else floor(((turn - 1) * {a} + {b}) / {c}) - {prev})"

    def turns(self, n: int, *, keep_one: bool = True) -> int:
        """A span of `n` full turns in turns of this length."""
        if n <= 0:
            return n
        return max(1 if keep_one else 0, round(n / self.step))

    def first_turn(self, f: int) -> int:
        """The first turn whose step reaches the full scenario's turn `f`."""
        return next((t for t, s in enumerate(self.story, 1) if s >= f), self.short + 1)


def _retime(source: object, time: _Time, story_text: str | None = None) -> object:
    """An expression with `turn` read as S(turn) and `turns` as N (unchanged if neither)."""
    if not isinstance(source, str) or "turn" not in source:
        return source
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError:
        return source  # the full scenario's checks report it
    story = ast.parse(story_text or time.s_text, mode="eval").body
    changed = False

    class Swap(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.AST:  # noqa: N802 - ast's naming
            nonlocal changed
            if node.id == "turn":
                changed = True
                return story
            if node.id == "turns":
                changed = True
                return ast.Constant(time.full)
            return node

    new = Swap().visit(tree)
    return ast.unparse(new) if changed else source


def _window(source: object, time: _Time) -> object:
    """An event's condition that holds if it held at any full turn the step fast-forwards
    (S(t-1), S(t)]: the seasons and deadlines of the full calendar are kept."""
    plain = _retime(source, time)
    if plain is source or time.gap <= 1:
        return plain
    parts = [str(plain)]
    for j in range(1, time.gap):
        at = f"max({time.s_text} - {j}, {time.prev_text} + 1, 1)"
        parts.append(str(_retime(source, time, at)))
    text = " or ".join(f"({p})" for p in parts)
    return text if len(text) <= MAX_SOURCE else plain  # lint_lengths warns about what it misses


def _scaled(source: object, factor: str | None) -> object:
    """`(source) * factor`, folding plain numbers."""
    if factor is None:
        return source
    if isinstance(source, int | float) and not isinstance(source, bool):
        if source == 0:
            return source
        return f"{source} * {factor}"
    return f"({source}) * {factor}"


def _reads_state(node: ast.AST) -> bool:
    """True if `node` reads the game's state: every name other than true/false is an
    indicator, a ladder, `turn` or `turns`, and the `REFERENCES` calls read the record;
    every other call is arithmetic or a random draw."""
    calls = {id(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)}
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and id(n) not in calls and n.id not in ("true", "false"):
            return True
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in REFERENCES:
            return True
    return False


def _weighted(source: object, factor: str | None) -> object:
    """An option's amount multiplied by a length's weight where it is made of numbers and
    random draws only: an amount computed from the game's state (`-oil_penalty`, "halve
    it") already says how much, relative to the state, and is kept. A choice made on the
    state between such amounts (`4 if trade_bn >= 300 else -3`) scales each amount."""
    if factor is None or not isinstance(source, str):
        return _scaled(source, factor)
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError:
        return _scaled(source, factor)  # the full scenario's checks report it
    k = ast.parse(factor, mode="eval").body

    def scale(node: ast.expr) -> ast.expr:
        if not _reads_state(node):
            return ast.BinOp(node, ast.Mult(), k)
        if isinstance(node, ast.IfExp):
            return ast.IfExp(node.test, scale(node.body), scale(node.orelse))
        return node

    new = scale(tree.body)
    if new is tree.body:
        return source
    return ast.unparse(ast.fix_missing_locations(new))


def _compound(source: object, step: float) -> object:
    """A per-turn chance compounded over `step` turns: 1 - (1 - p) ** step."""
    if step == 1:
        return source
    if isinstance(source, int | float) and not isinstance(source, bool):
        p = min(max(float(source), 0.0), 1.0)
        return source if p in (0.0, 1.0) else round(1 - (1 - p) ** step, 4)
    return f"1 - (1 - clamp({source}, 0, 1)) ** {step:.4g}"


def _effect(
    eff: Effect, time: _Time, dropped: set[str], scale: str | None = None, weight: str | None = None
) -> Effect | None:
    if eff.trigger is not None and eff.trigger in dropped:
        return None
    update: dict[str, object] = {}
    if eff.after:
        update["after"] = time.turns(eff.after)
    if eff.over > 1:
        update["over"] = time.turns(eff.over)
    if eff.when is not None:
        update["when"] = _retime(eff.when, time)
    if eff.add is not None:
        update["add"] = _weighted(_scaled(_retime(eff.add, time), scale), weight)
    if eff.set is not None:
        update["set"] = _retime(eff.set, time)
    return eff.model_copy(update=update)


def _effects(
    effects: Iterable[Effect],
    time: _Time,
    dropped: set[str],
    scale: str | None = None,
    weight: str | None = None,
) -> list[Effect]:
    out = (_effect(e, time, dropped, scale, weight) for e in effects)
    return [e for e in out if e is not None]


def _factor(value: float | dict[str, float], role: str | None) -> str | None:
    """A length's factor (`weight`, `regen`) for `role` as expression text; None for 1. The
    factor is one number, or one per role (a role left out keeps 1)."""
    k = value.get(role, 1) if isinstance(value, dict) else value
    return None if k == 1 else f"{float(k):g}"


def _event(ev: Event, time: _Time, block: Length, dropped: set[str]) -> Event:
    weight = _factor(block.weight, ev.role)
    options = [
        opt.model_copy(
            update={
                "available": _retime(opt.available, time),
                "effects": _effects(opt.effects, time, dropped, weight=weight),
            }
        )
        for opt in ev.options
    ]
    first = block.move.get(ev.id, time.first_turn(ev.first_turn))
    return ev.model_copy(
        update={
            "when": False if ev.id in dropped else _window(ev.when, time),
            "chance": _compound(_retime(ev.chance, time), time.step),
            "cooldown": time.turns(ev.cooldown),
            "first_turn": first,
            "effects": _effects(ev.effects, time, dropped),
            "options": options,
        }
    )


def derive(scn: Scenario, length: str) -> Scenario:
    """The scenario told at `length` (`full` gives it back); KeyError if it has no such length."""
    if length == FULL:
        return scn
    block = scn.lengths[length]
    full = scn.period.turns
    time = _Time(full, block.turns)
    dropped = set(block.drop)
    indicators = {
        name: ind.model_copy(
            update={
                "start": _retime(ind.start, time),
                "drift": None
                if ind.drift is None
                else _scaled(_retime(ind.drift, time), time.g_text),
            }
        )
        for name, ind in scn.indicators.items()
    }
    ladders = {
        name: lad.model_copy(
            update={
                "rungs": [
                    r.model_copy(
                        update={"effects": _effects(r.effects, time, dropped, time.g_text)}
                    )
                    for r in lad.rungs
                ]
            }
        )
        for name, lad in scn.ladders.items()
    }
    objectives = scn.objectives.model_copy(
        update={
            owner: [
                o.model_copy(update={"when": _retime(o.when, time)})
                for o in getattr(scn.objectives, owner)
            ]
            for owner in ("india", "us", "shared")
        }
    )
    resources = {}
    for role, res in scn.resources.items():
        regen = _factor(block.regen, role)
        if res.regen is not None:
            res = res.model_copy(update={"regen": _scaled(_retime(res.regen, time), regen)})
        resources[role] = res
    commitments = [
        cm.model_copy(
            update={
                "lasts": time.turns(cm.lasts),
                "broken_when": _retime(cm.broken_when, time),
                "penalty": _effects(cm.penalty, time, dropped),
            }
        )
        for cm in scn.commitments
    ]
    summary = scn.summary
    if block.summary:  # players see what the shorter telling keeps
        extra = block.summary if isinstance(block.summary, str) else block.summary.get("en", "")
        if isinstance(summary, str):
            summary = f"{summary} {extra}"
        else:
            summary = {**summary, "en": f"{summary.get('en', '')} {extra}"}
    settings = scn.settings
    if block.decisions_per_turn is not None:
        settings = settings.model_copy(update={"decisions_per_turn": block.decisions_per_turn})
    out = scn.model_copy(
        update={
            "summary": summary,
            "period": scn.period.model_copy(update={"turns": block.turns}),
            "settings": settings,
            "intelligence": scn.intelligence.model_copy(
                update={"quality": _retime(scn.intelligence.quality, time)}
            ),
            "indicators": indicators,
            "resources": resources,
            "commitments": commitments,
            "ladders": ladders,
            "events": [_event(ev, time, block, dropped) for ev in scn.events],
            "objectives": objectives,
            "endings": [e.model_copy(update={"when": _retime(e.when, time)}) for e in scn.endings],
            "expectations": list(block.expectations),
        }
    )
    out._length = length
    out._story = time.story
    return out


# -- checks (errors) and lints (warnings) ---------------------------------------------------


def check_lengths(scn: Scenario) -> list[Finding]:
    """Errors in the `lengths` section: reserved names, turns, unknown or misplaced events."""
    found: list[Finding] = []
    ids = [ev.id for ev in scn.events]
    known = set(ids)
    full = scn.period.turns
    for name, block in scn.lengths.items():
        at: Path = ("lengths", name)
        if name == FULL:
            found.append(
                Finding(at, "'full' is the scenario as written; name a shorter length", key=True)
            )
            continue
        if block.turns >= full:
            found.append(
                Finding(
                    (*at, "turns"),
                    f"a shorter length needs fewer turns than the full scenario's {full}",
                )
            )
        for k, ev in enumerate(block.drop):
            if ev not in known:
                msg = f"unknown event {ev!r}{suggest(ev, ids)}"
                found.append(Finding((*at, "drop", k), msg))
        for ev, turn in block.move.items():
            if ev not in known:
                msg = f"unknown event {ev!r}{suggest(ev, ids)}"
                found.append(Finding((*at, "move", ev), msg, key=True))
            elif ev in block.drop:
                found.append(Finding((*at, "move", ev), f"{ev!r} is dropped; it cannot move"))
            if not 1 <= turn <= block.turns:
                found.append(
                    Finding(
                        (*at, "move", ev),
                        f"turn {turn} is outside this length's turns 1-{block.turns}",
                    )
                )
    return found


def lint_lengths(scn: Scenario, compile_: Callable[[Scenario], list[Finding]]) -> list[Finding]:
    """Warnings for story a shorter length loses, and errors of its derived expressions.

    `compile_` compiles a derived scenario and returns its expression errors.
    """
    import numpy as np

    from game.engine.compiler import build_scope
    from game.engine.expr import SimpleEnv, compile_expr

    found: list[Finding] = []
    triggered = {
        eff.trigger
        for ev in scn.events
        for effs in (ev.effects, *(o.effects for o in ev.options))
        for eff in effs
        if eff.trigger
    }
    scope = build_scope(scn)
    one = np.zeros((1, len(scn.indicators)))
    for name, block in scn.lengths.items():
        if name == FULL or block.turns >= scn.period.turns:
            continue
        at: Path = ("lengths", name)
        for k, ev_id in enumerate(block.drop):
            ev = next((e for e in scn.events if e.id == ev_id), None)
            if ev is None:
                continue
            what = []
            if ev.role != "none":
                what.append(f"a decision of {ev.role}")
            if ev.first_turn > 1:
                what.append(f"scheduled from turn {ev.first_turn}")
            if ev.id in triggered:
                what.append("triggered by other choices")
            if what:
                found.append(
                    Finding(
                        (*at, "drop", k),
                        f"the {name} length drops {ev_id!r} ({', '.join(what)}): "
                        "that part of the story never happens in it",
                        severity="warning",
                    )
                )
        time = _Time(scn.period.turns, block.turns)
        variant = derive(scn, name)
        steps = list(zip((0, *time.story), time.story, strict=False))
        for e, (ev, short) in enumerate(zip(scn.events, variant.events, strict=True)):
            if ev.id in block.drop or not isinstance(ev.when, str) or "turn" not in ev.when:
                continue
            try:
                cond = compile_expr(ev.when, scope)
                cond2 = compile_expr(short.when, scope)  # type: ignore[arg-type]
            except Exception:  # noqa: BLE001 - reported as an error of the length below
                continue
            if cond.names or cond.refs:
                continue  # depends on the game too: not a schedule

            def holds(c: object, t: int, n: int) -> bool:
                env = SimpleEnv(one, turn=t, turns=n)
                return bool(np.asarray(c.fn(env)).all())  # type: ignore[attr-defined]

            lost = [
                s
                for t, (a, b) in enumerate(steps, 1)
                if not (t >= short.first_turn and holds(cond2, t, block.turns))
                for s in range(max(a + 1, ev.first_turn), b + 1)
                if holds(cond, s, scn.period.turns)
            ]
            if lost:
                found.append(
                    Finding(
                        ("events", e, "when"),
                        f"the {name} length (which plays the full turns "
                        f"{', '.join(map(str, time.story))}) misses this event's turn(s) "
                        f"{', '.join(map(str, lost))}",
                        severity="warning",
                    )
                )
        for f in compile_(variant):
            found.append(
                Finding(at, f"in the {name} length: {f.message}", severity=f.severity, key=True)
            )
    return found


__all__ = ["FULL", "check_lengths", "derive", "lint_lengths", "story_turns"]
