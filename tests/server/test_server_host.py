"""`host` and `join` as processes over loopback: the printed lines, a port in use, scripted
terminal seats, a bounded load test, and a host killed mid-game."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import threading

import httpx

from game.server.join import Client
from tests.server.conftest import CODE, ROOT, Host, free_port


def scripted(lines: list[str] | None = None):
    """A `read` that answers every prompt with the next line, then `1`."""
    queue = list(lines or [])

    def read(prompt: str) -> str:
        return queue.pop(0) if queue else "1 it seemed right"

    return read


class Sink(io.StringIO):
    pass


def grades(host: Host) -> list[dict[str, str]]:
    r = httpx.get(f"{host.url}teacher/grades.csv", params={"token": host.token}, timeout=60)
    assert r.status_code == 200, r.text
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))


def test_host_prints_exactly_two_lines_and_refuses_a_port_in_use(host):
    assert host.lines[0] == f"students: http://127.0.0.1:{host.port}/"
    assert host.lines[1].startswith(f"teacher: http://127.0.0.1:{host.port}/teacher?token=")
    assert len(host.token) >= 20
    again = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "host",
            "--host",
            "127.0.0.1",
            "--port",
            str(host.port),
            "--db",
            str(host.db.with_name("other.sqlite3")),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode == 1 and again.stdout == ""
    assert f"port {host.port} is already in use" in again.stderr
    assert "Traceback" not in again.stderr


def test_scripted_join_text_seats_finish_their_games(host):
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "game",
                "join",
                host.url,
                "--code",
                CODE.lower(),
                "--group",
                f"Terminal {k}",
                "--players",
                f"Student {k}",
                "--text",
            ],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(2)
    ]
    outs = [p.communicate("2 a reason\n" * 60, timeout=180) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
        assert "Joined class" in out and "== The end" in out and "score" in out
    rows = grades(host)
    assert sorted(r["Team"] for r in rows) == ["Terminal 0: Student 0", "Terminal 1: Student 1"]
    assert {r["Finished"] for r in rows} == {"yes"} and all(int(r["Notes"]) > 0 for r in rows)


def test_a_bounded_loopback_load_test_of_ten_seats(host):
    """Ten seats play whole games at once over loopback (bounded: ten games, one scenario)."""
    results: dict[int, int | str] = {}

    def play(k: int) -> None:
        client = Client(
            host.url,
            {"code": CODE, "group": f"Load {k}", "role": "india"},
            out=Sink(),
            read=scripted(),
            reconnect_for=20,
        )
        try:
            results[k] = client.run()
        except Exception as err:  # noqa: BLE001 - reported below
            results[k] = repr(err)

    threads = [threading.Thread(target=play, args=(k,)) for k in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(240)
    assert results == {k: 0 for k in range(10)}
    rows = grades(host)
    assert len(rows) == 10 and {r["Finished"] for r in rows} == {"yes"}


def test_a_host_killed_mid_game_and_restarted_loses_nothing(tmp_path):
    h = Host(tmp_path / "class.sqlite3").start()
    answered: list[str] = []
    killed = threading.Event()

    def read(prompt: str) -> str:
        answered.append(prompt)
        if len(answered) == 4 and not killed.is_set():
            h.kill()  # between two decisions: every one sent before is on disk
            killed.set()
        return "1 keep calm"

    out = Sink()
    client = Client(
        h.url, {"code": CODE, "group": "Survivors"}, out=out, read=read, reconnect_for=60
    )
    result: list[object] = []
    t = threading.Thread(target=lambda: result.append(client.run()))
    t.start()
    assert killed.wait(120)
    h2 = Host(h.db, port=h.port).start()
    try:
        t.join(180)
        assert result == [0], out.getvalue()[-2000:]
        assert "reconnected" in out.getvalue() and "== The end" in out.getvalue()
        rows = grades(h2)
        assert len(rows) == 1 and rows[0]["Finished"] == "yes"
        assert len(answered) > 4  # the game went on after the restart
        assert int(rows[0]["Notes"]) == len(answered)  # every answer typed is in the gradebook
    finally:
        h2.stop()
        h.stop()


def test_join_explains_a_wrong_address_and_a_wrong_code(host):
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "join",
            f"http://127.0.0.1:{free_port()}/",
            "--code",
            CODE,
            "--group",
            "x",
            "--text",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1 and "cannot reach the server" in bad.stderr
    wrong = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "join",
            host.url,
            "--code",
            "LT-0000-0003-E",
            "--group",
            "x",
            "--text",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        input="",
    )
    assert wrong.returncode == 1 and "no class LT-0000-0003-E" in wrong.stderr
    assert "Traceback" not in bad.stderr + wrong.stderr


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_two_lines_come_with_a_qr_code_only_in_a_terminal():
    from game.server.host import print_lines

    plain, tty = io.StringIO(), Tty()
    for out in (plain, tty):
        print_lines("http://10.0.0.2:8765/", "http://10.0.0.2:8765/teacher?token=x", out)
    assert plain.getvalue().splitlines() == [
        "students: http://10.0.0.2:8765/",
        "teacher: http://10.0.0.2:8765/teacher?token=x",
    ]
    qr = tty.getvalue().splitlines()[2:]
    assert len(qr) > 10 and any("█" in line or "▀" in line for line in qr)


def test_the_bench_measures_groups_latency_and_memory_of_a_real_host():
    from game.server.loadtest import measure

    figures = measure(groups=2, timeout=120)
    assert figures["server_groups"] == 2
    assert figures["server_decisions"] >= 6  # every decision acknowledged and timed
    assert 0 < figures["server_decision_median_ms"] <= figures["server_decision_p99_ms"]
    assert figures["server_rss_mb"] > 20
