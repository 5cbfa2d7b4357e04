"""KMG108 — de brede ontwikkeling komt niet helemaal aan bod.

Wat wordt gecontroleerd
    Of elk domein van de ontwikkeling van de leerling (``thuis``, ``school`` en
    ``buitenschools``) bij minstens één onderwerp onder ``domeinen:`` staat. Er komt
    een melding per domein dat ontbreekt.

Waarom
    "Van belang is dat ieders perspectief aan bod komt en dat de brede ontwikkeling
    en begeleiding van de leerling (thuis, op school, buitenschools) aan de orde komt."

Instellingen (onder ``controle:``)
    ``domeinen``: de domeinen die aan bod moeten komen, standaard
    ``[thuis, school, buitenschools]``.

Goed::

    onderwerpen:
      - titel: Dagroutine
        minuten: 4
        domeinen: [thuis, school]
      - titel: Interesses en ambities
        minuten: 4
        domeinen: [buitenschools]

Fout (niets over buitenschoolse activiteiten)::

    onderwerpen:
      - titel: Dagroutine
        minuten: 4
        domeinen: [thuis, school]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...agenda.starter import seed_titles
from ...findings import Finding
from ..context import RuleContext
from ..text import opsomming

ID = "KMG108"
LEVEL = "warning"
TITLE = "Brede ontwikkeling niet volledig"
REASON = (
    "Van belang is dat ieders perspectief aan bod komt en dat de brede ontwikkeling en begeleiding van de "
    "leerling (thuis, op school, buitenschools) aan de orde komt."
)
DEFAULT: dict[str, Any] = {"domeinen": ("thuis", "school", "buitenschools")}

# Topics of the seed's table (as `kmg init` names them) to suggest per missing domain.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "thuis": seed_titles("Dagroutine", "Afstemming begeleiding"),
    "school": seed_titles("Positie in de klas en sociale vaardigheden", "Overgang volgend leerjaar"),
    "buitenschools": seed_titles("Interesses en ambities"),
}
EXAMPLE_NOTES: dict[str, str] = {"buitenschools": " (hobby's, clubs, talenten)"}
LABELS: dict[str, str] = {"thuis": "thuis", "school": "op school", "buitenschools": "buiten school"}


def _value(domain: object) -> str:
    # Controle keeps Domein members, the DEFAULT plain strings; compare as text.
    return str(getattr(domain, "value", domain))


def _examples(domain: str) -> str:
    titles = EXAMPLES.get(domain)
    if not titles:
        return "uit de tabel van de gereedschapskist"
    return opsomming([f"'{title}'" for title in titles], "of") + EXAMPLE_NOTES.get(domain, "")


def check(ctx: RuleContext) -> Iterator[Finding]:
    covered = {_value(d) for topic in ctx.agenda.onderwerpen for d in topic.domeinen}
    required = dict.fromkeys(_value(d) for d in ctx.option("domeinen"))  # ordered, without doubles
    for domain in required:
        if domain in covered:
            continue
        yield ctx.finding(
            ("onderwerpen",),
            f"Geen onderwerp gaat over de ontwikkeling {LABELS.get(domain, domain)} (domein '{domain}').",
            f"Zet '{domain}' onder 'domeinen:' bij een onderwerp dat erover gaat, of voeg een onderwerp toe, "
            f"bijvoorbeeld {_examples(domain)}.",
            key=True,
        )
