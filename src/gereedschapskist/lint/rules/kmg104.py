"""KMG104 — te veel onderwerpen of te korte onderwerpen: een afvinklijstje.

Wat wordt gecontroleerd
    - Of er niet meer onderwerpen zijn dan de helft van ``duur`` (naar beneden
      afgerond): bij 25 minuten hooguit 12 onderwerpen.
    - Of elk onderwerp minstens 1 minuut krijgt. Een onderwerp van 0 minuten
      wordt in het gesprek overgeslagen of afgeraffeld.

Waarom
    "Bewaak de balans: … te veel leidt tot een afvinklijstje."

Instellingen (onder ``controle:``)
    ``max_onderwerpen``: het maximale aantal onderwerpen. Standaard niet ingevuld:
    dan geldt ``duur`` / 2.
    ``min_minuten``: het minimale aantal minuten per onderwerp, standaard 1.

Goed::

    onderwerpen:
      - titel: Bijzonderheden
        minuten: 2

Fout::

    onderwerpen:
      - titel: Bijzonderheden
        minuten: 0       # geen tijd: dit wordt afvinken
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...findings import Finding
from ..context import RuleContext
from ..text import minuten, onderwerpen

ID = "KMG104"
LEVEL = "warning"
TITLE = "Te veel of te korte onderwerpen"
REASON = "Bewaak de balans: te weinig bespreekpunten maken het gesprek ongericht, te veel leidt tot een afvinklijstje."
DEFAULT: dict[str, Any] = {"max_onderwerpen": None, "min_minuten": 1}  # None: duur // 2


def maximum(ctx: RuleContext) -> int:
    configured = ctx.option("max_onderwerpen")
    # For a whole number of topics, "more than duur/2" is the same as "more than duur // 2".
    return int(configured) if configured is not None else ctx.agenda.duur // 2


def check(ctx: RuleContext) -> Iterator[Finding]:
    count = len(ctx.agenda.onderwerpen)
    most = maximum(ctx)
    if count > most:
        yield ctx.finding(
            ("onderwerpen",),
            f"De agenda heeft {onderwerpen(count)} voor {minuten(ctx.agenda.duur)}; dat wordt een "
            f"afvinklijstje (hooguit {most}).",
            f"Voeg verwante onderwerpen samen of laat er {count - most} weg; kies wat voor deze groep het "
            "belangrijkst is.",
            key=True,
        )
    shortest = int(ctx.option("min_minuten"))
    for index, topic in enumerate(ctx.agenda.onderwerpen):
        if topic.minuten < shortest:
            yield ctx.finding(
                ctx.topic_path(index, "minuten"),
                f"'{topic.titel}' krijgt {minuten(topic.minuten)}; dat is te kort om echt te bespreken "
                f"(minstens {minuten(shortest)}).",
                f"Geef '{topic.titel}' minstens {minuten(shortest)}, of voeg het samen met een verwant onderwerp.",
            )
