"""`python -m game graph`: the scenario's structure, as text, dot, SVG and an HTML page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.graph import build, to_dot, to_text
from tests.builder import base, decision
from tests.builder import build as compile_data

MINIMAL = str(Path(__file__).parent / "scenarios" / "valid" / "minimal.yaml")
needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's dot is not installed (.ci/run installs it)"
)


def _scenario():
    data = base()
    data["indicators"]["a"]["drift"] = "0.1 * (b - a)"
    data["indicators"]["c"] = {"label": "C", "min": 0, "max": 10, "start": 5}
    data["events"] = [
        decision(
            "talks", "india",
            [("open", [{"target": "a", "add": 4}, {"target": "b", "add": "uniform(-4, -2)"}]),
             ("close", [{"target": "a", "add": -1}, {"trigger": "crisis", "after": 2}])],
            when="c > 3",
        ),
        {"id": "crisis", "title": "Crisis", "text": "x", "effects": [{"target": "c", "add": 2}]},
    ]  # fmt: skip
    data["endings"].insert(
        0, {"id": "boom", "title": "Boom", "epilogue": "x", "when": "a > 90", "early": True}
    )
    return compile_data(data)


def test_the_model_links_what_drives_what():
    m = build(_scenario())
    links = {(e.src, e.port, e.dst, e.kind, e.label, e.sign) for e in m.edges}
    assert ("i_b", "", "i_a", "drift", "drift", 0) in links  # a's drift reads b
    assert ("i_c", "", "e_talks", "condition", "if", 0) in links
    assert ("e_talks", "open", "i_a", "effect", "+4", 1) in links
    assert ("e_talks", "open", "i_b", "effect", "~-3", -1) in links  # dice: the mean
    assert ("e_talks", "close", "e_crisis", "trigger", "after 2", 0) in links
    assert ("e_crisis", "", "i_c", "effect", "+2", 1) in links
    assert ("i_a", "", "x_boom", "ending", "", 0) in links
    assert ("i_a", "", "o_a_high", "objective", "", 0) in links
    kinds = {n.id: n.kind for n in m.nodes}
    assert kinds["e_talks"] == "decision" and kinds["e_crisis"] == "news"
    assert m.node("e_talks").options == (("open", "Open"), ("close", "Close"))


def test_text_says_what_moves_each_indicator_and_what_it_moves():
    text = to_text(build(_scenario()))
    a = text[text.index("A [a]  (") : text.index("B [b]  (")]
    assert "moved by:" in a and "drift     B [b]" in a and "Talks [talks] → open +4" in a
    assert "moves:" in a and "ending    Boom [boom]" in a
    assert "Talks [talks] → close  ⇒  Crisis [crisis] (after 2)" in text


def test_dot_names_each_edge_ends_for_the_page_script():
    dot = to_dot(build(_scenario()))
    assert '"e_talks":"open" -> "i_a"' in dot
    assert 'class="edge effect from-e_talks to-i_a"' in dot
    assert 'id="i_a", class="node indicator"' in dot


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", "graph", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_graph_text_in_the_terminal_and_dot_without_graphviz(tmp_path):
    out = run(MINIMAL)
    assert out.returncode == 0 and "Trade [trade_bn]" in out.stdout and "moved by:" in out.stdout
    dot_file = tmp_path / "m.dot"
    assert run(MINIMAL, "-o", str(dot_file)).returncode == 0
    assert dot_file.read_text().startswith("digraph model {")


def test_missing_graphviz_is_a_clear_error(tmp_path):
    env = dict(os.environ, PATH=str(Path(sys.executable).parent))  # python, but no dot
    out = run(MINIMAL, "-o", str(tmp_path / "m.html"), env=env)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert (
        "needs Graphviz's `dot` program" in out.stderr and "apt-get install graphviz" in out.stderr
    )
    assert not (tmp_path / "m.html").exists()


def test_bad_format_and_suffix_are_usage_errors(tmp_path):
    assert run(MINIMAL, "--format", "png").returncode == 2
    out = run(MINIMAL, "-o", str(tmp_path / "m.png"))
    assert out.returncode == 2 and "add --format" in out.stderr


@needs_dot
def test_svg_and_self_contained_html_page(tmp_path):
    svg = tmp_path / "m.svg"
    assert run(MINIMAL, "-o", str(svg)).returncode == 0
    text = svg.read_text()
    assert "<svg" in text and 'id="i_trade_bn"' in text and "Talks" in text

    page = tmp_path / "m.html"
    out = run("tariff_friction", "-o", str(page))
    assert out.returncode == 0, out.stderr
    html = page.read_text()

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.srcs: list[str] = []
            self.ids: set[str] = set()

        def handle_starttag(self, tag, attrs):
            d = dict(attrs)
            self.srcs += [v for k, v in attrs if k in ("src", "href") and v]
            if d.get("id"):
                self.ids.add(d["id"])

    tags = Tags()
    tags.feed(html)
    assert tags.srcs == [] or all(s.startswith("#") for s in tags.srcs)  # nothing fetched
    assert {"i_trade_bn", "e_in_oil_sourcing", "graph", "info"} <= tags.ids
    assert "addEventListener('mouseenter'" in html and "@media print" in html
