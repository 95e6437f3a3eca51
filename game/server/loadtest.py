"""A loopback load test of the classroom server: many groups play whole games at once.

`measure(groups)` starts `python -m game host` on a free loopback port with a throw-away
database, lets `groups` simulated seats (asyncio WebSocket clients in this process)
play their games to the end, and returns the figures `bench` reports: the decision
latency (from a decision sent to its acknowledgement, which comes after the database
commit) and the server's peak resident memory. Only 127.0.0.1 is ever contacted, and
every wait is bounded.
"""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH_CODE = "TF-0400-0005-P"  # tariff_friction, seed 5, normal (the expert bot plays the US)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pick(decision: dict[str, Any], n: int, slot: int) -> int:
    """A varied legal answer; after the first decision of a turn, a free one where there
    is one, so that the turn's answers together never cost more than the budget."""
    legal = [o for o in decision["options"] if o["legal"]]
    if slot > 0:
        legal = [o for o in legal if not o.get("cost")] or legal
    return int(legal[n % len(legal)]["index"])


async def _seat(url: str, code: str, k: int, latencies: list[float], deadline: float) -> bool:
    from websockets.asyncio.client import connect

    async with connect(url, max_size=2**22) as ws:
        await ws.send(json.dumps({"t": "join", "code": code, "group": f"Bench {k}"}))
        sent: dict[int, float] = {}
        mid = 0
        while time.monotonic() < deadline:
            msg = json.loads(await asyncio.wait_for(ws.recv(), deadline - time.monotonic()))
            if msg["t"] == "ack":
                latencies.append((time.perf_counter() - sent.pop(msg["id"])) * 1000)
            elif msg["t"] == "error":
                raise RuntimeError(msg["message"])
            elif msg["t"] == "state":
                if msg["over"]:
                    return True
                decisions = msg["decisions"].get("india")
                if decisions and not sent:
                    mid += 1
                    answers = [
                        {"option": _pick(d, k + msg["turn"], j)} for j, d in enumerate(decisions)
                    ]
                    sent[mid] = time.perf_counter()
                    await ws.send(
                        json.dumps(
                            {
                                "t": "decide",
                                "id": mid,
                                "role": "india",
                                "turn": msg["turn"],
                                "answers": answers,
                            }
                        )
                    )
    return False


def measure(groups: int = 30, code: str = BENCH_CODE, timeout: float = 600) -> dict[str, Any]:
    """Play `groups` whole games at once against a fresh host; the figures."""
    from game.bench import _tree_rss_mb

    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="convergence-bench-") as tmp:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "game",
                "host",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--db",
                str(Path(tmp) / "bench.sqlite3"),
                "--code",
                code,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert proc.stdout is not None
            for _ in range(2):
                proc.stdout.readline()
            _wait_listening(port, 30)
            latencies: list[float] = []
            peak = [0.0]
            start = time.perf_counter()

            async def main() -> list[bool]:
                deadline = time.monotonic() + timeout

                async def watch() -> None:
                    while True:
                        peak[0] = max(peak[0], _tree_rss_mb(proc.pid))
                        await asyncio.sleep(0.25)

                watcher = asyncio.create_task(watch())
                try:
                    return list(
                        await asyncio.gather(
                            *(
                                _seat(f"ws://127.0.0.1:{port}/ws", code, k, latencies, deadline)
                                for k in range(groups)
                            )
                        )
                    )
                finally:
                    watcher.cancel()

            finished = asyncio.run(main())
            wall = time.perf_counter() - start
            peak[0] = max(peak[0], _tree_rss_mb(proc.pid))
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(15)
            for f in (proc.stdout, proc.stderr):
                if f:
                    f.close()
    lat = sorted(latencies)
    p99 = lat[min(len(lat) - 1, int(0.99 * len(lat)))] if lat else float("nan")
    return {
        "server_groups": sum(finished),
        "server_decision_p99_ms": round(p99, 1),
        "server_decision_median_ms": round(statistics.median(lat), 1) if lat else float("nan"),
        "server_decisions": len(lat),
        "server_rss_mb": round(peak[0], 1),
        "server_wall_seconds": round(wall, 1),
    }


def _wait_listening(port: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the classroom server did not start")
