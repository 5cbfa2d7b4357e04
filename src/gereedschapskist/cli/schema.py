"""`kmg schema`: print the JSON Schema of the agenda format, for editor autocomplete."""

from __future__ import annotations

from pathlib import Path

import typer

from ..agenda.schema import agenda_schema_text
from . import command
from .common import either, user_errors


def planning_schema_text() -> str:
    """The JSON Schema of planning.yaml as stable, pretty JSON text (the planner's model, no OR-Tools)."""
    import json

    from ..planning.config import planning_schema

    return json.dumps(planning_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


@command("schema")
def schema_command(
    output: Path | None = typer.Option(
        None, "--uitvoer", "-o", help="Schrijf het schema naar dit bestand in plaats van naar het scherm."
    ),
    output_alias: Path | None = typer.Option(None, "--output", hidden=True),
    planning: bool = typer.Option(
        False, "--planning", help="Het schema van planning.yaml (de momenten voor kmg plan) in plaats van de agenda."
    ),
) -> None:
    """Toon het JSON-schema van het agendaformaat (voor aanvullen en controle in de editor)."""
    output = either(output, output_alias)
    text = planning_schema_text() if planning else agenda_schema_text()
    if output is None:
        typer.echo(text, nl=False)
        return
    with user_errors():
        from ..fileio import write_text_atomic

        write_text_atomic(output, text)
    typer.echo(f"Schema geschreven naar {output}.", err=True)
