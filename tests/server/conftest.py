"""Fixtures for the classroom server: an in-process app, a real host process, a player."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note about a future httpx
    from starlette.testclient import TestClient

from game.server.app import create_app
from game.server.store import Store

CODE = "TF-0000-000B-4"  # tariff_friction, seed 11, easy (the balanced bot plays the US)
NOTES_CODE = "TF-4000-000B-G"  # the same with reasons required
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path) -> Store:
    s = Store(f"sqlite:///{tmp_path / 'class.sqlite3'}")
    yield s
    s.close()


@pytest.fixture
def client(store):
    app = create_app(store, [CODE])
    with TestClient(app) as c:
        yield c


def receive(ws: Any, kind: str) -> dict[str, Any]:
    """The next message of a kind (others are skipped)."""
    for _ in range(50):
        msg = json.loads(ws.receive_text())
        if msg["t"] == kind:
            return msg
    raise AssertionError(f"no {kind} message")


def join(ws: Any, group: str, role: str = "india", **extra: Any) -> dict[str, Any]:
    ws.send_text(json.dumps({"t": "join", "code": CODE, "group": group, "role": role, **extra}))
    joined = json.loads(ws.receive_text())
    assert joined["t"] == "joined", joined
    return joined


def first_legal(decisions: list[dict[str, Any]], note: str = "") -> list[dict[str, Any]]:
    return [
        {"option": next(o["index"] for o in d["options"] if o["legal"]), "note": note}
        for d in decisions
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Host:
    """`python -m game host` in a child process on a free loopback port."""

    def __init__(self, db: Path, code: str = CODE, port: int | None = None) -> None:
        self.db, self.code = db, code
        self.port = port or free_port()
        self.proc: subprocess.Popen[str] | None = None
        self.lines: list[str] = []

    def start(self) -> Host:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "game",
                "host",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--db",
                str(self.db),
                "--code",
                self.code,
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        self.lines = [self.proc.stdout.readline().rstrip("\n") for _ in range(2)]
        assert self.lines[0].startswith("students: "), (self.lines, self.proc.stderr.read())
        self.wait_ready()
        return self

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("the host did not start listening")

    @property
    def url(self) -> str:
        return self.lines[0].split(" ", 1)[1]

    @property
    def token(self) -> str:
        return self.lines[1].rsplit("token=", 1)[1]

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        for f in (self.proc.stdout, self.proc.stderr) if self.proc else ():
            if f:
                f.close()


@pytest.fixture
def host(tmp_path):
    h = Host(tmp_path / "class.sqlite3").start()
    yield h
    h.stop()
