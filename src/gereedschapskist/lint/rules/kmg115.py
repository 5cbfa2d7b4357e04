"""KMG115 — de antwoorddatum van de uitnodiging valt buiten het schooljaar.

Wat wordt gecontroleerd
    Of ``antwoord_voor`` onder ``uitnodiging:`` in het schooljaar van de agenda valt:
    niet vóór 1 augustus van het eerste jaar en niet na 31 juli van het tweede jaar.
    Bij ``schooljaar: "2026-2027"`` is dat van 1 augustus 2026 tot en met 31 juli 2027.
    Meestal is het jaartal van vorig jaar blijven staan.

Waarom
    "Door in het begin van het schooljaar kennis te maken met ouders legt de leerkracht
    een basis voor de samenwerking in het komende schooljaar." Een antwoorddatum van
    vorig jaar zegt ouders dat ze al te laat zijn.

Instellingen
    Geen. De regel uitzetten kan met ``controle: uit: [KMG115]``.

Goed::

    schooljaar: "2026-2027"
    uitnodiging:
      antwoord_voor: 2026-09-07

Fout::

    schooljaar: "2026-2027"
    uitnodiging:
      antwoord_voor: 2025-09-07     # vorig schooljaar
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from ...findings import Finding
from ...wording import datum
from ..context import RuleContext

ID = "KMG115"
LEVEL = "warning"
TITLE = "Antwoorddatum buiten het schooljaar"
REASON = (
    "Door in het begin van het schooljaar kennis te maken met ouders legt de leerkracht een basis voor de "
    "samenwerking in het komende schooljaar."
)
DEFAULT: dict[str, Any] = {}


def school_year_span(schooljaar: str) -> tuple[date, date]:
    """First and last day of a school year "2026-2027": 1 August 2026 and 31 July 2027."""
    first = int(schooljaar.split("-")[0])
    return date(first, 8, 1), date(first + 1, 7, 31)


def _suggestion(day: date, start: date) -> date:
    # The same day and month inside the school year: the year is what usually went wrong.
    year = start.year if day.month >= 8 else start.year + 1
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


def check(ctx: RuleContext) -> Iterator[Finding]:
    day = ctx.agenda.uitnodiging.antwoord_voor
    if day is None:
        return
    start, end = school_year_span(ctx.agenda.schooljaar)
    if start <= day <= end:
        return
    when = "vóór het begin" if day < start else "na het einde"
    bounds = f"van {datum(start, weekdag=False)} tot en met {datum(end, weekdag=False)}"
    yield ctx.finding(
        ("uitnodiging", "antwoord_voor"),
        f"De antwoorddatum {datum(day)} ligt {when} van schooljaar {ctx.agenda.schooljaar} ({bounds}).",
        f"Kijk het jaartal na; bedoelt u antwoord_voor: {_suggestion(day, start).isoformat()}?",
    )
