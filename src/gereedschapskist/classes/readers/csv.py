"""Read a class-list CSV export (ParnasSys, ESIS, Social Schools or Excel) into plain rows.

Real exports differ in encoding (UTF-8 with or without BOM, Windows-1252, Excel's
UTF-16 "Unicode-tekst"), separator (`;` from a Dutch Excel, `,`, tab), title lines above
the header and header names (Roepnaam or Voornaam, Groep or Klas...). This module absorbs
those differences and returns a `SourceTable`: every data row as role -> text with its
line number. What a row *means* (pupils, classes, families) is the builder's business.

The rows are personal data of children (AVG): error messages name a line, never a pupil.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from pathlib import Path

from gereedschapskist.fileio import utf16_without_bom

from ..csvlist import ClassListError
from ..rows import Position, SourceNote, SourceRow, SourceTable, recognise_header

_NAME_ROLES = ("roepnaam", "achternaam", "naam")
_SEPARATORS = (";", "\t", ",")  # in order of preference when counts tie
# A title line above the header ("Leerlingenlijst 2025-2026") is common in report
# exports; look this far for the real header before giving up.
_HEADER_SEARCH_LINES = 10
ACCEPTED_NAME_COLUMNS = "Roepnaam (of Voornaam), Tussenvoegsel, Achternaam en Groep, of met Naam en Groep"


def read_csv(path: Path, data: bytes) -> SourceTable:
    """The rows of a CSV class list; raises `ClassListError` for what the school has to fix."""
    path = Path(path)
    text, ansi_lines = _decode_text(data, path)
    lines = list(io.StringIO(text, newline=""))
    if all(_is_blank(line) for line in lines):
        raise ClassListError(
            "De klassenlijst is leeg; exporteer de leerlingen opnieuw uit ParnasSys, ESIS of Excel.",
            path=path,
        )
    _refuse_control_characters(lines, path)
    header_index, separator, header, roles, ignored = _find_header(lines, path)
    rows = _read_rows(lines, header_index, separator, header, roles, path)
    notes = (SourceNote(Position(path, ansi_lines[0]), _ansi_message(ansi_lines)),) if ansi_lines else ()
    return SourceTable(
        path=path,
        rows=rows,
        roles=frozenset(roles),
        header=Position(path, header_index + 1),
        ignored_columns=ignored,
        notes=notes,
    )


# --- decoding -----------------------------------------------------------------------


def _decode(data: bytes, path: Path) -> str:
    """The text of a class-list file (see `_decode_text`)."""
    return _decode_text(data, path)[0]


def _decode_text(data: bytes, path: Path) -> tuple[str, list[int]]:
    """The text of a class-list file, and the lines that had to be read as Windows-1252.

    A UTF-8 export that someone edited in an ANSI program holds a few Windows-1252
    lines; decoding line by line keeps the rest (and the BOM'd header) intact.
    """
    # Office files start with fixed signatures; saying "this is a workbook" helps
    # more than a complaint about unreadable characters.
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ClassListError(
            "Dit is een Excel-werkmap, geen CSV-bestand; kies in Excel 'Opslaan als' en dan 'CSV UTF-8' "
            "of 'CSV (gescheiden door lijstscheidingsteken)'.",
            path=path,
        )
    ansi_lines: list[int] = []
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # Excel's "Unicode-tekst (*.txt)" export: UTF-16 with BOM, tab separated.
            text = data.decode("utf-16")
        elif utf16 := utf16_without_bom(data):
            # Some tools write UTF-16 without the BOM; read as UTF-8 every other byte is NUL.
            text = data.decode(utf16)
        elif b"\x00" in data:
            text = "\x00"  # refused as binary below
        else:
            text, ansi_lines = _decode_8bit(data, path)
    except UnicodeDecodeError:
        raise ClassListError(
            "De tekens in dit bestand zijn niet te lezen; sla de klassenlijst in Excel op als 'CSV UTF-8'.",
            path=path,
        ) from None
    if "\x00" in text:
        raise ClassListError(
            "Dit bestand bevat binaire gegevens en is geen CSV-bestand; exporteer de klassenlijst opnieuw als CSV.",
            path=path,
        )
    # Two exports glued together (`copy a.csv+b.csv`, `cat`) carry a BOM on a later
    # line too; it belongs to no cell.
    text = _LINE_START_BOM.sub(r"\1", text)
    # NFC so that "Zoë" typed on a Mac (e + combining diaeresis) equals "Zoë" from
    # ParnasSys: same sorting, same rendering, same grouping.
    return unicodedata.normalize("NFC", text), ansi_lines


_LINE_START_BOM = re.compile(r"(^|[\r\n])\ufeff")


def _decode_8bit(data: bytes, path: Path) -> tuple[str, list[int]]:
    """UTF-8, or Windows-1252 (Excel's plain "CSV" on Dutch Windows) line by line where UTF-8 fails."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    parts: list[str] = []
    ansi_lines: list[int] = []
    utf8_seen = data.startswith(codecs.BOM_UTF8)
    # bytes.splitlines splits on \n, \r\n and \r, as io.StringIO(newline="") does later.
    for number, raw in enumerate(data.splitlines(keepends=True), start=1):
        try:
            parts.append(raw.decode("utf-8"))
            utf8_seen = utf8_seen or not raw.isascii()
        except UnicodeDecodeError:
            try:
                parts.append(raw.decode("cp1252"))
            except UnicodeDecodeError:
                raise ClassListError(
                    "De tekens op deze regel zijn niet te lezen; sla de klassenlijst in Excel op als 'CSV UTF-8'.",
                    path=path,
                    line=number,
                ) from None
            ansi_lines.append(number)
    # A file that is Windows-1252 throughout is an ordinary Excel export: no warning.
    return "".join(parts), ansi_lines if utf8_seen else []


_SHOWN_LINES = 10


def line_list(lines: list[int], *, workbook: bool = False) -> str:
    """ "regel 3" or "regels 3, 5 en nog 2" for a message; "rij 3", "rijen 3 en 5" in a workbook."""
    return line_word(len(lines), workbook=workbook) + " " + number_list(lines)


def line_word(count: int, *, workbook: bool = False) -> str:
    """What a message calls a line: "regel(s)" in a text file, "rij(en)" in a workbook, as Excel says."""
    if workbook:
        return "rij" if count == 1 else "rijen"
    return "regel" if count == 1 else "regels"


def number_list(lines: list[int]) -> str:
    """ "3", "3 en 5" or "3, 5, ... en nog 2": the numbers of `line_list` without the word."""
    shown = [str(line) for line in lines[:_SHOWN_LINES]]
    if len(lines) > _SHOWN_LINES:
        shown.append(f"nog {len(lines) - _SHOWN_LINES}")
    return join(shown)


def join(items: list[str]) -> str:
    """How a Dutch sentence lists things: "a", "a en b", "a, b en c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def _ansi_message(lines: list[int]) -> str:
    return (
        f"De klassenlijst is UTF-8, maar {line_list(lines)} "
        f"{'is' if len(lines) == 1 else 'zijn'} als Windows-1252 (ANSI) opgeslagen; kmg heeft "
        f"{'die regel' if len(lines) == 1 else 'die regels'} zo gelezen. Controleer daar de namen "
        "met accenten, of sla de hele lijst opnieuw op als 'CSV UTF-8'."
    )


# Control characters (category Cc) that are not whitespace. Tabs, line breaks, Word's
# vertical tab, U+001C..U+001F and U+0085 are whitespace that `_clean` folds into one
# space; a bell, escape or delete would reach the PDF as garbage.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def _refuse_control_characters(lines: list[str], path: Path) -> None:
    found = [number for number, line in enumerate(lines, start=1) if _CONTROL.search(line)]
    if not found:
        return
    first = _CONTROL.search(lines[found[0] - 1])
    char = first.group() if first else ""
    message = (
        f"Deze regel bevat een stuurteken (U+{ord(char):04X}, een onzichtbaar teken dat niet te printen is); "
        "haal het weg in Excel of een teksteditor en sla de lijst opnieuw op."
    )
    if len(found) > 1:
        message += f" Ook {line_list(found[1:])} {'bevat' if len(found) == 2 else 'bevatten'} een stuurteken."
    raise ClassListError(message, path=path, line=found[0])


def _clean(cell: str) -> str:
    # Exports pad cells and Excel leaves non-breaking spaces; str.split() with no
    # argument splits on every Unicode space, which collapses them all.
    return " ".join(cell.split())


def _is_blank(line: str) -> bool:
    """An empty line, or one with only separators and quotes (an empty Excel row)."""
    return not line.strip().strip(';,\t"').strip()


# --- the header -------------------------------------------------------------------


def _sniff_separator(line: str) -> str:
    """The separator that occurs most often outside quotes; `;` wins a tie."""
    counts = dict.fromkeys(_SEPARATORS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    # max() keeps the first of equal counts, and _SEPARATORS lists ";" first.
    return max(_SEPARATORS, key=lambda sep: counts[sep])


def _split_line(line: str, separator: str) -> list[str]:
    return [_clean(cell) for cell in next(csv.reader([line], delimiter=separator), [])]


def _find_header(lines: list[str], path: Path) -> tuple[int, str, list[str], dict[str, int], tuple[str, ...]]:
    """Index of the header line, the separator, the header cells, role -> column and ignored cells."""
    forced_separator: str | None = None
    first_line: int | None = None
    seen = 0
    for index, line in enumerate(lines):
        if _is_blank(line):
            continue
        stripped = line.strip()
        # Excel writes "sep=;" as the first line when asked to; it fixes the separator.
        if first_line is None and stripped.lower().startswith("sep=") and len(stripped) == 5:
            forced_separator = stripped[4]
            continue
        if first_line is None:
            first_line = index
        separator = forced_separator or _sniff_separator(line)
        try:
            header = _split_line(line, separator)
        except csv.Error:
            header = []
        # Excel often ends the header with an empty cell (a trailing ";"); it is no column.
        while header and not header[-1]:
            header.pop()
        roles, ignored = recognise_header(header)
        if any(role in roles for role in _NAME_ROLES):
            return index, separator, header, roles, ignored
        seen += 1
        if seen >= _HEADER_SEARCH_LINES:
            break
    raise ClassListError(
        "Geen kopregel met een kolom voor de naam gevonden; zet bovenaan een regel met de kolommen "
        f"{ACCEPTED_NAME_COLUMNS}.",
        path=path,
        line=(first_line or 0) + 1,
    )


# --- the rows ---------------------------------------------------------------------


def _read_rows(
    lines: list[str], header_index: int, separator: str, header: list[str], roles: dict[str, int], path: Path
) -> list[SourceRow]:
    width = len(header)
    reader = csv.reader(lines[header_index + 1 :], delimiter=separator)
    rows: list[SourceRow] = []
    while True:
        # A quoted cell may span lines; the record starts on the line after the
        # previous record ended, which is what a user sees in an editor.
        line = header_index + 1 + reader.line_num + 1
        try:
            raw = next(reader)
        except StopIteration:
            break
        except csv.Error:
            raise ClassListError(
                "Deze regel is geen geldige CSV; controleer de aanhalingstekens of exporteer de lijst opnieuw.",
                path=path,
                line=line,
            ) from None
        cells = [_clean(cell) for cell in raw]
        if not any(cells):
            continue
        # Report exports repeat the header above every class; that is no pupil.
        if cells[:width] == header and not any(cells[width:]):
            continue
        # A line break inside a cell with too few fields: a quote that never closes
        # swallowed the lines after it.
        unclosed = len(cells) < width and any("\n" in cell or "\r" in cell for cell in raw)
        _check_width(cells, width, line, path, unclosed=unclosed)
        values = {role: cells[index] for role, index in roles.items()}
        rows.append(SourceRow(Position(path, line), values))
    return rows


def _check_width(cells: list[str], width: int, line: int, path: Path, *, unclosed: bool) -> None:
    if len(cells) < width:
        fields = "1 veld" if len(cells) == 1 else f"{len(cells)} velden"
        hint = (
            'er staat een aanhalingsteken (") zonder tweede, zodat de regels erna in één veld vallen; '
            "haal het weg of zet het tweede erbij."
            if unclosed
            else "controleer of er een scheidingsteken ontbreekt."
        )
        raise ClassListError(
            f"Deze regel heeft {fields} maar de kopregel heeft er {width}; {hint}",
            path=path,
            line=line,
        )
    if any(cells[width:]):
        # Typically a comma inside a name in a comma-separated file: every column
        # after it would shift, so guessing would put pupils in the wrong class.
        raise ClassListError(
            f"Deze regel heeft meer velden dan de kopregel ({width}); "
            "zet tekst met een scheidingsteken erin tussen aanhalingstekens.",
            path=path,
            line=line,
        )
