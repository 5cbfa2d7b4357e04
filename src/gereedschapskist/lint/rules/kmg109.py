"""KMG109 — het gesprek eindigt niet met afspraken over contact.

Wat wordt gecontroleerd
    Of er een onderwerp met ``soort: afronding`` is, en of dat het laatste onderwerp
    is. Staat een afronding ergens anders, dan volgt een melding bij dat onderwerp.

Waarom
    De afronding van de gereedschapskist: "Afspraken over hoe en wanneer ouders en
    leerkracht contact met elkaar op nemen." Dat zijn de afspraken waarmee ouders
    naar huis gaan; ze horen aan het eind.

Instellingen
    Geen. De regel uitzetten kan met ``controle: uit: [KMG109]``.

Goed::

    onderwerpen:
      - titel: Bijzonderheden
        minuten: 3
      - titel: Afronding
        soort: afronding
        minuten: 2

Fout::

    onderwerpen:
      - titel: Afronding
        soort: afronding
        minuten: 2
      - titel: Bijzonderheden    # na de afronding
        minuten: 3
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...agenda.model import Soort
from ...findings import Finding
from ..context import RuleContext
from ..text import onderwerpen

ID = "KMG109"
LEVEL = "warning"
TITLE = "Geen afronding met afspraken over contact"
REASON = "Afspraken over hoe en wanneer ouders en leerkracht contact met elkaar op nemen."
DEFAULT: dict[str, Any] = {}


def check(ctx: RuleContext) -> Iterator[Finding]:
    topics = ctx.agenda.onderwerpen
    closing = [i for i, topic in enumerate(topics) if topic.soort is Soort.afronding]
    if not closing:
        yield ctx.finding(
            ("onderwerpen",),
            "Het gesprek heeft geen afronding met afspraken over contact (soort: afronding).",
            "Voeg als laatste onderwerp een afronding toe met 'soort: afronding', bijvoorbeeld met de vraag "
            "'Hoe en wanneer nemen ouders en leerkracht contact met elkaar op?'.",
            key=True,
        )
        return
    last = len(topics) - 1
    for index in closing:
        if index == last:
            continue
        title = topics[index].titel
        yield ctx.finding(
            ctx.topic_path(index, "titel"),
            f"De afronding '{title}' staat niet aan het eind: daarna {'komt' if last - index == 1 else 'komen'} "
            f"nog {onderwerpen(last - index)}.",
            f"Zet '{title}' als laatste onderwerp, zodat het gesprek eindigt met afspraken over contact.",
        )
