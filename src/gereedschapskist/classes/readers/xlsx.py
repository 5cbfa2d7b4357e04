"""Read an Excel workbook (.xlsx) as schools export it from Social Schools, ParnasSys or Excel itself.

The reader is python-calamine (Rust's calamine): it has wheels for Windows, macOS and
Linux, reads a 1,000-pupil workbook in milliseconds and does not expand XML entities.
Before calamine sees the file, kmg checks the zip itself: a "zip bomb" (a tiny file that
unpacks to gigabytes) or a sheet with one cell far away (XFD1048576, which calamine would
allocate as one dense grid) is refused with one Dutch sentence instead of filling memory.

What the reader does with a sheet:
- it reads the first worksheet with a recognisable header (a name column and a group
  column) within its first `HEADER_SEARCH_ROWS` non-empty rows, so a title above the
  header (merged cells or not) is fine;
- a cell merged down over several rows (a group or teacher over its pupils) counts for
  each of those rows;
- empty rows (between classes) are skipped, and so are rows that repeat the header and
  rows that are only a merged title ("Groep 3" across the table);
- numbers become text as a person reads them (5.0 -> "5", a pupil number 1234.0 ->
  "1234"), Excel dates become ISO dates ("2016-03-14"), dates typed as text stay as
  written (the builder reads "14-03-2016");
- each row keeps its Excel row number and the sheet's name;
- hidden rows are read like any other (Excel's "Opslaan als CSV" keeps them too, and a filter
  hides rows as well: skipping them could drop pupils in silence), with one note naming them;
- a cell with a formula but no stored value (`<f>` without `<v>`, from tools that do not
  calculate) reads as empty to calamine; kmg finds those cells in the sheet's XML and says so.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path

from ..rows import Position, SourceNote, SourceRow, SourceTable, recognise_header
from . import ClassListError

# A title or a few notes above the header are common; look this far for it.
HEADER_SEARCH_ROWS = 10
# Unpacked size of the whole workbook (and so of one sheet's XML): a school with parents is a
# few MB. Above this it is no class list (or a zip bomb).
MAX_UNPACKED = 100 * 2**20
# Cells in the grid calamine builds for one sheet (rows x columns between the first and
# the last filled cell): 1,000 pupils x 40 columns is 40,000.
MAX_CELLS = 2_000_000

_NAME_ROLES = ("roepnaam", "achternaam", "naam")
_ACCEPTED = "Roepnaam (of Voornaam), Tussenvoegsel, Achternaam en Groep, of Naam en Groep"
_RESAVE = "open hem in Excel en sla hem opnieuw op als Excel-werkmap (.xlsx) of als CSV UTF-8"

Cell = object  # str | int | float | bool | date | datetime | time | timedelta | None


def read_xlsx(path: Path, data: bytes) -> SourceTable:
    """The rows of the first sheet with a class-list header, as text by role."""
    from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

    _refuse_bombs(path, data)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError:
        raise ClassListError(
            "Deze Excel-werkmap is beveiligd met een wachtwoord; sla in Excel een kopie zonder wachtwoord op en geef "
            "die kopie op.",
            path=path,
        ) from None
    except Exception:  # calamine raises its own errors and plain ValueErrors for broken XML
        raise ClassListError(f"Deze Excel-werkmap is beschadigd; {_RESAVE}.", path=path) from None
    with workbook:
        sheets = [meta for meta in workbook.sheets_metadata if meta.typ == SheetTypeEnum.WorkSheet]
        # A hidden sheet (lookup lists, an old copy) comes after the visible ones.
        sheets.sort(key=lambda meta: meta.visible != SheetVisibleEnum.Visible)
        found: tuple[str, int, dict[str, int], tuple[str, ...], list[list[str]], set[int]] | None = None
        dated: list[int] = []
        others: list[str] = []
        no_group: tuple[str, int] | None = None
        anything = False
        for meta in sheets:
            try:
                sheet = workbook.get_sheet_by_name(meta.name)
                grid = sheet.to_python(skip_empty_area=False)
                merged = sheet.merged_cell_ranges or []
            except Exception:
                raise ClassListError(
                    f"Blad '{meta.name}' van deze Excel-werkmap is beschadigd; {_RESAVE}.", path=path
                ) from None
            rows = [[_text(cell) for cell in row] for row in grid]
            anything = anything or any(any(row) for row in rows)
            header = _find_header(rows)
            if header is None:
                continue
            index, roles, ignored = header
            if "groep" not in roles:
                no_group = no_group or (meta.name, index + 1)
                continue
            if found is None:
                dated = _undo_dates(grid, rows, index, roles["groep"])
                _fill_down(rows, merged)
                found = (meta.name, index, roles, ignored, rows, _title_rows(merged))
            else:
                others.append(meta.name)
    if found is None:
        if no_group is not None:
            raise ClassListError(
                f"De kopregel op blad '{no_group[0]}', rij {no_group[1]} heeft geen kolom voor de groep; voeg een "
                "kolom Groep (of Klas of Groepsnaam) toe.",
                path=path,
                line=no_group[1],
            )
        if not anything:
            raise ClassListError(
                "Deze Excel-werkmap is leeg; exporteer de leerlingen opnieuw uit ParnasSys, ESIS of Social Schools.",
                path=path,
            )
        raise ClassListError(
            "Geen blad in deze Excel-werkmap heeft een kopregel met een kolom voor de naam en de groep; zet boven de "
            f"leerlingen een rij met de kolommen {_ACCEPTED}.",
            path=path,
        )
    name, index, roles, ignored, rows, titles = found
    if "achternaam" in roles and "roepnaam" not in roles:
        raise ClassListError(
            f"De kopregel op blad '{name}', rij {index + 1} heeft een kolom Achternaam maar geen kolom voor de "
            f"voornaam; noem die kolom Roepnaam of Voornaam (kmg leest {_ACCEPTED}).",
            path=path,
            line=index + 1,
        )
    hidden, formulas = _sheet_facts(data, name)
    table_rows = _data_rows(path, name, rows, index, roles, titles, formulas)
    if not table_rows:
        raise ClassListError(
            f"Blad '{name}' van deze Excel-werkmap heeft wel een kopregel maar geen leerlingen; exporteer de lijst "
            "opnieuw.",
            path=path,
            line=index + 1,
        )
    notes: list[SourceNote] = []
    if others:
        listed = ", ".join(f"'{other}'" for other in others)
        notes.append(
            SourceNote(
                Position(path, index + 1, name),
                f"Deze werkmap heeft meer bladen met leerlingen ({listed}); kmg leest alleen blad '{name}'. Zet "
                "alle leerlingen op één blad als die andere bladen ook meedoen.",
            )
        )
    if shown_hidden := [row.position.row for row in table_rows if row.position.row in hidden]:
        if len(shown_hidden) == 1:
            message = (
                f"{_rows(shown_hidden).capitalize()} op blad '{name}' is verborgen; kmg leest die rij gewoon mee. "
                "Is dat een leerling die niet meer op school zit, verwijder de rij dan (verbergen is niet genoeg)."
            )
        else:
            message = (
                f"{len(shown_hidden)} verborgen rijen op blad '{name}' ({_rows(shown_hidden)}) leest kmg gewoon mee. "
                "Zijn dat leerlingen die niet meer op school zitten, verwijder die rijen dan (verbergen is niet "
                "genoeg)."
            )
        notes.append(SourceNote(Position(path, shown_hidden[0], name), message))
    if without := sorted({row.position.row for row in table_rows if row.formulas}):
        columns = sorted({column for row in table_rows for column in row.formulas}, key=lambda role: roles[role])
        listed = ", ".join(rows[index][roles[role]] for role in columns)
        one = sum(len(row.formulas) for row in table_rows) == 1
        kolom = "kolom" if len(columns) == 1 else "kolommen"
        notes.append(
            SourceNote(
                Position(path, without[0], name),
                f"Op blad '{name}' {'staat' if one else 'staan'} op {_rows(without)} "
                f"{'een formule' if one else 'formules'} zonder opgeslagen waarde ({kolom} {listed}); kmg leest "
                f"{'die cel' if one else 'die cellen'} als leeg. Open de werkmap in Excel en sla hem opnieuw op, of "
                "kopieer de kolom en plak hem als waarden.",
            )
        )
    if dated:
        shown = [str(row) for row in dated[:10]] + ([f"nog {len(dated) - 10}"] if len(dated) > 10 else [])
        where = ("rij " if len(dated) == 1 else "rijen ") + (
            shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " en " + shown[-1]
        )
        notes.append(
            SourceNote(
                Position(path, dated[0], name),
                f"In de kolom van de groep op blad '{name}' staat op {where} een datum: Excel maakt van 1/2 of 4/5 "
                "een datum. kmg leest 1 februari als groep 1/2; controleer de groepen met 'kmg klassen', of geef de "
                "kolom in Excel de opmaak Tekst en typ de groepen opnieuw.",
            )
        )
    return SourceTable(
        path=path,
        rows=table_rows,
        roles=frozenset(roles),
        header=Position(path, index + 1, name),
        ignored_columns=ignored,
        notes=tuple(notes),
    )


# --- cells ------------------------------------------------------------------------


def _text(cell: Cell) -> str:
    """A cell as a person reads it: "5" for 5.0, "2016-03-14" for an Excel date, cleaned text."""
    if cell is None or cell == "":
        return ""
    if isinstance(cell, str):
        # Exports pad cells and Excel keeps non-breaking spaces and line breaks (Alt+Enter).
        return unicodedata.normalize("NFC", " ".join(cell.split()))
    if isinstance(cell, bool):
        return "ja" if cell else "nee"
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float):
        if cell != cell or cell in (float("inf"), float("-inf")):
            return ""
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, dt.datetime):
        if cell.time() == dt.time(0, 0):
            return cell.date().isoformat()
        return cell.isoformat(sep=" ", timespec="minutes")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, dt.time):
        return cell.strftime("%H:%M")
    return " ".join(str(cell).split())


# --- header and rows ------------------------------------------------------------


def _find_header(rows: list[list[str]]) -> tuple[int, dict[str, int], tuple[str, ...]] | None:
    """Index, roles and ignored cells of the first row (of the first few non-empty) that names a pupil."""
    seen = 0
    for index, row in enumerate(rows):
        if not any(row):
            continue
        roles, ignored = recognise_header(row)
        if any(role in roles for role in _NAME_ROLES):
            return index, roles, ignored
        seen += 1
        if seen >= HEADER_SEARCH_ROWS:
            break
    return None


def _title_rows(merged: Sequence[tuple[tuple[int, int], tuple[int, int]]]) -> set[int]:
    """Rows (0-based) that start a merged range across columns: a title, not a pupil."""
    return {start[0] for start, end in merged if end[1] > start[1]}


def _undo_dates(grid: list[list[Cell]], rows: list[list[str]], header: int, column: int) -> list[int]:
    """Turn group cells that Excel made dates of back into groups; the Excel rows where it did.

    Typing "1/2" or "4/5" in Excel gives a date (1 February, 4 May; 2 January in an
    American Excel). Day and month that are both year groups are that combination group.
    """
    dated: list[int] = []
    for index in range(header + 1, len(grid)):
        cell = grid[index][column] if column < len(grid[index]) else None
        if not isinstance(cell, dt.date):
            continue
        dated.append(index + 1)
        if 1 <= cell.day <= 8 and 1 <= cell.month <= 8 and cell.day != cell.month:
            low, high = sorted((cell.day, cell.month))
            rows[index][column] = f"{low}/{high}"
    return dated


def _fill_down(rows: list[list[str]], merged: Sequence[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """Give every cell of a merged range in one column its top cell's text.

    A school that formats its list merges "Groep 3" (and the teacher) down over the pupils
    of that class; Excel keeps the text only in the top cell, but it is every row's.
    """
    for (first_row, column), (last_row, last_column) in merged:
        if column != last_column or last_row <= first_row or first_row >= len(rows):
            continue
        top = rows[first_row][column] if column < len(rows[first_row]) else ""
        for index in range(first_row + 1, min(last_row, len(rows) - 1) + 1):
            row = rows[index]
            if not any(row):  # an empty row between classes stays empty
                continue
            if column >= len(row):
                row.extend([""] * (column + 1 - len(row)))
            if not row[column]:
                row[column] = top


def _rows(numbers: list[int]) -> str:
    """ "rij 3" or "rijen 3, 5 en nog 2"."""
    shown = [str(number) for number in numbers[:10]] + ([f"nog {len(numbers) - 10}"] if len(numbers) > 10 else [])
    listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " en " + shown[-1]
    return ("rij " if len(numbers) == 1 else "rijen ") + listed


def _data_rows(
    path: Path,
    sheet: str,
    rows: list[list[str]],
    header: int,
    roles: dict[str, int],
    titles: set[int],
    formulas: set[tuple[int, int]],
) -> list[SourceRow]:
    header_cells = _trimmed(rows[header])
    result: list[SourceRow] = []
    for index in range(header + 1, len(rows)):
        row = rows[index]
        if not any(row):
            continue
        # Report exports repeat the header above every class.
        if _trimmed(row) == header_cells:
            continue
        # A merged "Groep 3" across the table between classes: one filled cell, spanning columns.
        if index in titles and sum(1 for cell in row if cell) == 1:
            continue
        values = {role: (row[column] if column < len(row) else "") for role, column in roles.items()}
        # A cell calamine read as empty because its formula has no stored value.
        unknown = frozenset(
            role for role, column in roles.items() if not values[role] and (index + 1, column) in formulas
        )
        result.append(SourceRow(Position(path, index + 1, sheet), values, unknown))
    return result


def _trimmed(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1]:
        end -= 1
    return row[:end]


# --- what calamine does not tell: hidden rows, formulas without a value ---------------

_TAG_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_TAG_RELATION = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_TAG_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
# A cell with content (formula, value): <c r="B4" t="str"><f>Blad2!A1</f></c>.
_TAG_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?<!/)>(.*?)</(?:\w+:)?c>", re.DOTALL)
_TAG_FORMULA = re.compile(rb"<(?:\w+:)?f[\s/>]")
_TAG_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)[\s/>]")
_ATTRIBUTE = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REFERENCE = re.compile(rb"([A-Z]{1,3})([0-9]{1,7})")


def _attributes(text: bytes) -> dict[bytes, bytes]:
    """An XML tag's attributes by local name ("r:id" -> b"id" too)."""
    found: dict[bytes, bytes] = {}
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        found[match.group(1)] = value
        found.setdefault(match.group(1).rpartition(b":")[2], value)
    return found


def _sheet_part(archive: zipfile.ZipFile, name: str) -> str | None:
    """The zip member that holds the sheet called `name`, from workbook.xml and its relationships."""
    workbook = archive.read("xl/workbook.xml")
    relations = archive.read("xl/_rels/workbook.xml.rels")
    wanted = None
    for match in _TAG_SHEET.finditer(workbook):
        attributes = _attributes(match.group(0))
        if html.unescape(attributes.get(b"name", b"").decode("utf-8", "replace")) == name:
            wanted = attributes.get(b"id")
            break
    if wanted is None:
        return None
    for match in _TAG_RELATION.finditer(relations):
        attributes = _attributes(match.group(0))
        if attributes.get(b"Id") == wanted:
            target = html.unescape(attributes.get(b"Target", b"").decode("utf-8", "replace"))
            return target.lstrip("/") if target.startswith("/") else "xl/" + target.removeprefix("./")
    return None


def _sheet_facts(data: bytes, name: str) -> tuple[set[int], set[tuple[int, int]]]:
    """The hidden rows (1-based) of sheet `name`, and its cells (row, 0-based column) with a formula but no value.

    calamine reads neither; a regular expression over the sheet's XML does, in a few milliseconds
    for a school (the sizes were checked by `_refuse_bombs`). A workbook kmg cannot map gives nothing.
    """
    hidden: set[int] = set()
    formulas: set[tuple[int, int]] = set()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            part = _sheet_part(archive, name)
            if part is None:
                return hidden, formulas
            xml = archive.read(part)
    except (KeyError, zipfile.BadZipFile, OSError):
        return hidden, formulas
    if b"hidden" in xml:
        number = 0
        for match in _TAG_ROW.finditer(xml):
            attributes = _attributes(match.group(1))
            reference = attributes.get(b"r", b"")
            number = int(reference) if reference.isdigit() else number + 1
            if attributes.get(b"hidden") in (b"1", b"true"):
                hidden.add(number)
    if b"<f" in xml or b":f>" in xml or b":f " in xml:  # a plain search first: most exports have no formula
        for match in _TAG_CELL.finditer(xml):
            content = match.group(2)
            if not _TAG_FORMULA.search(content) or _TAG_VALUE.search(content):
                continue
            if found := _REFERENCE.fullmatch(_attributes(match.group(1)).get(b"r", b"")):
                formulas.add((int(found.group(2)), _column_number(found.group(1)) - 1))
    return hidden, formulas


# --- hostile files ---------------------------------------------------------------

# A filled cell: <c r="B12" ...> with content, not the self-closing <c r="B12" s="3"/> of a
# cell that only has a format.
_FILLED_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*?(?<!/)>')


def _refuse_bombs(path: Path, data: bytes) -> None:
    """One Dutch error for a workbook that unpacks to far more than a class list can be."""
    too_big = ClassListError(
        "Deze Excel-werkmap is uitgepakt veel te groot voor een klassenlijst; staat er iets ver buiten de tabel? "
        "Kopieer de leerlingen naar een nieuwe werkmap, of sla de lijst op als CSV UTF-8.",
        path=path,
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > MAX_UNPACKED or len(members) > 10_000:
                raise too_big
            for member in members:
                if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
                    continue
                # The sizes in a zip can lie: read one byte more than allowed and look.
                with archive.open(member) as handle:
                    xml = handle.read(MAX_UNPACKED + 1)
                if len(xml) > MAX_UNPACKED:
                    raise too_big
                _refuse_huge_grid(path, xml)
    except ClassListError:
        raise
    except Exception:
        raise ClassListError(f"Deze Excel-werkmap is beschadigd; {_RESAVE}.", path=path) from None


def _refuse_huge_grid(path: Path, xml: bytes) -> None:
    # kmg reads the grid from A1 (to keep Excel's row numbers), so it spans from A1 to the
    # last filled cell. Cells without a reference ("r") stand after the previous one: count them.
    rows = columns = 0
    for match in _FILLED_CELL.finditer(xml):
        columns = max(columns, _column_number(match.group(1)))
        rows = max(rows, int(match.group(2)))
    if rows * columns > MAX_CELLS:
        message = (
            f"Een blad van deze Excel-werkmap is te groot voor een klassenlijst ({rows} rijen bij {columns} kolommen)"
        )
    elif xml.count(b"<c>") + xml.count(b"<c ") > MAX_CELLS:
        message = "Een blad van deze Excel-werkmap heeft te veel cellen voor een klassenlijst"
    else:
        return
    raise ClassListError(
        f"{message}; staat er iets ver buiten de tabel? Kopieer de leerlingen naar een nieuwe werkmap, of sla de "
        "lijst op als CSV UTF-8.",
        path=path,
    )


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number
