"""A hot-seat debrief printed to A4 by a real browser: a one-page summary, then the detail.

Debian's chromium through Playwright, as the server's browser tests do: skipped where it is
missing on a developer's machine, failing on CI (CI=true) so it can never pass silently.
Before issue 16's work a hot-seat tariff_friction debrief printed on 15 pages.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from game.report.write import write_debrief
from tests.test_report import play, save

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed: .ci/run installs it (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def pages(browser, html: str, tmp: Path) -> int:
    """How many A4 pages the browser prints `html` on."""
    tmp.write_text(html, "utf-8")
    page = browser.new_page()
    page.goto(tmp.as_uri())
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    page.close()
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_a_hot_seat_debrief_prints_a_summary_page_then_the_detail_on_few_pages(browser, tmp_path):
    g = play("tariff_friction", 7, k=2, humans=("india", "us"))
    assert g.is_over() and {c.role for c in g.log if c.note} == {"india", "us"}
    path = save(tmp_path / "pair.json", "tariff_friction", g, humans=["india", "us"])
    html = write_debrief(path, tmp_path / "pair.html").read_text("utf-8")
    n = pages(browser, html, tmp_path / "all.html")
    assert 6 <= n <= 10, f"{n} A4 pages"
    # the summary (ending, scores, at a glance) is one page: the detail starts on page 2
    cut = html.index('<section id="indicators">')
    assert '<section id="glance">' in html[:cut]
    assert pages(browser, html[:cut] + "</main></body></html>", tmp_path / "one.html") == 1
