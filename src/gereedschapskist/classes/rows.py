"""What every class-list reader yields: plain rows of text by column role, with their source position.

A reader (CSV, .xlsx, EDEXML) knows a file format and nothing about pupils; the builder
(`builder.py`) knows pupils, classes and families and nothing about formats. Between them
stand `SourceTable` and `SourceRow`: each row maps a *role* ("roepnaam", "groep",
"ouder1_email", ...) to the cell's cleaned text, and says where it came from so that a
message can name the file, sheet and row without naming the pupil.

Header recognition (which header cell means which role) lives here too, because every
tabular reader (CSV, .xlsx) shares it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..slug import strip_accents

# --- roles -----------------------------------------------------------------------

# Pupil and class roles.
PUPIL_ROLES = (
    "roepnaam",
    "tussenvoegsel",
    "achternaam",
    "naam",  # the whole name in one cell ("Naam", "Volledige naam")
    "groep",
    "leerjaar",
    "leerkracht",
    "leerlingnummer",  # only to tell pupils apart; never printed
    "geboortedatum",  # ISO "YYYY-MM-DD" when the reader could read a date, else the text as written
)
# Per parent/carer n (1 or 2): ouder{n}_naam, _email, _telefoon, _straat, _huisnummer,
# _postcode, _woonplaats. An address column without a number belongs to parent 1.
# "toevoeging" (the "A" of "12 A") was added after the first contract; the builder adds it to the house number.
# "voornaam", "tussenvoegsel" and "achternaam" (a parent's name in three columns, as ParnasSys and
# MijnSchoolInfo export it) were added later too; the builder joins them when there is no "naam".
PARENT_FIELDS = (
    "naam",
    "email",
    "telefoon",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
    "toevoeging",
    "voornaam",
    "tussenvoegsel",
    "achternaam",
)
PARENT_ROLES = tuple(f"ouder{n}_{field_}" for n in (1, 2) for field_ in PARENT_FIELDS)
FAMILY_ROLES = ("gezin", "taal")
ROLES = PUPIL_ROLES + PARENT_ROLES + FAMILY_ROLES


@dataclass(frozen=True)
class Position:
    """Where a row stands in its source: file, sheet (workbooks only) and 1-based row or line."""

    path: Path
    row: int
    sheet: str | None = None

    def __str__(self) -> str:
        if self.sheet is not None:
            return f"{self.path}, blad '{self.sheet}', rij {self.row}"
        return f"{self.path}:{self.row}"


@dataclass(frozen=True)
class SourceRow:
    """One data row: role -> cleaned cell text (roles the source lacks are absent or "")."""

    position: Position
    values: Mapping[str, str]
    # Roles whose cell held a formula without a stored value (a workbook written by a tool that
    # does not calculate): the text is "" but the school should hear why.
    formulas: frozenset[str] = frozenset()

    def get(self, role: str) -> str:
        return self.values.get(role, "")


@dataclass(frozen=True)
class SourceNote:
    """Something a reader noticed that the school should hear (never names a pupil)."""

    position: Position | None
    message: str


@dataclass(frozen=True)
class SourceTable:
    """Everything a reader got out of one file, before any pupil or class exists."""

    path: Path
    rows: Sequence[SourceRow]
    roles: frozenset[str]  # the roles the source has (a column, or an element in EDEXML)
    header: Position | None = None  # where the header row stood (tabular formats)
    ignored_columns: tuple[str, ...] = ()  # header cells that matched no role, as written
    notes: tuple[SourceNote, ...] = field(default=())
    # EDEXML has only the postcode for an address: families found by postcode + surname are a guess.
    postcode_only: bool = False

    @property
    def workbook(self) -> bool:
        """Whether the rows stand on a sheet (a message then says "rij", as Excel does, not "regel")."""
        first = self.header or (self.rows[0].position if self.rows else None)
        return first is not None and first.sheet is not None


# --- header recognition ------------------------------------------------------------

# Role -> header names that mean it, most preferred first (an export with both "Roepnaam"
# and "Voornamen" means the roepnaam). Compared after `header_keys` (lowercase ascii
# letters and digits only), so "Voorvoegsel(s)", "VOORVOEGSELS" and "Tussen voegsel" match.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "roepnaam": ("roepnaam", "voornaam", "voornamen"),
    "tussenvoegsel": ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "voorvoegsels"),
    "achternaam": ("achternaam", "geslachtsnaam", "familienaam"),
    "naam": ("naam", "volledigenaam"),
    "groep": ("groep", "groepsnaam", "klas", "klasnaam"),
    "leerjaar": ("leerjaar", "jaargroep"),
    "leerkracht": ("leerkracht", "leerkrachten", "groepsleerkracht", "mentor"),
    "leerlingnummer": ("leerlingnummer", "leerlingnr", "llnr", "leerlingid"),
    "geboortedatum": ("geboortedatum", "gebdatum", "geboren"),
    "gezin": ("gezin", "gezinsnummer", "gezinscode", "gezinsnr", "gezinsid"),
    "taal": ("thuistaal", "taal", "taalouders", "taalthuis"),
}
# What a parent column is called without its number: "E-mailadres ouder/verzorger 1",
# "Naam ouder 2", "Verzorger 2", "Ouder 1" (a bare "Ouder 1" is that parent's name).
PARENT_HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "naam": ("naam", ""),
    "email": ("emailadres", "email", "mailadres", "mail"),
    "telefoon": ("telefoon", "telefoonnummer", "mobiel", "mobielnummer", "telnr", "tel"),
    "straat": ("straat", "straatnaam", "adres"),
    "huisnummer": ("huisnummer", "huisnr", "nummer"),
    "postcode": ("postcode",),
    "woonplaats": ("woonplaats", "plaats"),
    "toevoeging": ("toevoeging", "huisnummertoevoeging", "huisnrtoevoeging", "toev"),
    "voornaam": ("voornaam", "roepnaam", "voornamen"),
    "tussenvoegsel": ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "voorvoegsels"),
    "achternaam": ("achternaam", "geslachtsnaam", "familienaam"),
}
# "ouder/verzorger 1", "ouder 1", "verzorger 2", "ouder1", "(ouder 2)" at the end or start.
_PARENT_MARK = re.compile(r"(?:ouder(?:verzorger)?|verzorger)([12])")
_PARENT_WORD = re.compile(r"(?:ouders?(?:verzorgers?)?|verzorgers?)$")


def header_keys(name: str) -> tuple[str, ...]:
    """The comparable forms of a header cell: the whole key, and one without "leerling"."""
    key = re.sub(r"[^0-9a-z]", "", strip_accents(name).casefold())
    # Some exports spell the subject out: "Roepnaam leerling", "Leerling achternaam";
    # but "Leerlingnummer" is a name of its own, so the whole key counts too.
    return (key, key.removeprefix("leerling").removesuffix("leerling") or key)


def parent_role(name: str) -> str | None:
    """The parent role of a header cell ("Telefoon ouder/verzorger 2" -> "ouder2_telefoon"), or None.

    An address or phone column without a parent number ("Postcode", "Mobiel") is parent 1's.
    """
    key = re.sub(r"[^0-9a-z]", "", strip_accents(name).casefold())
    mark = _PARENT_MARK.search(key)
    if mark:
        number = mark.group(1)
        rest = key[: mark.start()] + key[mark.end() :]
        for field_, names in PARENT_HEADER_NAMES.items():
            if rest in names:
                return f"ouder{number}_{field_}"
        return None
    # "Naam verzorger", "E-mail ouder": a parent column without a number is parent 1's. A bare
    # "Verzorger" or "Ouder" says too little (it may hold "Moeder" or "Vader"): no role.
    unnumbered = _PARENT_WORD.search(key)
    if unnumbered:
        rest = key[: unnumbered.start()] + key[unnumbered.end() :]
        for field_, names in PARENT_HEADER_NAMES.items():
            if rest and rest in names:
                return f"ouder1_{field_}"
    for field_ in ("email", "telefoon", "straat", "huisnummer", "postcode", "woonplaats", "toevoeging"):
        if key in PARENT_HEADER_NAMES[field_] and key not in ("nummer", "plaats", "adres", "mail", "tel", "toev"):
            return f"ouder1_{field_}"
    if key in ("emailadresouders", "emailouders"):
        return "ouder1_email"
    return None


def recognise_header(cells: Sequence[str]) -> tuple[dict[str, int], tuple[str, ...]]:
    """Role -> column index for a header row, and the non-empty cells that matched no role.

    For each pupil/family role the best-ranked synonym wins; parent roles take the first
    column that names them. A column counts once.
    """
    keys = [header_keys(cell) for cell in cells]
    found: dict[str, int] = {}
    used: set[int] = set()
    for role, names in HEADER_NAMES.items():
        best: int | None = None
        best_rank = len(names)
        for index, cell_keys in enumerate(keys):
            if index in used or not cells[index]:
                continue
            rank = min((names.index(key) for key in cell_keys if key in names), default=len(names))
            if rank < best_rank:
                best, best_rank = index, rank
        if best is not None:
            found[role] = best
            used.add(best)
    for index, cell in enumerate(cells):
        if index in used or not cell:
            continue
        role = parent_role(cell)
        if role is not None and role not in found:
            found[role] = index
            used.add(index)
    ignored = tuple(cell for index, cell in enumerate(cells) if cell and index not in used)
    return found, ignored
