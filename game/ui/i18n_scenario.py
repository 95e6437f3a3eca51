"""A scenario's words in the player's language, for the window: translation files.

`scenarios/translations/<scenario>.<lang>.yaml` maps each player-facing English text of a
scenario, exactly as the scenario file gives it, to its translation:

    format: 1
    scenario: tariff_friction
    language: hi
    texts:
      - en: Bilateral trade
        hi: द्विपक्षीय व्यापार

Texts with `{indicator}` placeholders keep them (the number is filled in on screen). The
window draws every string through `i18n.shown`, so a translated text appears wherever the
scenario's English would: names, notes in the ledger, news, decisions, endings. Texts the
scenario file itself translates (`{en: ..., hi: ...}`) are read from it as well. A file
that cannot be read, or an entry that is not text, is skipped: a missing translation only
means English on screen, never an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from game.scenario.yamlpos import YamlError, load_yaml

# keys whose string values a player reads (anywhere in a scenario file)
TEXT_KEYS = frozenset(
    {"title", "summary", "name", "briefing", "label", "short", "description", "bias"}
    | {"text", "note", "epilogue"}
)
# top-level sections no player reads on screen (balance bars, calendar, the authors' notes)
SKIP = frozenset({"expectations", "sources", "period", "settings", "format", "id", "reference"})
# (at any depth: a length's own `expectations` too)
PLACEHOLDER = re.compile(r"\{(\w+)(?::[^{}]*)?\}")


def folder() -> Path:
    """Where the translation files are."""
    from game.paths import scenarios_dir

    return scenarios_dir() / "translations"


def texts_of(raw: Any) -> Iterator[tuple[str, Any]]:
    """(where, text) of every player-facing text in a scenario's data (`text` is a string,
    or a mapping of languages for texts the file translates itself)."""

    def walk(node: Any, where: str, key: str) -> Iterator[tuple[str, Any]]:
        if isinstance(node, dict):
            if key in TEXT_KEYS and "en" in node:
                yield where, node
                return
            for k, v in node.items():
                if k not in SKIP:
                    yield from walk(v, f"{where}.{k}" if where else str(k), str(k))
        elif isinstance(node, list):
            for n, item in enumerate(node):
                name = item.get("id", n) if isinstance(item, dict) else n
                sub = f"{where}.{name}"
                yield from walk(item, sub, "text" if key == "questions" else key)
        elif isinstance(node, str) and key in TEXT_KEYS and node.strip():
            yield where, node

    yield from walk(raw, "", "")


def english(text: Any) -> str:
    """The English of a text (a string, or a mapping with `en`)."""
    return str(text.get("en", "")) if isinstance(text, dict) else str(text)


def _load(path: Path) -> Any:
    """A YAML file's data through the project's bounded safe loader (None if it cannot be
    read: a missing translation only means English on screen)."""
    try:
        return load_yaml(path.read_bytes(), path.name).data
    except (OSError, YamlError):
        return None


def read_file(path: Path) -> dict[str, str]:
    """English -> translation of one file ({} if it cannot be read; entries that are not
    two texts are skipped)."""
    data = _load(path)
    if not isinstance(data, dict) or not isinstance(data.get("texts"), list):
        return {}
    lang = str(data.get("language", ""))
    out: dict[str, str] = {}
    for entry in data["texts"]:
        if isinstance(entry, dict):
            en, local = entry.get("en"), entry.get(lang)
            if isinstance(en, str) and isinstance(local, str) and en.strip() and local.strip():
                out[en] = local
    return out


def inline(path: Path, lang: str) -> dict[str, str]:
    """English -> `lang` of the texts a scenario file translates itself."""
    out: dict[str, str] = {}
    for _, text in texts_of(_load(path)):
        if isinstance(text, dict) and isinstance(text.get(lang), str):
            out[english(text)] = text[lang]
    return out


def phrases(lang: str) -> dict[str, str]:
    """English -> `lang` of every bundled scenario that has a translation file, with the
    texts its scenario file translates itself. Keys keep their `{placeholders}`."""
    from game.paths import scenarios_dir

    out: dict[str, str] = {}
    for path in sorted(folder().glob(f"*.{lang}.yaml")):
        scenario = scenarios_dir() / f"{path.name.split('.')[0]}.yaml"
        out.update(inline(scenario, lang))
        out.update(read_file(path))
    return {" ".join(k.split()): " ".join(v.split()) for k, v in out.items()}


def split(table: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """(exact phrases, templates): texts with placeholders become templates whose fields are
    the indicator names (`{recip_tariff}`), so `shown` can match the filled-in text."""
    exact: dict[str, str] = {}
    templates: dict[str, str] = {}
    for en, local in table.items():
        if PLACEHOLDER.search(en):
            templates[PLACEHOLDER.sub(r"{\1}", en)] = PLACEHOLDER.sub(r"{\1}", local)
        else:
            exact[en] = local
    return exact, templates
