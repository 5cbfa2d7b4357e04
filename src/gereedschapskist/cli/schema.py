"""`kmg schema`: print the JSON Schema of the agenda format, for editor autocomplete."""

from __future__ import annotations

from pathlib import Path

import typer

from ..agenda.schema import agenda_schema_text
from . import app
from .common import user_errors


@app.command("schema")
def schema_command(
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Schrijf het schema naar dit bestand in plaats van naar het scherm."
    ),
) -> None:
    """Toon het JSON-schema van het agendaformaat (voor aanvullen en controle in de editor)."""
    text = agenda_schema_text()
    if output is None:
        typer.echo(text, nl=False)
        return
    with user_errors():
        from ..fileio import write_text_atomic

        write_text_atomic(output, text)
    typer.echo(f"Schema geschreven naar {output}.", err=True)
