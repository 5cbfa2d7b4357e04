"""KMG106 — een perspectief komt nergens aan het woord.

Wat wordt gecontroleerd
    Of de leerling, de ouder(s) en de leerkracht elk minstens één vraag hebben in de
    hele agenda. Een vraag onder ``samen:`` telt voor alle drie. Er komt een melding
    per perspectief dat ontbreekt.

    Ook als de leerling er niet bij is (``leerling_aanwezig: false``) blijft dit een
    fout: vraag dan de ouders naar de kant van de leerling, onder ``leerling:`` of
    ``samen:``. (Dat de leerling er niet bij is, meldt KMG111.)

Waarom
    "Van belang is dat ieders perspectief aan bod komt."

Instellingen
    Geen. De regel uitzetten kan met ``controle: uit: [KMG106]``.

Goed::

    onderwerpen:
      - titel: Interesses en ambities
        minuten: 4
        leerling: Wat zijn je hobby's?
        ouder: Hoe stimuleert u de interesses van uw kind?
        leerkracht: Hoe kan school de talenten ondersteunen?

Fout (nergens een vraag voor de leerling)::

    onderwerpen:
      - titel: Interesses en ambities
        minuten: 4
        ouder: Wat zijn de hobby's van uw kind?
        leerkracht: Hoe kan school de talenten ondersteunen?
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...agenda.model import PERSPECTIVES
from ...findings import Finding
from ..context import RuleContext

ID = "KMG106"
LEVEL = "error"
TITLE = "Een perspectief komt niet aan bod"
REASON = "Van belang is dat ieders perspectief aan bod komt."
DEFAULT: dict[str, Any] = {}

LABELS: dict[str, str] = {"leerling": "de leerling", "ouder": "de ouder(s)", "leerkracht": "de leerkracht"}


def check(ctx: RuleContext) -> Iterator[Finding]:
    for perspective in PERSPECTIVES:
        if any(topic.questions(perspective) for topic in ctx.agenda.onderwerpen):
            continue
        label = LABELS[perspective]
        yield ctx.finding(
            ("onderwerpen",),
            f"Geen enkel onderwerp heeft een vraag voor {label}; zo komt het perspectief van {label} niet aan bod.",
            f"Zet bij een of meer onderwerpen een vraag onder '{perspective}:', of een gezamenlijke vraag "
            "onder 'samen:'.",
            key=True,
        )
