"""Schema validation of agendas: KMG002 at the right line, with Dutch messages and suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from gereedschapskist.agenda.load import load_agenda

VALID = """\
versie: 1
school: OBS De Regenboog
schooljaar: "2026-2027"
groepen: [3, 4]
setting: school
duur: 25
onderwerpen:
  - titel: Introductie
    minuten: 3
    leerling: Vertelt iets over zichzelf.
    samen:
      - Wat verwacht ieder?
"""


def findings(tmp_path: Path, text: str):
    path = tmp_path / "agenda.yaml"
    path.write_text(text, encoding="utf-8")
    return load_agenda(path)


def test_a_valid_agenda_loads_with_defaults(tmp_path: Path) -> None:
    result = findings(tmp_path, VALID)
    assert result.findings == []
    agenda = result.agenda
    assert agenda is not None
    assert agenda.leerling_aanwezig is True
    topic = agenda.onderwerpen[0]
    assert topic.soort.value == "gewoon"
    assert topic.leerling == ["Vertelt iets over zichzelf."]  # one string becomes a list
    assert topic.questions("ouder") == ["Wat verwacht ieder?"]  # samen counts for everyone
    assert agenda.question_counts() == {"leerling": 2, "ouder": 1, "leerkracht": 1}


@pytest.mark.parametrize(
    ("old", "new", "line", "needle", "hint"),
    [
        ("onderwerpen:", "onderwerpn:", 7, "'onderwerpn' is onbekend", "onderwerpen"),
        ("    minuten: 3", "    minuten: 3\n    titl: x", 10, "'titl' is onbekend", "titel"),
        ('schooljaar: "2026-2027"', "schooljaar: 2026", 3, "tekst", "aanhalingstekens"),
        ('schooljaar: "2026-2027"', "schooljaar: 2026-27", 3, "2026-2027", "aanhalingstekens"),
        ("duur: 25", "duur: 010", 6, "heel getal", "voorloopnul"),
        ("duur: 25", "duur: twintig", 6, "heel getal", ""),
        ("setting: school", "setting: thuis", 5, "'thuis'", "huisbezoek"),
        ("groepen: [3, 4]", "groepen: [3, 9]", 4, "9 is geen jaargroep", "1 tot en met 8"),
        ("groepen: [3, 4]", "groepen: [3, true]", 4, "jaargroep of de naam van een groep", "Taalklas"),
        ("groepen: [3, 4]", 'groepen: [3, " "]', 4, "jaargroep of de naam van een groep", "Taalklas"),
        ("versie: 1", "versie: 2", 1, "versie", "versie: 1"),
        ("duur: 25", "duur: 25\nleerling_aanwezig: nee", 7, "true (ja) of false (nee)", "true"),
        ("    minuten: 3\n", "", 8, "'minuten' ontbreekt", "verplicht"),
        ("duur: 25\n", "", 1, "'duur' ontbreekt", "verplicht"),
        ("duur: 25", "duur: 25\nduur: 30", 7, "twee keer", "Haal"),
        ("    leerling: Vertelt iets over zichzelf.", "    leerling: [12:30, {a: b}]", 10, "tekst", ""),
    ],
)
def test_schema_problems_are_kmg002_at_the_right_line(
    tmp_path: Path, old: str, new: str, line: int, needle: str, hint: str
) -> None:
    assert old in VALID
    result = findings(tmp_path, VALID.replace(old, new, 1))
    assert result.agenda is None
    matching = [f for f in result.findings if needle in f.message]
    assert matching, [f.message for f in result.findings]
    finding = matching[0]
    assert (finding.code, finding.level, finding.line) == ("KMG002", "error", line)
    assert hint in finding.hint


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    text = VALID.replace("setting: school", "setting: thuis").replace("duur: 25", "duur: lang")
    result = findings(tmp_path, text)
    assert [f.line for f in result.findings] == [5, 6]


def test_unreadable_paths_are_user_errors(tmp_path: Path) -> None:
    from gereedschapskist.errors import UserError

    with pytest.raises(UserError, match="bestaat niet"):
        load_agenda(tmp_path / "nergens.yaml")
    with pytest.raises(UserError, match="map"):
        load_agenda(tmp_path)


def test_groepen_may_name_a_class_without_year_group(tmp_path: Path) -> None:
    result = findings(tmp_path, VALID.replace("groepen: [3, 4]", 'groepen: [1, 2, "Taalklas", " Groep  0 "]'))
    assert result.findings == []
    agenda = result.agenda
    assert agenda is not None
    assert agenda.groepen == [1, 2, "Taalklas", "Groep 0"]
    assert agenda.year_groups == frozenset({1, 2})
    assert agenda.class_names == ("Taalklas", "Groep 0")
