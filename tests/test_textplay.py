"""Terminal play: compact turns, quiet turns, news that never repeats, recurring decisions
that change, and the objectives and model commands."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from game.engine.game import Game
from game.scenario.loader import bundled_ids
from game.textplay import HELP, EndOfInput, TextUI
from tests.builder import base, build, decision


def _play_bundled(sid: str, role: str) -> list[str]:
    """A whole game of a bundled scenario, answers piped on stdin (1, 2, 3 in turn, so an
    option that is not available now is followed by the next one)."""
    out = subprocess.run(
        [sys.executable, "-m", "game", "play", sid, "--text", "--seed", "4", "--role", role],
        input="1\n2\n3\n" * 200,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "== The end" in out.stdout
    return out.stdout.splitlines()


def _turns(lines: list[str]) -> list[list[str]]:
    """The transcript cut into turns: from one `== Turn` heading to the next (or the end)."""
    starts = [i for i, x in enumerate(lines) if x.startswith("== Turn")]
    starts.append(next(i for i, x in enumerate(lines) if x.startswith("== The end")))
    return [lines[a:b] for a, b in zip(starts, starts[1:])]


@pytest.mark.parametrize("sid", sorted(bundled_ids()))
def test_a_one_decision_turn_fits_45_lines_of_80_columns(sid: str) -> None:
    role = "india" if sorted(bundled_ids()).index(sid) % 2 == 0 else "us"
    lines = _play_bundled(sid, role)
    assert max(len(x) for x in lines) <= 80
    turns = _turns(lines)
    one = [t for t in turns if sum(x.startswith("DECISION for") for x in t) == 1]
    quiet = [t for t in turns if "nothing for you to decide" in t[0]]
    assert one, f"{sid}: no turn with one decision for {role}"
    assert max(len(t) for t in one) <= 45, max(one, key=len)
    # each turn ends with one line per indicator that moved (at most 6, w for the rest)
    for t in one:
        changed = t.index(next(x for x in t if x.startswith("WHAT CHANGED IN TURN")))
        assert changed > t.index(next(x for x in t if x.startswith("Choose")))
    for t in quiet:  # a heading and one line, then the next turn (or, at the end, the
        # news kept for the next decision)
        said = [x for x in t if x.strip()]
        news = [i for i, x in enumerate(said) if x.startswith("NEWS")]
        assert len(said[: news[0]] if news else said) == 2, t


def _quiet_scenario() -> dict:
    """India decides in turns 1 and 4 only; the US never does; news fires every turn."""
    data = base(turns=5)
    data["events"] = [
        decision(
            "talks",
            "india",
            [("open", [{"target": "a", "add": 5}]), ("shut", [{"target": "a", "add": -5}])],
            when="turn == 1 or turn == 4",
            text="First round.",
            again={"title": "Talks, round two", "text": "The same offer, now with a deadline."},
        ),
        {
            "id": "rain",
            "title": "Monsoon rains",
            "text": "Rain again.",
            "effects": [{"target": "b", "add": 1}],
        },
        {
            "id": "strike",
            "title": "Port strike",
            "text": "Dockers walk out.",
            "effects": [{"target": "a", "add": -1}],
            "again": {"title": "The port strike spreads", "text": "Dockers in Chennai join."},
        },
    ]
    return data


def _ui(data: dict, answers: list[str], humans: tuple[str, ...] = ("india",)) -> tuple[TextUI, str]:
    sc = build(data)
    feed = iter(answers)
    out = io.StringIO()

    def read(prompt: str) -> str:  # as on a pipe: the prompt and the answer are shown
        try:
            line = next(feed)
        except StopIteration:
            raise EndOfInput("End of input.") from None
        out.write(prompt + line + "\n")
        return line

    ui = TextUI(sc, 1, humans=humans, out=out, read=read)
    assert ui.run() == 0
    return ui, out.getvalue()


def test_quiet_turns_need_no_input_and_collapse_into_two_lines() -> None:
    ui, text = _ui(_quiet_scenario(), ["1", "2"])
    assert ui.game.is_over()
    lines = text.splitlines()
    head = next(i for i, x in enumerate(lines) if "nothing for you to decide" in x)
    assert lines[head].startswith("== Turns 2-3/5 - ")
    assert lines[head + 1].startswith("  ") and lines[head + 2] == ""
    assert "Press Enter" not in text
    # the quiet turns' news waits for the next decision
    turn4 = text[text.index("== Turn 4/5") :]
    assert turn4.startswith("== Turn 4/5 - 2027 H2 ===")
    news = turn4.split("DECISION")[0]
    assert "NEWS (since 2026 H2)" in news and "  - 2026 H2: The port strike spreads (hyp" in news
    # the last turn is quiet too, and is reported before the end
    assert "== Turn 5/5 - 2028 H1: nothing for you to decide" in text


def test_news_is_announced_once_or_twice_with_its_again_words() -> None:
    _ui_, text = _ui(_quiet_scenario(), ["1", "1"])
    assert text.count("Monsoon rains: Rain again.") == 1  # fires every turn, announced once
    assert text.count("Port strike: Dockers walk out.") == 1
    # its second time fell in a quiet turn: its `again` headline waits for the next decision
    assert text.count("The port strike spreads") == 1
    g = Game(build(_quiet_scenario()), 1)
    assert g.news() == ["rain", "strike"] and g.appearance("rain") == 1


def test_a_recurring_decision_reads_differently_the_second_time() -> None:
    _ui_, text = _ui(_quiet_scenario(), ["1", "2"])
    assert "DECISION for India: Talks (hypothetical)\n  First round." in text
    assert (
        "DECISION for India: Talks, round two (hypothetical)\n"
        "  The same offer, now with a deadline." in text
    )


def test_objectives_command_shows_threshold_value_distance_and_state() -> None:
    assert "  o     your objectives" in HELP and "  m     how this world works" in HELP
    _ui_, text = _ui(_quiet_scenario(), ["o", "1", "q"])
    block = text[text.index("OBJECTIVES of India") :]
    assert "A high (primary, 100% of the score): not met" in block
    assert "A: 60 or more; now 49, 11 short" in block
    # the short view every turn starts with
    assert "[ ] A high: 49, 11 short" in text


def test_hot_seat_objectives_are_each_players_own() -> None:
    data = _quiet_scenario()
    data["events"].append(decision("deal", "us", [("yes", []), ("no", [])], when="turn == 1"))
    _ui_, text = _ui(data, ["", "o", "1", "", "o", "1", "q"], humans=("india", "us"))
    india = text[text.index("OBJECTIVES of India") :]
    us = text[text.index("OBJECTIVES of United States") :]
    assert "A high" in india.split("Choose")[0] and "B high" not in india.split("Choose")[0]
    assert "B high" in us.split("Choose")[0] and "A high" not in us.split("Choose")[0]


def test_model_command_says_what_moves_each_indicator_and_what_it_moves() -> None:
    data = _quiet_scenario()
    data["indicators"]["b"]["drift"] = "0.1 * (a - b)"
    _ui_, text = _ui(data, ["m", "m b", "m zzz", "1", "q"])
    block = text[text.index("HOW THIS WORLD WORKS") :]
    a = block[block.index("\nA\n") :]
    assert "moved by: 1 decision (Talks); 1 news item (Port strike)" in a
    assert "moves: the trend of B; aims: India: A high (primary)" in a
    assert "moved by: its trend follows A; 1 news item (Monsoon rains)" in block
    assert "drift: 0.1 * (a - b)" in text  # `m b`: the indicator in full
    assert "No indicator matches 'zzz'. Type m for the list." in text


def test_news_after_its_first_time_is_only_announced_when_a_facilitator_fires_it() -> None:
    g = Game(build(_quiet_scenario()), 1)
    assert g.apply({"india": [0]})
    assert g.turn == 2 and "rain" in g.turns[-1].news  # it happened again...
    assert "rain" not in g.news()  # ...without a headline
    assert g.news(1) == ["rain", "strike"]  # the first turn's news, as it was
    assert g.event_headline("strike") == "The port strike spreads: Dockers in Chennai join."
    assert g.event_headline("strike", 1) == "Port strike: Dockers walk out."
    assert g.inject("rain")
    assert "rain" in g.news()


def test_a_third_news_item_shows_by_its_headline_and_n_shows_it_in_full() -> None:
    assert "  n     this turn's news in full" in HELP
    data = _quiet_scenario()
    data["events"].append({"id": "fog", "title": "Fog at the ports", "text": "Ships wait."})
    _ui_, text = _ui(data, ["n", "1", "q"])
    first, asked = text.split("Choose 1-2 > n", 1)
    assert "  - Fog at the ports (hypothetical)" in first and "Ships wait." not in first
    assert "  - Fog at the ports: Ships wait. (hypothetical)" in asked.split("Choose")[0]


def test_a_ladder_keeps_to_one_line_keeping_its_ends_and_the_current_rung() -> None:
    from game.textviews import ladder_line

    names = ["Managed calm", "Patrol friction", "Standoff", "Crisis", "Armed clashes"]
    for rung in range(len(names)):
        shown = [f"[{n}]" if i == rung else n for i, n in enumerate(names)]
        line = ladder_line("LAC escalation", shown, rung, 80)
        assert len(line) <= 80, line
        assert line.startswith("  LAC escalation: Managed calm") or rung == 0
        assert line.endswith("Armed clashes") or line.endswith("[Armed clashes]")
        assert f"[{names[rung]}]" in line
        assert "\u2026" in line  # it did not fit whole at 80 columns
    # wide enough: every rung, no ellipsis
    assert ladder_line("LAC", names, 2, 200) == "  LAC: " + " > ".join(names)
