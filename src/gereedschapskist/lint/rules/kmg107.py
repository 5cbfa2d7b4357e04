"""KMG107 — de leerkracht heeft het grootste deel van de vragen: een monoloog.

Wat wordt gecontroleerd
    Het aandeel van de leerkracht in alle vragen. Geteld worden de vragen onder
    ``leerling:``, ``ouder:`` en ``leerkracht:``; een vraag onder ``samen:`` telt
    voor elk van de drie één keer mee. Heeft de leerkracht meer dan de helft, dan
    volgt een waarschuwing. Zonder vragen telt deze regel niet (zie KMG106).

Waarom
    "Geen monoloog van de leerkracht dus, maar een trialoog."

Instellingen (onder ``controle:``)
    ``max_aandeel_leerkracht``: het grootste deel van de vragen voor de leerkracht,
    als getal tussen 0 en 1. Standaard 0.5.

Goed::

    onderwerpen:
      - titel: Dagroutine
        minuten: 4
        leerling: Hoe laat ga je naar school?
        ouder: Hoe begeleidt u de ochtend?
        leerkracht: Hoe kan ik hier rekening mee houden?

Fout (vier van de zes vragen zijn voor de leerkracht)::

    onderwerpen:
      - titel: Dagroutine
        minuten: 4
        leerling: Hoe laat ga je naar school?
        ouder: Hoe begeleidt u de ochtend?
        leerkracht:
          - Zo gaat een dag in de klas.
          - Zo laat begint de school.
          - Dit zijn de regels voor huiswerk.
          - Dit zijn de regels voor te laat komen.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...findings import Finding
from ..context import RuleContext
from ..text import procent

ID = "KMG107"
LEVEL = "warning"
TITLE = "Monoloog van de leerkracht"
REASON = "Geen monoloog van de leerkracht dus, maar een trialoog."
DEFAULT: dict[str, Any] = {"max_aandeel_leerkracht": 0.5}


def check(ctx: RuleContext) -> Iterator[Finding]:
    # The same count as the summary of `kmg check`, so the warning and the bar agree.
    per = ctx.agenda.question_counts()
    total = sum(per.values())
    if total == 0:
        return
    limit = float(ctx.option("max_aandeel_leerkracht"))
    teacher = per["leerkracht"]
    share = teacher / total
    if share <= limit:
        return
    yield ctx.finding(
        ("onderwerpen",),
        f"De leerkracht heeft {teacher} van de {total} vragen ({procent(share)}; leerling {per['leerling']}, "
        f"ouder {per['ouder']}). Zo wordt het eerder een monoloog dan een driegesprek.",
        f"Geef leerling en ouders meer vragen, of maak van een leerkrachtvraag een gezamenlijke vraag onder "
        f"'samen:'; het aandeel van de leerkracht mag hooguit {procent(limit)} zijn.",
        key=True,
    )
