"""Validation passes over typed scenario definitions: references, ranges, structure.

Each `check_*` function looks at one concern and yields Findings; the loader runs
them all and reports everything at once. A Finding names a data path; the loader
turns it into `file:line:col`.
"""

from __future__ import annotations

import difflib
import keyword
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from game.engine.definitions import RESERVED_PERSONAS, ROLES, Effect, Scenario, Text
from game.engine.text import placeholders, valid_spec

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """A problem at a data path; `key` points at the key rather than its value."""

    path: Path
    message: str
    severity: str = "error"
    key: bool = False
    offset: int | None = None


def suggest(name: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for a near miss, else ``."""
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _unknown(kind: str, name: str, known: Iterable[str]) -> str:
    return f"unknown {kind} {name!r}{suggest(name, known)}"


def _effects(scn: Scenario) -> Iterator[tuple[Path, Effect]]:
    for e, ev in enumerate(scn.events):
        for k, eff in enumerate(ev.effects):
            yield ("events", e, "effects", k), eff
        for o, opt in enumerate(ev.options):
            for k, eff in enumerate(opt.effects):
                yield ("events", e, "options", o, "effects", k), eff
    for name, lad in scn.ladders.items():
        for r, rung in enumerate(lad.rungs):
            for k, eff in enumerate(rung.effects):
                yield ("ladders", name, "rungs", r, "effects", k), eff
    for c, cm in enumerate(scn.commitments):
        for k, eff in enumerate(cm.penalty):
            yield ("commitments", c, "penalty", k), eff


def _texts(scn: Scenario) -> Iterator[tuple[Path, Text]]:
    yield ("title",), scn.title
    yield ("summary",), scn.summary
    for name, role in scn.roles.items():
        yield ("roles", name, "briefing"), role.briefing
    for name, ind in scn.indicators.items():
        yield ("indicators", name, "description"), ind.description
    for name, actor in scn.actors.items():
        yield ("actors", name, "description"), actor.description
    for e, ev in enumerate(scn.events):
        yield ("events", e, "title"), ev.title
        yield ("events", e, "text"), ev.text
        if ev.again is not None:
            yield ("events", e, "again", "title"), ev.again.title
            yield ("events", e, "again", "text"), ev.again.text
        for o, opt in enumerate(ev.options):
            yield ("events", e, "options", o, "label"), opt.label
            yield ("events", e, "options", o, "text"), opt.text
    for k, end in enumerate(scn.endings):
        yield ("endings", k, "title"), end.title
        yield ("endings", k, "epilogue"), end.epilogue
    for owner in ("india", "us", "shared"):
        for k, obj in enumerate(getattr(scn.objectives, owner)):
            yield ("objectives", owner, k, "label"), obj.label
            yield ("objectives", owner, k, "description"), obj.description
    for k, q in enumerate(scn.questions):
        yield ("questions", k), q
    for name, lad in scn.ladders.items():
        for r, rung in enumerate(lad.rungs):
            yield ("ladders", name, "rungs", r, "text"), rung.text
    for c, cm in enumerate(scn.commitments):
        yield ("commitments", c, "label"), cm.label


def _duplicates(ids: list[str], path_of: Callable[[int], Path], kind: str) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for i, ident in enumerate(ids):
        if ident in seen:
            yield Finding(
                path_of(i), f"duplicate {kind} id {ident!r} (first is number {seen[ident] + 1})"
            )
        else:
            seen[ident] = i


def check_roles(scn: Scenario) -> Iterator[Finding]:
    """Both roles are defined, and nothing else is."""
    for name in scn.roles:
        if name not in ROLES:
            yield Finding(
                ("roles", name),
                _unknown("role", name, ROLES) + "; roles are india and us",
                key=True,
            )
    for role in ROLES:
        if role not in scn.roles:
            yield Finding(("roles",), f"missing role {role!r}")


def check_ids(scn: Scenario) -> Iterator[Finding]:
    """Ids are unique where they name things."""
    yield from _duplicates([e.id for e in scn.events], lambda i: ("events", i, "id"), "event")
    for e, ev in enumerate(scn.events):
        yield from _duplicates(
            [o.id for o in ev.options], lambda i, e=e: ("events", e, "options", i, "id"), "option"
        )
    yield from _duplicates([x.id for x in scn.endings], lambda i: ("endings", i, "id"), "ending")
    objs = [
        (owner, k, o.id)
        for owner in ("india", "us", "shared")
        for k, o in enumerate(getattr(scn.objectives, owner))
    ]
    seen: dict[str, str] = {}
    for owner, k, ident in objs:
        if ident in seen:
            yield Finding(
                ("objectives", owner, k, "id"),
                f"duplicate objective id {ident!r} (also in {seen[ident]})",
            )
        seen.setdefault(ident, owner)
    for name, lad in scn.ladders.items():
        yield from _duplicates(
            [r.id for r in lad.rungs], lambda i, n=name: ("ladders", n, "rungs", i, "id"), "rung"
        )
    for name in scn.ladders:
        if name in RESERVED_NAMES:
            yield Finding(("ladders", name), _reserved(name), key=True)
    clash = set(scn.indicators) & set(scn.ladders)
    for name in sorted(clash):
        yield Finding(
            ("ladders", name), f"ladder {name!r} has the same name as an indicator", key=True
        )


# Names expressions give a meaning of their own, and Python keywords, which an expression
# cannot use as a name (docs/scenario-format.md lists them).
EXPRESSION_NAMES = ("turn", "turns", "true", "false")
KEYWORDS = tuple(k for k in keyword.kwlist if k.islower())
RESERVED_NAMES = frozenset(EXPRESSION_NAMES + KEYWORDS)


def _reserved(name: str) -> str:
    if name in KEYWORDS:
        return f"{name!r} is a reserved word (expressions could not use it as a name)"
    return f"{name!r} is a reserved name"


def check_indicators(scn: Scenario) -> Iterator[Finding]:
    """Ranges are sensible and start values lie inside them; `good` names real roles."""
    for name, ind in scn.indicators.items():
        p: Path = ("indicators", name)
        if ind.min >= ind.max:
            yield Finding((*p, "max"), f"max ({ind.max}) must be greater than min ({ind.min})")
        if isinstance(ind.start, int | float) and not ind.min <= ind.start <= ind.max:
            yield Finding((*p, "start"), f"start {ind.start} is outside [{ind.min}, {ind.max}]")
        if isinstance(ind.good, dict):
            for role in ind.good:
                if role not in ROLES:
                    yield Finding((*p, "good", role), _unknown("role", role, ROLES), key=True)
        if name in RESERVED_NAMES:
            yield Finding(p, _reserved(name), key=True)


def check_events(scn: Scenario) -> Iterator[Finding]:
    """Decisions have 2–4 options, news has none, actors exist."""
    actors = set(scn.actors) | set(ROLES)
    for e, ev in enumerate(scn.events):
        p: Path = ("events", e)
        if ev.role != "none" and not 2 <= len(ev.options) <= 4:
            yield Finding(
                (*p, "options") if ev.options else (*p, "role"),
                f"a decision for {ev.role} needs 2 to 4 options, it has {len(ev.options)}",
            )
        if ev.role == "none" and ev.options:
            yield Finding(
                (*p, "options"),
                "options need a role to choose them: set `role: india` or `role: us`",
            )
        if ev.role == "none" and not ev.effects and not ev.text:
            yield Finding(p, f"event {ev.id!r} has neither a decision, effects nor text", "warning")
        if ev.actor is not None and ev.actor not in actors:
            yield Finding((*p, "actor"), _unknown("actor", ev.actor, actors))
        if ev.first_turn > scn.period.turns:
            yield Finding(
                (*p, "first_turn"),
                f"first_turn {ev.first_turn} is after the last turn ({scn.period.turns})",
            )


def check_effects(scn: Scenario) -> Iterator[Finding]:
    """Each effect does exactly one thing, to something that exists."""
    events = {ev.id for ev in scn.events}
    for p, eff in _effects(scn):
        kinds = [k for k in ("add", "set", "trigger") if getattr(eff, k) is not None]
        if len(kinds) != 1:
            what = " and ".join(kinds) if kinds else "none of them"
            yield Finding(p, f"an effect needs exactly one of add, set or trigger (found {what})")
            continue
        if kinds[0] == "trigger":
            if eff.target is not None:
                yield Finding((*p, "target"), "a trigger effect takes no target")
            if eff.trigger not in events:
                yield Finding((*p, "trigger"), _unknown("event", str(eff.trigger), events))
            continue
        if eff.target is None:
            yield Finding(p, f"missing target: which indicator does this `{kinds[0]}` change?")
        elif eff.target not in scn.indicators:
            yield Finding((*p, "target"), _unknown("indicator", eff.target, scn.indicators))
        if kinds[0] == "set" and eff.over > 1:
            yield Finding((*p, "over"), "`over` has no meaning for `set`", "warning")


def check_ladders(scn: Scenario) -> Iterator[Finding]:
    """Ladders read a real indicator and climb in order; off-ramps are real events."""
    events = {ev.id for ev in scn.events}
    for name, lad in scn.ladders.items():
        p: Path = ("ladders", name)
        if lad.indicator not in scn.indicators:
            yield Finding((*p, "indicator"), _unknown("indicator", lad.indicator, scn.indicators))
        ats = [float(r.at) for r in lad.rungs]
        for k in range(1, len(ats)):
            if ats[k] <= ats[k - 1]:
                yield Finding(
                    (*p, "rungs", k, "at"), f"rungs must climb: {ats[k]} is not above {ats[k - 1]}"
                )
        for r, rung in enumerate(lad.rungs):
            for j, ramp in enumerate(rung.off_ramps):
                if ramp not in events:
                    yield Finding((*p, "rungs", r, "off_ramps", j), _unknown("event", ramp, events))


def check_objectives(scn: Scenario) -> Iterator[Finding]:
    """Each role has objectives and exactly one primary objective."""
    for role in ROLES:
        objs = getattr(scn.objectives, role)
        if not objs:
            yield Finding(("objectives",), f"role {role!r} has no objectives")
            continue
        primary = [k for k, o in enumerate(objs) if o.primary]
        if len(primary) != 1:
            where = ("objectives", role, primary[1]) if len(primary) > 1 else ("objectives", role)
            yield Finding(
                where, f"role {role!r} needs exactly one primary objective, has {len(primary)}"
            )
    for k, o in enumerate(scn.objectives.shared):
        if o.primary:
            yield Finding(
                ("objectives", "shared", k, "primary"), "shared objectives cannot be primary"
            )
    for owner in (*ROLES, "shared"):
        for k, o in enumerate(getattr(scn.objectives, owner)):
            bands = o.band if isinstance(o.band, dict) else {"": o.band}
            for name, band in bands.items():
                where = ("objectives", owner, k, "band", *((name,) if name else ()))
                if band is not None and band < 0:
                    yield Finding(where, f"a band cannot be negative, got {band}")
                if name and name not in scn.indicators:
                    yield Finding(where, _unknown("indicator", name, scn.indicators), key=True)


def check_endings(scn: Scenario) -> Iterator[Finding]:
    """The last ending is the fallback, so every game has an ending."""
    for k, end in enumerate(scn.endings):
        for role in end.score:
            if role not in ROLES:
                yield Finding(
                    ("endings", k, "score", role), _unknown("role", role, ROLES), key=True
                )
    last = scn.endings[-1]
    if last.when is not True or last.early:
        yield Finding(
            ("endings", len(scn.endings) - 1),
            "the last ending must be the fallback: `when: true` and not early",
        )


def check_personas(scn: Scenario) -> Iterator[Finding]:
    """Persona weights name indicators; advisor weights name the role's objectives."""
    for rname, role in scn.roles.items():
        objective_ids = {o.id for o in getattr(scn.objectives, rname, [])}
        objective_ids |= {o.id for o in scn.objectives.shared}
        for pname, persona in role.personas.items():
            if pname in RESERVED_PERSONAS:
                yield Finding(
                    ("roles", rname, "personas", pname),
                    f"{pname!r} is the name of a built-in bot: give the persona another name, "
                    f"e.g. '{pname}_{rname}' (a persona named 'balanced' is allowed: it "
                    "replaces the built-in balanced bot for this role)",
                    key=True,
                )
            for ind in persona.weights:
                if ind not in scn.indicators:
                    yield Finding(
                        ("roles", rname, "personas", pname, "weights", ind),
                        _unknown("indicator", ind, scn.indicators),
                        key=True,
                    )
        others = {o.id for r in ROLES if r != rname for o in getattr(scn.objectives, r, [])}
        for aname, adv in role.advisors.items():
            for obj in adv.weights:
                if obj not in objective_ids and obj not in scn.indicators:
                    msg = _unknown(f"objective of {rname} or indicator", obj, objective_ids)
                    if obj in others:
                        msg += "; it is an objective of the other role"
                    yield Finding(
                        ("roles", rname, "advisors", aname, "weights", obj), msg, key=True
                    )


def check_texts(scn: Scenario) -> Iterator[Finding]:
    """Translations include English; placeholders name indicators."""
    names = set(scn.indicators)
    for p, text in _texts(scn):
        if isinstance(text, dict) and "en" not in text:
            yield Finding(p, "translations must include English (`en`)")
        for name, spec, offset in placeholders(text):
            if spec and not valid_spec(spec):
                yield Finding(
                    p,
                    f"{{{name}:{spec}}}: unsupported format; use e.g. "
                    "{x:.1f}, {x:+.0f}, {x:,d} or {x:.0%}",
                    offset=offset if isinstance(text, str) else None,
                )
            if name not in names:
                yield Finding(
                    p,
                    f"text names {{{name}}}: " + _unknown("indicator", name, names),
                    offset=offset if isinstance(text, str) else None,
                )


def check_hotspots(scn: Scenario) -> Iterator[Finding]:
    """Hot spots are repeated sparingly (warning only: the map decides what it knows)."""
    for e, ev in enumerate(scn.events):
        for k, n in Counter(ev.hotspots).items():
            if n > 1:
                yield Finding(
                    ("events", e, "hotspots"), f"hot spot {k!r} listed {n} times", "warning"
                )


def check_expectations(scn: Scenario) -> Iterator[Finding]:
    """Expectations name real events, endings, options, indicators, objectives and policies."""
    events = {ev.id: ev for ev in scn.events}
    endings = {e.id for e in scn.endings}
    policies = {"random", "balanced", *RESERVED_PERSONAS}
    for role in scn.roles.values():
        policies |= set(role.personas)
    for k, exp in enumerate(scn.expectations):
        p: Path = ("expectations", k)
        parts = exp.metric.split(".")
        problem = ""
        if parts[0] == "events" and parts[1] != "*" and parts[1] not in events:
            problem = _unknown("event", parts[1], events)
        elif parts[0] == "endings" and parts[1] != "*" and parts[1] not in endings:
            problem = _unknown("ending", parts[1], endings)
        elif parts[0] == "options":
            ev = events.get(parts[1])
            if ev is None:
                problem = _unknown("event", parts[1], events)
            elif parts[2] != "max" and parts[2] not in {o.id for o in ev.options}:
                problem = _unknown(f"option of {ev.id}", parts[2], [o.id for o in ev.options])
        elif parts[0] == "decisions" and parts[1] != "*" and parts[1] not in events:
            problem = _unknown("event", parts[1], events)
        elif parts[0] == "decisions" and parts[1] != "*" and not events[parts[1]].options:
            problem = f"{parts[1]!r} is news, not a decision: it has no spread"
        elif parts[0] == "final" and parts[1] not in scn.indicators:
            problem = _unknown("indicator", parts[1], scn.indicators)
        elif parts[0] == "capital" and parts[1] not in scn.resources:
            problem = f"{parts[1]} has no resource: its capital cannot bind"
        elif parts[0] == "commitments" and parts[1] not in {c.id for c in scn.commitments}:
            problem = _unknown("commitment", parts[1], [c.id for c in scn.commitments])
        elif parts[0] == "roles" and len(parts) == 4:
            ids = {o.id for o in getattr(scn.objectives, parts[1])} | {
                o.id for o in scn.objectives.shared
            }
            if parts[3] not in ids:
                problem = _unknown(f"objective of {parts[1]}", parts[3], ids)
        if problem:
            yield Finding((*p, "metric"), problem)
        for field_name in ("policy", "versus"):
            value = getattr(exp, field_name)
            names = value.values() if isinstance(value, dict) else [value] if value else []
            for name in names:
                if name not in policies:
                    yield Finding((*p, field_name), _unknown("policy", name, policies))
        if exp.min is None and exp.max is None:
            yield Finding(p, "an expectation needs `min`, `max` or both")


def check_resources(scn: Scenario) -> Iterator[Finding]:
    """Resources belong to a role and live in an indicator; only a role with one pays costs."""
    for role, res in scn.resources.items():
        p: Path = ("resources", role)
        if role not in ROLES:
            yield Finding(p, _unknown("role", role, ROLES) + "; roles are india and us", key=True)
        if res.indicator not in scn.indicators:
            yield Finding((*p, "indicator"), _unknown("indicator", res.indicator, scn.indicators))
    held = [r.indicator for r in scn.resources.values()]
    for role, res in scn.resources.items():
        if held.count(res.indicator) > 1:
            yield Finding(
                ("resources", role, "indicator"),
                f"indicator {res.indicator!r} holds more than one role's resource",
            )
    for e, ev in enumerate(scn.events):
        for o, opt in enumerate(ev.options):
            if opt.cost > 0 and ev.role not in scn.resources:
                yield Finding(
                    ("events", e, "options", o, "cost"),
                    f"a cost needs a resource for {ev.role}: add `resources: {{{ev.role}: "
                    "{indicator: ...}}`",
                )


def check_commitments(scn: Scenario) -> Iterator[Finding]:
    """Commitments are made and broken by real options; the options that make them are the
    committing role's."""
    yield from _duplicates(
        [c.id for c in scn.commitments], lambda i: ("commitments", i, "id"), "commitment"
    )
    options = {f"{ev.id}.{o.id}": ev.role for ev in scn.events for o in ev.options}
    for c, cm in enumerate(scn.commitments):
        for field_name in ("made_by", "broken_by"):
            for j, ref in enumerate(getattr(cm, field_name)):
                p: Path = ("commitments", c, field_name, j)
                if ref not in options:
                    yield Finding(
                        p, _unknown("option", ref, options) + " (write event_id.option_id)"
                    )
                elif field_name == "made_by" and options[ref] != cm.role:
                    yield Finding(p, f"{ref!r} is a decision of {options[ref]}, not of {cm.role}")


CHECKS: tuple[Callable[[Scenario], Iterable[Finding]], ...] = (
    check_roles,
    check_ids,
    check_indicators,
    check_events,
    check_effects,
    check_ladders,
    check_objectives,
    check_endings,
    check_personas,
    check_texts,
    check_hotspots,
    check_expectations,
    check_resources,
    check_commitments,
)


def run_checks(scn: Scenario) -> list[Finding]:
    """Every finding of every check."""
    return [f for check in CHECKS for f in check(scn)]
