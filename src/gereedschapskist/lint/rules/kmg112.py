"""KMG112 — een onderwerp zonder vraag.

Wat wordt gecontroleerd
    Of elk onderwerp minstens één vraag heeft, onder ``leerling:``, ``ouder:``,
    ``leerkracht:`` of ``samen:``. Een onderwerp met alleen een titel zegt de
    leerkracht en de ouders niet waar het over gaat, en de leidraad blijft leeg.

Waarom
    "Het is de bedoeling dat zowel de leerling, ouder als de leerkracht aan het woord
    zijn in het gesprek." Een vraag is wat een onderwerp tot gesprek maakt.

Instellingen
    Geen. De regel uitzetten kan met ``controle: uit: [KMG112]``.

Goed::

    - titel: Bijzonderheden
      minuten: 3
      samen: Zijn er zaken die de leerkracht moet weten?

Fout::

    - titel: Bijzonderheden
      minuten: 3
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...findings import Finding
from ..context import QUESTION_FIELDS, RuleContext

ID = "KMG112"
LEVEL = "warning"
TITLE = "Onderwerp zonder vraag"
REASON = "Het is de bedoeling dat zowel de leerling, ouder als de leerkracht aan het woord zijn in het gesprek."
DEFAULT: dict[str, Any] = {}


def check(ctx: RuleContext) -> Iterator[Finding]:
    for index, topic in enumerate(ctx.agenda.onderwerpen):
        if any(getattr(topic, field) for field in QUESTION_FIELDS):
            continue
        yield ctx.finding(
            ctx.topic_path(index, "titel"),
            f"Het onderwerp '{topic.titel}' heeft nog geen vraag.",
            "Zet er minstens één vraag bij onder 'leerling:', 'ouder:', 'leerkracht:' of 'samen:'.",
        )
