"""One reader per class-list format, chosen by what the file *is*, not by what it is called.

`read_source` reads the file once (at most `MAX_BYTES`), looks at its first bytes and
hands them to the reader for that format: a CSV export (`csv.py`), an Excel workbook
(`xlsx.py`) or an EDEXML file (`edexml.py`). The extension does not count: schools
rename files, and an .xlsx saved as "klassenlijst.csv" is still a workbook that kmg can
read. Files kmg cannot read (old .xls, .ods, a zip of something else, a PDF, a web page)
get one Dutch sentence that says how to make a file it can.

Every reader returns a `SourceTable` of plain text rows with their position; the
builder (`classes/builder.py`) turns those into classes and families.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import Path

from gereedschapskist.fileio import NotARegularFile, read_limited

from ..csvlist import ClassListError
from ..rows import SourceTable

__all__ = ["MAX_BYTES", "ClassListError", "read_source", "sniff"]

# A whole school is some hundreds of kB (a workbook with parents some MB); refuse what
# cannot be a class list before reading it.
MAX_BYTES = 20 * 2**20

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # a zip with files, an empty zip
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office files (.xls, .doc), and encrypted .xlsx
_SAVE_AS = "'Opslaan als' en dan 'Excel-werkmap (.xlsx)' of 'CSV UTF-8'"


def read_source(path: Path) -> SourceTable:
    """Read a class-list export of any supported format into rows.

    Raises `ClassListError` (a `UserError`) in Dutch for a file that is missing,
    unreadable, too large or of a kind kmg does not read, and for what the format's
    reader finds wrong.
    """
    path = Path(path)
    data = read_bytes(path)
    kind = sniff(data, path)
    if kind == "xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(path, data)
    if kind == "edexml":
        from .edexml import read_edexml

        return read_edexml(path, data)
    from .csv import read_csv  # written on the `builder` branch

    return read_csv(path, data)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or one Dutch `ClassListError` that says why they cannot be read."""
    try:
        data = read_limited(path, MAX_BYTES)
    except NotARegularFile:
        raise ClassListError(
            "Dit is geen gewoon bestand (maar bijvoorbeeld een apparaat of pijp); geef het bestand met de "
            "klassenlijst op.",
            path=path,
        ) from None
    except FileNotFoundError:
        raise ClassListError(
            "Dit bestand bestaat niet; controleer de naam en de map van de klassenlijst.", path=path
        ) from None
    except IsADirectoryError:
        raise ClassListError(
            "Dit is een map, geen klassenlijst; geef het bestand zelf op (CSV, Excel of EDEXML).", path=path
        ) from None
    except PermissionError:
        raise ClassListError(
            "U heeft geen toegang tot dit bestand; controleer de rechten of kopieer de klassenlijst naar uw eigen map.",
            path=path,
        ) from None
    except OSError:
        raise ClassListError(
            "Dit bestand kan niet worden gelezen; sluit het in Excel en controleer of het nog bereikbaar is.",
            path=path,
        ) from None
    if len(data) > MAX_BYTES:
        raise ClassListError(
            f"Dit bestand is groter dan {MAX_BYTES // 2**20} MB; is het wel de klassenlijst (een export met de "
            "leerlingen uit ParnasSys, ESIS of Social Schools)?",
            path=path,
        )
    return data


def sniff(data: bytes, path: Path) -> str:
    """ "xlsx", "edexml" or "csv" by the content; a Dutch `ClassListError` for what kmg cannot read.

    "edexml" means "XML": the EDEXML reader says so when the XML is something else.
    Anything that is no known binary format is left to the CSV reader, which has its
    own messages for empty files, binary data and unreadable characters.
    """
    if data.startswith(_ZIP):
        return _sniff_zip(data, path)
    if data.startswith(_OLE2):
        # An .xlsx with a password is an encrypted package inside an OLE2 file.
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ClassListError(
                "Deze Excel-werkmap is beveiligd met een wachtwoord; kmg kan hem niet openen. Haal in Excel het "
                "wachtwoord weg (of sla een kopie zonder wachtwoord op) en geef die kopie op.",
                path=path,
            )
        raise ClassListError(
            f"Dit is een oud Excel-bestand (.xls), dat kmg niet leest; open het in Excel en kies {_SAVE_AS}.",
            path=path,
        )
    if data.startswith(b"%PDF"):
        raise ClassListError(
            "Dit is een PDF-bestand, geen klassenlijst; exporteer de leerlingen als Excel-werkmap (.xlsx), CSV of "
            "EDEXML.",
            path=path,
        )
    start = _text_start(data)
    if re.match(r"<!doctype\s+html|<html", start, re.IGNORECASE):
        # Some pupil systems save a web page with the name .xls.
        raise ClassListError(
            f"Dit is een webpagina (HTML), geen klassenlijst; open het bestand in Excel en kies {_SAVE_AS}.",
            path=path,
        )
    if re.match(r"<[?!A-Za-z_]", start):
        return "edexml"
    return "csv"


def _text_start(data: bytes) -> str:
    """The first characters of a text file, whatever its encoding, without BOM or leading space."""
    head = data[:512]
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            head, encoding = head[len(bom) :], codec
            break
    else:
        # XML in UTF-16 without a BOM starts with "<" and a NUL byte.
        encoding = {b"<\x00": "utf-16-le", b"\x00<": "utf-16-be"}.get(head[:2], "utf-8")
    if encoding.startswith("utf-16"):
        head = head[: len(head) // 2 * 2]
    return head.decode(encoding, errors="replace").lstrip()


def _sniff_zip(data: bytes, path: Path) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError, ValueError, NotImplementedError):
        raise ClassListError(
            "Dit bestand lijkt een Excel-werkmap, maar is beschadigd of niet helemaal gekopieerd; open het in Excel "
            "en sla het opnieuw op als Excel-werkmap (.xlsx) of als CSV UTF-8, of exporteer de klassenlijst opnieuw.",
            path=path,
        ) from None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise ClassListError(
            f"Dit is een binaire Excel-werkmap (.xlsb), die kmg niet leest; open hem in Excel en kies {_SAVE_AS}.",
            path=path,
        )
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        raise ClassListError(
            "Dit is een OpenDocument-rekenblad (.ods, uit LibreOffice of OpenOffice), dat kmg niet leest; kies "
            "'Opslaan als' en dan 'Excel 2007-365 (.xlsx)' of 'Tekst CSV (.csv)'.",
            path=path,
        )
    if "word/document.xml" in names or mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        raise ClassListError(
            "Dit is een tekstdocument (bijvoorbeeld Word), geen klassenlijst; exporteer de leerlingen uit het "
            "leerlingvolgsysteem als Excel-werkmap (.xlsx), CSV of EDEXML.",
            path=path,
        )
    raise ClassListError(
        "Dit is een zip-bestand, geen klassenlijst; pak het uit en geef het bestand met de leerlingen op "
        "(een Excel-werkmap, CSV-bestand of EDEXML-bestand).",
        path=path,
    )
