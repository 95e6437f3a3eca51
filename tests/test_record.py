"""The game record: every way of rebuilding a game (saves, replay, the window's helper
process, F5 reload) gives the game that was played, facilitator's moves included."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.game import Game
from game.saves import read_save, restore, save_dict, write_save
from game.scenario.loader import load, load_result
from game.ui.session import Session
from game.ui.worker import Worker, run_spec

MINIMAL = str(Path(__file__).parent / "scenarios" / "valid" / "minimal.yaml")


class HelperWorker(Worker):
    """Runs each job twice: on the live game (as the thread does) and from its spec
    (as the helper process does, rebuilding the game), and keeps both results."""

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[tuple[object, object]] = []
        self.cache: dict = {}

    def submit(self, key, fn, spec=None):
        live = fn()
        rebuilt = run_spec(spec, self.cache) if spec is not None else live
        self.pairs.append((live, rebuilt))
        super().submit(key, lambda: live)


def same_state(a: Game, b: Game) -> None:
    assert a.turn == b.turn and a.is_over() == b.is_over()
    assert np.array_equal(a.state.values, b.state.values)
    assert np.array_equal(a.state.pending, b.state.pending)
    assert a.injected == b.injected and a.ended_now == b.ended_now
    assert a.log == b.log


def session(worker: Worker, rollouts: int = 40) -> Session:
    res = load_result(MINIMAL)
    return Session(
        res.compiled,
        ref=MINIMAL,
        content_hash=res.content_hash,
        role="india",
        seed=3,
        rollouts=rollouts,
        worker=worker,
        autosave=False,
    )


def test_the_helper_process_rebuilds_a_game_with_an_answered_injected_decision():
    w = HelperWorker()
    s = session(w)
    assert s.game.inject("talks")  # a second round of talks: India now has two decisions
    s.refresh_turn()
    assert len(s.decisions()) == 2
    for d in s.decisions():
        s.choose(d.slot, 0)
    assert s.worker.wait() and s.bot_ready()
    report = s.resolve()
    assert not isinstance(report, str), report
    assert s.game.turn == 2 and w.pairs
    for live, rebuilt in w.pairs:
        fc_live, fc_rebuilt = live[0], rebuilt[0]
        # ranges, objective and ending chances of every option: the same futures
        assert fc_live.options == fc_rebuilt.options


def test_a_save_made_after_injecting_in_the_current_turn_restores_the_injection(tmp_path):
    sc = load(MINIMAL)
    g = Game(sc, 7)
    assert g.apply({"india": [0]})
    assert g.inject("talks")  # turn 2, not resolved yet: the autosave is written now
    path = tmp_path / "now.json"
    write_save(path, save_dict(g, scenario=MINIMAL, content_hash=""))
    r = restore(read_save(path))
    assert r.applied == len(g.log)
    same_state(r.game, g)


def test_f5_reload_keeps_the_facilitators_events():
    s = session(Worker(), rollouts=0)
    assert s.game.inject("talks")
    s.refresh_turn()
    for d in s.decisions():
        s.choose(d.slot, 1)
    assert not isinstance(s.resolve(), str)
    assert s.game.inject("talks")  # and once more in the current turn
    outcome = s.reload()
    assert outcome.kind == "ok", outcome.message
    same_state(outcome.game, s.game)


FIXTURES = Path(__file__).parent / "fixtures" / "saves"


def test_format_1_saves_are_still_read_and_rebuilt():
    from game.saves import parse_save

    sc = load(MINIMAL)
    # the moves each fixture records, played live
    injected = Game(sc, 11)
    injected.inject("talks")
    injected.apply({"india": [0, 1]}, {"india": ["first", "second"]})
    injected.apply({"india": [1]})
    injected.inject("talks")
    ended = Game(sc, 12)
    ended.apply({"india": [0]})
    ended.inject("talks")
    ended.end_now()
    for name, live in (("format1-injected.json", injected), ("format1-ended.json", ended)):
        data = json.loads((FIXTURES / name).read_text("utf-8"))
        assert data["format"] == 1
        data["scenario"] = MINIMAL
        r = restore(parse_save(data, name))
        assert r.fits and r.note == ""
        same_state(r.game, live)
        assert r.game.scores() == live.scores()
    assert [c.note for c in injected.log][:2] == ["first", "second"]


def test_a_save_is_the_record_and_keeps_the_order_of_the_facilitators_actions(tmp_path):
    from game.record import GameRecord
    from game.saves import SAVE_FORMAT, record_dict

    sc = load(MINIMAL)
    g = Game(sc, 5)
    g.inject("talks")
    g.apply({"india": [1, 0]})
    g.inject("talks")
    g.inject("talks")
    g.end_now()
    rec = GameRecord.of(
        g,
        scenario=MINIMAL,
        humans=["us", "india"],
        bot="master",
        settings={"class_code": "C"},
        players={"india": "Ravi"},
    )
    path = tmp_path / "r.json"
    write_save(path, record_dict(rec, g))
    data = json.loads(path.read_text("utf-8"))
    assert data["format"] == SAVE_FORMAT == 2
    assert [a["action"] for a in data["facilitator"]] == ["inject", "inject", "inject", "end"]
    back = read_save(path)
    assert back == rec and back.humans == ["india", "us"]
    same_state(restore(back).game, g)


# -- conformance: every way of rebuilding a game ends where the live game is -----------------

_COMPILED: dict[str, tuple] = {}


def _scenario(name: str):
    if name not in _COMPILED:
        res = load_result(name)
        _COMPILED[name] = (res.compiled, res.content_hash)
    return _COMPILED[name]


def assert_rebuilt_equal(live: Game, other: Game, how: str) -> None:
    assert other.turn == live.turn and other.is_over() == live.is_over(), how
    assert np.array_equal(other.state.values, live.state.values), how
    assert np.array_equal(other.state.pending, live.state.pending), how
    assert other.log == live.log and other.facilitator == live.facilitator, how
    assert [list(h) for h in other.history] == [list(h) for h in live.history], how
    assert [t.news for t in other.turns] == [t.news for t in live.turns], how
    assert other.ending() == live.ending() and other.scores() == live.scores(), how


def every_rebuild(live: Game, name: str, content_hash: str) -> None:
    """Saves, the helper process, F5 and clone all give the live game."""
    from game.record import GameRecord
    from game.saves import parse_save, record_dict
    from game.ui.worker import _game_at

    record = GameRecord.of(live, scenario=name, content_hash=content_hash, humans=["india", "us"])
    data = json.loads(json.dumps(record_dict(record, live)))
    restored = restore(parse_save(data))
    assert restored.fits
    assert_rebuilt_equal(live, restored.game, "save and restore")
    if not live.is_over():
        data.pop("summary")
        assert_rebuilt_equal(live, _game_at({}, data), "helper process")
    s = Session(
        live.scenario,
        ref=name,
        content_hash=content_hash,
        role="india",
        humans=["india", "us"],
        seed=live.seed,
        game=live,
        rollouts=0,
        worker=Worker(),
        autosave=False,
    )
    outcome = s.reload()
    assert outcome.kind == "ok" and outcome.game is not None
    assert_rebuilt_equal(live, outcome.game, "F5 reload")
    assert_rebuilt_equal(live, live.clone(), "clone")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_play_with_a_facilitator_rebuilds_the_same_game_every_way(data):
    name = data.draw(st.sampled_from([MINIMAL, "tariff_friction"]), label="scenario")
    sc, content_hash = _scenario(name)
    seed = data.draw(st.integers(0, 2**32 - 1), label="seed")
    live = Game(sc, seed)
    twin: Game | None = None  # a clone made along the way, played with the same moves
    events = [e.id for e in sc.definition.events]
    while not live.is_over():
        games = [live] + ([twin] if twin is not None else [])
        for event in data.draw(st.lists(st.sampled_from(events), max_size=2), label="inject"):
            for g in games:
                assert g.inject(event)
        if data.draw(st.integers(0, 15), label="end?") == 0:
            for g in games:
                g.end_now()
            break
        if data.draw(st.integers(0, 3), label="check?") == 0:
            every_rebuild(live, name, content_hash)
        actions = {  # each answer legal, and together within the role's budget
            role: live.afford(
                role, [data.draw(st.sampled_from(legal), label="answer") for legal in options]
            )
            for role in ("india", "us")
            if (options := live.legal_actions(role))
        }
        for g in games:
            assert g.apply(actions)
        if twin is None and data.draw(st.booleans(), label="clone?"):
            twin = live.clone()
    every_rebuild(live, name, content_hash)
    if twin is not None:
        assert_rebuilt_equal(live, twin, "a clone played on")


def test_roads_not_taken_keep_the_facilitators_moves_and_equal_direct_what_ifs():
    from game.engine.bots import make_policy
    from game.engine.game import what_if
    from game.report.whatif import roads_not_taken

    sc, _ = _scenario("tariff_friction")
    g = Game(sc, 21)
    fill = {r: make_policy(sc, "balanced") for r in ("india", "us")}
    while g.turn < 4:
        if g.turn == 2:
            assert g.inject(next(e.id for e in sc.definition.events if e.role == "india"))
        assert g.apply(g.play_bots(fill))
    g.end_now()
    base, alts = roads_not_taken(g, ["india"], fill)
    assert base is g and alts
    tried = 0
    for i, games in alts.items():
        assert g.log[i].role == "india"
        for o, alt in games:
            direct = what_if(sc, g.seed, g.log, i, o.id, fill, g.facilitator)
            assert alt.values() == direct.values() and alt.scores() == direct.scores()
            assert alt.facilitator == g.facilitator  # the injection and the early end too
            tried += 1
    assert tried >= 3


def test_a_malformed_facilitator_action_is_a_save_error():
    import pytest

    from game.saves import SaveError, parse_save

    good = json.loads((FIXTURES / "format1-injected.json").read_text("utf-8"))
    good.update(
        format=2, scenario=MINIMAL, facilitator=[{"turn": 1, "action": "inject", "event": "talks"}]
    )
    assert parse_save(dict(good)).facilitator[0].event == "talks"
    for bad in (
        [{"turn": 1, "action": "inject"}],
        [{"turn": 1, "action": "end", "event": "talks"}],
        [{"turn": 0, "action": "end"}],
        [{"turn": 1, "action": "explode", "event": "talks"}],
        [{"turn": 1, "action": "inject", "event": "../etc\\u0000"}],
        [["inject", 1]],
        "all of them",
    ):
        with pytest.raises(SaveError, match="facilitator"):
            parse_save(dict(good, facilitator=bad))
