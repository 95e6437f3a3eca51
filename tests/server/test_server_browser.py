"""The student and teacher pages in a real browser: Debian's chromium driven by Playwright.

`make test` on CI installs chromium (see .ci/run). Where it is missing these tests are
skipped on a developer's machine, and fail on CI (CI=true) so a missing browser can
never pass silently. Screenshots at 1366x768 go to $SERVER_SHOTS when it is set.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.server.conftest import CODE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SIZE = {"width": 1366, "height": 768}


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


def shot(page, name: str) -> None:
    folder = os.environ.get("SERVER_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def open_page(browser, url: str):
    context = browser.new_context(viewport=SIZE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url)
    return page, errors


def join(page, group: str, role: str = "india", opponent: str = "computer") -> None:
    page.get_by_label("Class code").fill(CODE.lower())
    page.get_by_label("Group name").fill(group)
    page.get_by_label("Players (your names)").fill("Asha, Ben")
    page.locator(f"input[name=role][value={role}]").check()
    page.locator(f"input[name=opponent][value={opponent}]").check()
    page.get_by_role("button", name="Join").click()
    page.wait_for_selector("#game:not([hidden]), #end:not([hidden])")


def decide_by_keyboard(page) -> None:
    """Choose option 1 of every decision with the keyboard, then send with Enter. Where
    option 1 is closed to the player (not legal, or more than the capital left: the key
    then does nothing), the next keys choose the first option that is open."""
    page.wait_for_selector("section.decision")
    n = page.locator("section.decision").count()
    for _ in range(n):
        page.keyboard.press("1")
    send = page.locator("#send")
    for key in "23456789" * 2:
        if send.is_enabled():
            break
        page.keyboard.press(key)
    assert send.is_enabled(), "no option open to the keyboard"
    send.focus()
    page.keyboard.press("Enter")


def turn_text(page) -> str:
    return page.locator("#turn").inner_text()


def test_a_student_plays_a_whole_game_with_the_keyboard(browser, host):
    page, errors = open_page(browser, host.url)
    shot(page, "student-join")
    join(page, "Browser table")
    shot(page, "student-turn")
    assert page.get_by_role("heading", name="Indicators").is_visible()
    page.wait_for_selector("#map svg path.land")
    lit = page.locator("#map svg").get_attribute("aria-label") or ""
    assert lit.startswith("Map. Hot spots this turn: ") and "New Delhi" in lit
    table = page.locator("#indicators").inner_text()
    # money as the desktop writes it (game.presentation.fmt_value): $212.0bn, never 212.0 $bn
    assert re.search(r"\$\d[\d,]*(\.\d+)?bn", table) and not re.search(r"\d \$bn", table)
    for _ in range(40):
        if page.locator("#end").is_visible():
            break
        page.wait_for_selector("#send, #end:not([hidden])")
        if page.locator("#end").is_visible():
            break
        before = turn_text(page)
        decide_by_keyboard(page)
        page.wait_for_function(
            "([t]) => document.getElementById('turn').textContent !== t", arg=[before]
        )
    page.wait_for_selector("#end:not([hidden])")
    shot(page, "student-end")
    assert page.locator("#scores section").count() == 2
    assert re.search(r"\d+ / 100", page.locator("#scores").inner_text())
    assert errors == []


def test_two_groups_play_each_other_and_see_the_other_choice_only_after_the_turn(browser, host):
    india, e1 = open_page(browser, host.url)
    us, e2 = open_page(browser, host.url)
    join(india, "Summit", "india", opponent="group")
    join(us, "Summit", "us")
    decide_by_keyboard(india)
    india.wait_for_selector("text=Waiting for United States")
    assert us.locator("#changes").inner_text().startswith("Nothing has happened yet")
    decide_by_keyboard(us)
    us.wait_for_function("() => document.getElementById('turn').textContent.includes('turn 2')")
    india.wait_for_function("() => document.getElementById('turn').textContent.includes('turn 2')")
    assert "India chose" in us.locator("#changes").inner_text()
    shot(us, "student-paired")
    assert e1 == e2 == []


def test_a_refresh_mid_turn_rejoins_the_group(browser, host):
    page, errors = open_page(browser, host.url)
    join(page, "Refresher")
    decide_by_keyboard(page)
    page.wait_for_function("() => document.getElementById('turn').textContent.includes('turn 2')")
    page.keyboard.press("1")  # a choice in progress, then the page reloads
    page.reload()
    page.wait_for_selector("#game:not([hidden])")
    assert page.locator("#join").is_hidden()
    assert "turn 2" in turn_text(page)
    assert "Refresher" in page.locator("#group").inner_text()
    assert errors == []


def test_the_teacher_pauses_injects_and_downloads_the_report(browser, host):
    student, _ = open_page(browser, host.url)
    join(student, "Watched")
    teacher, errors = open_page(browser, f"{host.url}teacher?token={host.token}")
    teacher.wait_for_selector("text=Watched")
    teacher.get_by_role("button", name="Pause the class").click()
    student.wait_for_selector("#paused:not([hidden])")
    assert student.locator("#send").is_disabled()
    teacher.get_by_role("button", name="Resume the class").click()
    student.wait_for_selector("#paused", state="hidden")
    from game.engine.text import pick
    from game.scenario.loader import load

    news = next(e for e in load("tariff_friction").definition.events if e.role == "none")
    teacher.get_by_label("Event to inject").select_option(news.id)
    teacher.get_by_role("button", name="Inject now").click()
    title = pick(news.title)
    student.wait_for_selector(f"#news h3:has-text({title!r})")
    decide_by_keyboard(student)
    teacher.wait_for_selector("text=How the class chose")
    teacher.wait_for_function("() => document.querySelectorAll('.chose .panel').length > 0")
    shot(teacher, "teacher-dashboard")
    report = teacher.request.get(f"{host.url}teacher/report.html?token={host.token}")
    assert report.status == 200 and "Watched" in report.text()
    grades = teacher.request.get(f"{host.url}teacher/grades.csv?token={host.token}")
    assert grades.status == 200 and "Watched" in grades.text()
    assert errors == []


def test_hot_seat_hands_the_screen_over_between_the_two_sides(browser, host):
    page, errors = open_page(browser, host.url)
    join(page, "Both sides", "both")
    assert page.locator("#rolechips").inner_text().split() == ["India", "United", "States"]
    decide_by_keyboard(page)  # India first
    page.get_by_role("button", name="I play United States: show my decisions").click()
    assert "United States" in page.locator("#send").inner_text()
    decide_by_keyboard(page)
    page.wait_for_function("() => document.getElementById('turn').textContent.includes('turn 2')")
    assert "India chose" in page.locator("#changes").inner_text()
    assert errors == []


def test_a_forecast_shows_each_options_chances_of_the_aims_and_no_single_score(browser, host):
    page, errors = open_page(browser, host.url)
    join(page, "Forecasters")
    page.get_by_role("button", name="Forecast this decision").first.click()
    box = page.locator("div.forecast").first
    box.locator("td").first.wait_for()
    text = box.inner_text()
    shot(page, "student-forecast")
    assert "chance of each aim" in text
    assert "2 of 3 assessments left this turn" in page.locator(".assess-left").first.inner_text()
    assert re.search(r"\b\d{1,3}%", text)
    assert "undefined" not in text and "NaN" not in text
    assert errors == []


def test_costs_capital_and_commitments_show_and_a_pick_counts_against_the_next(browser, host):
    page, errors = open_page(browser, host.url)
    join(page, "Budgeters", "us", opponent="computer")
    capital = page.locator("#capital").inner_text()
    assert re.match(r"Political capital: \d+\.\d of \d+", capital), capital
    first = page.locator("section.decision").first
    costly = first.locator("button.option", has=page.locator(".cost")).first
    chip = costly.locator(".cost").inner_text()
    assert re.fullmatch(r"cost \d+(\.\d)?", chip), chip
    # the option that makes a promise says so, with what breaking it would cost
    promise = first.locator(".promise.makes").first.inner_text()
    assert promise.startswith("Makes the promise") and "breaking it would cost" in promise
    costly.click()
    second = page.locator("section.decision").nth(1)
    staged = second.locator(".capital.staged").inner_text()
    assert "left after your other answer" in staged
    value = float(capital.split(": ")[1].split(" of ")[0])
    left = float(staged.split(": ")[1].split(" of ")[0])
    assert left == round(value - float(chip.split()[1]), 1)
    shot(page, "student-costs")
    assert errors == []
