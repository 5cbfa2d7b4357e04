"""KMG111 — de leerling is niet bij het gesprek.

Wat wordt gecontroleerd
    Of ``leerling_aanwezig`` op ``false`` staat.

Waarom
    "Overweeg als school om de leerlingen standaard aanwezig te laten zijn bij deze
    gesprekken." De ontwikkeling van het kind staat centraal, en het kind is "de meest
    natuurlijke brug tussen de wereld thuis en op school".

    Heeft de school er bewust voor gekozen (bijvoorbeeld bij groep 1 en 2), zet de
    regel dan uit voor dat bestand.

Instellingen
    Geen. Uitzetten kan met ``controle: uit: [KMG111]``.

Goed::

    leerling_aanwezig: true

Fout::

    leerling_aanwezig: false

Bewuste keuze::

    leerling_aanwezig: false
    controle:
      uit: [KMG111]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...findings import Finding
from ..context import RuleContext

ID = "KMG111"
LEVEL = "warning"
TITLE = "De leerling is niet aanwezig"
REASON = "Overweeg als school om de leerlingen standaard aanwezig te laten zijn bij deze gesprekken."
DEFAULT: dict[str, Any] = {}


def check(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.agenda.leerling_aanwezig:
        return
    yield ctx.finding(
        ("leerling_aanwezig",),
        "De leerling is niet bij het gesprek (leerling_aanwezig: false).",
        "Overweeg de leerling erbij te vragen met 'leerling_aanwezig: true'. Is dit een bewuste keuze, "
        "zet dan KMG111 onder 'controle: uit:'.",
    )
