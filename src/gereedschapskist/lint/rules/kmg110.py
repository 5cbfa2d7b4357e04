"""KMG110 — woorden die naar controle of schuld klinken.

Wat wordt gecontroleerd
    Of de titel van de agenda, de titels van de onderwerpen en alle vragen woorden
    bevatten die naar controle, verplichting of schuld klinken, zoals *controleren*,
    *verplicht*, *schuld*, *fout*, *falen*, *straf*, *toezicht* of *moet
    verantwoorden*. Hoofdletters maken niet uit.

    Ook de teksten van de uitnodiging die in het bestand staan worden gecontroleerd:
    ``aanhef``, ``tekst``, ``huisbezoek``, ``momenten``, ``taalhulp`` en ``contact``
    onder ``uitnodiging:``. In die brief stelt een woord direct na *geen* of *niet*
    ouders juist gerust (*geen controle*, *niet verplicht*); dat geeft daar geen
    melding. In een vraag wel: "Is er geen toezicht?" klinkt als een verwijt.

    Een woord uit de lijst telt als het begin van een woord: ``controle`` vindt ook
    *controles*, *controleren* en *controlemoment*, ``fout`` ook *fouten*, *foutief*
    en *foutloos*. Midden in een woord telt het niet: *zelfcontrole*, *onschuldig*
    en *faalangst* zijn gewone onderwerpen en geven geen melding. Ook *checken*
    (zoals in "telefoonnummers checken" bij de afronding) geeft geen melding.

    Dat *foutloos* en *strafschop* wel een melding geven is een bewuste keuze: liever
    een keer te veel kijken dan een verwijtende vraag missen. Zet zo'n woord in
    ``woorden`` zonder het stuk dat stoort, of zet de regel voor dat bestand uit.

Waarom
    "Vermijd elke schijn van controle." "Een kennismakingsgesprek is niet bedoeld om
    ouders te controleren." Het gesprek is "een driegesprek met een positieve toon".

Instellingen (onder ``controle:``)
    ``woorden``: de lijst woorden die een melding geven; vervangt de standaardlijst.
    ``extra_woorden``: woorden die bij de lijst komen (bij de standaardlijst of bij
    ``woorden``). Ook een paar woorden samen kan: ``"moet verantwoorden"``.

Goed::

    ouder: Hoe kijkt u samen met uw kind naar het huiswerk?

Fout::

    ouder: Hoe controleert u het huiswerk?     # "controleert"

Goed (in de uitnodiging)::

    uitnodiging:
      huisbezoek: Het is een bezoek om kennis te maken, geen controle.

Fout (in de uitnodiging)::

    uitnodiging:
      tekst: U bent verplicht te komen.     # "verplicht"

Een eigen woord erbij::

    controle:
      extra_woorden: [beoordelen]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ...findings import Finding
from ..context import RuleContext, TextNode

ID = "KMG110"
LEVEL = "warning"
TITLE = "Woorden die naar controle of schuld klinken"
REASON = (
    "Vermijd elke schijn van controle: een kennismakingsgesprek is niet bedoeld om ouders te controleren. "
    "Een driegesprek met een positieve toon."
)

# Each entry matches every word that starts with it, so stems cover their inflections;
# forms that change the start of the word (ge-, be-, split verbs) are listed apart.
WOORDEN: tuple[str, ...] = (
    "controle",  # controles, controleren, controleert, controleer
    "gecontroleerd",
    "verplicht",  # verplichte, verplichting, verplichtingen
    "schuld",  # schuldig, schuldgevoel
    "fout",  # fouten, foutief, foutloos
    "falen",
    "faalt",  # not "faal": that would also catch "faalangst"
    "gefaald",
    "tekortschiet",  # tekortschieten, tekortschietende
    "tekortgeschoten",
    "schiet tekort",
    "schieten tekort",
    "tekortkoming",
    "nalatig",
    "straf",  # straffen, strafwerk
    "bestraf",
    "gestraft",
    "moet verantwoorden",
    "moeten verantwoorden",
    "zich verantwoorden",
    "verantwoording afleggen",
    "toezicht",
    "verwijt",  # verwijten, verwijtbaar
    "in gebreke",
    "op het matje",  # the seed: parents must not feel "op het matje geroepen"
)
DEFAULT: dict[str, Any] = {"woorden": WOORDEN, "extra_woorden": ()}

# A kinder word for each stem, for the hint. Keys are entries of WOORDEN.
ALTERNATIEVEN: dict[str, str] = {
    "controle": "'samen bekijken' of 'hoe gaat het met …?'",
    "gecontroleerd": "'samen bekeken'",
    "verplicht": "'afspreken' of 'wat spreken we af?'",
    "schuld": "'hoe komt het?' of 'wat kan helpen?'",
    "fout": "'wat kan beter?' of 'wat vindt uw kind lastig?'",
    "falen": "'nog niet lukken' of 'lastig vinden'",
    "faalt": "'lukt nog niet' of 'vindt het lastig'",
    "gefaald": "'is nog niet gelukt'",
    "tekortschiet": "'meer steun nodig hebben'",
    "tekortgeschoten": "'meer steun nodig gehad'",
    "schiet tekort": "'heeft meer steun nodig'",
    "schieten tekort": "'hebben meer steun nodig'",
    "tekortkoming": "'wat nog lastig is'",
    "nalatig": "'meer ondersteuning kunnen gebruiken'",
    "straf": "'afspraken maken' of 'aanmoedigen'",
    "bestraf": "'afspraken maken' of 'aanmoedigen'",
    "gestraft": "'aangesproken' of 'geholpen'",
    "moet verantwoorden": "'vertelt hoe het gaat'",
    "moeten verantwoorden": "'vertellen hoe het gaat'",
    "zich verantwoorden": "'vertellen hoe het gaat'",
    "verantwoording afleggen": "'vertellen hoe het gaat'",
    "toezicht": "'begeleiden' of 'ondersteunen'",
    "verwijt": "'bespreken wat beter kan'",
    "in gebreke": "'nog niet gelukt'",
    "op het matje": "'in gesprek gaan'",
}
GENERAL_HINT = "Stel het als een open, positieve vraag, bijvoorbeeld 'Hoe gaat het met …?' of 'Wat helpt?'."


def _normalise(word: str) -> str:
    return " ".join(word.casefold().split())


def compile_words(words: Iterable[str]) -> tuple[re.Pattern[str], list[str]] | None:
    """One regex for all entries, matching each at the start of a word; None when the list is empty.

    Longer entries come first so that "moet verantwoorden" wins over a shorter entry at
    the same spot, and the hint can name the entry that matched.
    """
    entries = sorted({_normalise(w) for w in words if w.strip()}, key=lambda w: (-len(w), w))
    if not entries:
        return None
    # Any run of whitespace (a line break in a folded question, too) may sit between two words.
    parts = [r"\s+".join(re.escape(piece) for piece in entry.split(" ")) for entry in entries]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")\w*", re.IGNORECASE)
    return pattern, entries


def _entry(match_text: str, entries: list[str]) -> str:
    found = _normalise(match_text)
    return next((entry for entry in entries if found.startswith(entry)), found)


def _column(ctx: RuleContext, node: TextNode, word: str) -> int | None:
    """The column of `word` on the node's first line, or None when it is not there (folded text)."""
    pos = ctx.source.position(node.path)
    line = ctx.source.line_text(pos.line)
    spaced = r"\s+".join(re.escape(piece) for piece in word.split(" "))
    hit = re.compile(r"(?<!\w)" + spaced + r"(?!\w)", re.IGNORECASE).search(line, pos.column - 1)
    return hit.start() + 1 if hit else None


# In the letter "geen controle" and "niet verplicht" tell parents what the visit is not.
_NEGATIONS = frozenset({"geen", "niet"})


def _reassures(text: str, start: int) -> bool:
    """Whether the word at `start` follows "geen" or "niet" directly."""
    before = text[:start].split()
    return bool(before) and before[-1].casefold() in _NEGATIONS


def check(ctx: RuleContext) -> Iterator[Finding]:
    words = [*ctx.option("woorden"), *ctx.option("extra_woorden")]
    compiled = compile_words(words)
    if compiled is None:
        return
    pattern, entries = compiled
    for node in ctx.texts():
        seen: set[str] = set()
        for match in pattern.finditer(node.text):
            if node.letter and _reassures(node.text, match.start()):
                continue
            word = " ".join(match.group(0).split())  # a folded line break reads as a space
            if word.casefold() in seen:
                continue  # one finding per word per text is enough
            seen.add(word.casefold())
            entry = _entry(word, entries)
            alternative = ALTERNATIEVEN.get(entry)
            hint = f"Kies woorden die uitnodigen, bijvoorbeeld {alternative}." if alternative else GENERAL_HINT
            yield ctx.finding(
                node.path,
                f"In {node.what} staat '{word}'; dat kan klinken als controle of een verwijt.",
                hint,
                column=_column(ctx, node, word),
            )
