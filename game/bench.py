"""`python -m game bench`: the performance figures of DESIGN.md, measured in one run.

Each figure is the median of several repetitions, with min and max. Bars are
reported, never asserted: a benchmark measures, tests check behaviour.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

BARS = {
    "simulate_games_per_second": (">=", 25_000),
    "simulate_speedup_vs_single": (">=", 20),
    "forecast_ms": ("<", 100),
    "turn_ms": ("<", 20),
    "load_ms": ("<", 50),
    "simulate_peak_rss_mb": ("<", 500),
    "startup_ms": ("<", 1000),
    "ui_frame_p99_ms": ("<", 4),
    "ui_frame_p99_ratio": ("<", 4.5),
    "server_groups": (">=", 30),
    "server_decision_p99_ms": ("<", 150),
    "server_rss_mb": ("<", 400),
}


def largest_scenario() -> str:
    """The bundled scenario with the most events (the campaign once it exists)."""
    from game.scenario.loader import bundled_ids, load

    return max(bundled_ids(), key=lambda i: len(load(i).events))


def _timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def _figure(values: list[float], scale: float = 1.0, invert: bool = False) -> dict[str, float]:
    vals = [(1.0 / v if invert else v) * scale for v in values]
    return {
        "median": round(statistics.median(vals), 3),
        "min": round(min(vals), 3),
        "max": round(max(vals), 3),
    }


def bench_load(name: str, repeat: int = 7) -> dict[str, float]:
    """Load + validate + compile the scenario file from disk (no cache)."""
    from game.scenario.loader import load_file, resolve

    path = resolve(name)
    return _figure(_timed(lambda: load_file(path), repeat), 1000.0)


def bench_simulate(name: str, games: int = 20_000, repeat: int = 3) -> dict[str, Any]:
    """Games per second of one process under the random policy, and the single-game loop."""
    from game.engine.batch import Engine
    from game.engine.bots import RandomPolicy
    from game.engine.simulate import play_batch
    from game.scenario.loader import load

    sc = load(name)
    eng = Engine(sc)
    pol = {0: RandomPolicy(), 1: RandomPolicy()}
    play_batch(eng, np.arange(500), pol)  # warm up
    batch = _timed(lambda: play_batch(eng, np.arange(games), pol), repeat)
    singles = 150

    def loop() -> None:
        for i in range(singles):
            play_batch(eng, np.array([i]), pol)

    single = _timed(loop, repeat)
    batch_rate = [games / t for t in batch]
    single_rate = [singles / t for t in single]
    speedup = [b / s for b, s in zip(batch_rate, single_rate)]
    return {
        "batch": _figure(batch_rate),
        "single": _figure(single_rate),
        "speedup": _figure(speedup),
    }


def bench_parallel(name: str, games: int = 200_000) -> dict[str, Any]:
    """Games per second of the full `simulate` path (all cores), run as a user would."""
    out = _run_simulate(name, games)
    return {
        "games_per_second": out["games_per_second"],
        "workers": out.get("workers", 1),
        "peak_rss_mb": out["peak_rss_mb"],
    }


def _run_simulate(name: str, games: int) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "game", "simulate", name, "--runs", str(games), "--json"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_mb(proc.pid))
        time.sleep(0.05)
    stdout = proc.stdout.read() if proc.stdout else ""
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"simulate failed with exit code {proc.returncode}")
    result = json.loads(stdout)
    result["peak_rss_mb"] = round(peak, 1) if peak else None
    result["wall_seconds"] = round(elapsed, 2)
    return result


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, from /proc (Linux); 0 elsewhere."""
    try:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except OSError:
                continue
        total = 0
        todo = [pid]
        while todo:
            p = todo.pop()
            todo += children.get(p, [])
            try:
                with open(f"/proc/{p}/statm") as f:
                    total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            except OSError:
                continue
        return total / 2**20
    except OSError:
        return 0.0


def bench_forecast(name: str, repeat: int = 5) -> dict[str, Any]:
    """1,000 rollouts for every option of a mid-game decision."""
    from game.engine.bots import make_policy
    from game.engine.game import Game
    from game.scenario.loader import load

    sc = load(name)
    bots = {"india": make_policy(sc, "balanced"), "us": make_policy(sc, "balanced")}
    for seed in range(50):
        g = Game(sc, seed)
        while not g.is_over() and g.turn < max(2, sc.turns // 2):
            g.apply(g.play_bots(bots))
        due = [(r, d) for r in ("india", "us") for d in g.pending(r)]
        if due and not g.is_over():
            break
    else:
        return {"median": float("nan"), "min": float("nan"), "max": float("nan")}
    role, dec = due[0]
    g.forecast(role, dec.slot, 100)  # warm up
    times = _timed(lambda: g.forecast(role, dec.slot, 1000), repeat)
    fig = _figure(times, 1000.0)
    fig.update({"turn": g.turn, "options": len(dec.options), "event": dec.event})
    return fig


def bench_turn(name: str) -> dict[str, float]:
    """Resolving one turn of a single game (with the ledger on), over a whole game."""
    from game.engine.bots import make_policy
    from game.engine.game import Game
    from game.scenario.loader import load

    sc = load(name)
    bots = {"india": make_policy(sc, "balanced"), "us": make_policy(sc, "balanced")}
    times = []
    for seed in range(3):
        g = Game(sc, seed)
        while not g.is_over():
            acts = g.play_bots(bots)
            t0 = time.perf_counter()
            g.apply(acts)
            times.append(time.perf_counter() - t0)
    return _figure(times, 1000.0)


def run(json_out: bool = False, quick: bool = False) -> int:
    """Measure everything and print the figures (and whether each meets its bar)."""
    name = largest_scenario()
    figures: dict[str, Any] = {"scenario": name, "cpus": os.cpu_count()}
    detail: dict[str, Any] = {}
    step = _Step(json_out)

    step("load")
    detail["load"] = bench_load(name)
    figures["load_ms"] = detail["load"]["median"]
    step("single-process batch and single-game loop")
    detail["simulate"] = bench_simulate(name)
    figures["simulate_speedup_vs_single"] = detail["simulate"]["speedup"]["median"]
    step("simulate (all cores)")
    par = bench_parallel(name, 50_000 if quick else 200_000)
    detail["parallel"] = par
    figures["simulate_games_per_second"] = par["games_per_second"]
    step("forecast")
    detail["forecast"] = bench_forecast(name)
    figures["forecast_ms"] = detail["forecast"]["median"]
    step("turn")
    detail["turn"] = bench_turn(name)
    figures["turn_ms"] = detail["turn"]["median"]
    runs = 100_000 if quick else 1_000_000
    step(f"memory: simulate {runs:,} games")
    big = _run_simulate(name, runs)
    detail["million"] = {
        "runs": runs,
        "peak_rss_mb": big["peak_rss_mb"],
        "games_per_second": big["games_per_second"],
        "wall_seconds": big["wall_seconds"],
    }
    figures["simulate_peak_rss_mb"] = big["peak_rss_mb"]
    ui = _ui_figures(step)
    figures.update(ui)
    groups = 10 if quick else 30
    step(f"classroom server: {groups} groups playing whole games over loopback")
    from game.server.loadtest import measure

    server = measure(groups)
    detail["server"] = server
    for key in ("server_groups", "server_decision_p99_ms", "server_rss_mb"):
        figures[key] = server[key]
    figures["bars"] = {k: _meets(k, figures.get(k)) for k in BARS if k in figures}
    figures["detail"] = detail
    if json_out:
        print(json.dumps(figures, indent=2))
    else:
        _print(figures)
    return 0


def _ui_figures(step: Callable[[str], None]) -> dict[str, Any]:
    """Start-up and frame-time figures, when the desktop UI is part of this build."""
    try:
        from game.ui import bench as ui_bench  # type: ignore[attr-defined]
    except ImportError:
        return {}
    step("ui")
    return ui_bench.measure()


def _meets(key: str, value: Any) -> bool | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    op, bar = BARS[key]
    return value >= bar if op == ">=" else value < bar


class _Step:
    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet

    def __call__(self, what: str) -> None:
        if not self.quiet:
            print(f"  measuring {what}...", file=sys.stderr, flush=True)


def _print(f: dict[str, Any]) -> None:
    print(f"Benchmark on {f['scenario']} ({f['cpus']} CPUs)")
    units = {"ms": "ms", "mb": "MB", "second": "games/s", "single": "x"}
    for key, (op, bar) in BARS.items():
        if key not in f:
            continue
        unit = next((u for k, u in units.items() if key.endswith(k)), "")
        ok = f["bars"].get(key)
        verdict = "ok" if ok else ("MISSED" if ok is False else "n/a")
        value = f[key]
        shown = f"{value:,.1f}" if isinstance(value, float | int) else str(value)
        print(f"  {key:<28} {shown:>12} {unit:<8} bar {op} {bar:<8,} {verdict}")
    d = f["detail"]
    print(
        f"  (single process: {d['simulate']['batch']['median']:,.0f} games/s; "
        f"{d['parallel']['workers']} worker(s) in simulate)"
    )
