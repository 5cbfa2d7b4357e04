"""The builder on rows from any reader: positions, dates, keys and header roles (issue 10, point 1)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gereedschapskist.classes import ClassListError, read_class_list
from gereedschapskist.classes.builder import build_class_list, parse_date
from gereedschapskist.classes.readers.csv import read_csv
from gereedschapskist.classes.rows import Position, SourceNote, SourceRow, SourceTable, recognise_header


def table(rows: list[dict[str, str]], *, sheet: str | None = "Leerlingen", **extra: object) -> SourceTable:
    path = Path("school.xlsx")
    roles = frozenset(role for row in rows for role in row)
    return SourceTable(
        path=path,
        rows=[SourceRow(Position(path, 3 + index, sheet), row) for index, row in enumerate(rows)],
        roles=roles,
        header=Position(path, 2, sheet),
        **extra,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016-03-14", date(2016, 3, 14)),
        ("2016-03-14 00:00:00", date(2016, 3, 14)),
        ("14-03-2016", date(2016, 3, 14)),
        ("14/3/2016", date(2016, 3, 14)),
        ("4.3.2016", date(2016, 3, 4)),
        ("31-02-2016", None),
        ("maart 2016", None),
        ("", None),
    ],
)
def test_birth_dates_as_exports_write_them(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_a_row_error_names_the_sheet_and_row_of_a_workbook() -> None:
    rows = [{"roepnaam": "Sem", "achternaam": "Visser", "groep": "3"}, {"roepnaam": "Zoë", "achternaam": "Berg"}]
    with pytest.raises(ClassListError) as info:
        build_class_list(table(rows))
    assert info.value.line == 4
    assert "zonder groep" in info.value.message and "Leerlingen" in info.value.message
    assert "Zoë" not in str(info.value)


def test_a_leerjaar_of_a_workbook_number_is_read() -> None:
    rows = [{"roepnaam": "Sem", "achternaam": "Visser", "groep": "De Egels", "leerjaar": "5"}]
    [klass] = build_class_list(table(rows))
    assert klass.jaargroepen == frozenset({5})


def test_reader_notes_become_warnings() -> None:
    rows = [{"roepnaam": "Sem", "achternaam": "Visser", "groep": "3"}]
    note = SourceNote(Position(Path("school.xlsx"), 7, "Leerlingen"), "Een opmerking van de lezer.")
    result = build_class_list(table(rows, notes=(note,)))
    [warning] = result.warnings
    assert (warning.line, warning.message) == (7, "Een opmerking van de lezer.")


def test_pupil_keys_come_from_the_pupil_number_when_there_is_one(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text("Leerlingnummer;Roepnaam;Achternaam;Groep\n17;Sem;Visser;3\n18;Zoë;Berg;3\n", encoding="utf-8")
    keys = sorted(p.sleutel for _, p in read_class_list(path).pupils())
    assert keys == ["ll:17", "ll:18"]


def test_the_csv_reader_gives_roles_and_ignored_columns(tmp_path: Path) -> None:
    data = b"Leerlingenlijst\n\nRoepnaam;Achternaam;Groep;BSN;Mobiel\nSem;Visser;3;123;06-1\n"
    result = read_csv(tmp_path / "k.csv", data)
    assert result.header == Position(tmp_path / "k.csv", 3)
    assert result.ignored_columns == ("BSN",)
    [row] = result.rows
    assert row.position.row == 4
    assert dict(row.values) == {
        "roepnaam": "Sem", "achternaam": "Visser", "groep": "3", "ouder1_telefoon": "06-1"
    }


@pytest.mark.parametrize(
    ("cell", "role"),
    [
        ("E-mailadres ouder/verzorger 1", "ouder1_email"),
        ("E-mailadres ouder/verzorger 2", "ouder2_email"),
        ("Naam ouder/verzorger 2", "ouder2_naam"),
        ("Ouder 1", "ouder1_naam"),
        ("Verzorger 2", "ouder2_naam"),
        ("Telefoon ouder/verzorger 2", "ouder2_telefoon"),
        ("Mobiel", "ouder1_telefoon"),
        ("Postcode", "ouder1_postcode"),
        ("Huisnummer ouder/verzorger 2", "ouder2_huisnummer"),
        ("Straat", "ouder1_straat"),
        ("Woonplaats ouder/verzorger 2", "ouder2_woonplaats"),
        ("Gezinscode", "gezin"),
        ("Taal ouders", "taal"),
        ("Thuistaal", "taal"),
        ("Naam verzorger", "ouder1_naam"),
        ("E-mail ouder", "ouder1_email"),
    ],
)
def test_parent_and_family_header_names(cell: str, role: str) -> None:
    found, ignored = recognise_header(["Roepnaam", "Groep", cell])
    assert found[role] == 2 and ignored == ()


def test_a_bare_verzorger_column_is_no_parent_name() -> None:
    # "Verzorger" in an export with a row per parent holds "Moeder" or "Vader".
    found, ignored = recognise_header(["Roepnaam", "Groep", "Verzorger"])
    assert ignored == ("Verzorger",)
