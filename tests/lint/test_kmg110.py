"""KMG110 in detail: which words count, where the caret goes, and the seed's own wording."""

from __future__ import annotations

import pytest

from gereedschapskist.lint.rules import kmg110

# The seed's own questions and notes: a school that copies them must get no warning.
SEED_TEXTS = (
    "Vertellen over gezinssamenstelling, werk en dergelijke.",
    "Welke onderwerpen willen ouders en/of leerling graag bespreken?",
    "Welke verwachtingen heeft iedereen van de ontwikkeling en begeleiding van de leerling?",
    "Relatie met klasgenoten en leerkracht. Druk, verlegen, afgeleid?",
    "Wat verwacht school dit leerjaar van ouders thuis? (bijv. samen praten, spelen, lezen).",
    "Hoe laat naar school, op tijd op, ontbijt, wanneer huiswerk? Moeite met op tijd komen?",
    "Zijn er zaken waarvan ouders en leerling vinden dat de leerkracht dit moet weten over de leerling?",
    "Zijn er nog andere onderwerpen die aan bod moeten komen?",
    "Afspraken over hoe en wanneer en hoe ouders en leerkracht contact met elkaar op nemen.",
    "Zo nodig checken telefoonnummers en emailadressen.",
)


def _matches(text: str, words=kmg110.WOORDEN) -> list[str]:
    compiled = kmg110.compile_words(words)
    assert compiled is not None
    pattern, _ = compiled
    return [m.group(0) for m in pattern.finditer(text)]


@pytest.mark.parametrize("text", SEED_TEXTS)
def test_the_seeds_own_questions_pass(text: str) -> None:
    assert _matches(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Hoe controleert u het huiswerk?", ["controleert"]),
        ("Wordt het huiswerk gecontroleerd?", ["gecontroleerd"]),
        ("Is dit een verplichting?", ["verplichting"]),
        ("Voelt u zich schuldig?", ["schuldig"]),
        ("Welke fouten maakt hij?", ["fouten"]),
        ("Wanneer faalt ze?", ["faalt"]),
        ("Hij schiet tekort.", ["schiet tekort"]),
        ("Als de hulp tekortschiet, wat dan?", ["tekortschiet"]),
        ("Krijgt hij straf? Wordt hij gestraft?", ["straf", "gestraft"]),
        ("De ouder moet verantwoorden waarom.", ["moet verantwoorden"]),
        ("Wie houdt toezicht?", ["toezicht"]),
        ("Voelt u zich op het matje geroepen?", ["op het matje"]),
    ],
)
def test_words_that_sound_like_control_or_blame(text: str, found: list[str]) -> None:
    assert _matches(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Hoe gaat het met de zelfcontrole?",  # self-control is a development topic, not control
        "Heeft uw kind last van faalangst?",
        "Hij is een onschuldig, vrolijk kind.",
        "Zo nodig checken we de telefoonnummers.",
        "Wie is verantwoordelijk voor het brengen?",
        "Wat moet de leerkracht weten?",
    ],
)
def test_words_inside_other_words_do_not_count(text: str) -> None:
    assert _matches(text) == []


def test_every_default_word_has_a_kind_alternative() -> None:
    assert set(kmg110.WOORDEN) == set(kmg110.ALTERNATIEVEN)


def test_user_words_are_matched_like_the_defaults() -> None:
    assert _matches("Wij beoordelen de beoordeling.", ["BEOORDEL"]) == ["beoordelen", "beoordeling"]
    assert _matches("Moet  u\nzich verantwoorden?", ["zich verantwoorden"]) == ["zich verantwoorden"]
    assert kmg110.compile_words(["", "  "]) is None


def test_a_quoted_question_puts_the_caret_on_the_word(lint) -> None:
    text = lint.edit(
        lint.base,
        replace=[
            ("ouder: Hoe begeleidt u de ochtend en het huiswerk?", 'ouder: "Wie: u of de school? Wie controleert?"')
        ],
    )
    [finding] = lint.findings(text, "KMG110")
    assert finding.line == lint.line_of(text, "Wie controleert")
    assert finding.column == lint.column_of(text, finding.line, "controleert")


def test_a_phrase_broken_over_two_lines_reads_as_one(lint) -> None:
    text = lint.edit(
        lint.base,
        replace=[
            (
                "    ouder: Hoe begeleidt u de ochtend en het huiswerk?\n",
                "    ouder: Waarover moet u zich\n      verantwoorden bij ons?\n",
            )
        ],
    )
    [finding] = lint.findings(text, "KMG110")
    assert "'zich verantwoorden'" in finding.message
    # The phrase is not on one line, so the caret stays at the start of the question.
    line = lint.line_of(text, "Waarover moet u zich")
    assert (finding.line, finding.column) == (line, lint.column_of(text, line, "Waarover"))
