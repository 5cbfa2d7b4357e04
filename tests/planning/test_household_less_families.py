"""A family without parent data gets one letter as household 1; its reply must reach kmg plan."""

from __future__ import annotations

from gereedschapskist.classes.model import ClassList, Family, Pupil, SchoolClass
from gereedschapskist.codes import household_codes
from gereedschapskist.planning.answers import read_answers

SECRET = bytes(range(32))


def _school() -> ClassList:
    pupil = Pupil("Noor", "", "Bakker", sleutel="p1", gezin="G001")
    klass = SchoolClass(naam="3", slug="groep-3", jaargroepen=frozenset({3}), leerkracht="Juf A", leerlingen=(pupil,))
    return ClassList((klass,), (), (Family("G001", "key-1", ("p1",), ()),))


def test_a_family_without_households_has_a_code() -> None:
    assert set(household_codes(SECRET, _school().families)) == {("key-1", 1)}


def test_the_reply_of_a_family_without_households_is_read(tmp_path) -> None:
    school = _school()
    code = household_codes(SECRET, school.families)[("key-1", 1)]
    path = tmp_path / "antwoorden.csv"
    header = "code;klassen;kinderen;huishouden;komt;momenten_kan;momenten_niet;apart;taalhulp;onderwerpen"
    path.write_text(f"{header}\n{code};3;Noor Bakker;1;ja;;;nee;ja;\n", encoding="utf-8")
    answers = read_answers(path, school, SECRET)
    assert answers[("key-1", 1)].taalhulp
