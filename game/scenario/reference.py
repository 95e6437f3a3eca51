"""The glossary and the real timeline of a scenario: a shared file merged with the scenario's own.

A scenario may name a `reference` file (relative to its own folder, never outside it)
holding a `glossary` and a `timeline`; the scenario's own entries add to it and replace
entries with the same term or id. Events marked `real` must name a timeline entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from game.engine.definitions import Citation, Dated, Reference, Scenario, Term
from game.scenario.checks import Finding, suggest
from game.scenario.yamlpos import YamlError, load_yaml

MAX_BYTES = 262_144


def merge_reference(scn: Scenario, folder: Path | None) -> tuple[Scenario, list, list[Finding]]:
    """The scenario with its reference file merged in, the reference file's diagnostics, and
    findings (in the scenario file) about duplicates and `real` links."""
    diags: list = []
    findings: list[Finding] = []
    shared = Reference()
    if scn.reference is not None:
        shared, diags, problem = _read(scn.reference, folder)
        if problem:
            findings.append(Finding(("reference",), problem))
        if diags:
            shared = Reference()
    findings += _duplicates(scn.glossary, scn.timeline)
    own_terms = {_key(t.term) for t in scn.glossary}
    own_ids = {d.id for d in scn.timeline}
    glossary = [t for t in shared.glossary if _key(t.term) not in own_terms] + list(scn.glossary)
    timeline = [d for d in shared.timeline if d.id not in own_ids] + list(scn.timeline)
    timeline.sort(key=lambda d: d.date)
    glossary.sort(key=lambda t: t.term.casefold())
    ids = {d.id for d in timeline}
    for e, ev in enumerate(scn.events):
        if ev.real is not None and ev.real not in ids:
            findings.append(
                Finding(
                    ("events", e, "real"),
                    f"unknown timeline entry {ev.real!r}{suggest(ev.real, ids)}",
                )
            )
    merged = scn.model_copy(update={"glossary": glossary, "timeline": timeline})
    return merged, diags, findings


def _read(rel: str, folder: Path | None) -> tuple[Reference, list, str]:
    """The reference file's contents, its diagnostics, or why it cannot be used."""
    from game.scenario.loader import Diagnostic, _schema_diagnostics

    if folder is None:
        return Reference(), [], "a scenario read from text cannot use a reference file"
    base = folder.resolve()
    path = (base / rel).resolve()
    if base not in path.parents:
        return Reference(), [], f"reference {rel!r} must be inside the scenario's folder"
    if path.suffix.lower() not in (".yaml", ".yml"):
        # never read (and quote in errors) a file that is not YAML, e.g. homework beside it
        return Reference(), [], f"reference {rel!r} must be a YAML file (.yaml or .yml)"
    shown = str(Path(folder) / rel)
    try:
        if path.stat().st_size > MAX_BYTES:
            return Reference(), [], f"reference {rel!r} is larger than {MAX_BYTES} bytes"
        raw = path.read_bytes()
    except OSError as err:
        return Reference(), [], f"cannot read reference {rel!r}: {err.strerror or err}"
    try:
        doc = load_yaml(raw, shown, max_bytes=MAX_BYTES)
    except YamlError as err:
        return (
            Reference(),
            [Diagnostic(shown, p.mark.line, p.mark.col, p.message) for p in err.problems],
            "",
        )
    if not isinstance(doc.data, dict):
        return Reference(), [Diagnostic(shown, 1, 1, "a reference file is a mapping")], ""
    try:
        ref = Reference.model_validate(doc.data)
    except ValidationError as err:
        return Reference(), sorted(set(_schema_diagnostics(err, doc, shown, Reference))), ""
    dup = _duplicates(ref.glossary, ref.timeline)
    if dup:
        out = []
        for f in dup:
            m = doc.mark(f.path)
            out.append(Diagnostic(shown, m.line, m.col, f.message))
        return Reference(), out, ""
    return ref, [], ""


def _duplicates(glossary: Iterable[Term], timeline: Iterable[Dated]) -> list[Finding]:
    out: list[Finding] = []
    seen: set[str] = set()
    for k, t in enumerate(glossary):
        for name in (t.term, *t.aliases):
            if _key(name) in seen:
                out.append(Finding(("glossary", k, "term"), f"{name!r} is defined twice"))
            seen.add(_key(name))
    ids: set[str] = set()
    for k, d in enumerate(timeline):
        if d.id in ids:
            out.append(Finding(("timeline", k, "id"), f"timeline id {d.id!r} is used twice"))
        ids.add(d.id)
    return out


def _key(term: str) -> str:
    return " ".join(term.casefold().split())


# -- looking terms up ------------------------------------------------------------------------


def find_term(glossary: Iterable[Term], query: str) -> tuple[Term | None, list[str]]:
    """The term matching `query` (its name or an alias, any case), else close names."""
    want = _key(query)
    terms = list(glossary)
    names: dict[str, Term] = {}
    for t in terms:
        for n in (t.term, *t.aliases):
            names[_key(n)] = t
    if want in names:
        return names[want], []
    starts = [t.term for t in terms if any(_key(n).startswith(want) for n in (t.term, *t.aliases))]
    if len(starts) == 1:
        return names[_key(starts[0])], []
    import difflib

    close = difflib.get_close_matches(want, list(names), n=3, cutoff=0.6)
    return None, starts[:5] or sorted({names[c].term for c in close})


def terms_in(glossary: Iterable[Term], texts: Iterable[str]) -> list[Term]:
    """The terms whose name or alias appears (as a whole word) in any of `texts`."""
    blob = "\n".join(texts)
    found = []
    for t in glossary:
        for n in (t.term, *t.aliases):
            flags = 0 if n.isupper() or len(n) <= 4 else re.IGNORECASE
            if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", blob, flags):
                found.append(t)
                break
    return found


def cite(c: Citation) -> str:
    """A citation in one line: publication, date, "title", address."""
    url = f", {c.url}" if c.url else ""
    return f'{c.publication}, {c.date}, "{c.title}"{url}'


def date_label(date: str) -> str:
    """`2025-10-31` as `31 Oct 2025`, `2025-10` as `Oct 2025`."""
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = months[int(parts[1]) - 1] if 1 <= int(parts[1]) <= 12 else parts[1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def before(timeline: Iterable[Dated], start: str) -> list[Dated]:
    """Timeline entries dated before a scenario's start (`YYYY-MM`)."""
    return [d for d in timeline if d.date[:7] < start[:7]]


def after(timeline: Iterable[Dated], start: str) -> list[Dated]:
    """Timeline entries from a scenario's start month on: what really happened next."""
    return [d for d in timeline if d.date[:7] >= start[:7]]


def event_marking(scn: Scenario, event_id: str) -> str:
    """`real: Publication, date` for an event that retells a timeline entry, else `hypothetical`."""
    ev = next((e for e in scn.events if e.id == event_id), None)
    if ev is None or ev.real is None:
        return "hypothetical"
    entry = next((d for d in scn.timeline if d.id == ev.real), None)
    if entry is None:
        return "hypothetical"
    return f"real: {entry.source.publication}, {entry.source.date}"


def real_entry(scn: Scenario, event_id: str) -> Dated | None:
    """The timeline entry an event retells, if any."""
    ev = next((e for e in scn.events if e.id == event_id), None)
    if ev is None or ev.real is None:
        return None
    return next((d for d in scn.timeline if d.id == ev.real), None)


def term_lines(t: Term) -> list[str]:
    """A glossary entry as plain lines: the term (and aliases), definition, date and source."""
    head = t.term + (f" ({', '.join(t.aliases)})" if t.aliases else "")
    lines = [head, t.definition]
    if t.date:
        lines.append(f"Date: {date_label(t.date)}")
    if t.source:
        lines.append(f"Source: {cite(t.source)}")
    return lines
