"""KMG113 — twee onderwerpen met dezelfde titel.

Wat wordt gecontroleerd
    Of elke titel van een onderwerp maar één keer voorkomt. Hoofdletters en extra
    spaties tellen niet mee: ``Dagroutine`` en ``dagroutine`` zijn dezelfde titel.
    De melding staat bij de tweede (en elke volgende) en noemt de regel van de eerste.

Waarom
    "Er is een doordachte gespreksagenda nodig." Een onderwerp dat twee keer op de
    agenda staat is meestal een kopieerfoutje, en op het formulier zoeken ouders
    en leerkracht dan naar het verschil.

Instellingen
    Geen. De regel uitzetten kan met ``controle: uit: [KMG113]``.

Goed::

    - titel: Verwachtingen van ouders
      minuten: 2
    - titel: Verwachtingen van de leerling
      minuten: 2

Fout::

    - titel: Verwachtingen
      minuten: 2
    - titel: verwachtingen
      minuten: 2
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...findings import Finding
from ..context import RuleContext, text_key

ID = "KMG113"
LEVEL = "error"
TITLE = "Dubbele titel"
REASON = "Er is een doordachte gespreksagenda nodig."
DEFAULT: dict[str, Any] = {}


def check(ctx: RuleContext) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for index, topic in enumerate(ctx.agenda.onderwerpen):
        key = text_key(topic.titel)
        if key not in first:
            first[key] = index
            continue
        earlier = ctx.source.position(ctx.topic_path(first[key], "titel")).line
        yield ctx.finding(
            ctx.topic_path(index, "titel"),
            f"Het onderwerp '{topic.titel}' staat al eerder op de agenda (eerst op regel {earlier}).",
            "Voeg de twee onderwerpen samen, of geef een van beide een titel die zegt waarin ze verschillen.",
        )
