"""Political capital (a role's scarce resource) and commitments: authored data the engine,
the bots, a game at the table and the ledger all follow."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.batch import Engine
from game.engine.bots import RandomPolicy, make_policy
from game.engine.capital import BROKEN, KEPT, MADE
from game.engine.game import Game
from game.engine.simulate import play_batch
from game.presentation import describe, period_changes, reason
from game.scenario.loader import load_bytes
from tests.builder import base, build, decision


def capital_data(turns: int = 6) -> dict:
    """India has capital 3 (max 6), renewed by 1 + a/100 per turn; a costs 2 or is free."""
    d = base(turns)
    d["indicators"]["cap"] = {
        "label": "Capital",
        "min": 0,
        "max": 6,
        "start": 3,
        "good": {"india": "up"},
    }
    d["resources"] = {
        "india": {"indicator": "cap", "label": "political capital", "regen": "1 + a / 100"}
    }
    d["settings"] = {"decisions_per_turn": 2}
    push = decision(
        "push",
        "india",
        [("spend", [{"target": "a", "add": 10}]), ("wait", [{"target": "a", "add": 1}])],
    )
    push["options"][0]["cost"] = 2
    also = decision(
        "also",
        "india",
        [("spend2", [{"target": "b", "add": -5}]), ("skip", [{"target": "b", "add": 1}])],
    )
    also["options"][0]["cost"] = 2
    usd = decision(
        "usd",
        "us",
        [
            ("pledge", [{"target": "b", "add": 3}]),
            ("renege", [{"target": "b", "add": 6}]),
            ("hold", []),
        ],
    )
    d["events"] = [push, also, usd]
    d["commitments"] = [
        {
            "id": "promise",
            "role": "us",
            "label": "the promise to hold B",
            "made_by": ["usd.pledge"],
            "broken_by": ["usd.renege"],
            "penalty": [{"target": "a", "add": -12, "over": 3, "note": "trust takes time"}],
        }
    ]
    return d


def test_an_unaffordable_option_is_not_legal_and_says_why():
    sc = build(capital_data())
    g = Game(sc, 1)
    res = g.resource("india")
    assert res is not None and res.value == 3 and res.max == 6 and res.label == "political capital"
    push, also = g.pending("india")
    assert push.options[0].cost == 2 and push.options[0].legal and push.options[0].affordable
    # both costly answers together cost 4 > 3: the turn is refused, with the reason
    out = g.apply({"india": ["spend", "spend2"], "us": ["hold"]})
    assert not out and out.code == "unaffordable"
    assert (
        "costs 4" in reason(out)
        and "political capital" in reason(out)
        and "3.0 left" in reason(out)
    )
    assert g.apply({"india": ["spend", "skip"], "us": ["hold"]})
    # capital 3 - 2 + regen (1 + a/100 with a = 60) = 2.6: one costly option still fits
    assert g.resource("india").value == pytest.approx(2.6)
    assert g.apply({"india": ["spend", "skip"], "us": ["hold"]})
    left = g.resource("india").value  # 2.6 - 2 + 1.7 = 2.3
    assert left == pytest.approx(2.3)
    g.state.values[0, sc.scope.indicators["cap"]] = 1.5  # short of the cost
    spend = g.pending("india")[0].options[0]
    assert not spend.legal and not spend.affordable
    out = g.apply({"india": ["spend", "skip"], "us": ["hold"]})
    assert out.code == "unaffordable" and "'Spend' costs 2" in reason(out)


def test_the_ledger_explains_spending_and_renewal():
    sc = build(capital_data())
    g = Game(sc, 1)
    g.apply({"india": ["spend", "skip"], "us": ["hold"]})
    changes = period_changes(g, 1)
    total, causes = changes["cap"]
    words = dict(causes)
    assert words["India chose 'Spend' (Push)"] == pytest.approx(-2)
    assert words["India's political capital renewed"] == pytest.approx(1.6)
    assert total == pytest.approx(sum(words.values()))


@pytest.mark.parametrize("policy", ["random", "balanced", "first", "last", "expert"])
def test_bots_never_spend_what_they_do_not_have(policy):
    sc = build(capital_data(turns=8))
    eng = Engine(sc)
    pol = make_policy(sc, policy)
    n = 8 if policy == "expert" else 300
    st = eng.start(np.arange(n))
    col = sc.scope.indicators["cap"]
    spends = 0
    while not st.all_over():
        before = st.values[:, col].copy()
        picks = {r: pol.choose(eng, st, r) for r in (0, 1)}
        fixed = eng.afford(st, 0, picks[0])
        cost = sum(
            eng.cost_of(st.pending[:, 0, s].clip(0), fixed[:, s]) * (st.pending[:, 0, s] >= 0)
            for s in range(2)
        )
        assert (cost <= before + 1e-9).all()
        spends += int((cost > 0).sum())
        eng.apply(st, picks)
        assert (st.values[:, col] >= 0).all()
    assert spends > 0 or policy == "last"  # the test did exercise spending (last: free)
    # and in a game at the table, the bots' answers are always accepted
    g = Game(sc, 3)
    while not g.is_over():
        assert g.apply(g.play_bots({"india": pol, "us": RandomPolicy()}))


def test_batch_equals_single_games_with_capital_and_commitments():
    sc = build(capital_data(turns=8))
    eng = Engine(sc)
    pol = {0: RandomPolicy(), 1: RandomPolicy()}
    batch = play_batch(eng, np.arange(40), pol)
    assert set(np.unique(batch.commit[:, 0])) >= {MADE, BROKEN}
    for i in (0, 5, 39):
        one = play_batch(eng, np.array([i]), pol)
        assert np.array_equal(batch.values[i], one.values[0])
        assert np.array_equal(batch.commit[i], one.commit[0])
        assert np.array_equal(batch.commit_turn[i], one.commit_turn[0])


def test_breaking_a_commitment_costs_trust_over_turns_and_is_worded():
    sc = build(capital_data(turns=8))
    g = Game(sc, 1)
    assert g.commitments() == []
    g.apply({"india": ["wait", "skip"], "us": ["pledge"]})
    (cm,) = g.commitments("us")
    assert (cm.id, cm.status, cm.turn, cm.label) == (
        "promise",
        "standing",
        1,
        "the promise to hold B",
    )
    assert g.commitments("india") == []
    a0 = g.values()["a"]
    g.apply({"india": ["wait", "skip"], "us": ["renege"]})
    (cm,) = g.commitments()
    assert (cm.status, cm.turn) == ("broken", 2)
    _, causes = period_changes(g, 2)["a"]
    words = dict(causes)
    assert words["United States broke the promise to hold B"] == pytest.approx(-4)
    g.apply({"india": ["wait", "skip"], "us": ["hold"]})
    _, causes = period_changes(g, 3)["a"]
    assert dict(causes)[
        "United States broke the promise to hold B in turn 2 — trust takes time"
    ] == pytest.approx(-4)
    assert g.values()["a"] < a0
    # the penalty is paid once: reneging again on a broken promise costs nothing more
    entries = [e for e in g.state.ledger.entries if e.cause.kind == "broken"]
    assert len(entries) == 3 and describe(g, entries[0].cause).startswith("United States broke")


def test_a_commitment_can_lapse_kept_or_break_on_a_condition():
    d = capital_data(turns=8)
    d["commitments"][0]["lasts"] = 2
    d["commitments"].append(
        {
            "id": "cap_b",
            "role": "us",
            "label": "the cap on B",
            "made_by": ["usd.hold"],
            "broken_when": "b > 70",
            "penalty": [{"target": "a", "add": -5}],
        }
    )
    sc = build(d)
    g = Game(sc, 1)
    g.apply({"india": ["wait", "skip"], "us": ["pledge"]})
    g.apply({"india": ["wait", "skip"], "us": ["hold"]})
    g.apply({"india": ["wait", "skip"], "us": ["hold"]})
    states = {c.id: (c.status, c.turn) for c in g.commitments()}
    assert states == {"promise": ("kept", 3), "cap_b": ("standing", 3)}
    assert g.state.commit[0, 0] == KEPT
    g.state.values[0, sc.scope.indicators["b"]] = 80
    g.apply({"india": ["wait", "skip"], "us": ["pledge"]})
    states = {c.id: c.status for c in g.commitments()}
    assert states == {"promise": "standing", "cap_b": "broken"}


def _yaml(d: dict) -> str:
    import json

    return json.dumps(d)  # JSON is YAML: the loader reads it with positions


def test_lint_warns_of_unpayable_costs_costly_decisions_and_unbreakable_promises():
    d = capital_data()
    d["events"][0]["options"][0]["cost"] = 7  # more than the maximum, 6
    d["events"][1]["options"][1]["cost"] = 1  # every option of `also` costs something
    d["commitments"].append(
        {"id": "forever", "role": "us", "label": "a promise", "made_by": ["usd.hold"]}
    )
    result = load_bytes(_yaml(d), "unit.yaml", lint=True)
    assert result.ok, [x.format() for x in result.errors]
    warned = [x.message for x in result.diagnostics if x.severity == "warning"]
    assert any(
        "costs 7, more than india's political capital can ever hold (6)" in w for w in warned
    )
    assert any("every option of 'also' costs political capital" in w for w in warned)
    assert any("'forever' can never be broken" in w for w in warned)
    assert any("breaking 'forever' costs nothing" in w for w in warned)
    assert not any("'promise'" in w for w in warned)


def test_a_cost_needs_a_resource_for_the_deciding_role():
    d = capital_data()
    d["events"][2]["options"][0]["cost"] = 1  # the US has no resource
    result = load_bytes(_yaml(d), "unit.yaml")
    assert [x.message for x in result.errors] == [
        "a cost needs a resource for us: add `resources: {us: {indicator: ...}}`"
    ]


def test_scenarios_without_the_new_sections_play_as_before():
    d = base()
    d["events"] = [decision("push", "india", [("x", [{"target": "a", "add": 5}]), ("y", [])])]
    sc = build(d)
    assert sc.resource_cols == (-1, -1) and sc.commitments == ()
    g = Game(sc, 2)
    assert g.resource("india") is None and g.commitments() == []
    assert g.pending("india")[0].options[0].affordable


def test_the_table_refuses_a_second_answer_the_budget_cannot_cover():
    from game.table import Table

    sc = build(capital_data())
    t = Table.new(sc, ref="unit", seed=1, humans=["india"])
    assert t.choose("india", 0, 0)  # spend: 2 of 3
    out = t.choose("india", 1, 0)  # spend2: 2 more
    assert not out and out.code == "unaffordable" and "costs 4" in reason(out)
    assert t.choose("india", 1, 1)  # skip is free
    assert not isinstance(t.resolve(), type(out))
    assert t.game.resource("india").value == pytest.approx(2.6)


def test_the_terminal_shows_costs_refuses_what_the_turn_cannot_pay_and_lists_promises(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "unit.yaml"
    path.write_text(_yaml(capital_data()), "utf-8")
    # hot seat: India tries both costly answers (refused), then the US pledges; next
    # turn the US looks at its dashboard (d) and breaks the pledge, and India asks for
    # every cause of the turn's changes (w)
    keys = "\n1\n1\n2\n\n1\n\n\n1\n2\n\nd\n2\n\nw\n1\n2\n"
    out = subprocess.run(
        [sys.executable, "-m", "game", "play", str(path), "--text", "--human", "india,us"]
        + ["--seed", "1"],
        input=keys,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in out.stderr
    text = out.stdout
    assert "Political capital: 3.0 of 6 (+1.5 next turn from A)" in text
    assert "1. Spend  [costs 2 political capital]" in text
    # the second decision counts the first answer's cost
    assert "Political capital: 1.0 of 6 left after your other answer (+1.5 next turn" in text
    assert "1. Spend2  [costs 2 political capital; 1.0 left after your other answer]" in text
    assert "Not possible: 'Spend + Spend2' costs 4 political capital; 3.0 left." in text
    # making and breaking a commitment is said beside the option, with the penalty; a
    # note too long for the option's line has a line of its own, never cut
    assert (
        "  1. Pledge\n      [Makes the promise to hold B; breaking it would cost A −12 over 3 turns]\n"
        in text
    )
    assert "  1. Pledge\n      [Renews the promise to hold B]\n" in text
    assert "\u2026]" not in text
    assert "2. Renege  [Breaks the promise to hold B: A −12 over 3 turns]" in text
    assert "Commitment: the promise to hold B: standing since turn 1" in text
    assert "United States broke the promise to hold B" in text


def test_presentation_counts_staged_costs_and_names_what_an_option_does_to_a_promise():
    from game.presentation import (
        capital_status,
        capital_text,
        commitment_line,
        commitment_notes,
        cost_chip,
        cost_tag,
        regen_text,
    )

    g = Game(build(capital_data()), 1)
    cs = capital_status(g, "india")
    assert (cs.value, cs.max, cs.staged, cs.left) == (3.0, 6.0, 0.0, 3.0)
    assert cs.regen == pytest.approx(1.5) and cs.sources == ("A",)  # 1 + a/100, a = 50
    assert capital_text(cs) == "Political capital: 3.0 of 6"
    assert regen_text(cs) == "+1.5 next turn from A"
    assert cost_chip(2) == "cost 2" and cost_chip(0) == "" and cost_tag(2, cs).startswith("costs 2")
    # with "spend" staged for the first decision, the second sees 1.0 left
    staged = capital_status(g, "india", {0: 0}, slot=1)
    assert staged.staged == 2.0 and not staged.affords(2) and staged.affords(1)
    assert capital_text(staged) == "Political capital: 1.0 of 6 left after your other answer"
    assert cost_tag(2, staged) == "costs 2 political capital; 1.0 left after your other answer"
    # the staged answer of the decision shown is not counted against itself
    assert capital_status(g, "india", {0: 0}, slot=0).staged == 0
    # the status with nothing staged, given, counts only the answers (the window's way)
    due = g.pending("india")
    assert capital_status(g, "india", {0: 0}, 1, due, base=cs) == staged
    assert capital_status(g, "india", {0: 0}, 0, due, base=cs) == cs
    # a promise is made by one option; breaking is only said while it stands
    assert [n.kind for n in commitment_notes(g, "us", "usd", "pledge")] == ["makes"]
    assert commitment_notes(g, "us", "usd", "renege") == []
    assert capital_status(g, "us") is None
    g.apply({"india": [1, 1], "us": [0]})
    (note,) = commitment_notes(g, "us", "usd", "renege")
    assert note.kind == "breaks" and note.text == "Breaks the promise to hold B: A −12 over 3 turns"
    assert commitment_notes(g, "us", "usd", "pledge")[0].text.startswith("Renews")
    (cm,) = g.commitments("us")
    assert commitment_line(g, cm) == "the promise to hold B: standing since turn 1"
    g.apply({"india": [1, 1], "us": [1]})
    (cm,) = g.commitments("us")
    assert commitment_line(g, cm) == "the promise to hold B: broken in turn 2"


def test_an_objective_on_a_sum_of_indicators_shows_its_value_and_distance():
    from game.presentation import objective_status
    from game.scenario.loader import load

    g = Game(load("tariff_friction"), 1)
    duties = next(o for o in objective_status(g, "india") if o.id == "tariff_relief")
    v = g.values()
    (b,) = duties.bounds
    assert b.value == pytest.approx(v["recip_tariff"] + v["oil_penalty"])
    assert b.op == "<=" and b.threshold == 25 and b.met == (b.value <= 25)
    assert b.label == "US reciprocal tariff + Russian-oil penalty"
    assert b.value_text == f"{b.value:.0f}%" and b.limit_text == "25%"
    gap = f"{abs(b.value - 25):.0f}%"
    assert b.distance_text == (f"{gap} to spare" if b.met else f"{gap} over")
