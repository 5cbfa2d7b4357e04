"""What the templates see: plain, precomputed views of an agenda and a class.

Templates (possibly a school's own) should only lay things out, so every number a
document prints is computed here, where it is tested: clock offsets, the spread of
the time bar, and how many writing lines each topic gets on the form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..agenda.model import PERSPECTIVE_LABELS, PERSPECTIVES, Agenda, Onderwerp, Setting, Soort
from ..classes.model import SchoolClass
from ..classes.model import class_label as model_class_label
from ..errors import UserError
from ..planning.forms import Appointment
from ..wording import clock
from .contract import FORM_ANCHOR_PREFIX

SETTING_LABELS: dict[str, str] = {Setting.school.value: "op school", Setting.huisbezoek.value: "huisbezoek"}

# Writing lines per topic: one per planned minute is what a teacher can note while
# also talking; at least two so that a short topic still has room for a remark, and
# at most twelve so that one long topic cannot swallow a whole page of the form.
MIN_LINES = 2
MAX_LINES = 12

# Gray levels for the time bar, chosen to stay distinct on a grayscale laser printer;
# neighbouring topics always get different fills, and every segment also carries a label.
BAR_SHADES = 3

# Rows on an empty class checklist (no class list given): a typical Dutch class size.
EMPTY_CHECKLIST_ROWS = 25


def writing_lines(minutes: int) -> int:
    """How many lines a topic gets on the form for each perspective."""
    return max(MIN_LINES, min(MAX_LINES, minutes))


def class_label(naam: str) -> str:
    """The class as a title: "4/5" -> "Groep 4/5"; "Groep 1-2" and "De Egels" stay as they are."""
    # The terminal's label with a capital, so that both name a class alike.
    label = model_class_label(naam)
    return label[:1].upper() + label[1:]


def class_short(naam: str) -> str:
    """The class name for a "Groep:" field: "Groep 1-2" -> "1-2", "4/5" -> "4/5"."""
    naam = naam.strip()
    if naam.casefold().startswith("groep") and naam[5:6].isspace():
        return naam[5:].strip()
    return naam


@dataclass(frozen=True)
class Column:
    """One perspective's own questions within a topic."""

    key: str
    label: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    """One agenda topic with its place in time and on the form."""

    number: int
    titel: str
    minuten: int
    soort: str
    start: int
    end: int
    columns: tuple[Column, ...]
    samen: tuple[str, ...]
    lines: int

    @property
    def time_label(self) -> str:
        return f"{clock(self.start)}–{clock(self.end)}"

    @property
    def shared_only(self) -> bool:
        """Only `samen` questions: one shared question for everybody, one shared writing area."""
        return bool(self.samen) and not any(column.questions for column in self.columns)

    @property
    def has_own(self) -> bool:
        return any(column.questions for column in self.columns)


@dataclass(frozen=True)
class BarSegment:
    """One stretch of the time bar, as a share of the bar's width."""

    label: str
    titel: str
    minuten: int
    left: float
    width: float
    shade: str


@dataclass(frozen=True)
class TimeBar:
    segments: tuple[BarSegment, ...]
    ticks: tuple[tuple[float, str], ...]
    total: int


@dataclass(frozen=True)
class Form:
    """One note form: a pupil (or a blank form) and how many pages that form takes.

    With a planning, `gesprek` is the form's conversation and `inhoud` the content below
    its header (the same for every pupil otherwise, when the renderer stacks it).
    """

    index: int
    naam: str
    pages: int
    gesprek: Appointment | None = None
    inhoud: Any = None

    @property
    def anchor(self) -> str:
        return f"{FORM_ANCHOR_PREFIX}{self.index + 1}"


@dataclass(frozen=True)
class LogoView:
    """The school's logo: the image (a short URL the fetcher serves) and the text a screen reader reads for it."""

    bron: str
    tekst: str


def logo(agenda: Agenda) -> LogoView | None:
    if agenda.logo is None:
        return None
    if agenda.logo.bron is None:
        # Only `agenda.logo.attach_logo` (which `kmg check` and `kmg build` use) knows the agenda's folder.
        raise UserError(
            f"Het logo '{agenda.logo.bestand}' is niet ingelezen; lees de agenda in met kmg check of kmg build."
        )
    from .fetcher import inline_url  # WeasyPrint's side: only when a logo is printed

    return LogoView(bron=inline_url(agenda.logo.bron), tekst=agenda.logo.tekst or f"Logo van {agenda.school}")


def topics(agenda: Agenda) -> tuple[Topic, ...]:
    result: list[Topic] = []
    start = 0
    for number, onderwerp in enumerate(agenda.onderwerpen, start=1):
        result.append(_topic(number, onderwerp, start, agenda.leerling_aanwezig))
        start += onderwerp.minuten
    return tuple(result)


def _topic(number: int, onderwerp: Onderwerp, start: int, leerling_aanwezig: bool) -> Topic:
    columns = tuple(
        Column(key, perspective_label(key, leerling_aanwezig), tuple(getattr(onderwerp, key))) for key in PERSPECTIVES
    )
    return Topic(
        number=number,
        titel=onderwerp.titel,
        minuten=onderwerp.minuten,
        soort=onderwerp.soort.value if isinstance(onderwerp.soort, Soort) else str(onderwerp.soort),
        start=start,
        end=start + onderwerp.minuten,
        columns=columns,
        samen=tuple(onderwerp.samen),
        lines=writing_lines(onderwerp.minuten),
    )


def perspective_label(key: str, leerling_aanwezig: bool = True) -> str:
    if key == "leerling" and not leerling_aanwezig:
        # Without the pupil in the room, their column holds what is said about them.
        return "Over de leerling"
    return PERSPECTIVE_LABELS[key]


def time_bar(agenda: Agenda, topic_views: tuple[Topic, ...]) -> TimeBar:
    """The minutes per topic as shares of the agreed duration (or of the plan, if longer)."""
    total = max(agenda.duur, agenda.planned_minutes, 1)
    segments: list[BarSegment] = []
    for index, topic in enumerate(topic_views):
        if topic.minuten == 0:
            continue
        segments.append(
            BarSegment(
                label=str(topic.number),
                titel=topic.titel,
                minuten=topic.minuten,
                left=100 * topic.start / total,
                width=100 * topic.minuten / total,
                shade=f"tint-{index % BAR_SHADES + 1}",
            )
        )
    free = total - agenda.planned_minutes
    if free > 0:
        segments.append(
            BarSegment(
                label="vrij",
                titel="Ruimte",
                minuten=free,
                left=100 * agenda.planned_minutes / total,
                width=100 * free / total,
                shade="tint-vrij",
            )
        )
    step = 5 if total <= 40 else 10 if total <= 90 else 30
    ticks = tuple((100 * minute / total, clock(minute)) for minute in range(0, total + 1, step))
    if total % step:
        ticks += ((100.0, clock(total)),)
    return TimeBar(segments=tuple(segments), ticks=ticks, total=total)


def base_context(agenda: Agenda, klass: SchoolClass | None) -> dict[str, Any]:
    """What both documents share: the agenda's facts and the class header."""
    topic_views = topics(agenda)
    return {
        "agenda": agenda,
        "titel": agenda.display_title,
        "school": agenda.school,
        "schooljaar": agenda.schooljaar,
        "setting": agenda.setting.value,
        "setting_label": SETTING_LABELS[agenda.setting.value],
        "huisbezoek": agenda.setting == Setting.huisbezoek,
        "duur": agenda.duur,
        "leerling_aanwezig": agenda.leerling_aanwezig,
        "logo": logo(agenda),
        "klas": class_label(klass.naam) if klass is not None else "",
        "klas_kort": class_short(klass.naam) if klass is not None else "",
        "leerkracht": klass.leerkracht if klass is not None else "",
        "topics": topic_views,
        "perspectives": tuple((key, perspective_label(key, agenda.leerling_aanwezig)) for key in PERSPECTIVES),
    }


def guide_context(
    agenda: Agenda, klass: SchoolClass | None, planned: Sequence[Appointment | None] | None = None
) -> dict[str, Any]:
    """The guide; with `planned` (one per pupil, in the class's order) the checklist shows each date and time."""
    context = base_context(agenda, klass)
    pupils = tuple(pupil.naam for pupil in klass.leerlingen) if klass is not None else ()
    context.update(
        document_title=_title("Leidraad", agenda, context["klas"]),
        timebar=time_bar(agenda, context["topics"]),
        leerlingen=pupils,
        # the checklist's "Datum en tijd" per pupil ("" when not planned)
        wanneer=tuple(a.kort if a is not None else "" for a in planned) if planned else (),
        lege_rijen=0 if pupils else EMPTY_CHECKLIST_ROWS,
        # The whole guide in one flow; the renderer prints it as two layers (leidraad.html.j2).
        laag=None,
    )
    return context


def forms_context(
    agenda: Agenda,
    klass: SchoolClass | None,
    pages: int | Sequence[int],
    planned: Sequence[Appointment | None] | None = None,
    contents: Sequence[Any] | None = None,
) -> dict[str, Any]:
    """Context for the per-pupil layer of the forms: one header per pupil, `pages` pages each.

    `pages` may be one count per form (planned forms differ: the family's own topics);
    `planned` the conversation of each form, `contents` each form's own content (one flow).
    """
    context = base_context(agenda, klass)
    names = [pupil.naam for pupil in klass.leerlingen] if klass is not None and klass.leerlingen else [""]
    counts = [pages] * len(names) if isinstance(pages, int) else list(pages)
    context.update(
        document_title=_title("Gespreksformulieren", agenda, context["klas"]),
        formulieren=tuple(
            Form(
                index,
                naam,
                counts[index],
                planned[index] if planned and index < len(planned) else None,
                contents[index] if contents and index < len(contents) else None,
            )
            for index, naam in enumerate(names)
        ),
        inhoud=None,
    )
    return context


def form_content_context(
    agenda: Agenda, header_space: str | None = None, *, inside_form: bool = False, gesprek: Appointment | None = None
) -> dict[str, Any]:
    """Context for the shared content of every form (the same for every pupil and class).

    `header_space` overrides the height kept free for the per-pupil header, as a CSS
    length, when a header turned out taller than the stylesheet's default.
    `inside_form` leaves no room at all: the content then follows each header in one flow.
    """
    context = base_context(agenda, None)
    context.update(
        document_title=_title("Gespreksformulier", agenda, ""),
        kop_ruimte=header_space,
        binnen_formulier=inside_form,
        # a planned conversation (kmg build --planning): date, time, place and the slip's topics filled in
        gesprek=gesprek,
    )
    return context


def _title(kind: str, agenda: Agenda, klas: str) -> str:
    parts = [f"{kind} {agenda.display_title.lower() if agenda.titel is None else agenda.display_title}"]
    if klas:
        parts.append(klas)
    parts.append(f"{agenda.school} {agenda.schooljaar}")
    return " – ".join(parts)
