"""KMG103 — te weinig onderwerpen: het gesprek wordt ongericht.

Wat wordt gecontroleerd
    Of de agenda genoeg onderwerpen heeft: minstens 3, en bij een lang gesprek
    minstens één per 10 minuten (naar boven afgerond). Dus minstens 3 bij 25
    minuten, minstens 6 bij een huisbezoek van 60 minuten.

Waarom
    "Bewaak de balans: te weinig bespreekpunten maken het gesprek ongericht."

Instellingen (onder ``controle:``)
    ``min_onderwerpen``: het minimale aantal onderwerpen. Standaard niet ingevuld:
    dan geldt het grootste van 3 en ``duur`` / 10.

Goed::

    duur: 25
    onderwerpen:
      - titel: Introductie en achtergrond
        minuten: 5
      - titel: Wederkerige agenda
        soort: wederkerig
        minuten: 5
      - titel: Afronding
        soort: afronding
        minuten: 5

Fout::

    duur: 25
    onderwerpen:           # maar twee onderwerpen
      - titel: Kennismaken
        minuten: 20
      - titel: Afronding
        soort: afronding
        minuten: 5
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from ...agenda.starter import SEED_TITLES
from ...findings import Finding
from ..context import RuleContext
from ..text import minuten, onderwerpen, opsomming

ID = "KMG103"
LEVEL = "warning"
TITLE = "Te weinig onderwerpen"
REASON = "Bewaak de balans: te weinig bespreekpunten maken het gesprek ongericht."
DEFAULT: dict[str, Any] = {"min_onderwerpen": None}  # None: max(3, duur / 10 rounded up)

MINIMUM = 3
MINUTES_PER_TOPIC = 10


def minimum(ctx: RuleContext) -> int:
    configured = ctx.option("min_onderwerpen")
    if configured is not None:
        return int(configured)
    # "fewer than duur/10": with whole topics that is fewer than the ceiling
    return max(MINIMUM, math.ceil(ctx.agenda.duur / MINUTES_PER_TOPIC))


def check(ctx: RuleContext) -> Iterator[Finding]:
    count = len(ctx.agenda.onderwerpen)
    least = minimum(ctx)
    if count >= least:
        return
    present = {topic.titel.casefold() for topic in ctx.agenda.onderwerpen}
    # ideas from the seed's table, named as `kmg init` writes them
    ideas = [f"'{title}'" for title in SEED_TITLES if title.casefold() not in present][:3]
    hint = f"Voeg er {least - count} toe"
    if ideas:
        hint += f", bijvoorbeeld uit de tabel van de gereedschapskist: {opsomming(ideas, 'of')}"
    hint += "."
    yield ctx.finding(
        ("onderwerpen",),
        f"De agenda heeft {onderwerpen(count)}; voor een gesprek van {minuten(ctx.agenda.duur)} is dat te weinig "
        f"om gericht te praten (minstens {least}).",
        hint,
        key=True,
    )
