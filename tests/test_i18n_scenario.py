"""The Hindi translation of tariff_friction: every short player-facing text has a `hi` entry."""

from __future__ import annotations

import re

import pytest

from game.engine.text import pick
from game.scenario.loader import load

SCENARIO = "tariff_friction"
DEVANAGARI = re.compile(r"[\u0900-\u097F]")
BRACES = re.compile(r"\{[^{}]*\}")


def _translated() -> list[tuple[str, object]]:
    """(where, text) of every field that must carry Hindi."""
    d = load(SCENARIO).definition
    out: list[tuple[str, object]] = [("title", d.title), ("summary", d.summary)]
    for ev in d.events:
        out.append((f"events.{ev.id}.title", ev.title))
        for opt in ev.options:
            out.append((f"events.{ev.id}.options.{opt.id}.label", opt.label))
    for end in d.endings:
        out.append((f"endings.{end.id}.title", end.title))
    for owner in ("india", "us", "shared"):
        for obj in getattr(d.objectives, owner):
            out.append((f"objectives.{owner}.{obj.id}.label", obj.label))
    return out


TEXTS = _translated()


def test_every_kind_of_field_is_covered():
    d = load(SCENARIO).definition
    objectives = sum(len(getattr(d.objectives, o)) for o in ("india", "us", "shared"))
    options = sum(len(ev.options) for ev in d.events)
    assert len(TEXTS) == 2 + len(d.events) + options + len(d.endings) + objectives
    assert len(d.events) > 0 and options > 0 and d.endings and objectives > 0
    assert len(d.objectives.shared) > 0


@pytest.mark.parametrize("where,text", TEXTS, ids=[w for w, _ in TEXTS])
def test_has_hindi(where, text):
    assert isinstance(text, dict), f"{where} is a plain string, not a translated mapping"
    assert text.get("en", "").strip(), f"{where} has no English"
    hi = text.get("hi", "")
    assert hi.strip(), f"{where} has no Hindi"
    assert DEVANAGARI.search(hi), f"{where}: Hindi text has no Devanagari: {hi!r}"


@pytest.mark.parametrize("where,text", TEXTS, ids=[w for w, _ in TEXTS])
def test_placeholders_match(where, text):
    assert sorted(BRACES.findall(text["hi"])) == sorted(BRACES.findall(text["en"])), where


@pytest.mark.parametrize("where,text", TEXTS, ids=[w for w, _ in TEXTS])
def test_pick_chooses_hindi_and_falls_back_to_english(where, text):
    assert pick(text, "hi") == text["hi"]
    assert pick(text, "fr") == text["en"]
    assert pick(text) == text["en"]
