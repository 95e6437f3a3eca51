"""One background thread for the slow work of a turn (assessments, the expert bot).

Jobs run in order; results are collected by key on the UI thread, which never waits.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import Any


class Worker:
    """One daemon thread running jobs in order; results are collected by key."""

    def __init__(self) -> None:
        self._jobs: queue.Queue[tuple[Any, Callable[[], Any]] | None] = queue.Queue()
        self._done: dict[Any, tuple[bool, Any]] = {}
        self._lock = threading.Lock()
        self._busy = 0
        self._thread: threading.Thread | None = None

    def submit(self, key: Any, fn: Callable[[], Any]) -> None:
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

    def stop(self) -> None:
        """Ask the thread to finish after its current job."""
        if self._thread is not None:
            self._jobs.put(None)
