"""The Hindi translation file of Tariff Friction: every player-facing text of the scenario
has its Hindi, with the same placeholders, and the window shows it."""

from __future__ import annotations

import re

import pytest
import yaml

from game.paths import scenarios_dir
from game.scenario.loader import load
from game.ui import i18n
from game.ui.i18n_scenario import PLACEHOLDER, english, folder, read_file, texts_of

DEVANAGARI = re.compile(r"[\u0900-\u097F]")
RAW = yaml.safe_load((scenarios_dir() / "tariff_friction.yaml").read_text("utf-8"))
FILE = read_file(folder() / "tariff_friction.hi.yaml")


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_every_player_facing_text_has_hindi():
    texts = list(texts_of(RAW))
    assert len(texts) > 500  # names, notes, news, decisions, endings, questions
    kinds = {where.split(".")[-1] for where, _ in texts}
    assert {"briefing", "note", "text", "label", "short", "bias", "epilogue"} <= kinds
    missing = []
    for where, text in texts:
        if isinstance(text, dict):
            assert DEVANAGARI.search(text.get("hi", "")), f"{where}: no Hindi in the scenario file"
        elif _norm(text) not in {_norm(k) for k in FILE}:
            missing.append(f"{where}: {text[:60]!r}")
    assert not missing, "no Hindi for:\n" + "\n".join(missing)


NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def test_entries_are_hindi_with_the_same_placeholders_and_numbers_and_none_is_stale():
    in_scenario = {_norm(english(t)) for _, t in texts_of(RAW)}
    for en, hi in FILE.items():
        assert _norm(en) in in_scenario, f"not (or no longer) in the scenario: {en[:60]!r}"
        assert DEVANAGARI.search(hi), en
        assert sorted(PLACEHOLDER.findall(hi)) == sorted(PLACEHOLDER.findall(en)), en
        # a threshold changed in English must change in Hindi too
        assert sorted(NUMBER.findall(hi)) == sorted(NUMBER.findall(en)), en


@pytest.fixture
def hindi():
    yield i18n.set_language("hi")
    i18n.set_language("en")


def test_the_window_shows_the_hindi_of_each_text(hindi):
    game_text = load("tariff_friction").definition.indicators["trade_bn"].description
    assert DEVANAGARI.search(i18n.shown(_norm(str(game_text))))
    # a text with placeholders, as the game fills it in
    shown = i18n.shown(
        "Indian goods face a 25% reciprocal tariff plus a 25% oil penalty. Industry wants a "
        "response; diplomats want the talks kept alive."
    )
    assert DEVANAGARI.search(shown) and shown.count("25%") == 2
    assert i18n.shown("Bilateral trade") == "द्विपक्षीय व्यापार"
    i18n.set_language("en")
    assert i18n.shown("Bilateral trade") == "Bilateral trade"


def test_a_broken_translation_file_means_english_not_an_error(tmp_path):
    bad = tmp_path / "x.hi.yaml"
    for content in (
        "texts: [",
        "- just a list",
        "texts: {a: b}",
        "language: hi\ntexts: [1, {en: 2}]",
    ):
        bad.write_text(content, "utf-8")
        assert read_file(bad) == {}
    assert read_file(tmp_path / "missing.hi.yaml") == {}


def test_the_shared_glossary_and_timeline_have_hindi():
    raw = yaml.safe_load((scenarios_dir() / "reference" / "india_us.yaml").read_text("utf-8"))
    table = {_norm(k): v for k, v in read_file(folder() / "india_us.hi.yaml").items()}
    texts = [t["term"] for t in raw["glossary"]] + [
        a for t in raw["glossary"] for a in t.get("aliases", [])
    ]
    texts += [t["definition"] for t in raw["glossary"]]
    texts += [e[k] for e in raw["timeline"] for k in ("title", "text") if e.get(k)]
    assert len(texts) > 200
    # acronyms and model names (LAC, GSOMIA, F414, iCET, 2+2) read the same in Hindi
    same = re.compile(r"[A-Za-z0-9+\-]{2,8}")
    missing = [
        t
        for t in texts
        if _norm(t) not in table and not (same.fullmatch(t) and sum(c.islower() for c in t) <= 1)
    ]
    assert not missing, missing
    for en, hi in table.items():
        assert DEVANAGARI.search(hi), en
        assert sorted(NUMBER.findall(hi)) == sorted(NUMBER.findall(en)), en
