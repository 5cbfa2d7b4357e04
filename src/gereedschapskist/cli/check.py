"""`kmg check`: validate and lint agendas, for a person (mens) or a machine (json, github)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from ..agenda.load import AgendaFile, repeated_files
from ..errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UserError
from . import command
from .common import either, exit_code_if_cut_off
from .report import print_github, print_human


class Format(StrEnum):
    mens = "mens"
    json = "json"
    github = "github"


# Also accepted, not shown: `tekst`, and `human` from before the Dutch names (school scripts).
_FORMAT_ALIASES = {"tekst": Format.mens, "human": Format.mens}


def _format(value: str | None) -> Format | None:
    if value is None:
        return None
    key = value.strip().lower()
    if key in _FORMAT_ALIASES:
        return _FORMAT_ALIASES[key]
    try:
        return Format(key)
    except ValueError:
        # Typer's own wording, so that cli.dutch says it in Dutch like any other bad choice
        raise typer.BadParameter(f"'{value}' is not one of {', '.join(repr(f.value) for f in Format)}.") from None


def exit_code(files: list[AgendaFile], *, strict: bool) -> int:
    levels = {f.level for file in files for f in file.findings}
    if "error" in levels or (strict and "warning" in levels):
        return EXIT_FINDINGS
    return EXIT_OK


@command("check")
def check_command(
    agendas: list[Path] = typer.Argument(
        ..., help="Een of meer agendabestanden (.yaml).", show_default=False, readable=False, metavar="AGENDA"
    ),
    format: str = typer.Option(
        Format.mens.value, "--formaat", "-f", metavar="<mens|json|github>", callback=_format,
        help="Uitvoer: mens (leesbaar), json of github.",
    ),
    strict: bool = typer.Option(False, "--streng", help="Laat ook waarschuwingen als fout tellen."),
    summary: bool = typer.Option(
        True, "--samenvatting/--geen-samenvatting", help="Toon de samenvatting van tijd en vragen."
    ),
    # the English names from before: they keep working (school scripts), help does not show them
    format_alias: str | None = typer.Option(None, "--format", hidden=True, callback=_format),
    strict_alias: bool = typer.Option(False, "--strict", hidden=True),
    summary_alias: bool | None = typer.Option(None, "--summary/--no-summary", hidden=True),
) -> None:
    """Controleer agenda's op de adviezen uit de gereedschapskist."""
    from ..lint import check_file

    format, strict, summary = either(format, format_alias), strict or strict_alias, either(summary, summary_alias)
    assert isinstance(format, Format)  # the callback made it one

    # One file under two names (./a.yaml, a link) is checked once: counting it twice
    # would suggest building it twice.
    repeats = repeated_files(agendas)
    for path, first in repeats:
        typer.echo(f"kmg: {path} is hetzelfde bestand als {first}; het is één keer gecontroleerd.", err=True)
    skipped = {id(path) for path, _ in repeats}
    files: list[AgendaFile] = []
    unreadable: list[UserError] = []
    for path in (p for p in agendas if id(p) not in skipped):
        try:
            files.append(check_file(path))
        except UserError as exc:
            unreadable.append(exc)
    code = EXIT_USAGE if unreadable else exit_code(files, strict=strict)
    exit_code_if_cut_off(code)  # `kmg check ... | head -1` still says whether there were findings
    if format is Format.json:
        typer.echo(json.dumps([f.to_json() for file in files for f in file.findings], ensure_ascii=False, indent=2))
    elif format is Format.github:
        print_github(files)
    else:
        print_human(files, strict=strict, summary=summary, next_step=not unreadable)
    for exc in unreadable:
        typer.echo(f"kmg: {exc.render()}", err=True)
    raise typer.Exit(code)
