"""`kmg build`: check the agendas, then print a guide and note forms for every class."""

from __future__ import annotations

import datetime
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import EXIT_FINDINGS, EXIT_USAGE, os_error_text
from ..wording import aantal as _plural
from . import command
from .common import either, exit_code_if_cut_off, fail, user_errors, without_planning_files
from .systemlibs import harfbuzz_tip, require_pango

if TYPE_CHECKING:
    from ..batch import JobResult
    from ..cache import Manifest

# Held while a build writes into an output folder (see _build_lock).
LOCK_FILE = ".kmg-build.lock"


@command("build")
def build_command(
    agendas: list[Path] = typer.Argument(
        ..., help="Een of meer agendabestanden (.yaml).", show_default=False, readable=False, metavar="AGENDA"
    ),
    classes: Path | None = typer.Option(
        None,
        "--klassen",
        "-k",
        help="Klassenlijst: CSV, Excel-werkmap (.xlsx) of EDEXML (.xml) uit ParnasSys, ESIS of Social Schools.",
        readable=False,
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
    leerlingen: list[str] | None = typer.Option(
        None,
        "--leerling",
        help="Alleen de leidraad en het formulier van deze leerling (instroom), in een eigen map "
        "in de map van de groep; de rest van de groep blijft zoals het was. Mag vaker.",
        show_default=False,
        metavar="<naam>",
    ),
    planning: Path | None = typer.Option(
        None,
        "--planning",
        help="planning.csv van kmg plan: zet datum, tijd, plaats en de onderwerpen van het gezin op de "
        "formulieren, in de volgorde van de gesprekken.",
        readable=False,
    ),
    documenten: str | None = typer.Option(
        None,
        "--documenten",
        help="Welke documenten, met komma's ertussen: leidraad, formulieren, uitnodigingen "
        "(standaard: alle die passen; uitnodigingen alleen met een klassenlijst).",
        show_default=False,
        metavar="<lijst>",
    ),
) -> None:
    """Maak per groep de leidraad, een gespreksformulier voor elke leerling en de uitnodigingen (PDF)."""
    from ..agenda.load import refuse_repeated_files
    from ..lint import check_file
    from .report import print_human

    classes, out, templates = either(classes, classes_alias), either(out, out_alias), either(templates, templates_alias)
    jobs, force, verbose = either(jobs, jobs_alias), force or force_alias, verbose or verbose_alias
    started = time.monotonic()
    exit_code_if_cut_off(EXIT_USAGE)  # `kmg build ... | head -1` stops the build: not every PDF is made
    with _ctrl_c_once(), user_errors(verbose=verbose):
        if templates is not None:
            templates = templates.expanduser()  # cmd.exe and quotes leave `~` to us
        if templates is not None and templates.exists() and not templates.is_dir():
            raise fail(f"{templates}: dit is een bestand, geen map. Geef bij --sjablonen de map met sjablonen.")
        if templates is not None and not templates.is_dir():
            raise fail(f"{templates}: deze map met sjablonen bestaat niet.")
        if leerlingen and classes is None:
            raise fail("--leerling werkt alleen samen met een klassenlijst (--klassen).")
        if planning is not None and classes is None:
            raise fail("--planning werkt alleen samen met de klassenlijst (--klassen) waarmee gepland is.")
        wanted = _documents_option(documenten)
        if planning is not None and documenten is None:
            # the replies are in: the invitations (and antwoorden.csv) stay as they were
            wanted = tuple(name for name in wanted if name != "uitnodigingen")
        _check_out_dir(out)
        from ..stamp import source_date_epoch

        source_date_epoch()  # fontTools reads it while writing the PDFs: a bad value is said now, not as a traceback
        refuse_repeated_files(agendas)
        checked = without_planning_files([check_file(path) for path in agendas], "build")
        if any(f for file in checked for f in file.findings):
            print_human(checked, strict=False, summary=False)
        if any(f.level == "error" for file in checked for f in file.findings):
            typer.echo("kmg: er zijn fouten in de agenda; los die eerst op. Er is niets gemaakt.", err=True)
            # A file the agenda names that cannot be used (the logo) is a file problem: exit 2.
            raise typer.Exit(EXIT_USAGE if any(file.unusable_files for file in checked) else EXIT_FINDINGS)
        class_list = None
        if classes is not None:
            from ..classes import read_class_list

            class_list = read_class_list(classes)
            for warning in class_list.warnings:
                typer.echo(f"Let op: {warning}", err=True)
        from ..batch import make_instroom_plan, make_plan
        from ..classes.model import unserved_message

        pairs = [(file.path, file.agenda) for file in checked if file.agenda]
        if leerlingen and class_list is not None:
            day = datetime.date.today().isoformat()
            plan = make_instroom_plan(pairs, class_list, leerlingen, day, classes, out_dir=out)
        else:
            plan = make_plan(pairs, class_list)
        for klass in plan.unserved:
            typer.echo(f"Let op: {unserved_message(klass, [f.agenda for f in checked if f.agenda])}", err=True)
        for note in plan.notes:
            typer.echo(f"Let op: {note}", err=True)
        for refused in plan.refused:
            typer.echo(f"Let op: {refused}", err=True)
        if planning is not None and class_list is not None:
            plan.jobs = _planned_jobs(plan.jobs, planning, class_list)
        if not plan.jobs:
            raise fail("er is niets te maken: geen groep past bij de 'groepen' van de agenda's.", EXIT_FINDINGS)
        if leerlingen:
            wanted = tuple(name for name in wanted if name != "uitnodigingen")  # instroom: no new letters
        blanked: list[JobResult] = []
        every = plan.jobs  # a class under two agendas: its pupils are spread over its agendas' jobs
        with _build_lock(out):
            plan.jobs = _with_documents(plan.jobs, wanted, class_list, out, pairs)
            pages, files = _run(plan.jobs, out, templates, jobs, force, verbose, cache=not leerlingen, blanked=blanked)
        seconds = time.monotonic() - started
        typer.echo(
            f"Klaar: {_made(plan.jobs, every)}, {_plural(pages, 'pagina', 'pagina’s')} in "
            f"{_plural(files, 'bestand', 'bestanden')}, in {seconds:.1f} s. De PDF's staan in {out.resolve()}/"
        )
    if (tip := harfbuzz_tip()) is not None:
        typer.echo(tip, err=True)
    if blanked or plan.refused:
        raise typer.Exit(EXIT_FINDINGS)  # names to write in by hand, or a --leerling left out (listed above)


def _planned_jobs(jobs_: list, planning: Path, class_list: object) -> list:
    """kmg build --planning: each class's forms in conversation order, with date, time and place."""
    from ..planning.csvout import read_planning_csv
    from ..planning.forms import with_planning

    planned, notes = with_planning(jobs_, read_planning_csv(planning, class_list))  # type: ignore[arg-type]
    for note in notes:
        typer.echo(f"Let op: {note}", err=True)
    return planned


def _documents_option(text: str | None) -> tuple[str, ...]:
    from ..documents import parse_choice

    try:
        return parse_choice(text)
    except ValueError as problem:
        raise fail(str(problem)) from None


def _with_documents(jobs_: list, wanted: tuple[str, ...], class_list: object, out: Path, pairs: list) -> list:
    """Decide each job's documents; with invitations, the letters, the codes' secret and antwoorden.csv."""
    from ..documents import INVITATIONS, plan_documents

    secret = None
    if INVITATIONS in wanted and class_list is not None:
        from ..codes import SECRET_FILE, load_secret

        try:
            secret = load_secret(out, create=True)
        except OSError as exc:
            raise fail(f"{out / SECRET_FILE}: kmg kan dit bestand niet maken ({os_error_text(exc)}).") from None
        if secret is None:
            raise fail(
                f"{out / SECRET_FILE}: dit bestand is beschadigd. Zet de kopie terug die u had; zonder dit "
                "bestand krijgen de gezinnen andere codes dan op de strookjes. Zijn er nog geen strookjes "
                "uitgedeeld? Gooi het bestand dan weg."
            )
    from ..invitations import letter_via

    via = letter_via([agenda for _, agenda in pairs])
    planned, letters = plan_documents(jobs_, wanted, class_list, secret, via, [agenda for _, agenda in pairs])
    if not planned:
        why = "uitnodigingen maakt kmg alleen met een klassenlijst (--klassen)" if class_list is None else (
            "geen groep krijgt een van deze documenten"
        )
        raise fail(f"er is niets te maken: {why}.", EXIT_FINDINGS)
    if letters:
        _write_answers(out, letters)
    if INVITATIONS in wanted and class_list is not None:
        _remove_old_letters(jobs_, planned, out)
    return planned


def _remove_old_letters(jobs_: list, planned: list, out: Path) -> None:
    """A class that hands out no letters now loses the letters of an earlier build (they went elsewhere)."""
    from ..documents import BY_NAME, INVITATIONS

    making = {job.folder for job in planned if INVITATIONS in job.documents}
    # a class under two agendas hands out its letters once: from the folder of one of them
    elsewhere = {
        job.klass.slug: job.folder for job in planned if INVITATIONS in job.documents and job.klass is not None
    }
    for job in jobs_:
        old = out / job.folder / BY_NAME[INVITATIONS].bestand
        if job.folder not in making and old.is_file():
            try:
                old.unlink()
            except OSError:
                continue  # open in a PDF reader on Windows: left as it is
            moved = elsewhere.get(job.klass.slug) if job.klass is not None else None
            if moved is not None:
                typer.echo(
                    f"Let op: de uitnodigingen van {job.label} staan nu in {out / moved}; de oude {old.name} "
                    f"in {out / job.folder} is weggehaald.",
                    err=True,
                )
                continue
            typer.echo(
                f"Let op: {job.label} geeft nu geen uitnodigingen mee (die gaan via een broer of zus in een "
                f"andere groep); de oude {old.name} in die map is weggehaald.",
                err=True,
            )


def _write_answers(out: Path, letters: list) -> None:
    from ..invitations import ANSWERS_FILE, write_answers

    try:
        path, kept = write_answers(out, letters)
    except OSError as exc:
        why = os_error_text(exc)
        raise fail(f"{out / ANSWERS_FILE}: de antwoordlijst kan niet geschreven worden ({why}).") from None
    if kept:
        typer.echo(
            f"Let op: {out / ANSWERS_FILE} bevat al antwoorden; kmg laat dat bestand zoals het is. "
            f"De nieuwe lijst staat in {path}.",
            err=True,
        )


def _made(jobs_: list, every: list | None = None) -> str:
    """What was made: distinct classes and pupils (a class under two agendas counts once).

    `every`: all jobs before the documents were chosen; a class under two agendas has its pupils
    spread over its agendas' jobs, and the class counts whole when any of them makes something.
    """
    classes = {job.klass.slug for job in jobs_ if job.klass is not None}
    if not classes:
        return _plural(len(jobs_), "agenda", "agenda's") + ", lege formulieren"
    # instroom makes one job per pupil; a class under two agendas shares its pupils
    counted = [job for job in (every or jobs_) if job.klass is not None and job.klass.slug in classes]
    pupils = len({(job.klass.slug, id(p)) for job in counted for p in job.klass.leerlingen})
    return f"{_plural(len(classes), 'groep', 'groepen')}, {_plural(pupils, 'leerling', 'leerlingen')}"


# Set while the PDFs are being made: Ctrl-C then lets the classes in progress finish (and
# be remembered) instead of throwing their work away.
_finish_running: threading.Event | None = None

STOPPING = "kmg stopt; de groepen die nu gemaakt worden, worden afgemaakt…"


def _say_now(text: str) -> None:
    """Write a line straight to stderr's file descriptor: safe inside a signal handler."""
    try:
        os.write(sys.stderr.fileno(), (text + "\n").encode(sys.stderr.encoding or "utf-8", "replace"))
    except (OSError, ValueError, AttributeError):  # no real file (a test runner): the usual way
        typer.echo(text, err=True)


@contextmanager
def _ctrl_c_once() -> Iterator[None]:
    """The first Ctrl-C stops the build; every later one is ignored, so the clean-up is never cut short.

    Without this a second Ctrl-C lands in the middle of shutting down the process pool or
    saving the cache (chained tracebacks, a stray temporary file, workers left running).
    """
    interrupted = False

    def on_ctrl_c(signum: int, frame: object) -> None:
        nonlocal interrupted
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        interrupted = True
        if _finish_running is not None:
            _say_now(STOPPING)
            _finish_running.set()  # the pool stops starting jobs and raises KeyboardInterrupt when done
            return
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGINT, on_ctrl_c)
    except ValueError:  # not the main thread (an embedding program): leave Ctrl-C alone
        yield
        return
    try:
        yield
    finally:
        if not interrupted:
            signal.signal(signal.SIGINT, previous)


@contextmanager
def _build_lock(out: Path) -> Iterator[None]:
    """One build at a time per output folder: two would overwrite each other's cache."""
    from filelock import FileLock, Timeout

    from ..fileio import FILE_MODE, current_umask, make_folder

    try:
        make_folder(out)
        # filelock gives its file this mode regardless of the umask: apply it here, never world-writable
        lock = FileLock(out / LOCK_FILE, mode=FILE_MODE & ~current_umask())
        try:
            lock.acquire(timeout=0)
        except Timeout:
            typer.echo(
                f"kmg: er loopt al een andere kmg-opdracht (kmg build of kmg plan) in {out}; "
                "kmg wacht tot die klaar is (stoppen kan met Ctrl-C).",
                err=True,
            )
            lock.acquire()
    except OSError as exc:
        raise fail(
            f"{out}: de map voor de PDF's kan niet gemaakt of beschreven worden ({os_error_text(exc)})."
        ) from None
    try:
        yield
    finally:
        lock.release()


def _run(
    jobs_: list,
    out: Path,
    templates: Path | None,
    workers: int | None,
    force: bool,
    verbose: bool = False,
    *,
    cache: bool = True,
    blanked: list[JobResult] | None = None,
) -> tuple[int, int]:
    """Make what is not up to date; returns pages and files (also those kept from the last build).

    Without `cache` (instroom) every job is made, and the cache is neither read nor written:
    the class's own files and entries stay as they are.
    """
    from ..batch import execute
    from ..cache import Manifest, templates_digest
    from ..fileio import remove_stale_temporaries
    from ..resources import builtin_template_dir

    for folder in {out, *(out / job.folder for job in jobs_)}:
        remove_stale_temporaries(folder)  # left by a build that was killed; we hold the lock
    template_dirs = (templates,) if templates else ()
    manifest = Manifest(out)
    keys: dict[Path, str] = {}
    fresh: list = []
    todo = list(jobs_)
    if cache:
        digest = templates_digest([*template_dirs, builtin_template_dir()])
        keys = {job.folder: job.key(digest) for job in jobs_}  # a folder is unique per job
        todo = [job for job in jobs_ if force or not manifest.is_fresh(job.folder, keys[job.folder], job.outputs())]
        fresh = [job for job in jobs_ if job.folder not in {t.folder for t in todo}]
    pages = sum(manifest.pages(job.folder) for job in fresh)
    files = sum(len(job.outputs()) for job in fresh)
    if fresh:
        classes = {job.klass.slug for job in fresh if job.klass is not None}
        unchanged = _plural(len(classes), "groep is", "groepen zijn") if classes else _plural(
            len(fresh), "agenda is", "agenda's zijn"
        )
        typer.echo(f"{unchanged} niet veranderd sinds de vorige keer.")
    if cache:
        _warn_shrinking(todo, manifest)
    if not todo:
        return pages, files
    require_pango()  # in this process, before any worker starts: one Dutch sentence, not a traceback

    def done(result: JobResult) -> None:
        nonlocal pages, files
        if result.unprintable and blanked is not None:
            blanked.append(result)  # not cached: the next build makes (and lists) it again
            manifest.entries.pop(result.job.folder.as_posix(), None)
        elif cache:
            manifest.record(
                result.job.folder, keys[result.job.folder], result.job.outputs(), result.pages, result.job.pupils
            )
        pages, files = pages + result.pages, files + result.files

    warnings: list[str] = []
    unsaved: str | None = None
    global _finish_running
    stop = _finish_running = threading.Event()
    try:
        with closing(execute(todo, out, template_dirs=template_dirs, workers=workers, stop=stop)) as results:
            if sys.stderr.isatty():
                from rich.console import Console
                from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

                columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
                with Progress(*columns, console=Console(stderr=True)) as progress:
                    task = progress.add_task("PDF's maken", total=len(todo))
                    for result in results:
                        done(result)
                        warnings.extend(result.warnings)
                        progress.update(task, advance=1, description=f"{result.job.label}: klaar")
                    progress.update(task, description="PDF's maken")
            else:
                for result in results:
                    done(result)
                    warnings.extend(result.warnings)
                    pages_text = _plural(result.pages, "pagina", "pagina’s")
                    typer.echo(f"{result.job.label}: {pages_text} -> {out / result.job.folder}")
    finally:
        _finish_running = None
        # also after Ctrl-C or an error: what was written completely is kept as done
        if cache:
            unsaved = manifest.save()
    if unsaved:
        typer.echo(f"Let op: {unsaved}", err=True)
    if warnings:
        from .foreign import warning_lines

        for warning in dict.fromkeys(warnings):
            for line in warning_lines(warning, verbose=verbose):
                typer.echo(line, err=True)
    if blanked:
        _print_blanked(blanked)
    return pages, files


def _warn_shrinking(todo: list, manifest: Manifest) -> None:
    """A class list with fewer pupils than last time replaces the class's forms: say so before it happens."""
    warned: set[str] = set()  # once per class, also when two agendas serve it
    for job in todo:
        before = manifest.pupils(job.folder)
        if before is not None and job.klass is not None and job.pupils < before and job.klass.slug not in warned:
            warned.add(job.klass.slug)
            typer.echo(
                f"Let op: {job.label} had de vorige keer {_plural(before, 'leerling', 'leerlingen')}, nu "
                f"{job.pupils}; de gespreksformulieren van de groep worden vervangen. "
                "Alleen een nieuwe leerling? Gebruik dan de hele klassenlijst met --leerling NAAM.",
                err=True,
            )


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


def _print_blanked(blanked: list[JobResult]) -> None:
    # The names go to the console only (the school needs them to write them in by hand), never to a log.
    typer.echo(
        "Let op: geen enkel lettertype kan deze namen afdrukken. Op hun formulier en in de afvinklijst staat "
        "een lege regel; schrijf de naam daar met de hand op:",
        err=True,
    )
    for result in blanked:
        pupils = result.job.klass.leerlingen if result.job.klass else ()
        for name in result.unprintable:
            typer.echo(
                f"  {result.job.label}, leerling {name.position} in de lijst: {pupils[name.position - 1].naam} "
                f"(tekens {name.code_points()})",
                err=True,
            )
