"""Background work for the window: assessments, the expert bot and the scenario catalogue.

The engine is pure numpy and Python, so a thread running a forecast holds the GIL most
of the time and the UI thread would stutter while it runs. The work therefore goes to a
helper process (`python -c "...serve()"`, no pygame in it) that replays the game from its
decision log and computes there; the UI thread only polls for results. If the helper
cannot start, the same jobs run on a thread instead (slower frames, same results).

Jobs are described by a small `spec` of plain data; results come back by key. The
protocol is length-prefixed JSON messages (game/ui/wire.py) over the helper's
stdin/stdout; only known dataclasses can be rebuilt from them.
"""

from __future__ import annotations

import atexit
import os
import queue
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, BinaryIO

from game.ui import wire

_HEADER = struct.Struct("!I")


class Worker:
    """One daemon thread running jobs in order; results are collected by key."""

    def __init__(self) -> None:
        self._jobs: queue.Queue[tuple[Any, Callable[[], Any]] | None] = queue.Queue()
        self._done: dict[Any, tuple[bool, Any]] = {}
        self._lock = threading.Lock()
        self._busy = 0
        self._thread: threading.Thread | None = None

    def submit(self, key: Any, fn: Callable[[], Any], spec: tuple[Any, ...] | None = None) -> None:
        """Queue a job; its result (or exception) is stored under `key`."""
        with self._lock:
            self._busy += 1
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="assessments", daemon=True)
            self._thread.start()
        self._jobs.put((key, fn))

    def _run(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                return
            key, fn = item
            try:
                result: tuple[bool, Any] = (True, fn())
            except Exception as err:  # noqa: BLE001 - reported to the UI, never raised here
                result = (False, err)
            self._finish(key, result)

    def _finish(self, key: Any, result: tuple[bool, Any]) -> None:
        with self._lock:
            self._done[key] = result
            self._busy -= 1

    def take(self, key: Any) -> tuple[bool, Any] | None:
        """The (ok, value) of a finished job, removing it; None if not finished."""
        with self._lock:
            return self._done.pop(key, None)

    def busy(self) -> bool:
        """True while jobs are queued or running."""
        with self._lock:
            return self._busy > 0

    def wait(self, timeout: float = 10.0) -> bool:
        """Block until idle (tests and scripts only); True if idle."""
        end = time.perf_counter() + timeout
        while self.busy():
            if time.perf_counter() > end:
                return False
            time.sleep(0.002)
        return True

    def drop(self, keep: Callable[[Any], bool]) -> None:
        """Forget finished results whose key is no longer wanted."""
        with self._lock:
            for k in [k for k in self._done if not keep(k)]:
                del self._done[k]

    def warm(self) -> None:
        """Get ready for work (the helper process starts here)."""

    def stop(self) -> None:
        """Ask the thread to finish after its current job."""
        if self._thread is not None:
            self._jobs.put(None)


class ProcessWorker(Worker):
    """Runs jobs that have a `spec` in a helper process; others (or all, if it fails) on a thread."""

    def __init__(self) -> None:
        super().__init__()
        self._proc: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._pending: dict[Any, tuple[Callable[[], Any], tuple[Any, ...]]] = {}
        self._failed = False
        self._outbox: queue.Queue[bytes | None] = queue.Queue()
        self._sender: threading.Thread | None = None

    def start(self) -> bool:
        """Start the helper process (idempotent); False if it cannot run."""
        if self._failed:
            return False
        if self._proc is not None and self._proc.poll() is None:
            return True
        try:
            # one thread is enough for this work; idle BLAS threads spin and steal a core
            env = dict(
                os.environ,
                PYTHONUNBUFFERED="1",
                OPENBLAS_NUM_THREADS="1",
                OMP_NUM_THREADS="1",
                MKL_NUM_THREADS="1",
            )
            self._proc = subprocess.Popen(
                [sys.executable, "-c", "from game.ui.worker import serve; serve()"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
            )
        except OSError:
            self._failed = True
            return False
        self._reader = threading.Thread(target=self._read, name="helper-reader", daemon=True)
        self._reader.start()
        self._sender = threading.Thread(target=self._send, name="helper-sender", daemon=True)
        self._sender.start()
        return True

    def _send(self) -> None:
        """Write queued jobs to the helper (a pipe write can stall; never on the UI thread)."""
        proc = self._proc
        while True:
            payload = self._outbox.get()
            if payload is None or proc is None or proc.stdin is None:
                return
            try:
                proc.stdin.write(_HEADER.pack(len(payload)) + payload)
                proc.stdin.flush()
            except (OSError, ValueError):
                self._fall_back()
                return

    def warm(self) -> None:
        self.start()

    def submit(self, key: Any, fn: Callable[[], Any], spec: tuple[Any, ...] | None = None) -> None:
        if spec is None or not self.start():
            super().submit(key, fn)
            return
        with self._lock:
            self._busy += 1
            self._pending[key] = (fn, spec)
        try:
            self._outbox.put(wire.dumps((key, spec)))
        except (TypeError, ValueError, AttributeError):
            with self._lock:
                self._pending.pop(key, None)
                self._busy -= 1
            super().submit(key, fn)

    def _read(self) -> None:
        proc = self._proc
        assert proc is not None and proc.stdout is not None
        while True:
            msg = _recv(proc.stdout)
            if msg is None:
                break
            key, result = msg
            with self._lock:
                known = self._pending.pop(key, None)
            if known is not None:
                self._finish(key, result)
        self._fall_back()

    def _fall_back(self) -> None:
        """The helper is gone: run what it still owed on the thread, and everything after."""
        self._failed = True
        with self._lock:
            owed = list(self._pending.items())
            self._pending.clear()
            self._busy -= len(owed)
        for key, (fn, _spec) in owed:
            super().submit(key, fn)

    def stop(self) -> None:
        super().stop()
        self._outbox.put(None)
        proc = self._proc
        if proc is not None and proc.poll() is None:
            try:
                assert proc.stdin is not None
                proc.stdin.close()
                proc.wait(timeout=2)
            except (OSError, AssertionError, subprocess.TimeoutExpired):
                proc.kill()
        self._proc = None


_shared: ProcessWorker | None = None


def shared_worker() -> ProcessWorker:
    """The helper shared by every window of this process (started on first use)."""
    global _shared
    if _shared is None:
        _shared = ProcessWorker()
        atexit.register(_shared.stop)
    return _shared


# -- the helper process ----------------------------------------------------------------------


def _recv(stream: BinaryIO) -> Any | None:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    (n,) = _HEADER.unpack(head)
    data = stream.read(n)
    if len(data) < n:
        return None
    return wire.loads(data)


def serve() -> None:
    """The helper's main loop: read jobs from stdin, write results to stdout."""
    from game.heap import keep_freed_memory

    keep_freed_memory()  # forecasts reuse freed memory (see game/heap.py)
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write to the protocol stream
    if hasattr(os, "nice"):
        try:
            os.nice(15)  # background work: the window's own thread comes first
        except OSError:
            pass
    inp = sys.stdin.buffer
    cache: dict[Any, Any] = {}
    while True:
        msg = _recv(inp)
        if msg is None:
            return
        key, spec = msg
        try:
            result: tuple[bool, Any] = (True, run_spec(spec, cache))
        except Exception as err:  # noqa: BLE001 - sent back as a failure
            result = (False, f"{type(err).__name__}: {err}")
        payload = wire.dumps((key, result))
        out.write(_HEADER.pack(len(payload)) + payload)
        out.flush()


def run_spec(spec: tuple[Any, ...], cache: dict[Any, Any]) -> Any:
    """Carry out one job description (in the helper, or on the fallback thread).

    Game jobs carry the game's record as save data (`("assess", record, role, slot,
    rollouts, staged)`, `("bot", record, role, persona)`); the helper rebuilds the game from it.
    """
    kind = spec[0]
    if kind == "catalogue":
        from game.ui.catalogue import catalogue_with_signature

        return catalogue_with_signature()
    if kind in ("assess", "bot"):
        _, record, role, arg = spec[:4]
        game = _game_at(cache, record)
        if kind == "assess":
            slot, rollouts = arg, spec[4]
            staged = {int(s): int(k) for s, k in (spec[5] if len(spec) > 5 else {}).items()}
            fc = game.forecast(role, slot, rollouts, staged=staged)
            return fc, game.advice(fc)
        from game.engine.bots import make_policy

        return game.play_bots({role: make_policy(game.scenario, arg)})[role]
    raise ValueError(f"unknown job {kind!r}")


def _game_at(cache: dict[Any, Any], data: dict[str, Any]) -> Any:
    """The game of a record (save data), rebuilt; cached while the same turn is assessed."""
    from game.record import rebuild
    from game.saves import parse_save
    from game.scenario.loader import load_result

    record = parse_save(data, "the game's record")
    key = (
        record.scenario,
        record.length,
        record.scenario_hash,
        record.seed,
        record.turn,
        len(record.log),
        len(record.facilitator),
    )
    game = cache.get(key)
    if game is not None:
        return game
    res = load_result(record.scenario, record.length)
    if res.compiled is None or (record.scenario_hash and res.content_hash != record.scenario_hash):
        raise RuntimeError("the scenario file changed; press F5 to reload it")
    done = rebuild(record, res.compiled)
    if not done.fits or done.game.turn != record.turn:
        raise RuntimeError(done.misfit() or "the game's record no longer fits the scenario")
    cache.clear()
    cache[key] = done.game
    return done.game
