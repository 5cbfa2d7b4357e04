"""The agenda's optional `uitnodiging:` section: the texts of the letter that invites every household.

`Agenda.uitnodiging` is always there. Without the section in the YAML every field has
its default, taken from the seed and written at language level B1 (short sentences,
positive, no jargon); `gegeven` then is False. The invitation documents read these
fields; they never parse YAML themselves.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    WithJsonSchema,
    computed_field,
)
from pydantic_core import PydanticCustomError

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

DEFAULT_AANHEF = "Beste ouders en verzorgers,"
# Why the school meets every family: to get to know each other before there is any reason
# to talk, not because of a problem (the seed: "kennismaking voordat zich een negatieve
# aanleiding is om contact te zoeken").
DEFAULT_TEKST: tuple[str, ...] = (
    "Aan het begin van het schooljaar willen we alle ouders en verzorgers leren kennen. "
    "Daarom nodigen we u uit voor een kennismakingsgesprek.",
    "We praten met elk gezin. Er is dus geen probleem: we willen elkaar leren kennen. "
    "U vertelt over uw kind, wij vertellen over de school en de groep. "
    "Zo kunnen we later in het jaar makkelijk contact met elkaar opnemen.",
)
DEFAULT_TAALHULP = (
    "Neem iemand mee die u vertrouwt en goed Nederlands spreekt, een volwassene uit uw eigen omgeving. "
    "We vragen uw kind niet om te vertalen."
)
DEFAULT_HUISBEZOEK = "Het is een bezoek om kennis te maken, geen controle."
DEFAULT_CONTACT = "de leerkracht van uw kind"
VIA_CHOICES: tuple[str, ...] = ("oudste", "jongste")


def _as_list(value: object) -> object:
    # One paragraph or one moment may be written as plain text; the model keeps a list.
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
DATE_HINT = "Schrijf de datum als jaar-maand-dag, bijvoorbeeld antwoord_voor: 2026-09-07."


def _reply_date(value: object) -> date | None:
    # A YAML date (a `date` when the data comes from elsewhere) or ISO text "2026-09-07".
    # Our YAML loader keeps dates as text, so the text form is the usual one.
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _ISO_DATE.fullmatch(text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                raise PydanticCustomError(
                    "kmg_date", "'{value}' is geen bestaande datum", {"value": text, "hint": DATE_HINT}
                ) from None
        dutch = _DUTCH_DATE.fullmatch(text)
        if dutch:
            day, month, year = map(int, dutch.groups())
            try:
                hint = f"Schrijf antwoord_voor: {date(year, month, day).isoformat()}."
            except ValueError:
                hint = DATE_HINT
            raise PydanticCustomError(
                "kmg_date", "schrijf de datum '{value}' als jaar-maand-dag", {"value": text, "hint": hint}
            )
        raise PydanticCustomError("kmg_date", "'{value}' is geen datum", {"value": text, "hint": DATE_HINT})
    raise PydanticCustomError("kmg_date", "hier hoort een datum", {"hint": DATE_HINT})


def _via(value: object) -> object:
    if value in VIA_CHOICES:
        return value
    raise PydanticCustomError(
        "kmg_via",
        "'{value}' kan niet; kies oudste of jongste",
        {
            "value": value,
            "hint": "Met via: oudste gaat de brief mee met het oudste kind van het gezin, "
            "met via: jongste met het jongste.",
        },
    )


Paragraphs = Annotated[
    list[Text],
    BeforeValidator(_as_list),
    WithJsonSchema(
        {"anyOf": [{"type": "string", "minLength": 1}, {"type": "array", "items": {"type": "string", "minLength": 1}}]}
    ),
]
ReplyDate = Annotated[
    date | None,
    BeforeValidator(_reply_date),
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}),
]
Via = Annotated[Literal["oudste", "jongste"], BeforeValidator(_via)]


class Uitnodiging(BaseModel):
    """De brief waarmee de school elk huishouden uitnodigt, met een strook om terug te geven."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    aanhef: Text = Field(
        default=DEFAULT_AANHEF, description=f"De eerste regel van de brief. Standaard: '{DEFAULT_AANHEF}'"
    )
    tekst: Paragraphs = Field(
        default_factory=lambda: list(DEFAULT_TEKST),
        min_length=1,
        description="De eerste alinea's van de brief: waarom de school met elk gezin kennismaakt. "
        "Een tekst of een lijst teksten (elke tekst is een alinea). Standaard een korte, vriendelijke tekst.",
    )
    antwoord_voor: ReplyDate = Field(
        default=None,
        description="Tot welke dag ouders de strook kunnen teruggeven, als datum: 2026-09-07. "
        "Zonder datum staat er geen datum in de brief.",
    )
    momenten: Paragraphs = Field(
        default_factory=list,
        description="De momenten die ouders kunnen kiezen, bijvoorbeeld "
        "['dinsdag 8 september, 15.00–19.00', 'donderdag 10 september, 8.30–12.00'].",
    )
    contact: str = Field(
        default="",
        description="Wie ouders kunnen bellen of mailen met vragen, bijvoorbeeld 'juf Petra, 010-1234567'. "
        f"Leeg: '{DEFAULT_CONTACT}'.",
    )
    via: Via = Field(
        default="oudste",
        description="Met welk kind de brief mee naar huis gaat als een gezin meer kinderen op school heeft: "
        "oudste of jongste.",
    )
    taalhulp: Text = Field(
        default=DEFAULT_TAALHULP,
        description="De alinea over hulp bij de taal. Standaard: iemand meenemen die goed Nederlands spreekt, "
        "niet het kind.",
    )
    huisbezoek: Text = Field(
        default=DEFAULT_HUISBEZOEK,
        description=f"Bij een huisbezoek: wat het bezoek is. Standaard: '{DEFAULT_HUISBEZOEK}'",
    )
    # Set by `Agenda` after validation: whether the YAML had an `uitnodiging:` section.
    _gegeven: bool = PrivateAttr(default=False)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def gegeven(self) -> bool:
        """True when the agenda file has an `uitnodiging:` section (then letters are meant to be printed)."""
        return self._gegeven

    @property
    def contactpersoon(self) -> str:
        """Whom parents ask: `contact`, or "de leerkracht van uw kind" when it is empty."""
        return self.contact.strip() or DEFAULT_CONTACT


def _section(value: object) -> object:
    # `uitnodiging:` with nothing under it is the section with every default.
    return {} if value is None else value


UitnodigingField = Annotated[
    Uitnodiging,
    BeforeValidator(_section),
    WithJsonSchema({"anyOf": [Uitnodiging.model_json_schema(mode="validation"), {"type": "null"}]}),
]
