"""`kmg klassen`: show what kmg read from a class list, so that a school can trust it before printing.

This is the one place outside the PDFs where pupil and parent names appear: it is the
school's own check, on its own machine. Nothing here is logged or cached.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ..errors import EXIT_OK
from ..wording import aantal
from . import command
from .common import exit_code_if_cut_off, user_errors

if TYPE_CHECKING:
    from ..classes import ClassList
    from ..classes.rows import SourceTable


class Formaat(StrEnum):
    tekst = "tekst"
    json = "json"


def _format(value: str | None) -> Formaat | None:
    if value is None:
        return None
    key = value.strip().lower()
    if key == "mens":  # as `kmg check` calls the readable form
        return Formaat.tekst
    try:
        return Formaat(key)
    except ValueError:
        # Typer's own wording, so that cli.dutch says it in Dutch like any other bad choice
        raise typer.BadParameter(f"'{value}' is not one of {', '.join(repr(f.value) for f in Formaat)}.") from None


@command("klassen")
def klassen_command(
    file: Path = typer.Argument(
        ...,
        help="De klassenlijst (een export uit ParnasSys, ESIS, Social Schools of Excel).",
        show_default=False,
        readable=False,
        metavar="KLASSENLIJST",
    ),
    formaat: str = typer.Option(
        Formaat.tekst.value, "--formaat", "-f", metavar="<tekst|json>", callback=_format,
        help="Uitvoer: tekst (een tabel om te lezen) of json.",
    ),
) -> None:
    """Toon wat kmg uit de klassenlijst leest: groepen, leerlingen, gezinnen en meldingen."""
    assert isinstance(formaat, Formaat)  # the callback made it one
    exit_code_if_cut_off(EXIT_OK)
    with user_errors():
        from ..classes import build_class_list, read_table

        table = read_table(file)
        class_list = build_class_list(table)
    meldingen = _meldingen(class_list, table)
    if formaat is Formaat.json:
        _print_json(class_list, meldingen)
    else:
        _print_text(class_list, meldingen, "rij" if table.workbook else "regel")


def _meldingen(class_list: ClassList, table: SourceTable) -> list[tuple[int | None, str]]:
    found: list[tuple[int | None, str]] = [(warning.line, warning.message) for warning in class_list.warnings]
    if table.ignored_columns:
        from ..classes.readers.csv import join

        columns = join([f'"{name}"' for name in table.ignored_columns])
        one = len(table.ignored_columns) == 1
        found.append((
            table.header.row if table.header else None,
            f"{'De kolom' if one else 'De kolommen'} {columns} kent kmg niet; kmg slaat {'die' if one else 'ze'} over.",
        ))
    return sorted(found, key=lambda melding: melding[0] or 0)


def report(class_list: ClassList, meldingen: list[tuple[int | None, str]]) -> dict[str, Any]:
    """The JSON object of `--formaat json`: klassen, gezinnen and meldingen."""
    names = {pupil.sleutel: pupil.naam for _, pupil in class_list.pupils()}
    return {
        "klassen": [
            {
                "naam": klass.naam,
                "jaargroepen": sorted(klass.jaargroepen),
                "leerkracht": klass.leerkracht,
                "leerlingen": [{"naam": pupil.naam, "gezin": pupil.gezin} for pupil in klass.leerlingen],
            }
            for klass in class_list
        ],
        "gezinnen": [
            {
                "id": family.id,
                "leerlingen": [names[key] for key in family.leerlingen if key in names],
                "huishoudens": [
                    {
                        "ouders": [parent.label or parent.telefoon for parent in home.ouders],
                        "adres": str(home.adres) if home.adres is not None else None,
                    }
                    for home in family.huishoudens
                ],
            }
            for family in class_list.families
        ],
        "meldingen": [{"regel": line, "bericht": message} for line, message in meldingen],
    }


def _print_json(class_list: ClassList, meldingen: list[tuple[int | None, str]]) -> None:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("_", "-")
    # A cp1252 console would get stand-ins for letters it lacks ("Nguyễn" -> "Nguyen"): escape instead.
    text = json.dumps(report(class_list, meldingen), ensure_ascii=not encoding.startswith("utf"), indent=2)
    typer.echo(text)


def counts(class_list: ClassList) -> dict[str, int]:
    """The figures of the summary (issue 10, point 4)."""
    classes_of: dict[str, set[str]] = {}
    for klass, pupil in class_list.pupils():
        classes_of.setdefault(pupil.gezin, set()).add(klass.slug)
    without = {family.id for family in class_list.families if not family.huishoudens}
    return {
        "groepen": len(class_list),
        "leerlingen": sum(len(klass.leerlingen) for klass in class_list),
        "gezinnen": len(class_list.families),
        "over_groepen": sum(1 for family in class_list.families if len(classes_of.get(family.id, ())) > 1),
        "twee_adressen": sum(1 for family in class_list.families if len(family.huishoudens) > 1),
        "geraden": sum(1 for family in class_list.families if family.geraden),
        "zonder_ouders": sum(1 for _, pupil in class_list.pupils() if pupil.gezin in without),
    }


def _print_text(class_list: ClassList, meldingen: list[tuple[int | None, str]], word: str = "regel") -> None:
    from rich.markup import escape
    from rich.table import Table

    from .report import _console

    console = _console()
    table = Table(title="Wat kmg uit de klassenlijst leest", title_justify="left")
    table.add_column("Groep")
    table.add_column("Jaargroepen")
    table.add_column("Leerkracht")
    table.add_column("Leerlingen", justify="right")
    for klass in class_list:
        years = ", ".join(map(str, sorted(klass.jaargroepen))) or "geen"
        table.add_row(escape(klass.naam), years, escape(klass.leerkracht) or "-", str(len(klass.leerlingen)))
    console.print(table)
    figures = counts(class_list)
    console.print(
        f"{aantal(figures['groepen'], 'groep', 'groepen')}, {aantal(figures['leerlingen'], 'leerling', 'leerlingen')}"
        f" en {aantal(figures['gezinnen'], 'gezin', 'gezinnen')}."
    )
    console.print(f"Gezinnen met kinderen in meer dan één groep: {figures['over_groepen']}")
    console.print(f"Gezinnen die op twee adressen wonen: {figures['twee_adressen']}")
    console.print(f"Gezinnen die kmg heeft geraden (zelfde postcode en achternaam): {figures['geraden']}")
    console.print(f"Leerlingen zonder gegevens van ouders: {figures['zonder_ouders']}")
    if meldingen:
        console.print()
        console.print(f"[bold]Meldingen ({len(meldingen)})[/bold]")
        for line, message in meldingen:
            where = f"{word} {line}: " if line is not None else ""  # a workbook has rows ("rij"), as Excel says
            console.print(f"  - {where}{escape(message)}")
    else:
        console.print("Geen meldingen.")
