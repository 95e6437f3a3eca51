"""Tests for game.scenario.yamlpos: safe YAML loading with positions for every value."""

from __future__ import annotations

import os
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario import yamlpos
from game.scenario.yamlpos import Located, Mark, Problem, YamlError, load_yaml

LOADERS = [pytest.param(yaml.SafeLoader, id="pure-python")]
if getattr(yaml, "CSafeLoader", None) is not None:
    LOADERS.insert(0, pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(autouse=True, params=LOADERS)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """Run every test with the C loader and with the pure-Python fallback."""
    monkeypatch.setattr(yamlpos, "_LOADER", request.param)
    return request.param


def problems_of(text: str | bytes, **kwargs: int) -> list[Problem]:
    with pytest.raises(YamlError) as caught:
        load_yaml(text, "s.yaml", **kwargs)
    return caught.value.problems


def only_problem(text: str | bytes, **kwargs: int) -> Problem:
    problems = problems_of(text, **kwargs)
    assert len(problems) == 1, problems
    return problems[0]


SCENARIO = """\
# A scenario
title: Test
events:
  - id: first
    options:
      - id: opt_a
        text: 'Say hello'
      - {id: opt_b, text: "quoted"}
  - id: second
    note: |
      block text
"""


# --- positions --------------------------------------------------------------------------------


def test_plain_data_and_nested_positions() -> None:
    doc = load_yaml(SCENARIO, "s.yaml")
    assert doc.data["events"][0]["options"][1] == {"id": "opt_b", "text": "quoted"}
    assert doc.mark(("title",)) == Mark(2, 8)
    assert doc.mark(("events", 0, "options", 0, "id")) == Mark(6, 13)
    assert doc.mark(("events", 0, "options", 1, "text")) == Mark(8, 27)
    assert doc.mark(("events", 1, "note")) == Mark(10, 11)


def test_list_item_and_key_positions() -> None:
    doc = load_yaml(SCENARIO)
    assert doc.mark(("events", 1)) == Mark(9, 5)
    assert doc.mark(("events", 0, "options", 1)) == Mark(8, 9)
    assert doc.key_mark(("events", 0, "options")) == Mark(5, 5)
    assert doc.key_mark(("events", 0, "options", 1, "text")) == Mark(8, 21)
    # A list item has no key: key_mark falls back to the item itself.
    assert doc.key_mark(("events", 1)) == Mark(9, 5)


def test_unknown_paths_fall_back_to_nearest_ancestor() -> None:
    doc = load_yaml(SCENARIO)
    assert doc.mark(("events", 0, "missing", 3)) == Mark(4, 5)
    assert doc.key_mark(("events", 0, "missing")) == Mark(4, 5)
    assert doc.mark(()) == Mark(1, 1)
    assert doc.mark(("nope",)) == Mark(1, 1)
    assert doc.has(("events", 0, "options", 0, "text"))
    assert doc.has(())
    assert not doc.has(("events", 0, "missing"))
    assert not doc.has(("events", 7))


def test_scalar_mark_plain_and_quoted() -> None:
    doc = load_yaml(SCENARIO)
    # plain: `first` starts at col 9
    assert doc.scalar_mark(("events", 0, "id"), 0) == Mark(4, 9)
    assert doc.scalar_mark(("events", 0, "id"), 3) == Mark(4, 12)
    # single-quoted: the quote is at col 15, `Say` starts at 16
    assert doc.scalar_mark(("events", 0, "options", 0, "text"), 0) == Mark(7, 16)
    assert doc.scalar_mark(("events", 0, "options", 0, "text"), 4) == Mark(7, 20)
    # double-quoted, inside a flow mapping
    assert doc.scalar_mark(("events", 0, "options", 1, "text"), 2) == Mark(8, 30)


def test_scalar_mark_falls_back_for_block_and_multiline_scalars() -> None:
    doc = load_yaml("a: |\n  x y\nb: 'one\n  two'\nc: plain\n  continued\n")
    assert doc.data == {"a": "x y\n", "b": "one two", "c": "plain continued"}
    assert doc.scalar_mark(("a",), 2) == doc.mark(("a",)) == Mark(1, 4)
    assert doc.scalar_mark(("b",), 2) == Mark(3, 4)
    assert doc.scalar_mark(("c",), 2) == Mark(5, 4)
    assert doc.scalar_mark(("missing",), 2) == Mark(1, 1)


def test_positions_count_characters_not_bytes() -> None:
    doc = load_yaml("naïve: 'café au lait'\n".encode())
    assert doc.mark(("naïve",)) == Mark(1, 8)
    assert doc.scalar_mark(("naïve",), 5) == Mark(1, 14)


def test_aliases_are_expanded_and_point_at_the_anchor() -> None:
    doc = load_yaml("base: &b {hp: 3, tags: [x]}\nunit: *b\n")
    assert doc.data["unit"] == {"hp": 3, "tags": ["x"]}
    # Expanded aliases are copies, so editing one does not change the other.
    assert doc.data["unit"] is not doc.data["base"]
    assert doc.mark(("unit", "hp")) == Mark(1, 15)
    assert doc.key_mark(("unit",)) == Mark(2, 1)


def test_list_root_is_returned() -> None:
    doc = load_yaml("- 1\n- two\n")
    assert doc.data == [1, "two"]
    assert doc.mark((1,)) == Mark(2, 3)


def test_yaml_11_scalars_resolve_as_pyyaml_does() -> None:
    doc = load_yaml(
        "a: yes\nb: off\nc: 0x10\nd: 1_000\ne: 1.5\nf: ~\ng: 1e5\nh: '12'\ni: !!str 7\n"
    )
    assert doc.data == {
        "a": True,
        "b": False,
        "c": 16,
        "d": 1000,
        "e": 1.5,
        "f": None,
        "g": "1e5",
        "h": "12",
        "i": "7",
    }


def test_timestamps_stay_strings() -> None:
    doc = load_yaml("start: 2025-11-01\nat: 2025-11-01 10:30:00\nend: !!timestamp 2026-01-01\n")
    assert doc.data == {"start": "2025-11-01", "at": "2025-11-01 10:30:00", "end": "2026-01-01"}


def test_lone_equals_and_merge_sign_values_are_text() -> None:
    # PyYAML's own safe_load chokes on a bare `=`; here both are just strings.
    assert load_yaml("op: =\nshift: <<\n").data == {"op": "=", "shift": "<<"}


# --- the problem list ----------------------------------------------------------------------------


def test_all_problems_reported_at_once_in_file_order() -> None:
    text = "title: A\nbad: !custom x\nitems:\n  - 1\ntitle: B\nitems: []\n"
    problems = problems_of(text)
    assert problems == [
        Problem(Mark(2, 6), "unsupported tag '!custom'"),
        Problem(Mark(5, 1), "duplicate key 'title' (first at line 1)"),
        Problem(Mark(6, 1), "duplicate key 'items' (first at line 3)"),
    ]


def test_duplicate_in_nested_mapping_and_inside_duplicate_value() -> None:
    text = "a:\n  x: 1\n  x: 2\na:\n  y: !!binary aGk=\n"
    assert problems_of(text) == [
        Problem(Mark(3, 3), "duplicate key 'x' (first at line 2)"),
        Problem(Mark(4, 1), "duplicate key 'a' (first at line 1)"),
        Problem(Mark(5, 6), "unsupported tag '!!binary'"),
    ]


def test_error_string_is_file_line_col_message() -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml("a: 1\na: 2\nb: !x 3\n", "scen/x.yaml")
    assert str(caught.value) == (
        "scen/x.yaml:2:1: duplicate key 'a' (first at line 1)\n"
        "scen/x.yaml:3:4: unsupported tag '!x'"
    )
    assert caught.value.name == "scen/x.yaml"


def test_python_object_tags_are_rejected_and_never_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: os.PathLike[str]
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args))
    marker = os.path.join(tmp_path, "ran")
    text = (
        'run: !!python/object/apply:os.system ["echo hi"]\n'
        f"also: !!python/object/apply:builtins.open [{marker!r}, 'w']\n"
        "name: !!python/name:os.system\n"
    )
    assert problems_of(text) == [
        Problem(Mark(1, 6), "unsupported tag '!!python/object/apply:os.system'"),
        Problem(Mark(2, 7), "unsupported tag '!!python/object/apply:builtins.open'"),
        Problem(Mark(3, 7), "unsupported tag '!!python/name:os.system'"),
    ]
    assert calls == []
    assert not os.path.exists(marker)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !custom x\n", "unsupported tag '!custom'"),
        ("a: !custom {b: 1}\n", "unsupported tag '!custom'"),
        ("a: !!set {b, c}\n", "unsupported tag '!!set'"),
        ("a: !!omap [b: 1]\n", "unsupported tag '!!omap'"),
        ("a: !!merge x\n", "unsupported tag '!!merge'"),
        ("a: !<tag:example.com,2000:x> 1\n", "unsupported tag 'tag:example.com,2000:x'"),
        ("a: !!map x\n", "tag '!!map' cannot be used on a single value"),
        ("a: !!str [1]\n", "tag '!!str' cannot be used on a list"),
    ],
)
def test_unsupported_tags(text: str, message: str) -> None:
    assert only_problem(text) == Problem(Mark(1, 4), message)


def test_merge_key_is_rejected() -> None:
    text = "base: &b {x: 1}\nunit:\n  <<: *b\n  y: 2\n"
    assert only_problem(text) == Problem(Mark(3, 3), "merge keys (<<) are not supported")
    # A quoted '<<' is an ordinary key.
    assert load_yaml("'<<': 1\n").data == {"<<": 1}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no: 1\n", "key `no` is read as a boolean: put it in quotes"),
        ("On: 1\n", "key `On` is read as a boolean: put it in quotes"),
        ("3: x\n", "key `3` is read as a number: put it in quotes"),
        ("1.5: x\n", "key `1.5` is read as a number: put it in quotes"),
        ("~: x\n", "key `~` is read as null: put it in quotes"),
        ("null: x\n", "key `null` is read as null: put it in quotes"),
        ("? [a, b]\n: x\n", "a key must be a plain string, not a list"),
        ("? {a: b}\n: x\n", "a key must be a plain string, not a mapping"),
        ("? \n: x\n", "a key is missing (empty key)"),
    ],
)
def test_keys_must_be_strings(text: str, message: str) -> None:
    problem = only_problem(text)
    assert problem.message == message
    assert problem.mark.line == 1


def test_quoted_keys_are_fine() -> None:
    assert load_yaml("'no': 1\n\"3\": 2\n").data == {"no": 1, "3": 2}


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "1.0e+999", "!!float nan"])
def test_nan_and_infinity_rejected(value: str) -> None:
    problem = only_problem(f"x: {value}\n")
    assert problem == Problem(Mark(1, 4), "not-a-number and infinity are not allowed")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!int abc", "cannot read `abc` as an integer"),
        ('!!int ""', "cannot read `` as an integer"),
        ("!!float x", "cannot read `x` as a number"),
        ("!!bool maybe", "cannot read `maybe` as a boolean"),
        ("0b_", "cannot read `0b_` as an integer"),
    ],
)
def test_unreadable_typed_scalars(value: str, message: str) -> None:
    assert only_problem(f"x: {value}\n") == Problem(Mark(1, 4), message)


def test_huge_numbers_are_refused_before_conversion(monkeypatch: pytest.MonkeyPatch) -> None:
    # Long sexagesimal ints take quadratic time in PyYAML; they must be refused up front,
    # never handed to its conversion (counted, not timed: a busy machine moves no figure).
    converted: list[int] = []
    real = yaml.constructor.SafeConstructor.construct_yaml_int

    def spy(self, node):  # noqa: ANN001, ANN202
        converted.append(len(node.value))
        return real(self, node)

    monkeypatch.setattr(yaml.constructor.SafeConstructor, "construct_yaml_int", spy)
    text = "x: 1" + ":59" * 100_000 + "\n"
    problem = only_problem(text)
    assert problem.message == f"number is too long ({len(text) - 4} characters)"
    assert converted == []
    load_yaml("x: 1:59\n")  # a short one still goes through PyYAML's conversion
    assert converted == [4]


# --- whole-file problems -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n", "# just a comment\n  # another\n", b""])
def test_empty_file(text: str | bytes) -> None:
    assert only_problem(text) == Problem(Mark(1, 1), "the file is empty")


@pytest.mark.parametrize(
    ("text", "mark"),
    [("a:\n\tb: 1\n", Mark(2, 1)), ("a: 1\n\tb: 2\n", Mark(2, 1)), ("\ta: 1\n", Mark(1, 1))],
)
def test_tab_indentation_gets_a_friendly_message(text: str, mark: Mark) -> None:
    assert only_problem(text) == Problem(mark, "tab character: indent with spaces")


def test_syntax_error_position() -> None:
    problem = only_problem("title: x\nitems: [1, 2\nnext: 3\n")
    assert problem.mark.line in (3, 4)
    assert "while parsing a flow sequence at line 2" in problem.message
    problem = only_problem("a: 1\nb: c: d\n")
    assert problem.mark == Mark(2, 5)
    assert problem.message.startswith("mapping values are not allowed")


def test_undefined_alias() -> None:
    problem = only_problem("a: 1\nb: *nowhere\n")
    assert problem.mark == Mark(2, 4)
    assert problem.message.startswith("found undefined alias")


def test_two_documents() -> None:
    problems = problems_of("a: 1\n---\nb: 2\n")
    assert problems == [Problem(Mark(2, 1), "only one YAML document is allowed")]
    # The first document is still checked.
    problems = problems_of("a: !x 1\n---\nb: 2\n")
    assert [p.message for p in problems] == [
        "unsupported tag '!x'",
        "only one YAML document is allowed",
    ]


def test_invalid_utf8_points_at_the_bad_byte() -> None:
    problem = only_problem(b"title: ok\nname: caf" + b"\xff\n")
    assert problem == Problem(Mark(2, 10), "not valid UTF-8 text (byte 0xff)")
    problem = only_problem("é: x\né: \xe9\n".encode("latin-1"))
    assert problem == Problem(Mark(1, 1), "not valid UTF-8 text (byte 0xe9)")


def test_utf16_is_not_utf8() -> None:
    problem = only_problem("title: x\n".encode("utf-16"))
    assert problem.mark == Mark(1, 1)
    assert problem.message.startswith("not valid UTF-8 text (byte 0xff)")


def test_bom_is_stripped() -> None:
    for text in (b"\xef\xbb\xbftitle: x\n", "\ufefftitle: x\n"):
        doc = load_yaml(text)
        assert doc.data == {"title": "x"}
        assert doc.key_mark(("title",)) == Mark(1, 1)


def test_control_characters_are_reported_with_position() -> None:
    assert only_problem("a: 1\nb: x\x07y\n") == Problem(
        Mark(2, 5), "character U+0007 is not allowed in YAML text"
    )
    assert only_problem("a: '\ud800'\n").message == "character U+D800 is not allowed in YAML text"


@pytest.mark.parametrize("escape", ["\\Ua0010000", "\\U00110000", "\\ud800", "\\udfff"])
def test_bad_unicode_escapes_are_problems(escape: str) -> None:
    # libyaml refuses these itself; the pure-Python scanner crashes in chr() or builds a lone
    # surrogate, and both must still come out as a YamlError with a position.
    problem = only_problem(f'a: 1\nb: "x{escape}"\n')
    assert problem.mark.line == 2


def test_oversize_input() -> None:
    assert only_problem(b"a: " + b"x" * 98, max_bytes=100) == Problem(
        Mark(1, 1), "file is too large: 101 bytes (limit 100)"
    )
    # str input is measured in UTF-8 bytes: 3 + 2 * 6 = 15.
    assert only_problem("a: " + "é" * 6, max_bytes=14).message == (
        "file is too large: 15 bytes (limit 14)"
    )
    assert load_yaml("a: " + "é" * 6, max_bytes=15).data == {"a": "éééééé"}
    big = "a: x\n" * 250_000
    assert only_problem(big).message == "file is too large: 1250000 bytes (limit 1048576)"


# --- hostile structure ---------------------------------------------------------------------------


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly() -> None:
    start = time.perf_counter()
    problem = only_problem(billion_laughs())
    assert time.perf_counter() - start < 1
    assert problem.message == (
        "too many values after expanding aliases (limit 200000): is this an alias bomb?"
    )


def test_alias_budget_counts_expanded_values() -> None:
    text = billion_laughs(levels=2)  # about 1,300 values once expanded
    assert load_yaml(text).data["a2"][9][9][9] == "lol"
    assert "alias bomb" in only_problem(text, max_nodes=100).message


def test_recursive_alias_is_reported() -> None:
    problem = only_problem("a: &x [1, *x]\n")
    assert problem == Problem(
        Mark(1, 4), "an alias refers to a value that contains it (recursive alias)"
    )
    problem = only_problem("a: &x {b: *x}\n")
    assert problem.message.endswith("(recursive alias)")


def nested_block(levels: int) -> str:
    return "".join("  " * i + f"k{i}:\n" for i in range(levels)) + "  " * levels + "leaf\n"


def test_nesting_limit_is_exact() -> None:
    assert load_yaml(nested_block(24)).has(tuple(f"k{i}" for i in range(24)))
    assert load_yaml("[" * 24 + "]" * 24).data is not None
    assert only_problem(nested_block(25)) == Problem(Mark(25, 49), "nesting is too deep (limit 24)")
    assert only_problem("[" * 25 + "]" * 25) == Problem(
        Mark(1, 25), "nesting is too deep (limit 24)"
    )
    assert only_problem(nested_block(6), max_depth=5).message == "nesting is too deep (limit 5)"


def test_deep_block_nesting() -> None:
    assert only_problem(nested_block(200)).message == "nesting is too deep (limit 24)"
    # past 1000 levels newer libyaml stops first, further along the line; same message
    problem = only_problem("- " * 5000 + "x\n")
    assert problem.message == "nesting is too deep (limit 24)" and problem.mark.line == 1


def test_deep_flow_nesting_does_not_crash(loader: type) -> None:
    # libyaml's composer recurses on the C stack with no guard: this must never reach it.
    for depth in (300, 999):
        problem = only_problem("[" * depth + "]" * depth)
        assert problem == Problem(Mark(1, 25), "nesting is too deep (limit 24)")
    # Past 1000 levels newer libyaml stops first, further along the line; same message.
    # (The pure-Python scanner is slow on the huge case and has no C stack to blow.)
    for depth in (5000, 400_000) if loader is not yaml.SafeLoader else (5000,):
        problem = only_problem("[" * depth + "]" * depth)
        assert problem.message == "nesting is too deep (limit 24)"
        assert problem.mark.line == 1
    assert only_problem("{a: " * 5000 + "}" * 5000).message == "nesting is too deep (limit 24)"


def test_deep_nesting_reported_along_with_other_problems() -> None:
    problems = problems_of("a: 1\na: 2\nb: " + "[" * 30 + "]" * 30 + "\n")
    assert [p.message for p in problems] == [
        "duplicate key 'a' (first at line 1)",
        "nesting is too deep (limit 24)",
    ]


# --- never anything but YamlError ----------------------------------------------------------------

YAMLISH = st.text(alphabet=list("ab01 -:?[]{},&*!|>'\"#%@`~.<=\n\t\\\r") + ["\ufeff", "é"])
FUZZ = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_loads_or_refuses(data: str | bytes) -> None:
    try:
        result = load_yaml(data)
    except YamlError as error:
        assert error.problems
        assert all(p.mark.line >= 1 and p.mark.col >= 1 for p in error.problems)
    else:
        assert isinstance(result, Located)


@FUZZ
@given(st.text())
def test_arbitrary_text_never_crashes(text: str) -> None:
    assert_loads_or_refuses(text)


@FUZZ
@given(st.binary())
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    assert_loads_or_refuses(data)


@FUZZ
@given(YAMLISH)
def test_yaml_like_text_never_crashes(text: str) -> None:
    assert_loads_or_refuses(text)
