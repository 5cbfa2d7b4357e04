"""KMG001 — het bestand is geen geldige YAML.

Wat wordt gecontroleerd
    Of het agendabestand te lezen is: geldige YAML, opgeslagen als UTF-8, zonder
    tabs voor het inspringen, zonder YAML-aliassen (``&anker`` / ``*anker``) en
    zonder onzichtbare stuurtekens, zoals het regeleinde dat Word met Shift+Enter
    maakt (U+000B). De melding noemt de regel en kolom waar het misgaat en zegt
    welk teken het is.

Deze controle doet de lader (``gereedschapskist.agenda.load``), niet een regel
hieronder. Zolang het bestand niet te lezen is, draaien de andere regels niet.
KMG001 kan niet uit: zonder leesbaar bestand valt er niets te controleren
(``controle: uit: [KMG001]`` doet daarom niets).

Goed::

    onderwerpen:
      - titel: "Afronding: afspraken"
        minuten: 2

Fout (dubbele punt in een tekst zonder aanhalingstekens)::

    onderwerpen:
      - titel: Afronding: afspraken
        minuten: 2
"""

from __future__ import annotations

from typing import Any

ID = "KMG001"
LEVEL = "error"
TITLE = "Geen geldige YAML"
REASON = ""
DEFAULT: dict[str, Any] = {}
