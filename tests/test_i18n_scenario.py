"""The Hindi translation of tariff_friction: every short player-facing text has a `hi` entry."""

from __future__ import annotations

import re

import pytest
import yaml

from game.engine.text import pick
from game.paths import scenarios_dir
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


# the kinds of short player-facing text that must carry Hindi, as paths in the YAML file
# ("#" stands for any list item, named by its `id` in `where`)
MUST_TRANSLATE = {
    ("title",),
    ("summary",),
    ("events", "#", "title"),
    ("events", "#", "options", "#", "label"),
    ("endings", "#", "title"),
    ("objectives", "india", "#", "label"),
    ("objectives", "us", "#", "label"),
    ("objectives", "shared", "#", "label"),
}


def _fields_in_file() -> dict[str, tuple[str, ...]]:
    """Every field of the scenario file of a kind in MUST_TRANSLATE, read from the YAML
    itself (not through the loader): `where` -> kind."""
    raw = yaml.safe_load((scenarios_dir() / f"{SCENARIO}.yaml").read_text("utf-8"))
    out: dict[str, tuple[str, ...]] = {}

    def walk(node: object, kind: tuple[str, ...], where: tuple[str, ...]) -> None:
        if kind in MUST_TRANSLATE:
            out[".".join(where)] = kind
            return
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*kind, str(key)), (*where, str(key)))
        elif isinstance(node, list):
            for item in node:
                name = str(item.get("id")) if isinstance(item, dict) else "?"
                walk(item, (*kind, "#"), (*where, name))

    walk(raw, (), ())
    return out


def test_every_kind_of_field_is_covered():
    in_file = _fields_in_file()
    assert {kind for kind in in_file.values()} == MUST_TRANSLATE  # every kind occurs
    assert sorted(in_file) == sorted(where for where, _ in TEXTS)  # and every field is checked


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
