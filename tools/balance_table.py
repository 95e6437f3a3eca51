"""Measure the balance of every bundled scenario and print the Markdown table of docs/scenarios.md.

Usage: python tools/balance_table.py [--runs 10000] [--expert-runs 500]

For each scenario: each role's primary-objective win rate under random play, under
its own expert against a random opponent (and the ratio), the least-fired event under
random play, every ending's best share under any policy, and the options the expert
picks in over 90% of its decisions at events that fire in over 5% of random games.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.montecarlo import simulate_many  # noqa: E402
from game.scenario.loader import bundled_ids, load  # noqa: E402


def measure(name: str, runs: int, expert_runs: int) -> dict:
    sc = load(name)
    rnd = simulate_many(name, runs, policy="random", seed=1)
    bal = simulate_many(name, runs, policy="balanced", seed=1)
    ex_i = simulate_many(name, expert_runs, policy={"india": "expert", "us": "random"}, seed=1)
    ex_u = simulate_many(name, expert_runs, policy={"india": "random", "us": "expert"}, seed=1)
    ex = simulate_many(name, expert_runs, policy="expert", seed=1)
    runs_by = {
        "random": rnd,
        "balanced": bal,
        "expert": ex,
        "india expert": ex_i,
        "us expert": ex_u,
    }
    dominant = []
    for label, r in (("india expert", ex_i), ("us expert", ex_u)):
        role = label.split()[0]
        for ev in sc.definition.events:
            if ev.role != role or rnd["events"].get(ev.id, 0) <= 0.05:
                continue
            shares = r["options"].get(ev.id, {})
            if shares and max(shares.values()) > 0.9 and r["events"].get(ev.id, 0) > 0.05:
                opt = max(shares, key=shares.get)
                dominant.append(f"{ev.id}.{opt} {shares[opt]:.0%}")
    least = min(rnd["events"].items(), key=lambda kv: kv[1])
    endings = {
        e.id: max(r["endings"].get(e.id, 0) for r in runs_by.values())
        for e in sc.definition.endings
    }
    return {
        "name": name,
        "random": {r: rnd["roles"][r]["win_rate"] for r in ("india", "us")},
        "expert": {
            "india": ex_i["roles"]["india"]["win_rate"],
            "us": ex_u["roles"]["us"]["win_rate"],
        },
        "least_event": least,
        "endings": endings,
        "dominant": dominant,
        "speed": rnd["games_per_second"],
    }


def row(m: dict) -> str:
    cells = [f"`{m['name']}`"]
    for role in ("india", "us"):
        r, e = m["random"][role], m["expert"][role]
        ratio = f"{e / r:.1f}×" if r else "∞"
        cells.append(f"{r:.1%} → {e:.1%} ({ratio})")
    ev, share = m["least_event"]
    cells.append(f"`{ev}` {share:.1%}")
    low = min(m["endings"].items(), key=lambda kv: kv[1])
    cells.append(f"{len(m['endings'])}; rarest `{low[0]}` {low[1]:.1%}")
    cells.append(", ".join(m["dominant"]) or "none")
    return "| " + " | ".join(cells) + " |"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=10_000)
    p.add_argument("--expert-runs", type=int, default=500)
    args = p.parse_args()
    print(
        "| scenario | India: random → expert | US: random → expert | least-fired event "
        "(random) | endings (best share under any policy) | expert options > 90% |"
    )
    print("|---|---|---|---|---|---|")
    for name in bundled_ids():
        print(row(measure(name, args.runs, args.expert_runs)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
