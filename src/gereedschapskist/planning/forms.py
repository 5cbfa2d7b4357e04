"""`kmg build --planning`: a class's forms in conversation order, each with its date, time and place.

No OR-Tools and no WeasyPrint here: `kmg build` reads planning.csv (`csvout.read_planning_csv`)
and this module turns the conversations of one class into the order of its forms and the
appointment each form shows. A pupil with two conversations (separated parents who come
apart) gets a form for each; a pupil the planning does not know keeps a form without a time,
after the planned ones.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from ..classes.model import Pupil, SchoolClass, class_key
from .model import Conversation
from .pdf import clock, day_label, span

if TYPE_CHECKING:
    from ..batch import Job

# Short forms of wording.DAGEN and wording.MAANDEN, for the checklist column.
_DAYS_SHORT = ("ma", "di", "wo", "do", "vr", "za", "zo")
_MONTHS_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass(frozen=True)
class Appointment:
    """A planned conversation as the form and the checklist show it (`kmg build --planning`)."""

    dag: str  # "dinsdag 8 september 2026"
    tijd: str  # "15.00–15.25"
    plaats: str
    onderwerpen: str = ""  # what the family wrote on the reply slip
    kort: str = ""  # for the checklist: "di 8 sep 15.00"


def short_day(day: date) -> str:
    """ "di 8 sep": for the checklist column."""
    return f"{_DAYS_SHORT[day.weekday()]} {day.day} {_MONTHS_SHORT[day.month - 1]}"


def appointment(conversation: Conversation) -> Appointment:
    c = conversation
    return Appointment(
        dag=day_label(c.datum),
        tijd=span(c.begin, c.eind),
        plaats=c.plaats,
        onderwerpen=c.onderwerpen.strip(),
        kort=f"{short_day(c.datum)} {clock(c.begin)}",
    )


def _pupils_of(conversation: Conversation, klass: SchoolClass) -> list[Pupil]:
    """The class's pupils in a conversation: by internal key, else by name as planning.csv writes it."""
    by_key = [p for p in klass.leerlingen if p.sleutel and p.sleutel in conversation.leerlingen]
    if by_key:
        return by_key
    names = {" ".join(name.split()).casefold() for name in conversation.leerlingen}
    return [p for p in klass.leerlingen if " ".join(p.naam.split()).casefold() in names]


def planned_class(
    klass: SchoolClass, conversations: Sequence[Conversation]
) -> tuple[SchoolClass, tuple[Appointment | None, ...]]:
    """`klass` with its pupils in conversation order (a pupil once per conversation) and each one's appointment."""
    own = sorted(
        (c for c in conversations if class_key(c.klas) == class_key(klass.naam)),
        key=lambda c: (c.datum, c.begin, c.eind, c.huishouden),
    )
    ordered: list[Pupil] = []
    planned: list[Appointment | None] = []
    placed: set[int] = set()
    for conversation in own:
        for pupil in _pupils_of(conversation, klass):
            ordered.append(pupil)
            planned.append(appointment(conversation))
            placed.add(id(pupil))
    for pupil in klass.leerlingen:
        if id(pupil) not in placed:
            ordered.append(pupil)
            planned.append(None)
    return replace(klass, leerlingen=tuple(ordered)), tuple(planned)


def planning_digest(planned: Sequence[Appointment | None]) -> str:
    """What the forms and the checklist show of the planning, as a hash for the build cache (no names in it)."""
    shown = [None if a is None else [a.dag, a.tijd, a.plaats, a.onderwerpen, a.kort] for a in planned]
    return hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode("utf-8")).hexdigest()


def with_planning(jobs: Sequence[Job], conversations: Sequence[Conversation]) -> tuple[list[Job], list[str]]:
    """The build's jobs with each class in conversation order and its appointments (`kmg build --planning`).

    Also returns what to tell the school: a class with pupils that planning.csv does not know
    (a pupil who joined later; their form keeps empty date fields), or a class with no
    conversation at all. The messages name classes and counts, never a pupil.
    """
    from ..wording import aantal

    planned_jobs: list[Job] = []
    notes: list[str] = []
    for job in jobs:
        if job.klass is None:
            planned_jobs.append(job)
            continue
        klass, planned = planned_class(job.klass, conversations)
        missing = sum(1 for appointment_ in planned if appointment_ is None)
        if missing and missing == len(planned):
            notes.append(f"{job.label} staat niet in planning.csv; de formulieren krijgen geen datum en tijd.")
        elif missing:
            notes.append(
                f"{job.label}: {aantal(missing, 'leerling staat', 'leerlingen staan')} niet in planning.csv; "
                "hun formulier krijgt geen datum en tijd (ze staan achteraan)."
            )
        planned_jobs.append(replace(job, klass=klass, planned=planned))
    return planned_jobs, notes
