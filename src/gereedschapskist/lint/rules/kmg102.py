"""KMG102 — de duur past niet bij de plek van het gesprek.

Wat wordt gecontroleerd
    Of ``duur`` binnen de gebruikelijke grenzen valt voor de ``setting``: op school
    20 tot en met 30 minuten, bij een huisbezoek 45 tot en met 75 minuten (rond een uur).

Waarom
    "Voor een kennismakingsgesprek op school volstaat twintig tot dertig minuten.
    Een huisbezoek kost een uur."

Instellingen (onder ``controle:``)
    ``duur_school``: kortste en langste duur op school, standaard ``[20, 30]``.
    ``duur_huisbezoek``: kortste en langste duur bij een huisbezoek, standaard ``[45, 75]``.

Goed::

    setting: huisbezoek
    duur: 60

Fout::

    setting: school
    duur: 45             # lang voor een gesprek op school

Bewust anders, bijvoorbeeld omdat de school een tolk inplant::

    setting: school
    duur: 40
    controle:
      duur_school: [20, 40]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...findings import Finding
from ..context import RuleContext
from ..text import minuten

ID = "KMG102"
LEVEL = "warning"
TITLE = "Duur past niet bij de plek van het gesprek"
REASON = "Voor een kennismakingsgesprek op school volstaat twintig tot dertig minuten. Een huisbezoek kost een uur."
DEFAULT: dict[str, Any] = {"duur_school": (20, 30), "duur_huisbezoek": (45, 75)}

_WHERE = {"school": "een gesprek op school", "huisbezoek": "een huisbezoek"}


def check(ctx: RuleContext) -> Iterator[Finding]:
    setting = ctx.agenda.setting.value
    option = f"duur_{setting}"
    # Forgive [30, 20]: the intent of a range is clear whichever way round it is written.
    low, high = sorted(ctx.option(option))
    duur = ctx.agenda.duur
    if low <= duur <= high:
        return
    where = _WHERE[setting]
    if duur < low:
        message = f"Een duur van {minuten(duur)} is kort voor {where} (gebruikelijk: {low} tot {high} minuten)."
        hint = f"Plan minstens {minuten(low)}"
    else:
        message = f"Een duur van {minuten(duur)} is lang voor {where} (gebruikelijk: {low} tot {high} minuten)."
        hint = f"Plan hooguit {minuten(high)}"
    hint += f", of pas de grenzen voor deze school aan met 'controle: {option}: [{low}, {high}]'."
    yield ctx.finding(("duur",), message, hint)
