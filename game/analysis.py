"""The balance report of `simulate --html`: one self-contained HTML page for scenario authors.

It runs the scenario under several policies and shows, side by side, what an author
needs to balance it: win rates per role and policy, how often each event fires and
each ending is reached, which options the expert bot (almost) always or never picks,
and the spread of every indicator at the end. The numbers are the same as
`simulate --json` for the same seeds.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from game.engine.compiler import CompiledScenario
from game.engine.text import pick

EXPERT_RUNS = 300


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
        # each role's expert against a random opponent: the "expert beats random" bar
        ("india expert vs random", {"india": "expert", "us": "random"}),
        ("us expert vs random", {"india": "random", "us": "expert"}),
    ]
    for label, ref in refs:
        if _label(policy) != _label(ref):
            n = min(runs, EXPERT_RUNS) if "expert" in _label(ref) else runs
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


def dead_content(sc: CompiledScenario, results: dict[str, dict[str, Any]]) -> list[str]:
    """Events that never fired and endings never reached under any policy."""
    out = []
    d = sc.definition
    for ev in d.events:
        if all(r["events"].get(ev.id, 0) == 0 for r in results.values()):
            out.append(f"event {ev.id!r} never fired")
    for end in d.endings:
        if all(r["endings"].get(end.id, 0) == 0 for r in results.values()):
            out.append(f"ending {end.id!r} was never reached")
    return out


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


def write_html(sc: CompiledScenario, results: dict[str, dict[str, Any]], path: str) -> None:
    """Write the report (UTF-8, no external resources)."""
    from game.saves import atomic_write

    atomic_write(path, render_html(sc, results))  # type: ignore[arg-type]


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _bar(x: float, colour: str = "#2a9d8f") -> str:
    w = max(0.0, min(1.0, x)) * 100
    return f'<span class="bar"><span style="width:{w:.1f}%;background:{colour}"></span></span>'


def render_html(sc: CompiledScenario, results: dict[str, dict[str, Any]]) -> str:
    """The report as one HTML string."""
    d = sc.definition
    e = html.escape
    labels = list(results)
    first = results[labels[0]]
    flags = option_flags(results)
    dead = dead_content(sc, results)
    parts: list[str] = []
    add = parts.append
    add(f"<h1>Balance report: {e(pick(d.title))}</h1>")
    add(
        f'<p class="meta">{e(d.id)} · {d.period.turns} turns · seed {first["seed"]} · '
        f"made {time.strftime('%Y-%m-%d %H:%M')}</p>"
    )

    add('<section id="win-rates"><h2>Win rates per role and policy</h2>')
    add(
        "<p>Share of games in which each role meets its primary objective, and its mean "
        "score. Aim: 10–60% under random play; the expert at least 1.5× random.</p>"
    )
    add("<table><tr><th>policy</th><th>games</th>")
    for role in ("india", "us"):
        add(f"<th>{e(d.roles[role].name)} win</th><th>mean score</th>")
    add("</tr>")
    for label, r in results.items():
        add(f"<tr><td>{e(label)}</td><td>{r['runs']:,}</td>")
        for role in ("india", "us"):
            v = r["roles"][role]
            add(
                f"<td>{_bar(v['win_rate'])} {_pct(v['win_rate'])}</td><td>{v['mean_score']:.1f}</td>"
            )
        add("</tr>")
    add("</table></section>")

    add('<section id="endings"><h2>Endings</h2><table><tr><th>ending</th>')
    add("".join(f"<th>{e(lab)}</th>" for lab in labels) + "</tr>")
    for end in d.endings:
        add(
            f"<tr><td>{e(pick(end.title))} <code>{e(end.id)}</code>"
            f"{' (early)' if end.early else ''}</td>"
        )
        for lab in labels:
            x = results[lab]["endings"].get(end.id, 0)
            add(f"<td>{_bar(x, '#e9c46a')} {_pct(x)}</td>")
        add("</tr>")
    add("</table></section>")

    add('<section id="events"><h2>Events: share of games in which each fired</h2><table>')
    add(
        "<tr><th>event</th><th>who</th>" + "".join(f"<th>{e(lab)}</th>" for lab in labels) + "</tr>"
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
            + "</tr>"
        )
    add("</table></section>")

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

    add('<section id="dead"><h2>Dead content</h2>')
    if dead:
        add("<ul>" + "".join(f"<li>{e(x)}</li>" for x in dead) + "</ul>")
    else:
        add("<p>Every event fired and every ending was reached under some policy.</p>")
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
.bar {{ display: inline-block; width: 70px; height: 9px; background: #e6ecf1; border-radius: 5px;
        overflow: hidden; vertical-align: middle; margin-right: .4em; }}
.bar span {{ display: block; height: 100%; }}
svg {{ vertical-align: middle; margin-right: .4em; }}
@media print {{ body {{ margin: 0; max-width: none; }} section {{ break-inside: avoid; }} }}
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
