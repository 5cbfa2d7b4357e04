"""KMG101 — de onderwerpen passen niet in de afgesproken tijd.

Wat wordt gecontroleerd
    Of de minuten van alle onderwerpen samen niet meer zijn dan ``duur``. Precies
    gelijk is goed; een paar minuten over houden ook (ruimte voor wat ouders
    inbrengen).

Waarom
    "Houd je, uit respect voor de eigen agenda en die van de ouders, aan de
    afgesproken tijd." Een agenda die op papier al uitloopt, loopt in het echt
    zeker uit.

Instellingen
    Geen. De regel uitzetten kan met ``controle: uit: [KMG101]``.

Goed::

    duur: 25
    onderwerpen:
      - titel: Introductie en achtergrond
        minuten: 10
      - titel: Afronding
        minuten: 15      # samen 25: past precies

Fout::

    duur: 25
    onderwerpen:
      - titel: Introductie en achtergrond
        minuten: 15
      - titel: Afronding
        minuten: 15      # samen 30: 5 minuten te veel
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...findings import Finding
from ..context import RuleContext
from ..text import minuten

ID = "KMG101"
LEVEL = "error"
TITLE = "Meer minuten gepland dan het gesprek duurt"
REASON = "Houd je, uit respect voor de eigen agenda en die van de ouders, aan de afgesproken tijd."
DEFAULT: dict[str, Any] = {}


def check(ctx: RuleContext) -> Iterator[Finding]:
    duur = ctx.agenda.duur
    planned = ctx.agenda.planned_minutes
    if planned <= duur:
        return
    excess = planned - duur
    longest = max(ctx.agenda.onderwerpen, key=lambda t: t.minuten)
    yield ctx.finding(
        ("duur",),
        f"De onderwerpen samen duren {minuten(planned)}, maar het gesprek duurt {minuten(duur)}: "
        f"{minuten(excess)} te veel.",
        f"Haal {minuten(excess)} weg bij de onderwerpen (het langste is '{longest.titel}', "
        f"{minuten(longest.minuten)}), of maak 'duur' langer als daar echt tijd voor is.",
    )
