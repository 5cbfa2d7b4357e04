"""Which household gets which letter through which class, the codes on the slips, antwoorden.csv.

No PDFs here (see tests/render/test_invitation_letters.py and test_invitations_build.py):
the letters are decided in the main process, from ClassLists with families built by hand.
"""

from __future__ import annotations

import csv
import dataclasses
import importlib.util
import io
from datetime import date
from pathlib import Path

import pytest

from gereedschapskist.batch import Job
from gereedschapskist.classes.model import ClassList, Family, Pupil, SchoolClass
from gereedschapskist.documents import DEFAULT, NAMES, parse_choice, plan_documents
from gereedschapskist.invitations import (
    ANSWER_COLUMNS,
    NEW_ANSWERS_FILE,
    answers_csv,
    dutch_date,
    holds_answers,
    plan_letters,
    read_rows,
    write_answers,
)

_spec = importlib.util.spec_from_file_location("families", Path(__file__).parents[1] / "render" / "families.py")
families = importlib.util.module_from_spec(_spec)  # tests/render/families.py, shared with the render tests
_spec.loader.exec_module(families)

SECRET = bytes(range(32))
ALL = {"groep-1-2", "groep-3a", "groep-5a"}


def letters_of(class_list: ClassList, via: str = "oudste", served: set[str] = ALL) -> dict[str, list]:
    return plan_letters(class_list, served, via, SECRET)


def children(letter) -> list[tuple[str, str, str]]:
    return [(child.naam, child.klas, child.leerkracht) for child in letter.kinderen]


def test_a_family_gets_one_letter_through_its_oldest_child_listing_all_its_children() -> None:
    letters = letters_of(families.school())
    assert "groep-1-2" not in letters  # Mila's letter goes through her oldest sister
    berg = [letter for letter in letters["groep-5a"] if "Zoë van der Berg" in letter.kinderen_tekst]
    assert len(berg) == 1
    assert children(berg[0]) == [
        ("Mila van der Berg", "Groep 1/2", "Juf Anouk"),
        ("Daan van der Berg", "Groep 3a", "Meester Bram"),
        ("Zoë van der Berg", "Groep 5a", "Juf Samira"),
    ]
    assert berg[0].ouders == ("Anna van der Berg", "Mark van der Berg")
    assert berg[0].klassen == ("1/2", "3a", "5a")
    # every household has exactly one letter in the whole school
    everything = [letter for each in letters.values() for letter in each]
    assert len(everything) == 5  # Berg, Jansen x2, Noah, Haddad


def test_via_jongste_hands_the_letter_out_through_the_youngest() -> None:
    letters = letters_of(families.school(), via="jongste")
    assert [letter.kinderen_tekst for letter in letters["groep-1-2"]] == [
        "Mila van der Berg, Daan van der Berg en Zoë van der Berg"
    ]
    assert all("Zoë" not in letter.kinderen_tekst for letter in letters["groep-5a"])


def test_without_birth_dates_the_year_group_decides() -> None:
    school = families.school(via_dates=False)
    assert any("Zoë" in letter.kinderen_tekst for letter in letters_of(school)["groep-5a"])
    assert any("Zoë" in letter.kinderen_tekst for letter in letters_of(school, via="jongste")["groep-1-2"])


def test_a_class_without_documents_passes_the_letter_on_to_a_sibling_and_none_is_lost() -> None:
    letters = letters_of(families.school(), served={"groep-1-2", "groep-3a"})
    assert any("Zoë" in letter.kinderen_tekst for letter in letters["groep-3a"])  # Daan, the oldest served
    assert "groep-5a" not in letters  # Sem and Yara are in 5a only: no class of theirs is printed


def test_separated_parents_get_two_letters_with_their_own_names_and_codes() -> None:
    jansen = [letter for letter in letters_of(families.school())["groep-5a"] if letter.kinderen_tekst == "Sem Jansen"]
    assert [(letter.huishouden, letter.ouders, letter.huishoudens) for letter in jansen] == [
        (1, ("Lotte Jansen",), 2),
        (2, ("Peter Jansen",), 2),
    ]
    assert jansen[0].code != jansen[1].code
    assert [letter.taal for letter in jansen] == ["", "en"]  # "Engels" in the class list


def test_a_family_without_household_data_gets_one_letter_to_the_parents_of_the_child() -> None:
    (noah,) = letters_of(families.school())["groep-3a"]
    assert noah.kinderen_tekst == "Noah de Vries" and noah.ouders == () and noah.huishouden == 1


def test_codes_are_distinct_and_stable_when_an_unrelated_row_changes() -> None:
    before = {
        (letter.kinderen_tekst, letter.huishouden): letter.code
        for each in letters_of(families.school()).values()
        for letter in each
    }
    after = {
        (letter.kinderen_tekst, letter.huishouden): letter.code
        for each in letters_of(families.school(extra_pupil="Nieuw")).values()
        for letter in each
    }
    assert len(set(before.values())) == len(before) == 5
    assert len(set(after.values())) == len(after) == 6
    assert all(after[key] == code for key, code in before.items())
    assert plan_letters(families.school(), ALL, "oudste", bytes(32)) != letters_of(families.school())  # the secret


def test_without_families_every_pupil_gets_a_letter_with_a_stable_code() -> None:
    plain = families.without_families(families.school())
    letters = letters_of(plain)
    assert {slug: [letter.kinderen_tekst for letter in each] for slug, each in letters.items()} == {
        "groep-1-2": ["Mila van der Berg"],
        "groep-3a": ["Daan van der Berg", "Noah de Vries"],
        "groep-5a": ["Zoë van der Berg", "Sem Jansen", "Yara Haddad"],
    }
    codes = {letter.kinderen_tekst: letter.code for each in letters.values() for letter in each}
    more = families.without_families(families.school(extra_pupil="Nieuw"))
    again = {letter.kinderen_tekst: letter.code for each in letters_of(more).values() for letter in each}
    assert all(again[name] == code for name, code in codes.items())
    assert len(set(again.values())) == len(again)


def test_two_namesakes_without_families_get_two_letters_and_two_codes() -> None:
    sem = Pupil("Sem", "", "Jansen")
    klass = SchoolClass("5a", "groep-5a", frozenset({5}), "Juf", (sem, Pupil("Sem", "", "Jansen")))
    letters = letters_of(ClassList((klass,)))["groep-5a"]
    assert len(letters) == 2 and letters[0].code != letters[1].code


def test_a_sibling_edited_in_another_class_changes_the_key_of_the_class_with_the_letter() -> None:
    agenda = _agenda()

    def keys(class_list: ClassList) -> dict[str, str]:
        jobs = [Job(agenda, Path("a.yaml"), klass, Path(klass.slug)) for klass in class_list]
        planned, _ = plan_documents(jobs, NAMES, class_list, SECRET)
        return {job.klass.slug: job.key("templates") for job in planned}

    school = families.school()
    same = keys(families.school())
    assert keys(school) == same  # nothing changed: every class is skipped
    daan = school[1].leerlingen[0]
    renamed = dataclasses.replace(daan, roepnaam="Daniël")
    classes = list(school.classes)
    classes[1] = dataclasses.replace(classes[1], leerlingen=(renamed, *classes[1].leerlingen[1:]))
    edited = keys(ClassList(tuple(classes), (), school.families))
    assert edited["groep-5a"] != same["groep-5a"]  # Zoë's letter names Daan
    assert edited["groep-3a"] != same["groep-3a"]
    assert edited["groep-1-2"] == same["groep-1-2"]


def test_documents_apply_only_where_there_is_something_to_print() -> None:
    agenda = _agenda()
    school = families.school()
    jobs = [Job(agenda, Path("a.yaml"), klass, Path(klass.slug)) for klass in school]
    planned, letters = plan_documents(jobs, ("uitnodigingen",), school, SECRET)
    assert [job.klass.slug for job in planned] == ["groep-3a", "groep-5a"]  # 1/2 hands out no letter
    assert [path.name for path in planned[1].outputs()] == ["uitnodigingen.pdf"]
    assert len(letters) == 5
    planned, letters = plan_documents(jobs, DEFAULT, school, SECRET)
    assert len(planned) == 3 and letters == [] and all(len(job.outputs()) == 2 for job in planned)


def test_the_documents_option() -> None:
    assert parse_choice(None) == ("leidraad", "formulieren", "uitnodigingen")
    assert parse_choice("uitnodigingen, Leidraad") == ("leidraad", "uitnodigingen")
    with pytest.raises(ValueError, match="'brieven' ken ik niet. Kies uit leidraad, formulieren en uitnodigingen"):
        parse_choice("leidraad,brieven")
    with pytest.raises(ValueError, match="minstens één"):
        parse_choice(" , ")


def test_dutch_dates() -> None:
    assert dutch_date(date(2026, 9, 7)) == "maandag 7 september 2026"
    assert dutch_date(date(2027, 3, 28)) == "zondag 28 maart 2027"


# --- antwoorden.csv ----------------------------------------------------------------


def test_antwoorden_csv_has_the_contract_header_and_one_row_per_household() -> None:
    letters = [letter for each in letters_of(families.school()).values() for letter in each]
    data = answers_csv(letters).encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbfcode;klassen;kinderen;huishouden;komt;momenten_kan;")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == ANSWER_COLUMNS
    berg = next(row for row in rows if row[2].startswith("Mila"))
    assert berg[1:4] == ["1/2, 3a, 5a", "Mila van der Berg, Daan van der Berg, Zoë van der Berg", "1"]
    assert berg[4:] == [""] * 6
    assert len(rows) == 6
    text = data.decode("utf-8-sig")
    assert "0612345678" not in text and "Dorpsstraat" not in text and "@example.org" not in text


def test_antwoorden_csv_round_trips_through_excels_semicolon_cp1252_save(tmp_path: Path) -> None:
    letters = [letter for each in letters_of(families.school()).values() for letter in each]
    written, kept = write_answers(tmp_path, letters)
    assert not kept
    original = list(csv.reader(io.StringIO(written.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
    # Excel on a Dutch Windows, "save as CSV": cp1252, no BOM, ";" (Zoë's ë survives in cp1252)
    excel = tmp_path / "excel.csv"
    excel.write_bytes(written.read_text(encoding="utf-8-sig").encode("cp1252"))
    assert not excel.read_bytes().startswith(b"\xef\xbb\xbf")
    back = list(csv.reader(io.StringIO(excel.read_bytes().decode("cp1252"), newline=""), delimiter=";"))
    assert back == original
    assert read_rows(excel.read_bytes()) == read_rows(written.read_bytes())
    assert [row["kinderen"] for row in read_rows(excel.read_bytes())][0].startswith("Mila van der Berg")


def test_antwoorden_csv_with_answers_is_never_overwritten(tmp_path: Path) -> None:
    letters = [letter for each in letters_of(families.school()).values() for letter in each]
    path, kept = write_answers(tmp_path, letters)
    again, kept_again = write_answers(tmp_path, letters[:2])  # no answers yet: kmg's own list is replaced
    assert again == path and not kept_again and len(read_rows(path.read_bytes())) == 2
    write_answers(tmp_path, letters)
    text = path.read_bytes().decode("utf-8-sig")
    answered = text.replace(";1;;;;;;\r\n", ";1;beide;;;;;\r\n", 1)  # "komt" of the first household
    assert answered != text
    # the office saved it from Excel (cp1252, no BOM)
    path.write_bytes(answered.encode("cp1252"))
    before = path.read_bytes()
    assert holds_answers(before)
    written, kept = write_answers(tmp_path, letters)
    assert kept and written == tmp_path / NEW_ANSWERS_FILE
    assert path.read_bytes() == before
    assert len(read_rows(written.read_bytes())) == 5


def test_a_file_that_is_not_a_list_of_answers_is_not_overwritten_either(tmp_path: Path) -> None:
    (tmp_path / "antwoorden.csv").write_text("Naam;Opmerking\nJan;komt dinsdag\n", encoding="utf-8")
    written, kept = write_answers(tmp_path, [])
    assert kept and written.name == NEW_ANSWERS_FILE
    assert (tmp_path / "antwoorden.csv").read_text(encoding="utf-8") == "Naam;Opmerking\nJan;komt dinsdag\n"


def _agenda():
    from gereedschapskist.agenda.model import Agenda

    return Agenda.model_validate(
        {
            "versie": 1,
            "school": "OBS De Regenboog",
            "schooljaar": "2026-2027",
            "groepen": [1, 2, 3, 4, 5, 6, 7, 8],
            "setting": "school",
            "duur": 20,
            "onderwerpen": [{"titel": "Kennismaken", "minuten": 20, "samen": "Wie zijn we?"}],
        }
    )


def test_family_fixture_keeps_the_contract_invariants() -> None:
    school = families.school()
    keys = [pupil.sleutel for _, pupil in school.pupils()]
    assert len(set(keys)) == len(keys) and all(keys)
    for family in school.families:
        assert isinstance(family, Family) and family.leerlingen
        assert [pupil.sleutel for _, pupil in school.members(family)] == list(family.leerlingen)
