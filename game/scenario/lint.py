"""Lint passes: warnings about a scenario that loads but probably does not do what its author meant.

They run on the compiled scenario, after every error is fixed: unused indicators,
conditions that never hold over the indicators' ranges, options without effects,
endings that cannot be reached, text too long for its box, hot spots not on the map,
scheduled decisions that higher-priority decisions can crowd out of their only turn.
`validate --strict` turns them into errors. Findings that need play (how often a
decision is crowded out, endings nobody reaches, dominant personas, costs that drift
heals) are in `game.design`: `check` and the balance report show them.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache

import numpy as np

from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.expr import Compiled, as_mask
from game.engine.text import pick
from game.scenario.checks import Finding

SAMPLES = 4096

# Longest text that fits its box in the desktop game at the default text size.
TEXT_LIMITS = {
    "option label": 48,
    "event title": 80,
    "option text": 320,
    "event text": 640,
    "ending title": 60,
}


class _SampleEnv:
    """Random states spanning every indicator's range, for "can this ever hold?" checks."""

    def __init__(self, sc: CompiledScenario, turn: int | None = None) -> None:
        rng = np.random.default_rng(12345)  # lint is deterministic; no game dice involved
        n_ind, n_ev, n_opt = len(sc.indicators), len(sc.events), len(sc.options)
        u = rng.random((SAMPLES, n_ind))
        # include the exact bounds: many conditions test `x >= max` or `x <= min`
        u[: SAMPLES // 8] = np.round(u[: SAMPLES // 8])
        values = sc.lo + u * (sc.hi - sc.lo)
        # and whole numbers: flags and counters are tested with `== 1`
        q = slice(SAMPLES // 8, SAMPLES // 2)
        values[q] = np.round(values[q])
        self.values = np.asfortranarray(values)
        # every turn at once: `turn` is an array, so `turn % 4 == 1` is sampled fairly
        self.turn = turn if turn is not None else rng.integers(1, sc.turns + 1, SAMPLES)
        self.turns = sc.turns
        self.fired = rng.integers(0, 3, (SAMPLES, n_ev)).astype(np.int16)
        self.last_fired = np.where(
            self.fired > 0, rng.integers(1, sc.turns + 1, (SAMPLES, n_ev)), -1000
        ).astype(np.int16)
        self.chosen = rng.random((SAMPLES, n_opt)) < 0.5
        self.commit = rng.integers(0, 4, (SAMPLES, len(sc.commitments))).astype(np.int8)
        self.mean_mode = False
        self._rng = rng

    def draw(self, site: int) -> np.ndarray:
        return self._rng.random(SAMPLES)

    def on_turn(self, turn: int) -> _SampleEnv:
        """The same random states with every sample on one turn (made once a turn)."""
        cache = self.__dict__.setdefault("_turns", {})
        if turn not in cache:
            env = cache[turn] = copy.copy(self)
            env.turn = turn
        return cache[turn]


def _ever(expr: Compiled, envs: Iterable[_SampleEnv]) -> bool:
    return any(bool(as_mask(expr(env), SAMPLES).any()) for env in envs)


def lint_unused_indicators(sc: CompiledScenario) -> Iterator[Finding]:
    """Indicators that nothing reads and nothing changes."""
    d = sc.definition
    read: set[str] = set()
    exprs = [c for _, c in sc.drift] + [e.when for e in sc.events] + [e.chance for e in sc.events]
    exprs += [o.when for o in sc.objectives] + [e.when for e in sc.endings]
    written = {sc.indicators[col] for col, _ in sc.drift}
    for ev in sc.events:
        for eff in [*ev.effects, *(x for o in ev.options for x in o.effects)]:
            if eff.kind != "trigger":
                written.add(sc.indicators[eff.target])
            if eff.amount is not None:
                exprs.append(eff.amount)
            if eff.when is not None:
                exprs.append(eff.when)
        exprs += [o.available for o in ev.options]
    for _, col, fn in sc.regen:
        written.add(sc.indicators[col])
        exprs.append(fn)
    for cm in sc.commitments:
        exprs += [cm.broken_when] if cm.broken_when is not None else []
        for eff in cm.penalty:
            written.add(sc.indicators[eff.target])
            exprs += [x for x in (eff.amount, eff.when) if x is not None]
    for lad in sc.ladders:
        read.add(sc.indicators[lad.indicator])
        for rung in lad.rungs:
            for eff in rung.effects:
                if eff.kind != "trigger":
                    written.add(sc.indicators[eff.target])
    for e in exprs:
        read |= set(e.names)
    for name, ind in d.indicators.items():
        if name not in read and name not in written and not ind.hidden:
            yield Finding(
                ("indicators", name),
                f"indicator {name!r} is never changed and never "
                "read: it will sit still on the dashboard",
                "warning",
                key=True,
            )
        elif name not in read and name not in written:
            yield Finding(
                ("indicators", name),
                f"hidden indicator {name!r} is never used",
                "warning",
                key=True,
            )


def lint_conditions(sc: CompiledScenario) -> Iterator[Finding]:
    """Event conditions and endings that never hold anywhere in the indicators' ranges."""
    envs = [_SampleEnv(sc)]
    for k, ev in enumerate(sc.events):
        if not ev.when.constant and not _ever(ev.when, envs):
            yield Finding(
                ("events", k, "when"),
                f"the condition of {ev.id!r} never holds for "
                "any values in the indicators' ranges: the event can only fire when "
                "triggered",
                "warning",
            )
        elif ev.when.constant and not ev.when.fn(None) and not _triggered(sc, ev.index):
            yield Finding(
                ("events", k, "when"),
                f"{ev.id!r} never fires: its condition is false and no effect triggers it",
                "warning",
            )
    fallback_seen = False
    last = _SampleEnv(sc)
    for k, end in enumerate(sc.endings):
        if fallback_seen and k < len(sc.endings):
            yield Finding(
                ("endings", k),
                f"ending {end.id!r} can never be chosen: an earlier ending always holds",
                "warning",
            )
            continue
        if end.when.constant and end.when.fn(None) and not end.early:
            fallback_seen = True
            continue
        if not end.when.constant and not _ever(end.when, [last]):
            yield Finding(
                ("endings", k, "when"),
                f"ending {end.id!r} can never be reached: its "
                "condition never holds in the indicators' ranges",
                "warning",
            )


def _triggered(sc: CompiledScenario, event: int) -> bool:
    for ev in sc.events:
        for eff in [*ev.effects, *(x for o in ev.options for x in o.effects)]:
            if eff.kind == "trigger" and eff.target == event:
                return True
    return any(
        eff.kind == "trigger" and eff.target == event
        for lad in sc.ladders
        for r in lad.rungs
        for eff in r.effects
    )


def lint_options(sc: CompiledScenario) -> Iterator[Finding]:
    """Options that do nothing, or that can never be chosen."""
    env = [_SampleEnv(sc)]
    for k, ev in enumerate(sc.definition.events):
        for o, opt in enumerate(ev.options):
            if not opt.effects:
                yield Finding(
                    ("events", k, "options", o),
                    f"option {opt.id!r} of {ev.id!r} has no effects",
                    "warning",
                )
            copt = sc.events[k].options[o]
            if not copt.available.constant and not _ever(copt.available, env):
                yield Finding(
                    ("events", k, "options", o, "available"),
                    f"option {opt.id!r} is never available",
                    "warning",
                )


def lint_text_lengths(sc: CompiledScenario) -> Iterator[Finding]:
    """Text too long for its box in the game."""
    d = sc.definition

    def check(path: tuple, text: object, kind: str) -> Iterator[Finding]:
        limit = TEXT_LIMITS[kind]
        s = pick(text) if text else ""  # type: ignore[arg-type]
        if len(s) > limit:
            yield Finding(
                path,
                f"{kind} is {len(s)} characters long; it may not fit its box in "
                f"the game (keep it under {limit})",
                "warning",
            )

    for k, ev in enumerate(d.events):
        yield from check(("events", k, "title"), ev.title, "event title")
        yield from check(("events", k, "text"), ev.text, "event text")
        if ev.again is not None:
            yield from check(("events", k, "again", "title"), ev.again.title, "event title")
            yield from check(("events", k, "again", "text"), ev.again.text, "event text")
        for o, opt in enumerate(ev.options):
            yield from check(("events", k, "options", o, "label"), opt.label, "option label")
            yield from check(("events", k, "options", o, "text"), opt.text, "option text")
    for k, end in enumerate(d.endings):
        yield from check(("endings", k, "title"), end.title, "ending title")


@cache
def map_ids() -> frozenset[str]:
    """Ids of places and zones the map knows (empty if the map asset is missing)."""
    from game.paths import assets_dir

    try:
        data = json.loads((assets_dir() / "map" / "indo_pacific.json").read_text("utf-8"))
    except (OSError, ValueError):
        return frozenset()
    return frozenset(p["id"] for p in data.get("places", []) + data.get("zones", []))


def lint_hotspots(sc: CompiledScenario) -> Iterator[Finding]:
    """Hot spots the map cannot show."""
    known = map_ids()
    if not known:
        return
    from game.scenario.checks import suggest

    for k, ev in enumerate(sc.definition.events):
        for j, spot in enumerate(ev.hotspots):
            if spot not in known:
                yield Finding(
                    ("events", k, "hotspots", j),
                    f"hot spot {spot!r} is not on the map{suggest(spot, known)}",
                    "warning",
                )


def lint_triggers(sc: CompiledScenario) -> Iterator[Finding]:
    """Triggers with `after: 0`: this turn's events have fired already, so they come next turn."""
    d = sc.definition

    def each(effects, path):  # noqa: ANN001, ANN202
        for k, eff in enumerate(effects):
            if eff.trigger is not None and eff.after == 0:
                yield Finding(
                    (*path, k, "trigger"),
                    f"trigger of {eff.trigger!r} has `after: 0`; "
                    "it fires at the start of next turn, so write `after: 1`",
                    "warning",
                )

    for e, ev in enumerate(d.events):
        yield from each(ev.effects, ("events", e, "effects"))
        for o, opt in enumerate(ev.options):
            yield from each(opt.effects, ("events", e, "options", o, "effects"))


# A decision whose condition can hold on at most this many turns is "scheduled": losing
# its slot on those turns loses it for the whole game.
SCHEDULED_TURNS = 2


def _reads_turn(expr: Compiled) -> bool:
    return re.search(r"\bturn\b", expr.source) is not None


def lint_crowded(sc: CompiledScenario) -> Iterator[Finding]:
    """Scheduled decisions that higher-priority decisions of the same role can crowd out."""
    cap = sc.decisions_per_turn
    decisions = [e for e in sc.order if sc.events[e].role >= 0]
    if len(decisions) <= cap:
        return
    base = _SampleEnv(sc)
    cache: dict[tuple[int, int], np.ndarray | None] = {}

    def holds(e: int, t: int) -> np.ndarray | None:
        """The samples in which event e may fire on turn t (None: in none)."""
        if (e, t) not in cache:
            ev = sc.events[e]
            m = None
            if t >= ev.first_turn and not (ev.chance.constant and ev.chance.fn(None) <= 0):
                m = np.asarray(as_mask(ev.when(base.on_turn(t)), SAMPLES))
                m = m if m.any() else None
            cache[(e, t)] = m
        return cache[(e, t)]

    rank = {e: k for k, e in enumerate(sc.order)}
    d = sc.definition
    for e in decisions:
        ev = sc.events[e]
        if ev.when.constant or not _reads_turn(ev.when):
            continue  # it may fire on every turn from `first_turn`: not scheduled
        turns = [t for t in range(1, sc.turns + 1) if holds(e, t) is not None]
        if not turns or len(turns) > SCHEDULED_TURNS:
            continue
        before = [c for c in decisions if rank[c] < rank[e] and sc.events[c].role == ev.role]
        lost: list[tuple[int, list[str]]] = []
        for t in turns:
            mine = holds(e, t)
            held = [(c, m & mine) for c in before if (m := holds(c, t)) is not None]
            held = [(c, m) for c, m in held if m.any()]
            if len(held) < cap or np.sum([m for _, m in held], axis=0).max() < cap:
                break
            lost.append((t, [sc.events[c].id for c, _ in held]))
        if len(lost) < len(turns):
            continue
        role = d.roles[ROLES[ev.role]].name
        names = lost[0][1]
        when = " and ".join(str(t) for t, _ in lost)
        shown = ", ".join(repr(n) for n in names[:4]) + (" ..." if len(names) > 4 else "")
        yield Finding(
            ("events", e, "when"),
            f"decision {ev.id!r} can only come on turn {when}, and {shown} (higher "
            f"`priority`, or earlier in the file) can take all of {role}'s {cap} decision "
            f"slot(s) first: it would then be dropped for good. Give it a higher `priority` "
            f"or a wider `when` (`simulate` says how often it happens)",
            "warning",
        )


def lint_costs(sc: CompiledScenario) -> Iterator[Finding]:
    """Costs no role can ever pay, decisions with no free answer, commitments nothing breaks."""
    d = sc.definition
    for k, ev in enumerate(d.events):
        res = d.resources.get(ev.role)
        if res is None or res.indicator not in d.indicators:
            continue
        top = float(d.indicators[res.indicator].max)
        for o, opt in enumerate(ev.options):
            if opt.cost > top:
                yield Finding(
                    ("events", k, "options", o, "cost"),
                    f"option {opt.id!r} costs {opt.cost:g}, more than {ev.role}'s "
                    f"{res.label or res.indicator} can ever hold ({top:g}): it is never available",
                    "warning",
                )
        if ev.options and all(opt.cost > 0 for opt in ev.options):
            yield Finding(
                ("events", k, "options"),
                f"every option of {ev.id!r} costs {res.label or res.indicator}: a role that "
                "has run out must still answer, and would get the cheapest",
                "warning",
            )
    for c, cm in enumerate(d.commitments):
        if not cm.broken_by and cm.broken_when is None:
            yield Finding(
                ("commitments", c),
                f"commitment {cm.id!r} can never be broken: give it `broken_by` or `broken_when`",
                "warning",
            )
        elif cm.broken_when is not None and cm.broken_when is not True:
            when = sc.commitments[c].broken_when
            if when is not None and not when.constant and not _ever(when, [_SampleEnv(sc)]):
                yield Finding(
                    ("commitments", c, "broken_when"),
                    f"the condition that breaks {cm.id!r} never holds in the indicators' ranges",
                    "warning",
                )
        if not cm.penalty:
            yield Finding(
                ("commitments", c),
                f"breaking {cm.id!r} costs nothing: give it a `penalty`",
                "warning",
            )


def _turns_it_may_fire(sc: CompiledScenario, e: int, base: _SampleEnv) -> list[int]:
    ev = sc.events[e]
    turns = []
    for t in range(max(1, ev.first_turn), sc.turns + 1):
        if np.asarray(as_mask(ev.when(base.on_turn(t)), SAMPLES)).any():
            turns.append(t)
    return turns


def _triggers_of(sc: CompiledScenario, event: int) -> list[int]:
    """Events (or -1 for a ladder's rung) whose effects trigger `event`."""
    out = []
    for src in sc.events:
        effects = [*src.effects, *(x for o in src.options for x in o.effects)]
        if any(eff.kind == "trigger" and eff.target == event for eff in effects):
            out.append(src.index)
    rungs = (r for lad in sc.ladders for r in lad.rungs)
    if any(eff.kind == "trigger" and eff.target == event for r in rungs for eff in r.effects):
        out.append(-1)
    return out


def lint_repeats(sc: CompiledScenario) -> Iterator[Finding]:
    """A decision that can come back with the same text word for word (no `again:`)."""
    d = sc.definition
    base = _SampleEnv(sc)
    for e, ev in enumerate(sc.events):
        if ev.role < 0 or ev.once or d.events[e].again is not None:
            continue
        if ev.when.constant and not ev.when.fn(None):  # fires only when triggered
            sources = _triggers_of(sc, e)
            if not any(k < 0 or not sc.events[k].once for k in sources):
                continue
            where = "each time it is triggered"
        else:
            turns = _turns_it_may_fire(sc, e, base)
            gap = ev.cooldown + 1
            if len(turns) < 2 or turns[-1] - turns[0] < gap:
                continue
            where = f"on turns {turns[0]} to {turns[-1]}"
        yield Finding(
            ("events", e),
            f"decision {ev.id!r} can come back ({where}) with the same text word for word: "
            "give it `again:` (new stakes, new text for its return) or `once: true`",
            "warning",
        )


_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")
_LABEL_LIMIT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|bn|m)?\s+or\s+(?:more|less)\b")


def lint_objective_labels(sc: CompiledScenario) -> Iterator[Finding]:
    """An objective whose label or description names a threshold its condition does not use
    ("Trust at 55 or more" over `trust >= 35`): the player reads the words, the score reads
    the condition."""
    d = sc.definition
    for owner in ("india", "us", "shared"):
        for k, obj in enumerate(getattr(d.objectives, owner)):
            limits = {float(x) for x in _NUMBER.findall(str(obj.when))}
            if not limits:
                continue
            for field in ("label", "description"):
                text = getattr(obj, field, None)
                for m in _LABEL_LIMIT.finditer(pick(text) if text else ""):
                    said = float(m.group(1))
                    if not any(abs(said - x) < 1e-9 for x in limits):
                        shown = " and ".join(f"{x:g}" for x in sorted(limits))
                        yield Finding(
                            ("objectives", owner, k, field),
                            f"the {field} of {obj.id!r} says {m.group(0)!r}, but its "
                            f"condition's numbers are {shown}: make them agree",
                            "warning",
                        )


LINTS: tuple[Callable[[CompiledScenario], Iterable[Finding]], ...] = (
    lint_unused_indicators,
    lint_conditions,
    lint_options,
    lint_text_lengths,
    lint_hotspots,
    lint_triggers,
    lint_crowded,
    lint_costs,
    lint_objective_labels,
    lint_repeats,
)


def run_lints(sc: CompiledScenario) -> list[Finding]:
    """Every warning of every lint."""
    return [f for lint in LINTS for f in lint(sc)]
