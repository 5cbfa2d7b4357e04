"""Review of issue 10 (rows): cells as other tools write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from gereedschapskist.classes import read_class_list

from .workbooks import Sheet, xlsx_bytes


@pytest.mark.parametrize("leerjaar", ["5.0", "5,0", "5.00", "05.0"])
def test_a_leerjaar_written_as_a_decimal_number_is_that_year_group_in_a_csv(tmp_path: Path, leerjaar: str) -> None:
    # pandas and some report tools write a number column with empty cells as "5.0".
    path = tmp_path / "klassen.csv"
    path.write_text(f"Roepnaam;Achternaam;Groep;Leerjaar\nSem;Visser;De Egels;{leerjaar}\n", encoding="utf-8")
    (klass,) = read_class_list(path)
    assert klass.jaargroepen == frozenset({5})


def test_a_leerjaar_typed_as_text_5_0_in_a_workbook_is_groep_5(tmp_path: Path) -> None:
    path = tmp_path / "klassen.xlsx"
    path.write_bytes(
        xlsx_bytes(Sheet("Blad1", [["Roepnaam", "Achternaam", "Groep", "Leerjaar"], ["Sem", "Visser", "Egels", "5.0"]]))
    )
    (klass,) = read_class_list(path)
    assert klass.jaargroepen == frozenset({5})


def test_a_leerjaar_0_0_is_a_class_without_year_group(tmp_path: Path) -> None:
    path = tmp_path / "klassen.csv"
    path.write_text("Roepnaam;Achternaam;Groep;Leerjaar\nSem;Visser;Taalklas;0.0\n", encoding="utf-8")
    (klass,) = read_class_list(path)
    assert klass.jaargroepen == frozenset()


def test_a_birth_date_with_a_two_digit_year_is_read(tmp_path: Path) -> None:
    # Excel's short date in some Dutch setups ("14-3-19") survives a save as CSV.
    path = tmp_path / "klassen.csv"
    path.write_text(
        "Roepnaam;Achternaam;Groep;Geboortedatum\nSem;Visser;3;14-3-19\nSem;Visser;3;2-11-18\n", encoding="utf-8"
    )
    result = read_class_list(path)
    assert result.warnings == ()  # two pupils with one name, told apart by their birth dates
    assert sorted(str(pupil.geboortedatum) for pupil in result.classes[0].leerlingen) == ["2018-11-02", "2019-03-14"]


def test_a_group_that_excel_showed_as_a_date_and_saved_as_csv_is_that_group_again(tmp_path: Path) -> None:
    # Typing 1/2 in a Dutch Excel shows "1-feb", and "Opslaan als CSV" writes what is shown.
    path = tmp_path / "klassen.csv"
    path.write_text(
        "Roepnaam;Achternaam;Groep\nAnna;Bakker;1-feb\nBram;Jansen;4-mei\nCees;Smit;1/2\nDirk;Vos;7-aug.\n",
        encoding="cp1252",
    )
    result = read_class_list(path)
    assert [(klass.naam, sorted(klass.jaargroepen)) for klass in result] == [
        ("1/2", [1, 2]),
        ("4/5", [4, 5]),
        ("7/8", [7, 8]),
    ]
    (warning,) = [w for w in result.warnings if "datum" in w.message]
    assert warning.line == 2 and "regels 2, 3 en 5" in warning.message
