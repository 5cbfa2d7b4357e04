"""KMG105 — geen ruimte voor de eigen punten van ouders en leerling.

Wat wordt gecontroleerd
    Of er een onderwerp met ``soort: wederkerig`` is (de "wederkerige agenda":
    waar willen ouders en leerling het over hebben?), en of het vroeg in het
    gesprek begint: uiterlijk na het eerste derde van ``duur``. Het begin van een
    onderwerp is de som van de minuten van de onderwerpen ervoor. Bij 25 minuten
    mag de wederkerige agenda dus uiterlijk na 8 minuten beginnen.

    Zijn er meer wederkerige onderwerpen, dan telt het eerste.

Waarom
    Er is een gespreksagenda nodig "die voor ouders en leerlingen ruimte laat om
    punten aan te dragen". "Hou ruimte voor wat ouders in willen brengen." Wie pas
    aan het eind vraagt wat ouders willen bespreken, heeft daar geen tijd meer voor.

Instellingen (onder ``controle:``)
    ``wederkerig_binnen``: het deel van de tijd waarbinnen de wederkerige agenda
    moet beginnen, als getal tussen 0 en 1. Standaard 0.34 (het eerste derde).

Goed::

    duur: 25
    onderwerpen:
      - titel: Introductie en achtergrond
        minuten: 5
      - titel: Wederkerige agenda       # begint na 5 minuten
        soort: wederkerig
        minuten: 3

Fout::

    duur: 25
    onderwerpen:
      - titel: Introductie en achtergrond
        minuten: 5
      - titel: Dagroutine
        minuten: 6
      - titel: Wederkerige agenda       # begint pas na 11 minuten
        soort: wederkerig
        minuten: 3
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from ...agenda.model import Soort
from ...findings import Finding
from ..context import RuleContext
from ..text import minuten, procent

ID = "KMG105"
LEVEL = "warning"
TITLE = "Geen ruimte voor de punten van ouders en leerling"
REASON = (
    "Er is een doordachte gespreksagenda nodig, die voor ouders en leerlingen ruimte laat om punten aan te dragen. "
    "Hou ruimte voor wat ouders in willen brengen."
)
DEFAULT: dict[str, Any] = {"wederkerig_binnen": 0.34}

# 0.7 * 90 is 62.99999999999999 in floating point; a start after 63 minutes must still pass.
_EPSILON = 1e-9


def check(ctx: RuleContext) -> Iterator[Finding]:
    fraction = float(ctx.option("wederkerig_binnen"))
    duur = ctx.agenda.duur
    topics = ctx.agenda.onderwerpen
    for index, (topic, start) in enumerate(zip(topics, ctx.agenda.start_minutes(), strict=True)):
        if topic.soort is Soort.wederkerig:
            if start > fraction * duur + _EPSILON:
                latest = math.floor(fraction * duur + _EPSILON)
                yield ctx.finding(
                    ctx.topic_path(index, "titel"),
                    f"De wederkerige agenda ('{topic.titel}') begint pas na {minuten(start)}; dan is er weinig "
                    "tijd meer voor wat ouders en leerling zelf willen bespreken.",
                    f"Zet '{topic.titel}' eerder, zodat het uiterlijk na {minuten(latest)} begint "
                    f"({procent(fraction)} van {minuten(duur)}).",
                )
            return
    yield ctx.finding(
        ("onderwerpen",),
        "Er is geen onderwerp voor de eigen punten van ouders en leerling (soort: wederkerig).",
        "Voeg vroeg in het gesprek een onderwerp toe met 'soort: wederkerig', bijvoorbeeld 'Wederkerige agenda' "
        "met de vraag 'Welke onderwerpen wilt u graag bespreken?'.",
        key=True,
    )
