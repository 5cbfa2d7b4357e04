"""The .xlsx reader: what a workbook from Social Schools, ParnasSys or Excel becomes as rows."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest

from gereedschapskist.classes import ClassListError
from gereedschapskist.classes.readers import read_source, xlsx
from gereedschapskist.classes.readers.xlsx import read_xlsx
from gereedschapskist.classes.rows import Position
from gereedschapskist.errors import EXIT_USAGE

from .samples import SAMPLES, example_school
from .workbooks import Sheet, xlsx_bytes, zip_bytes

HEADER = ["Roepnaam", "Tussenvoegsel", "Achternaam", "Groep", "Leerjaar", "Leerkracht"]
DUTCH_WORDS = {"de", "het", "een", "geen", "deze", "dit", "van", "op", "is", "heeft", "als"}


def write(tmp_path: Path, *sheets: Sheet, name: str = "klassenlijst.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(*sheets))
    return path


def read(path: Path):
    return read_xlsx(path, path.read_bytes())


def error_of(path: Path) -> ClassListError:
    with pytest.raises(ClassListError) as info:
        read_source(path)
    error = info.value
    assert error.exit_code == EXIT_USAGE
    assert error.path == path and path.name in str(error)
    assert set(re.findall(r"[a-zë]+", error.message.lower())) & DUTCH_WORDS, error.message
    return error


def values(table, role: str) -> list[str]:
    return [row.get(role) for row in table.rows]


# --- cells ------------------------------------------------------------------------


def test_numbers_are_read_as_a_person_reads_them(tmp_path: Path) -> None:
    rows = [
        ["Roepnaam", "Achternaam", "Groep", "Leerjaar", "Leerlingnummer", "Huisnummer", "Telefoon"],
        ["Zoë", "Berg", 5, 5.0, 1234.0, 12, "06-12345678"],
        ["Sem", "Visser", "4/5", 4, 98765, "12a", 612345678],
        ["Mila", "Jansen", 5.0, 5.0, 7.5, 3.25, ""],
    ]
    table = read(write(tmp_path, Sheet("Blad1", rows)))
    assert values(table, "groep") == ["5", "4/5", "5"]
    assert values(table, "leerjaar") == ["5", "4", "5"]
    assert values(table, "leerlingnummer") == ["1234", "98765", "7.5"]
    assert values(table, "ouder1_huisnummer") == ["12", "12a", "3.25"]
    assert values(table, "ouder1_telefoon") == ["06-12345678", "612345678", ""]


def test_excel_dates_become_iso_and_text_dates_stay_as_written(tmp_path: Path) -> None:
    rows = [
        ["Roepnaam", "Achternaam", "Groep", "Geboortedatum"],
        ["Zoë", "Berg", "5", dt.date(2016, 3, 14)],
        ["Sem", "Visser", "5", dt.datetime(2016, 7, 1, 0, 0)],
        ["Mila", "Jansen", "5", "14-03-2016"],
        ["Noah", "Vries", "5", ""],
    ]
    table = read(write(tmp_path, Sheet("Blad1", rows)))
    assert values(table, "geboortedatum") == ["2016-03-14", "2016-07-01", "14-03-2016", ""]


def test_text_is_cleaned_like_csv_cells(tmp_path: Path) -> None:
    # Padding, a non-breaking space, a line break typed with Alt+Enter, a name typed on a Mac (e + U+0308).
    rows = [["Roepnaam", "Achternaam", "Groep"], ["  Zoe\u0308 ", "van\u00a0der\nBerg", " 5 "]]
    table = read(write(tmp_path, Sheet("Blad1", rows)))
    assert dict(table.rows[0].values) == {"roepnaam": "Zoë", "achternaam": "van der Berg", "groep": "5"}


# --- layout -------------------------------------------------------------------------


def test_merged_title_empty_rows_and_repeated_headers(tmp_path: Path) -> None:
    rows = [
        ["Leerlingenlijst OBS De Regenboog 2026-2027"],
        [],
        HEADER,
        ["Zoë", "van der", "Berg", "1/2", 1, "Juf Anouk"],
        ["Sem", "", "Visser", "1/2", 2, "Juf Anouk"],
        [],
        ["Groep 3"],
        HEADER,
        ["Daan", "", "Hendriks", "3", 3, "Meester Yusuf"],
        [],
        [],
    ]
    path = write(tmp_path, Sheet("Leerlingen", rows, merged=["A1:F1", "A7:F7"]))
    table = read(path)
    assert table.header == Position(path, 3, "Leerlingen")
    assert [(row.position.row, row.get("roepnaam")) for row in table.rows] == [(4, "Zoë"), (5, "Sem"), (9, "Daan")]
    assert all(row.position.sheet == "Leerlingen" and row.position.path == path for row in table.rows)
    assert str(table.rows[2].position) == f"{path}, blad 'Leerlingen', rij 9"
    assert values(table, "leerkracht") == ["Juf Anouk", "Juf Anouk", "Meester Yusuf"]


def test_rows_keep_their_excel_row_number_when_the_sheet_starts_lower(tmp_path: Path) -> None:
    rows = [[], [], [], [None, None, "Roepnaam", "Achternaam", "Groep"], [None, None, "Zoë", "Berg", "5"]]
    table = read(write(tmp_path, Sheet("Blad1", rows)))
    assert table.header is not None and table.header.row == 4
    assert [row.position.row for row in table.rows] == [5]
    assert dict(table.rows[0].values) == {"roepnaam": "Zoë", "achternaam": "Berg", "groep": "5"}


def test_a_one_cell_row_that_is_not_merged_is_a_pupil(tmp_path: Path) -> None:
    # Only a merged title row is skipped; a row with just a name goes to the builder (which
    # says that the group is missing, with the row number).
    rows = [["Naam", "Groep"], ["Zoë Berg", "5"], ["Sem Visser"]]
    table = read(write(tmp_path, Sheet("Blad1", rows)))
    assert [(row.position.row, row.get("naam"), row.get("groep")) for row in table.rows] == [
        (2, "Zoë Berg", "5"),
        (3, "Sem Visser", ""),
    ]


def test_unknown_columns_are_listed_as_ignored(tmp_path: Path) -> None:
    rows = [["Voornaam", "Achternaam", "BSN", "Groep", "Opmerking", "E-mailadres ouder/verzorger 2"], ["Zoë", "Berg"]]
    rows[1] += ["123456782", "5", "allergie", "ouder@example.nl"]
    table = read(write(tmp_path, Sheet("Blad1", rows)))
    assert table.ignored_columns == ("BSN", "Opmerking")
    assert table.roles == frozenset({"roepnaam", "achternaam", "groep", "ouder2_email"})
    assert "BSN" not in table.rows[0].values and "123456782" not in table.rows[0].values.values()


def test_the_first_sheet_with_a_header_is_read(tmp_path: Path) -> None:
    info = Sheet("Uitleg", [["Deze export is gemaakt op 1 september."], ["Vragen? Bel de administratie."]])
    pupils = Sheet("Leerlingen", [["Roepnaam", "Achternaam", "Groep"], ["Zoë", "Berg", "5"]])
    path = write(tmp_path, info, pupils)
    table = read(path)
    assert table.header == Position(path, 1, "Leerlingen")
    assert table.notes == ()


def test_a_hidden_sheet_comes_after_the_visible_ones(tmp_path: Path) -> None:
    old = Sheet("Oud", [["Roepnaam", "Achternaam", "Groep"], ["Oud", "Kind", "8"]], hidden=True)
    new = Sheet("Leerlingen", [["Roepnaam", "Achternaam", "Groep"], ["Zoë", "Berg", "5"]])
    table = read(write(tmp_path, old, new))
    assert values(table, "roepnaam") == ["Zoë"]
    assert "'Oud'" in table.notes[0].message


def test_other_sheets_with_pupils_are_mentioned(tmp_path: Path) -> None:
    sheets = [
        Sheet(f"Groep {n}", [["Roepnaam", "Achternaam", "Groep"], ["Kind", f"Nummer{n}", str(n)]]) for n in (3, 4)
    ]
    path = write(tmp_path, *sheets)
    table = read(path)
    assert values(table, "groep") == ["3"]
    [note] = table.notes
    assert "'Groep 4'" in note.message and "alleen blad 'Groep 3'" in note.message
    assert note.position == Position(path, 1, "Groep 3")
    assert "Nummer" not in note.message  # no pupil data in a message


def test_header_further_down_than_ten_rows_is_not_found(tmp_path: Path) -> None:
    rows = [[f"Regel {n}"] for n in range(10)] + [["Roepnaam", "Achternaam", "Groep"], ["Zoë", "Berg", "5"]]
    error = error_of(write(tmp_path, Sheet("Blad1", rows)))
    assert "kopregel" in error.message


# --- what the school must fix --------------------------------------------------------


def test_header_without_group_column(tmp_path: Path) -> None:
    path = write(tmp_path, Sheet("Leerlingen", [["Titel"], ["Roepnaam", "Achternaam", "Leerkracht"], ["Zoë", "Berg"]]))
    error = error_of(path)
    assert error.line == 2
    assert "blad 'Leerlingen', rij 2" in error.message and "Groep" in error.message


def test_surname_without_first_name_column(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, Sheet("Blad1", [["Voorletters", "Achternaam", "Groep"], ["Z.", "Berg", "5"]])))
    assert error.line == 1 and "Roepnaam" in error.message


def test_empty_workbook(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, Sheet("Blad1", []), Sheet("Blad2", [[None, ""]])))
    assert "leeg" in error.message


def test_workbook_whose_sheets_have_no_header(tmp_path: Path) -> None:
    sheets = [Sheet("Blad1", [["Zoë", "Berg", "5"], ["Sem", "Visser", "5"]]), Sheet("Blad2", [["totaal", 2]])]
    error = error_of(write(tmp_path, *sheets))
    assert "kopregel" in error.message and "Roepnaam" in error.message
    assert "Zoë" not in error.message and "Berg" not in error.message


def test_header_without_pupils(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, Sheet("Leerlingen", [["Roepnaam", "Achternaam", "Groep"], [], []])))
    assert error.line == 1 and "geen leerlingen" in error.message


# --- damaged and hostile workbooks ----------------------------------------------------


def test_damaged_sheet_xml(tmp_path: Path) -> None:
    data = xlsx_bytes(Sheet("Blad1", [["Roepnaam", "Achternaam", "Groep"], ["Zoë", "Berg", "5"]]))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts: dict[str, str | bytes] = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row r='1'><c r='A1' t='s'><v>0"
    path = tmp_path / "kapot.xlsx"
    path.write_bytes(zip_bytes(parts))
    error = error_of(path)
    assert "beschadigd" in error.message and "CSV UTF-8" in error.message


def test_truncated_workbook(tmp_path: Path) -> None:
    data = SAMPLES["xlsx"].read_bytes()
    path = tmp_path / "half.xlsx"
    path.write_bytes(data[: len(data) // 2])
    assert "beschadigd" in error_of(path).message


def test_one_cell_far_away_is_refused_before_it_is_allocated(tmp_path: Path) -> None:
    # Two cells, A1 and XFD1048576: calamine would build a grid of 17 billion cells.
    sheet = Sheet("Blad1", [["Roepnaam", "Achternaam", "Groep"], ["Zoë", "Berg", "5"]])
    data = xlsx_bytes(sheet)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts: dict[str, str | bytes] = {name: archive.read(name) for name in archive.namelist()}
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b"</sheetData>", far)
    path = tmp_path / "ver.xlsx"
    path.write_bytes(zip_bytes(parts))
    # Without the check calamine aborts the whole process (a failed allocation of 512 GB).
    error = error_of(path)
    assert "1048576 rijen bij 16384 kolommen" in error.message


def test_formatted_empty_cells_far_away_do_not_count(tmp_path: Path) -> None:
    sheet = Sheet("Blad1", [["Roepnaam", "Achternaam", "Groep"], ["Zoë", "Berg", "5"]])
    data = xlsx_bytes(sheet)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts: dict[str, str | bytes] = {name: archive.read(name) for name in archive.namelist()}
    styled = b'<row r="5000"><c r="Z5000" s="1"/></row></sheetData>'
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b"</sheetData>", styled)
    path = tmp_path / "opgemaakt.xlsx"
    path.write_bytes(zip_bytes(parts))
    assert values(read_source(path), "roepnaam") == ["Zoë"]


def test_zip_bomb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The real limit is 200 MB; a smaller one shows the same check without writing 200 MB.
    monkeypatch.setattr(xlsx, "MAX_UNPACKED", 100_000)
    sheet = Sheet("Blad1", [["Roepnaam", "Achternaam", "Groep"], ["Zoë", "Berg", "5"]])
    data = xlsx_bytes(sheet)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts: dict[str, str | bytes] = {name: archive.read(name) for name in archive.namelist()}
    padding = b"<!--" + b" " * 500_000 + b"-->"
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"<sheetData>", padding + b"<sheetData>"
    )
    path = tmp_path / "bom.xlsx"
    path.write_bytes(zip_bytes(parts))
    assert path.stat().st_size < 10_000
    assert "veel te groot" in error_of(path).message


def test_zip_that_lies_about_its_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx, "MAX_UNPACKED", 100_000)
    sheet = Sheet("Blad1", [["Roepnaam", "Achternaam", "Groep"]] + [["Zoë", "Berg" * 50, "5"]] * 2000)
    data = bytearray(xlsx_bytes(sheet))
    # Write a small "uncompressed size" into the central directory entry of the sheet.
    name = b"xl/worksheets/sheet1.xml"
    at = data.rindex(b"PK\x01\x02", 0, data.rindex(name))
    data[at + 24 : at + 28] = (1000).to_bytes(4, "little")
    path = tmp_path / "liegt.xlsx"
    path.write_bytes(bytes(data))
    message = error_of(path).message
    assert "veel te groot" in message or "beschadigd" in message


# --- the sample ---------------------------------------------------------------------


def test_sample_workbook_has_the_example_school(tmp_path: Path) -> None:
    table = read_source(SAMPLES["xlsx"])
    school = example_school()
    assert len(table.rows) == len(school) == 48
    assert [(row.get("roepnaam"), row.get("achternaam"), row.get("groep")) for row in table.rows] == [
        (pupil.roepnaam, pupil.achternaam, pupil.groep) for pupil in school
    ]
    assert table.ignored_columns == ()
    assert {"ouder1_email", "ouder2_email", "ouder2_postcode", "taal", "leerlingnummer"} <= table.roles
    # Classes are separated by an empty row: the row numbers jump.
    assert [row.position.row for row in table.rows][:9] == [4, 5, 6, 7, 8, 9, 10, 11, 13]
    split = [row for row in table.rows if row.get("achternaam") == "El Amrani"]
    assert {row.get("ouder2_postcode") for row in split} == {"9902 CD"}
    assert {row.get("ouder1_postcode") for row in split} == {"9901 AB"}


def test_cells_without_reference_are_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Cells may leave out their reference; each stands after the previous one. Many of them
    # in a few kB of zip would be a grid of millions of cells.
    monkeypatch.setattr(xlsx, "MAX_CELLS", 1000)
    sheet = Sheet("Blad1", [["Roepnaam", "Achternaam", "Groep"], ["Zoë", "Berg", "5"]])
    data = xlsx_bytes(sheet)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts: dict[str, str | bytes] = {name: archive.read(name) for name in archive.namelist()}
    many = b"<row>" + b"<c><v>1</v></c>" * 2000 + b"</row></sheetData>"
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b"</sheetData>", many)
    path = tmp_path / "veel.xlsx"
    path.write_bytes(zip_bytes(parts))
    assert "te veel cellen" in error_of(path).message
