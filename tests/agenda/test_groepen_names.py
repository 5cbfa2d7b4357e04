"""Names in `groepen`: quoted numbers and ranges in `kmg check`, names that match no class in the plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from gereedschapskist.agenda.load import load_agenda
from gereedschapskist.batch import make_plan
from gereedschapskist.classes import Pupil, SchoolClass

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"


def write_agenda(tmp_path: Path, groepen: str, name: str = "agenda.yaml") -> Path:
    text = SCHOOL.read_text(encoding="utf-8")
    assert "groepen: [3, 4, 5, 6, 7, 8]" in text
    path = tmp_path / name
    path.write_text(text.replace("groepen: [3, 4, 5, 6, 7, 8]", f"groepen: {groepen}"), encoding="utf-8")
    return path


def klass(naam: str, groups: set[int]) -> SchoolClass:
    return SchoolClass(naam, naam.lower().replace(" ", "-"), frozenset(groups), "", (Pupil("A", "", "B"),))


@pytest.mark.parametrize(
    ("groepen", "hint"),
    [
        ('["3", "4"]', "Schrijf 3 zonder aanhalingstekens"),
        ('["3-8"]', "[3, 4, 5, 6, 7, 8]"),
        ('["3 t/m 8"]', "[3, 4, 5, 6, 7, 8]"),
        ('["groep 5"]', "Schrijf 5 zonder aanhalingstekens"),
    ],
)
def test_quoted_year_groups_are_a_kmg002_error(tmp_path: Path, groepen: str, hint: str) -> None:
    loaded = load_agenda(write_agenda(tmp_path, groepen))
    assert loaded.agenda is None
    assert loaded.findings
    first = loaded.findings[0]
    assert first.code == "KMG002"
    assert first.line == 8
    assert hint in first.hint


@pytest.mark.parametrize("groepen", ['[3, "Taalklas"]', '[3, "5a"]', '[3, "Groep 0"]', '[3, "De Egels"]'])
def test_class_names_in_groepen_stay_allowed(tmp_path: Path, groepen: str) -> None:
    loaded = load_agenda(write_agenda(tmp_path, groepen))
    assert loaded.agenda is not None, loaded.findings


def test_the_plan_names_a_class_name_that_matches_no_class(tmp_path: Path) -> None:
    path = write_agenda(tmp_path, '["Taalkls", 3, 4]')
    agenda = load_agenda(path).agenda
    assert agenda is not None
    plan = make_plan([(path, agenda)], [klass("3", {3}), klass("4", {4}), klass("Taalklas", set())])
    [note] = plan.notes
    assert '"Taalkls"' in note and '"Taalklas"' in note and path.name in note


def test_the_plan_is_quiet_when_every_name_matches(tmp_path: Path) -> None:
    path = write_agenda(tmp_path, '["taalklas", 3]')
    agenda = load_agenda(path).agenda
    assert agenda is not None
    plan = make_plan([(path, agenda)], [klass("3", {3}), klass("Taalklas", set())])
    assert plan.notes == []
