"""The build plan: which documents to make for which class, and making them (in parallel).

MkDocs-style: everything is validated and planned first, then written. Each job is one
class under one agenda and writes that class's guide and note forms. Jobs run in a
process pool with one `Renderer` (one font configuration, CSS parsed once) per worker.
WeasyPrint is imported only inside the workers and `render`, never by `kmg check`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .agenda.model import Agenda
from .errors import UserError
from .fileio import write_bytes_atomic
from .slug import slugify

if TYPE_CHECKING:
    from .classes import SchoolClass
    from .render import Renderer

GUIDE = "leidraad.pdf"
FORMS = "gespreksformulieren.pdf"


@dataclass(frozen=True)
class Job:
    """One class (or none: blank forms) under one agenda, written into `folder`."""

    agenda: Agenda
    agenda_path: Path
    klass: SchoolClass | None
    folder: Path  # relative to the output directory

    def key(self, templates: str) -> str:
        from .cache import job_key

        return job_key(self.agenda.model_dump_json(), self.klass, templates)

    @property
    def label(self) -> str:
        return self.klass.label if self.klass else "zonder klassenlijst"

    @property
    def pupils(self) -> int:
        return len(self.klass.leerlingen) if self.klass else 0

    def outputs(self) -> tuple[Path, Path]:
        return self.folder / GUIDE, self.folder / FORMS


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    unserved: list[SchoolClass] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. a name in `groepen` that matches no class


def make_plan(agendas: Sequence[tuple[Path, Agenda]], classes: Sequence[SchoolClass] | None) -> Plan:
    """Match classes to agendas by name or year group; a class under several agendas gets a subfolder each."""
    plan = Plan()
    if classes is None:
        for path, agenda in agendas:
            plan.jobs.append(Job(agenda, path, None, Path(slugify(path.stem))))
        _refuse_shared_folders(plan.jobs)
        return plan
    for klass in classes:
        # A class that an agenda names in `groepen` ("Taalklas") goes to that agenda only.
        serving = [(p, a) for p, a in agendas if klass.named_in(a.class_names)] or [
            (p, a) for p, a in agendas if klass.jaargroepen & a.year_groups
        ]
        if not serving:
            plan.unserved.append(klass)
        for path, agenda in serving:
            folder = Path(klass.slug)
            if len(serving) > 1:
                folder = folder / slugify(path.stem)
            plan.jobs.append(Job(agenda, path, klass, folder))
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


@dataclass(frozen=True)
class JobResult:
    job: Job
    pages: int
    files: int
    warnings: tuple[str, ...] = ()  # what WeasyPrint complained about (e.g. a refused URL)


# --- rendering one job -------------------------------------------------------------------

_renderer: Renderer | None = None


def _init_worker(template_dirs: Sequence[Path]) -> None:
    global _renderer
    from .render import Renderer

    _renderer = Renderer(template_dirs)


def run_job(job: Job, out_dir: Path, renderer: Renderer | None = None) -> JobResult:
    renderer = renderer or _renderer
    assert renderer is not None, "worker not initialised"
    guide = renderer.guide_pdf(job.agenda, job.klass)
    forms = renderer.forms_pdf(job.agenda, job.klass)
    guide_path, forms_path = job.outputs()
    write_bytes_atomic(out_dir / guide_path, guide.data)
    write_bytes_atomic(out_dir / forms_path, forms.data)
    return JobResult(job, guide.pages + forms.pages, 2, (*guide.warnings, *forms.warnings))


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def execute(
    jobs: Sequence[Job],
    out_dir: Path,
    *,
    template_dirs: Sequence[Path] = (),
    workers: int | None = None,
) -> Iterator[JobResult]:
    """Render every job, yielding results as they finish (in completion order)."""
    workers = max(1, min(workers or default_jobs(), len(jobs)))
    if workers == 1:
        from .render import Renderer

        renderer = Renderer(template_dirs)
        for job in jobs:
            yield run_job(job, out_dir, renderer)
        return
    import multiprocessing

    # forkserver: workers start clean (no inherited threads or half-built state) and can be
    # recycled with max_tasks_per_child, which the plain fork method does not allow.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["weasyprint", "gereedschapskist.render"])
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(tuple(template_dirs),),
        max_tasks_per_child=64,  # bounds memory growth of long whole-school builds
    )
    try:
        pending: dict[Future[JobResult], Job] = {pool.submit(run_job, job, out_dir): job for job in jobs}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                pending.pop(future)
                yield future.result()
    except BaseException:
        # Ctrl-C (the workers get it too and drop their half-written files) or an error:
        # don't start the classes still queued, so the build stops within seconds.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)
