"""planning.csv: one row per conversation, for the office and for `kmg build --planning`.

`;`-separated, UTF-8 with BOM (Excel opens it right), sorted by date, teacher and time.
Columns: datum;begin;eind;groep;leerkracht;leerlingen;code;huishouden;plaats;taalhulp;apart
(issue 12), then moment;huisbezoek;onderwerpen so that the file carries everything a
`Conversation` holds. `leerlingen` are the pupils' names as printed (the file lives in the
school's own output folder, like antwoorden.csv); `read_planning_csv` with the class list
turns them back into the pupils' keys. A cell that Excel would take for a formula (it
starts with =, +, - or @) is written with a leading apostrophe, and read back without it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, time
from pathlib import Path

from ..classes.model import ClassList
from ..errors import UserError, os_error_text
from .model import Conversation, Schedule, sort_key

COLUMNS = (
    "datum",
    "begin",
    "eind",
    "groep",
    "leerkracht",
    "leerlingen",
    "code",
    "huishouden",
    "plaats",
    "taalhulp",
    "apart",
    "moment",
    "huisbezoek",
    "onderwerpen",
)
_FORMULA = ("=", "+", "-", "@")


def _cell(value: str) -> str:
    value = " ".join(value.split())  # no line breaks inside a row
    return "'" + value if value.startswith(_FORMULA) else value


def _uncell(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA) else value


def _plain(text: str) -> str:
    """A name as compared on reading: spaces collapsed, none around a comma."""
    return ",".join(" ".join(part.split()) for part in text.split(","))


def _names(cell: str, known: set[str]) -> list[str]:
    """The pupils' names in a `leerlingen` cell: split at ", ", but a name may hold a comma itself
    ("Vries, de"), so pieces are joined again while they make a name of the class."""
    pieces = [piece.strip() for piece in cell.split(",")]
    names: list[str] = []
    start = 0
    while start < len(pieces):
        for end in range(len(pieces), start, -1):  # the longest name first
            name = _plain(",".join(pieces[start:end]))
            if name in known:
                break
        else:
            end = start + 1
            name = _plain(pieces[start])
        if name:
            names.append(name)
        start = end
    return names


def _yes(flag: bool) -> str:
    return "ja" if flag else "nee"


def planning_rows(conversations: Sequence[Conversation], class_list: ClassList) -> list[list[str]]:
    names = {pupil.sleutel: pupil.naam for _, pupil in class_list.pupils()}
    rows = [list(COLUMNS)]
    for c in sorted(conversations, key=sort_key):
        rows.append(
            [
                c.datum.isoformat(),
                c.begin.strftime("%H:%M"),
                c.eind.strftime("%H:%M"),
                _cell(c.klas),
                _cell(c.leerkracht),
                _cell(", ".join(names.get(key, key) for key in c.leerlingen)),
                c.code,
                str(c.huishouden),
                _cell(c.plaats),
                _yes(c.taalhulp),
                _yes(c.apart),
                _cell(c.moment),
                _yes(c.huisbezoek),
                _cell(c.onderwerpen),
            ]
        )
    return rows


def write_planning_csv(schedule: Schedule, class_list: ClassList, path: Path) -> None:
    """Write planning.csv at once (a temporary file, then renamed: never half a file).

    Through `fileio.write_bytes_atomic`: a new temporary name each time, never following a link
    there, and folders that are never world-writable.
    """
    from ..fileio import write_bytes_atomic

    write_bytes_atomic(Path(path), planning_csv_bytes(schedule, class_list))


def planning_csv_bytes(schedule: Schedule, class_list: ClassList) -> bytes:
    """The bytes of planning.csv (UTF-8 with BOM, `;`, CRLF)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(
        planning_rows(schedule.conversations, class_list)
    )
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def read_planning_csv(path: Path, class_list: ClassList | None = None) -> list[Conversation]:
    """The conversations of planning.csv. With `class_list`, `leerlingen` holds the pupils' keys
    (names matched within their class, namesakes in order); without it, the names as written."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError("Dit bestand bestaat niet; geef planning.csv uit de map van kmg plan.", path=path) from None
    except OSError as exc:
        raise UserError(f"Dit bestand kan niet gelezen worden ({os_error_text(exc)}).", path=path) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    if not rows:
        raise UserError("Het bestand is leeg; geef planning.csv uit de map van kmg plan.", path=path)
    header = [cell.strip().casefold() for cell in rows[0]]
    missing = [name for name in COLUMNS[:11] if name not in header]
    if missing:
        raise UserError(
            f"De kolom '{missing[0]}' ontbreekt; geef planning.csv uit de map van kmg plan.", path=path, line=1
        )
    index = {name: header.index(name) for name in COLUMNS if name in header}
    keys: dict[tuple[str, str], list[str]] = {}
    families: dict[str, str] = {}
    if class_list is not None:
        for klass, pupil in class_list.pupils():
            keys.setdefault((_plain(klass.naam), _plain(pupil.naam)), []).append(pupil.sleutel)
            families[pupil.sleutel] = pupil.gezin
    out = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(name: str, row: list[str] = row) -> str:
            i = index.get(name)
            return _uncell(row[i].strip()) if i is not None and i < len(row) else ""

        try:
            datum = date.fromisoformat(cell("datum"))
            begin, eind = time.fromisoformat(cell("begin")), time.fromisoformat(cell("eind"))
            huishouden = int(cell("huishouden") or 0)
        except ValueError:
            raise UserError(
                "Deze regel heeft geen geldige datum, tijd of huishouden (verwacht: 2026-09-08, 15:30, 1).",
                path=path,
                line=line,
            ) from None
        klas = cell("groep")
        if class_list is None:
            names = [n.strip() for n in cell("leerlingen").split(",") if n.strip()]
        else:
            names = _names(cell("leerlingen"), {name for k, name in keys if k == _plain(klas)})
        pupils = []
        for name in names:
            if class_list is None:
                pupils.append(name)
                continue
            candidates = keys.get((_plain(klas), _plain(name)))
            if not candidates:
                raise UserError(
                    "Een leerling op deze regel staat niet (meer) in die groep van de klassenlijst; "
                    "maak de planning opnieuw met kmg plan.",
                    path=path,
                    line=line,
                )
            pupils.append(candidates.pop(0) if len(candidates) > 1 else candidates[0])
        out.append(
            Conversation(
                datum=datum,
                begin=begin,
                eind=eind,
                moment=cell("moment"),
                klas=klas,
                leerkracht=cell("leerkracht"),
                leerlingen=tuple(pupils),
                gezin=families.get(pupils[0], "") if pupils else "",
                huishouden=huishouden,
                code=cell("code"),
                plaats=cell("plaats"),
                huisbezoek=cell("huisbezoek").casefold() == "ja",
                taalhulp=cell("taalhulp").casefold() == "ja",
                apart=cell("apart").casefold() == "ja",
                onderwerpen=cell("onderwerpen"),
            )
        )
    return out
