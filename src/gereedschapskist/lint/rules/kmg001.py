"""KMG001 — het bestand is geen geldige YAML.

Wat wordt gecontroleerd
    Of het agendabestand te lezen is: geldige YAML, opgeslagen als UTF-8, zonder
    tabs voor het inspringen en zonder YAML-aliassen (``&anker`` / ``*anker``).
    De melding noemt de regel en kolom waar het misgaat.

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
