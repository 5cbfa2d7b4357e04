"""KMG002 — het bestand past niet bij het agendaformaat.

Wat wordt gecontroleerd
    Of de agenda het afgesproken formaat (versie 1) volgt: geen onbekende sleutels
    (met een suggestie: ``onderwerpn`` → ``onderwerpen``), geen sleutel twee keer,
    alle verplichte velden aanwezig (``versie``, ``school``, ``schooljaar``, ``groepen``,
    ``setting``, ``duur``, ``onderwerpen`` en per onderwerp ``titel`` en ``minuten``) en
    elke waarde van het juiste soort (een heel getal, tekst, true/false, ...).

    Een stuurteken dat als code in een tekst tussen dubbele aanhalingstekens staat
    (``"\\x0b"``, ``"\\u0007"``) is ook een KMG002-fout: het is geldige YAML, maar
    geen lettertype kan het afdrukken.

    Ook een onbekende regelcode onder ``controle: uit:`` is een KMG002-fout, met een
    suggestie voor de bedoelde code (``KMG199`` → ``KMG109``). Zo blijft een tikfout
    niet ongemerkt een regel aan laten staan.

De schemacontrole doet de lader; de controle van ``uit`` doet ``kmg check``. KMG002
kan niet uit (``controle: uit: [KMG002]`` doet niets).

Goed::

    duur: 25
    schooljaar: "2026-2027"
    controle:
      uit: [KMG111]

Fout::

    duur: 25 minuten        # geen heel getal
    groepen: 3              # hoort een lijst te zijn: [3]
    controle:
      uit: [KMG199]         # deze regel bestaat niet
"""

from __future__ import annotations

from typing import Any

ID = "KMG002"
LEVEL = "error"
TITLE = "Past niet bij het agendaformaat"
REASON = ""
DEFAULT: dict[str, Any] = {}
