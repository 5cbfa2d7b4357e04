"""Classes without a year group ("Taalklas") in the build plan: named by an agenda, or reported."""

from __future__ import annotations

from pathlib import Path

from gereedschapskist.agenda.load import load_agenda
from gereedschapskist.batch import make_plan
from gereedschapskist.classes import Pupil, SchoolClass

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"


def agenda_with_groups(tmp_path: Path, groepen: str, name: str = "taal.yaml"):
    path = tmp_path / name
    text = SCHOOL.read_text(encoding="utf-8")
    assert "groepen: [3, 4, 5, 6, 7, 8]" in text
    path.write_text(text.replace("groepen: [3, 4, 5, 6, 7, 8]", f"groepen: {groepen}"), encoding="utf-8")
    loaded = load_agenda(path)
    assert loaded.agenda is not None, loaded.findings
    return path, loaded.agenda


def klass(naam: str, groups: set[int]) -> SchoolClass:
    return SchoolClass(naam, naam.lower().replace(" ", "-"), frozenset(groups), "", (Pupil("A", "", "B"),))


def test_a_class_without_year_group_is_unserved_not_fatal(tmp_path: Path) -> None:
    plan = make_plan([agenda_with_groups(tmp_path, "[3, 4]")], [klass("3", {3}), klass("Taalklas", set())])
    assert [j.klass.naam for j in plan.jobs] == ["3"]
    assert [k.naam for k in plan.unserved] == ["Taalklas"]


def test_an_agenda_may_name_a_class_without_year_group(tmp_path: Path) -> None:
    plan = make_plan(
        [agenda_with_groups(tmp_path, '[3, "taalklas", "Groep 0"]')],
        [klass("3", {3}), klass("Taalklas", set()), klass("Groep 0", set()), klass("4", {4})],
    )
    assert [j.klass.naam for j in plan.jobs] == ["3", "Taalklas", "Groep 0"]
    assert [k.naam for k in plan.unserved] == ["4"]


def test_a_named_class_goes_only_to_the_agenda_that_names_it(tmp_path: Path) -> None:
    by_year = agenda_with_groups(tmp_path, "[3, 4]", "jaargroep.yaml")
    by_name = agenda_with_groups(tmp_path, '["Groep 3 Taal"]', "taal.yaml")
    plan = make_plan([by_year, by_name], [klass("Groep 3 Taal", {3}), klass("3", {3})])
    assert [(j.klass.naam, j.agenda_path.name, j.folder.as_posix()) for j in plan.jobs] == [
        ("Groep 3 Taal", "taal.yaml", "groep-3-taal"),
        ("3", "jaargroep.yaml", "3"),
    ]
