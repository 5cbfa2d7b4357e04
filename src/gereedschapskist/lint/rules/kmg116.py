"""KMG116 — de uitnodiging noemt geen momenten.

Wat wordt gecontroleerd
    Of een agenda met een blok ``uitnodiging:`` ook ``momenten`` heeft: de dagen en
    tijden waaruit ouders op de antwoordstrook kiezen. Zonder momenten noemt de brief
    geen moment en kunnen ouders niets aankruisen. Zonder blok ``uitnodiging:`` geeft
    de regel geen melding. Een moment dat twee keer in de lijst staat geeft ook een
    melding: op de strook staat het dan twee keer.

    Laat de school ouders liever zelf een moment voorstellen, zet de regel dan uit voor
    dat bestand.

Waarom
    "Nodig voor een kennismakingsgesprek liefst beide ouders uit." "Houd je, uit respect
    voor de eigen agenda en die van de ouders, aan de afgesproken tijd." Ouders plannen
    makkelijker als ze uit vaste momenten kunnen kiezen.

Instellingen
    Geen. De regel uitzetten kan met ``controle: uit: [KMG116]``.

Goed::

    uitnodiging:
      momenten:
        - dinsdag 8 september, 15.00–19.00
        - donderdag 10 september, 8.30–12.00

Fout::

    uitnodiging:
      antwoord_voor: 2026-09-07     # geen momenten

Bewuste keuze::

    uitnodiging:
      contact: juf Petra
    controle:
      uit: [KMG116]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...findings import Finding
from ..context import RuleContext, text_key

ID = "KMG116"
LEVEL = "warning"
TITLE = "Uitnodiging zonder momenten"
REASON = (
    "Nodig voor een kennismakingsgesprek liefst beide ouders uit. "
    "Houd je, uit respect voor de eigen agenda en die van de ouders, aan de afgesproken tijd."
)
DEFAULT: dict[str, Any] = {}


def check(ctx: RuleContext) -> Iterator[Finding]:
    invitation = ctx.agenda.uitnodiging
    if not invitation.gegeven:
        return
    if not invitation.momenten:
        yield ctx.finding(
            ("uitnodiging", "momenten"),
            "De uitnodiging noemt geen momenten; ouders kunnen op de strook dan niets kiezen.",
            "Zet onder 'momenten:' een paar dagen en tijden, zoals '- dinsdag 8 september, 15.00–19.00'. "
            "Laat u ouders zelf een moment voorstellen, zet KMG116 dan onder 'controle: uit:'.",
            key=True,
        )
        return
    first: dict[str, int] = {}
    for number, moment in enumerate(invitation.momenten):
        key = text_key(moment)
        if key not in first:
            first[key] = number
            continue
        yield ctx.finding(
            ctx.invitation_path("momenten", number),
            f"Het moment '{moment}' staat twee keer in de uitnodiging (ook als moment {first[key] + 1}).",
            "Haal een van de twee weg, of maak ze verschillend (een andere dag of tijd).",
        )
