"""The loader on a corpus of broken files: every message, at its position, all at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.scenario.loader import load_bytes, load_file

HERE = Path(__file__).parent / "scenarios"

# file -> every (line, col, message) validate must print for it, in order
EXPECTED = {
    "alias_bomb.yaml": [
        (7, 4, "too many values after expanding aliases (limit 200000): is this an alias bomb?")
    ],
    "alias_amplification.yaml": [
        (
            29,
            8,
            "the document is too large after expanding aliases (more than 2,097,152 characters"
            " of text): is one long value referenced many times?",
        )
    ],
    # the column of the '.', not of the expression's start
    "attribute_in_expr.yaml": [(25, 50, "attribute access ('.__class__') is not allowed")],
    "bad_expression.yaml": [(24, 55, "'>>' is not supported")],
    "bad_format_version.yaml": [(1, 9, "the number 2 is not allowed here: expected 1")],
    "bad_id.yaml": [
        (
            2,
            5,
            "'Minimal-Scenario' is not a valid id: use lower-case letters, digits and _, starting with a letter",
        )
    ],
    "bad_literal.yaml": [
        (10, 75, "the text 'upward' is not allowed here: expected 'up', 'down' or 'none'")
    ],
    "bad_period.yaml": [(5, 17, '\'2026-13\' is not a month: write "YYYY-MM", e.g. "2025-11"')],
    "bad_placeholder.yaml": [
        (7, 44, "text names {trade_bnn}: unknown indicator 'trade_bnn' (did you mean 'trade_bn'?)")
    ],
    "bool_for_text.yaml": [
        (3, 8, "expected text or a mapping, got true (a boolean: quote it if you meant text)")
    ],
    "bool_key.yaml": [(11, 3, "key `no` is read as a boolean: put it in quotes")],
    "comments_only.yaml": [(1, 1, "the file is empty")],
    "control_character.yaml": [(3, 13, "character U+0007 is not allowed in YAML text")],
    "custom_tag.yaml": [(3, 8, "unsupported tag '!custom'")],
    "dangling_target.yaml": [(22, 28, "unknown indicator 'trade' (did you mean 'trade_bn'?)")],
    "dangling_trigger.yaml": [(22, 58, "unknown event 'tlaks' (did you mean 'talks'?)")],
    "bad_resources_and_commitments.yaml": [
        (25, 22, "unknown indicator 'capitl'"),
        (26, 3, "unknown role 'usa' (did you mean 'us'?); roles are india and us"),
        (31, 15, "'talks.open' is a decision of india, not of us"),
        (
            31,
            27,
            "unknown option 'talks.shut' (did you mean 'talks.close'?) (write event_id.option_id)",
        ),
        (33, 24, "unknown indicator 'trsut' (did you mean 'trust'?)"),
    ],
    "deep_nesting.yaml": [(27, 49, "nesting is too deep (limit 24)")],
    # 2,000 levels on one line: libyaml stops at 1,000, the error is still at level 25
    "deep_flow_nesting.yaml": [(4, 31, "nesting is too deep (limit 24)")],
    # the key's line, not the line of its value below
    "dunder_id.yaml": [
        (
            13,
            3,
            "'__class__' is not a valid id: use lower-case letters, digits and _, "
            "starting with a letter",
        )
    ],
    # every string is checked after YAML read its escapes: "\e", "\x1b", "\r", "\b", "\x9b",
    # "\u202e", and a right-to-left override and a zero-width space written raw
    "escaped_control.yaml": [
        (5, 8, "text contains U+001B (ESC), which is not allowed"),
        (6, 10, "text contains U+001B (ESC), which is not allowed"),
        (9, 34, "text contains U+001B (ESC), which is not allowed"),
        (10, 39, "text contains U+000D (CARRIAGE RETURN), which is not allowed"),
        (20, 16, "text contains U+0008 (BACKSPACE), which is not allowed"),
        (23, 16, "text contains U+009B (C1 CONTROL), which is not allowed"),
        (26, 29, "text contains U+202E (RIGHT-TO-LEFT OVERRIDE), which is not allowed"),
        (27, 28, "text contains U+200B (ZERO WIDTH SPACE), which is not allowed"),
        (29, 39, "text contains U+202E (RIGHT-TO-LEFT OVERRIDE), which is not allowed"),
    ],
    "duplicate_event_ids.yaml": [(23, 10, "duplicate event id 'talks' (first is number 1)")],
    "duplicate_keys.yaml": [(4, 1, "duplicate key 'title' (first at line 3)")],
    "duplicate_option_ids.yaml": [(20, 13, "duplicate option id 'open' (first is number 1)")],
    "effect_two_kinds.yaml": [
        (22, 48, "an effect needs exactly one of add, set or trigger (found add and set)")
    ],
    "effect_without_target.yaml": [
        (22, 48, "missing target: which indicator does this `add` change?")
    ],
    "empty.yaml": [(1, 1, "the file is empty")],
    "fallback_not_last.yaml": [
        (27, 5, "the last ending must be the fallback: `when: true` and not early")
    ],
    "import_in_expr.yaml": [(24, 62, "attribute access ('.system') is not allowed")],
    "ladder_bad_indicator.yaml": [
        (15, 16, "unknown indicator 'trst' (did you mean 'trust'?)"),
        (19, 35, "rungs must climb: 20.0 is not above 50.0"),
    ],
    "keyword_id.yaml": [
        (13 + k, 3, f"{word!r} is a reserved word (expressions could not use it as a name)")
        for k, word in enumerate(["and", "if", "not", "lambda", "import"])
    ],
    "lambda_in_expr.yaml": [(10, 88, "only the built-in functions can be called, e.g. min(a, b)")],
    "latin1.yaml": [(3, 11, "not valid UTF-8 text (byte 0xe9)")],
    "list_root.yaml": [(1, 1, "a scenario is a mapping of keys, not a list")],
    "long_expression.yaml": [
        (10, 587, "expression is too long (657 characters; the limit is 500)")
    ],
    "many_errors.yaml": [
        (3, 1, "unknown key 'titel' (did you mean 'title'?)"),
        (22, 28, "unknown indicator 'trade' (did you mean 'trade_bn'?)"),
        (25, 52, "syntax error: invalid syntax"),
    ],
    "merge_key.yaml": [(8, 3, "merge keys (<<) are not supported")],
    "min_above_max.yaml": [
        (11, 40, "max (0) must be greater than min (100)"),
        (11, 50, "start 50 is outside [100, 0]"),
    ],
    "missing_required.yaml": [(1, 1, "missing required key 'summary'")],
    "nan_value.yaml": [(10, 64, "not-a-number and infinity are not allowed")],
    "no_primary.yaml": [(25, 7, "role 'us' needs exactly one primary objective, has 0")],
    "options_without_role.yaml": [
        (16, 7, "options need a role to choose them: set `role: india` or `role: us`")
    ],
    "python_tag.yaml": [(2, 5, "unsupported tag '!!python/object/apply:os.system'")],
    "reserved_indicator_name.yaml": [(11, 3, "'turn' is a reserved name")],
    "start_out_of_range.yaml": [(11, 50, "start 150 is outside [0, 100]")],
    "string_in_expr.yaml": [
        (
            25,
            53,
            "text in quotes is only allowed as the argument of fired(), since(), chose(), pledged() or broken()",
        )
    ],
    "syntax_error.yaml": [
        (4, 8, "did not find expected ',' or ']' (while parsing a flow sequence at line 3)")
    ],
    "tabs.yaml": [(4, 1, "tab character: indent with spaces")],
    "too_few_options.yaml": [(17, 7, "a decision for india needs 2 to 4 options, it has 1")],
    "too_many_options.yaml": [(17, 7, "a decision for india needs 2 to 4 options, it has 5")],
    "translation_without_english.yaml": [(3, 8, "translations must include English (`en`)")],
    "two_documents.yaml": [(3, 1, "only one YAML document is allowed")],
    "unknown_actor.yaml": [(16, 12, "unknown actor 'chna'")],
    "unknown_chose_ref.yaml": [(25, 51, "unknown option 'talks.opn' (did you mean 'talks.open'?)")],
    "unknown_indicator_field.yaml": [(11, 11, "unknown key 'lable' (did you mean 'label'?)")],
    "unknown_key_near_miss.yaml": [(3, 1, "unknown key 'titel' (did you mean 'title'?)")],
    "unknown_name_in_expr.yaml": [(10, 94, "unknown name 'trade_b' (did you mean 'trade_bn'?)")],
    "unknown_role.yaml": [
        (7, 3, "missing role 'us'"),
        (8, 3, "unknown role 'usa' (did you mean 'us'?); roles are india and us"),
    ],
    "unsafe_exponent.yaml": [(10, 99, "the exponent of '**' must be between -8 and 8, got 999")],
    "utf16.yaml": [
        (
            1,
            1,
            "not valid UTF-8 text (byte 0xff): the file looks like UTF-16 or UTF-32; save it as UTF-8",
        )
    ],
    "wrong_type_list.yaml": [(12, 12, "expected a list, got a mapping")],
    "wrong_type_turns.yaml": [(5, 55, "expected a whole number, got the text 'four'")],
    "sexagesimal_turns.yaml": [
        (
            6,
            55,
            "should be less than or equal to 60 (YAML reads 1:30 as a base-60 number, 90; "
            "write a plain number)",
        )
    ],
    "zero_turns.yaml": [(5, 55, "should be greater than or equal to 1")],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_reports_every_error_at_its_position(name):
    result = load_file(HERE / "broken" / name)
    got = [(d.line, d.col, d.message) for d in result.errors]
    assert got == EXPECTED[name]
    assert result.compiled is None


def test_corpus_is_complete():
    files = sorted(p.name for p in (HERE / "broken").glob("*.yaml"))
    assert files == sorted(EXPECTED)


def test_valid_fixture_loads_clean():
    result = load_file(HERE / "valid" / "minimal.yaml")
    assert result.diagnostics == []
    assert result.ok and result.compiled is not None


def test_validate_cli_exit_codes_and_format():
    broken = HERE / "broken" / "many_errors.yaml"
    out = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(broken), str(HERE / "valid")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    lines = [ln for ln in out.stdout.splitlines() if ln]
    assert lines == [f"{broken}:{a}:{b}: {m}" for a, b, m in EXPECTED["many_errors.yaml"]]
    ok = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(HERE / "valid")],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr


def test_python_tag_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = f"format: 1\nid: !!python/object/apply:os.system ['touch {marker}']\n"
    result = load_bytes(text, "evil.yaml")
    assert not marker.exists()
    assert result.errors and "unsupported tag" in result.errors[0].message


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff\xfe\x00garbage",
        b"a: [" * 3000,
        b"- " * 5000 + b"x",
        b"&a [*a]",
        b"{}",
        b"[]",
        b"format: 1\n" * 3,
        "title: \u0000".encode(),
    ],
)
def test_garbage_never_raises(raw):
    result = load_bytes(raw, "junk.yaml")
    assert result.errors
    assert all(d.line >= 1 and d.col >= 1 for d in result.errors)


def test_lint_warnings_and_strict(tmp_path):
    text = (HERE / "valid" / "minimal.yaml").read_text()
    text = text.replace(
        "  trust: {label: Trust",
        "  idle: {label: Idle, start: 5}\n  trust: {label: Trust",
    )
    text = text.replace(
        "    role: india\n", '    role: india\n    when: "trust > 500"\n    hotspots: [malaca]\n', 1
    )
    text = text.replace(
        "label: Stay closed", "label: " + "Stay closed and say nothing at all, whatever happens"
    )
    text = text.replace(
        "endings:\n",
        'endings:\n  - {id: never, title: Never, epilogue: x, when: "trade_bn > 900"}\n',
    )
    path = tmp_path / "lint.yaml"
    path.write_text(text)
    result = load_file(path, lint=True)
    assert result.ok and not result.errors
    messages = [d.message for d in result.diagnostics if d.severity == "warning"]
    expected = [
        "indicator 'idle' is never changed and never read",
        "the condition of 'talks' never holds",
        "hot spot 'malaca' is not on the map (did you mean 'malacca'?)",
        "option label is 52 characters long",
        "ending 'never' can never be reached",
    ]
    for fragment in expected:
        assert any(fragment in m for m in messages), (fragment, messages)
    ok = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(path)], capture_output=True, text=True
    )
    assert ok.returncode == 0 and ": warning: " in ok.stdout
    strict = subprocess.run(
        [sys.executable, "-m", "game", "validate", "--strict", str(path)],
        capture_output=True,
        text=True,
    )
    assert strict.returncode == 1


def test_oversized_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# padding\n" * 110_000)
    result = load_file(path)
    assert [(d.line, d.col) for d in result.errors] == [(1, 1)]
    assert result.errors[0].message.startswith("file is too large: 1100000 bytes")


def test_a_reference_file_must_be_yaml_inside_the_scenarios_folder(tmp_path):
    secret = tmp_path / "homework.txt"
    secret.write_text("glossary: my secret essay\n")
    scenario = tmp_path / "s.yaml"
    text = (HERE / "valid" / "minimal.yaml").read_text("utf-8")
    for ref, words in (("homework.txt", "must be a YAML file"), ("../x.yaml", "inside")):
        scenario.write_text(text + f"reference: {ref}\n", "utf-8")
        result = load_file(scenario)
        messages = " ".join(d.message for d in result.errors)
        assert words in messages and "secret" not in messages


def test_lint_objective_words_must_name_the_condition_s_thresholds():
    from game.scenario.lint import lint_objective_labels
    from tests.builder import base, build

    data = base()
    data["objectives"]["india"][0].update(
        label="A at 55 or more", description="A at 60 or more, and B at 12% or less."
    )
    data["objectives"]["us"][0].update(label="B at 60 or more")  # agrees: no warning
    data["objectives"]["india"][0]["when"] = "a >= 60 or b <= 12"
    found = list(lint_objective_labels(build(data)))
    assert [(f.path, "'55 or more'" in f.message) for f in found] == [
        (("objectives", "india", 0, "label"), True)
    ]
    for path in sorted(Path(__file__).parent.parent.glob("scenarios/*.yaml")):
        result = load_file(path, lint=True)
        assert not [d for d in result.diagnostics if "condition's numbers" in d.message], path


def test_lint_a_decision_that_can_come_back_word_for_word():
    from game.scenario.lint import lint_repeats
    from tests.builder import base, build, decision

    data = base(turns=6)
    effects = [{"target": "a", "add": 1}]
    data["events"] = [
        decision("talks", "india", [("x", effects), ("y", effects)]),  # any turn: warned
        decision("once_only", "india", [("x", effects), ("y", effects)], once=True),
        decision("turn_two", "india", [("x", effects), ("y", effects)], when="turn == 2"),
        decision(
            "again_said",
            "us",
            [("x", effects), ("y", effects)],
            again={"title": "Again", "text": "Back again."},
        ),
    ]
    found = list(lint_repeats(build(data)))
    assert [f.path for f in found] == [("events", 0)]
    assert "'talks' can come back (on turns 1 to 6)" in found[0].message
