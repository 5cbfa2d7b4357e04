"""`kmg build`: check the agendas, then print a guide and note forms for every class."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import EXIT_FINDINGS, EXIT_USAGE
from ..wording import aantal as _plural
from . import command
from .common import either, exit_code_if_cut_off, fail, user_errors
from .systemlibs import harfbuzz_tip, require_pango

if TYPE_CHECKING:
    from ..batch import JobResult


@command("build")
def build_command(
    agendas: list[Path] = typer.Argument(
        ..., help="Een of meer agendabestanden (.yaml).", show_default=False, readable=False, metavar="AGENDA"
    ),
    classes: Path | None = typer.Option(
        None, "--klassen", "-k", help="Klassenlijst (CSV-export uit ParnasSys, ESIS of Excel).", readable=False
    ),
    out: Path = typer.Option(Path("out"), "--uitvoer", "-o", help="Map waarin de PDF's komen."),
    templates: Path | None = typer.Option(
        None, "--sjablonen", help="Map met eigen sjablonen; die gaan voor de ingebouwde.", readable=False
    ),
    jobs: int | None = typer.Option(
        None, "--processen", "-j", min=1, max=64, help="Aantal processen tegelijk (standaard: alle processorkernen)."
    ),
    force: bool = typer.Option(False, "--opnieuw", help="Maak alles opnieuw, ook wat niet veranderd is."),
    # the English names from before: they keep working (school scripts), help does not show them
    classes_alias: Path | None = typer.Option(None, "--classes", hidden=True, readable=False),
    out_alias: Path | None = typer.Option(None, "--out", hidden=True),
    templates_alias: Path | None = typer.Option(None, "--templates", hidden=True, readable=False),
    jobs_alias: int | None = typer.Option(None, "--jobs", min=1, max=64, hidden=True),
    force_alias: bool = typer.Option(False, "--force", hidden=True),
    verbose: bool = typer.Option(
        False, "--uitgebreid", "-v", help="Toon bij meldingen van WeasyPrint en Jinja ook de Engelse tekst."
    ),
    verbose_alias: bool = typer.Option(False, "--verbose", hidden=True),
) -> None:
    """Maak per groep de leidraad en een gespreksformulier voor elke leerling (PDF)."""
    from ..agenda.load import refuse_repeated_files
    from ..lint import check_file
    from .report import print_human

    classes, out, templates = either(classes, classes_alias), either(out, out_alias), either(templates, templates_alias)
    jobs, force, verbose = either(jobs, jobs_alias), force or force_alias, verbose or verbose_alias
    started = time.monotonic()
    exit_code_if_cut_off(EXIT_USAGE)  # `kmg build ... | head -1` stops the build: not every PDF is made
    with user_errors(verbose=verbose):
        if templates is not None and templates.exists() and not templates.is_dir():
            raise fail(f"{templates}: dit is een bestand, geen map. Geef bij --sjablonen de map met sjablonen.")
        if templates is not None and not templates.is_dir():
            raise fail(f"{templates}: deze map met sjablonen bestaat niet.")
        _check_out_dir(out)
        refuse_repeated_files(agendas)
        checked = [check_file(path) for path in agendas]
        if any(f for file in checked for f in file.findings):
            print_human(checked, strict=False, summary=False)
        if any(f.level == "error" for file in checked for f in file.findings):
            typer.echo("kmg: er zijn fouten in de agenda; los die eerst op. Er is niets gemaakt.", err=True)
            raise typer.Exit(EXIT_FINDINGS)
        class_list = None
        if classes is not None:
            from ..classes import read_class_list

            class_list = read_class_list(classes)
            for warning in class_list.warnings:
                typer.echo(f"Let op: {warning}", err=True)
        from ..batch import make_plan
        from ..classes.model import unserved_message

        plan = make_plan([(file.path, file.agenda) for file in checked if file.agenda], class_list)
        for klass in plan.unserved:
            typer.echo(f"Let op: {unserved_message(klass)}", err=True)
        if not plan.jobs:
            raise fail("er is niets te maken: geen groep past bij de 'groepen' van de agenda's.", EXIT_FINDINGS)
        pages, files, pupils = _run(plan.jobs, out, templates, jobs, force, verbose)
    seconds = time.monotonic() - started
    typer.echo(
        f"Klaar: {_plural(len(plan.jobs), 'groep', 'groepen')}, {_plural(pupils, 'leerling', 'leerlingen')}, "
        f"{_plural(pages, 'pagina', 'pagina’s')} in {_plural(files, 'bestand', 'bestanden')}, "
        f"in {seconds:.1f} s. De PDF's staan in {out.resolve()}/"
    )
    if (tip := harfbuzz_tip()) is not None:
        typer.echo(tip, err=True)


def _run(
    jobs_: list, out: Path, templates: Path | None, workers: int | None, force: bool, verbose: bool = False
) -> tuple[int, int, int]:
    from ..batch import execute
    from ..cache import Manifest, templates_digest
    from ..resources import builtin_template_dir

    template_dirs = (templates,) if templates else ()
    digest = templates_digest([*template_dirs, builtin_template_dir()])
    manifest = Manifest(out)
    keys = {job.folder: job.key(digest) for job in jobs_}  # a folder is unique per job
    todo = [job for job in jobs_ if force or not manifest.is_fresh(job.folder, keys[job.folder], job.outputs())]
    fresh = [job for job in jobs_ if job.folder not in {t.folder for t in todo}]
    pages = sum(manifest.pages(job.folder) for job in fresh)
    files = 2 * len(fresh)
    pupils = sum(job.pupils for job in fresh)
    if fresh:
        typer.echo(f"{_plural(len(fresh), 'groep is', 'groepen zijn')} niet veranderd sinds de vorige keer.")
    if not todo:
        return pages, files, pupils
    require_pango()  # in this process, before any worker starts: one Dutch sentence, not a traceback
    results = _remember_warnings(execute(todo, out, template_dirs=template_dirs, workers=workers), warnings := [])
    try:
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
            with Progress(*columns, console=Console(stderr=True)) as progress:
                task = progress.add_task("PDF's maken", total=len(todo))
                for result in results:
                    manifest.record(result.job.folder, keys[result.job.folder], result.job.outputs(), result.pages)
                    pages, files, pupils = pages + result.pages, files + result.files, pupils + result.job.pupils
                    progress.update(task, advance=1, description=f"{result.job.label}: klaar")
                progress.update(task, description="PDF's maken")
        else:
            for result in results:
                manifest.record(result.job.folder, keys[result.job.folder], result.job.outputs(), result.pages)
                pages, files, pupils = pages + result.pages, files + result.files, pupils + result.job.pupils
                typer.echo(
                    f"{result.job.label}: {_plural(result.pages, 'pagina', 'pagina’s')} -> {out / result.job.folder}"
                )
    finally:
        # also after Ctrl-C or an error: what was written completely is kept as done
        manifest.save()
    if warnings:
        from .foreign import warning_lines

        for warning in dict.fromkeys(warnings):
            for line in warning_lines(warning, verbose=verbose):
                typer.echo(line, err=True)
    return pages, files, pupils


def _check_out_dir(out: Path) -> None:
    """Refuse an output folder we cannot make or write before any work is done."""
    if out.exists() and not out.is_dir():
        raise fail(f"{out}: dit is een bestand, geen map. Kies met --uitvoer een map voor de PDF's.")
    # Nothing is created yet (a refused build leaves no trace): look at the nearest existing folder.
    existing = out.absolute()
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise fail(f"{out}: de map voor de PDF's kan niet gemaakt worden ({existing} is een bestand).")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise fail(f"{out}: in deze map mag kmg niet schrijven. Kies met --uitvoer een andere map.")


def _remember_warnings(results: Iterator[JobResult], into: list[str]) -> Iterator[JobResult]:
    for result in results:
        into.extend(result.warnings)
        yield result
