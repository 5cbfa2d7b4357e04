"""The starter agenda that `kmg init` writes: the ten topics of the seed's table, with comments.

The questions are the seed's own ("Gespreksonderwerpen kunnen zijn"), put to each
perspective. Minutes are spread over the agreed duration by weight, so a 25-minute
conversation at school and an hour-long home visit both come out balanced.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..wording import datum
from .model import Domein, Onderwerp, Soort

SCHEMA_FILENAME = "kmg-agenda.schema.json"


@dataclass(frozen=True)
class SeedTopic:
    """One row of the seed's topic table: the agenda's own `Onderwerp`, plus how `kmg init` uses it.

    `onderwerp.minuten` is the topic's share of a 25-minute school conversation; the
    starter spreads any other duration by these weights.
    """

    onderwerp: Onderwerp
    comment: str = ""
    # kept when the time is short; the others go first
    essential: bool = False
    kleuter: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def titel(self) -> str:
        return self.onderwerp.titel

    @property
    def weight(self) -> int:
        return self.onderwerp.minuten


def _seed(
    titel: str,
    weight: int,
    *,
    soort: str = "gewoon",
    domeinen: tuple[str, ...] = (),
    comment: str = "",
    essential: bool = False,
    kleuter: dict[str, tuple[str, ...]] | None = None,
    **questions: tuple[str, ...],
) -> SeedTopic:
    onderwerp = Onderwerp(
        titel=titel,
        minuten=weight,
        soort=Soort(soort),
        domeinen=[Domein(d) for d in domeinen],
        **{key: list(values) for key, values in questions.items()},
    )
    return SeedTopic(onderwerp, comment, essential, kleuter or {})


# The seed's table ("Gespreksonderwerpen kunnen zijn"), with its own topic names.
TOPICS: tuple[SeedTopic, ...] = (
    _seed(
        "Introductie en achtergrond",
        3,
        domeinen=("thuis", "school"),
        essential=True,
        leerling=("Vertelt iets over zichzelf en over de ervaringen op school.",),
        ouder=("Vertellen over de gezinssamenstelling, werk en dergelijke.",),
        leerkracht=("Vertelt iets over zichzelf en over de groep.",),
        comment="Kennismaken: wie zijn we, wie hoort bij het gezin?",
        kleuter={"leerling": ("Vertelt (met hulp van ouders) wie er thuis wonen en wat hij of zij graag doet.",)},
    ),
    _seed(
        "Wederkerige agenda",
        2,
        soort="wederkerig",
        essential=True,
        leerling=("Waar wil jij het vandaag graag over hebben?",),
        ouder=("Welke onderwerpen willen ouders graag bespreken?",),
        leerkracht=("Welke onderwerpen wil de leerkracht bespreken?",),
        comment="Ruimte voor de eigen punten van ouders en leerling: vroeg in het gesprek.",
    ),
    _seed(
        "Overgang volgend leerjaar",
        2,
        domeinen=("school",),
        leerling=("Ervaringen in het vorige leerjaar of op een andere school, en verwachtingen voor dit jaar.",),
        ouder=("Ervaringen en verwachtingen rond het contact met de leerkracht.",),
        leerkracht=("Bijzonderheden van dit leerjaar en van de leerkracht.",),
        kleuter={
            "leerling": ("Hoe was het op de peuteropvang of in de vorige groep? Waar kijk je naar uit?",),
        },
    ),
    _seed(
        "Verwachtingen",
        3,
        domeinen=("school", "thuis"),
        essential=True,
        samen=("Welke verwachtingen heeft ieder van de ontwikkeling en begeleiding van de leerling?",),
    ),
    _seed(
        "Positie in de klas en sociale vaardigheden",
        3,
        domeinen=("school", "buitenschools"),
        leerling=("Hoe gaat het met klasgenoten en met de leerkracht? Druk, verlegen, afgeleid?",),
        ouder=("Hoe zien ouders de positie en het sociale gedrag van hun kind? Hoe is dat in andere situaties?",),
        leerkracht=("Welke ondersteuning kan de leerkracht bieden?",),
    ),
    _seed(
        "Afstemming begeleiding",
        3,
        domeinen=("thuis", "school"),
        leerling=("Praat je thuis over school? Vraag je om hulp als je die nodig hebt?",),
        ouder=("Hoe ondersteunen ouders hun kind bij school?",),
        leerkracht=(
            "Wat vraagt school dit leerjaar van ouders thuis (bijvoorbeeld samen praten, spelen, lezen)?",
            "Hoe kan school daarbij helpen?",
        ),
    ),
    _seed(
        "Dagroutine",
        2,
        domeinen=("thuis",),
        leerling=("Hoe laat ga je naar school, sta je op tijd op, ontbijt je, wanneer maak je huiswerk?",),
        ouder=("Hoe begeleiden ouders dit? Is er iemand thuis als het kind naar school gaat of thuiskomt?",),
        leerkracht=("Hoe kan de leerkracht hier rekening mee houden of bij ondersteunen?",),
        kleuter={
            "leerling": ("Hoe ziet je ochtend eruit? Wie brengt je naar school en wie haalt je op?",),
        },
    ),
    _seed(
        "Interesses en ambities",
        3,
        domeinen=("buitenschools",),
        essential=True,
        leerling=("Wat zijn je hobby's, interesses en talenten? Ben je ergens lid van?",),
        ouder=("Hoe kijken ouders naar deze interesses en hoe stimuleren zij die?",),
        leerkracht=(
            "Hoe kan school de interesses en talenten ondersteunen (bijvoorbeeld met brede-schoolactiviteiten)?",
        ),
        kleuter={"leerling": ("Waar speel je het liefst mee? Wat kun je al goed?",)},
    ),
    _seed(
        "Bijzonderheden",
        2,
        domeinen=("thuis", "school"),
        samen=(
            "Zijn er zaken die de leerkracht volgens ouders en leerling moet weten"
            " (uit eerdere leerjaren, thuis, gezondheid, jeugdzorg)?",
            "Heeft de leerkracht nog vragen?",
        ),
    ),
    _seed(
        "Afronding",
        2,
        soort="afronding",
        essential=True,
        samen=(
            "Zijn er nog andere onderwerpen die aan bod moeten komen?",
            "Hoe en wanneer nemen ouders en leerkracht contact met elkaar op?",
            "Kloppen de telefoonnummers en e-mailadressen?",
        ),
        comment="Sluit af met afspraken over het contact.",
    ),
)

SEED_TITLES: tuple[str, ...] = tuple(topic.titel for topic in TOPICS)


def seed_titles(*titles: str) -> tuple[str, ...]:
    """`titles`, each checked against the seed's table, for hints that suggest a topic by name."""
    for title in titles:
        if title not in SEED_TITLES:
            raise ValueError(f"{title!r} is not a topic of the seed's table")
    return titles


DEFAULT_DURATION = {"school": 25, "huisbezoek": 60}


@dataclass(frozen=True)
class Placeholder:
    """A value `kmg init` writes when it was not told the real one (KMG114 warns about it)."""

    text: str
    hint: str


PLACEHOLDERS: dict[str, Placeholder] = {
    "school": Placeholder(
        "Naam van de school",
        "Vul de naam van de school in zoals hij op de documenten moet staan, bijvoorbeeld school: OBS De Regenboog.",
    ),
}


_GROUP_RANGE = re.compile(
    r"(\d+)(?:\s*(?:[-‐‑‒–—]|t\s*/\s*m|t\.?\s*m\.?|tot\s+en\s+met)\s*(\d+))?", re.IGNORECASE
)
# What may stand between groups: commas, slashes ("1/2"), "en", spaces, the word groep.
_GROUP_GAP = re.compile(r"(?:[\s,;/+&]|\ben\b|\bgroep(?:en)?\b)*", re.IGNORECASE)


def parse_groups(text: str) -> list[int]:
    """'3-8' -> [3..8], '1,2' and '1/2' -> [1, 2], 'groep 1-2, 5' -> [1, 2, 5]; ValueError in Dutch otherwise."""
    groups: set[int] = set()
    position = 0
    for match in _GROUP_RANGE.finditer(text):
        gap = text[position : match.start()]
        if not _GROUP_GAP.fullmatch(gap):
            raise ValueError(f"'{gap.strip()}' begrijp ik niet; schrijf bijvoorbeeld 3-8 of 1,2.")
        position = match.end()
        written = " ".join(match.group().split())
        low = int(match.group(1))
        high = int(match.group(2) or low)
        if not (1 <= low <= 8 and 1 <= high <= 8):
            raise ValueError(f"'{written}' valt buiten groep 1 tot en met 8.")
        if low > high:
            raise ValueError(f"'{written}' loopt van hoog naar laag; schrijf {high}-{low}.")
        groups.update(range(low, high + 1))
    rest = text[position:]
    if not _GROUP_GAP.fullmatch(rest):
        raise ValueError(f"'{rest.strip()}' begrijp ik niet; schrijf bijvoorbeeld 3-8 of 1,2.")
    if not groups:
        raise ValueError("Geef minstens één groep op, bijvoorbeeld 3-8.")
    return sorted(groups)


def describe_groups(groups: list[int]) -> str:
    """The groups as a title says them: "groep 3 t/m 8", "groep 1, 2 en 8", "groep 1 t/m 3 en 6"."""
    runs: list[list[int]] = []
    for group in sorted(groups):
        if runs and group == runs[-1][-1] + 1:
            runs[-1].append(group)
        else:
            runs.append([group])
    # Three or more in a row read as a range; two stay two ("1, 2 en 8").
    parts: list[str] = []
    for run in runs:
        parts.extend([f"{run[0]} t/m {run[-1]}"] if len(run) >= 3 else map(str, run))
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]
    return f"groep {joined}"


def _choose_topics(duration: int) -> list[SeedTopic]:
    # The seed: too few topics make it unfocused, too many a checklist. Keep at most one
    # topic per two minutes, dropping the non-essential topics from the end of the table.
    limit = max(len([t for t in TOPICS if t.essential]), duration // 2)
    chosen = list(TOPICS)
    for topic in reversed(TOPICS):
        if len(chosen) <= limit:
            break
        if not topic.essential:
            chosen.remove(topic)
    return chosen


def spread_minutes(weights: list[int], total: int) -> list[int]:
    """Largest-remainder split of `total` over `weights`, every topic at least one minute."""
    weight_sum = sum(weights)
    exact = [w * total / weight_sum for w in weights]
    minutes = [max(1, int(x)) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (exact[i] - int(exact[i]), weights[i]), reverse=True)
    i = 0
    while sum(minutes) < total:
        minutes[order[i % len(order)]] += 1
        i += 1
    while sum(minutes) > total:
        j = max(range(len(minutes)), key=lambda k: minutes[k])
        minutes[j] -= 1
    return minutes


_YAML_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def _scalar(text: str) -> str:
    # Plain YAML where it is safe to read, JSON-style quotes where YAML could misread it
    # (a school called "True", a name with ': ' or '#', control characters).
    plain = (
        re.fullmatch(r"[A-Za-zÀ-ÿ(][^:#\"'{}\[\]&*!|>%@`\x00-\x1f\x7f]*", text)
        and not text.endswith(" ")
        and text.lower() not in _YAML_WORDS
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _questions(key: str, values: tuple[str, ...], indent: str) -> list[str]:
    if not values:
        return []
    if len(values) == 1:
        return [f"{indent}{key}: {_scalar(values[0])}"]
    return [f"{indent}{key}:", *[f"{indent}  - {_scalar(v)}" for v in values]]


def starter_agenda(
    *,
    setting: str = "school",
    groups: list[int] | None = None,
    duration: int | None = None,
    school: str = PLACEHOLDERS["school"].text,
    school_year: str = "2026-2027",
) -> str:
    """The YAML text of a starter agenda that passes `kmg check` without findings.

    Without a real `school` the placeholder stays, and KMG114 asks for the name.
    """
    groups = groups or [3, 4, 5, 6, 7, 8]
    duration = duration or DEFAULT_DURATION[setting]
    topics = _choose_topics(duration)
    minutes = spread_minutes([t.weight for t in topics], duration)
    kleuters = set(groups) <= {1, 2}
    span = describe_groups(groups)
    where = "huisbezoek" if setting == "huisbezoek" else "op school"
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_FILENAME}",
        "# Gespreksagenda voor het kennismakingsgesprek. Bespreek hem vooraf met het team;",
        "# controleer hem met `kmg check` en maak de documenten met `kmg build`.",
        "versie: 1",
        f"school: {_scalar(school)}",
        f'schooljaar: "{school_year}"',
        f"titel: Kennismakingsgesprek {span} ({where})",
        f"groepen: [{', '.join(str(g) for g in groups)}]",
        f"setting: {setting}   # school of huisbezoek",
        f"duur: {duration}   # minuten per gesprek"
        + ("; een huisbezoek kost een uur" if setting == "huisbezoek" else ""),
        "leerling_aanwezig: true   # de leerling is erbij: de natuurlijkste brug tussen thuis en school",
        "onderwerpen:",
    ]
    for topic, mins in zip(topics, minutes, strict=True):
        onderwerp = topic.onderwerp
        if topic.comment:
            lines.append(f"  # {topic.comment}")
        lines.append(f"  - titel: {_scalar(onderwerp.titel)}")
        if onderwerp.soort is not Soort.gewoon:
            lines.append(f"    soort: {onderwerp.soort.value}")
        lines.append(f"    minuten: {mins}")
        if onderwerp.domeinen:
            lines.append(f"    domeinen: [{', '.join(d.value for d in onderwerp.domeinen)}]")
        for key in ("leerling", "ouder", "leerkracht", "samen"):
            own = tuple(getattr(onderwerp, key))
            values = topic.kleuter.get(key, own) if kleuters else own
            lines.extend(_questions(key, values, "    "))
    lines.extend(_invitation_example(setting, school_year))
    lines.append("")
    return "\n".join(lines)


def _day_text(day: date) -> str:
    # "dinsdag 8 september": the weekday is right for the school year asked for.
    return datum(day).rsplit(" ", 1)[0]


def _invitation_example(setting: str, school_year: str) -> list[str]:
    """A commented-out `uitnodiging:` block: remove the '# ' to use it (kmg check then wants moments).

    Commented out, so the starter still passes `kmg check` clean and nobody's letter names
    example days; the days are real for the school year (second week of September).
    """
    first = int(school_year.split("-")[0])
    week = date(first, 9, 7)
    tuesday = week + timedelta(days=(1 - week.weekday()) % 7)
    thursday = tuesday + timedelta(days=2)
    reply = tuesday - timedelta(days=4)  # the Friday before
    if setting == "huisbezoek":
        moments = [f"{_day_text(tuesday)}, 15.00–18.00", f"{_day_text(thursday)}, 15.00–18.00"]
        moments_comment = "de dagen waarop de leerkracht op huisbezoek gaat"
    else:
        moments = [f"{_day_text(tuesday)}, 15.00–19.00", f"{_day_text(thursday)}, 8.30–12.00"]
        moments_comment = "ouders kruisen op de strook aan wanneer ze kunnen"
    return [
        "# De uitnodiging aan ouders: een brief met antwoordstrook voor elk huishouden.",
        "# Haal '# ' weg voor de regels hieronder en vul uw eigen momenten in.",
        "# Zonder dit blok krijgt de brief korte, vriendelijke standaardteksten.",
        "# uitnodiging:",
        f"#   antwoord_voor: {reply.isoformat()}   # jaar-maand-dag",
        f"#   momenten:   # {moments_comment}",
        *[f"#     - {moment}" for moment in moments],
        "#   contact: de leerkracht van uw kind",
        "#   via: oudste   # of jongste: met welk kind de brief mee naar huis gaat",
    ]
