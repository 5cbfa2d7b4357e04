"""Namesakes (issue 10, point 3): never lost in silence, and a pupil repeated per parent is one pupil."""

from __future__ import annotations

from pathlib import Path

from gereedschapskist.classes import read_class_list


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "klassen.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_pupil_repeated_per_parent_is_one_pupil_with_both_parents(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Geboortedatum;Naam ouder;E-mail ouder\n"
        "Daan;de Jong;5;01-02-2017;Anna de Jong;anna@example.nl\n"
        "Daan;de Jong;5;1-2-2017;Piet de Jong;piet@example.nl\n",
    )
    result = read_class_list(path)
    [klass] = result
    [daan] = klass.leerlingen
    [family] = result.families
    assert family.leerlingen == (daan.sleutel,)
    [home] = family.huishoudens
    assert [(p.naam, p.email) for p in home.ouders] == [
        ("Anna de Jong", "anna@example.nl"),
        ("Piet de Jong", "piet@example.nl"),
    ]
    [warning] = result.warnings
    assert "regel 3 (zelfde als regel 2)" in warning.message


def test_rows_with_one_pupil_number_combine_parent_1_and_parent_2(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Leerlingnummer;Roepnaam;Achternaam;Groep;E-mailadres ouder/verzorger 1;E-mailadres ouder/verzorger 2\n"
        "501;Daan;de Jong;5;anna@example.nl;\n"
        "501;Daan;de Jong;5;;piet@example.nl\n",
    )
    [family] = read_class_list(path).families
    assert [p.email for home in family.huishoudens for p in home.ouders] == ["anna@example.nl", "piet@example.nl"]


def test_namesakes_with_different_birth_dates_are_two_pupils_with_two_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Geboortedatum\nDaan;de Jong;5;2017-02-01\nDaan;de Jong;5;14/11/2016\n",
    )
    result = read_class_list(path)
    [klass] = result
    first, second = klass.leerlingen
    assert first.naam == second.naam == "Daan de Jong"
    assert first != second and first.sleutel != second.sleutel
    assert {first.geboortedatum.isoformat(), second.geboortedatum.isoformat()} == {"2017-02-01", "2016-11-14"}
    assert len(result.families) == 2
    assert result.warnings == ()


def test_same_name_and_class_with_other_parents_and_nothing_to_tell_them_apart_is_kept_and_warned(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;E-mailadres ouder/verzorger 1\n"
        "Sem;Visser;3;a@example.nl\n"
        "Mila;Jansen;3;m@example.nl\n"
        "Sem;Visser;3;b@example.nl\n",
    )
    result = read_class_list(path)
    [klass] = result
    assert [p.naam for p in klass.leerlingen] == ["Mila Jansen", "Sem Visser", "Sem Visser"]
    assert len({p.sleutel for p in klass.leerlingen}) == 3
    [warning] = result.warnings
    assert "regels 2 en 4" in warning.message
    assert "Leerlingnummer of Geboortedatum" in warning.message
    for secret in ("Sem", "Visser", "a@example.nl", "b@example.nl"):
        assert secret not in warning.message


def test_identical_rows_are_merged_as_before(tmp_path: Path) -> None:
    row = "Sem;Visser;3;a@example.nl\n"
    path = write(tmp_path, "Roepnaam;Achternaam;Groep;E-mail ouder\n" + row + row)
    result = read_class_list(path)
    [klass] = result
    assert [p.naam for p in klass.leerlingen] == ["Sem Visser"]
    [warning] = result.warnings
    assert "1 regel herhaalt" in warning.message


def test_an_unreadable_birth_date_is_a_warning_not_an_error(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Geboortedatum\nSem;Visser;3;14-03-2016\nZoë;Berg;3;ergens in maart\n",
    )
    result = read_class_list(path)
    by_name = {p.naam: p for _, p in result.pupils()}
    assert by_name["Sem Visser"].geboortedatum.isoformat() == "2016-03-14"
    assert by_name["Zoë Berg"].geboortedatum is None
    [warning] = result.warnings
    assert warning.line == 3 and "geboortedatum" in warning.message
    assert "maart" not in warning.message


def test_namesakes_in_two_classes_are_two_pupils(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Groep\nSem;Visser;3\nSem;Visser;5\n")
    result = read_class_list(path)
    assert [len(klass.leerlingen) for klass in result] == [1, 1]
    assert result.classes[0].leerlingen[0] != result.classes[1].leerlingen[0]


def test_a_namesake_without_birth_date_next_to_one_with_is_kept_and_warned(tmp_path: Path) -> None:
    # One row has a birth date, the other has none: one child or two? kmg cannot tell.
    path = write(tmp_path, "Roepnaam;Achternaam;Groep;Geboortedatum\nSem;Visser;3;01-02-2018\nSem;Visser;3;\n")
    result = read_class_list(path)
    [klass] = result
    assert len(klass.leerlingen) == 2
    [warning] = result.warnings
    assert "regels 2 en 3" in warning.message
