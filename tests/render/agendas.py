"""Agendas and classes for the render tests, built in Python (no YAML loader needed)."""

from __future__ import annotations

from typing import Any

from gereedschapskist.agenda.model import Agenda
from gereedschapskist.classes.model import Pupil, SchoolClass

# The seed's ten topics with 25 minutes, as `kmg init` would write them for school.
STANDARD_TOPICS: list[dict[str, Any]] = [
    {
        "titel": "Introductie en achtergrond",
        "minuten": 3,
        "domeinen": ["thuis", "school"],
        "leerling": "Vertelt iets over zichzelf en zijn of haar ervaring op school.",
        "ouder": "Vertelt over de gezinssamenstelling, werk en dergelijke.",
        "leerkracht": "Vertelt iets over zichzelf en over de groep.",
    },
    {
        "titel": "Wederkerige agenda",
        "soort": "wederkerig",
        "minuten": 2,
        "leerling": "Waar wil jij het vandaag over hebben?",
        "ouder": "Welke onderwerpen wilt u graag bespreken?",
        "leerkracht": "Welke onderwerpen wil de leerkracht bespreken?",
    },
    {
        "titel": "Overgang naar deze groep",
        "minuten": 3,
        "domeinen": ["school"],
        "leerling": "Hoe ging het vorig jaar? Wat verwacht je van dit jaar?",
        "ouder": "Ervaringen en verwachtingen rond het contact met de leerkracht.",
        "leerkracht": "Bijzonderheden van deze groep en van deze leerkracht.",
    },
    {
        "titel": "Verwachtingen",
        "minuten": 2,
        "domeinen": ["school", "thuis"],
        "samen": "Welke verwachtingen heeft ieder van de ontwikkeling en begeleiding van de leerling?",
    },
    {
        "titel": "Positie in de klas",
        "minuten": 3,
        "domeinen": ["school"],
        "leerling": "Hoe gaat het met klasgenoten en met de juf of meester?",
        "ouder": "Hoe ziet u uw kind tussen andere kinderen, ook buiten school?",
        "leerkracht": "Welke ondersteuning kan de leerkracht bieden?",
    },
    {
        "titel": "Afstemming begeleiding",
        "minuten": 3,
        "domeinen": ["thuis", "school"],
        "leerling": "Praat je thuis over school? Vraag je om hulp?",
        "ouder": "Hoe ondersteunt u uw kind thuis?",
        "leerkracht": "Wat vraagt school dit jaar van ouders thuis (samen lezen, praten, spelen)?",
    },
    {
        "titel": "Dagroutine",
        "minuten": 2,
        "domeinen": ["thuis"],
        "leerling": "Hoe laat sta je op, ontbijt je, wanneer speel je?",
        "ouder": "Hoe begeleidt u dit? Is er iemand thuis als uw kind uit school komt?",
        "leerkracht": "Hoe kan de leerkracht hier rekening mee houden?",
    },
    {
        "titel": "Interesses en talenten",
        "minuten": 3,
        "domeinen": ["buitenschools"],
        "leerling": "Wat zijn je hobby's, waar ben je goed in, op welke club zit je?",
        "ouder": "Hoe stimuleert u de interesses van uw kind?",
        "leerkracht": "Hoe kan school de interesses en talenten ondersteunen?",
    },
    {
        "titel": "Bijzonderheden",
        "minuten": 2,
        "domeinen": ["thuis", "school"],
        "samen": "Is er iets wat de leerkracht moet weten (gezondheid, thuissituatie, eerdere jaren)?",
        "leerkracht": "Heeft de leerkracht nog vragen?",
    },
    {
        "titel": "Afronding",
        "soort": "afronding",
        "minuten": 2,
        "samen": [
            "Zijn er nog andere onderwerpen die aan bod moeten komen?",
            "Hoe en wanneer nemen ouders en leerkracht contact met elkaar op?",
        ],
    },
]


def agenda(**overrides: Any) -> Agenda:
    data: dict[str, Any] = {
        "versie": 1,
        "school": "OBS De Regenboog",
        "schooljaar": "2026-2027",
        "titel": "Kennismakingsgesprek groep 3 t/m 8",
        "groepen": [3, 4, 5, 6, 7, 8],
        "setting": "school",
        "duur": 25,
        "onderwerpen": STANDARD_TOPICS,
    }
    data.update(overrides)
    return Agenda.model_validate(data)


def home_visit_agenda() -> Agenda:
    """A 60-minute home visit: the same topics with the minutes scaled up."""
    minutes = [6, 5, 6, 5, 7, 7, 5, 7, 6, 6]
    topics = [{**topic, "minuten": m} for topic, m in zip(STANDARD_TOPICS, minutes, strict=True)]
    return agenda(setting="huisbezoek", duur=60, onderwerpen=topics, titel="Huisbezoek groep 1-2", groepen=[1, 2])


def forty_minute_agenda() -> Agenda:
    """A longer conversation at school: three pages of form, so each form gets a filler page."""
    minutes = [4, 4, 5, 4, 5, 5, 3, 4, 3, 3]
    topics = [{**topic, "minuten": m} for topic, m in zip(STANDARD_TOPICS, minutes, strict=True)]
    return agenda(duur=40, onderwerpen=topics)


DIVERSE_NAMES: list[tuple[str, str, str]] = [
    ("Zoë", "van der", "Berg"),
    ("Emre", "", "Çelik"),
    ("Luka", "", "Đorđević"),
    ("Minh", "", "Nguyễn"),
    ("أحمد", "", "الحسن"),
    ("Sofía", "", "Ibáñez"),
    ("Анна", "", "Иванова"),
    ("Bram", "de", "Vries"),
]

FIRST_NAMES = ["Daan", "Sem", "Julia", "Emma", "Lucas", "Mila", "Finn", "Tess", "Noah", "Sara"]
LAST_NAMES = [("", "Jansen"), ("de", "Jong"), ("van", "Dijk"), ("", "Bakker"), ("", "Visser"), ("", "Smit")]
LAST_NAMES += [("", "Meijer"), ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("van", "Leeuwen"), ("", "Bos")]


def school_class(size: int = 28, naam: str = "4/5", leerkracht: str = "Juf Ingrid Hoekstra") -> SchoolClass:
    """A class of `size` pupils: the diverse names first, then ordinary Dutch ones."""
    pupils = [Pupil(*name) for name in DIVERSE_NAMES[:size]]
    index = 0
    while len(pupils) < size:
        # Step through first and last names at different rates so that every name differs.
        tussenvoegsel, achternaam = LAST_NAMES[index % len(LAST_NAMES)]
        pupils.append(
            Pupil(FIRST_NAMES[(index // len(LAST_NAMES) + index) % len(FIRST_NAMES)], tussenvoegsel, achternaam)
        )
        index += 1
    return SchoolClass(
        naam=naam,
        slug="groep-" + naam.replace("/", "-"),
        jaargroepen=frozenset({4, 5}),
        leerkracht=leerkracht,
        leerlingen=tuple(pupils),
    )
