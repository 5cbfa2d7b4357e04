"""`kmg schema`: the JSON Schema, its Dutch descriptions, and the committed copy kept fresh."""

from __future__ import annotations

import json
from pathlib import Path

from gereedschapskist.agenda.schema import agenda_schema, agenda_schema_text

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "agendas" / "kmg-agenda.schema.json"


def test_the_committed_schema_is_not_stale() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == agenda_schema_text(), (
        "agendas/kmg-agenda.schema.json is stale: run `make schema` and commit it"
    )


def test_schema_command_prints_the_schema(kmg) -> None:
    result = kmg("schema")
    assert result.exit_code == 0
    assert json.loads(result.output) == agenda_schema()


def test_schema_command_writes_a_file(kmg, tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    assert kmg("schema", "--output", target).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["$schema"].endswith("2020-12/schema")


def _properties(schema: dict) -> list[tuple[str, dict]]:
    found = list(schema.get("properties", {}).items())
    for definition in schema.get("$defs", {}).values():
        found.extend(definition.get("properties", {}).items())
    return found


def test_every_field_has_a_dutch_description() -> None:
    props = _properties(agenda_schema())
    assert len(props) > 20
    for name, prop in props:
        assert prop.get("description"), f"{name} has no description"
    descriptions = " ".join(p["description"] for _, p in props)
    assert "leerling" in descriptions and "minuten" in descriptions


def test_schema_refuses_unknown_keys_and_allows_text_or_list_questions() -> None:
    schema = agenda_schema()
    assert schema["additionalProperties"] is False
    topic = schema["$defs"]["Onderwerp"]
    assert topic["additionalProperties"] is False
    assert {"type": "string", "minLength": 1} in topic["properties"]["leerling"]["anyOf"]
    assert set(schema["required"]) >= {"versie", "school", "schooljaar", "groepen", "setting", "duur", "onderwerpen"}


def test_example_agendas_point_at_the_schema() -> None:
    for path in (p for p in (REPO / "agendas").glob("*.yaml") if p.name != "planning.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=kmg-agenda.schema.json", path
