"""antwoorden.csv: what the households wrote on their reply slips, typed in by the office.

The file is the one `kmg build` writes (`;`, UTF-8 with BOM), possibly saved again by
Excel on a Dutch Windows (cp1252, no BOM). A row is matched to its household by the code
on the slip, made from the school's secret (`.kmg-sleutel` next to the file); codes may
be typed in lower case or without the hyphen. Messages name the file and the line, never
a name from the row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..classes.model import ClassList
from ..codes import household_codes, normalise_code
from ..errors import UserError, os_error_text
from ..invitations import ANSWER_COLUMNS, REPLY_COLUMNS
from ..slug import strip_accents

# The columns kmg build writes into antwoorden.csv (one definition, in invitations.py).
HEADER = ANSWER_COLUMNS
MAX_BYTES = 5 * 1024 * 1024

_YES = {"ja", "j", "x", "yes", "y", "1", "waar", "true"}
_NO = {"", "nee", "n", "no", "0", "onwaar", "false", "-"}


@dataclass(frozen=True)
class Answer:
    """One household's reply. `kan`/`niet` hold moment names as written on the slip."""

    komt: str
    kan: frozenset[str]
    niet: frozenset[str]
    apart: bool
    taalhulp: bool
    onderwerpen: str
    code: str = ""  # the household code, in its printed form
    regel: int = 0  # the line in antwoorden.csv (for messages)


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _flag(value: str, path: Path, line: int, column: str) -> bool:
    word = value.strip().casefold()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise UserError(f"In de kolom '{column}' hoort ja of nee (of leeg), niet '{value.strip()}'.", path=path, line=line)


def _moments(value: str) -> frozenset[str]:
    return frozenset(" ".join(part.split()) for part in value.replace(";", ",").split(",") if part.strip())


def _moment_key(text: str) -> str:
    """What makes two spellings one moment: "Dinsdag 8 september 15.00-19.00" is "dinsdag 8 september, 15.00–19.00"."""
    return "".join(ch for ch in strip_accents(text).casefold() if ch.isalnum())


def _known_moments(value: str, known: dict[str, str]) -> tuple[frozenset[str], list[str]]:
    """The moments named in a cell, and the pieces that name none (as typed).

    A moment's own text may hold a comma ("dinsdag 8 september, 15.00–19.00") while the cell
    separates moments with commas too; so pieces are joined again as long as they are the
    start of a known moment, and a piece counts when the joined text is one.
    """
    found: set[str] = set()
    unknown: list[str] = []
    buffer: list[str] = []
    for piece in value.replace(";", ",").split(","):
        if not piece.strip():
            continue
        buffer.append(piece.strip())
        key = _moment_key(",".join(buffer))
        if key in known:
            found.add(known[key])
            buffer = []
        elif not any(name.startswith(key) for name in known):
            # This piece starts no moment with what came before: report what came before on
            # its own (when it was a piece of its own) and start again with this piece.
            if len(buffer) > 1:
                unknown.append(", ".join(buffer[:-1]))
                buffer = buffer[-1:]
                key = _moment_key(buffer[0])
                if key in known:
                    found.add(known[key])
                    buffer = []
                    continue
                if any(name.startswith(key) for name in known):
                    continue
            unknown.append(", ".join(buffer))
            buffer = []
    if buffer:
        unknown.append(", ".join(buffer))
    return frozenset(found), unknown


def read_answers(
    path: Path, class_list: ClassList, secret: bytes | None, *, momenten: Iterable[str] | None = None
) -> dict[tuple[str, int], Answer]:
    """(family.sleutel, household nummer) -> Answer for every row with a reply filled in.

    With `momenten` (the moment names of planning.yaml), a moment name that is not one of
    them is an error with its line number.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()[: MAX_BYTES + 1]
    except FileNotFoundError:
        raise UserError("Dit bestand bestaat niet. Controleer de naam en de map.", path=path) from None
    except OSError as exc:
        raise UserError(f"Dit bestand kan niet gelezen worden ({os_error_text(exc)}).", path=path) from None
    if len(raw) > MAX_BYTES:
        raise UserError("Het bestand is te groot voor antwoorden.csv.", path=path)
    if secret is None:
        raise UserError(
            "Naast dit bestand staat geen bruikbare .kmg-sleutel, dus de codes zijn niet te lezen. "
            "Gebruik antwoorden.csv uit de uitvoermap van kmg build, met .kmg-sleutel ernaast.",
            path=path,
        )
    text = _decode(raw)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        raise UserError("Het bestand is leeg; verwacht is antwoorden.csv van kmg build.", path=path)
    header = [cell.strip().lstrip("\ufeff").casefold() for cell in rows[0]]
    missing = [name for name in ("code", *REPLY_COLUMNS) if name not in header]
    if missing:
        raise UserError(
            f"De kolom '{missing[0]}' ontbreekt in de kopregel; gebruik antwoorden.csv van kmg build.",
            path=path,
            line=1,
        )
    index = {name: header.index(name) for name in HEADER if name in header}
    codes = {code: key for key, code in household_codes(secret, class_list.families).items()}
    known = {_moment_key(m): m for m in momenten} if momenten is not None else None
    answers: dict[tuple[str, int], Answer] = {}
    seen: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(name: str, row: list[str] = row) -> str:
            i = index.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        raw_code = cell("code")
        if not raw_code:
            raise UserError("Deze regel heeft geen code; vul de code van het strookje in.", path=path, line=line)
        code = normalise_code(raw_code)
        if code not in codes:
            raise UserError(
                f"De code '{raw_code}' hoort bij geen huishouden van deze klassenlijst. "
                "Controleer de code op het strookje (en of .kmg-sleutel bij deze klassenlijst hoort).",
                path=path,
                line=line,
            )
        if code in seen:
            raise UserError(f"De code {code} staat er twee keer (ook op regel {seen[code]}).", path=path, line=line)
        seen[code] = line
        if not any(cell(name) for name in REPLY_COLUMNS):
            continue  # no reply (yet)
        if known is None:
            kan, niet = _moments(cell("momenten_kan")), _moments(cell("momenten_niet"))
        else:
            chosen: dict[str, frozenset[str]] = {}
            for column in ("momenten_kan", "momenten_niet"):
                chosen[column], unknown = _known_moments(cell(column), known)
                if unknown:
                    raise UserError(
                        f"Het moment '{unknown[0]}' in de kolom '{column}' staat niet in planning.yaml; "
                        f"kies uit: {'; '.join(known.values())}.",
                        path=path,
                        line=line,
                    )
            kan, niet = chosen["momenten_kan"], chosen["momenten_niet"]
        answers[codes[code]] = Answer(
            komt=cell("komt"),
            kan=kan,
            niet=niet,
            apart=_flag(cell("apart"), path, line, "apart"),
            taalhulp=_flag(cell("taalhulp"), path, line, "taalhulp"),
            onderwerpen=cell("onderwerpen"),
            code=code,
            regel=line,
        )
    return answers
