"""Hindi in the window: every screen of a scripted game of Tariff Friction, played in Hindi,
draws no English prose (read from the Painter's records at each screen)."""

from __future__ import annotations

import re

import pytest

from game.ui import i18n

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'\u2019][A-Za-z0-9]+)*")
# names, acronyms, units and keys that stay in Latin letters in Hindi text
ALLOWED = {
    *"LAC US USA USTR BTA HAL GE ADMM Plus Quad QUAD Tejas Mk1A Apache Javelin Stryker".split(),
    *"Excalibur Malabar MQ MQ-9B Rosneft Lukoil ISRO iCET INDUS-X COMPACT TRUST BECA COMCASA".split(),
    *"LEMOA GSOMIA TRADE Sea Guardian NASA ANZUS EU UN WTO GDP RBI SOSA ToT WMCC ISR".split(),
    *"MEA iDEX".split(),
    *"bn m Q1 Q2 Q3 Q4 Esc Enter Tab Shift Ctrl PgUp PgDn Home End Space F1 F5 F11 F12".split(),
    *"Up Down Left Right Backspace Delete".split(),
    *"Strategic Convergence STRATEGIC CONVERGENCE".split(),  # the game's name
}
# drawn text that is not prose for a player: an author's diagnostics, the crash details,
# real sources' names and titles (cited as published), a class code
EXEMPT = re.compile(
    r"(\.yaml|\.log|Error:|https?://|\b[A-Z0-9]{2,4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]\b)"
)


def english_words(text: str) -> list[str]:
    """The Latin-letter words of a drawn string that are not names, units or keys."""
    words = []
    for w in LATIN.findall(text):
        if len(w) < 2 or w in ALLOWED or re.fullmatch(r"[A-Z]*-?\d[A-Za-z0-9-]*", w):
            continue
        words.append(w)
    return words


def test_the_rule_catches_english_and_lets_names_through():
    assert english_words("turn 7 of 12") == ["turn", "of"]
    assert english_words("OPTION 1 IN DETAIL") == ["OPTION", "IN", "DETAIL"]
    assert english_words("बारी 7 / 12 \u00b7 LAC \u00b7 $212bn \u00b7 GE F414 \u00b7 P-8I") == []
    assert english_words("Esc \u00b7 F11 \u00b7 Q") == []


@pytest.fixture
def hindi():
    yield i18n.set_language("hi")
    i18n.set_language("en")


def test_every_screen_of_a_game_in_hindi_draws_no_english_prose(tmp_path, hindi, monkeypatch):
    from game.ui import shots

    monkeypatch.setenv("CONVERGENCE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CONVERGENCE_CONFIG_DIR", str(tmp_path / "config"))
    sources = _source_names()
    english_only = _english_only()
    found: dict[str, set[str]] = {}
    drawn = 0

    def on_shot(name: str, app) -> None:
        nonlocal drawn
        if name.startswith(("15-", "16-")):
            return  # an author's error list and the crash screen: checked below
        for rec in app.redraw_all(record=True):
            drawn += 1
            text = rec.text or ""
            if EXEMPT.search(text) or any(s in text for s in sources):
                continue
            if text in english_only or text == "quad":  # (the search typed on the glossary)
                continue
            if english_words(text):
                found.setdefault(text[:120], set()).add(name)

    files = shots.render_screenshots(tmp_path / "shots", language="hi", on_shot=on_shot)
    assert len(files) >= 20 and drawn > 500
    assert not found, "English drawn in Hindi:\n" + "\n".join(
        f"{sorted(where)[0]}: {text!r}" for text, where in sorted(found.items())
    )


def _english_only() -> set[str]:
    """What stays English in Hindi, as the settings say: the other scenarios' names and
    summaries on New game."""
    from game.scenario.loader import bundled_ids, load

    out: set[str] = set()
    for sid in bundled_ids():
        d = load(sid).definition
        if sid != "tariff_friction":
            out |= {" ".join(str(t).split()) for t in (d.title, d.summary)}
    return out | {i18n.shown(t) for t in out}


def _source_names() -> list[str]:
    """Publications named in the scenario's sources and the real timeline (kept as published)."""
    from game.scenario.loader import load

    d = load("tariff_friction").definition
    names = {t.source.publication for t in d.timeline if t.source}
    names |= {t.source.publication for t in d.glossary if t.source}
    return sorted(names)
