"""Loads scenario files in stages and reports every problem as `file:line:col: message`.

Stages: safe YAML with positions → typed definitions (pydantic) → `check_*` passes →
compiled model. Each stage reports all it finds; a later stage runs only when the
earlier ones found no errors, so the author sees every mistake of the first broken
stage at once and never a traceback.
"""

from __future__ import annotations

import difflib
import gc
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from game.engine.compiler import CompiledScenario, compile_scenario
from game.engine.definitions import Scenario
from game.engine.expr import ExprError, Scope, compile_expr
from game.scenario.checks import Finding, run_checks, suggest
from game.scenario.lengths import FULL, check_lengths, derive, lint_lengths
from game.scenario.reference import merge_reference
from game.scenario.yamlpos import Located, Mark, YamlError, load_yaml

MAX_BYTES = 1_048_576
DataPath = tuple[str | int, ...]


class ScenarioError(Exception):
    """A scenario that cannot be played; `diagnostics` says every reason with its position."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.format() for d in diagnostics))


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One message for an author, at a position in a file."""

    file: str
    line: int
    col: int
    message: str
    severity: str = "error"

    def format(self) -> str:
        """`file:line:col: message` (warnings say so)."""
        tag = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}:{self.col}: {tag}{self.message}"

    def to_dict(self) -> dict[str, Any]:
        """Plain data for `--json`."""
        return dict(self.__dict__)


@dataclass
class LoadResult:
    """What loading a file gave: the compiled scenario if it is playable, and every diagnostic."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    scenario: Scenario | None = None
    compiled: CompiledScenario | None = None
    content_hash: str = ""

    @property
    def errors(self) -> list[Diagnostic]:
        """Diagnostics of severity error."""
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def ok(self) -> bool:
        """True when the scenario is playable."""
        return self.compiled is not None and not self.errors


# -- where scenarios live ------------------------------------------------------------------


def scenarios_dir() -> Path:
    """The folder of bundled scenarios, from a checkout or an installed wheel."""
    from game.paths import scenarios_dir as where

    return where()


def bundled_ids() -> list[str]:
    """Ids of the bundled scenarios, in a stable order."""
    order = ["tariff_friction", "tech_export", "lac_tensions", "framework_decade"]
    found = sorted(p.stem for p in scenarios_dir().glob("*.yaml"))
    return [i for i in order if i in found] + [i for i in found if i not in order]


def resolve(name: str) -> Path:
    """A bundled id or a path to a file; FileNotFoundError with a helpful message otherwise."""
    name = split_ref(name)[0]
    if name in bundled_ids():
        return scenarios_dir() / f"{name}.yaml"
    path = Path(name)
    if path.is_file():
        return path
    if path.is_dir():
        raise FileNotFoundError(f"{name} is a folder; give a scenario file or a bundled id")
    hint = suggest(name, bundled_ids())
    raise FileNotFoundError(
        f"no scenario {name!r}{hint}: give a bundled id ({', '.join(bundled_ids())}) or a YAML file"
    )


# -- loading -------------------------------------------------------------------------------


def load_file(path: str | Path, *, lint: bool = False) -> LoadResult:
    """Read and load a scenario file; never raises for bad content."""
    path = Path(path)
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            msg = f"file is too large: {size} bytes (limit {MAX_BYTES})"
            return LoadResult(shown, [Diagnostic(shown, 1, 1, msg)])
        raw = path.read_bytes()
    except OSError as err:
        return LoadResult(shown, [Diagnostic(shown, 1, 1, f"cannot read: {err.strerror or err}")])
    return load_bytes(raw, shown, lint=lint, folder=path.parent)


def load_bytes(
    raw: bytes | str,
    name: str = "<scenario>",
    *,
    lint: bool = False,
    folder: Path | None = None,
) -> LoadResult:
    """Load a scenario from its text; never raises for bad content.

    `folder` is where a `reference` file is looked for (the scenario's own folder).
    """
    # Loading makes tens of thousands of small objects and no reference cycles worth
    # collecting: pausing the cyclic collector meanwhile cuts a quarter of the time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_bytes(raw, name, lint, folder)
    finally:
        if enabled:
            gc.enable()


def _load_bytes(raw: bytes | str, name: str, lint: bool, folder: Path | None = None) -> LoadResult:
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    result = LoadResult(name, content_hash=hashlib.sha256(data).hexdigest()[:16])
    try:
        doc = load_yaml(data, name, max_bytes=MAX_BYTES)
    except YamlError as err:
        result.diagnostics = [
            Diagnostic(name, p.mark.line, p.mark.col, _hint(p.message)) for p in err.problems
        ]
        return result
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else f"{_kind(doc.data)}"
        result.diagnostics = [
            Diagnostic(name, 1, 1, f"a scenario is a mapping of keys, not {kind}")
        ]
        return result

    try:
        scn = Scenario.model_validate(doc.data)
    except ValidationError as err:
        result.diagnostics = sorted(set(_schema_diagnostics(err, doc, name)))
        return result
    findings = run_checks(scn) + check_lengths(scn)
    scn, ref_diags, ref_findings = merge_reference(scn, folder)
    findings += ref_findings
    result.scenario = scn
    expr_findings: list[Finding] = []

    def on_error(path: DataPath, e: ExprError) -> None:
        expr_findings.append(Finding(path, e.message, offset=e.col))

    compiled = compile_scenario(scn, on_error)
    for k, (name_, _ind) in enumerate(scn.indicators.items()):
        start = compiled.start[k]
        if start.constant and not _ind.min <= float(start.fn(None)) <= _ind.max:
            if not isinstance(_ind.start, int | float):  # plain numbers are checked earlier
                findings.append(
                    Finding(
                        ("indicators", name_, "start"),
                        f"start {float(start.fn(None)):g} is outside [{_ind.min}, {_ind.max}]",
                    )
                )
        if compiled.start[k].names or compiled.start[k].refs:
            findings.append(
                Finding(
                    ("indicators", name_, "start"),
                    "a start value cannot depend on other indicators",
                )
            )
    findings += expr_findings
    if lint and not any(f.severity == "error" for f in findings):
        from game.scenario.lint import run_lints

        findings += run_lints(compiled)
        findings += lint_lengths(scn, _variant_errors)
    result.diagnostics = sorted({_at(doc, name, f) for f in findings} | set(ref_diags))
    if not result.errors:
        result.compiled = compiled
    return result


def load(name: str, length: str = FULL) -> CompiledScenario:
    """Load a bundled id or path, raising ScenarioError (with every diagnostic) if unplayable.

    `length` names a shorter telling of the scenario (`lesson`); `full` is the file as written.
    """
    result = load_result(name, length)
    if not result.ok or result.compiled is None:
        raise ScenarioError(result.errors)
    return result.compiled


def with_length(name: str, length: str = FULL) -> str:
    """A scenario reference at a length: `tariff_friction@lesson` (just `name` for full)."""
    return name if length == FULL else f"{name}@{length}"


def split_ref(name: str, length: str = FULL) -> tuple[str, str]:
    """(scenario, length) of a reference such as `tariff_friction@lesson` or `my.yaml@lesson`.

    A name that is an existing file is never split; an explicit `length` other than full wins.
    """
    base, at, tail = name.rpartition("@")
    if at and base and tail.isidentifier() and tail.islower() and not Path(name).is_file():
        return base, (tail if length == FULL else length)
    return name, length


def load_result(name: str, length: str = FULL) -> LoadResult:
    """Load a bundled id or a path (FileNotFoundError if it names nothing), at a length.

    `name` may carry the length itself: `tariff_friction@lesson`.
    """
    name, length = split_ref(name, length)
    path = resolve(name)
    if path.parent == scenarios_dir():
        return _load_bundled(str(path), path.stat().st_mtime_ns, length)
    return at_length(load_file(path), length)


@cache
def _load_bundled(path: str, _mtime: int, length: str = FULL) -> LoadResult:
    if length != FULL:
        return at_length(_load_bundled(path, _mtime), length)
    return load_file(path)


def at_length(result: LoadResult, length: str) -> LoadResult:
    """The result of a loaded file told at `length` (an error diagnostic if it has no such length)."""
    if length == FULL or result.scenario is None or not result.ok:
        return result
    scn = result.scenario
    if length not in scn.lengths:
        have = ", ".join(scn.length_turns())
        msg = f"{scn.id} has no {length!r} length (it has: {have})"
        return LoadResult(result.path, [Diagnostic(result.path, 1, 1, msg)], scn)
    variant = derive(scn, length)
    errors: list[str] = []

    def on_error(path: DataPath, e: ExprError) -> None:
        errors.append(f"in the {length} length, {'.'.join(map(str, path))}: {e.message}")

    compiled = compile_scenario(variant, on_error)
    if errors:
        diags = [Diagnostic(result.path, 1, 1, m) for m in errors]
        return LoadResult(result.path, diags, variant, None, result.content_hash)
    return LoadResult(result.path, list(result.diagnostics), variant, compiled, result.content_hash)


def _variant_errors(variant: Scenario) -> list[Finding]:
    """Expression errors of a derived length (reported at its `lengths` block by lint)."""
    out: list[Finding] = []

    def on_error(path: DataPath, e: ExprError) -> None:
        out.append(Finding(path, f"{'.'.join(map(str, path))}: {e.message}"))

    compile_scenario(variant, on_error)
    return out


# -- turning errors into positions ---------------------------------------------------------


def _hint(message: str) -> str:
    """Add the fix authors most often need to PyYAML's own wording."""
    if "mapping values are not allowed" in message:
        return message + " (put text that contains ': ' in quotes)"
    if "found undefined alias" in message or "found unknown escape" in message:
        return message + " (if this is text, put it in single quotes)"
    return message


def _at(doc: Located, name: str, f: Finding) -> Diagnostic:
    if f.key:
        mark = doc.key_mark(f.path)
    elif f.offset is not None:
        mark = doc.scalar_mark(f.path, f.offset)
    else:
        mark = doc.mark(f.path)
    message = f.message
    written = None if f.key else doc.sexagesimal(f.path)
    if written is not None:
        message += f" (YAML reads {written} as a base-60 number; write a plain number)"
    return Diagnostic(name, mark.line, mark.col, message, f.severity)


_TYPE_WORDS = {
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "string_type": "text",
    "bool_type": "true or false",
    "dict_type": "a mapping",
    "list_type": "a list",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "string_pattern_mismatch": "an id",
    "literal_error": "one of the listed words",
}


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean: quote it if you meant text)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 30 else value[:27] + "..."
        return f"the text {short!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[DataPath, bool]:
    """The part of a pydantic `loc` that exists in the data; True if loc had union tags."""
    path: list[str | int] = []
    node = data
    tagged = False
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        else:
            tagged = True
    return tuple(path), tagged


def _schema_diagnostics(
    err: ValidationError, doc: Located, name: str, model: type[BaseModel] = Scenario
) -> list[Diagnostic]:
    """One diagnostic per problem position, with friendly wording and suggestions."""
    schema = model.model_json_schema()
    by_path: dict[DataPath, list[dict[str, Any]]] = {}
    out: list[Diagnostic] = []
    missing: list[tuple[DataPath, str]] = []
    meant: set[tuple[DataPath, str]] = set()  # (parent, key) an unknown key probably meant
    for e in err.errors():
        loc = tuple(e["loc"])
        kind = e["type"]
        if kind == "extra_forbidden":
            path, _ = _data_path(doc.data, loc)
            key = str(path[-1]) if path else str(loc[-1])
            allowed = _allowed_keys(schema, path[:-1])
            hint = suggest(key, allowed)
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            if close:
                meant.add((path[:-1], close[0]))
            mark = doc.key_mark(path)
            out.append(Diagnostic(name, mark.line, mark.col, f"unknown key {key!r}{hint}"))
            continue
        if kind == "missing":
            parent, _ = _data_path(doc.data, loc[:-1])
            missing.append((parent, str(loc[-1])))
            continue
        path, _ = _data_path(doc.data, loc)
        if loc and loc[-1] == "[key]":
            # A mapping key that is not a valid id: point at the key, not at its value.
            mark = doc.key_mark(path)
            out.append(Diagnostic(name, mark.line, mark.col, _describe([e], path)))
            continue
        by_path.setdefault(path, []).append(e)
    for parent, key in missing:
        if (parent, key) in meant:
            continue  # the misspelt key already says "did you mean"
        mark = doc.mark(parent)
        out.append(Diagnostic(name, mark.line, mark.col, f"missing required key {key!r}"))
    for path, errs in by_path.items():
        mark = doc.mark(path)
        message = _describe(errs, path)
        written = doc.sexagesimal(path)
        if written is not None:
            message += (
                f" (YAML reads {written} as a base-60 number, {errs[0].get('input')!r}; "
                "write a plain number)"
            )
        out.append(Diagnostic(name, mark.line, mark.col, message))
    out += [_at(doc, name, f) for f in _raw_findings(doc.data)]
    return out


_EXPR_KEYS = ("when", "chance", "available", "add", "set", "drift", "start", "broken_when")


def _raw_findings(data: dict[str, Any]) -> list[Finding]:
    """Expression and reference problems found in data that failed the schema.

    Later stages need typed definitions, so without this an author would fix the
    schema errors first and only then learn of a misspelt name in an expression.
    """
    inds = data.get("indicators")
    indicators = {k: i for i, k in enumerate(inds)} if isinstance(inds, dict) else {}
    lads = data.get("ladders")
    ladders = {}
    if isinstance(lads, dict):
        ladders = {k: (0, (0.0,)) for k in lads if isinstance(k, str)}
    events: dict[str, int] = {}
    options: dict[str, int] = {}
    evs = data.get("events") if isinstance(data.get("events"), list) else []
    for ev in evs:
        if isinstance(ev, dict) and isinstance(ev.get("id"), str):
            events.setdefault(ev["id"], len(events))
            opts = ev.get("options")
            for opt in opts if isinstance(opts, list) else []:
                if isinstance(opt, dict) and isinstance(opt.get("id"), str):
                    options.setdefault(f"{ev['id']}.{opt['id']}", len(options))
    cms = data.get("commitments") if isinstance(data.get("commitments"), list) else []
    commitments: dict[str, int] = {}
    for cm in cms:
        if isinstance(cm, dict) and isinstance(cm.get("id"), str):
            commitments.setdefault(cm["id"], len(commitments))
    scope = Scope(indicators, ladders, events, options, commitments)
    found: list[Finding] = []

    def walk(node: Any, path: DataPath) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                p = (*path, key)
                if key in _EXPR_KEYS and isinstance(value, str | int | float) and _is_expr(path):
                    try:
                        compile_expr(value, scope)
                    except ExprError as err:
                        found.append(Finding(p, err.message, offset=err.col))
                elif key == "target" and isinstance(value, str) and indicators and _is_effect(path):
                    if value not in indicators:
                        found.append(
                            Finding(p, f"unknown indicator {value!r}{suggest(value, indicators)}")
                        )
                else:
                    walk(value, p)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i))

    if indicators:
        walk({k: v for k, v in data.items() if k != "sources"}, ())
    return found


def _is_expr(path: DataPath) -> bool:
    # `start` is an expression only on indicators; `set`/`add` only on effects
    return not (path and path[0] == "period")


def _is_effect(path: DataPath) -> bool:
    return len(path) >= 2 and path[-2] == "effects"


def _describe(errs: list[dict[str, Any]], path: DataPath) -> str:
    value = errs[0].get("input")
    kinds = [e["type"] for e in errs]
    if len(errs) == 1 or len(set(kinds)) == 1:
        e = errs[0]
        kind = e["type"]
        if kind == "string_pattern_mismatch":
            pattern = str(e.get("ctx", {}).get("pattern", ""))
            if "[a-z0-9_]" in pattern:
                return (
                    f"{value!r} is not a valid id: use lower-case letters, digits and _, "
                    "starting with a letter"
                )
            if r"\d{4}" in pattern:
                return f'{value!r} is not a month: write "YYYY-MM", e.g. "2025-11"'
            return f"{value!r} does not have the expected form {pattern}"
        if kind == "literal_error":
            expected = e.get("ctx", {}).get("expected", "")
            words = [w.strip(" '") for w in expected.replace(" or ", ",").split(",") if w.strip()]
            return f"{_kind(value)} is not allowed here: expected {expected}{suggest(str(value), words)}"
        if kind in _TYPE_WORDS and kind not in ("literal_error",):
            return f"expected {_TYPE_WORDS[kind]}, got {_kind(value)}"
        msg = str(e.get("msg", "invalid value"))
        msg = msg.replace("Input should be", "should be").replace("Value error, ", "")
        return f"{msg[0].lower()}{msg[1:]}" if msg else "invalid value"
    literal = next((e for e in errs if e["type"] == "literal_error"), None)
    if literal is not None and isinstance(value, str):
        return _describe([literal], path)
    wanted = []
    for k in kinds:
        word = _TYPE_WORDS.get(k)
        if word and word not in wanted:
            wanted.append(word)
    if "a whole number" in wanted and "a number" in wanted:
        wanted.remove("a whole number")
    if "text" in wanted and "a number" in wanted:
        return f"expected a number or an expression (text), got {_kind(value)}"
    return f"expected {' or '.join(wanted) or 'a valid value'}, got {_kind(value)}"


def _allowed_keys(schema: dict[str, Any], path: DataPath) -> list[str]:
    """Property names the schema allows at a data path (for "did you mean")."""
    defs = schema.get("$defs", {})

    def deref(node: dict[str, Any]) -> list[dict[str, Any]]:
        if "$ref" in node:
            return deref(defs[node["$ref"].split("/")[-1]])
        alts = node.get("anyOf") or node.get("oneOf")
        if alts:
            return [x for a in alts for x in deref(a)]
        return [node]

    nodes = deref(schema)
    for part in path:
        nxt: list[dict[str, Any]] = []
        for n in nodes:
            if isinstance(part, int) and "items" in n:
                nxt += deref(n["items"])
            elif isinstance(part, str):
                if part in n.get("properties", {}):
                    nxt += deref(n["properties"][part])
                elif isinstance(n.get("additionalProperties"), dict):
                    nxt += deref(n["additionalProperties"])
                else:
                    nxt += [x for v in n.get("patternProperties", {}).values() for x in deref(v)]
        nodes = nxt
    return [k for n in nodes for k in n.get("properties", {})]


def schema_json() -> str:
    """The JSON Schema (draft-07 keywords) of scenario files, pretty-printed."""
    schema = Scenario.model_json_schema(mode="validation")
    schema = _draft7(schema)
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["title"] = "Strategic Convergence scenario"
    return json.dumps(schema, indent=2, sort_keys=False) + "\n"


def _draft7(node: Any) -> Any:
    """Rewrite 2020-12 keywords pydantic emits into draft-07 ones editors understand."""
    if isinstance(node, dict):
        out = {k: _draft7(v) for k, v in node.items()}
        if "$defs" in out:
            out["definitions"] = out.pop("$defs")
        if "$ref" in out:
            out["$ref"] = out["$ref"].replace("#/$defs/", "#/definitions/")
        if "const" in out and "enum" not in out:
            out["enum"] = [out["const"]]
        if "prefixItems" in out:
            out["items"] = out.pop("prefixItems")
        return out
    if isinstance(node, list):
        return [_draft7(v) for v in node]
    return node


__all__ = [
    "Diagnostic",
    "LoadResult",
    "Mark",
    "ScenarioError",
    "bundled_ids",
    "load",
    "load_bytes",
    "load_file",
    "load_result",
    "resolve",
    "split_ref",
    "with_length",
    "schema_json",
    "scenarios_dir",
]
