"""Read class lists as schools export them from ParnasSys, ESIS or Excel (CSV).

Real exports differ in encoding (UTF-8 with or without BOM, Windows-1252, Excel's
UTF-16 "Unicode-tekst"), separator (`;` from a Dutch Excel, `,`, tab) and header
names (Roepnaam or Voornaam, Voorvoegsel(s) or Tussenvoegsel, Groep or Klas...).
This module absorbs those differences and returns a `ClassList` of `SchoolClass`
objects with warnings about what it merged, or raises
one `ClassListError` in Dutch that names the file and the line.

The rows are personal data of children (AVG): only the name parts, class, year
group and teacher are kept, and error messages name a line number or a class,
never a pupil.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from gereedschapskist.errors import UserError
from gereedschapskist.fileio import NotARegularFile, read_limited, utf16_without_bom

from .model import (
    ClassList,
    ClassListWarning,
    Pupil,
    SchoolClass,
    class_key,
    natural_key,
    parse_year_groups,
    strip_accents,
    unique_slugs,
)


class ClassListError(UserError):
    """A class list that cannot be read as it is; the message says what to change."""


# Column roles and the header names that mean them, most preferred first: when an
# export has both "Roepnaam" and "Voornamen", the roepnaam is what people are called.
# Names are compared after `_header_keys` (lowercase ascii letters and digits only),
# so "Voorvoegsel(s)", "VOORVOEGSELS" and "Tussen voegsel" all match.
_HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "roepnaam": ("roepnaam", "voornaam", "voornamen"),
    "tussenvoegsel": ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "voorvoegsels"),
    "achternaam": ("achternaam", "geslachtsnaam", "familienaam"),
    "naam": ("naam", "volledigenaam"),
    "groep": ("groep", "groepsnaam", "klas", "klasnaam"),
    "leerjaar": ("leerjaar", "jaargroep"),
    "leerkracht": ("leerkracht", "leerkrachten", "groepsleerkracht", "mentor"),
    # Only used to tell two pupils with the same name apart; never kept or printed.
    "kenmerk": ("leerlingnummer", "leerlingnr", "llnr", "leerlingid", "geboortedatum", "gebdatum", "geboren"),
}
_ACCEPTED_NAME_COLUMNS = "Roepnaam (of Voornaam), Tussenvoegsel, Achternaam en Groep, of met Naam en Groep"

# A whole school is some hundreds of kB; refuse what cannot be a class list before decoding it.
MAX_BYTES = 20 * 2**20

_SEPARATORS = (";", "\t", ",")  # in order of preference when counts tie
# A title line above the header ("Leerlingenlijst 2025-2026") is common in report
# exports; look this far for the real header before giving up.
_HEADER_SEARCH_LINES = 10


@dataclass(frozen=True)
class _Columns:
    """Index of each recognised column in the header; None when absent."""

    width: int
    roepnaam: int | None
    tussenvoegsel: int | None
    achternaam: int | None
    naam: int | None
    groep: int | None
    leerjaar: int | None
    leerkracht: int | None
    kenmerk: int | None

    @property
    def has_name(self) -> bool:
        return self.roepnaam is not None or self.achternaam is not None or self.naam is not None


def read_class_list(path: Path) -> ClassList:
    """Read a class-list export into classes sorted by lowest year group, then name.

    Raises `ClassListError` (a `UserError`) for anything the school has to fix; what
    the reader fixed by itself (repeated rows, two spellings of one class) comes back
    as `ClassList.warnings`. A class without a year group ("Taalklas") is kept with
    empty `jaargroepen`: an agenda can still name it.
    """
    path = Path(path)
    text, ansi_lines = _decode_text(_read_bytes(path), path)
    lines = list(io.StringIO(text, newline=""))
    if all(_is_blank(line) for line in lines):
        raise ClassListError(
            "De klassenlijst is leeg; exporteer de leerlingen opnieuw uit ParnasSys, ESIS of Excel.",
            path=path,
        )
    _refuse_control_characters(lines, path)
    header_index, separator, columns = _find_header(lines, path)
    rows = _read_rows(lines, header_index, separator, columns, path)
    if not rows:
        raise ClassListError(
            "De klassenlijst heeft wel een kopregel maar geen leerlingen; exporteer de lijst opnieuw.",
            path=path,
            line=header_index + 1,
        )
    result = _build_classes(rows, columns.kenmerk is not None, path)
    if ansi_lines:
        warnings = sorted((*result.warnings, _ansi_warning(path, ansi_lines)), key=lambda w: w.line)
        result = ClassList(result.classes, tuple(warnings))
    return result


# --- reading and decoding -------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    try:
        data = read_limited(path, MAX_BYTES)
    except NotARegularFile:
        raise ClassListError(
            "Dit is geen gewoon bestand (maar bijvoorbeeld een apparaat of pijp); geef het CSV-bestand op.", path=path
        ) from None
    except FileNotFoundError:
        raise ClassListError(
            "Dit bestand bestaat niet; controleer de naam en de map van de klassenlijst.", path=path
        ) from None
    except IsADirectoryError:
        raise ClassListError("Dit is een map, geen klassenlijst; geef het CSV-bestand zelf op.", path=path) from None
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
            f"Dit bestand is groter dan {MAX_BYTES // 2**20} MB; is het wel de klassenlijst (een CSV-export)?",
            path=path,
        )
    return data


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


def _line_list(lines: list[int]) -> str:
    shown = [str(line) for line in lines[:_SHOWN_LINES]]
    if len(lines) > _SHOWN_LINES:
        shown.append(f"nog {len(lines) - _SHOWN_LINES}")
    return ("regel " if len(lines) == 1 else "regels ") + _join(shown)


def _ansi_warning(path: Path, lines: list[int]) -> ClassListWarning:
    return ClassListWarning(
        path,
        lines[0],
        f"De klassenlijst is UTF-8, maar {_line_list(lines)} "
        f"{'is' if len(lines) == 1 else 'zijn'} als Windows-1252 (ANSI) opgeslagen; kmg heeft "
        f"{'die regel' if len(lines) == 1 else 'die regels'} zo gelezen. Controleer daar de namen "
        "met accenten, of sla de hele lijst opnieuw op als 'CSV UTF-8'.",
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
        message += f" Ook {_line_list(found[1:])} {'bevat' if len(found) == 2 else 'bevatten'} een stuurteken."
    raise ClassListError(message, path=path, line=found[0])


def _clean(cell: str) -> str:
    # Exports pad cells and Excel leaves non-breaking spaces; str.split() with no
    # argument splits on every Unicode space, which collapses them all.
    return " ".join(cell.split())


def _is_blank(line: str) -> bool:
    """An empty line, or one with only separators and quotes (an empty Excel row)."""
    return not line.strip().strip(';,\t"').strip()


def _header_keys(name: str) -> tuple[str, ...]:
    key = re.sub(r"[^0-9a-z]", "", strip_accents(name).casefold())
    # Some exports spell the subject out: "Roepnaam leerling", "Leerling achternaam";
    # but "Leerlingnummer" is a name of its own, so the whole key counts too.
    return (key, key.removeprefix("leerling").removesuffix("leerling") or key)


# --- the header -----------------------------------------------------------------


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


def _columns_of(header: list[str]) -> _Columns:
    # Excel often ends the header with an empty cell (a trailing ";"); it is no column.
    while header and not header[-1]:
        header.pop()
    keys = [_header_keys(cell) for cell in header]
    found: dict[str, int | None] = {}
    for role, names in _HEADER_NAMES.items():
        best: int | None = None
        best_rank = len(names)
        for index, cell_keys in enumerate(keys):
            rank = min((names.index(key) for key in cell_keys if key in names), default=len(names))
            if rank < best_rank:
                best, best_rank = index, rank
        found[role] = best
    return _Columns(width=len(header), **found)


def _find_header(lines: list[str], path: Path) -> tuple[int, str, _Columns]:
    """Index of the header line, the separator and the recognised columns."""
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
            columns = _columns_of(_split_line(line, separator))
        except csv.Error:
            columns = None
        if columns is not None and columns.has_name:
            if columns.groep is None:
                raise ClassListError(
                    "De kopregel heeft geen kolom voor de groep; voeg een kolom Groep (of Klas of Groepsnaam) toe.",
                    path=path,
                    line=index + 1,
                )
            if columns.achternaam is not None and columns.roepnaam is None:
                # "First name;Achternaam" would give forms with only surnames.
                raise ClassListError(
                    "De kopregel heeft een kolom Achternaam maar geen kolom voor de voornaam; noem die kolom "
                    f"Roepnaam of Voornaam (kmg leest {_ACCEPTED_NAME_COLUMNS}).",
                    path=path,
                    line=index + 1,
                )
            return index, separator, columns
        seen += 1
        if seen >= _HEADER_SEARCH_LINES:
            break
    raise ClassListError(
        "Geen kopregel met een kolom voor de naam gevonden; zet bovenaan een regel met de kolommen "
        f"{_ACCEPTED_NAME_COLUMNS}.",
        path=path,
        line=(first_line or 0) + 1,
    )


# --- the rows -------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    line: int
    pupil: Pupil
    groep: str
    leerjaar: frozenset[int]
    leerkracht: str
    kenmerk: str = ""  # pupil number or birth date, when the export has one
    leerjaar_text: str = ""  # the Leerjaar cell as written; "" when empty or absent


def _cell(row: list[str], index: int | None) -> str:
    return row[index] if index is not None else ""


def _read_rows(lines: list[str], header_index: int, separator: str, columns: _Columns, path: Path) -> list[_Row]:
    header_cells = _split_line(lines[header_index], separator)[: columns.width]
    reader = csv.reader(lines[header_index + 1 :], delimiter=separator)
    rows: list[_Row] = []
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
        if cells[: columns.width] == header_cells and not any(cells[columns.width :]):
            continue
        # A line break inside a cell with too few fields: a quote that never closes
        # swallowed the lines after it.
        unclosed = len(cells) < columns.width and any("\n" in cell or "\r" in cell for cell in raw)
        rows.append(_parse_row(cells, line, columns, path, unclosed=unclosed))
    return rows


def _parse_row(cells: list[str], line: int, columns: _Columns, path: Path, *, unclosed: bool = False) -> _Row:
    if len(cells) < columns.width:
        fields = "1 veld" if len(cells) == 1 else f"{len(cells)} velden"
        hint = (
            'er staat een aanhalingsteken (") zonder tweede, zodat de regels erna in één veld vallen; '
            "haal het weg of zet het tweede erbij."
            if unclosed
            else "controleer of er een scheidingsteken ontbreekt."
        )
        raise ClassListError(
            f"Deze regel heeft {fields} maar de kopregel heeft er {columns.width}; {hint}",
            path=path,
            line=line,
        )
    if any(cells[columns.width :]):
        # Typically a comma inside a name in a comma-separated file: every column
        # after it would shift, so guessing would put pupils in the wrong class.
        raise ClassListError(
            f"Deze regel heeft meer velden dan de kopregel ({columns.width}); "
            "zet tekst met een scheidingsteken erin tussen aanhalingstekens.",
            path=path,
            line=line,
        )
    if columns.roepnaam is not None or columns.achternaam is not None:
        pupil = Pupil(
            roepnaam=_cell(cells, columns.roepnaam),
            tussenvoegsel=_cell(cells, columns.tussenvoegsel),
            achternaam=_cell(cells, columns.achternaam),
        )
    else:
        pupil = Pupil(roepnaam=_cell(cells, columns.naam), tussenvoegsel="", achternaam="")
    if not (pupil.roepnaam or pupil.achternaam):
        raise ClassListError(
            "Op deze regel staat een leerling zonder naam; vul de naam in of verwijder de regel.",
            path=path,
            line=line,
        )
    groep = _cell(cells, columns.groep)
    if not groep:
        raise ClassListError(
            "Op deze regel staat een leerling zonder groep; vul de groep in of verwijder de regel.",
            path=path,
            line=line,
        )
    leerjaar_text = _cell(cells, columns.leerjaar)
    leerjaar = parse_year_groups(leerjaar_text)
    # "0" is groep 0 (a pre-school group), and "-" or "n.v.t." say the same: a class
    # without year group, like "Taalklas".
    if leerjaar_text and not leerjaar and not _NO_YEAR_GROUP.fullmatch(strip_accents(leerjaar_text).casefold()):
        raise ClassListError(
            f'Het leerjaar "{leerjaar_text}" op deze regel is geen jaargroep 1 tot en met 8; '
            "vul een getal van 1 tot en met 8 in.",
            path=path,
            line=line,
        )
    return _Row(
        line=line,
        pupil=pupil,
        groep=groep,
        leerjaar=leerjaar,
        leerkracht=_cell(cells, columns.leerkracht),
        kenmerk=_cell(cells, columns.kenmerk),
        leerjaar_text=leerjaar_text,
    )


# Leerjaar values that say "no year group": "0", "00", "Groep 0", "-", "n.v.t.", "geen".
_NO_YEAR_GROUP = re.compile(
    r"[\s.\-‐‑‒–—/_x]*|(?:(?:jaar)?groep\s*|gr\.?\s*)?0+|n\.?\s*v\.?\s*t\.?|n\.?\s*b\.?|geen|nee"
)


# --- from rows to classes -------------------------------------------------------


def _join(items: list[str]) -> str:
    """How a Dutch sentence lists things: "a", "a en b", "a, b en c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def _build_classes(rows: list[_Row], has_kenmerk: bool, path: Path) -> ClassList:
    # One class per normalised name: "3", "Groep 3" and "groep 3" in one export are one
    # class, and would otherwise get two folders with half a checklist each. The first
    # spelling wins and the school hears about the others.
    groups: dict[str, list[_Row]] = {}
    for row in rows:
        groups.setdefault(class_key(row.groep), []).append(row)

    warnings: list[ClassListWarning] = []
    merged: list[tuple[int, int]] = []  # (line of the repeat, line it repeats)
    drafts: list[tuple[str, frozenset[int], str, tuple[Pupil, ...]]] = []
    for class_rows in groups.values():
        naam = class_rows[0].groep
        spellings: dict[str, int] = {}
        for row in class_rows:
            spellings.setdefault(row.groep, row.line)
        if len(spellings) > 1:
            warnings.append(_spellings_warning(path, spellings))
        # A Leerjaar column says per pupil what the class name can only suggest
        # ("De Egels", or "4/5" that this year only has pupils of groep 5). A class
        # with neither ("Taalklas", "Groep 0") is kept: an agenda may name it.
        # When a Leerjaar cell says "0" or "-", the class has no year group, whatever
        # digits its name holds ("NT2", "Nieuwkomers 1"); only blank cells leave it to the name.
        given = [row for row in class_rows if row.leerjaar_text]
        jaargroepen = frozenset().union(*(row.leerjaar for row in given)) if given else parse_year_groups(naam)
        if given and not jaargroepen and (odd := [row for row in given if row.leerjaar_text != "0"]):
            warnings.append(_no_year_group_warning(path, naam, odd[0]))
        teachers: list[str] = []
        for row in class_rows:
            if row.leerkracht and row.leerkracht.casefold() not in {t.casefold() for t in teachers}:
                teachers.append(row.leerkracht)
        # Exports with one row per parent (verzorger) repeat the pupil; one form each
        # is what the teacher needs, so the first row stays and repeats are merged into
        # it (and reported). A pupil number or birth date, where the export has one,
        # keeps two different pupils with the same name apart.
        first: dict[tuple[Pupil, str], int] = {}
        for row in class_rows:
            seen = first.setdefault((row.pupil, row.kenmerk), row.line)
            if seen != row.line:
                merged.append((row.line, seen))
        pupils = tuple(sorted((pupil for pupil, _ in first), key=lambda p: p.sort_key))
        drafts.append((naam, jaargroepen, _join(teachers), pupils))
    if merged:
        warnings.append(_merged_warning(path, sorted(merged), has_kenmerk))

    # Classes without a year group come last.
    drafts.sort(key=lambda draft: (min(draft[1], default=9), natural_key(draft[0]), draft[0]))
    slugs = unique_slugs([draft[0] for draft in drafts])
    classes = tuple(
        SchoolClass(naam=naam, slug=slug, jaargroepen=jaargroepen, leerkracht=leerkracht, leerlingen=pupils)
        for (naam, jaargroepen, leerkracht, pupils), slug in zip(drafts, slugs, strict=True)
    )
    return ClassList(classes, tuple(sorted(warnings, key=lambda w: w.line)))


_MERGED_SHOWN = 10  # a list with a row per parent repeats every pupil; show the first few


def _merged_warning(path: Path, merged: list[tuple[int, int]], has_kenmerk: bool) -> ClassListWarning:
    shown = [f"regel {line} (zelfde als regel {first})" for line, first in merged[:_MERGED_SHOWN]]
    if len(merged) > _MERGED_SHOWN:
        shown.append(f"nog {len(merged) - _MERGED_SHOWN}")
    count = len(merged)
    verb = "herhaalt" if count == 1 else "herhalen"
    done = "is samengevoegd" if count == 1 else "zijn samengevoegd"
    same = "zelfde naam, groep en leerlingnummer of geboortedatum" if has_kenmerk else "zelfde naam en groep"
    message = (
        f"{count} {'regel' if count == 1 else 'regels'} {verb} een leerling die al eerder in de lijst staat "
        f"({same}) en {done}, zodat elke leerling één formulier krijgt: {_join(shown)}."
    )
    if not has_kenmerk:
        message += (
            " Zijn het toch twee kinderen met dezelfde naam, voeg dan een kolom Leerlingnummer of Geboortedatum toe."
        )
    return ClassListWarning(path, merged[0][0], message)


def _no_year_group_warning(path: Path, naam: str, row: _Row) -> ClassListWarning:
    label = SchoolClass(naam=naam, slug="", jaargroepen=frozenset(), leerkracht="", leerlingen=()).label
    return ClassListWarning(
        path,
        row.line,
        f'Het leerjaar "{row.leerjaar_text}" is geen jaargroep 1 tot en met 8; kmg leest {label} als groep '
        "zonder jaargroep. Zet de naam in 'groepen' van een agenda, of vul een jaargroep in.",
    )


def _spellings_warning(path: Path, spellings: dict[str, int]) -> ClassListWarning:
    names = [f'"{naam}" (regel {line})' for naam, line in spellings.items()]
    first = next(iter(spellings))
    return ClassListWarning(
        path,
        list(spellings.values())[1],
        f'De groepsnamen {_join(names)} zijn één groep en krijgen één map; kmg noemt de groep "{first}". '
        "Is het toch een andere groep, geef die dan een naam die meer verschilt.",
    )
