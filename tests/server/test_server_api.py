"""The classroom server's HTTP and WebSocket behaviour, in process."""

from __future__ import annotations

import csv
import io
import json

import pytest
from starlette.testclient import TestClient

from game.engine.definitions import ROLES
from game.presentation import fmt_value
from game.report import run_report
from game.scenario.loader import load
from game.server import app as app_module
from game.server.app import Seat, create_app
from tests.server.conftest import CODE, NOTES_CODE, first_legal, join, receive


def play_turn(ws, role="india", note=""):
    st = receive(ws, "state")
    while not st["decisions"].get(role):  # pushes from before this seat's turn came
        st = receive(ws, "state")
    ws.send_text(
        json.dumps(
            {
                "t": "decide",
                "id": st["turn"],
                "role": role,
                "turn": st["turn"],
                "answers": first_legal(st["decisions"][role], note),
            }
        )
    )
    return st


def test_a_group_plays_a_whole_game_and_every_decision_is_stored_before_its_ack(client, store):
    with client.websocket_connect("/ws") as ws:
        joined = join(ws, "Table 1", players="Asha, Ben")
        assert joined["roles"] == ["india"] and joined["code"] == CODE
        st = receive(ws, "state")
        assert st["turn"] == 1 and st["briefings"][0]["name"] == "India" and st["objectives"]
        # values are worded by the server exactly as the desktop words them
        money = [i for i in st["indicators"] if i["unit"].startswith("$")]
        assert money and all(
            i["shown"] == fmt_value(i["value"], i["decimals"], i["unit"]) for i in st["indicators"]
        )
        assert money[0]["shown"].startswith("$") and not money[0]["shown"].endswith(" $bn")
        turns = 0
        while not st["over"]:
            answers = first_legal(st["decisions"]["india"], "why not")
            ws.send_text(
                json.dumps(
                    {
                        "t": "decide",
                        "id": 7,
                        "role": "india",
                        "turn": st["turn"],
                        "answers": answers,
                    }
                )
            )
            assert receive(ws, "ack")["id"] == 7
            stored = [a for a in store.groups()[0].actions if a.turn == st["turn"]]
            assert [a.role for a in stored].count("india") == len(answers)
            st = receive(ws, "state")
            turns += 1
        assert st["ending"]["title"] and len(st["ending"]["roles"]) == 2
        assert st["last"]["turn"] == st["turn"] and turns >= 3


def test_paired_groups_never_see_the_other_sides_choice_before_the_turn_resolves(client):
    with client.websocket_connect("/ws") as a, client.websocket_connect("/ws") as b:
        join(a, "Delhi", "india", opponent="group")
        sa = receive(a, "state")
        assert sa["free_seats"] == ["United States"]
        joined = join(b, "Delhi", "us", players="Washington table")
        assert joined["roles"] == ["us"]
        sb = receive(b, "state")
        assert sb["decisions"]["us"] and sb["waiting"] == ["India"]
        answers = first_legal(sa["decisions"]["india"])
        a.send_text(
            json.dumps({"t": "decide", "id": 1, "role": "india", "turn": 1, "answers": answers})
        )
        receive(a, "ack")
        seen_by_b = receive(b, "state")  # the push after India decided
        picked = sa["decisions"]["india"][0]["options"][answers[0]["option"]]["label"]
        assert picked not in json.dumps(seen_by_b)
        assert seen_by_b["waiting"] == [] and seen_by_b["last"]["choices"] == []
        assert seen_by_b["turn"] == 1
        b.send_text(
            json.dumps(
                {
                    "t": "decide",
                    "id": 2,
                    "role": "us",
                    "turn": 1,
                    "answers": first_legal(sb["decisions"]["us"]),
                }
            )
        )
        receive(b, "ack")
        after = receive(b, "state")
        assert after["turn"] == 2
        assert picked in [c["option"] for c in after["last"]["choices"]]


def test_a_refreshed_page_rejoins_its_seat_with_its_key_and_a_stranger_cannot(client):
    with client.websocket_connect("/ws") as ws:
        key = join(ws, "Table 2")["key"]
        play_turn(ws)
        receive(ws, "ack")
        turn = receive(ws, "state")["turn"]
    with client.websocket_connect("/ws") as ws:
        again = join(ws, "Table 2", key=key)
        assert again["key"] == key
        assert receive(ws, "state")["turn"] == turn == 2
    with client.websocket_connect("/ws") as ws:
        ws.send_text(json.dumps({"t": "join", "code": CODE, "group": "table 2", "role": "india"}))
        refused = receive(ws, "error")
        assert "already plays India" in refused["message"]


def decide_now(server, seat, role):
    """A seat answers its role's decisions due now with the first legal options."""
    g = seat.group.game
    answers = [{"option": next(o.index for o in d.options if o.legal)} for d in g.pending(role)]
    return server.decide(seat, {"role": role, "turn": g.turn, "answers": answers})


def test_a_restarted_server_resumes_every_game_with_its_staged_answers(store):
    app = create_app(store, [CODE])
    server = app.state.server
    a, b = Seat(None), Seat(None)
    a.group, a.roles, _ = server.join(a, {"code": CODE, "group": "Pair", "opponent": "group"})
    b.group, b.roles, _ = server.join(b, {"code": CODE, "group": "Pair", "role": "us"})
    group = a.group
    assert b.group is group and group.humans == ("india", "us")
    while group.game.turn < 3 or not group.game.pending("india"):
        for seat, role in ((a, "india"), (b, "us")):
            if group.game.pending(role) and role not in group.staged():
                decide_now(server, seat, role)
        server.resolve(group)
    decide_now(server, a, "india")  # India has answered this turn, the US has not
    values, turn = group.game.values(), group.game.turn
    staged = {r: (dict(group.table.choices[r]), dict(group.table.notes[r])) for r in ROLES}
    assert group.staged() == ["india"]
    again = create_app(store, [CODE]).state.server
    rebuilt = again.groups[group.id]
    assert rebuilt.game.turn == turn and rebuilt.game.values() == values
    assert {r: (rebuilt.table.choices[r], rebuilt.table.notes[r]) for r in ROLES} == staged
    assert rebuilt.staged() == ["india"] and rebuilt.game.log == group.game.log
    assert rebuilt.seats == group.seats


@pytest.mark.parametrize(
    "msg, why",
    [
        ({"t": "join", "code": "TF-0000-000B-5", "group": "x"}, "typing mistake"),
        ({"t": "join", "code": "LT-0000-0003-E", "group": "x"}, "no class"),
        ({"t": "join", "code": CODE, "group": "<script>"}, "group name"),
        ({"t": "join", "code": CODE, "group": "x", "role": "china"}, "role is"),
        ({"t": "decide", "role": "india", "turn": 1, "answers": []}, "join a group"),
        ({"t": "eval", "code": "1+1"}, "unknown message"),
    ],
)
def test_bad_requests_get_a_clear_refusal(client, msg, why):
    with client.websocket_connect("/ws") as ws:
        ws.send_text(json.dumps(msg))
        assert why in receive(ws, "error")["message"]


def test_answers_are_checked_against_the_decisions_due(client):
    with client.websocket_connect("/ws") as ws:
        join(ws, "Checks")
        st = receive(ws, "state")
        n = len(st["decisions"]["india"])
        for answers, why in [
            ([{"option": 99}] * n, "choose an option"),
            ([{"option": 0}] * (n + 1), "answer the"),
            ("0", "answer the"),
            ([{"option": 0, "note": ["x"]}] * n, "a note is text"),
        ]:
            ws.send_text(
                json.dumps({"t": "decide", "role": "india", "turn": 1, "answers": answers})
            )
            assert why in receive(ws, "error")["message"]
        ws.send_text(json.dumps({"t": "decide", "role": "us", "turn": 1, "answers": []}))
        assert "do not sit" in receive(ws, "error")["message"]
        ws.send_text(json.dumps({"t": "decide", "role": "india", "turn": 5, "answers": []}))
        assert "game is at turn 1" in receive(ws, "error")["message"]


def test_sizes_rates_and_counts_are_bounded(client, monkeypatch):
    with client.websocket_connect("/ws") as ws:
        ws.send_text("x" * (app_module.MAX_MESSAGE + 1))
        assert "too large" in receive(ws, "error")["message"]
        ws.send_text("[1, 2]")
        assert "malformed" in receive(ws, "error")["message"]
    monkeypatch.setattr(app_module, "RATE_MAX", 5)
    with client.websocket_connect("/ws") as ws:
        for _ in range(6):
            ws.send_text(json.dumps({"t": "ping"}))
        kinds = [json.loads(ws.receive_text())["t"] for _ in range(6)]
        assert kinds == ["pong"] * 5 + ["error"]
    monkeypatch.setattr(app_module, "MAX_GROUPS", 1)
    with client.websocket_connect("/ws") as ws:
        join(ws, "Only one")
    with client.websocket_connect("/ws") as ws:
        ws.send_text(json.dumps({"t": "join", "code": CODE, "group": "Second"}))
        assert "no more groups" in receive(ws, "error")["message"]


def test_the_teacher_token_guards_the_dashboard_and_never_reaches_student_pages(client):
    token = client.app.state.server.token
    assert client.get("/teacher").status_code == 403
    assert client.get("/teacher?token=wrong").status_code == 403
    assert client.get(f"/teacher?token={token}").status_code == 200
    assert client.get("/teacher/grades.csv").status_code == 403
    for path in ("/", "/static/student.js", "/static/style.css", "/health"):
        r = client.get(path)
        assert r.status_code == 200 and token not in r.text
    assert "default-src 'self'" in client.get("/").headers["content-security-policy"]
    with pytest.raises(Exception):  # noqa: B017 - the socket is closed without a token
        with client.websocket_connect("/ws/teacher?token=wrong") as ws:
            ws.receive_text()


def test_the_dashboard_pauses_injects_ends_and_tallies_the_class(client):
    token = client.app.state.server.token
    with (
        client.websocket_connect(f"/ws/teacher?token={token}") as t,
        client.websocket_connect("/ws") as ws,
    ):
        dash = receive(t, "dashboard")
        assert [c["code"] for c in dash["classes"]] == [CODE]
        join(ws, "Watched", players="Asha")
        st = receive(ws, "state")
        t.send_text(json.dumps({"t": "pause"}))
        receive(t, "ok")
        assert receive(ws, "state")["paused"] is True
        answers = first_legal(st["decisions"]["india"])
        ws.send_text(json.dumps({"t": "decide", "role": "india", "turn": 1, "answers": answers}))
        assert "paused" in receive(ws, "error")["message"]
        t.send_text(json.dumps({"t": "resume"}))
        receive(t, "ok")
        assert receive(ws, "state")["paused"] is False
        ws.send_text(json.dumps({"t": "decide", "role": "india", "turn": 1, "answers": answers}))
        receive(ws, "ack")
        receive(ws, "state")
        news_ids = {e.id for e in load("tariff_friction").definition.events if e.role == "none"}
        news = next(e for e in dash["classes"][0]["events"] if e["id"] in news_ids)
        t.send_text(json.dumps({"t": "inject", "group": "all", "event": news["id"]}))
        receive(t, "ok")
        injected = receive(ws, "state")
        assert news["title"] in [n["title"] for n in injected["news"]]
        t.send_text(json.dumps({"t": "end_all"}))
        receive(t, "ok")
        assert receive(ws, "state")["over"] is True
        dash = receive(t, "dashboard")
        while not dash["classes"][0]["groups"][0]["over"]:
            dash = receive(t, "dashboard")
        row = dash["classes"][0]["groups"][0]
        assert row["name"] == "Watched" and row["players"] == "Asha" and row["ending"]
        chose = dash["classes"][0]["chose"]
        assert chose and chose[0]["turn"] == 1 and chose[0]["total"] == 1


def test_report_and_grades_are_what_report_writes_from_the_exported_saves(client, tmp_path):
    token = client.app.state.server.token
    for name in ("Alpha", "Beta"):
        with client.websocket_connect("/ws") as ws:
            join(ws, name, players=f"{name} team")
            play_turn(ws)
            receive(ws, "ack")
            while receive(ws, "state")["turn"] != 2:  # the turn resolves after the ack
                pass
    got = client.get("/teacher/grades.csv", headers={"x-teacher-token": token})
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(got.content.decode("utf-8-sig"))))
    assert sorted(r["Team"] for r in rows) == ["Alpha: Alpha team", "Beta: Beta team"]
    assert {r["Class code"] for r in rows} == {CODE} and {r["Turn reached"] for r in rows} == {"2"}
    client.app.state.server.export(tmp_path / "saves")
    # what `python -m game report saves/ -o class.html --csv grades.csv` writes
    run_report(
        [str(tmp_path / "saves")], str(tmp_path / "class.html"), None, str(tmp_path / "grades.csv")
    )
    assert got.content == (tmp_path / "grades.csv").read_bytes()
    html = client.get(f"/teacher/report.html?token={token}")
    assert html.status_code == 200 and "Alpha" in html.text


def test_a_class_that_asks_for_reasons_refuses_a_decision_without_one(store):
    with TestClient(create_app(store, [NOTES_CODE])) as c, c.websocket_connect("/ws") as ws:
        ws.send_text(json.dumps({"t": "join", "code": NOTES_CODE, "group": "Why"}))
        receive(ws, "joined")
        st = receive(ws, "state")
        assert st["settings"]["notes_required"] is True
        answers = first_legal(st["decisions"]["india"])
        ws.send_text(json.dumps({"t": "decide", "role": "india", "turn": 1, "answers": answers}))
        assert "reason" in receive(ws, "error")["message"]


def test_saves_download_as_files_replay_reads_and_the_dashboard_makes_classes(client, tmp_path):
    import zipfile

    from game.saves import read_save, restore

    token = client.app.state.server.token
    with client.websocket_connect("/ws") as ws:
        join(ws, "Zipped", players="Asha")
        play_turn(ws, note="because")
        receive(ws, "ack")
        live = receive(ws, "state")
    assert client.get("/teacher/saves.zip").status_code == 403
    got = client.get(f"/teacher/saves.zip?token={token}")
    assert got.status_code == 200
    (tmp_path / "saves.zip").write_bytes(got.content)
    with zipfile.ZipFile(tmp_path / "saves.zip") as z:
        names = z.namelist()
        z.extractall(tmp_path / "out")
    assert len(names) == 1
    restored = restore(read_save(tmp_path / "out" / names[0]))
    assert restored.game.turn == live["turn"] and restored.save.players == {"india": "Zipped: Asha"}
    assert [c.note for c in restored.game.log if c.role == "india"][0] == "because"
    with client.websocket_connect(f"/ws/teacher?token={token}") as t:
        receive(t, "dashboard")
        t.send_text(json.dumps({"t": "new_class", "scenario": "lac_tensions", "flags": ["x"]}))
        assert "unknown flag" in receive(t, "error")["message"]
        t.send_text(
            json.dumps(
                {
                    "t": "new_class",
                    "scenario": "lac_tensions",
                    "difficulty": "hard",
                    "flags": ["notes_required"],
                    "length": "lesson",
                }
            )
        )
        receive(t, "ok")
        lesson = [c for c in receive(t, "dashboard")["classes"] if c["code"].startswith("LT-")]
        assert lesson and lesson[0]["length"] == "lesson"
    codes = client.get("/health").json()["classes"]
    assert len(codes) == 2 and codes[1].startswith("LT-")
    from game.classcode import parse_code

    assert parse_code(codes[1]).length == "lesson"


def test_a_forecast_plays_each_option_forward_and_hears_the_advisors(client):
    with client.websocket_connect("/ws") as ws:
        join(ws, "Forecasters")
        st = receive(ws, "state")
        dec = st["decisions"]["india"][0]
        ws.send_text(json.dumps({"t": "forecast", "role": "india", "slot": dec["slot"]}))
        fc = receive(ws, "forecast")
        assert fc["rollouts"] == app_module.FORECAST_ROLLOUTS
        # a few a turn (tariff_friction: perfect intelligence, 3): this one cost one
        assert st["assessments"]["india"] == {"left": 3, "per_turn": 3}
        assert fc["assessments"] == {"left": 2, "per_turn": 3}
        assert [o["label"] for o in fc["options"]] == [o["label"] for o in dec["options"]]
        assert all("score" not in o for o in fc["options"])  # intelligence, not an oracle
        assert fc["advisors"] and all(
            0 <= a["option"] < len(dec["options"]) for a in fc["advisors"]
        )
        ws.send_text(json.dumps({"t": "forecast", "role": "us", "slot": 0}))
        assert "one of your decisions" in receive(ws, "error")["message"]


def test_the_view_gives_costs_capital_and_why_an_option_is_too_dear():
    from game.engine.game import Game
    from game.scenario.loader import load
    from game.server.views import _capital, _decisions

    g = Game(load("tariff_friction"), 11)
    col = g.scenario.resource_cols[0]
    g.state.values[0, col] = 1.0  # India short of capital
    cap = _capital(g, "india")
    assert cap["text"] == "Political capital: 1.0 of 8" and cap["words"]["dear"]
    opts = [o for d in _decisions(g, "india") for o in d["options"] if o["cost"] > 0]
    assert opts and all(not o["affordable"] and not o["legal"] for o in opts)
    o = opts[0]
    assert o["chip"] == f"cost {o['cost']:g}"
    assert o["reason"] == f"costs {o['cost']:g} political capital; 1.0 left"
