"""The build plan: which documents to make for which class, and making them (in parallel).

MkDocs-style: everything is validated and planned first, then written. Each job is one
class under one agenda and writes that class's documents (the registry in `documents.py`:
guide, note forms, invitations). Jobs run in a
process pool with one `Renderer` (one font configuration, CSS parsed once) per worker.
WeasyPrint is imported only inside the workers and `render`, never by `kmg check`.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import signal
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .agenda.model import Agenda
from .documents import DEFAULT as DEFAULT_DOCUMENTS
from .documents import documents_of
from .errors import UserError
from .fileio import write_bytes_atomic
from .serving import pupil_agenda, serving_agendas
from .slug import slugify, strip_accents

if TYPE_CHECKING:
    from .classes import Pupil, SchoolClass
    from .invitations import Letter
    from .planning.forms import Appointment
    from .render import Renderer, UnprintableName

T = TypeVar("T")
R = TypeVar("R")

GUIDE = "leidraad.pdf"
FORMS = "gespreksformulieren.pdf"
INVITATIONS = "uitnodigingen.pdf"


@dataclass(frozen=True)
class Job:
    """One class (or none: blank forms) under one agenda, written into `folder`."""

    agenda: Agenda
    agenda_path: Path
    klass: SchoolClass | None
    folder: Path  # relative to the output directory
    # instroom: a hash of the pupil, kept in the folder so that another pupil never takes it over
    owner: str | None = None
    # kmg build --planning: each pupil's conversation (klass.leerlingen then in conversation order)
    planned: tuple[Appointment | None, ...] = ()
    # the names of the documents this job makes (documents.py), in registry order
    documents: tuple[str, ...] = DEFAULT_DOCUMENTS
    # the invitations handed out through this class (they name siblings in other classes)
    letters: tuple[Letter, ...] = ()
    # what the letters' agenda indexes point into (every agenda of the build, command-line order)
    agendas: tuple[Agenda, ...] = ()

    def key(self, templates: str) -> str:
        from .cache import job_key

        extra = (
            {"documents": self.documents, "letters": self.letters}
            if self.letters or (self.documents != DEFAULT_DOCUMENTS)
            else None
        )
        if self.letters and self.agendas:  # the agendas the letters speak for (not the others)
            used = sorted(
                {
                    i
                    for letter in self.letters
                    for i in (letter.agenda, *(c.agenda for c in letter.kinderen))
                    if i is not None
                }
            )
            extra = {**(extra or {}), "agendas": [self.agendas[i].model_dump_json() for i in used]}
        if self.planned:  # the dates, times and slip topics on the forms and the checklist
            from .planning.forms import planning_digest

            extra = {**(extra or {}), "planning": planning_digest(self.planned)}
        return job_key(self.agenda.model_dump_json(), self.klass, templates, extra)

    @property
    def label(self) -> str:
        return self.klass.label if self.klass else "zonder klassenlijst"

    @property
    def pupils(self) -> int:
        # distinct pupils: with a planning a pupil of separated parents has a form per conversation
        return len({id(pupil) for pupil in self.klass.leerlingen}) if self.klass else 0

    def outputs(self) -> tuple[Path, ...]:
        return tuple(self.folder / document.bestand for document in documents_of(self))


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    unserved: list[SchoolClass] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. a name in `groepen` that matches no class
    refused: list[str] = field(default_factory=list)  # a --leerling that gets nothing (exit 1)


def make_plan(agendas: Sequence[tuple[Path, Agenda]], classes: Sequence[SchoolClass] | None) -> Plan:
    """Match classes to agendas by name or year group; a class under several agendas gets a subfolder each.

    Which of those agendas serves each pupil (its letter, its planned conversation) is
    `serving.pupil_agenda`; in a class under several agendas each job holds just those pupils,
    so that a pupil's form is in the folder of its own agenda (a job left without pupils makes
    only its guide).
    """
    plan = Plan()
    if classes is None:
        for path, agenda in agendas:
            plan.jobs.append(Job(agenda, path, None, Path(slugify(path.stem))))
        _refuse_shared_folders(plan.jobs)
        return plan
    for klass in classes:
        # A class that an agenda names in `groepen` ("Taalklas") goes to that agenda only.
        serving = serving_agendas(klass, agendas)
        if not serving:
            plan.unserved.append(klass)
        for path, agenda in serving:
            folder, own = Path(klass.slug), klass
            if len(serving) > 1:
                folder = folder / slugify(path.stem)
                # each pupil's form under the agenda of its letter and its planned conversation
                own = dataclasses.replace(
                    klass,
                    leerlingen=tuple(p for p in klass.leerlingen if pupil_agenda(klass, p, agendas) == (path, agenda)),
                )
            plan.jobs.append(Job(agenda, path, own, folder))
    from .classes.model import unknown_name_messages

    plan.notes.extend(unknown_name_messages(agendas, classes))
    _refuse_shared_folders(plan.jobs)
    return plan


def _refuse_shared_folders(jobs: Sequence[Job]) -> None:
    """Two jobs writing into one folder would overwrite each other's PDFs (and fool the cache)."""
    seen: dict[Path, Job] = {}
    for job in jobs:
        other = seen.setdefault(job.folder, job)
        if other is not job:
            raise UserError(
                f"{other.agenda_path} en {job.agenda_path} zouden allebei in de map '{job.folder}' schrijven. "
                "Geef de agendabestanden namen die meer van elkaar verschillen."
            )


# --- instroom: one new pupil's documents, next to the class's own --------------------------


def find_pupil(classes: Sequence[SchoolClass], name: str, source: Path | None = None) -> tuple[SchoolClass, Pupil]:
    """The pupil called `name`: the name as printed, or the roepnaam when only one pupil has it.

    The messages may repeat what the user typed (their own input) but never name other pupils.
    """
    wanted = _name_key(name)
    if not wanted:
        raise UserError('--leerling heeft een naam nodig, bijvoorbeeld --leerling "Roepnaam Achternaam".')
    everyone = [(klass, pupil) for klass in classes for pupil in klass.leerlingen]
    # exactly as written first; then without accents ("zoe" finds Zoë), still refusing two matches
    for key in (_name_key, _loose_key):
        wanted = key(name)
        matches = [(k, p) for k, p in everyone if key(p.naam) == wanted]
        if len(matches) > 1 and len({_name_key(p.naam) for _, p in matches}) == 1:
            raise UserError(
                f"'{name}' staat meer dan eens in de klassenlijst. Maak voor deze leerling een lijst "
                "met alleen de eigen regel en gebruik die met --klassen.",
                path=source,
            )
        if not matches:
            matches = [(k, p) for k, p in everyone if key(p.roepnaam) == wanted]
        if len(matches) > 1:
            raise UserError(
                f"'{name}' past bij meer dan één leerling in de klassenlijst. "
                "Geef de hele naam zoals op het formulier (roepnaam, tussenvoegsel, achternaam).",
                path=source,
            )
        if matches:
            return matches[0]
    raise UserError(
        f"'{name}' staat niet in de klassenlijst. Schrijf de naam zoals op het formulier "
        "(roepnaam, tussenvoegsel, achternaam) of alleen de roepnaam.",
        path=source,
    )


def _name_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _loose_key(text: str) -> str:
    return _name_key(strip_accents(text))


def make_instroom_plan(
    agendas: Sequence[tuple[Path, Agenda]],
    classes: Sequence[SchoolClass],
    names: Sequence[str],
    day: str,
    source: Path | None = None,
    out_dir: Path | None = None,
) -> Plan:
    """Jobs for just these pupils, each in its own folder `instroom-<day>-<name>` inside its class's folder.

    The class's own PDFs and cache entries are not touched: a pupil who joins later gets a
    form without reprinting (or replacing) the forms of the whole class. A folder that
    `out_dir` already holds for another pupil (names that look alike in ascii: "Zoë" and
    "Zoe", or Arabic names) is left alone: this pupil gets `...-2`.
    """
    plan = Plan()
    chosen: dict[int, tuple[str, SchoolClass, Pupil]] = {}
    for name in names:
        klass, pupil = find_pupil(classes, name, source)
        chosen.setdefault(id(pupil), (name, klass, pupil))
    taken: set[Path] = set()
    for name, klass, pupil in chosen.values():
        alone = dataclasses.replace(klass, leerlingen=(pupil,))
        part = make_plan(agendas, [alone])
        if part.unserved:
            plan.refused.append(
                f"--leerling {name}: {klass.label} valt onder geen enkele agenda; voor deze leerling is niets "
                "gemaakt. Voeg de groep toe aan 'groepen' van een agenda."
            )
        owner = hashlib.sha256(f"{klass.slug}\0{_name_key(pupil.naam)}".encode()).hexdigest()[:16]
        for job in part.jobs:
            if job.klass is not None and not job.klass.leerlingen:
                continue  # a class under two agendas: only the new pupil's own
            base = f"instroom-{day}-{slugify(pupil.naam, empty='leerling')}"
            folder, counter = job.folder / base, 2
            while folder in taken or (out_dir is not None and _owned_by_another(out_dir / folder, owner)):
                folder, counter = job.folder / f"{base}-{counter}", counter + 1
            taken.add(folder)
            plan.jobs.append(dataclasses.replace(job, folder=folder, owner=owner))
    return plan


# Inside an instroom folder: whose it is (a hash, never the name itself).
OWNER_FILE = ".kmg-instroom"


def _owned_by_another(folder: Path, owner: str) -> bool:
    if not folder.exists():
        return False
    try:
        return (folder / OWNER_FILE).read_text(encoding="ascii").strip() != owner
    except (OSError, ValueError):
        return True  # made by someone else (or an older kmg): not ours to replace


@dataclass(frozen=True)
class JobResult:
    job: Job
    pages: int
    files: int
    warnings: tuple[str, ...] = ()  # what WeasyPrint complained about (e.g. a refused URL)
    unprintable: tuple[UnprintableName, ...] = ()  # pupils whose name no font can print: left blank


# --- rendering one job -------------------------------------------------------------------

_renderer: Renderer | None = None


def _init_worker(template_dirs: Sequence[Path]) -> None:
    global _renderer
    from .render import Renderer

    _ignore_ctrl_c()
    _renderer = Renderer(template_dirs)


def _ignore_ctrl_c() -> None:
    """Workers ignore Ctrl-C: the main process decides, and a job always finishes its files.

    And they stop when the main process is gone (killed, "End task"): nobody waits for
    their work, and without this they would wait for the next job forever.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()


def _exit_with_parent() -> None:
    import multiprocessing
    from multiprocessing.connection import wait as wait_for

    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch() -> None:
        wait_for([parent.sentinel])  # ready when the parent has ended
        os._exit(1)

    threading.Thread(target=watch, name="kmg-parent-watch", daemon=True).start()


@contextmanager
def _children_deaf_to_ctrl_c() -> Iterator[None]:
    """Processes started in here (forkserver, workers) hold Ctrl-C back from their very start.

    They inherit the blocked signal, so Ctrl-C while they still import WeasyPrint prints no
    traceback of theirs; the main process gets a Ctrl-C that came meanwhile right after.
    (Windows has no signal masks: there the workers ignore Ctrl-C once they have started.)
    """
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def run_job(job: Job, out_dir: Path, renderer: Renderer | None = None) -> JobResult:
    renderer = renderer or _renderer
    assert renderer is not None, "worker not initialised"
    # every document first, then the files: a job that fails writes none of them
    pdfs = []
    for document in documents_of(job):
        try:
            pdfs.append(document.render(renderer, job))
        except (UserError, MemoryError, RecursionError):
            raise
        except Exception as problem:  # WeasyPrint (or kmg) stopped on something it did not expect
            raise RenderingStopped(
                job.label, document.bestand, type(problem).__name__, _own_templates(renderer)
            ) from None
    if job.owner is not None:
        write_bytes_atomic(out_dir / job.folder / OWNER_FILE, job.owner.encode("ascii"))
    for path, pdf in zip(job.outputs(), pdfs, strict=True):
        write_bytes_atomic(out_dir / path, pdf.data)
    from .render import unprintable_names

    warnings = tuple(warning for pdf in pdfs for warning in pdf.warnings)
    pages = sum(pdf.pages for pdf in pdfs)
    return JobResult(job, pages, len(pdfs), warnings, unprintable_names(*pdfs))


class RenderingStopped(UserError):
    """WeasyPrint stopped on a page it could not lay out; names the class and the file, never a pupil.

    Most often a rule in a school's own print.css or template (found: `text-align-last: justify`
    on the names trips an assertion inside WeasyPrint). With kmg's own templates it is a bug.
    """

    def __init__(self, label: str, filename: str, kind: str, own_folder: str | None) -> None:
        self.args_kept = (label, filename, kind, own_folder)
        if own_folder:
            hint = (
                f"Waarschijnlijk komt dat door een regel in uw eigen print.css of sjabloon in {own_folder}. "
                "Zet de laatste wijziging terug, of probeer het zonder --sjablonen."
            )
        else:
            hint = "Dit is een fout in kmg. Meld het bij wie kmg voor uw school beheert, met deze melding."
        super().__init__(f"{label}: het maken van {filename} liep vast in WeasyPrint ({kind}). {hint}")

    def __reduce__(self) -> tuple:
        return (RenderingStopped, self.args_kept)


def _own_templates(renderer: Renderer) -> str | None:
    """The school's own template folder (--sjablonen), if the renderer has one."""
    folders = list(getattr(renderer, "template_dirs", ()))
    return str(folders[0]) if len(folders) > 1 else None


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# ProcessPoolExecutor refuses more workers than this on Windows (WaitForMultipleObjects' limit).
WINDOWS_MAX_WORKERS = 61
# Each worker renders about this many classes before its pool is replaced by a fresh one,
# which bounds the memory a long whole-school build can gather in the workers.
TASKS_PER_WORKER = 64


def worker_count(requested: int | None, jobs: int, *, platform: str = sys.platform) -> int:
    workers = max(1, min(requested or default_jobs(), jobs))
    if platform == "win32":
        workers = min(workers, WINDOWS_MAX_WORKERS)
    return workers


def start_method() -> str:
    """forkserver where it exists (workers start clean and fast), else spawn (Windows)."""
    import multiprocessing

    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def execute(
    jobs: Sequence[Job],
    out_dir: Path,
    *,
    template_dirs: Sequence[Path] = (),
    workers: int | None = None,
    stop: threading.Event | None = None,
) -> Iterator[JobResult]:
    """Render every job, yielding results as they finish (in completion order).

    Once `stop` is set (Ctrl-C), no new job starts; the jobs already running finish and are
    yielded, and then KeyboardInterrupt is raised.
    """
    workers = worker_count(workers, len(jobs))
    if workers == 1:
        from .render import Renderer

        renderer = Renderer(template_dirs)
        for job in jobs:
            if stop is not None and stop.is_set():
                raise KeyboardInterrupt
            yield run_job(job, out_dir, renderer)
        if stop is not None and stop.is_set():
            raise KeyboardInterrupt
        return
    yield from pool_map(
        functools.partial(run_job, out_dir=out_dir),
        jobs,
        workers=workers,
        initializer=_init_worker,
        initargs=(tuple(template_dirs),),
        preload=("weasyprint", "gereedschapskist.render"),
        stop=stop,
    )


def pool_map(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int,
    initializer: Callable[..., object] = _ignore_ctrl_c,
    initargs: tuple = (),
    preload: Sequence[str] = (),
    tasks_per_worker: int = TASKS_PER_WORKER,
    method: str | None = None,
    stop: threading.Event | None = None,
) -> Iterator[R]:
    """`function` over `items` in worker processes, yielding results in completion order.

    Fresh workers after about `tasks_per_worker` tasks each, done here and not with
    `max_tasks_per_child`: that one loses workers and hangs the pool (CPython gh-115634).
    A pool that has had its share is shut down without waiting (its last tasks still
    finish) while a new pool takes the next tasks, so there is no pause between pools.
    Only a few tasks per worker are queued at a time, so Ctrl-C stops quickly. When `stop`
    is set, the tasks not yet started are cancelled, those running are still yielded, and
    then KeyboardInterrupt is raised.
    """
    import multiprocessing

    context = multiprocessing.get_context(method or start_method())
    if context.get_start_method() == "forkserver" and preload:
        context.set_forkserver_preload(list(preload))
    per_pool = max(1, tasks_per_worker * workers)
    queue = iter(items)
    pools: list[ProcessPoolExecutor] = []
    pool: ProcessPoolExecutor | None = None
    managers: list[threading.Thread] = []
    submitted = 0
    pending: set[Future[R]] = set()
    try:
        while True:
            stopping = stop is not None and stop.is_set()
            if stopping:
                for each in pools:
                    managers += _shut_down_later(each, cancel=True)
                # A future cancelled before it started is never "done" for wait(): drop it here.
                pending = {future for future in pending if not future.cancel()}
            while not stopping and len(pending) < 2 * workers and (item := next(queue, _END)) is not _END:
                if pool is None or submitted >= per_pool:
                    if pool is not None:
                        managers += _shut_down_later(pool, cancel=False)
                    pool = ProcessPoolExecutor(workers, context, initializer, initargs)
                    pools.append(pool)
                    submitted = 0
                with _children_deaf_to_ctrl_c():  # submit starts the workers (and the forkserver)
                    pending.add(pool.submit(function, item))
                submitted += 1
            if not pending:
                if stopping:
                    raise KeyboardInterrupt
                return
            # a timeout: a Ctrl-C that only set `stop` is noticed soon, also while a long task runs
            done, pending = wait(pending, timeout=0.5 if stop is not None else None, return_when=FIRST_COMPLETED)
            for future in done:
                if future.cancelled():
                    continue
                try:
                    result = future.result()
                except BrokenProcessPool:
                    raise UserError(
                        "een van de processen die de PDF's maken is onverwacht gestopt (te weinig geheugen?). "
                        "Probeer het opnieuw met minder processen tegelijk (--processen 1)."
                    ) from None
                yield result
    except BaseException:
        # Ctrl-C or an error (or the caller stopped early): don't start the tasks still
        # queued; the ones running finish their files, so nothing is left half-written.
        for each in pools:
            managers += _shut_down_later(each, cancel=True)
        raise
    finally:
        for each in pools:
            each.shutdown(wait=True)
        # A pool shut down without waiting forgets its manager thread, so shutdown(wait=True)
        # no longer waits for it. Left running, it raced Python's exit hook, which then printed
        # "OSError: [Errno 9] Bad file descriptor" under kmg's own message (CPython 3.11).
        for manager in managers:
            manager.join()


def _shut_down_later(pool: ProcessPoolExecutor, *, cancel: bool) -> list[threading.Thread]:
    """Shut `pool` down without waiting; return its manager thread, for the caller to join later.

    The thread is a private attribute of ProcessPoolExecutor (3.9 to 3.13): when a Python
    has no such attribute there is nothing to join and the pool is still shut down.
    """
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=cancel)
    return [manager] if isinstance(manager, threading.Thread) else []


_END = object()
