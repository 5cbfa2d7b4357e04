"""The agenda model, format version 1 (see the spec's agenda.md), with Dutch field descriptions.

The descriptions end up in the JSON Schema that `kmg schema` prints, so an editor with the
YAML language server shows them as help while a teacher types.
"""

from __future__ import annotations

import hashlib
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    PrivateAttr,
    StrictBool,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
    computed_field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .uitnodiging import Uitnodiging, UitnodigingField


class Setting(StrEnum):
    school = "school"
    huisbezoek = "huisbezoek"


class Soort(StrEnum):
    gewoon = "gewoon"
    wederkerig = "wederkerig"
    afronding = "afronding"


class Domein(StrEnum):
    thuis = "thuis"
    school = "school"
    buitenschools = "buitenschools"


PERSPECTIVES: tuple[str, ...] = ("leerling", "ouder", "leerkracht")
PERSPECTIVE_LABELS: dict[str, str] = {
    "leerling": "Leerling",
    "ouder": "Ouder(s)/verzorger(s)",
    "leerkracht": "Leerkracht",
    "samen": "Samen",
}


def _as_list(value: object) -> object:
    # A perspective may hold one question or a list; the model always keeps a list.
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

SCHOOL_YEAR_PATTERN = r"^\d{4}-\d{4}$"


def is_school_year(text: str) -> bool:
    """Whether `text` is a school year like "2026-2027" (the second year right after the first)."""
    if re.fullmatch(SCHOOL_YEAR_PATTERN, text, re.ASCII) is None:
        return False
    first, second = map(int, text.split("-"))
    return second == first + 1


def _school_year(text: str) -> str:
    if not is_school_year(text):
        raise PydanticCustomError(
            "kmg_school_year",
            "{value} is geen schooljaar: het tweede jaar hoort direct op het eerste te volgen",
            {"value": text, "hint": 'Schrijf bijvoorbeeld schooljaar: "2026-2027".'},
        )
    return text


# The pattern gives the editor (JSON Schema) and pydantic the form; the validator the years.
SchoolYear = Annotated[str, StringConstraints(pattern=SCHOOL_YEAR_PATTERN), AfterValidator(_school_year)]

YEAR_GROUP_HINT = (
    "Schrijf een jaargroep van 1 tot en met 8, of de naam van een groep zonder jaargroep tussen aanhalingstekens, "
    'zoals "Taalklas".'
)


def _group(value: object) -> int | str:
    # A year group, or the name of a class from the class list ("Taalklas", "Groep 0")
    # that has no year group of its own. The errors carry a Dutch hint for `kmg check`.
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= 8:
            raise PydanticCustomError(
                "kmg_group", "{value} is geen jaargroep (1 tot en met 8)", {"value": value, "hint": YEAR_GROUP_HINT}
            )
        return value
    if isinstance(value, str) and value.split():
        _refuse_quoted_year_groups(value)
        return " ".join(value.split())
    raise PydanticCustomError(
        "kmg_group", "hier hoort een jaargroep of de naam van een groep", {"hint": YEAR_GROUP_HINT}
    )


# "3", "3-8", "groep 5", "3, 4": year groups written as text. As text they would name a
# class called "3-8", which no class list has, and the agenda would serve nobody.
_QUOTED_YEARS = re.compile(
    r"(?:groep(?:en)?\s*)?\d+(?:\s*(?:[-‐‑‒–—/,+&]|t\s*/\s*m|t\.?\s*m\.?|tot\s+en\s+met|en)\s*\d+)*",
    re.IGNORECASE,
)


def _refuse_quoted_year_groups(value: str) -> None:
    from ..classes.model import parse_year_groups

    text = " ".join(value.split())
    years = sorted(parse_year_groups(text)) if _QUOTED_YEARS.fullmatch(text) else []
    if not years:
        return
    if len(years) == 1:
        raise PydanticCustomError(
            "kmg_group",
            "'{value}' staat tussen aanhalingstekens en telt dan als naam van een groep, niet als jaargroep",
            {"value": text, "hint": f"Schrijf {years[0]} zonder aanhalingstekens, zoals groepen: [{years[0]}]."},
        )
    raise PydanticCustomError(
        "kmg_group",
        "'{value}' is één tekst, geen lijst van jaargroepen",
        {"value": text, "hint": f"Schrijf de groepen als lijst: [{', '.join(map(str, years))}]."},
    )


Group = Annotated[
    int | str,
    PlainValidator(_group),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 8},
                {"type": "string", "minLength": 1, "pattern": "\\S"},
            ]
        }
    ),
]
Questions = Annotated[
    list[Text],
    BeforeValidator(_as_list),
    WithJsonSchema(
        {"anyOf": [{"type": "string", "minLength": 1}, {"type": "array", "items": {"type": "string", "minLength": 1}}]}
    ),
    Field(default_factory=list),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Onderwerp(_Strict):
    """Eén onderwerp (bespreekpunt) van het gesprek."""

    titel: Text = Field(description="De naam van het onderwerp, zoals hij in de leidraad en op het formulier staat.")
    minuten: StrictInt = Field(ge=0, le=600, description="Hoeveel minuten dit onderwerp krijgt.")
    soort: Soort = Field(
        default=Soort.gewoon,
        description="gewoon; wederkerig (de eigen punten van ouders en leerling); afronding (afspraken over contact).",
    )
    domeinen: list[Domein] = Field(
        default_factory=list,
        description="Over welk deel van de ontwikkeling het gaat: thuis, school en/of buitenschools.",
    )
    leerling: Questions = Field(description="Vraag of vragen voor (of van) de leerling: tekst of een lijst teksten.")
    ouder: Questions = Field(description="Vraag of vragen voor de ouder(s)/verzorger(s): tekst of een lijst teksten.")
    leerkracht: Questions = Field(description="Vraag of vragen voor de leerkracht: tekst of een lijst teksten.")
    samen: Questions = Field(
        description="Vraag of vragen voor alle drie tegelijk (gedeelde vraag over de kolommen heen)."
    )

    def questions(self, perspective: str) -> list[str]:
        """The questions one perspective hears, counting shared (`samen`) ones for everybody."""
        return [*getattr(self, perspective), *self.samen]


class Controle(_Strict):
    """Stel `kmg check` bij voor dit bestand: regels uitzetten en drempels aanpassen."""

    uit: list[Annotated[str, StringConstraints(pattern=r"^KMG\d{3}$")]] = Field(
        default_factory=list, description="Codes van regels die uit staan, bijvoorbeeld [KMG111]."
    )
    duur_school: tuple[StrictInt, StrictInt] | None = Field(
        default=None, description="KMG102: kortste en langste duur in minuten op school (standaard [20, 30])."
    )
    duur_huisbezoek: tuple[StrictInt, StrictInt] | None = Field(
        default=None, description="KMG102: kortste en langste duur in minuten bij een huisbezoek (standaard [45, 75])."
    )
    min_onderwerpen: StrictInt | None = Field(
        default=None, ge=0, description="KMG103: minimaal aantal onderwerpen (standaard het grootste van 3 en duur/10)."
    )
    max_onderwerpen: StrictInt | None = Field(
        default=None, ge=1, description="KMG104: maximaal aantal onderwerpen (standaard duur/2)."
    )
    min_minuten: StrictInt | None = Field(
        default=None, ge=0, description="KMG104: minimaal aantal minuten per onderwerp (standaard 1)."
    )
    wederkerig_binnen: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description=(
            "KMG105: deel van de tijd waarbinnen de wederkerige agenda begint (standaard 0.34, het eerste derde)."
        ),
    )
    max_aandeel_leerkracht: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description="KMG107: grootste deel van alle vragen voor de leerkracht (standaard 0.5).",
    )
    domeinen: list[Domein] | None = Field(
        default=None, description="KMG108: domeinen die aan bod moeten komen (standaard thuis, school, buitenschools)."
    )
    woorden: list[Text] | None = Field(
        default=None, description="KMG110: woorden die naar controle of schuld klinken (vervangt de standaardlijst)."
    )
    extra_woorden: list[Text] = Field(
        default_factory=list, description="KMG110: woorden die bij de standaardlijst komen."
    )


class Logo(_Strict):
    """Het logo van de school, bovenaan de leidraad en elk gespreksformulier."""

    bestand: Text = Field(
        description="Het plaatje (PNG, JPEG, GIF of SVG), gezien vanaf de map van dit agendabestand, "
        "bijvoorbeeld logo.png of plaatjes/logo.png. Het moet in die map (of daaronder) staan."
    )
    tekst: Text | None = Field(
        default=None,
        description="Wat er op het logo staat, voor wie het niet kan zien (voorleessoftware). "
        "Standaard: 'Logo van' en de naam van de school.",
    )
    # The image as a data: URL, read by `agenda.logo.attach_logo` from next to the agenda file.
    _bron: str | None = PrivateAttr(default=None)

    @property
    def bron(self) -> str | None:
        """The image as a `data:` URL once read next to the agenda file, else None."""
        return self._bron

    @computed_field  # type: ignore[prop-decorator]
    @property
    def inhoud(self) -> str | None:
        """A digest of the image read, so that the build cache sees a changed logo file."""
        if self._bron is None:
            return None
        return hashlib.sha256(self._bron.encode("ascii")).hexdigest()


def _logo_shorthand(value: object) -> object:
    # `logo: logo.png` is short for `logo: {bestand: logo.png}`.
    return {"bestand": value} if isinstance(value, str) else value


LogoField = Annotated[
    Logo | None,
    BeforeValidator(_logo_shorthand),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, Logo.model_json_schema(mode="validation")]}),
]


class Agenda(_Strict):
    """Een gespreksagenda voor het kennismakingsgesprek (formaat versie 1)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="kmg-gespreksagenda",
        json_schema_extra={"$comment": "Gemaakt door `kmg schema`; niet met de hand aanpassen."},
    )

    versie: Literal[1] = Field(description="Versie van het agendaformaat; nu altijd 1.")
    school: Text = Field(description="Naam van de school, zoals hij op de documenten staat.")
    schooljaar: SchoolYear = Field(description='Het schooljaar tussen aanhalingstekens, bijvoorbeeld "2026-2027".')
    titel: Text | None = Field(default=None, description="Titel van de gesprekken (optioneel).")
    groepen: list[Group] = Field(
        min_length=1,
        description=(
            "De jaargroepen (1 tot en met 8) waarvoor deze agenda geldt. Een groep zonder jaargroep uit de "
            'klassenlijst zet u er met haar naam tussen aanhalingstekens bij, bijvoorbeeld [1, 2, "Taalklas"].'
        ),
    )
    setting: Setting = Field(description="Waar het gesprek plaatsvindt: school of huisbezoek.")
    duur: StrictInt = Field(ge=1, le=600, description="Afgesproken duur van één gesprek in minuten.")
    leerling_aanwezig: StrictBool = Field(
        default=True, description="Is de leerling bij het gesprek? De bron raadt aan: ja (true)."
    )
    onderwerpen: list[Onderwerp] = Field(min_length=1, description="De onderwerpen, in de volgorde van het gesprek.")
    logo: LogoField = Field(
        default=None,
        description="Optioneel: het logo van de school op de leidraad en de formulieren, bijvoorbeeld "
        "'logo: logo.png' (naast dit bestand), of met een eigen beschrijving: "
        "'logo: {bestand: logo.png, tekst: Een regenboog boven de school}'.",
    )
    uitnodiging: UitnodigingField = Field(
        default_factory=Uitnodiging,
        description="Optioneel: de teksten van de uitnodiging aan ouders (brief met antwoordstrook), "
        "zoals momenten, antwoord_voor en contact. Zonder dit blok gelden vriendelijke standaardteksten.",
    )
    controle: Controle | None = Field(default=None, description="Optioneel: stel `kmg check` bij voor dit bestand.")

    @model_validator(mode="after")
    def _mark_invitation_given(self) -> Agenda:
        # `uitnodiging.gegeven` tells whether the file had the section (kmg check warns then
        # about missing moments). A copy, so that an `Uitnodiging` passed in is not changed.
        if "uitnodiging" in self.model_fields_set and not self.uitnodiging.gegeven:
            given = self.uitnodiging.model_copy()
            given._gegeven = True
            object.__setattr__(self, "uitnodiging", given)
        return self

    @property
    def display_title(self) -> str:
        return self.titel or "Kennismakingsgesprek"

    @property
    def year_groups(self) -> frozenset[int]:
        """The year groups in `groepen` (the numbers)."""
        return frozenset(g for g in self.groepen if isinstance(g, int))

    @property
    def class_names(self) -> tuple[str, ...]:
        """The classes `groepen` names explicitly ("Taalklas")."""
        return tuple(g for g in self.groepen if isinstance(g, str))

    @property
    def planned_minutes(self) -> int:
        return sum(t.minuten for t in self.onderwerpen)

    def question_counts(self) -> dict[str, int]:
        """Questions per perspective; a shared (`samen`) question counts once for each of the three."""
        return {p: sum(len(t.questions(p)) for t in self.onderwerpen) for p in PERSPECTIVES}

    def start_minutes(self) -> list[int]:
        """Clock offset (minutes from 0:00) at which each topic starts."""
        starts, clock = [], 0
        for topic in self.onderwerpen:
            starts.append(clock)
            clock += topic.minuten
        return starts

    @property
    def settings(self) -> Controle:
        return self.controle or Controle()


FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "agenda": tuple(Agenda.model_fields),
    "onderwerp": tuple(Onderwerp.model_fields),
    "controle": tuple(Controle.model_fields),
    "logo": tuple(Logo.model_fields),
    "uitnodiging": tuple(Uitnodiging.model_fields),
}
