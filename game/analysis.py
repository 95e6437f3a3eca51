"""The balance report of `simulate --html`: one self-contained HTML page for scenario authors.

It runs the scenario under several policies and shows, side by side, what an author
needs to balance it: win rates per role and policy (with 95% intervals), each role's
personas against the balanced and the expert opponent, the scenario's own
expectations with their bars, how often each event fires and each ending is reached,
decisions crowded out of their slots, which options the expert bot (almost) always or
never picks, the spread of every indicator at the end, and the design notes of
`game.design`. The numbers are the same as `simulate --json` for the same seeds.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.engine.bots import BUILTIN_POLICIES
from game.engine.compiler import CompiledScenario
from game.engine.definitions import ROLES
from game.engine.text import pick

EXPERT_RUNS = 400
PERSONA_EXPERT_RUNS = 200  # a persona against the expert: enough to see a large gap


@dataclass
class Analysis:
    """What the balance report shows: simulations keyed by label, expectations, sensitivity."""

    results: dict[str, dict[str, Any]]
    expectations: list[Any] = field(default_factory=list)
    sensitivity: Any = None


def analyse_all(
    name: str,
    sc: CompiledScenario,
    runs: int,
    *,
    policy: Any = "random",
    seed: int = 0,
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
    sensitivity_runs: int = 0,
) -> Analysis:
    """Every simulation of the report, the scenario's expectations and (optionally) sensitivity."""
    from game.expectations import run_expectations

    results = analyse(name, sc, runs, policy=policy, seed=seed, workers=workers, progress=progress)
    out = Analysis(results)
    exps = list(sc.definition.expectations)
    if exps:
        if progress:
            progress(f"the scenario's {len(exps)} expectation(s)")
        out.expectations = run_expectations(name, exps)
    if sensitivity_runs:
        from game.sensitivity import sensitivity

        if progress:
            progress(f"sensitivity ({sensitivity_runs:,} games per number)")
        out.sensitivity = sensitivity(name, sensitivity_runs, seed=seed)
    return out


def analyse(
    name: str,
    sc: CompiledScenario,
    runs: int,
    *,
    policy: Any = "random",
    seed: int = 0,
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Simulations under the requested policy and the reference ones, keyed by policy label."""
    from game.montecarlo import simulate_many

    plan: list[tuple[str, Any, int]] = [(_label(policy), policy, runs)]
    refs: list[tuple[str, Any]] = [
        ("random", "random"),
        ("balanced", "balanced"),
        ("expert", "expert"),
        # always the first / the last option: a scenario where either wins is a puzzle
        ("first", "first"),
        ("last", "last"),
        # each role's expert against a random opponent: the "expert beats random" bar
        ("india expert vs random", {"india": "expert", "us": "random"}),
        ("us expert vs random", {"india": "random", "us": "expert"}),
    ]
    for role in ROLES:
        seat = {r: "expert" if r == role else "balanced" for r in ROLES}
        refs.append((f"{role} expert vs balanced", seat))
        for persona in sc.definition.roles[role].personas:
            if persona in BUILTIN_POLICIES:
                continue  # a persona named like a built-in bot is that bot here
            for opp in ("balanced", "expert"):
                seat = {r: persona if r == role else opp for r in ROLES}
                refs.append((f"{role} {persona} vs {opp}", seat))
    for label, ref in refs:
        if _label(policy) != _label(ref):
            n = runs
            if "expert" in _label(ref):
                n = min(runs, PERSONA_EXPERT_RUNS if " vs expert" in label else EXPERT_RUNS)
            plan.append((label, ref, n))
    results = {}
    for label, pol, n in plan:
        if progress:
            progress(f"{label} ({n:,} games)")
        results[label] = simulate_many(name, n, policy=pol, seed=seed, workers=workers)
    return results


def _label(policy: Any) -> str:
    if isinstance(policy, dict):
        return ", ".join(f"{k}={v}" for k, v in policy.items())
    return str(policy)


MAIN = ("random", "balanced", "expert", "india expert vs random", "us expert vs random")
KNOWN_KEYS = {
    "scenario", "runs", "seed", "policy", "roles", "endings", "events", "options", "final",
    "mean_turns", "games_per_second", "seconds", "workers", "crowded_out",
}  # fmt: skip


def dead_content(sc: CompiledScenario, results: dict[str, dict[str, Any]]) -> list[str]:
    """Events and endings no policy reaches in 1% of its games, with the best share seen."""
    from game.design import unreached

    return [n.message for n in unreached(sc, results)]


def option_flags(results: dict[str, dict[str, Any]]) -> dict[tuple[str, str], str]:
    """Options the expert picks in over 90% or under 2% of its decisions, at events that matter."""
    expert = results.get("expert")
    if expert is None:
        expert = next((r for k, r in results.items() if k.startswith("expert")), None)
    rnd = results.get("random") or next(iter(results.values()))
    if expert is None:
        return {}
    flags = {}
    for ev, shares in expert["options"].items():
        if rnd["events"].get(ev, 0) <= 0.05 or expert["events"].get(ev, 0) == 0:
            continue
        for opt, share in shares.items():
            if share > 0.9:
                flags[(ev, opt)] = "dominant"
            elif share < 0.02:
                flags[(ev, opt)] = "never chosen"
    return flags


def write_html(sc: CompiledScenario, analysis: Analysis | dict[str, Any], path: str) -> None:
    """Write the report (UTF-8, no external resources)."""
    from game.saves import atomic_write

    atomic_write(path, render_html(sc, analysis))  # type: ignore[arg-type]


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _ci(x: float, n: int) -> str:
    from game.design import interval

    return f'{_pct(x)} <span class="ci">± {100 * interval(x, n):.1f}</span>'


def _bar(x: float, colour: str = "#2a9d8f") -> str:
    w = max(0.0, min(1.0, x)) * 100
    return f'<span class="bar"><span style="width:{w:.1f}%;background:{colour}"></span></span>'


def _flatten(node: Any, prefix: str) -> dict[str, float]:
    """Numbers of a nested summary entry as {dotted.key: value}."""
    if isinstance(node, bool):
        return {}
    if isinstance(node, int | float):
        return {prefix: float(node)}
    out: dict[str, float] = {}
    if isinstance(node, dict):
        for k, v in node.items():
            out.update(_flatten(v, f"{prefix}.{k}"))
    return out


def _bound_of(metric: str, exps: list[Any]) -> tuple[float | None, float | None, str] | None:
    """The (min, max, expectation name) an expectation sets on a metric, if any."""
    for x in exps:
        pattern = "^" + re.escape(x.metric).replace(r"\*", r"[^.]+") + "$"
        if x.versus is None and re.match(pattern, metric):
            return x.min, x.max, x.name
    return None


def render_html(sc: CompiledScenario, analysis: Analysis | dict[str, Any]) -> str:
    """The report as one HTML string."""
    from game.design import all_notes, interval, seats

    if not isinstance(analysis, Analysis):
        analysis = Analysis(analysis)
    results = analysis.results
    d = sc.definition
    e = html.escape
    labels = [lab for lab in results if lab in MAIN or lab == next(iter(results))]
    first = results[next(iter(results))]
    flags = option_flags(results)
    notes = all_notes(sc, results)
    exps = list(d.expectations)
    parts: list[str] = []
    add = parts.append
    add(f"<h1>Balance report: {e(pick(d.title))}</h1>")
    add(
        f'<p class="meta">{e(d.id)} · {d.period.turns} turns · seed {first["seed"]} · '
        f"{sum(r['runs'] for r in results.values()):,} games under {len(results)} policies · "
        f"made {time.strftime('%Y-%m-%d %H:%M')}</p>"
    )
    sections = [
        ("notes", "Design notes"),
        ("win-rates", "Win rates"),
        ("personas", "Personas"),
        ("expectations", "Expectations"),
        ("metrics", "Design metrics"),
        ("endings", "Endings"),
        ("events", "Events"),
        ("crowded", "Crowded out"),
        ("options", "Options"),
        ("final", "Indicators at the end"),
        ("sensitivity", "Sensitivity"),
        ("dead", "Unreached content"),
    ]
    add(
        '<nav class="toc">'
        + " · ".join(f'<a href="#{k}">{e(v)}</a>' for k, v in sections)
        + "</nav>"
    )

    add('<section id="notes"><h2>Design notes</h2>')
    add(
        "<p>What the games below suggest fixing first (see <code>game.design</code> in the "
        "authoring guide): content no policy reaches in 1% of games, decisions lost to full "
        "slots, personas that beat every built-in policy, costs that drift heals.</p>"
    )
    if notes:
        add(
            "<ul>"
            + "".join(
                f'<li class="note-{e(n.kind)}"><b>{e(n.kind)}</b>: {e(n.message)}</li>'
                for n in notes
            )
            + "</ul>"
        )
    else:
        add("<p>None.</p>")
    add("</section>")

    add('<section id="win-rates"><h2>Win rates per role and policy</h2>')
    add(
        "<p>Share of games in which each role meets its primary objective (± the 95% "
        "confidence interval: run more games with <code>--runs</code> to narrow it), and its "
        "mean score. Aim: 10–60% under random play; the expert at least 1.5× random.</p>"
    )
    wide = [
        (lab, r)
        for lab, r in results.items()
        if " vs balanced" not in lab and " vs expert" not in lab
    ] + [(lab, r) for lab, r in results.items() if lab.endswith("expert vs balanced")]
    add("<table><tr><th>policy</th><th>games</th>")
    for role in ROLES:
        add(f"<th>{e(d.roles[role].name)} win</th><th>mean score</th>")
    add("</tr>")
    for label, r in wide:
        add(f"<tr><td>{e(label)}</td><td>{r['runs']:,}</td>")
        for role in ROLES:
            v = r["roles"][role]
            add(
                f"<td>{_bar(v['win_rate'])} {_ci(v['win_rate'], r['runs'])}</td>"
                f"<td>{v['mean_score']:.1f}</td>"
            )
        add("</tr>")
    add("</table>")
    widest = max(interval(r["roles"][ro]["win_rate"], r["runs"]) for _, r in wide for ro in ROLES)
    add(
        f'<p class="meta">Widest interval: ± {100 * widest:.1f} points. Each ± is a 95% '
        "confidence interval: of intervals computed this way, about 95 in 100 contain the "
        "true share. It does not bound how far a figure moves from one seed to another: "
        "a run with other seeds lands within this figure's ± only about 5 times in 6. Two "
        "figures differ clearly when their intervals do not overlap.</p></section>"
    )

    add('<section id="personas"><h2>Personas against the balanced and the expert opponent</h2>')
    add(
        "<p>Each persona plays its role against the balanced bot and against the expert. "
        "The built-in policies in the same seat are shown for comparison; a persona that "
        "beats all of them is flagged: a simple rule should not beat the expert.</p>"
    )
    dominant = {n.path[3] for n in notes if n.kind == "dominant" and len(n.path) > 3}
    for role in ROLES:
        personas = list(d.roles[role].personas)
        add(f"<h3>{e(d.roles[role].name)}</h3><table><tr><th>player</th>")
        add("<th>vs balanced</th><th>vs expert</th><th>flag</th></tr>")
        for who in ["balanced", "expert", *personas]:
            cells = []
            for opp in ("balanced", "expert"):
                hit = next(
                    (
                        r
                        for r in results.values()
                        if seats(r["policy"]) == {ro: (who if ro == role else opp) for ro in ROLES}
                    ),
                    None,
                )
                if hit is None:
                    cells.append("<td>–</td>")
                else:
                    w = hit["roles"][role]["win_rate"]
                    cells.append(f"<td>{_bar(w)} {_ci(w, hit['runs'])} ({hit['runs']:,})</td>")
            flag = "beats every built-in" if who in dominant else ""
            kind = "persona" if who in personas else "built-in"
            add(
                f"<tr><td>{e(who)} <code>{kind}</code></td>{''.join(cells)}"
                f'<td class="flag">{e(flag)}</td></tr>'
            )
        add("</table>")
    add("</section>")

    add('<section id="expectations"><h2>The scenario\'s expectations</h2>')
    if analysis.expectations:
        add(
            "<p>The bars the scenario's <code>expectations</code> set, run with their own "
            "seeds and games (as <code>python -m game check</code>).</p><table>"
            "<tr><th>expectation</th><th>metric</th><th>policy</th><th>result</th><th></th></tr>"
        )
        for x, o in zip(exps, analysis.expectations, strict=False):
            pol = _label(x.policy) + (f" ÷ {_label(x.versus)}" if x.versus is not None else "")
            ok = '<td class="pass">PASS</td>' if o.ok else '<td class="flag">FAIL</td>'
            add(
                f"<tr><td>{e(x.name)}</td><td><code>{e(x.metric)}</code></td><td>{e(pol)}</td>"
                f"<td>{e(o.detail)}</td>{ok}</tr>"
            )
        add("</table>")
    else:
        add("<p>The scenario sets no <code>expectations</code>.</p>")
    add("</section>")

    add('<section id="metrics"><h2>Design metrics</h2>')
    extra: dict[str, dict[str, float]] = {}
    columns = [*labels, *(lab for lab in ("first", "last") if lab in results)]
    for lab in columns:
        for key, node in results[lab].items():
            if key not in KNOWN_KEYS:
                for k, v in _flatten(node, key).items():
                    if not k.endswith(".games"):
                        extra.setdefault(k, {})[lab] = v
    add(
        "<p><b>Role parity</b> <code>balance.win_gap</code>: the gap between the roles' win "
        "rates. <b>Ending spread</b> <code>balance.top_ending</code>, "
        "<code>balance.endings_over_3pct</code>: the most frequent ending's share, and how "
        "many endings happen in 3% of games. <b>Decision spread</b> "
        "<code>decisions.EVENT.spread</code> (expert runs only): how many score points lie "
        "between a decision's best and worst option in the expert's look-ahead; a small "
        "spread is a choice that barely matters (smallest first). <b>first</b>/<b>last</b>: "
        "bots that always take the first or the last option; if one of them wins, the "
        "scenario has a fixed answer.</p>"
    )
    labels_m = columns

    def order(k: str) -> tuple[int, float, str]:
        if k.startswith("decisions."):
            return (1, min(extra[k].values()), k)
        return (0, 0.0, k)

    if extra:
        add(
            "<p>Where an expectation of the scenario sets a bar on a figure, the bar is shown "
            "and figures outside it are marked.</p><table>"
            "<tr><th>metric</th><th>bar</th>"
            + "".join(f"<th>{e(lab)}</th>" for lab in labels_m)
            + "</tr>"
        )
        for k in sorted(extra, key=order)[:400]:
            bound = _bound_of(k, exps)
            bar = ""
            if bound is not None:
                lo, hi, _name = bound
                bar = " ".join(
                    x
                    for x in (
                        f"≥ {lo:g}" if lo is not None else "",
                        f"≤ {hi:g}" if hi is not None else "",
                    )
                    if x
                )
            cells = []
            for lab in labels_m:
                v = extra[k].get(lab)
                out_of = (
                    bound is not None
                    and v is not None
                    and (
                        (bound[0] is not None and v < bound[0])
                        or (bound[1] is not None and v > bound[1])
                    )
                )
                cls = ' class="warn"' if out_of else ""
                cells.append(f"<td{cls}>{'' if v is None else f'{v:.4g}'}</td>")
            add(f"<tr><td><code>{e(k)}</code></td><td>{e(bar)}</td>{''.join(cells)}</tr>")
        add("</table>")
    else:
        add("<p>This version's simulations give no design metrics.</p>")
    add("</section>")

    best = {
        key: {
            item: max(results.values(), key=lambda r, k=key, i=item: r[k].get(i, 0))
            for item in first[key]
        }
        for key in ("endings", "events")
    }

    def best_cell(key: str, item: str) -> str:
        r = best[key][item]
        x = r[key].get(item, 0)
        warn = ' class="warn"' if x < 0.01 else ""
        return f'<td{warn}>{_pct(x)} <span class="ci">{e(_label(r["policy"]))}</span></td>'

    add('<section id="endings"><h2>Endings</h2>')
    add(
        "<p>Aim: every ending in at least 1% of games under some policy (the best column "
        "looks at every policy of this report, personas included).</p>"
    )
    add("<table><tr><th>ending</th>")
    add("".join(f"<th>{e(lab)}</th>" for lab in labels) + "<th>best</th></tr>")
    for end in d.endings:
        add(
            f"<tr><td>{e(pick(end.title))} <code>{e(end.id)}</code>"
            f"{' (early)' if end.early else ''}</td>"
        )
        for lab in labels:
            x = results[lab]["endings"].get(end.id, 0)
            add(f"<td>{_bar(x, '#e9c46a')} {_pct(x)}</td>")
        add(best_cell("endings", end.id) + "</tr>")
    add("</table></section>")

    add('<section id="events"><h2>Events: share of games in which each fired</h2><table>')
    add(
        "<tr><th>event</th><th>who</th>"
        + "".join(f"<th>{e(lab)}</th>" for lab in labels)
        + "<th>best</th></tr>"
    )
    for ev in d.events:
        cells = []
        for lab in labels:
            x = results[lab]["events"].get(ev.id, 0)
            warn = ' class="warn"' if x < 0.01 else ""
            cells.append(f"<td{warn}>{_bar(x)} {_pct(x)}</td>")
        add(
            f"<tr><td>{e(pick(ev.title))} <code>{e(ev.id)}</code></td><td>{e(ev.role)}</td>"
            + "".join(cells)
            + best_cell("events", ev.id)
            + "</tr>"
        )
    add("</table></section>")

    add('<section id="crowded"><h2>Decisions crowded out</h2>')
    add(
        f"<p>Share of games in which a decision was due but found its role's "
        f"{sc.decisions_per_turn} slot(s) taken by decisions that come first (higher "
        "<code>priority</code>, or earlier in the file), and never came later in the game.</p>"
    )
    lost = sorted(
        {k for lab in labels for k in results[lab].get("crowded_out", {})},
        key=lambda k: -max(results[lab].get("crowded_out", {}).get(k, 0) for lab in labels),
    )
    if lost:
        add(
            "<table><tr><th>decision</th>"
            + "".join(f"<th>{e(lab)}</th>" for lab in labels)
            + "</tr>"
        )
        for k in lost:
            cells = []
            for lab in labels:
                x = results[lab].get("crowded_out", {}).get(k, 0)
                warn = ' class="warn"' if x >= 0.1 else ""
                cells.append(f"<td{warn}>{_bar(x, '#e76f51')} {_pct(x)}</td>")
            add(f"<tr><td><code>{e(k)}</code></td>{''.join(cells)}</tr>")
        add("</table>")
    else:
        add("<p>No decision was lost to full slots.</p>")
    add("</section>")

    add('<section id="options"><h2>Options: share of decisions</h2>')
    add(
        "<p>Flags: <b>dominant</b> = the expert bot picks it in over 90% of its decisions; "
        "<b>never chosen</b> = under 2% (events that fire in over 5% of random games).</p><table>"
    )
    add(
        "<tr><th>event → option</th>"
        + "".join(f"<th>{e(lab)}</th>" for lab in labels)
        + "<th>flag</th></tr>"
    )
    for ev in d.events:
        for opt in ev.options:
            cells = "".join(
                f"<td>{_pct(results[lab]['options'].get(ev.id, {}).get(opt.id, 0))}</td>"
                for lab in labels
            )
            flag = flags.get((ev.id, opt.id), "")
            add(
                f"<tr><td><code>{e(ev.id)}</code> → {e(pick(opt.label))}</td>{cells}"
                f'<td class="flag">{e(flag)}</td></tr>'
            )
    add("</table></section>")

    add('<section id="final"><h2>Indicators at the end (p10 – p50 – p90)</h2><table>')
    add(
        "<tr><th>indicator</th><th>range</th>"
        + "".join(f"<th>{e(lab)}</th>" for lab in labels)
        + "</tr>"
    )
    for k, (iname, ind) in enumerate(d.indicators.items()):
        lo, hi = float(sc.lo[k]), float(sc.hi[k])
        cells = []
        for lab in labels:
            f = results[lab]["final"].get(iname)
            cells.append(
                f"<td>{_spread_svg(f, lo, hi)} {f['p10']:.4g} – {f['p50']:.4g} – "
                f"{f['p90']:.4g}</td>"
                if f
                else "<td></td>"
            )
        hidden = " (hidden)" if ind.hidden else ""
        add(
            f"<tr><td>{e(ind.label)}{hidden} <code>{e(iname)}</code></td>"
            f"<td>{lo:g}–{hi:g} {e(ind.unit)}</td>" + "".join(cells) + "</tr>"
        )
    add("</table></section>")

    add('<section id="sensitivity"><h2>Sensitivity: which numbers move the win rates</h2>')
    if analysis.sensitivity is not None:
        from game.sensitivity import render_rows

        add(render_rows(analysis.sensitivity))
    else:
        add(
            "<p>Not computed for this report: <code>python -m game sensitivity SCENARIO</code> "
            "prints it, and <code>simulate --html FILE --sensitivity N</code> adds it here.</p>"
        )
    add("</section>")

    add('<section id="dead"><h2>Unreached content</h2>')
    dead = dead_content(sc, results)
    if dead:
        add("<ul>" + "".join(f"<li>{e(x)}</li>" for x in dead) + "</ul>")
    else:
        add(
            "<p>Every event and every ending happened in at least 1% of games under some "
            "policy.</p>"
        )
    add("</section>")
    body = "\n".join(parts)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Balance report: {e(pick(d.title))}</title>
<style>
body {{ font: 15px/1.45 system-ui, "Segoe UI", "Noto Sans", sans-serif; color: #1d2733;
       max-width: 1180px; margin: 2em auto; padding: 0 1em; }}
h1 {{ font-size: 1.7em; margin-bottom: .2em; }} h2 {{ margin-top: 1.8em; border-bottom: 2px solid #d9e2ec; }}
.meta {{ color: #5b6b7b; }} code {{ color: #5b6b7b; font-size: .85em; }}
table {{ border-collapse: collapse; width: 100%; font-size: .92em; }}
th, td {{ text-align: left; padding: .3em .5em; border-bottom: 1px solid #e6ecf1; vertical-align: middle; }}
th {{ background: #f2f5f8; }} td.warn {{ background: #fff1e6; }} td.flag {{ color: #c0392b; font-weight: 600; }}
td.pass {{ color: #2a7d4f; font-weight: 600; }} .ci {{ color: #5b6b7b; font-size: .85em; }}
nav.toc {{ margin: .6em 0 1em; line-height: 1.9; }} nav.toc a {{ color: #1d5f8a; }}
li {{ margin: .25em 0; }} li b {{ color: #8a4b08; }}
.bar {{ display: inline-block; width: 70px; height: 9px; background: #e6ecf1; border-radius: 5px;
        overflow: hidden; vertical-align: middle; margin-right: .4em; }}
.bar span {{ display: block; height: 100%; }}
svg {{ vertical-align: middle; margin-right: .4em; }}
@media print {{ body {{ margin: 0; max-width: none; font-size: 11px; }} nav.toc {{ display: none; }}
  h2 {{ break-after: avoid; }} tr {{ break-inside: avoid; }} }}
</style></head><body>
{body}
</body></html>
"""


def _spread_svg(f: dict[str, float], lo: float, hi: float) -> str:
    """A tiny box showing p10–p90 with the median, on the indicator's full range."""
    span = (hi - lo) or 1.0

    def x(v: float) -> float:
        return 2 + 96 * float(np.clip((v - lo) / span, 0, 1))

    a, m, b = x(f["p10"]), x(f["p50"]), x(f["p90"])
    return (
        f'<svg width="100" height="12" role="img" aria-label="spread">'
        f'<rect x="2" y="5" width="96" height="2" fill="#d9e2ec"/>'
        f'<rect x="{a:.1f}" y="2" width="{max(b - a, 1):.1f}" height="8" fill="#8ecae6"/>'
        f'<rect x="{m - 1:.1f}" y="0" width="2" height="12" fill="#023047"/></svg>'
    )
