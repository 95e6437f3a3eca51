"""The committed JSON Schema matches the definitions and validates what the loader accepts."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from game.scenario.loader import bundled_ids, scenarios_dir, schema_json

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "game" / "scenario" / "scenario.schema.json"


def test_committed_schema_is_in_sync():
    assert COMMITTED.read_text("utf-8") == schema_json(), (
        "game/scenario/scenario.schema.json is stale: run "
        "`python -m game schema > game/scenario/scenario.schema.json`"
    )


def test_schema_uses_draft7_only():
    schema = json.loads(schema_json())
    jsonschema.Draft7Validator.check_schema(schema)
    text = json.dumps(schema)
    for keyword in ("$defs", "prefixItems", "unevaluatedProperties", "dependentSchemas"):
        assert keyword not in text


def test_every_field_has_a_description_or_is_self_explaining():
    schema = json.loads(schema_json())
    for name, definition in schema["definitions"].items():
        assert definition.get("description"), f"{name} has no description"


def test_bundled_and_fixture_scenarios_validate_against_the_schema():
    validator = jsonschema.Draft7Validator(json.loads(schema_json()))
    files = [scenarios_dir() / f"{i}.yaml" for i in bundled_ids()]
    files.append(Path(__file__).parent / "scenarios" / "valid" / "minimal.yaml")
    for path in files:
        data = yaml.safe_load(path.read_text("utf-8"))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], f"{path.name}: {errors[:3]}"


def test_schema_rejects_what_the_loader_rejects():
    validator = jsonschema.Draft7Validator(json.loads(schema_json()))
    bad = yaml.safe_load(
        (Path(__file__).parent / "scenarios" / "broken" / "unknown_key_near_miss.yaml").read_text()
    )
    assert any("titel" in e.message for e in validator.iter_errors(bad))


def test_every_property_has_a_description_for_editor_hover_help():
    schema = json.loads(schema_json())
    missing = [
        f"{name}.{prop}"
        for name, definition in [("Scenario", schema), *schema["definitions"].items()]
        for prop, spec in definition.get("properties", {}).items()
        if "description" not in spec
    ]
    assert missing == []
