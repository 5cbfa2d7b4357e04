"""Review of issue 10 (.xlsx): workbooks as a school formats them by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gereedschapskist.classes import read_class_list

from .workbooks import Sheet, xlsx_bytes

HEADER = ["Roepnaam", "Achternaam", "Groep", "Leerjaar", "Leerkracht", "Geboortedatum"]


def write(tmp_path: Path, *sheets: Sheet) -> Path:
    path = tmp_path / "klassenlijst.xlsx"
    path.write_bytes(xlsx_bytes(*sheets))
    return path


def test_a_group_cell_merged_down_over_its_pupils_counts_for_each_of_them(tmp_path: Path) -> None:
    # A school that formats its list merges "Groep 3" (and its teacher) down over the pupils of that class.
    path = write(
        tmp_path,
        Sheet(
            "Leerlingen",
            [
                ["Leerlingen 2026-2027"],
                HEADER,
                ["Anna", "Bakker", "Groep 3", 3.0, "Juf Anouk", dt.date(2019, 1, 2)],
                ["Bram", "Jansen", None, None, None, "14-03-2019"],
                ["Cees", "Smit", None, None, None, dt.date(2019, 5, 6)],
                ["Dirk", "Vos", "Groep 4", 4, "Meester Bas", dt.date(2018, 1, 2)],
                ["Eva", "Mol", None, None, None, dt.date(2018, 3, 4)],
                [],
            ],
            # The title across the table, then the group, year and teacher columns merged down
            # (the last class's over the empty row below it too).
            merged=["A1:F1", "C3:C5", "D3:D5", "E3:E5", "C6:C8", "D6:D8", "E6:E8"],
        ),
    )
    result = read_class_list(path)
    assert [(klass.naam, sorted(klass.jaargroepen), klass.leerkracht, len(klass.leerlingen)) for klass in result] == [
        ("Groep 3", [3], "Juf Anouk", 3),
        ("Groep 4", [4], "Meester Bas", 2),
    ]


def test_a_title_merged_over_two_rows_between_classes_is_no_pupil(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        Sheet(
            "Leerlingen",
            [
                HEADER,
                ["Groep 3"],
                [],
                ["Anna", "Bakker", "Groep 3", 3, "Juf Anouk", None],
                ["Groep 4"],
                [],
                ["Dirk", "Vos", "Groep 4", 4, "Meester Bas", None],
            ],
            merged=["A2:F3", "A5:F6"],
        ),
    )
    result = read_class_list(path)
    assert [[pupil.naam for pupil in klass.leerlingen] for klass in result] == [["Anna Bakker"], ["Dirk Vos"]]


def test_a_combination_group_that_excel_turned_into_a_date_is_that_group_again(tmp_path: Path) -> None:
    # Typing 1/2 in a Dutch Excel gives 1 February; 4/5 gives 4 May.
    path = write(
        tmp_path,
        Sheet(
            "Leerlingen",
            [
                ["Roepnaam", "Achternaam", "Groep"],
                ["Anna", "Bakker", dt.date(2026, 2, 1)],
                ["Bram", "Jansen", dt.datetime(2026, 5, 4)],
                ["Cees", "Smit", "1/2"],
            ],
        ),
    )
    result = read_class_list(path)
    assert [(klass.naam, sorted(klass.jaargroepen), len(klass.leerlingen)) for klass in result] == [
        ("1/2", [1, 2], 2),
        ("4/5", [4, 5], 1),
    ]
    # The school hears it, with the rows, so that it can set the column to text.
    (warning,) = [w for w in result.warnings if "datum" in w.message]
    assert warning.line == 2 and "rijen 2 en 3" in warning.message


def test_a_real_date_in_the_group_column_is_told_about(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        Sheet("Leerlingen", [["Roepnaam", "Achternaam", "Groep"], ["Anna", "Bakker", dt.date(2026, 10, 12)]]),
    )
    result = read_class_list(path)
    assert any("datum" in w.message and "rij 2" in w.message for w in result.warnings)
