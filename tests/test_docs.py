"""docs/authoring.md stays true: its scenarios load, play and cover every field of the format."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from game.engine.bots import make_policy
from game.engine.game import Game
from game.scenario.loader import load_bytes, schema_json

DOC = Path(__file__).resolve().parents[1] / "docs" / "authoring.md"
BROKEN = "<!-- broken -->"
FINAL = "<!-- tutorial-final -->"


@dataclass(frozen=True)
class Block:
    """A fenced code block of the page: its language, text, first line and the marker above it."""

    lang: str
    text: str
    line: int
    marker: str


def _blocks(text: str) -> list[Block]:
    """Every fenced block, with the last non-blank line before its opening fence."""
    out: list[Block] = []
    lines = text.splitlines()
    k = 0
    while k < len(lines):
        m = re.match(r"^\s*```(\w*)\s*$", lines[k])
        if not m:
            k += 1
            continue
        before = next((x.strip() for x in reversed(lines[:k]) if x.strip()), "")
        end = next(j for j in range(k + 1, len(lines)) if lines[j].strip().startswith("```"))
        body = "\n".join(lines[k + 1 : end]) + "\n"
        out.append(Block(m.group(1), body, k + 1, before))
        k = end + 1
    return out


@pytest.fixture(scope="module")
def page() -> str:
    return DOC.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def blocks(page: str) -> list[Block]:
    return _blocks(page)


def _yaml_blocks(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.lang == "yaml" and b.marker != BROKEN]


def _is_scenario(block: Block) -> bool:
    return re.search(r"^format: 1$", block.text, re.M) is not None


def _schema_properties() -> set[str]:
    names: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                names.update(props)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(schema_json()))
    return names


def _inline_code_words(page: str) -> set[str]:
    """Words inside `inline code` spans, outside fenced blocks."""
    prose = re.sub(r"^\s*```.*?^\s*```", "", page, flags=re.M | re.S)
    spans = [m.group(2) for m in re.finditer(r"(`+)(.+?)\1", prose)]
    return {w for span in spans for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", span)}


def _final_scenario(blocks: list[Block]) -> str:
    finals = [b for b in blocks if b.marker == FINAL]
    assert len(finals) == 1, f"expected one block under {FINAL}, found {len(finals)}"
    assert finals[0].lang == "yaml"
    return finals[0].text


def test_every_schema_property_is_named_in_code(page: str) -> None:
    names = _schema_properties()
    assert len(names) > 50  # the walk found the schema's fields
    missing = sorted(names - _inline_code_words(page))
    assert not missing, f"fields of the schema never written as `code` in {DOC.name}: {missing}"


def test_yaml_blocks_parse(blocks: list[Block]) -> None:
    for b in _yaml_blocks(blocks):
        try:
            yaml.safe_load(b.text)
        except yaml.YAMLError as err:
            pytest.fail(
                f"{DOC.name}:{b.line}: the yaml block does not parse (mark it {BROKEN}?):\n{err}"
            )


def test_complete_scenarios_validate_cleanly(blocks: list[Block]) -> None:
    scenarios = [b for b in _yaml_blocks(blocks) if _is_scenario(b)]
    assert len(scenarios) >= 2  # the skeleton of step 3 and the complete file
    for b in scenarios:
        result = load_bytes(b.text, f"<yaml block at {DOC.name}:{b.line}>", lint=True)
        assert not result.diagnostics, "\n".join(d.format() for d in result.diagnostics)


def test_final_scenario_validates_without_warnings(blocks: list[Block]) -> None:
    result = load_bytes(_final_scenario(blocks), "tutorial.yaml", lint=True)
    assert result.diagnostics == [], "\n".join(d.format() for d in result.diagnostics)
    assert result.ok and result.compiled is not None


@pytest.mark.parametrize("policy", ["random", "balanced", "floor_manager"])
def test_final_scenario_plays_to_the_end(blocks: list[Block], policy: str) -> None:
    sc = load_bytes(_final_scenario(blocks), "tutorial.yaml").compiled
    assert sc is not None
    turns = sc.definition.period.turns
    bots = {role: make_policy(sc, policy) for role in ("india", "us")}
    endings = set()
    for seed in range(12):
        game = Game(sc, seed)
        for _ in range(turns):
            if game.is_over():
                break
            assert game.apply(game.play_bots(bots)), f"seed {seed}: a bot's answer was rejected"
        assert game.is_over(), f"seed {seed}: not over after {turns} turns"
        ending = game.ending()
        assert ending is not None
        endings.add(ending.id)
        assert all(0 <= s <= 100 for s in game.scores().values())
    assert endings  # every game reached an ending of the scenario


def test_final_scenario_is_the_one_the_tutorial_names(blocks: list[Block]) -> None:
    data = yaml.safe_load(_final_scenario(blocks))
    assert data["id"] == "monsoon_session"
    first_line = _final_scenario(blocks).splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=game/scenario/scenario.schema.json"


def test_commands_named_on_the_page_exist(page: str) -> None:
    from game.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    known = set(sub.choices)  # type: ignore[arg-type]
    named = set(re.findall(r"python -m game ([a-z]+)", page))
    assert named, "the page names no command"
    assert named <= known, f"unknown commands on the page: {sorted(named - known)}"


def test_check_command_of_the_tutorial_passes(blocks: list[Block], tmp_path: Path) -> None:
    """The complete file passes its own expectations, as step 14 shows."""
    path = tmp_path / "monsoon_session.yaml"
    path.write_text(_final_scenario(blocks), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "game", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 failed" in out.stdout


RUN = "<!-- run: final -->"
DOCS = [DOC.parent / n for n in ("authoring.md", "scenario-format.md", "classroom.md")] + [
    DOC.parents[1] / "README.md"
]


def _shown_output(lines: list[str]) -> list[str]:
    """Output lines with the machine-dependent figures (games per second) masked."""
    return [re.sub(r"\([\d,.]+ games/s\)", "(… games/s)", x.rstrip()) for x in lines]


def _follows(expected: list[str], actual: list[str]) -> bool:
    """Whether `actual` shows `expected` line by line, `[…]` standing for any lines."""
    k = 0
    for j, line in enumerate(expected):
        if line == "[…]":
            rest = expected[j + 1 :]
            if not rest:
                return True
            return any(_follows(rest, actual[i:]) for i in range(k, len(actual) + 1))
        if k >= len(actual) or actual[k] != line:
            return False
        k += 1
    return k == len(actual)


def test_examples_marked_to_run_print_what_the_page_shows(
    blocks: list[Block], tmp_path: Path
) -> None:
    """Blocks under `<!-- run: final -->` run against the complete tutorial file."""
    (tmp_path / "monsoon_session.yaml").write_text(_final_scenario(blocks), encoding="utf-8")
    runnable = [b for b in blocks if b.marker == RUN]
    assert len(runnable) >= 6
    for b in runnable:
        first, *shown = b.text.rstrip("\n").splitlines()
        assert first.startswith(("$ python -m game ", "$ (echo ")), (
            f"{DOC.name}:{b.line}: not a command"
        )
        # pipes into and out of `python` run through the shell, with this test's Python
        py = shlex.quote(sys.executable) + " "
        line = re.sub(r"^\$ python ", py, first).replace("| python ", "| " + py)
        line = re.sub(r"^\$ ", "", line)
        out = subprocess.run(
            line, shell=True, capture_output=True, text=True, timeout=600, cwd=tmp_path
        )
        actual = _shown_output((out.stdout + out.stderr).splitlines())
        assert _follows(_shown_output(shown), actual), (
            f"{DOC.name}:{b.line}: `{first[2:]}` now prints:\n" + "\n".join(actual)
        )


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_command_line_on_the_pages_parses(doc: Path) -> None:
    """Each `$ python -m game ...` line of the docs is a valid command line."""
    from game.cli import build_parser

    parser = build_parser()
    found = re.findall(r"^(?:\$ )?python -m game (.*)$", doc.read_text("utf-8"), re.M)
    # lines with placeholders (SCENARIO, --runs N) are syntax summaries, not examples
    lines = [x.split(" #")[0] for x in found if not re.search(r"\b[A-Z]{1,}\b|\[", x)]
    assert lines, f"{doc.name} shows no command line"
    for line in lines:
        args = shlex.split(line.split(" | ")[0])
        try:
            parser.parse_args(args)
        except SystemExit:
            pytest.fail(f"{doc.name}: `python -m game {line}` is not a valid command line")


def test_docs_name_only_files_that_ship() -> None:
    """No machine paths, and every page or file a doc names exists (or the page writes it)."""
    root = DOC.parents[1]
    for doc in [*sorted((root / "docs").glob("*.md")), root / "README.md"]:
        text = doc.read_text("utf-8")
        assert not re.search(r"(?<![\w.])/(work|home|tmp|root|Users)/", text), doc.name
        for name in set(re.findall(r"[\w./-]+\.md\b", text)):
            written = re.search(rf"-o {re.escape(name)}|wrote {re.escape(name)}", text)
            found = (root / name).exists() or (root / "docs" / name).exists()
            assert found or written, f"{doc.name} names {name}, which does not ship"
