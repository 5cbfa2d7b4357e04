"""The printed side of `kmg plan`: the teacher's schedule (rooster.pdf) and the confirmation letters.

What the templates see is computed here (views), so a school's own template only lays
things out: `rooster_context` (one class: its conversations per moment, in time order,
with who comes, language support, apart, and the family's own topics) and
`letters_for_classes` (one letter per household, placed in the class of the child
through whom the invitation went).

The PDFs are written with the same Jinja environment, print.css, fonts and URL fetcher as
`kmg build` (a `Renderer`), through WeasyPrint's public API: these are small documents.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..agenda.model import Agenda
from ..classes.model import ClassList, Family, Household, Pupil, SchoolClass
from ..codes import letter_households
from ..invitations import choose_carrier
from ..wording import datum
from ..wording import kloktijd as clock
from .model import Conversation

if TYPE_CHECKING:
    from ..render import Renderer

ROOSTER_TEMPLATE = "rooster.html.j2"
LETTERS_TEMPLATE = "bevestiging.html.j2"
ROOSTER = "rooster.pdf"
LETTERS = "bevestigingen.pdf"

# A gap this long (minutes) between two conversations of a teacher shows as free time in the schedule.
FREE_TIME_SHOWN = 15


def day_label(day: date) -> str:
    """ "dinsdag 8 september 2026" (kmg's one Dutch date wording)."""
    return datum(day)


def span(begin: time, eind: time) -> str:
    return f"{clock(begin)}–{clock(eind)}"


def _minutes(day: date, moment: time) -> int:
    return int(datetime.combine(day, moment).timestamp() // 60)


def class_title(klass: SchoolClass) -> str:
    """The class as a title: "Groep 5a", "Taalklas" (as the guide names it)."""
    label = klass.label
    return label[:1].upper() + label[1:]


def _joined(names: Sequence[str]) -> str:
    names = [name for name in names if name]
    return ", ".join(names[:-1]) + " en " + names[-1] if len(names) > 1 else "".join(names)


# --- the school: who is who -------------------------------------------------------------


class School:
    """Look-ups over a class list: pupils by key, classes by name, families by id."""

    def __init__(self, class_list: ClassList) -> None:
        self.class_list = class_list
        self.pupils: dict[str, Pupil] = {}
        self.class_of: dict[str, SchoolClass] = {}
        self.order: dict[str, int] = {}
        for index, (klass, pupil) in enumerate(class_list.pupils()):
            self.pupils[pupil.sleutel] = pupil
            self.class_of[pupil.sleutel] = klass
            self.order[pupil.sleutel] = index
        self.classes: dict[str, SchoolClass] = {klass.naam: klass for klass in class_list.classes}
        self.families: dict[str, Family] = {family.id: family for family in class_list.families}

    def names(self, keys: Iterable[str]) -> tuple[str, ...]:
        return tuple(self.pupils[key].naam for key in keys if key in self.pupils)

    def households(self, conversation: Conversation) -> tuple[Household, ...]:
        """The households invited to a conversation: its own when apart, else every household of the family."""
        family = self.families.get(conversation.gezin)
        if family is None:
            return ()
        if conversation.apart or len(family.huishoudens) < 2:
            own = tuple(h for h in family.huishoudens if h.nummer == conversation.huishouden)
            return own or family.huishoudens[:1]
        return family.huishoudens


def parents_text(households: Sequence[Household]) -> str:
    """ "Fatma en Ahmet Yılmaz" style: the parents' names as the export has them, per household ("; ")."""
    return "; ".join(
        text for text in (_joined([p.naam.strip() for p in h.ouders if p.naam.strip()]) for h in households) if text
    )


# --- rooster.pdf ------------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleRow:
    """One line of the teacher's schedule: a conversation, or free time between two."""

    tijd: str
    leerlingen: str = ""
    ouders: str = ""
    bijzonderheden: tuple[str, ...] = ()
    onderwerpen: str = ""
    vrij: bool = False
    label: str = "vrij"  # what a free row says: "vrij", or travel time between two home visits


@dataclass(frozen=True)
class ScheduleBlock:
    """One moment of one day: heading and its rows in time order."""

    dag: str
    moment: str
    plaats: str
    tijd: str
    rows: tuple[ScheduleRow, ...]
    gesprekken: int


def _siblings_note(conversation: Conversation, family_talks: Sequence[Conversation], school: School) -> str:
    """ "Ook: Sem (groep 3) 15.30" — the family's other conversations that day, so the teacher keeps time."""
    others = [
        c
        for c in family_talks
        if c is not conversation
        and c.datum == conversation.datum
        and c.klas != conversation.klas
        # separated parents who come apart: only the conversations of the same household
        and not (conversation.apart and c.apart and c.huishouden != conversation.huishouden)
    ]
    parts = []
    for other in sorted(others, key=lambda c: c.begin):
        klass = school.classes.get(other.klas)
        label = klass.label if klass is not None else other.klas
        names = _joined([school.pupils[k].roepnaam for k in other.leerlingen if k in school.pupils])
        parts.append(f"{names} ({label}) om {clock(other.begin)}")
    return "Ook: " + "; ".join(parts) if parts else ""


def schedule_blocks(
    conversations: Sequence[Conversation], school: School, everyone: Sequence[Conversation]
) -> tuple[ScheduleBlock, ...]:
    """The class's conversations per (day, moment), each in time order, with free time shown."""
    by_family: dict[str, list[Conversation]] = {}
    for c in everyone:
        if c.gezin:
            by_family.setdefault(c.gezin, []).append(c)
    groups: dict[tuple[date, str], list[Conversation]] = {}
    for c in sorted(conversations, key=lambda c: (c.datum, c.begin, c.moment)):
        groups.setdefault((c.datum, c.moment), []).append(c)
    blocks = []
    for (day, moment), talks in sorted(groups.items(), key=lambda item: (item[0][0], item[1][0].begin)):
        rows: list[ScheduleRow] = []
        previous: Conversation | None = None
        for c in talks:
            if previous is not None:
                gap = _minutes(c.datum, c.begin) - _minutes(previous.datum, previous.eind)
                if gap >= FREE_TIME_SHOWN:
                    travel = previous.huisbezoek and c.huisbezoek
                    label = "onderweg naar het volgende adres" if travel else "vrij"
                    rows.append(ScheduleRow(tijd=span(previous.eind, c.begin), vrij=True, label=label))
            notes = []
            if c.huisbezoek:
                notes.append(f"Huisbezoek: {c.plaats}" if c.plaats else "Huisbezoek")
            if c.taalhulp:
                notes.append("Neemt iemand mee voor taalhulp (extra tijd gepland)")
            if c.apart:
                notes.append("Apart gesprek: alleen met dit huishouden")
            sibling = _siblings_note(c, by_family.get(c.gezin, ()), school)
            if sibling:
                notes.append(sibling)
            rows.append(
                ScheduleRow(
                    tijd=span(c.begin, c.eind),
                    leerlingen=_joined(school.names(c.leerlingen)),
                    ouders=parents_text(school.households(c)),
                    bijzonderheden=tuple(notes),
                    onderwerpen=c.onderwerpen.strip(),
                )
            )
            previous = c
        places = list(dict.fromkeys(c.plaats for c in talks if not c.huisbezoek and c.plaats))
        blocks.append(
            ScheduleBlock(
                dag=day_label(day),
                moment=moment,
                plaats=", ".join(places),
                tijd=span(talks[0].begin, talks[-1].eind),
                rows=tuple(rows),
                gesprekken=len(talks),
            )
        )
    return tuple(blocks)


def rooster_context(
    klass: SchoolClass,
    agenda: Agenda | None,
    conversations: Sequence[Conversation],
    school: School,
    everyone: Sequence[Conversation] = (),
) -> dict[str, Any]:
    from ..render.views import class_label, class_short

    own = [c for c in conversations if c.klas == klass.naam]
    teachers = list(dict.fromkeys(c.leerkracht for c in own if c.leerkracht)) or [klass.leerkracht]
    school_name = agenda.school if agenda is not None else ""
    schooljaar = agenda.schooljaar if agenda is not None else ""
    title = f"Rooster kennismakingsgesprekken – {class_label(klass.naam)}"
    return {
        "document_title": " – ".join(part for part in (title, f"{school_name} {schooljaar}".strip()) if part),
        "school": school_name,
        "schooljaar": schooljaar,
        "klas": class_label(klass.naam),
        "klas_kort": class_short(klass.naam),
        "leerkracht": _joined(teachers),
        "duur": agenda.duur if agenda is not None else None,
        "huisbezoek": any(c.huisbezoek for c in own),
        "blokken": schedule_blocks(own, school, everyone or conversations),
        "gesprekken": len(own),
    }


# --- bevestigingen.pdf ------------------------------------------------------------------


@dataclass(frozen=True)
class LetterRow:
    kind: str
    groep: str
    dag: str
    tijd: str
    plaats: str
    leerkracht: str


@dataclass(frozen=True)
class Letter:
    """One household's confirmation: every conversation of its children."""

    aan: str  # the parents' names, or "de ouders en verzorgers van <children>"
    kinderen: str
    rijen: tuple[LetterRow, ...]
    code: str
    taalhulp: bool
    apart: bool
    huisbezoek: bool
    achter_elkaar: bool  # the children's conversations follow each other


def via_of(agenda: Agenda | None) -> str:
    section = getattr(agenda, "uitnodiging", None)
    return getattr(section, "via", None) or "oudste"


def _letter(talks: Sequence[Conversation], household: Household | None, school: School, code: str) -> Letter:
    talks = sorted(talks, key=lambda c: (c.datum, c.begin))
    rows = []
    for c in talks:
        klass = school.classes.get(c.klas)
        rows.append(
            LetterRow(
                kind=_joined(school.names(c.leerlingen)),
                groep=class_title(klass) if klass is not None else c.klas,
                dag=day_label(c.datum),
                tijd=span(c.begin, c.eind),
                plaats="bij u thuis" if c.huisbezoek else c.plaats,
                leerkracht=c.leerkracht,
            )
        )
    children = _joined(list(dict.fromkeys(row.kind for row in rows)))
    parents = parents_text((household,)) if household is not None else ""
    back_to_back = len(talks) > 1 and all(
        a.datum == b.datum and 0 <= _minutes(b.datum, b.begin) - _minutes(a.datum, a.eind) <= FREE_TIME_SHOWN - 1
        for a, b in zip(talks, talks[1:], strict=False)
    )
    return Letter(
        aan=parents or f"de ouders en verzorgers van {children}",
        kinderen=children,
        rijen=tuple(rows),
        code=code,
        taalhulp=any(c.taalhulp for c in talks),
        apart=any(c.apart for c in talks),
        huisbezoek=any(c.huisbezoek for c in talks),
        achter_elkaar=back_to_back,
    )


def letters_for_classes(
    conversations: Sequence[Conversation], class_list: ClassList, agendas: Mapping[str, Agenda | None]
) -> dict[str, list[Letter]]:
    """The letters per class name, in school order of the child that carries them.

    A household's letter lists the conversations it is invited to: of each child, the one
    with this household when the parents asked to come apart, else the child's one
    conversation. `agendas` maps class name -> the agenda that serves it (for `via`).
    """
    school = School(class_list)
    by_family: dict[str, list[Conversation]] = {}
    for c in conversations:
        key = c.gezin or "\x1f".join(c.leerlingen)  # no families known: each pupil on its own
        by_family.setdefault(key, []).append(c)
    placed: list[tuple[tuple, str, Letter]] = []
    for key, talks in by_family.items():
        family = school.families.get(key)
        members = sorted({k for c in talks for k in c.leerlingen if k in school.pupils}, key=lambda k: school.order[k])
        if not members:
            continue
        klass0 = school.class_of[members[0]]
        # the same child as the invitation (members are in school order, as there)
        carrier_class, carrier = choose_carrier(
            [(school.class_of[k], school.pupils[k]) for k in members], via_of(agendas.get(klass0.naam))
        )
        # a family without parent data got its invitation (and code) as household 1
        households: Sequence[Household | None] = letter_households(family) if family is not None else (None,)
        for household in households:
            number = household.nummer if household is not None else 0
            mine: list[Conversation] = []
            for pupil in members:
                own = [c for c in talks if pupil in c.leerlingen]
                apart = [c for c in own if c.apart and c.huishouden == number]
                mine.extend(apart or [c for c in own if not c.apart] or own[:1])
            mine = list(dict.fromkeys(mine))
            code = next((c.code for c in mine if c.huishouden == number and c.code), "")
            placed.append(
                ((school.order[carrier.sleutel], number), carrier_class.naam, _letter(mine, household, school, code))
            )
    result: dict[str, list[Letter]] = {}
    for _, naam, letter in sorted(placed, key=lambda item: item[0]):
        result.setdefault(naam, []).append(letter)
    return result


def letters_context(klass: SchoolClass, agenda: Agenda | None, letters: Sequence[Letter]) -> dict[str, Any]:
    from ..render.views import class_label

    section = getattr(agenda, "uitnodiging", None)
    school_name = agenda.school if agenda is not None else ""
    return {
        "document_title": f"Bevestiging kennismakingsgesprek – {class_label(klass.naam)} – {school_name}".rstrip(" –"),
        "school": school_name,
        "schooljaar": agenda.schooljaar if agenda is not None else "",
        "aanhef": getattr(section, "aanhef", None) or "Beste ouders en verzorgers,",
        "contact": getattr(section, "contact", None) or "de leerkracht van uw kind",
        # the school's own sentence about a home visit (uitnodiging.huisbezoek), as in the invitation
        "huisbezoek_tekst": getattr(section, "huisbezoek", None) or "Het is een bezoek om kennis te maken.",
        "leerling_aanwezig": agenda.leerling_aanwezig if agenda is not None else True,
        "brieven": tuple(letters),
    }


# --- writing -----------------------------------------------------------------------------


def render_pdf(renderer: Renderer, template: str, context: Mapping[str, Any], label: str) -> bytes:
    """`template` filled in and printed with kmg's stylesheet, fonts and fetcher (public WeasyPrint API)."""
    from weasyprint import HTML

    from ..render.environment import render_template
    from ..render.renderer import Layout, capture_weasyprint_logs

    html_text, folder = render_template(renderer.env, template, context)
    base_url = folder.as_uri() + "/" if folder is not None else None
    with capture_weasyprint_logs() as records:
        document = HTML(string=html_text, base_url=base_url, url_fetcher=renderer.fetcher).render(
            font_config=renderer.font_config, stylesheets=[renderer.css]
        )
    # reproducible bytes: no timestamps, an identifier from the input
    document.metadata.created = None
    document.metadata.modified = None
    document.metadata.attachments = []
    identifier = hashlib.sha256(html_text.encode("utf-8")).hexdigest()[:32].encode("ascii")
    layout = Layout(document=document, identifier=identifier, warnings=[r.getMessage() for r in records])
    return renderer.write(layout, label).data


def make_renderer(template_dirs: Sequence[Path] = ()) -> Renderer:
    from ..render import Renderer

    return Renderer(template_dirs)
