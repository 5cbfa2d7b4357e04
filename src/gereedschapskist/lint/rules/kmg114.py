"""KMG114 — voorbeeldtekst uit ``kmg init`` staat er nog.

Wat wordt gecontroleerd
    Of de agenda nog een tekst heeft die ``kmg init`` als voorbeeld invult, zoals
    ``school: Naam van de school`` (wanneer ``kmg init`` zonder ``--school`` is
    gebruikt). Die tekst komt anders op elke leidraad, elk formulier en elke brief
    aan ouders. Hoofdletters, extra spaties en leestekens eromheen (``Naam van de
    school.``, ``[Naam van de school]``) tellen niet mee.

Waarom
    "Er is een doordachte gespreksagenda nodig, die het team vooraf met elkaar
    bespreekt." Een agenda die nog voorbeeldtekst heeft, is nog niet af.

Instellingen
    Geen. De regel uitzetten kan met ``controle: uit: [KMG114]``.

Goed::

    school: OBS De Regenboog

Fout::

    school: Naam van de school
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...agenda.starter import PLACEHOLDERS
from ...findings import Finding
from ..context import RuleContext, text_key

ID = "KMG114"
LEVEL = "warning"
TITLE = "Voorbeeldtekst niet ingevuld"
REASON = "Er is een doordachte gespreksagenda nodig, die het team vooraf met elkaar bespreekt."
DEFAULT: dict[str, Any] = {}


def _key(text: str) -> str:
    # "[Naam van de school]", "<naam van de school>" and "Naam van de school." are the
    # placeholder too: marks around it are how people write "fill this in".
    return text_key(text).strip(" .,;:!?()[]{}<>\"'*_…-")


def check(ctx: RuleContext) -> Iterator[Finding]:
    for field, placeholder in PLACEHOLDERS.items():
        value = getattr(ctx.agenda, field)
        if isinstance(value, str) and _key(value) == _key(placeholder.text):
            yield ctx.finding(
                (field,),
                f"Bij '{field}' staat nog de voorbeeldtekst '{value}' uit kmg init.",
                placeholder.hint,
            )
