"""The documents of a class: one registry entry per PDF that `kmg build` can make.

A document is a name (the value of `kmg build --documenten`), a file name, its main
template, the function that builds what the template sees, and the function that prints
it with the worker's `Renderer`. `batch.py`, `cli/build.py` and the cache only iterate
this list, so a fourth document is one entry here plus a template.

Nothing here imports WeasyPrint: the render functions import it only when they run
(in a worker).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .batch import Job
    from .render import RenderedPdf, Renderer


@dataclass(frozen=True)
class Document:
    naam: str  # the option value: kmg build --documenten leidraad,formulieren
    bestand: str  # the file in the class's folder
    template: str  # the main template (in templates/ or the school's --sjablonen)
    view: Callable[..., dict[str, Any]]  # what the template sees (see render/views.py, invitations.py)
    render: Callable[[Renderer, Job], RenderedPdf]  # prints the document of one job
    applies: Callable[[Job], bool]  # whether a job gets this document at all


def _guide_view(agenda: Any, klass: Any) -> dict[str, Any]:
    from .render.views import guide_context

    return guide_context(agenda, klass)


def _forms_view(agenda: Any, klass: Any, pages: int = 1) -> dict[str, Any]:
    from .render.views import forms_context

    return forms_context(agenda, klass, pages)


def _invitations_view(
    agenda: Any, klass: Any, letters: Sequence[Any] = (), agendas: Sequence[Any] = ()
) -> dict[str, Any]:
    from .invitations import invitation_context

    return invitation_context(agenda, klass, letters, agendas=agendas)


def _render_guide(renderer: Renderer, job: Job) -> RenderedPdf:
    return renderer.guide_pdf(job.agenda, job.klass, job.planned or None)  # planned: kmg build --planning


def _render_forms(renderer: Renderer, job: Job) -> RenderedPdf:
    return renderer.forms_pdf(job.agenda, job.klass, job.planned or None)  # planned: kmg build --planning


def _render_invitations(renderer: Renderer, job: Job) -> RenderedPdf:
    from .render.invitations import invitations_pdf

    return invitations_pdf(renderer, job.agenda, job.klass, job.letters, job.agendas)


def _always(job: Job) -> bool:
    return True


def _has_letters(job: Job) -> bool:
    return bool(job.letters)


DOCUMENTS: tuple[Document, ...] = (
    Document("leidraad", "leidraad.pdf", "leidraad.html.j2", _guide_view, _render_guide, _always),
    Document(
        "formulieren", "gespreksformulieren.pdf", "gespreksformulieren.html.j2", _forms_view, _render_forms, _always
    ),
    Document(
        "uitnodigingen",
        "uitnodigingen.pdf",
        "uitnodigingen.html.j2",
        _invitations_view,
        _render_invitations,
        _has_letters,
    ),
)
BY_NAME: dict[str, Document] = {document.naam: document for document in DOCUMENTS}
NAMES: tuple[str, ...] = tuple(BY_NAME)
# What a job makes when nobody chose (tests, `execute` without a plan): the documents every class gets.
DEFAULT: tuple[str, ...] = ("leidraad", "formulieren")
INVITATIONS = "uitnodigingen"


def parse_choice(text: str | None) -> tuple[str, ...]:
    """`--documenten leidraad,formulieren` -> the names in registry order; None -> all of them.

    Raises ValueError with a Dutch sentence for a name kmg does not know.
    """
    if text is None:
        return NAMES
    wanted = [part.strip().casefold() for part in text.split(",") if part.strip()]
    if not wanted:
        raise ValueError(f"--documenten: noem minstens één document: {_choices()}.")
    aliases = {"gespreksformulieren": "formulieren", "uitnodiging": "uitnodigingen", "formulier": "formulieren"}
    unknown = [name for name in wanted if aliases.get(name, name) not in BY_NAME]
    if unknown:
        raise ValueError(f"--documenten: '{unknown[0]}' ken ik niet. Kies uit {_choices()} (met komma's ertussen).")
    chosen = {aliases.get(name, name) for name in wanted}
    return tuple(name for name in NAMES if name in chosen)


def _choices() -> str:
    return ", ".join(NAMES[:-1]) + " en " + NAMES[-1]


def documents_of(job: Job) -> tuple[Document, ...]:
    """The documents a job makes, in registry order."""
    return tuple(BY_NAME[name] for name in job.documents)


def select(job: Job, wanted: Sequence[str]) -> tuple[str, ...]:
    """Of the `wanted` documents, those that apply to this job."""
    return tuple(name for name in wanted if BY_NAME[name].applies(job))


def plan_documents(
    jobs: Sequence[Job],
    wanted: Sequence[str],
    class_list: Any = None,
    secret: bytes | None = None,
    via: str = "oudste",
    agendas: Sequence[Any] = (),
) -> tuple[list[Job], list[Any]]:
    """The jobs with their documents (and letters) decided; jobs that make nothing are left out.

    A class's letters go to the first job of that class (a class under two agendas hands
    them out once, in one uitnodigingen.pdf); each letter speaks for the agenda of the child
    it goes through (`serving.pupil_agenda` among `agendas`, in command-line order), so that
    one PDF can hold home-visit letters for groep 1 and school letters for groep 2.
    Returns the jobs and every letter in school order (for antwoorden.csv).
    """
    import dataclasses

    letters: dict[str, list[Any]] = {}
    first: dict[str, Job] = {}
    if INVITATIONS in wanted and class_list is not None and secret is not None:
        from .invitations import plan_letters

        for job in jobs:
            if job.klass is not None and job.klass.leerlingen:
                first.setdefault(job.klass.slug, job)
        letters = plan_letters(class_list, first, via, secret, agendas)
    planned: list[Job] = []
    for job in jobs:
        own = job.klass is not None and first.get(job.klass.slug) is job
        job = dataclasses.replace(job, letters=tuple(letters.get(job.klass.slug, ())) if own else ())  # type: ignore[union-attr]
        if job.letters and agendas:
            job = dataclasses.replace(job, agendas=tuple(agendas))
        job = dataclasses.replace(job, documents=select(job, wanted))
        if job.documents:
            planned.append(job)
    in_order = [letter for klass in (class_list or ()) for letter in letters.get(klass.slug, ())]
    return planned, in_order
