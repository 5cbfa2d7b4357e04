"""`kmg plan`: a time for every family, and the schedules, calendar files and letters that go with it.

OR-Tools (through `planning.solve`) and WeasyPrint are imported only inside the command,
so that `kmg check` and `kmg build` never load them. Everything is made in memory first
and written only when the whole plan is there: a school never finds a partial schedule
that looks complete.

The output folder keeps a list of the files `kmg plan` wrote there (`.kmg-planning`: a
SHA-256 and the path per line). When the school plans again with fewer classes, or a class
got another name, the rooster, calendar and letters of a class that is no longer planned
are removed, but only a file whose content is still what kmg wrote (a file the school
changed or made itself stays). The list names every file kmg may have written before any
file is written, so an interrupted run leaves nothing the next run does not know about.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from ..errors import EXIT_FINDINGS, EXIT_USAGE
from ..wording import aantal as _plural
from . import command
from .common import either, exit_code_if_cut_off, fail, user_errors, without_planning_files

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import datetime

    from ..classes.model import ClassList
    from ..planning.model import Schedule

CSV_FILE = "planning.csv"
MANIFEST = ".kmg-planning"
MANIFEST_HEADER = "kmg-planning 1"
T = TypeVar("T")


@command("plan")
def plan_command(
    agendas: list[Path] = typer.Argument(
        ..., help="Een of meer agendabestanden (.yaml).", show_default=False, readable=False, metavar="AGENDA"
    ),
    classes: Path | None = typer.Option(
        None, "--klassen", "-k", help="Klassenlijst (CSV-export uit ParnasSys, ESIS of Excel).", readable=False
    ),
    momenten: Path | None = typer.Option(
        None, "--momenten", "-m", help="planning.yaml: de momenten, wie wanneer kan en de tijdregels.", readable=False
    ),
    antwoorden: Path | None = typer.Option(
        None,
        "--antwoorden",
        "-a",
        help="antwoorden.csv met de antwoordstrookjes (uit de uitvoermap van kmg build, met .kmg-sleutel ernaast).",
        readable=False,
    ),
    out: Path = typer.Option(Path("out"), "--uitvoer", "-o", help="Map waarin de planning en de PDF's komen."),
    seconds: int = typer.Option(
        30, "--tijd", "-t", min=1, max=3600, help="Hoe lang kmg mag zoeken naar de beste planning, in seconden."
    ),
    templates: Path | None = typer.Option(
        None, "--sjablonen", help="Map met eigen sjablonen; die gaan voor de ingebouwde.", readable=False
    ),
    verbose: bool = typer.Option(
        False, "--uitgebreid", "-v", help="Toon bij meldingen van WeasyPrint en Jinja ook de Engelse tekst."
    ),
    # the English names, as for kmg build: they work, help does not show them
    classes_alias: Path | None = typer.Option(None, "--classes", hidden=True, readable=False),
    out_alias: Path | None = typer.Option(None, "--out", hidden=True),
    templates_alias: Path | None = typer.Option(None, "--templates", hidden=True, readable=False),
    verbose_alias: bool = typer.Option(False, "--verbose", hidden=True),
) -> None:
    """Plan voor elk gezin een gesprek en maak per groep een rooster, een agenda-bestand en de bevestigingen."""
    classes, out, templates = either(classes, classes_alias), either(out, out_alias), either(templates, templates_alias)
    verbose = verbose or verbose_alias
    started = time.monotonic()
    exit_code_if_cut_off(EXIT_USAGE)
    with user_errors(verbose=verbose):
        if classes is None:
            raise fail("kmg plan heeft de klassenlijst nodig: geef die met --klassen BESTAND.")
        if momenten is None:
            raise fail("kmg plan heeft de momenten nodig: geef planning.yaml met --momenten BESTAND.")
        if templates is not None:
            templates = templates.expanduser()
            if not templates.is_dir():
                raise fail(f"{templates}: deze map met sjablonen bestaat niet (of is een bestand).")
        from .build import _check_out_dir

        _check_out_dir(out)
        from ..planning.ics import file_stamp

        # before the solver runs: a bad SOURCE_DATE_EPOCH (fontTools reads it too) is one sentence at once
        stamp = file_stamp()
        checked = _checked_agendas(agendas, momenten)
        from ..classes import read_class_list

        class_list = read_class_list(classes)
        for warning in class_list.warnings:
            typer.echo(f"Let op: {warning}", err=True)
        planning = _planning(momenten, class_list)
        secret, answers = _answers(antwoorden, class_list, planning, out)
        schedule = _solve(class_list, checked, planning, answers, secret, seconds)
        files = _with_status(
            "kmg maakt de roosters en brieven…",
            lambda say: _documents(schedule, class_list, checked, templates, say, stamp, secret),
        )
        from .build import _build_lock

        with _build_lock(out), _ctrl_c_after_writing():
            removed, kept, saved = _write(schedule, class_list, files, out)
        _summary(schedule, class_list, files, out, time.monotonic() - started)
        if removed:
            typer.echo(
                f"  Opgeruimd: {_plural(removed, 'bestand', 'bestanden')} van groepen die niet meer gepland zijn."
            )
        for relative, backup in saved:
            typer.echo(
                f"Let op: {relative} was niet meer wat kmg er de vorige keer schreef (met de hand veranderd, "
                f"of niet van kmg); kmg heeft het bewaard als {backup}.",
                err=True,
            )
        for relative in kept:
            typer.echo(
                f"Let op: {relative} hoort bij een groep die niet meer gepland is, maar is veranderd; "
                "kmg laat het staan.",
                err=True,
            )


def _checked_agendas(agendas: list[Path], momenten: Path | None = None) -> list[Any]:
    """The agendas, checked as `kmg build` does: errors stop the plan (exit 1), warnings are shown."""
    from ..agenda.load import refuse_repeated_files
    from ..lint import check_file
    from .report import print_human

    refuse_repeated_files(agendas)
    checked = without_planning_files([check_file(path) for path in agendas], "plan", momenten=momenten)
    if any(f for file in checked for f in file.findings):
        print_human(checked, strict=False, summary=False)
    if any(f.level == "error" for file in checked for f in file.findings):
        typer.echo("kmg: er zijn fouten in de agenda; los die eerst op. Er is niets gepland.", err=True)
        raise typer.Exit(EXIT_USAGE if any(file.unusable_files for file in checked) else EXIT_FINDINGS)
    return [file for file in checked if file.agenda is not None]


def _planning(path: Path, class_list: ClassList) -> Any:
    """planning.yaml, validated against itself and the class list; findings as `kmg check` shows them."""
    from ..findings import LEVEL_LABELS
    from ..planning.config import class_findings, load_planning

    planning_file = load_planning(path)
    findings = sorted([*planning_file.findings, *class_findings(planning_file, [k.naam for k in class_list])])
    for f in findings:
        hint = f" Tip: {f.hint}" if f.hint else ""
        typer.echo(f"{f.file}:{f.line}:{f.column}: {LEVEL_LABELS[f.level]} {f.code}: {f.message}{hint}", err=True)
    if planning_file.planning is None or any(f.level == "error" for f in findings):
        typer.echo(f"kmg: er zijn fouten in {path}; los die eerst op. Er is niets gepland.", err=True)
        raise typer.Exit(EXIT_FINDINGS)
    return planning_file.planning


def _answers(path: Path | None, class_list: ClassList, planning: Any, out: Path) -> tuple[bytes | None, Any]:
    """The code secret and the replies. Without replies, the secret of the output folder (codes on the letters)."""
    from ..codes import load_secret

    if path is None:
        return load_secret(out, create=False), None
    from ..planning.answers import read_answers

    secret = load_secret(path.parent, create=False)
    return secret, read_answers(path, class_list, secret, momenten=[m.naam for m in planning.momenten])


def _solve(
    class_list: ClassList, checked: list[Any], planning: Any, answers: Any, secret: bytes | None, seconds: int
) -> Schedule:
    """Run the solver with a Rich status line showing the best score so far (on a terminal)."""
    from ..planning.model import PlanningImpossible
    from ..planning.solve import plan  # OR-Tools: only here

    pairs = [(file.path, file.agenda) for file in checked]

    def solve(say: Callable[[str], None]) -> Schedule:
        def progress(text: str, spent: float) -> None:
            say(f"{text} ({spent:.0f} van {seconds} s)")

        return plan(class_list, pairs, planning, answers, seconds=seconds, progress=progress, secret=secret)

    try:
        return _with_status("kmg zoekt een planning…", solve)
    except PlanningImpossible as impossible:
        typer.echo("kmg: er is geen planning mogelijk.", err=True)
        for message in impossible.messages:
            typer.echo(f"  {message}", err=True)
        typer.echo("Er is niets weggeschreven.", err=True)
        raise typer.Exit(EXIT_FINDINGS) from None


def _mixed_kinds(klass: Any, checked: list[Any]) -> bool:
    """Whether the pupils of a class under two agendas have conversations of different kinds (setting, length)."""
    from ..serving import pupil_agenda

    agendas = [file.agenda for file in checked]
    kinds = {(str(a.setting), a.duur) for p in klass.leerlingen if (a := pupil_agenda(klass, p, agendas)) is not None}
    return len(kinds) > 1


def _with_status(text: str, work: Callable[[Callable[[str], None]], T]) -> T:
    """Run `work(say)` under a Rich status line on a terminal (`say` updates it); plainly elsewhere."""
    import sys

    if not sys.stderr.isatty():
        return work(lambda _: None)
    from rich.console import Console

    with Console(stderr=True).status(text) as status:
        return work(lambda line: status.update(f"{text} {line}"))


def _documents(
    schedule: Schedule,
    class_list: ClassList,
    checked: list[Any],
    templates: Path | None,
    say: Callable[[str], None] = lambda _: None,
    stamp: datetime | None = None,
    secret: bytes | None = None,
) -> dict[Path, bytes]:
    """Every file of every class (relative path -> bytes), made in memory before anything is written.

    `stamp`: the DTSTAMP of every calendar of the run (default: `ics.file_stamp()` per calendar);
    `secret`: the school's code secret, which keys the calendars' UIDs when there is one.
    """
    from ..batch import make_plan
    from ..planning import ics, pdf

    served = make_plan([(file.path, file.agenda) for file in checked], class_list)
    agenda_of = {job.klass.naam: job.agenda for job in reversed(served.jobs) if job.klass is not None}
    school = pdf.School(class_list)
    conversations = schedule.conversations
    from ..invitations import letter_via

    # through the same child as the invitation (`kmg build`)
    via = letter_via([file.agenda for file in checked if file.agenda is not None])
    letters = pdf.letters_for_classes(conversations, class_list, agenda_of, via)
    renderer = pdf.make_renderer((templates,) if templates else ())
    files: dict[Path, bytes] = {}
    todo = [k for k in class_list if k.naam in letters or any(c.klas == k.naam for c in conversations)]
    for number, klass in enumerate(todo, start=1):
        own = [c for c in conversations if c.klas == klass.naam]
        say(f"{klass.label} ({number} van {len(todo)})")
        folder = Path(klass.slug)
        agenda = agenda_of.get(klass.naam)
        label = pdf.class_title(klass)
        if own:
            context = pdf.rooster_context(klass, agenda, own, school, conversations)
            if _mixed_kinds(klass, checked):  # each row says its own times and whether it is a home visit
                context = {**context, "duur": None, "huisbezoek": False}
            what = f"rooster van {label}"
            files[folder / pdf.ROOSTER] = pdf.render_pdf(renderer, pdf.ROOSTER_TEMPLATE, context, what)
            files[folder / f"{klass.slug}.ics"] = ics.class_calendar(
                own, school.pupils, klas_label=label, stamp=stamp, uid_key=secret
            )
        if klass.naam in letters:
            context = pdf.letters_context(
                klass, agenda, letters[klass.naam], [file.agenda for file in checked if file.agenda is not None]
            )
            files[folder / pdf.LETTERS] = pdf.render_pdf(
                renderer, pdf.LETTERS_TEMPLATE, context, f"bevestigingen van {label}"
            )
    return files


def _write(
    schedule: Schedule, class_list: ClassList, files: dict[Path, bytes], out: Path
) -> tuple[int, list[str], list[tuple[str, str]]]:
    """Write planning.csv and every file; remove kmg's own files of classes no longer planned.

    Returns how many old files were removed, which were kept because they changed, and which
    files kmg was to write over were moved aside first (path, new name): planning.csv when it is
    not what kmg wrote last (the office edited it, or it is the school's own), and a class's file
    that kmg wrote before and someone changed since.
    """
    from ..errors import UserError
    from ..fileio import remove_stale_temporaries, write_bytes_atomic
    from ..planning.csvout import planning_csv_bytes

    old = _read_manifest(out)
    folders = {out, *(out / relative.parent for relative in files), *((out / path).parent for _, path in old)}
    for folder in sorted(folders):
        remove_stale_temporaries(folder)  # a killed run's, with names in them; we hold the lock
    csv_data = planning_csv_bytes(schedule, class_list)
    new = [(_digest(csv_data), CSV_FILE), *((_digest(data), relative.as_posix()) for relative, data in files.items())]
    known: dict[str, set[str]] = {}
    for digest, path in old:
        known.setdefault(path, set()).add(digest)
    # the list of the first version named only the class files: planning.csv there is kmg's own
    check_csv = not old or CSV_FILE in known
    # first a list that covers the old files and the new ones: interrupted anywhere, nothing is unknown
    _write_manifest(out, [*old, *new])
    saved = [
        (path, moved)
        for _, path in new
        if (moved := _keep_aside(out, path, known.get(path), unknown_too=path == CSV_FILE and check_csv)) is not None
    ]
    write_bytes_atomic(out / CSV_FILE, csv_data)
    try:
        for relative, data in files.items():
            write_bytes_atomic(out / relative, data)
    except UserError as error:  # a rooster open in a PDF reader, a full disk: planning.csv is new already
        raise UserError(
            f"{error.message.rstrip('.')}. Let op: in {out} is de planning nu voor een deel nieuw en voor "
            "een deel oud; die horen niet bij elkaar. Los dit op en maak de planning opnieuw.",
            path=error.path,
            line=error.line,
        ) from None
    # what this run wrote, however the list spells it (a case-insensitive disk: "Groep-3" is "groep-3")
    written = {_identity(out / path) for _, path in new} - {None}
    wanted = {path for _, path in new}
    removed, kept, left = 0, [], []
    ours: dict[str, set[str]] = {}
    for digest, path in old:
        if path not in wanted:
            ours.setdefault(path, set()).add(digest)
    for path, digests in ours.items():
        target = out / path
        try:
            if not target.is_file() or _identity(target) in written:
                continue
            if _digest(target.read_bytes()) not in digests:
                kept.append(path)  # changed (or made) by someone else: never ours to remove
                continue
            target.unlink()
            removed += 1
        except OSError:  # open in another program, say: try again next time
            left.extend((digest, path) for digest in sorted(digests))
            continue
        with contextlib.suppress(OSError):
            target.parent.rmdir()  # only when empty: the class folder may hold kmg build's forms
    _write_manifest(out, [*new, *left])
    return removed, kept, saved


def _keep_aside(out: Path, path: str, digests: set[str] | None, *, unknown_too: bool) -> str | None:
    """Move `out/path` to a free '<name>-bewaard' name when it is not what kmg last wrote there.

    A file the list does not know is moved only with `unknown_too` (planning.csv: a folder with
    the school's own); a class's file the list does not know is written over, as always.
    Returns the new name (relative to `out`), or None when nothing was moved.
    """
    import os

    from ..errors import UserError, os_error_text

    target = out / path
    try:
        if not target.is_file() or (digests is None and not unknown_too):
            return None
        if digests and _digest(target.read_bytes()) in digests:
            return None
        number = 1
        while True:
            extra = "" if number == 1 else f"-{number}"
            backup = target.with_name(f"{target.stem}-bewaard{extra}{target.suffix}")
            if not backup.exists() and not backup.is_symlink():
                break
            number += 1
        os.replace(target, backup)
    except OSError as exc:
        raise UserError(
            f"Dit bestand is niet wat kmg er de vorige keer schreef, en kmg kan het niet opzij zetten "
            f"({os_error_text(exc)}); er is niets veranderd. Zet het zelf ergens anders neer.",
            path=target,
        ) from None
    return backup.relative_to(out).as_posix()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if st.st_ino else None  # some network shares give no file number


@contextlib.contextmanager
def _ctrl_c_after_writing() -> Iterator[None]:
    """Ctrl-C while the files are written takes effect when all are written: never half old, half new."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[bool] = []
    previous = signal.signal(signal.SIGINT, lambda *_: pressed.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)
    if pressed:
        raise KeyboardInterrupt


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _read_manifest(out: Path) -> list[tuple[str, str]]:
    """The files an earlier `kmg plan` wrote in `out` (hash, relative path); only safe paths inside `out`."""
    try:
        lines = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    if not lines or lines[0].strip() != MANIFEST_HEADER:
        return []
    entries = []
    for line in lines[1:]:
        digest, _, path = line.partition(" ")
        parts = path.split("/")
        if (
            len(digest) != 64
            or any(c not in "0123456789abcdef" for c in digest)
            or (
                parts != [CSV_FILE]
                and (
                    len(parts) != 2  # <class folder>/<file>, as kmg writes them
                    or any(part in ("", ".", "..") or "\\" in part or ":" in part for part in parts)
                )
            )
        ):
            continue
        entries.append((digest, path))
    return entries


def _write_manifest(out: Path, entries: list[tuple[str, str]]) -> None:
    from ..fileio import write_text_atomic

    unique = sorted(set(entries), key=lambda e: (e[1], e[0]))
    write_text_atomic(out / MANIFEST, "\n".join([MANIFEST_HEADER, *(f"{d} {p}" for d, p in unique)]) + "\n")


_LEVEL_NAMES = {"broertjes_zusjes": "broers en zussen na elkaar", "wensen": "wensen", "compact": "compacte dagen"}


def summary_lines(schedule: Schedule, classes: int, seconds: float) -> list[str]:
    """The closing summary of `kmg plan`, line by line (also for the tests)."""
    stats = schedule.stats
    count = int(stats.get("gesprekken", len(schedule.conversations)))
    lines = [f"{_plural(count, 'gesprek', 'gesprekken')} gepland voor {_plural(classes, 'groep', 'groepen')}."]
    families = int(stats.get("gezinnen_met_broers_zussen", 0))
    if families:
        lines.append(f"Broers en zussen na elkaar: {int(stats.get('naast_elkaar', 0))} van {families} gezinnen.")
    asked = int(stats.get("wensen_gevraagd", 0))
    honoured = int(stats.get("wensen_gehonoreerd", 0))
    lines.append(
        f"Wensen ('kan' op het strookje) gehonoreerd: {honoured} van {asked}."
        if asked
        else "Wensen ('kan' op het strookje): geen gevraagd."
    )
    idle = int(round(float(stats.get("leegloop_minuten", 0))))
    lines.append(f"Wachttijd van de leerkrachten tussen gesprekken: {_plural(idle, 'minuut', 'minuten')} in totaal.")
    solve = float(stats.get("seconden", seconds))
    lines.append(f"Rekentijd: {solve:.1f} s (alles samen {seconds:.1f} s).")
    proven = [name for name in _LEVEL_NAMES if schedule.optimal.get(name)]
    open_ = [name for name in _LEVEL_NAMES if name in schedule.optimal and not schedule.optimal[name]]
    if not open_:
        lines.append("Dit is bewezen de beste planning.")
    else:
        # Siblings and wishes stay unproven only when the time ran out; the compact days of a
        # large school are improved piece by piece, which proves nothing, whatever the time.
        timed_out = [name for name in open_ if name != "compact"]
        said = ", ".join(_LEVEL_NAMES[n] for n in proven)
        text = f"Bewezen het beste voor: {said}. " if proven else ""
        if timed_out:
            text += (
                "Niet bewezen het beste (de tijd was op): "
                + ", ".join(_LEVEL_NAMES[n] for n in timed_out)
                + ". Meer tijd geven kan met --tijd. "
            )
        if "compact" in open_:
            text += f"{_LEVEL_NAMES['compact'].capitalize()}: zo goed als kmg kon vinden, niet bewezen het beste."
        lines.append(text.strip())
    return lines


def _summary(schedule: Schedule, class_list: ClassList, files: dict[Path, bytes], out: Path, seconds: float) -> None:
    classes = len({c.klas for c in schedule.conversations})
    typer.echo("Klaar: " + " ".join(summary_lines(schedule, classes, seconds)[:1]))
    for line in summary_lines(schedule, classes, seconds)[1:]:
        typer.echo(f"  {line}")
    typer.echo(
        f"De planning ({CSV_FILE}) en per groep het rooster, de agenda (.ics) en de bevestigingen staan in "
        f"{out.resolve()}/"
    )
