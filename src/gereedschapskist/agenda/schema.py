"""The JSON Schema of the agenda format, generated from the model (never written by hand)."""

from __future__ import annotations

import json
from typing import Any

from .model import Agenda

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def agenda_schema() -> dict[str, Any]:
    schema = Agenda.model_json_schema(mode="validation")
    return {"$schema": SCHEMA_DIALECT, **schema}


def agenda_schema_text() -> str:
    """The schema as stable, pretty JSON text ending in a newline (what gets committed)."""
    return json.dumps(agenda_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
