"""Design notes: what a scenario's numbers do in play, for `check` and the balance report.

`validate` lints what the file says (see game.scenario.lint); these notes need the
model to run. One is computed without dice (costs that drift heals); the others read
simulation results, keyed by policy label as the balance report makes them:
endings and events no policy reaches in 1% of games, decisions crowded out of their
role's slots and never offered later, personas that beat every built-in policy, and
primary objectives already met when the first decisions are due.
Each note carries the data path of what it is about, so it prints as file:line:col.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.expr import SimpleEnv, as_array

REACH_TARGET = 0.01  # an ending or event should happen in at least 1% of some policy's games
CROWDED_NOTE = 0.1  # a decision lost to full slots in 10% of games is worth a note
HEAL_TURNS = 4  # a cost drift halves within this many turns "heals itself"
BUILTIN = ("random", "balanced", "expert", "master", "first", "last")
Z95 = 1.96


@dataclass(frozen=True)
class Note:
    """One design finding: its kind, what it says, and where in the file it points."""

    kind: str
    message: str
    path: tuple[str | int, ...] = ()


def interval(p: float, n: int) -> float:
    """Half-width of the 95% confidence interval of a share p measured over n games."""
    return Z95 * math.sqrt(max(p * (1 - p), 1 / max(n, 1)) / max(n, 1))


def label(policy: Any) -> str:
    """A policy as a short label: `expert`, or `india=expert, us=random`."""
    if isinstance(policy, Mapping):
        return ", ".join(f"{k}={v}" for k, v in policy.items())
    return str(policy)


def seats(policy: Any) -> dict[str, str]:
    """A simulate `policy` (one name or one per role) as {role: name}."""
    if isinstance(policy, Mapping):
        return {r: str(policy.get(r, "random")) for r in ROLES}
    return {r: str(policy) for r in ROLES}


# -- costs that heal ------------------------------------------------------------------------


def _baseline(sc: CompiledScenario) -> np.ndarray:
    """Start values with random functions at their means."""
    env = _env(sc, np.zeros((1, len(sc.indicators))), 1)
    return np.array([float(as_array(e(env), 1)[0]) for e in sc.start])


def _env(sc: CompiledScenario, values: np.ndarray, turn: int) -> SimpleEnv:
    g = values.shape[0]
    return SimpleEnv(
        values.copy(),
        turn=turn,
        turns=sc.turns,
        fired=np.zeros((g, len(sc.events)), np.int64),
        chosen=np.zeros((g, len(sc.options)), bool),
        commit=np.zeros((g, len(sc.commitments)), np.int8),
        mean_mode=True,
    )


def residuals(sc: CompiledScenario, turns: int) -> np.ndarray:
    """(turns, indicators): the share of a small push to each indicator left after drift.

    Every indicator is pushed by 5% of its range from the start values (alone, in its own
    game), and the drift of the whole model runs for `turns` turns next to an unpushed game.
    """
    n = len(sc.indicators)
    base = _baseline(sc)
    push = 0.05 * (sc.hi - sc.lo)
    values = np.tile(base, (n + 1, 1))
    values[np.arange(n) + 1, np.arange(n)] += push
    values = np.clip(values, sc.lo, sc.hi)
    first = values[np.arange(n) + 1, np.arange(n)] - values[0]
    out = np.ones((turns, n))
    for t in range(turns):
        env = _env(sc, values, 2 + t)
        deltas = [(col, as_array(fn(env), n + 1)) for col, fn in sc.drift]
        for col, delta in deltas:
            values[:, col] = np.clip(values[:, col] + delta, sc.lo[col], sc.hi[col])
        left = values[np.arange(n) + 1, np.arange(n)] - values[0]
        out[t] = np.where(first != 0, left / np.where(first != 0, first, 1), 1.0)
    return out


def healing_costs(sc: CompiledScenario, turns: int = HEAL_TURNS) -> list[Note]:
    """Options whose cost to the chooser drift halves within `turns` turns while a gain stays."""
    if not sc.drift:
        return []
    res = residuals(sc, max(turns, sc.turns))
    d = sc.definition
    at_start = _env(sc, _baseline(sc)[None, :], 1)
    notes = []
    for e, ev in enumerate(sc.events):
        if ev.role < 0:
            continue
        for o, opt in enumerate(ev.options):
            costs, gains = [], []
            for k, eff in enumerate(opt.effects):
                if eff.kind != "add" or eff.amount is None or eff.target < 0:
                    continue
                amount = float(as_array(eff.amount(at_start), 1)[0])
                sign = sc.direction[ev.role, eff.target] * amount
                left = float(res[turns - 1, eff.target])
                item = (k, sc.indicators[eff.target], amount, left)
                if sign < 0 and left <= 0.5:
                    costs.append(item)
                elif sign > 0 and left >= 0.8:
                    gains.append(item)
            if not (costs and gains):
                continue
            k, name, amount, _ = costs[0]
            half = int(np.argmax(res[:, eff_col(sc, name)] <= 0.5)) + 1
            end = float(res[sc.turns - 1, eff_col(sc, name)])
            kept = ", ".join(g[1] for g in gains[:3])
            notes.append(
                Note(
                    "healing",
                    f"option {opt.id!r} of {ev.id!r} costs {d.roles[ROLES[ev.role]].name} "
                    f"{amount:+g} {name}, but drift erases half of that within {half} turn(s) "
                    f"({end:.0%} is left after {sc.turns} turns) while its gain on {kept} "
                    "stays: the cost heals itself. Make the cost last (`after`/`over`, a "
                    "change to the drift) or weigh it more",
                    ("events", e, "options", o, "effects", k),
                )
            )
    return notes


def eff_col(sc: CompiledScenario, name: str) -> int:
    """The column of an indicator by name."""
    return sc.scope.indicators[name]


# -- findings from simulations ---------------------------------------------------------------


def unreached(sc: CompiledScenario, results: Mapping[str, Mapping[str, Any]]) -> list[Note]:
    """Endings and events that no policy reaches in REACH_TARGET of its games."""
    notes = []
    d = sc.definition
    for what, items, key in (("ending", d.endings, "endings"), ("event", d.events, "events")):
        for k, item in enumerate(items):
            shares = {lab: float(r[key].get(item.id, 0.0)) for lab, r in results.items()}
            if not shares:
                continue
            best = max(shares, key=shares.__getitem__)
            if shares[best] >= REACH_TARGET:
                continue
            seen = (
                "never happened under any policy"
                if shares[best] == 0
                else f"happened in at most {shares[best]:.1%} of games ({best})"
            )
            notes.append(
                Note(
                    "unreached",
                    f"{what} {item.id!r} {seen}; the target is {REACH_TARGET:.0%} under "
                    "some policy",
                    (key, k),
                )
            )
    return notes


def crowded(sc: CompiledScenario, results: Mapping[str, Mapping[str, Any]]) -> list[Note]:
    """Decisions that were due but found their role's slots full, and never came later."""
    notes = []
    rank = {e: k for k, e in enumerate(sc.order)}
    for e, ev in enumerate(sc.events):
        if ev.role < 0:
            continue
        shares = {
            lab: float(r.get("crowded_out", {}).get(ev.id, 0.0)) for lab, r in results.items()
        }
        if not shares:
            continue
        worst = max(shares, key=shares.__getitem__)
        if shares[worst] < CROWDED_NOTE:
            continue
        fired = results[worst]["events"]
        rivals = sorted(
            (
                c
                for c in range(len(sc.events))
                if sc.events[c].role == ev.role and rank[c] < rank[e]
            ),
            key=lambda c: -float(fired.get(sc.events[c].id, 0.0)),
        )
        names = ", ".join(repr(sc.events[c].id) for c in rivals[:3]) or "other decisions"
        role = sc.definition.roles[ROLES[ev.role]].name
        notes.append(
            Note(
                "crowded",
                f"decision {ev.id!r} was due but found the {sc.decisions_per_turn} decision "
                f"slot(s) of {role} taken, and never came later, in "
                f"{shares[worst]:.1%} of games ({worst}); the slots went to decisions that "
                f"come first, most often {names}. Raise its `priority` or narrow theirs",
                ("events", e),
            )
        )
    return notes


def dominant_personas(sc: CompiledScenario, results: Mapping[str, Mapping[str, Any]]) -> list[Note]:
    """Personas that win their role more often than every built-in policy, same opponent.

    A persona dominates when, against the same opponent, its win rate beats the best of
    the built-in policies in its seat by more than the two results' 95% intervals allow.
    """
    by_seat: dict[tuple[str, str], list[tuple[str, str, float, int]]] = {}
    for label, r in results.items():
        seat = seats(r.get("policy", label))
        for role in ROLES:
            other = next(x for x in ROLES if x != role)
            win = float(r["roles"][role]["win_rate"])
            by_seat.setdefault((role, seat[other]), []).append(
                (seat[role], label, win, int(r["runs"]))
            )
    notes = []
    for (role, opponent), rows in sorted(by_seat.items()):
        builtins = [x for x in rows if x[0] in BUILTIN]
        if not any(x[0] == "expert" for x in builtins):
            continue
        best = max(builtins, key=lambda x: x[2])
        for name, label, win, n in rows:
            if name in BUILTIN:
                continue
            margin = math.hypot(interval(win, n), interval(best[2], best[3]))
            if win - best[2] > margin:
                notes.append(
                    Note(
                        "dominant",
                        f"persona {name!r} wins as {sc.definition.roles[role].name} in "
                        f"{win:.1%} of games against {opponent} ({label}), more than any "
                        f"built-in policy (best: {best[0]} {best[2]:.1%}): a simple rule "
                        "beats the expert, so some option is too cheap for what it gives",
                        ("roles", role, "personas", name),
                    )
                )
    return notes


START_GAMES = 64  # seeded starts in which a primary objective is tried at turn 1


def won_at_start(sc: CompiledScenario, games: int = START_GAMES) -> list[Note]:
    """Primary objectives that already hold when the first decisions are due (in more
    than half of `games` seeded starts): that role would win without any effort."""
    from game.engine.batch import Engine

    engine = Engine(sc)
    met, _credit = engine.credit(engine.start(list(range(1, games + 1))))
    d = sc.definition
    notes = []
    for k, o in enumerate(sc.objectives):
        share = float(met[:, k].mean())
        if not o.primary or share <= 0.5:
            continue
        index = next(i for i, x in enumerate(getattr(d.objectives, o.owner)) if x.id == o.id)
        notes.append(
            Note(
                "won_at_start",
                f"primary objective {o.id!r} of {d.roles[o.owner].name} already holds when "
                f"the first decisions are due ({share:.0%} of {games} starts): it is won "
                "without any effort unless play undoes it. Raise its bar or lower the start "
                "values",
                ("objectives", o.owner, index, "when"),
            )
        )
    return notes


def all_notes(sc: CompiledScenario, results: Mapping[str, Mapping[str, Any]]) -> list[Note]:
    """Every design note for a set of simulation results."""
    return [
        *won_at_start(sc),
        *unreached(sc, results),
        *crowded(sc, results),
        *dominant_personas(sc, results),
        *healing_costs(sc),
    ]


def positioned(name: str, notes: Iterable[Note]) -> list[str]:
    """Each note as `file:line:col: note: message` (positions from the scenario file)."""
    from game.scenario.loader import resolve
    from game.scenario.yamlpos import YamlError, load_yaml

    path = resolve(name)
    shown = name if Path(name).is_file() else f"scenarios/{path.name}"
    try:
        doc = load_yaml(path.read_bytes(), shown)
    except (OSError, YamlError):
        return [f"{shown}: note: {n.message}" for n in notes]
    out = []
    for n in notes:
        m = doc.mark(n.path)
        out.append(f"{shown}:{m.line}:{m.col}: note: {n.message}")
    return out
