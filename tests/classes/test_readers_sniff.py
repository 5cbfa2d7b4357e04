"""read_source: the content decides the reader, and files kmg cannot read get one Dutch sentence."""

from __future__ import annotations

import codecs
import os
import re
import sys
from pathlib import Path

import pytest

from gereedschapskist.classes import ClassListError, readers
from gereedschapskist.classes.readers import read_source, sniff
from gereedschapskist.errors import EXIT_USAGE

from .samples import SAMPLES
from .workbooks import Sheet, xlsx_bytes, zip_bytes

DUTCH_WORDS = {"de", "het", "een", "geen", "deze", "dit", "van", "op", "is", "heeft", "als"}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CSV = "Roepnaam;Achternaam;Groep\nZoë;Berg;5\n".encode()


def write(tmp_path: Path, data: bytes, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def error_of(path: Path) -> ClassListError:
    with pytest.raises(ClassListError) as info:
        read_source(path)
    error = info.value
    assert error.exit_code == EXIT_USAGE
    assert error.path == path and path.name in str(error)
    assert set(re.findall(r"[a-zë]+", error.message.lower())) & DUTCH_WORDS, error.message
    assert error.message.count(". ") <= 2 and "Traceback" not in str(error)
    return error


# --- content wins over the extension ------------------------------------------------------


def test_a_workbook_renamed_to_csv_is_read_as_a_workbook(tmp_path: Path) -> None:
    path = write(tmp_path, SAMPLES["xlsx"].read_bytes(), "klassenlijst.csv")
    table = read_source(path)
    assert len(table.rows) == 48 and table.rows[0].position.sheet == "Leerlingen"


def test_edexml_renamed_to_csv_is_read_as_edexml(tmp_path: Path) -> None:
    path = write(tmp_path, SAMPLES["xml"].read_bytes(), "klassenlijst.csv")
    assert read_source(path).postcode_only


def test_a_csv_renamed_to_xlsx_goes_to_the_csv_reader(tmp_path: Path) -> None:
    # The CSV reader itself lives on the builder branch; what counts here is the choice.
    assert sniff(CSV, tmp_path / "klassenlijst.xlsx") == "csv"
    assert sniff(SAMPLES["csv"].read_bytes(), tmp_path / "klassenlijst.xml") == "csv"


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><EDEX/>',
        b'\xef\xbb\xbf<?xml version="1.0"?><EDEX/>',
        b"\n\n  <EDEX/>",
        b"<!-- export -->\n<EDEX/>",
        codecs.BOM_UTF16_LE + '<?xml version="1.0" encoding="UTF-16"?><EDEX/>'.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + '<?xml version="1.0" encoding="UTF-16"?><EDEX/>'.encode("utf-16-be"),
        '<?xml version="1.0" encoding="UTF-16"?><EDEX/>'.encode("utf-16-le"),
        '<?xml version="1.0" encoding="UTF-16"?><EDEX/>'.encode("utf-16-be"),
    ],
)
def test_xml_in_any_encoding_is_edexml(tmp_path: Path, data: bytes) -> None:
    assert sniff(data, tmp_path / "x.csv") == "edexml"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        CSV,
        codecs.BOM_UTF8 + CSV,
        codecs.BOM_UTF16_LE + "Roepnaam\tAchternaam\tGroep\r\n".encode("utf-16-le"),
        "Roepnaam\tAchternaam\tGroep\r\n".encode("utf-16-le"),
        b"sep=;\nRoepnaam;Achternaam;Groep\n",
        bytes(range(256)),
    ],
)
def test_everything_else_is_left_to_the_csv_reader(tmp_path: Path, data: bytes) -> None:
    assert sniff(data, tmp_path / "x.xlsx") == "csv"


# --- files kmg does not read ------------------------------------------------------------


def test_old_excel_file(tmp_path: Path) -> None:
    path = write(tmp_path, OLE2 + b"\x00" * 600, "klassenlijst.xls")
    error = error_of(path)
    assert ".xls" in error.message and "Excel-werkmap (.xlsx)" in error.message and "CSV UTF-8" in error.message


def test_old_excel_file_renamed_to_xlsx(tmp_path: Path) -> None:
    assert ".xls)" in error_of(write(tmp_path, OLE2 + b"\x00" * 600, "klassenlijst.xlsx")).message


def test_workbook_with_a_password(tmp_path: Path) -> None:
    # Excel stores an encrypted .xlsx as an OLE2 file with an "EncryptedPackage" stream.
    data = OLE2 + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100
    error = error_of(write(tmp_path, data, "klassenlijst.xlsx"))
    assert "wachtwoord" in error.message and ".xls)" not in error.message


def test_ods(tmp_path: Path) -> None:
    data = zip_bytes({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})
    error = error_of(write(tmp_path, data, "klassenlijst.ods"))
    assert ".ods" in error.message and ".xlsx" in error.message and "CSV" in error.message


def test_xlsb(tmp_path: Path) -> None:
    data = zip_bytes({"[Content_Types].xml": "<x/>", "xl/workbook.bin": b"\x00\x01"})
    assert ".xlsb" in error_of(write(tmp_path, data, "klassenlijst.xlsb")).message


def test_word_document(tmp_path: Path) -> None:
    data = zip_bytes({"[Content_Types].xml": "<x/>", "word/document.xml": "<w/>"})
    assert "tekstdocument" in error_of(write(tmp_path, data, "klassenlijst.docx")).message


def test_a_zip_that_is_no_workbook(tmp_path: Path) -> None:
    data = zip_bytes({"klassenlijst.csv": CSV})
    error = error_of(write(tmp_path, data, "export.zip"))
    assert "zip-bestand" in error.message and "pak het uit" in error.message


def test_an_empty_zip(tmp_path: Path) -> None:
    assert "zip-bestand" in error_of(write(tmp_path, zip_bytes({}), "export.xlsx")).message


def test_a_damaged_zip(tmp_path: Path) -> None:
    path = write(tmp_path, b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "klassenlijst.xlsx")
    error = error_of(path)
    assert "beschadigd" in error.message and "CSV" in error.message


def test_pdf(tmp_path: Path) -> None:
    assert "PDF" in error_of(write(tmp_path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "klassenlijst.pdf")).message


@pytest.mark.parametrize("start", [b"<!DOCTYPE html>\n<html>", b"\xef\xbb\xbf<html><body><table>", b"  <HTML>"])
def test_web_page_saved_as_xls(tmp_path: Path, start: bytes) -> None:
    error = error_of(write(tmp_path, start + b"<tr><td>Zo\xc3\xab</td></tr>", "klassenlijst.xls"))
    assert "webpagina" in error.message and "Zoë" not in error.message


def test_a_workbook_renamed_to_xml_is_still_a_workbook(tmp_path: Path) -> None:
    data = xlsx_bytes(Sheet("Blad1", [["Roepnaam", "Achternaam", "Groep"], ["Zoë", "Berg", "5"]]))
    assert [row.get("roepnaam") for row in read_source(write(tmp_path, data, "lijst.xml")).rows] == ["Zoë"]


# --- reading the file ----------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert "bestaat niet" in error_of(tmp_path / "weg.xlsx").message


def test_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "klassen.xlsx"
    folder.mkdir()
    assert "is een map" in error_of(folder).message


@pytest.mark.skipif(sys.platform == "win32", reason="no named pipes in the file system")
def test_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "klassen.csv"
    os.mkfifo(fifo)
    assert "geen gewoon bestand" in error_of(fifo).message


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_BYTES", 1000)
    error = error_of(write(tmp_path, SAMPLES["xlsx"].read_bytes(), "groot.xlsx"))
    assert "groter dan" in error.message
