"""Wording of `kmg check` and of the class-list advice: next steps, unserved classes."""

from __future__ import annotations

from pathlib import Path

from gereedschapskist.agenda.load import load_agenda
from gereedschapskist.classes.model import SchoolClass, unserved_message

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"


def test_no_next_step_while_a_placeholder_is_left(kmg, tmp_path: Path) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_text(
        SCHOOL.read_text(encoding="utf-8").replace("school: OBS De Regenboog", "school: Naam van de school"),
        encoding="utf-8",
    )
    result = kmg("check", path)
    assert "KMG114" in result.output
    assert "Volgende stap" not in result.output
    assert "kmg build" not in result.output


def test_a_clean_check_still_says_the_next_step(kmg) -> None:
    result = kmg("check", SCHOOL)
    assert "Volgende stap" in result.output


def test_the_unserved_advice_shows_the_agendas_own_groepen() -> None:
    agenda = load_agenda(SCHOOL).agenda
    assert agenda is not None
    taalklas = SchoolClass("Taalklas", "groep-taalklas", frozenset(), "", ())
    message = unserved_message(taalklas, [agenda])
    assert 'groepen: [3, 4, 5, 6, 7, 8, "Taalklas"]' in message
    assert "[1, 2," not in message
    assert "en krijgt dus geen documenten" in message


def test_the_unserved_advice_without_an_agenda_has_a_neutral_example() -> None:
    taalklas = SchoolClass("Taalklas", "groep-taalklas", frozenset(), "", ())
    message = unserved_message(taalklas)
    assert '"Taalklas"' in message
    assert "[1, 2," not in message


def test_the_unserved_advice_replaces_a_misspelt_name(tmp_path: Path) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_text(
        SCHOOL.read_text(encoding="utf-8").replace("groepen: [3, 4, 5, 6, 7, 8]", 'groepen: ["Taalkls", 3, 4]'),
        encoding="utf-8",
    )
    agenda = load_agenda(path).agenda
    assert agenda is not None
    taalklas = SchoolClass("Taalklas", "groep-taalklas", frozenset(), "", ())
    assert 'groepen: ["Taalklas", 3, 4]' in unserved_message(taalklas, [agenda])
