"""Turns validated scenario definitions into the compiled model the batch engine runs.

Every expression is compiled once to a vectorised closure with its own block of
draw sites; names become column indices. Expression errors are reported through a
callback with the path of the offending field, so the loader can print them all.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from game.engine.definitions import ROLES, Effect, Objective, Scenario, Settings, Text
from game.engine.expr import Compiled, ExprError, Scope, compile_expr
from game.engine.expr_bounds import rest_of

Path = tuple[str | int, ...]
ErrorSink = Callable[[Path, ExprError], None]

SITES_PER_EXPR = 16
ROLE_INDEX = {role: i for i, role in enumerate(ROLES)}


@dataclass(frozen=True)
class CEffect:
    """An effect ready to run: kind is 'add', 'set' or 'trigger'."""

    kind: str
    target: int
    amount: Compiled | None
    after: int
    over: int
    when: Compiled | None
    note: str


@dataclass(frozen=True)
class COption:
    """An option of a decision event; `index` is global across the scenario."""

    index: int
    id: str
    available: Compiled
    effects: tuple[CEffect, ...]
    cost: float = 0.0


@dataclass(frozen=True)
class CEvent:
    """An event ready to run; `role` is 0 (india), 1 (us) or -1 (news)."""

    index: int
    id: str
    role: int
    when: Compiled
    chance: Compiled
    chance_site: int
    once: bool
    cooldown: int
    priority: int
    first_turn: int
    effects: tuple[CEffect, ...]
    options: tuple[COption, ...]


@dataclass(frozen=True)
class CRung:
    """A rung with the effects applied each turn the ladder stands on it."""

    id: str
    at: float
    effects: tuple[CEffect, ...]


@dataclass(frozen=True)
class CLadder:
    """An escalation ladder read from one indicator column."""

    id: str
    indicator: int
    thresholds: tuple[float, ...]
    rungs: tuple[CRung, ...]


@dataclass(frozen=True)
class CObjective:
    """An objective of one role (or shared), checked at the end."""

    id: str
    owner: str
    when: Compiled
    weight: float
    primary: bool
    # graded credit near the thresholds (`when.bounds`): the band per bound, the credit
    # just short of them, and the condition's other clauses, which must hold (None: no
    # graded credit)
    bands: tuple[float, ...] = ()
    partial: float = 0.0
    rest: Compiled | None = None


@dataclass(frozen=True)
class CEnding:
    """An ending, chosen by the first condition that holds."""

    id: str
    when: Compiled
    early: bool
    worth: tuple[float, ...] = ()  # per role (ROLES order), NaN where not authored


@dataclass(frozen=True)
class CCommitment:
    """A commitment: `role` index, the global option indices that make and break it."""

    index: int
    id: str
    role: int
    made_by: tuple[int, ...]
    broken_by: tuple[int, ...]
    broken_when: Compiled | None
    lasts: int
    penalty: tuple[CEffect, ...]


@dataclass(frozen=True)
class CompiledScenario:
    """Everything the engine needs to run a scenario, as arrays and closures."""

    definition: Scenario
    indicators: tuple[str, ...]
    lo: np.ndarray
    hi: np.ndarray
    start: tuple[Compiled, ...]
    drift: tuple[tuple[int, Compiled], ...]
    events: tuple[CEvent, ...]
    order: tuple[int, ...]
    options: tuple[tuple[int, int], ...]
    ladders: tuple[CLadder, ...]
    objectives: tuple[CObjective, ...]
    endings: tuple[CEnding, ...]
    turns: int
    decisions_per_turn: int
    max_options: int
    scope: Scope
    intel_quality: Compiled
    direction: np.ndarray = field(repr=False)
    assessments: Compiled | None = None  # `intelligence.assessments` (None: from quality)
    # per role, the column of its resource (-1: none); each option's cost, by global index
    resource_cols: tuple[int, ...] = (-1, -1)
    costs: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)
    regen: tuple[tuple[int, int, Compiled], ...] = ()  # (role, column, amount per turn)
    commitments: tuple[CCommitment, ...] = ()

    @property
    def id(self) -> str:
        """The scenario id."""
        return self.definition.id

    def event_index(self, event_id: str) -> int:
        """Index of an event by id (KeyError if unknown)."""
        return self.scope.events[event_id]

    def objectives_of(self, role: str) -> tuple[CObjective, ...]:
        """The role's own objectives followed by the shared ones."""
        return tuple(o for o in self.objectives if o.owner in (role, "shared"))


def direction_of(good: object, role: str) -> float:
    """+1 if up is good for the role, -1 if down, 0 if it does not care."""
    value = good.get(role, "none") if isinstance(good, dict) else good
    return {"up": 1.0, "down": -1.0}.get(str(value), 0.0)


def text_en(text: Text) -> str:
    """The English form of a text field."""
    return text if isinstance(text, str) else text.get("en", "")


class _Compiler:
    """Compiles expressions with disjoint draw sites and reports errors by path."""

    def __init__(self, scope: Scope, on_error: ErrorSink | None) -> None:
        self.scope = scope
        self.on_error = on_error
        self.next_site = 1
        self.failed = False

    def expr(self, source: object, path: Path, site: int | None = None) -> Compiled:
        if site is None:
            site = self.next_site
            self.next_site += SITES_PER_EXPR
        try:
            return compile_expr(source, self.scope, site=site)  # type: ignore[arg-type]
        except ExprError as err:
            self.failed = True
            if self.on_error is not None:
                self.on_error(path, err)
            return compile_expr(0, self.scope, site=site)

    def site(self) -> int:
        site = self.next_site
        self.next_site += 1
        return site

    def block(self, n: int) -> list[int]:
        """`n` draw-site blocks to share, e.g. between the options of one event."""
        sites = [self.next_site + k * 2 * SITES_PER_EXPR for k in range(n)]
        self.next_site += n * 2 * SITES_PER_EXPR
        return sites

    def effects(
        self, effects: list[Effect], path: Path, sites: list[int] | None = None
    ) -> tuple[CEffect, ...]:
        """Compile effects; with `sites`, effect i draws from sites[i] (its when, then amount)."""
        out = []
        for i, eff in enumerate(effects):
            p = (*path, i)
            base = sites[i] if sites is not None and i < len(sites) else None
            when_site = base + SITES_PER_EXPR if base is not None else None
            when = self.expr(eff.when, (*p, "when"), when_site) if eff.when is not None else None
            if eff.trigger is not None:
                target = self.scope.events.get(eff.trigger, -1)
                out.append(CEffect("trigger", target, None, max(eff.after, 1), 1, when, eff.note))
                continue
            kind, source = ("set", eff.set) if eff.set is not None else ("add", eff.add)
            amount = self.expr(source if source is not None else 0, (*p, kind), base)
            target = self.scope.indicators.get(eff.target or "", -1)
            out.append(CEffect(kind, target, amount, eff.after, eff.over, when, eff.note))
        return tuple(out)


BAND_SHARE = 0.05  # an objective's default band: this share of the indicator's range


def _graded(
    c: _Compiler, settings: Settings, obj: Objective, co: CObjective, lo: np.ndarray, hi: np.ndarray
) -> CObjective:
    """`co` with its graded credit near the thresholds (see CObjective)."""
    rest_src = rest_of(obj.when, c.scope.indicators)
    partial = obj.partial if obj.partial is not None else settings.partial_credit
    if not co.when.bounds or rest_src is None or partial <= 0:
        return co
    bands = []
    for name, _op, _value in co.when.bounds:
        col = c.scope.indicators[name]
        band = obj.band.get(name) if isinstance(obj.band, dict) else obj.band
        if band is None:
            band = BAND_SHARE * float(hi[col] - lo[col])
        bands.append(max(float(band), 0.0))
    if rest_src:
        site = c.next_site
        c.next_site += SITES_PER_EXPR
        try:
            rest = compile_expr(rest_src, c.scope, site=site)
        except ExprError:
            return co
    else:
        rest = compile_expr(True, c.scope)
    return replace(co, bands=tuple(bands), partial=float(partial), rest=rest)


def build_scope(scn: Scenario) -> Scope:
    """The names expressions of this scenario may use."""
    indicators = {name: i for i, name in enumerate(scn.indicators)}
    ladders = {}
    for name, ladder in scn.ladders.items():
        col = indicators.get(ladder.indicator, 0)
        ladders[name] = (col, tuple(float(r.at) for r in ladder.rungs))
    events: dict[str, int] = {}
    options: dict[str, int] = {}
    for ev in scn.events:
        events.setdefault(ev.id, len(events))
        for opt in ev.options:
            options.setdefault(f"{ev.id}.{opt.id}", len(options))
    commitments: dict[str, int] = {}
    for cm in scn.commitments:
        commitments.setdefault(cm.id, len(commitments))
    return Scope(indicators, ladders, events, options, commitments)


def compile_scenario(scn: Scenario, on_error: ErrorSink | None = None) -> CompiledScenario:
    """Compile definitions; expression errors go to on_error (ExprError raised if none)."""
    first_error: list[tuple[Path, ExprError]] = []

    def sink(path: Path, err: ExprError) -> None:
        if on_error is not None:
            on_error(path, err)
        elif not first_error:
            first_error.append((path, err))

    scope = build_scope(scn)
    c = _Compiler(scope, sink)
    names = tuple(scn.indicators)
    lo = np.array([float(i.min) for i in scn.indicators.values()])
    hi = np.array([float(i.max) for i in scn.indicators.values()])
    start = tuple(
        c.expr(ind.start, ("indicators", n, "start")) for n, ind in scn.indicators.items()
    )
    drift = tuple(
        (k, c.expr(ind.drift, ("indicators", n, "drift")))
        for k, (n, ind) in enumerate(scn.indicators.items())
        if ind.drift is not None
    )
    direction = np.array(
        [[direction_of(ind.good, role) for ind in scn.indicators.values()] for role in ROLES]
    )

    events = []
    options: list[tuple[int, int]] = []
    for e, ev in enumerate(scn.events):
        p: Path = ("events", e)
        copts = []
        # Effect i of every option of an event draws from the same sites: common random
        # numbers, so options differ by what they do, not by luck.
        shared = c.block(max((len(o.effects) for o in ev.options), default=0))
        for o, opt in enumerate(ev.options):
            q = (*p, "options", o)
            copts.append(
                COption(
                    index=len(options),
                    id=opt.id,
                    available=c.expr(opt.available, (*q, "available")),
                    effects=c.effects(opt.effects, (*q, "effects"), shared),
                    cost=float(opt.cost),
                )
            )
            options.append((e, o))
        events.append(
            CEvent(
                index=e,
                id=ev.id,
                role=ROLE_INDEX.get(ev.role, -1),
                when=c.expr(ev.when, (*p, "when")),
                chance=c.expr(ev.chance, (*p, "chance")),
                chance_site=c.site(),
                once=ev.once,
                cooldown=ev.cooldown,
                priority=ev.priority,
                first_turn=ev.first_turn,
                effects=c.effects(ev.effects, (*p, "effects")),
                options=tuple(copts),
            )
        )
    order = tuple(sorted(range(len(events)), key=lambda i: -events[i].priority))

    ladders = []
    for name, lad in scn.ladders.items():
        rungs = tuple(
            CRung(r.id, float(r.at), c.effects(r.effects, ("ladders", name, "rungs", k, "effects")))
            for k, r in enumerate(lad.rungs)
        )
        ladders.append(
            CLadder(name, scope.indicators.get(lad.indicator, 0), tuple(r.at for r in rungs), rungs)
        )

    objectives = []
    for owner in ("india", "us", "shared"):
        for k, obj in enumerate(getattr(scn.objectives, owner)):
            when = c.expr(obj.when, ("objectives", owner, k, "when"))
            objectives.append(CObjective(obj.id, owner, when, float(obj.weight), obj.primary))

    endings = tuple(
        CEnding(
            end.id,
            c.expr(end.when, ("endings", k, "when")),
            end.early,
            tuple(float(end.score.get(r, math.nan)) for r in ROLES),
        )
        for k, end in enumerate(scn.endings)
    )
    intel_quality = c.expr(scn.intelligence.quality, ("intelligence", "quality"))
    assessments = None
    if scn.intelligence.assessments is not None:
        assessments = c.expr(scn.intelligence.assessments, ("intelligence", "assessments"))
    # graded credit last: its draw sites come after every other expression's
    defs = [o for owner in ("india", "us", "shared") for o in getattr(scn.objectives, owner)]
    objectives = [
        _graded(c, scn.settings, d, o, lo, hi) for d, o in zip(defs, objectives, strict=True)
    ]
    # resources and commitments are compiled last: their draw sites come after every
    # other expression's, so scenarios without them play exactly as before
    resource_cols = tuple(
        scope.indicators.get(scn.resources[role].indicator, -1) if role in scn.resources else -1
        for role in ROLES
    )
    regen = tuple(
        (
            ROLE_INDEX[role],
            resource_cols[ROLE_INDEX[role]],
            c.expr(res.regen, ("resources", role, "regen")),
        )
        for role, res in scn.resources.items()
        if role in ROLE_INDEX and res.regen is not None and resource_cols[ROLE_INDEX[role]] >= 0
    )
    costs = np.zeros(len(options))
    for e, ev in enumerate(scn.events):
        for o, opt in enumerate(ev.options):
            costs[events[e].options[o].index] = float(opt.cost)
    commitments = tuple(
        CCommitment(
            index=k,
            id=cm.id,
            role=ROLE_INDEX[cm.role],
            made_by=tuple(scope.options[x] for x in cm.made_by if x in scope.options),
            broken_by=tuple(scope.options[x] for x in cm.broken_by if x in scope.options),
            broken_when=(
                c.expr(cm.broken_when, ("commitments", k, "broken_when"))
                if cm.broken_when is not None
                else None
            ),
            lasts=cm.lasts,
            penalty=c.effects(cm.penalty, ("commitments", k, "penalty")),
        )
        for k, cm in enumerate(scn.commitments)
    )
    if first_error:
        path, err = first_error[0]
        raise ExprError(f"{'.'.join(map(str, path))}: {err.message}", err.col)

    return CompiledScenario(
        definition=scn,
        indicators=names,
        lo=lo,
        hi=hi,
        start=start,
        drift=drift,
        events=tuple(events),
        order=order,
        options=tuple(options),
        ladders=tuple(ladders),
        objectives=tuple(objectives),
        endings=endings,
        turns=scn.period.turns,
        decisions_per_turn=scn.settings.decisions_per_turn,
        max_options=max((len(ev.options) for ev in scn.events), default=1) or 1,
        scope=scope,
        intel_quality=intel_quality,
        direction=direction,
        assessments=assessments,
        resource_cols=resource_cols,
        costs=costs,
        regen=regen,
        commitments=commitments,
    )
